/*
 * csat-tracking: a monthly NPS tracking table with control limits and trend.
 *
 *     csat-tracking
 *
 * What it shows: twelve monthly survey waves, generated deterministically
 * (a linear congruential generator with a fixed seed, so every run prints
 * the same table), scored in one pass with csat_score_nps_grouped() (the
 * month is the group code of each answer) and turned into a tracking table
 * by csat_compare_track_nps():
 *
 *   - each month's NPS with its 95 % interval (domain standard errors);
 *   - the change from the previous charted month, with the p-value of its
 *     z test (fresh respondents every month: independent samples);
 *   - a Shewhart control chart: the centre pools the earlier charted months,
 *     the 3-sigma limits are those of the month's own sample size, and a
 *     month outside them is marked as a signal;
 *   - the trend of the charted months (inverse-variance weighted least
 *     squares, NPS points per month, with its interval and p-value).
 *
 * About 300 answers a month, NPS near +30. May has only 20 answers: the
 * library flags it small (fewer than min_n = 30) and the table shows its
 * score without charting it, pooling it or using it in the trend; June's
 * change is measured from April. September has more detractors (NPS near
 * 0): the chart flags it. doc/methods.md, "Tracking over periods", has the
 * formulas. Every libcsat status is checked; a failure prints the library's
 * message and makes the program exit with status 1.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csat.h>

#define MONTHS 12
#define LEVEL 0.95
#define SEED 2024u

static const char *const month_name[MONTHS] = {
    "2024-01", "2024-02", "2024-03", "2024-04", "2024-05", "2024-06",
    "2024-07", "2024-08", "2024-09", "2024-10", "2024-11", "2024-12",
};

/* ------------------------------------------------------------------------ */
/* Generated waves. */

/* A 64-bit linear congruential generator (Knuth's MMIX constants); the
 * high bits are the random ones. */
static uint64_t lcg_state = SEED;

static uint32_t lcg_next(void)
{
    lcg_state = lcg_state * 6364136223846793005u + 1442695040888963407u;
    return (uint32_t)(lcg_state >> 33);
}

/* An integer in lo..hi, each about equally likely. */
static int lcg_int(int lo, int hi)
{
    return lo + (int)(lcg_next() % (uint32_t)(hi - lo + 1));
}

/* A number in [0, 1). */
static double lcg_unit(void)
{
    return lcg_next() / 2147483648.0; /* 2^31: lcg_next gives 31 bits */
}

/* Answers of month m (0..11) on the 0-10 scale, appended to x with the
 * month as their group code. Returns the number of answers. */
static size_t generate_month(int m, double *x, int32_t *g)
{
    /* May (m = 4) is a small wave; September (m = 8) has more detractors. */
    size_t n = m == 4 ? 20 : (size_t)lcg_int(280, 320);
    double p_promoter = m == 8 ? 0.35 : 0.45;
    double p_detractor = m == 8 ? 0.35 : 0.15;
    for (size_t i = 0; i < n; i++) {
        double u = lcg_unit();
        int answer;
        if (u < p_promoter)
            answer = lcg_int(9, 10);
        else if (u < p_promoter + p_detractor)
            answer = lcg_int(0, 6);
        else
            answer = lcg_int(7, 8);
        x[i] = answer;
        g[i] = m;
    }
    return n;
}

/* ------------------------------------------------------------------------ */
/* Printing. */

/* One number with a fixed width, one decimal and a sign, or blanks when it
 * is NaN (the change of the first month, the limits of an uncharted one). */
typedef struct numtext {
    char s[40];
} numtext;

static numtext num(int width, double v)
{
    numtext t;
    if (isnan(v))
        snprintf(t.s, sizeof t.s, "%*s", width, "");
    else
        snprintf(t.s, sizeof t.s, "%+*.1f", width, v);
    return t;
}

/* A p-value in six characters: four decimals, "<.0001", or blanks for NaN. */
static numtext pval(double p)
{
    numtext t;
    if (isnan(p))
        snprintf(t.s, sizeof t.s, "%6s", "");
    else if (p < 0.0001)
        snprintf(t.s, sizeof t.s, "%6s", "<.0001");
    else
        snprintf(t.s, sizeof t.s, "%6.4f", p);
    return t;
}

/* Control limits as "[lcl, ucl]", or blanks before the chart starts. */
static numtext limits(const csat_track_point *pt)
{
    numtext t;
    if (isnan(pt->lcl))
        snprintf(t.s, sizeof t.s, "%16s", "");
    else
        snprintf(t.s, sizeof t.s, "[%+6.1f, %+6.1f]", pt->lcl, pt->ucl);
    return t;
}

