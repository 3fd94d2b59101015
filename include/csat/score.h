/**
 * @file csat/score.h
 * @brief Survey scores with their uncertainty: NPS, CSAT and box shares,
 *        mean score, CES, distribution and a composite index.
 *
 * Each score comes in two forms:
 * - an array function (`csat_score_nps(x, n, w, ...)`) that makes one accumulator
 *   pass over the data and then estimates, and
 * - a tally (or moments) estimator (`csat_tally_nps(t, ...)`) for data that
 *   were accumulated separately, possibly in shards merged afterwards.
 * The two give bit-identical results, since the array function is that
 * accumulator pass followed by that estimator. The one exception by design
 * is ::csat_tally_mean: it sums per scale point, so it equals
 * ::csat_score_mean (which sums per value) up to rounding, and equals the
 * effort part of ::csat_score_ces exactly.
 *
 * Common conventions:
 * - `x` holds `n` answers; NaN is a missing answer (skipped, counted in
 *   `n_missing`). On an integer scale every other answer must be an integer
 *   in [scale_min, scale_max]; nothing is rounded or clamped.
 * - `w` holds `n` weights (0 or in [::CSAT_WEIGHT_MIN, ::CSAT_WEIGHT_MAX]) or is
 *   NULL for equal weights.
 *   Weighted variances are the linearisation (Taylor series) variances of a
 *   one-stage design with replacement, as R's survey package computes them
 *   for `svydesign(ids = ~1, weights = ~w)`; intervals for shares use the
 *   Kish effective sample size.
 * - Options are a struct with a documented default initialiser; passing NULL
 *   means the defaults. `level` is the confidence level: 0 < level ≤
 *   1 − 1e-12 (a level nearer 1 has no finite critical value in double
 *   precision); any other level is ::CSAT_ERR_ARGUMENT.
 * - The result is written through `out` only on success; `err`, if not
 *   NULL, receives the details of a failure (for example the index of the
 *   first value off the scale).
 *
 * Formulas and their sources: doc/methods.md.
 */
#ifndef CSAT_SCORE_H
#define CSAT_SCORE_H

#include "csat/accum.h"
#include "csat/common.h"

#include <math.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------ */
/** @name Net Promoter Score
 * @{ */

/** @brief How the confidence interval of an NPS is computed. */
typedef enum csat_nps_method {
    /** Wald interval on the linearised variance of the +1/0/−1 coding
     *  (R survey's svymean with ids = ~1); doc/methods.md "NPS, Wald". */
    CSAT_NPS_WALD = 0,
    /** Adjusted Wald (Rocks 2016; Sauro & Lewis): pseudo-counts 3/4
     *  promoters, 3/2 passives, 3/4 detractors added to the (effective)
     *  sample; doc/methods.md "NPS, adjusted Wald". */
    CSAT_NPS_ADJUSTED_WALD = 1
} csat_nps_method;

/** @brief Options of ::csat_score_nps; see ::CSAT_NPS_OPTIONS_DEFAULT. */
typedef struct csat_nps_options {
    size_t size; /**< sizeof the struct the caller compiled against; set by the options initialiser (@ref conv_growth). */
    int scale_min;      /**< Lowest point of the scale (default 0). */
    int scale_max;      /**< Highest point of the scale (default 10). */
    int promoter_min;   /**< Answers ≥ this are promoters (default 9). */
    int detractor_max;  /**< Answers ≤ this are detractors (default 6); must be < promoter_min. */
    double level;       /**< Confidence level in (0, 1 − 1e-12] (default 0.95). */
    csat_nps_method method; /**< Interval method (default ::CSAT_NPS_WALD). */
} csat_nps_options;

/** @brief Default NPS options: scale 0–10, promoters 9–10, detractors 0–6, 95 %, Wald. */
#define CSAT_NPS_OPTIONS_DEFAULT { sizeof(csat_nps_options), 0, 10, 9, 6, 0.95, CSAT_NPS_WALD }

