/**
 * @file csat/groups.h
 * @brief Scores by group (segments, periods) in one pass, compared and tracked.
 *
 * A group is a segment of the sample (region, product, flight class) or a
 * period (month, survey wave). Each answer comes with an integer group code
 * 0..G−1 (::CSAT_GROUP_NONE for an answer that belongs to no group: it is
 * counted and skipped). One pass fills an accumulator per group (a tally of
 * the scale, or moments for continuous values), and the score estimators
 * run once per group: the grouped functions are the ungrouped estimators fed
 * per group, not copies of them.
 *
 * Uncertainty is that of domain estimation (doc/methods.md, "Scores by
 * group"): a group is a subpopulation of the whole sample, as R survey's
 * `svyby(~y, ~group, svydesign(ids = ~1, weights = ~w), svymean)` treats
 * it. The NPS and mean standard errors use the sample size N of the whole
 * sample in the factor N/(N − 1), where scoring the filtered rows alone
 * would use the group's n/(n − 1); scores themselves are identical.
 *
 * Groups smaller than ::csat_group_options `min_n` (default 30) still get
 * their score and sample sizes, with the flag ::CSAT_GROUP_SMALL; a group
 * without a valid answer gets ::CSAT_GROUP_EMPTY, a NaN score and n = 0,
 * and no error. Comparisons of groups skip flagged groups and say why.
 */
#ifndef CSAT_GROUPS_H
#define CSAT_GROUPS_H

#include <stdint.h>

#include "csat/accum.h"
#include "csat/common.h"
#include "csat/compare.h"
#include "csat/score.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief The group code of an answer that belongs to no group (a missing label). */
#define CSAT_GROUP_NONE (-1)

/** @brief The largest number of groups of one accumulator or call (2^24). */
#define CSAT_GROUPS_MAX 16777216

/** @brief Flags of a group's result. */
typedef enum csat_group_flag {
    CSAT_GROUP_OK = 0,    /**< Enough answers. */
    CSAT_GROUP_SMALL = 1, /**< Fewer valid answers than `min_n`: the score is reported, its interval is not reliable. */
    CSAT_GROUP_EMPTY = 2  /**< No valid answer (or zero total weight): score NaN, n = 0. */
} csat_group_flag;

/** @brief Options of the grouped estimators; see ::CSAT_GROUP_OPTIONS_DEFAULT. */
typedef struct csat_group_options {
    size_t size;      /**< sizeof the struct the caller compiled against; set by the options initialiser (@ref conv_growth). */
    size_t min_n;     /**< Groups with fewer valid answers are flagged ::CSAT_GROUP_SMALL (default 30). */
    int complement;   /**< 0 (default): each group's result; 1: the result of the rest of the sample, all other groups together (for comparisons of each group with the rest). */
} csat_group_options;

/** @brief Default group options: min_n 30, each group. */
#define CSAT_GROUP_OPTIONS_DEFAULT { sizeof(csat_group_options), 30, 0 }

/* ------------------------------------------------------------------------ */
/** @name The grouped accumulator
 * @{ */

/**
 * @brief An accumulator per group (opaque): a tally of a scale, or moments
 *        of continuous values, for each of G groups, plus the counts of
 *        the whole sample that domain estimation needs.
 *
 * The accumulator shape of the others: create, copy, free, add, merge,
 * sample, serialize, deserialize. Merging shards gives the one-pass answer.
 */
typedef struct csat_grouped csat_grouped;

/**
 * @brief Create an empty accumulator of G tallies of the integer scale [min, max].
 * @param groups Number of groups G, 1 ≤ G ≤ ::CSAT_GROUPS_MAX.
 * @param min    Lowest point of the scale.
 * @param max    Highest point; at most ::CSAT_TALLY_MAX_POINTS points.
 * @param out    Receives the accumulator; free it with ::csat_grouped_free.
 * @param err    Optional error details, may be NULL.
 * @return ::CSAT_OK; ::CSAT_ERR_NULL; ::CSAT_ERR_ARGUMENT (G or the scale);
 *         ::CSAT_ERR_OVERFLOW; ::CSAT_ERR_NOMEM.
 */
CSAT_API CSAT_NODISCARD csat_status csat_grouped_create(size_t groups, int min, int max,
                                                        csat_grouped **out, csat_error *err);

/**
 * @brief Create an empty accumulator of G moments (continuous values: the
 *        mean score of any values, the composite index).
 * @param groups Number of groups G, 1 ≤ G ≤ ::CSAT_GROUPS_MAX.
 * @param out    Receives the accumulator; free it with ::csat_grouped_free.
 * @param err    Optional error details, may be NULL.
 * @return ::CSAT_OK; ::CSAT_ERR_NULL; ::CSAT_ERR_ARGUMENT; ::CSAT_ERR_NOMEM.
 */
CSAT_API CSAT_NODISCARD csat_status csat_grouped_create_moments(size_t groups, csat_grouped **out,
                                                                csat_error *err);

/**
 * @brief An independent copy of an accumulator.
 * @param a   Accumulator to copy.
 * @param out Receives the copy; free it with ::csat_grouped_free.
 * @param err Optional error details, may be NULL.
 * @return ::CSAT_OK, ::CSAT_ERR_NULL or ::CSAT_ERR_NOMEM.
 */
