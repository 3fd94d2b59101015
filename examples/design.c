/*
 * csat-design: scores of a survey with its design, and raked weights.
 *
 *     csat-design [survey.csv]
 *
 * Reads the columns `nps` (stored 1..11 = 0..10 shifted by +1),
 * `overall_sat` (1..7), `country`, `gender` and `flight_class` of a survey
 * stored as CSV, as examples/data/airlinesat.csv has.
 *
 * 1. Raking: the sample's flight classes and genders do not match the
 *    customer base's, so the respondents' weights are raked to the base's
 *    margins (illustrative totals for 100,000 customers: Economy 70,000,
 *    Business 25,000, First 5,000; female 45,000, male 55,000).
 * 2. The design: the airline surveyed customers country by country
 *    (strata) and, within a country, at the gate of a flight (clusters).
 *    The file records the country but not the flight, so this example
 *    takes each run of 25 consecutive respondents of a country as one
 *    flight: an assumption for the demonstration, which a real survey's
 *    flight number would replace. The one respondent from France forms a
 *    stratum of a single flight, which the "adjust" rule handles.
 * 3. NPS and CSAT (6-7 of 1-7) with the raked weights: as if the answers were
 *    independent, then with the design. The design effect (the variance
 *    ratio) says what the design costs or gains: clusters whose customers
 *    answer alike cost precision, strata that differ from one another gain
 *    it. Here the flights are runs of consecutive respondents, who answer
 *    no more alike than any others, while the countries differ, so the
 *    design gains: its effect is below 1.
 * 4. The NPS of each flight class, with design standard errors, and each
 *    class against the rest of the sample (their covariance within the
 *    design included; Holm-adjusted p-values).
 *
 * Every libcsat status is checked; a failure prints the library's message
 * and makes the program exit with status 1.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csat.h>

#include "csv.h"

#ifndef CSAT_EXAMPLE_DATA
#define CSAT_EXAMPLE_DATA "examples/data/airlinesat.csv"
#endif

#define FLIGHT_SIZE 25
#define MAX_LABELS 16

static int failed(const char *what, csat_status s, const csat_error *err)
{
    if (s == CSAT_OK)
        return 0;
    fprintf(stderr, "csat-design: %s failed: %s (%s)\n", what, err->message, csat_strerror(s));
    return 1;
}

/* Codes 0..k−1 of a text column in the order of `order` (labels not listed
 * get the next codes in order of appearance); −1 for NA or empty. */
typedef struct labels {
    const char *name[MAX_LABELS];
    size_t count;
} labels;

static int code_column(const csv_table *t, const char *column, labels *l, int32_t *codes)
{
    long j = csv_column(t, column);
    if (j < 0)
        return -1;
    for (size_t i = 0; i < t->nrow; i++) {
        const char *v = t->cell[i * t->ncol + (size_t)j];
        codes[i] = -1;
        if (*v == '\0' || strcmp(v, "NA") == 0)
            continue;
        size_t k = 0;
        while (k < l->count && strcmp(l->name[k], v) != 0)
            k++;
        if (k == l->count) {
            if (l->count == MAX_LABELS) {
                fprintf(stderr, "csat-design: more than %d labels in %s\n", MAX_LABELS, column);
                return -1;
            }
            l->name[l->count++] = v;
        }
        codes[i] = (int32_t)k;
    }
    return 0;
}

static int rake(const csv_table *t, double *w)
{
    size_t n = t->nrow;
    labels cls = { { "Economy", "Business", "First" }, 3 };
    labels sex = { { "female", "male" }, 2 };
    int32_t *c1 = malloc(n * sizeof *c1), *c2 = malloc(n * sizeof *c2);
    int rc = -1;
    if (c1 && c2 && code_column(t, "flight_class", &cls, c1) == 0
        && code_column(t, "gender", &sex, c2) == 0) {
        for (size_t i = 0; i < n; i++)
            if (c1[i] < 0 || c2[i] < 0) {
                fprintf(stderr, "csat-design: line %zu has no class or gender\n", t->line[i]);
                goto done;
            }
        const double class_totals[3] = { 70000, 25000, 5000 };
        const double sex_totals[2] = { 45000, 55000 };
        const int32_t *codes[2] = { c1, c2 };
        const size_t cats[2] = { 3, 2 };
        const double *totals[2] = { class_totals, sex_totals };
        csat_rake_result info = CSAT_RESULT_INIT(csat_rake_result);
        csat_error err;
        csat_status s = csat_design_rake(n, NULL, 2, codes, cats, totals, NULL, w, &info, &err);
        if (failed("raking", s, &err))
            goto done;
        double lo = INFINITY, hi = 0;
        for (size_t i = 0; i < n; i++) {
            lo = fmin(lo, w[i]);
            hi = fmax(hi, w[i]);
        }
        printf("Raking to the customer base (flight class and gender margins)\n\n");
        printf("  converged after %d sweeps, largest margin miss %.2g customers\n",
               info.iterations, info.max_miss);
        printf("  weights from %.1f to %.1f customers per respondent\n\n", lo, hi);
        rc = 0;
    }
done:
    free(c1);
    free(c2);
    return rc;
}

/* Strata: countries. Clusters: runs of FLIGHT_SIZE respondents of a
 * country (the k-th respondent of a country is on flight k / FLIGHT_SIZE). */
