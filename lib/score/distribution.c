/* The distribution of answers over a scale (doc/methods.md, "Distribution"). */
#include "accum/tally.h"
#include "core/checks.h"
#include "core/error.h"
#include "core/sized.h"
#include "csat/score.h"
#include "score/estimate.h"
#include "score/input.h"

csat_status csat_score_distribution(const double *x, size_t n, const double *w,
                              const csat_scale_options *opt, double *counts, double *weights,
                              double *shares, size_t len, csat_sample *out, csat_error *err)
{
    CSAT_REQUIRE_OUT(out, err);
    static const csat_scale_options d = CSAT_SCALE_OPTIONS_DEFAULT;
    csat_scale_options o;
    csat_status st = CSAT_LOAD_OPTIONS(o, opt, d, err);
    if (st == CSAT_OK)
        st = csat_check_scale(o.scale_min, o.scale_max, err);
    if (st != CSAT_OK)
        return st;
    size_t k = (size_t)((long long)o.scale_max - o.scale_min + 1);
    if (len != k)
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "output arrays hold %zu elements but the scale %d..%d has %zu points",
                         len, o.scale_min, o.scale_max, k);
    csat_tally *t = NULL;
    st = csat_tally_from_array(x, n, w, o.scale_min, o.scale_max, &t, err);
    if (st != CSAT_OK)
        return st;
    csat_sample s = CSAT_RESULT_INIT(csat_sample);
    st = csat_tally_sample(t, &s, err);
    if (st == CSAT_OK && s.n == 0)
        st = csat_fail(err, CSAT_ERR_EMPTY, CSAT_NO_INDEX, CSAT_NO_INDEX,
                       "no valid (non-missing) answer");
    else if (st == CSAT_OK && !(s.n_weighted > 0))
        st = csat_fail(err, CSAT_ERR_EMPTY, CSAT_NO_INDEX, CSAT_NO_INDEX,
                       "the weights of the %zu valid answers sum to 0", s.n);
    if (st == CSAT_OK) {
        csat_estimate_distribution(t, s.n_weighted, counts, weights, shares);
        CSAT_STORE(out, s);
    }
    csat_tally_free(t);
    return st;
}