CSAT_API CSAT_NODISCARD csat_status csat_grouped_copy(const csat_grouped *a, csat_grouped **out,
                                                      csat_error *err);

/**
 * @brief Free an accumulator.
 * @param a Accumulator, or NULL (ignored).
 */
CSAT_API void csat_grouped_free(csat_grouped *a);

/**
 * @brief Add n answers with their group codes (and weights) in one pass.
 * @param a   Accumulator (modified only on success).
 * @param x   Answers (on the scale for a tally; any value within
 *            ±::CSAT_VALUE_MAX for moments); NaN is missing.
 * @param n   Number of answers.
 * @param w   Weights or NULL.
 * @param g   n group codes, each in 0..G−1 or ::CSAT_GROUP_NONE.
 * @param err Optional error details, may be NULL; `index` names the element.
 * @return ::CSAT_OK; ::CSAT_ERR_NULL; ::CSAT_ERR_RANGE (an answer off the
 *         scale, or a group code outside 0..G−1 other than
 *         ::CSAT_GROUP_NONE); ::CSAT_ERR_WEIGHT; ::CSAT_ERR_OVERFLOW.
 */
CSAT_API CSAT_NODISCARD csat_status csat_grouped_add(csat_grouped *a, const double *x, size_t n,
                                                     const double *w, const int32_t *g,
                                                     csat_error *err);

/**
 * @brief Merge @p src into @p dst (same kind, groups and scale).
 * @param dst Accumulator receiving the union of both samples.
 * @param src Accumulator to merge (unchanged; may be @p dst itself).
 * @param err Optional error details, may be NULL.
 * @return ::CSAT_OK; ::CSAT_ERR_NULL; ::CSAT_ERR_ARGUMENT (they differ);
 *         ::CSAT_ERR_OVERFLOW (@p dst unchanged).
 */
CSAT_API CSAT_NODISCARD csat_status csat_grouped_merge(csat_grouped *dst, const csat_grouped *src,
                                                       csat_error *err);

/**
 * @brief Number of groups, and the scale (min > max for moments).
 * @param a      Accumulator.
 * @param groups Receives G.
 * @param min    Receives the lowest point of the scale (1 for moments).
 * @param max    Receives the highest point (0 for moments).
 * @param err    Optional error details, may be NULL.
 * @return ::CSAT_OK or ::CSAT_ERR_NULL.
 */
CSAT_API CSAT_NODISCARD csat_status csat_grouped_shape(const csat_grouped *a, size_t *groups,
                                                       int *min, int *max, csat_error *err);

/**
 * @brief The sample of one group, or of the whole sample.
 * @param a     Accumulator.
 * @param group A group 0..G−1, or G for the whole sample (every answer with
 *              a group); `n_missing` of the whole sample also counts the
 *              answers without a group.
 * @param out   Receives the counts.
 * @param err   Optional error details, may be NULL.
 * @return ::CSAT_OK; ::CSAT_ERR_NULL; ::CSAT_ERR_ARGUMENT (group > G, size).
 */
CSAT_API CSAT_NODISCARD csat_status csat_grouped_sample(const csat_grouped *a, size_t group,
                                                        csat_sample *out, csat_error *err);

/**
 * @brief The tally of one group as a new tally (a tally accumulator only),
 *        for any tally function (csat_tally_point(), …).
 * @param a     Accumulator of tallies.
 * @param group A group 0..G−1.
 * @param out   Receives a new tally; free it with ::csat_tally_free.
 * @param err   Optional error details, may be NULL.
 * @return ::CSAT_OK; ::CSAT_ERR_NULL; ::CSAT_ERR_ARGUMENT (group, kind);
 *         ::CSAT_ERR_NOMEM.
 */
CSAT_API CSAT_NODISCARD csat_status csat_grouped_tally(const csat_grouped *a, size_t group,
                                                       csat_tally **out, csat_error *err);

/**
 * @brief Write @p a in a portable little-endian format (doc/methods.md,
 *        "Grouped accumulator").
 * @param a   Accumulator.
 * @param buf Destination, or NULL to ask for the size.
 * @param cap Capacity of @p buf in bytes.
 * @param len Receives the number of bytes written (or needed).
 * @param err Optional error details, may be NULL.
 * @return ::CSAT_OK; ::CSAT_ERR_NULL; ::CSAT_ERR_ARGUMENT (@p cap too small).
 */
CSAT_API CSAT_NODISCARD csat_status csat_grouped_serialize(const csat_grouped *a, void *buf,
                                                           size_t cap, size_t *len,
                                                           csat_error *err);

/**
 * @brief Recreate an accumulator written by ::csat_grouped_serialize.
 * @param buf Serialized bytes.
 * @param len Their number.
 * @param out Receives a new accumulator; free it with ::csat_grouped_free.
 * @param err Optional error details, may be NULL.
 * @return ::CSAT_OK; ::CSAT_ERR_NULL; ::CSAT_ERR_NOMEM; ::CSAT_ERR_FORMAT
 *         (malformed, or a state no accumulator can reach).
 */
