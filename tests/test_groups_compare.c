/*
 * Tests of the comparisons of groups and the tracking tables in
 * csat/groups.h (csat_compare_groups_*, csat_compare_track_*).
 *
 * Both are built from the comparisons of csat/compare.h, so most checks
 * hold them to those: every row of a family equals, bit for bit, the
 * csat_compare_* call on its two results (or the benchmark call), the
 * adjusted p-values equal csat_compare_adjust() on the p-values of the
 * comparisons made, a period's change equals the two-result comparison
 * with the previous unflagged period, and the trend equals
 * csat_compare_trend() on the unflagged periods. Independently of libcsat,
 * tests/reference/groups_compare_reference.h (made by
 * make_groups_compare_reference.py from statsmodels and scipy) gives the
 * families of a survey of seven groups, with their Holm and
 * Benjamini–Hochberg adjustments over the groups that were not flagged;
 * the control limits of the tracking tables are derived by hand in the
 * comments. The group results are scored here with the ungrouped
 * csat_score_* functions on the filtered rows, as the reference script
 * scores them.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

/* Outputs of this suite made of several results, for the EXPECT_* macros
 * (check.h): a family of comparisons with its count, a tracking table with
 * its trend. */
#define CHECK_SIZED_OUTPUTS family_out : family_out_sized, track_out : track_out_sized,

#include "check.h"
#include "csat.h"

#include "groups_compare_reference.h"

/* The reference and the library evaluate the same formulas in a different
 * order: 1e-12 relative. p-values go through the normal or Student t tail
 * and are compared relative to themselves, however small. */
#define REF_TOL 1e-12
#define P_TOL 1e-12

#define OPTIONS(l, m)                                                                          \
    (&(const csat_compare_options){sizeof(csat_compare_options), (l), (int)(m)})

#define MAX_COMPARISONS 24
#define MAX_PERIODS 8

typedef struct family_out {
    csat_group_comparison c[MAX_COMPARISONS];
    size_t count;
} family_out;

typedef struct track_out {
    csat_track_point p[MAX_PERIODS];
    csat_trend_result trend;
} track_out;

static void family_out_sized(void *p, size_t total, size_t size)
{
    (void)total;
    (void)size;
    ((family_out *)p)->c[0].size = sizeof(csat_group_comparison);
}

static void track_out_sized(void *p, size_t total, size_t size)
{
    (void)total;
    (void)size;
    track_out *o = p;
    o->p[0].size = sizeof o->p[0];
    o->trend.size = sizeof o->trend;
}

static void family_init(family_out *o)
{
    memset(o, 0, sizeof *o);
    o->c[0].size = sizeof o->c[0];
    o->count = 777;
}

static void track_init(track_out *o)
{
    memset(o, 0, sizeof *o);
    o->p[0].size = sizeof o->p[0];
    o->trend.size = sizeof o->trend;
}

/* ------------------------------------------------------------------------ */
/* The survey of the reference header, scored group by group                 */

typedef struct survey {
    csat_nps_result nps[GC_GROUPS], nps_rest[GC_GROUPS];
    csat_share_result share[GC_GROUPS], share_rest[GC_GROUPS];
    csat_mean_result mean[GC_GROUPS], mean_rest[GC_GROUPS];
} survey;

static survey sv;

/* The rows of group d (rest = 0) or of every other group (rest = 1). */
static size_t filter(int32_t d, int rest, double *x)
{
    size_t m = 0;
    for (size_t i = 0; i < GC_N; i++)
        if ((GC_G[i] == d) != rest)
            x[m++] = GC_X[i];
    return m;
}

/* A result of a group without answers, as csat_grouped_* gives it: size
 * set, score NaN, n = 0 (and the flag CSAT_GROUP_EMPTY). */
#define EMPTY_RESULT(T, r)                                                                     \
    do {                                                                                       \
        memset(&(r), 0, sizeof(r));                                                            \
        (r).size = sizeof(T);                                                                  \
        (r).score = NAN;                                                                       \
        (r).se = NAN;                                                                          \
        (r).ci_lower = NAN;                                                                    \
        (r).ci_upper = NAN;                                                                    \
    } while (0)

static void score_one(int32_t d, int rest, csat_nps_result *nps, csat_share_result *share,
                      csat_mean_result *mean)
{
    static double x[GC_N];
    csat_error err;
    const csat_nps_options no = CSAT_NPS_OPTIONS_DEFAULT;
    const csat_scale_options so = {sizeof(csat_scale_options), 0, 10, 0.95};
    const csat_mean_options mo = CSAT_MEAN_OPTIONS_DEFAULT;
    size_t m = filter(d, rest, x);
    nps->size = sizeof *nps;
    share->size = sizeof *share;
    mean->size = sizeof *mean;
    if (m == 0) {
        EMPTY_RESULT(csat_nps_result, *nps);
        EMPTY_RESULT(csat_share_result, *share);
        share->share = NAN;
        EMPTY_RESULT(csat_mean_result, *mean);
        return;
    }
    OK(csat_score_nps(x, m, NULL, &no, nps, &err));
    OK(csat_score_box_share(x, m, NULL, GC_SHARE_BOX_LO, GC_SHARE_BOX_HI, &so, share, &err));
    OK(csat_score_mean(x, m, NULL, &mo, mean, &err));
}

static int setup_survey(void **state)
{
    (void)state;
    for (int32_t d = 0; d < GC_GROUPS; d++) {
        score_one(d, 0, &sv.nps[d], &sv.share[d], &sv.mean[d]);
        score_one(d, 1, &sv.nps_rest[d], &sv.share_rest[d], &sv.mean_rest[d]);
        /* The groups the script made: sizes and flags at min_n 30. */
        if (sv.nps[d].n != GC_SIZES[d] ||
            GC_FLAGS[d] != (GC_SIZES[d] == 0 ? CSAT_GROUP_EMPTY
                            : GC_SIZES[d] < 30 ? CSAT_GROUP_SMALL
                                               : CSAT_GROUP_OK))
            return -1;
    }
    return 0;
}

/* ------------------------------------------------------------------------ */
/* The three kinds through one interface                                     */

typedef csat_status (*family_fn)(const void *groups, const void *rest, const int *flags,
                                 size_t n_groups, csat_group_contrast contrast,
                                 size_t reference, double benchmark,
                                 const csat_compare_options *opt, csat_group_comparison *out,
                                 size_t cap, size_t *count, csat_error *err);
typedef csat_status (*two_fn)(const void *a, const void *b, const csat_compare_options *opt,
                              csat_comparison *out, csat_error *err);
typedef csat_status (*bench_fn)(const void *a, double benchmark,
                                const csat_compare_options *opt, csat_comparison *out,
                                csat_error *err);

static csat_status family_nps(const void *g, const void *r, const int *f, size_t n,
                              csat_group_contrast c, size_t ref, double b,
                              const csat_compare_options *o, csat_group_comparison *out,
                              size_t cap, size_t *count, csat_error *err)
{
    return csat_compare_groups_nps(g, r, f, n, c, ref, b, o, out, cap, count, err);
}

static csat_status family_shares(const void *g, const void *r, const int *f, size_t n,
                                 csat_group_contrast c, size_t ref, double b,
                                 const csat_compare_options *o, csat_group_comparison *out,
                                 size_t cap, size_t *count, csat_error *err)
{
    return csat_compare_groups_shares(g, r, f, n, c, ref, b, o, out, cap, count, err);
}

static csat_status family_means(const void *g, const void *r, const int *f, size_t n,
                                csat_group_contrast c, size_t ref, double b,
                                const csat_compare_options *o, csat_group_comparison *out,
                                size_t cap, size_t *count, csat_error *err)
{
    return csat_compare_groups_means(g, r, f, n, c, ref, b, o, out, cap, count, err);
}

static csat_status two_nps(const void *a, const void *b, const csat_compare_options *o,
                           csat_comparison *out, csat_error *err)
{
    return csat_compare_nps(a, b, o, out, err);
}

static csat_status two_shares(const void *a, const void *b, const csat_compare_options *o,
                              csat_comparison *out, csat_error *err)
{
    return csat_compare_shares(a, b, o, out, err);
}

static csat_status two_means(const void *a, const void *b, const csat_compare_options *o,
                             csat_comparison *out, csat_error *err)
{
    return csat_compare_means(a, b, o, out, err);
}

static csat_status bench_nps(const void *a, double b, const csat_compare_options *o,
                             csat_comparison *out, csat_error *err)
{
    return csat_compare_nps_benchmark(a, b, o, out, err);
}

static csat_status bench_shares(const void *a, double b, const csat_compare_options *o,
                                csat_comparison *out, csat_error *err)
{
    return csat_compare_share_benchmark(a, b, o, out, err);
}

static csat_status bench_means(const void *a, double b, const csat_compare_options *o,
                               csat_comparison *out, csat_error *err)
{
    return csat_compare_mean_benchmark(a, b, o, out, err);
}

typedef struct kind {
    const char *name;
    const void *groups, *rest;
    size_t size; /* of one result */
    family_fn family;
    two_fn two;
    bench_fn bench;
    double benchmark;
} kind;

static kind kinds[3];

