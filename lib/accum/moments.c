/* The moments accumulator (doc/methods.md, "Accumulators").
 *
 * Data are read in blocks small enough to stay in L1: within a block a
 * two-pass sum (mean first, then squared deviations) gives M2 without the
 * cancellation of a one-pass sum of squares, and without Welford's division
 * per element; blocks are combined with Chan, Golub & LeVeque's update. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "accum/moments.h"
#include "core/error.h"
#include "core/serial.h"
#include "core/sized.h"
#include "core/simd.h"
#include "csat/accum.h"

#define BLOCK 2048

static csat_status merge_checked(csat_moments_state *a, const csat_moments_state *b, csat_error *err);

/* Combine the moment pair (w, mean, m2) of b into a, for one weight system. */
static void chan(double *wa, double *ma, double *m2a, double wb, double mb, double m2b)
{
    double w = *wa + wb;
    if (wb == 0) {
        *m2a += m2b;
        return;
    }
    if (*wa == 0) {
        *wa = wb;
        *ma = mb;
        *m2a += m2b;
        return;
    }
    /* The new mean from the heavier side: mean_a + δ·w_b/W loses all of
     * the lighter side's digits when w_b/W rounds to 1 and δ is large (a
     * shard of 10²⁴ weight at 1 merged into one at 10¹⁷ gave 2e-24, not 1). */
    double delta = mb - *ma;
    if (wb <= *wa)
        *ma += delta * (wb / w);
    else
        *ma = mb - delta * (*wa / w);
    *m2a += m2b + delta * delta * (*wa * (wb / w));
    *wa = w;
}

/* Whether m is a state that init, add and merge can produce: counts and
 * sums consistent with each other (doc/methods.md, "Accumulators"). Sums
 * of rounded numbers are compared with a relative slack. */
static int moments_valid(const csat_moments_state *m)
{
    const double f[8] = { m->sum_w, m->mean, m->m2, m->sum_w2, m->mean_w2, m->m2_w2, m->min, m->max };
    for (int i = 0; i < 8; i++)
        if (!isfinite(f[i]))
            return 0;
    if (m->n > SIZE_MAX - m->n_missing)
        return 0;
    if (m->n == 0) {
        for (int i = 0; i < 8; i++)
            if (f[i] != 0)
                return 0;
        return 1;
    }
    if (!(m->sum_w >= 0 && m->sum_w2 >= 0 && m->m2 >= 0 && m->m2_w2 >= 0))
        return 0;
    if (!(csat_value_ok(m->min) && csat_value_ok(m->max) && m->min <= m->max))
        return 0;
    if ((m->sum_w == 0) != (m->sum_w2 == 0))
        return 0;
    if (m->sum_w == 0)
        return m->mean == 0 && m->m2 == 0 && m->mean_w2 == 0 && m->m2_w2 == 0;
    const double slack = 1e-9, n = (double)m->n, sw = m->sum_w;
    /* Every positive weight is at least CSAT_WEIGHT_MIN. */
    if (!(sw >= CSAT_WEIGHT_MIN * (1 - slack)) || sw > n * CSAT_WEIGHT_MAX
        || !(m->sum_w2 >= CSAT_WEIGHT_MIN * CSAT_WEIGHT_MIN * (1 - slack))
        || m->sum_w2 > sw * sw * (1 + slack) || m->sum_w2 < sw * sw / n * (1 - slack))
        return 0;
    /* Means within [min, max], each up to rounding relative to the values'
     * magnitude. */
    double scale = fmax(fabs(m->min), fabs(m->max)), tol = 1e-12 * scale;
    if (!(m->mean >= m->min - tol && m->mean <= m->max + tol && m->mean_w2 >= m->min - tol
          && m->mean_w2 <= m->max + tol))
        return 0;
    /* M2 at most Σw·(max − mean)(mean − min) (Bhatia–Davis), for each
     * weighting: a bound that ties the spread to where the mean sits, which
     * the looser Σw·(range/2)² does not, and that a merge of two states
     * within it keeps (the bound is concave in the mean with the same
     * curvature as the between-part Chan adds). The factors carry the
     * rounding allowance tol; plus what underflow may add: n subnormal
     * steps (values of 1e-320 are valid data). */
    const double lost = n * 4.9406564584124654e-324;
    const double b1 = fmax(m->max - m->mean + tol, 0) * fmax(m->mean - m->min + tol, 0);
    const double b2 = fmax(m->max - m->mean_w2 + tol, 0) * fmax(m->mean_w2 - m->min + tol, 0);
    return m->m2 <= sw * b1 * (1 + slack) + lost && m->m2_w2 <= m->sum_w2 * b2 * (1 + slack) + lost;
}

