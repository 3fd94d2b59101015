/**
 * @file csat/common.h
 * @brief Status codes, error details, version and export macros shared by
 *        every part of libcsat.
 *
 * Every fallible function of libcsat returns a ::csat_status (::CSAT_OK is 0)
 * and writes its result through an output pointer. Nothing in the library
 * aborts the process, touches `errno` or keeps global state: all functions are
 * reentrant and thread-safe as long as two threads do not write to the same
 * object at the same time.
 * The long computations of key-driver analysis (exact LMG, dominance, the
 * bootstrap) start threads of their own and join them before they return
 * (`threads` in their options; ::csat_progress_fn).
 *
 * When the caller wants to know *where* an error happened (which element,
 * which column), it passes a ::csat_error; the last argument of every
 * fallible function is such a pointer and may be NULL.
 */
#ifndef CSAT_COMMON_H
#define CSAT_COMMON_H

#include <stddef.h>
#include <stdint.h>

#include "csat/version.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @cond INTERNAL */
#if defined(_WIN32) && defined(CSAT_BUILDING_DLL)
#define CSAT_API __declspec(dllexport)
#elif defined(_WIN32) && !defined(CSAT_STATIC)
#define CSAT_API __declspec(dllimport)
#elif defined(__GNUC__) && __GNUC__ >= 4
#define CSAT_API __attribute__((visibility("default")))
#else
#define CSAT_API
#endif

#if defined(__GNUC__) && !defined(SWIG)
#define CSAT_NODISCARD __attribute__((warn_unused_result))
#else
#define CSAT_NODISCARD
#endif
/** @endcond */

/**
 * @brief Result code of every fallible libcsat function.
 *
 * The numeric values are part of the ABI and never change; new codes are only
 * ever appended. ::csat_strerror gives a short English text for each.
 */
typedef enum csat_status {
    CSAT_OK = 0,            /**< Success. */
    CSAT_ERR_NULL = 1,      /**< A required pointer argument was NULL. */
    CSAT_ERR_EMPTY = 2,     /**< No valid (non-missing) observation, or all weights are zero. */
    CSAT_ERR_RANGE = 3,     /**< A value lies outside the scale, or is not an integer on an integer scale. */
    CSAT_ERR_WEIGHT = 4,    /**< A weight is negative, NaN, infinite or outside [::CSAT_WEIGHT_MIN, ::CSAT_WEIGHT_MAX] (0 allowed). */
    CSAT_ERR_ARGUMENT = 5,  /**< An option or argument is invalid or inconsistent. */
    CSAT_ERR_NOMEM = 6,     /**< Memory could not be allocated. */
    CSAT_ERR_SINGULAR = 7,  /**< A design matrix is singular or rank deficient. */
    CSAT_ERR_TOO_FEW = 8,   /**< Too few observations for the requested statistic. */
    CSAT_ERR_FORMAT = 9,    /**< A serialized buffer is malformed, truncated or of another version. */
    CSAT_ERR_OVERFLOW = 10, /**< A count or size would overflow its type. */
    CSAT_ERR_CONVERGENCE = 11, /**< An iterative computation (raking) did not converge within its iterations (since 1.2). */
    CSAT_ERR_CANCELLED = 12 /**< The caller's progress function asked to stop (since 1.2); see ::csat_progress_fn. */
} csat_status;

/**
 * @brief Progress function of a long computation (since 1.2).
 *
 * Exact LMG and dominance analysis over many drivers, and every bootstrap,
 * take seconds to hours (csat_drivers_work() says how long before the
 * call). Their options carry a progress function and a pointer handed back
 * to it; the computation then calls it
 *
 * - only from the thread that called the library function, never from a
 *   thread of the library's own, so that it may touch the caller's state
 *   (a progress bar, an interpreter) without locking;
 * - with @p done work units out of @p total: @p total is the same in every
 *   call of one computation; @p done never decreases, is 0 in the first
 *   call and, when the computation succeeds, equal to @p total in the last;
 * - at most once per 1/1024 of the total work, plus at most about ten times
 *   a second whatever the work is, so that a caller can react to an
 *   interrupt within 0.1–0.5 s; never once per subset or per row.
 *
 * Returning non-zero cancels: the library function then stops its threads
 * at their next check (every few milliseconds of work), joins them, frees what it allocated, leaves
 * every output untouched and returns ::CSAT_ERR_CANCELLED. That holds for
 * a non-zero return from the last call (done = total) too. The function
 * must not throw or longjmp out of the library (C++ exceptions, a Lua
 * error): it returns instead. The work units of each computation are
 * documented with it (doc/methods.md, "Long computations: progress,
 * cancellation and threads").
 *
 * @param data  The pointer given with the function in the options.
 * @param done  Work units done so far.
 * @param total Work units of the whole computation.
 * @return 0 to go on, non-zero to cancel.
 */
typedef int (*csat_progress_fn)(void *data, uint64_t done, uint64_t total);

