/*
 * Key drivers of a survey design (csat_drivers_fit_design, include/csat/design.h)
 * against R's survey package: svyglm(overall_sat ~ s1 + ... + s5, design)
 * on the airline survey with generated strata, nested clusters and weights.
 * The coefficients, SEs, t, p and df of the designs CLUS, STRAT and SIMPLE
 * come from tests/reference/make_design_reference.R
 * (tests/reference/design_reference.h), which checks R's covariance against
 * the sandwich written out by hand.
 *
 * The R_* values beyond that header (R's t quantiles, the Wald F tests,
 * models without an intercept, finite-population corrections, a PSU
 * without a complete row, lonely PSUs) come from
 * tests/reference/make_design_drivers_reference.R
 * (tests/reference/design_drivers_reference.h), which says how R computed
 * each.
 *
 * Besides R the suite checks what the design must leave alone (the
 * coefficients, R² and importance are the weighted fit's, bit for bit),
 * that nested and global cluster codes are one design, the PSU bootstrap
 * (reproducible, different from the row bootstrap, and the row bootstrap
 * itself when every PSU is one complete row of a single stratum), and bad
 * input.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "check.h"
#include "design_drivers_reference.h"
#include "design_reference.h"

/* R's numbers are sums over 1065 rows in another order and by another
 * factorisation: 1e-10 relative. */
#define TOL 1e-10
#define N DATA_DESIGN_N
#define P DATA_DESIGN_DRIVERS_P
#define K (P + 1)

/* ------------------------------------------------------------------------ */
/* Designs and fits                                                          */

static const csat_drivers_options NO_INTERCEPT = { sizeof(csat_drivers_options), 0, 0.95 };

typedef enum { SIMPLE, STRAT, CLUS, CLUS_GLOBAL, FPC, LONELY_AVERAGE, LONELY_ADJUST } design_id;

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
    case CLUS_GLOBAL:
        st = DATA_DESIGN_STRATA;
        cl = DATA_DESIGN_CLUSTER_GLOBAL;
        break;
    case LONELY_AVERAGE:
    case LONELY_ADJUST:
        st = DATA_DESIGN_LONELY_STRATA;
        cl = DATA_DESIGN_LONELY_CLUSTER;
        o.nest = 1;
        o.lonely_psu = id == LONELY_AVERAGE ? CSAT_LONELY_AVERAGE : CSAT_LONELY_ADJUST;
        break;
    default:
        break;
    }
    csat_design *d = NULL;
    csat_error err;
    OK(csat_design_create(N, w, st, cl, fpc, &o, &d, &err));
    return d;
}

/* Everything a model reports, for comparisons. */
typedef struct fit_out {
    size_t k;
    csat_coefficient c[K];
    csat_model_summary s;
    csat_driver_info info[P];
} fit_out;

static void read_model(const csat_drivers *m, fit_out *f)
{
    csat_error err;
    memset(f, 0, sizeof *f);
    f->s = (csat_model_summary)CSAT_RESULT_INIT(csat_model_summary);
    OK(csat_drivers_summary(m, &f->s, &err));
    f->k = f->s.p + (size_t)f->s.intercept;
    for (size_t j = 0; j < f->k; j++) {
        f->c[j] = (csat_coefficient)CSAT_RESULT_INIT(csat_coefficient);
        OK(csat_drivers_coefficient(m, j, &f->c[j], &err));
    }
    for (size_t j = 0; j < f->s.p; j++) {
        f->info[j] = (csat_driver_info)CSAT_RESULT_INIT(csat_driver_info);
        OK(csat_drivers_driver(m, j, &f->info[j], &err));
    }
}

/* The airline drivers on a design, outcome y; the model, read into f. */
static csat_drivers *fit_design(const csat_design *d, const double *y,
                                const csat_drivers_options *opt, fit_out *f)
{
    csat_error err;
    csat_drivers *m = NULL;
    OK(csat_drivers_fit_design(DATA_DESIGN_DRIVERS_X, P, P, y, d, opt, &m, &err));
    read_model(m, f);
    return m;
}

