/*
 * Tests of the business measures in csat/business.h.
 *
 * Expected values come from tests/reference/business_reference.h, generated
 * by tests/reference/make_business_reference.py: R's survival package
 * (survfit) for Kaplan-Meier curves and their medians, R's poisson.test
 * (checked with scipy and mpmath) for exact Poisson intervals, numpy for
 * quantiles, scipy, statsmodels and mpmath for review ratings, and hand
 * derivations evaluated in exact fractions for retention, churn conversion,
 * customer lifetime value, the churn of a period and the Pareto table; never
 * from libcsat itself. Besides the reference values the suite checks the
 * properties these measures must have (Kaplan-Meier without censoring is one
 * minus the empirical distribution function, converting churn to k periods
 * and back is the identity, a finite-horizon CLV tends to the infinite one,
 * End-of-period CLV is q times the start-of-period one), that a rate's scale
 * and level, a CLV's timing and horizon and a curve's level come from the
 * options, and every bad input each function documents, with the output
 * left untouched by a failing call.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

/* Outputs of this suite made of several results, for the EXPECT_* macros
 * (check.h): a Pareto table with its sample, resolution statistics with
 * their quantiles, and the three results of reviews. */
#define CHECK_SIZED_OUTPUTS                                                                    \
    pareto_out : pareto_out_sized, resolution_out : resolution_out_sized,                      \
    reviews_out : reviews_out_sized,

#include "check.h"
#include "csat.h"

#include "business_reference.h"

/* Closed forms evaluated in a different order than the references: 1e-12
 * relative. The Kaplan-Meier limits go through log and exp of log S; the
 * Poisson limits are gamma quantiles found by iteration. */
#define REF_TOL 1e-12
#define KM_TOL 1e-12
#define RATE_TOL 1e-12

/* Options of the business measures: one level (Kaplan-Meier curves), a
 * rate's scale and level, a CLV's timing and horizon; every other field at
 * its default. */
#define BUSINESS_OPTIONS(level, per, timing, horizon)                                          \
    (&(const csat_business_options){sizeof(csat_business_options), (level), (per), (int)(timing), \
                                    (horizon)})
#define KM_LEVEL(level) BUSINESS_OPTIONS((level), 1.0, CSAT_CLV_END_OF_PERIOD, INFINITY)
#define RATE_PER(per, level) BUSINESS_OPTIONS((level), (per), CSAT_CLV_END_OF_PERIOD, INFINITY)
#define CLV_AT(timing, horizon) BUSINESS_OPTIONS(0.95, 1.0, (timing), (horizon))

/* Outputs of csat_business_complaints, csat_business_resolution and
 * csat_score_reviews, all to be left alone on failure, with the sizes
 * CSAT_RESULT_INIT gives them (the first category gives the stride). */
typedef struct pareto_out {
    csat_category_count c[8];
    size_t ncat;
    csat_sample sample;
} pareto_out;

typedef struct resolution_out {
    csat_resolution_result r;
    double q[2];
} resolution_out;

typedef struct reviews_out {
    csat_reviews_result r;
    csat_mean_result rating;
    csat_share_result positive;
} reviews_out;

static void pareto_out_sized(void *p, size_t total, size_t size)
{
    (void)total;
    (void)size;
    pareto_out *o = p;
    o->c[0].size = sizeof o->c[0];
    o->sample.size = sizeof o->sample;
}

static void resolution_out_sized(void *p, size_t total, size_t size)
{
    (void)total;
    (void)size;
    resolution_out *o = p;
    o->r.size = sizeof o->r;
}

static void reviews_out_sized(void *p, size_t total, size_t size)
{
    (void)total;
    (void)size;
    reviews_out *o = p;
    o->r.size = sizeof o->r;
    o->rating.size = sizeof o->rating;
    o->positive.size = sizeof o->positive;
}

/* ------------------------------------------------------------------------ */
/* Comparison helpers                                                        */

static void check_retention(const cmp_ctx *c, const csat_retention_result *r,
                            const csat_retention_result *w)
{
    cmp_unit(c, "retention", r->retention, w->retention);
    cmp_unit(c, "churn", r->churn, w->churn);
    cmp_scaled(EXACT_OF(c), "at_start", r->at_start, w->at_start, 1.0);
    cmp_scaled(EXACT_OF(c), "at_end", r->at_end, w->at_end, 1.0);
    cmp_scaled(EXACT_OF(c), "acquired", r->acquired, w->acquired, 1.0);
    cmp_unit(c, "lost", r->lost, w->lost);
}

static void check_point(const cmp_ctx *c, const csat_survival_point *r,
                        const csat_survival_point *w)
{
    cmp_scaled(EXACT_OF(c), "time", r->time, w->time, 1.0);
    cmp_scaled(EXACT_OF(c), "n_risk", r->n_risk, w->n_risk, 1.0);
    cmp_scaled(EXACT_OF(c), "n_event", r->n_event, w->n_event, 1.0);
    cmp_scaled(EXACT_OF(c), "n_censor", r->n_censor, w->n_censor, 1.0);
    cmp_rel(c, "survival", r->survival, w->survival);
    /* Where S = 0 the Greenwood SE of S is 0 * inf (R: std.err Inf); the
     * header does not fix a value, so it is not compared there. */
    if (w->survival > 0)
        cmp_rel(c, "se", r->se, w->se);
    cmp_rel(c, "ci_lower", r->ci_lower, w->ci_lower);
    cmp_rel(c, "ci_upper", r->ci_upper, w->ci_upper);
}

static void check_summary(const cmp_ctx *c, const csat_curve_summary *r,
                          const csat_curve_summary *w)
{
    cmp_size(c, "n", r->n, w->n);
    cmp_size(c, "n_missing", r->n_missing, w->n_missing);
    cmp_size(c, "events", r->events, w->events);
    cmp_size(c, "steps", r->steps, w->steps);
    cmp_scaled(EXACT_OF(c), "median", r->median, w->median, 1.0);
    cmp_scaled(EXACT_OF(c), "median_lower", r->median_lower, w->median_lower, 1.0);
    cmp_scaled(EXACT_OF(c), "median_upper", r->median_upper, w->median_upper, 1.0);
    cmp_scaled(EXACT_OF(c), "level", r->level, w->level, 1.0);
}

static void check_rate(const cmp_ctx *c, const csat_rate_result *r, const csat_rate_result *w)
{
    cmp_rel(c, "rate", r->rate, w->rate);
    cmp_rel(c, "ci_lower", r->ci_lower, w->ci_lower);
    cmp_rel(c, "ci_upper", r->ci_upper, w->ci_upper);
    cmp_scaled(EXACT_OF(c), "count", r->count, w->count, 1.0);
    cmp_scaled(EXACT_OF(c), "exposure", r->exposure, w->exposure, 1.0);
    cmp_scaled(EXACT_OF(c), "per", r->per, w->per, 1.0);
    cmp_scaled(EXACT_OF(c), "level", r->level, w->level, 1.0);
}

static void check_resolution(const cmp_ctx *c, const csat_resolution_result *r,
                             const csat_resolution_result *w)
{
    cmp_size(c, "n", r->n, w->n);
    cmp_size(c, "n_open", r->n_open, w->n_open);
    cmp_size(c, "n_missing", r->n_missing, w->n_missing);
    cmp_rel(c, "mean", r->mean, w->mean);
    cmp_rel(c, "sd", r->sd, w->sd);
    cmp_rel(c, "median", r->median, w->median);
    cmp_unit(c, "within_sla", r->within_sla, w->within_sla);
    cmp_rel(c, "km_median", r->km_median, w->km_median);
    cmp_unit(c, "km_within_sla", r->km_within_sla, w->km_within_sla);
    cmp_scaled(EXACT_OF(c), "sla", r->sla, w->sla, 1.0);
}

