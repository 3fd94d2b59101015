/* Scores of a survey design (doc/methods.md, "Scores of a design"): one
 * pass of the rows into an accumulator keyed by PSU (by stratum without
 * clusters), the weighted estimator of score.h on the whole sample, and
 * the design variance of its linearised values. The array functions are
 * that pass followed by the csat_design_psu_* estimators. */
#include <stdlib.h>

#include "accum/grouped.h"
#include "accum/tally.h"
#include "core/checks.h"
#include "core/error.h"
#include "core/sized.h"
#include "score/design.h"
#include "score/estimate.h"

/* ARGUMENT unless a is an accumulator of the design's keys, of the kind asked
 * (tally 1, moments 0, either −1). */
static csat_status check_acc(const csat_design *d, const csat_grouped *a, int tally,
                             csat_error *err)
{
    if (csat_grouped_count(a) != d->K)
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "the accumulator has %zu groups, the design %zu %s", csat_grouped_count(a),
                         d->K, d->rowpsu ? "strata (rows are its PSUs)" : "PSUs");
    int is_tally = csat_grouped_kind_of(a) == CSAT_GROUPED_TALLY;
    if (tally >= 0 && is_tally != tally)
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "this score needs a %s accumulator", tally ? "tally" : "moments");
    return CSAT_OK;
}

/* The whole sample's tally: every key's merged in key order. */
static csat_status total_tally(const csat_grouped *a, csat_tally **out, csat_error *err)
{
    csat_tally *t = NULL, *cell = NULL;
    csat_status s = csat_tally_create(csat_grouped_min(a), csat_grouped_max(a), &t, err);
    if (s == CSAT_OK)
        s = csat_tally_create(csat_grouped_min(a), csat_grouped_max(a), &cell, err);
    for (size_t k = 0; s == CSAT_OK && k < csat_grouped_count(a); k++) {
        csat_grouped_fill_tally(a, k, 0, cell);
        s = csat_tally_merge(t, cell, err);
    }
    csat_tally_free(cell);
    if (s != CSAT_OK) {
        csat_tally_free(t);
        return s;
    }
    *out = t;
    return CSAT_OK;
}

/* The design variance of ȳ = Σwf/W over the whole sample. */
static csat_status whole_var(const csat_design *d, const csat_grouped *a, const csat_coding *c,
                             double ybar, double W, double *var, csat_error *err)
{
    csat_moments_state *st = malloc(d->K * sizeof *st);
    csat_lin l = { 0 };
    csat_status s = st ? CSAT_OK : csat_fail(err, CSAT_ERR_NOMEM, CSAT_NO_INDEX, CSAT_NO_INDEX, NULL);
    if (s == CSAT_OK)
        s = csat_design_cells(a, c, st, err);
    if (s == CSAT_OK)
        s = csat_lin_new(d, &l, err);
    if (s == CSAT_OK) {
        csat_lin_of(d, st, 1, ybar, W, &l);
        s = csat_lin_var(d, &l, NULL, var, err);
    }
    csat_lin_free(&l);
    free(st);
    return s;
}

/* ------------------------------------------------------------------------ */
/* NPS */

static csat_status nps_of(const csat_design *d, const csat_grouped *a, const csat_tally *total,
                          const csat_nps_options *o, csat_nps_result *r, csat_error *err)
{
    csat_status s = csat_estimate_nps(total, o, 0, r, err);
    if (s != CSAT_OK)
        return s;
    const csat_coding c = { CSAT_CODE_NPS, o->detractor_max, o->promoter_min };
    double y = r->promoters - r->detractors, var;
    s = whole_var(d, a, &c, y, r->n_weighted, &var, err);
    if (s == CSAT_OK)
        csat_design_nps_finish(var, r->promoters + r->detractors - y * y, r);
    return s;
}

csat_status csat_design_psu_nps(const csat_design *d, const csat_grouped *by_psu,
                                const csat_nps_options *opt, csat_nps_result *out,
                                csat_error *err)
{
    CSAT_REQUIRE(d, err);
    CSAT_REQUIRE(by_psu, err);
    CSAT_REQUIRE_OUT(out, err);
    csat_status s = check_acc(d, by_psu, 1, err);
    csat_tally *t = NULL;
    if (s == CSAT_OK)
        s = total_tally(by_psu, &t, err);
    csat_nps_options o;
    csat_nps_result r;
    if (s == CSAT_OK)
        s = csat_nps_options_of_tally(t, opt, &o, err);
    if (s == CSAT_OK)
        s = nps_of(d, by_psu, t, &o, &r, err);
    csat_tally_free(t);
    if (s == CSAT_OK)
        CSAT_STORE(out, r);
    return s;
}