/** @brief An NPS with its uncertainty. Score, SE and interval are in NPS points (−100..100). */
typedef struct csat_nps_result {
    size_t size; /**< sizeof the struct the caller compiled against; set by ::CSAT_RESULT_INIT (@ref conv_growth). */
    double score;       /**< 100 × (promoters − detractors). */
    double promoters;   /**< Weighted share of promoters, 0..1. */
    double passives;    /**< Weighted share of passives, 0..1. */
    double detractors;  /**< Weighted share of detractors, 0..1. */
    double se;          /**< Standard error of the score under the chosen method. */
    double ci_lower;    /**< Lower confidence limit (method's interval, within −100..100). */
    double ci_upper;    /**< Upper confidence limit. */
    double level;       /**< Confidence level used. */
    csat_nps_method method; /**< Interval method used. */
    size_t n;           /**< Valid answers. */
    size_t n_missing;   /**< NaN answers skipped. */
    double n_weighted;  /**< Sum of weights. */
    double n_effective; /**< Kish effective sample size. */
} csat_nps_result;

/**
 * @brief Net Promoter Score of @p n answers with standard error and interval.
 *
 * doc/methods.md, "Net Promoter Score".
 * @param x   Answers on the integer scale of the options; NaN is missing.
 * @param n   Number of answers.
 * @param w   Weights or NULL.
 * @param opt Options or NULL for ::CSAT_NPS_OPTIONS_DEFAULT.
 * @param out Receives the result.
 * @param err Optional error details, may be NULL.
 * @return ::CSAT_OK; ::CSAT_ERR_NULL; ::CSAT_ERR_EMPTY (no valid answer or
 *         zero total weight); ::CSAT_ERR_RANGE; ::CSAT_ERR_WEIGHT;
 *         ::CSAT_ERR_ARGUMENT (thresholds outside the scale or crossed,
 *         level outside (0, 1 − 1e-12], unknown method); ::CSAT_ERR_NOMEM.
 */
CSAT_API CSAT_NODISCARD csat_status csat_score_nps(const double *x, size_t n, const double *w,
                                             const csat_nps_options *opt, csat_nps_result *out,
                                             csat_error *err);

/**
 * @brief NPS of the answers counted in a tally.
 *
 * @param t   Tally; its scale must equal the options' scale.
 * @param opt Options, or NULL for the defaults with the tally's scale.
 * @param out Receives the result.
 * @param err Optional error details, may be NULL.
 * @return As ::csat_score_nps; ::CSAT_ERR_ARGUMENT also when the scales differ.
 */
CSAT_API CSAT_NODISCARD csat_status csat_tally_nps(const csat_tally *t, const csat_nps_options *opt,
                                                   csat_nps_result *out, csat_error *err);

/** @} */

/* ------------------------------------------------------------------------ */
/** @name Shares of boxes: CSAT, top box, top-2-box, bottom box
 * @{ */

/** @brief A scale and a confidence level; see ::CSAT_SCALE_OPTIONS_DEFAULT. */
typedef struct csat_scale_options {
    size_t size; /**< sizeof the struct the caller compiled against; set by the options initialiser (@ref conv_growth). */
    int scale_min;  /**< Lowest point of the scale (default 1). */
    int scale_max;  /**< Highest point of the scale (default 5). */
    double level;   /**< Confidence level in (0, 1 − 1e-12] (default 0.95). */
} csat_scale_options;

/** @brief Default scale options: 1–5 at 95 %. */
#define CSAT_SCALE_OPTIONS_DEFAULT { sizeof(csat_scale_options), 1, 5, 0.95 }

/**
 * @brief The share of answers in a range of boxes, with a Wilson interval.
 *
 * A share is a proportion in [0, 1] (doc/conventions.md, "Results and
 * sizes"): `share`, `se` and the interval are proportions. `score` is the
 * same share in percent (100 × share), for display only; comparisons and
 * benchmarks read `share`.
 */
