/*
 * Long computations (csat/drivers.h, csat/common.h): exact LMG, dominance,
 * the Monte Carlo LMG and the bootstrap on threads, with a progress
 * function that may cancel them, and csat_drivers_work, their cost.
 *
 * What must hold (doc/methods.md, "Long computations: progress,
 * cancellation and threads"):
 * - every result is the same bit for bit for threads = 1, 2, 4 and 0 (all
 *   cores), for an options struct of the 1.1 size (no threads field) and
 *   for an absurd thread count: exact LMG, Monte Carlo LMG with its SEs,
 *   dominance (general, conditional, complete), the bootstrap of LMG
 *   (exact and Monte Carlo in each replicate), of relative weights, of a
 *   survey design's PSUs, and of a model whose replicates are often
 *   singular (the same redraws, the same refusal when they outnumber the
 *   replicates), on the airline survey and on synthetic data;
 * - the progress function is called on the calling thread only, with the
 *   same total each time and csat_drivers_work's units as that total,
 *   done non-decreasing from 0 to total, and no more often than once per
 *   1/1024 of the work plus ten times a second;
 * - a non-zero return cancels, at the first call, at the k-th, halfway,
 *   at the last and inside a long bootstrap replicate: CSAT_ERR_CANCELLED,
 *   no call after it, every output untouched (sentinel bytes), nothing
 *   leaked (the sanitizer and valgrind runs of the suite see to that);
 * - csat_drivers_work gives the counts by hand (2^p, permutations, reps ×
 *   the measure's units) and refuses what the computation refuses.
 *
 * The progress function checks the thread it runs on; tests/sanitize/tsan.sh
 * runs this suite under ThreadSanitizer too.
 */
#define _POSIX_C_SOURCE 200809L

#include <math.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

/* csat_work is a sized result: the EXPECT_* macros of check.h restore its
 * size after filling it with their sentinel. */
#include "csat.h"
static void work_sized(void *p, size_t total, size_t size);
#define CHECK_SIZED_OUTPUTS csat_work : work_sized,
#include "check.h"
#include "under_valgrind.h"
#include "survey_csv.h"

#ifndef CSAT_AIRLINE_CSV
#error "CSAT_AIRLINE_CSV must be examples/data/airlinesat.csv (tests/meson.build sets it)"
#endif

#define AIR_P 23   /* s1..s23 */
#define SYN_P 14   /* the synthetic drivers */
#define SYN_N 500
#define DES_P 6    /* drivers of the designed model */
#define DES_N 600
#define DES_PSUS 30
#define MAXP AIR_P

static const unsigned thread_counts[] = { 1, 2, 4, 0 };

static void work_sized(void *p, size_t total, size_t size)
{
    (void)size;
    check_sized_first(p, total, sizeof(csat_work));
}

/* ------------------------------------------------------------------------ */
/* Data and models                                                           */

static size_t air_n;
static double *air_x, *air_y;             /* air_n × 23 (NaN for NA), air_n */
static double syn_x[SYN_N * SYN_P], syn_y[SYN_N];
static double des_x[DES_N * DES_P], des_y[DES_N], des_w[DES_N];
static int32_t des_cl[DES_N], des_st[DES_N];

static csat_drivers *air8, *air12, *air16, *air23, *syn14, *designed, *rare, *rarer;

/* Survey-like ratings 1..10 driven by a common factor; deterministic. */
static uint64_t lcg(uint64_t *s)
{
    *s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
    return *s >> 40;
}

static void synthetic(double *x, double *y, size_t n, size_t p, uint64_t seed)
{
    uint64_t s = seed;
    for (size_t i = 0; i < n; i++) {
        double f = (double)lcg(&s) / 16777216.0, acc = 0;
        for (size_t j = 0; j < p; j++) {
            double e = (double)lcg(&s) / 16777216.0;
            x[i * p + j] = floor(1 + 9 * (0.6 * f + 0.4 * e));
            acc += x[i * p + j] * (double)(j % 5 + 1) / 5.0;
        }
        y[i] = acc / (double)p + 2.0 * (double)lcg(&s) / 16777216.0;
    }
}

static csat_drivers *fit(const double *x, size_t n, size_t p, size_t ld, const double *y,
                         const double *w)
{
    csat_drivers *m = NULL;
    csat_error err;
    OK(csat_drivers_fit(x, n, p, ld, y, w, NULL, &m, &err));
    return m;
}

/* A model whose bootstrap replicates are often singular: the first driver
 * is 1 in row 0 alone (and, with `both`, the second in row 1 alone), so a
 * replicate without that row has a constant driver. P(row 0 missed) =
 * (29/30)^30 ≈ 0.36: about 0.57 redraws per replicate for one such driver,
 * 1.5 for two (more redraws than replicates: refused). */
