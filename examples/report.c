/*
 * csat-report: a customer-satisfaction report of a survey stored as CSV.
 *
 *     csat-report [survey.csv]
 *
 * The file must have a header row with the columns `nps` (likelihood to
 * recommend, stored 1..11 = 0..10 shifted by +1), `overall_sat` (1..7) and
 * `flight_class`, as examples/data/airlinesat.csv has. Values are numbers
 * or NA (missing); fields may be quoted ("..." with "" for a quote).
 *
 * The report: NPS with 95 % intervals, CSAT and top-2-box of overall
 * satisfaction, its mean, its distribution as a bar chart, and the NPS of
 * each flight class. Every libcsat status is checked; a failure prints the
 * library's message (with the CSV line of the offending answer) and makes
 * the program exit with status 1.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csat.h>

#include "csv.h"

#ifndef CSAT_EXAMPLE_DATA
#define CSAT_EXAMPLE_DATA "examples/data/airlinesat.csv"
#endif

#define LEVEL 0.95
#define BAR_WIDTH 40

/* ------------------------------------------------------------------------ */
/* Reporting libcsat failures. `rows` maps the index of an answer in the
 * array passed to libcsat to its row in the table (NULL: the same). */

typedef struct context {
    const char *path;
    const csv_table *table;
    int failures;
} context;

static void fail(context *c, const char *what, csat_status s, const csat_error *err,
                 const size_t *rows)
{
    fprintf(stderr, "csat-report: %s failed: %s (%s)\n", what, err->message, csat_strerror(s));
    if (err->index != CSAT_NO_INDEX) {
        size_t row = rows ? rows[err->index] : err->index;
        if (row < c->table->nrow)
            fprintf(stderr, "csat-report:   see %s, line %zu\n", c->path, c->table->line[row]);
    }
    c->failures++;
}

/* ------------------------------------------------------------------------ */
/* The report sections. */

/* One number with a fixed width and precision (and a + sign when `sign`),
 * or "n/a" when it is NaN, as the spread of a single answer is. */
typedef struct numtext {
    char s[40];
} numtext;

static numtext num(int width, int prec, int sign, double v)
{
    numtext t;
    if (isnan(v))
        snprintf(t.s, sizeof t.s, "%*s", width, "n/a");
    else if (sign)
        snprintf(t.s, sizeof t.s, "%+*.*f", width, prec, v);
    else
        snprintf(t.s, sizeof t.s, "%*.*f", width, prec, v);
    return t;
}

static void report_nps(context *c, const double *nps, size_t n)
{
    csat_error err;
    csat_nps_options opt = CSAT_NPS_OPTIONS_DEFAULT;
    csat_nps_result wald, adj;

    csat_status s = csat_nps(nps, n, NULL, &opt, &wald, &err);
    if (s != CSAT_OK) {
        fail(c, "NPS", s, &err, NULL);
        return;
    }
    opt.method = CSAT_NPS_ADJUSTED_WALD;
    s = csat_nps(nps, n, NULL, &opt, &adj, &err);
    if (s != CSAT_OK) {
        fail(c, "NPS (adjusted Wald)", s, &err, NULL);
        return;
    }

    printf("Net Promoter Score\n");
    printf("  likelihood to recommend, 0-10 (column nps minus 1);\n");
    printf("  promoters 9-10, passives 7-8, detractors 0-6\n\n");
    printf("  NPS %s   95%% CI [%s, %s]  Wald           SE %s\n", num(6, 1, 1, wald.score).s,
           num(6, 1, 1, wald.ci_lower).s, num(6, 1, 1, wald.ci_upper).s, num(5, 2, 0, wald.se).s);
    printf("               95%% CI [%s, %s]  adjusted Wald  SE %s\n", num(6, 1, 1, adj.ci_lower).s,
           num(6, 1, 1, adj.ci_upper).s, num(5, 2, 0, adj.se).s);
    printf("  promoters %.1f %%, passives %.1f %%, detractors %.1f %%\n", 100 * wald.promoters,
           100 * wald.passives, 100 * wald.detractors);
    printf("  n = %zu, missing %zu\n\n", wald.n, wald.n_missing);
}

