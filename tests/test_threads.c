/*
 * Thread safety: every family of the public API (scores, the tally, moments
 * and cross-product accumulators with their copies, serialisation and
 * merges, key drivers with importance, dominance and bootstrap, IPA,
 * comparisons, business measures, scores by group with their grouped
 * accumulators, comparisons of groups and tracking tables, survey designs
 * (every score of a design's rows, by group and against the rest, from
 * accumulators keyed by PSU, the designed key-driver fit and its PSU
 * bootstrap, raking), and a few failures with their error details) is run
 * from THREADS threads at once, REPS times each, on shared read-only input:
 * the same arrays, and a model, tally, accumulators (cross-products,
 * grouped tallies and moments, tallies and moments keyed by PSU), curve and
 * survey designs built once before the threads start and only read by
 * them. Each thread's results must be bit-identical to those of a
 * single-threaded run first. Within a run, grouped accumulators filled in
 * shards and merged must equal one pass over the same answers, and a
 * designed score from an accumulator keyed by PSU must equal the score of
 * the design's rows to the bit.
 *
 * common.h promises that nothing keeps global state and that calls on
 * distinct objects (or reading the same object) may run concurrently; this
 * suite is what tests/sanitize/tsan.sh runs under ThreadSanitizer, which
 * reports any data race the calls make, and in the plain build it still
 * catches results that depend on what other threads do.
 *
 * Worker threads never call cmocka (its checks are not thread-safe): they
 * record the first failed call or the first differing field, and the main
 * thread asserts after joining them.
 */
#define _POSIX_C_SOURCE 200809L

#include <math.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "csat.h"

#define THREADS 4
#define REPS 5

/* ------------------------------------------------------------------------ */
/* Shared read-only input                                                    */

#define NA 3001     /* survey answers */
#define NIDX 3      /* items of the composite index */
#define ND 120      /* key-driver rows */
#define P 4         /* drivers */
#define LDX (P + 1) /* leading dimension: the extra column must be ignored */
#define NT 200      /* customers, complaints, lifetimes */
#define NR 80       /* reviews */
#define WAVES 5
#define PVALS 6
#define PEERS 20
#define GAP_N 60
#define GAP_K 3
#define STEPS_MAX 128
#define CATS_MAX 16
#define BLOB_MAX 4096
#define METHODS 6 /* csat_importance_method, FIRST .. RELATIVE_WEIGHTS */
#define GR 4      /* groups */
#define SHARDS 3  /* grouped accumulators filled in parts and merged */
#define GBLOB_MAX 2048
#define GPAIRS (GR * (GR - 1) / 2)
#define PSU_ROWS 7  /* rows per PSU of the shared design */
#define DSTRATA 4   /* its strata */
#define DPSU_ROWS 4 /* rows per PSU of the key-driver rows' design */

static double nps_x[NA], sat_x[NA], effort_x[NA], cont_x[NA], weight[NA];
static double items[NA * NIDX];
static const double item_min[NIDX] = { 1, 1, 0 }, item_max[NIDX] = { 5, 7, 10 };
static const double item_weights[NIDX] = { 1, 2, 1.5 };
static double drv_x[ND * LDX], drv_y[ND], drv_w[ND];
static double wave_score[WAVES], wave_se[WAVES], wave_time[WAVES];
static double pvals[PVALS], peers[PEERS];
static double expected[GAP_N * GAP_K], perceived[GAP_N * GAP_K];
static double cust_start[NT], cust_end[NT], life_time[NT], life_observed[NT];
static double codes[NT], res_time[NT], res_resolved[NT], ratings[NR];
static int32_t group_code[NA]; /* 0..GR − 1, or CSAT_GROUP_NONE */
/* The survey design of the NA answers: PSUs of PSU_ROWS consecutive rows
 * (cluster codes 100, 103, ...), PSU k in stratum k mod DSTRATA, 400 PSUs
 * in the population of each stratum, the weights `weight`; its PSU codes;
 * two raking margins of the answers. The key-driver rows' design: PSUs of
 * DPSU_ROWS rows in 3 strata, the weights drv_w. */
static int32_t design_stratum[NA], design_cluster[NA], design_key[NA];
static double design_fpc[NA];
static int32_t rake_a[NA], rake_b[NA];
static int32_t drv_stratum[ND], drv_cluster[ND];

static csat_drivers *shared_model;
static csat_tally *shared_tally;
static csat_xprod *shared_xprod;
static csat_survival *shared_curve;
static csat_grouped *shared_grouped;         /* tallies of 0..10: nps_x, weighted */
static csat_grouped *shared_grouped_moments; /* moments of cont_x, weighted */
static csat_design *shared_design;           /* the design of the NA answers */
static csat_design *shared_design_psus;      /* its PSUs and strata, without rows */
static csat_design *shared_driver_design;    /* the design of the key-driver rows */
static csat_grouped *shared_psu_tally;       /* tallies of nps_x keyed by PSU */
static csat_grouped *shared_psu_moments;     /* moments of cont_x keyed by PSU */
static size_t design_psus;                   /* the PSUs of shared_design */

static uint64_t lcg(uint64_t *s)
{
    *s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
    return *s >> 33;
}

static double uniform(uint64_t *s) /* [0, 1) */
{
    return (double)(lcg(s) % 1000000) / 1e6;
}

static void make_input(void)
{
    uint64_t s = 2024;
    for (size_t i = 0; i < NA; i++) {
        nps_x[i] = (double)(lcg(&s) % 11);
        sat_x[i] = (double)(1 + lcg(&s) % 5);
        effort_x[i] = (double)(1 + lcg(&s) % 7);
        cont_x[i] = 250.0 + 40.0 * uniform(&s);
        weight[i] = 0.25 + 2.0 * uniform(&s);
        if (i % 37 == 5)
            nps_x[i] = NAN;
        if (i % 41 == 7)
            sat_x[i] = NAN;
        if (i % 53 == 11)
            cont_x[i] = NAN;
        if (i % 97 == 0)
            weight[i] = 0;
        for (size_t j = 0; j < NIDX; j++)
            items[i * NIDX + j] =
                item_min[j] + (double)(lcg(&s) % (uint64_t)(item_max[j] - item_min[j] + 1));
        if (i % 61 == 3)
            items[i * NIDX + 1] = NAN;
        group_code[i] = lcg(&s) % 11 == 0 ? CSAT_GROUP_NONE : (int32_t)(lcg(&s) % GR);
    }
    group_code[0] = 0; /* every group has answers */
    group_code[1] = GR - 1;
    for (size_t i = 0; i < ND; i++) {
        double base = (double)(lcg(&s) % 6);
        double y = 1.0;
        for (size_t j = 0; j < P; j++) {
            double v = 1.0 + base + (double)(lcg(&s) % 5);
            drv_x[i * LDX + j] = v;
            y += (0.5 - 0.1 * (double)j) * v;
        }
        drv_x[i * LDX + P] = NAN; /* beyond p: never read */
        drv_y[i] = y + 2.0 * (uniform(&s) - 0.5);
        drv_w[i] = 0.5 + 2.0 * uniform(&s);
    }
    drv_x[17 * LDX + 2] = NAN; /* one incomplete row */
    for (size_t k = 0; k < WAVES; k++) {
        wave_score[k] = 30.0 + 2.5 * (double)k + 4.0 * uniform(&s);
        wave_se[k] = 2.0 + uniform(&s);
        wave_time[k] = (double)(3 * k) + uniform(&s);
    }
    for (size_t k = 0; k < PVALS; k++)
        pvals[k] = 0.002 + 0.1 * uniform(&s) * (double)k;
    for (size_t k = 0; k < PEERS; k++)
        peers[k] = -20.0 + (double)(lcg(&s) % 70);
    for (size_t i = 0; i < GAP_N * GAP_K; i++) {
        expected[i] = (double)(1 + lcg(&s) % 7);
        perceived[i] = (double)(1 + lcg(&s) % 7);
    }
    expected[4] = NAN;
    perceived[9] = NAN;
    for (size_t i = 0; i < NT; i++) {
        cust_start[i] = (double)(lcg(&s) % 100);
        cust_end[i] = lcg(&s) % 3 == 0 ? NAN : cust_start[i] + (double)(1 + lcg(&s) % 60);
        life_time[i] = (double)(1 + lcg(&s) % 60);
        life_observed[i] = lcg(&s) % 10 < 7 ? 1.0 : 0.0;
        static const double cats[] = { 101, 102, 205, 301, 302, 999 };
        uint64_t c = lcg(&s) % 21; /* skewed: 6, 5, 4, 3, 2, 1 chances in 21 */
        size_t k = c < 6 ? 0 : c < 11 ? 1 : c < 15 ? 2 : c < 18 ? 3 : c < 20 ? 4 : 5;
        codes[i] = cats[k];
        res_time[i] = 1.0 + (double)(lcg(&s) % 1200) / 10.0;
        res_resolved[i] = lcg(&s) % 20 < 17 ? 1.0 : 0.0;
    }
    life_time[13] = NAN;
    codes[21] = NAN;
    for (size_t i = 0; i < NR; i++)
        ratings[i] = (double)(1 + lcg(&s) % 5);
    for (size_t i = 0; i < NA; i++) {
        size_t psu = i / PSU_ROWS;
        design_cluster[i] = (int32_t)(100 + 3 * psu);
        design_stratum[i] = (int32_t)(psu % DSTRATA);
        design_fpc[i] = 400;
        rake_a[i] = (int32_t)(i % 2);
        rake_b[i] = (int32_t)(i / 2 % 3);
    }
    for (size_t i = 0; i < ND; i++) {
        drv_cluster[i] = (int32_t)(i / DPSU_ROWS);
        drv_stratum[i] = (int32_t)(i / DPSU_ROWS % 3);
    }
}