/* An empty tally of the options' scale, to check options before the pass
 * as the ungrouped array functions do. */
static csat_status probe(int min, int max, csat_tally **t, csat_error *err)
{
    csat_status s = csat_check_scale(min, max, err);
    return s == CSAT_OK ? csat_tally_create(min, max, t, err) : s;
}

csat_status csat_design_nps(const csat_design *d, const double *x, const csat_nps_options *opt,
                            csat_nps_result *out, csat_error *err)
{
    csat_status s = csat_design_require_rows(d, err);
    if (s != CSAT_OK)
        return s;
    CSAT_REQUIRE(x, err);
    CSAT_REQUIRE_OUT(out, err);
    static const csat_nps_options dflt = CSAT_NPS_OPTIONS_DEFAULT;
    csat_nps_options given, o;
    csat_tally *t = NULL;
    csat_grouped *a = NULL;
    s = CSAT_LOAD_OPTIONS(given, opt, dflt, err);
    if (s == CSAT_OK)
        s = probe(given.scale_min, given.scale_max, &t, err);
    if (s == CSAT_OK)
        s = csat_nps_options_of_tally(t, &given, &o, err);
    csat_tally_free(t);
    t = NULL;
    if (s == CSAT_OK)
        s = csat_design_pass(d, x, NULL, 0, 1, o.scale_min, o.scale_max, &a, err);
    if (s == CSAT_OK)
        s = total_tally(a, &t, err);
    csat_nps_result r;
    if (s == CSAT_OK)
        s = nps_of(d, a, t, &o, &r, err);
    csat_tally_free(t);
    csat_grouped_free(a);
    if (s == CSAT_OK)
        CSAT_STORE(out, r);
    return s;
}

/* ------------------------------------------------------------------------ */
/* Box shares */

static csat_status share_of(const csat_design *d, const csat_grouped *a, const csat_tally *total,
                            const csat_box_range *b, csat_share_result *r, csat_error *err)
{
    csat_status s = csat_estimate_share(total, b->lo, b->hi, b->level, r, err);
    if (s != CSAT_OK)
        return s;
    const csat_coding c = { CSAT_CODE_BOX, b->lo, b->hi };
    double var;
    s = whole_var(d, a, &c, r->share, r->n_weighted, &var, err);
    if (s == CSAT_OK)
        csat_design_share_finish(var, r);
    return s;
}

csat_status csat_design_psu_box_share(const csat_design *d, const csat_grouped *by_psu, int lo,
                                      int hi, const csat_scale_options *opt,
                                      csat_share_result *out, csat_error *err)
{
    CSAT_REQUIRE(d, err);
    CSAT_REQUIRE(by_psu, err);
    CSAT_REQUIRE_OUT(out, err);
    csat_status s = check_acc(d, by_psu, 1, err);
    csat_tally *t = NULL;
    if (s == CSAT_OK)
        s = total_tally(by_psu, &t, err);
    csat_box_range b;
    csat_share_result r;
    if (s == CSAT_OK)
        s = csat_box_range_share(t, lo, hi, opt, &b, err);
    if (s == CSAT_OK)
        s = share_of(d, by_psu, t, &b, &r, err);
    csat_tally_free(t);
    if (s == CSAT_OK)
        CSAT_STORE(out, r);
    return s;
}

/* Which boxes: resolved against a tally by one of score/share.c's rules. */
typedef struct box_question {
    int kind; /* 0 range, 1 csat, 2 top, 3 bottom */
    int lo, hi, k;
    const void *opt;
} box_question;

static csat_status resolve_boxes(const box_question *q, const csat_tally *t, csat_box_range *b,
                                 csat_error *err)
{
    switch (q->kind) {
    case 0:
        return csat_box_range_share(t, q->lo, q->hi, q->opt, b, err);
    case 1:
        return csat_box_range_csat(t, q->opt, b, err);
    case 2:
        return csat_box_range_top(t, q->k, q->opt, b, err);
    default:
        return csat_box_range_bottom(t, q->k, q->opt, b, err);
    }
}

/* The scale the options name (their defaults when NULL). */
static csat_status question_scale(const box_question *q, int *min, int *max, csat_error *err)
{
    if (q->kind == 1) {
        static const csat_csat_options dflt = CSAT_CSAT_OPTIONS_DEFAULT;
        csat_csat_options o;
        csat_status s = CSAT_LOAD_OPTIONS(o, (const csat_csat_options *)q->opt, dflt, err);
        *min = o.scale_min;
        *max = o.scale_max;
        return s;
    }
    static const csat_scale_options dflt = CSAT_SCALE_OPTIONS_DEFAULT;
    csat_scale_options o;
    csat_status s = CSAT_LOAD_OPTIONS(o, (const csat_scale_options *)q->opt, dflt, err);
    *min = o.scale_min;
    *max = o.scale_max;
    return s;
}

