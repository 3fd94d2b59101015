/* Internal: the fitted key-driver model, shared by the fit, the importance
 * measures and the bootstrap. Never installed. */
#ifndef CSAT_LIB_DRIVERS_MODEL_H
#define CSAT_LIB_DRIVERS_MODEL_H

#include "csat/drivers.h"

struct csat_drivers {
    size_t p, k;               /* drivers; coefficients (p + intercept) */
    csat_model_summary s;
    double *coef, *se, *tval, *pval, *lo, *hi; /* k each, intercept first */
    csat_driver_info *info;    /* p */
    double *corr;              /* (p+1)² weighted correlations, drivers then outcome */
    double *rows, *w;          /* complete rows (nrows × (p+1)) and weights; NULL from an accumulator */
    size_t nrows;
    double inv_lambda_max;     /* largest eigenvalue of the inverse correlation matrix, 0 if unknown */
};

/* Relative importance from a correlation matrix (p+1)², drivers then the
 * outcome (importance.c). beta2 and pratt need standardised coefficients
 * and the correlations; they are derived here too, so that bootstrap
 * replicates go through the same code. */
csat_status csat_importance_from_corr(const double *corr, size_t p, csat_importance_method method,
                                      const csat_importance_options *opt, double *out,
                                      double *se, csat_error *err);

#endif
