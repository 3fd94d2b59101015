/* Scores must not depend on the scale of the weights (score.h: weighted
 * variances are linearisation variances, intervals use Kish's effective
 * size; all are invariant under w → c·w). The same data are scored with
 * the weights w and 2^k·w (exact while no weight loses a bit); when both
 * calls succeed the results must agree. Huge and tiny weights are where
 * squares overflow or underflow.
 *
 * Input: family, shift k (2 bytes), scale lo, hi, option threshold,
 * level, n, then n × (answer, weight). */
#include "csat.h"
#include "fuzz_check.h"
#include "fuzz_input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define N_MAX 128

enum { NPS, ADJUSTED_NPS, CSAT, MEAN, CES, FAMILIES };

/* Closeness for results in units of 100 (NPS points, percent). */
#define TOL_PCT 1e-7

static void same_share(const csat_share_result *a, const csat_share_result *b)
{
    FUZZ_CHECK(fuzz_close(a->share, b->share, TOL_PCT / 100));
    FUZZ_CHECK(fuzz_close(a->score, b->score, TOL_PCT));
    FUZZ_CHECK(fuzz_close(a->se, b->se, TOL_PCT / 100)); /* proportions */
    FUZZ_CHECK(fuzz_close(a->ci_lower, b->ci_lower, TOL_PCT / 100));
    FUZZ_CHECK(fuzz_close(a->ci_upper, b->ci_upper, TOL_PCT / 100));
    FUZZ_CHECK(a->n == b->n && a->n_missing == b->n_missing);
    FUZZ_CHECK(fuzz_close(a->n_effective, b->n_effective, 1e-9 * a->n_effective));
}

static void same_mean(const csat_mean_result *a, const csat_mean_result *b, double mag)
{
    /* Deviations below 1e-154 square into subnormals and lose relative
     * precision (doc/methods.md, "Serialisation format", weights and values
     * in range): the absolute floor allows for that underflow. */
    double tol = 1e-9 * mag + 1e-150;
    FUZZ_CHECK(fuzz_close(a->score, b->score, tol));
    FUZZ_CHECK(fuzz_close(a->sd, b->sd, tol));
    FUZZ_CHECK(fuzz_close(a->se, b->se, tol));
    FUZZ_CHECK(fuzz_close(a->ci_lower, b->ci_lower, tol));
    FUZZ_CHECK(fuzz_close(a->ci_upper, b->ci_upper, tol));
    FUZZ_CHECK(a->n == b->n && a->n_missing == b->n_missing);
    FUZZ_CHECK(fuzz_close(a->n_effective, b->n_effective, 1e-9 * a->n_effective));
}

static void same_nps(const csat_nps_result *a, const csat_nps_result *b)
{
    FUZZ_CHECK(fuzz_close(a->score, b->score, TOL_PCT));
    FUZZ_CHECK(fuzz_close(a->promoters, b->promoters, TOL_PCT / 100));
    FUZZ_CHECK(fuzz_close(a->detractors, b->detractors, TOL_PCT / 100));
    FUZZ_CHECK(fuzz_close(a->se, b->se, TOL_PCT));
    FUZZ_CHECK(fuzz_close(a->ci_lower, b->ci_lower, TOL_PCT));
    FUZZ_CHECK(fuzz_close(a->ci_upper, b->ci_upper, TOL_PCT));
    FUZZ_CHECK(a->n == b->n && a->n_missing == b->n_missing);
    FUZZ_CHECK(fuzz_close(a->n_effective, b->n_effective, 1e-9 * a->n_effective));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_input in = fuzz_begin(data, size);
    int family = fuzz_u8(&in) % FAMILIES;
    int k = (int)(int16_t)(uint16_t)fuzz_u64(&in, 2) % 1100;
    int lo = fuzz_int(&in), hi = fuzz_int(&in), cut = fuzz_int(&in);
    double level = fuzz_level(&in);
    if (fuzz_slow_scale(lo, hi, 65536))
        return 0;
    size_t n = fuzz_size(&in, N_MAX);
    double x[N_MAX], w[N_MAX], w2[N_MAX], mag = 0;
    for (size_t i = 0; i < n; i++) {
        x[i] = family == MEAN ? fuzz_value(&in) : fuzz_answer(&in, lo, hi);
        w[i] = fuzz_weight(&in);
        w2[i] = ldexp(w[i], k);
        /* Only an exact rescaling of finite weights says anything. */
        if (!isfinite(w[i]) || !isfinite(w2[i]) || ldexp(w2[i], -k) != w[i])
            return 0;
        if (!isnan(x[i]))
            mag = fmax(mag, fabs(x[i]));
    }

    switch (family) {
    case NPS:
    case ADJUSTED_NPS: {
        csat_nps_options o = { sizeof o, lo, hi, cut, cut > INT_MIN ? cut - 1 : cut, level,
                               family == NPS ? CSAT_NPS_WALD : CSAT_NPS_ADJUSTED_WALD };
        csat_nps_result a = CSAT_RESULT_INIT(csat_nps_result);
        csat_nps_result b = CSAT_RESULT_INIT(csat_nps_result);
        if (csat_score_nps(x, n, w, &o, &a, NULL) == CSAT_OK
            && csat_score_nps(x, n, w2, &o, &b, NULL) == CSAT_OK) {
            fuzz_check_nps(&a);
            fuzz_check_nps(&b);
            same_nps(&a, &b);
        }
        break;
    }
    case CSAT: {
        csat_csat_options o = { sizeof o, lo, hi, cut, level };
        csat_share_result a = CSAT_RESULT_INIT(csat_share_result);
        csat_share_result b = CSAT_RESULT_INIT(csat_share_result);
        if (csat_score_csat(x, n, w, &o, &a, NULL) == CSAT_OK
            && csat_score_csat(x, n, w2, &o, &b, NULL) == CSAT_OK) {
            fuzz_check_share(&a);
            fuzz_check_share(&b);
            same_share(&a, &b);
        }
        break;
    }
    case MEAN: {
        csat_mean_options o = { sizeof o, level };
        csat_mean_result a = CSAT_RESULT_INIT(csat_mean_result);
        csat_mean_result b = CSAT_RESULT_INIT(csat_mean_result);
        if (csat_score_mean(x, n, w, &o, &a, NULL) == CSAT_OK
            && csat_score_mean(x, n, w2, &o, &b, NULL) == CSAT_OK) {
            fuzz_check_mean(&a);
            fuzz_check_mean(&b);
            same_mean(&a, &b, mag);
        }
        break;
    }
    default: {
        csat_ces_options o = { sizeof o, lo, hi, cut, level };
        csat_mean_result ea = CSAT_RESULT_INIT(csat_mean_result);
        csat_mean_result eb = CSAT_RESULT_INIT(csat_mean_result);
        csat_share_result la = CSAT_RESULT_INIT(csat_share_result);
        csat_share_result lb = CSAT_RESULT_INIT(csat_share_result);
        if (csat_score_ces(x, n, w, &o, &ea, &la, NULL) == CSAT_OK
            && csat_score_ces(x, n, w2, &o, &eb, &lb, NULL) == CSAT_OK) {
            same_mean(&ea, &eb, mag);
            same_share(&la, &lb);
        }
        break;
    }
    }
    return 0;
}
