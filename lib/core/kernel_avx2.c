/* AVX2 + FMA kernels, compiled with -mavx2 -mfma into their own object and
 * only called after csat_simd_available() said the CPU runs them.
 *
 * Tally: a histogram increment per answer is a load-add-store on memory
 * that limits a scalar loop to about one answer per cycle whatever the
 * bandwidth. For scales of at most 16 points the counts live in registers
 * instead: each 64-bit lane holds eight 8-bit counters (points 0–7 in one
 * accumulator, 8–15 in a second), an answer at point i adds 1 << 8i through a
 * variable shift (shifts of 64 or more give 0, so each answer lands in
 * exactly one counter), and the bytes are flushed to 64-bit counts before
 * any can overflow. Validation (integer, on the scale, not NaN) is three
 * vector compares; a block of four with a missing or invalid answer goes
 * through the scalar rules so that the first invalid index is exact. */
#include <immintrin.h>
#include <math.h>

#include "core/error.h"
#include "core/simd.h"
#include "csat/drivers.h"

/* 255 additions at most per 8-bit counter between flushes. */
#define FLUSH_EVERY 255

static void flush(__m256i *acc, uint64_t *counts, size_t k)
{
    uint8_t bytes[2][32];
    _mm256_storeu_si256((__m256i *)bytes[0], acc[0]);
    _mm256_storeu_si256((__m256i *)bytes[1], acc[1]);
    for (size_t half = 0; half < 2; half++)
        for (size_t lane = 0; lane < 4; lane++)
            for (size_t f = 0; f < 8; f++) {
                size_t point = half * 8 + f;
                if (point < k)
                    counts[point] += bytes[half][lane * 8 + f];
            }
    acc[0] = acc[1] = _mm256_setzero_si256();
}

size_t csat_count_unit_avx2(const double *x, size_t n, int min, int max, uint64_t *counts,
                            uint64_t *missing)
{
    const size_t k = (size_t)(max - min + 1);
    const __m256d lo = _mm256_set1_pd(min), hi = _mm256_set1_pd(max);
    /* t = 8·x + (2^52 − 8·min): for an answer on the scale the low bits of
     * t hold 8·(x − min) exactly, the shift that selects its counter. */
    const __m256d eight = _mm256_set1_pd(8.0);
    const __m256d magic = _mm256_set1_pd(4503599627370496.0 - 8.0 * min);
    const __m256i low7 = _mm256_set1_epi64x(127), sixty4 = _mm256_set1_epi64x(64);
    const __m256i one = _mm256_set1_epi64x(1);
    __m256i acc[2] = { _mm256_setzero_si256(), _mm256_setzero_si256() };
    size_t i = 0, since_flush = 0;
    for (; i + 4 <= n; i += 4) {
        __m256d v = _mm256_loadu_pd(x + i);
        __m256d whole = _mm256_round_pd(v, _MM_FROUND_TO_ZERO | _MM_FROUND_NO_EXC);
        __m256d ok = _mm256_and_pd(_mm256_cmp_pd(whole, v, _CMP_EQ_OQ),
                                   _mm256_and_pd(_mm256_cmp_pd(v, lo, _CMP_GE_OQ),
                                                 _mm256_cmp_pd(v, hi, _CMP_LE_OQ)));
        if (_mm256_movemask_pd(ok) != 0xF) {
            for (size_t j = i; j < i + 4; j++) {
                double a = x[j];
                if (a >= min && a <= max && (double)(long long)a == a)
                    counts[(long long)a - min]++;
                else if (isnan(a))
                    (*missing)++;
                else {
                    flush(acc, counts, k);
                    return j;
                }
            }
            continue;
        }
        __m256i shift = _mm256_and_si256(
            _mm256_castpd_si256(_mm256_fmadd_pd(v, eight, magic)), low7);
        acc[0] = _mm256_add_epi64(acc[0], _mm256_sllv_epi64(one, shift));
        acc[1] = _mm256_add_epi64(acc[1], _mm256_sllv_epi64(one, _mm256_sub_epi64(shift, sixty4)));
        if (++since_flush == FLUSH_EVERY) {
            flush(acc, counts, k);
            since_flush = 0;
        }
    }
    flush(acc, counts, k);
    for (; i < n; i++) {
        double a = x[i];
        if (a >= min && a <= max && (double)(long long)a == a)
            counts[(long long)a - min]++;
        else if (isnan(a))
            (*missing)++;
        else
            return i;
    }
    return n;
}