static void report_satisfaction(context *c, const double *sat, size_t n)
{
    csat_error err;
    csat_csat_options copt = { 1, 7, 5, LEVEL };
    csat_scale_options sopt = { 1, 7, LEVEL };
    csat_mean_options mopt = { LEVEL };
    csat_share_result cs, top2;
    csat_mean_result mean;

    csat_status s = csat_csat(sat, n, NULL, &copt, &cs, &err);
    if (s != CSAT_OK) {
        fail(c, "CSAT", s, &err, NULL);
        return;
    }
    s = csat_top_box(sat, n, NULL, 2, &sopt, &top2, &err);
    if (s != CSAT_OK) {
        fail(c, "top-2-box", s, &err, NULL);
        return;
    }
    s = csat_mean_score(sat, n, NULL, &mopt, &mean, &err);
    if (s != CSAT_OK) {
        fail(c, "mean score", s, &err, NULL);
        return;
    }

    printf("Overall satisfaction\n");
    printf("  column overall_sat, 1-7 (7 = very satisfied)\n\n");
    printf("  CSAT (5-7 of 1-7)       %5.1f %%   95%% CI [%5.1f, %5.1f] %%  Wilson\n", cs.score,
           cs.ci_lower, cs.ci_upper);
    printf("  top-2-box (6-7 of 1-7)  %5.1f %%   95%% CI [%5.1f, %5.1f] %%  Wilson\n",
           top2.score, top2.ci_lower, top2.ci_upper);
    printf("  mean                    %5.2f     95%% CI [%s, %s]    t, df %.0f\n", mean.score,
           num(5, 2, 0, mean.ci_lower).s, num(5, 2, 0, mean.ci_upper).s, mean.df);
    printf("  standard deviation      %s\n", num(5, 2, 0, mean.sd).s);
    printf("  CSAT counts the three highest boxes, top-2-box the two highest.\n");
    printf("  n = %zu, missing %zu\n\n", mean.n, mean.n_missing);
}

static void report_distribution(context *c, const double *sat, size_t n)
{
    enum { LO = 1, HI = 7, LEN = HI - LO + 1 };
    csat_error err;
    csat_scale_options opt = { LO, HI, LEVEL };
    double counts[LEN], shares[LEN];
    csat_sample sample;

    csat_status s = csat_distribution(sat, n, NULL, &opt, counts, NULL, shares, LEN, &sample,
                                      &err);
    if (s != CSAT_OK) {
        fail(c, "distribution", s, &err, NULL);
        return;
    }
    double top = 0;
    for (int i = 0; i < LEN; i++)
        top = shares[i] > top ? shares[i] : top;

    printf("Distribution of overall satisfaction (n = %zu)\n\n", sample.n);
    for (int i = 0; i < LEN; i++) {
        int len = top > 0 ? (int)lround(BAR_WIDTH * shares[i] / top) : 0;
        char bar[BAR_WIDTH + 1];
        memset(bar, '#', (size_t)len);
        bar[len] = '\0';
        printf("  %d | %-*s %5.0f  %5.1f %%\n", LO + i, BAR_WIDTH, bar, counts[i],
               100 * shares[i]);
    }
    printf("\n");
}

