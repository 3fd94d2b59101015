/* Comparisons of results (doc/methods.md, "Comparisons"): against a
 * benchmark, between two independent results, adjusted p-values, trends,
 * percentile rank and expectation–perception gaps. They read results only,
 * never raw data (except the gap, whose pairs are the data). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/checks.h"
#include "core/error.h"
#include "core/probability.h"
#include "core/size.h"
#include "core/sized.h"
#include "csat/compare.h"
#include "accum/moments.h"
#include "score/estimate.h"

/* The options (NULL: defaults) with their level checked. */
static csat_status load(const csat_compare_options *opt, csat_compare_options *o, csat_error *err)
{
    static const csat_compare_options d = CSAT_COMPARE_OPTIONS_DEFAULT;
    csat_status st = CSAT_LOAD_OPTIONS(*o, opt, d, err);
    return st == CSAT_OK ? csat_check_level(o->level, err) : st;
}

/* An SE of 0 is allowed (a sample without spread: the difference is then
 * known exactly, and test() gives ±inf or 0, never NaN); NaN, negative or
 * infinite is not. */
static csat_status check_se(double se, const char *what, csat_error *err)
{
    if (!(se >= 0 && isfinite(se)))
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "%s has no finite standard error (%g)", what, se);
    return CSAT_OK;
}

static csat_status check_nps(const csat_nps_result *a, const char *what, csat_error *err)
{
    if (!(a->score >= -100 && a->score <= 100))
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "%s has an NPS of %g, not between -100 and 100", what, a->score);
    return check_se(a->se, what, err);
}

static csat_status check_mean(const csat_mean_result *a, const char *what, csat_error *err)
{
    if (!isfinite(a->score))
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "%s has a score of %g, not a finite number", what, a->score);
    csat_status st = check_se(a->se, what, err);
    if (st == CSAT_OK && !(a->df >= 1))
        st = csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                       "%s has %g degrees of freedom: at least 2 observations are needed", what,
                       a->df);
    return st;
}

/* Statistic and two-sided p-value of diff/se on df degrees of freedom
 * (+inf: normal). An SE of 0 is a difference known exactly. */
static void test(csat_comparison *c)
{
    if (c->se > 0) {
        c->statistic = c->diff / c->se;
        double tail = isinf(c->df) ? csat_norm_sf(fabs(c->statistic))
                                   : csat_t_sf(fabs(c->statistic), c->df);
        /* Not fmin: a NaN must show, not become 1. */
        c->p = 2 * tail > 1 ? 1.0 : 2 * tail;
    } else {
        c->statistic = c->diff == 0 ? 0.0 : copysign(INFINITY, c->diff);
        c->p = c->diff == 0 ? 1.0 : 0.0;
    }
}

/* z test of a difference d against its SE under the null, se0: a null SE
 * of 0 (no spread possible, or p0(1 − p0)/m below the smallest double)
 * means a difference known exactly. */
static void null_test(csat_comparison *c, double d, double se0)
{
    if (se0 > 0) {
        c->statistic = d / se0;
        c->p = 2 * csat_norm_sf(fabs(c->statistic));
    } else {
        c->statistic = d == 0 ? 0.0 : copysign(INFINITY, d);
        c->p = d == 0 ? 1.0 : 0.0;
    }
}

/* diff ± q·se with the normal (df = inf) or t quantile, and the test,
 * written to out only when the difference and its interval are finite:
 * results forged near DBL_MAX (a score of 1e308 against −1e308) would
 * otherwise give ±inf or an interval of NaN. */
static csat_status symmetric(csat_comparison *out, double diff, double se, double df, double level,
                             csat_error *err)
{
    csat_comparison c;
    c.diff = diff;
    c.se = se;
    c.df = df;
    c.level = level;
    double q = csat_critical(level, df);
    c.ci_lower = diff - q * se;
    c.ci_upper = diff + q * se;
    if (!(isfinite(c.diff) && isfinite(c.ci_lower) && isfinite(c.ci_upper)))
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "the difference %g ± %g × %g is beyond the range of a double", diff, q,
                         se);
    test(&c);
    CSAT_STORE(out, c);
    return CSAT_OK;
}