typedef struct csat_share_result {
    size_t size; /**< sizeof the struct the caller compiled against; set by ::CSAT_RESULT_INIT (@ref conv_growth). */
    double share;       /**< Weighted share of answers in [box_min, box_max], 0..1. */
    double score;       /**< 100 × share: the share in percent, for display only. */
    double se;          /**< Standard error of the share, 0..1: √(p(1−p)/n_effective). */
    double ci_lower;    /**< Lower Wilson limit, 0..1. */
    double ci_upper;    /**< Upper Wilson limit, 0..1. */
    double level;       /**< Confidence level used. */
    int box_min;        /**< Lowest box counted. */
    int box_max;        /**< Highest box counted. */
    size_t n;           /**< Valid answers. */
    size_t n_missing;   /**< NaN answers skipped. */
    double n_weighted;  /**< Sum of weights. */
    double n_effective; /**< Kish effective sample size. */
} csat_share_result;

/**
 * @brief Share of answers in the boxes [@p lo, @p hi] of a scale.
 *
 * doc/methods.md, "Box shares and the Wilson interval".
 * @param x   Answers; NaN is missing.
 * @param n   Number of answers.
 * @param w   Weights or NULL.
 * @param lo  Lowest box counted (within the scale).
 * @param hi  Highest box counted (lo ≤ hi, within the scale).
 * @param opt Scale and level, or NULL for ::CSAT_SCALE_OPTIONS_DEFAULT.
 * @param out Receives the result.
 * @param err Optional error details, may be NULL.
 * @return ::CSAT_OK; ::CSAT_ERR_NULL; ::CSAT_ERR_EMPTY; ::CSAT_ERR_RANGE;
 *         ::CSAT_ERR_WEIGHT; ::CSAT_ERR_ARGUMENT; ::CSAT_ERR_NOMEM.
 */
CSAT_API CSAT_NODISCARD csat_status csat_score_box_share(const double *x, size_t n, const double *w,
                                                   int lo, int hi, const csat_scale_options *opt,
                                                   csat_share_result *out, csat_error *err);

/** @brief Options of ::csat_score_csat; see ::CSAT_CSAT_OPTIONS_DEFAULT. */
typedef struct csat_csat_options {
    size_t size; /**< sizeof the struct the caller compiled against; set by the options initialiser (@ref conv_growth). */
    int scale_min;      /**< Lowest point of the scale (default 1). */
    int scale_max;      /**< Highest point of the scale (default 5). */
    int satisfied_min;  /**< Answers ≥ this are satisfied (default 4). */
    double level;       /**< Confidence level in (0, 1 − 1e-12] (default 0.95). */
} csat_csat_options;

/** @brief Default CSAT options: 4–5 of 1–5 at 95 %. */
#define CSAT_CSAT_OPTIONS_DEFAULT { sizeof(csat_csat_options), 1, 5, 4, 0.95 }

/**
 * @brief CSAT: the share of satisfied answers ([satisfied_min, scale_max]),
 *        a proportion 0..1 (`score` gives it in percent).
 *
 * doc/methods.md, "CSAT".
 * @param x   Answers; NaN is missing.
 * @param n   Number of answers.
 * @param w   Weights or NULL.
 * @param opt Options or NULL for ::CSAT_CSAT_OPTIONS_DEFAULT.
 * @param out Receives the result.
 * @param err Optional error details, may be NULL.
 * @return As ::csat_score_box_share.
 */
CSAT_API CSAT_NODISCARD csat_status csat_score_csat(const double *x, size_t n, const double *w,
                                              const csat_csat_options *opt, csat_share_result *out,
                                              csat_error *err);

/**
 * @brief Top-k-box share: answers in the @p k highest points of the scale
 *        (k = 1 top box, k = 2 "extremely or very satisfied").
 *
 * doc/methods.md, "Top and bottom boxes".
 * @param x   Answers; NaN is missing.
 * @param n   Number of answers.
 * @param w   Weights or NULL.
 * @param k   Number of boxes, 1 ≤ k ≤ number of scale points.
 * @param opt Scale and level, or NULL for ::CSAT_SCALE_OPTIONS_DEFAULT.
 * @param out Receives the result.
 * @param err Optional error details, may be NULL.
 * @return As ::csat_score_box_share.
 */
