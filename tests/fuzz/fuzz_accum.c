/* Accumulators fed in two halves and merged equal one pass (accum.h,
 * drivers.h): the one pass succeeds exactly when both halves do; then the
 * counts agree exactly, the sums up to rounding, and unweighted tallies to
 * the byte. A failed add leaves the accumulator as it was. Every state
 * reached this way serialises and reads back.
 *
 * Input: kind (tally, moments, xprod), flags, n, split point, then the
 * kind's own layout (see each function). */
#include <stdlib.h>

#include "csat.h"
#include "fuzz_check.h"
#include "fuzz_input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define N_MAX 128
#define P_MAX 6

enum { TALLY, MOMENTS, XPROD, KINDS };

/* Serialised bytes of an accumulator (caller frees). */
static unsigned char *tally_bytes(const csat_tally *t, size_t *len)
{
    FUZZ_CHECK(csat_tally_serialize(t, NULL, 0, len, NULL) == CSAT_OK);
    unsigned char *b = malloc(*len);
    FUZZ_CHECK(b != NULL && csat_tally_serialize(t, b, *len, len, NULL) == CSAT_OK);
    return b;
}

/* The serialized state of moments (doc/methods.md, "Serialisation
 * format"): n at 8, n_missing at 16, then sum_w, mean, m2, sum_w2,
 * mean_w2, m2_w2, min, max (f64 at 24 + 8i). */
typedef struct moments_state {
    unsigned char b[CSAT_MOMENTS_SERIALIZED_SIZE];
    uint64_t n, n_missing;
    double sum_w, mean, m2, min, max;
} moments_state;

static moments_state moments_of(const csat_moments *m)
{
    moments_state s;
    size_t len = 0;
    FUZZ_CHECK(csat_moments_serialize(m, s.b, sizeof s.b, &len, NULL) == CSAT_OK);
    FUZZ_CHECK(len == CSAT_MOMENTS_SERIALIZED_SIZE);
    s.n = fuzz_le_u64(s.b + 8);
    s.n_missing = fuzz_le_u64(s.b + 16);
    s.sum_w = fuzz_le_f64(s.b + 24);
    s.mean = fuzz_le_f64(s.b + 32);
    s.m2 = fuzz_le_f64(s.b + 40);
    s.min = fuzz_le_f64(s.b + 72);
    s.max = fuzz_le_f64(s.b + 80);
    return s;
}

static unsigned char *xprod_bytes(const csat_xprod *a, size_t *len)
{
    FUZZ_CHECK(csat_xprod_serialize(a, NULL, 0, len, NULL) == CSAT_OK);
    unsigned char *b = malloc(*len);
    FUZZ_CHECK(b != NULL && csat_xprod_serialize(a, b, *len, len, NULL) == CSAT_OK);
    return b;
}

/* Add, and on failure check that nothing changed. */
static csat_status tally_add(csat_tally *t, const double *x, size_t n, const double *w)
{
    size_t len0, len1;
    unsigned char *before = tally_bytes(t, &len0);
    csat_status st = csat_tally_add(t, x, n, w, NULL);
    if (st != CSAT_OK) {
        unsigned char *after = tally_bytes(t, &len1);
        FUZZ_CHECK(len0 == len1 && memcmp(before, after, len0) == 0);
        free(after);
    }
    free(before);
    return st;
}

static csat_status xprod_add(csat_xprod *a, const double *x, size_t n, size_t ld,
                             const double *y, const double *w)
{
    size_t len0, len1;
    unsigned char *before = xprod_bytes(a, &len0);
    csat_status st = csat_xprod_add(a, x, n, ld, y, w, NULL);
    if (st != CSAT_OK) {
        unsigned char *after = xprod_bytes(a, &len1);
        FUZZ_CHECK(len0 == len1 && memcmp(before, after, len0) == 0);
        free(after);
    }
    free(before);
    return st;
}

/* One pass succeeds exactly when both halves and their merge do; sums
 * too large for a double may be refused by the pass or by the merge. */
static void halves(csat_status one, csat_status a, csat_status b, csat_status merge)
{
    int ok = a == CSAT_OK && b == CSAT_OK && merge == CSAT_OK;
    FUZZ_CHECK((one == CSAT_OK) == ok);
    if (a == CSAT_OK && b == CSAT_OK && merge != CSAT_OK)
        FUZZ_CHECK(merge == CSAT_ERR_OVERFLOW);
}

static void same_sample(const csat_sample *a, const csat_sample *b)
{
    FUZZ_CHECK(a->n == b->n && a->n_missing == b->n_missing);
    if (isfinite(a->n_weighted) && isfinite(b->n_weighted))
        FUZZ_CHECK(fuzz_close(a->n_weighted, b->n_weighted, 1e-12 * a->n_weighted));
}

