/* Probability distributions (doc/methods.md, "Distribution functions").
 *
 * Accuracy goal: close to double precision across the range the estimators
 * use, so that intervals agree with R's qt/qnorm to 13+ digits
 * (tests/test_dist.c). Quantiles are
 * found by refining a rough start with Halley (normal) or safeguarded Newton
 * (t) steps on an accurate upper-tail function, which keeps relative accuracy
 * in the tails where 1 − p would lose digits. */
#include <float.h>
#include <math.h>

#include "core/probability.h"

#define LN_SQRT_2PI 0.91893853320467274178032973640562 /* log √(2π) */
#define SQRT_2PI 2.5066282746310005024157652848110
#define SQRT_2 1.4142135623730950488016887242097
#define PI 3.1415926535897932384626433832795

/* Stirling series remainder of log Γ(x) for x ≥ 15: the terms after
 * (x − ½)log x − x + log √(2π). The first omitted term is below 4e-18 there. */
static double stirling_tail(double x)
{
    double r = 1.0 / x, r2 = r * r;
    return r * (1.0 / 12 + r2 * (-1.0 / 360 + r2 * (1.0 / 1260 + r2 * (-1.0 / 1680
           + r2 * (1.0 / 1188 + r2 * (-691.0 / 360360))))));
}

double csat_lgamma(double x)
{
    if (!(x > 0))
        return NAN;
    if (x >= 15)
        return (x - 0.5) * log(x) - x + LN_SQRT_2PI + stirling_tail(x);
    /* Γ(x) = Γ(x + k) / (x (x+1) ... (x+k−1)) with x + k ≥ 15. */
    double prod = 1.0;
    while (x < 15) {
        prod *= x;
        x += 1.0;
    }
    return (x - 0.5) * log(x) - x + LN_SQRT_2PI + stirling_tail(x) - log(prod);
}

/* log Γ(a) − log Γ(a + b) without the cancellation of two large lgammas:
 * for a ≥ 15 the Stirling forms are subtracted analytically. */
static double lgamma_ratio(double a, double b)
{
    if (a < 15)
        return csat_lgamma(a) - csat_lgamma(a + b);
    return -b * log(a) - (a + b - 0.5) * log1p(b / a) + b + stirling_tail(a)
           - stirling_tail(a + b);
}

/* log B(a, b) = log Γ(min) + log Γ(max) − log Γ(a + b). */
static double lbeta(double a, double b)
{
    double lo = a < b ? a : b, hi = a < b ? b : a;
    return csat_lgamma(lo) + lgamma_ratio(hi, lo);
}

double csat_norm_sf(double z)
{
    return 0.5 * erfc(z / SQRT_2);
}

/* Upper-tail normal quantile: z with Q(z) = q, for 0 < q ≤ 0.5. */
static double norm_isf_upper(double q)
{
    /* Abramowitz & Stegun 26.2.23 (|error| < 4.5e-4) as the start. */
    double t = sqrt(-2.0 * log(q));
    double z = t - (2.515517 + t * (0.802853 + t * 0.010328))
                       / (1.0 + t * (1.432788 + t * (0.189269 + t * 0.001308)));
    for (int it = 0; it < 4; it++) {
        /* Halley step on f(z) = Q(z) − q, f' = −φ(z), f'' = zφ(z). */
        double e = csat_norm_sf(z) - q;
        double u = -e * SQRT_2PI * exp(0.5 * z * z); /* f / f' */
        double step = u / (1.0 + 0.5 * z * u);
        z -= step;
        if (fabs(step) <= 4 * DBL_EPSILON * fabs(z))
            break;
    }
    return z;
}

double csat_norm_quantile(double p)
{
    if (!(p > 0 && p < 1))
        return NAN;
    if (p == 0.5)
        return 0.0;
    return p > 0.5 ? norm_isf_upper(1.0 - p) : -norm_isf_upper(p);
}

