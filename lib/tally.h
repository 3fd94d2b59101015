/* Internal: the tally's layout and the counting kernels. Never installed. */
#ifndef CSAT_LIB_TALLY_H
#define CSAT_LIB_TALLY_H

#include <stddef.h>
#include <stdint.h>

#include "csat/accum.h"

/* Unweighted answers only ever touch `unit` (integer counts: merging is
 * exact and the hot loop stays a histogram increment); weighted answers go
 * to `wcount`, `sw` and `sw2`. A point's weight is unit + sw, its squared
 * weight unit + sw2. */
struct csat_tally {
    int min, max;
    size_t k;          /* max − min + 1 */
    uint64_t n_missing;
    uint64_t *unit;    /* k: answers added without weights */
    uint64_t *wcount;  /* k: answers added with weights */
    double *sw;        /* k: Σ w of those */
    double *sw2;       /* k: Σ w² of those */
};

/* Sums over the points [lo, hi] (clipped to the scale). */
typedef struct csat_tally_sums {
    uint64_t n;
    double w;
    double w2;
} csat_tally_sums;

csat_tally_sums csat_tally_range(const csat_tally *t, int lo, int hi);

/* Weight of point index i (0-based) and its squared-weight sum. */
static inline double csat_tally_w(const csat_tally *t, size_t i)
{
    return (double)t->unit[i] + t->sw[i];
}
static inline double csat_tally_w2(const csat_tally *t, size_t i)
{
    return (double)t->unit[i] + t->sw2[i];
}

/* Counting kernels (tally_kernel.c). They add into caller-provided scratch
 * and return the index of the first invalid element, or n when every element
 * is valid. `*bad_weight` tells whether that element failed on its weight. */
size_t csat_count_unit(const double *x, size_t n, int min, int max, uint64_t *counts,
                       size_t copies, uint64_t *missing);
size_t csat_count_weighted(const double *x, const double *w, size_t n, int min, int max,
                           uint64_t *counts, double *sw, double *sw2, uint64_t *missing,
                           int *bad_weight);

#endif
