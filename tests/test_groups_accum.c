/* The grouped accumulator (csat/groups.h, "The grouped accumulator", and
 * the internal reading API accum/grouped.h).
 *
 * Its references are the ungrouped accumulators: a group's tally must be,
 * bit for bit, the csat_tally of the rows of that group, and its moments
 * those of a csat_moments fed the same rows. Then: merging shards equals
 * one pass, serialisation writes back the same bytes, crafted blobs are
 * refused, every bad input names its row and leaves the accumulator as it
 * was, and the complement of a group is the sum of the other groups. The
 * one hand-computed example is in whole_sample_counts_by_hand. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "accum/grouped.h"
#include "accum/moments.h"
#include "accum/tally.h"
#include "accum/tally_kernel.h"
#include "check.h"
#include "core/simd.h"

/* A fixed pseudo-random survey: answers 0..10 with some NaN, codes 0..G−1
 * with some CSAT_GROUP_NONE, weights in [0, 3) with some zeros, continuous
 * values. Deterministic (LCG) so failures reproduce. N spans several of
 * the kernel's blocks of 32 rows. */
#define N 10007
#define G 7
static double answers[N], weights[N], values[N];
static int32_t codes[N];

static uint64_t lcg(uint64_t *s)
{
    *s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
    return *s >> 33;
}

static int setup(void **state)
{
    (void)state;
    uint64_t s = 2024;
    for (size_t i = 0; i < N; i++) {
        answers[i] = (double)(lcg(&s) % 11);
        if (lcg(&s) % 40 == 0)
            answers[i] = NAN;
        codes[i] = (int32_t)(lcg(&s) % G);
        if (lcg(&s) % 25 == 0)
            codes[i] = CSAT_GROUP_NONE;
        weights[i] = (double)(lcg(&s) % 300) / 100.0;
        values[i] = 1000.0 + (double)(lcg(&s) % 100000) / 977.0;
        if (lcg(&s) % 30 == 0)
            values[i] = NAN;
    }
    return 0;
}

/* ------------------------------------------------------------------------ */
/* Helpers */

static csat_grouped *tally_new(size_t groups, int min, int max)
{
    csat_grouped *a = NULL;
    assert_int_equal(csat_grouped_create(groups, min, max, &a, NULL), CSAT_OK);
    assert_non_null(a);
    return a;
}

static csat_grouped *moments_new(size_t groups)
{
    csat_grouped *a = NULL;
    assert_int_equal(csat_grouped_create_moments(groups, &a, NULL), CSAT_OK);
    assert_non_null(a);
    return a;
}

/* The serialised bytes (malloc'd) of an accumulator: its whole state. */
static unsigned char *grouped_bytes(const csat_grouped *a, size_t *len)
{
    assert_int_equal(csat_grouped_serialize(a, NULL, 0, len, NULL), CSAT_OK);
    unsigned char *b = malloc(*len);
    assert_non_null(b);
    size_t got = 0;
    assert_int_equal(csat_grouped_serialize(a, b, *len, &got, NULL), CSAT_OK);
    assert_int_equal(got, *len);
    return b;
}

static unsigned char *tally_bytes(const csat_tally *t, size_t *len)
{
    assert_int_equal(csat_tally_serialize(t, NULL, 0, len, NULL), CSAT_OK);
    unsigned char *b = malloc(*len);
    assert_non_null(b);
    assert_int_equal(csat_tally_serialize(t, b, *len, len, NULL), CSAT_OK);
    return b;
}

static void same_grouped(const csat_grouped *a, const csat_grouped *b)
{
    size_t la, lb;
    unsigned char *ba = grouped_bytes(a, &la), *bb = grouped_bytes(b, &lb);
    assert_int_equal(la, lb);
    assert_memory_equal(ba, bb, la);
    free(ba);
    free(bb);
}

static void same_tally(const csat_tally *a, const csat_tally *b)
{
    size_t la, lb;
    unsigned char *ba = tally_bytes(a, &la), *bb = tally_bytes(b, &lb);
    assert_int_equal(la, lb);
    assert_memory_equal(ba, bb, la);
    free(ba);
    free(bb);
}

/* The rows of group d (x, and w if not NULL), into fx and fw; their count. */
static size_t filter(const double *x, const double *w, const int32_t *g, size_t n, int32_t d,
                     double *fx, double *fw)
{
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (g[i] == d) {
            fx[m] = x[i];
            if (w)
                fw[m] = w[i];
            m++;
        }
    return m;
}

static csat_tally *tally_of_group(const double *x, const double *w, const int32_t *g, size_t n,
                                  int32_t d, int min, int max)
{
    double *fx = malloc(n * sizeof *fx), *fw = malloc(n * sizeof *fw);
    assert_non_null(fx);
    assert_non_null(fw);
    size_t m = filter(x, w, g, n, d, fx, fw);
    csat_tally *t = NULL;
    assert_int_equal(csat_tally_create(min, max, &t, NULL), CSAT_OK);
    assert_int_equal(csat_tally_add(t, fx, m, w ? fw : NULL, NULL), CSAT_OK);
    free(fx);
    free(fw);
    return t;
}

static csat_moments *moments_of_group(const double *x, const double *w, const int32_t *g,
                                      size_t n, int32_t d)
{
    double *fx = malloc(n * sizeof *fx), *fw = malloc(n * sizeof *fw);
    assert_non_null(fx);
    assert_non_null(fw);
    size_t m = filter(x, w, g, n, d, fx, fw);
    csat_moments *h = NULL;
    assert_int_equal(csat_moments_create(&h, NULL), CSAT_OK);
    assert_int_equal(csat_moments_add(h, fx, m, w ? fw : NULL, NULL), CSAT_OK);
    free(fx);
    free(fw);
    return h;
}

static csat_sample sample_of(const csat_grouped *a, size_t d)
{
    csat_sample s = CSAT_RESULT_INIT(csat_sample);
    assert_int_equal(csat_grouped_sample(a, d, &s, NULL), CSAT_OK);
    return s;
}

static void same_sample(csat_sample a, csat_sample b)
{
    assert_int_equal(a.size, b.size);
    assert_int_equal(a.n, b.n);
    assert_int_equal(a.n_missing, b.n_missing);
    assert_true(a.n_weighted == b.n_weighted);
    assert_true(a.n_effective == b.n_effective);
}

static void state_equal(const csat_moments_state *a, const csat_moments_state *b)
{
    assert_int_equal(a->n, b->n);
    assert_int_equal(a->n_missing, b->n_missing);
    assert_memory_equal(a, b, sizeof *a); /* every double, bit for bit */
}

static void state_close(const csat_moments_state *a, const csat_moments_state *b, double rel)
{
    assert_int_equal(a->n, b->n);
    assert_int_equal(a->n_missing, b->n_missing);
    const double fa[8] = { a->sum_w, a->mean, a->m2, a->sum_w2, a->mean_w2, a->m2_w2, a->min, a->max };
    const double fb[8] = { b->sum_w, b->mean, b->m2, b->sum_w2, b->mean_w2, b->m2_w2, b->min, b->max };
    for (int i = 0; i < 8; i++)
        cmp_rel(CTX("moments", rel), "field", fa[i], fb[i]);
}

/* ------------------------------------------------------------------------ */
/* Each group is the ungrouped accumulator of its rows */

