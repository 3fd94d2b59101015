/**
 * @file csat/accum.h
 * @brief One-pass, mergeable, serialisable accumulators.
 *
 * Every score in libcsat is an accumulator pass followed by an estimator.
 * The accumulators below read the data once, allocate nothing per element,
 * and can be built on shards (threads, processes, a cluster) and merged:
 *
 * - ::csat_tally counts answers per point of a bounded integer scale
 *   (NPS, CSAT, box shares, CES, the distribution and the mean of a rating
 *   all derive from it). Merging is exact for unweighted data (integer
 *   counts) and equal to a single pass up to the rounding of sums of weights
 *   otherwise.
 * - ::csat_moments keeps the weighted count, mean and second central moment
 *   of continuous data; merging uses Chan's pairwise update.
 *
 * Common conventions: NaN means missing (skipped and counted in
 * `n_missing`); weights are NULL (all 1) or an array of finite, non-negative
 * numbers; on error the accumulator is left exactly as it was.
 * See doc/methods.md, "Accumulators".
 */
#ifndef CSAT_ACCUM_H
#define CSAT_ACCUM_H

#include "csat/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------ */
/** @name Moments of continuous data
 * @{ */

/**
 * @brief Weighted count, mean and second central moment of a stream (opaque).
 *
 * Create with ::csat_moments_create, feed with ::csat_moments_add, combine
 * with ::csat_moments_merge, estimate with csat_moments_mean() (score.h)
 * and free with ::csat_moments_free. Besides the weights w it tracks the
 * same moments under the weights w², which the linearised (survey) variance
 * of a weighted mean needs (doc/methods.md, "Mean score").
 */
typedef struct csat_moments csat_moments;

/** @brief Size in bytes of a serialized ::csat_moments. */
#define CSAT_MOMENTS_SERIALIZED_SIZE 96

/**
 * @brief Create an empty accumulator.
 * @param out Receives the accumulator; the caller frees it with ::csat_moments_free.
 * @param err Optional error details, may be NULL.
 * @return ::CSAT_OK, ::CSAT_ERR_NULL or ::CSAT_ERR_NOMEM.
 */
CSAT_API CSAT_NODISCARD csat_status csat_moments_create(csat_moments **out, csat_error *err);

/**
 * @brief An independent copy of an accumulator.
 * @param m   Accumulator to copy.
 * @param out Receives the copy; the caller frees it with ::csat_moments_free.
 * @param err Optional error details, may be NULL.
 * @return ::CSAT_OK, ::CSAT_ERR_NULL or ::CSAT_ERR_NOMEM.
 */
CSAT_API CSAT_NODISCARD csat_status csat_moments_copy(const csat_moments *m, csat_moments **out,
                                                      csat_error *err);

/**
 * @brief Free an accumulator.
 * @param m Accumulator, or NULL (ignored).
 */
CSAT_API void csat_moments_free(csat_moments *m);

/**
 * @brief Add @p n values (with optional weights) to @p m in one pass.
 *
 * Values are summarised block-wise with a two-pass (mean, then deviations)
 * sum inside each cache-sized block and Chan's update between blocks, which
 * is as accurate as a full two-pass algorithm on real data.
 *
 * @param m   Accumulator (modified only on success).
 * @param x   Values; NaN is missing. May be NULL when @p n is 0.
 * @param n   Number of values.
 * @param w   Weights (0 or in [::CSAT_WEIGHT_MIN, ::CSAT_WEIGHT_MAX]) or NULL for all 1.
 * @param err Optional error details, may be NULL; `index` names the element.
 * @return ::CSAT_OK; ::CSAT_ERR_NULL (m, or x with n > 0);
 *         ::CSAT_ERR_RANGE (a value infinite or beyond ±::CSAT_VALUE_MAX);
 *         ::CSAT_ERR_WEIGHT; ::CSAT_ERR_ARGUMENT (@p m holds a state no
 *         accumulator can reach); ::CSAT_ERR_OVERFLOW (counts or sums).
 */
CSAT_API CSAT_NODISCARD csat_status csat_moments_add(csat_moments *m, const double *x, size_t n,
                                                     const double *w, csat_error *err);

/**
 * @brief Merge @p src into @p dst (Chan et al. pairwise update).
 * @param dst Accumulator receiving the union of both samples.
 * @param src Accumulator to merge (unchanged).
 * @param err Optional error details, may be NULL.
 * @return ::CSAT_OK, ::CSAT_ERR_NULL, ::CSAT_ERR_ARGUMENT (either struct
 *         holds a state no accumulator can reach: inconsistent counts, sums,
 *         mean and range — doc/methods.md, "Serialisation format") or
 *         ::CSAT_ERR_OVERFLOW (a count or sum would overflow; @p dst is then
 *         unchanged).
 */
