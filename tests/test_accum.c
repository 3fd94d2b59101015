/* Accumulators: tally and moments. Proves that merging shards equals one
 * pass, that serialisation round-trips, that a copy is independent of its
 * original, that a failed add leaves the accumulator untouched, and that bad
 * input gives the documented status. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "csat.h"
#include "under_valgrind.h"

/* A fixed pseudo-random survey: answers 0..10 with some NaN, weights in
 * [0, 3) with some zeros. Deterministic (LCG) so failures reproduce. */
#define N 10007
static double answers[N], weights[N], values[N];

static uint64_t lcg(uint64_t *s)
{
    *s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
    return *s >> 33;
}

static int setup(void **state)
{
    (void)state;
    uint64_t s = 42;
    for (size_t i = 0; i < N; i++) {
        answers[i] = (double)(lcg(&s) % 11);
        if (lcg(&s) % 50 == 0)
            answers[i] = NAN;
        weights[i] = (lcg(&s) % 300) / 100.0;
        values[i] = 1000.0 + (double)(lcg(&s) % 100000) / 977.0;
        if (lcg(&s) % 40 == 0)
            values[i] = NAN;
    }
    return 0;
}

/* The fields of a moments accumulator, read from its serialized form
 * (doc/methods.md, "Serialisation format": magic, version, n, n_missing,
 * then sum_w, mean, m2, sum_w2, mean_w2, m2_w2, min, max, all little-endian):
 * the handle is opaque, the format is documented. */
typedef struct moments_fields {
    uint64_t n, n_missing;
    double sum_w, mean, m2, sum_w2, mean_w2, m2_w2, min, max;
} moments_fields;

static uint64_t get_u64(const unsigned char *p)
{
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--)
        v = v << 8 | p[i];
    return v;
}

static double get_f64(const unsigned char *p)
{
    uint64_t u = get_u64(p);
    double d;
    memcpy(&d, &u, sizeof d);
    return d;
}

static void moments_bytes(const csat_moments *m, unsigned char buf[CSAT_MOMENTS_SERIALIZED_SIZE])
{
    size_t len = 0;
    assert_int_equal(csat_moments_serialize(m, buf, CSAT_MOMENTS_SERIALIZED_SIZE, &len, NULL),
                     CSAT_OK);
    assert_int_equal(len, CSAT_MOMENTS_SERIALIZED_SIZE);
}

static moments_fields fields_of(const csat_moments *m)
{
    unsigned char b[CSAT_MOMENTS_SERIALIZED_SIZE];
    moments_bytes(m, b);
    assert_memory_equal(b, "CSTM", 4);
    moments_fields f;
    f.n = get_u64(b + 8);
    f.n_missing = get_u64(b + 16);
    f.sum_w = get_f64(b + 24);
    f.mean = get_f64(b + 32);
    f.m2 = get_f64(b + 40);
    f.sum_w2 = get_f64(b + 48);
    f.mean_w2 = get_f64(b + 56);
    f.m2_w2 = get_f64(b + 64);
    f.min = get_f64(b + 72);
    f.max = get_f64(b + 80);
    return f;
}

static csat_moments *moments_new(void)
{
    csat_moments *m = NULL;
    assert_int_equal(csat_moments_create(&m, NULL), CSAT_OK);
    assert_non_null(m);
    return m;
}

static void point_equal(const csat_tally *a, const csat_tally *b, int exact)
{
    int lo, hi;
    assert_int_equal(csat_tally_scale(a, &lo, &hi, NULL), CSAT_OK);
    for (int v = lo; v <= hi; v++) {
        csat_point p = CSAT_RESULT_INIT(csat_point);
        csat_point q = CSAT_RESULT_INIT(csat_point);
        assert_int_equal(csat_tally_point(a, v, &p, NULL), CSAT_OK);
        assert_int_equal(csat_tally_point(b, v, &q, NULL), CSAT_OK);
        assert_int_equal(p.count, q.count);
        if (exact)
            assert_true(p.weight == q.weight);
        else
            assert_true(fabs(p.weight - q.weight) <= 1e-12 * fabs(q.weight));
    }
}

static void tally_merge_of_shards_equals_one_pass(void **state)
{
    (void)state;
    for (int weighted = 0; weighted < 2; weighted++) {
        const double *w = weighted ? weights : NULL;
        csat_tally *all = NULL, *a = NULL, *b = NULL;
        assert_int_equal(csat_tally_create(0, 10, &all, NULL), CSAT_OK);
        assert_int_equal(csat_tally_create(0, 10, &a, NULL), CSAT_OK);
        assert_int_equal(csat_tally_create(0, 10, &b, NULL), CSAT_OK);
        assert_int_equal(csat_tally_add(all, answers, N, w, NULL), CSAT_OK);
        assert_int_equal(csat_tally_add(a, answers, 3001, w, NULL), CSAT_OK);
        assert_int_equal(csat_tally_add(b, answers + 3001, N - 3001, w ? w + 3001 : NULL, NULL),
                         CSAT_OK);
        assert_int_equal(csat_tally_merge(a, b, NULL), CSAT_OK);
        /* Unweighted counts are integers: exact. Weight sums differ at most
         * by the rounding of a different summation order. */
        point_equal(a, all, !weighted);
        csat_sample sa = CSAT_RESULT_INIT(csat_sample);
        csat_sample sb = CSAT_RESULT_INIT(csat_sample);
        assert_int_equal(csat_tally_sample(a, &sa, NULL), CSAT_OK);
        assert_int_equal(csat_tally_sample(all, &sb, NULL), CSAT_OK);
        assert_int_equal(sa.n, sb.n);
        assert_int_equal(sa.n_missing, sb.n_missing);
        if (!weighted) {
            csat_nps_result r1 = CSAT_RESULT_INIT(csat_nps_result);
            csat_nps_result r2 = CSAT_RESULT_INIT(csat_nps_result);
            assert_int_equal(csat_tally_nps(a, NULL, &r1, NULL), CSAT_OK);
            assert_int_equal(csat_tally_nps(all, NULL, &r2, NULL), CSAT_OK);
            assert_true(r1.score == r2.score && r1.se == r2.se && r1.ci_lower == r2.ci_lower
                        && r1.ci_upper == r2.ci_upper && r1.n == r2.n);
        }
        csat_tally_free(all);
        csat_tally_free(a);
        csat_tally_free(b);
    }
}

