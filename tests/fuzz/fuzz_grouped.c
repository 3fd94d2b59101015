/* The grouped accumulator and the scores by group (groups.h).
 *
 * Mode 0 (first byte even): the rest of the input is a blob for
 * csat_grouped_deserialize. A refused blob gives FORMAT (or NOMEM) and
 * leaves the output alone; an accepted one re-serialises to the same bytes,
 * and every estimator of its kind runs on it (below); merged with itself it
 * doubles (or OVERFLOW) and round-trips.
 *
 * Mode 1 (first byte 1 modulo 4): answers, weights and group codes decoded from
 * the input go to csat_grouped_add in one pass and in two parts merged. The
 * pass succeeds exactly when both parts and their merge do; a failure
 * names the first bad row (its group code, then its weight, then its
 * answer, as groups.h orders them) and leaves the accumulator as it was;
 * merged parts equal one pass (counts exactly, unweighted tallies to the
 * byte) and round-trip. The array functions (csat_score_*_grouped) on the
 * same data fail as the pass does or give, bit for bit, the estimators of
 * the one-pass accumulator.
 *
 * Every estimator that succeeds: G flags in {OK, SMALL, EMPTY}; an EMPTY
 * group has n 0 and a NaN estimate; SMALL exactly when n < min_n; other
 * results sane (fuzz_check.h) and equal to the ungrouped tally estimator
 * on the group's own tally (csat_grouped_tally), or on the other groups'
 * tallies merged in group order for `complement`: the same counts, the
 * same estimate bit for bit (up to rounding for the rest, whose weight
 * sums the library adds in another order), and the same SE except the
 * domain factor of the Wald NPS and the mean (N/(N − 1) of the whole
 * sample's N for the group's n/(n − 1)). Comparisons of the groups and the groups as periods of a
 * tracking table accept those results or say why, with p-values in [0, 1].
 *
 * Mode 3 (first byte 3 modulo 4): the accumulator of mode 1 serialised,
 * a few of its fields patched (fuzz_patched), and read as in mode 0; an
 * accepted state merged with that accumulator reads back and scores: a
 * state the deserialiser accepts must be one adds and merges can reach.
 *
 * Mode 1 layout: flags (bit 0 moments, bit 1 weighted, bits 2–3 = 3: a
 * refused number of groups), G − 1, lo, hi (tallies), min_n, level, n,
 * split point, then n × (answer, weight when weighted, group code). */
#include <stdlib.h>

#include "csat.h"
#include "fuzz_check.h"
#include "fuzz_input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define N_MAX 128
#define G_MAX 16
/* Groups × points beyond which the per-group checks are skipped (slow). */
#define CELLS_MAX 4096

/* ------------------------------------------------------------------------ */
/* Accumulators                                                              */

typedef struct shape {
    size_t G;
    int lo, hi, tally;
    size_t points; /* tally: points of the scale; moments: 0 */
} shape;

static shape shape_of(const csat_grouped *a)
{
    shape s;
    FUZZ_CHECK(csat_grouped_shape(a, &s.G, &s.lo, &s.hi, NULL) == CSAT_OK);
    FUZZ_CHECK(s.G >= 1 && s.G <= CSAT_GROUPS_MAX);
    s.tally = s.lo <= s.hi;
    s.points = s.tally ? (size_t)((long long)s.hi - s.lo + 1) : 0;
    if (s.tally)
        FUZZ_CHECK(s.points <= CSAT_TALLY_MAX_POINTS);
    else
        FUZZ_CHECK(s.lo == 1 && s.hi == 0);
    return s;
}

/* Serialised bytes (caller frees), checked against want when not NULL;
 * the size asked with a NULL buffer is the header and G records, and one
 * byte less is refused. */
static unsigned char *bytes_of(const csat_grouped *a, const uint8_t *want, size_t want_len,
                               size_t *len)
{
    shape s = shape_of(a);
    FUZZ_CHECK(csat_grouped_serialize(a, NULL, 0, len, NULL) == CSAT_OK);
    FUZZ_CHECK(*len == 40 + s.G * (s.tally ? 8 + 32 * s.points : 80));
    unsigned char *b = malloc(*len);
    FUZZ_CHECK(b != NULL);
    size_t got = 0;
    FUZZ_CHECK(csat_grouped_serialize(a, b, *len - 1, &got, NULL) == CSAT_ERR_ARGUMENT);
    FUZZ_CHECK(csat_grouped_serialize(a, b, *len, &got, NULL) == CSAT_OK && got == *len);
    if (want != NULL)
        FUZZ_CHECK(want_len == got && memcmp(b, want, got) == 0);
    return b;
}

/* The samples of every group and of the whole sample (G + 1 of them). */
static csat_sample *samples_of(const csat_grouped *a, size_t G)
{
    csat_sample *s = malloc((G + 1) * sizeof *s);
    FUZZ_CHECK(s != NULL);
    size_t n = 0, missing = 0;
    for (size_t d = 0; d <= G; d++) {
        s[d] = (csat_sample)CSAT_RESULT_INIT(csat_sample);
        FUZZ_CHECK(csat_grouped_sample(a, d, &s[d], NULL) == CSAT_OK);
        FUZZ_CHECK(s[d].n_weighted >= 0 && isfinite(s[d].n_weighted));
        if (d < G) {
            FUZZ_CHECK(!__builtin_add_overflow(n, s[d].n, &n));
            FUZZ_CHECK(!__builtin_add_overflow(missing, s[d].n_missing, &missing));
        }
    }
    /* The whole sample: every group, and the rows without a group among
     * the missing ones. */
    FUZZ_CHECK(s[G].n == n && s[G].n_missing >= missing);
    csat_sample bad = CSAT_RESULT_INIT(csat_sample);
    FUZZ_CHECK(csat_grouped_sample(a, G + 1, &bad, NULL) == CSAT_ERR_ARGUMENT);
    return s;
}