static void check_mean(const cmp_ctx *c, const csat_mean_result *r, const csat_mean_result *w)
{
    cmp_rel(c, "score", r->score, w->score);
    cmp_rel(c, "sd", r->sd, w->sd);
    cmp_rel(c, "se", r->se, w->se);
    cmp_rel(c, "ci_lower", r->ci_lower, w->ci_lower);
    cmp_rel(c, "ci_upper", r->ci_upper, w->ci_upper);
    cmp_scaled(EXACT_OF(c), "level", r->level, w->level, 1.0);
    cmp_scaled(EXACT_OF(c), "df", r->df, w->df, 1.0);
    cmp_scaled(EXACT_OF(c), "min", r->min, w->min, 1.0);
    cmp_scaled(EXACT_OF(c), "max", r->max, w->max, 1.0);
    cmp_size(c, "n", r->n, w->n);
    cmp_size(c, "n_missing", r->n_missing, w->n_missing);
    cmp_rel(c, "n_weighted", r->n_weighted, w->n_weighted);
    cmp_rel(c, "n_effective", r->n_effective, w->n_effective);
}

/* Two share results; `percent` when w is a reference share, whose SE and
 * interval the script gives in percent (the library's are proportions). */
static void check_share_in(const cmp_ctx *c, const csat_share_result *r,
                           const csat_share_result *w, int percent)
{
    cmp_unit(c, "share", r->share, w->share);
    cmp_unit(c, "score", r->score, w->score);
    void (*cmp)(const cmp_ctx *, const char *, double, double) = percent ? cmp_percent : cmp_share;
    cmp(c, "se", r->se, w->se);
    cmp(c, "ci_lower", r->ci_lower, w->ci_lower);
    cmp(c, "ci_upper", r->ci_upper, w->ci_upper);
    cmp_scaled(EXACT_OF(c), "level", r->level, w->level, 1.0);
    cmp_size(c, "box_min", (size_t)r->box_min, (size_t)w->box_min);
    cmp_size(c, "box_max", (size_t)r->box_max, (size_t)w->box_max);
    cmp_size(c, "n", r->n, w->n);
    cmp_size(c, "n_missing", r->n_missing, w->n_missing);
    cmp_rel(c, "n_weighted", r->n_weighted, w->n_weighted);
    cmp_rel(c, "n_effective", r->n_effective, w->n_effective);
}

static void check_share(const cmp_ctx *c, const csat_share_result *r, const csat_share_result *w)
{
    check_share_in(c, r, w, 0);
}

/* The three results of csat_score_reviews against the three references
 * (REF_REVIEWS*, REF_REVIEWS*_RATING, REF_REVIEWS*_POSITIVE). */
static void check_reviews(const cmp_ctx *c, const csat_reviews_result *r,
                          const csat_mean_result *rating, const csat_share_result *positive,
                          const csat_reviews_result *w, const csat_mean_result *w_rating,
                          const csat_share_result *w_positive)
{
    check_mean(c, rating, w_rating);
    cmp_rel(c, "bayesian_average", r->bayesian_average, w->bayesian_average);
    check_share_in(c, positive, w_positive, 1);
    cmp_share(c, "wilson_lower", r->wilson_lower, w->wilson_lower);
    /* The ranking limit is the positive share's Wilson lower limit itself. */
    assert_true(r->wilson_lower == positive->ci_lower);
    /* The prior is the one the reference used. */
    assert_true(r->prior_mean == w->prior_mean && r->prior_weight == w->prior_weight);
}

/* ------------------------------------------------------------------------ */
/* Retention and churn                                                       */

static void test_retention_from_counts_matches_the_hand_derivations(void **state)
{
    (void)state;
    csat_error err;
    for (size_t i = 0; i < ARRAY_LEN(REF_RETENTION); i++) {
        const csat_retention_result *w = &REF_RETENTION[i];
        csat_retention_result r = CSAT_RESULT_INIT(csat_retention_result);
        OK(csat_business_retention(w->at_start, w->at_end, w->acquired, NULL, &r, &err));
        check_retention(CTX("REF_RETENTION", REF_TOL), &r, w);
        assert_true(r.retention + r.churn == 1.0);
    }
}

static void test_churn_of_a_period_counts_customers_by_the_documented_rules(void **state)
{
    (void)state;
    csat_retention_result r = CSAT_RESULT_INIT(csat_retention_result);
    csat_error err;
    OK(csat_business_churn(DATA_CHURN_START, DATA_CHURN_END, DATA_CHURN_N, DATA_CHURN_T0,
                           DATA_CHURN_T1, NULL, &r, &err));
    check_retention(CTX("REF_CHURN_PERIOD", REF_TOL), &r, &REF_CHURN_PERIOD);
    /* The order of the customers does not matter. */
    double s[DATA_CHURN_N], e[DATA_CHURN_N];
    for (size_t i = 0; i < DATA_CHURN_N; i++) {
        s[(5 * i + 2) % DATA_CHURN_N] = DATA_CHURN_START[i];
        e[(5 * i + 2) % DATA_CHURN_N] = DATA_CHURN_END[i];
    }
    csat_retention_result p = CSAT_RESULT_INIT(csat_retention_result);
    OK(csat_business_churn(s, e, DATA_CHURN_N, DATA_CHURN_T0, DATA_CHURN_T1, NULL, &p, &err));
    assert_memory_equal(&p, &r, sizeof p);
}

static void test_churn_conversion_matches_the_exact_power(void **state)
{
    (void)state;
    csat_error err;
    for (size_t i = 0; i < ARRAY_LEN(REF_CHURN_CONVERT); i++) {
        double r;
        OK(csat_business_churn_convert(REF_CHURN_CONVERT[i][0], REF_CHURN_CONVERT[i][1], NULL, &r,
                                       &err));
        cmp_unit(CTX("REF_CHURN_CONVERT", REF_TOL), "churn", r, REF_CHURN_CONVERT[i][2]);
    }
}

static void test_churn_conversion_to_k_periods_and_back_is_the_identity(void **state)
{
    (void)state;
    /* (1 - c)^k for c near 1 and large k leaves few significant digits in
     * 1 - converted, so the round trip is checked where it is well
     * conditioned. */
    const double churn[] = {0.0, 0.001, 0.02, 0.15, 0.5};
    const double k[] = {12.0, 4.0, 0.25, 1.0 / 12.0, 3.5};
    csat_error err;
    for (size_t i = 0; i < ARRAY_LEN(churn); i++) {
        for (size_t j = 0; j < ARRAY_LEN(k); j++) {
            double there, back;
            OK(csat_business_churn_convert(churn[i], k[j], NULL, &there, &err));
            OK(csat_business_churn_convert(there, 1.0 / k[j], NULL, &back, &err));
            cmp_unit(CTX("churn round trip", 1e-12), "churn", back, churn[i]);
            /* Longer periods lose more customers. */
            if (churn[i] > 0)
                assert_true(k[j] > 1 ? there > churn[i] : there <= churn[i]);
        }
    }
}

/* ------------------------------------------------------------------------ */
/* Customer lifetime value                                                   */

static void test_clv_matches_exact_sums_and_closed_forms(void **state)
{
    (void)state;
    csat_error err;
    for (size_t i = 0; i < ARRAY_LEN(REF_CLV); i++) {
        const double *c = REF_CLV[i];
        double v;
        OK(csat_business_clv(c[0], c[1], c[2], CLV_AT((csat_clv_timing)(int)c[3], c[4]), &v, &err));
        char name[64];
        snprintf(name, sizeof name, "REF_CLV[%zu]", i);
        cmp_rel(CTX(name, REF_TOL), "clv", v, c[5]);
    }
}

static void test_clv_of_a_growing_horizon_tends_to_the_infinite_one(void **state)
{
    (void)state;
    const csat_clv_timing timings[] = {CSAT_CLV_START_OF_PERIOD, CSAT_CLV_END_OF_PERIOD};
    csat_error err;
    for (size_t t = 0; t < 2; t++) {
        double inf, prev = 0.0, v;
        OK(csat_business_clv(120.0, 0.85, 0.02, CLV_AT(timings[t], INFINITY), &inf, &err));
        for (double T = 1; T <= 4096; T *= 2) {
            OK(csat_business_clv(120.0, 0.85, 0.02, CLV_AT(timings[t], T), &v, &err));
            /* Increasing until q^T no longer changes the sum in doubles. */
            assert_true((T <= 64 ? v > prev : v >= prev) && v <= inf * (1 + 1e-15));
            prev = v;
        }
        /* q = 0.85/1.02: q^4096 is far below 1e-300. */
        cmp_rel(CTX("T = 4096 vs infinite", 1e-13), "clv", v, inf);
    }
}