static void tally_counts_add_up_and_shares_sum_to_one(void **state)
{
    (void)state;
    csat_tally *t = NULL;
    assert_int_equal(csat_tally_create(0, 10, &t, NULL), CSAT_OK);
    assert_int_equal(csat_tally_add(t, answers, N, NULL, NULL), CSAT_OK);
    size_t total = 0, missing = 0;
    for (size_t i = 0; i < N; i++)
        missing += isnan(answers[i]);
    double share = 0;
    for (int v = 0; v <= 10; v++) {
        csat_point p = CSAT_RESULT_INIT(csat_point);
        assert_int_equal(csat_tally_point(t, v, &p, NULL), CSAT_OK);
        size_t c = 0;
        for (size_t i = 0; i < N; i++)
            c += answers[i] == v;
        assert_int_equal(p.count, c); /* a plain loop counts the same */
        total += p.count;
        share += p.share;
        assert_true(fabs(p.cum_share - share) < 1e-12);
    }
    csat_sample s = CSAT_RESULT_INIT(csat_sample);
    assert_int_equal(csat_tally_sample(t, &s, NULL), CSAT_OK);
    assert_int_equal(s.n, total);
    assert_int_equal(s.n_missing, missing);
    assert_int_equal(total + missing, N);
    assert_true(fabs(share - 1) < 1e-14);
    assert_true(s.n_effective == (double)s.n); /* unweighted: Kish n = n */
    csat_tally_free(t);
}

static void tally_unit_weights_equal_no_weights(void **state)
{
    (void)state;
    double *ones = malloc(N * sizeof *ones);
    assert_non_null(ones);
    for (size_t i = 0; i < N; i++)
        ones[i] = 1.0;
    csat_nps_result a = CSAT_RESULT_INIT(csat_nps_result);
    csat_nps_result b = CSAT_RESULT_INIT(csat_nps_result);
    assert_int_equal(csat_score_nps(answers, N, NULL, NULL, &a, NULL), CSAT_OK);
    assert_int_equal(csat_score_nps(answers, N, ones, NULL, &b, NULL), CSAT_OK);
    /* Sums of ones are exact integers: identical results. */
    assert_true(a.score == b.score && a.se == b.se && a.ci_lower == b.ci_lower);
    assert_true(a.n_effective == b.n_effective && a.n_weighted == b.n_weighted);
    csat_mean_result m1 = CSAT_RESULT_INIT(csat_mean_result);
    csat_mean_result m2 = CSAT_RESULT_INIT(csat_mean_result);
    assert_int_equal(csat_score_mean(values, N, NULL, NULL, &m1, NULL), CSAT_OK);
    assert_int_equal(csat_score_mean(values, N, ones, NULL, &m2, NULL), CSAT_OK);
    assert_true(fabs(m1.score - m2.score) <= 1e-15 * fabs(m1.score));
    assert_true(fabs(m1.sd - m2.sd) <= 1e-13 * m1.sd);
    assert_true(fabs(m1.se - m2.se) <= 1e-13 * m1.se);
    free(ones);
}

static void tally_serialize_round_trips_and_rejects_garbage(void **state)
{
    (void)state;
    csat_tally *t = NULL, *u = NULL;
    assert_int_equal(csat_tally_create(1, 7, &t, NULL), CSAT_OK);
    const double x[] = { 1, 7, 7, 4, NAN }, w[] = { 0.5, 2, 1, 0, 3 };
    assert_int_equal(csat_tally_add(t, x, 5, w, NULL), CSAT_OK);
    assert_int_equal(csat_tally_add(t, x, 5, NULL, NULL), CSAT_OK);
    size_t len = 0;
    assert_int_equal(csat_tally_serialize(t, NULL, 0, &len, NULL), CSAT_OK);
    /* 24 + 32 k bytes for k = 7 points (doc/methods.md, "Serialisation format"). */
    assert_int_equal(len, 24 + 32 * 7);
    unsigned char *buf = malloc(len);
    assert_non_null(buf);
    csat_error e;
    assert_int_equal(csat_tally_serialize(t, buf, len - 1, &len, &e), CSAT_ERR_ARGUMENT);
    assert_int_equal(csat_tally_serialize(t, buf, len, &len, NULL), CSAT_OK);
    assert_int_equal(csat_tally_deserialize(buf, len, &u, NULL), CSAT_OK);
    point_equal(t, u, 1);
    csat_sample s1 = CSAT_RESULT_INIT(csat_sample);
    csat_sample s2 = CSAT_RESULT_INIT(csat_sample);
    assert_int_equal(csat_tally_sample(t, &s1, NULL), CSAT_OK);
    assert_int_equal(csat_tally_sample(u, &s2, NULL), CSAT_OK);
    assert_memory_equal(&s1, &s2, sizeof s1);
    csat_tally_free(u);
    u = NULL;
    assert_int_equal(csat_tally_deserialize(buf, len - 1, &u, &e), CSAT_ERR_FORMAT);
    buf[0] = 'X';
    assert_int_equal(csat_tally_deserialize(buf, len, &u, &e), CSAT_ERR_FORMAT);
    assert_null(u);
    free(buf);
    csat_tally_free(t);
}

