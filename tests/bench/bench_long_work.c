/* Long computations on threads (doc/methods.md, "Long computations:
 * progress, cancellation and threads"). Not a test.
 *
 * 1. Exact LMG at p = 20, 22, 24 (survey-like data, n = 2000): the walk of
 *    release 1.1 (a copy of its single Gray-code walk, below, on the same
 *    correlation matrix), threads = 1 and threads = 2, the speed-up of two
 *    threads, and the overhead of a progress function that does nothing.
 *    Each timing is the fastest of `repeats` runs: the machine may be busy.
 * 2. The bootstrap of exact LMG over the 23 drivers of the airline survey:
 *    `boot_reps` replicates on all cores (and a few on one thread),
 *    extrapolated to 1,000; and the Monte Carlo LMG in each replicate with
 *    as many orderings as keep the interval as wide as the exact one
 *    (within 1 %), timed the same way. How the orderings are matched: the
 *    Monte Carlo noise of a replicate, sd_j/√K for driver j (sd_j from the
 *    SEs of csat_drivers_importance), adds to the bootstrap spread σ_j of
 *    the estimate in quadrature, so the interval widens by √(1 +
 *    sd_j²/(K σ_j²)); K is chosen so that this is at most 1.01 for every
 *    driver (sd_j/√K ≤ 0.1418 σ_j). σ_j is half the width of the exact
 *    bootstrap's 68.27 % interval. With the same seed both bootstraps
 *    resample the same rows (replicate r draws its rows first from stream
 *    r), so the ratio of their widths shows the Monte Carlo noise alone.
 *
 * Usage: bench_long_work [repeats] [boot_reps] [largest p]   (3 20 24) */
#define _POSIX_C_SOURCE 200809L
#include <csat.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "survey_csv.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* CPU time of the process, all its threads: on a busy machine the wall
 * time of one thread says little, its CPU time more. */
