/* The cross-product accumulator (doc/methods.md, "Cross-product
 * accumulator"): weighted means and co-moments of the drivers and the
 * outcome, one pass over the rows, merged with Chan et al.'s update.
 *
 * Rows are summarised a block at a time with a two-pass (means, then
 * deviations) inside the block, which is in cache, and blocks are merged
 * pairwise: as accurate as a full two-pass computation, one read of the
 * data. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "serial.h"
#include "xprod.h"

#define BLOCK_ROWS 256

static csat_xprod *xprod_alloc(size_t p)
{
    csat_xprod *a = calloc(1, sizeof *a);
    if (a == NULL)
        return NULL;
    a->p = p;
    a->k = p + 1;
    a->mean = calloc(a->k, sizeof *a->mean);
    a->c = calloc(a->k * a->k, sizeof *a->c);
    if (a->mean == NULL || a->c == NULL) {
        csat_xprod_free(a);
        return NULL;
    }
    return a;
}

void csat_xprod_free(csat_xprod *a)
{
    if (a == NULL)
        return;
    free(a->mean);
    free(a->c);
    free(a);
}

void csat_xprod_clear(csat_xprod *a)
{
    a->n = a->n_missing = a->n_pos = 0;
    a->sum_w = a->sum_w2 = 0;
    memset(a->mean, 0, a->k * sizeof *a->mean);
    memset(a->c, 0, a->k * a->k * sizeof *a->c);
}

csat_status csat_xprod_create(size_t p, csat_xprod **out, csat_error *err)
{
    CSAT_REQUIRE(out, err);
    if (p == 0 || p > CSAT_DRIVERS_MAX)
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "p = %zu drivers is not between 1 and %d", p, CSAT_DRIVERS_MAX);
    csat_xprod *a = xprod_alloc(p);
    if (a == NULL)
        return csat_fail(err, CSAT_ERR_NOMEM, CSAT_NO_INDEX, CSAT_NO_INDEX, NULL);
    *out = a;
    return CSAT_OK;
}

/* a ← a ∪ b (Chan, Golub & LeVeque's pairwise update, matrix form). */
static void merge_into(csat_xprod *a, size_t k, uint64_t n, uint64_t n_pos, double w,
                       double w2, const double *mean, const double *c)
{
    double W = a->sum_w + w;
    if (w > 0 && a->sum_w > 0) {
        double f = a->sum_w * (w / W);
        double delta[CSAT_DRIVERS_MAX + 1];
        for (size_t i = 0; i < k; i++)
            delta[i] = mean[i] - a->mean[i];
        for (size_t i = 0; i < k; i++)
            for (size_t j = 0; j < k; j++)
                a->c[i * k + j] += c[i * k + j] + f * delta[i] * delta[j];
        for (size_t i = 0; i < k; i++)
            a->mean[i] += delta[i] * (w / W);
    } else {
        for (size_t i = 0; i < k * k; i++)
            a->c[i] += c[i];
        if (w > 0)
            memcpy(a->mean, mean, k * sizeof *mean);
    }
    a->sum_w = W;
    a->sum_w2 += w2;
    a->n += n;
    a->n_pos += n_pos;
}

void csat_xprod_add_rows(csat_xprod *a, const double *rows, size_t m, const double *w,
                         double *c)
{
    const size_t k = a->k;
    double mean[CSAT_DRIVERS_MAX + 1], d[CSAT_DRIVERS_MAX + 1];
    for (size_t start = 0; start < m; start += BLOCK_ROWS) {
        size_t len = m - start < BLOCK_ROWS ? m - start : BLOCK_ROWS;
        const double *r = rows + start * k;
        double sw = 0, sw2 = 0;
        uint64_t pos = 0;
        for (size_t j = 0; j < k; j++)
            mean[j] = 0;
        for (size_t i = 0; i < len; i++) {
            double wi = w ? w[start + i] : 1.0;
            sw += wi;
            sw2 += wi * wi;
            pos += wi > 0;
            for (size_t j = 0; j < k; j++)
                mean[j] += wi * r[i * k + j];
        }
        if (sw > 0)
            for (size_t j = 0; j < k; j++)
                mean[j] /= sw;
        memset(c, 0, k * k * sizeof *c);
        for (size_t i = 0; i < len; i++) {
            double wi = w ? w[start + i] : 1.0;
            for (size_t j = 0; j < k; j++)
                d[j] = r[i * k + j] - mean[j];
            for (size_t j = 0; j < k; j++) {
                double wd = wi * d[j];
                double *cj = c + j * k;
                for (size_t l = 0; l < k; l++)
                    cj[l] += wd * d[l];
            }
        }
        merge_into(a, k, len, pos, sw, sw2, mean, c);
    }
}