/* ------------------------------------------------------------------------ */
/* Results                                                                   */

/* Every result of one run, as (type, name, count, sized): sized is 1 for
 * the result structs, which start with their size (set before each run, as
 * CSAT_RESULT_INIT does). Fields are compared one by one so that a
 * difference is reported by name. */
#define RESULT_FIELDS(X)                                                                       \
    X(csat_nps_result, nps, 3, 1)                                                              \
    X(csat_share_result, shares, 5, 1)                                                         \
    X(csat_mean_result, means, 3, 1)                                                           \
    X(csat_mean_result, ces_effort, 1, 1)                                                      \
    X(csat_share_result, ces_low_effort, 1, 1)                                                 \
    X(double, distribution, 3 * 11, 0)                                                         \
    X(csat_sample, distribution_sample, 1, 1)                                                  \
    X(csat_nps_result, tally_nps, 2, 1)                                                        \
    X(csat_share_result, tally_shares, 8, 1)                                                   \
    X(csat_mean_result, tally_mean, 2, 1)                                                      \
    X(csat_mean_result, tally_ces_effort, 2, 1)                                                \
    X(csat_share_result, tally_ces_low_effort, 2, 1)                                           \
    X(csat_point, tally_points, 11, 1)                                                         \
    X(csat_sample, tally_sample, 2, 1)                                                         \
    X(int, tally_scale, 2, 0)                                                                  \
    X(size_t, tally_blob_len, 2, 0)                                                            \
    X(unsigned char, tally_blob, BLOB_MAX, 0)                                                  \
    X(csat_sample, moments_sample, 3, 1)                                                       \
    X(unsigned char, moments_blob, 3 * CSAT_MOMENTS_SERIALIZED_SIZE, 0)                        \
    X(csat_mean_result, moments_mean, 2, 1)                                                    \
    X(size_t, xprod_p, 1, 0)                                                                   \
    X(csat_sample, xprod_sample, 1, 1)                                                         \
    X(size_t, xprod_blob_len, 3, 0)                                                            \
    X(unsigned char, xprod_blob, 3 * BLOB_MAX, 0)                                              \
    X(csat_model_summary, xprod_summary, 2, 1)                                                 \
    X(csat_coefficient, xprod_coef, 2 * (P + 1), 1)                                            \
    X(double, xprod_lmg, 2 * P, 0)                                                             \
    X(csat_model_summary, summary, 1, 1)                                                       \
    X(csat_coefficient, coef, P + 1, 1)                                                        \
    X(csat_driver_info, info, P, 1)                                                            \
    X(double, importance, 2 * METHODS * P, 0)                                                  \
    X(double, lmg_monte_carlo, 2 * P, 0)                                                       \
    X(double, dominance, P + 2 * P * P, 0)                                                     \
    X(double, bootstrap, 4 * P, 0)                                                             \
    X(size_t, bootstrap_failed, 2, 0)                                                          \
    X(csat_ipa_quadrant, ipa, 2 * P, 0)                                                        \
    X(csat_comparison, compare, 6, 1)                                                          \
    X(double, adjusted, 3 * PVALS, 0)                                                          \
    X(csat_trend_result, trend, 1, 1)                                                          \
    X(csat_comparison, changes, WAVES - 1, 1)                                                  \
    X(csat_rank_result, rank, 1, 1)                                                            \
    X(csat_comparison, gap, GAP_K, 1)                                                          \
    X(size_t, gap_pairs, GAP_K, 0)                                                             \
    X(csat_retention_result, retention, 2, 1)                                                  \
    X(double, churn_converted, 2, 0)                                                           \
    X(csat_curve_summary, curve_summary, 2, 1)                                                 \
    X(csat_survival_point, curve_steps, STEPS_MAX, 1)                                          \
    X(csat_survival_point, curve_at, 3, 1)                                                     \
    X(double, clv, 4, 0)                                                                       \
    X(csat_rate_result, rate, 1, 1)                                                            \
    X(csat_category_count, pareto, CATS_MAX, 1)                                                \
    X(size_t, pareto_categories, 1, 0)                                                         \
    X(csat_sample, pareto_sample, 1, 1)                                                        \
    X(double, quantiles, 3, 0)                                                                 \
    X(csat_resolution_result, resolution, 1, 1)                                                \
    X(csat_reviews_result, reviews, 1, 1)                                                      \
    X(csat_mean_result, reviews_rating, 1, 1)                                                  \
    X(csat_share_result, reviews_positive, 1, 1)                                               \
    X(csat_nps_result, grouped_nps, 5 * GR, 1)                                                 \
    X(csat_share_result, grouped_shares, 5 * GR, 1)                                            \
    X(csat_mean_result, grouped_means, 4 * GR, 1)                                              \
    X(csat_share_result, grouped_ces_low, GR, 1)                                               \
    X(int, grouped_flags, 14 * GR, 0)                                                          \
    X(double, grouped_distribution, 3 * GR * 11, 0)                                            \
    X(csat_sample, grouped_distribution_samples, GR, 1)                                        \
    X(csat_sample, grouped_samples, 2 * (GR + 1), 1)                                           \
    X(size_t, grouped_blob_len, 3, 0)                                                          \
    X(unsigned char, grouped_blob, 3 * GBLOB_MAX, 0)                                           \
    X(csat_group_comparison, group_comparisons, GPAIRS + GR, 1)                                \
    X(size_t, group_comparison_count, 2, 0)                                                    \
    X(csat_track_point, track, GR, 1)                                                          \
    X(csat_trend_result, track_trend, 1, 1)                                                    \
    X(csat_design_info, design_info, 2, 1)                                                     \
    X(int32_t, design_codes, NA, 0)                                                            \
    X(double, design_weights, NA, 0)                                                           \
    X(csat_nps_result, design_nps, 4, 1)                                                       \
    X(csat_share_result, design_shares, 6, 1)                                                  \
    X(csat_mean_result, design_means, 5, 1)                                                    \
    X(csat_nps_result, design_grouped_nps, 2 * GR, 1)                                          \
    X(csat_share_result, design_grouped_shares, GR, 1)                                         \
    X(csat_mean_result, design_grouped_means, GR, 1)                                           \
    X(int, design_flags, 4 * GR, 0)                                                            \
    X(csat_group_comparison, design_comparisons, 3 * GR, 1)                                    \
    X(csat_model_summary, design_summary, 1, 1)                                                \
    X(csat_coefficient, design_coef, P + 1, 1)                                                 \
    X(double, design_bootstrap, 2 * P, 0)                                                      \
    X(size_t, design_bootstrap_failed, 1, 0)                                                   \
    X(double, design_raked, NA, 0)                                                             \
    X(csat_rake_result, design_rake, 2, 1)                                                     \
    X(int, error_status, 8, 0)                                                                 \
    X(csat_error, errors, 8, 0)

#define DECLARE_FIELD(type, name, count, sized) type name[count];
typedef struct results {
    RESULT_FIELDS(DECLARE_FIELD)
} results;