static double cpu(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* Fastest wall and CPU time of several runs. */
typedef struct timing {
    double wall, cpu;
} timing;

static void keep_best(timing *best, double wall, double cpu_s)
{
    best->wall = wall < best->wall ? wall : best->wall;
    best->cpu = cpu_s < best->cpu ? cpu_s : best->cpu;
}

/* Survey-like data: ratings 1..10 driven by a common factor, outcome a
 * weighted sum plus noise (bench_drivers.c's). */
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

/* ------------------------------------------------------------------------ */
/* Release 1.1's exact LMG: one Gray-code walk over all subsets, refreshed   */
/* every 4096 steps (lib/drivers/importance.c and lib/core/linalg.c as they  */
/* were), for timing against threads = 1.                                    */

static void old_pivot_update(double *a, size_t n, size_t k, double c, double f, double new_kk)
{
    double *rk = a + k * n;
    for (size_t i = 0; i < n; i++) {
        if (i == k)
            continue;
        double *ri = a + i * n;
        double ci = c * rk[i];
        for (size_t j = 0; j < n; j++)
            ri[j] += ci * rk[j];
    }
    for (size_t i = 0; i < n; i++)
        if (i != k) {
            rk[i] *= f;
            a[i * n + k] = rk[i];
        }
    rk[k] = new_kk;
}

/* Neither inlined nor analysed across calls: in the library they live in
 * linalg.c, and importance.c calls them knowing nothing of what they touch
 * (GCC would otherwise learn that they write the matrix alone, and the
 * copy would run some 13 % faster than the library did). */
#if defined(__GNUC__) && !defined(__clang__)
#define OPAQUE __attribute__((noipa))
#else
#define OPAQUE __attribute__((noinline))
#endif

OPAQUE static int old_sweep(double *a, size_t n, size_t k)
{
    double d = a[k * n + k];
    if (!(d > 0))
        return 0;
    old_pivot_update(a, n, k, -1.0 / d, 1.0 / d, -1.0 / d);
    return 1;
}

OPAQUE static void old_unsweep(double *a, size_t n, size_t k)
{
    double d = -1.0 / a[k * n + k];
    old_pivot_update(a, n, k, d, d, d);
}

static int old_reset(double *a, const double *corr, size_t p, uint64_t set)
{
    size_t q = p + 1;
    memcpy(a, corr, q * q * sizeof *a);
    for (size_t j = 0; j < p; j++)
        if ((set >> j) & 1u)
            if (!(a[j * q + j] > 1e-13) || !old_sweep(a, q, j))
                return 0;
    return 1;
}

static int old_lmg(const double *corr, size_t p, double *out)
{
    size_t q = p + 1;
    double *a = malloc(q * q * sizeof *a), *cond = calloc(p * p, sizeof *cond);
    if (!a || !cond)
        return 1;
    old_reset(a, corr, p, 0);
    uint64_t set = 0, total = (uint64_t)1 << p;
    for (uint64_t t = 1; t < total; t++) {
        size_t j = (size_t)__builtin_ctzll(t);
        int in = (int)((set >> j) & 1u);
        set ^= (uint64_t)1 << j;
        int ok;
        if (t % 4096 == 0)
            ok = old_reset(a, corr, p, set);
        else if (in) {
            old_unsweep(a, q, j);
            ok = 1;
        } else
            ok = a[j * q + j] > 1e-13 && old_sweep(a, q, j);
        if (!ok)
            return 1;
        double r2 = 1.0 - a[p * q + p];
        size_t size = (size_t)__builtin_popcountll(set);
        for (size_t l = 0; l < p; l++) {
            if ((set >> l) & 1u)
                cond[l * p + size - 1] += r2;
            else
                cond[l * p + size] -= r2;
        }
    }
    for (size_t j = 0; j < p; j++) {
        double s = 0;
        for (size_t k = 0; k < p; k++) {
            double c = 1;
            for (size_t i = 0; i < k; i++)
                c = c * (double)(p - 1 - i) / (double)(i + 1);
            s += cond[j * p + k] / c;
        }
        out[j] = s / (double)p;
    }
    free(a);
    free(cond);
    return 0;
}

/* Correlation matrix of (x, y), drivers then the outcome, two passes. */
static void correlations(const double *x, const double *y, size_t n, size_t p, double *corr)
{
    size_t q = p + 1;
    double mean[64] = { 0 }, *c = calloc(q * q, sizeof *c);
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < q; j++)
            mean[j] += (j < p ? x[i * p + j] : y[i]) / (double)n;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < q; j++)
            for (size_t k = 0; k < q; k++)
                c[j * q + k] += ((j < p ? x[i * p + j] : y[i]) - mean[j]) *
                                ((k < p ? x[i * p + k] : y[i]) - mean[k]);
    for (size_t j = 0; j < q; j++)
        for (size_t k = 0; k < q; k++)
            corr[j * q + k] = c[j * q + k] / sqrt(c[j * q + j] * c[k * q + k]);
    free(c);
}

/* ------------------------------------------------------------------------ */

static int nothing(void *data, uint64_t done, uint64_t total)
{
    (void)data;
    (void)done;
    (void)total;
    return 0;
}

static void time_lmg(const csat_drivers *m, unsigned threads, int progress, timing *best,
                     double *out)
{
    csat_importance_options o = CSAT_IMPORTANCE_OPTIONS_DEFAULT;
    o.threads = threads;
    o.progress = progress ? nothing : NULL;
    double t0 = now(), c0 = cpu();
    if (csat_drivers_importance(m, CSAT_IMPORTANCE_LMG, &o, out, NULL, NULL) != CSAT_OK)
        exit(4);
    keep_best(best, now() - t0, cpu() - c0);
}