csat_status csat_compare_nps_benchmark(const csat_nps_result *a, double benchmark,
                                       const csat_compare_options *opt, csat_comparison *out,
                                       csat_error *err)
{
    CSAT_REQUIRE(a, err);
    CSAT_REQUIRE_OUT(out, err);
    csat_nps_result ra;
    CSAT_READ_RESULT(ra, a, err);
    csat_compare_options o;
    csat_status st = load(opt, &o, err);
    const double level = o.level;
    if (st == CSAT_OK && !(benchmark >= -100 && benchmark <= 100))
        st = csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                       "NPS benchmark %g is not between -100 and 100", benchmark);
    if (st == CSAT_OK)
        st = check_nps(a, "the NPS result", err);
    if (st == CSAT_OK)
        st = symmetric(out, a->score - benchmark, a->se, INFINITY, level, err);
    return st;
}

static csat_status check_share(const csat_share_result *a, const char *what, csat_error *err)
{
    if (!(a->share >= 0 && a->share <= 1 && a->n_effective > 0 && isfinite(a->n_effective)))
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "%s is not a valid share result (share %g, effective n %g)", what,
                         a->share, a->n_effective);
    return CSAT_OK;
}

csat_status csat_compare_share_benchmark(const csat_share_result *a, double benchmark,
                                       const csat_compare_options *opt, csat_comparison *out,
                                       csat_error *err)
{
    CSAT_REQUIRE(a, err);
    CSAT_REQUIRE_OUT(out, err);
    csat_share_result ra;
    CSAT_READ_RESULT(ra, a, err);
    csat_compare_options o;
    csat_status st = load(opt, &o, err);
    const double level = o.level;
    /* A share is a proportion: a benchmark of 30 is a mistake for 0.3,
     * never read as 30 %. */
    if (st == CSAT_OK && !(benchmark > 0 && benchmark < 1)) {
        if (benchmark > 1 && benchmark < 100)
            st = csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                           "share benchmark %g is not a proportion between 0 and 1 "
                           "(for %g %%, pass %g)",
                           benchmark, benchmark, benchmark / 100);
        else
            st = csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                           "share benchmark %g is not a proportion strictly between 0 and 1",
                           benchmark);
    }
    if (st == CSAT_OK)
        st = check_share(a, "the share result", err);
    if (st != CSAT_OK)
        return st;
    double p = a->share, p0 = benchmark, m = a->n_effective, lo, hi;
    csat_wilson(p, m, level, &lo, &hi);
    csat_comparison c;
    c.diff = p - p0;
    c.se = sqrt(p * (1 - p) / m);
    c.ci_lower = lo - p0;
    c.ci_upper = hi - p0;
    c.df = INFINITY;
    c.level = level;
    /* Score test: the SE under the null, √(p0(1 − p0)/m). */
    null_test(&c, p - p0, sqrt(p0 * (1 - p0) / m));
    CSAT_STORE(out, c);
    return CSAT_OK;
}

csat_status csat_compare_mean_benchmark(const csat_mean_result *a, double benchmark,
                                       const csat_compare_options *opt, csat_comparison *out,
                                       csat_error *err)
{
    CSAT_REQUIRE(a, err);
    CSAT_REQUIRE_OUT(out, err);
    csat_mean_result ra;
    CSAT_READ_RESULT(ra, a, err);
    csat_compare_options o;
    csat_status st = load(opt, &o, err);
    const double level = o.level;
    if (st == CSAT_OK && !isfinite(benchmark))
        st = csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                       "benchmark %g is not finite", benchmark);
    if (st == CSAT_OK)
        st = check_mean(a, "the mean result", err);
    if (st == CSAT_OK)
        st = symmetric(out, a->score - benchmark, a->se, a->df, level, err);
    return st;
}