typedef struct field_info {
    const char *name;
    size_t offset, size, element;
    int sized;
} field_info;

#define DESCRIBE_FIELD(type, name, count, sized)                                               \
    { #name, offsetof(results, name), sizeof(((results *)0)->name), sizeof(type), sized },
static const field_info fields[] = { RESULT_FIELDS(DESCRIBE_FIELD) };

/* Every result struct of a run with its size set (its first size_t). */
static void set_sizes(results *r)
{
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        if (!fields[i].sized)
            continue;
        for (size_t k = 0; k < fields[i].size / fields[i].element; k++)
            memcpy((unsigned char *)r + fields[i].offset + k * fields[i].element,
                   &fields[i].element, sizeof(size_t));
    }
}

/* Padding bytes inside a struct the library filled are indeterminate (a
 * struct copy may carry them over from its stack): zero them before bytes
 * are compared. */
#define ZERO_GAP(ptr, type, before, after)                                                     \
    memset((char *)(ptr) + offsetof(type, before) + sizeof((ptr)->before), 0,                  \
           offsetof(type, after) - offsetof(type, before) - sizeof((ptr)->before))

static void canonical_nps(csat_nps_result *r)
{
    ZERO_GAP(r, csat_nps_result, method, n);
}

static void canonical_point(csat_point *r)
{
    ZERO_GAP(r, csat_point, value, count);
}

static void canonical_summary(csat_model_summary *r)
{
    ZERO_GAP(r, csat_model_summary, intercept, r2);
}

/* The bytes after the last field of a design's description. */
static void canonical_info(csat_design_info *r)
{
    size_t end = offsetof(csat_design_info, lonely_psu) + sizeof r->lonely_psu;
    memset((char *)r + end, 0, sizeof *r - end);
}

/* The message's bytes after its terminating NUL are not part of it. */
static void canonical_error(csat_error *e)
{
    ZERO_GAP(e, csat_error, code, index);
    size_t len = strnlen(e->message, sizeof e->message);
    if (len < sizeof e->message)
        memset(e->message + len, 0, sizeof e->message - len);
}

/* The first call that failed in a run. */
typedef struct failure {
    const char *call;
    csat_status status;
    int line;
} failure;

#define CALL(expr)                                                                             \
    do {                                                                                       \
        csat_status s_ = (expr);                                                               \
        if (s_ != CSAT_OK) {                                                                   \
            f->call = #expr;                                                                   \
            f->status = s_;                                                                    \
            f->line = __LINE__;                                                                \
            goto out;                                                                          \
        }                                                                                      \
    } while (0)

#define REQUIRE(cond)                                                                          \
    do {                                                                                       \
        if (!(cond)) {                                                                         \
            f->call = #cond;                                                                   \
            f->status = CSAT_OK;                                                               \
            f->line = __LINE__;                                                                \
            goto out;                                                                          \
        }                                                                                      \
    } while (0)

/* A call expected to fail: its status and error details are results too
 * (a handle it unexpectedly returns is freed). */
#define RECORD_FAILURE(k, call)                                                                \
    do {                                                                                       \
        memset(&r->errors[k], 0, sizeof r->errors[k]);                                         \
        r->error_status[k] = (int)(call);                                                      \
        canonical_error(&r->errors[k]);                                                        \
    } while (0)

/* ------------------------------------------------------------------------ */
/* One run of every family; returns 0, or 1 with the failed call in `f`.     */

static int run_scores(results *r, failure *f)
{
    const csat_nps_options adjusted = { sizeof adjusted, 0, 10, 9, 6, 0.9, CSAT_NPS_ADJUSTED_WALD };
    const csat_scale_options scale_0_10 = { sizeof scale_0_10, 0, 10, 0.95 };
    const csat_mean_options level_90 = { sizeof level_90, 0.90 };
    CALL(csat_score_nps(nps_x, NA, NULL, NULL, &r->nps[0], NULL));
    CALL(csat_score_nps(nps_x, NA, weight, NULL, &r->nps[1], NULL));
    CALL(csat_score_nps(nps_x, NA, weight, &adjusted, &r->nps[2], NULL));
    CALL(csat_score_box_share(sat_x, NA, weight, 2, 4, NULL, &r->shares[0], NULL));
    CALL(csat_score_csat(sat_x, NA, NULL, NULL, &r->shares[1], NULL));
    CALL(csat_score_top_box(sat_x, NA, weight, 2, NULL, &r->shares[2], NULL));
    CALL(csat_score_bottom_box(sat_x, NA, weight, 1, NULL, &r->shares[3], NULL));
    CALL(csat_score_csat(sat_x, NA, weight, NULL, &r->shares[4], NULL));
    CALL(csat_score_mean(cont_x, NA, NULL, NULL, &r->means[0], NULL));
    CALL(csat_score_mean(cont_x, NA, weight, &level_90, &r->means[1], NULL));
    CALL(csat_score_index(items, NA, NIDX, NIDX, weight, item_min, item_max, item_weights, NULL,
                    &r->means[2], NULL));
    CALL(csat_score_ces(effort_x, NA, weight, NULL, &r->ces_effort[0], &r->ces_low_effort[0],
                        NULL));
    CALL(csat_score_distribution(nps_x, NA, weight, &scale_0_10, r->distribution, r->distribution + 11,
                           r->distribution + 22, 11, &r->distribution_sample[0], NULL));
    for (size_t k = 0; k < 3; k++)
        canonical_nps(&r->nps[k]);

    static const double off_scale[] = { 9, 10, 11, 3 }, infinite[] = { 1, INFINITY };
    csat_nps_result nps = CSAT_RESULT_INIT(csat_nps_result);
    csat_mean_result mean = CSAT_RESULT_INIT(csat_mean_result);
    RECORD_FAILURE(0, csat_score_nps(off_scale, 4, NULL, NULL, &nps, &r->errors[0]));
    RECORD_FAILURE(1, csat_score_mean(infinite, 2, NULL, NULL, &mean, &r->errors[1]));
    return 0;
out:
    return 1;
}

static int run_tally(results *r, failure *f)
{
    csat_tally *a = NULL, *b = NULL, *copy = NULL, *back = NULL, *bad = NULL;
    int rc = 1;
    size_t half = NA / 2;
    CALL(csat_tally_create(0, 10, &a, NULL));
    CALL(csat_tally_create(0, 10, &b, NULL));
    CALL(csat_tally_add(a, nps_x, half, weight, NULL));
    CALL(csat_tally_add(b, nps_x + half, NA - half, weight + half, NULL));
    CALL(csat_tally_merge(a, b, NULL));
    CALL(csat_tally_copy(a, &copy, NULL));
    CALL(csat_tally_serialize(copy, NULL, 0, &r->tally_blob_len[1], NULL));
    REQUIRE(r->tally_blob_len[1] <= BLOB_MAX);
    CALL(csat_tally_serialize(copy, r->tally_blob, BLOB_MAX, &r->tally_blob_len[0], NULL));
    CALL(csat_tally_deserialize(r->tally_blob, r->tally_blob_len[0], &back, NULL));
    RECORD_FAILURE(2, csat_tally_deserialize(r->tally_blob, r->tally_blob_len[0] - 3, &bad,
                                             &r->errors[2]));
    csat_tally_free(bad);
    bad = NULL;

    /* [0] the merged, copied and deserialised own tally; [1] the shared one. */
    const csat_tally *t[2] = { back, shared_tally };
    for (size_t k = 0; k < 2; k++) {
        CALL(csat_tally_nps(t[k], NULL, &r->tally_nps[k], NULL));
        canonical_nps(&r->tally_nps[k]);
        CALL(csat_tally_box_share(t[k], 7, 8, NULL, &r->tally_shares[4 * k], NULL));
        CALL(csat_tally_csat(t[k], NULL, &r->tally_shares[4 * k + 1], NULL));
        CALL(csat_tally_top_box(t[k], 2, NULL, &r->tally_shares[4 * k + 2], NULL));
        CALL(csat_tally_bottom_box(t[k], 3, NULL, &r->tally_shares[4 * k + 3], NULL));
        CALL(csat_tally_mean(t[k], NULL, &r->tally_mean[k], NULL));
        CALL(csat_tally_ces(t[k], NULL, &r->tally_ces_effort[k], &r->tally_ces_low_effort[k],
                            NULL));
        CALL(csat_tally_sample(t[k], &r->tally_sample[k], NULL));
    }
    CALL(csat_tally_scale(shared_tally, &r->tally_scale[0], &r->tally_scale[1], NULL));
    for (int v = 0; v <= 10; v++) {
        CALL(csat_tally_point(back, v, &r->tally_points[v], NULL));
        canonical_point(&r->tally_points[v]);
    }
    rc = 0;
out:
    csat_tally_free(a);
    csat_tally_free(b);
    csat_tally_free(copy);
    csat_tally_free(back);
    return rc;
}

