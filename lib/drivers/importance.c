/* Relative importance of the drivers, from their correlation matrix with
 * the outcome (doc/methods.md, "Relative importance"): first, last, beta²,
 * Pratt, LMG (exact over all subsets or Monte Carlo), dominance, Johnson's
 * relative weights. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/sized.h"
#include "core/linalg.h"
#include "core/rng.h"
#include "drivers/model.h"

/* Re-sweep from the original matrix this often during the subset walk, so
 * that rounding from millions of sweeps and unsweeps cannot accumulate. */
#define REFRESH_EVERY 4096

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

/* Visit all 2^p subsets in Gray-code order, one sweep or unsweep per step.
 * For each subset S with R²(S): every j in S gains R²(S) in the sum of its
 * size-(|S|−1) class, every j outside loses it from its size-|S| class;
 * cond[j·p + s] then holds Σ over subsets T of size s without j of
 * R²(T ∪ j) − R²(T); divided by C(p−1, s) it is the conditional dominance
 * of j at size s, and the mean over s is LMG, the Shapley value, whose
 * weight of a subset of size s is s!(p−s−1)!/p! = 1/(p·C(p−1, s)).
 * table (2^p values) keeps every R² when not NULL. */
static csat_status all_subsets(const double *corr, size_t p, double *cond, double *table,
                               csat_error *err)
{
    walk w = { p, p + 1, corr, malloc((p + 1) * (p + 1) * sizeof(double)) };
    if (w.a == NULL)
        return csat_fail(err, CSAT_ERR_NOMEM, CSAT_NO_INDEX, CSAT_NO_INDEX, NULL);
    memset(cond, 0, p * p * sizeof *cond);
    walk_reset(&w, 0);
    if (table)
        table[0] = 0;
    uint64_t set = 0, total = (uint64_t)1 << p;
    csat_status st = CSAT_OK;
    for (uint64_t t = 1; t < total; t++) {
        size_t j = (size_t)__builtin_ctzll(t);
        int in = (int)((set >> j) & 1u);
        set ^= (uint64_t)1 << j;
        int ok = (t % REFRESH_EVERY == 0) ? walk_reset(&w, set) : walk_toggle(&w, j, in);
        if (!ok) {
            st = csat_fail(err, CSAT_ERR_SINGULAR, CSAT_NO_INDEX, j,
                           "driver %zu is collinear with other drivers", j);
            break;
        }
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
    free(w.a);
    return st;
}

static double binom(size_t n, size_t k)
{
    double c = 1;
    for (size_t i = 0; i < k; i++)
        c = c * (double)(n - i) / (double)(i + 1);
    return c;
}

/* LMG by random orderings: each ordering adds the drivers one by one and
 * credits each with its R² increment. */
static csat_status lmg_monte_carlo(const double *corr, size_t p, const csat_importance_options *o,
                                   double *out, double *se, csat_error *err)
{
    walk w = { p, p + 1, corr, malloc((p + 1) * (p + 1) * sizeof(double)) };
    size_t *order = malloc(p * sizeof *order);
    double *sum2 = calloc(p, sizeof *sum2);
    if (w.a == NULL || order == NULL || sum2 == NULL) {
        free(w.a);
        free(order);
        free(sum2);
        return csat_fail(err, CSAT_ERR_NOMEM, CSAT_NO_INDEX, CSAT_NO_INDEX, NULL);
    }
    csat_rng rng;
    csat_rng_seed(&rng, o->seed);
    memset(out, 0, p * sizeof *out);
    csat_status st = CSAT_OK;
    for (size_t r = 0; r < o->permutations && st == CSAT_OK; r++) {
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
            if (!walk_toggle(&w, j, 0)) {
                st = csat_fail(err, CSAT_ERR_SINGULAR, CSAT_NO_INDEX, j,
                               "driver %zu is collinear with other drivers", j);
                break;
            }
            double r2 = walk_r2(&w), gain = r2 - prev;
            out[j] += gain;
            sum2[j] += gain * gain;
            prev = r2;
        }
    }
    if (st == CSAT_OK) {
        double n = (double)o->permutations;
        for (size_t j = 0; j < p; j++) {
            out[j] /= n;
            if (se) {
                double var = (sum2[j] / n - out[j] * out[j]) * n / (n - 1);
                se[j] = var > 0 ? sqrt(var / n) : 0.0;
            }
        }
    }
    free(w.a);
    free(order);
    free(sum2);
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

static csat_status importance_into(const double *corr, size_t p, csat_importance_method method,
                                   const csat_importance_options *opt, double *out, double *se,
                                   csat_error *err);

/* The measures are computed into scratch and published only when every
 * value is a finite number: a correlation matrix at the edge of
 * singularity (a perfect fit in a bootstrap replicate) can give ±inf or
 * NaN, which is reported as SINGULAR, never returned. */
csat_status csat_importance_from_corr(const double *corr, size_t p, csat_importance_method method,
                                      const csat_importance_options *opt, double *out,
                                      double *se, csat_error *err)
{
    double v[CSAT_DRIVERS_MAX], s[CSAT_DRIVERS_MAX];
    csat_status st = importance_into(corr, p, method, opt, v, se ? s : NULL, err);
    if (st != CSAT_OK)
        return st;
    for (size_t j = 0; j < p; j++)
        if (!isfinite(v[j]) || (se && !isfinite(s[j])))
            return csat_fail(err, CSAT_ERR_SINGULAR, CSAT_NO_INDEX, j,
                             "the importance of driver %zu is not a finite number: the drivers "
                             "are (nearly) collinear or explain the outcome exactly",
                             j);
    memcpy(out, v, p * sizeof *out);
    if (se)
        memcpy(se, s, p * sizeof *se);
    return CSAT_OK;
}

static csat_status importance_into(const double *corr, size_t p, csat_importance_method method,
                                   const csat_importance_options *opt, double *out, double *se,
                                   csat_error *err)
{
    static const csat_importance_options d = CSAT_IMPORTANCE_OPTIONS_DEFAULT;
    csat_importance_options o;
    /* se is written only on success (0: every measure but the Monte Carlo
     * LMG is exact). */
    csat_status st = CSAT_LOAD_OPTIONS(o, opt, d, err);
    if (st != CSAT_OK)
        return st;
    switch (method) {
    case CSAT_IMPORTANCE_FIRST:
    case CSAT_IMPORTANCE_LAST:
    case CSAT_IMPORTANCE_BETA2:
    case CSAT_IMPORTANCE_PRATT:
        st = simple_measures(corr, p, method, out, err);
        if (st == CSAT_OK && se)
            memset(se, 0, p * sizeof *se);
        return st;
    case CSAT_IMPORTANCE_RELATIVE_WEIGHTS:
        st = relative_weights(corr, p, out, err);
        if (st == CSAT_OK && se)
            memset(se, 0, p * sizeof *se);
        return st;
    case CSAT_IMPORTANCE_LMG:
        break;
    default:
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "unknown importance method %d", (int)method);
    }
    if (o.exact_max > CSAT_LMG_EXACT_LIMIT)
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "exact_max = %zu: exact LMG visits 2^p subsets, at most 2^%d",
                         o.exact_max, CSAT_LMG_EXACT_LIMIT);
    if (p > o.exact_max) {
        if (o.permutations < 2 || o.permutations > CSAT_LMG_PERMUTATIONS_MAX)
            return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                             "Monte Carlo LMG needs between 2 and %u permutations, not %zu",
                             CSAT_LMG_PERMUTATIONS_MAX, o.permutations);
        return lmg_monte_carlo(corr, p, &o, out, se, err);
    }
    double *cond = malloc(p * p * sizeof *cond);
    if (cond == NULL)
        return csat_fail(err, CSAT_ERR_NOMEM, CSAT_NO_INDEX, CSAT_NO_INDEX, NULL);
    st = all_subsets(corr, p, cond, NULL, err);
    if (st == CSAT_OK) {
        if (se)
            memset(se, 0, p * sizeof *se);
        for (size_t j = 0; j < p; j++) {
            double s = 0;
            for (size_t k = 0; k < p; k++)
                s += cond[j * p + k] / binom(p - 1, k);
            out[j] = s / (double)p;
        }
    }
    free(cond);
    return st;
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