static void tally_failed_add_leaves_it_untouched(void **state)
{
    (void)state;
    csat_tally *t = NULL;
    assert_int_equal(csat_tally_create(0, 10, &t, NULL), CSAT_OK);
    assert_int_equal(csat_tally_add(t, answers, 100, NULL, NULL), CSAT_OK);
    csat_sample before = CSAT_RESULT_INIT(csat_sample);
    csat_sample after = CSAT_RESULT_INIT(csat_sample);
    assert_int_equal(csat_tally_sample(t, &before, NULL), CSAT_OK);
    double bad[12];
    for (int i = 0; i < 12; i++)
        bad[i] = i % 11;
    bad[9] = 10.5; /* not an integer */
    csat_error e;
    assert_int_equal(csat_tally_add(t, bad, 12, NULL, &e), CSAT_ERR_RANGE);
    assert_int_equal(e.code, CSAT_ERR_RANGE);
    assert_int_equal(e.index, 9);
    bad[9] = 3;
    bad[6] = 11; /* off the scale */
    assert_int_equal(csat_tally_add(t, bad, 12, NULL, &e), CSAT_ERR_RANGE);
    assert_int_equal(e.index, 6);
    assert_non_null(strstr(e.message, "outside the scale 0..10"));
    bad[6] = -INFINITY;
    assert_int_equal(csat_tally_add(t, bad, 12, NULL, &e), CSAT_ERR_RANGE);
    bad[6] = 6;
    double w[12] = { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 };
    w[4] = -1;
    assert_int_equal(csat_tally_add(t, bad, 12, w, &e), CSAT_ERR_WEIGHT);
    assert_int_equal(e.index, 4);
    w[4] = NAN;
    assert_int_equal(csat_tally_add(t, bad, 12, w, &e), CSAT_ERR_WEIGHT);
    w[4] = INFINITY;
    assert_int_equal(csat_tally_add(t, bad, 12, w, &e), CSAT_ERR_WEIGHT);
    assert_int_equal(csat_tally_sample(t, &after, NULL), CSAT_OK);
    assert_memory_equal(&before, &after, sizeof before);
    csat_tally_free(t);
}

static void tally_rejects_bad_arguments(void **state)
{
    (void)state;
    csat_tally *t = NULL, *u = NULL;
    csat_error e;
    assert_int_equal(csat_tally_create(0, 10, NULL, &e), CSAT_ERR_NULL);
    assert_int_equal(csat_tally_create(5, 4, &t, &e), CSAT_ERR_ARGUMENT);
    assert_int_equal(csat_tally_create(0, CSAT_TALLY_MAX_POINTS, &t, &e), CSAT_ERR_ARGUMENT);
    assert_null(t);
    assert_int_equal(csat_tally_create(0, 10, &t, NULL), CSAT_OK);
    assert_int_equal(csat_tally_create(1, 10, &u, NULL), CSAT_OK);
    assert_int_equal(csat_tally_add(NULL, answers, 1, NULL, &e), CSAT_ERR_NULL);
    assert_int_equal(csat_tally_add(t, NULL, 1, NULL, &e), CSAT_ERR_NULL);
    assert_int_equal(csat_tally_add(t, NULL, 0, NULL, &e), CSAT_OK); /* nothing to add */
    assert_int_equal(csat_tally_merge(t, u, &e), CSAT_ERR_ARGUMENT);
    assert_int_equal(csat_tally_merge(NULL, u, &e), CSAT_ERR_NULL);
    assert_int_equal(csat_tally_merge(t, NULL, &e), CSAT_ERR_NULL);
    csat_point p = CSAT_RESULT_INIT(csat_point);
    assert_int_equal(csat_tally_point(t, 11, &p, &e), CSAT_ERR_RANGE);
    assert_int_equal(csat_tally_point(t, 1, NULL, &e), CSAT_ERR_NULL);
    assert_int_equal(csat_tally_copy(NULL, &u, &e), CSAT_ERR_NULL);
    assert_int_equal(csat_tally_sample(NULL, NULL, &e), CSAT_ERR_NULL);
    int lo;
    assert_int_equal(csat_tally_scale(t, &lo, NULL, &e), CSAT_ERR_NULL);
    size_t len;
    assert_int_equal(csat_tally_serialize(NULL, NULL, 0, &len, &e), CSAT_ERR_NULL);
    assert_int_equal(csat_tally_deserialize(NULL, 0, &u, &e), CSAT_ERR_NULL);
    csat_nps_result r = CSAT_RESULT_INIT(csat_nps_result);
    assert_int_equal(csat_tally_nps(t, NULL, &r, &e), CSAT_ERR_EMPTY); /* nothing counted */
    csat_tally_free(t);
    csat_tally_free(u);
    csat_tally_free(NULL);
}

