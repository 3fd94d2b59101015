/* The kernels of the weighted scores, the cross-product pass and the
 * Kaplan–Meier sort:
 * - the weighted tally's AVX2 loop gives the portable loop's counts and
 *   weight sums bit for bit, the same first invalid index and the same
 *   reason, on tails shorter than a block, misaligned starts, weights of
 *   0, missing answers, and sums that do not start from 0;
 * - the weighted moments' AVX2 passes give the sums of a long double
 *   reference to rounding, and refuse what the portable loop refuses;
 * - the co-moment kernel gives the portable loop's lower triangle bit for
 *   bit, and the accumulator's co-moments are within 1e-15 of the exact
 *   ones (integers here, derivable by hand: see exact_comoments);
 * - the radix sort sorts, stably, and orders doubles as numbers.
 * The AVX2 cases are skipped (and said so) where the CPU or the build has
 * no AVX2 kernels. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "accum/tally_kernel.h"
#include "accum/xprod.h"
#include "core/radix.h"
#include "core/simd.h"
#include "csat.h"

static uint64_t lcg(uint64_t *s)
{
    *s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
    return *s >> 33;
}

static double unit(uint64_t *s)
{
    return (double)lcg(s) / 2147483648.0; /* [0, 1) */
}

/* ------------------------------------------------------------------------ */
/* Weighted tally */

#define WN 3001 /* five blocks of 512 and a tail of 441 */

#if defined(CSAT_HAVE_AVX2_KERNELS) && defined(__GNUC__)
typedef struct wrun {
    uint64_t counts[300], missing;
    double sw[300], sw2[300];
    size_t ret;
    int bad_weight;
} wrun;

/* The portable and the AVX2 loop from the same starting sums `a` (counts
 * and missing 0): the same stopping row and, when they went through, the
 * same counts and sums, every bit. */
static void run_both_state(wrun a, const double *x, const double *w, size_t n, int min, int max)
{
    wrun b;
    a.bad_weight = -1;
    b = a;
    a.ret = csat_count_weighted_portable(x, w, n, min, max, a.counts, a.sw, a.sw2, &a.missing,
                                         &a.bad_weight);
    b.ret = csat_count_weighted_avx2(x, w, n, min, max, b.counts, b.sw, b.sw2, &b.missing,
                                     &b.bad_weight);
    assert_int_equal(a.ret, b.ret);
    if (a.ret < n) {
        assert_int_equal(a.bad_weight, b.bad_weight);
        return; /* on error the caller throws the scratch away */
    }
    assert_int_equal(a.missing, b.missing);
    assert_memory_equal(a.counts, b.counts, sizeof a.counts);
    assert_memory_equal(a.sw, b.sw, sizeof a.sw); /* every bit */
    assert_memory_equal(a.sw2, b.sw2, sizeof a.sw2);
}

/* Starting sums start_sum · (point + 1). */
static void run_both(const double *x, const double *w, size_t n, int min, int max,
                     double start_sum)
{
    wrun a;
    memset(&a, 0, sizeof a);
    for (size_t j = 0; j < 300; j++)
        a.sw[j] = a.sw2[j] = start_sum * (double)(j + 1);
    run_both_state(a, x, w, n, min, max);
}
#endif