static csat_drivers *rare_model(int both)
{
    enum { N = 30 };
    double x[N * 3], y[N];
    uint64_t s = 99;
    for (size_t i = 0; i < N; i++) {
        x[i * 3] = i == 0;
        x[i * 3 + 1] = both ? (double)(i == 1) : (double)(lcg(&s) % 7);
        x[i * 3 + 2] = (double)(lcg(&s) % 10);
        y[i] = x[i * 3 + 2] + 0.5 * x[i * 3] + (double)(lcg(&s) % 5);
    }
    return fit(x, N, 3, 3, y, NULL);
}

static int setup(void **state)
{
    (void)state;
    survey_csv t;
    if (survey_csv_load(&t, CSAT_AIRLINE_CSV) != 0)
        return -1;
    air_n = t.n;
    air_x = malloc((t.n + 1) * AIR_P * sizeof *air_x);
    air_y = malloc((t.n + 1) * sizeof *air_y);
    int bad = air_x == NULL || air_y == NULL ||
              survey_csv_items(&t, 's', AIR_P, air_x, AIR_P) != 0 ||
              survey_csv_numbers(&t, "overall_sat", air_y, 1) != 0;
    survey_csv_free(&t);
    if (bad)
        return -1;
    synthetic(syn_x, syn_y, SYN_N, SYN_P, 7);
    synthetic(des_x, des_y, DES_N, DES_P, 11);
    for (size_t i = 0; i < DES_N; i++) {
        des_cl[i] = (int32_t)(i % DES_PSUS);
        des_st[i] = (int32_t)(i % DES_PSUS) % 3;
        des_w[i] = 1.0 + (double)(i % 7) / 4.0;
    }
    csat_design *d = NULL;
    if (csat_design_create(DES_N, des_w, des_st, des_cl, NULL, NULL, &d, NULL) != CSAT_OK)
        return -1;
    csat_status st = csat_drivers_fit_design(des_x, DES_P, DES_P, des_y, d, NULL, &designed, NULL);
    csat_design_free(d);
    if (st != CSAT_OK)
        return -1;
    /* s1..s8, s1..s12, s1..s16: the first columns of the same matrix (ld 23). */
    if (csat_drivers_fit(air_x, air_n, 8, AIR_P, air_y, NULL, NULL, &air8, NULL) ||
        csat_drivers_fit(air_x, air_n, 12, AIR_P, air_y, NULL, NULL, &air12, NULL) ||
        csat_drivers_fit(air_x, air_n, 16, AIR_P, air_y, NULL, NULL, &air16, NULL) ||
        csat_drivers_fit(air_x, air_n, AIR_P, AIR_P, air_y, NULL, NULL, &air23, NULL) ||
        csat_drivers_fit(syn_x, SYN_N, SYN_P, SYN_P, syn_y, NULL, NULL, &syn14, NULL))
        return -1;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    csat_drivers *all[] = { air8, air12, air16, air23, syn14, designed, rare, rarer };
    for (size_t i = 0; i < ARRAY_LEN(all); i++)
        csat_drivers_free(all[i]);
    free(air_x);
    free(air_y);
    return 0;
}

static size_t drivers_of(const csat_drivers *m)
{
    csat_model_summary s = CSAT_RESULT_INIT(csat_model_summary);
    csat_error err;
    OK(csat_drivers_summary(m, &s, &err));
    return s.p;
}

/* ------------------------------------------------------------------------ */
/* Progress recorder                                                         */

typedef struct recorder {
    pthread_t caller;
    size_t calls;
    uint64_t first_done, last_done, total;
    int decreasing, total_changed, wrong_thread;
    /* When to return non-zero: at call number cancel_at (1-based; 0 never),
     * at the first call with done > cancel_above, or at done == total. */
    size_t cancel_at;
    uint64_t cancel_above;
    int cancel_at_last;
    int cancelled;
    size_t calls_after_cancel;
    uint64_t cancelled_done;
} recorder;

static void recorder_init(recorder *r)
{
    memset(r, 0, sizeof *r);
    r->caller = pthread_self();
    r->cancel_above = UINT64_MAX;
}

static int record(void *data, uint64_t done, uint64_t total)
{
    recorder *r = data;
    if (!pthread_equal(pthread_self(), r->caller))
        r->wrong_thread = 1; /* a race too: ThreadSanitizer reports it */
    if (r->cancelled) {
        r->calls_after_cancel++;
        return 1;
    }
    if (r->calls == 0) {
        r->first_done = done;
        r->total = total;
    } else {
        r->decreasing |= done < r->last_done;
        r->total_changed |= total != r->total;
    }
    r->calls++;
    r->last_done = done;
    if ((r->cancel_at && r->calls == r->cancel_at) || done > r->cancel_above ||
        (r->cancel_at_last && done == total)) {
        r->cancelled = 1;
        r->cancelled_done = done;
        return 1;
    }
    return 0;
}

static double seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* ------------------------------------------------------------------------ */
/* The computations, run one way                                             */

typedef enum {
    K_LMG,           /* exact LMG */
    K_MC,            /* Monte Carlo LMG, with its SEs */
    K_DOM,           /* dominance: general and conditional */
    K_DOM_COMPLETE,  /* dominance with the complete matrix */
    K_BOOT_LMG,      /* bootstrap of exact LMG */
    K_BOOT_MC,       /* bootstrap of Monte Carlo LMG */
    K_BOOT_RW,       /* bootstrap of relative weights */
    K_PRATT          /* a cheap measure */
} kind;

