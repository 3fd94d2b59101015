/* Estimator steps shared by the scores: option checks, the mean with its
 * linearised standard error, and box shares with the Wilson interval
 * (doc/methods.md, "Mean score", "Box shares and the Wilson interval"). */
#include <math.h>
#include <stdlib.h>

#include "dist.h"
#include "error.h"
#include "estimate.h"

csat_status csat_check_level(double level, csat_error *err)
{
    if (!(level > 0 && level < 1))
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "confidence level %g is not between 0 and 1", level);
    return CSAT_OK;
}

csat_status csat_check_scale(int min, int max, csat_error *err)
{
    if (min > max || (long long)max - min + 1 > CSAT_TALLY_MAX_POINTS)
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "invalid scale %d..%d (need min <= max and at most %d points)", min,
                         max, CSAT_TALLY_MAX_POINTS);
    return CSAT_OK;
}

csat_status csat_check_tally_scale(const csat_tally *t, int min, int max, csat_error *err)
{
    if (t->min != min || t->max != max)
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "options give the scale %d..%d but the tally's scale is %d..%d", min,
                         max, t->min, t->max);
    return CSAT_OK;
}

csat_status csat_tally_from_array(const double *x, size_t n, const double *w, int min, int max,
                                  csat_tally **out, csat_error *err)
{
    CSAT_REQUIRE(x, err);
    csat_tally *t = NULL;
    csat_status s = csat_tally_create(min, max, &t, err);
    if (s != CSAT_OK)
        return s;
    s = csat_tally_add(t, x, n, w, err);
    if (s != CSAT_OK) {
        csat_tally_free(t);
        return s;
    }
    *out = t;
    return CSAT_OK;
}

static csat_status check_nonempty(size_t n, double sum_w, csat_error *err)
{
    if (n == 0)
        return csat_fail(err, CSAT_ERR_EMPTY, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "no valid (non-missing) observation");
    if (!(sum_w > 0))
        return csat_fail(err, CSAT_ERR_EMPTY, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "the weights of the %zu valid observations sum to 0", n);
    return CSAT_OK;
}

csat_status csat_estimate_mean(const csat_mean_sums *s, double level, csat_mean_result *out,
                               csat_error *err)
{
    csat_status st = check_nonempty(s->n, s->sum_w, err);
    if (st != CSAT_OK)
        return st;
    csat_mean_result r;
    r.score = s->mean;
    r.level = level;
    r.df = (double)s->n - 1.0;
    r.min = s->min;
    r.max = s->max;
    r.n = s->n;
    r.n_missing = s->n_missing;
    r.n_weighted = s->sum_w;
    r.n_effective = s->sum_w * s->sum_w / s->sum_w2;
    if (s->n < 2) {
        r.sd = r.se = r.ci_lower = r.ci_upper = NAN;
    } else {
        double f = (double)s->n / ((double)s->n - 1.0);
        r.sd = sqrt(f * s->m2 / s->sum_w);
        r.se = sqrt(f * s->s2) / s->sum_w;
        double t = csat_critical(level, r.df);
        r.ci_lower = r.score - t * r.se;
        r.ci_upper = r.score + t * r.se;
    }
    *out = r;
    return CSAT_OK;
}

void csat_wilson(double p, double m, double level, double *lo, double *hi)
{
    double z = csat_critical(level, INFINITY), z2m = z * z / m;
    double centre = (p + z2m / 2) / (1 + z2m);
    double half = z / (1 + z2m) * sqrt(p * (1 - p) / m + z2m / (4 * m));
    *lo = fmax(centre - half, 0.0);
    *hi = fmin(centre + half, 1.0);
}

static int cmp_double(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return (a > b) - (a < b);
}

void csat_sort(double *x, size_t n)
{
    qsort(x, n, sizeof *x, cmp_double);
}

double csat_quantile7(const double *x, size_t n, double prob)
{
    double h = (double)(n - 1) * prob;
    size_t lo = (size_t)floor(h);
    if (lo + 1 >= n)
        return x[n - 1];
    return x[lo] + (h - (double)lo) * (x[lo + 1] - x[lo]);
}

csat_status csat_estimate_share(const csat_tally *t, int lo, int hi, double level,
                                csat_share_result *out, csat_error *err)
{
    if (lo > hi || lo < t->min || hi > t->max)
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "boxes %d..%d are not a range within the scale %d..%d", lo, hi, t->min,
                         t->max);
    csat_tally_sums all = csat_tally_range(t, t->min, t->max);
    csat_status st = check_nonempty((size_t)all.n, all.w, err);
    if (st != CSAT_OK)
        return st;
    csat_tally_sums in = csat_tally_range(t, lo, hi);
    double p = in.w / all.w;
    double m = all.w * all.w / all.w2; /* Kish effective n */
    double wl, wh;
    csat_wilson(p, m, level, &wl, &wh);
    csat_share_result r;
    r.share = p;
    r.score = 100 * p;
    r.se = 100 * sqrt(p * (1 - p) / m);
    r.ci_lower = 100 * wl;
    r.ci_upper = 100 * wh;
    r.level = level;
    r.box_min = lo;
    r.box_max = hi;
    r.n = (size_t)all.n;
    r.n_missing = (size_t)t->n_missing;
    r.n_weighted = all.w;
    r.n_effective = m;
    *out = r;
    return CSAT_OK;
}
