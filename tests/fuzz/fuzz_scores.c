/* Every score of score.h on decoded options and data (answers on and off
 * the scale, NaN, ±inf; weights that are zero, negative, NaN, huge, tiny).
 * On CSAT_OK the result must be sane and equal, bit for bit, to the tally
 * (or moments) path: the accumulator pass followed by its estimator. On
 * CSAT_ERR_RANGE or CSAT_ERR_WEIGHT, err.index must name a bad element.
 *
 * Input: family, flags, options (fuzz_int, fuzz_level), n, then for each
 * element its answer (fuzz_answer or fuzz_value) and, when weighted, its
 * weight (fuzz_weight). */
#include <stdlib.h>

#include "csat.h"
#include "fuzz_check.h"
#include "fuzz_input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define N_MAX 300
#define K_MAX 6

enum { NPS, BOX, CSAT, TOP, BOTTOM, MEAN, CES, DISTRIBUTION, INDEX, FAMILIES };

/* The data of one call. */
typedef struct sample {
    double x[N_MAX * (K_MAX + 2)];
    double wbuf[N_MAX];
    const double *w; /* wbuf or NULL */
    size_t n;
} sample;

static int bad_answer(double v, int lo, int hi)
{
    return !isnan(v) && !(v >= lo && v <= hi && v == floor(v));
}

/* After a failure: RANGE and WEIGHT name an element that is bad (RANGE
 * the first bad answer); every status is one the header lists. */
static void check_failure(csat_status st, const csat_error *err, const sample *s, int lo, int hi)
{
    FUZZ_CHECK(err->code == st);
    FUZZ_CHECK(st == CSAT_ERR_EMPTY || st == CSAT_ERR_RANGE || st == CSAT_ERR_WEIGHT
               || st == CSAT_ERR_ARGUMENT || st == CSAT_ERR_NOMEM);
    if (st == CSAT_ERR_RANGE) {
        FUZZ_CHECK(err->index < s->n);
        size_t first = 0;
        while (first < s->n && !bad_answer(s->x[first], lo, hi))
            first++;
        FUZZ_CHECK(err->index == first);
    } else if (st == CSAT_ERR_WEIGHT) {
        FUZZ_CHECK(s->w != NULL && err->index < s->n && fuzz_bad_weight(s->w[err->index]));
    }
}

static void same_share(const csat_share_result *a, const csat_share_result *b)
{
    FUZZ_CHECK(fuzz_same(a->share, b->share) && fuzz_same(a->score, b->score)
               && fuzz_same(a->se, b->se) && fuzz_same(a->ci_lower, b->ci_lower)
               && fuzz_same(a->ci_upper, b->ci_upper) && fuzz_same(a->level, b->level)
               && a->box_min == b->box_min && a->box_max == b->box_max && a->n == b->n
               && a->n_missing == b->n_missing && fuzz_same(a->n_weighted, b->n_weighted)
               && fuzz_same(a->n_effective, b->n_effective));
}

static void same_mean(const csat_mean_result *a, const csat_mean_result *b)
{
    FUZZ_CHECK(fuzz_same(a->score, b->score) && fuzz_same(a->sd, b->sd)
               && fuzz_same(a->se, b->se) && fuzz_same(a->ci_lower, b->ci_lower)
               && fuzz_same(a->ci_upper, b->ci_upper) && fuzz_same(a->level, b->level)
               && fuzz_same(a->df, b->df) && fuzz_same(a->min, b->min)
               && fuzz_same(a->max, b->max) && a->n == b->n && a->n_missing == b->n_missing
               && fuzz_same(a->n_weighted, b->n_weighted)
               && fuzz_same(a->n_effective, b->n_effective));
}

static void same_nps(const csat_nps_result *a, const csat_nps_result *b)
{
    FUZZ_CHECK(fuzz_same(a->score, b->score) && fuzz_same(a->promoters, b->promoters)
               && fuzz_same(a->passives, b->passives)
               && fuzz_same(a->detractors, b->detractors) && fuzz_same(a->se, b->se)
               && fuzz_same(a->ci_lower, b->ci_lower) && fuzz_same(a->ci_upper, b->ci_upper)
               && fuzz_same(a->level, b->level) && a->method == b->method && a->n == b->n
               && a->n_missing == b->n_missing && fuzz_same(a->n_weighted, b->n_weighted)
               && fuzz_same(a->n_effective, b->n_effective));
}

/* A tally of the sample on [lo, hi], or NULL with the failing status. */
static csat_tally *tally_of(const sample *s, int lo, int hi, csat_status *st)
{
    csat_tally *t = NULL;
    *st = csat_tally_create(lo, hi, &t, NULL);
    if (*st == CSAT_OK) {
        *st = csat_tally_add(t, s->x, s->n, s->w, NULL);
        if (*st != CSAT_OK) {
            csat_tally_free(t);
            t = NULL;
        }
    }
    return t;
}

