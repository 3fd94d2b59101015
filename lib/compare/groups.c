/* Comparisons of the results of groups (doc/methods.md, "Groups: against
 * the rest, a reference, a benchmark, all pairs" and "Tracking over
 * periods"). Every test here is one of compare.c's public comparisons,
 * called once per pair of results: this file only chooses the pairs, skips
 * the flagged groups, adjusts the family's p-values with
 * csat_compare_adjust(), pools the earlier periods of a control chart and
 * hands the usable periods to csat_compare_trend(). Segments and periods
 * share the reading of a caller's array of results, so both live here. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/checks.h"
#include "core/error.h"
#include "core/size.h"
#include "core/sized.h"
#include "csat/compare.h"
#include "csat/groups.h"

/* ------------------------------------------------------------------------ */
/* Results of the three kinds                                                */

typedef enum kind { KIND_NPS, KIND_SHARE, KIND_MEAN } kind;

typedef union any_result {
    csat_nps_result nps;
    csat_share_result share;
    csat_mean_result mean;
} any_result;

static size_t full_size(kind k)
{
    return k == KIND_NPS     ? sizeof(csat_nps_result)
           : k == KIND_SHARE ? sizeof(csat_share_result)
                             : sizeof(csat_mean_result);
}

/* Element i of a caller's array of results as a full struct. The first
 * element's size is the stride of all (doc/conventions.md, "Growth without
 * breakage"), checked by the caller of this function; fields beyond it are
 * absent (zero), as csat_sized_read() leaves them, and the comparisons'
 * own checks refuse a result that lacks what they need. */
static void read_at(kind k, const void *base, size_t i, any_result *r)
{
    size_t full = full_size(k), stride = csat_sized_get(base);
    memset(r, 0, sizeof *r);
    memcpy(r, (const char *)base + i * stride, stride);
    memcpy(r, &full, sizeof full);
}

static csat_status compare_two(kind k, const any_result *a, const any_result *b,
                               const csat_compare_options *o, csat_comparison *c, csat_error *err)
{
    switch (k) {
    case KIND_NPS:
        return csat_compare_nps(&a->nps, &b->nps, o, c, err);
    case KIND_SHARE:
        return csat_compare_shares(&a->share, &b->share, o, c, err);
    default:
        return csat_compare_means(&a->mean, &b->mean, o, c, err);
    }
}

static csat_status compare_benchmark(kind k, const any_result *a, double benchmark,
                                     const csat_compare_options *o, csat_comparison *c,
                                     csat_error *err)
{
    switch (k) {
    case KIND_NPS:
        return csat_compare_nps_benchmark(&a->nps, benchmark, o, c, err);
    case KIND_SHARE:
        return csat_compare_share_benchmark(&a->share, benchmark, o, c, err);
    default:
        return csat_compare_mean_benchmark(&a->mean, benchmark, o, c, err);
    }
}

/* Whether a result can be compared, decided by compare.c's own checks: the
 * benchmark comparison with a benchmark it always accepts (0 points, a share
 * of one half, 0) reads a result exactly as the two-result comparison does
 * (score, SE, share and effective n, degrees of freedom). Checking each side
 * alone names the group at fault, where the two-result call would only say
 * "the first" or "the second". */
static csat_status check_result(kind k, const any_result *r, const csat_compare_options *o,
                                const char *who, size_t index, csat_error *err)
{
    csat_comparison c = CSAT_RESULT_INIT(csat_comparison);
    csat_error e;
    csat_status st = compare_benchmark(k, r, k == KIND_SHARE ? 0.5 : 0.0, o, &c, &e);
    if (st != CSAT_OK)
        return csat_fail(err, st, index, CSAT_NO_INDEX, "%s %zu: %s", who, index, e.message);
    return CSAT_OK;
}

/* A benchmark checked by the benchmark comparison itself, against a result
 * it always accepts: the same refusals and messages (a share benchmark of
 * 30 gets the hint to pass 0.3), even when every group is flagged and no
 * comparison is made. */
static csat_status check_benchmark(kind k, double benchmark, const csat_compare_options *o,
                                   csat_error *err)
{
    any_result probe;
    memset(&probe, 0, sizeof probe);
    if (k == KIND_NPS)
        probe.nps = (csat_nps_result){ .size = sizeof(csat_nps_result), .se = 1 };
    else if (k == KIND_SHARE)
        probe.share = (csat_share_result){ .size = sizeof(csat_share_result), .share = 0.5,
                                           .n_effective = 1 };
    else
        probe.mean = (csat_mean_result){ .size = sizeof(csat_mean_result), .se = 1, .df = 1 };
    csat_comparison c = CSAT_RESULT_INIT(csat_comparison);
    return compare_benchmark(k, &probe, benchmark, o, &c, err);
}