static int compare_strings(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void report_nps_by_group(context *c, const double *nps, const char *column)
{
    const csv_table *t = c->table;
    long j = csv_column(t, column);
    if (j < 0) {
        c->failures++;
        return;
    }
    size_t n = t->nrow;
    const char **names = malloc((n ? n : 1) * sizeof *names);
    double *x = malloc((n ? n : 1) * sizeof *x);
    size_t *rows = malloc((n ? n : 1) * sizeof *rows);
    if (names == NULL || x == NULL || rows == NULL) {
        fprintf(stderr, "csat-report: out of memory\n");
        c->failures++;
        goto done;
    }

    /* The distinct groups, sorted. */
    for (size_t i = 0; i < n; i++)
        names[i] = t->cell[i * t->ncol + (size_t)j];
    qsort(names, n, sizeof *names, compare_strings);
    size_t ngroups = 0;
    for (size_t i = 0; i < n; i++)
        if (ngroups == 0 || strcmp(names[i], names[ngroups - 1]) != 0)
            names[ngroups++] = names[i];

    printf("NPS by %s (Wald 95%% CI)\n\n", column);
    printf("  %-12s %6s %7s   95%% CI\n", column, "n", "NPS");
    for (size_t g = 0; g < ngroups; g++) {
        size_t m = 0;
        for (size_t i = 0; i < n; i++) {
            if (strcmp(t->cell[i * t->ncol + (size_t)j], names[g]) == 0) {
                x[m] = nps[i];
                rows[m++] = i;
            }
        }
        const char *label = *names[g] && strcmp(names[g], "NA") != 0 ? names[g] : "(missing)";
        csat_error err;
        csat_nps_result r;
        csat_status s = csat_nps(x, m, NULL, NULL, &r, &err);
        if (s != CSAT_OK) {
            printf("  %-12s %6zu %7s   (%s)\n", label, m, "-",
                   s == CSAT_ERR_EMPTY ? "no valid answer" : csat_strerror(s));
            /* A group whose answers are all missing is a fact worth
             * showing, not a failure; anything else is. */
            if (s != CSAT_ERR_EMPTY) {
                char what[80];
                snprintf(what, sizeof what, "NPS of %s %.40s", column, label);
                fail(c, what, s, &err, rows);
            }
            continue;
        }
        printf("  %-12s %6zu %+7.1f   [%s, %s]\n", label, r.n, r.score,
               num(6, 1, 1, r.ci_lower).s, num(6, 1, 1, r.ci_upper).s);
    }
    printf("\n");

done:
    free(names);
    free(x);
    free(rows);
}

/* ------------------------------------------------------------------------ */

int main(int argc, char **argv)
{
    const char *path = CSAT_EXAMPLE_DATA;
    if (argc > 1 && (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0)) {
        printf("usage: %s [survey.csv]\n"
               "Prints a satisfaction report; the CSV needs the columns nps (1..11),\n"
               "overall_sat (1..7) and flight_class. Default: %s\n",
               argv[0], CSAT_EXAMPLE_DATA);
        return 0;
    }
    if (argc > 2) {
        fprintf(stderr, "usage: %s [survey.csv]\n", argv[0]);
        return 2;
    }
    if (argc == 2)
        path = argv[1];

    csv_table table;
    if (csv_read("csat-report", path, &table) != 0)
        return 1;

    context c = { path, &table, 0 };
    double *nps = NULL, *sat = NULL;
    long jn = csv_column(&table, "nps");
    long js = csv_column(&table, "overall_sat");
    if (jn < 0 || js < 0)
        goto out;
    nps = csv_numeric(&table, (size_t)jn);
    sat = csv_numeric(&table, (size_t)js);
    if (nps == NULL || sat == NULL)
        goto out;
    /* nps is stored 1..11: shift back to the 0..10 scale (NaN stays NaN). */
    for (size_t i = 0; i < table.nrow; i++)
        nps[i] -= 1.0;

    printf("Customer satisfaction report\n");
    printf("  survey:  %s\n", path);
    printf("  answers: %zu respondents\n", table.nrow);
    printf("  libcsat %s\n\n", csat_version());

    report_nps(&c, nps, table.nrow);
    report_satisfaction(&c, sat, table.nrow);
    report_distribution(&c, sat, table.nrow);
    report_nps_by_group(&c, nps, "flight_class");

    free(nps);
    free(sat);
    csv_free(&table);
    return c.failures ? 1 : 0;

out:
    free(nps);
    free(sat);
    csv_free(&table);
    return 1;
}
