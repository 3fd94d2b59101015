/*
 * Regression tests of what probing the library found (issue "Hardening"),
 * one case per finding. Expected values are derived by hand in the
 * comments; each case names the finding it keeps fixed.
 */
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>

#include "check.h"

/* A small key-driver data set: y = 1 + 2 x0 − x1 + noise, rows i = 0..n−1. */
#define ROWS 40
static void driver_data(double *x, double *y)
{
    for (int i = 0; i < ROWS; i++) {
        x[2 * i] = (double)(i % 7);
        x[2 * i + 1] = (double)((i * 3) % 5);
        y[i] = 1 + 2 * x[2 * i] - x[2 * i + 1] + 0.25 * ((i * 11) % 4);
    }
}

/* 1: reps × p × 8 bytes wraps size_t for reps = 2^61 + 1, p = 1; the
 * bootstrap must refuse it before allocating, and refuse reps above the
 * documented limit. */
static void test_bootstrap_reps_that_wrap_the_size_are_overflow(void **state)
{
    (void)state;
    double x[ROWS], y[ROWS];
    for (int i = 0; i < ROWS; i++) {
        x[i] = (double)(i % 9);
        y[i] = x[i] + 0.5 * (i % 3);
    }
    csat_drivers *m = NULL;
    csat_error err;
    OK(csat_drivers_fit(x, ROWS, 1, 1, y, NULL, NULL, &m, &err));
    double lo[1], hi[1];
    csat_bootstrap_options o = CSAT_BOOTSTRAP_OPTIONS_DEFAULT;
    o.reps = ((size_t)1 << 61) + 1;
    EXPECT_FAIL(CSAT_ERR_OVERFLOW, lo, csat_drivers_bootstrap(m, CSAT_IMPORTANCE_LMG, &o, lo, hi, NULL, &err));
    o.reps = (size_t)CSAT_BOOTSTRAP_REPS_MAX + 1;
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, lo, csat_drivers_bootstrap(m, CSAT_IMPORTANCE_LMG, &o, lo, hi, NULL, &err));
    csat_drivers_free(m);
    /* The same for the model of a survey design, whose bootstrap resamples
     * its PSUs within strata: 10 PSUs of 4 rows in 2 strata. */
    int32_t strata[ROWS], psu[ROWS];
    for (int i = 0; i < ROWS; i++) {
        strata[i] = i < ROWS / 2 ? 0 : 1;
        psu[i] = i / 4;
    }
    csat_design *d = NULL;
    OK(csat_design_create(ROWS, NULL, strata, psu, NULL, NULL, &d, &err));
    OK(csat_drivers_fit_design(x, 1, 1, y, d, NULL, &m, &err));
    o.reps = ((size_t)1 << 61) + 1;
    EXPECT_FAIL(CSAT_ERR_OVERFLOW, lo, csat_drivers_bootstrap(m, CSAT_IMPORTANCE_LMG, &o, lo, hi, NULL, &err));
    o.reps = (size_t)CSAT_BOOTSTRAP_REPS_MAX + 1;
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, lo, csat_drivers_bootstrap(m, CSAT_IMPORTANCE_LMG, &o, lo, hi, NULL, &err));
    csat_drivers_free(m);
    csat_design_free(d);
}

/* 4: Monte Carlo orderings and exact_max beyond their documented limits. */
static void test_importance_work_beyond_the_limits_is_refused(void **state)
{
    (void)state;
    double x[2 * ROWS], y[ROWS], imp[2];
    driver_data(x, y);
    csat_drivers *m = NULL;
    csat_error err;
    OK(csat_drivers_fit(x, ROWS, 2, 2, y, NULL, NULL, &m, &err));
    csat_importance_options o = CSAT_IMPORTANCE_OPTIONS_DEFAULT;
    o.exact_max = CSAT_LMG_EXACT_LIMIT + 1;
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, imp, csat_drivers_importance(m, CSAT_IMPORTANCE_LMG, &o, imp, NULL, &err));
    o.exact_max = 1; /* p = 2 > 1: Monte Carlo */
    o.permutations = (size_t)CSAT_LMG_PERMUTATIONS_MAX + 1;
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, imp, csat_drivers_importance(m, CSAT_IMPORTANCE_LMG, &o, imp, NULL, &err));
    csat_drivers_free(m);
}

/* 2: constant columns whose mean is not a double. 0.7 is not exact in
 * binary, so Σ(x − x̄)² is rounding noise, not 0; the column is constant
 * all the same and the fit must say SINGULAR for it (column p = outcome). */
