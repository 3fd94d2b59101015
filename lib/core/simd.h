/* Internal: the AVX2 kernels and the run-time check that picks them. Never
 * installed. The generic C loops stay the reference: each AVX2 kernel must
 * give identical counts (tally) or the same sums up to the order of
 * addition (moments), and tests run both. */
#ifndef CSAT_LIB_CORE_SIMD_H
#define CSAT_LIB_CORE_SIMD_H

#include <stddef.h>
#include <stdint.h>

/* 1 when this CPU runs AVX2 and FMA and the library was built with the
 * kernels, else 0. Reads the CPU, keeps no state. tests/test_simd.c calls
 * both paths directly and compares them. */
int csat_simd_available(void);

/* Unweighted tally of a scale of at most CSAT_SIMD_MAX_POINTS points into
 * counts[0..k-1]; returns the index of the first invalid answer, or n. */
#define CSAT_SIMD_MAX_POINTS 16
size_t csat_count_unit_avx2(const double *x, size_t n, int min, int max, uint64_t *counts,
                            uint64_t *missing);

/* Moments of an unweighted block whose values are all finite (the common
 * case). First pass: Σ(x − shift), min, max; returns 1 if some value is NaN
 * or infinite, in which case the results are not to be used. */
int csat_block_sums_avx2(const double *x, size_t len, double shift, double *sum, double *min,
                         double *max);

/* Second pass over such a block: Σ d² and Σ d, d = x − centre. */
void csat_block_dev_avx2(const double *x, size_t len, double centre, double *m2, double *corr);

/* One pass over a block whose values are all finite: Σ d and Σ d² with
 * d = x − centre, min and max; returns 1 if some value is NaN or infinite.
 * With a centre near the block's mean (the running mean of the blocks
 * before it) Σd² − (Σd)²/n loses nothing; the caller checks that. */
int csat_block_onepass_avx2(const double *x, size_t len, double centre, double *s1, double *s2,
                            double *min, double *max);

/* The same for a block with missing values: NaN is skipped and counted
 * out of `count`; returns 1 if a value is infinite. */
int csat_block_sums_masked_avx2(const double *x, size_t len, double shift, double *count,
                                double *sum, double *min, double *max);

/* Second pass skipping NaN: d = (x − shift) − mean. */
void csat_block_dev_masked_avx2(const double *x, size_t len, double shift, double mean,
                                double *m2, double *corr);

#endif
