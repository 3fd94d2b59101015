/* Box shares: any range of boxes, CSAT, top and bottom boxes
 * (doc/methods.md, "Box shares and the Wilson interval", "CSAT",
 * "Top and bottom boxes"). Every function resolves its options to a scale,
 * a range of boxes and a level, then shares one estimator. */
#include "accum/tally.h"
#include "core/checks.h"
#include "core/error.h"
#include "core/sized.h"
#include "score/estimate.h"
#include "score/input.h"

typedef csat_box_range boxes;

static csat_status check_boxes(const boxes *b, csat_error *err)
{
    csat_status s = csat_check_scale(b->scale_min, b->scale_max, err);
    if (s != CSAT_OK)
        return s;
    if (b->lo > b->hi || b->lo < b->scale_min || b->hi > b->scale_max)
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "boxes %d..%d are not a range within the scale %d..%d", b->lo, b->hi,
                         b->scale_min, b->scale_max);
    return csat_check_level(b->level, err);
}

static csat_status share_of_array(const double *x, size_t n, const double *w, const boxes *b,
                                  csat_share_result *out, csat_error *err)
{
    csat_status s = check_boxes(b, err);
    if (s != CSAT_OK)
        return s;
    csat_tally *t = NULL;
    s = csat_tally_from_array(x, n, w, b->scale_min, b->scale_max, &t, err);
    if (s != CSAT_OK)
        return s;
    csat_share_result r;
    s = csat_estimate_share(t, b->lo, b->hi, b->level, &r, err);
    csat_tally_free(t);
    if (s == CSAT_OK)
        CSAT_STORE(out, r);
    return s;
}

/* Boxes of options resolved (s: the status of that) and checked against a
 * tally: the last step of every csat_box_range_* below. */
static csat_status tally_boxes(csat_status s, const csat_tally *t, const boxes *b,
                               csat_error *err)
{
    if (s == CSAT_OK)
        s = check_boxes(b, err);
    if (s == CSAT_OK)
        s = csat_check_tally_scale(t, b->scale_min, b->scale_max, err);
    return s;
}

static csat_status share_of_tally(const csat_tally *t, const boxes *b, csat_share_result *out,
                                  csat_error *err)
{
    csat_share_result r;
    csat_status s = csat_estimate_share(t, b->lo, b->hi, b->level, &r, err);
    if (s == CSAT_OK)
        CSAT_STORE(out, r);
    return s;
}

/* Options as a scale, a range of boxes and a level; NULL means 1–5 at 95 %
 * for arrays and the tally's own scale at 95 % for a tally. */
static csat_status scale_boxes(const csat_scale_options *opt, const csat_tally *t, boxes *b,
                               csat_error *err)
{
    csat_scale_options d = CSAT_SCALE_OPTIONS_DEFAULT, o;
    if (t != NULL) {
        d.scale_min = csat_tally_min(t);
        d.scale_max = csat_tally_max(t);
    }
    csat_status s = CSAT_LOAD_OPTIONS(o, opt, d, err);
    boxes r = { o.scale_min, o.scale_max, o.scale_min, o.scale_max, o.level };
    *b = r;
    return s;
}

static csat_status csat_boxes(const csat_csat_options *opt, const csat_tally *t, boxes *b,
                              csat_error *err)
{
    csat_csat_options d = CSAT_CSAT_OPTIONS_DEFAULT, o;
    if (t != NULL) {
        d.scale_min = csat_tally_min(t);
        d.scale_max = csat_tally_max(t);
    }
    csat_status s = CSAT_LOAD_OPTIONS(o, opt, d, err);
    boxes r = { o.scale_min, o.scale_max, o.satisfied_min, o.scale_max, o.level };
    *b = r;
    return s;
}

/* The k highest (top) or lowest boxes; k outside 1..points is an error. */
static csat_status k_boxes(boxes *b, int k, int top, csat_error *err)
{
    long long points = (long long)b->scale_max - b->scale_min + 1;
    if (k < 1 || k > points)
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "k = %d boxes is not between 1 and the %lld points of the scale", k,
                         points);
    /* In long long: scale_max − k alone leaves int near INT_MIN. */
    if (top)
        b->lo = (int)((long long)b->scale_max - k + 1);
    else
        b->hi = (int)((long long)b->scale_min + k - 1);
    return CSAT_OK;
}

csat_status csat_score_box_share(const double *x, size_t n, const double *w, int lo, int hi,
                           const csat_scale_options *opt, csat_share_result *out, csat_error *err)
{
    CSAT_REQUIRE_OUT(out, err);
    boxes b;
    csat_status s = scale_boxes(opt, NULL, &b, err);
    b.lo = lo;
    b.hi = hi;
    return s == CSAT_OK ? share_of_array(x, n, w, &b, out, err) : s;
}