CSAT_API CSAT_NODISCARD csat_status csat_grouped_deserialize(const void *buf, size_t len,
                                                             csat_grouped **out,
                                                             csat_error *err);

/** @} */

/* ------------------------------------------------------------------------ */
/** @name Scores of every group, from the accumulator
 *
 * Each fills G results (`out[0].size` set, as for every array of results;
 * @p cap ≥ G) and, if @p flags is not NULL, G ::csat_group_flag values.
 * With ::csat_group_options `complement` = 1, result d is that of all the
 * other groups together. The options are those of the ungrouped score; the
 * scale of a tally accumulator is its own (NULL options: defaults with it).
 * @return ::CSAT_OK; ::CSAT_ERR_NULL; ::CSAT_ERR_ARGUMENT (options, kind of
 *         accumulator, @p cap < G, sizes); ::CSAT_ERR_NOMEM. An empty group
 *         is a flag, not an error.
 * @{ */

/**
 * @brief NPS of every group (domain standard errors: @ref groups).
 * @param a     Grouped accumulator.
 * @param opt   Options of the score, or NULL (its defaults, with the accumulator's scale).
 * @param gopt  Group options, or NULL for ::CSAT_GROUP_OPTIONS_DEFAULT.
 * @param out   Receives G results (`out[0].size` set).
 * @param flags Receives G ::csat_group_flag values, or NULL.
 * @param cap   Capacity of each output array, ≥ G.
 * @param err   Optional error details, may be NULL.
 * @return ::CSAT_OK; ::CSAT_ERR_NULL; ::CSAT_ERR_ARGUMENT (options, kind of
 *         accumulator, @p cap < G, sizes); ::CSAT_ERR_NOMEM. An empty group
 *         is a flag, not an error.
 */
CSAT_API CSAT_NODISCARD csat_status csat_grouped_nps(const csat_grouped *a,
                                                     const csat_nps_options *opt,
                                                     const csat_group_options *gopt,
                                                     csat_nps_result *out, int *flags,
                                                     size_t cap, csat_error *err);

/**
 * @brief Share of the boxes lo..hi of every group.
 * @param a     Grouped accumulator.
 * @param lo    Lowest box.
 * @param hi    Highest box.
 * @param opt   Options of the score, or NULL (its defaults, with the accumulator's scale).
 * @param gopt  Group options, or NULL for ::CSAT_GROUP_OPTIONS_DEFAULT.
 * @param out   Receives G results (`out[0].size` set).
 * @param flags Receives G ::csat_group_flag values, or NULL.
 * @param cap   Capacity of each output array, ≥ G.
 * @param err   Optional error details, may be NULL.
 * @return ::CSAT_OK; ::CSAT_ERR_NULL; ::CSAT_ERR_ARGUMENT (options, kind of
 *         accumulator, @p cap < G, sizes); ::CSAT_ERR_NOMEM. An empty group
 *         is a flag, not an error.
 */
CSAT_API CSAT_NODISCARD csat_status csat_grouped_box_share(const csat_grouped *a, int lo, int hi,
                                                           const csat_scale_options *opt,
                                                           const csat_group_options *gopt,
                                                           csat_share_result *out, int *flags,
                                                           size_t cap, csat_error *err);

/**
 * @brief CSAT of every group.
 * @param a     Grouped accumulator.
 * @param opt   Options of the score, or NULL (its defaults, with the accumulator's scale).
 * @param gopt  Group options, or NULL for ::CSAT_GROUP_OPTIONS_DEFAULT.
 * @param out   Receives G results (`out[0].size` set).
 * @param flags Receives G ::csat_group_flag values, or NULL.
 * @param cap   Capacity of each output array, ≥ G.
 * @param err   Optional error details, may be NULL.
 * @return ::CSAT_OK; ::CSAT_ERR_NULL; ::CSAT_ERR_ARGUMENT (options, kind of
 *         accumulator, @p cap < G, sizes); ::CSAT_ERR_NOMEM. An empty group
 *         is a flag, not an error.
 */
CSAT_API CSAT_NODISCARD csat_status csat_grouped_csat(const csat_grouped *a,
                                                      const csat_csat_options *opt,
                                                      const csat_group_options *gopt,
                                                      csat_share_result *out, int *flags,
                                                      size_t cap, csat_error *err);

/**
 * @brief Top-k-box share of every group.
 * @param a     Grouped accumulator.
 * @param k     Number of boxes, 1..points of the scale.
 * @param opt   Options of the score, or NULL (its defaults, with the accumulator's scale).
 * @param gopt  Group options, or NULL for ::CSAT_GROUP_OPTIONS_DEFAULT.
 * @param out   Receives G results (`out[0].size` set).
 * @param flags Receives G ::csat_group_flag values, or NULL.
 * @param cap   Capacity of each output array, ≥ G.
 * @param err   Optional error details, may be NULL.
 * @return ::CSAT_OK; ::CSAT_ERR_NULL; ::CSAT_ERR_ARGUMENT (options, kind of
 *         accumulator, @p cap < G, sizes); ::CSAT_ERR_NOMEM. An empty group
 *         is a flag, not an error.
 */
