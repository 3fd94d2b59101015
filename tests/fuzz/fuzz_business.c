/* Every function of business.h on decoded input (counts, times, flags,
 * codes, rates and ratings, with NaN, ±inf, negative, huge and tiny
 * numbers). On CSAT_OK each result follows its definition: rates in
 * [0, 1], a Kaplan–Meier curve that is a non-increasing survival inside
 * its interval, a Pareto list that is sorted and adds up, quantiles in
 * order, intervals around their estimate.
 *
 * Input: family, then the family's own layout (see each function). */
#include <stdlib.h>

#include "csat.h"
#include "fuzz_check.h"
#include "fuzz_input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { RETENTION, CHURN, CONVERT, SURVIVAL, CLV, RATE, PARETO, RESOLUTION, REVIEWS, FAMILIES };

#define N_MAX 64

static void check_status(csat_status st, const csat_error *err)
{
    if (st != CSAT_OK)
        FUZZ_CHECK(err->code == st && st != CSAT_ERR_NULL && st != CSAT_ERR_FORMAT);
}

/* A flag: 0, 1 or (rarely) something else. */
static double read_flag(fuzz_input *in)
{
    uint8_t b = fuzz_u8(in);
    return b < 0xF0 ? (double)(b & 1) : fuzz_special(in, b);
}

static void check_retention(const csat_retention_result *r)
{
    FUZZ_CHECK(fuzz_within(r->retention, 0, 1, 0));
    FUZZ_CHECK(fuzz_close(r->churn, 1 - r->retention, FUZZ_TOL));
    FUZZ_CHECK(r->at_start > 0 && isfinite(r->at_start));
    FUZZ_CHECK(r->lost >= 0 && isfinite(r->lost));
}

static void fuzz_survival(fuzz_input *in)
{
    size_t n = fuzz_size(in, N_MAX);
    int flagged = fuzz_u8(in) & 1;
    double level = fuzz_level(in), t[N_MAX], obs[N_MAX];
    for (size_t i = 0; i < n; i++) {
        t[i] = fuzz_weight(in);
        obs[i] = read_flag(in);
    }
    double at = fuzz_value(in);
    csat_business_options o = CSAT_BUSINESS_OPTIONS_DEFAULT;
    o.level = level;
    csat_survival *s = NULL;
    csat_error err;
    csat_status st = csat_survival_fit(t, flagged ? obs : NULL, n, &o, &s, &err);
    check_status(st, &err);
    if (st != CSAT_OK) {
        if (st == CSAT_ERR_RANGE)
            FUZZ_CHECK(err.index < n);
        return;
    }
    csat_curve_summary sum = CSAT_RESULT_INIT(csat_curve_summary);
    FUZZ_CHECK(csat_survival_summary(s, &sum, NULL) == CSAT_OK);
    FUZZ_CHECK(sum.n + sum.n_missing == n && sum.events <= sum.n && sum.steps <= sum.events);
    FUZZ_CHECK(sum.level == level);
    FUZZ_CHECK(isnan(sum.median) || sum.median >= 0);
    double prev = 1, prev_time = -INFINITY;
    csat_survival_point pt = CSAT_RESULT_INIT(csat_survival_point);
    for (size_t i = 0; i < sum.steps; i++) {
        FUZZ_CHECK(csat_survival_step(s, i, &pt, NULL) == CSAT_OK);
        FUZZ_CHECK(pt.time > prev_time);
        FUZZ_CHECK(fuzz_within(pt.survival, 0, prev, 0));
        FUZZ_CHECK(pt.se >= 0);
        FUZZ_CHECK(fuzz_within(pt.survival, pt.ci_lower, pt.ci_upper, FUZZ_TOL));
        FUZZ_CHECK(pt.ci_lower >= 0 && pt.ci_upper <= 1);
        FUZZ_CHECK(pt.n_event >= 1 && pt.n_risk >= pt.n_event);
        prev = pt.survival;
        prev_time = pt.time;
    }
    FUZZ_CHECK(csat_survival_step(s, sum.steps, &pt, NULL) == CSAT_ERR_ARGUMENT);
    st = csat_survival_at(s, at, &pt, &err);
    check_status(st, &err);
    if (st == CSAT_OK)
        FUZZ_CHECK(fuzz_within(pt.survival, 0, 1, 0));
    else
        FUZZ_CHECK(!isfinite(at));
    csat_survival_free(s);
}

