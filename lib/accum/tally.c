/* The tally accumulator: weighted counts per point of an integer scale
 * (doc/methods.md, "Accumulators"). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "accum/tally.h"
#include "accum/tally_kernel.h"
#include "core/checks.h"
#include "core/error.h"
#include "core/sized.h"
#include "core/serial.h"
#include "core/simd.h"

/* Unweighted answers only ever touch `unit` (integer counts: merging is
 * exact and the hot loop stays a histogram increment); weighted answers go
 * to `wcount`, `sw` and `sw2`. A point's weight is unit + sw, its squared
 * weight unit + sw2. Only this file sees the layout: the layers above read
 * the tally through accum/tally.h. */
struct csat_tally {
    int min, max;
    size_t k;          /* max − min + 1 */
    uint64_t n_missing;
    uint64_t *unit;    /* k: answers added without weights */
    uint64_t *wcount;  /* k: answers added with weights */
    double *sw;        /* k: Σ w of those */
    double *sw2;       /* k: Σ w² of those */
};

/* Weight of point index j and its squared-weight sum. */
static inline double point_w(const csat_tally *t, size_t j)
{
    return (double)t->unit[j] + t->sw[j];
}
static inline double point_w2(const csat_tally *t, size_t j)
{
    return (double)t->unit[j] + t->sw2[j];
}

/* Below this many points the unweighted kernel keeps four copies of the
 * histogram (see tally_kernel.c); above it collisions are rare anyway. */
#define COPIES_MAX_POINTS 4096

static csat_tally *tally_alloc(int min, int max)
{
    csat_tally *t = calloc(1, sizeof *t);
    if (t == NULL)
        return NULL;
    t->min = min;
    t->max = max;
    t->k = (size_t)((long long)max - min + 1);
    t->unit = calloc(t->k, sizeof *t->unit);
    t->wcount = calloc(t->k, sizeof *t->wcount);
    t->sw = calloc(t->k, sizeof *t->sw);
    t->sw2 = calloc(t->k, sizeof *t->sw2);
    if (!t->unit || !t->wcount || !t->sw || !t->sw2) {
        csat_tally_free(t);
        return NULL;
    }
    return t;
}

csat_status csat_tally_create(int min, int max, csat_tally **out, csat_error *err)
{
    CSAT_REQUIRE(out, err);
    csat_status s = csat_check_scale(min, max, err);
    if (s != CSAT_OK)
        return s;
    csat_tally *t = tally_alloc(min, max);
    if (t == NULL)
        return csat_fail(err, CSAT_ERR_NOMEM, CSAT_NO_INDEX, CSAT_NO_INDEX, NULL);
    *out = t;
    return CSAT_OK;
}

void csat_tally_free(csat_tally *t)
{
    if (t == NULL)
        return;
    free(t->unit);
    free(t->wcount);
    free(t->sw);
    free(t->sw2);
    free(t);
}

csat_status csat_tally_copy(const csat_tally *t, csat_tally **out, csat_error *err)
{
    CSAT_REQUIRE(t, err);
    CSAT_REQUIRE(out, err);
    csat_tally *c = tally_alloc(t->min, t->max);
    if (c == NULL)
        return csat_fail(err, CSAT_ERR_NOMEM, CSAT_NO_INDEX, CSAT_NO_INDEX, NULL);
    c->n_missing = t->n_missing;
    memcpy(c->unit, t->unit, t->k * sizeof *t->unit);
    memcpy(c->wcount, t->wcount, t->k * sizeof *t->wcount);
    memcpy(c->sw, t->sw, t->k * sizeof *t->sw);
    memcpy(c->sw2, t->sw2, t->k * sizeof *t->sw2);
    *out = c;
    return CSAT_OK;
}

csat_status csat_tally_bad_answer(int min, int max, const double *x, size_t i, csat_error *err)
{
    double v = x[i];
    if (isinf(v) || v < min || v > max)
        return csat_fail(err, CSAT_ERR_RANGE, i, CSAT_NO_INDEX,
                         "value %.17g at index %zu is outside the scale %d..%d", v, i, min, max);
    return csat_fail(err, CSAT_ERR_RANGE, i, CSAT_NO_INDEX,
                     "value %.17g at index %zu is not an integer point of the scale %d..%d", v,
                     i, min, max);
}

