/* Writes the seed corpora of the fuzz harnesses: serialised accumulators
 * made by the library itself for the deserialisers, and small hand-made
 * inputs in the layout each harness decodes (fuzz_input.h: a value's tag
 * byte is value + 16 for an integer, 4·value + 64 for a continuous value,
 * 16·weight for a weight, 0 for the level 0.95).
 *
 *   build-fuzz/tests/fuzz/fuzz_gen_corpus tests/fuzz/corpus
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "csat.h"

static const char *root;

static void seed(const char *harness, const char *name, const void *bytes, size_t len)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", root, harness);
    if (mkdir(path, 0777) != 0 && errno != EEXIST) {
        perror(path);
        exit(1);
    }
    snprintf(path, sizeof path, "%s/%s/%s", root, harness, name);
    FILE *f = fopen(path, "wb");
    if (f == NULL || fwrite(bytes, 1, len, f) != len || fclose(f) != 0) {
        perror(path);
        exit(1);
    }
}

#define SEED(harness, name, ...)                                                    \
    do {                                                                            \
        static const uint8_t b_[] = { __VA_ARGS__ };                                \
        seed(harness, name, b_, sizeof b_);                                         \
    } while (0)

static void ok(csat_status s)
{
    if (s != CSAT_OK) {
        fprintf(stderr, "gen_corpus: %s\n", csat_strerror(s));
        exit(1);
    }
}

static void tally_seed(const char *name, int lo, int hi, const double *x, size_t n,
                       const double *w)
{
    csat_tally *t = NULL;
    ok(csat_tally_create(lo, hi, &t, NULL));
    ok(csat_tally_add(t, x, n, w, NULL));
    size_t len;
    ok(csat_tally_serialize(t, NULL, 0, &len, NULL));
    unsigned char *buf = malloc(len);
    ok(csat_tally_serialize(t, buf, len, &len, NULL));
    seed("tally_deserialize", name, buf, len);
    free(buf);
    csat_tally_free(t);
}

static void moments_seed(const char *name, const double *x, size_t n, const double *w)
{
    csat_moments *m = NULL;
    ok(csat_moments_create(&m, NULL));
    ok(csat_moments_add(m, x, n, w, NULL));
    unsigned char buf[CSAT_MOMENTS_SERIALIZED_SIZE];
    size_t len;
    ok(csat_moments_serialize(m, buf, sizeof buf, &len, NULL));
    csat_moments_free(m);
    seed("moments_deserialize", name, buf, len);
}

/* n rows of p drivers: ratings from a fixed pattern, outcome their sum
 * plus a wobble. */
static void xprod_seed(const char *name, size_t p, size_t n, int weighted)
{
    csat_xprod *a = NULL;
    ok(csat_xprod_create(p, &a, NULL));
    double x[64 * 8], y[64], w[64];
    for (size_t i = 0; i < n; i++) {
        y[i] = (double)(i % 3);
        for (size_t j = 0; j < p; j++) {
            x[i * p + j] = (double)(1 + (i * (j + 3) + j * j) % 7);
            y[i] += x[i * p + j] * (double)(j + 1) / 2;
        }
        w[i] = 0.5 + (double)(i % 4) / 2;
    }
    ok(csat_xprod_add(a, x, n, p, y, weighted ? w : NULL, NULL));
    size_t len;
    ok(csat_xprod_serialize(a, NULL, 0, &len, NULL));
    unsigned char *buf = malloc(len);
    ok(csat_xprod_serialize(a, buf, len, &len, NULL));
    seed("xprod_deserialize", name, buf, len);
    free(buf);
    csat_xprod_free(a);
}

static void deserialize_seeds(void)
{
    const double nps[] = { 10, 9, 9, 8, 7, 6, 3, 0, NAN, 10, 5 };
    const double csat[] = { 5, 4, 4, 3, 5, 2, 4, 1, 5, 4 };
    const double w[] = { 1, 2, 0.5, 1.5, 1, 3, 0.25, 1, 2, 1, 1 };
    tally_seed("nps", 0, 10, nps, 11, NULL);
    tally_seed("csat-weighted", 1, 5, csat, 10, w);
    tally_seed("empty", 1, 5, NULL, 0, NULL);
    tally_seed("one-point", 3, 3, (const double[]){ 3, 3, NAN }, 3, NULL);
    tally_seed("negative-scale", -3, 3, (const double[]){ -3, 0, 2, 3, -1 }, 5, w);

    const double v[] = { 3.5, 4, 1.25, 7, NAN, 2, 5.5, 6 };
    moments_seed("values", v, 8, NULL);
    moments_seed("weighted", v, 8, w);
    moments_seed("empty", NULL, 0, NULL);
    moments_seed("one", v, 1, NULL);

    xprod_seed("p1", 1, 6, 0);
    xprod_seed("p2-weighted", 2, 12, 1);
    xprod_seed("p3-empty", 3, 0, 0);
    xprod_seed("p6", 6, 30, 1);
}