static void tally_groups_are_tallies_of_their_rows(void **state)
{
    (void)state;
    for (int weighted = 0; weighted < 2; weighted++) {
        const double *w = weighted ? weights : NULL;
        csat_grouped *a = tally_new(G, 0, 10);
        csat_error err;
        OK(csat_grouped_add(a, answers, N, w, codes, &err));
        for (int32_t d = 0; d < G; d++) {
            csat_tally *ref = tally_of_group(answers, w, codes, N, d, 0, 10), *t = NULL;
            OK(csat_grouped_tally(a, (size_t)d, &t, &err));
            same_tally(t, ref); /* counts, Σw, Σw², missing: bit for bit */
            csat_sample s = CSAT_RESULT_INIT(csat_sample);
            OK(csat_tally_sample(ref, &s, &err));
            same_sample(sample_of(a, (size_t)d), s);
            /* The same score through either. */
            csat_nps_result r1 = CSAT_RESULT_INIT(csat_nps_result);
            csat_nps_result r2 = CSAT_RESULT_INIT(csat_nps_result);
            OK(csat_tally_nps(t, NULL, &r1, &err));
            OK(csat_tally_nps(ref, NULL, &r2, &err));
            const double f1[] = { r1.score, r1.promoters, r1.passives, r1.detractors, r1.se,
                                  r1.ci_lower, r1.ci_upper, r1.n_weighted, r1.n_effective };
            const double f2[] = { r2.score, r2.promoters, r2.passives, r2.detractors, r2.se,
                                  r2.ci_lower, r2.ci_upper, r2.n_weighted, r2.n_effective };
            assert_memory_equal(f1, f2, sizeof f1); /* the fields, not the padding */
            assert_int_equal(r1.n, r2.n);
            assert_int_equal(r1.n_missing, r2.n_missing);
            csat_tally_free(t);
            csat_tally_free(ref);
        }
        csat_grouped_free(a);
    }
    /* Unweighted counts are integers: several adds give the same bytes as
     * one, whatever the split (here inside a block of 32 rows and across). */
    csat_grouped *one = tally_new(G, 0, 10), *parts = tally_new(G, 0, 10);
    csat_error err;
    OK(csat_grouped_add(one, answers, N, NULL, codes, &err));
    const size_t cut[] = { 0, 3, 700, 701, 5000, N };
    for (size_t c = 0; c + 1 < ARRAY_LEN(cut); c++)
        OK(csat_grouped_add(parts, answers + cut[c], cut[c + 1] - cut[c], NULL, codes + cut[c],
                            &err));
    same_grouped(one, parts);
    csat_grouped_free(one);
    csat_grouped_free(parts);
}

static void moments_groups_are_moments_of_their_rows(void **state)
{
    (void)state;
    for (int weighted = 0; weighted < 2; weighted++) {
        const double *w = weighted ? weights : NULL;
        csat_grouped *a = moments_new(G);
        csat_error err;
        OK(csat_grouped_add(a, values, N, w, codes, &err));
        for (int32_t d = 0; d < G; d++) {
            csat_moments *ref = moments_of_group(values, w, codes, N, d);
            csat_moments_state got;
            csat_grouped_get_moments(a, (size_t)d, 0, &got);
            /* One add of fewer rows than a chunk: the group's rows go to the
             * moments' own add in one call, bit for bit. */
            state_equal(&got, csat_moments_get_state(ref));
            csat_sample s = CSAT_RESULT_INIT(csat_sample);
            OK(csat_moments_sample(ref, &s, &err));
            same_sample(sample_of(a, (size_t)d), s);
            csat_moments_free(ref);
        }
        csat_grouped_free(a);
    }
}

/* More rows than one chunk of gathering (2^20): groups are summarised a
 * chunk at a time and the chunks merged, as shards are, which agrees with
 * one pass up to rounding (here on data with a large offset). */
static void moments_groups_over_several_chunks(void **state)
{
    (void)state;
    const size_t n = (1u << 20) + 200003;
    double *x = malloc(n * sizeof *x), *w = malloc(n * sizeof *w);
    int32_t *g = malloc(n * sizeof *g);
    assert_non_null(x);
    assert_non_null(w);
    assert_non_null(g);
    uint64_t s = 77;
    for (size_t i = 0; i < n; i++) {
        x[i] = 10000000.0 + (double)(lcg(&s) % 1000) * 0.01;
        w[i] = 0.5 + (double)(lcg(&s) % 4);
        g[i] = (int32_t)(lcg(&s) % 3) - 1; /* −1, 0, 1 */
    }
    for (int weighted = 0; weighted < 2; weighted++) {
        csat_grouped *a = moments_new(2);
        csat_error err;
        OK(csat_grouped_add(a, x, n, weighted ? w : NULL, g, &err));
        for (int32_t d = 0; d < 2; d++) {
            csat_moments *ref = moments_of_group(x, weighted ? w : NULL, g, n, d);
            csat_moments_state got;
            csat_grouped_get_moments(a, (size_t)d, 0, &got);
            state_close(&got, csat_moments_get_state(ref), 1e-12);
            csat_moments_free(ref);
        }
        csat_grouped_free(a);
    }
    free(x);
    free(w);
    free(g);
}

/* ------------------------------------------------------------------------ */
/* Merging, copying, serialising */

static void merge_of_shards_equals_one_pass(void **state)
{
    (void)state;
    const size_t cut[] = { 0, 1234, 1235, 6000, N };
    for (int kind = 0; kind < 2; kind++)
        for (int weighted = 0; weighted < 2; weighted++) {
            const double *x = kind ? values : answers, *w = weighted ? weights : NULL;
            csat_grouped *all = kind ? moments_new(G) : tally_new(G, 0, 10);
            csat_grouped *merged = kind ? moments_new(G) : tally_new(G, 0, 10);
            csat_error err;
            OK(csat_grouped_add(all, x, N, w, codes, &err));
            for (size_t c = 0; c + 1 < ARRAY_LEN(cut); c++) {
                csat_grouped *shard = kind ? moments_new(G) : tally_new(G, 0, 10);
                OK(csat_grouped_add(shard, x + cut[c], cut[c + 1] - cut[c],
                                    w ? w + cut[c] : NULL, codes + cut[c], &err));
                OK(csat_grouped_merge(merged, shard, &err));
                csat_grouped_free(shard);
            }
            if (!kind && !weighted) {
                same_grouped(merged, all); /* integer counts: exact */
            } else {
                for (size_t d = 0; d <= G; d++) {
                    csat_sample a = sample_of(merged, d), b = sample_of(all, d);
                    assert_int_equal(a.n, b.n);
                    assert_int_equal(a.n_missing, b.n_missing);
                    cmp_rel(CTX("merged", 1e-13), "n_weighted", a.n_weighted, b.n_weighted);
                    cmp_rel(CTX("merged", 1e-13), "n_effective", a.n_effective, b.n_effective);
                }
                if (kind)
                    for (size_t d = 0; d < G; d++) {
                        csat_moments_state ms, os;
                        csat_grouped_get_moments(merged, d, 0, &ms);
                        csat_grouped_get_moments(all, d, 0, &os);
                        state_close(&ms, &os, 1e-12);
                    }
            }
            csat_grouped_free(all);
            csat_grouped_free(merged);
        }
}

static void merge_with_itself_doubles(void **state)
{
    (void)state;
    csat_grouped *a = tally_new(G, 0, 10);
    csat_error err;
    OK(csat_grouped_add(a, answers, N, weights, codes, &err));
    OK(csat_grouped_add(a, answers, N, NULL, codes, &err));
    csat_sample before = sample_of(a, 3), whole = sample_of(a, G);
    OK(csat_grouped_merge(a, a, &err));
    csat_sample after = sample_of(a, 3), whole2 = sample_of(a, G);
    assert_int_equal(after.n, 2 * before.n);
    assert_int_equal(after.n_missing, 2 * before.n_missing);
    assert_true(after.n_weighted == 2 * before.n_weighted); /* ×2 is exact */
    assert_int_equal(whole2.n_missing, 2 * whole.n_missing); /* rows without a group too */
    csat_grouped_free(a);
}

