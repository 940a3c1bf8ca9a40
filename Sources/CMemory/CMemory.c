#include "CMemory.h"

// <stdlib.h> comes from the C library, which defines __GLIBC__ (stddef.h,
// from the compiler, does not).
#include <stdlib.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

int cmemory_release_free_pages(void) {
#if defined(__GLIBC__)
  return malloc_trim(0);
#else
  return 0;
#endif
}

void cmemory_map_allocations_over(size_t bytes) {
#if defined(__GLIBC__)
  mallopt(M_MMAP_THRESHOLD, (int)bytes);
#else
  (void)bytes;
#endif
}