CSAT_API CSAT_NODISCARD csat_status csat_score_top_box(const double *x, size_t n, const double *w, int k,
                                                 const csat_scale_options *opt,
                                                 csat_share_result *out, csat_error *err);

/**
 * @brief Bottom-k-box share: answers in the @p k lowest points of the scale.
 *
 * doc/methods.md, "Top and bottom boxes".
 * @param x   Answers; NaN is missing.
 * @param n   Number of answers.
 * @param w   Weights or NULL.
 * @param k   Number of boxes, 1 ≤ k ≤ number of scale points.
 * @param opt Scale and level, or NULL for ::CSAT_SCALE_OPTIONS_DEFAULT.
 * @param out Receives the result.
 * @param err Optional error details, may be NULL.
 * @return As ::csat_score_box_share.
 */
CSAT_API CSAT_NODISCARD csat_status csat_score_bottom_box(const double *x, size_t n, const double *w,
                                                    int k, const csat_scale_options *opt,
                                                    csat_share_result *out, csat_error *err);

/**
 * @brief Box share of a tally. @p opt's scale must equal the tally's
 *        (NULL: the tally's scale at 95 %).
 * @param t   Tally.
 * @param lo  Lowest box counted.
 * @param hi  Highest box counted.
 * @param opt Scale and level or NULL.
 * @param out Receives the result.
 * @param err Optional error details, may be NULL.
 * @return As ::csat_score_box_share.
 */
CSAT_API CSAT_NODISCARD csat_status csat_tally_box_share(const csat_tally *t, int lo, int hi,
                                                         const csat_scale_options *opt,
                                                         csat_share_result *out, csat_error *err);

/**
 * @brief CSAT of a tally. @p opt's scale must equal the tally's
 *        (NULL: the tally's scale, satisfied_min 4, 95 %).
 * @param t   Tally.
 * @param opt Options or NULL.
 * @param out Receives the result.
 * @param err Optional error details, may be NULL.
 * @return As ::csat_score_csat.
 */
CSAT_API CSAT_NODISCARD csat_status csat_tally_csat(const csat_tally *t, const csat_csat_options *opt,
                                                    csat_share_result *out, csat_error *err);

/**
 * @brief Top-k-box share of a tally (see ::csat_score_top_box).
 * @param t   Tally.
 * @param k   Number of boxes.
 * @param opt Scale and level or NULL (the tally's scale at 95 %).
 * @param out Receives the result.
 * @param err Optional error details, may be NULL.
 * @return As ::csat_score_top_box.
 */
CSAT_API CSAT_NODISCARD csat_status csat_tally_top_box(const csat_tally *t, int k,
                                                       const csat_scale_options *opt,
                                                       csat_share_result *out, csat_error *err);

/**
 * @brief Bottom-k-box share of a tally (see ::csat_score_bottom_box).
 * @param t   Tally.
 * @param k   Number of boxes.
 * @param opt Scale and level or NULL (the tally's scale at 95 %).
 * @param out Receives the result.
 * @param err Optional error details, may be NULL.
 * @return As ::csat_score_bottom_box.
 */
CSAT_API CSAT_NODISCARD csat_status csat_tally_bottom_box(const csat_tally *t, int k,
                                                          const csat_scale_options *opt,
                                                          csat_share_result *out, csat_error *err);

/** @} */

/* ------------------------------------------------------------------------ */
/** @name Mean score
 * @{ */

/** @brief Options of the mean-score functions; see ::CSAT_MEAN_OPTIONS_DEFAULT. */
typedef struct csat_mean_options {
    size_t size; /**< sizeof the struct the caller compiled against; set by the options initialiser (@ref conv_growth). */
    double level; /**< Confidence level in (0, 1 − 1e-12] (default 0.95). */
} csat_mean_options;

/** @brief Default mean options: 95 %. */
#define CSAT_MEAN_OPTIONS_DEFAULT { sizeof(csat_mean_options), 0.95 }

