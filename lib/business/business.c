/* Business measures (doc/methods.md, "Business measures"): retention and
 * churn, customer lifetime value, rates with exact Poisson intervals,
 * complaints in Pareto order and resolution times. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "business/survival.h"
#include "core/checks.h"
#include "core/error.h"
#include "core/order.h"
#include "core/probability.h"
#include "core/size.h"
#include "core/sized.h"
#include "csat/business.h"
#include "score/estimate.h"

/* The options, NULL: the defaults; each function checks the fields it reads. */
static csat_status load(const csat_business_options *opt, csat_business_options *o,
                        csat_error *err)
{
    static const csat_business_options d = CSAT_BUSINESS_OPTIONS_DEFAULT;
    return CSAT_LOAD_OPTIONS(*o, opt, d, err);
}

csat_status csat_business_retention(double start, double end, double acquired,
                                    const csat_business_options *opt, csat_retention_result *out,
                                    csat_error *err)
{
    CSAT_REQUIRE_OUT(out, err);
    csat_business_options o;
    csat_status st = load(opt, &o, err);
    if (st != CSAT_OK)
        return st;
    if (!(isfinite(start) && isfinite(end) && isfinite(acquired)) || end < 0 || acquired < 0)
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "customer counts must be finite and not negative (S %g, E %g, N %g)",
                         start, end, acquired);
    if (!(start > 0))
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "no customers at the start (S = %g): retention is undefined", start);
    double kept = end - acquired;
    if (kept < 0)
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "inconsistent counts: more new customers (%g) than customers at the "
                         "end (%g)",
                         acquired, end);
    if (kept > start)
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "inconsistent counts: %g customers kept of %g at the start", kept,
                         start);
    csat_retention_result r = { sizeof r, kept / start, 1 - kept / start, start, end, acquired,
                                start + acquired - end };
    CSAT_STORE(out, r);
    return CSAT_OK;
}

csat_status csat_business_churn(const double *start_time, const double *end_time, size_t n,
                                double t0, double t1, const csat_business_options *opt,
                                csat_retention_result *out, csat_error *err)
{
    CSAT_REQUIRE(start_time, err);
    CSAT_REQUIRE(end_time, err);
    CSAT_REQUIRE_OUT(out, err);
    csat_business_options o;
    csat_status st = load(opt, &o, err);
    if (st != CSAT_OK)
        return st;
    if (!(isfinite(t0) && isfinite(t1) && t1 > t0))
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "the period must have finite t0 < t1 (t0 %g, t1 %g)", t0, t1);
    double at_start = 0, lost = 0, acquired = 0, at_end = 0;
    for (size_t i = 0; i < n; i++) {
        double s = start_time[i], e = end_time[i];
        if (!isfinite(s))
            return csat_fail(err, CSAT_ERR_RANGE, i, CSAT_NO_INDEX,
                             "start time %g of customer %zu is not finite", s, i);
        if (!isnan(e) && !(isfinite(e) && e >= s))
            return csat_fail(err, CSAT_ERR_RANGE, i, CSAT_NO_INDEX,
                             "end time %g of customer %zu is before its start %g or infinite",
                             e, i, s);
        int active_t0 = s <= t0 && (isnan(e) || e > t0);
        at_start += active_t0;
        lost += active_t0 && !isnan(e) && e <= t1;
        acquired += s > t0 && s <= t1;
        at_end += s <= t1 && (isnan(e) || e > t1);
    }
    if (at_start == 0)
        return csat_fail(err, CSAT_ERR_EMPTY, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "no customer was active at the start of the period");
    csat_retention_result r = { sizeof r, (at_start - lost) / at_start, lost / at_start, at_start, at_end,
                                acquired, lost };
    CSAT_STORE(out, r);
    return CSAT_OK;
}