static void test_constant_outcome_with_inexact_mean_is_singular(void **state)
{
    (void)state;
    double x[2 * ROWS], y[ROWS], w[ROWS];
    driver_data(x, y);
    for (int i = 0; i < ROWS; i++) {
        y[i] = 0.7;
        w[i] = 0.3 + 0.1 * (i % 5); /* survey-like weights */
    }
    csat_drivers *m = NULL;
    csat_error err;
    EXPECT_FAIL_AT(CSAT_ERR_SINGULAR, CSAT_NO_INDEX, 2, m, csat_drivers_fit(x, ROWS, 2, 2, y, NULL, NULL, &m, &err));
    for (int i = 0; i < ROWS; i++)
        y[i] = 7;
    EXPECT_FAIL_AT(CSAT_ERR_SINGULAR, CSAT_NO_INDEX, 2, m, csat_drivers_fit(x, ROWS, 2, 2, y, w, NULL, &m, &err));
    /* The same for the fit of a survey design, whose weights are the
     * design's: 0.7 without weights (every row its own PSU, in 2 strata),
     * 7 with them (20 PSUs of 2 rows). */
    int32_t strata[ROWS], psu[ROWS];
    double y07[ROWS];
    for (int i = 0; i < ROWS; i++) {
        strata[i] = i % 2;
        psu[i] = i / 2;
        y07[i] = 0.7;
    }
    csat_design *plain = NULL, *weighted = NULL;
    OK(csat_design_create(ROWS, NULL, strata, NULL, NULL, NULL, &plain, &err));
    OK(csat_design_create(ROWS, w, NULL, psu, NULL, NULL, &weighted, &err));
    EXPECT_FAIL_AT(CSAT_ERR_SINGULAR, CSAT_NO_INDEX, 2, m, csat_drivers_fit_design(x, 2, 2, y07, plain, NULL, &m, &err));
    EXPECT_FAIL_AT(CSAT_ERR_SINGULAR, CSAT_NO_INDEX, 2, m, csat_drivers_fit_design(x, 2, 2, y, weighted, NULL, &m, &err));
    csat_design_free(plain);
    csat_design_free(weighted);
    /* The same through the accumulator. */
    csat_xprod *a = NULL;
    OK(csat_xprod_create(2, &a, &err));
    OK(csat_xprod_add(a, x, ROWS, 2, y, w, &err));
    EXPECT_FAIL_AT(CSAT_ERR_SINGULAR, CSAT_NO_INDEX, 2, m, csat_drivers_fit_xprod(a, NULL, &m, &err));
    csat_xprod_free(a);
}

static void test_constant_driver_with_weights_is_singular_through_xprod(void **state)
{
    (void)state;
    double x[2 * ROWS], y[ROWS], w[ROWS];
    driver_data(x, y);
    for (int i = 0; i < ROWS; i++) {
        x[2 * i + 1] = 5;
        w[i] = 0.3 + 0.1 * (i % 5);
    }
    csat_error err;
    csat_xprod *a = NULL;
    csat_drivers *m = NULL;
    OK(csat_xprod_create(2, &a, &err));
    OK(csat_xprod_add(a, x, ROWS, 2, y, w, &err));
    EXPECT_FAIL_AT(CSAT_ERR_SINGULAR, CSAT_NO_INDEX, 1, m, csat_drivers_fit_xprod(a, NULL, &m, &err));
    /* Merged from shards, and after a serialisation round trip. */
    csat_xprod *b = NULL, *c = NULL;
    OK(csat_xprod_create(2, &b, &err));
    OK(csat_xprod_add(b, x, ROWS / 2, 2, y, w, &err));
    OK(csat_xprod_create(2, &c, &err));
    OK(csat_xprod_add(c, x + ROWS, ROWS / 2, 2, y + ROWS / 2, w + ROWS / 2, &err));
    OK(csat_xprod_merge(b, c, &err));
    EXPECT_FAIL_AT(CSAT_ERR_SINGULAR, CSAT_NO_INDEX, 1, m, csat_drivers_fit_xprod(b, NULL, &m, &err));
    size_t len = 0;
    OK(csat_xprod_serialize(b, NULL, 0, &len, &err));
    unsigned char *buf = malloc(len);
    assert_non_null(buf);
    OK(csat_xprod_serialize(b, buf, len, &len, &err));
    csat_xprod *d = NULL;
    OK(csat_xprod_deserialize(buf, len, &d, &err));
    EXPECT_FAIL_AT(CSAT_ERR_SINGULAR, CSAT_NO_INDEX, 1, m, csat_drivers_fit_xprod(d, NULL, &m, &err));
    /* A driver constant only among the rows of positive weight is constant
     * for the weighted fit too. */
    x[1 + 2 * 3] = 9;
    w[3] = 0;
    EXPECT_FAIL_AT(CSAT_ERR_SINGULAR, CSAT_NO_INDEX, 1, m, csat_drivers_fit(x, ROWS, 2, 2, y, w, NULL, &m, &err));
    free(buf);
    csat_xprod_free(a);
    csat_xprod_free(b);
    csat_xprod_free(c);
    csat_xprod_free(d);
}