/** @brief A (weighted) mean with SD, standard error and t interval. */
typedef struct csat_mean_result {
    size_t size; /**< sizeof the struct the caller compiled against; set by ::CSAT_RESULT_INIT (@ref conv_growth). */
    double score;       /**< The (weighted) mean. */
    double sd;          /**< Standard deviation, √(n/(n−1) · Σw(x−x̄)²/Σw); the sample SD without weights. */
    double se;          /**< Standard error of the mean, √(n/(n−1) · Σw²(x−x̄)²)/Σw; s/√n without weights. */
    double ci_lower;    /**< Lower limit, mean − t(df)·se. */
    double ci_upper;    /**< Upper limit, mean + t(df)·se. */
    double level;       /**< Confidence level used. */
    double df;          /**< Degrees of freedom of the t quantile, n − 1. */
    double min;         /**< Smallest valid value. */
    double max;         /**< Largest valid value. */
    size_t n;           /**< Valid values. */
    size_t n_missing;   /**< NaN values skipped. */
    double n_weighted;  /**< Sum of weights. */
    double n_effective; /**< Kish effective sample size. */
} csat_mean_result;

/**
 * @brief Mean of any rating or continuous value, with SD, SE and t interval.
 *
 * With a single valid value the SD, SE and interval are NaN (there is no
 * spread to estimate); the mean itself is valid. doc/methods.md, "Mean score".
 * @param x   Values; NaN is missing; ±inf is an error.
 * @param n   Number of values.
 * @param w   Weights or NULL.
 * @param opt Options or NULL for ::CSAT_MEAN_OPTIONS_DEFAULT.
 * @param out Receives the result.
 * @param err Optional error details, may be NULL.
 * @return ::CSAT_OK; ::CSAT_ERR_NULL; ::CSAT_ERR_EMPTY; ::CSAT_ERR_RANGE
 *         (infinite value); ::CSAT_ERR_WEIGHT; ::CSAT_ERR_ARGUMENT (level).
 */
CSAT_API CSAT_NODISCARD csat_status csat_score_mean(const double *x, size_t n, const double *w,
                                                    const csat_mean_options *opt,
                                                    csat_mean_result *out, csat_error *err);

/**
 * @brief Mean score from a ::csat_moments accumulator (see ::csat_score_mean).
 * @param m   Accumulator.
 * @param opt Options or NULL.
 * @param out Receives the result.
 * @param err Optional error details, may be NULL.
 * @return ::CSAT_OK; ::CSAT_ERR_NULL; ::CSAT_ERR_EMPTY; ::CSAT_ERR_ARGUMENT.
 */
CSAT_API CSAT_NODISCARD csat_status csat_moments_mean(const csat_moments *m,
                                                      const csat_mean_options *opt,
                                                      csat_mean_result *out, csat_error *err);

/**
 * @brief Mean rating of the answers counted in a tally (see ::csat_score_mean).
 * @param t   Tally.
 * @param opt Options or NULL.
 * @param out Receives the result.
 * @param err Optional error details, may be NULL.
 * @return ::CSAT_OK; ::CSAT_ERR_NULL; ::CSAT_ERR_EMPTY; ::CSAT_ERR_ARGUMENT.
 */
CSAT_API CSAT_NODISCARD csat_status csat_tally_mean(const csat_tally *t, const csat_mean_options *opt,
                                                    csat_mean_result *out, csat_error *err);

/** @} */

/* ------------------------------------------------------------------------ */
/** @name Customer Effort Score
 * @{ */

/** @brief Options of ::csat_score_ces; see ::CSAT_CES_OPTIONS_DEFAULT. */
typedef struct csat_ces_options {
    size_t size; /**< sizeof the struct the caller compiled against; set by the options initialiser (@ref conv_growth). */
    int scale_min;       /**< Lowest point (default 1). */
    int scale_max;       /**< Highest point (default 7). */
    int low_effort_min;  /**< Answers ≥ this mean low effort (default 5). */
    double level;        /**< Confidence level in (0, 1 − 1e-12] (default 0.95). */
} csat_ces_options;

