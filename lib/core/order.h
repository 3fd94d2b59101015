/* Internal: sorting and sample quantiles. Never installed. */
#ifndef CSAT_LIB_CORE_ORDER_H
#define CSAT_LIB_CORE_ORDER_H

#include <stddef.h>

/* Sort ascending. */
void csat_sort(double *x, size_t n);

/* The type-7 quantile (R's default, numpy's) of sorted x[0..n−1], n ≥ 1. */
double csat_quantile7(const double *x, size_t n, double prob);

#endif
