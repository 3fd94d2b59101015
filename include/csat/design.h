/**
 * @file csat/design.h
 * @brief Survey designs: strata, clusters (PSUs), finite-population
 *        corrections and raked weights, with design-based standard errors
 *        as R's survey package computes them.
 *
 * A design describes how the rows of a sample were drawn: each row belongs
 * to a first-stage cluster (primary sampling unit, PSU: a store, a branch,
 * a flight) within a stratum (a region, a channel), and carries a sampling
 * weight. Scores of a design (`csat_design_nps(d, x, ...)`) give the same
 * point estimates as the weighted scores of score.h; their standard errors
 * are those of Taylor linearisation for a with-replacement first stage,
 * R survey's default (`svydesign(ids = ~psu, strata = ~st, weights = ~w)`,
 * then `svymean`, `svyby`, `svyglm`):
 *
 *     Var = Σ_h c_h Σ_{i ∈ h} (z_hi − z̄_h)²,  c_h = (1 − f_h) n_h / (n_h − 1),
 *
 * where z_hi is the total over PSU i of the estimate's linearised values,
 * z̄_h their mean over the n_h PSUs of stratum h, and f_h the sampling
 * fraction of the stratum (0 without a finite-population correction).
 * doc/methods.md, "Survey designs", gives the linearised values of every
 * estimate and the rules for strata with one PSU.
 *
 * Every designed score is a grouped accumulator with one group per PSU
 * (groups.h) followed by one estimator, so the same estimate can be made
 * from shards: key a ::csat_grouped by PSU (::csat_design_psu_codes, or
 * global PSU codes of your own with ::csat_design_create_psus), merge the
 * shards, and call the `csat_design_psu_*` estimators. Per-PSU sums are
 * additive, so PSUs and strata split across shards merge to the
 * one-machine answer.
 *
 * Conventions as in score.h: answers NaN are missing (skipped, counted);
 * options NULL mean the defaults; results are written only on success; the
 * last argument is an optional ::csat_error.
 */
#ifndef CSAT_DESIGN_H
#define CSAT_DESIGN_H

#include <stdint.h>

#include "csat/common.h"
#include "csat/drivers.h"
#include "csat/groups.h"
#include "csat/score.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------ */
/** @name The design object
 * @{ */

/** @brief A survey design (opaque): rows, their weights, PSUs and strata. Free with ::csat_design_free. */
typedef struct csat_design csat_design;

/**
 * @brief What a stratum with a single PSU contributes to a variance, as R's
 *        `options(survey.lonely.psu = ...)`. doc/methods.md, "Strata with one PSU".
 */
typedef enum csat_lonely_psu {
    CSAT_LONELY_FAIL = 0,      /**< Refuse the design (::CSAT_ERR_ARGUMENT naming the stratum); R's default "fail". */
    CSAT_LONELY_REMOVE = 1,    /**< The stratum contributes nothing ("remove"). */
    CSAT_LONELY_CERTAINTY = 2, /**< The PSU was sampled with certainty: contributes nothing ("certainty"). */
    CSAT_LONELY_ADJUST = 3,    /**< The PSU total is centred at the grand mean (0 for linearised values) instead of its stratum's mean ("adjust"). */
    CSAT_LONELY_AVERAGE = 4    /**< The variance of the other strata scaled by (strata)/(strata with more than one PSU) ("average"). */
} csat_lonely_psu;

/** @brief Options of ::csat_design_create; see ::CSAT_DESIGN_OPTIONS_DEFAULT. */
typedef struct csat_design_options {
    size_t size;    /**< sizeof the struct the caller compiled against; set by the options initialiser (@ref conv_growth). */
    int lonely_psu; /**< A ::csat_lonely_psu (default ::CSAT_LONELY_FAIL). */
    int nest;       /**< 0 (default): a cluster code names one PSU, which must lie in one stratum; 1: cluster codes are relabelled within strata (PSU = stratum and cluster), R's `nest = TRUE`. */
} csat_design_options;

/** @brief Default design options: lonely PSUs refused, clusters not nested. */
#define CSAT_DESIGN_OPTIONS_DEFAULT { sizeof(csat_design_options), CSAT_LONELY_FAIL, 0 }