/** @brief Default CES options: low effort = 5–7 of 1–7, 95 %. */
#define CSAT_CES_OPTIONS_DEFAULT { sizeof(csat_ces_options), 1, 7, 5, 0.95 }

/**
 * @brief Customer Effort Score of @p n answers.
 *
 * doc/methods.md, "Customer Effort Score".
 * @param x   Answers on the integer scale; NaN is missing.
 * @param n   Number of answers.
 * @param w   Weights or NULL.
 * @param opt Options or NULL for ::CSAT_CES_OPTIONS_DEFAULT.
 * @param effort     Receives the mean effort rating.
 * @param low_effort Receives the share in [low_effort_min, scale_max], a proportion 0..1.
 * @param err Optional error details, may be NULL.
 * @return As ::csat_score_box_share.
 */
CSAT_API CSAT_NODISCARD csat_status csat_score_ces(const double *x, size_t n, const double *w,
                                             const csat_ces_options *opt, csat_mean_result *effort,
                                             csat_share_result *low_effort,
                                             csat_error *err);

/**
 * @brief Customer Effort Score of a tally; @p opt's scale must equal the
 *        tally's (NULL: the tally's scale, low_effort_min 5, 95 %).
 * @param t   Tally.
 * @param opt Options or NULL.
 * @param effort     Receives the mean effort rating.
 * @param low_effort Receives the low-effort share.
 * @param err Optional error details, may be NULL.
 * @return As ::csat_score_ces.
 */
CSAT_API CSAT_NODISCARD csat_status csat_tally_ces(const csat_tally *t, const csat_ces_options *opt,
                                                   csat_mean_result *effort,
                                                   csat_share_result *low_effort, csat_error *err);

/** @} */

/* ------------------------------------------------------------------------ */
/** @name Distribution and composite index
 * @{ */

/**
 * @brief Count, weighted count and share of every point of a scale.
 *
 * Element i of each output array describes the point scale_min + i; each
 * array, when not NULL, must hold @p len = scale_max − scale_min + 1
 * elements. doc/methods.md, "Distribution".
 * @param x       Answers; NaN is missing.
 * @param n       Number of answers.
 * @param w       Weights or NULL.
 * @param opt     Scale (the level is not used) or NULL for 1–5.
 * @param counts  Receives the number of answers per point, or NULL.
 * @param weights Receives the sum of weights per point, or NULL.
 * @param shares  Receives the weighted share per point, or NULL.
 * @param len     Length of the arrays.
 * @param out     Receives the sample sizes.
 * @param err     Optional error details, may be NULL.
 * @return ::CSAT_OK; ::CSAT_ERR_NULL; ::CSAT_ERR_EMPTY; ::CSAT_ERR_RANGE;
 *         ::CSAT_ERR_WEIGHT; ::CSAT_ERR_ARGUMENT (len differs from the
 *         number of points); ::CSAT_ERR_NOMEM.
 */
CSAT_API CSAT_NODISCARD csat_status csat_score_distribution(const double *x, size_t n, const double *w,
                                                      const csat_scale_options *opt, double *counts,
                                                      double *weights, double *shares, size_t len,
                                                      csat_sample *out, csat_error *err);

