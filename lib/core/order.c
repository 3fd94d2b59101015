/* Order statistics for the bootstrap percentiles and the resolution-time
 * quantiles: one definition of the quantile, so both agree with R and numpy. */
#include <math.h>
#include <stdlib.h>

#include "core/order.h"

static int cmp_double(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return (a > b) - (a < b);
}

void csat_sort(double *x, size_t n)
{
    qsort(x, n, sizeof *x, cmp_double);
}

double csat_quantile7(const double *x, size_t n, double prob)
{
    double h = (double)(n - 1) * prob;
    size_t lo = (size_t)floor(h);
    if (lo + 1 >= n)
        return x[n - 1];
    return x[lo] + (h - (double)lo) * (x[lo + 1] - x[lo]);
}