/**
 * @brief Create the design of @p n rows.
 *
 * Codes are non-negative integers below ::CSAT_GROUPS_MAX; they need not be
 * consecutive (only the codes that occur count). doc/methods.md, "Survey designs".
 * @param n        Number of rows (respondents), ≥ 1.
 * @param w        n sampling weights (0 or within [::CSAT_WEIGHT_MIN,
 *                 ::CSAT_WEIGHT_MAX]), or NULL for 1 each. Copied.
 * @param strata   n stratum codes, or NULL for a single stratum.
 * @param clusters n first-stage cluster (PSU) codes, or NULL for one PSU
 *                 per row (R's `ids = ~1`).
 * @param fpc      n finite-population corrections, or NULL for none (a
 *                 with-replacement first stage). Constant within a stratum;
 *                 either all sampling fractions in (0, 1] (PSUs sampled /
 *                 PSUs in the stratum) or all population sizes ≥ the PSUs
 *                 sampled in the stratum, as R's `fpc`.
 * @param opt      Options or NULL for ::CSAT_DESIGN_OPTIONS_DEFAULT.
 * @param out      Receives the design; free it with ::csat_design_free.
 * @param err      Optional error details, may be NULL; `index` names the
 *                 first offending row.
 * @return ::CSAT_OK; ::CSAT_ERR_NULL; ::CSAT_ERR_EMPTY (n = 0);
 *         ::CSAT_ERR_WEIGHT (a NaN, infinite, negative or out-of-range
 *         weight); ::CSAT_ERR_RANGE (a negative code or one of
 *         ::CSAT_GROUPS_MAX or more); ::CSAT_ERR_ARGUMENT (a cluster in two
 *         strata without `nest`, a stratum with one PSU under
 *         ::CSAT_LONELY_FAIL, an fpc that varies within a stratum, mixes
 *         fractions and sizes, or is smaller than the PSUs sampled, an
 *         unknown lonely rule, `nest` other than 0 or 1, more than
 *         ::CSAT_GROUPS_MAX PSUs); ::CSAT_ERR_OVERFLOW; ::CSAT_ERR_NOMEM.
 */
CSAT_API CSAT_NODISCARD csat_status csat_design_create(size_t n, const double *w,
                                                       const int32_t *strata,
                                                       const int32_t *clusters, const double *fpc,
                                                       const csat_design_options *opt,
                                                       csat_design **out, csat_error *err);

/**
 * @brief Create a design of PSUs without rows: for estimates from
 *        accumulators keyed by PSU (`csat_design_psu_*`), as shards make them.
 * @param psus     Number of PSUs P (1 ≤ P ≤ ::CSAT_GROUPS_MAX); PSU codes are 0..P−1.
 * @param strata   P stratum codes (the stratum of each PSU), or NULL for one stratum.
 * @param fpc      P finite-population corrections (as ::csat_design_create,
 *                 constant within a stratum), or NULL.
 * @param opt      Options or NULL (`nest` is not used, PSUs being given, but must be 0 or 1).
 * @param out      Receives the design; free it with ::csat_design_free.
 * @param err      Optional error details, may be NULL; `index` names the PSU.
 * @return As ::csat_design_create, except that P = 0 (or above
 *         ::CSAT_GROUPS_MAX) is ::CSAT_ERR_ARGUMENT.
 */
CSAT_API CSAT_NODISCARD csat_status csat_design_create_psus(size_t psus, const int32_t *strata,
                                                            const double *fpc,
                                                            const csat_design_options *opt,
                                                            csat_design **out, csat_error *err);

/**
 * @brief Free a design.
 * @param d Design, or NULL (ignored).
 */
CSAT_API void csat_design_free(csat_design *d);

/** @brief What a design holds. */
typedef struct csat_design_info {
    size_t size;       /**< sizeof the struct the caller compiled against; set by ::CSAT_RESULT_INIT (@ref conv_growth). */
    size_t n;          /**< Rows (0 for a design of PSUs). */
    size_t psus;       /**< PSUs P; their codes are 0..P−1 (::csat_design_psu_codes). */
    size_t strata;     /**< Strata H. */
    size_t lonely;     /**< Strata with a single PSU. */
    double df;         /**< Design degrees of freedom: PSUs − strata, counting those with a row of positive weight (R's `degf`). */
    double sum_w;      /**< Sum of the weights (0 for a design of PSUs). */
    int lonely_psu;    /**< The ::csat_lonely_psu rule. */
} csat_design_info;

