/* Where a score's answers come from. The array functions (csat_score_nps, ...)
 * count the array into a tally and read it as the csat_tally_* functions
 * do, so both give the same numbers; a tally passed in must have the scale
 * its options name. */
#include "accum/tally.h"
#include "core/error.h"
#include "score/input.h"

csat_status csat_tally_from_array(const double *x, size_t n, const double *w, int min, int max,
                                  csat_tally **out, csat_error *err)
{
    CSAT_REQUIRE(x, err);
    csat_tally *t = NULL;
    csat_status s = csat_tally_create(min, max, &t, err);
    if (s != CSAT_OK)
        return s;
    s = csat_tally_add(t, x, n, w, err);
    if (s != CSAT_OK) {
        csat_tally_free(t);
        return s;
    }
    *out = t;
    return CSAT_OK;
}

csat_status csat_check_tally_scale(const csat_tally *t, int min, int max, csat_error *err)
{
    int t_min = csat_tally_min(t), t_max = csat_tally_max(t);
    if (t_min != min || t_max != max)
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "options give the scale %d..%d but the tally's scale is %d..%d", min,
                         max, t_min, t_max);
    return CSAT_OK;
}
