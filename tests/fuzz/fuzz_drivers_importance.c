/* Relative importance, dominance analysis and IPA on models fitted to
 * decoded designs (fuzz_design.h), with bounded options (exact LMG for
 * p ≤ 6, at most 50 random orderings). Each measure on CSAT_OK must be
 * sane (fuzz_check_importance) and reproducible from its seed; dominance
 * must agree with LMG and with its own definitions; IPA must follow its
 * quadrant rule.
 *
 * Input: the design, then method, exact_max, permutations, seed (8
 * bytes), then p importances, p performances and two crosshairs for IPA. */
#include "csat.h"
#include "fuzz_check.h"
#include "fuzz_design.h"
#include "fuzz_input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define P DESIGN_P_MAX

static size_t read_exact_max(fuzz_input *in)
{
    uint8_t b = fuzz_u8(in);
    if (b < 0xF0)
        return b % (P + 1);
    switch (b) {
    case 0xF0: return 25;
    case 0xF1: return 30;
    case 0xF2: return 31;
    default: return SIZE_MAX;
    }
}

static void check_dominance(const csat_drivers *m, size_t p, int intercept)
{
    double g[P], cond[P * P], comp[P * P], lmg[P], first[P];
    csat_status st = csat_drivers_dominance(m, NULL, g, cond, comp, NULL);
    if (!intercept) {
        FUZZ_CHECK(st == CSAT_ERR_ARGUMENT);
        return;
    }
    FUZZ_CHECK(st == CSAT_OK || st == CSAT_ERR_SINGULAR || st == CSAT_ERR_NOMEM);
    if (st != CSAT_OK)
        return;
    csat_model_summary s = CSAT_RESULT_INIT(csat_model_summary);
    FUZZ_CHECK(csat_drivers_summary(m, &s, NULL) == CSAT_OK);
    int well = s.condition < 1e4; /* rounding cannot matter */
    csat_importance_options o = { sizeof o, P, 2, 1, 1, NULL, NULL }; /* one thread */
    FUZZ_CHECK(csat_drivers_importance(m, CSAT_IMPORTANCE_LMG, &o, lmg, NULL, NULL) == CSAT_OK);
    FUZZ_CHECK(csat_drivers_importance(m, CSAT_IMPORTANCE_FIRST, &o, first, NULL, NULL)
               == CSAT_OK);
    for (size_t j = 0; j < p; j++) {
        /* General dominance is LMG and the mean of the conditional
         * dominances; conditional on no other driver it is r². */
        FUZZ_CHECK(fuzz_close(g[j], lmg[j], 1e-9));
        double mean = 0;
        for (size_t k = 0; k < p; k++) {
            FUZZ_CHECK(isfinite(cond[j * p + k]));
            mean += cond[j * p + k] / (double)p;
        }
        FUZZ_CHECK(fuzz_close(g[j], mean, 1e-9));
        FUZZ_CHECK(!well
                   || fuzz_close(cond[j * p], first[j], 1e-9 + 1e-13 * s.condition * s.condition));
        for (size_t k = 0; k < p; k++) {
            double c = comp[j * p + k];
            FUZZ_CHECK(c == 0 || c == 0.5 || c == 1);
            FUZZ_CHECK(c + comp[k * p + j] == 1);
        }
        FUZZ_CHECK(comp[j * p + j] == 0.5);
    }
}

/* Quadrant rule of drivers.h on arbitrary values and crosshairs. */
static void check_ipa(fuzz_input *in, size_t p)
{
    double imp[P], perf[P], ic, pc;
    int finite = 1;
    for (size_t j = 0; j < p; j++) {
        imp[j] = fuzz_value(in);
        perf[j] = fuzz_value(in);
        finite &= isfinite(imp[j]) && isfinite(perf[j]);
    }
    ic = fuzz_value(in);
    pc = fuzz_value(in);
    csat_ipa_options o = { sizeof o, ic, pc };
    csat_ipa_quadrant q[P];
    csat_status st = csat_drivers_ipa(imp, perf, p, &o, q, NULL);
    if (st != CSAT_OK) {
        FUZZ_CHECK(st == CSAT_ERR_ARGUMENT);
        return;
    }
    FUZZ_CHECK(finite && !isinf(ic) && !isinf(pc));
    for (size_t j = 0; j < p; j++) {
        FUZZ_CHECK(q[j] >= CSAT_IPA_CONCENTRATE_HERE && q[j] <= CSAT_IPA_POSSIBLE_OVERKILL);
        if (isnan(ic) || isnan(pc))
            continue;
        int important = imp[j] >= ic, performing = perf[j] >= pc;
        csat_ipa_quadrant want = important ? (performing ? CSAT_IPA_KEEP_UP
                                                         : CSAT_IPA_CONCENTRATE_HERE)
                                           : (performing ? CSAT_IPA_POSSIBLE_OVERKILL
                                                         : CSAT_IPA_LOW_PRIORITY);
        FUZZ_CHECK(q[j] == want);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_input in = fuzz_begin(data, size);
    static fuzz_design d;
    fuzz_read_design(&in, &d);
    if (d.opt.intercept > 1)
        d.opt.intercept = 1;
    int method = fuzz_u8(&in) % 7; /* 6 is no method */
    csat_importance_options o = CSAT_IMPORTANCE_OPTIONS_DEFAULT;
    o.exact_max = read_exact_max(&in);
    o.permutations = fuzz_size(&in, 50);
    o.seed = fuzz_u64(&in, 8);

    csat_drivers *m = NULL;
    if (csat_drivers_fit(d.x, d.n, d.p, d.ld, d.y, d.w, &d.opt, &m, NULL) == CSAT_OK) {
        double v[P], se[P], v2[P], se2[P];
        csat_status st =
            csat_drivers_importance(m, (csat_importance_method)method, &o, v, se, NULL);
        int lmg = method == CSAT_IMPORTANCE_LMG, exact = d.p <= o.exact_max;
        if (method > CSAT_IMPORTANCE_RELATIVE_WEIGHTS || (lmg && o.exact_max > 30)
            || (lmg && !exact && o.permutations < 2)
            || (!d.opt.intercept && method != CSAT_IMPORTANCE_FIRST
                && method != CSAT_IMPORTANCE_BETA2))
            FUZZ_CHECK(st == CSAT_ERR_ARGUMENT);
        if (st == CSAT_OK) {
            fuzz_check_importance(m, (csat_importance_method)method, v, se, exact);
            /* The same seed gives the same numbers. */
            FUZZ_CHECK(csat_drivers_importance(m, (csat_importance_method)method, &o, v2, se2,
                                               NULL)
                       == CSAT_OK);
            FUZZ_CHECK(memcmp(v, v2, d.p * sizeof *v) == 0);
            FUZZ_CHECK(memcmp(se, se2, d.p * sizeof *se) == 0);
        } else {
            FUZZ_CHECK(st == CSAT_ERR_ARGUMENT || st == CSAT_ERR_SINGULAR
                       || st == CSAT_ERR_NOMEM);
        }
        check_dominance(m, d.p, d.opt.intercept);
    }
    csat_drivers_free(m);
    check_ipa(&in, d.p);
    return 0;
}
