/* Key drivers of a survey design: the weighted fit of drivers.c with
 * design-based inference, as R's svyglm (Gaussian) makes it
 * (doc/methods.md, "Key drivers of a design"; Binder 1983; Lumley 2010,
 * ch. 5). The coefficients' covariance is the sandwich A⁻¹BA⁻¹, A = XᵀWX
 * and B the design covariance of the unit totals of the score rows
 * u_i = w_i e_i x_i; t statistics use the design's degrees of freedom.
 * The design's units and strata are copied into the model, so that the
 * bootstrap (bootstrap.c) can resample PSUs within strata. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/probability.h"
#include "core/size.h"
#include "design/design.h"
#include "drivers/model.h"

/* The design's index arrays live after the rows in their block. */
_Static_assert(_Alignof(size_t) <= _Alignof(double), "size_t after doubles must be aligned");

/* Row i is complete (no NaN in its drivers or its outcome): the rule of
 * csat_drivers_fit, whose complete rows are the model's rows, in order. */
static int row_complete(const double *x, size_t ld, size_t p, const double *y, size_t i)
{
    if (isnan(y[i]))
        return 0;
    for (size_t j = 0; j < p; j++)
        if (isnan(x[i * ld + j]))
            return 0;
    return 1;
}

/* Cholesky factor of the symmetric positive-definite k × k matrix a
 * (row-major, lower triangle read and overwritten by L). 0 when a pivot
 * is not positive. */
static int cholesky(long double *a, size_t k)
{
    for (size_t j = 0; j < k; j++) {
        long double d = a[j * k + j];
        for (size_t c = 0; c < j; c++)
            d -= a[j * k + c] * a[j * k + c];
        if (!(d > 0))
            return 0;
        d = sqrtl(d);
        a[j * k + j] = d;
        for (size_t i = j + 1; i < k; i++) {
            long double v = a[i * k + j];
            for (size_t c = 0; c < j; c++)
                v -= a[i * k + c] * a[j * k + c];
            a[i * k + j] = v / d;
        }
    }
    return 1;
}

/* b ← L⁻¹ b. */
static void forward(const long double *l, size_t k, long double *b)
{
    for (size_t i = 0; i < k; i++) {
        long double v = b[i];
        for (size_t c = 0; c < i; c++)
            v -= l[i * k + c] * b[c];
        b[i] = v / l[i * k + i];
    }
}

/* b ← L⁻ᵀ b. */
static void backward(const long double *l, size_t k, long double *b)
{
    for (size_t i = k; i-- > 0;) {
        long double v = b[i];
        for (size_t c = i + 1; c < k; c++)
            v -= l[c * k + i] * b[c];
        b[i] = v / l[i * k + i];
    }
}

/* The scaled row x̃ = xT of complete row t: with an intercept
 * (1/s_0, (x_j − m_j)/s_j), m the weighted means and s_0 = √Σw, s_j the
 * root of Σ w (x_j − m_j)²; without, x_j/s_j, s_j the root of Σ w x_j².
 * XᵀWX = T⁻ᵀ (X̃ᵀWX̃) T⁻¹, and X̃ᵀWX̃ is the drivers' correlation matrix
 * bordered by the intercept's unit diagonal, as well conditioned as the
 * drivers allow, where XᵀWX of ratings on 1..100 is not. */
static void scaled_row(const double *row, size_t p, size_t icpt, const long double *mean,
                       const long double *scale, long double *xt)
{
    if (icpt)
        xt[0] = 1 / scale[0];
    for (size_t j = 0; j < p; j++)
        xt[j + icpt] = ((long double)row[j] - (icpt ? mean[j] : 0)) / scale[j + icpt];
}

/* The design's units by stratum and the model's rows by unit, after the
 * rows in their block (see model.h). unit[t] is the unit of row t. */