CSAT_API CSAT_NODISCARD csat_status csat_moments_merge(csat_moments *dst, const csat_moments *src,
                                                       csat_error *err);

/**
 * @brief The sample behind the accumulator: n, missing, Σw and Kish's n_eff.
 * @param m   Accumulator.
 * @param out Receives the counts.
 * @param err Optional error details, may be NULL.
 * @return ::CSAT_OK, ::CSAT_ERR_NULL or ::CSAT_ERR_ARGUMENT (`out->size`).
 */
CSAT_API CSAT_NODISCARD csat_status csat_moments_sample(const csat_moments *m, csat_sample *out,
                                                        csat_error *err);

/**
 * @brief Write @p m to @p buf in a portable little-endian format.
 * @param m   Accumulator to write.
 * @param buf Destination, or NULL to query the size only.
 * @param cap Capacity of @p buf in bytes.
 * @param len Receives the number of bytes written (or needed).
 * @param err Optional error details, may be NULL.
 * @return ::CSAT_OK, ::CSAT_ERR_NULL (m or len), ::CSAT_ERR_ARGUMENT if
 *         @p cap is smaller than ::CSAT_MOMENTS_SERIALIZED_SIZE.
 */
CSAT_API CSAT_NODISCARD csat_status csat_moments_serialize(const csat_moments *m, void *buf,
                                                           size_t cap, size_t *len,
                                                           csat_error *err);

/**
 * @brief Read a ::csat_moments written by ::csat_moments_serialize.
 * @param buf Serialized bytes.
 * @param len Their number.
 * @param out Receives a new accumulator; the caller frees it with ::csat_moments_free.
 * @param err Optional error details, may be NULL.
 * @return ::CSAT_OK, ::CSAT_ERR_NULL, ::CSAT_ERR_NOMEM or ::CSAT_ERR_FORMAT
 *         (malformed, or a state no accumulator can reach, reserved bytes
 *         not zero).
 */
CSAT_API CSAT_NODISCARD csat_status csat_moments_deserialize(const void *buf, size_t len,
                                                             csat_moments **out, csat_error *err);

/** @} */

/* ------------------------------------------------------------------------ */
/** @name Tally of a bounded integer scale
 * @{ */

/**
 * @brief Weighted counts per point of an integer scale [min, max].
 *
 * Opaque; create with ::csat_tally_create, free with ::csat_tally_free.
 * Scores are read from it with the `csat_tally_*` estimators of score.h.
 */
typedef struct csat_tally csat_tally;

/** @brief Largest number of points (max − min + 1) a tally may have. */
#define CSAT_TALLY_MAX_POINTS 1048576

/**
 * @brief Counts of one point of a tally's scale.
 */
typedef struct csat_point {
    size_t size; /**< sizeof the struct the caller compiled against; set by ::CSAT_RESULT_INIT (@ref conv_growth). */
    int value;         /**< The scale point. */
    size_t count;      /**< Answers at this point. */
    double weight;     /**< Sum of their weights (count without weights). */
    double share;      /**< weight / total weight, 0 when the tally is empty. */
    double cum_share;  /**< Share of answers at or below this point. */
} csat_point;

/**
 * @brief Create an empty tally for the integer scale [@p min, @p max].
 * @param min Lowest scale point.
 * @param max Highest scale point (≥ min; at most ::CSAT_TALLY_MAX_POINTS points).
 * @param out Receives the new tally; the caller frees it with ::csat_tally_free.
 * @param err Optional error details, may be NULL.
 * @return ::CSAT_OK, ::CSAT_ERR_NULL, ::CSAT_ERR_ARGUMENT (bad scale) or ::CSAT_ERR_NOMEM.
 */
CSAT_API CSAT_NODISCARD csat_status csat_tally_create(int min, int max, csat_tally **out,
                                                      csat_error *err);

/**
 * @brief Create an independent copy of @p t.
 * @param t   Tally to copy.
 * @param out Receives the copy; the caller frees it with ::csat_tally_free.
 * @param err Optional error details, may be NULL.
 * @return ::CSAT_OK, ::CSAT_ERR_NULL or ::CSAT_ERR_NOMEM.
 */
CSAT_API CSAT_NODISCARD csat_status csat_tally_copy(const csat_tally *t, csat_tally **out,
                                                    csat_error *err);

/**
 * @brief Free a tally and everything it owns.
 * @param t Tally from ::csat_tally_create, ::csat_tally_copy or
 *          ::csat_tally_deserialize; NULL is accepted and ignored.
 */