/* Declared in accum/moments.h: the unchecked a ← a ∪ b. */
void csat_moments_state_merge(csat_moments_state *a, const csat_moments_state *b)
{
    if (b->n > 0) {
        if (a->n == 0) {
            a->min = b->min;
            a->max = b->max;
        } else {
            a->min = fmin(a->min, b->min);
            a->max = fmax(a->max, b->max);
        }
    }
    a->n += b->n;
    a->n_missing += b->n_missing;
    chan(&a->sum_w, &a->mean, &a->m2, b->sum_w, b->mean, b->m2);
    chan(&a->sum_w2, &a->mean_w2, &a->m2_w2, b->sum_w2, b->mean_w2, b->m2_w2);
}

/* Summarise one unweighted block; returns the offset of an infinite value
 * or len. */
#if defined(CSAT_HAVE_AVX2_KERNELS)
/* When Σd² is at most this multiple of the centred M2, the one-pass
 * M2 = Σd² − (Σd)²/n has lost at most log10 of it in digits (< 2). */
#define ONEPASS_MAX_RATIO 64.0

/* The same block summary with the AVX2 kernels. After the first block, the
 * running mean is a centre close to the block's own mean and one pass
 * suffices (the data are read once); if the block's mean turns out far
 * from it (sorted or drifting data), the block is read again, in cache,
 * by the two-pass path: unmasked when every value is finite, masked when
 * some are missing, scalar to name an infinite one. */
static size_t block_unit_avx2(const double *x, size_t len, double shift, const csat_moments_state *run,
                              csat_moments_state *b)
{
    double cnt = (double)len, sum, lo, hi, m2, corr, mean, centre;
    if (run->n > 0 && run->sum_w > 0) {
        double c = shift + run->mean, s1, s2;
        if (!csat_block_onepass_avx2(x, len, c, &s1, &s2, &lo, &hi)) {
            m2 = s2 - s1 * s1 / cnt;
            if (s2 <= ONEPASS_MAX_RATIO * m2) {
                b->n = len;
                b->n_missing = 0;
                b->sum_w = b->sum_w2 = cnt;
                /* c − shift, not run->mean: c is rounded, c − shift is exact. */
                b->mean = b->mean_w2 = (c - shift) + s1 / cnt;
                b->m2 = b->m2_w2 = m2;
                b->min = lo;
                b->max = hi;
                return len;
            }
        }
    }
    if (!csat_block_sums_avx2(x, len, shift, &sum, &lo, &hi)) {
        mean = sum / cnt;
        /* Deviations from one rounded centre; the corrected two-pass formula
         * below is exact for any centre, so its rounding costs nothing. */
        centre = shift + mean;
        csat_block_dev_avx2(x, len, centre, &m2, &corr);
        mean = centre - shift;
    } else {
        if (csat_block_sums_masked_avx2(x, len, shift, &cnt, &sum, &lo, &hi)) {
            for (size_t i = 0; i < len; i++)
                if (isinf(x[i]))
                    return i;
        }
        if (cnt == 0) {
            b->n = 0;
            b->n_missing = len;
            return len;
        }
        mean = sum / cnt;
        csat_block_dev_masked_avx2(x, len, shift, mean, &m2, &corr);
    }
    b->n = (size_t)cnt;
    b->n_missing = len - b->n;
    m2 -= corr * corr / cnt;
    mean += corr / cnt;
    b->sum_w = b->sum_w2 = cnt;
    b->mean = b->mean_w2 = mean;
    b->m2 = b->m2_w2 = m2 > 0 ? m2 : 0;
    b->min = lo;
    b->max = hi;
    return len;
}
#endif

