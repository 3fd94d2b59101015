/* Key-driver regression: weighted least squares by a tall-skinny
 * Householder QR of the rows, read a chunk at a time (the kernels in
 * lsq_kernel.c), with refinement in double-double against the data as
 * given, or from a cross-product accumulator by the sweep operator; the
 * model's accessors (doc/methods.md, "Least squares",
 * "Standardised coefficients and VIF"). */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "accum/xprod.h"
#include "core/big.h"
#include "core/checks.h"
#include "core/error.h"
#include "core/sized.h"
#include "core/linalg.h"
#include "core/probability.h"
#include "core/size.h"
#include "drivers/lsq_kernel.h"
#include "drivers/model.h"

/* |R_jj| of a unit-norm column below this: the column is a linear
 * combination of the ones before it (R's lm uses 1e-7 by default and needs
 * 1e-12 for NIST's Filip; the scaled columns here are at least as well
 * conditioned as lm's). */
#define QR_RANK_TOL 1e-13
/* A sweep pivot (1 − R² of a driver on the earlier ones) below this is
 * numerically zero for a correlation matrix held in double precision. */
#define SWEEP_RANK_TOL 1e-13
/* Smallest weighted variance of a column the fit accepts: its square
 * root and their products stay normal doubles. */
#define VARIANCE_MIN 1e-290
/* Smallest weighted SD of a column relative to its mean: 1e-14 leaves
 * about two digits of a double for the deviations (timestamps in
 * milliseconds, 1.7e12 ± 1, still pass). */
#define RELATIVE_SD_MIN 1e-14
#define REFINE_MAX 8
#define SEMINORMAL_MAX 12

void csat_drivers_free(csat_drivers *m)
{
    if (m == NULL)
        return;
    free(m->coef);
    free(m->info);
    free(m->corr);
    csat_big_free(m->rows);
    csat_big_free(m->y);
    csat_big_free(m->w);
    free(m);
}

static csat_drivers *model_alloc(size_t p, int intercept)
{
    csat_drivers *m = calloc(1, sizeof *m);
    if (m == NULL)
        return NULL;
    m->p = p;
    m->k = p + (intercept ? 1 : 0);
    /* One block for the six per-coefficient arrays. */
    m->coef = calloc(6 * m->k, sizeof *m->coef);
    m->info = calloc(p, sizeof *m->info);
    m->corr = calloc((p + 1) * (p + 1), sizeof *m->corr);
    if (m->coef == NULL || m->info == NULL || m->corr == NULL) {
        csat_drivers_free(m);
        return NULL;
    }
    m->se = m->coef + m->k;
    m->tval = m->se + m->k;
    m->pval = m->tval + m->k;
    m->lo = m->pval + m->k;
    m->hi = m->lo + m->k;
    return m;
}

static csat_status check_options(const csat_drivers_options *o, csat_error *err)
{
    if (o->intercept != 0 && o->intercept != 1)
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "intercept must be 0 or 1, not %d", o->intercept);
    return csat_check_level(o->level, err);
}

static csat_status check_p(size_t p, csat_error *err)
{
    if (p == 0 || p > CSAT_DRIVERS_MAX)
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "p = %zu drivers is not between 1 and %d", p, CSAT_DRIVERS_MAX);
    return CSAT_OK;
}

/* Checks and counts that come before any solve: enough rows, no constant
 * column; correlations and the sample sizes. */
static csat_status prepare(csat_drivers *m, const csat_xprod *acc, const csat_xprod_sums *a,
                           const csat_drivers_options *o, csat_error *err)
{
    const size_t p = m->p, q = p + 1;
    if (a->n_pos <= m->k)
        return csat_fail(err, CSAT_ERR_TOO_FEW, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "%llu complete rows with positive weight for %zu coefficients: need "
                         "more rows than coefficients",
                         (unsigned long long)a->n_pos, m->k);
    size_t j = csat_xprod_constant(acc);
    if (j < q)
        return csat_fail(err, CSAT_ERR_SINGULAR, CSAT_NO_INDEX, j,
                         j < p ? "driver %zu is constant over the rows of positive weight"
                               : "the outcome (column %zu) is constant over the rows of positive "
                                 "weight",
                         j);
    /* A column that varies, but by less than a normal double can carry
     * (weighted variance below VARIANCE_MIN: values of 1e-300 or a blob of
     * subnormal co-moments), leaves no digits for a correlation. */
    /* Likewise a column whose weighted SD is below RELATIVE_SD_MIN of its
     * mean (a rating that differs only in a row of weight 1e-36): its
     * deviations are rounding of the mean, and the fitted values and
     * residuals cannot be told from it. */
    for (j = 0; j < q; j++) {
        double var = a->c[j * q + j] / a->sum_w;
        if (!(var >= VARIANCE_MIN) || !(sqrt(var) >= RELATIVE_SD_MIN * fabs(a->mean[j])))
            return csat_fail(err, CSAT_ERR_SINGULAR, CSAT_NO_INDEX, j,
                             "column %zu varies too little to fit in double precision (weighted "
                             "SD %g about a mean of %g)",
                             j, sqrt(var), a->mean[j]);
    }
    csat_xprod_corr(acc, m->corr);
    csat_model_summary *s = &m->s;
    s->p = p;
    s->intercept = o->intercept;
    s->level = o->level;
    s->n = (size_t)a->n;
    s->n_missing = (size_t)a->n_missing;
    s->n_weighted = a->sum_w;
    s->n_effective = a->sum_w * a->sum_w / a->sum_w2;
    s->df_model = (double)p;
    s->df_resid = (double)a->n_pos - (double)m->k;
    return CSAT_OK;
}