static void serialize_round_trip_writes_the_same_bytes(void **state)
{
    (void)state;
    struct {
        int moments, weighted;
        size_t groups;
        int min, max;
    } cases[] = { { 0, 0, G, 0, 10 }, { 0, 1, G, 0, 10 }, { 0, 0, 1, 7, 7 },
                  { 0, 1, 3, -2, 2 }, { 1, 0, G, 1, 0 }, { 1, 1, G, 1, 0 } };
    for (size_t c = 0; c < ARRAY_LEN(cases); c++) {
        csat_grouped *a = cases[c].moments ? moments_new(cases[c].groups)
                                           : tally_new(cases[c].groups, cases[c].min, cases[c].max);
        csat_error err;
        for (int filled = 0; filled < 2; filled++) {
            if (filled) {
                /* Answers clipped to the scale, codes to the groups. */
                double *x = malloc(N * sizeof *x);
                int32_t *g = malloc(N * sizeof *g);
                assert_non_null(x);
                assert_non_null(g);
                for (size_t i = 0; i < N; i++) {
                    x[i] = cases[c].moments ? values[i]
                                            : isnan(answers[i])
                                                  ? NAN
                                                  : cases[c].min
                                                        + fmod(answers[i], cases[c].max
                                                                               - cases[c].min + 1);
                    g[i] = codes[i] < 0 ? codes[i] : codes[i] % (int32_t)cases[c].groups;
                }
                OK(csat_grouped_add(a, x, N, cases[c].weighted ? weights : NULL, g, &err));
                free(x);
                free(g);
            }
            size_t len = 0;
            unsigned char *b = grouped_bytes(a, &len);
            /* doc/methods.md, "Grouped accumulator": 40 bytes of header,
             * then 8 + 32 k bytes per group of a tally, 80 of moments. */
            size_t k = (size_t)(cases[c].max - cases[c].min + 1);
            assert_int_equal(len, 40 + cases[c].groups * (cases[c].moments ? 80 : 8 + 32 * k));
            assert_memory_equal(b, "CSTG", 4);
            /* Too small a buffer: ARGUMENT, nothing written. */
            unsigned char *small = malloc(len + 8);
            assert_non_null(small);
            memset(small, 0xA5, len + 8);
            size_t got = 0;
            assert_int_equal(csat_grouped_serialize(a, small, len - 1, &got, &err),
                             CSAT_ERR_ARGUMENT);
            for (size_t i = 0; i < len + 8; i++)
                assert_int_equal(small[i], 0xA5);
            /* Enough: exactly len bytes, nothing past them. */
            OK(csat_grouped_serialize(a, small, len + 8, &got, &err));
            assert_int_equal(got, len);
            for (size_t i = len; i < len + 8; i++)
                assert_int_equal(small[i], 0xA5);
            free(small);
            csat_grouped *r = NULL;
            OK(csat_grouped_deserialize(b, len, &r, &err));
            same_grouped(r, a);
            for (size_t d = 0; d <= cases[c].groups; d++)
                same_sample(sample_of(r, d), sample_of(a, d));
            /* What was read back works as the original: adding to both
             * keeps them equal. */
            if (!cases[c].moments) {
                double x1[2] = { cases[c].min, NAN };
                int32_t g1[2] = { 0, 0 };
                OK(csat_grouped_add(r, x1, 2, NULL, g1, &err));
                OK(csat_grouped_add(a, x1, 2, NULL, g1, &err));
                same_grouped(r, a);
            }
            csat_grouped_free(r);
            free(b);
        }
        csat_grouped_free(a);
    }
}

static void copy_is_independent(void **state)
{
    (void)state;
    for (int kind = 0; kind < 2; kind++)
        for (int weighted = 0; weighted < 2; weighted++) {
            const double *x = kind ? values : answers;
            csat_grouped *a = kind ? moments_new(G) : tally_new(G, 0, 10), *c = NULL;
            csat_error err;
            OK(csat_grouped_add(a, x, N, weighted ? weights : NULL, codes, &err));
            OK(csat_grouped_copy(a, &c, &err));
            assert_ptr_not_equal(a, c);
            same_grouped(a, c);
            size_t len;
            unsigned char *before = grouped_bytes(a, &len);
            /* Changing the copy (weighted data, the first for an unweighted
             * original) leaves the original as it was. */
            OK(csat_grouped_add(c, x, 100, weights, codes, &err));
            OK(csat_grouped_merge(c, c, &err));
            size_t len2;
            unsigned char *after = grouped_bytes(a, &len2);
            assert_int_equal(len, len2);
            assert_memory_equal(before, after, len);
            assert_true(sample_of(c, 0).n > sample_of(a, 0).n);
            free(before);
            free(after);
            /* And freeing the original leaves the copy whole. */
            csat_grouped_free(a);
            csat_sample s = sample_of(c, G);
            assert_true(s.n > 0);
            csat_grouped_free(c);
        }
}

/* ------------------------------------------------------------------------ */
/* Bad input */

/* Call add and expect status at row (CSAT_NO_INDEX for none), with the
 * accumulator's bytes unchanged. */
#define EXPECT_ADD_FAIL(a, status, row, x, n, w, g)                                          \
    do {                                                                                       \
        size_t l1_, l2_;                                                                       \
        unsigned char *b1_ = grouped_bytes((a), &l1_);                                         \
        memset(&err, 0, sizeof err);                                                           \
        err.index = 777;                                                                       \
        err.column = 777;                                                                      \
        csat_status got_ = csat_grouped_add((a), (x), (n), (w), (g), &err);                    \
        check_failure(got_, (status), (row), CSAT_NO_INDEX, &err, "csat_grouped_add",        \
                      __FILE__, __LINE__);                                                     \
        unsigned char *b2_ = grouped_bytes((a), &l2_);                                         \
        assert_int_equal(l1_, l2_);                                                            \
        assert_memory_equal(b1_, b2_, l1_);                                                    \
        free(b1_);                                                                             \
        free(b2_);                                                                             \
    } while (0)

static void bad_input_names_the_row_and_changes_nothing(void **state)
{
    (void)state;
    csat_error err;
    double *x = malloc(N * sizeof *x), *w = malloc(N * sizeof *w);
    int32_t *g = malloc(N * sizeof *g);
    assert_non_null(x);
    assert_non_null(w);
    assert_non_null(g);
    for (int weighted = 0; weighted < 2; weighted++) {
        csat_grouped *a = tally_new(G, 0, 10);
        OK(csat_grouped_add(a, answers, 500, weighted ? weights : NULL, codes, &err));
        const double *wt = weighted ? w : NULL;
        /* Positions in the first block, in a later one (after blocks of
         * 32 rows that the unweighted kernel has already counted), the last. */
        const size_t at[] = { 0, 9, 1500, 4095, N - 1 };
        for (size_t p = 0; p < ARRAY_LEN(at); p++) {
            size_t i = at[p];
            memcpy(x, answers, sizeof answers);
            memcpy(w, weights, sizeof weights);
            memcpy(g, codes, sizeof codes);
            g[i] = G; /* one past the last group */
            EXPECT_ADD_FAIL(a, CSAT_ERR_RANGE, i, x, N, wt, g);
            assert_non_null(strstr(err.message, "group code 7 at index"));
            g[i] = -2; /* negative, but not CSAT_GROUP_NONE */
            EXPECT_ADD_FAIL(a, CSAT_ERR_RANGE, i, x, N, wt, g);
            assert_non_null(strstr(err.message, "group code -2"));
            g[i] = INT32_MIN;
            EXPECT_ADD_FAIL(a, CSAT_ERR_RANGE, i, x, N, wt, g);
            g[i] = INT32_MAX;
            EXPECT_ADD_FAIL(a, CSAT_ERR_RANGE, i, x, N, wt, g);
            g[i] = 2;
            x[i] = 11; /* off the scale */
            EXPECT_ADD_FAIL(a, CSAT_ERR_RANGE, i, x, N, wt, g);
            assert_non_null(strstr(err.message, "outside the scale 0..10"));
            /* The tally's own message, word for word. */
            csat_tally *t = NULL;
            csat_error terr;
            assert_int_equal(csat_tally_create(0, 10, &t, NULL), CSAT_OK);
            assert_int_equal(csat_tally_add(t, x, N, wt, &terr), CSAT_ERR_RANGE);
            assert_string_equal(err.message, terr.message);
            x[i] = 4.5; /* not a point */
            EXPECT_ADD_FAIL(a, CSAT_ERR_RANGE, i, x, N, wt, g);
            assert_non_null(strstr(err.message, "not an integer point"));
            x[i] = -INFINITY;
            EXPECT_ADD_FAIL(a, CSAT_ERR_RANGE, i, x, N, wt, g);
            /* A row without a group is checked all the same. */
            x[i] = 11;
            g[i] = CSAT_GROUP_NONE;
            EXPECT_ADD_FAIL(a, CSAT_ERR_RANGE, i, x, N, wt, g);
            x[i] = 3;
            if (weighted) {
                const double bad_w[] = { -1, NAN, INFINITY, 1e-51, 1e51 };
                for (size_t b = 0; b < ARRAY_LEN(bad_w); b++) {
                    w[i] = bad_w[b];
                    EXPECT_ADD_FAIL(a, CSAT_ERR_WEIGHT, i, x, N, wt, g);
                    assert_int_equal(csat_tally_add(t, x, N, wt, &terr), CSAT_ERR_WEIGHT);
                    assert_string_equal(err.message, terr.message);
                }
                /* Code before weight before answer. */
                x[i] = 11;
                w[i] = -1;
                g[i] = 99;
                EXPECT_ADD_FAIL(a, CSAT_ERR_RANGE, i, x, N, wt, g);
                assert_non_null(strstr(err.message, "group code 99"));
                g[i] = 0;
                EXPECT_ADD_FAIL(a, CSAT_ERR_WEIGHT, i, x, N, wt, g);
            }
            csat_tally_free(t);
        }
        /* The first bad row is the one named. */
        memcpy(x, answers, sizeof answers);
        memcpy(g, codes, sizeof codes);
        memcpy(w, weights, sizeof weights);
        x[3000] = 12;
        g[2999] = -5;
        EXPECT_ADD_FAIL(a, CSAT_ERR_RANGE, 2999, x, N, wt, g);
        assert_non_null(strstr(err.message, "group code -5"));
        g[2999] = CSAT_GROUP_NONE;
        EXPECT_ADD_FAIL(a, CSAT_ERR_RANGE, 3000, x, N, wt, g);
        assert_non_null(strstr(err.message, "value 12 at index 3000"));
        /* NULL arguments. */
        EXPECT_NULL_ERROR(csat_grouped_add(NULL, answers, N, wt, codes, &err));
        EXPECT_NULL_ERROR(csat_grouped_add(a, NULL, N, wt, codes, &err));
        EXPECT_NULL_ERROR(csat_grouped_add(a, answers, N, wt, NULL, &err));
        OK(csat_grouped_add(a, NULL, 0, NULL, NULL, &err)); /* nothing to add */
        csat_grouped_free(a);
    }
    /* Moments: values within ±1e50, NaN missing, the moments' messages. */
    for (int weighted = 0; weighted < 2; weighted++) {
        csat_grouped *a = moments_new(G);
        const double *wt = weighted ? w : NULL;
        OK(csat_grouped_add(a, values, 300, weighted ? weights : NULL, codes, &err));
        memcpy(x, values, sizeof values);
        memcpy(w, weights, sizeof weights);
        memcpy(g, codes, sizeof codes);
        csat_moments *m = NULL;
        csat_error merr;
        assert_int_equal(csat_moments_create(&m, NULL), CSAT_OK);
        const double bad_x[] = { INFINITY, -INFINITY, 1e51, -2e50 };
        for (size_t b = 0; b < ARRAY_LEN(bad_x); b++) {
            x[4321] = bad_x[b];
            EXPECT_ADD_FAIL(a, CSAT_ERR_RANGE, 4321, x, N, wt, g);
            assert_int_equal(csat_moments_add(m, x, N, wt, &merr), CSAT_ERR_RANGE);
            assert_string_equal(err.message, merr.message);
        }
        x[4321] = 1e50; /* the largest value accepted */
        g[4321] = 1;
        g[17] = G;
        EXPECT_ADD_FAIL(a, CSAT_ERR_RANGE, 17, x, N, wt, g);
        g[17] = 0;
        if (weighted) {
            w[18] = NAN;
            EXPECT_ADD_FAIL(a, CSAT_ERR_WEIGHT, 18, x, N, wt, g);
            w[18] = 1;
        }
        OK(csat_grouped_add(a, x, N, wt, g, &err));
        csat_moments_free(m);
        csat_grouped_free(a);
    }
    free(x);
    free(w);
    free(g);
}

