/* Mean score from moments or from a tally, and the Customer Effort Score
 * (doc/methods.md, "Mean score", "Customer Effort Score"). */
#include "accum/moments.h"
#include "accum/tally.h"
#include "core/checks.h"
#include "core/error.h"
#include "core/sized.h"
#include "score/estimate.h"
#include "score/input.h"

/* The confidence level of mean options (NULL: the default), checked. */
csat_status csat_mean_level(const csat_mean_options *opt, double *level, csat_error *err)
{
    static const csat_mean_options d = CSAT_MEAN_OPTIONS_DEFAULT;
    csat_mean_options o;
    csat_status st = CSAT_LOAD_OPTIONS(o, opt, d, err);
    if (st == CSAT_OK)
        st = csat_check_level(o.level, err);
    *level = o.level;
    return st;
}

csat_status csat_estimate_state_mean(const csat_moments_state *m, uint64_t design_n,
                                     double level, csat_mean_result *out, csat_error *err)
{
    csat_status st = csat_moments_state_check(m, err);
    return st == CSAT_OK ? csat_estimate_merged_mean(m, design_n, level, out, err) : st;
}

csat_status csat_estimate_merged_mean(const csat_moments_state *m, uint64_t design_n,
                                      double level, csat_mean_result *out, csat_error *err)
{
    /* Σw²(x − x̄)² from the w²-weighted moments, shifted to the w-mean. */
    double shift = m->mean_w2 - m->mean;
    csat_mean_sums s = { m->n, m->n_missing, m->sum_w, m->sum_w2, m->mean, m->m2,
                         m->m2_w2 + m->sum_w2 * shift * shift, m->min, m->max };
    return csat_estimate_mean(&s, design_n, level, out, err);
}

static csat_status mean_of_state(const csat_moments_state *m, double level, csat_mean_result *out,
                                 csat_error *err)
{
    csat_mean_result r;
    csat_status st = csat_estimate_state_mean(m, 0, level, &r, err);
    if (st == CSAT_OK)
        CSAT_STORE(out, r);
    return st;
}

csat_status csat_estimate_moments(const csat_moments_state *m, const csat_mean_options *opt,
                                  csat_mean_result *out, csat_error *err)
{
    double level;
    csat_status st = csat_mean_level(opt, &level, err);
    return st == CSAT_OK ? mean_of_state(m, level, out, err) : st;
}

csat_status csat_moments_mean(const csat_moments *m, const csat_mean_options *opt,
                              csat_mean_result *out, csat_error *err)
{
    CSAT_REQUIRE(m, err);
    CSAT_REQUIRE_OUT(out, err);
    double level;
    csat_status st = csat_mean_level(opt, &level, err);
    return st == CSAT_OK ? mean_of_state(csat_moments_get_state(m), level, out, err) : st;
}

csat_status csat_score_mean(const double *x, size_t n, const double *w,
                            const csat_mean_options *opt, csat_mean_result *out, csat_error *err)
{
    CSAT_REQUIRE(x, err);
    CSAT_REQUIRE_OUT(out, err);
    double level;
    csat_status st = csat_mean_level(opt, &level, err);
    if (st != CSAT_OK)
        return st;
    csat_moments_state m = CSAT_MOMENTS_STATE_INIT;
    st = csat_moments_state_add(&m, x, n, w, err);
    return st == CSAT_OK ? mean_of_state(&m, level, out, err) : st;
}

/* The mean of a tally, into a full *out: two passes over the scale points
 * (not the data), mean, then deviations. */
csat_status csat_estimate_tally_mean(const csat_tally *t, uint64_t design_n, double level,
                                     csat_mean_result *out, csat_error *err)
{
    const int min = csat_tally_min(t);
    const size_t k = csat_tally_points(t);
    csat_mean_sums s = { 0, (size_t)csat_tally_missing(t), 0, 0, 0, 0, 0, 0, 0 };
    double sum = 0;
    int first = 1;
    for (size_t j = 0; j < k; j++) {
        csat_tally_sums at = csat_tally_at(t, j);
        size_t c = (size_t)at.n;
        if (c == 0)
            continue;
        double v = (double)min + (double)j, wj = at.w;
        s.n += c;
        s.sum_w += wj;
        s.sum_w2 += at.w2;
        sum += wj * v;
        if (first)
            s.min = v;
        s.max = v;
        first = 0;
    }
    if (s.sum_w > 0) {
        /* Answers all on one point have that point as their mean, exactly:
         * Σw·v/Σw may round a hair off it and leave a spread of 1e-15. */
        s.mean = s.min == s.max ? s.min : sum / s.sum_w;
        for (size_t j = 0; j < k; j++) {
            csat_tally_sums at = csat_tally_at(t, j);
            double d = (double)min + (double)j - s.mean;
            s.m2 += at.w * d * d;
            s.s2 += at.w2 * d * d;
        }
    }
    return csat_estimate_mean(&s, design_n, level, out, err);
}