csat_status csat_xprod_add(csat_xprod *a, const double *x, size_t n, size_t ld, const double *y,
                           const double *w, csat_error *err)
{
    CSAT_REQUIRE(a, err);
    if (n == 0)
        return CSAT_OK;
    CSAT_REQUIRE(x, err);
    CSAT_REQUIRE(y, err);
    const size_t p = a->p, k = a->k;
    if (ld < p)
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "leading dimension %zu is smaller than the %zu drivers", ld, p);
    /* Complete rows are copied a block at a time into contiguous scratch
     * (drivers then outcome) and summarised; the total is published only
     * when every row has proved valid. */
    csat_xprod *total = xprod_alloc(p);
    double *buf = malloc(BLOCK_ROWS * k * sizeof *buf), *wb = malloc(BLOCK_ROWS * sizeof *wb);
    double *scratch = malloc(k * k * sizeof *scratch);
    if (total == NULL || buf == NULL || wb == NULL || scratch == NULL) {
        csat_xprod_free(total);
        free(buf);
        free(wb);
        free(scratch);
        return csat_fail(err, CSAT_ERR_NOMEM, CSAT_NO_INDEX, CSAT_NO_INDEX, NULL);
    }
    csat_status st = CSAT_OK;
    size_t fill = 0;
    for (size_t i = 0; i < n && st == CSAT_OK; i++) {
        const double *row = x + i * ld;
        if (w != NULL && !(w[i] >= 0 && isfinite(w[i]))) {
            st = csat_fail(err, CSAT_ERR_WEIGHT, i, CSAT_NO_INDEX,
                           "weight %.17g at row %zu is negative, NaN or infinite", w[i], i);
            break;
        }
        int missing = isnan(y[i]);
        for (size_t j = 0; j < p; j++)
            missing |= isnan(row[j]);
        if (missing) {
            total->n_missing++;
            continue;
        }
        for (size_t j = 0; j <= p; j++) {
            double v = j < p ? row[j] : y[i];
            if (isinf(v)) {
                st = csat_fail(err, CSAT_ERR_RANGE, i, j,
                               j < p ? "value %g at row %zu, driver %zu is infinite"
                                     : "outcome %g at row %zu (column %zu) is infinite",
                               v, i, j);
                break;
            }
            buf[fill * k + j] = v;
        }
        wb[fill] = w ? w[i] : 1.0;
        if (++fill == BLOCK_ROWS) {
            csat_xprod_add_rows(total, buf, fill, wb, scratch);
            fill = 0;
        }
    }
    if (st == CSAT_OK) {
        csat_xprod_add_rows(total, buf, fill, wb, scratch);
        merge_into(a, k, total->n, total->n_pos, total->sum_w, total->sum_w2, total->mean,
                   total->c);
        a->n_missing += total->n_missing;
    }
    csat_xprod_free(total);
    free(buf);
    free(wb);
    free(scratch);
    return st;
}

csat_status csat_xprod_merge(csat_xprod *dst, const csat_xprod *src, csat_error *err)
{
    CSAT_REQUIRE(dst, err);
    CSAT_REQUIRE(src, err);
    if (dst->p != src->p)
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "cannot merge an accumulator of %zu drivers into one of %zu", src->p,
                         dst->p);
    const size_t k = dst->k;
    /* Copies, since src may be dst. */
    double *mean = malloc(k * sizeof *mean), *c = malloc(k * k * sizeof *c);
    if (mean == NULL || c == NULL) {
        free(mean);
        free(c);
        return csat_fail(err, CSAT_ERR_NOMEM, CSAT_NO_INDEX, CSAT_NO_INDEX, NULL);
    }
    memcpy(mean, src->mean, k * sizeof *mean);
    memcpy(c, src->c, k * k * sizeof *c);
    uint64_t n = src->n, pos = src->n_pos, missing = src->n_missing;
    merge_into(dst, k, n, pos, src->sum_w, src->sum_w2, mean, c);
    dst->n_missing += missing;
    free(mean);
    free(c);
    return CSAT_OK;
}