/**
 * @brief Describe a design.
 * @param d   Design.
 * @param out Receives the description.
 * @param err Optional error details, may be NULL.
 * @return ::CSAT_OK; ::CSAT_ERR_NULL; ::CSAT_ERR_ARGUMENT (the size of @p out).
 */
CSAT_API CSAT_NODISCARD csat_status csat_design_describe(const csat_design *d,
                                                         csat_design_info *out, csat_error *err);

/**
 * @brief The accumulator key of every row, to key a ::csat_grouped for the
 *        `csat_design_psu_*` estimators: its PSU code (0..P−1) in a design
 *        with clusters; its stratum code (0..H−1) in a design without
 *        clusters, where every row is its own PSU (such an accumulator
 *        has one group per stratum, and the variance is made from the
 *        stratum's sums of weights and of squared weights).
 * PSUs and strata are numbered in the order of their first row.
 * @param d     Design with rows.
 * @param codes Receives n codes.
 * @param n     Capacity of @p codes: the design's rows.
 * @param err   Optional error details, may be NULL.
 * @return ::CSAT_OK; ::CSAT_ERR_NULL; ::CSAT_ERR_ARGUMENT (@p n is not the
 *         design's rows, or a design of PSUs).
 */
CSAT_API CSAT_NODISCARD csat_status csat_design_psu_codes(const csat_design *d, int32_t *codes,
                                                          size_t n, csat_error *err);

/**
 * @brief The weights of a design (1 for rows given none).
 * @param d   Design with rows.
 * @param w   Receives n weights.
 * @param n   Capacity of @p w: the design's rows.
 * @param err Optional error details, may be NULL.
 * @return As ::csat_design_psu_codes.
 */
CSAT_API CSAT_NODISCARD csat_status csat_design_weights(const csat_design *d, double *w, size_t n,
                                                        csat_error *err);

/** @} */

/* ------------------------------------------------------------------------ */
/** @name Scores of a design
 * The estimate equals the weighted score of score.h with the design's
 * weights; `se` is the linearised design standard error (R's
 * `svymean(~indicator, design, na.rm = TRUE)`); rows whose answer is
 * missing still count as rows of their PSU (R's domain of the non-missing
 * answers). `n_effective` is the design's effective sample size, σ̂²/Var
 * (σ̂² the weighted variance of the linearised quantity per row; for a
 * share p(1 − p)/Var; n when Var is 0), and it replaces Kish's in the
 * Wilson interval of shares and in the adjusted-Wald NPS. Means use a t
 * interval on the design's degrees of freedom. When the design gives no
 * variance (every stratum with an answer a lonely PSU left out under
 * ::CSAT_LONELY_AVERAGE), `se`, the interval and `n_effective` are NaN.
 * doc/methods.md, "Scores of a design".
 * @{ */

/**
 * @brief NPS of a design's rows.
 * @param d   Design with rows.
 * @param x   The design's n answers; NaN is missing.
 * @param opt Options or NULL for ::CSAT_NPS_OPTIONS_DEFAULT.
 * @param out Receives the result.
 * @param err Optional error details, may be NULL.
 * @return ::CSAT_OK; ::CSAT_ERR_NULL; ::CSAT_ERR_EMPTY; ::CSAT_ERR_RANGE;
 *         ::CSAT_ERR_ARGUMENT (options; a design of PSUs); ::CSAT_ERR_NOMEM.
 */
CSAT_API CSAT_NODISCARD csat_status csat_design_nps(const csat_design *d, const double *x,
                                                    const csat_nps_options *opt,
                                                    csat_nps_result *out, csat_error *err);

/**
 * @brief Share of the boxes [@p lo, @p hi] of a design's rows.
 * @param d   Design with rows.
 * @param x   The design's n answers; NaN is missing.
 * @param lo  Lowest box counted.
 * @param hi  Highest box counted.
 * @param opt Scale and level or NULL for ::CSAT_SCALE_OPTIONS_DEFAULT.
 * @param out Receives the result.
 * @param err Optional error details, may be NULL.
 * @return As ::csat_design_nps.
 */