/* The options (NULL: defaults) with their level checked. */
static csat_status load(const csat_compare_options *opt, csat_compare_options *o, csat_error *err)
{
    static const csat_compare_options d = CSAT_COMPARE_OPTIONS_DEFAULT;
    csat_status st = CSAT_LOAD_OPTIONS(*o, opt, d, err);
    return st == CSAT_OK ? csat_check_level(o->level, err) : st;
}

/* The same and the adjustment method, checked by csat_compare_adjust() on
 * an empty family: up front, so that a family whose groups are all flagged
 * refuses a bad method as a family with comparisons does. */
static csat_status load_family(const csat_compare_options *opt, csat_compare_options *o,
                               csat_error *err)
{
    csat_status st = load(opt, o, err);
    double none = 0;
    return st == CSAT_OK ? csat_compare_adjust(&none, 0, o, &none, err) : st;
}

/* ------------------------------------------------------------------------ */
/* Comparisons of groups                                                     */

typedef struct family {
    kind k;
    const void *groups, *rest;
    const int *flags;
    size_t n_groups, n_empty, reference;
    csat_group_contrast contrast;
    double benchmark;
    csat_compare_options o;
} family;

static int flag_of(const family *f, size_t d)
{
    return f->flags ? f->flags[d] : CSAT_GROUP_OK;
}

/* The rest of group d has no answer when every other group has none (or
 * there is no other group): known from the flags, like every skip. */
static int rest_is_empty(const family *f, size_t d)
{
    size_t others_empty = f->n_empty - (flag_of(f, d) == CSAT_GROUP_EMPTY);
    return others_empty == f->n_groups - 1;
}

/* One comparison of the family: group a against b (a group, or
 * CSAT_NO_INDEX for the rest and the benchmark). A flagged side is a skip,
 * with NaN statistics; an invalid result is an error naming its group. */
static csat_status compare_one(const family *f, size_t a, size_t b, csat_group_comparison *gc,
                               csat_error *err)
{
    /* Set field by field on zeros: the padding after `skipped` reaches the
     * caller too, and must not carry stack bytes. */
    memset(gc, 0, sizeof *gc);
    gc->size = sizeof *gc;
    gc->group = a;
    gc->other = b;
    gc->diff = gc->se = gc->ci_lower = gc->ci_upper = NAN;
    gc->statistic = gc->df = gc->p = gc->p_adjusted = NAN;
    gc->level = f->o.level;
    int skip = flag_of(f, a);
    if (skip == CSAT_GROUP_OK && b != CSAT_NO_INDEX)
        skip = flag_of(f, b);
    if (skip == CSAT_GROUP_OK && f->contrast == CSAT_CONTRAST_REST && rest_is_empty(f, a))
        skip = CSAT_GROUP_EMPTY;
    if (skip != CSAT_GROUP_OK) {
        gc->skipped = skip;
        return CSAT_OK;
    }
    any_result ra, rb;
    read_at(f->k, f->groups, a, &ra);
    csat_status st = check_result(f->k, &ra, &f->o, "group", a, err);
    if (st != CSAT_OK)
        return st;
    if (f->contrast == CSAT_CONTRAST_REST) {
        read_at(f->k, f->rest, a, &rb);
        st = check_result(f->k, &rb, &f->o, "the rest of group", a, err);
    } else if (b != CSAT_NO_INDEX) {
        read_at(f->k, f->groups, b, &rb);
        st = check_result(f->k, &rb, &f->o, "group", b, err);
    }
    if (st != CSAT_OK)
        return st;
    csat_comparison c = CSAT_RESULT_INIT(csat_comparison);
    csat_error e;
    if (f->contrast == CSAT_CONTRAST_BENCHMARK)
        st = compare_benchmark(f->k, &ra, f->benchmark, &f->o, &c, &e);
    else
        st = compare_two(f->k, &ra, &rb, &f->o, &c, &e);
    /* Both results passed their checks: what is left is a difference
     * beyond the range of a double (means near ±DBL_MAX). */
    if (st != CSAT_OK)
        return csat_fail(err, st, a, CSAT_NO_INDEX, "group %zu: %s", a, e.message);
    gc->diff = c.diff;
    gc->se = c.se;
    gc->ci_lower = c.ci_lower;
    gc->ci_upper = c.ci_upper;
    gc->statistic = c.statistic;
    gc->df = c.df;
    gc->p = c.p;
    gc->level = c.level;
    return CSAT_OK;
}

