/**
 * @file csat/compare.h
 * @brief Comparisons of scores: against a benchmark value, between two
 *        independent surveys or segments, across waves; adjusted p-values,
 *        percentile rank among peers and expectation–perception gaps.
 *
 * Comparisons take results (::csat_nps_result, ::csat_share_result,
 * ::csat_mean_result), never raw data, so that a score computed once (or
 * merged from shards) can be compared with anything. Every comparison gives
 * a ::csat_comparison. A result with a standard error of 0 (no spread)
 * is accepted: its difference is then known exactly, the statistic is ±inf
 * (or 0 for no difference) and p is 0 (or 1), never NaN. Formulas and
 * sources: doc/methods.md, "Comparisons".
 */
#ifndef CSAT_COMPARE_H
#define CSAT_COMPARE_H

#include "csat/common.h"
#include "csat/score.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @brief The result of a comparison: a difference with its uncertainty and test.
 *
 * Units are those of the scores compared: NPS points, proportions for
 * shares (a difference of 0.05 is 5 percentage points), the rating's own
 * unit for means.
 */
typedef struct csat_comparison {
    size_t size; /**< sizeof the struct the caller compiled against; set by ::CSAT_RESULT_INIT (@ref conv_growth). */
    double diff;       /**< First minus second (or minus the benchmark). */
    double se;         /**< Standard error of the difference. */
    double ci_lower;   /**< Lower confidence limit of the difference. */
    double ci_upper;   /**< Upper confidence limit. */
    double statistic;  /**< z or t statistic. */
    double df;         /**< Degrees of freedom of t; +inf for a z statistic. */
    double p;          /**< Two-sided p-value. */
    double level;      /**< Confidence level. */
} csat_comparison;

/**
 * @brief Options of every comparison; see ::CSAT_COMPARE_OPTIONS_DEFAULT.
 *
 * One struct for the area: each function reads the fields it documents and
 * ignores the others (csat_compare_adjust() reads `adjust` only,
 * csat_compare_rank() none yet).
 */
typedef struct csat_compare_options {
    size_t size;                /**< sizeof the struct the caller compiled against; set by the options initialiser (@ref conv_growth). */
    double level;               /**< Confidence level in (0, 1 − 1e-12] (default 0.95). */
    int adjust;                 /**< A ::csat_adjust_method, for csat_compare_adjust() (default ::CSAT_ADJUST_HOLM). */
} csat_compare_options;

/** @brief Default comparison options: 95 %, Holm's adjustment. */
#define CSAT_COMPARE_OPTIONS_DEFAULT { sizeof(csat_compare_options), 0.95, 0 }

/** @name Against a benchmark value
 * @{ */

/**
 * @brief An NPS against a fixed benchmark (an industry average): z test
 *        with the result's own standard error.
 * @param a         NPS result.
 * @param benchmark Benchmark NPS (−100..100).
 * @param opt     Options (`level`) or NULL for ::CSAT_COMPARE_OPTIONS_DEFAULT.
 * @param out       Receives the comparison.
 * @param err       Optional error details, may be NULL.
 * @return ::CSAT_OK; ::CSAT_ERR_NULL; ::CSAT_ERR_ARGUMENT (benchmark out of
 *         range, level, a result without a finite SE ≥ 0).
 */
CSAT_API CSAT_NODISCARD csat_status csat_compare_nps_benchmark(const csat_nps_result *a,
                                                               double benchmark,
        const csat_compare_options *opt,
                                                               csat_comparison *out,
                                                               csat_error *err);

/**
 * @brief A share (CSAT, top-2-box, …) against a fixed benchmark share:
 *        score z test on the effective sample size, Wilson interval shifted
 *        by the benchmark.
 * @param a         Share result.
 * @param benchmark Benchmark share, a proportion strictly between 0 and 1
 *                  (0.3 for 30 %).
 * @param opt     Options (`level`) or NULL for ::CSAT_COMPARE_OPTIONS_DEFAULT.
 * @param out       Receives the comparison, in proportion units: diff =
 *                  share − benchmark, its SE and interval.
 * @param err       Optional error details, may be NULL.
 * @return ::CSAT_OK; ::CSAT_ERR_NULL; ::CSAT_ERR_ARGUMENT (a benchmark
 *         outside (0, 1), such as 30 given for 30 %; level; an invalid
 *         share result).
 */
CSAT_API CSAT_NODISCARD csat_status csat_compare_share_benchmark(const csat_share_result *a,
                                                                 double benchmark,
        const csat_compare_options *opt,
                                                                 csat_comparison *out,
                                                                 csat_error *err);