/* Group d's tally (the rest of the sample: every other group's merged in
 * group order), or NULL when out of memory. */
static csat_tally *tally_of(const csat_grouped *a, const shape *s, size_t d, int complement)
{
    csat_tally *t = NULL;
    if (!complement) {
        csat_status st = csat_grouped_tally(a, d, &t, NULL);
        FUZZ_CHECK(st == CSAT_OK || st == CSAT_ERR_NOMEM);
        return t;
    }
    if (csat_tally_create(s->lo, s->hi, &t, NULL) != CSAT_OK)
        return NULL;
    for (size_t e = 0; e < s->G; e++) {
        if (e == d)
            continue;
        csat_tally *u = NULL;
        if (csat_grouped_tally(a, e, &u, NULL) != CSAT_OK) {
            csat_tally_free(t);
            return NULL;
        }
        /* The sums of all groups fit: the accumulator's total does. */
        FUZZ_CHECK(csat_tally_merge(t, u, NULL) == CSAT_OK);
        csat_tally_free(u);
    }
    return t;
}

/* ------------------------------------------------------------------------ */
/* Estimators                                                                */

typedef struct ask {
    double level;
    size_t min_n;
} ask;

enum { S_NPS, S_NPS_ADJ, S_BOX, S_CSAT, S_TOP, S_BOTTOM, S_MEAN, S_CES, SCORES };

typedef union result {
    csat_nps_result nps;
    csat_share_result share;
    csat_mean_result mean;
} result;

/* The options of score k on the scale [lo, hi]; 0 when it has none valid
 * there (NPS thresholds need two points). */
typedef struct options {
    csat_nps_options nps;
    csat_scale_options scale;
    csat_csat_options csat;
    csat_mean_options mean;
    csat_ces_options ces;
} options;

static options options_of(int lo, int hi, double level)
{
    int below = hi > INT_MIN ? hi - 1 : hi;
    options o = { { sizeof(csat_nps_options), lo, hi, hi, below, level, CSAT_NPS_WALD },
                  { sizeof(csat_scale_options), lo, hi, level },
                  { sizeof(csat_csat_options), lo, hi, hi, level },
                  { sizeof(csat_mean_options), level },
                  { sizeof(csat_ces_options), lo, hi, lo, level } };
    return o;
}

/* The levels every options struct accepts: 0 < level ≤ 1 − 1e-12. */
static int level_ok(double level)
{
    return level > 0 && 1 - level >= 1e-12;
}

/* Score k of every group of a (G results at out, G low-effort shares at
 * out2, flags). */
static csat_status grouped_score(int k, const csat_grouped *a, const options *o,
                                 const csat_group_options *go, result *out,
                                 csat_share_result *out2, int *flags, size_t cap,
                                 csat_error *e)
{
    csat_error mine, *ep = e != NULL ? e : &mine;
#define err (*ep)
    csat_status st;
    const shape s = shape_of(a);
    csat_nps_options adj = o->nps;
    adj.method = CSAT_NPS_ADJUSTED_WALD;
    switch (k) {
    case S_NPS: st = csat_grouped_nps(a, &o->nps, go, &out->nps, flags, cap, &err); break;
    case S_NPS_ADJ: st = csat_grouped_nps(a, &adj, go, &out->nps, flags, cap, &err); break;
    case S_BOX:
        st = csat_grouped_box_share(a, s.lo, s.hi, &o->scale, go, &out->share, flags, cap, &err);
        break;
    case S_CSAT: st = csat_grouped_csat(a, &o->csat, go, &out->share, flags, cap, &err); break;
    case S_TOP: st = csat_grouped_top_box(a, 1, &o->scale, go, &out->share, flags, cap, &err); break;
    case S_BOTTOM:
        st = csat_grouped_bottom_box(a, 1, &o->scale, go, &out->share, flags, cap, &err);
        break;
    case S_MEAN: st = csat_grouped_mean(a, &o->mean, go, &out->mean, flags, cap, &err); break;
    default: st = csat_grouped_ces(a, &o->ces, go, &out->mean, out2, flags, cap, &err); break;
    }
    if (st != CSAT_OK)
        FUZZ_CHECK(err.code == st);
#undef err
    return st;
}

/* The ungrouped estimator on a tally (the reference of one group). */
static csat_status tally_score(int k, const csat_tally *t, const options *o, result *r,
                               csat_share_result *r2)
{
    int lo, hi;
    FUZZ_CHECK(csat_tally_scale(t, &lo, &hi, NULL) == CSAT_OK);
    csat_nps_options adj = o->nps;
    adj.method = CSAT_NPS_ADJUSTED_WALD;
    switch (k) {
    case S_NPS: return csat_tally_nps(t, &o->nps, &r->nps, NULL);
    case S_NPS_ADJ: return csat_tally_nps(t, &adj, &r->nps, NULL);
    case S_BOX: return csat_tally_box_share(t, lo, hi, &o->scale, &r->share, NULL);
    case S_CSAT: return csat_tally_csat(t, &o->csat, &r->share, NULL);
    case S_TOP: return csat_tally_top_box(t, 1, &o->scale, &r->share, NULL);
    case S_BOTTOM: return csat_tally_bottom_box(t, 1, &o->scale, &r->share, NULL);
    case S_MEAN: return csat_tally_mean(t, &o->mean, &r->mean, NULL);
    default: return csat_tally_ces(t, &o->ces, &r->mean, r2, NULL);
    }
}

static size_t result_size(int k)
{
    return k <= S_NPS_ADJ ? sizeof(csat_nps_result)
           : k >= S_MEAN  ? sizeof(csat_mean_result)
                          : sizeof(csat_share_result);
}

