/* Relative importance of the drivers, from their correlation matrix with
 * the outcome (doc/methods.md, "Relative importance"): first, last, beta²,
 * Pratt, LMG (exact over all subsets or Monte Carlo), dominance, Johnson's
 * relative weights. Exact LMG, dominance and the Monte Carlo LMG run in
 * blocks on the caller's threads (core/parallel.h), with the same result
 * for every number of threads ("Long computations: progress, cancellation
 * and threads"). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/sized.h"
#include "core/linalg.h"
#include "core/parallel.h"
#include "core/rng.h"
#include "drivers/model.h"

/* Re-sweep from the original matrix this often during the subset walk, so
 * that rounding from millions of sweeps and unsweeps cannot accumulate.
 * The blocks of the walk start at multiples of it, where the walk sweeps
 * afresh anyway: so a block computes the very R² values that one walk over
 * all subsets computes. */
#define REFRESH_EVERY 4096

/* Most blocks of a subset walk and of the Monte Carlo orderings: enough to
 * keep many cores busy to the end, few enough that their partial sums (p²
 * or 2p doubles each) stay small. */
#define BLOCKS_MAX 1024

/* A sweep pivot below this means the drivers in the subset are collinear. */
#define PIVOT_TOL 1e-13

typedef struct walk {
    size_t p, q;       /* drivers; q = p + 1 */
    const double *corr;
    double *a;         /* working copy, q × q */
} walk;

/* R² of the outcome on the drivers swept so far. */
static double walk_r2(const walk *w)
{
    return 1.0 - w->a[w->p * w->q + w->p];
}

static int walk_reset(walk *w, uint64_t set)
{
    memcpy(w->a, w->corr, w->q * w->q * sizeof *w->a);
    for (size_t j = 0; j < w->p; j++)
        if ((set >> j) & 1u)
            if (!(w->a[j * w->q + j] > PIVOT_TOL) || !csat_sweep(w->a, w->q, j))
                return 0;
    return 1;
}

static int walk_toggle(walk *w, size_t j, int in)
{
    if (in) {
        csat_unsweep(w->a, w->q, j);
        return 1;
    }
    return w->a[j * w->q + j] > PIVOT_TOL && csat_sweep(w->a, w->q, j);
}

static csat_status collinear(csat_error *err, size_t j)
{
    return csat_fail(err, CSAT_ERR_SINGULAR, CSAT_NO_INDEX, j,
                     "driver %zu is collinear with other drivers", j);
}

/* Blocks of the walk over 2^p subsets: one per REFRESH_EVERY steps, at most
 * BLOCKS_MAX; a function of p alone. */
static size_t subset_blocks(size_t p)
{
    uint64_t chunks = ((uint64_t)1 << p) / REFRESH_EVERY;
    return chunks <= 1 ? 1 : chunks < BLOCKS_MAX ? (size_t)chunks : BLOCKS_MAX;
}

typedef struct subsets_ctx {
    const double *corr;
    size_t p;
    uint64_t per_block; /* steps of the walk per block */
    double *partial;    /* blocks × p²: each block's own conditional sums */
    double *table;      /* 2^p R² values, or NULL */
} subsets_ctx;

/* Steps t0 .. t0 + per_block − 1 of the Gray-code walk over all subsets,
 * t0 = b · per_block, step t visiting the subset t ^ (t >> 1). For each
 * subset S with R²(S): every j in S gains R²(S) in the sum of its
 * size-(|S|−1) class, every j outside loses it from its size-|S| class;
 * summed over the blocks, cond[j·p + s] holds Σ over subsets T of size s
 * without j of R²(T ∪ j) − R²(T); divided by C(p−1, s) it is the
 * conditional dominance of j at size s, and the mean over s is LMG, the
 * Shapley value, whose weight of a subset of size s is s!(p−s−1)!/p! =
 * 1/(p·C(p−1, s)). */
