/*
 * csat-drivers: key drivers of overall satisfaction in a survey stored as CSV.
 *
 *     csat-drivers [survey.csv]
 *
 * The file must have a header row with the columns `overall_sat` (1..7) and
 * `s1` .. `s23` (satisfaction with 23 service attributes, 1..100), as
 * examples/data/airlinesat.csv has. Values are numbers or NA (missing).
 * The variable dictionary (data/airlinesat.Rd.txt) gives the attributes no
 * names beyond "satisfaction item", so the report calls them s1 .. s23.
 *
 * The report: the least-squares model of overall satisfaction on the 23
 * attributes (respondents with a missing rating left out), its coefficients
 * with standardised betas and VIFs, the relative importance of every
 * attribute as LMG (the Shapley decomposition of R², exact over all 2^23
 * subsets) and as Johnson's relative weights with bootstrap intervals, shown
 * as a bar chart of shares of R², and the importance-performance quadrants.
 * Every libcsat status is checked; a failure prints the library's message
 * and makes the program exit with status 1.
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

#define PROG "csat-drivers"
#define P 23           /* drivers s1 .. s23 */
#define LEVEL 0.95
#define BAR_WIDTH 30
#define BOOT_REPS 1000
#define BOOT_SEED 1

typedef struct report {
    const csv_table *table;
    char names[P][8];   /* "s1" .. "s23" */
    csat_drivers *model;
    csat_model_summary sum;
    csat_driver_info info[P];
    double lmg[P];
    double weights[P];
    int failures;
} report;

static void fail(report *r, const char *what, csat_status s, const csat_error *err)
{
    fprintf(stderr, PROG ": %s failed: %s (%s)\n", what, err->message, csat_strerror(s));
    /* The rows passed to libcsat are the rows of the table, in order. */
    if (err->index != CSAT_NO_INDEX && err->index < r->table->nrow) {
        const char *col = err->column < P ? r->names[err->column]
                          : err->column == P ? "overall_sat" : NULL;
        fprintf(stderr, PROG ":   see %s, line %zu%s%s\n", r->table->path,
                r->table->line[err->index], col ? ", column " : "", col ? col : "");
    } else if (err->column != CSAT_NO_INDEX && err->column < P) {
        fprintf(stderr, PROG ":   the driver is %s\n", r->names[err->column]);
    }
    r->failures++;
}

/* A p-value as text: four decimals, or "<.0001". */
typedef struct ptext {
    char s[16];
} ptext;

static ptext pval(double p)
{
    ptext t;
    if (p < 0.0001)
        snprintf(t.s, sizeof t.s, "%7s", "<.0001");
    else
        snprintf(t.s, sizeof t.s, "%7.4f", p);
    return t;
}

/* Drivers in decreasing order of a measure. */
typedef struct ranked {
    double key;
    int j;
} ranked;

static int by_key_desc(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? 1 : -1;
    return x->j - y->j;
}

static void order_by(const double *key, int *order)
{
    ranked rk[P];
    for (int j = 0; j < P; j++)
        rk[j] = (ranked){ key[j], j };
    qsort(rk, P, sizeof *rk, by_key_desc);
    for (int j = 0; j < P; j++)
        order[j] = rk[j].j;
}

/* ------------------------------------------------------------------------ */
/* The report sections. */

static int fit(report *r, const double *x, const double *y)
{
    csat_error err;
    csat_drivers_options opt = CSAT_DRIVERS_OPTIONS_DEFAULT;
    opt.level = LEVEL;
    csat_status s = csat_drivers_fit(x, r->table->nrow, P, P, y, NULL, &opt, &r->model, &err);
    if (s != CSAT_OK) {
        fail(r, "the key-driver model", s, &err);
        return -1;
    }
    /* Each result the library writes carries its size. */
    r->sum.size = sizeof r->sum;
    s = csat_drivers_summary(r->model, &r->sum, &err);
    for (size_t j = 0; j < P && s == CSAT_OK; j++) {
        r->info[j].size = sizeof r->info[j];
        s = csat_drivers_driver(r->model, j, &r->info[j], &err);
    }
    if (s != CSAT_OK) {
        fail(r, "reading the model", s, &err);
        return -1;
    }
    return 0;
}

