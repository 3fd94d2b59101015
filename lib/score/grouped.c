/* Scores of every group from a grouped accumulator (doc/methods.md,
 * "Scores by group").
 *
 * One loop serves every score: each group's tally (or moments) is copied
 * into a scratch tally (or state), and the ungrouped estimator runs on it
 * (score/estimate.h), so that a group's score is the ungrouped score of its
 * rows. What domain estimation changes is one number handed to those
 * estimators: the design size N of the factor N/(N − 1) in the standard
 * error of a mean: the valid answers of every group (csat_grouped_design_n),
 * the rows analysed, as every ungrouped score counts its n. The rest of the
 * sample (complement) comes from csat_grouped_rest, O(k) per group, so
 * that G groups cost O(G·k), not O(G²·k). Results go to a
 * scratch array first: the caller's arrays are written only when every group has succeeded. */
#include <math.h>
#include <stdlib.h>

#include "accum/grouped.h"
#include "accum/tally.h"
#include "core/error.h"
#include "core/size.h"
#include "core/sized.h"
#include "score/estimate.h"
#include "score/grouped.h"

/* The question with its options resolved and checked. */
typedef struct resolved {
    csat_group_score score;
    union {
        csat_nps_options nps;
        csat_box_range box;
        csat_ces_options ces;
        double level; /* mean */
    } u;
} resolved;

/* Where one group is put for its estimator. */
typedef struct scratch {
    const csat_grouped *a;
    csat_tally *t;        /* tally accumulators */
    csat_moments_state m; /* moments accumulators */
    csat_grouped_rest *rest; /* the rest of the sample, with complement */
} scratch;

static csat_status resolve(const csat_group_question *q, const csat_tally *t, resolved *r,
                           csat_error *err)
{
    r->score = q->score;
    switch (q->score) {
    case CSAT_GROUP_SCORE_NPS:
        return csat_nps_options_of_tally(t, q->opt, &r->u.nps, err);
    case CSAT_GROUP_SCORE_BOX_SHARE:
        return csat_box_range_share(t, q->lo, q->hi, q->opt, &r->u.box, err);
    case CSAT_GROUP_SCORE_CSAT:
        return csat_box_range_csat(t, q->opt, &r->u.box, err);
    case CSAT_GROUP_SCORE_TOP_BOX:
        return csat_box_range_top(t, q->lo, q->opt, &r->u.box, err);
    case CSAT_GROUP_SCORE_BOTTOM_BOX:
        return csat_box_range_bottom(t, q->lo, q->opt, &r->u.box, err);
    case CSAT_GROUP_SCORE_MEAN:
        return csat_mean_level(q->opt, &r->u.level, err);
    case CSAT_GROUP_SCORE_CES:
        return csat_ces_options_of_tally(t, q->opt, &r->u.ces, err);
    }
    return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX, "unknown score");
}

static size_t result_size(csat_group_score s)
{
    switch (s) {
    case CSAT_GROUP_SCORE_NPS:
        return sizeof(csat_nps_result);
    case CSAT_GROUP_SCORE_MEAN:
    case CSAT_GROUP_SCORE_CES:
        return sizeof(csat_mean_result);
    default:
        return sizeof(csat_share_result);
    }
}

/* One group's estimate into full result structs; CSAT_ERR_EMPTY for a group
 * without a valid answer or with zero total weight, as the ungrouped
 * estimator finds it. */