CSAT_API CSAT_NODISCARD csat_status csat_design_box_share(const csat_design *d, const double *x,
                                                          int lo, int hi,
                                                          const csat_scale_options *opt,
                                                          csat_share_result *out, csat_error *err);

/**
 * @brief CSAT (share of satisfied answers) of a design's rows.
 * @param d   Design with rows.
 * @param x   The design's n answers; NaN is missing.
 * @param opt Options or NULL for ::CSAT_CSAT_OPTIONS_DEFAULT.
 * @param out Receives the result.
 * @param err Optional error details, may be NULL.
 * @return As ::csat_design_nps.
 */
CSAT_API CSAT_NODISCARD csat_status csat_design_csat(const csat_design *d, const double *x,
                                                     const csat_csat_options *opt,
                                                     csat_share_result *out, csat_error *err);

/**
 * @brief Top-k-box share of a design's rows.
 * @param d   Design with rows.
 * @param x   The design's n answers; NaN is missing.
 * @param k   Number of boxes.
 * @param opt Scale and level or NULL.
 * @param out Receives the result.
 * @param err Optional error details, may be NULL.
 * @return As ::csat_design_nps.
 */
CSAT_API CSAT_NODISCARD csat_status csat_design_top_box(const csat_design *d, const double *x, int k,
                                                        const csat_scale_options *opt,
                                                        csat_share_result *out, csat_error *err);

/**
 * @brief Bottom-k-box share of a design's rows.
 * @param d   Design with rows.
 * @param x   The design's n answers; NaN is missing.
 * @param k   Number of boxes.
 * @param opt Scale and level or NULL.
 * @param out Receives the result.
 * @param err Optional error details, may be NULL.
 * @return As ::csat_design_nps.
 */
CSAT_API CSAT_NODISCARD csat_status csat_design_bottom_box(const csat_design *d, const double *x,
                                                           int k, const csat_scale_options *opt,
                                                           csat_share_result *out,
                                                           csat_error *err);

/**
 * @brief Mean of any values of a design's rows, with a t interval on the design's df.
 * `sd` is the weighted SD of score.h; `df` the design's degrees of freedom.
 * @param d   Design with rows.
 * @param x   The design's n values; NaN is missing; ±inf an error.
 * @param opt Options or NULL.
 * @param out Receives the result.
 * @param err Optional error details, may be NULL.
 * @return As ::csat_design_nps.
 */
CSAT_API CSAT_NODISCARD csat_status csat_design_mean(const csat_design *d, const double *x,
                                                     const csat_mean_options *opt,
                                                     csat_mean_result *out, csat_error *err);

/**
 * @brief Customer Effort Score of a design's rows: the mean effort and the low-effort share.
 * @param d          Design with rows.
 * @param x          The design's n answers; NaN is missing.
 * @param opt        Options or NULL for ::CSAT_CES_OPTIONS_DEFAULT.
 * @param effort     Receives the mean effort rating.
 * @param low_effort Receives the low-effort share.
 * @param err        Optional error details, may be NULL.
 * @return As ::csat_design_nps.
 */
CSAT_API CSAT_NODISCARD csat_status csat_design_ces(const csat_design *d, const double *x,
                                                    const csat_ces_options *opt,
                                                    csat_mean_result *effort,
                                                    csat_share_result *low_effort,
                                                    csat_error *err);

/**
 * @brief Composite index (csat_score_index()) of a design's rows: the
 *        designed mean of the row indices.
 * @param d            Design with rows.
 * @param x            Row-major n × k matrix of item answers.
 * @param k            Number of items, ≥ 1.
 * @param ld           Leading dimension, ≥ k.
 * @param item_min     Lowest point of each item's scale (k values).
 * @param item_max     Highest point of each item's scale (k values).
 * @param item_weights Item weights (k values) or NULL for equal.
 * @param opt          Options or NULL.
 * @param out          Receives the result.
 * @param err          Optional error details, may be NULL.
 * @return As ::csat_design_nps and ::csat_score_index.
 */
