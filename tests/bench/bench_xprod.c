/* The cross-product accumulator against OpenBLAS on the same data, C side:
 * csat_xprod_add (weighted means and centred co-moments of p drivers and
 * the outcome, one read of the rows) beside cblas_dsyrk and cblas_dgemm of
 * ZᵀZ for the n × (p + 1) matrix Z of the same rows, centred beforehand
 * (not timed), in the same run. Not a test: the figures that matter are
 * the ratios. GFLOP/s count 2·n·k² for k = p + 1, the full product.
 * OpenBLAS uses every core unless OPENBLAS_NUM_THREADS says otherwise; the
 * accumulator uses one.
 *
 * Usage: bench_xprod [n] [p ...] (default 1e6 rows, p = 5 10 20). */
#define _POSIX_C_SOURCE 199309L
#include <cblas.h>
#include <csat.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static uint64_t state = 1;
static double uniform(void)
{
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (double)(state >> 11) / 9007199254740992.0;
}

#define REPS 5

static int run(size_t n, size_t p)
{
    const size_t k = p + 1;
    double *x = malloc(n * p * sizeof *x), *y = malloc(n * sizeof *y);
    double *z = malloc(n * k * sizeof *z), *c = malloc(k * k * sizeof *c);
    if (x == NULL || y == NULL || z == NULL || c == NULL) {
        fprintf(stderr, "cannot allocate %zu rows\n", n);
        return 1;
    }
    for (size_t i = 0; i < n; i++) {
        double s = 0;
        for (size_t j = 0; j < p; j++) {
            x[i * p + j] = 1 + (double)(int)(10 * uniform()) + uniform(); /* ratings 1-10, jittered */
            s += x[i * p + j] * (double)(j % 3);
        }
        y[i] = s / (double)p + uniform();
    }
    for (size_t j = 0; j < k; j++) {
        double m = 0;
        for (size_t i = 0; i < n; i++)
            m += j < p ? x[i * p + j] : y[i];
        m /= (double)n;
        for (size_t i = 0; i < n; i++)
            z[i * k + j] = (j < p ? x[i * p + j] : y[i]) - m;
    }
    double best_csat = 1e30, best_syrk = 1e30, best_gemm = 1e30, sink = 0;
    for (int r = 0; r < REPS; r++) {
        csat_xprod *a = NULL;
        if (csat_xprod_create(p, &a, NULL) != CSAT_OK)
            return 1;
        double t0 = now();
        if (csat_xprod_add(a, x, n, p, y, NULL, NULL) != CSAT_OK)
            return 1;
        double t1 = now();
        cblas_dsyrk(CblasRowMajor, CblasLower, CblasTrans, (int)k, (int)n, 1.0, z, (int)k, 0.0, c,
                    (int)k);
        double t2 = now();
        sink += c[k * k - 1];
        cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, (int)k, (int)k, (int)n, 1.0, z,
                    (int)k, z, (int)k, 0.0, c, (int)k);
        double t3 = now();
        sink += c[k * k - 1];
        csat_xprod_free(a);
        best_csat = t1 - t0 < best_csat ? t1 - t0 : best_csat;
        best_syrk = t2 - t1 < best_syrk ? t2 - t1 : best_syrk;
        best_gemm = t3 - t2 < best_gemm ? t3 - t2 : best_gemm;
    }
    const double gf = 2.0 * (double)n * (double)(k * k) / 1e9;
    printf("n = %zu, p = %zu (k = %zu), best of %d runs\n", n, p, k, REPS);
    printf("  %-24s %8.1f ms %7.2f GFLOP/s\n", "csat_xprod_add", 1e3 * best_csat, gf / best_csat);
    printf("  %-24s %8.1f ms %7.2f GFLOP/s  BLAS/csat %.2f\n", "cblas_dsyrk (centred Z)",
           1e3 * best_syrk, gf / best_syrk, best_syrk / best_csat);
    printf("  %-24s %8.1f ms %7.2f GFLOP/s  BLAS/csat %.2f\n", "cblas_dgemm (centred Z)",
           1e3 * best_gemm, gf / best_gemm, best_gemm / best_csat);
    printf("  (checksum %g)\n", sink);
    free(x);
    free(y);
    free(z);
    free(c);
    return 0;
}

int main(int argc, char **argv)
{
    size_t n = argc > 1 ? (size_t)strtod(argv[1], NULL) : 1000000u;
    static const size_t ps[] = { 5, 10, 20 };
    if (argc > 2) {
        for (int a = 2; a < argc; a++)
            if (run(n, (size_t)strtoul(argv[a], NULL, 10)) != 0)
                return 1;
        return 0;
    }
    for (size_t i = 0; i < sizeof ps / sizeof *ps; i++)
        if (run(n, ps[i]) != 0)
            return 1;
    return 0;
}
