/* Internal: filling a caller's csat_error. Never installed. */
#ifndef CSAT_LIB_ERROR_H
#define CSAT_LIB_ERROR_H

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

/* Shorthand for a NULL required argument. */
#define CSAT_REQUIRE(ptr, err)                                                          \
    do {                                                                                \
        if ((ptr) == NULL)                                                              \
            return csat_fail((err), CSAT_ERR_NULL, CSAT_NO_INDEX, CSAT_NO_INDEX,        \
                             "argument '%s' is NULL", #ptr);                            \
    } while (0)

#endif
