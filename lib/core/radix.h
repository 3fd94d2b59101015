/* Internal: a radix sort of 64-bit keys, for sorts of many numbers whose
 * order is that of their bit patterns (nonnegative doubles, and keys built
 * from them). Never installed. */
#ifndef CSAT_LIB_CORE_RADIX_H
#define CSAT_LIB_CORE_RADIX_H

#include <stddef.h>
#include <stdint.h>

/* Sort keys[0..n−1] ascending, stably, using tmp (n keys) as scratch; the
 * result is in keys. O(n) work for any data, no allocation. */
void csat_radix_sort_u64(uint64_t *keys, uint64_t *tmp, size_t n);

/* The key of a double whose order as an unsigned integer is the double's
 * numeric order (−0 before +0; NaN is not to be sorted), and back. */
static inline uint64_t csat_radix_key_of(double v)
{
    union {
        double d;
        uint64_t u;
    } b = { v };
    /* Negative numbers: every bit flipped (larger magnitude, smaller key);
     * positive ones: the sign bit set, so they follow. */
    return b.u >> 63 ? ~b.u : b.u | (UINT64_C(1) << 63);
}

static inline double csat_radix_double_of(uint64_t key)
{
    union {
        uint64_t u;
        double d;
    } b = { key >> 63 ? key & ~(UINT64_C(1) << 63) : ~key };
    return b.d;
}

#endif