/* Element d of an array of results of score k. */
static const result *at(int k, const result *base, size_t d)
{
    return (const result *)((const unsigned char *)base + d * result_size(k));
}

static size_t n_of(int k, const result *r)
{
    return k <= S_NPS_ADJ ? r->nps.n : k >= S_MEAN ? r->mean.n : r->share.n;
}

static double estimate_of(int k, const result *r)
{
    return k <= S_NPS_ADJ ? r->nps.score : k >= S_MEAN ? r->mean.score : r->share.share;
}

static void check_sane(int k, const result *r)
{
    if (k <= S_NPS_ADJ)
        fuzz_check_nps(&r->nps);
    else if (k >= S_MEAN)
        fuzz_check_mean(&r->mean);
    else
        fuzz_check_share(&r->share);
}

/* Agreement of a quantity of magnitude `mag` (the scale of its unit: 100
 * for NPS points, 1 for proportions, the largest |point| for means) up to
 * the rounding of sums of non-negative terms added in another order. */
static int near(double got, double want, double mag)
{
    return fuzz_close(got, want, 1e-9 * (1 + fabs(want) + mag));
}

/* A domain SE against the SE of the group's rows alone: the factor
 * N/(N − 1) of the whole sample's N replaces the group's n/(n − 1). */
static void check_domain_se(double got, double alone, size_t n, uint64_t N, double mag)
{
    if (n < 2 || !isfinite(alone) || !isfinite(got))
        return;
    double f = ((double)N / ((double)N - 1)) / ((double)n / ((double)n - 1));
    FUZZ_CHECK(fuzz_close(got, alone * sqrt(f), 1e-9 * (got + alone + mag) + 1e-300));
}

/* Two shares that agree up to rounding (the rest of a group against the
 * other groups' merged tallies). The SE sqrt(p(1 − p)/n_eff) is compared
 * squared: near p = 1 its rounding is that of 1 − p, amplified by the
 * square root. */
static int near_share(const csat_share_result *a, const csat_share_result *b)
{
    return near(a->share, b->share, 1) && near(a->score, b->score, 100)
           && near(a->se * a->se, b->se * b->se, 1)
           && near(a->ci_lower, b->ci_lower, 1) && near(a->ci_upper, b->ci_upper, 1)
           && a->level == b->level && a->box_min == b->box_min && a->box_max == b->box_max
           && a->n == b->n && a->n_missing == b->n_missing
           && near(a->n_weighted, b->n_weighted, 0) && near(a->n_effective, b->n_effective, 0);
}

/* Group d's result of score k equals the ungrouped one `ref` but for the
 * SE of domain estimation: bit for bit for a group's own tally, up to
 * rounding for the rest of the sample (`exact` 0: groups.h adds its
 * weight sums in another order than a merge), counts exactly either way.
 * mag: the largest |point| of the scale. */
static void check_against(int k, const result *g, const result *ref, uint64_t N, int exact,
                          double mag)
{
    if (k <= S_NPS_ADJ) {
        const csat_nps_result *a = &g->nps, *b = &ref->nps;
        FUZZ_CHECK(a->level == b->level && a->method == b->method && a->n == b->n
                   && a->n_missing == b->n_missing);
        if (exact)
            FUZZ_CHECK(fuzz_same(a->score, b->score) && fuzz_same(a->promoters, b->promoters)
                       && fuzz_same(a->passives, b->passives)
                       && fuzz_same(a->detractors, b->detractors)
                       && fuzz_same(a->n_weighted, b->n_weighted)
                       && fuzz_same(a->n_effective, b->n_effective));
        else
            FUZZ_CHECK(near(a->score, b->score, 100) && near(a->promoters, b->promoters, 1)
                       && near(a->passives, b->passives, 1)
                       && near(a->detractors, b->detractors, 1)
                       && near(a->n_weighted, b->n_weighted, 0)
                       && near(a->n_effective, b->n_effective, 0));
        if (k == S_NPS_ADJ && exact) /* on n_eff: nothing to replace */
            FUZZ_CHECK(fuzz_same(a->se, b->se) && fuzz_same(a->ci_lower, b->ci_lower)
                       && fuzz_same(a->ci_upper, b->ci_upper));
        else if (k == S_NPS_ADJ)
            FUZZ_CHECK(near(a->se, b->se, 100) && near(a->ci_lower, b->ci_lower, 100)
                       && near(a->ci_upper, b->ci_upper, 100));
        else
            check_domain_se(a->se, b->se, a->n, N, exact ? 0 : 100);
    } else if (k >= S_MEAN) {
        const csat_mean_result *a = &g->mean, *b = &ref->mean;
        FUZZ_CHECK(a->level == b->level && fuzz_same(a->df, b->df) && fuzz_same(a->min, b->min)
                   && fuzz_same(a->max, b->max) && a->n == b->n
                   && a->n_missing == b->n_missing);
        if (exact)
            FUZZ_CHECK(fuzz_same(a->score, b->score) && fuzz_same(a->sd, b->sd)
                       && fuzz_same(a->n_weighted, b->n_weighted)
                       && fuzz_same(a->n_effective, b->n_effective));
        else
            FUZZ_CHECK(near(a->score, b->score, mag) && near(a->sd, b->sd, mag)
                       && near(a->n_weighted, b->n_weighted, 0)
                       && near(a->n_effective, b->n_effective, 0));
        check_domain_se(a->se, b->se, a->n, N, exact ? 0 : mag);
    } else if (exact) {
        FUZZ_CHECK(fuzz_same_share(&g->share, &ref->share));
    } else {
        FUZZ_CHECK(near_share(&g->share, &ref->share));
    }
}

/* The design N: the valid answers of every group. */
static uint64_t design_n(const csat_sample *smp, size_t G)
{
    return smp[G].n;
}

