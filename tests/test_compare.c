/*
 * Tests of the comparisons in csat/compare.h.
 *
 * Expected values come from tests/reference/business_reference.h, generated
 * by tests/reference/make_business_reference.py from statsmodels, scipy and
 * mpmath, never from libcsat itself. The comparisons take results; the tests
 * feed them result structs built by the reference script from the airline
 * survey (examples/data/airlinesat.csv) and also the results the library
 * computes from the same data, which must agree. Besides the reference
 * values the suite checks the properties a comparison must have (swapping
 * the two sides negates the difference, adjusted p-values are never below
 * the raw ones and keep their order, the trend of exactly linear scores is
 * their slope), that the level and the adjustment method come from the
 * options (read through their size, as is every result array through its
 * first element's size), and every bad input each function documents, with
 * the output left untouched by a failing call.
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
 * (check.h): a trend with its changes, and the comparisons and pairs of a
 * gap. */
#define CHECK_SIZED_OUTPUTS trend_out : trend_out_sized, gap_out : gap_out_sized,

#include "check.h"
#include "csat.h"
#include "survey_csv.h"

#include "business_reference.h"

#ifndef CSAT_AIRLINE_CSV
#error "CSAT_AIRLINE_CSV must be the path of examples/data/airlinesat.csv (tests/meson.build sets it)"
#endif

/* The library and the references evaluate the same formulas in a different
 * order: 1e-12 relative. p-values go through the normal or Student t tail
 * (an incomplete beta function for t) and are compared relative to
 * themselves, however small. Differences and interval limits are compared
 * relative to the larger of themselves and the standard error (a difference
 * near 0 is as accurate as its SE allows, not relative to 0); statistics
 * relative to the larger of themselves and 1. */
#define REF_TOL 1e-12
#define P_TOL 1e-12
/* Results the library computes from the airline data against the
 * script's numpy evaluation of the same formulas. */
#define INPUT_TOL 1e-12

/* Options of one confidence level (and Holm's adjustment, unused there). */
#define LEVEL(l)                                                                               \
    (&(const csat_compare_options){sizeof(csat_compare_options), (l), CSAT_ADJUST_HOLM})
/* Options of one adjustment method (the level is not read by it). */
#define ADJUST(m) (&(const csat_compare_options){sizeof(csat_compare_options), 0.95, (int)(m)})

/* Outputs of csat_compare_trend and csat_compare_gap: all must be left as
 * they were on failure. */
typedef struct trend_out {
    csat_trend_result r;
    csat_comparison ch[3];
} trend_out;

typedef struct gap_out {
    csat_comparison c[3];
    size_t pairs[3];
} gap_out;

/* Their sizes as CSAT_RESULT_INIT sets them (the first comparison of an
 * array gives the stride of all). */
static void trend_out_sized(void *p, size_t total, size_t size)
{
    (void)total;
    (void)size;
    trend_out *o = p;
    o->r.size = sizeof o->r;
    o->ch[0].size = sizeof o->ch[0];
}

static void gap_out_sized(void *p, size_t total, size_t size)
{
    (void)total;
    (void)size;
    gap_out *o = p;
    o->c[0].size = sizeof o->c[0];
}

/* EXPECT_FAIL_AT with the sizes in `out` set by `sizes` (an expression)
 * after the sentinel fill, instead of the valid sizes the EXPECT_* macros
 * give them: for the checks of the sizes themselves. */