/* Where a pass over the family stands: the next comparison i and the next
 * p-value j of the compared ones. */
typedef struct pass {
    double *p;
    csat_group_comparison *out;
    size_t i, j;
} pass;

/* One comparison in a pass. The first pass (out NULL) checks it and
 * collects its p-value if it is compared; the second, after the
 * adjustment, writes it with its adjusted p-value. The comparisons are pure
 * functions of the results, so the second pass repeats the first exactly,
 * and a failure can only happen in the first, before anything is written. */
static csat_status visit(const family *f, pass *ps, size_t a, size_t b, csat_error *err)
{
    csat_group_comparison gc;
    csat_status st = compare_one(f, a, b, &gc, err);
    if (st != CSAT_OK)
        return st;
    if (gc.skipped == 0) {
        if (ps->out == NULL)
            ps->p[ps->j] = gc.p;
        else
            gc.p_adjusted = ps->p[ps->j];
        ps->j++;
    }
    if (ps->out != NULL)
        csat_sized_store_at(ps->out, ps->i, &gc, sizeof gc);
    ps->i++;
    return CSAT_OK;
}

/* Every comparison of the family in its order: group order, and pairs
 * a < b by a, then b. */
static csat_status run(const family *f, pass *ps, csat_error *err)
{
    csat_status st = CSAT_OK;
    for (size_t a = 0; a < f->n_groups && st == CSAT_OK; a++) {
        if (f->contrast == CSAT_CONTRAST_PAIRS) {
            for (size_t b = a + 1; b < f->n_groups && st == CSAT_OK; b++)
                st = visit(f, ps, a, b, err);
        } else if (f->contrast == CSAT_CONTRAST_REFERENCE) {
            if (a != f->reference)
                st = visit(f, ps, a, f->reference, err);
        } else {
            st = visit(f, ps, a, CSAT_NO_INDEX, err);
        }
    }
    return st;
}

static csat_status compare_groups(kind k, const void *groups, const void *rest, const int *flags,
                                  size_t n_groups, csat_group_contrast contrast, size_t reference,
                                  double benchmark, const csat_compare_options *opt,
                                  csat_group_comparison *out, size_t cap, size_t *count,
                                  csat_error *err)
{
    CSAT_REQUIRE(groups, err);
    CSAT_REQUIRE(count, err);
    if (out != NULL || cap > 0)
        CSAT_REQUIRE_OUT(out, err);
    family f = { .k = k, .groups = groups, .rest = rest, .flags = flags, .n_groups = n_groups,
                 .reference = reference, .contrast = contrast, .benchmark = benchmark };
    csat_status st = load_family(opt, &f.o, err);
    if (st != CSAT_OK)
        return st;
    if (n_groups < 1 || n_groups > CSAT_GROUPS_MAX)
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "%zu groups: between 1 and %d are needed", n_groups, CSAT_GROUPS_MAX);
    st = csat_sized_check(groups, full_size(k), "groups", err);
    if (st != CSAT_OK)
        return st;
    size_t m;
    switch (contrast) {
    case CSAT_CONTRAST_REST:
        CSAT_REQUIRE(rest, err);
        st = csat_sized_check(rest, full_size(k), "rest", err);
        m = n_groups;
        break;
    case CSAT_CONTRAST_REFERENCE:
        if (reference >= n_groups)
            return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                             "reference group %zu is not one of the %zu groups", reference,
                             n_groups);
        m = n_groups - 1;
        break;
    case CSAT_CONTRAST_BENCHMARK:
        st = check_benchmark(k, benchmark, &f.o, err);
        m = n_groups;
        break;
    case CSAT_CONTRAST_PAIRS:
        /* G ≤ 2^24: G(G − 1)/2 < 2^47 fits a 64-bit size_t; the product
         * below is checked for a 32-bit one. */
        if (!csat_size_mul(n_groups, n_groups - 1, &m))
            return csat_fail_overflow(err, "pairs of groups", n_groups, n_groups - 1);
        m /= 2;
        break;
    default:
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "unknown contrast %d", (int)contrast);
    }
    if (st != CSAT_OK)
        return st;
    if (out == NULL) {
        *count = m;
        return CSAT_OK;
    }
    if (cap < m)
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "room for %zu comparisons but the contrast makes %zu", cap, m);
    if (flags != NULL)
        for (size_t d = 0; d < n_groups; d++)
            f.n_empty += flags[d] == CSAT_GROUP_EMPTY;
    if (!csat_array_fits(m ? m : 1, 1, sizeof(double)))
        return csat_fail_overflow(err, "comparisons", m, 1);
    double *p = malloc((m ? m : 1) * sizeof *p);
    if (p == NULL)
        return csat_fail(err, CSAT_ERR_NOMEM, CSAT_NO_INDEX, CSAT_NO_INDEX, NULL);
    pass first = { p, NULL, 0, 0 }, second = { p, out, 0, 0 };
    st = run(&f, &first, err);
    if (st == CSAT_OK) {
        /* The family is the comparisons made: a skipped one is no test. */
        csat_error e;
        st = csat_compare_adjust(p, first.j, &f.o, p, &e);
        if (st != CSAT_OK)
            st = csat_fail(err, st, CSAT_NO_INDEX, CSAT_NO_INDEX, "%s", e.message);
    }
    if (st == CSAT_OK)
        st = run(&f, &second, err);
    if (st == CSAT_OK)
        *count = m;
    free(p);
    return st;
}