static void report_model(report *r)
{
    const csat_model_summary *m = &r->sum;
    printf("Model\n");
    printf("  overall_sat (1-7) regressed on s1..s23, the satisfaction with %d\n", P);
    printf("  service attributes (1-100): least squares with an intercept;\n");
    printf("  respondents with any rating missing are left out (listwise)\n\n");
    printf("  n = %zu, missing %zu\n", m->n, m->n_missing);
    printf("  R-squared %.3f, adjusted %.3f\n", m->r2, m->adj_r2);
    printf("  F(%.0f, %.0f) = %.2f, p %s\n", m->df_model, m->df_resid, m->f,
           m->f_p < 0.0001 ? "< 0.0001" : pval(m->f_p).s);
    printf("  residual SD %.3f\n", m->sigma);
    printf("  condition number %.1f (of the drivers' correlation matrix)\n\n", m->condition);
}

static void report_coefficients(report *r)
{
    csat_error err;
    printf("Coefficients (%.0f%% CI; beta = standardised coefficient)\n\n", 100 * LEVEL);
    printf("  %-10s %9s %8s %7s %7s   %-20s %6s %6s\n", "term", "estimate", "SE", "t", "p",
           "95% CI", "beta", "VIF");
    for (size_t j = 0; j <= P; j++) {
        csat_coefficient c = CSAT_RESULT_INIT(csat_coefficient);
        csat_status s = csat_drivers_coefficient(r->model, j, &c, &err);
        if (s != CSAT_OK) {
            fail(r, "coefficient", s, &err);
            return;
        }
        char ci[40];
        snprintf(ci, sizeof ci, "[%7.4f, %7.4f]", c.ci_lower, c.ci_upper);
        printf("  %-10s %9.4f %8.4f %7.2f %s   %-20s", j == 0 ? "intercept" : r->names[j - 1],
               c.estimate, c.se, c.t, pval(c.p).s, ci);
        if (j == 0)
            printf("\n");
        else
            printf(" %6.3f %6.2f\n", r->info[j - 1].beta, r->info[j - 1].vif);
    }
    printf("\n");
}

static void report_importance(report *r)
{
    csat_error err;
    csat_importance_options iopt = CSAT_IMPORTANCE_OPTIONS_DEFAULT;
    double se[P], lower[P], upper[P];
    size_t failed = 0;

    /* Exact LMG: 2^23 = 8388608 subsets, a second or two. */
    csat_status s = csat_drivers_importance(r->model, CSAT_IMPORTANCE_LMG, &iopt, r->lmg, se, &err);
    if (s != CSAT_OK) {
        fail(r, "LMG", s, &err);
        return;
    }
    s = csat_drivers_importance(r->model, CSAT_IMPORTANCE_RELATIVE_WEIGHTS, &iopt, r->weights,
                                NULL, &err);
    if (s != CSAT_OK) {
        fail(r, "relative weights", s, &err);
        return;
    }
    csat_bootstrap_options bopt = CSAT_BOOTSTRAP_OPTIONS_DEFAULT;
    bopt.reps = BOOT_REPS;
    bopt.level = LEVEL;
    bopt.seed = BOOT_SEED;
    s = csat_drivers_bootstrap(r->model, CSAT_IMPORTANCE_RELATIVE_WEIGHTS, &bopt, lower, upper,
                               &failed, &err);
    if (s != CSAT_OK) {
        fail(r, "bootstrap of the relative weights", s, &err);
        return;
    }

    double r2 = r->sum.r2, top = 0;
    for (int j = 0; j < P; j++)
        top = r->lmg[j] > top ? r->lmg[j] : top;
    int order[P];
    order_by(r->lmg, order);

    printf("Relative importance: shares of R-squared = %.3f\n", r2);
    printf("  LMG (Shapley value of R-squared), exact over all %lu subsets of the\n",
           1UL << P);
    printf("  drivers; Johnson's relative weights with %.0f%% bootstrap intervals\n",
           100 * LEVEL);
    printf("  (%d replicates, seed %d%s)\n\n", BOOT_REPS, BOOT_SEED,
           failed ? ", some redrawn as singular" : "");
    printf("  %-6s %7s %6s  %7s %6s  %-18s  LMG share\n", "driver", "LMG", "share", "weight",
           "share", "95% CI (weight)");
    for (int i = 0; i < P; i++) {
        int j = order[i];
        int len = top > 0 ? (int)lround(BAR_WIDTH * r->lmg[j] / top) : 0;
        char bar[BAR_WIDTH + 1];
        memset(bar, '#', (size_t)len);
        bar[len] = '\0';
        printf("  %-6s %7.4f %5.1f%%  %7.4f %5.1f%%  [%6.4f, %6.4f]  %s\n", r->names[j], r->lmg[j],
               100 * r->lmg[j] / r2, r->weights[j], 100 * r->weights[j] / r2, lower[j], upper[j],
               bar);
    }
    printf("\n");
}