/**
 * @brief Composite satisfaction index (ACSI-style) of k items, 0–100.
 *
 * Each respondent's items are rescaled to 0–100 by their scales,
 * r_j = 100·(x_j − item_min_j)/(item_max_j − item_min_j), and combined with
 * the item weights, I = Σ v_j r_j / Σ v_j. The indices are then summarised
 * like ::csat_score_mean. A row with any NaN item is missing (listwise).
 * doc/methods.md, "Composite index".
 *
 * @param x            Row-major n × k matrix of item answers.
 * @param n            Number of respondents (rows).
 * @param k            Number of items (columns), ≥ 1.
 * @param ld           Leading dimension: distance between rows, ≥ k.
 * @param w            Respondent weights (n) or NULL.
 * @param item_min     Lowest point of each item's scale (k values).
 * @param item_max     Highest point of each item's scale (k values, > item_min).
 * @param item_weights Item weights v (k values, ≥ 0, not all 0) or NULL for equal.
 * @param opt          Options or NULL for ::CSAT_MEAN_OPTIONS_DEFAULT.
 * @param out          Receives the summary of the indices.
 * @param err          Optional error details, may be NULL; `index` is the row
 *                     and `column` the item of an answer off its scale.
 * @return ::CSAT_OK; ::CSAT_ERR_NULL; ::CSAT_ERR_EMPTY; ::CSAT_ERR_RANGE;
 *         ::CSAT_ERR_WEIGHT; ::CSAT_ERR_ARGUMENT (k, ld, scales, item
 *         weights or level invalid).
 */
CSAT_API CSAT_NODISCARD csat_status csat_score_index(const double *x, size_t n, size_t k, size_t ld,
                                               const double *w, const double *item_min,
                                               const double *item_max, const double *item_weights,
                                               const csat_mean_options *opt, csat_mean_result *out,
                                               csat_error *err);

/** @} */

/* ------------------------------------------------------------------------ */
/** @name Review ratings
 * @{ */

/** @brief Options of ::csat_score_reviews; see ::CSAT_REVIEWS_OPTIONS_DEFAULT. */
typedef struct csat_reviews_options {
    size_t size; /**< sizeof the struct the caller compiled against; set by the options initialiser (@ref conv_growth). */
    int scale_min;       /**< Lowest rating (default 1). */
    int scale_max;       /**< Highest rating (default 5). */
    int positive_min;    /**< Ratings ≥ this are positive (default 4). */
    double prior_mean;   /**< Prior mean rating of the Bayesian average, on the scale; NaN (the default) is the scale's midpoint. */
    double prior_weight; /**< Prior weight in ratings, ≥ 0 (default 10). */
    double level;        /**< Confidence level in (0, 1 − 1e-12] (default 0.95). */
} csat_reviews_options;

/** @brief Default review options: 1–5 stars, positive 4–5, prior the scale's midpoint with weight 10, 95 %. */
#define CSAT_REVIEWS_OPTIONS_DEFAULT { sizeof(csat_reviews_options), 1, 5, 4, NAN, 10.0, 0.95 }

/** @brief Review ratings summarised (the mean rating and the positive share come as their own results). */
typedef struct csat_reviews_result {
    size_t size; /**< sizeof the struct the caller compiled against; set by ::CSAT_RESULT_INIT (@ref conv_growth). */
    double bayesian_average;    /**< (C·m + Σx)/(C + n): C prior weight, m prior mean. */
    double wilson_lower;        /**< Lower Wilson limit of the positive share (0..1, equal to the positive share's ci_lower), for ranking. */
    double prior_mean;          /**< The prior mean m used. */
    double prior_weight;        /**< The prior weight C used. */
} csat_reviews_result;

/**
 * @brief Mean rating, Bayesian average and positive share with its Wilson
 *        lower bound (for ranking products with few reviews).
 * @param ratings n ratings on the integer scale (NaN = missing).
 * @param n       Number of ratings.
 * @param opt     Options or NULL.
 * @param out     Receives the Bayesian average and the Wilson lower bound.
 * @param rating  Receives the mean rating with its SD and t interval.
 * @param positive Receives the share of positive ratings (0..1) with its Wilson interval.
 * @param err     Optional error details, may be NULL.
 * @return As ::csat_score_box_share; ::CSAT_ERR_ARGUMENT also for the prior.
 */
CSAT_API CSAT_NODISCARD csat_status csat_score_reviews(const double *ratings, size_t n,
                                                 const csat_reviews_options *opt,
                                                 csat_reviews_result *out, csat_mean_result *rating,
                                                 csat_share_result *positive, csat_error *err);

/** @} */

#ifdef __cplusplus
}
#endif

#endif /* CSAT_SCORE_H */