csat_status csat_compare_groups_nps(const csat_nps_result *groups, const csat_nps_result *rest,
                                    const int *flags, size_t n_groups,
                                    csat_group_contrast contrast, size_t reference,
                                    double benchmark, const csat_compare_options *opt,
                                    csat_group_comparison *out, size_t cap, size_t *count,
                                    csat_error *err)
{
    return compare_groups(KIND_NPS, groups, rest, flags, n_groups, contrast, reference, benchmark,
                          opt, out, cap, count, err);
}

csat_status csat_compare_groups_shares(const csat_share_result *groups,
                                       const csat_share_result *rest, const int *flags,
                                       size_t n_groups, csat_group_contrast contrast,
                                       size_t reference, double benchmark,
                                       const csat_compare_options *opt,
                                       csat_group_comparison *out, size_t cap, size_t *count,
                                       csat_error *err)
{
    return compare_groups(KIND_SHARE, groups, rest, flags, n_groups, contrast, reference,
                          benchmark, opt, out, cap, count, err);
}

csat_status csat_compare_groups_means(const csat_mean_result *groups,
                                      const csat_mean_result *rest, const int *flags,
                                      size_t n_groups, csat_group_contrast contrast,
                                      size_t reference, double benchmark,
                                      const csat_compare_options *opt, csat_group_comparison *out,
                                      size_t cap, size_t *count, csat_error *err)
{
    return compare_groups(KIND_MEAN, groups, rest, flags, n_groups, contrast, reference,
                          benchmark, opt, out, cap, count, err);
}

/* ------------------------------------------------------------------------ */
/* Tracking over periods                                                     */

/* What the chart and the trend read of a period's result, in the unit of
 * the tracking table: NPS points, proportions, the rating's unit. */
typedef struct period_view {
    double score, se, ci_lower, ci_upper;
    double promoters, detractors; /* NPS */
    double n_effective, n_weighted, sd, df;
} period_view;

static period_view view_of(kind k, const any_result *r)
{
    period_view v = { 0 };
    if (k == KIND_NPS) {
        const csat_nps_result *a = &r->nps;
        v = (period_view){ a->score, a->se, a->ci_lower, a->ci_upper, a->promoters,
                           a->detractors, a->n_effective, a->n_weighted, NAN, NAN };
    } else if (k == KIND_SHARE) {
        const csat_share_result *a = &r->share;
        v = (period_view){ a->share, a->se, a->ci_lower, a->ci_upper, NAN, NAN,
                           a->n_effective, a->n_weighted, NAN, NAN };
    } else {
        const csat_mean_result *a = &r->mean;
        v = (period_view){ a->score, a->se, a->ci_lower, a->ci_upper, NAN, NAN,
                           a->n_effective, a->n_weighted, a->sd, a->df };
    }
    return v;
}

/* What the control chart needs beyond what the comparisons check: the
 * effective sample size of the period's limits and the weights and
 * components it adds to the pool. */
