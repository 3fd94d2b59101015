/*
 * Scores of a survey design (include/csat/design.h) against R's survey
 * package: svymean(~y, design, na.rm = TRUE) on the airline survey with
 * generated strata, nested clusters, weights, finite-population corrections
 * and a stratum of one PSU under each lonely-PSU rule. Every reference
 * value comes from tests/reference/make_design_reference.R
 * (tests/reference/design_reference.h), which also checks R's standard
 * errors against the linearisation written out by hand.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "check.h"
#include "design_reference.h"

/* R's numbers are sums over 1065 rows in another order: 1e-10 relative. */
#define TOL 1e-10
#define N DATA_DESIGN_N

typedef enum { SIMPLE, WEIGHTED, STRAT, CLUS, FPC, CLUS1, L_REMOVE, L_CERT, L_ADJUST, L_AVG, N_DESIGNS } design_id;

static const char *const DESIGN_NAME[N_DESIGNS] = {
    "SIMPLE", "WEIGHTED", "STRAT", "CLUS", "FPC", "CLUS1",
    "LONELY_REMOVE", "LONELY_CERTAINTY", "LONELY_ADJUST", "LONELY_AVERAGE",
};

static csat_design *make(design_id id)
{
    csat_design_options o = CSAT_DESIGN_OPTIONS_DEFAULT;
    const double *w = id == SIMPLE ? NULL : DATA_DESIGN_W;
    const int32_t *st = NULL, *cl = NULL;
    const double *fpc = NULL;
    switch (id) {
    case STRAT:
        st = DATA_DESIGN_STRATA;
        break;
    case FPC:
        fpc = DATA_DESIGN_FPC;
        /* fall through */
    case CLUS:
        st = DATA_DESIGN_STRATA;
        cl = DATA_DESIGN_CLUSTER;
        o.nest = 1;
        break;
    case CLUS1:
        cl = DATA_DESIGN_CLUSTER_GLOBAL;
        break;
    case L_REMOVE:
    case L_CERT:
    case L_ADJUST:
    case L_AVG:
        st = DATA_DESIGN_LONELY_STRATA;
        cl = DATA_DESIGN_LONELY_CLUSTER;
        o.nest = 1;
        o.lonely_psu = id == L_REMOVE ? CSAT_LONELY_REMOVE
                       : id == L_CERT ? CSAT_LONELY_CERTAINTY
                       : id == L_ADJUST ? CSAT_LONELY_ADJUST
                                        : CSAT_LONELY_AVERAGE;
        break;
    default:
        break;
    }
    csat_design *d = NULL;
    csat_error err;
    OK(csat_design_create(N, w, st, cl, fpc, &o, &d, &err));
    return d;
}

/* One reference row: a measure of a design. */
typedef struct ref {
    double est, se, lo, hi, neff;
} ref;

typedef struct design_ref {
    double degf, sumw;
    size_t psus, strata, lonely;
    ref nps, csat, bottom2, sat, sat_miss, ces, low_effort, age, index;
} design_ref;

