/* csat_xprod_deserialize on arbitrary bytes. An accepted blob must
 * re-serialise to the same bytes (and so must its copy), describe a
 * possible sample, fit (or fail with a status) into a sane model, merge
 * with itself and the merged state must round-trip. */
#include <stdlib.h>

#include "csat.h"
#include "fuzz_check.h"
#include "fuzz_input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static unsigned char *serialize(const csat_xprod *a, const uint8_t *want, size_t want_len,
                                size_t *len)
{
    FUZZ_CHECK(csat_xprod_serialize(a, NULL, 0, len, NULL) == CSAT_OK);
    unsigned char *buf = malloc(*len);
    FUZZ_CHECK(buf != NULL);
    size_t got = 0;
    FUZZ_CHECK(csat_xprod_serialize(a, buf, *len - 1, &got, NULL) == CSAT_ERR_ARGUMENT);
    FUZZ_CHECK(csat_xprod_serialize(a, buf, *len, &got, NULL) == CSAT_OK);
    FUZZ_CHECK(got == *len);
    if (want != NULL)
        FUZZ_CHECK(got == want_len && memcmp(buf, want, got) == 0);
    return buf;
}

static void check_sample(const csat_xprod *a)
{
    csat_sample s = CSAT_RESULT_INIT(csat_sample);
    FUZZ_CHECK(csat_xprod_sample(a, &s, NULL) == CSAT_OK);
    if (s.n == 0)
        FUZZ_CHECK(s.n_weighted == 0);
    else if (s.n_weighted > 0)
        fuzz_check_sizes(s.n, s.n_weighted, s.n_effective);
}

/* Fit with and without intercept; check the model and its importance
 * (sizes bounded: exact LMG up to 8 drivers, dominance up to 6). */
static void check_fit(const csat_xprod *a, size_t p)
{
    for (int icpt = 0; icpt <= 1; icpt++) {
        csat_drivers_options o = { sizeof o, icpt, 0.95 };
        csat_drivers *m = NULL;
        csat_status st = csat_drivers_fit_xprod(a, &o, &m, NULL);
        if (st != CSAT_OK) {
            FUZZ_CHECK(st == CSAT_ERR_TOO_FEW || st == CSAT_ERR_SINGULAR || st == CSAT_ERR_NOMEM);
            continue;
        }
        fuzz_check_model(m);
        csat_importance_options io = { sizeof io, 8, 20, 7, 1, NULL, NULL }; /* one thread */
        double v[CSAT_DRIVERS_MAX], se[CSAT_DRIVERS_MAX];
        for (int k = CSAT_IMPORTANCE_FIRST; k <= CSAT_IMPORTANCE_RELATIVE_WEIGHTS; k++) {
            if (k == CSAT_IMPORTANCE_LMG && p > 12)
                continue;
            if (csat_drivers_importance(m, (csat_importance_method)k, &io, v, se, NULL) == CSAT_OK)
                fuzz_check_importance(m, (csat_importance_method)k, v, se, p <= io.exact_max);
        }
        if (p <= 6) {
            double g[6], cond[36], comp[36];
            if (csat_drivers_dominance(m, &io, g, cond, comp, NULL) == CSAT_OK)
                for (size_t j = 0; j < p; j++)
                    FUZZ_CHECK(isfinite(g[j]) && comp[j * p + j] == 0.5);
        }
        double lo[CSAT_DRIVERS_MAX], hi[CSAT_DRIVERS_MAX];
        /* No rows to resample in a model from an accumulator. */
        FUZZ_CHECK(csat_drivers_bootstrap(m, CSAT_IMPORTANCE_FIRST, NULL, lo, hi, NULL, NULL)
                   == CSAT_ERR_ARGUMENT);
        csat_drivers_free(m);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    csat_xprod *a = NULL;
    csat_error err;
    csat_status st = csat_xprod_deserialize(data, size, &a, &err);
    if (st != CSAT_OK) {
        FUZZ_CHECK(st == CSAT_ERR_FORMAT || st == CSAT_ERR_NOMEM);
        FUZZ_CHECK(err.code == st);
        return 0;
    }
    size_t len, p = 0;
    free(serialize(a, data, size, &len));
    csat_xprod *copy = NULL;
    st = csat_xprod_copy(a, &copy, NULL);
    FUZZ_CHECK(st == CSAT_OK || st == CSAT_ERR_NOMEM);
    if (st == CSAT_OK)
        free(serialize(copy, data, size, &len));
    csat_xprod_free(copy);
    FUZZ_CHECK(csat_xprod_drivers(a, &p, NULL) == CSAT_OK);
    FUZZ_CHECK(p >= 1 && p <= CSAT_DRIVERS_MAX);
    check_sample(a);
    check_fit(a, p);

    csat_xprod *c = NULL;
    FUZZ_CHECK(csat_xprod_create(p, &c, NULL) == CSAT_OK);
    st = csat_xprod_merge(c, a, NULL);
    if (st == CSAT_OK)
        st = csat_xprod_merge(c, a, NULL);
    FUZZ_CHECK(st == CSAT_OK || st == CSAT_ERR_OVERFLOW);
    if (st == CSAT_OK) {
        csat_sample s1 = CSAT_RESULT_INIT(csat_sample), s2 = CSAT_RESULT_INIT(csat_sample);
        FUZZ_CHECK(csat_xprod_sample(a, &s1, NULL) == CSAT_OK);
        FUZZ_CHECK(csat_xprod_sample(c, &s2, NULL) == CSAT_OK);
        FUZZ_CHECK(s1.n <= SIZE_MAX / 2 && s2.n == 2 * s1.n);
        check_sample(c);
        check_fit(c, p);
        unsigned char *buf = serialize(c, NULL, 0, &len);
        csat_xprod *r = NULL;
        FUZZ_CHECK(csat_xprod_deserialize(buf, len, &r, NULL) == CSAT_OK);
        free(serialize(r, buf, len, &len));
        csat_xprod_free(r);
        free(buf);
    }
    csat_xprod_free(c);
    csat_xprod_free(a);
    return 0;
}
