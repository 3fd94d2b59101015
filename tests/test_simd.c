/* The AVX2 kernels against the portable loops they replace: identical
 * counts, the same first invalid index, and moment sums equal up to the
 * order of addition. Skipped (and said so) where the CPU or the build has
 * no AVX2 kernels. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/simd.h"
#include "accum/tally_kernel.h"

#define N 5003

static uint64_t lcg(uint64_t *s)
{
    *s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
    return *s >> 33;
}

static void fill(double *x, size_t n, int min, int max, uint64_t seed, int nan_every)
{
    for (size_t i = 0; i < n; i++) {
        x[i] = min + (double)(lcg(&seed) % (uint64_t)(max - min + 1));
        if (nan_every && lcg(&seed) % (uint64_t)nan_every == 0)
            x[i] = NAN;
    }
}

static void tally_kernels_agree(void **state)
{
    (void)state;
#if defined(CSAT_HAVE_AVX2_KERNELS)
    if (!csat_simd_available())
        skip();
    static const int scales[][2] = { { 0, 10 }, { 1, 5 }, { 1, 7 }, { -3, 12 }, { 5, 5 } };
    double *x = malloc(N * sizeof *x);
    assert_non_null(x);
    for (size_t s = 0; s < sizeof scales / sizeof scales[0]; s++) {
        int min = scales[s][0], max = scales[s][1];
        size_t k = (size_t)(max - min + 1);
        for (int nan_every = 0; nan_every <= 50; nan_every += 25) {
            fill(x, N, min, max, 7 + s, nan_every);
            for (int variant = 0; variant < 4; variant++) {
                /* 0: all valid; 1: non-integer late; 2: off the scale early;
                 * 3: -inf in the scalar tail. */
                size_t bad_at = variant == 1 ? 4001 : variant == 2 ? 6 : variant == 3 ? N - 2 : N;
                double saved = bad_at < N ? x[bad_at] : 0;
                if (variant == 1)
                    x[bad_at] = min + 0.5;
                if (variant == 2)
                    x[bad_at] = max + 1;
                if (variant == 3)
                    x[bad_at] = -INFINITY;
                uint64_t *a = calloc(4 * k, sizeof *a), *b = calloc(k, sizeof *b);
                assert_non_null(a);
                assert_non_null(b);
                uint64_t ma = 0, mb = 0;
                size_t ra = csat_count_unit(x, N, min, max, a, 4, &ma);
                size_t rb = csat_count_unit_avx2(x, N, min, max, b, &mb);
                assert_int_equal(ra, bad_at);
                assert_int_equal(rb, bad_at);
                if (bad_at == N) {
                    for (size_t j = 0; j < k; j++)
                        assert_int_equal(a[j] + a[k + j] + a[2 * k + j] + a[3 * k + j], b[j]);
                    assert_int_equal(ma, mb);
                }
                free(a);
                free(b);
                if (bad_at < N)
                    x[bad_at] = saved;
            }
        }
    }
    free(x);
#else
    skip();
#endif
}

static void moment_kernels_agree(void **state)
{
    (void)state;
#if defined(CSAT_HAVE_AVX2_KERNELS)
    if (!csat_simd_available())
        skip();
    double x[2051];
    uint64_t seed = 3;
    for (size_t i = 0; i < 2051; i++)
        x[i] = 1e6 + (double)(lcg(&seed) % 100000) / 7.0;
    double sum, lo, hi, m2, corr;
    assert_int_equal(csat_block_sums_avx2(x, 2051, 1e6, &sum, &lo, &hi), 0);
    long double ls = 0, lmin = INFINITY, lmax = -INFINITY;
    for (size_t i = 0; i < 2051; i++) {
        ls += x[i] - 1e6;
        lmin = x[i] < lmin ? x[i] : lmin;
        lmax = x[i] > lmax ? x[i] : lmax;
    }
    assert_true(fabsl(sum - ls) <= 1e-13L * fabsl(ls));
    assert_true(lo == lmin && hi == lmax);
    double centre = 1e6 + sum / 2051;
    csat_block_dev_avx2(x, 2051, centre, &m2, &corr);
    long double lq = 0, ld = 0;
    for (size_t i = 0; i < 2051; i++) {
        long double d = (long double)x[i] - centre;
        lq += d * d;
        ld += d;
    }
    assert_true(fabsl(m2 - lq) <= 1e-13L * lq);
    assert_true(fabsl(corr - ld) <= 1e-9L);
    /* A NaN or an infinity anywhere sends the block to the masked path. */
    x[5] = NAN;
    assert_int_equal(csat_block_sums_avx2(x, 2051, 1e6, &sum, &lo, &hi), 1);
    double cnt;
    assert_int_equal(csat_block_sums_masked_avx2(x, 2051, 1e6, &cnt, &sum, &lo, &hi), 0);
    assert_true(cnt == 2050);
    x[5] = 1e6;
    x[2050] = INFINITY;
    assert_int_equal(csat_block_sums_avx2(x, 2051, 1e6, &sum, &lo, &hi), 1);
    assert_int_equal(csat_block_sums_masked_avx2(x, 2051, 1e6, &cnt, &sum, &lo, &hi), 1);
#else
    skip();
#endif
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(tally_kernels_agree),
        cmocka_unit_test(moment_kernels_agree),
    };
    return cmocka_run_group_tests_name("simd", tests, NULL, NULL);
}