static size_t block_unit(const double *x, size_t len, double shift, const csat_moments_state *run,
                         csat_moments_state *b)
{
    (void)run; /* the portable loop always makes two passes */
    size_t cnt = 0;
    double sum = 0, lo = INFINITY, hi = -INFINITY;
    for (size_t i = 0; i < len; i++) {
        double v = x[i];
        if (v == v) {
            if (isinf(v))
                return i;
            cnt++;
            sum += v - shift;
            lo = v < lo ? v : lo;
            hi = v > hi ? v : hi;
        }
    }
    b->n = cnt;
    b->n_missing = len - cnt;
    if (cnt == 0)
        return len;
    double mean = sum / (double)cnt, m2 = 0, corr = 0;
    for (size_t i = 0; i < len; i++) {
        double d = (x[i] - shift) - mean;
        if (d == d) {
            m2 += d * d;
            corr += d;
        }
    }
    /* corr is the rounding error of the mean (exactly 0 in exact arithmetic):
     * the corrected two-pass formula of Chan, Golub & LeVeque. */
    m2 -= corr * corr / (double)cnt;
    mean += corr / (double)cnt;
    b->sum_w = b->sum_w2 = (double)cnt;
    b->mean = b->mean_w2 = mean;
    b->m2 = b->m2_w2 = m2;
    b->min = lo;
    b->max = hi;
    return len;
}

/* A weighted block's state from its two passes: c1 and c2 are the
 * rounding errors of the means (0 in exact arithmetic), for the corrected
 * two-pass formula of Chan, Golub & LeVeque. */
static void weighted_finish(csat_moments_state *b, double sw, double sw2, double mean,
                            double mean2, double m2, double c1, double m2b, double c2, double lo,
                            double hi)
{
    if (sw > 0) {
        m2 -= c1 * c1 / sw;
        mean += c1 / sw;
    }
    if (sw2 > 0) {
        m2b -= c2 * c2 / sw2;
        mean2 += c2 / sw2;
    }
    b->sum_w = sw;
    b->mean = mean;
    b->m2 = m2 > 0 ? m2 : 0;
    b->sum_w2 = sw2;
    b->mean_w2 = mean2;
    b->m2_w2 = m2b > 0 ? m2b : 0;
    b->min = lo;
    b->max = hi;
}

/* Summarise one weighted block; returns the offset of a bad element or len,
 * setting *bad_weight when the weight was at fault. */
static size_t block_weighted(const double *x, const double *w, size_t len, double shift,
                             csat_moments_state *b, int *bad_weight)
{
    size_t cnt = 0;
    double sw = 0, swx = 0, sw2 = 0, sw2x = 0, lo = INFINITY, hi = -INFINITY;
    for (size_t i = 0; i < len; i++) {
        double v = x[i], wi = w[i];
        if (!csat_weight_ok(wi)) {
            *bad_weight = 1;
            return i;
        }
        if (v == v) {
            if (isinf(v)) {
                *bad_weight = 0;
                return i;
            }
            cnt++;
            sw += wi;
            swx += wi * (v - shift);
            sw2 += wi * wi;
            sw2x += wi * wi * (v - shift);
            lo = v < lo ? v : lo;
            hi = v > hi ? v : hi;
        }
    }
    b->n = cnt;
    b->n_missing = len - cnt;
    if (cnt == 0)
        return len;
    double mean = sw > 0 ? swx / sw : 0, mean2 = sw2 > 0 ? sw2x / sw2 : 0;
    double m2 = 0, c1 = 0, m2b = 0, c2 = 0;
    for (size_t i = 0; i < len; i++) {
        double v = x[i] - shift;
        if (v == v) {
            double d = v - mean, e = v - mean2, w2 = w[i] * w[i];
            m2 += w[i] * d * d;
            c1 += w[i] * d;
            m2b += w2 * e * e;
            c2 += w2 * e;
        }
    }
    weighted_finish(b, sw, sw2, mean, mean2, m2, c1, m2b, c2, lo, hi);
    return len;
}

#if defined(CSAT_HAVE_AVX2_KERNELS)
/* The same block summary with the AVX2 kernels: the first pass reads the
 * block from memory, the second from cache, with the sums in vector lanes
 * (another order of addition: the same sums up to rounding, and the same
 * corrected two-pass formula). A block with a refused weight or an
 * infinite answer goes to the portable loop, which names it. */