/* Continued fraction of I_x(a, b) (modified Lentz), valid for x < (a+1)/(a+b+2). */
static double beta_cf(double a, double b, double x)
{
    const double tiny = 1e-300;
    double c = 1.0, d = 1.0 - (a + b) * x / (a + 1.0);
    if (fabs(d) < tiny)
        d = tiny;
    d = 1.0 / d;
    double f = d;
    for (int m = 1; m < 100000; m++) {
        double m2 = 2.0 * m;
        double num = m * (b - m) * x / ((a + m2 - 1.0) * (a + m2));
        d = 1.0 + num * d;
        d = fabs(d) < tiny ? tiny : d;
        c = 1.0 + num / c;
        c = fabs(c) < tiny ? tiny : c;
        d = 1.0 / d;
        f *= d * c;
        num = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1.0));
        d = 1.0 + num * d;
        d = fabs(d) < tiny ? tiny : d;
        c = 1.0 + num / c;
        c = fabs(c) < tiny ? tiny : c;
        d = 1.0 / d;
        double delta = d * c;
        f *= delta;
        if (fabs(delta - 1.0) < 1e-16)
            break;
    }
    return f;
}

/* I_x(a, b) given x, y = 1 − x and their logarithms, each computed by the
 * caller in the most accurate way its parametrisation allows (for the t
 * distribution x is near 1, where log(x) of a rounded x would lose digits). */
static double beta_inc_xy(double a, double b, double x, double y, double lx, double ly)
{
    double lfront = a * lx + b * ly - lbeta(a, b);
    if (x < (a + 1.0) / (a + b + 2.0))
        return exp(lfront) * beta_cf(a, b, x) / a;
    return 1.0 - exp(lfront) * beta_cf(b, a, y) / b;
}

double csat_beta_inc(double a, double b, double x)
{
    if (!(a > 0 && b > 0) || !(x >= 0 && x <= 1))
        return NAN;
    if (x == 0 || x == 1)
        return x;
    return beta_inc_xy(a, b, x, 1.0 - x, log(x), log1p(-x));
}

/* P(T > t) for t ≥ 0: ½ I_x(df/2, ½) with u = t²/df, x = 1/(1+u),
 * 1 − x = u/(1+u). The logarithms come from log1p of u, so x near 1 (large
 * df) keeps its digits; the incomplete beta picks the form without
 * cancellation, which keeps relative accuracy far into the upper tail. */
static double t_sf_pos(double t, double df)
{
    if (isinf(t))
        return 0.0;
    double u = t * t / df;
    if (u == 0)
        return 0.5;
    if (isinf(u)) {
        /* t²/df beyond a double (t of 1e160 from a tiny SE): the same
         * logarithms from log u = 2 log t − log df. */
        double lu = 2 * log(t) - log(df), l1 = log1p(exp(-lu));
        return 0.5 * beta_inc_xy(0.5 * df, 0.5, exp(-lu - l1), -expm1(-l1), -lu - l1, -l1);
    }
    double lx = -log1p(u), ly = log(u) - log1p(u);
    return 0.5 * beta_inc_xy(0.5 * df, 0.5, 1.0 / (1.0 + u), u / (1.0 + u), lx, ly);
}

/* Above this many degrees of freedom t and F are their limits (normal,
 * χ²/d1) to within 1e-15 relative, and the continued fraction of the
 * incomplete beta would need millions of terms (a merged accumulator can
 * hold 1e18 rows). */
#define DF_LIMIT 1e15

static void gamma_pq(double a, double x, double *p, double *q);

double csat_t_sf(double t, double df)
{
    if (!(df > 0) || isnan(t))
        return NAN;
    if (df > DF_LIMIT)
        return csat_norm_sf(t);
    return t >= 0 ? t_sf_pos(t, df) : 1.0 - t_sf_pos(-t, df);
}

double csat_f_sf(double f, double d1, double d2)
{
    if (!(d1 > 0 && d2 > 0) || isnan(f))
        return NAN;
    if (f <= 0)
        return 1.0;
    if (isinf(f))
        return 0.0;
    if (d2 > DF_LIMIT) {
        double p, q;
        gamma_pq(0.5 * d1, 0.5 * d1 * f, &p, &q);
        return q;
    }
    /* P(F > f) = I_x(d2/2, d1/2), x = d2/(d2 + d1 f); u = d1 f/d2 gives
     * x = 1/(1+u) and 1 − x = u/(1+u) with accurate logarithms. */
    double u = d1 * f / d2;
    return beta_inc_xy(0.5 * d2, 0.5 * d1, 1.0 / (1.0 + u), u / (1.0 + u), -log1p(u),
                       log(u) - log1p(u));
}