#define EXPECT_FAIL_SIZES_AT(status_, row_, column_, out, sizes, call)                        \
    do {                                                                                       \
        unsigned char before_[sizeof(out)];                                                    \
        memset(&(out), 0xA5, sizeof(out));                                                     \
        (void)(sizes);                                                                         \
        memcpy(before_, &(out), sizeof(out));                                                  \
        memset(&err, 0, sizeof err);                                                           \
        err.index = 777;                                                                       \
        err.column = 777;                                                                      \
        csat_status got_ = (call);                                                             \
        check_failure(got_, (status_), (row_), (column_), &err, #call, __FILE__, __LINE__);    \
        check_unchanged(&(out), before_, sizeof(out), #call, __FILE__, __LINE__);              \
    } while (0)

/* ------------------------------------------------------------------------ */
/* Comparison helpers                                                        */

/* A comparison against its reference (p at P_TOL, the rest at c->rel). */
static void check_cmp(const cmp_ctx *c, const csat_comparison *got, const csat_comparison *want)
{
    double se_floor = want->se > 0 && isfinite(want->se) ? want->se : 1e-300;
    cmp_scaled(c, "diff", got->diff, want->diff, se_floor);
    cmp_rel(c, "se", got->se, want->se);
    cmp_scaled(c, "ci_lower", got->ci_lower, want->ci_lower, se_floor);
    cmp_scaled(c, "ci_upper", got->ci_upper, want->ci_upper, se_floor);
    cmp_scaled(c, "statistic", got->statistic, want->statistic, 1.0);
    cmp_rel(c, "df", got->df, want->df);
    const cmp_ctx pc = {c->rel > P_TOL ? c->rel : P_TOL, c->name, c->file, c->line};
    cmp_rel(&pc, "p", got->p, want->p);
    cmp_scaled(EXACT_OF(c), "level", got->level, want->level, 1.0);
}

/* A comparison of shares (proportions) against a reference in percentage
 * points: the script asked statsmodels for 100·p, so its difference, SE and
 * limits are divided by 100 here (the statistic, p and df have no unit). */
static void check_cmp_percent(const cmp_ctx *c, const csat_comparison *got,
                              const csat_comparison *want_points)
{
    csat_comparison w = *want_points;
    w.diff /= 100;
    w.se /= 100;
    w.ci_lower /= 100;
    w.ci_upper /= 100;
    check_cmp(c, got, &w);
}

static void check_nps_input(const cmp_ctx *c, const csat_nps_result *r, const csat_nps_result *w)
{
    cmp_scaled(c, "score", r->score, w->score, 1.0);
    cmp_rel(c, "promoters", r->promoters, w->promoters);
    cmp_rel(c, "passives", r->passives, w->passives);
    cmp_rel(c, "detractors", r->detractors, w->detractors);
    cmp_rel(c, "se", r->se, w->se);
    cmp_scaled(c, "ci_lower", r->ci_lower, w->ci_lower, 1.0);
    cmp_scaled(c, "ci_upper", r->ci_upper, w->ci_upper, 1.0);
    cmp_size(c, "n", r->n, w->n);
    cmp_size(c, "n_missing", r->n_missing, w->n_missing);
    cmp_rel(c, "n_effective", r->n_effective, w->n_effective);
}

static void check_share_input(const cmp_ctx *c, const csat_share_result *r,
                              const csat_share_result *w)
{
    cmp_rel(c, "share", r->share, w->share);
    cmp_rel(c, "score", r->score, w->score);
    /* The script's share results give the SE and interval in percent. */
    cmp_rel(c, "se", r->se, w->se / 100);
    cmp_rel(c, "ci_lower", r->ci_lower, w->ci_lower / 100);
    cmp_rel(c, "ci_upper", r->ci_upper, w->ci_upper / 100);
    cmp_size(c, "n", r->n, w->n);
    cmp_rel(c, "n_effective", r->n_effective, w->n_effective);
}

static void check_mean_input(const cmp_ctx *c, const csat_mean_result *r,
                             const csat_mean_result *w)
{
    cmp_rel(c, "score", r->score, w->score);
    cmp_rel(c, "sd", r->sd, w->sd);
    cmp_rel(c, "se", r->se, w->se);
    cmp_rel(c, "ci_lower", r->ci_lower, w->ci_lower);
    cmp_rel(c, "ci_upper", r->ci_upper, w->ci_upper);
    cmp_rel(c, "df", r->df, w->df);
    cmp_size(c, "n", r->n, w->n);
}

/* ------------------------------------------------------------------------ */
/* The airline survey: nps, overall_sat, flight_purpose, e1..e23, s1..s23    */

#define AIR_K 23
/* PURPOSE_BUSINESS and PURPOSE_LEISURE are positions in the levels that
 * survey_csv_codes is given; anything else reads as PURPOSE_OTHER. */
enum { PURPOSE_OTHER = -1, PURPOSE_BUSINESS = 0, PURPOSE_LEISURE = 1 };

typedef struct airline {
    size_t n;
    double *nps;     /* 1..11 as stored */
    double *sat;     /* overall_sat 1..7 */
    int *purpose;    /* PURPOSE_* */
    double *es;      /* n x 46 row-major: e1..e23 then s1..s23 */
} airline;

static airline air;

static int airline_load(airline *a)
{
    static const char *const purposes[] = {"Business", "Leisure"};
    survey_csv t;
    if (survey_csv_load(&t, CSAT_AIRLINE_CSV) != 0)
        return -1;
    a->n = t.n;
    a->nps = malloc((t.n + 1) * sizeof *a->nps);
    a->sat = malloc((t.n + 1) * sizeof *a->sat);
    a->purpose = malloc((t.n + 1) * sizeof *a->purpose);
    a->es = malloc((t.n + 1) * 2 * AIR_K * sizeof *a->es);
    int bad = !a->nps || !a->sat || !a->purpose || !a->es ||
              survey_csv_numbers(&t, "nps", a->nps, 1) != 0 ||
              survey_csv_numbers(&t, "overall_sat", a->sat, 1) != 0 ||
              survey_csv_codes(&t, "flight_purpose", purposes, ARRAY_LEN(purposes),
                               a->purpose) != 0 ||
              survey_csv_items(&t, 'e', AIR_K, a->es, 2 * AIR_K) != 0 ||
              survey_csv_items(&t, 's', AIR_K, a->es + AIR_K, 2 * AIR_K) != 0;
    survey_csv_free(&t);
    return bad ? -1 : 0;
}

static int setup_airline(void **state)
{
    (void)state;
    return airline_load(&air);
}

static int teardown_airline(void **state)
{
    (void)state;
    free(air.nps);
    free(air.sat);
    free(air.purpose);
    free(air.es);
    return 0;
}

/* NPS (nps - 1) and overall_sat of one purpose (PURPOSE_OTHER: everybody). */
static size_t airline_group(int purpose, double *nps, double *sat)
{
    size_t m = 0;
    for (size_t i = 0; i < air.n; i++) {
        if (purpose != PURPOSE_OTHER && air.purpose[i] != purpose)
            continue;
        nps[m] = air.nps[i] - 1.0;
        sat[m] = air.sat[i];
        m++;
    }
    return m;
}

/* ------------------------------------------------------------------------ */
/* Against a benchmark                                                       */

static void test_nps_benchmark_matches_statsmodels_z_test(void **state)
{
    (void)state;
    csat_comparison r = CSAT_RESULT_INIT(csat_comparison);
    csat_error err;
    OK(csat_compare_nps_benchmark(&IN_AIR_BUSINESS_NPS, 30.0, LEVEL(0.95), &r, &err));
    check_cmp(CTX("REF_NPSB_BUSINESS_30", REF_TOL), &r, &REF_NPSB_BUSINESS_30);
    OK(csat_compare_nps_benchmark(&IN_AIR_LEISURE_NPS, -10.0, LEVEL(0.90), &r, &err));
    check_cmp(CTX("REF_NPSB_LEISURE_M10_90", REF_TOL), &r, &REF_NPSB_LEISURE_M10_90);
    OK(csat_compare_nps_benchmark(&IN_AIR_ALL_NPS, 0.0, LEVEL(0.99), &r, &err));
    check_cmp(CTX("REF_NPSB_ALL_0_99", REF_TOL), &r, &REF_NPSB_ALL_0_99);
    /* The ends of the NPS range are valid benchmarks. */
    OK(csat_compare_nps_benchmark(&IN_AIR_ALL_NPS, 100.0, LEVEL(0.95), &r, &err));
    assert_true(r.diff == IN_AIR_ALL_NPS.score - 100.0);
    OK(csat_compare_nps_benchmark(&IN_AIR_ALL_NPS, -100.0, LEVEL(0.95), &r, &err));
    assert_true(r.diff == IN_AIR_ALL_NPS.score + 100.0);
}

static void test_share_benchmark_matches_statsmodels_score_test_and_wilson(void **state)
{
    (void)state;
    csat_comparison r = CSAT_RESULT_INIT(csat_comparison);
    csat_error err;
    /* The references were made with benchmarks in percent (15 %, 20 %,
     * 50 %); the library takes them as proportions. */
    OK(csat_compare_share_benchmark(&IN_AIR_BUSINESS_CSAT, 0.15, LEVEL(0.95), &r, &err));
    check_cmp_percent(CTX("REF_SHAREB_BUSINESS_15", REF_TOL), &r, &REF_SHAREB_BUSINESS_15);
    OK(csat_compare_share_benchmark(&IN_AIR_LEISURE_CSAT, 0.20, LEVEL(0.90), &r, &err));
    check_cmp_percent(CTX("REF_SHAREB_LEISURE_20_90", REF_TOL), &r, &REF_SHAREB_LEISURE_20_90);
    /* Weighted: fractional effective sample size. */
    OK(csat_compare_share_benchmark(&IN_WSHARE_A, 0.5, LEVEL(0.95), &r, &err));
    check_cmp_percent(CTX("REF_SHAREB_WSHARE_A_50", REF_TOL), &r, &REF_SHAREB_WSHARE_A_50);
}

static void test_share_benchmark_interval_is_the_wilson_interval_shifted(void **state)
{
    (void)state;
    /* At the share's own level the interval is its Wilson interval minus B. */
    csat_comparison r = CSAT_RESULT_INIT(csat_comparison);
    csat_error err;
    /* (The script's share result gives its interval and SE in percent.) */
    OK(csat_compare_share_benchmark(&IN_AIR_ALL_CSAT, 0.125, LEVEL(IN_AIR_ALL_CSAT.level), &r,
                                    &err));
    cmp_scaled(CTX("shifted Wilson", REF_TOL), "ci_lower", r.ci_lower,
               IN_AIR_ALL_CSAT.ci_lower / 100 - 0.125, 0.01);
    cmp_scaled(CTX("shifted Wilson", REF_TOL), "ci_upper", r.ci_upper,
               IN_AIR_ALL_CSAT.ci_upper / 100 - 0.125, 0.01);
    cmp_rel(CTX("shifted Wilson", REF_TOL), "se", r.se, IN_AIR_ALL_CSAT.se / 100);
    assert_true(isinf(r.df) && r.df > 0);
}

static void test_share_benchmark_in_percent_is_refused_with_a_hint(void **state)
{
    (void)state;
    /* A share is a proportion everywhere: 30 meant as 30 % is an error that
     * says what to pass, and 0.3 is the benchmark the caller meant. */
    csat_comparison r = CSAT_RESULT_INIT(csat_comparison);
    csat_error err;
    assert_int_equal(csat_compare_share_benchmark(&IN_AIR_ALL_CSAT, 30.0, LEVEL(0.95), &r, &err),
                     CSAT_ERR_ARGUMENT);
    assert_non_null(strstr(err.message, "share benchmark 30 is not a proportion between 0 and 1"));
    assert_non_null(strstr(err.message, "(for 30 %, pass 0.3)"));
    OK(csat_compare_share_benchmark(&IN_AIR_ALL_CSAT, 0.3, LEVEL(0.95), &r, &err));
    assert_true(r.diff == IN_AIR_ALL_CSAT.share - 0.3);
    assert_true(r.diff > -1 && r.diff < 1);
}

static void test_mean_benchmark_matches_scipy_one_sample_t_test(void **state)
{
    (void)state;
    csat_comparison r = CSAT_RESULT_INIT(csat_comparison);
    csat_error err;
    OK(csat_compare_mean_benchmark(&IN_AIR_BUSINESS_MEAN, 4.0, LEVEL(0.95), &r, &err));
    check_cmp(CTX("REF_MEANB_BUSINESS_4", REF_TOL), &r, &REF_MEANB_BUSINESS_4);
    OK(csat_compare_mean_benchmark(&IN_AIR_LEISURE_MEAN, 3.5, LEVEL(0.99), &r, &err));
    check_cmp(CTX("REF_MEANB_LEISURE_3_5_99", REF_TOL), &r, &REF_MEANB_LEISURE_3_5_99);
}

static void test_benchmark_equal_to_the_score_gives_zero_difference_and_p_one(void **state)
{
    (void)state;
    csat_comparison r = CSAT_RESULT_INIT(csat_comparison);
    csat_error err;
    OK(csat_compare_nps_benchmark(&IN_AIR_ALL_NPS, IN_AIR_ALL_NPS.score, LEVEL(0.95), &r, &err));
    assert_true(r.diff == 0.0 && r.statistic == 0.0 && r.p == 1.0);
    cmp_scaled(CTX("nps = benchmark", REF_TOL), "ci_upper", r.ci_upper,
               IN_AIR_ALL_NPS.ci_upper - IN_AIR_ALL_NPS.score, 1.0);
    OK(csat_compare_mean_benchmark(&IN_AIR_ALL_MEAN, IN_AIR_ALL_MEAN.score, LEVEL(0.95), &r, &err));
    assert_true(r.diff == 0.0 && r.statistic == 0.0 && r.p == 1.0);
    assert_true(r.df == IN_AIR_ALL_MEAN.df);
    cmp_scaled(CTX("mean = benchmark", REF_TOL), "ci_upper", r.ci_upper,
               IN_AIR_ALL_MEAN.ci_upper - IN_AIR_ALL_MEAN.score, 1.0);
}

/* ------------------------------------------------------------------------ */
/* Two independent results                                                   */

static void test_compare_nps_matches_statsmodels_two_sample_z(void **state)
{
    (void)state;
    csat_comparison r = CSAT_RESULT_INIT(csat_comparison);
    csat_error err;
    OK(csat_compare_nps(&IN_AIR_BUSINESS_NPS, &IN_AIR_LEISURE_NPS, LEVEL(0.95), &r, &err));
    check_cmp(CTX("REF_NPS_BUSINESS_LEISURE", REF_TOL), &r, &REF_NPS_BUSINESS_LEISURE);
    OK(csat_compare_nps(&IN_AIR_BUSINESS_NPS, &IN_AIR_ALL_NPS, LEVEL(0.95), &r, &err));
    check_cmp(CTX("REF_NPS_BUSINESS_ALL", REF_TOL), &r, &REF_NPS_BUSINESS_ALL);
    OK(csat_compare_nps(&IN_AIR_LEISURE_NPS, &IN_AIR_ALL_NPS, LEVEL(0.90), &r, &err));
    check_cmp(CTX("REF_NPS_LEISURE_ALL_90", REF_TOL), &r, &REF_NPS_LEISURE_ALL_90);
}

static void test_compare_shares_matches_statsmodels_newcombe_and_pooled_z(void **state)
{
    (void)state;
    csat_comparison r = CSAT_RESULT_INIT(csat_comparison);
    csat_error err;
    OK(csat_compare_shares(&IN_AIR_BUSINESS_CSAT, &IN_AIR_LEISURE_CSAT, LEVEL(0.95), &r, &err));
    check_cmp_percent(CTX("REF_SHARES_BUSINESS_LEISURE", REF_TOL), &r,
                      &REF_SHARES_BUSINESS_LEISURE);
    OK(csat_compare_shares(&IN_AIR_LEISURE_CSAT, &IN_AIR_ALL_CSAT, LEVEL(0.99), &r, &err));
    check_cmp_percent(CTX("REF_SHARES_LEISURE_ALL_99", REF_TOL), &r, &REF_SHARES_LEISURE_ALL_99);
    OK(csat_compare_shares(&IN_WSHARE_A, &IN_WSHARE_B, LEVEL(0.90), &r, &err));
    check_cmp_percent(CTX("REF_SHARES_WA_WB_90", REF_TOL), &r, &REF_SHARES_WA_WB_90);
}

static void test_compare_means_matches_scipy_welch_t_test(void **state)
{
    (void)state;
    csat_comparison r = CSAT_RESULT_INIT(csat_comparison);
    csat_error err;
    OK(csat_compare_means(&IN_AIR_BUSINESS_MEAN, &IN_AIR_LEISURE_MEAN, LEVEL(0.95), &r, &err));
    check_cmp(CTX("REF_MEANS_BUSINESS_LEISURE", REF_TOL), &r, &REF_MEANS_BUSINESS_LEISURE);
    OK(csat_compare_means(&IN_AIR_LEISURE_MEAN, &IN_AIR_ALL_MEAN, LEVEL(0.90), &r, &err));
    check_cmp(CTX("REF_MEANS_LEISURE_ALL_90", REF_TOL), &r, &REF_MEANS_LEISURE_ALL_90);
}

static void test_airline_results_from_the_library_give_the_same_comparisons(void **state)
{
    (void)state;
    double *nps = malloc(air.n * sizeof *nps), *sat = malloc(air.n * sizeof *sat);
    assert_true(nps && sat);
    const int purposes[] = {PURPOSE_OTHER, PURPOSE_BUSINESS, PURPOSE_LEISURE};
    const csat_nps_result *in_nps[] = {&IN_AIR_ALL_NPS, &IN_AIR_BUSINESS_NPS, &IN_AIR_LEISURE_NPS};
    const csat_share_result *in_csat[] = {&IN_AIR_ALL_CSAT, &IN_AIR_BUSINESS_CSAT,
                                          &IN_AIR_LEISURE_CSAT};
    const csat_mean_result *in_mean[] = {&IN_AIR_ALL_MEAN, &IN_AIR_BUSINESS_MEAN,
                                         &IN_AIR_LEISURE_MEAN};
    const char *names[] = {"all", "Business", "Leisure"};
    csat_nps_result n[3] = {CSAT_RESULT_INIT(csat_nps_result), CSAT_RESULT_INIT(csat_nps_result),
                            CSAT_RESULT_INIT(csat_nps_result)};
    csat_share_result s[3] = {CSAT_RESULT_INIT(csat_share_result),
                              CSAT_RESULT_INIT(csat_share_result),
                              CSAT_RESULT_INIT(csat_share_result)};
    csat_mean_result m[3] = {CSAT_RESULT_INIT(csat_mean_result), CSAT_RESULT_INIT(csat_mean_result),
                             CSAT_RESULT_INIT(csat_mean_result)};
    csat_error err;
    assert_int_equal(air.n, 1065);
    for (size_t g = 0; g < 3; g++) {
        size_t k = airline_group(purposes[g], nps, sat);
        const csat_csat_options co = {sizeof(csat_csat_options), 1, 7, 6, 0.95};
        OK(csat_score_nps(nps, k, NULL, NULL, &n[g], &err));
        OK(csat_score_csat(sat, k, NULL, &co, &s[g], &err));
        OK(csat_score_mean(sat, k, NULL, NULL, &m[g], &err));
        check_nps_input(CTX(names[g], INPUT_TOL), &n[g], in_nps[g]);
        check_share_input(CTX(names[g], INPUT_TOL), &s[g], in_csat[g]);
        check_mean_input(CTX(names[g], INPUT_TOL), &m[g], in_mean[g]);
    }
    csat_comparison r = CSAT_RESULT_INIT(csat_comparison);
    OK(csat_compare_nps(&n[1], &n[2], LEVEL(0.95), &r, &err));
    check_cmp(CTX("REF_NPS_BUSINESS_LEISURE (library inputs)", REF_TOL), &r,
              &REF_NPS_BUSINESS_LEISURE);
    OK(csat_compare_nps(&n[2], &n[0], LEVEL(0.90), &r, &err));
    check_cmp(CTX("REF_NPS_LEISURE_ALL_90 (library inputs)", REF_TOL), &r,
              &REF_NPS_LEISURE_ALL_90);
    OK(csat_compare_nps_benchmark(&n[1], 30.0, LEVEL(0.95), &r, &err));
    check_cmp(CTX("REF_NPSB_BUSINESS_30 (library inputs)", REF_TOL), &r, &REF_NPSB_BUSINESS_30);
    OK(csat_compare_shares(&s[1], &s[2], LEVEL(0.95), &r, &err));
    check_cmp_percent(CTX("REF_SHARES_BUSINESS_LEISURE (library inputs)", REF_TOL), &r,
              &REF_SHARES_BUSINESS_LEISURE);
    OK(csat_compare_share_benchmark(&s[2], 0.20, LEVEL(0.90), &r, &err));
    check_cmp_percent(CTX("REF_SHAREB_LEISURE_20_90 (library inputs)", REF_TOL), &r,
              &REF_SHAREB_LEISURE_20_90);
    OK(csat_compare_means(&m[1], &m[2], LEVEL(0.95), &r, &err));
    check_cmp(CTX("REF_MEANS_BUSINESS_LEISURE (library inputs)", REF_TOL), &r,
              &REF_MEANS_BUSINESS_LEISURE);
    OK(csat_compare_mean_benchmark(&m[2], 3.5, LEVEL(0.99), &r, &err));
    check_cmp(CTX("REF_MEANB_LEISURE_3_5_99 (library inputs)", REF_TOL), &r,
              &REF_MEANB_LEISURE_3_5_99);
    free(nps);
    free(sat);
}

/* b - a is the negative of a - b: same SE, statistic negated, interval
 * mirrored, same p and df. */
static void check_mirror(const char *name, const csat_comparison *ab, const csat_comparison *ba)
{
    const cmp_ctx *c = CTX(name, 1e-14);
    cmp_scaled(c, "diff", ba->diff, -ab->diff, ab->se);
    cmp_rel(c, "se", ba->se, ab->se);
    cmp_scaled(c, "ci_lower", ba->ci_lower, -ab->ci_upper, ab->se);
    cmp_scaled(c, "ci_upper", ba->ci_upper, -ab->ci_lower, ab->se);
    cmp_scaled(c, "statistic", ba->statistic, -ab->statistic, 1.0);
    cmp_rel(c, "df", ba->df, ab->df);
    cmp_rel(c, "p", ba->p, ab->p);
}

static void test_swapping_the_two_sides_negates_every_comparison(void **state)
{
    (void)state;
    csat_comparison ab = CSAT_RESULT_INIT(csat_comparison);
    csat_comparison ba = CSAT_RESULT_INIT(csat_comparison);
    csat_error err;
    OK(csat_compare_nps(&IN_AIR_BUSINESS_NPS, &IN_AIR_LEISURE_NPS, LEVEL(0.95), &ab, &err));
    OK(csat_compare_nps(&IN_AIR_LEISURE_NPS, &IN_AIR_BUSINESS_NPS, LEVEL(0.95), &ba, &err));
    check_mirror("compare_nps", &ab, &ba);
    OK(csat_compare_shares(&IN_WSHARE_A, &IN_WSHARE_B, LEVEL(0.90), &ab, &err));
    OK(csat_compare_shares(&IN_WSHARE_B, &IN_WSHARE_A, LEVEL(0.90), &ba, &err));
    check_mirror("compare_shares", &ab, &ba);
    OK(csat_compare_means(&IN_AIR_BUSINESS_MEAN, &IN_AIR_LEISURE_MEAN, LEVEL(0.95), &ab, &err));
    OK(csat_compare_means(&IN_AIR_LEISURE_MEAN, &IN_AIR_BUSINESS_MEAN, LEVEL(0.95), &ba, &err));
    check_mirror("compare_means", &ab, &ba);
}

static void test_comparison_of_a_result_with_itself_is_zero_with_p_one(void **state)
{
    (void)state;
    csat_comparison r = CSAT_RESULT_INIT(csat_comparison);
    csat_error err;
    OK(csat_compare_nps(&IN_AIR_ALL_NPS, &IN_AIR_ALL_NPS, LEVEL(0.95), &r, &err));
    assert_true(r.diff == 0.0 && r.statistic == 0.0 && r.p == 1.0 && isinf(r.df));
    cmp_rel(CTX("nps vs itself", REF_TOL), "se", r.se, sqrt(2.0) * IN_AIR_ALL_NPS.se);
    OK(csat_compare_shares(&IN_AIR_ALL_CSAT, &IN_AIR_ALL_CSAT, LEVEL(0.95), &r, &err));
    assert_true(r.diff == 0.0 && r.statistic == 0.0 && r.p == 1.0);
    OK(csat_compare_means(&IN_AIR_ALL_MEAN, &IN_AIR_ALL_MEAN, LEVEL(0.95), &r, &err));
    assert_true(r.diff == 0.0 && r.statistic == 0.0 && r.p == 1.0);
    /* Equal variances and df: Welch's df is 2 (n - 1). */
    cmp_rel(CTX("mean vs itself", REF_TOL), "df", r.df, 2.0 * IN_AIR_ALL_MEAN.df);
}

static void test_a_side_without_spread_is_compared_on_the_other_sides_se(void **state)
{
    (void)state;
    /* All promoters (Wald SE 0) against answers with spread; one value
     * repeated (SD 0) against values with spread. The SE of the difference
     * is the other side's: an ordinary test (statsmodels, scipy). */
    csat_nps_result a = CSAT_RESULT_INIT(csat_nps_result);
    csat_nps_result b = CSAT_RESULT_INIT(csat_nps_result);
    csat_mean_result c = CSAT_RESULT_INIT(csat_mean_result);
    csat_mean_result d = CSAT_RESULT_INIT(csat_mean_result);
    csat_comparison r = CSAT_RESULT_INIT(csat_comparison);
    csat_error err;
    OK(csat_score_nps(DATA_NPS_PROM6, ARRAY_LEN(DATA_NPS_PROM6), NULL, NULL, &a, &err));
    OK(csat_score_nps(DATA_NPS_MIX8, ARRAY_LEN(DATA_NPS_MIX8), NULL, NULL, &b, &err));
    assert_true(a.se == 0.0 && b.se > 0.0);
    OK(csat_compare_nps(&a, &b, LEVEL(0.95), &r, &err));
    check_cmp(CTX("REF_NPS_PROM6_MIX8", REF_TOL), &r, &REF_NPS_PROM6_MIX8);
    OK(csat_score_mean(DATA_MEAN_CONST4, ARRAY_LEN(DATA_MEAN_CONST4), NULL, NULL, &c, &err));
    OK(csat_score_mean(DATA_MEAN_MIX5, ARRAY_LEN(DATA_MEAN_MIX5), NULL, NULL, &d, &err));
    assert_true(c.se == 0.0 && d.se > 0.0);
    OK(csat_compare_means(&c, &d, LEVEL(0.95), &r, &err));
    check_cmp(CTX("REF_MEANS_CONST4_MIX5", REF_TOL), &r, &REF_MEANS_CONST4_MIX5);
}

static void test_zero_standard_errors_give_an_infinite_or_zero_statistic_never_nan(void **state)
{
    (void)state;
    const double prom[] = {9, 10, 10, 9, 10, 9};
    const double det[] = {0, 3, 6, 1};
    csat_nps_result a = CSAT_RESULT_INIT(csat_nps_result);
    csat_nps_result b = CSAT_RESULT_INIT(csat_nps_result);
    csat_comparison r = CSAT_RESULT_INIT(csat_comparison);
    csat_error err;
    OK(csat_score_nps(prom, ARRAY_LEN(prom), NULL, NULL, &a, &err));
    OK(csat_score_nps(det, ARRAY_LEN(det), NULL, NULL, &b, &err));
    assert_true(a.se == 0.0 && b.se == 0.0);
    /* All promoters against all detractors: 200 points, no uncertainty. */
    OK(csat_compare_nps(&a, &b, LEVEL(0.95), &r, &err));
    assert_true(r.diff == 200.0 && r.se == 0.0);
    assert_true(isinf(r.statistic) && r.statistic > 0 && r.p == 0.0);
    assert_true(r.ci_lower == 200.0 && r.ci_upper == 200.0);
    OK(csat_compare_nps(&b, &a, LEVEL(0.95), &r, &err));
    assert_true(isinf(r.statistic) && r.statistic < 0 && r.p == 0.0);
    /* Two identical certain results: no difference. */
    OK(csat_compare_nps(&a, &a, LEVEL(0.95), &r, &err));
    assert_true(r.diff == 0.0 && r.se == 0.0 && r.statistic == 0.0 && r.p == 1.0);
}

static void test_zero_spread_of_means_gives_an_infinite_or_zero_t_never_nan(void **state)
{
    (void)state;
    const double four[] = {4, 4, 4, 4};
    csat_mean_result m = CSAT_RESULT_INIT(csat_mean_result);
    csat_comparison r = CSAT_RESULT_INIT(csat_comparison);
    csat_error err;
    OK(csat_score_mean(four, 4, NULL, NULL, &m, &err));
    assert_true(m.se == 0.0 && m.df == 3.0);
    OK(csat_compare_mean_benchmark(&m, 3.0, LEVEL(0.95), &r, &err));
    assert_true(r.diff == 1.0 && r.se == 0.0 && isinf(r.statistic) && r.statistic > 0);
    assert_true(r.p == 0.0 && r.df == 3.0 && r.ci_lower == 1.0 && r.ci_upper == 1.0);
    OK(csat_compare_mean_benchmark(&m, 4.0, LEVEL(0.95), &r, &err));
    assert_true(r.diff == 0.0 && r.statistic == 0.0 && r.p == 1.0);
}

static void test_zero_spread_of_shares_and_gaps_gives_an_infinite_or_zero_statistic(void **state)
{
    (void)state;
    /* Shares of 1 on both sides: the pooled share is 1 as well (0/0), the
     * Newcombe interval from the two Wilson intervals is still defined. */
    const double all5[30] = {5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5,
                             5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5};
    csat_share_result s20 = CSAT_RESULT_INIT(csat_share_result);
    csat_share_result s30 = CSAT_RESULT_INIT(csat_share_result);
    csat_comparison r = CSAT_RESULT_INIT(csat_comparison);
    csat_error err;
    OK(csat_score_top_box(all5, 20, NULL, 1, NULL, &s20, &err));
    OK(csat_score_top_box(all5, 30, NULL, 1, NULL, &s30, &err));
    OK(csat_compare_shares(&s20, &s30, LEVEL(0.95), &r, &err));
    check_cmp_percent(CTX("REF_SHARES_ALL20_ALL30", REF_TOL), &r, &REF_SHARES_ALL20_ALL30);

    /* Gaps that are the same for every respondent: -1 and 0. */
    const double e[] = {5, 3, 6, 2, 4, 5};
    const double p[] = {4, 3, 5, 2, 3, 5};
    csat_comparison g[2] = {CSAT_RESULT_INIT(csat_comparison)};
    OK(csat_compare_gap(e, p, 3, 2, 2, LEVEL(0.95), g, NULL, &err));
    assert_true(g[0].diff == -1.0 && g[0].se == 0.0 && isinf(g[0].statistic) &&
                g[0].statistic < 0 && g[0].p == 0.0 && g[0].df == 2.0);
    assert_true(g[0].ci_lower == -1.0 && g[0].ci_upper == -1.0);
    assert_true(g[1].diff == 0.0 && g[1].se == 0.0 && g[1].statistic == 0.0 && g[1].p == 1.0);
}

/* ------------------------------------------------------------------------ */
/* Adjusted p-values                                                         */

static void check_adjusted(const char *name, const double *p, size_t n, csat_adjust_method m,
                           const double *want, const char *file, int line)
{
    double got[32];
    csat_error err;
    assert_true(n <= ARRAY_LEN(got));
    OK(csat_compare_adjust(p, n, ADJUST(m), got, &err));
    char field[32];
    for (size_t i = 0; i < n; i++) {
        snprintf(field, sizeof field, "p[%zu]", i);
        cmp_rel(&(const cmp_ctx){REF_TOL, name, file, line}, field, got[i], want[i]);
    }
}

#define ADJUSTED(p, m, want)                                                                   \
    check_adjusted(#want, (p), ARRAY_LEN(p), (m), (want), __FILE__, __LINE__)

static void test_adjusted_p_values_match_statsmodels_multipletests(void **state)
{
    (void)state;
    ADJUSTED(DATA_PVALS10, CSAT_ADJUST_HOLM, REF_PVALS10_HOLM);
    ADJUSTED(DATA_PVALS10, CSAT_ADJUST_BH, REF_PVALS10_BH);
    ADJUSTED(DATA_PVALS10, CSAT_ADJUST_BONFERRONI, REF_PVALS10_BONFERRONI);
    ADJUSTED(DATA_PVALS4, CSAT_ADJUST_HOLM, REF_PVALS4_HOLM);
    ADJUSTED(DATA_PVALS4, CSAT_ADJUST_BH, REF_PVALS4_BH);
    ADJUSTED(DATA_PVALS4, CSAT_ADJUST_BONFERRONI, REF_PVALS4_BONFERRONI);
    /* The 23 airline gap p-values, many of them far below 1e-100. */
    double p[AIR_K];
    for (size_t j = 0; j < AIR_K; j++)
        p[j] = REF_AIR_GAP[j].p;
    ADJUSTED(p, CSAT_ADJUST_HOLM, REF_AIR_GAP_P_HOLM);
    ADJUSTED(p, CSAT_ADJUST_BH, REF_AIR_GAP_P_BH);
    ADJUSTED(p, CSAT_ADJUST_BONFERRONI, REF_AIR_GAP_P_BONFERRONI);
}

static void test_adjusted_p_values_are_at_least_raw_and_keep_the_order_of_raw(void **state)
{
    (void)state;
    const csat_adjust_method methods[] = {CSAT_ADJUST_HOLM, CSAT_ADJUST_BH,
                                          CSAT_ADJUST_BONFERRONI};
    const double *sets[] = {DATA_PVALS10, DATA_PVALS4};
    const size_t sizes[] = {ARRAY_LEN(DATA_PVALS10), ARRAY_LEN(DATA_PVALS4)};
    csat_error err;
    for (size_t s = 0; s < 2; s++) {
        const double *p = sets[s];
        size_t n = sizes[s];
        for (size_t m = 0; m < ARRAY_LEN(methods); m++) {
            double q[16];
            OK(csat_compare_adjust(p, n, ADJUST(methods[m]), q, &err));
            for (size_t i = 0; i < n; i++) {
                assert_true(q[i] >= p[i] && q[i] <= 1.0);
                for (size_t j = 0; j < n; j++) {
                    /* A smaller raw p never gets a larger adjusted p. */
                    if (p[i] < p[j])
                        assert_true(q[i] <= q[j]);
                    if (p[i] == p[j])
                        assert_true(q[i] == q[j]);
                }
                if (methods[m] == CSAT_ADJUST_BONFERRONI) {
                    double b = fmin(1.0, (double)n * p[i]);
                    cmp_rel(CTX("Bonferroni = min(1, n p)", 1e-15), "p", q[i], b);
                }
            }
            /* The family-wise methods are at least as strict as BH. */
            if (methods[m] == CSAT_ADJUST_HOLM) {
                double bh[16], bon[16];
                OK(csat_compare_adjust(p, n, ADJUST(CSAT_ADJUST_BH), bh, &err));
                OK(csat_compare_adjust(p, n, ADJUST(CSAT_ADJUST_BONFERRONI), bon, &err));
                for (size_t i = 0; i < n; i++)
                    assert_true(bh[i] <= q[i] && q[i] <= bon[i]);
            }
        }
    }
}

static void test_adjusted_p_values_may_overwrite_the_input(void **state)
{
    (void)state;
    const csat_adjust_method methods[] = {CSAT_ADJUST_HOLM, CSAT_ADJUST_BH,
                                          CSAT_ADJUST_BONFERRONI};
    const double *want[] = {REF_PVALS10_HOLM, REF_PVALS10_BH, REF_PVALS10_BONFERRONI};
    csat_error err;
    for (size_t m = 0; m < ARRAY_LEN(methods); m++) {
        double p[ARRAY_LEN(DATA_PVALS10)];
        memcpy(p, DATA_PVALS10, sizeof p);
        OK(csat_compare_adjust(p, ARRAY_LEN(p), ADJUST(methods[m]), p, &err));
        for (size_t i = 0; i < ARRAY_LEN(p); i++)
            cmp_rel(CTX("in place", REF_TOL), "p", p[i], want[m][i]);
    }
}

static void test_one_p_value_is_its_own_adjustment(void **state)
{
    (void)state;
    const double p[] = {0.0375};
    double q[1];
    csat_error err;
    OK(csat_compare_adjust(p, 1, ADJUST(CSAT_ADJUST_HOLM), q, &err));
    assert_true(q[0] == p[0]);
    OK(csat_compare_adjust(p, 1, ADJUST(CSAT_ADJUST_BH), q, &err));
    assert_true(q[0] == p[0]);
    OK(csat_compare_adjust(p, 1, ADJUST(CSAT_ADJUST_BONFERRONI), q, &err));
    assert_true(q[0] == p[0]);
}

/* ------------------------------------------------------------------------ */
/* Trend across waves                                                        */

static void check_trend(const cmp_ctx *c, const csat_trend_result *got,
                        const csat_trend_result *want)
{
    cmp_scaled(c, "slope", got->slope, want->slope, want->se);
    cmp_rel(c, "se", got->se, want->se);
    cmp_scaled(c, "ci_lower", got->ci_lower, want->ci_lower, want->se);
    cmp_scaled(c, "ci_upper", got->ci_upper, want->ci_upper, want->se);
    cmp_scaled(c, "z", got->z, want->z, 1.0);
    cmp_rel(c, "p", got->p, want->p);
    cmp_scaled(c, "intercept", got->intercept, want->intercept, want->se);
    cmp_scaled(EXACT_OF(c), "level", got->level, want->level, 1.0);
    cmp_size(c, "waves", got->waves, want->waves);
}

static void test_trend_matches_statsmodels_wls_with_known_variances(void **state)
{
    (void)state;
    enum { K = ARRAY_LEN(DATA_TREND_SCORE) };
    csat_trend_result r = CSAT_RESULT_INIT(csat_trend_result);
    csat_comparison ch[K - 1] = {CSAT_RESULT_INIT(csat_comparison)};
    csat_error err;
    OK(csat_compare_trend(DATA_TREND_SCORE, DATA_TREND_SE, NULL, K, LEVEL(0.95), &r, ch, &err));
    check_trend(CTX("REF_TREND", REF_TOL), &r, &REF_TREND);
    for (size_t i = 0; i + 1 < K; i++)
        check_cmp(CTX("REF_TREND_CHANGES", REF_TOL), &ch[i], &REF_TREND_CHANGES[i]);
    OK(csat_compare_trend(DATA_TREND_SCORE, DATA_TREND_SE, DATA_TREND_TIME, K, LEVEL(0.90), &r, ch,
                          &err));
    check_trend(CTX("REF_TREND_TIME_90", REF_TOL), &r, &REF_TREND_TIME_90);
    for (size_t i = 0; i + 1 < K; i++)
        check_cmp(CTX("REF_TREND_CHANGES_90", REF_TOL), &ch[i], &REF_TREND_CHANGES_90[i]);
    /* Changes are optional; explicit times 0..k-1 equal NULL. */
    const double t[K] = {0, 1, 2, 3, 4, 5};
    csat_trend_result s = CSAT_RESULT_INIT(csat_trend_result);
    OK(csat_compare_trend(DATA_TREND_SCORE, DATA_TREND_SE, t, K, LEVEL(0.95), &s, NULL, &err));
    check_trend(CTX("REF_TREND (explicit times)", REF_TOL), &s, &REF_TREND);
}

static void test_trend_of_exactly_linear_scores_has_their_slope(void **state)
{
    (void)state;
    /* score = 10 + 2.5 t at uneven times with unequal SEs. */
    const double t[] = {0, 1, 3, 7, 8};
    const double se[] = {1.5, 0.75, 2.0, 1.25, 3.0};
    double y[5];
    for (size_t i = 0; i < 5; i++)
        y[i] = 10.0 + 2.5 * t[i];
    csat_trend_result r = CSAT_RESULT_INIT(csat_trend_result);
    csat_comparison ch[4] = {CSAT_RESULT_INIT(csat_comparison)};
    csat_error err;
    OK(csat_compare_trend(y, se, t, 5, LEVEL(0.95), &r, ch, &err));
    cmp_rel(CTX("linear", 1e-13), "slope", r.slope, 2.5);
    cmp_rel(CTX("linear", 1e-13), "intercept", r.intercept, 10.0);
    cmp_rel(CTX("linear", 1e-13), "z", r.z, 2.5 / r.se);
    /* se = 1/sqrt(sum v (t - tbar)^2) with v = 1/se^2. */
    double sv = 0, svt = 0;
    for (size_t i = 0; i < 5; i++) {
        sv += 1 / (se[i] * se[i]);
        svt += t[i] / (se[i] * se[i]);
    }
    double tbar = svt / sv, sxx = 0;
    for (size_t i = 0; i < 5; i++)
        sxx += (t[i] - tbar) * (t[i] - tbar) / (se[i] * se[i]);
    cmp_rel(CTX("linear", 1e-13), "se", r.se, 1 / sqrt(sxx));
    assert_int_equal(r.waves, 5);
    for (size_t i = 0; i < 4; i++) {
        cmp_rel(CTX("linear changes", 1e-15), "diff", ch[i].diff, 2.5 * (t[i + 1] - t[i]));
        cmp_rel(CTX("linear changes", 1e-15), "se", ch[i].se,
                sqrt(se[i] * se[i] + se[i + 1] * se[i + 1]));
        assert_true(isinf(ch[i].df));
    }
    /* A flat series: slope 0, p 1. */
    const double flat[] = {42, 42, 42, 42, 42};
    OK(csat_compare_trend(flat, se, NULL, 5, LEVEL(0.95), &r, NULL, &err));
    assert_true(fabs(r.slope) <= 1e-13 && fabs(r.z) <= 1e-12);
    cmp_rel(CTX("flat", 1e-12), "p", r.p, 1.0);
    cmp_rel(CTX("flat", 1e-13), "intercept", r.intercept, 42.0);
}

static void test_trend_of_two_waves_is_their_change(void **state)
{
    (void)state;
    const double y[] = {40.5, 44.0};
    const double se[] = {2.0, 1.5};
    const double t[] = {2.0, 4.0};
    csat_trend_result r = CSAT_RESULT_INIT(csat_trend_result);
    csat_comparison ch[1] = {CSAT_RESULT_INIT(csat_comparison)};
    csat_error err;
    OK(csat_compare_trend(y, se, t, 2, LEVEL(0.95), &r, ch, &err));
    /* Two points: the line through them; se = sqrt(se0^2 + se1^2)/(t1 - t0). */
    cmp_rel(CTX("two waves", 1e-14), "slope", r.slope, 3.5 / 2.0);
    cmp_rel(CTX("two waves", 1e-14), "se", r.se, 2.5 / 2.0);
    cmp_rel(CTX("two waves", 1e-14), "intercept", r.intercept, 40.5 - 2.0 * 1.75);
    cmp_rel(CTX("two waves", 1e-14), "z", r.z, ch[0].statistic);
    cmp_rel(CTX("two waves", 1e-14), "p", r.p, ch[0].p);
    cmp_rel(CTX("two waves", 1e-14), "diff", ch[0].diff, 3.5);
    cmp_rel(CTX("two waves", 1e-14), "se", ch[0].se, 2.5);
}

/* ------------------------------------------------------------------------ */
/* Percentile rank                                                           */

static void test_percentile_rank_matches_scipy_percentileofscore(void **state)
{
    (void)state;
    csat_error err;
    for (size_t i = 0; i < ARRAY_LEN(DATA_RANK_SCORES); i++) {
        csat_rank_result r = CSAT_RESULT_INIT(csat_rank_result);
        OK(csat_compare_rank(DATA_RANK_SCORES[i], DATA_PEERS, ARRAY_LEN(DATA_PEERS), NULL, &r,
                                &err));
        const cmp_ctx *c = CTX("REF_RANKS", REF_TOL);
        cmp_rel(c, "percentile", r.percentile, REF_RANKS[i].percentile);
        cmp_size(c, "rank", r.rank, REF_RANKS[i].rank);
        cmp_size(c, "of", r.of, REF_RANKS[i].of);
        cmp_size(c, "below", r.below, REF_RANKS[i].below);
        cmp_size(c, "equal", r.equal, REF_RANKS[i].equal);
    }
}

static void test_percentile_rank_extremes_and_single_peer(void **state)
{
    (void)state;
    csat_rank_result r = CSAT_RESULT_INIT(csat_rank_result);
    csat_error err;
    /* Above every peer: 100th percentile, first of n + 1. */
    OK(csat_compare_rank(1000.0, DATA_PEERS, ARRAY_LEN(DATA_PEERS), NULL, &r, &err));
    assert_true(r.percentile == 100.0 && r.rank == 1 && r.of == ARRAY_LEN(DATA_PEERS) + 1);
    /* Below every peer: 0, last. */
    OK(csat_compare_rank(-1000.0, DATA_PEERS, ARRAY_LEN(DATA_PEERS), NULL, &r, &err));
    assert_true(r.percentile == 0.0 && r.rank == ARRAY_LEN(DATA_PEERS) + 1 && r.below == 0);
    /* One equal peer: the middle, sharing the better position. */
    const double one[] = {7.5};
    OK(csat_compare_rank(7.5, one, 1, NULL, &r, &err));
    assert_true(r.percentile == 50.0 && r.rank == 1 && r.of == 2 && r.equal == 1);
}

/* ------------------------------------------------------------------------ */
/* Expectation-perception gap                                                */

static void test_gap_matches_scipy_paired_t_test_on_complete_pairs(void **state)
{
    (void)state;
    enum { K = DATA_GAP_K };
    csat_comparison r[K] = {CSAT_RESULT_INIT(csat_comparison)};
    size_t pairs[K];
    csat_error err;
    OK(csat_compare_gap(DATA_GAP_E, DATA_GAP_P, DATA_GAP_N, K, K, LEVEL(0.95), r, pairs, &err));
    for (size_t j = 0; j < K; j++) {
        check_cmp(CTX("REF_GAP", REF_TOL), &r[j], &REF_GAP[j]);
        cmp_size(CTX("REF_GAP_PAIRS", 0.0), "pairs", pairs[j], REF_GAP_PAIRS[j]);
    }
    OK(csat_compare_gap(DATA_GAP_E, DATA_GAP_P, DATA_GAP_N, K, K, LEVEL(0.80), r, NULL, &err));
    for (size_t j = 0; j < K; j++)
        check_cmp(CTX("REF_GAP_80", REF_TOL), &r[j], &REF_GAP_80[j]);
}

static void test_gap_of_airline_expectations_and_perceptions_matches_scipy(void **state)
{
    (void)state;
    /* One n x 46 matrix: expected = columns 0..22, perceived = 23..45, ld 46. */
    csat_comparison r[AIR_K] = {CSAT_RESULT_INIT(csat_comparison)};
    size_t pairs[AIR_K];
    csat_error err;
    OK(csat_compare_gap(air.es, air.es + AIR_K, air.n, AIR_K, 2 * AIR_K, LEVEL(0.95), r, pairs,
                        &err));
    for (size_t j = 0; j < AIR_K; j++) {
        char name[32];
        snprintf(name, sizeof name, "REF_AIR_GAP[%zu]", j);
        check_cmp(CTX(name, REF_TOL), &r[j], &REF_AIR_GAP[j]);
        cmp_size(CTX(name, 0.0), "pairs", pairs[j], REF_AIR_GAP_PAIRS[j]);
    }
}

static void test_gap_reads_rows_by_leading_dimension_only(void **state)
{
    (void)state;
    enum { K = DATA_GAP_K, LD = DATA_GAP_K + 2 };
    /* Padding holds infinities: reading it would be a RANGE error. */
    double e[DATA_GAP_N * LD], p[DATA_GAP_N * LD];
    for (size_t i = 0; i < DATA_GAP_N; i++) {
        for (size_t j = 0; j < LD; j++) {
            e[i * LD + j] = j < K ? DATA_GAP_E[i * K + j] : INFINITY;
            p[i * LD + j] = j < K ? DATA_GAP_P[i * K + j] : -INFINITY;
        }
    }
    csat_comparison a[K] = {CSAT_RESULT_INIT(csat_comparison)};
    csat_comparison b[K] = {CSAT_RESULT_INIT(csat_comparison)};
    csat_error err;
    OK(csat_compare_gap(e, p, DATA_GAP_N, K, LD, LEVEL(0.95), a, NULL, &err));
    OK(csat_compare_gap(DATA_GAP_E, DATA_GAP_P, DATA_GAP_N, K, K, LEVEL(0.95), b, NULL, &err));
    assert_memory_equal(a, b, sizeof a);
}

/* ------------------------------------------------------------------------ */
/* Bad input                                                                 */

static void test_benchmarks_reject_bad_input(void **state)
{
    (void)state;
    csat_comparison out = CSAT_RESULT_INIT(csat_comparison);
    csat_error err;
    csat_nps_result nps = IN_AIR_ALL_NPS;
    csat_share_result sh = IN_AIR_ALL_CSAT;
    csat_mean_result mean = IN_AIR_ALL_MEAN;

    EXPECT_FAIL(CSAT_ERR_NULL, out, csat_compare_nps_benchmark(NULL, 0.0, LEVEL(0.95), &out, &err));
    EXPECT_NULL_ERROR(csat_compare_nps_benchmark(&nps, 0.0, LEVEL(0.95), NULL, &err));
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, out,
                csat_compare_nps_benchmark(&nps, 100.5, LEVEL(0.95), &out, &err));
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, out,
                csat_compare_nps_benchmark(&nps, -101.0, LEVEL(0.95), &out, &err));
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, out,
                csat_compare_nps_benchmark(&nps, NAN, LEVEL(0.95), &out, &err));
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, out,
                csat_compare_nps_benchmark(&nps, 0.0, LEVEL(0.0), &out, &err));
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, out,
                csat_compare_nps_benchmark(&nps, 0.0, LEVEL(1.0), &out, &err));
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, out,
                csat_compare_nps_benchmark(&nps, 0.0, LEVEL(NAN), &out, &err));
    /* A result without a finite SE >= 0 (an SE of 0 is accepted: see
     * test_zero_standard_errors_give_an_infinite_or_zero_statistic_never_nan). */
    const double se_bad[] = {-1.0, NAN, INFINITY};
    for (size_t i = 0; i < ARRAY_LEN(se_bad); i++) {
        nps.se = se_bad[i];
        EXPECT_FAIL(CSAT_ERR_ARGUMENT, out,
                    csat_compare_nps_benchmark(&nps, 0.0, LEVEL(0.95), &out, &err));
    }

    EXPECT_FAIL(CSAT_ERR_NULL, out,
                csat_compare_share_benchmark(NULL, 0.5, LEVEL(0.95), &out, &err));
    EXPECT_NULL_ERROR(csat_compare_share_benchmark(&sh, 0.5, LEVEL(0.95), NULL, &err));
    /* A share benchmark is a proportion strictly between 0 and 1: 30 (meant
     * as 30 %) is refused, not read as a share of 30. */
    const double bench_bad[] = {0.0, 1.0, -0.05, 1.2, 30.0, 50.0, 99.0, 100.0, 120.0, NAN,
                                INFINITY};
    for (size_t i = 0; i < ARRAY_LEN(bench_bad); i++)
        EXPECT_FAIL(CSAT_ERR_ARGUMENT, out,
                    csat_compare_share_benchmark(&sh, bench_bad[i], LEVEL(0.95), &out, &err));
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, out,
                csat_compare_share_benchmark(&sh, 0.5, LEVEL(-0.5), &out, &err));
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, out,
                csat_compare_share_benchmark(&sh, 0.5, LEVEL(1.5), &out, &err));
    sh.share = NAN;
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, out,
                csat_compare_share_benchmark(&sh, 0.5, LEVEL(0.95), &out, &err));
    sh = IN_AIR_ALL_CSAT;
    sh.share = 1.25;
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, out,
                csat_compare_share_benchmark(&sh, 0.5, LEVEL(0.95), &out, &err));
    sh = IN_AIR_ALL_CSAT;
    sh.n_effective = 0.0;
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, out,
                csat_compare_share_benchmark(&sh, 0.5, LEVEL(0.95), &out, &err));

    EXPECT_FAIL(CSAT_ERR_NULL, out,
                csat_compare_mean_benchmark(NULL, 3.0, LEVEL(0.95), &out, &err));
    EXPECT_NULL_ERROR(csat_compare_mean_benchmark(&mean, 3.0, LEVEL(0.95), NULL, &err));
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, out,
                csat_compare_mean_benchmark(&mean, NAN, LEVEL(0.95), &out, &err));
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, out,
                csat_compare_mean_benchmark(&mean, INFINITY, LEVEL(0.95), &out, &err));
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, out,
                csat_compare_mean_benchmark(&mean, 3.0, LEVEL(1.0), &out, &err));
    /* A mean of one value: no SE, no degrees of freedom. */
    const double one[] = {4.0};
    csat_mean_result single = CSAT_RESULT_INIT(csat_mean_result);
    OK(csat_score_mean(one, 1, NULL, NULL, &single, &err));
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, out,
                csat_compare_mean_benchmark(&single, 3.0, LEVEL(0.95), &out, &err));
    mean.se = -0.1;
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, out,
                csat_compare_mean_benchmark(&mean, 3.0, LEVEL(0.95), &out, &err));
}