/* Every score of a tally accumulator (the mean of moments) with and
 * without `complement`; results checked as the top of the file says. The
 * NPS results of each group (complement 0 and 1) and their flags are kept
 * for the comparisons. */
typedef struct kept {
    csat_nps_result *nps, *rest;
    int *flags;
    int ok;
} kept;

static void check_scores(const csat_grouped *a, const ask *q, kept *keep)
{
    const shape s = shape_of(a);
    csat_sample *smp = samples_of(a, s.G);
    const uint64_t N = design_n(smp, s.G);
    const options o = options_of(s.lo, s.hi, q->level);
    /* the per-group references: tallies of small accumulators */
    const int per_group = s.tally && s.G * s.points <= CELLS_MAX;
    result *out = malloc(s.G * sizeof *out);
    csat_share_result *out2 = malloc(s.G * sizeof *out2);
    int *flags = malloc(s.G * sizeof *flags);
    FUZZ_CHECK(out != NULL && out2 != NULL && flags != NULL);
    keep->ok = 0;
    for (int k = 0; k < SCORES; k++) {
        for (int complement = 0; complement <= 1; complement++) {
            const csat_group_options go = { sizeof go, q->min_n, complement };
            memset(out, 0, sizeof(csat_nps_result));
            *(size_t *)out = result_size(k);
            out2[0] = (csat_share_result)CSAT_RESULT_INIT(csat_share_result);
            csat_error err;
            csat_status st = grouped_score(k, a, &o, &go, out, out2, flags, s.G, &err);
            /* Options of the accumulator's own scale: refused only for the
             * level, the kind (a tally score of moments) or NPS thresholds
             * that need two points. */
            int refusable = !level_ok(q->level) || (!s.tally && k != S_MEAN)
                            || (k <= S_NPS_ADJ && s.lo == s.hi);
            if (st != CSAT_OK) {
                if (!(st == CSAT_ERR_NOMEM || (st == CSAT_ERR_ARGUMENT && refusable)))
                    fprintf(stderr, "score %d of G = %zu on %d..%d: %s\n", k, s.G, s.lo, s.hi,
                            err.message);
                FUZZ_CHECK(st == CSAT_ERR_NOMEM || (st == CSAT_ERR_ARGUMENT && refusable));
                continue;
            }
            FUZZ_CHECK(level_ok(q->level) && (s.tally || k == S_MEAN));
            if (k == S_NPS && keep->nps != NULL) {
                memcpy(complement ? keep->rest : keep->nps, out, s.G * sizeof(csat_nps_result));
                if (!complement)
                    memcpy(keep->flags, flags, s.G * sizeof *flags);
                keep->ok |= 1 << complement;
            }
            /* cap < G is refused, the outputs untouched */
            if (s.G > 1) {
                int before = flags[0];
                FUZZ_CHECK(grouped_score(k, a, &o, &go, out, out2, flags, s.G - 1, NULL)
                           == CSAT_ERR_ARGUMENT);
                FUZZ_CHECK(flags[0] == before);
            }
            for (size_t d = 0; d < s.G; d++) {
                const result *r = at(k, out, d);
                FUZZ_CHECK(flags[d] == CSAT_GROUP_OK || flags[d] == CSAT_GROUP_SMALL
                           || flags[d] == CSAT_GROUP_EMPTY);
                if (flags[d] == CSAT_GROUP_EMPTY) {
                    FUZZ_CHECK(n_of(k, r) == 0 && isnan(estimate_of(k, r)));
                    continue;
                }
                FUZZ_CHECK((flags[d] == CSAT_GROUP_SMALL) == (n_of(k, r) < q->min_n));
                check_sane(k, r);
                if (k == S_CES)
                    fuzz_check_share(&out2[d]);
                if (!complement)
                    FUZZ_CHECK(n_of(k, r) == smp[d].n && n_of(k, r) >= 1);
                if (!per_group || (complement && s.G * s.G * s.points > CELLS_MAX))
                    continue;
                csat_tally *t = tally_of(a, &s, d, complement);
                if (t == NULL)
                    continue;
                result ref;
                csat_share_result ref2 = CSAT_RESULT_INIT(csat_share_result);
                memset(&ref, 0, sizeof ref);
                *(size_t *)&ref = result_size(k);
                FUZZ_CHECK(tally_score(k, t, &o, &ref, &ref2) == CSAT_OK);
                double mag = fmax(fabs((double)s.lo), fabs((double)s.hi));
                check_against(k, r, &ref, N, !complement, mag);
                if (k == S_CES)
                    FUZZ_CHECK(complement ? near_share(&out2[d], &ref2)
                                          : fuzz_same_share(&out2[d], &ref2));
                csat_tally_free(t);
            }
        }
    }
    free(out);
    free(out2);
    free(flags);
    free(smp);
}

/* Comparisons of the groups' NPS (pairs, each with the rest, against the
 * first group, against a benchmark) and the groups as the periods of a
 * tracking table: OK, or ARGUMENT / TOO_FEW naming an unflagged group. */