static void tally_copy_is_independent(void **state)
{
    (void)state;
    csat_tally *t = NULL, *c = NULL;
    assert_int_equal(csat_tally_create(0, 10, &t, NULL), CSAT_OK);
    assert_int_equal(csat_tally_add(t, answers, N, weights, NULL), CSAT_OK);
    assert_int_equal(csat_tally_copy(t, &c, NULL), CSAT_OK);
    point_equal(t, c, 1);
    assert_int_equal(csat_tally_merge(c, c, NULL), CSAT_OK); /* doubles the copy only */
    csat_point p = CSAT_RESULT_INIT(csat_point);
    csat_point q = CSAT_RESULT_INIT(csat_point);
    assert_int_equal(csat_tally_point(t, 10, &p, NULL), CSAT_OK);
    assert_int_equal(csat_tally_point(c, 10, &q, NULL), CSAT_OK);
    assert_int_equal(q.count, 2 * p.count);
    assert_true(q.weight == 2 * p.weight);
    csat_tally_free(t);
    csat_tally_free(c);
}

static void moments_merge_of_shards_equals_one_pass(void **state)
{
    (void)state;
    for (int weighted = 0; weighted < 2; weighted++) {
        const double *w = weighted ? weights : NULL;
        csat_moments *ma = moments_new(), *mb = moments_new(), *mall = moments_new();
        assert_int_equal(csat_moments_add(mall, values, N, w, NULL), CSAT_OK);
        assert_int_equal(csat_moments_add(ma, values, 777, w, NULL), CSAT_OK);
        assert_int_equal(csat_moments_add(mb, values + 777, N - 777, w ? w + 777 : NULL, NULL),
                         CSAT_OK);
        assert_int_equal(csat_moments_merge(ma, mb, NULL), CSAT_OK);
        moments_fields a = fields_of(ma), all = fields_of(mall);
        assert_int_equal(a.n, all.n);
        assert_int_equal(a.n_missing, all.n_missing);
        assert_true(a.min == all.min && a.max == all.max);
        assert_true(fabs(a.mean - all.mean) <= 1e-14 * fabs(all.mean));
        assert_true(fabs(a.m2 - all.m2) <= 1e-12 * all.m2);
        assert_true(fabs(a.m2_w2 - all.m2_w2) <= 1e-12 * all.m2_w2);
        /* A plain two-pass loop in long double agrees. */
        long double sw = 0, swx = 0;
        for (size_t i = 0; i < N; i++)
            if (!isnan(values[i])) {
                long double wi = w ? w[i] : 1;
                sw += wi;
                swx += wi * values[i];
            }
        long double mean = swx / sw, m2 = 0;
        for (size_t i = 0; i < N; i++)
            if (!isnan(values[i]))
                m2 += (w ? w[i] : 1) * (values[i] - mean) * (values[i] - mean);
        assert_true(fabsl(all.mean - mean) <= 1e-14L * fabsl(mean));
        assert_true(fabsl(all.m2 - m2) <= 1e-12L * m2);
        csat_moments_free(ma);
        csat_moments_free(mb);
        csat_moments_free(mall);
    }
}

/* Many blocks of data with a large offset and a small spread (NumAcc4-like),
 * sorted or not: the one-pass blocks and the sorted-data fallback keep the
 * SD to 12 digits of a long-double two-pass loop. */
static void moments_keep_digits_on_offset_and_sorted_data(void **state)
{
    (void)state;
    /* The long double reference is only double precision under valgrind,
     * which does not emulate 80-bit arithmetic: skipped there, see
     * under_valgrind.h. */
    if (under_valgrind())
        skip();
    size_t n = 200003;
    double *x = malloc(n * sizeof *x);
    assert_non_null(x);
    for (int sorted = 0; sorted < 2; sorted++) {
        uint64_t s = 9;
        for (size_t i = 0; i < n; i++)
            x[i] = sorted ? 10000000.0 + (double)i * 1e-4 : 10000000.2 + (double)(lcg(&s) % 3) * 0.1 - 0.1;
        csat_mean_result r = CSAT_RESULT_INIT(csat_mean_result);
        assert_int_equal(csat_score_mean(x, n, NULL, NULL, &r, NULL), CSAT_OK);
        long double sum = 0, m2 = 0;
        for (size_t i = 0; i < n; i++)
            sum += x[i];
        long double mean = sum / n;
        for (size_t i = 0; i < n; i++)
            m2 += (x[i] - mean) * (x[i] - mean);
        long double sd = sqrtl(m2 / (n - 1));
        print_message("%s: sd %.17g, long double two-pass %.17Lg\n", sorted ? "sorted" : "offset",
                      r.sd, sd);
        assert_true(fabsl(r.sd - sd) <= 1e-12L * sd);
        assert_true(fabsl(r.score - mean) <= 1e-15L * mean);
    }
    free(x);
}