static size_t block_weighted_avx2(const double *x, const double *w, size_t len, double shift,
                                  csat_moments_state *b, int *bad_weight)
{
    double s[5], q[4], lo, hi;
    if (csat_block_wsums_avx2(x, w, len, shift, s, &lo, &hi))
        return block_weighted(x, w, len, shift, b, bad_weight);
    const double sw = s[1], sw2 = s[3];
    b->n = (size_t)s[0];
    b->n_missing = len - b->n;
    if (b->n == 0)
        return len;
    double mean = sw > 0 ? s[2] / sw : 0, mean2 = sw2 > 0 ? s[4] / sw2 : 0;
    csat_block_wdev_avx2(x, w, len, shift, mean, mean2, q);
    weighted_finish(b, sw, sw2, mean, mean2, q[0], q[1], q[2], q[3], lo, hi);
    return len;
}
#endif

/* The shift of csat_moments_state_add: the value of the first block
 * (finite, of positive weight) nearest to that block's weighted mean, a
 * plain sum being close enough to choose it. A value of the data, so that
 * equal values are exactly 0 apart; near their mean, so that no value of
 * weight 0 (or a lone outlier of tiny weight) far from the rest leaves
 * every shifted value large and their mean rounded to its units
 * (9007199254740992 at weight 0 first, beside 0 and 5 at weights 0.875 and
 * 1, gave 3, not 2.67). The first finite value when nothing weighs. */
static double moments_shift(const double *x, size_t n, const double *w)
{
    double sw = 0, swx = 0, first = 0;
    int seen = 0;
    size_t len = n < BLOCK ? n : BLOCK;
    for (size_t i = 0; i < len; i++) {
        if (!isfinite(x[i]))
            continue;
        if (!seen) {
            first = x[i];
            seen = 1;
        }
        double wi = w ? w[i] : 1.0;
        if (csat_weight_ok(wi) && wi > 0) {
            sw += wi;
            swx += wi * x[i];
        }
    }
    if (!seen) {
        for (size_t i = len; i < n; i++)
            if (isfinite(x[i]))
                return x[i];
        return 0;
    }
    double c = sw > 0 ? swx / sw : NAN;
    if (!isfinite(c))
        return first;
    double best = first, gap = INFINITY;
    for (size_t i = 0; i < len; i++) {
        double wi = w ? w[i] : 1.0;
        if (isfinite(x[i]) && csat_weight_ok(wi) && wi > 0 && fabs(x[i] - c) < gap) {
            gap = fabs(x[i] - c);
            best = x[i];
        }
    }
    return best;
}

csat_status csat_moments_state_add(csat_moments_state *m, const double *x, size_t n, const double *w,
                             csat_error *err)
{
    CSAT_REQUIRE(m, err);
    if (n == 0)
        return CSAT_OK;
    CSAT_REQUIRE(x, err);
    /* Accumulate into a local total and publish it only if all is valid.
     * Values are taken relative to a shift near their (weighted) mean, so
     * that block means are small numbers whose rounding does not disturb
     * Chan's update (data such as 10000000.2, 10000000.1, ... would
     * otherwise lose digits). */
    csat_moments_state total = CSAT_MOMENTS_STATE_INIT;
    size_t (*unit)(const double *, size_t, double, const csat_moments_state *, csat_moments_state *) =
        block_unit;
    size_t (*weighted)(const double *, const double *, size_t, double, csat_moments_state *,
                       int *) = block_weighted;
#if defined(CSAT_HAVE_AVX2_KERNELS)
    if (csat_simd_available()) {
        unit = block_unit_avx2;
        weighted = block_weighted_avx2;
    }
#endif
    double shift = moments_shift(x, n, w);
    for (size_t start = 0; start < n; start += BLOCK) {
        size_t len = n - start < BLOCK ? n - start : BLOCK;
        csat_moments_state b = CSAT_MOMENTS_STATE_INIT;
        int bad_weight = 0;
        size_t bad = w == NULL ? unit(x + start, len, shift, &total, &b)
                               : weighted(x + start, w + start, len, shift, &b, &bad_weight);
        if (bad == len && b.n > 0 && !(csat_value_ok(b.min) && csat_value_ok(b.max))) {
            /* Finite but beyond what squared deviations can hold: name it. */
            bad = 0;
            while (isnan(x[start + bad]) || csat_value_ok(x[start + bad]))
                bad++;
        }
        if (bad < len) {
            size_t i = start + bad;
            if (bad_weight)
                return csat_fail(err, CSAT_ERR_WEIGHT, i, CSAT_NO_INDEX,
                                 CSAT_WEIGHT_MESSAGE, w[i], i);
            return csat_fail(err, CSAT_ERR_RANGE, i, CSAT_NO_INDEX,
                             "value %g at index %zu is infinite or beyond +-1e50", x[i], i);
        }
        csat_moments_state_merge(&total, &b);
    }
    if (total.sum_w > 0) {
        total.mean += shift;
        total.mean_w2 += shift;
    }
    csat_status st = csat_moments_state_check(m, err);
    return st == CSAT_OK ? merge_checked(m, &total, err) : st;
}