static void check_comparisons(const kept *k, size_t G, double level)
{
    if (k->ok != 3 || G > 64)
        return;
    const csat_compare_options o = { sizeof o, level, CSAT_ADJUST_HOLM };
    size_t m_max = G * (G - 1) / 2 + G;
    csat_group_comparison *c = malloc(m_max * sizeof *c);
    FUZZ_CHECK(c != NULL);
    static const csat_group_contrast contrasts[] = { CSAT_CONTRAST_PAIRS, CSAT_CONTRAST_REST,
                                                     CSAT_CONTRAST_REFERENCE,
                                                     CSAT_CONTRAST_BENCHMARK };
    for (size_t i = 0; i < 4; i++) {
        csat_group_contrast ct = contrasts[i];
        size_t m = ct == CSAT_CONTRAST_PAIRS ? G * (G - 1) / 2
                   : ct == CSAT_CONTRAST_REFERENCE ? G - 1
                                                   : G;
        size_t count = 0;
        FUZZ_CHECK(csat_compare_groups_nps(k->nps, k->rest, k->flags, G, ct, 0, 10, &o, NULL, 0,
                                           &count, NULL)
                   == CSAT_OK);
        FUZZ_CHECK(count == m);
        c[0] = (csat_group_comparison)CSAT_RESULT_INIT(csat_group_comparison);
        csat_error err;
        csat_status st = csat_compare_groups_nps(k->nps, k->rest, k->flags, G, ct, 0, 10, &o, c,
                                                 m, &count, &err);
        if (st != CSAT_OK) {
            FUZZ_CHECK(err.code == st && (st == CSAT_ERR_ARGUMENT || st == CSAT_ERR_NOMEM));
            if (st == CSAT_ERR_ARGUMENT && err.index != CSAT_NO_INDEX)
                FUZZ_CHECK(err.index < G && k->flags[err.index] == CSAT_GROUP_OK);
            continue;
        }
        FUZZ_CHECK(count == m);
        for (size_t j = 0; j < m; j++)
            fuzz_check_group_comparison(&c[j], G, k->flags, level);
    }
    free(c);

    csat_track_point *pts = malloc(G * sizeof *pts);
    FUZZ_CHECK(pts != NULL);
    pts[0] = (csat_track_point)CSAT_RESULT_INIT(csat_track_point);
    csat_trend_result tr = CSAT_RESULT_INIT(csat_trend_result);
    csat_error err;
    csat_status st = csat_compare_track_nps(k->nps, k->flags, G, &o, &tr, pts, G, &err);
    if (st != CSAT_OK) {
        FUZZ_CHECK(err.code == st);
        FUZZ_CHECK(st == CSAT_ERR_ARGUMENT || st == CSAT_ERR_TOO_FEW || st == CSAT_ERR_NOMEM);
    } else {
        FUZZ_CHECK(tr.waves >= 2 && tr.waves <= G && fuzz_within(tr.p, 0, 1, 0));
        for (size_t t = 0; t < G; t++)
            fuzz_check_track_point(&pts[t], t, k->flags[t], k->nps[t].score);
    }
    free(pts);
}

/* Everything an accepted or reached state must satisfy. */
static void check_state(const csat_grouped *a, const ask *q)
{
    const shape s = shape_of(a);
    if (s.tally && fuzz_slow_scale(s.lo, s.hi, 4096))
        return;
    kept k = { NULL, NULL, NULL, 0 };
    if (s.tally && s.G <= 64) {
        k.nps = malloc(s.G * sizeof *k.nps);
        k.rest = malloc(s.G * sizeof *k.rest);
        k.flags = malloc(s.G * sizeof *k.flags);
        FUZZ_CHECK(k.nps != NULL && k.rest != NULL && k.flags != NULL);
    }
    check_scores(a, q, &k);
    check_comparisons(&k, s.G, q->level);
    free(k.nps);
    free(k.rest);
    free(k.flags);
    /* fuzz_check_tally reads every point once per point: small scales */
    if (s.tally && s.G * s.points <= CELLS_MAX && s.points <= 256)
        for (size_t d = 0; d < s.G; d++) {
            csat_tally *t = tally_of(a, &s, d, 0);
            if (t != NULL)
                fuzz_check_tally(t);
            csat_tally_free(t);
        }
    csat_tally *none = NULL;
    FUZZ_CHECK(csat_grouped_tally(a, s.G, &none, NULL) == CSAT_ERR_ARGUMENT && none == NULL);
}

/* ------------------------------------------------------------------------ */
/* Mode 0: a blob                                                            */

static void fuzz_blob(const uint8_t *data, size_t size)
{
    csat_grouped *const untouched = (csat_grouped *)(uintptr_t)0x1234;
    csat_grouped *a = untouched;
    csat_error err;
    csat_status st = csat_grouped_deserialize(data, size, &a, &err);
    if (st != CSAT_OK) {
        FUZZ_CHECK(st == CSAT_ERR_FORMAT || st == CSAT_ERR_NOMEM);
        FUZZ_CHECK(err.code == st && a == untouched);
        return;
    }
    size_t len;
    free(bytes_of(a, data, size, &len));
    const shape s = shape_of(a);
    if (s.tally && fuzz_slow_scale(s.lo, s.hi, 4096)) {
        csat_grouped_free(a);
        return;
    }
    const ask q = { 0.95, 30 };
    check_state(a, &q);

    /* Merged with itself: every count doubles, or OVERFLOW. */
    csat_grouped *c = NULL;
    st = csat_grouped_copy(a, &c, NULL);
    if (st == CSAT_OK) {
        unsigned char *before = bytes_of(c, data, size, &len);
        free(before);
        st = csat_grouped_merge(c, a, NULL);
        FUZZ_CHECK(st == CSAT_OK || st == CSAT_ERR_OVERFLOW || st == CSAT_ERR_NOMEM);
        if (st == CSAT_OK) {
            csat_sample *s1 = samples_of(a, s.G), *s2 = samples_of(c, s.G);
            for (size_t d = 0; d <= s.G; d++)
                FUZZ_CHECK(s1[d].n <= SIZE_MAX / 2 && s2[d].n == 2 * s1[d].n
                           && s2[d].n_missing == 2 * s1[d].n_missing);
            free(s1);
            free(s2);
            unsigned char *b = bytes_of(c, NULL, 0, &len);
            csat_grouped *r = NULL;
            FUZZ_CHECK(csat_grouped_deserialize(b, len, &r, NULL) == CSAT_OK);
            free(bytes_of(r, b, len, &len));
            csat_grouped_free(r);
            free(b);
        } else {
            /* a failed merge leaves its destination as it was */
            free(bytes_of(c, data, size, &len));
        }
    } else {
        FUZZ_CHECK(st == CSAT_ERR_NOMEM);
    }
    csat_grouped_free(c);
    csat_grouped_free(a);
}