static void score_seeds(void)
{
    /* family, flags (1: defaults, 2: weighted), lo, hi, level, n, data, extras */
    SEED("scores", "nps", 0, 0, 16, 26, 0, 11, 10, 9, 9, 8, 7, 6, 3, 0, 0xE0, 10, 5,
         25, 22, 0);
    SEED("scores", "nps-weighted-adjusted", 0, 2, 16, 26, 0, 6, 10, 16, 9, 32, 6, 8, 0, 16, 7,
         24, 10, 4, 25, 22, 1);
    SEED("scores", "nps-defaults", 0, 1, 16, 26, 0, 5, 10, 9, 3, 0xE0, 7);
    SEED("scores", "box", 1, 0, 17, 21, 0, 8, 4, 3, 3, 2, 4, 1, 0, 4, 19, 20);
    SEED("scores", "csat-weighted", 2, 2, 17, 21, 0x40, 5, 4, 16, 3, 32, 2, 8, 4, 16, 0, 0,
         20);
    SEED("scores", "top2", 3, 0, 17, 21, 0, 6, 4, 3, 2, 1, 0, 4, 18);
    SEED("scores", "bottom", 4, 0, 17, 21, 0, 6, 4, 3, 2, 1, 0, 0, 17);
    SEED("scores", "mean", 5, 0, 0, 0, 0, 6, 78, 80, 69, 92, 0xC0, 84);
    SEED("scores", "mean-weighted", 5, 2, 0, 0, 0, 4, 78, 16, 80, 32, 69, 0, 92, 8);
    SEED("scores", "ces", 6, 0, 17, 23, 0, 7, 6, 5, 4, 3, 2, 1, 0, 21);
    SEED("scores", "distribution", 7, 0, 17, 21, 0, 5, 4, 3, 3, 2, 0, 58);
    SEED("scores", "index", 8, 0, 0, 0, 0, 1, 0, 2, 68, 84, 16, 68, 84, 32, 3, 72, 80, 84, 84,
         76, 68);
    SEED("scores", "index-weighted", 8, 0, 0, 0, 0, 2, 1, 3, 68, 84, 16, 64, 104, 16, 68, 100,
         16, 2, 72, 80, 84, 0, 16, 84, 76, 68, 0, 32);

    /* family, shift (2 bytes), lo, hi, cut, level, n, (answer, weight)... */
    SEED("score_weights", "nps", 0, 200, 0, 16, 26, 25, 0, 6, 10, 16, 9, 32, 6, 8, 0, 16, 7,
         24, 10, 4);
    SEED("score_weights", "nps-adjusted-huge", 1, 0xD4, 0xFE, 16, 26, 25, 0, 4, 10, 0xC4, 9,
         0xC4, 3, 0xC4, 8, 0xC4);
    SEED("score_weights", "csat-tiny", 2, 0x40, 0, 17, 21, 20, 0, 4, 4, 0xC5, 3, 0xC5, 1,
         0xC5, 0, 0xC5);
    SEED("score_weights", "mean", 3, 0x20, 0x03, 0, 0, 0, 0, 5, 78, 16, 80, 32, 69, 8, 92, 16,
         84, 4);
    SEED("score_weights", "ces", 4, 9, 0, 17, 23, 21, 0, 5, 6, 16, 5, 8, 1, 32, 3, 16, 0, 4);
}

static void accum_seeds(void)
{
    /* kind, weighted, n, cut, then: tally lo, hi, answers (and weights) */
    SEED("accum", "tally", 0, 0, 8, 3, 16, 26, 10, 9, 0, 7, 0xE0, 6, 3, 10);
    SEED("accum", "tally-weighted", 0, 1, 6, 2, 17, 21, 4, 16, 3, 32, 0xE0, 8, 1, 0, 4, 16, 2,
         4);
    /* moments: (value, weight) */
    SEED("accum", "moments", 1, 0, 6, 4, 78, 80, 69, 92, 0xC0, 84);
    SEED("accum", "moments-weighted", 1, 1, 5, 2, 78, 16, 80, 32, 69, 8, 92, 0, 84, 24);
    /* xprod: p − 1, ld − p, rows of (drivers, outcome[, weight]) */
    SEED("accum", "xprod", 2, 0, 6, 3, 1, 0, 68, 72, 76, 72, 68, 72, 76, 80, 92, 80, 76, 84,
         68, 76, 72, 84, 88, 100);
    SEED("accum", "xprod-weighted", 2, 1, 5, 2, 0, 1, 68, 0, 72, 16, 72, 0xC0, 76, 32, 76, 0,
         80, 8, 80, 0, 88, 16, 84, 0, 92, 24);
}