/* The smallest of lo's and the largest of hi's four lanes. */
static void hminmax(__m256d lo, __m256d hi, double *mn, double *mx)
{
    double l[4], h[4];
    _mm256_storeu_pd(l, lo);
    _mm256_storeu_pd(h, hi);
    *mn = fmin(fmin(l[0], l[1]), fmin(l[2], l[3]));
    *mx = fmax(fmax(h[0], h[1]), fmax(h[2], h[3]));
}

static double hsum(__m256d v)
{
    double t[4];
    _mm256_storeu_pd(t, v);
    return (t[0] + t[1]) + (t[2] + t[3]);
}

int csat_block_sums_masked_avx2(const double *x, size_t len, double shift, double *count,
                                double *sum, double *min, double *max)
{
    const __m256d sh = _mm256_set1_pd(shift), onev = _mm256_set1_pd(1.0);
    const __m256d inf = _mm256_set1_pd(INFINITY), absmask = _mm256_castsi256_pd(
                                                      _mm256_set1_epi64x(0x7fffffffffffffffLL));
    __m256d s0 = _mm256_setzero_pd(), s1 = _mm256_setzero_pd();
    __m256d c0 = _mm256_setzero_pd(), c1 = _mm256_setzero_pd();
    __m256d lo = inf, hi = _mm256_set1_pd(-INFINITY), bad = _mm256_setzero_pd();
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        __m256d a = _mm256_loadu_pd(x + i), b = _mm256_loadu_pd(x + i + 4);
        __m256d oka = _mm256_cmp_pd(a, a, _CMP_ORD_Q), okb = _mm256_cmp_pd(b, b, _CMP_ORD_Q);
        s0 = _mm256_add_pd(s0, _mm256_and_pd(oka, _mm256_sub_pd(a, sh)));
        s1 = _mm256_add_pd(s1, _mm256_and_pd(okb, _mm256_sub_pd(b, sh)));
        c0 = _mm256_add_pd(c0, _mm256_and_pd(oka, onev));
        c1 = _mm256_add_pd(c1, _mm256_and_pd(okb, onev));
        /* min/max return the second operand when either is NaN. */
        lo = _mm256_min_pd(a, lo);
        lo = _mm256_min_pd(b, lo);
        hi = _mm256_max_pd(a, hi);
        hi = _mm256_max_pd(b, hi);
        bad = _mm256_or_pd(bad, _mm256_cmp_pd(_mm256_and_pd(a, absmask), inf, _CMP_EQ_OQ));
        bad = _mm256_or_pd(bad, _mm256_cmp_pd(_mm256_and_pd(b, absmask), inf, _CMP_EQ_OQ));
    }
    double s = hsum(_mm256_add_pd(s0, s1)), c = hsum(_mm256_add_pd(c0, c1));
    double mn, mx;
    hminmax(lo, hi, &mn, &mx);
    int any_inf = _mm256_movemask_pd(bad) != 0;
    for (; i < len; i++) {
        double v = x[i];
        if (v == v) {
            any_inf |= isinf(v);
            s += v - shift;
            c += 1;
            mn = v < mn ? v : mn;
            mx = v > mx ? v : mx;
        }
    }
    *count = c;
    *sum = s;
    *min = mn;
    *max = mx;
    return any_inf;
}