static void test_two_sample_comparisons_reject_bad_input(void **state)
{
    (void)state;
    csat_comparison out = CSAT_RESULT_INIT(csat_comparison);
    csat_error err;
    const csat_nps_result *na = &IN_AIR_BUSINESS_NPS, *nb = &IN_AIR_LEISURE_NPS;
    const csat_share_result *sa = &IN_AIR_BUSINESS_CSAT, *sb = &IN_AIR_LEISURE_CSAT;
    const csat_mean_result *ma = &IN_AIR_BUSINESS_MEAN, *mb = &IN_AIR_LEISURE_MEAN;

    EXPECT_FAIL(CSAT_ERR_NULL, out, csat_compare_nps(NULL, nb, LEVEL(0.95), &out, &err));
    EXPECT_FAIL(CSAT_ERR_NULL, out, csat_compare_nps(na, NULL, LEVEL(0.95), &out, &err));
    EXPECT_NULL_ERROR(csat_compare_nps(na, nb, LEVEL(0.95), NULL, &err));
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, out, csat_compare_nps(na, nb, LEVEL(0.0), &out, &err));
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, out, csat_compare_nps(na, nb, LEVEL(NAN), &out, &err));
    csat_nps_result bad_nps = *nb;
    bad_nps.se = NAN;
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, out, csat_compare_nps(na, &bad_nps, LEVEL(0.95), &out, &err));
    bad_nps.se = -2.0;
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, out, csat_compare_nps(&bad_nps, nb, LEVEL(0.95), &out, &err));

    EXPECT_FAIL(CSAT_ERR_NULL, out, csat_compare_shares(NULL, sb, LEVEL(0.95), &out, &err));
    EXPECT_FAIL(CSAT_ERR_NULL, out, csat_compare_shares(sa, NULL, LEVEL(0.95), &out, &err));
    EXPECT_NULL_ERROR(csat_compare_shares(sa, sb, LEVEL(0.95), NULL, &err));
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, out, csat_compare_shares(sa, sb, LEVEL(1.0), &out, &err));
    csat_share_result bad_share = *sb;
    bad_share.share = -0.1;
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, out,
                csat_compare_shares(sa, &bad_share, LEVEL(0.95), &out, &err));
    bad_share = *sb;
    bad_share.n_effective = 0.0;
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, out,
                csat_compare_shares(&bad_share, sb, LEVEL(0.95), &out, &err));
    bad_share.n_effective = NAN;
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, out,
                csat_compare_shares(sa, &bad_share, LEVEL(0.95), &out, &err));

    EXPECT_FAIL(CSAT_ERR_NULL, out, csat_compare_means(NULL, mb, LEVEL(0.95), &out, &err));
    EXPECT_FAIL(CSAT_ERR_NULL, out, csat_compare_means(ma, NULL, LEVEL(0.95), &out, &err));
    EXPECT_NULL_ERROR(csat_compare_means(ma, mb, LEVEL(0.95), NULL, &err));
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, out, csat_compare_means(ma, mb, LEVEL(-0.95), &out, &err));
    /* Each side needs n >= 2. */
    const double one[] = {4.0};
    csat_mean_result single = CSAT_RESULT_INIT(csat_mean_result);
    OK(csat_score_mean(one, 1, NULL, NULL, &single, &err));
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, out, csat_compare_means(&single, mb, LEVEL(0.95), &out, &err));
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, out, csat_compare_means(ma, &single, LEVEL(0.95), &out, &err));
    csat_mean_result bad_mean = *mb;
    bad_mean.se = NAN;
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, out, csat_compare_means(ma, &bad_mean, LEVEL(0.95), &out, &err));
}