static void weighted_tally_kernels_agree(void **state)
{
    (void)state;
#if defined(CSAT_HAVE_AVX2_KERNELS) && defined(__GNUC__)
    if (!csat_simd_available())
        skip();
    double *x = malloc((WN + 8) * sizeof *x), *w = malloc((WN + 8) * sizeof *w);
    assert_non_null(x);
    assert_non_null(w);
    const int scales[][2] = { { 0, 10 }, { 1, 5 }, { 3, 3 }, { -7, 12 }, { 0, 255 }, { 0, 256 } };
    uint64_t s = 11;
    for (size_t sc = 0; sc < sizeof scales / sizeof *scales; sc++) {
        const int min = scales[sc][0], max = scales[sc][1];
        const uint64_t k = (uint64_t)(max - min + 1);
        for (size_t i = 0; i < WN + 8; i++) {
            /* Skewed answers (runs of the top point), a NaN now and then,
             * weights of 0 and weights across their range. */
            uint64_t r = lcg(&s);
            x[i] = r % 3 == 0 ? max : min + (double)(lcg(&s) % k);
            if (r % 17 == 0)
                x[i] = NAN;
            w[i] = r % 13 == 0 ? 0.0 : r % 29 == 0 ? 1e-50 : 0.1 + 5 * unit(&s);
        }
        /* Misaligned starts, tails of every length below a vector. */
        for (size_t off = 0; off < 4; off++)
            for (size_t n = WN - 3; n <= WN; n++)
                run_both(x + off, w + off, n, min, max, 0.0);
        run_both(x, w, 3, min, max, 0.0);     /* shorter than a vector */
        run_both(x, w, 0, min, max, 0.0);
        run_both(x, w, WN, min, max, 0.375);  /* sums that do not start at 0 */
        /* An invalid answer or weight in a block, in the tail, first. */
        const size_t at[] = { 0, 700, 2047, 2999 };
        const double bad_x[] = { min - 1.0, max + 1.0, min + 0.5, INFINITY };
        const double bad_w[] = { -1.0, NAN, 1e-60, INFINITY };
        for (size_t a = 0; a < 4; a++) {
            double keep = x[at[a]];
            x[at[a]] = bad_x[a];
            run_both(x, w, WN, min, max, 0.0);
            x[at[a]] = keep;
            keep = w[at[a]];
            w[at[a]] = bad_w[a];
            run_both(x, w, WN, min, max, 0.0);
            /* Both at once: the weight is checked first, as before. */
            double kx = x[at[a]];
            x[at[a]] = bad_x[(a + 1) % 4];
            run_both(x, w, WN, min, max, 0.0);
            x[at[a]] = kx;
            w[at[a]] = keep;
        }
    }
    free(x);
    free(w);
#else
    skip();
#endif
}

/* The short scales (at most 8 records with the missing one), whose AVX2
 * loop sorts a block's weights by point and adds them a rank at a time:
 * bit for bit the portable loop, also on blocks where one point takes
 * every row (the deepest table), points with no row at all, weights of
 * +0 and −0 (both accepted: a weight of 0), sums that start at −0 (the
 * one value a square's +0 would change) and sums that start elsewhere. */
#define SN 2087 /* eight blocks of 248 and a tail of 103 */

#if defined(CSAT_HAVE_AVX2_KERNELS) && defined(__GNUC__)
/* Starting sums ±sw0 (alternating by point) and sw20. */
static void run_both_from(const double *x, const double *w, size_t n, int min, int max,
                          double sw0, double sw20)
{
    wrun a;
    memset(&a, 0, sizeof a);
    for (size_t j = 0; j < 300; j++) {
        a.sw[j] = j % 2 ? sw0 : -sw0;
        a.sw2[j] = sw20;
    }
    run_both_state(a, x, w, n, min, max);
}
#endif

