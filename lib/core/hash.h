/* Internal: a 64-bit mixing function for the open-addressing tables that
 * number label pairs (design/design.c) and code tuples (design/rake.c).
 * Never installed. */
#ifndef CSAT_LIB_CORE_HASH_H
#define CSAT_LIB_CORE_HASH_H

#include <stdint.h>

/* MurmurHash3's finaliser (fmix64): every input bit reaches every output
 * bit, so keys made of small codes spread over the whole table. */
static inline uint64_t csat_hash64(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    return x ^ (x >> 33);
}

#endif