static csat_status subsets_block(void *vctx, csat_lane *lane, size_t b, unsigned worker,
                                 csat_error *err)
{
    (void)worker;
    const subsets_ctx *c = vctx;
    const size_t p = c->p;
    double a[(CSAT_LMG_EXACT_LIMIT + 1) * (CSAT_LMG_EXACT_LIMIT + 1)];
    walk w = { p, p + 1, c->corr, a };
    double *cond = c->partial + b * p * p, *table = c->table;
    memset(cond, 0, p * p * sizeof *cond);
    const uint64_t t0 = (uint64_t)b * c->per_block, t1 = t0 + c->per_block;
    uint64_t set = t0 ^ (t0 >> 1), ticked = t0, t = t0;
    if (t0 == 0) {
        walk_reset(&w, 0); /* the empty set: R² = 0 adds nothing */
        if (table)
            table[0] = 0;
        t = 1;
    }
    for (; t < t1; t++) {
        size_t j = (size_t)__builtin_ctzll(t);
        int ok;
        if (t == t0) {
            ok = walk_reset(&w, set);
        } else {
            int in = (int)((set >> j) & 1u);
            set ^= (uint64_t)1 << j;
            if (t % REFRESH_EVERY == 0) {
                if (csat_lane_tick(lane, t - ticked))
                    return CSAT_ERR_CANCELLED;
                ticked = t;
                ok = walk_reset(&w, set);
            } else {
                ok = walk_toggle(&w, j, in);
            }
        }
        if (!ok)
            return collinear(err, j);
        double r2 = walk_r2(&w);
        size_t size = (size_t)__builtin_popcountll(set);
        if (table)
            table[set] = r2;
        for (size_t l = 0; l < p; l++) {
            if ((set >> l) & 1u)
                cond[l * p + size - 1] += r2;
            else
                cond[l * p + size] -= r2;
        }
    }
    (void)csat_lane_tick(lane, t1 - ticked); /* done: a stop is seen by the next block */
    return CSAT_OK;
}

/* All 2^p subsets into cond (p², the sums above, added block after block)
 * and table (2^p values, when not NULL). */
static csat_status all_subsets(const double *corr, size_t p, double *cond, double *table,
                               const csat_exec *exec, csat_error *err)
{
    const size_t blocks = subset_blocks(p);
    const uint64_t total = (uint64_t)1 << p;
    subsets_ctx c = { corr, p, total / blocks, malloc(blocks * p * p * sizeof(double)), table };
    if (c.partial == NULL)
        return csat_fail(err, CSAT_ERR_NOMEM, CSAT_NO_INDEX, CSAT_NO_INDEX, NULL);
    csat_job job = { &c, subsets_block, blocks, total, 0, *exec };
    csat_status st = csat_job_run(&job, err);
    if (st == CSAT_OK) {
        memset(cond, 0, p * p * sizeof *cond);
        for (size_t b = 0; b < blocks; b++) {
            const double *part = c.partial + b * p * p;
            for (size_t i = 0; i < p * p; i++)
                cond[i] += part[i];
        }
    }
    free(c.partial);
    return st;
}

static double binom(size_t n, size_t k)
{
    double c = 1;
    for (size_t i = 0; i < k; i++)
        c = c * (double)(n - i) / (double)(i + 1);
    return c;
}

/* Orderings of block b of n split into `blocks`: [start(b), start(b + 1)). */
static size_t block_start(size_t n, size_t blocks, size_t b)
{
    size_t q = n / blocks, r = n % blocks;
    return q * b + r * b / blocks;
}

typedef struct mc_ctx {
    const double *corr;
    size_t p, n, blocks; /* drivers, orderings, blocks of orderings */
    uint64_t seed;
    double *sum, *sum2;  /* blocks × p: each block's sums of the gains and their squares */
    double *a;           /* per thread: the walk's (p + 1)² matrix */
    size_t *order;       /* per thread: p */
} mc_ctx;

/* The orderings of block b, drawn from stream b of the seed: each adds the
 * drivers one by one and credits each with its R² increment. */