static void weighted_tally_short_scales(void **state)
{
    (void)state;
#if defined(CSAT_HAVE_AVX2_KERNELS) && defined(__GNUC__)
    if (!csat_simd_available())
        skip();
    double *x = malloc((SN + 8) * sizeof *x), *w = malloc((SN + 8) * sizeof *w);
    assert_non_null(x);
    assert_non_null(w);
    /* 2 and 3 points (a table of 4 columns, one vector, with the missing
     * answers' column), 4, 5 and 7 points (8 columns, two vectors; 7 fill
     * them), 8 and 11 points (the record loop). */
    const int scales[][2] = { { 0, 1 }, { 1, 3 }, { -1, 2 }, { 1, 5 }, { 1, 7 }, { -3, 3 },
                              { 0, 7 }, { 0, 10 } };
    /* In percent: how often the top point, how often NaN. */
    const unsigned top_pct[] = { 100, 95, 60, 0, 0 };
    const unsigned nan_pct[] = { 0, 2, 10, 5, 100 };
    uint64_t s = 23;
    for (size_t sc = 0; sc < sizeof scales / sizeof *scales; sc++) {
        const int min = scales[sc][0], max = scales[sc][1];
        const uint64_t k = (uint64_t)(max - min + 1);
        for (size_t d = 0; d < sizeof top_pct / sizeof *top_pct; d++) {
            for (size_t i = 0; i < SN + 8; i++) {
                uint64_t r = lcg(&s);
                /* The lowest point never occurs unless top_pct is 0:
                 * then every other point is skipped instead. */
                if (r % 100 < top_pct[d])
                    x[i] = max;
                else if (top_pct[d] > 0)
                    x[i] = k > 1 ? min + 1 + (double)(lcg(&s) % (k - 1)) : min;
                else
                    x[i] = min + (double)(2 * (lcg(&s) % ((k + 1) / 2)));
                if (lcg(&s) % 100 < nan_pct[d])
                    x[i] = NAN;
                uint64_t q = lcg(&s) % 16;
                w[i] = q == 0 ? 0.0 : q == 1 ? -0.0 : q == 2 ? 1e-50 : q == 3 ? 1e50
                                                                            : 0.1 + 5 * unit(&s);
            }
            for (size_t off = 0; off < 3; off++) {
                run_both_from(x + off, w + off, SN, min, max, 0.0, 0.0);
                run_both_from(x + off, w + off, SN - 5, min, max, -0.0, -0.0);
                run_both_from(x + off, w + off, SN, min, max, 0.25, 1.5);
                run_both_from(x + off, w + off, 248, min, max, -0.0, -0.0); /* one block */
            }
            /* An invalid answer or weight in the first block, a later one,
             * the last row of the last full block and the tail; a NaN
             * weight and -1e-300, next to −0, are refused. */
            const size_t at[] = { 0, 300, 1983, 2060 };
            const double bad_x[] = { max + 1.0, min - 1.0, min + 0.5, -INFINITY };
            const double bad_w[] = { NAN, -1e-300, -1.0, INFINITY };
            for (size_t a = 0; a < 4; a++) {
                double kx = x[at[a]], kw = w[at[a]];
                x[at[a]] = bad_x[a];
                run_both_from(x, w, SN, min, max, -0.0, -0.0);
                x[at[a]] = kx;
                w[at[a]] = bad_w[a];
                run_both_from(x, w, SN, min, max, -0.0, -0.0);
                x[at[a]] = bad_x[(a + 1) % 4];
                run_both_from(x, w, SN, min, max, 0.0, 0.0);
                x[at[a]] = kx;
                w[at[a]] = kw;
            }
        }
    }
    free(x);
    free(w);
#else
    skip();
#endif
}

/* ------------------------------------------------------------------------ */
/* Weighted moments */

