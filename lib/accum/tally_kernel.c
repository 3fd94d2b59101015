/* The tally's hot loops: one read of the data, a histogram increment per
 * answer, validation folded into the same pass.
 *
 * The unweighted loop spreads consecutive answers over several copies of the
 * histogram so that runs of equal answers (the common case on a short
 * scale) do not serialise on one counter's store-to-load dependency. The
 * loops are compiled for AVX2 and for the baseline ISA, picked at load time
 * (function multiversioning), so the library stays portable. */
#include <math.h>

#include "accum/tally_kernel.h"
#include "core/error.h"

static inline int on_scale(double v, double lo, double hi)
{
    /* The comparisons reject NaN and values off the scale before the cast,
     * which would otherwise be undefined. */
    return v >= lo && v <= hi && (double)(long long)v == v;
}

/* One answer on the slow path: count it, count it missing, or reject it. */
static inline int count_one(double v, double lo, double hi, long long base, uint64_t *counts,
                            uint64_t *missing)
{
    if (on_scale(v, lo, hi)) {
        counts[(long long)v - base]++;
        return 1;
    }
    if (isnan(v)) {
        (*missing)++;
        return 1;
    }
    return 0;
}

size_t csat_count_unit(const double *x, size_t n, int min, int max, uint64_t *counts,
                       size_t copies, uint64_t *missing)
{
    const double lo = min, hi = max;
    const long long base = min;
    size_t i = 0;
    if (copies >= 4) {
        size_t k = (size_t)((long long)max - base + 1);
        uint64_t *c0 = counts, *c1 = counts + k, *c2 = counts + 2 * k, *c3 = counts + 3 * k;
        for (; i + 4 <= n; i += 4) {
            double a = x[i], b = x[i + 1], c = x[i + 2], d = x[i + 3];
            if (on_scale(a, lo, hi) & on_scale(b, lo, hi) & on_scale(c, lo, hi)
                & on_scale(d, lo, hi)) {
                c0[(long long)a - base]++;
                c1[(long long)b - base]++;
                c2[(long long)c - base]++;
                c3[(long long)d - base]++;
                continue;
            }
            /* A block with a missing or invalid answer: one by one. */
            for (size_t j = i; j < i + 4; j++)
                if (!count_one(x[j], lo, hi, base, counts, missing))
                    return j;
        }
    }
    for (; i < n; i++)
        if (!count_one(x[i], lo, hi, base, counts, missing))
            return i;
    return n;
}

size_t csat_count_weighted(const double *x, const double *w, size_t n, int min, int max,
                           uint64_t *counts, double *sw, double *sw2, uint64_t *missing,
                           int *bad_weight)
{
    const double lo = min, hi = max;
    const long long base = min;
    for (size_t i = 0; i < n; i++) {
        double v = x[i], wi = w[i];
        if (!csat_weight_ok(wi)) {
            *bad_weight = 1;
            return i;
        }
        if (on_scale(v, lo, hi)) {
            size_t j = (size_t)((long long)v - base);
            counts[j]++;
            sw[j] += wi;
            sw2[j] += wi * wi;
        } else if (isnan(v)) {
            (*missing)++;
        } else {
            *bad_weight = 0;
            return i;
        }
    }
    return n;
}

/* ------------------------------------------------------------------------ */
/* Grouped counting. Rows are checked a block at a time by loops without
 * branches, which the compiler vectorises, and the block, now in L1, is
 * then counted by a plain loop: on the common path every answer is read
 * once from memory and costs one increment. */

#define GROUP_BLOCK 512

/* 1 when every answer of the block is NaN or an integer point of
 * [lo, hi]. The answer is clamped first so that the cast is defined (NaN
 * clamps to lo); a value off the scale differs from its clamp. */
static inline int answers_ok(const double *x, size_t len, double lo, double hi)
{
    int bad = 0;
    for (size_t i = 0; i < len; i++) {
        double v = x[i];
        double c = v > lo ? v : lo;
        c = c < hi ? c : hi;
        bad |= ((c != v) & (v == v)) | ((double)(int)c != c);
    }
    return !bad;
}