static const char *const kind_names[] = { "exact LMG",      "Monte Carlo LMG", "dominance",
                                          "dominance+complete", "bootstrap LMG",
                                          "bootstrap MC LMG", "bootstrap RW", "Pratt" };

typedef struct outputs {
    double a[MAXP * MAXP], b[MAXP * MAXP], c[MAXP * MAXP];
    size_t failed;
} outputs;

typedef struct how {
    unsigned threads;
    size_t reps;                 /* bootstrap */
    size_t permutations;         /* Monte Carlo */
    size_t options_size;         /* 0: the full struct */
    recorder *rec;               /* NULL: no progress function */
} how;

static csat_importance_options importance_options(kind k, const how *h)
{
    csat_importance_options o = CSAT_IMPORTANCE_OPTIONS_DEFAULT;
    o.threads = h->threads;
    if (k == K_MC || k == K_BOOT_MC) {
        o.exact_max = 3;
        o.permutations = h->permutations ? h->permutations : 700;
        o.seed = 42;
    }
    if (h->rec) {
        o.progress = record;
        o.progress_data = h->rec;
    }
    if (h->options_size)
        o.size = h->options_size;
    return o;
}

/* Bootstrap options; io is the measure's. */
static csat_bootstrap_options bootstrap_options(const how *h, const csat_importance_options *io)
{
    csat_bootstrap_options o = CSAT_BOOTSTRAP_OPTIONS_DEFAULT;
    o.reps = h->reps ? h->reps : 40;
    o.level = 0.9;
    o.seed = 2024;
    o.threads = h->threads;
    o.importance = io;
    if (h->rec) {
        o.progress = record;
        o.progress_data = h->rec;
    }
    if (h->options_size)
        o.size = h->options_size;
    return o;
}

static csat_status run(kind k, const csat_drivers *m, const how *h, outputs *out, csat_error *err)
{
    csat_importance_options io = importance_options(k, h);
    csat_importance_options inner = io;
    inner.size = sizeof inner;
    csat_bootstrap_options bo = bootstrap_options(h, &inner);
    switch (k) {
    case K_LMG:
    case K_MC:
    case K_PRATT:
        return csat_drivers_importance(m, k == K_PRATT ? CSAT_IMPORTANCE_PRATT : CSAT_IMPORTANCE_LMG,
                                       &io, out->a, out->b, err);
    case K_DOM:
        return csat_drivers_dominance(m, &io, out->a, out->b, NULL, err);
    case K_DOM_COMPLETE:
        return csat_drivers_dominance(m, &io, out->a, out->b, out->c, err);
    case K_BOOT_LMG:
    case K_BOOT_MC:
    case K_BOOT_RW:
        return csat_drivers_bootstrap(m, k == K_BOOT_RW ? CSAT_IMPORTANCE_RELATIVE_WEIGHTS
                                                         : CSAT_IMPORTANCE_LMG,
                                      &bo, out->a, out->b, &out->failed, err);
    }
    return CSAT_ERR_ARGUMENT;
}

static void sentinel(outputs *o)
{
    memset(o, 0xA5, sizeof *o);
}

static void run_ok(kind k, const csat_drivers *m, const how *h, outputs *out)
{
    csat_error err;
    sentinel(out);
    OK(run(k, m, h, out, &err));
}

/* Replicates of the bootstrap of rare_model(0): about 57 redraws expected. */
#define RARE_REPS 100

/* Every output of a run with threads = t equals that with threads = 1, bit
 * for bit (sentinel bytes where a call writes nothing are equal too). */
static void same_for_every_thread_count(kind k, const csat_drivers *m, const char *what)
{
    outputs *one = malloc(sizeof *one), *other = malloc(sizeof *other);
    assert_non_null(one);
    assert_non_null(other);
    const size_t reps = m == rare ? RARE_REPS : 0;
    how h = { 1, reps, 0, 0, NULL };
    run_ok(k, m, &h, one);
    for (size_t i = 1; i < ARRAY_LEN(thread_counts); i++) {
        h.threads = thread_counts[i];
        run_ok(k, m, &h, other);
        if (memcmp(one, other, sizeof *one) != 0) {
            print_error("%s of %s: threads = %u differs from threads = 1\n", kind_names[k], what,
                        h.threads);
            fail();
        }
    }
    /* With a progress function that lets it run: the same numbers. */
    recorder rec;
    recorder_init(&rec);
    h = (how){ 2, reps, 0, 0, &rec };
    run_ok(k, m, &h, other);
    assert_memory_equal(one, other, sizeof *one);
    free(one);
    free(other);
}

/* ------------------------------------------------------------------------ */
/* Bit-identical for every thread count                                      */