static int setup_kinds(void **state)
{
    if (setup_survey(state) != 0)
        return -1;
    kinds[0] = (kind){"nps", sv.nps, sv.nps_rest, sizeof(csat_nps_result), family_nps,
                      two_nps, bench_nps, GC_NPS_BENCHMARK_VALUE};
    kinds[1] = (kind){"shares", sv.share, sv.share_rest, sizeof(csat_share_result),
                      family_shares, two_shares, bench_shares, 0.25};
    kinds[2] = (kind){"means", sv.mean, sv.mean_rest, sizeof(csat_mean_result), family_means,
                      two_means, bench_means, 6.5};
    return 0;
}

static const void *at(const kind *k, const void *base, size_t i)
{
    return (const char *)base + i * k->size;
}

/* ------------------------------------------------------------------------ */
/* Checks of a family's rows                                                 */

static void check_skipped(const cmp_ctx *c, const csat_group_comparison *g, int flag)
{
    cmp_int(c, "skipped", g->skipped, flag);
    const double stats[] = {g->diff, g->se,  g->ci_lower, g->ci_upper,
                            g->statistic, g->df, g->p, g->p_adjusted};
    for (size_t i = 0; i < ARRAY_LEN(stats); i++)
        cmp_rel(EXACT_OF(c), "NaN statistic of a skipped comparison", stats[i], NAN);
}

/* Bit for bit the comparison of the two results. */
static void check_same(const cmp_ctx *c, const csat_group_comparison *g,
                       const csat_comparison *w)
{
    cmp_int(c, "skipped", g->skipped, 0);
    cmp_rel(EXACT_OF(c), "diff", g->diff, w->diff);
    cmp_rel(EXACT_OF(c), "se", g->se, w->se);
    cmp_rel(EXACT_OF(c), "ci_lower", g->ci_lower, w->ci_lower);
    cmp_rel(EXACT_OF(c), "ci_upper", g->ci_upper, w->ci_upper);
    cmp_rel(EXACT_OF(c), "statistic", g->statistic, w->statistic);
    cmp_rel(EXACT_OF(c), "df", g->df, w->df);
    cmp_rel(EXACT_OF(c), "p", g->p, w->p);
    cmp_rel(EXACT_OF(c), "level", g->level, w->level);
}

static size_t expected_count(csat_group_contrast contrast, size_t G)
{
    switch (contrast) {
    case CSAT_CONTRAST_REFERENCE:
        return G - 1;
    case CSAT_CONTRAST_PAIRS:
        return G * (G - 1) / 2;
    default:
        return G;
    }
}

/* Run a family and hold every row to the pairwise call on its results, and
 * the adjusted p-values to csat_compare_adjust() on the compared rows.
 * Returns the number of comparisons made. */
static size_t check_family(const kind *k, const int *flags, size_t G,
                           csat_group_contrast contrast, size_t reference,
                           const csat_compare_options *opt, family_out *o)
{
    csat_error err;
    family_init(o);
    OK(k->family(k->groups, k->rest, flags, G, contrast, reference, k->benchmark, opt, o->c,
                 MAX_COMPARISONS, &o->count, &err));
    const cmp_ctx *c = CTX(k->name, 0.0);
    cmp_size(c, "count", o->count, expected_count(contrast, G));
    double p[MAX_COMPARISONS], adj[MAX_COMPARISONS];
    size_t rows[MAX_COMPARISONS], m = 0, i = 0;
    for (size_t a = 0; a < G; a++) {
        for (size_t b = 0; b < G + 1; b++) {
            size_t other;
            if (contrast == CSAT_CONTRAST_PAIRS) {
                if (b <= a || b == G)
                    continue;
                other = b;
            } else if (contrast == CSAT_CONTRAST_REFERENCE) {
                if (b > 0 || a == reference)
                    continue;
                other = reference;
            } else {
                if (b > 0)
                    continue;
                other = CSAT_NO_INDEX;
            }
            const csat_group_comparison *g = &o->c[i];
            cmp_size(c, "group", g->group, a);
            cmp_size(c, "other", g->other, other);
            cmp_rel(c, "level", g->level, opt ? opt->level : 0.95);
            int fa = flags ? flags[a] : 0, fb = flags && other != CSAT_NO_INDEX ? flags[other] : 0;
            if (fa != 0 || fb != 0) {
                check_skipped(c, g, fa != 0 ? fa : fb);
            } else {
                csat_comparison w = CSAT_RESULT_INIT(csat_comparison);
                if (contrast == CSAT_CONTRAST_BENCHMARK)
                    OK(k->bench(at(k, k->groups, a), k->benchmark, opt, &w, &err));
                else if (contrast == CSAT_CONTRAST_REST)
                    OK(k->two(at(k, k->groups, a), at(k, k->rest, a), opt, &w, &err));
                else
                    OK(k->two(at(k, k->groups, a), at(k, k->groups, other), opt, &w, &err));
                check_same(c, g, &w);
                p[m] = w.p;
                rows[m++] = i;
            }
            i++;
        }
    }
    cmp_size(c, "rows", i, o->count);
    if (m > 0) {
        OK(csat_compare_adjust(p, m, opt, adj, &err));
        for (size_t j = 0; j < m; j++)
            cmp_rel(c, "p_adjusted", o->c[rows[j]].p_adjusted, adj[j]);
    }
    return m;
}

/* ------------------------------------------------------------------------ */
/* Families against the pairwise comparisons                                 */

static void test_each_contrast_equals_the_pairwise_comparison_of_its_rows(void **state)
{
    (void)state;
    static const csat_group_contrast contrasts[] = {CSAT_CONTRAST_REST, CSAT_CONTRAST_REFERENCE,
                                                    CSAT_CONTRAST_BENCHMARK, CSAT_CONTRAST_PAIRS};
    /* Comparisons made with groups 3 (small) and 4 (empty) flagged. */
    static const size_t made[] = {5, 4, 5, 10};
    family_out o;
    for (size_t k = 0; k < 3; k++)
        for (size_t c = 0; c < ARRAY_LEN(contrasts); c++)
            for (int method = 0; method < 3; method++)
                for (int l = 0; l < 2; l++) {
                    size_t m = check_family(&kinds[k], GC_FLAGS, GC_GROUPS, contrasts[c],
                                            GC_REFERENCE, OPTIONS(l ? 0.9 : 0.95, method), &o);
                    cmp_size(CTX(kinds[k].name, 0.0), "comparisons made", m, made[c]);
                }
}

static void test_null_options_are_the_defaults(void **state)
{
    (void)state;
    family_out a, b;
    csat_error err;
    for (size_t k = 0; k < 3; k++) {
        check_family(&kinds[k], GC_FLAGS, GC_GROUPS, CSAT_CONTRAST_PAIRS, 0, NULL, &a);
        family_init(&b);
        OK(kinds[k].family(kinds[k].groups, NULL, GC_FLAGS, GC_GROUPS, CSAT_CONTRAST_PAIRS, 0,
                           0, OPTIONS(0.95, CSAT_ADJUST_HOLM), b.c, MAX_COMPARISONS, &b.count,
                           &err));
        assert_memory_equal(&a, &b, sizeof a);
    }
}

static void test_a_family_without_flags_compares_every_group(void **state)
{
    (void)state;
    /* Groups 0..3 have answers (3 has 20): without flags all are compared. */
    family_out o;
    for (size_t k = 0; k < 3; k++) {
        cmp_size(CTX(kinds[k].name, 0.0), "made", check_family(&kinds[k], NULL, 4,
                 CSAT_CONTRAST_PAIRS, 0, NULL, &o), 6);
        cmp_size(CTX(kinds[k].name, 0.0), "made", check_family(&kinds[k], NULL, 4,
                 CSAT_CONTRAST_REFERENCE, 2, NULL, &o), 3);
    }
}

/* ------------------------------------------------------------------------ */
/* Families against statsmodels                                              */

static void check_reference(const char *name, const csat_group_comparison *got, size_t count,
                            const gc_ref *want, size_t n_want)
{
    const cmp_ctx *c = CTX(name, REF_TOL);
    size_t j = 0;
    for (size_t i = 0; i < count; i++) {
        const csat_group_comparison *g = &got[i];
        if (g->skipped != 0)
            continue;
        if (j == n_want) {
            cmp_size(c, "comparisons made", j + 1, n_want);
            return;
        }
        const gc_ref *w = &want[j++];
        double floor = w->se;
        cmp_size(c, "group", g->group, w->group);
        cmp_size(c, "other", g->other, w->other);
        cmp_scaled(c, "diff", g->diff, w->diff, floor);
        cmp_rel(c, "se", g->se, w->se);
        cmp_scaled(c, "ci_lower", g->ci_lower, w->ci_lower, floor);
        cmp_scaled(c, "ci_upper", g->ci_upper, w->ci_upper, floor);
        cmp_scaled(c, "statistic", g->statistic, w->statistic, 1.0);
        cmp_rel(c, "df", g->df, w->df);
        const cmp_ctx pc = {P_TOL, name, __FILE__, __LINE__};
        cmp_rel(&pc, "p", g->p, w->p);
        cmp_rel(&pc, "p_adjusted (Holm)", g->p_adjusted, w->holm);
    }
    cmp_size(c, "comparisons made", j, n_want);
}

