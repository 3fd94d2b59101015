/* Internal: sizes computed from caller numbers (n, p, reps, counts) are
 * checked before they are allocated, so that a product that wraps size_t
 * gives CSAT_ERR_OVERFLOW instead of a short buffer. Never installed. */
#ifndef CSAT_LIB_CORE_SIZE_H
#define CSAT_LIB_CORE_SIZE_H

#include <stddef.h>
#include <stdint.h>

#include "csat/common.h"

/* 1 when a · b fits in size_t (and stores it), 0 when it would wrap. */
static inline int csat_size_mul(size_t a, size_t b, size_t *out)
{
    if (b != 0 && a > SIZE_MAX / b)
        return 0;
    *out = a * b;
    return 1;
}

/* 1 when an array of a · b elements of `size` bytes fits in size_t. */
static inline int csat_array_fits(size_t a, size_t b, size_t size)
{
    size_t ab, bytes;
    return csat_size_mul(a, b, &ab) && csat_size_mul(ab, size, &bytes);
}

/* CSAT_ERR_OVERFLOW naming what was being sized. */
csat_status csat_fail_overflow(csat_error *err, const char *what, size_t a, size_t b);

#endif