static csat_status keep_design(csat_drivers *m, const csat_design *d, const size_t *unit,
                               csat_error *err)
{
    const size_t nr = m->nrows, U = d->U, H = d->H;
    /* (H + 1) + U + (U + 1) + nr indices: each term is at most the rows of
     * the design or the model, so the sum cannot wrap a size_t holding
     * their arrays; the bytes are checked. */
    size_t idx = (H + 1) + U + (U + 1) + nr, head = csat_model_rows_bytes(m), tail;
    if (!csat_size_mul(idx, sizeof(size_t), &tail) || tail > SIZE_MAX - head)
        return csat_fail_overflow(err, "design index", idx, sizeof(size_t));
    unsigned char *block = realloc(m->rows, head + tail);
    if (block == NULL)
        return csat_fail(err, CSAT_ERR_NOMEM, CSAT_NO_INDEX, CSAT_NO_INDEX, NULL);
    m->rows = block;
    size_t *s = (size_t *)(void *)(block + head);
    m->stratum_start = s;
    m->stratum_units = s + H + 1;
    m->unit_start = m->stratum_units + U;
    m->unit_rows = m->unit_start + U + 1;
    /* Counting sorts, stable: units in their order within a stratum, rows
     * in theirs within a unit. */
    memset(m->stratum_start, 0, (H + 1) * sizeof *s);
    for (size_t u = 0; u < U; u++)
        m->stratum_start[(size_t)d->unit_stratum[u] + 1]++;
    for (size_t h = 0; h < H; h++)
        m->stratum_start[h + 1] += m->stratum_start[h];
    memset(m->unit_start, 0, (U + 1) * sizeof *s);
    for (size_t t = 0; t < nr; t++)
        m->unit_start[unit[t] + 1]++;
    for (size_t u = 0; u < U; u++)
        m->unit_start[u + 1] += m->unit_start[u];
    /* Fill from the ends backwards, so that the starts need no copy. */
    for (size_t u = U; u-- > 0;)
        m->stratum_units[--m->stratum_start[(size_t)d->unit_stratum[u] + 1]] = u;
    for (size_t t = nr; t-- > 0;)
        m->unit_rows[--m->unit_start[unit[t] + 1]] = t;
    /* Each start[h + 1] went back to start[h]: shift them into place. */
    memmove(m->stratum_start, m->stratum_start + 1, H * sizeof *s);
    m->stratum_start[H] = U;
    memmove(m->unit_start, m->unit_start + 1, U * sizeof *s);
    m->unit_start[U] = nr;
    m->units = U;
    m->strata = H;
    return CSAT_OK;
}

/* t, p, interval of each coefficient on df; the Wald F of the drivers. */
static void design_tests(csat_drivers *m, const double *V, double df, long double *l)
{
    const size_t k = m->k, p = m->p, icpt = (size_t)m->s.intercept;
    for (size_t j = 0; j < k; j++)
        m->se[j] = sqrt(V[j * k + j]);
    csat_model_tests(m, df);
    /* The model's F is the design-based Wald test that every driver's
     * coefficient is 0, R's regTermTest(fit, ~ x1 + ... + xp):
     * F = b'V⁻¹b / p on (p, df). Without a positive-definite V of the
     * drivers there is no such test: NaN. */
    for (size_t a = 0; a < p; a++)
        for (size_t b = 0; b < p; b++)
            l[a * p + b] = V[(a + icpt) * k + b + icpt];
    m->s.df_resid = df;
    if (!cholesky(l, p)) {
        m->s.f = NAN;
        m->s.f_p = NAN;
        return;
    }
    long double v[CSAT_DRIVERS_MAX], chisq = 0;
    for (size_t j = 0; j < p; j++)
        v[j] = m->coef[j + icpt];
    forward(l, p, v);
    for (size_t j = 0; j < p; j++)
        chisq += v[j] * v[j];
    m->s.f = (double)(chisq / (long double)p);
    m->s.f_p = csat_f_sf(m->s.f, (double)p, df);
}