static int make_design(const csv_table *t, const double *w, csat_design **d)
{
    size_t n = t->nrow;
    labels country = { { 0 }, 0 };
    int32_t *st = malloc(n * sizeof *st), *cl = malloc(n * sizeof *cl);
    size_t seen[MAX_LABELS] = { 0 };
    int rc = -1;
    if (st && cl && code_column(t, "country", &country, st) == 0) {
        for (size_t i = 0; i < n; i++) {
            if (st[i] < 0) {
                fprintf(stderr, "csat-design: line %zu has no country\n", t->line[i]);
                goto done;
            }
            cl[i] = (int32_t)(seen[st[i]]++ / FLIGHT_SIZE);
        }
        csat_design_options o = CSAT_DESIGN_OPTIONS_DEFAULT;
        o.nest = 1;                         /* flight k of each country */
        o.lonely_psu = CSAT_LONELY_ADJUST; /* France: one respondent */
        csat_error err;
        if (!failed("the design", csat_design_create(n, w, st, cl, NULL, &o, d, &err), &err)) {
            csat_design_info info = CSAT_RESULT_INIT(csat_design_info);
            if (!failed("the design", csat_design_describe(*d, &info, &err), &err)) {
                printf("Design: %zu respondents on %zu flights in %zu countries "
                       "(%zu country with one flight; %.0f degrees of freedom)\n\n",
                       info.n, info.psus, info.strata, info.lonely, info.df);
                rc = 0;
            }
        }
    }
done:
    free(st);
    free(cl);
    return rc;
}

static void row(const char *what, double est, double se, double lo, double hi, const char *unit)
{
    printf("  %-28s %6.1f%s  SE %5.2f  95%% CI [%6.1f, %6.1f]\n", what, est, unit, se, lo, hi);
}

static int scores(const csat_design *d, const double *nps, const double *sat, const double *w,
                  size_t n)
{
    csat_error err;
    csat_nps_result a = CSAT_RESULT_INIT(csat_nps_result), b = a;
    const csat_csat_options o7 = { sizeof o7, 1, 7, 6, 0.95 };
    csat_share_result c = CSAT_RESULT_INIT(csat_share_result), e = c;
    if (failed("NPS", csat_score_nps(nps, n, w, NULL, &a, &err), &err)
        || failed("NPS", csat_design_nps(d, nps, NULL, &b, &err), &err)
        || failed("CSAT", csat_score_csat(sat, n, w, &o7, &c, &err), &err)
        || failed("CSAT", csat_design_csat(d, sat, &o7, &e, &err), &err))
        return -1;
    printf("Scores with the raked weights\n\n");
    row("NPS, answers independent", a.score, a.se, a.ci_lower, a.ci_upper, " ");
    row("NPS, the design", b.score, b.se, b.ci_lower, b.ci_upper, " ");
    row("CSAT, answers independent", 100 * c.share, 100 * c.se, 100 * c.ci_lower,
        100 * c.ci_upper, "%");
    row("CSAT, the design", 100 * e.share, 100 * e.se, 100 * e.ci_lower, 100 * e.ci_upper, "%");
    printf("\n  design effect: NPS %.2f, CSAT %.2f (design variance / independent variance)\n\n",
           (b.se * b.se) / (a.se * a.se), (e.se * e.se) / (c.se * c.se));
    return 0;
}

static int by_class(const csv_table *t, const csat_design *d, const double *nps)
{
    size_t n = t->nrow;
    labels cls = { { "Economy", "Business", "First" }, 3 };
    int32_t *g = malloc(n * sizeof *g);
    int rc = -1;
    csat_error err;
    csat_nps_result r[3] = { CSAT_RESULT_INIT(csat_nps_result) };
    csat_group_comparison c[3] = { CSAT_RESULT_INIT(csat_group_comparison) };
    int flags[3];
    if (g && code_column(t, "flight_class", &cls, g) == 0
        && !failed("NPS by class",
                   csat_design_nps_grouped(d, nps, g, 3, NULL, NULL, r, flags, 3, &err), &err)
        && !failed("classes against the rest",
                   csat_design_compare_nps(d, nps, g, 3, NULL, NULL, NULL, c, 3, &err), &err)) {
        printf("NPS by flight class, the design (each class against the rest, Holm)\n\n");
        printf("  %-10s %6s  %5s  %16s   %6s  %7s  %6s\n", "class", "NPS", "SE", "95% CI", "n",
               "vs rest", "p adj");
        for (size_t k = 0; k < 3; k++) {
            printf("  %-10s %6.1f  %5.2f  [%6.1f, %6.1f]   %6zu", cls.name[k], r[k].score, r[k].se,
                   r[k].ci_lower, r[k].ci_upper, r[k].n);
            if (c[k].skipped)
                printf("  %7s  %6s%s\n", "-", "-",
                       flags[k] == CSAT_GROUP_SMALL ? "  (fewer than 30 answers)" : "");
            else
                printf("  %+7.1f  %6.4f\n", c[k].diff, c[k].p_adjusted);
        }
        rc = 0;
    }
    free(g);
    return rc;
}

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : CSAT_EXAMPLE_DATA;
    csv_table t;
    if (csv_read("csat-design", path, &t) != 0)
        return 1;
    long jn = csv_column(&t, "nps"), js = csv_column(&t, "overall_sat");
    double *nps = jn >= 0 ? csv_numeric(&t, (size_t)jn) : NULL;
    double *sat = js >= 0 ? csv_numeric(&t, (size_t)js) : NULL;
    double *w = malloc(t.nrow * sizeof *w);
    csat_design *d = NULL;
    int rc = 1;
    if (nps && sat && w) {
        for (size_t i = 0; i < t.nrow; i++)
            nps[i] -= 1; /* stored 1..11 */
        if (rake(&t, w) == 0 && make_design(&t, w, &d) == 0 && scores(d, nps, sat, w, t.nrow) == 0
            && by_class(&t, d, nps) == 0)
            rc = 0;
    }
    csat_design_free(d);
    free(nps);
    free(sat);
    free(w);
    csv_free(&t);
    return rc;
}