/**
 * @brief Largest weight accepted; a larger one is ::CSAT_ERR_WEIGHT.
 *
 * Weights are 0 or lie in [::CSAT_WEIGHT_MIN, ::CSAT_WEIGHT_MAX]. Within
 * that range every sum of weights, of squared weights and of weighted
 * squared deviations (values up to ::CSAT_VALUE_MAX) stays finite and
 * normal for up to 2^64 observations, so results do not depend on the scale
 * of the weights; outside it Σw² would overflow or underflow (doc/errors.md).
 */
#define CSAT_WEIGHT_MAX 1e50
/** @brief Smallest positive weight accepted; see ::CSAT_WEIGHT_MAX. */
#define CSAT_WEIGHT_MIN 1e-50
/**
 * @brief Largest magnitude of a continuous value (moments, key-driver
 *        data, resolution times); a larger one is ::CSAT_ERR_RANGE.
 *
 * Squared deviations of values within ±1e50, weighted and summed, stay
 * finite; see ::CSAT_WEIGHT_MAX.
 */
#define CSAT_VALUE_MAX 1e50

/**
 * @brief Initialiser of a result struct: its `size` set, every other field 0.
 *
 * Every options and result struct starts with `size_t size`, the size of
 * the struct as the caller's header declares it, so that a struct can gain
 * fields at its end within a major version (@ref conv_growth). Declare a
 * result as `csat_nps_result r = CSAT_RESULT_INIT(csat_nps_result);` (an
 * array of results: its first element so, which gives the stride of all)
 * and options with their `CSAT_<THING>_OPTIONS_DEFAULT`. The library reads
 * and writes only the bytes `size` covers; a size smaller than the `size`
 * field itself, not a multiple of `sizeof(size_t)`, or larger than the
 * library's own struct (a header newer than the library) is
 * ::CSAT_ERR_ARGUMENT.
 */
#if defined(__cplusplus)
#define CSAT_RESULT_INIT(type) (::csat_result_init<type>())
#else
#define CSAT_RESULT_INIT(type) { .size = sizeof(type) }
#endif

/** @brief Size of the message buffer inside ::csat_error. */
#define CSAT_ERROR_MESSAGE_SIZE 160

/**
 * @brief Optional details of an error, filled by the function that failed.
 *
 * Pass a pointer to one of these as the last argument of any fallible
 * function (or NULL when the status alone is enough). On success it is left
 * untouched. It is plain caller-owned memory: nothing to free.
 */
typedef struct csat_error {
    csat_status code;   /**< The status the function returned. */
    size_t index;       /**< Row (element) index the error refers to, or ::CSAT_NO_INDEX. */
    size_t column;      /**< Column index for matrix input, or ::CSAT_NO_INDEX. */
    char message[CSAT_ERROR_MESSAGE_SIZE]; /**< NUL-terminated English description. */
} csat_error;

/** @brief Value of csat_error::index and csat_error::column when not applicable. */
#define CSAT_NO_INDEX ((size_t)-1)

/**
 * @brief Short English description of a status code.
 * @param status Any value; unknown codes give "unknown status".
 * @return A static NUL-terminated string; never NULL, never to be freed.
 */
CSAT_API const char *csat_strerror(csat_status status);

/**
 * @brief Version of the library actually loaded at run time, as "MAJOR.MINOR.PATCH".
 *
 * Compare with ::CSAT_VERSION_STRING (the headers compiled against).
 * @return A static string; never to be freed.
 */
CSAT_API const char *csat_version(void);

/**
 * @brief Version of the library actually loaded at run time, as a number.
 * @return MAJOR*10000 + MINOR*100 + PATCH, as ::CSAT_VERSION_NUMBER computes it.
 */
CSAT_API unsigned csat_version_number(void);

/**
 * @brief Counts that describe the sample behind every estimate.
 *
 * Weighted counts follow the survey convention: `n_weighted` is the sum of
 * the weights and `n_effective` is Kish's effective sample size
 * (Σw)² / Σw², equal to `n` without weights (doc/methods.md, "Sample sizes").
 */
typedef struct csat_sample {
    size_t size; /**< sizeof the struct the caller compiled against; set by ::CSAT_RESULT_INIT (@ref conv_growth). */
    size_t n;            /**< Valid observations used. */
    size_t n_missing;    /**< Observations skipped because they were NaN. */
    double n_weighted;   /**< Sum of the weights of the valid observations (n without weights). */
    double n_effective;  /**< Kish effective sample size (n without weights). */
} csat_sample;

#ifdef __cplusplus
}
#endif

#if defined(__cplusplus)
/* C++ before C++20 has no designated initialisers: a value-initialised
 * struct with its size set. */
template <class T> inline T csat_result_init()
{
    T r = T();
    r.size = sizeof(T);
    return r;
}
#endif

#endif /* CSAT_COMMON_H */
