/* A designed NPS (strata, clusters, weights) over many answers, against the
 * unweighted grouped pass of the same answers by PSU in the same run: the
 * design's price is the weights and the variance work over the PSUs. Not a
 * test: timings on a shared machine are noisy, so the figures that matter
 * are the ratios printed last (the target is at most 3). The design's
 * creation (codes made dense, checked once) is timed apart: it is made once
 * and scores many questions.
 *
 * Usage: bench_design [n] [psus] [strata] (default 1e7 answers, 1e4 PSUs in
 * 100 strata). */
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

#define REPS 5

int main(int argc, char **argv)
{
    size_t n = argc > 1 ? (size_t)strtod(argv[1], NULL) : 10000000u;
    size_t psus = argc > 2 ? (size_t)strtod(argv[2], NULL) : 10000u;
    size_t strata = argc > 3 ? (size_t)strtod(argv[3], NULL) : 100u;
    double *x = malloc(n * sizeof *x), *w = malloc(n * sizeof *w);
    int32_t *cl = malloc(n * sizeof *cl), *st = malloc(n * sizeof *st);
    csat_nps_result *out = malloc(psus * sizeof *out);
    if (x == NULL || w == NULL || cl == NULL || st == NULL || out == NULL) {
        fprintf(stderr, "cannot allocate %zu answers\n", n);
        return 1;
    }
    uint64_t s = 1;
    for (size_t i = 0; i < n; i++) {
        s = s * 6364136223846793005ULL + 1442695040888963407ULL;
        x[i] = (double)((s >> 33) % 11); /* 0..10, like NPS answers */
        cl[i] = (int32_t)((s >> 17) % psus);
        st[i] = (int32_t)((size_t)cl[i] % strata); /* PSUs nested in strata */
        w[i] = 0.5 + (double)((s >> 45) % 8) / 4;
    }
    double t0 = now();
    csat_design *d = NULL;
    if (csat_design_create(n, w, st, cl, NULL, NULL, &d, NULL) != CSAT_OK)
        return 1;
    double create = now() - t0;
    double best[2] = { 1e30, 1e30 }, sink = 0;
    csat_nps_result r = CSAT_RESULT_INIT(csat_nps_result);
    for (int rep = 0; rep < REPS; rep++) {
        double a = now();
        out[0].size = sizeof out[0];
        if (csat_score_nps_grouped(x, n, NULL, cl, psus, NULL, NULL, out, NULL, psus, NULL)
            != CSAT_OK)
            return 1;
        double b = now();
        if (csat_design_nps(d, x, NULL, &r, NULL) != CSAT_OK)
            return 1;
        double c = now();
        sink += out[0].score + r.se;
        if (b - a < best[0])
            best[0] = b - a;
        if (c - b < best[1])
            best[1] = c - b;
    }
    printf("n = %zu answers, %zu PSUs in %zu strata, best of %d (checksum %g)\n", n, psus,
           strata, REPS, sink);
    printf("NPS %.3f, design SE %.5f, design effective n %.0f\n", r.score, r.se, r.n_effective);
    printf("unweighted grouped pass by PSU  %8.2f ms\n", 1e3 * best[0]);
    printf("designed NPS (weights, strata)  %8.2f ms   ratio %.2f\n", 1e3 * best[1],
           best[1] / best[0]);
    printf("design creation (once)          %8.2f ms\n", 1e3 * create);
    csat_design_free(d);
    free(x);
    free(w);
    free(cl);
    free(st);
    free(out);
    return 0;
}