CSAT_API CSAT_NODISCARD csat_status csat_design_index(const csat_design *d, const double *x,
                                                      size_t k, size_t ld, const double *item_min,
                                                      const double *item_max,
                                                      const double *item_weights,
                                                      const csat_mean_options *opt,
                                                      csat_mean_result *out, csat_error *err);

/** @} */

/* ------------------------------------------------------------------------ */
/** @name Scores of a design from accumulators keyed by PSU
 * @p by_psu is a ::csat_grouped with one group per PSU of the design
 * (group code = PSU code), filled with the design's weights, possibly
 * merged from shards. The results equal the array functions' on the same
 * rows bit for bit when the accumulator was filled in one pass.
 * @{ */

/**
 * @brief NPS from a tally accumulator keyed by PSU.
 * @param d      Design (with rows or of PSUs); its PSUs are the groups.
 * @param by_psu Tally accumulator of P groups.
 * @param opt    Options or NULL (the accumulator's scale).
 * @param out    Receives the result.
 * @param err    Optional error details, may be NULL.
 * @return ::CSAT_OK; ::CSAT_ERR_NULL; ::CSAT_ERR_EMPTY; ::CSAT_ERR_ARGUMENT
 *         (groups ≠ PSUs, kind or scale, options); ::CSAT_ERR_NOMEM.
 */
CSAT_API CSAT_NODISCARD csat_status csat_design_psu_nps(const csat_design *d,
                                                        const csat_grouped *by_psu,
                                                        const csat_nps_options *opt,
                                                        csat_nps_result *out, csat_error *err);

/**
 * @brief Box share from a tally accumulator keyed by PSU.
 * @param d      Design.
 * @param by_psu Tally accumulator of P groups.
 * @param lo     Lowest box counted.
 * @param hi     Highest box counted.
 * @param opt    Scale and level or NULL (the accumulator's scale).
 * @param out    Receives the result.
 * @param err    Optional error details, may be NULL.
 * @return As ::csat_design_psu_nps.
 */
CSAT_API CSAT_NODISCARD csat_status csat_design_psu_box_share(const csat_design *d,
                                                              const csat_grouped *by_psu, int lo,
                                                              int hi,
                                                              const csat_scale_options *opt,
                                                              csat_share_result *out,
                                                              csat_error *err);

/**
 * @brief Mean from an accumulator keyed by PSU: of the values (moments) or
 *        of the ratings (tally).
 * @param d      Design.
 * @param by_psu Moments or tally accumulator of P groups.
 * @param opt    Options or NULL.
 * @param out    Receives the result.
 * @param err    Optional error details, may be NULL.
 * @return As ::csat_design_psu_nps.
 */
CSAT_API CSAT_NODISCARD csat_status csat_design_psu_mean(const csat_design *d,
                                                         const csat_grouped *by_psu,
                                                         const csat_mean_options *opt,
                                                         csat_mean_result *out, csat_error *err);

/** @} */

/* ------------------------------------------------------------------------ */
/** @name Scores of a design by group, and each group against the rest
 * A group is a domain of the design (R's `svyby`): its linearised values
 * are 0 outside it, and every PSU of the design counts. One pass fills an
 * accumulator per (group, PSU). Groups smaller than `min_n` are flagged as
 * in groups.h; with `complement` each result is that of the rest.
 * @{ */

/**
 * @brief NPS of every group of a design.
 * @param d     Design with rows.
 * @param x     The design's n answers; NaN is missing.
 * @param g     n group codes in 0..G−1 or ::CSAT_GROUP_NONE.
 * @param groups G, with G × PSUs ≤ ::CSAT_GROUPS_MAX.
 * @param opt   Options or NULL.
 * @param gopt  Group options or NULL.
 * @param out   Receives G results (`out[0].size` set).
 * @param flags Receives G ::csat_group_flag values, or NULL.
 * @param cap   Capacity of @p out (and @p flags), ≥ G.
 * @param err   Optional error details, may be NULL.
 * @return As ::csat_score_nps_grouped; ::CSAT_ERR_ARGUMENT also for G × PSUs.
 */
