/* Bootstrap percentile intervals of relative importance (doc/methods.md,
 * "Bootstrap intervals"). Each replicate resamples the model's complete
 * rows with replacement (a row keeps its weight), accumulates their
 * co-moments, and computes the importance from the correlation matrix by
 * the same code as the point estimate. A model of a survey design
 * resamples its PSUs within strata instead ("Key drivers of a design").
 * Replicate r draws from stream r of the seed and is stored at its index,
 * so that the replicates can run on any number of threads with the same
 * result ("Long computations: progress, cancellation and threads"). */
#include <math.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "accum/xprod.h"
#include "core/checks.h"
#include "core/error.h"
#include "core/order.h"
#include "core/parallel.h"
#include "core/rng.h"
#include "core/size.h"
#include "core/sized.h"
#include "drivers/model.h"

/* A replicate's rows are gathered and accumulated this many at a time: a
 * multiple of the accumulator's own block, so that the sums are those of
 * all the rows at once, and small, so that a thread's scratch does not
 * grow with the data. */
#define CHUNK_ROWS CSAT_XPROD_BLOCK_ROWS

/* What one thread computes replicates with. */
typedef struct scratch {
    csat_xprod *a;
    double *rows, *w;   /* CHUNK_ROWS × (p + 1) and CHUNK_ROWS */
    double *corr, *cp;  /* (p + 1)² each: the correlations, the accumulator's scratch */
    size_t *count;      /* a designed model's units: times drawn, all 0 between replicates */
} scratch;

typedef struct boot_ctx {
    const csat_drivers *m;
    csat_importance_method method;
    const csat_importance_options *io;
    uint64_t seed;
    size_t reps;
    double *rep;        /* reps × p replicate values, by replicate */
    atomic_size_t bad;  /* singular draws, over all replicates */
    scratch *ws;        /* one per thread */
} boot_ctx;

/* Row i of a replicate into the chunk; a full chunk is accumulated. Non-zero
 * when the replicate must stop (the lane's tick). */
static int push_row(const csat_drivers *m, scratch *s, size_t *fill, size_t src, double w,
                    csat_lane *lane)
{
    const size_t q = m->p + 1;
    csat_model_row(m, src, s->rows + *fill * q);
    s->w[*fill] = w;
    if (++*fill < CHUNK_ROWS)
        return 0;
    csat_xprod_add_rows(s->a, s->rows, *fill, s->w, s->cp);
    *fill = 0;
    return csat_lane_tick(lane, 0);
}

/* One replicate of a designed model (doc/methods.md, "Key drivers of a
 * design"): in every stratum h, n_h draws with replacement from its n_h
 * units (PSUs, or rows without clusters), units without a complete row
 * included; the replicate holds the complete rows of the drawn units, each
 * once with its weight times the times its unit was drawn, which gives the
 * co-moments of the rows repeated. This is the naive with-replacement PSU
 * bootstrap, not Rao and Wu's (1988) rescaling bootstrap (n_h − 1 draws
 * and rescaled weights): for a linear statistic its variance is
 * (n_h − 1)/n_h times the linearised one, stratum by stratum. count holds
 * m->units zeros and is left so. 0 when the replicate must stop. */
static int design_replicate(const csat_drivers *m, csat_rng *rng, scratch *s, csat_lane *lane)
{
    size_t *count = s->count;
    for (size_t h = 0; h < m->strata; h++) {
        size_t first = m->stratum_start[h], nh = m->stratum_start[h + 1] - first;
        for (size_t i = 0; i < nh; i++)
            count[m->stratum_units[first + (size_t)csat_rng_below(rng, nh)]]++;
    }
    size_t fill = 0;
    int stop = 0;
    /* After a stop the loop still clears every count. */
    for (size_t u = 0; u < m->units; u++) {
        if (count[u] == 0)
            continue;
        for (size_t i = m->unit_start[u]; i < m->unit_start[u + 1] && !stop; i++) {
            size_t src = m->unit_rows[i];
            stop = push_row(m, s, &fill, src, csat_model_weight(m, src) * (double)count[u], lane);
        }
        count[u] = 0;
    }
    csat_xprod_add_rows(s->a, s->rows, fill, s->w, s->cp);
    return !stop;
}