/* Layout: lo, hi, then n × (answer, weight when weighted). */
static void fuzz_tally(fuzz_input *in, size_t n, size_t cut, int weighted)
{
    int lo = fuzz_int(in), hi = fuzz_int(in);
    if (fuzz_slow_scale(lo, hi, 4096))
        return;
    double x[N_MAX], wb[N_MAX];
    for (size_t i = 0; i < n; i++) {
        x[i] = fuzz_answer(in, lo, hi);
        wb[i] = weighted ? fuzz_weight(in) : 1;
    }
    const double *w = weighted ? wb : NULL;
    csat_tally *one = NULL, *a = NULL, *b = NULL;
    if (csat_tally_create(lo, hi, &one, NULL) != CSAT_OK)
        return;
    FUZZ_CHECK(csat_tally_create(lo, hi, &a, NULL) == CSAT_OK);
    FUZZ_CHECK(csat_tally_create(lo, hi, &b, NULL) == CSAT_OK);
    csat_status s1 = tally_add(one, x, n, w);
    csat_status sa = tally_add(a, x, cut, w);
    csat_status sb = tally_add(b, x + cut, n - cut, w ? w + cut : NULL);
    csat_status sm = sa == CSAT_OK && sb == CSAT_OK ? csat_tally_merge(a, b, NULL) : sa;
    halves(s1, sa, sb, sm);
    if (s1 == CSAT_OK) {
        csat_sample p1 = CSAT_RESULT_INIT(csat_sample), pm = CSAT_RESULT_INIT(csat_sample);
        FUZZ_CHECK(csat_tally_sample(one, &p1, NULL) == CSAT_OK);
        FUZZ_CHECK(csat_tally_sample(a, &pm, NULL) == CSAT_OK);
        same_sample(&p1, &pm);
        size_t len1, lenm;
        unsigned char *b1 = tally_bytes(one, &len1), *bm = tally_bytes(a, &lenm);
        FUZZ_CHECK(len1 == lenm);
        if (!weighted) /* exact for unweighted data */
            FUZZ_CHECK(memcmp(b1, bm, len1) == 0);
        csat_tally *r = NULL;
        FUZZ_CHECK(csat_tally_deserialize(bm, lenm, &r, NULL) == CSAT_OK);
        csat_tally_free(r);
        free(b1);
        free(bm);
        fuzz_check_tally(a);
    }
    csat_tally_free(one);
    csat_tally_free(a);
    csat_tally_free(b);
}

/* Layout: n × (value, weight when weighted). */
static void fuzz_moments(fuzz_input *in, size_t n, size_t cut, int weighted)
{
    double x[N_MAX], wb[N_MAX], mag = 0, wsum = 0;
    for (size_t i = 0; i < n; i++) {
        x[i] = fuzz_value(in);
        wb[i] = weighted ? fuzz_weight(in) : 1;
        if (!isnan(x[i])) {
            mag = fmax(mag, fabs(x[i]));
            wsum += wb[i];
        }
    }
    const double *w = weighted ? wb : NULL;
    csat_moments *one = NULL, *a = NULL, *b = NULL, *r = NULL;
    FUZZ_CHECK(csat_moments_create(&one, NULL) == CSAT_OK);
    FUZZ_CHECK(csat_moments_create(&a, NULL) == CSAT_OK);
    FUZZ_CHECK(csat_moments_create(&b, NULL) == CSAT_OK);
    csat_status s1 = csat_moments_add(one, x, n, w, NULL);
    csat_status sa = csat_moments_add(a, x, cut, w, NULL);
    moments_state keep = moments_of(b);
    csat_status sb = csat_moments_add(b, x + cut, n - cut, w ? w + cut : NULL, NULL);
    if (sb != CSAT_OK) { /* unchanged on error */
        moments_state now = moments_of(b);
        FUZZ_CHECK(memcmp(keep.b, now.b, sizeof keep.b) == 0);
    }
    csat_status sm = sa == CSAT_OK && sb == CSAT_OK ? csat_moments_merge(a, b, NULL) : sa;
    halves(s1, sa, sb, sm);
    if (s1 == CSAT_OK) {
        moments_state ma = moments_of(a), m1 = moments_of(one);
        FUZZ_CHECK(ma.n == m1.n && ma.n_missing == m1.n_missing);
        FUZZ_CHECK(ma.min == m1.min && ma.max == m1.max);
        csat_sample pa = CSAT_RESULT_INIT(csat_sample), p1 = CSAT_RESULT_INIT(csat_sample);
        FUZZ_CHECK(csat_moments_sample(a, &pa, NULL) == CSAT_OK);
        FUZZ_CHECK(csat_moments_sample(one, &p1, NULL) == CSAT_OK);
        FUZZ_CHECK(pa.n == ma.n && pa.n_missing == ma.n_missing && pa.n_weighted == ma.sum_w);
        same_sample(&pa, &p1);
        /* Rounding of sums of n terms of size mag (and mag² for m2). */
        double tm = 1e-10 * mag, t2 = 1e-10 * mag * mag * wsum;
        if (isfinite(m1.sum_w) && isfinite(t2)) {
            FUZZ_CHECK(fuzz_close(ma.sum_w, m1.sum_w, 1e-12 * m1.sum_w));
            FUZZ_CHECK(fuzz_close(ma.mean, m1.mean, tm));
            FUZZ_CHECK(fuzz_close(ma.m2, m1.m2, t2));
        }
        FUZZ_CHECK(csat_moments_deserialize(ma.b, sizeof ma.b, &r, NULL) == CSAT_OK);
        moments_state back = moments_of(r);
        FUZZ_CHECK(memcmp(back.b, ma.b, sizeof ma.b) == 0);
        csat_mean_result mean = CSAT_RESULT_INIT(csat_mean_result);
        if (csat_moments_mean(a, NULL, &mean, NULL) == CSAT_OK)
            fuzz_check_mean(&mean);
    }
    csat_moments_free(one);
    csat_moments_free(a);
    csat_moments_free(b);
    csat_moments_free(r);
}