/* The Benjamini–Hochberg adjustment of the same family. */
static void check_reference_bh(const char *name, const csat_group_comparison *got, size_t count,
                               const gc_ref *want, size_t n_want)
{
    const cmp_ctx pc = {P_TOL, name, __FILE__, __LINE__};
    size_t j = 0;
    for (size_t i = 0; i < count && j < n_want; i++)
        if (got[i].skipped == 0)
            cmp_rel(&pc, "p_adjusted (BH)", got[i].p_adjusted, want[j++].bh);
    cmp_size(&pc, "comparisons made", j, n_want);
}

static void test_nps_families_match_statsmodels_and_multipletests(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        csat_group_contrast contrast;
        const gc_ref *want;
        size_t n;
    } cases[] = {
        {"NPS against the rest", CSAT_CONTRAST_REST, GC_NPS_REST, GC_NPS_REST_COUNT},
        {"NPS against a reference", CSAT_CONTRAST_REFERENCE, GC_NPS_REFERENCE,
         GC_NPS_REFERENCE_COUNT},
        {"NPS against a benchmark", CSAT_CONTRAST_BENCHMARK, GC_NPS_BENCHMARK,
         GC_NPS_BENCHMARK_COUNT},
        {"NPS pairs", CSAT_CONTRAST_PAIRS, GC_NPS_PAIRS, GC_NPS_PAIRS_COUNT},
    };
    family_out o;
    csat_error err;
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        family_init(&o);
        OK(csat_compare_groups_nps(sv.nps, sv.nps_rest, GC_FLAGS, GC_GROUPS, cases[i].contrast,
                                   GC_REFERENCE, GC_NPS_BENCHMARK_VALUE, NULL, o.c, MAX_COMPARISONS,
                                   &o.count, &err));
        check_reference(cases[i].name, o.c, o.count, cases[i].want, cases[i].n);
        family_init(&o);
        OK(csat_compare_groups_nps(sv.nps, sv.nps_rest, GC_FLAGS, GC_GROUPS, cases[i].contrast,
                                   GC_REFERENCE, GC_NPS_BENCHMARK_VALUE,
                                   OPTIONS(0.95, CSAT_ADJUST_BH), o.c, MAX_COMPARISONS,
                                   &o.count, &err));
        check_reference_bh(cases[i].name, o.c, o.count, cases[i].want, cases[i].n);
    }
}

static void test_share_and_mean_families_match_statsmodels_and_scipy(void **state)
{
    (void)state;
    family_out o;
    csat_error err;
    family_init(&o);
    OK(csat_compare_groups_shares(sv.share, sv.share_rest, GC_FLAGS, GC_GROUPS,
                                  CSAT_CONTRAST_REST, 0, 0, NULL, o.c, MAX_COMPARISONS,
                                  &o.count, &err));
    check_reference("shares against the rest", o.c, o.count, GC_SHARE_REST,
                    GC_SHARE_REST_COUNT);
    family_init(&o);
    OK(csat_compare_groups_shares(sv.share, sv.share_rest, GC_FLAGS, GC_GROUPS,
                                  CSAT_CONTRAST_REST, 0, 0, OPTIONS(0.95, CSAT_ADJUST_BH), o.c,
                                  MAX_COMPARISONS, &o.count, &err));
    check_reference_bh("shares against the rest", o.c, o.count, GC_SHARE_REST,
                       GC_SHARE_REST_COUNT);
    family_init(&o);
    OK(csat_compare_groups_means(sv.mean, NULL, GC_FLAGS, GC_GROUPS, CSAT_CONTRAST_PAIRS, 0, 0,
                                 NULL, o.c, MAX_COMPARISONS, &o.count, &err));
    check_reference("mean pairs", o.c, o.count, GC_MEAN_PAIRS, GC_MEAN_PAIRS_COUNT);
    family_init(&o);
    OK(csat_compare_groups_means(sv.mean, NULL, GC_FLAGS, GC_GROUPS, CSAT_CONTRAST_PAIRS, 0, 0,
                                 OPTIONS(0.95, CSAT_ADJUST_BH), o.c, MAX_COMPARISONS, &o.count,
                                 &err));
    check_reference_bh("mean pairs", o.c, o.count, GC_MEAN_PAIRS, GC_MEAN_PAIRS_COUNT);
}

/* ------------------------------------------------------------------------ */
/* Skipped groups                                                            */

static void test_skipped_groups_are_left_out_of_the_family(void **state)
{
    (void)state;
    family_out o;
    csat_error err;
    family_init(&o);
    OK(csat_compare_groups_nps(sv.nps, sv.nps_rest, GC_FLAGS, GC_GROUPS, CSAT_CONTRAST_REST, 0,
                               0, OPTIONS(0.95, CSAT_ADJUST_BONFERRONI), o.c, MAX_COMPARISONS,
                               &o.count, &err));
    /* Bonferroni multiplies by the size of the family: 5 groups compared
     * of 7, the small group 3 and the empty group 4 skipped. */
    for (size_t d = 0; d < GC_GROUPS; d++) {
        const cmp_ctx *c = CTX("NPS against the rest, Bonferroni", 0.0);
        if (GC_FLAGS[d] != 0)
            check_skipped(c, &o.c[d], GC_FLAGS[d]);
        else
            cmp_rel(CTX("Bonferroni over 5", 1e-15), "p_adjusted", o.c[d].p_adjusted,
                    fmin(1.0, 5 * o.c[d].p));
    }
    /* The small group is comparable once it is not flagged: then the family
     * has 6 members and the other groups' adjusted p-values grow. */
    const int only_empty[GC_GROUPS] = {0, 0, 0, 0, CSAT_GROUP_EMPTY, 0, 0};
    family_out o6;
    size_t m = check_family(&kinds[0], only_empty, GC_GROUPS, CSAT_CONTRAST_REST, 0,
                            OPTIONS(0.95, CSAT_ADJUST_BONFERRONI), &o6);
    cmp_size(CTX("6 compared", 0.0), "made", m, 6);
    cmp_rel(CTX("Bonferroni over 6", 1e-15), "p_adjusted", o6.c[1].p_adjusted,
            fmin(1.0, 6 * o6.c[1].p));
    cmp_rel(CTX("same test", 0.0), "p", o6.c[1].p, o.c[1].p);
}

static void test_a_flagged_reference_skips_every_comparison(void **state)
{
    (void)state;
    family_out o;
    csat_error err;
    for (size_t k = 0; k < 3; k++) {
        family_init(&o);
        OK(kinds[k].family(kinds[k].groups, NULL, GC_FLAGS, GC_GROUPS,
                           CSAT_CONTRAST_REFERENCE, 3, 0, NULL, o.c, MAX_COMPARISONS, &o.count,
                           &err));
        cmp_size(CTX(kinds[k].name, 0.0), "count", o.count, GC_GROUPS - 1);
        for (size_t i = 0; i < o.count; i++) {
            const cmp_ctx *c = CTX(kinds[k].name, 0.0);
            cmp_size(c, "other", o.c[i].other, 3);
            /* The group's own flag first (group 4 is empty), then the
             * reference's. */
            check_skipped(c, &o.c[i], o.c[i].group == 4 ? CSAT_GROUP_EMPTY : CSAT_GROUP_SMALL);
        }
        /* An empty reference: the empty group's NaN result is never read. */
        check_family(&kinds[k], GC_FLAGS, GC_GROUPS, CSAT_CONTRAST_REFERENCE, 4, NULL, &o);
    }
}

static void test_the_rest_of_a_group_whose_others_are_all_empty_is_empty(void **state)
{
    (void)state;
    family_out o;
    csat_error err;
    /* Groups 3 and 4 of the survey: 3 has answers, 4 none. The rest of 3
     * is group 4 alone, which the flags say is empty: 3 is skipped as
     * EMPTY, although its own flag is OK, and the NaN rest is not read. */
    const int flags[2] = {CSAT_GROUP_OK, CSAT_GROUP_EMPTY};
    csat_nps_result g[2] = {sv.nps[3], sv.nps[4]}, rest[2] = {sv.nps[4], sv.nps[3]};
    family_init(&o);
    OK(csat_compare_groups_nps(g, rest, flags, 2, CSAT_CONTRAST_REST, 0, 0, NULL, o.c,
                               MAX_COMPARISONS, &o.count, &err));
    cmp_size(CTX("2 groups", 0.0), "count", o.count, 2);
    check_skipped(CTX("the rest is empty", 0.0), &o.c[0], CSAT_GROUP_EMPTY);
    check_skipped(CTX("the group is empty", 0.0), &o.c[1], CSAT_GROUP_EMPTY);
    /* One group has no rest at all. */
    family_init(&o);
    OK(csat_compare_groups_nps(g, rest, NULL, 1, CSAT_CONTRAST_REST, 0, 0, NULL, o.c,
                               MAX_COMPARISONS, &o.count, &err));
    cmp_size(CTX("1 group", 0.0), "count", o.count, 1);
    check_skipped(CTX("1 group", 0.0), &o.c[0], CSAT_GROUP_EMPTY);
    /* A small rest is compared: the flags do not say how small. */
    const int small[2] = {CSAT_GROUP_OK, CSAT_GROUP_SMALL};
    family_init(&o);
    csat_nps_result g2[2] = {sv.nps[0], sv.nps[3]}, rest2[2] = {sv.nps[3], sv.nps[0]};
    OK(csat_compare_groups_nps(g2, rest2, small, 2, CSAT_CONTRAST_REST, 0, 0, NULL, o.c,
                               MAX_COMPARISONS, &o.count, &err));
    cmp_int(CTX("small rest", 0.0), "skipped", o.c[0].skipped, 0);
    check_skipped(CTX("small group", 0.0), &o.c[1], CSAT_GROUP_SMALL);
}