static csat_status estimate(const scratch *s, const resolved *r, uint64_t design_n, void *res,
                            void *res2, csat_error *err)
{
    switch (r->score) {
    case CSAT_GROUP_SCORE_NPS:
        return csat_estimate_nps(s->t, &r->u.nps, design_n, res, err);
    case CSAT_GROUP_SCORE_MEAN:
        return s->t != NULL ? csat_estimate_tally_mean(s->t, design_n, r->u.level, res, err)
                            : s->rest != NULL
                                  ? csat_estimate_merged_mean(&s->m, design_n, r->u.level, res, err)
                                  : csat_estimate_state_mean(&s->m, design_n, r->u.level, res, err);
    case CSAT_GROUP_SCORE_CES:
        return csat_estimate_ces(s->t, &r->u.ces, design_n, res, res2, err);
    default:
        /* The share's SE is binomial on n_eff: no N/(N − 1) to replace. */
        return csat_estimate_share(s->t, r->u.box.lo, r->u.box.hi, r->u.box.level, res, err);
    }
}

static void empty_mean(double level, size_t n_missing, csat_mean_result *m)
{
    csat_mean_result r = { .size = sizeof r, .score = NAN, .sd = NAN, .se = NAN,
                           .ci_lower = NAN, .ci_upper = NAN, .level = level, .df = NAN,
                           .min = NAN, .max = NAN, .n = 0, .n_missing = n_missing,
                           .n_weighted = 0, .n_effective = 0 };
    *m = r;
}

static void empty_share(double level, int lo, int hi, size_t n_missing, csat_share_result *s)
{
    csat_share_result r = { .size = sizeof r, .share = NAN, .score = NAN, .se = NAN,
                            .ci_lower = NAN, .ci_upper = NAN, .level = level, .box_min = lo,
                            .box_max = hi, .n = 0, .n_missing = n_missing, .n_weighted = 0,
                            .n_effective = 0 };
    *s = r;
}

/* The result of an empty group: n = 0 (zero-weight answers are not
 * reported as sample: nothing was estimated from them), its missing
 * answers, the options echoed, every statistic NaN. */
static void empty(const resolved *r, size_t n_missing, void *res, void *res2)
{
    switch (r->score) {
    case CSAT_GROUP_SCORE_NPS:
        csat_estimate_nps_empty(&r->u.nps, n_missing, res);
        break;
    case CSAT_GROUP_SCORE_MEAN:
        empty_mean(r->u.level, n_missing, res);
        break;
    case CSAT_GROUP_SCORE_CES:
        empty_mean(r->u.ces.level, n_missing, res);
        empty_share(r->u.ces.level, r->u.ces.low_effort_min, r->u.ces.scale_max, n_missing,
                    res2);
        break;
    default:
        empty_share(r->u.box.level, r->u.box.lo, r->u.box.hi, n_missing, res);
        break;
    }
}

/* Put group d (or the rest of the sample: groups in increasing order) in
 * the scratch; its valid and missing answers. */
static void fill(scratch *s, size_t d, size_t *n, size_t *n_missing)
{
    if (s->t != NULL) {
        if (s->rest != NULL)
            csat_grouped_rest_tally(s->rest, d, s->t);
        else
            csat_grouped_fill_tally(s->a, d, 0, s->t);
        *n = (size_t)csat_tally_range(s->t, csat_tally_min(s->t), csat_tally_max(s->t)).n;
        *n_missing = (size_t)csat_tally_missing(s->t);
    } else {
        if (s->rest != NULL)
            csat_grouped_rest_moments(s->rest, d, &s->m);
        else
            csat_grouped_get_moments(s->a, d, 0, &s->m);
        *n = s->m.n;
        *n_missing = s->m.n_missing;
    }
}

static csat_status load_group_options(const csat_group_options *gopt, csat_group_options *go,
                                      csat_error *err)
{
    static const csat_group_options d = CSAT_GROUP_OPTIONS_DEFAULT;
    csat_status st = csat_sized_load(go, sizeof *go, gopt, &d, "gopt", err);
    if (st == CSAT_OK && go->complement != 0 && go->complement != 1)
        st = csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                       "group option complement is %d: 0 (each group) or 1 (the rest)",
                       go->complement);
    return st;
}

