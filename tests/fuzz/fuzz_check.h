/* Shared by the fuzz harnesses: what every result returned with CSAT_OK
 * must satisfy, as the headers define it (score.h, drivers.h). A failure
 * traps (FUZZ_CHECK), so libFuzzer keeps the input. */
#ifndef CSAT_FUZZ_CHECK_H
#define CSAT_FUZZ_CHECK_H

#include "csat.h"
#include "fuzz_input.h"

/* Rounding slack for quantities of order one. */
#define FUZZ_TOL 1e-9

/* Weights are 0 or in [CSAT_WEIGHT_MIN, CSAT_WEIGHT_MAX] (common.h). */
/* Little-endian fields of a serialized accumulator (doc/methods.md,
 * "Serialisation format"), read back to check a state the API hides. */
static inline uint64_t fuzz_le_u64(const unsigned char *p)
{
    uint64_t v = 0;
    for (int i = 0; i < 8; i++)
        v |= (uint64_t)p[i] << (8 * i);
    return v;
}

static inline double fuzz_le_f64(const unsigned char *p)
{
    uint64_t u = fuzz_le_u64(p);
    double d;
    memcpy(&d, &u, sizeof d);
    return d;
}

static inline int fuzz_bad_weight(double w)
{
    return !(w == 0 || (w >= CSAT_WEIGHT_MIN && w <= CSAT_WEIGHT_MAX));
}

/* Continuous values are finite and within ±CSAT_VALUE_MAX (common.h). */
static inline int fuzz_bad_value(double v)
{
    return !isnan(v) && !(fabs(v) <= CSAT_VALUE_MAX);
}

/* Kish's effective size (Σw)²/Σw² lies in [1, n] whenever a weight is
 * positive: it cannot depend on the scale of the weights. */
static inline void fuzz_check_sizes(size_t n, double n_weighted, double n_effective)
{
    FUZZ_CHECK(n >= 1);
    FUZZ_CHECK(n_weighted > 0 && isfinite(n_weighted));
    FUZZ_CHECK(fuzz_within(n_effective, 1, (double)n, FUZZ_TOL * (double)n));
}

static inline void fuzz_check_nps(const csat_nps_result *r)
{
    FUZZ_CHECK(fuzz_within(r->score, -100, 100, FUZZ_TOL));
    FUZZ_CHECK(fuzz_within(r->promoters, 0, 1, FUZZ_TOL));
    FUZZ_CHECK(fuzz_within(r->passives, 0, 1, FUZZ_TOL));
    FUZZ_CHECK(fuzz_within(r->detractors, 0, 1, FUZZ_TOL));
    FUZZ_CHECK(fuzz_close(r->promoters + r->passives + r->detractors, 1, FUZZ_TOL));
    FUZZ_CHECK(fuzz_close(r->score, 100 * (r->promoters - r->detractors), 100 * FUZZ_TOL));
    /* The Wald SE of a single answer is 0/0, as for a mean (score.h). */
    if (r->n >= 2 || !isnan(r->se)) {
        FUZZ_CHECK(r->se >= 0 && isfinite(r->se));
        FUZZ_CHECK(r->ci_lower <= r->ci_upper);
        FUZZ_CHECK(fuzz_within(r->ci_lower, -100, 100, FUZZ_TOL));
        FUZZ_CHECK(fuzz_within(r->ci_upper, -100, 100, FUZZ_TOL));
    }
    fuzz_check_sizes(r->n, r->n_weighted, r->n_effective);
}

