/* Argument checks shared by the accumulators, scores, models and business
 * measures, so that the same bad argument gives the same message everywhere. */
#include "core/checks.h"
#include "core/error.h"
#include "csat/accum.h"

csat_status csat_check_level(double level, csat_error *err)
{
    /* 1 − level ≥ 1e-12: closer to 1 the tail (1 − level)/2 is lost when
     * (1 + level)/2 is rounded, and the interval becomes infinite. */
    if (!(level > 0 && 1 - level >= 1e-12))
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "confidence level %.17g is not between 0 and 1 - 1e-12", level);
    return CSAT_OK;
}

csat_status csat_check_scale(int min, int max, csat_error *err)
{
    if (min > max || (long long)max - min + 1 > CSAT_TALLY_MAX_POINTS)
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "invalid scale %d..%d (need min <= max and at most %d points)", min,
                         max, CSAT_TALLY_MAX_POINTS);
    return CSAT_OK;
}