void csat_block_dev_masked_avx2(const double *x, size_t len, double shift, double mean,
                                double *m2, double *corr)
{
    __m256d q0 = _mm256_setzero_pd(), q1 = _mm256_setzero_pd();
    __m256d d0 = _mm256_setzero_pd(), d1 = _mm256_setzero_pd();
    size_t i = 0;
    const __m256d shv = _mm256_set1_pd(shift), mv = _mm256_set1_pd(mean);
    for (; i + 8 <= len; i += 8) {
        __m256d a = _mm256_loadu_pd(x + i), b = _mm256_loadu_pd(x + i + 4);
        __m256d oka = _mm256_cmp_pd(a, a, _CMP_ORD_Q), okb = _mm256_cmp_pd(b, b, _CMP_ORD_Q);
        __m256d da = _mm256_and_pd(oka, _mm256_sub_pd(_mm256_sub_pd(a, shv), mv));
        __m256d db = _mm256_and_pd(okb, _mm256_sub_pd(_mm256_sub_pd(b, shv), mv));
        q0 = _mm256_fmadd_pd(da, da, q0);
        q1 = _mm256_fmadd_pd(db, db, q1);
        d0 = _mm256_add_pd(d0, da);
        d1 = _mm256_add_pd(d1, db);
    }
    double q = hsum(_mm256_add_pd(q0, q1)), d = hsum(_mm256_add_pd(d0, d1));
    for (; i < len; i++) {
        double v = x[i];
        if (v == v) {
            double e = (v - shift) - mean;
            q += e * e;
            d += e;
        }
    }
    *m2 = q;
    *corr = d;
}

int csat_block_sums_avx2(const double *x, size_t len, double shift, double *sum, double *min,
                         double *max)
{
    /* Every value finite is the common case: no masks and no test in the
     * loop, since a NaN or an infinity makes the sum NaN or infinite (and an
     * overflowing sum, a false alarm, only sends the block to the masked
     * path, which gets it right). */
    /* Four independent sums and two min/max chains hide the latency of
     * the additions, so the loop runs at the speed of the loads. */
    const __m256d sh = _mm256_set1_pd(shift);
    __m256d s0 = _mm256_setzero_pd(), s1 = s0, s2 = s0, s3 = s0;
    __m256d lo0 = _mm256_set1_pd(INFINITY), lo1 = lo0;
    __m256d hi0 = _mm256_set1_pd(-INFINITY), hi1 = hi0;
    size_t i = 0;
    for (; i + 16 <= len; i += 16) {
        __m256d a = _mm256_loadu_pd(x + i), b = _mm256_loadu_pd(x + i + 4);
        __m256d c = _mm256_loadu_pd(x + i + 8), d = _mm256_loadu_pd(x + i + 12);
        s0 = _mm256_add_pd(s0, _mm256_sub_pd(a, sh));
        s1 = _mm256_add_pd(s1, _mm256_sub_pd(b, sh));
        s2 = _mm256_add_pd(s2, _mm256_sub_pd(c, sh));
        s3 = _mm256_add_pd(s3, _mm256_sub_pd(d, sh));
        lo0 = _mm256_min_pd(lo0, _mm256_min_pd(a, b));
        lo1 = _mm256_min_pd(lo1, _mm256_min_pd(c, d));
        hi0 = _mm256_max_pd(hi0, _mm256_max_pd(a, b));
        hi1 = _mm256_max_pd(hi1, _mm256_max_pd(c, d));
    }
    __m256d lo = _mm256_min_pd(lo0, lo1), hi = _mm256_max_pd(hi0, hi1);
    double s = hsum(_mm256_add_pd(_mm256_add_pd(s0, s1), _mm256_add_pd(s2, s3)));
    double mn, mx;
    hminmax(lo, hi, &mn, &mx);
    for (; i < len; i++) {
        double v = x[i];
        s += v - shift;
        mn = v < mn ? v : mn;
        mx = v > mx ? v : mx;
    }
    *sum = s;
    *min = mn;
    *max = mx;
    return !isfinite(s);
}