/* ------------------------------------------------------------------------ */
/* Mode 1: answers                                                           */

/* A group code for G groups: mostly 0..G − 1 and CSAT_GROUP_NONE; −2, G,
 * G + 1, INT32_MIN, INT32_MAX or raw bits above 0xE0. */
static int32_t fuzz_code(fuzz_input *in, size_t G)
{
    uint8_t b = fuzz_u8(in);
    if (b < 0xE0)
        return (int32_t)(b % (G + 1)) - 1;
    switch (b) {
    case 0xE0: return -2;
    case 0xE1: return (int32_t)G;
    case 0xE2: return (int32_t)G + 1;
    case 0xE3: return INT32_MIN;
    case 0xE4: return INT32_MAX;
    default: return (int32_t)(uint32_t)fuzz_u64(in, 4);
    }
}

typedef struct rows {
    double x[N_MAX], wbuf[N_MAX];
    const double *w;
    int32_t g[N_MAX];
    size_t n;
} rows;

/* The status csat_grouped_add gives row i, CSAT_OK for a valid one: its
 * group code first, then its weight, then its answer (groups.h). */
static csat_status row_status(const shape *s, const rows *r, size_t i)
{
    int32_t g = r->g[i];
    if (!(g == CSAT_GROUP_NONE || (g >= 0 && (size_t)g < s->G)))
        return CSAT_ERR_RANGE;
    if (r->w != NULL && fuzz_bad_weight(r->w[i]))
        return CSAT_ERR_WEIGHT;
    double x = r->x[i];
    if (isnan(x))
        return CSAT_OK;
    if (s->tally)
        return x >= s->lo && x <= s->hi && x == floor(x) ? CSAT_OK : CSAT_ERR_RANGE;
    return fuzz_bad_value(x) ? CSAT_ERR_RANGE : CSAT_OK;
}

/* Add rows [from, to) and check the failure: the first bad row named with
 * its status, the accumulator unchanged. */
static csat_status add(csat_grouped *a, const shape *s, const rows *r, size_t from, size_t to)
{
    size_t len0, len1;
    unsigned char *before = bytes_of(a, NULL, 0, &len0);
    csat_error err;
    csat_status st = csat_grouped_add(a, r->x + from, to - from, r->w ? r->w + from : NULL,
                                      r->g + from, &err);
    size_t first = from;
    csat_status want = CSAT_OK;
    while (first < to && (want = row_status(s, r, first)) == CSAT_OK)
        first++;
    if (st != CSAT_OK) {
        FUZZ_CHECK(err.code == st);
        if (st != CSAT_ERR_NOMEM)
            FUZZ_CHECK(st == want && err.index == first - from);
        unsigned char *after = bytes_of(a, NULL, 0, &len1);
        FUZZ_CHECK(len0 == len1 && memcmp(before, after, len0) == 0);
        free(after);
    } else {
        FUZZ_CHECK(want == CSAT_OK);
    }
    free(before);
    return st;
}

/* The array function of score k on the rows: fails as the pass `pass` did
 * (and names the same row), or equals the accumulator's estimator. */
static void check_arrays(int k, const shape *s, const rows *r, const csat_grouped *one,
                         csat_status pass, const ask *q)
{
    const options o = options_of(s->lo, s->hi, q->level);
    const csat_group_options go = { sizeof go, q->min_n, 0 };
    result *out = malloc(s->G * sizeof *out), *ref = malloc(s->G * sizeof *ref);
    csat_share_result *out2 = malloc(s->G * sizeof *out2), *ref2 = malloc(s->G * sizeof *ref2);
    int *flags = malloc(s->G * sizeof *flags), *rflags = malloc(s->G * sizeof *rflags);
    FUZZ_CHECK(out && ref && out2 && ref2 && flags && rflags);
    *(size_t *)out = *(size_t *)ref = result_size(k);
    out2[0] = ref2[0] = (csat_share_result)CSAT_RESULT_INIT(csat_share_result);
    csat_error err;
    csat_status st;
    const double *x = r->x, *w = r->w;
    const int32_t *g = r->g;
    size_t n = r->n, G = s->G;
    switch (k) {
    case S_NPS:
        st = csat_score_nps_grouped(x, n, w, g, G, &o.nps, &go, &out->nps, flags, G, &err);
        break;
    case S_BOX:
        st = csat_score_box_share_grouped(x, n, w, g, G, s->lo, s->hi, &o.scale, &go,
                                          &out->share, flags, G, &err);
        break;
    case S_CSAT:
        st = csat_score_csat_grouped(x, n, w, g, G, &o.csat, &go, &out->share, flags, G, &err);
        break;
    case S_TOP:
        st = csat_score_top_box_grouped(x, n, w, g, G, 1, &o.scale, &go, &out->share, flags, G,
                                        &err);
        break;
    case S_BOTTOM:
        st = csat_score_bottom_box_grouped(x, n, w, g, G, 1, &o.scale, &go, &out->share, flags,
                                           G, &err);
        break;
    case S_MEAN:
        st = csat_score_mean_grouped(x, n, w, g, G, &o.mean, &go, &out->mean, flags, G, &err);
        break;
    default:
        st = csat_score_ces_grouped(x, n, w, g, G, &o.ces, &go, &out->mean, out2, flags, G, &err);
        break;
    }
    csat_status want =
        one != NULL ? grouped_score(k, one, &o, &go, ref, ref2, rflags, G, NULL) : pass;
    if (pass != CSAT_OK) {
        /* the options are valid: the pass is what fails */
        FUZZ_CHECK(st == pass && err.code == st);
        size_t first = 0;
        while (first < n && row_status(s, r, first) == CSAT_OK)
            first++;
        FUZZ_CHECK(err.index == first);
    } else if (st != CSAT_OK) {
        FUZZ_CHECK(st == want && err.code == st);
    } else {
        FUZZ_CHECK(want == CSAT_OK);
        FUZZ_CHECK(memcmp(flags, rflags, G * sizeof *flags) == 0);
        for (size_t d = 0; d < G; d++) {
            const result *a = at(k, out, d), *b = at(k, ref, d);
            if (k == S_NPS)
                FUZZ_CHECK(fuzz_same_nps(&a->nps, &b->nps));
            else if (k >= S_MEAN)
                FUZZ_CHECK(fuzz_same_mean(&a->mean, &b->mean));
            else
                FUZZ_CHECK(fuzz_same_share(&a->share, &b->share));
            if (k == S_CES)
                FUZZ_CHECK(fuzz_same_share(&out2[d], &ref2[d]));
        }
    }
    free(out);
    free(ref);
    free(out2);
    free(ref2);
    free(flags);
    free(rflags);
}