static void fuzz_pareto(fuzz_input *in)
{
    size_t n = fuzz_size(in, N_MAX);
    double codes[N_MAX];
    for (size_t i = 0; i < n; i++) {
        uint8_t b = fuzz_u8(in);
        codes[i] = b < 0xF0 ? (double)(b % 8) - 2 : fuzz_special(in, b);
    }
    size_t k = SIZE_MAX;
    csat_sample smp = CSAT_RESULT_INIT(csat_sample);
    csat_error err;
    csat_status st = csat_business_complaints(codes, n, NULL, NULL, 0, &k, &smp, &err);
    check_status(st, &err);
    if (st != CSAT_OK) {
        if (st == CSAT_ERR_RANGE)
            FUZZ_CHECK(err.index < n && !isnan(codes[err.index]));
        return;
    }
    FUZZ_CHECK(k >= 1 && k <= smp.n && smp.n + smp.n_missing == n);
    csat_category_count *c = malloc(k * sizeof *c);
    FUZZ_CHECK(c != NULL);
    c[0].size = sizeof *c; /* the stride of the array */
    if (k > 1)
        FUZZ_CHECK(csat_business_complaints(codes, n, NULL, c, k - 1, &k, NULL, NULL)
                   == CSAT_ERR_ARGUMENT);
    FUZZ_CHECK(csat_business_complaints(codes, n, NULL, c, k, &k, NULL, NULL) == CSAT_OK);
    size_t total = 0;
    for (size_t j = 0; j < k; j++) {
        total += c[j].count;
        FUZZ_CHECK(c[j].count >= 1);
        FUZZ_CHECK(fuzz_close(c[j].share, (double)c[j].count / (double)smp.n, FUZZ_TOL));
        FUZZ_CHECK(fuzz_within(c[j].cum_share, 0, 1, FUZZ_TOL));
        if (j > 0) {
            FUZZ_CHECK(c[j].count < c[j - 1].count
                       || (c[j].count == c[j - 1].count && c[j].code > c[j - 1].code));
            FUZZ_CHECK(c[j].cum_share >= c[j - 1].cum_share);
        }
        size_t count = 0;
        for (size_t i = 0; i < n; i++)
            count += !isnan(codes[i]) && codes[i] == (double)c[j].code;
        FUZZ_CHECK(count == c[j].count);
    }
    FUZZ_CHECK(total == smp.n && fuzz_close(c[k - 1].cum_share, 1, FUZZ_TOL));
    free(c);
}