/* Means, SDs, correlations with the outcome and standardised coefficients
 * of the drivers, once the coefficients are known. */
static void driver_info(csat_drivers *m, const csat_xprod_sums *a)
{
    const size_t p = m->p, q = p + 1, icpt = (size_t)m->s.intercept;
    double npos = (double)a->n_pos, f = npos / (npos - 1) / a->sum_w;
    double sdy = sqrt(a->c[p * q + p] * f);
    for (size_t j = 0; j < p; j++) {
        m->info[j].mean = a->mean[j];
        m->info[j].sd = sqrt(a->c[j * q + j] * f);
        m->info[j].r = m->corr[j * q + p];
        m->info[j].beta = m->coef[j + icpt] * m->info[j].sd / sdy;
    }
}

/* Condition number of the drivers' correlation matrix; VIFs from its
 * inverse unless the QR path gave them. */
static csat_status correlation_extras(csat_drivers *m, int need_vif, csat_error *err)
{
    const size_t p = m->p, q = p + 1;
    double *a = malloc(p * p * sizeof *a), *vec = malloc(p * p * sizeof *vec);
    double *val = malloc(p * sizeof *val);
    if (a == NULL || vec == NULL || val == NULL) {
        free(a);
        free(vec);
        free(val);
        return csat_fail(err, CSAT_ERR_NOMEM, CSAT_NO_INDEX, CSAT_NO_INDEX, NULL);
    }
    for (size_t i = 0; i < p; i++)
        for (size_t j = 0; j < p; j++)
            a[i * p + j] = m->corr[i * q + j];
    csat_eigen_symmetric(a, p, val, vec);
    /* With the QR's inverse at hand λmin comes from it (accurate however
     * ill-conditioned); from the correlation matrix alone λmin is only
     * known to about 1e-16 absolute. */
    if (m->inv_lambda_max > 0)
        m->s.condition = sqrt(val[p - 1] * m->inv_lambda_max);
    else
        m->s.condition = val[0] > 0 ? sqrt(val[p - 1] / val[0]) : INFINITY;
    csat_status st = CSAT_OK;
    if (need_vif) {
        for (size_t i = 0; i < p; i++)
            for (size_t j = 0; j < p; j++)
                a[i * p + j] = m->corr[i * q + j];
        for (size_t j = 0; j < p && st == CSAT_OK; j++)
            if (!(a[j * p + j] > SWEEP_RANK_TOL) || !csat_sweep(a, p, j))
                st = csat_fail(err, CSAT_ERR_SINGULAR, CSAT_NO_INDEX, j,
                               "driver %zu is a linear combination of the drivers before it", j);
        for (size_t j = 0; j < p && st == CSAT_OK; j++)
            m->info[j].vif = -a[j * p + j];
    }
    free(a);
    free(vec);
    free(val);
    return st;
}

/* Declared in drivers/model.h: also the design-based fit's (design.c). */
void csat_model_tests(csat_drivers *m, double df)
{
    double tq = csat_critical(m->s.level, df);
    for (size_t j = 0; j < m->k; j++) {
        if (m->se[j] > 0) {
            m->tval[j] = m->coef[j] / m->se[j];
            m->pval[j] = 2 * csat_t_sf(fabs(m->tval[j]), df);
        } else {
            /* No spread (a perfect fit, or no spread between the PSUs of a
             * design): any coefficient that is not 0 is certain
             * (documented with csat_coefficient). */
            m->tval[j] = m->coef[j] == 0 ? 0.0 : copysign(INFINITY, m->coef[j]);
            m->pval[j] = m->coef[j] == 0 ? 1.0 : 0.0;
        }
        m->lo[j] = m->coef[j] - tq * m->se[j];
        m->hi[j] = m->coef[j] + tq * m->se[j];
    }
}

/* t, p and interval of every coefficient; R², F and their relatives.
 * R² is mss/(mss + rss) with the model sum of squares computed directly,
 * not 1 − rss/tss, which loses log10(1/R²) digits when R² is small, as it
 * often is for survey data. */