static void test_end_of_period_clv_is_q_times_start_of_period(void **state)
{
    (void)state;
    const double T[] = {1, 2, 3, 10, 37};
    csat_error err;
    for (size_t i = 0; i < ARRAY_LEN(T); i++) {
        double s, e;
        OK(csat_business_clv(75.0, 0.7, 0.08, CLV_AT(CSAT_CLV_START_OF_PERIOD, T[i]), &s, &err));
        OK(csat_business_clv(75.0, 0.7, 0.08, CLV_AT(CSAT_CLV_END_OF_PERIOD, T[i]), &e, &err));
        cmp_rel(CTX("end = q start", 1e-14), "clv", e, 0.7 / 1.08 * s);
    }
    /* One period: the margin now, or the retained margin discounted once. */
    double v;
    OK(csat_business_clv(75.0, 0.7, 0.08, CLV_AT(CSAT_CLV_START_OF_PERIOD, 1.0), &v, &err));
    cmp_rel(CTX("one period", 1e-15), "clv", v, 75.0);
    OK(csat_business_clv(75.0, 0.7, 0.08, CLV_AT(CSAT_CLV_END_OF_PERIOD, 1.0), &v, &err));
    cmp_rel(CTX("one period", 1e-15), "clv", v, 75.0 * 0.7 / 1.08);
    /* No retention: only the first margin counts (start of period). */
    OK(csat_business_clv(75.0, 0.0, 0.08, CLV_AT(CSAT_CLV_START_OF_PERIOD, INFINITY), &v, &err));
    cmp_rel(CTX("no retention", 1e-15), "clv", v, 75.0);
    OK(csat_business_clv(75.0, 0.0, 0.08, CLV_AT(CSAT_CLV_END_OF_PERIOD, INFINITY), &v, &err));
    assert_true(v == 0.0);
}

/* ------------------------------------------------------------------------ */
/* Kaplan-Meier                                                              */

static void check_curve(const char *name, const double *time, const double *obs, size_t n,
                        const csat_business_options *opt, const csat_survival_point *steps,
                        size_t nsteps, const csat_curve_summary *summary, const double *at,
                        const csat_survival_point *at_ref, size_t nat, const char *file,
                        int line)
{
    csat_survival *s = NULL;
    csat_error err;
    memset(&err, 0, sizeof err);
    ok(csat_survival_fit(time, obs, n, opt, &s, &err), &err, "csat_survival_fit", file, line);
    assert_non_null(s);
    const cmp_ctx c = {KM_TOL, name, file, line};
    csat_curve_summary sum = CSAT_RESULT_INIT(csat_curve_summary);
    OK(csat_survival_summary(s, &sum, &err));
    check_summary(&c, &sum, summary);
    assert_true(sum.steps == nsteps);
    for (size_t i = 0; i < nsteps && i < sum.steps; i++) {
        csat_survival_point p = CSAT_RESULT_INIT(csat_survival_point);
        OK(csat_survival_step(s, i, &p, &err));
        check_point(&c, &p, &steps[i]);
    }
    for (size_t i = 0; i < nat; i++) {
        csat_survival_point p = CSAT_RESULT_INIT(csat_survival_point);
        OK(csat_survival_at(s, at[i], &p, &err));
        check_point(&c, &p, &at_ref[i]);
    }
    csat_survival_free(s);
}