csat_status csat_moments_state_check(const csat_moments_state *m, csat_error *err)
{
    if (!moments_valid(m))
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "the moments are not a state an accumulator can reach (counts, sums, "
                         "mean and range disagree)");
    return CSAT_OK;
}

/* a ← a ∪ b published only when every count and sum is representable. */
static csat_status merge_checked(csat_moments_state *a, const csat_moments_state *b, csat_error *err)
{
    csat_moments_state t = *a;
    if (b->n > SIZE_MAX - t.n || b->n_missing > SIZE_MAX - t.n_missing
        || t.n + b->n > SIZE_MAX - (t.n_missing + b->n_missing))
        return csat_fail(err, CSAT_ERR_OVERFLOW, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "the merged counts do not fit in a size_t");
    csat_moments_state_merge(&t, b);
    if (!(isfinite(t.sum_w) && isfinite(t.sum_w2) && isfinite(t.m2) && isfinite(t.m2_w2)
          && isfinite(t.mean) && isfinite(t.mean_w2)))
        return csat_fail(err, CSAT_ERR_OVERFLOW, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "the merged sums exceed the range of a double");
    *a = t;
    return CSAT_OK;
}

static csat_status state_merge(csat_moments_state *dst, const csat_moments_state *src, csat_error *err)
{
    CSAT_REQUIRE(dst, err);
    CSAT_REQUIRE(src, err);
    csat_status st = csat_moments_state_check(dst, err);
    if (st == CSAT_OK)
        st = csat_moments_state_check(src, err);
    if (st != CSAT_OK)
        return st;
    csat_moments_state copy = *src; /* dst and src may be the same object */
    return merge_checked(dst, &copy, err);
}

/* Format: "CSTM", u32 version, u64 n, u64 n_missing, then the eight doubles
 * in struct order, then 8 reserved zero bytes; little-endian, 96 bytes. */
static csat_status state_serialize(const csat_moments_state *m, void *buf, size_t cap, size_t *len,
                                   csat_error *err)
{
    CSAT_REQUIRE(m, err);
    CSAT_REQUIRE(len, err);
    if (buf == NULL) {
        *len = CSAT_MOMENTS_SERIALIZED_SIZE;
        return CSAT_OK;
    }
    if (cap < CSAT_MOMENTS_SERIALIZED_SIZE)
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "buffer of %zu bytes is too small, %d needed", cap,
                         CSAT_MOMENTS_SERIALIZED_SIZE);
    *len = CSAT_MOMENTS_SERIALIZED_SIZE;
    unsigned char *p = buf;
    const double f[8] = { m->sum_w, m->mean, m->m2, m->sum_w2, m->mean_w2, m->m2_w2, m->min, m->max };
    memcpy(p, "CSTM", 4);
    csat_put_u32(p + 4, CSAT_SERIAL_VERSION);
    csat_put_u64(p + 8, m->n);
    csat_put_u64(p + 16, m->n_missing);
    for (int i = 0; i < 8; i++)
        csat_put_f64(p + 24 + 8 * i, f[i]);
    memset(p + 88, 0, CSAT_MOMENTS_SERIALIZED_SIZE - 88); /* reserved, zero */
    return CSAT_OK;
}

