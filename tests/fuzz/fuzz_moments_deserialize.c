/* csat_moments_deserialize on arbitrary bytes. An accepted blob must
 * re-serialise to the same bytes, give a sane mean, copy to the same bytes,
 * merge with itself (or report CSAT_ERR_OVERFLOW) and the merged state
 * must round-trip. */
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

/* Fields of the serialized state (doc/methods.md, "Serialisation format"):
 * n at 8, n_missing at 16, min at 72, max at 80 (little-endian). */
/* The mean of m, if it has one, is sane and describes m's own sample; so
 * does csat_moments_sample. */
static void check_mean(const csat_moments *m)
{
    unsigned char b[CSAT_MOMENTS_SERIALIZED_SIZE];
    serialize(m, b);
    uint64_t n = fuzz_le_u64(b + 8), n_missing = fuzz_le_u64(b + 16);
    csat_sample s = CSAT_RESULT_INIT(csat_sample);
    FUZZ_CHECK(csat_moments_sample(m, &s, NULL) == CSAT_OK);
    FUZZ_CHECK(s.n == n && s.n_missing == n_missing);
    FUZZ_CHECK(s.n_weighted == fuzz_le_f64(b + 24));
    csat_mean_result r = CSAT_RESULT_INIT(csat_mean_result);
    csat_mean_options o = { sizeof o, 0.9 };
    if (csat_moments_mean(m, &o, &r, NULL) == CSAT_OK) {
        fuzz_check_mean(&r);
        FUZZ_CHECK(r.n == n && r.n_missing == n_missing);
        FUZZ_CHECK(r.min == fuzz_le_f64(b + 72) && r.max == fuzz_le_f64(b + 80));
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    csat_moments *m = NULL, *d = NULL;
    csat_error err;
    csat_status st = csat_moments_deserialize(data, size, &m, &err);
    if (st != CSAT_OK) {
        FUZZ_CHECK(st == CSAT_ERR_FORMAT || st == CSAT_ERR_NOMEM);
        FUZZ_CHECK(err.code == st);
        return 0;
    }
    unsigned char buf[CSAT_MOMENTS_SERIALIZED_SIZE];
    serialize(m, buf);
    FUZZ_CHECK(size == CSAT_MOMENTS_SERIALIZED_SIZE && memcmp(buf, data, size) == 0);
    check_mean(m);

    st = csat_moments_copy(m, &d, NULL);
    if (st != CSAT_OK) {
        FUZZ_CHECK(st == CSAT_ERR_NOMEM);
        csat_moments_free(m);
        return 0;
    }
    serialize(d, buf);
    FUZZ_CHECK(memcmp(buf, data, size) == 0);
    st = csat_moments_merge(d, m, NULL);
    FUZZ_CHECK(st == CSAT_OK || st == CSAT_ERR_OVERFLOW);
    serialize(d, buf);
    if (st == CSAT_OK) {
        /* Twice the same sample: same mean, extremes, twice the counts. */
        uint64_t n = fuzz_le_u64(data + 8);
        FUZZ_CHECK(n <= SIZE_MAX / 2 && fuzz_le_u64(buf + 8) == 2 * n);
        FUZZ_CHECK(fuzz_le_f64(buf + 72) == fuzz_le_f64(data + 72) && fuzz_le_f64(buf + 80) == fuzz_le_f64(data + 80));
        check_mean(d);
        csat_moments *r = NULL;
        FUZZ_CHECK(csat_moments_deserialize(buf, sizeof buf, &r, NULL) == CSAT_OK);
        unsigned char again[CSAT_MOMENTS_SERIALIZED_SIZE];
        serialize(r, again);
        FUZZ_CHECK(memcmp(buf, again, sizeof buf) == 0);
        csat_moments_free(r);
    } else {
        /* A merge that fails leaves the destination as it was. */
        FUZZ_CHECK(memcmp(buf, data, size) == 0);
    }
    csat_moments_free(d);
    csat_moments_free(m);
    return 0;
}
