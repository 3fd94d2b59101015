/* Scores of a design by group (doc/methods.md, "Scores of a design", by
 * group): a group is a domain, its linearised values are 0 outside it,
 * every PSU of the design counts (R's svyby). The estimates are those of
 * the weighted grouped scores (score/grouped_arrays.c); the design's
 * standard errors come from one pass into (group, key) cells. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "accum/grouped.h"
#include "core/error.h"
#include "core/size.h"
#include "core/sized.h"
#include "score/design.h"
#include "score/estimate.h"

static size_t result_size(csat_design_kind k)
{
    return k == CSAT_DESIGN_NPS     ? sizeof(csat_nps_result)
           : k == CSAT_DESIGN_SHARE ? sizeof(csat_share_result)
                                    : sizeof(csat_mean_result);
}

/* The weighted grouped scores of the by-group accumulator, into full
 * structs (groups.h): each group, or with complement each group's rest. */
static csat_status points(const csat_grouped *a, size_t G, const csat_design_question *q,
                          const csat_group_options *gopt, int complement, void *res, int *flags,
                          csat_error *err)
{
    csat_group_options go = CSAT_GROUP_OPTIONS_DEFAULT;
    csat_status s = CSAT_LOAD_OPTIONS(go, gopt, go, err);
    if (s != CSAT_OK)
        return s;
    go.complement = complement;
    *(size_t *)res = result_size(q->kind);
    switch (q->kind) {
    case CSAT_DESIGN_NPS:
        return csat_grouped_nps(a, q->nps, &go, res, flags, G, err);
    case CSAT_DESIGN_SHARE:
        return csat_grouped_box_share(a, q->lo, q->hi, q->scale, &go, res, flags, G, err);
    default:
        return csat_grouped_mean(a, q->mean, &go, res, flags, G, err);
    }
}

/* ȳ, W and the per-row variance of the coded variable of result i. */
static void coded(const csat_design_question *q, const void *res, size_t i, double *ybar,
                  double *W, double *sigma2)
{
    if (q->kind == CSAT_DESIGN_NPS) {
        const csat_nps_result *r = (const csat_nps_result *)res + i;
        *ybar = r->promoters - r->detractors;
        *W = r->n_weighted;
        *sigma2 = r->promoters + r->detractors - *ybar * *ybar;
    } else if (q->kind == CSAT_DESIGN_SHARE) {
        const csat_share_result *r = (const csat_share_result *)res + i;
        *ybar = r->share;
        *W = r->n_weighted;
        *sigma2 = r->share * (1 - r->share);
    } else {
        const csat_mean_result *r = (const csat_mean_result *)res + i;
        *ybar = r->score;
        *W = r->n_weighted;
        *sigma2 = r->n > 1 ? r->sd * r->sd * ((double)r->n - 1) / (double)r->n : 0;
    }
}

static void finish(const csat_design *d, const csat_design_question *q, void *res, size_t i,
                   double var, double sigma2)
{
    if (q->kind == CSAT_DESIGN_NPS)
        csat_design_nps_finish(var, sigma2, (csat_nps_result *)res + i);
    else if (q->kind == CSAT_DESIGN_SHARE)
        csat_design_share_finish(var, (csat_share_result *)res + i);
    else
        csat_design_mean_finish(d, var, sigma2, (csat_mean_result *)res + i);
}

/* The coding and scale of the cells' pass. */
static csat_status cell_coding(const csat_design_question *q, csat_coding *c, int *tally,
                               int *min, int *max, csat_error *err)
{
    csat_status s = CSAT_OK;
    *tally = q->kind != CSAT_DESIGN_MEAN;
    if (q->kind == CSAT_DESIGN_NPS) {
        static const csat_nps_options dflt = CSAT_NPS_OPTIONS_DEFAULT;
        csat_nps_options o;
        s = CSAT_LOAD_OPTIONS(o, q->nps, dflt, err);
        *c = (csat_coding){ CSAT_CODE_NPS, o.detractor_max, o.promoter_min };
        *min = o.scale_min;
        *max = o.scale_max;
    } else if (q->kind == CSAT_DESIGN_SHARE) {
        static const csat_scale_options dflt = CSAT_SCALE_OPTIONS_DEFAULT;
        csat_scale_options o;
        s = CSAT_LOAD_OPTIONS(o, q->scale, dflt, err);
        *c = (csat_coding){ CSAT_CODE_BOX, q->lo, q->hi };
        *min = o.scale_min;
        *max = o.scale_max;
    } else {
        *c = (csat_coding){ CSAT_CODE_VALUE, 0, 0 };
        *min = *max = 0;
    }
    return s;
}

