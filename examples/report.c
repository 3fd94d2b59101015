/*
 * csat-report: a customer-satisfaction report of a survey stored as CSV.
 *
 *     csat-report [survey.csv]
 *
 * The file must have a header row with the columns `nps` (likelihood to
 * recommend, stored 1..11 = 0..10 shifted by +1), `overall_sat` (1..7),
 * `flight_purpose`, `flight_class`, `e1` .. `e23` (expectations of 23
 * service attributes, 1..100) and `s1` .. `s23` (satisfaction with the same
 * attributes, 1..100), as examples/data/airlinesat.csv has. Values are
 * numbers or NA (missing); fields may be quoted ("..." with "" for a quote).
 *
 * The report: NPS with 95 % intervals, CSAT and top-2-box of overall
 * satisfaction, its mean, its distribution as a bar chart; the NPS of each
 * flight class, and each class against the rest of the sample as the
 * library compares a family of groups (classes with fewer than 30 answers
 * flagged small and not compared, Holm-adjusted p-values); the NPS and CSAT
 * of each segment (flight purpose, flight class) against the rest of the
 * sample, with Holm-adjusted p-values; and the gap between satisfaction and
 * expectation for the 23 attributes (paired t tests, Holm-adjusted).
 *
 * Scores by segment come from the grouped calls of csat/groups.h: one call
 * over the whole column with a group code per row (the index of its label;
 * NA or an empty label is in no group), once for the segments and once,
 * with complement = 1, for the rest of each. Scores are those of the
 * segment's rows; NPS standard errors are domain standard errors (the whole
 * sample's N, as R survey's svyby), a little smaller than those of the
 * segment's rows scored alone.
 *
 * Every libcsat status is checked; a failure prints the library's message
 * (with the CSV line of the offending answer) and makes the program exit
 * with status 1.
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

#define LEVEL 0.95
#define BAR_WIDTH 40
#define ATTRIBUTES 23 /* e1..e23 and s1..s23 */

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
    csat_nps_result wald = CSAT_RESULT_INIT(csat_nps_result);
    csat_nps_result adj = CSAT_RESULT_INIT(csat_nps_result);

    csat_status s = csat_score_nps(nps, n, NULL, &opt, &wald, &err);
    if (s != CSAT_OK) {
        fail(c, "NPS", s, &err, NULL);
        return;
    }
    opt.method = CSAT_NPS_ADJUSTED_WALD;
    s = csat_score_nps(nps, n, NULL, &opt, &adj, &err);
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
    csat_csat_options copt = { sizeof(csat_csat_options), 1, 7, 5, LEVEL };
    csat_scale_options sopt = { sizeof(csat_scale_options), 1, 7, LEVEL };
    csat_mean_options mopt = { sizeof(csat_mean_options), LEVEL };
    csat_share_result cs = CSAT_RESULT_INIT(csat_share_result);
    csat_share_result top2 = CSAT_RESULT_INIT(csat_share_result);
    csat_mean_result mean = CSAT_RESULT_INIT(csat_mean_result);

    csat_status s = csat_score_csat(sat, n, NULL, &copt, &cs, &err);
    if (s != CSAT_OK) {
        fail(c, "CSAT", s, &err, NULL);
        return;
    }
    s = csat_score_top_box(sat, n, NULL, 2, &sopt, &top2, &err);
    if (s != CSAT_OK) {
        fail(c, "top-2-box", s, &err, NULL);
        return;
    }
    s = csat_score_mean(sat, n, NULL, &mopt, &mean, &err);
    if (s != CSAT_OK) {
        fail(c, "mean score", s, &err, NULL);
        return;
    }

    printf("Overall satisfaction\n");
    printf("  column overall_sat, 1-7 (7 = very satisfied)\n\n");
    /* Shares and their intervals are proportions; the report shows percent. */
    printf("  CSAT (5-7 of 1-7)       %5.1f %%   95%% CI [%5.1f, %5.1f] %%  Wilson\n", cs.score,
           100 * cs.ci_lower, 100 * cs.ci_upper);
    printf("  top-2-box (6-7 of 1-7)  %5.1f %%   95%% CI [%5.1f, %5.1f] %%  Wilson\n",
           top2.score, 100 * top2.ci_lower, 100 * top2.ci_upper);
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
    csat_scale_options opt = { sizeof(csat_scale_options), LO, HI, LEVEL };
    double counts[LEN], shares[LEN];
    csat_sample sample = CSAT_RESULT_INIT(csat_sample);

    csat_status s = csat_score_distribution(sat, n, NULL, &opt, counts, NULL, shares, LEN, &sample,
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

/* A p-value as text, six characters: four decimals, or "<.0001". */
typedef struct ptext {
    char s[16];
} ptext;

static ptext pval(double p)
{
    ptext t;
    if (p < 0.0001)
        snprintf(t.s, sizeof t.s, "%6s", "<.0001");
    else
        snprintf(t.s, sizeof t.s, "%6.4f", p);
    return t;
}

static int compare_strings(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* A label that says nothing (empty or NA): its answers belong to no group. */
static int missing_label(const char *name)
{
    return *name == '\0' || strcmp(name, "NA") == 0;
}

/* The groups of column j for the grouped scores: the distinct labels,
 * sorted, into names[] (room for nrow entries), and each row's group code,
 * the index of its label in names[], into codes[] (CSAT_GROUP_NONE for a
 * missing label; `unlabelled` counts those rows). Returns the number of
 * groups. */
static size_t group_codes(const csv_table *t, size_t j, const char **names, int32_t *codes,
                          size_t *unlabelled)
{
    size_t n = t->nrow, m = 0, ngroups = 0;
    for (size_t i = 0; i < n; i++)
        if (!missing_label(t->cell[i * t->ncol + j]))
            names[m++] = t->cell[i * t->ncol + j];
    qsort(names, m, sizeof *names, compare_strings);
    for (size_t i = 0; i < m; i++)
        if (ngroups == 0 || strcmp(names[i], names[ngroups - 1]) != 0)
            names[ngroups++] = names[i];
    *unlabelled = 0;
    for (size_t i = 0; i < n; i++) {
        const char *label = t->cell[i * t->ncol + j];
        const char **hit = missing_label(label) ? NULL
                           : bsearch(&label, names, ngroups, sizeof *names, compare_strings);
        if (hit == NULL) {
            codes[i] = CSAT_GROUP_NONE;
            ++*unlabelled;
        } else {
            codes[i] = (int32_t)(hit - names);
        }
    }
    return ngroups;
}

/* NPS of every group of one column and, with complement = 1, of the rest of
 * each group: two grouped calls over the whole column. `flags` receives the
 * groups' flags. Returns 0, or -1 after reporting the failure. Errors name
 * the row of the table itself (the arrays are its columns). */
static int nps_grouped(context *c, const char *column, const double *nps, const int32_t *codes,
                       size_t ngroups, const csat_group_options *gopt_in, csat_nps_result *res,
                       csat_nps_result *rest, int *flags)
{
    csat_error err;
    csat_group_options gopt = *gopt_in;
    char what[96];
    res[0] = (csat_nps_result)CSAT_RESULT_INIT(csat_nps_result);
    rest[0] = (csat_nps_result)CSAT_RESULT_INIT(csat_nps_result);
    gopt.complement = 0;
    csat_status s = csat_score_nps_grouped(nps, c->table->nrow, NULL, codes, ngroups, NULL, &gopt,
                                           res, flags, ngroups, &err);
    if (s != CSAT_OK) {
        snprintf(what, sizeof what, "NPS by %.40s", column);
        fail(c, what, s, &err, NULL);
        return -1;
    }
    gopt.complement = 1;
    s = csat_score_nps_grouped(nps, c->table->nrow, NULL, codes, ngroups, NULL, &gopt, rest,
                               NULL, ngroups, &err);
    if (s != CSAT_OK) {
        snprintf(what, sizeof what, "NPS of the rest by %.40s", column);
        fail(c, what, s, &err, NULL);
        return -1;
    }
    return 0;
}

/* The NPS of each group of a column (one grouped call, domain intervals),
 * then each group against the rest of the sample as the library compares a
 * family of groups: groups flagged small (fewer than min_n answers) or
 * empty are shown and not compared, the others Holm-adjusted together. */
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
    int32_t *codes = malloc((n ? n : 1) * sizeof *codes);
    csat_nps_result *res = NULL, *rest = NULL;
    csat_group_comparison *cmp = NULL;
    int *flags = NULL;
    if (names == NULL || codes == NULL)
        goto nomem;

    size_t unlabelled, ngroups = group_codes(t, (size_t)j, names, codes, &unlabelled);

    printf("NPS by %s (Wald 95%% CI)\n", column);
    printf("  intervals by %s: domain estimation, as R survey's svyby\n\n", column);
    printf("  %-12s %6s %7s   95%% CI\n", column, "n", "NPS");
    if (ngroups == 0) {
        printf("  (no answer has a %s)\n\n", column);
        goto done;
    }
    res = malloc(ngroups * sizeof *res);
    rest = malloc(ngroups * sizeof *rest);
    flags = malloc(ngroups * sizeof *flags);
    cmp = malloc(ngroups * sizeof *cmp);
    if (res == NULL || rest == NULL || flags == NULL || cmp == NULL)
        goto nomem;

    csat_group_options gopt = CSAT_GROUP_OPTIONS_DEFAULT;
    if (nps_grouped(c, column, nps, codes, ngroups, &gopt, res, rest, flags) != 0)
        goto done;
    for (size_t g = 0; g < ngroups; g++) {
        /* A group whose answers are all missing is a fact worth showing (the
         * library flags it), not a failure. */
        if (flags[g] == CSAT_GROUP_EMPTY)
            printf("  %-12s %6zu %7s   (no valid answer)\n", names[g], res[g].n_missing, "-");
        else
            printf("  %-12s %6zu %+7.1f   [%s, %s]\n", names[g], res[g].n, res[g].score,
                   num(6, 1, 1, res[g].ci_lower).s, num(6, 1, 1, res[g].ci_upper).s);
    }
    if (unlabelled)
        printf("  %zu answers without a %s are in no group\n", unlabelled, column);
    printf("\n");

    csat_error err;
    csat_compare_options copt = CSAT_COMPARE_OPTIONS_DEFAULT;
    copt.level = LEVEL;
    copt.adjust = CSAT_ADJUST_HOLM;
    size_t count = 0, made = 0;
    cmp[0] = (csat_group_comparison)CSAT_RESULT_INIT(csat_group_comparison);
    csat_status s = csat_compare_groups_nps(res, rest, flags, ngroups, CSAT_CONTRAST_REST, 0, 0.0,
                                            &copt, cmp, ngroups, &count, &err);
    if (s != CSAT_OK) {
        char what[80];
        snprintf(what, sizeof what, "NPS of each %.40s against the rest", column);
        fail(c, what, s, &err, NULL);
        goto done;
    }
    for (size_t k = 0; k < count; k++)
        made += cmp[k].skipped == 0;

    printf("NPS of each %s against the rest of the sample\n", column);
    printf("  z test, Wald 95%% CI; p-values Holm-adjusted over the %zu comparisons\n", made);
    printf("  made; a %s with fewer than %zu valid answers is flagged small\n", column,
           gopt.min_n);
    printf("  and not compared (its interval is not reliable)\n\n");
    printf("  %-12s %6s %7s %7s %7s  %-16s %6s  %6s\n", column, "n", "NPS", "rest", "diff",
           "95% CI", "p", "Holm p");
    for (size_t k = 0; k < count; k++) {
        size_t g = cmp[k].group;
        if (cmp[k].skipped) {
            printf("  %-12s %6zu %s %s  not compared: %s\n", names[g], res[g].n,
                   num(7, 1, 1, res[g].score).s, num(7, 1, 1, rest[g].score).s,
                   cmp[k].skipped == CSAT_GROUP_SMALL ? "small"
                   : res[g].n == 0                    ? "no valid answer"
                                                      : "the rest has no valid answer");
            continue;
        }
        printf("  %-12s %6zu %+7.1f %+7.1f %+7.1f  [%+6.1f, %+6.1f] %s  %s\n", names[g],
               res[g].n, res[g].score, rest[g].score, cmp[k].diff, cmp[k].ci_lower,
               cmp[k].ci_upper, pval(cmp[k].p).s, pval(cmp[k].p_adjusted).s);
    }
    printf("\n");
    goto done;

nomem:
    fprintf(stderr, "csat-report: out of memory\n");
    c->failures++;
done:
    free(names);
    free(codes);
    free(res);
    free(rest);
    free(flags);
    free(cmp);
}

/* ------------------------------------------------------------------------ */
/* Segments against the rest of the sample. */

typedef struct segment {
    char label[48];
    int small;            /* fewer than min_n valid answers (NPS or CSAT) */
    int nps_ok, csat_ok;  /* compared: the segment and its rest have answers */
    csat_nps_result nps, nps_rest;
    csat_share_result csat, csat_rest;
    csat_comparison d_nps, d_csat;
} segment;

/* The segments of column j (each against the rest; of a variable with two
 * segments only the first), appended to *seg: the NPS and CSAT of every
 * segment and of every rest come from four grouped calls over the whole
 * columns. Returns 0, or -1 after reporting the failure. */
static int compare_column(context *c, size_t j, const double *nps, const double *sat,
                          const char **names, int32_t *codes, segment **seg, size_t *nseg,
                          size_t *cap)
{
    const csv_table *t = c->table;
    csat_error err;
    csat_csat_options copt = { sizeof(csat_csat_options), 1, 7, 5, LEVEL };
    csat_compare_options cmp = CSAT_COMPARE_OPTIONS_DEFAULT;
    csat_group_options gopt = CSAT_GROUP_OPTIONS_DEFAULT;
    csat_status s;
    char what[96];
    int rc = -1;
    cmp.level = LEVEL;

    size_t unlabelled, ngroups = group_codes(t, j, names, codes, &unlabelled);
    /* With two segments, one against the rest is the other's mirror image:
     * compare only the first with the second. */
    size_t ncompare = ngroups == 2 ? 1 : ngroups < 2 ? 0 : ngroups;
    if (ncompare == 0)
        return 0;

    csat_nps_result *nr = malloc(ngroups * sizeof *nr), *nrest = malloc(ngroups * sizeof *nrest);
    csat_share_result *cr = malloc(ngroups * sizeof *cr), *crest = malloc(ngroups * sizeof *crest);
    int *nflags = malloc(ngroups * sizeof *nflags), *cflags = malloc(ngroups * sizeof *cflags);
    if (nr == NULL || nrest == NULL || cr == NULL || crest == NULL || nflags == NULL
        || cflags == NULL) {
        fprintf(stderr, "csat-report: out of memory\n");
        c->failures++;
        goto done;
    }
    if (nps_grouped(c, t->header[j], nps, codes, ngroups, &gopt, nr, nrest, nflags) != 0)
        goto done;
    cr[0] = (csat_share_result)CSAT_RESULT_INIT(csat_share_result);
    crest[0] = (csat_share_result)CSAT_RESULT_INIT(csat_share_result);
    snprintf(what, sizeof what, "CSAT by %.40s", t->header[j]);
    s = csat_score_csat_grouped(sat, t->nrow, NULL, codes, ngroups, &copt, &gopt, cr, cflags,
                                ngroups, &err);
    if (s == CSAT_OK) {
        gopt.complement = 1;
        snprintf(what, sizeof what, "CSAT of the rest by %.40s", t->header[j]);
        s = csat_score_csat_grouped(sat, t->nrow, NULL, codes, ngroups, &copt, &gopt, crest, NULL,
                                    ngroups, &err);
    }
    if (s != CSAT_OK) {
        fail(c, what, s, &err, NULL);
        goto done;
    }

    for (size_t g = 0; g < ncompare; g++) {
        if (*nseg == *cap) {
            size_t newcap = *cap ? 2 * *cap : 8;
            segment *more = realloc(*seg, newcap * sizeof *more);
            if (more == NULL) {
                fprintf(stderr, "csat-report: out of memory\n");
                c->failures++;
                goto done;
            }
            *seg = more;
            *cap = newcap;
        }
        segment *sg = &(*seg)[(*nseg)++];
        snprintf(sg->label, sizeof sg->label, "%.16s %.24s", t->header[j], names[g]);
        /* Copies of elements of the result arrays: each gets its own size. */
        sg->nps = nr[g];
        sg->nps_rest = nrest[g];
        sg->csat = cr[g];
        sg->csat_rest = crest[g];
        sg->nps.size = sg->nps_rest.size = sizeof sg->nps;
        sg->csat.size = sg->csat_rest.size = sizeof sg->csat;
        sg->d_nps = (csat_comparison)CSAT_RESULT_INIT(csat_comparison);
        sg->d_csat = (csat_comparison)CSAT_RESULT_INIT(csat_comparison);
        sg->small = nflags[g] == CSAT_GROUP_SMALL || cflags[g] == CSAT_GROUP_SMALL;
        /* A segment (or a rest) without a valid answer is shown, not compared. */
        sg->nps_ok = sg->nps.n > 0 && sg->nps_rest.n > 0;
        sg->csat_ok = sg->csat.n > 0 && sg->csat_rest.n > 0;
        snprintf(what, sizeof what, "NPS comparison of %s", sg->label);
        if (sg->nps_ok
            && (s = csat_compare_nps(&sg->nps, &sg->nps_rest, &cmp, &sg->d_nps, &err)) != CSAT_OK) {
            fail(c, what, s, &err, NULL);
            goto done;
        }
        snprintf(what, sizeof what, "CSAT comparison of %s", sg->label);
        if (sg->csat_ok
            && (s = csat_compare_shares(&sg->csat, &sg->csat_rest, &cmp, &sg->d_csat, &err))
                   != CSAT_OK) {
            fail(c, what, s, &err, NULL);
            goto done;
        }
    }
    rc = 0;

done:
    free(nr);
    free(nrest);
    free(cr);
    free(crest);
    free(nflags);
    free(cflags);
    return rc;
}

static void report_segments(context *c, const double *nps, const double *sat,
                            const char *const *columns, size_t ncolumns)
{
    const csv_table *t = c->table;
    size_t n = t->nrow ? t->nrow : 1;
    const char **names = malloc(n * sizeof *names);
    int32_t *codes = malloc(n * sizeof *codes);
    segment *seg = NULL;
    double *p = NULL, *holm = NULL;
    size_t *which = NULL;
    size_t nseg = 0, cap = 0;
    if (names == NULL || codes == NULL)
        goto nomem;

    for (size_t k = 0; k < ncolumns; k++) {
        long j = csv_column(t, columns[k]);
        if (j < 0) {
            c->failures++;
            goto done;
        }
        if (compare_column(c, (size_t)j, nps, sat, names, codes, &seg, &nseg, &cap) != 0)
            goto done;
    }
    if (nseg == 0)
        goto done;

    /* One family: the NPS comparisons made, then the CSAT comparisons made.
     * which[i] is the position of comparison i (NPS: i, CSAT: nseg + i). */
    p = malloc(2 * nseg * sizeof *p);
    holm = malloc(2 * nseg * sizeof *holm);
    which = malloc(2 * nseg * sizeof *which);
    if (p == NULL || holm == NULL || which == NULL)
        goto nomem;
    size_t m = 0;
    for (size_t i = 0; i < nseg; i++)
        if (seg[i].nps_ok) {
            which[m] = i;
            p[m++] = seg[i].d_nps.p;
        }
    for (size_t i = 0; i < nseg; i++)
        if (seg[i].csat_ok) {
            which[m] = nseg + i;
            p[m++] = seg[i].d_csat.p;
        }
    double *adjusted = malloc((m ? m : 1) * sizeof *adjusted);
    if (adjusted == NULL)
        goto nomem;
    for (size_t i = 0; i < 2 * nseg; i++)
        holm[i] = NAN;
    if (m > 0) {
        csat_error err;
        csat_compare_options holm_opt = CSAT_COMPARE_OPTIONS_DEFAULT;
        holm_opt.adjust = CSAT_ADJUST_HOLM;
        csat_status s = csat_compare_adjust(p, m, &holm_opt, adjusted, &err);
        if (s != CSAT_OK) {
            fail(c, "Holm adjustment", s, &err, NULL);
            free(adjusted);
            goto done;
        }
        for (size_t i = 0; i < m; i++)
            holm[which[i]] = adjusted[i];
    }
    free(adjusted);

    printf("Segments against the rest of the sample\n");
    printf("  each segment against all other respondents (of a variable with two\n");
    printf("  segments only the first, against the second); 95%% CI; p-values\n");
    printf("  Holm-adjusted over all %zu comparisons of this section\n\n", m);
    printf("  NPS: difference in points, z test, Wald CI\n");
    printf("  (domain standard errors of segment and rest, as R survey's svyby)\n");
    printf("  %-23s %5s %6s %6s %6s  %-16s %6s  %6s\n", "segment", "n", "NPS", "rest", "diff",
           "95% CI", "p", "Holm p");
    for (size_t i = 0; i < nseg; i++) {
        if (!seg[i].nps_ok) {
            printf("  %-23s %5zu %s %s  not compared: no valid answer\n", seg[i].label,
                   seg[i].nps.n, num(6, 1, 1, seg[i].nps.score).s,
                   num(6, 1, 1, seg[i].nps_rest.score).s);
            continue;
        }
        printf("  %-23s %5zu %+6.1f %+6.1f %+6.1f  [%+6.1f, %+6.1f] %s  %s\n", seg[i].label,
               seg[i].nps.n, seg[i].nps.score, seg[i].nps_rest.score, seg[i].d_nps.diff,
               seg[i].d_nps.ci_lower, seg[i].d_nps.ci_upper, pval(seg[i].d_nps.p).s,
               pval(holm[i]).s);
    }
    printf("\n  CSAT (5-7 of 1-7): difference in percentage points, pooled z test,\n");
    printf("  Newcombe hybrid score CI\n");
    printf("  %-23s %5s %6s %6s %6s  %-16s %6s  %6s\n", "segment", "n", "CSAT", "rest", "diff",
           "95% CI", "p", "Holm p");
    /* The difference of two shares is a proportion: 100 × it is in points. */
    for (size_t i = 0; i < nseg; i++) {
        if (!seg[i].csat_ok) {
            printf("  %-23s %5zu %s %s  not compared: no valid answer\n", seg[i].label,
                   seg[i].csat.n, num(6, 1, 0, seg[i].csat.score).s,
                   num(6, 1, 0, seg[i].csat_rest.score).s);
            continue;
        }
        printf("  %-23s %5zu %6.1f %6.1f %+6.1f  [%+6.1f, %+6.1f] %s  %s\n", seg[i].label,
               seg[i].csat.n, seg[i].csat.score, seg[i].csat_rest.score,
               100 * seg[i].d_csat.diff, 100 * seg[i].d_csat.ci_lower,
               100 * seg[i].d_csat.ci_upper, pval(seg[i].d_csat.p).s, pval(holm[nseg + i]).s);
    }
    printf("\n  Each segment is compared with the rest: two independent samples. Against\n");
    printf("  the whole sample, which contains the segment, these tests would not hold.\n");
    int any_small = 0;
    for (size_t i = 0; i < nseg; i++)
        any_small |= seg[i].small;
    if (any_small) {
        csat_group_options gopt = CSAT_GROUP_OPTIONS_DEFAULT;
        printf("  Fewer than %zu valid answers (flagged small; intervals not reliable):\n",
               gopt.min_n);
        for (size_t i = 0; i < nseg; i++)
            if (seg[i].small)
                printf("    %s\n", seg[i].label);
    }
    printf("\n");
    goto done;

nomem:
    fprintf(stderr, "csat-report: out of memory\n");
    c->failures++;
done:
    free(names);
    free(codes);
    free(seg);
    free(p);
    free(holm);
    free(which);
}

/* ------------------------------------------------------------------------ */
/* Expectations against satisfaction. */

typedef struct by_gap {
    double gap;
    size_t j;
} by_gap;

static int compare_gaps(const void *a, const void *b)
{
    const by_gap *x = a, *y = b;
    if (x->gap != y->gap)
        return x->gap < y->gap ? -1 : 1;
    return (x->j > y->j) - (x->j < y->j);
}

static void report_gaps(context *c)
{
    enum { K = ATTRIBUTES };
    const csv_table *t = c->table;
    size_t n = t->nrow;
    double *e = malloc((n ? n : 1) * K * sizeof *e);
    double *s = malloc((n ? n : 1) * K * sizeof *s);
    double *ej = malloc((n ? n : 1) * sizeof *ej), *sj = malloc((n ? n : 1) * sizeof *sj);
    if (e == NULL || s == NULL || ej == NULL || sj == NULL) {
        fprintf(stderr, "csat-report: out of memory\n");
        c->failures++;
        goto done;
    }
    /* Two n x 23 row-major matrices: e1..e23 and s1..s23. */
    for (size_t k = 0; k < K; k++) {
        char name[8];
        double *col;
        for (int which = 0; which < 2; which++) {
            snprintf(name, sizeof name, "%c%zu", which ? 's' : 'e', k + 1);
            long j = csv_column(t, name);
            if (j < 0 || (col = csv_numeric(t, (size_t)j)) == NULL) {
                c->failures++;
                goto done;
            }
            for (size_t i = 0; i < n; i++)
                (which ? s : e)[i * K + k] = col[i];
            free(col);
        }
    }

    csat_error err;
    csat_comparison gap[K] = { CSAT_RESULT_INIT(csat_comparison) };
    size_t pairs[K];
    double p[K], holm[K];
    csat_mean_result mean_e[K], mean_s[K];
    csat_compare_options opt = CSAT_COMPARE_OPTIONS_DEFAULT;
    opt.level = LEVEL;
    opt.adjust = CSAT_ADJUST_HOLM;
    csat_status st = csat_compare_gap(e, s, n, K, K, &opt, gap, pairs, &err);
    if (st != CSAT_OK) {
        fail(c, "expectation-satisfaction gap", st, &err, NULL);
        if (err.column < K)
            fprintf(stderr, "csat-report:   the attribute is e%zu / s%zu\n", err.column + 1,
                    err.column + 1);
        goto done;
    }
    for (size_t k = 0; k < K; k++) {
        /* The mean expectation and satisfaction of the pairs the gap used. */
        size_t m = 0;
        for (size_t i = 0; i < n; i++) {
            if (!isnan(e[i * K + k]) && !isnan(s[i * K + k])) {
                ej[m] = e[i * K + k];
                sj[m++] = s[i * K + k];
            }
        }
        mean_e[k].size = sizeof mean_e[k];
        mean_s[k].size = sizeof mean_s[k];
        st = csat_score_mean(ej, m, NULL, NULL, &mean_e[k], &err);
        if (st == CSAT_OK)
            st = csat_score_mean(sj, m, NULL, NULL, &mean_s[k], &err);
        if (st != CSAT_OK) {
            fail(c, "mean of an attribute", st, &err, NULL);
            goto done;
        }
        p[k] = gap[k].p;
    }
    st = csat_compare_adjust(p, K, &opt, holm, &err);
    if (st != CSAT_OK) {
        fail(c, "Holm adjustment", st, &err, NULL);
        goto done;
    }
    by_gap order[K];
    for (size_t k = 0; k < K; k++)
        order[k] = (by_gap){ gap[k].diff, k };
    qsort(order, K, sizeof *order, compare_gaps);

    printf("Expectations vs satisfaction\n");
    printf("  gap = satisfaction s_j minus expectation e_j of the same attribute\n");
    printf("  (both 1-100), mean over the respondents who rated both; paired t test,\n");
    printf("  95%% CI; p-values Holm-adjusted over the %d attributes; largest\n", K);
    printf("  shortfall first\n\n");
    printf("  %-9s %5s %8s %9s %6s  %-16s %7s %6s  %6s\n", "attribute", "pairs", "expected",
           "perceived", "gap", "95% CI", "t", "p", "Holm p");
    for (size_t r = 0; r < K; r++) {
        size_t k = order[r].j;
        char label[8];
        snprintf(label, sizeof label, "s%zu", k + 1);
        printf("  %-9s %5zu %8.1f %9.1f %+6.1f  [%+6.1f, %+6.1f] %7.2f %s  %s\n", label,
               pairs[k], mean_e[k].score, mean_s[k].score, gap[k].diff, gap[k].ci_lower,
               gap[k].ci_upper, gap[k].statistic, pval(gap[k].p).s, pval(holm[k]).s);
    }
    printf("\n");

done:
    free(e);
    free(s);
    free(ej);
    free(sj);
}

/* ------------------------------------------------------------------------ */

int main(int argc, char **argv)
{
    const char *path = CSAT_EXAMPLE_DATA;
    if (argc > 1 && (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0)) {
        printf("usage: %s [survey.csv]\n"
               "Prints a satisfaction report; the CSV needs the columns nps (1..11),\n"
               "overall_sat (1..7), flight_purpose, flight_class, e1..e23 and s1..s23\n"
               "(1..100). Default: %s\n",
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
    static const char *const segments[] = { "flight_purpose", "flight_class" };
    report_segments(&c, nps, sat, segments, 2);
    report_gaps(&c);

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