#define CURVE(NAME, OBS)                                                                       \
    check_curve(#NAME, DATA_##NAME##_TIME, (OBS), DATA_##NAME##_N,                             \
                KM_LEVEL(DATA_##NAME##_LEVEL),                                                 \
                REF_##NAME##_STEPS, ARRAY_LEN(REF_##NAME##_STEPS), &REF_##NAME##_SUMMARY,      \
                DATA_##NAME##_AT, REF_##NAME##_AT, ARRAY_LEN(DATA_##NAME##_AT), __FILE__,      \
                __LINE__)

static void test_kaplan_meier_matches_r_survfit_with_ties_and_censoring(void **state)
{
    (void)state;
    CURVE(KM_A, DATA_KM_A_OBS);
}

static void test_kaplan_meier_median_conventions_match_r(void **state)
{
    (void)state;
    /* S = 1/2 exactly at 2, next event at 4: median (2 + 4)/2 = 3. */
    CURVE(KM_HALF, DATA_KM_HALF_OBS);
    assert_true(REF_KM_HALF_SUMMARY.median == 3.0);
    /* S = 1/2 from 1 to the end of follow-up, no later event: the time
     * itself (print(fit) / summary(fit)$table). */
    CURVE(KM_FLAT, DATA_KM_FLAT_OBS);
    assert_true(REF_KM_FLAT_SUMMARY.median == 1.0);
    /* S never reaches 1/2: no median, no upper limit. */
    CURVE(KM_NEVER, DATA_KM_NEVER_OBS);
    assert_true(isnan(REF_KM_NEVER_SUMMARY.median));
}

static void test_kaplan_meier_without_censoring_matches_r_and_is_one_minus_ecdf(void **state)
{
    (void)state;
    /* Flags NULL: every time is an event. */
    CURVE(KM_FULL, NULL);
    double ones[DATA_KM_FULL_N];
    for (size_t i = 0; i < DATA_KM_FULL_N; i++)
        ones[i] = 1.0;
    CURVE(KM_FULL, ones);

    csat_survival *s = NULL;
    csat_curve_summary sum = CSAT_RESULT_INIT(csat_curve_summary);
    csat_error err;
    OK(csat_survival_fit(DATA_KM_FULL_TIME, NULL, DATA_KM_FULL_N, KM_LEVEL(0.95), &s, &err));
    OK(csat_survival_summary(s, &sum, &err));
    for (size_t i = 0; i < sum.steps; i++) {
        csat_survival_point p = CSAT_RESULT_INIT(csat_survival_point);
        OK(csat_survival_step(s, i, &p, &err));
        size_t le = 0;
        for (size_t j = 0; j < DATA_KM_FULL_N; j++)
            le += DATA_KM_FULL_TIME[j] <= p.time;
        cmp_unit(CTX("1 - ECDF", 1e-14), "survival", p.survival,
                 1.0 - (double)le / DATA_KM_FULL_N);
    }
    /* The curve ends at 0 with the interval [0, 0]. */
    csat_survival_point last = CSAT_RESULT_INIT(csat_survival_point);
    OK(csat_survival_step(s, sum.steps - 1, &last, &err));
    assert_true(last.survival == 0.0 && last.ci_lower == 0.0 && last.ci_upper == 0.0);
    if (!(last.se == 0.0))
        print_message("note: Greenwood SE of S where S = 0 is %g\n", last.se);
    csat_survival_free(s);
}

static void test_kaplan_meier_curve_is_a_right_continuous_step_function(void **state)
{
    (void)state;
    csat_survival *s = NULL;
    csat_curve_summary sum = CSAT_RESULT_INIT(csat_curve_summary);
    csat_error err;
    OK(csat_survival_fit(DATA_KM_A_TIME, DATA_KM_A_OBS, DATA_KM_A_N, KM_LEVEL(0.95), &s, &err));
    OK(csat_survival_summary(s, &sum, &err));
    double prev_time = -INFINITY, prev_s = 1.0;
    for (size_t i = 0; i < sum.steps; i++) {
        csat_survival_point p = CSAT_RESULT_INIT(csat_survival_point);
        csat_survival_point at = CSAT_RESULT_INIT(csat_survival_point);
        csat_survival_point before = CSAT_RESULT_INIT(csat_survival_point);
        OK(csat_survival_step(s, i, &p, &err));
        assert_true(p.time > prev_time && p.survival < prev_s && p.n_event >= 1);
        assert_true(p.ci_lower <= p.survival && p.survival <= p.ci_upper);
        OK(csat_survival_at(s, p.time, &at, &err));
        assert_memory_equal(&at, &p, sizeof p);
        /* Just before the step: the previous level. */
        OK(csat_survival_at(s, nextafter(p.time, -INFINITY), &before, &err));
        assert_true(before.survival == prev_s);
        prev_time = p.time;
        prev_s = p.survival;
    }
    csat_survival_free(s);
}

static void test_kaplan_meier_of_only_censored_customers_stays_at_one(void **state)
{
    (void)state;
    const double t[] = {3, 5, 8};
    const double o[] = {0, 0, 0};
    csat_survival *s = NULL;
    csat_curve_summary sum = CSAT_RESULT_INIT(csat_curve_summary);
    csat_survival_point p = CSAT_RESULT_INIT(csat_survival_point);
    csat_error err;
    OK(csat_survival_fit(t, o, 3, KM_LEVEL(0.95), &s, &err));
    OK(csat_survival_summary(s, &sum, &err));
    assert_true(sum.n == 3 && sum.events == 0 && sum.steps == 0);
    assert_true(isnan(sum.median) && isnan(sum.median_lower) && isnan(sum.median_upper));
    OK(csat_survival_at(s, 100.0, &p, &err));
    assert_true(p.survival == 1.0 && p.se == 0.0 && p.ci_lower == 1.0 && p.ci_upper == 1.0);
    csat_survival_free(s);
}

static void test_kaplan_meier_ignores_row_order(void **state)
{
    (void)state;
    double t[DATA_KM_A_N], o[DATA_KM_A_N];
    for (size_t i = 0; i < DATA_KM_A_N; i++) {
        t[(7 * i + 3) % DATA_KM_A_N] = DATA_KM_A_TIME[i];
        o[(7 * i + 3) % DATA_KM_A_N] = DATA_KM_A_OBS[i];
    }
    check_curve("KM_A permuted", t, o, DATA_KM_A_N, KM_LEVEL(DATA_KM_A_LEVEL), REF_KM_A_STEPS,
                ARRAY_LEN(REF_KM_A_STEPS), &REF_KM_A_SUMMARY, DATA_KM_A_AT, REF_KM_A_AT,
                ARRAY_LEN(DATA_KM_A_AT), __FILE__, __LINE__);
}

/* ------------------------------------------------------------------------ */
/* Rates, complaints, resolution times, reviews                              */

static void test_rate_matches_r_poisson_test(void **state)
{
    (void)state;
    csat_error err;
    for (size_t i = 0; i < ARRAY_LEN(REF_RATES); i++) {
        const csat_rate_result *w = &REF_RATES[i];
        csat_rate_result r = CSAT_RESULT_INIT(csat_rate_result);
        OK(csat_business_rate(w->count, w->exposure, RATE_PER(w->per, w->level), &r, &err));
        char name[32];
        snprintf(name, sizeof name, "REF_RATES[%zu]", i);
        check_rate(CTX(name, RATE_TOL), &r, w);
    }
}

static void test_complaints_pareto_orders_by_count_then_code(void **state)
{
    (void)state;
    enum { CAT = ARRAY_LEN(REF_PARETO) };
    csat_category_count out[CAT + 2] = {CSAT_RESULT_INIT(csat_category_count)};
    size_t ncat = 0;
    csat_sample smp = CSAT_RESULT_INIT(csat_sample);
    csat_error err;
    /* Capacity 0 asks for the number of categories. */
    OK(csat_business_complaints(DATA_PARETO_CODES, DATA_PARETO_N, NULL, NULL, 0, &ncat, NULL,
                                &err));
    assert_int_equal(ncat, CAT);
    /* An exact and a larger capacity. */
    const size_t caps[] = {CAT, CAT + 2};
    for (size_t k = 0; k < 2; k++) {
        memset(out, 0xA5, sizeof out);
        out[0].size = sizeof out[0]; /* the stride of the array */
        ncat = 0;
        OK(csat_business_complaints(DATA_PARETO_CODES, DATA_PARETO_N, NULL, out, caps[k], &ncat,
                                    &smp, &err));
        assert_int_equal(ncat, CAT);
        for (size_t i = 0; i < CAT; i++) {
            const cmp_ctx *c = CTX("REF_PARETO", REF_TOL);
            assert_int_equal(out[i].code, REF_PARETO[i].code);
            cmp_size(c, "count", out[i].count, REF_PARETO[i].count);
            cmp_unit(c, "share", out[i].share, REF_PARETO[i].share);
            cmp_unit(c, "cum_share", out[i].cum_share, REF_PARETO[i].cum_share);
        }
        cmp_unit(CTX("last cum_share", 1e-15), "cum_share", out[CAT - 1].cum_share, 1.0);
        /* Nothing written past the categories. */
        check_untouched(out + CAT, sizeof out - CAT * sizeof *out, "pareto slack", __FILE__,
                        __LINE__);
        cmp_size(CTX("REF_PARETO_SAMPLE", 0.0), "n", smp.n, REF_PARETO_SAMPLE.n);
        cmp_size(CTX("REF_PARETO_SAMPLE", 0.0), "n_missing", smp.n_missing,
                 REF_PARETO_SAMPLE.n_missing);
        cmp_rel(CTX("REF_PARETO_SAMPLE", 0.0), "n_weighted", smp.n_weighted,
                REF_PARETO_SAMPLE.n_weighted);
        cmp_rel(CTX("REF_PARETO_SAMPLE", 0.0), "n_effective", smp.n_effective,
                REF_PARETO_SAMPLE.n_effective);
    }
    /* Negative codes are integers too; one category is all of it. */
    const double one[] = {-4, -4, NAN, -4};
    OK(csat_business_complaints(one, 4, NULL, out, 1, &ncat, NULL, &err));
    assert_true(ncat == 1 && out[0].code == -4 && out[0].count == 3);
    assert_true(out[0].share == 1.0 && out[0].cum_share == 1.0);
}

static void test_resolution_times_match_numpy_quantiles_and_r_kaplan_meier(void **state)
{
    (void)state;
    double q[ARRAY_LEN(DATA_RES_PROBS)];
    csat_resolution_result r = CSAT_RESULT_INIT(csat_resolution_result);
    csat_error err;
    OK(csat_business_resolution(DATA_RES_TIME, DATA_RES_OBS, DATA_RES_N, DATA_RES_SLA,
                                DATA_RES_PROBS, ARRAY_LEN(DATA_RES_PROBS), NULL, q, &r, &err));
    /* The Kaplan-Meier fields are checked in the next test. */
    csat_resolution_result naive = REF_RES;
    naive.km_median = r.km_median;
    naive.km_within_sla = r.km_within_sla;
    check_resolution(CTX("REF_RES", REF_TOL), &r, &naive);
    for (size_t i = 0; i < ARRAY_LEN(q); i++)
        cmp_rel(CTX("REF_RES_QUANTILES", REF_TOL), "quantile", q[i], REF_RES_QUANTILES[i]);
    /* Quantiles are optional. */
    csat_resolution_result r2 = CSAT_RESULT_INIT(csat_resolution_result);
    OK(csat_business_resolution(DATA_RES_TIME, DATA_RES_OBS, DATA_RES_N, DATA_RES_SLA, NULL, 0,
                                NULL, NULL, &r2, &err));
    assert_memory_equal(&r2, &r, sizeof r);

    double q2[ARRAY_LEN(DATA_RES2_PROBS)];
    OK(csat_business_resolution(DATA_RES2_TIME, NULL, DATA_RES2_N, DATA_RES2_SLA, DATA_RES2_PROBS,
                                ARRAY_LEN(DATA_RES2_PROBS), NULL, q2, &r, &err));
    naive = REF_RES2;
    naive.km_median = r.km_median;
    naive.km_within_sla = r.km_within_sla;
    check_resolution(CTX("REF_RES2", REF_TOL), &r, &naive);
    for (size_t i = 0; i < ARRAY_LEN(q2); i++)
        cmp_rel(CTX("REF_RES2_QUANTILES", REF_TOL), "quantile", q2[i], REF_RES2_QUANTILES[i]);
    /* Nothing censored: Kaplan-Meier's share within the SLA is the plain one. */
    cmp_unit(CTX("km_within_sla vs within_sla", 1e-14), "km_within_sla", r.km_within_sla,
             r.within_sla);
    assert_int_equal(r.n_open, 0);
}

static void test_resolution_times_kaplan_meier_side_matches_r_survfit(void **state)
{
    (void)state;
    csat_resolution_result r = CSAT_RESULT_INIT(csat_resolution_result);
    csat_error err;
    OK(csat_business_resolution(DATA_RES2_TIME, NULL, DATA_RES2_N, DATA_RES2_SLA, NULL, 0, NULL,
                                NULL, &r, &err));
    cmp_rel(CTX("REF_RES2", REF_TOL), "km_median", r.km_median, REF_RES2.km_median);
    cmp_unit(CTX("REF_RES2", REF_TOL), "km_within_sla", r.km_within_sla, REF_RES2.km_within_sla);
    OK(csat_business_resolution(DATA_RES_TIME, DATA_RES_OBS, DATA_RES_N, DATA_RES_SLA, NULL, 0,
                                NULL, NULL, &r, &err));
    cmp_unit(CTX("REF_RES", REF_TOL), "km_within_sla", r.km_within_sla, REF_RES.km_within_sla);
    /* The curve is exactly 1/2 from 15.5 h to the next resolution at 18 h
     * (the product of the factors is 1/2 as a fraction; in doubles it
     * rounds to 0.5000000000000001): R's survfit, which compares with a
     * tolerance, gives the midpoint 16.75. */
    cmp_rel(CTX("REF_RES", REF_TOL), "km_median", r.km_median, REF_RES.km_median);
}

static void test_resolution_times_with_median_quantile_equal_the_median(void **state)
{
    (void)state;
    const double half[] = {0.5};
    double q[1];
    csat_resolution_result r = CSAT_RESULT_INIT(csat_resolution_result);
    csat_error err;
    OK(csat_business_resolution(DATA_RES_TIME, DATA_RES_OBS, DATA_RES_N, DATA_RES_SLA, half, 1,
                                NULL, q, &r, &err));
    assert_true(q[0] == r.median);
}

static void test_reviews_match_scipy_statsmodels_and_the_bayesian_formula(void **state)
{
    (void)state;
    const csat_reviews_options def = CSAT_REVIEWS_OPTIONS_DEFAULT;
    csat_reviews_result r = CSAT_RESULT_INIT(csat_reviews_result);
    csat_reviews_result d = CSAT_RESULT_INIT(csat_reviews_result);
    csat_mean_result rating = CSAT_RESULT_INIT(csat_mean_result);
    csat_mean_result drating = CSAT_RESULT_INIT(csat_mean_result);
    csat_share_result positive = CSAT_RESULT_INIT(csat_share_result);
    csat_share_result dpositive = CSAT_RESULT_INIT(csat_share_result);
    csat_error err;
    /* REF_REVIEWS was made with the prior mean 3, the midpoint of 1..5 that
     * the default (NaN) prior mean stands for. */
    assert_true(isnan(def.prior_mean));
    OK(csat_score_reviews(DATA_REVIEWS_X, DATA_REVIEWS_N, NULL, &r, &rating, &positive, &err));
    check_reviews(CTX("REF_REVIEWS", REF_TOL), &r, &rating, &positive, &REF_REVIEWS,
                  &REF_REVIEWS_RATING, &REF_REVIEWS_POSITIVE);
    assert_true(r.prior_mean == 3.0 && r.prior_weight == 10.0);
    OK(csat_score_reviews(DATA_REVIEWS_X, DATA_REVIEWS_N, &def, &d, &drating, &dpositive, &err));
    assert_memory_equal(&d, &r, sizeof r);
    assert_memory_equal(&drating, &rating, sizeof rating);
    assert_memory_equal(&dpositive, &positive, sizeof positive);
    /* The midpoint given explicitly. */
    csat_reviews_options o = CSAT_REVIEWS_OPTIONS_DEFAULT;
    o.prior_mean = 3.0;
    OK(csat_score_reviews(DATA_REVIEWS_X, DATA_REVIEWS_N, &o, &d, &drating, &dpositive, &err));
    assert_memory_equal(&d, &r, sizeof r);
    OK(csat_score_reviews(DATA_REVIEWS10_X, DATA_REVIEWS10_N, &DATA_REVIEWS10_OPT, &r, &rating,
                          &positive, &err));
    check_reviews(CTX("REF_REVIEWS10", REF_TOL), &r, &rating, &positive, &REF_REVIEWS10,
                  &REF_REVIEWS10_RATING, &REF_REVIEWS10_POSITIVE);
    assert_true(r.prior_mean == DATA_REVIEWS10_OPT.prior_mean &&
                r.prior_weight == DATA_REVIEWS10_OPT.prior_weight);
    /* The positive share is the box share of the same boxes. */
    const csat_scale_options so = {sizeof(csat_scale_options), 1, 10, 0.90};
    csat_share_result b = CSAT_RESULT_INIT(csat_share_result);
    OK(csat_score_box_share(DATA_REVIEWS10_X, DATA_REVIEWS10_N, NULL, 8, 10, &so, &b, &err));
    check_share(CTX("positive vs box share", 1e-15), &positive, &b);
    /* A prior weight of 0 gives the plain mean. */
    o = def;
    o.prior_weight = 0.0;
    OK(csat_score_reviews(DATA_REVIEWS_X, DATA_REVIEWS_N, &o, &r, &rating, &positive, &err));
    cmp_rel(CTX("prior weight 0", 1e-14), "bayesian_average", r.bayesian_average, rating.score);
}

/* ------------------------------------------------------------------------ */
/* Options                                                                   */

static void test_business_options_default(void **state)
{
    (void)state;
    const csat_business_options def = CSAT_BUSINESS_OPTIONS_DEFAULT;
    assert_true(def.size == sizeof def);
    assert_true(def.level == 0.95 && def.per == 1.0);
    assert_int_equal(def.timing, CSAT_CLV_END_OF_PERIOD);
    assert_true(isinf(def.horizon) && def.horizon > 0);
}

static void test_rate_per_and_level_come_from_the_options(void **state)
{
    (void)state;
    const csat_business_options def = CSAT_BUSINESS_OPTIONS_DEFAULT;
    csat_error err;
    int null_checked = 0;
    for (size_t i = 0; i < ARRAY_LEN(REF_RATES); i++) {
        const csat_rate_result *w = &REF_RATES[i];
        csat_rate_result r = CSAT_RESULT_INIT(csat_rate_result);
        csat_rate_result d = CSAT_RESULT_INIT(csat_rate_result);
        csat_business_options o = def;
        o.per = w->per;
        o.level = w->level;
        OK(csat_business_rate(w->count, w->exposure, &o, &r, &err));
        char name[48];
        snprintf(name, sizeof name, "REF_RATES[%zu] (options)", i);
        check_rate(CTX(name, RATE_TOL), &r, w);
        /* The CLV's timing and horizon are no concern of a rate. */
        o.timing = CSAT_CLV_START_OF_PERIOD;
        o.horizon = 3.0;
        OK(csat_business_rate(w->count, w->exposure, &o, &d, &err));
        assert_memory_equal(&d, &r, sizeof r);
        /* NULL options: a rate per 1 at 95 %. */
        if (w->per == 1.0 && w->level == 0.95) {
            OK(csat_business_rate(w->count, w->exposure, NULL, &d, &err));
            assert_memory_equal(&d, &r, sizeof r);
            null_checked = 1;
        }
    }
    assert_true(null_checked);
}

static void test_clv_timing_and_horizon_come_from_the_options(void **state)
{
    (void)state;
    const csat_business_options def = CSAT_BUSINESS_OPTIONS_DEFAULT;
    csat_error err;
    int null_checked = 0;
    for (size_t i = 0; i < ARRAY_LEN(REF_CLV); i++) {
        const double *c = REF_CLV[i];
        csat_business_options o = def;
        o.timing = (int)c[3];
        o.horizon = c[4];
        double v, u;
        OK(csat_business_clv(c[0], c[1], c[2], &o, &v, &err));
        char name[48];
        snprintf(name, sizeof name, "REF_CLV[%zu] (options)", i);
        cmp_rel(CTX(name, REF_TOL), "clv", v, c[5]);
        /* The level and the scale of a rate are no concern of a CLV. */
        o.level = 0.5;
        o.per = 1000.0;
        OK(csat_business_clv(c[0], c[1], c[2], &o, &u, &err));
        assert_true(u == v);
        /* NULL options: margins at the end of each period, for ever. */
        if (c[3] == CSAT_CLV_END_OF_PERIOD && isinf(c[4])) {
            OK(csat_business_clv(c[0], c[1], c[2], NULL, &u, &err));
            assert_true(u == v);
            null_checked = 1;
        }
    }
    assert_true(null_checked);
}

static void test_survival_level_comes_from_the_options(void **state)
{
    (void)state;
    /* KM_FLAT's reference is at 90 %: a level in otherwise default options. */
    csat_business_options o = CSAT_BUSINESS_OPTIONS_DEFAULT;
    o.level = DATA_KM_FLAT_LEVEL;
    check_curve("KM_FLAT (options)", DATA_KM_FLAT_TIME, DATA_KM_FLAT_OBS, DATA_KM_FLAT_N, &o,
                REF_KM_FLAT_STEPS, ARRAY_LEN(REF_KM_FLAT_STEPS), &REF_KM_FLAT_SUMMARY,
                DATA_KM_FLAT_AT, REF_KM_FLAT_AT, ARRAY_LEN(DATA_KM_FLAT_AT), __FILE__, __LINE__);
    /* NULL options: 95 %, KM_A's level. */
    assert_true(DATA_KM_A_LEVEL == 0.95);
    check_curve("KM_A (NULL options)", DATA_KM_A_TIME, DATA_KM_A_OBS, DATA_KM_A_N, NULL,
                REF_KM_A_STEPS, ARRAY_LEN(REF_KM_A_STEPS), &REF_KM_A_SUMMARY, DATA_KM_A_AT,
                REF_KM_A_AT, ARRAY_LEN(DATA_KM_A_AT), __FILE__, __LINE__);
    /* The rate's scale and the CLV's timing and horizon are not read. */
    o = (csat_business_options)CSAT_BUSINESS_OPTIONS_DEFAULT;
    o.level = DATA_KM_A_LEVEL;
    o.per = 1000.0;
    o.timing = CSAT_CLV_START_OF_PERIOD;
    o.horizon = 2.0;
    check_curve("KM_A (other fields set)", DATA_KM_A_TIME, DATA_KM_A_OBS, DATA_KM_A_N, &o,
                REF_KM_A_STEPS, ARRAY_LEN(REF_KM_A_STEPS), &REF_KM_A_SUMMARY, DATA_KM_A_AT,
                REF_KM_A_AT, ARRAY_LEN(DATA_KM_A_AT), __FILE__, __LINE__);
}

static void test_business_options_of_a_bad_size_are_refused(void **state)
{
    (void)state;
    const size_t bad[] = {0, 1, sizeof(size_t) + 1, sizeof(csat_business_options) + sizeof(size_t),
                          (size_t)-1};
    const double t[] = {1, 2, 3};
    csat_rate_result r = CSAT_RESULT_INIT(csat_rate_result);
    double v;
    csat_survival *s;
    csat_error err;
    for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
        csat_business_options o = CSAT_BUSINESS_OPTIONS_DEFAULT;
        o.size = bad[i];
        EXPECT_FAIL(CSAT_ERR_ARGUMENT, r, csat_business_rate(3, 100, &o, &r, &err));
        EXPECT_FAIL(CSAT_ERR_ARGUMENT, v, csat_business_clv(100, 0.8, 0.1, &o, &v, &err));
        EXPECT_FAIL(CSAT_ERR_ARGUMENT, s, csat_survival_fit(t, NULL, 3, &o, &s, &err));
    }
    /* Options from an older, shorter header: what the size does not cover
     * keeps its default (here everything after the level: per 1). */
    csat_business_options o = CSAT_BUSINESS_OPTIONS_DEFAULT;
    o.per = 1000.0;
    o.size = offsetof(csat_business_options, per);
    OK(csat_business_rate(3, 100, &o, &r, &err));
    assert_true(r.per == 1.0 && r.level == 0.95);
}

