/* Every function of compare.h on decoded input: results made by the score
 * functions or written field by field (NaN, ±inf, SE 0, tiny and huge
 * SE), p-values, waves, peers and expectation–perception matrices. On
 * CSAT_OK a comparison is a number with an ordered interval around it and
 * a p-value in [0, 1] (compare.h: never NaN); the other results follow
 * their definitions. Errors name a bad element where the header says so.
 *
 * Input: family, level, then the family's own layout (see each function). */
#include <stdlib.h>

#include "csat.h"
#include "fuzz_check.h"
#include "fuzz_input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum {
    NPS_BENCH, SHARE_BENCH, MEAN_BENCH, NPS2, SHARES2, MEANS2, ADJUST, TREND, RANK, GAP, FAMILIES
};

#define N_MAX 64
#define GAP_N_MAX 300
#define GAP_K_MAX 4

static void check_comparison(const csat_comparison *c, double diff, double level, int bounded)
{
    FUZZ_CHECK(!isnan(c->diff));
    if (bounded)
        FUZZ_CHECK(isfinite(c->diff));
    FUZZ_CHECK(fuzz_close(c->diff, diff, 1e-9 * (1 + fabs(diff))));
    FUZZ_CHECK(c->se >= 0);
    FUZZ_CHECK(c->ci_lower <= c->ci_upper);
    if (isfinite(c->diff))
        FUZZ_CHECK(fuzz_within(c->diff, c->ci_lower, c->ci_upper, 1e-9 * (1 + fabs(c->diff))));
    FUZZ_CHECK(!isnan(c->statistic));
    FUZZ_CHECK(c->df > 0);
    FUZZ_CHECK(fuzz_within(c->p, 0, 1, 0));
    FUZZ_CHECK(c->level == level);
}

/* A result from data (mode 0) or field by field; r has its size set. */
static int read_nps(fuzz_input *in, csat_nps_result *r)
{
    if (fuzz_u8(in) % 2 == 0) {
        size_t n = fuzz_size(in, N_MAX);
        double x[N_MAX];
        for (size_t i = 0; i < n; i++)
            x[i] = fuzz_answer(in, 0, 10);
        return csat_score_nps(x, n, NULL, NULL, r, NULL) == CSAT_OK;
    }
    memset(r, 0, sizeof *r);
    r->size = sizeof *r;
    r->score = fuzz_value(in) * 4;
    r->se = fuzz_weight(in);
    r->promoters = fuzz_weight(in) / 12;
    r->detractors = fuzz_weight(in) / 12;
    r->passives = 1 - r->promoters - r->detractors;
    r->n = fuzz_size(in, 1000);
    r->n_weighted = (double)r->n;
    r->n_effective = fuzz_weight(in) * 16;
    r->level = 0.95;
    r->ci_lower = r->score - 1.96 * r->se;
    r->ci_upper = r->score + 1.96 * r->se;
    return 1;
}

static int read_share(fuzz_input *in, csat_share_result *r)
{
    if (fuzz_u8(in) % 2 == 0) {
        size_t n = fuzz_size(in, N_MAX);
        double x[N_MAX];
        for (size_t i = 0; i < n; i++)
            x[i] = fuzz_answer(in, 1, 5);
        return csat_score_csat(x, n, NULL, NULL, r, NULL) == CSAT_OK;
    }
    memset(r, 0, sizeof *r);
    r->size = sizeof *r;
    uint8_t b = fuzz_u8(in);
    r->share = b < 0xF0 ? b / 239.0 : fuzz_special(in, b);
    r->score = 100 * r->share;
    r->se = fuzz_weight(in);
    r->n = fuzz_size(in, 1000);
    r->n_weighted = (double)r->n;
    r->n_effective = fuzz_weight(in) * 16;
    r->level = 0.95;
    r->ci_lower = fmax(0, r->share - 1.96 * r->se);
    r->ci_upper = fmin(1, r->share + 1.96 * r->se);
    r->box_min = 4;
    r->box_max = 5;
    return 1;
}

