/* Internal: the tally's portable counting kernels (tally_kernel.c), apart
 * from the tally so that tests/test_simd.c can run them against the AVX2
 * ones. Never installed. */
#ifndef CSAT_LIB_ACCUM_TALLY_KERNEL_H
#define CSAT_LIB_ACCUM_TALLY_KERNEL_H

#include <stddef.h>
#include <stdint.h>

/* The kernels add into caller-provided scratch and return the index of the
 * first invalid element, or n when every element is valid. `*bad_weight`
 * tells whether that element failed on its weight. */
size_t csat_count_unit(const double *x, size_t n, int min, int max, uint64_t *counts,
                       size_t copies, uint64_t *missing);
size_t csat_count_weighted(const double *x, const double *w, size_t n, int min, int max,
                           uint64_t *counts, double *sw, double *sw2, uint64_t *missing,
                           int *bad_weight);

#endif