static void exact_lmg_is_the_same_on_any_threads(void **state)
{
    (void)state;
    same_for_every_thread_count(K_LMG, air16, "s1..s16");
    same_for_every_thread_count(K_LMG, syn14, "synthetic p = 14");
    same_for_every_thread_count(K_LMG, air8, "s1..s8");
    /* And they are LMG: they add up to R². */
    outputs o;
    how h = { 0, 0, 0, 0, NULL };
    run_ok(K_LMG, air16, &h, &o);
    csat_model_summary s = CSAT_RESULT_INIT(csat_model_summary);
    csat_error err;
    OK(csat_drivers_summary(air16, &s, &err));
    double total = 0;
    for (size_t j = 0; j < 16; j++)
        total += o.a[j];
    cmp_rel(CTX("LMG of s1..s16 on all cores", 1e-12), "sum", total, s.r2);
}

static void monte_carlo_lmg_is_the_same_on_any_threads(void **state)
{
    (void)state;
    same_for_every_thread_count(K_MC, air12, "s1..s12");
    same_for_every_thread_count(K_MC, syn14, "synthetic p = 14");
    /* More orderings than blocks, and fewer. */
    outputs *a = malloc(sizeof *a), *b = malloc(sizeof *b);
    assert_non_null(a);
    assert_non_null(b);
    for (size_t n = 2; n <= 2600; n += 1299) {
        how h = { 1, 0, n, 0, NULL };
        run_ok(K_MC, syn14, &h, a);
        h.threads = 2;
        run_ok(K_MC, syn14, &h, b);
        assert_memory_equal(a, b, sizeof *a);
    }
    free(a);
    free(b);
}

static void dominance_is_the_same_on_any_threads(void **state)
{
    (void)state;
    same_for_every_thread_count(K_DOM, syn14, "synthetic p = 14");
    same_for_every_thread_count(K_DOM_COMPLETE, syn14, "synthetic p = 14");
    same_for_every_thread_count(K_DOM_COMPLETE, air16, "s1..s16");
    same_for_every_thread_count(K_DOM_COMPLETE, air8, "s1..s8");
    /* The general dominance weights are the exact LMG values. */
    outputs d, l;
    how h = { 2, 0, 0, 0, NULL };
    run_ok(K_DOM_COMPLETE, air16, &h, &d);
    run_ok(K_LMG, air16, &h, &l);
    assert_memory_equal(d.a, l.a, 16 * sizeof(double));
}

static void bootstrap_is_the_same_on_any_threads(void **state)
{
    (void)state;
    same_for_every_thread_count(K_BOOT_LMG, air8, "s1..s8");
    same_for_every_thread_count(K_BOOT_MC, air8, "s1..s8");
    same_for_every_thread_count(K_BOOT_RW, air23, "s1..s23");
    same_for_every_thread_count(K_BOOT_LMG, designed, "a design's PSUs");
    same_for_every_thread_count(K_BOOT_RW, designed, "a design's PSUs");
    /* Redraws of singular replicates: the same ones, the same count. */
    rare = rare_model(0);
    outputs o;
    how h = { 3, RARE_REPS, 0, 0, NULL };
    run_ok(K_BOOT_RW, rare, &h, &o);
    assert_true(o.failed > 20 && o.failed < RARE_REPS);
    same_for_every_thread_count(K_BOOT_RW, rare, "a rare driver");
}

/* More singular redraws than replicates are refused whatever the threads:
 * the total decides, not the order in which the threads count it. */
static void too_many_redraws_are_refused_on_any_threads(void **state)
{
    (void)state;
    rarer = rare_model(1);
    for (size_t i = 0; i < ARRAY_LEN(thread_counts); i++) {
        outputs o;
        csat_error err;
        sentinel(&o);
        outputs before = o;
        how h = { thread_counts[i], 60, 0, 0, NULL };
        memset(&err, 0, sizeof err);
        assert_int_equal(run(K_BOOT_RW, rarer, &h, &o, &err), CSAT_ERR_SINGULAR);
        assert_int_equal(err.code, CSAT_ERR_SINGULAR);
        assert_string_equal(err.message,
                            "more singular replicates than the 60 replicates asked for");
        assert_memory_equal(&o, &before, sizeof o);
    }
}

/* Options of the 1.1 size (no threads, no progress) run on every core with
 * the same result; a thread count far beyond the work is capped. */
static void older_options_and_absurd_thread_counts(void **state)
{
    (void)state;
    const kind kinds[] = { K_LMG, K_MC, K_DOM_COMPLETE, K_BOOT_LMG };
    const csat_drivers *models[] = { syn14, syn14, syn14, air8 };
    for (size_t i = 0; i < ARRAY_LEN(kinds); i++) {
        outputs a, b;
        how h = { 1, 0, 0, 0, NULL };
        run_ok(kinds[i], models[i], &h, &a);
        /* size, exact_max, permutations, seed; size, reps, level, seed. */
        h = (how){ 1, 0, 0, 4 * sizeof(uint64_t), NULL };
        run_ok(kinds[i], models[i], &h, &b);
        assert_memory_equal(&a, &b, sizeof a);
        h = (how){ 100000, 0, 0, 0, NULL };
        run_ok(kinds[i], models[i], &h, &b);
        assert_memory_equal(&a, &b, sizeof a);
    }
}