/* Layout: p, ld − p, then n × (ld drivers, outcome, weight when weighted).
 * The serialised means and co-moments (header of 56 bytes, then doubles)
 * are compared to one pass. */
static void fuzz_xprod(fuzz_input *in, size_t n, size_t cut, int weighted)
{
    size_t p = 1 + fuzz_size(in, P_MAX - 1), ld = p + fuzz_size(in, 2);
    double x[N_MAX * (P_MAX + 2)], y[N_MAX], wb[N_MAX], mag = 0, wsum = 0;
    for (size_t i = 0; i < n; i++) {
        int complete = 1;
        for (size_t j = 0; j < ld; j++) {
            x[i * ld + j] = fuzz_value(in);
            if (j < p)
                complete &= !isnan(x[i * ld + j]);
        }
        y[i] = fuzz_value(in);
        wb[i] = weighted ? fuzz_weight(in) : 1;
        if (complete && !isnan(y[i])) {
            for (size_t j = 0; j < p; j++)
                mag = fmax(mag, fabs(x[i * ld + j]));
            mag = fmax(mag, fabs(y[i]));
            wsum += wb[i];
        }
    }
    const double *w = weighted ? wb : NULL;
    csat_xprod *one = NULL, *a = NULL, *b = NULL;
    FUZZ_CHECK(csat_xprod_create(p, &one, NULL) == CSAT_OK);
    FUZZ_CHECK(csat_xprod_create(p, &a, NULL) == CSAT_OK);
    FUZZ_CHECK(csat_xprod_create(p, &b, NULL) == CSAT_OK);
    csat_status s1 = xprod_add(one, x, n, ld, y, w);
    csat_status sa = xprod_add(a, x, cut, ld, y, w);
    csat_status sb = xprod_add(b, x + cut * ld, n - cut, ld, y + cut, w ? w + cut : NULL);
    csat_status sm = sa == CSAT_OK && sb == CSAT_OK ? csat_xprod_merge(a, b, NULL) : sa;
    halves(s1, sa, sb, sm);
    if (s1 == CSAT_OK) {
        csat_sample p1 = CSAT_RESULT_INIT(csat_sample), pm = CSAT_RESULT_INIT(csat_sample);
        FUZZ_CHECK(csat_xprod_sample(one, &p1, NULL) == CSAT_OK);
        FUZZ_CHECK(csat_xprod_sample(a, &pm, NULL) == CSAT_OK);
        same_sample(&p1, &pm);
        size_t len1, lenm;
        unsigned char *b1 = xprod_bytes(one, &len1), *bm = xprod_bytes(a, &lenm);
        FUZZ_CHECK(len1 == lenm);
        FUZZ_CHECK(memcmp(b1 + 8, bm + 8, 32) == 0); /* p, n, n_missing, n_pos */
        size_t q = p + 1;
        double tm = 1e-10 * mag, t2 = 1e-10 * mag * mag * wsum;
        if (isfinite(p1.n_weighted) && isfinite(t2)) {
            for (size_t i = 0; i < q + q * q; i++) {
                double u, v;
                memcpy(&u, b1 + 56 + 8 * i, 8); /* little-endian hosts */
                memcpy(&v, bm + 56 + 8 * i, 8);
                FUZZ_CHECK(fuzz_close(u, v, i < q ? tm : t2));
            }
        }
        csat_xprod *r = NULL;
        FUZZ_CHECK(csat_xprod_deserialize(bm, lenm, &r, NULL) == CSAT_OK);
        csat_xprod_free(r);
        free(b1);
        free(bm);
    }
    csat_xprod_free(one);
    csat_xprod_free(a);
    csat_xprod_free(b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_input in = fuzz_begin(data, size);
    int kind = fuzz_u8(&in) % KINDS;
    int weighted = fuzz_u8(&in) & 1;
    size_t n = fuzz_size(&in, N_MAX), cut = fuzz_size(&in, N_MAX);
    if (cut > n)
        cut = n;
    switch (kind) {
    case TALLY: fuzz_tally(&in, n, cut, weighted); break;
    case MOMENTS: fuzz_moments(&in, n, cut, weighted); break;
    default: fuzz_xprod(&in, n, cut, weighted); break;
    }
    return 0;
}