CSAT_API CSAT_NODISCARD csat_status csat_grouped_top_box(const csat_grouped *a, int k,
                                                         const csat_scale_options *opt,
                                                         const csat_group_options *gopt,
                                                         csat_share_result *out, int *flags,
                                                         size_t cap, csat_error *err);

/**
 * @brief Bottom-k-box share of every group.
 * @param a     Grouped accumulator.
 * @param k     Number of boxes, 1..points of the scale.
 * @param opt   Options of the score, or NULL (its defaults, with the accumulator's scale).
 * @param gopt  Group options, or NULL for ::CSAT_GROUP_OPTIONS_DEFAULT.
 * @param out   Receives G results (`out[0].size` set).
 * @param flags Receives G ::csat_group_flag values, or NULL.
 * @param cap   Capacity of each output array, ≥ G.
 * @param err   Optional error details, may be NULL.
 * @return ::CSAT_OK; ::CSAT_ERR_NULL; ::CSAT_ERR_ARGUMENT (options, kind of
 *         accumulator, @p cap < G, sizes); ::CSAT_ERR_NOMEM. An empty group
 *         is a flag, not an error.
 */
CSAT_API CSAT_NODISCARD csat_status csat_grouped_bottom_box(const csat_grouped *a, int k,
                                                            const csat_scale_options *opt,
                                                            const csat_group_options *gopt,
                                                            csat_share_result *out, int *flags,
                                                            size_t cap, csat_error *err);

/**
 * @brief Mean score of every group (tally or moments accumulator; domain standard errors).
 * @param a     Grouped accumulator.
 * @param opt   Options of the score, or NULL (its defaults, with the accumulator's scale).
 * @param gopt  Group options, or NULL for ::CSAT_GROUP_OPTIONS_DEFAULT.
 * @param out   Receives G results (`out[0].size` set).
 * @param flags Receives G ::csat_group_flag values, or NULL.
 * @param cap   Capacity of each output array, ≥ G.
 * @param err   Optional error details, may be NULL.
 * @return ::CSAT_OK; ::CSAT_ERR_NULL; ::CSAT_ERR_ARGUMENT (options, kind of
 *         accumulator, @p cap < G, sizes); ::CSAT_ERR_NOMEM. An empty group
 *         is a flag, not an error.
 */
CSAT_API CSAT_NODISCARD csat_status csat_grouped_mean(const csat_grouped *a,
                                                      const csat_mean_options *opt,
                                                      const csat_group_options *gopt,
                                                      csat_mean_result *out, int *flags,
                                                      size_t cap, csat_error *err);

/**
 * @brief Customer Effort Score of every group: G mean efforts and G low-effort shares.
 * @param a     Grouped accumulator.
 * @param opt   Options of the score, or NULL (its defaults, with the accumulator's scale).
 * @param gopt  Group options, or NULL for ::CSAT_GROUP_OPTIONS_DEFAULT.
 * @param effort     Receives G mean efforts (`effort[0].size` set).
 * @param low_effort Receives G low-effort shares (`low_effort[0].size` set).
 * @param flags Receives G ::csat_group_flag values, or NULL.
 * @param cap   Capacity of each output array, ≥ G.
 * @param err   Optional error details, may be NULL.
 * @return ::CSAT_OK; ::CSAT_ERR_NULL; ::CSAT_ERR_ARGUMENT (options, kind of
 *         accumulator, @p cap < G, sizes); ::CSAT_ERR_NOMEM. An empty group
 *         is a flag, not an error.
 */
CSAT_API CSAT_NODISCARD csat_status csat_grouped_ces(const csat_grouped *a,
                                                     const csat_ces_options *opt,
                                                     const csat_group_options *gopt,
                                                     csat_mean_result *effort,
                                                     csat_share_result *low_effort, int *flags,
                                                     size_t cap, csat_error *err);

/** @} */

/* ------------------------------------------------------------------------ */
/** @name Scores of every group, from arrays
 *
 * One pass over n answers with their group codes @p g (0..@p groups − 1 or
 * ::CSAT_GROUP_NONE) into a grouped accumulator, then the estimators above.
 * The errors of ::csat_grouped_add and of the estimator.
 * @{ */

/**
 * @brief NPS of every group.
 * @param x      Answers; NaN is missing.
 * @param n      Number of answers.
 * @param w      Weights or NULL.
 * @param g      n group codes, 0..@p groups − 1 or ::CSAT_GROUP_NONE.
 * @param groups Number of groups G.
 * @param opt    Options of the score, or NULL for its defaults.
 * @param gopt   Group options, or NULL.
 * @param out    Receives G results (`out[0].size` set).
 * @param flags  Receives G ::csat_group_flag values, or NULL.
 * @param cap    Capacity of each output array, ≥ G.
 * @param err    Optional error details, may be NULL; `index` names a bad row.
 * @return As ::csat_grouped_add and the estimator from the accumulator;
 *         ::CSAT_ERR_ARGUMENT also for @p groups outside 1..::CSAT_GROUPS_MAX.
 */
