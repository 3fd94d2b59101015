/* Linearised design variances: PSU totals centred within strata and scaled
 * by fpc_h n_h/(n_h − 1), with R survey's rules for strata of one PSU
 * (doc/methods.md, "Survey designs"; R survey 4.1, onestage/onestrat). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "design/design.h"

csat_stratum_rule csat_design_stratum_rule(const csat_design *d, size_t h)
{
    csat_stratum_rule r = { 0, 1, 0 };
    double f = d->fpc[h], nh = (double)d->units_in[h];
    /* A stratum sampled whole has no sampling variance (R: f < 1e-7). */
    if (f < 1e-7)
        return r;
    if (d->units_in[h] > 1) {
        r.scale = f * nh / (nh - 1);
        return r;
    }
    switch (d->lonely) {
    case CSAT_LONELY_ADJUST:
        /* Centred at the grand mean of linearised totals, which is 0. */
        r.scale = f;
        r.centre = 0;
        break;
    case CSAT_LONELY_AVERAGE:
        r.excluded = 1;
        break;
    default: /* remove, certainty (fail never reaches an estimate) */
        break;
    }
    return r;
}

double csat_design_average_factor(const csat_design *d, const unsigned char *present)
{
    if (d->lonely != CSAT_LONELY_AVERAGE)
        return 1;
    size_t all = 0, ok = 0;
    for (size_t h = 0; h < d->H; h++) {
        if (!present[h])
            continue;
        all++;
        ok += !csat_design_stratum_rule(d, h).excluded;
    }
    return ok ? (double)all / (double)ok : NAN;
}

/* Strata holding a present unit (every stratum with units when present is NULL). */
static void strata_present(const csat_design *d, const unsigned char *present, unsigned char *hp)
{
    memset(hp, 0, d->H);
    for (size_t u = 0; u < d->U; u++)
        if (present == NULL || present[u])
            hp[d->unit_stratum[u]] = 1;
}

csat_status csat_design_cov(const csat_design *d, const double *z, size_t k, size_t ld,
                            const unsigned char *present, double *V, csat_error *err)
{
    double *mean = calloc(d->H * k, sizeof *mean);
    unsigned char *hp = malloc(d->H);
    double *dev = malloc(k * sizeof *dev);
    if (mean == NULL || hp == NULL || dev == NULL) {
        free(mean);
        free(hp);
        free(dev);
        return csat_fail(err, CSAT_ERR_NOMEM, CSAT_NO_INDEX, CSAT_NO_INDEX, NULL);
    }
    for (size_t u = 0; u < d->U; u++) {
        double *m = mean + (size_t)d->unit_stratum[u] * k;
        for (size_t j = 0; j < k; j++)
            m[j] += z[u * ld + j];
    }
    for (size_t h = 0; h < d->H; h++)
        for (size_t j = 0; j < k; j++)
            mean[h * k + j] /= (double)d->units_in[h];
    memset(V, 0, k * k * sizeof *V);
    for (size_t u = 0; u < d->U; u++) {
        size_t h = (size_t)d->unit_stratum[u];
        csat_stratum_rule r = csat_design_stratum_rule(d, h);
        if (r.excluded || r.scale == 0)
            continue;
        for (size_t j = 0; j < k; j++)
            dev[j] = z[u * ld + j] - (r.centre ? mean[h * k + j] : 0);
        for (size_t a = 0; a < k; a++)
            for (size_t b = 0; b <= a; b++)
                V[a * k + b] += r.scale * dev[a] * dev[b];
    }
    strata_present(d, present, hp);
    double factor = csat_design_average_factor(d, hp);
    for (size_t a = 0; a < k; a++)
        for (size_t b = 0; b <= a; b++) {
            V[a * k + b] *= factor;
            V[b * k + a] = V[a * k + b];
        }
    free(mean);
    free(hp);
    free(dev);
    return CSAT_OK;
}

double csat_design_var_strata(const csat_design *d, const double *s1, const double *s2,
                              const unsigned char *present)
{
    double v = 0;
    for (size_t h = 0; h < d->H; h++) {
        csat_stratum_rule r = csat_design_stratum_rule(d, h);
        if (r.excluded || r.scale == 0)
            continue;
        /* Σ(z − z̄)² = Σz² − (Σz)²/n_h over the stratum's n_h rows, those
         * without a valid answer being z = 0. */
        double ss = r.centre ? s2[h] - s1[h] * s1[h] / (double)d->units_in[h] : s2[h];
        v += r.scale * (ss > 0 ? ss : 0);
    }
    return v * csat_design_average_factor(d, present);
}