/* Every group into res (res2) and fl, G of each. */
static csat_status each_group(scratch *s, const resolved *r, const csat_group_options *go,
                              size_t G, char *res, char *res2, int *fl, csat_error *err)
{
    const size_t size = result_size(r->score), size2 = sizeof(csat_share_result);
    const uint64_t design_n = csat_grouped_design_n(s->a);
    for (size_t d = 0; d < G; d++) {
        size_t n, n_missing;
        fill(s, d, &n, &n_missing);
        void *one = res + d * size, *two = res2 != NULL ? res2 + d * size2 : NULL;
        csat_error e;
        csat_status st = estimate(s, r, design_n, one, two, &e);
        if (st == CSAT_ERR_EMPTY) {
            empty(r, n_missing, one, two);
            fl[d] = CSAT_GROUP_EMPTY;
        } else if (st != CSAT_OK) {
            if (err != NULL)
                *err = e;
            return st;
        } else {
            fl[d] = n < go->min_n ? CSAT_GROUP_SMALL : CSAT_GROUP_OK;
        }
    }
    return CSAT_OK;
}

csat_status csat_group_estimate(const csat_grouped *a, const csat_group_question *q,
                                const csat_group_options *gopt, const csat_group_pass *pass,
                                void *out, void *out2, int *flags, size_t cap, csat_error *err)
{
    const int need_tally = q->score != CSAT_GROUP_SCORE_MEAN;
    if (need_tally && csat_grouped_kind_of(a) != CSAT_GROUPED_TALLY)
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "this score needs a tally accumulator (csat_grouped_create), not "
                         "moments");
    const size_t G = csat_grouped_count(a);
    scratch s = { a, NULL, CSAT_MOMENTS_STATE_INIT, NULL };
    csat_status st = CSAT_OK;
    if (csat_grouped_kind_of(a) == CSAT_GROUPED_TALLY)
        st = csat_tally_create(csat_grouped_min(a), csat_grouped_max(a), &s.t, err);
    if (st != CSAT_OK)
        return st;
    resolved r;
    csat_group_options go;
    st = resolve(q, s.t, &r, err);
    if (st == CSAT_OK)
        st = load_group_options(gopt, &go, err);
    if (st == CSAT_OK && cap < G)
        st = csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                       "room for %zu results but there are %zu groups", cap, G);
    const size_t size = result_size(q->score), size2 = sizeof(csat_share_result);
    const int two = q->score == CSAT_GROUP_SCORE_CES;
    char *res = NULL, *res2 = NULL;
    int *fl = NULL;
    if (st == CSAT_OK && !csat_array_fits(G, 1, size + size2 + sizeof(int)))
        st = csat_fail_overflow(err, "groups", G, 1);
    if (st == CSAT_OK) {
        res = malloc(G * size);
        res2 = two ? malloc(G * size2) : NULL;
        fl = malloc(G * sizeof *fl);
        /* The rest's scratch, made once for every group (and before the
         * pass: it reads the sums at its first use). */
        if (go.complement)
            s.rest = csat_grouped_rest_new(a);
        if (res == NULL || fl == NULL || (two && res2 == NULL) || (go.complement && s.rest == NULL))
            st = csat_fail(err, CSAT_ERR_NOMEM, CSAT_NO_INDEX, CSAT_NO_INDEX, NULL);
    }
    if (st == CSAT_OK && pass != NULL)
        st = pass->run(pass->ctx, err);
    if (st == CSAT_OK)
        st = each_group(&s, &r, &go, G, res, res2, fl, err);
    if (st == CSAT_OK) {
        for (size_t d = 0; d < G; d++) {
            csat_sized_store_at(out, d, res + d * size, size);
            if (two)
                csat_sized_store_at(out2, d, res2 + d * size2, size2);
            if (flags != NULL)
                flags[d] = fl[d];
        }
    }
    free(res);
    free(res2);
    free(fl);
    csat_tally_free(s.t);
    csat_grouped_rest_free(s.rest);
    return st;
}