/* 3: deserialisers accept only states that add and merge can produce. */
static unsigned char *serialize_tally(const csat_tally *t, size_t *len)
{
    csat_error err;
    OK(csat_tally_serialize(t, NULL, 0, len, &err));
    unsigned char *buf = malloc(*len);
    assert_non_null(buf);
    OK(csat_tally_serialize(t, buf, *len, len, &err));
    return buf;
}

static void put_u64(unsigned char *p, uint64_t v)
{
    for (int i = 0; i < 8; i++)
        p[i] = (unsigned char)(v >> (8 * i));
}

static void put_f64(unsigned char *p, double v)
{
    uint64_t bits;
    memcpy(&bits, &v, sizeof bits);
    put_u64(p, bits);
}

static void test_tally_blobs_with_inconsistent_sums_are_refused(void **state)
{
    (void)state;
    /* Layout (doc/methods.md, "Serialisation format"): 24-byte header,
     * then per point u64 unit, u64 wcount, f64 sw, f64 sw2. */
    double x[] = { 1, 4, 5, 5, 3 }, w[] = { 1, 2, 1, 1, 1 };
    csat_tally *t = NULL, *u = NULL;
    csat_error err;
    OK(csat_tally_create(1, 5, &t, &err));
    OK(csat_tally_add(t, x, 5, w, &err));
    size_t len;
    unsigned char *buf = serialize_tally(t, &len);
    /* Accepted as written, and written again to the same bytes. */
    OK(csat_tally_deserialize(buf, len, &u, &err));
    size_t len2;
    unsigned char *again = serialize_tally(u, &len2);
    assert_int_equal(len, len2);
    assert_memory_equal(buf, again, len);
    free(again);
    csat_tally_free(u);
    /* Point 5 (index 4): two weighted answers, Σw = 2, Σw² = 2; Σw² = 0
     * with Σw > 0 is impossible. */
    unsigned char *p5 = buf + 24 + 32 * 4;
    put_f64(p5 + 24, 0.0);
    EXPECT_FAIL(CSAT_ERR_FORMAT, u, csat_tally_deserialize(buf, len, &u, &err));
    /* Σw² > (Σw)² = 4 is impossible too. */
    put_f64(p5 + 24, 4.5);
    EXPECT_FAIL(CSAT_ERR_FORMAT, u, csat_tally_deserialize(buf, len, &u, &err));
    /* Σw² < (Σw)²/m = 2 likewise. */
    put_f64(p5 + 24, 1.5);
    EXPECT_FAIL(CSAT_ERR_FORMAT, u, csat_tally_deserialize(buf, len, &u, &err));
    put_f64(p5 + 24, 2.0);
    /* Counts of 2^63 at two points wrap a 64-bit total. */
    put_u64(buf + 24, (uint64_t)1 << 63);
    put_u64(buf + 24 + 32, (uint64_t)1 << 63);
    EXPECT_FAIL(CSAT_ERR_FORMAT, u, csat_tally_deserialize(buf, len, &u, &err));
    /* 2^62 unweighted answers at point 1 are a valid state; merging it
     * into itself three times passes 2^64 and must say OVERFLOW, leaving
     * the tally as it was. */
    put_u64(buf + 24 + 32, 0);
    put_u64(buf + 24, (uint64_t)1 << 62);
    OK(csat_tally_deserialize(buf, len, &u, &err));
    OK(csat_tally_merge(u, u, &err)); /* 2^63 */
    csat_sample before = CSAT_RESULT_INIT(csat_sample), after = CSAT_RESULT_INIT(csat_sample);
    OK(csat_tally_sample(u, &before, &err));
    memset(&err, 0, sizeof err);
    assert_int_equal(csat_tally_merge(u, u, &err), CSAT_ERR_OVERFLOW);
    assert_int_equal(err.code, CSAT_ERR_OVERFLOW);
    OK(csat_tally_sample(u, &after, &err));
    assert_memory_equal(&before, &after, sizeof before);
    /* Adding to a tally whose total is near the limit is OVERFLOW too. */
    double more = 1;
    csat_tally *v = NULL;
    put_u64(buf + 24, UINT64_MAX - 5); /* with the 5 weighted answers: 2^64 − 1 */
    OK(csat_tally_deserialize(buf, len, &v, &err));
    assert_int_equal(csat_tally_add(v, &more, 1, NULL, NULL), CSAT_ERR_OVERFLOW);
    csat_tally_free(v);
    csat_tally_free(u);
    csat_tally_free(t);
    free(buf);
}