/* The array function and the tally path agree: both fail, or both succeed
 * with the same bits. */
static void agree(csat_status array, csat_status path)
{
    FUZZ_CHECK((array == CSAT_OK) == (path == CSAT_OK));
}

static void counts(size_t n, size_t n_missing, const sample *s)
{
    FUZZ_CHECK(n + n_missing == s->n);
}

static void fuzz_nps(fuzz_input *in, sample *s, int use_opt, csat_nps_options o)
{
    o.promoter_min = fuzz_int(in);
    o.detractor_max = fuzz_int(in);
    o.method = (csat_nps_method)(fuzz_u8(in) % 3);
    if (!use_opt)
        o = (csat_nps_options)CSAT_NPS_OPTIONS_DEFAULT;
    csat_nps_result r = CSAT_RESULT_INIT(csat_nps_result), rt = CSAT_RESULT_INIT(csat_nps_result);
    csat_error err;
    csat_status st = csat_score_nps(s->x, s->n, s->w, use_opt ? &o : NULL, &r, &err), pt;
    csat_tally *t = tally_of(s, o.scale_min, o.scale_max, &pt);
    if (t != NULL)
        pt = csat_tally_nps(t, &o, &rt, NULL);
    agree(st, pt);
    if (st == CSAT_OK) {
        fuzz_check_nps(&r);
        counts(r.n, r.n_missing, s);
        same_nps(&r, &rt);
    } else {
        check_failure(st, &err, s, o.scale_min, o.scale_max);
    }
    csat_tally_free(t);
}

static void fuzz_share(fuzz_input *in, sample *s, int family, int use_opt, csat_csat_options co)
{
    csat_scale_options o = { sizeof o, co.scale_min, co.scale_max, co.level };
    int a = fuzz_int(in), b = fuzz_int(in);
    if (!use_opt) {
        co = (csat_csat_options)CSAT_CSAT_OPTIONS_DEFAULT;
        o = (csat_scale_options)CSAT_SCALE_OPTIONS_DEFAULT;
    }
    csat_share_result r = CSAT_RESULT_INIT(csat_share_result);
    csat_share_result rt = CSAT_RESULT_INIT(csat_share_result);
    csat_error err;
    csat_status st, pt;
    csat_tally *t = tally_of(s, o.scale_min, o.scale_max, &pt);
    const csat_scale_options *op = use_opt ? &o : NULL;
    switch (family) {
    case BOX:
        st = csat_score_box_share(s->x, s->n, s->w, a, b, op, &r, &err);
        if (t != NULL)
            pt = csat_tally_box_share(t, a, b, &o, &rt, NULL);
        break;
    case CSAT:
        if (use_opt)
            co.satisfied_min = a;
        st = csat_score_csat(s->x, s->n, s->w, use_opt ? &co : NULL, &r, &err);
        if (t != NULL)
            pt = csat_tally_csat(t, &co, &rt, NULL);
        break;
    case TOP:
        st = csat_score_top_box(s->x, s->n, s->w, a, op, &r, &err);
        if (t != NULL)
            pt = csat_tally_top_box(t, a, &o, &rt, NULL);
        break;
    default:
        st = csat_score_bottom_box(s->x, s->n, s->w, a, op, &r, &err);
        if (t != NULL)
            pt = csat_tally_bottom_box(t, a, &o, &rt, NULL);
        break;
    }
    agree(st, pt);
    if (st == CSAT_OK) {
        fuzz_check_share(&r);
        counts(r.n, r.n_missing, s);
        FUZZ_CHECK(r.box_min >= o.scale_min && r.box_max <= o.scale_max);
        same_share(&r, &rt);
    } else {
        check_failure(st, &err, s, o.scale_min, o.scale_max);
    }
    csat_tally_free(t);
}

static void fuzz_mean(sample *s, int use_opt, double level)
{
    csat_mean_options o = { sizeof o, level };
    const csat_mean_options *op = use_opt ? &o : NULL;
    csat_mean_result r = CSAT_RESULT_INIT(csat_mean_result);
    csat_mean_result rm = CSAT_RESULT_INIT(csat_mean_result);
    csat_error err;
    csat_status st = csat_score_mean(s->x, s->n, s->w, op, &r, &err);
    csat_moments *m = NULL;
    FUZZ_CHECK(csat_moments_create(&m, NULL) == CSAT_OK);
    csat_status pt = csat_moments_add(m, s->x, s->n, s->w, NULL);
    if (pt == CSAT_OK)
        pt = csat_moments_mean(m, op, &rm, NULL);
    csat_moments_free(m);
    agree(st, pt);
    if (st == CSAT_OK) {
        fuzz_check_mean(&r);
        counts(r.n, r.n_missing, s);
        same_mean(&r, &rm);
    } else {
        FUZZ_CHECK(err.code == st);
        FUZZ_CHECK(st == CSAT_ERR_EMPTY || st == CSAT_ERR_RANGE || st == CSAT_ERR_WEIGHT
                   || st == CSAT_ERR_ARGUMENT);
        if (st == CSAT_ERR_RANGE)
            FUZZ_CHECK(err.index < s->n && fuzz_bad_value(s->x[err.index]));
        if (st == CSAT_ERR_WEIGHT)
            FUZZ_CHECK(s->w != NULL && err.index < s->n && fuzz_bad_weight(s->w[err.index]));
    }
}