/* ------------------------------------------------------------------------ */
/* The estimators of csat/groups.h, from the accumulator                     */

static csat_status ask(const csat_grouped *a, csat_group_score score, const void *opt, int lo,
                       int hi, const csat_group_options *gopt, void *out, void *out2, int *flags,
                       size_t cap, csat_error *err)
{
    const csat_group_question q = { score, opt, lo, hi };
    return csat_group_estimate(a, &q, gopt, NULL, out, out2, flags, cap, err);
}

csat_status csat_grouped_nps(const csat_grouped *a, const csat_nps_options *opt,
                             const csat_group_options *gopt, csat_nps_result *out, int *flags,
                             size_t cap, csat_error *err)
{
    CSAT_REQUIRE(a, err);
    CSAT_REQUIRE_OUT(out, err);
    return ask(a, CSAT_GROUP_SCORE_NPS, opt, 0, 0, gopt, out, NULL, flags, cap, err);
}

csat_status csat_grouped_box_share(const csat_grouped *a, int lo, int hi,
                                   const csat_scale_options *opt, const csat_group_options *gopt,
                                   csat_share_result *out, int *flags, size_t cap,
                                   csat_error *err)
{
    CSAT_REQUIRE(a, err);
    CSAT_REQUIRE_OUT(out, err);
    return ask(a, CSAT_GROUP_SCORE_BOX_SHARE, opt, lo, hi, gopt, out, NULL, flags, cap, err);
}

csat_status csat_grouped_csat(const csat_grouped *a, const csat_csat_options *opt,
                              const csat_group_options *gopt, csat_share_result *out, int *flags,
                              size_t cap, csat_error *err)
{
    CSAT_REQUIRE(a, err);
    CSAT_REQUIRE_OUT(out, err);
    return ask(a, CSAT_GROUP_SCORE_CSAT, opt, 0, 0, gopt, out, NULL, flags, cap, err);
}

csat_status csat_grouped_top_box(const csat_grouped *a, int k, const csat_scale_options *opt,
                                 const csat_group_options *gopt, csat_share_result *out,
                                 int *flags, size_t cap, csat_error *err)
{
    CSAT_REQUIRE(a, err);
    CSAT_REQUIRE_OUT(out, err);
    return ask(a, CSAT_GROUP_SCORE_TOP_BOX, opt, k, 0, gopt, out, NULL, flags, cap, err);
}

csat_status csat_grouped_bottom_box(const csat_grouped *a, int k, const csat_scale_options *opt,
                                    const csat_group_options *gopt, csat_share_result *out,
                                    int *flags, size_t cap, csat_error *err)
{
    CSAT_REQUIRE(a, err);
    CSAT_REQUIRE_OUT(out, err);
    return ask(a, CSAT_GROUP_SCORE_BOTTOM_BOX, opt, k, 0, gopt, out, NULL, flags, cap, err);
}

csat_status csat_grouped_mean(const csat_grouped *a, const csat_mean_options *opt,
                              const csat_group_options *gopt, csat_mean_result *out, int *flags,
                              size_t cap, csat_error *err)
{
    CSAT_REQUIRE(a, err);
    CSAT_REQUIRE_OUT(out, err);
    return ask(a, CSAT_GROUP_SCORE_MEAN, opt, 0, 0, gopt, out, NULL, flags, cap, err);
}

csat_status csat_grouped_ces(const csat_grouped *a, const csat_ces_options *opt,
                             const csat_group_options *gopt, csat_mean_result *effort,
                             csat_share_result *low_effort, int *flags, size_t cap,
                             csat_error *err)
{
    CSAT_REQUIRE(a, err);
    CSAT_REQUIRE_OUT(effort, err);
    CSAT_REQUIRE_OUT(low_effort, err);
    return ask(a, CSAT_GROUP_SCORE_CES, opt, 0, 0, gopt, effort, low_effort, flags, cap, err);
}