csat_status csat_compare_nps(const csat_nps_result *a, const csat_nps_result *b,
                             const csat_compare_options *opt, csat_comparison *out,
                             csat_error *err)
{
    CSAT_REQUIRE(a, err);
    CSAT_REQUIRE(b, err);
    CSAT_REQUIRE_OUT(out, err);
    csat_nps_result ra, rb;
    CSAT_READ_RESULT(ra, a, err);
    CSAT_READ_RESULT(rb, b, err);
    csat_compare_options o;
    csat_status st = load(opt, &o, err);
    const double level = o.level;
    if (st == CSAT_OK)
        st = check_nps(a, "the first NPS result", err);
    if (st == CSAT_OK)
        st = check_nps(b, "the second NPS result", err);
    if (st == CSAT_OK)
        st = symmetric(out, a->score - b->score, hypot(a->se, b->se), INFINITY, level, err);
    return st;
}

csat_status csat_compare_shares(const csat_share_result *a, const csat_share_result *b,
                             const csat_compare_options *opt, csat_comparison *out,
                             csat_error *err)
{
    CSAT_REQUIRE(a, err);
    CSAT_REQUIRE(b, err);
    CSAT_REQUIRE_OUT(out, err);
    csat_share_result ra, rb;
    CSAT_READ_RESULT(ra, a, err);
    CSAT_READ_RESULT(rb, b, err);
    csat_compare_options o;
    csat_status st = load(opt, &o, err);
    const double level = o.level;
    if (st == CSAT_OK)
        st = check_share(a, "the first share result", err);
    if (st == CSAT_OK)
        st = check_share(b, "the second share result", err);
    if (st != CSAT_OK)
        return st;
    double p1 = a->share, p2 = b->share, m1 = a->n_effective, m2 = b->n_effective;
    double l1, u1, l2, u2;
    csat_wilson(p1, m1, level, &l1, &u1);
    csat_wilson(p2, m2, level, &l2, &u2);
    double d = p1 - p2;
    csat_comparison c;
    c.diff = d;
    c.se = sqrt(p1 * (1 - p1) / m1 + p2 * (1 - p2) / m2);
    /* Newcombe's hybrid score interval (his method 10). */
    c.ci_lower = d - hypot(p1 - l1, u2 - p2);
    c.ci_upper = d + hypot(u1 - p1, p2 - l2);
    c.df = INFINITY;
    c.level = level;
    double pooled = (p1 * m1 + p2 * m2) / (m1 + m2);
    /* Pooled SE 0: both shares 0 or both 1, so d = 0 and p = 1. */
    null_test(&c, d, sqrt(pooled * (1 - pooled) * (1 / m1 + 1 / m2)));
    CSAT_STORE(out, c);
    return CSAT_OK;
}

csat_status csat_compare_means(const csat_mean_result *a, const csat_mean_result *b,
                             const csat_compare_options *opt, csat_comparison *out,
                             csat_error *err)
{
    CSAT_REQUIRE(a, err);
    CSAT_REQUIRE(b, err);
    CSAT_REQUIRE_OUT(out, err);
    csat_mean_result ra, rb;
    CSAT_READ_RESULT(ra, a, err);
    CSAT_READ_RESULT(rb, b, err);
    csat_compare_options o;
    csat_status st = load(opt, &o, err);
    const double level = o.level;
    if (st == CSAT_OK)
        st = check_mean(a, "the first mean result", err);
    if (st == CSAT_OK)
        st = check_mean(b, "the second mean result", err);
    if (st != CSAT_OK)
        return st;
    /* Welch–Satterthwaite degrees of freedom, from SEs relative to the
     * larger one: the df does not depend on their scale, and SEs of 1e-160
     * or 1e160 neither underflow nor overflow when squared twice. With no
     * spread on either side the test is degenerate and the pooled df is
     * used. */
    double s = fmax(a->se, b->se), df = a->df + b->df;
    if (s > 0) {
        double va = (a->se / s) * (a->se / s), vb = (b->se / s) * (b->se / s);
        df = (va + vb) * (va + vb) / (va * va / a->df + vb * vb / b->df);
    }
    return symmetric(out, a->score - b->score, hypot(a->se, b->se), df, level, err);
    return CSAT_OK;
}