csat_status csat_business_churn_convert(double churn, double k, const csat_business_options *opt,
                                        double *out, csat_error *err)
{
    CSAT_REQUIRE(out, err);
    csat_business_options o;
    csat_status st = load(opt, &o, err);
    if (st != CSAT_OK)
        return st;
    if (!(churn >= 0 && churn <= 1) || !(k > 0 && isfinite(k)))
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "need 0 <= churn <= 1 and a finite k > 0 (churn %g, k %g)", churn, k);
    /* 1 − (1 − c)^k through log1p/expm1: exact digits for small rates. */
    *out = churn == 1 ? 1.0 : -expm1(k * log1p(-churn));
    return CSAT_OK;
}

csat_status csat_business_clv(double margin, double retention, double discount,
                              const csat_business_options *opt, double *out, csat_error *err)
{
    CSAT_REQUIRE(out, err);
    csat_business_options o;
    csat_status st = load(opt, &o, err);
    if (st != CSAT_OK)
        return st;
    const csat_clv_timing timing = (csat_clv_timing)o.timing;
    const double horizon = o.horizon;
    if (!isfinite(margin) || !(retention >= 0 && retention <= 1) || !(discount > -1)
        || !isfinite(discount))
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "need a finite margin, 0 <= retention <= 1 and a finite discount > -1");
    if (timing != CSAT_CLV_START_OF_PERIOD && timing != CSAT_CLV_END_OF_PERIOD)
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "unknown CLV timing %d", (int)timing);
    if (!(horizon >= 0) || (isfinite(horizon) && horizon != floor(horizon)))
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "the horizon must be a whole number of periods >= 0 or infinite, not %g",
                         horizon);
    double q = retention / (1 + discount);
    if (isinf(horizon) && !(q < 1))
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "retention %g and discount %g: the infinite sum does not converge",
                         retention, discount);
    /* Σ_{t=0}^{T−1} q^t (start) or Σ_{t=1}^{T} q^t (end) as geometric sums;
     * 1 − q^T as −expm1(T log q) keeps its digits when q^T is near 1. */
    double sum;
    if (isinf(horizon))
        sum = 1 / (1 - q);
    else if (q == 1)
        sum = horizon;
    else if (q == 0)
        sum = horizon > 0 ? 1 : 0;
    else
        sum = -expm1(horizon * log(q)) / (1 - q);
    double clv = margin == 0 ? 0.0 : margin * (timing == CSAT_CLV_END_OF_PERIOD ? q * sum : sum);
    if (!isfinite(clv))
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "the lifetime value of margin %g over %g periods (retention %g, "
                         "discount %g) is beyond the range of a double",
                         margin, horizon, retention, discount);
    *out = clv;
    return CSAT_OK;
}

csat_status csat_business_rate(double count, double exposure, const csat_business_options *opt,
                               csat_rate_result *out, csat_error *err)
{
    CSAT_REQUIRE_OUT(out, err);
    csat_business_options o;
    csat_status st = load(opt, &o, err);
    if (st == CSAT_OK)
        st = csat_check_level(o.level, err);
    if (st != CSAT_OK)
        return st;
    const double per = o.per, level = o.level;
    if (!(count >= 0 && isfinite(count) && count == floor(count)))
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "the count %g is not a whole number >= 0", count);
    /* The gamma quantiles behind the exact interval are accurate to the
     * last digits up to a shape of 1e8 (checked against scipy); beyond, the
     * lower limit drifts (2e-6 relative at 1e10). */
    if (count > 1e8)
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "the count %.17g is above 1e8, the largest for which the exact "
                         "interval is computed",
                         count);
    if (!(exposure > 0 && isfinite(exposure)) || !(per > 0 && isfinite(per)))
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "exposure (%g) and per (%g) must be finite and positive", exposure, per);
    double alpha = 1 - level, f = per / exposure;
    if (!(f > 0 && isfinite(f)))
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "per / exposure = %g / %g is beyond the range of a double", per, exposure);
    csat_rate_result r;
    r.rate = count * f;
    /* Garwood's exact interval from gamma (χ²/2) quantiles. */
    r.ci_lower = count == 0 ? 0.0 : csat_gamma_quantile(alpha / 2, count) * f;
    r.ci_upper = csat_gamma_quantile(1 - alpha / 2, count + 1) * f;
    if (!(isfinite(r.rate) && isfinite(r.ci_lower) && isfinite(r.ci_upper)))
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "the rate %g x %g / %g or its interval is beyond the range of a double",
                         count, per, exposure);
    r.count = count;
    r.exposure = exposure;
    r.per = per;
    r.level = level;
    CSAT_STORE(out, r);
    return CSAT_OK;
}