/**
 * @brief A mean against a fixed benchmark: one-sample t test on the
 *        result's standard error and degrees of freedom (also the gap
 *        between a target positioning value and a perceived mean).
 * @param a         Mean result.
 * @param benchmark Benchmark mean.
 * @param opt     Options (`level`) or NULL for ::CSAT_COMPARE_OPTIONS_DEFAULT.
 * @param out       Receives the comparison.
 * @param err       Optional error details, may be NULL.
 * @return ::CSAT_OK; ::CSAT_ERR_NULL; ::CSAT_ERR_ARGUMENT.
 */
CSAT_API CSAT_NODISCARD csat_status csat_compare_mean_benchmark(const csat_mean_result *a,
                                                                double benchmark,
        const csat_compare_options *opt,
                                                                csat_comparison *out,
                                                                csat_error *err);

/** @} */

/** @name Between two independent results
 * @{ */

/**
 * @brief Two NPS from independent samples: difference a − b with
 *        SE √(se_a² + se_b²), z test and Wald interval.
 * @param a     First result.
 * @param b     Second result.
 * @param opt     Options (`level`) or NULL for ::CSAT_COMPARE_OPTIONS_DEFAULT.
 * @param out   Receives the comparison.
 * @param err   Optional error details, may be NULL.
 * @return ::CSAT_OK; ::CSAT_ERR_NULL; ::CSAT_ERR_ARGUMENT.
 */
CSAT_API CSAT_NODISCARD csat_status csat_compare_nps(const csat_nps_result *a,
                                                     const csat_nps_result *b,
        const csat_compare_options *opt,
                                                     csat_comparison *out, csat_error *err);

/**
 * @brief Two shares from independent samples: difference with Newcombe's
 *        hybrid score interval (from the two Wilson intervals) and the
 *        pooled two-proportion z test, on the effective sample sizes.
 * @param a     First result.
 * @param b     Second result.
 * @param opt     Options (`level`) or NULL for ::CSAT_COMPARE_OPTIONS_DEFAULT.
 * @param out   Receives the comparison, in proportion units (diff = share a
 *              − share b, its SE and interval).
 * @param err   Optional error details, may be NULL.
 * @return ::CSAT_OK; ::CSAT_ERR_NULL; ::CSAT_ERR_ARGUMENT.
 */
CSAT_API CSAT_NODISCARD csat_status csat_compare_shares(const csat_share_result *a,
                                                        const csat_share_result *b,
        const csat_compare_options *opt,
                                                        csat_comparison *out, csat_error *err);

/**
 * @brief Two means from independent samples: Welch's t test with
 *        Welch–Satterthwaite degrees of freedom.
 * @param a     First result (n ≥ 2).
 * @param b     Second result (n ≥ 2).
 * @param opt     Options (`level`) or NULL for ::CSAT_COMPARE_OPTIONS_DEFAULT.
 * @param out   Receives the comparison.
 * @param err   Optional error details, may be NULL.
 * @return ::CSAT_OK; ::CSAT_ERR_NULL; ::CSAT_ERR_ARGUMENT.
 */
CSAT_API CSAT_NODISCARD csat_status csat_compare_means(const csat_mean_result *a,
                                                       const csat_mean_result *b,
        const csat_compare_options *opt,
                                                       csat_comparison *out, csat_error *err);

/** @} */

/** @name Many comparisons, waves and peers
 * @{ */

/** @brief Multiple-comparison adjustments. */
typedef enum csat_adjust_method {
    CSAT_ADJUST_HOLM = 0,       /**< Holm's step-down (family-wise error rate). */
    CSAT_ADJUST_BH = 1,         /**< Benjamini–Hochberg (false discovery rate). */
    CSAT_ADJUST_BONFERRONI = 2  /**< Bonferroni. */
} csat_adjust_method;

/**
 * @brief Adjusted p-values, in input order.
 * @param p      n p-values in [0, 1].
 * @param n      Their number.
 * @param opt    Options (`adjust`, the method) or NULL for ::CSAT_COMPARE_OPTIONS_DEFAULT.
 * @param out    Receives n adjusted p-values (may be @p p itself).
 * @param err    Optional error details, may be NULL; `index` names a bad p.
 * @return ::CSAT_OK; ::CSAT_ERR_NULL; ::CSAT_ERR_RANGE (p outside [0, 1] or
 *         NaN); ::CSAT_ERR_ARGUMENT (unknown method); ::CSAT_ERR_NOMEM.
 */
CSAT_API CSAT_NODISCARD csat_status csat_compare_adjust(const double *p, size_t n,
                                                        const csat_compare_options *opt, double *out,
                                                        csat_error *err);

