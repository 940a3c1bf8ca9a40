#ifndef CMEMORY_H
#define CMEMORY_H

/// Gives the C heap's free pages back to the system (glibc's malloc_trim),
/// so that a long indexing run's resident size falls after it frees the
/// buffers of a written segment. Returns 1 if memory was released.
int cmemory_release_free_pages(void);

#endif
