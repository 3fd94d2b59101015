/* Internal: the moments accumulator's state, which the mean score reads
 * (csat_moments_mean, and csat_score_mean without a heap handle). The public
 * csat_moments is an opaque handle around it. Never installed. */
#ifndef CSAT_LIB_ACCUM_MOMENTS_H
#define CSAT_LIB_ACCUM_MOMENTS_H

#include "csat/accum.h"

typedef struct csat_moments_state {
    size_t n;         /* valid observations */
    size_t n_missing; /* NaN observations skipped */
    double sum_w;     /* Σ w */
    double mean;      /* Σ w·x / Σ w (0 while sum_w is 0) */
    double m2;        /* Σ w·(x − mean)² */
    double sum_w2;    /* Σ w² */
    double mean_w2;   /* Σ w²·x / Σ w² */
    double m2_w2;     /* Σ w²·(x − mean_w2)² */
    double min;       /* smallest valid value (0 while n is 0) */
    double max;       /* largest valid value (0 while n is 0) */
} csat_moments_state;

#define CSAT_MOMENTS_STATE_INIT { 0, 0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 }

/* Add n values to a state (as csat_moments_add). */
csat_status csat_moments_state_add(csat_moments_state *m, const double *x, size_t n,
                                   const double *w, csat_error *err);

/* a ← a ∪ b by Chan, Golub & LeVeque's pairwise update, unchecked: the
 * caller knows the counts fit and the sums stay finite (merging states of
 * valid data, or checks the result). csat_moments_merge is this update with
 * the checks; the grouped accumulator merges its groups with it, so that
 * merged groups equal merged csat_moments bit for bit. */
void csat_moments_state_merge(csat_moments_state *a, const csat_moments_state *b);

/* ARGUMENT unless m is a state that add and merge can produce. */
csat_status csat_moments_state_check(const csat_moments_state *m, csat_error *err);

/* The state of a handle. */
const csat_moments_state *csat_moments_get_state(const csat_moments *m);

#endif