static void exact_lmg(int repeats, size_t max_p)
{
    const size_t n = 2000;
    printf("Exact LMG, n = %zu: fastest of %d runs, wall seconds (CPU seconds of all threads)\n",
           n, repeats);
    printf("%3s %16s %16s %16s %8s %15s %16s %16s %16s\n", "p", "1.1 walk", "threads=1",
           "threads=2", "speed-up", "1 vs 1.1 (CPU)", "1+progress", "2+progress",
           "overhead 1 / 2");
    for (size_t p = 20; p <= max_p; p += 2) {
        double *x = malloc(n * p * sizeof *x), *y = malloc(n * sizeof *y);
        double *corr = malloc((p + 1) * (p + 1) * sizeof *corr);
        double old[32], v1[32], v2[32], vp[32];
        if (!x || !y || !corr)
            exit(1);
        make(x, y, n, p);
        correlations(x, y, n, p, corr);
        csat_drivers *m = NULL;
        if (csat_drivers_fit(x, n, p, p, y, NULL, NULL, &m, NULL) != CSAT_OK)
            exit(3);
        /* Interleaved, so that a busy spell of the machine hits all alike. */
        timing t_old = { INFINITY, INFINITY }, t1 = t_old, t2 = t_old, t1p = t_old,
               t2p = t_old;
        for (int r = 0; r < repeats; r++) {
            double t0 = now(), c0 = cpu();
            if (old_lmg(corr, p, old))
                exit(5);
            keep_best(&t_old, now() - t0, cpu() - c0);
            time_lmg(m, 1, 0, &t1, v1);
            time_lmg(m, 2, 0, &t2, v2);
            time_lmg(m, 1, 1, &t1p, vp);
            time_lmg(m, 2, 1, &t2p, vp);
        }
        double diff = 0;
        for (size_t j = 0; j < p; j++) {
            diff = fmax(diff, fabs(v1[j] - old[j]));
            if (v1[j] != v2[j])
                exit(6); /* threads must not change a bit */
        }
        printf("%3zu %7.3f (%6.3f) %7.3f (%6.3f) %7.3f (%6.3f) %7.2fx %+6.1f%% (%+5.1f%%) "
               "%7.3f (%6.3f) %7.3f (%6.3f) %+6.2f%% / %+5.2f%%  |1.1 - now| <= %.1e\n",
               p, t_old.wall, t_old.cpu, t1.wall, t1.cpu, t2.wall, t2.cpu, t1.wall / t2.wall,
               100.0 * (t1.wall - t_old.wall) / t_old.wall,
               100.0 * (t1.cpu - t_old.cpu) / t_old.cpu, t1p.wall, t1p.cpu, t2p.wall, t2p.cpu,
               100.0 * (t1p.wall - t1.wall) / t1.wall, 100.0 * (t2p.wall - t2.wall) / t2.wall,
               diff);
        fflush(stdout);
        csat_drivers_free(m);
        free(x);
        free(y);
        free(corr);
    }
}

/* ------------------------------------------------------------------------ */

#define AIR_P 23

static double time_bootstrap(const csat_drivers *m, size_t reps, unsigned threads,
                             const csat_importance_options *io, double level, double *lo,
                             double *hi)
{
    csat_bootstrap_options o = CSAT_BOOTSTRAP_OPTIONS_DEFAULT;
    o.reps = reps;
    o.threads = threads;
    o.level = level;
    o.importance = io;
    double t0 = now();
    if (csat_drivers_bootstrap(m, CSAT_IMPORTANCE_LMG, &o, lo, hi, NULL, NULL) != CSAT_OK)
        exit(7);
    return now() - t0;
}

