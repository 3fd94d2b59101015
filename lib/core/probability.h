/* Internal: probability distributions (normal, t, F, χ², gamma, beta) for
 * the intervals and tests of every layer. Never installed. All are pure
 * functions of their arguments (no global state, no errno). Named for
 * probability rather than "distribution", which in this library is the
 * distribution of answers over a scale (score/distribution.c). */
#ifndef CSAT_LIB_CORE_PROBABILITY_H
#define CSAT_LIB_CORE_PROBABILITY_H

/* log Γ(x) for x > 0, without touching the global signgam of libm. */
double csat_lgamma(double x);

/* Standard normal upper tail Q(z) = P(Z > z). */
double csat_norm_sf(double z);

/* Standard normal quantile: Φ⁻¹(p) for 0 < p < 1 (NaN otherwise). */
double csat_norm_quantile(double p);

/* Regularised incomplete beta I_x(a, b), a, b > 0, 0 ≤ x ≤ 1. */
double csat_beta_inc(double a, double b, double x);

/* Student t upper tail P(T > t) with df > 0 degrees of freedom. */
double csat_t_sf(double t, double df);

/* F upper tail P(F > f) with d1 and d2 degrees of freedom. */
double csat_f_sf(double f, double d1, double d2);

/* Student t quantile: the t with P(T ≤ t) = p, 0 < p < 1, df > 0. */
double csat_t_quantile(double p, double df);

/* Quantile of the gamma distribution with shape a and scale 1: the x with
 * P(a, x) = prob (0 ≤ prob < 1). χ²_ν quantiles are 2·csat_gamma_quantile(p, ν/2). */
double csat_gamma_quantile(double prob, double a);

/* Two-sided critical value for a confidence level: the upper (1 + level)/2
 * quantile of N(0,1) (df = +inf) or of t(df). */
double csat_critical(double level, double df);

#endif