static csat_status check_chart(kind k, const period_view *v, size_t t, csat_error *err)
{
    if (!(v->n_effective > 0 && isfinite(v->n_effective)))
        return csat_fail(err, CSAT_ERR_ARGUMENT, t, CSAT_NO_INDEX,
                         "period %zu has no finite positive effective sample size (%g)", t,
                         v->n_effective);
    if (k == KIND_NPS && !(v->promoters >= 0 && v->detractors >= 0 &&
                           v->promoters + v->detractors <= 1 + 1e-12))
        return csat_fail(err, CSAT_ERR_ARGUMENT, t, CSAT_NO_INDEX,
                         "period %zu has promoter and detractor shares %g and %g, not two "
                         "proportions that add up to at most 1",
                         t, v->promoters, v->detractors);
    if (k == KIND_MEAN && !(v->n_weighted > 0 && isfinite(v->n_weighted) && v->sd >= 0 &&
                            isfinite(v->sd)))
        return csat_fail(err, CSAT_ERR_ARGUMENT, t, CSAT_NO_INDEX,
                         "period %zu has a weighted n of %g and an SD of %g: a positive n "
                         "and a finite SD are needed",
                         t, v->n_weighted, v->sd);
    return CSAT_OK;
}

/* The pool of the earlier unflagged periods (Montgomery's p-chart and
 * x̄-chart with variable sample sizes): sums weighted by each period's
 * effective n (NPS, shares) or weighted n (means), and the within-period
 * sums of squares on their degrees of freedom. */
typedef struct pool {
    size_t periods;
    double w, wp, wd, df, ss;
} pool;

static void pool_add(kind k, pool *pl, const period_view *v)
{
    pl->periods++;
    if (k == KIND_NPS) {
        pl->w += v->n_effective;
        pl->wp += v->n_effective * v->promoters;
        pl->wd += v->n_effective * v->detractors;
    } else if (k == KIND_SHARE) {
        pl->w += v->n_effective;
        pl->wp += v->n_effective * v->score;
    } else {
        pl->w += v->n_weighted;
        pl->wp += v->n_weighted * v->score;
        pl->df += v->df;
        pl->ss += v->df * v->sd * v->sd;
    }
}

/* Centre and 3-sigma limits for a period of effective size n under the
 * pooled centre. NPS is the p-chart of the answers coded +1/0/−1: variance
 * per answer p̄ + d̄ − (p̄ − d̄)², written as p̄(1 − p̄) + d̄(1 − d̄) + 2p̄d̄,
 * which rounding cannot make negative. Limits of a bounded score are cut
 * at its bounds, as Montgomery sets a negative p-chart LCL to 0. */
static void chart(kind k, const pool *pl, double n, csat_track_point *pt)
{
    double centre, sigma, lo = -INFINITY, hi = INFINITY;
    if (k == KIND_NPS) {
        double p = pl->wp / pl->w, d = pl->wd / pl->w;
        centre = 100 * (p - d);
        sigma = 100 * sqrt((p * (1 - p) + d * (1 - d) + 2 * p * d) / n);
        lo = -100;
        hi = 100;
    } else if (k == KIND_SHARE) {
        double p = pl->wp / pl->w;
        centre = p;
        sigma = sqrt(p * (1 - p) / n);
        lo = 0;
        hi = 1;
    } else {
        centre = pl->wp / pl->w;
        sigma = sqrt(pl->ss / pl->df) / sqrt(n);
    }
    pt->center = centre;
    pt->lcl = fmax(lo, centre - 3 * sigma);
    pt->ucl = fmin(hi, centre + 3 * sigma);
    pt->signal = pt->score < pt->lcl || pt->score > pt->ucl;
}