/* 1 when every code is −1 or in 0..groups − 1 (−1 + 1 wraps to 0). */
static inline int codes_ok(const int32_t *g, size_t len, uint32_t groups)
{
    int bad = 0;
    for (size_t i = 0; i < len; i++)
        bad |= (uint32_t)g[i] + 1u > groups;
    return !bad;
}

static inline int row_ok(double v, const double *w, const int32_t *g, size_t i, double lo,
                         double hi, uint32_t groups)
{
    if ((uint32_t)g[i] + 1u > groups)
        return 0;
    if (w != NULL && !csat_weight_ok(w[i]))
        return 0;
    return isnan(v) || on_scale(v, lo, hi);
}

size_t csat_check_grouped(const double *x, const double *w, const int32_t *g, size_t n, int min,
                          int max, size_t groups)
{
    const double lo = min, hi = max;
    const uint32_t ng = (uint32_t)groups;
    for (size_t s = 0; s < n; s += GROUP_BLOCK) {
        size_t len = n - s < GROUP_BLOCK ? n - s : GROUP_BLOCK;
        int ok = len == GROUP_BLOCK ? answers_ok(x + s, GROUP_BLOCK, lo, hi)
                                          & codes_ok(g + s, GROUP_BLOCK, ng)
                                    : answers_ok(x + s, len, lo, hi) & codes_ok(g + s, len, ng);
        if (ok && w != NULL)
            for (size_t i = s; i < s + len; i++)
                ok &= csat_weight_ok(w[i]);
        if (!ok)
            for (size_t i = s; i < s + len; i++)
                if (!row_ok(x[i], w, g, i, lo, hi, ng))
                    return i;
    }
    return n;
}

/* Count (step 1) or take out again (step −1, rows known valid) rows of a
 * block. */
static inline void count_block(const double *x, const int32_t *g, size_t len, long long base,
                               size_t k, uint64_t *counts, uint64_t *missing, uint64_t *none,
                               uint64_t step)
{
    for (size_t i = 0; i < len; i++) {
        int32_t gi = g[i];
        double v = x[i];
        if (gi < 0)
            *none += step;
        else if (v != v)
            missing[gi] += step;
        else
            counts[(size_t)gi * k + (size_t)((long long)v - base)] += step;
    }
}

size_t csat_count_grouped_unit(const double *x, const int32_t *g, size_t n, int min, int max,
                               size_t groups, uint64_t *counts, uint64_t *missing,
                               uint64_t *none)
{
    const double lo = min, hi = max;
    const long long base = min;
    const size_t k = (size_t)((long long)max - base + 1);
    const uint32_t ng = (uint32_t)groups;
    for (size_t s = 0; s < n; s += GROUP_BLOCK) {
        size_t len = n - s < GROUP_BLOCK ? n - s : GROUP_BLOCK;
        int ok = len == GROUP_BLOCK ? answers_ok(x + s, GROUP_BLOCK, lo, hi)
                                          & codes_ok(g + s, GROUP_BLOCK, ng)
                                    : answers_ok(x + s, len, lo, hi) & codes_ok(g + s, len, ng);
        if (!ok) {
            /* Counts are integers: taking the rows out again restores the
             * counts exactly. */
            count_block(x, g, s, base, k, counts, missing, none, (uint64_t)-1);
            for (size_t i = s;; i++)
                if (!row_ok(x[i], NULL, g, i, lo, hi, ng))
                    return i;
        }
        count_block(x + s, g + s, len, base, k, counts, missing, none, 1);
    }
    return n;
}

void csat_count_grouped_weighted(const double *x, const double *w, const int32_t *g, size_t n,
                                 int min, int max, uint64_t *counts, double *sw, double *sw2,
                                 uint64_t *missing, uint64_t *none)
{
    const long long base = min;
    const size_t k = (size_t)((long long)max - base + 1);
    for (size_t i = 0; i < n; i++) {
        int32_t gi = g[i];
        double v = x[i];
        if (gi < 0) {
            (*none)++;
        } else if (v != v) {
            missing[gi]++;
        } else {
            size_t j = (size_t)gi * k + (size_t)((long long)v - base);
            counts[j]++;
            sw[j] += w[i];
            sw2[j] += w[i] * w[i];
        }
    }
}