/* n rows drawn with replacement, each with its weight. */
static int row_replicate(const csat_drivers *m, csat_rng *rng, scratch *s, csat_lane *lane)
{
    const size_t n = m->nrows;
    size_t fill = 0;
    for (size_t i = 0; i < n; i++) {
        size_t src = (size_t)csat_rng_below(rng, n);
        if (push_row(m, s, &fill, src, csat_model_weight(m, src), lane))
            return 0;
    }
    csat_xprod_add_rows(s->a, s->rows, fill, s->w, s->cp);
    return 1;
}

/* Replicate r from stream r of the seed: drawn until its design is regular
 * (each redraw counted); then the next output of the stream seeds its
 * Monte Carlo LMG, if that is the measure. */
static csat_status replicate(void *vctx, csat_lane *lane, size_t r, unsigned worker,
                             csat_error *err)
{
    boot_ctx *c = vctx;
    const csat_drivers *m = c->m;
    const size_t p = m->p, q = p + 1;
    scratch *s = &c->ws[worker];
    csat_rng rng;
    csat_rng_seed_stream(&rng, c->seed, r);
    for (;;) {
        csat_xprod_clear(s->a);
        int done = m->units ? design_replicate(m, &rng, s, lane) : row_replicate(m, &rng, s, lane);
        if (!done)
            return CSAT_ERR_CANCELLED;
        if (csat_xprod_get_sums(s->a).sum_w > 0 && csat_xprod_constant(s->a) == q) {
            csat_xprod_corr(s->a, s->corr);
            csat_importance_options io = *c->io;
            io.seed = csat_rng_next(&rng);
            const csat_exec exec = { 1, NULL, lane };
            /* Only a singular replicate is drawn again; anything else (no
             * memory, a stop) ends the bootstrap with its own status. */
            csat_status st =
                csat_importance_compute(s->corr, p, c->method, &io, &exec, c->rep + r * p, NULL, err);
            if (st != CSAT_ERR_SINGULAR)
                return st;
        }
        /* The total, not the order in which threads count it, decides: the
         * same replicates fail whatever the threads. */
        if (atomic_fetch_add(&c->bad, 1) + 1 > c->reps)
            return csat_fail(err, CSAT_ERR_SINGULAR, CSAT_NO_INDEX, CSAT_NO_INDEX,
                             "more singular replicates than the %zu replicates asked for",
                             c->reps);
    }
}

csat_status csat_bootstrap_prepare(const csat_drivers *m, csat_importance_method method,
                                   const csat_bootstrap_options *opt, csat_bootstrap_options *bo,
                                   csat_importance_options *io, csat_importance_plan *plan,
                                   csat_error *err)
{
    static const csat_bootstrap_options d = CSAT_BOOTSTRAP_OPTIONS_DEFAULT;
    static const csat_importance_options di = CSAT_IMPORTANCE_OPTIONS_DEFAULT;
    csat_status st = csat_sized_load(bo, sizeof *bo, opt, &d, "opt", err);
    if (st != CSAT_OK)
        return st;
    if (m->rows == NULL)
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "the model was fitted from an accumulator and has no rows to resample");
    if (bo->reps < 2)
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "reps = %zu: a bootstrap needs at least 2 replicates", bo->reps);
    st = csat_check_level(bo->level, err);
    if (st != CSAT_OK)
        return st;
    if (!m->s.intercept && method != CSAT_IMPORTANCE_FIRST)
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "the bootstrap of this importance measure needs a model with an "
                         "intercept");
    if (method < CSAT_IMPORTANCE_FIRST || method > CSAT_IMPORTANCE_RELATIVE_WEIGHTS)
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "unknown importance method %d", (int)method);
    /* reps comes from the caller: its buffers must not wrap. */
    if (!csat_array_fits(bo->reps, m->p, sizeof(double)))
        return csat_fail_overflow(err, "bootstrap replicates", bo->reps, m->p);
    if (bo->reps > CSAT_BOOTSTRAP_REPS_MAX)
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "reps = %zu: at most %u replicates", bo->reps, CSAT_BOOTSTRAP_REPS_MAX);
    st = csat_sized_load(io, sizeof *io, bo->importance, &di, "opt->importance", err);
    if (st != CSAT_OK)
        return st;
    return csat_importance_plan_of(m->p, method, io, plan, err);
}

