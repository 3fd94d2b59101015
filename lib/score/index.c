/* Composite satisfaction index (doc/methods.md, "Composite index"). */
#include <math.h>

#include "core/checks.h"
#include "core/error.h"
#include "core/sized.h"
#include "csat/score.h"
#include "score/estimate.h"

#define ROWS 512

csat_status csat_index_items(size_t k, size_t ld, const double *lo, const double *hi,
                             const double *v, double *v_sum, csat_error *err)
{
    if (k == 0 || ld < k)
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "need k >= 1 items and a leading dimension >= k (k = %zu, ld = %zu)",
                         k, ld);
    double sum = 0;
    for (size_t j = 0; j < k; j++) {
        if (!(isfinite(lo[j]) && isfinite(hi[j]) && lo[j] < hi[j] && isfinite(hi[j] - lo[j])))
            return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, j,
                             "item %zu has an invalid scale %g..%g", j, lo[j], hi[j]);
        double vj = v ? v[j] : 1.0;
        if (!(vj >= 0 && isfinite(vj)))
            return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, j,
                             "item weight %g of item %zu is negative or not finite", vj, j);
        sum += vj;
    }
    if (!(sum > 0))
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "the item weights sum to 0");
    if (isinf(sum))
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "the item weights sum to more than a double holds: only their ratios "
                         "matter, so scale them down");
    *v_sum = sum;
    return CSAT_OK;
}

/* The index of one row, NaN when an item is missing; RANGE on an answer off
 * its item's scale. */
static csat_status row_index(const double *row, size_t i, size_t k, const double *lo,
                             const double *hi, const double *v, double v_sum, double *out,
                             csat_error *err)
{
    double acc = 0;
    int missing = 0;
    for (size_t j = 0; j < k; j++) {
        double a = row[j];
        if (isnan(a)) {
            missing = 1;
            continue;
        }
        if (!(a >= lo[j] && a <= hi[j]))
            return csat_fail(err, CSAT_ERR_RANGE, i, j,
                             "value %g at row %zu, item %zu is outside the item's scale %g..%g",
                             a, i, j, lo[j], hi[j]);
        /* Item weights enter as their shares v_j / Σv (each ≤ 1), so that
         * weights as large as 1e308 cannot overflow the sum. */
        double rescaled = 100.0 * ((a - lo[j]) / (hi[j] - lo[j])); /* ratio first: ≤ 1 */
        acc += ((v ? v[j] : 1.0) / v_sum) * rescaled;
    }
    *out = missing ? NAN : acc;
    return CSAT_OK;
}

/* The rows of csat_score_index and csat_score_index_grouped: indices are
 * made a block of rows at a time and handed to the sink (an accumulator),
 * so memory stays constant in n. */
csat_status csat_index_rows(const double *x, size_t n, size_t k, size_t ld, const double *w,
                            const double *item_min, const double *item_max,
                            const double *item_weights, double v_sum, csat_index_sink sink,
                            void *ctx, csat_error *err)
{
    double buf[ROWS];
    for (size_t start = 0; start < n; start += ROWS) {
        size_t len = n - start < ROWS ? n - start : ROWS;
        for (size_t r = 0; r < len; r++) {
            size_t i = start + r;
            if (w != NULL && !csat_weight_ok(w[i]))
                return csat_fail(err, CSAT_ERR_WEIGHT, i, CSAT_NO_INDEX, CSAT_WEIGHT_MESSAGE,
                                 w[i], i);
            csat_status st = row_index(x + i * ld, i, k, item_min, item_max, item_weights, v_sum,
                                       &buf[r], err);
            if (st != CSAT_OK)
                return st;
        }
        csat_status st = sink(ctx, buf, start, len, err);
        if (st != CSAT_OK)
            return st;
    }
    return CSAT_OK;
}

typedef struct moments_sink {
    csat_moments_state m;
    const double *w;
} moments_sink;

static csat_status add_to_moments(void *ctx, const double *index, size_t start, size_t len,
                                  csat_error *err)
{
    moments_sink *s = ctx;
    /* Fails only on what csat_index_rows has checked already. */
    return csat_moments_state_add(&s->m, index, len, s->w ? s->w + start : NULL, err);
}

csat_status csat_score_index(const double *x, size_t n, size_t k, size_t ld, const double *w,
                       const double *item_min, const double *item_max, const double *item_weights,
                       const csat_mean_options *opt, csat_mean_result *out, csat_error *err)
{
    CSAT_REQUIRE(x, err);
    CSAT_REQUIRE(item_min, err);
    CSAT_REQUIRE(item_max, err);
    CSAT_REQUIRE_OUT(out, err);
    double v_sum = 0, level;
    csat_status st = csat_index_items(k, ld, item_min, item_max, item_weights, &v_sum, err);
    if (st == CSAT_OK)
        st = csat_mean_level(opt, &level, err);
    if (st != CSAT_OK)
        return st;
    moments_sink sink = { CSAT_MOMENTS_STATE_INIT, w };
    st = csat_index_rows(x, n, k, ld, w, item_min, item_max, item_weights, v_sum, add_to_moments,
                         &sink, err);
    return st == CSAT_OK ? csat_estimate_moments(&sink.m, opt, out, err) : st;
}