static void fuzz_ces(fuzz_input *in, sample *s, int use_opt, csat_ces_options o)
{
    o.low_effort_min = fuzz_int(in);
    if (!use_opt)
        o = (csat_ces_options)CSAT_CES_OPTIONS_DEFAULT;
    csat_mean_result effort = CSAT_RESULT_INIT(csat_mean_result);
    csat_mean_result teffort = CSAT_RESULT_INIT(csat_mean_result);
    csat_share_result low = CSAT_RESULT_INIT(csat_share_result);
    csat_share_result tlow = CSAT_RESULT_INIT(csat_share_result);
    csat_error err;
    csat_status st =
        csat_score_ces(s->x, s->n, s->w, use_opt ? &o : NULL, &effort, &low, &err), pt;
    csat_tally *t = tally_of(s, o.scale_min, o.scale_max, &pt);
    if (t != NULL)
        pt = csat_tally_ces(t, &o, &teffort, &tlow, NULL);
    agree(st, pt);
    if (st == CSAT_OK) {
        fuzz_check_mean(&effort);
        fuzz_check_share(&low);
        counts(effort.n, effort.n_missing, s);
        FUZZ_CHECK(low.n == effort.n && low.n_missing == effort.n_missing);
        FUZZ_CHECK(effort.min >= o.scale_min && effort.max <= o.scale_max);
        same_mean(&effort, &teffort);
        same_share(&low, &tlow);
        /* score.h: the tally mean equals the effort part of the CES exactly. */
        csat_mean_options mo = { sizeof mo, o.level };
        csat_mean_result tm = CSAT_RESULT_INIT(csat_mean_result);
        FUZZ_CHECK(csat_tally_mean(t, &mo, &tm, NULL) == CSAT_OK);
        same_mean(&tm, &effort);
    } else {
        check_failure(st, &err, s, o.scale_min, o.scale_max);
    }
    csat_tally_free(t);
}

static void fuzz_distribution(fuzz_input *in, sample *s, int use_opt, csat_scale_options o)
{
    uint8_t f = fuzz_u8(in);
    if (!use_opt)
        o = (csat_scale_options)CSAT_SCALE_OPTIONS_DEFAULT;
    long long points = o.scale_max >= o.scale_min ? (long long)o.scale_max - o.scale_min + 1 : 0;
    /* Arrays only for small scales; a length off by one must be refused. */
    int arrays = points > 0 && points <= 4096;
    size_t len = (size_t)points + (size_t)(f % 3) - 1;
    if (f % 3 == 0 && points == 0)
        len = 0;
    double *c = NULL, *wt = NULL, *sh = NULL;
    if (arrays) {
        c = (f & 8) ? malloc((len + 1) * sizeof *c) : NULL;
        wt = (f & 16) ? malloc((len + 1) * sizeof *wt) : NULL;
        sh = (f & 32) ? malloc((len + 1) * sizeof *sh) : NULL;
    }
    csat_sample out = CSAT_RESULT_INIT(csat_sample);
    csat_error err;
    csat_status st = csat_score_distribution(s->x, s->n, s->w, use_opt ? &o : NULL, c, wt, sh, len,
                                       &out, &err);
    if (st == CSAT_OK) {
        FUZZ_CHECK(len == (size_t)points);
        counts(out.n, out.n_missing, s);
        fuzz_check_sizes(out.n, out.n_weighted, out.n_effective);
        double total = 0, share = 0, weight = 0;
        for (size_t j = 0; arrays && j < len; j++) {
            if (c != NULL) {
                FUZZ_CHECK(c[j] >= 0 && c[j] == floor(c[j]));
                total += c[j];
            }
            if (wt != NULL) {
                FUZZ_CHECK(wt[j] >= 0 && isfinite(wt[j]));
                weight += wt[j];
            }
            if (sh != NULL) {
                FUZZ_CHECK(fuzz_within(sh[j], 0, 1, FUZZ_TOL));
                share += sh[j];
            }
        }
        if (arrays && c != NULL)
            FUZZ_CHECK(total == (double)out.n);
        if (arrays && wt != NULL)
            FUZZ_CHECK(fuzz_close(weight, out.n_weighted, 1e-12 * out.n_weighted));
        if (arrays && sh != NULL)
            FUZZ_CHECK(fuzz_close(share, 1, FUZZ_TOL));
    } else if (st == CSAT_ERR_ARGUMENT) {
        FUZZ_CHECK(err.code == st);
    } else {
        check_failure(st, &err, s, o.scale_min, o.scale_max);
    }
    free(c);
    free(wt);
    free(sh);
}

