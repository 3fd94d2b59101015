/* Prints a fixed set of scores of data.txt as hexadecimal floats, one
 * "name value" per line; test_crosslang.py compares them with the same
 * scores from Python and Lua, bit for bit. With a second file (drivers.txt:
 * four drivers, the outcome and a weight per line) it also prints a
 * key-driver model's statistics and importance. Comparisons and business
 * measures of the same answers follow the scores, then scores by group
 * (each group and the rest of it), comparisons of each group with the rest
 * and tracking tables of periods. */
#include <csat.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAXN 4096

static void out(const char *name, double v)
{
    printf("%s %a\n", name, v);
}

static void outs(const char *name, const double *v, size_t len)
{
    char key[64];
    for (size_t j = 0; j < len; j++) {
        snprintf(key, sizeof key, "%s%zu", name, j);
        out(key, v[j]);
    }
}

#define KD_P 4

static int drivers(const char *path)
{
    static double x[MAXN * KD_P], y[MAXN], w[MAXN];
    size_t n = 0;
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return 2;
    char line[256];
    while (fgets(line, sizeof line, f) && n < MAXN) {
        double *r = x + n * KD_P;
        if (line[0] == '#' || sscanf(line, "%lf %lf %lf %lf %lf %lf", &r[0], &r[1], &r[2], &r[3],
                                     &y[n], &w[n]) != 6)
            continue;
        n++;
    }
    fclose(f);

    csat_drivers *m = NULL;
    if (csat_drivers_fit(x, n, KD_P, KD_P, y, w, NULL, &m, NULL) != CSAT_OK)
        return 1;
    csat_model_summary s = CSAT_RESULT_INIT(csat_model_summary);
    if (csat_drivers_summary(m, &s, NULL) != CSAT_OK)
        return 1;
    out("kd.r2", s.r2), out("kd.adj_r2", s.adj_r2), out("kd.sigma", s.sigma), out("kd.f", s.f);
    out("kd.f_p", s.f_p), out("kd.condition", s.condition), out("kd.n_effective", s.n_effective);
    double v[KD_P + 1][6], info[5][KD_P];
    for (size_t j = 0; j <= KD_P; j++) {
        csat_coefficient c = CSAT_RESULT_INIT(csat_coefficient);
        if (csat_drivers_coefficient(m, j, &c, NULL) != CSAT_OK)
            return 1;
        v[j][0] = c.estimate, v[j][1] = c.se, v[j][2] = c.t, v[j][3] = c.p;
        v[j][4] = c.ci_lower, v[j][5] = c.ci_upper;
    }
    const char *tnames[6] = { "kd.coef", "kd.se", "kd.t", "kd.p", "kd.lo", "kd.hi" };
    for (size_t k = 0; k < 6; k++) {
        double col[KD_P + 1];
        for (size_t j = 0; j <= KD_P; j++)
            col[j] = v[j][k];
        outs(tnames[k], col, KD_P + 1);
    }
    for (size_t j = 0; j < KD_P; j++) {
        csat_driver_info d = CSAT_RESULT_INIT(csat_driver_info);
        if (csat_drivers_driver(m, j, &d, NULL) != CSAT_OK)
            return 1;
        info[0][j] = d.beta, info[1][j] = d.vif, info[2][j] = d.r, info[3][j] = d.mean;
        info[4][j] = d.sd;
    }
    outs("kd.beta", info[0], KD_P), outs("kd.vif", info[1], KD_P), outs("kd.r", info[2], KD_P);
    outs("kd.mean", info[3], KD_P), outs("kd.sd", info[4], KD_P);

    static const struct { csat_importance_method method; const char *name; } methods[] = {
        { CSAT_IMPORTANCE_FIRST, "kd.first" }, { CSAT_IMPORTANCE_LAST, "kd.last" },
        { CSAT_IMPORTANCE_BETA2, "kd.beta2" }, { CSAT_IMPORTANCE_PRATT, "kd.pratt" },
        { CSAT_IMPORTANCE_LMG, "kd.lmg" }, { CSAT_IMPORTANCE_RELATIVE_WEIGHTS, "kd.rw" },
    };
    double imp[KD_P], se[KD_P], lmg[KD_P];
    for (size_t k = 0; k < sizeof methods / sizeof methods[0]; k++) {
        if (csat_drivers_importance(m, methods[k].method, NULL, imp, se, NULL) != CSAT_OK)
            return 1;
        outs(methods[k].name, imp, KD_P);
        if (methods[k].method == CSAT_IMPORTANCE_LMG)
            memcpy(lmg, imp, sizeof lmg);
    }
    csat_importance_options mc = { .size = sizeof(csat_importance_options), .exact_max = 2,
                                   .permutations = 2000, .seed = 9 };
    if (csat_drivers_importance(m, CSAT_IMPORTANCE_LMG, &mc, imp, se, NULL) != CSAT_OK)
        return 1;
    outs("kd.mc", imp, KD_P), outs("kd.mc_se", se, KD_P);
    double cond[KD_P * KD_P], comp[KD_P * KD_P];
    if (csat_drivers_dominance(m, NULL, imp, cond, comp, NULL) != CSAT_OK)
        return 1;
    outs("kd.cond", cond, KD_P * KD_P), outs("kd.comp", comp, KD_P * KD_P);
    csat_bootstrap_options bo = { .size = sizeof(csat_bootstrap_options), .reps = 200,
                                  .level = 0.9, .seed = 3 };
    double lo[KD_P], hi[KD_P];
    if (csat_drivers_bootstrap(m, CSAT_IMPORTANCE_LMG, &bo, lo, hi, NULL, NULL) != CSAT_OK)
        return 1;
    outs("kd.boot_lo", lo, KD_P), outs("kd.boot_hi", hi, KD_P);
    csat_ipa_quadrant q[KD_P];
    double quad[KD_P];
    /* Both crosshairs at the means: the defaults (NaN). */
    const csat_ipa_options ipa = CSAT_IPA_OPTIONS_DEFAULT;
    if (csat_drivers_ipa(lmg, info[3], KD_P, &ipa, q, NULL) != CSAT_OK)
        return 1;
    for (size_t j = 0; j < KD_P; j++)
        quad[j] = (double)q[j];
    outs("kd.ipa", quad, KD_P);
    csat_drivers_free(m);

    /* The same model from an accumulator filled in two shards. */
    csat_xprod *a = NULL, *b = NULL;
    size_t half = n / 2;
    if (csat_xprod_create(KD_P, &a, NULL) != CSAT_OK || csat_xprod_create(KD_P, &b, NULL) != CSAT_OK)
        return 1;
    if (csat_xprod_add(a, x, half, KD_P, y, w, NULL) != CSAT_OK ||
        csat_xprod_add(b, x + half * KD_P, n - half, KD_P, y + half, w + half, NULL) != CSAT_OK ||
        csat_xprod_merge(a, b, NULL) != CSAT_OK)
        return 1;
    if (csat_drivers_fit_xprod(a, NULL, &m, NULL) != CSAT_OK)
        return 1;
    for (size_t j = 0; j <= KD_P; j++) {
        csat_coefficient c = CSAT_RESULT_INIT(csat_coefficient);
        if (csat_drivers_coefficient(m, j, &c, NULL) != CSAT_OK)
            return 1;
        v[j][0] = c.estimate;
    }
    double est[KD_P + 1];
    for (size_t j = 0; j <= KD_P; j++)
        est[j] = v[j][0];
    outs("kd.xprod_coef", est, KD_P + 1);
    if (csat_drivers_importance(m, CSAT_IMPORTANCE_LMG, NULL, imp, NULL, NULL) != CSAT_OK)
        return 1;
    outs("kd.xprod_lmg", imp, KD_P);
    csat_drivers_free(m);
    csat_xprod_free(a);
    csat_xprod_free(b);

    /* The model of a design of the rows: weights w, stratum i % 4, cluster
     * i / 10 numbered within strata. */
    static int32_t st[MAXN], cl[MAXN];
    for (size_t i = 0; i < n; i++)
        st[i] = (int32_t)(i % 4), cl[i] = (int32_t)(i / 10);
    const csat_design_options nest = { sizeof(csat_design_options), CSAT_LONELY_FAIL, 1 };
    csat_design *d = NULL;
    if (csat_design_create(n, w, st, cl, NULL, &nest, &d, NULL) != CSAT_OK ||
        csat_drivers_fit_design(x, KD_P, KD_P, y, d, NULL, &m, NULL) != CSAT_OK ||
        csat_drivers_summary(m, &s, NULL) != CSAT_OK)
        return 1;
    out("kd.design_df", s.df_resid);
    for (size_t k = 0; k < 2; k++) {
        double col[KD_P + 1];
        for (size_t j = 0; j <= KD_P; j++) {
            csat_coefficient c = CSAT_RESULT_INIT(csat_coefficient);
            if (csat_drivers_coefficient(m, j, &c, NULL) != CSAT_OK)
                return 1;
            col[j] = k == 0 ? c.estimate : c.se;
        }
        outs(k == 0 ? "kd.design_coef" : "kd.design_se", col, KD_P + 1);
    }
    csat_drivers_free(m);
    csat_design_free(d);
    return 0;
}

