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

/* The grouped accumulator's counting (grouped.c): answers x with group
 * codes g (0..groups − 1, or −1 for no group) into counts, a groups × k
 * array (row-major: group, then point; k = max − min + 1), missing (one
 * count per group: NaN answers) and *none (rows without a group, whose
 * answers and weights are checked all the same). */

/* The first row whose code is neither −1 nor in 0..groups − 1, whose
 * answer is neither NaN nor an integer point of [min, max], or (w not
 * NULL) whose weight is refused; n when every row is valid. */
size_t csat_check_grouped(const double *x, const double *w, const int32_t *g, size_t n, int min,
                          int max, size_t groups);

/* Unweighted: check and count a block at a time (one read of the data).
 * Returns n, or the first invalid row, in which case nothing is counted:
 * the blocks already counted are taken out again. */
size_t csat_count_grouped_unit(const double *x, const int32_t *g, size_t n, int min, int max,
                               size_t groups, uint64_t *counts, uint64_t *missing,
                               uint64_t *none);

/* Weighted, rows already checked: counts, Σw and Σw² (groups × k each). */
void csat_count_grouped_weighted(const double *x, const double *w, const int32_t *g, size_t n,
                                 int min, int max, uint64_t *counts, double *sw, double *sw2,
                                 uint64_t *missing, uint64_t *none);

#endif