/* A count that would pass SIZE_MAX: OVERFLOW, nothing changed. The state
 * comes from a blob (rows without a group = SIZE_MAX − 5, a state that
 * adding could reach). */
static void overflow_is_checked_first(void **state)
{
    (void)state;
    csat_grouped *a = tally_new(2, 1, 5), *r = NULL;
    size_t len;
    unsigned char *b = grouped_bytes(a, &len);
    uint64_t big = (uint64_t)SIZE_MAX - 5;
    for (int i = 0; i < 8; i++)
        b[32 + i] = (unsigned char)(big >> (8 * i)); /* rows without a group */
    csat_error err;
    OK(csat_grouped_deserialize(b, len, &r, &err));
    assert_int_equal(sample_of(r, 2).n_missing, (size_t)big);
    const double x[6] = { 1, 2, 3, 4, 5, NAN };
    const int32_t g[6] = { 0, 1, 0, 1, 0, 1 };
    OK(csat_grouped_add(r, x, 5, NULL, g, &err)); /* exactly SIZE_MAX rows */
    EXPECT_ADD_FAIL(r, CSAT_ERR_OVERFLOW, CSAT_NO_INDEX, x, 1, NULL, g);
    size_t l1, l2;
    unsigned char *b1 = grouped_bytes(r, &l1);
    memset(&err, 0, sizeof err);
    assert_int_equal(csat_grouped_merge(r, r, &err), CSAT_ERR_OVERFLOW);
    assert_int_equal(csat_grouped_merge(r, a, &err), CSAT_OK); /* a is empty */
    csat_grouped *one = tally_new(2, 1, 5);
    OK(csat_grouped_add(one, x, 1, NULL, g, &err));
    assert_int_equal(csat_grouped_merge(r, one, &err), CSAT_ERR_OVERFLOW);
    unsigned char *b2 = grouped_bytes(r, &l2);
    assert_memory_equal(b1, b2, l1);
    /* A blob with more rows than a size_t holds is refused. */
    for (int i = 0; i < 8; i++)
        b[32 + i] = 0xFF;
    csat_grouped *bad = NULL;
    assert_int_equal(sizeof(size_t) < 8 ? CSAT_ERR_FORMAT : CSAT_OK,
                     csat_grouped_deserialize(b, len, &bad, &err));
    if (bad != NULL) { /* 64-bit: UINT64_MAX rows fit; one answer more does not */
        b[40] = 1; /* group 0's missing count */
        csat_grouped *worse = NULL;
        assert_int_equal(csat_grouped_deserialize(b, len, &worse, &err), CSAT_ERR_FORMAT);
        assert_null(worse);
    }
    csat_grouped_free(bad);
    free(b);
    free(b1);
    free(b2);
    csat_grouped_free(one);
    csat_grouped_free(a);
    csat_grouped_free(r);
}

static void put_u64(unsigned char *p, uint64_t v)
{
    for (int i = 0; i < 8; i++)
        p[i] = (unsigned char)(v >> (8 * i));
}

static void put_f64(unsigned char *p, double d)
{
    uint64_t u;
    memcpy(&u, &d, sizeof u);
    put_u64(p, u);
}

/* Deserialize a modified copy of blob and expect FORMAT. */
static void refused(const unsigned char *blob, size_t len, size_t at, const void *bytes,
                    size_t nbytes, size_t newlen, int line)
{
    unsigned char *b = malloc(len + 64);
    assert_non_null(b);
    memcpy(b, blob, len);
    memset(b + len, 0, 64);
    if (bytes != NULL)
        memcpy(b + at, bytes, nbytes);
    csat_grouped *r = NULL;
    csat_error err;
    memset(&err, 0, sizeof err);
    csat_status s = csat_grouped_deserialize(b, newlen, &r, &err);
    if (s != CSAT_ERR_FORMAT || r != NULL) {
        print_error("crafted blob (line %d) gave status %d: %s\n", line, (int)s, err.message);
        _fail(__FILE__, line);
    }
    assert_int_equal(err.code, CSAT_ERR_FORMAT);
    free(b);
}

#define REFUSED_AT(at, ...)                                                                    \
    do {                                                                                       \
        const unsigned char v_[] = { __VA_ARGS__ };                                            \
        refused(blob, len, (at), v_, sizeof v_, len, __LINE__);                                \
    } while (0)
#define REFUSED_U64(at, v)                                                                     \
    do {                                                                                       \
        unsigned char v_[8];                                                                   \
        put_u64(v_, (v));                                                                      \
        refused(blob, len, (at), v_, 8, len, __LINE__);                                        \
    } while (0)
#define REFUSED_F64(at, v)                                                                     \
    do {                                                                                       \
        unsigned char v_[8];                                                                   \
        put_f64(v_, (v));                                                                      \
        refused(blob, len, (at), v_, 8, len, __LINE__);                                        \
    } while (0)
#define REFUSED_LEN(l) refused(blob, len, 0, NULL, 0, (l), __LINE__)