static void finish(csat_drivers *m, double rss, double mss)
{
    csat_model_summary *s = &m->s;
    double df = s->df_resid;
    csat_model_tests(m, df);
    s->r2 = mss / (mss + rss);
    /* (n_pos − intercept)/df_resid: df + p is n_pos − intercept. */
    s->adj_r2 = 1 - (rss / (mss + rss)) * (df + s->df_model) / df;
    s->sigma = sqrt(rss / df);
    s->f = rss > 0 ? (mss / s->df_model) / (rss / df) : INFINITY;
    s->f_p = rss > 0 ? csat_f_sf(s->f, s->df_model, df) : 0.0;
}

/* Map a solution (or correction) θ of the centred, scaled problem to the
 * coefficients b = Tθ in place: b_j = θ_j/s_j, and with an intercept
 * b_0 = θ_0/s_0 − Σ b_j m_j. */
static void to_coefficients(double *d, const double *scale, const double *mean, size_t p,
                            int icpt)
{
    size_t o = (size_t)icpt;
    for (size_t j = 0; j < p; j++)
        d[j + o] /= scale[j + o];
    if (icpt) {
        double d0 = d[0] / scale[0];
        for (size_t j = 0; j < p; j++)
            d0 -= d[j + 1] * mean[j];
        d[0] = d0;
    }
}

/* The chunk buffers and fixed inputs of the passes over the rows. */
typedef struct lsq_ctx {
    const csat_lsq_kernels *kern;
    const double *scale; /* k column scales */
    const double *mean;  /* p + 1 weighted means */
    double yscale;       /* a power of 2 near 1/(the outcome's scale) */
    double *x, *y, *w, *e, *sw, *c; /* chunk: x B × p, c B × (k + 1), the rest B */
} lsq_ctx;

/* One pass over the complete rows of positive weight, CSAT_LSQ_CHUNK at a
 * time (rows of weight 0 add nothing to the problem and are left out): the
 * residuals at m->coef and the sums of lsq_kernel.h into s; with r not
 * NULL also the tall-skinny QR of the scaled design with the scaled
 * residuals as its last column, into the (k + 1)² triangle r: every chunk
 * is stacked under the triangle of the chunks before it and the two are
 * factored together, so that the design is never held whole. The
 * triangle does not depend on the residuals, so every pass gives the same
 * one, bit for bit. */
static void lsq_pass(const csat_drivers *m, const lsq_ctx *f, csat_lsq_sums *s, double *r)
{
    const size_t p = m->p, k = m->k, kk = k + 1, n = m->nrows, B = CSAT_LSQ_CHUNK;
    const size_t o = (size_t)m->s.intercept;
    const double b0 = o ? m->coef[0] : 0.0, ybar = o ? f->mean[p] : 0.0;
    double inv[CSAT_DRIVERS_MAX + 1], ctr[CSAT_DRIVERS_MAX];
    for (size_t j = 0; j < k; j++)
        inv[j] = 1.0 / f->scale[j];
    for (size_t j = 0; j < p; j++)
        ctr[j] = o ? f->mean[j] : 0.0;
    memset(s, 0, sizeof *s);
    if (r != NULL)
        memset(r, 0, kk * kk * sizeof *r);
    for (size_t i = 0; i < n;) {
        size_t t = 0;
        for (; i < n && t < B; i++) {
            const double wi = csat_model_weight(m, i);
            if (!(wi > 0))
                continue;
            if (m->rows_f32) {
                const float *row = (const float *)m->rows + i * p;
                for (size_t j = 0; j < p; j++)
                    f->x[j * B + t] = row[j];
            } else {
                const double *row = (const double *)m->rows + i * p;
                for (size_t j = 0; j < p; j++)
                    f->x[j * B + t] = row[j];
            }
            f->y[t] = m->y[i];
            f->w[t++] = wi;
        }
        if (t == 0)
            break;
        /* Rows of zeros with weight 0 fill out the last chunk: they change
         * no sum and scale to rows of zeros in the QR. */
        for (size_t u = t; u < B; u++) {
            for (size_t j = 0; j < p; j++)
                f->x[j * B + u] = 0;
            f->y[u] = f->w[u] = 0;
        }
        f->kern->residuals(f->x, p, f->y, f->w, b0, m->coef + o, ybar, f->e, s);
        if (r == NULL)
            continue;
        for (size_t u = 0; u < B; u++)
            f->sw[u] = sqrt(f->w[u]);
        if (o)
            for (size_t u = 0; u < B; u++)
                f->c[u] = f->sw[u] * inv[0];
        for (size_t j = 0; j < p; j++) {
            double *cj = f->c + (j + o) * B;
            const double *xj = f->x + j * B;
            for (size_t u = 0; u < B; u++)
                cj[u] = f->sw[u] * (xj[u] - ctr[j]) * inv[j + o];
        }
        for (size_t u = 0; u < B; u++)
            f->c[k * B + u] = f->sw[u] * f->e[u] * f->yscale;
        f->kern->tsqr(r, kk, f->c);
    }
}