static csat_status state_deserialize(const void *buf, size_t len, csat_moments_state *out,
                                     csat_error *err)
{
    CSAT_REQUIRE(buf, err);
    CSAT_REQUIRE(out, err);
    const unsigned char *p = buf;
    if (len != CSAT_MOMENTS_SERIALIZED_SIZE || memcmp(p, "CSTM", 4) != 0
        || csat_get_u32(p + 4) != CSAT_SERIAL_VERSION)
        return csat_fail(err, CSAT_ERR_FORMAT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "not a serialized moments accumulator of version %u",
                         CSAT_SERIAL_VERSION);
    for (size_t i = 88; i < CSAT_MOMENTS_SERIALIZED_SIZE; i++)
        if (p[i] != 0)
            return csat_fail(err, CSAT_ERR_FORMAT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                             "serialized moments have non-zero reserved bytes");
    uint64_t n = csat_get_u64(p + 8), n_missing = csat_get_u64(p + 16);
    if (n > SIZE_MAX || n_missing > SIZE_MAX)
        return csat_fail(err, CSAT_ERR_FORMAT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "serialized moments hold counts beyond this platform's size_t");
    double f[8];
    for (int i = 0; i < 8; i++)
        f[i] = csat_get_f64(p + 24 + 8 * i);
    csat_moments_state m = { (size_t)n, (size_t)n_missing, f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7] };
    if (!moments_valid(&m))
        return csat_fail(err, CSAT_ERR_FORMAT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "serialized moments are inconsistent (counts, sums, mean and range "
                         "disagree)");
    *out = m;
    return CSAT_OK;
}

/* ------------------------------------------------------------------------ */
/* The public handle: a state on the heap, so that it can grow without
 * changing the ABI. */

struct csat_moments {
    csat_moments_state s;
};

const csat_moments_state *csat_moments_get_state(const csat_moments *m)
{
    return &m->s;
}

csat_status csat_moments_create(csat_moments **out, csat_error *err)
{
    CSAT_REQUIRE(out, err);
    csat_moments *m = malloc(sizeof *m);
    if (m == NULL)
        return csat_fail(err, CSAT_ERR_NOMEM, CSAT_NO_INDEX, CSAT_NO_INDEX, NULL);
    const csat_moments_state zero = CSAT_MOMENTS_STATE_INIT;
    m->s = zero;
    *out = m;
    return CSAT_OK;
}

csat_status csat_moments_copy(const csat_moments *m, csat_moments **out, csat_error *err)
{
    CSAT_REQUIRE(m, err);
    CSAT_REQUIRE(out, err);
    csat_moments *c = malloc(sizeof *c);
    if (c == NULL)
        return csat_fail(err, CSAT_ERR_NOMEM, CSAT_NO_INDEX, CSAT_NO_INDEX, NULL);
    *c = *m;
    *out = c;
    return CSAT_OK;
}

void csat_moments_free(csat_moments *m)
{
    free(m);
}

csat_status csat_moments_add(csat_moments *m, const double *x, size_t n, const double *w,
                             csat_error *err)
{
    CSAT_REQUIRE(m, err);
    return csat_moments_state_add(&m->s, x, n, w, err);
}

csat_status csat_moments_merge(csat_moments *dst, const csat_moments *src, csat_error *err)
{
    CSAT_REQUIRE(dst, err);
    CSAT_REQUIRE(src, err);
    return state_merge(&dst->s, &src->s, err);
}

csat_status csat_moments_sample(const csat_moments *m, csat_sample *out, csat_error *err)
{
    CSAT_REQUIRE(m, err);
    CSAT_REQUIRE_OUT(out, err);
    csat_sample r;
    r.size = sizeof r;
    r.n = m->s.n;
    r.n_missing = m->s.n_missing;
    r.n_weighted = m->s.sum_w;
    r.n_effective = m->s.sum_w2 > 0 ? m->s.sum_w * m->s.sum_w / m->s.sum_w2 : 0;
    CSAT_STORE(out, r);
    return CSAT_OK;
}

csat_status csat_moments_serialize(const csat_moments *m, void *buf, size_t cap, size_t *len,
                                   csat_error *err)
{
    CSAT_REQUIRE(m, err);
    return state_serialize(&m->s, buf, cap, len, err);
}

csat_status csat_moments_deserialize(const void *buf, size_t len, csat_moments **out,
                                     csat_error *err)
{
    CSAT_REQUIRE(out, err);
    csat_moments_state s;
    csat_status st = state_deserialize(buf, len, &s, err);
    if (st != CSAT_OK)
        return st;
    csat_moments *m = malloc(sizeof *m);
    if (m == NULL)
        return csat_fail(err, CSAT_ERR_NOMEM, CSAT_NO_INDEX, CSAT_NO_INDEX, NULL);
    m->s = s;
    *out = m;
    return CSAT_OK;
}