static void moments_blob(const csat_moments *m, unsigned char *buf)
{
    csat_error err;
    size_t len;
    OK(csat_moments_serialize(m, buf, CSAT_MOMENTS_SERIALIZED_SIZE, &len, &err));
    assert_int_equal(len, CSAT_MOMENTS_SERIALIZED_SIZE);
}

static void test_moment_blobs_with_impossible_states_are_refused(void **state)
{
    (void)state;
    double x[] = { 1000, 1000, 1000 };
    csat_moments *m = NULL, *r = NULL, *refused = NULL;
    csat_error err;
    OK(csat_moments_create(&m, &err));
    OK(csat_moments_add(m, x, 3, NULL, &err));
    unsigned char buf[CSAT_MOMENTS_SERIALIZED_SIZE], again[CSAT_MOMENTS_SERIALIZED_SIZE];
    moments_blob(m, buf);
    OK(csat_moments_deserialize(buf, sizeof buf, &r, &err));
    moments_blob(r, again);
    assert_memory_equal(buf, again, sizeof buf);
    csat_moments_free(r);
    /* Byte layout: n at 8, n_missing at 16, then sum_w, mean, m2, sum_w2,
     * mean_w2, m2_w2, min, max from 24, reserved 88..95. */
    unsigned char bad[CSAT_MOMENTS_SERIALIZED_SIZE];
    memcpy(bad, buf, sizeof bad);
    bad[90] = 1; /* reserved byte */
    EXPECT_FAIL(CSAT_ERR_FORMAT, refused,
                csat_moments_deserialize(bad, sizeof bad, &refused, &err));
    memcpy(bad, buf, sizeof bad);
    put_f64(bad + 24 + 8 * 6, 1001); /* min 1001 > max 1000 */
    EXPECT_FAIL(CSAT_ERR_FORMAT, refused,
                csat_moments_deserialize(bad, sizeof bad, &refused, &err));
    /* n = 0 with Σw = 4: merged, it once gave a mean of 336 with min = max
     * = 1000. The moments are opaque, so a blob is the only way to such a
     * state, and it is refused here; merge and mean need no check of their
     * own any more. */
    memcpy(bad, buf, sizeof bad);
    put_u64(bad + 8, 0);
    put_f64(bad + 24, 4);
    EXPECT_FAIL(CSAT_ERR_FORMAT, refused,
                csat_moments_deserialize(bad, sizeof bad, &refused, &err));
    memcpy(bad, buf, sizeof bad);
    put_u64(bad + 8, 0); /* n = 0 alone */
    EXPECT_FAIL(CSAT_ERR_FORMAT, refused,
                csat_moments_deserialize(bad, sizeof bad, &refused, &err));
    /* A mean outside [min, max]. */
    memcpy(bad, buf, sizeof bad);
    put_f64(bad + 32, 336);
    EXPECT_FAIL(CSAT_ERR_FORMAT, refused,
                csat_moments_deserialize(bad, sizeof bad, &refused, &err));
    /* Counts that cannot be added: n = 2^63 (a valid state: Σw = 1, Σw² = 1,
     * every value 5) merged into itself. */
    memcpy(bad, buf, sizeof bad);
    const double big_fields[8] = { 1, 5, 0, 1, 5, 0, 5, 5 }; /* sum_w .. max */
    put_u64(bad + 8, (uint64_t)1 << 63);
    put_u64(bad + 16, 0);
    for (int i = 0; i < 8; i++)
        put_f64(bad + 24 + 8 * i, big_fields[i]);
    csat_moments *big = NULL, *dst = NULL;
    OK(csat_moments_deserialize(bad, sizeof bad, &big, &err));
    OK(csat_moments_copy(big, &dst, &err));
    memset(&err, 0, sizeof err);
    assert_int_equal(csat_moments_merge(dst, big, &err), CSAT_ERR_OVERFLOW);
    assert_int_equal(err.code, CSAT_ERR_OVERFLOW);
    moments_blob(dst, again);
    assert_memory_equal(again, bad, sizeof bad);
    memset(&err, 0, sizeof err);
    assert_int_equal(csat_moments_merge(dst, dst, &err), CSAT_ERR_OVERFLOW);
    moments_blob(dst, again);
    assert_memory_equal(again, bad, sizeof bad);
    csat_moments_free(big);
    csat_moments_free(dst);
    csat_moments_free(m);
}