static void test_adjust_pvalues_rejects_bad_input_and_names_the_bad_p(void **state)
{
    (void)state;
    double out[4];
    csat_error err;
    const double p[] = {0.1, 0.2, 0.3, 0.4};
    const double neg[] = {0.1, -0.001, 0.3, 0.4};
    const double big[] = {0.1, 0.2, 0.3, 1.0000001};
    const double nan_p[] = {0.1, 0.2, NAN, 0.4};
    const double inf_p[] = {INFINITY, 0.2, 0.3, 0.4};
    EXPECT_FAIL(CSAT_ERR_NULL, out,
                csat_compare_adjust(NULL, 4, ADJUST(CSAT_ADJUST_HOLM), out, &err));
    EXPECT_NULL_ERROR(csat_compare_adjust(p, 4, ADJUST(CSAT_ADJUST_HOLM), NULL, &err));
    const csat_adjust_method methods[] = {CSAT_ADJUST_HOLM, CSAT_ADJUST_BH,
                                          CSAT_ADJUST_BONFERRONI};
    for (size_t m = 0; m < ARRAY_LEN(methods); m++) {
        EXPECT_FAIL_AT(CSAT_ERR_RANGE, 1, ANY_INDEX, out,
                       csat_compare_adjust(neg, 4, ADJUST(methods[m]), out, &err));
        EXPECT_FAIL_AT(CSAT_ERR_RANGE, 3, ANY_INDEX, out,
                       csat_compare_adjust(big, 4, ADJUST(methods[m]), out, &err));
        EXPECT_FAIL_AT(CSAT_ERR_RANGE, 2, ANY_INDEX, out,
                       csat_compare_adjust(nan_p, 4, ADJUST(methods[m]), out, &err));
        EXPECT_FAIL_AT(CSAT_ERR_RANGE, 0, ANY_INDEX, out,
                       csat_compare_adjust(inf_p, 4, ADJUST(methods[m]), out, &err));
    }
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, out,
                csat_compare_adjust(p, 4, ADJUST((csat_adjust_method)3), out, &err));
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, out,
                csat_compare_adjust(p, 4, ADJUST((csat_adjust_method)-1), out, &err));
    /* A failing in-place call leaves the input as it was. */
    double q[4];
    memcpy(q, nan_p, sizeof q);
    memset(&err, 0, sizeof err);
    assert_int_equal(csat_compare_adjust(q, 4, ADJUST(CSAT_ADJUST_BH), q, &err), CSAT_ERR_RANGE);
    assert_true(q[0] == 0.1 && q[1] == 0.2 && isnan(q[2]) && q[3] == 0.4);
    /* No p-value: nothing to adjust, nothing written. */
    memset(out, 0xA5, sizeof out);
    memset(&err, 0, sizeof err);
    assert_int_equal(csat_compare_adjust(p, 0, ADJUST(CSAT_ADJUST_HOLM), out, &err), CSAT_OK);
    check_untouched(out, sizeof out, "csat_compare_adjust(n = 0)", __FILE__, __LINE__);
}

