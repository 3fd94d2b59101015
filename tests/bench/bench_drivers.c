/* Key-driver benchmark: the cross-product pass (GFLOP/s), the QR fit, and
 * exact LMG over all 2^p subsets for p = 10, 15, 18, 20, 22, at n = 2000 and
 * n = 10^6. Not a test. Compare with statsmodels on the same data:
 * tests/bench/bench_drivers.py (which runs this program too).
 *
 * Usage: bench_drivers [n ...] */
#define _POSIX_C_SOURCE 199309L
#include <csat.h>
#include <math.h>
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

/* Survey-like data: ratings 1..10 driven by a common factor, outcome a
 * weighted sum plus noise. Deterministic. */
static void make(double *x, double *y, size_t n, size_t p)
{
    uint64_t s = 7;
    for (size_t i = 0; i < n; i++) {
        s = s * 6364136223846793005ULL + 1442695040888963407ULL;
        double f = (double)(s >> 40) / 16777216.0;
        double acc = 0;
        for (size_t j = 0; j < p; j++) {
            s = s * 6364136223846793005ULL + 1442695040888963407ULL;
            double e = (double)(s >> 40) / 16777216.0;
            x[i * p + j] = floor(1 + 9 * (0.6 * f + 0.4 * e));
            acc += x[i * p + j] * (double)(j % 5 + 1) / 5.0;
        }
        s = s * 6364136223846793005ULL + 1442695040888963407ULL;
        y[i] = acc / (double)p + 2.0 * (double)(s >> 40) / 16777216.0;
    }
}

int main(int argc, char **argv)
{
    size_t sizes[8] = { 2000, 1000000 }, nsizes = 2;
    if (argc > 1) {
        nsizes = 0;
        for (int a = 1; a < argc && nsizes < 8; a++)
            sizes[nsizes++] = (size_t)strtod(argv[a], NULL);
    }
    const size_t ps[] = { 10, 15, 18, 20, 22 };
    printf("%9s %3s %12s %10s %10s %12s %8s\n", "n", "p", "xprod GF/s", "xprod ms", "fit ms",
           "exact LMG s", "R2");
    for (size_t si = 0; si < nsizes; si++) {
        size_t n = sizes[si];
        for (size_t pi = 0; pi < sizeof ps / sizeof ps[0]; pi++) {
            size_t p = ps[pi];
            double *x = malloc(n * p * sizeof *x), *y = malloc(n * sizeof *y);
            double *imp = malloc(p * sizeof *imp);
            if (!x || !y || !imp)
                return 1;
            make(x, y, n, p);
            csat_xprod *a = NULL;
            double t0 = now();
            if (csat_xprod_create(p, &a, NULL) || csat_xprod_add(a, x, n, p, y, NULL, NULL))
                return 2;
            double t1 = now();
            csat_drivers *m = NULL;
            if (csat_drivers_fit(x, n, p, p, y, NULL, NULL, &m, NULL))
                return 3;
            double t2 = now();
            if (csat_drivers_importance(m, CSAT_IMPORTANCE_LMG, NULL, imp, NULL, NULL))
                return 4;
            double t3 = now();
            csat_model_summary s = CSAT_RESULT_INIT(csat_model_summary);
            if (csat_drivers_summary(m, &s, NULL))
                return 5;
            double k = (double)(p + 1), flops = 2.0 * (double)n * k * k;
            printf("%9zu %3zu %12.2f %10.2f %10.2f %12.3f %8.4f\n", n, p, flops / (t1 - t0) / 1e9,
                   1e3 * (t1 - t0), 1e3 * (t2 - t1), t3 - t2, s.r2);
            fflush(stdout);
            csat_drivers_free(m);
            csat_xprod_free(a);
            free(x);
            free(y);
            free(imp);
        }
    }
    return 0;
}
