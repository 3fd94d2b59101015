/* Prints a fixed set of scores of data.txt as hexadecimal floats, one
 * "name value" per line; test_crosslang.py compares them with the same
 * scores from Python and Lua, bit for bit. */
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
    return 0;
}
