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