/* ------------------------------------------------------------------------ */
/* The progress function                                                     */

/* The rule of csat_progress_fn, for a run that took `elapsed` seconds. */
static void check_progress_rule(const recorder *r, uint64_t total, double elapsed,
                                const char *what)
{
    if (r->calls < 2 || r->first_done != 0 || r->last_done != total || r->total != total ||
        r->decreasing || r->total_changed || r->wrong_thread ||
        (double)r->calls > 1024.0 + 2.0 + 1.0 + 10.0 * elapsed) {
        print_error("%s: %zu calls in %.3f s, first %llu, last %llu, total %llu (want %llu), "
                    "decreasing %d, total changed %d, wrong thread %d\n",
                    what, r->calls, elapsed, (unsigned long long)r->first_done,
                    (unsigned long long)r->last_done, (unsigned long long)r->total,
                    (unsigned long long)total, r->decreasing, r->total_changed,
                    r->wrong_thread);
        fail();
    }
}

static uint64_t work_units(kind k, const csat_drivers *m, const how *h)
{
    const size_t p = drivers_of(m);
    csat_importance_options io = importance_options(k, h);
    csat_importance_options inner = io;
    csat_bootstrap_options bo = bootstrap_options(h, &inner);
    csat_work w = CSAT_RESULT_INIT(csat_work);
    csat_error err;
    switch (k) {
    case K_DOM:
        return (uint64_t)1 << p;
    case K_DOM_COMPLETE:
        return (uint64_t)2 << p;
    case K_LMG:
    case K_MC:
        OK(csat_drivers_work(m, CSAT_IMPORTANCE_LMG, &io, NULL, &w, &err));
        break;
    case K_PRATT:
        OK(csat_drivers_work(m, CSAT_IMPORTANCE_PRATT, &io, NULL, &w, &err));
        break;
    case K_BOOT_LMG:
    case K_BOOT_MC:
    case K_BOOT_RW:
        OK(csat_drivers_work(m, k == K_BOOT_RW ? CSAT_IMPORTANCE_RELATIVE_WEIGHTS
                                               : CSAT_IMPORTANCE_LMG,
                             NULL, &bo, &w, &err));
        break;
    }
    return (uint64_t)w.units;
}

static void progress_follows_its_rule(void **state)
{
    (void)state;
    const struct {
        kind k;
        csat_drivers **m;
    } cases[] = {
        { K_LMG, &air16 },      { K_LMG, &syn14 },     { K_MC, &air12 },
        { K_DOM, &air16 },      { K_DOM_COMPLETE, &air16 },
        { K_BOOT_LMG, &air12 }, { K_BOOT_MC, &air8 },  { K_BOOT_RW, &air23 },
        { K_BOOT_LMG, &designed }, { K_PRATT, &air23 },
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        for (size_t t = 0; t < ARRAY_LEN(thread_counts); t++) {
            recorder rec;
            recorder_init(&rec);
            how h = { thread_counts[t], 0, 0, 0, &rec };
            outputs o;
            double t0 = seconds();
            run_ok(cases[i].k, *cases[i].m, &h, &o);
            double elapsed = seconds() - t0;
            char what[96];
            snprintf(what, sizeof what, "%s, threads = %u", kind_names[cases[i].k], h.threads);
            check_progress_rule(&rec, work_units(cases[i].k, *cases[i].m, &h), elapsed, what);
            if (cases[i].k == K_PRATT)
                assert_int_equal(rec.calls, 2); /* 0 and 1 of 1 */
        }
    }
    /* A walk of 2^16 subsets reports every 64 of them at most: the 1/1024
     * rule; it has 16 blocks of 4096, so there are several calls between 0
     * and the end. */
    recorder rec;
    recorder_init(&rec);
    how h = { 1, 0, 0, 0, &rec };
    outputs o;
    run_ok(K_LMG, air16, &h, &o);
    assert_true(rec.calls >= 4);
}

/* ------------------------------------------------------------------------ */
/* Cancellation                                                              */

/* Cancel `k` on `m` with the recorder's trigger: CSAT_ERR_CANCELLED, no
 * call after the one that cancelled, every output untouched. */
static void expect_cancelled(kind k, const csat_drivers *m, how *h, const char *what)
{
    outputs *o = malloc(sizeof *o), *before = malloc(sizeof *before);
    assert_non_null(o);
    assert_non_null(before);
    sentinel(o);
    memcpy(before, o, sizeof *o);
    csat_error err;
    memset(&err, 0, sizeof err);
    csat_status st = run(k, m, h, o, &err);
    if (st != CSAT_ERR_CANCELLED || err.code != CSAT_ERR_CANCELLED || !h->rec->cancelled ||
        h->rec->calls_after_cancel != 0 || h->rec->wrong_thread ||
        memcmp(o, before, sizeof *o) != 0) {
        print_error("%s of %s, threads = %u: status %d (%s), cancelled %d at %llu, %zu calls "
                    "after it, outputs %s\n",
                    kind_names[k], what, h->threads, (int)st, err.message, h->rec->cancelled,
                    (unsigned long long)h->rec->cancelled_done, h->rec->calls_after_cancel,
                    memcmp(o, before, sizeof *o) ? "changed" : "untouched");
        fail();
    }
    free(o);
    free(before);
}

