/*
 * Tests of the grouped scores in csat/groups.h ("Scores of every group").
 *
 * A grouped score is the ungrouped estimator run on a group's tally or
 * moments, so most checks compare it with the ungrouped function called on
 * the group's rows, filtered here by hand: the score and every count bit for
 * bit, the standard errors of means (NPS Wald, mean, CES effort, index)
 * times the domain factor √((N/(N − 1)) / (n/(n − 1))), N the rows analysed
 * (a group and a valid answer) of the whole sample, and the shares (Wilson on the group's n_eff) and the
 * adjusted-Wald NPS unchanged. The domain standard errors themselves are
 * checked against R's survey package (svyby ... svymean), the values quoted
 * in test_nps_by_group_matches_r_survey. Besides those, the flags of small
 * and empty groups, the complement (the rest of the sample), every bad
 * input with outputs left untouched, and the airline survey by flight
 * class.
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

/* The outputs of the grouped functions: arrays of results and flags. */
#define CHECK_SIZED_OUTPUTS                                                                    \
    nps_out : nps_out_sized, share_out : share_out_sized, mean_out : mean_out_sized,           \
    ces_out : ces_out_sized, dist_out : dist_out_sized,

#include "check.h"
#include "csat.h"
#include "survey_csv.h"
#include "groups_reference.h"

#ifndef CSAT_AIRLINE_CSV
#error "CSAT_AIRLINE_CSV must be the path of examples/data/airlinesat.csv (tests/meson.build sets it)"
#endif

/* Values from R are printed to 17 digits; libcsat sums in another order. */
#define R_TOL 1e-12
/* A domain SE against the ungrouped SE times the factor: one multiplication
 * and a square root apart. */
#define FACTOR_TOL 1e-13
/* The rest of the sample: tallies and moments merged group by group, not
 * summed in row order. */
#define MERGE_TOL 1e-12

/* Normal quantile for 95 %: scipy.stats.norm.ppf(0.975). */
#define Z95 1.959963984540054

#define GMAX 8

typedef struct nps_out {
    csat_nps_result r[GMAX];
    int flags[GMAX];
} nps_out;

typedef struct share_out {
    csat_share_result r[GMAX];
    int flags[GMAX];
} share_out;

typedef struct mean_out {
    csat_mean_result r[GMAX];
    int flags[GMAX];
} mean_out;

typedef struct ces_out {
    csat_mean_result effort[GMAX];
    csat_share_result low[GMAX];
    int flags[GMAX];
} ces_out;

typedef struct dist_out {
    double counts[GMAX * 11], weights[GMAX * 11], shares[GMAX * 11];
    csat_sample samples[GMAX];
} dist_out;

static void nps_out_sized(void *p, size_t total, size_t size)
{
    (void)total;
    (void)size;
    ((nps_out *)p)->r[0].size = sizeof(csat_nps_result);
}

static void share_out_sized(void *p, size_t total, size_t size)
{
    (void)total;
    (void)size;
    ((share_out *)p)->r[0].size = sizeof(csat_share_result);
}

static void mean_out_sized(void *p, size_t total, size_t size)
{
    (void)total;
    (void)size;
    ((mean_out *)p)->r[0].size = sizeof(csat_mean_result);
}

static void ces_out_sized(void *p, size_t total, size_t size)
{
    (void)total;
    (void)size;
    ((ces_out *)p)->effort[0].size = sizeof(csat_mean_result);
    ((ces_out *)p)->low[0].size = sizeof(csat_share_result);
}

static void dist_out_sized(void *p, size_t total, size_t size)
{
    (void)total;
    (void)size;
    ((dist_out *)p)->samples[0].size = sizeof(csat_sample);
}

static void nps_out_init(nps_out *o)
{
    memset(o, 0, sizeof *o);
    o->r[0].size = sizeof(csat_nps_result);
}

static void share_out_init(share_out *o)
{
    memset(o, 0, sizeof *o);
    o->r[0].size = sizeof(csat_share_result);
}

static void mean_out_init(mean_out *o)
{
    memset(o, 0, sizeof *o);
    o->r[0].size = sizeof(csat_mean_result);
}

static void ces_out_init(ces_out *o)
{
    memset(o, 0, sizeof *o);
    o->effort[0].size = sizeof(csat_mean_result);
    o->low[0].size = sizeof(csat_share_result);
}

/* ------------------------------------------------------------------------ */
/* Comparison helpers                                                        */

/* √((N/(N − 1)) / (n/(n − 1))): the domain SE over the SE of the group's
 * rows scored alone. */
static double domain_factor(size_t big_n, size_t n)
{
    double N = (double)big_n, m = (double)n;
    return sqrt((N / (N - 1)) / (m / (m - 1)));
}

/* The N of domain estimation: the rows analysed, those with a group and a
 * valid answer (for items, every item of the row valid), as the grouped
 * estimators count it (doc/methods.md, "Scores by group"). */
static size_t analysed(const double *x, size_t stride, const int32_t *g, size_t n)
{
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        int valid = g[i] != CSAT_GROUP_NONE;
        for (size_t j = 0; j < stride && valid; j++)
            valid = !isnan(x[i * stride + j]);
        m += (size_t)valid;
    }
    return m;
}

static double clip100(double v)
{
    return v < -100 ? -100 : v > 100 ? 100 : v;
}

/* A grouped NPS g against the ungrouped NPS u of the same rows: identical
 * but for the SE (times factor) and the interval made from it. c->rel is
 * the tolerance of the SE; the rest is compared at `exact` (0: bit for
 * bit). */
static void nps_vs(const cmp_ctx *c, double exact, const csat_nps_result *g,
                   const csat_nps_result *u, double factor)
{
    const cmp_ctx e = { exact, c->name, c->file, c->line };
    cmp_unit(&e, "score", g->score, u->score);
    cmp_unit(&e, "promoters", g->promoters, u->promoters);
    cmp_unit(&e, "passives", g->passives, u->passives);
    cmp_unit(&e, "detractors", g->detractors, u->detractors);
    cmp_unit(&e, "n_weighted", g->n_weighted, u->n_weighted);
    cmp_unit(&e, "n_effective", g->n_effective, u->n_effective);
    cmp_unit(EXACT_OF(c), "level", g->level, u->level);
    cmp_int(c, "method", (long)g->method, (long)u->method);
    cmp_size(c, "n", g->n, u->n);
    cmp_size(c, "n_missing", g->n_missing, u->n_missing);
    if (factor == 1.0) {
        cmp_unit(&e, "se", g->se, u->se);
        cmp_unit(&e, "ci_lower", g->ci_lower, u->ci_lower);
        cmp_unit(&e, "ci_upper", g->ci_upper, u->ci_upper);
        return;
    }
    cmp_rel(c, "se", g->se, u->se * factor);
    cmp_unit(c, "ci_lower", g->ci_lower, clip100(g->score - Z95 * g->se));
    cmp_unit(c, "ci_upper", g->ci_upper, clip100(g->score + Z95 * g->se));
}

static void share_vs(const cmp_ctx *c, const csat_share_result *g, const csat_share_result *u)
{
    cmp_unit(c, "share", g->share, u->share);
    cmp_unit(c, "score", g->score, u->score);
    cmp_share(c, "se", g->se, u->se);
    cmp_share(c, "ci_lower", g->ci_lower, u->ci_lower);
    cmp_share(c, "ci_upper", g->ci_upper, u->ci_upper);
    cmp_unit(c, "n_weighted", g->n_weighted, u->n_weighted);
    cmp_unit(c, "n_effective", g->n_effective, u->n_effective);
    cmp_unit(EXACT_OF(c), "level", g->level, u->level);
    cmp_int(c, "box_min", g->box_min, u->box_min);
    cmp_int(c, "box_max", g->box_max, u->box_max);
    cmp_size(c, "n", g->n, u->n);
    cmp_size(c, "n_missing", g->n_missing, u->n_missing);
}