static void report_ipa(report *r)
{
    static const char *const title[4] = {
        [CSAT_IPA_CONCENTRATE_HERE] = "concentrate here (important, performing below the mean)",
        [CSAT_IPA_KEEP_UP] = "keep up the good work (important, performing well)",
        [CSAT_IPA_LOW_PRIORITY] = "low priority (less important, performing below the mean)",
        [CSAT_IPA_POSSIBLE_OVERKILL] = "possible overkill (less important, performing well)",
    };
    csat_error err;
    double perf[P], mi = 0, mp = 0;
    csat_ipa_quadrant quadrant[P];

    for (int j = 0; j < P; j++) {
        perf[j] = r->info[j].mean;
        mi += r->lmg[j] / P;
        mp += perf[j] / P;
    }
    /* Crosshairs at the means (NaN, the default). */
    csat_ipa_options opt = CSAT_IPA_OPTIONS_DEFAULT;
    csat_status s = csat_drivers_ipa(r->lmg, perf, P, &opt, quadrant, &err);
    if (s != CSAT_OK) {
        fail(r, "importance-performance analysis", s, &err);
        return;
    }
    int order[P];
    order_by(r->lmg, order);

    printf("Importance-performance analysis\n");
    printf("  importance = LMG, performance = mean rating (1-100) of the %zu respondents\n",
           r->sum.n);
    printf("  in the model; crosshairs at the means: importance %.4f, performance %.1f\n\n", mi,
           mp);
    for (int q = 0; q < 4; q++) {
        printf("  %s\n", title[q]);
        int any = 0;
        for (int i = 0; i < P; i++) {
            int j = order[i];
            if ((int)quadrant[j] != q)
                continue;
            printf("    %-6s LMG %6.4f   mean %5.1f\n", r->names[j], r->lmg[j], perf[j]);
            any = 1;
        }
        if (!any)
            printf("    (none)\n");
    }
    printf("\n");
}

/* ------------------------------------------------------------------------ */

int main(int argc, char **argv)
{
    const char *path = CSAT_EXAMPLE_DATA;
    if (argc > 1 && (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0)) {
        printf("usage: %s [survey.csv]\n"
               "Prints the key drivers of overall satisfaction; the CSV needs the columns\n"
               "overall_sat (1..7) and s1..s23 (1..100). Default: %s\n",
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
    if (csv_read(PROG, path, &table) != 0)
        return 1;

    report r;
    memset(&r, 0, sizeof r);
    r.table = &table;
    for (int j = 0; j < P; j++)
        snprintf(r.names[j], sizeof r.names[j], "s%d", j + 1);

    int status = 1;
    double *x = malloc((table.nrow ? table.nrow : 1) * P * sizeof *x), *y = NULL;
    if (x == NULL) {
        fprintf(stderr, PROG ": out of memory\n");
        goto out;
    }
    /* The drivers as a row-major n × 23 matrix; NA stays NaN, and libcsat
     * leaves out (and counts) every row with a NaN. */
    for (int j = 0; j < P; j++) {
        long col = csv_column(&table, r.names[j]);
        if (col < 0)
            goto out;
        double *v = csv_numeric(&table, (size_t)col);
        if (v == NULL)
            goto out;
        for (size_t i = 0; i < table.nrow; i++)
            x[i * P + (size_t)j] = v[i];
        free(v);
    }
    long jy = csv_column(&table, "overall_sat");
    if (jy < 0 || (y = csv_numeric(&table, (size_t)jy)) == NULL)
        goto out;

    printf("Key drivers of overall satisfaction\n");
    printf("  survey:  %s\n", path);
    printf("  answers: %zu respondents\n", table.nrow);
    printf("  libcsat %s\n\n", csat_version());

    if (fit(&r, x, y) == 0) {
        report_model(&r);
        report_coefficients(&r);
        report_importance(&r);
        if (r.failures == 0)
            report_ipa(&r);
    }
    status = r.failures ? 1 : 0;

out:
    csat_drivers_free(r.model);
    free(x);
    free(y);
    csv_free(&table);
    return status;
}