/* Moments in two parts merged, serialised, read back and copied:
 * [0] the merged accumulator, [1] its copy read back, [2] the second part
 * after more values (its mean is moments_mean[1]). */
static int run_moments(results *r, failure *f)
{
    csat_moments *a = NULL, *b = NULL, *back = NULL, *copy = NULL;
    unsigned char *blob = r->moments_blob;
    size_t len = 0, half = NA / 3;
    int rc = 1;
    CALL(csat_moments_create(&a, NULL));
    CALL(csat_moments_create(&b, NULL));
    CALL(csat_moments_add(a, cont_x, half, weight, NULL));
    CALL(csat_moments_add(b, cont_x + half, NA - half, weight + half, NULL));
    CALL(csat_moments_merge(a, b, NULL));
    CALL(csat_moments_sample(a, &r->moments_sample[0], NULL));
    CALL(csat_moments_serialize(a, blob, CSAT_MOMENTS_SERIALIZED_SIZE, &len, NULL));
    REQUIRE(len == CSAT_MOMENTS_SERIALIZED_SIZE);
    CALL(csat_moments_deserialize(blob, len, &back, NULL));
    CALL(csat_moments_copy(back, &copy, NULL));
    CALL(csat_moments_sample(copy, &r->moments_sample[1], NULL));
    CALL(csat_moments_serialize(copy, blob + CSAT_MOMENTS_SERIALIZED_SIZE,
                                CSAT_MOMENTS_SERIALIZED_SIZE, &len, NULL));
    CALL(csat_moments_mean(copy, NULL, &r->moments_mean[0], NULL));
    CALL(csat_moments_add(b, cont_x, half, NULL, NULL));
    CALL(csat_moments_mean(b, NULL, &r->moments_mean[1], NULL));
    CALL(csat_moments_sample(b, &r->moments_sample[2], NULL));
    CALL(csat_moments_serialize(b, blob + 2 * CSAT_MOMENTS_SERIALIZED_SIZE,
                                CSAT_MOMENTS_SERIALIZED_SIZE, &len, NULL));
    rc = 0;
out:
    csat_moments_free(a);
    csat_moments_free(b);
    csat_moments_free(back);
    csat_moments_free(copy);
    return rc;
}

static int run_xprod(results *r, failure *f)
{
    csat_xprod *a = NULL, *b = NULL, *back = NULL, *copy = NULL;
    csat_drivers *m[2] = { NULL, NULL };
    int rc = 1;
    size_t half = ND / 2;
    CALL(csat_xprod_create(P, &a, NULL));
    CALL(csat_xprod_create(P, &b, NULL));
    CALL(csat_xprod_add(a, drv_x, half, LDX, drv_y, drv_w, NULL));
    CALL(csat_xprod_add(b, drv_x + half * LDX, ND - half, LDX, drv_y + half, drv_w + half, NULL));
    CALL(csat_xprod_merge(a, b, NULL));
    CALL(csat_xprod_serialize(a, NULL, 0, &r->xprod_blob_len[0], NULL));
    REQUIRE(r->xprod_blob_len[0] <= BLOB_MAX);
    CALL(csat_xprod_serialize(a, r->xprod_blob, BLOB_MAX, &r->xprod_blob_len[0], NULL));
    CALL(csat_xprod_deserialize(r->xprod_blob, r->xprod_blob_len[0], &back, NULL));
    CALL(csat_xprod_drivers(back, &r->xprod_p[0], NULL));
    CALL(csat_xprod_sample(back, &r->xprod_sample[0], NULL));
    CALL(csat_xprod_serialize(shared_xprod, r->xprod_blob + BLOB_MAX, BLOB_MAX,
                              &r->xprod_blob_len[1], NULL));
    CALL(csat_xprod_copy(shared_xprod, &copy, NULL));
    CALL(csat_xprod_serialize(copy, r->xprod_blob + 2 * BLOB_MAX, BLOB_MAX,
                              &r->xprod_blob_len[2], NULL));

    /* [0] the merged, deserialised own accumulator; [1] the shared one. */
    const csat_xprod *x[2] = { back, shared_xprod };
    for (size_t k = 0; k < 2; k++) {
        CALL(csat_drivers_fit_xprod(x[k], NULL, &m[k], NULL));
        CALL(csat_drivers_summary(m[k], &r->xprod_summary[k], NULL));
        canonical_summary(&r->xprod_summary[k]);
        for (size_t j = 0; j <= P; j++)
            CALL(csat_drivers_coefficient(m[k], j, &r->xprod_coef[k * (P + 1) + j], NULL));
        CALL(csat_drivers_importance(m[k], CSAT_IMPORTANCE_LMG, NULL, r->xprod_lmg + k * P, NULL,
                                     NULL));
    }
    rc = 0;
out:
    csat_xprod_free(a);
    csat_xprod_free(b);
    csat_xprod_free(back);
    csat_xprod_free(copy);
    csat_drivers_free(m[0]);
    csat_drivers_free(m[1]);
    return rc;
}

static int run_drivers(results *r, failure *f)
{
    csat_drivers *own = NULL, *bad = NULL;
    int rc = 1;
    const csat_drivers_options opt = { sizeof opt, 1, 0.9 };
    CALL(csat_drivers_fit(drv_x, ND, P, LDX, drv_y, drv_w, &opt, &own, NULL));
    CALL(csat_drivers_summary(own, &r->summary[0], NULL));
    canonical_summary(&r->summary[0]);
    for (size_t j = 0; j <= P; j++)
        CALL(csat_drivers_coefficient(own, j, &r->coef[j], NULL));
    for (size_t j = 0; j < P; j++)
        CALL(csat_drivers_driver(own, j, &r->info[j], NULL));

    /* Every measure of the own model ([0]) and of the shared one ([1]). */
    const csat_drivers *m[2] = { own, shared_model };
    for (size_t k = 0; k < 2; k++)
        for (int method = 0; method < METHODS; method++)
            CALL(csat_drivers_importance(m[k], (csat_importance_method)method, NULL,
                                         r->importance + (k * METHODS + (size_t)method) * P, NULL,
                                         NULL));
    /* exact_max 2 < p = 4: random orderings */
    const csat_importance_options monte_carlo = { .size = sizeof monte_carlo, .exact_max = 2,
                                                  .permutations = 400, .seed = 7 };
    CALL(csat_drivers_importance(shared_model, CSAT_IMPORTANCE_LMG, &monte_carlo,
                                 r->lmg_monte_carlo, r->lmg_monte_carlo + P, NULL));
    CALL(csat_drivers_dominance(shared_model, NULL, r->dominance, r->dominance + P,
                                r->dominance + P + P * P, NULL));
    const csat_bootstrap_options boot = { .size = sizeof boot, .reps = 60, .level = 0.9,
                                          .seed = 11 };
    CALL(csat_drivers_bootstrap(own, CSAT_IMPORTANCE_LMG, &boot, r->bootstrap, r->bootstrap + P,
                                &r->bootstrap_failed[0], NULL));
    CALL(csat_drivers_bootstrap(shared_model, CSAT_IMPORTANCE_PRATT, &boot, r->bootstrap + 2 * P,
                                r->bootstrap + 3 * P, &r->bootstrap_failed[1], NULL));
    double performance[P];
    for (size_t j = 0; j < P; j++)
        performance[j] = r->info[j].mean;
    /* [0..P) crosshairs at the means, [P..2P) set by hand. */
    const csat_ipa_options crosshairs = { sizeof crosshairs, 0.05, 4.0 };
    CALL(csat_drivers_ipa(r->importance + CSAT_IMPORTANCE_LMG * P, performance, P, NULL, r->ipa,
                          NULL));
    CALL(csat_drivers_ipa(r->importance + CSAT_IMPORTANCE_LMG * P, performance, P, &crosshairs,
                          r->ipa + P, NULL));

    /* The third driver is the sum of the first two. */
    static const double collinear_x[] = { 1, 2, 3, 2, 1, 3, 4, 4, 8, 3, 5, 8, 5, 2, 7,
                                          2, 2, 4, 6, 1, 7, 3, 3, 6, 1, 1, 2, 5, 4, 9 };
    static const double collinear_y[] = { 3, 2, 7, 8, 6, 4, 7, 5, 2, 9 };
    RECORD_FAILURE(3, csat_drivers_fit(collinear_x, 10, 3, 3, collinear_y, NULL, NULL, &bad,
                                       &r->errors[3]));
    csat_drivers_free(bad);
    rc = 0;
out:
    csat_drivers_free(own);
    return rc;
}