csat_status csat_tally_mean(const csat_tally *t, const csat_mean_options *opt,
                            csat_mean_result *out, csat_error *err)
{
    CSAT_REQUIRE(t, err);
    CSAT_REQUIRE_OUT(out, err);
    double level;
    csat_status st = csat_mean_level(opt, &level, err);
    csat_mean_result r;
    if (st == CSAT_OK)
        st = csat_estimate_tally_mean(t, 0, level, &r, err);
    if (st == CSAT_OK)
        CSAT_STORE(out, r);
    return st;
}

static csat_status check_ces(const csat_ces_options *o, csat_error *err)
{
    csat_status st = csat_check_scale(o->scale_min, o->scale_max, err);
    if (st != CSAT_OK)
        return st;
    if (o->low_effort_min < o->scale_min || o->low_effort_min > o->scale_max)
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "low_effort_min %d is outside the scale %d..%d", o->low_effort_min,
                         o->scale_min, o->scale_max);
    return csat_check_level(o->level, err);
}

csat_status csat_estimate_ces(const csat_tally *t, const csat_ces_options *o, uint64_t design_n,
                              csat_mean_result *effort, csat_share_result *low_effort,
                              csat_error *err)
{
    csat_status st = csat_estimate_tally_mean(t, design_n, o->level, effort, err);
    if (st == CSAT_OK)
        st = csat_estimate_share(t, o->low_effort_min, o->scale_max, o->level, low_effort, err);
    return st;
}

static csat_status ces_of_tally(const csat_tally *t, const csat_ces_options *o,
                                csat_mean_result *effort, csat_share_result *low_effort,
                                csat_error *err)
{
    csat_mean_result e;
    csat_share_result l;
    csat_status st = csat_estimate_ces(t, o, 0, &e, &l, err);
    if (st == CSAT_OK) {
        CSAT_STORE(effort, e);
        CSAT_STORE(low_effort, l);
    }
    return st;
}

csat_status csat_ces_options_of_tally(const csat_tally *t, const csat_ces_options *opt,
                                      csat_ces_options *o, csat_error *err)
{
    csat_ces_options d = CSAT_CES_OPTIONS_DEFAULT;
    d.scale_min = csat_tally_min(t);
    d.scale_max = csat_tally_max(t);
    csat_status st = CSAT_LOAD_OPTIONS(*o, opt, d, err);
    if (st == CSAT_OK)
        st = check_ces(o, err);
    if (st == CSAT_OK)
        st = csat_check_tally_scale(t, o->scale_min, o->scale_max, err);
    return st;
}

csat_status csat_tally_ces(const csat_tally *t, const csat_ces_options *opt,
                           csat_mean_result *effort, csat_share_result *low_effort,
                           csat_error *err)
{
    CSAT_REQUIRE(t, err);
    CSAT_REQUIRE_OUT(effort, err);
    CSAT_REQUIRE_OUT(low_effort, err);
    csat_ces_options o;
    csat_status st = csat_ces_options_of_tally(t, opt, &o, err);
    return st == CSAT_OK ? ces_of_tally(t, &o, effort, low_effort, err) : st;
}

csat_status csat_score_ces(const double *x, size_t n, const double *w, const csat_ces_options *opt,
                           csat_mean_result *effort, csat_share_result *low_effort,
                           csat_error *err)
{
    CSAT_REQUIRE_OUT(effort, err);
    CSAT_REQUIRE_OUT(low_effort, err);
    static const csat_ces_options d = CSAT_CES_OPTIONS_DEFAULT;
    csat_ces_options o;
    csat_status st = CSAT_LOAD_OPTIONS(o, opt, d, err);
    if (st == CSAT_OK)
        st = check_ces(&o, err);
    if (st != CSAT_OK)
        return st;
    csat_tally *t = NULL;
    st = csat_tally_from_array(x, n, w, o.scale_min, o.scale_max, &t, err);
    if (st != CSAT_OK)
        return st;
    st = ces_of_tally(t, &o, effort, low_effort, err);
    csat_tally_free(t);
    return st;
}