CSAT_API CSAT_NODISCARD csat_status csat_design_nps_grouped(
    const csat_design *d, const double *x, const int32_t *g, size_t groups,
    const csat_nps_options *opt, const csat_group_options *gopt, csat_nps_result *out,
    int *flags, size_t cap, csat_error *err);

/**
 * @brief Share of the boxes [lo, hi] of every group of a design.
 * @param d     Design with rows.
 * @param x     The design's n answers; NaN is missing.
 * @param g     n group codes.
 * @param groups G.
 * @param lo    Lowest box counted.
 * @param hi    Highest box counted.
 * @param opt   Scale and level or NULL.
 * @param gopt  Group options or NULL.
 * @param out   Receives G results.
 * @param flags Receives G flags, or NULL.
 * @param cap   Capacity of @p out, ≥ G.
 * @param err   Optional error details, may be NULL.
 * @return As ::csat_design_nps_grouped.
 */
CSAT_API CSAT_NODISCARD csat_status csat_design_box_share_grouped(
    const csat_design *d, const double *x, const int32_t *g, size_t groups, int lo, int hi,
    const csat_scale_options *opt, const csat_group_options *gopt, csat_share_result *out,
    int *flags, size_t cap, csat_error *err);

/**
 * @brief Mean of every group of a design.
 * @param d     Design with rows.
 * @param x     The design's n values; NaN is missing.
 * @param g     n group codes.
 * @param groups G.
 * @param opt   Options or NULL.
 * @param gopt  Group options or NULL.
 * @param out   Receives G results.
 * @param flags Receives G flags, or NULL.
 * @param cap   Capacity of @p out, ≥ G.
 * @param err   Optional error details, may be NULL.
 * @return As ::csat_design_nps_grouped.
 */
CSAT_API CSAT_NODISCARD csat_status csat_design_mean_grouped(
    const csat_design *d, const double *x, const int32_t *g, size_t groups,
    const csat_mean_options *opt, const csat_group_options *gopt, csat_mean_result *out,
    int *flags, size_t cap, csat_error *err);

/**
 * @brief Each group's NPS against the rest of the sample, with the
 *        covariance of the two within the design.
 * The difference group − rest is one estimate: its linearised values are
 * the group's minus the rest's, so its variance includes their covariance
 * (R: `svycontrast(svyby(..., covmat = TRUE), ...)`). z statistic, normal
 * interval; p-values adjusted across the compared groups by the options'
 * `adjust`. Flagged groups are skipped as in ::csat_compare_groups_nps; a
 * difference without a variance (every stratum with an answer a lonely PSU
 * left out under ::CSAT_LONELY_AVERAGE) has NaN statistics and is not in
 * the family.
 * @param d     Design with rows.
 * @param x     The design's n answers.
 * @param g     n group codes.
 * @param groups G (≥ 2).
 * @param opt   NPS options or NULL.
 * @param gopt  Group options or NULL (`complement` is not read).
 * @param copt  Comparison options (`level`, `adjust`) or NULL.
 * @param out   Receives G comparisons (`out[0].size` set), `other` = ::CSAT_NO_INDEX.
 * @param cap   Capacity of @p out, ≥ G.
 * @param err   Optional error details, may be NULL.
 * @return As ::csat_design_nps_grouped.
 */
CSAT_API CSAT_NODISCARD csat_status csat_design_compare_nps(
    const csat_design *d, const double *x, const int32_t *g, size_t groups,
    const csat_nps_options *opt, const csat_group_options *gopt,
    const csat_compare_options *copt, csat_group_comparison *out, size_t cap, csat_error *err);

/**
 * @brief Each group's share of the boxes [lo, hi] against the rest (see ::csat_design_compare_nps).
 * @param d     Design with rows.
 * @param x     The design's n answers.
 * @param g     n group codes.
 * @param groups G (≥ 2).
 * @param lo    Lowest box counted.
 * @param hi    Highest box counted.
 * @param opt   Scale and level or NULL.
 * @param gopt  Group options or NULL.
 * @param copt  Comparison options or NULL.
 * @param out   Receives G comparisons.
 * @param cap   Capacity of @p out, ≥ G.
 * @param err   Optional error details, may be NULL.
 * @return As ::csat_design_compare_nps.
 */