/* The correction of the coefficients from the last column of the
 * triangle r of lsq_pass (Qᵀ of the scaled residuals): θ = R⁻¹ (Qᵀr)₁..ₖ,
 * mapped to coefficients into db. */
static void qr_correction(const double *r, size_t k, const lsq_ctx *f, size_t p, int icpt,
                          double *db)
{
    const size_t kk = k + 1;
    memcpy(db, r + k * kk, k * sizeof *db);
    csat_qr_solve_r(r, kk, k, db);
    for (size_t j = 0; j < k; j++)
        db[j] /= f->yscale; /* a power of 2: exact */
    to_coefficients(db, f->scale, f->mean, p, icpt);
}

/* Corrected semi-normal equation step from the gradient of a pass:
 * δθ = R⁻¹R⁻ᵀ Tᵀ(Aᵀr), with G = R⁻¹ (column-major k × k), mapped to
 * coefficients into db. */
static void seminormal_correction(const csat_lsq_sums *s, const double *g, size_t k, size_t p,
                                  int icpt, const lsq_ctx *f, double *db)
{
    const size_t o = (size_t)icpt;
    double gz[CSAT_DRIVERS_MAX + 1], u[CSAT_DRIVERS_MAX + 1];
    long double at0 = o ? csat_lsq_dd_value(&s->we) : 0.0L;
    /* Into the scaled coordinates: g_z = Tᵀ(Aᵀr). */
    for (size_t j = 0; j < p; j++)
        gz[j + o] = (double)((csat_lsq_dd_value(&s->wex[j]) - (o ? f->mean[j] * at0 : 0.0L))
                             / f->scale[j + o]);
    if (o)
        gz[0] = (double)(at0 / f->scale[0]);
    /* u = R⁻ᵀ g_z, then δθ = R⁻¹ u. */
    for (size_t i = 0; i < k; i++) {
        long double v = 0;
        for (size_t c = 0; c <= i; c++)
            v += (long double)g[i * k + c] * gz[c];
        u[i] = (double)v;
    }
    for (size_t i = 0; i < k; i++) {
        long double v = 0;
        for (size_t c = i; c < k; c++)
            v += (long double)g[c * k + i] * u[c];
        db[i] = (double)v;
    }
    to_coefficients(db, f->scale, f->mean, p, icpt);
}

/* √(a² + b²) of two non-negative terms given as a² = x and b = y, without
 * overflow: the scale of an uncentred column, √(Σw(x − x̄)² + Σw·x̄²). */
static double root_sum(double x, double y)
{
    return hypot(sqrt(x), y);
}