static inline void fuzz_check_share(const csat_share_result *r)
{
    FUZZ_CHECK(fuzz_within(r->share, 0, 1, FUZZ_TOL));
    FUZZ_CHECK(fuzz_close(r->score, 100 * r->share, 100 * FUZZ_TOL));
    FUZZ_CHECK(r->se >= 0 && isfinite(r->se));
    /* The Wilson interval holds the observed share; shares, their SE and
     * interval are proportions (score.h), the score is 100 × share. */
    FUZZ_CHECK(fuzz_within(r->share, r->ci_lower, r->ci_upper, FUZZ_TOL));
    FUZZ_CHECK(fuzz_within(r->ci_lower, 0, 1, FUZZ_TOL));
    FUZZ_CHECK(fuzz_within(r->ci_upper, 0, 1, FUZZ_TOL));
    FUZZ_CHECK(r->box_min <= r->box_max);
    fuzz_check_sizes(r->n, r->n_weighted, r->n_effective);
}

/* A mean lies between the smallest and largest value; with two values or
 * more, SD, SE and interval exist (score.h: NaN only for a single value). */
static inline void fuzz_check_mean(const csat_mean_result *r)
{
    FUZZ_CHECK(r->min <= r->max);
    double mag = fmax(fabs(r->min), fabs(r->max));
    FUZZ_CHECK(fuzz_within(r->score, r->min, r->max, 1e-12 * mag));
    FUZZ_CHECK(r->df == (double)r->n - 1);
    if (r->n >= 2) {
        FUZZ_CHECK(r->sd >= 0);
        FUZZ_CHECK(r->se >= 0);
        FUZZ_CHECK(r->ci_lower <= r->ci_upper);
    }
    fuzz_check_sizes(r->n, r->n_weighted, r->n_effective);
}

/* Everything a fitted model reports (drivers.h). */
static inline void fuzz_check_model(const csat_drivers *m)
{
    csat_model_summary s = CSAT_RESULT_INIT(csat_model_summary);
    FUZZ_CHECK(csat_drivers_summary(m, &s, NULL) == CSAT_OK);
    FUZZ_CHECK(s.p >= 1 && s.p <= CSAT_DRIVERS_MAX);
    FUZZ_CHECK(s.intercept == 0 || s.intercept == 1);
    FUZZ_CHECK(s.df_model == (double)s.p);
    /* More rows with positive weight than coefficients (else TOO_FEW), and
     * those rows are among the complete ones. */
    FUZZ_CHECK(s.df_resid >= 1);
    FUZZ_CHECK(s.df_resid <= (double)s.n - (double)s.p - s.intercept);
    FUZZ_CHECK(fuzz_within(s.r2, 0, 1, FUZZ_TOL));
    FUZZ_CHECK(s.adj_r2 <= s.r2 + FUZZ_TOL);
    FUZZ_CHECK(s.sigma >= 0);
    FUZZ_CHECK(s.f >= 0);
    FUZZ_CHECK(fuzz_within(s.f_p, 0, 1, 0));
    FUZZ_CHECK(s.condition >= 1 - FUZZ_TOL);
    fuzz_check_sizes(s.n, s.n_weighted, s.n_effective);

    csat_coefficient c = CSAT_RESULT_INIT(csat_coefficient);
    for (size_t j = 0; j < s.p + (size_t)s.intercept; j++) {
        FUZZ_CHECK(csat_drivers_coefficient(m, j, &c, NULL) == CSAT_OK);
        FUZZ_CHECK(isfinite(c.estimate));
        FUZZ_CHECK(c.se >= 0);
        FUZZ_CHECK(c.ci_lower <= c.ci_upper);
        if (c.se > 0)
            FUZZ_CHECK(fuzz_within(c.p, 0, 1, 0));
    }
    FUZZ_CHECK(csat_drivers_coefficient(m, s.p + (size_t)s.intercept, &c, NULL)
               == CSAT_ERR_ARGUMENT);

    csat_driver_info d = CSAT_RESULT_INIT(csat_driver_info);
    for (size_t j = 0; j < s.p; j++) {
        FUZZ_CHECK(csat_drivers_driver(m, j, &d, NULL) == CSAT_OK);
        FUZZ_CHECK(d.vif >= 1 - 1e-6);
        FUZZ_CHECK(fuzz_within(d.r, -1, 1, FUZZ_TOL));
        FUZZ_CHECK(d.sd >= 0);
        FUZZ_CHECK(isfinite(d.mean));
        FUZZ_CHECK(!isnan(d.beta));
    }
    FUZZ_CHECK(csat_drivers_driver(m, s.p, &d, NULL) == CSAT_ERR_ARGUMENT);
}

