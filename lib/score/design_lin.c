/* Linearised values of designed scores (doc/methods.md, "Scores of a
 * design"): a score is a ratio ȳ = Σ w f / Σ w of a coded variable f, whose
 * linearised value per row is z_i = w_i (f_i − ȳ)/W. Summed per key they
 * come from each cell's moments of f, so the data are read once, by the
 * accumulator pass. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "accum/grouped.h"
#include "accum/tally.h"
#include "core/error.h"
#include "core/probability.h"
#include "score/design.h"
#include "score/estimate.h"

csat_status csat_design_pass(const csat_design *d, const double *x, const int32_t *g,
                             size_t groups, int tally, int min, int max, csat_grouped **out,
                             csat_error *err)
{
    size_t cells = d->K;
    int32_t *codes = NULL;
    if (g) {
        if (groups == 0 || groups > CSAT_GROUPS_MAX / d->K)
            return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                             "%zu groups × %zu PSUs (or strata) is beyond the %d cells of an "
                             "accumulator",
                             groups, d->K, CSAT_GROUPS_MAX);
        cells = groups * d->K;
        codes = malloc(d->n * sizeof *codes);
        if (codes == NULL)
            return csat_fail(err, CSAT_ERR_NOMEM, CSAT_NO_INDEX, CSAT_NO_INDEX, NULL);
        for (size_t i = 0; i < d->n; i++) {
            if (g[i] == CSAT_GROUP_NONE) {
                codes[i] = CSAT_GROUP_NONE;
                continue;
            }
            if (g[i] < 0 || (size_t)g[i] >= groups) {
                free(codes);
                return csat_fail(err, CSAT_ERR_RANGE, i, CSAT_NO_INDEX,
                                 "group code %ld at index %zu is outside 0..%zu (or -1 for none)",
                                 (long)g[i], i, groups - 1);
            }
            codes[i] = (int32_t)((size_t)g[i] * d->K + (size_t)d->key[i]);
        }
    }
    csat_grouped *a = NULL;
    csat_status s = tally ? csat_grouped_create(cells, min, max, &a, err)
                          : csat_grouped_create_moments(cells, &a, err);
    if (s == CSAT_OK)
        s = csat_grouped_add(a, x, d->n, d->w, codes ? codes : d->key, err);
    free(codes);
    if (s != CSAT_OK) {
        csat_grouped_free(a);
        return s;
    }
    *out = a;
    return CSAT_OK;
}

static double code_of(const csat_coding *c, int v)
{
    switch (c->kind) {
    case CSAT_CODE_NPS:
        return v >= c->hi ? 1.0 : v <= c->lo ? -1.0 : 0.0;
    case CSAT_CODE_BOX:
        return v >= c->lo && v <= c->hi ? 1.0 : 0.0;
    default:
        return (double)v;
    }
}

/* The moments of f over a tally: the points are the values, their Σw and
 * Σw² the weights (two passes over the points, not the data). */
static void tally_state(const csat_tally *t, const csat_coding *c, csat_moments_state *m)
{
    const int min = csat_tally_min(t);
    const size_t k = csat_tally_points(t);
    csat_moments_state r = CSAT_MOMENTS_STATE_INIT;
    double swf = 0, sw2f = 0;
    for (size_t j = 0; j < k; j++) {
        csat_tally_sums at = csat_tally_at(t, j);
        double f = code_of(c, min + (int)j);
        r.n += (size_t)at.n;
        r.sum_w += at.w;
        r.sum_w2 += at.w2;
        swf += at.w * f;
        sw2f += at.w2 * f;
    }
    r.mean = r.sum_w > 0 ? swf / r.sum_w : 0;
    r.mean_w2 = r.sum_w2 > 0 ? sw2f / r.sum_w2 : 0;
    for (size_t j = 0; j < k; j++) {
        csat_tally_sums at = csat_tally_at(t, j);
        double f = code_of(c, min + (int)j);
        r.m2 += at.w * (f - r.mean) * (f - r.mean);
        r.m2_w2 += at.w2 * (f - r.mean_w2) * (f - r.mean_w2);
    }
    r.n_missing = (size_t)csat_tally_missing(t);
    *m = r;
}