static csat_status bad_answer(const csat_tally *t, const double *x, size_t i, csat_error *err)
{
    return csat_tally_bad_answer(t->min, t->max, x, i, err);
}

/* Answers of k points and a missing count, missing ones included; 0 with
 * *ok cleared when the total does not fit in 64 bits. */
static uint64_t sums_total(size_t k, uint64_t n_missing, const uint64_t *unit,
                           const uint64_t *wcount, int *ok)
{
    uint64_t total = n_missing;
    for (size_t j = 0; j < k; j++) {
        uint64_t c = unit[j] + (wcount ? wcount[j] : 0);
        if (c < unit[j] || c > UINT64_MAX - total) {
            *ok = 0;
            return 0;
        }
        total += c;
    }
    return total;
}

/* Answers in t, missing ones included; 0 with *ok cleared when the total
 * does not fit in 64 bits. */
static uint64_t tally_total(const csat_tally *t, int *ok)
{
    return sums_total(t->k, t->n_missing, t->unit, t->wcount, ok);
}

/* Whether the arrays are a state that create, add and merge can produce: a
 * total that fits in 64 bits, and per point weight sums that agree with
 * the count of weighted answers (Σw = 0 exactly when Σw² = 0; (Σw)²/m ≤
 * Σw² ≤ (Σw)² for m weighted answers, up to rounding). */
int csat_tally_sums_valid(size_t k, uint64_t n_missing, const uint64_t *unit,
                          const uint64_t *wcount, const double *sw, const double *sw2,
                          uint64_t *total)
{
    int ok = 1;
    *total = sums_total(k, n_missing, unit, wcount, &ok);
    if (!ok)
        return 0;
    if (wcount == NULL)
        return 1;
    const double slack = 1e-9;
    for (size_t j = 0; j < k; j++) {
        double s = sw[j], s2 = sw2[j], m = (double)wcount[j];
        if (!(s >= 0 && s2 >= 0 && isfinite(s) && isfinite(s2)))
            return 0;
        if ((s == 0) != (s2 == 0) || (wcount[j] == 0 && s != 0))
            return 0;
        if (s > 0 && (s < CSAT_WEIGHT_MIN * (1 - slack) || s > m * CSAT_WEIGHT_MAX
                      || s2 < CSAT_WEIGHT_MIN * CSAT_WEIGHT_MIN * (1 - slack)
                      || s2 > s * s * (1 + slack) || s2 < s * s / m * (1 - slack)))
            return 0;
    }
    return 1;
}

/* Whether t is a state that create, add and merge can produce: valid sums
 * and a total that also fits in a size_t. */
static int tally_valid(const csat_tally *t)
{
    uint64_t total;
    return csat_tally_sums_valid(t->k, t->n_missing, t->unit, t->wcount, t->sw, t->sw2, &total)
           && total <= SIZE_MAX;
}

/* Counting goes into scratch memory first and is added to the tally only
 * once the whole array has proved valid: on error the tally is unchanged. */
static csat_status add_unit(csat_tally *t, const double *x, size_t n, csat_error *err)
{
    size_t copies = t->k <= COPIES_MAX_POINTS ? 4 : 1;
    uint64_t *scratch = calloc(copies * t->k, sizeof *scratch);
    if (scratch == NULL)
        return csat_fail(err, CSAT_ERR_NOMEM, CSAT_NO_INDEX, CSAT_NO_INDEX, NULL);
    uint64_t missing = 0;
    size_t bad;
#if defined(CSAT_HAVE_AVX2_KERNELS)
    if (t->k <= CSAT_SIMD_MAX_POINTS && csat_simd_available())
        bad = csat_count_unit_avx2(x, n, t->min, t->max, scratch, &missing);
    else
#endif
        bad = csat_count_unit(x, n, t->min, t->max, scratch, copies, &missing);
    if (bad < n) {
        free(scratch);
        return bad_answer(t, x, bad, err);
    }
    for (size_t c = 0; c < copies; c++)
        for (size_t j = 0; j < t->k; j++)
            t->unit[j] += scratch[c * t->k + j];
    t->n_missing += missing;
    free(scratch);
    return CSAT_OK;
}

