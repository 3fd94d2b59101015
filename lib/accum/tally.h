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

#endif