/* ------------------------------------------------------------------------ */
/* Bad input                                                                 */

static void test_retention_rejects_bad_counts(void **state)
{
    (void)state;
    csat_retention_result out = CSAT_RESULT_INIT(csat_retention_result);
    csat_error err;
    EXPECT_NULL_ERROR(csat_business_retention(100, 90, 10, NULL, NULL, &err));
    const double bad[][3] = {
        {0, 10, 5},           /* S = 0 */
        {-10, 10, 5},         /* S < 0 */
        {100, -1, 0},         /* E < 0 */
        {100, 90, -5},        /* N < 0 */
        {100, 20, 30},        /* E - N < 0 */
        {100, 250, 100},      /* E - N > S */
        {NAN, 90, 10},        /* non-finite */
        {100, INFINITY, 10},
        {100, 90, NAN},
        {INFINITY, 90, 10},
    };
    for (size_t i = 0; i < ARRAY_LEN(bad); i++)
        EXPECT_FAIL(CSAT_ERR_ARGUMENT, out,
                    csat_business_retention(bad[i][0], bad[i][1], bad[i][2], NULL, &out, &err));
}

static void test_churn_period_rejects_bad_input(void **state)
{
    (void)state;
    const double s[] = {0, 2, 5};
    const double e[] = {NAN, 9, 14};
    const double s_nan[] = {0, NAN, 5};
    const double s_inf[] = {0, 2, INFINITY};
    const double e_early[] = {NAN, 1, 14};
    const double late[] = {11, 12, 15};
    const double late_end[] = {NAN, NAN, 20};
    csat_retention_result out = CSAT_RESULT_INIT(csat_retention_result);
    csat_error err;
    EXPECT_FAIL(CSAT_ERR_NULL, out, csat_business_churn(NULL, e, 3, 1, 10, NULL, &out, &err));
    EXPECT_FAIL(CSAT_ERR_NULL, out, csat_business_churn(s, NULL, 3, 1, 10, NULL, &out, &err));
    EXPECT_NULL_ERROR(csat_business_churn(s, e, 3, 1, 10, NULL, NULL, &err));
    EXPECT_FAIL(CSAT_ERR_RANGE, out, csat_business_churn(s_nan, e, 3, 1, 10, NULL, &out, &err));
    EXPECT_FAIL(CSAT_ERR_RANGE, out, csat_business_churn(s_inf, e, 3, 1, 10, NULL, &out, &err));
    EXPECT_FAIL(CSAT_ERR_RANGE, out, csat_business_churn(s, e_early, 3, 1, 10, NULL, &out, &err));
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, out, csat_business_churn(s, e, 3, 10, 10, NULL, &out, &err));
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, out, csat_business_churn(s, e, 3, 10, 5, NULL, &out, &err));
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, out, csat_business_churn(s, e, 3, NAN, 10, NULL, &out, &err));
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, out, csat_business_churn(s, e, 3, 1, NAN, NULL, &out, &err));
    /* Nobody is a customer at t0. */
    EXPECT_FAIL(CSAT_ERR_EMPTY, out,
                csat_business_churn(late, late_end, 3, 1, 10, NULL, &out, &err));
    /* Everybody ended by t0. */
    const double ended[] = {3, 9, 9.5};
    EXPECT_FAIL(CSAT_ERR_EMPTY, out, csat_business_churn(s, ended, 3, 9.5, 10, NULL, &out, &err));
    EXPECT_FAIL(CSAT_ERR_EMPTY, out, csat_business_churn(s, e, 0, 1, 10, NULL, &out, &err));
}