typedef struct ranked {
    double p;
    size_t i;
} ranked;

static int by_p(const void *x, const void *y)
{
    const ranked *a = x, *b = y;
    if (a->p != b->p)
        return a->p < b->p ? -1 : 1;
    return a->i < b->i ? -1 : a->i > b->i;
}

csat_status csat_compare_adjust(const double *p, size_t n, const csat_compare_options *opt,
                                double *out, csat_error *err)
{
    CSAT_REQUIRE(p, err);
    CSAT_REQUIRE(out, err);
    static const csat_compare_options d = CSAT_COMPARE_OPTIONS_DEFAULT;
    csat_compare_options o;
    csat_status st = CSAT_LOAD_OPTIONS(o, opt, d, err);
    if (st != CSAT_OK)
        return st;
    const csat_adjust_method method = (csat_adjust_method)o.adjust;
    if (method != CSAT_ADJUST_HOLM && method != CSAT_ADJUST_BH && method != CSAT_ADJUST_BONFERRONI)
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "unknown adjustment method %d", (int)method);
    for (size_t i = 0; i < n; i++)
        if (!(p[i] >= 0 && p[i] <= 1))
            return csat_fail(err, CSAT_ERR_RANGE, i, CSAT_NO_INDEX,
                             "p-value %g at index %zu is not in [0, 1]", p[i], i);
    if (n == 0)
        return CSAT_OK;
    if (!csat_array_fits(n, 1, sizeof(ranked)))
        return csat_fail_overflow(err, "p-values", n, 1);
    ranked *r = malloc(n * sizeof *r);
    if (r == NULL)
        return csat_fail(err, CSAT_ERR_NOMEM, CSAT_NO_INDEX, CSAT_NO_INDEX, NULL);
    for (size_t i = 0; i < n; i++) {
        r[i].p = p[i];
        r[i].i = i;
    }
    qsort(r, n, sizeof *r, by_p);
    double dn = (double)n;
    if (method == CSAT_ADJUST_BONFERRONI) {
        for (size_t k = 0; k < n; k++)
            r[k].p = fmin(1.0, r[k].p * dn);
    } else if (method == CSAT_ADJUST_HOLM) {
        /* Step-down: running maximum of (n − k) p_(k), capped at 1. */
        double run = 0;
        for (size_t k = 0; k < n; k++) {
            run = fmax(run, fmin(1.0, (dn - (double)k) * r[k].p));
            r[k].p = run;
        }
    } else {
        /* Step-up: running minimum from the largest of n p_(k) / k. */
        double run = 1;
        for (size_t k = n; k-- > 0;) {
            run = fmin(run, dn / (double)(k + 1) * r[k].p);
            r[k].p = fmin(1.0, run);
        }
    }
    for (size_t k = 0; k < n; k++)
        out[r[k].i] = r[k].p;
    free(r);
    return CSAT_OK;
}

