/* Internal: the fitted key-driver model, shared by the fit, the importance
 * measures and the bootstrap. Never installed. */
#ifndef CSAT_LIB_DRIVERS_MODEL_H
#define CSAT_LIB_DRIVERS_MODEL_H

#include "core/parallel.h"
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

/* What a relative-importance computation costs: its work units (those
 * it reports to a progress function), the floating-point operations per
 * unit, and whether it is exact (0: the Monte Carlo LMG). */
typedef struct csat_importance_plan {
    uint64_t units;
    double unit_flops;
    int exact;
} csat_importance_plan;

/* The plan of `method` for p drivers with the caller's options loaded in
 * full; CSAT_ERR_ARGUMENT for an unknown method or LMG options out of
 * range, as the computation itself would refuse them (importance.c). */
csat_status csat_importance_plan_of(size_t p, csat_importance_method method,
                                    const csat_importance_options *o,
                                    csat_importance_plan *plan, csat_error *err);

/* csat_drivers_importance's checks of its arguments: the options loaded
 * into o (NULL: the defaults), the method against the model, and its plan
 * (importance.c; also csat_drivers_work's). */
csat_status csat_importance_prepare(const csat_drivers *m, csat_importance_method method,
                                    const csat_importance_options *opt,
                                    csat_importance_options *o, csat_importance_plan *plan,
                                    csat_error *err);

/* Relative importance from a correlation matrix (p+1)², drivers then the
 * outcome, into v (and the Monte Carlo SEs into s, if not NULL), p values
 * each, with checked options o, run as `exec` says (importance.c). beta2
 * and pratt need standardised coefficients and the correlations; they are
 * derived here too, so that bootstrap replicates go through the same code.
 * A value that is not a finite number is CSAT_ERR_SINGULAR. v and s are
 * scratch: on failure they hold anything. */
csat_status csat_importance_compute(const double *corr, size_t p, csat_importance_method method,
                                    const csat_importance_options *o, const csat_exec *exec,
                                    double *v, double *s, csat_error *err);

/* csat_drivers_bootstrap's checks of its arguments: its options into bo,
 * the options of its measure into io, and the plan of that measure in one
 * replicate (bootstrap.c; also csat_drivers_work's). */
csat_status csat_bootstrap_prepare(const csat_drivers *m, csat_importance_method method,
                                   const csat_bootstrap_options *opt, csat_bootstrap_options *bo,
                                   csat_importance_options *io, csat_importance_plan *plan,
                                   csat_error *err);

/* t, p and interval of every coefficient from its SE, on df degrees of
 * freedom (drivers.c; the design-based fit, design.c, calls it with the
 * design's df). */
void csat_model_tests(csat_drivers *m, double df);

#endif