static csat_status mc_block(void *vctx, csat_lane *lane, size_t b, unsigned worker,
                            csat_error *err)
{
    const mc_ctx *c = vctx;
    const size_t p = c->p, q = p + 1;
    walk w = { p, q, c->corr, c->a + (size_t)worker * q * q };
    size_t *order = c->order + (size_t)worker * p;
    double *sum = c->sum + b * p, *sum2 = c->sum2 + b * p;
    memset(sum, 0, p * sizeof *sum);
    memset(sum2, 0, p * sizeof *sum2);
    csat_rng rng;
    csat_rng_seed_stream(&rng, c->seed, b);
    size_t r1 = block_start(c->n, c->blocks, b + 1);
    for (size_t r = block_start(c->n, c->blocks, b); r < r1; r++) {
        for (size_t j = 0; j < p; j++)
            order[j] = j;
        for (size_t j = p - 1; j > 0; j--) {
            size_t i = (size_t)csat_rng_below(&rng, j + 1);
            size_t t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        walk_reset(&w, 0);
        double prev = 0;
        for (size_t s = 0; s < p; s++) {
            size_t j = order[s];
            if (!walk_toggle(&w, j, 0))
                return collinear(err, j);
            double r2 = walk_r2(&w), gain = r2 - prev;
            sum[j] += gain;
            sum2[j] += gain * gain;
            prev = r2;
        }
        if (csat_lane_tick(lane, 1) && r + 1 < r1)
            return CSAT_ERR_CANCELLED;
    }
    return CSAT_OK;
}

/* Blocks of the Monte Carlo orderings: a function of their number alone. */
static size_t mc_blocks(size_t n)
{
    return n < BLOCKS_MAX ? n : BLOCKS_MAX;
}

/* LMG by random orderings, in blocks of orderings whose sums are added in
 * block order. */
static csat_status lmg_monte_carlo(const double *corr, size_t p, const csat_importance_options *o,
                                   const csat_exec *exec, double *out, double *se,
                                   csat_error *err)
{
    const size_t q = p + 1, blocks = mc_blocks(o->permutations);
    const unsigned threads = csat_job_threads(exec, blocks);
    mc_ctx c = { corr, p, o->permutations, blocks, o->seed,
                 malloc(blocks * p * sizeof(double)), malloc(blocks * p * sizeof(double)),
                 malloc(threads * q * q * sizeof(double)), malloc(threads * p * sizeof(size_t)) };
    csat_status st = CSAT_OK;
    if (c.sum == NULL || c.sum2 == NULL || c.a == NULL || c.order == NULL)
        st = csat_fail(err, CSAT_ERR_NOMEM, CSAT_NO_INDEX, CSAT_NO_INDEX, NULL);
    if (st == CSAT_OK) {
        csat_job job = { &c, mc_block, blocks, o->permutations, 0, *exec };
        st = csat_job_run(&job, err);
    }
    if (st == CSAT_OK) {
        double n = (double)o->permutations;
        for (size_t j = 0; j < p; j++) {
            double s1 = 0, s2 = 0;
            for (size_t b = 0; b < blocks; b++) {
                s1 += c.sum[b * p + j];
                s2 += c.sum2[b * p + j];
            }
            out[j] = s1 / n;
            if (se) {
                double var = (s2 / n - out[j] * out[j]) * n / (n - 1);
                se[j] = var > 0 ? sqrt(var / n) : 0.0;
            }
        }
    }
    free(c.sum);
    free(c.sum2);
    free(c.a);
    free(c.order);
    return st;
}

/* Johnson's relative weights: with Rxx = V Λ Vᵀ and Λ½ = V Λ^{1/2} Vᵀ,
 * β* = Λ½⁻¹ r and ε_j = Σ_k Λ½[j,k]² β*_k². */
static csat_status relative_weights(const double *corr, size_t p, double *out, csat_error *err)
{
    size_t q = p + 1;
    double *a = malloc(p * p * sizeof *a), *v = malloc(p * p * sizeof *v);
    double *lam = malloc(p * sizeof *lam), *h = malloc(p * p * sizeof *h);
    double *bs = malloc(p * sizeof *bs), *t = malloc(p * sizeof *t);
    csat_status st = CSAT_OK;
    if (!a || !v || !lam || !h || !bs || !t) {
        st = csat_fail(err, CSAT_ERR_NOMEM, CSAT_NO_INDEX, CSAT_NO_INDEX, NULL);
        goto done;
    }
    for (size_t i = 0; i < p; i++)
        for (size_t j = 0; j < p; j++)
            a[i * p + j] = corr[i * q + j];
    csat_eigen_symmetric(a, p, lam, v);
    if (!(lam[0] > PIVOT_TOL * lam[p - 1])) {
        st = csat_fail(err, CSAT_ERR_SINGULAR, CSAT_NO_INDEX, CSAT_NO_INDEX,
                       "the drivers' correlation matrix is singular");
        goto done;
    }
    for (size_t i = 0; i < p; i++)
        for (size_t j = 0; j < p; j++) {
            double s = 0;
            for (size_t k = 0; k < p; k++)
                s += v[i * p + k] * sqrt(lam[k]) * v[j * p + k];
            h[i * p + j] = s;
        }
    /* β* = V Λ^{-1/2} Vᵀ r. */
    for (size_t k = 0; k < p; k++) {
        double s = 0;
        for (size_t i = 0; i < p; i++)
            s += v[i * p + k] * corr[i * q + p];
        t[k] = s / sqrt(lam[k]);
    }
    for (size_t i = 0; i < p; i++) {
        double s = 0;
        for (size_t k = 0; k < p; k++)
            s += v[i * p + k] * t[k];
        bs[i] = s;
    }
    for (size_t j = 0; j < p; j++) {
        double e = 0;
        for (size_t k = 0; k < p; k++)
            e += h[j * p + k] * h[j * p + k] * bs[k] * bs[k];
        out[j] = e;
    }
done:
    free(a);
    free(v);
    free(lam);
    free(h);
    free(bs);
    free(t);
    return st;
}

/* first, last, beta², Pratt: one sweep of all drivers gives the
 * standardised coefficients and R²; unsweeping one driver gives its R² drop. */
static csat_status simple_measures(const double *corr, size_t p, csat_importance_method method,
                                   double *out, csat_error *err)
{
    size_t q = p + 1;
    if (method == CSAT_IMPORTANCE_FIRST) {
        for (size_t j = 0; j < p; j++)
            out[j] = corr[j * q + p] * corr[j * q + p];
        return CSAT_OK;
    }
    walk w = { p, q, corr, malloc(q * q * sizeof(double)) };
    if (w.a == NULL)
        return csat_fail(err, CSAT_ERR_NOMEM, CSAT_NO_INDEX, CSAT_NO_INDEX, NULL);
    csat_status st = CSAT_OK;
    walk_reset(&w, 0);
    for (size_t j = 0; j < p && st == CSAT_OK; j++)
        if (!walk_toggle(&w, j, 0))
            st = csat_fail(err, CSAT_ERR_SINGULAR, CSAT_NO_INDEX, j,
                           "driver %zu is collinear with other drivers", j);
    if (st == CSAT_OK) {
        double r2 = walk_r2(&w);
        for (size_t j = 0; j < p; j++) {
            double beta = w.a[j * q + p];
            if (method == CSAT_IMPORTANCE_BETA2)
                out[j] = beta * beta;
            else if (method == CSAT_IMPORTANCE_PRATT)
                out[j] = beta * corr[j * q + p];
            else {
                csat_unsweep(w.a, q, j);
                out[j] = r2 - walk_r2(&w);
                walk_toggle(&w, j, 0);
            }
        }
    }
    free(w.a);
    return st;
}

/* Floating-point operations of one sweep step of the (p + 1)² matrix: its
 * p other rows of p + 1 multiply-adds. */
static double sweep_flops(size_t p)
{
    return 2.0 * (double)p * (double)(p + 1);
}

csat_status csat_importance_plan_of(size_t p, csat_importance_method method,
                                    const csat_importance_options *o,
                                    csat_importance_plan *plan, csat_error *err)
{
    const double dp = (double)p;
    plan->units = 1;
    plan->exact = 1;
    switch (method) {
    case CSAT_IMPORTANCE_FIRST:
        plan->unit_flops = dp;
        return CSAT_OK;
    case CSAT_IMPORTANCE_BETA2:
    case CSAT_IMPORTANCE_PRATT:
        plan->unit_flops = dp * sweep_flops(p) + dp;
        return CSAT_OK;
    case CSAT_IMPORTANCE_LAST:
        plan->unit_flops = 3.0 * dp * sweep_flops(p);
        return CSAT_OK;
    case CSAT_IMPORTANCE_RELATIVE_WEIGHTS:
        /* About ten Jacobi sweeps of p²/2 rotations of 8p operations, and
         * the products that follow. */
        plan->unit_flops = 45.0 * dp * dp * dp;
        return CSAT_OK;
    case CSAT_IMPORTANCE_LMG:
        break;
    default:
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "unknown importance method %d", (int)method);
    }
    if (o->exact_max > CSAT_LMG_EXACT_LIMIT)
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "exact_max = %zu: exact LMG visits 2^p subsets, at most 2^%d",
                         o->exact_max, CSAT_LMG_EXACT_LIMIT);
    if (p > o->exact_max) {
        if (o->permutations < 2 || o->permutations > CSAT_LMG_PERMUTATIONS_MAX)
            return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                             "Monte Carlo LMG needs between 2 and %u permutations, not %zu",
                             CSAT_LMG_PERMUTATIONS_MAX, o->permutations);
        /* p sweeps, and the gain and its square added to two sums. */
        plan->units = o->permutations;
        plan->unit_flops = dp * (sweep_flops(p) + 4.0);
        plan->exact = 0;
        return CSAT_OK;
    }
    /* A sweep step and the p conditional sums. */
    plan->units = (uint64_t)1 << p;
    plan->unit_flops = sweep_flops(p) + dp;
    return CSAT_OK;
}

