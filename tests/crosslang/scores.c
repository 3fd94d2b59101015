/* Prints a fixed set of scores of data.txt as hexadecimal floats, one
 * "name value" per line; test_crosslang.py compares them with the same
 * scores from Python and Lua, bit for bit. With a second file (drivers.txt:
 * four drivers, the outcome and a weight per line) it also prints a
 * key-driver model's statistics and importance. */
#include <csat.h>
#include <math.h>
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
    csat_model_summary s;
    if (csat_drivers_summary(m, &s, NULL) != CSAT_OK)
        return 1;
    out("kd.r2", s.r2), out("kd.adj_r2", s.adj_r2), out("kd.sigma", s.sigma), out("kd.f", s.f);
    out("kd.f_p", s.f_p), out("kd.condition", s.condition), out("kd.n_effective", s.n_effective);
    double v[KD_P + 1][6], info[5][KD_P];
    for (size_t j = 0; j <= KD_P; j++) {
        csat_coefficient c;
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
        csat_driver_info d;
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
    csat_importance_options mc = { 2, 2000, 9 };
    if (csat_drivers_importance(m, CSAT_IMPORTANCE_LMG, &mc, imp, se, NULL) != CSAT_OK)
        return 1;
    outs("kd.mc", imp, KD_P), outs("kd.mc_se", se, KD_P);
    double cond[KD_P * KD_P], comp[KD_P * KD_P];
    if (csat_drivers_dominance(m, imp, cond, comp, NULL) != CSAT_OK)
        return 1;
    outs("kd.cond", cond, KD_P * KD_P), outs("kd.comp", comp, KD_P * KD_P);
    csat_bootstrap_options bo = { 200, 0.9, 3 };
    double lo[KD_P], hi[KD_P];
    if (csat_drivers_bootstrap(m, CSAT_IMPORTANCE_LMG, &bo, lo, hi, NULL, NULL) != CSAT_OK)
        return 1;
    outs("kd.boot_lo", lo, KD_P), outs("kd.boot_hi", hi, KD_P);
    csat_ipa_quadrant q[KD_P];
    double quad[KD_P];
    if (csat_ipa(lmg, info[3], KD_P, NAN, NAN, q, NULL) != CSAT_OK)
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
        csat_coefficient c;
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
    csat_nps_result r;
    csat_nps_options adj = CSAT_NPS_OPTIONS_DEFAULT;
    adj.method = CSAT_NPS_ADJUSTED_WALD;
    if (csat_nps(x, n, NULL, NULL, &r, NULL) != CSAT_OK)
        return 1;
    out("nps.score", r.score), out("nps.se", r.se), out("nps.lo", r.ci_lower), out("nps.hi", r.ci_upper);
    if (csat_nps(x, n, w, NULL, &r, NULL) != CSAT_OK)
        return 1;
    out("npsw.score", r.score), out("npsw.se", r.se), out("npsw.lo", r.ci_lower), out("npsw.hi", r.ci_upper);
    if (csat_nps(x, n, w, &adj, &r, NULL) != CSAT_OK)
        return 1;
    out("npsa.se", r.se), out("npsa.lo", r.ci_lower), out("npsa.hi", r.ci_upper);
    csat_share_result s;
    csat_csat_options co = { 0, 10, 9, 0.9 };
    if (csat_csat(x, n, w, &co, &s, NULL) != CSAT_OK)
        return 1;
    out("csat.score", s.score), out("csat.se", s.se), out("csat.lo", s.ci_lower), out("csat.hi", s.ci_upper);
    csat_scale_options so = { 0, 10, 0.95 };
    if (csat_top_box(x, n, NULL, 2, &so, &s, NULL) != CSAT_OK)
        return 1;
    out("top2.score", s.score), out("top2.lo", s.ci_lower), out("top2.hi", s.ci_upper);
    csat_mean_result m;
    if (csat_mean_score(x, n, w, NULL, &m, NULL) != CSAT_OK)
        return 1;
    out("mean.score", m.score), out("mean.sd", m.sd), out("mean.se", m.se), out("mean.lo", m.ci_lower), out("mean.hi", m.ci_upper);
    csat_ces_result c;
    csat_ces_options ce = { 0, 10, 7, 0.95 };
    if (csat_ces(x, n, NULL, &ce, &c, NULL) != CSAT_OK)
        return 1;
    out("ces.mean", c.effort.score), out("ces.se", c.effort.se), out("ces.low", c.low_effort.score);
    return argc > 2 ? drivers(argv[2]) : 0;
}