static void fuzz_resolution(fuzz_input *in)
{
    size_t n = fuzz_size(in, N_MAX), m = fuzz_size(in, 5);
    int flagged = fuzz_u8(in) & 1;
    double sla = fuzz_weight(in), t[N_MAX], res[N_MAX], probs[5], q[5];
    for (size_t i = 0; i < n; i++) {
        t[i] = fuzz_weight(in);
        res[i] = read_flag(in);
    }
    for (size_t j = 0; j < m; j++)
        probs[j] = fuzz_weight(in) / 8;
    csat_resolution_result r = CSAT_RESULT_INIT(csat_resolution_result);
    csat_error err;
    csat_status st = csat_business_resolution(t, flagged ? res : NULL, n, sla, m ? probs : NULL, m,
                                              NULL, m ? q : NULL, &r, &err);
    check_status(st, &err);
    if (st != CSAT_OK)
        return;
    FUZZ_CHECK(r.n + r.n_missing == n && r.n_open <= r.n && r.sla == sla);
    double lo = INFINITY, hi = -INFINITY;
    for (size_t i = 0; i < n; i++)
        if (!isnan(t[i]) && (!flagged || res[i] == 1)) {
            lo = fmin(lo, t[i]);
            hi = fmax(hi, t[i]);
        }
    FUZZ_CHECK(lo <= hi);
    FUZZ_CHECK(fuzz_within(r.mean, lo, hi, 1e-12 * hi));
    FUZZ_CHECK(fuzz_within(r.median, lo, hi, 0));
    FUZZ_CHECK(r.n - r.n_open < 2 ? isnan(r.sd) || r.sd >= 0 : r.sd >= 0);
    FUZZ_CHECK(fuzz_within(r.within_sla, 0, 1, 0));
    FUZZ_CHECK(fuzz_within(r.km_within_sla, 0, 1, FUZZ_TOL));
    FUZZ_CHECK(isnan(r.km_median) || r.km_median >= 0);
    for (size_t j = 0; j < m; j++) {
        FUZZ_CHECK(probs[j] >= 0 && probs[j] <= 1);
        FUZZ_CHECK(fuzz_within(q[j], lo, hi, 0));
        for (size_t i = 0; i < j; i++)
            if (probs[i] <= probs[j])
                FUZZ_CHECK(q[i] <= q[j]);
    }
}