static void test_xprod_blobs_with_impossible_counts_are_refused(void **state)
{
    (void)state;
    double x[2 * ROWS], y[ROWS];
    driver_data(x, y);
    csat_xprod *a = NULL, *b = NULL;
    csat_error err;
    OK(csat_xprod_create(2, &a, &err));
    OK(csat_xprod_add(a, x, ROWS, 2, y, NULL, &err));
    size_t len;
    OK(csat_xprod_serialize(a, NULL, 0, &len, &err));
    unsigned char *buf = malloc(len), *again = malloc(len);
    assert_non_null(buf);
    assert_non_null(again);
    OK(csat_xprod_serialize(a, buf, len, &len, &err));
    OK(csat_xprod_deserialize(buf, len, &b, &err));
    OK(csat_xprod_serialize(b, again, len, &len, &err));
    assert_memory_equal(buf, again, len);
    csat_xprod_free(b);
    /* Header: p at 8, n at 16, n_missing at 24, n_pos at 32. n = 0 with
     * n_pos = 10^6 once gave a p-value of 0. */
    put_u64(buf + 16, 0);
    put_u64(buf + 32, 1000000);
    EXPECT_FAIL(CSAT_ERR_FORMAT, b, csat_xprod_deserialize(buf, len, &b, &err));
    /* n_pos = n but Σw² > (Σw)². */
    put_u64(buf + 16, ROWS);
    put_u64(buf + 32, ROWS);
    put_f64(buf + 48, ROWS * ROWS + 1.0);
    EXPECT_FAIL(CSAT_ERR_FORMAT, b, csat_xprod_deserialize(buf, len, &b, &err));
    /* A co-moment beyond Cauchy–Schwarz: |c_01| > √c_00 √c_11. */
    OK(csat_xprod_serialize(a, buf, len, &len, &err));
    put_f64(buf + 56 + 8 * 3 + 8 * 1, 1e6);
    EXPECT_FAIL(CSAT_ERR_FORMAT, b, csat_xprod_deserialize(buf, len, &b, &err));
    /* A diagonal co-moment beyond Σw · CSAT_VALUE_MAX² (values lie within
     * ±1e50, so Σ w (x − x̄)² ≤ Σw · (2e50)² / 4) with an asymmetry that its
     * Cauchy–Schwarz slack would otherwise hide: c_00 = 1e200 makes the
     * relative slack of |c_01 − c_10| about 1e-9 · 1e100 · √c_11. */
    OK(csat_xprod_serialize(a, buf, len, &len, &err));
    put_f64(buf + 56 + 8 * 3, 1e200);
    put_f64(buf + 56 + 8 * 3 + 8 * 3, 1e30);
    EXPECT_FAIL(CSAT_ERR_FORMAT, b, csat_xprod_deserialize(buf, len, &b, &err));
    /* A "varies" flag that is neither 0 nor 1. */
    OK(csat_xprod_serialize(a, buf, len, &len, &err));
    buf[len - 1] = 2;
    EXPECT_FAIL(CSAT_ERR_FORMAT, b, csat_xprod_deserialize(buf, len, &b, &err));
    free(buf);
    free(again);
    csat_xprod_free(a);
}

/* 5: weights beyond [1e-50, 1e50] are refused; within it the NPS and its
 * SE do not depend on the scale of the weights. */
