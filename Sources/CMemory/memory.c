#include "CMemory.h"
// Any C library header defines __GLIBC__ on glibc (through <features.h>); musl has <malloc.h> but no malloc_trim.
#include <stdlib.h>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

int handbook_return_free_memory(void) {
#if defined(__GLIBC__)
    return malloc_trim(0);
#else
    return 0;
#endif
}