/* The distribution of every group from the rows: counts add up to each
 * group's n, shares to 1 (NaN for a group without weight). */
static void check_distribution(const shape *s, const rows *r, csat_status pass)
{
    size_t cells = s->G * s->points;
    if (cells > CELLS_MAX)
        return;
    double *c = malloc(3 * cells * sizeof *c);
    csat_sample *smp = malloc(s->G * sizeof *smp);
    FUZZ_CHECK(c != NULL && smp != NULL);
    smp[0] = (csat_sample)CSAT_RESULT_INIT(csat_sample);
    const csat_scale_options o = { sizeof o, s->lo, s->hi, 0.95 };
    csat_error err;
    csat_status st = csat_score_distribution_grouped(r->x, r->n, r->w, r->g, s->G, &o, c,
                                                     c + cells, c + 2 * cells, cells, smp, s->G,
                                                     &err);
    FUZZ_CHECK(st == pass || st == CSAT_ERR_NOMEM);
    if (st == CSAT_OK) {
        for (size_t d = 0; d < s->G; d++) {
            double count = 0, share = 0;
            for (size_t j = 0; j < s->points; j++) {
                count += c[d * s->points + j];
                share += c[2 * cells + d * s->points + j];
                FUZZ_CHECK(c[cells + d * s->points + j] >= 0);
            }
            FUZZ_CHECK(count == (double)smp[d].n);
            if (smp[d].n_weighted > 0)
                FUZZ_CHECK(fuzz_close(share, 1, FUZZ_TOL));
            else
                FUZZ_CHECK(isnan(share) || smp[d].n == 0);
        }
    } else {
        FUZZ_CHECK(err.code == st);
    }
    free(c);
    free(smp);
}

/* Mode 3: the one-pass accumulator's bytes with up to 4 fields patched,
 * then as a blob: states near those adds reach (counts and sums that
 * disagree a little, other scales, groups or kinds), which random bytes
 * rarely are; an accepted one is then merged with the accumulator it came
 * from. A patch: offset (2 bytes, modulo the length), then a tag: a byte;
 * a u64 count (aligned); a weight (f64, aligned); a count + 1. */
static void fuzz_patched(fuzz_input *in, const csat_grouped *one, const ask *q)
{
    size_t len;
    unsigned char *b = bytes_of(one, NULL, 0, &len);
    size_t patches = fuzz_size(in, 4);
    for (size_t i = 0; i < patches; i++) {
        size_t at = (size_t)fuzz_u64(in, 2) % len, al = at & ~(size_t)7;
        uint8_t tag = fuzz_u8(in);
        uint64_t u;
        double d;
        switch (tag % 4) {
        case 0: b[at] = fuzz_u8(in); break;
        case 1:
            u = fuzz_u64(in, 8);
            if (al + 8 <= len)
                memcpy(b + al, &u, 8); /* little-endian hosts, as the format */
            break;
        case 2:
            d = fuzz_weight(in);
            if (al + 8 <= len)
                memcpy(b + al, &d, 8);
            break;
        default:
            if (al + 8 <= len) {
                memcpy(&u, b + al, 8);
                u++;
                memcpy(b + al, &u, 8);
            }
            break;
        }
    }
    fuzz_blob(b, len);

    /* An accepted state is one that adds and merges reach: merged with the
     * accumulator it was patched from (which adds did reach), the result
     * is reachable too, so it reads back and every estimator takes it. */
    csat_grouped *p = NULL;
    if (csat_grouped_deserialize(b, len, &p, NULL) == CSAT_OK) {
        const shape sp = shape_of(p), so = shape_of(one);
        int same = sp.G == so.G && sp.lo == so.lo && sp.hi == so.hi;
        csat_status st = csat_grouped_merge(p, one, NULL);
        if (!same)
            FUZZ_CHECK(st == CSAT_ERR_ARGUMENT);
        else
            FUZZ_CHECK(st == CSAT_OK || st == CSAT_ERR_OVERFLOW || st == CSAT_ERR_NOMEM);
        if (st == CSAT_OK && !(sp.tally && fuzz_slow_scale(sp.lo, sp.hi, 4096))) {
            size_t ml;
            unsigned char *m = bytes_of(p, NULL, 0, &ml);
            csat_grouped *r = NULL;
            FUZZ_CHECK(csat_grouped_deserialize(m, ml, &r, NULL) == CSAT_OK);
            csat_grouped_free(r);
            free(m);
            check_state(p, q);
        }
        csat_grouped_free(p);
    }
    free(b);
}