/* Least squares on the complete rows (doc/methods.md, "Least squares"). */
static csat_status fit_qr(csat_drivers *m, const csat_xprod_sums *a, csat_error *err)
{
    const size_t p = m->p, q = p + 1, k = m->k, kk = k + 1, B = CSAT_LSQ_CHUNK;
    const int icpt = m->s.intercept;
    const size_t o = (size_t)icpt;
    double scale[CSAT_DRIVERS_MAX + 1], db[CSAT_DRIVERS_MAX + 1];
    double *buf = malloc((B * (p + 4) + B * kk) * sizeof *buf);
    double *r = malloc(kk * kk * sizeof *r), *g = malloc(k * k * sizeof *g);
    csat_lsq_sums *s = malloc(sizeof *s);
    csat_status st = CSAT_OK;
    if (!buf || !r || !g || !s) {
        st = csat_fail(err, CSAT_ERR_NOMEM, CSAT_NO_INDEX, CSAT_NO_INDEX, NULL);
        goto done;
    }
    /* Column scales: the √w-weighted norm of the (centred) column, from
     * the co-moments; any scale near it serves, since the residuals of
     * every step come from the data as given. */
    if (icpt)
        scale[0] = sqrt(a->sum_w);
    for (size_t j = 0; j < p; j++)
        scale[j + o] = icpt ? sqrt(a->c[j * q + j])
                            : root_sum(a->c[j * q + j], sqrt(a->sum_w) * fabs(a->mean[j]));
    double sy = icpt ? sqrt(a->c[p * q + p])
                     : root_sum(a->c[p * q + p], sqrt(a->sum_w) * fabs(a->mean[p]));
    lsq_ctx f = { csat_lsq_kernels_pick(), scale, a->mean,
                  isfinite(sy) && sy > 0 ? ldexp(1.0, -ilogb(sy)) : 1.0, NULL, NULL, NULL,
                  NULL, NULL, NULL };
    f.x = buf;
    f.y = f.x + B * p;
    f.w = f.y + B;
    f.e = f.w + B;
    f.sw = f.e + B;
    f.c = f.sw + B;
    /* Start from b = (ȳ, 0, …): the first QR solves for the deviations of
     * the outcome from its mean. */
    memset(m->coef, 0, k * sizeof *m->coef);
    if (icpt)
        m->coef[0] = a->mean[p];
    lsq_pass(m, &f, s, r);
    for (size_t j = o; j < k; j++)
        if (!(fabs(r[j * kk + j]) > QR_RANK_TOL)) {
            st = csat_fail(err, CSAT_ERR_SINGULAR, CSAT_NO_INDEX, j - o,
                           "driver %zu is a linear combination of the drivers before it%s",
                           j - o, icpt ? " and the intercept" : "");
            goto done;
        }
    qr_correction(r, k, &f, p, icpt, db);
    for (size_t j = 0; j < k; j++)
        m->coef[j] += db[j];
    csat_qr_inverse_r(r, kk, k, g); /* column-major k × k */
    long double rn = 0, gn = 0;
    for (size_t c = 0; c < k; c++)
        for (size_t i = 0; i <= c; i++) {
            rn += (long double)r[c * kk + i] * r[c * kk + i];
            gn += (long double)g[c * k + i] * g[c * k + i];
        }
    /* s holds the sums of a pass at the current coefficients. */
    int fresh = 0;
    if (sqrtl(rn * gn) < 1e6L) {
        /* Well enough conditioned (‖R‖‖R⁻¹‖ < 1e6, so that squaring it in
         * the semi-normal equations still contracts): corrected
         * semi-normal equation steps on Aᵀr summed in double-double
         * (Björck 1987), which converge to the least-squares solution of
         * the data as given, each one pass of the residual kernel. */
        double last = INFINITY;
        for (int it = 0; it < SEMINORMAL_MAX; it++) {
            lsq_pass(m, &f, s, NULL);
            fresh = 1;
            seminormal_correction(s, g, k, p, icpt, &f, db);
            /* Stop at the noise floor: once a correction is not at least
             * half the size of the one before (relative, coefficient by
             * coefficient), it is rounding, and applying it would only
             * move the solution about. */
            double size = 0;
            for (size_t j = 0; j < k; j++)
                if (m->coef[j] != 0)
                    size = fmax(size, fabs(db[j] / m->coef[j]));
            if (size == 0 || size > 0.5 * last)
                break;
            for (size_t j = 0; j < k; j++)
                m->coef[j] += db[j];
            fresh = 0;
            last = size;
        }
    } else {
        /* Ill-conditioned: iterative refinement with the QR itself. The
         * residuals of the current coefficients on the original data, in
         * double-double, are the right-hand side of a pass that factors
         * the design again (the same triangle), whose Qᵀr gives the
         * least-squares correction. */
        for (int it = 1; it < REFINE_MAX; it++) {
            lsq_pass(m, &f, s, r);
            qr_correction(r, k, &f, p, icpt, db);
            /* Converged when no coefficient moves by more than a unit in
             * its last place: each is judged on its own scale. */
            int moved = 0;
            for (size_t j = 0; j < k; j++) {
                moved |= fabs(db[j]) > 1e-16 * fabs(m->coef[j] + db[j]);
                m->coef[j] += db[j];
            }
            if (!moved)
                break;
        }
    }
    if (!fresh)
        lsq_pass(m, &f, s, NULL);
    /* Residual and model sums of squares from the final coefficients: Σ w e²
     * and Σ w (ŷ − ȳ)² (Σ w ŷ² without an intercept). With an intercept
     * both are corrected two-pass sums, Σ w d² − (Σ w d)²/Σ w, which are
     * exact for any constant shift of d: the rounding of the intercept and
     * of ȳ, which weights spanning many orders of magnitude would otherwise
     * multiply into either sum, cancels. */
    long double rss = csat_lsq_dd_value(&s->wee), mss = csat_lsq_dd_value(&s->wff);
    if (icpt) {
        long double sw_all = csat_lsq_dd_value(&s->w), se_sum = csat_lsq_dd_value(&s->we);
        long double sf_sum = csat_lsq_dd_value(&s->wf);
        rss -= se_sum * se_sum / sw_all;
        mss -= sf_sum * sf_sum / sw_all;
        if (rss < 0)
            rss = 0;
        if (mss < 0)
            mss = 0;
    }
    double sigma2 = (double)rss / m->s.df_resid;
    for (size_t i = 0; i < k; i++) {
        long double v = 0;
        for (size_t c = 0; c < k; c++) {
            /* Row i of T times column c of G. */
            double tg;
            if (icpt && i == 0) {
                tg = g[c * k + 0] / scale[0];
                for (size_t j = 0; j < p; j++)
                    tg -= a->mean[j] * g[c * k + j + 1] / scale[j + 1];
            } else {
                tg = g[c * k + i] / scale[i];
            }
            v += (long double)tg * tg;
        }
        m->se[i] = sqrt(sigma2 * (double)v);
    }
    if (icpt) {
        /* VIF_j = ‖row j of R_d⁻¹‖², R_d the drivers' block of R: the
         * centred unit-norm columns make R_dᵀR_d the correlation matrix,
         * so R_d⁻¹R_d⁻ᵀ is its inverse, computed without squaring the
         * condition number. Its largest eigenvalue is 1/λmin. */
        double *inv = malloc(p * p * sizeof *inv), *vec = malloc(p * p * sizeof *vec);
        double *val = malloc(p * sizeof *val);
        if (inv && vec && val) {
            for (size_t i = 0; i < p; i++)
                for (size_t j = 0; j < p; j++) {
                    long double v = 0;
                    for (size_t c = (i > j ? i : j) + 1; c < k; c++)
                        v += (long double)g[c * k + i + 1] * g[c * k + j + 1];
                    inv[i * p + j] = (double)v;
                }
            for (size_t j = 0; j < p; j++)
                m->info[j].vif = inv[j * p + j];
            csat_eigen_symmetric(inv, p, val, vec);
            m->inv_lambda_max = val[p - 1];
        } else {
            st = csat_fail(err, CSAT_ERR_NOMEM, CSAT_NO_INDEX, CSAT_NO_INDEX, NULL);
        }
        free(inv);
        free(vec);
        free(val);
    }
    finish(m, (double)rss, (double)mss);
done:
    free(buf);
    free(r);
    free(g);
    free(s);
    return st;
}

