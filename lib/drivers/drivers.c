/* Key-driver regression: weighted least squares by Householder QR with
 * iterative refinement, or from a cross-product accumulator by the sweep
 * operator; the model's accessors (doc/methods.md, "Least squares",
 * "Standardised coefficients and VIF"). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "accum/xprod.h"
#include "core/checks.h"
#include "core/error.h"
#include "core/sized.h"
#include "core/linalg.h"
#include "core/probability.h"
#include "core/size.h"
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
    free(m->rows);
    free(m->w);
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

/* Corrected semi-normal equation steps: δθ = R⁻¹R⁻ᵀ Tᵀ(Aᵀr), with r and
 * Aᵀr in extended precision on the original data. Returns the final RSS. */
static long double refine_seminormal(csat_drivers *m, const csat_xprod_sums *a, size_t np,
                                     const double *g, const size_t *idx, const double *scale)
{
    const size_t p = m->p, q = p + 1, k = m->k, icpt = (size_t)m->s.intercept;
    long double at[CSAT_DRIVERS_MAX + 1] = { 0 };
    double gz[CSAT_DRIVERS_MAX + 1], u[CSAT_DRIVERS_MAX + 1], db[CSAT_DRIVERS_MAX + 1];
    double last = INFINITY;
    for (int it = 0; it < SEMINORMAL_MAX; it++) {
        /* Aᵀr with A the √w-weighted design and r the √w-weighted residual:
         * Σ w e x_j (and Σ w e for the intercept). */
        for (size_t j = 0; j < k; j++)
            at[j] = 0;
        for (size_t i = 0; i < np; i++) {
            const double *row = m->rows + idx[i] * q;
            long double fit = icpt ? m->coef[0] : 0.0L;
            for (size_t j = 0; j < p; j++)
                fit += (long double)m->coef[j + icpt] * row[j];
            long double we = m->w[idx[i]] * (row[p] - fit);
            if (icpt)
                at[0] += we;
            for (size_t j = 0; j < p; j++)
                at[j + icpt] += we * row[j];
        }
        /* Into the scaled coordinates: g_z = Tᵀ(Aᵀr). */
        for (size_t j = 0; j < p; j++)
            gz[j + icpt] = (double)((at[j + icpt] - (icpt ? a->mean[j] * at[0] : 0.0L))
                                    / scale[j + icpt]);
        if (icpt)
            gz[0] = (double)(at[0] / scale[0]);
        /* u = R⁻ᵀ g_z, then δθ = R⁻¹ u, with G = R⁻¹ (column-major). */
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
        to_coefficients(db, scale, a->mean, p, (int)icpt);
        /* Stop at the noise floor: once a correction is not at least half
         * the size of the one before (relative, coefficient by coefficient),
         * it is rounding, and applying it would only move the solution
         * about. */
        double size = 0;
        for (size_t j = 0; j < k; j++)
            if (m->coef[j] != 0)
                size = fmax(size, fabs(db[j] / m->coef[j]));
        if (size == 0 || size > 0.5 * last)
            break;
        for (size_t j = 0; j < k; j++)
            m->coef[j] += db[j];
        last = size;
    }
    long double rss = 0;
    for (size_t i = 0; i < np; i++) {
        const double *row = m->rows + idx[i] * q;
        long double fit = icpt ? m->coef[0] : 0.0L;
        for (size_t j = 0; j < p; j++)
            fit += (long double)m->coef[j + icpt] * row[j];
        long double e = row[p] - fit;
        rss += m->w[idx[i]] * e * e;
    }
    return rss;
}