/* As nps_vs for means: the t interval keeps the group's df. */
static void mean_vs(const cmp_ctx *c, double exact, const csat_mean_result *g,
                    const csat_mean_result *u, double factor)
{
    const cmp_ctx e = { exact, c->name, c->file, c->line };
    cmp_unit(&e, "score", g->score, u->score);
    cmp_unit(&e, "sd", g->sd, u->sd);
    cmp_unit(&e, "min", g->min, u->min);
    cmp_unit(&e, "max", g->max, u->max);
    cmp_unit(&e, "n_weighted", g->n_weighted, u->n_weighted);
    cmp_unit(&e, "n_effective", g->n_effective, u->n_effective);
    cmp_unit(EXACT_OF(c), "df", g->df, u->df);
    cmp_unit(EXACT_OF(c), "level", g->level, u->level);
    cmp_size(c, "n", g->n, u->n);
    cmp_size(c, "n_missing", g->n_missing, u->n_missing);
    if (factor == 1.0) {
        cmp_unit(&e, "se", g->se, u->se);
        cmp_unit(&e, "ci_lower", g->ci_lower, u->ci_lower);
        cmp_unit(&e, "ci_upper", g->ci_upper, u->ci_upper);
        return;
    }
    cmp_rel(c, "se", g->se, u->se * factor);
    double t = (u->ci_upper - u->score) / u->se; /* the ungrouped t(df) */
    cmp_unit(c, "ci_lower", g->ci_lower, g->score - t * g->se);
    cmp_unit(c, "ci_upper", g->ci_upper, g->score + t * g->se);
}

static void flags_are(const int *got, const int *want, size_t G, const char *what)
{
    for (size_t d = 0; d < G; d++) {
        if (got[d] != want[d]) {
            print_error("%s: flag of group %zu is %d, expected %d\n", what, d, got[d], want[d]);
            fail();
        }
    }
}

/* ------------------------------------------------------------------------ */
/* R survey: svyby(~nps, ~g, svydesign(ids = ~1, weights = ~w, data = d),   */
/* svymean), R 4.2 with survey, run by the lead of this change.              */

#define R_N 20
static const double R_Y[R_N] = {10, 9, 3, 8, 7, 6, 9, 10, 2, 5, 9, 9, 8, 1, 0, 10, 7, 7, 6, 9};
/* a, a, a, b, b, b, b, c, c, c, a, b, c, a, b, c, a, b, c, d */
static const int32_t R_G[R_N] = {0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 3};
static const double R_W[R_N] = {1, 2, 1, 1.5, 1, 1, 2, 1, 1, 3, 1, 1, 1, 2, 1, 1, 1, 1, 1, 1};

/* The y coded +100/0/−100 as R saw it; the NPS of the rows with code d. */
static void r_case(const double *y, const int32_t *g, const double *want_score,
                   const double *want_se, size_t n_want, const char *what)
{
    csat_error err;
    nps_out a, b;
    nps_out_init(&a);
    nps_out_init(&b);
    OK(csat_score_nps_grouped(y, R_N, R_W, g, 4, NULL, NULL, a.r, a.flags, GMAX, &err));
    /* The same through the accumulator, added in two shards and merged. */
    csat_grouped *acc = NULL, *part = NULL;
    OK(csat_grouped_create(4, 0, 10, &acc, &err));
    OK(csat_grouped_create(4, 0, 10, &part, &err));
    OK(csat_grouped_add(acc, y, 7, R_W, g, &err));
    OK(csat_grouped_add(part, y + 7, R_N - 7, R_W + 7, g + 7, &err));
    OK(csat_grouped_merge(acc, part, &err));
    OK(csat_grouped_nps(acc, NULL, NULL, b.r, b.flags, GMAX, &err));
    csat_grouped_free(acc);
    csat_grouped_free(part);
    for (size_t d = 0; d < n_want; d++) {
        char name[64];
        snprintf(name, sizeof name, "%s, group %zu", what, d);
        cmp_rel(CTX(name, R_TOL), "score", a.r[d].score, want_score[d]);
        if (want_se[d] == 0)
            cmp_unit(CTX(name, 0.0), "se", a.r[d].se, 0.0);
        else
            cmp_rel(CTX(name, R_TOL), "se", a.r[d].se, want_se[d]);
    }
    for (size_t d = 0; d < 4; d++) {
        char name[64];
        snprintf(name, sizeof name, "%s, merged shards, group %zu", what, d);
        nps_vs(CTX(name, R_TOL), R_TOL, &b.r[d], &a.r[d], 1.0);
    }
    flags_are(b.flags, a.flags, 4, what);
}

static void test_nps_by_group_matches_r_survey(void **state)
{
    (void)state;
    /* svyby(~nps, ~g, svydesign(ids = ~1, weights = ~w, data = d), svymean). */
    const double score[4] = {12.5, 11.764705882352942, -37.5, 100};
    const double se[4] = {42.41380578364351, 30.654434176381454, 36.76639895482373, 0};
    r_case(R_Y, R_G, score, se, 4, "R survey");

    /* y[2] and y[5] (1-based) NA: the design is that of the 18 rows with an
     * answer, as for every libcsat score (svyby on d[!is.na(d$nps), ]). */
    double y[R_N];
    memcpy(y, R_Y, sizeof y);
    y[1] = NAN;
    y[4] = NAN;
    const double score_na[2] = {-16.666666666666668, 13.333333333333334};
    const double se_na[2] = {42.779263194649864, 34.660632959081738};
    r_case(y, R_G, score_na, se_na, 2, "R survey, two answers NA");

    /* g[3] (1-based) NA: the design is that of the 19 rows with a group
     * (svyby on d[!is.na(d$g), ]). */
    int32_t g[R_N];
    memcpy(g, R_G, sizeof g);
    g[2] = CSAT_GROUP_NONE;
    const double score_none[1] = {28.571428571428573};
    const double se_none[1] = {45.841457384575364};
    r_case(R_Y, g, score_none, se_none, 1, "R survey, one group label NA");
}

/* The airline survey by flight class and by country (with a group of 1 and
 * a synthetic group of 2 respondents, rows without a group, weights and
 * missing answers), against R survey's svyby on the design of the rows
 * analysed: tests/reference/make_groups_reference.R wrote the data and the
 * values. Agreement to 1e-10 relative (the bound; the SE of a group
 * of one is exactly 0). */
#define AIRLINE_TOL 1e-10

static void airline_case(const char *what, const double *x, const double *w, const int32_t *g,
                         size_t groups, int mean, const double *score, const double *se,
                         const size_t *n)
{
    csat_error err;
    csat_nps_result nps[8] = {CSAT_RESULT_INIT(csat_nps_result)};
    csat_mean_result m[8] = {CSAT_RESULT_INIT(csat_mean_result)};
    if (mean)
        OK(csat_score_mean_grouped(x, DATA_GROUPS_N, w, g, groups, NULL, NULL, m, NULL, 8, &err));
    else
        OK(csat_score_nps_grouped(x, DATA_GROUPS_N, w, g, groups, NULL, NULL, nps, NULL, 8, &err));
    for (size_t d = 0; d < groups; d++) {
        char name[80];
        snprintf(name, sizeof name, "%s, group %zu", what, d);
        double got_score = mean ? m[d].score : nps[d].score;
        double got_se = mean ? m[d].se : nps[d].se;
        size_t got_n = mean ? m[d].n : nps[d].n;
        cmp_rel(CTX(name, AIRLINE_TOL), "score", got_score, score[d]);
        if (se[d] == 0)
            cmp_unit(CTX(name, 0.0), "se", got_se, 0.0);
        else
            cmp_rel(CTX(name, AIRLINE_TOL), "se", got_se, se[d]);
        assert_int_equal(got_n, n[d]);
    }
}