static void crafted_blobs_are_refused(void **state)
{
    (void)state;
    csat_error err;
    /* A tally of 2 groups on 1..3: header 40, group records of 8 + 3·32 =
     * 104 bytes; point j of group d at 40 + 104 d + 8 + 32 j. Group 0 has
     * answers 1 (w 2) and 3 (w 0.5), group 1 a NaN; one row without a
     * group. */
    csat_grouped *a = tally_new(2, 1, 3);
    const double x[] = { 1, 3, NAN, 2 }, w[] = { 2, 0.5, 1, 1 };
    const int32_t g[] = { 0, 0, 1, -1 };
    OK(csat_grouped_add(a, x, 4, w, g, &err));
    size_t len;
    unsigned char *blob = grouped_bytes(a, &len);
    assert_int_equal(len, 40 + 2 * 104);
    csat_grouped *r = NULL;
    OK(csat_grouped_deserialize(blob, len, &r, &err)); /* the original is accepted */
    csat_grouped_free(r);
    const size_t p0 = 40 + 8, p2 = 40 + 8 + 64; /* group 0, points 1 and 3 */
    REFUSED_AT(0, 'X');                            /* magic */
    REFUSED_AT(4, 2);                              /* version */
    REFUSED_AT(8, 2);                              /* kind */
    REFUSED_AT(20, 1);                             /* reserved */
    REFUSED_U64(24, 0);                            /* no group */
    REFUSED_U64(24, 3);                            /* G disagrees with the length */
    REFUSED_U64(24, (uint64_t)CSAT_GROUPS_MAX + 1);
    REFUSED_U64(24, UINT64_MAX / 8);               /* absurdly many */
    REFUSED_AT(12, 4);                             /* min 4 > max 3 */
    REFUSED_AT(12, 0);                             /* 0..3: 4 points, wrong length */
    REFUSED_AT(16, 0, 0, 0, 0x80);                 /* max −2^31 */
    REFUSED_LEN(len - 1);
    REFUSED_LEN(len + 1);
    REFUSED_LEN(39);
    REFUSED_LEN(0);
    REFUSED_F64(p0 + 16, -2.0);                    /* Σw < 0 */
    REFUSED_F64(p0 + 16, NAN);
    REFUSED_F64(p0 + 24, INFINITY);
    REFUSED_F64(p0 + 24, 0.0);                     /* Σw > 0 but Σw² = 0 */
    REFUSED_F64(p0 + 24, 5.0);                     /* Σw² > (Σw)² for one answer of Σw 2 */
    REFUSED_U64(p0 + 8, 0);                        /* weights without a weighted answer */
    REFUSED_F64(40 + 8 + 32 + 16, 1.0);            /* point 2: Σw without an answer */
    REFUSED_F64(p2 + 16, 1e-60);                   /* below the smallest weight */
    REFUSED_U64(p0, UINT64_MAX);                   /* unit + wcount wraps 64 bits */
    {                                              /* two groups that each fit, together not */
        unsigned char *b = malloc(len);
        assert_non_null(b);
        memcpy(b, blob, len);
        put_u64(b + 40, UINT64_MAX / 2);           /* group 0's missing */
        put_u64(b + 40 + 104, UINT64_MAX / 2);     /* group 1's missing */
        r = NULL;
        assert_int_equal(csat_grouped_deserialize(b, len, &r, &err), CSAT_ERR_FORMAT);
        assert_null(r);
        free(b);
    }
    free(blob);
    csat_grouped_free(a);

    /* Moments of 2 groups: records of 80 bytes, n at 0, n_missing at 8,
     * then sum_w, mean, m2, sum_w2, mean_w2, m2_w2, min, max. Group 0 holds
     * 1, 2, 3 (mean 2, m2 2); group 1 is empty. */
    a = moments_new(2);
    const double y[] = { 1, 2, 3 };
    const int32_t gy[] = { 0, 0, 0 };
    OK(csat_grouped_add(a, y, 3, NULL, gy, &err));
    blob = grouped_bytes(a, &len);
    assert_int_equal(len, 40 + 2 * 80);
    const size_t m0 = 40, m1 = 120;
    REFUSED_AT(8, 0);                              /* a tally of the scale 1..0 */
    REFUSED_AT(12, 0);                             /* moments have the scale 1..0 */
    REFUSED_F64(m0 + 16 + 8, 5.0);                 /* mean outside [min, max] */
    REFUSED_F64(m0 + 16 + 16, 100.0);              /* m2 above Popoviciu's bound */
    REFUSED_F64(m0 + 16 + 48, 2.5);                /* min above the mean */
    REFUSED_F64(m0 + 16 + 56, INFINITY);           /* max */
    REFUSED_F64(m0 + 16, -3.0);                    /* Σw < 0 */
    REFUSED_F64(m1 + 16 + 8, 1.0);                 /* empty group with a mean */
    REFUSED_U64(m1 + 8, UINT64_MAX);               /* valid alone, with group 0 the total wraps */
    free(blob);
    csat_grouped_free(a);
}

/* ------------------------------------------------------------------------ */
/* Samples, empty groups, the whole sample */

/* By hand, on the scale 1..5 with G = 3:
 *   row   0    1    2    3    4    5    6    7
 *   x     5    4    NaN  3    2    5    NaN  1
 *   g     0    1    0    2    −1   0    −1   1
 *   w     1    2    3    0.5  4    1    1    2
 * group 0: rows 0, 2, 5: n = 2, missing 1, W = 1 + 1 = 2, W₂ = 2, n_eff = 4/2 = 2
 * group 1: rows 1, 7:    n = 2, missing 0, W = 4, W₂ = 8, n_eff = 16/8 = 2
 * group 2: row 3:        n = 1, missing 0, W = 0.5, W₂ = 0.25, n_eff = 1
 * rows 4 and 6 have no group (the NaN of row 6 is counted only as such).
 * Whole sample (group 3): n = 5, missing 1 + 2 = 3, W = 6.5, W₂ = 10.25,
 *   n_eff = 42.25 / 10.25 = 169/41.
 * Unweighted: the same n and missing; W = n_eff = n. */
static void whole_sample_counts_by_hand(void **state)
{
    (void)state;
    const double x[] = { 5, 4, NAN, 3, 2, 5, NAN, 1 }, w[] = { 1, 2, 3, 0.5, 4, 1, 1, 2 };
    const int32_t g[] = { 0, 1, 0, 2, -1, 0, -1, 1 };
    const struct {
        size_t n, missing;
        double W, neff;
    } want[] = { { 2, 1, 2, 2 }, { 2, 0, 4, 2 }, { 1, 0, 0.5, 1 }, { 5, 3, 6.5, 169.0 / 41.0 } };
    for (int kind = 0; kind < 2; kind++)
        for (int weighted = 0; weighted < 2; weighted++) {
            csat_grouped *a = kind ? moments_new(3) : tally_new(3, 1, 5);
            csat_error err;
            OK(csat_grouped_add(a, x, 8, weighted ? w : NULL, g, &err));
            for (size_t d = 0; d <= 3; d++) {
                csat_sample s = sample_of(a, d);
                assert_int_equal(s.size, sizeof s);
                assert_int_equal(s.n, want[d].n);
                assert_int_equal(s.n_missing, want[d].missing);
                double W = weighted ? want[d].W : (double)want[d].n;
                double neff = weighted ? want[d].neff : (double)want[d].n;
                cmp_rel(CTX("sample", 1e-15), "n_weighted", s.n_weighted, W);
                cmp_rel(CTX("sample", 1e-15), "n_effective", s.n_effective, neff);
            }
            assert_int_equal(csat_grouped_design_n(a), 5);
            csat_sample s = CSAT_RESULT_INIT(csat_sample);
            EXPECT_FAIL(CSAT_ERR_ARGUMENT, s, csat_grouped_sample(a, 4, &s, &err));
            EXPECT_NULL_ERROR(csat_grouped_sample(a, 0, NULL, &err));
            EXPECT_NULL_ERROR(csat_grouped_sample(NULL, 0, &s, &err));
            /* A result struct without its size is refused, untouched. */
            csat_sample unsized, kept;
            memset(&unsized, 0xA5, sizeof unsized);
            unsized.size = 0;
            memcpy(&kept, &unsized, sizeof kept);
            assert_int_equal(csat_grouped_sample(a, 0, &unsized, &err), CSAT_ERR_ARGUMENT);
            assert_memory_equal(&unsized, &kept, sizeof kept);
            csat_grouped_free(a);
        }
}