void csat_block_dev_avx2(const double *x, size_t len, double centre, double *m2, double *corr)
{
    const __m256d c = _mm256_set1_pd(centre);
    __m256d q0 = _mm256_setzero_pd(), q1 = q0, q2 = q0, q3 = q0;
    __m256d d0 = _mm256_setzero_pd(), d1 = d0;
    size_t i = 0;
    for (; i + 16 <= len; i += 16) {
        __m256d da = _mm256_sub_pd(_mm256_loadu_pd(x + i), c);
        __m256d db = _mm256_sub_pd(_mm256_loadu_pd(x + i + 4), c);
        __m256d dc = _mm256_sub_pd(_mm256_loadu_pd(x + i + 8), c);
        __m256d dd = _mm256_sub_pd(_mm256_loadu_pd(x + i + 12), c);
        q0 = _mm256_fmadd_pd(da, da, q0);
        q1 = _mm256_fmadd_pd(db, db, q1);
        q2 = _mm256_fmadd_pd(dc, dc, q2);
        q3 = _mm256_fmadd_pd(dd, dd, q3);
        d0 = _mm256_add_pd(d0, _mm256_add_pd(da, db));
        d1 = _mm256_add_pd(d1, _mm256_add_pd(dc, dd));
    }
    double q = hsum(_mm256_add_pd(_mm256_add_pd(q0, q1), _mm256_add_pd(q2, q3)));
    double d = hsum(_mm256_add_pd(d0, d1));
    for (; i < len; i++) {
        double e = x[i] - centre;
        q += e * e;
        d += e;
    }
    *m2 = q;
    *corr = d;
}

int csat_block_onepass_avx2(const double *x, size_t len, double centre, double *s1, double *s2,
                            double *min, double *max)
{
    const __m256d c = _mm256_set1_pd(centre);
    __m256d a0 = _mm256_setzero_pd(), a1 = a0, q0 = a0, q1 = a0, q2 = a0, q3 = a0;
    __m256d lo0 = _mm256_set1_pd(INFINITY), lo1 = lo0;
    __m256d hi0 = _mm256_set1_pd(-INFINITY), hi1 = hi0;
    size_t i = 0;
    for (; i + 16 <= len; i += 16) {
        __m256d a = _mm256_loadu_pd(x + i), b = _mm256_loadu_pd(x + i + 4);
        __m256d e = _mm256_loadu_pd(x + i + 8), f = _mm256_loadu_pd(x + i + 12);
        __m256d da = _mm256_sub_pd(a, c), db = _mm256_sub_pd(b, c);
        __m256d de = _mm256_sub_pd(e, c), df = _mm256_sub_pd(f, c);
        a0 = _mm256_add_pd(a0, _mm256_add_pd(da, db));
        a1 = _mm256_add_pd(a1, _mm256_add_pd(de, df));
        q0 = _mm256_fmadd_pd(da, da, q0);
        q1 = _mm256_fmadd_pd(db, db, q1);
        q2 = _mm256_fmadd_pd(de, de, q2);
        q3 = _mm256_fmadd_pd(df, df, q3);
        lo0 = _mm256_min_pd(lo0, _mm256_min_pd(a, b));
        lo1 = _mm256_min_pd(lo1, _mm256_min_pd(e, f));
        hi0 = _mm256_max_pd(hi0, _mm256_max_pd(a, b));
        hi1 = _mm256_max_pd(hi1, _mm256_max_pd(e, f));
    }
    double sum = hsum(_mm256_add_pd(a0, a1));
    double sq = hsum(_mm256_add_pd(_mm256_add_pd(q0, q1), _mm256_add_pd(q2, q3)));
    double mn, mx;
    hminmax(_mm256_min_pd(lo0, lo1), _mm256_max_pd(hi0, hi1), &mn, &mx);
    for (; i < len; i++) {
        double d = x[i] - centre;
        sum += d;
        sq += d * d;
        mn = x[i] < mn ? x[i] : mn;
        mx = x[i] > mx ? x[i] : mx;
    }
    *s1 = sum;
    *s2 = sq;
    *min = mn;
    *max = mx;
    return !isfinite(sq) || !isfinite(sum);
}

/* Weighted moments of a block (moments.c, block_weighted): the first
 * pass. NaN answers are masked out (their weights too), weights are
 * checked as csat_weight_ok does, infinite answers flagged; min and max
 * skip NaN as above. s[] receives count, Σw, Σw·d, Σw², Σw²·d with
 * d = x − shift. */