static void test_churn_convert_rejects_bad_input(void **state)
{
    (void)state;
    double out;
    csat_error err;
    EXPECT_NULL_ERROR(csat_business_churn_convert(0.1, 12, NULL, NULL, &err));
    const double bad[][2] = {{-0.01, 12}, {1.01, 12}, {NAN, 12}, {0.1, 0}, {0.1, -1},
                             {0.1, NAN}};
    for (size_t i = 0; i < ARRAY_LEN(bad); i++)
        EXPECT_FAIL(CSAT_ERR_ARGUMENT, out,
                    csat_business_churn_convert(bad[i][0], bad[i][1], NULL, &out, &err));
}

static void test_clv_rejects_bad_input(void **state)
{
    (void)state;
    double out;
    csat_error err;
    EXPECT_NULL_ERROR(csat_business_clv(100, 0.8, 0.1, CLV_AT(CSAT_CLV_START_OF_PERIOD, 3), NULL,
                                        &err));
    const struct {
        double m, r, d;
        int timing;
        double T;
    } bad[] = {
        {100, -0.1, 0.1, 0, 3},        /* retention < 0 */
        {100, 1.1, 0.1, 0, 3},         /* retention > 1 */
        {100, NAN, 0.1, 0, 3},
        {100, 0.8, -1.0, 0, 3},        /* d <= -1 */
        {100, 0.8, -2.0, 1, 3},
        {100, 0.8, NAN, 0, 3},
        {100, 1.0, 0.0, 0, INFINITY},  /* infinite horizon needs d > r - 1 */
        {100, 0.9, -0.1, 1, INFINITY},
        {100, 0.8, 0.1, 0, -1},        /* horizon */
        {100, 0.8, 0.1, 0, 2.5},
        {100, 0.8, 0.1, 0, NAN},
        {100, 0.8, 0.1, 0, -INFINITY},
        {100, 0.8, 0.1, 2, 3},         /* timing */
        {100, 0.8, 0.1, -1, 3},
        {NAN, 0.8, 0.1, 0, 3},         /* margin */
        {INFINITY, 0.8, 0.1, 0, 3},
    };
    for (size_t i = 0; i < ARRAY_LEN(bad); i++)
        EXPECT_FAIL(CSAT_ERR_ARGUMENT, out,
                    csat_business_clv(bad[i].m, bad[i].r, bad[i].d,
                                      CLV_AT((csat_clv_timing)bad[i].timing, bad[i].T), &out,
                                      &err));
}