static int run_compare(results *r, failure *f)
{
    csat_compare_options o95 = CSAT_COMPARE_OPTIONS_DEFAULT, o90 = o95, o99 = o95;
    o90.level = 0.9;
    o99.level = 0.99;
    CALL(csat_compare_nps_benchmark(&r->nps[0], 20.0, &o95, &r->compare[0], NULL));
    CALL(csat_compare_share_benchmark(&r->shares[1], 0.7, &o90, &r->compare[1], NULL));
    CALL(csat_compare_mean_benchmark(&r->means[0], 265.0, NULL, &r->compare[2], NULL));
    CALL(csat_compare_nps(&r->nps[0], &r->nps[1], &o95, &r->compare[3], NULL));
    CALL(csat_compare_shares(&r->shares[1], &r->shares[4], &o95, &r->compare[4], NULL));
    CALL(csat_compare_means(&r->means[0], &r->means[1], &o99, &r->compare[5], NULL));
    for (int method = 0; method < 3; method++) {
        csat_compare_options adjust = CSAT_COMPARE_OPTIONS_DEFAULT;
        adjust.adjust = method;
        CALL(csat_compare_adjust(pvals, PVALS, &adjust, r->adjusted + (size_t)method * PVALS,
                                 NULL));
    }
    CALL(csat_compare_trend(wave_score, wave_se, wave_time, WAVES, &o95, &r->trend[0], r->changes,
                            NULL));
    CALL(csat_compare_rank(12.0, peers, PEERS, NULL, &r->rank[0], NULL));
    CALL(csat_compare_gap(expected, perceived, GAP_N, GAP_K, GAP_K, &o95, r->gap, r->gap_pairs,
                          NULL));
    static const double peers_nan[] = { 1, NAN, 3 };
    csat_rank_result rank = CSAT_RESULT_INIT(csat_rank_result);
    RECORD_FAILURE(4, csat_compare_rank(2.0, peers_nan, 3, NULL, &rank, &r->errors[4]));
    return 0;
out:
    return 1;
}

static int run_business(results *r, failure *f)
{
    csat_survival *curve = NULL;
    int rc = 1;
    csat_business_options o = CSAT_BUSINESS_OPTIONS_DEFAULT; /* 95 % */
    CALL(csat_business_retention(1000, 950, 120, NULL, &r->retention[0], NULL));
    CALL(csat_business_churn(cust_start, cust_end, NT, 50, 80, NULL, &r->retention[1], NULL));
    CALL(csat_business_churn_convert(0.05, 12, NULL, &r->churn_converted[0], NULL));
    CALL(csat_business_churn_convert(0.4, 1.0 / 12, &o, &r->churn_converted[1], NULL));
    CALL(csat_survival_fit(life_time, life_observed, NT, &o, &curve, NULL));
    CALL(csat_survival_summary(curve, &r->curve_summary[0], NULL));
    CALL(csat_survival_summary(shared_curve, &r->curve_summary[1], NULL));
    REQUIRE(r->curve_summary[0].steps <= STEPS_MAX);
    for (size_t i = 0; i < r->curve_summary[0].steps; i++)
        CALL(csat_survival_step(curve, i, &r->curve_steps[i], NULL));
    static const double at[3] = { 5.0, 17.5, 1000.0 };
    for (size_t i = 0; i < 3; i++)
        CALL(csat_survival_at(shared_curve, at[i], &r->curve_at[i], NULL));
    for (int k = 0; k < 4; k++) {
        csat_business_options clv = CSAT_BUSINESS_OPTIONS_DEFAULT;
        clv.timing = k % 2 ? CSAT_CLV_END_OF_PERIOD : CSAT_CLV_START_OF_PERIOD;
        clv.horizon = k < 2 ? 10 : INFINITY;
        CALL(csat_business_clv(120, 0.8, 0.1, &clv, &r->clv[k], NULL));
    }
    csat_business_options per_1000 = CSAT_BUSINESS_OPTIONS_DEFAULT;
    per_1000.per = 1000;
    CALL(csat_business_rate(37, 12000, &per_1000, &r->rate[0], NULL));
    CALL(csat_business_complaints(codes, NT, NULL, r->pareto, CATS_MAX, &r->pareto_categories[0],
                                  &r->pareto_sample[0], NULL));
    static const double probs[3] = { 0.25, 0.5, 0.9 };
    CALL(csat_business_resolution(res_time, res_resolved, NT, 48.0, probs, 3, NULL, r->quantiles,
                                  &r->resolution[0], NULL));
    CALL(csat_score_reviews(ratings, NR, NULL, &r->reviews[0], &r->reviews_rating[0],
                            &r->reviews_positive[0], NULL));
    rc = 0;
out:
    csat_survival_free(curve);
    return rc;
}

/* Serialised bytes of a grouped accumulator into blob (GBLOB_MAX). */
static csat_status grouped_bytes(const csat_grouped *a, unsigned char *blob, size_t *len)
{
    csat_status s = csat_grouped_serialize(a, NULL, 0, len, NULL);
    if (s == CSAT_OK && *len > GBLOB_MAX)
        s = CSAT_ERR_ARGUMENT;
    return s == CSAT_OK ? csat_grouped_serialize(a, blob, GBLOB_MAX, len, NULL) : s;
}

/* The samples of every group and of the whole sample of two accumulators
 * of the same answers agree: counts exactly, weight sums up to rounding. */
static int same_samples(const csat_sample *a, const csat_sample *b)
{
    for (size_t d = 0; d <= GR; d++)
        if (a[d].n != b[d].n || a[d].n_missing != b[d].n_missing
            || !(fabs(a[d].n_weighted - b[d].n_weighted) <= 1e-12 * b[d].n_weighted))
            return 0;
    return 1;
}

/* Scores by group: the shared accumulators (only read), the array
 * functions on the shared answers, and the thread's own accumulators:
 * one pass against SHARDS parts merged, serialised and read back.
 * grouped_nps: [0] the one pass, [1] the merged shards, [2] the shared
 * accumulator, [3] its complement, [4] from arrays, GR each. */
