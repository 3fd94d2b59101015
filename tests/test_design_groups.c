/*
 * Scores of a design by group, and each group against the rest
 * (include/csat/design.h), against R's survey package: svyby(~y, ~class,
 * design, svymean, na.rm = TRUE) for the groups, the FALSE level of
 * svyby(~y, ~I(class == g), ...) for the rest, and svycontrast(...,
 * c(-1, 1)) on that svyby with covmat = TRUE for the difference, whose SE
 * carries the covariance of group and rest. Reference values:
 * tests/reference/design_reference.h (make_design_reference.R).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "check.h"
#include "design_reference.h"

#define TOL 1e-10
#define N DATA_DESIGN_N
#define G REF_DESIGN_CLASS_G

typedef struct by_ref {
    const double *est, *se, *rest_est, *rest_se, *diff, *diff_se, *diff_z, *diff_p, *diff_padj;
} by_ref;

#define BY_REF(D, M)                                                                               \
    { REF_DESIGN_##D##_BY_##M##_EST, REF_DESIGN_##D##_BY_##M##_SE,                                 \
      REF_DESIGN_##D##_BY_##M##_REST_EST, REF_DESIGN_##D##_BY_##M##_REST_SE,                       \
      REF_DESIGN_##D##_BY_##M##_DIFF, REF_DESIGN_##D##_BY_##M##_DIFF_SE,                           \
      REF_DESIGN_##D##_BY_##M##_DIFF_Z, REF_DESIGN_##D##_BY_##M##_DIFF_P,                          \
      REF_DESIGN_##D##_BY_##M##_DIFF_PADJ }

static csat_design *make(int clustered)
{
    csat_design_options o = CSAT_DESIGN_OPTIONS_DEFAULT;
    o.nest = 1;
    csat_design *d = NULL;
    csat_error err;
    OK(csat_design_create(N, DATA_DESIGN_W, DATA_DESIGN_STRATA,
                          clustered ? DATA_DESIGN_CLUSTER : NULL, NULL, &o, &d, &err));
    return d;
}

static void cmp_groups(const char *what, const double *est, const double *se,
                       const double *rest_est, const double *rest_se,
                       const csat_group_comparison *c, const by_ref *r)
{
    for (size_t g = 0; g < G; g++) {
        char name[96];
        snprintf(name, sizeof name, "%s, class %zu", what, g);
        const cmp_ctx *x = CTX(name, TOL);
        cmp_scaled(x, "estimate", est[g], r->est[g], r->se[g]);
        cmp_rel(x, "se", se[g], r->se[g]);
        cmp_scaled(x, "rest estimate", rest_est[g], r->rest_est[g], r->rest_se[g]);
        cmp_rel(x, "rest se", rest_se[g], r->rest_se[g]);
        cmp_scaled(x, "difference", c[g].diff, r->diff[g], r->diff_se[g]);
        cmp_rel(x, "difference se", c[g].se, r->diff_se[g]);
        cmp_scaled(x, "z", c[g].statistic, r->diff_z[g], 1);
        cmp_rel(x, "p", c[g].p, r->diff_p[g]);
        cmp_rel(x, "Holm p", c[g].p_adjusted, r->diff_padj[g]);
        cmp_size(x, "group", c[g].group, g);
        cmp_int(x, "skipped", c[g].skipped, 0);
        assert_true(isinf(c[g].df));
    }
}

static void domains_match_svyby_and_svycontrast(void **state)
{
    (void)state;
    csat_error err;
    const by_ref refs[2][4] = {
        { BY_REF(STRAT, NPS), BY_REF(STRAT, CSAT), BY_REF(STRAT, SAT), BY_REF(STRAT, AGE) },
        { BY_REF(CLUS, NPS), BY_REF(CLUS, CSAT), BY_REF(CLUS, SAT), BY_REF(CLUS, AGE) },
    };
    /* min_n 1: R compares every class; First has fewer than 30 answers. */
    const csat_group_options each = { sizeof each, 1, 0 }, rest = { sizeof rest, 1, 1 };
    const csat_scale_options s7 = { sizeof s7, 1, 7, 0.95 };
    for (int clustered = 0; clustered < 2; clustered++) {
        csat_design *d = make(clustered);
        const char *dn = clustered ? "CLUS" : "STRAT";
        double est[G], se[G], rest_est[G], rest_se[G];
        csat_group_comparison c[G] = { CSAT_RESULT_INIT(csat_group_comparison) };
        int flags[G];
        char what[64];

        csat_nps_result nr[G] = { CSAT_RESULT_INIT(csat_nps_result) };
        OK(csat_design_nps_grouped(d, DATA_DESIGN_NPS_X, DATA_DESIGN_CLASS, G, NULL, &each, nr,
                                   flags, G, &err));
        for (size_t g = 0; g < G; g++) {
            est[g] = nr[g].score;
            se[g] = nr[g].se;
            cmp_int(CTX(dn, 0), "flag", flags[g], CSAT_GROUP_OK);
        }
        OK(csat_design_nps_grouped(d, DATA_DESIGN_NPS_X, DATA_DESIGN_CLASS, G, NULL, &rest, nr,
                                   NULL, G, &err));
        for (size_t g = 0; g < G; g++) {
            rest_est[g] = nr[g].score;
            rest_se[g] = nr[g].se;
        }
        OK(csat_design_compare_nps(d, DATA_DESIGN_NPS_X, DATA_DESIGN_CLASS, G, NULL, &each, NULL, c,
                                   G, &err));
        snprintf(what, sizeof what, "%s NPS", dn);
        cmp_groups(what, est, se, rest_est, rest_se, c, &refs[clustered][0]);

        csat_share_result sr[G] = { CSAT_RESULT_INIT(csat_share_result) };
        OK(csat_design_box_share_grouped(d, DATA_DESIGN_SAT_X, DATA_DESIGN_CLASS, G, 6, 7, &s7,
                                         &each, sr, NULL, G, &err));
        for (size_t g = 0; g < G; g++) {
            est[g] = sr[g].share;
            se[g] = sr[g].se;
        }
        OK(csat_design_box_share_grouped(d, DATA_DESIGN_SAT_X, DATA_DESIGN_CLASS, G, 6, 7, &s7,
                                         &rest, sr, NULL, G, &err));
        for (size_t g = 0; g < G; g++) {
            rest_est[g] = sr[g].share;
            rest_se[g] = sr[g].se;
        }
        OK(csat_design_compare_shares(d, DATA_DESIGN_SAT_X, DATA_DESIGN_CLASS, G, 6, 7, &s7, &each,
                                      NULL, c, G, &err));
        snprintf(what, sizeof what, "%s CSAT", dn);
        cmp_groups(what, est, se, rest_est, rest_se, c, &refs[clustered][1]);

        const double *xs[2] = { DATA_DESIGN_SAT_X, DATA_DESIGN_AGE_X };
        for (int k = 0; k < 2; k++) {
            csat_mean_result mr[G] = { CSAT_RESULT_INIT(csat_mean_result) };
            OK(csat_design_mean_grouped(d, xs[k], DATA_DESIGN_CLASS, G, NULL, &each, mr, NULL, G,
                                        &err));
            for (size_t g = 0; g < G; g++) {
                est[g] = mr[g].score;
                se[g] = mr[g].se;
                cmp_rel(CTX(dn, 0), "group mean df", mr[g].df,
                        clustered ? REF_DESIGN_CLUS_DEGF : REF_DESIGN_STRAT_DEGF);
            }
            OK(csat_design_mean_grouped(d, xs[k], DATA_DESIGN_CLASS, G, NULL, &rest, mr, NULL, G,
                                        &err));
            for (size_t g = 0; g < G; g++) {
                rest_est[g] = mr[g].score;
                rest_se[g] = mr[g].se;
            }
            OK(csat_design_compare_means(d, xs[k], DATA_DESIGN_CLASS, G, NULL, &each, NULL, c, G,
                                         &err));
            snprintf(what, sizeof what, "%s %s", dn, k ? "age" : "overall satisfaction");
            cmp_groups(what, est, se, rest_est, rest_se, c, &refs[clustered][2 + k]);
        }
        csat_design_free(d);
    }
}