static int usable(const void *res, const csat_design_question *q, size_t i, const int *flags)
{
    double ybar, W, sigma2;
    coded(q, res, i, &ybar, &W, &sigma2);
    return !(flags[i] & CSAT_GROUP_EMPTY) && W > 0;
}

csat_status csat_design_grouped_eval(const csat_design *d, const double *x, const int32_t *g,
                                     size_t G, const csat_design_question *q,
                                     const csat_group_options *gopt, void *groups, int *gflags,
                                     void *rests, int *rflags, double *diff_var, csat_error *err)
{
    if (G == 0 || G > CSAT_GROUPS_MAX / d->K)
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "%zu groups × %zu PSUs (or strata) is beyond the %d cells of an "
                         "accumulator",
                         G, d->K, CSAT_GROUPS_MAX);
    csat_coding c;
    int tally, min, max;
    csat_status s = cell_coding(q, &c, &tally, &min, &max, err);
    /* One pass by group gives the estimates of the groups and of their
     * rests; one by (group, key) cell their design variances. */
    csat_grouped *by = NULL, *a = NULL;
    if (s == CSAT_OK)
        s = tally ? csat_grouped_create(G, min, max, &by, err)
                  : csat_grouped_create_moments(G, &by, err);
    if (s == CSAT_OK)
        s = csat_grouped_add(by, x, d->n, d->w, g, err);
    if (s == CSAT_OK && groups)
        s = points(by, G, q, gopt, 0, groups, gflags, err);
    if (s == CSAT_OK && rests)
        s = points(by, G, q, gopt, 1, rests, rflags, err);
    csat_grouped_free(by);
    if (s == CSAT_OK)
        s = csat_design_pass(d, x, g, G, tally, min, max, &a, err);
    const size_t K = d->K;
    csat_moments_state *st = NULL, *all = NULL;
    csat_lin lg = { 0 }, lr = { 0 };
    if (s == CSAT_OK) {
        st = malloc(G * K * sizeof *st);
        all = rests ? malloc(K * sizeof *all) : NULL;
        if (st == NULL || (rests && all == NULL))
            s = csat_fail(err, CSAT_ERR_NOMEM, CSAT_NO_INDEX, CSAT_NO_INDEX, NULL);
    }
    if (s == CSAT_OK)
        s = csat_design_cells(a, &c, st, err);
    csat_grouped_free(a);
    if (s == CSAT_OK)
        s = csat_lin_new(d, &lg, err);
    if (s == CSAT_OK)
        s = csat_lin_new(d, &lr, err);
    if (s == CSAT_OK && all)
        csat_design_merge_groups(st, G, K, all);
    for (size_t i = 0; s == CSAT_OK && i < G; i++) {
        double yg = 0, Wg = 0, sg = 0, yr = 0, Wr = 0, sr = 0, var;
        int has_g = groups && usable(groups, q, i, gflags);
        int has_r = rests && usable(rests, q, i, rflags);
        if (has_g) {
            coded(q, groups, i, &yg, &Wg, &sg);
            csat_lin_of(d, st + i * K, 1, yg, Wg, &lg);
            s = csat_lin_var(d, &lg, NULL, &var, err);
            if (s == CSAT_OK)
                finish(d, q, groups, i, var, sg);
        }
        if (s == CSAT_OK && has_r) {
            coded(q, rests, i, &yr, &Wr, &sr);
            csat_lin_rest(d, all, st + i * K, 1, yr, Wr, &lr);
            s = csat_lin_var(d, &lr, NULL, &var, err);
            if (s == CSAT_OK)
                finish(d, q, rests, i, var, sr);
        }
        if (s == CSAT_OK && diff_var) {
            diff_var[i] = NAN;
            if (has_g && has_r)
                s = csat_lin_var(d, &lg, &lr, &diff_var[i], err);
        }
    }
    csat_lin_free(&lg);
    csat_lin_free(&lr);
    free(st);
    free(all);
    return s;
}