/* Replace the weighted fit's inference by the design's. */
static csat_status design_inference(csat_drivers *m, const double *x, size_t ld, const double *y,
                                    const csat_design *d, csat_error *err)
{
    const size_t p = m->p, k = m->k, nr = m->nrows, U = d->U, H = d->H;
    const size_t icpt = (size_t)m->s.intercept;
    if (!csat_array_fits(U, k, sizeof(double)))
        return csat_fail_overflow(err, "unit totals", U, k);
    size_t *unit = malloc(nr * sizeof *unit + 1);
    unsigned char *present = calloc(U, 1), *upos = calloc(U, 1), *hpos = calloc(H, 1);
    double *z = calloc(U * k, sizeof *z), *V = malloc(k * k * sizeof *V);
    long double *a = calloc(k * k, sizeof *a);
    csat_status st = CSAT_OK;
    if (!unit || !present || !upos || !hpos || !z || !V || !a) {
        st = csat_fail(err, CSAT_ERR_NOMEM, CSAT_NO_INDEX, CSAT_NO_INDEX, NULL);
        goto done;
    }
    /* The unit of every complete row; the units and strata holding one of
     * positive weight give the design's df (R's degf of the design of the
     * complete rows). Every unit of the design enters the variance, those
     * without a complete row with a total of 0, as R keeps the design's
     * PSU counts when svyglm drops incomplete rows. */
    size_t t = 0, nu = 0, nh = 0;
    for (size_t i = 0; i < d->n; i++) {
        if (!row_complete(x, ld, p, y, i))
            continue;
        size_t u = d->rowpsu ? i : (size_t)d->key[i];
        unit[t] = u;
        present[u] = 1;
        if (csat_model_weight(m, t) > 0) {
            size_t h = (size_t)d->unit_stratum[u];
            nu += !upos[u];
            upos[u] = 1;
            nh += !hpos[h];
            hpos[h] = 1;
        }
        t++;
    }
    double df = (double)nu - (double)nh + 1 - (double)k;
    if (!(df >= 1)) {
        st = csat_fail(err, CSAT_ERR_TOO_FEW, CSAT_NO_INDEX, CSAT_NO_INDEX,
                       "%zu %s with a complete row of positive weight in %zu strata leave "
                       "%g residual degrees of freedom for %zu coefficients: PSUs minus strata "
                       "must be at least the number of coefficients",
                       nu, d->rowpsu ? "rows" : "PSUs", nh, df, k);
        goto done;
    }
    /* Weighted means and scales of the columns over the complete rows. */
    long double sw = 0, mean[CSAT_DRIVERS_MAX] = { 0 }, scale[CSAT_DRIVERS_MAX + 1];
    long double xt[CSAT_DRIVERS_MAX + 1], th[CSAT_DRIVERS_MAX + 1];
    double row[CSAT_DRIVERS_MAX + 1];
    for (t = 0; t < nr; t++) {
        sw += csat_model_weight(m, t);
        csat_model_row(m, t, row);
        for (size_t j = 0; j < p; j++)
            mean[j] += csat_model_weight(m, t) * (long double)row[j];
    }
    for (size_t j = 0; j < p; j++)
        mean[j] = icpt ? mean[j] / sw : 0;
    for (size_t j = 0; j < k; j++)
        scale[j] = 0;
    for (t = 0; t < nr; t++) {
        csat_model_row(m, t, row);
        for (size_t j = 0; j < p; j++) {
            long double dv = (long double)row[j] - mean[j];
            scale[j + icpt] += csat_model_weight(m, t) * dv * dv;
        }
    }
    if (icpt)
        scale[0] = sw;
    for (size_t j = 0; j < k; j++)
        scale[j] = sqrtl(scale[j]);
    /* X̃ᵀWX̃ and its Cholesky factor. */
    for (t = 0; t < nr; t++) {
        csat_model_row(m, t, row);
        scaled_row(row, p, icpt, mean, scale, xt);
        for (size_t r = 0; r < k; r++)
            for (size_t c = 0; c <= r; c++)
                a[r * k + c] += csat_model_weight(m, t) * xt[r] * xt[c];
    }
    if (!cholesky(a, k)) {
        st = csat_fail(err, CSAT_ERR_SINGULAR, CSAT_NO_INDEX, CSAT_NO_INDEX,
                       "the drivers' cross-product matrix is not positive definite");
        goto done;
    }
    /* Unit totals of the scaled score rows w_i e_i x̃_i. */
    for (t = 0; t < nr; t++) {
        csat_model_row(m, t, row);
        long double fit = icpt ? m->coef[0] : 0.0L;
        for (size_t j = 0; j < p; j++)
            fit += (long double)m->coef[j + icpt] * row[j];
        long double we = csat_model_weight(m, t) * (row[p] - fit);
        scaled_row(row, p, icpt, mean, scale, xt);
        double *zu = z + unit[t] * k;
        for (size_t j = 0; j < k; j++)
            zu[j] += (double)(we * xt[j]);
    }
    /* z_u = A⁻¹ (Σ u_i) = T (X̃ᵀWX̃)⁻¹ (Σ w_i e_i x̃_i): the sum over a unit
     * of R's estfun %*% Ainv. R's weights, rescaled to mean 1, would
     * multiply A and the scores alike and cancel here. */
    for (size_t u = 0; u < U; u++) {
        if (!present[u])
            continue;
        double *zu = z + u * k;
        for (size_t j = 0; j < k; j++)
            th[j] = zu[j];
        forward(a, k, th);
        backward(a, k, th);
        for (size_t j = 0; j < p; j++)
            zu[j + icpt] = (double)(th[j + icpt] / scale[j + icpt]);
        if (icpt) {
            long double z0 = th[0] / scale[0];
            for (size_t j = 0; j < p; j++)
                z0 -= mean[j] * th[j + 1] / scale[j + 1];
            zu[0] = (double)z0;
        }
    }
    st = csat_design_cov(d, z, k, k, present, V, err);
    if (st != CSAT_OK)
        goto done;
    for (size_t j = 0; j < k; j++)
        if (!(V[j * k + j] >= 0) || !isfinite(V[j * k + j])) {
            st = csat_fail(err, CSAT_ERR_SINGULAR, CSAT_NO_INDEX, CSAT_NO_INDEX,
                           "the design gives coefficient %zu no finite variance", j);
            goto done;
        }
    /* a is free again: scratch for the drivers' block of V. */
    design_tests(m, V, df, a);
    st = keep_design(m, d, unit, err);
done:
    free(unit);
    free(present);
    free(upos);
    free(hpos);
    free(z);
    free(V);
    free(a);
    return st;
}

csat_status csat_drivers_fit_design(const double *x, size_t p, size_t ld, const double *y,
                                    const csat_design *d, const csat_drivers_options *opt,
                                    csat_drivers **out, csat_error *err)
{
    CSAT_REQUIRE(out, err);
    csat_status st = csat_design_require_rows(d, err);
    if (st != CSAT_OK)
        return st;
    csat_drivers *m = NULL;
    st = csat_drivers_fit(x, d->n, p, ld, y, d->w, opt, &m, err);
    if (st != CSAT_OK)
        return st;
    st = design_inference(m, x, ld, y, d, err);
    if (st != CSAT_OK) {
        csat_drivers_free(m);
        return st;
    }
    *out = m;
    return CSAT_OK;
}