typedef struct code_count {
    long code;
    size_t count;
} code_count;

static int by_code(const void *x, const void *y)
{
    long a = *(const long *)x, b = *(const long *)y;
    return (a > b) - (a < b);
}

static int by_count(const void *x, const void *y)
{
    const code_count *a = x, *b = y;
    if (a->count != b->count)
        return a->count > b->count ? -1 : 1;
    return (a->code > b->code) - (a->code < b->code);
}

csat_status csat_business_complaints(const double *codes, size_t n,
                                     const csat_business_options *opt, csat_category_count *out,
                                     size_t cap, size_t *n_categories, csat_sample *sample,
                                     csat_error *err)
{
    CSAT_REQUIRE(codes, err);
    CSAT_REQUIRE(n_categories, err);
    if (cap > 0)
        CSAT_REQUIRE_OUT(out, err);
    if (sample != NULL)
        CSAT_REQUIRE_OUT(sample, err);
    csat_business_options o;
    csat_status lst = load(opt, &o, err);
    if (lst != CSAT_OK)
        return lst;
    if (!csat_array_fits(n, 1, sizeof(code_count)))
        return csat_fail_overflow(err, "category codes", n, 1);
    long *v = malloc((n ? n : 1) * sizeof *v);
    if (v == NULL)
        return csat_fail(err, CSAT_ERR_NOMEM, CSAT_NO_INDEX, CSAT_NO_INDEX, NULL);
    size_t m = 0, missing = 0;
    for (size_t i = 0; i < n; i++) {
        double c = codes[i];
        if (isnan(c)) {
            missing++;
            continue;
        }
        if (!(c == floor(c) && fabs(c) <= 9007199254740992.0)) {
            free(v);
            return csat_fail(err, CSAT_ERR_RANGE, i, CSAT_NO_INDEX,
                             "category code %.17g at index %zu is not an integer between "
                             "-2^53 and 2^53 (the integers a double holds exactly)",
                             c, i);
        }
        v[m++] = (long)c;
    }
    if (m == 0) {
        free(v);
        return csat_fail(err, CSAT_ERR_EMPTY, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "no valid (non-missing) category code");
    }
    /* Sort the codes, count runs, then order the runs by count. */
    qsort(v, m, sizeof *v, by_code);
    code_count *runs = malloc(m * sizeof *runs);
    if (runs == NULL) {
        free(v);
        return csat_fail(err, CSAT_ERR_NOMEM, CSAT_NO_INDEX, CSAT_NO_INDEX, NULL);
    }
    size_t k = 0;
    for (size_t i = 0; i < m; i++) {
        if (k > 0 && runs[k - 1].code == v[i])
            runs[k - 1].count++;
        else
            runs[k++] = (code_count){ v[i], 1 };
    }
    free(v);
    csat_status st = CSAT_OK;
    if (cap > 0 && cap < k) {
        st = csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                       "room for %zu categories but there are %zu", cap, k);
    } else {
        qsort(runs, k, sizeof *runs, by_count);
        size_t cum = 0;
        for (size_t i = 0; i < k && cap > 0; i++) {
            cum += runs[i].count;
            csat_category_count c = { sizeof c, runs[i].code, runs[i].count,
                                      (double)runs[i].count / (double)m, (double)cum / (double)m };
            csat_sized_store_at(out, i, &c, sizeof c);
        }
        *n_categories = k;
        if (sample) {
            csat_sample r = { sizeof r, m, missing, (double)m, (double)m };
            CSAT_STORE(sample, r);
        }
    }
    free(runs);
    return st;
}