/* A design in the layout of fuzz_design.h: p ratings (mode 3), the
 * outcome (mode 0: roughly the sum of the ratings, or constant 7 when
 * asked), weights when asked; `extra` bytes for the harness follow. */
typedef struct bytes {
    uint8_t b[1024];
    size_t n;
} bytes;

static void put(bytes *b, unsigned v)
{
    b->b[b->n++] = (uint8_t)v;
}

enum { PLAIN = 0, WEIGHTED = 1, NO_INTERCEPT = 2, CONSTANT_Y = 4, COPY = 8 };

static void design(const char *harness, const char *name, size_t p, size_t n, int how,
                   const uint8_t *extra, size_t n_extra)
{
    bytes b = { { 0 }, 0 };
    put(&b, (unsigned)p - 1);
    put(&b, 0); /* ld = p */
    put(&b, (unsigned)n);
    put(&b, (how & WEIGHTED ? 1u : 0u) | (how & NO_INTERCEPT ? 2u : 0u));
    put(&b, 0); /* level 0.95 */
    unsigned r[8][64];
    for (size_t j = 0; j < p; j++) {
        if (j == 1 && (how & COPY)) {
            put(&b, 2); /* copy of column 0 */
            put(&b, 0);
            put(&b, 0);
            for (size_t i = 0; i < n; i++)
                r[j][i] = r[0][i];
            continue;
        }
        put(&b, 3);
        for (size_t i = 0; i < n; i++) {
            r[j][i] = (unsigned)((i * (2 * j + 3) + j * j + i / 3) % 10);
            put(&b, r[j][i]);
        }
    }
    if (how & CONSTANT_Y) {
        put(&b, 1);
        put(&b, 64 + 4 * 7);
    } else {
        put(&b, 0);
        for (size_t i = 0; i < n; i++) {
            unsigned y = (unsigned)(i % 3);
            for (size_t j = 0; j < p; j++)
                y += (1 + r[j][i]) * (unsigned)(j + 1) / 2;
            put(&b, 64 + 4 * (y % 32));
        }
    }
    if (how & WEIGHTED)
        for (size_t i = 0; i < n; i++)
            put(&b, 8 + 8 * (unsigned)(i % 4));
    for (size_t i = 0; i < n_extra; i++)
        put(&b, extra[i]);
    seed(harness, name, b.b, b.n);
}

#define DESIGN(harness, name, p, n, how, ...)                                         \
    do {                                                                             \
        static const uint8_t e_[] = { __VA_ARGS__ };                                 \
        design(harness, name, p, n, how, e_, sizeof e_);                             \
    } while (0)

static void driver_seeds(void)
{
    /* then: defaults flag */
    DESIGN("drivers_fit", "p2", 2, 12, PLAIN, 0);
    DESIGN("drivers_fit", "p3-weighted", 3, 20, WEIGHTED, 0);
    DESIGN("drivers_fit", "p6", 6, 40, WEIGHTED, 0);
    DESIGN("drivers_fit", "no-intercept", 2, 10, NO_INTERCEPT, 0);
    DESIGN("drivers_fit", "constant-outcome", 2, 10, WEIGHTED | CONSTANT_Y, 0);
    DESIGN("drivers_fit", "collinear", 3, 12, COPY, 0);

    /* then: method, exact_max, permutations, seed (8 bytes), IPA values */
    DESIGN("drivers_importance", "lmg", 3, 20, PLAIN, 4, 6, 0, 1, 0, 0, 0, 0, 0, 0, 0, 80, 72,
           76, 84, 70, 90, 0xC0, 0xC0);
    DESIGN("drivers_importance", "lmg-monte-carlo", 4, 24, WEIGHTED, 4, 0, 20, 7, 0, 0, 0, 0, 0,
           0, 0, 80, 72, 76, 84, 70, 90, 74, 78, 74, 78);
    DESIGN("drivers_importance", "relative-weights", 3, 16, WEIGHTED, 5, 6, 0, 1, 0, 0, 0, 0,
           0, 0, 0);
    DESIGN("drivers_importance", "pratt", 2, 12, PLAIN, 3, 6, 0, 1, 0, 0, 0, 0, 0, 0, 0);
    DESIGN("drivers_importance", "first-no-intercept", 2, 12, NO_INTERCEPT, 0, 6, 0, 1, 0, 0,
           0, 0, 0, 0, 0);

    /* then: method, reps, level, seed (8 bytes) */
    DESIGN("drivers_bootstrap", "first", 2, 12, PLAIN, 0, 8, 0, 1, 0, 0, 0, 0, 0, 0, 0);
    DESIGN("drivers_bootstrap", "lmg-weighted", 3, 20, WEIGHTED, 4, 18, 0, 3, 0, 0, 0, 0, 0,
           0, 0);
    DESIGN("drivers_bootstrap", "relative-weights", 2, 16, PLAIN, 5, 3, 0x40, 9, 0, 0, 0, 0, 0,
           0, 0);
}

