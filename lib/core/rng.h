/* Internal: a seedable, portable random number generator (xoshiro256**,
 * Blackman & Vigna 2018, seeded through splitmix64). The same seed gives
 * the same stream on every platform: only 64-bit integer arithmetic. */
#ifndef CSAT_LIB_CORE_RNG_H
#define CSAT_LIB_CORE_RNG_H

#include <stdint.h>

typedef struct csat_rng {
    uint64_t s[4];
} csat_rng;

void csat_rng_seed(csat_rng *r, uint64_t seed);
uint64_t csat_rng_next(csat_rng *r);
/* Uniform integer in [0, n), n ≥ 1, without modulo bias (Lemire 2019). */
uint64_t csat_rng_below(csat_rng *r, uint64_t n);

#endif