static void free_scratch(scratch *ws, unsigned threads)
{
    if (ws == NULL)
        return;
    for (unsigned k = 0; k < threads; k++) {
        csat_xprod_free(ws[k].a);
        free(ws[k].rows);
        free(ws[k].w);
        free(ws[k].corr);
        free(ws[k].cp);
        free(ws[k].count);
    }
    free(ws);
}

static scratch *alloc_scratch(const csat_drivers *m, unsigned threads)
{
    const size_t q = m->p + 1;
    scratch *ws = calloc(threads, sizeof *ws);
    if (ws == NULL)
        return NULL;
    for (unsigned k = 0; k < threads; k++) {
        scratch *s = &ws[k];
        s->rows = malloc(CHUNK_ROWS * q * sizeof *s->rows);
        s->w = malloc(CHUNK_ROWS * sizeof *s->w);
        s->corr = malloc(q * q * sizeof *s->corr);
        s->cp = malloc(q * q * sizeof *s->cp);
        s->count = m->units ? calloc(m->units, sizeof *s->count) : NULL;
        if (csat_xprod_create(m->p, &s->a, NULL) != CSAT_OK || !s->rows || !s->w || !s->corr ||
            !s->cp || (m->units && !s->count)) {
            free_scratch(ws, threads);
            return NULL;
        }
    }
    return ws;
}

csat_status csat_drivers_bootstrap(const csat_drivers *m, csat_importance_method method,
                                   const csat_bootstrap_options *opt, double *lower, double *upper,
                                   size_t *failed, csat_error *err)
{
    CSAT_REQUIRE(m, err);
    CSAT_REQUIRE(lower, err);
    CSAT_REQUIRE(upper, err);
    csat_bootstrap_options o;
    csat_importance_options io;
    csat_importance_plan plan;
    csat_status st = csat_bootstrap_prepare(m, method, opt, &o, &io, &plan, err);
    if (st != CSAT_OK)
        return st;
    const size_t p = m->p;
    const uint64_t total = (uint64_t)o.reps * plan.units;
    csat_meter meter;
    csat_meter_init(&meter, o.progress, o.progress_data, total);
    if (csat_meter_report(&meter, 0, 1))
        return csat_fail_cancelled(err);
    const csat_exec exec = { o.threads, o.progress ? &meter : NULL, NULL };
    const unsigned threads = csat_job_threads(&exec, o.reps);
    boot_ctx c = { m, method, &io, o.seed, o.reps, malloc(o.reps * p * sizeof(double)), 0,
                   alloc_scratch(m, threads) };
    atomic_init(&c.bad, 0);
    double *col = malloc(o.reps * sizeof *col);
    if (!c.rep || !c.ws || !col) {
        st = csat_fail(err, CSAT_ERR_NOMEM, CSAT_NO_INDEX, CSAT_NO_INDEX, NULL);
        goto done;
    }
    csat_job job = { &c, replicate, o.reps, total, 0, exec };
    st = csat_job_run(&job, err);
    if (st == CSAT_OK && csat_meter_report(&meter, total, 1))
        st = csat_fail_cancelled(err);
    if (st == CSAT_OK) {
        double a_lo = (1 - o.level) / 2, a_hi = (1 + o.level) / 2;
        for (size_t j = 0; j < p; j++) {
            for (size_t r = 0; r < o.reps; r++)
                col[r] = c.rep[r * p + j];
            csat_sort(col, o.reps);
            lower[j] = csat_quantile7(col, o.reps, a_lo);
            upper[j] = csat_quantile7(col, o.reps, a_hi);
        }
        if (failed)
            *failed = atomic_load(&c.bad);
    }
done:
    free(c.rep);
    free(col);
    free_scratch(c.ws, threads);
    return st;
}