static void test_trend_rejects_bad_input_and_names_the_bad_wave(void **state)
{
    (void)state;
    const double y[] = {30, 32, 35, 33};
    const double se[] = {2, 2, 2, 2};
    const double t[] = {0, 1, 2, 3};
    const double y_nan[] = {30, 32, NAN, 33};
    const double y_inf[] = {30, INFINITY, 35, 33};
    const double se_zero[] = {2, 2, 2, 0};
    const double se_neg[] = {2, -1, 2, 2};
    const double se_nan[] = {NAN, 2, 2, 2};
    const double se_inf[] = {2, 2, INFINITY, 2};
    const double t_equal[] = {0, 1, 1, 3};
    const double t_down[] = {0, 2, 3, 2.5};
    const double t_nan[] = {0, NAN, 2, 3};
    trend_out out;
    csat_error err;
#define TREND(Y, S, T, K, L)                                                                   \
    csat_compare_trend((Y), (S), (T), (K), LEVEL((L)), &out.r, out.ch, &err)
    EXPECT_FAIL(CSAT_ERR_NULL, out, TREND(NULL, se, t, 4, 0.95));
    EXPECT_FAIL(CSAT_ERR_NULL, out, TREND(y, NULL, t, 4, 0.95));
    EXPECT_NULL_ERROR(csat_compare_trend(y, se, t, 4, LEVEL(0.95), NULL, NULL, &err));
    EXPECT_FAIL(CSAT_ERR_TOO_FEW, out, TREND(y, se, t, 1, 0.95));
    EXPECT_FAIL(CSAT_ERR_TOO_FEW, out, TREND(y, se, t, 0, 0.95));
    EXPECT_FAIL_AT(CSAT_ERR_ARGUMENT, 2, ANY_INDEX, out, TREND(y_nan, se, t, 4, 0.95));
    EXPECT_FAIL_AT(CSAT_ERR_ARGUMENT, 1, ANY_INDEX, out, TREND(y_inf, se, NULL, 4, 0.95));
    EXPECT_FAIL_AT(CSAT_ERR_ARGUMENT, 3, ANY_INDEX, out, TREND(y, se_zero, t, 4, 0.95));
    EXPECT_FAIL_AT(CSAT_ERR_ARGUMENT, 1, ANY_INDEX, out, TREND(y, se_neg, t, 4, 0.95));
    EXPECT_FAIL_AT(CSAT_ERR_ARGUMENT, 0, ANY_INDEX, out, TREND(y, se_nan, t, 4, 0.95));
    EXPECT_FAIL_AT(CSAT_ERR_ARGUMENT, 2, ANY_INDEX, out, TREND(y, se_inf, t, 4, 0.95));
    /* Times must increase strictly: the wave whose time does not is named. */
    EXPECT_FAIL_AT(CSAT_ERR_ARGUMENT, 2, ANY_INDEX, out, TREND(y, se, t_equal, 4, 0.95));
    EXPECT_FAIL_AT(CSAT_ERR_ARGUMENT, 3, ANY_INDEX, out, TREND(y, se, t_down, 4, 0.95));
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, out, TREND(y, se, t_nan, 4, 0.95));
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, out, TREND(y, se, t, 4, 0.0));
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, out, TREND(y, se, t, 4, 1.0));
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, out, TREND(y, se, t, 4, NAN));
#undef TREND
}

