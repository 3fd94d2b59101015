/* Survey designs (design.h) from fuzz input: codes, weights, fpc values and
 * options of every kind, then the designed scores. What must hold:
 * - creation succeeds or fails with a documented status, and a design
 *   describes itself consistently (strata ≤ PSUs ≤ rows, df ≤ PSUs − 1);
 * - a designed score's estimate is the weighted score's (score.h, same
 *   weights) up to the order of summation, its SE is finite and ≥ 0 (NaN
 *   only when every stratum with an answer is a lonely PSU left out under
 *   "average"), its interval holds the estimate;
 * - the accumulator keyed by PSU, cut in two at any row and merged through
 *   bytes, scores as the array function (shards merge to one pass);
 * - by group: each group's estimate is the weighted grouped score's, bit
 *   for bit, and the comparisons with the rest are a valid family.
 *
 * Layout: flags (bit 0 weights, bit 1 strata, bit 2 clusters, bit 3 fpc as
 * sizes, bit 4 fpc as fractions, bit 5 nest, bits 6–7 with the next byte:
 * lonely rule), the number of strata and clusters (1 byte each), n, then
 * per row: answer (0..10), weight, stratum byte, cluster byte, group byte;
 * fpc values per stratum (a byte each) last. */
#include <stdlib.h>

#include "csat.h"
#include "fuzz_check.h"
#include "fuzz_input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define N_MAX 96
#define G 3

static void check_design_score(double est, double want, double se, double lo, double hi,
                               double scale)
{
    /* Relative to the values' magnitude: sums in another order. */
    double tol = 1e-9 * fmax(scale, fabs(want));
    FUZZ_CHECK(fuzz_close(est, want, tol));
    FUZZ_CHECK(isnan(se) || (se >= 0 && isfinite(se)));
    if (!isnan(se))
        FUZZ_CHECK(lo <= est + tol && est <= hi + tol);
}