static int run_groups(results *r, failure *f)
{
    csat_grouped *one = NULL, *plain = NULL, *back = NULL, *copy = NULL, *bad = NULL;
    csat_grouped *part[SHARDS] = { NULL }, *plain_part[SHARDS] = { NULL };
    int rc = 1;
    const csat_group_options rest = { sizeof rest, 30, 1 };
    const csat_mean_options level_90 = { sizeof level_90, 0.90 };
    int *fl = r->grouped_flags;
    csat_nps_result *nps = r->grouped_nps;

    CALL(csat_grouped_create(GR, 0, 10, &one, NULL));
    CALL(csat_grouped_add(one, nps_x, NA, weight, group_code, NULL));
    CALL(csat_grouped_create(GR, 0, 10, &plain, NULL));
    CALL(csat_grouped_add(plain, nps_x, NA, NULL, group_code, NULL));
    for (size_t k = 0; k < SHARDS; k++) {
        size_t lo = NA * k / SHARDS, hi = NA * (k + 1) / SHARDS;
        CALL(csat_grouped_create(GR, 0, 10, &part[k], NULL));
        CALL(csat_grouped_add(part[k], nps_x + lo, hi - lo, weight + lo, group_code + lo, NULL));
        CALL(csat_grouped_create(GR, 0, 10, &plain_part[k], NULL));
        CALL(csat_grouped_add(plain_part[k], nps_x + lo, hi - lo, NULL, group_code + lo, NULL));
        if (k > 0) {
            CALL(csat_grouped_merge(part[0], part[k], NULL));
            CALL(csat_grouped_merge(plain_part[0], plain_part[k], NULL));
        }
    }
    /* Merged shards equal one pass: unweighted tallies to the byte, weighted
     * ones in their counts, sums up to rounding and scores. */
    size_t len_one = 0, len_parts = 0;
    unsigned char *blob = r->grouped_blob;
    CALL(grouped_bytes(plain, blob, &len_one));
    CALL(grouped_bytes(plain_part[0], blob + GBLOB_MAX, &len_parts));
    REQUIRE(len_one == len_parts && memcmp(blob, blob + GBLOB_MAX, len_one) == 0);
    for (size_t d = 0; d <= GR; d++) {
        CALL(csat_grouped_sample(one, d, &r->grouped_samples[d], NULL));
        CALL(csat_grouped_sample(part[0], d, &r->grouped_samples[GR + 1 + d], NULL));
    }
    REQUIRE(same_samples(r->grouped_samples, r->grouped_samples + GR + 1));
    CALL(csat_grouped_nps(one, NULL, NULL, nps, fl, GR, NULL));
    CALL(csat_grouped_nps(part[0], NULL, NULL, nps + GR, fl + GR, GR, NULL));
    for (size_t d = 0; d < GR; d++)
        REQUIRE(fabs(nps[d].score - nps[GR + d].score) <= 1e-9
                && fabs(nps[d].se - nps[GR + d].se) <= 1e-9 && nps[d].n == nps[GR + d].n
                && fl[d] == fl[GR + d]);

    /* The merged accumulator read back from its bytes; the shared one
     * serialised and copied. */
    CALL(grouped_bytes(part[0], blob, &r->grouped_blob_len[0]));
    CALL(csat_grouped_deserialize(blob, r->grouped_blob_len[0], &back, NULL));
    CALL(grouped_bytes(back, blob + GBLOB_MAX, &r->grouped_blob_len[1]));
    REQUIRE(r->grouped_blob_len[1] == r->grouped_blob_len[0]
            && memcmp(blob, blob + GBLOB_MAX, r->grouped_blob_len[0]) == 0);
    CALL(csat_grouped_copy(shared_grouped, &copy, NULL));
    CALL(grouped_bytes(copy, blob + 2 * GBLOB_MAX, &r->grouped_blob_len[2]));
    RECORD_FAILURE(5, csat_grouped_deserialize(blob, r->grouped_blob_len[0] - 1, &bad,
                                               &r->errors[5]));
    csat_grouped_free(bad);
    bad = NULL;

    /* The shared accumulators and the shared arrays. */
    CALL(csat_grouped_nps(shared_grouped, NULL, NULL, nps + 2 * GR, fl + 2 * GR, GR, NULL));
    CALL(csat_grouped_nps(shared_grouped, NULL, &rest, nps + 3 * GR, fl + 3 * GR, GR, NULL));
    CALL(csat_score_nps_grouped(nps_x, NA, weight, group_code, GR, NULL, NULL, nps + 4 * GR,
                                fl + 4 * GR, GR, NULL));
    for (size_t k = 0; k < 5 * GR; k++)
        canonical_nps(&nps[k]);
    csat_share_result *sh = r->grouped_shares;
    CALL(csat_score_box_share_grouped(sat_x, NA, weight, group_code, GR, 2, 4, NULL, NULL, sh,
                                      fl + 5 * GR, GR, NULL));
    CALL(csat_score_csat_grouped(sat_x, NA, NULL, group_code, GR, NULL, NULL, sh + GR,
                                 fl + 6 * GR, GR, NULL));
    CALL(csat_score_top_box_grouped(sat_x, NA, weight, group_code, GR, 2, NULL, NULL, sh + 2 * GR,
                                    fl + 7 * GR, GR, NULL));
    CALL(csat_score_bottom_box_grouped(sat_x, NA, weight, group_code, GR, 1, NULL, &rest,
                                       sh + 3 * GR, fl + 8 * GR, GR, NULL));
    const csat_scale_options scale_0_10 = { sizeof scale_0_10, 0, 10, 0.95 };
    CALL(csat_grouped_top_box(shared_grouped, 2, &scale_0_10, NULL, sh + 4 * GR, fl + 9 * GR,
                              GR, NULL));
    csat_mean_result *mean = r->grouped_means;
    CALL(csat_score_mean_grouped(cont_x, NA, weight, group_code, GR, &level_90, NULL, mean,
                                 fl + 10 * GR, GR, NULL));
    CALL(csat_grouped_mean(shared_grouped_moments, NULL, &rest, mean + GR, fl + 11 * GR, GR,
                           NULL));
    CALL(csat_score_index_grouped(items, NA, NIDX, NIDX, weight, group_code, GR, item_min,
                                  item_max, item_weights, NULL, NULL, mean + 2 * GR,
                                  fl + 12 * GR, GR, NULL));
    CALL(csat_score_ces_grouped(effort_x, NA, weight, group_code, GR, NULL, NULL, mean + 3 * GR,
                                r->grouped_ces_low, fl + 13 * GR, GR, NULL));
    double *dist = r->grouped_distribution;
    CALL(csat_score_distribution_grouped(nps_x, NA, weight, group_code, GR, &scale_0_10, dist,
                                         dist + GR * 11, dist + 2 * GR * 11, GR * 11,
                                         r->grouped_distribution_samples, GR, NULL));

    /* Comparisons of the groups (pairs; each with the rest) and the groups
     * as the periods of a tracking table. */
    csat_group_comparison *cmp = r->group_comparisons;
    CALL(csat_compare_groups_nps(nps + 2 * GR, NULL, fl + 2 * GR, GR, CSAT_CONTRAST_PAIRS, 0, 0,
                                 NULL, cmp, GPAIRS, &r->group_comparison_count[0], NULL));
    CALL(csat_compare_groups_nps(nps + 2 * GR, nps + 3 * GR, fl + 2 * GR, GR, CSAT_CONTRAST_REST,
                                 0, 0, NULL, cmp + GPAIRS, GR, &r->group_comparison_count[1],
                                 NULL));
    CALL(csat_compare_track_nps(nps + 2 * GR, fl + 2 * GR, GR, NULL, &r->track_trend[0],
                                r->track, GR, NULL));
    rc = 0;
out:
    csat_grouped_free(one);
    csat_grouped_free(plain);
    for (size_t k = 0; k < SHARDS; k++) {
        csat_grouped_free(part[k]);
        csat_grouped_free(plain_part[k]);
    }
    csat_grouped_free(back);
    csat_grouped_free(copy);
    return rc;
}

/* Survey designs: every score of the shared design's rows, by group and
 * each group against the rest, read only; the scores of the shared
 * accumulators keyed by PSU with the shared design and with the design
 * of its PSUs, which must equal the scores of the rows to the bit; the
 * thread's own accumulator keyed by PSU, filled in SHARDS parts and
 * merged; the designed key-driver fit with its PSU bootstrap; raking of
 * the shared weights. design_nps: [0] the rows, [1] adjusted Wald, [2]
 * the shared tallies by PSU, [3] the merged shards; design_shares: box,
 * CSAT, top, bottom, the CES's low-effort share, the box from the tallies
 * by PSU and the design of PSUs; design_means: mean, index, CES effort,
 * the shared moments by PSU, and with the design of PSUs. */