/* Every estimator of a tally, with the tally's scale and with thresholds
 * that fit it; each result on CSAT_OK must pass the checks above and
 * describe the tally's own sample. */
static inline void fuzz_check_tally(const csat_tally *t)
{
    int lo, hi;
    FUZZ_CHECK(csat_tally_scale(t, &lo, &hi, NULL) == CSAT_OK);
    FUZZ_CHECK(lo <= hi);
    csat_sample s = CSAT_RESULT_INIT(csat_sample);
    FUZZ_CHECK(csat_tally_sample(t, &s, NULL) == CSAT_OK);
    size_t points = (size_t)((long long)hi - lo + 1);

    /* The counts per point add up to n (small scales: each call is a pass
     * over the scale). */
    if (points <= 4096) {
        size_t total = 0;
        int wrapped = 0;
        for (size_t j = 0; j < points; j++) {
            csat_point pt = CSAT_RESULT_INIT(csat_point);
            FUZZ_CHECK(csat_tally_point(t, (int)((long long)lo + (long long)j), &pt, NULL)
                       == CSAT_OK);
            wrapped |= __builtin_add_overflow(total, pt.count, &total);
            FUZZ_CHECK(pt.weight >= 0 && isfinite(pt.weight));
            FUZZ_CHECK(fuzz_within(pt.share, 0, 1, FUZZ_TOL));
            FUZZ_CHECK(fuzz_within(pt.cum_share, 0, 1, FUZZ_TOL));
        }
        FUZZ_CHECK(!wrapped && total == s.n);
    }
    csat_point pt = CSAT_RESULT_INIT(csat_point);
    FUZZ_CHECK(csat_tally_point(t, hi, &pt, NULL) == CSAT_OK);
    if (s.n_weighted > 0)
        FUZZ_CHECK(fuzz_close(pt.cum_share, 1, FUZZ_TOL));
    if (lo > INT_MIN)
        FUZZ_CHECK(csat_tally_point(t, lo - 1, &pt, NULL) == CSAT_ERR_RANGE);

    csat_nps_result nps = CSAT_RESULT_INIT(csat_nps_result);
    csat_share_result sh = CSAT_RESULT_INIT(csat_share_result);
    csat_mean_result mean = CSAT_RESULT_INIT(csat_mean_result);
    csat_mean_result effort = CSAT_RESULT_INIT(csat_mean_result);
    csat_share_result low_effort = CSAT_RESULT_INIT(csat_share_result);
    if (csat_tally_nps(t, NULL, &nps, NULL) == CSAT_OK) {
        fuzz_check_nps(&nps);
        FUZZ_CHECK(nps.n == s.n && nps.n_missing == s.n_missing);
    }
    if (hi > lo) {
        csat_nps_options o = { sizeof o, lo, hi, hi, hi - 1, 0.95, CSAT_NPS_ADJUSTED_WALD };
        if (csat_tally_nps(t, &o, &nps, NULL) == CSAT_OK)
            fuzz_check_nps(&nps);
    }
    csat_csat_options co = { sizeof co, lo, hi, hi, 0.95 };
    if (csat_tally_csat(t, NULL, &sh, NULL) == CSAT_OK)
        fuzz_check_share(&sh);
    if (csat_tally_csat(t, &co, &sh, NULL) == CSAT_OK) {
        fuzz_check_share(&sh);
        FUZZ_CHECK(sh.n == s.n && sh.n_missing == s.n_missing);
    }
    if (csat_tally_box_share(t, lo, hi, NULL, &sh, NULL) == CSAT_OK) {
        fuzz_check_share(&sh);
        FUZZ_CHECK(fuzz_close(sh.share, 1, FUZZ_TOL));
    }
    if (csat_tally_top_box(t, 1, NULL, &sh, NULL) == CSAT_OK)
        fuzz_check_share(&sh);
    if (csat_tally_bottom_box(t, 1, NULL, &sh, NULL) == CSAT_OK)
        fuzz_check_share(&sh);
    if (csat_tally_mean(t, NULL, &mean, NULL) == CSAT_OK) {
        fuzz_check_mean(&mean);
        FUZZ_CHECK(mean.min >= lo && mean.max <= hi);
        FUZZ_CHECK(mean.n == s.n && mean.n_missing == s.n_missing);
    }
    csat_ces_options eo = { sizeof eo, lo, hi, lo, 0.95 };
    if (csat_tally_ces(t, &eo, &effort, &low_effort, NULL) == CSAT_OK) {
        fuzz_check_mean(&effort);
        fuzz_check_share(&low_effort);
    }
}

