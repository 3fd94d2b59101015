/* Review ratings (doc/methods.md, "Review ratings"): the mean rating, the
 * share of positive ratings with its Wilson lower limit for ranking, and
 * the Bayesian average. Declared in csat/business.h with the business
 * measures, but computed as a score: from a tally of the ratings. */
#include <math.h>

#include "accum/tally.h"
#include "core/checks.h"
#include "core/error.h"
#include "csat/business.h"
#include "score/input.h"

csat_status csat_score_reviews(const double *ratings, size_t n, const csat_reviews_options *opt,
                         csat_reviews_result *out, csat_error *err)
{
    CSAT_REQUIRE(ratings, err);
    CSAT_REQUIRE(out, err);
    csat_reviews_options o = CSAT_REVIEWS_OPTIONS_DEFAULT;
    if (opt != NULL)
        o = *opt;
    if (!(o.prior_weight >= 0 && isfinite(o.prior_weight)) || !isfinite(o.prior_mean))
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "the prior needs a finite mean and a finite weight >= 0");
    csat_status st = csat_check_scale(o.scale_min, o.scale_max, err);
    if (st != CSAT_OK)
        return st;
    if (!(o.prior_mean >= o.scale_min && o.prior_mean <= o.scale_max))
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "the prior mean %g is not on the scale %d..%d", o.prior_mean,
                         o.scale_min, o.scale_max);
    if (o.positive_min < o.scale_min || o.positive_min > o.scale_max)
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "positive_min %d is outside the scale %d..%d", o.positive_min,
                         o.scale_min, o.scale_max);
    csat_mean_options mo = { o.level };
    csat_scale_options so = { o.scale_min, o.scale_max, o.level };
    csat_reviews_result r;
    csat_tally *t = NULL;
    st = csat_check_level(o.level, err);
    if (st == CSAT_OK)
        st = csat_tally_from_array(ratings, n, NULL, o.scale_min, o.scale_max, &t, err);
    if (st == CSAT_OK)
        st = csat_tally_mean(t, &mo, &r.rating, err);
    if (st == CSAT_OK)
        st = csat_tally_box_share(t, o.positive_min, o.scale_max, &so, &r.positive, err);
    if (st == CSAT_OK) {
        /* Σx from the counts: a sum of integers, exact. */
        const int min = csat_tally_min(t);
        const size_t k = csat_tally_points(t);
        double sum = 0;
        for (size_t j = 0; j < k; j++)
            sum += (double)csat_tally_at(t, j).n * ((double)min + (double)j);
        /* As a weighted mean of the prior and the data, each weight ≤ 1:
         * C·m itself can overflow for a huge prior weight. */
        double total = o.prior_weight + r.rating.n_weighted;
        r.bayesian_average = (o.prior_weight / total) * o.prior_mean + sum / total;
        r.wilson_lower = r.positive.ci_lower;
        *out = r;
    }
    csat_tally_free(t);
    return st;
}
