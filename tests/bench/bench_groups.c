/* Grouped NPS over many answers and groups, against reading the same
 * answers, group codes (and weights) once in the same run: a sum of each
 * array over eight independent accumulators, which only memory bandwidth
 * limits. Not a test: timings on a shared machine are noisy, so the figures
 * that matter are the ratios printed last (the target is at most 2).
 *
 * Usage: bench_groups [n] [groups] (default 1e7 answers, 1000 groups). */
#define _POSIX_C_SOURCE 199309L
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

/* The baseline: every input array read once, eight partial sums each. */
static double read_all(const double *x, const int32_t *g, const double *w, size_t n)
{
    double s[8] = { 0 };
    int64_t c[8] = { 0 };
    size_t i = 0;
    for (; i + 8 <= n; i += 8)
        for (int j = 0; j < 8; j++) {
            s[j] += x[i + j] + (w ? w[i + j] : 0.0);
            c[j] += g[i + j];
        }
    for (; i < n; i++) {
        s[0] += x[i] + (w ? w[i] : 0.0);
        c[0] += g[i];
    }
    double t = 0;
    for (int j = 0; j < 8; j++)
        t += s[j] + (double)c[j];
    return t;
}

#define REPS 5

int main(int argc, char **argv)
{
    size_t n = argc > 1 ? (size_t)strtod(argv[1], NULL) : 10000000u;
    size_t groups = argc > 2 ? (size_t)strtod(argv[2], NULL) : 1000u;
    double *x = malloc(n * sizeof *x), *w = malloc(n * sizeof *w);
    int32_t *g = malloc(n * sizeof *g);
    csat_nps_result *out = malloc(groups * sizeof *out);
    if (x == NULL || w == NULL || g == NULL || out == NULL) {
        fprintf(stderr, "cannot allocate %zu answers\n", n);
        return 1;
    }
    uint64_t s = 1;
    for (size_t i = 0; i < n; i++) {
        s = s * 6364136223846793005ULL + 1442695040888963407ULL;
        x[i] = (double)((s >> 33) % 11); /* 0..10, like NPS answers */
        g[i] = (int32_t)((s >> 17) % groups);
        w[i] = 0.5 + (double)((s >> 45) % 8) / 4;
    }
    double best[4] = { 1e30, 1e30, 1e30, 1e30 }, sink = 0;
    for (int r = 0; r < REPS; r++) {
        for (int weighted = 0; weighted < 2; weighted++) {
            const double *wt = weighted ? w : NULL;
            double t0 = now();
            sink += read_all(x, g, wt, n);
            double t1 = now();
            out[0].size = sizeof out[0];
            if (csat_score_nps_grouped(x, n, wt, g, groups, NULL, NULL, out, NULL, groups, NULL)
                != CSAT_OK)
                return 1;
            double t2 = now();
            sink += out[groups - 1].score;
            if (t1 - t0 < best[2 * weighted])
                best[2 * weighted] = t1 - t0;
            if (t2 - t1 < best[2 * weighted + 1])
                best[2 * weighted + 1] = t2 - t1;
        }
    }
    printf("n = %zu answers, %zu groups, best of %d runs\n", n, groups, REPS);
    printf("%-36s %9.2f ms\n", "read answers + codes", 1e3 * best[0]);
    printf("%-36s %9.2f ms  ratio %.2f\n", "csat_score_nps_grouped", 1e3 * best[1],
           best[1] / best[0]);
    printf("%-36s %9.2f ms\n", "read answers + codes + weights", 1e3 * best[2]);
    printf("%-36s %9.2f ms  ratio %.2f\n", "csat_score_nps_grouped, weighted", 1e3 * best[3],
           best[3] / best[2]);
    printf("(checksum %g)\n", sink);
    free(x);
    free(w);
    free(g);
    free(out);
    return 0;
}