/* ------------------------------------------------------------------------ */
/* Counts and sizes                                                          */

static void test_counts_of_each_contrast_and_the_size_query(void **state)
{
    (void)state;
    static const csat_group_contrast contrasts[] = {CSAT_CONTRAST_REST, CSAT_CONTRAST_REFERENCE,
                                                    CSAT_CONTRAST_BENCHMARK, CSAT_CONTRAST_PAIRS};
    static const size_t want7[] = {7, 6, 7, 21}, want1[] = {1, 0, 1, 0};
    csat_error err;
    for (size_t k = 0; k < 3; k++)
        for (size_t c = 0; c < ARRAY_LEN(contrasts); c++) {
            size_t count = 777;
            OK(kinds[k].family(kinds[k].groups, kinds[k].rest, GC_FLAGS, GC_GROUPS,
                               contrasts[c], 1, kinds[k].benchmark, NULL, NULL, 0, &count,
                               &err));
            cmp_size(CTX(kinds[k].name, 0.0), "count of 7 groups", count, want7[c]);
            count = 777;
            OK(kinds[k].family(kinds[k].groups, kinds[k].rest, NULL, 1, contrasts[c], 0,
                               kinds[k].benchmark, NULL, NULL, 0, &count, &err));
            cmp_size(CTX(kinds[k].name, 0.0), "count of 1 group", count, want1[c]);
            /* A buffer of exactly that size is enough. */
            family_out o;
            family_init(&o);
            OK(kinds[k].family(kinds[k].groups, kinds[k].rest, GC_FLAGS, GC_GROUPS,
                               contrasts[c], 1, kinds[k].benchmark, NULL, o.c, want7[c],
                               &o.count, &err));
            cmp_size(CTX(kinds[k].name, 0.0), "count", o.count, want7[c]);
        }
    /* No comparison at all: a buffer of capacity 0 is enough, and is not
     * written (its first size stays as it was). */
    csat_group_comparison one = CSAT_RESULT_INIT(csat_group_comparison);
    size_t count = 777;
    OK(csat_compare_groups_nps(sv.nps, NULL, NULL, 1, CSAT_CONTRAST_PAIRS, 0, 0, NULL, &one, 0,
                               &count, &err));
    cmp_size(CTX("pairs of one group", 0.0), "count", count, 0);
    cmp_size(CTX("pairs of one group", 0.0), "size", one.size, sizeof one);
    cmp_size(CTX("pairs of one group", 0.0), "group", one.group, 0);
}

static void test_a_buffer_too_small_is_refused_and_left_untouched(void **state)
{
    (void)state;
    family_out o;
    csat_error err;
    EXPECT_FAIL_ROW(CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, o,
                    csat_compare_groups_nps(sv.nps, sv.nps_rest, GC_FLAGS, GC_GROUPS,
                                            CSAT_CONTRAST_PAIRS, 0, 0, NULL, o.c, 20, &o.count,
                                            &err));
    EXPECT_FAIL_ROW(CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, o,
                    csat_compare_groups_shares(sv.share, sv.share_rest, GC_FLAGS, GC_GROUPS,
                                               CSAT_CONTRAST_REST, 0, 0, NULL, o.c, 6, &o.count,
                                               &err));
    EXPECT_FAIL_ROW(CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, o,
                    csat_compare_groups_means(sv.mean, NULL, GC_FLAGS, GC_GROUPS,
                                              CSAT_CONTRAST_REFERENCE, 0, 0, NULL, o.c, 0,
                                              &o.count, &err));
}

/* The comparisons are read with the stride of the first result's size and
 * written with the stride of the first output's: results from a header
 * with shorter structs, and elements whose own size is not set. */
static void test_results_and_comparisons_are_read_and_written_by_their_first_size(void **state)
{
    (void)state;
    csat_error err;
    /* Every element but the first with size 0: the first gives the stride. */
    csat_mean_result g[GC_GROUPS];
    memcpy(g, sv.mean, sizeof g);
    for (size_t d = 1; d < GC_GROUPS; d++)
        g[d].size = 0;
    family_out a, b;
    family_init(&a);
    family_init(&b);
    OK(csat_compare_groups_means(sv.mean, NULL, GC_FLAGS, GC_GROUPS, CSAT_CONTRAST_PAIRS, 0, 0,
                                 NULL, a.c, MAX_COMPARISONS, &a.count, &err));
    OK(csat_compare_groups_means(g, NULL, GC_FLAGS, GC_GROUPS, CSAT_CONTRAST_PAIRS, 0, 0, NULL,
                                 b.c, MAX_COMPARISONS, &b.count, &err));
    assert_memory_equal(&a, &b, sizeof a);

    /* A shorter comparison struct, up to p (an older header): each element
     * receives the fields its size covers and nothing beyond. */
    enum { SHORT = offsetof(csat_group_comparison, p_adjusted) };
    _Static_assert(SHORT % sizeof(size_t) == 0, "a valid struct size");
    _Alignas(csat_group_comparison) unsigned char buf[MAX_COMPARISONS * SHORT + 64];
    memset(buf, 0xA5, sizeof buf);
    size_t size = SHORT, count = 0;
    memcpy(buf, &size, sizeof size);
    OK(csat_compare_groups_means(sv.mean, NULL, GC_FLAGS, GC_GROUPS, CSAT_CONTRAST_PAIRS, 0, 0,
                                 NULL, (csat_group_comparison *)(void *)buf, MAX_COMPARISONS,
                                 &count, &err));
    for (size_t i = 0; i < count; i++) {
        csat_group_comparison e;
        memset(&e, 0, sizeof e);
        memcpy(&e, buf + i * SHORT, SHORT);
        cmp_size(CTX("short stride", 0.0), "size", e.size, SHORT);
        cmp_size(CTX("short stride", 0.0), "group", e.group, a.c[i].group);
        cmp_rel(CTX("short stride", 0.0), "p", e.p, a.c[i].p);
    }
    check_untouched(buf + count * SHORT, sizeof buf - count * SHORT,
                    "bytes after a shorter comparison array", __FILE__, __LINE__);
}

/* ------------------------------------------------------------------------ */
/* Bad input                                                                 */