/** @brief A linear trend across waves. */
typedef struct csat_trend_result {
    size_t size; /**< sizeof the struct the caller compiled against; set by ::CSAT_RESULT_INIT (@ref conv_growth). */
    double slope;      /**< Change per unit of time. */
    double se;         /**< Its standard error (sampling variances known). */
    double ci_lower;   /**< Lower confidence limit of the slope. */
    double ci_upper;   /**< Upper confidence limit. */
    double z;          /**< slope / se. */
    double p;          /**< Two-sided p-value. */
    double intercept;  /**< Fitted score at time 0. */
    double level;      /**< Confidence level. */
    size_t waves;      /**< Number of waves. */
} csat_trend_result;

/**
 * @brief Weighted least-squares trend of k wave scores (inverse-variance
 *        weights 1/se²), and the change from each wave to the next.
 * @param score   k scores in time order, in one unit (for shares, the
 *                proportions `share`, with their `se`).
 * @param se      k standard errors (> 0), in the unit of the scores.
 * @param time    k strictly increasing times, or NULL for 0, 1, …, k−1.
 * @param k       Number of waves, ≥ 2.
 * @param opt     Options (`level`) or NULL for ::CSAT_COMPARE_OPTIONS_DEFAULT.
 * @param out     Receives the trend.
 * @param changes Receives k − 1 wave-over-wave comparisons (wave i+1 − wave
 *                i, z test on √(se_i² + se_{i+1}²)), or NULL.
 *                `changes[0].size` set (::CSAT_RESULT_INIT) gives every element's size.
 * @param err     Optional error details, may be NULL; `index` names a bad wave.
 * @return ::CSAT_OK; ::CSAT_ERR_NULL; ::CSAT_ERR_TOO_FEW (k < 2);
 *         ::CSAT_ERR_ARGUMENT (non-finite score, se ≤ 0, times not
 *         increasing, level).
 */
CSAT_API CSAT_NODISCARD csat_status csat_compare_trend(const double *score, const double *se,
                                               const double *time, size_t k,
        const csat_compare_options *opt,
                                               csat_trend_result *out, csat_comparison *changes,
                                               csat_error *err);

/** @brief Where a score stands among peer scores. */
typedef struct csat_rank_result {
    size_t size; /**< sizeof the struct the caller compiled against; set by ::CSAT_RESULT_INIT (@ref conv_growth). */
    double percentile; /**< 100 · (peers below + ½ peers equal) / peers (mid-rank). */
    size_t rank;       /**< Position among the peers and the score, 1 = highest (ties share the better position). */
    size_t of;         /**< Number of positions: peers + 1. */
    size_t below;      /**< Peers strictly below the score. */
    size_t equal;      /**< Peers equal to the score. */
} csat_rank_result;

/**
 * @brief Percentile rank of @p score among @p n peer scores.
 * @param score The score to place.
 * @param peers n peer scores (finite; NaN is an error).
 * @param n     Number of peers, ≥ 1.
 * @param opt   Options or NULL (none read yet).
 * @param out   Receives the rank.
 * @param err   Optional error details, may be NULL.
 * @return ::CSAT_OK; ::CSAT_ERR_NULL; ::CSAT_ERR_EMPTY (n = 0);
 *         ::CSAT_ERR_RANGE (a non-finite peer or score).
 */
CSAT_API CSAT_NODISCARD csat_status csat_compare_rank(double score, const double *peers,
                                                         size_t n, const csat_compare_options *opt,
        csat_rank_result *out,
                                                         csat_error *err);

/**
 * @brief Expectation–perception gap per attribute: mean of (perceived −
 *        expected) over the respondents who rated both, paired t interval
 *        and test (NaN-aware, pairwise per attribute).
 * @param expected  n × k row-major expectations (NaN = missing).
 * @param perceived n × k row-major perceptions (same layout).
 * @param n         Respondents.
 * @param k         Attributes.
 * @param ld        Leading dimension of both matrices, ≥ k.
 * @param opt     Options (`level`) or NULL for ::CSAT_COMPARE_OPTIONS_DEFAULT.
 * @param out       Receives k comparisons (diff = mean gap, t with df = pairs − 1);
 *                  `out[0].size` set (::CSAT_RESULT_INIT) gives every element's size.
 * @param pairs     Receives k numbers of complete pairs, or NULL.
 * @param err       Optional error details, may be NULL; `column` names an
 *                  attribute with fewer than 2 pairs, `index`/`column` an
 *                  infinite value.
 * @return ::CSAT_OK; ::CSAT_ERR_NULL; ::CSAT_ERR_ARGUMENT (k, ld, level);
 *         ::CSAT_ERR_RANGE (infinite value); ::CSAT_ERR_TOO_FEW.
 */
CSAT_API CSAT_NODISCARD csat_status csat_compare_gap(const double *expected, const double *perceived,
                                             size_t n, size_t k, size_t ld,
        const csat_compare_options *opt,
                                             csat_comparison *out, size_t *pairs,
                                             csat_error *err);

/** @} */

#ifdef __cplusplus
}
#endif

#endif /* CSAT_COMPARE_H */
