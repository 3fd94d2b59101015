/* A program compiled against the frozen 1.0 headers (tests/abi/frozen-1.0),
 * whose NPS options and result structs are shorter than the library's, run
 * against the current library: the library must read and write only what
 * the caller's structs hold (doc/VERSIONING.md, "Structs grow only at their
 * end"). Prints "N passed, M failed" and exits non-zero on a failure. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <csat.h>

static int passed, failed;

static void check(int ok, const char *what)
{
    if (ok)
        passed++;
    else {
        failed++;
        printf("FAIL %s\n", what);
    }
}

static int close_to(double got, double want)
{
    return fabs(got - want) <= 1e-13 * fmax(1.0, fabs(want));
}

/* The result followed by bytes the library must not touch. */
struct guarded_result {
    csat_nps_result r;
    unsigned char guard[64];
};

struct guarded_options {
    csat_nps_options o;
    unsigned char guard[64];
};

static int untouched(const unsigned char *g, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (g[i] != 0xA5)
            return 0;
    return 1;
}

int main(void)
{
    /* 10 answers: promoters 10, 9, 9, 10, 9 (5), passives 8, 7 (2),
     * detractors 6, 5, 3 (3). By hand: promoters 0.5, passives 0.2,
     * detractors 0.3, NPS = 100 (0.5 − 0.3) = 20. Wald SE of the +1/0/−1
     * mean y = 0.2 with its linearised variance (doc/methods.md, "Net
     * Promoter Score"): s² = 5 (1 − 0.2)² + 2 (0.2)² + 3 (1 + 0.2)² = 7.6,
     * SE = 100 √(10/9 · 7.6) / 10 = 10 √(76/9). */
    const double x[10] = { 10, 9, 9, 8, 7, 6, 5, 10, 3, 9 };
    const double se = 10 * sqrt(76.0 / 9.0);

    struct guarded_options go;
    memset(&go, 0xA5, sizeof go);
    csat_nps_options o = CSAT_NPS_OPTIONS_DEFAULT;
    go.o = o;
    go.o.level = 0.90;

    struct guarded_result gr;
    memset(&gr, 0xA5, sizeof gr);
    gr.r.size = sizeof gr.r;

    csat_error err;
    csat_status st = csat_score_nps(x, 10, NULL, &go.o, &gr.r, &err);
    check(st == CSAT_OK, "csat_score_nps with the older structs succeeds");
    if (st != CSAT_OK)
        printf("  status %d: %s\n", (int)st, err.message);
    check(gr.r.size == sizeof(csat_nps_result), "the result's size is left as the caller set it");
    check(close_to(gr.r.score, 20), "score 20");
    check(close_to(gr.r.promoters, 0.5) && close_to(gr.r.passives, 0.2)
              && close_to(gr.r.detractors, 0.3),
          "shares 0.5, 0.2, 0.3");
    check(close_to(gr.r.se, se), "Wald SE 10 sqrt(76/9)");
    check(gr.r.level == 0.90, "the level the older options hold is read");
    check(gr.r.method == CSAT_NPS_WALD, "the option the older struct lacks takes its default");
    check(gr.r.n == 10 && gr.r.n_missing == 0, "counts");
    check(untouched(gr.guard, sizeof gr.guard), "no byte after the older result is written");
    check(untouched(go.guard, sizeof go.guard), "no byte after the older options is changed");

    /* A struct claiming more than the library knows (a header newer than
     * the library) is refused, and the result is left alone. */
    struct guarded_result big;
    memset(&big, 0xA5, sizeof big);
    big.r.size = sizeof big;
    st = csat_score_nps(x, 10, NULL, NULL, &big.r, NULL);
    check(st == CSAT_ERR_ARGUMENT, "a size beyond the library's struct is CSAT_ERR_ARGUMENT");
    check(untouched(big.guard, sizeof big.guard), "and nothing is written");

    /* Structs the frozen header declares in full still work as before. */
    csat_share_result s = CSAT_RESULT_INIT(csat_share_result);
    csat_csat_options co = CSAT_CSAT_OPTIONS_DEFAULT;
    co.scale_min = 0;
    co.scale_max = 10;
    co.satisfied_min = 9;
    check(csat_score_csat(x, 10, NULL, &co, &s, NULL) == CSAT_OK && close_to(s.share, 0.5),
          "a full 1.0 struct: CSAT share of 9-10 = 0.5");

    printf("%d passed, %d failed\n", passed, failed);
    return failed != 0;
}
