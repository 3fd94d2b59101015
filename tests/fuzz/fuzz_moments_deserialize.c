/* csat_moments_deserialize on arbitrary bytes. An accepted blob must
 * re-serialise to the same bytes, give a sane mean, merge with itself (or
 * report CSAT_ERR_OVERFLOW) and the merged state must round-trip. */
#include "csat.h"
#include "fuzz_check.h"
#include "fuzz_input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void serialize(const csat_moments *m, unsigned char buf[CSAT_MOMENTS_SERIALIZED_SIZE])
{
    size_t len = 0;
    FUZZ_CHECK(csat_moments_serialize(m, NULL, 0, &len, NULL) == CSAT_OK);
    FUZZ_CHECK(len == CSAT_MOMENTS_SERIALIZED_SIZE);
    FUZZ_CHECK(csat_moments_serialize(m, buf, len - 1, &len, NULL) == CSAT_ERR_ARGUMENT);
    FUZZ_CHECK(csat_moments_serialize(m, buf, CSAT_MOMENTS_SERIALIZED_SIZE, &len, NULL)
               == CSAT_OK);
    FUZZ_CHECK(len == CSAT_MOMENTS_SERIALIZED_SIZE);
}

static void check_mean(const csat_moments *m)
{
    csat_mean_result r;
    csat_mean_options o = { 0.9 };
    if (csat_moments_mean(m, &o, &r, NULL) == CSAT_OK) {
        fuzz_check_mean(&r);
        FUZZ_CHECK(r.n == m->n && r.n_missing == m->n_missing);
        FUZZ_CHECK(r.min == m->min && r.max == m->max);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    csat_moments m;
    csat_error err;
    csat_status st = csat_moments_deserialize(data, size, &m, &err);
    if (st != CSAT_OK) {
        FUZZ_CHECK(st == CSAT_ERR_FORMAT);
        FUZZ_CHECK(err.code == st);
        return 0;
    }
    unsigned char buf[CSAT_MOMENTS_SERIALIZED_SIZE];
    serialize(&m, buf);
    FUZZ_CHECK(size == CSAT_MOMENTS_SERIALIZED_SIZE && memcmp(buf, data, size) == 0);
    check_mean(&m);

    csat_moments d = m;
    st = csat_moments_merge(&d, &m, NULL);
    FUZZ_CHECK(st == CSAT_OK || st == CSAT_ERR_OVERFLOW);
    if (st == CSAT_OK) {
        /* Twice the same sample: same mean, extremes, twice the counts. */
        FUZZ_CHECK(m.n <= SIZE_MAX / 2 && d.n == 2 * m.n);
        FUZZ_CHECK(d.min == m.min && d.max == m.max);
        check_mean(&d);
        serialize(&d, buf);
        csat_moments r;
        FUZZ_CHECK(csat_moments_deserialize(buf, sizeof buf, &r, NULL) == CSAT_OK);
        unsigned char again[CSAT_MOMENTS_SERIALIZED_SIZE];
        serialize(&r, again);
        FUZZ_CHECK(memcmp(buf, again, sizeof buf) == 0);
    }
    return 0;
}