static void test_survival_fit_rejects_bad_input_and_leaves_the_handle_untouched(void **state)
{
    (void)state;
    const double t[] = {1, 2, 3};
    const double o[] = {1, 0, 1};
    const double t_neg[] = {1, -0.5, 3};
    const double t_inf[] = {1, 2, INFINITY};
    const double t_nan[] = {NAN, NAN, NAN};
    const double o_two[] = {1, 2, 1};
    const double o_half[] = {0.5, 0, 1};
    const double o_neg[] = {1, -1, 1};
    csat_survival *out;
    csat_error err;
    EXPECT_FAIL(CSAT_ERR_NULL, out, csat_survival_fit(NULL, o, 3, KM_LEVEL(0.95), &out, &err));
    EXPECT_NULL_ERROR(csat_survival_fit(t, o, 3, KM_LEVEL(0.95), NULL, &err));
    EXPECT_FAIL(CSAT_ERR_EMPTY, out, csat_survival_fit(t, o, 0, KM_LEVEL(0.95), &out, &err));
    EXPECT_FAIL(CSAT_ERR_EMPTY, out, csat_survival_fit(t_nan, o, 3, KM_LEVEL(0.95), &out, &err));
    EXPECT_FAIL(CSAT_ERR_RANGE, out, csat_survival_fit(t_neg, o, 3, KM_LEVEL(0.95), &out, &err));
    EXPECT_FAIL(CSAT_ERR_RANGE, out, csat_survival_fit(t_inf, NULL, 3, KM_LEVEL(0.95), &out, &err));
    EXPECT_FAIL(CSAT_ERR_RANGE, out, csat_survival_fit(t, o_two, 3, KM_LEVEL(0.95), &out, &err));
    EXPECT_FAIL(CSAT_ERR_RANGE, out, csat_survival_fit(t, o_half, 3, KM_LEVEL(0.95), &out, &err));
    EXPECT_FAIL(CSAT_ERR_RANGE, out, csat_survival_fit(t, o_neg, 3, KM_LEVEL(0.95), &out, &err));
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, out, csat_survival_fit(t, o, 3, KM_LEVEL(0.0), &out, &err));
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, out, csat_survival_fit(t, o, 3, KM_LEVEL(1.0), &out, &err));
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, out, csat_survival_fit(t, o, 3, KM_LEVEL(NAN), &out, &err));
    /* Time 0 is a valid duration. */
    const double t0[] = {0, 2, 3};
    csat_survival *s = NULL;
    OK(csat_survival_fit(t0, o, 3, KM_LEVEL(0.95), &s, &err));
    csat_survival_free(s);
    csat_survival_free(NULL);
}

static void test_survival_accessors_reject_bad_input(void **state)
{
    (void)state;
    csat_survival *s = NULL;
    csat_curve_summary sum = CSAT_RESULT_INIT(csat_curve_summary);
    csat_survival_point p = CSAT_RESULT_INIT(csat_survival_point);
    csat_error err;
    OK(csat_survival_fit(DATA_KM_A_TIME, DATA_KM_A_OBS, DATA_KM_A_N, KM_LEVEL(0.95), &s, &err));
    EXPECT_FAIL(CSAT_ERR_NULL, sum, csat_survival_summary(NULL, &sum, &err));
    EXPECT_NULL_ERROR(csat_survival_summary(s, NULL, &err));
    EXPECT_FAIL(CSAT_ERR_NULL, p, csat_survival_step(NULL, 0, &p, &err));
    EXPECT_NULL_ERROR(csat_survival_step(s, 0, NULL, &err));
    const size_t steps = ARRAY_LEN(REF_KM_A_STEPS);
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, p, csat_survival_step(s, steps, &p, &err));
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, p, csat_survival_step(s, (size_t)-1, &p, &err));
    OK(csat_survival_step(s, steps - 1, &p, &err));
    EXPECT_FAIL(CSAT_ERR_NULL, p, csat_survival_at(NULL, 1.0, &p, &err));
    EXPECT_NULL_ERROR(csat_survival_at(s, 1.0, NULL, &err));
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, p, csat_survival_at(s, NAN, &p, &err));
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, p, csat_survival_at(s, INFINITY, &p, &err));
    csat_survival_free(s);
}

static void test_rate_rejects_bad_input(void **state)
{
    (void)state;
    csat_rate_result out = CSAT_RESULT_INIT(csat_rate_result);
    csat_error err;
    EXPECT_NULL_ERROR(csat_business_rate(3, 100, RATE_PER(1, 0.95), NULL, &err));
    const double bad[][4] = {
        {-1, 100, 1, 0.95},  {2.5, 100, 1, 0.95},      {NAN, 100, 1, 0.95},
        {INFINITY, 100, 1, 0.95},
        {3, 0, 1, 0.95},     {3, -100, 1, 0.95},       {3, NAN, 1, 0.95},
        {3, INFINITY, 1, 0.95},
        {3, 100, 0, 0.95},   {3, 100, -1000, 0.95},    {3, 100, NAN, 0.95},
        {3, 100, 1, 0.0},    {3, 100, 1, 1.0},         {3, 100, 1, NAN},
    };
    for (size_t i = 0; i < ARRAY_LEN(bad); i++)
        EXPECT_FAIL(CSAT_ERR_ARGUMENT, out,
                    csat_business_rate(bad[i][0], bad[i][1], RATE_PER(bad[i][2], bad[i][3]), &out,
                                       &err));
}

static void test_complaints_pareto_rejects_bad_input(void **state)
{
    (void)state;
    const double codes[] = {3, 1, 3, 2};
    const double frac[] = {3, 1, 2.5, 2};
    const double inf[] = {3, INFINITY, 2, 2};
    const double huge[] = {3, 1e19, 2, 2};
    const double none[] = {NAN, NAN};
    pareto_out out;
    csat_error err;
#define PARETO(X, N, CAP)                                                                      \
    csat_business_complaints((X), (N), NULL, out.c, (CAP), &out.ncat, &out.sample, &err)
    EXPECT_FAIL(CSAT_ERR_NULL, out, PARETO(NULL, 4, 8));
    EXPECT_NULL_ERROR(csat_business_complaints(codes, 4, NULL, out.c, 8, NULL, NULL, &err));
    EXPECT_NULL_ERROR(csat_business_complaints(codes, 4, NULL, NULL, 3, &out.ncat, NULL, &err));
    EXPECT_FAIL(CSAT_ERR_EMPTY, out, PARETO(codes, 0, 8));
    EXPECT_FAIL(CSAT_ERR_EMPTY, out, PARETO(none, 2, 8));
    EXPECT_FAIL(CSAT_ERR_RANGE, out, PARETO(frac, 4, 8));
    EXPECT_FAIL(CSAT_ERR_RANGE, out, PARETO(inf, 4, 8));
    EXPECT_FAIL(CSAT_ERR_RANGE, out, PARETO(huge, 4, 8));
    /* Three categories do not fit in two. */
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, out, PARETO(codes, 4, 2));
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, out, PARETO(codes, 4, 1));
#undef PARETO
}