static int run_design(results *r, failure *f)
{
    csat_grouped *part[SHARDS] = { NULL };
    csat_drivers *model = NULL;
    int rc = 1;
    const csat_design *d = shared_design;
    const csat_nps_options adjusted = { sizeof adjusted, 0, 10, 9, 6, 0.9, CSAT_NPS_ADJUSTED_WALD };
    const csat_group_options rest = { sizeof rest, 30, 1 };
    const csat_mean_options level_90 = { sizeof level_90, 0.90 };

    CALL(csat_design_describe(d, &r->design_info[0], NULL));
    CALL(csat_design_describe(shared_design_psus, &r->design_info[1], NULL));
    canonical_info(&r->design_info[0]);
    canonical_info(&r->design_info[1]);
    CALL(csat_design_psu_codes(d, r->design_codes, NA, NULL));
    CALL(csat_design_weights(d, r->design_weights, NA, NULL));

    csat_nps_result *nps = r->design_nps;
    csat_share_result *sh = r->design_shares;
    csat_mean_result *mean = r->design_means;
    CALL(csat_design_nps(d, nps_x, NULL, &nps[0], NULL));
    CALL(csat_design_nps(d, nps_x, &adjusted, &nps[1], NULL));
    CALL(csat_design_box_share(d, sat_x, 2, 4, NULL, &sh[0], NULL));
    CALL(csat_design_csat(d, sat_x, NULL, &sh[1], NULL));
    CALL(csat_design_top_box(d, sat_x, 2, NULL, &sh[2], NULL));
    CALL(csat_design_bottom_box(d, sat_x, 1, NULL, &sh[3], NULL));
    CALL(csat_design_mean(d, cont_x, &level_90, &mean[0], NULL));
    CALL(csat_design_index(d, items, NIDX, NIDX, item_min, item_max, item_weights, NULL, &mean[1],
                           NULL));
    CALL(csat_design_ces(d, effort_x, NULL, &mean[2], &sh[4], NULL));

    /* From the shared accumulators keyed by PSU: the scores of the rows. */
    const csat_scale_options scale_0_10 = { sizeof scale_0_10, 0, 10, 0.95 };
    csat_share_result top_rows = CSAT_RESULT_INIT(csat_share_result);
    CALL(csat_design_psu_nps(d, shared_psu_tally, NULL, &nps[2], NULL));
    CALL(csat_design_top_box(d, nps_x, 2, &scale_0_10, &top_rows, NULL));
    CALL(csat_design_psu_box_share(shared_design_psus, shared_psu_tally, 9, 10, NULL, &sh[5],
                                   NULL));
    CALL(csat_design_psu_mean(d, shared_psu_moments, &level_90, &mean[3], NULL));
    CALL(csat_design_psu_mean(shared_design_psus, shared_psu_moments, &level_90, &mean[4], NULL));
    REQUIRE(nps[2].score == nps[0].score && nps[2].se == nps[0].se
            && nps[2].ci_lower == nps[0].ci_lower && nps[2].n == nps[0].n);
    REQUIRE(sh[5].share == top_rows.share && sh[5].se == top_rows.se);
    REQUIRE(mean[3].score == mean[0].score && mean[3].se == mean[0].se
            && mean[4].se == mean[0].se && mean[4].df == mean[0].df);

    /* The thread's own accumulator keyed by PSU, in SHARDS parts merged. */
    for (size_t k = 0; k < SHARDS; k++) {
        size_t lo = NA * k / SHARDS, hi = NA * (k + 1) / SHARDS;
        CALL(csat_grouped_create(design_psus, 0, 10, &part[k], NULL));
        CALL(csat_grouped_add(part[k], nps_x + lo, hi - lo, weight + lo, design_key + lo, NULL));
        if (k > 0)
            CALL(csat_grouped_merge(part[0], part[k], NULL));
    }
    CALL(csat_design_psu_nps(d, part[0], NULL, &nps[3], NULL));
    REQUIRE(fabs(nps[3].score - nps[0].score) <= 1e-9 && fabs(nps[3].se - nps[0].se) <= 1e-9
            && nps[3].n == nps[0].n);
    for (size_t k = 0; k < 4; k++)
        canonical_nps(&nps[k]);

    /* By group, and each group against the rest. */
    int *fl = r->design_flags;
    csat_nps_result *gn = r->design_grouped_nps;
    CALL(csat_design_nps_grouped(d, nps_x, group_code, GR, NULL, NULL, gn, fl, GR, NULL));
    CALL(csat_design_nps_grouped(d, nps_x, group_code, GR, NULL, &rest, gn + GR, fl + GR, GR,
                                 NULL));
    for (size_t k = 0; k < 2 * GR; k++)
        canonical_nps(&gn[k]);
    CALL(csat_design_box_share_grouped(d, sat_x, group_code, GR, 4, 5, NULL, NULL,
                                       r->design_grouped_shares, fl + 2 * GR, GR, NULL));
    CALL(csat_design_mean_grouped(d, cont_x, group_code, GR, &level_90, NULL,
                                  r->design_grouped_means, fl + 3 * GR, GR, NULL));
    csat_group_comparison *cmp = r->design_comparisons;
    CALL(csat_design_compare_nps(d, nps_x, group_code, GR, NULL, NULL, NULL, cmp, GR, NULL));
    CALL(csat_design_compare_shares(d, sat_x, group_code, GR, 4, 5, NULL, NULL, NULL, cmp + GR,
                                    GR, NULL));
    CALL(csat_design_compare_means(d, cont_x, group_code, GR, NULL, NULL, NULL, cmp + 2 * GR, GR,
                                   NULL));

    /* The designed key-driver fit and its bootstrap, which resamples PSUs. */
    CALL(csat_drivers_fit_design(drv_x, P, LDX, drv_y, shared_driver_design, NULL, &model, NULL));
    CALL(csat_drivers_summary(model, &r->design_summary[0], NULL));
    canonical_summary(&r->design_summary[0]);
    for (size_t j = 0; j <= P; j++)
        CALL(csat_drivers_coefficient(model, j, &r->design_coef[j], NULL));
    csat_bootstrap_options boot = CSAT_BOOTSTRAP_OPTIONS_DEFAULT;
    boot.reps = 40;
    CALL(csat_drivers_bootstrap(model, CSAT_IMPORTANCE_PRATT, &boot, r->design_bootstrap,
                                r->design_bootstrap + P, &r->design_bootstrap_failed[0], NULL));

    /* Raking of the shared weights to two margins; with one sweep, no
     * convergence (its result is written, the weights are not). */
    static const double total_a[2] = { 5200, 4800 }, total_b[3] = { 3000, 4000, 3000 };
    const int32_t *margin[2] = { rake_a, rake_b };
    const size_t categories[2] = { 2, 3 };
    const double *totals[2] = { total_a, total_b };
    CALL(csat_design_rake(NA, weight, 2, margin, categories, totals, NULL, r->design_raked,
                          &r->design_rake[0], NULL));
    csat_rake_options one_sweep = CSAT_RAKE_OPTIONS_DEFAULT;
    one_sweep.max_iter = 1;
    RECORD_FAILURE(6, csat_design_rake(NA, weight, 2, margin, categories, totals, &one_sweep,
                                       r->design_raked, &r->design_rake[1], &r->errors[6]));
    /* A design of PSUs has no rows to score. */
    csat_nps_result none = CSAT_RESULT_INIT(csat_nps_result);
    RECORD_FAILURE(7, csat_design_nps(shared_design_psus, nps_x, NULL, &none, &r->errors[7]));
    rc = 0;
out:
    for (size_t k = 0; k < SHARDS; k++)
        csat_grouped_free(part[k]);
    csat_drivers_free(model);
    return rc;
}

static int run_all(results *r, failure *f)
{
    memset(r, 0, sizeof *r);
    set_sizes(r);
    memset(f, 0, sizeof *f);
    /* Comparisons read the scores computed first. */
    return run_scores(r, f) || run_tally(r, f) || run_moments(r, f) || run_xprod(r, f)
           || run_drivers(r, f) || run_compare(r, f) || run_business(r, f) || run_groups(r, f)
           || run_design(r, f);
}

/* Name of the first field in which `a` and `b` differ, or NULL. */
static const field_info *first_difference(const results *a, const results *b, size_t *element)
{
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        const unsigned char *pa = (const unsigned char *)a + fields[i].offset;
        const unsigned char *pb = (const unsigned char *)b + fields[i].offset;
        for (size_t byte = 0; byte < fields[i].size; byte++)
            if (pa[byte] != pb[byte]) {
                *element = byte / fields[i].element;
                return &fields[i];
            }
    }
    return NULL;
}

/* ------------------------------------------------------------------------ */
/* Threads                                                                   */

static results *reference;
static pthread_barrier_t start_line;

typedef struct worker {
    pthread_t thread;
    int id;
    results *r;
    failure f;      /* first failed call, if any */
    int rep;        /* repetition in which it failed or differed */
    const field_info *differs; /* first field that differs from the reference */
    size_t element;
    size_t runs;    /* runs completed and identical */
} worker;

static void *work(void *arg)
{
    worker *w = arg;
    pthread_barrier_wait(&start_line); /* all threads call into the library at once */
    for (w->rep = 0; w->rep < REPS; w->rep++) {
        if (run_all(w->r, &w->f) != 0)
            break;
        w->differs = first_difference(w->r, reference, &w->element);
        if (w->differs)
            break;
        w->runs++;
    }
    return NULL;
}