csat_status csat_drivers_importance(const csat_drivers *m, csat_importance_method method,
                                    const csat_importance_options *opt, double *out, double *se,
                                    csat_error *err)
{
    CSAT_REQUIRE(m, err);
    CSAT_REQUIRE(out, err);
    csat_status st = need_intercept(m, method, err);
    if (st != CSAT_OK)
        return st;
    if (!m->s.intercept && method == CSAT_IMPORTANCE_BETA2) {
        for (size_t j = 0; j < m->p; j++)
            out[j] = m->info[j].beta * m->info[j].beta;
        if (se)
            memset(se, 0, m->p * sizeof *se);
        return CSAT_OK;
    }
    return csat_importance_from_corr(m->corr, m->p, method, opt, out, se, err);
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
    double *cond = malloc(p * p * sizeof *cond);
    double *table = complete ? malloc(((size_t)1 << p) * sizeof *table) : NULL;
    if (cond == NULL || (complete && table == NULL)) {
        free(cond);
        free(table);
        return csat_fail(err, CSAT_ERR_NOMEM, CSAT_NO_INDEX, CSAT_NO_INDEX, NULL);
    }
    st = all_subsets(m->corr, p, cond, table, err);
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
    }
    if (st == CSAT_OK && complete) {
        uint64_t all = ((uint64_t)1 << p) - 1;
        for (size_t i = 0; i < p; i++) {
            complete[i * p + i] = 0.5;
            for (size_t j = i + 1; j < p; j++) {
                uint64_t bi = (uint64_t)1 << i, bj = (uint64_t)1 << j, rest = all & ~(bi | bj);
                int greater = 1, less = 1;
                /* Every subset of the other drivers, the empty one included. */
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
                complete[i * p + j] = v;
                complete[j * p + i] = 1.0 - v;
            }
        }
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