static csat_status box_arrays(const csat_design *d, const double *x, const box_question *q,
                              csat_share_result *out, csat_error *err)
{
    csat_status s = csat_design_require_rows(d, err);
    if (s != CSAT_OK)
        return s;
    CSAT_REQUIRE(x, err);
    CSAT_REQUIRE_OUT(out, err);
    int min = 0, max = 0;
    csat_tally *t = NULL;
    csat_grouped *a = NULL;
    csat_box_range b;
    s = question_scale(q, &min, &max, err);
    if (s == CSAT_OK)
        s = probe(min, max, &t, err);
    if (s == CSAT_OK)
        s = resolve_boxes(q, t, &b, err);
    csat_tally_free(t);
    t = NULL;
    if (s == CSAT_OK)
        s = csat_design_pass(d, x, NULL, 0, 1, min, max, &a, err);
    if (s == CSAT_OK)
        s = total_tally(a, &t, err);
    csat_share_result r;
    if (s == CSAT_OK)
        s = share_of(d, a, t, &b, &r, err);
    csat_tally_free(t);
    csat_grouped_free(a);
    if (s == CSAT_OK)
        CSAT_STORE(out, r);
    return s;
}

csat_status csat_design_box_share(const csat_design *d, const double *x, int lo, int hi,
                                  const csat_scale_options *opt, csat_share_result *out,
                                  csat_error *err)
{
    const box_question q = { 0, lo, hi, 0, opt };
    return box_arrays(d, x, &q, out, err);
}

csat_status csat_design_csat(const csat_design *d, const double *x, const csat_csat_options *opt,
                             csat_share_result *out, csat_error *err)
{
    const box_question q = { 1, 0, 0, 0, opt };
    return box_arrays(d, x, &q, out, err);
}

csat_status csat_design_top_box(const csat_design *d, const double *x, int k,
                                const csat_scale_options *opt, csat_share_result *out,
                                csat_error *err)
{
    const box_question q = { 2, 0, 0, k, opt };
    return box_arrays(d, x, &q, out, err);
}

csat_status csat_design_bottom_box(const csat_design *d, const double *x, int k,
                                   const csat_scale_options *opt, csat_share_result *out,
                                   csat_error *err)
{
    const box_question q = { 3, 0, 0, k, opt };
    return box_arrays(d, x, &q, out, err);
}

/* ------------------------------------------------------------------------ */
/* Means: of values (moments per key) or of ratings (tally per key) */

static csat_status mean_of(const csat_design *d, const csat_grouped *a, double level,
                           csat_mean_result *r, csat_error *err)
{
    csat_status s;
    double sigma2;
    if (csat_grouped_kind_of(a) == CSAT_GROUPED_MOMENTS) {
        csat_moments_state m = CSAT_MOMENTS_STATE_INIT, cell;
        for (size_t k = 0; k < d->K; k++) {
            csat_grouped_get_moments(a, k, 0, &cell);
            csat_moments_state_merge(&m, &cell);
        }
        s = csat_estimate_merged_mean(&m, 0, level, r, err);
        sigma2 = m.sum_w > 0 ? m.m2 / m.sum_w : 0;
    } else {
        csat_tally *t = NULL;
        s = total_tally(a, &t, err);
        if (s == CSAT_OK)
            s = csat_estimate_tally_mean(t, 0, level, r, err);
        csat_tally_free(t);
        /* sd = √(n/(n − 1) · m2/W), so m2/W = sd² (n − 1)/n. */
        sigma2 = s == CSAT_OK && r->n > 1 ? r->sd * r->sd * ((double)r->n - 1) / (double)r->n : 0;
    }
    if (s != CSAT_OK)
        return s;
    const csat_coding c = { CSAT_CODE_VALUE, 0, 0 };
    double var;
    s = whole_var(d, a, &c, r->score, r->n_weighted, &var, err);
    if (s == CSAT_OK)
        csat_design_mean_finish(d, var, sigma2, r);
    return s;
}

csat_status csat_design_psu_mean(const csat_design *d, const csat_grouped *by_psu,
                                 const csat_mean_options *opt, csat_mean_result *out,
                                 csat_error *err)
{
    CSAT_REQUIRE(d, err);
    CSAT_REQUIRE(by_psu, err);
    CSAT_REQUIRE_OUT(out, err);
    double level;
    csat_status s = csat_mean_level(opt, &level, err);
    if (s == CSAT_OK)
        s = check_acc(d, by_psu, -1, err);
    csat_mean_result r;
    if (s == CSAT_OK)
        s = mean_of(d, by_psu, level, &r, err);
    if (s == CSAT_OK)
        CSAT_STORE(out, r);
    return s;
}