static void test_bad_arguments_are_refused(void **state)
{
    (void)state;
    family_out o;
    csat_error err;
    size_t count;
    const csat_nps_result *g = sv.nps, *r = sv.nps_rest;
    const int *f = GC_FLAGS;
    family_init(&o);
    EXPECT_NULL_ERROR(csat_compare_groups_nps(NULL, r, f, GC_GROUPS, CSAT_CONTRAST_REST, 0, 0,
                                              NULL, o.c, MAX_COMPARISONS, &o.count, &err));
    EXPECT_NULL_ERROR(csat_compare_groups_nps(g, r, f, GC_GROUPS, CSAT_CONTRAST_REST, 0, 0,
                                              NULL, o.c, MAX_COMPARISONS, NULL, &err));
    EXPECT_NULL_ERROR(csat_compare_groups_nps(g, NULL, f, GC_GROUPS, CSAT_CONTRAST_REST, 0, 0,
                                              NULL, o.c, MAX_COMPARISONS, &count, &err));
    EXPECT_NULL_ERROR(csat_compare_groups_shares(sv.share, NULL, f, GC_GROUPS,
                                                 CSAT_CONTRAST_REST, 0, 0, NULL, NULL, 0,
                                                 &count, &err));
    /* A capacity without a buffer. */
    EXPECT_NULL_ERROR(csat_compare_groups_nps(g, r, f, GC_GROUPS, CSAT_CONTRAST_PAIRS, 0, 0,
                                              NULL, NULL, MAX_COMPARISONS, &count, &err));
    /* The reference must be one of the groups. */
    EXPECT_FAIL_ROW(CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, o,
                    csat_compare_groups_nps(g, r, f, GC_GROUPS, CSAT_CONTRAST_REFERENCE,
                                            GC_GROUPS, 0, NULL, o.c, MAX_COMPARISONS, &o.count,
                                            &err));
    EXPECT_FAIL_ROW(CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, o,
                    csat_compare_groups_means(sv.mean, NULL, f, GC_GROUPS,
                                              CSAT_CONTRAST_REFERENCE, CSAT_NO_INDEX, 0, NULL,
                                              NULL, 0, &o.count, &err));
    /* Unknown contrasts. */
    EXPECT_FAIL_ROW(CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, o,
                    csat_compare_groups_nps(g, r, f, GC_GROUPS, (csat_group_contrast)4, 0, 0,
                                            NULL, o.c, MAX_COMPARISONS, &o.count, &err));
    EXPECT_FAIL_ROW(CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, o,
                    csat_compare_groups_shares(sv.share, sv.share_rest, f, GC_GROUPS,
                                               (csat_group_contrast)-1, 0, 0, NULL, NULL, 0,
                                               &o.count, &err));
    /* Benchmarks, refused as the benchmark comparisons refuse them, even
     * when every group is flagged and nothing would be compared. */
    const int all_small[GC_GROUPS] = {1, 1, 1, 1, 2, 1, 1};
    EXPECT_FAIL_ROW(CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, o,
                    csat_compare_groups_nps(g, NULL, all_small, GC_GROUPS,
                                            CSAT_CONTRAST_BENCHMARK, 0, 101, NULL, o.c,
                                            MAX_COMPARISONS, &o.count, &err));
    EXPECT_FAIL_ROW(CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, o,
                    csat_compare_groups_nps(g, NULL, f, GC_GROUPS, CSAT_CONTRAST_BENCHMARK, 0,
                                            NAN, NULL, o.c, MAX_COMPARISONS, &o.count, &err));
    EXPECT_FAIL_ROW(CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, o,
                    csat_compare_groups_shares(sv.share, NULL, f, GC_GROUPS,
                                               CSAT_CONTRAST_BENCHMARK, 0, 30, NULL, o.c,
                                               MAX_COMPARISONS, &o.count, &err));
    assert_non_null(strstr(err.message, "pass 0.3"));
    EXPECT_FAIL_ROW(CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, o,
                    csat_compare_groups_shares(sv.share, NULL, all_small, GC_GROUPS,
                                               CSAT_CONTRAST_BENCHMARK, 0, 0, NULL, NULL, 0,
                                               &o.count, &err));
    EXPECT_FAIL_ROW(CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, o,
                    csat_compare_groups_shares(sv.share, NULL, f, GC_GROUPS,
                                               CSAT_CONTRAST_BENCHMARK, 0, 1, NULL, o.c,
                                               MAX_COMPARISONS, &o.count, &err));
    EXPECT_FAIL_ROW(CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, o,
                    csat_compare_groups_means(sv.mean, NULL, f, GC_GROUPS,
                                              CSAT_CONTRAST_BENCHMARK, 0, INFINITY, NULL, o.c,
                                              MAX_COMPARISONS, &o.count, &err));
    /* A benchmark is not read by the other contrasts. */
    OK(csat_compare_groups_shares(sv.share, sv.share_rest, f, GC_GROUPS, CSAT_CONTRAST_REST, 0,
                                  30, NULL, NULL, 0, &count, &err));
    /* Number of groups. */
    EXPECT_FAIL_ROW(CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, o,
                    csat_compare_groups_nps(g, r, f, 0, CSAT_CONTRAST_REST, 0, 0, NULL, o.c,
                                            MAX_COMPARISONS, &o.count, &err));
    EXPECT_FAIL_ROW(CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, o,
                    csat_compare_groups_nps(g, r, f, (size_t)CSAT_GROUPS_MAX + 1,
                                            CSAT_CONTRAST_PAIRS, 0, 0, NULL, NULL, 0, &o.count,
                                            &err));
    /* Options: level and adjustment method, also when all are flagged. */
    EXPECT_FAIL_ROW(CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, o,
                    csat_compare_groups_nps(g, r, f, GC_GROUPS, CSAT_CONTRAST_REST, 0, 0,
                                            OPTIONS(1.0, CSAT_ADJUST_HOLM), o.c,
                                            MAX_COMPARISONS, &o.count, &err));
    EXPECT_FAIL_ROW(CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, o,
                    csat_compare_groups_nps(g, r, all_small, GC_GROUPS, CSAT_CONTRAST_REST, 0,
                                            0, OPTIONS(0.95, 7), o.c, MAX_COMPARISONS,
                                            &o.count, &err));
    const csat_compare_options bad_size = {sizeof(csat_compare_options) + 8, 0.95, 0};
    EXPECT_FAIL_ROW(CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, o,
                    csat_compare_groups_nps(g, r, f, GC_GROUPS, CSAT_CONTRAST_REST, 0, 0,
                                            &bad_size, o.c, MAX_COMPARISONS, &o.count, &err));
    /* Sizes of the first result and of the first comparison. */
    csat_nps_result bad[GC_GROUPS];
    memcpy(bad, sv.nps, sizeof bad);
    bad[0].size = 4;
    EXPECT_FAIL_ROW(CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, o,
                    csat_compare_groups_nps(bad, r, f, GC_GROUPS, CSAT_CONTRAST_REST, 0, 0,
                                            NULL, o.c, MAX_COMPARISONS, &o.count, &err));
    bad[0].size = sizeof bad[0] + 8;
    EXPECT_FAIL_ROW(CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, o,
                    csat_compare_groups_nps(g, bad, f, GC_GROUPS, CSAT_CONTRAST_REST, 0, 0,
                                            NULL, o.c, MAX_COMPARISONS, &o.count, &err));
    memset(&o, 0xA5, sizeof o);
    o.c[0].size = 12;
    count = 777;
    assert_int_equal(csat_compare_groups_nps(g, r, f, GC_GROUPS, CSAT_CONTRAST_REST, 0, 0, NULL,
                                             o.c, MAX_COMPARISONS, &count, &err),
                     CSAT_ERR_ARGUMENT);
    cmp_size(CTX("bad output size", 0.0), "count", count, 777);
}

static void test_an_invalid_result_is_an_error_naming_its_group(void **state)
{
    (void)state;
    family_out o;
    csat_error err;
    /* Without flags the empty group 4 (NaN score) is compared, and refused:
     * flags are the only reason to skip. */
    EXPECT_FAIL_ROW(CSAT_ERR_ARGUMENT, 4, o,
                    csat_compare_groups_nps(sv.nps, sv.nps_rest, NULL, GC_GROUPS,
                                            CSAT_CONTRAST_REST, 0, 0, NULL, o.c,
                                            MAX_COMPARISONS, &o.count, &err));
    /* An unflagged group without a finite SE: in pairs the first pair to
     * meet it is (0, 2), and the group named is 2. */
    csat_nps_result nps[GC_GROUPS];
    memcpy(nps, sv.nps, sizeof nps);
    nps[2].se = NAN;
    EXPECT_FAIL_ROW(CSAT_ERR_ARGUMENT, 2, o,
                    csat_compare_groups_nps(nps, NULL, GC_FLAGS, GC_GROUPS, CSAT_CONTRAST_PAIRS,
                                            0, 0, NULL, o.c, MAX_COMPARISONS, &o.count, &err));
    assert_non_null(strstr(err.message, "group 2"));
    EXPECT_FAIL_ROW(CSAT_ERR_ARGUMENT, 2, o,
                    csat_compare_groups_nps(nps, NULL, GC_FLAGS, GC_GROUPS,
                                            CSAT_CONTRAST_BENCHMARK, 0, 0, NULL, o.c,
                                            MAX_COMPARISONS, &o.count, &err));
    /* The invalid reference is named, not the group compared with it. */
    EXPECT_FAIL_ROW(CSAT_ERR_ARGUMENT, 2, o,
                    csat_compare_groups_nps(nps, NULL, GC_FLAGS, GC_GROUPS,
                                            CSAT_CONTRAST_REFERENCE, 2, 0, NULL, o.c,
                                            MAX_COMPARISONS, &o.count, &err));
    /* Flagged, the same group is skipped without being read. */
    int flags[GC_GROUPS];
    memcpy(flags, GC_FLAGS, sizeof flags);
    flags[2] = CSAT_GROUP_SMALL;
    family_init(&o);
    OK(csat_compare_groups_nps(nps, NULL, flags, GC_GROUPS, CSAT_CONTRAST_PAIRS, 0, 0, NULL,
                               o.c, MAX_COMPARISONS, &o.count, &err));
    /* The rest of a group: named by that group. */
    csat_share_result rest[GC_GROUPS];
    memcpy(rest, sv.share_rest, sizeof rest);
    rest[5].n_effective = 0;
    EXPECT_FAIL_ROW(CSAT_ERR_ARGUMENT, 5, o,
                    csat_compare_groups_shares(sv.share, rest, GC_FLAGS, GC_GROUPS,
                                               CSAT_CONTRAST_REST, 0, 0, NULL, o.c,
                                               MAX_COMPARISONS, &o.count, &err));
    assert_non_null(strstr(err.message, "rest of group 5"));
    /* A mean of one value has no SD: no degrees of freedom. */
    csat_mean_result mean[GC_GROUPS];
    memcpy(mean, sv.mean, sizeof mean);
    mean[6].df = 0;
    EXPECT_FAIL_ROW(CSAT_ERR_ARGUMENT, 6, o,
                    csat_compare_groups_means(mean, NULL, GC_FLAGS, GC_GROUPS,
                                              CSAT_CONTRAST_PAIRS, 0, 0, NULL, o.c,
                                              MAX_COMPARISONS, &o.count, &err));
    /* Not reached by the size query, which reads no result. */
    size_t count = 0;
    OK(csat_compare_groups_means(mean, NULL, GC_FLAGS, GC_GROUPS, CSAT_CONTRAST_PAIRS, 0, 0,
                                 NULL, NULL, 0, &count, &err));
    cmp_size(CTX("query", 0.0), "count", count, 21);
}

/* ------------------------------------------------------------------------ */
/* Tracking                                                                  */

/* An NPS result of n unweighted answers with promoter and detractor shares
 * p and d: Wald SE 100·√((p + d − (p − d)²)/(n − 1)). */
