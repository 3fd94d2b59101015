/* Internal distribution functions against R's qt, pt and qnorm
 * (tests/reference/make_dist_reference.R). The estimators' intervals are
 * only as good as these quantiles. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "core/probability.h"
#include "dist_reference.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static double rel_err(double a, double b)
{
    return a == b ? 0.0 : fabs(a - b) / fabs(b);
}

/* The quantile is refined by Newton steps on the upper tail; 2e-14 is a few
 * units of the last place of the tail function it inverts. */
static void t_quantile_matches_r_to_13_7_digits(void **state)
{
    (void)state;
    double worst = 0;
    for (size_t i = 0; i < COUNT(ref_t_quantile); i++) {
        double got = csat_critical(ref_t_quantile[i].level, ref_t_quantile[i].df);
        double e = rel_err(got, ref_t_quantile[i].q);
        if (e > 2e-14)
            print_message("level %g df %g: %.17g vs R %.17g\n", ref_t_quantile[i].level,
                          ref_t_quantile[i].df, got, ref_t_quantile[i].q);
        worst = fmax(worst, e);
    }
    print_message("worst relative error %.3g\n", worst);
    assert_true(worst <= 2e-14);
}

/* Up to df = 1e4 the continued fraction of the incomplete beta converges in
 * few terms; beyond, its rounding grows with √df and 10 digits is what it
 * keeps (the interval functions use a Cornish–Fisher quantile there). */
static void t_upper_tail_matches_r_to_12_digits(void **state)
{
    (void)state;
    double worst = 0;
    for (size_t i = 0; i < COUNT(ref_t_sf); i++) {
        double got = csat_t_sf(ref_t_sf[i].t, ref_t_sf[i].df);
        double e = rel_err(got, ref_t_sf[i].sf);
        if (ref_t_sf[i].df > 1e4) {
            assert_true(e <= 1e-10);
            continue;
        }
        if (e > 1e-12)
            print_message("t %g df %g: %.17g vs R %.17g\n", ref_t_sf[i].t, ref_t_sf[i].df, got,
                          ref_t_sf[i].sf);
        worst = fmax(worst, e);
    }
    print_message("worst relative error %.3g\n", worst);
    assert_true(worst <= 1e-12);
}

static void normal_quantile_matches_r_to_15_digits(void **state)
{
    (void)state;
    for (size_t i = 0; i < COUNT(ref_norm_quantile); i++) {
        double got = csat_norm_quantile(ref_norm_quantile[i].p);
        if (ref_norm_quantile[i].z == 0)
            assert_true(got == 0);
        else
            assert_true(rel_err(got, ref_norm_quantile[i].z) <= 1e-15);
    }
}

/* Symmetry and limits that hold by definition. */
static void quantiles_are_symmetric_and_reject_bad_arguments(void **state)
{
    (void)state;
    assert_true(csat_t_quantile(0.25, 9) == -csat_t_quantile(0.75, 9));
    assert_true(csat_norm_quantile(0.5) == 0);
    assert_true(isnan(csat_norm_quantile(0)));
    assert_true(isnan(csat_norm_quantile(1)));
    assert_true(isnan(csat_t_quantile(0.5, 0)));
    assert_true(isnan(csat_t_sf(1, -1)));
    assert_true(csat_t_sf(0, 5) == 0.5);
    /* lgamma(n) = log((n−1)!) exactly known: log(4!) = log 24. */
    assert_true(rel_err(csat_lgamma(5), log(24.0)) < 1e-15);
    assert_true(rel_err(csat_lgamma(0.5), 0.5 * log(3.14159265358979323846)) < 1e-15);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(t_quantile_matches_r_to_13_7_digits),
        cmocka_unit_test(t_upper_tail_matches_r_to_12_digits),
        cmocka_unit_test(normal_quantile_matches_r_to_15_digits),
        cmocka_unit_test(quantiles_are_symmetric_and_reject_bad_arguments),
    };
    return cmocka_run_group_tests_name("dist", tests, NULL, NULL);
}
