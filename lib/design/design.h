/* Internal: the survey design's layout and its linearised variance
 * (doc/methods.md, "Survey designs"). The designed scores (score/design*.c),
 * their comparisons (compare/design.c) and the designed key-driver fit
 * (drivers/design.c) read it. Never installed.
 *
 * Units and keys. The variance is a sum over the first-stage units (PSUs).
 * With clusters a unit is a PSU, and accumulators are keyed by PSU. Without
 * clusters (R's ids = ~1) every row is its own unit: there may be far more
 * of them than an accumulator has groups, so accumulators are keyed by
 * stratum instead and the variance is made from the stratum's sums of
 * linearised values and of their squares (the tally's and the moments'
 * w²-sums), which is the same sum regrouped. */
#ifndef CSAT_LIB_DESIGN_DESIGN_H
#define CSAT_LIB_DESIGN_DESIGN_H

#include <stddef.h>
#include <stdint.h>

#include "csat/design.h"

struct csat_design {
    size_t n;              /* rows; 0 for a design of PSUs */
    double *w;             /* n weights, owned; NULL: every weight 1 */
    int rowpsu;            /* 1: every row is its own PSU (no clusters) */
    size_t U;              /* units: PSUs, or rows when rowpsu */
    size_t K;              /* accumulator keys: PSUs, or strata when rowpsu */
    int32_t *key;          /* n keys of the rows (PSU, or stratum when rowpsu); NULL without rows */
    int32_t *unit_stratum; /* U strata of the units (== key when rowpsu) */
    size_t H;              /* strata */
    size_t *units_in;      /* H: n_h, the units of each stratum */
    double *fpc;           /* H: 1 − n_h/N_h, 1 without a correction */
    int lonely;            /* csat_lonely_psu */
    size_t lonely_strata;  /* strata with one unit */
    double df;             /* R's degf: units − strata, counting those with a row of positive weight */
    double sum_w;
};

/* The weight of row i. */
static inline double csat_design_w(const csat_design *d, size_t i)
{
    return d->w ? d->w[i] : 1.0;
}

/* The stratum of key k (a PSU's stratum; when rowpsu the key is the stratum). */
static inline size_t csat_design_key_stratum(const csat_design *d, size_t k)
{
    return d->rowpsu ? k : (size_t)d->unit_stratum[k];
}

/* NULL when d is NULL; ARGUMENT unless d has rows (the array functions). */
csat_status csat_design_require_rows(const csat_design *d, csat_error *err);

/* How stratum h enters a variance (R's onestrat): its sum of squares
 * around the stratum mean (centre = 1) or around 0 (centre = 0: a lonely
 * PSU under CSAT_LONELY_ADJUST) times `scale`; or not at all with
 * `excluded` (a lonely PSU under CSAT_LONELY_AVERAGE: the sum over the
 * other strata is scaled up instead). scale is 0 for a stratum sampled
 * whole (fpc factor below 1e-7) and for a lonely PSU removed or taken
 * with certainty. */
typedef struct csat_stratum_rule {
    double scale;
    int centre, excluded;
} csat_stratum_rule;

csat_stratum_rule csat_design_stratum_rule(const csat_design *d, size_t h);

/* The factor of CSAT_LONELY_AVERAGE: (present strata) / (present strata
 * not excluded), 1 for the other rules, NaN when every present stratum is
 * excluded. `present` holds H flags. */
double csat_design_average_factor(const csat_design *d, const unsigned char *present);

/* The design covariance of k estimates whose linearised values summed per
 * unit are z (U rows of k, leading dimension ld ≥ k):
 *
 *     V = Σ_h c_h Σ_{i ∈ h} (z_i − z̄_h)(z_i − z̄_h)ᵀ,  c_h = fpc_h n_h/(n_h − 1),
 *
 * with the lonely-PSU rules, as R's onestage and onestrat (survey 4.1).
 * `present` (U flags, or NULL for every unit) marks the units with a row
 * in the estimate's domain: only the strata holding one count as R's
 * strata under CSAT_LONELY_AVERAGE (other strata have z = 0, so no other
 * rule depends on it). V is k × k, row-major. NOMEM for the H × k scratch. */
csat_status csat_design_cov(const csat_design *d, const double *z, size_t k, size_t ld,
                            const unsigned char *present, double *V, csat_error *err);

/* The variance of one estimate from per-stratum sums of its linearised
 * values z_i over the rows of each stratum (s1[h] = Σ z_i, s2[h] = Σ z_i²),
 * for a design without clusters (rowpsu): Σ_h c_h (s2_h − s1_h²/n_h), or
 * c_h s2_h uncentred. present: H flags (strata with a row in the domain). */
double csat_design_var_strata(const csat_design *d, const double *s1, const double *s2,
                              const unsigned char *present);

#endif