static void fuzz_reviews(fuzz_input *in)
{
    csat_reviews_options o = CSAT_REVIEWS_OPTIONS_DEFAULT;
    o.scale_min = fuzz_int(in);
    o.scale_max = fuzz_int(in);
    o.positive_min = fuzz_int(in);
    o.prior_mean = fuzz_value(in);
    o.prior_weight = fuzz_weight(in);
    o.level = fuzz_level(in);
    int use_opt = !(fuzz_u8(in) & 1);
    if (!use_opt)
        o = (csat_reviews_options)CSAT_REVIEWS_OPTIONS_DEFAULT;
    if (fuzz_slow_scale(o.scale_min, o.scale_max, 4096))
        return;
    size_t n = fuzz_size(in, N_MAX);
    double x[N_MAX];
    for (size_t i = 0; i < n; i++)
        x[i] = fuzz_answer(in, o.scale_min, o.scale_max);
    csat_reviews_result r = CSAT_RESULT_INIT(csat_reviews_result);
    csat_mean_result rating = CSAT_RESULT_INIT(csat_mean_result);
    csat_share_result positive = CSAT_RESULT_INIT(csat_share_result);
    csat_error err;
    csat_status st = csat_score_reviews(x, n, use_opt ? &o : NULL, &r, &rating, &positive, &err);
    check_status(st, &err);
    if (st != CSAT_OK)
        return;
    fuzz_check_mean(&rating);
    fuzz_check_share(&positive);
    FUZZ_CHECK(rating.min >= o.scale_min && rating.max <= o.scale_max);
    FUZZ_CHECK(positive.n == rating.n && positive.n_missing == rating.n_missing);
    /* The prior used: the one given, or for NaN the scale's midpoint. */
    double prior = isnan(o.prior_mean) ? ((double)o.scale_min + o.scale_max) / 2 : o.prior_mean;
    FUZZ_CHECK(r.prior_mean == prior && r.prior_weight == o.prior_weight);
    /* Between the prior mean and the sample mean. */
    FUZZ_CHECK(fuzz_within(r.bayesian_average, fmin(r.prior_mean, rating.score),
                           fmax(r.prior_mean, rating.score),
                           1e-12 * (fabs(r.prior_mean) + fabs(rating.score))));
    FUZZ_CHECK(r.wilson_lower == positive.ci_lower);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_input in = fuzz_begin(data, size);
    int family = fuzz_u8(&in) % FAMILIES;
    csat_error err;
    csat_status st;
    switch (family) {
    case RETENTION: {
        double s = fuzz_weight(&in) * 16, e = fuzz_weight(&in) * 16, a = fuzz_weight(&in) * 16;
        csat_retention_result r = CSAT_RESULT_INIT(csat_retention_result);
        st = csat_business_retention(s, e, a, NULL, &r, &err);
        check_status(st, &err);
        if (st == CSAT_OK) {
            check_retention(&r);
            FUZZ_CHECK(r.at_start == s && r.at_end == e && r.acquired == a);
        }
        break;
    }
    case CHURN: {
        size_t n = fuzz_size(&in, N_MAX);
        double t0 = fuzz_value(&in), t1 = fuzz_value(&in), s[N_MAX], e[N_MAX];
        for (size_t i = 0; i < n; i++) {
            s[i] = fuzz_value(&in);
            e[i] = fuzz_value(&in);
        }
        csat_retention_result r = CSAT_RESULT_INIT(csat_retention_result);
        st = csat_business_churn(s, e, n, t0, t1, NULL, &r, &err);
        check_status(st, &err);
        if (st == CSAT_OK) {
            check_retention(&r);
            FUZZ_CHECK(r.at_start <= (double)n && r.lost <= r.at_start);
            FUZZ_CHECK(r.acquired <= (double)n && r.at_end <= (double)n);
        } else if (st == CSAT_ERR_RANGE) {
            FUZZ_CHECK(err.index < n);
        }
        break;
    }
    case CONVERT: {
        double c = fuzz_weight(&in) / 12, k = fuzz_weight(&in), out;
        st = csat_business_churn_convert(c, k, NULL, &out, &err);
        check_status(st, &err);
        if (st == CSAT_OK)
            FUZZ_CHECK(fuzz_within(out, 0, 1, 0));
        break;
    }
    case SURVIVAL: fuzz_survival(&in); break;
    case CLV: {
        double margin = fuzz_value(&in), r = fuzz_weight(&in) / 12, d = fuzz_value(&in) / 16;
        int timing = fuzz_u8(&in) % 3; /* 2 is no timing */
        double horizon = fuzz_weight(&in) * 16, out;
        csat_business_options o = CSAT_BUSINESS_OPTIONS_DEFAULT;
        o.timing = timing;
        o.horizon = horizon;
        st = csat_business_clv(margin, r, d, &o, &out, &err);
        check_status(st, &err);
        if (st == CSAT_OK) {
            FUZZ_CHECK(timing < 2 && !isnan(out));
            /* Every term has the sign of the margin. */
            FUZZ_CHECK(margin >= 0 ? out >= 0 : out <= 0);
        }
        break;
    }
    case RATE: {
        double count = fuzz_weight(&in) * 16, exposure = fuzz_weight(&in) * 16;
        double per = fuzz_weight(&in) * 64, level = fuzz_level(&in);
        csat_business_options o = CSAT_BUSINESS_OPTIONS_DEFAULT;
        o.per = per;
        o.level = level;
        csat_rate_result r = CSAT_RESULT_INIT(csat_rate_result);
        st = csat_business_rate(count, exposure, &o, &r, &err);
        check_status(st, &err);
        if (st == CSAT_OK) {
            FUZZ_CHECK(!isnan(r.rate) && !isnan(r.ci_lower) && !isnan(r.ci_upper));
            FUZZ_CHECK(r.ci_lower >= 0 && r.ci_lower <= r.ci_upper && r.level == level);
            FUZZ_CHECK(r.per == per && r.count == count && r.exposure == exposure);
            /* A rate beyond the range of a double is infinite. */
            if (isfinite(r.rate))
                FUZZ_CHECK(fuzz_within(r.rate, r.ci_lower, r.ci_upper, 1e-12 * r.rate));
        }
        break;
    }
    case PARETO: fuzz_pareto(&in); break;
    case RESOLUTION: fuzz_resolution(&in); break;
    default: fuzz_reviews(&in); break;
    }
    return 0;
}
