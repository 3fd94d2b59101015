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

/* Weighted moments of a block (moments.c), first pass: s[] = count, Σw,
 * Σw·d, Σw², Σw²·d with d = x − shift over the answers that are not NaN,
 * and their min and max; returns 1 if a weight is refused (csat_weight_ok)
 * or an answer infinite, in which case the results are not to be used. */
int csat_block_wsums_avx2(const double *x, const double *w, size_t len, double shift, double *s,
                          double *min, double *max);

/* Second pass over the same block: q[] = Σw·d², Σw·d, Σw²·e², Σw²·e with
 * d = (x − shift) − mean, e = (x − shift) − mean2, NaN skipped. */
void csat_block_wdev_avx2(const double *x, const double *w, size_t len, double shift, double mean,
                          double mean2, double *q);

/* The lower triangle (l ≤ j) of the co-moments of a block of len rows of
 * k columns (row-major) with weights w (NULL: 1) around mean:
 * c[j·k + l] = Σ_i (w_i·d_ij)·d_il, d_ij = rows[i·k + j] − mean[j], each
 * sum in row order with every product rounded: the bits of the portable
 * loop in accum/xprod.c. The entries above the diagonal are left as they
 * are. buf holds (2·len + k8)·k8 doubles, k8 = k rounded up to a
 * multiple of 8; k ≤ CSAT_DRIVERS_MAX + 1. */
void csat_xprod_lower_avx2(const double *rows, size_t len, size_t k, const double *w,
                           const double *mean, double *c, double *buf);

/* The weighted column sums of such a block for its means, sum[j] =
 * Σ_i w_i·rows[i·k + j] (w NULL: 1) in row order with every product
 * rounded (the portable loop's bits), and each column's smallest and
 * largest value over the rows of positive weight, given the first of them
 * (first < len; lo and hi are meaningless when no row has a positive
 * weight). */
void csat_xprod_block_sums_avx2(const double *rows, size_t len, size_t k, const double *w,
                                size_t first, double *sum, double *lo, double *hi);

/* Rows for the cross-product accumulator: drivers x[i·ld + 0..p−1], then
 * y[i], copied into buf (p + 1 a row) for as long as every value is within
 * ±CSAT_VALUE_MAX (not NaN, not infinite), at most m rows; returns the
 * number copied. */
size_t csat_xprod_copy_rows_avx2(const double *x, size_t ld, const double *y, size_t m, size_t p,
                                 double *buf);

#endif