static int read_mean(fuzz_input *in, csat_mean_result *r)
{
    if (fuzz_u8(in) % 2 == 0) {
        size_t n = fuzz_size(in, N_MAX);
        double x[N_MAX];
        for (size_t i = 0; i < n; i++)
            x[i] = fuzz_value(in);
        return csat_score_mean(x, n, NULL, NULL, r, NULL) == CSAT_OK;
    }
    memset(r, 0, sizeof *r);
    r->size = sizeof *r;
    r->score = fuzz_value(in);
    r->sd = fuzz_weight(in);
    r->se = fuzz_weight(in);
    r->n = fuzz_size(in, 1000);
    r->df = (double)r->n - 1;
    r->n_weighted = (double)r->n;
    r->n_effective = (double)r->n;
    r->level = 0.95;
    r->min = r->score - r->sd;
    r->max = r->score + r->sd;
    return 1;
}

static void ok_or_argument(csat_status st, const csat_error *err)
{
    if (st != CSAT_OK)
        FUZZ_CHECK(st == CSAT_ERR_ARGUMENT && err->code == st);
}

static double read_p(fuzz_input *in)
{
    uint8_t b = fuzz_u8(in);
    return b < 0xF0 ? b / 239.0 : fuzz_special(in, b);
}

static void fuzz_adjust(fuzz_input *in)
{
    int method = fuzz_u8(in) % 4; /* 3 is no method */
    size_t n = fuzz_size(in, N_MAX);
    double p[N_MAX + 1], out[N_MAX + 1], again[N_MAX + 1];
    for (size_t i = 0; i < n; i++)
        p[i] = read_p(in);
    csat_compare_options o = CSAT_COMPARE_OPTIONS_DEFAULT;
    o.adjust = method;
    csat_error err;
    csat_status st = csat_compare_adjust(p, n, &o, out, &err);
    if (st == CSAT_ERR_RANGE) {
        FUZZ_CHECK(err.index < n && !(p[err.index] >= 0 && p[err.index] <= 1));
        return;
    }
    if (method == 3)
        FUZZ_CHECK(st == CSAT_ERR_ARGUMENT || n == 0);
    if (st != CSAT_OK) {
        FUZZ_CHECK(st == CSAT_ERR_ARGUMENT || st == CSAT_ERR_NOMEM);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        FUZZ_CHECK(fuzz_within(out[i], 0, 1, 0));
        FUZZ_CHECK(out[i] >= p[i] * (1 - 4 * DBL_EPSILON));
    }
    /* In place gives the same. */
    memcpy(again, p, n * sizeof *p);
    FUZZ_CHECK(csat_compare_adjust(again, n, &o, again, NULL) == CSAT_OK);
    FUZZ_CHECK(memcmp(again, out, n * sizeof *out) == 0);
}

static void fuzz_trend(fuzz_input *in, const csat_compare_options *o)
{
    size_t k = fuzz_size(in, 16);
    int timed = fuzz_u8(in) & 1;
    double score[16], se[16], time[16];
    for (size_t i = 0; i < k; i++) {
        score[i] = fuzz_value(in) * 4;
        se[i] = fuzz_weight(in);
        time[i] = fuzz_value(in);
    }
    double level = o->level;
    csat_trend_result r = CSAT_RESULT_INIT(csat_trend_result);
    csat_comparison ch[16] = { CSAT_RESULT_INIT(csat_comparison) };
    csat_error err;
    csat_status st = csat_compare_trend(score, se, timed ? time : NULL, k, o, &r, ch, &err);
    if (k < 2)
        FUZZ_CHECK(st == CSAT_ERR_TOO_FEW);
    if (st != CSAT_OK) {
        FUZZ_CHECK(err.code == st);
        FUZZ_CHECK(st == CSAT_ERR_TOO_FEW || st == CSAT_ERR_ARGUMENT);
        if (err.index != CSAT_NO_INDEX)
            FUZZ_CHECK(err.index < k);
        return;
    }
    for (size_t i = 0; i < k; i++) {
        FUZZ_CHECK(isfinite(score[i]) && se[i] > 0 && isfinite(se[i]));
        if (timed && i > 0)
            FUZZ_CHECK(time[i] > time[i - 1]);
    }
    FUZZ_CHECK(r.waves == k && r.level == level);
    FUZZ_CHECK(!isnan(r.slope) && !isnan(r.intercept) && !isnan(r.z));
    FUZZ_CHECK(r.se >= 0 && r.ci_lower <= r.ci_upper);
    FUZZ_CHECK(fuzz_within(r.p, 0, 1, 0));
    for (size_t i = 0; i + 1 < k; i++)
        check_comparison(&ch[i], score[i + 1] - score[i], level, 1);
}