static void outc(const char *name, const csat_comparison *c)
{
    static const char *const f[] = { "diff", "se", "lo", "hi", "stat", "df", "p" };
    const double v[] = { c->diff, c->se, c->ci_lower, c->ci_upper, c->statistic, c->df, c->p };
    char key[64];
    for (size_t j = 0; j < sizeof v / sizeof v[0]; j++) {
        snprintf(key, sizeof key, "%s.%s", name, f[j]);
        out(key, v[j]);
    }
}

/* Comparison options at a confidence level (and Holm's adjustment). */
static csat_compare_options at_level(double level)
{
    csat_compare_options o = CSAT_COMPARE_OPTIONS_DEFAULT;
    o.level = level;
    return o;
}

/* Business options at a confidence level and rate scale. */
static csat_business_options business(double level, double per)
{
    csat_business_options o = CSAT_BUSINESS_OPTIONS_DEFAULT;
    o.level = level;
    o.per = per;
    return o;
}

/* Comparisons and business measures of the same answers and weights. */
static int compare_business(const double *x, const double *w, size_t n)
{
    static double e[MAXN * 2], pc[MAXN * 2], obs[MAXN], start[MAXN], end[MAXN];
    csat_nps_result a = CSAT_RESULT_INIT(csat_nps_result);
    csat_nps_result b = CSAT_RESULT_INIT(csat_nps_result);
    csat_nps_result d = CSAT_RESULT_INIT(csat_nps_result);
    csat_share_result s1 = CSAT_RESULT_INIT(csat_share_result);
    csat_share_result s2 = CSAT_RESULT_INIT(csat_share_result);
    csat_mean_result m1 = CSAT_RESULT_INIT(csat_mean_result);
    csat_mean_result m2 = CSAT_RESULT_INIT(csat_mean_result);
    csat_comparison c = CSAT_RESULT_INIT(csat_comparison);
    csat_comparison ch[2] = { CSAT_RESULT_INIT(csat_comparison) };
    csat_comparison g[2] = { CSAT_RESULT_INIT(csat_comparison) };
    const csat_compare_options l90 = at_level(0.9), l95 = at_level(0.95), l99 = at_level(0.99);
    csat_csat_options co = { sizeof(csat_csat_options), 0, 10, 9, 0.9 };
    csat_scale_options so = { sizeof(csat_scale_options), 0, 10, 0.95 };
    double p[6], padj[6];
    size_t np = 0;
    if (csat_score_nps(x, n, NULL, NULL, &a, NULL) || csat_score_nps(x, n, w, NULL, &b, NULL) ||
        csat_score_csat(x, n, w, &co, &s1, NULL) ||
        csat_score_top_box(x, n, NULL, 2, &so, &s2, NULL) || csat_score_mean(x, n, w, NULL, &m1, NULL) ||
        csat_score_mean(x, n / 2, NULL, NULL, &m2, NULL))
        return 1;
    if (csat_compare_nps(&a, &b, &l95, &c, NULL))
        return 1;
    outc("cmp.nps", &c), p[np++] = c.p;
    if (csat_compare_nps_benchmark(&a, 20, &l90, &c, NULL))
        return 1;
    outc("cmp.npsb", &c), p[np++] = c.p;
    if (csat_compare_shares(&s1, &s2, &l95, &c, NULL))
        return 1;
    outc("cmp.share", &c), p[np++] = c.p;
    if (csat_compare_share_benchmark(&s2, 0.3, &l95, &c, NULL))
        return 1;
    outc("cmp.shareb", &c), p[np++] = c.p;
    if (csat_compare_means(&m1, &m2, &l95, &c, NULL))
        return 1;
    outc("cmp.mean", &c), p[np++] = c.p;
    if (csat_compare_mean_benchmark(&m1, 6.5, &l99, &c, NULL))
        return 1;
    outc("cmp.meanb", &c), p[np++] = c.p;
    static const struct { csat_adjust_method m; const char *name; } am[] = {
        { CSAT_ADJUST_HOLM, "adj.holm" }, { CSAT_ADJUST_BH, "adj.bh" },
        { CSAT_ADJUST_BONFERRONI, "adj.bonferroni" },
    };
    for (size_t k = 0; k < 3; k++) {
        csat_compare_options adj = CSAT_COMPARE_OPTIONS_DEFAULT;
        adj.adjust = am[k].m;
        if (csat_compare_adjust(p, np, &adj, padj, NULL))
            return 1;
        outs(am[k].name, padj, np);
    }

    /* A trend over three waves: the unweighted, weighted and first half's NPS. */
    if (csat_score_nps(x, n / 2, NULL, NULL, &d, NULL))
        return 1;
    double ys[3] = { a.score, b.score, d.score }, ses[3] = { a.se, b.se, d.se };
    double ts[3] = { 1, 2.5, 4 };
    csat_trend_result t = CSAT_RESULT_INIT(csat_trend_result);
    if (csat_compare_trend(ys, ses, ts, 3, &l90, &t, ch, NULL))
        return 1;
    out("trend.slope", t.slope), out("trend.se", t.se), out("trend.lo", t.ci_lower);
    out("trend.hi", t.ci_upper), out("trend.z", t.z), out("trend.p", t.p);
    out("trend.intercept", t.intercept);
    outc("trend.ch0", &ch[0]), outc("trend.ch1", &ch[1]);
    /* A trend of two shares: their proportions and SEs (one unit). */
    double yshare[2] = { s1.share, s2.share }, seshare[2] = { s1.se, s2.se };
    if (csat_compare_trend(yshare, seshare, NULL, 2, &l95, &t, ch, NULL))
        return 1;
    out("trend_share.slope", t.slope), out("trend_share.se", t.se);
    outc("trend_share.ch0", &ch[0]);

    csat_rank_result rk = CSAT_RESULT_INIT(csat_rank_result);
    if (csat_compare_rank(m1.score / 4, w, n, NULL, &rk, NULL))
        return 1;
    out("rank.percentile", rk.percentile), out("rank.rank", (double)rk.rank);
    out("rank.below", (double)rk.below), out("rank.equal", (double)rk.equal);

    /* Two attributes made from the answers (NaN: pairwise missing). */
    for (size_t i = 0; i < n; i++) {
        e[2 * i] = x[i], e[2 * i + 1] = x[(i + 7) % n];
        pc[2 * i] = x[(i + 3) % n], pc[2 * i + 1] = 3 * w[i];
    }
    size_t pairs[2];
    if (csat_compare_gap(e, pc, n, 2, 2, &l95, g, pairs, NULL))
        return 1;
    outc("gap0", &g[0]), outc("gap1", &g[1]);
    out("gap.pairs0", (double)pairs[0]), out("gap.pairs1", (double)pairs[1]);

    /* Lifetimes: the weights; churned: answers 7 or more (NaN: missing). */
    for (size_t i = 0; i < n; i++)
        obs[i] = isnan(x[i]) ? NAN : (x[i] >= 7 ? 1.0 : 0.0);
    csat_survival *sv = NULL;
    csat_curve_summary cs = CSAT_RESULT_INIT(csat_curve_summary);
    csat_survival_point pt = CSAT_RESULT_INIT(csat_survival_point);
    const csat_business_options km = business(0.95, 1);
    if (csat_survival_fit(w, obs, n, &km, &sv, NULL) || csat_survival_summary(sv, &cs, NULL))
        return 1;
    out("km.median", cs.median), out("km.median_lo", cs.median_lower);
    out("km.median_hi", cs.median_upper), out("km.steps", (double)cs.steps);
    size_t at[3] = { 0, cs.steps / 2, cs.steps - 1 };
    for (size_t k = 0; k < 3; k++) {
        char key[32];
        if (csat_survival_step(sv, at[k], &pt, NULL))
            return 1;
        snprintf(key, sizeof key, "km.s%zu", k), out(key, pt.survival);
        snprintf(key, sizeof key, "km.se%zu", k), out(key, pt.se);
        snprintf(key, sizeof key, "km.lo%zu", k), out(key, pt.ci_lower);
        snprintf(key, sizeof key, "km.hi%zu", k), out(key, pt.ci_upper);
    }
    if (csat_survival_at(sv, 2.0, &pt, NULL))
        return 1;
    out("km.at2", pt.survival), out("km.at2_se", pt.se);
    csat_survival_free(sv);

    csat_rate_result rr = CSAT_RESULT_INIT(csat_rate_result);
    const csat_business_options per1000 = business(0.9, 1000);
    if (csat_business_rate((double)rk.below, (double)n, &per1000, &rr, NULL))
        return 1;
    out("rate.rate", rr.rate), out("rate.lo", rr.ci_lower), out("rate.hi", rr.ci_upper);

    csat_category_count cat[16] = { CSAT_RESULT_INIT(csat_category_count) };
    size_t ncat = 0;
    csat_sample smp = CSAT_RESULT_INIT(csat_sample);
    if (csat_business_complaints(x, n, NULL, cat, 16, &ncat, &smp, NULL))
        return 1;
    out("pareto.categories", (double)ncat), out("pareto.n", (double)smp.n);
    for (size_t k = 0; k < 3; k++) {
        char key[32];
        snprintf(key, sizeof key, "pareto.code%zu", k), out(key, (double)cat[k].code);
        snprintf(key, sizeof key, "pareto.count%zu", k), out(key, (double)cat[k].count);
        snprintf(key, sizeof key, "pareto.share%zu", k), out(key, cat[k].share);
        snprintf(key, sizeof key, "pareto.cum%zu", k), out(key, cat[k].cum_share);
    }

    csat_resolution_result rs = CSAT_RESULT_INIT(csat_resolution_result);
    double probs[2] = { 0.5, 0.9 }, q[2];
    if (csat_business_resolution(w, obs, n, 2.0, probs, 2, NULL, q, &rs, NULL))
        return 1;
    out("res.mean", rs.mean), out("res.sd", rs.sd), out("res.median", rs.median);
    outs("res.q", q, 2), out("res.within_sla", rs.within_sla), out("res.km_median", rs.km_median);
    out("res.km_within_sla", rs.km_within_sla);

    csat_reviews_options ro = { sizeof(csat_reviews_options), 0, 10, 9, 5.0, 10.0, 0.95 };
    csat_reviews_result rv = CSAT_RESULT_INIT(csat_reviews_result);
    csat_mean_result rating = CSAT_RESULT_INIT(csat_mean_result);
    csat_share_result positive = CSAT_RESULT_INIT(csat_share_result);
    if (csat_score_reviews(x, n, &ro, &rv, &rating, &positive, NULL))
        return 1;
    out("reviews.bayes", rv.bayesian_average), out("reviews.wilson", rv.wilson_lower);
    out("reviews.mean", rating.score), out("reviews.se", rating.se);
    out("reviews.pos_lo", positive.ci_lower);

    double v;
    csat_business_options clv = CSAT_BUSINESS_OPTIONS_DEFAULT;
    clv.timing = CSAT_CLV_END_OF_PERIOD;
    clv.horizon = INFINITY;
    if (csat_business_clv(40, 0.8, 0.1, &clv, &v, NULL))
        return 1;
    out("clv.end", v);
    clv.timing = CSAT_CLV_START_OF_PERIOD;
    clv.horizon = 10;
    if (csat_business_clv(40, 0.8, 0.1, &clv, &v, NULL))
        return 1;
    out("clv.start10", v);
    if (csat_business_churn_convert(0.02, 12, NULL, &v, NULL))
        return 1;
    out("churn.annual", v);
    csat_retention_result rt = CSAT_RESULT_INIT(csat_retention_result);
    if (csat_business_retention(1200, 1260, 150, NULL, &rt, NULL))
        return 1;
    out("retention.rate", rt.retention);
    for (size_t i = 0; i < n; i++) {
        start[i] = 10 * w[i];
        end[i] = isnan(x[i]) || x[i] >= 7 ? NAN : start[i] + x[i] + 1;
    }
    if (csat_business_churn(start, end, n, 5, 15, NULL, &rt, NULL))
        return 1;
    out("churn.retention", rt.retention), out("churn.lost", rt.lost);
    out("churn.acquired", rt.acquired);
    return 0;
}