#define REF_OF(D, M)                                                                               \
    { REF_DESIGN_##D##_##M##_EST, REF_DESIGN_##D##_##M##_SE, REF_DESIGN_##D##_##M##_LO,            \
      REF_DESIGN_##D##_##M##_HI, REF_DESIGN_##D##_##M##_NEFF }
#define DESIGN_REF(D)                                                                              \
    { REF_DESIGN_##D##_DEGF, REF_DESIGN_##D##_SUMW, REF_DESIGN_##D##_PSUS,                         \
      REF_DESIGN_##D##_STRATA, REF_DESIGN_##D##_LONELY, REF_OF(D, NPS), REF_OF(D, CSAT),         \
      REF_OF(D, BOTTOM2), REF_OF(D, SAT), REF_OF(D, SAT_MISS), REF_OF(D, CES),                    \
      REF_OF(D, LOW_EFFORT), REF_OF(D, AGE), REF_OF(D, INDEX) }

static design_ref refs[N_DESIGNS];

static void load_refs(void)
{
    const design_ref r[N_DESIGNS] = {
        DESIGN_REF(SIMPLE), DESIGN_REF(WEIGHTED), DESIGN_REF(STRAT), DESIGN_REF(CLUS),
        DESIGN_REF(FPC), DESIGN_REF(CLUS1), DESIGN_REF(LONELY_REMOVE),
        DESIGN_REF(LONELY_CERTAINTY), DESIGN_REF(LONELY_ADJUST), DESIGN_REF(LONELY_AVERAGE),
    };
    memcpy(refs, r, sizeof refs);
}

/* Estimates near 0 (an NPS of −18 points, a share of 0.05) are compared
 * relative to the scale of their SE's magnitude at worst. */
static void cmp_ref(const char *what, const char *design, double est, double se, double lo,
                    double hi, double neff, const ref *r)
{
    char name[96];
    snprintf(name, sizeof name, "%s %s", design, what);
    const cmp_ctx *c = CTX(name, TOL);
    cmp_scaled(c, "estimate", est, r->est, r->se);
    cmp_rel(c, "se", se, r->se);
    cmp_scaled(c, "ci_lower", lo, r->lo, r->se);
    cmp_scaled(c, "ci_upper", hi, r->hi, r->se);
    cmp_rel(c, "n_effective", neff, r->neff);
}

static void every_design_matches_svymean(void **state)
{
    (void)state;
    load_refs();
    csat_error err;
    const csat_csat_options csat7 = { sizeof csat7, 1, 7, 6, 0.95 };
    const csat_scale_options scale7 = { sizeof scale7, 1, 7, 0.95 };
    const csat_ces_options ces7 = { sizeof ces7, 1, 7, 5, 0.95 };
    for (int id = 0; id < N_DESIGNS; id++) {
        const design_ref *r = &refs[id];
        const char *dn = DESIGN_NAME[id];
        csat_design *d = make((design_id)id);
        csat_design_info info = CSAT_RESULT_INIT(csat_design_info);
        OK(csat_design_describe(d, &info, &err));
        const cmp_ctx *c = CTX(dn, 0);
        cmp_size(c, "psus", info.psus, r->psus);
        cmp_size(c, "strata", info.strata, r->strata);
        cmp_size(c, "lonely", info.lonely, r->lonely);
        cmp_rel(c, "df", info.df, r->degf);
        cmp_rel(CTX(dn, 1e-15), "sum_w", info.sum_w, r->sumw);
        cmp_size(c, "n", info.n, N);

        csat_nps_result nps = CSAT_RESULT_INIT(csat_nps_result);
        OK(csat_design_nps(d, DATA_DESIGN_NPS_X, NULL, &nps, &err));
        cmp_ref("NPS", dn, nps.score, nps.se, nps.ci_lower, nps.ci_upper, nps.n_effective, &r->nps);
        cmp_size(c, "NPS n", nps.n, REF_DESIGN_NPS_NVALID);

        csat_share_result sh = CSAT_RESULT_INIT(csat_share_result);
        OK(csat_design_csat(d, DATA_DESIGN_SAT_X, &csat7, &sh, &err));
        cmp_ref("CSAT", dn, sh.share, sh.se, sh.ci_lower, sh.ci_upper, sh.n_effective, &r->csat);
        OK(csat_design_bottom_box(d, DATA_DESIGN_SAT_X, 2, &scale7, &sh, &err));
        cmp_ref("bottom-2", dn, sh.share, sh.se, sh.ci_lower, sh.ci_upper, sh.n_effective,
                &r->bottom2);
        /* The same share named by its boxes. */
        csat_share_result bx = CSAT_RESULT_INIT(csat_share_result);
        OK(csat_design_box_share(d, DATA_DESIGN_SAT_X, 1, 2, &scale7, &bx, &err));
        cmp_rel(CTX(dn, 0), "box_share = bottom_box", bx.se, sh.se);

        csat_mean_result m = CSAT_RESULT_INIT(csat_mean_result);
        OK(csat_design_mean(d, DATA_DESIGN_SAT_X, NULL, &m, &err));
        cmp_ref("mean", dn, m.score, m.se, m.ci_lower, m.ci_upper, m.n_effective, &r->sat);
        cmp_rel(CTX(dn, 0), "mean df", m.df, r->degf);
        OK(csat_design_mean(d, DATA_DESIGN_SAT_MISS_X, NULL, &m, &err));
        cmp_ref("mean with missing answers", dn, m.score, m.se, m.ci_lower, m.ci_upper,
                m.n_effective, &r->sat_miss);
        cmp_size(c, "missing answers", m.n_missing, N - REF_DESIGN_SAT_MISS_NVALID);
        OK(csat_design_mean(d, DATA_DESIGN_AGE_X, NULL, &m, &err));
        cmp_ref("age", dn, m.score, m.se, m.ci_lower, m.ci_upper, m.n_effective, &r->age);

        csat_mean_result effort = CSAT_RESULT_INIT(csat_mean_result);
        csat_share_result low = CSAT_RESULT_INIT(csat_share_result);
        OK(csat_design_ces(d, DATA_DESIGN_CES_X, &ces7, &effort, &low, &err));
        cmp_ref("CES effort", dn, effort.score, effort.se, effort.ci_lower, effort.ci_upper,
                effort.n_effective, &r->ces);
        cmp_ref("CES low effort", dn, low.share, low.se, low.ci_lower, low.ci_upper,
                low.n_effective, &r->low_effort);

        OK(csat_design_index(d, DATA_DESIGN_INDEX_X, DATA_DESIGN_INDEX_K, DATA_DESIGN_INDEX_K,
                             DATA_DESIGN_INDEX_MIN, DATA_DESIGN_INDEX_MAX,
                             DATA_DESIGN_INDEX_WEIGHTS, NULL, &m, &err));
        cmp_ref("index", dn, m.score, m.se, m.ci_lower, m.ci_upper, m.n_effective, &r->index);
        csat_design_free(d);
    }
}

/* Nested cluster codes relabelled within strata are the same design as
 * globally unique codes: the same PSUs in the same order, bit for bit. */
static void nested_codes_equal_global_codes(void **state)
{
    (void)state;
    csat_error err;
    csat_design *nested = make(CLUS), *global = NULL;
    OK(csat_design_create(N, DATA_DESIGN_W, DATA_DESIGN_STRATA, DATA_DESIGN_CLUSTER_GLOBAL, NULL,
                          NULL, &global, &err));
    csat_nps_result a = CSAT_RESULT_INIT(csat_nps_result), b = a;
    OK(csat_design_nps(nested, DATA_DESIGN_NPS_X, NULL, &a, &err));
    OK(csat_design_nps(global, DATA_DESIGN_NPS_X, NULL, &b, &err));
    assert_memory_equal(&a, &b, sizeof a);
    int32_t ka[N], kb[N];
    OK(csat_design_psu_codes(nested, ka, N, &err));
    OK(csat_design_psu_codes(global, kb, N, &err));
    assert_memory_equal(ka, kb, sizeof ka);
    csat_design_free(nested);
    csat_design_free(global);
}

/* One stratum, one respondent per PSU, unit weights: the simple random
 * sample of score.h. NPS and mean SEs are the same linearisation (equal to
 * rounding); a share's SE is the linearised √(p(1 − p)/(n − 1)) where
 * score.h gives the binomial √(p(1 − p)/n), and its design effective n is
 * p(1 − p)/Var = n − 1. */
static void simple_design_is_todays_score(void **state)
{
    (void)state;
    csat_error err;
    csat_design *d = make(SIMPLE);
    csat_nps_result a = CSAT_RESULT_INIT(csat_nps_result), b = a;
    OK(csat_design_nps(d, DATA_DESIGN_NPS_X, NULL, &a, &err));
    OK(csat_score_nps(DATA_DESIGN_NPS_X, N, NULL, NULL, &b, &err));
    const cmp_ctx *c = CTX("simple NPS", 1e-13);
    cmp_rel(c, "score", a.score, b.score);
    cmp_rel(c, "se", a.se, b.se);
    cmp_rel(c, "ci_lower", a.ci_lower, b.ci_lower);
    cmp_size(c, "n", a.n, b.n);
    csat_mean_result ma = CSAT_RESULT_INIT(csat_mean_result), mb = ma;
    OK(csat_design_mean(d, DATA_DESIGN_SAT_X, NULL, &ma, &err));
    OK(csat_score_mean(DATA_DESIGN_SAT_X, N, NULL, NULL, &mb, &err));
    c = CTX("simple mean", 1e-13);
    cmp_rel(c, "score", ma.score, mb.score);
    cmp_rel(c, "se", ma.se, mb.se);
    cmp_rel(c, "sd", ma.sd, mb.sd);
    cmp_rel(c, "df", ma.df, mb.df);
    cmp_rel(c, "ci_upper", ma.ci_upper, mb.ci_upper);
    const csat_csat_options csat7 = { sizeof csat7, 1, 7, 6, 0.95 };
    csat_share_result sa = CSAT_RESULT_INIT(csat_share_result), sb = sa;
    OK(csat_design_csat(d, DATA_DESIGN_SAT_X, &csat7, &sa, &err));
    OK(csat_score_csat(DATA_DESIGN_SAT_X, N, NULL, &csat7, &sb, &err));
    c = CTX("simple CSAT", 1e-13);
    cmp_rel(c, "share", sa.share, sb.share);
    cmp_rel(c, "se", sa.se, sb.se * sqrt((double)N / (N - 1)));
    cmp_rel(c, "n_effective", sa.n_effective, N - 1.0);
    csat_design_free(d);
}

/* Shards keyed by PSU merge to the one-pass answer: the array function is
 * that accumulator and estimator, and per-PSU sums are additive, so a split
 * of the rows that cuts PSUs and strata in two gives the same bits for a
 * tally (integer counts; Σw of halves in a fixed order). */
static void shards_keyed_by_psu_merge_to_one_pass(void **state)
{
    (void)state;
    csat_error err;
    for (int id = STRAT; id <= CLUS; id++) {
        csat_design *d = make((design_id)id);
        csat_design_info info = CSAT_RESULT_INIT(csat_design_info);
        OK(csat_design_describe(d, &info, &err));
        size_t K = id == STRAT ? info.strata : info.psus;
        int32_t *key = malloc(N * sizeof *key);
        OK(csat_design_psu_codes(d, key, N, &err));
        csat_grouped *one = NULL, *a = NULL, *b = NULL;
        OK(csat_grouped_create(K, 0, 10, &one, &err));
        OK(csat_grouped_create(K, 0, 10, &a, &err));
        OK(csat_grouped_create(K, 0, 10, &b, &err));
        OK(csat_grouped_add(one, DATA_DESIGN_NPS_X, N, DATA_DESIGN_W, key, &err));
        const size_t cut = 517; /* inside a PSU and a stratum */
        OK(csat_grouped_add(a, DATA_DESIGN_NPS_X, cut, DATA_DESIGN_W, key, &err));
        OK(csat_grouped_add(b, DATA_DESIGN_NPS_X + cut, N - cut, DATA_DESIGN_W + cut, key + cut,
                            &err));
        /* Through bytes, as between machines. */
        size_t len = 0;
        OK(csat_grouped_serialize(b, NULL, 0, &len, &err));
        unsigned char *buf = malloc(len);
        OK(csat_grouped_serialize(b, buf, len, &len, &err));
        csat_grouped *b2 = NULL;
        OK(csat_grouped_deserialize(buf, len, &b2, &err));
        OK(csat_grouped_merge(a, b2, &err));
        csat_nps_result r1 = CSAT_RESULT_INIT(csat_nps_result), r2 = r1, r3 = r1;
        OK(csat_design_psu_nps(d, one, NULL, &r1, &err));
        OK(csat_design_psu_nps(d, a, NULL, &r2, &err));
        OK(csat_design_nps(d, DATA_DESIGN_NPS_X, NULL, &r3, &err));
        const cmp_ctx *c = CTX(DESIGN_NAME[id], 1e-14);
        cmp_rel(c, "score", r2.score, r1.score);
        cmp_rel(c, "se", r2.se, r1.se);
        assert_memory_equal(&r1, &r3, sizeof r1);
        csat_share_result s1 = CSAT_RESULT_INIT(csat_share_result);
        csat_mean_result m1 = CSAT_RESULT_INIT(csat_mean_result);
        const csat_scale_options s010 = { sizeof s010, 0, 10, 0.95 };
        OK(csat_design_psu_box_share(d, a, 9, 10, &s010, &s1, &err));
        OK(csat_design_psu_mean(d, a, NULL, &m1, &err));
        cmp_rel(c, "promoters", s1.share, r1.promoters);
        if (id == CLUS)
            cmp_rel(CTX("CLUS NPS", TOL), "se", r1.se, REF_DESIGN_CLUS_NPS_SE);
        free(buf);
        free(key);
        csat_grouped_free(one);
        csat_grouped_free(a);
        csat_grouped_free(b);
        csat_grouped_free(b2);
        csat_design_free(d);
    }
}

/* A design of PSUs (no rows) scores an accumulator keyed by PSU codes of
 * the caller's own, as shards would make them. */
static void design_of_psus_scores_accumulators(void **state)
{
    (void)state;
    csat_error err;
    csat_design *rows = make(CLUS);
    csat_design_info info = CSAT_RESULT_INIT(csat_design_info);
    OK(csat_design_describe(rows, &info, &err));
    int32_t *key = malloc(N * sizeof *key);
    OK(csat_design_psu_codes(rows, key, N, &err));
    /* Each PSU's stratum, from its rows. */
    int32_t *psu_stratum = malloc(info.psus * sizeof *psu_stratum);
    for (size_t i = 0; i < N; i++)
        psu_stratum[key[i]] = DATA_DESIGN_STRATA[i];
    csat_design *psus = NULL;
    OK(csat_design_create_psus(info.psus, psu_stratum, NULL, NULL, &psus, &err));
    csat_grouped *m = NULL;
    OK(csat_grouped_create_moments(info.psus, &m, &err));
    OK(csat_grouped_add(m, DATA_DESIGN_AGE_X, N, DATA_DESIGN_W, key, &err));
    csat_mean_result r = CSAT_RESULT_INIT(csat_mean_result);
    OK(csat_design_psu_mean(psus, m, NULL, &r, &err));
    const cmp_ctx *c = CTX("design of PSUs, age", TOL);
    cmp_rel(c, "estimate", r.score, REF_DESIGN_CLUS_AGE_EST);
    cmp_rel(c, "se", r.se, REF_DESIGN_CLUS_AGE_SE);
    cmp_rel(c, "df", r.df, REF_DESIGN_CLUS_DEGF);
    /* A design without rows has no array functions. */
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, r, csat_design_mean(psus, DATA_DESIGN_AGE_X, NULL, &r, &err));
    /* An accumulator of another number of groups is refused. */
    csat_grouped *wrong = NULL;
    OK(csat_grouped_create_moments(info.psus + 1, &wrong, &err));
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, r, csat_design_psu_mean(psus, wrong, NULL, &r, &err));
    csat_nps_result nr = CSAT_RESULT_INIT(csat_nps_result);
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, nr, csat_design_psu_nps(psus, m, NULL, &nr, &err));
    csat_grouped_free(wrong);
    csat_grouped_free(m);
    free(key);
    free(psu_stratum);
    csat_design_free(psus);
    csat_design_free(rows);
}

