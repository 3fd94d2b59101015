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

#include "accum/xprod.h"
#include "core/error.h"
#include "core/sized.h"
#include "core/serial.h"
#include "core/simd.h"

/* Only this file sees the layout: the models read the sums through
 * csat_xprod_get_sums. */
struct csat_xprod {
    size_t p, k;        /* drivers; k = p + 1 columns */
    uint64_t n;         /* complete rows */
    uint64_t n_missing; /* rows with a NaN */
    uint64_t n_pos;     /* complete rows with a positive weight */
    double sum_w, sum_w2;
    double *mean;       /* k weighted means */
    double *c;          /* k × k co-moments Σ w (a − ā)(b − b̄), row-major */
    /* Whether a column is constant is decided exactly, not from its
     * co-moment: a constant column whose mean is not a double has a
     * co-moment of rounding noise (~1e-30), not 0. ref holds the column's
     * value in the first row of positive weight (0 while n_pos is 0);
     * varies[j] is 1 once a row of positive weight differs from it. */
    double *ref;            /* k */
    unsigned char *varies;  /* k */
};

#define BLOCK_ROWS CSAT_XPROD_BLOCK_ROWS

static csat_status merge_checked(csat_xprod *dst, const csat_xprod *src, csat_error *err);

static csat_xprod *xprod_alloc(size_t p)
{
    csat_xprod *a = calloc(1, sizeof *a);
    if (a == NULL)
        return NULL;
    a->p = p;
    a->k = p + 1;
    a->mean = calloc(a->k, sizeof *a->mean);
    a->c = calloc(a->k * a->k, sizeof *a->c);
    a->ref = calloc(a->k, sizeof *a->ref);
    a->varies = calloc(a->k, sizeof *a->varies);
    if (a->mean == NULL || a->c == NULL || a->ref == NULL || a->varies == NULL) {
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
    free(a->ref);
    free(a->varies);
    free(a);
}

void csat_xprod_clear(csat_xprod *a)
{
    a->n = a->n_missing = a->n_pos = 0;
    a->sum_w = a->sum_w2 = 0;
    memset(a->mean, 0, a->k * sizeof *a->mean);
    memset(a->c, 0, a->k * a->k * sizeof *a->c);
    memset(a->ref, 0, a->k * sizeof *a->ref);
    memset(a->varies, 0, a->k * sizeof *a->varies);
}

csat_xprod_sums csat_xprod_get_sums(const csat_xprod *a)
{
    csat_xprod_sums s = { a->p, a->n, a->n_missing, a->n_pos, a->sum_w, a->sum_w2, a->mean, a->c };
    return s;
}

size_t csat_xprod_constant(const csat_xprod *a)
{
    for (size_t j = 0; j < a->k; j++)
        if (!a->varies[j] || !(a->c[j * a->k + j] > 0))
            return j;
    return a->k;
}

void csat_xprod_corr(const csat_xprod *a, double *corr)
{
    const size_t k = a->k;
    /* √c_ii·√c_jj, not √(c_ii·c_jj), which can overflow. */
    for (size_t i = 0; i < k; i++)
        for (size_t j = 0; j < k; j++)
            corr[i * k + j] = i == j ? 1.0
                                     : a->c[i * k + j]
                                           / (sqrt(a->c[i * k + i]) * sqrt(a->c[j * k + j]));
}

/* The summary of some rows, as merge_into takes it. */
typedef struct part {
    uint64_t n, n_pos;
    double w, w2;
    const double *mean, *c, *ref;
    const unsigned char *varies;
} part;

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

csat_status csat_xprod_copy(const csat_xprod *a, csat_xprod **out, csat_error *err)
{
    CSAT_REQUIRE(a, err);
    CSAT_REQUIRE(out, err);
    csat_xprod *c = xprod_alloc(a->p);
    if (c == NULL)
        return csat_fail(err, CSAT_ERR_NOMEM, CSAT_NO_INDEX, CSAT_NO_INDEX, NULL);
    c->n = a->n;
    c->n_missing = a->n_missing;
    c->n_pos = a->n_pos;
    c->sum_w = a->sum_w;
    c->sum_w2 = a->sum_w2;
    memcpy(c->mean, a->mean, a->k * sizeof *a->mean);
    memcpy(c->c, a->c, a->k * a->k * sizeof *a->c);
    memcpy(c->ref, a->ref, a->k * sizeof *a->ref);
    memcpy(c->varies, a->varies, a->k * sizeof *a->varies);
    *out = c;
    return CSAT_OK;
}

/* a ← a ∪ b (Chan, Golub & LeVeque's pairwise update, matrix form). */
static void merge_into(csat_xprod *a, const part *b)
{
    const size_t k = a->k;
    double w = b->w, W = a->sum_w + w;
    if (w > 0 && a->sum_w > 0) {
        double f = a->sum_w * (w / W);
        double delta[CSAT_DRIVERS_MAX + 1];
        for (size_t i = 0; i < k; i++)
            delta[i] = b->mean[i] - a->mean[i];
        for (size_t i = 0; i < k; i++)
            for (size_t j = 0; j < k; j++)
                a->c[i * k + j] += b->c[i * k + j] + f * delta[i] * delta[j];
        for (size_t i = 0; i < k; i++)
            a->mean[i] += delta[i] * (w / W);
    } else {
        for (size_t i = 0; i < k * k; i++)
            a->c[i] += b->c[i];
        if (w > 0)
            memcpy(a->mean, b->mean, k * sizeof *a->mean);
    }
    if (b->n_pos > 0) {
        for (size_t j = 0; j < k; j++) {
            if (a->n_pos == 0) {
                a->ref[j] = b->ref[j];
                a->varies[j] = b->varies[j];
            } else {
                a->varies[j] |= b->varies[j] | (b->ref[j] != a->ref[j]);
            }
        }
    }
    a->sum_w = W;
    a->sum_w2 += b->w2;
    a->n += b->n;
    a->n_pos += b->n_pos;
}

static part part_of(const csat_xprod *a)
{
    part p = { a->n, a->n_pos, a->sum_w, a->sum_w2, a->mean, a->c, a->ref, a->varies };
    return p;
}

/* The lower triangle of a block's co-moments, Σ_i (w_i·d_ij)·d_il for
 * l ≤ j, each sum in row order with every product rounded before it is
 * added. The AVX2 kernel (dev: its scratch, NULL if none could be had)
 * gives the same bits as the loop below, which serves the baseline ISA:
 * the order of each entry's additions is the same, and neither fuses a
 * multiply-add. Half the matrix is computed: c is symmetric. */
static void lower_comoments(const double *r, size_t len, size_t k, const double *w,
                            const double *mean, double *c, double *d, double *dev)
{
#if defined(CSAT_HAVE_AVX2_KERNELS)
    if (dev != NULL) {
        csat_xprod_lower_avx2(r, len, k, w, mean, c, dev);
        return;
    }
#else
    (void)dev;
#endif
    for (size_t j = 0; j < k; j++)
        for (size_t l = 0; l <= j; l++)
            c[j * k + l] = 0;
    for (size_t i = 0; i < len; i++) {
        double wi = w ? w[i] : 1.0;
        for (size_t j = 0; j < k; j++)
            d[j] = r[i * k + j] - mean[j];
        for (size_t j = 0; j < k; j++) {
            double wd = wi * d[j];
            double *cj = c + j * k;
            for (size_t l = 0; l <= j; l++)
                cj[l] += wd * d[l];
        }
    }
}

/* The AVX2 kernel's scratch for blocks of up to `rows` rows of k columns:
 * the block's deviations, padded; NULL without AVX2 or memory, when the
 * portable loop gives the same sums. Freed with free(). */
static double *dev_scratch(size_t k, size_t rows)
{
#if defined(CSAT_HAVE_AVX2_KERNELS)
    if (rows > 0 && csat_simd_available()) {
        size_t r = rows < BLOCK_ROWS ? rows : BLOCK_ROWS, k8 = (k + 7) & ~(size_t)7;
        return malloc((2 * r + k8) * k8 * sizeof(double));
    }
#else
    (void)k;
    (void)rows;
#endif
    return NULL;
}

static void add_rows(csat_xprod *a, const double *rows, size_t m, const double *w, double *c,
                     double *dev);

void csat_xprod_add_rows(csat_xprod *a, const double *rows, size_t m, const double *w,
                         double *c)
{
    double *dev = dev_scratch(a->k, m);
    add_rows(a, rows, m, w, c, dev);
    free(dev);
}

static void add_rows(csat_xprod *a, const double *rows, size_t m, const double *w, double *c,
                     double *dev)
{
    const size_t k = a->k;
    double mean[CSAT_DRIVERS_MAX + 1], d[CSAT_DRIVERS_MAX + 1], ref[CSAT_DRIVERS_MAX + 1];
    double lo[CSAT_DRIVERS_MAX + 1], hi[CSAT_DRIVERS_MAX + 1];
    unsigned char varies[CSAT_DRIVERS_MAX + 1];
    for (size_t start = 0; start < m; start += BLOCK_ROWS) {
        size_t len = m - start < BLOCK_ROWS ? m - start : BLOCK_ROWS;
        const double *r = rows + start * k;
        double sw = 0, sw2 = 0;
        uint64_t pos = 0;
#if defined(CSAT_HAVE_AVX2_KERNELS)
        if (dev != NULL) {
            /* The same sums with the columns four at a time (dev is only
             * had where the kernels run). */
            size_t first = len;
            for (size_t i = 0; i < len; i++) {
                double wi = w ? w[start + i] : 1.0;
                sw += wi;
                sw2 += wi * wi;
                if (wi > 0) {
                    first = i < first ? i : first;
                    pos++;
                }
            }
            csat_xprod_block_sums_avx2(r, len, k, w ? w + start : NULL, first < len ? first : 0,
                                       mean, lo, hi);
            if (pos > 0)
                memcpy(ref, r + first * k, k * sizeof *ref);
        } else
#endif
        {
            for (size_t j = 0; j < k; j++)
                mean[j] = 0;
            for (size_t i = 0; i < len; i++) {
                double wi = w ? w[start + i] : 1.0;
                const double *ri = r + i * k;
                sw += wi;
                sw2 += wi * wi;
                /* A column varies when its smallest and largest values over the
                 * rows of positive weight differ (rows are complete: no NaN),
                 * which a vector min and max find without a byte per value. */
                if (wi > 0) {
                    if (pos == 0) {
                        memcpy(ref, ri, k * sizeof *ref);
                        memcpy(lo, ri, k * sizeof *lo);
                        memcpy(hi, ri, k * sizeof *hi);
                    }
                    for (size_t j = 0; j < k; j++) {
                        lo[j] = ri[j] < lo[j] ? ri[j] : lo[j];
                        hi[j] = ri[j] > hi[j] ? ri[j] : hi[j];
                    }
                    pos++;
                }
                for (size_t j = 0; j < k; j++)
                    mean[j] += wi * ri[j];
            }
        }
        for (size_t j = 0; j < k; j++)
            varies[j] = pos > 0 && lo[j] != hi[j];
        if (sw > 0)
            for (size_t j = 0; j < k; j++)
                mean[j] /= sw;
        lower_comoments(r, len, k, w ? w + start : NULL, mean, c, d, dev);
        /* The upper triangle mirrors the lower: one symmetric matrix. */
        for (size_t j = 0; j < k; j++)
            for (size_t l = j + 1; l < k; l++)
                c[j * k + l] = c[l * k + j];
        part b = { len, pos, sw, sw2, mean, c, ref, varies };
        merge_into(a, &b);
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
    double *scratch = malloc(k * k * sizeof *scratch), *dev = dev_scratch(k, n);
    if (total == NULL || buf == NULL || wb == NULL || scratch == NULL) {
        free(dev);
        csat_xprod_free(total);
        free(buf);
        free(wb);
        free(scratch);
        return csat_fail(err, CSAT_ERR_NOMEM, CSAT_NO_INDEX, CSAT_NO_INDEX, NULL);
    }
    csat_status st = CSAT_OK;
    size_t fill = 0;
#if defined(CSAT_HAVE_AVX2_KERNELS)
    const int fast = csat_simd_available();
#endif
    for (size_t i = 0; i < n && st == CSAT_OK; i++) {
        const double *row = x + i * ld;
#if defined(CSAT_HAVE_AVX2_KERNELS)
        /* Runs of rows whose values are all accepted are copied by the
         * kernel, then their weights checked in order: the first refused
         * weight is still the first error. The row that stops a run takes
         * the checks below. */
        if (fast) {
            size_t room = BLOCK_ROWS - fill, want = n - i < room ? n - i : room;
            size_t got = csat_xprod_copy_rows_avx2(row, ld, y + i, want, p, buf + fill * k);
            size_t g = 0;
            for (; g < got && (w == NULL || csat_weight_ok(w[i + g])); g++)
                wb[fill + g] = w ? w[i + g] : 1.0;
            if (g > 0) {
                fill += g;
                i += g - 1;
                if (fill == BLOCK_ROWS) {
                    add_rows(total, buf, fill, w ? wb : NULL, scratch, dev);
                    fill = 0;
                }
                continue;
            }
        }
#endif
        if (w != NULL && !csat_weight_ok(w[i])) {
            st = csat_fail(err, CSAT_ERR_WEIGHT, i, CSAT_NO_INDEX, CSAT_WEIGHT_MESSAGE, w[i], i);
            break;
        }
        /* The common row, every value accepted (which excludes NaN), is
         * checked as it is copied, without a branch per value; any other
         * row is looked at again below. */
        double *dst = buf + fill * k;
        int good = csat_value_ok(y[i]);
        for (size_t j = 0; j < p; j++) {
            dst[j] = row[j];
            good &= csat_value_ok(row[j]);
        }
        if (good) {
            dst[p] = y[i];
            wb[fill] = w ? w[i] : 1.0;
            if (++fill == BLOCK_ROWS) {
                add_rows(total, buf, fill, w ? wb : NULL, scratch, dev);
                fill = 0;
            }
            continue;
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
            if (!csat_value_ok(v)) {
                st = csat_fail(err, CSAT_ERR_RANGE, i, j,
                               j < p ? "value %g at row %zu, driver %zu is infinite or beyond "
                                       "+-1e50"
                                     : "outcome %g at row %zu (column %zu) is infinite or beyond "
                                       "+-1e50",
                               v, i, j);
                break;
            }
            buf[fill * k + j] = v;
        }
        wb[fill] = w ? w[i] : 1.0;
        if (++fill == BLOCK_ROWS) {
            add_rows(total, buf, fill, w ? wb : NULL, scratch, dev);
            fill = 0;
        }
    }
    if (st == CSAT_OK) {
        add_rows(total, buf, fill, w ? wb : NULL, scratch, dev);
        st = merge_checked(a, total, err);
    }
    csat_xprod_free(total);
    free(buf);
    free(wb);
    free(scratch);
    free(dev);
    return st;
}

static void copy_into(csat_xprod *dst, const csat_xprod *src)
{
    const size_t k = src->k;
    dst->n = src->n;
    dst->n_missing = src->n_missing;
    dst->n_pos = src->n_pos;
    dst->sum_w = src->sum_w;
    dst->sum_w2 = src->sum_w2;
    memcpy(dst->mean, src->mean, k * sizeof *dst->mean);
    memcpy(dst->c, src->c, k * k * sizeof *dst->c);
    memcpy(dst->ref, src->ref, k * sizeof *dst->ref);
    memcpy(dst->varies, src->varies, k * sizeof *dst->varies);
}

static int all_finite(const double *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isfinite(v[i]))
            return 0;
    return 1;
}

/* dst ← dst ∪ src, computed in a scratch accumulator and published only
 * when every count and sum is representable: on error dst is unchanged.
 * src may be dst. */
static csat_status merge_checked(csat_xprod *dst, const csat_xprod *src, csat_error *err)
{
    if (src->n > UINT64_MAX - dst->n || src->n_missing > UINT64_MAX - dst->n_missing
        || dst->n + src->n > UINT64_MAX - (dst->n_missing + src->n_missing))
        return csat_fail(err, CSAT_ERR_OVERFLOW, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "the merged row counts do not fit in 64 bits");
    csat_xprod *t = xprod_alloc(dst->p);
    if (t == NULL)
        return csat_fail(err, CSAT_ERR_NOMEM, CSAT_NO_INDEX, CSAT_NO_INDEX, NULL);
    copy_into(t, dst);
    part b = part_of(src);
    merge_into(t, &b);
    t->n_missing += src->n_missing;
    const size_t k = t->k;
    if (!(isfinite(t->sum_w) && isfinite(t->sum_w2) && all_finite(t->mean, k)
          && all_finite(t->c, k * k))) {
        csat_xprod_free(t);
        return csat_fail(err, CSAT_ERR_OVERFLOW, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "the merged weight sums or co-moments exceed the range of a double");
    }
    csat_xprod tmp = *dst;
    *dst = *t;
    *t = tmp;
    csat_xprod_free(t);
    return CSAT_OK;
}

csat_status csat_xprod_merge(csat_xprod *dst, const csat_xprod *src, csat_error *err)
{
    CSAT_REQUIRE(dst, err);
    CSAT_REQUIRE(src, err);
    if (dst->p != src->p)
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "cannot merge an accumulator of %zu drivers into one of %zu", src->p,
                         dst->p);
    return merge_checked(dst, src, err);
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
    CSAT_REQUIRE_OUT(out, err);
    csat_sample r;
    r.n = (size_t)a->n;
    r.n_missing = (size_t)a->n_missing;
    r.n_weighted = a->sum_w;
    r.n_effective = a->sum_w2 > 0 ? a->sum_w * a->sum_w / a->sum_w2 : 0.0;
    CSAT_STORE(out, r);
    return CSAT_OK;
}