/* ------------------------------------------------------------------------ */
/* Scores by group (include/csat/groups.h). The groups of row i (0-based):
 * a NaN answer at an even row is in group e (code 4: an empty group, only
 * missing answers); row 3 alone is group d (code 3: a group of one); rows
 * i % 11 == 10 have no group; answers 9 or 10 at rows i % 4 == 0 are in
 * group c (which has more promoters than the others); the others are a, a,
 * a, a, b, b, c by i % 7 (codes 0, 1, 2). The Python and Lua scripts label the rows by the same
 * rule. Periods for the tracking tables: eight blocks of rows p1..p8
 * (codes 0..7); period p3 keeps only the first 10 rows of its block (a
 * small period), p6 only its answers 7 or more (a jump: a signal); the
 * other rows of those blocks have no period. */

#define NG 5
#define NP 8

static const char *const glabel[NG] = { "a", "b", "c", "d", "e" };

static int32_t group_of(size_t i, double x)
{
    static const int32_t by7[7] = { 0, 0, 0, 0, 1, 1, 2 };
    if (isnan(x) && i % 2 == 0)
        return 4;
    if (i == 3)
        return 3;
    if (i % 11 == 10)
        return CSAT_GROUP_NONE;
    if (x >= 9 && i % 4 == 0)
        return 2;
    return by7[i % 7];
}