/* Bad designs: each a clear error naming the position. */
static void bad_designs_name_the_row(void **state)
{
    (void)state;
    csat_error err;
    csat_design *d = NULL;
    enum { M = 12 };
    double w[M];
    int32_t st[M], cl[M];
    double fpc[M];
    for (int i = 0; i < M; i++) {
        w[i] = 1 + i % 3;
        st[i] = i / 6;     /* two strata of six rows */
        cl[i] = i / 2 % 3; /* clusters 0, 1, 2 in each: nested codes */
        fpc[i] = 10;
    }
    csat_design_options nest = CSAT_DESIGN_OPTIONS_DEFAULT;
    nest.nest = 1;
    OK(csat_design_create(M, w, st, cl, fpc, &nest, &d, &err));
    csat_design_free(d);
    d = NULL;

    w[4] = NAN;
    EXPECT_FAIL_ROW(CSAT_ERR_WEIGHT, 4, d, csat_design_create(M, w, st, cl, NULL, &nest, &d, &err));
    w[4] = -1;
    EXPECT_FAIL_ROW(CSAT_ERR_WEIGHT, 4, d, csat_design_create(M, w, st, cl, NULL, &nest, &d, &err));
    w[4] = 1;
    /* Cluster 0 is in both strata: refused without nest, at its first row
     * in the second stratum. */
    EXPECT_FAIL_ROW(CSAT_ERR_ARGUMENT, 6, d, csat_design_create(M, w, st, cl, NULL, NULL, &d, &err));
    st[7] = -3;
    EXPECT_FAIL_ROW(CSAT_ERR_RANGE, 7, d, csat_design_create(M, w, st, cl, NULL, &nest, &d, &err));
    st[7] = 1;
    cl[9] = CSAT_GROUPS_MAX;
    EXPECT_FAIL_ROW(CSAT_ERR_RANGE, 9, d, csat_design_create(M, w, st, cl, NULL, &nest, &d, &err));
    cl[9] = 1;
    /* A lonely PSU: rows 10, 11 alone in stratum 2. */
    st[10] = st[11] = 2;
    EXPECT_FAIL_ROW(CSAT_ERR_ARGUMENT, 10,
                    d, csat_design_create(M, w, st, cl, NULL, &nest, &d, &err));
    csat_design_options rm = nest;
    rm.lonely_psu = CSAT_LONELY_REMOVE;
    OK(csat_design_create(M, w, st, cl, NULL, &rm, &d, &err));
    csat_design_free(d);
    d = NULL;
    st[10] = st[11] = 1;
    /* fpc: varying within a stratum, smaller than the PSUs sampled, mixed
     * fractions and sizes, not positive. */
    fpc[8] = 11;
    EXPECT_FAIL_ROW(CSAT_ERR_ARGUMENT, 8, d, csat_design_create(M, w, st, cl, fpc, &nest, &d, &err));
    for (int i = 0; i < M; i++)
        fpc[i] = 2;
    EXPECT_FAIL_ROW(CSAT_ERR_ARGUMENT, 0, d, csat_design_create(M, w, st, cl, fpc, &nest, &d, &err));
    for (int i = 0; i < M; i++)
        fpc[i] = i < 6 ? 0.5 : 12;
    EXPECT_FAIL_ROW(CSAT_ERR_ARGUMENT, 6, d, csat_design_create(M, w, st, cl, fpc, &nest, &d, &err));
    fpc[0] = NAN;
    EXPECT_FAIL_ROW(CSAT_ERR_ARGUMENT, 0, d, csat_design_create(M, w, st, cl, fpc, &nest, &d, &err));
    /* Options and sizes. */
    csat_design_options bad = CSAT_DESIGN_OPTIONS_DEFAULT;
    bad.lonely_psu = 9;
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, d, csat_design_create(M, w, st, cl, NULL, &bad, &d, &err));
    bad = nest;
    bad.size = 3;
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, d, csat_design_create(M, w, st, cl, NULL, &bad, &d, &err));
    EXPECT_FAIL(CSAT_ERR_EMPTY, d, csat_design_create(0, w, st, cl, NULL, &nest, &d, &err));
    EXPECT_NULL_ERROR(csat_design_create(M, w, st, cl, NULL, &nest, NULL, &err));
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, d, csat_design_create_psus(0, NULL, NULL, NULL, &d, &err));

    /* Scores: answers off the scale name their row; NULL arguments. */
    OK(csat_design_create(M, w, st, cl, NULL, &nest, &d, &err));
    double x[M];
    for (int i = 0; i < M; i++)
        x[i] = i % 11;
    x[5] = 11;
    csat_nps_result r = CSAT_RESULT_INIT(csat_nps_result);
    EXPECT_FAIL_ROW(CSAT_ERR_RANGE, 5, r, csat_design_nps(d, x, NULL, &r, &err));
    x[5] = 5;
    EXPECT_NULL_ERROR(csat_design_nps(NULL, x, NULL, &r, &err));
    EXPECT_NULL_ERROR(csat_design_nps(d, NULL, NULL, &r, &err));
    EXPECT_NULL_ERROR(csat_design_nps(d, x, NULL, NULL, &err));
    csat_nps_options no = CSAT_NPS_OPTIONS_DEFAULT;
    no.promoter_min = 5;
    no.detractor_max = 6;
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, r, csat_design_nps(d, x, &no, &r, &err));
    for (int i = 0; i < M; i++)
        x[i] = NAN;
    EXPECT_FAIL(CSAT_ERR_EMPTY, r, csat_design_nps(d, x, NULL, &r, &err));
    int32_t codes[M];
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, codes, csat_design_psu_codes(d, codes, M - 1, &err));
    csat_design_free(d);
    csat_design_free(NULL);
}

