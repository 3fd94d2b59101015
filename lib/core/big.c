/* Large arrays on huge pages where the kernel offers them (core/big.h). */
#if defined(__linux__)
#define _DEFAULT_SOURCE /* madvise, posix_memalign */
#include <sys/mman.h>
#endif
#include <stdlib.h>

#include "core/big.h"

#define HUGE_PAGE ((size_t)2 << 20)

void *csat_big_alloc(size_t bytes)
{
    if (bytes == 0)
        return NULL;
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    if (bytes >= 2 * HUGE_PAGE) {
        void *p = NULL;
        if (posix_memalign(&p, HUGE_PAGE, bytes) != 0)
            return NULL;
        /* Advice only: without huge pages the block is as malloc's. */
        (void)madvise(p, bytes, MADV_HUGEPAGE);
        return p;
    }
#endif
    return malloc(bytes);
}

void csat_big_free(void *p)
{
    free(p);
}
