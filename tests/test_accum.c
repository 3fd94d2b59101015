/* Accumulators: tally and moments. Proves that merging shards equals one
 * pass, that serialisation round-trips, that a failed add leaves the
 * accumulator untouched, and that bad input gives the documented status. */
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

static void point_equal(const csat_tally *a, const csat_tally *b, int exact)
{
    int lo, hi;
    assert_int_equal(csat_tally_scale(a, &lo, &hi, NULL), CSAT_OK);
    for (int v = lo; v <= hi; v++) {
        csat_point p, q;
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
        csat_sample sa, sb;
        assert_int_equal(csat_tally_sample(a, &sa, NULL), CSAT_OK);
        assert_int_equal(csat_tally_sample(all, &sb, NULL), CSAT_OK);
        assert_int_equal(sa.n, sb.n);
        assert_int_equal(sa.n_missing, sb.n_missing);
        if (!weighted) {
            csat_nps_result r1, r2;
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
        csat_point p;
        assert_int_equal(csat_tally_point(t, v, &p, NULL), CSAT_OK);
        size_t c = 0;
        for (size_t i = 0; i < N; i++)
            c += answers[i] == v;
        assert_int_equal(p.count, c); /* a plain loop counts the same */
        total += p.count;
        share += p.share;
        assert_true(fabs(p.cum_share - share) < 1e-12);
    }
    csat_sample s;
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
    csat_nps_result a, b;
    assert_int_equal(csat_score_nps(answers, N, NULL, NULL, &a, NULL), CSAT_OK);
    assert_int_equal(csat_score_nps(answers, N, ones, NULL, &b, NULL), CSAT_OK);
    /* Sums of ones are exact integers: identical results. */
    assert_true(a.score == b.score && a.se == b.se && a.ci_lower == b.ci_lower);
    assert_true(a.n_effective == b.n_effective && a.n_weighted == b.n_weighted);
    csat_mean_result m1, m2;
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
    assert_int_equal(len, csat_tally_serialized_size(t));
    unsigned char *buf = malloc(len);
    assert_non_null(buf);
    csat_error e;
    assert_int_equal(csat_tally_serialize(t, buf, len - 1, &len, &e), CSAT_ERR_ARGUMENT);
    assert_int_equal(csat_tally_serialize(t, buf, len, &len, NULL), CSAT_OK);
    assert_int_equal(csat_tally_deserialize(buf, len, &u, NULL), CSAT_OK);
    point_equal(t, u, 1);
    csat_sample s1, s2;
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
    csat_sample before, after;
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
    csat_point p;
    assert_int_equal(csat_tally_point(t, 11, &p, &e), CSAT_ERR_RANGE);
    assert_int_equal(csat_tally_point(t, 1, NULL, &e), CSAT_ERR_NULL);
    assert_int_equal(csat_tally_copy(NULL, &u, &e), CSAT_ERR_NULL);
    assert_int_equal(csat_tally_sample(NULL, NULL, &e), CSAT_ERR_NULL);
    int lo;
    assert_int_equal(csat_tally_scale(t, &lo, NULL, &e), CSAT_ERR_NULL);
    size_t len;
    assert_int_equal(csat_tally_serialize(NULL, NULL, 0, &len, &e), CSAT_ERR_NULL);
    assert_int_equal(csat_tally_deserialize(NULL, 0, &u, &e), CSAT_ERR_NULL);
    csat_nps_result r;
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
    csat_point p, q;
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
        csat_moments all = CSAT_MOMENTS_INIT, a = CSAT_MOMENTS_INIT, b = CSAT_MOMENTS_INIT;
        assert_int_equal(csat_moments_add(&all, values, N, w, NULL), CSAT_OK);
        assert_int_equal(csat_moments_add(&a, values, 777, w, NULL), CSAT_OK);
        assert_int_equal(csat_moments_add(&b, values + 777, N - 777, w ? w + 777 : NULL, NULL),
                         CSAT_OK);
        assert_int_equal(csat_moments_merge(&a, &b, NULL), CSAT_OK);
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
        csat_mean_result r;
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
    csat_mean_result a, b;
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
    csat_moments m = CSAT_MOMENTS_INIT, r;
    assert_int_equal(csat_moments_add(&m, values, N, weights, NULL), CSAT_OK);
    unsigned char buf[CSAT_MOMENTS_SERIALIZED_SIZE];
    size_t len = 0;
    csat_error e;
    assert_int_equal(csat_moments_serialize(&m, buf, 10, &len, &e), CSAT_ERR_ARGUMENT);
    assert_int_equal(csat_moments_serialize(&m, buf, sizeof buf, &len, NULL), CSAT_OK);
    assert_int_equal(len, CSAT_MOMENTS_SERIALIZED_SIZE);
    assert_int_equal(csat_moments_deserialize(buf, len, &r, NULL), CSAT_OK);
    assert_memory_equal(&m, &r, sizeof m);
    assert_int_equal(csat_moments_deserialize(buf, len - 1, &r, &e), CSAT_ERR_FORMAT);
    buf[3] = 'X';
    assert_int_equal(csat_moments_deserialize(buf, len, &r, &e), CSAT_ERR_FORMAT);
}

static void moments_reject_bad_input_and_stay_untouched(void **state)
{
    (void)state;
    csat_moments m, before;
    csat_error e;
    assert_int_equal(csat_moments_init(NULL, &e), CSAT_ERR_NULL);
    assert_int_equal(csat_moments_init(&m, NULL), CSAT_OK);
    assert_int_equal(csat_moments_add(&m, values, 50, NULL, NULL), CSAT_OK);
    before = m;
    double x[] = { 1, 2, INFINITY, 4 }, w[] = { 1, 1, 1, -2 };
    assert_int_equal(csat_moments_add(&m, x, 4, NULL, &e), CSAT_ERR_RANGE);
    assert_int_equal(e.index, 2);
    x[2] = 3;
    assert_int_equal(csat_moments_add(&m, x, 4, w, &e), CSAT_ERR_WEIGHT);
    assert_int_equal(e.index, 3);
    assert_memory_equal(&m, &before, sizeof m);
    assert_int_equal(csat_moments_add(NULL, x, 4, NULL, &e), CSAT_ERR_NULL);
    assert_int_equal(csat_moments_add(&m, NULL, 4, NULL, &e), CSAT_ERR_NULL);
    assert_int_equal(csat_moments_merge(&m, NULL, &e), CSAT_ERR_NULL);
    size_t len;
    assert_int_equal(csat_moments_serialize(&m, NULL, 0, NULL, &e), CSAT_ERR_NULL);
    assert_int_equal(csat_moments_deserialize(NULL, 0, &m, &e), CSAT_ERR_NULL);
    assert_int_equal(csat_moments_serialize(NULL, NULL, 0, &len, &e), CSAT_ERR_NULL);
    csat_moments empty = CSAT_MOMENTS_INIT;
    csat_mean_result r;
    assert_int_equal(csat_moments_mean(&empty, NULL, &r, &e), CSAT_ERR_EMPTY);
    csat_mean_options bad = { 1.5 };
    assert_int_equal(csat_moments_mean(&m, &bad, &r, &e), CSAT_ERR_ARGUMENT);
}

/* Status texts exist for every code; the version macros match the library. */
static void status_texts_and_version(void **state)
{
    (void)state;
    for (int s = CSAT_OK; s <= CSAT_ERR_OVERFLOW; s++) {
        assert_non_null(csat_strerror((csat_status)s));
        assert_string_not_equal(csat_strerror((csat_status)s), "unknown status");
    }
    assert_string_equal(csat_strerror((csat_status)999), "unknown status");
    assert_string_equal(csat_version(), CSAT_VERSION_STRING);
    assert_int_equal(csat_version_number(), CSAT_VERSION_NUMBER);
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
        cmocka_unit_test(status_texts_and_version),
    };
    return cmocka_run_group_tests_name("accum", tests, setup, NULL);
}
