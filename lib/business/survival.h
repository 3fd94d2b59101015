/* Internal: the Kaplan–Meier fit without argument checks, for the
 * resolution-time statistics. Never installed. */
#ifndef CSAT_LIB_BUSINESS_SURVIVAL_H
#define CSAT_LIB_BUSINESS_SURVIVAL_H

#include "csat/business.h"

csat_status csat_km_fit(const double *time, const double *observed, size_t n, double level,
                        csat_survival **out, csat_error *err);

#endif