/* Every statistic of a fitted model is a number (±inf only where a perfect
 * fit makes it certain: t, F). Degenerate data that slip past the checks
 * before the solve (extreme or subnormal co-moments from a blob) are
 * refused here rather than returned as NaN. */
static csat_status check_numbers(const csat_drivers *m, csat_error *err)
{
    const csat_model_summary *s = &m->s;
    int ok = isfinite(s->r2) && !isnan(s->adj_r2) && isfinite(s->sigma) && !isnan(s->f)
             && !isnan(s->f_p) && !isnan(s->condition);
    for (size_t j = 0; j < m->k && ok; j++)
        ok = isfinite(m->coef[j]) && isfinite(m->se[j]) && !isnan(m->tval[j])
             && !isnan(m->pval[j]) && !isnan(m->lo[j]) && !isnan(m->hi[j]);
    for (size_t j = 0; j < m->p && ok; j++)
        ok = isfinite(m->info[j].beta) && isfinite(m->info[j].sd) && isfinite(m->info[j].r)
             && !isnan(m->info[j].vif);
    if (!ok)
        return csat_fail(err, CSAT_ERR_SINGULAR, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "the data are numerically degenerate: the fit gives no finite "
                         "estimates in double precision");
    return CSAT_OK;
}

static csat_status fit_common(csat_drivers *m, const csat_xprod *acc,
                              const csat_drivers_options *o, csat_error *err)
{
    const csat_xprod_sums sums = csat_xprod_get_sums(acc), *a = &sums;
    csat_status st = prepare(m, acc, a, o, err);
    if (st == CSAT_OK)
        st = fit_qr(m, a, err);
    /* VIFs come from the QR with an intercept; without one, from the
     * inverse of the drivers' (centred) correlation matrix. */
    if (st == CSAT_OK)
        st = correlation_extras(m, !o->intercept, err);
    if (st == CSAT_OK) {
        driver_info(m, a);
        st = check_numbers(m, err);
    }
    return st;
}

/* 1 if every driver of the complete rows is a float exactly (NaN and
 * infinity excepted: those rows are missing or refused): ratings and
 * counts are, and half the bytes then hold the same values. Stops at the
 * first that is not, so that data of doubles cost next to nothing. */
static int drivers_are_floats(const double *x, size_t n, size_t p, size_t ld, const double *y)
{
    for (size_t i = 0; i < n; i++) {
        const double *row = x + i * ld;
        if (isnan(y[i]))
            continue;
        int missing = 0, exact = 1;
        for (size_t j = 0; j < p; j++) {
            double v = row[j];
            missing |= isnan(v);
            /* In range first: converting a double beyond FLT_MAX to float
             * is undefined. */
            exact &= isnan(v) || (fabs(v) <= FLT_MAX && (double)(float)v == v);
        }
        if (!missing && !exact)
            return 0;
    }
    return 1;
}