static csat_status add_weighted(csat_tally *t, const double *x, size_t n, const double *w,
                                csat_error *err)
{
    uint64_t *cnt = calloc(t->k, sizeof *cnt);
    double *sw = calloc(2 * t->k, sizeof *sw);
    if (cnt == NULL || sw == NULL) {
        free(cnt);
        free(sw);
        return csat_fail(err, CSAT_ERR_NOMEM, CSAT_NO_INDEX, CSAT_NO_INDEX, NULL);
    }
    double *sw2 = sw + t->k;
    uint64_t missing = 0;
    int bad_weight = 0;
    size_t bad = csat_count_weighted(x, w, n, t->min, t->max, cnt, sw, sw2, &missing, &bad_weight);
    csat_status s = CSAT_OK;
    if (bad < n) {
        s = bad_weight ? csat_fail(err, CSAT_ERR_WEIGHT, bad, CSAT_NO_INDEX,
                                   CSAT_WEIGHT_MESSAGE, w[bad], bad)
                       : bad_answer(t, x, bad, err);
    } else {
        for (size_t j = 0; j < t->k; j++) {
            t->wcount[j] += cnt[j];
            t->sw[j] += sw[j];
            t->sw2[j] += sw2[j];
        }
        t->n_missing += missing;
    }
    free(cnt);
    free(sw);
    return s;
}

csat_status csat_tally_add(csat_tally *t, const double *x, size_t n, const double *w,
                           csat_error *err)
{
    CSAT_REQUIRE(t, err);
    if (n == 0)
        return CSAT_OK;
    CSAT_REQUIRE(x, err);
    int ok = 1;
    uint64_t total = tally_total(t, &ok);
    if (!ok || n > SIZE_MAX - total)
        return csat_fail(err, CSAT_ERR_OVERFLOW, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "the tally's answer count would overflow");
    return w == NULL ? add_unit(t, x, n, err) : add_weighted(t, x, n, w, err);
}

csat_status csat_tally_merge(csat_tally *dst, const csat_tally *src, csat_error *err)
{
    CSAT_REQUIRE(dst, err);
    CSAT_REQUIRE(src, err);
    if (dst->min != src->min || dst->max != src->max)
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "cannot merge a tally of scale %d..%d into one of scale %d..%d",
                         src->min, src->max, dst->min, dst->max);
    /* Check every addition before the first write, so that on OVERFLOW dst
     * is unchanged (src may be dst: it is only read here). */
    int ok = 1;
    uint64_t a = tally_total(dst, &ok), b = tally_total(src, &ok);
    ok = ok && b <= UINT64_MAX - a && a + b <= SIZE_MAX;
    for (size_t j = 0; j < dst->k && ok; j++)
        ok = isfinite(dst->sw[j] + src->sw[j]) && isfinite(dst->sw2[j] + src->sw2[j]);
    if (!ok)
        return csat_fail(err, CSAT_ERR_OVERFLOW, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "the merged tally's answer count or weight sums would overflow");
    if (dst == src) {
        /* Merging a tally with itself doubles it; read before writing. */
        for (size_t j = 0; j < dst->k; j++) {
            dst->unit[j] *= 2;
            dst->wcount[j] *= 2;
            dst->sw[j] *= 2;
            dst->sw2[j] *= 2;
        }
        dst->n_missing *= 2;
        return CSAT_OK;
    }
    for (size_t j = 0; j < dst->k; j++) {
        dst->unit[j] += src->unit[j];
        dst->wcount[j] += src->wcount[j];
        dst->sw[j] += src->sw[j];
        dst->sw2[j] += src->sw2[j];
    }
    dst->n_missing += src->n_missing;
    return CSAT_OK;
}