static void weighted_moment_kernels(void **state)
{
    (void)state;
#if defined(CSAT_HAVE_AVX2_KERNELS)
    if (!csat_simd_available())
        skip();
    enum { M = 2051 };
    double x[M + 1], w[M + 1];
    uint64_t s = 5;
    for (size_t i = 0; i <= M; i++) {
        x[i] = 1e6 + (double)(lcg(&s) % 100000) / 7.0;
        w[i] = i % 11 == 0 ? 0.0 : 0.5 + 2 * unit(&s);
        if (i % 97 == 0)
            x[i] = NAN;
    }
    for (size_t off = 0; off < 2; off++) {
        const double *xo = x + off, *wo = w + off, shift = 1e6;
        double got[5], q[4], lo, hi;
        assert_int_equal(csat_block_wsums_avx2(xo, wo, M, shift, got, &lo, &hi), 0);
        long double ref[5] = { 0 }, lmin = INFINITY, lmax = -INFINITY;
        for (size_t i = 0; i < M; i++) {
            if (isnan(xo[i]))
                continue;
            long double d = (long double)xo[i] - shift, wi = wo[i];
            ref[0] += 1;
            ref[1] += wi;
            ref[2] += wi * d;
            ref[3] += wi * wi;
            ref[4] += wi * wi * d;
            lmin = xo[i] < lmin ? xo[i] : lmin;
            lmax = xo[i] > lmax ? xo[i] : lmax;
        }
        for (int j = 0; j < 5; j++)
            assert_true(fabsl(got[j] - ref[j]) <= 1e-13L * fabsl(ref[j]));
        assert_true(lo == lmin && hi == lmax);
        const double mean = got[2] / got[1], mean2 = got[4] / got[3];
        csat_block_wdev_avx2(xo, wo, M, shift, mean, mean2, q);
        long double r2[4] = { 0 };
        for (size_t i = 0; i < M; i++) {
            if (isnan(xo[i]))
                continue;
            long double u = (long double)xo[i] - shift, d = u - mean, e = u - mean2;
            long double wi = wo[i];
            r2[0] += wi * d * d;
            r2[1] += wi * d;
            r2[2] += wi * wi * e * e;
            r2[3] += wi * wi * e;
        }
        assert_true(fabsl(q[0] - r2[0]) <= 1e-13L * r2[0]);
        assert_true(fabsl(q[2] - r2[2]) <= 1e-13L * r2[2]);
        /* The corrections are rounding errors of the means: tiny next to
         * the spread. */
        assert_true(fabsl(q[1] - r2[1]) <= 1e-9L * sqrtl(r2[0] * ref[1]));
        assert_true(fabsl(q[3] - r2[3]) <= 1e-9L * sqrtl(r2[2] * ref[3]));
    }
    /* Refused: a weight off its range (in the vector part, in the tail),
     * an infinite answer; NaN answers and weights of 0 are not. */
    double got[5], lo, hi;
    const size_t at[] = { 4, M - 2 };
    for (size_t a = 0; a < 2; a++) {
        double keep = w[at[a]];
        w[at[a]] = -0.5;
        assert_int_equal(csat_block_wsums_avx2(x, w, M, 1e6, got, &lo, &hi), 1);
        w[at[a]] = NAN;
        assert_int_equal(csat_block_wsums_avx2(x, w, M, 1e6, got, &lo, &hi), 1);
        w[at[a]] = keep;
        keep = x[at[a]];
        x[at[a]] = -INFINITY;
        assert_int_equal(csat_block_wsums_avx2(x, w, M, 1e6, got, &lo, &hi), 1);
        x[at[a]] = keep;
    }
#else
    skip();
#endif
}

/* The weighted mean through the public API, with and without the kernels'
 * path taken: a weight of 0 on a NaN-free block, a NaN answer, and a
 * refused weight named by its index as before. */
static void weighted_mean_errors_name_the_element(void **state)
{
    (void)state;
    enum { M = 5000 };
    double *x = malloc(M * sizeof *x), *w = malloc(M * sizeof *w);
    assert_non_null(x);
    assert_non_null(w);
    for (size_t i = 0; i < M; i++) {
        x[i] = (double)(i % 7);
        w[i] = 1.0;
    }
    csat_mean_result r = CSAT_RESULT_INIT(csat_mean_result);
    csat_error err;
    /* x = 0..6 repeated with weight 1 (M = 714·7 + 2: the extra answers are
     * 0 and 1): Σx = 714·21 + 1 = 14995, mean 2.999. */
    assert_int_equal(csat_score_mean(x, M, w, NULL, &r, &err), CSAT_OK);
    assert_true(fabs(r.score - 2.999) <= 1e-14);
    w[3001] = -1;
    assert_int_equal(csat_score_mean(x, M, w, NULL, &r, &err), CSAT_ERR_WEIGHT);
    assert_int_equal(err.index, 3001);
    w[3001] = 1;
    x[4097] = INFINITY;
    assert_int_equal(csat_score_mean(x, M, w, NULL, &r, &err), CSAT_ERR_RANGE);
    assert_int_equal(err.index, 4097);
    free(x);
    free(w);
}

/* ------------------------------------------------------------------------ */
/* Cross-products */

/* The portable loop of accum/xprod.c, written out: each entry's products
 * rounded, then added in row order. */
static void lower_reference(const double *rows, size_t len, size_t k, const double *w,
                            const double *mean, double *c)
{
    for (size_t j = 0; j < k; j++)
        for (size_t l = 0; l <= j; l++) {
            double acc = 0;
            for (size_t i = 0; i < len; i++) {
                double wi = w ? w[i] : 1.0;
                double wd = wi * (rows[i * k + j] - mean[j]);
                double prod = wd * (rows[i * k + l] - mean[l]);
                acc += prod;
            }
            c[j * k + l] = acc;
        }
}