/* Input: k, ld − k, flags, k × (item_min, item_max, item weight), then
 * n rows of ld values (fuzz_value) and weights. */
static void fuzz_index(fuzz_input *in, int use_opt, double level)
{
    size_t k = 1 + fuzz_size(in, K_MAX - 1), ld = k + fuzz_size(in, 2);
    uint8_t f = fuzz_u8(in);
    double lo[K_MAX], hi[K_MAX], v[K_MAX];
    for (size_t j = 0; j < k; j++) {
        lo[j] = fuzz_value(in);
        hi[j] = fuzz_value(in);
        v[j] = fuzz_weight(in);
    }
    size_t n = fuzz_size(in, 64);
    double x[64 * (K_MAX + 2)], wbuf[64];
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; j < ld; j++)
            x[i * ld + j] = fuzz_value(in);
        wbuf[i] = (f & 1) ? fuzz_weight(in) : 1.0;
    }
    const double *w = (f & 1) ? wbuf : NULL;
    csat_mean_options o = { sizeof o, level };
    csat_mean_result r = CSAT_RESULT_INIT(csat_mean_result);
    csat_error err;
    csat_status st = csat_score_index(x, n, k, ld, w, lo, hi, (f & 2) ? v : NULL, use_opt ? &o : NULL,
                                &r, &err);
    if (st == CSAT_OK) {
        fuzz_check_mean(&r);
        FUZZ_CHECK(r.n + r.n_missing == n);
        FUZZ_CHECK(r.min >= -FUZZ_TOL && r.max <= 100 + FUZZ_TOL);
    } else {
        FUZZ_CHECK(err.code == st);
        FUZZ_CHECK(st == CSAT_ERR_EMPTY || st == CSAT_ERR_RANGE || st == CSAT_ERR_WEIGHT
                   || st == CSAT_ERR_ARGUMENT);
        if (st == CSAT_ERR_RANGE) {
            FUZZ_CHECK(err.index < n && err.column < k);
            double a = x[err.index * ld + err.column];
            FUZZ_CHECK(!(a >= lo[err.column] && a <= hi[err.column]) && !isnan(a));
        }
        if (st == CSAT_ERR_WEIGHT)
            FUZZ_CHECK(w != NULL && err.index < n && fuzz_bad_weight(w[err.index]));
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_input in = fuzz_begin(data, size);
    int family = fuzz_u8(&in) % FAMILIES;
    uint8_t flags = fuzz_u8(&in);
    int use_opt = !(flags & 1), weighted = (flags & 2) != 0;
    int lo = fuzz_int(&in), hi = fuzz_int(&in);
    double level = fuzz_level(&in);
    if (family == INDEX) {
        fuzz_index(&in, use_opt, level);
        return 0;
    }
    if (fuzz_slow_scale(lo, hi, 65536))
        return 0;
    static sample s;
    s.n = fuzz_size(&in, N_MAX);
    s.w = weighted ? s.wbuf : NULL;
    for (size_t i = 0; i < s.n; i++) {
        s.x[i] = family == MEAN ? fuzz_value(&in) : fuzz_answer(&in, lo, hi);
        s.wbuf[i] = weighted ? fuzz_weight(&in) : 1.0;
    }
    s.x[s.n] = NAN; /* past the end: never read */
    switch (family) {
    case NPS:
        fuzz_nps(&in, &s, use_opt,
                 (csat_nps_options){ sizeof(csat_nps_options), lo, hi, 0, 0, level, 0 });
        break;
    case BOX:
    case CSAT:
    case TOP:
    case BOTTOM:
        fuzz_share(&in, &s, family, use_opt,
                   (csat_csat_options){ sizeof(csat_csat_options), lo, hi, 0, level });
        break;
    case MEAN: fuzz_mean(&s, use_opt, level); break;
    case CES:
        fuzz_ces(&in, &s, use_opt,
                 (csat_ces_options){ sizeof(csat_ces_options), lo, hi, 0, level });
        break;
    default:
        fuzz_distribution(&in, &s, use_opt,
                          (csat_scale_options){ sizeof(csat_scale_options), lo, hi, level });
        break;
    }
    return 0;
}