/* The public grouped functions: results (or rests) stored into the
 * caller's array at its stride. */
static csat_status grouped_public(const csat_design *d, const double *x, const int32_t *g,
                                  size_t G, const csat_design_question *q,
                                  const csat_group_options *gopt, void *out, int *flags,
                                  size_t cap, csat_error *err)
{
    csat_status s = csat_design_require_rows(d, err);
    if (s != CSAT_OK)
        return s;
    CSAT_REQUIRE(x, err);
    CSAT_REQUIRE(g, err);
    CSAT_REQUIRE(out, err);
    const size_t full = result_size(q->kind);
    s = csat_sized_check(out, full, "out", err);
    if (s != CSAT_OK)
        return s;
    if (G == 0 || G > CSAT_GROUPS_MAX)
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "%zu groups: need 1..%d", G, CSAT_GROUPS_MAX);
    if (cap < G)
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "room for %zu results, %zu groups", cap, G);
    csat_group_options go = CSAT_GROUP_OPTIONS_DEFAULT;
    s = CSAT_LOAD_OPTIONS(go, gopt, go, err);
    if (s != CSAT_OK)
        return s;
    if (go.complement != 0 && go.complement != 1)
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "group option complement is %d: 0 (each group) or 1 (the rest)",
                         go.complement);
    void *res = calloc(G, full);
    int *fl = calloc(G, sizeof *fl);
    if (res == NULL || fl == NULL) {
        free(res);
        free(fl);
        return csat_fail(err, CSAT_ERR_NOMEM, CSAT_NO_INDEX, CSAT_NO_INDEX, NULL);
    }
    if (go.complement)
        s = csat_design_grouped_eval(d, x, g, G, q, gopt, NULL, NULL, res, fl, NULL, err);
    else
        s = csat_design_grouped_eval(d, x, g, G, q, gopt, res, fl, NULL, NULL, NULL, err);
    if (s == CSAT_OK) {
        for (size_t i = 0; i < G; i++) {
            /* Each full struct says its own size, as the estimators set it. */
            *(size_t *)((char *)res + i * full) = full;
            csat_sized_store_at(out, i, (char *)res + i * full, full);
        }
        if (flags)
            memcpy(flags, fl, G * sizeof *flags);
    }
    free(res);
    free(fl);
    return s;
}

csat_status csat_design_nps_grouped(const csat_design *d, const double *x, const int32_t *g,
                                    size_t groups, const csat_nps_options *opt,
                                    const csat_group_options *gopt, csat_nps_result *out,
                                    int *flags, size_t cap, csat_error *err)
{
    const csat_design_question q = { CSAT_DESIGN_NPS, opt, NULL, NULL, 0, 0 };
    return grouped_public(d, x, g, groups, &q, gopt, out, flags, cap, err);
}

csat_status csat_design_box_share_grouped(const csat_design *d, const double *x, const int32_t *g,
                                          size_t groups, int lo, int hi,
                                          const csat_scale_options *opt,
                                          const csat_group_options *gopt, csat_share_result *out,
                                          int *flags, size_t cap, csat_error *err)
{
    const csat_design_question q = { CSAT_DESIGN_SHARE, NULL, opt, NULL, lo, hi };
    return grouped_public(d, x, g, groups, &q, gopt, out, flags, cap, err);
}

csat_status csat_design_mean_grouped(const csat_design *d, const double *x, const int32_t *g,
                                     size_t groups, const csat_mean_options *opt,
                                     const csat_group_options *gopt, csat_mean_result *out,
                                     int *flags, size_t cap, csat_error *err)
{
    const csat_design_question q = { CSAT_DESIGN_MEAN, NULL, NULL, opt, 0, 0 };
    return grouped_public(d, x, g, groups, &q, gopt, out, flags, cap, err);
}