csat_status csat_drivers_fit(const double *x, size_t n, size_t p, size_t ld, const double *y,
                             const double *w, const csat_drivers_options *opt, csat_drivers **out,
                             csat_error *err)
{
    CSAT_REQUIRE(x, err);
    CSAT_REQUIRE(y, err);
    CSAT_REQUIRE(out, err);
    static const csat_drivers_options d = CSAT_DRIVERS_OPTIONS_DEFAULT;
    csat_drivers_options o;
    csat_status st = CSAT_LOAD_OPTIONS(o, opt, d, err);
    if (st == CSAT_OK)
        st = check_p(p, err);
    if (st == CSAT_OK)
        st = check_options(&o, err);
    if (st != CSAT_OK)
        return st;
    if (ld < p)
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "leading dimension %zu is smaller than the %zu drivers", ld, p);
    csat_xprod *a = NULL;
    st = csat_xprod_create(p, &a, err);
    if (st != CSAT_OK)
        return st;
    /* The accumulator validates the data and computes the means and
     * co-moments; the complete rows are kept for the QR and the bootstrap. */
    st = csat_xprod_add(a, x, n, ld, y, w, err);
    csat_drivers *m = NULL;
    if (st == CSAT_OK) {
        m = model_alloc(p, o.intercept);
        if (m != NULL) {
            m->s.intercept = o.intercept;
            /* The complete rows are at most the n rows the caller holds:
             * the sizes cannot wrap unless n and ld describe more memory
             * than exists; refuse that too. */
            size_t rows = (size_t)csat_xprod_get_sums(a).n;
            if (!csat_array_fits(rows + 1, p + 1, sizeof(double))) {
                csat_drivers_free(m);
                csat_xprod_free(a);
                return csat_fail_overflow(err, "rows", rows, p + 1);
            }
            /* On huge pages where the kernel offers them: a fault per 4 KiB
             * page costs more than the fit's passes over these rows. Unit
             * weights are not kept, and drivers that are floats exactly
             * are kept as floats (model.h). */
            m->rows_f32 = drivers_are_floats(x, n, p, ld, y);
            m->rows = csat_big_alloc(rows * p * (m->rows_f32 ? sizeof(float) : sizeof(double))
                                     + 8);
            m->y = csat_big_alloc(rows * sizeof *m->y + 1);
            m->w = w != NULL ? csat_big_alloc(rows * sizeof *m->w + 1) : NULL;
        }
        if (m == NULL || m->rows == NULL || m->y == NULL || (w != NULL && m->w == NULL))
            st = csat_fail(err, CSAT_ERR_NOMEM, CSAT_NO_INDEX, CSAT_NO_INDEX, NULL);
    }
    if (st == CSAT_OK) {
        size_t t = 0;
        for (size_t i = 0; i < n; i++) {
            const double *row = x + i * ld;
            int missing = isnan(y[i]);
            for (size_t j = 0; j < p; j++)
                missing |= isnan(row[j]);
            if (missing)
                continue;
            if (m->rows_f32) {
                float *dst = (float *)m->rows + t * p;
                for (size_t j = 0; j < p; j++)
                    dst[j] = (float)row[j];
            } else {
                memcpy((double *)m->rows + t * p, row, p * sizeof *row);
            }
            m->y[t] = y[i];
            if (w != NULL)
                m->w[t] = w[i];
            t++;
        }
        m->nrows = t;
        st = fit_common(m, a, &o, err);
    }
    csat_xprod_free(a);
    if (st != CSAT_OK) {
        csat_drivers_free(m);
        return st;
    }
    *out = m;
    return CSAT_OK;
}

/* The same model from co-moments alone (doc/methods.md, "Cross-product
 * accumulator"): sweep the drivers out of the (scaled) moment matrix. */
