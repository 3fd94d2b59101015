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

/* The weighted loop for the baseline ISA and for AVX2 (one read of
 * memory), csat_count_weighted picking one at run time; the same counts
 * and the same sums, bit for bit (each point's weights added in row
 * order). The AVX2 loop serves scales of at most CSAT_WEIGHTED_MAX_POINTS
 * points, the portable one the rest. Tests call both. */
#define CSAT_WEIGHTED_MAX_POINTS 256
size_t csat_count_weighted_portable(const double *x, const double *w, size_t n, int min, int max,
                                    uint64_t *counts, double *sw, double *sw2, uint64_t *missing,
                                    int *bad_weight);
#if defined(CSAT_HAVE_AVX2_KERNELS) && defined(__GNUC__)
size_t csat_count_weighted_avx2(const double *x, const double *w, size_t n, int min, int max,
                                uint64_t *counts, double *sw, double *sw2, uint64_t *missing,
                                int *bad_weight);
#endif

/* The grouped accumulator's counting (grouped.c): answers x with group
 * codes g (0..groups − 1, or −1 for no group) into a table of cells, (G +
 * 1) rows of k + 1 cells (k = max − min + 1): row 0 for the rows without a
 * group, row d + 1 for group d; in a row, cell j for the answers min + j
 * and cell k for the missing ones (NaN). */

/* Unweighted: check and count the rows into cells in one read of the data.
 * Returns n, or the first invalid row (its code neither −1 nor in
 * 0..groups − 1, or its answer neither NaN nor an integer point of [min,
 * max]), in which case the cells are as they were: what was counted is
 * taken out again. */
size_t csat_count_grouped_unit(const double *x, const int32_t *g, size_t n, int min, int max,
                               size_t groups, uint64_t *cells);

/* Weighted: the same, and a weight refused is an invalid row too; every
 * row is checked before the first is added. Missing answers and rows
 * without a group are counted in cells, the other answers in wcount with
 * their Σw in sw and Σw² in sw2 (tables of the same shape, whose row 0 and
 * column k stay 0). */
size_t csat_count_grouped_weighted(const double *x, const double *w, const int32_t *g, size_t n,
                                   int min, int max, size_t groups, uint64_t *cells,
                                   uint64_t *wcount, double *sw, double *sw2);

/* The same in one pass over memory: blocks of rows are checked, then added
 * while in cache, into a zeroed scratch of records, one per cell of the
 * tables: cell c's count (a double: exact, n < 2^53), Σw and Σw² in rec[c]
 * (the fourth lane stays 0), so that adding a row is one vector addition of
 * (1, w, w², 0). On success, the sums in rec and cells are as
 * csat_count_grouped_weighted leaves sw, sw2 and cells from zero tables
 * (the same additions in the same order), and wcount[c] is rec[c].n; on
 * error, cells is as it was and rec holds part of the rows (thrown away).
 * Cell numbers must fit in 32 bits. */
typedef struct csat_grouped_cell {
    double n, sw, sw2, zero; /* 32 bytes: never across two cache lines */
} csat_grouped_cell;

size_t csat_count_grouped_weighted_once(const double *x, const double *w, const int32_t *g,
                                        size_t n, int min, int max, size_t groups,
                                        uint64_t *cells, csat_grouped_cell *rec);

/* The two loops for the baseline ISA and for AVX2; the functions above
 * pick one at run time. Tests call both. */
size_t csat_count_grouped_unit_portable(const double *x, const int32_t *g, size_t n, int min,
                                        int max, size_t groups, uint64_t *cells);
size_t csat_count_grouped_weighted_portable(const double *x, const double *w, const int32_t *g,
                                            size_t n, int min, int max, size_t groups,
                                            uint64_t *cells, uint64_t *wcount, double *sw,
                                            double *sw2);
size_t csat_count_grouped_weighted_once_portable(const double *x, const double *w,
                                                 const int32_t *g, size_t n, int min, int max,
                                                 size_t groups, uint64_t *cells,
                                                 csat_grouped_cell *rec);
#if defined(CSAT_HAVE_AVX2_KERNELS) && defined(__GNUC__)
size_t csat_count_grouped_weighted_once_avx2(const double *x, const double *w, const int32_t *g,
                                             size_t n, int min, int max, size_t groups,
                                             uint64_t *cells, csat_grouped_cell *rec);
size_t csat_count_grouped_unit_avx2(const double *x, const int32_t *g, size_t n, int min, int max,
                                    size_t groups, uint64_t *cells);
size_t csat_count_grouped_weighted_avx2(const double *x, const double *w, const int32_t *g,
                                        size_t n, int min, int max, size_t groups,
                                        uint64_t *cells, uint64_t *wcount, double *sw,
                                        double *sw2);
#endif

#endif
