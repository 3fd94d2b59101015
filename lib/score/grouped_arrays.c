/* Scores of every group from arrays (doc/methods.md, "Scores by group"):
 * one pass of the answers and their group codes into a new grouped
 * accumulator, then the estimators of score/grouped.c. The options are
 * checked before the pass (csat_group_pass), so that a bad option fails
 * before the data are read, as in the ungrouped array functions. */
#include <inttypes.h>
#include <stdlib.h>

#include "accum/grouped.h"
#include "accum/tally.h"
#include "core/error.h"
#include "core/size.h"
#include "core/sized.h"
#include "score/estimate.h"
#include "score/grouped.h"

typedef struct add_pass {
    csat_grouped *a;
    const double *x;
    size_t n;
    const double *w;
    const int32_t *g;
} add_pass;

static csat_status run_add(void *ctx, csat_error *err)
{
    const add_pass *p = ctx;
    return csat_grouped_add(p->a, p->x, p->n, p->w, p->g, err);
}

/* A new accumulator (a tally of [min, max], or moments), the pass over the
 * arrays, the estimate of every group. */
static csat_status by_arrays(int tally, int min, int max, const double *x, size_t n,
                             const double *w, const int32_t *g, size_t groups,
                             const csat_group_question *q, const csat_group_options *gopt,
                             void *out, void *out2, int *flags, size_t cap, csat_error *err)
{
    csat_grouped *a = NULL;
    csat_status st = tally ? csat_grouped_create(groups, min, max, &a, err)
                           : csat_grouped_create_moments(groups, &a, err);
    if (st != CSAT_OK)
        return st;
    add_pass p = { a, x, n, w, g };
    const csat_group_pass pass = { run_add, &p };
    st = csat_group_estimate(a, q, gopt, &pass, out, out2, flags, cap, err);
    csat_grouped_free(a);
    return st;
}

csat_status csat_score_nps_grouped(const double *x, size_t n, const double *w, const int32_t *g,
                                   size_t groups, const csat_nps_options *opt,
                                   const csat_group_options *gopt, csat_nps_result *out,
                                   int *flags, size_t cap, csat_error *err)
{
    CSAT_REQUIRE(x, err);
    CSAT_REQUIRE(g, err);
    CSAT_REQUIRE_OUT(out, err);
    static const csat_nps_options d = CSAT_NPS_OPTIONS_DEFAULT;
    csat_nps_options o;
    csat_status st = CSAT_LOAD_OPTIONS(o, opt, d, err);
    if (st != CSAT_OK)
        return st;
    const csat_group_question q = { CSAT_GROUP_SCORE_NPS, &o, 0, 0 };
    return by_arrays(1, o.scale_min, o.scale_max, x, n, w, g, groups, &q, gopt, out, NULL, flags,
                     cap, err);
}

/* The box shares: scale options (NULL: 1–5 at 95 %), boxes lo..hi or k in lo. */
static csat_status share_arrays(csat_group_score score, const double *x, size_t n,
                                const double *w, const int32_t *g, size_t groups, int lo, int hi,
                                const csat_scale_options *opt, const csat_group_options *gopt,
                                csat_share_result *out, int *flags, size_t cap, csat_error *err)
{
    CSAT_REQUIRE(x, err);
    CSAT_REQUIRE(g, err);
    CSAT_REQUIRE_OUT(out, err);
    static const csat_scale_options d = CSAT_SCALE_OPTIONS_DEFAULT;
    csat_scale_options o;
    csat_status st = CSAT_LOAD_OPTIONS(o, opt, d, err);
    if (st != CSAT_OK)
        return st;
    const csat_group_question q = { score, &o, lo, hi };
    return by_arrays(1, o.scale_min, o.scale_max, x, n, w, g, groups, &q, gopt, out, NULL, flags,
                     cap, err);
}

