/* Internal: long computations split into blocks, run on the caller's
 * thread and, when asked, on threads started and joined inside the call;
 * the caller's progress function and its cancellation (doc/methods.md,
 * "Long computations: progress, cancellation and threads"). Never
 * installed.
 *
 * A job is a fixed number of blocks, chosen by the computation from its
 * size alone, never from the number of threads. Each block writes only its
 * own part of the result (a partial sum, a slice of a table, one
 * replicate), and the computation combines the parts in block order after
 * the job: so the result is the same, bit for bit, whichever thread ran
 * which block and however many there were. */
#ifndef CSAT_LIB_CORE_PARALLEL_H
#define CSAT_LIB_CORE_PARALLEL_H

#include <stddef.h>
#include <stdint.h>

#include "csat/common.h"

/* No more threads than this are started, whatever the caller asks. */
#define CSAT_THREADS_CAP 256

/* The progress of one library call, on the calling thread only. It calls
 * the caller's function with done non-decreasing: first with 0, then when
 * done has grown by total/1024 (at least 1) or 0.1 s have passed since the
 * last call, and last with total. */
typedef struct csat_meter {
    csat_progress_fn fn;
    void *data;
    uint64_t total, step, last_done;
    double last_time; /* seconds on the monotonic clock */
    int stopped;      /* the function returned non-zero */
} csat_meter;

/* fn may be NULL: then the meter is never used (pass NULL meters on). */
void csat_meter_init(csat_meter *m, csat_progress_fn fn, void *data, uint64_t total);

/* Offer `done` to the caller's function: called if `force` or the rule
 * above allows. Non-zero once the function has asked to stop. */
int csat_meter_report(csat_meter *m, uint64_t done, int force);

/* Where a block reports its progress and learns that it must stop. NULL
 * (a call without progress function on one thread) reports nothing and
 * never stops. */
typedef struct csat_lane csat_lane;

/* Add `units` of work done in the current block (capped so that the block
 * reaches its full count only when it ends); non-zero when the block must
 * stop now: the caller cancelled, or an earlier block failed. The block
 * then returns CSAT_ERR_CANCELLED. Cheap: call it every few milliseconds
 * of work, never per subset. */
int csat_lane_tick(csat_lane *lane, uint64_t units);

/* One block of a job. `worker` indexes the job's per-thread scratch
 * (0 ≤ worker < the threads csat_job_threads gave). */
typedef csat_status (*csat_block_fn)(void *ctx, csat_lane *lane, size_t block, unsigned worker,
                                     csat_error *err);

/* How a computation runs. */
typedef struct csat_exec {
    unsigned threads;  /* threads wanted, ≥ 1 (csat_threads_online resolves 0) */
    csat_meter *meter; /* the call's progress, or NULL */
    csat_lane *outer;  /* inside a block of an enclosing job (a bootstrap
                        * replicate): run on its thread, report to its lane */
} csat_exec;

typedef struct csat_job {
    void *ctx;
    csat_block_fn run;
    size_t blocks;
    uint64_t units; /* work units of all blocks: block b holds csat_job_block_units */
    uint64_t base;  /* units reported by earlier jobs of the same call */
    csat_exec exec;
} csat_job;

/* 0 (the caller's "all cores") becomes the number of online processors. */
unsigned csat_threads_online(unsigned wanted);

/* Threads a job of `blocks` blocks runs on (the size of its per-thread
 * scratch): 1 inside an enclosing job, else at most one per block and
 * at most CSAT_THREADS_CAP. */
unsigned csat_job_threads(const csat_exec *exec, size_t blocks);

/* Units of block b: the units split evenly over the blocks, the first
 * ones short of the remainder. */
uint64_t csat_job_block_units(uint64_t units, size_t blocks, size_t b);

/* Run every block; returns CSAT_OK, CSAT_ERR_CANCELLED (the caller's
 * function asked to stop), or the status of the failing block of lowest
 * index with its details in err (the blocks are handed out in order, so
 * that one always runs: the error does not depend on the threads either).
 * Threads that cannot be started are done without. */
csat_status csat_job_run(const csat_job *job, csat_error *err);

/* The status and message of a cancelled call. */
csat_status csat_fail_cancelled(csat_error *err);

#endif