csat_status csat_importance_compute(const double *corr, size_t p, csat_importance_method method,
                                    const csat_importance_options *o, const csat_exec *exec,
                                    double *v, double *s, csat_error *err)
{
    csat_status st;
    int monte_carlo = 0;
    switch (method) {
    case CSAT_IMPORTANCE_FIRST:
    case CSAT_IMPORTANCE_LAST:
    case CSAT_IMPORTANCE_BETA2:
    case CSAT_IMPORTANCE_PRATT:
        st = simple_measures(corr, p, method, v, err);
        break;
    case CSAT_IMPORTANCE_RELATIVE_WEIGHTS:
        st = relative_weights(corr, p, v, err);
        break;
    case CSAT_IMPORTANCE_LMG:
        if (p > o->exact_max) {
            monte_carlo = 1;
            st = lmg_monte_carlo(corr, p, o, exec, v, s, err);
        } else {
            double *cond = malloc(p * p * sizeof *cond);
            if (cond == NULL)
                return csat_fail(err, CSAT_ERR_NOMEM, CSAT_NO_INDEX, CSAT_NO_INDEX, NULL);
            st = all_subsets(corr, p, cond, NULL, exec, err);
            if (st == CSAT_OK) {
                for (size_t j = 0; j < p; j++) {
                    double sum = 0;
                    for (size_t k = 0; k < p; k++)
                        sum += cond[j * p + k] / binom(p - 1, k);
                    v[j] = sum / (double)p;
                }
            }
            free(cond);
        }
        break;
    default:
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "unknown importance method %d", (int)method);
    }
    if (st != CSAT_OK)
        return st;
    /* Every measure but the Monte Carlo LMG is exact: its SEs are 0. */
    if (s && !monte_carlo)
        memset(s, 0, p * sizeof *s);
    /* A correlation matrix at the edge of singularity (a perfect fit in a
     * bootstrap replicate) can give ±inf or NaN, which is reported as
     * SINGULAR, never returned. */
    for (size_t j = 0; j < p; j++)
        if (!isfinite(v[j]) || (s && !isfinite(s[j])))
            return csat_fail(err, CSAT_ERR_SINGULAR, CSAT_NO_INDEX, j,
                             "the importance of driver %zu is not a finite number: the drivers "
                             "are (nearly) collinear or explain the outcome exactly",
                             j);
    return CSAT_OK;
}