CSAT_API CSAT_NODISCARD csat_status csat_design_compare_shares(
    const csat_design *d, const double *x, const int32_t *g, size_t groups, int lo, int hi,
    const csat_scale_options *opt, const csat_group_options *gopt,
    const csat_compare_options *copt, csat_group_comparison *out, size_t cap, csat_error *err);

/**
 * @brief Each group's mean against the rest (see ::csat_design_compare_nps).
 * @param d     Design with rows.
 * @param x     The design's n values.
 * @param g     n group codes.
 * @param groups G (≥ 2).
 * @param opt   Options or NULL.
 * @param gopt  Group options or NULL.
 * @param copt  Comparison options or NULL.
 * @param out   Receives G comparisons.
 * @param cap   Capacity of @p out, ≥ G.
 * @param err   Optional error details, may be NULL.
 * @return As ::csat_design_compare_nps.
 */
CSAT_API CSAT_NODISCARD csat_status csat_design_compare_means(
    const csat_design *d, const double *x, const int32_t *g, size_t groups,
    const csat_mean_options *opt, const csat_group_options *gopt,
    const csat_compare_options *copt, csat_group_comparison *out, size_t cap, csat_error *err);

/** @} */

/* ------------------------------------------------------------------------ */
/** @name Key drivers of a design
 * @{ */

/**
 * @brief Fit the key-driver model of ::csat_drivers_fit to a design's rows,
 *        with design-based standard errors (R's `svyglm`, Gaussian).
 *
 * Coefficients, R² and everything computed from them (relative importance,
 * dominance, IPA) are those of the weighted fit with the design's weights.
 * The coefficients' covariance is the linearised (sandwich) one: with
 * A = XᵀWX and the score rows u_i = w_i e_i x_i, Var(β̂) is the design
 * variance of the totals Σ u_i A⁻¹ (R's `svy.varcoef`). t statistics and
 * intervals use df = (design df of the complete rows) + 1 − (coefficients),
 * R's `df.residual` of a svyglm, which is also the summary's `df_resid`.
 * The summary's `f` and `f_p` are the design-based Wald test that every
 * driver's coefficient is 0 (R's `regTermTest`); `r2`, `adj_r2`, `sigma`
 * and `n_effective` stay those of the weighted fit.
 * ::csat_drivers_bootstrap of the model resamples PSUs within strata (n_h
 * of the n_h PSUs, with replacement: the naive PSU bootstrap, whose
 * variance is (n_h − 1)/n_h of the linearised one). The model keeps what
 * it needs of the design: the design may be freed after the fit.
 * doc/methods.md, "Key drivers of a design".
 * @param x   Row-major n × p drivers (n = the design's rows), leading dimension @p ld.
 * @param p   Number of drivers, ≥ 1.
 * @param ld  Leading dimension, ≥ p.
 * @param y   The n outcomes.
 * @param d   Design with rows; its weights are the fit's.
 * @param opt Options or NULL.
 * @param out Receives the model; free it with ::csat_drivers_free.
 * @param err Optional error details, may be NULL.
 * @return As ::csat_drivers_fit; ::CSAT_ERR_TOO_FEW also when the design's
 *         df leaves no residual df; ::CSAT_ERR_ARGUMENT for a design of PSUs.
 */
CSAT_API CSAT_NODISCARD csat_status csat_drivers_fit_design(const double *x, size_t p, size_t ld,
                                                            const double *y, const csat_design *d,
                                                            const csat_drivers_options *opt,
                                                            csat_drivers **out, csat_error *err);

/** @} */

/* ------------------------------------------------------------------------ */
/** @name Raking and post-stratification
 * @{ */

/** @brief Options of ::csat_design_rake; see ::CSAT_RAKE_OPTIONS_DEFAULT. */
typedef struct csat_rake_options {
    size_t size;      /**< sizeof the struct the caller compiled against; set by the options initialiser (@ref conv_growth). */
    int max_iter;     /**< Most sweeps over the margins, ≥ 1 (default 50). R's `control$maxit`; convergence is seen at the earliest in the second sweep (the first that changes nothing), so post-stratification needs 2. */
    double epsilon;   /**< Convergence: a sweep that changes no cell of the joint table of all margin variables by this much ends raking. Below 1 it is taken times the sum of the starting weights (default 1e-7), from 1 as it is (weight units), as R's `control$epsilon`. */
    double lower;     /**< Trimming: raked weights below this are raised to it (default 0: none). */
    double upper;     /**< Trimming: raked weights above this are lowered to it (default +inf: none; > 0); the amount trimmed is spread evenly over the untrimmed positive weights, once (R's `trimWeights`, strict = FALSE). Rows of weight 0 stay 0 (R would give them a share). */
} csat_rake_options;