int csat_block_wsums_avx2(const double *x, const double *w, size_t len, double shift, double *s,
                          double *min, double *max)
{
    const __m256d sh = _mm256_set1_pd(shift), onev = _mm256_set1_pd(1.0);
    const __m256d zero = _mm256_setzero_pd(), inf = _mm256_set1_pd(INFINITY);
    const __m256d absmask = _mm256_castsi256_pd(_mm256_set1_epi64x(0x7fffffffffffffffLL));
    const __m256d wmin = _mm256_set1_pd(CSAT_WEIGHT_MIN), wmax = _mm256_set1_pd(CSAT_WEIGHT_MAX);
    __m256d c = zero, sw = zero, swx = zero, sw2 = zero, sw2x = zero, bad = zero;
    __m256d lo = inf, hi = _mm256_set1_pd(-INFINITY);
    size_t i = 0;
    for (; i + 4 <= len; i += 4) {
        const __m256d v = _mm256_loadu_pd(x + i), wv = _mm256_loadu_pd(w + i);
        const __m256d ok = _mm256_cmp_pd(v, v, _CMP_ORD_Q);
        const __m256d offw = _mm256_or_pd(_mm256_cmp_pd(wv, wmin, _CMP_NGE_UQ),
                                          _mm256_cmp_pd(wv, wmax, _CMP_NLE_UQ));
        bad = _mm256_or_pd(bad, _mm256_andnot_pd(_mm256_cmp_pd(wv, zero, _CMP_EQ_OQ), offw));
        bad = _mm256_or_pd(bad, _mm256_cmp_pd(_mm256_and_pd(v, absmask), inf, _CMP_EQ_OQ));
        const __m256d d = _mm256_and_pd(ok, _mm256_sub_pd(v, sh));
        const __m256d wm = _mm256_and_pd(ok, wv), w2 = _mm256_mul_pd(wm, wm);
        c = _mm256_add_pd(c, _mm256_and_pd(ok, onev));
        sw = _mm256_add_pd(sw, wm);
        swx = _mm256_fmadd_pd(wm, d, swx);
        sw2 = _mm256_add_pd(sw2, w2);
        sw2x = _mm256_fmadd_pd(w2, d, sw2x);
        lo = _mm256_min_pd(v, lo);
        hi = _mm256_max_pd(v, hi);
    }
    double r[5] = { hsum(c), hsum(sw), hsum(swx), hsum(sw2), hsum(sw2x) }, mn, mx;
    hminmax(lo, hi, &mn, &mx);
    int refused = _mm256_movemask_pd(bad) != 0;
    for (; i < len; i++) {
        double v = x[i], wi = w[i];
        refused |= !(wi == 0 || (wi >= CSAT_WEIGHT_MIN && wi <= CSAT_WEIGHT_MAX));
        if (v == v) {
            refused |= isinf(v) != 0;
            double d = v - shift, w2 = wi * wi;
            r[0] += 1;
            r[1] += wi;
            r[2] += wi * d;
            r[3] += w2;
            r[4] += w2 * d;
            mn = v < mn ? v : mn;
            mx = v > mx ? v : mx;
        }
    }
    for (int j = 0; j < 5; j++)
        s[j] = r[j];
    *min = mn;
    *max = mx;
    return refused;
}

/* The second pass over such a block, in cache: q[] receives Σw·d², Σw·d,
 * Σw²·e², Σw²·e with d = (x − shift) − mean, e = (x − shift) − mean2,
 * NaN answers skipped. */
