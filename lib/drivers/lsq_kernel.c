/* The least-squares kernels in portable C and the run-time choice between
 * them and the AVX2 ones (lsq_kernel.h; doc/methods.md, "Least squares").
 * Sums run in CSAT_LSQ_LANES interleaved lanes, as the AVX2 kernels do. */
#include <math.h>
#include <string.h>

#include "drivers/lsq_kernel.h"

#define B CSAT_LSQ_CHUNK
#define L CSAT_LSQ_LANES

/* s + e = a + b exactly (Knuth's TwoSum: no condition on the order). */
static inline void two_sum(double a, double b, double *s, double *e)
{
    double t = a + b, bb = t - a;
    *s = t;
    *e = (a - (t - bb)) + (b - bb);
}

/* Add the double-double (hi, lo) to lane l of d. */
static inline void dd_add(csat_lsq_dd *d, int l, double hi, double lo)
{
    double s, e;
    two_sum(d->hi[l], hi, &s, &e);
    d->hi[l] = s;
    d->lo[l] += e + lo;
}

static void tsqr_generic(double *r, size_t kk, double *c)
{
    for (size_t j = 0; j + 1 < kk; j++) {
        double *v = c + j * B;
        double q[L] = { 0 };
        for (size_t i = 0; i < B; i += L)
            for (int l = 0; l < L; l++)
                q[l] += v[i + l] * v[i + l];
        double xn2 = (q[0] + q[1]) + (q[2] + q[3]);
        /* Nothing below the triangle in this column: the reflection is the
         * identity. */
        if (xn2 == 0)
            continue;
        double alpha = r[j * kk + j], beta = -copysign(hypot(alpha, sqrt(xn2)), alpha);
        double tau = (beta - alpha) / beta, scal = 1.0 / (alpha - beta);
        for (size_t i = 0; i < B; i++)
            v[i] *= scal;
        r[j * kk + j] = beta;
        for (size_t col = j + 1; col < kk; col++) {
            double *t = c + col * B, a[L] = { 0 };
            for (size_t i = 0; i < B; i += L)
                for (int l = 0; l < L; l++)
                    a[l] += v[i + l] * t[i + l];
            double s = (r[col * kk + j] + ((a[0] + a[1]) + (a[2] + a[3]))) * tau;
            r[col * kk + j] -= s;
            for (size_t i = 0; i < B; i++)
                t[i] -= s * v[i];
        }
    }
}

static void residuals_generic(const double *x, size_t p, const double *y, const double *w,
                              double b0, const double *b, double ybar, double *e,
                              csat_lsq_sums *s)
{
    /* Per row, then into lane i % L: the same additions in the same order
     * as the AVX2 kernel. fma gives the exact error of a product. */
    double wh[B], wl[B];
    for (size_t i = 0; i < B; i++) {
        const int l = (int)(i % L);
        double fh = b0, fl = 0, t, u;
        for (size_t j = 0; j < p; j++) {
            double xv = x[j * B + i], ph = b[j] * xv, pe = fma(b[j], xv, -ph);
            two_sum(fh, ph, &t, &u);
            fh = t;
            fl += u + pe;
        }
        double eh, el, ff;
        two_sum(y[i], -fh, &eh, &u);
        two_sum(eh, u - fl, &eh, &el);
        two_sum(fh, -ybar, &ff, &u);
        ff += u + fl;
        e[i] = eh;
        const double wi = w[i];
        wh[i] = wi * eh;
        wl[i] = fma(wi, eh, -wh[i]) + wi * el;
        dd_add(&s->we, l, wh[i], wl[i]);
        dd_add(&s->wee, l, wh[i] * eh, 0);
        dd_add(&s->wf, l, wi * ff, 0);
        dd_add(&s->wff, l, wi * ff * ff, 0);
        dd_add(&s->w, l, wi, 0);
    }
    for (size_t j = 0; j < p; j++) {
        csat_lsq_dd *d = &s->wex[j];
        for (size_t i = 0; i < B; i++) {
            double xv = x[j * B + i], ph = wh[i] * xv;
            double pl = fma(wl[i], xv, fma(wh[i], xv, -ph));
            dd_add(d, (int)(i % L), ph, pl);
        }
    }
}

long double csat_lsq_dd_value(const csat_lsq_dd *d)
{
    long double v = 0;
    for (int l = 0; l < L; l++)
        v += (long double)d->hi[l];
    for (int l = 0; l < L; l++)
        v += (long double)d->lo[l];
    return v;
}

static const csat_lsq_kernels generic = { tsqr_generic, residuals_generic };

#if defined(CSAT_HAVE_LSQ_AVX2)
void csat_lsq_tsqr_avx2(double *r, size_t kk, double *c);
void csat_lsq_residuals_avx2(const double *x, size_t p, const double *y, const double *w,
                             double b0, const double *b, double ybar, double *e,
                             csat_lsq_sums *s);
static const csat_lsq_kernels avx2 = { csat_lsq_tsqr_avx2, csat_lsq_residuals_avx2 };
#endif

/* The AVX2 kernels, or NULL where the CPU or the build lacks them. */
static const csat_lsq_kernels *kernels_avx2(void)
{
#if defined(CSAT_HAVE_LSQ_AVX2)
    /* Asked each time, as core/simd.c does: cpuid is cheap next to a pass
     * over the rows, and the library keeps no mutable static state. */
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))
        return &avx2;
#endif
    return NULL;
}

const csat_lsq_kernels *csat_lsq_kernels_pick(void)
{
    const csat_lsq_kernels *k = kernels_avx2();
    return k != NULL ? k : &generic;
}
