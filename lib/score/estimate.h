/* Internal: the two estimators the scores share, the mean and the box
 * share, with their intervals. Never installed. */
#ifndef CSAT_LIB_SCORE_ESTIMATE_H
#define CSAT_LIB_SCORE_ESTIMATE_H

#include "accum/moments.h"
#include "csat/score.h"

/* Everything a mean-type estimate needs: the weighted mean, the weighted sum
 * of squared deviations m2 = Σw(x−x̄)² and s2 = Σw²(x−x̄)², sums of weights. */
typedef struct csat_mean_sums {
    size_t n, n_missing;
    double sum_w, sum_w2, mean, m2, s2, min, max;
} csat_mean_sums;

csat_status csat_estimate_mean(const csat_mean_sums *s, double level, csat_mean_result *out,
                               csat_error *err);

/* Wilson score interval (0..1) of a proportion p on an effective sample
 * size m (doc/methods.md, "Box shares and the Wilson interval"). The
 * comparisons use it too, for a share against a benchmark. */
void csat_wilson(double p, double m, double level, double *lo, double *hi);

/* Share of [lo, hi] from a tally, with the Wilson interval. */
csat_status csat_estimate_share(const csat_tally *t, int lo, int hi, double level,
                                csat_share_result *out, csat_error *err);

/* The mean score of a moments state under mean options (NULL: defaults),
 * stored through the caller's checked `out` (score/mean.c). */
csat_status csat_estimate_moments(const csat_moments_state *m, const csat_mean_options *opt,
                                  csat_mean_result *out, csat_error *err);

/* The checked confidence level of mean options (NULL: the default). */
csat_status csat_mean_level(const csat_mean_options *opt, double *level, csat_error *err);
#endif
