#ifndef CMEMORY_H
#define CMEMORY_H

#include <stddef.h>

/// Gives the C heap's free pages back to the system (glibc's malloc_trim),
/// so that a long indexing run's resident size falls after it frees the
/// buffers of a written segment. Returns 1 if memory was released.
int cmemory_release_free_pages(void);

/// Has the C heap serve every allocation of `bytes` or more with a mapping
/// of its own (glibc's M_MMAP_THRESHOLD), returned to the system when freed.
void cmemory_map_allocations_over(size_t bytes);

#endif
