/* Bootstrap percentile intervals of relative importance (doc/methods.md,
 * "Bootstrap intervals"). Each replicate resamples the model's complete
 * rows with replacement (a row keeps its weight), accumulates their
 * co-moments, and computes the importance from the correlation matrix by
 * the same code as the point estimate. A model of a survey design
 * resamples its PSUs within strata instead ("Key drivers of a design"). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "accum/xprod.h"
#include "core/checks.h"
#include "core/error.h"
#include "core/sized.h"
#include "core/order.h"
#include "core/rng.h"
#include "core/size.h"
#include "drivers/model.h"

/* One replicate of a designed model (doc/methods.md, "Key drivers of a
 * design"): in every stratum h, n_h draws with replacement from its n_h
 * units (PSUs, or rows without clusters), units without a complete row
 * included; the replicate holds the complete rows of the drawn units, each
 * once with its weight times the times its unit was drawn, which gives the
 * co-moments of the rows repeated. This is the naive with-replacement PSU
 * bootstrap, not Rao and Wu's (1988) rescaling bootstrap (n_h − 1 draws
 * and rescaled weights): for a linear statistic its variance is
 * (n_h − 1)/n_h times the linearised one, stratum by stratum. count holds
 * m->units zeros and is left so. Returns the replicate's rows. */
static size_t design_replicate(const csat_drivers *m, csat_rng *rng, size_t *count, double *rows,
                               double *w)
{
    const size_t q = m->p + 1;
    for (size_t h = 0; h < m->strata; h++) {
        size_t first = m->stratum_start[h], nh = m->stratum_start[h + 1] - first;
        for (size_t i = 0; i < nh; i++)
            count[m->stratum_units[first + (size_t)csat_rng_below(rng, nh)]]++;
    }
    size_t r = 0;
    for (size_t u = 0; u < m->units; u++) {
        if (count[u] == 0)
            continue;
        for (size_t i = m->unit_start[u]; i < m->unit_start[u + 1]; i++) {
            size_t src = m->unit_rows[i];
            memcpy(rows + r * q, m->rows + src * q, q * sizeof *rows);
            w[r++] = m->w[src] * (double)count[u];
        }
        count[u] = 0;
    }
    return r;
}

csat_status csat_drivers_bootstrap(const csat_drivers *m, csat_importance_method method,
                                   const csat_bootstrap_options *opt, double *lower, double *upper,
                                   size_t *failed, csat_error *err)
{
    CSAT_REQUIRE(m, err);
    CSAT_REQUIRE(lower, err);
    CSAT_REQUIRE(upper, err);
    static const csat_bootstrap_options d = CSAT_BOOTSTRAP_OPTIONS_DEFAULT;
    csat_bootstrap_options o;
    csat_status ost = CSAT_LOAD_OPTIONS(o, opt, d, err);
    if (ost != CSAT_OK)
        return ost;
    if (m->rows == NULL)
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "the model was fitted from an accumulator and has no rows to resample");
    if (o.reps < 2)
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "reps = %zu: a bootstrap needs at least 2 replicates", o.reps);
    csat_status st = csat_check_level(o.level, err);
    if (st != CSAT_OK)
        return st;
    if (!m->s.intercept && method != CSAT_IMPORTANCE_FIRST)
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "the bootstrap of this importance measure needs a model with an "
                         "intercept");
    if (method < CSAT_IMPORTANCE_FIRST || method > CSAT_IMPORTANCE_RELATIVE_WEIGHTS)
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "unknown importance method %d", (int)method);
    const size_t p = m->p, q = p + 1, n = m->nrows;
    /* reps comes from the caller: its buffers must not wrap (rows, corr
     * and scratch are sized like the model's own arrays). */
    if (!csat_array_fits(o.reps, p, sizeof(double)))
        return csat_fail_overflow(err, "bootstrap replicates", o.reps, p);
    if (o.reps > CSAT_BOOTSTRAP_REPS_MAX)
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "reps = %zu: at most %u replicates", o.reps, CSAT_BOOTSTRAP_REPS_MAX);
    csat_xprod *a = NULL;
    st = csat_xprod_create(p, &a, err);
    if (st != CSAT_OK)
        return st;
    double *rows = malloc(n * q * sizeof *rows), *w = malloc(n * sizeof *w);
    double *corr = malloc(q * q * sizeof *corr), *scratch = malloc(q * q * sizeof *scratch);
    double *rep = malloc(o.reps * p * sizeof *rep), *col = malloc(o.reps * sizeof *col);
    size_t *count = m->units ? calloc(m->units, sizeof *count) : NULL;
    if (!rows || !w || !corr || !scratch || !rep || !col || (m->units && !count)) {
        st = csat_fail(err, CSAT_ERR_NOMEM, CSAT_NO_INDEX, CSAT_NO_INDEX, NULL);
        goto done;
    }
    csat_rng rng;
    csat_rng_seed(&rng, o.seed);
    size_t bad = 0;
    for (size_t r = 0; r < o.reps && st == CSAT_OK;) {
        size_t nrep = n;
        if (m->units) {
            nrep = design_replicate(m, &rng, count, rows, w);
        } else {
            for (size_t i = 0; i < n; i++) {
                size_t src = (size_t)csat_rng_below(&rng, n);
                memcpy(rows + i * q, m->rows + src * q, q * sizeof *rows);
                w[i] = m->w[src];
            }
        }
        csat_xprod_clear(a);
        csat_xprod_add_rows(a, rows, nrep, w, scratch);
        int ok = csat_xprod_get_sums(a).sum_w > 0 && csat_xprod_constant(a) == q;
        if (ok) {
            csat_xprod_corr(a, corr);
            /* Only a singular replicate is skipped; anything else (no
             * memory) ends the bootstrap with its own status. */
            csat_error e;
            csat_status rs =
                csat_importance_from_corr(corr, p, method, NULL, rep + r * p, NULL, &e);
            ok = rs == CSAT_OK;
            if (rs != CSAT_OK && rs != CSAT_ERR_SINGULAR)
                st = csat_fail(err, rs, e.index, e.column, "%s", e.message);
        }
        if (ok) {
            r++;
        } else if (st == CSAT_OK && ++bad > o.reps) {
            st = csat_fail(err, CSAT_ERR_SINGULAR, CSAT_NO_INDEX, CSAT_NO_INDEX,
                           "more singular replicates (%zu) than replicates asked for", bad);
        }
    }
    if (st == CSAT_OK) {
        double a_lo = (1 - o.level) / 2, a_hi = (1 + o.level) / 2;
        for (size_t j = 0; j < p; j++) {
            for (size_t r = 0; r < o.reps; r++)
                col[r] = rep[r * p + j];
            csat_sort(col, o.reps);
            lower[j] = csat_quantile7(col, o.reps, a_lo);
            upper[j] = csat_quantile7(col, o.reps, a_hi);
        }
        if (failed)
            *failed = bad;
    }
done:
    csat_xprod_free(a);
    free(rows);
    free(w);
    free(corr);
    free(scratch);
    free(rep);
    free(col);
    free(count);
    return st;
}