csat_status csat_score_csat(const double *x, size_t n, const double *w, const csat_csat_options *opt,
                      csat_share_result *out, csat_error *err)
{
    CSAT_REQUIRE_OUT(out, err);
    boxes b;
    csat_status s = csat_boxes(opt, NULL, &b, err);
    return s == CSAT_OK ? share_of_array(x, n, w, &b, out, err) : s;
}

csat_status csat_score_top_box(const double *x, size_t n, const double *w, int k,
                         const csat_scale_options *opt, csat_share_result *out, csat_error *err)
{
    CSAT_REQUIRE_OUT(out, err);
    boxes b;
    csat_status s = scale_boxes(opt, NULL, &b, err);
    if (s == CSAT_OK)
        s = k_boxes(&b, k, 1, err);
    return s == CSAT_OK ? share_of_array(x, n, w, &b, out, err) : s;
}

csat_status csat_score_bottom_box(const double *x, size_t n, const double *w, int k,
                            const csat_scale_options *opt, csat_share_result *out,
                            csat_error *err)
{
    CSAT_REQUIRE_OUT(out, err);
    boxes b;
    csat_status s = scale_boxes(opt, NULL, &b, err);
    if (s == CSAT_OK)
        s = k_boxes(&b, k, 0, err);
    return s == CSAT_OK ? share_of_array(x, n, w, &b, out, err) : s;
}

/* The boxes of the tally estimators (and of the grouped ones, on the
 * scratch tally of a group), options resolved with the tally's scale. */
csat_status csat_box_range_share(const csat_tally *t, int lo, int hi,
                                 const csat_scale_options *opt, boxes *b, csat_error *err)
{
    csat_status s = scale_boxes(opt, t, b, err);
    b->lo = lo;
    b->hi = hi;
    return tally_boxes(s, t, b, err);
}

csat_status csat_box_range_csat(const csat_tally *t, const csat_csat_options *opt, boxes *b,
                                csat_error *err)
{
    return tally_boxes(csat_boxes(opt, t, b, err), t, b, err);
}

csat_status csat_box_range_top(const csat_tally *t, int k, const csat_scale_options *opt,
                               boxes *b, csat_error *err)
{
    csat_status s = scale_boxes(opt, t, b, err);
    if (s == CSAT_OK)
        s = k_boxes(b, k, 1, err);
    return tally_boxes(s, t, b, err);
}

csat_status csat_box_range_bottom(const csat_tally *t, int k, const csat_scale_options *opt,
                                  boxes *b, csat_error *err)
{
    csat_status s = scale_boxes(opt, t, b, err);
    if (s == CSAT_OK)
        s = k_boxes(b, k, 0, err);
    return tally_boxes(s, t, b, err);
}

csat_status csat_tally_box_share(const csat_tally *t, int lo, int hi,
                                 const csat_scale_options *opt, csat_share_result *out,
                                 csat_error *err)
{
    CSAT_REQUIRE(t, err);
    CSAT_REQUIRE_OUT(out, err);
    boxes b;
    csat_status s = csat_box_range_share(t, lo, hi, opt, &b, err);
    return s == CSAT_OK ? share_of_tally(t, &b, out, err) : s;
}

csat_status csat_tally_csat(const csat_tally *t, const csat_csat_options *opt,
                            csat_share_result *out, csat_error *err)
{
    CSAT_REQUIRE(t, err);
    CSAT_REQUIRE_OUT(out, err);
    boxes b;
    csat_status s = csat_box_range_csat(t, opt, &b, err);
    return s == CSAT_OK ? share_of_tally(t, &b, out, err) : s;
}

csat_status csat_tally_top_box(const csat_tally *t, int k, const csat_scale_options *opt,
                               csat_share_result *out, csat_error *err)
{
    CSAT_REQUIRE(t, err);
    CSAT_REQUIRE_OUT(out, err);
    boxes b;
    csat_status s = csat_box_range_top(t, k, opt, &b, err);
    return s == CSAT_OK ? share_of_tally(t, &b, out, err) : s;
}

csat_status csat_tally_bottom_box(const csat_tally *t, int k, const csat_scale_options *opt,
                                  csat_share_result *out, csat_error *err)
{
    CSAT_REQUIRE(t, err);
    CSAT_REQUIRE_OUT(out, err);
    boxes b;
    csat_status s = csat_box_range_bottom(t, k, opt, &b, err);
    return s == CSAT_OK ? share_of_tally(t, &b, out, err) : s;
}
