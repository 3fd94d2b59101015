/* Internal: estimator steps shared by the score functions. Never installed. */
#ifndef CSAT_LIB_ESTIMATE_H
#define CSAT_LIB_ESTIMATE_H

#include "csat/score.h"
#include "tally.h"

/* ARGUMENT unless 0 < level < 1. */
csat_status csat_check_level(double level, csat_error *err);

/* ARGUMENT unless min ≤ max and the scale has at most CSAT_TALLY_MAX_POINTS. */
csat_status csat_check_scale(int min, int max, csat_error *err);

/* ARGUMENT unless the tally's scale is [min, max]. */
csat_status csat_check_tally_scale(const csat_tally *t, int min, int max, csat_error *err);

/* Build a tally of scale [min, max] from an array (the array functions'
 * accumulator pass). The caller frees *out. */
csat_status csat_tally_from_array(const double *x, size_t n, const double *w, int min, int max,
                                  csat_tally **out, csat_error *err);

/* Everything a mean-type estimate needs: the weighted mean, the weighted sum
 * of squared deviations m2 = Σw(x−x̄)² and s2 = Σw²(x−x̄)², sums of weights. */
typedef struct csat_mean_sums {
    size_t n, n_missing;
    double sum_w, sum_w2, mean, m2, s2, min, max;
} csat_mean_sums;

csat_status csat_estimate_mean(const csat_mean_sums *s, double level, csat_mean_result *out,
                               csat_error *err);

/* Wilson score interval (0..1) of a proportion p on an effective sample
 * size m (doc/methods.md, "Box shares and the Wilson interval"). */
void csat_wilson(double p, double m, double level, double *lo, double *hi);

/* Sort ascending, and the type-7 quantile (R's default, numpy's) of sorted
 * x[0..n−1], n ≥ 1. */
void csat_sort(double *x, size_t n);
double csat_quantile7(const double *x, size_t n, double prob);

/* Share of [lo, hi] from a tally, with the Wilson interval. */
csat_status csat_estimate_share(const csat_tally *t, int lo, int hi, double level,
                                csat_share_result *out, csat_error *err);

#endif