static int32_t period_of(size_t i, double x, size_t n)
{
    size_t p = i * NP / n, start = (p * n + NP - 1) / NP;
    if (p == 2 && i >= start + 10)
        return CSAT_GROUP_NONE;
    if (p == 5 && !isnan(x) && x < 7)
        return CSAT_GROUP_NONE;
    return (int32_t)p;
}

static void outg(const char *what, const char *label, const char *field, double v)
{
    char key[64];
    snprintf(key, sizeof key, "%s.%s.%s", what, label, field);
    out(key, v);
}

static void outg_nps(const char *what, const char *const *labels, const csat_nps_result *r,
                     const int *flags, size_t G)
{
    for (size_t d = 0; d < G; d++) {
        outg(what, labels[d], "score", r[d].score), outg(what, labels[d], "se", r[d].se);
        outg(what, labels[d], "lo", r[d].ci_lower), outg(what, labels[d], "hi", r[d].ci_upper);
        outg(what, labels[d], "promoters", r[d].promoters);
        outg(what, labels[d], "n", (double)r[d].n);
        outg(what, labels[d], "n_missing", (double)r[d].n_missing);
        outg(what, labels[d], "n_eff", r[d].n_effective);
        if (flags)
            outg(what, labels[d], "flag", (double)flags[d]);
    }
}