/* overall_sat, NaN on the rows where `drop` holds. */
static void outcome_without(double *y, int (*drop)(size_t))
{
    for (size_t i = 0; i < N; i++)
        y[i] = drop(i) ? NAN : DATA_DESIGN_SAT_X[i];
}

static int in_hole(size_t i)
{
    return DATA_DESIGN_STRATA[i] == 2 && DATA_DESIGN_CLUSTER[i] == 3;
}

static int lonely_row(size_t i)
{
    return i % 100 == 17;
}

/* ------------------------------------------------------------------------ */
/* Against R                                                                 */

/* One svyglm: coefficients, SEs, t, p, df, R's qt(0.975, df), regTermTest's F. */
typedef struct glm_ref {
    const char *name;
    size_t k;
    const double *coef, *se, *t, *p;
    double df, tq, f, f_p;
} glm_ref;

#define GLM_HEADER(D)                                                                              \
    { #D, K, REF_DESIGN_##D##_GLM_COEF, REF_DESIGN_##D##_GLM_SE, REF_DESIGN_##D##_GLM_T,          \
      REF_DESIGN_##D##_GLM_P, REF_DESIGN_##D##_GLM_DF, R_##D##_TQ, R_##D##_F, R_##D##_F_P }
#define GLM_R(D, k)                                                                                \
    { #D, (k), R_##D##_COEF, R_##D##_SE, R_##D##_T, R_##D##_P, R_##D##_DF, R_##D##_TQ, R_##D##_F,  \
      R_##D##_F_P }

/* The largest relative differences from R over the cases of a test. */
static double worst_coef, worst_se, worst_t, worst_p, worst_ci, worst_f;

static void report_worst(void)
{
    print_message("largest relative difference from R: coef %.2g, se %.2g, t %.2g, p %.2g, "
                  "interval %.2g, F %.2g\n",
                  worst_coef, worst_se, worst_t, worst_p, worst_ci, worst_f);
    worst_coef = worst_se = worst_t = worst_p = worst_ci = worst_f = 0;
}

static void track(double *worst, double got, double want)
{
    double r = got == want ? 0 : fabs(got - want) / fabs(want);
    if (r > *worst)
        *worst = r;
}

static void cmp_glm(const fit_out *f, const glm_ref *r)
{
    const cmp_ctx *c = CTX(r->name, TOL);
    char field[32];
    cmp_size(c, "coefficients", f->k, r->k);
    cmp_rel(EXACT_OF(c), "df_resid", f->s.df_resid, r->df);
    cmp_rel(EXACT_OF(c), "df_model", f->s.df_model, P);
    for (size_t j = 0; j < r->k; j++) {
        const csat_coefficient *g = &f->c[j];
        snprintf(field, sizeof field, "coef[%zu]", j);
        cmp_rel(c, field, g->estimate, r->coef[j]);
        snprintf(field, sizeof field, "se[%zu]", j);
        cmp_rel(c, field, g->se, r->se[j]);
        snprintf(field, sizeof field, "t[%zu]", j);
        cmp_rel(c, field, g->t, r->t[j]);
        snprintf(field, sizeof field, "p[%zu]", j);
        cmp_rel(c, field, g->p, r->p[j]);
        /* The t interval on the design's df, at the scale of the SE. */
        snprintf(field, sizeof field, "ci_lower[%zu]", j);
        cmp_scaled(c, field, g->ci_lower, r->coef[j] - r->tq * r->se[j], r->se[j]);
        snprintf(field, sizeof field, "ci_upper[%zu]", j);
        cmp_scaled(c, field, g->ci_upper, r->coef[j] + r->tq * r->se[j], r->se[j]);
        track(&worst_coef, g->estimate, r->coef[j]);
        track(&worst_se, g->se, r->se[j]);
        track(&worst_t, g->t, r->t[j]);
        track(&worst_p, g->p, r->p[j]);
        track(&worst_ci, (g->ci_upper - g->ci_lower) / 2, r->tq * r->se[j]);
    }
    /* R's pf underflows to 0 where the F is in the thousands. */
    cmp_rel(c, "F", f->s.f, r->f);
    cmp_rel(c, "F p", f->s.f_p, r->f_p);
    track(&worst_f, f->s.f, r->f);
    if (r->f_p > 0)
        track(&worst_p, f->s.f_p, r->f_p);
}

static void glm_matches_svyglm(void **state)
{
    (void)state;
    const glm_ref with[] = { GLM_HEADER(SIMPLE), GLM_HEADER(STRAT), GLM_HEADER(CLUS),
                             GLM_R(FPC, K),      GLM_R(AVERAGE, K),  GLM_R(ADJUST, K) };
    const design_id with_id[] = { SIMPLE, STRAT, CLUS, FPC, LONELY_AVERAGE, LONELY_ADJUST };
    for (size_t i = 0; i < ARRAY_LEN(with); i++) {
        csat_design *d = make(with_id[i]);
        fit_out f;
        csat_drivers_free(fit_design(d, DATA_DESIGN_SAT_X, NULL, &f));
        cmp_glm(&f, &with[i]);
        cmp_size(CTX(with[i].name, 0), "n", f.s.n, REF_DESIGN_GLM_NROWS);
        cmp_size(CTX(with[i].name, 0), "n_missing", f.s.n_missing, N - REF_DESIGN_GLM_NROWS);
        csat_design_free(d);
    }
    const glm_ref without[] = { GLM_R(SIMPLE_NOINT, P), GLM_R(STRAT_NOINT, P),
                                GLM_R(CLUS_NOINT, P) };
    const design_id without_id[] = { SIMPLE, STRAT, CLUS };
    for (size_t i = 0; i < ARRAY_LEN(without); i++) {
        csat_design *d = make(without_id[i]);
        fit_out f;
        csat_drivers_free(fit_design(d, DATA_DESIGN_SAT_X, &NO_INTERCEPT, &f));
        cmp_glm(&f, &without[i]);
        csat_design_free(d);
    }
    report_worst();
}

/* A missing outcome drops its row; its PSU still counts in the variance
 * (with a zero total when none of its rows is complete), as in R, and
 * leaves the df when it holds no complete row. */
static void missing_rows_keep_their_psus(void **state)
{
    (void)state;
    double y[N];
    outcome_without(y, in_hole);
    csat_design *d = make(CLUS);
    fit_out f;
    csat_drivers_free(fit_design(d, y, NULL, &f));
    const glm_ref hole = GLM_R(HOLE, K);
    cmp_glm(&f, &hole);
    size_t holes = 0, incomplete = 0;
    for (size_t i = 0; i < N; i++) {
        int miss = isnan(y[i]);
        for (size_t j = 0; j < P; j++)
            miss |= isnan(DATA_DESIGN_DRIVERS_X[i * P + j]);
        incomplete += (size_t)miss;
        holes += (size_t)in_hole(i);
    }
    assert_true(holes > 0);
    cmp_size(CTX("hole", 0), "n_missing", f.s.n_missing, incomplete);
    csat_design_free(d);
    /* A lonely stratum without a complete row is no stratum of the
     * estimate: "average" scales by 8/8, not 9/8 (R's onestage counts the
     * strata of the rows kept). */
    outcome_without(y, lonely_row);
    d = make(LONELY_AVERAGE);
    csat_drivers_free(fit_design(d, y, NULL, &f));
    const glm_ref absent = GLM_R(AVERAGE_ABSENT, K);
    cmp_glm(&f, &absent);
    csat_design_free(d);
    report_worst();
}

/* ------------------------------------------------------------------------ */
/* What the design leaves alone                                              */

static void same_fit(const char *name, const csat_drivers *a, const csat_drivers *b,
                     int same_inference)
{
    fit_out fa, fb;
    read_model(a, &fa);
    read_model(b, &fb);
    const cmp_ctx *c = CTX(name, 0);
    char field[32];
    cmp_size(c, "k", fa.k, fb.k);
    for (size_t j = 0; j < fa.k; j++) {
        snprintf(field, sizeof field, "coef[%zu]", j);
        cmp_rel(c, field, fa.c[j].estimate, fb.c[j].estimate);
    }
    cmp_rel(c, "r2", fa.s.r2, fb.s.r2);
    cmp_rel(c, "adj_r2", fa.s.adj_r2, fb.s.adj_r2);
    cmp_rel(c, "sigma", fa.s.sigma, fb.s.sigma);
    cmp_rel(c, "condition", fa.s.condition, fb.s.condition);
    cmp_rel(c, "n_weighted", fa.s.n_weighted, fb.s.n_weighted);
    cmp_rel(c, "n_effective", fa.s.n_effective, fb.s.n_effective);
    cmp_size(c, "n", fa.s.n, fb.s.n);
    cmp_size(c, "n_missing", fa.s.n_missing, fb.s.n_missing);
    assert_memory_equal(fa.info, fb.info, sizeof fa.info);
    if (same_inference) {
        assert_memory_equal(fa.c, fb.c, sizeof fa.c);
        assert_memory_equal(&fa.s, &fb.s, sizeof fa.s);
    }
}

/* The coefficients, R², the drivers' statistics and every importance
 * measure are those of csat_drivers_fit with the design's weights, bit for
 * bit: only the inference changes. */
static void coefficients_are_the_weighted_fit(void **state)
{
    (void)state;
    csat_error err;
    const design_id ids[] = { SIMPLE, STRAT, CLUS };
    for (size_t i = 0; i < ARRAY_LEN(ids); i++) {
        csat_design *d = make(ids[i]);
        const double *w = ids[i] == SIMPLE ? NULL : DATA_DESIGN_W;
        for (int icpt = 1; icpt >= 0; icpt--) {
            const csat_drivers_options *opt = icpt ? NULL : &NO_INTERCEPT;
            csat_drivers *md = NULL, *mw = NULL;
            OK(csat_drivers_fit_design(DATA_DESIGN_DRIVERS_X, P, P, DATA_DESIGN_SAT_X, d, opt,
                                       &md, &err));
            OK(csat_drivers_fit(DATA_DESIGN_DRIVERS_X, N, P, P, DATA_DESIGN_SAT_X, w, opt, &mw,
                                &err));
            same_fit(icpt ? "designed vs weighted" : "designed vs weighted, no intercept", md, mw,
                     0);
            const csat_importance_method methods[] = {
                CSAT_IMPORTANCE_FIRST, CSAT_IMPORTANCE_LAST,  CSAT_IMPORTANCE_BETA2,
                CSAT_IMPORTANCE_PRATT, CSAT_IMPORTANCE_LMG,   CSAT_IMPORTANCE_RELATIVE_WEIGHTS,
            };
            for (size_t k = 0; k < ARRAY_LEN(methods); k++) {
                double a[P], b[P];
                csat_status sa = csat_drivers_importance(md, methods[k], NULL, a, NULL, &err);
                csat_status sb = csat_drivers_importance(mw, methods[k], NULL, b, NULL, &err);
                assert_int_equal(sa, sb);
                if (sa == CSAT_OK)
                    assert_memory_equal(a, b, sizeof a);
            }
            if (icpt) {
                double ga[P], gb[P];
                OK(csat_drivers_dominance(md, NULL, ga, NULL, NULL, &err));
                OK(csat_drivers_dominance(mw, NULL, gb, NULL, NULL, &err));
                assert_memory_equal(ga, gb, sizeof ga);
            }
            csat_drivers_free(md);
            csat_drivers_free(mw);
        }
        csat_design_free(d);
    }
    /* And R's lm with weights. */
    csat_design *d = make(CLUS);
    fit_out f;
    csat_drivers_free(fit_design(d, DATA_DESIGN_SAT_X, NULL, &f));
    for (size_t j = 0; j < K; j++)
        cmp_rel(CTX("lm(weights = w)", TOL), "coef", f.c[j].estimate, REF_DESIGN_LM_W_COEF[j]);
    csat_design_free(d);
}

/* Cluster codes nested within strata (nest = 1) and globally unique codes
 * are one design: the same model, bit for bit. */
static void nested_codes_equal_global_codes(void **state)
{
    (void)state;
    csat_design *nested = make(CLUS), *global = make(CLUS_GLOBAL);
    csat_drivers *a = fit_design(nested, DATA_DESIGN_SAT_X, NULL, &(fit_out){ 0 });
    csat_drivers *b = fit_design(global, DATA_DESIGN_SAT_X, NULL, &(fit_out){ 0 });
    same_fit("nested vs global codes", a, b, 1);
    csat_error err;
    csat_bootstrap_options o = CSAT_BOOTSTRAP_OPTIONS_DEFAULT;
    o.reps = 200;
    double la[P], ha[P], lb[P], hb[P];
    OK(csat_drivers_bootstrap(a, CSAT_IMPORTANCE_LMG, &o, la, ha, NULL, &err));
    OK(csat_drivers_bootstrap(b, CSAT_IMPORTANCE_LMG, &o, lb, hb, NULL, &err));
    assert_memory_equal(la, lb, sizeof la);
    assert_memory_equal(ha, hb, sizeof ha);
    csat_drivers_free(a);
    csat_drivers_free(b);
    csat_design_free(nested);
    csat_design_free(global);
}

/* The model outlives its design: the bootstrap reads its own copy. */
static void model_outlives_its_design(void **state)
{
    (void)state;
    csat_error err;
    csat_bootstrap_options o = CSAT_BOOTSTRAP_OPTIONS_DEFAULT;
    o.reps = 100;
    double l1[P], h1[P], l2[P], h2[P];
    csat_design *d = make(CLUS);
    csat_drivers *kept = fit_design(d, DATA_DESIGN_SAT_X, NULL, &(fit_out){ 0 });
    OK(csat_drivers_bootstrap(kept, CSAT_IMPORTANCE_PRATT, &o, l1, h1, NULL, &err));
    csat_design_free(d);
    OK(csat_drivers_bootstrap(kept, CSAT_IMPORTANCE_PRATT, &o, l2, h2, NULL, &err));
    assert_memory_equal(l1, l2, sizeof l1);
    assert_memory_equal(h1, h2, sizeof h1);
    csat_drivers_free(kept);
}

/* ------------------------------------------------------------------------ */
/* The bootstrap of a design                                                 */

/* Resampling PSUs within strata: reproducible for a seed, different for
 * another seed and from the row bootstrap of the weighted fit, and the
 * intervals hold the point estimate for a measure well inside its range. */
static void bootstrap_resamples_psus(void **state)
{
    (void)state;
    csat_error err;
    csat_bootstrap_options o = CSAT_BOOTSTRAP_OPTIONS_DEFAULT;
    o.reps = 300;
    o.seed = 20240611;
    const design_id ids[] = { CLUS, STRAT, SIMPLE, LONELY_AVERAGE };
    for (size_t i = 0; i < ARRAY_LEN(ids); i++) {
        csat_design *d = make(ids[i]);
        csat_drivers *md = fit_design(d, DATA_DESIGN_SAT_X, NULL, &(fit_out){ 0 });
        csat_drivers *mw = NULL;
        OK(csat_drivers_fit(DATA_DESIGN_DRIVERS_X, N, P, P, DATA_DESIGN_SAT_X,
                            ids[i] == SIMPLE ? NULL : DATA_DESIGN_W, NULL, &mw, &err));
        double lo[P], hi[P], lo2[P], hi2[P], rlo[P], rhi[P], est[P];
        size_t failed = 777;
        OK(csat_drivers_bootstrap(md, CSAT_IMPORTANCE_RELATIVE_WEIGHTS, &o, lo, hi, &failed,
                                  &err));
        assert_int_equal(failed, 0);
        OK(csat_drivers_bootstrap(md, CSAT_IMPORTANCE_RELATIVE_WEIGHTS, &o, lo2, hi2, NULL,
                                  &err));
        assert_memory_equal(lo, lo2, sizeof lo);
        assert_memory_equal(hi, hi2, sizeof hi);
        OK(csat_drivers_bootstrap(mw, CSAT_IMPORTANCE_RELATIVE_WEIGHTS, &o, rlo, rhi, NULL,
                                  &err));
        assert_memory_not_equal(lo, rlo, sizeof lo);
        assert_memory_not_equal(hi, rhi, sizeof hi);
        o.seed++;
        OK(csat_drivers_bootstrap(md, CSAT_IMPORTANCE_RELATIVE_WEIGHTS, &o, lo2, hi2, NULL,
                                  &err));
        o.seed--;
        assert_memory_not_equal(lo, lo2, sizeof lo);
        OK(csat_drivers_importance(md, CSAT_IMPORTANCE_RELATIVE_WEIGHTS, NULL, est, NULL, &err));
        for (size_t j = 0; j < P; j++) {
            assert_true(lo[j] <= hi[j]);
            assert_true(lo[j] <= est[j] && est[j] <= hi[j]);
        }
        csat_drivers_free(md);
        csat_drivers_free(mw);
        csat_design_free(d);
    }
}

/* With the whole sample clustered in a handful of PSUs the replicates
 * vary far more than rows drawn one at a time: the PSU bootstrap sees the
 * clustering. Four PSUs of 235 rows each in one stratum, whose rows share
 * a PSU effect in the outcome. */
static void bootstrap_sees_the_clusters(void **state)
{
    (void)state;
    csat_error err;
    enum { M = 940 };
    double *x = malloc(M * P * sizeof *x), y[M];
    int32_t cl[M];
    assert_non_null(x);
    size_t t = 0;
    for (size_t i = 0; i < N && t < M; i++) {
        int miss = 0;
        for (size_t j = 0; j < P; j++)
            miss |= isnan(DATA_DESIGN_DRIVERS_X[i * P + j]);
        if (miss)
            continue;
        memcpy(x + t * P, DATA_DESIGN_DRIVERS_X + i * P, P * sizeof *x);
        cl[t] = (int32_t)(t * 4 / M);
        /* A PSU effect along the first driver's slope. */
        y[t] = DATA_DESIGN_SAT_X[i] + 0.02 * (double)cl[t] * x[t * P];
        t++;
    }
    assert_int_equal(t, M);
    csat_design *d = NULL, *rows = NULL;
    OK(csat_design_create(M, NULL, NULL, cl, NULL, NULL, &d, &err));
    OK(csat_design_create(M, NULL, NULL, NULL, NULL, NULL, &rows, &err));
    csat_drivers *md = NULL, *mr = NULL;
    OK(csat_drivers_fit_design(x, 1, P, y, rows, NULL, &mr, &err));
    /* One driver and the intercept need 4 PSUs − 1 stratum ≥ 2. */
    OK(csat_drivers_fit_design(x, 1, P, y, d, NULL, &md, &err));
    csat_bootstrap_options o = CSAT_BOOTSTRAP_OPTIONS_DEFAULT;
    o.reps = 400;
    double lc[1], hc[1], lr[1], hr[1];
    OK(csat_drivers_bootstrap(md, CSAT_IMPORTANCE_FIRST, &o, lc, hc, NULL, &err));
    OK(csat_drivers_bootstrap(mr, CSAT_IMPORTANCE_FIRST, &o, lr, hr, NULL, &err));
    /* About 0.52 against 0.09 wide. */
    assert_true(hc[0] - lc[0] > 3 * (hr[0] - lr[0]));
    csat_drivers_free(md);
    csat_drivers_free(mr);
    csat_design_free(d);
    csat_design_free(rows);
    free(x);
}

/* A design whose PSUs are complete rows of one stratum draws, replicate by
 * replicate, the rows the row bootstrap draws (the same generator, n draws
 * below n): the same intervals, up to the order of the sums. */
static void row_design_is_the_row_bootstrap(void **state)
{
    (void)state;
    csat_error err;
    enum { M = REF_DESIGN_GLM_NROWS };
    double *x = malloc(M * P * sizeof *x), y[M], w[M];
    assert_non_null(x);
    size_t t = 0;
    for (size_t i = 0; i < N; i++) {
        int miss = 0;
        for (size_t j = 0; j < P; j++)
            miss |= isnan(DATA_DESIGN_DRIVERS_X[i * P + j]);
        if (miss)
            continue;
        memcpy(x + t * P, DATA_DESIGN_DRIVERS_X + i * P, P * sizeof *x);
        y[t] = DATA_DESIGN_SAT_X[i];
        w[t++] = DATA_DESIGN_W[i];
    }
    assert_int_equal(t, M);
    csat_design *d = NULL;
    OK(csat_design_create(M, w, NULL, NULL, NULL, NULL, &d, &err));
    csat_drivers *md = NULL, *mw = NULL;
    OK(csat_drivers_fit_design(x, P, P, y, d, NULL, &md, &err));
    OK(csat_drivers_fit(x, M, P, P, y, w, NULL, &mw, &err));
    csat_bootstrap_options o = CSAT_BOOTSTRAP_OPTIONS_DEFAULT;
    o.reps = 200;
    double la[P], ha[P], lb[P], hb[P];
    OK(csat_drivers_bootstrap(md, CSAT_IMPORTANCE_LMG, &o, la, ha, NULL, &err));
    OK(csat_drivers_bootstrap(mw, CSAT_IMPORTANCE_LMG, &o, lb, hb, NULL, &err));
    for (size_t j = 0; j < P; j++) {
        cmp_scaled(CTX("row design bootstrap", 1e-10), "lower", la[j], lb[j], 0.01);
        cmp_scaled(CTX("row design bootstrap", 1e-10), "upper", ha[j], hb[j], 0.01);
    }
    csat_drivers_free(md);
    csat_drivers_free(mw);
    csat_design_free(d);
    free(x);
}

/* ------------------------------------------------------------------------ */
/* Bad input                                                                 */

static void bad_input(void **state)
{
    (void)state;
    csat_error err;
    csat_drivers *m = NULL;
    csat_design *d = make(CLUS);
    const double *x = DATA_DESIGN_DRIVERS_X, *y = DATA_DESIGN_SAT_X;
    EXPECT_NULL_ERROR(csat_drivers_fit_design(x, P, P, y, NULL, NULL, &m, &err));
    EXPECT_NULL_ERROR(csat_drivers_fit_design(NULL, P, P, y, d, NULL, &m, &err));
    EXPECT_NULL_ERROR(csat_drivers_fit_design(x, P, P, NULL, d, NULL, &m, &err));
    EXPECT_NULL_ERROR(csat_drivers_fit_design(x, P, P, y, d, NULL, NULL, &err));
    /* A design of PSUs has no rows to fit. */
    csat_design *psus = NULL;
    OK(csat_design_create_psus(4, NULL, NULL, NULL, &psus, &err));
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, m, csat_drivers_fit_design(x, P, P, y, psus, NULL, &m, &err));
    csat_design_free(psus);
    /* The fit's own checks. */
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, m, csat_drivers_fit_design(x, 0, P, y, d, NULL, &m, &err));
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, m, csat_drivers_fit_design(x, P, P - 1, y, d, NULL, &m, &err));
    const csat_drivers_options bad = { sizeof bad, 2, 0.95 };
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, m, csat_drivers_fit_design(x, P, P, y, d, &bad, &m, &err));
    double yi[N];
    memcpy(yi, y, sizeof yi);
    yi[11] = INFINITY;
    /* The outcome is column p of an error. */
    EXPECT_FAIL_AT(CSAT_ERR_RANGE, 11, P, m,
                   csat_drivers_fit_design(x, P, P, yi, d, NULL, &m, &err));
    csat_design_free(d);
    /* Too few PSUs: 2 PSUs in 1 stratum leave 1 + 1 − 4 df for 3 drivers. */
    enum { M = 40 };
    int32_t cl[M];
    for (size_t i = 0; i < M; i++)
        cl[i] = (int32_t)(i % 2);
    OK(csat_design_create(M, NULL, NULL, cl, NULL, NULL, &d, &err));
    EXPECT_FAIL(CSAT_ERR_TOO_FEW, m, csat_drivers_fit_design(x, 3, P, y, d, NULL, &m, &err));
    csat_design_free(d);
    /* The boundary: k + 1 PSUs in one stratum leave 1 df; k leave none. */
    for (size_t i = 0; i < M; i++)
        cl[i] = (int32_t)(i % 5);
    OK(csat_design_create(M, NULL, NULL, cl, NULL, NULL, &d, &err));
    OK(csat_drivers_fit_design(x, 3, P, y, d, NULL, &m, &err));
    csat_model_summary s = CSAT_RESULT_INIT(csat_model_summary);
    OK(csat_drivers_summary(m, &s, &err));
    cmp_rel(CTX("boundary", 0), "df_resid", s.df_resid, 1);
    csat_drivers_free(m);
    m = NULL;
    csat_design_free(d);
    for (size_t i = 0; i < M; i++)
        cl[i] = (int32_t)(i % 4);
    OK(csat_design_create(M, NULL, NULL, cl, NULL, NULL, &d, &err));
    EXPECT_FAIL(CSAT_ERR_TOO_FEW, m, csat_drivers_fit_design(x, 3, P, y, d, NULL, &m, &err));
    /* A PSU whose rows are all incomplete or of weight 0 is not counted. */
    csat_design_free(d);
    for (size_t i = 0; i < M; i++)
        cl[i] = (int32_t)(i % 5);
    double w[M];
    for (size_t i = 0; i < M; i++)
        w[i] = cl[i] == 4 ? 0.0 : 1.0;
    OK(csat_design_create(M, w, NULL, cl, NULL, NULL, &d, &err));
    EXPECT_FAIL(CSAT_ERR_TOO_FEW, m, csat_drivers_fit_design(x, 3, P, y, d, NULL, &m, &err));
    csat_design_free(d);
    OK(csat_design_create(M, NULL, NULL, cl, NULL, NULL, &d, &err));
    for (size_t i = 0; i < M; i++)
        yi[i] = cl[i] == 4 ? NAN : y[i];
    EXPECT_FAIL(CSAT_ERR_TOO_FEW, m, csat_drivers_fit_design(x, 3, P, yi, d, NULL, &m, &err));
    csat_design_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(glm_matches_svyglm),
        cmocka_unit_test(missing_rows_keep_their_psus),
        cmocka_unit_test(coefficients_are_the_weighted_fit),
        cmocka_unit_test(nested_codes_equal_global_codes),
        cmocka_unit_test(model_outlives_its_design),
        cmocka_unit_test(bootstrap_resamples_psus),
        cmocka_unit_test(bootstrap_sees_the_clusters),
        cmocka_unit_test(row_design_is_the_row_bootstrap),
        cmocka_unit_test(bad_input),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
