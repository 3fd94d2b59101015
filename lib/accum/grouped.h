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
 * those of every group but d together, merged in group order at O(G·k):
 * the reference the tests hold csat_grouped_rest to. */
void csat_grouped_fill_tally(const csat_grouped *a, size_t d, int complement, csat_tally *t);

/* Group d's moments state, or that of every group but d together (merged in
 * group order, O(G)). */
void csat_grouped_get_moments(const csat_grouped *a, size_t d, int complement,
                              csat_moments_state *out);

/* The rest of the sample (every group but d) of every group d in turn, at
 * O(k) per group (O(1) for moments) instead of O(G·k): what the estimators
 * use for csat_group_options.complement. Integer counts are the totals
 * over all groups less group d's: exact, the same as merging the other
 * groups. Sums of weights (and moments) are not subtracted, which would
 * cancel when d holds most of the sample, but made of the groups before d
 * (a running prefix) and those after it (suffixes computed once, at the
 * first read): sums of non-negative terms in another order, equal to the
 * group-order merge up to rounding.
 *
 * csat_grouped_rest_new allocates the scratch (O(G·k)) without reading the
 * sums, so that it can be made before the data are added; NULL when out
 * of memory. The accumulator must then not change between the first read
 * and csat_grouped_rest_free. Groups are read in increasing order of d
 * (d = 0, 1, ..., G − 1; skipping some is allowed, going back is not). */
typedef struct csat_grouped_rest csat_grouped_rest;

csat_grouped_rest *csat_grouped_rest_new(const csat_grouped *a);
void csat_grouped_rest_free(csat_grouped_rest *r);

/* As csat_grouped_fill_tally(a, d, 1, t) (a tally accumulator). */
void csat_grouped_rest_tally(csat_grouped_rest *r, size_t d, csat_tally *t);

/* As csat_grouped_get_moments(a, d, 1, out) (a moments accumulator). */
void csat_grouped_rest_moments(csat_grouped_rest *r, size_t d, csat_moments_state *out);

/* The sample size N of domain estimation: the valid answers of the whole
 * sample (every group). */
uint64_t csat_grouped_design_n(const csat_grouped *a);

#endif