static void cancelling_stops_and_leaves_outputs_untouched(void **state)
{
    (void)state;
    const struct {
        kind k;
        csat_drivers **m;
        const char *what;
    } cases[] = {
        { K_LMG, &air16, "s1..s16" },          { K_MC, &air12, "s1..s12" },
        { K_DOM, &air16, "s1..s16" },          { K_DOM_COMPLETE, &air16, "s1..s16" },
        { K_BOOT_LMG, &air12, "s1..s12" },     { K_BOOT_MC, &air8, "s1..s8" },
        { K_BOOT_RW, &air23, "s1..s23" },      { K_BOOT_RW, &designed, "a design" },
        { K_PRATT, &air23, "s1..s23" },
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        for (size_t t = 0; t < 2; t++) {
            unsigned threads = t ? 2 : 1;
            const csat_drivers *m = *cases[i].m;
            /* Calls of a full run: where to cancel. */
            recorder full;
            recorder_init(&full);
            how h = { threads, 0, 0, 0, &full };
            outputs o;
            run_ok(cases[i].k, m, &h, &o);
            /* On one thread the calls come where the work is, and a run
             * makes at least those of the full run (a slower one makes more
             * for the time); on two, how many come depends on the threads. */
            const size_t at[] = { 1, 2, threads == 1 ? 3 : 0, threads == 1 ? full.calls / 2 : 0 };
            for (size_t a = 0; a < ARRAY_LEN(at); a++) {
                if (at[a] == 0 || at[a] >= full.calls)
                    continue;
                recorder rec;
                recorder_init(&rec);
                rec.cancel_at = at[a];
                h.rec = &rec;
                expect_cancelled(cases[i].k, m, &h, cases[i].what);
                assert_int_equal(rec.calls, at[a]);
            }
            /* Halfway through the work, whichever call that is. */
            recorder rec;
            recorder_init(&rec);
            rec.cancel_above = full.total / 2;
            h.rec = &rec;
            if (full.total > 1)
                expect_cancelled(cases[i].k, m, &h, cases[i].what);
            /* At the last call: the work is done, but nothing is written. */
            recorder_init(&rec);
            rec.cancel_at_last = 1;
            h.rec = &rec;
            expect_cancelled(cases[i].k, m, &h, cases[i].what);
            assert_true(rec.cancelled_done == rec.total);
        }
    }
}

/* A bootstrap replicate of exact LMG over 2^16 subsets reports its progress
 * as it goes, and a stop asked inside it ends the call there: the cancelling
 * call sees less than one replicate's work done. */
static void a_long_replicate_can_be_cancelled(void **state)
{
    (void)state;
    for (size_t t = 0; t < 2; t++) {
        recorder rec;
        recorder_init(&rec);
        rec.cancel_above = 0; /* the first call after the start */
        how h = { t ? 2 : 1, 8, 0, 0, &rec };
        expect_cancelled(K_BOOT_LMG, air16, &h, "s1..s16");
        assert_int_equal(rec.total, (uint64_t)8 << 16);
        assert_true(rec.cancelled_done > 0);
        /* Inside the first replicate: the thread that computes it reports
         * every 256 resampled rows and 4096 subsets. With two threads the
         * calling one reports what the other added, waking every
         * millisecond; valgrind runs one thread at a time, for slices long
         * enough that the other finishes whole replicates in between, so
         * there only the cancellation before the end is checked. */
        if (t == 0 || !under_valgrind())
            assert_true(rec.cancelled_done < ((uint64_t)1 << 16));
        else
            assert_true(rec.cancelled_done < rec.total);
    }
}

static void cancelled_has_its_text(void **state)
{
    (void)state;
    assert_int_equal(CSAT_ERR_CANCELLED, 12);
    const char *m = csat_strerror(CSAT_ERR_CANCELLED);
    assert_string_not_equal(m, "unknown status");
    for (int s = CSAT_OK; s < CSAT_ERR_CANCELLED; s++)
        assert_string_not_equal(m, csat_strerror((csat_status)s));
}

/* ------------------------------------------------------------------------ */
/* csat_drivers_work                                                         */