static void moments_permuting_rows_changes_nothing(void **state)
{
    (void)state;
    double *x = malloc(N * sizeof *x), *w = malloc(N * sizeof *w);
    assert_non_null(x);
    assert_non_null(w);
    for (size_t i = 0; i < N; i++) { /* reverse order */
        x[i] = values[N - 1 - i];
        w[i] = weights[N - 1 - i];
    }
    csat_mean_result a = CSAT_RESULT_INIT(csat_mean_result);
    csat_mean_result b = CSAT_RESULT_INIT(csat_mean_result);
    assert_int_equal(csat_score_mean(values, N, weights, NULL, &a, NULL), CSAT_OK);
    assert_int_equal(csat_score_mean(x, N, w, NULL, &b, NULL), CSAT_OK);
    assert_true(fabs(a.score - b.score) <= 1e-14 * fabs(a.score));
    assert_true(fabs(a.se - b.se) <= 1e-12 * a.se);
    free(x);
    free(w);
}

static void moments_serialize_round_trips(void **state)
{
    (void)state;
    csat_moments *m = moments_new(), *r = NULL;
    assert_int_equal(csat_moments_add(m, values, N, weights, NULL), CSAT_OK);
    unsigned char buf[CSAT_MOMENTS_SERIALIZED_SIZE], again[CSAT_MOMENTS_SERIALIZED_SIZE];
    size_t len = 0;
    csat_error e;
    assert_int_equal(csat_moments_serialize(m, buf, 10, &len, &e), CSAT_ERR_ARGUMENT);
    assert_int_equal(csat_moments_serialize(m, buf, sizeof buf, &len, NULL), CSAT_OK);
    assert_int_equal(len, CSAT_MOMENTS_SERIALIZED_SIZE);
    assert_int_equal(csat_moments_deserialize(buf, len, &r, NULL), CSAT_OK);
    assert_non_null(r);
    /* The accumulator read back is the one written: same bytes. */
    moments_bytes(r, again);
    assert_memory_equal(buf, again, sizeof buf);
    csat_moments_free(r);
    r = NULL;
    assert_int_equal(csat_moments_deserialize(buf, len - 1, &r, &e), CSAT_ERR_FORMAT);
    assert_null(r);
    buf[3] = 'X';
    assert_int_equal(csat_moments_deserialize(buf, len, &r, &e), CSAT_ERR_FORMAT);
    assert_null(r);
    csat_moments_free(m);
}

static void moments_reject_bad_input_and_stay_untouched(void **state)
{
    (void)state;
    csat_moments *m = NULL, *r = NULL;
    unsigned char before[CSAT_MOMENTS_SERIALIZED_SIZE], after[CSAT_MOMENTS_SERIALIZED_SIZE];
    csat_error e;
    assert_int_equal(csat_moments_create(NULL, &e), CSAT_ERR_NULL);
    assert_int_equal(csat_moments_create(&m, NULL), CSAT_OK);
    assert_int_equal(csat_moments_add(m, values, 50, NULL, NULL), CSAT_OK);
    moments_bytes(m, before);
    double x[] = { 1, 2, INFINITY, 4 }, w[] = { 1, 1, 1, -2 };
    assert_int_equal(csat_moments_add(m, x, 4, NULL, &e), CSAT_ERR_RANGE);
    assert_int_equal(e.index, 2);
    x[2] = 3;
    assert_int_equal(csat_moments_add(m, x, 4, w, &e), CSAT_ERR_WEIGHT);
    assert_int_equal(e.index, 3);
    moments_bytes(m, after);
    assert_memory_equal(after, before, sizeof before);
    assert_int_equal(csat_moments_add(NULL, x, 4, NULL, &e), CSAT_ERR_NULL);
    assert_int_equal(csat_moments_add(m, NULL, 4, NULL, &e), CSAT_ERR_NULL);
    assert_int_equal(csat_moments_merge(m, NULL, &e), CSAT_ERR_NULL);
    size_t len;
    assert_int_equal(csat_moments_serialize(m, NULL, 0, NULL, &e), CSAT_ERR_NULL);
    assert_int_equal(csat_moments_deserialize(NULL, 0, &r, &e), CSAT_ERR_NULL);
    assert_null(r);
    assert_int_equal(csat_moments_serialize(NULL, NULL, 0, &len, &e), CSAT_ERR_NULL);
    csat_moments *empty = moments_new();
    csat_mean_result res = CSAT_RESULT_INIT(csat_mean_result);
    assert_int_equal(csat_moments_mean(empty, NULL, &res, &e), CSAT_ERR_EMPTY);
    csat_mean_options bad = { sizeof(csat_mean_options), 1.5 };
    assert_int_equal(csat_moments_mean(m, &bad, &res, &e), CSAT_ERR_ARGUMENT);
    csat_moments_free(empty);
    csat_moments_free(m);
}

/* Moments of x = {2, 4, NaN, 6, 8} with w = {1, 2, 5, 3, 2}, by hand:
 *   the NaN is missing whatever its weight: n = 4, n_missing = 1;
 *   n_weighted = Σw = 1 + 2 + 3 + 2 = 8, Σw² = 1 + 4 + 9 + 4 = 18,
 *   n_effective = (Σw)² / Σw² = 64 / 18 = 32 / 9;
 *   mean = (2·1 + 4·2 + 6·3 + 8·2) / 8 = 44 / 8 = 5.5.
 * Adding one more value 10 without a weight (weight 1) to a copy gives
 *   n = 5, n_missing = 1, Σw = 9, Σw² = 19, n_effective = 81 / 19,
 *   mean = (44 + 10) / 9 = 6.
 * Without weights the first data give n = 4, n_missing = 1, n_weighted =
 * n_effective = 4 and mean (2 + 4 + 6 + 8) / 4 = 5. */