CSAT_API CSAT_NODISCARD csat_status csat_score_nps_grouped(
    const double *x, size_t n, const double *w, const int32_t *g, size_t groups,
    const csat_nps_options *opt, const csat_group_options *gopt, csat_nps_result *out,
    int *flags, size_t cap, csat_error *err);

/**
 * @brief Share of the boxes lo..hi of every group.
 * @param x      Answers; NaN is missing.
 * @param n      Number of answers.
 * @param w      Weights or NULL.
 * @param g      n group codes, 0..@p groups − 1 or ::CSAT_GROUP_NONE.
 * @param groups Number of groups G.
 * @param lo     Lowest box.
 * @param hi     Highest box.
 * @param opt    Options of the score, or NULL for its defaults.
 * @param gopt   Group options, or NULL.
 * @param out    Receives G results (`out[0].size` set).
 * @param flags  Receives G ::csat_group_flag values, or NULL.
 * @param cap    Capacity of each output array, ≥ G.
 * @param err    Optional error details, may be NULL; `index` names a bad row.
 * @return As ::csat_grouped_add and the estimator from the accumulator;
 *         ::CSAT_ERR_ARGUMENT also for @p groups outside 1..::CSAT_GROUPS_MAX.
 */
CSAT_API CSAT_NODISCARD csat_status csat_score_box_share_grouped(
    const double *x, size_t n, const double *w, const int32_t *g, size_t groups, int lo, int hi,
    const csat_scale_options *opt, const csat_group_options *gopt, csat_share_result *out,
    int *flags, size_t cap, csat_error *err);

/**
 * @brief CSAT of every group.
 * @param x      Answers; NaN is missing.
 * @param n      Number of answers.
 * @param w      Weights or NULL.
 * @param g      n group codes, 0..@p groups − 1 or ::CSAT_GROUP_NONE.
 * @param groups Number of groups G.
 * @param opt    Options of the score, or NULL for its defaults.
 * @param gopt   Group options, or NULL.
 * @param out    Receives G results (`out[0].size` set).
 * @param flags  Receives G ::csat_group_flag values, or NULL.
 * @param cap    Capacity of each output array, ≥ G.
 * @param err    Optional error details, may be NULL; `index` names a bad row.
 * @return As ::csat_grouped_add and the estimator from the accumulator;
 *         ::CSAT_ERR_ARGUMENT also for @p groups outside 1..::CSAT_GROUPS_MAX.
 */
CSAT_API CSAT_NODISCARD csat_status csat_score_csat_grouped(
    const double *x, size_t n, const double *w, const int32_t *g, size_t groups,
    const csat_csat_options *opt, const csat_group_options *gopt, csat_share_result *out,
    int *flags, size_t cap, csat_error *err);

/**
 * @brief Top-k-box share of every group.
 * @param x      Answers; NaN is missing.
 * @param n      Number of answers.
 * @param w      Weights or NULL.
 * @param g      n group codes, 0..@p groups − 1 or ::CSAT_GROUP_NONE.
 * @param groups Number of groups G.
 * @param k      Number of boxes.
 * @param opt    Options of the score, or NULL for its defaults.
 * @param gopt   Group options, or NULL.
 * @param out    Receives G results (`out[0].size` set).
 * @param flags  Receives G ::csat_group_flag values, or NULL.
 * @param cap    Capacity of each output array, ≥ G.
 * @param err    Optional error details, may be NULL; `index` names a bad row.
 * @return As ::csat_grouped_add and the estimator from the accumulator;
 *         ::CSAT_ERR_ARGUMENT also for @p groups outside 1..::CSAT_GROUPS_MAX.
 */
CSAT_API CSAT_NODISCARD csat_status csat_score_top_box_grouped(
    const double *x, size_t n, const double *w, const int32_t *g, size_t groups, int k,
    const csat_scale_options *opt, const csat_group_options *gopt, csat_share_result *out,
    int *flags, size_t cap, csat_error *err);

/**
 * @brief Bottom-k-box share of every group.
 * @param x      Answers; NaN is missing.
 * @param n      Number of answers.
 * @param w      Weights or NULL.
 * @param g      n group codes, 0..@p groups − 1 or ::CSAT_GROUP_NONE.
 * @param groups Number of groups G.
 * @param k      Number of boxes.
 * @param opt    Options of the score, or NULL for its defaults.
 * @param gopt   Group options, or NULL.
 * @param out    Receives G results (`out[0].size` set).
 * @param flags  Receives G ::csat_group_flag values, or NULL.
 * @param cap    Capacity of each output array, ≥ G.
 * @param err    Optional error details, may be NULL; `index` names a bad row.
 * @return As ::csat_grouped_add and the estimator from the accumulator;
 *         ::CSAT_ERR_ARGUMENT also for @p groups outside 1..::CSAT_GROUPS_MAX.
 */
CSAT_API CSAT_NODISCARD csat_status csat_score_bottom_box_grouped(
    const double *x, size_t n, const double *w, const int32_t *g, size_t groups, int k,
    const csat_scale_options *opt, const csat_group_options *gopt, csat_share_result *out,
    int *flags, size_t cap, csat_error *err);