static void test_weights_outside_the_range_are_refused_and_scale_free_within(void **state)
{
    (void)state;
    double x[] = { 10, 9, 8, 7, 6, 3, 10, 9, 0, 10 };
    double w[10], ws[10];
    for (int i = 0; i < 10; i++)
        w[i] = 1 + 0.5 * (i % 3);
    csat_nps_result r1 = CSAT_RESULT_INIT(csat_nps_result), r2 = CSAT_RESULT_INIT(csat_nps_result);
    csat_error err;
    OK(csat_score_nps(x, 10, w, NULL, &r1, &err));
    for (double scale = 1e-45; scale <= 1e45; scale *= 1e15) {
        for (int i = 0; i < 10; i++)
            ws[i] = w[i] * scale;
        OK(csat_score_nps(x, 10, ws, NULL, &r2, &err));
        cmp_rel(CTX("nps scaled weights", 1e-13), "score", r2.score, r1.score);
        cmp_rel(CTX("nps scaled weights", 1e-13), "se", r2.se, r1.se);
        cmp_rel(CTX("nps scaled weights", 1e-13), "ci_lower", r2.ci_lower, r1.ci_lower);
    }
    /* A survey design takes the same weights: within the range its NPS and
     * design-based SE do not depend on their scale either. */
    const int32_t strata[10] = { 0, 0, 0, 0, 0, 1, 1, 1, 1, 1 };
    const int32_t psu[10] = { 0, 0, 1, 1, 1, 2, 2, 3, 3, 3 };
    csat_design *d = NULL;
    OK(csat_design_create(10, w, strata, psu, NULL, NULL, &d, &err));
    OK(csat_design_nps(d, x, NULL, &r1, &err));
    csat_design_free(d);
    for (double scale = 1e-45; scale <= 1e45; scale *= 1e15) {
        for (int i = 0; i < 10; i++)
            ws[i] = w[i] * scale;
        OK(csat_design_create(10, ws, strata, psu, NULL, NULL, &d, &err));
        OK(csat_design_nps(d, x, NULL, &r2, &err));
        csat_design_free(d);
        cmp_rel(CTX("designed nps scaled weights", 1e-13), "score", r2.score, r1.score);
        cmp_rel(CTX("designed nps scaled weights", 1e-13), "se", r2.se, r1.se);
        cmp_rel(CTX("designed nps scaled weights", 1e-13), "ci_lower", r2.ci_lower, r1.ci_lower);
    }
    ws[0] = w[0];
    ws[3] = 1e154; /* once made the SE infinite */
    EXPECT_FAIL_ROW(CSAT_ERR_WEIGHT, 3, r2, csat_score_nps(x, 10, ws, NULL, &r2, &err));
    EXPECT_FAIL_ROW(CSAT_ERR_WEIGHT, 3, d, csat_design_create(10, ws, strata, psu, NULL, NULL, &d, &err));
    /* Raking starts from the same weights. */
    const int32_t *margin[1] = { strata };
    const size_t categories[1] = { 2 };
    const double half[2] = { 500, 500 }, *totals[1] = { half };
    double raked[10];
    EXPECT_FAIL_ROW(CSAT_ERR_WEIGHT, 3, raked,
                    csat_design_rake(10, ws, 1, margin, categories, totals, NULL, raked, NULL, &err));
    ws[3] = 1e-154; /* once gave SE 0 and the CI [20, 20] */
    EXPECT_FAIL_ROW(CSAT_ERR_WEIGHT, 3, r2, csat_score_nps(x, 10, ws, NULL, &r2, &err));
    EXPECT_FAIL_ROW(CSAT_ERR_WEIGHT, 3, d, csat_design_create(10, ws, strata, psu, NULL, NULL, &d, &err));
    EXPECT_FAIL_ROW(CSAT_ERR_WEIGHT, 3, raked,
                    csat_design_rake(10, ws, 1, margin, categories, totals, NULL, raked, NULL, &err));
    /* Moments with a weight of 1e308 could be serialised but not read back;
     * the refused add leaves the accumulator empty. */
    double v[] = { 1, 2 }, big[] = { 1e308, 1 };
    csat_moments *m = NULL;
    OK(csat_moments_create(&m, &err));
    unsigned char empty[CSAT_MOMENTS_SERIALIZED_SIZE], after[CSAT_MOMENTS_SERIALIZED_SIZE];
    size_t len;
    OK(csat_moments_serialize(m, empty, sizeof empty, &len, &err));
    memset(&err, 0, sizeof err);
    err.index = 777;
    err.column = 777;
    check_failure(csat_moments_add(m, v, 2, big, &err), CSAT_ERR_WEIGHT, 0, CSAT_NO_INDEX, &err,
                  "csat_moments_add(m, v, 2, big, &err)", __FILE__, __LINE__);
    OK(csat_moments_serialize(m, after, sizeof after, &len, &err));
    assert_memory_equal(empty, after, sizeof empty);
    csat_moments_free(m);
    /* mean_score([1e308, -1e308]) was NaN with CSAT_OK. */
    double huge[] = { 1e308, -1e308 };
    csat_mean_result mr = CSAT_RESULT_INIT(csat_mean_result);
    EXPECT_FAIL_ROW(CSAT_ERR_RANGE, 0, mr, csat_score_mean(huge, 2, NULL, NULL, &mr, &err));
    double edge[] = { 1e50, -1e50 };
    OK(csat_score_mean(edge, 2, NULL, NULL, &mr, &err));
    assert_true(mr.score == 0 && isfinite(mr.se));
}

/* 6: comparisons refuse NaN/inf scores; extreme SEs give the Welch df of
 * their ratio. With SEs s and 2s and df 10 and 20:
 * df = (1 + 4)² / (1/10 + 16/20) = 25 / 0.9 = 27.777…, whatever s is. */