static const double hand_x[] = { 2, 4, NAN, 6, 8 };
static const double hand_w[] = { 1, 2, 5, 3, 2 };

static void sample_is(const csat_moments *m, size_t n, size_t n_missing, double n_weighted,
                      double n_effective)
{
    csat_sample s = CSAT_RESULT_INIT(csat_sample);
    assert_int_equal(csat_moments_sample(m, &s, NULL), CSAT_OK);
    assert_int_equal(s.size, sizeof s);
    assert_int_equal(s.n, n);
    assert_int_equal(s.n_missing, n_missing);
    assert_true(fabs(s.n_weighted - n_weighted) <= 1e-15 * n_weighted);
    assert_true(fabs(s.n_effective - n_effective) <= 1e-15 * n_effective);
}

static double mean_of(const csat_moments *m)
{
    csat_mean_result r = CSAT_RESULT_INIT(csat_mean_result);
    assert_int_equal(csat_moments_mean(m, NULL, &r, NULL), CSAT_OK);
    return r.score;
}

static void moments_sample_counts_match_hand_computed_values(void **state)
{
    (void)state;
    csat_moments *m = moments_new(), *u = moments_new();
    assert_int_equal(csat_moments_add(m, hand_x, 5, hand_w, NULL), CSAT_OK);
    sample_is(m, 4, 1, 8.0, 32.0 / 9.0);
    assert_true(mean_of(m) == 5.5);
    assert_int_equal(csat_moments_add(u, hand_x, 5, NULL, NULL), CSAT_OK);
    sample_is(u, 4, 1, 4.0, 4.0);
    assert_true(mean_of(u) == 5.0);
    /* An empty accumulator has an empty sample. */
    csat_moments *empty = moments_new();
    csat_sample s = CSAT_RESULT_INIT(csat_sample);
    assert_int_equal(csat_moments_sample(empty, &s, NULL), CSAT_OK);
    assert_int_equal(s.n, 0);
    assert_int_equal(s.n_missing, 0);
    assert_true(s.n_weighted == 0.0);
    csat_moments_free(empty);
    csat_moments_free(m);
    csat_moments_free(u);
}

static void moments_copy_is_independent(void **state)
{
    (void)state;
    csat_moments *m = moments_new(), *c = NULL;
    assert_int_equal(csat_moments_add(m, hand_x, 5, hand_w, NULL), CSAT_OK);
    assert_int_equal(csat_moments_copy(m, &c, NULL), CSAT_OK);
    assert_non_null(c);
    assert_ptr_not_equal(c, m);
    /* A copy holds the same state, byte for byte. */
    unsigned char bm[CSAT_MOMENTS_SERIALIZED_SIZE], bc[CSAT_MOMENTS_SERIALIZED_SIZE];
    moments_bytes(m, bm);
    moments_bytes(c, bc);
    assert_memory_equal(bm, bc, sizeof bm);

    csat_sample before = CSAT_RESULT_INIT(csat_sample);
    csat_sample after = CSAT_RESULT_INIT(csat_sample);
    assert_int_equal(csat_moments_sample(m, &before, NULL), CSAT_OK);
    double mean_before = mean_of(m);

    const double ten = 10;
    assert_int_equal(csat_moments_add(c, &ten, 1, NULL, NULL), CSAT_OK);
    sample_is(c, 5, 1, 9.0, 81.0 / 19.0);
    assert_true(mean_of(c) == 6.0);
    /* The original has not moved. */
    assert_int_equal(csat_moments_sample(m, &after, NULL), CSAT_OK);
    assert_memory_equal(&before, &after, sizeof before);
    assert_true(mean_of(m) == mean_before);
    sample_is(m, 4, 1, 8.0, 32.0 / 9.0);
    moments_bytes(m, bc);
    assert_memory_equal(bm, bc, sizeof bm);

    /* Nor does merging into the copy touch it, and freeing the original
     * leaves the copy usable. */
    assert_int_equal(csat_moments_merge(c, m, NULL), CSAT_OK);
    sample_is(c, 9, 2, 17.0, 17.0 * 17.0 / 37.0);
    moments_bytes(m, bc);
    assert_memory_equal(bm, bc, sizeof bm);
    csat_moments_free(m);
    sample_is(c, 9, 2, 17.0, 17.0 * 17.0 / 37.0);
    csat_moments_free(c);
    csat_moments_free(NULL); /* ignored */
}