void csat_block_wdev_avx2(const double *x, const double *w, size_t len, double shift, double mean,
                          double mean2, double *q)
{
    const __m256d sh = _mm256_set1_pd(shift), m1 = _mm256_set1_pd(mean),
                  m2v = _mm256_set1_pd(mean2), zero = _mm256_setzero_pd();
    __m256d a0 = zero, a1 = zero, b0 = zero, b1 = zero;
    __m256d a2 = zero, a3 = zero, b2 = zero, b3 = zero;
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        for (size_t h = 0; h < 8; h += 4) {
            const __m256d v = _mm256_loadu_pd(x + i + h), wv = _mm256_loadu_pd(w + i + h);
            const __m256d ok = _mm256_cmp_pd(v, v, _CMP_ORD_Q);
            const __m256d u = _mm256_sub_pd(v, sh);
            const __m256d d = _mm256_and_pd(ok, _mm256_sub_pd(u, m1));
            const __m256d e = _mm256_and_pd(ok, _mm256_sub_pd(u, m2v));
            const __m256d wd = _mm256_mul_pd(wv, d);
            const __m256d w2e = _mm256_mul_pd(_mm256_mul_pd(wv, wv), e);
            if (h == 0) {
                a0 = _mm256_fmadd_pd(wd, d, a0);
                a1 = _mm256_add_pd(a1, wd);
                b0 = _mm256_fmadd_pd(w2e, e, b0);
                b1 = _mm256_add_pd(b1, w2e);
            } else {
                a2 = _mm256_fmadd_pd(wd, d, a2);
                a3 = _mm256_add_pd(a3, wd);
                b2 = _mm256_fmadd_pd(w2e, e, b2);
                b3 = _mm256_add_pd(b3, w2e);
            }
        }
    }
    double r[4] = { hsum(_mm256_add_pd(a0, a2)), hsum(_mm256_add_pd(a1, a3)),
                    hsum(_mm256_add_pd(b0, b2)), hsum(_mm256_add_pd(b1, b3)) };
    for (; i < len; i++) {
        double v = x[i] - shift;
        if (v == v) {
            double d = v - mean, e = v - mean2, w2 = w[i] * w[i];
            r[0] += w[i] * d * d;
            r[1] += w[i] * d;
            r[2] += w2 * e * e;
            r[3] += w2 * e;
        }
    }
    for (int j = 0; j < 4; j++)
        q[j] = r[j];
}

/* The co-moments of a block of rows (xprod.c): c[j·k + l] = Σ_i (w_i·d_ij)·d_il
 * for l ≤ j, d_ij = rows[i·k + j] − mean[j], each entry's products added in
 * row order, every product rounded before its addition (no fused
 * multiply-add): the sums of the portable loop, bit for bit. The
 * deviations of the block are laid out first, padded with zeros to a
 * multiple of 8 columns (D, and W·D for the broadcast side; without
 * weights W·D is D itself, w = 1 being exact), then the lower triangle is
 * covered by tiles of up to 4 rows j × 3 vectors of 4 columns l: rows
 * j0..j0+3 need the columns 0..j0+3 only, so a tile wastes at most the
 * upper half of a 4 × 4 square on the diagonal. A tile's 12 sums stay in
 * registers over a slice of XPROD_SLICE rows, whose deviations stay in
 * L1 from one tile to the next; between slices the sums wait in acc. */
#define XPROD_SLICE 48

static inline __attribute__((always_inline)) void
xprod_tile(const double *d, const double *wd, size_t kp, size_t len, size_t j0, size_t l0,
           size_t R, size_t V, double *acc, int first)
{
    __m256d a[4][3];
    for (size_t r = 0; r < R; r++)
        for (size_t v = 0; v < V; v++)
            a[r][v] = first ? _mm256_setzero_pd()
                            : _mm256_loadu_pd(acc + (j0 + r) * kp + l0 + 4 * v);
    const double *dl = d + l0, *wj = wd + j0;
    for (size_t i = 0; i < len; i++, dl += kp, wj += kp) {
        __m256d x[3];
        for (size_t v = 0; v < V; v++)
            x[v] = _mm256_loadu_pd(dl + 4 * v);
        for (size_t r = 0; r < R; r++) {
            const __m256d b = _mm256_broadcast_sd(wj + r);
            for (size_t v = 0; v < V; v++)
                a[r][v] = _mm256_add_pd(a[r][v], _mm256_mul_pd(b, x[v]));
        }
    }
    for (size_t r = 0; r < R; r++)
        for (size_t v = 0; v < V; v++)
            _mm256_storeu_pd(acc + (j0 + r) * kp + l0 + 4 * v, a[r][v]);
}

