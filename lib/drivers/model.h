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
    /* The complete rows, in the order of the caller's rows, rows of weight
     * 0 included: the drivers (nrows × p, row-major) in `rows`, the
     * outcome in y and the weights in w. The bootstrap draws replicates
     * from them (bootstrap.c) and a design's fit sums its scores over them
     * (design.c); the fit itself (drivers.c) reads them a chunk of rows at
     * a time and keeps no other copy. They are the model's one copy of
     * the data, as compact as exactness allows: the drivers are held as
     * float when every one of their values is a float exactly (ratings
     * are small integers), rows_f32 = 1, else as double; w is NULL when
     * every weight is 1. Read them through csat_model_row and
     * csat_model_weight. rows is NULL for a model from an accumulator.
     * rows, y and w are on huge pages where available (core/big.h): free
     * with csat_big_free. */
    void *rows;
    double *y, *w;
    int rows_f32;
    size_t nrows;
    double inv_lambda_max;     /* largest eigenvalue of the inverse correlation matrix, 0 if unknown */
    /* The design of a model from csat_drivers_fit_design (design.c), for
     * the bootstrap to resample PSUs within strata (bootstrap.c); units is
     * 0 for every other model. The four index arrays are appended to the
     * block of `rows` (at csat_model_rows_bytes), so that
     * csat_drivers_free, which frees rows, frees them too, and the model
     * outlives the design it was fitted to. */
    size_t units, strata;      /* the design's units (PSUs, or rows without clusters) and strata */
    size_t *stratum_start;     /* strata + 1: stratum h holds stratum_units[start[h] .. start[h+1]) */
    size_t *stratum_units;     /* units, by stratum */
    size_t *unit_start;        /* units + 1: unit u holds unit_rows[start[u] .. start[u+1]) */
    size_t *unit_rows;         /* nrows indices into rows and w, by unit */
};

/* The weight of row i of the model's rows. */
static inline double csat_model_weight(const csat_drivers *m, size_t i)
{
    return m->w != NULL ? m->w[i] : 1.0;
}

/* Row i of the model's rows as p + 1 doubles, the drivers then the
 * outcome, into dst: the values the caller gave, exactly. */
static inline void csat_model_row(const csat_drivers *m, size_t i, double *dst)
{
    const size_t p = m->p;
    if (m->rows_f32) {
        const float *src = (const float *)m->rows + i * p;
        for (size_t j = 0; j < p; j++)
            dst[j] = src[j];
    } else {
        const double *src = (const double *)m->rows + i * p;
        for (size_t j = 0; j < p; j++)
            dst[j] = src[j];
    }
    dst[p] = m->y[i];
}

/* Bytes of the drivers' block of the rows, rounded up to a multiple of
 * 8 (the size_t arrays of a design follow it). */
static inline size_t csat_model_rows_bytes(const csat_drivers *m)
{
    size_t b = m->nrows * m->p * (m->rows_f32 ? sizeof(float) : sizeof(double));
    return (b + 7) / 8 * 8;
}

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
