/* Internal: filling a caller's csat_error. Never installed. */
#ifndef CSAT_LIB_CORE_ERROR_H
#define CSAT_LIB_CORE_ERROR_H

#include "csat/common.h"

#if defined(__GNUC__)
#define CSAT_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define CSAT_PRINTF(a, b)
#endif

/* Record a failure in err (if not NULL) and return code, so that callers can
 * write `return csat_fail(err, CSAT_ERR_RANGE, i, CSAT_NO_INDEX, "...", ...);`.
 * A NULL fmt uses csat_strerror(code) as the message. */
csat_status csat_fail(csat_error *err, csat_status code, size_t index, size_t column,
                      const char *fmt, ...) CSAT_PRINTF(5, 6);

/* A weight the library accepts: 0, or within [CSAT_WEIGHT_MIN, CSAT_WEIGHT_MAX]
 * (false for NaN). */
static inline int csat_weight_ok(double w)
{
    return w == 0 || (w >= CSAT_WEIGHT_MIN && w <= CSAT_WEIGHT_MAX);
}

/* A continuous value the library accepts (false for NaN and ±inf). */
static inline int csat_value_ok(double v)
{
    return v >= -CSAT_VALUE_MAX && v <= CSAT_VALUE_MAX;
}

/* The message of a rejected weight. */
#define CSAT_WEIGHT_MESSAGE "weight %.17g at index %zu is negative, NaN, infinite or outside [1e-50, 1e50]"

/* Shorthand for a NULL required argument. */
#define CSAT_REQUIRE(ptr, err)                                                          \
    do {                                                                                \
        if ((ptr) == NULL)                                                              \
            return csat_fail((err), CSAT_ERR_NULL, CSAT_NO_INDEX, CSAT_NO_INDEX,        \
                             "argument '%s' is NULL", #ptr);                            \
    } while (0)

#endif
