/**
 * @file csat/business.h
 * @brief The business side of satisfaction: retention and churn, retention
 *        curves (Kaplan–Meier), customer lifetime value, complaints and
 *        their resolution times, review ratings and referrals.
 *
 * Formulas and sources: doc/methods.md, "Business measures".
 */
#ifndef CSAT_BUSINESS_H
#define CSAT_BUSINESS_H

#include "csat/common.h"
#include "csat/score.h"

#include <math.h>

#ifdef __cplusplus
extern "C" {
#endif

/** @name Retention and churn
 * @{ */

/**
 * @brief Options of the business measures; see ::CSAT_BUSINESS_OPTIONS_DEFAULT.
 *
 * One struct for the area: each function reads the fields it documents and
 * ignores the others (retention and churn read none yet).
 */
typedef struct csat_business_options {
    size_t size;    /**< sizeof the struct the caller compiled against; set by the options initialiser (@ref conv_growth). */
    double level;   /**< Confidence level in (0, 1 − 1e-12] of rates and retention curves (default 0.95). */
    double per;     /**< Scale of a rate, > 0: 1000 for complaints per 1,000 (default 1). */
    int timing;     /**< A ::csat_clv_timing, for csat_business_clv() (default ::CSAT_CLV_END_OF_PERIOD, Gupta & Lehmann's m·r/(1 + d − r)). */
    double horizon; /**< Periods T of csat_business_clv(), a whole number ≥ 0 or INFINITY (default INFINITY). */
} csat_business_options;

/** @brief Default business options: 95 %, rates per 1, CLV at the end of each period over an infinite horizon. */
#define CSAT_BUSINESS_OPTIONS_DEFAULT { sizeof(csat_business_options), 0.95, 1.0, 1, INFINITY }

/** @brief Retention and churn over one period. */
typedef struct csat_retention_result {
    size_t size; /**< sizeof the struct the caller compiled against; set by ::CSAT_RESULT_INIT (@ref conv_growth). */
    double retention;  /**< Share of the customers at the start still customers at the end. */
    double churn;      /**< 1 − retention. */
    double at_start;   /**< Customers at the start (S). */
    double at_end;     /**< Customers at the end (E). */
    double acquired;   /**< Customers acquired during the period (N). */
    double lost;       /**< Customers lost: S + N − E from counts; from dates, the customers present at t0 who ended in (t0, t1]. */
} csat_retention_result;

/**
 * @brief Retention (E − N)/S and churn from customer counts.
 * @param start    Customers at the start, S > 0.
 * @param end      Customers at the end, E ≥ 0.
 * @param acquired New customers during the period, 0 ≤ N ≤ E.
 * @param opt      Options or NULL (none read yet).
 * @param out      Receives the rates.
 * @param err      Optional error details, may be NULL.
 * @return ::CSAT_OK; ::CSAT_ERR_NULL; ::CSAT_ERR_ARGUMENT (S ≤ 0, a
 *         negative or non-finite count, E − N < 0, E − N > S).
 */
CSAT_API CSAT_NODISCARD csat_status csat_business_retention(double start, double end, double acquired,
        const csat_business_options *opt,
                                                   csat_retention_result *out, csat_error *err);

/**
 * @brief Churn over a period from each customer's start and end time.
 *
 * A customer is at the start of [t0, t1] if it started at or before t0 and
 * had not ended by t0; it is lost in the period if it ends in (t0, t1]; it
 * is acquired if it started in (t0, t1]. NaN as end time: still a customer.
 * @param start_time n start times (finite).
 * @param end_time   n end times (NaN = still active; otherwise ≥ its start).
 * @param n          Number of customers.
 * @param t0         Start of the period.
 * @param t1         End of the period, > t0.
 * @param opt        Options or NULL (none read yet).
 * @param out        Receives the counts and rates (retention of the
 *                   customers present at t0).
 * @param err        Optional error details, may be NULL.
 * @return ::CSAT_OK; ::CSAT_ERR_NULL; ::CSAT_ERR_RANGE (non-finite start, end
 *         before start); ::CSAT_ERR_ARGUMENT (t1 ≤ t0); ::CSAT_ERR_EMPTY
 *         (no customer at t0).
 */
CSAT_API CSAT_NODISCARD csat_status csat_business_churn(const double *start_time,
                                                      const double *end_time, size_t n, double t0,
                                                      double t1, const csat_business_options *opt,
                                                      csat_retention_result *out,
                                                      csat_error *err);

/**
 * @brief Convert a churn rate between period lengths: 1 − (1 − c)^k
 *        (monthly to annual: k = 12; annual to monthly: k = 1/12).
 * @param churn Churn rate of one period, 0 ≤ c ≤ 1.
 * @param k     Length of the new period in old periods, > 0.
 * @param opt   Options or NULL (none read yet).
 * @param out   Receives the converted churn rate.
 * @param err   Optional error details, may be NULL.
 * @return ::CSAT_OK; ::CSAT_ERR_NULL; ::CSAT_ERR_ARGUMENT.
 */
CSAT_API CSAT_NODISCARD csat_status csat_business_churn_convert(double churn, double k,
        const csat_business_options *opt, double *out,
                                                       csat_error *err);

/** @} */

/** @name Retention curves
 * @{ */

/**
 * @brief A Kaplan–Meier curve (opaque). Free with ::csat_survival_free.
 */
typedef struct csat_survival csat_survival;

/** @brief One step of a Kaplan–Meier curve, or its value at a time. */
typedef struct csat_survival_point {
    size_t size; /**< sizeof the struct the caller compiled against; set by ::CSAT_RESULT_INIT (@ref conv_growth). */
    double time;      /**< Event time (or the time asked for). */
    double n_risk;    /**< Customers still at risk just before it. */
    double n_event;   /**< Events (churns, resolutions) at it. */
    double n_censor;  /**< Censored at it (still active / still open). */
    double survival;  /**< Kaplan–Meier estimate S(t). */
    double se;        /**< Greenwood standard error of S(t). */
    double ci_lower;  /**< Lower limit, log-log interval (S itself where S is 0 or 1). */
    double ci_upper;  /**< Upper limit. */
} csat_survival_point;

/**
 * @brief Kaplan–Meier estimate from lifetimes with right censoring.
 * @param time     n durations (finite, ≥ 0).
 * @param observed n flags: 1 = the event happened at that time (churned,
 *                 resolved), 0 = censored (still active, still open); NULL
 *                 for all 1. NaN time or flag: the customer is missing.
 * @param n        Number of customers.
 * @param opt      Options (`level`) or NULL for ::CSAT_BUSINESS_OPTIONS_DEFAULT.
 * @param out      Receives the curve; free it with ::csat_survival_free.
 * @param err      Optional error details, may be NULL.
 * @return ::CSAT_OK; ::CSAT_ERR_NULL; ::CSAT_ERR_EMPTY; ::CSAT_ERR_RANGE
 *         (negative or infinite time, a flag other than 0/1);
 *         ::CSAT_ERR_ARGUMENT (level); ::CSAT_ERR_NOMEM.
 */
CSAT_API CSAT_NODISCARD csat_status csat_survival_fit(const double *time, const double *observed,
                                                      size_t n, const csat_business_options *opt,
                                                      csat_survival **out,
                                                      csat_error *err);

/**
 * @brief Free a curve.
 * @param s Curve, or NULL (ignored).
 */
CSAT_API void csat_survival_free(csat_survival *s);

/** @brief Summary of a curve. */
typedef struct csat_curve_summary {
    size_t size; /**< sizeof the struct the caller compiled against; set by ::CSAT_RESULT_INIT (@ref conv_growth). */
    size_t n;          /**< Customers used. */
    size_t n_missing;  /**< Customers skipped for a NaN. */
    size_t events;     /**< Events observed. */
    size_t steps;      /**< Distinct event times (points of the curve). */
    double median;     /**< Median time: first t with S(t) < ½, or the midpoint of the flat stretch at ½ (within √eps, as R's survfit; the time itself when that stretch is the last); NaN if S never reaches ½. */
    double median_lower; /**< Lower limit of the median: where the lower limit curve crosses ½ (same rule), or NaN. */
    double median_upper; /**< Upper limit of the median: where the upper limit curve crosses ½, or NaN. */
    double level;      /**< Confidence level. */
} csat_curve_summary;

/**
 * @brief Summary of a curve: counts and median with its interval.
 * @param s   Curve.
 * @param out Receives the summary.
 * @param err Optional error details, may be NULL.
 * @return ::CSAT_OK or ::CSAT_ERR_NULL.
 */
CSAT_API CSAT_NODISCARD csat_status csat_survival_summary(const csat_survival *s,
                                                          csat_curve_summary *out,
                                                          csat_error *err);

/**
 * @brief Point @p i of the curve (0 ≤ i < steps), in time order.
 * @param s   Curve.
 * @param i   Step index.
 * @param out Receives the point.
 * @param err Optional error details, may be NULL.
 * @return ::CSAT_OK, ::CSAT_ERR_NULL or ::CSAT_ERR_ARGUMENT (i out of range).
 */
CSAT_API CSAT_NODISCARD csat_status csat_survival_step(const csat_survival *s, size_t i,
                                                       csat_survival_point *out, csat_error *err);

/**
 * @brief The curve at any time t (a step function, right-continuous):
 *        retention at t.
 * @param s   Curve.
 * @param t   Time (finite).
 * @param out Receives S(t) with its SE and interval (n_risk etc. of the
 *            last step at or before t, zeros before the first).
 * @param err Optional error details, may be NULL.
 * @return ::CSAT_OK, ::CSAT_ERR_NULL or ::CSAT_ERR_ARGUMENT.
 */
CSAT_API CSAT_NODISCARD csat_status csat_survival_at(const csat_survival *s, double t,
                                                     csat_survival_point *out, csat_error *err);

/** @} */

/** @name Customer lifetime value
 * @{ */

/** @brief When in each period the margin is earned. */
typedef enum csat_clv_timing {
    /** Margin at the start of every period, the first one now:
     *  Σ_{t=0}^{T−1} m (r/(1+d))^t, m(1+d)/(1+d−r) for T = ∞. */
    CSAT_CLV_START_OF_PERIOD = 0,
    /** Margin at the end of every period the customer survives:
     *  Σ_{t=1}^{T} m (r/(1+d))^t, m r/(1+d−r) for T = ∞ (Gupta & Lehmann 2003). */
    CSAT_CLV_END_OF_PERIOD = 1
} csat_clv_timing;

/**
 * @brief Customer lifetime value from a constant margin, retention and
 *        discount rate.
 * @param margin    Margin per period.
 * @param retention Retention rate per period, 0 ≤ r ≤ 1.
 * @param discount  Discount rate per period, d > −1 (and d > r − 1 when
 *                  the horizon is infinite, so that the sum converges).
 * @param opt       Options (`timing`, ::csat_clv_timing, and `horizon`, the
 *                  number of periods T: a whole number ≥ 0, or INFINITY) or NULL.
 * @param out       Receives the value.
 * @param err       Optional error details, may be NULL.
 * @return ::CSAT_OK; ::CSAT_ERR_NULL; ::CSAT_ERR_ARGUMENT.
 */
CSAT_API CSAT_NODISCARD csat_status csat_business_clv(double margin, double retention, double discount,
                                             const csat_business_options *opt, double *out,
                                             csat_error *err);

/** @} */

/** @name Complaints, rates and reviews
 * @{ */

/** @brief An event count over an exposure, with an exact Poisson interval. */
typedef struct csat_rate_result {
    size_t size; /**< sizeof the struct the caller compiled against; set by ::CSAT_RESULT_INIT (@ref conv_growth). */
    double rate;       /**< count / exposure × per. */
    double ci_lower;   /**< Lower limit (Garwood's exact Poisson interval). */
    double ci_upper;   /**< Upper limit. */
    double count;      /**< Events. */
    double exposure;   /**< Customers (or other exposure). */
    double per;        /**< Rate expressed per this many (1000 for complaints per 1,000). */
    double level;      /**< Confidence level. */
} csat_rate_result;

/**
 * @brief A rate with its exact Poisson interval: complaints per 1,000
 *        customers, referrals per customer, …
 * @param count    Events (a whole number, 0 ≤ count ≤ 1e8: above, the exact
 *                 interval is refused rather than given inaccurately).
 * @param exposure Exposure (> 0).
 * @param opt      Options (`per`, the scale of the rate, > 0: 1 for a rate per
 *                 customer; `level`) or NULL for ::CSAT_BUSINESS_OPTIONS_DEFAULT.
 * @param out      Receives the rate.
 * @param err      Optional error details, may be NULL.
 * @return ::CSAT_OK; ::CSAT_ERR_NULL; ::CSAT_ERR_ARGUMENT.
 */
CSAT_API CSAT_NODISCARD csat_status csat_business_rate(double count, double exposure,
                                              const csat_business_options *opt, csat_rate_result *out,
                                              csat_error *err);

/** @brief One category of complaints in Pareto order. */
typedef struct csat_category_count {
    size_t size; /**< sizeof the struct the caller compiled against; set by ::CSAT_RESULT_INIT (@ref conv_growth). */
    long code;          /**< Category code. */
    size_t count;       /**< Complaints in it. */
    double share;       /**< count / all complaints. */
    double cum_share;   /**< Share of this and all larger categories. */
} csat_category_count;

/**
 * @brief Complaint counts per category, in Pareto order (largest first;
 *        ties by code).
 *
 * Writes at most @p cap categories to @p out and the number of distinct
 * categories to @p n_categories (call with cap 0 to learn it).
 * @param codes        n category codes (integers; NaN = missing).
 * @param n            Number of complaints.
 * @param opt          Options or NULL (none read yet).
 * @param out          Receives up to cap categories, or NULL when cap is 0;
 *                     `out[0].size` set (::CSAT_RESULT_INIT) gives every element's size.
 * @param cap          Capacity of @p out.
 * @param n_categories Receives the number of distinct categories.
 * @param sample       Receives n and n_missing (weights are counts), or NULL.
 * @param err          Optional error details, may be NULL.
 * @return ::CSAT_OK; ::CSAT_ERR_NULL; ::CSAT_ERR_EMPTY; ::CSAT_ERR_RANGE
 *         (a code that is not an integer); ::CSAT_ERR_ARGUMENT (cap smaller
 *         than the number of categories and not 0); ::CSAT_ERR_NOMEM.
 */
CSAT_API CSAT_NODISCARD csat_status csat_business_complaints(const double *codes, size_t n,
                                                           const csat_business_options *opt,
                                                           csat_category_count *out, size_t cap,
                                                           size_t *n_categories,
                                                           csat_sample *sample, csat_error *err);

/** @brief Resolution-time statistics, naive and with open complaints censored. */
typedef struct csat_resolution_result {
    size_t size; /**< sizeof the struct the caller compiled against; set by ::CSAT_RESULT_INIT (@ref conv_growth). */
    size_t n;             /**< Complaints with a valid time. */
    size_t n_open;        /**< Of which still open (censored). */
    size_t n_missing;     /**< Skipped for a NaN. */
    double mean;          /**< Mean time of the resolved complaints. */
    double sd;            /**< Their standard deviation (n − 1). */
    double median;        /**< Median of the resolved times (type 7). */
    double within_sla;    /**< Share of resolved complaints resolved within the SLA. */
    double km_median;     /**< Kaplan–Meier median time to resolution, open ones censored (NaN if not reached). */
    double km_within_sla; /**< Kaplan–Meier share resolved by the SLA, 1 − S(sla). */
    double sla;           /**< The SLA used. */
} csat_resolution_result;

/**
 * @brief Resolution times: n, mean, SD, median, any quantiles (R type 7, as
 *        numpy's default) and the share within an SLA, from the resolved
 *        complaints; and the median and share within the SLA from
 *        Kaplan–Meier with still-open complaints censored.
 * @param time      n times (resolution time, or time open so far).
 * @param resolved  n flags, 1 = resolved, 0 = still open; NULL = all resolved.
 * @param n         Number of complaints.
 * @param sla       Service-level time (finite, ≥ 0).
 * @param probs     m probabilities in [0, 1] for quantiles, or NULL.
 * @param m         Their number.
 * @param opt       Options (`level` of the Kaplan–Meier curve behind the censored statistics) or NULL.
 * @param quantiles Receives m quantiles of the resolved times, or NULL.
 * @param out       Receives the statistics.
 * @param err       Optional error details, may be NULL.
 * @return ::CSAT_OK; ::CSAT_ERR_NULL; ::CSAT_ERR_EMPTY (no resolved
 *         complaint); ::CSAT_ERR_RANGE (negative or infinite time, bad
 *         flag); ::CSAT_ERR_ARGUMENT (sla, probs); ::CSAT_ERR_NOMEM.
 */
CSAT_API CSAT_NODISCARD csat_status csat_business_resolution(const double *time,
                                                          const double *resolved, size_t n,
                                                          double sla, const double *probs,
                                                          size_t m, const csat_business_options *opt,
                                                          double *quantiles,
                                                          csat_resolution_result *out,
                                                          csat_error *err);

/** @} */

#ifdef __cplusplus
}
#endif

#endif /* CSAT_BUSINESS_H */