/* Every measure but the first two decomposes the centred R² of a model
 * with an intercept. Without one, "first" is still r² and "beta²" the
 * square of the model's own standardised coefficient. */
static csat_status need_intercept(const csat_drivers *m, csat_importance_method method,
                                  csat_error *err)
{
    if (!m->s.intercept && method != CSAT_IMPORTANCE_FIRST && method != CSAT_IMPORTANCE_BETA2)
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "this importance measure decomposes the R² of a model with an "
                         "intercept; the model has none");
    return CSAT_OK;
}

csat_status csat_importance_prepare(const csat_drivers *m, csat_importance_method method,
                                    const csat_importance_options *opt,
                                    csat_importance_options *o, csat_importance_plan *plan,
                                    csat_error *err)
{
    static const csat_importance_options d = CSAT_IMPORTANCE_OPTIONS_DEFAULT;
    csat_status st = need_intercept(m, method, err);
    if (st == CSAT_OK)
        st = csat_sized_load(o, sizeof *o, opt, &d, "opt", err);
    if (st == CSAT_OK)
        st = csat_importance_plan_of(m->p, method, o, plan, err);
    return st;
}

csat_status csat_drivers_importance(const csat_drivers *m, csat_importance_method method,
                                    const csat_importance_options *opt, double *out, double *se,
                                    csat_error *err)
{
    CSAT_REQUIRE(m, err);
    CSAT_REQUIRE(out, err);
    const size_t p = m->p;
    csat_importance_options o;
    csat_importance_plan plan;
    csat_status st = csat_importance_prepare(m, method, opt, &o, &plan, err);
    if (st != CSAT_OK)
        return st;
    csat_meter meter;
    csat_meter_init(&meter, o.progress, o.progress_data, plan.units);
    if (csat_meter_report(&meter, 0, 1))
        return csat_fail_cancelled(err);
    double v[CSAT_DRIVERS_MAX], s[CSAT_DRIVERS_MAX];
    if (!m->s.intercept && method == CSAT_IMPORTANCE_BETA2) {
        for (size_t j = 0; j < p; j++) {
            v[j] = m->info[j].beta * m->info[j].beta;
            s[j] = 0;
        }
    } else {
        const csat_exec exec = { o.threads, o.progress ? &meter : NULL, NULL };
        st = csat_importance_compute(m->corr, p, method, &o, &exec, v, se ? s : NULL, err);
        if (st != CSAT_OK)
            return st;
    }
    if (csat_meter_report(&meter, plan.units, 1))
        return csat_fail_cancelled(err);
    memcpy(out, v, p * sizeof *out);
    if (se)
        memcpy(se, s, p * sizeof *se);
    return CSAT_OK;
}

