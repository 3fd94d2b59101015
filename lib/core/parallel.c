/* Blocks of a long computation on the caller's thread and on threads that
 * live only as long as the call; the caller's progress function and its
 * cancellation (doc/methods.md, "Long computations: progress, cancellation
 * and threads"). */
#define _POSIX_C_SOURCE 200809L

#include "core/parallel.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "core/error.h"

/* A progress call at least this often (seconds), so that a caller can react
 * to an interrupt within a fraction of a second whatever the size of the
 * work; and the fraction of the work between two calls otherwise. */
#define METER_PERIOD 0.1
#define METER_STEPS 1024

/* How long the calling thread sleeps between two looks at the others'
 * progress once it has no block left (seconds). */
#define POLL_NANOSECONDS 1000000L

static double monotonic_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

void csat_meter_init(csat_meter *m, csat_progress_fn fn, void *data, uint64_t total)
{
    m->fn = fn;
    m->data = data;
    m->total = total;
    m->step = total / METER_STEPS + (total % METER_STEPS != 0); /* ⌈total / 1024⌉ */
    if (m->step == 0)
        m->step = 1;
    m->last_done = 0;
    m->last_time = fn ? monotonic_now() : 0.0;
    m->stopped = 0;
}

int csat_meter_report(csat_meter *m, uint64_t done, int force)
{
    if (m == NULL || m->fn == NULL)
        return 0;
    if (m->stopped)
        return 1;
    if (done > m->total)
        done = m->total;
    if (done < m->last_done)
        done = m->last_done;
    if (!force && done - m->last_done < m->step) {
        double t = monotonic_now();
        if (t - m->last_time < METER_PERIOD)
            return 0;
        m->last_time = t;
    } else {
        m->last_time = monotonic_now();
    }
    m->last_done = done;
    if (m->fn(m->data, done, m->total) != 0)
        m->stopped = 1;
    return m->stopped;
}

csat_status csat_fail_cancelled(csat_error *err)
{
    return csat_fail(err, CSAT_ERR_CANCELLED, CSAT_NO_INDEX, CSAT_NO_INDEX,
                     "the progress function asked to stop");
}

unsigned csat_threads_online(unsigned wanted)
{
    if (wanted == 0) {
        long n = sysconf(_SC_NPROCESSORS_ONLN);
        wanted = n >= 1 ? (n > CSAT_THREADS_CAP ? CSAT_THREADS_CAP : (unsigned)n) : 1u;
    }
    return wanted > CSAT_THREADS_CAP ? CSAT_THREADS_CAP : wanted;
}

unsigned csat_job_threads(const csat_exec *exec, size_t blocks)
{
    if (exec->outer != NULL || blocks <= 1)
        return 1;
    unsigned t = csat_threads_online(exec->threads);
    return (size_t)t > blocks ? (unsigned)blocks : t;
}

uint64_t csat_job_block_units(uint64_t units, size_t blocks, size_t b)
{
    /* start(b) = ⌊units·b / blocks⌋ without the product: q·b + ⌊r·b / blocks⌋
     * (r < blocks, and blocks are far fewer than 2^32). */
    uint64_t q = units / blocks, r = units % blocks;
    uint64_t s0 = q * b + r * b / blocks, s1 = q * (b + 1) + r * (b + 1) / blocks;
    return s1 - s0;
}

typedef struct job_state {
    const csat_job *job;
    atomic_size_t next;      /* the next block to hand out */
    atomic_uint_fast64_t done;
    atomic_int cancel;       /* the caller's function asked to stop */
    atomic_size_t fail_block; /* lowest failed block, or SIZE_MAX */
    atomic_uint running;     /* threads other than the caller's still working */
    pthread_mutex_t *mu;     /* guards the failure's status and details */
    csat_status fail_status;
    csat_error fail_err;
} job_state;

struct csat_lane {
    job_state *js;
    unsigned worker;
    size_t block;
    uint64_t cap, reported; /* of the current block: units it may report before its end, and did */
};

static int lane_stop(const csat_lane *l)
{
    return atomic_load_explicit(&l->js->cancel, memory_order_relaxed) ||
           atomic_load_explicit(&l->js->fail_block, memory_order_relaxed) < l->block;
}

/* On the calling thread only: offer the progress to the caller. */
static void lane_report(csat_lane *l)
{
    const csat_job *job = l->js->job;
    if (l->worker != 0 || job->exec.meter == NULL)
        return;
    uint64_t done = atomic_load_explicit(&l->js->done, memory_order_relaxed);
    if (csat_meter_report(job->exec.meter, job->base + done, 0))
        atomic_store(&l->js->cancel, 1);
}

int csat_lane_tick(csat_lane *l, uint64_t units)
{
    if (l == NULL)
        return 0;
    uint64_t room = l->cap - l->reported;
    if (units > room)
        units = room;
    if (units > 0) {
        l->reported += units;
        atomic_fetch_add_explicit(&l->js->done, units, memory_order_relaxed);
    }
    lane_report(l);
    return lane_stop(l);
}