csat_status csat_design_cells(const csat_grouped *a, const csat_coding *c,
                              csat_moments_state *st, csat_error *err)
{
    const size_t cells = csat_grouped_count(a);
    if (csat_grouped_kind_of(a) == CSAT_GROUPED_MOMENTS) {
        for (size_t k = 0; k < cells; k++)
            csat_grouped_get_moments(a, k, 0, &st[k]);
        return CSAT_OK;
    }
    csat_tally *t = NULL;
    csat_status s = csat_tally_create(csat_grouped_min(a), csat_grouped_max(a), &t, err);
    if (s != CSAT_OK)
        return s;
    for (size_t k = 0; k < cells; k++) {
        csat_grouped_fill_tally(a, k, 0, t);
        tally_state(t, c, &st[k]);
    }
    csat_tally_free(t);
    return CSAT_OK;
}

void csat_design_merge_groups(const csat_moments_state *st, size_t G, size_t K,
                              csat_moments_state *all)
{
    for (size_t k = 0; k < K; k++) {
        csat_moments_state m = CSAT_MOMENTS_STATE_INIT;
        for (size_t g = 0; g < G; g++)
            csat_moments_state_merge(&m, &st[g * K + k]);
        all[k] = m;
    }
}

csat_status csat_lin_new(const csat_design *d, csat_lin *l, csat_error *err)
{
    l->z1 = calloc(d->K, sizeof *l->z1);
    l->z2 = d->rowpsu ? calloc(d->K, sizeof *l->z2) : NULL;
    l->n = calloc(d->K, sizeof *l->n);
    if (l->z1 == NULL || l->n == NULL || (d->rowpsu && l->z2 == NULL)) {
        csat_lin_free(l);
        return csat_fail(err, CSAT_ERR_NOMEM, CSAT_NO_INDEX, CSAT_NO_INDEX, NULL);
    }
    return CSAT_OK;
}

void csat_lin_free(csat_lin *l)
{
    free(l->z1);
    free(l->z2);
    free(l->n);
    l->z1 = l->z2 = NULL;
    l->n = NULL;
}

/* Σ w (f − ȳ) and Σ w² (f − ȳ)² of a cell, from its moments about its own
 * means: no sum of raw values is ever differenced. */
static double s1_of(const csat_moments_state *m, double ybar)
{
    return m->sum_w > 0 ? m->sum_w * (m->mean - ybar) : 0;
}

static double s2_of(const csat_moments_state *m, double ybar)
{
    return m->sum_w2 > 0 ? m->m2_w2 + m->sum_w2 * (m->mean_w2 - ybar) * (m->mean_w2 - ybar) : 0;
}

void csat_lin_of(const csat_design *d, const csat_moments_state *st, size_t stride, double ybar,
                 double W, csat_lin *l)
{
    for (size_t k = 0; k < d->K; k++) {
        const csat_moments_state *m = &st[k * stride];
        l->z1[k] = s1_of(m, ybar) / W;
        if (l->z2)
            l->z2[k] = s2_of(m, ybar) / (W * W);
        l->n[k] = m->n;
    }
}

void csat_lin_rest(const csat_design *d, const csat_moments_state *all,
                   const csat_moments_state *own, size_t stride, double ybar, double W,
                   csat_lin *l)
{
    for (size_t k = 0; k < d->K; k++) {
        const csat_moments_state *m = &own[k * stride];
        l->z1[k] = (s1_of(&all[k], ybar) - s1_of(m, ybar)) / W;
        if (l->z2) {
            /* Sums of non-negative terms: the difference is the rest's,
             * up to rounding, which must not make it negative. */
            double s2 = s2_of(&all[k], ybar) - s2_of(m, ybar);
            l->z2[k] = (s2 > 0 ? s2 : 0) / (W * W);
        }
        l->n[k] = all[k].n - m->n;
    }
}

