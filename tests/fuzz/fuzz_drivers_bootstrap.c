/* csat_drivers_bootstrap on models fitted to decoded designs
 * (fuzz_design.h), at most 20 replicates, plus replicate counts whose
 * buffer sizes wrap around (they must be refused, never under-allocated).
 * On CSAT_OK every interval is ordered and the same seed gives the same
 * bits (drivers.h).
 *
 * Input: the design, then method, reps, level, seed (8 bytes). */
#include "csat.h"
#include "fuzz_check.h"
#include "fuzz_design.h"
#include "fuzz_input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define P DESIGN_P_MAX

/* 2..20 replicates, or the edge cases: too few, and counts for which
 * reps · p · sizeof(double) (or reps · sizeof(double)) wraps. */
static size_t read_reps(fuzz_input *in, size_t p, int *wraps)
{
    uint8_t b = fuzz_u8(in);
    *wraps = 0;
    if (b < 0xF0)
        return 2 + b % 19;
    *wraps = b >= 0xF2;
    switch (b) {
    case 0xF0: return 0;
    case 0xF1: return 1;
    case 0xF2: return ((size_t)1 << 61) + 1;
    case 0xF3: return SIZE_MAX;
    case 0xF4: return SIZE_MAX / sizeof(double) / p + 1;
    default: return SIZE_MAX / sizeof(double) + 1;
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
    int wraps;
    csat_bootstrap_options o = CSAT_BOOTSTRAP_OPTIONS_DEFAULT;
    o.reps = read_reps(&in, d.p, &wraps);
    o.level = fuzz_level(&in);
    o.seed = fuzz_u64(&in, 8);

    csat_drivers *m = NULL;
    if (csat_drivers_fit(d.x, d.n, d.p, d.ld, d.y, d.w, &d.opt, &m, NULL) != CSAT_OK)
        return 0;
    double lo[P], hi[P], lo2[P], hi2[P];
    size_t failed = SIZE_MAX, failed2 = SIZE_MAX;
    csat_error err;
    csat_status st = csat_drivers_bootstrap(m, (csat_importance_method)method, &o, lo, hi,
                                            &failed, &err);
    if (o.reps < 2 || method > CSAT_IMPORTANCE_RELATIVE_WEIGHTS
        || (!d.opt.intercept && method != CSAT_IMPORTANCE_FIRST))
        FUZZ_CHECK(st == CSAT_ERR_ARGUMENT);
    if (wraps)
        FUZZ_CHECK(st != CSAT_OK);
    if (st == CSAT_OK) {
        FUZZ_CHECK(failed <= o.reps);
        for (size_t j = 0; j < d.p; j++) {
            FUZZ_CHECK(isfinite(lo[j]) && isfinite(hi[j]) && lo[j] <= hi[j]);
            if (method == CSAT_IMPORTANCE_FIRST)
                FUZZ_CHECK(lo[j] >= -FUZZ_TOL && hi[j] <= 1 + FUZZ_TOL);
        }
        FUZZ_CHECK(csat_drivers_bootstrap(m, (csat_importance_method)method, &o, lo2, hi2,
                                          &failed2, NULL)
                   == CSAT_OK);
        FUZZ_CHECK(memcmp(lo, lo2, d.p * sizeof *lo) == 0);
        FUZZ_CHECK(memcmp(hi, hi2, d.p * sizeof *hi) == 0);
        FUZZ_CHECK(failed == failed2);
    } else {
        FUZZ_CHECK(err.code == st);
        FUZZ_CHECK(st == CSAT_ERR_ARGUMENT || st == CSAT_ERR_SINGULAR || st == CSAT_ERR_NOMEM
                   || st == CSAT_ERR_OVERFLOW);
    }
    csat_drivers_free(m);
    return 0;
}