static void moments_round_trip_through_the_handle(void **state)
{
    (void)state;
    csat_moments *m = moments_new(), *r = NULL;
    assert_int_equal(csat_moments_add(m, values, N, weights, NULL), CSAT_OK);
    /* A NULL buffer asks for the size only. */
    size_t need = 0, len = 0;
    assert_int_equal(csat_moments_serialize(m, NULL, 0, &need, NULL), CSAT_OK);
    assert_int_equal(need, CSAT_MOMENTS_SERIALIZED_SIZE);
    unsigned char buf[CSAT_MOMENTS_SERIALIZED_SIZE];
    assert_int_equal(csat_moments_serialize(m, buf, sizeof buf, &len, NULL), CSAT_OK);
    assert_int_equal(len, need);
    assert_int_equal(csat_moments_deserialize(buf, len, &r, NULL), CSAT_OK);
    assert_non_null(r);
    /* The handle read back estimates exactly what the original does. */
    csat_mean_result a = CSAT_RESULT_INIT(csat_mean_result);
    csat_mean_result b = CSAT_RESULT_INIT(csat_mean_result);
    assert_int_equal(csat_moments_mean(m, NULL, &a, NULL), CSAT_OK);
    assert_int_equal(csat_moments_mean(r, NULL, &b, NULL), CSAT_OK);
    assert_memory_equal(&a, &b, sizeof a);
    csat_sample sa = CSAT_RESULT_INIT(csat_sample);
    csat_sample sb = CSAT_RESULT_INIT(csat_sample);
    assert_int_equal(csat_moments_sample(m, &sa, NULL), CSAT_OK);
    assert_int_equal(csat_moments_sample(r, &sb, NULL), CSAT_OK);
    assert_memory_equal(&sa, &sb, sizeof sa);
    /* And it keeps accumulating like the original: the same data added to
     * both give the same bytes. */
    assert_int_equal(csat_moments_add(m, hand_x, 5, hand_w, NULL), CSAT_OK);
    assert_int_equal(csat_moments_add(r, hand_x, 5, hand_w, NULL), CSAT_OK);
    unsigned char bm[CSAT_MOMENTS_SERIALIZED_SIZE], br[CSAT_MOMENTS_SERIALIZED_SIZE];
    moments_bytes(m, bm);
    moments_bytes(r, br);
    assert_memory_equal(bm, br, sizeof bm);
    csat_moments_free(m);
    csat_moments_free(r);
}

static void moments_handles_reject_null_arguments(void **state)
{
    (void)state;
    csat_moments *m = moments_new(), *c = NULL;
    assert_int_equal(csat_moments_add(m, hand_x, 5, hand_w, NULL), CSAT_OK);
    csat_error e;
    memset(&e, 0, sizeof e);
    assert_int_equal(csat_moments_create(NULL, &e), CSAT_ERR_NULL);
    assert_int_equal(e.code, CSAT_ERR_NULL);
    assert_int_equal(csat_moments_copy(NULL, &c, &e), CSAT_ERR_NULL);
    assert_null(c);
    assert_int_equal(csat_moments_copy(m, NULL, &e), CSAT_ERR_NULL);
    csat_sample s = CSAT_RESULT_INIT(csat_sample);
    assert_int_equal(csat_moments_sample(NULL, &s, &e), CSAT_ERR_NULL);
    assert_int_equal(csat_moments_sample(m, NULL, &e), CSAT_ERR_NULL);
    /* A sample struct without its size set is refused and left as it was. */
    csat_sample unsized, kept;
    memset(&unsized, 0xA5, sizeof unsized);
    unsized.size = 0;
    memcpy(&kept, &unsized, sizeof kept);
    assert_int_equal(csat_moments_sample(m, &unsized, &e), CSAT_ERR_ARGUMENT);
    assert_memory_equal(&unsized, &kept, sizeof kept);
    unsigned char buf[CSAT_MOMENTS_SERIALIZED_SIZE];
    size_t len = 0;
    assert_int_equal(csat_moments_serialize(NULL, buf, sizeof buf, &len, &e), CSAT_ERR_NULL);
    assert_int_equal(csat_moments_serialize(m, buf, sizeof buf, NULL, &e), CSAT_ERR_NULL);
    assert_int_equal(csat_moments_serialize(m, buf, sizeof buf, &len, NULL), CSAT_OK);
    assert_int_equal(csat_moments_deserialize(buf, len, NULL, &e), CSAT_ERR_NULL);
    assert_int_equal(csat_moments_deserialize(NULL, len, &c, &e), CSAT_ERR_NULL);
    assert_null(c);
    assert_int_equal(csat_moments_merge(NULL, m, &e), CSAT_ERR_NULL);
    csat_mean_result r = CSAT_RESULT_INIT(csat_mean_result);
    assert_int_equal(csat_moments_mean(NULL, NULL, &r, &e), CSAT_ERR_NULL);
    csat_moments_free(m);
}

/* The size a NULL buffer asks for is the size a serialize then writes, for
 * any scale and for an empty tally. */
static void tally_serialize_size_query_matches_what_is_written(void **state)
{
    (void)state;
    const int scales[][2] = { { 0, 10 }, { 1, 5 }, { -3, 3 }, { 7, 7 } };
    for (size_t i = 0; i < sizeof scales / sizeof scales[0]; i++) {
        for (int filled = 0; filled < 2; filled++) {
            csat_tally *t = NULL;
            assert_int_equal(csat_tally_create(scales[i][0], scales[i][1], &t, NULL), CSAT_OK);
            if (filled) {
                double x[3] = { scales[i][0], scales[i][1], NAN };
                assert_int_equal(csat_tally_add(t, x, 3, NULL, NULL), CSAT_OK);
            }
            size_t need = 0, len = 0;
            assert_int_equal(csat_tally_serialize(t, NULL, 0, &need, NULL), CSAT_OK);
            size_t k = (size_t)(scales[i][1] - scales[i][0] + 1);
            assert_int_equal(need, 24 + 32 * k);
            unsigned char *buf = malloc(need + 16);
            assert_non_null(buf);
            memset(buf, 0xA5, need + 16);
            assert_int_equal(csat_tally_serialize(t, buf, need + 16, &len, NULL), CSAT_OK);
            assert_int_equal(len, need);
            /* Nothing written past it. */
            for (size_t j = need; j < need + 16; j++)
                assert_int_equal(buf[j], 0xA5);
            csat_tally *u = NULL;
            assert_int_equal(csat_tally_deserialize(buf, len, &u, NULL), CSAT_OK);
            point_equal(t, u, 1);
            csat_tally_free(u);
            free(buf);
            csat_tally_free(t);
        }
    }
}