/* Format (version 2): "CSTX", u32 version, u64 p, n, n_missing, n_pos, f64
 * sum_w, sum_w2, k means, k² co-moments, k reference values, then k bytes
 * (1 where the column varies, else 0); little-endian. Version 1 lacked the
 * last two and cannot tell a constant column from rounding noise: it is
 * refused. */
#define XPROD_HEADER 56
#define XPROD_VERSION 2u

static size_t xprod_size(size_t k)
{
    return XPROD_HEADER + 8 * (2 * k + k * k) + k;
}

csat_status csat_xprod_serialize(const csat_xprod *a, void *buf, size_t cap, size_t *len,
                                 csat_error *err)
{
    CSAT_REQUIRE(a, err);
    CSAT_REQUIRE(len, err);
    size_t need = xprod_size(a->k);
    if (buf == NULL) {
        *len = need;
        return CSAT_OK;
    }
    if (cap < need)
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "buffer of %zu bytes is too small, %zu needed", cap, need);
    unsigned char *q = buf;
    memcpy(q, "CSTX", 4);
    csat_put_u32(q + 4, XPROD_VERSION);
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
    for (size_t i = 0; i < a->k; i++, q += 8)
        csat_put_f64(q, a->ref[i]);
    memcpy(q, a->varies, a->k);
    *len = need;
    return CSAT_OK;
}