/* Least squares on the complete rows (doc/methods.md, "Least squares"). */
static csat_status fit_qr(csat_drivers *m, const csat_xprod_sums *a, csat_error *err)
{
    const size_t p = m->p, q = p + 1, k = m->k, n = m->nrows;
    const int icpt = m->s.intercept;
    size_t np = (size_t)a->n_pos; /* ≤ the rows held: np · k cannot wrap */
    double *z = malloc(np * k * sizeof *z), *tau = malloc(k * sizeof *tau);
    double *r = malloc(np * sizeof *r), *g = malloc(k * k * sizeof *g);
    double *scale = malloc(k * sizeof *scale), *db = malloc(k * sizeof *db);
    size_t *idx = malloc(np * sizeof *idx);
    csat_status st = CSAT_OK;
    if (!z || !tau || !r || !g || !scale || !idx || !db) {
        st = csat_fail(err, CSAT_ERR_NOMEM, CSAT_NO_INDEX, CSAT_NO_INDEX, NULL);
        goto done;
    }
    /* Rows with weight 0 add nothing to a weighted least-squares problem. */
    size_t t = 0;
    for (size_t i = 0; i < n; i++)
        if (m->w[i] > 0)
            idx[t++] = i;
    /* Column scales: the √w-weighted norm of the (centred) column. */
    long double swn = 0;
    for (size_t i = 0; i < np; i++)
        swn += m->w[idx[i]];
    if (icpt)
        scale[0] = sqrt((double)swn);
    for (size_t j = 0; j < p; j++) {
        long double ss = 0;
        double c = icpt ? a->mean[j] : 0.0;
        for (size_t i = 0; i < np; i++) {
            long double d = (long double)m->rows[idx[i] * q + j] - c;
            ss += m->w[idx[i]] * d * d;
        }
        scale[j + (size_t)icpt] = sqrt((double)ss);
    }
    for (size_t i = 0; i < np; i++) {
        double sw = sqrt(m->w[idx[i]]);
        if (icpt)
            z[i] = sw / scale[0];
        for (size_t j = 0; j < p; j++) {
            double c = icpt ? a->mean[j] : 0.0;
            z[(j + (size_t)icpt) * np + i] =
                sw * (m->rows[idx[i] * q + j] - c) / scale[j + (size_t)icpt];
        }
    }
    csat_qr_factor(z, np, k, tau);
    for (size_t j = (size_t)icpt; j < k; j++)
        if (!(fabs(z[j * np + j]) > QR_RANK_TOL)) {
            st = csat_fail(err, CSAT_ERR_SINGULAR, CSAT_NO_INDEX, j - (size_t)icpt,
                           "driver %zu is a linear combination of the drivers before it%s",
                           j - (size_t)icpt, icpt ? " and the intercept" : "");
            goto done;
        }
    /* b = T θ maps the solution θ of the scaled problem to coefficients. */
    memset(m->coef, 0, k * sizeof *m->coef);
    long double rss = 0;
    for (int it = 0; it <= REFINE_MAX; it++) {
        /* Residuals of the current coefficients on the original data, in
         * extended precision: the refinement step solves for their
         * least-squares correction with the same factorisation. */
        rss = 0;
        for (size_t i = 0; i < np; i++) {
            const double *row = m->rows + idx[i] * q;
            long double fit = icpt ? m->coef[0] : 0.0L;
            for (size_t j = 0; j < p; j++)
                fit += (long double)m->coef[j + (size_t)icpt] * row[j];
            long double e = row[p] - fit;
            rss += m->w[idx[i]] * e * e;
            r[i] = (double)(sqrtl(m->w[idx[i]]) * e);
        }
        if (it == REFINE_MAX)
            break;
        csat_qr_apply_qt(z, np, k, tau, r);
        memcpy(db, r, k * sizeof *db);
        csat_qr_solve_r(z, np, k, db);
        to_coefficients(db, scale, a->mean, p, icpt);
        /* Converged when no coefficient moves by more than a unit in its
         * last place: each is judged on its own scale, small ones too. */
        int moved = 0;
        for (size_t j = 0; j < k; j++) {
            moved |= fabs(db[j]) > 1e-16 * fabs(m->coef[j] + db[j]);
            m->coef[j] += db[j];
        }
        if (it > 0 && !moved)
            break;
    }
    csat_qr_inverse_r(z, np, k, g); /* column-major k × k */
    /* The steps above converge to where Qᵀr vanishes for the computed Q;
     * for a large residual that is not quite Aᵀr = 0. Where the design is
     * well enough conditioned (‖R‖‖R⁻¹‖ < 1e6, so that squaring it in the
     * semi-normal equations still contracts), finish with corrected
     * semi-normal equation steps on Aᵀr summed in extended precision
     * (Björck 1987), which converge to the least-squares solution of the
     * data as given. */
    long double rn = 0, gn = 0;
    for (size_t c = 0; c < k; c++)
        for (size_t i = 0; i <= c; i++) {
            rn += (long double)z[c * np + i] * z[c * np + i];
            gn += (long double)g[c * k + i] * g[c * k + i];
        }
    if (sqrtl(rn * gn) < 1e6L)
        rss = refine_seminormal(m, a, np, g, idx, scale);
    /* Covariance: σ² (T R⁻¹)(T R⁻¹)ᵀ. */
    /* Residual and model sums of squares from the final coefficients: Σ w e²
     * and Σ w (ŷ − ȳ)² (Σ w ŷ² without an intercept). With an intercept
     * both are corrected two-pass sums, Σ w d² − (Σ w d)²/Σ w, which are
     * exact for any constant shift of d: the rounding of the intercept and
     * of ȳ, which weights spanning many orders of magnitude would otherwise
     * multiply into either sum, cancels. */
    long double mss = 0, sw_all = 0, se_sum = 0, sf_sum = 0;
    rss = 0;
    for (size_t i = 0; i < np; i++) {
        const double *row = m->rows + idx[i] * q;
        long double fit = icpt ? (long double)m->coef[0] - a->mean[p] : 0.0L;
        for (size_t j = 0; j < p; j++)
            fit += (long double)m->coef[j + (size_t)icpt] * row[j];
        long double wi = m->w[idx[i]], e = (row[p] - (long double)a->mean[p]) - fit;
        if (!icpt)
            e = row[p] - fit;
        rss += wi * e * e;
        mss += wi * fit * fit;
        sw_all += wi;
        se_sum += wi * e;
        sf_sum += wi * fit;
    }
    if (icpt) {
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
    free(z);
    free(tau);
    free(r);
    free(g);
    free(scale);
    free(idx);
    free(db);
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
            if (!csat_array_fits(rows + 1, p + 1, sizeof *m->rows)) {
                csat_drivers_free(m);
                csat_xprod_free(a);
                return csat_fail_overflow(err, "rows", rows, p + 1);
            }
            m->rows = malloc(rows * (p + 1) * sizeof *m->rows + 1);
            m->w = malloc(rows * sizeof *m->w + 1);
        }
        if (m == NULL || m->rows == NULL || m->w == NULL)
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
            memcpy(m->rows + t * (p + 1), row, p * sizeof *row);
            m->rows[t * (p + 1) + p] = y[i];
            m->w[t++] = w ? w[i] : 1.0;
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