static void comoment_kernel_agrees(void **state)
{
    (void)state;
#if defined(CSAT_HAVE_AVX2_KERNELS)
    if (!csat_simd_available())
        skip();
    /* k up to 37: every tile shape of the kernel (1-4 rows, 1-3 vectors). */
    enum { R = 256, K = 37, K8 = 40 };
    double *rows = malloc((R * K + 1) * sizeof *rows), w[R + 1], mean[K];
    double *buf = malloc((2 * R + K8) * K8 * sizeof *buf);
    double c1[K * K], c2[K * K];
    assert_non_null(rows);
    assert_non_null(buf);
    uint64_t s = 9;
    for (size_t i = 0; i < R * K + 1; i++)
        rows[i] = 100 + 10 * unit(&s);
    for (size_t i = 0; i <= R; i++)
        w[i] = i % 5 == 0 ? 0.0 : 0.5 + unit(&s);
    for (size_t k = 1; k <= K; k++) {
        for (size_t j = 0; j < k; j++)
            mean[j] = 105 + 0.01 * (double)j;
        const size_t lens[] = { 1, 3, 100, R };
        for (size_t a = 0; a < 4; a++)
            for (int weighted = 0; weighted < 2; weighted++) {
                const double *wp = weighted ? w + 1 : NULL; /* misaligned too */
                const double *rp = rows + (a & 1);
                for (size_t i = 0; i < K * K; i++)
                    c1[i] = c2[i] = -1.0;
                lower_reference(rp, lens[a], k, wp, mean, c1);
                csat_xprod_lower_avx2(rp, lens[a], k, wp, mean, c2, buf);
                for (size_t j = 0; j < k; j++)
                    for (size_t l = 0; l < k; l++)
                        if (l <= j)
                            assert_memory_equal(&c1[j * k + l], &c2[j * k + l], sizeof(double));
                        else
                            assert_true(c2[j * k + l] == -1.0); /* left alone */
            }
    }
    free(rows);
    free(buf);
#else
    skip();
#endif
}

/* The block's column sums for its means, against the portable loop of
 * accum/xprod.c written out: the same bits, and the extremes over the rows
 * of positive weight. */
static void block_sums_kernel_agrees(void **state)
{
    (void)state;
#if defined(CSAT_HAVE_AVX2_KERNELS)
    if (!csat_simd_available())
        skip();
    enum { R = 256, K = 21 };
    double *rows = malloc((R * K + 1) * sizeof *rows), w[R + 1];
    assert_non_null(rows);
    uint64_t s = 11;
    for (size_t i = 0; i < R * K + 1; i++)
        rows[i] = (double)(int)(10 * unit(&s)) + unit(&s) - 3.0;
    for (size_t i = 0; i <= R; i++)
        w[i] = i % 7 < 2 ? 0.0 : 0.5 + unit(&s);
    for (size_t k = 1; k <= K; k++)
        for (int weighted = 0; weighted < 2; weighted++) {
            const double *wp = weighted ? w + 1 : NULL; /* misaligned too */
            const double *rp = rows + (k & 1);
            size_t first = R;
            double sum[K], lo[K], hi[K], s2[K], lo2[K], hi2[K];
            for (size_t j = 0; j < k; j++)
                sum[j] = 0;
            for (size_t i = 0; i < R; i++) {
                double wi = wp ? wp[i] : 1.0;
                for (size_t j = 0; j < k; j++) {
                    sum[j] += wi * rp[i * k + j];
                    if (wi > 0) {
                        double v = rp[i * k + j];
                        lo[j] = first == R || v < lo[j] ? v : lo[j];
                        hi[j] = first == R || v > hi[j] ? v : hi[j];
                    }
                }
                if (wi > 0 && first == R)
                    first = i;
            }
            csat_xprod_block_sums_avx2(rp, R, k, wp, first, s2, lo2, hi2);
            assert_memory_equal(sum, s2, k * sizeof(double));
            assert_memory_equal(lo, lo2, k * sizeof(double));
            assert_memory_equal(hi, hi2, k * sizeof(double));
        }
    free(rows);
#else
    skip();
#endif
}