csat_status csat_compare_trend(const double *score, const double *se, const double *time, size_t k,
                               const csat_compare_options *opt, csat_trend_result *out,
                               csat_comparison *changes, csat_error *err)
{
    CSAT_REQUIRE(score, err);
    CSAT_REQUIRE(se, err);
    CSAT_REQUIRE_OUT(out, err);
    if (changes != NULL)
        CSAT_REQUIRE_OUT(changes, err);
    if (k < 2)
        return csat_fail(err, CSAT_ERR_TOO_FEW, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "a trend needs at least 2 waves, got %zu", k);
    csat_compare_options o;
    csat_status st = load(opt, &o, err);
    if (st != CSAT_OK)
        return st;
    const double level = o.level;
    for (size_t i = 0; i < k; i++) {
        double ti = time ? time[i] : (double)i;
        if (!isfinite(score[i]) || !(se[i] > 0 && isfinite(se[i])) || !isfinite(ti))
            return csat_fail(err, CSAT_ERR_ARGUMENT, i, CSAT_NO_INDEX,
                             "wave %zu has an invalid score, standard error or time", i);
        if (i > 0 && time && !(time[i] > time[i - 1]))
            return csat_fail(err, CSAT_ERR_ARGUMENT, i, CSAT_NO_INDEX,
                             "times must increase strictly: wave %zu is at %g after %g", i,
                             time[i], time[i - 1]);
    }
    /* Inverse-variance weighted least squares with known variances, the
     * weights taken relative to the smallest SE, (s/se_i)² ≤ 1: the slope
     * does not depend on their scale, and SEs of 1e±160 neither overflow
     * nor underflow when squared (long double may be double). */
    double smin = se[0];
    for (size_t i = 1; i < k; i++)
        smin = fmin(smin, se[i]);
    long double sv = 0, st_ = 0, sy = 0;
    for (size_t i = 0; i < k; i++) {
        long double v = (long double)(smin / se[i]) * (smin / se[i]);
        sv += v;
        st_ += v * (time ? time[i] : (double)i);
        sy += v * score[i];
    }
    long double tbar = st_ / sv, ybar = sy / sv, stt = 0, sty = 0;
    for (size_t i = 0; i < k; i++) {
        long double v = (long double)(smin / se[i]) * (smin / se[i]);
        long double dt = (time ? time[i] : (double)i) - tbar;
        stt += v * dt * dt;
        sty += v * dt * (score[i] - ybar);
    }
    /* Waves whose times all but coincide (steps of 1e-320) or whose SEs
     * differ by more than a double's range leave no slope to estimate. */
    if (!(stt > 0 && isfinite((double)(sty / stt)) && isfinite((double)(smin / sqrtl(stt)))))
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "the waves' times or standard errors are too far apart, or too close "
                         "together, to estimate a slope in double precision");
    csat_trend_result r;
    r.slope = (double)(sty / stt);
    r.se = (double)(smin / sqrtl(stt));
    r.intercept = (double)(ybar - sty / stt * tbar);
    r.level = level;
    r.waves = k;
    csat_comparison c = CSAT_RESULT_INIT(csat_comparison), check = CSAT_RESULT_INIT(csat_comparison);
    st = symmetric(&c, r.slope, r.se, INFINITY, level, err);
    /* Every change is checked before the first is written. */
    for (size_t i = 0; changes && st == CSAT_OK && i + 1 < k; i++)
        st = symmetric(&check, score[i + 1] - score[i], hypot(se[i], se[i + 1]), INFINITY, level,
                       err);
    if (st != CSAT_OK)
        return st;
    r.ci_lower = c.ci_lower;
    r.ci_upper = c.ci_upper;
    r.z = c.statistic;
    r.p = c.p;
    for (size_t i = 0; changes && i + 1 < k; i++) {
        st = symmetric(&check, score[i + 1] - score[i], hypot(se[i], se[i + 1]), INFINITY, level,
                       err);
        csat_sized_store_at(changes, i, &check, sizeof check);
    }
    CSAT_STORE(out, r);
    return st;
}

csat_status csat_compare_rank(double score, const double *peers, size_t n,
                              const csat_compare_options *opt, csat_rank_result *out,
                              csat_error *err)
{
    CSAT_REQUIRE(peers, err);
    CSAT_REQUIRE_OUT(out, err);
    static const csat_compare_options d = CSAT_COMPARE_OPTIONS_DEFAULT;
    csat_compare_options o;
    csat_status st = CSAT_LOAD_OPTIONS(o, opt, d, err);
    if (st != CSAT_OK)
        return st;
    if (n == 0)
        return csat_fail(err, CSAT_ERR_EMPTY, CSAT_NO_INDEX, CSAT_NO_INDEX, "no peer scores");
    if (!isfinite(score))
        return csat_fail(err, CSAT_ERR_RANGE, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "the score %g is not finite", score);
    size_t below = 0, equal = 0, above = 0;
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(peers[i]))
            return csat_fail(err, CSAT_ERR_RANGE, i, CSAT_NO_INDEX,
                             "peer score %g at index %zu is not finite", peers[i], i);
        below += peers[i] < score;
        equal += peers[i] == score;
        above += peers[i] > score;
    }
    csat_rank_result r = { sizeof r, 100.0 * ((double)below + 0.5 * (double)equal) / (double)n, 1 + above,
                           n + 1, below, equal };
    CSAT_STORE(out, r);
    return CSAT_OK;
}

