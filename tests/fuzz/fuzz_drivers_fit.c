/* csat_drivers_fit and csat_drivers_fit_xprod on decoded designs (p ≤ 6,
 * n ≤ 64; constant and collinear columns, NaN rows, ±inf, extreme values
 * and weights). A constant or duplicated column must not fit; a fitted
 * model must be sane (fuzz_check_model) and count its rows; on a
 * well-conditioned design both fits describe the same model. */
#include "csat.h"
#include "fuzz_check.h"
#include "fuzz_design.h"
#include "fuzz_input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_failure(csat_status st, const csat_error *err, const fuzz_design *d)
{
    FUZZ_CHECK(err->code == st);
    FUZZ_CHECK(st == CSAT_ERR_ARGUMENT || st == CSAT_ERR_RANGE || st == CSAT_ERR_WEIGHT
               || st == CSAT_ERR_TOO_FEW || st == CSAT_ERR_SINGULAR || st == CSAT_ERR_NOMEM);
    if (st == CSAT_ERR_RANGE) {
        FUZZ_CHECK(err->index < d->n);
        FUZZ_CHECK(err->column < d->p ? fuzz_bad_value(d->x[err->index * d->ld + err->column])
                                      : fuzz_bad_value(d->y[err->index]));
    }
    if (st == CSAT_ERR_WEIGHT)
        FUZZ_CHECK(d->w != NULL && err->index < d->n && fuzz_bad_weight(d->w[err->index]));
    if (st == CSAT_ERR_SINGULAR && err->column != CSAT_NO_INDEX)
        FUZZ_CHECK(err->column <= d->p);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_input in = fuzz_begin(data, size);
    static fuzz_design d;
    fuzz_read_design(&in, &d);
    int use_opt = !(fuzz_u8(&in) & 1);
    if (!use_opt) {
        d.opt = (csat_drivers_options)CSAT_DRIVERS_OPTIONS_DEFAULT;
    }

    csat_drivers *m = NULL;
    csat_error err;
    csat_status st = csat_drivers_fit(d.x, d.n, d.p, d.ld, d.y, d.w, use_opt ? &d.opt : NULL, &m,
                                      &err);
    if (st == CSAT_OK) {
        FUZZ_CHECK(!design_must_fail(&d));
        fuzz_check_model(m);
        csat_model_summary s = CSAT_RESULT_INIT(csat_model_summary);
        FUZZ_CHECK(csat_drivers_summary(m, &s, NULL) == CSAT_OK);
        size_t complete = design_complete_rows(&d);
        FUZZ_CHECK(s.n == complete && s.n_missing == d.n - complete);
        FUZZ_CHECK(s.intercept == d.opt.intercept && s.p == d.p);
    } else {
        check_failure(st, &err, &d);
    }

    /* The same rows through the accumulator. */
    csat_xprod *a = NULL;
    FUZZ_CHECK(csat_xprod_create(d.p, &a, NULL) == CSAT_OK);
    csat_status sa = csat_xprod_add(a, d.x, d.n, d.ld, d.y, d.w, &err);
    if (sa != CSAT_OK) {
        /* Bad values and weights are bad for both. */
        FUZZ_CHECK(sa == CSAT_ERR_RANGE || sa == CSAT_ERR_WEIGHT || sa == CSAT_ERR_NOMEM);
        FUZZ_CHECK(st != CSAT_OK);
        check_failure(sa, &err, &d);
    } else {
        csat_drivers *mx = NULL;
        sa = csat_drivers_fit_xprod(a, use_opt ? &d.opt : NULL, &mx, &err);
        if (sa == CSAT_OK) {
            FUZZ_CHECK(!design_must_fail(&d));
            fuzz_check_model(mx);
        } else {
            check_failure(sa, &err, &d);
        }
        if (st == CSAT_OK && sa == CSAT_OK) {
            csat_model_summary s = CSAT_RESULT_INIT(csat_model_summary);
            csat_model_summary sx = CSAT_RESULT_INIT(csat_model_summary);
            FUZZ_CHECK(csat_drivers_summary(m, &s, NULL) == CSAT_OK);
            FUZZ_CHECK(csat_drivers_summary(mx, &sx, NULL) == CSAT_OK);
            FUZZ_CHECK(s.n == sx.n && s.n_missing == sx.n_missing && s.df_resid == sx.df_resid);
            /* The condition number is that of the centred correlations;
             * without an intercept the sweep works on raw moments, whose
             * condition can be 1e10 while the centred one is 1 (and the
             * accumulator path is documented as less accurate for
             * ill-conditioned designs), so only models with an intercept
             * are held to agree. */
            if (d.opt.intercept && s.condition < 1e3 && sx.condition < 1e3 && isfinite(s.sigma)
                && isfinite(sx.sigma)) {
                FUZZ_CHECK(fuzz_close(s.r2, sx.r2, 1e-8));
                for (size_t j = 0; j < d.p; j++) {
                    csat_driver_info u = CSAT_RESULT_INIT(csat_driver_info);
                    csat_driver_info v = CSAT_RESULT_INIT(csat_driver_info);
                    FUZZ_CHECK(csat_drivers_driver(m, j, &u, NULL) == CSAT_OK);
                    FUZZ_CHECK(csat_drivers_driver(mx, j, &v, NULL) == CSAT_OK);
                    /* Relative: standardised coefficients can be 1e15 without an
                     * intercept. */
                    FUZZ_CHECK(fuzz_close(u.beta, v.beta, 1e-6 * fmax(1, fabs(u.beta))));
                    FUZZ_CHECK(fuzz_close(u.r, v.r, 1e-8));
                }
            }
        }
        csat_drivers_free(mx);
    }
    csat_xprod_free(a);
    csat_drivers_free(m);
    return 0;
}
