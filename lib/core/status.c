/* Status texts, error details and the run-time version. */
#include <stdarg.h>
#include <stdio.h>

#include "core/error.h"
#include "core/size.h"
#include "csat/common.h"

const char *csat_strerror(csat_status status)
{
    switch (status) {
    case CSAT_OK: return "success";
    case CSAT_ERR_NULL: return "a required argument is NULL";
    case CSAT_ERR_EMPTY: return "no valid observation";
    case CSAT_ERR_RANGE: return "value outside the scale or not an integer";
    case CSAT_ERR_WEIGHT: return "weight negative, NaN, infinite or out of range";
    case CSAT_ERR_ARGUMENT: return "invalid argument or option";
    case CSAT_ERR_NOMEM: return "out of memory";
    case CSAT_ERR_SINGULAR: return "singular or rank-deficient design";
    case CSAT_ERR_TOO_FEW: return "too few observations";
    case CSAT_ERR_FORMAT: return "malformed serialized data";
    case CSAT_ERR_OVERFLOW: return "count or size overflow";
    case CSAT_ERR_CONVERGENCE: return "did not converge";
    case CSAT_ERR_CANCELLED: return "cancelled by the caller's progress function";
    }
    return "unknown status";
}

const char *csat_version(void)
{
    return CSAT_VERSION_STRING;
}

unsigned csat_version_number(void)
{
    return CSAT_VERSION_NUMBER;
}

csat_status csat_fail(csat_error *err, csat_status code, size_t index, size_t column,
                      const char *fmt, ...)
{
    if (err == NULL)
        return code;
    err->code = code;
    err->index = index;
    err->column = column;
    if (fmt == NULL) {
        snprintf(err->message, sizeof err->message, "%s", csat_strerror(code));
    } else {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->message, sizeof err->message, fmt, ap);
        va_end(ap);
    }
    return code;
}

csat_status csat_fail_overflow(csat_error *err, const char *what, size_t a, size_t b)
{
    return csat_fail(err, CSAT_ERR_OVERFLOW, CSAT_NO_INDEX, CSAT_NO_INDEX,
                     "%s: %zu x %zu elements do not fit in memory's address range", what, a, b);
}