csat_status csat_design_mean(const csat_design *d, const double *x, const csat_mean_options *opt,
                             csat_mean_result *out, csat_error *err)
{
    csat_status s = csat_design_require_rows(d, err);
    if (s != CSAT_OK)
        return s;
    CSAT_REQUIRE(x, err);
    CSAT_REQUIRE_OUT(out, err);
    double level;
    s = csat_mean_level(opt, &level, err);
    csat_grouped *a = NULL;
    if (s == CSAT_OK)
        s = csat_design_pass(d, x, NULL, 0, 0, 0, 0, &a, err);
    csat_mean_result r;
    if (s == CSAT_OK)
        s = mean_of(d, a, level, &r, err);
    csat_grouped_free(a);
    if (s == CSAT_OK)
        CSAT_STORE(out, r);
    return s;
}

/* ------------------------------------------------------------------------ */
/* CES: the mean effort and the low-effort share, from one tally pass */

csat_status csat_design_ces(const csat_design *d, const double *x, const csat_ces_options *opt,
                            csat_mean_result *effort, csat_share_result *low_effort,
                            csat_error *err)
{
    csat_status s = csat_design_require_rows(d, err);
    if (s != CSAT_OK)
        return s;
    CSAT_REQUIRE(x, err);
    CSAT_REQUIRE_OUT(effort, err);
    CSAT_REQUIRE_OUT(low_effort, err);
    static const csat_ces_options dflt = CSAT_CES_OPTIONS_DEFAULT;
    csat_ces_options given, o;
    csat_tally *t = NULL;
    csat_grouped *a = NULL;
    s = CSAT_LOAD_OPTIONS(given, opt, dflt, err);
    if (s == CSAT_OK)
        s = probe(given.scale_min, given.scale_max, &t, err);
    if (s == CSAT_OK)
        s = csat_ces_options_of_tally(t, &given, &o, err);
    csat_tally_free(t);
    if (s == CSAT_OK)
        s = csat_design_pass(d, x, NULL, 0, 1, o.scale_min, o.scale_max, &a, err);
    csat_mean_result e;
    csat_share_result l;
    if (s == CSAT_OK)
        s = mean_of(d, a, o.level, &e, err);
    if (s == CSAT_OK) {
        const csat_box_range b = { o.scale_min, o.scale_max, o.low_effort_min, o.scale_max,
                                   o.level };
        s = total_tally(a, &t, err);
        if (s == CSAT_OK)
            s = share_of(d, a, t, &b, &l, err);
        csat_tally_free(t);
    }
    csat_grouped_free(a);
    if (s == CSAT_OK) {
        CSAT_STORE(effort, e);
        CSAT_STORE(low_effort, l);
    }
    return s;
}

/* ------------------------------------------------------------------------ */
/* Composite index: the designed mean of the row indices */

typedef struct index_sink {
    const csat_design *d;
    csat_grouped *a;
} index_sink;

static csat_status add_index(void *ctx, const double *index, size_t start, size_t len,
                             csat_error *err)
{
    const index_sink *s = ctx;
    /* Fails only on what csat_index_rows has checked already. */
    return csat_grouped_add(s->a, index, len, s->d->w ? s->d->w + start : NULL,
                            s->d->key + start, err);
}

csat_status csat_design_index(const csat_design *d, const double *x, size_t k, size_t ld,
                              const double *item_min, const double *item_max,
                              const double *item_weights, const csat_mean_options *opt,
                              csat_mean_result *out, csat_error *err)
{
    csat_status s = csat_design_require_rows(d, err);
    if (s != CSAT_OK)
        return s;
    CSAT_REQUIRE(x, err);
    CSAT_REQUIRE(item_min, err);
    CSAT_REQUIRE(item_max, err);
    CSAT_REQUIRE_OUT(out, err);
    double v_sum = 0, level;
    s = csat_index_items(k, ld, item_min, item_max, item_weights, &v_sum, err);
    if (s == CSAT_OK)
        s = csat_mean_level(opt, &level, err);
    index_sink sink = { d, NULL };
    if (s == CSAT_OK)
        s = csat_grouped_create_moments(d->K, &sink.a, err);
    if (s == CSAT_OK)
        s = csat_index_rows(x, d->n, k, ld, d->w, item_min, item_max, item_weights, v_sum,
                            add_index, &sink, err);
    csat_mean_result r;
    if (s == CSAT_OK)
        s = mean_of(d, sink.a, level, &r, err);
    csat_grouped_free(sink.a);
    if (s == CSAT_OK)
        CSAT_STORE(out, r);
    return s;
}
