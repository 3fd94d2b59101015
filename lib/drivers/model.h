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
    /* The design of a model from csat_drivers_fit_design (design.c), for
     * the bootstrap to resample PSUs within strata (bootstrap.c); units is
     * 0 for every other model. The four index arrays are appended to the
     * block of `rows`, so that csat_drivers_free, which frees rows, frees
     * them too, and the model outlives the design it was fitted to. */
    size_t units, strata;      /* the design's units (PSUs, or rows without clusters) and strata */
    size_t *stratum_start;     /* strata + 1: stratum h holds stratum_units[start[h] .. start[h+1]) */
    size_t *stratum_units;     /* units, by stratum */
    size_t *unit_start;        /* units + 1: unit u holds unit_rows[start[u] .. start[u+1]) */
    size_t *unit_rows;         /* nrows indices into rows and w, by unit */
};

/* Relative importance from a correlation matrix (p+1)², drivers then the
 * outcome (importance.c). beta2 and pratt need standardised coefficients
 * and the correlations; they are derived here too, so that bootstrap
 * replicates go through the same code. */
csat_status csat_importance_from_corr(const double *corr, size_t p, csat_importance_method method,
                                      const csat_importance_options *opt, double *out,
                                      double *se, csat_error *err);

/* t, p and interval of every coefficient from its SE, on df degrees of
 * freedom (drivers.c; the design-based fit, design.c, calls it with the
 * design's df). */
void csat_model_tests(csat_drivers *m, double df);

#endif