static void test_resolution_times_reject_bad_input(void **state)
{
    (void)state;
    const double t[] = {2, 5, 9, 12};
    const double o[] = {1, 1, 0, 1};
    const double probs[] = {0.25, 0.75};
    const double t_neg[] = {2, -5, 9, 12};
    const double t_inf[] = {2, 5, INFINITY, 12};
    const double o_bad[] = {1, 3, 0, 1};
    const double o_half[] = {1, 1, 0.5, 1};
    const double open[] = {0, 0, 0, 0};
    const double p_low[] = {-0.1, 0.5};
    const double p_high[] = {0.5, 1.5};
    const double p_nan[] = {0.5, NAN};
    resolution_out out;
    csat_error err;
#define RES(T, O, N, SLA, P)                                                                   \
    csat_business_resolution((T), (O), (N), (SLA), (P), 2, NULL, out.q, &out.r, &err)
    EXPECT_FAIL(CSAT_ERR_NULL, out, RES(NULL, o, 4, 8, probs));
    EXPECT_NULL_ERROR(csat_business_resolution(t, o, 4, 8, probs, 2, NULL, out.q, NULL, &err));
    EXPECT_FAIL(CSAT_ERR_EMPTY, out, RES(t, o, 0, 8, probs));
    EXPECT_FAIL(CSAT_ERR_EMPTY, out, RES(t, open, 4, 8, probs));
    EXPECT_FAIL(CSAT_ERR_RANGE, out, RES(t_neg, o, 4, 8, probs));
    EXPECT_FAIL(CSAT_ERR_RANGE, out, RES(t_inf, o, 4, 8, probs));
    EXPECT_FAIL(CSAT_ERR_RANGE, out, RES(t, o_bad, 4, 8, probs));
    EXPECT_FAIL(CSAT_ERR_RANGE, out, RES(t, o_half, 4, 8, probs));
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, out, RES(t, o, 4, -1, probs));
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, out, RES(t, o, 4, NAN, probs));
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, out, RES(t, o, 4, INFINITY, probs));
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, out, RES(t, o, 4, 8, p_low));
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, out, RES(t, o, 4, 8, p_high));
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, out, RES(t, o, 4, 8, p_nan));
#undef RES
}

static void test_reviews_reject_bad_input(void **state)
{
    (void)state;
    const double x[] = {5, 4, 3, 1};
    const double off[] = {5, 4, 6, 1};
    const double frac[] = {5, 4.5, 3, 1};
    const double none[] = {NAN, NAN};
    reviews_out out;
    csat_error err;
#define REVIEWS(X, N, O) csat_score_reviews((X), (N), (O), &out.r, &out.rating, &out.positive, &err)
    EXPECT_FAIL(CSAT_ERR_NULL, out, REVIEWS(NULL, 4, NULL));
    EXPECT_NULL_ERROR(csat_score_reviews(x, 4, NULL, NULL, &out.rating, &out.positive, &err));
    EXPECT_NULL_ERROR(csat_score_reviews(x, 4, NULL, &out.r, NULL, &out.positive, &err));
    EXPECT_NULL_ERROR(csat_score_reviews(x, 4, NULL, &out.r, &out.rating, NULL, &err));
    EXPECT_FAIL(CSAT_ERR_EMPTY, out, REVIEWS(x, 0, NULL));
    EXPECT_FAIL(CSAT_ERR_EMPTY, out, REVIEWS(none, 2, NULL));
    EXPECT_FAIL_AT(CSAT_ERR_RANGE, 2, ANY_INDEX, out, REVIEWS(off, 4, NULL));
    EXPECT_FAIL_AT(CSAT_ERR_RANGE, 1, ANY_INDEX, out, REVIEWS(frac, 4, NULL));
    const csat_reviews_options def = CSAT_REVIEWS_OPTIONS_DEFAULT;
    csat_reviews_options o;
#define OPT_FAIL(field, value)                                                                 \
    do {                                                                                       \
        o = def;                                                                               \
        o.field = value;                                                                       \
        EXPECT_FAIL(CSAT_ERR_ARGUMENT, out, REVIEWS(x, 4, &o));                                \
    } while (0)
    OPT_FAIL(prior_weight, -1.0);
    OPT_FAIL(prior_weight, NAN);
    OPT_FAIL(prior_weight, INFINITY);
    /* A NaN prior mean is no longer an error: it is the scale's midpoint
     * (test_reviews_match_scipy_statsmodels_and_the_bayesian_formula). */
    OPT_FAIL(prior_mean, INFINITY);
    OPT_FAIL(prior_mean, -INFINITY);
    OPT_FAIL(positive_min, 6);
    OPT_FAIL(positive_min, 0);
    OPT_FAIL(scale_min, 6);
    OPT_FAIL(level, 1.0);
    OPT_FAIL(level, 0.0);
#undef OPT_FAIL
#undef REVIEWS
}

static void test_failures_are_reported_without_an_error_struct(void **state)
{
    (void)state;
    csat_retention_result r = CSAT_RESULT_INIT(csat_retention_result);
    double v;
    csat_survival *s = NULL;
    const double t[] = {1, -2};
    assert_int_equal(csat_business_retention(0, 1, 0, NULL, &r, NULL), CSAT_ERR_ARGUMENT);
    assert_int_equal(csat_business_churn_convert(2.0, 12, NULL, &v, NULL), CSAT_ERR_ARGUMENT);
    assert_int_equal(csat_business_clv(1, 2, 0, CLV_AT(CSAT_CLV_START_OF_PERIOD, 1), &v, NULL),
                     CSAT_ERR_ARGUMENT);
    assert_int_equal(csat_survival_fit(t, NULL, 2, KM_LEVEL(0.95), &s, NULL), CSAT_ERR_RANGE);
    assert_null(s);
    assert_int_equal(csat_survival_summary(NULL, NULL, NULL), CSAT_ERR_NULL);
}

/* ------------------------------------------------------------------------ */

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_retention_from_counts_matches_the_hand_derivations),
        cmocka_unit_test(test_churn_of_a_period_counts_customers_by_the_documented_rules),
        cmocka_unit_test(test_churn_conversion_matches_the_exact_power),
        cmocka_unit_test(test_churn_conversion_to_k_periods_and_back_is_the_identity),
        cmocka_unit_test(test_clv_matches_exact_sums_and_closed_forms),
        cmocka_unit_test(test_clv_of_a_growing_horizon_tends_to_the_infinite_one),
        cmocka_unit_test(test_end_of_period_clv_is_q_times_start_of_period),
        cmocka_unit_test(test_kaplan_meier_matches_r_survfit_with_ties_and_censoring),
        cmocka_unit_test(test_kaplan_meier_median_conventions_match_r),
        cmocka_unit_test(test_kaplan_meier_without_censoring_matches_r_and_is_one_minus_ecdf),
        cmocka_unit_test(test_kaplan_meier_curve_is_a_right_continuous_step_function),
        cmocka_unit_test(test_kaplan_meier_of_only_censored_customers_stays_at_one),
        cmocka_unit_test(test_kaplan_meier_ignores_row_order),
        cmocka_unit_test(test_rate_matches_r_poisson_test),
        cmocka_unit_test(test_complaints_pareto_orders_by_count_then_code),
        cmocka_unit_test(test_resolution_times_match_numpy_quantiles_and_r_kaplan_meier),
        cmocka_unit_test(test_resolution_times_kaplan_meier_side_matches_r_survfit),
        cmocka_unit_test(test_resolution_times_with_median_quantile_equal_the_median),
        cmocka_unit_test(test_reviews_match_scipy_statsmodels_and_the_bayesian_formula),
        cmocka_unit_test(test_business_options_default),
        cmocka_unit_test(test_rate_per_and_level_come_from_the_options),
        cmocka_unit_test(test_clv_timing_and_horizon_come_from_the_options),
        cmocka_unit_test(test_survival_level_comes_from_the_options),
        cmocka_unit_test(test_business_options_of_a_bad_size_are_refused),
        cmocka_unit_test(test_retention_rejects_bad_counts),
        cmocka_unit_test(test_churn_period_rejects_bad_input),
        cmocka_unit_test(test_churn_convert_rejects_bad_input),
        cmocka_unit_test(test_clv_rejects_bad_input),
        cmocka_unit_test(test_survival_fit_rejects_bad_input_and_leaves_the_handle_untouched),
        cmocka_unit_test(test_survival_accessors_reject_bad_input),
        cmocka_unit_test(test_rate_rejects_bad_input),
        cmocka_unit_test(test_complaints_pareto_rejects_bad_input),
        cmocka_unit_test(test_resolution_times_reject_bad_input),
        cmocka_unit_test(test_reviews_reject_bad_input),
        cmocka_unit_test(test_failures_are_reported_without_an_error_struct),
    };
    return cmocka_run_group_tests_name("business", tests, NULL, NULL);
}
