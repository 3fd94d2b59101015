/* Internal: argument checks that every layer shares. Never installed. */
#ifndef CSAT_LIB_CORE_CHECKS_H
#define CSAT_LIB_CORE_CHECKS_H

#include "csat/common.h"

/* ARGUMENT unless 0 < level ≤ 1 − 1e-12. */
csat_status csat_check_level(double level, csat_error *err);

/* ARGUMENT unless min ≤ max and the scale has at most CSAT_TALLY_MAX_POINTS.
 * Here rather than in accum/ because the scores check their options' scale
 * before they build a tally, and the tally checks its own. */
csat_status csat_check_scale(int min, int max, csat_error *err);

#endif