static void work_by_hand(void **state)
{
    (void)state;
    csat_error err;
    csat_work w = CSAT_RESULT_INIT(csat_work);
    const double p = SYN_P, q = p + 1, sweep = 2 * p * q;
    /* Exact LMG: 2^14 subsets, a sweep step and p conditional sums each. */
    OK(csat_drivers_work(syn14, CSAT_IMPORTANCE_LMG, NULL, NULL, &w, &err));
    assert_int_equal(w.size, sizeof w);
    assert_true(w.units == 16384.0);
    assert_true(w.unit_flops == sweep + p);
    assert_true(w.flops == 16384.0 * (sweep + p));
    assert_int_equal(w.exact, 1);
    /* Monte Carlo: the orderings, p sweeps and four sums of gains each. */
    csat_importance_options io = CSAT_IMPORTANCE_OPTIONS_DEFAULT;
    io.exact_max = 10;
    io.permutations = 5000;
    OK(csat_drivers_work(syn14, CSAT_IMPORTANCE_LMG, &io, NULL, &w, &err));
    assert_true(w.units == 5000.0);
    assert_true(w.unit_flops == p * (sweep + 4));
    assert_true(w.flops == 5000.0 * p * (sweep + 4));
    assert_int_equal(w.exact, 0);
    /* The other measures: one unit. */
    const csat_importance_method cheap[] = { CSAT_IMPORTANCE_FIRST, CSAT_IMPORTANCE_LAST,
                                             CSAT_IMPORTANCE_BETA2, CSAT_IMPORTANCE_PRATT,
                                             CSAT_IMPORTANCE_RELATIVE_WEIGHTS };
    for (size_t i = 0; i < ARRAY_LEN(cheap); i++) {
        OK(csat_drivers_work(syn14, cheap[i], &io, NULL, &w, &err));
        assert_true(w.units == 1.0);
        assert_true(w.unit_flops > 0 && w.flops == w.unit_flops);
        assert_int_equal(w.exact, 1);
    }
    /* A bootstrap: reps × the measure's units; a replicate's co-moments of
     * its SYN_N rows and its correlations, spread over those units. */
    csat_bootstrap_options bo = CSAT_BOOTSTRAP_OPTIONS_DEFAULT;
    bo.reps = 250;
    OK(csat_drivers_work(syn14, CSAT_IMPORTANCE_LMG, &io, &bo, &w, &err));
    assert_true(w.units == 250.0 * 16384.0); /* bo.importance NULL: exact up to 25 */
    double rep = SYN_N * (2 * q * q + 3 * q) + q * q + 16384.0 * (sweep + p);
    cmp_rel(CTX("bootstrap unit flops", 1e-15), "unit_flops", w.unit_flops, rep / 16384.0);
    assert_int_equal(w.exact, 1);
    bo.importance = &io; /* Monte Carlo in each replicate */
    OK(csat_drivers_work(syn14, CSAT_IMPORTANCE_LMG, NULL, &bo, &w, &err));
    assert_true(w.units == 250.0 * 5000.0);
    assert_int_equal(w.exact, 0);
    OK(csat_drivers_work(syn14, CSAT_IMPORTANCE_PRATT, NULL, &bo, &w, &err));
    assert_true(w.units == 250.0);
    /* A struct of an older, shorter size: only what it holds is written. */
    struct {
        csat_work w;
        double guard;
    } shorter;
    memset(&shorter, 0xA5, sizeof shorter);
    shorter.w.size = offsetof(csat_work, flops);
    unsigned char tail[sizeof shorter - offsetof(csat_work, flops)];
    memcpy(tail, (unsigned char *)&shorter + offsetof(csat_work, flops), sizeof tail);
    OK(csat_drivers_work(syn14, CSAT_IMPORTANCE_LMG, NULL, NULL, &shorter.w, &err));
    assert_true(shorter.w.units == 16384.0);
    assert_memory_equal((unsigned char *)&shorter + offsetof(csat_work, flops), tail,
                        sizeof tail);
}