csat_status csat_xprod_drivers(const csat_xprod *a, size_t *p, csat_error *err)
{
    CSAT_REQUIRE(a, err);
    CSAT_REQUIRE(p, err);
    *p = a->p;
    return CSAT_OK;
}

csat_status csat_xprod_sample(const csat_xprod *a, csat_sample *out, csat_error *err)
{
    CSAT_REQUIRE(a, err);
    CSAT_REQUIRE(out, err);
    out->n = (size_t)a->n;
    out->n_missing = (size_t)a->n_missing;
    out->n_weighted = a->sum_w;
    out->n_effective = a->sum_w2 > 0 ? a->sum_w * a->sum_w / a->sum_w2 : 0.0;
    return CSAT_OK;
}

/* Format: "CSTX", u32 version, u64 p, n, n_missing, n_pos, f64 sum_w,
 * sum_w2, k means, k² co-moments; little-endian. */
#define XPROD_HEADER 56

static size_t xprod_size(size_t k)
{
    return XPROD_HEADER + 8 * (k + k * k);
}

csat_status csat_xprod_serialize(const csat_xprod *a, void *buf, size_t cap, size_t *len,
                                 csat_error *err)
{
    CSAT_REQUIRE(a, err);
    CSAT_REQUIRE(len, err);
    size_t need = xprod_size(a->k);
    *len = need;
    if (buf == NULL)
        return CSAT_OK;
    if (cap < need)
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "buffer of %zu bytes is too small, %zu needed", cap, need);
    unsigned char *q = buf;
    memcpy(q, "CSTX", 4);
    csat_put_u32(q + 4, CSAT_SERIAL_VERSION);
    csat_put_u64(q + 8, a->p);
    csat_put_u64(q + 16, a->n);
    csat_put_u64(q + 24, a->n_missing);
    csat_put_u64(q + 32, a->n_pos);
    csat_put_f64(q + 40, a->sum_w);
    csat_put_f64(q + 48, a->sum_w2);
    q += XPROD_HEADER;
    for (size_t i = 0; i < a->k; i++, q += 8)
        csat_put_f64(q, a->mean[i]);
    for (size_t i = 0; i < a->k * a->k; i++, q += 8)
        csat_put_f64(q, a->c[i]);
    return CSAT_OK;
}

csat_status csat_xprod_deserialize(const void *buf, size_t len, csat_xprod **out, csat_error *err)
{
    CSAT_REQUIRE(buf, err);
    CSAT_REQUIRE(out, err);
    const unsigned char *q = buf;
    if (len < XPROD_HEADER || memcmp(q, "CSTX", 4) != 0
        || csat_get_u32(q + 4) != CSAT_SERIAL_VERSION)
        return csat_fail(err, CSAT_ERR_FORMAT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "not a serialized cross-product accumulator of version %u",
                         CSAT_SERIAL_VERSION);
    uint64_t p = csat_get_u64(q + 8);
    if (p == 0 || p > CSAT_DRIVERS_MAX || len != xprod_size((size_t)p + 1))
        return csat_fail(err, CSAT_ERR_FORMAT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "serialized accumulator has an invalid size");
    csat_xprod *a = xprod_alloc((size_t)p);
    if (a == NULL)
        return csat_fail(err, CSAT_ERR_NOMEM, CSAT_NO_INDEX, CSAT_NO_INDEX, NULL);
    a->n = csat_get_u64(q + 16);
    a->n_missing = csat_get_u64(q + 24);
    a->n_pos = csat_get_u64(q + 32);
    a->sum_w = csat_get_f64(q + 40);
    a->sum_w2 = csat_get_f64(q + 48);
    int ok = a->sum_w >= 0 && a->sum_w2 >= 0 && isfinite(a->sum_w) && isfinite(a->sum_w2);
    q += XPROD_HEADER;
    for (size_t i = 0; i < a->k; i++, q += 8) {
        a->mean[i] = csat_get_f64(q);
        ok &= isfinite(a->mean[i]);
    }
    for (size_t i = 0; i < a->k * a->k; i++, q += 8) {
        a->c[i] = csat_get_f64(q);
        ok &= isfinite(a->c[i]);
    }
    if (!ok) {
        csat_xprod_free(a);
        return csat_fail(err, CSAT_ERR_FORMAT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "serialized accumulator holds an invalid number");
    }
    *out = a;
    return CSAT_OK;
}