static void test_percentile_rank_rejects_bad_input(void **state)
{
    (void)state;
    const double peers[] = {10, 20, 30};
    const double nan_peer[] = {10, NAN, 30};
    const double inf_peer[] = {10, 20, -INFINITY};
    csat_rank_result out = CSAT_RESULT_INIT(csat_rank_result);
    csat_error err;
    EXPECT_FAIL(CSAT_ERR_NULL, out, csat_compare_rank(15.0, NULL, 3, NULL, &out, &err));
    EXPECT_NULL_ERROR(csat_compare_rank(15.0, peers, 3, NULL, NULL, &err));
    EXPECT_FAIL(CSAT_ERR_EMPTY, out, csat_compare_rank(15.0, peers, 0, NULL, &out, &err));
    EXPECT_FAIL(CSAT_ERR_RANGE, out, csat_compare_rank(15.0, nan_peer, 3, NULL, &out, &err));
    EXPECT_FAIL(CSAT_ERR_RANGE, out, csat_compare_rank(15.0, inf_peer, 3, NULL, &out, &err));
    EXPECT_FAIL(CSAT_ERR_RANGE, out, csat_compare_rank(NAN, peers, 3, NULL, &out, &err));
    EXPECT_FAIL(CSAT_ERR_RANGE, out, csat_compare_rank(INFINITY, peers, 3, NULL, &out, &err));
}