static csat_nps_result nps_period(double n, double p, double d)
{
    double se = 100 * sqrt((p + d - (p - d) * (p - d)) / (n - 1));
    double score = 100 * (p - d);
    return (csat_nps_result){.size = sizeof(csat_nps_result), .score = score, .promoters = p,
                             .passives = 1 - p - d, .detractors = d, .se = se,
                             .ci_lower = score - 1.959963984540054 * se,
                             .ci_upper = score + 1.959963984540054 * se, .level = 0.95,
                             .n = (size_t)n, .n_weighted = n, .n_effective = n};
}

static csat_share_result share_period(double n, double p)
{
    double se = sqrt(p * (1 - p) / n);
    return (csat_share_result){.size = sizeof(csat_share_result), .share = p, .score = 100 * p,
                               .se = se, .ci_lower = p - 1.96 * se, .ci_upper = p + 1.96 * se,
                               .level = 0.95, .box_min = 4, .box_max = 5, .n = (size_t)n,
                               .n_weighted = n, .n_effective = n};
}

static csat_mean_result mean_period(double n, double mean, double sd)
{
    double se = sd / sqrt(n);
    return (csat_mean_result){.size = sizeof(csat_mean_result), .score = mean, .sd = sd,
                              .se = se, .ci_lower = mean - 2 * se, .ci_upper = mean + 2 * se,
                              .level = 0.95, .df = n - 1, .min = 1, .max = 5, .n = (size_t)n,
                              .n_weighted = n, .n_effective = n};
}

#define LIMIT_TOL 1e-12

/* A tracking call refused for the sizes of its outputs: the valid sizes set
 * after the sentinel fill, then changed by `sizes`; nothing may change. */
