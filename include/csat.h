/**
 * @file csat.h
 * @brief libcsat: customer-satisfaction measurement. The only header users include.
 *
 * @code
 * #include <csat.h>
 *
 * csat_nps_result r = CSAT_RESULT_INIT(csat_nps_result);
 * csat_error e;
 * if (csat_score_nps(answers, n, NULL, NULL, &r, &e) != CSAT_OK)
 *     fprintf(stderr, "%s\n", e.message);
 * else
 *     printf("NPS %.1f [%.1f, %.1f]\n", r.score, r.ci_lower, r.ci_upper);
 * @endcode
 *
 * Parts: csat/common.h (status codes, errors, version), csat/accum.h
 * (accumulators), csat/score.h (scores).
 */
#ifndef CSAT_H
#define CSAT_H

#include "csat/common.h"
#include "csat/accum.h"
#include "csat/score.h"
#include "csat/drivers.h"
#include "csat/compare.h"
#include "csat/business.h"
#include "csat/groups.h"
#include "csat/design.h"

#endif /* CSAT_H */