static void empty_groups_are_empty(void **state)
{
    (void)state;
    csat_error err;
    /* Groups 1 and 3 get no row; group 2 only missing answers. */
    const double x[] = { 1, NAN, 5, NAN, 2 };
    const int32_t g[] = { 0, 2, 0, 2, -1 };
    for (int kind = 0; kind < 2; kind++) {
        csat_grouped *a = kind ? moments_new(4) : tally_new(4, 0, 10);
        for (size_t d = 0; d <= 4; d++) { /* before any add: all empty */
            csat_sample s = sample_of(a, d);
            assert_int_equal(s.n, 0);
            assert_int_equal(s.n_missing, 0);
            assert_true(s.n_weighted == 0 && s.n_effective == 0);
        }
        assert_int_equal(csat_grouped_design_n(a), 0);
        OK(csat_grouped_add(a, x, 5, NULL, g, &err));
        const size_t n[] = { 2, 0, 0, 0 }, missing[] = { 0, 0, 2, 0 };
        for (size_t d = 0; d < 4; d++) {
            csat_sample s = sample_of(a, d);
            assert_int_equal(s.n, n[d]);
            assert_int_equal(s.n_missing, missing[d]);
            assert_true(s.n_weighted == (double)n[d] && s.n_effective == (double)n[d]);
        }
        assert_int_equal(sample_of(a, 4).n_missing, 3);
        if (!kind) {
            csat_tally *t = NULL;
            OK(csat_grouped_tally(a, 1, &t, &err));
            csat_nps_result r = CSAT_RESULT_INIT(csat_nps_result);
            assert_int_equal(csat_tally_nps(t, NULL, &r, &err), CSAT_ERR_EMPTY);
            csat_tally_free(t);
        } else {
            csat_moments_state m;
            const csat_moments_state zero = CSAT_MOMENTS_STATE_INIT;
            csat_grouped_get_moments(a, 3, 0, &m);
            assert_memory_equal(&m, &zero, sizeof m);
            csat_grouped_get_moments(a, 2, 0, &m);
            assert_int_equal(m.n, 0);
            assert_int_equal(m.n_missing, 2);
        }
        csat_grouped_free(a);
    }
}

/* ------------------------------------------------------------------------ */
/* The internal reading API */

static void complement_is_the_sum_of_the_other_groups(void **state)
{
    (void)state;
    csat_error err;
    for (int weighted = 0; weighted < 2; weighted++) {
        const double *w = weighted ? weights : NULL;
        csat_grouped *a = tally_new(G, 0, 10);
        OK(csat_grouped_add(a, answers, N, w, codes, &err));
        csat_tally *t = NULL;
        assert_int_equal(csat_tally_create(0, 10, &t, NULL), CSAT_OK);
        for (size_t d = 0; d < G; d++) {
            /* Merging the other groups' tallies in group order. */
            csat_tally *sum = NULL;
            assert_int_equal(csat_tally_create(0, 10, &sum, NULL), CSAT_OK);
            for (size_t e = 0; e < G; e++) {
                if (e == d)
                    continue;
                csat_tally *te = NULL;
                OK(csat_grouped_tally(a, e, &te, &err));
                OK(csat_tally_merge(sum, te, &err));
                csat_tally_free(te);
            }
            csat_grouped_fill_tally(a, d, 1, t); /* t held another state: refilled */
            same_tally(t, sum);
            /* Without complement: the group itself. */
            csat_tally *own = NULL;
            OK(csat_grouped_tally(a, d, &own, &err));
            csat_grouped_fill_tally(a, d, 0, t);
            same_tally(t, own);
            /* And it is the tally of the rows of the other groups. */
            if (!weighted) {
                int32_t *g = malloc(N * sizeof *g);
                assert_non_null(g);
                for (size_t i = 0; i < N; i++)
                    g[i] = codes[i] < 0 ? -1 : codes[i] == (int32_t)d ? 0 : 1;
                csat_tally *ref = tally_of_group(answers, NULL, g, N, 1, 0, 10);
                same_tally(sum, ref);
                csat_tally_free(ref);
                free(g);
            }
            csat_tally_free(own);
            csat_tally_free(sum);
        }
        csat_tally_free(t);
        /* design n: the valid answers of every group. */
        size_t n = 0;
        for (size_t i = 0; i < N; i++)
            n += codes[i] >= 0 && !isnan(answers[i]);
        assert_int_equal(csat_grouped_design_n(a), n);
        assert_int_equal(sample_of(a, G).n, n);
        assert_int_equal(csat_grouped_kind_of(a), CSAT_GROUPED_TALLY);
        assert_int_equal(csat_grouped_count(a), G);
        assert_int_equal(csat_grouped_min(a), 0);
        assert_int_equal(csat_grouped_max(a), 10);
        csat_grouped_free(a);

        /* Moments: the other groups merged in group order, as merging
         * csat_moments handles (Chan's update) gives. */
        a = moments_new(G);
        OK(csat_grouped_add(a, values, N, w, codes, &err));
        for (size_t d = 0; d < G; d++) {
            csat_moments *sum = NULL;
            assert_int_equal(csat_moments_create(&sum, NULL), CSAT_OK);
            for (int32_t e = 0; e < G; e++) {
                if ((size_t)e == d)
                    continue;
                csat_moments *me = moments_of_group(values, w, codes, N, e);
                OK(csat_moments_merge(sum, me, &err));
                csat_moments_free(me);
            }
            csat_moments_state got;
            csat_grouped_get_moments(a, d, 1, &got);
            state_equal(&got, csat_moments_get_state(sum));
            csat_moments_free(sum);
        }
        size_t n_values = 0;
        for (size_t i = 0; i < N; i++)
            n_values += codes[i] >= 0 && !isnan(values[i]);
        assert_int_equal(csat_grouped_design_n(a), n_values);
        assert_int_equal(csat_grouped_kind_of(a), CSAT_GROUPED_MOMENTS);
        csat_grouped_free(a);
    }
}

/* Tally t against the reference ref: counts and missing answers bit for
 * bit, Σw and Σw² at each point to rel. */
static void tally_close(const csat_tally *t, const csat_tally *ref, double rel)
{
    assert_int_equal(csat_tally_missing(t), csat_tally_missing(ref));
    assert_int_equal(csat_tally_points(t), csat_tally_points(ref));
    for (size_t j = 0; j < csat_tally_points(t); j++) {
        csat_tally_sums a = csat_tally_at(t, j), b = csat_tally_at(ref, j);
        assert_int_equal(a.n, b.n);
        cmp_rel(CTX("rest of the sample", rel), "sum of weights", a.w, b.w);
        cmp_rel(CTX("rest of the sample", rel), "sum of squared weights", a.w2, b.w2);
    }
}

/* csat_grouped_rest (prefix and suffix sums, O(k) per group) against the
 * group-order merge of csat_grouped_fill_tally / get_moments with
 * complement: integer counts bit for bit, sums of weights and moments to
 * 1e-12. Also: the scratch made before the data are added (the sums are
 * read at the first use), groups skipped, answers both unweighted and
 * weighted in one accumulator, and a group holding nearly all the weight,
 * whose rest a subtraction from the total would get wrong. */