static void test_comparisons_of_extreme_or_invalid_results(void **state)
{
    (void)state;
    csat_mean_result a = CSAT_RESULT_INIT(csat_mean_result), b = CSAT_RESULT_INIT(csat_mean_result);
    a.score = 1;
    a.df = 10;
    b.score = 2;
    b.df = 20;
    csat_comparison c = CSAT_RESULT_INIT(csat_comparison);
    csat_compare_options o = CSAT_COMPARE_OPTIONS_DEFAULT; /* 95 % */
    csat_error err;
    for (double s = 1e-160; s < 1e161; s *= 1e80) {
        a.se = s;
        b.se = 2 * s;
        OK(csat_compare_means(&a, &b, &o, &c, &err));
        cmp_rel(CTX("welch df", 1e-14), "df", c.df, 25.0 / 0.9);
        assert_false(isnan(c.p));
        assert_false(isnan(c.statistic));
    }
    a.score = NAN;
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, c, csat_compare_means(&a, &b, &o, &c, &err));
    a.score = INFINITY;
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, c, csat_compare_mean_benchmark(&a, 0, &o, &c, &err));
    csat_nps_result n1 = CSAT_RESULT_INIT(csat_nps_result), n2 = CSAT_RESULT_INIT(csat_nps_result);
    n1.se = n2.se = 1;
    n1.score = NAN;
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, c, csat_compare_nps(&n1, &n2, &o, &c, &err));
    n1.score = 150;
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, c, csat_compare_nps_benchmark(&n1, 0, &o, &c, &err));
    /* A difference beyond a double (1e308 − (−1e308)) is refused, not ±inf
     * with an interval of NaN (found by fuzzing). */
    a.score = 1e308;
    a.se = 1;
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, c, csat_compare_mean_benchmark(&a, -1e308, &o, &c, &err));
}

/* 7: top/bottom boxes on scales at the ends of int (signed overflow once). */
static void test_boxes_at_the_ends_of_int(void **state)
{
    (void)state;
    double x[] = { INT_MIN, (double)INT_MIN + 1, (double)INT_MIN + 4 };
    csat_scale_options o = { sizeof o, INT_MIN, INT_MIN + 4, 0.95 };
    csat_share_result r = CSAT_RESULT_INIT(csat_share_result);
    csat_error err;
    OK(csat_score_bottom_box(x, 3, NULL, 1, &o, &r, &err));
    assert_true(fabs(r.share - 1.0 / 3) < 1e-15); /* one answer of three at INT_MIN */
    OK(csat_score_top_box(x, 3, NULL, 5, &o, &r, &err));
    assert_true(r.share == 1);
    double y[] = { INT_MAX, (double)INT_MAX - 1 };
    csat_scale_options p = { sizeof p, INT_MAX - 4, INT_MAX, 0.95 };
    OK(csat_score_top_box(y, 2, NULL, 1, &p, &r, &err));
    assert_true(r.share == 0.5);
    OK(csat_score_bottom_box(y, 2, NULL, 5, &p, &r, &err));
    assert_true(r.share == 1);
    /* The boxes of a survey design's rows on the same scales (every row
     * its own PSU, one stratum). */
    csat_design *d3 = NULL, *d2 = NULL;
    OK(csat_design_create(3, NULL, NULL, NULL, NULL, NULL, &d3, &err));
    OK(csat_design_create(2, NULL, NULL, NULL, NULL, NULL, &d2, &err));
    OK(csat_design_bottom_box(d3, x, 1, &o, &r, &err));
    assert_true(fabs(r.share - 1.0 / 3) < 1e-15);
    OK(csat_design_top_box(d3, x, 5, &o, &r, &err));
    assert_true(r.share == 1);
    OK(csat_design_top_box(d2, y, 1, &p, &r, &err));
    assert_true(r.share == 0.5);
    OK(csat_design_bottom_box(d2, y, 5, &p, &r, &err));
    assert_true(r.share == 1);
    csat_design_free(d3);
    csat_design_free(d2);
}

