/* Kaplan–Meier retention curves (doc/methods.md, "Retention curves"):
 * Greenwood standard errors, log-log intervals and the median as R's
 * survival package computes them. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "business/survival.h"
#include "core/big.h"
#include "core/checks.h"
#include "core/error.h"
#include "core/sized.h"
#include "core/probability.h"
#include "core/radix.h"
#include "core/size.h"
#include "csat/business.h"

struct csat_survival {
    csat_curve_summary s;
    csat_survival_point *pt; /* s.steps points */
};

void csat_survival_free(csat_survival *s)
{
    if (s == NULL)
        return;
    csat_big_free(s->pt);
    free(s);
}

/* An observation as one 64-bit sort key: the time's bits (a time is ≥ 0,
 * −0 made +0, so its bits order as the time does and the sign bit is
 * free) shifted up by one, and below them 0 for an event, 1 for a
 * censoring. Keys in ascending order are the observations in time order,
 * events before censorings at a tie, and a radix sort puts them there in
 * a few passes over memory (a comparison sort with a call per comparison
 * took most of the fit's time). */
static uint64_t obs_key(double t, int event)
{
    uint64_t bits;
    t += 0.0; /* −0 + 0 = +0 */
    memcpy(&bits, &t, sizeof bits);
    return bits << 1 | (uint64_t)!event;
}

static double obs_time(uint64_t key)
{
    uint64_t bits = key >> 1;
    double t;
    memcpy(&t, &bits, sizeof t);
    return t;
}

static int obs_event(uint64_t key)
{
    return !(key & 1);
}

/* R's log-log interval from S and the SE of log S (the cumulative hazard's). */
static void loglog(double surv, double se_log, double z, double *lo, double *hi)
{
    if (!(surv > 0 && surv < 1)) {
        *lo = *hi = surv;
        return;
    }
    /* On the log(−log S) scale: w < 0 since log S < 0. */
    double ll = log(-log(surv)), w = z * se_log / log(surv);
    *lo = exp(-exp(ll - w));
    *hi = exp(-exp(ll + w));
}

/* First time where a curve (one of survival, lower, upper) drops below ½,
 * with R's midpoint rule where it sits at ½. "At ½" allows √eps, as R's
 * quantile.survfit does: a product such as (1 − 1/4)(1 − 1/3) is ½ in exact
 * arithmetic but 0.5000000000000001 in doubles. */
#define HALF_TOL 1.4901161193847656e-08
static double first_below_half(const csat_survival_point *pt, size_t steps, int which)
{
    for (size_t i = 0; i < steps; i++) {
        double v = which == 0 ? pt[i].survival : which == 1 ? pt[i].ci_lower : pt[i].ci_upper;
        if (fabs(v - 0.5) <= HALF_TOL)
            return i + 1 < steps ? 0.5 * (pt[i].time + pt[i + 1].time) : pt[i].time;
        if (v < 0.5)
            return pt[i].time;
    }
    return NAN;
}

