/* Internal: the moments accumulator's checks, shared with the mean score.
 * Never installed. */
#ifndef CSAT_LIB_ACCUM_MOMENTS_H
#define CSAT_LIB_ACCUM_MOMENTS_H

#include "csat/accum.h"

/* ARGUMENT unless m is a state that init, add and merge can produce (the
 * struct is the caller's, who may have written any numbers into it). */
csat_status csat_moments_check(const csat_moments *m, csat_error *err);

#endif