static void outg_share(const char *what, const char *const *labels, const csat_share_result *r,
                       const int *flags, size_t G)
{
    for (size_t d = 0; d < G; d++) {
        outg(what, labels[d], "share", r[d].share), outg(what, labels[d], "se", r[d].se);
        outg(what, labels[d], "lo", r[d].ci_lower), outg(what, labels[d], "hi", r[d].ci_upper);
        outg(what, labels[d], "n", (double)r[d].n);
        outg(what, labels[d], "n_weighted", r[d].n_weighted);
        if (flags)
            outg(what, labels[d], "flag", (double)flags[d]);
    }
}

static void outg_mean(const char *what, const char *const *labels, const csat_mean_result *r,
                      const int *flags, size_t G)
{
    for (size_t d = 0; d < G; d++) {
        outg(what, labels[d], "score", r[d].score), outg(what, labels[d], "sd", r[d].sd);
        outg(what, labels[d], "se", r[d].se), outg(what, labels[d], "lo", r[d].ci_lower);
        outg(what, labels[d], "hi", r[d].ci_upper), outg(what, labels[d], "df", r[d].df);
        outg(what, labels[d], "n", (double)r[d].n);
        if (flags)
            outg(what, labels[d], "flag", (double)flags[d]);
    }
}

static void outg_cmp(const char *what, const char *const *labels, const csat_group_comparison *c,
                     size_t count)
{
    for (size_t k = 0; k < count; k++) {
        const char *l = labels[c[k].group];
        outg(what, l, "diff", c[k].diff), outg(what, l, "se", c[k].se);
        outg(what, l, "lo", c[k].ci_lower), outg(what, l, "hi", c[k].ci_upper);
        outg(what, l, "stat", c[k].statistic), outg(what, l, "df", c[k].df);
        outg(what, l, "p", c[k].p), outg(what, l, "p_adjusted", c[k].p_adjusted);
        outg(what, l, "skipped", (double)c[k].skipped);
    }
}