typedef struct pairs_ctx {
    const double *table;
    size_t p;
    const unsigned char *pi, *pj; /* the pairs i < j, in order */
    double *complete;
} pairs_ctx;

/* Complete dominance of one pair: does i add more than j to every subset
 * of the others, the empty one included (or less to every one)? */
static csat_status pair_block(void *vctx, csat_lane *lane, size_t k, unsigned worker,
                              csat_error *err)
{
    (void)lane;
    (void)worker;
    (void)err;
    const pairs_ctx *c = vctx;
    const size_t p = c->p, i = c->pi[k], j = c->pj[k];
    const double *table = c->table;
    uint64_t all = ((uint64_t)1 << p) - 1;
    uint64_t bi = (uint64_t)1 << i, bj = (uint64_t)1 << j, rest = all & ~(bi | bj);
    int greater = 1, less = 1;
    uint64_t sub = rest;
    for (;;) {
        double a = table[sub | bi], b = table[sub | bj];
        greater &= a > b;
        less &= a < b;
        if (!greater && !less)
            break;
        if (sub == 0)
            break;
        sub = (sub - 1) & rest;
    }
    double v = greater ? 1.0 : less ? 0.0 : 0.5;
    c->complete[i * p + j] = v;
    c->complete[j * p + i] = 1.0 - v;
    return CSAT_OK;
}

/* The pairwise comparisons of complete dominance into cplt (p², scratch),
 * one block per pair; base: the units the walk reported before. */
static csat_status complete_dominance(const double *table, size_t p, double *cplt,
                                      const csat_exec *exec, csat_error *err)
{
    unsigned char pi[CSAT_DOMINANCE_MAX * (CSAT_DOMINANCE_MAX - 1) / 2];
    unsigned char pj[CSAT_DOMINANCE_MAX * (CSAT_DOMINANCE_MAX - 1) / 2];
    size_t pairs = 0;
    for (size_t i = 0; i < p; i++) {
        cplt[i * p + i] = 0.5;
        for (size_t j = i + 1; j < p; j++) {
            pi[pairs] = (unsigned char)i;
            pj[pairs++] = (unsigned char)j;
        }
    }
    if (pairs == 0)
        return CSAT_OK;
    pairs_ctx c = { table, p, pi, pj, cplt };
    csat_job job = { &c, pair_block, pairs, (uint64_t)1 << p, (uint64_t)1 << p, *exec };
    return csat_job_run(&job, err);
}