/* Co-moments against exact ones. Columns j = 0..p: a value c + u with u a
 * small integer, the second half of the rows the negatives of the first
 * (the same weights): Σ w·u = 0, so every weighted mean is c exactly, and
 * the co-moment Σ w·(a − ā)(b − b̄) = Σ w·u_a·u_b is an integer (weights 1
 * or 2), computed exactly in 64 bits. Block means are not integers, so the
 * accumulator's centring and its merges are what is tested, relative to
 * √(c_aa·c_bb): within 1e-15 for c = 10 (ratings); for c = 10^6, deviations
 * of ±1000 from values whose last bit is 1.2e-10, within 2e-14 (the
 * row-by-row loop this kernel replaced gave the same sums: 5e-15
 * unweighted, 1.1e-14 weighted). */
static void exact_comoments(void **state)
{
    (void)state;
    enum { H = 1500, P = 20, K = P + 1 };
    double *x = malloc(2 * H * P * sizeof *x), y[2 * H], w[2 * H];
    int64_t *u = malloc(2 * H * K * sizeof *u);
    assert_non_null(x);
    assert_non_null(u);
    uint64_t s = 21;
    for (size_t i = 0; i < H; i++) {
        for (size_t j = 0; j < K; j++) {
            int64_t v = (int64_t)(lcg(&s) % 2001) - 1000 + (int64_t)(j * 37 % 11);
            u[i * K + j] = v;
            u[(H + i) * K + j] = -v;
        }
        w[i] = w[H + i] = 1.0 + (double)(lcg(&s) % 2);
    }
    for (int big = 0; big < 2; big++)
    for (int weighted = 0; weighted < 2; weighted++) {
        const double centre = big ? 1e6 : 10, bound = big ? 2e-14 : 1e-15;
        for (size_t i = 0; i < 2 * H; i++) {
            for (size_t j = 0; j < P; j++)
                x[i * P + j] = centre + (double)u[i * K + j];
            y[i] = centre + (double)u[i * K + P];
        }
        csat_xprod *a = NULL;
        csat_error err;
        assert_int_equal(csat_xprod_create(P, &a, &err), CSAT_OK);
        /* Two adds of a length that is not a multiple of a block. */
        assert_int_equal(csat_xprod_add(a, x, 1000, P, y, weighted ? w : NULL, &err), CSAT_OK);
        assert_int_equal(csat_xprod_add(a, x + 1000 * P, 2 * H - 1000, P, y + 1000,
                                        weighted ? w + 1000 : NULL, &err),
                         CSAT_OK);
        csat_xprod_sums sm = csat_xprod_get_sums(a);
        double exact[K * K];
        for (size_t j = 0; j < K; j++) {
            assert_true(fabs(sm.mean[j] - centre) <= 1e-15 * centre);
            for (size_t l = 0; l < K; l++) {
                int64_t e = 0;
                for (size_t i = 0; i < 2 * H; i++)
                    e += (weighted ? (int64_t)w[i] : 1) * u[i * K + j] * u[i * K + l];
                exact[j * K + l] = (double)e; /* below 2^53: exact */
            }
        }
        for (size_t j = 0; j < K; j++)
            for (size_t l = 0; l < K; l++) {
                double scale = sqrt(exact[j * K + j] * exact[l * K + l]);
                assert_true(fabs(sm.c[j * K + l] - exact[j * K + l]) <= bound * scale);
            }
        csat_xprod_free(a);
    }
    free(x);
    free(u);
}

/* ------------------------------------------------------------------------ */
/* Radix sort */

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