static void bootstrap(size_t reps)
{
    survey_csv t;
    if (survey_csv_load(&t, CSAT_AIRLINE_CSV) != 0)
        exit(8);
    double *x = malloc(t.n * AIR_P * sizeof *x), *y = malloc(t.n * sizeof *y);
    if (!x || !y || survey_csv_items(&t, 's', AIR_P, x, AIR_P) != 0 ||
        survey_csv_numbers(&t, "overall_sat", y, 1) != 0)
        exit(9);
    csat_drivers *m = NULL;
    if (csat_drivers_fit(x, t.n, AIR_P, AIR_P, y, NULL, NULL, &m, NULL) != CSAT_OK)
        exit(10);
    csat_model_summary s = CSAT_RESULT_INIT(csat_model_summary);
    if (csat_drivers_summary(m, &s, NULL) != CSAT_OK)
        exit(11);
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    printf("\nBootstrap of LMG, airline survey: p = %d, n = %zu complete rows, %ld cores\n",
           AIR_P, s.n, cores);

    /* Exact LMG in each replicate: on all cores, and a few on one. */
    double lo[AIR_P], hi[AIR_P], lo68[AIR_P], hi68[AIR_P], mlo[AIR_P], mhi[AIR_P];
    csat_work w = CSAT_RESULT_INIT(csat_work);
    csat_bootstrap_options bo = CSAT_BOOTSTRAP_OPTIONS_DEFAULT;
    bo.reps = 1000;
    if (csat_drivers_work(m, CSAT_IMPORTANCE_LMG, NULL, &bo, &w, NULL) != CSAT_OK)
        exit(12);
    double te = time_bootstrap(m, reps, 0, NULL, 0.6827, lo68, hi68);
    double t1 = time_bootstrap(m, 2, 1, NULL, 0.6827, lo, hi);
    double t2 = time_bootstrap(m, 2, 0, NULL, 0.6827, lo, hi);
    printf("exact LMG:   %zu replicates %.2f s on all cores (%.3f s each); 2 replicates %.2f s "
           "on one thread, %.2f s on all cores (%.2fx)\n",
           reps, te, te / (double)reps, t1, t2, t1 / t2);
    printf("             1,000 replicates: %.0f s = %.1f min on all cores "
           "(csat_drivers_work: %.3g units, %.3g flops)\n",
           te / (double)reps * 1000, te / (double)reps * 1000 / 60, w.units, w.flops);

    /* Orderings that keep the interval within 1 % of its exact width. */
    csat_importance_options io = CSAT_IMPORTANCE_OPTIONS_DEFAULT;
    io.exact_max = AIR_P - 1;
    io.permutations = 4000;
    double v[AIR_P], se[AIR_P];
    if (csat_drivers_importance(m, CSAT_IMPORTANCE_LMG, &io, v, se, NULL) != CSAT_OK)
        exit(13);
    double need = 0;
    for (size_t j = 0; j < AIR_P; j++) {
        double sd = se[j] * sqrt((double)io.permutations), sigma = (hi68[j] - lo68[j]) / 2;
        double k = pow(sd / (0.1418 * sigma), 2);
        need = k > need ? k : need;
    }
    io.permutations = (size_t)ceil(need / 100) * 100;
    double tm = time_bootstrap(m, reps, 0, &io, 0.6827, mlo, mhi);
    double rmax = 0, rsum = 0;
    for (size_t j = 0; j < AIR_P; j++) {
        double r = (mhi[j] - mlo[j]) / (hi68[j] - lo68[j]);
        rmax = fmax(rmax, fabs(r - 1));
        rsum += r;
    }
    printf("Monte Carlo: %zu orderings per replicate; %zu replicates %.2f s on all cores "
           "(%.3f s each); 1,000: %.0f s = %.1f min, %.0fx faster\n",
           io.permutations, reps, tm, tm / (double)reps, tm / (double)reps * 1000,
           tm / (double)reps * 1000 / 60, te / tm);
    printf("             68.27 %% interval widths against the exact ones (same rows): mean "
           "ratio %.4f, largest |ratio - 1| %.4f\n",
           rsum / AIR_P, rmax);
    csat_drivers_free(m);
    survey_csv_free(&t);
    free(x);
    free(y);
}

int main(int argc, char **argv)
{
    int repeats = argc > 1 ? atoi(argv[1]) : 3;
    size_t reps = argc > 2 ? (size_t)atol(argv[2]) : 20;
    size_t max_p = argc > 3 ? (size_t)atol(argv[3]) : 24;
    if (repeats < 1 || reps < 2 || max_p < 20 || max_p > 30)
        return 2;
    double load[1] = { 0 };
    FILE *f = fopen("/proc/loadavg", "r");
    if (f) {
        if (fscanf(f, "%lf", &load[0]) != 1)
            load[0] = -1;
        fclose(f);
    }
    printf("libcsat %s, %ld online cores, load average %.2f at the start\n\n", csat_version(),
           sysconf(_SC_NPROCESSORS_ONLN), load[0]);
    exact_lmg(repeats, max_p);
    bootstrap(reps);
    return 0;
}
