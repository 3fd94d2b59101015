/* Net Promoter Score (doc/methods.md, "Net Promoter Score"). */
#include <math.h>
#include <string.h>

#include "accum/tally.h"
#include "core/checks.h"
#include "core/error.h"
#include "core/probability.h"
#include "core/sized.h"
#include "csat/score.h"
#include "score/estimate.h"
#include "score/input.h"

static csat_status check_options(const csat_nps_options *o, csat_error *err)
{
    csat_status s = csat_check_scale(o->scale_min, o->scale_max, err);
    if (s != CSAT_OK)
        return s;
    if (o->detractor_max < o->scale_min || o->promoter_min > o->scale_max
        || o->detractor_max >= o->promoter_min)
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "need scale_min <= detractor_max < promoter_min <= scale_max, got "
                         "%d <= %d < %d <= %d",
                         o->scale_min, o->detractor_max, o->promoter_min, o->scale_max);
    if (o->method != CSAT_NPS_WALD && o->method != CSAT_NPS_ADJUSTED_WALD)
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "unknown NPS interval method %d", (int)o->method);
    return csat_check_level(o->level, err);
}

static double clip100(double v)
{
    return v < -100 ? -100 : v > 100 ? 100 : v;
}

/* The grouped NPS (score/grouped.c) calls this too, with the design's N. */
void csat_estimate_nps_empty(const csat_nps_options *o, size_t n_missing, csat_nps_result *out)
{
    /* Field by field on zeros: the padding after `method` reaches the
     * caller too, and must not carry stack bytes. */
    memset(out, 0, sizeof *out);
    out->size = sizeof *out;
    out->score = out->promoters = out->passives = out->detractors = NAN;
    out->se = out->ci_lower = out->ci_upper = NAN;
    out->level = o->level;
    out->method = o->method;
    out->n_missing = n_missing;
}

csat_status csat_estimate_nps(const csat_tally *t, const csat_nps_options *o, uint64_t design_n,
                              csat_nps_result *out, csat_error *err)
{
    int min = csat_tally_min(t), max = csat_tally_max(t);
    csat_tally_sums all = csat_tally_range(t, min, max);
    csat_tally_sums pro = csat_tally_range(t, o->promoter_min, max);
    csat_tally_sums det = csat_tally_range(t, min, o->detractor_max);
    csat_tally_sums pas = csat_tally_range(t, o->detractor_max + 1, o->promoter_min - 1);
    if (all.n == 0)
        return csat_fail(err, CSAT_ERR_EMPTY, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "no valid (non-missing) answer");
    if (!(all.w > 0))
        return csat_fail(err, CSAT_ERR_EMPTY, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "the weights of the %zu valid answers sum to 0", (size_t)all.n);
    csat_nps_result r;
    /* The padding after `method` reaches the caller too: no stack bytes. */
    memset(&r, 0, sizeof r);
    r.promoters = pro.w / all.w;
    r.detractors = det.w / all.w;
    r.passives = pas.w / all.w;
    r.score = 100 * (r.promoters - r.detractors);
    r.level = o->level;
    r.method = o->method;
    r.n = (size_t)all.n;
    r.n_missing = (size_t)csat_tally_missing(t);
    r.n_weighted = all.w;
    r.n_effective = all.w * all.w / all.w2;
    double z = csat_critical(o->level, INFINITY);
    if (o->method == CSAT_NPS_WALD) {
        /* Linearised variance of the mean of the +1/0/−1 coding. */
        double y = r.promoters - r.detractors;
        double s2 = pro.w2 * (1 - y) * (1 - y) + pas.w2 * y * y + det.w2 * (1 + y) * (1 + y);
        double n = design_n > 0 ? (double)design_n : (double)r.n;
        r.se = n > 1 ? 100 * sqrt(n / (n - 1) * s2) / all.w : NAN;
        r.ci_lower = clip100(r.score - z * r.se);
        r.ci_upper = clip100(r.score + z * r.se);
    } else {
        /* A binomial-type variance on n_eff: no N/(N − 1) to replace. */
        double m = r.n_effective + 3;
        double p = (r.promoters * r.n_effective + 0.75) / m;
        double d = (r.detractors * r.n_effective + 0.75) / m;
        double centre = 100 * (p - d);
        r.se = 100 * sqrt((p + d - (p - d) * (p - d)) / m);
        r.ci_lower = clip100(centre - z * r.se);
        r.ci_upper = clip100(centre + z * r.se);
    }
    *out = r;
    return CSAT_OK;
}

csat_status csat_nps_options_of_tally(const csat_tally *t, const csat_nps_options *opt,
                                      csat_nps_options *o, csat_error *err)
{
    csat_nps_options d = CSAT_NPS_OPTIONS_DEFAULT;
    d.scale_min = csat_tally_min(t);
    d.scale_max = csat_tally_max(t);
    csat_status s = CSAT_LOAD_OPTIONS(*o, opt, d, err);
    if (s == CSAT_OK)
        s = check_options(o, err);
    if (s == CSAT_OK)
        s = csat_check_tally_scale(t, o->scale_min, o->scale_max, err);
    return s;
}

csat_status csat_tally_nps(const csat_tally *t, const csat_nps_options *opt, csat_nps_result *out,
                           csat_error *err)
{
    CSAT_REQUIRE(t, err);
    CSAT_REQUIRE_OUT(out, err);
    csat_nps_options o;
    csat_status s = csat_nps_options_of_tally(t, opt, &o, err);
    csat_nps_result r;
    if (s == CSAT_OK)
        s = csat_estimate_nps(t, &o, 0, &r, err);
    if (s == CSAT_OK)
        CSAT_STORE(out, r);
    return s;
}

csat_status csat_score_nps(const double *x, size_t n, const double *w, const csat_nps_options *opt,
                     csat_nps_result *out, csat_error *err)
{
    CSAT_REQUIRE_OUT(out, err);
    static const csat_nps_options d = CSAT_NPS_OPTIONS_DEFAULT;
    csat_nps_options o;
    csat_status s = CSAT_LOAD_OPTIONS(o, opt, d, err);
    if (s == CSAT_OK)
        s = check_options(&o, err);
    if (s != CSAT_OK)
        return s;
    csat_tally *t = NULL;
    s = csat_tally_from_array(x, n, w, o.scale_min, o.scale_max, &t, err);
    if (s != CSAT_OK)
        return s;
    csat_nps_result r;
    s = csat_estimate_nps(t, &o, 0, &r, err);
    csat_tally_free(t);
    if (s == CSAT_OK)
        CSAT_STORE(out, r);
    return s;
}