static void fuzz_rank(fuzz_input *in)
{
    double score = fuzz_value(in), peers[N_MAX];
    size_t n = fuzz_size(in, N_MAX);
    for (size_t i = 0; i < n; i++)
        peers[i] = fuzz_value(in);
    csat_rank_result r = CSAT_RESULT_INIT(csat_rank_result);
    csat_error err;
    csat_status st = csat_compare_rank(score, peers, n, NULL, &r, &err);
    if (n == 0)
        FUZZ_CHECK(st == CSAT_ERR_EMPTY);
    if (st != CSAT_OK) {
        FUZZ_CHECK(st == CSAT_ERR_EMPTY || st == CSAT_ERR_RANGE);
        return;
    }
    size_t below = 0, equal = 0, above = 0;
    FUZZ_CHECK(isfinite(score));
    for (size_t i = 0; i < n; i++) {
        FUZZ_CHECK(isfinite(peers[i]));
        below += peers[i] < score;
        equal += peers[i] == score;
        above += peers[i] > score;
    }
    FUZZ_CHECK(r.below == below && r.equal == equal && r.of == n + 1 && r.rank == above + 1);
    FUZZ_CHECK(fuzz_close(r.percentile, 100 * (below + equal / 2.0) / (double)n, FUZZ_TOL));
}

