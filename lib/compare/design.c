/* Each group of a design against the rest of the sample (doc/methods.md,
 * "Scores of a design", comparisons): the difference is one estimate of
 * the design, whose linearised values are the group's minus the rest's,
 * so its variance carries their covariance (R: svycontrast on svyby with
 * covmat = TRUE). z test; p-values adjusted across the compared groups. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/checks.h"
#include "core/error.h"
#include "core/probability.h"
#include "core/sized.h"
#include "score/design.h"

static size_t result_size(csat_design_kind k)
{
    return k == CSAT_DESIGN_NPS     ? sizeof(csat_nps_result)
           : k == CSAT_DESIGN_SHARE ? sizeof(csat_share_result)
                                    : sizeof(csat_mean_result);
}

/* The estimate of result i in the comparison's unit (NPS points, shares
 * 0..1, the mean's unit), and the factor from the coded variable to it. */
static double estimate(csat_design_kind k, const void *res, size_t i)
{
    if (k == CSAT_DESIGN_NPS)
        return ((const csat_nps_result *)res)[i].score;
    if (k == CSAT_DESIGN_SHARE)
        return ((const csat_share_result *)res)[i].share;
    return ((const csat_mean_result *)res)[i].score;
}

static csat_status compare_rest(const csat_design *d, const double *x, const int32_t *g,
                                size_t G, const csat_design_question *q,
                                const csat_group_options *gopt, const csat_compare_options *copt,
                                csat_group_comparison *out, size_t cap, csat_error *err)
{
    csat_status s = csat_design_require_rows(d, err);
    if (s != CSAT_OK)
        return s;
    CSAT_REQUIRE(x, err);
    CSAT_REQUIRE(g, err);
    CSAT_REQUIRE_OUT(out, err);
    static const csat_compare_options dflt = CSAT_COMPARE_OPTIONS_DEFAULT;
    csat_compare_options o;
    s = CSAT_LOAD_OPTIONS(o, copt, dflt, err);
    if (s == CSAT_OK)
        s = csat_check_level(o.level, err);
    if (s != CSAT_OK)
        return s;
    if (G < 2 || G > CSAT_GROUPS_MAX)
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "%zu groups: a comparison with the rest needs 2..%d", G, CSAT_GROUPS_MAX);
    if (cap < G)
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "room for %zu comparisons, %zu groups", cap, G);
    const size_t full = result_size(q->kind);
    void *gr = calloc(G, full), *rr = calloc(G, full);
    int *gf = calloc(G, sizeof *gf), *rf = calloc(G, sizeof *rf);
    double *dv = malloc(G * sizeof *dv), *p = malloc(G * sizeof *p);
    if (!gr || !rr || !gf || !rf || !dv || !p)
        s = csat_fail(err, CSAT_ERR_NOMEM, CSAT_NO_INDEX, CSAT_NO_INDEX, NULL);
    if (s == CSAT_OK)
        s = csat_design_grouped_eval(d, x, g, G, q, gopt, gr, gf, rr, rf, dv, err);
    csat_group_comparison *gc = s == CSAT_OK ? calloc(G, sizeof *gc) : NULL;
    if (s == CSAT_OK && gc == NULL)
        s = csat_fail(err, CSAT_ERR_NOMEM, CSAT_NO_INDEX, CSAT_NO_INDEX, NULL);
    size_t m = 0;
    const double unit = q->kind == CSAT_DESIGN_NPS ? 100 : 1;
    const double zc = csat_critical(o.level, INFINITY);
    for (size_t i = 0; s == CSAT_OK && i < G; i++) {
        csat_group_comparison *c = &gc[i];
        c->size = sizeof *c;
        c->group = i;
        c->other = CSAT_NO_INDEX;
        c->diff = c->se = c->ci_lower = c->ci_upper = NAN;
        c->statistic = c->df = c->p = c->p_adjusted = NAN;
        c->level = o.level;
        /* As csat_compare_groups_*: a flagged group, or an empty rest, is
         * not compared. */
        c->skipped = gf[i] != CSAT_GROUP_OK ? gf[i] : (rf[i] & CSAT_GROUP_EMPTY) ? CSAT_GROUP_EMPTY : 0;
        if (c->skipped)
            continue;
        c->diff = estimate(q->kind, gr, i) - estimate(q->kind, rr, i);
        /* No variance (every stratum with an answer a lonely PSU left out
         * under "average"): the difference without a test, not in the
         * family. */
        if (isnan(dv[i]))
            continue;
        c->se = unit * sqrt(dv[i]);
        c->df = INFINITY;
        c->ci_lower = c->diff - zc * c->se;
        c->ci_upper = c->diff + zc * c->se;
        if (c->se > 0) {
            c->statistic = c->diff / c->se;
            double tail = 2 * csat_norm_sf(fabs(c->statistic));
            c->p = tail > 1 ? 1.0 : tail;
        } else {
            /* A difference known exactly (no spread across PSUs). */
            c->statistic = c->diff == 0 ? 0.0 : copysign(INFINITY, c->diff);
            c->p = c->diff == 0 ? 1.0 : 0.0;
        }
        p[m++] = c->p;
    }
    if (s == CSAT_OK && m > 0) {
        csat_error e;
        s = csat_compare_adjust(p, m, &o, p, &e);
        if (s != CSAT_OK)
            s = csat_fail(err, s, CSAT_NO_INDEX, CSAT_NO_INDEX, "%s", e.message);
    }
    if (s == CSAT_OK) {
        for (size_t i = 0, j = 0; i < G; i++) {
            if (!gc[i].skipped)
                gc[i].p_adjusted = p[j++];
            csat_sized_store_at(out, i, &gc[i], sizeof gc[i]);
        }
    }
    free(gr);
    free(rr);
    free(gf);
    free(rf);
    free(dv);
    free(p);
    free(gc);
    return s;
}

csat_status csat_design_compare_nps(const csat_design *d, const double *x, const int32_t *g,
                                    size_t groups, const csat_nps_options *opt,
                                    const csat_group_options *gopt,
                                    const csat_compare_options *copt, csat_group_comparison *out,
                                    size_t cap, csat_error *err)
{
    const csat_design_question q = { CSAT_DESIGN_NPS, opt, NULL, NULL, 0, 0 };
    return compare_rest(d, x, g, groups, &q, gopt, copt, out, cap, err);
}

csat_status csat_design_compare_shares(const csat_design *d, const double *x, const int32_t *g,
                                       size_t groups, int lo, int hi,
                                       const csat_scale_options *opt,
                                       const csat_group_options *gopt,
                                       const csat_compare_options *copt,
                                       csat_group_comparison *out, size_t cap, csat_error *err)
{
    const csat_design_question q = { CSAT_DESIGN_SHARE, NULL, opt, NULL, lo, hi };
    return compare_rest(d, x, g, groups, &q, gopt, copt, out, cap, err);
}

csat_status csat_design_compare_means(const csat_design *d, const double *x, const int32_t *g,
                                      size_t groups, const csat_mean_options *opt,
                                      const csat_group_options *gopt,
                                      const csat_compare_options *copt,
                                      csat_group_comparison *out, size_t cap, csat_error *err)
{
    const csat_design_question q = { CSAT_DESIGN_MEAN, NULL, NULL, opt, 0, 0 };
    return compare_rest(d, x, g, groups, &q, gopt, copt, out, cap, err);
}