#define XPROD_TILE(R, V)                                                                   \
    case (R) * 4 + (V):                                                                    \
        xprod_tile(ds, ws, kp, n, j0, l0, R, V, acc, first);                               \
        break;

void csat_xprod_lower_avx2(const double *rows, size_t len, size_t k, const double *w,
                           const double *mean, double *c, double *buf)
{
    const size_t kp = (k + 7) & ~(size_t)7;
    double *d = buf, *wd = w ? buf + len * kp : buf, *acc = buf + 2 * len * kp;
    _Alignas(32) double mp[CSAT_DRIVERS_MAX + 8];
    for (size_t j = 0; j < kp; j++)
        mp[j] = j < k ? mean[j] : 0.0;
    const __m256i lanes = _mm256_setr_epi64x(0, 1, 2, 3);
    for (size_t i = 0; i < len; i++) {
        const double *r = rows + i * k;
        double *di = d + i * kp, *wdi = wd + i * kp;
        const __m256d wv = _mm256_set1_pd(w ? w[i] : 1.0);
        for (size_t v = 0; v < kp / 4; v++) {
            /* Columns past k read as 0 (masked), and their mean is 0. */
            const __m256i m = _mm256_cmpgt_epi64(_mm256_set1_epi64x((long long)k - 4 * (long long)v),
                                                 lanes);
            const __m256d dv = _mm256_sub_pd(_mm256_maskload_pd(r + 4 * v, m),
                                             _mm256_load_pd(mp + 4 * v));
            _mm256_storeu_pd(di + 4 * v, dv);
            if (w)
                _mm256_storeu_pd(wdi + 4 * v, _mm256_mul_pd(wv, dv));
        }
    }
    for (size_t s = 0; s < len; s += XPROD_SLICE) {
        const size_t n = len - s < XPROD_SLICE ? len - s : XPROD_SLICE;
        const double *ds = d + s * kp, *ws = wd + s * kp;
        const int first = s == 0;
        for (size_t j0 = 0; j0 < k; j0 += 4) {
            const size_t R = k - j0 < 4 ? k - j0 : 4, vend = j0 / 4 + 1;
            for (size_t v0 = 0; v0 < vend; v0 += 3) {
                const size_t V = vend - v0 < 3 ? vend - v0 : 3, l0 = 4 * v0;
                switch (R * 4 + V) {
                    XPROD_TILE(1, 1) XPROD_TILE(1, 2) XPROD_TILE(1, 3)
                    XPROD_TILE(2, 1) XPROD_TILE(2, 2) XPROD_TILE(2, 3)
                    XPROD_TILE(3, 1) XPROD_TILE(3, 2) XPROD_TILE(3, 3)
                    XPROD_TILE(4, 1) XPROD_TILE(4, 2) XPROD_TILE(4, 3)
                default:
                    break;
                }
            }
        }
    }
    for (size_t j = 0; j < k; j++)
        for (size_t l = 0; l <= j; l++)
            c[j * k + l] = len > 0 ? acc[j * kp + l] : 0.0;
}
#undef XPROD_TILE

/* The weighted sums of a block's columns for its means (xprod.c,
 * add_rows): sum[j] = Σ_i w_i·rows[i·k + j] in row order, each product
 * rounded before it is added (the bits of the portable loop), and the
 * smallest and largest value of each column over the rows of positive
 * weight, starting from row `first`, the first of them (first < len). */