/* A group's estimate is the weighted grouped score's (groups.h): only the
 * uncertainty follows the design. */
static void estimates_are_the_weighted_grouped_scores(void **state)
{
    (void)state;
    csat_error err;
    csat_design *d = make(1);
    csat_nps_result a[G] = { CSAT_RESULT_INIT(csat_nps_result) };
    csat_nps_result b[G] = { CSAT_RESULT_INIT(csat_nps_result) };
    int fa[G], fb[G];
    OK(csat_design_nps_grouped(d, DATA_DESIGN_NPS_X, DATA_DESIGN_CLASS, G, NULL, NULL, a, fa, G,
                               &err));
    OK(csat_score_nps_grouped(DATA_DESIGN_NPS_X, N, DATA_DESIGN_W, DATA_DESIGN_CLASS, G, NULL, NULL,
                              b, fb, G, &err));
    for (size_t g = 0; g < G; g++) {
        assert_true(a[g].score == b[g].score);
        assert_true(a[g].promoters == b[g].promoters);
        assert_true(a[g].n == b[g].n && a[g].n_weighted == b[g].n_weighted);
        assert_int_equal(fa[g], fb[g]);
    }
    csat_design_free(d);
}

/* Rows without a group, an empty group and a small one: flags as in
 * groups.h, and comparisons skip what they cannot compare. */