csat_status csat_km_fit(const double *time, const double *observed, size_t n, double level,
                        csat_survival **out, csat_error *err)
{
    /* The keys and the radix sort's scratch: the 16 bytes per observation
     * of a (time, flag) record. */
    if (!csat_array_fits(n, 2, sizeof(uint64_t)))
        return csat_fail_overflow(err, "observations", n, 2);
    uint64_t *o = csat_big_alloc((n ? n : 1) * 2 * sizeof *o);
    if (o == NULL)
        return csat_fail(err, CSAT_ERR_NOMEM, CSAT_NO_INDEX, CSAT_NO_INDEX, NULL);
    size_t m = 0, missing = 0, events = 0;
    for (size_t i = 0; i < n; i++) {
        double t = time[i], f = observed ? observed[i] : 1.0;
        if (isnan(t) || isnan(f)) {
            missing++;
            continue;
        }
        if (!(t >= 0 && isfinite(t))) {
            csat_big_free(o);
            return csat_fail(err, CSAT_ERR_RANGE, i, CSAT_NO_INDEX,
                             "time %g at index %zu is negative or infinite", t, i);
        }
        if (f != 0 && f != 1) {
            csat_big_free(o);
            return csat_fail(err, CSAT_ERR_RANGE, i, CSAT_NO_INDEX,
                             "flag %g at index %zu is neither 0 (censored) nor 1 (event)", f, i);
        }
        o[m] = obs_key(t, f == 1);
        events += f == 1;
        m++;
    }
    if (m == 0) {
        csat_big_free(o);
        return csat_fail(err, CSAT_ERR_EMPTY, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "no valid (non-missing) time");
    }
    csat_radix_sort_u64(o, o + m, m);
    csat_survival *s = calloc(1, sizeof *s);
    size_t distinct = 0;
    for (size_t i = 0; i < m; i++)
        if (obs_event(o[i]) && (i == 0 || !(o[i - 1] >> 1 == o[i] >> 1 && obs_event(o[i - 1]))))
            distinct++;
    if (s != NULL && !csat_array_fits(distinct, 1, sizeof *s->pt)) {
        free(s);
        csat_big_free(o);
        return csat_fail_overflow(err, "event times", distinct, 1);
    }
    if (s == NULL || (s->pt = csat_big_alloc((distinct ? distinct : 1) * sizeof *s->pt)) == NULL) {
        csat_big_free(o);
        csat_survival_free(s);
        return csat_fail(err, CSAT_ERR_NOMEM, CSAT_NO_INDEX, CSAT_NO_INDEX, NULL);
    }
    double z = csat_critical(level, INFINITY), surv = 1, cumvar = 0;
    size_t at_risk = m, steps = 0;
    for (size_t i = 0; i < m;) {
        size_t j = i, d = 0, c = 0;
        while (j < m && o[j] >> 1 == o[i] >> 1) { /* the same time */
            d += obs_event(o[j]);
            c += !obs_event(o[j]);
            j++;
        }
        if (d > 0) {
            double nr = (double)at_risk, dd = (double)d;
            surv *= 1 - dd / nr;
            /* Greenwood: var(log S) = Σ d / (n (n − d)); infinite once S is 0. */
            cumvar += at_risk > d ? dd / (nr * (nr - dd)) : 0.0;
            csat_survival_point *p = &s->pt[steps++];
            p->time = obs_time(o[i]);
            p->n_risk = nr;
            p->n_event = dd;
            p->n_censor = (double)c;
            p->survival = surv;
            double se_log = sqrt(cumvar);
            p->se = surv * se_log;
            loglog(surv, se_log, z, &p->ci_lower, &p->ci_upper);
        }
        at_risk -= j - i;
        i = j;
    }
    csat_big_free(o);
    s->s.n = m;
    s->s.n_missing = missing;
    s->s.events = events;
    s->s.steps = steps;
    s->s.level = level;
    s->s.median = first_below_half(s->pt, steps, 0);
    /* The median's interval: where the pointwise limits cross ½ (the lower
     * curve crosses first and gives the lower limit). */
    s->s.median_lower = first_below_half(s->pt, steps, 1);
    s->s.median_upper = first_below_half(s->pt, steps, 2);
    *out = s;
    return CSAT_OK;
}

csat_status csat_survival_fit(const double *time, const double *observed, size_t n,
                              const csat_business_options *opt, csat_survival **out,
                              csat_error *err)
{
    CSAT_REQUIRE(time, err);
    CSAT_REQUIRE(out, err);
    static const csat_business_options d = CSAT_BUSINESS_OPTIONS_DEFAULT;
    csat_business_options o;
    csat_status st = CSAT_LOAD_OPTIONS(o, opt, d, err);
    if (st == CSAT_OK)
        st = csat_check_level(o.level, err);
    return st == CSAT_OK ? csat_km_fit(time, observed, n, o.level, out, err) : st;
}

csat_status csat_survival_summary(const csat_survival *s, csat_curve_summary *out,
                                  csat_error *err)
{
    CSAT_REQUIRE(s, err);
    CSAT_REQUIRE_OUT(out, err);
    CSAT_STORE(out, s->s);
    return CSAT_OK;
}

csat_status csat_survival_step(const csat_survival *s, size_t i, csat_survival_point *out,
                               csat_error *err)
{
    CSAT_REQUIRE(s, err);
    CSAT_REQUIRE_OUT(out, err);
    if (i >= s->s.steps)
        return csat_fail(err, CSAT_ERR_ARGUMENT, i, CSAT_NO_INDEX,
                         "step %zu does not exist: the curve has %zu steps", i, s->s.steps);
    CSAT_STORE(out, s->pt[i]);
    return CSAT_OK;
}

csat_status csat_survival_at(const csat_survival *s, double t, csat_survival_point *out,
                             csat_error *err)
{
    CSAT_REQUIRE(s, err);
    CSAT_REQUIRE_OUT(out, err);
    if (!isfinite(t))
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "time %g is not finite", t);
    csat_survival_point p = { sizeof p, t, 0, 0, 0, 1.0, 0.0, 1.0, 1.0 };
    /* Binary search for the last step at or before t. */
    size_t lo = 0, hi = s->s.steps;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->pt[mid].time <= t)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo > 0) {
        p = s->pt[lo - 1];
        p.time = t;
    }
    CSAT_STORE(out, p);
    return CSAT_OK;
}