/**
 * @brief Mean of any values in every group (moments per group).
 * @param x      Answers; NaN is missing.
 * @param n      Number of answers.
 * @param w      Weights or NULL.
 * @param g      n group codes, 0..@p groups − 1 or ::CSAT_GROUP_NONE.
 * @param groups Number of groups G.
 * @param opt    Options of the score, or NULL for its defaults.
 * @param gopt   Group options, or NULL.
 * @param out    Receives G results (`out[0].size` set).
 * @param flags  Receives G ::csat_group_flag values, or NULL.
 * @param cap    Capacity of each output array, ≥ G.
 * @param err    Optional error details, may be NULL; `index` names a bad row.
 * @return As ::csat_grouped_add and the estimator from the accumulator;
 *         ::CSAT_ERR_ARGUMENT also for @p groups outside 1..::CSAT_GROUPS_MAX.
 */
CSAT_API CSAT_NODISCARD csat_status csat_score_mean_grouped(
    const double *x, size_t n, const double *w, const int32_t *g, size_t groups,
    const csat_mean_options *opt, const csat_group_options *gopt, csat_mean_result *out,
    int *flags, size_t cap, csat_error *err);

/**
 * @brief Customer Effort Score of every group.
 * @param x      Answers; NaN is missing.
 * @param n      Number of answers.
 * @param w      Weights or NULL.
 * @param g      n group codes, 0..@p groups − 1 or ::CSAT_GROUP_NONE.
 * @param groups Number of groups G.
 * @param opt    Options of the score, or NULL for its defaults.
 * @param gopt   Group options, or NULL.
 * @param effort     Receives G mean efforts (`effort[0].size` set).
 * @param low_effort Receives G low-effort shares (`low_effort[0].size` set).
 * @param flags  Receives G ::csat_group_flag values, or NULL.
 * @param cap    Capacity of each output array, ≥ G.
 * @param err    Optional error details, may be NULL; `index` names a bad row.
 * @return As ::csat_grouped_add and the estimator from the accumulator;
 *         ::CSAT_ERR_ARGUMENT also for @p groups outside 1..::CSAT_GROUPS_MAX.
 */
CSAT_API CSAT_NODISCARD csat_status csat_score_ces_grouped(
    const double *x, size_t n, const double *w, const int32_t *g, size_t groups,
    const csat_ces_options *opt, const csat_group_options *gopt, csat_mean_result *effort,
    csat_share_result *low_effort, int *flags, size_t cap, csat_error *err);

/**
 * @brief Distribution of every group: G × K row-major counts, weights and
 *        shares (K points of the scale; each array may be NULL), and G samples.
 * @param x       Answers; NaN is missing.
 * @param n       Number of answers.
 * @param w       Weights or NULL.
 * @param g       n group codes, 0..@p groups − 1 or ::CSAT_GROUP_NONE.
 * @param groups  Number of groups G.
 * @param opt     Scale options, or NULL for ::CSAT_SCALE_OPTIONS_DEFAULT.
 * @param counts  Receives G × K counts, or NULL.
 * @param weights Receives G × K sums of weights, or NULL.
 * @param shares  Receives G × K shares (NaN for an empty group), or NULL.
 * @param len     Elements of each of @p counts, @p weights, @p shares: G × K.
 * @param samples Receives G samples (`samples[0].size` set), or NULL.
 * @param cap     Elements of @p samples, ≥ G when it is not NULL.
 * @param err     Optional error details, may be NULL.
 * @return As ::csat_score_nps_grouped; ::CSAT_ERR_ARGUMENT also for @p len.
 */
CSAT_API CSAT_NODISCARD csat_status csat_score_distribution_grouped(
    const double *x, size_t n, const double *w, const int32_t *g, size_t groups,
    const csat_scale_options *opt, double *counts, double *weights, double *shares, size_t len,
    csat_sample *samples, size_t cap, csat_error *err);

/**
 * @brief Composite index (csat_score_index()) of every group: moments of the row indices per group.
 * @param x      n × k row-major item answers; NaN is missing.
 * @param n      Rows.
 * @param k      Items.
 * @param ld     Leading dimension, ≥ k.
 * @param w      Weights or NULL.
 * @param g      n group codes, 0..@p groups − 1 or ::CSAT_GROUP_NONE.
 * @param groups Number of groups G.
 * @param item_min     k lowest values of the items' scales.
 * @param item_max     k highest values.
 * @param item_weights k item weights, or NULL for equal weights.
 * @param opt    Mean options (the level), or NULL.
 * @param gopt   Group options, or NULL.
 * @param out    Receives G results (`out[0].size` set).
 * @param flags  Receives G ::csat_group_flag values, or NULL.
 * @param cap    Capacity of each output array, ≥ G.
 * @param err    Optional error details, may be NULL; `index` names a bad row.
 * @return As ::csat_grouped_add and the estimator from the accumulator;
 *         ::CSAT_ERR_ARGUMENT also for @p groups outside 1..::CSAT_GROUPS_MAX.
 */
CSAT_API CSAT_NODISCARD csat_status csat_score_index_grouped(
    const double *x, size_t n, size_t k, size_t ld, const double *w, const int32_t *g,
    size_t groups, const double *item_min, const double *item_max, const double *item_weights,
    const csat_mean_options *opt, const csat_group_options *gopt, csat_mean_result *out,
    int *flags, size_t cap, csat_error *err);