static void outg_track(const char *what, const char *const *labels, const csat_track_point *t,
                       const csat_trend_result *trend, size_t T)
{
    char key[64];
    for (size_t k = 0; k < T; k++) {
        const char *l = labels[t[k].period];
        outg(what, l, "score", t[k].score), outg(what, l, "lo", t[k].ci_lower);
        outg(what, l, "hi", t[k].ci_upper), outg(what, l, "change", t[k].change);
        outg(what, l, "change_se", t[k].change_se), outg(what, l, "change_p", t[k].change_p);
        outg(what, l, "center", t[k].center), outg(what, l, "lcl", t[k].lcl);
        outg(what, l, "ucl", t[k].ucl), outg(what, l, "signal", (double)t[k].signal);
        outg(what, l, "flag", (double)t[k].flags);
    }
    snprintf(key, sizeof key, "%s.trend.slope", what), out(key, trend->slope);
    snprintf(key, sizeof key, "%s.trend.se", what), out(key, trend->se);
    snprintf(key, sizeof key, "%s.trend.p", what), out(key, trend->p);
    snprintf(key, sizeof key, "%s.trend.intercept", what), out(key, trend->intercept);
}

static int grouped(const double *x, const double *w, size_t n)
{
    static int32_t g[MAXN], per[MAXN];
    static const char *const plabel[NP] = { "p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8" };
    csat_nps_result nps[NG] = { CSAT_RESULT_INIT(csat_nps_result) };
    csat_nps_result npsw[NG] = { CSAT_RESULT_INIT(csat_nps_result) };
    csat_nps_result npsw_rest[NG] = { CSAT_RESULT_INIT(csat_nps_result) };
    csat_share_result sh[NG] = { CSAT_RESULT_INIT(csat_share_result) };
    csat_share_result sh_rest[NG] = { CSAT_RESULT_INIT(csat_share_result) };
    csat_mean_result mn[NG] = { CSAT_RESULT_INIT(csat_mean_result) };
    csat_mean_result mn_rest[NG] = { CSAT_RESULT_INIT(csat_mean_result) };
    int f_nps[NG], f_npsw[NG], f_sh[NG], f_mn[NG];
    csat_group_comparison cmp[NG] = { CSAT_RESULT_INIT(csat_group_comparison) };
    size_t count;
    const csat_group_options each = CSAT_GROUP_OPTIONS_DEFAULT;
    csat_group_options rest = CSAT_GROUP_OPTIONS_DEFAULT;
    rest.complement = 1;
    csat_csat_options co = { sizeof(csat_csat_options), 0, 10, 9, 0.9 };
    csat_mean_options mo = { sizeof(csat_mean_options), 0.9 };
    const csat_compare_options holm = CSAT_COMPARE_OPTIONS_DEFAULT;

    for (size_t i = 0; i < n; i++)
        g[i] = group_of(i, x[i]), per[i] = period_of(i, x[i], n);

    /* Each group, unweighted and weighted; the rest of each group. */
    if (csat_score_nps_grouped(x, n, NULL, g, NG, NULL, &each, nps, f_nps, NG, NULL) ||
        csat_score_nps_grouped(x, n, w, g, NG, NULL, &each, npsw, f_npsw, NG, NULL) ||
        csat_score_nps_grouped(x, n, w, g, NG, NULL, &rest, npsw_rest, NULL, NG, NULL) ||
        csat_score_csat_grouped(x, n, w, g, NG, &co, &each, sh, f_sh, NG, NULL) ||
        csat_score_csat_grouped(x, n, w, g, NG, &co, &rest, sh_rest, NULL, NG, NULL) ||
        csat_score_mean_grouped(x, n, w, g, NG, &mo, &each, mn, f_mn, NG, NULL) ||
        csat_score_mean_grouped(x, n, w, g, NG, &mo, &rest, mn_rest, NULL, NG, NULL))
        return 1;
    outg_nps("gnps", glabel, nps, f_nps, NG);
    outg_nps("gnpsw", glabel, npsw, f_npsw, NG);
    outg_nps("gnpsw_rest", glabel, npsw_rest, NULL, NG);
    outg_share("gcsat", glabel, sh, f_sh, NG);
    outg_share("gcsat_rest", glabel, sh_rest, NULL, NG);
    outg_mean("gmean", glabel, mn, f_mn, NG);
    outg_mean("gmean_rest", glabel, mn_rest, NULL, NG);

    /* Each group against the rest (Holm over the groups compared). */
    if (csat_compare_groups_nps(npsw, npsw_rest, f_npsw, NG, CSAT_CONTRAST_REST, 0, 0, &holm,
                                cmp, NG, &count, NULL))
        return 1;
    outg_cmp("gcmp_nps", glabel, cmp, count);
    if (csat_compare_groups_shares(sh, sh_rest, f_sh, NG, CSAT_CONTRAST_REST, 0, 0, &holm, cmp,
                                   NG, &count, NULL))
        return 1;
    outg_cmp("gcmp_csat", glabel, cmp, count);
    if (csat_compare_groups_means(mn, mn_rest, f_mn, NG, CSAT_CONTRAST_REST, 0, 0, &holm, cmp,
                                  NG, &count, NULL))
        return 1;
    outg_cmp("gcmp_mean", glabel, cmp, count);

    /* Tracking tables of eight periods: NPS, top-2-box and mean. */
    csat_nps_result pn[NP] = { CSAT_RESULT_INIT(csat_nps_result) };
    csat_share_result ps[NP] = { CSAT_RESULT_INIT(csat_share_result) };
    csat_mean_result pm[NP] = { CSAT_RESULT_INIT(csat_mean_result) };
    int fn[NP], fs[NP], fm[NP];
    csat_track_point t[NP] = { CSAT_RESULT_INIT(csat_track_point) };
    csat_trend_result trend = CSAT_RESULT_INIT(csat_trend_result);
    csat_scale_options so = { sizeof(csat_scale_options), 0, 10, 0.95 };
    if (csat_score_nps_grouped(x, n, NULL, per, NP, NULL, &each, pn, fn, NP, NULL) ||
        csat_score_top_box_grouped(x, n, NULL, per, NP, 2, &so, &each, ps, fs, NP, NULL) ||
        csat_score_mean_grouped(x, n, w, per, NP, NULL, &each, pm, fm, NP, NULL))
        return 1;
    outg_nps("pnps", plabel, pn, fn, NP);
    if (csat_compare_track_nps(pn, fn, NP, NULL, &trend, t, NP, NULL))
        return 1;
    outg_track("track_nps", plabel, t, &trend, NP);
    const csat_compare_options l90 = at_level(0.9);
    if (csat_compare_track_shares(ps, fs, NP, &l90, &trend, t, NP, NULL))
        return 1;
    outg_track("track_top2", plabel, t, &trend, NP);
    if (csat_compare_track_means(pm, fm, NP, NULL, &trend, t, NP, NULL))
        return 1;
    outg_track("track_mean", plabel, t, &trend, NP);
    return 0;
}