/* 8: errors name the right place and the right code. */
static void test_errors_name_the_right_row_and_code(void **state)
{
    (void)state;
    /* csat_compare_gap summarises differences 256 rows at a time; a difference
     * beyond 1e50 at row 280 is row 280, not 24. */
    enum { N = 300 };
    double *e = calloc(N, sizeof *e), *q = calloc(N, sizeof *q);
    assert_non_null(e);
    assert_non_null(q);
    for (int i = 0; i < N; i++) {
        e[i] = 3 + i % 2;
        q[i] = 4;
    }
    e[280] = -6e49;
    q[280] = 6e49;
    csat_comparison c = CSAT_RESULT_INIT(csat_comparison);
    csat_compare_options o = CSAT_COMPARE_OPTIONS_DEFAULT; /* 95 % */
    csat_error err;
    EXPECT_FAIL_AT(CSAT_ERR_RANGE, 280, 0, c, csat_compare_gap(e, q, N, 1, 1, &o, &c, NULL, &err));
    /* A survey design's rows are added in blocks too: an answer off the
     * scale at row 280 is row 280; of a group code at row 5 and an
     * infinite answer at row 30 of the same block, the code comes first. */
    int32_t *g = calloc(N, sizeof *g), *psu = calloc(N, sizeof *psu);
    assert_non_null(g);
    assert_non_null(psu);
    for (int i = 0; i < N; i++) {
        e[i] = (double)(i % 11);
        g[i] = i % 3;
        psu[i] = i / 10;
    }
    csat_design *d = NULL;
    OK(csat_design_create(N, NULL, NULL, psu, NULL, NULL, &d, &err));
    e[280] = 11;
    csat_nps_result nr = CSAT_RESULT_INIT(csat_nps_result);
    EXPECT_FAIL_ROW(CSAT_ERR_RANGE, 280, nr, csat_design_nps(d, e, NULL, &nr, &err));
    e[280] = 10;
    e[30] = INFINITY;
    g[5] = 3;
    csat_nps_result ng[3] = { CSAT_RESULT_INIT(csat_nps_result) };
    EXPECT_FAIL_ROW(CSAT_ERR_RANGE, 5, ng,
                    csat_design_nps_grouped(d, e, g, 3, NULL, NULL, ng, NULL, 3, &err));
    /* (check.h does not know the size of a group comparison: by hand.) */
    csat_group_comparison gc[3], gc_before[3];
    memset(gc, 0xA5, sizeof gc);
    gc[0].size = sizeof gc[0];
    memcpy(gc_before, gc, sizeof gc);
    memset(&err, 0, sizeof err);
    err.index = err.column = 777;
    check_failure(csat_design_compare_nps(d, e, g, 3, NULL, NULL, NULL, gc, 3, &err),
                  CSAT_ERR_RANGE, 5, CSAT_NO_INDEX, &err, "csat_design_compare_nps", __FILE__,
                  __LINE__);
    check_unchanged(gc, gc_before, sizeof gc, "csat_design_compare_nps", __FILE__, __LINE__);
    csat_design_free(d);
    free(g);
    free(psu);
    free(e);
    free(q);
    /* A complaint code of 2^60 is an integer, but beyond the ±2^53 a double
     * holds exactly: the message says so. */
    double codes[] = { 1, 1152921504606846976.0 };
    size_t k;
    csat_category_count cat[2] = { CSAT_RESULT_INIT(csat_category_count) };
    memset(&err, 0, sizeof err);
    assert_int_equal(csat_business_complaints(codes, 2, NULL, cat, 2, &k, NULL, &err),
                     CSAT_ERR_RANGE);
    assert_int_equal(err.index, 1);
    assert_non_null(strstr(err.message, "2^53"));
    /* Item weights whose sum overflows are an argument error that says so,
     * not "no valid observation". */
    double items[] = { 1, 5, 2, 4 }, lo[] = { 1, 1 }, hi[] = { 5, 5 }, v[] = { 1e308, 1e308 };
    csat_mean_result mr = CSAT_RESULT_INIT(csat_mean_result);
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, mr, csat_score_index(items, 2, 2, 2, NULL, lo, hi, v, NULL, &mr, &err));
    assert_non_null(strstr(err.message, "scale them down"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bootstrap_reps_that_wrap_the_size_are_overflow),
        cmocka_unit_test(test_importance_work_beyond_the_limits_is_refused),
        cmocka_unit_test(test_constant_outcome_with_inexact_mean_is_singular),
        cmocka_unit_test(test_constant_driver_with_weights_is_singular_through_xprod),
        cmocka_unit_test(test_tally_blobs_with_inconsistent_sums_are_refused),
        cmocka_unit_test(test_moment_blobs_with_impossible_states_are_refused),
        cmocka_unit_test(test_xprod_blobs_with_impossible_counts_are_refused),
        cmocka_unit_test(test_weights_outside_the_range_are_refused_and_scale_free_within),
        cmocka_unit_test(test_comparisons_of_extreme_or_invalid_results),
        cmocka_unit_test(test_boxes_at_the_ends_of_int),
        cmocka_unit_test(test_errors_name_the_right_row_and_code),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