static int fail(const char *what, csat_status s, const csat_error *err)
{
    fprintf(stderr, "csat-tracking: %s failed: %s (%s)\n", what, err->message,
            csat_strerror(s));
    if (err->index != CSAT_NO_INDEX)
        fprintf(stderr, "csat-tracking:   at index %zu\n", err->index);
    return 1;
}

/* ------------------------------------------------------------------------ */

int main(int argc, char **argv)
{
    if (argc > 1) {
        if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
            printf("usage: %s\n"
                   "Prints an NPS tracking table of twelve generated monthly waves:\n"
                   "scores, changes, control limits and the trend.\n",
                   argv[0]);
            return 0;
        }
        fprintf(stderr, "usage: %s\n", argv[0]);
        return 2;
    }

    /* All answers in one array, each with its month as group code. */
    enum { MAX_ANSWERS = MONTHS * 320 };
    static double x[MAX_ANSWERS];
    static int32_t g[MAX_ANSWERS];
    size_t n = 0;
    for (int m = 0; m < MONTHS; m++)
        n += generate_month(m, x + n, g + n);

    csat_error err;
    csat_status s;
    csat_nps_result month[MONTHS] = { CSAT_RESULT_INIT(csat_nps_result) };
    int flags[MONTHS];
    csat_group_options gopt = CSAT_GROUP_OPTIONS_DEFAULT; /* min_n 30 */
    s = csat_score_nps_grouped(x, n, NULL, g, MONTHS, NULL, &gopt, month, flags, MONTHS, &err);
    if (s != CSAT_OK)
        return fail("NPS by month", s, &err);

    csat_track_point pt[MONTHS] = { CSAT_RESULT_INIT(csat_track_point) };
    csat_trend_result trend = CSAT_RESULT_INIT(csat_trend_result);
    csat_compare_options copt = CSAT_COMPARE_OPTIONS_DEFAULT;
    copt.level = LEVEL;
    s = csat_compare_track_nps(month, flags, MONTHS, &copt, &trend, pt, MONTHS, &err);
    if (s != CSAT_OK)
        return fail("NPS tracking table", s, &err);

    printf("Monthly NPS tracking\n");
    printf("  %zu answers in %d generated monthly waves (LCG, seed %u); libcsat %s\n", n,
           MONTHS, SEED, csat_version());
    printf("  NPS with its 95%% CI; change from the previous charted month, z test;\n");
    printf("  control chart: centre = pooled NPS of the earlier charted months,\n");
    printf("  3-sigma limits for the month's sample size; a month with fewer than\n");
    printf("  %zu answers is flagged small and not charted\n\n", gopt.min_n);
    printf("  %-7s %4s %6s  %-16s %6s %6s  %6s  %-16s  %s\n", "month", "n", "NPS", "95% CI",
           "change", "p", "centre", "limits", "mark");
    for (size_t t = 0; t < MONTHS; t++) {
        const csat_track_point *p = &pt[t];
        const char *mark = "";
        if (p->flags == CSAT_GROUP_SMALL)
            mark = "small: not charted";
        else if (p->flags == CSAT_GROUP_EMPTY)
            mark = "no answers";
        else if (p->signal)
            mark = p->score < p->lcl ? "<-- below the limits" : "<-- above the limits";
        char line[160];
        int len = snprintf(line, sizeof line, "  %-7s %4zu %s  [%s, %s] %s %s  %s  %s  %s",
                           month_name[p->period], month[t].n, num(6, p->score).s,
                           num(6, p->ci_lower).s, num(6, p->ci_upper).s, num(6, p->change).s,
                           pval(p->change_p).s, num(6, p->center).s, limits(p).s, mark);
        /* Without a mark or limits the line ends in blanks: drop them. */
        if (len >= (int)sizeof line)
            len = (int)sizeof line - 1;
        while (len > 0 && line[len - 1] == ' ')
            line[--len] = '\0';
        puts(line);
    }

    printf("\n  Trend over the %zu charted months: %+.2f NPS points a month,\n", trend.waves,
           trend.slope);
    printf("  95%% CI [%+.2f, %+.2f], z %.2f, p %s (inverse-variance weighted least\n",
           trend.ci_lower, trend.ci_upper, trend.z, pval(trend.p).s);
    printf("  squares; the month number is the time, so the gap of a flagged month\n");
    printf("  keeps its width)\n");
    printf("\n  The chart is not revised: a month that signals stays in the centre of\n");
    printf("  the months after it. Over many months a 3-sigma signal can also happen\n");
    printf("  by chance (0.27 %% a month); a change that the z test and the chart both\n");
    printf("  flag is the one to look into.\n");
    return 0;
}
