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
/* Stream k of a seed, one per block of work (a replicate, a block of
 * orderings), so that what a block draws does not depend on which thread
 * ran the blocks before it: the generator seeded with seed XOR the first
 * output of splitmix64 started at k. For a given seed distinct k give
 * distinct seeds (splitmix64's output is a bijection of its state). */
void csat_rng_seed_stream(csat_rng *r, uint64_t seed, uint64_t k);
uint64_t csat_rng_next(csat_rng *r);
/* Uniform integer in [0, n), n ≥ 1, without modulo bias (Lemire 2019). */
uint64_t csat_rng_below(csat_rng *r, uint64_t n);

#endif