static void rest_equals_the_group_order_complement(void **state)
{
    (void)state;
    csat_error err;
    const double rel = 1e-12;
    for (int weighted = 0; weighted < 3; weighted++) {
        /* 0 unweighted, 1 weighted, 2 both (two adds) */
        const double *w = weighted ? weights : NULL;
        csat_grouped *a = tally_new(G, 0, 10), *b = moments_new(G);
        csat_grouped_rest *ra = csat_grouped_rest_new(a), *rb = csat_grouped_rest_new(b);
        assert_non_null(ra);
        assert_non_null(rb);
        OK(csat_grouped_add(a, answers, N, w, codes, &err));
        OK(csat_grouped_add(b, values, N, w, codes, &err));
        if (weighted == 2) {
            OK(csat_grouped_add(a, answers, N / 2, NULL, codes, &err));
            OK(csat_grouped_add(b, values, N / 2, NULL, codes, &err));
        }
        csat_tally *t = NULL, *ref = NULL;
        assert_int_equal(csat_tally_create(0, 10, &t, NULL), CSAT_OK);
        assert_int_equal(csat_tally_create(0, 10, &ref, NULL), CSAT_OK);
        for (size_t d = 0; d < G; d += 1 + (weighted == 1 && d == 2)) { /* skips 3 once */
            csat_grouped_rest_tally(ra, d, t);
            csat_grouped_fill_tally(a, d, 1, ref);
            tally_close(t, ref, rel);
            csat_grouped_rest_tally(ra, d, t); /* the same group again */
            tally_close(t, ref, rel);
            csat_moments_state got, want;
            csat_grouped_rest_moments(rb, d, &got);
            csat_grouped_get_moments(b, d, 1, &want);
            state_close(&got, &want, rel);
        }
        csat_tally_free(t);
        csat_tally_free(ref);
        csat_grouped_rest_free(ra);
        csat_grouped_rest_free(rb);
        csat_grouped_free(a);
        csat_grouped_free(b);
    }

    /* Group 1 holds nearly all the weight: total − group would keep about
     * no digit of the others' Σw (1e-3 next to 1e13). */
    enum { M = 300 };
    double x[M], wt[M], v[M];
    int32_t g[M];
    for (size_t i = 0; i < M; i++) {
        g[i] = (int32_t)(i % 3);
        x[i] = (double)(i % 11);
        v[i] = 1.0 + (double)(i % 17) / 8;
        wt[i] = g[i] == 1 ? 1e13 : 1e-3 * (1.0 + (double)(i % 5) / 3);
    }
    csat_grouped *a = tally_new(3, 0, 10), *b = moments_new(3);
    OK(csat_grouped_add(a, x, M, wt, g, &err));
    OK(csat_grouped_add(b, v, M, wt, g, &err));
    csat_grouped_rest *ra = csat_grouped_rest_new(a), *rb = csat_grouped_rest_new(b);
    assert_non_null(ra);
    assert_non_null(rb);
    csat_tally *t = NULL, *ref = NULL;
    assert_int_equal(csat_tally_create(0, 10, &t, NULL), CSAT_OK);
    assert_int_equal(csat_tally_create(0, 10, &ref, NULL), CSAT_OK);
    for (size_t d = 0; d < 3; d++) {
        csat_grouped_rest_tally(ra, d, t);
        csat_grouped_fill_tally(a, d, 1, ref);
        tally_close(t, ref, rel);
        csat_moments_state got, want;
        csat_grouped_rest_moments(rb, d, &got);
        csat_grouped_get_moments(b, d, 1, &want);
        state_close(&got, &want, rel);
    }
    csat_tally_free(t);
    csat_tally_free(ref);
    csat_grouped_rest_free(ra);
    csat_grouped_rest_free(rb);
    csat_grouped_free(a);
    csat_grouped_free(b);
}

/* ------------------------------------------------------------------------ */
/* The counting kernels: the AVX2 builds against the portable ones, and both
 * against a plain loop; lengths around the blocks of 32 rows and the
 * prefetch distance, scales with a negative minimum and of one point,
 * fewer rows than groups (the weighted row-by-row loop). */

typedef struct tables {
    uint64_t *cells, *wcount;
    double *sw, *sw2;
} tables;

static tables tables_new(size_t n)
{
    tables t = { calloc(n, sizeof(uint64_t)), calloc(n, sizeof(uint64_t)),
                 calloc(n, sizeof(double)), calloc(n, sizeof(double)) };
    assert_non_null(t.cells);
    assert_non_null(t.wcount);
    assert_non_null(t.sw);
    assert_non_null(t.sw2);
    return t;
}

static void tables_free(tables t)
{
    free(t.cells);
    free(t.wcount);
    free(t.sw);
    free(t.sw2);
}

static void tables_equal(tables a, tables b, size_t n)
{
    assert_memory_equal(a.cells, b.cells, n * sizeof *a.cells);
    assert_memory_equal(a.wcount, b.wcount, n * sizeof *a.wcount);
    assert_memory_equal(a.sw, b.sw, n * sizeof *a.sw); /* same additions in the same order */
    assert_memory_equal(a.sw2, b.sw2, n * sizeof *a.sw2);
}

typedef size_t (*unit_kernel)(const double *, const int32_t *, size_t, int, int, size_t,
                              uint64_t *);
typedef size_t (*weighted_kernel)(const double *, const double *, const int32_t *, size_t, int,
                                  int, size_t, uint64_t *, uint64_t *, double *, double *);

typedef size_t (*once_kernel)(const double *, const double *, const int32_t *, size_t, int, int,
                              size_t, uint64_t *, csat_grouped_cell *);

/* The one-pass weighted kernel, from zero tables: its records are read
 * into got's wcount, sw and sw2 as grouped.c adds them (0 + the sum: the
 * same bits). On an invalid row, only cells is kept as it was. */
static size_t run_once(once_kernel f, const double *x, const double *w, const int32_t *g,
                       size_t n, int min, int max, size_t ng, tables got, size_t cells)
{
    csat_grouped_cell *rec = calloc(cells, sizeof *rec);
    assert_non_null(rec);
    size_t r = f(x, w, g, n, min, max, ng, got.cells, rec);
    if (r == n)
        for (size_t c = 0; c < cells; c++) {
            got.wcount[c] += (uint64_t)rec[c].n;
            got.sw[c] += rec[c].sw;
            got.sw2[c] += rec[c].sw2;
            assert_true(rec[c].zero == 0.0);
        }
    free(rec);
    return r;
}

static void tables_clear(tables t, size_t n)
{
    memset(t.cells, 0, n * sizeof *t.cells);
    memset(t.wcount, 0, n * sizeof *t.wcount);
    memset(t.sw, 0, n * sizeof *t.sw);
    memset(t.sw2, 0, n * sizeof *t.sw2);
}

static void kernel_builds_agree(void **state)
{
    (void)state;
    const size_t lens[] = { 0, 1, 31, 32, 33, 65, 511, 512, 513, 543, 544, 545, 1057, 5000 };
    const int scales[][2] = { { 0, 10 }, { -3, 3 }, { 5, 5 }, { 1, 7 } };
    const size_t groups[] = { 1, 5, 1000 };
    unit_kernel unit[2] = { csat_count_grouped_unit_portable, NULL };
    weighted_kernel weighted[2] = { csat_count_grouped_weighted_portable, NULL };
    once_kernel once[2] = { csat_count_grouped_weighted_once_portable, NULL };
#if defined(CSAT_HAVE_AVX2_KERNELS) && defined(__GNUC__)
    if (csat_simd_available()) {
        unit[1] = csat_count_grouped_unit_avx2;
        weighted[1] = csat_count_grouped_weighted_avx2;
        once[1] = csat_count_grouped_weighted_once_avx2;
    } else {
        print_message("no AVX2 on this CPU: the portable kernels alone are checked\n");
    }
#endif
    static double x[5000], w[5000];
    static int32_t g[5000];
    uint64_t seed = 99;
    for (size_t sc = 0; sc < ARRAY_LEN(scales); sc++)
        for (size_t gi = 0; gi < ARRAY_LEN(groups); gi++) {
            const int min = scales[sc][0], max = scales[sc][1];
            const size_t ng = groups[gi], k = (size_t)(max - min + 1), cells = (ng + 1) * (k + 1);
            for (size_t i = 0; i < 5000; i++) {
                x[i] = lcg(&seed) % 13 == 0 ? NAN : (double)(min + (int)(lcg(&seed) % k));
                g[i] = lcg(&seed) % 11 == 0 ? -1 : (int32_t)(lcg(&seed) % ng);
                w[i] = lcg(&seed) % 9 == 0 ? 0.0 : 0.25 + (double)(lcg(&seed) % 100) / 8;
            }
            tables want = tables_new(cells), got = tables_new(cells), kept = tables_new(cells);
            for (size_t l = 0; l < ARRAY_LEN(lens); l++)
                for (int wt = 0; wt < 3; wt++) { /* 2: the one-pass weighted kernel */
                    const size_t n = lens[l];
                    const int times = wt == 2 ? 1 : 2; /* one call: one sum per cell */
                    /* Where each row goes, by a plain loop (tally_kernel.h):
                     * row g + 1, column x − min or k for NaN; answers of a
                     * group with weights to the weighted tables, the rest
                     * to cells. Twice: the kernels add to what is there
                     * (the one-pass kernel once: grouped.c adds its
                     * scratch, a sum per cell, to the tables). */
                    tables_clear(want, cells);
                    for (int twice = 0; twice < times; twice++)
                        for (size_t i = 0; i < n; i++) {
                            size_t c = (size_t)(g[i] + 1) * (k + 1)
                                       + (isnan(x[i]) ? k : (size_t)(x[i] - min));
                            if (!wt || g[i] < 0 || isnan(x[i])) {
                                want.cells[c]++;
                            } else {
                                want.wcount[c]++;
                                want.sw[c] += w[i];
                                want.sw2[c] += w[i] * w[i];
                            }
                        }
                    for (int b = 0; b < 2; b++) {
                        if (unit[b] == NULL)
                            continue;
                        tables_clear(got, cells);
                        for (int twice = 0; twice < times; twice++)
                            assert_int_equal(wt == 2 ? run_once(once[b], x, w, g, n, min, max, ng,
                                                                got, cells)
                                             : wt ? weighted[b](x, w, g, n, min, max, ng, got.cells,
                                                                got.wcount, got.sw, got.sw2)
                                                  : unit[b](x, g, n, min, max, ng, got.cells),
                                             n);
                        tables_equal(got, want, cells);
                        /* An invalid row anywhere: its index, and the
                         * tables as they were. */
                        memcpy(kept.cells, got.cells, cells * sizeof *got.cells);
                        memcpy(kept.wcount, got.wcount, cells * sizeof *got.wcount);
                        memcpy(kept.sw, got.sw, cells * sizeof *got.sw);
                        memcpy(kept.sw2, got.sw2, cells * sizeof *got.sw2);
                        for (size_t at = 0; at < n; at += n / 7 + 1) {
                            const double keep_x = x[at], keep_w = w[at];
                            const int32_t keep_g = g[at];
                            for (int what = 0; what < 5; what++) {
                                if (what == 4 && !wt)
                                    break;
                                x[at] = what == 0 ? max + 1 : what == 1 ? min + 0.5 : keep_x;
                                g[at] = what == 2 ? (int32_t)ng : what == 3 ? -2 : keep_g;
                                w[at] = what == 4 ? -1.0 : keep_w;
                                assert_int_equal(wt == 2 ? run_once(once[b], x, w, g, n, min,
                                                                    max, ng, got, cells)
                                                 : wt ? weighted[b](x, w, g, n, min, max, ng,
                                                                    got.cells, got.wcount, got.sw,
                                                                    got.sw2)
                                                      : unit[b](x, g, n, min, max, ng, got.cells),
                                                 at);
                                tables_equal(got, kept, cells);
                            }
                            x[at] = keep_x;
                            g[at] = keep_g;
                            w[at] = keep_w;
                        }
                    }
                }
            tables_free(want);
            tables_free(got);
            tables_free(kept);
        }
}