static void radix_sort_sorts_stably(void **state)
{
    (void)state;
    enum { M = 20000 };
    uint64_t *k = malloc(M * sizeof *k), *t = malloc(M * sizeof *t), *r = malloc(M * sizeof *r);
    assert_non_null(k);
    assert_non_null(t);
    assert_non_null(r);
    uint64_t s = 17;
    const size_t lens[] = { 0, 1, 2, 7, 2049, M };
    for (int kind = 0; kind < 3; kind++)
        for (size_t a = 0; a < 6; a++) {
            size_t n = lens[a];
            for (size_t i = 0; i < n; i++) {
                uint64_t v = lcg(&s) << 31 ^ lcg(&s);
                /* full range; few distinct values (ties, skipped passes);
                 * only the top bits differ */
                k[i] = kind == 0 ? v << 2 ^ lcg(&s) : kind == 1 ? v % 5 : (v % 7) << 60;
            }
            memcpy(r, k, n * sizeof *r);
            qsort(r, n, sizeof *r, cmp_u64);
            csat_radix_sort_u64(k, t, n);
            if (n > 0)
                assert_memory_equal(k, r, n * sizeof *k);
        }
    /* Stable: keys equal in their sorted bits keep their order, seen
     * through a low tag that the keys then share... a sort of (value << 20
     * | position) by value only is the sort by the whole key when stable;
     * here: values with ties, positions below, sorted whole, the positions
     * within each value ascending. */
    for (size_t i = 0; i < M; i++)
        k[i] = (lcg(&s) % 50) << 20 | i;
    csat_radix_sort_u64(k, t, M);
    for (size_t i = 1; i < M; i++)
        assert_true(k[i - 1] < k[i]);
    /* Doubles as numbers: −inf, negatives, −0 before +0, positives, +inf. */
    const double v[] = { 3.5, -0.0, 1e-300, -2.0, INFINITY, 0.0, -INFINITY, -1e-310, 2.0, -3.5 };
    const double sorted[] = { -INFINITY, -3.5, -2.0, -1e-310, -0.0, 0.0, 1e-300, 2.0, 3.5, INFINITY };
    for (size_t i = 0; i < 10; i++)
        k[i] = csat_radix_key_of(v[i]);
    csat_radix_sort_u64(k, t, 10);
    for (size_t i = 0; i < 10; i++) {
        double d = csat_radix_double_of(k[i]);
        assert_memory_equal(&d, &sorted[i], sizeof d);
    }
    free(k);
    free(t);
    free(r);
}

/* Kaplan–Meier through the radix sort: ties of events and censorings at
 * one time, −0 and +0, continuous times. Checked against the curve by
 * hand: times 1, 1, 1 (censored), 2, −0 (censored), 0, 3 (censored), 4:
 * at 0: 8 at risk, 1 event (the −0 censoring ties with it and counts
 * after), S = 7/8; at 1: 6 at risk, 2 events, S = 7/8 · 4/6 = 7/12; at 2:
 * 3 at risk, 1 event, S = 7/12 · 2/3 = 7/18; at 4: 1 at risk, 1 event,
 * S = 0. */
static void km_ties_by_hand(void **state)
{
    (void)state;
    const double t[] = { 1, 1, 1, 2, -0.0, 0, 3, 4 }, e[] = { 1, 1, 0, 1, 0, 1, 0, 1 };
    csat_survival *km = NULL;
    csat_error err;
    assert_int_equal(csat_survival_fit(t, e, 8, NULL, &km, &err), CSAT_OK);
    const double time[] = { 0, 1, 2, 4 }, risk[] = { 8, 6, 3, 1 }, ev[] = { 1, 2, 1, 1 };
    const double cens[] = { 1, 1, 0, 0 }, surv[] = { 7.0 / 8, 7.0 / 12, 7.0 / 18, 0 };
    csat_curve_summary sm = CSAT_RESULT_INIT(csat_curve_summary);
    assert_int_equal(csat_survival_summary(km, &sm, &err), CSAT_OK);
    assert_int_equal(sm.steps, 4);
    for (size_t i = 0; i < 4; i++) {
        csat_survival_point p = CSAT_RESULT_INIT(csat_survival_point);
        assert_int_equal(csat_survival_step(km, i, &p, &err), CSAT_OK);
        assert_true(p.time == time[i] && !signbit(p.time));
        assert_true(p.n_risk == risk[i] && p.n_event == ev[i] && p.n_censor == cens[i]);
        assert_true(fabs(p.survival - surv[i]) <= 1e-15);
    }
    csat_survival_free(km);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(weighted_tally_kernels_agree),
        cmocka_unit_test(weighted_tally_short_scales),
        cmocka_unit_test(weighted_moment_kernels),
        cmocka_unit_test(weighted_mean_errors_name_the_element),
        cmocka_unit_test(comoment_kernel_agrees),
        cmocka_unit_test(block_sums_kernel_agrees),
        cmocka_unit_test(exact_comoments),
        cmocka_unit_test(radix_sort_sorts_stably),
        cmocka_unit_test(km_ties_by_hand),
    };
    return cmocka_run_group_tests_name("kernels", tests, NULL, NULL);
}