/* ------------------------------------------------------------------------ */
/* Survey designs (include/csat/design.h). The design of row i (0-based):
 * weight w_i, stratum i % 3 (labelled s0, s1, s2 in Python and Lua),
 * cluster i / 25 numbered within strata (nest). Its NPS, CSAT (0..10,
 * satisfied 9, level 0.9) and mean; the groups of group_of as domains (NPS,
 * the CSAT's boxes 9..10 and mean) and each against the rest (Holm); and
 * raking of the weights to two margins: i % 2 (totals 600, 400) and i % 3
 * (300, 300, 400). */

static int designed(const double *x, const double *w, size_t n)
{
    static int32_t st[MAXN], cl[MAXN], g[MAXN], v0[MAXN], v1[MAXN];
    static double raked[MAXN];
    for (size_t i = 0; i < n; i++) {
        st[i] = (int32_t)(i % 3), cl[i] = (int32_t)(i / 25), g[i] = group_of(i, x[i]);
        v0[i] = (int32_t)(i % 2), v1[i] = (int32_t)(i % 3);
    }
    const csat_design_options nest = { sizeof(csat_design_options), CSAT_LONELY_FAIL, 1 };
    csat_design *d = NULL;
    if (csat_design_create(n, w, st, cl, NULL, &nest, &d, NULL) != CSAT_OK)
        return 1;
    csat_design_info info = CSAT_RESULT_INIT(csat_design_info);
    if (csat_design_describe(d, &info, NULL) != CSAT_OK)
        return 1;
    out("design.psus", (double)info.psus), out("design.df", info.df);
    csat_nps_result r = CSAT_RESULT_INIT(csat_nps_result);
    csat_share_result s = CSAT_RESULT_INIT(csat_share_result);
    csat_mean_result m = CSAT_RESULT_INIT(csat_mean_result);
    const csat_csat_options co = { sizeof(csat_csat_options), 0, 10, 9, 0.9 };
    const csat_scale_options so = { sizeof(csat_scale_options), 0, 10, 0.9 };
    if (csat_design_nps(d, x, NULL, &r, NULL) != CSAT_OK ||
        csat_design_csat(d, x, &co, &s, NULL) != CSAT_OK ||
        csat_design_mean(d, x, NULL, &m, NULL) != CSAT_OK)
        return 1;
    out("dnps.score", r.score), out("dnps.se", r.se), out("dnps.lo", r.ci_lower);
    out("dnps.hi", r.ci_upper), out("dnps.n_eff", r.n_effective);
    out("dcsat.share", s.share), out("dcsat.se", s.se), out("dcsat.lo", s.ci_lower);
    out("dcsat.hi", s.ci_upper), out("dcsat.n_eff", s.n_effective);
    out("dmean.score", m.score), out("dmean.se", m.se), out("dmean.lo", m.ci_lower);
    out("dmean.hi", m.ci_upper), out("dmean.df", m.df);

    csat_nps_result gn[NG] = { CSAT_RESULT_INIT(csat_nps_result) };
    csat_share_result gs[NG] = { CSAT_RESULT_INIT(csat_share_result) };
    csat_mean_result gm[NG] = { CSAT_RESULT_INIT(csat_mean_result) };
    int fn[NG], fs[NG], fm[NG];
    const csat_group_options each = CSAT_GROUP_OPTIONS_DEFAULT;
    if (csat_design_nps_grouped(d, x, g, NG, NULL, &each, gn, fn, NG, NULL) != CSAT_OK ||
        csat_design_box_share_grouped(d, x, g, NG, 9, 10, &so, &each, gs, fs, NG, NULL) !=
            CSAT_OK ||
        csat_design_mean_grouped(d, x, g, NG, NULL, &each, gm, fm, NG, NULL) != CSAT_OK)
        return 1;
    outg_nps("dgnps", glabel, gn, fn, NG);
    outg_share("dgcsat", glabel, gs, fs, NG);
    outg_mean("dgmean", glabel, gm, fm, NG);
    csat_group_comparison cmp[NG] = { CSAT_RESULT_INIT(csat_group_comparison) };
    const csat_compare_options holm = CSAT_COMPARE_OPTIONS_DEFAULT;
    if (csat_design_compare_nps(d, x, g, NG, NULL, &each, &holm, cmp, NG, NULL) != CSAT_OK)
        return 1;
    outg_cmp("dgcmp_nps", glabel, cmp, NG);
    if (csat_design_compare_shares(d, x, g, NG, 9, 10, &so, &each, &holm, cmp, NG, NULL) !=
        CSAT_OK)
        return 1;
    outg_cmp("dgcmp_csat", glabel, cmp, NG);
    if (csat_design_compare_means(d, x, g, NG, NULL, &each, &holm, cmp, NG, NULL) != CSAT_OK)
        return 1;
    outg_cmp("dgcmp_mean", glabel, cmp, NG);
    csat_design_free(d);

    const int32_t *codes[2] = { v0, v1 };
    const size_t categories[2] = { 2, 3 };
    static const double t0[2] = { 600, 400 }, t1[3] = { 300, 300, 400 };
    const double *totals[2] = { t0, t1 };
    csat_rake_result ri = CSAT_RESULT_INIT(csat_rake_result);
    if (csat_design_rake(n, w, 2, codes, categories, totals, NULL, raked, &ri, NULL) != CSAT_OK)
        return 1;
    outs("rake.w", raked, 5);
    out("rake.iterations", (double)ri.iterations), out("rake.max_change", ri.max_change);
    out("rake.max_miss", ri.max_miss);
    return 0;
}