csat_status csat_lin_var(const csat_design *d, const csat_lin *a, const csat_lin *b, double *var,
                         csat_error *err)
{
    const size_t K = d->K;
    double *z = malloc(K * sizeof *z);
    unsigned char *present = malloc(K);
    double *z2 = d->rowpsu ? malloc(K * sizeof *z2) : NULL;
    csat_status s = CSAT_OK;
    if (z == NULL || present == NULL || (d->rowpsu && z2 == NULL)) {
        s = csat_fail(err, CSAT_ERR_NOMEM, CSAT_NO_INDEX, CSAT_NO_INDEX, NULL);
        goto done;
    }
    for (size_t k = 0; k < K; k++) {
        z[k] = a->z1[k] - (b ? b->z1[k] : 0);
        present[k] = a->n[k] > 0 || (b && b->n[k] > 0);
        /* Disjoint domains: a row's z is in a or in b, never both, so the
         * squares add. */
        if (z2)
            z2[k] = a->z2[k] + (b ? b->z2[k] : 0);
    }
    if (d->rowpsu)
        *var = csat_design_var_strata(d, z, z2, present);
    else
        s = csat_design_cov(d, z, 1, 1, present, var, err);
done:
    free(z);
    free(present);
    free(z2);
    return s;
}

/* σ̂²/Var; n when the variance is 0 (every PSU total alike, or a share of
 * 0 or 1), where the design gives no information on its effect. */
static double effective_n(double var, double sigma2, size_t n)
{
    return var > 0 && sigma2 > 0 ? sigma2 / var : (double)n;
}

static double clip100(double v)
{
    return v < -100 ? -100 : v > 100 ? 100 : v;
}

/* No variance (every stratum with an answer a lonely PSU left out under
 * "average"): no SE, interval or effective n either, whatever the kind. */
static int no_variance(double var, double *se, double *lo, double *hi, double *n_eff)
{
    if (!isnan(var))
        return 0;
    *se = *lo = *hi = *n_eff = NAN;
    return 1;
}

void csat_design_nps_finish(double var, double sigma2, csat_nps_result *r)
{
    if (no_variance(var, &r->se, &r->ci_lower, &r->ci_upper, &r->n_effective))
        return;
    double z = csat_critical(r->level, INFINITY);
    r->n_effective = effective_n(var, sigma2, r->n);
    if (r->method == CSAT_NPS_WALD) {
        r->se = 100 * sqrt(var);
        r->ci_lower = clip100(r->score - z * r->se);
        r->ci_upper = clip100(r->score + z * r->se);
    } else {
        /* Adjusted Wald on the design's effective n (score/nps.c). */
        double m = r->n_effective + 3;
        double p = (r->promoters * r->n_effective + 0.75) / m;
        double q = (r->detractors * r->n_effective + 0.75) / m;
        r->se = 100 * sqrt((p + q - (p - q) * (p - q)) / m);
        r->ci_lower = clip100(100 * (p - q) - z * r->se);
        r->ci_upper = clip100(100 * (p - q) + z * r->se);
    }
}

void csat_design_share_finish(double var, csat_share_result *r)
{
    if (no_variance(var, &r->se, &r->ci_lower, &r->ci_upper, &r->n_effective))
        return;
    double p = r->share;
    r->se = sqrt(var);
    r->n_effective = effective_n(var, p * (1 - p), r->n);
    csat_wilson(p, r->n_effective, r->level, &r->ci_lower, &r->ci_upper);
}

void csat_design_mean_finish(const csat_design *d, double var, double sigma2, csat_mean_result *r)
{
    r->df = d->df;
    if (no_variance(var, &r->se, &r->ci_lower, &r->ci_upper, &r->n_effective))
        return;
    r->se = sqrt(var);
    r->n_effective = effective_n(var, sigma2, r->n);
    r->df = d->df;
    if (d->df > 0 && isfinite(r->se)) {
        double t = csat_critical(r->level, d->df);
        r->ci_lower = r->score - t * r->se;
        r->ci_upper = r->score + t * r->se;
    } else {
        r->ci_lower = r->ci_upper = NAN;
    }
}