#define EXPECT_FAIL_SIZES(out, sizes, call)                                                    \
    do {                                                                                       \
        unsigned char before_[sizeof(out)];                                                    \
        memset(&(out), 0xA5, sizeof(out));                                                     \
        track_out_sized(&(out), sizeof(out), 0);                                               \
        (void)(sizes);                                                                         \
        memcpy(before_, &(out), sizeof(out));                                                  \
        memset(&err, 0, sizeof err);                                                           \
        csat_status got_ = (call);                                                             \
        check_failure(got_, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX, &err, #call,      \
                      __FILE__, __LINE__);                                                     \
        check_unchanged(&(out), before_, sizeof(out), #call, __FILE__, __LINE__);              \
    } while (0)

static void check_point_shown(const cmp_ctx *c, const csat_track_point *pt, size_t t, int flag,
                              double score, double lo, double hi)
{
    cmp_size(c, "period", pt->period, t);
    cmp_int(c, "flags", pt->flags, flag);
    cmp_rel(EXACT_OF(c), "score", pt->score, score);
    cmp_rel(EXACT_OF(c), "ci_lower", pt->ci_lower, lo);
    cmp_rel(EXACT_OF(c), "ci_upper", pt->ci_upper, hi);
}

static void check_no_chart(const cmp_ctx *c, const csat_track_point *pt)
{
    cmp_rel(EXACT_OF(c), "center", pt->center, NAN);
    cmp_rel(EXACT_OF(c), "lcl", pt->lcl, NAN);
    cmp_rel(EXACT_OF(c), "ucl", pt->ucl, NAN);
    cmp_int(c, "signal", pt->signal, 0);
}

static void check_no_change(const cmp_ctx *c, const csat_track_point *pt)
{
    cmp_rel(EXACT_OF(c), "change", pt->change, NAN);
    cmp_rel(EXACT_OF(c), "change_se", pt->change_se, NAN);
    cmp_rel(EXACT_OF(c), "change_p", pt->change_p, NAN);
}

static void check_change(const cmp_ctx *c, const csat_track_point *pt, const csat_comparison *w)
{
    cmp_rel(EXACT_OF(c), "change", pt->change, w->diff);
    cmp_rel(EXACT_OF(c), "change_se", pt->change_se, w->se);
    cmp_rel(EXACT_OF(c), "change_p", pt->change_p, w->p);
}

static void check_chart(const cmp_ctx *c, const csat_track_point *pt, double centre,
                        double sigma, double lo_bound, double hi_bound, int signal)
{
    cmp_scaled(c, "center", pt->center, centre, 1.0);
    cmp_scaled(c, "lcl", pt->lcl, fmax(lo_bound, centre - 3 * sigma), 1.0);
    cmp_scaled(c, "ucl", pt->ucl, fmin(hi_bound, centre + 3 * sigma), 1.0);
    cmp_int(c, "signal", pt->signal, signal);
}

static void check_trend(const cmp_ctx *c, const csat_trend_result *got, const double *y,
                        const double *se, const double *time, size_t k,
                        const csat_compare_options *opt)
{
    csat_error err;
    csat_trend_result w = CSAT_RESULT_INIT(csat_trend_result);
    OK(csat_compare_trend(y, se, time, k, opt, &w, NULL, &err));
    assert_memory_equal(got, &w, sizeof w);
    cmp_size(c, "waves", got->waves, k);
}

/*
 * Six monthly NPS (n = effective n, unweighted); month 3 is flagged small.
 *
 *   t   n    p     d     NPS
 *   0   100  0.40  0.20   20
 *   1   100  0.44  0.18   26
 *   2   200  0.45  0.17   28
 *   3    10  0.10  0.60  -50   flagged SMALL: shown, not charted, not pooled
 *   4   150  0.20  0.40  -20
 *   5   120  0.42  0.18   24
 *
 * Months 0 and 1 have fewer than 2 earlier periods: no limits. The limits
 * of month t pool the earlier unflagged months by their effective n, and
 * σ_t = 100·√((p̄ + d̄ − (p̄ − d̄)²)/n_t):
 *
 *   t = 2: p̄ = (40 + 44)/200 = 0.42, d̄ = (20 + 18)/200 = 0.19, centre 23;
 *          σ = 100·√((0.61 − 0.0529)/200) = 5.2778, limits 23 ± 15.833 =
 *          [7.167, 38.833]: 28 is inside.
 *   t = 4: p̄ = (84 + 90)/400 = 0.435, d̄ = (38 + 34)/400 = 0.18, centre 25.5;
 *          σ = 100·√((0.615 − 0.065025)/150) = 6.0552, limits 25.5 ± 18.166
 *          = [7.334, 43.666]: −20 is below, a signal.
 *   t = 5: p̄ = (174 + 30)/550 = 0.370909, d̄ = (72 + 60)/550 = 0.24,
 *          centre 100·72/550 = 13.0909; σ = 100·√((0.610909 − 0.017137)/120)
 *          = 7.0343, limits 13.091 ± 21.103 = [−8.012, 34.194]: 24 is inside.
 *          The signal of month 4 stays in the pool: the chart is not revised.
 */
static void test_track_nps_changes_limits_signals_and_trend(void **state)
{
    (void)state;
    csat_nps_result per[6] = {nps_period(100, 0.40, 0.20), nps_period(100, 0.44, 0.18),
                              nps_period(200, 0.45, 0.17), nps_period(10, 0.10, 0.60),
                              nps_period(150, 0.20, 0.40), nps_period(120, 0.42, 0.18)};
    const int flags[6] = {0, 0, 0, CSAT_GROUP_SMALL, 0, 0};
    track_out o;
    csat_error err;
    track_init(&o);
    OK(csat_compare_track_nps(per, flags, 6, NULL, &o.trend, o.p, MAX_PERIODS, &err));
    for (size_t t = 0; t < 6; t++)
        check_point_shown(CTX("NPS month", 0.0), &o.p[t], t, flags[t], per[t].score,
                          per[t].ci_lower, per[t].ci_upper);
    /* Changes from the previous unflagged month: month 4 from month 2. */
    static const int prev[6] = {-1, 0, 1, -1, 2, 4};
    for (size_t t = 0; t < 6; t++) {
        if (prev[t] < 0) {
            check_no_change(CTX("NPS month without a change", 0.0), &o.p[t]);
            continue;
        }
        csat_comparison w = CSAT_RESULT_INIT(csat_comparison);
        OK(csat_compare_nps(&per[t], &per[prev[t]], NULL, &w, &err));
        check_change(CTX("NPS change", 0.0), &o.p[t], &w);
    }
    check_no_chart(CTX("month 0", 0.0), &o.p[0]);
    check_no_chart(CTX("month 1", 0.0), &o.p[1]);
    check_no_chart(CTX("flagged month 3", 0.0), &o.p[3]);
    double p = 84.0 / 200, d = 38.0 / 200;
    check_chart(CTX("month 2", LIMIT_TOL), &o.p[2], 100 * (p - d),
                100 * sqrt((p + d - (p - d) * (p - d)) / 200), -100, 100, 0);
    p = 174.0 / 400, d = 72.0 / 400;
    check_chart(CTX("month 4", LIMIT_TOL), &o.p[4], 100 * (p - d),
                100 * sqrt((p + d - (p - d) * (p - d)) / 150), -100, 100, 1);
    p = 204.0 / 550, d = 132.0 / 550;
    check_chart(CTX("month 5", LIMIT_TOL), &o.p[5], 100 * (p - d),
                100 * sqrt((p + d - (p - d) * (p - d)) / 120), -100, 100, 0);
    /* The rounded limits of the comment. */
    cmp_scaled(CTX("month 2 by hand", 1e-4), "lcl", o.p[2].lcl, 7.1667, 1.0);
    cmp_scaled(CTX("month 4 by hand", 1e-4), "ucl", o.p[4].ucl, 43.666, 1.0);
    cmp_scaled(CTX("month 5 by hand", 1e-4), "lcl", o.p[5].lcl, -8.012, 1.0);
    /* The trend of the unflagged months at their own times. */
    double y[5], se[5], time[5];
    for (size_t t = 0, k = 0; t < 6; t++)
        if (flags[t] == 0) {
            y[k] = per[t].score;
            se[k] = per[t].se;
            time[k++] = (double)t;
        }
    check_trend(CTX("NPS trend", 0.0), &o.trend, y, se, time, 5, NULL);

    /* The level of the options is the trend's; the rest does not change. */
    track_out o90;
    track_init(&o90);
    OK(csat_compare_track_nps(per, flags, 6, OPTIONS(0.9, 0), &o90.trend, o90.p, MAX_PERIODS,
                              &err));
    check_trend(CTX("NPS trend at 90 %", 0.0), &o90.trend, y, se, time, 5, OPTIONS(0.9, 0));
    assert_memory_equal(o.p, o90.p, sizeof o.p);
    /* Without a trend the points are the same. */
    track_out nt;
    track_init(&nt);
    OK(csat_compare_track_nps(per, flags, 6, NULL, NULL, nt.p, MAX_PERIODS, &err));
    assert_memory_equal(o.p, nt.p, sizeof o.p);
}

/*
 * Six quarterly CSAT shares; quarter 2 is empty (no answers).
 *
 *   t   n    share
 *   0   200  0.30
 *   1   200  0.34
 *   2     0  NaN    flagged EMPTY
 *   3   100  0.12
 *   4    50  0.40
 *   5    12  0.25
 *
 * p-chart, σ_t = √(p̄(1 − p̄)/n_t), limits cut at 0 and 1:
 *
 *   t = 3: p̄ = (60 + 68)/400 = 0.32, σ = √(0.2176/100) = 0.046648,
 *          limits [0.18006, 0.45994]: 0.12 is below, a signal.
 *   t = 4: p̄ = (128 + 12)/500 = 0.28, σ = √(0.2016/50) = 0.063498,
 *          limits [0.08951, 0.47049]: 0.40 is inside.
 *   t = 5: p̄ = (140 + 20)/550 = 0.290909, σ = √(0.206281/12) = 0.131111,
 *          centre − 3σ = −0.1024 is cut to 0; upper 0.68424: inside.
 */
static void test_track_shares_is_a_p_chart_cut_at_zero(void **state)
{
    (void)state;
    csat_share_result per[6] = {share_period(200, 0.30), share_period(200, 0.34),
                                share_period(1, 0.5),    share_period(100, 0.12),
                                share_period(50, 0.40),  share_period(12, 0.25)};
    EMPTY_RESULT(csat_share_result, per[2]);
    per[2].share = NAN;
    const int flags[6] = {0, 0, CSAT_GROUP_EMPTY, 0, 0, 0};
    track_out o;
    csat_error err;
    track_init(&o);
    OK(csat_compare_track_shares(per, flags, 6, NULL, &o.trend, o.p, MAX_PERIODS, &err));
    for (size_t t = 0; t < 6; t++)
        check_point_shown(CTX("quarter", 0.0), &o.p[t], t, flags[t], per[t].share,
                          per[t].ci_lower, per[t].ci_upper);
    check_no_change(CTX("quarter 0", 0.0), &o.p[0]);
    check_no_change(CTX("empty quarter 2", 0.0), &o.p[2]);
    static const int prev[6] = {-1, 0, -1, 1, 3, 4};
    for (size_t t = 1; t < 6; t++)
        if (prev[t] >= 0) {
            csat_comparison w = CSAT_RESULT_INIT(csat_comparison);
            OK(csat_compare_shares(&per[t], &per[prev[t]], NULL, &w, &err));
            check_change(CTX("share change", 0.0), &o.p[t], &w);
        }
    check_no_chart(CTX("quarter 1", 0.0), &o.p[1]);
    check_no_chart(CTX("empty quarter 2", 0.0), &o.p[2]);
    double p = 128.0 / 400;
    check_chart(CTX("quarter 3", LIMIT_TOL), &o.p[3], p, sqrt(p * (1 - p) / 100), 0, 1, 1);
    p = 140.0 / 500;
    check_chart(CTX("quarter 4", LIMIT_TOL), &o.p[4], p, sqrt(p * (1 - p) / 50), 0, 1, 0);
    p = 160.0 / 550;
    check_chart(CTX("quarter 5", LIMIT_TOL), &o.p[5], p, sqrt(p * (1 - p) / 12), 0, 1, 0);
    cmp_rel(CTX("cut at 0", 0.0), "lcl", o.p[5].lcl, 0.0);
    cmp_scaled(CTX("quarter 3 by hand", 1e-4), "lcl", o.p[3].lcl, 0.18006, 1.0);
    double y[5], se[5], time[5];
    for (size_t t = 0, k = 0; t < 6; t++)
        if (flags[t] == 0) {
            y[k] = per[t].share;
            se[k] = per[t].se;
            time[k++] = (double)t;
        }
    check_trend(CTX("share trend", 0.0), &o.trend, y, se, time, 5, NULL);
}

/*
 * Five waves of a mean rating (1..5), unweighted; wave 1 is flagged small.
 *
 *   t   n    mean  sd
 *   0   50   3.8   1.0
 *   1   12   2.0   1.5   flagged SMALL
 *   2   40   4.0   1.2
 *   3   60   3.9   0.9
 *   4   45   3.2   1.1
 *
 * x̄-chart: centre the n-weighted mean of the earlier unflagged waves, the
 * pooled SD s_p = √(Σ(n − 1)s²/Σ(n − 1)), σ_t = s_p/√n_t:
 *
 *   t = 3: centre (190 + 160)/90 = 3.888889, s_p² = (49 + 39·1.44)/88 =
 *          1.195, σ = 1.093161/√60 = 0.141127, limits [3.46551, 4.31227]:
 *          3.9 is inside.
 *   t = 4: centre (350 + 234)/150 = 3.893333, s_p² = (105.16 + 59·0.81)/147
 *          = 1.040476, σ = 1.020037/√45 = 0.152058, limits
 *          [3.43716, 4.34951]: 3.2 is below, a signal.
 */
static void test_track_means_is_an_xbar_chart_with_the_pooled_sd(void **state)
{
    (void)state;
    csat_mean_result per[5] = {mean_period(50, 3.8, 1.0), mean_period(12, 2.0, 1.5),
                               mean_period(40, 4.0, 1.2), mean_period(60, 3.9, 0.9),
                               mean_period(45, 3.2, 1.1)};
    const int flags[5] = {0, CSAT_GROUP_SMALL, 0, 0, 0};
    track_out o;
    csat_error err;
    track_init(&o);
    OK(csat_compare_track_means(per, flags, 5, NULL, &o.trend, o.p, MAX_PERIODS, &err));
    static const int prev[5] = {-1, -1, 0, 2, 3};
    for (size_t t = 0; t < 5; t++) {
        check_point_shown(CTX("wave", 0.0), &o.p[t], t, flags[t], per[t].score,
                          per[t].ci_lower, per[t].ci_upper);
        if (prev[t] < 0) {
            check_no_change(CTX("wave without a change", 0.0), &o.p[t]);
            continue;
        }
        csat_comparison w = CSAT_RESULT_INIT(csat_comparison);
        OK(csat_compare_means(&per[t], &per[prev[t]], NULL, &w, &err));
        check_change(CTX("Welch change", 0.0), &o.p[t], &w);
    }
    check_no_chart(CTX("wave 0", 0.0), &o.p[0]);
    check_no_chart(CTX("flagged wave 1", 0.0), &o.p[1]);
    check_no_chart(CTX("wave 2", 0.0), &o.p[2]);
    double sp = sqrt((49 * 1.0 + 39 * 1.44) / 88);
    check_chart(CTX("wave 3", LIMIT_TOL), &o.p[3], 350.0 / 90, sp / sqrt(60), -INFINITY,
                INFINITY, 0);
    sp = sqrt((49 * 1.0 + 39 * 1.44 + 59 * 0.81) / 147);
    check_chart(CTX("wave 4", LIMIT_TOL), &o.p[4], 584.0 / 150, sp / sqrt(45), -INFINITY,
                INFINITY, 1);
    cmp_scaled(CTX("wave 3 by hand", 1e-5), "lcl", o.p[3].lcl, 3.46551, 1.0);
    cmp_scaled(CTX("wave 4 by hand", 1e-5), "ucl", o.p[4].ucl, 4.34951, 1.0);
    const double y[4] = {3.8, 4.0, 3.9, 3.2}, time[4] = {0, 2, 3, 4};
    const double se[4] = {per[0].se, per[2].se, per[3].se, per[4].se};
    check_trend(CTX("mean trend", 0.0), &o.trend, y, se, time, 4, NULL);
}

static void test_track_reads_periods_by_the_first_size_and_without_flags(void **state)
{
    (void)state;
    csat_nps_result per[4] = {nps_period(100, 0.40, 0.20), nps_period(100, 0.44, 0.18),
                              nps_period(200, 0.45, 0.17), nps_period(150, 0.20, 0.40)};
    track_out a, b;
    csat_error err;
    track_init(&a);
    OK(csat_compare_track_nps(per, NULL, 4, NULL, &a.trend, a.p, MAX_PERIODS, &err));
    for (size_t t = 1; t < 4; t++)
        per[t].size = 0;
    track_init(&b);
    const int none[4] = {0, 0, 0, 0};
    OK(csat_compare_track_nps(per, none, 4, NULL, &b.trend, b.p, MAX_PERIODS, &err));
    assert_memory_equal(&a, &b, sizeof a);
    cmp_int(CTX("unflagged", 0.0), "signal of month 3", a.p[3].signal, 1);
    /* One period: shown, no change, no chart; no trend asked. */
    track_init(&a);
    OK(csat_compare_track_nps(per, NULL, 1, NULL, NULL, a.p, 1, &err));
    check_no_change(CTX("one period", 0.0), &a.p[0]);
    check_no_chart(CTX("one period", 0.0), &a.p[0]);
}

static void test_a_period_without_spread_is_left_out_of_the_trend(void **state)
{
    (void)state;
    /* Period 1: every answer a promoter, SE 0. It is charted and changed
     * from, but an SE of 0 would be an infinite weight in the trend. */
    csat_nps_result per[4] = {nps_period(100, 0.40, 0.20), nps_period(30, 1.0, 0.0),
                              nps_period(200, 0.45, 0.17), nps_period(150, 0.30, 0.20)};
    track_out o;
    csat_error err;
    track_init(&o);
    OK(csat_compare_track_nps(per, NULL, 4, NULL, &o.trend, o.p, MAX_PERIODS, &err));
    const double y[3] = {per[0].score, per[2].score, per[3].score};
    const double se[3] = {per[0].se, per[2].se, per[3].se}, time[3] = {0, 2, 3};
    check_trend(CTX("trend without the SE of 0", 0.0), &o.trend, y, se, time, 3, NULL);
    csat_comparison w = CSAT_RESULT_INIT(csat_comparison);
    OK(csat_compare_nps(&per[2], &per[1], NULL, &w, &err));
    check_change(CTX("change from the period without spread", 0.0), &o.p[2], &w);
    /* Only one period with spread left: no trend. */
    EXPECT_FAIL_ROW(CSAT_ERR_TOO_FEW, CSAT_NO_INDEX, o,
                    csat_compare_track_nps(per, NULL, 2, NULL, &o.trend, o.p, MAX_PERIODS,
                                           &err));
}

static void test_track_rejects_bad_input_and_names_the_period(void **state)
{
    (void)state;
    csat_nps_result per[4] = {nps_period(100, 0.40, 0.20), nps_period(100, 0.44, 0.18),
                              nps_period(200, 0.45, 0.17), nps_period(150, 0.20, 0.40)};
    const int flags[4] = {0, CSAT_GROUP_SMALL, CSAT_GROUP_EMPTY, 0};
    track_out o;
    csat_error err;
    EXPECT_NULL_ERROR(csat_compare_track_nps(NULL, NULL, 4, NULL, NULL, o.p, MAX_PERIODS, &err));
    EXPECT_NULL_ERROR(csat_compare_track_nps(per, NULL, 4, NULL, NULL, NULL, MAX_PERIODS, &err));
    EXPECT_FAIL_ROW(CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, o,
                    csat_compare_track_nps(per, NULL, 0, NULL, &o.trend, o.p, MAX_PERIODS,
                                           &err));
    EXPECT_FAIL_ROW(CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, o,
                    csat_compare_track_nps(per, NULL, 4, NULL, &o.trend, o.p, 3, &err));
    EXPECT_FAIL_ROW(CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, o,
                    csat_compare_track_nps(per, NULL, 4, OPTIONS(0.0, 0), &o.trend, o.p,
                                           MAX_PERIODS, &err));
    /* Tracking does not read the adjustment method. */
    track_out ok_;
    track_init(&ok_);
    OK(csat_compare_track_nps(per, NULL, 4, OPTIONS(0.95, 9), &ok_.trend, ok_.p, MAX_PERIODS,
                              &err));
    /* A trend needs 2 unflagged periods. */
    EXPECT_FAIL_ROW(CSAT_ERR_TOO_FEW, CSAT_NO_INDEX, o,
                    csat_compare_track_nps(per, flags, 3, NULL, &o.trend, o.p, MAX_PERIODS,
                                           &err));
    track_init(&ok_);
    OK(csat_compare_track_nps(per, flags, 3, NULL, NULL, ok_.p, MAX_PERIODS, &err));
    /* An unflagged period that cannot be compared or charted, by index. */
    csat_nps_result bad[4];
    memcpy(bad, per, sizeof bad);
    bad[3].score = NAN;
    EXPECT_FAIL_ROW(CSAT_ERR_ARGUMENT, 3, o,
                    csat_compare_track_nps(bad, NULL, 4, NULL, &o.trend, o.p, MAX_PERIODS,
                                           &err));
    assert_non_null(strstr(err.message, "period 3"));
    memcpy(bad, per, sizeof bad);
    bad[2].n_effective = 0;
    EXPECT_FAIL_ROW(CSAT_ERR_ARGUMENT, 2, o,
                    csat_compare_track_nps(bad, NULL, 4, NULL, &o.trend, o.p, MAX_PERIODS,
                                           &err));
    memcpy(bad, per, sizeof bad);
    bad[1].promoters = 0.9;
    EXPECT_FAIL_ROW(CSAT_ERR_ARGUMENT, 1, o,
                    csat_compare_track_nps(bad, NULL, 4, NULL, &o.trend, o.p, MAX_PERIODS,
                                           &err));
    /* Flagged, the same periods are shown without being checked. */
    const int flagged[4] = {0, CSAT_GROUP_SMALL, CSAT_GROUP_EMPTY, 0};
    memcpy(bad, per, sizeof bad);
    bad[1].score = NAN;
    bad[2].n_effective = 0;
    track_init(&ok_);
    OK(csat_compare_track_nps(bad, flagged, 4, NULL, &ok_.trend, ok_.p, MAX_PERIODS, &err));
    csat_mean_result m[3] = {mean_period(50, 3.8, 1.0), mean_period(40, 4.0, 1.2),
                             mean_period(60, 3.9, 0.9)};
    m[1].sd = NAN;
    EXPECT_FAIL_ROW(CSAT_ERR_ARGUMENT, 1, o,
                    csat_compare_track_means(m, NULL, 3, NULL, &o.trend, o.p, MAX_PERIODS,
                                             &err));
    csat_share_result s[3] = {share_period(100, 0.3), share_period(100, 0.3),
                              share_period(100, 0.3)};
    s[0].size = 3;
    EXPECT_FAIL_ROW(CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, o,
                    csat_compare_track_shares(s, NULL, 3, NULL, &o.trend, o.p, MAX_PERIODS,
                                              &err));
    s[0].size = sizeof s[0];
    /* The sizes of the outputs. */
    EXPECT_FAIL_SIZES(o, o.p[0].size = 5,
                      csat_compare_track_shares(s, NULL, 3, NULL, &o.trend, o.p, MAX_PERIODS,
                                                &err));
    EXPECT_FAIL_SIZES(o, (o.p[0].size = sizeof o.p[0], o.trend.size = 0),
                      csat_compare_track_shares(s, NULL, 3, NULL, &o.trend, o.p, MAX_PERIODS,
                                                &err));
}

/* ------------------------------------------------------------------------ */

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_each_contrast_equals_the_pairwise_comparison_of_its_rows),
        cmocka_unit_test(test_null_options_are_the_defaults),
        cmocka_unit_test(test_a_family_without_flags_compares_every_group),
        cmocka_unit_test(test_nps_families_match_statsmodels_and_multipletests),
        cmocka_unit_test(test_share_and_mean_families_match_statsmodels_and_scipy),
        cmocka_unit_test(test_skipped_groups_are_left_out_of_the_family),
        cmocka_unit_test(test_a_flagged_reference_skips_every_comparison),
        cmocka_unit_test(test_the_rest_of_a_group_whose_others_are_all_empty_is_empty),
        cmocka_unit_test(test_counts_of_each_contrast_and_the_size_query),
        cmocka_unit_test(test_a_buffer_too_small_is_refused_and_left_untouched),
        cmocka_unit_test(test_results_and_comparisons_are_read_and_written_by_their_first_size),
        cmocka_unit_test(test_bad_arguments_are_refused),
        cmocka_unit_test(test_an_invalid_result_is_an_error_naming_its_group),
        cmocka_unit_test(test_track_nps_changes_limits_signals_and_trend),
        cmocka_unit_test(test_track_shares_is_a_p_chart_cut_at_zero),
        cmocka_unit_test(test_track_means_is_an_xbar_chart_with_the_pooled_sd),
        cmocka_unit_test(test_track_reads_periods_by_the_first_size_and_without_flags),
        cmocka_unit_test(test_a_period_without_spread_is_left_out_of_the_trend),
        cmocka_unit_test(test_track_rejects_bad_input_and_names_the_period),
    };
    return cmocka_run_group_tests(tests, setup_kinds, NULL);
}