static void test_gap_rejects_bad_input_and_names_the_attribute(void **state)
{
    (void)state;
    /* 4 respondents x 3 attributes. */
    const double e[] = {5, 6, 7, 4, 5, 6, 6, 6, 5, 3, 4, 6};
    const double p[] = {4, 6, 5, 4, 4, 6, 5, 7, 5, 3, 5, 4};
    /* Attribute 1 has one complete pair only. */
    const double e_few[] = {5, NAN, 7, 4, NAN, 6, 6, 6, 5, 3, NAN, 6};
    const double p_few[] = {4, 6, 5, 4, 4, 6, 5, NAN, 5, 3, 5, 4};
    const double e_inf[] = {5, 6, 7, 4, 5, 6, 6, 6, INFINITY, 3, 4, 6};
    const double p_inf[] = {4, 6, 5, 4, 4, 6, 5, 7, 5, -INFINITY, 5, 4};
    gap_out out = {.c = {CSAT_RESULT_INIT(csat_comparison)}};
    csat_error err;
#define GAP(E, P, N, K, LD, L)                                                                 \
    csat_compare_gap((E), (P), (N), (K), (LD), LEVEL((L)), out.c, out.pairs, &err)
    OK(GAP(e, p, 4, 3, 3, 0.95));
    EXPECT_FAIL(CSAT_ERR_NULL, out, GAP(NULL, p, 4, 3, 3, 0.95));
    EXPECT_FAIL(CSAT_ERR_NULL, out, GAP(e, NULL, 4, 3, 3, 0.95));
    EXPECT_NULL_ERROR(csat_compare_gap(e, p, 4, 3, 3, LEVEL(0.95), NULL, NULL, &err));
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, out, GAP(e, p, 4, 0, 3, 0.95));
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, out, GAP(e, p, 4, 3, 2, 0.95));
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, out, GAP(e, p, 4, 3, 3, 1.0));
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, out, GAP(e, p, 4, 3, 3, NAN));
    EXPECT_FAIL_AT(CSAT_ERR_TOO_FEW, ANY_INDEX, 1, out, GAP(e_few, p_few, 4, 3, 3, 0.95));
    /* One respondent: no attribute has two pairs; the first is named. */
    EXPECT_FAIL_AT(CSAT_ERR_TOO_FEW, ANY_INDEX, 0, out, GAP(e, p, 1, 3, 3, 0.95));
    EXPECT_FAIL_AT(CSAT_ERR_RANGE, 2, 2, out, GAP(e_inf, p, 4, 3, 3, 0.95));
    EXPECT_FAIL_AT(CSAT_ERR_RANGE, 3, 0, out, GAP(e, p_inf, 4, 3, 3, 0.95));
#undef GAP
}

/* ------------------------------------------------------------------------ */
/* Options                                                                   */

static void test_the_confidence_level_comes_from_the_options(void **state)
{
    (void)state;
    /* The 90 % (and 80 %) references were made with a level argument; the
     * same intervals now come from options holding that level. */
    csat_compare_options o = CSAT_COMPARE_OPTIONS_DEFAULT;
    assert_true(o.size == sizeof o && o.level == 0.95 && o.adjust == CSAT_ADJUST_HOLM);
    o.level = 0.90;
    csat_comparison r = CSAT_RESULT_INIT(csat_comparison);
    csat_comparison d = CSAT_RESULT_INIT(csat_comparison);
    csat_error err;
    OK(csat_compare_nps_benchmark(&IN_AIR_LEISURE_NPS, -10.0, &o, &r, &err));
    check_cmp(CTX("REF_NPSB_LEISURE_M10_90 (options)", REF_TOL), &r, &REF_NPSB_LEISURE_M10_90);
    assert_true(r.level == 0.90);
    OK(csat_compare_share_benchmark(&IN_AIR_LEISURE_CSAT, 0.20, &o, &r, &err));
    check_cmp_percent(CTX("REF_SHAREB_LEISURE_20_90 (options)", REF_TOL), &r,
                      &REF_SHAREB_LEISURE_20_90);
    OK(csat_compare_nps(&IN_AIR_LEISURE_NPS, &IN_AIR_ALL_NPS, &o, &r, &err));
    check_cmp(CTX("REF_NPS_LEISURE_ALL_90 (options)", REF_TOL), &r, &REF_NPS_LEISURE_ALL_90);
    OK(csat_compare_shares(&IN_WSHARE_A, &IN_WSHARE_B, &o, &r, &err));
    check_cmp_percent(CTX("REF_SHARES_WA_WB_90 (options)", REF_TOL), &r, &REF_SHARES_WA_WB_90);
    OK(csat_compare_means(&IN_AIR_LEISURE_MEAN, &IN_AIR_ALL_MEAN, &o, &r, &err));
    check_cmp(CTX("REF_MEANS_LEISURE_ALL_90 (options)", REF_TOL), &r, &REF_MEANS_LEISURE_ALL_90);
    /* The adjustment method is no concern of a comparison. */
    o.adjust = CSAT_ADJUST_BONFERRONI;
    OK(csat_compare_means(&IN_AIR_LEISURE_MEAN, &IN_AIR_ALL_MEAN, &o, &d, &err));
    assert_memory_equal(&d, &r, sizeof r);

    enum { K = ARRAY_LEN(DATA_TREND_SCORE) };
    csat_trend_result tr = CSAT_RESULT_INIT(csat_trend_result);
    csat_comparison ch[K - 1] = {CSAT_RESULT_INIT(csat_comparison)};
    OK(csat_compare_trend(DATA_TREND_SCORE, DATA_TREND_SE, DATA_TREND_TIME, K, &o, &tr, ch, &err));
    check_trend(CTX("REF_TREND_TIME_90 (options)", REF_TOL), &tr, &REF_TREND_TIME_90);
    for (size_t i = 0; i + 1 < K; i++)
        check_cmp(CTX("REF_TREND_CHANGES_90 (options)", REF_TOL), &ch[i], &REF_TREND_CHANGES_90[i]);
    csat_comparison g[DATA_GAP_K] = {CSAT_RESULT_INIT(csat_comparison)};
    o.level = 0.80;
    OK(csat_compare_gap(DATA_GAP_E, DATA_GAP_P, DATA_GAP_N, DATA_GAP_K, DATA_GAP_K, &o, g, NULL,
                        &err));
    for (size_t j = 0; j < DATA_GAP_K; j++)
        check_cmp(CTX("REF_GAP_80 (options)", REF_TOL), &g[j], &REF_GAP_80[j]);

    /* NULL options are the defaults: 95 %. */
    OK(csat_compare_nps(&IN_AIR_BUSINESS_NPS, &IN_AIR_LEISURE_NPS, NULL, &r, &err));
    check_cmp(CTX("REF_NPS_BUSINESS_LEISURE (NULL options)", REF_TOL), &r,
              &REF_NPS_BUSINESS_LEISURE);
    OK(csat_compare_shares(&IN_AIR_BUSINESS_CSAT, &IN_AIR_LEISURE_CSAT, NULL, &r, &err));
    check_cmp_percent(CTX("REF_SHARES_BUSINESS_LEISURE (NULL options)", REF_TOL), &r,
                      &REF_SHARES_BUSINESS_LEISURE);
    OK(csat_compare_mean_benchmark(&IN_AIR_BUSINESS_MEAN, 4.0, NULL, &r, &err));
    check_cmp(CTX("REF_MEANB_BUSINESS_4 (NULL options)", REF_TOL), &r, &REF_MEANB_BUSINESS_4);
    OK(csat_compare_trend(DATA_TREND_SCORE, DATA_TREND_SE, NULL, K, NULL, &tr, ch, &err));
    check_trend(CTX("REF_TREND (NULL options)", REF_TOL), &tr, &REF_TREND);
    for (size_t i = 0; i + 1 < K; i++)
        check_cmp(CTX("REF_TREND_CHANGES (NULL options)", REF_TOL), &ch[i], &REF_TREND_CHANGES[i]);
    OK(csat_compare_gap(DATA_GAP_E, DATA_GAP_P, DATA_GAP_N, DATA_GAP_K, DATA_GAP_K, NULL, g, NULL,
                        &err));
    for (size_t j = 0; j < DATA_GAP_K; j++)
        check_cmp(CTX("REF_GAP (NULL options)", REF_TOL), &g[j], &REF_GAP[j]);
}

static void test_options_are_read_through_their_size(void **state)
{
    (void)state;
    csat_comparison r = CSAT_RESULT_INIT(csat_comparison);
    csat_error err;
    /* Options from an older, shorter header: the level is read when the
     * size covers it; what the size does not cover keeps its default. */
    csat_compare_options o = CSAT_COMPARE_OPTIONS_DEFAULT;
    o.level = 0.90;
    o.size = offsetof(csat_compare_options, adjust);
    OK(csat_compare_nps(&IN_AIR_LEISURE_NPS, &IN_AIR_ALL_NPS, &o, &r, &err));
    check_cmp(CTX("REF_NPS_LEISURE_ALL_90 (level covered)", REF_TOL), &r, &REF_NPS_LEISURE_ALL_90);
    o.size = sizeof(size_t);
    OK(csat_compare_nps(&IN_AIR_BUSINESS_NPS, &IN_AIR_LEISURE_NPS, &o, &r, &err));
    check_cmp(CTX("REF_NPS_BUSINESS_LEISURE (level not covered)", REF_TOL), &r,
              &REF_NPS_BUSINESS_LEISURE);
    /* A size below the size field, not a multiple of it or beyond the
     * library's struct is refused, and nothing is written. */
    const size_t bad[] = {0, 1, sizeof(size_t) - 1, sizeof(size_t) + 1,
                          sizeof(csat_compare_options) + sizeof(size_t), (size_t)-1};
    for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
        o.size = bad[i];
        EXPECT_FAIL(CSAT_ERR_ARGUMENT, r,
                    csat_compare_nps(&IN_AIR_LEISURE_NPS, &IN_AIR_ALL_NPS, &o, &r, &err));
        double q[4];
        EXPECT_FAIL(CSAT_ERR_ARGUMENT, q, csat_compare_adjust(DATA_PVALS4, 4, &o, q, &err));
    }
}

static void test_adjust_reads_the_method_from_the_options(void **state)
{
    (void)state;
    const csat_adjust_method methods[] = {CSAT_ADJUST_HOLM, CSAT_ADJUST_BH, CSAT_ADJUST_BONFERRONI};
    const double *want[] = {REF_PVALS10_HOLM, REF_PVALS10_BH, REF_PVALS10_BONFERRONI};
    const char *names[] = {"REF_PVALS10_HOLM", "REF_PVALS10_BH", "REF_PVALS10_BONFERRONI"};
    enum { N = ARRAY_LEN(DATA_PVALS10) };
    double q[N];
    csat_error err;
    for (size_t m = 0; m < ARRAY_LEN(methods); m++) {
        csat_compare_options o = CSAT_COMPARE_OPTIONS_DEFAULT;
        o.adjust = (int)methods[m];
        OK(csat_compare_adjust(DATA_PVALS10, N, &o, q, &err));
        for (size_t i = 0; i < N; i++)
            cmp_rel(CTX(names[m], REF_TOL), "p", q[i], want[m][i]);
        /* The level is not read by the adjustment, even when it is no level. */
        o.level = NAN;
        OK(csat_compare_adjust(DATA_PVALS10, N, &o, q, &err));
        for (size_t i = 0; i < N; i++)
            cmp_rel(CTX(names[m], REF_TOL), "p (level NaN)", q[i], want[m][i]);
    }
    /* NULL options and the default options: Holm. */
    OK(csat_compare_adjust(DATA_PVALS10, N, NULL, q, &err));
    for (size_t i = 0; i < N; i++)
        cmp_rel(CTX("REF_PVALS10_HOLM (NULL options)", REF_TOL), "p", q[i], REF_PVALS10_HOLM[i]);
    const csat_compare_options def = CSAT_COMPARE_OPTIONS_DEFAULT;
    OK(csat_compare_adjust(DATA_PVALS10, N, &def, q, &err));
    for (size_t i = 0; i < N; i++)
        cmp_rel(CTX("REF_PVALS10_HOLM (default options)", REF_TOL), "p", q[i], REF_PVALS10_HOLM[i]);
}

