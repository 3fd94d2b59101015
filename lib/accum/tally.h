/* Internal: what the layers above read from a tally. Never installed.
 *
 * The tally's layout stays in tally.c; the scores see its sums through
 * these functions. They are called once per scale
 * point or per range, never per answer, so the calls cost nothing that
 * shows next to the counting. */
#ifndef CSAT_LIB_ACCUM_TALLY_H
#define CSAT_LIB_ACCUM_TALLY_H

#include <stddef.h>
#include <stdint.h>

#include "csat/accum.h"

/* Answers, Σw and Σw² (an answer added without weights counts 1 in each). */
typedef struct csat_tally_sums {
    uint64_t n;
    double w;
    double w2;
} csat_tally_sums;

/* Sums over the points [lo, hi] (clipped to the scale). */
csat_tally_sums csat_tally_range(const csat_tally *t, int lo, int hi);

/* Sums at point index j, 0 ≤ j < csat_tally_points(t): the point of value
 * csat_tally_min(t) + j. */
csat_tally_sums csat_tally_at(const csat_tally *t, size_t j);

/* The scale [min, max], its number of points, and the missing answers. */
int csat_tally_min(const csat_tally *t);
int csat_tally_max(const csat_tally *t);
size_t csat_tally_points(const csat_tally *t);
uint64_t csat_tally_missing(const csat_tally *t);

/* ------------------------------------------------------------------------ */
/* The tally's per-point layout, for the grouped accumulator (grouped.c),
 * which keeps one such set of arrays per group: unit[j] answers added
 * without weights, wcount[j] with weights, sw[j] and sw2[j] their Σw and
 * Σw². wcount, sw and sw2 may all be NULL: no weighted answer. */

/* Sums over the points [j0, j1) of such arrays, as csat_tally_range adds
 * them (the same additions in the same order). */
csat_tally_sums csat_tally_sums_of(const uint64_t *unit, const uint64_t *wcount, const double *sw,
                                   const double *sw2, size_t j0, size_t j1);

/* Whether k points of such arrays and a missing count are a state that
 * adding and merging can produce (what csat_tally_deserialize accepts);
 * *total receives the answers, missing ones included, when they fit in 64
 * bits. The caller checks its own totals against SIZE_MAX. */
int csat_tally_sums_valid(size_t k, uint64_t n_missing, const uint64_t *unit,
                          const uint64_t *wcount, const double *sw, const double *sw2,
                          uint64_t *total);

/* Empty t (its scale kept), then add such arrays (t's k points) and a
 * missing count to it: t ends as the tally of those answers. */
void csat_tally_clear(csat_tally *t);
void csat_tally_add_sums(csat_tally *t, uint64_t n_missing, const uint64_t *unit,
                         const uint64_t *wcount, const double *sw, const double *sw2);

/* CSAT_ERR_RANGE for the answer x[i], which is neither NaN nor an integer
 * point of [min, max], with the tally's message. */
csat_status csat_tally_bad_answer(int min, int max, const double *x, size_t i, csat_error *err);

#endif