static void test_airline_groups_match_r_svyby(void **state)
{
    (void)state;
#define CASE(name, x, w, codes, G, mean)                                                          \
    airline_case(#name, x, w, codes, G, mean, REF_GROUPS_##name##_SCORE, REF_GROUPS_##name##_SE, \
                 REF_GROUPS_##name##_N)
    CASE(NPS_CLASS, DATA_GROUPS_NPS_X, NULL, DATA_GROUPS_CLASS_CODES, REF_GROUPS_CLASS_G, 0);
    CASE(NPS_CLASS_W, DATA_GROUPS_NPS_X, DATA_GROUPS_W, DATA_GROUPS_CLASS_CODES,
         REF_GROUPS_CLASS_G, 0);
    CASE(NPS_COUNTRY, DATA_GROUPS_NPS_X, NULL, DATA_GROUPS_COUNTRY_CODES, REF_GROUPS_COUNTRY_G,
         0);
    CASE(NPS_COUNTRY_W, DATA_GROUPS_NPS_X, DATA_GROUPS_W, DATA_GROUPS_COUNTRY_CODES,
         REF_GROUPS_COUNTRY_G, 0);
    CASE(NPS_MISS_COUNTRY, DATA_GROUPS_NPS_MISS_X, NULL, DATA_GROUPS_COUNTRY_CODES,
         REF_GROUPS_COUNTRY_G, 0);
    CASE(NPS_MISS_COUNTRY_W, DATA_GROUPS_NPS_MISS_X, DATA_GROUPS_W, DATA_GROUPS_COUNTRY_CODES,
         REF_GROUPS_COUNTRY_G, 0);
    CASE(MEAN_CLASS, DATA_GROUPS_SAT_X, NULL, DATA_GROUPS_CLASS_CODES, REF_GROUPS_CLASS_G, 1);
    CASE(MEAN_CLASS_W, DATA_GROUPS_SAT_X, DATA_GROUPS_W, DATA_GROUPS_CLASS_CODES,
         REF_GROUPS_CLASS_G, 1);
    CASE(MEAN_COUNTRY, DATA_GROUPS_SAT_X, NULL, DATA_GROUPS_COUNTRY_CODES, REF_GROUPS_COUNTRY_G,
         1);
    CASE(MEAN_COUNTRY_W, DATA_GROUPS_SAT_X, DATA_GROUPS_W, DATA_GROUPS_COUNTRY_CODES,
         REF_GROUPS_COUNTRY_G, 1);
#undef CASE
}

static void test_group_of_one_answer(void **state)
{
    (void)state;
    csat_error err;
    nps_out a;
    nps_out_init(&a);
    /* Group d of the R data: one promoter. SE 0 as R gives it, interval
     * [100, 100]; flagged small. */
    OK(csat_score_nps_grouped(R_Y, R_N, R_W, R_G, 4, NULL, NULL, a.r, a.flags, GMAX, &err));
    cmp_unit(CTX("one answer", 0.0), "score", a.r[3].score, 100);
    cmp_unit(CTX("one answer", 0.0), "se", a.r[3].se, 0);
    cmp_unit(CTX("one answer", 0.0), "ci_lower", a.r[3].ci_lower, 100);
    cmp_unit(CTX("one answer", 0.0), "ci_upper", a.r[3].ci_upper, 100);
    cmp_size(CTX("one answer", 0.0), "n", a.r[3].n, 1);
    const int want[4] = {CSAT_GROUP_SMALL, CSAT_GROUP_SMALL, CSAT_GROUP_SMALL, CSAT_GROUP_SMALL};
    flags_are(a.flags, want, 4, "min_n 30");
    const csat_group_options go = {sizeof go, 2, 0};
    OK(csat_score_nps_grouped(R_Y, R_N, R_W, R_G, 4, NULL, &go, a.r, a.flags, GMAX, &err));
    const int want2[4] = {CSAT_GROUP_OK, CSAT_GROUP_OK, CSAT_GROUP_OK, CSAT_GROUP_SMALL};
    flags_are(a.flags, want2, 4, "min_n 2");

    /* The mean of one value: SE 0 (domain formula), SD and the t interval
     * with df 0 NaN, as the ungrouped mean has them for n = 1. */
    mean_out m;
    mean_out_init(&m);
    OK(csat_score_mean_grouped(R_Y, R_N, R_W, R_G, 4, NULL, &go, m.r, m.flags, GMAX, &err));
    const csat_mean_result *r = &m.r[3];
    cmp_unit(CTX("mean of one", 0.0), "score", r->score, 9);
    cmp_unit(CTX("mean of one", 0.0), "se", r->se, 0);
    assert_true(isnan(r->sd) && isnan(r->ci_lower) && isnan(r->ci_upper));
    cmp_unit(CTX("mean of one", 0.0), "df", r->df, 0);
    cmp_size(CTX("mean of one", 0.0), "n", r->n, 1);
    assert_int_equal(m.flags[3], CSAT_GROUP_SMALL);
}

/* ------------------------------------------------------------------------ */
/* Synthetic sample: 5 groups, missing answers, rows without a group         */

#define NROW 300
#define NG 5
#define NITEM 3

static double D_NPS[NROW], D_FIVE[NROW], D_SEVEN[NROW], D_Y[NROW], D_W[NROW];
static double D_ITEMS[NROW * NITEM];
static int32_t D_G[NROW];
static const double ITEM_MIN[NITEM] = {1, 1, 0}, ITEM_MAX[NITEM] = {7, 5, 10};
static const double ITEM_W[NITEM] = {2, 1, 1.5};

static uint64_t lcg_state = 12345;
static double uniform(void)
{
    lcg_state = lcg_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (double)(lcg_state >> 11) / 9007199254740992.0;
}

static int make_data(void **state)
{
    (void)state;
    for (size_t i = 0; i < NROW; i++) {
        double u = uniform();
        D_G[i] = u < 0.05 ? CSAT_GROUP_NONE : (int32_t)(uniform() * 4); /* 0..3 */
        D_NPS[i] = i % 13 == 4 ? NAN : floor(uniform() * 11);
        D_FIVE[i] = i % 17 == 2 ? NAN : 1 + floor(uniform() * 5);
        D_SEVEN[i] = i % 11 == 6 ? NAN : 1 + floor(uniform() * 7);
        D_Y[i] = i % 19 == 5 ? NAN : 100 * uniform() - 20;
        D_W[i] = 0.25 + 2 * uniform();
        for (size_t j = 0; j < NITEM; j++)
            D_ITEMS[i * NITEM + j] =
                ITEM_MIN[j] + floor(uniform() * (ITEM_MAX[j] - ITEM_MIN[j] + 1));
        if (i % 23 == 7)
            D_ITEMS[i * NITEM + 1] = NAN;
    }
    /* Group 4: three rows, one of them without a valid NPS answer. */
    D_G[10] = D_G[150] = D_G[290] = 4;
    return 0;
}

/* The rows of group d (complement: of every other group) of x, into fx and
 * fw (fw only with weights); their number. */
static size_t filter(const double *x, size_t stride, const double *w, int32_t d, int complement,
                     double *fx, double *fw)
{
    size_t m = 0;
    for (size_t i = 0; i < NROW; i++) {
        int in = complement ? D_G[i] >= 0 && D_G[i] != d : D_G[i] == d;
        if (!in)
            continue;
        memcpy(fx + m * stride, x + i * stride, stride * sizeof *x);
        if (w)
            fw[m] = w[i];
        m++;
    }
    return m;
}

static const char *weighting(const double *w)
{
    return w ? "weighted" : "unweighted";
}

static void test_nps_equals_ungrouped_nps_of_filtered_rows(void **state)
{
    (void)state;
    csat_error err;
    double fx[NROW], fw[NROW];
    const double *ws[2] = {NULL, D_W};
    for (int method = 0; method < 2; method++) {
        for (size_t k = 0; k < 2; k++) {
            const double *w = ws[k];
            csat_nps_options o = CSAT_NPS_OPTIONS_DEFAULT;
            o.method = method ? CSAT_NPS_ADJUSTED_WALD : CSAT_NPS_WALD;
            nps_out a, b;
            nps_out_init(&a);
            nps_out_init(&b);
            OK(csat_score_nps_grouped(D_NPS, NROW, w, D_G, NG, &o, NULL, a.r, a.flags, GMAX,
                                      &err));
            csat_grouped *acc = NULL;
            OK(csat_grouped_create(NG, 0, 10, &acc, &err));
            OK(csat_grouped_add(acc, D_NPS, NROW, w, D_G, &err));
            OK(csat_grouped_nps(acc, &o, NULL, b.r, NULL, GMAX, &err));
            csat_grouped_free(acc);
            for (int32_t d = 0; d < NG; d++) {
                char name[80];
                snprintf(name, sizeof name, "NPS %s %s, group %d", method ? "adjusted" : "Wald",
                         weighting(w), (int)d);
                size_t m = filter(D_NPS, 1, w, d, 0, fx, fw);
                csat_nps_result u = CSAT_RESULT_INIT(csat_nps_result);
                OK(csat_score_nps(fx, m, w ? fw : NULL, &o, &u, &err));
                double f = method ? 1.0 : domain_factor(analysed(D_NPS, 1, D_G, NROW), u.n);
                nps_vs(CTX(name, FACTOR_TOL), 0.0, &a.r[d], &u, f);
                nps_vs(CTX(name, 0.0), 0.0, &b.r[d], &a.r[d], 1.0);
                assert_int_equal(a.flags[d], u.n < 30 ? CSAT_GROUP_SMALL : CSAT_GROUP_OK);
            }
        }
    }
}

static void test_shares_equal_ungrouped_shares_of_filtered_rows(void **state)
{
    (void)state;
    csat_error err;
    double fx[NROW], fw[NROW];
    const double *ws[2] = {NULL, D_W};
    const csat_scale_options so = {sizeof so, 1, 5, 0.9};
    const csat_csat_options co = {sizeof co, 1, 5, 3, 0.95};
    for (size_t k = 0; k < 2; k++) {
        const double *w = ws[k];
        share_out box, sat, top, bot, box_acc;
        share_out_init(&box);
        share_out_init(&sat);
        share_out_init(&top);
        share_out_init(&bot);
        share_out_init(&box_acc);
        OK(csat_score_box_share_grouped(D_FIVE, NROW, w, D_G, NG, 2, 4, &so, NULL, box.r,
                                        box.flags, GMAX, &err));
        OK(csat_score_csat_grouped(D_FIVE, NROW, w, D_G, NG, &co, NULL, sat.r, sat.flags, GMAX,
                                   &err));
        OK(csat_score_top_box_grouped(D_FIVE, NROW, w, D_G, NG, 2, &so, NULL, top.r, NULL, GMAX,
                                      &err));
        OK(csat_score_bottom_box_grouped(D_FIVE, NROW, w, D_G, NG, 1, NULL, NULL, bot.r, NULL,
                                         GMAX, &err));
        csat_grouped *acc = NULL;
        OK(csat_grouped_create(NG, 1, 5, &acc, &err));
        OK(csat_grouped_add(acc, D_FIVE, NROW, w, D_G, &err));
        OK(csat_grouped_box_share(acc, 2, 4, &so, NULL, box_acc.r, box_acc.flags, GMAX, &err));
        share_out t2, b1, c3;
        share_out_init(&t2);
        share_out_init(&b1);
        share_out_init(&c3);
        OK(csat_grouped_top_box(acc, 2, &so, NULL, t2.r, NULL, GMAX, &err));
        OK(csat_grouped_bottom_box(acc, 1, NULL, NULL, b1.r, NULL, GMAX, &err));
        OK(csat_grouped_csat(acc, &co, NULL, c3.r, NULL, GMAX, &err));
        csat_grouped_free(acc);
        for (int32_t d = 0; d < NG; d++) {
            char name[80];
            snprintf(name, sizeof name, "shares %s, group %d", weighting(w), (int)d);
            size_t m = filter(D_FIVE, 1, w, d, 0, fx, fw);
            const double *fwp = w ? fw : NULL;
            csat_share_result u = CSAT_RESULT_INIT(csat_share_result);
            OK(csat_score_box_share(fx, m, fwp, 2, 4, &so, &u, &err));
            share_vs(CTX(name, 0.0), &box.r[d], &u);
            share_vs(CTX(name, 0.0), &box_acc.r[d], &u);
            assert_int_equal(box.flags[d], u.n < 30 ? CSAT_GROUP_SMALL : CSAT_GROUP_OK);
            OK(csat_score_csat(fx, m, fwp, &co, &u, &err));
            share_vs(CTX(name, 0.0), &sat.r[d], &u);
            share_vs(CTX(name, 0.0), &c3.r[d], &u);
            OK(csat_score_top_box(fx, m, fwp, 2, &so, &u, &err));
            share_vs(CTX(name, 0.0), &top.r[d], &u);
            share_vs(CTX(name, 0.0), &t2.r[d], &u);
            OK(csat_score_bottom_box(fx, m, fwp, 1, NULL, &u, &err));
            share_vs(CTX(name, 0.0), &bot.r[d], &u);
            share_vs(CTX(name, 0.0), &b1.r[d], &u);
        }
    }
}

static void test_means_equal_ungrouped_means_of_filtered_rows(void **state)
{
    (void)state;
    csat_error err;
    double fx[NROW], fw[NROW];
    const double *ws[2] = {NULL, D_W};
    const csat_mean_options mo = {sizeof mo, 0.9};
    for (size_t k = 0; k < 2; k++) {
        const double *w = ws[k];
        /* Moments: any values. */
        mean_out a, b;
        mean_out_init(&a);
        mean_out_init(&b);
        OK(csat_score_mean_grouped(D_Y, NROW, w, D_G, NG, &mo, NULL, a.r, a.flags, GMAX, &err));
        csat_grouped *acc = NULL;
        OK(csat_grouped_create_moments(NG, &acc, &err));
        OK(csat_grouped_add(acc, D_Y, NROW, w, D_G, &err));
        OK(csat_grouped_mean(acc, &mo, NULL, b.r, NULL, GMAX, &err));
        csat_grouped_free(acc);
        /* Tally: the mean of a rating summed per scale point. */
        mean_out t;
        mean_out_init(&t);
        OK(csat_grouped_create(NG, 1, 7, &acc, &err));
        OK(csat_grouped_add(acc, D_SEVEN, NROW, w, D_G, &err));
        OK(csat_grouped_mean(acc, &mo, NULL, t.r, t.flags, GMAX, &err));
        csat_grouped_free(acc);
        for (int32_t d = 0; d < NG; d++) {
            char name[80];
            snprintf(name, sizeof name, "mean %s, group %d", weighting(w), (int)d);
            size_t m = filter(D_Y, 1, w, d, 0, fx, fw);
            csat_mean_result u = CSAT_RESULT_INIT(csat_mean_result);
            OK(csat_score_mean(fx, m, w ? fw : NULL, &mo, &u, &err));
            mean_vs(CTX(name, FACTOR_TOL), 0.0, &a.r[d], &u, domain_factor(analysed(D_Y, 1, D_G, NROW), u.n));
            mean_vs(CTX(name, 0.0), 0.0, &b.r[d], &a.r[d], 1.0);
            assert_int_equal(a.flags[d], u.n < 30 ? CSAT_GROUP_SMALL : CSAT_GROUP_OK);

            snprintf(name, sizeof name, "tally mean %s, group %d", weighting(w), (int)d);
            m = filter(D_SEVEN, 1, w, d, 0, fx, fw);
            csat_tally *tl = NULL;
            OK(csat_tally_create(1, 7, &tl, &err));
            OK(csat_tally_add(tl, fx, m, w ? fw : NULL, &err));
            OK(csat_tally_mean(tl, &mo, &u, &err));
            csat_tally_free(tl);
            mean_vs(CTX(name, FACTOR_TOL), 0.0, &t.r[d], &u,
                    domain_factor(analysed(D_SEVEN, 1, D_G, NROW), u.n));
        }
    }
}

static void test_ces_equals_ungrouped_ces_of_filtered_rows(void **state)
{
    (void)state;
    csat_error err;
    double fx[NROW], fw[NROW];
    const double *ws[2] = {NULL, D_W};
    for (size_t k = 0; k < 2; k++) {
        const double *w = ws[k];
        ces_out a, b;
        ces_out_init(&a);
        ces_out_init(&b);
        OK(csat_score_ces_grouped(D_SEVEN, NROW, w, D_G, NG, NULL, NULL, a.effort, a.low,
                                  a.flags, GMAX, &err));
        csat_grouped *acc = NULL;
        OK(csat_grouped_create(NG, 1, 7, &acc, &err));
        OK(csat_grouped_add(acc, D_SEVEN, NROW, w, D_G, &err));
        OK(csat_grouped_ces(acc, NULL, NULL, b.effort, b.low, b.flags, GMAX, &err));
        csat_grouped_free(acc);
        for (int32_t d = 0; d < NG; d++) {
            char name[80];
            snprintf(name, sizeof name, "CES %s, group %d", weighting(w), (int)d);
            size_t m = filter(D_SEVEN, 1, w, d, 0, fx, fw);
            csat_mean_result ue = CSAT_RESULT_INIT(csat_mean_result);
            csat_share_result ul = CSAT_RESULT_INIT(csat_share_result);
            OK(csat_score_ces(fx, m, w ? fw : NULL, NULL, &ue, &ul, &err));
            mean_vs(CTX(name, FACTOR_TOL), 0.0, &a.effort[d], &ue,
                    domain_factor(analysed(D_SEVEN, 1, D_G, NROW), ue.n));
            share_vs(CTX(name, 0.0), &a.low[d], &ul);
            mean_vs(CTX(name, 0.0), 0.0, &b.effort[d], &a.effort[d], 1.0);
            share_vs(CTX(name, 0.0), &b.low[d], &a.low[d]);
            assert_int_equal(a.flags[d], b.flags[d]);
        }
    }
}

static void test_index_equals_ungrouped_index_of_filtered_rows(void **state)
{
    (void)state;
    csat_error err;
    static double fx[NROW * NITEM];
    double fw[NROW];
    const double *ws[2] = {NULL, D_W};
    for (size_t k = 0; k < 2; k++) {
        const double *w = ws[k];
        mean_out a;
        mean_out_init(&a);
        OK(csat_score_index_grouped(D_ITEMS, NROW, NITEM, NITEM, w, D_G, NG, ITEM_MIN, ITEM_MAX,
                                    ITEM_W, NULL, NULL, a.r, a.flags, GMAX, &err));
        for (int32_t d = 0; d < NG; d++) {
            char name[80];
            snprintf(name, sizeof name, "index %s, group %d", weighting(w), (int)d);
            size_t m = filter(D_ITEMS, NITEM, w, d, 0, fx, fw);
            csat_mean_result u = CSAT_RESULT_INIT(csat_mean_result);
            OK(csat_score_index(fx, m, NITEM, NITEM, w ? fw : NULL, ITEM_MIN, ITEM_MAX, ITEM_W,
                                NULL, &u, &err));
            /* Bit for bit while n fits in one block of rows (512): each
             * group's indices then reach its moments in one add, as the
             * filtered rows do; beyond, the blocks differ in rounding. */
            mean_vs(CTX(name, FACTOR_TOL), 0.0, &a.r[d], &u,
                    domain_factor(analysed(D_ITEMS, NITEM, D_G, NROW), u.n));
        }
    }
}

static void test_distribution_equals_ungrouped_distribution_of_filtered_rows(void **state)
{
    (void)state;
    csat_error err;
    double fx[NROW], fw[NROW];
    const double *ws[2] = {NULL, D_W};
    const csat_scale_options so = {sizeof so, 0, 10, 0.95};
    for (size_t k = 0; k < 2; k++) {
        const double *w = ws[k];
        static dist_out o;
        memset(&o, 0, sizeof o);
        o.samples[0].size = sizeof(csat_sample);
        OK(csat_score_distribution_grouped(D_NPS, NROW, w, D_G, NG, &so, o.counts, o.weights,
                                           o.shares, NG * 11, o.samples, NG, &err));
        for (int32_t d = 0; d < NG; d++) {
            char name[80];
            snprintf(name, sizeof name, "distribution %s, group %d", weighting(w), (int)d);
            size_t m = filter(D_NPS, 1, w, d, 0, fx, fw);
            double c[11], wt[11], sh[11];
            csat_sample s = CSAT_RESULT_INIT(csat_sample);
            OK(csat_score_distribution(fx, m, w ? fw : NULL, &so, c, wt, sh, 11, &s, &err));
            for (size_t j = 0; j < 11; j++) {
                cmp_unit(CTX(name, 0.0), "count", o.counts[d * 11 + j], c[j]);
                cmp_unit(CTX(name, 0.0), "weight", o.weights[d * 11 + j], wt[j]);
                cmp_unit(CTX(name, 0.0), "share", o.shares[d * 11 + j], sh[j]);
            }
            cmp_size(CTX(name, 0.0), "n", o.samples[d].n, s.n);
            cmp_size(CTX(name, 0.0), "n_missing", o.samples[d].n_missing, s.n_missing);
            cmp_unit(CTX(name, 0.0), "n_weighted", o.samples[d].n_weighted, s.n_weighted);
            cmp_unit(CTX(name, 0.0), "n_effective", o.samples[d].n_effective, s.n_effective);
        }
    }
    /* Only the samples, or only the shares. */
    static dist_out o;
    memset(&o, 0, sizeof o);
    o.samples[0].size = sizeof(csat_sample);
    OK(csat_score_distribution_grouped(D_NPS, NROW, NULL, D_G, NG, &so, NULL, NULL, NULL,
                                       NG * 11, o.samples, NG, &err));
    assert_true(o.samples[0].n > 0);
    OK(csat_score_distribution_grouped(D_NPS, NROW, NULL, D_G, NG, &so, NULL, NULL, o.shares,
                                       NG * 11, NULL, 0, &err));
}

/* ------------------------------------------------------------------------ */
/* The rest of the sample                                                    */

static void test_complement_equals_scores_of_the_other_groups(void **state)
{
    (void)state;
    csat_error err;
    static double fx[NROW * NITEM];
    double fw[NROW];
    const double *ws[2] = {NULL, D_W};
    const csat_group_options rest = {sizeof rest, 30, 1};
    for (size_t k = 0; k < 2; k++) {
        const double *w = ws[k];
        const double *fwp = w ? fw : NULL;
        nps_out n;
        share_out s;
        mean_out m, ix;
        ces_out c;
        nps_out_init(&n);
        share_out_init(&s);
        mean_out_init(&m);
        mean_out_init(&ix);
        ces_out_init(&c);
        OK(csat_score_nps_grouped(D_NPS, NROW, w, D_G, NG, NULL, &rest, n.r, n.flags, GMAX,
                                  &err));
        OK(csat_score_top_box_grouped(D_FIVE, NROW, w, D_G, NG, 2, NULL, &rest, s.r, s.flags,
                                      GMAX, &err));
        OK(csat_score_mean_grouped(D_Y, NROW, w, D_G, NG, NULL, &rest, m.r, m.flags, GMAX, &err));
        OK(csat_score_ces_grouped(D_SEVEN, NROW, w, D_G, NG, NULL, &rest, c.effort, c.low,
                                  c.flags, GMAX, &err));
        OK(csat_score_index_grouped(D_ITEMS, NROW, NITEM, NITEM, w, D_G, NG, ITEM_MIN, ITEM_MAX,
                                    ITEM_W, NULL, &rest, ix.r, ix.flags, GMAX, &err));
        for (int32_t d = 0; d < NG; d++) {
            char name[80];
            snprintf(name, sizeof name, "rest of group %d, %s", (int)d, weighting(w));
            size_t r = filter(D_NPS, 1, w, d, 1, fx, fw);
            csat_nps_result un = CSAT_RESULT_INIT(csat_nps_result);
            OK(csat_score_nps(fx, r, fwp, NULL, &un, &err));
            nps_vs(CTX(name, MERGE_TOL), MERGE_TOL, &n.r[d], &un,
                   domain_factor(analysed(D_NPS, 1, D_G, NROW), un.n));
            assert_int_equal(n.flags[d], CSAT_GROUP_OK);

            r = filter(D_FIVE, 1, w, d, 1, fx, fw);
            csat_share_result us = CSAT_RESULT_INIT(csat_share_result);
            OK(csat_score_top_box(fx, r, fwp, 2, NULL, &us, &err));
            share_vs(CTX(name, MERGE_TOL), &s.r[d], &us);

            r = filter(D_Y, 1, w, d, 1, fx, fw);
            csat_mean_result um = CSAT_RESULT_INIT(csat_mean_result);
            OK(csat_score_mean(fx, r, fwp, NULL, &um, &err));
            mean_vs(CTX(name, MERGE_TOL), MERGE_TOL, &m.r[d], &um,
                    domain_factor(analysed(D_Y, 1, D_G, NROW), um.n));

            r = filter(D_SEVEN, 1, w, d, 1, fx, fw);
            csat_share_result ul = CSAT_RESULT_INIT(csat_share_result);
            OK(csat_score_ces(fx, r, fwp, NULL, &um, &ul, &err));
            mean_vs(CTX(name, MERGE_TOL), MERGE_TOL, &c.effort[d], &um,
                    domain_factor(analysed(D_SEVEN, 1, D_G, NROW), um.n));
            share_vs(CTX(name, MERGE_TOL), &c.low[d], &ul);

            r = filter(D_ITEMS, NITEM, w, d, 1, fx, fw);
            OK(csat_score_index(fx, r, NITEM, NITEM, fwp, ITEM_MIN, ITEM_MAX, ITEM_W, NULL, &um,
                                &err));
            mean_vs(CTX(name, MERGE_TOL), MERGE_TOL, &ix.r[d], &um,
                    domain_factor(analysed(D_ITEMS, NITEM, D_G, NROW), um.n));
        }
    }
}

/* ------------------------------------------------------------------------ */
/* Flags                                                                     */

static void test_empty_groups_are_flagged_not_errors(void **state)
{
    (void)state;
    csat_error err;
    /* Group 0: answers; 1: none; 2: only missing answers; 3: zero weights;
     * 4: one answer. */
    const double x[] = {9, 10, 3, NAN, NAN, 8, 7, 5, 7, 6};
    const double w[] = {1, 2, 1, 1, 1, 0, 0, 1, 1, 1};
    const int32_t g[] = {0, 0, 0, 2, 2, 3, 3, 4, 0, CSAT_GROUP_NONE};
    const size_t n = ARRAY_LEN(x);
    const csat_group_options go = {sizeof go, 2, 0};
    const int want[5] = {CSAT_GROUP_OK, CSAT_GROUP_EMPTY, CSAT_GROUP_EMPTY, CSAT_GROUP_EMPTY,
                         CSAT_GROUP_SMALL};
    const size_t missing[5] = {0, 0, 2, 0, 0};

    nps_out a;
    nps_out_init(&a);
    OK(csat_score_nps_grouped(x, n, w, g, 5, NULL, &go, a.r, a.flags, GMAX, &err));
    flags_are(a.flags, want, 5, "NPS");
    for (size_t d = 1; d <= 3; d++) {
        const csat_nps_result *r = &a.r[d];
        assert_true(isnan(r->score) && isnan(r->se) && isnan(r->ci_lower) && isnan(r->ci_upper));
        assert_true(isnan(r->promoters) && isnan(r->passives) && isnan(r->detractors));
        assert_int_equal(r->n, 0);
        assert_int_equal(r->n_missing, missing[d]);
        assert_true(r->n_weighted == 0 && r->n_effective == 0);
        assert_true(r->level == 0.95 && r->method == CSAT_NPS_WALD);
    }
    /* The non-empty groups are the ungrouped estimates of their rows. */
    const double x0[] = {9, 10, 3, 7}, w0[] = {1, 2, 1, 1};
    csat_nps_result u = CSAT_RESULT_INIT(csat_nps_result);
    OK(csat_score_nps(x0, 4, w0, NULL, &u, &err));
    nps_vs(CTX("group 0 beside empty groups", FACTOR_TOL), 0.0, &a.r[0], &u,
           domain_factor(analysed(x, 1, g, n), 4));
    /* Flags may be NULL. */
    OK(csat_score_nps_grouped(x, n, w, g, 5, NULL, &go, a.r, NULL, GMAX, &err));

    share_out s;
    share_out_init(&s);
    OK(csat_score_csat_grouped(x, n, w, g, 5, &(csat_csat_options){sizeof(csat_csat_options), 0,
                                                                   10, 7, 0.95},
                               &go, s.r, s.flags, GMAX, &err));
    flags_are(s.flags, want, 5, "CSAT");
    for (size_t d = 1; d <= 3; d++) {
        const csat_share_result *r = &s.r[d];
        assert_true(isnan(r->share) && isnan(r->score) && isnan(r->se));
        assert_true(isnan(r->ci_lower) && isnan(r->ci_upper));
        assert_true(r->box_min == 7 && r->box_max == 10);
        assert_int_equal(r->n, 0);
        assert_int_equal(r->n_missing, missing[d]);
    }

    mean_out m;
    mean_out_init(&m);
    OK(csat_score_mean_grouped(x, n, w, g, 5, NULL, &go, m.r, m.flags, GMAX, &err));
    flags_are(m.flags, want, 5, "mean");
    for (size_t d = 1; d <= 3; d++) {
        const csat_mean_result *r = &m.r[d];
        assert_true(isnan(r->score) && isnan(r->sd) && isnan(r->se) && isnan(r->df));
        assert_true(isnan(r->ci_lower) && isnan(r->ci_upper) && isnan(r->min) && isnan(r->max));
        assert_int_equal(r->n, 0);
        assert_int_equal(r->n_missing, missing[d]);
    }

    ces_out c;
    ces_out_init(&c);
    OK(csat_score_ces_grouped(x, n, w, g, 5,
                              &(csat_ces_options){sizeof(csat_ces_options), 0, 10, 7, 0.95}, &go,
                              c.effort, c.low, c.flags, GMAX, &err));
    flags_are(c.flags, want, 5, "CES");
    assert_true(isnan(c.effort[2].score) && isnan(c.low[2].share) && c.low[2].n_missing == 2);

    /* The distribution has no flags: an empty group's sample says n = 0. */
    static dist_out o;
    memset(&o, 0, sizeof o);
    o.samples[0].size = sizeof(csat_sample);
    const csat_scale_options so = {sizeof so, 0, 10, 0.95};
    OK(csat_score_distribution_grouped(x, n, w, g, 5, &so, o.counts, o.weights, o.shares, 5 * 11,
                                       o.samples, 5, &err));
    assert_int_equal(o.samples[1].n, 0);
    assert_int_equal(o.samples[2].n_missing, 2);
    assert_int_equal(o.samples[3].n, 2);
    assert_true(o.samples[3].n_weighted == 0);
    for (size_t j = 0; j < 11; j++)
        assert_true(isnan(o.shares[11 + j]) && o.counts[11 + j] == 0 && isnan(o.shares[33 + j]));
    assert_true(o.counts[33 + 8] == 1 && o.counts[33 + 7] == 1);

    /* No answer at all: every group empty, no error. */
    OK(csat_score_nps_grouped(x, 0, NULL, g, 3, NULL, NULL, a.r, a.flags, GMAX, &err));
    const int all_empty[3] = {CSAT_GROUP_EMPTY, CSAT_GROUP_EMPTY, CSAT_GROUP_EMPTY};
    flags_are(a.flags, all_empty, 3, "no answer");
}

/* ------------------------------------------------------------------------ */
/* Bad input                                                                 */

static void test_bad_input_leaves_outputs_untouched(void **state)
{
    (void)state;
    csat_error err;
    nps_out no;
    share_out so;
    mean_out mo;
    ces_out co;
    dist_out dout;
    const double x[] = {9, 10, 3, 7, 8, 2};
    const double w[] = {1, 2, 1, 1, 1, -1};
    const int32_t g[] = {0, 1, 2, 0, 1, 2};
    nps_out_init(&no);
    share_out_init(&so);
    mean_out_init(&mo);
    ces_out_init(&co);
    csat_grouped *acc = NULL, *mom = NULL;
    OK(csat_grouped_create(3, 0, 10, &acc, &err));
    OK(csat_grouped_add(acc, x, 6, NULL, g, &err));
    OK(csat_grouped_create_moments(3, &mom, &err));
    OK(csat_grouped_add(mom, x, 6, NULL, g, &err));

    /* NULL arguments. */
    EXPECT_FAIL(CSAT_ERR_NULL, no, csat_grouped_nps(NULL, NULL, NULL, no.r, no.flags, GMAX, &err));
    EXPECT_NULL_ERROR(csat_grouped_nps(acc, NULL, NULL, NULL, NULL, GMAX, &err));
    EXPECT_NULL_ERROR(csat_grouped_ces(acc, NULL, NULL, co.effort, NULL, NULL, GMAX, &err));
    EXPECT_FAIL(CSAT_ERR_NULL, no,
                csat_score_nps_grouped(NULL, 6, NULL, g, 3, NULL, NULL, no.r, no.flags, GMAX,
                                       &err));
    EXPECT_FAIL(CSAT_ERR_NULL, no,
                csat_score_nps_grouped(x, 6, NULL, NULL, 3, NULL, NULL, no.r, no.flags, GMAX,
                                       &err));
    EXPECT_FAIL(CSAT_ERR_NULL, mo,
                csat_score_index_grouped(x, 2, 3, 3, NULL, g, 3, NULL, ITEM_MAX, NULL, NULL, NULL,
                                         mo.r, mo.flags, GMAX, &err));

    /* Capacity below G: nothing written, flags neither. */
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, no, csat_grouped_nps(acc, NULL, NULL, no.r, no.flags, 2, &err));
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, no,
                csat_score_nps_grouped(x, 6, NULL, g, 3, NULL, NULL, no.r, no.flags, 2, &err));
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, co,
                csat_grouped_ces(acc, &(csat_ces_options){sizeof(csat_ces_options), 0, 10, 7,
                                                          0.95},
                                 NULL, co.effort, co.low, co.flags, 0, &err));
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, dout,
                csat_score_distribution_grouped(x, 6, NULL, g, 3,
                                                &(csat_scale_options){sizeof(csat_scale_options),
                                                                      0, 10, 0.95},
                                                dout.counts, dout.weights, dout.shares, 33,
                                                dout.samples, 2, &err));

    /* Bad options: the score's and the groups'. */
    csat_nps_options crossed = CSAT_NPS_OPTIONS_DEFAULT;
    crossed.detractor_max = 9;
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, no,
                csat_grouped_nps(acc, &crossed, NULL, no.r, no.flags, GMAX, &err));
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, no,
                csat_score_nps_grouped(x, 6, NULL, g, 3, &crossed, NULL, no.r, no.flags, GMAX,
                                       &err));
    csat_nps_options level = CSAT_NPS_OPTIONS_DEFAULT;
    level.level = 1.5;
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, no,
                csat_grouped_nps(acc, &level, NULL, no.r, no.flags, GMAX, &err));
    csat_nps_options other_scale = CSAT_NPS_OPTIONS_DEFAULT;
    other_scale.scale_min = 1;
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, no,
                csat_grouped_nps(acc, &other_scale, NULL, no.r, no.flags, GMAX, &err));
    csat_nps_options bad_size = CSAT_NPS_OPTIONS_DEFAULT;
    bad_size.size = 3;
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, no,
                csat_score_nps_grouped(x, 6, NULL, g, 3, &bad_size, NULL, no.r, no.flags, GMAX,
                                       &err));
    csat_group_options go = CSAT_GROUP_OPTIONS_DEFAULT;
    go.complement = 2;
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, no, csat_grouped_nps(acc, NULL, &go, no.r, no.flags, GMAX, &err));
    go = (csat_group_options)CSAT_GROUP_OPTIONS_DEFAULT;
    go.size = sizeof go + sizeof(size_t);
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, mo, csat_grouped_mean(mom, NULL, &go, mo.r, mo.flags, GMAX, &err));
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, mo,
                csat_grouped_mean(mom, &(csat_mean_options){sizeof(csat_mean_options), 0}, NULL,
                                  mo.r, mo.flags, GMAX, &err));
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, so,
                csat_grouped_top_box(acc, 0, NULL, NULL, so.r, so.flags, GMAX, &err));
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, so,
                csat_grouped_box_share(acc, 5, 4, NULL, NULL, so.r, so.flags, GMAX, &err));
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, so,
                csat_score_bottom_box_grouped(x, 6, NULL, g, 3, 6, NULL, NULL, so.r, so.flags,
                                              GMAX, &err));

    /* A result array whose first size is not a result's size. */
    memset(&no, 0, sizeof no);
    no.r[0].size = 3;
    memset(&err, 0, sizeof err);
    assert_int_equal(csat_grouped_nps(acc, NULL, NULL, no.r, no.flags, GMAX, &err),
                     CSAT_ERR_ARGUMENT);
    assert_int_equal(no.r[0].size, 3);
    assert_true(no.r[0].score == 0 && no.flags[0] == 0);

    /* The kind of accumulator: NPS, shares and CES need a tally. */
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, no, csat_grouped_nps(mom, NULL, NULL, no.r, no.flags, GMAX, &err));
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, so, csat_grouped_csat(mom, NULL, NULL, so.r, so.flags, GMAX, &err));
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, co,
                csat_grouped_ces(mom, NULL, NULL, co.effort, co.low, co.flags, GMAX, &err));

    /* The data: group codes, answers, weights name their index. */
    const int32_t bad_g[] = {0, 1, 2, 3, 1, 2};
    EXPECT_FAIL_ROW(CSAT_ERR_RANGE, 3, no,
                    csat_score_nps_grouped(x, 6, NULL, bad_g, 3, NULL, NULL, no.r, no.flags, GMAX,
                                           &err));
    const int32_t neg_g[] = {0, 1, -2, 0, 1, 2};
    EXPECT_FAIL_ROW(CSAT_ERR_RANGE, 2, mo,
                    csat_score_mean_grouped(x, 6, NULL, neg_g, 3, NULL, NULL, mo.r, mo.flags, GMAX,
                                            &err));
    const double off[] = {9, 10, 3, 11, 8, 2};
    EXPECT_FAIL_ROW(CSAT_ERR_RANGE, 3, no,
                    csat_score_nps_grouped(off, 6, NULL, g, 3, NULL, NULL, no.r, no.flags, GMAX,
                                           &err));
    EXPECT_FAIL_ROW(CSAT_ERR_WEIGHT, 5, no,
                    csat_score_nps_grouped(x, 6, w, g, 3, NULL, NULL, no.r, no.flags, GMAX, &err));
    EXPECT_FAIL_ROW(CSAT_ERR_WEIGHT, 5, so,
                    csat_score_top_box_grouped(x, 6, w, g, 3, 1,
                                               &(csat_scale_options){sizeof(csat_scale_options),
                                                                     0, 10, 0.95},
                                               NULL, so.r, so.flags, GMAX, &err));

    /* Sizes: groups, the distribution's arrays. */
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, no,
                csat_score_nps_grouped(x, 6, NULL, g, 0, NULL, NULL, no.r, no.flags, GMAX, &err));
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, no,
                csat_score_nps_grouped(x, 6, NULL, g, (size_t)CSAT_GROUPS_MAX + 1, NULL, NULL,
                                       no.r, no.flags, GMAX, &err));
    const csat_scale_options s010 = {sizeof s010, 0, 10, 0.95};
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, dout,
                csat_score_distribution_grouped(x, 6, NULL, g, 3, &s010, dout.counts,
                                                dout.weights, dout.shares, 11, dout.samples, 3,
                                                &err));
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, dout,
                csat_score_distribution_grouped(x, 6, NULL, g, 3, NULL, dout.counts, dout.weights,
                                                dout.shares, 33, dout.samples, 3, &err));
    EXPECT_FAIL_ROW(CSAT_ERR_RANGE, 3, dout,
                    csat_score_distribution_grouped(x, 6, NULL, bad_g, 3, &s010, dout.counts,
                                                    dout.weights, dout.shares, 33, dout.samples, 3,
                                                    &err));

    /* The index: items, and a group code far into the rows (beyond the
     * first block of rows the index is computed in). */
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, mo,
                csat_score_index_grouped(D_ITEMS, NROW, 0, NITEM, NULL, D_G, NG, ITEM_MIN,
                                         ITEM_MAX, NULL, NULL, NULL, mo.r, mo.flags, GMAX, &err));
    enum { BIG = 700 };
    static double items[BIG * NITEM];
    static int32_t codes[BIG];
    for (size_t i = 0; i < BIG; i++) {
        for (size_t j = 0; j < NITEM; j++)
            items[i * NITEM + j] = ITEM_MIN[j];
        codes[i] = (int32_t)(i % 3);
    }
    codes[600] = 7;
    EXPECT_FAIL_ROW(CSAT_ERR_RANGE, 600, mo,
                    csat_score_index_grouped(items, BIG, NITEM, NITEM, NULL, codes, 3, ITEM_MIN,
                                             ITEM_MAX, NULL, NULL, NULL, mo.r, mo.flags, GMAX,
                                             &err));
    if (strstr(err.message, "600") == NULL) {
        print_error("the message should name row 600: %s\n", err.message);
        fail();
    }
    codes[600] = 0;
    items[650 * NITEM + 1] = 6; /* item 1 is on 1..5 */
    EXPECT_FAIL_AT(CSAT_ERR_RANGE, 650, 1, mo,
                   csat_score_index_grouped(items, BIG, NITEM, NITEM, NULL, codes, 3, ITEM_MIN,
                                            ITEM_MAX, NULL, NULL, NULL, mo.r, mo.flags, GMAX,
                                            &err));
    /* Both: the error names the first bad row, whichever kind it is (the
     * rows are read a block of 512 at a time). */
    codes[600] = 7;
    EXPECT_FAIL_ROW(CSAT_ERR_RANGE, 600, mo,
                    csat_score_index_grouped(items, BIG, NITEM, NITEM, NULL, codes, 3, ITEM_MIN,
                                             ITEM_MAX, NULL, NULL, NULL, mo.r, mo.flags, GMAX,
                                             &err));
    items[650 * NITEM + 1] = 1;
    items[590 * NITEM + 1] = 0; /* item 1 is on 1..5 */
    EXPECT_FAIL_AT(CSAT_ERR_RANGE, 590, 1, mo,
                   csat_score_index_grouped(items, BIG, NITEM, NITEM, NULL, codes, 3, ITEM_MIN,
                                            ITEM_MAX, NULL, NULL, NULL, mo.r, mo.flags, GMAX,
                                            &err));
    items[590 * NITEM + 1] = ITEM_MIN[1];
    codes[600] = 0;
    /* The same rows, valid: every group is scored. */
    mean_out_init(&mo);
    OK(csat_score_index_grouped(items, BIG, NITEM, NITEM, NULL, codes, 3, ITEM_MIN, ITEM_MAX,
                                NULL, NULL, NULL, mo.r, mo.flags, GMAX, &err));
    cmp_unit(CTX("index of the lowest answers", 0.0), "score", mo.r[2].score, 0);

    csat_grouped_free(acc);
    csat_grouped_free(mom);
}