/* Importance values of method on CSAT_OK (drivers.h): finite; r² in
 * [0, 1]; Pratt, LMG and relative weights add up to R² (checked on
 * well-conditioned designs, where rounding cannot matter); exact LMG has
 * standard errors 0. */
static inline void fuzz_check_importance(const csat_drivers *m, csat_importance_method method,
                                         const double *v, const double *se, int exact)
{
    csat_model_summary s = CSAT_RESULT_INIT(csat_model_summary);
    FUZZ_CHECK(csat_drivers_summary(m, &s, NULL) == CSAT_OK);
    double sum = 0;
    int well = s.condition < 1e4;
    for (size_t j = 0; j < s.p; j++) {
        FUZZ_CHECK(isfinite(v[j]));
        sum += v[j];
        switch (method) {
        case CSAT_IMPORTANCE_FIRST: FUZZ_CHECK(fuzz_within(v[j], 0, 1, FUZZ_TOL)); break;
        case CSAT_IMPORTANCE_BETA2: FUZZ_CHECK(v[j] >= 0); break;
        case CSAT_IMPORTANCE_LAST: FUZZ_CHECK(!well || fuzz_within(v[j], 0, 1, 1e-6)); break;
        case CSAT_IMPORTANCE_LMG:
        case CSAT_IMPORTANCE_RELATIVE_WEIGHTS: FUZZ_CHECK(!well || v[j] >= -1e-6); break;
        default: break;
        }
        if (se != NULL && method == CSAT_IMPORTANCE_LMG)
            FUZZ_CHECK(exact ? se[j] == 0 : se[j] >= 0);
    }
    if ((method == CSAT_IMPORTANCE_PRATT || method == CSAT_IMPORTANCE_LMG
         || method == CSAT_IMPORTANCE_RELATIVE_WEIGHTS)
        && well)
        FUZZ_CHECK(fuzz_close(sum, s.r2, 1e-7 + 1e-13 * s.condition * s.condition));
}

/* Results of the same estimate, field by field and bit for bit (NaN
 * equals NaN; the padding of a struct is not compared). */
static inline int fuzz_same_nps(const csat_nps_result *a, const csat_nps_result *b)
{
    return fuzz_same(a->score, b->score) && fuzz_same(a->promoters, b->promoters)
           && fuzz_same(a->passives, b->passives) && fuzz_same(a->detractors, b->detractors)
           && fuzz_same(a->se, b->se) && fuzz_same(a->ci_lower, b->ci_lower)
           && fuzz_same(a->ci_upper, b->ci_upper) && fuzz_same(a->level, b->level)
           && a->method == b->method && a->n == b->n && a->n_missing == b->n_missing
           && fuzz_same(a->n_weighted, b->n_weighted)
           && fuzz_same(a->n_effective, b->n_effective);
}