static csat_status fit_sweep(csat_drivers *m, const csat_xprod_sums *a, csat_error *err)
{
    const size_t p = m->p, q = p + 1;
    const int icpt = m->s.intercept;
    double *s = malloc(q * q * sizeof *s), *d = malloc(q * sizeof *d);
    if (s == NULL || d == NULL) {
        free(s);
        free(d);
        return csat_fail(err, CSAT_ERR_NOMEM, CSAT_NO_INDEX, CSAT_NO_INDEX, NULL);
    }
    /* Centred co-moments with an intercept, raw moments without; scaled to
     * unit diagonal so that pivots compare with SWEEP_RANK_TOL. */
    for (size_t i = 0; i < q; i++)
        for (size_t j = 0; j < q; j++)
            s[i * q + j] = a->c[i * q + j]
                           + (icpt ? 0.0 : a->sum_w * a->mean[i] * a->mean[j]);
    for (size_t i = 0; i < q; i++)
        d[i] = sqrt(s[i * q + i]);
    for (size_t i = 0; i < q; i++)
        for (size_t j = 0; j < q; j++)
            s[i * q + j] /= d[i] * d[j];
    double ys[CSAT_DRIVERS_MAX];
    for (size_t j = 0; j < p; j++)
        ys[j] = s[j * q + p];
    csat_status st = CSAT_OK;
    for (size_t j = 0; j < p && st == CSAT_OK; j++)
        if (!(s[j * q + j] > SWEEP_RANK_TOL) || !csat_sweep(s, q, j))
            st = csat_fail(err, CSAT_ERR_SINGULAR, CSAT_NO_INDEX, j,
                           "driver %zu is a linear combination of the drivers before it", j);
    if (st == CSAT_OK && !(s[p * q + p] > 1e-12)) {
        /* The swept residual is a difference of co-moments: at a perfect
         * (or nearly perfect) fit it is rounding, and no standard error can
         * be had from the co-moments alone. */
        st = csat_fail(err, CSAT_ERR_SINGULAR, CSAT_NO_INDEX, p,
                       "the drivers explain the outcome (almost) exactly: the co-moments leave "
                       "no residual variance to estimate errors from; fit from the rows");
    }
    if (st == CSAT_OK) {
        double tss = d[p] * d[p], rss = s[p * q + p] * tss;
        double sigma2 = rss / m->s.df_resid;
        /* mss = Σ b_j M_jy: the explained part directly, in scaled form
         * Σ (swept coefficient) × (scaled moment with y). */
        double mss = 0;
        for (size_t j = 0; j < p; j++)
            mss += s[j * q + p] * ys[j];
        mss *= tss;
        double *b = m->coef + icpt;
        for (size_t j = 0; j < p; j++)
            b[j] = s[j * q + p] * d[p] / d[j];
        /* Cov(b_j, b_l) = σ² (M⁻¹)_jl, and −s[j][l] is the scaled inverse. */
        for (size_t j = 0; j < p; j++)
            m->se[j + (size_t)icpt] = sqrt(sigma2 * -s[j * q + j]) / d[j];
        if (icpt) {
            double b0 = a->mean[p], v = 1.0 / a->sum_w;
            for (size_t j = 0; j < p; j++) {
                b0 -= b[j] * a->mean[j];
                for (size_t l = 0; l < p; l++)
                    v += a->mean[j] * a->mean[l] * -s[j * q + l] / (d[j] * d[l]);
            }
            m->coef[0] = b0;
            m->se[0] = sqrt(sigma2 * v);
        }
        finish(m, rss, mss);
    }
    free(s);
    free(d);
    return st;
}

csat_status csat_drivers_fit_xprod(const csat_xprod *a, const csat_drivers_options *opt,
                                   csat_drivers **out, csat_error *err)
{
    CSAT_REQUIRE(a, err);
    CSAT_REQUIRE(out, err);
    static const csat_drivers_options d = CSAT_DRIVERS_OPTIONS_DEFAULT;
    csat_drivers_options o;
    csat_status st = CSAT_LOAD_OPTIONS(o, opt, d, err);
    if (st == CSAT_OK)
        st = check_options(&o, err);
    if (st != CSAT_OK)
        return st;
    const csat_xprod_sums sums = csat_xprod_get_sums(a);
    csat_drivers *m = model_alloc(sums.p, o.intercept);
    if (m == NULL)
        return csat_fail(err, CSAT_ERR_NOMEM, CSAT_NO_INDEX, CSAT_NO_INDEX, NULL);
    st = prepare(m, a, &sums, &o, err);
    if (st == CSAT_OK)
        st = fit_sweep(m, &sums, err);
    if (st == CSAT_OK)
        st = correlation_extras(m, 1, err);
    if (st == CSAT_OK) {
        driver_info(m, &sums);
        st = check_numbers(m, err);
    }
    if (st != CSAT_OK) {
        csat_drivers_free(m);
        return st;
    }
    *out = m;
    return CSAT_OK;
}

csat_status csat_drivers_summary(const csat_drivers *m, csat_model_summary *out, csat_error *err)
{
    CSAT_REQUIRE(m, err);
    CSAT_REQUIRE_OUT(out, err);
    CSAT_STORE(out, m->s);
    return CSAT_OK;
}

csat_status csat_drivers_coefficient(const csat_drivers *m, size_t j, csat_coefficient *out,
                                     csat_error *err)
{
    CSAT_REQUIRE(m, err);
    CSAT_REQUIRE_OUT(out, err);
    if (j >= m->k)
        return csat_fail(err, CSAT_ERR_ARGUMENT, j, CSAT_NO_INDEX,
                         "term %zu does not exist: the model has %zu coefficients", j, m->k);
    csat_coefficient c = { sizeof c, m->coef[j], m->se[j], m->tval[j], m->pval[j], m->lo[j], m->hi[j] };
    CSAT_STORE(out, c);
    return CSAT_OK;
}

csat_status csat_drivers_driver(const csat_drivers *m, size_t j, csat_driver_info *out,
                                csat_error *err)
{
    CSAT_REQUIRE(m, err);
    CSAT_REQUIRE_OUT(out, err);
    if (j >= m->p)
        return csat_fail(err, CSAT_ERR_ARGUMENT, j, CSAT_NO_INDEX,
                         "driver %zu does not exist: the model has %zu drivers", j, m->p);
    CSAT_STORE(out, m->info[j]);
    return CSAT_OK;
}