/* Weights of zero and a whole-stratum certainty sample (fpc = n_h). */
static void certainty_strata_and_zero_weights(void **state)
{
    (void)state;
    csat_error err;
    enum { M = 8 };
    const double x[M] = { 1, 2, 3, 4, 5, 6, 7, 8 };
    const int32_t st[M] = { 0, 0, 0, 0, 1, 1, 1, 1 };
    const int32_t cl[M] = { 0, 0, 1, 1, 2, 2, 3, 3 };
    /* Stratum 0 sampled whole: its 2 PSUs of 2 in the population. */
    const double fpc[M] = { 2, 2, 2, 2, 100, 100, 100, 100 };
    csat_design *d = NULL;
    OK(csat_design_create(M, NULL, st, cl, fpc, NULL, &d, &err));
    csat_mean_result r = CSAT_RESULT_INIT(csat_mean_result);
    OK(csat_design_mean(d, x, NULL, &r, &err));
    /* By hand: ȳ = 4.5, W = 8; stratum 0 contributes nothing; stratum 1:
     * PSU totals (5 + 6 − 9)/8 = 0.25 and (7 + 8 − 9)/8 = 0.75, mean 0.5,
     * Σ(z − z̄)² = 0.125, times (1 − 2/100)·2/1 = 1.96: Var = 0.245. */
    const cmp_ctx *c = CTX("certainty stratum", 1e-15);
    cmp_rel(c, "mean", r.score, 4.5);
    cmp_rel(c, "se", r.se, sqrt(0.245));
    cmp_rel(c, "df", r.df, 2);
    csat_design_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_design_matches_svymean),
        cmocka_unit_test(nested_codes_equal_global_codes),
        cmocka_unit_test(simple_design_is_todays_score),
        cmocka_unit_test(shards_keyed_by_psu_merge_to_one_pass),
        cmocka_unit_test(design_of_psus_scores_accumulators),
        cmocka_unit_test(bad_designs_name_the_row),
        cmocka_unit_test(certainty_strata_and_zero_weights),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
