/* Review ratings (doc/methods.md, "Review ratings"): the mean rating, the
 * share of positive ratings with its Wilson lower limit for ranking, and
 * the Bayesian average, computed from a tally of the ratings. */
#include <math.h>

#include "accum/tally.h"
#include "core/checks.h"
#include "core/error.h"
#include "core/sized.h"
#include "csat/score.h"
#include "score/estimate.h"
#include "score/input.h"

csat_status csat_score_reviews(const double *ratings, size_t n, const csat_reviews_options *opt,
                               csat_reviews_result *out, csat_mean_result *rating,
                               csat_share_result *positive, csat_error *err)
{
    CSAT_REQUIRE(ratings, err);
    CSAT_REQUIRE_OUT(out, err);
    CSAT_REQUIRE_OUT(rating, err);
    CSAT_REQUIRE_OUT(positive, err);
    static const csat_reviews_options d = CSAT_REVIEWS_OPTIONS_DEFAULT;
    csat_reviews_options o;
    csat_status st = CSAT_LOAD_OPTIONS(o, opt, d, err);
    if (st != CSAT_OK)
        return st;
    st = csat_check_scale(o.scale_min, o.scale_max, err);
    if (st != CSAT_OK)
        return st;
    /* NaN: the midpoint of the scale, the default. */
    if (isnan(o.prior_mean))
        o.prior_mean = ((double)o.scale_min + (double)o.scale_max) / 2;
    if (!(o.prior_weight >= 0 && isfinite(o.prior_weight)) || !isfinite(o.prior_mean))
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "the prior needs a finite mean and a finite weight >= 0");
    if (!(o.prior_mean >= o.scale_min && o.prior_mean <= o.scale_max))
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "the prior mean %g is not on the scale %d..%d", o.prior_mean,
                         o.scale_min, o.scale_max);
    if (o.positive_min < o.scale_min || o.positive_min > o.scale_max)
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "positive_min %d is outside the scale %d..%d", o.positive_min,
                         o.scale_min, o.scale_max);
    csat_mean_options mo = CSAT_MEAN_OPTIONS_DEFAULT;
    csat_scale_options so = CSAT_SCALE_OPTIONS_DEFAULT;
    mo.level = so.level = o.level;
    so.scale_min = o.scale_min;
    so.scale_max = o.scale_max;
    csat_reviews_result r = CSAT_RESULT_INIT(csat_reviews_result);
    csat_mean_result mean = CSAT_RESULT_INIT(csat_mean_result);
    csat_share_result share = CSAT_RESULT_INIT(csat_share_result);
    csat_tally *t = NULL;
    st = csat_check_level(o.level, err);
    if (st == CSAT_OK)
        st = csat_tally_from_array(ratings, n, NULL, o.scale_min, o.scale_max, &t, err);
    if (st == CSAT_OK)
        st = csat_tally_mean(t, &mo, &mean, err);
    if (st == CSAT_OK)
        st = csat_tally_box_share(t, o.positive_min, o.scale_max, &so, &share, err);
    if (st == CSAT_OK) {
        /* Σx from the counts: a sum of integers, exact. */
        const int min = csat_tally_min(t);
        const size_t k = csat_tally_points(t);
        double sum = 0;
        for (size_t j = 0; j < k; j++)
            sum += (double)csat_tally_at(t, j).n * ((double)min + (double)j);
        /* As a weighted mean of the prior and the data, each weight ≤ 1:
         * C·m itself can overflow for a huge prior weight. */
        double total = o.prior_weight + mean.n_weighted;
        r.bayesian_average = (o.prior_weight / total) * o.prior_mean + sum / total;
        r.wilson_lower = share.ci_lower;
        r.prior_mean = o.prior_mean;
        r.prior_weight = o.prior_weight;
        CSAT_STORE(out, r);
        CSAT_STORE(rating, mean);
        CSAT_STORE(positive, share);
    }
    csat_tally_free(t);
    return st;
}