void csat_xprod_block_sums_avx2(const double *rows, size_t len, size_t k, const double *w,
                                size_t first, double *sum, double *lo, double *hi)
{
    const __m256i lanes = _mm256_setr_epi64x(0, 1, 2, 3);
    const __m256d zero = _mm256_setzero_pd();
    for (size_t j = 0; j < k; j += 8) {
        const __m256i m0 = _mm256_cmpgt_epi64(_mm256_set1_epi64x((long long)(k - j)), lanes);
        const __m256i m1 = _mm256_cmpgt_epi64(_mm256_set1_epi64x((long long)(k - j) - 4), lanes);
        const double *r = rows + j;
        const __m256d f0 = _mm256_maskload_pd(r + first * k, m0);
        const __m256d f1 = _mm256_maskload_pd(r + first * k + 4, m1);
        __m256d s0 = zero, s1 = zero, l0 = f0, l1 = f1, h0 = f0, h1 = f1;
        for (size_t i = 0; i < len; i++, r += k) {
            const __m256d x0 = _mm256_maskload_pd(r, m0), x1 = _mm256_maskload_pd(r + 4, m1);
            if (w) {
                const __m256d wv = _mm256_set1_pd(w[i]);
                s0 = _mm256_add_pd(s0, _mm256_mul_pd(wv, x0));
                s1 = _mm256_add_pd(s1, _mm256_mul_pd(wv, x1));
                /* A row of weight 0 stands in as the first row, which
                 * moves neither the minimum nor the maximum. */
                const __m256d pos = _mm256_cmp_pd(wv, zero, _CMP_GT_OQ);
                const __m256d y0 = _mm256_blendv_pd(f0, x0, pos);
                const __m256d y1 = _mm256_blendv_pd(f1, x1, pos);
                l0 = _mm256_min_pd(y0, l0);
                l1 = _mm256_min_pd(y1, l1);
                h0 = _mm256_max_pd(y0, h0);
                h1 = _mm256_max_pd(y1, h1);
            } else {
                s0 = _mm256_add_pd(s0, x0);
                s1 = _mm256_add_pd(s1, x1);
                l0 = _mm256_min_pd(x0, l0);
                l1 = _mm256_min_pd(x1, l1);
                h0 = _mm256_max_pd(x0, h0);
                h1 = _mm256_max_pd(x1, h1);
            }
        }
        double t[6][8];
        _mm256_storeu_pd(t[0], s0);
        _mm256_storeu_pd(t[0] + 4, s1);
        _mm256_storeu_pd(t[1], l0);
        _mm256_storeu_pd(t[1] + 4, l1);
        _mm256_storeu_pd(t[2], h0);
        _mm256_storeu_pd(t[2] + 4, h1);
        for (size_t a = 0; a < 8 && j + a < k; a++) {
            sum[j + a] = t[0][a];
            lo[j + a] = t[1][a];
            hi[j + a] = t[2][a];
        }
    }
}

/* Rows of the cross-product accumulator (xprod.c) copied into a block:
 * p drivers at x + i·ld, then the outcome y[i], for as long as every value
 * is accepted (within ±CSAT_VALUE_MAX, which excludes NaN and infinities),
 * up to m rows. Returns the rows copied; the row that stopped it goes to
 * the caller's checks. */
size_t csat_xprod_copy_rows_avx2(const double *x, size_t ld, const double *y, size_t m, size_t p,
                                 double *buf)
{
    const __m256d big = _mm256_set1_pd(CSAT_VALUE_MAX);
    const __m256d absmask = _mm256_castsi256_pd(_mm256_set1_epi64x(0x7fffffffffffffffLL));
    const size_t k = p + 1;
    for (size_t i = 0; i < m; i++) {
        const double *row = x + i * ld;
        double *dst = buf + i * k;
        __m256d bad = _mm256_setzero_pd();
        size_t j = 0;
        for (; j + 4 <= p; j += 4) {
            const __m256d v = _mm256_loadu_pd(row + j);
            _mm256_storeu_pd(dst + j, v);
            bad = _mm256_or_pd(bad, _mm256_cmp_pd(_mm256_and_pd(v, absmask), big, _CMP_NLE_UQ));
        }
        int ok = _mm256_movemask_pd(bad) == 0 && csat_value_ok(y[i]);
        for (; j < p; j++) {
            dst[j] = row[j];
            ok &= csat_value_ok(row[j]);
        }
        if (!ok)
            return i;
        dst[p] = y[i];
    }
    return m;
}
