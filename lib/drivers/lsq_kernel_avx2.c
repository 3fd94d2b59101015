/* The least-squares kernels in AVX2 + FMA (lsq_kernel.h), compiled with
 * -mavx2 -mfma into their own object and called only after
 * csat_lsq_kernels_avx2 found the CPU runs them.
 *
 * QR update: the reflection of column j is applied to four columns at a
 * time, so that each load of the Householder vector serves four dot
 * products and four updates, all held in registers; a chunk of the design
 * stays in the level-1 cache for all its reflections. Residuals: four rows
 * per register, the fit and the gradient in double-double with the exact
 * error of each product from an FMA. */
#include <immintrin.h>
#include <math.h>

#include "drivers/lsq_kernel.h"

#define B CSAT_LSQ_CHUNK

void csat_lsq_tsqr_avx2(double *r, size_t kk, double *c);
void csat_lsq_residuals_avx2(const double *x, size_t p, const double *y, const double *w,
                             double b0, const double *b, double ybar, double *e,
                             csat_lsq_sums *s);

/* (a[0] + a[1]) + (a[2] + a[3]), the portable kernel's order. */
static inline double hsum(__m256d a)
{
    double v[4];
    _mm256_storeu_pd(v, a);
    return (v[0] + v[1]) + (v[2] + v[3]);
}

void csat_lsq_tsqr_avx2(double *r, size_t kk, double *c)
{
    for (size_t j = 0; j + 1 < kk; j++) {
        double *v = c + j * B;
        __m256d q = _mm256_setzero_pd();
        for (size_t i = 0; i < B; i += 4) {
            __m256d a = _mm256_loadu_pd(v + i);
            q = _mm256_fmadd_pd(a, a, q);
        }
        double xn2 = hsum(q);
        if (xn2 == 0)
            continue;
        double alpha = r[j * kk + j], beta = -copysign(hypot(alpha, sqrt(xn2)), alpha);
        double tau = (beta - alpha) / beta;
        const __m256d scal = _mm256_set1_pd(1.0 / (alpha - beta));
        for (size_t i = 0; i < B; i += 4)
            _mm256_storeu_pd(v + i, _mm256_mul_pd(_mm256_loadu_pd(v + i), scal));
        r[j * kk + j] = beta;
        size_t col = j + 1;
        for (; col + 4 <= kk; col += 4) {
            double *t0 = c + col * B, *t1 = t0 + B, *t2 = t1 + B, *t3 = t2 + B;
            __m256d a0 = _mm256_setzero_pd(), a1 = a0, a2 = a0, a3 = a0;
            for (size_t i = 0; i < B; i += 4) {
                __m256d vi = _mm256_loadu_pd(v + i);
                a0 = _mm256_fmadd_pd(vi, _mm256_loadu_pd(t0 + i), a0);
                a1 = _mm256_fmadd_pd(vi, _mm256_loadu_pd(t1 + i), a1);
                a2 = _mm256_fmadd_pd(vi, _mm256_loadu_pd(t2 + i), a2);
                a3 = _mm256_fmadd_pd(vi, _mm256_loadu_pd(t3 + i), a3);
            }
            double *rj = r + col * kk + j;
            double s0 = (rj[0] + hsum(a0)) * tau, s1 = (rj[kk] + hsum(a1)) * tau;
            double s2 = (rj[2 * kk] + hsum(a2)) * tau, s3 = (rj[3 * kk] + hsum(a3)) * tau;
            rj[0] -= s0;
            rj[kk] -= s1;
            rj[2 * kk] -= s2;
            rj[3 * kk] -= s3;
            const __m256d m0 = _mm256_set1_pd(s0), m1 = _mm256_set1_pd(s1);
            const __m256d m2 = _mm256_set1_pd(s2), m3 = _mm256_set1_pd(s3);
            for (size_t i = 0; i < B; i += 4) {
                __m256d vi = _mm256_loadu_pd(v + i);
                _mm256_storeu_pd(t0 + i, _mm256_fnmadd_pd(m0, vi, _mm256_loadu_pd(t0 + i)));
                _mm256_storeu_pd(t1 + i, _mm256_fnmadd_pd(m1, vi, _mm256_loadu_pd(t1 + i)));
                _mm256_storeu_pd(t2 + i, _mm256_fnmadd_pd(m2, vi, _mm256_loadu_pd(t2 + i)));
                _mm256_storeu_pd(t3 + i, _mm256_fnmadd_pd(m3, vi, _mm256_loadu_pd(t3 + i)));
            }
        }
        for (; col < kk; col++) {
            double *t = c + col * B;
            __m256d a = _mm256_setzero_pd();
            for (size_t i = 0; i < B; i += 4)
                a = _mm256_fmadd_pd(_mm256_loadu_pd(v + i), _mm256_loadu_pd(t + i), a);
            double sj = (r[col * kk + j] + hsum(a)) * tau;
            r[col * kk + j] -= sj;
            const __m256d m = _mm256_set1_pd(sj);
            for (size_t i = 0; i < B; i += 4)
                _mm256_storeu_pd(t + i, _mm256_fnmadd_pd(m, _mm256_loadu_pd(v + i),
                                                         _mm256_loadu_pd(t + i)));
        }
    }
}