/* ------------------------------------------------------------------------ */
/* Oddjob Airways survey by flight class                                     */

static void test_airline_survey_by_flight_class(void **state)
{
    (void)state;
    static const char *const classes[] = {"Business", "Economy", "First"};
    survey_csv t;
    assert_int_equal(survey_csv_load(&t, CSAT_AIRLINE_CSV), 0);
    const size_t n = t.n;
    assert_int_equal(n, 1065);
    double *nps = malloc(n * sizeof *nps), *sat = malloc(n * sizeof *sat);
    double *fx = malloc(n * sizeof *fx), *fy = malloc(n * sizeof *fy);
    int *cls = malloc(n * sizeof *cls);
    int32_t *g = malloc(n * sizeof *g);
    assert_true(nps && sat && fx && fy && cls && g);
    assert_int_equal(survey_csv_numbers(&t, "nps", nps, 1), 0);
    assert_int_equal(survey_csv_numbers(&t, "overall_sat", sat, 1), 0);
    assert_int_equal(survey_csv_codes(&t, "flight_class", classes, ARRAY_LEN(classes), cls), 0);
    survey_csv_free(&t);
    for (size_t i = 0; i < n; i++) {
        nps[i] -= 1.0; /* stored 1..11, the 0..10 scale + 1 */
        g[i] = cls[i];
        assert_true(g[i] >= 0);
    }
    csat_error err;
    nps_out a;
    share_out s;
    mean_out m, mt;
    nps_out_init(&a);
    share_out_init(&s);
    mean_out_init(&m);
    mean_out_init(&mt);
    const csat_csat_options co = {sizeof co, 1, 7, 6, 0.95};
    OK(csat_score_nps_grouped(nps, n, NULL, g, 3, NULL, NULL, a.r, a.flags, GMAX, &err));
    OK(csat_score_csat_grouped(sat, n, NULL, g, 3, &co, NULL, s.r, s.flags, GMAX, &err));
    OK(csat_score_mean_grouped(sat, n, NULL, g, 3, NULL, NULL, m.r, m.flags, GMAX, &err));
    csat_grouped *acc = NULL;
    OK(csat_grouped_create(3, 1, 7, &acc, &err));
    OK(csat_grouped_add(acc, sat, n, NULL, g, &err));
    OK(csat_grouped_mean(acc, NULL, NULL, mt.r, mt.flags, GMAX, &err));
    csat_grouped_free(acc);
    for (int32_t d = 0; d < 3; d++) {
        size_t k = 0;
        for (size_t i = 0; i < n; i++) {
            if (g[i] != d)
                continue;
            fx[k] = nps[i];
            fy[k] = sat[i];
            k++;
        }
        char name[64];
        snprintf(name, sizeof name, "airline %s", classes[d]);
        csat_nps_result un = CSAT_RESULT_INIT(csat_nps_result);
        csat_share_result us = CSAT_RESULT_INIT(csat_share_result);
        csat_mean_result um = CSAT_RESULT_INIT(csat_mean_result);
        OK(csat_score_nps(fx, k, NULL, NULL, &un, &err));
        nps_vs(CTX(name, FACTOR_TOL), 0.0, &a.r[d], &un, domain_factor(n, un.n));
        OK(csat_score_csat(fy, k, NULL, &co, &us, &err));
        share_vs(CTX(name, 0.0), &s.r[d], &us);
        OK(csat_score_mean(fy, k, NULL, NULL, &um, &err));
        mean_vs(CTX(name, FACTOR_TOL), 0.0, &m.r[d], &um, domain_factor(n, um.n));
        /* Summed per scale point: equal to the moments' mean to rounding. */
        mean_vs(CTX(name, 1e-12), 1e-12, &mt.r[d], &m.r[d], 1.0);
        int want = un.n < 30 ? CSAT_GROUP_SMALL : CSAT_GROUP_OK;
        assert_int_equal(a.flags[d], want);
        assert_int_equal(s.flags[d], want);
        assert_int_equal(m.flags[d], want);
    }
    free(nps);
    free(sat);
    free(fx);
    free(fy);
    free(cls);
    free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_nps_by_group_matches_r_survey),
        cmocka_unit_test(test_group_of_one_answer),
        cmocka_unit_test(test_nps_equals_ungrouped_nps_of_filtered_rows),
        cmocka_unit_test(test_shares_equal_ungrouped_shares_of_filtered_rows),
        cmocka_unit_test(test_means_equal_ungrouped_means_of_filtered_rows),
        cmocka_unit_test(test_ces_equals_ungrouped_ces_of_filtered_rows),
        cmocka_unit_test(test_index_equals_ungrouped_index_of_filtered_rows),
        cmocka_unit_test(test_distribution_equals_ungrouped_distribution_of_filtered_rows),
        cmocka_unit_test(test_complement_equals_scores_of_the_other_groups),
        cmocka_unit_test(test_empty_groups_are_flagged_not_errors),
        cmocka_unit_test(test_bad_input_leaves_outputs_untouched),
        cmocka_unit_test(test_airline_survey_by_flight_class),
        cmocka_unit_test(test_airline_groups_match_r_svyby),
    };
    return cmocka_run_group_tests(tests, make_data, NULL);
}