/* The shared designs and accumulators keyed by PSU (their PSUs and
 * strata in the order of their first row, as csat_design_psu_codes gives). */
static int setup_designs(void)
{
    csat_design_info info = CSAT_RESULT_INIT(csat_design_info);
    int32_t psu_stratum[NA / PSU_ROWS + 1];
    double psu_fpc[NA / PSU_ROWS + 1];
    if (csat_design_create(NA, weight, design_stratum, design_cluster, design_fpc, NULL,
                           &shared_design, NULL) != CSAT_OK
        || csat_design_describe(shared_design, &info, NULL) != CSAT_OK
        || csat_design_psu_codes(shared_design, design_key, NA, NULL) != CSAT_OK)
        return -1;
    design_psus = info.psus;
    if (design_psus != NA / PSU_ROWS + 1)
        return -1;
    for (size_t k = 0; k < design_psus; k++) {
        psu_stratum[k] = (int32_t)(k % DSTRATA);
        psu_fpc[k] = 400;
    }
    if (csat_design_create_psus(design_psus, psu_stratum, psu_fpc, NULL, &shared_design_psus,
                                NULL) != CSAT_OK
        || csat_design_create(ND, drv_w, drv_stratum, drv_cluster, NULL, NULL,
                              &shared_driver_design, NULL) != CSAT_OK
        || csat_grouped_create(design_psus, 0, 10, &shared_psu_tally, NULL) != CSAT_OK
        || csat_grouped_add(shared_psu_tally, nps_x, NA, weight, design_key, NULL) != CSAT_OK
        || csat_grouped_create_moments(design_psus, &shared_psu_moments, NULL) != CSAT_OK
        || csat_grouped_add(shared_psu_moments, cont_x, NA, weight, design_key, NULL) != CSAT_OK)
        return -1;
    return 0;
}

static int setup(void **state)
{
    (void)state;
    csat_business_options level_90 = CSAT_BUSINESS_OPTIONS_DEFAULT;
    level_90.level = 0.9;
    make_input();
    reference = calloc(1, sizeof *reference);
    if (!reference)
        return -1;
    if (csat_drivers_fit(drv_x, ND, P, LDX, drv_y, drv_w, NULL, &shared_model, NULL) != CSAT_OK
        || csat_tally_create(0, 10, &shared_tally, NULL) != CSAT_OK
        || csat_tally_add(shared_tally, nps_x, NA, weight, NULL) != CSAT_OK
        || csat_xprod_create(P, &shared_xprod, NULL) != CSAT_OK
        || csat_xprod_add(shared_xprod, drv_x, ND, LDX, drv_y, NULL, NULL) != CSAT_OK
        || csat_survival_fit(res_time, res_resolved, NT, &level_90, &shared_curve, NULL)
               != CSAT_OK
        || csat_grouped_create(GR, 0, 10, &shared_grouped, NULL) != CSAT_OK
        || csat_grouped_add(shared_grouped, nps_x, NA, weight, group_code, NULL) != CSAT_OK
        || csat_grouped_create_moments(GR, &shared_grouped_moments, NULL) != CSAT_OK
        || csat_grouped_add(shared_grouped_moments, cont_x, NA, weight, group_code, NULL)
               != CSAT_OK)
        return -1;
    return setup_designs();
}

static int teardown(void **state)
{
    (void)state;
    csat_drivers_free(shared_model);
    csat_tally_free(shared_tally);
    csat_xprod_free(shared_xprod);
    csat_survival_free(shared_curve);
    csat_grouped_free(shared_grouped);
    csat_grouped_free(shared_grouped_moments);
    csat_design_free(shared_design);
    csat_design_free(shared_design_psus);
    csat_design_free(shared_driver_design);
    csat_grouped_free(shared_psu_tally);
    csat_grouped_free(shared_psu_moments);
    free(reference);
    return 0;
}

static void report_failure(const char *who, const failure *f)
{
    print_error("%s: %s failed at line %d with status %d (%s)\n", who, f->call, f->line,
                (int)f->status, csat_strerror(f->status));
}

/* The single-threaded run that the threads are held to, and a check that a
 * second run in the same thread repeats it (else the comparison with the
 * threads would mean nothing). */
static void test_single_thread_run_is_complete_and_repeatable(void **state)
{
    (void)state;
    failure f;
    if (run_all(reference, &f) != 0) {
        report_failure("single-threaded run", &f);
        fail();
    }
    results *again = malloc(sizeof *again);
    assert_non_null(again);
    int rc = run_all(again, &f);
    size_t element = 0;
    const field_info *d = rc == 0 ? first_difference(again, reference, &element) : NULL;
    free(again);
    assert_int_equal(rc, 0);
    if (d) {
        print_error("second single-threaded run differs in %s[%zu]\n", d->name, element);
        fail();
    }
    /* The run did reach the end: spot-check a few results from each family. */
    assert_true(reference->nps[0].n > 0 && reference->summary[0].n > 0);
    assert_true(reference->pareto_categories[0] == 6 && reference->curve_summary[0].steps > 10);
    assert_true(reference->tally_blob_len[0] > 0 && reference->xprod_blob_len[1] > 0);
    assert_true(reference->tally_blob_len[1] == reference->tally_blob_len[0]);
    assert_true(reference->xprod_blob_len[2] == reference->xprod_blob_len[1]);
    assert_true(reference->moments_sample[0].n == reference->moments_sample[1].n
                && reference->moments_sample[0].n > 0);
    assert_true(reference->tally_nps[0].n == reference->tally_nps[1].n);
    for (size_t k = 0; k < 8; k++)
        assert_int_not_equal(reference->error_status[k], CSAT_OK);
    assert_int_equal(reference->error_status[6], CSAT_ERR_CONVERGENCE);
    assert_int_equal(reference->design_rake[1].iterations, 1);
    assert_true(reference->grouped_nps[0].n > 0 && reference->grouped_means[2 * GR].n > 0);
    assert_true(reference->group_comparison_count[0] == GPAIRS
                && reference->group_comparison_count[1] == GR);
    assert_true(reference->track_trend[0].waves >= 2 && reference->grouped_blob_len[2] > 0);
    assert_true(reference->design_info[0].psus == design_psus
                && reference->design_info[1].psus == design_psus
                && reference->design_info[0].strata == DSTRATA);
    assert_true(reference->design_nps[0].n > 0 && reference->design_nps[0].se > 0
                && reference->design_means[1].n > 0 && reference->design_summary[0].n > 0);
    assert_true(reference->design_comparisons[0].group == 0
                && reference->design_comparisons[3 * GR - 1].group == GR - 1);
    assert_true(reference->design_rake[0].converged == 1 && reference->design_raked[1] > 0);
}

static void test_threads_on_shared_input_match_the_single_thread_run(void **state)
{
    (void)state;
    worker w[THREADS];
    memset(w, 0, sizeof w);
    assert_int_equal(pthread_barrier_init(&start_line, NULL, THREADS), 0);
    for (int i = 0; i < THREADS; i++) {
        w[i].id = i;
        w[i].r = malloc(sizeof *w[i].r);
        assert_non_null(w[i].r);
    }
    for (int i = 0; i < THREADS; i++)
        assert_int_equal(pthread_create(&w[i].thread, NULL, work, &w[i]), 0);
    for (int i = 0; i < THREADS; i++)
        assert_int_equal(pthread_join(w[i].thread, NULL), 0);
    pthread_barrier_destroy(&start_line);

    int bad = 0;
    for (int i = 0; i < THREADS; i++) {
        char who[64];
        snprintf(who, sizeof who, "thread %d, run %d", w[i].id, w[i].rep + 1);
        if (w[i].f.call) {
            report_failure(who, &w[i].f);
            bad = 1;
        } else if (w[i].differs) {
            print_error("%s: %s[%zu] differs from the single-threaded run\n", who,
                        w[i].differs->name, w[i].element);
            bad = 1;
        } else if (w[i].runs != REPS) {
            print_error("%s: only %zu runs\n", who, w[i].runs);
            bad = 1;
        }
        free(w[i].r);
    }
    assert_false(bad);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_single_thread_run_is_complete_and_repeatable),
        cmocka_unit_test(test_threads_on_shared_input_match_the_single_thread_run),
    };
    return cmocka_run_group_tests_name("threads", tests, setup, teardown);
}