csat_status csat_tally_scale(const csat_tally *t, int *min, int *max, csat_error *err)
{
    CSAT_REQUIRE(t, err);
    CSAT_REQUIRE(min, err);
    CSAT_REQUIRE(max, err);
    *min = t->min;
    *max = t->max;
    return CSAT_OK;
}

csat_tally_sums csat_tally_sums_of(const uint64_t *unit, const uint64_t *wcount, const double *sw,
                                   const double *sw2, size_t j0, size_t j1)
{
    csat_tally_sums s = { 0, 0.0, 0.0 };
    for (size_t j = j0; j < j1; j++) {
        /* As point_w and point_w2: the unweighted count plus the weights. */
        s.n += unit[j] + (wcount ? wcount[j] : 0);
        s.w += (double)unit[j] + (sw ? sw[j] : 0.0);
        s.w2 += (double)unit[j] + (sw2 ? sw2[j] : 0.0);
    }
    return s;
}

csat_tally_sums csat_tally_range(const csat_tally *t, int lo, int hi)
{
    long long a = lo < t->min ? t->min : lo, b = hi > t->max ? t->max : hi;
    if (a > b) {
        csat_tally_sums none = { 0, 0.0, 0.0 };
        return none;
    }
    return csat_tally_sums_of(t->unit, t->wcount, t->sw, t->sw2, (size_t)(a - t->min),
                              (size_t)(b - t->min) + 1);
}

void csat_tally_clear(csat_tally *t)
{
    t->n_missing = 0;
    memset(t->unit, 0, t->k * sizeof *t->unit);
    memset(t->wcount, 0, t->k * sizeof *t->wcount);
    memset(t->sw, 0, t->k * sizeof *t->sw);
    memset(t->sw2, 0, t->k * sizeof *t->sw2);
}

void csat_tally_add_sums(csat_tally *t, uint64_t n_missing, const uint64_t *unit,
                         const uint64_t *wcount, const double *sw, const double *sw2)
{
    t->n_missing += n_missing;
    for (size_t j = 0; j < t->k; j++)
        t->unit[j] += unit[j];
    if (wcount == NULL)
        return;
    for (size_t j = 0; j < t->k; j++) {
        t->wcount[j] += wcount[j];
        t->sw[j] += sw[j];
        t->sw2[j] += sw2[j];
    }
}

csat_tally_sums csat_tally_at(const csat_tally *t, size_t j)
{
    csat_tally_sums s = { t->unit[j] + t->wcount[j], point_w(t, j), point_w2(t, j) };
    return s;
}

int csat_tally_min(const csat_tally *t)
{
    return t->min;
}

int csat_tally_max(const csat_tally *t)
{
    return t->max;
}

size_t csat_tally_points(const csat_tally *t)
{
    return t->k;
}

uint64_t csat_tally_missing(const csat_tally *t)
{
    return t->n_missing;
}

csat_status csat_tally_sample(const csat_tally *t, csat_sample *out, csat_error *err)
{
    CSAT_REQUIRE(t, err);
    CSAT_REQUIRE_OUT(out, err);
    csat_tally_sums s = csat_tally_range(t, t->min, t->max);
    csat_sample r;
    r.n = (size_t)s.n;
    r.n_missing = (size_t)t->n_missing;
    r.n_weighted = s.w;
    r.n_effective = s.w2 > 0 ? s.w * s.w / s.w2 : 0.0;
    CSAT_STORE(out, r);
    return CSAT_OK;
}

csat_status csat_tally_point(const csat_tally *t, int value, csat_point *out, csat_error *err)
{
    CSAT_REQUIRE(t, err);
    CSAT_REQUIRE_OUT(out, err);
    if (value < t->min || value > t->max)
        return csat_fail(err, CSAT_ERR_RANGE, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "point %d is outside the scale %d..%d", value, t->min, t->max);
    csat_tally_sums all = csat_tally_range(t, t->min, t->max);
    csat_tally_sums below = csat_tally_range(t, t->min, value);
    size_t j = (size_t)((long long)value - t->min);
    csat_point r;
    r.value = value;
    r.count = (size_t)(t->unit[j] + t->wcount[j]);
    r.weight = point_w(t, j);
    r.share = all.w > 0 ? r.weight / all.w : 0.0;
    r.cum_share = all.w > 0 ? below.w / all.w : 0.0;
    CSAT_STORE(out, r);
    return CSAT_OK;
}