static void fuzz_gap(fuzz_input *in, const csat_compare_options *o)
{
    size_t k = fuzz_size(in, GAP_K_MAX), ld = k + fuzz_size(in, 2);
    size_t n = fuzz_size(in, GAP_N_MAX);
    size_t cells = n * ld + 1;
    double *e = malloc(cells * sizeof *e), *q = malloc(cells * sizeof *q);
    FUZZ_CHECK(e != NULL && q != NULL);
    for (size_t i = 0; i < n * ld; i++) {
        e[i] = fuzz_value(in);
        q[i] = fuzz_value(in);
    }
    double level = o->level;
    csat_comparison out[GAP_K_MAX] = { CSAT_RESULT_INIT(csat_comparison) };
    size_t pairs[GAP_K_MAX];
    csat_error err;
    csat_status st = csat_compare_gap(e, q, n, k, ld, o, out, pairs, &err);
    if (st == CSAT_OK) {
        for (size_t j = 0; j < k; j++) {
            size_t c = 0;
            double sum = 0, mag = 0;
            for (size_t i = 0; i < n; i++) {
                double a = e[i * ld + j], b = q[i * ld + j];
                if (isnan(a) || isnan(b))
                    continue;
                FUZZ_CHECK(isfinite(a) && isfinite(b));
                c++;
                sum += b - a;
                mag = fmax(mag, fabs(b - a));
            }
            FUZZ_CHECK(pairs[j] == c && c >= 2);
            FUZZ_CHECK(out[j].df == (double)c - 1);
            if (isfinite(sum))
                FUZZ_CHECK(fuzz_close(out[j].diff, sum / (double)c,
                                      1e-12 * (double)c * mag + 4 * DBL_TRUE_MIN * (double)c));
            check_comparison(&out[j], out[j].diff, level, 0);
        }
    } else {
        FUZZ_CHECK(err.code == st);
        FUZZ_CHECK(st == CSAT_ERR_ARGUMENT || st == CSAT_ERR_RANGE || st == CSAT_ERR_TOO_FEW
                   || st == CSAT_ERR_NOMEM);
        if (st == CSAT_ERR_RANGE) {
            FUZZ_CHECK(err.index < n && err.column < k);
            size_t at = err.index * ld + err.column;
            /* An infinite rating, or a difference beyond ±CSAT_VALUE_MAX. */
            FUZZ_CHECK(isinf(e[at]) || isinf(q[at]) || fuzz_bad_value(q[at] - e[at]));
        }
        if (st == CSAT_ERR_TOO_FEW && err.column != CSAT_NO_INDEX) {
            FUZZ_CHECK(err.column < k);
            size_t c = 0;
            for (size_t i = 0; i < n; i++)
                c += !isnan(e[i * ld + err.column]) && !isnan(q[i * ld + err.column]);
            FUZZ_CHECK(c < 2);
        }
    }
    free(e);
    free(q);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_input in = fuzz_begin(data, size);
    int family = fuzz_u8(&in) % FAMILIES;
    double level = fuzz_level(&in);
    csat_compare_options o = CSAT_COMPARE_OPTIONS_DEFAULT;
    o.level = level;
    csat_comparison c = CSAT_RESULT_INIT(csat_comparison);
    csat_error err;
    csat_status st;
    switch (family) {
    case NPS_BENCH: {
        csat_nps_result a = CSAT_RESULT_INIT(csat_nps_result);
        double bench = fuzz_value(&in) * 4; /* NPS points */
        if (!read_nps(&in, &a))
            break;
        st = csat_compare_nps_benchmark(&a, bench, &o, &c, &err);
        ok_or_argument(st, &err);
        if (st == CSAT_OK)
            check_comparison(&c, a.score - bench, level, 1);
        break;
    }
    case SHARE_BENCH: {
        csat_share_result a = CSAT_RESULT_INIT(csat_share_result);
        double bench = fuzz_value(&in) / 64; /* a proportion (some out of range) */
        if (!read_share(&in, &a))
            break;
        st = csat_compare_share_benchmark(&a, bench, &o, &c, &err);
        ok_or_argument(st, &err);
        if (st == CSAT_OK) {
            FUZZ_CHECK(bench > 0 && bench < 1);
            check_comparison(&c, a.share - bench, level, 1);
        }
        break;
    }
    case MEAN_BENCH: {
        csat_mean_result a = CSAT_RESULT_INIT(csat_mean_result);
        double bench = fuzz_value(&in);
        if (!read_mean(&in, &a))
            break;
        st = csat_compare_mean_benchmark(&a, bench, &o, &c, &err);
        ok_or_argument(st, &err);
        if (st == CSAT_OK)
            check_comparison(&c, a.score - bench, level, 0);
        break;
    }
    case NPS2: {
        csat_nps_result a = CSAT_RESULT_INIT(csat_nps_result);
        csat_nps_result b = CSAT_RESULT_INIT(csat_nps_result);
        if (!read_nps(&in, &a) || !read_nps(&in, &b))
            break;
        st = csat_compare_nps(&a, &b, &o, &c, &err);
        ok_or_argument(st, &err);
        if (st == CSAT_OK)
            check_comparison(&c, a.score - b.score, level, 1);
        break;
    }
    case SHARES2: {
        csat_share_result a = CSAT_RESULT_INIT(csat_share_result);
        csat_share_result b = CSAT_RESULT_INIT(csat_share_result);
        if (!read_share(&in, &a) || !read_share(&in, &b))
            break;
        st = csat_compare_shares(&a, &b, &o, &c, &err);
        ok_or_argument(st, &err);
        if (st == CSAT_OK)
            check_comparison(&c, a.share - b.share, level, 1);
        break;
    }
    case MEANS2: {
        csat_mean_result a = CSAT_RESULT_INIT(csat_mean_result);
        csat_mean_result b = CSAT_RESULT_INIT(csat_mean_result);
        if (!read_mean(&in, &a) || !read_mean(&in, &b))
            break;
        st = csat_compare_means(&a, &b, &o, &c, &err);
        ok_or_argument(st, &err);
        if (st == CSAT_OK) {
            FUZZ_CHECK(a.n >= 2 && b.n >= 2);
            check_comparison(&c, a.score - b.score, level, 0);
        }
        break;
    }
    case ADJUST: fuzz_adjust(&in); break;
    case TREND: fuzz_trend(&in, &o); break;
    case RANK: fuzz_rank(&in); break;
    default: fuzz_gap(&in, &o); break;
    }
    return 0;
}