static csat_status track(kind k, const void *periods, const int *flags, size_t T,
                         const csat_compare_options *opt, csat_trend_result *trend,
                         csat_track_point *out, size_t cap, csat_error *err)
{
    CSAT_REQUIRE(periods, err);
    CSAT_REQUIRE_OUT(out, err);
    if (trend != NULL)
        CSAT_REQUIRE_OUT(trend, err);
    csat_compare_options o;
    csat_status st = load(opt, &o, err);
    if (st != CSAT_OK)
        return st;
    if (T < 1)
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "no periods: at least 1 is needed");
    if (cap < T)
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "room for %zu points but there are %zu periods", cap, T);
    st = csat_sized_check(periods, full_size(k), "periods", err);
    if (st != CSAT_OK)
        return st;
    if (!csat_array_fits(T, 1, sizeof(csat_track_point)) || !csat_array_fits(T, 3, sizeof(double)))
        return csat_fail_overflow(err, "periods", T, 1);
    csat_track_point *pts = malloc(T * sizeof *pts);
    double *y = malloc(3 * T * sizeof *y);
    if (pts == NULL || y == NULL) {
        free(pts);
        free(y);
        return csat_fail(err, CSAT_ERR_NOMEM, CSAT_NO_INDEX, CSAT_NO_INDEX, NULL);
    }
    double *s = y + T, *time = y + 2 * T;
    size_t usable = 0;
    pool pl = { 0 };
    any_result r, prev;
    int has_prev = 0;
    for (size_t t = 0; t < T && st == CSAT_OK; t++) {
        read_at(k, periods, t, &r);
        period_view v = view_of(k, &r);
        csat_track_point *pt = &pts[t];
        /* On zeros, as the comparisons above: no stack bytes in padding. */
        memset(pt, 0, sizeof *pt);
        pt->size = sizeof *pt;
        pt->period = t;
        pt->flags = flags ? flags[t] : CSAT_GROUP_OK;
        pt->score = v.score;
        pt->ci_lower = v.ci_lower;
        pt->ci_upper = v.ci_upper;
        pt->change = pt->change_se = pt->change_p = NAN;
        pt->center = pt->lcl = pt->ucl = NAN;
        /* A flagged period is shown, not charted: its interval is not
         * reliable (SMALL) or it has no answer (EMPTY), and limits on the
         * same normal approximation would be no better. */
        if (pt->flags != CSAT_GROUP_OK)
            continue;
        st = check_result(k, &r, &o, "period", t, err);
        if (st == CSAT_OK)
            st = check_chart(k, &v, t, err);
        if (st != CSAT_OK)
            break;
        if (has_prev) {
            csat_comparison c = CSAT_RESULT_INIT(csat_comparison);
            csat_error e;
            st = compare_two(k, &r, &prev, &o, &c, &e);
            if (st != CSAT_OK) {
                st = csat_fail(err, st, t, CSAT_NO_INDEX, "period %zu: %s", t, e.message);
                break;
            }
            pt->change = c.diff;
            pt->change_se = c.se;
            pt->change_p = c.p;
        }
        if (pl.periods >= 2)
            chart(k, &pl, v.n_effective, pt);
        pool_add(k, &pl, &v);
        prev = r;
        has_prev = 1;
        /* An SE of 0 would be an infinite weight in the trend. */
        if (v.se > 0) {
            y[usable] = v.score;
            s[usable] = v.se;
            time[usable] = (double)t;
            usable++;
        }
    }
    csat_trend_result tr = CSAT_RESULT_INIT(csat_trend_result);
    if (st == CSAT_OK && trend != NULL) {
        if (usable < 2) {
            st = csat_fail(err, CSAT_ERR_TOO_FEW, CSAT_NO_INDEX, CSAT_NO_INDEX,
                           "a trend needs 2 unflagged periods with a positive standard error, "
                           "there are %zu",
                           usable);
        } else {
            csat_error e;
            st = csat_compare_trend(y, s, time, usable, &o, &tr, NULL, &e);
            /* The trend names a wave of the usable periods: name the period. */
            if (st != CSAT_OK)
                st = csat_fail(err, st, e.index == CSAT_NO_INDEX ? e.index : (size_t)time[e.index],
                               CSAT_NO_INDEX, "%s", e.message);
        }
    }
    if (st == CSAT_OK) {
        for (size_t t = 0; t < T; t++)
            csat_sized_store_at(out, t, &pts[t], sizeof pts[t]);
        if (trend != NULL)
            CSAT_STORE(trend, tr);
    }
    free(pts);
    free(y);
    return st;
}

csat_status csat_compare_track_nps(const csat_nps_result *periods, const int *flags, size_t T,
                                   const csat_compare_options *opt, csat_trend_result *trend,
                                   csat_track_point *out, size_t cap, csat_error *err)
{
    return track(KIND_NPS, periods, flags, T, opt, trend, out, cap, err);
}

csat_status csat_compare_track_shares(const csat_share_result *periods, const int *flags,
                                      size_t T, const csat_compare_options *opt,
                                      csat_trend_result *trend, csat_track_point *out,
                                      size_t cap, csat_error *err)
{
    return track(KIND_SHARE, periods, flags, T, opt, trend, out, cap, err);
}

csat_status csat_compare_track_means(const csat_mean_result *periods, const int *flags,
                                     size_t T, const csat_compare_options *opt,
                                     csat_trend_result *trend, csat_track_point *out,
                                     size_t cap, csat_error *err)
{
    return track(KIND_MEAN, periods, flags, T, opt, trend, out, cap, err);
}