csat_status csat_business_resolution(const double *time, const double *resolved, size_t n,
                                     double sla, const double *probs, size_t m,
                                     const csat_business_options *opt, double *quantiles,
                                     csat_resolution_result *out, csat_error *err)
{
    CSAT_REQUIRE(time, err);
    CSAT_REQUIRE_OUT(out, err);
    csat_business_options o;
    csat_status lst = load(opt, &o, err);
    if (lst == CSAT_OK)
        lst = csat_check_level(o.level, err);
    if (lst != CSAT_OK)
        return lst;
    if (m > 0) {
        CSAT_REQUIRE(probs, err);
        CSAT_REQUIRE(quantiles, err);
    }
    if (!(sla >= 0 && isfinite(sla)))
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "the SLA %g is not a finite time >= 0", sla);
    for (size_t j = 0; j < m; j++)
        if (!(probs[j] >= 0 && probs[j] <= 1))
            return csat_fail(err, CSAT_ERR_ARGUMENT, j, CSAT_NO_INDEX,
                             "probability %g at index %zu is not in [0, 1]", probs[j], j);
    /* The Kaplan–Meier fit validates times and flags, and counts. */
    csat_survival *km = NULL;
    csat_status st = csat_km_fit(time, resolved, n, o.level, &km, err);
    if (st != CSAT_OK)
        return st;
    double *done = malloc((n ? n : 1) * sizeof *done); /* n fitted above: no overflow */
    if (done == NULL) {
        csat_survival_free(km);
        return csat_fail(err, CSAT_ERR_NOMEM, CSAT_NO_INDEX, CSAT_NO_INDEX, NULL);
    }
    size_t r = 0;
    for (size_t i = 0; i < n; i++) {
        double f = resolved ? resolved[i] : 1.0;
        if (!isnan(time[i]) && f == 1)
            done[r++] = time[i];
    }
    csat_curve_summary ks = CSAT_RESULT_INIT(csat_curve_summary);
    csat_survival_point at = CSAT_RESULT_INIT(csat_survival_point);
    st = csat_survival_summary(km, &ks, err);
    if (st == CSAT_OK)
        st = csat_survival_at(km, sla, &at, err);
    if (st == CSAT_OK && r == 0)
        st = csat_fail(err, CSAT_ERR_EMPTY, CSAT_NO_INDEX, CSAT_NO_INDEX,
                       "no resolved complaint: resolution-time statistics are undefined");
    if (st == CSAT_OK) {
        csat_moments_state mo = CSAT_MOMENTS_STATE_INIT;
        csat_mean_result mr = CSAT_RESULT_INIT(csat_mean_result);
        st = csat_moments_state_add(&mo, done, r, NULL, err);
        if (st == CSAT_OK)
            st = csat_estimate_moments(&mo, NULL, &mr, err);
        if (st == CSAT_OK) {
            csat_sort(done, r);
            size_t within = 0;
            for (size_t i = 0; i < r; i++)
                within += done[i] <= sla;
            csat_resolution_result res = CSAT_RESULT_INIT(csat_resolution_result);
            res.n = ks.n;
            res.n_open = ks.n - r;
            res.n_missing = ks.n_missing;
            res.mean = mr.score;
            res.sd = mr.sd;
            res.median = csat_quantile7(done, r, 0.5);
            res.within_sla = (double)within / (double)r;
            res.km_median = ks.median;
            res.km_within_sla = 1 - at.survival;
            res.sla = sla;
            for (size_t j = 0; j < m; j++)
                quantiles[j] = csat_quantile7(done, r, probs[j]);
            CSAT_STORE(out, res);
        }
    }
    free(done);
    csat_survival_free(km);
    return st;
}