/* Status texts exist for every code; the version macros match the library. */
static void status_texts_and_version(void **state)
{
    (void)state;
    for (int s = CSAT_OK; s <= CSAT_ERR_CANCELLED; s++) {
        assert_non_null(csat_strerror((csat_status)s));
        assert_string_not_equal(csat_strerror((csat_status)s), "unknown status");
    }
    assert_string_equal(csat_strerror((csat_status)999), "unknown status");
    assert_string_equal(csat_version(), CSAT_VERSION_STRING);
    assert_int_equal(csat_version_number(), CSAT_VERSION_NUMBER);
}

/* Merging a shard that outweighs the other by far keeps the lighter one's
 * contribution: 8 at 1e17 (weights 4 and 4 at 0.5e17 and 1.5e17) with
 * 1e24 at 1 has the mean (8·1e17 + 1e24)/(1e24 + 8) = 1 + 8e-7 −
 * 8e-24, i.e. 1.0000008 to double precision; from either side. */
static void moments_merge_of_a_dominant_shard_keeps_the_light_one(void **state)
{
    (void)state;
    const double xa[2] = { 0.5e17, 1.5e17 }, wa[2] = { 4, 4 };
    const double xb[1] = { 1 }, wb[1] = { 1e24 };
    for (int order = 0; order < 2; order++) {
        csat_moments *a = NULL, *b = NULL;
        assert_int_equal(csat_moments_create(&a, NULL), CSAT_OK);
        assert_int_equal(csat_moments_create(&b, NULL), CSAT_OK);
        assert_int_equal(csat_moments_add(a, order ? xb : xa, order ? 1 : 2, order ? wb : wa, NULL),
                         CSAT_OK);
        assert_int_equal(csat_moments_add(b, order ? xa : xb, order ? 2 : 1, order ? wa : wb, NULL),
                         CSAT_OK);
        assert_int_equal(csat_moments_merge(a, b, NULL), CSAT_OK);
        csat_mean_result r = CSAT_RESULT_INIT(csat_mean_result);
        assert_int_equal(csat_moments_mean(a, NULL, &r, NULL), CSAT_OK);
        assert_true(fabs(r.score - (8e17 + 1e24) / (1e24 + 8)) <= 4e-16);
        csat_moments_free(a);
        csat_moments_free(b);
    }
}

/* A value of weight 0 (or of a tiny weight) far from the others does not
 * set the centre the values are summed around: with 9007199254740992 at
 * weight 0 first, then 0 and 5 at weights 0.875 and 1, the mean is
 * 5/1.875 = 2.6666..., which a centre at 2^53 rounded to 3. */
static void moments_centre_ignores_values_that_weigh_nothing(void **state)
{
    (void)state;
    const double x[4] = { 9007199254740992.0, 7, 0, 5 }, w[4] = { 0, 0, 0.875, 1 };
    csat_mean_result r = CSAT_RESULT_INIT(csat_mean_result);
    assert_int_equal(csat_score_mean(x, 4, w, NULL, &r, NULL), CSAT_OK);
    assert_true(fabs(r.score - 5 / 1.875) <= 1e-15);
    const double y[3] = { 9007199254740992.0, 0, 5 }, v[3] = { 1e-50, 1, 1 };
    assert_int_equal(csat_score_mean(y, 3, v, NULL, &r, NULL), CSAT_OK);
    assert_true(fabs(r.score - 2.5) <= 1e-15);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(tally_merge_of_shards_equals_one_pass),
        cmocka_unit_test(tally_counts_add_up_and_shares_sum_to_one),
        cmocka_unit_test(tally_unit_weights_equal_no_weights),
        cmocka_unit_test(tally_serialize_round_trips_and_rejects_garbage),
        cmocka_unit_test(tally_failed_add_leaves_it_untouched),
        cmocka_unit_test(tally_rejects_bad_arguments),
        cmocka_unit_test(tally_copy_is_independent),
        cmocka_unit_test(moments_merge_of_shards_equals_one_pass),
        cmocka_unit_test(moments_keep_digits_on_offset_and_sorted_data),
        cmocka_unit_test(moments_permuting_rows_changes_nothing),
        cmocka_unit_test(moments_serialize_round_trips),
        cmocka_unit_test(moments_reject_bad_input_and_stay_untouched),
        cmocka_unit_test(moments_sample_counts_match_hand_computed_values),
        cmocka_unit_test(moments_copy_is_independent),
        cmocka_unit_test(moments_round_trip_through_the_handle),
        cmocka_unit_test(moments_handles_reject_null_arguments),
        cmocka_unit_test(tally_serialize_size_query_matches_what_is_written),
        cmocka_unit_test(status_texts_and_version),
        cmocka_unit_test(moments_merge_of_a_dominant_shard_keeps_the_light_one),
        cmocka_unit_test(moments_centre_ignores_values_that_weigh_nothing),
    };
    return cmocka_run_group_tests_name("accum", tests, setup, NULL);
}
