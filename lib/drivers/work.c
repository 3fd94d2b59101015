/* The cost of a relative-importance computation or of its bootstrap,
 * before it runs (csat_drivers_work): the work units its progress function
 * would be told, and the floating-point operations behind them. */
#include "core/error.h"
#include "core/sized.h"
#include "drivers/model.h"

csat_status csat_drivers_work(const csat_drivers *m, csat_importance_method method,
                              const csat_importance_options *iopt,
                              const csat_bootstrap_options *bopt, csat_work *out,
                              csat_error *err)
{
    CSAT_REQUIRE(m, err);
    CSAT_REQUIRE_OUT(out, err);
    csat_importance_options io;
    csat_importance_plan plan;
    csat_work w = CSAT_RESULT_INIT(csat_work);
    csat_status st;
    if (bopt == NULL) {
        st = csat_importance_prepare(m, method, iopt, &io, &plan, err);
        if (st != CSAT_OK)
            return st;
        w.units = (double)plan.units;
        w.unit_flops = plan.unit_flops;
    } else {
        csat_bootstrap_options bo;
        st = csat_bootstrap_prepare(m, method, bopt, &bo, &io, &plan, err);
        if (st != CSAT_OK)
            return st;
        /* A replicate: its rows resampled into co-moments (deviations and
         * their products, the means), its correlation matrix, its measure. */
        const double q = (double)(m->p + 1);
        double replicate = (double)m->nrows * (2 * q * q + 3 * q) + q * q +
                           (double)plan.units * plan.unit_flops;
        w.units = (double)bo.reps * (double)plan.units;
        w.unit_flops = replicate / (double)plan.units;
    }
    w.flops = w.units * w.unit_flops;
    w.exact = plan.exact;
    CSAT_STORE(out, w);
    return CSAT_OK;
}