CSAT_API void csat_tally_free(csat_tally *t);

/**
 * @brief Count @p n answers (with optional weights) in one pass.
 *
 * Each answer must be NaN (missing) or an integer in the tally's scale.
 * Nothing is rounded or clamped: 3.5 or a value off the scale is an error.
 *
 * @param t   Tally (modified only on success).
 * @param x   Answers. May be NULL when @p n is 0.
 * @param n   Number of answers.
 * @param w   Weights (0 or in [::CSAT_WEIGHT_MIN, ::CSAT_WEIGHT_MAX]) or NULL for all 1.
 * @param err Optional error details, may be NULL; `index` names the element.
 * @return ::CSAT_OK; ::CSAT_ERR_NULL; ::CSAT_ERR_RANGE (off the scale or not
 *         an integer); ::CSAT_ERR_WEIGHT; ::CSAT_ERR_NOMEM; ::CSAT_ERR_OVERFLOW
 *         (the tally's total count would pass SIZE_MAX).
 */
CSAT_API CSAT_NODISCARD csat_status csat_tally_add(csat_tally *t, const double *x, size_t n,
                                                   const double *w, csat_error *err);

/**
 * @brief Add the counts of @p src to @p dst; both must have the same scale.
 * @param dst Tally receiving the counts.
 * @param src Tally to merge (unchanged).
 * @param err Optional error details, may be NULL.
 * @return ::CSAT_OK, ::CSAT_ERR_NULL, ::CSAT_ERR_ARGUMENT (different scales)
 *         or ::CSAT_ERR_OVERFLOW (the total count would pass 2^64 or SIZE_MAX,
 *         or a weight sum a double; @p dst is then unchanged).
 */
CSAT_API CSAT_NODISCARD csat_status csat_tally_merge(csat_tally *dst, const csat_tally *src,
                                                     csat_error *err);

/**
 * @brief The scale of @p t.
 * @param t   Tally.
 * @param min Receives the lowest point.
 * @param max Receives the highest point.
 * @param err Optional error details, may be NULL.
 * @return ::CSAT_OK or ::CSAT_ERR_NULL.
 */
CSAT_API CSAT_NODISCARD csat_status csat_tally_scale(const csat_tally *t, int *min, int *max,
                                                     csat_error *err);

/**
 * @brief Sample sizes of @p t (n, n missing, weighted n, Kish effective n).
 * @param t   Tally.
 * @param out Receives the counts.
 * @param err Optional error details, may be NULL.
 * @return ::CSAT_OK or ::CSAT_ERR_NULL.
 */
CSAT_API CSAT_NODISCARD csat_status csat_tally_sample(const csat_tally *t, csat_sample *out,
                                                      csat_error *err);

/**
 * @brief Count, weight and share of one scale point.
 * @param t     Tally.
 * @param value A point of the tally's scale.
 * @param out   Receives the counts.
 * @param err   Optional error details, may be NULL.
 * @return ::CSAT_OK, ::CSAT_ERR_NULL or ::CSAT_ERR_RANGE (value off the scale).
 */
CSAT_API CSAT_NODISCARD csat_status csat_tally_point(const csat_tally *t, int value,
                                                     csat_point *out, csat_error *err);

/**
 * @brief Write @p t to @p buf in a portable little-endian format.
 * @param t   Tally.
 * @param buf Destination, or NULL to query the size only.
 * @param cap Capacity of @p buf in bytes.
 * @param len Receives the number of bytes written (or needed).
 * @param err Optional error details, may be NULL.
 * @return ::CSAT_OK, ::CSAT_ERR_NULL, ::CSAT_ERR_ARGUMENT (@p cap too small).
 */
CSAT_API CSAT_NODISCARD csat_status csat_tally_serialize(const csat_tally *t, void *buf, size_t cap,
                                                         size_t *len, csat_error *err);

/**
 * @brief Recreate a tally written by ::csat_tally_serialize.
 * @param buf Serialized bytes.
 * @param len Their number.
 * @param out Receives a new tally; the caller frees it with ::csat_tally_free.
 * @param err Optional error details, may be NULL.
 * @return ::CSAT_OK, ::CSAT_ERR_NULL, ::CSAT_ERR_NOMEM or ::CSAT_ERR_FORMAT
 *         (malformed, or counts and weight sums no tally can reach).
 */
CSAT_API CSAT_NODISCARD csat_status csat_tally_deserialize(const void *buf, size_t len,
                                                           csat_tally **out, csat_error *err);

/** @} */

#ifdef __cplusplus
}
#endif

#endif /* CSAT_ACCUM_H */