/** @} */

/* ------------------------------------------------------------------------ */
/** @name Comparisons of groups
 * @{ */

/** @brief What each group is compared with. */
typedef enum csat_group_contrast {
    CSAT_CONTRAST_REST = 0,      /**< The rest of the sample: all other groups together (two independent samples). */
    CSAT_CONTRAST_REFERENCE = 1, /**< One reference group. */
    CSAT_CONTRAST_BENCHMARK = 2, /**< A benchmark value. */
    CSAT_CONTRAST_PAIRS = 3      /**< Every pair of groups a < b. */
} csat_group_contrast;

/** @brief One comparison of a family, with its p-value adjusted across the family. */
typedef struct csat_group_comparison {
    size_t size;       /**< sizeof the struct the caller compiled against; set by ::CSAT_RESULT_INIT (@ref conv_growth). */
    size_t group;      /**< The group compared. */
    size_t other;      /**< The group it is compared with (reference, pairs), or ::CSAT_NO_INDEX (rest, benchmark). */
    int skipped;       /**< 0: compared; otherwise the ::csat_group_flag of the side that stops it (statistics NaN, not in the family). */
    double diff;       /**< group − other (or − rest, − benchmark), in the score's unit. */
    double se;         /**< Standard error of the difference. */
    double ci_lower;   /**< Lower confidence limit of the difference. */
    double ci_upper;   /**< Upper confidence limit. */
    double statistic;  /**< z or t statistic. */
    double df;         /**< Degrees of freedom (+inf for z). */
    double p;          /**< Two-sided p-value. */
    double p_adjusted; /**< p adjusted across the comparisons made (method: the options' `adjust`). */
    double level;      /**< Confidence level. */
} csat_group_comparison;

/**
 * @brief Compare the NPS of groups (results of ::csat_grouped_nps) as
 *        @p contrast says; each pair as csat_compare_nps() does.
 * @param groups    G group results.
 * @param rest      G results of the rest (`complement` = 1) for
 *                  ::CSAT_CONTRAST_REST, else NULL.
 * @param flags     G flags of the groups, or NULL (none flagged).
 * @param n_groups  G.
 * @param contrast  ::csat_group_contrast.
 * @param reference The reference group for ::CSAT_CONTRAST_REFERENCE.
 * @param benchmark The benchmark for ::CSAT_CONTRAST_BENCHMARK (NPS points).
 * @param opt       Options (`level`, `adjust`) or NULL.
 * @param out       Receives the comparisons (`out[0].size` set): G for rest
 *                  and benchmark, G − 1 for a reference, G(G − 1)/2 for
 *                  pairs, in group order; NULL with @p cap 0 to ask @p count.
 * @param cap       Capacity of @p out.
 * @param count     Receives the number of comparisons.
 * @param err       Optional error details, may be NULL.
 * @return ::CSAT_OK; ::CSAT_ERR_NULL; ::CSAT_ERR_ARGUMENT (contrast,
 *         reference, benchmark, @p cap, an invalid result); ::CSAT_ERR_NOMEM.
 */
CSAT_API CSAT_NODISCARD csat_status csat_compare_groups_nps(
    const csat_nps_result *groups, const csat_nps_result *rest, const int *flags,
    size_t n_groups, csat_group_contrast contrast, size_t reference, double benchmark,
    const csat_compare_options *opt, csat_group_comparison *out, size_t cap, size_t *count,
    csat_error *err);

/**
 * @brief Compare the shares of groups (proportions; the benchmark in (0, 1)); as ::csat_compare_groups_nps.
 * @param groups    G group results.
 * @param rest      G results of the rest for ::CSAT_CONTRAST_REST, else NULL.
 * @param flags     G flags, or NULL.
 * @param n_groups  G.
 * @param contrast  ::csat_group_contrast.
 * @param reference The reference group for ::CSAT_CONTRAST_REFERENCE.
 * @param benchmark The benchmark for ::CSAT_CONTRAST_BENCHMARK.
 * @param opt       Options (`level`, `adjust`) or NULL.
 * @param out       Receives the comparisons, or NULL with @p cap 0.
 * @param cap       Capacity of @p out.
 * @param count     Receives the number of comparisons.
 * @param err       Optional error details, may be NULL.
 * @return As ::csat_compare_groups_nps.
 */
CSAT_API CSAT_NODISCARD csat_status csat_compare_groups_shares(
    const csat_share_result *groups, const csat_share_result *rest, const int *flags,
    size_t n_groups, csat_group_contrast contrast, size_t reference, double benchmark,
    const csat_compare_options *opt, csat_group_comparison *out, size_t cap, size_t *count,
    csat_error *err);