int main(int argc, char **argv)
{
    static double x[MAXN], w[MAXN];
    size_t n = 0;
    FILE *f = fopen(argc > 1 ? argv[1] : "data.txt", "r");
    if (f == NULL)
        return 2;
    char line[128];
    while (fgets(line, sizeof line, f) && n < MAXN) {
        char a[32];
        if (line[0] == '#' || sscanf(line, "%31s %lf", a, &w[n]) != 2)
            continue;
        x[n++] = strcmp(a, "nan") == 0 ? NAN : strtod(a, NULL);
    }
    fclose(f);
    csat_nps_result r = CSAT_RESULT_INIT(csat_nps_result);
    csat_nps_options adj = CSAT_NPS_OPTIONS_DEFAULT;
    adj.method = CSAT_NPS_ADJUSTED_WALD;
    if (csat_score_nps(x, n, NULL, NULL, &r, NULL) != CSAT_OK)
        return 1;
    out("nps.score", r.score), out("nps.se", r.se), out("nps.lo", r.ci_lower), out("nps.hi", r.ci_upper);
    if (csat_score_nps(x, n, w, NULL, &r, NULL) != CSAT_OK)
        return 1;
    out("npsw.score", r.score), out("npsw.se", r.se), out("npsw.lo", r.ci_lower), out("npsw.hi", r.ci_upper);
    if (csat_score_nps(x, n, w, &adj, &r, NULL) != CSAT_OK)
        return 1;
    out("npsa.se", r.se), out("npsa.lo", r.ci_lower), out("npsa.hi", r.ci_upper);
    csat_share_result s = CSAT_RESULT_INIT(csat_share_result);
    csat_csat_options co = { sizeof(csat_csat_options), 0, 10, 9, 0.9 };
    if (csat_score_csat(x, n, w, &co, &s, NULL) != CSAT_OK)
        return 1;
    out("csat.score", s.score), out("csat.se", s.se), out("csat.lo", s.ci_lower), out("csat.hi", s.ci_upper);
    csat_scale_options so = { sizeof(csat_scale_options), 0, 10, 0.95 };
    if (csat_score_top_box(x, n, NULL, 2, &so, &s, NULL) != CSAT_OK)
        return 1;
    out("top2.score", s.score), out("top2.lo", s.ci_lower), out("top2.hi", s.ci_upper);
    csat_mean_result m = CSAT_RESULT_INIT(csat_mean_result);
    if (csat_score_mean(x, n, w, NULL, &m, NULL) != CSAT_OK)
        return 1;
    out("mean.score", m.score), out("mean.sd", m.sd), out("mean.se", m.se), out("mean.lo", m.ci_lower), out("mean.hi", m.ci_upper);
    csat_mean_result effort = CSAT_RESULT_INIT(csat_mean_result);
    csat_share_result low_effort = CSAT_RESULT_INIT(csat_share_result);
    csat_ces_options ce = { sizeof(csat_ces_options), 0, 10, 7, 0.95 };
    if (csat_score_ces(x, n, NULL, &ce, &effort, &low_effort, NULL) != CSAT_OK)
        return 1;
    out("ces.mean", effort.score), out("ces.se", effort.se), out("ces.low", low_effort.score);
    if (compare_business(x, w, n) != 0)
        return 1;
    if (grouped(x, w, n) != 0)
        return 1;
    if (designed(x, w, n) != 0)
        return 1;
    return argc > 2 ? drivers(argv[2]) : 0;
}
