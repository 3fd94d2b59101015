/* Throughput of NPS, CSAT and mean score over a large array, against a
 * bandwidth-bound read of the same array in the same run (a sum over eight
 * independent accumulators, which the compiler vectorises and which only
 * memory bandwidth limits). Not a test: timings on a shared machine are
 * noisy, so the figures that matter are the ratios printed last.
 *
 * Usage: bench_scores [n] (default 1e8 answers, 800 MB). */
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

/* The baseline: eight independent partial sums, so the loop is limited by
 * how fast memory delivers the array, not by the add latency. */
static double read_sum(const double *x, size_t n)
{
    double s[8] = { 0 };
    size_t i = 0;
    for (; i + 8 <= n; i += 8)
        for (int j = 0; j < 8; j++)
            s[j] += x[i + j];
    for (; i < n; i++)
        s[0] += x[i];
    return s[0] + s[1] + s[2] + s[3] + s[4] + s[5] + s[6] + s[7];
}

#define REPS 5

int main(int argc, char **argv)
{
    size_t n = argc > 1 ? (size_t)strtod(argv[1], NULL) : 100000000u;
    double *x = malloc(n * sizeof *x);
    if (x == NULL) {
        fprintf(stderr, "cannot allocate %zu answers\n", n);
        return 1;
    }
    uint64_t s = 1;
    for (size_t i = 0; i < n; i++) {
        s = s * 6364136223846793005ULL + 1442695040888963407ULL;
        x[i] = (double)((s >> 33) % 11); /* 0..10, like NPS answers */
    }
    double best_read = 1e30, best_nps = 1e30, best_csat = 1e30, best_mean = 1e30, sink = 0;
    for (int r = 0; r < REPS; r++) {
        double t0 = now();
        sink += read_sum(x, n);
        double t1 = now();
        csat_nps_result nps = CSAT_RESULT_INIT(csat_nps_result);
        if (csat_score_nps(x, n, NULL, NULL, &nps, NULL) != CSAT_OK)
            return 1;
        double t2 = now();
        csat_share_result cs = CSAT_RESULT_INIT(csat_share_result);
        csat_csat_options co = { sizeof(csat_csat_options), 0, 10, 9, 0.95 };
        if (csat_score_csat(x, n, NULL, &co, &cs, NULL) != CSAT_OK)
            return 1;
        double t3 = now();
        csat_mean_result m = CSAT_RESULT_INIT(csat_mean_result);
        if (csat_score_mean(x, n, NULL, NULL, &m, NULL) != CSAT_OK)
            return 1;
        double t4 = now();
        sink += nps.score + cs.score + m.score;
        best_read = t1 - t0 < best_read ? t1 - t0 : best_read;
        best_nps = t2 - t1 < best_nps ? t2 - t1 : best_nps;
        best_csat = t3 - t2 < best_csat ? t3 - t2 : best_csat;
        best_mean = t4 - t3 < best_mean ? t4 - t3 : best_mean;
    }
    double gb = (double)n * sizeof(double) / 1e9;
    printf("n = %zu answers (%.2f GB), best of %d runs\n", n, gb, REPS);
    printf("%-28s %9.1f ms  %6.2f GB/s  ratio 1.00\n", "bandwidth read (8 sums)", 1e3 * best_read,
           gb / best_read);
    printf("%-28s %9.1f ms  %6.2f GB/s  ratio %.2f\n", "csat_score_nps", 1e3 * best_nps, gb / best_nps,
           best_nps / best_read);
    printf("%-28s %9.1f ms  %6.2f GB/s  ratio %.2f\n", "csat_score_csat", 1e3 * best_csat,
           gb / best_csat, best_csat / best_read);
    printf("%-28s %9.1f ms  %6.2f GB/s  ratio %.2f\n", "csat_score_mean", 1e3 * best_mean,
           gb / best_mean, best_mean / best_read);
    printf("(checksum %g)\n", sink);
    free(x);
    return 0;
}
