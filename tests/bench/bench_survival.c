/* Kaplan–Meier at continuous times, the C side: csat_survival_fit against a
 * glibc qsort of the same durations (the sort the fit needs at the least,
 * with the cheapest comparator) in the same run. Not a test: the figures
 * that matter are the ratios; statsmodels is the peer of
 * bench_survival.py, which times this fit through the Python extension.
 *
 * Usage: bench_survival [n] (default 1e6 customers). */
#define _POSIX_C_SOURCE 199309L
#include <csat.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static int cmp_double(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return (a > b) - (a < b);
}

#define REPS 5

int main(int argc, char **argv)
{
    size_t n = argc > 1 ? (size_t)strtod(argv[1], NULL) : 1000000u;
    double *t = malloc(n * sizeof *t), *e = malloc(n * sizeof *e), *c = malloc(n * sizeof *c);
    if (t == NULL || e == NULL || c == NULL) {
        fprintf(stderr, "cannot allocate %zu customers\n", n);
        return 1;
    }
    uint64_t s = 1;
    for (size_t i = 0; i < n; i++) {
        s = s * 6364136223846793005ULL + 1442695040888963407ULL;
        double u = ((double)(s >> 11) + 0.5) / 9007199254740992.0;
        t[i] = -30.0 * log(u); /* exponential, mean 30: every time distinct */
        e[i] = (s >> 7) % 10 < 7; /* 70 % events */
    }
    double best_fit = 1e30, best_sort = 1e30, sink = 0;
    for (int r = 0; r < REPS; r++) {
        memcpy(c, t, n * sizeof *c);
        double t0 = now();
        qsort(c, n, sizeof *c, cmp_double);
        double t1 = now();
        csat_survival *km = NULL;
        if (csat_survival_fit(t, e, n, NULL, &km, NULL) != CSAT_OK)
            return 1;
        double t2 = now();
        csat_curve_summary sum = CSAT_RESULT_INIT(csat_curve_summary);
        if (csat_survival_summary(km, &sum, NULL) != CSAT_OK)
            return 1;
        sink += sum.median + c[n / 2];
        csat_survival_free(km);
        best_sort = t1 - t0 < best_sort ? t1 - t0 : best_sort;
        best_fit = t2 - t1 < best_fit ? t2 - t1 : best_fit;
    }
    printf("n = %zu continuous times, best of %d runs\n", n, REPS);
    printf("%-34s %9.1f ms  ratio 1.00\n", "qsort of the times (glibc)", 1e3 * best_sort);
    printf("%-34s %9.1f ms  ratio %.2f\n", "csat_survival_fit", 1e3 * best_fit,
           best_fit / best_sort);
    printf("(checksum %g)\n", sink);
    free(t);
    free(e);
    free(c);
    return 0;
}