csat_status csat_score_box_share_grouped(const double *x, size_t n, const double *w,
                                         const int32_t *g, size_t groups, int lo, int hi,
                                         const csat_scale_options *opt,
                                         const csat_group_options *gopt, csat_share_result *out,
                                         int *flags, size_t cap, csat_error *err)
{
    return share_arrays(CSAT_GROUP_SCORE_BOX_SHARE, x, n, w, g, groups, lo, hi, opt, gopt, out,
                        flags, cap, err);
}

csat_status csat_score_top_box_grouped(const double *x, size_t n, const double *w,
                                       const int32_t *g, size_t groups, int k,
                                       const csat_scale_options *opt,
                                       const csat_group_options *gopt, csat_share_result *out,
                                       int *flags, size_t cap, csat_error *err)
{
    return share_arrays(CSAT_GROUP_SCORE_TOP_BOX, x, n, w, g, groups, k, 0, opt, gopt, out, flags,
                        cap, err);
}

csat_status csat_score_bottom_box_grouped(const double *x, size_t n, const double *w,
                                          const int32_t *g, size_t groups, int k,
                                          const csat_scale_options *opt,
                                          const csat_group_options *gopt, csat_share_result *out,
                                          int *flags, size_t cap, csat_error *err)
{
    return share_arrays(CSAT_GROUP_SCORE_BOTTOM_BOX, x, n, w, g, groups, k, 0, opt, gopt, out,
                        flags, cap, err);
}

csat_status csat_score_csat_grouped(const double *x, size_t n, const double *w, const int32_t *g,
                                    size_t groups, const csat_csat_options *opt,
                                    const csat_group_options *gopt, csat_share_result *out,
                                    int *flags, size_t cap, csat_error *err)
{
    CSAT_REQUIRE(x, err);
    CSAT_REQUIRE(g, err);
    CSAT_REQUIRE_OUT(out, err);
    static const csat_csat_options d = CSAT_CSAT_OPTIONS_DEFAULT;
    csat_csat_options o;
    csat_status st = CSAT_LOAD_OPTIONS(o, opt, d, err);
    if (st != CSAT_OK)
        return st;
    const csat_group_question q = { CSAT_GROUP_SCORE_CSAT, &o, 0, 0 };
    return by_arrays(1, o.scale_min, o.scale_max, x, n, w, g, groups, &q, gopt, out, NULL, flags,
                     cap, err);
}

csat_status csat_score_mean_grouped(const double *x, size_t n, const double *w, const int32_t *g,
                                    size_t groups, const csat_mean_options *opt,
                                    const csat_group_options *gopt, csat_mean_result *out,
                                    int *flags, size_t cap, csat_error *err)
{
    CSAT_REQUIRE(x, err);
    CSAT_REQUIRE(g, err);
    CSAT_REQUIRE_OUT(out, err);
    const csat_group_question q = { CSAT_GROUP_SCORE_MEAN, opt, 0, 0 };
    return by_arrays(0, 0, 0, x, n, w, g, groups, &q, gopt, out, NULL, flags, cap, err);
}

csat_status csat_score_ces_grouped(const double *x, size_t n, const double *w, const int32_t *g,
                                   size_t groups, const csat_ces_options *opt,
                                   const csat_group_options *gopt, csat_mean_result *effort,
                                   csat_share_result *low_effort, int *flags, size_t cap,
                                   csat_error *err)
{
    CSAT_REQUIRE(x, err);
    CSAT_REQUIRE(g, err);
    CSAT_REQUIRE_OUT(effort, err);
    CSAT_REQUIRE_OUT(low_effort, err);
    static const csat_ces_options d = CSAT_CES_OPTIONS_DEFAULT;
    csat_ces_options o;
    csat_status st = CSAT_LOAD_OPTIONS(o, opt, d, err);
    if (st != CSAT_OK)
        return st;
    const csat_group_question q = { CSAT_GROUP_SCORE_CES, &o, 0, 0 };
    return by_arrays(1, o.scale_min, o.scale_max, x, n, w, g, groups, &q, gopt, effort,
                     low_effort, flags, cap, err);
}