/* ------------------------------------------------------------------------ */
/* Arguments */

static void arguments_are_checked(void **state)
{
    (void)state;
    csat_error err;
    csat_grouped *a = NULL;
    EXPECT_NULL_ERROR(csat_grouped_create(3, 0, 10, NULL, &err));
    EXPECT_NULL_ERROR(csat_grouped_create_moments(3, NULL, &err));
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, a, csat_grouped_create(0, 0, 10, &a, &err));
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, a, csat_grouped_create(CSAT_GROUPS_MAX + 1u, 0, 10, &a, &err));
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, a, csat_grouped_create(3, 5, 4, &a, &err));
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, a, csat_grouped_create(3, 0, CSAT_TALLY_MAX_POINTS, &a, &err));
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, a, csat_grouped_create_moments(0, &a, &err));
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, a,
                csat_grouped_create_moments(CSAT_GROUPS_MAX + 1u, &a, &err));

    csat_grouped *t = tally_new(3, 0, 10), *m = moments_new(3);
    csat_grouped *t4 = tally_new(4, 0, 10), *t15 = tally_new(3, 1, 5), *m4 = moments_new(4);
    /* Merging different shapes or kinds. */
    assert_int_equal(csat_grouped_merge(t, t4, &err), CSAT_ERR_ARGUMENT);
    assert_int_equal(csat_grouped_merge(t, t15, &err), CSAT_ERR_ARGUMENT);
    assert_non_null(strstr(err.message, "1..5"));
    assert_int_equal(csat_grouped_merge(t, m, &err), CSAT_ERR_ARGUMENT);
    assert_int_equal(csat_grouped_merge(m, t, &err), CSAT_ERR_ARGUMENT);
    assert_int_equal(csat_grouped_merge(m, m4, &err), CSAT_ERR_ARGUMENT);
    EXPECT_NULL_ERROR(csat_grouped_merge(NULL, t, &err));
    EXPECT_NULL_ERROR(csat_grouped_merge(t, NULL, &err));
    /* Shape. */
    size_t groups = 0;
    int lo = 0, hi = 0;
    OK(csat_grouped_shape(t15, &groups, &lo, &hi, &err));
    assert_int_equal(groups, 3);
    assert_int_equal(lo, 1);
    assert_int_equal(hi, 5);
    OK(csat_grouped_shape(m4, &groups, &lo, &hi, &err));
    assert_int_equal(groups, 4);
    assert_true(lo > hi); /* moments */
    EXPECT_NULL_ERROR(csat_grouped_shape(NULL, &groups, &lo, &hi, &err));
    EXPECT_NULL_ERROR(csat_grouped_shape(t, NULL, &lo, &hi, &err));
    EXPECT_NULL_ERROR(csat_grouped_shape(t, &groups, NULL, &hi, &err));
    EXPECT_NULL_ERROR(csat_grouped_shape(t, &groups, &lo, NULL, &err));
    /* Tally of a group. */
    csat_tally *tt = NULL;
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, tt, csat_grouped_tally(m, 0, &tt, &err));
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, tt, csat_grouped_tally(t, 3, &tt, &err));
    EXPECT_NULL_ERROR(csat_grouped_tally(NULL, 0, &tt, &err));
    EXPECT_NULL_ERROR(csat_grouped_tally(t, 0, NULL, &err));
    OK(csat_grouped_tally(t15, 2, &tt, &err));
    int tl, th;
    OK(csat_tally_scale(tt, &tl, &th, &err));
    assert_int_equal(tl, 1);
    assert_int_equal(th, 5);
    csat_tally_free(tt);
    /* Copy, serialise, deserialise. */
    EXPECT_NULL_ERROR(csat_grouped_copy(NULL, &a, &err));
    EXPECT_NULL_ERROR(csat_grouped_copy(t, NULL, &err));
    size_t len = 0;
    unsigned char buf[64];
    EXPECT_NULL_ERROR(csat_grouped_serialize(NULL, buf, sizeof buf, &len, &err));
    EXPECT_NULL_ERROR(csat_grouped_serialize(t, buf, sizeof buf, NULL, &err));
    EXPECT_NULL_ERROR(csat_grouped_deserialize(NULL, 10, &a, &err));
    EXPECT_NULL_ERROR(csat_grouped_deserialize(buf, sizeof buf, NULL, &err));
    /* The largest code is G − 1, for a large G too. */
    csat_grouped *big = tally_new(100000, 0, 1);
    const double x[3] = { 1, 0, 1 };
    int32_t g[3] = { 99999, 0, -1 };
    OK(csat_grouped_add(big, x, 3, NULL, g, &err));
    assert_int_equal(sample_of(big, 99999).n, 1);
    g[1] = 100000;
    EXPECT_ADD_FAIL(big, CSAT_ERR_RANGE, 1, x, 3, NULL, g);
    assert_non_null(strstr(err.message, "0..99999"));
    csat_grouped_free(big);
    csat_grouped_free(NULL); /* accepted */
    csat_grouped_free(t);
    csat_grouped_free(m);
    csat_grouped_free(t4);
    csat_grouped_free(t15);
    csat_grouped_free(m4);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(tally_groups_are_tallies_of_their_rows),
        cmocka_unit_test(moments_groups_are_moments_of_their_rows),
        cmocka_unit_test(moments_groups_over_several_chunks),
        cmocka_unit_test(merge_of_shards_equals_one_pass),
        cmocka_unit_test(merge_with_itself_doubles),
        cmocka_unit_test(serialize_round_trip_writes_the_same_bytes),
        cmocka_unit_test(copy_is_independent),
        cmocka_unit_test(bad_input_names_the_row_and_changes_nothing),
        cmocka_unit_test(overflow_is_checked_first),
        cmocka_unit_test(crafted_blobs_are_refused),
        cmocka_unit_test(whole_sample_counts_by_hand),
        cmocka_unit_test(empty_groups_are_empty),
        cmocka_unit_test(complement_is_the_sum_of_the_other_groups),
        cmocka_unit_test(rest_equals_the_group_order_complement),
        cmocka_unit_test(kernel_builds_agree),
        cmocka_unit_test(arguments_are_checked),
    };
    return cmocka_run_group_tests_name("groups_accum", tests, setup, NULL);
}