/* Whether a is a state that create, add and merge can produce. Sums of
 * rounded numbers are compared with a relative slack. */
static int xprod_valid(const csat_xprod *a)
{
    const size_t k = a->k;
    if (a->n_pos > a->n || a->n > UINT64_MAX - a->n_missing)
        return 0;
    if (!(a->sum_w >= 0 && a->sum_w2 >= 0 && isfinite(a->sum_w) && isfinite(a->sum_w2)))
        return 0;
    if (!(all_finite(a->mean, k) && all_finite(a->c, k * k) && all_finite(a->ref, k)))
        return 0;
    for (size_t j = 0; j < k; j++)
        if (a->varies[j] > 1)
            return 0;
    if (a->n_pos == 0) {
        /* Nothing of positive weight: every sum is 0 (rows of weight 0
         * count in n only). */
        if (a->sum_w != 0 || a->sum_w2 != 0)
            return 0;
        for (size_t j = 0; j < k; j++)
            if (a->mean[j] != 0 || a->ref[j] != 0 || a->varies[j] != 0)
                return 0;
        for (size_t j = 0; j < k * k; j++)
            if (a->c[j] != 0)
                return 0;
        return 1;
    }
    const double slack = 1e-9, npos = (double)a->n_pos, sw = a->sum_w;
    /* Every positive weight is at least CSAT_WEIGHT_MIN. */
    if (!(sw >= CSAT_WEIGHT_MIN * (1 - slack)) || sw > npos * CSAT_WEIGHT_MAX
        || !(a->sum_w2 >= CSAT_WEIGHT_MIN * CSAT_WEIGHT_MIN * (1 - slack))
        || a->sum_w2 > sw * sw * (1 + slack) || a->sum_w2 < sw * sw / npos * (1 - slack))
        return 0;
    /* Values lie within ±CSAT_VALUE_MAX, so (Popoviciu) a column's co-moment
     * Σ w (x − x̄)² is at most Σw · (2 CSAT_VALUE_MAX)² / 4: a larger
     * diagonal would let the relative slack below hide any asymmetry. */
    const double c_max = sw * CSAT_VALUE_MAX * CSAT_VALUE_MAX * (1 + slack);
    for (size_t j = 0; j < k; j++) {
        if (!csat_value_ok(a->mean[j]) || !csat_value_ok(a->ref[j]) || !(a->c[j * k + j] >= 0)
            || a->c[j * k + j] > c_max)
            return 0;
    }
    /* Symmetric up to rounding, and within Cauchy–Schwarz: |c_ij| ≤ √c_ii
     * √c_jj, where each diagonal may have lost up to n_pos subnormal steps
     * to underflow (values of 1e-320 are valid data). */
    const double lost = npos * 4.9406564584124654e-324;
    for (size_t i = 0; i < k; i++)
        for (size_t j = 0; j < i; j++) {
            double bound = sqrt(a->c[i * k + i] + lost) * sqrt(a->c[j * k + j] + lost);
            double cij = a->c[i * k + j], cji = a->c[j * k + i];
            if (fabs(cij) > bound * (1 + slack) || fabs(cji) > bound * (1 + slack)
                || fabs(cij - cji) > slack * bound + lost)
                return 0;
        }
    return 1;
}

csat_status csat_xprod_deserialize(const void *buf, size_t len, csat_xprod **out, csat_error *err)
{
    CSAT_REQUIRE(buf, err);
    CSAT_REQUIRE(out, err);
    const unsigned char *q = buf;
    if (len < XPROD_HEADER || memcmp(q, "CSTX", 4) != 0
        || csat_get_u32(q + 4) != XPROD_VERSION)
        return csat_fail(err, CSAT_ERR_FORMAT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "not a serialized cross-product accumulator of version %u",
                         XPROD_VERSION);
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
    q += XPROD_HEADER;
    for (size_t i = 0; i < a->k; i++, q += 8)
        a->mean[i] = csat_get_f64(q);
    for (size_t i = 0; i < a->k * a->k; i++, q += 8)
        a->c[i] = csat_get_f64(q);
    for (size_t i = 0; i < a->k; i++, q += 8)
        a->ref[i] = csat_get_f64(q);
    memcpy(a->varies, q, a->k);
    if (!xprod_valid(a)) {
        csat_xprod_free(a);
        return csat_fail(err, CSAT_ERR_FORMAT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "serialized accumulator is inconsistent (counts, weight sums, means "
                         "or co-moments disagree)");
    }
    *out = a;
    return CSAT_OK;
}
