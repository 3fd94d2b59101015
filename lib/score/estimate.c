/* The estimators the scores share: the mean with its linearised standard
 * error, and box shares with the Wilson interval (doc/methods.md, "Mean
 * score", "Box shares and the Wilson interval", "Scores by group"). */
#include <math.h>

#include "accum/tally.h"
#include "core/error.h"
#include "core/probability.h"
#include "score/estimate.h"

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

csat_status csat_estimate_mean(const csat_mean_sums *s, uint64_t design_n, double level,
                               csat_mean_result *out, csat_error *err)
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
    /* The SE's N/(N − 1) is the design's (a group's SE is a domain
     * estimate's, defined for n = 1 too); the SD and the t interval are the
     * sample's own, undefined for n = 1. */
    double big_n = design_n > 0 ? (double)design_n : (double)s->n;
    r.se = big_n > 1 ? sqrt(big_n / (big_n - 1.0) * s->s2) / s->sum_w : NAN;
    if (s->n < 2) {
        r.sd = r.ci_lower = r.ci_upper = NAN;
    } else {
        double f = (double)s->n / ((double)s->n - 1.0);
        r.sd = sqrt(f * s->m2 / s->sum_w);
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

csat_status csat_estimate_share(const csat_tally *t, int lo, int hi, double level,
                                csat_share_result *out, csat_error *err)
{
    int min = csat_tally_min(t), max = csat_tally_max(t);
    if (lo > hi || lo < min || hi > max)
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "boxes %d..%d are not a range within the scale %d..%d", lo, hi, min,
                         max);
    csat_tally_sums all = csat_tally_range(t, min, max);
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
    r.se = sqrt(p * (1 - p) / m);
    r.ci_lower = wl;
    r.ci_upper = wh;
    r.level = level;
    r.box_min = lo;
    r.box_max = hi;
    r.n = (size_t)all.n;
    r.n_missing = (size_t)csat_tally_missing(t);
    r.n_weighted = all.w;
    r.n_effective = m;
    *out = r;
    return CSAT_OK;
}

void csat_estimate_distribution(const csat_tally *t, double sum_w, double *counts,
                                double *weights, double *shares)
{
    const size_t k = csat_tally_points(t);
    for (size_t j = 0; j < k; j++) {
        csat_tally_sums at = csat_tally_at(t, j);
        if (counts)
            counts[j] = (double)at.n;
        if (weights)
            weights[j] = at.w;
        if (shares)
            shares[j] = sum_w > 0 ? at.w / sum_w : NAN;
    }
}