/* Format: "CSTL", u32 version, i32 min (as u32), i32 max, u64 n_missing,
 * then per point u64 unit, u64 wcount, f64 sw, f64 sw2; little-endian. */
#define TALLY_HEADER 24
#define TALLY_POINT 32

static size_t serialized_size(const csat_tally *t)
{
    return TALLY_HEADER + TALLY_POINT * t->k;
}

csat_status csat_tally_serialize(const csat_tally *t, void *buf, size_t cap, size_t *len,
                                 csat_error *err)
{
    CSAT_REQUIRE(t, err);
    CSAT_REQUIRE(len, err);
    size_t need = serialized_size(t);
    if (buf == NULL) {
        *len = need;
        return CSAT_OK;
    }
    if (cap < need)
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "buffer of %zu bytes is too small, %zu needed", cap, need);
    unsigned char *p = buf;
    memcpy(p, "CSTL", 4);
    csat_put_u32(p + 4, CSAT_SERIAL_VERSION);
    csat_put_u32(p + 8, (uint32_t)t->min);
    csat_put_u32(p + 12, (uint32_t)t->max);
    csat_put_u64(p + 16, t->n_missing);
    p += TALLY_HEADER;
    for (size_t j = 0; j < t->k; j++, p += TALLY_POINT) {
        csat_put_u64(p, t->unit[j]);
        csat_put_u64(p + 8, t->wcount[j]);
        csat_put_f64(p + 16, t->sw[j]);
        csat_put_f64(p + 24, t->sw2[j]);
    }
    *len = need;
    return CSAT_OK;
}

csat_status csat_tally_deserialize(const void *buf, size_t len, csat_tally **out, csat_error *err)
{
    CSAT_REQUIRE(buf, err);
    CSAT_REQUIRE(out, err);
    const unsigned char *p = buf;
    if (len < TALLY_HEADER || memcmp(p, "CSTL", 4) != 0)
        return csat_fail(err, CSAT_ERR_FORMAT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "not a serialized tally");
    if (csat_get_u32(p + 4) != CSAT_SERIAL_VERSION)
        return csat_fail(err, CSAT_ERR_FORMAT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "serialized tally of unsupported version %u", csat_get_u32(p + 4));
    int min = (int)(int32_t)csat_get_u32(p + 8), max = (int)(int32_t)csat_get_u32(p + 12);
    if (min > max || (long long)max - min + 1 > CSAT_TALLY_MAX_POINTS
        || len != TALLY_HEADER + TALLY_POINT * (size_t)((long long)max - min + 1))
        return csat_fail(err, CSAT_ERR_FORMAT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "serialized tally has an invalid scale or length");
    csat_tally *t = tally_alloc(min, max);
    if (t == NULL)
        return csat_fail(err, CSAT_ERR_NOMEM, CSAT_NO_INDEX, CSAT_NO_INDEX, NULL);
    t->n_missing = csat_get_u64(p + 16);
    p += TALLY_HEADER;
    for (size_t j = 0; j < t->k; j++, p += TALLY_POINT) {
        t->unit[j] = csat_get_u64(p);
        t->wcount[j] = csat_get_u64(p + 8);
        t->sw[j] = csat_get_f64(p + 16);
        t->sw2[j] = csat_get_f64(p + 24);
    }
    if (!tally_valid(t)) {
        csat_tally_free(t);
        return csat_fail(err, CSAT_ERR_FORMAT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "serialized tally is inconsistent (counts and weight sums disagree, "
                         "or the total overflows)");
    }
    *out = t;
    return CSAT_OK;
}