/* ------------------------------------------------------------------------ */
/* Distribution                                                              */

/* Every group's distribution into G × K scratch arrays (those asked for)
 * and G samples. An empty group is no error here: its sample says n = 0
 * and its shares are NaN. */
static csat_status distributions(const csat_grouped *a, double *counts, double *weights,
                                 double *shares, csat_sample *samples, csat_error *err)
{
    csat_tally *t = NULL;
    csat_status st = csat_tally_create(csat_grouped_min(a), csat_grouped_max(a), &t, err);
    if (st != CSAT_OK)
        return st;
    const size_t G = csat_grouped_count(a), K = csat_tally_points(t);
    for (size_t d = 0; d < G; d++) {
        csat_grouped_fill_tally(a, d, 0, t);
        csat_sample s = CSAT_RESULT_INIT(csat_sample);
        st = csat_tally_sample(t, &s, err); /* cannot fail: t and s are valid */
        if (st != CSAT_OK)
            break;
        samples[d] = s;
        csat_estimate_distribution(t, s.n_weighted, counts ? counts + d * K : NULL,
                                   weights ? weights + d * K : NULL,
                                   shares ? shares + d * K : NULL);
    }
    csat_tally_free(t);
    return st;
}

csat_status csat_score_distribution_grouped(const double *x, size_t n, const double *w,
                                            const int32_t *g, size_t groups,
                                            const csat_scale_options *opt, double *counts,
                                            double *weights, double *shares, size_t len,
                                            csat_sample *samples, size_t cap, csat_error *err)
{
    CSAT_REQUIRE(x, err);
    CSAT_REQUIRE(g, err);
    if (samples != NULL)
        CSAT_REQUIRE_OUT(samples, err);
    static const csat_scale_options d = CSAT_SCALE_OPTIONS_DEFAULT;
    csat_scale_options o;
    csat_status st = CSAT_LOAD_OPTIONS(o, opt, d, err);
    csat_grouped *a = NULL;
    if (st == CSAT_OK)
        st = csat_grouped_create(groups, o.scale_min, o.scale_max, &a, err);
    if (st != CSAT_OK)
        return st;
    size_t K = (size_t)((long long)o.scale_max - o.scale_min + 1), cells = 0;
    if (!csat_size_mul(groups, K, &cells) || !csat_array_fits(cells, 3, sizeof(double)))
        st = csat_fail_overflow(err, "groups x points", groups, K);
    else if (len != cells)
        st = csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                       "output arrays hold %zu elements but %zu groups of the scale %d..%d "
                       "need %zu",
                       len, groups, o.scale_min, o.scale_max, cells);
    else if (samples != NULL && cap < groups)
        st = csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                       "room for %zu samples but there are %zu groups", cap, groups);
    double *c = NULL, *wt = NULL, *sh = NULL;
    csat_sample *sa = NULL;
    if (st == CSAT_OK) {
        c = counts ? malloc(cells * sizeof *c) : NULL;
        wt = weights ? malloc(cells * sizeof *wt) : NULL;
        sh = shares ? malloc(cells * sizeof *sh) : NULL;
        sa = malloc(groups * sizeof *sa);
        if ((counts && !c) || (weights && !wt) || (shares && !sh) || !sa)
            st = csat_fail(err, CSAT_ERR_NOMEM, CSAT_NO_INDEX, CSAT_NO_INDEX, NULL);
    }
    if (st == CSAT_OK)
        st = csat_grouped_add(a, x, n, w, g, err);
    if (st == CSAT_OK)
        st = distributions(a, c, wt, sh, sa, err);
    if (st == CSAT_OK) {
        for (size_t i = 0; i < cells; i++) {
            if (counts)
                counts[i] = c[i];
            if (weights)
                weights[i] = wt[i];
            if (shares)
                shares[i] = sh[i];
        }
        for (size_t dd = 0; samples != NULL && dd < groups; dd++)
            csat_sized_store_at(samples, dd, &sa[dd], sizeof sa[dd]);
    }
    free(c);
    free(wt);
    free(sh);
    free(sa);
    csat_grouped_free(a);
    return st;
}