/* Sizes a result of `full` bytes may not have: below the size field, not
 * a multiple of it, beyond the library's struct, and the sentinel of the
 * failure checks. */
enum { N_BAD_SIZES = 8 };

static void bad_sizes(size_t full, size_t out[N_BAD_SIZES])
{
    const size_t s = sizeof(size_t);
    const size_t v[N_BAD_SIZES] = {0, 1, s - 1, s + 1, full - 1, full + s,
                                   (size_t)0xA5A5A5A5A5A5A5A5u, (size_t)-1};
    memcpy(out, v, sizeof v);
}

static void test_trend_and_gap_refuse_a_comparison_array_whose_first_size_is_bad(void **state)
{
    (void)state;
    const double y[] = {30, 32, 35, 33};
    const double se[] = {2, 2, 2, 2};
    trend_out out;
    gap_out gout;
    csat_error err;
    size_t bad_c[N_BAD_SIZES], bad_t[N_BAD_SIZES];
    bad_sizes(sizeof(csat_comparison), bad_c);
    bad_sizes(sizeof(csat_trend_result), bad_t);
    for (size_t i = 0; i < N_BAD_SIZES; i++) {
        /* The changes of a trend: refused whatever else is right, with the
         * trend itself left alone. */
        EXPECT_FAIL_SIZES_AT(CSAT_ERR_ARGUMENT, ANY_INDEX, ANY_INDEX, out,
                             (trend_out_sized(&out, 0, 0), out.ch[0].size = bad_c[i]),
                             csat_compare_trend(y, se, NULL, 4, NULL, &out.r, out.ch, &err));
        assert_non_null(strstr(err.message, "size"));
        /* The trend result itself. */
        EXPECT_FAIL_SIZES_AT(CSAT_ERR_ARGUMENT, ANY_INDEX, ANY_INDEX, out,
                             (trend_out_sized(&out, 0, 0), out.r.size = bad_t[i]),
                             csat_compare_trend(y, se, NULL, 4, NULL, &out.r, NULL, &err));
        /* The comparisons of a gap, with the pairs left alone. */
        EXPECT_FAIL_SIZES_AT(CSAT_ERR_ARGUMENT, ANY_INDEX, ANY_INDEX, gout,
                             gout.c[0].size = bad_c[i],
                             csat_compare_gap(DATA_GAP_E, DATA_GAP_P, DATA_GAP_N, DATA_GAP_K,
                                              DATA_GAP_K, NULL, gout.c, gout.pairs, &err));
        assert_non_null(strstr(err.message, "size"));
    }
}

/* The first element's size is the stride of a comparison array; a smaller
 * valid size (a struct from an older header) receives only what it covers. */
static void test_a_shorter_comparison_array_receives_the_fields_its_size_covers(void **state)
{
    (void)state;
    enum { K = ARRAY_LEN(DATA_TREND_SCORE), STRIDE = offsetof(csat_comparison, level) };
    assert_true(STRIDE % sizeof(size_t) == 0);
    csat_trend_result tr = CSAT_RESULT_INIT(csat_trend_result);
    csat_comparison full[K - 1] = {CSAT_RESULT_INIT(csat_comparison)};
    unsigned char buf[(K - 1) * STRIDE + 64];
    const size_t stride = STRIDE;
    csat_error err;
    OK(csat_compare_trend(DATA_TREND_SCORE, DATA_TREND_SE, NULL, K, NULL, &tr, full, &err));
    memset(buf, 0xA5, sizeof buf);
    memcpy(buf, &stride, sizeof stride);
    OK(csat_compare_trend(DATA_TREND_SCORE, DATA_TREND_SE, NULL, K, NULL, &tr,
                          (csat_comparison *)(void *)buf, &err));
    for (size_t i = 0; i + 1 < K; i++) {
        csat_comparison c;
        memset(&c, 0, sizeof c);
        memcpy(&c, buf + i * STRIDE, STRIDE);
        /* diff .. p as in a full array, bit for bit; level not covered. */
        assert_memory_equal((const char *)&c + sizeof(size_t),
                            (const char *)&full[i] + sizeof(size_t), STRIDE - sizeof(size_t));
    }
    check_untouched(buf + (K - 1) * STRIDE, sizeof buf - (K - 1) * STRIDE,
                    "bytes after a shorter changes array", __FILE__, __LINE__);

    /* The same for the gap. */
    csat_comparison gfull[DATA_GAP_K] = {CSAT_RESULT_INIT(csat_comparison)};
    unsigned char gbuf[DATA_GAP_K * STRIDE + 64];
    OK(csat_compare_gap(DATA_GAP_E, DATA_GAP_P, DATA_GAP_N, DATA_GAP_K, DATA_GAP_K, NULL, gfull,
                        NULL, &err));
    memset(gbuf, 0xA5, sizeof gbuf);
    memcpy(gbuf, &stride, sizeof stride);
    OK(csat_compare_gap(DATA_GAP_E, DATA_GAP_P, DATA_GAP_N, DATA_GAP_K, DATA_GAP_K, NULL,
                        (csat_comparison *)(void *)gbuf, NULL, &err));
    for (size_t j = 0; j < DATA_GAP_K; j++) {
        csat_comparison c;
        memset(&c, 0, sizeof c);
        memcpy(&c, gbuf + j * STRIDE, STRIDE);
        assert_memory_equal((const char *)&c + sizeof(size_t),
                            (const char *)&gfull[j] + sizeof(size_t), STRIDE - sizeof(size_t));
    }
    check_untouched(gbuf + DATA_GAP_K * STRIDE, sizeof gbuf - DATA_GAP_K * STRIDE,
                    "bytes after a shorter gap array", __FILE__, __LINE__);
}

static void test_failures_are_reported_without_an_error_struct(void **state)
{
    (void)state;
    csat_comparison c = CSAT_RESULT_INIT(csat_comparison);
    csat_comparison c2[2] = {CSAT_RESULT_INIT(csat_comparison)};
    double q[2];
    csat_trend_result t = CSAT_RESULT_INIT(csat_trend_result);
    csat_rank_result r = CSAT_RESULT_INIT(csat_rank_result);
    const double p[] = {0.5, 2.0};
    assert_int_equal(csat_compare_nps(NULL, NULL, LEVEL(0.95), &c, NULL), CSAT_ERR_NULL);
    assert_int_equal(csat_compare_nps_benchmark(&IN_AIR_ALL_NPS, 200.0, LEVEL(0.95), &c, NULL),
                     CSAT_ERR_ARGUMENT);
    assert_int_equal(csat_compare_shares(&IN_WSHARE_A, &IN_WSHARE_B, LEVEL(2.0), &c, NULL),
                     CSAT_ERR_ARGUMENT);
    assert_int_equal(csat_compare_adjust(p, 2, ADJUST(CSAT_ADJUST_BH), q, NULL), CSAT_ERR_RANGE);
    assert_int_equal(csat_compare_trend(p, p, NULL, 1, LEVEL(0.95), &t, NULL, NULL),
                     CSAT_ERR_TOO_FEW);
    assert_int_equal(csat_compare_rank(1.0, p, 0, NULL, &r, NULL), CSAT_ERR_EMPTY);
    assert_int_equal(csat_compare_gap(p, p, 1, 2, 2, LEVEL(0.95), c2, NULL, NULL),
                     CSAT_ERR_TOO_FEW);
}

/* ------------------------------------------------------------------------ */

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_nps_benchmark_matches_statsmodels_z_test),
        cmocka_unit_test(test_share_benchmark_matches_statsmodels_score_test_and_wilson),
        cmocka_unit_test(test_share_benchmark_interval_is_the_wilson_interval_shifted),
        cmocka_unit_test(test_share_benchmark_in_percent_is_refused_with_a_hint),
        cmocka_unit_test(test_mean_benchmark_matches_scipy_one_sample_t_test),
        cmocka_unit_test(test_benchmark_equal_to_the_score_gives_zero_difference_and_p_one),
        cmocka_unit_test(test_compare_nps_matches_statsmodels_two_sample_z),
        cmocka_unit_test(test_compare_shares_matches_statsmodels_newcombe_and_pooled_z),
        cmocka_unit_test(test_compare_means_matches_scipy_welch_t_test),
        cmocka_unit_test(test_airline_results_from_the_library_give_the_same_comparisons),
        cmocka_unit_test(test_swapping_the_two_sides_negates_every_comparison),
        cmocka_unit_test(test_comparison_of_a_result_with_itself_is_zero_with_p_one),
        cmocka_unit_test(test_a_side_without_spread_is_compared_on_the_other_sides_se),
        cmocka_unit_test(test_zero_standard_errors_give_an_infinite_or_zero_statistic_never_nan),
        cmocka_unit_test(test_zero_spread_of_means_gives_an_infinite_or_zero_t_never_nan),
        cmocka_unit_test(test_zero_spread_of_shares_and_gaps_gives_an_infinite_or_zero_statistic),
        cmocka_unit_test(test_adjusted_p_values_match_statsmodels_multipletests),
        cmocka_unit_test(test_adjusted_p_values_are_at_least_raw_and_keep_the_order_of_raw),
        cmocka_unit_test(test_adjusted_p_values_may_overwrite_the_input),
        cmocka_unit_test(test_one_p_value_is_its_own_adjustment),
        cmocka_unit_test(test_trend_matches_statsmodels_wls_with_known_variances),
        cmocka_unit_test(test_trend_of_exactly_linear_scores_has_their_slope),
        cmocka_unit_test(test_trend_of_two_waves_is_their_change),
        cmocka_unit_test(test_percentile_rank_matches_scipy_percentileofscore),
        cmocka_unit_test(test_percentile_rank_extremes_and_single_peer),
        cmocka_unit_test(test_gap_matches_scipy_paired_t_test_on_complete_pairs),
        cmocka_unit_test(test_gap_of_airline_expectations_and_perceptions_matches_scipy),
        cmocka_unit_test(test_gap_reads_rows_by_leading_dimension_only),
        cmocka_unit_test(test_the_confidence_level_comes_from_the_options),
        cmocka_unit_test(test_options_are_read_through_their_size),
        cmocka_unit_test(test_adjust_reads_the_method_from_the_options),
        cmocka_unit_test(test_trend_and_gap_refuse_a_comparison_array_whose_first_size_is_bad),
        cmocka_unit_test(test_a_shorter_comparison_array_receives_the_fields_its_size_covers),
        cmocka_unit_test(test_benchmarks_reject_bad_input),
        cmocka_unit_test(test_two_sample_comparisons_reject_bad_input),
        cmocka_unit_test(test_adjust_pvalues_rejects_bad_input_and_names_the_bad_p),
        cmocka_unit_test(test_trend_rejects_bad_input_and_names_the_bad_wave),
        cmocka_unit_test(test_percentile_rank_rejects_bad_input),
        cmocka_unit_test(test_gap_rejects_bad_input_and_names_the_attribute),
        cmocka_unit_test(test_failures_are_reported_without_an_error_struct),
    };
    return cmocka_run_group_tests_name("compare", tests, setup_airline, teardown_airline);
}