static inline int fuzz_same_share(const csat_share_result *a, const csat_share_result *b)
{
    return fuzz_same(a->share, b->share) && fuzz_same(a->score, b->score)
           && fuzz_same(a->se, b->se) && fuzz_same(a->ci_lower, b->ci_lower)
           && fuzz_same(a->ci_upper, b->ci_upper) && fuzz_same(a->level, b->level)
           && a->box_min == b->box_min && a->box_max == b->box_max && a->n == b->n
           && a->n_missing == b->n_missing && fuzz_same(a->n_weighted, b->n_weighted)
           && fuzz_same(a->n_effective, b->n_effective);
}

static inline int fuzz_same_mean(const csat_mean_result *a, const csat_mean_result *b)
{
    return fuzz_same(a->score, b->score) && fuzz_same(a->sd, b->sd) && fuzz_same(a->se, b->se)
           && fuzz_same(a->ci_lower, b->ci_lower) && fuzz_same(a->ci_upper, b->ci_upper)
           && fuzz_same(a->level, b->level) && fuzz_same(a->df, b->df)
           && fuzz_same(a->min, b->min) && fuzz_same(a->max, b->max) && a->n == b->n
           && a->n_missing == b->n_missing && fuzz_same(a->n_weighted, b->n_weighted)
           && fuzz_same(a->n_effective, b->n_effective);
}

/* One comparison of a family of G groups with these flags (groups.h): a
 * skipped one says which flag stops it and has NaN statistics; a compared
 * one has a p-value in [0, 1], an adjusted one in [p, 1] (Holm, Hochberg
 * and BH never lower a p-value) and an ordered interval. */
static inline void fuzz_check_group_comparison(const csat_group_comparison *c, size_t G,
                                               const int *flags, double level)
{
    FUZZ_CHECK(c->size == sizeof *c && c->group < G);
    FUZZ_CHECK(c->other == CSAT_NO_INDEX || (c->other < G && c->other != c->group));
    if (c->skipped != 0) {
        FUZZ_CHECK(c->skipped == CSAT_GROUP_SMALL || c->skipped == CSAT_GROUP_EMPTY);
        FUZZ_CHECK(isnan(c->diff) && isnan(c->p) && isnan(c->p_adjusted));
        return;
    }
    FUZZ_CHECK(flags == NULL || flags[c->group] == CSAT_GROUP_OK);
    if (c->other != CSAT_NO_INDEX)
        FUZZ_CHECK(flags == NULL || flags[c->other] == CSAT_GROUP_OK);
    FUZZ_CHECK(!isnan(c->diff) && !isnan(c->statistic) && c->se >= 0);
    FUZZ_CHECK(c->ci_lower <= c->ci_upper);
    FUZZ_CHECK(fuzz_within(c->p, 0, 1, 0));
    FUZZ_CHECK(c->p_adjusted >= c->p && c->p_adjusted <= 1);
    FUZZ_CHECK(c->level == level);
}

/* Point t of a tracking table of scores (groups.h): the period's own flag
 * and score; a flagged period has no change and no limits; limits hold
 * their centre, and the signal says whether the score is outside them. */
static inline void fuzz_check_track_point(const csat_track_point *p, size_t t, int flag,
                                          double score)
{
    FUZZ_CHECK(p->period == t && p->flags == flag && fuzz_same(p->score, score));
    if (flag != CSAT_GROUP_OK) {
        FUZZ_CHECK(isnan(p->change) && isnan(p->center) && p->signal == 0);
        return;
    }
    if (!isnan(p->change)) {
        FUZZ_CHECK(p->change_se >= 0);
        FUZZ_CHECK(fuzz_within(p->change_p, 0, 1, 0));
    }
    if (!isnan(p->center)) {
        FUZZ_CHECK(p->lcl <= p->center && p->center <= p->ucl);
        FUZZ_CHECK(p->signal == (p->score < p->lcl || p->score > p->ucl));
    } else {
        FUZZ_CHECK(p->signal == 0);
    }
}

#endif /* CSAT_FUZZ_CHECK_H */
