/* Internal: the grouped accumulator as the grouped estimators read it
 * (score/grouped.c). A group's tally or moments are read one group at a
 * time into a caller's scratch, never per answer. Never installed. */
#ifndef CSAT_LIB_ACCUM_GROUPED_H
#define CSAT_LIB_ACCUM_GROUPED_H

#include <stddef.h>
#include <stdint.h>

#include "accum/moments.h"
#include "csat/groups.h"

typedef enum csat_grouped_kind {
    CSAT_GROUPED_TALLY = 0,  /* a tally of the scale per group */
    CSAT_GROUPED_MOMENTS = 1 /* moments of continuous values per group */
} csat_grouped_kind;

csat_grouped_kind csat_grouped_kind_of(const csat_grouped *a);
size_t csat_grouped_count(const csat_grouped *a);   /* G */
int csat_grouped_min(const csat_grouped *a);        /* the scale of a tally accumulator */
int csat_grouped_max(const csat_grouped *a);

/* Fill t, a tally of the accumulator's scale (created by the caller), with
 * group d's counts and sums and its missing count; with complement, with
 * those of every group but d together. */
void csat_grouped_fill_tally(const csat_grouped *a, size_t d, int complement, csat_tally *t);

/* Group d's moments state, or that of every group but d together. */
void csat_grouped_get_moments(const csat_grouped *a, size_t d, int complement,
                              csat_moments_state *out);

/* The sample size N of domain estimation: the valid answers of the whole
 * sample (every group). */
uint64_t csat_grouped_design_n(const csat_grouped *a);

#endif