csat_status csat_compare_gap(const double *expected, const double *perceived, size_t n, size_t k,
                             size_t ld, const csat_compare_options *opt, csat_comparison *out,
                             size_t *pairs, csat_error *err)
{
    CSAT_REQUIRE(expected, err);
    CSAT_REQUIRE(perceived, err);
    CSAT_REQUIRE_OUT(out, err);
    if (k == 0 || ld < k)
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "need k >= 1 attributes and a leading dimension >= k (k = %zu, ld = %zu)",
                         k, ld);
    csat_compare_options o;
    csat_status st = load(opt, &o, err);
    if (st != CSAT_OK)
        return st;
    const double level = o.level;
    if (!csat_array_fits(k, 1, sizeof(csat_comparison)))
        return csat_fail_overflow(err, "attributes", k, 1);
    csat_comparison *res = malloc(k * sizeof *res);
    size_t *m = malloc(k * sizeof *m);
    if (res == NULL || m == NULL) {
        free(res);
        free(m);
        return csat_fail(err, CSAT_ERR_NOMEM, CSAT_NO_INDEX, CSAT_NO_INDEX, NULL);
    }
    /* Per attribute, the paired differences of the rows that have both
     * ratings: their mean and SD by the moments accumulator's rules. */
    for (size_t j = 0; j < k && st == CSAT_OK; j++) {
        csat_moments_state acc = CSAT_MOMENTS_STATE_INIT;
        double d[256];
        size_t fill = 0;
        for (size_t i = 0; i < n && st == CSAT_OK; i++) {
            double e = expected[i * ld + j], q = perceived[i * ld + j];
            if (isinf(e) || isinf(q)) {
                st = csat_fail(err, CSAT_ERR_RANGE, i, j,
                               "infinite rating at row %zu, attribute %zu", i, j);
                break;
            }
            d[fill++] = q - e; /* NaN when either is missing: skipped */
            if (fill == 256 || i + 1 == n) {
                /* Errors name the row of the data, not the chunk's index. */
                csat_error e2;
                size_t first = i + 1 - fill;
                if (csat_moments_state_add(&acc, d, fill, NULL, &e2) != CSAT_OK)
                    st = csat_fail(err, e2.code, first + e2.index, j,
                                   "difference %g at row %zu, attribute %zu is beyond +-1e50",
                                   d[e2.index], first + e2.index, j);
                fill = 0;
            }
        }
        if (st != CSAT_OK)
            break;
        m[j] = acc.n;
        if (acc.n < 2) {
            st = csat_fail(err, CSAT_ERR_TOO_FEW, CSAT_NO_INDEX, j,
                           "attribute %zu has %zu complete pairs: at least 2 are needed", j,
                           acc.n);
            break;
        }
        csat_mean_result mr = CSAT_RESULT_INIT(csat_mean_result);
        csat_mean_options mo = CSAT_MEAN_OPTIONS_DEFAULT;
        mo.level = level;
        st = csat_estimate_moments(&acc, &mo, &mr, err);
        res[j].size = sizeof res[j];
        if (st == CSAT_OK)
            st = symmetric(&res[j], mr.score, mr.se, mr.df, level, err);
    }
    if (st == CSAT_OK) {
        for (size_t j = 0; j < k; j++)
            csat_sized_store_at(out, j, &res[j], sizeof res[j]);
        if (pairs)
            memcpy(pairs, m, k * sizeof *m);
    }
    free(res);
    free(m);
    return st;
}