/**
 * @brief Compare the means of groups (Welch); as ::csat_compare_groups_nps.
 * @param groups    G group results.
 * @param rest      G results of the rest for ::CSAT_CONTRAST_REST, else NULL.
 * @param flags     G flags, or NULL.
 * @param n_groups  G.
 * @param contrast  ::csat_group_contrast.
 * @param reference The reference group for ::CSAT_CONTRAST_REFERENCE.
 * @param benchmark The benchmark for ::CSAT_CONTRAST_BENCHMARK.
 * @param opt       Options (`level`, `adjust`) or NULL.
 * @param out       Receives the comparisons, or NULL with @p cap 0.
 * @param cap       Capacity of @p out.
 * @param count     Receives the number of comparisons.
 * @param err       Optional error details, may be NULL.
 * @return As ::csat_compare_groups_nps.
 */
CSAT_API CSAT_NODISCARD csat_status csat_compare_groups_means(
    const csat_mean_result *groups, const csat_mean_result *rest, const int *flags,
    size_t n_groups, csat_group_contrast contrast, size_t reference, double benchmark,
    const csat_compare_options *opt, csat_group_comparison *out, size_t cap, size_t *count,
    csat_error *err);

/** @} */

/* ------------------------------------------------------------------------ */
/** @name Tracking over periods
 * @{ */

/** @brief One period of a tracking table. */
typedef struct csat_track_point {
    size_t size;        /**< sizeof the struct the caller compiled against; set by ::CSAT_RESULT_INIT (@ref conv_growth). */
    size_t period;      /**< Period index (group code). */
    int flags;          /**< The period's ::csat_group_flag. */
    double score;       /**< The period's score. */
    double ci_lower;    /**< Lower limit of its confidence interval. */
    double ci_upper;    /**< Upper limit. */
    double change;      /**< Change from the previous unflagged period (NaN for the first). */
    double change_se;   /**< Its standard error. */
    double change_p;    /**< Two-sided p-value of the change (the two-result comparison of its kind: csat_compare_nps(), csat_compare_shares(), csat_compare_means()). */
    double center;      /**< Control chart centre: the pooled score of the earlier unflagged periods (NaN before 2 of them). */
    double lcl;         /**< Lower 3-sigma control limit for this period's sample size. */
    double ucl;         /**< Upper 3-sigma control limit. */
    int signal;         /**< 1 when the score lies outside [lcl, ucl] (a Shewhart signal), else 0. */
} csat_track_point;

/**
 * @brief Tracking table of the NPS over T periods in time order: each
 *        period's score and interval, the change from the previous period
 *        with its test, control limits from the periods before it (NPS
 *        p-chart: doc/methods.md, "Tracking"), and the inverse-variance
 *        trend of the unflagged periods (csat_compare_trend()).
 * @param periods T results in time order.
 * @param flags   T flags, or NULL.
 * @param T       Number of periods, ≥ 1.
 * @param opt     Options (`level`) or NULL.
 * @param trend   Receives the trend (NULL: not computed; needs ≥ 2 unflagged
 *                periods with a positive SE).
 * @param out     Receives T points (`out[0].size` set).
 * @param cap     Capacity of @p out, ≥ T.
 * @param err     Optional error details, may be NULL.
 * @return ::CSAT_OK; ::CSAT_ERR_NULL; ::CSAT_ERR_ARGUMENT; ::CSAT_ERR_TOO_FEW
 *         (a trend asked with fewer than 2 usable periods).
 */
CSAT_API CSAT_NODISCARD csat_status csat_compare_track_nps(
    const csat_nps_result *periods, const int *flags, size_t T, const csat_compare_options *opt,
    csat_trend_result *trend, csat_track_point *out, size_t cap, csat_error *err);

/**
 * @brief Tracking table of a share (p-chart); as ::csat_compare_track_nps.
 * @param periods T results in time order.
 * @param flags   T flags, or NULL.
 * @param T       Number of periods, ≥ 1.
 * @param opt     Options (`level`) or NULL.
 * @param trend   Receives the trend, or NULL.
 * @param out     Receives T points (`out[0].size` set).
 * @param cap     Capacity of @p out, ≥ T.
 * @param err     Optional error details, may be NULL.
 * @return As ::csat_compare_track_nps.
 */
CSAT_API CSAT_NODISCARD csat_status csat_compare_track_shares(
    const csat_share_result *periods, const int *flags, size_t T, const csat_compare_options *opt,
    csat_trend_result *trend, csat_track_point *out, size_t cap, csat_error *err);

/**
 * @brief Tracking table of a mean (x̄-chart with the pooled SD); as ::csat_compare_track_nps.
 * @param periods T results in time order.
 * @param flags   T flags, or NULL.
 * @param T       Number of periods, ≥ 1.
 * @param opt     Options (`level`) or NULL.
 * @param trend   Receives the trend, or NULL.
 * @param out     Receives T points (`out[0].size` set).
 * @param cap     Capacity of @p out, ≥ T.
 * @param err     Optional error details, may be NULL.
 * @return As ::csat_compare_track_nps.
 */
CSAT_API CSAT_NODISCARD csat_status csat_compare_track_means(
    const csat_mean_result *periods, const int *flags, size_t T, const csat_compare_options *opt,
    csat_trend_result *trend, csat_track_point *out, size_t cap, csat_error *err);

/** @} */

#ifdef __cplusplus
}
#endif

#endif /* CSAT_GROUPS_H */
