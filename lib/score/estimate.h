/* Internal: the estimators the scores share (the mean, the box share, the
 * NPS, the CES pair, the rows of the composite index) and the resolution
 * of a score's options against a tally. The ungrouped functions and the
 * grouped ones (score/grouped.c) call the same code, so a group's score is
 * the ungrouped estimator's on the group's tally or moments. Never
 * installed. */
#ifndef CSAT_LIB_SCORE_ESTIMATE_H
#define CSAT_LIB_SCORE_ESTIMATE_H

#include <stdint.h>

#include "accum/moments.h"
#include "csat/score.h"

/* design_n, where an estimator takes it, is the sample size N of the
 * factor N/(N − 1) of a linearised standard error: 0 for the estimate's
 * own n (a whole sample), the size of the whole design for a group
 * (domain estimation: doc/methods.md, "Scores by group"). Only the
 * standard errors of means (the NPS under Wald, the mean, the CES effort,
 * the index) read it; the score, SD, df and interval rule are the
 * estimate's own. */

/* Everything a mean-type estimate needs: the weighted mean, the weighted sum
 * of squared deviations m2 = Σw(x−x̄)² and s2 = Σw²(x−x̄)², sums of weights. */
typedef struct csat_mean_sums {
    size_t n, n_missing;
    double sum_w, sum_w2, mean, m2, s2, min, max;
} csat_mean_sums;

/* The mean of s into a full *out; EMPTY without a valid value or weight. */
csat_status csat_estimate_mean(const csat_mean_sums *s, uint64_t design_n, double level,
                               csat_mean_result *out, csat_error *err);

/* Wilson score interval (0..1) of a proportion p on an effective sample
 * size m (doc/methods.md, "Box shares and the Wilson interval"). The
 * comparisons use it too, for a share against a benchmark. */
void csat_wilson(double p, double m, double level, double *lo, double *hi);

/* Share of [lo, hi] from a tally, with the Wilson interval, into a full
 * *out. No design_n: its SE is the binomial one on Kish's n_eff. */
csat_status csat_estimate_share(const csat_tally *t, int lo, int hi, double level,
                                csat_share_result *out, csat_error *err);

/* The distribution of a tally over its k points (doc/methods.md,
 * "Distribution"): the count, Σw and share (Σw / sum_w, the tally's total
 * weight; NaN when it is not positive) of each point into the arrays that
 * are not NULL, k elements each. The grouped distribution reads its groups
 * with it; csat_score_distribution's loop (score/distribution.c) is the
 * same and should call it. */
void csat_estimate_distribution(const csat_tally *t, double sum_w, double *counts,
                                double *weights, double *shares);

/* A share's scale, boxes and level, resolved and checked from the options
 * of a tally estimator (NULL options: the tally's scale at 95 %) as the
 * csat_tally_* share functions do (score/share.c). */
typedef struct csat_box_range {
    int scale_min, scale_max, lo, hi;
    double level;
} csat_box_range;

csat_status csat_box_range_share(const csat_tally *t, int lo, int hi,
                                 const csat_scale_options *opt, csat_box_range *b,
                                 csat_error *err);
csat_status csat_box_range_csat(const csat_tally *t, const csat_csat_options *opt,
                                csat_box_range *b, csat_error *err);
csat_status csat_box_range_top(const csat_tally *t, int k, const csat_scale_options *opt,
                               csat_box_range *b, csat_error *err);
csat_status csat_box_range_bottom(const csat_tally *t, int k, const csat_scale_options *opt,
                                  csat_box_range *b, csat_error *err);

/* NPS options resolved against a tally as csat_tally_nps does (NULL: the
 * defaults with the tally's scale), and the NPS of a tally into a full
 * *out (score/nps.c). */
csat_status csat_nps_options_of_tally(const csat_tally *t, const csat_nps_options *opt,
                                      csat_nps_options *o, csat_error *err);
csat_status csat_estimate_nps(const csat_tally *t, const csat_nps_options *o, uint64_t design_n,
                              csat_nps_result *out, csat_error *err);

/* The NPS of a group without a valid answer: n = 0, its missing answers,
 * the options' level and method, every statistic NaN (score/nps.c). */
void csat_estimate_nps_empty(const csat_nps_options *o, size_t n_missing, csat_nps_result *out);

/* The mean score of a moments state under mean options (NULL: defaults),
 * stored through the caller's checked `out` (score/mean.c). */
csat_status csat_estimate_moments(const csat_moments_state *m, const csat_mean_options *opt,
                                  csat_mean_result *out, csat_error *err);

/* The mean of a moments state, and of a tally (summed per scale point),
 * into a full *out (score/mean.c). */
csat_status csat_estimate_state_mean(const csat_moments_state *m, uint64_t design_n,
                                     double level, csat_mean_result *out, csat_error *err);
/* The same for a state the library merged itself from checked states (the
 * rest of a grouped sample): rounding in the merges can leave such a state a
 * hair outside the invariants csat_moments_state_check holds a caller's
 * state to (with their 1e-9 slack), yet its sums are sound (m2 and the
 * w²-moments are sums of non-negative terms), so it is not checked again. */
csat_status csat_estimate_merged_mean(const csat_moments_state *m, uint64_t design_n,
                                      double level, csat_mean_result *out, csat_error *err);
csat_status csat_estimate_tally_mean(const csat_tally *t, uint64_t design_n, double level,
                                     csat_mean_result *out, csat_error *err);

/* The checked confidence level of mean options (NULL: the default). */
csat_status csat_mean_level(const csat_mean_options *opt, double *level, csat_error *err);

/* CES options resolved against a tally as csat_tally_ces does, and the CES
 * pair of a tally into full *effort and *low_effort (score/mean.c). */
csat_status csat_ces_options_of_tally(const csat_tally *t, const csat_ces_options *opt,
                                      csat_ces_options *o, csat_error *err);
csat_status csat_estimate_ces(const csat_tally *t, const csat_ces_options *o, uint64_t design_n,
                              csat_mean_result *effort, csat_share_result *low_effort,
                              csat_error *err);

/* The composite index's rows (score/index.c). csat_index_items checks the
 * item scales and weights and gives Σv; csat_index_rows computes the
 * indices of rows a block at a time (NaN for a row with a missing item),
 * checks each row's weight, and hands every block to `sink` with the row
 * of its first element, so that memory stays constant in n. */
typedef csat_status (*csat_index_sink)(void *ctx, const double *index, size_t start, size_t len,
                                       csat_error *err);
csat_status csat_index_items(size_t k, size_t ld, const double *item_min, const double *item_max,
                             const double *item_weights, double *v_sum, csat_error *err);
csat_status csat_index_rows(const double *x, size_t n, size_t k, size_t ld, const double *w,
                            const double *item_min, const double *item_max,
                            const double *item_weights, double v_sum, csat_index_sink sink,
                            void *ctx, csat_error *err);
#endif