/* log density of t(df) at t. */
static double t_logpdf(double t, double df)
{
    return lgamma_ratio(0.5 * df, 0.5) * -1.0 - 0.5 * log(df) - 0.5 * log(PI)
           - 0.5 * (df + 1.0) * log1p(t * t / df);
}

/* Cornish–Fisher expansion of the t quantile in z (Abramowitz & Stegun
 * 26.7.5). Its error is O(z¹¹/df⁵): measured against R's qt it is within
 * 1e-15 relative for df ≥ 2000 and |z| ≤ 4, where the continued fraction
 * of the incomplete beta, by contrast, needs thousands of terms and loses
 * digits to rounding. */
static double t_cornish_fisher(double z, double df)
{
    double z2 = z * z, z3 = z2 * z, z5 = z3 * z2, z7 = z5 * z2, z9 = z7 * z2;
    double g1 = (z3 + z) / 4.0;
    double g2 = (5 * z5 + 16 * z3 + 3 * z) / 96.0;
    double g3 = (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / 384.0;
    double g4 = (79 * z9 + 776 * z7 + 1482 * z5 - 1920 * z3 - 945 * z) / 92160.0;
    return z + g1 / df + g2 / (df * df) + g3 / (df * df * df) + g4 / (df * df * df * df);
}

/* t with P(T > t) = q, 0 < q < 0.5: safeguarded Newton on the upper tail. */
static double t_isf_upper(double q, double df)
{
    double z = norm_isf_upper(q);
    if (df >= 2000 && z <= 4)
        return t_cornish_fisher(z, df);
    if (df == 1.0)
        return 1.0 / tan(PI * q); /* Cauchy; cot(πq) avoids tan near π/2 */
    if (df == 2.0) {
        double p = 1.0 - q;
        return (2.0 * p - 1.0) / sqrt(2.0 * p * q);
    }
    /* Bracket [lo, hi] with sf(lo) > q > sf(hi). */
    double lo = 0.0, hi = fmax(z, 1.0);
    while (t_sf_pos(hi, df) > q)
        hi *= 2.0;
    double t = df > 4 ? fmin(fmax(t_cornish_fisher(z, df), lo), hi) : 0.5 * (lo + hi);
    for (int it = 0; it < 200; it++) {
        double e = t_sf_pos(t, df) - q;
        if (e == 0)
            break;
        if (e > 0)
            lo = t;
        else
            hi = t;
        double next = t + e / exp(t_logpdf(t, df));
        if (!(next > lo && next < hi))
            next = 0.5 * (lo + hi);
        if (fabs(next - t) <= 2 * DBL_EPSILON * fabs(next) || hi - lo <= 2 * DBL_EPSILON * hi) {
            t = next;
            break;
        }
        t = next;
    }
    return t;
}

double csat_t_quantile(double p, double df)
{
    if (!(p > 0 && p < 1) || !(df > 0))
        return NAN;
    if (isinf(df))
        return csat_norm_quantile(p);
    if (p == 0.5)
        return 0.0;
    return p > 0.5 ? t_isf_upper(1.0 - p, df) : -t_isf_upper(p, df);
}

double csat_critical(double level, double df)
{
    /* Evaluated as 1 − (1 + level)/2, as references compute the quantile
     * of (1 + level)/2, so that the last bits agree. */
    double q = 1.0 - 0.5 * (1.0 + level);
    if (!(df > 0))
        return NAN; /* and no iteration on a NaN */
    if (isinf(df))
        return norm_isf_upper(q);
    return t_isf_upper(q, df);
}

/* bd0(a, x) = a log(a/x) + x − a without cancellation when x is near a
 * (Loader 2000, "Fast and accurate computation of binomial
 * probabilities"). */
static double bd0(double a, double x)
{
    if (fabs(a - x) < 0.1 * (a + x)) {
        double v = (a - x) / (a + x), s = (a - x) * v, ej = 2 * a * v, v2 = v * v;
        for (int j = 1; j < 1000; j++) {
            ej *= v2;
            double s1 = s + ej / (2 * j + 1);
            if (s1 == s)
                return s1;
            s = s1;
        }
        return s;
    }
    return a * log(a / x) + x - a;
}

/* log(x^a e^{−x} / Γ(a+1)) accurately for large a too: for a ≥ 15 as
 * −stirlerr(a) − bd0(a, x) − ½ log(2πa), where stirlerr is the Stirling
 * remainder of log Γ(a+1). */
static double log_poisson_term(double a, double x)
{
    if (x == 0)
        return a == 0 ? 0.0 : -INFINITY;
    if (a < 15)
        return a * log(x) - x - csat_lgamma(a + 1);
    return -stirling_tail(a) - bd0(a, x) - 0.5 * log(2 * PI * a);
}

/* Regularised incomplete gamma P(a, x) (lower) and Q(a, x) (upper), each
 * computed directly where it is the smaller, so tails keep their digits. */
static void gamma_pq(double a, double x, double *p, double *q)
{
    if (x <= 0) {
        *p = 0;
        *q = 1;
        return;
    }
    double lf = log_poisson_term(a, x); /* x^a e^{-x} / Γ(a+1) */
    if (x < a + 1) {
        /* P = f · Σ x^n / ((a+1)…(a+n)) */
        double sum = 1, term = 1;
        for (int n = 1; n < 100000; n++) {
            term *= x / (a + n);
            sum += term;
            if (term < sum * 1e-17)
                break;
        }
        *p = exp(lf) * sum;
        *q = 1 - *p;
    } else {
        /* Q = a f / (x + 1 − a − 1(1−a)/(x + 3 − a − 2(2−a)/(x + 5 − a − …))) */
        const double tiny = 1e-300;
        double b = x + 1 - a, c = 1 / tiny, d = 1 / b, h = d;
        for (int n = 1; n < 100000; n++) {
            double an = -n * (n - a);
            b += 2;
            d = an * d + b;
            d = fabs(d) < tiny ? tiny : d;
            c = b + an / c;
            c = fabs(c) < tiny ? tiny : c;
            d = 1 / d;
            double del = d * c;
            h *= del;
            if (fabs(del - 1) < 1e-16)
                break;
        }
        *q = exp(lf + log(a)) * h;
        *p = 1 - *q;
    }
}

double csat_gamma_quantile(double prob, double a)
{
    if (!(a > 0) || !(prob >= 0 && prob < 1))
        return NAN;
    if (prob == 0)
        return 0;
    int upper = prob > 0.5;
    double target = upper ? 1 - prob : prob;
    /* Wilson–Hilferty start, then safeguarded Newton on whichever tail is
     * the smaller probability. */
    double z = csat_norm_quantile(prob), c = 1 / (9 * a);
    double x = a * pow(fmax(1 - c + z * sqrt(c), 1e-3), 3);
    double lo = 0, hi = fmax(x, 1);
    for (;;) {
        double pp, qq;
        gamma_pq(a, hi, &pp, &qq);
        if ((upper ? qq : pp) < target ? !upper : upper)
            hi *= 2;
        else
            break;
        if (hi > 1e300)
            break;
    }
    if (!(x > lo && x < hi))
        x = 0.5 * (lo + hi);
    for (int it = 0; it < 300; it++) {
        double pp, qq;
        gamma_pq(a, x, &pp, &qq);
        /* e > 0 means x is too large. */
        double e = upper ? target - qq : pp - target;
        if (e == 0)
            break;
        if (e > 0)
            hi = x;
        else
            lo = x;
        double dens = exp(log_poisson_term(a, x) + log(a / x));
        double next = x - e / dens;
        if (!(next > lo && next < hi))
            next = 0.5 * (lo + hi);
        if (fabs(next - x) <= 2 * DBL_EPSILON * next) {
            x = next;
            break;
        }
        x = next;
    }
    return x;
}