static void compare_seeds(void)
{
    /* family, level, then: benchmark, result (mode 0: n, data) */
    SEED("compare", "nps-benchmark", 0, 0, 94, 0, 8, 10, 9, 9, 7, 6, 3, 10, 8);
    SEED("compare", "share-benchmark", 1, 0, 134, 0, 8, 4, 3, 3, 2, 4, 0, 4, 3);
    SEED("compare", "mean-benchmark", 2, 0, 76, 0, 6, 78, 80, 69, 92, 84, 76);
    SEED("compare", "nps-two", 3, 0, 0, 6, 10, 9, 7, 3, 10, 9, 0, 6, 6, 5, 8, 9, 2, 10);
    SEED("compare", "nps-two-raw", 3, 0, 1, 84, 80, 64, 32, 200, 3, 160, 1, 80, 96, 80, 40,
         100, 1, 0xC0);
    SEED("compare", "shares-two", 4, 0, 0, 6, 4, 3, 4, 2, 3, 4, 0, 6, 1, 0, 3, 2, 4, 4);
    SEED("compare", "means-two", 5, 0, 0, 5, 78, 80, 69, 92, 84, 0, 5, 74, 70, 80, 82, 78);
    SEED("compare", "means-two-raw", 5, 0, 1, 76, 16, 4, 40, 0, 1, 80, 24, 6, 30, 0);
    SEED("compare", "adjust-holm", 6, 0, 0, 5, 2, 10, 100, 200, 50);
    SEED("compare", "adjust-bh", 6, 0, 1, 6, 1, 5, 12, 120, 239, 60);
    SEED("compare", "trend", 7, 0, 4, 1, 80, 32, 64, 84, 40, 68, 90, 16, 72, 86, 24, 76);
    SEED("compare", "rank", 8, 0, 80, 6, 64, 72, 80, 80, 88, 96);
    SEED("compare", "gap", 9, 0, 2, 0, 5, 0, 72, 76, 68, 80, 76, 76, 80, 84, 0xC0, 72, 72, 80,
         76, 84, 80, 76, 84, 88, 68, 72);
}

static void business_seeds(void)
{
    SEED("business", "retention", 0, 100, 90, 10);
    SEED("business", "churn-period", 1, 4, 64, 80, 56, 68, 60, 0xC0, 68, 0xC0, 72, 84);
    SEED("business", "churn-convert", 2, 10, 32);
    SEED("business", "survival", 3, 8, 1, 0, 16, 1, 32, 0, 32, 1, 48, 1, 64, 0, 80, 1, 96, 1,
         112, 0, 80);
    SEED("business", "clv", 4, 104, 160, 65, 1, 160);
    SEED("business", "rate", 5, 12, 180, 25, 0);
    SEED("business", "pareto", 6, 8, 3, 3, 4, 3, 5, 4, 0xF0, 2);
    SEED("business", "resolution", 7, 6, 2, 1, 48, 16, 1, 32, 1, 40, 0, 64, 1, 80, 1, 24, 1, 64,
         76);
    SEED("business", "reviews", 8, 17, 21, 20, 76, 160, 0, 0, 6, 4, 4, 3, 0, 4, 2);
}

/* fuzz_grouped, mode 0: byte 0 (even), then a grouped accumulator
 * serialised by the library: G groups of answers x with codes g. */
static void grouped_blob_seed(const char *name, size_t G, int lo, int hi, const double *x,
                              size_t n, const double *w, const int32_t *g)
{
    csat_grouped *a = NULL;
    ok(lo <= hi ? csat_grouped_create(G, lo, hi, &a, NULL)
                : csat_grouped_create_moments(G, &a, NULL));
    ok(csat_grouped_add(a, x, n, w, g, NULL));
    size_t len;
    ok(csat_grouped_serialize(a, NULL, 0, &len, NULL));
    unsigned char *buf = malloc(len + 1);
    buf[0] = 0;
    ok(csat_grouped_serialize(a, buf + 1, len, &len, NULL));
    seed("grouped", name, buf, len + 1);
    free(buf);
    csat_grouped_free(a);
}