static void empty_and_small_groups_are_flagged(void **state)
{
    (void)state;
    csat_error err;
    csat_design *d = make(1);
    int32_t *g = malloc(N * sizeof *g);
    for (size_t i = 0; i < N; i++)
        g[i] = i % 50 == 7 ? 2 : i % 50 == 8 ? CSAT_GROUP_NONE : (int32_t)(i % 2);
    /* Group 2 has 22 rows (< min_n 30); group 3 none. */
    csat_nps_result r[4] = { CSAT_RESULT_INIT(csat_nps_result) };
    int flags[4];
    OK(csat_design_nps_grouped(d, DATA_DESIGN_NPS_X, g, 4, NULL, NULL, r, flags, 4, &err));
    assert_int_equal(flags[0], CSAT_GROUP_OK);
    assert_int_equal(flags[2], CSAT_GROUP_SMALL);
    assert_int_equal(flags[3], CSAT_GROUP_EMPTY);
    assert_true(isnan(r[3].score) && isnan(r[3].se) && r[3].n == 0);
    assert_true(r[2].se > 0 && isfinite(r[2].ci_lower));
    csat_group_comparison c[4] = { CSAT_RESULT_INIT(csat_group_comparison) };
    OK(csat_design_compare_nps(d, DATA_DESIGN_NPS_X, g, 4, NULL, NULL, NULL, c, 4, &err));
    assert_int_equal(c[0].skipped, 0);
    assert_int_equal(c[2].skipped, CSAT_GROUP_SMALL);
    assert_int_equal(c[3].skipped, CSAT_GROUP_EMPTY);
    assert_true(isnan(c[3].p_adjusted));
    /* Holm over the two comparisons made: the smaller p doubled, and the
     * larger at least that (its own p when larger). */
    double lo = fmin(c[0].p, c[1].p), hi = fmax(c[0].p, c[1].p);
    double adj_lo = fmin(1, 2 * lo), adj_hi = fmax(adj_lo, hi);
    double got_lo = c[0].p <= c[1].p ? c[0].p_adjusted : c[1].p_adjusted;
    double got_hi = c[0].p <= c[1].p ? c[1].p_adjusted : c[0].p_adjusted;
    cmp_rel(CTX("Holm", 1e-15), "smaller", got_lo, adj_lo);
    cmp_rel(CTX("Holm", 1e-15), "larger", got_hi, adj_hi);

    /* Bad input: a group code out of range names its row; cap and G. */
    g[11] = 4;
    EXPECT_FAIL_ROW(CSAT_ERR_RANGE, 11, r,
                    csat_design_nps_grouped(d, DATA_DESIGN_NPS_X, g, 4, NULL, NULL, r, flags, 4, &err));
    g[11] = 1;
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, r,
                csat_design_nps_grouped(d, DATA_DESIGN_NPS_X, g, 4, NULL, NULL, r, flags, 3, &err));
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, c,
                csat_design_compare_nps(d, DATA_DESIGN_NPS_X, g, 1, NULL, NULL, NULL, c, 4, &err));
    EXPECT_NULL_ERROR(csat_design_compare_nps(d, DATA_DESIGN_NPS_X, NULL, 4, NULL, NULL, NULL, c, 4,
                                              &err));
    /* Groups × PSUs beyond the cells of an accumulator. */
    EXPECT_FAIL(CSAT_ERR_ARGUMENT, r,
                csat_design_nps_grouped(d, DATA_DESIGN_NPS_X, g, CSAT_GROUPS_MAX / 50, NULL, NULL,
                                        r, NULL, CSAT_GROUPS_MAX, &err));
    free(g);
    csat_design_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(domains_match_svyby_and_svycontrast),
        cmocka_unit_test(estimates_are_the_weighted_grouped_scores),
        cmocka_unit_test(empty_and_small_groups_are_flagged),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
