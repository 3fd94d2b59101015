/* Shared by the fuzz harnesses: a cursor over the bytes libFuzzer gives,
 * readers that turn them into sizes, scale points, values, weights and
 * levels, and the check that stops the fuzzer on a broken invariant.
 *
 * Every reader consumes a fixed number of bytes (one tag byte, plus the
 * raw bytes some tags ask for) and reads zeros past the end, so any input
 * decodes. Tag bytes below a threshold give ordinary values that are easy
 * to write by hand (gen_corpus.c writes the seeds this way); the tags above
 * it give the awkward ones: NaN, ±inf, huge and tiny numbers, raw bits. */
#ifndef CSAT_FUZZ_INPUT_H
#define CSAT_FUZZ_INPUT_H

#include <float.h>
#include <limits.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* A broken invariant: say which, then crash so that libFuzzer keeps the
 * input. Only for what the headers promise, never for an error status. */
#define FUZZ_CHECK(cond)                                                              \
    do {                                                                              \
        if (!(cond)) {                                                                \
            fprintf(stderr, "invariant failed: %s (%s:%d)\n", #cond, __FILE__, __LINE__); \
            __builtin_trap();                                                         \
        }                                                                             \
    } while (0)

typedef struct fuzz_input {
    const uint8_t *p;
    size_t n;
} fuzz_input;

static inline fuzz_input fuzz_begin(const uint8_t *data, size_t size)
{
    fuzz_input in = { data, size };
    return in;
}

static inline uint8_t fuzz_u8(fuzz_input *in)
{
    if (in->n == 0)
        return 0;
    in->n--;
    return *in->p++;
}

static inline uint64_t fuzz_u64(fuzz_input *in, int bytes)
{
    uint64_t v = 0;
    for (int i = 0; i < bytes; i++)
        v |= (uint64_t)fuzz_u8(in) << (8 * i);
    return v;
}

/* Raw IEEE bits, little-endian. */
static inline double fuzz_f64(fuzz_input *in)
{
    uint64_t b = fuzz_u64(in, 8);
    double d;
    memcpy(&d, &b, sizeof d);
    return d;
}

/* 0..max from one byte (two when max > 255). */
static inline size_t fuzz_size(fuzz_input *in, size_t max)
{
    uint64_t v = max > 255 ? fuzz_u64(in, 2) : fuzz_u8(in);
    return (size_t)(v % ((uint64_t)max + 1));
}

/* Awkward doubles shared by the readers below: tags 0..15. */
static inline double fuzz_special(fuzz_input *in, unsigned tag)
{
    switch (tag & 15u) {
    case 0: return NAN;
    case 1: return INFINITY;
    case 2: return -INFINITY;
    case 3: return -0.0;
    case 4: return 1e154;
    case 5: return 1e-154;
    case 6: return 1e300;
    case 7: return 1e-300;
    case 8: return DBL_MAX;
    case 9: return DBL_MIN;
    case 10: return DBL_TRUE_MIN;
    case 11: return -1e300;
    case 12: return 9007199254740993.0; /* 2^53 + 1 rounds to 2^53 */
    case 13: return 1152921504606846976.0; /* 2^60 */
    case 14: /* a power of two times a short mantissa, any exponent */
    {
        int e = (int8_t)fuzz_u8(in) * 8;
        return ldexp(1.0 + fuzz_u8(in) / 256.0, e);
    }
    default: return fuzz_f64(in);
    }
}

/* An integer for a scale bound or threshold: byte − 16 (−16..223) for tags
 * below 0xF0, else INT_MIN, INT_MAX and their neighbours, or raw bits. */
static inline int fuzz_int(fuzz_input *in)
{
    uint8_t b = fuzz_u8(in);
    if (b < 0xF0)
        return (int)b - 16;
    switch (b) {
    case 0xF0: return INT_MIN;
    case 0xF1: return INT_MAX;
    case 0xF2: return INT_MIN + 1;
    case 0xF3: return INT_MAX - 1;
    case 0xF4: return -1000000;
    case 0xF5: return 1000000;
    case 0xF6: return 1048575; /* CSAT_TALLY_MAX_POINTS − 1 */
    case 0xF7: return -2;
    default: return (int)(int32_t)(uint32_t)fuzz_u64(in, 4);
    }
}

/* An answer for the integer scale [lo, hi]: tags below 0xE0 give the point
 * lo + tag (modulo the number of points), the others awkward values:
 * off-scale neighbours, halves, NaN, ±inf, huge, tiny, raw bits. */
static inline double fuzz_answer(fuzz_input *in, int lo, int hi)
{
    uint8_t b = fuzz_u8(in);
    long long span = hi >= lo ? (long long)hi - lo + 1 : 1;
    if (b < 0xE0)
        return (double)((long long)lo + (long long)b % span);
    switch (b) {
    case 0xE0: return NAN;
    case 0xE1: return (double)lo - 1;
    case 0xE2: return (double)hi + 1;
    case 0xE3: return (double)lo + 0.5;
    case 0xE4: return nextafter((double)hi, INFINITY);
    case 0xE5: return nextafter((double)lo, -INFINITY);
    default: return fuzz_special(in, b - 0xE6u);
    }
}

/* A continuous value: (tag − 64)/4 (−16..31.75) for tags below 0xC0,
 * large and small magnitudes of both signs above. */
static inline double fuzz_value(fuzz_input *in)
{
    uint8_t b = fuzz_u8(in);
    if (b < 0xC0)
        return ((double)b - 64) / 4;
    if (b < 0xD0)
        return fuzz_special(in, b - 0xC0u);
    if (b < 0xE0)
        return ldexp((double)(int8_t)fuzz_u8(in), (int)(b - 0xD0u) * 64 - 512);
    return -fuzz_special(in, b - 0xE0u);
}

/* A weight: tag/16 (0..11.94, 16 is 1) below 0xC0; NaN, ±inf, negative,
 * huge, tiny and raw weights above. */
static inline double fuzz_weight(fuzz_input *in)
{
    uint8_t b = fuzz_u8(in);
    if (b < 0xC0)
        return b / 16.0;
    if (b < 0xD0)
        return fuzz_special(in, b - 0xC0u);
    if (b == 0xD0)
        return -1.0;
    if (b == 0xD1)
        return -DBL_TRUE_MIN;
    return ldexp(1.0 + fuzz_u8(in) / 256.0, (int)(b - 0xD2u) * 40 - 1000);
}

/* A confidence level: 0.5 + tag/512 (0.5..0.998) below 0xF0; 0.95 at
 * 0x00 is what hand-written seeds use (tag 0xE6 also gives 0.95 exactly);
 * the invalid and edge levels above. */
static inline double fuzz_level(fuzz_input *in)
{
    uint8_t b = fuzz_u8(in);
    if (b == 0 || b == 0xE6)
        return 0.95;
    if (b < 0xF0)
        return 0.5 + b / 512.0;
    switch (b) {
    case 0xF0: return 0.0;
    case 0xF1: return 1.0;
    case 0xF2: return nextafter(1.0, 0.0);
    case 0xF3: return DBL_TRUE_MIN;
    case 0xF4: return -0.5;
    case 0xF5: return 1e-300;
    default: return fuzz_special(in, b - 0xF6u);
    }
}

/* Scales of more than `limit` points (up to CSAT_TALLY_MAX_POINTS) are
 * valid but slow to allocate and scan; the harnesses skip them to keep
 * executions fast. Larger (invalid) scales are cheap and kept. */
static inline int fuzz_slow_scale(int lo, int hi, long long limit)
{
    long long points = (long long)hi - lo + 1;
    return points > limit && points <= 1048576;
}

/* Bitwise equality (NaN equals NaN of the same bits, 0 differs from −0). */
static inline int fuzz_same(double a, double b)
{
    return memcmp(&a, &b, sizeof a) == 0;
}

/* |a − b| ≤ tol, or both NaN, or the same infinity. */
static inline int fuzz_close(double a, double b, double tol)
{
    if (isnan(a) || isnan(b))
        return isnan(a) && isnan(b);
    if (a == b)
        return 1;
    return fabs(a - b) <= tol;
}

/* x within [lo, hi] up to tol (NaN is not). */
static inline int fuzz_within(double x, double lo, double hi, double tol)
{
    return x >= lo - tol && x <= hi + tol;
}

#endif /* CSAT_FUZZ_INPUT_H */