static void record_failure(job_state *js, size_t b, csat_status st, const csat_error *e)
{
    pthread_mutex_lock(js->mu);
    if (b < atomic_load(&js->fail_block)) {
        js->fail_status = st;
        js->fail_err = *e;
        atomic_store(&js->fail_block, b);
    }
    pthread_mutex_unlock(js->mu);
}

/* Take blocks in order until none is left, the caller cancels, or a block
 * before the next one failed (the blocks after a failure are not needed;
 * those before it still run, so that the failure reported is the first). */
static void work(csat_lane *l)
{
    job_state *js = l->js;
    const csat_job *job = js->job;
    for (;;) {
        if (atomic_load_explicit(&js->cancel, memory_order_relaxed))
            break;
        size_t b = atomic_fetch_add(&js->next, 1);
        if (b >= job->blocks || b > atomic_load(&js->fail_block))
            break;
        uint64_t u = csat_job_block_units(job->units, job->blocks, b);
        l->block = b;
        l->cap = u > 0 ? u - 1 : 0;
        l->reported = 0;
        csat_error e;
        e.message[0] = '\0';
        csat_status st = job->run(job->ctx, l, b, l->worker, &e);
        if (st == CSAT_OK) {
            atomic_fetch_add_explicit(&js->done, u - l->reported, memory_order_relaxed);
        } else if (st != CSAT_ERR_CANCELLED || !lane_stop(l)) {
            if (e.message[0] == '\0')
                csat_fail(&e, st, CSAT_NO_INDEX, CSAT_NO_INDEX, NULL);
            record_failure(js, b, st, &e);
        }
        lane_report(l);
    }
}

static void *helper_main(void *arg)
{
    csat_lane *l = arg;
    work(l);
    atomic_fetch_sub(&l->js->running, 1);
    return NULL;
}

/* The blocks in order on the calling thread: without progress function on
 * one thread (lane NULL: nothing shared, nothing to report, nothing can
 * cancel), or inside a block of an enclosing job, whose lane is told of
 * the progress and may stop it between blocks. */
static csat_status run_inline(const csat_job *job, csat_lane *lane, csat_error *err)
{
    for (size_t b = 0; b < job->blocks; b++) {
        if (b > 0 && csat_lane_tick(lane, 0))
            return CSAT_ERR_CANCELLED;
        csat_status st = job->run(job->ctx, lane, b, 0, err);
        if (st != CSAT_OK)
            return st;
    }
    return CSAT_OK;
}

csat_status csat_job_run(const csat_job *job, csat_error *err)
{
    if (job->exec.outer != NULL)
        return run_inline(job, job->exec.outer, err);
    unsigned n = csat_job_threads(&job->exec, job->blocks);
    if (n == 1 && job->exec.meter == NULL)
        return run_inline(job, NULL, err);

    pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
    job_state js;
    js.job = job;
    js.mu = &mu;
    atomic_init(&js.next, 0);
    atomic_init(&js.done, 0);
    atomic_init(&js.cancel, 0);
    atomic_init(&js.fail_block, SIZE_MAX);
    atomic_init(&js.running, 0);
    js.fail_status = CSAT_OK;

    csat_lane one;
    csat_lane *lanes = n > 1 ? malloc(n * sizeof *lanes) : &one;
    pthread_t *tid = n > 1 ? malloc((n - 1) * sizeof *tid) : NULL;
    if (n > 1 && (lanes == NULL || tid == NULL)) {
        free(lanes);
        free(tid);
        lanes = &one;
        tid = NULL;
        n = 1;
    }
    for (unsigned k = 0; k < n; k++)
        lanes[k] = (csat_lane){ &js, k, 0, 0, 0 };
    unsigned started = 0;
    for (unsigned k = 1; k < n; k++) {
        atomic_fetch_add(&js.running, 1);
        if (pthread_create(&tid[k - 1], NULL, helper_main, &lanes[k]) != 0) {
            /* Fewer threads give the same result. */
            atomic_fetch_sub(&js.running, 1);
            break;
        }
        started++;
    }
    work(&lanes[0]);
    if (job->exec.meter != NULL) {
        const struct timespec nap = { 0, POLL_NANOSECONDS };
        while (atomic_load(&js.running) > 0) {
            nanosleep(&nap, NULL);
            lane_report(&lanes[0]);
        }
    }
    for (unsigned k = 0; k < started; k++)
        pthread_join(tid[k], NULL);
    if (lanes != &one)
        free(lanes);
    free(tid);
    pthread_mutex_destroy(&mu);

    if (atomic_load(&js.cancel))
        return csat_fail_cancelled(err);
    if (atomic_load(&js.fail_block) != SIZE_MAX) {
        if (err != NULL)
            *err = js.fail_err;
        return js.fail_status;
    }
    return CSAT_OK;
}