/* ------------------------------------------------------------------------ */
/* Composite index                                                           */

typedef struct index_pass {
    csat_grouped *a;
    const double *x, *w, *item_min, *item_max, *item_weights;
    const int32_t *g;
    size_t n, k, ld;
    double v_sum;
} index_pass;

/* A block of row indices into the accumulator. Indices (0..100 or NaN) and
 * weights were checked by csat_index_rows, so only a group code can be
 * refused; the error names its row in the whole array, not in the block. */
static csat_status index_sink(void *ctx, const double *index, size_t start, size_t len,
                              csat_error *err)
{
    const index_pass *p = ctx;
    csat_error e;
    csat_status st = csat_grouped_add(p->a, index, len, p->w ? p->w + start : NULL, p->g + start,
                                      &e);
    if (st == CSAT_ERR_RANGE && e.index != CSAT_NO_INDEX) {
        size_t i = start + e.index;
        return csat_fail(err, st, i, CSAT_NO_INDEX,
                         "group code %" PRId32 " at row %zu is neither in 0..%zu nor "
                         "CSAT_GROUP_NONE (-1)",
                         p->g[i], i, csat_grouped_count(p->a) - 1);
    }
    if (st != CSAT_OK && err != NULL)
        *err = e;
    return st;
}

/* The rows are read a block at a time, items and weights before group
 * codes, so the pass stops at the first bad group code's row: an item or
 * weight error in an earlier row is then still met first, and the error
 * names the first bad row whatever made it bad. */
static csat_status run_index(void *ctx, csat_error *err)
{
    const index_pass *p = ctx;
    const size_t G = csat_grouped_count(p->a);
    size_t rows = p->n;
    for (size_t i = 0; i < p->n; i++)
        if (p->g[i] != CSAT_GROUP_NONE && (p->g[i] < 0 || (size_t)p->g[i] >= G)) {
            rows = i + 1;
            break;
        }
    return csat_index_rows(p->x, rows, p->k, p->ld, p->w, p->item_min, p->item_max,
                           p->item_weights, p->v_sum, index_sink, ctx, err);
}

csat_status csat_score_index_grouped(const double *x, size_t n, size_t k, size_t ld,
                                     const double *w, const int32_t *g, size_t groups,
                                     const double *item_min, const double *item_max,
                                     const double *item_weights, const csat_mean_options *opt,
                                     const csat_group_options *gopt, csat_mean_result *out,
                                     int *flags, size_t cap, csat_error *err)
{
    CSAT_REQUIRE(x, err);
    CSAT_REQUIRE(g, err);
    CSAT_REQUIRE(item_min, err);
    CSAT_REQUIRE(item_max, err);
    CSAT_REQUIRE_OUT(out, err);
    double v_sum = 0;
    csat_status st = csat_index_items(k, ld, item_min, item_max, item_weights, &v_sum, err);
    csat_grouped *a = NULL;
    if (st == CSAT_OK)
        st = csat_grouped_create_moments(groups, &a, err);
    if (st != CSAT_OK)
        return st;
    index_pass p = { a, x, w, item_min, item_max, item_weights, g, n, k, ld, v_sum };
    const csat_group_pass pass = { run_index, &p };
    const csat_group_question q = { CSAT_GROUP_SCORE_MEAN, opt, 0, 0 };
    st = csat_group_estimate(a, &q, gopt, &pass, out, NULL, flags, cap, err);
    csat_grouped_free(a);
    return st;
}