static void work_rejects_what_the_computation_rejects(void **state)
{
    (void)state;
    csat_error err;
    csat_work w = CSAT_RESULT_INIT(csat_work);
    EXPECT_NULL_ERROR(csat_drivers_work(NULL, CSAT_IMPORTANCE_LMG, NULL, NULL, &w, &err));
    EXPECT_NULL_ERROR(csat_drivers_work(syn14, CSAT_IMPORTANCE_LMG, NULL, NULL, NULL, &err));
    csat_work bad = w;
    bad.size = 3;
    assert_int_equal(csat_drivers_work(syn14, CSAT_IMPORTANCE_LMG, NULL, NULL, &bad, &err),
                     CSAT_ERR_ARGUMENT);
    bad.size = sizeof bad + sizeof(size_t);
    assert_int_equal(csat_drivers_work(syn14, CSAT_IMPORTANCE_LMG, NULL, NULL, &bad, &err),
                     CSAT_ERR_ARGUMENT);
    csat_importance_options io = CSAT_IMPORTANCE_OPTIONS_DEFAULT;
    csat_bootstrap_options bo = CSAT_BOOTSTRAP_OPTIONS_DEFAULT;
    /* Each refused as csat_drivers_importance or csat_drivers_bootstrap
     * refuses it, and w left alone. */
    typedef struct refusal {
        csat_importance_method method;
        csat_importance_options io;
        csat_bootstrap_options bo;
        int boot;
        const csat_drivers *m;
    } refusal;
    refusal refused[8];
    size_t n = 0;
    refused[n++] = (refusal){ (csat_importance_method)6, io, bo, 0, syn14 };
    io.size = 5;
    refused[n++] = (refusal){ CSAT_IMPORTANCE_LMG, io, bo, 0, syn14 };
    io.size = sizeof io;
    io.exact_max = CSAT_LMG_EXACT_LIMIT + 1;
    refused[n++] = (refusal){ CSAT_IMPORTANCE_LMG, io, bo, 0, syn14 };
    io.exact_max = 4;
    io.permutations = 1;
    refused[n++] = (refusal){ CSAT_IMPORTANCE_LMG, io, bo, 0, syn14 };
    io = (csat_importance_options)CSAT_IMPORTANCE_OPTIONS_DEFAULT;
    bo.reps = 1;
    refused[n++] = (refusal){ CSAT_IMPORTANCE_LMG, io, bo, 1, syn14 };
    bo.reps = 100;
    bo.level = 1.5;
    refused[n++] = (refusal){ CSAT_IMPORTANCE_LMG, io, bo, 1, syn14 };
    bo.level = 0.95;
    bo.size = sizeof bo + 8;
    refused[n++] = (refusal){ CSAT_IMPORTANCE_LMG, io, bo, 1, syn14 };
    bo.size = sizeof bo;
    refused[n++] = (refusal){ (csat_importance_method)-1, io, bo, 1, syn14 };
    for (size_t i = 0; i < n; i++) {
        const csat_bootstrap_options *b = refused[i].boot ? &refused[i].bo : NULL;
        EXPECT_FAIL(CSAT_ERR_ARGUMENT, w,
                    csat_drivers_work(refused[i].m, refused[i].method, &refused[i].io, b, &w,
                                      &err));
        /* The computation says the same. */
        double lo[SYN_P], hi[SYN_P];
        csat_error e2;
        csat_status st = refused[i].boot
                             ? csat_drivers_bootstrap(refused[i].m, refused[i].method, b, lo, hi,
                                                      NULL, &e2)
                             : csat_drivers_importance(refused[i].m, refused[i].method,
                                                       &refused[i].io, lo, hi, &e2);
        assert_int_equal(st, CSAT_ERR_ARGUMENT);
        assert_string_equal(e2.message, err.message);
    }
    /* The bootstrap's measure options, through bo.importance. */
    io.exact_max = 4;
    io.permutations = 1;
    bo.importance = &io;
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, w,
                csat_drivers_work(syn14, CSAT_IMPORTANCE_LMG, NULL, &bo, &w, &err));
    io = (csat_importance_options)CSAT_IMPORTANCE_OPTIONS_DEFAULT;
    io.size = 12;
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, w,
                csat_drivers_work(syn14, CSAT_IMPORTANCE_LMG, NULL, &bo, &w, &err));
    /* A model without rows has no bootstrap; a model without intercept no LMG. */
    csat_xprod *a = NULL;
    csat_drivers *mx = NULL, *mn = NULL;
    OK(csat_xprod_create(SYN_P, &a, &err));
    OK(csat_xprod_add(a, syn_x, SYN_N, SYN_P, syn_y, NULL, &err));
    OK(csat_drivers_fit_xprod(a, NULL, &mx, &err));
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, w,
                csat_drivers_work(mx, CSAT_IMPORTANCE_LMG, NULL,
                                  &(csat_bootstrap_options)CSAT_BOOTSTRAP_OPTIONS_DEFAULT, &w,
                                  &err));
    OK(csat_drivers_work(mx, CSAT_IMPORTANCE_LMG, NULL, NULL, &w, &err));
    const csat_drivers_options noint = { sizeof(csat_drivers_options), 0, 0.95 };
    OK(csat_drivers_fit(syn_x, SYN_N, SYN_P, SYN_P, syn_y, NULL, &noint, &mn, &err));
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, w,
                csat_drivers_work(mn, CSAT_IMPORTANCE_LMG, NULL, NULL, &w, &err));
    OK(csat_drivers_work(mn, CSAT_IMPORTANCE_BETA2, NULL, NULL, &w, &err));
    assert_true(w.units == 1.0);
    csat_drivers_free(mx);
    csat_drivers_free(mn);
    csat_xprod_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(exact_lmg_is_the_same_on_any_threads),
        cmocka_unit_test(monte_carlo_lmg_is_the_same_on_any_threads),
        cmocka_unit_test(dominance_is_the_same_on_any_threads),
        cmocka_unit_test(bootstrap_is_the_same_on_any_threads),
        cmocka_unit_test(too_many_redraws_are_refused_on_any_threads),
        cmocka_unit_test(older_options_and_absurd_thread_counts),
        cmocka_unit_test(progress_follows_its_rule),
        cmocka_unit_test(cancelling_stops_and_leaves_outputs_untouched),
        cmocka_unit_test(a_long_replicate_can_be_cancelled),
        cmocka_unit_test(cancelled_has_its_text),
        cmocka_unit_test(work_by_hand),
        cmocka_unit_test(work_rejects_what_the_computation_rejects),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