static void grouped_seeds(void)
{
    const double nps[] = { 10, 9, 9, 8, 7, 6, 3, 0, NAN, 10, 5, 9 };
    const double csat[] = { 5, 4, 4, 3, 5, 2, 4, 1, 5, 4 };
    const double w[] = { 1, 2, 0.5, 1.5, 1, 3, 0.25, 1, 2, 1, 1, 0 };
    const double v[] = { 3.5, 4, 1.25, 7, NAN, 2, 5.5, 6 };
    const int32_t g3[] = { 0, 1, 2, 0, 1, 2, 0, 1, CSAT_GROUP_NONE, 2, 0, 1 };
    const int32_t g2[] = { 0, 0, 1, 1, CSAT_GROUP_NONE, 0, 1, 1, 0, 0 };
    grouped_blob_seed("blob-nps-weighted", 3, 0, 10, nps, 12, w, g3);
    grouped_blob_seed("blob-csat", 2, 1, 5, csat, 10, NULL, g2);
    grouped_blob_seed("blob-empty-group", 4, 1, 5, csat, 10, w, g3); /* group 3 has none */
    grouped_blob_seed("blob-one-point", 2, 3, 3, (const double[]){ 3, 3, NAN }, 3, NULL,
                      (const int32_t[]){ 0, 1, 1 });
    grouped_blob_seed("blob-moments", 3, 1, 0, v, 8, w, g3);
    grouped_blob_seed("blob-moments-unweighted", 2, 1, 0, v, 8, NULL, g2);

    /* Mode 1: byte 1 (odd); how (bit 0 moments, bit 1 weighted), G − 1,
     * lo, hi (tallies), min_n, level, n, split, then per row: answer
     * (point − lo; moments 4·value + 64), weight (16·w), code + 1. */
    SEED("grouped", "rows-nps-weighted", 1, 2, 2, 16, 26, 3, 0, 10, 4,
         10, 16, 1, 9, 32, 2, 9, 8, 3, 8, 16, 1, 7, 24, 2, 6, 16, 3, 3, 4, 0, 0, 16, 1,
         0xE0, 16, 2, 10, 0, 3);
    SEED("grouped", "rows-csat", 1, 0, 1, 17, 21, 2, 0, 8, 3,
         4, 1, 3, 2, 3, 1, 2, 2, 4, 0, 1, 1, 0, 2, 4, 2);
    SEED("grouped", "rows-moments-weighted", 1, 3, 2, 2, 0, 6, 2,
         78, 16, 1, 80, 32, 2, 69, 8, 3, 92, 0, 1, 0xC0, 16, 2, 84, 24, 3);
    SEED("grouped", "rows-bad-code", 1, 0, 1, 17, 21, 0, 0, 5, 2,
         4, 1, 3, 2, 2, 0xE1, 1, 1, 0, 2);
    SEED("grouped", "rows-ces-small", 1, 2, 0, 17, 23, 30, 0x40, 6, 3,
         6, 16, 1, 5, 8, 1, 4, 16, 1, 1, 32, 1, 0, 16, 0, 2, 0, 1);

    /* Mode 3: byte 3, the rows of mode 1, then patches of their blob:
     * count, then offset (2 bytes), tag (0 byte, 1 u64, 2 weight, 3 count
     * + 1) and its value. Group 0's first point's count + 1; a weight sum
     * of 2 in group 1; the rows without a group (header byte 32) + 1. */
    SEED("grouped", "patched-count", 3, 2, 1, 17, 21, 0, 0, 4, 2,
         4, 16, 1, 3, 32, 2, 1, 8, 1, 0, 16, 2,
         2, 48, 0, 3, 32, 0, 3);
    SEED("grouped", "patched-weight", 3, 2, 1, 17, 21, 0, 0, 4, 2,
         4, 16, 1, 3, 32, 2, 1, 8, 1, 0, 16, 2,
         1, 0xE8, 0, 2, 32);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s CORPUS-DIR\n", argv[0]);
        return 2;
    }
    root = argv[1];
    if (mkdir(root, 0777) != 0 && errno != EEXIST) {
        perror(root);
        return 1;
    }
    deserialize_seeds();
    score_seeds();
    accum_seeds();
    driver_seeds();
    compare_seeds();
    business_seeds();
    grouped_seeds();
    return 0;
}