static void fuzz_rows(fuzz_input *in, int patch)
{
    uint8_t how = fuzz_u8(in);
    int tally = !(how & 1), weighted = (how >> 1) & 1;
    size_t G = 1 + fuzz_size(in, G_MAX - 1);
    int lo = tally ? fuzz_int(in) : 1, hi = tally ? fuzz_int(in) : 0;
    ask q = { 0.95, fuzz_size(in, 40) };
    q.level = fuzz_level(in);
    csat_grouped *one = NULL, *a = NULL, *b = NULL;
    if (((how >> 2) & 3) == 3) { /* 0 groups or one too many: refused */
        size_t bad = fuzz_u8(in) & 1 ? 0 : (size_t)CSAT_GROUPS_MAX + 1;
        FUZZ_CHECK(csat_grouped_create(bad, 0, 10, &one, NULL) == CSAT_ERR_ARGUMENT);
        FUZZ_CHECK(csat_grouped_create_moments(bad, &one, NULL) == CSAT_ERR_ARGUMENT);
        FUZZ_CHECK(one == NULL);
        return;
    }
    if (tally && fuzz_slow_scale(lo, hi, 4096))
        return;
    csat_status sc = tally ? csat_grouped_create(G, lo, hi, &one, NULL)
                           : csat_grouped_create_moments(G, &one, NULL);
    if (sc != CSAT_OK) { /* a scale of min > max or more than 2^20 points */
        FUZZ_CHECK(sc == CSAT_ERR_ARGUMENT && tally
                   && (lo > hi || (long long)hi - lo + 1 > CSAT_TALLY_MAX_POINTS));
        return;
    }
    const shape s = shape_of(one);
    FUZZ_CHECK(s.G == G && s.tally == tally && (!tally || (s.lo == lo && s.hi == hi)));
    rows r;
    r.n = fuzz_size(in, N_MAX);
    size_t cut = fuzz_size(in, N_MAX);
    if (cut > r.n)
        cut = r.n;
    for (size_t i = 0; i < r.n; i++) {
        r.x[i] = tally ? fuzz_answer(in, lo, hi) : fuzz_value(in);
        r.wbuf[i] = weighted ? fuzz_weight(in) : 1;
        r.g[i] = fuzz_code(in, G);
    }
    r.w = weighted ? r.wbuf : NULL;

    FUZZ_CHECK((tally ? csat_grouped_create(G, lo, hi, &a, NULL)
                      : csat_grouped_create_moments(G, &a, NULL))
               == CSAT_OK);
    FUZZ_CHECK(csat_grouped_copy(a, &b, NULL) == CSAT_OK);
    csat_status s1 = add(one, &s, &r, 0, r.n);
    csat_status sa = add(a, &s, &r, 0, cut);
    csat_status sb = add(b, &s, &r, cut, r.n);
    csat_status sm = sa == CSAT_OK && sb == CSAT_OK ? csat_grouped_merge(a, b, NULL) : sa;
    FUZZ_CHECK((s1 == CSAT_OK) == (sa == CSAT_OK && sb == CSAT_OK && sm == CSAT_OK));
    if (sa == CSAT_OK && sb == CSAT_OK && sm != CSAT_OK)
        FUZZ_CHECK(sm == CSAT_ERR_OVERFLOW || sm == CSAT_ERR_NOMEM);
    if (s1 == CSAT_OK) {
        csat_sample *p1 = samples_of(one, G), *pm = samples_of(a, G);
        for (size_t d = 0; d <= G; d++) {
            FUZZ_CHECK(p1[d].n == pm[d].n && p1[d].n_missing == pm[d].n_missing);
            FUZZ_CHECK(fuzz_close(p1[d].n_weighted, pm[d].n_weighted,
                                  1e-12 * p1[d].n_weighted));
        }
        /* every row is counted: valid, missing or without a group */
        FUZZ_CHECK(p1[G].n + p1[G].n_missing == r.n);
        free(p1);
        free(pm);
        size_t l1, lm;
        unsigned char *b1 = bytes_of(one, NULL, 0, &l1), *bm = bytes_of(a, NULL, 0, &lm);
        FUZZ_CHECK(l1 == lm);
        if (tally && !weighted) /* exact for unweighted tallies */
            FUZZ_CHECK(memcmp(b1, bm, l1) == 0);
        csat_grouped *back = NULL;
        FUZZ_CHECK(csat_grouped_deserialize(bm, lm, &back, NULL) == CSAT_OK);
        free(bytes_of(back, bm, lm, &lm));
        csat_grouped_free(back);
        free(b1);
        free(bm);
        if (patch) {
            fuzz_patched(in, one, &q);
            csat_grouped_free(one);
            csat_grouped_free(a);
            csat_grouped_free(b);
            return;
        }
        check_state(one, &q);
    }
    /* The array functions, with options that are valid on this scale. */
    if (level_ok(q.level)) {
        if (tally) {
            for (int k = 0; k < SCORES; k++)
                if (k != S_MEAN && k != S_NPS_ADJ && (k != S_NPS || lo < hi))
                    check_arrays(k, &s, &r, s1 == CSAT_OK ? one : NULL, s1, &q);
            check_distribution(&s, &r, s1);
        } else {
            check_arrays(S_MEAN, &s, &r, s1 == CSAT_OK ? one : NULL, s1, &q);
        }
    }
    csat_grouped_free(one);
    csat_grouped_free(a);
    csat_grouped_free(b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    if (data[0] % 2 == 0) {
        fuzz_blob(data + 1, size - 1);
    } else {
        fuzz_input in = fuzz_begin(data + 1, size - 1);
        fuzz_rows(&in, data[0] & 2);
    }
    return 0;
}
