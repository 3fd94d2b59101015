/* csat_tally_deserialize on arbitrary bytes. An accepted blob must
 * re-serialise to the same bytes, give sane estimates, merge with itself
 * (or report CSAT_ERR_OVERFLOW) and the merged tally must round-trip. */
#include <stdlib.h>

#include "csat.h"
#include "fuzz_check.h"
#include "fuzz_input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Serialise t and check the bytes (against want, if not NULL); returns
 * them (caller frees) and their number in *len. */
static unsigned char *serialize(const csat_tally *t, const uint8_t *want, size_t want_len,
                                size_t *len)
{
    FUZZ_CHECK(csat_tally_serialize(t, NULL, 0, len, NULL) == CSAT_OK);
    /* The size asked with a NULL buffer is 24 + 32 bytes per point. */
    int lo, hi;
    FUZZ_CHECK(csat_tally_scale(t, &lo, &hi, NULL) == CSAT_OK);
    FUZZ_CHECK(*len == 24 + 32 * (size_t)((long long)hi - lo + 1));
    unsigned char *buf = malloc(*len);
    FUZZ_CHECK(buf != NULL);
    size_t got = 0;
    if (*len > 0)
        FUZZ_CHECK(csat_tally_serialize(t, buf, *len - 1, &got, NULL) == CSAT_ERR_ARGUMENT);
    FUZZ_CHECK(csat_tally_serialize(t, buf, *len, &got, NULL) == CSAT_OK);
    FUZZ_CHECK(got == *len);
    if (want != NULL)
        FUZZ_CHECK(got == want_len && memcmp(buf, want, got) == 0);
    return buf;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    csat_tally *t = NULL;
    csat_error err;
    csat_status st = csat_tally_deserialize(data, size, &t, &err);
    if (st != CSAT_OK) {
        FUZZ_CHECK(st == CSAT_ERR_FORMAT || st == CSAT_ERR_NOMEM);
        FUZZ_CHECK(err.code == st);
        return 0;
    }
    size_t len;
    free(serialize(t, data, size, &len));
    fuzz_check_tally(t);

    csat_sample s = CSAT_RESULT_INIT(csat_sample);
    FUZZ_CHECK(csat_tally_sample(t, &s, NULL) == CSAT_OK);
    csat_tally *c = NULL;
    st = csat_tally_copy(t, &c, NULL);
    if (st == CSAT_OK) {
        st = csat_tally_merge(c, t, NULL);
        FUZZ_CHECK(st == CSAT_OK || st == CSAT_ERR_OVERFLOW);
        if (st == CSAT_OK) {
            /* The doubled tally is a state add and merge can reach: its
             * counts did not wrap and it reads back as it was written. */
            csat_sample s2 = CSAT_RESULT_INIT(csat_sample);
            FUZZ_CHECK(csat_tally_sample(c, &s2, NULL) == CSAT_OK);
            FUZZ_CHECK(s.n <= SIZE_MAX / 2 && s2.n == 2 * s.n);
            fuzz_check_tally(c);
            unsigned char *buf = serialize(c, NULL, 0, &len);
            csat_tally *r = NULL;
            FUZZ_CHECK(csat_tally_deserialize(buf, len, &r, NULL) == CSAT_OK);
            free(serialize(r, buf, len, &len));
            csat_tally_free(r);
            free(buf);
        }
    } else {
        FUZZ_CHECK(st == CSAT_ERR_NOMEM);
    }
    csat_tally_free(c);
    csat_tally_free(t);
    return 0;
}