/* Knuth's TwoSum, lane by lane. */
static inline void two_sum(__m256d a, __m256d b, __m256d *s, __m256d *e)
{
    __m256d t = _mm256_add_pd(a, b), bb = _mm256_sub_pd(t, a);
    *s = t;
    *e = _mm256_add_pd(_mm256_sub_pd(a, _mm256_sub_pd(t, bb)), _mm256_sub_pd(b, bb));
}

static inline void dd_add(csat_lsq_dd *d, __m256d hi, __m256d lo)
{
    __m256d s, e;
    two_sum(_mm256_loadu_pd(d->hi), hi, &s, &e);
    _mm256_storeu_pd(d->hi, s);
    _mm256_storeu_pd(d->lo, _mm256_add_pd(_mm256_loadu_pd(d->lo), _mm256_add_pd(e, lo)));
}

void csat_lsq_residuals_avx2(const double *x, size_t p, const double *y, const double *w,
                             double b0, const double *b, double ybar, double *e,
                             csat_lsq_sums *s)
{
    double wh[B], wl[B];
    const __m256d zero = _mm256_setzero_pd(), nybar = _mm256_set1_pd(-ybar);
    for (size_t i = 0; i < B; i += 4) {
        __m256d fh = _mm256_set1_pd(b0), fl = zero, t, u;
        for (size_t j = 0; j < p; j++) {
            __m256d bj = _mm256_broadcast_sd(b + j), xv = _mm256_loadu_pd(x + j * B + i);
            __m256d ph = _mm256_mul_pd(bj, xv), pe = _mm256_fmsub_pd(bj, xv, ph);
            two_sum(fh, ph, &t, &u);
            fh = t;
            fl = _mm256_add_pd(fl, _mm256_add_pd(u, pe));
        }
        __m256d eh, el, ff;
        two_sum(_mm256_loadu_pd(y + i), _mm256_sub_pd(zero, fh), &eh, &u);
        two_sum(eh, _mm256_sub_pd(u, fl), &eh, &el);
        two_sum(fh, nybar, &ff, &u);
        ff = _mm256_add_pd(ff, _mm256_add_pd(u, fl));
        _mm256_storeu_pd(e + i, eh);
        __m256d wi = _mm256_loadu_pd(w + i), h = _mm256_mul_pd(wi, eh);
        __m256d lo = _mm256_add_pd(_mm256_fmsub_pd(wi, eh, h), _mm256_mul_pd(wi, el));
        _mm256_storeu_pd(wh + i, h);
        _mm256_storeu_pd(wl + i, lo);
        dd_add(&s->we, h, lo);
        dd_add(&s->wee, _mm256_mul_pd(h, eh), zero);
        __m256d wf = _mm256_mul_pd(wi, ff);
        dd_add(&s->wf, wf, zero);
        dd_add(&s->wff, _mm256_mul_pd(wf, ff), zero);
        dd_add(&s->w, wi, zero);
    }
    for (size_t j = 0; j < p; j++) {
        __m256d ah = _mm256_loadu_pd(s->wex[j].hi), al = _mm256_loadu_pd(s->wex[j].lo);
        const double *xj = x + j * B;
        for (size_t i = 0; i < B; i += 4) {
            __m256d xv = _mm256_loadu_pd(xj + i), h = _mm256_loadu_pd(wh + i);
            __m256d ph = _mm256_mul_pd(h, xv);
            __m256d pl = _mm256_fmadd_pd(_mm256_loadu_pd(wl + i), xv, _mm256_fmsub_pd(h, xv, ph));
            __m256d t, u;
            two_sum(ah, ph, &t, &u);
            ah = t;
            al = _mm256_add_pd(al, _mm256_add_pd(u, pl));
        }
        _mm256_storeu_pd(s->wex[j].hi, ah);
        _mm256_storeu_pd(s->wex[j].lo, al);
    }
}