/* The accumulator keyed by PSU, cut at row `cut`, one half through bytes. */
static void check_shards(const csat_design *d, const double *x, const double *w, size_t n,
                         size_t cut, const csat_nps_result *one)
{
    csat_design_info info = CSAT_RESULT_INIT(csat_design_info);
    FUZZ_CHECK(csat_design_describe(d, &info, NULL) == CSAT_OK);
    int32_t key[N_MAX];
    FUZZ_CHECK(csat_design_psu_codes(d, key, n, NULL) == CSAT_OK);
    size_t K = 0;
    for (size_t i = 0; i < n; i++)
        K = (size_t)key[i] + 1 > K ? (size_t)key[i] + 1 : K;
    csat_grouped *a = NULL, *b = NULL, *b2 = NULL;
    FUZZ_CHECK(csat_grouped_create(K, 0, 10, &a, NULL) == CSAT_OK);
    FUZZ_CHECK(csat_grouped_create(K, 0, 10, &b, NULL) == CSAT_OK);
    FUZZ_CHECK(csat_grouped_add(a, x, cut, w, key, NULL) == CSAT_OK);
    FUZZ_CHECK(csat_grouped_add(b, x + cut, n - cut, w ? w + cut : NULL, key + cut, NULL)
               == CSAT_OK);
    size_t len = 0;
    FUZZ_CHECK(csat_grouped_serialize(b, NULL, 0, &len, NULL) == CSAT_OK);
    unsigned char *buf = malloc(len);
    FUZZ_CHECK(buf && csat_grouped_serialize(b, buf, len, &len, NULL) == CSAT_OK);
    FUZZ_CHECK(csat_grouped_deserialize(buf, len, &b2, NULL) == CSAT_OK);
    FUZZ_CHECK(csat_grouped_merge(a, b2, NULL) == CSAT_OK);
    csat_nps_result r = CSAT_RESULT_INIT(csat_nps_result);
    /* Every PSU (or stratum) has a row, so the rows' keys are all of them. */
    FUZZ_CHECK(csat_design_psu_nps(d, a, NULL, &r, NULL) == CSAT_OK);
    FUZZ_CHECK(fuzz_close(r.score, one->score, 1e-9));
    FUZZ_CHECK(fuzz_close(r.se, one->se, 1e-9 * one->se) || (isnan(r.se) && isnan(one->se)));
    free(buf);
    csat_grouped_free(a);
    csat_grouped_free(b);
    csat_grouped_free(b2);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_input in = fuzz_begin(data, size);
    unsigned flags = fuzz_u8(&in);
    unsigned lonely = ((flags >> 6) | ((unsigned)fuzz_u8(&in) << 2)) % 6; /* 5: invalid */
    size_t H = 1 + fuzz_size(&in, 7), C = 1 + fuzz_size(&in, 15);
    size_t n = fuzz_size(&in, N_MAX);
    double x[N_MAX], w[N_MAX], fpc[N_MAX], sfpc[8];
    int32_t st[N_MAX], cl[N_MAX], g[N_MAX];
    for (size_t i = 0; i < n; i++) {
        x[i] = fuzz_answer(&in, 0, 10);
        w[i] = fuzz_weight(&in);
        uint8_t s = fuzz_u8(&in), c = fuzz_u8(&in), q = fuzz_u8(&in);
        st[i] = s == 0xFF ? -1 : (int32_t)(s % H);
        cl[i] = c == 0xFF ? CSAT_GROUPS_MAX : (int32_t)(c % C);
        g[i] = q % 5 == 4 ? CSAT_GROUP_NONE : (int32_t)(q % G);
    }
    for (size_t h = 0; h < 8; h++) {
        uint8_t b = fuzz_u8(&in);
        sfpc[h] = flags & 16 ? (b + 1) / 256.0 : (double)b;
    }
    for (size_t i = 0; i < n; i++)
        fpc[i] = st[i] >= 0 ? sfpc[st[i]] : 1;
    const double *wp = flags & 1 ? w : NULL;
    const int32_t *sp = flags & 2 ? st : NULL, *cp = flags & 4 ? cl : NULL;
    const double *fp = flags & 24 ? fpc : NULL;
    csat_design_options o = CSAT_DESIGN_OPTIONS_DEFAULT;
    o.nest = (flags >> 5) & 1;
    o.lonely_psu = (int)lonely;
    csat_design *d = NULL;
    csat_status s = csat_design_create(n, wp, sp, cp, fp, &o, &d, NULL);
    FUZZ_CHECK(s == CSAT_OK || s == CSAT_ERR_EMPTY || s == CSAT_ERR_WEIGHT || s == CSAT_ERR_RANGE
               || s == CSAT_ERR_ARGUMENT || s == CSAT_ERR_OVERFLOW);
    if (s != CSAT_OK)
        return 0;
    FUZZ_CHECK(lonely <= CSAT_LONELY_AVERAGE && n > 0);
    csat_design_info info = CSAT_RESULT_INIT(csat_design_info);
    FUZZ_CHECK(csat_design_describe(d, &info, NULL) == CSAT_OK);
    FUZZ_CHECK(info.n == n && info.strata >= 1 && info.strata <= info.psus && info.psus <= n);
    FUZZ_CHECK(info.df <= (double)info.psus - 1 && info.df >= -(double)info.strata);
    FUZZ_CHECK(lonely != CSAT_LONELY_FAIL || info.lonely == 0);

    /* NPS, a share and a mean against the weighted scores. */
    csat_nps_result r = CSAT_RESULT_INIT(csat_nps_result), ref = r;
    s = csat_design_nps(d, x, NULL, &r, NULL);
    csat_status rs = csat_score_nps(x, n, wp, NULL, &ref, NULL);
    FUZZ_CHECK(s == rs);
    if (s == CSAT_OK) {
        check_design_score(r.score, ref.score, r.se, r.ci_lower, r.ci_upper, 100);
        FUZZ_CHECK(r.n == ref.n && r.n_missing == ref.n_missing);
        FUZZ_CHECK(r.n_effective > 0 || isnan(r.n_effective));
        check_shards(d, x, wp, n, fuzz_size(&in, n), &r);
    }
    csat_share_result sh = CSAT_RESULT_INIT(csat_share_result), sref = sh;
    const csat_scale_options s010 = { sizeof s010, 0, 10, 0.95 };
    s = csat_design_box_share(d, x, 7, 10, &s010, &sh, NULL);
    FUZZ_CHECK(s == csat_score_box_share(x, n, wp, 7, 10, &s010, &sref, NULL));
    if (s == CSAT_OK) {
        check_design_score(sh.share, sref.share, sh.se, sh.ci_lower, sh.ci_upper, 1);
        FUZZ_CHECK(isnan(sh.se) || (sh.ci_lower >= 0 && sh.ci_upper <= 1));
    }
    csat_mean_result m = CSAT_RESULT_INIT(csat_mean_result), mref = m;
    s = csat_design_mean(d, x, NULL, &m, NULL);
    FUZZ_CHECK(s == csat_score_mean(x, n, wp, NULL, &mref, NULL));
    if (s == CSAT_OK) {
        check_design_score(m.score, mref.score, m.se, isnan(m.ci_lower) ? m.score : m.ci_lower,
                           isnan(m.ci_upper) ? m.score : m.ci_upper, 10);
        FUZZ_CHECK(m.df == info.df);
    }

    /* By group, and each group against the rest. */
    csat_nps_result gr[G] = { CSAT_RESULT_INIT(csat_nps_result) };
    csat_nps_result gref[G] = { CSAT_RESULT_INIT(csat_nps_result) };
    int gf[G], rf[G];
    s = csat_design_nps_grouped(d, x, g, G, NULL, NULL, gr, gf, G, NULL);
    FUZZ_CHECK(s == csat_score_nps_grouped(x, n, wp, g, G, NULL, NULL, gref, rf, G, NULL));
    if (s == CSAT_OK) {
        for (size_t k = 0; k < G; k++) {
            FUZZ_CHECK(gf[k] == rf[k] && fuzz_same(gr[k].score, gref[k].score));
            FUZZ_CHECK(gr[k].n == gref[k].n);
            FUZZ_CHECK(isnan(gr[k].se) || gr[k].se >= 0);
        }
        csat_group_comparison c[G] = { CSAT_RESULT_INIT(csat_group_comparison) };
        s = csat_design_compare_nps(d, x, g, G, NULL, NULL, NULL, c, G, NULL);
        FUZZ_CHECK(s == CSAT_OK);
        for (size_t k = 0; k < G; k++)
            if (!isnan(c[k].se))
                fuzz_check_group_comparison(&c[k], G, gf, 0.95);
    }
    csat_design_free(d);
    return 0;
}