/** @brief Default raking options: 50 sweeps, epsilon 1e-7 of the total weight, no trimming. */
#define CSAT_RAKE_OPTIONS_DEFAULT { sizeof(csat_rake_options), 50, 1e-7, 0.0, INFINITY }

/** @brief How raking ended. */
typedef struct csat_rake_result {
    size_t size;       /**< sizeof the struct the caller compiled against; set by ::CSAT_RESULT_INIT (@ref conv_growth). */
    int iterations;    /**< Sweeps made, the one that converged included (R's internal count + 1). */
    int converged;     /**< 1 when the last sweep changed no joint cell by the threshold or more (epsilon, times the starting total when epsilon < 1). */
    double max_change; /**< The largest change of a joint cell in the last sweep. */
    double max_miss;   /**< The largest |weighted margin − population total| after raking (before trimming), over every category of every margin. */
    size_t trimmed;    /**< Weights trimmed. */
} csat_rake_result;

/**
 * @brief Rake weights to population margins by iterative proportional
 *        fitting, as `survey::rake`; with one variable, post-stratification.
 *
 * Each sweep post-stratifies to every margin in turn (w ← w · total_c / Σ_c w
 * within each category c). Rows of weight 0 stay 0. A design made with the
 * raked weights treats them as fixed sampling weights: its standard errors
 * are those of R's `svydesign(weights = ~raked)`, slightly larger than
 * those of R's raked design, which credits the calibration.
 * doc/methods.md, "Raking".
 * @param n          Rows.
 * @param w          n starting weights (0 or within the accepted range), or NULL for 1.
 * @param vars       Number of margin variables, ≥ 1.
 * @param codes      vars arrays of n category codes, each code in 0..categories[v]−1.
 * @param categories vars numbers of categories.
 * @param totals     vars arrays of population totals, categories[v] each (≥ 0).
 * @param opt        Options or NULL for ::CSAT_RAKE_OPTIONS_DEFAULT.
 * @param out        Receives the n raked weights (may be @p w itself).
 * @param info       Receives how raking ended, or NULL.
 * @param err        Optional error details, may be NULL; `index` the row or
 *                   category and `column` the margin variable.
 * @return ::CSAT_OK; ::CSAT_ERR_NULL; ::CSAT_ERR_EMPTY (n = 0, every
 *         starting weight 0, or a category with a positive total but no
 *         weight in the sample: an empty cell); ::CSAT_ERR_WEIGHT;
 *         ::CSAT_ERR_RANGE (a code outside its categories);
 *         ::CSAT_ERR_ARGUMENT (vars 0, a variable of 0 categories, a total
 *         negative, not finite or outside [::CSAT_WEIGHT_MIN,
 *         ::CSAT_WEIGHT_MAX] when positive, a category with weight whose
 *         total is 0, margins whose totals disagree by more than 1e-9
 *         relative, trimming bounds that leave no weight inside them, a
 *         raked weight outside the accepted range, options);
 *         ::CSAT_ERR_OVERFLOW (a sum of weights or a size that overflows);
 *         ::CSAT_ERR_CONVERGENCE (no convergence in max_iter sweeps: `info` and
 *         the message give the sweeps and the largest margin miss; @p out
 *         is left untouched); ::CSAT_ERR_NOMEM.
 */
CSAT_API CSAT_NODISCARD csat_status csat_design_rake(size_t n, const double *w, size_t vars,
                                                     const int32_t *const *codes,
                                                     const size_t *categories,
                                                     const double *const *totals,
                                                     const csat_rake_options *opt, double *out,
                                                     csat_rake_result *info, csat_error *err);

/** @} */

#ifdef __cplusplus
}
#endif

#endif /* CSAT_DESIGN_H */