csat_status csat_drivers_dominance(const csat_drivers *m, const csat_importance_options *opt,
                                   double *general, double *conditional, double *complete,
                                   csat_error *err)
{
    CSAT_REQUIRE(m, err);
    const size_t p = m->p;
    static const csat_importance_options d = CSAT_IMPORTANCE_OPTIONS_DEFAULT;
    csat_importance_options o;
    csat_status st = CSAT_LOAD_OPTIONS(o, opt, d, err);
    if (st == CSAT_OK)
        st = need_intercept(m, CSAT_IMPORTANCE_LMG, err);
    if (st != CSAT_OK)
        return st;
    if (p > CSAT_DOMINANCE_MAX)
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "dominance analysis keeps all 2^p subsets: p = %zu is above %d", p,
                         CSAT_DOMINANCE_MAX);
    /* Everything is computed into scratch and published after the last
     * progress call, which may still cancel. */
    double *cond = malloc(2 * p * p * sizeof *cond), *cplt = cond + p * p;
    double *table = complete ? malloc(((size_t)1 << p) * sizeof *table) : NULL;
    if (cond == NULL || (complete && table == NULL)) {
        free(cond);
        free(table);
        return csat_fail(err, CSAT_ERR_NOMEM, CSAT_NO_INDEX, CSAT_NO_INDEX, NULL);
    }
    const uint64_t subsets = (uint64_t)1 << p, total = complete ? 2 * subsets : subsets;
    csat_meter meter;
    csat_meter_init(&meter, o.progress, o.progress_data, total);
    const csat_exec exec = { o.threads, o.progress ? &meter : NULL, NULL };
    if (csat_meter_report(&meter, 0, 1))
        st = csat_fail_cancelled(err);
    if (st == CSAT_OK)
        st = all_subsets(m->corr, p, cond, table, &exec, err);
    if (st == CSAT_OK && complete)
        st = complete_dominance(table, p, cplt, &exec, err);
    if (st == CSAT_OK && csat_meter_report(&meter, total, 1))
        st = csat_fail_cancelled(err);
    if (st == CSAT_OK) {
        for (size_t j = 0; j < p; j++) {
            double s = 0;
            for (size_t k = 0; k < p; k++) {
                double c = cond[j * p + k] / binom(p - 1, k);
                s += c;
                if (conditional)
                    conditional[j * p + k] = c;
            }
            if (general)
                general[j] = s / (double)p;
        }
        if (complete)
            memcpy(complete, cplt, p * p * sizeof *complete);
    }
    free(cond);
    free(table);
    return st;
}

csat_status csat_drivers_ipa(const double *importance, const double *performance, size_t p,
                             const csat_ipa_options *opt, csat_ipa_quadrant *quadrant,
                             csat_error *err)
{
    CSAT_REQUIRE(importance, err);
    CSAT_REQUIRE(performance, err);
    CSAT_REQUIRE(quadrant, err);
    static const csat_ipa_options d = CSAT_IPA_OPTIONS_DEFAULT;
    csat_ipa_options o;
    csat_status st = CSAT_LOAD_OPTIONS(o, opt, d, err);
    if (st != CSAT_OK)
        return st;
    const double importance_cross = o.importance_cross, performance_cross = o.performance_cross;
    if (p == 0)
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "no drivers to place");
    double mi = 0, mp = 0;
    for (size_t j = 0; j < p; j++) {
        if (!isfinite(importance[j]) || !isfinite(performance[j]))
            return csat_fail(err, CSAT_ERR_ARGUMENT, j, CSAT_NO_INDEX,
                             "driver %zu has a non-finite importance or performance", j);
        mi += importance[j];
        mp += performance[j];
    }
    if (isinf(importance_cross) || isinf(performance_cross))
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "a crosshair is infinite");
    double ci = isnan(importance_cross) ? mi / (double)p : importance_cross;
    double cp = isnan(performance_cross) ? mp / (double)p : performance_cross;
    for (size_t j = 0; j < p; j++) {
        int important = importance[j] >= ci, performing = performance[j] >= cp;
        quadrant[j] = important ? (performing ? CSAT_IPA_KEEP_UP : CSAT_IPA_CONCENTRATE_HERE)
                                : (performing ? CSAT_IPA_POSSIBLE_OVERKILL
                                              : CSAT_IPA_LOW_PRIORITY);
    }
    return CSAT_OK;
}
