/*
 * The bad-input matrix of doc/errors.md: every public function against
 * every kind of bad input that applies to it, one table row per cell.
 *
 * A row names the function, the cell (a column of the matrix), a case
 * function with the variant of the input it builds, and the status the
 * call must return (with err.index / err.column where they are defined).
 * Every row is run twice, with a csat_error and with NULL for it, and on
 * failure the driver checks that
 *   - the status is the one expected and err.code equals it,
 *   - err.index / err.column name the offending element (when given),
 *   - err.message is a non-empty string,
 *   - every output is untouched: outputs live in one buffer filled with a
 *     0xA5 sentinel before the call (result structs with their `size` set,
 *     which the call must keep); accumulators that are modified in place
 *     are compared with a snapshot by the case itself. The one output a
 *     failure writes, as documented, is the csat_rake_result of a raking
 *     that does not converge (CSAT_ERR_CONVERGENCE): those rows keep it
 *     outside the buffer and check what it says.
 * Sized structs: every options and result struct starts with its size. A
 * result or options struct of size 0, of a size that is not a multiple of
 * sizeof(size_t) or of one beyond the library's struct is ARGUMENT (column
 * "struct size"); a result with a shorter valid size receives only the
 * bytes that size covers, the same bytes as a full result.
 * Rows that expect CSAT_OK check their result in the case (results that
 * must not depend on the scale of the weights, zero spread, ...), and the
 * driver checks that a call that succeeds leaves its csat_error alone.
 *
 * "Allocation failure": the library has no allocator hook, so this cell is
 * run only where a caller's number asks for memory that cannot exist (a
 * bootstrap of 2^58 replicates, refused before anything is allocated);
 * elsewhere it is listed as documented (NOMEM†) and not run. "Size
 * overflow": sizes whose byte count would wrap size_t must give
 * CSAT_ERR_OVERFLOW before anything is allocated or read. No row allocates
 * a huge block, so the suite runs as it is under valgrind and ASan.
 *
 * `test_errors --matrix` prints the matrix of doc/errors.md from this table.
 */
#include <limits.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "check.h"
#include "csat.h"

/* ------------------------------------------------------------------------ */
/* Variants: what a case function builds. One list for all families; each  */
/* case function gives its own meaning to the variants it is listed with.   */

#define VARIANTS(X)                                                                           \
    X(V_REF)        /* valid input (weights where the function takes them) */                 \
    X(V_NULL_X)     /* first input pointer NULL */                                            \
    X(V_NULL_Y)     /* second input pointer NULL */                                           \
    X(V_NULL_Z)     /* third input pointer NULL */                                            \
    X(V_NULL_OUT)   /* output pointer NULL */                                                 \
    X(V_NULL_OUT2)  /* second output pointer NULL */                                          \
    X(V_NULL_OUT3)  /* third output pointer NULL */                                           \
    X(V_EMPTY)      /* n = 0 (no rows, no answers, empty accumulator) */                      \
    X(V_ALLNAN)     /* every value NaN (missing) */                                           \
    X(V_NAN)        /* one NaN where a finite number is required */                           \
    X(V_POSINF)     /* +inf */                                                                \
    X(V_NEGINF)     /* -inf */                                                                \
    X(V_SCALE_HI)   /* above the scale / range */                                             \
    X(V_SCALE_LO)   /* below the scale / range */                                             \
    X(V_NONINT)     /* not an integer on an integer scale */                                  \
    X(V_EXTREME)    /* finite values beyond CSAT_VALUE_MAX (±1e308) */                        \
    X(V_NEGW)       /* a negative weight */                                                   \
    X(V_NANW)       /* a NaN weight */                                                        \
    X(V_INFW)       /* an infinite weight */                                                  \
    X(V_ZEROW)      /* all weights 0 */                                                       \
    X(V_BIGW)       /* the reference weights times 1e45 (within CSAT_WEIGHT_MAX) */           \
    X(V_SMALLW)     /* the reference weights times 1e-45 (within CSAT_WEIGHT_MIN) */          \
    X(V_HUGEW)      /* the reference weights times 1e300; SEs of 1e160 */                     \
    X(V_TINYW)      /* the reference weights times 1e-300; SEs of 1e-160 */                   \
    X(V_W1E308)     /* weights of 1e308 (their sum overflows) */                              \
    X(V_CONST)      /* no spread: every value equal, SE 0 */                                  \
    X(V_CONST_X)    /* a constant driver (0.7, survey weights) */                             \
    X(V_CONST_Y)    /* a constant outcome (7, survey weights) */                              \
    X(V_CONST_Y07)  /* a constant outcome (0.7, no weights) */                                \
    X(V_COLLINEAR)  /* driver 1 = 2 driver 0 + 1 */                                           \
    X(V_FEW)        /* fewer observations than the statistic needs */                         \
    X(V_ONE)        /* a single observation (valid) */                                        \
    X(V_BIGSCALE)   /* scale INT_MIN..INT_MAX, p = SIZE_MAX */                                \
    X(V_EDGE)       /* scale at INT_MIN / INT_MAX, k = all points */                          \
    X(V_TOOBIG)     /* one above a documented size limit */                                   \
    X(V_OVERFLOW)   /* a count or byte size that wraps */                                     \
    X(V_OVERFLOW2)  /* another one */                                                         \
    X(V_NOMEM)      /* a size that fits size_t but no memory */                               \
    X(V_LEVEL)      /* confidence level 1.5 */                                                \
    X(V_OPT1)       /* function-specific bad option or argument */                            \
    X(V_OPT2)                                                                                 \
    X(V_OPT3)                                                                                 \
    X(V_OPT4)                                                                                 \
    X(V_CAP)        /* output buffer one byte too small */                                    \
    X(V_SIZE0)      /* a result struct whose size is 0 */                                     \
    X(V_SIZE_ODD)   /* a result size that is not a multiple of sizeof(size_t) */              \
    X(V_SIZE_BIG)   /* a result size above the library's struct (a newer header) */           \
    X(V_SIZE_SHORT) /* a smaller valid result size: only the bytes it covers are written */   \
    X(V_OSIZE0)     /* an options struct whose size is 0 */                                   \
    X(V_OSIZE_BIG)  /* an options size above the library's struct */                          \
    X(V_ISIZE0)     /* a result given as input (compared) whose size is 0 */                  \
    X(F_LEN0)       /* serialized: length 0 */                                                \
    X(F_TRUNC)      /* serialized: one byte short */                                          \
    X(F_MAGIC)      /* serialized: wrong magic */                                             \
    X(F_VERSION)    /* serialized: unknown version */                                         \
    X(F_SCALE)      /* serialized: min > max / p = 0 */                                       \
    X(F_NAN)        /* serialized: a NaN sum */                                               \
    X(F_NEG)        /* serialized: a negative sum or co-moment */                             \
    X(F_MINMAX)     /* serialized: min > max */                                               \
    X(F_RESERVED)   /* serialized: reserved bytes not zero */                                 \
    X(F_N0)         /* serialized: n = 0 with a positive weight sum / n_pos */                \
    X(F_NPOS)       /* serialized: more positive-weight rows than rows */                     \
    X(F_COUNT0)     /* serialized: no answer at a point holding weight */                     \
    X(F_W2BIG)      /* serialized: sum of w^2 above (sum of w)^2 */                           \
    X(F_W2SMALL)    /* serialized: sum of w^2 below (sum of w)^2 / n */                       \
    X(F_W2ZERO)     /* serialized: sum of w^2 = 0 with a positive sum of w */                 \
    X(F_MEAN)       /* serialized: mean outside [min, max] */                                 \
    X(F_WRAP)       /* serialized: counts whose total wraps */                                \
    X(F_ROUNDTRIP)  /* serialized: valid; must re-serialise to the same bytes */              \
    X(F_ROUNDTRIP_M) /* serialized moments: valid; must re-serialise to the same bytes */     \
    X(F_KIND)       /* serialized: an unknown kind of accumulator */                          \
    X(F_GROUPS0)    /* serialized: G = 0 */                                                   \
    X(F_GROUPS_BIG) /* serialized: G = CSAT_GROUPS_MAX + 1 */                                 \
    X(F_LONG)       /* serialized: one byte too many */                                       \
    X(F_NONE_WRAP)  /* serialized: rows without a group that make the total wrap */           \
    X(F_GARBAGE)    /* serialized: pseudo-random bytes */                                     \
    X(F_GARBAGE_BODY) /* serialized: a valid header, pseudo-random records */                 \
    X(V_GCODE_NEG)  /* a group code of -2 (weighted rows) */                                  \
    X(V_GCODE_G)    /* a group code of G (unweighted rows) */                                 \
    X(V_GCODE_BIG)  /* a group code of INT32_MAX */                                           \
    X(V_GCODE_FIRST) /* a bad group code before a bad value of the same block */              \
    X(V_GROUPS0)    /* G = 0 groups */                                                        \
    X(V_GROUPS_BIG) /* G = CSAT_GROUPS_MAX + 1 groups */                                      \
    X(V_GOPT)       /* csat_group_options complement = 2 */                                   \
    X(V_GOPT2)      /* csat_group_options complement = -1 */                                  \
    X(V_GOSIZE0)    /* csat_group_options of size 0 */                                        \
    X(V_GOSIZE_BIG) /* csat_group_options beyond the library's struct */                      \
    X(V_COMPLEMENT) /* complement = 1: the rest of each group (valid) */                      \
    X(V_KIND)       /* an accumulator of the other kind (tally / moments) */                  \
    X(V_OTHER_G)    /* an accumulator of another number of groups */                          \
    X(V_OTHER_SCALE) /* an accumulator of another scale */                                    \
    X(V_NULL_OPT)   /* an optional pointer NULL (flags, samples, trend, a size query): valid */ \
    X(V_CONTRAST)   /* an unknown contrast */                                                 \
    X(V_REFERENCE)  /* a reference group that is not one of the G */                          \
    X(V_BENCH)      /* a benchmark out of its range */                                        \
    X(V_NULL_REST)  /* the rest NULL for the rest contrast */                                 \
    X(V_ISIZE0_REST) /* a result of the rest with its size 0 */                               \
    X(V_TSIZE0)     /* the trend result with its size 0 */                                    \
    X(V_NEFF0)      /* a result with an effective n of 0 */                                   \
    X(V_FLAGGED)    /* an invalid result whose group or period is flagged: skipped (valid) */ \
    X(V_DESIGN_PSUS) /* a design of PSUs (no rows) */                                        \
    X(V_NO_CLUSTERS) /* a design without clusters: every row its own PSU (valid) */          \
    X(V_LONELY)     /* a stratum with a single PSU, lonely-PSU rule "fail" */                 \
    X(V_LONELY_REMOVE) /* the same under "remove" (valid) */                                 \
    X(V_LONELY_CERTAINTY) /* ... "certainty" (valid) */                                      \
    X(V_LONELY_ADJUST) /* ... "adjust" (valid) */                                            \
    X(V_LONELY_AVERAGE) /* ... "average" (valid) */                                          \
    X(V_LONELY_ALL) /* every stratum a single PSU, "average": no variance (valid) */          \
    X(V_CODE_NEG)   /* a stratum code of -1 */                                                \
    X(V_CODE_BIG)   /* a cluster (stratum) code of CSAT_GROUPS_MAX */                         \
    X(V_STRATA2)    /* a cluster in two strata */                                             \
    X(V_NESTED)     /* the same cluster codes with nest = 1 (valid) */                        \
    X(V_FPC_VARY)   /* an fpc that varies within a stratum */                                 \
    X(V_FPC_MIX)    /* fpc: sampling fractions and population sizes mixed */                  \
    X(V_FPC_SMALL)  /* fpc: a population smaller than the PSUs sampled */                     \
    X(V_FPC_FRACTION) /* fpc as sampling fractions (valid) */                                 \
    X(V_GROUPS1)    /* G = 1 group */                                                         \
    X(V_GROUPS_PSUS) /* G x PSUs above CSAT_GROUPS_MAX */                                     \
    X(V_RAKE_VARS0) /* raking: no margin variable */                                          \
    X(V_RAKE_CATS0) /* raking: a margin of 0 categories */                                    \
    X(V_RAKE_EMPTY_CELL) /* raking: a category with a total but no row */                     \
    X(V_RAKE_ZERO_CELL) /* raking: a category with a total whose rows weigh 0 */              \
    X(V_RAKE_POP0)  /* raking: a category with weight whose total is 0 */                     \
    X(V_RAKE_DISAGREE) /* raking: margins whose totals disagree */                            \
    X(V_RAKE_BOUNDARY) /* raking: margins met only in the limit (no convergence) */           \
    X(V_NO_CONVERGE) /* raking: max_iter 1 (no convergence) */                                \
    X(V_IN_PLACE)   /* raking: the starting weights raked in place (valid) */

#define AS_ENUM(v) v,
#define AS_NAME(v) #v,
enum variant { VARIANTS(AS_ENUM) V_COUNT };
static const char *const variant_name[] = { VARIANTS(AS_NAME) };

/* ------------------------------------------------------------------------ */
/* Cells: the columns of doc/errors.md.                                     */

static const char *const cells[] = {
    "NULL",          "n = 0",        "all NaN",      "±Inf",          "out of scale",
    "non-integer",   "neg. weight",  "zero weights", "huge weights",  "tiny weights",
    "zero variance", "collinear",    "n ≤ p",        "size overflow", "alloc. failure",
    "bad option",    "struct size",  "bad state",
};
enum cell {
    K_NULL, K_EMPTY, K_NAN, K_INF, K_SCALE, K_NONINT, K_NEGW, K_ZEROW, K_HUGEW, K_TINYW,
    K_CONST, K_COLLIN, K_FEW, K_OVERFLOW, K_NOMEM, K_OPTION, K_SIZE, K_FORMAT, K_COUNT
};

/* ------------------------------------------------------------------------ */
/* Rows                                                                      */

#define OUT_BYTES 16384
#define SENTINEL 0xA5
#define NOI CSAT_NO_INDEX
#define ANY ANY_INDEX
#define BIT(s) (1u << (unsigned)(s))

/* Build the input of variant v, make the one call under test with `err`
 * (which may be NULL) and outputs carved from `out` (OUT_BYTES, aligned,
 * filled with the sentinel), check a successful result, return the status. */
typedef csat_status (*case_fn)(int v, csat_error *err, void *out);

typedef struct row {
    const char *family;
    const char *func;
    enum cell cell;
    case_fn run;          /* NULL: documented, not testable here (printed with †) */
    int v;
    csat_status want;
    unsigned also;        /* other statuses the issue allows ("compute or refuse") */
    size_t index, column; /* ANY: not checked */
} row;

#define ROW(f, c, fn, v, want) { FAMILY, #f, c, fn, v, want, 0, ANY, ANY }
#define AT(f, c, fn, v, want, i, j) { FAMILY, #f, c, fn, v, want, 0, i, j }
#define OR(f, c, fn, v, want, also) { FAMILY, #f, c, fn, v, want, also, ANY, ANY }
#define NUL(f, fn, v) { FAMILY, #f, K_NULL, fn, v, CSAT_ERR_NULL, 0, NOI, NOI }
#define DOC(f, c, want) { FAMILY, #f, c, NULL, 0, want, 0, ANY, ANY }

/* ------------------------------------------------------------------------ */
/* Helpers                                                                   */

#define MUST(call)                                                                             \
    do {                                                                                       \
        csat_error e_;                                                                         \
        memset(&e_, 0, sizeof e_);                                                             \
        csat_status s_ = (call);                                                               \
        if (s_ != CSAT_OK)                                                                     \
            fail_msg("setup call %s failed: %s (%s)", #call, csat_strerror(s_), e_.message);  \
    } while (0)

/* Relative agreement for results that must not depend on the scale of the
 * weights: the same data and relative weights give the same answer up to
 * rounding. */
#define SCALE_TOL 1e-10

static void near(const char *what, double got, double want, double rel)
{
    if ((isnan(got) && isnan(want)) || got == want)
        return;
    double scale = fabs(want) > 1e-300 ? fabs(want) : 1e-300;
    if (!(fabs(got - want) <= rel * scale))
        fail_msg("%s: got %.17g, expected %.17g", what, got, want);
}

/* Weights scaled within [CSAT_WEIGHT_MIN, CSAT_WEIGHT_MAX]: the results
 * must equal those of the reference weights. */
static int scaled(int v)
{
    return v == V_BIGW || v == V_SMALLW;
}

/* The factor of a weight-scale variant. */
static double weight_factor(int v)
{
    return v == V_BIGW ? 1e45 : v == V_SMALLW ? 1e-45 : v == V_HUGEW ? 1e300 : 1e-300;
}

/* A serialised copy of an accumulator, to prove a failed call left it as
 * it was. */
typedef struct snap {
    unsigned char *b;
    size_t len;
} snap;

static snap snap_tally(const csat_tally *t)
{
    snap s = { NULL, 0 };
    MUST(csat_tally_serialize(t, NULL, 0, &s.len, &e_));
    s.b = malloc(s.len);
    assert_non_null(s.b);
    MUST(csat_tally_serialize(t, s.b, s.len, &s.len, &e_));
    return s;
}

static snap snap_xprod(const csat_xprod *a)
{
    snap s = { NULL, 0 };
    MUST(csat_xprod_serialize(a, NULL, 0, &s.len, &e_));
    s.b = malloc(s.len);
    assert_non_null(s.b);
    MUST(csat_xprod_serialize(a, s.b, s.len, &s.len, &e_));
    return s;
}

static void same_snap(snap a, snap b, const char *what)
{
    int same = a.len == b.len && memcmp(a.b, b.b, a.len) == 0;
    free(a.b);
    free(b.b);
    if (!same)
        fail_msg("%s was modified by a call that failed", what);
}

/* Little-endian fields of a serialized blob. */
static void put_u64(unsigned char *p, uint64_t v)
{
    for (int i = 0; i < 8; i++)
        p[i] = (unsigned char)(v >> (8 * i));
}

static void put_u32(unsigned char *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (unsigned char)(v >> (8 * i));
}

static void put_f64(unsigned char *p, double d)
{
    uint64_t u;
    memcpy(&u, &d, sizeof u);
    put_u64(p, u);
}

static double get_f64(const unsigned char *p)
{
    uint64_t u = 0;
    for (int i = 0; i < 8; i++)
        u |= (uint64_t)p[i] << (8 * i);
    double d;
    memcpy(&d, &u, sizeof d);
    return d;
}

/* ------------------------------------------------------------------------ */
/* Sized structs                                                             */

/* The buffer the outputs of a row are carved from (OUT_BYTES, filled with
 * the sentinel before each call). */
static _Alignas(max_align_t) unsigned char out_buf[OUT_BYTES];

/* Every result struct starts with its size, which the caller sets
 * (CSAT_RESULT_INIT). A result carved from out_buf gets its size through
 * sized(), which records it: the driver checks that the call left each
 * such size as it was, restores the sentinel there, and then requires the
 * rest of the buffer to be untouched as before. */
#define MAX_SIZED 8
static size_t sized_at[MAX_SIZED], sized_value[MAX_SIZED], sized_full[MAX_SIZED], n_sized;

static void *sized(void *p, size_t size, size_t full)
{
    unsigned char *b = p;
    if (b < out_buf || b + full > out_buf + OUT_BYTES || n_sized == MAX_SIZED)
        fail_msg("sized(): a result outside the output buffer, or too many");
    memcpy(b, &size, sizeof size);
    sized_at[n_sized] = (size_t)(b - out_buf);
    sized_value[n_sized] = size;
    sized_full[n_sized++] = full;
    return p;
}

/* V_SIZE_SHORT: the size and the first field (a double in every struct it
 * is used with). */
#define SHORT_SIZE (2 * sizeof(size_t))

/* The size a case gives the result its size variants apply to: 0, one
 * that is not a multiple of sizeof(size_t), one beyond the library's
 * struct, a shorter valid one, or the struct's own. */
static size_t result_size(int v, size_t full)
{
    switch (v) {
    case V_SIZE0: return 0;
    case V_SIZE_ODD: return full - 1;
    case V_SIZE_BIG: return full + sizeof(size_t);
    case V_SIZE_SHORT: return SHORT_SIZE;
    default: return full;
    }
}

/* A result of type T carved from out_buf at p, its size set by variant v;
 * NULL when `null`. */
#define OUT(T, p, v, null) \
    ((null) ? (T *)NULL : (T *)sized((p), result_size((v), sizeof(T)), sizeof(T)))
/* The same with the struct's own size whatever the variant (the other
 * results of a call). */
#define OUT_FULL(T, p, null) ((null) ? (T *)NULL : (T *)sized((p), sizeof(T), sizeof(T)))

/* The size of an options struct of `full` bytes under variant v. */
static size_t options_size(int v, size_t full)
{
    return v == V_OSIZE0 ? 0 : v == V_OSIZE_BIG ? full + sizeof(size_t) : full;
}

/* The driver's check of the recorded sizes: a call keeps the caller's
 * size, and a result with a shorter valid size is written only within it.
 * The sentinel is then put back over the sizes. */
static void check_sizes_kept(const char *what)
{
    for (size_t i = 0; i < n_sized; i++) {
        size_t got;
        const unsigned char *b = out_buf + sized_at[i];
        memcpy(&got, b, sizeof got);
        if (got != sized_value[i])
            fail_msg("%s: the size of a result changed from %zu to %zu", what, sized_value[i],
                     got);
        if (got >= sizeof got && got < sized_full[i] && got % sizeof got == 0)
            for (size_t j = got; j < sized_full[i]; j++)
                if (b[j] != SENTINEL)
                    fail_msg("%s: a result of size %zu was written at byte %zu, beyond its size",
                             what, got, j);
        memset(out_buf + sized_at[i], SENTINEL, sizeof got);
    }
}

/* V_SIZE_SHORT: the bytes the short size covers are those of a full
 * result of the same call (`full`, with the struct's own size). */
static void check_short(const void *r, const void *full)
{
    if (memcmp((const unsigned char *)r + sizeof(size_t),
               (const unsigned char *)full + sizeof(size_t), SHORT_SIZE - sizeof(size_t))
        != 0)
        fail_msg("a result of size %zu did not receive the bytes its size covers",
                 (size_t)SHORT_SIZE);
}

/* ======================================================================== */
/* Scores                                                                    */
/* ======================================================================== */

/* Ten answers spread over [lo, hi] with survey-like weights. */
#define NX 10
static const double WREF[NX] = { 0.83, 1.27, 0.61, 1.95, 1.02, 0.74, 1.33, 0.58, 1.41, 0.96 };

typedef struct input {
    double x[NX], w[NX];
    const double *xp, *wp;
    size_t n;
    int null_out;
} input;

/* Bad elements sit at fixed indices, which the rows expect in err.index. */
#define I_INF 2
#define I_SCALE 3
#define I_NONINT 4
#define I_NEGW 1
#define I_NANW 5
#define I_INFW 6

static void make_input(input *in, int v, int lo, int hi)
{
    long long pts = (long long)hi - lo + 1;
    for (size_t i = 0; i < NX; i++) {
        in->x[i] = (double)((long long)lo + (long long)(i * 3) % pts);
        in->w[i] = WREF[i];
    }
    in->xp = in->x;
    in->wp = NULL;
    in->n = NX;
    in->null_out = 0;
    switch (v) {
    case V_REF: in->wp = in->w; break;
    case V_NULL_X: in->xp = NULL; break;
    case V_NULL_OUT: in->null_out = 1; break;
    case V_EMPTY: in->n = 0; break;
    case V_ALLNAN:
        for (size_t i = 0; i < NX; i++)
            in->x[i] = NAN;
        break;
    case V_POSINF: in->x[I_INF] = INFINITY; break;
    case V_NEGINF: in->x[I_INF] = -INFINITY; break;
    case V_SCALE_HI: in->x[I_SCALE] = (double)hi + 1; break;
    case V_SCALE_LO: in->x[I_SCALE] = (double)lo - 1; break;
    case V_NONINT: in->x[I_NONINT] = (double)lo + 0.5; break;
    case V_NEGW: in->wp = in->w; in->w[I_NEGW] = -1; break;
    case V_NANW: in->wp = in->w; in->w[I_NANW] = NAN; break;
    case V_INFW: in->wp = in->w; in->w[I_INFW] = INFINITY; break;
    case V_ZEROW:
        in->wp = in->w;
        for (size_t i = 0; i < NX; i++)
            in->w[i] = 0;
        break;
    case V_BIGW:
    case V_SMALLW:
    case V_HUGEW:
    case V_TINYW:
        in->wp = in->w;
        for (size_t i = 0; i < NX; i++)
            in->w[i] *= weight_factor(v);
        break;
    case V_EXTREME:
        in->x[I_SCALE] = 1e308;
        in->x[I_SCALE + 1] = -1e308;
        break;
    case V_CONST:
        in->wp = in->w;
        for (size_t i = 0; i < NX; i++)
            in->x[i] = hi;
        break;
    case V_ONE: in->n = 1; break;
    default: break; /* option variants: valid data */
    }
}

static void same_nps(const csat_nps_result *a, const csat_nps_result *b)
{
    near("nps score", a->score, b->score, SCALE_TOL);
    near("nps se", a->se, b->se, SCALE_TOL);
    near("nps ci_lower", a->ci_lower, b->ci_lower, SCALE_TOL);
    near("nps ci_upper", a->ci_upper, b->ci_upper, SCALE_TOL);
    near("nps n_effective", a->n_effective, b->n_effective, SCALE_TOL);
}

static void same_share(const csat_share_result *a, const csat_share_result *b)
{
    near("share", a->share, b->share, SCALE_TOL);
    near("share se", a->se, b->se, SCALE_TOL);
    near("share ci_lower", a->ci_lower, b->ci_lower, SCALE_TOL);
    near("share ci_upper", a->ci_upper, b->ci_upper, SCALE_TOL);
    near("share n_effective", a->n_effective, b->n_effective, SCALE_TOL);
}

static void same_mean(const csat_mean_result *a, const csat_mean_result *b)
{
    near("mean", a->score, b->score, SCALE_TOL);
    near("mean sd", a->sd, b->sd, SCALE_TOL);
    near("mean se", a->se, b->se, SCALE_TOL);
    near("mean ci_lower", a->ci_lower, b->ci_lower, SCALE_TOL);
    near("mean ci_upper", a->ci_upper, b->ci_upper, SCALE_TOL);
    near("mean n_effective", a->n_effective, b->n_effective, SCALE_TOL);
}

static csat_status s_nps(int v, csat_error *err, void *out)
{
    input in;
    make_input(&in, v, 0, 10);
    csat_nps_options o = CSAT_NPS_OPTIONS_DEFAULT;
    o.size = options_size(v, sizeof o);
    if (v == V_BIGSCALE) {
        o.scale_min = INT_MIN;
        o.scale_max = INT_MAX;
    }
    if (v == V_LEVEL)
        o.level = 1.5;
    if (v == V_OPT1)
        o.promoter_min = o.detractor_max;
    if (v == V_OPT2)
        o.method = (csat_nps_method)7;
    csat_nps_result *r = OUT(csat_nps_result, out, v, in.null_out);
    csat_status s = csat_score_nps(in.xp, in.n, in.wp, &o, r, err);
    if (s == CSAT_OK && (scaled(v) || v == V_SIZE_SHORT)) {
        input ri;
        csat_nps_result ref = CSAT_RESULT_INIT(csat_nps_result);
        make_input(&ri, scaled(v) ? V_REF : v, 0, 10);
        MUST(csat_score_nps(ri.xp, ri.n, ri.wp, &o, &ref, &e_));
        if (v == V_SIZE_SHORT)
            check_short(r, &ref);
        else
            same_nps(r, &ref);
    }
    if (s == CSAT_OK && v == V_CONST) {
        near("nps score", r->score, 100, 0);
        near("nps se", r->se, 0, 0);
    }
    return s;
}

enum share_kind { SH_BOX, SH_CSAT, SH_TOP, SH_BOTTOM };

static csat_status share_call(enum share_kind kind, const input *in, int v, int lo, int hi,
                              csat_share_result *r, csat_error *err)
{
    csat_scale_options so = { sizeof(csat_scale_options), lo, hi, 0.95 };
    csat_csat_options co = CSAT_CSAT_OPTIONS_DEFAULT;
    so.size = options_size(v, sizeof so);
    co.size = options_size(v, sizeof co);
    if (v == V_BIGSCALE) {
        so.scale_min = co.scale_min = INT_MIN;
        so.scale_max = co.scale_max = INT_MAX;
    }
    if (v == V_LEVEL)
        so.level = co.level = 1.5;
    int k = v == V_EDGE ? 5 : 2;
    switch (kind) {
    case SH_BOX:
        return csat_score_box_share(in->xp, in->n, in->wp, v == V_OPT1 ? 5 : 4, v == V_OPT1 ? 4 : 5, &so,
                              r, err);
    case SH_CSAT:
        if (v == V_OPT1)
            co.satisfied_min = 6;
        return csat_score_csat(in->xp, in->n, in->wp, &co, r, err);
    case SH_TOP:
        return csat_score_top_box(in->xp, in->n, in->wp, v == V_OPT1 ? 0 : k, &so, r, err);
    case SH_BOTTOM:
        return csat_score_bottom_box(in->xp, in->n, in->wp, v == V_OPT1 ? 6 : k, &so, r, err);
    }
    return CSAT_ERR_ARGUMENT;
}

/* The top box on [INT_MIN, INT_MIN + 4] and the bottom box on
 * [INT_MAX − 4, INT_MAX], k = 5: the box bounds must be computed without
 * signed overflow (issue finding 7; UBSan reports it). */
static void edge_scale(enum share_kind kind, int *lo, int *hi)
{
    if (kind == SH_TOP) {
        *lo = INT_MIN;
        *hi = INT_MIN + 4;
    } else {
        *lo = INT_MAX - 4;
        *hi = INT_MAX;
    }
}

static csat_status s_share(enum share_kind kind, int v, csat_error *err, void *out)
{
    int lo = 1, hi = 5;
    if (v == V_EDGE)
        edge_scale(kind, &lo, &hi);
    input in;
    make_input(&in, v, lo, hi);
    csat_share_result *r = OUT(csat_share_result, out, v, in.null_out);
    csat_status s = share_call(kind, &in, v, lo, hi, r, err);
    if (s == CSAT_OK && (scaled(v) || v == V_SIZE_SHORT)) {
        input ri;
        csat_share_result ref = CSAT_RESULT_INIT(csat_share_result);
        make_input(&ri, scaled(v) ? V_REF : v, 1, 5);
        MUST(share_call(kind, &ri, V_REF, 1, 5, &ref, &e_));
        if (v == V_SIZE_SHORT)
            check_short(r, &ref);
        else
            same_share(r, &ref);
    }
    if (s == CSAT_OK && v == V_EDGE)
        near("share of all points", r->share, 1, 0);
    if (s == CSAT_OK && v == V_CONST)
        near("share se", r->se, 0, 0);
    return s;
}

static csat_status s_box_share(int v, csat_error *err, void *out)
{
    return s_share(SH_BOX, v, err, out);
}
static csat_status s_csat(int v, csat_error *err, void *out)
{
    return s_share(SH_CSAT, v, err, out);
}
static csat_status s_top_box(int v, csat_error *err, void *out)
{
    return s_share(SH_TOP, v, err, out);
}
static csat_status s_bottom_box(int v, csat_error *err, void *out)
{
    return s_share(SH_BOTTOM, v, err, out);
}

static csat_status s_mean_score(int v, csat_error *err, void *out)
{
    input in;
    make_input(&in, v, 1, 5);
    double w2[2] = { 1e308, 1e308 }, one[2] = { 1, 2 };
    if (v == V_W1E308) {
        in.xp = one;
        in.wp = w2;
        in.n = 2;
    }
    if (v == V_CONST)
        for (size_t i = 0; i < NX; i++)
            in.x[i] = 0.7;
    csat_mean_options o = CSAT_MEAN_OPTIONS_DEFAULT;
    o.size = options_size(v, sizeof o);
    if (v == V_LEVEL)
        o.level = 1.5;
    csat_mean_result *r = OUT(csat_mean_result, out, v, in.null_out);
    csat_status s = csat_score_mean(in.xp, in.n, in.wp, &o, r, err);
    if (s != CSAT_OK)
        return s;
    if (scaled(v) || v == V_SIZE_SHORT) {
        input ri;
        csat_mean_result ref = CSAT_RESULT_INIT(csat_mean_result);
        make_input(&ri, scaled(v) ? V_REF : v, 1, 5);
        MUST(csat_score_mean(ri.xp, ri.n, ri.wp, &o, &ref, &e_));
        if (v == V_SIZE_SHORT)
            check_short(r, &ref);
        else
            same_mean(r, &ref);
    }
    if (v == V_CONST) {
        near("sd of a constant", r->sd, 0, 0);
        near("se of a constant", r->se, 0, 0);
    }
    if (v == V_ONE && !isnan(r->sd))
        fail_msg("the SD of one value must be NaN, got %g", r->sd);
    return s;
}

/* The CES gives two results: the mean effort (the one the size variants
 * apply to) and the low-effort share, 256 bytes further. */
static csat_status s_ces(int v, csat_error *err, void *out)
{
    input in;
    make_input(&in, v, 1, 7);
    csat_ces_options o = CSAT_CES_OPTIONS_DEFAULT;
    o.size = options_size(v, sizeof o);
    if (v == V_BIGSCALE) {
        o.scale_min = INT_MIN;
        o.scale_max = INT_MAX;
    }
    if (v == V_LEVEL)
        o.level = 1.5;
    if (v == V_OPT1)
        o.low_effort_min = 8;
    csat_mean_result *effort = OUT(csat_mean_result, out, v, in.null_out);
    csat_share_result *low =
        OUT_FULL(csat_share_result, (unsigned char *)out + 256, v == V_NULL_OUT2);
    csat_status s = csat_score_ces(in.xp, in.n, in.wp, &o, effort, low, err);
    if (s == CSAT_OK && (scaled(v) || v == V_SIZE_SHORT)) {
        input ri;
        csat_mean_result ref_effort = CSAT_RESULT_INIT(csat_mean_result);
        csat_share_result ref_low = CSAT_RESULT_INIT(csat_share_result);
        make_input(&ri, scaled(v) ? V_REF : v, 1, 7);
        MUST(csat_score_ces(ri.xp, ri.n, ri.wp, &o, &ref_effort, &ref_low, &e_));
        if (v == V_SIZE_SHORT) {
            check_short(effort, &ref_effort);
        } else {
            same_mean(effort, &ref_effort);
        }
        same_share(low, &ref_low);
    }
    return s;
}

static csat_status s_distribution(int v, csat_error *err, void *out)
{
    input in;
    make_input(&in, v, 1, 5);
    csat_scale_options o = CSAT_SCALE_OPTIONS_DEFAULT;
    o.size = options_size(v, sizeof o);
    if (v == V_BIGSCALE) {
        o.scale_min = INT_MIN;
        o.scale_max = INT_MAX;
    }
    double *counts = out, *weights = counts + 5, *shares = weights + 5;
    csat_sample *smp = OUT(csat_sample, shares + 8, v, in.null_out);
    size_t len = v == V_OPT1 ? 4 : 5;
    csat_status s = csat_score_distribution(in.xp, in.n, in.wp, &o, counts, weights, shares, len, smp,
                                      err);
    if (s == CSAT_OK && (scaled(v) || v == V_SIZE_SHORT)) {
        input ri;
        double c[5], w[5], sh[5];
        csat_sample rs = CSAT_RESULT_INIT(csat_sample);
        make_input(&ri, scaled(v) ? V_REF : v, 1, 5);
        MUST(csat_score_distribution(ri.xp, ri.n, ri.wp, &o, c, w, sh, 5, &rs, &e_));
        for (int j = 0; j < 5; j++)
            near("distribution share", shares[j], sh[j], SCALE_TOL);
        if (v == V_SIZE_SHORT)
            check_short(smp, &rs);
        else
            near("distribution n_effective", smp->n_effective, rs.n_effective, SCALE_TOL);
    }
    return s;
}

/* The composite index: 6 respondents × 2 items on 1–5 and 0–10. */
#define IN 6
static const double IX[IN * 2] = { 1, 0, 2, 3, 3, 5, 4, 7, 5, 10, 3, 2 };

static csat_status s_index(int v, csat_error *err, void *out)
{
    double x[IN * 2], w[IN], lo[2] = { 1, 0 }, hi[2] = { 5, 10 }, iw[2] = { 1, 2 };
    memcpy(x, IX, sizeof x);
    memcpy(w, WREF, sizeof w);
    const double *xp = x, *wp = w, *lop = lo, *hip = hi, *iwp = iw;
    size_t n = IN, k = 2, ld = 2;
    csat_mean_options o = CSAT_MEAN_OPTIONS_DEFAULT;
    o.size = options_size(v, sizeof o);
    csat_mean_result *r = OUT(csat_mean_result, out, v, v == V_NULL_OUT);
    switch (v) {
    case V_NULL_X: xp = NULL; break;
    case V_NULL_Y: lop = NULL; break;
    case V_NULL_Z: hip = NULL; break;
    case V_EMPTY: n = 0; break;
    case V_ALLNAN:
        for (size_t i = 0; i < IN * 2; i++)
            x[i] = NAN;
        break;
    case V_POSINF: x[2 * 2 + 1] = INFINITY; break;
    case V_NEGINF: x[2 * 2 + 1] = -INFINITY; break;
    case V_SCALE_HI: x[3 * 2 + 0] = 6; break;
    case V_NEGW: w[I_NEGW] = -1; break;
    case V_NANW: w[I_NANW % IN] = NAN; break;
    case V_ZEROW: memset(w, 0, sizeof w); break;
    case V_BIGW:
    case V_SMALLW:
    case V_HUGEW:
    case V_TINYW:
        for (size_t i = 0; i < IN; i++)
            w[i] *= weight_factor(v);
        break;
    case V_W1E308: iw[0] = iw[1] = 1e308; break; /* item weights summing to inf */
    case V_CONST:
        for (size_t i = 0; i < IN; i++) {
            x[2 * i] = 3;
            x[2 * i + 1] = 5;
        }
        break;
    case V_ONE: n = 1; break;
    case V_LEVEL: o.level = 1.5; break;
    case V_NAN: iw[0] = NAN; break;
    case V_OPT1: hi[1] = 0; break; /* item_max <= item_min */
    case V_OPT2: k = 0; break;
    case V_OPT3: ld = 1; break;
    case V_OPT4: iw[0] = iw[1] = 0; break;
    default: break;
    }
    csat_status s = csat_score_index(xp, n, k, ld, wp, lop, hip, iwp, &o, r, err);
    if (s == CSAT_OK && (scaled(v) || v == V_W1E308 || v == V_SIZE_SHORT)) {
        double ones[2] = { 1, 1 };
        csat_mean_result ref = CSAT_RESULT_INIT(csat_mean_result);
        MUST(csat_score_index(IX, IN, 2, 2, WREF, lo, hi, v == V_W1E308 ? ones : iw, &o, &ref, &e_));
        if (v == V_SIZE_SHORT)
            check_short(r, &ref);
        else
            same_mean(r, &ref);
    }
    if (s == CSAT_OK && v == V_CONST)
        near("index sd of identical rows", r->sd, 0, 0);
    return s;
}

/* ------------------------------------------------------------------------ */
/* Tally estimators                                                          */

static csat_tally *tally_of(int v, int lo, int hi)
{
    csat_tally *t = NULL;
    MUST(csat_tally_create(lo, hi, &t, &e_));
    if (v != V_EMPTY) {
        input in;
        make_input(&in, v == V_ALLNAN || v == V_ZEROW || v == V_CONST ? v : V_REF, lo, hi);
        MUST(csat_tally_add(t, in.xp, in.n, in.wp, &e_));
    }
    return t;
}

typedef enum tkind { T_NPS, T_BOX, T_CSAT, T_TOP, T_BOTTOM, T_MEAN, T_CES } tkind;

static csat_status t_call(tkind kind, int v, csat_error *err, void *out)
{
    int lo = kind == T_NPS ? 0 : 1, hi = kind == T_NPS ? 10 : kind == T_CES ? 7 : 5;
    if (v == V_EDGE)
        edge_scale(kind == T_TOP ? SH_TOP : SH_BOTTOM, &lo, &hi);
    csat_tally *t = v == V_NULL_X ? NULL : tally_of(v, lo, hi);
    /* V_OPT1: options of another scale than the tally's. */
    int olo = v == V_OPT1 ? lo + 1 : lo, ohi = hi;
    double level = v == V_LEVEL ? 1.5 : 0.95;
    int null_out = v == V_NULL_OUT;
    csat_status s = CSAT_ERR_ARGUMENT;
    switch (kind) {
    case T_NPS: {
        csat_nps_options o = { sizeof o, olo, ohi, 9, 6, level, CSAT_NPS_WALD };
        o.size = options_size(v, sizeof o);
        if (v == V_OPT2)
            o.detractor_max = 9;
        s = csat_tally_nps(t, &o, OUT(csat_nps_result, out, v, null_out), err);
        break;
    }
    case T_BOX: {
        csat_scale_options o = { sizeof o, olo, ohi, level };
        o.size = options_size(v, sizeof o);
        s = csat_tally_box_share(t, v == V_OPT2 ? 5 : 4, v == V_OPT2 ? 4 : 5, &o,
                                 OUT(csat_share_result, out, v, null_out), err);
        break;
    }
    case T_CSAT: {
        csat_csat_options o = { sizeof o, olo, ohi, v == V_OPT2 ? 6 : 4, level };
        o.size = options_size(v, sizeof o);
        s = csat_tally_csat(t, &o, OUT(csat_share_result, out, v, null_out), err);
        break;
    }
    case T_TOP:
    case T_BOTTOM: {
        csat_scale_options o = { sizeof o, olo, ohi, level };
        o.size = options_size(v, sizeof o);
        int k = v == V_OPT2 ? 0 : v == V_EDGE ? 5 : 2;
        csat_share_result *r = OUT(csat_share_result, out, v, null_out);
        s = kind == T_TOP ? csat_tally_top_box(t, k, &o, r, err)
                          : csat_tally_bottom_box(t, k, &o, r, err);
        if (s == CSAT_OK && v == V_EDGE)
            near("share of all points", r->share, 1, 0);
        break;
    }
    case T_MEAN: {
        csat_mean_options o = { sizeof o, level };
        o.size = options_size(v, sizeof o);
        csat_mean_result *r = OUT(csat_mean_result, out, v, null_out);
        s = csat_tally_mean(t, &o, r, err);
        if (s == CSAT_OK && v == V_CONST)
            near("sd of a constant", r->sd, 0, 0);
        break;
    }
    case T_CES: {
        csat_ces_options o = { sizeof o, olo, ohi, v == V_OPT2 ? 8 : 5, level };
        o.size = options_size(v, sizeof o);
        s = csat_tally_ces(t, &o, OUT(csat_mean_result, out, v, null_out),
                           OUT_FULL(csat_share_result, (unsigned char *)out + 256,
                                    v == V_NULL_OUT2),
                           err);
        break;
    }
    }
    csat_tally_free(t);
    return s;
}

/* The moments of the reference answers, or of the data of variant v where
 * it describes them (all NaN, zero weights, constant, one value); none
 * added for V_EMPTY. The caller frees them. */
static csat_moments *moments_of(int v)
{
    csat_moments *m = NULL;
    MUST(csat_moments_create(&m, &e_));
    input in;
    int data = v == V_ALLNAN || v == V_ZEROW || v == V_CONST || v == V_ONE ? v : V_REF;
    make_input(&in, data, 1, 5);
    if (v != V_EMPTY)
        MUST(csat_moments_add(m, in.xp, in.n, in.wp, &e_));
    return m;
}

/* A struct no add or merge can produce (min > max) can no longer be
 * passed: the moments are opaque, and csat_moments_deserialize refuses
 * such a state (its FORMAT rows). */
static csat_status t_moments_mean(int v, csat_error *err, void *out)
{
    csat_moments *m = moments_of(v);
    csat_mean_options o = { sizeof o, v == V_LEVEL ? 1.5 : 0.95 };
    o.size = options_size(v, sizeof o);
    csat_mean_result *r = OUT(csat_mean_result, out, v, v == V_NULL_OUT);
    csat_status s = csat_moments_mean(v == V_NULL_X ? NULL : m, &o, r, err);
    if (s == CSAT_OK && v == V_SIZE_SHORT) {
        csat_mean_result ref = CSAT_RESULT_INIT(csat_mean_result);
        MUST(csat_moments_mean(m, &o, &ref, &e_));
        check_short(r, &ref);
    }
    csat_moments_free(m);
    return s;
}

static csat_status t_nps(int v, csat_error *err, void *out) { return t_call(T_NPS, v, err, out); }
static csat_status t_box(int v, csat_error *err, void *out) { return t_call(T_BOX, v, err, out); }
static csat_status t_csat(int v, csat_error *err, void *out) { return t_call(T_CSAT, v, err, out); }
static csat_status t_top(int v, csat_error *err, void *out) { return t_call(T_TOP, v, err, out); }
static csat_status t_bottom(int v, csat_error *err, void *out)
{
    return t_call(T_BOTTOM, v, err, out);
}
static csat_status t_mean(int v, csat_error *err, void *out) { return t_call(T_MEAN, v, err, out); }
static csat_status t_ces(int v, csat_error *err, void *out) { return t_call(T_CES, v, err, out); }

/* ======================================================================== */
/* Accumulators                                                              */
/* ======================================================================== */

static const double MBASE[3] = { 1.5, 2.5, 4.0 };

static snap snap_moments(const csat_moments *m)
{
    snap s = { malloc(CSAT_MOMENTS_SERIALIZED_SIZE), 0 };
    assert_non_null(s.b);
    MUST(csat_moments_serialize(m, s.b, CSAT_MOMENTS_SERIALIZED_SIZE, &s.len, &e_));
    return s;
}

/* Moments of MBASE (unweighted), the base of the accumulator rows. */
static csat_moments *moments_base(void)
{
    csat_moments *m = NULL;
    MUST(csat_moments_create(&m, &e_));
    MUST(csat_moments_add(m, MBASE, 3, NULL, &e_));
    return m;
}

/* Moments read from the serialized bytes of `m` with a u64 field patched:
 * states that are valid but that no short test could build by adding
 * (2^64 − 2 answers, say). Layout: "CSTM", u32 version, u64 n at 8,
 * u64 n_missing at 16, then sum_w, mean, m2, sum_w2, mean_w2, m2_w2, min,
 * max (f64 at 24 + 8i), 8 reserved bytes. */
static csat_moments *moments_patched(const csat_moments *m, size_t offset, uint64_t value)
{
    unsigned char b[CSAT_MOMENTS_SERIALIZED_SIZE];
    size_t len;
    MUST(csat_moments_serialize(m, b, sizeof b, &len, &e_));
    put_u64(b + offset, value);
    csat_moments *r = NULL;
    MUST(csat_moments_deserialize(b, len, &r, &e_));
    return r;
}

static void moments_roundtrip(const csat_moments *m)
{
    snap s = snap_moments(m);
    csat_moments *back = NULL;
    csat_error e;
    memset(&e, 0, sizeof e);
    if (csat_moments_deserialize(s.b, s.len, &back, &e) != CSAT_OK) {
        free(s.b);
        fail_msg("an accepted accumulator does not deserialise: %s", e.message);
    }
    same_snap(s, snap_moments(back), "the moments (serialisation round trip)");
    csat_moments_free(back);
}

static csat_status a_moments_create(int v, csat_error *err, void *out)
{
    csat_moments **r = v == V_NULL_OUT ? NULL : out;
    csat_status s = csat_moments_create(r, err);
    if (s == CSAT_OK)
        csat_moments_free(*r);
    return s;
}

static csat_status a_moments_copy(int v, csat_error *err, void *out)
{
    csat_moments *m = moments_base();
    csat_moments **r = v == V_NULL_OUT ? NULL : out;
    csat_status s = csat_moments_copy(v == V_NULL_X ? NULL : m, r, err);
    if (s == CSAT_OK) {
        same_snap(snap_moments(m), snap_moments(*r), "the copy of the moments");
        csat_moments_free(*r);
    }
    csat_moments_free(m);
    return s;
}

static csat_status a_moments_add(int v, csat_error *err, void *out)
{
    (void)out;
    csat_moments *m = NULL;
    int fresh = scaled(v) || v == V_W1E308;
    if (fresh)
        MUST(csat_moments_create(&m, &e_));
    else
        m = moments_base();
    snap before = snap_moments(m);
    input in;
    make_input(&in, v, 1, 5);
    double one[2] = { 1, 2 }, w2[2] = { 1e308, 1e308 };
    if (v == V_W1E308) {
        in.xp = one;
        in.wp = w2;
        in.n = 2;
    }
    csat_status s = csat_moments_add(in.null_out ? NULL : m, in.xp, in.n, in.wp, err);
    if (s != CSAT_OK) {
        same_snap(before, snap_moments(m), "the moments");
        csat_moments_free(m);
        return s;
    }
    if (v == V_EMPTY)
        same_snap(before, snap_moments(m), "the moments (no values added)");
    else
        free(before.b);
    if (v == V_ALLNAN) {
        csat_sample smp = CSAT_RESULT_INIT(csat_sample);
        MUST(csat_moments_sample(m, &smp, &e_));
        if (!(smp.n == 3 && smp.n_missing == NX))
            fail_msg("all-NaN input: n %zu, n_missing %zu (expected 3 and %d)", smp.n,
                     smp.n_missing, NX);
    }
    if (scaled(v) || v == V_W1E308) {
        moments_roundtrip(m);
        csat_mean_result got = CSAT_RESULT_INIT(csat_mean_result);
        csat_mean_result ref = CSAT_RESULT_INIT(csat_mean_result);
        MUST(csat_moments_mean(m, NULL, &got, &e_));
        if (v == V_W1E308) {
            near("mean of [1, 2] with weights 1e308", got.score, 1.5, 1e-15);
        } else {
            csat_moments *r = NULL;
            input ri;
            make_input(&ri, V_REF, 1, 5);
            MUST(csat_moments_create(&r, &e_));
            MUST(csat_moments_add(r, ri.xp, ri.n, ri.wp, &e_));
            MUST(csat_moments_mean(r, NULL, &ref, &e_));
            csat_moments_free(r);
            same_mean(&got, &ref);
        }
    }
    csat_moments_free(m);
    return s;
}

static csat_status a_moments_merge(int v, csat_error *err, void *out)
{
    (void)out;
    csat_moments *dst = moments_base(), *src = NULL;
    if (v == V_OVERFLOW) {
        /* valid alone; 3 + (SIZE_MAX − 1) answers wrap */
        src = moments_patched(dst, 8, (uint64_t)SIZE_MAX - 1);
    } else if (v == V_OVERFLOW2) {
        double nan = NAN;
        MUST(csat_moments_add(dst, &nan, 1, NULL, &e_));
        /* valid: n + n_missing = SIZE_MAX */
        src = moments_patched(dst, 16, (uint64_t)SIZE_MAX - 3);
    } else {
        MUST(csat_moments_copy(dst, &src, &e_));
    }
    snap before = snap_moments(dst);
    csat_status s = csat_moments_merge(v == V_NULL_OUT ? NULL : dst, v == V_NULL_X ? NULL : src,
                                       err);
    if (s != CSAT_OK)
        same_snap(before, snap_moments(dst), "the moments (a merge that failed)");
    else
        free(before.b);
    csat_moments_free(dst);
    csat_moments_free(src);
    return s;
}

static csat_status a_moments_sample(int v, csat_error *err, void *out)
{
    csat_moments *m = moments_base();
    csat_sample *r = OUT(csat_sample, out, v, v == V_NULL_OUT);
    csat_status s = csat_moments_sample(v == V_NULL_X ? NULL : m, r, err);
    if (s == CSAT_OK && v == V_SIZE_SHORT) {
        csat_sample ref = CSAT_RESULT_INIT(csat_sample);
        MUST(csat_moments_sample(m, &ref, &e_));
        check_short(r, &ref);
    }
    csat_moments_free(m);
    return s;
}

static csat_status a_moments_serialize(int v, csat_error *err, void *out)
{
    csat_moments *m = moments_base();
    unsigned char *buf = out;
    size_t *len = v == V_NULL_OUT ? NULL : (size_t *)(buf + 128);
    size_t cap = v == V_CAP ? CSAT_MOMENTS_SERIALIZED_SIZE - 1 : CSAT_MOMENTS_SERIALIZED_SIZE;
    csat_status s = csat_moments_serialize(v == V_NULL_X ? NULL : m, buf, cap, len, err);
    csat_moments_free(m);
    return s;
}

/* A valid blob of [1, 2, 4] with weights [1, 2, 1], patched by variant
 * (layout at moments_patched). */
static csat_status a_moments_deserialize(int v, csat_error *err, void *out)
{
    csat_moments *m = NULL;
    const double x[3] = { 1, 2, 4 }, w[3] = { 1, 2, 1 };
    MUST(csat_moments_create(&m, &e_));
    MUST(csat_moments_add(m, x, 3, w, &e_));
    unsigned char b[CSAT_MOMENTS_SERIALIZED_SIZE];
    size_t len;
    MUST(csat_moments_serialize(m, b, sizeof b, &len, &e_));
    csat_moments_free(m);
    switch (v) {
    case F_LEN0: len = 0; break;
    case F_TRUNC: len--; break;
    case F_MAGIC: b[0] = 'X'; break;
    case F_VERSION: put_u32(b + 4, 99); break;
    case F_NAN: put_f64(b + 24, NAN); break;
    case F_NEG: put_f64(b + 24, -4); break;                        /* Σw < 0 */
    case F_MINMAX: put_f64(b + 24 + 48, 4); put_f64(b + 24 + 56, 1); break;
    case F_RESERVED: b[90] = 1; break;
    case F_N0: put_u64(b + 8, 0); break;                           /* n 0, Σw 4 */
    case F_W2BIG: put_f64(b + 24 + 24, 17); break;                 /* Σw² > (Σw)² = 16 */
    case F_W2SMALL: put_f64(b + 24 + 24, 5); break;                /* Σw² < (Σw)²/n = 5.33 */
    case F_MEAN: put_f64(b + 24 + 8, 10); break;                   /* mean > max */
    default: break;
    }
    csat_moments **r = v == V_NULL_OUT ? NULL : out;
    csat_status s = csat_moments_deserialize(v == V_NULL_X ? NULL : b, len, r, err);
    if (s == CSAT_OK) {
        if (v == F_ROUNDTRIP) {
            unsigned char again[CSAT_MOMENTS_SERIALIZED_SIZE];
            size_t l2;
            MUST(csat_moments_serialize(*r, again, sizeof again, &l2, &e_));
            if (l2 != len || memcmp(again, b, len) != 0) {
                csat_moments_free(*r);
                fail_msg("an accepted blob does not re-serialise to the same bytes");
            }
        }
        csat_moments_free(*r);
    }
    return s;
}

/* ------------------------------------------------------------------------ */
/* Tally                                                                     */

/* A tally of 1..5 whose point 1 holds 2^64 − 1 answers, built by merges
 * (each one representable); *half gets a tally with 2^63 there. */
static csat_tally *big_tally(csat_tally **half)
{
    const double one = 1;
    csat_tally *t = NULL, *p = NULL;
    MUST(csat_tally_create(1, 5, &t, &e_));
    MUST(csat_tally_add(t, &one, 1, NULL, &e_));
    MUST(csat_tally_copy(t, &p, &e_));
    for (int i = 1; i < 64; i++) {
        MUST(csat_tally_merge(p, p, &e_)); /* 2^i */
        MUST(csat_tally_merge(t, p, &e_)); /* 2^(i+1) − 1 */
    }
    *half = p;
    return t;
}

static void tally_roundtrip(const csat_tally *t)
{
    snap s = snap_tally(t);
    csat_tally *back = NULL;
    csat_error e;
    memset(&e, 0, sizeof e);
    if (csat_tally_deserialize(s.b, s.len, &back, &e) != CSAT_OK) {
        free(s.b);
        fail_msg("an accepted tally does not deserialise: %s", e.message);
    }
    same_snap(s, snap_tally(back), "the tally (serialisation round trip)");
    csat_tally_free(back);
}

static csat_status a_tally_create(int v, csat_error *err, void *out)
{
    int lo = 0, hi = 10;
    if (v == V_OPT1) {
        lo = 5;
        hi = 1;
    }
    if (v == V_BIGSCALE) {
        lo = INT_MIN;
        hi = INT_MAX;
    }
    if (v == V_TOOBIG)
        hi = CSAT_TALLY_MAX_POINTS; /* 2^20 + 1 points */
    csat_tally **r = v == V_NULL_OUT ? NULL : out;
    csat_status s = csat_tally_create(lo, hi, r, err);
    if (s == CSAT_OK)
        csat_tally_free(*r);
    return s;
}

static csat_status a_tally_copy(int v, csat_error *err, void *out)
{
    csat_tally *t = tally_of(V_REF, 0, 10);
    csat_status s = csat_tally_copy(v == V_NULL_X ? NULL : t, v == V_NULL_OUT ? NULL : out, err);
    if (s == CSAT_OK)
        csat_tally_free(*(csat_tally **)out);
    csat_tally_free(t);
    return s;
}

static csat_status a_tally_add(int v, csat_error *err, void *out)
{
    (void)out;
    csat_tally *t = NULL, *half = NULL;
    const double one = 1;
    if (v == V_OVERFLOW)
        t = big_tally(&half);
    else
        t = scaled(v) ? tally_of(V_EMPTY, 0, 10) : tally_of(V_REF, 0, 10);
    snap before = snap_tally(t);
    input in;
    make_input(&in, v, 0, 10);
    if (v == V_OVERFLOW) { /* one more answer at the full point */
        in.xp = &one;
        in.n = 1;
        in.wp = NULL;
    }
    csat_status s = csat_tally_add(in.null_out ? NULL : t, in.xp, in.n, in.wp, err);
    if (s != CSAT_OK) {
        same_snap(before, snap_tally(t), "the tally");
    } else {
        if (v == V_EMPTY)
            same_snap(before, snap_tally(t), "the tally (no answers added)");
        else
            free(before.b);
        if (v == V_ALLNAN) {
            csat_sample smp = CSAT_RESULT_INIT(csat_sample);
            MUST(csat_tally_sample(t, &smp, &e_));
            if (smp.n_missing != NX)
                fail_msg("all-NaN input: n_missing %zu, expected %d", smp.n_missing, NX);
        }
        if (scaled(v)) {
            tally_roundtrip(t);
            csat_nps_result got = CSAT_RESULT_INIT(csat_nps_result);
            csat_nps_result ref = CSAT_RESULT_INIT(csat_nps_result);
            csat_tally *r = tally_of(V_REF, 0, 10);
            MUST(csat_tally_nps(t, NULL, &got, &e_));
            MUST(csat_tally_nps(r, NULL, &ref, &e_));
            csat_tally_free(r);
            same_nps(&got, &ref);
        }
    }
    csat_tally_free(t);
    csat_tally_free(half);
    return s;
}

static csat_status a_tally_merge(int v, csat_error *err, void *out)
{
    (void)out;
    csat_tally *dst = NULL, *src = NULL, *half = NULL, *other = NULL;
    if (v == V_OVERFLOW || v == V_OVERFLOW2) {
        dst = big_tally(&half);
        if (v == V_OVERFLOW) {
            src = tally_of(V_REF, 1, 5);
        } else { /* 2^63 + 2^63, merged with itself */
            csat_tally_free(dst);
            dst = half;
            half = NULL;
        }
    } else {
        dst = tally_of(V_REF, 1, 5);
        src = tally_of(V_REF, v == V_OPT1 ? 0 : 1, 5);
    }
    snap before = snap_tally(dst);
    const csat_tally *from = v == V_OVERFLOW2 ? dst : src;
    other = src;
    csat_status s = csat_tally_merge(v == V_NULL_OUT ? NULL : dst, v == V_NULL_X ? NULL : from,
                                     err);
    if (s != CSAT_OK)
        same_snap(before, snap_tally(dst), "the tally");
    else
        free(before.b);
    csat_tally_free(dst);
    csat_tally_free(other);
    csat_tally_free(half);
    return s;
}

static csat_status a_tally_scale(int v, csat_error *err, void *out)
{
    csat_tally *t = tally_of(V_REF, 0, 10);
    int *lo = out;
    csat_status s = csat_tally_scale(v == V_NULL_X ? NULL : t, v == V_NULL_Y ? NULL : lo,
                                     v == V_NULL_Z ? NULL : lo + 1, err);
    csat_tally_free(t);
    return s;
}

static csat_status a_tally_sample(int v, csat_error *err, void *out)
{
    csat_tally *t = tally_of(V_REF, 0, 10);
    csat_sample *r = OUT(csat_sample, out, v, v == V_NULL_OUT);
    csat_status s = csat_tally_sample(v == V_NULL_X ? NULL : t, r, err);
    if (s == CSAT_OK && v == V_SIZE_SHORT) {
        csat_sample ref = CSAT_RESULT_INIT(csat_sample);
        MUST(csat_tally_sample(t, &ref, &e_));
        check_short(r, &ref);
    }
    csat_tally_free(t);
    return s;
}

static csat_status a_tally_point(int v, csat_error *err, void *out)
{
    csat_tally *t = tally_of(V_REF, 0, 10);
    int value = v == V_SCALE_HI ? 11 : v == V_SCALE_LO ? -1 : v == V_BIGSCALE ? INT_MIN : 5;
    csat_status s = csat_tally_point(v == V_NULL_X ? NULL : t, value,
                                     OUT(csat_point, out, v, v == V_NULL_OUT), err);
    csat_tally_free(t);
    return s;
}

/* The size a serialization needs: a NULL buffer asks for it. */
static size_t tally_size(const csat_tally *t)
{
    size_t need = 0;
    MUST(csat_tally_serialize(t, NULL, 0, &need, &e_));
    return need;
}

static csat_status a_tally_serialize(int v, csat_error *err, void *out)
{
    csat_tally *t = tally_of(V_REF, 0, 10);
    size_t need = tally_size(t);
    unsigned char *buf = out;
    size_t *len = v == V_NULL_OUT ? NULL : (size_t *)(buf + 4096);
    csat_status s = csat_tally_serialize(v == V_NULL_X ? NULL : t, buf,
                                         v == V_CAP ? need - 1 : need, len, err);
    csat_tally_free(t);
    return s;
}

/* A valid tally of 1..5: unweighted 1, 2, 2, 5 and weighted 3 (w 2), 4 (w ½).
 * Layout: "CSTL", u32 version, i32 min, i32 max, u64 n_missing, then per
 * point u64 unit, u64 wcount, f64 sw, f64 sw2 (32 bytes at 24 + 32j). */
#define TP(j, field) (24 + 32 * (j) + 8 * (field))

static csat_status a_tally_deserialize(int v, csat_error *err, void *out)
{
    csat_tally *t = NULL;
    const double u[4] = { 1, 2, 2, 5 }, x[2] = { 3, 4 }, w[2] = { 2, 0.5 };
    MUST(csat_tally_create(1, 5, &t, &e_));
    MUST(csat_tally_add(t, u, 4, NULL, &e_));
    MUST(csat_tally_add(t, x, 2, w, &e_));
    snap blob = snap_tally(t);
    csat_tally_free(t);
    unsigned char *b = blob.b;
    size_t len = blob.len;
    switch (v) {
    case F_LEN0: len = 0; break;
    case F_TRUNC: len--; break;
    case F_MAGIC: b[0] = 'X'; break;
    case F_VERSION: put_u32(b + 4, 99); break;
    case F_SCALE: put_u32(b + 8, 6); break;                      /* min 6 > max 5 */
    case F_NAN: put_f64(b + TP(2, 2), NAN); break;
    case F_NEG: put_f64(b + TP(2, 2), -2); break;
    case F_W2ZERO: put_f64(b + TP(2, 3), 0); break;               /* Σw² 0, Σw 2 */
    case F_W2BIG: put_f64(b + TP(2, 3), 5); break;                /* Σw² 5 > (Σw)² 4 */
    case F_W2SMALL:                                              /* 2 answers, Σw 2, Σw² 1 < 2 */
        put_u64(b + TP(2, 1), 2);
        put_f64(b + TP(2, 3), 1);
        break;
    case F_COUNT0: put_u64(b + TP(2, 1), 0); break;               /* no answer, Σw 2 */
    case F_WRAP:                                                 /* 2^63 + 2^63 answers */
        put_u64(b + TP(0, 0), (uint64_t)1 << 63);
        put_u64(b + TP(1, 0), (uint64_t)1 << 63);
        break;
    default: break;
    }
    csat_tally **r = v == V_NULL_OUT ? NULL : out;
    csat_status s = csat_tally_deserialize(v == V_NULL_X ? NULL : b, len, r, err);
    if (s == CSAT_OK) {
        if (v == F_ROUNDTRIP) {
            snap again = snap_tally(*r);
            int same = again.len == len && memcmp(again.b, b, len) == 0;
            free(again.b);
            if (!same) {
                csat_tally_free(*r);
                free(blob.b);
                fail_msg("an accepted tally does not re-serialise to the same bytes");
            }
        }
        csat_tally_free(*r);
    }
    free(blob.b);
    return s;
}

/* ======================================================================== */
/* Drivers                                                                   */
/* ======================================================================== */

#define DN 12
static const double DX0[DN] = { 3, 5, 4, 6, 2, 7, 5, 4, 6, 3, 5, 7 };
static const double DX1[DN] = { 2, 4, 6, 3, 5, 4, 7, 2, 5, 6, 3, 4 };
static const double DY[DN] = { 3.1, 5.2, 5.9, 5.1, 3.6, 6.4, 6.8, 3.2, 6.0, 4.9, 4.3, 6.1 };
static const double DW[DN] = { 0.83, 1.27, 0.61, 1.95, 1.02, 0.74,
                               1.33, 0.58, 1.41, 0.96, 1.18, 0.87 };

typedef struct ddata {
    double x[DN * 2], y[DN], w[DN];
    const double *xp, *yp, *wp;
    size_t n, p, ld;
    int null_out;
} ddata;

/* Rows and columns of the bad elements the rows expect in err. */
#define D_INF_ROW 4
#define D_NEGINF_ROW 5
#define D_BADW_ROW 3

static void make_drivers(ddata *d, int v)
{
    for (size_t i = 0; i < DN; i++) {
        d->x[2 * i] = DX0[i];
        d->x[2 * i + 1] = DX1[i];
        d->y[i] = DY[i];
        d->w[i] = DW[i];
    }
    d->xp = d->x;
    d->yp = d->y;
    d->wp = d->w;
    d->n = DN;
    d->p = 2;
    d->ld = 2;
    d->null_out = 0;
    switch (v) {
    case V_NULL_X: d->xp = NULL; break;
    case V_NULL_Y: d->yp = NULL; break;
    case V_NULL_OUT: d->null_out = 1; break;
    case V_EMPTY: d->n = 0; break;
    case V_ALLNAN:
        for (size_t i = 0; i < DN; i++)
            d->y[i] = NAN;
        break;
    case V_POSINF: d->x[2 * D_INF_ROW + 1] = INFINITY; break;
    case V_NEGINF: d->y[D_NEGINF_ROW] = -INFINITY; break;
    case V_NEGW: d->w[D_BADW_ROW] = -1; break;
    case V_NANW: d->w[D_BADW_ROW] = NAN; break;
    case V_INFW: d->w[D_BADW_ROW] = INFINITY; break;
    case V_ZEROW: memset(d->w, 0, sizeof d->w); break;
    case V_BIGW:
    case V_SMALLW:
    case V_HUGEW:
    case V_TINYW:
        for (size_t i = 0; i < DN; i++)
            d->w[i] *= weight_factor(v);
        break;
    case V_EXTREME: d->x[2 * D_INF_ROW + 1] = 1e60; break;
    case V_CONST_X:
        for (size_t i = 0; i < DN; i++)
            d->x[2 * i + 1] = 0.7; /* not a binary fraction: its mean is inexact */
        break;
    case V_CONST_Y:
        for (size_t i = 0; i < DN; i++)
            d->y[i] = 7;
        break;
    case V_CONST_Y07:
        d->wp = NULL;
        for (size_t i = 0; i < DN; i++)
            d->y[i] = 0.7;
        break;
    case V_COLLINEAR:
        for (size_t i = 0; i < DN; i++)
            d->x[2 * i + 1] = 2 * d->x[2 * i] + 1;
        break;
    case V_FEW: d->n = 3; break;
    case V_OPT3: d->ld = 1; break;
    default: break;
    }
}

static csat_xprod *xprod_of(int v)
{
    ddata d;
    make_drivers(&d, v);
    csat_xprod *a = NULL;
    MUST(csat_xprod_create(2, &a, &e_));
    MUST(csat_xprod_add(a, d.xp, d.n, d.ld, d.yp, d.wp, &e_));
    return a;
}

static csat_xprod *xprod_copy(const csat_xprod *a)
{
    snap s = snap_xprod(a);
    csat_xprod *c = NULL;
    MUST(csat_xprod_deserialize(s.b, s.len, &c, &e_));
    free(s.b);
    return c;
}

/* An accumulator of 2^64 − 1 rows built by merges; *half gets 2^63 rows. */
static csat_xprod *big_xprod(csat_xprod **half)
{
    csat_xprod *t = NULL;
    MUST(csat_xprod_create(2, &t, &e_));
    MUST(csat_xprod_add(t, (const double[]){ 3, 2 }, 1, 2, (const double[]){ 4.5 }, NULL, &e_));
    csat_xprod *p = xprod_copy(t);
    for (int i = 1; i < 64; i++) {
        MUST(csat_xprod_merge(p, p, &e_));
        MUST(csat_xprod_merge(t, p, &e_));
    }
    *half = p;
    return t;
}

/* Coefficients, their SEs, R² and F of two models that must agree. */
static void same_model(const csat_drivers *a, const csat_drivers *b)
{
    csat_model_summary sa = CSAT_RESULT_INIT(csat_model_summary);
    csat_model_summary sb = CSAT_RESULT_INIT(csat_model_summary);
    MUST(csat_drivers_summary(a, &sa, &e_));
    MUST(csat_drivers_summary(b, &sb, &e_));
    near("r2", sa.r2, sb.r2, 1e-9);
    near("f", sa.f, sb.f, 1e-9);
    near("n_effective", sa.n_effective, sb.n_effective, 1e-9);
    for (size_t j = 0; j < sa.p + (size_t)sa.intercept; j++) {
        csat_coefficient ca = CSAT_RESULT_INIT(csat_coefficient);
        csat_coefficient cb = CSAT_RESULT_INIT(csat_coefficient);
        MUST(csat_drivers_coefficient(a, j, &ca, &e_));
        MUST(csat_drivers_coefficient(b, j, &cb, &e_));
        near("coefficient", ca.estimate, cb.estimate, 1e-9);
        near("coefficient se", ca.se, cb.se, 1e-9);
        near("coefficient p", ca.p, cb.p, 1e-9);
    }
}

static csat_drivers *fit_of(int v, int intercept)
{
    ddata d;
    make_drivers(&d, v);
    csat_drivers_options o = { sizeof o, intercept, 0.95 };
    csat_drivers *m = NULL;
    MUST(csat_drivers_fit(d.xp, d.n, d.p, d.ld, d.yp, d.wp, &o, &m, &e_));
    return m;
}

static csat_status a_xprod_create(int v, csat_error *err, void *out)
{
    size_t p = v == V_OPT1       ? 0
               : v == V_OPT2     ? CSAT_DRIVERS_MAX + 1
               : v == V_BIGSCALE ? SIZE_MAX
                                 : 2;
    csat_xprod **r = v == V_NULL_OUT ? NULL : out;
    csat_status s = csat_xprod_create(p, r, err);
    if (s == CSAT_OK)
        csat_xprod_free(*r);
    return s;
}

static csat_status a_xprod_add(int v, csat_error *err, void *out)
{
    (void)out;
    csat_xprod *a = NULL, *half = NULL;
    if (v == V_OVERFLOW)
        a = big_xprod(&half);
    else if (scaled(v))
        MUST(csat_xprod_create(2, &a, &e_));
    else
        a = xprod_of(V_REF);
    snap before = snap_xprod(a);
    ddata d;
    make_drivers(&d, v);
    if (v == V_OVERFLOW)
        d.n = 1;
    csat_status s = csat_xprod_add(d.null_out ? NULL : a, d.xp, d.n, d.ld, d.yp, d.wp, err);
    if (s != CSAT_OK) {
        same_snap(before, snap_xprod(a), "the accumulator");
    } else {
        if (v == V_EMPTY)
            same_snap(before, snap_xprod(a), "the accumulator (no rows added)");
        else
            free(before.b);
        if (v == V_ALLNAN) {
            csat_sample smp = CSAT_RESULT_INIT(csat_sample);
            MUST(csat_xprod_sample(a, &smp, &e_));
            if (smp.n != DN || smp.n_missing != DN)
                fail_msg("all-NaN rows: n %zu, n_missing %zu", smp.n, smp.n_missing);
        }
        if (scaled(v)) {
            csat_xprod *c = xprod_copy(a); /* must deserialise */
            csat_xprod *r = xprod_of(V_REF);
            csat_drivers *mg = NULL, *mr = NULL;
            MUST(csat_drivers_fit_xprod(c, NULL, &mg, &e_));
            MUST(csat_drivers_fit_xprod(r, NULL, &mr, &e_));
            same_model(mg, mr);
            csat_drivers_free(mg);
            csat_drivers_free(mr);
            csat_xprod_free(c);
            csat_xprod_free(r);
        }
    }
    csat_xprod_free(a);
    csat_xprod_free(half);
    return s;
}

static csat_status a_xprod_merge(int v, csat_error *err, void *out)
{
    (void)out;
    csat_xprod *dst = NULL, *src = NULL, *half = NULL;
    if (v == V_OVERFLOW) {
        dst = big_xprod(&half);
        src = xprod_of(V_REF);
    } else if (v == V_OVERFLOW2) {
        csat_xprod *full = big_xprod(&half);
        csat_xprod_free(full);
        dst = half; /* 2^63 rows merged with itself */
        half = NULL;
    } else {
        dst = xprod_of(V_REF);
        if (v == V_OPT1)
            MUST(csat_xprod_create(3, &src, &e_));
        else
            src = xprod_of(V_REF);
    }
    snap before = snap_xprod(dst);
    const csat_xprod *from = v == V_OVERFLOW2 ? dst : src;
    csat_status s = csat_xprod_merge(v == V_NULL_OUT ? NULL : dst, v == V_NULL_X ? NULL : from,
                                     err);
    if (s != CSAT_OK)
        same_snap(before, snap_xprod(dst), "the accumulator");
    else
        free(before.b);
    csat_xprod_free(dst);
    csat_xprod_free(src);
    csat_xprod_free(half);
    return s;
}

static csat_status a_xprod_copy(int v, csat_error *err, void *out)
{
    csat_xprod *a = xprod_of(V_REF);
    csat_xprod **r = v == V_NULL_OUT ? NULL : out;
    csat_status s = csat_xprod_copy(v == V_NULL_X ? NULL : a, r, err);
    if (s == CSAT_OK) {
        same_snap(snap_xprod(a), snap_xprod(*r), "the copy of the accumulator");
        csat_xprod_free(*r);
    }
    csat_xprod_free(a);
    return s;
}

static csat_status a_xprod_drivers(int v, csat_error *err, void *out)
{
    csat_xprod *a = xprod_of(V_REF);
    csat_status s = csat_xprod_drivers(v == V_NULL_X ? NULL : a, v == V_NULL_OUT ? NULL : out, err);
    csat_xprod_free(a);
    return s;
}

static csat_status a_xprod_sample(int v, csat_error *err, void *out)
{
    csat_xprod *a = xprod_of(V_REF);
    csat_sample *r = OUT(csat_sample, out, v, v == V_NULL_OUT);
    csat_status s = csat_xprod_sample(v == V_NULL_X ? NULL : a, r, err);
    if (s == CSAT_OK && v == V_SIZE_SHORT) {
        csat_sample ref = CSAT_RESULT_INIT(csat_sample);
        MUST(csat_xprod_sample(a, &ref, &e_));
        check_short(r, &ref);
    }
    csat_xprod_free(a);
    return s;
}

static csat_status a_xprod_serialize(int v, csat_error *err, void *out)
{
    csat_xprod *a = xprod_of(V_REF);
    size_t need;
    MUST(csat_xprod_serialize(a, NULL, 0, &need, &e_));
    unsigned char *buf = out;
    size_t *len = v == V_NULL_OUT ? NULL : (size_t *)(buf + 8192);
    csat_status s = csat_xprod_serialize(v == V_NULL_X ? NULL : a, buf,
                                         v == V_CAP ? need - 1 : need, len, err);
    csat_xprod_free(a);
    return s;
}

/* A valid accumulator of the 12 weighted rows, patched by variant. Header:
 * "CSTX", u32 version, u64 p, n, n_missing, n_pos, f64 sum_w, sum_w2 (at 8,
 * 16, 24, 32, 40, 48), then the means and co-moments from byte 56. */
static csat_status a_xprod_deserialize(int v, csat_error *err, void *out)
{
    csat_xprod *a = xprod_of(V_REF);
    snap blob = snap_xprod(a);
    csat_xprod_free(a);
    unsigned char *b = blob.b;
    size_t len = blob.len;
    double sw = get_f64(b + 40);
    switch (v) {
    case F_LEN0: len = 0; break;
    case F_TRUNC: len--; break;
    case F_MAGIC: b[0] = 'X'; break;
    case F_VERSION: put_u32(b + 4, 99); break;
    case F_SCALE: put_u64(b + 8, 0); break;                           /* p = 0 */
    case F_NAN: put_f64(b + 56, NAN); break;                          /* a mean */
    case F_NEG: put_f64(b + 40, -sw); break;                          /* Σw < 0 */
    case F_MINMAX: put_f64(b + 56 + 8 * 3, -1); break;                /* c[0][0] < 0 */
    case F_N0:                                                        /* n 0, n_pos 10^6 */
        put_u64(b + 16, 0);
        put_u64(b + 32, 1000000);
        break;
    case F_NPOS: put_u64(b + 32, DN + 1); break;                      /* n_pos > n */
    case F_W2BIG: put_f64(b + 48, sw * sw * 1.5); break;              /* Σw² > (Σw)² */
    case F_W2SMALL: put_f64(b + 48, sw * sw / DN / 4); break;         /* Σw² < (Σw)²/n */
    default: break;
    }
    csat_xprod **r = v == V_NULL_OUT ? NULL : out;
    csat_status s = csat_xprod_deserialize(v == V_NULL_X ? NULL : b, len, r, err);
    if (s == CSAT_OK) {
        if (v == F_ROUNDTRIP) {
            snap again = snap_xprod(*r);
            int same = again.len == len && memcmp(again.b, b, len) == 0;
            free(again.b);
            if (!same) {
                csat_xprod_free(*r);
                free(blob.b);
                fail_msg("an accepted accumulator does not re-serialise to the same bytes");
            }
        }
        csat_xprod_free(*r);
    }
    free(blob.b);
    return s;
}

static csat_status m_fit(int v, csat_error *err, void *out)
{
    ddata d;
    make_drivers(&d, v);
    csat_drivers_options o = CSAT_DRIVERS_OPTIONS_DEFAULT;
    o.size = options_size(v, sizeof o);
    if (v == V_LEVEL)
        o.level = 1.5;
    if (v == V_OPT1)
        o.intercept = 2;
    size_t p = v == V_BIGSCALE ? SIZE_MAX : v == V_OPT2 ? CSAT_DRIVERS_MAX + 1 : d.p;
    if (v == V_BIGSCALE || v == V_OPT2)
        d.ld = p;
    csat_drivers **r = d.null_out ? NULL : out;
    csat_status s = csat_drivers_fit(d.xp, d.n, p, d.ld, d.yp, d.wp, &o, r, err);
    if (s == CSAT_OK) {
        if (scaled(v)) {
            csat_drivers *ref = fit_of(V_REF, 1);
            same_model(*r, ref);
            csat_drivers_free(ref);
        }
        csat_drivers_free(*r);
    }
    return s;
}

static csat_status m_fit_xprod(int v, csat_error *err, void *out)
{
    csat_xprod *a = v == V_NULL_X ? NULL : xprod_of(v);
    csat_drivers_options o = CSAT_DRIVERS_OPTIONS_DEFAULT;
    o.size = options_size(v, sizeof o);
    if (v == V_LEVEL)
        o.level = 1.5;
    if (v == V_OPT1)
        o.intercept = 2;
    csat_drivers **r = v == V_NULL_OUT ? NULL : out;
    csat_status s = csat_drivers_fit_xprod(a, &o, r, err);
    if (s == CSAT_OK)
        csat_drivers_free(*r);
    csat_xprod_free(a);
    return s;
}

static csat_status m_summary(int v, csat_error *err, void *out)
{
    csat_drivers *m = fit_of(V_REF, 1);
    csat_model_summary *r = OUT(csat_model_summary, out, v, v == V_NULL_OUT);
    csat_status s = csat_drivers_summary(v == V_NULL_X ? NULL : m, r, err);
    if (s == CSAT_OK && v == V_SIZE_SHORT) {
        csat_model_summary ref = CSAT_RESULT_INIT(csat_model_summary);
        MUST(csat_drivers_summary(m, &ref, &e_));
        check_short(r, &ref);
    }
    csat_drivers_free(m);
    return s;
}

static csat_status m_coefficient(int v, csat_error *err, void *out)
{
    csat_drivers *m = fit_of(V_REF, 1);
    csat_coefficient *r = OUT(csat_coefficient, out, v, v == V_NULL_OUT);
    csat_status s = csat_drivers_coefficient(v == V_NULL_X ? NULL : m, v == V_OPT1 ? 3 : 1, r, err);
    if (s == CSAT_OK && v == V_SIZE_SHORT) {
        csat_coefficient ref = CSAT_RESULT_INIT(csat_coefficient);
        MUST(csat_drivers_coefficient(m, 1, &ref, &e_));
        check_short(r, &ref);
    }
    csat_drivers_free(m);
    return s;
}

static csat_status m_driver(int v, csat_error *err, void *out)
{
    csat_drivers *m = fit_of(V_REF, 1);
    csat_driver_info *r = OUT(csat_driver_info, out, v, v == V_NULL_OUT);
    csat_status s = csat_drivers_driver(v == V_NULL_X ? NULL : m, v == V_OPT1 ? 2 : 1, r, err);
    if (s == CSAT_OK && v == V_SIZE_SHORT) {
        csat_driver_info ref = CSAT_RESULT_INIT(csat_driver_info);
        MUST(csat_drivers_driver(m, 1, &ref, &e_));
        check_short(r, &ref);
    }
    csat_drivers_free(m);
    return s;
}

static csat_status m_importance(int v, csat_error *err, void *out)
{
    csat_drivers *m = fit_of(V_REF, v == V_OPT4 ? 0 : 1);
    csat_importance_options o = CSAT_IMPORTANCE_OPTIONS_DEFAULT;
    o.size = options_size(v, sizeof o);
    csat_importance_method method = CSAT_IMPORTANCE_LMG;
    if (v == V_OPT1)
        method = (csat_importance_method)99;
    if (v == V_OPT2)
        o.exact_max = 31;
    if (v == V_OPT3 || v == V_TOOBIG) {
        o.exact_max = 1; /* p = 2 drivers: Monte Carlo */
        o.permutations = v == V_OPT3 ? 1 : (size_t)CSAT_LMG_PERMUTATIONS_MAX + 1;
    }
    double *imp = out, *se = imp + 8;
    csat_status s = csat_drivers_importance(v == V_NULL_X ? NULL : m, method, &o,
                                            v == V_NULL_OUT ? NULL : imp, se, err);
    csat_drivers_free(m);
    return s;
}

/* 60 rows of 25 drivers (pseudo-random ratings 1..7) for p > CSAT_DOMINANCE_MAX. */
static csat_drivers *wide_model(void)
{
    enum { N = 60, P = CSAT_DOMINANCE_MAX + 1 };
    static double x[N * P], y[N];
    uint64_t s = 7;
    for (size_t i = 0; i < N; i++) {
        double acc = 0;
        for (size_t j = 0; j < P; j++) {
            s = s * 6364136223846793005ULL + 1442695040888963407ULL;
            x[i * P + j] = (double)((s >> 33) % 7 + 1);
            acc += x[i * P + j] * (double)(j % 3 + 1) / 10;
        }
        s = s * 6364136223846793005ULL + 1442695040888963407ULL;
        y[i] = acc + (double)((s >> 33) % 100) / 50;
    }
    csat_drivers *m = NULL;
    MUST(csat_drivers_fit(x, N, P, P, y, NULL, NULL, &m, &e_));
    return m;
}

static csat_status m_dominance(int v, csat_error *err, void *out)
{
    csat_drivers *m = v == V_TOOBIG ? wide_model() : fit_of(V_REF, v == V_OPT1 ? 0 : 1);
    double *general = out, *conditional = general + 32, *complete = conditional + 32;
    csat_importance_options o = CSAT_IMPORTANCE_OPTIONS_DEFAULT;
    o.size = options_size(v, sizeof o);
    csat_status s = csat_drivers_dominance(v == V_NULL_X ? NULL : m, &o, general,
                                           v == V_TOOBIG ? NULL : conditional,
                                           v == V_TOOBIG ? NULL : complete, err);
    csat_drivers_free(m);
    return s;
}

static csat_status m_bootstrap(int v, csat_error *err, void *out)
{
    csat_drivers *m = NULL;
    if (v == V_OPT1) { /* a model from an accumulator has no rows */
        csat_xprod *a = xprod_of(V_REF);
        MUST(csat_drivers_fit_xprod(a, NULL, &m, &e_));
        csat_xprod_free(a);
    } else if (v == V_OVERFLOW || v == V_NOMEM) { /* one driver, as in the issue */
        csat_drivers_options o = CSAT_DRIVERS_OPTIONS_DEFAULT;
        MUST(csat_drivers_fit(DX0, DN, 1, 1, DY, DW, &o, &m, &e_));
    } else {
        m = fit_of(V_REF, v == V_OPT4 ? 0 : 1);
    }
    csat_bootstrap_options o = { .size = sizeof o, .reps = 20, .level = 0.95, .seed = 1 };
    o.size = options_size(v, sizeof o);
    csat_importance_method method = CSAT_IMPORTANCE_LMG;
    if (v == V_OPT2)
        o.reps = 1;
    if (v == V_TOOBIG)
        o.reps = (size_t)CSAT_BOOTSTRAP_REPS_MAX + 1;
    if (v == V_LEVEL)
        o.level = 1.5;
    if (v == V_OPT3)
        method = (csat_importance_method)99;
    if (v == V_OVERFLOW)
        o.reps = ((size_t)1 << 61) + 1; /* reps · p · 8 wraps to 8 bytes */
    if (v == V_NOMEM)
        o.reps = (size_t)1 << 58;       /* 2^61 bytes: fits size_t, never memory */
    double *lower = out, *upper = lower + 8;
    size_t *failed = (size_t *)(upper + 8);
    csat_status s = csat_drivers_bootstrap(v == V_NULL_X ? NULL : m, method, &o,
                                           v == V_NULL_Y ? NULL : lower,
                                           v == V_NULL_Z ? NULL : upper, failed, err);
    csat_drivers_free(m);
    return s;
}

/* Crosshairs: V_OPT1 an infinite importance crosshair, V_OPT2 an infinite
 * performance crosshair; V_REF NaN crosshairs (the means, the default)
 * and V_OPT3 crosshairs of 0.1 and 4.2 are valid. */
static csat_status m_ipa(int v, csat_error *err, void *out)
{
    double imp[3] = { 0.2, 0.1, 0.05 }, perf[3] = { 4.1, 3.2, 4.5 };
    csat_ipa_options o = CSAT_IPA_OPTIONS_DEFAULT;
    o.size = options_size(v, sizeof o);
    size_t p = 3;
    if (v == V_EMPTY)
        p = 0;
    if (v == V_ALLNAN)
        imp[0] = imp[1] = imp[2] = NAN;
    if (v == V_POSINF)
        perf[1] = INFINITY;
    if (v == V_OPT1)
        o.importance_cross = INFINITY;
    if (v == V_OPT2)
        o.performance_cross = -INFINITY;
    if (v == V_OPT3) {
        o.importance_cross = 0.1;
        o.performance_cross = 4.2;
    }
    csat_ipa_quadrant *q = v == V_NULL_OUT ? NULL : out;
    csat_status s = csat_drivers_ipa(v == V_NULL_X ? NULL : imp, v == V_NULL_Y ? NULL : perf, p,
                                     &o, q, err);
    if (s == CSAT_OK) {
        /* Mean importance 0.1167, mean performance 3.933. */
        static const csat_ipa_quadrant at_means[3] = { CSAT_IPA_KEEP_UP, CSAT_IPA_LOW_PRIORITY,
                                                       CSAT_IPA_POSSIBLE_OVERKILL };
        static const csat_ipa_quadrant at_set[3] = { CSAT_IPA_CONCENTRATE_HERE,
                                                     CSAT_IPA_CONCENTRATE_HERE,
                                                     CSAT_IPA_POSSIBLE_OVERKILL };
        const csat_ipa_quadrant *want = v == V_OPT3 ? at_set : at_means;
        for (size_t j = 0; j < 3; j++)
            if (q[j] != want[j])
                fail_msg("IPA quadrant of driver %zu: %d, expected %d", j, (int)q[j],
                         (int)want[j]);
    }
    return s;
}

/* ======================================================================== */
/* Comparisons                                                               */
/* ======================================================================== */

static csat_nps_result nps_result(double score, double se)
{
    csat_nps_result r;
    memset(&r, 0, sizeof r);
    r.size = sizeof r;
    r.score = score;
    r.promoters = 0.5;
    r.detractors = 0.5 - score / 100;
    r.passives = 1 - r.promoters - r.detractors;
    r.se = se;
    r.ci_lower = score - 1.96 * se;
    r.ci_upper = score + 1.96 * se;
    r.level = 0.95;
    r.n = 100;
    r.n_weighted = 100;
    r.n_effective = 100;
    return r;
}

static csat_share_result share_result(double share, double n_eff)
{
    csat_share_result r;
    memset(&r, 0, sizeof r);
    r.size = sizeof r;
    r.share = share;
    r.score = 100 * share;
    r.se = sqrt(share * (1 - share) / n_eff); /* proportions, as the library gives them */
    r.ci_lower = share - 0.09;
    r.ci_upper = share + 0.09;
    r.level = 0.95;
    r.box_min = 4;
    r.box_max = 5;
    r.n = 100;
    r.n_weighted = 100;
    r.n_effective = n_eff;
    return r;
}

static csat_mean_result mean_result(double score, double se, double df)
{
    csat_mean_result r;
    memset(&r, 0, sizeof r);
    r.size = sizeof r;
    r.score = score;
    r.sd = se * sqrt(df + 1);
    r.se = se;
    r.ci_lower = score - 2 * se;
    r.ci_upper = score + 2 * se;
    r.level = 0.95;
    r.df = df;
    r.min = 1;
    r.max = 5;
    r.n = (size_t)df + 1;
    r.n_weighted = df + 1;
    r.n_effective = df + 1;
    return r;
}

/* The options of a comparison under variant v: level 1.5 for V_LEVEL, the
 * size variants of options. */
static csat_compare_options compare_options(int v)
{
    csat_compare_options o = CSAT_COMPARE_OPTIONS_DEFAULT;
    o.size = options_size(v, sizeof o);
    if (v == V_LEVEL)
        o.level = 1.5;
    return o;
}

/* V_ISIZE0: a result given to a comparison with its size 0. */
#define INPUT_SIZE(r, v)                                                                       \
    do {                                                                                       \
        if ((v) == V_ISIZE0)                                                                   \
            (r).size = 0;                                                                      \
    } while (0)

/* A successful comparison has a finite statistic or ±inf, and p in [0, 1]. */
static void sane_comparison(const csat_comparison *c)
{
    if (!(c->p >= 0 && c->p <= 1))
        fail_msg("p-value %g is not in [0, 1]", c->p);
    if (isnan(c->statistic) || isnan(c->df) || isnan(c->se))
        fail_msg("NaN in a successful comparison (statistic %g, df %g, se %g)", c->statistic,
                 c->df, c->se);
}

/* SE variants of the comparisons: 0 (no spread), 1e-160 and 1e160. */
static double se_of(int v, double se)
{
    return v == V_CONST ? 0 : v == V_TINYW ? 1e-160 : v == V_HUGEW ? 1e160 : se;
}

/* The checks of a comparison that succeeded; under V_SIZE_SHORT `ref`
 * (the same call with a full result) gives the bytes its size covers. */
static void comparison_ok(int v, const csat_comparison *c, const csat_comparison *ref)
{
    if (v == V_SIZE_SHORT)
        check_short(c, ref);
    else
        sane_comparison(c);
}

static csat_status c_nps_benchmark(int v, csat_error *err, void *out)
{
    csat_nps_result a = nps_result(30, se_of(v, 5));
    double bench = v == V_SCALE_HI ? 101 : 20;
    csat_compare_options o = compare_options(v);
    if (v == V_ALLNAN)
        a.score = NAN;
    if (v == V_POSINF)
        a.score = INFINITY;
    if (v == V_NAN)
        a.se = NAN;
    if (v == V_NEGINF)
        a.se = INFINITY;
    INPUT_SIZE(a, v);
    csat_comparison *c = OUT(csat_comparison, out, v, v == V_NULL_OUT);
    csat_status s = csat_compare_nps_benchmark(v == V_NULL_X ? NULL : &a, bench, &o, c, err);
    if (s == CSAT_OK) {
        csat_comparison ref = CSAT_RESULT_INIT(csat_comparison);
        MUST(csat_compare_nps_benchmark(&a, bench, &o, &ref, &e_));
        comparison_ok(v, c, &ref);
    }
    return s;
}

static csat_status c_share_benchmark(int v, csat_error *err, void *out)
{
    csat_share_result a = share_result(v == V_CONST ? 1 : 0.6, 100);
    double bench = v == V_SCALE_LO ? 0 : 0.5; /* a proportion */
    csat_compare_options o = compare_options(v);
    if (v == V_ALLNAN)
        a.share = NAN;
    if (v == V_SCALE_HI)
        a.share = 1.5;
    if (v == V_POSINF)
        a.n_effective = INFINITY;
    if (v == V_FEW)
        a.n_effective = 0;
    INPUT_SIZE(a, v);
    csat_comparison *c = OUT(csat_comparison, out, v, v == V_NULL_OUT);
    csat_status s = csat_compare_share_benchmark(v == V_NULL_X ? NULL : &a, bench, &o, c, err);
    if (s == CSAT_OK) {
        csat_comparison ref = CSAT_RESULT_INIT(csat_comparison);
        MUST(csat_compare_share_benchmark(&a, bench, &o, &ref, &e_));
        comparison_ok(v, c, &ref);
    }
    return s;
}

static csat_status c_mean_benchmark(int v, csat_error *err, void *out)
{
    csat_mean_result a = mean_result(4.1, se_of(v, 0.1), v == V_FEW ? 0 : 99);
    double bench = v == V_SCALE_HI ? INFINITY : 4;
    csat_compare_options o = compare_options(v);
    if (v == V_ALLNAN)
        a.score = NAN;
    if (v == V_POSINF)
        a.score = INFINITY;
    if (v == V_NAN)
        a.se = NAN;
    INPUT_SIZE(a, v);
    csat_comparison *c = OUT(csat_comparison, out, v, v == V_NULL_OUT);
    csat_status s = csat_compare_mean_benchmark(v == V_NULL_X ? NULL : &a, bench, &o, c, err);
    if (s == CSAT_OK) {
        csat_comparison ref = CSAT_RESULT_INIT(csat_comparison);
        MUST(csat_compare_mean_benchmark(&a, bench, &o, &ref, &e_));
        comparison_ok(v, c, &ref);
    }
    return s;
}

static csat_status c_nps(int v, csat_error *err, void *out)
{
    csat_nps_result a = nps_result(30, se_of(v, 5)), b = nps_result(20, se_of(v, 6));
    csat_compare_options o = compare_options(v);
    if (v == V_ALLNAN)
        a.score = NAN;
    if (v == V_POSINF)
        b.score = INFINITY;
    if (v == V_SCALE_HI)
        a.score = 150;
    if (v == V_NAN)
        b.se = NAN;
    INPUT_SIZE(b, v);
    csat_comparison *c = OUT(csat_comparison, out, v, v == V_NULL_OUT);
    csat_status s = csat_compare_nps(v == V_NULL_X ? NULL : &a, v == V_NULL_Y ? NULL : &b, &o, c,
                                     err);
    if (s == CSAT_OK) {
        csat_comparison ref = CSAT_RESULT_INIT(csat_comparison);
        MUST(csat_compare_nps(&a, &b, &o, &ref, &e_));
        comparison_ok(v, c, &ref);
    }
    return s;
}

static csat_status c_shares(int v, csat_error *err, void *out)
{
    csat_share_result a = share_result(v == V_CONST ? 1 : 0.6, 100);
    csat_share_result b = share_result(v == V_CONST ? 1 : 0.5, 80);
    csat_compare_options o = compare_options(v);
    if (v == V_ALLNAN)
        a.share = NAN;
    if (v == V_SCALE_LO)
        b.share = -0.1;
    if (v == V_POSINF)
        b.n_effective = INFINITY;
    if (v == V_FEW)
        a.n_effective = 0;
    INPUT_SIZE(a, v);
    csat_comparison *c = OUT(csat_comparison, out, v, v == V_NULL_OUT);
    csat_status s = csat_compare_shares(v == V_NULL_X ? NULL : &a, v == V_NULL_Y ? NULL : &b,
                                        &o, c, err);
    if (s == CSAT_OK) {
        csat_comparison ref = CSAT_RESULT_INIT(csat_comparison);
        MUST(csat_compare_shares(&a, &b, &o, &ref, &e_));
        comparison_ok(v, c, &ref);
    }
    return s;
}

static csat_status c_means(int v, csat_error *err, void *out)
{
    csat_mean_result a = mean_result(4.1, se_of(v, 0.1), v == V_FEW ? 0 : 99);
    csat_mean_result b = mean_result(3.9, se_of(v, 0.1), 99);
    csat_compare_options o = compare_options(v);
    if (v == V_ALLNAN)
        a.score = NAN;
    if (v == V_POSINF)
        b.score = -INFINITY;
    if (v == V_NAN)
        a.se = NAN;
    INPUT_SIZE(b, v);
    csat_comparison *c = OUT(csat_comparison, out, v, v == V_NULL_OUT);
    csat_status s = csat_compare_means(v == V_NULL_X ? NULL : &a, v == V_NULL_Y ? NULL : &b, &o,
                                       c, err);
    if (s == CSAT_OK) {
        csat_comparison ref = CSAT_RESULT_INIT(csat_comparison);
        MUST(csat_compare_means(&a, &b, &o, &ref, &e_));
        comparison_ok(v, c, &ref);
        if (v == V_HUGEW || v == V_TINYW) /* Welch df of equal SEs on 99 df each */
            near("Welch df", c->df, 198, 1e-9);
    }
    return s;
}

static csat_status c_adjust(int v, csat_error *err, void *out)
{
    double p[4] = { 0.01, 0.04, 0.03, 0.2 };
    size_t n = v == V_EMPTY ? 0 : 4;
    if (v == V_ALLNAN)
        p[0] = p[1] = p[2] = p[3] = NAN;
    if (v == V_POSINF)
        p[1] = INFINITY;
    if (v == V_SCALE_HI)
        p[2] = 1.5;
    if (v == V_SCALE_LO)
        p[2] = -0.1;
    csat_compare_options o = compare_options(v);
    if (v == V_OPT1)
        o.adjust = 9;
    if (v == V_OPT2)
        o.adjust = -1;
    return csat_compare_adjust(v == V_NULL_X ? NULL : p, n, &o, v == V_NULL_OUT ? NULL : out,
                               err);
}

static csat_status c_trend(int v, csat_error *err, void *out)
{
    double score[4] = { 30, 32, 35, 33 }, se[4] = { 2, 2.5, 2, 3 }, time[4] = { 0, 1, 2, 4 };
    size_t k = v == V_EMPTY ? 0 : v == V_FEW ? 1 : 4;
    csat_compare_options o = compare_options(v);
    if (v == V_ALLNAN)
        score[0] = score[1] = score[2] = score[3] = NAN;
    if (v == V_POSINF)
        score[2] = INFINITY;
    if (v == V_CONST)
        se[1] = 0;
    if (v == V_OPT1)
        time[2] = 1; /* not increasing */
    int extreme = v == V_HUGEW || v == V_TINYW;
    if (extreme)
        for (int i = 0; i < 4; i++)
            se[i] *= v == V_HUGEW ? 1e160 : 1e-160;
    csat_trend_result *r = OUT(csat_trend_result, out, v, v == V_NULL_OUT);
    /* The changes: their first element's size is the stride of all
     * (V_OPT2: 0). */
    csat_comparison *changes = (csat_comparison *)((unsigned char *)out + 512);
    sized(changes, v == V_OPT2 ? 0 : sizeof *changes, sizeof *changes);
    csat_status s = csat_compare_trend(v == V_NULL_X ? NULL : score, v == V_NULL_Y ? NULL : se,
                                       time, k, &o, r, changes, err);
    if (s == CSAT_OK && (extreme || v == V_SIZE_SHORT)) {
        const double se1[4] = { 2, 2.5, 2, 3 };
        csat_trend_result ref = CSAT_RESULT_INIT(csat_trend_result);
        csat_comparison ch[3] = { CSAT_RESULT_INIT(csat_comparison) };
        MUST(csat_compare_trend(score, extreme ? se1 : se, time, 4, &o, &ref, ch, &e_));
        if (v == V_SIZE_SHORT) {
            check_short(r, &ref);
        } else {
            near("trend slope", r->slope, ref.slope, 1e-12);
            near("trend z", r->z, ref.z * (v == V_HUGEW ? 1e-160 : 1e160), 1e-12);
        }
    }
    return s;
}

static csat_status c_percentile(int v, csat_error *err, void *out)
{
    double peers[5] = { 20, 35, 41, 28, 50 }, score = v == V_NAN ? NAN : 33;
    size_t n = v == V_EMPTY ? 0 : 5;
    csat_compare_options o = compare_options(v);
    if (v == V_ALLNAN)
        peers[0] = peers[1] = peers[2] = peers[3] = peers[4] = NAN;
    if (v == V_POSINF)
        peers[3] = INFINITY;
    csat_rank_result *r = OUT(csat_rank_result, out, v, v == V_NULL_OUT);
    csat_status s = csat_compare_rank(score, v == V_NULL_X ? NULL : peers, n, &o, r, err);
    if (s == CSAT_OK && v == V_SIZE_SHORT) {
        csat_rank_result ref = CSAT_RESULT_INIT(csat_rank_result);
        MUST(csat_compare_rank(score, peers, n, &o, &ref, &e_));
        check_short(r, &ref);
    }
    return s;
}

/* 300 respondents × 2 attributes; the bad one at row 280 (after the first
 * block of 256 rows), attribute 1. */
#define GN 300
#define G_ROW 280

static csat_status c_gap(int v, csat_error *err, void *out)
{
    static double e[GN * 2], q[GN * 2];
    for (size_t i = 0; i < GN; i++) {
        e[2 * i] = (double)(i % 5 + 1);
        e[2 * i + 1] = (double)(i % 7 + 1);
        q[2 * i] = (double)((i * 3) % 5 + 1);
        q[2 * i + 1] = (double)((i * 2) % 7 + 1);
    }
    size_t n = GN, k = 2, ld = 2;
    csat_compare_options o = compare_options(v);
    switch (v) {
    case V_EMPTY: n = 0; break;
    case V_ALLNAN:
        for (size_t i = 0; i < GN * 2; i++)
            e[i] = NAN;
        break;
    case V_POSINF: q[2 * G_ROW + 1] = INFINITY; break;
    case V_EXTREME: /* both finite, the difference overflows */
        e[2 * G_ROW + 1] = -1e308;
        q[2 * G_ROW + 1] = 1e308;
        break;
    case V_FEW: n = 1; break;
    case V_CONST:
        for (size_t i = 0; i < GN * 2; i++)
            q[i] = e[i] + 1;
        break;
    case V_OPT1: k = 0; break;
    case V_OPT2: ld = 1; break;
    case V_OVERFLOW: /* k comparisons of 72 bytes wrap size_t; nothing may be read */
        k = ld = SIZE_MAX / sizeof(csat_comparison) + 1;
        n = 1;
        break;
    default: break;
    }
    /* The k results: the first one's size is the stride of all. With
     * V_SIZE_SHORT the stride is SHORT_SIZE: each element is its size and
     * its diff, packed (the driver's check beyond a short size does not
     * apply to such an array, the case checks it). */
    csat_comparison *res = v == V_NULL_OUT ? NULL : out;
    if (res != NULL)
        sized(res, result_size(v, sizeof *res), v == V_SIZE_SHORT ? SHORT_SIZE : sizeof *res);
    size_t *pairs = (size_t *)((unsigned char *)out + 1024);
    csat_status s = csat_compare_gap(v == V_NULL_X ? NULL : e, v == V_NULL_Y ? NULL : q, n, k, ld,
                                     &o, res, pairs, err);
    if (s == CSAT_OK && v == V_SIZE_SHORT) {
        csat_comparison ref[2] = { CSAT_RESULT_INIT(csat_comparison) };
        MUST(csat_compare_gap(e, q, n, k, ld, &o, ref, NULL, &e_));
        const unsigned char *b = out;
        for (size_t j = 0; j < k; j++) {
            size_t size;
            double diff;
            memcpy(&size, b + j * SHORT_SIZE, sizeof size);
            memcpy(&diff, b + j * SHORT_SIZE + sizeof size, sizeof diff);
            if (size != SHORT_SIZE || memcmp(&diff, &ref[j].diff, sizeof diff) != 0)
                fail_msg("gap %zu with a stride of %zu: size %zu, diff %g (expected %g)", j,
                         (size_t)SHORT_SIZE, size, diff, ref[j].diff);
        }
        for (size_t i = k * SHORT_SIZE; i < 2 * sizeof(csat_comparison); i++)
            if (b[i] != SENTINEL)
                fail_msg("gap results with a stride of %zu: byte %zu written", (size_t)SHORT_SIZE,
                         i);
    }
    return s;
}

/* ======================================================================== */
/* Business measures                                                         */
/* ======================================================================== */

/* The options of a business measure under variant v: level 1.5 for
 * V_LEVEL, the size variants of options. */
static csat_business_options business_options(int v)
{
    csat_business_options o = CSAT_BUSINESS_OPTIONS_DEFAULT;
    o.size = options_size(v, sizeof o);
    if (v == V_LEVEL)
        o.level = 1.5;
    return o;
}

static csat_status b_retention(int v, csat_error *err, void *out)
{
    double s = 100, e = 95, a = 10;
    csat_business_options o = business_options(v);
    if (v == V_NAN)
        s = NAN;
    if (v == V_POSINF)
        e = INFINITY;
    if (v == V_EMPTY)
        s = 0;
    if (v == V_SCALE_LO)
        a = -1;
    if (v == V_OPT1)
        a = 96; /* more new customers than at the end */
    if (v == V_OPT2)
        e = 200; /* more kept than at the start */
    csat_retention_result *r = OUT(csat_retention_result, out, v, v == V_NULL_OUT);
    csat_status st = csat_business_retention(s, e, a, &o, r, err);
    if (st == CSAT_OK && v == V_SIZE_SHORT) {
        csat_retention_result ref = CSAT_RESULT_INIT(csat_retention_result);
        MUST(csat_business_retention(s, e, a, &o, &ref, &e_));
        check_short(r, &ref);
    }
    return st;
}

#define BN 6
static csat_status b_churn_period(int v, csat_error *err, void *out)
{
    double st[BN] = { 0, 1, 2, 3, 5, 8 }, en[BN] = { 4, NAN, 6, NAN, 9, NAN };
    double t0 = 3, t1 = 7;
    size_t n = v == V_EMPTY ? 0 : BN;
    csat_business_options o = business_options(v);
    switch (v) {
    case V_ALLNAN:
        for (size_t i = 0; i < BN; i++)
            st[i] = NAN;
        break;
    case V_NAN:
        for (size_t i = 0; i < BN; i++)
            en[i] = NAN; /* everyone still active: valid */
        break;
    case V_POSINF: st[2] = INFINITY; break;
    case V_SCALE_LO: en[2] = 1; break; /* ends before it starts */
    case V_OPT1: t1 = t0; break;
    case V_OPT2: t0 = NAN; break;
    default: break;
    }
    return csat_business_churn(v == V_NULL_X ? NULL : st, v == V_NULL_Y ? NULL : en, n, t0, t1,
                               &o, OUT(csat_retention_result, out, v, v == V_NULL_OUT), err);
}

static csat_status b_churn_convert(int v, csat_error *err, void *out)
{
    double c = v == V_NAN ? NAN : v == V_SCALE_HI ? 1.5 : 0.02;
    double k = v == V_POSINF ? INFINITY : v == V_OPT1 ? 0 : 12;
    csat_business_options o = business_options(v);
    return csat_business_churn_convert(c, k, &o, v == V_NULL_OUT ? NULL : out, err);
}

#define SN 8
static csat_status b_survival_fit(int v, csat_error *err, void *out)
{
    double t[SN] = { 3, 5, 5, 8, 10, 12, 15, 20 }, f[SN] = { 1, 1, 0, 1, 0, 1, 1, 0 };
    size_t n = v == V_EMPTY ? 0 : SN;
    csat_business_options o = business_options(v);
    switch (v) {
    case V_ALLNAN:
        for (size_t i = 0; i < SN; i++)
            t[i] = NAN;
        break;
    case V_POSINF: t[I_INF] = INFINITY; break;
    case V_SCALE_LO: t[I_SCALE] = -1; break;
    case V_NONINT: f[I_NONINT] = 0.5; break;
    case V_CONST:
        for (size_t i = 0; i < SN; i++)
            t[i] = 7;
        break;
    case V_OVERFLOW: n = SIZE_MAX / 8 + 1; break; /* n · 8 wraps; nothing may be read */
    case V_OPT1: o.level = 0; break;
    default: break;
    }
    csat_survival **r = v == V_NULL_OUT ? NULL : out;
    csat_status s = csat_survival_fit(v == V_NULL_X ? NULL : t, f, n, &o, r, err);
    if (s == CSAT_OK)
        csat_survival_free(*r);
    return s;
}

static csat_survival *curve(void)
{
    const double t[SN] = { 3, 5, 5, 8, 10, 12, 15, 20 };
    csat_survival *s = NULL;
    MUST(csat_survival_fit(t, NULL, SN, NULL, &s, &e_));
    return s;
}

static csat_status b_survival_summary(int v, csat_error *err, void *out)
{
    csat_survival *c = curve();
    csat_curve_summary *r = OUT(csat_curve_summary, out, v, v == V_NULL_OUT);
    csat_status s = csat_survival_summary(v == V_NULL_X ? NULL : c, r, err);
    if (s == CSAT_OK && v == V_SIZE_SHORT) {
        csat_curve_summary ref = CSAT_RESULT_INIT(csat_curve_summary);
        MUST(csat_survival_summary(c, &ref, &e_));
        check_short(r, &ref);
    }
    csat_survival_free(c);
    return s;
}

static csat_status b_survival_step(int v, csat_error *err, void *out)
{
    csat_survival *c = curve();
    csat_survival_point *r = OUT(csat_survival_point, out, v, v == V_NULL_OUT);
    csat_status s = csat_survival_step(v == V_NULL_X ? NULL : c, v == V_OPT1 ? 100 : 0, r, err);
    if (s == CSAT_OK && v == V_SIZE_SHORT) {
        csat_survival_point ref = CSAT_RESULT_INIT(csat_survival_point);
        MUST(csat_survival_step(c, 0, &ref, &e_));
        check_short(r, &ref);
    }
    csat_survival_free(c);
    return s;
}

static csat_status b_survival_at(int v, csat_error *err, void *out)
{
    csat_survival *c = curve();
    double t = v == V_NAN ? NAN : v == V_POSINF ? INFINITY : 6;
    csat_status s = csat_survival_at(v == V_NULL_X ? NULL : c, t,
                                     OUT(csat_survival_point, out, v, v == V_NULL_OUT), err);
    csat_survival_free(c);
    return s;
}

/* The options: V_OPT1 an unknown timing, V_OPT2 a negative horizon,
 * V_OPT4 a NaN horizon, V_NONINT a horizon of 2.5; V_OPT3 an infinite
 * horizon with retention 1 and discount 0 (the sum diverges). */
static csat_status b_clv(int v, csat_error *err, void *out)
{
    double margin = v == V_NAN ? NAN : v == V_POSINF ? INFINITY : 120;
    double retention = v == V_SCALE_HI ? 1.5 : v == V_OPT3 ? 1 : 0.8;
    double discount = v == V_OPT3 ? 0 : v == V_SCALE_LO ? -1 : 0.1;
    csat_business_options o = business_options(v);
    o.timing = v == V_OPT1 ? 7 : CSAT_CLV_END_OF_PERIOD;
    o.horizon = v == V_NONINT ? 2.5 : v == V_OPT2 ? -1 : v == V_OPT4 ? NAN
                : v == V_OPT3 ? INFINITY : 10;
    return csat_business_clv(margin, retention, discount, &o, v == V_NULL_OUT ? NULL : out, err);
}

/* The options: V_LEVEL a level of 1.5, V_OPT1 per 0, V_OPT2 per −1000,
 * V_OPT3 per NaN, V_OPT4 per +inf. */
static csat_status b_rate(int v, csat_error *err, void *out)
{
    double count = v == V_NAN ? NAN : v == V_SCALE_LO ? -1 : v == V_NONINT ? 2.5 : 12;
    double exposure = v == V_POSINF ? INFINITY : v == V_EMPTY ? 0 : 4000;
    csat_business_options o = business_options(v);
    o.per = v == V_OPT1 ? 0 : v == V_OPT2 ? -1000 : v == V_OPT3 ? NAN : v == V_OPT4 ? INFINITY
                                                                                      : 1000;
    csat_rate_result *r = OUT(csat_rate_result, out, v, v == V_NULL_OUT);
    csat_status s = csat_business_rate(count, exposure, &o, r, err);
    if (s == CSAT_OK && v == V_SIZE_SHORT) {
        csat_rate_result ref = CSAT_RESULT_INIT(csat_rate_result);
        MUST(csat_business_rate(count, exposure, &o, &ref, &e_));
        check_short(r, &ref);
    }
    return s;
}

static csat_status b_complaints(int v, csat_error *err, void *out)
{
    double codes[NX] = { 3, 1, 3, 2, 3, 1, 7, 3, 2, 1 };
    size_t n = v == V_EMPTY ? 0 : NX, cap = v == V_CAP ? 3 : 8;
    csat_business_options o = business_options(v);
    switch (v) {
    case V_ALLNAN:
        for (size_t i = 0; i < NX; i++)
            codes[i] = NAN;
        break;
    case V_POSINF: codes[I_INF] = INFINITY; break;
    case V_NONINT: codes[I_NONINT] = 2.5; break;
    case V_SCALE_HI: codes[I_SCALE] = 1152921504606846976.0; break; /* 2^60 */
    case V_OVERFLOW: n = SIZE_MAX / 8 + 1; break;
    default: break;
    }
    /* The categories: the first one's size is the stride of all. */
    csat_category_count *cats = OUT(csat_category_count, out, v, v == V_NULL_Y);
    size_t *ncat = (size_t *)((unsigned char *)out + 1024);
    csat_sample *smp = OUT_FULL(csat_sample, (unsigned char *)out + 1104, 0);
    return csat_business_complaints(v == V_NULL_X ? NULL : codes, n, &o, cats, cap,
                                    v == V_NULL_OUT ? NULL : ncat, smp, err);
}

static csat_status b_resolution(int v, csat_error *err, void *out)
{
    double t[SN] = { 3, 5, 5, 8, 10, 12, 15, 20 }, f[SN] = { 1, 1, 0, 1, 0, 1, 1, 0 };
    double probs[2] = { 0.5, 0.9 }, sla = 10;
    size_t n = v == V_EMPTY ? 0 : SN;
    csat_business_options o = business_options(v);
    switch (v) {
    case V_ALLNAN:
        for (size_t i = 0; i < SN; i++)
            t[i] = NAN;
        break;
    case V_POSINF: t[I_INF] = INFINITY; break;
    case V_SCALE_LO: t[I_SCALE] = -1; break;
    case V_NONINT: f[I_NONINT] = 2; break;
    case V_FEW:
        for (size_t i = 0; i < SN; i++)
            f[i] = 0; /* nothing resolved */
        break;
    case V_NAN: sla = NAN; break;
    case V_OPT1: sla = -1; break;
    case V_SCALE_HI: probs[1] = 1.5; break;
    case V_OVERFLOW: n = SIZE_MAX / 8 + 1; break;
    default: break;
    }
    double *q = out;
    csat_resolution_result *r = OUT(csat_resolution_result, (unsigned char *)out + 64, v,
                                    v == V_NULL_OUT);
    csat_status s = csat_business_resolution(v == V_NULL_X ? NULL : t, f, n, sla,
                                             v == V_NULL_Y ? NULL : probs, 2, &o,
                                             v == V_NULL_Z ? NULL : q, r, err);
    return s;
}

/* Reviews give three results: the summary (the one the size variants
 * apply to), the mean rating at 256 bytes (V_NULL_OUT2: NULL) and the
 * positive share at 512 (V_NULL_OUT3: NULL). */
static csat_status b_reviews(int v, csat_error *err, void *out)
{
    input in;
    make_input(&in, v, 1, 5);
    csat_reviews_options o = CSAT_REVIEWS_OPTIONS_DEFAULT;
    o.size = options_size(v, sizeof o);
    if (v == V_LEVEL)
        o.level = 1.5;
    if (v == V_OPT1)
        o.prior_weight = -1;
    if (v == V_OPT2)
        o.positive_min = 6;
    if (v == V_OPT3)
        o.prior_mean = INFINITY;
    if (v == V_BIGSCALE) {
        o.scale_min = INT_MIN;
        o.scale_max = INT_MAX;
    }
    unsigned char *b = out;
    csat_reviews_result *r = OUT(csat_reviews_result, b, v, in.null_out);
    csat_mean_result *rating = OUT_FULL(csat_mean_result, b + 256, v == V_NULL_OUT2);
    csat_share_result *positive = OUT_FULL(csat_share_result, b + 512, v == V_NULL_OUT3);
    csat_status s = csat_score_reviews(in.xp, in.n, &o, r, rating, positive, err);
    if (s == CSAT_OK && v == V_CONST)
        near("reviews sd of a constant", rating->sd, 0, 0);
    if (s == CSAT_OK && v == V_SIZE_SHORT) {
        csat_reviews_result ref = CSAT_RESULT_INIT(csat_reviews_result);
        csat_mean_result ref_rating = CSAT_RESULT_INIT(csat_mean_result);
        csat_share_result ref_positive = CSAT_RESULT_INIT(csat_share_result);
        MUST(csat_score_reviews(in.xp, in.n, &o, &ref, &ref_rating, &ref_positive, &e_));
        check_short(r, &ref);
        same_mean(rating, &ref_rating);
        same_share(positive, &ref_positive);
    }
    return s;
}

/* ======================================================================== */
/* Groups                                                                    */
/* ======================================================================== */

/* The answers of `input` in NG groups: rows 0, 3, 6 in group 0, rows 1, 4,
 * 7 in group 1, rows 2, 5, 9 in group 2 and row 8 in none. The bad code of
 * the group-code variants sits at row I_GCODE. */
#define NG 3
#define I_GCODE 7
static const int32_t GREF[NX] = { 0, 1, 2, 0, 1, 2, 0, 1, CSAT_GROUP_NONE, 2 };

/* Where the outputs of a grouped call are carved from out_buf: the G
 * results, the G second results (the low-effort shares of a CES) and the
 * G flags. */
#define G_OUT2 1024
#define G_FLAGS 2048

typedef struct ginput {
    input in;
    int32_t g[NX];
    const int32_t *gp;
    size_t groups, cap;
} ginput;

static void make_ginput(ginput *gi, int v, int lo, int hi)
{
    make_input(&gi->in, v, lo, hi);
    memcpy(gi->g, GREF, sizeof gi->g);
    gi->gp = v == V_NULL_Y ? NULL : gi->g;
    gi->groups = v == V_GROUPS0 ? 0 : v == V_GROUPS_BIG ? (size_t)CSAT_GROUPS_MAX + 1 : NG;
    gi->cap = v == V_CAP ? NG - 1 : NG;
    switch (v) {
    case V_GCODE_NEG: /* through the weighted pass */
        gi->g[I_GCODE] = -2;
        gi->in.wp = gi->in.w;
        break;
    case V_GCODE_G: gi->g[I_GCODE] = NG; break; /* through the unweighted one */
    case V_GCODE_BIG: gi->g[I_GCODE] = INT32_MAX; break;
    default: break;
    }
}

/* Group options: min_n 3 (the groups of the reference data are OK, smaller
 * ones SMALL), then what the variant makes of them. */
static csat_group_options group_options(int v)
{
    csat_group_options o = CSAT_GROUP_OPTIONS_DEFAULT;
    o.min_n = 3;
    if (v == V_GOSIZE0)
        o.size = 0;
    if (v == V_GOSIZE_BIG)
        o.size = sizeof o + sizeof(size_t);
    if (v == V_GOPT)
        o.complement = 2;
    if (v == V_GOPT2)
        o.complement = -1;
    if (v == V_COMPLEMENT)
        o.complement = 1;
    return o;
}

/* The first element of an array of results of `full` bytes at p: its size
 * (the stride of all) set by the variant. Under V_SIZE_SHORT the elements
 * are packed at SHORT_SIZE: the driver checks the first one's size and
 * check_packed() the rest. */
static void *sized_array(void *p, int v, size_t full)
{
    if (v == V_SIZE_SHORT)
        return sized(p, SHORT_SIZE, SHORT_SIZE);
    return sized(p, result_size(v, full), full);
}

#define OUT_ARRAY(T, p, v, null) ((null) ? (T *)NULL : (T *)sized_array((p), (v), sizeof(T)))

/* V_SIZE_SHORT on an array of `count` results: element j has the size
 * SHORT_SIZE and the bytes it covers of ref[j] (full results of the same
 * call), and nothing after the packed elements is written. */
static void check_packed(const void *out, size_t count, const void *ref, size_t full)
{
    const unsigned char *b = out, *r = ref;
    for (size_t j = 0; j < count; j++) {
        size_t size;
        memcpy(&size, b + j * SHORT_SIZE, sizeof size);
        if (size != SHORT_SIZE)
            fail_msg("packed result %zu has the size %zu, expected %zu", j, size,
                     (size_t)SHORT_SIZE);
        if (memcmp(b + j * SHORT_SIZE + sizeof size, r + j * full + sizeof size,
                   SHORT_SIZE - sizeof size)
            != 0)
            fail_msg("packed result %zu did not receive the bytes its size covers", j);
    }
    for (size_t i = count * SHORT_SIZE; i < count * full; i++)
        if (b[i] != SENTINEL)
            fail_msg("results packed at a stride of %zu: byte %zu written", (size_t)SHORT_SIZE, i);
}

/* Serialised bytes of a grouped accumulator (caller frees). */
static snap snap_grouped(const csat_grouped *a)
{
    snap s = { NULL, 0 };
    MUST(csat_grouped_serialize(a, NULL, 0, &s.len, &e_));
    s.b = malloc(s.len + 1); /* one more for F_LONG */
    assert_non_null(s.b);
    MUST(csat_grouped_serialize(a, s.b, s.len, &s.len, &e_));
    return s;
}

/* The data a grouped accumulator of variant v holds: that of the variant
 * where it describes the data, else the weighted reference answers. */
static int grouped_data(int v)
{
    return v == V_ALLNAN || v == V_ZEROW || v == V_CONST || v == V_ONE ? v : V_REF;
}

/* NG tallies of [lo, hi] (or moments) holding the answers of variant v
 * where it describes them (all NaN, zero weights, constant, one answer),
 * none for V_EMPTY, else the weighted reference answers. */
static csat_grouped *grouped_of(int v, int lo, int hi, int tally)
{
    csat_grouped *a = NULL;
    if (tally)
        MUST(csat_grouped_create(NG, lo, hi, &a, &e_));
    else
        MUST(csat_grouped_create_moments(NG, &a, &e_));
    if (v != V_EMPTY) {
        ginput gi;
        make_ginput(&gi, grouped_data(v), lo, hi);
        MUST(csat_grouped_add(a, gi.in.xp, gi.in.n, gi.in.wp, gi.g, &e_));
    }
    return a;
}

/* ------------------------------------------------------------------------ */
/* Scores of every group                                                     */

typedef enum gkind { G_NPS, G_BOX, G_CSAT, G_TOP, G_BOTTOM, G_MEAN, G_CES } gkind;

/* The scale of each score's answers (the mean's are continuous values on
 * 1..5, in moments). */
static void gkind_scale(gkind k, int *lo, int *hi)
{
    *lo = k == G_NPS ? 0 : 1;
    *hi = k == G_NPS ? 10 : k == G_CES ? 7 : 5;
}

static size_t gkind_size(gkind k)
{
    return k == G_NPS                  ? sizeof(csat_nps_result)
           : k == G_MEAN || k == G_CES ? sizeof(csat_mean_result)
                                       : sizeof(csat_share_result);
}

/* The options of every score. */
typedef struct gopts {
    csat_nps_options nps;
    csat_scale_options scale;
    csat_csat_options csat;
    csat_mean_options mean;
    csat_ces_options ces;
    int lo, hi, k; /* boxes lo..hi; k top or bottom boxes */
} gopts;

/* Valid options of each score on its scale, then what variant v makes of
 * them: a level of 1.5, the size variants of options, a scale of 2^32
 * points (V_BIGSCALE), another scale than the accumulator's (V_OPT3), the
 * function's own bad options (V_OPT1, V_OPT2). */
static gopts score_options(gkind k, int v)
{
    int lo, hi;
    gkind_scale(k, &lo, &hi);
    double level = v == V_LEVEL ? 1.5 : 0.95;
    gopts o = { { sizeof(csat_nps_options), lo, hi, 9, 6, level, CSAT_NPS_WALD },
                { sizeof(csat_scale_options), lo, hi, level },
                { sizeof(csat_csat_options), lo, hi, 4, level },
                { sizeof(csat_mean_options), level },
                { sizeof(csat_ces_options), lo, hi, 5, level },
                4, 5, 2 };
    o.nps.size = options_size(v, sizeof o.nps);
    o.scale.size = options_size(v, sizeof o.scale);
    o.csat.size = options_size(v, sizeof o.csat);
    o.mean.size = options_size(v, sizeof o.mean);
    o.ces.size = options_size(v, sizeof o.ces);
    if (v == V_BIGSCALE || v == V_OPT3) {
        int smin = v == V_OPT3 ? lo + 1 : INT_MIN, smax = v == V_OPT3 ? hi : INT_MAX;
        o.nps.scale_min = o.scale.scale_min = o.csat.scale_min = o.ces.scale_min = smin;
        o.nps.scale_max = o.scale.scale_max = o.csat.scale_max = o.ces.scale_max = smax;
    }
    if (v == V_OPT1) {
        o.nps.promoter_min = o.nps.detractor_max; /* crossed thresholds */
        o.lo = 5;                                  /* boxes 5..4 */
        o.hi = 4;
        o.csat.satisfied_min = 6; /* off the scale */
        o.k = 0;
        o.ces.low_effort_min = 8; /* off the scale */
    }
    if (v == V_OPT2) {
        o.nps.method = (csat_nps_method)7;
        o.k = 6; /* more boxes than points */
    }
    return o;
}

static csat_status grouped_call(gkind k, const csat_grouped *a, const gopts *o,
                                const csat_group_options *go, void *r, void *r2, int *flags,
                                size_t cap, csat_error *err)
{
    switch (k) {
    case G_NPS: return csat_grouped_nps(a, &o->nps, go, r, flags, cap, err);
    case G_BOX: return csat_grouped_box_share(a, o->lo, o->hi, &o->scale, go, r, flags, cap, err);
    case G_CSAT: return csat_grouped_csat(a, &o->csat, go, r, flags, cap, err);
    case G_TOP: return csat_grouped_top_box(a, o->k, &o->scale, go, r, flags, cap, err);
    case G_BOTTOM: return csat_grouped_bottom_box(a, o->k, &o->scale, go, r, flags, cap, err);
    case G_MEAN: return csat_grouped_mean(a, &o->mean, go, r, flags, cap, err);
    case G_CES: return csat_grouped_ces(a, &o->ces, go, r, r2, flags, cap, err);
    }
    return CSAT_ERR_ARGUMENT;
}

static csat_status array_call(gkind k, const ginput *gi, const gopts *o,
                              const csat_group_options *go, void *r, void *r2, int *flags,
                              size_t cap, csat_error *err)
{
    const double *x = gi->in.xp, *w = gi->in.wp;
    const int32_t *g = gi->gp;
    size_t n = gi->in.n, G = gi->groups;
    switch (k) {
    case G_NPS: return csat_score_nps_grouped(x, n, w, g, G, &o->nps, go, r, flags, cap, err);
    case G_BOX:
        return csat_score_box_share_grouped(x, n, w, g, G, o->lo, o->hi, &o->scale, go, r, flags,
                                            cap, err);
    case G_CSAT: return csat_score_csat_grouped(x, n, w, g, G, &o->csat, go, r, flags, cap, err);
    case G_TOP:
        return csat_score_top_box_grouped(x, n, w, g, G, o->k, &o->scale, go, r, flags, cap, err);
    case G_BOTTOM:
        return csat_score_bottom_box_grouped(x, n, w, g, G, o->k, &o->scale, go, r, flags, cap,
                                             err);
    case G_MEAN: return csat_score_mean_grouped(x, n, w, g, G, &o->mean, go, r, flags, cap, err);
    case G_CES:
        return csat_score_ces_grouped(x, n, w, g, G, &o->ces, go, r, r2, flags, cap, err);
    }
    return CSAT_ERR_ARGUMENT;
}

/* The ungrouped score of some rows, the reference of one group's result. */
static csat_status ungrouped_call(gkind k, const double *x, size_t n, const double *w,
                                  const gopts *o, void *r, void *r2)
{
    csat_error e;
    switch (k) {
    case G_NPS: return csat_score_nps(x, n, w, &o->nps, r, &e);
    case G_BOX: return csat_score_box_share(x, n, w, o->lo, o->hi, &o->scale, r, &e);
    case G_CSAT: return csat_score_csat(x, n, w, &o->csat, r, &e);
    case G_TOP: return csat_score_top_box(x, n, w, o->k, &o->scale, r, &e);
    case G_BOTTOM: return csat_score_bottom_box(x, n, w, o->k, &o->scale, r, &e);
    case G_MEAN: return csat_score_mean(x, n, w, &o->mean, r, &e);
    case G_CES: return csat_score_ces(x, n, w, &o->ces, r, r2, &e);
    }
    return CSAT_ERR_ARGUMENT;
}

typedef union any_result {
    csat_nps_result nps;
    csat_share_result share;
    csat_mean_result mean;
} any_result;

/* The estimate, its SE and n of a result of kind k. */
static double point_of(gkind k, const void *r)
{
    return k == G_NPS                  ? ((const csat_nps_result *)r)->score
           : k == G_MEAN || k == G_CES ? ((const csat_mean_result *)r)->score
                                       : ((const csat_share_result *)r)->share;
}

static double se_of_result(gkind k, const void *r)
{
    return k == G_NPS                  ? ((const csat_nps_result *)r)->se
           : k == G_MEAN || k == G_CES ? ((const csat_mean_result *)r)->se
                                       : ((const csat_share_result *)r)->se;
}

static size_t n_of(gkind k, const void *r)
{
    return k == G_NPS                  ? ((const csat_nps_result *)r)->n
           : k == G_MEAN || k == G_CES ? ((const csat_mean_result *)r)->n
                                       : ((const csat_share_result *)r)->n;
}

/* A grouped call that succeeded, against the ungrouped score of each
 * group's rows (the rows of every other group with `complement`): the same
 * estimate and n; the flag EMPTY (estimate NaN, n 0) where the ungrouped
 * score finds no answer, SMALL below min_n, else OK. (Standard errors are
 * those of domain estimation, not of the rows alone: groups.h.) Results
 * at the stride of full structs. */
static void check_groups(gkind k, const ginput *gi, const csat_group_options *go,
                         const void *res, const void *res2, const int *flags)
{
    const gopts o = score_options(k, V_REF);
    const size_t full = gkind_size(k);
    for (size_t d = 0; d < NG; d++) {
        double x[NX], w[NX];
        size_t m = 0;
        for (size_t i = 0; i < gi->in.n; i++) {
            if (gi->g[i] < 0 || (((size_t)gi->g[i] == d) == (go->complement == 1)))
                continue;
            x[m] = gi->in.x[i];
            w[m] = gi->in.wp != NULL ? gi->in.wp[i] : 1;
            m++;
        }
        any_result ref, ref2;
        memset(&ref, 0, sizeof ref);
        memcpy(&ref, &full, sizeof full);
        ref2.share = (csat_share_result)CSAT_RESULT_INIT(csat_share_result);
        csat_status s = ungrouped_call(k, x, m, gi->in.wp != NULL ? w : NULL, &o, &ref, &ref2);
        const void *got = (const unsigned char *)res + d * full;
        if (s == CSAT_ERR_EMPTY) {
            if (flags[d] != CSAT_GROUP_EMPTY || !isnan(point_of(k, got)) || n_of(k, got) != 0)
                fail_msg("group %zu has no answer: flag %d, estimate %g, n %zu (expected "
                         "EMPTY, NaN, 0)",
                         d, flags[d], point_of(k, got), n_of(k, got));
            continue;
        }
        if (s != CSAT_OK)
            fail_msg("the ungrouped score of group %zu failed: %s", d, csat_strerror(s));
        near("group estimate", point_of(k, got), point_of(k, &ref), 1e-12);
        if (n_of(k, got) != n_of(k, &ref))
            fail_msg("group %zu: n %zu, the ungrouped score has %zu", d, n_of(k, got),
                     n_of(k, &ref));
        int want = n_of(k, &ref) < go->min_n ? CSAT_GROUP_SMALL : CSAT_GROUP_OK;
        if (flags[d] != want)
            fail_msg("group %zu of %zu answers: flag %d, expected %d", d, n_of(k, &ref),
                     flags[d], want);
        if (k == G_CES) {
            const csat_share_result *low = (const csat_share_result *)res2 + d;
            near("group low-effort share", low->share, ref2.share.share, 1e-12);
        }
    }
}

/* The checks of a grouped score that succeeded (the result arrays at
 * their carved places). `again` repeats the call with full results
 * (V_SIZE_SHORT, V_NULL_OPT) into ref / ref2 / fl. */
typedef csat_status (*again_fn)(void *ctx, void *ref, void *ref2, int *fl);

static void grouped_ok(gkind k, int v, const ginput *data, const csat_group_options *go,
                       const void *r, const void *r2, const int *flags, again_fn again,
                       void *ctx)
{
    const size_t full = gkind_size(k);
    any_result ref[NG];
    csat_share_result ref2[NG];
    int fl[NG];
    memset(ref, 0, sizeof ref);
    memcpy(&ref[0], &full, sizeof full);
    ref2[0] = (csat_share_result)CSAT_RESULT_INIT(csat_share_result);
    if (v == V_SIZE_SHORT || flags == NULL) {
        csat_status s = again(ctx, ref, ref2, fl);
        if (s != CSAT_OK)
            fail_msg("the same call with full results failed: %s", csat_strerror(s));
    }
    if (v == V_SIZE_SHORT) {
        check_packed(r, NG, ref, full);
        return;
    }
    /* results are packed at the stride of the first one (full here) */
    check_groups(k, data, go, r, r2, flags != NULL ? flags : fl);
    /* 0 up to rounding: the weighted SD of a tally is not always exactly 0
     * (csat_tally_mean does the same), that of moments is. */
    if (v == V_CONST)
        for (size_t d = 0; d < NG; d++) {
            double se = se_of_result(k, (const unsigned char *)r + d * full);
            if (!(se >= 0 && se <= 1e-12))
                fail_msg("group %zu of constant answers: SE %g", d, se);
        }
}

/* Agreement up to rounding, absolute below `floor` (a share or interval
 * limit at 0 that the weights' scale moves by 1e-17). */
static void near_floor(const char *what, double got, double want, double floor)
{
    if ((isnan(got) && isnan(want)) || got == want)
        return;
    double scale = fabs(want) > floor ? fabs(want) : floor;
    if (!(fabs(got - want) <= SCALE_TOL * scale))
        fail_msg("%s: got %.17g, expected %.17g", what, got, want);
}

/* Two results of kind k of the same data whose weights differ by a
 * factor: the same estimates, SEs and intervals. */
static void same_group_result(gkind k, const void *a, const void *b)
{
    if (k == G_NPS) {
        const csat_nps_result *x = a, *y = b;
        near_floor("nps score", x->score, y->score, 1e-2);
        near_floor("nps se", x->se, y->se, 1e-2);
        near_floor("nps ci_lower", x->ci_lower, y->ci_lower, 1e-2);
        near_floor("nps ci_upper", x->ci_upper, y->ci_upper, 1e-2);
        near_floor("nps n_effective", x->n_effective, y->n_effective, 1);
    } else if (k == G_MEAN || k == G_CES) {
        const csat_mean_result *x = a, *y = b;
        near_floor("mean", x->score, y->score, 1e-4);
        near_floor("mean sd", x->sd, y->sd, 1e-4);
        near_floor("mean se", x->se, y->se, 1e-4);
        near_floor("mean ci_lower", x->ci_lower, y->ci_lower, 1e-4);
        near_floor("mean ci_upper", x->ci_upper, y->ci_upper, 1e-4);
        near_floor("mean n_effective", x->n_effective, y->n_effective, 1);
    } else {
        const csat_share_result *x = a, *y = b;
        near_floor("share", x->share, y->share, 1e-4);
        near_floor("share se", x->se, y->se, 1e-4);
        near_floor("share ci_lower", x->ci_lower, y->ci_lower, 1e-4);
        near_floor("share ci_upper", x->ci_upper, y->ci_upper, 1e-4);
        near_floor("share n_effective", x->n_effective, y->n_effective, 1);
    }
}

typedef struct gctx {
    gkind k;
    const csat_grouped *a;
    const ginput *gi;
    const gopts *o;
    const csat_group_options *go;
} gctx;

static csat_status grouped_again(void *ctx, void *ref, void *ref2, int *fl)
{
    const gctx *c = ctx;
    return grouped_call(c->k, c->a, c->o, c->go, ref, ref2, fl, NG, NULL);
}

static csat_status array_again(void *ctx, void *ref, void *ref2, int *fl)
{
    const gctx *c = ctx;
    return array_call(c->k, c->gi, c->o, c->go, ref, ref2, fl, NG, NULL);
}

/* A score of every group of an accumulator: tallies of the score's scale
 * (moments for the mean; V_KIND gives the other kind), holding the data of
 * the variant. */
static csat_status g_score(gkind k, int v, csat_error *err, void *out)
{
    int lo, hi;
    gkind_scale(k, &lo, &hi);
    int tally = (k != G_MEAN) != (v == V_KIND);
    csat_grouped *a = grouped_of(v, lo, hi, tally);
    ginput data;
    make_ginput(&data, grouped_data(v), lo, hi);
    if (v == V_EMPTY)
        data.in.n = 0;
    unsigned char *b = out;
    void *r = v == V_NULL_OUT ? NULL : sized_array(b, v, gkind_size(k));
    void *r2 = k != G_CES || v == V_NULL_OUT2
                   ? NULL
                   : OUT_FULL(csat_share_result, b + G_OUT2, 0);
    int *flags = v == V_NULL_OPT ? NULL : (int *)(b + G_FLAGS);
    gopts o = score_options(k, v);
    csat_group_options go = group_options(v);
    size_t cap = v == V_CAP ? NG - 1 : NG;
    const csat_grouped *arg = v == V_NULL_X ? NULL : a;
    csat_status s = grouped_call(k, arg, &o, &go, r, r2, flags, cap, err);
    if (s == CSAT_OK) {
        gctx c = { k, a, NULL, &o, &go };
        grouped_ok(k, v, &data, &go, r, r2, flags, grouped_again, &c);
    }
    csat_grouped_free(a);
    return s;
}

/* A score of every group from arrays. */
static csat_status s_grouped(gkind k, int v, csat_error *err, void *out)
{
    int lo, hi;
    gkind_scale(k, &lo, &hi);
    ginput gi;
    make_ginput(&gi, v, lo, hi);
    unsigned char *b = out;
    void *r = gi.in.null_out ? NULL : sized_array(b, v, gkind_size(k));
    void *r2 = k != G_CES || v == V_NULL_OUT2
                   ? NULL
                   : OUT_FULL(csat_share_result, b + G_OUT2, 0);
    int *flags = v == V_NULL_OPT ? NULL : (int *)(b + G_FLAGS);
    gopts o = score_options(k, v);
    csat_group_options go = group_options(v);
    csat_status s = array_call(k, &gi, &o, &go, r, r2, flags, gi.cap, err);
    if (s != CSAT_OK)
        return s;
    gctx c = { k, NULL, &gi, &o, &go };
    grouped_ok(k, v, &gi, &go, r, r2, flags, array_again, &c);
    if (scaled(v)) {
        /* the same results as the unscaled weights, SEs included */
        ginput ri;
        make_ginput(&ri, V_REF, lo, hi);
        any_result ref[NG];
        csat_share_result ref2[NG];
        const size_t full = gkind_size(k);
        memset(ref, 0, sizeof ref);
        memcpy(&ref[0], &full, sizeof full);
        ref2[0] = (csat_share_result)CSAT_RESULT_INIT(csat_share_result);
        MUST(array_call(k, &ri, &o, &go, ref, ref2, NULL, NG, &e_));
        for (size_t d = 0; d < NG; d++) {
            const unsigned char *got = (const unsigned char *)r + d * full;
            const unsigned char *want = (const unsigned char *)ref + d * full;
            same_group_result(k, got, want);
            if (k == G_CES)
                same_group_result(G_BOX, (const csat_share_result *)r2 + d, &ref2[d]);
        }
    }
    return s;
}

static csat_status g_nps(int v, csat_error *err, void *out) { return g_score(G_NPS, v, err, out); }
static csat_status g_box(int v, csat_error *err, void *out) { return g_score(G_BOX, v, err, out); }
static csat_status g_csat(int v, csat_error *err, void *out)
{
    return g_score(G_CSAT, v, err, out);
}
static csat_status g_top(int v, csat_error *err, void *out) { return g_score(G_TOP, v, err, out); }
static csat_status g_bottom(int v, csat_error *err, void *out)
{
    return g_score(G_BOTTOM, v, err, out);
}
static csat_status g_mean(int v, csat_error *err, void *out)
{
    return g_score(G_MEAN, v, err, out);
}
static csat_status g_ces(int v, csat_error *err, void *out) { return g_score(G_CES, v, err, out); }

static csat_status sg_nps(int v, csat_error *err, void *out)
{
    return s_grouped(G_NPS, v, err, out);
}
static csat_status sg_box(int v, csat_error *err, void *out)
{
    return s_grouped(G_BOX, v, err, out);
}
static csat_status sg_csat(int v, csat_error *err, void *out)
{
    return s_grouped(G_CSAT, v, err, out);
}
static csat_status sg_top(int v, csat_error *err, void *out)
{
    return s_grouped(G_TOP, v, err, out);
}
static csat_status sg_bottom(int v, csat_error *err, void *out)
{
    return s_grouped(G_BOTTOM, v, err, out);
}
static csat_status sg_mean(int v, csat_error *err, void *out)
{
    return s_grouped(G_MEAN, v, err, out);
}
static csat_status sg_ces(int v, csat_error *err, void *out)
{
    return s_grouped(G_CES, v, err, out);
}

/* Distribution of every group: G × 5 counts, weights and shares, and G
 * samples (V_NULL_OPT: only the shares, no samples). */
#define GK 5
static csat_status s_distribution_grouped(int v, csat_error *err, void *out)
{
    ginput gi;
    make_ginput(&gi, v, 1, 5);
    csat_scale_options o = CSAT_SCALE_OPTIONS_DEFAULT;
    o.size = options_size(v, sizeof o);
    if (v == V_BIGSCALE) {
        o.scale_min = INT_MIN;
        o.scale_max = INT_MAX;
    }
    unsigned char *b = out;
    double *counts = (double *)b, *weights = counts + NG * GK, *shares = weights + NG * GK;
    int only_shares = v == V_NULL_OPT;
    csat_sample *smp = only_shares ? NULL : OUT_ARRAY(csat_sample, b + 512, v, 0);
    size_t len = v == V_OPT1 ? NG * GK - 1 : NG * GK;
    csat_status s = csat_score_distribution_grouped(
        gi.in.xp, gi.in.n, gi.in.wp, gi.gp, gi.groups, &o, only_shares ? NULL : counts,
        only_shares ? NULL : weights, shares, len, smp, gi.cap, err);
    if (s != CSAT_OK)
        return s;
    csat_sample ref[NG];
    double rc[NG * GK], rw[NG * GK], rs[NG * GK];
    ref[0] = (csat_sample)CSAT_RESULT_INIT(csat_sample);
    MUST(csat_score_distribution_grouped(gi.in.xp, gi.in.n, gi.in.wp, gi.g, NG, &o, rc, rw, rs,
                                         NG * GK, ref, NG, &e_));
    if (v == V_SIZE_SHORT) {
        check_packed(smp, NG, ref, sizeof *ref);
        return s;
    }
    for (size_t d = 0; d < NG; d++) {
        size_t n = 0;
        double total = 0, share = 0;
        for (size_t i = 0; i < gi.in.n; i++)
            n += gi.g[i] == (int32_t)d && !isnan(gi.in.x[i]);
        for (size_t j = 0; j < GK; j++) {
            total += rc[d * GK + j];
            share += shares[d * GK + j];
            if (memcmp(&shares[d * GK + j], &rs[d * GK + j], sizeof(double)) != 0)
                fail_msg("group %zu, point %zu: share %g, %g with every output", d, j,
                         shares[d * GK + j], rs[d * GK + j]);
        }
        if (ref[d].n != n || total != (double)n)
            fail_msg("group %zu: n %zu and counts adding up to %g, expected %zu", d, ref[d].n,
                     total, n);
        int empty = ref[d].n_weighted == 0;
        if (empty ? !isnan(share) : fabs(share - 1) > 1e-12)
            fail_msg("group %zu: shares add up to %g", d, share);
        if (smp != NULL && smp[d].n != ref[d].n)
            fail_msg("group %zu: sample n %zu, expected %zu", d, smp[d].n, ref[d].n);
    }
    return s;
}

/* The composite index of every group: 600 respondents × 2 items (the rows
 * of s_index repeated; item rows in blocks of 512, so that a bad group
 * code at row 550 is in the second block and its index must be that of
 * the whole array), group i % 3, every 7th row in none. The bad elements:
 * rows 2, 3 (values), 1 (weight), 550 (group code); V_GCODE_FIRST puts a
 * bad code at row 5 and an infinite value at row 30 of the same block. */
#define IGN 600
#define I_GCODE_IX 550

static csat_status s_index_grouped(int v, csat_error *err, void *out)
{
    static double x[IGN * 2], w[IGN];
    static int32_t g[IGN];
    double lo[2] = { 1, 0 }, hi[2] = { 5, 10 }, iw[2] = { 1, 2 };
    for (size_t i = 0; i < IGN; i++) {
        x[2 * i] = IX[2 * (i % IN)];
        x[2 * i + 1] = IX[2 * (i % IN) + 1];
        w[i] = WREF[i % NX];
        g[i] = i % 7 == 6 ? CSAT_GROUP_NONE : (int32_t)(i % NG);
    }
    const double *xp = x, *wp = w, *lop = lo, *hip = hi, *iwp = iw;
    const int32_t *gp = g;
    size_t n = IGN, k = 2, ld = 2, groups = NG, cap = NG;
    csat_mean_options o = CSAT_MEAN_OPTIONS_DEFAULT;
    o.size = options_size(v, sizeof o);
    csat_group_options go = group_options(v);
    switch (v) {
    case V_NULL_X: xp = NULL; break;
    case V_NULL_Y: gp = NULL; break;
    case V_NULL_Z: lop = NULL; break;
    case V_NULL_OUT2: hip = NULL; break;
    case V_EMPTY: n = 0; break;
    case V_ALLNAN:
        for (size_t i = 0; i < IGN * 2; i++)
            x[i] = NAN;
        break;
    case V_POSINF: x[2 * 2 + 1] = INFINITY; break;
    case V_NEGINF: x[2 * 2 + 1] = -INFINITY; break;
    case V_SCALE_HI: x[3 * 2 + 0] = 6; break;
    case V_NEGW: w[I_NEGW] = -1; break;
    case V_NANW: w[I_NANW] = NAN; break;
    case V_ZEROW: memset(w, 0, sizeof w); break;
    case V_BIGW:
    case V_SMALLW:
    case V_HUGEW:
    case V_TINYW:
        for (size_t i = 0; i < IGN; i++)
            w[i] *= weight_factor(v);
        break;
    case V_CONST:
        for (size_t i = 0; i < IGN; i++) {
            x[2 * i] = 3;
            x[2 * i + 1] = 5;
        }
        break;
    case V_ONE: n = 1; break;
    case V_GCODE_NEG: g[I_GCODE_IX] = -2; break;
    case V_GCODE_G: g[I_GCODE_IX] = NG; break;
    case V_GCODE_FIRST:
        g[5] = NG;
        x[30 * 2 + 1] = INFINITY;
        break;
    case V_LEVEL: o.level = 1.5; break;
    case V_NAN: iw[0] = NAN; break;
    case V_OPT1: hi[1] = 0; break; /* item_max <= item_min */
    case V_OPT2: k = 0; break;
    case V_OPT3: ld = 1; break;
    case V_GROUPS0: groups = 0; break;
    case V_GROUPS_BIG: groups = (size_t)CSAT_GROUPS_MAX + 1; break;
    case V_CAP: cap = NG - 1; break;
    default: break;
    }
    unsigned char *b = out;
    csat_mean_result *r = OUT_ARRAY(csat_mean_result, b, v, v == V_NULL_OUT);
    int *flags = (int *)(b + G_FLAGS);
    csat_status s = csat_score_index_grouped(xp, n, k, ld, wp, gp, groups, lop, hip, iwp, &o, &go,
                                             r, flags, cap, err);
    if (s != CSAT_OK)
        return s;
    csat_mean_result ref[NG];
    int fl[NG];
    ref[0] = (csat_mean_result)CSAT_RESULT_INIT(csat_mean_result);
    MUST(csat_score_index_grouped(xp, n, k, ld, wp, gp, groups, lop, hip, iwp, &o, &go, ref, fl,
                                  NG, &e_));
    if (v == V_SIZE_SHORT) {
        check_packed(r, NG, ref, sizeof *ref);
        return s;
    }
    /* Each group against csat_score_index of its rows alone. */
    static double xg[IGN * 2], wg[IGN];
    for (size_t d = 0; d < NG; d++) {
        size_t m = 0;
        for (size_t i = 0; i < n; i++) {
            if (g[i] < 0 || ((g[i] == (int32_t)d) == (go.complement == 1)))
                continue;
            xg[2 * m] = x[2 * i];
            xg[2 * m + 1] = x[2 * i + 1];
            wg[m++] = w[i];
        }
        csat_mean_result one = CSAT_RESULT_INIT(csat_mean_result);
        csat_error e;
        csat_status so = csat_score_index(xg, m, 2, 2, wg, lo, hi, iw, &o, &one, &e);
        if (so == CSAT_ERR_EMPTY) {
            if (flags[d] != CSAT_GROUP_EMPTY || !isnan(r[d].score))
                fail_msg("index group %zu: flag %d, score %g (expected EMPTY, NaN)", d,
                         flags[d], r[d].score);
            continue;
        }
        if (so != CSAT_OK)
            fail_msg("index group %zu alone: %s", d, e.message);
        near("index group score", r[d].score, one.score, 1e-12);
        int want = one.n < go.min_n ? CSAT_GROUP_SMALL : CSAT_GROUP_OK;
        if (r[d].n != one.n || flags[d] != want)
            fail_msg("index group %zu: n %zu (alone %zu), flag %d", d, r[d].n, one.n, flags[d]);
        if (v == V_CONST && r[d].sd != 0)
            fail_msg("index group %zu of identical rows: SD %g", d, r[d].sd);
    }
    if (scaled(v)) {
        /* the same results as the unscaled weights */
        for (size_t i = 0; i < IGN; i++)
            w[i] = WREF[i % NX];
        MUST(csat_score_index_grouped(xp, n, k, ld, wp, gp, groups, lop, hip, iwp, &o, &go, ref,
                                      fl, NG, &e_));
        for (size_t d = 0; d < NG; d++)
            same_group_result(G_MEAN, &r[d], &ref[d]);
    }
    return s;
}

/* ------------------------------------------------------------------------ */
/* The grouped accumulator                                                   */

static csat_status a_grouped_create(int v, csat_error *err, void *out)
{
    size_t G = v == V_GROUPS0 ? 0 : v == V_GROUPS_BIG ? (size_t)CSAT_GROUPS_MAX + 1 : NG;
    int lo = 0, hi = 10;
    if (v == V_OPT1) {
        lo = 5;
        hi = 1;
    }
    if (v == V_BIGSCALE) {
        lo = INT_MIN;
        hi = INT_MAX;
    }
    if (v == V_TOOBIG)
        hi = CSAT_TALLY_MAX_POINTS; /* 2^20 + 1 points */
    csat_grouped **r = v == V_NULL_OUT ? NULL : out;
    csat_status s = csat_grouped_create(G, lo, hi, r, err);
    if (s == CSAT_OK)
        csat_grouped_free(*r);
    return s;
}

static csat_status a_grouped_create_moments(int v, csat_error *err, void *out)
{
    size_t G = v == V_GROUPS0 ? 0 : v == V_GROUPS_BIG ? (size_t)CSAT_GROUPS_MAX + 1 : NG;
    csat_grouped **r = v == V_NULL_OUT ? NULL : out;
    csat_status s = csat_grouped_create_moments(G, r, err);
    if (s == CSAT_OK)
        csat_grouped_free(*r);
    return s;
}

static csat_status a_grouped_copy(int v, csat_error *err, void *out)
{
    csat_grouped *a = grouped_of(V_REF, 0, 10, 1);
    csat_grouped **r = v == V_NULL_OUT ? NULL : out;
    csat_status s = csat_grouped_copy(v == V_NULL_X ? NULL : a, r, err);
    if (s == CSAT_OK) {
        same_snap(snap_grouped(a), snap_grouped(*r), "the copy of the grouped accumulator");
        csat_grouped_free(*r);
    }
    csat_grouped_free(a);
    return s;
}

/* The reference accumulator (NG tallies of 0..10) read back from its blob
 * with `none` rows without a group: counts near SIZE_MAX that no test can
 * add. */
static csat_grouped *grouped_with_none(uint64_t none)
{
    csat_grouped *a = grouped_of(V_REF, 0, 10, 1);
    snap s = snap_grouped(a);
    csat_grouped_free(a);
    put_u64(s.b + 32, none);
    MUST(csat_grouped_deserialize(s.b, s.len, &a, &e_));
    free(s.b);
    return a;
}

/* Tallies of 0..10, or moments for the continuous variants (a value beyond
 * ±1e50, a group code of INT32_MAX); the reference answers first, or none
 * for the weight-scale variants (compared with the reference weights). */
static csat_status a_grouped_add(int v, csat_error *err, void *out)
{
    (void)out;
    int tally = !(v == V_EXTREME || v == V_GCODE_BIG);
    csat_grouped *a = NULL;
    if (v == V_OVERFLOW)
        a = grouped_with_none((uint64_t)SIZE_MAX - 9 - 5); /* 9 answers with a group */
    else
        a = grouped_of(scaled(v) ? V_EMPTY : V_REF, 0, 10, tally);
    snap before = snap_grouped(a);
    ginput gi;
    make_ginput(&gi, v, 0, 10);
    csat_status s =
        csat_grouped_add(gi.in.null_out ? NULL : a, gi.in.xp, gi.in.n, gi.in.wp, gi.gp, err);
    if (s != CSAT_OK) {
        same_snap(before, snap_grouped(a), "the grouped accumulator");
        csat_grouped_free(a);
        return s;
    }
    if (v == V_EMPTY)
        same_snap(before, snap_grouped(a), "the grouped accumulator (no answers added)");
    else
        free(before.b);
    csat_sample all = CSAT_RESULT_INIT(csat_sample);
    MUST(csat_grouped_sample(a, NG, &all, &e_));
    if (v == V_ALLNAN && !(all.n == NX - 1 && all.n_missing == 1 + NX))
        fail_msg("all-NaN answers: n %zu, n_missing %zu (expected %d and %d)", all.n,
                 all.n_missing, NX - 1, NX + 1);
    if (scaled(v)) {
        csat_grouped *r = grouped_of(V_REF, 0, 10, 1);
        csat_nps_result got[NG], want[NG];
        got[0] = (csat_nps_result)CSAT_RESULT_INIT(csat_nps_result);
        want[0] = got[0];
        MUST(csat_grouped_nps(a, NULL, NULL, got, NULL, NG, &e_));
        MUST(csat_grouped_nps(r, NULL, NULL, want, NULL, NG, &e_));
        csat_grouped_free(r);
        for (size_t d = 0; d < NG; d++)
            same_nps(&got[d], &want[d]);
    }
    csat_grouped_free(a);
    return s;
}

/* dst: the reference accumulator, or one with rows near SIZE_MAX; src: of
 * another kind, number of groups or scale, empty, or the reference. */
static csat_status a_grouped_merge(int v, csat_error *err, void *out)
{
    (void)out;
    csat_grouped *dst = NULL, *src = NULL;
    if (v == V_OVERFLOW) {
        dst = grouped_with_none((uint64_t)SIZE_MAX - 9 - 5);
        src = grouped_of(V_REF, 0, 10, 1);
    } else if (v == V_OVERFLOW2) { /* more than SIZE_MAX / 2 rows, merged with itself */
        dst = grouped_with_none((uint64_t)SIZE_MAX / 2);
    } else {
        dst = grouped_of(V_REF, 0, 10, 1);
        if (v == V_KIND)
            MUST(csat_grouped_create_moments(NG, &src, &e_));
        else if (v == V_OTHER_G)
            MUST(csat_grouped_create(NG + 1, 0, 10, &src, &e_));
        else if (v == V_OTHER_SCALE)
            MUST(csat_grouped_create(NG, 1, 10, &src, &e_));
        else if (v == V_EMPTY)
            MUST(csat_grouped_create(NG, 0, 10, &src, &e_));
        else
            src = grouped_of(V_REF, 0, 10, 1);
    }
    snap before = snap_grouped(dst);
    const csat_grouped *from = v == V_OVERFLOW2 ? dst : src;
    csat_status s = csat_grouped_merge(v == V_NULL_OUT ? NULL : dst, v == V_NULL_X ? NULL : from,
                                       err);
    if (s != CSAT_OK)
        same_snap(before, snap_grouped(dst), "the grouped accumulator (a merge that failed)");
    else if (v == V_EMPTY)
        same_snap(before, snap_grouped(dst), "the grouped accumulator (an empty one merged)");
    else
        free(before.b);
    csat_grouped_free(dst);
    csat_grouped_free(src);
    return s;
}

static csat_status a_grouped_shape(int v, csat_error *err, void *out)
{
    csat_grouped *a = grouped_of(V_REF, 0, 10, 1);
    size_t *groups = out;
    int *lo = (int *)(groups + 1);
    csat_status s = csat_grouped_shape(v == V_NULL_X ? NULL : a, v == V_NULL_Y ? NULL : groups,
                                       v == V_NULL_Z ? NULL : lo, v == V_NULL_OUT ? NULL : lo + 1,
                                       err);
    csat_grouped_free(a);
    return s;
}

/* V_OPT1: group G + 1; V_OPT2: group G, the whole sample (9 answers with a
 * group, 1 without). */
static csat_status a_grouped_sample(int v, csat_error *err, void *out)
{
    csat_grouped *a = grouped_of(V_REF, 0, 10, 1);
    size_t group = v == V_OPT1 ? NG + 1 : v == V_OPT2 ? NG : 1;
    csat_sample *r = OUT(csat_sample, out, v, v == V_NULL_OUT);
    csat_status s = csat_grouped_sample(v == V_NULL_X ? NULL : a, group, r, err);
    if (s == CSAT_OK && v == V_SIZE_SHORT) {
        csat_sample ref = CSAT_RESULT_INIT(csat_sample);
        MUST(csat_grouped_sample(a, group, &ref, &e_));
        check_short(r, &ref);
    }
    if (s == CSAT_OK && v == V_OPT2 && !(r->n == NX - 1 && r->n_missing == 1))
        fail_msg("the whole sample: n %zu, n_missing %zu (expected %d, 1)", r->n, r->n_missing,
                 NX - 1);
    csat_grouped_free(a);
    return s;
}

/* V_OPT1: group G (the whole sample has no tally); V_KIND: moments. */
static csat_status a_grouped_tally(int v, csat_error *err, void *out)
{
    csat_grouped *a = grouped_of(V_REF, 0, 10, v != V_KIND);
    csat_tally **r = v == V_NULL_OUT ? NULL : out;
    csat_status s = csat_grouped_tally(v == V_NULL_X ? NULL : a, v == V_OPT1 ? NG : 2, r, err);
    if (s == CSAT_OK)
        csat_tally_free(*r);
    csat_grouped_free(a);
    return s;
}

/* V_NULL_OPT: a NULL buffer asks for the size. */
static csat_status a_grouped_serialize(int v, csat_error *err, void *out)
{
    csat_grouped *a = grouped_of(V_REF, 0, 10, 1);
    size_t need = 0;
    MUST(csat_grouped_serialize(a, NULL, 0, &need, &e_));
    unsigned char *buf = out;
    size_t *len = v == V_NULL_OUT ? NULL : (size_t *)(buf + 8192);
    csat_status s = csat_grouped_serialize(v == V_NULL_X ? NULL : a,
                                           v == V_NULL_OPT ? NULL : buf,
                                           v == V_CAP ? need - 1 : need, len, err);
    if (s == CSAT_OK && *len != 40 + NG * (8 + 32 * 11))
        fail_msg("serialized size %zu, expected %d", *len, 40 + NG * (8 + 32 * 11));
    csat_grouped_free(a);
    return s;
}

/* Blobs: NG tallies of 1..5, or NG moments (the variants of moments).
 * Header: "CSTG", u32 version, u32 kind, i32 min, i32 max, u32 reserved,
 * u64 G (at 24), u64 rows without a group (at 32). Tally records of
 * 8 + 32·5 bytes: u64 missing, then per point u64 unit, u64 wcount, f64
 * Σw, f64 Σw² (GP). Moment records of 80 bytes: u64 n, u64 n_missing,
 * f64 Σw, mean, m2, Σw², mean_w2, m2_w2, min, max (GM). Group 0 of the
 * tally holds 1, 2, 2, 5 unweighted and 3 (w 2), 4 (w ½), so that point 3
 * (j = 2) holds one weighted answer of Σw 2, Σw² 4. */
#define GP(d, j, f) (40 + (8 + 32 * 5) * (d) + 8 + 32 * (j) + 8 * (f))
#define GM(d, f) (40 + 80 * (d) + 8 * (f))

static csat_status a_grouped_deserialize(int v, csat_error *err, void *out)
{
    int moments = v == F_MEAN || v == F_N0 || v == F_MINMAX || v == F_ROUNDTRIP_M;
    csat_grouped *a = NULL;
    if (moments) {
        a = grouped_of(V_REF, 1, 5, 0);
    } else {
        const double u[7] = { 1, 2, 2, 5, 5, 5, NAN }, x[4] = { 3, 4, 1, 2 };
        const double w[4] = { 2, 0.5, 1.5, 1 };
        const int32_t gu[7] = { 0, 0, 0, 0, 1, 1, 1 }, gx[4] = { 0, 0, 2, CSAT_GROUP_NONE };
        MUST(csat_grouped_create(NG, 1, 5, &a, &e_));
        MUST(csat_grouped_add(a, u, 7, NULL, gu, &e_));
        MUST(csat_grouped_add(a, x, 4, w, gx, &e_));
    }
    snap blob = snap_grouped(a);
    csat_grouped_free(a);
    unsigned char *b = blob.b;
    size_t len = blob.len;
    uint64_t lcg = 12345;
    switch (v) {
    case F_LEN0: len = 0; break;
    case F_TRUNC: len--; break;
    case F_LONG: b[len++] = 0; break;
    case F_MAGIC: b[0] = 'X'; break;
    case F_VERSION: put_u32(b + 4, 99); break;
    case F_KIND: put_u32(b + 8, 2); break;
    case F_SCALE: put_u32(b + 12, 6); break;  /* min 6 > max 5 */
    case F_RESERVED: b[20] = 1; break;
    case F_GROUPS0: put_u64(b + 24, 0); break;
    case F_GROUPS_BIG: put_u64(b + 24, (uint64_t)CSAT_GROUPS_MAX + 1); break;
    case F_NONE_WRAP: put_u64(b + 32, UINT64_MAX - 3); break;
    case F_NAN: put_f64(b + GP(0, 2, 2), NAN); break;
    case F_NEG: put_f64(b + GP(0, 2, 2), -2); break;
    case F_W2ZERO: put_f64(b + GP(0, 2, 3), 0); break;  /* Σw² 0, Σw 2 */
    case F_W2BIG: put_f64(b + GP(0, 2, 3), 5); break;   /* Σw² 5 > (Σw)² 4 */
    case F_W2SMALL:                                     /* 2 answers, Σw 2, Σw² 1 < 2 */
        put_u64(b + GP(0, 2, 1), 2);
        put_f64(b + GP(0, 2, 3), 1);
        break;
    case F_COUNT0: put_u64(b + GP(0, 2, 1), 0); break;  /* no answer, Σw 2 */
    case F_WRAP:                                        /* 2^63 + 2^63 answers */
        put_u64(b + GP(0, 0, 0), (uint64_t)1 << 63);
        put_u64(b + GP(0, 1, 0), (uint64_t)1 << 63);
        break;
    case F_MEAN: put_f64(b + GM(0, 3), 10); break;      /* mean > max */
    case F_N0: put_u64(b + GM(0, 0), 0); break;         /* n 0, Σw > 0 */
    case F_MINMAX:                                      /* min 4 > max 1 */
        put_f64(b + GM(1, 8), 4);
        put_f64(b + GM(1, 9), 1);
        break;
    case F_GARBAGE:
    case F_GARBAGE_BODY:
        for (size_t i = v == F_GARBAGE ? 0 : 40; i < len; i++) {
            lcg = lcg * 6364136223846793005ULL + 1442695040888963407ULL;
            b[i] = (unsigned char)(lcg >> 56);
        }
        break;
    default: break;
    }
    csat_grouped **r = v == V_NULL_OUT ? NULL : out;
    csat_status s = csat_grouped_deserialize(v == V_NULL_X ? NULL : b, len, r, err);
    if (s == CSAT_OK) {
        if (v == F_ROUNDTRIP || v == F_ROUNDTRIP_M) {
            snap again = snap_grouped(*r);
            int same = again.len == len && memcmp(again.b, b, len) == 0;
            free(again.b);
            if (!same) {
                csat_grouped_free(*r);
                free(blob.b);
                fail_msg("an accepted grouped accumulator does not re-serialise to the same "
                         "bytes");
            }
        }
        csat_grouped_free(*r);
    }
    free(blob.b);
    return s;
}

/* ------------------------------------------------------------------------ */
/* Comparisons of groups and tracking                                        */

typedef enum ckind { C_NPS, C_SHARES, C_MEANS } ckind;

static size_t ckind_size(ckind k)
{
    return k == C_NPS ? sizeof(csat_nps_result)
           : k == C_SHARES ? sizeof(csat_share_result)
                           : sizeof(csat_mean_result);
}

/* Result i of an array of results of kind k. */
static void *result_at(ckind k, void *base, size_t i)
{
    return (unsigned char *)base + i * ckind_size(k);
}

/* Result i of kind k, valid: scores, shares and means that grow with i,
 * SEs set by the SE variants (0, 1e-160, 1e160). */
static void valid_result(ckind k, int v, size_t i, void *r)
{
    double t = (double)i;
    if (k == C_NPS)
        *(csat_nps_result *)r = nps_result(20 + 3 * t, se_of(v, 5 + t / 2));
    else if (k == C_SHARES) {
        csat_share_result s = share_result(0.5 + 0.05 * t, 100 + 10 * t);
        if (v == V_CONST)
            s.se = 0;
        *(csat_share_result *)r = s;
    } else
        *(csat_mean_result *)r = mean_result(3.9 + 0.1 * t, se_of(v, 0.1 + 0.01 * t), 99);
}

/* Make result i of kind k invalid as variant v says: a NaN estimate, an
 * infinite SE (shares: effective n), an estimate out of its range, no
 * effective size (shares: n_eff 0; means: df 0 for a comparison). */
static void spoil(ckind k, int v, void *r)
{
    csat_nps_result *a = r;
    csat_share_result *s = r;
    csat_mean_result *m = r;
    switch (v) {
    case V_ALLNAN:
    case V_FLAGGED:
        if (k == C_NPS)
            a->score = NAN;
        else if (k == C_SHARES)
            s->share = NAN;
        else
            m->score = NAN;
        break;
    case V_POSINF:
        if (k == C_NPS)
            a->se = INFINITY;
        else if (k == C_SHARES)
            s->n_effective = INFINITY;
        else
            m->se = INFINITY;
        break;
    case V_SCALE_HI: /* NPS and shares */
        if (k == C_NPS)
            a->score = 150;
        else if (k == C_SHARES)
            s->share = 1.5;
        break;
    case V_FEW: /* the comparisons need a positive n_eff (shares) and df ≥ 1 (means) */
        if (k == C_SHARES)
            s->n_effective = 0;
        else if (k == C_MEANS)
            m->df = 0;
        break;
    case V_NEFF0: /* the control chart needs a positive n_eff */
        if (k == C_NPS)
            a->n_effective = 0;
        else if (k == C_SHARES)
            s->n_effective = 0;
        else
            m->n_effective = 0;
        break;
    default: break;
    }
}

/* The bad result of a comparison sits in group (period) I_CBAD. */
#define I_CBAD 1
/* Periods of a tracking table. */
#define NT_P 4

static csat_status compare_call(ckind k, const void *groups, const void *rest, const int *flags,
                                size_t n, csat_group_contrast contrast, size_t reference,
                                double benchmark, const csat_compare_options *o,
                                csat_group_comparison *out, size_t cap, size_t *count,
                                csat_error *err)
{
    if (k == C_NPS)
        return csat_compare_groups_nps(groups, rest, flags, n, contrast, reference, benchmark, o,
                                       out, cap, count, err);
    if (k == C_SHARES)
        return csat_compare_groups_shares(groups, rest, flags, n, contrast, reference, benchmark,
                                          o, out, cap, count, err);
    return csat_compare_groups_means(groups, rest, flags, n, contrast, reference, benchmark, o,
                                     out, cap, count, err);
}

/* NG groups compared by pairs (V_OPT2: each with the rest, V_OPT3: with
 * the reference 0, V_OPT4: with a valid benchmark), and what the variant
 * spoils. V_FLAGGED: group 1 is EMPTY, its NaN result skipped. */
static csat_status c_groups(ckind k, int v, csat_error *err, void *out)
{
    _Alignas(max_align_t) unsigned char gbuf[NG * sizeof(any_result)];
    _Alignas(max_align_t) unsigned char rbuf[NG * sizeof(any_result)];
    int flags[NG] = { CSAT_GROUP_OK, CSAT_GROUP_OK, CSAT_GROUP_OK };
    for (size_t d = 0; d < NG; d++) {
        valid_result(k, v, d, result_at(k, gbuf, d));
        valid_result(k, v, NG - 1 - d, result_at(k, rbuf, d)); /* the rest: other values */
    }
    spoil(k, v, result_at(k, gbuf, I_CBAD));
    if (v == V_FLAGGED)
        flags[I_CBAD] = CSAT_GROUP_EMPTY;
    if (v == V_ISIZE0)
        memset(gbuf, 0, sizeof(size_t));
    if (v == V_ISIZE0_REST)
        memset(rbuf, 0, sizeof(size_t));
    csat_group_contrast contrast = CSAT_CONTRAST_PAIRS;
    if (v == V_OPT2 || v == V_NULL_REST || v == V_ISIZE0_REST)
        contrast = CSAT_CONTRAST_REST;
    if (v == V_OPT3 || v == V_REFERENCE)
        contrast = CSAT_CONTRAST_REFERENCE;
    if (v == V_OPT4 || v == V_BENCH)
        contrast = CSAT_CONTRAST_BENCHMARK;
    if (v == V_CONTRAST)
        contrast = (csat_group_contrast)7;
    size_t reference = v == V_REFERENCE ? NG : 0;
    double benchmark = k == C_NPS ? 20 : k == C_SHARES ? 0.5 : 4;
    if (v == V_BENCH) /* a share benchmark of 30 meant as 30 % */
        benchmark = k == C_NPS ? 101 : k == C_SHARES ? 30 : INFINITY;
    size_t n = v == V_EMPTY ? 0 : v == V_TOOBIG ? (size_t)CSAT_GROUPS_MAX + 1 : NG;
    size_t m = contrast == CSAT_CONTRAST_PAIRS ? NG * (NG - 1) / 2
               : contrast == CSAT_CONTRAST_REFERENCE ? NG - 1
                                                     : NG;
    size_t cap = v == V_CAP ? m - 1 : v == V_NULL_OPT ? 0 : m;
    csat_compare_options o = compare_options(v);
    if (v == V_OPT1)
        o.adjust = 9;
    unsigned char *b = out;
    csat_group_comparison *c = v == V_NULL_OUT || v == V_NULL_OPT
                                   ? NULL
                                   : OUT_ARRAY(csat_group_comparison, b, v, 0);
    size_t *count = v == V_NULL_OUT2 ? NULL : (size_t *)(b + 2048);
    csat_status s = compare_call(k, v == V_NULL_X ? NULL : gbuf, v == V_NULL_REST ? NULL : rbuf,
                                 flags, n, contrast, reference, benchmark, &o, c, cap, count, err);
    if (s != CSAT_OK)
        return s;
    if (*count != m)
        fail_msg("%zu comparisons, expected %zu", *count, m);
    if (c == NULL)
        return s;
    csat_group_comparison ref[NG * NG];
    size_t nref = 0;
    ref[0] = (csat_group_comparison)CSAT_RESULT_INIT(csat_group_comparison);
    MUST(compare_call(k, gbuf, rbuf, flags, n, contrast, reference, benchmark, &o, ref, m, &nref,
                      &e_));
    if (v == V_SIZE_SHORT) {
        check_packed(c, m, ref, sizeof *ref);
        return s;
    }
    for (size_t i = 0; i < m; i++) {
        const csat_group_comparison *x = &c[i];
        int involves_bad = x->group == I_CBAD || x->other == I_CBAD;
        if (v == V_FLAGGED && involves_bad && contrast == CSAT_CONTRAST_PAIRS) {
            if (x->skipped != CSAT_GROUP_EMPTY || !isnan(x->p) || !isnan(x->diff))
                fail_msg("comparison %zu with the empty group: skipped %d, p %g", i, x->skipped,
                         x->p);
            continue;
        }
        if (x->skipped != 0 || !(x->p >= 0 && x->p <= 1)
            || !(x->p_adjusted >= x->p && x->p_adjusted <= 1) || !(x->ci_lower <= x->ci_upper)
            || isnan(x->statistic))
            fail_msg("comparison %zu (%zu vs %zu): skipped %d, p %g, adjusted %g, CI %g..%g", i,
                     x->group, x->other, x->skipped, x->p, x->p_adjusted, x->ci_lower,
                     x->ci_upper);
    }
    return s;
}

static csat_status c_groups_nps(int v, csat_error *err, void *out)
{
    return c_groups(C_NPS, v, err, out);
}
static csat_status c_groups_shares(int v, csat_error *err, void *out)
{
    return c_groups(C_SHARES, v, err, out);
}
static csat_status c_groups_means(int v, csat_error *err, void *out)
{
    return c_groups(C_MEANS, v, err, out);
}

static csat_status track_call(ckind k, const void *periods, const int *flags, size_t T,
                              const csat_compare_options *o, csat_trend_result *trend,
                              csat_track_point *out, size_t cap, csat_error *err)
{
    if (k == C_NPS)
        return csat_compare_track_nps(periods, flags, T, o, trend, out, cap, err);
    if (k == C_SHARES)
        return csat_compare_track_shares(periods, flags, T, o, trend, out, cap, err);
    return csat_compare_track_means(periods, flags, T, o, trend, out, cap, err);
}

/* NT_P periods with a trend (V_NULL_OPT: without). V_FEW: only period 0
 * unflagged; V_ONE: T = 1; V_CONST: every SE 0 (a trend needs two periods
 * with a positive SE); V_FLAGGED: period 1 EMPTY with a NaN result. */
static csat_status c_track(ckind k, int v, csat_error *err, void *out)
{
    _Alignas(max_align_t) unsigned char pbuf[NT_P * sizeof(any_result)];
    int flags[NT_P] = { CSAT_GROUP_OK, CSAT_GROUP_OK, CSAT_GROUP_OK, CSAT_GROUP_OK };
    for (size_t t = 0; t < NT_P; t++)
        valid_result(k, v, t, result_at(k, pbuf, t));
    spoil(k, v, result_at(k, pbuf, I_CBAD));
    if (v == V_FLAGGED)
        flags[I_CBAD] = CSAT_GROUP_EMPTY;
    if (v == V_FEW)
        flags[1] = flags[2] = flags[3] = CSAT_GROUP_SMALL;
    if (v == V_ISIZE0)
        memset(pbuf, 0, sizeof(size_t));
    size_t T = v == V_EMPTY ? 0 : v == V_ONE ? 1 : NT_P;
    size_t cap = v == V_CAP ? NT_P - 1 : NT_P;
    csat_compare_options o = compare_options(v);
    unsigned char *b = out;
    csat_track_point *pts = OUT_ARRAY(csat_track_point, b, v, v == V_NULL_OUT);
    csat_trend_result *trend = v == V_NULL_OPT ? NULL : (csat_trend_result *)(b + 2048);
    if (trend != NULL)
        sized(trend, v == V_TSIZE0 ? 0 : sizeof *trend, sizeof *trend);
    csat_status s = track_call(k, v == V_NULL_X ? NULL : pbuf, flags, T, &o, trend, pts, cap, err);
    if (s != CSAT_OK)
        return s;
    csat_track_point ref[NT_P];
    csat_trend_result rt = CSAT_RESULT_INIT(csat_trend_result);
    ref[0] = (csat_track_point)CSAT_RESULT_INIT(csat_track_point);
    MUST(track_call(k, pbuf, flags, T, &o, &rt, ref, NT_P, &e_));
    if (v == V_SIZE_SHORT) {
        check_packed(pts, T, ref, sizeof *ref);
        return s;
    }
    double prev = NAN;
    for (size_t t = 0; t < T; t++) {
        const csat_track_point *p = &pts[t];
        double score = point_of(k == C_NPS ? G_NPS : k == C_SHARES ? G_BOX : G_MEAN,
                                result_at(k, pbuf, t));
        if (p->period != t || p->flags != flags[t] || memcmp(&p->score, &score, sizeof score) != 0)
            fail_msg("period %zu: period %zu, flags %d, score %g (expected %g)", t, p->period,
                     p->flags, p->score, score);
        if (p->flags != CSAT_GROUP_OK) {
            if (!isnan(p->change) || !isnan(p->center))
                fail_msg("flagged period %zu has a change %g or a centre %g", t, p->change,
                         p->center);
            continue;
        }
        near("change from the previous unflagged period", p->change, score - prev, 1e-12);
        if (!isnan(p->change) && !(p->change_p >= 0 && p->change_p <= 1))
            fail_msg("period %zu: p-value of the change %g", t, p->change_p);
        if (!isnan(p->center) && !(p->lcl <= p->center && p->center <= p->ucl))
            fail_msg("period %zu: limits %g..%g around %g", t, p->lcl, p->ucl, p->center);
        if (p->signal != 0 && p->signal != 1)
            fail_msg("period %zu: signal %d", t, p->signal);
        prev = score;
    }
    if (trend != NULL && !(trend->waves >= 2 && isfinite(trend->slope) && trend->p >= 0
                           && trend->p <= 1))
        fail_msg("trend of %zu waves: slope %g, p %g", trend->waves, trend->slope, trend->p);
    return s;
}

static csat_status c_track_nps(int v, csat_error *err, void *out)
{
    return c_track(C_NPS, v, err, out);
}
static csat_status c_track_shares(int v, csat_error *err, void *out)
{
    return c_track(C_SHARES, v, err, out);
}
static csat_status c_track_means(int v, csat_error *err, void *out)
{
    return c_track(C_MEANS, v, err, out);
}

/* ======================================================================== */
/* Survey designs                                                            */
/* ======================================================================== */

/* The reference design of the NX rows of `input`: strata 0 (rows 0–4) and
 * 1 (rows 5–9), PSUs 10 (rows 0, 1), 11 (2–4), 20 (5, 6) and 21 (7–9)
 * (codes need not be consecutive), the survey weights WREF, and 10 and 8
 * PSUs in the population of its strata (fpc). Its PSUs are numbered 0..3
 * in the order of their first row. The bad code of the code variants sits
 * at row I_DCODE, the bad fpc at row I_FPC. */
#define I_DCODE 6
#define I_FPC 7
#define DPSUS 4
static const int32_t SREF[NX] = { 0, 0, 0, 0, 0, 1, 1, 1, 1, 1 };
static const int32_t CREF[NX] = { 10, 10, 11, 11, 11, 20, 20, 21, 21, 21 };
static const double FREF[NX] = { 10, 10, 10, 10, 10, 8, 8, 8, 8, 8 };
static const int32_t PSU_OF_ROW[NX] = { 0, 0, 1, 1, 1, 2, 2, 3, 3, 3 };
/* The same PSUs relabelled within their strata (R's nest = TRUE). */
static const int32_t CNEST[NX] = { 0, 0, 1, 1, 1, 0, 0, 1, 1, 1 };
/* Stratum 1 in a single PSU (its first row is 5): a lonely PSU. */
static const int32_t CLONELY[NX] = { 10, 10, 11, 11, 11, 20, 20, 20, 20, 20 };
/* Every PSU of the reference in a stratum of its own. */
static const int32_t SALL[NX] = { 0, 0, 1, 1, 1, 2, 2, 3, 3, 3 };
/* The design of the reference's PSUs without rows: their strata and fpc. */
static const int32_t PSU_STRATA[DPSUS] = { 0, 0, 1, 1 };
static const double PSU_FPC[DPSUS] = { 10, 10, 8, 8 };

/* The lonely-PSU rule of a variant (FAIL unless it names another). */
static int lonely_rule(int v)
{
    switch (v) {
    case V_LONELY_REMOVE: return CSAT_LONELY_REMOVE;
    case V_LONELY_CERTAINTY: return CSAT_LONELY_CERTAINTY;
    case V_LONELY_ADJUST: return CSAT_LONELY_ADJUST;
    case V_LONELY_AVERAGE:
    case V_LONELY_ALL: return CSAT_LONELY_AVERAGE;
    default: return CSAT_LONELY_FAIL;
    }
}

/* A design with a stratum of one PSU (V_LONELY_ALL: every stratum). */
static int lonely_design(int v)
{
    return v == V_LONELY || v == V_ONE || lonely_rule(v) != CSAT_LONELY_FAIL;
}

/* The arguments of csat_design_create. */
typedef struct dinput {
    size_t n;
    double w[NX], fpc[NX];
    int32_t strata[NX], clusters[NX];
    const double *wp, *fpcp;
    const int32_t *sp, *cp;
    csat_design_options o;
} dinput;

/* The reference design's arguments, then what variant v makes of them:
 * weights, codes, fpc, lonely PSUs and options. */
static void make_dinput(dinput *di, int v)
{
    di->n = v == V_EMPTY      ? 0
            : v == V_ONE      ? 1
            : v == V_OVERFLOW ? SIZE_MAX / sizeof(double) + 1
                              : NX;
    memcpy(di->w, WREF, sizeof di->w);
    memcpy(di->fpc, FREF, sizeof di->fpc);
    memcpy(di->strata, SREF, sizeof di->strata);
    memcpy(di->clusters, lonely_design(v) && v != V_LONELY_ALL ? CLONELY : CREF,
           sizeof di->clusters);
    di->wp = di->w;
    di->fpcp = di->fpc;
    di->sp = di->strata;
    di->cp = di->clusters;
    di->o = (csat_design_options)CSAT_DESIGN_OPTIONS_DEFAULT;
    di->o.size = options_size(v, sizeof di->o);
    di->o.lonely_psu = lonely_rule(v);
    switch (v) {
    case V_NULL_OPT: /* every optional array NULL */
        di->wp = di->fpcp = NULL;
        di->sp = di->cp = NULL;
        break;
    case V_NO_CLUSTERS: di->cp = NULL; break;
    case V_NEGW: di->w[I_NEGW] = -1; break;
    case V_NANW: di->w[I_NANW] = NAN; break;
    case V_INFW: di->w[I_INFW] = INFINITY; break;
    case V_ZEROW: memset(di->w, 0, sizeof di->w); break;
    case V_BIGW:
    case V_SMALLW:
    case V_HUGEW:
    case V_TINYW:
        for (size_t i = 0; i < NX; i++)
            di->w[i] *= weight_factor(v);
        break;
    case V_LONELY_ALL: memcpy(di->strata, SALL, sizeof di->strata); break;
    case V_CODE_NEG: di->strata[I_DCODE] = CSAT_GROUP_NONE; break; /* −1 is no stratum */
    case V_CODE_BIG: di->clusters[I_DCODE] = CSAT_GROUPS_MAX; break;
    case V_STRATA2: memcpy(di->clusters, CNEST, sizeof di->clusters); break;
    case V_NESTED:
        memcpy(di->clusters, CNEST, sizeof di->clusters);
        di->o.nest = 1;
        break;
    case V_NAN: di->fpc[I_FPC] = NAN; break;
    case V_POSINF: di->fpc[I_FPC] = INFINITY; break;
    case V_SCALE_LO: di->fpc[I_FPC] = -1; break;
    case V_FPC_VARY: di->fpc[I_FPC] = 9; break; /* 8 at rows 5, 6 */
    case V_FPC_MIX: /* fractions in stratum 0, sizes in stratum 1 (first row 5) */
        for (size_t i = 0; i < 5; i++)
            di->fpc[i] = 0.2;
        break;
    case V_FPC_SMALL: /* 1.5 PSUs in the population of stratum 1, 2 sampled */
        for (size_t i = 5; i < NX; i++)
            di->fpc[i] = 1.5;
        break;
    case V_FPC_FRACTION: /* the sampling fractions of FREF: 2/10 and 2/8 */
        for (size_t i = 0; i < NX; i++)
            di->fpc[i] = i < 5 ? 0.2 : 0.25;
        break;
    case V_OPT1: di->o.lonely_psu = 7; break;
    case V_OPT2: di->o.nest = 2; break;
    default: break;
    }
}

/* A valid design of variant v: that of make_dinput, or for V_DESIGN_PSUS
 * the reference's PSUs without rows. */
static csat_design *design_of(int v)
{
    csat_design *d = NULL;
    if (v == V_DESIGN_PSUS) {
        MUST(csat_design_create_psus(DPSUS, PSU_STRATA, PSU_FPC, NULL, &d, &e_));
        return d;
    }
    dinput di;
    make_dinput(&di, v);
    MUST(csat_design_create(di.n, di.wp, di.sp, di.cp, di.fpcp, &di.o, &d, &e_));
    return d;
}

/* The design a score of variant v is made on: that of the variant where it
 * describes the design, else the reference. */
static int design_variant(int v)
{
    switch (v) {
    case V_ZEROW:
    case V_BIGW:
    case V_SMALLW:
    case V_LONELY_REMOVE:
    case V_LONELY_CERTAINTY:
    case V_LONELY_ADJUST:
    case V_LONELY_AVERAGE:
    case V_LONELY_ALL:
    case V_DESIGN_PSUS:
    case V_NO_CLUSTERS: return v;
    default: return V_REF;
    }
}

/* Rows whose answer is missing under V_NAN (they still count as rows of
 * their PSU). */
#define I_MISS1 2
#define I_MISS2 7

/* The answers of a designed score: those of the variant; V_ONE: only row
 * 0 answered, the others missing; V_NAN: rows I_MISS1 and I_MISS2
 * missing. */
static void missing_answers(double *x, int v)
{
    if (v == V_ONE)
        for (size_t i = 1; i < NX; i++)
            x[i] = NAN;
    if (v == V_NAN)
        x[I_MISS1] = x[I_MISS2] = NAN;
}

static void design_answers(input *in, int v, int lo, int hi)
{
    make_input(in, v, lo, hi);
    missing_answers(in->x, v);
}

static csat_design_info describe(const csat_design *d)
{
    csat_design_info info = CSAT_RESULT_INIT(csat_design_info);
    MUST(csat_design_describe(d, &info, &e_));
    return info;
}

static void expect_design(const csat_design *d, size_t n, size_t psus, size_t strata,
                          size_t lonely, double df, double sum_w, int rule)
{
    csat_design_info i = describe(d);
    if (i.n != n || i.psus != psus || i.strata != strata || i.lonely != lonely || i.df != df
        || i.lonely_psu != rule)
        fail_msg("design of n %zu, %zu PSUs, %zu strata, %zu lonely, df %g, rule %d; expected "
                 "%zu, %zu, %zu, %zu, %g, %d",
                 i.n, i.psus, i.strata, i.lonely, i.df, i.lonely_psu, n, psus, strata, lonely, df,
                 rule);
    near("design sum_w", i.sum_w, sum_w, 1e-12);
}

static double wref_sum(void)
{
    double s = 0;
    for (size_t i = 0; i < NX; i++)
        s += WREF[i];
    return s;
}

/* The designed NPS (Wald) of the reference answers. */
static csat_nps_result design_nps_of(const csat_design *d)
{
    input in;
    make_input(&in, V_REF, 0, 10);
    csat_nps_result r = CSAT_RESULT_INIT(csat_nps_result);
    MUST(csat_design_nps(d, in.x, NULL, &r, &e_));
    return r;
}

/* ------------------------------------------------------------------------ */
/* The design object                                                         */

static csat_status d_create(int v, csat_error *err, void *out)
{
    dinput di;
    make_dinput(&di, v);
    csat_design **r = v == V_NULL_OUT ? NULL : out;
    csat_status s = csat_design_create(di.n, di.wp, di.sp, di.cp, di.fpcp, &di.o, r, err);
    if (s != CSAT_OK)
        return s;
    csat_design *d = *r;
    const int rule = lonely_rule(v);
    if (v == V_NULL_OPT) /* one stratum, every row its own PSU */
        expect_design(d, NX, NX, 1, 0, NX - 1, NX, 0);
    else if (v == V_NO_CLUSTERS) /* every row its own PSU */
        expect_design(d, NX, NX, 2, 0, NX - 2, wref_sum(), 0);
    else if (v == V_ZEROW) /* no PSU with a row of positive weight */
        expect_design(d, NX, DPSUS, 2, 0, 0, 0, 0);
    else if (v == V_LONELY_ALL)
        expect_design(d, NX, DPSUS, DPSUS, DPSUS, 0, wref_sum(), rule);
    else if (lonely_design(v))
        expect_design(d, NX, DPSUS - 1, 2, 1, 1, wref_sum(), rule);
    else
        expect_design(d, NX, DPSUS, 2, 0, 2, wref_sum() * (scaled(v) ? weight_factor(v) : 1),
                      0);
    if (scaled(v) || v == V_NESTED || v == V_FPC_FRACTION) {
        /* the same estimates and standard errors as the reference design */
        csat_design *ref = design_of(V_REF);
        csat_nps_result a = design_nps_of(d), b = design_nps_of(ref);
        same_nps(&a, &b);
        csat_design_free(ref);
    }
    csat_design_free(d);
    return s;
}

/* The reference's PSUs without rows: strata 0, 0, 1, 1 and fpc 10, 10,
 * 8, 8; the bad element at PSU 3 (fpc mixes and sizes at PSU 2). */
static csat_status d_create_psus(int v, csat_error *err, void *out)
{
    int32_t st[DPSUS];
    double fpc[DPSUS];
    memcpy(st, PSU_STRATA, sizeof st);
    memcpy(fpc, PSU_FPC, sizeof fpc);
    const int32_t *sp = st;
    const double *fp = fpc;
    size_t P = v == V_EMPTY ? 0 : v == V_GROUPS_BIG ? (size_t)CSAT_GROUPS_MAX + 1 : DPSUS;
    csat_design_options o = CSAT_DESIGN_OPTIONS_DEFAULT;
    o.size = options_size(v, sizeof o);
    o.lonely_psu = lonely_rule(v);
    if (lonely_design(v)) { /* strata 1 and 2 of one PSU each (PSUs 2, 3) */
        st[3] = 2;
        if (v == V_LONELY_ALL)
            st[1] = 3;
    }
    switch (v) {
    case V_NULL_OPT:
        sp = NULL;
        fp = NULL;
        break;
    case V_CODE_NEG: st[3] = CSAT_GROUP_NONE; break;
    case V_CODE_BIG: st[3] = CSAT_GROUPS_MAX; break;
    case V_NAN: fpc[3] = NAN; break;
    case V_POSINF: fpc[3] = INFINITY; break;
    case V_SCALE_LO: fpc[3] = -1; break;
    case V_FPC_VARY: fpc[3] = 9; break;
    case V_FPC_MIX: fpc[0] = fpc[1] = 0.2; break;
    case V_FPC_SMALL: fpc[2] = fpc[3] = 1.5; break;
    case V_FPC_FRACTION:
        fpc[0] = fpc[1] = 0.2;
        fpc[2] = fpc[3] = 0.25;
        break;
    case V_OPT1: o.lonely_psu = 7; break;
    case V_OPT2: o.nest = 2; break;
    default: break;
    }
    csat_design **r = v == V_NULL_OUT ? NULL : out;
    csat_status s = csat_design_create_psus(P, sp, fp, &o, r, err);
    if (s != CSAT_OK)
        return s;
    csat_design *d = *r;
    if (v == V_NULL_OPT)
        expect_design(d, 0, DPSUS, 1, 0, DPSUS - 1, 0, 0);
    else if (v == V_LONELY_ALL)
        expect_design(d, 0, DPSUS, DPSUS, DPSUS, 0, 0, o.lonely_psu);
    else if (lonely_design(v))
        expect_design(d, 0, DPSUS, 3, 2, 1, 0, o.lonely_psu);
    else
        expect_design(d, 0, DPSUS, 2, 0, 2, 0, 0);
    csat_design_free(d);
    return s;
}

static csat_status d_describe(int v, csat_error *err, void *out)
{
    csat_design *d = v == V_NULL_X ? NULL : design_of(v == V_DESIGN_PSUS ? v : V_REF);
    csat_design_info *r = OUT(csat_design_info, out, v, v == V_NULL_OUT);
    csat_status s = csat_design_describe(d, r, err);
    if (s == CSAT_OK && v == V_SIZE_SHORT) {
        csat_design_info full = describe(d);
        check_short(r, &full);
    } else if (s == CSAT_OK && v == V_DESIGN_PSUS) {
        if (r->n != 0 || r->psus != DPSUS || r->strata != 2 || r->df != 2 || r->sum_w != 0)
            fail_msg("a design of PSUs described as n %zu, %zu PSUs, %zu strata, df %g, sum_w %g",
                     r->n, r->psus, r->strata, r->df, r->sum_w);
    }
    csat_design_free(d);
    return s;
}

/* The PSU codes (which = 0) or the weights (1) of a design's rows.
 * V_NO_CLUSTERS: a design without clusters, whose rows are keyed by
 * stratum; V_NULL_OPT: a design made without weights (all 1); V_CAP and
 * V_OPT1: room for one row less and one more. */
static csat_status d_rows(int which, int v, csat_error *err, void *out)
{
    csat_design *d = NULL;
    if (v == V_NULL_OPT) { /* the reference design without its weights */
        dinput di;
        make_dinput(&di, V_REF);
        MUST(csat_design_create(NX, NULL, di.sp, di.cp, di.fpcp, NULL, &d, &e_));
    } else if (v != V_NULL_X) {
        d = design_of(design_variant(v));
    }
    size_t n = v == V_CAP ? NX - 1 : v == V_OPT1 ? NX + 1 : NX;
    void *dst = v == V_NULL_OUT ? NULL : out;
    csat_status s = which == 0 ? csat_design_psu_codes(d, dst, n, err)
                               : csat_design_weights(d, dst, n, err);
    if (s == CSAT_OK) {
        const int32_t *codes = dst;
        const double *w = dst;
        for (size_t i = 0; i < NX; i++) {
            int32_t want_code = v == V_NO_CLUSTERS ? SREF[i] : PSU_OF_ROW[i];
            double want_w = v == V_NULL_OPT ? 1 : WREF[i];
            if (which == 0 ? codes[i] != want_code : w[i] != want_w)
                fail_msg("row %zu: %s %g, expected %g", i, which == 0 ? "code" : "weight",
                         which == 0 ? (double)codes[i] : w[i],
                         which == 0 ? (double)want_code : want_w);
        }
    }
    csat_design_free(d);
    return s;
}

static csat_status d_psu_codes(int v, csat_error *err, void *out)
{
    return d_rows(0, v, err, out);
}
static csat_status d_weights(int v, csat_error *err, void *out)
{
    return d_rows(1, v, err, out);
}

/* ------------------------------------------------------------------------ */
/* Scores of a design's rows                                                 */

static csat_status design_call(gkind k, const csat_design *d, const double *x, const gopts *o,
                               void *r, void *r2, csat_error *err)
{
    switch (k) {
    case G_NPS: return csat_design_nps(d, x, &o->nps, r, err);
    case G_BOX: return csat_design_box_share(d, x, o->lo, o->hi, &o->scale, r, err);
    case G_CSAT: return csat_design_csat(d, x, &o->csat, r, err);
    case G_TOP: return csat_design_top_box(d, x, o->k, &o->scale, r, err);
    case G_BOTTOM: return csat_design_bottom_box(d, x, o->k, &o->scale, r, err);
    case G_MEAN: return csat_design_mean(d, x, &o->mean, r, err);
    case G_CES: return csat_design_ces(d, x, &o->ces, r, r2, err);
    }
    return CSAT_ERR_ARGUMENT;
}

/* A result of kind k with its size set, every other field 0. */
static void init_result(gkind k, any_result *r)
{
    const size_t full = gkind_size(k);
    memset(r, 0, sizeof *r);
    memcpy(r, &full, sizeof full);
}

/* The checks of a designed score that succeeded: the estimate and n of
 * the weighted score of score.h with the design's weights (the design
 * changes only the standard error), a finite standard error (0 for
 * constant answers; not checked under "average" with every stratum
 * lonely, where the design gives no variance), and the results of the
 * reference design when the weights differ by a factor. */
static void design_score_ok(gkind k, int v, const csat_design *d, const double *x,
                            const gopts *o, const void *r, const void *r2)
{
    any_result ref;
    csat_share_result ref2 = CSAT_RESULT_INIT(csat_share_result);
    init_result(k, &ref);
    if (v == V_SIZE_SHORT) {
        MUST(design_call(k, d, x, o, &ref, &ref2, &e_));
        check_short(r, &ref);
        return;
    }
    double w[NX];
    MUST(csat_design_weights(d, w, NX, &e_));
    MUST(ungrouped_call(k, x, NX, w, o, &ref, &ref2));
    near("designed estimate", point_of(k, r), point_of(k, &ref), 1e-12);
    if (n_of(k, r) != n_of(k, &ref))
        fail_msg("designed score of %zu answers, the weighted score has %zu", n_of(k, r),
                 n_of(k, &ref));
    if (k == G_CES)
        near("designed low-effort share", ((const csat_share_result *)r2)->share, ref2.share,
             1e-12);
    double se = se_of_result(k, r);
    if (v == V_CONST ? !(se >= 0 && se <= 1e-12) : v != V_LONELY_ALL && !(se >= 0 && isfinite(se)))
        fail_msg("designed score: SE %g", se);
    if (scaled(v)) {
        csat_design *base = design_of(V_REF);
        init_result(k, &ref);
        ref2 = (csat_share_result)CSAT_RESULT_INIT(csat_share_result);
        MUST(design_call(k, base, x, o, &ref, &ref2, &e_));
        same_group_result(k, r, &ref);
        if (k == G_CES)
            same_group_result(G_BOX, r2, &ref2);
        csat_design_free(base);
    }
}

/* A score of the rows of a design (the reference, or the design the
 * variant describes) with the answers of the variant. V_NULL_X: the design
 * NULL; V_NULL_Y: the answers NULL. V_EDGE: the top (bottom) box of all 5
 * points of a scale at INT_MIN (INT_MAX). The CES's low-effort share is
 * 256 bytes after its mean effort. */
static csat_status d_score(gkind k, int v, csat_error *err, void *out)
{
    int lo, hi;
    gkind_scale(k, &lo, &hi);
    gopts o = score_options(k, v);
    if (v == V_EDGE) {
        edge_scale(k == G_TOP ? SH_TOP : SH_BOTTOM, &lo, &hi);
        o.scale.scale_min = lo;
        o.scale.scale_max = hi;
        o.k = 5;
    }
    input in;
    design_answers(&in, v, lo, hi);
    csat_design *d = v == V_NULL_X ? NULL : design_of(design_variant(v));
    unsigned char *b = out;
    const size_t full = gkind_size(k);
    void *r = v == V_NULL_OUT ? NULL : sized(b, result_size(v, full), full);
    void *r2 = k != G_CES ? NULL : OUT_FULL(csat_share_result, b + 256, v == V_NULL_OUT2);
    csat_status s = design_call(k, d, v == V_NULL_Y ? NULL : in.x, &o, r, r2, err);
    if (s == CSAT_OK) {
        design_score_ok(k, v, d, in.x, &o, r, r2);
        if (v == V_EDGE)
            near("share of all points", point_of(k, r), 1, 0);
    }
    csat_design_free(d);
    return s;
}

static csat_status d_nps(int v, csat_error *err, void *out) { return d_score(G_NPS, v, err, out); }
static csat_status d_box(int v, csat_error *err, void *out) { return d_score(G_BOX, v, err, out); }
static csat_status d_csat(int v, csat_error *err, void *out)
{
    return d_score(G_CSAT, v, err, out);
}
static csat_status d_top(int v, csat_error *err, void *out) { return d_score(G_TOP, v, err, out); }
static csat_status d_bottom(int v, csat_error *err, void *out)
{
    return d_score(G_BOTTOM, v, err, out);
}
static csat_status d_mean(int v, csat_error *err, void *out)
{
    return d_score(G_MEAN, v, err, out);
}
static csat_status d_ces(int v, csat_error *err, void *out) { return d_score(G_CES, v, err, out); }

/* The composite index of a design's rows: the NX rows repeat the 6 rows
 * of s_index (row i is IX's row i mod 6); the bad elements as there.
 * V_NULL_Z: item_min NULL; V_NULL_OUT2: item_max NULL. */
static csat_status d_index(int v, csat_error *err, void *out)
{
    double x[NX * 2], lo[2] = { 1, 0 }, hi[2] = { 5, 10 }, iw[2] = { 1, 2 };
    for (size_t i = 0; i < NX; i++) {
        x[2 * i] = IX[2 * (i % IN)];
        x[2 * i + 1] = IX[2 * (i % IN) + 1];
    }
    const double *lop = lo, *hip = hi;
    size_t k = 2, ld = 2;
    csat_mean_options o = CSAT_MEAN_OPTIONS_DEFAULT;
    o.size = options_size(v, sizeof o);
    switch (v) {
    case V_NULL_Z: lop = NULL; break;
    case V_NULL_OUT2: hip = NULL; break;
    case V_ALLNAN:
        for (size_t i = 0; i < NX * 2; i++)
            x[i] = NAN;
        break;
    case V_POSINF: x[2 * 2 + 1] = INFINITY; break;
    case V_NEGINF: x[2 * 2 + 1] = -INFINITY; break;
    case V_SCALE_HI: x[3 * 2 + 0] = 6; break;
    case V_CONST:
        for (size_t i = 0; i < NX; i++) {
            x[2 * i] = 3;
            x[2 * i + 1] = 5;
        }
        break;
    case V_ONE:
        for (size_t i = 2; i < NX * 2; i++)
            x[i] = NAN;
        break;
    case V_LEVEL: o.level = 1.5; break;
    case V_NAN: iw[0] = NAN; break;
    case V_OPT1: hi[1] = 0; break; /* item_max <= item_min */
    case V_OPT2: k = 0; break;
    case V_OPT3: ld = 1; break;
    case V_OPT4: iw[0] = iw[1] = 0; break;
    default: break;
    }
    csat_design *d = v == V_NULL_X ? NULL : design_of(design_variant(v));
    csat_mean_result *r = OUT(csat_mean_result, out, v, v == V_NULL_OUT);
    csat_status s = csat_design_index(d, v == V_NULL_Y ? NULL : x, k, ld, lop, hip, iw, &o, r,
                                      err);
    if (s == CSAT_OK) {
        csat_mean_result ref = CSAT_RESULT_INIT(csat_mean_result);
        if (v == V_SIZE_SHORT) {
            MUST(csat_design_index(d, x, k, ld, lop, hip, iw, &o, &ref, &e_));
            check_short(r, &ref);
        } else {
            /* the estimate of the weighted index with the design's weights */
            double w[NX];
            MUST(csat_design_weights(d, w, NX, &e_));
            MUST(csat_score_index(x, NX, k, ld, w, lop, hip, iw, &o, &ref, &e_));
            near("designed index", r->score, ref.score, 1e-12);
            near("designed index sd", r->sd, ref.sd, 1e-9);
            if (r->n != ref.n)
                fail_msg("designed index of %zu rows, the weighted index has %zu", r->n, ref.n);
            if (v == V_CONST ? !(r->se >= 0 && r->se <= 1e-12)
                             : v != V_LONELY_ALL && !(r->se >= 0 && isfinite(r->se)))
                fail_msg("designed index: SE %g", r->se);
        }
        if (scaled(v)) {
            csat_design *base = design_of(V_REF);
            ref = (csat_mean_result)CSAT_RESULT_INIT(csat_mean_result);
            MUST(csat_design_index(base, x, k, ld, lop, hip, iw, &o, &ref, &e_));
            same_mean(r, &ref);
            csat_design_free(base);
        }
    }
    csat_design_free(d);
    return s;
}

/* ------------------------------------------------------------------------ */
/* Scores from an accumulator keyed by PSU                                   */

static csat_status psu_call(gkind k, const csat_design *d, const csat_grouped *a, const gopts *o,
                            void *r, csat_error *err)
{
    switch (k) {
    case G_NPS: return csat_design_psu_nps(d, a, &o->nps, r, err);
    case G_BOX: return csat_design_psu_box_share(d, a, o->lo, o->hi, &o->scale, r, err);
    default: return csat_design_psu_mean(d, a, &o->mean, r, err);
    }
}

/* The interval and effective n of a result of kind k. */
static void interval_of(gkind k, const void *r, double *lo, double *hi, double *n_eff)
{
    if (k == G_NPS) {
        const csat_nps_result *x = r;
        *lo = x->ci_lower;
        *hi = x->ci_upper;
        *n_eff = x->n_effective;
    } else if (k == G_MEAN || k == G_CES) {
        const csat_mean_result *x = r;
        *lo = x->ci_lower;
        *hi = x->ci_upper;
        *n_eff = x->n_effective;
    } else {
        const csat_share_result *x = r;
        *lo = x->ci_lower;
        *hi = x->ci_upper;
        *n_eff = x->n_effective;
    }
}

/* The same estimate, SE, interval and counts, to the bit. */
static void same_bits(gkind k, const void *a, const void *b)
{
    double fa[5] = { point_of(k, a), se_of_result(k, a), 0, 0, 0 };
    double fb[5] = { point_of(k, b), se_of_result(k, b), 0, 0, 0 };
    interval_of(k, a, &fa[2], &fa[3], &fa[4]);
    interval_of(k, b, &fb[2], &fb[3], &fb[4]);
    static const char *const names[5] = { "estimate", "se", "ci_lower", "ci_upper",
                                          "n_effective" };
    for (int j = 0; j < 5; j++)
        near(names[j], fa[j], fb[j], 0);
    if (n_of(k, a) != n_of(k, b))
        fail_msg("n %zu, expected %zu", n_of(k, a), n_of(k, b));
}

/* A score of an accumulator keyed by the PSUs of a design (by stratum
 * without clusters), filled in one pass with the design's weights and the
 * answers of the variant (none for V_EMPTY). V_NULL_X: the design NULL;
 * V_NULL_Y: the accumulator NULL; V_KIND: the other kind; V_OTHER_G: one
 * group more than the design's PSUs; V_OPT3: options of another scale;
 * V_DESIGN_PSUS: the accumulator of the reference rows scored with the
 * design of its PSUs. A result must equal the array function's on the
 * same rows to the bit (for the design of PSUs, on the reference design). */
static csat_status p_score(gkind k, int v, csat_error *err, void *out)
{
    int lo, hi;
    gkind_scale(k, &lo, &hi);
    gopts o = score_options(k, v);
    input in;
    design_answers(&in, v, lo, hi);
    csat_design *d = design_of(design_variant(v));
    csat_design *rows = v == V_DESIGN_PSUS ? design_of(V_REF) : d;
    int32_t key[NX];
    double w[NX];
    MUST(csat_design_psu_codes(rows, key, NX, &e_));
    MUST(csat_design_weights(rows, w, NX, &e_));
    size_t G = 0;
    for (size_t i = 0; i < NX; i++)
        G = (size_t)key[i] + 1 > G ? (size_t)key[i] + 1 : G;
    int tally = (k != G_MEAN) != (v == V_KIND);
    csat_grouped *a = NULL;
    if (tally)
        MUST(csat_grouped_create(G + (v == V_OTHER_G), lo, hi, &a, &e_));
    else
        MUST(csat_grouped_create_moments(G + (v == V_OTHER_G), &a, &e_));
    if (v != V_EMPTY)
        MUST(csat_grouped_add(a, in.x, NX, w, key, &e_));
    unsigned char *b = out;
    const size_t full = gkind_size(k);
    void *r = v == V_NULL_OUT ? NULL : sized(b, result_size(v, full), full);
    csat_status s = psu_call(k, v == V_NULL_X ? NULL : d, v == V_NULL_Y ? NULL : a, &o, r, err);
    if (s == CSAT_OK) {
        any_result ref;
        init_result(k, &ref);
        if (v == V_SIZE_SHORT) {
            MUST(psu_call(k, d, a, &o, &ref, &e_));
            check_short(r, &ref);
        } else if (v == V_KIND) { /* the mean of the ratings, from their tallies */
            MUST(design_call(k, rows, in.x, &o, &ref, NULL, &e_));
            near("mean of tallies", point_of(k, r), point_of(k, &ref), 1e-12);
            near("mean of tallies se", se_of_result(k, r), se_of_result(k, &ref), 1e-9);
        } else {
            MUST(design_call(k, rows, in.x, &o, &ref, NULL, &e_));
            same_bits(k, r, &ref);
        }
        if (scaled(v)) {
            csat_design *base = design_of(V_REF);
            init_result(k, &ref);
            MUST(design_call(k, base, in.x, &o, &ref, NULL, &e_));
            same_group_result(k, r, &ref);
            csat_design_free(base);
        }
    }
    csat_grouped_free(a);
    if (rows != d)
        csat_design_free(rows);
    csat_design_free(d);
    return s;
}

static csat_status p_nps(int v, csat_error *err, void *out) { return p_score(G_NPS, v, err, out); }
static csat_status p_box(int v, csat_error *err, void *out) { return p_score(G_BOX, v, err, out); }
static csat_status p_mean(int v, csat_error *err, void *out)
{
    return p_score(G_MEAN, v, err, out);
}

/* ------------------------------------------------------------------------ */
/* Scores of a design by group, and each group against the rest              */

static csat_status dg_call(gkind k, const csat_design *d, const double *x, const int32_t *g,
                           size_t G, const gopts *o, const csat_group_options *go, void *r,
                           int *flags, size_t cap, csat_error *err)
{
    switch (k) {
    case G_NPS: return csat_design_nps_grouped(d, x, g, G, &o->nps, go, r, flags, cap, err);
    case G_BOX:
        return csat_design_box_share_grouped(d, x, g, G, o->lo, o->hi, &o->scale, go, r, flags,
                                             cap, err);
    default: return csat_design_mean_grouped(d, x, g, G, &o->mean, go, r, flags, cap, err);
    }
}

static csat_status dc_call(gkind k, const csat_design *d, const double *x, const int32_t *g,
                           size_t G, const gopts *o, const csat_group_options *go,
                           const csat_compare_options *co, csat_group_comparison *out, size_t cap,
                           csat_error *err)
{
    switch (k) {
    case G_NPS: return csat_design_compare_nps(d, x, g, G, &o->nps, go, co, out, cap, err);
    case G_BOX:
        return csat_design_compare_shares(d, x, g, G, o->lo, o->hi, &o->scale, go, co, out, cap,
                                          err);
    default: return csat_design_compare_means(d, x, g, G, &o->mean, go, co, out, cap, err);
    }
}

/* G × PSUs beyond CSAT_GROUPS_MAX: 4097 rows, each its own PSU (in 2
 * strata) and its own group, 4097² > 2^24 cells. Valid otherwise: the G
 * results (a buffer of their own, filled with the sentinel, their size
 * set) have room for every group, and must be left as they were. */
#define BIG_G 4097
static csat_status groups_psus(gkind k, int compare, csat_error *err)
{
    double *x = malloc(BIG_G * sizeof *x);
    int32_t *st = malloc(BIG_G * sizeof *st), *cl = malloc(BIG_G * sizeof *cl);
    int32_t *g = malloc(BIG_G * sizeof *g);
    const size_t full = compare ? sizeof(csat_group_comparison) : gkind_size(k);
    unsigned char *res = malloc(BIG_G * full);
    assert_true(x && st && cl && g && res);
    for (size_t i = 0; i < BIG_G; i++) {
        x[i] = (double)(1 + i % 5);
        st[i] = (int32_t)(i % 2);
        cl[i] = g[i] = (int32_t)i;
    }
    csat_design *d = NULL;
    MUST(csat_design_create(BIG_G, NULL, st, cl, NULL, NULL, &d, &e_));
    memset(res, SENTINEL, BIG_G * full);
    memcpy(res, &full, sizeof full);
    gopts o = score_options(k, V_REF);
    csat_group_options go = group_options(V_REF);
    csat_compare_options co = CSAT_COMPARE_OPTIONS_DEFAULT;
    csat_status s = compare ? dc_call(k, d, x, g, BIG_G, &o, &go, &co,
                                      (csat_group_comparison *)(void *)res, BIG_G, err)
                            : dg_call(k, d, x, g, BIG_G, &o, &go, res, NULL, BIG_G, err);
    if (s != CSAT_OK) {
        size_t size;
        memcpy(&size, res, sizeof size);
        if (size != full)
            fail_msg("the size of the results changed from %zu to %zu", full, size);
        check_untouched(res + sizeof size, BIG_G * full - sizeof size, "G x PSUs", __FILE__,
                        __LINE__);
    }
    csat_design_free(d);
    free(x);
    free(st);
    free(cl);
    free(g);
    free(res);
    return s;
}

/* The group options of the estimators groups.h's functions are held to:
 * those of the variant, with a complement other than 0 taken as 1 (the
 * designed grouped scores read any other value as the rest). */
static csat_group_options plain_group_options(int v)
{
    csat_group_options go = group_options(v);
    go.complement = go.complement != 0;
    return go;
}

/* The checks of a designed score by group that succeeded: every group's
 * estimate, n and flag those of the weighted grouped score of groups.h
 * (the design changes only the standard errors), a finite SE where a
 * group has answers (0 for constant answers), and the results of the
 * reference design when the weights differ by a factor. */
static void design_grouped_ok(gkind k, int v, const csat_design *d, const ginput *gi,
                              const gopts *o, const csat_group_options *go, const void *r,
                              const int *flags)
{
    const size_t full = gkind_size(k);
    any_result ref[NG], plain[NG];
    int fl[NG], pfl[NG];
    init_result(k, &ref[0]);
    init_result(k, &plain[0]);
    MUST(dg_call(k, d, gi->in.x, gi->g, NG, o, go, ref, fl, NG, &e_));
    if (v == V_SIZE_SHORT) {
        check_packed(r, NG, ref, full);
        return;
    }
    ginput wi = *gi;
    MUST(csat_design_weights(d, wi.in.w, NX, &e_));
    wi.in.wp = wi.in.w;
    wi.in.n = NX;
    wi.gp = wi.g;
    wi.groups = NG;
    const csat_group_options pgo = plain_group_options(v);
    MUST(array_call(k, &wi, o, &pgo, plain, NULL, pfl, NG, &e_));
    for (size_t j = 0; j < NG; j++) {
        const void *got = (const unsigned char *)r + j * full;
        const void *want = (const unsigned char *)plain + j * full;
        int f = flags != NULL ? flags[j] : fl[j];
        near("group estimate", point_of(k, got), point_of(k, want), 0);
        if (n_of(k, got) != n_of(k, want) || f != pfl[j])
            fail_msg("group %zu: n %zu, flag %d; the weighted grouped score has %zu, %d", j,
                     n_of(k, got), f, n_of(k, want), pfl[j]);
        double se = se_of_result(k, got);
        if (f != CSAT_GROUP_EMPTY && v != V_LONELY_ALL
            && (v == V_CONST ? !(se >= 0 && se <= 1e-12) : !(se >= 0 && isfinite(se))))
            fail_msg("group %zu: SE %g", j, se);
    }
    if (scaled(v)) {
        csat_design *base = design_of(V_REF);
        init_result(k, &ref[0]);
        MUST(dg_call(k, base, gi->in.x, gi->g, NG, o, go, ref, fl, NG, &e_));
        for (size_t j = 0; j < NG; j++)
            same_group_result(k, (const unsigned char *)r + j * full,
                              (const unsigned char *)ref + j * full);
        csat_design_free(base);
    }
}

/* A score of every group of a design's rows: the groups and bad codes of
 * make_ginput, the answers of the variant. V_NULL_X: the design NULL,
 * V_NULL_Y the answers, V_NULL_Z the group codes; V_NULL_OPT: flags NULL. */
static csat_status dg_score(gkind k, int v, csat_error *err, void *out)
{
    if (v == V_GROUPS_PSUS)
        return groups_psus(k, 0, err);
    int lo, hi;
    gkind_scale(k, &lo, &hi);
    ginput gi;
    make_ginput(&gi, v, lo, hi);
    missing_answers(gi.in.x, v);
    csat_design *d = v == V_NULL_X ? NULL : design_of(design_variant(v));
    unsigned char *b = out;
    void *r = v == V_NULL_OUT ? NULL : sized_array(b, v, gkind_size(k));
    int *flags = v == V_NULL_OPT ? NULL : (int *)(b + G_FLAGS);
    gopts o = score_options(k, v);
    csat_group_options go = group_options(v);
    csat_status s = dg_call(k, d, v == V_NULL_Y ? NULL : gi.in.x, v == V_NULL_Z ? NULL : gi.g,
                            gi.groups, &o, &go, r, flags, gi.cap, err);
    if (s == CSAT_OK)
        design_grouped_ok(k, v, d, &gi, &o, &go, r, flags);
    csat_design_free(d);
    return s;
}

static csat_status dg_nps(int v, csat_error *err, void *out)
{
    return dg_score(G_NPS, v, err, out);
}
static csat_status dg_box(int v, csat_error *err, void *out)
{
    return dg_score(G_BOX, v, err, out);
}
static csat_status dg_mean(int v, csat_error *err, void *out)
{
    return dg_score(G_MEAN, v, err, out);
}

/* The checks of a comparison with the rest that succeeded: group i is
 * compared with the rest (other = CSAT_NO_INDEX); a group flagged by the
 * designed grouped score, or whose rest is empty, is skipped with that
 * flag; otherwise the difference is the group's estimate minus the
 * rest's, with p in [0, 1] and p_adjusted in [p, 1] (statistics NaN where
 * the design gives no variance: every stratum lonely under "average"). */
static void design_compare_ok(gkind k, int v, const csat_design *d, const ginput *gi,
                              const gopts *o, const csat_group_options *go,
                              const csat_compare_options *co, const csat_group_comparison *c)
{
    csat_group_comparison ref[NG];
    ref[0] = (csat_group_comparison)CSAT_RESULT_INIT(csat_group_comparison);
    MUST(dc_call(k, d, gi->in.x, gi->g, NG, o, go, co, ref, NG, &e_));
    if (v == V_SIZE_SHORT) {
        check_packed(c, NG, ref, sizeof *ref);
        return;
    }
    const size_t full = gkind_size(k);
    any_result grp[NG], rest[NG];
    int gf[NG], rf[NG];
    csat_group_options g0 = *go, g1 = *go;
    g0.complement = 0;
    g1.complement = 1;
    init_result(k, &grp[0]);
    init_result(k, &rest[0]);
    MUST(dg_call(k, d, gi->in.x, gi->g, NG, o, &g0, grp, gf, NG, &e_));
    MUST(dg_call(k, d, gi->in.x, gi->g, NG, o, &g1, rest, rf, NG, &e_));
    for (size_t i = 0; i < NG; i++) {
        const csat_group_comparison *x = &c[i];
        int skipped = gf[i] != CSAT_GROUP_OK             ? gf[i]
                      : (rf[i] & CSAT_GROUP_EMPTY) != 0 ? CSAT_GROUP_EMPTY
                                                         : 0;
        if (x->group != i || x->other != CSAT_NO_INDEX || x->skipped != skipped)
            fail_msg("comparison %zu: group %zu, other %zu, skipped %d (expected %d)", i,
                     x->group, x->other, x->skipped, skipped);
        if (skipped) {
            if (!isnan(x->p) || !isnan(x->diff))
                fail_msg("skipped comparison %zu: diff %g, p %g", i, x->diff, x->p);
            continue;
        }
        double diff = point_of(k, (const unsigned char *)grp + i * full)
                      - point_of(k, (const unsigned char *)rest + i * full);
        near("difference with the rest", x->diff, diff, 0);
        if (v == V_LONELY_ALL) {
            if (!isnan(x->p) || !isnan(x->statistic) || !isnan(x->se))
                fail_msg("comparison %zu without a variance: se %g, statistic %g, p %g", i,
                         x->se, x->statistic, x->p);
            continue;
        }
        if (!(x->p >= 0 && x->p <= 1) || !(x->p_adjusted >= x->p && x->p_adjusted <= 1)
            || !(x->ci_lower <= x->ci_upper) || isnan(x->statistic) || x->df != INFINITY)
            fail_msg("comparison %zu: p %g, adjusted %g, CI %g..%g, statistic %g, df %g", i,
                     x->p, x->p_adjusted, x->ci_lower, x->ci_upper, x->statistic, x->df);
        if (v == V_CONST && (x->diff != 0 || x->se != 0 || x->statistic != 0 || x->p != 1))
            fail_msg("comparison %zu of constant answers: diff %g, se %g, statistic %g, p %g", i,
                     x->diff, x->se, x->statistic, x->p);
    }
    if (scaled(v)) {
        csat_design *base = design_of(V_REF);
        ref[0] = (csat_group_comparison)CSAT_RESULT_INIT(csat_group_comparison);
        MUST(dc_call(k, base, gi->in.x, gi->g, NG, o, go, co, ref, NG, &e_));
        for (size_t i = 0; i < NG; i++) {
            near_floor("difference", c[i].diff, ref[i].diff, 1e-4);
            near_floor("difference se", c[i].se, ref[i].se, 1e-4);
            near_floor("difference p", c[i].p, ref[i].p, 1e-12);
        }
        csat_design_free(base);
    }
}

/* Each group of a design's rows against the rest: as dg_score, and
 * V_GROUPS1: one group; V_FLAGGED: group 1 without an answer (skipped);
 * V_LEVEL: a comparison level of 1.5; V_OPT4: a score level of 1.5;
 * V_OPT1: an unknown adjustment; V_OPT2: the score's own bad option
 * (V_OPT1 of score_options). */
static csat_status dc_compare(gkind k, int v, csat_error *err, void *out)
{
    if (v == V_GROUPS_PSUS)
        return groups_psus(k, 1, err);
    int lo, hi;
    gkind_scale(k, &lo, &hi);
    ginput gi;
    make_ginput(&gi, v, lo, hi);
    missing_answers(gi.in.x, v);
    if (v == V_FLAGGED)
        for (size_t i = 0; i < NX; i++)
            if (gi.g[i] == 1)
                gi.in.x[i] = NAN;
    size_t G = v == V_GROUPS1 ? 1 : gi.groups;
    csat_design *d = v == V_NULL_X ? NULL : design_of(design_variant(v));
    unsigned char *b = out;
    csat_group_comparison *c = OUT_ARRAY(csat_group_comparison, b, v, v == V_NULL_OUT);
    gopts o = score_options(k, v == V_OPT2 ? V_OPT1 : v == V_OPT1 || v == V_LEVEL ? V_REF : v);
    if (v == V_OPT4)
        o.nps.level = o.scale.level = o.mean.level = 1.5;
    csat_group_options go = group_options(v);
    csat_compare_options co = compare_options(v);
    if (v == V_OPT1)
        co.adjust = 9;
    csat_status s = dc_call(k, d, v == V_NULL_Y ? NULL : gi.in.x, v == V_NULL_Z ? NULL : gi.g, G,
                            &o, &go, &co, c, gi.cap, err);
    if (s == CSAT_OK)
        design_compare_ok(k, v, d, &gi, &o, &go, &co, c);
    csat_design_free(d);
    return s;
}

static csat_status dc_nps(int v, csat_error *err, void *out)
{
    return dc_compare(G_NPS, v, err, out);
}
static csat_status dc_shares(int v, csat_error *err, void *out)
{
    return dc_compare(G_BOX, v, err, out);
}
static csat_status dc_means(int v, csat_error *err, void *out)
{
    return dc_compare(G_MEAN, v, err, out);
}

/* ------------------------------------------------------------------------ */
/* Key drivers of a design                                                   */

/* The DN key-driver rows in strata 0 (rows 0–5) and 1 (6–11), two rows per
 * PSU: 6 PSUs, df = 6 − 2 + 1 − 3 coefficients = 2. V_FEW: three rows per
 * PSU, 4 PSUs leave no residual df. The lonely variants: stratum 1 of
 * rows 10, 11 in one PSU, the others one row per PSU (df 11 − 2 + 1 − 3). */
static const int32_t DSTRATA[DN] = { 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1 };
static const int32_t DCLUS[DN] = { 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5 };
static const int32_t DCLUS_FEW[DN] = { 0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3 };
static const int32_t DSTRATA_LONELY[DN] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1 };
static const int32_t DCLUS_LONELY[DN] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 10 };

/* The design of the key-driver rows with weights w (NULL: 1 each). */
static csat_design *driver_design(int v, const double *w)
{
    csat_design *d = NULL;
    if (v == V_DESIGN_PSUS) {
        MUST(csat_design_create_psus(6, NULL, NULL, NULL, &d, &e_));
        return d;
    }
    csat_design_options o = CSAT_DESIGN_OPTIONS_DEFAULT;
    o.lonely_psu = lonely_rule(v);
    int lonely = lonely_design(v);
    MUST(csat_design_create(DN, w, lonely ? DSTRATA_LONELY : DSTRATA,
                            lonely ? DCLUS_LONELY : v == V_FEW ? DCLUS_FEW : DCLUS, NULL, &o, &d,
                            &e_));
    return d;
}

/* The key-driver rows of make_drivers (its weights are the design's).
 * V_NULL_Z: the design NULL. */
static csat_status f_fit_design(int v, csat_error *err, void *out)
{
    ddata dd;
    make_drivers(&dd, v == V_FEW ? V_REF : v);
    csat_drivers_options o = CSAT_DRIVERS_OPTIONS_DEFAULT;
    o.size = options_size(v, sizeof o);
    if (v == V_LEVEL)
        o.level = 1.5;
    if (v == V_OPT1)
        o.intercept = 2;
    size_t p = v == V_BIGSCALE ? SIZE_MAX : v == V_OPT2 ? CSAT_DRIVERS_MAX + 1 : dd.p;
    if (v == V_BIGSCALE || v == V_OPT2)
        dd.ld = p;
    if (v == V_NAN) /* an incomplete row, left out of the fit (its PSU stays) */
        dd.x[2 * D_BADW_ROW] = NAN;
    csat_design *d = v == V_NULL_Z ? NULL : driver_design(v, dd.wp);
    csat_drivers **r = dd.null_out ? NULL : out;
    csat_status s = csat_drivers_fit_design(dd.xp, p, dd.ld, dd.yp, d, &o, r, err);
    if (s == CSAT_OK) {
        /* the coefficients of the weighted fit with the design's weights */
        csat_drivers *plain = NULL;
        MUST(csat_drivers_fit(dd.xp, DN, p, dd.ld, dd.yp, dd.wp, &o, &plain, &e_));
        for (size_t j = 0; j <= p; j++) {
            csat_coefficient a = CSAT_RESULT_INIT(csat_coefficient);
            csat_coefficient b = CSAT_RESULT_INIT(csat_coefficient);
            MUST(csat_drivers_coefficient(*r, j, &a, &e_));
            MUST(csat_drivers_coefficient(plain, j, &b, &e_));
            near("designed coefficient", a.estimate, b.estimate, 1e-12);
            if (!(a.se > 0 && isfinite(a.se)))
                fail_msg("designed coefficient %zu: SE %g", j, a.se);
        }
        csat_model_summary sm = CSAT_RESULT_INIT(csat_model_summary);
        MUST(csat_drivers_summary(*r, &sm, &e_));
        double df = lonely_design(v) ? 11 - 2 + 1 - 3 : 6 - 2 + 1 - 3;
        if (sm.df_resid != df)
            fail_msg("designed fit: df_resid %g, expected %g", sm.df_resid, df);
        if (scaled(v)) {
            ddata rd;
            make_drivers(&rd, V_REF);
            csat_design *base = driver_design(V_REF, rd.wp);
            csat_drivers *ref = NULL;
            MUST(csat_drivers_fit_design(rd.xp, rd.p, rd.ld, rd.yp, base, &o, &ref, &e_));
            same_model(*r, ref);
            csat_drivers_free(ref);
            csat_design_free(base);
        }
        csat_drivers_free(plain);
        csat_drivers_free(*r);
    }
    csat_design_free(d);
    return s;
}

/* ------------------------------------------------------------------------ */
/* Raking                                                                    */

/* The NX rows raked to two margins of a population of 1000: sex (2
 * categories, 520 and 480) and region (3: 300, 400, 300). The bad code
 * sits at row I_RCODE; a bad total at category 1 of region (NaN), 2 of
 * region (inf) or 0 of sex (out of range). The raked weights are written
 * at the start of the output, the csat_rake_result 512 bytes further
 * (where the call must not write on failure). A raking that does not
 * converge writes its csat_rake_result (documented): that of those
 * variants lives outside the output and is checked here. */
#define I_RCODE 7
static const int32_t RSEX[NX] = { 0, 1, 0, 1, 0, 1, 0, 1, 0, 0 };
static const int32_t RREGION[NX] = { 0, 1, 2, 0, 1, 2, 0, 1, 2, 0 };
/* V_RAKE_BOUNDARY: two margins of 500 and 500 that the sample meets only
 * in the limit (no row has code 1 of the first variable and 0 of the
 * second, and the margins need the cell (0, 1) empty): raking converges
 * too slowly for 50 sweeps. */
static const int32_t RB0[NX] = { 0, 0, 0, 0, 0, 1, 1, 1, 1, 1 };
static const int32_t RB1[NX] = { 0, 0, 0, 1, 1, 1, 1, 1, 1, 1 };

typedef struct rake_case {
    size_t n, vars, cats[2];
    int32_t sex[NX], region[NX];
    double w[NX], tsex[2], tregion[4];
    const int32_t *codes[2];
    const double *totals[2];
    const double *wp;
    csat_rake_options o;
} rake_case;

static void make_rake(rake_case *c, int v)
{
    static const double tsex[2] = { 520, 480 }, tregion[4] = { 300, 400, 300, 0 };
    c->n = v == V_EMPTY ? 0 : v == V_OVERFLOW2 ? SIZE_MAX / sizeof(double) + 1 : NX;
    c->vars = v == V_RAKE_VARS0 ? 0 : 2;
    c->cats[0] = v == V_OVERFLOW ? SIZE_MAX : 2;
    c->cats[1] = v == V_RAKE_CATS0 ? 0 : v == V_RAKE_EMPTY_CELL ? 4 : 3;
    memcpy(c->sex, RSEX, sizeof c->sex);
    memcpy(c->region, RREGION, sizeof c->region);
    memcpy(c->w, WREF, sizeof c->w);
    memcpy(c->tsex, tsex, sizeof c->tsex);
    memcpy(c->tregion, tregion, sizeof c->tregion);
    c->codes[0] = c->sex;
    c->codes[1] = c->region;
    c->totals[0] = c->tsex;
    c->totals[1] = c->tregion;
    c->wp = c->w;
    c->o = (csat_rake_options)CSAT_RAKE_OPTIONS_DEFAULT;
    c->o.size = options_size(v, sizeof c->o);
    /* A threshold in weight units (1 in a population of 10^9): the sweeps
     * after the first do not depend on the scale of the starting weights,
     * nor then does the sweep that converges (a threshold relative to the
     * starting total, the default, does). */
    if (scaled(v)) {
        c->o.epsilon = 1;
        for (size_t k = 0; k < 3; k++) {
            c->tsex[k % 2] = tsex[k % 2] * 1e6;
            c->tregion[k] = tregion[k] * 1e6;
        }
    }
    switch (v) {
    case V_NULL_OUT2: c->codes[1] = NULL; break;
    case V_NULL_OUT3: c->totals[1] = NULL; break;
    case V_NULL_OPT: c->wp = NULL; break;
    case V_NEGW: c->w[I_NEGW] = -1; break;
    case V_NANW: c->w[I_NANW] = NAN; break;
    case V_INFW: c->w[I_INFW] = INFINITY; break;
    case V_ZEROW: memset(c->w, 0, sizeof c->w); break;
    case V_BIGW:
    case V_SMALLW:
    case V_HUGEW:
    case V_TINYW:
        for (size_t i = 0; i < NX; i++)
            c->w[i] *= weight_factor(v);
        break;
    case V_GCODE_NEG: c->region[I_RCODE] = -2; break;
    case V_GCODE_G: c->sex[I_RCODE] = 2; break;
    case V_NAN: c->tregion[1] = NAN; break;
    case V_POSINF: c->tregion[2] = INFINITY; break;
    case V_SCALE_LO: c->tsex[0] = -520; break;
    case V_SCALE_HI: c->tsex[0] = 1e51; break;
    case V_RAKE_EMPTY_CELL: /* region 3: 100 in the population, no row */
        c->tregion[2] = 200;
        c->tregion[3] = 100;
        break;
    case V_RAKE_ZERO_CELL: /* the rows of region 2 weigh 0 */
        for (size_t i = 0; i < NX; i++)
            if (c->region[i] == 2)
                c->w[i] = 0;
        break;
    case V_RAKE_POP0: /* region 2 weighs in the sample, 0 in the population */
        c->tregion[1] = 700;
        c->tregion[2] = 0;
        break;
    case V_RAKE_DISAGREE: c->tregion[2] = 301; break; /* 1001 against 1000 */
    case V_RAKE_BOUNDARY:
        memcpy(c->sex, RB0, sizeof c->sex);
        memcpy(c->region, RB1, sizeof c->region);
        c->cats[1] = 2;
        c->tsex[0] = c->tsex[1] = c->tregion[0] = c->tregion[1] = 500;
        break;
    case V_NO_CONVERGE: /* convergence is seen in sweep 2 at the earliest */
        c->o.max_iter = 1;
        break;
    case V_OPT1: c->o.max_iter = 0; break;
    case V_OPT2: c->o.epsilon = 0; break;
    case V_OPT3: /* lower above upper */
        c->o.lower = 2;
        c->o.upper = 1;
        break;
    case V_OPT4: c->o.upper = 1; break; /* every raked weight (about 100) above it */
    default: break;
    }
}

static csat_status rake_call(const rake_case *c, double *out, csat_rake_result *info,
                             csat_error *err)
{
    return csat_design_rake(c->n, c->wp, c->vars, c->codes, c->cats, c->totals, &c->o, out, info,
                            err);
}

/* Raked weights that meet every margin (to 1e-8 of the population,
 * which the convergence thresholds of the cases reach): converged, the
 * largest miss, and the margins summed. */
static void rake_ok(const rake_case *c, const double *w, const csat_rake_result *info)
{
    const double tol = 1e-8 * (c->totals[0][0] + c->totals[0][1]);
    if (info != NULL && (info->converged != 1 || info->iterations < 2 || !(info->max_miss < tol)
                         || info->trimmed != 0))
        fail_msg("raking: converged %d in %d sweeps, largest miss %g, %zu trimmed",
                 info->converged, info->iterations, info->max_miss, info->trimmed);
    for (size_t v = 0; v < c->vars; v++)
        for (size_t k = 0; k < c->cats[v]; k++) {
            double sum = 0;
            for (size_t i = 0; i < c->n; i++)
                if ((size_t)c->codes[v][i] == k)
                    sum += w[i];
            if (!(fabs(sum - c->totals[v][k]) <= tol))
                fail_msg("margin %zu, category %zu: raked weights sum to %.17g, total %.17g", v,
                         k, sum, c->totals[v][k]);
        }
}

/* V_NULL_X: codes NULL, V_NULL_Y: categories, V_NULL_Z: totals, V_NULL_OUT:
 * the raked weights; V_NULL_OUT2: the codes of region, V_NULL_OUT3: its
 * totals; V_NULL_OPT: no starting weights (1 each) and no result;
 * V_IN_PLACE: the starting weights raked where they are. */
static csat_status r_rake(int v, csat_error *err, void *out)
{
    rake_case c;
    make_rake(&c, v);
    unsigned char *b = out;
    double *w = v == V_NULL_OUT ? NULL : (double *)(void *)b;
    int diverges = v == V_NO_CONVERGE || v == V_RAKE_BOUNDARY;
    csat_rake_result own = CSAT_RESULT_INIT(csat_rake_result);
    csat_rake_result *info = v == V_NULL_OPT ? NULL
                             : diverges      ? &own
                                             : OUT(csat_rake_result, b + 512, v, 0);
    if (v == V_IN_PLACE) {
        memcpy(w, c.w, sizeof c.w);
        c.wp = w;
    }
    csat_status s = csat_design_rake(c.n, c.wp, c.vars, v == V_NULL_X ? NULL : c.codes,
                                     v == V_NULL_Y ? NULL : c.cats,
                                     v == V_NULL_Z ? NULL : c.totals, &c.o, w, info, err);
    if (diverges && s == CSAT_ERR_CONVERGENCE
        && !(own.converged == 0 && own.iterations == c.o.max_iter && own.max_miss > 0
             && own.max_change > 0))
        fail_msg("raking without convergence: converged %d in %d sweeps (of %d), largest miss "
                 "%g, last change %g",
                 own.converged, own.iterations, c.o.max_iter, own.max_miss, own.max_change);
    if (s != CSAT_OK)
        return s;
    rake_ok(&c, w, v == V_SIZE_SHORT ? NULL : info); /* a short result has no more */
    if (v == V_SIZE_SHORT || v == V_IN_PLACE || scaled(v)) {
        rake_case rc;
        make_rake(&rc, v == V_SIZE_SHORT ? V_REF : v == V_IN_PLACE ? V_REF : V_BIGW);
        if (scaled(v))
            memcpy(rc.w, WREF, sizeof rc.w); /* the reference weights, the same options */
        double ref[NX];
        csat_rake_result ri = CSAT_RESULT_INIT(csat_rake_result);
        MUST(rake_call(&rc, ref, &ri, &e_));
        if (v == V_SIZE_SHORT)
            check_short(info, &ri);
        for (size_t i = 0; i < NX; i++)
            near("raked weight", w[i], ref[i], scaled(v) ? SCALE_TOL : 0);
        if (scaled(v) && (info->iterations != ri.iterations))
            fail_msg("raking scaled weights took %d sweeps, the reference %d", info->iterations,
                     ri.iterations);
    }
    return s;
}

/* ======================================================================== */
/* The matrix                                                                */
/* ======================================================================== */

#undef OK /* check.h's OK(call) is not used here */
#define OK CSAT_OK
#define E_NULL CSAT_ERR_NULL
#define EMPTY CSAT_ERR_EMPTY
#define RANGE CSAT_ERR_RANGE
#define WEIGHT CSAT_ERR_WEIGHT
#define ARG CSAT_ERR_ARGUMENT
#define NOMEM CSAT_ERR_NOMEM
#define SINGULAR CSAT_ERR_SINGULAR
#define TOO_FEW CSAT_ERR_TOO_FEW
#define FORMAT CSAT_ERR_FORMAT
#define OVERFLOW CSAT_ERR_OVERFLOW
#define CONVERGENCE CSAT_ERR_CONVERGENCE
/* "Compute correctly or refuse clearly" (issue finding 5). */
#define REFUSE (BIT(WEIGHT) | BIT(OVERFLOW))

/* A result struct of size 0, of a size that is not a multiple of
 * sizeof(size_t) and of one beyond the library's struct: ARGUMENT, naming
 * no element. */
#define BAD_RESULT_SIZES(f, fn)                                                               \
    AT(f, K_SIZE, fn, V_SIZE0, ARG, NOI, NOI), AT(f, K_SIZE, fn, V_SIZE_ODD, ARG, NOI, NOI),  \
    AT(f, K_SIZE, fn, V_SIZE_BIG, ARG, NOI, NOI)
/* The same, and a shorter valid size: only the bytes it covers are written. */
#define RESULT_SIZES(f, fn) BAD_RESULT_SIZES(f, fn), ROW(f, K_SIZE, fn, V_SIZE_SHORT, OK)
/* An options struct of size 0 and of one beyond the library's struct. */
#define OPTION_SIZES(f, fn)                                                                   \
    AT(f, K_SIZE, fn, V_OSIZE0, ARG, NOI, NOI), AT(f, K_SIZE, fn, V_OSIZE_BIG, ARG, NOI, NOI)

/* The cells every array score shares (x on its scale, optional weights). */
#define ARRAY_SCORE(f, fn)                                                                    \
    NUL(f, fn, V_NULL_X), NUL(f, fn, V_NULL_OUT),                                            \
    AT(f, K_EMPTY, fn, V_EMPTY, EMPTY, NOI, NOI),                                            \
    AT(f, K_NAN, fn, V_ALLNAN, EMPTY, NOI, NOI),                                             \
    AT(f, K_INF, fn, V_POSINF, RANGE, I_INF, NOI),                                           \
    AT(f, K_INF, fn, V_NEGINF, RANGE, I_INF, NOI),                                           \
    AT(f, K_SCALE, fn, V_SCALE_HI, RANGE, I_SCALE, NOI),                                     \
    AT(f, K_SCALE, fn, V_SCALE_LO, RANGE, I_SCALE, NOI),                                     \
    AT(f, K_NONINT, fn, V_NONINT, RANGE, I_NONINT, NOI),                                     \
    AT(f, K_NEGW, fn, V_NEGW, WEIGHT, I_NEGW, NOI),                                          \
    AT(f, K_NEGW, fn, V_NANW, WEIGHT, I_NANW, NOI),                                          \
    AT(f, K_NEGW, fn, V_INFW, WEIGHT, I_INFW, NOI),                                          \
    AT(f, K_ZEROW, fn, V_ZEROW, EMPTY, NOI, NOI),                                            \
    AT(f, K_HUGEW, fn, V_HUGEW, WEIGHT, 0, NOI), ROW(f, K_HUGEW, fn, V_BIGW, OK),             \
    AT(f, K_TINYW, fn, V_TINYW, WEIGHT, 0, NOI), ROW(f, K_TINYW, fn, V_SMALLW, OK),           \
    ROW(f, K_CONST, fn, V_CONST, OK), ROW(f, K_FEW, fn, V_ONE, OK),                           \
    ROW(f, K_OVERFLOW, fn, V_BIGSCALE, ARG), DOC(f, K_NOMEM, NOMEM),                          \
    ROW(f, K_OPTION, fn, V_OPT1, ARG), RESULT_SIZES(f, fn), OPTION_SIZES(f, fn)

/* The cells every tally estimator shares. */
#define TALLY_SCORE(f, fn)                                                                    \
    NUL(f, fn, V_NULL_X), NUL(f, fn, V_NULL_OUT),                                            \
    AT(f, K_EMPTY, fn, V_EMPTY, EMPTY, NOI, NOI),                                            \
    AT(f, K_NAN, fn, V_ALLNAN, EMPTY, NOI, NOI),                                             \
    AT(f, K_ZEROW, fn, V_ZEROW, EMPTY, NOI, NOI),                                            \
    ROW(f, K_CONST, fn, V_CONST, OK), ROW(f, K_OPTION, fn, V_LEVEL, ARG),                     \
    BAD_RESULT_SIZES(f, fn), OPTION_SIZES(f, fn)

/* csat_group_options: complement 2 and −1 (ARGUMENT), 1 (the rest of each
 * group: OK), sizes 0 and beyond the library's struct. */
#define GROUP_OPTIONS(f, fn)                                                                  \
    ROW(f, K_OPTION, fn, V_GOPT, ARG), ROW(f, K_OPTION, fn, V_GOPT2, ARG),                    \
    ROW(f, K_OPTION, fn, V_COMPLEMENT, OK),                                                   \
    AT(f, K_SIZE, fn, V_GOSIZE0, ARG, NOI, NOI), AT(f, K_SIZE, fn, V_GOSIZE_BIG, ARG, NOI, NOI)

/* The cells every score of a grouped accumulator shares: an empty
 * accumulator, all-NaN answers or zero weights give EMPTY flags, not an
 * error; flags may be NULL. */
#define GROUPED_SCORE(f, fn)                                                                  \
    NUL(f, fn, V_NULL_X), NUL(f, fn, V_NULL_OUT), ROW(f, K_NULL, fn, V_NULL_OPT, OK),         \
    ROW(f, K_EMPTY, fn, V_EMPTY, OK), ROW(f, K_NAN, fn, V_ALLNAN, OK),                        \
    ROW(f, K_ZEROW, fn, V_ZEROW, OK), ROW(f, K_CONST, fn, V_CONST, OK),                       \
    ROW(f, K_FEW, fn, V_ONE, OK), DOC(f, K_NOMEM, NOMEM), ROW(f, K_OPTION, fn, V_LEVEL, ARG), \
    ROW(f, K_OPTION, fn, V_CAP, ARG), GROUP_OPTIONS(f, fn), RESULT_SIZES(f, fn),              \
    OPTION_SIZES(f, fn)

/* The cells every grouped score from arrays shares. */
#define ARRAY_GROUPED(f, fn)                                                                  \
    NUL(f, fn, V_NULL_X), NUL(f, fn, V_NULL_Y), NUL(f, fn, V_NULL_OUT),                       \
    ROW(f, K_NULL, fn, V_NULL_OPT, OK), ROW(f, K_EMPTY, fn, V_EMPTY, OK),                     \
    ROW(f, K_NAN, fn, V_ALLNAN, OK),                                                          \
    AT(f, K_INF, fn, V_POSINF, RANGE, I_INF, NOI),                                           \
    AT(f, K_INF, fn, V_NEGINF, RANGE, I_INF, NOI),                                           \
    AT(f, K_SCALE, fn, V_GCODE_NEG, RANGE, I_GCODE, NOI),                                    \
    AT(f, K_SCALE, fn, V_GCODE_G, RANGE, I_GCODE, NOI),                                      \
    AT(f, K_NEGW, fn, V_NEGW, WEIGHT, I_NEGW, NOI),                                          \
    AT(f, K_NEGW, fn, V_NANW, WEIGHT, I_NANW, NOI),                                          \
    AT(f, K_NEGW, fn, V_INFW, WEIGHT, I_INFW, NOI),                                          \
    ROW(f, K_ZEROW, fn, V_ZEROW, OK),                                                         \
    AT(f, K_HUGEW, fn, V_HUGEW, WEIGHT, 0, NOI), ROW(f, K_HUGEW, fn, V_BIGW, OK),             \
    AT(f, K_TINYW, fn, V_TINYW, WEIGHT, 0, NOI), ROW(f, K_TINYW, fn, V_SMALLW, OK),           \
    ROW(f, K_CONST, fn, V_CONST, OK), ROW(f, K_FEW, fn, V_ONE, OK),                           \
    ROW(f, K_OVERFLOW, fn, V_GROUPS_BIG, ARG), DOC(f, K_NOMEM, NOMEM),                        \
    ROW(f, K_OPTION, fn, V_LEVEL, ARG), ROW(f, K_OPTION, fn, V_GROUPS0, ARG),                 \
    ROW(f, K_OPTION, fn, V_CAP, ARG), GROUP_OPTIONS(f, fn), RESULT_SIZES(f, fn),              \
    OPTION_SIZES(f, fn)

/* The same, with answers on an integer scale. */
#define ARRAY_GROUPED_SCALE(f, fn)                                                            \
    ARRAY_GROUPED(f, fn), AT(f, K_SCALE, fn, V_SCALE_HI, RANGE, I_SCALE, NOI),                \
    AT(f, K_SCALE, fn, V_SCALE_LO, RANGE, I_SCALE, NOI),                                     \
    AT(f, K_NONINT, fn, V_NONINT, RANGE, I_NONINT, NOI),                                     \
    ROW(f, K_OVERFLOW, fn, V_BIGSCALE, ARG)

/* The cells every comparison of groups shares. The bad result is that of
 * group I_CBAD, which the error names. */
#define COMPARE_GROUPS(f, fn)                                                                 \
    NUL(f, fn, V_NULL_X), NUL(f, fn, V_NULL_OUT), NUL(f, fn, V_NULL_OUT2),                    \
    NUL(f, fn, V_NULL_REST), ROW(f, K_NULL, fn, V_NULL_OPT, OK),                              \
    ROW(f, K_EMPTY, fn, V_EMPTY, ARG),                                                        \
    AT(f, K_NAN, fn, V_ALLNAN, ARG, I_CBAD, NOI), ROW(f, K_NAN, fn, V_FLAGGED, OK),           \
    AT(f, K_INF, fn, V_POSINF, ARG, I_CBAD, NOI), ROW(f, K_SCALE, fn, V_BENCH, ARG),          \
    ROW(f, K_CONST, fn, V_CONST, OK), ROW(f, K_OVERFLOW, fn, V_TOOBIG, ARG),                  \
    DOC(f, K_NOMEM, NOMEM), ROW(f, K_OPTION, fn, V_REF, OK), ROW(f, K_OPTION, fn, V_OPT2, OK), \
    ROW(f, K_OPTION, fn, V_OPT3, OK), ROW(f, K_OPTION, fn, V_OPT4, OK),                       \
    ROW(f, K_OPTION, fn, V_LEVEL, ARG), ROW(f, K_OPTION, fn, V_OPT1, ARG),                    \
    ROW(f, K_OPTION, fn, V_CONTRAST, ARG), ROW(f, K_OPTION, fn, V_REFERENCE, ARG),            \
    ROW(f, K_OPTION, fn, V_CAP, ARG), RESULT_SIZES(f, fn), OPTION_SIZES(f, fn),               \
    AT(f, K_SIZE, fn, V_ISIZE0, ARG, NOI, NOI), AT(f, K_SIZE, fn, V_ISIZE0_REST, ARG, NOI, NOI)

/* The cells every tracking table shares. */
#define TRACK(f, fn)                                                                          \
    NUL(f, fn, V_NULL_X), NUL(f, fn, V_NULL_OUT), ROW(f, K_NULL, fn, V_NULL_OPT, OK),         \
    ROW(f, K_EMPTY, fn, V_EMPTY, ARG),                                                        \
    AT(f, K_NAN, fn, V_ALLNAN, ARG, I_CBAD, NOI), ROW(f, K_NAN, fn, V_FLAGGED, OK),           \
    AT(f, K_INF, fn, V_POSINF, ARG, I_CBAD, NOI), ROW(f, K_CONST, fn, V_CONST, TOO_FEW),      \
    ROW(f, K_FEW, fn, V_FEW, TOO_FEW), ROW(f, K_FEW, fn, V_ONE, TOO_FEW),                     \
    AT(f, K_FEW, fn, V_NEFF0, ARG, I_CBAD, NOI), DOC(f, K_NOMEM, NOMEM),                      \
    ROW(f, K_OPTION, fn, V_REF, OK), ROW(f, K_OPTION, fn, V_LEVEL, ARG),                      \
    ROW(f, K_OPTION, fn, V_CAP, ARG), RESULT_SIZES(f, fn), OPTION_SIZES(f, fn),               \
    AT(f, K_SIZE, fn, V_ISIZE0, ARG, NOI, NOI), AT(f, K_SIZE, fn, V_TSIZE0, ARG, NOI, NOI)

/* The lonely-PSU rules other than "fail": a design with a stratum of one
 * PSU (every stratum, under "average") gives a result. */
#define LONELY_RULES(f, fn)                                                                   \
    ROW(f, K_FEW, fn, V_LONELY_REMOVE, OK), ROW(f, K_FEW, fn, V_LONELY_CERTAINTY, OK),        \
    ROW(f, K_FEW, fn, V_LONELY_ADJUST, OK), ROW(f, K_FEW, fn, V_LONELY_AVERAGE, OK),          \
    ROW(f, K_FEW, fn, V_LONELY_ALL, OK)

/* The cells every score of a design's rows shares: the design NULL, one of
 * PSUs (no rows: ARGUMENT), of zero or scaled weights (its weights were
 * checked when it was made), with lonely PSUs; the answers. */
#define DESIGN_SCORE(f, fn)                                                                   \
    NUL(f, fn, V_NULL_X), NUL(f, fn, V_NULL_Y), NUL(f, fn, V_NULL_OUT),                       \
    AT(f, K_EMPTY, fn, V_DESIGN_PSUS, ARG, NOI, NOI),                                         \
    AT(f, K_NAN, fn, V_ALLNAN, EMPTY, NOI, NOI), ROW(f, K_NAN, fn, V_NAN, OK),                \
    AT(f, K_INF, fn, V_POSINF, RANGE, I_INF, NOI),                                           \
    AT(f, K_INF, fn, V_NEGINF, RANGE, I_INF, NOI),                                           \
    AT(f, K_ZEROW, fn, V_ZEROW, EMPTY, NOI, NOI),                                            \
    ROW(f, K_HUGEW, fn, V_BIGW, OK), ROW(f, K_TINYW, fn, V_SMALLW, OK),                       \
    ROW(f, K_CONST, fn, V_CONST, OK), ROW(f, K_FEW, fn, V_ONE, OK), LONELY_RULES(f, fn),      \
    DOC(f, K_NOMEM, NOMEM), ROW(f, K_OPTION, fn, V_REF, OK),                                  \
    ROW(f, K_OPTION, fn, V_LEVEL, ARG), RESULT_SIZES(f, fn), OPTION_SIZES(f, fn)

/* The same, with answers on an integer scale. */
#define DESIGN_SCORE_SCALE(f, fn)                                                             \
    DESIGN_SCORE(f, fn), AT(f, K_SCALE, fn, V_SCALE_HI, RANGE, I_SCALE, NOI),                 \
    AT(f, K_SCALE, fn, V_SCALE_LO, RANGE, I_SCALE, NOI),                                     \
    AT(f, K_NONINT, fn, V_NONINT, RANGE, I_NONINT, NOI),                                     \
    ROW(f, K_OVERFLOW, fn, V_BIGSCALE, ARG), ROW(f, K_OPTION, fn, V_OPT1, ARG)

/* The cells every score of an accumulator keyed by PSU shares: empty, all
 * NaN or of zero weights (EMPTY); an accumulator of another number of
 * groups than the design's PSUs (ARGUMENT); the design of the PSUs alone,
 * and a design without clusters keyed by stratum (OK). */
#define DESIGN_PSU_SCORE(f, fn)                                                               \
    NUL(f, fn, V_NULL_X), NUL(f, fn, V_NULL_Y), NUL(f, fn, V_NULL_OUT),                       \
    AT(f, K_EMPTY, fn, V_EMPTY, EMPTY, NOI, NOI),                                            \
    AT(f, K_NAN, fn, V_ALLNAN, EMPTY, NOI, NOI), ROW(f, K_NAN, fn, V_NAN, OK),                \
    AT(f, K_ZEROW, fn, V_ZEROW, EMPTY, NOI, NOI),                                            \
    ROW(f, K_HUGEW, fn, V_BIGW, OK), ROW(f, K_TINYW, fn, V_SMALLW, OK),                       \
    ROW(f, K_CONST, fn, V_CONST, OK), ROW(f, K_FEW, fn, V_ONE, OK), LONELY_RULES(f, fn),      \
    DOC(f, K_NOMEM, NOMEM), ROW(f, K_OPTION, fn, V_REF, OK),                                  \
    ROW(f, K_OPTION, fn, V_DESIGN_PSUS, OK), ROW(f, K_OPTION, fn, V_NO_CLUSTERS, OK),         \
    AT(f, K_OPTION, fn, V_OTHER_G, ARG, NOI, NOI), ROW(f, K_OPTION, fn, V_LEVEL, ARG),        \
    RESULT_SIZES(f, fn), OPTION_SIZES(f, fn)

/* The cells every score by group of a design shares: those of the
 * grouped scores from arrays (groups.h), the design's own (a design of
 * PSUs; G × PSUs beyond CSAT_GROUPS_MAX: ARGUMENT). A complement of 2 or
 * −1 is ARGUMENT, as in groups.h. */
#define DESIGN_GROUPED(f, fn)                                                                 \
    NUL(f, fn, V_NULL_X), NUL(f, fn, V_NULL_Y), NUL(f, fn, V_NULL_Z), NUL(f, fn, V_NULL_OUT), \
    ROW(f, K_NULL, fn, V_NULL_OPT, OK), AT(f, K_EMPTY, fn, V_DESIGN_PSUS, ARG, NOI, NOI),    \
    ROW(f, K_NAN, fn, V_ALLNAN, OK), ROW(f, K_NAN, fn, V_NAN, OK),                            \
    AT(f, K_INF, fn, V_POSINF, RANGE, I_INF, NOI),                                           \
    AT(f, K_INF, fn, V_NEGINF, RANGE, I_INF, NOI),                                           \
    AT(f, K_SCALE, fn, V_GCODE_NEG, RANGE, I_GCODE, NOI),                                    \
    AT(f, K_SCALE, fn, V_GCODE_G, RANGE, I_GCODE, NOI),                                      \
    ROW(f, K_ZEROW, fn, V_ZEROW, OK), ROW(f, K_HUGEW, fn, V_BIGW, OK),                        \
    ROW(f, K_TINYW, fn, V_SMALLW, OK), ROW(f, K_CONST, fn, V_CONST, OK),                      \
    ROW(f, K_FEW, fn, V_ONE, OK), LONELY_RULES(f, fn),                                        \
    ROW(f, K_OVERFLOW, fn, V_GROUPS_BIG, ARG), ROW(f, K_OVERFLOW, fn, V_GROUPS_PSUS, ARG),    \
    DOC(f, K_NOMEM, NOMEM), ROW(f, K_OPTION, fn, V_REF, OK),                                  \
    ROW(f, K_OPTION, fn, V_LEVEL, ARG), ROW(f, K_OPTION, fn, V_GROUPS0, ARG),                 \
    ROW(f, K_OPTION, fn, V_CAP, ARG), ROW(f, K_OPTION, fn, V_COMPLEMENT, OK),                 \
    ROW(f, K_OPTION, fn, V_GOPT, ARG), ROW(f, K_OPTION, fn, V_GOPT2, ARG),                    \
    AT(f, K_SIZE, fn, V_GOSIZE0, ARG, NOI, NOI), AT(f, K_SIZE, fn, V_GOSIZE_BIG, ARG, NOI, NOI), \
    RESULT_SIZES(f, fn), OPTION_SIZES(f, fn)

/* The cells every comparison of a design's groups with the rest shares:
 * flagged groups (none answered, one answer, all NaN, zero weights) are
 * skipped (OK); `complement` is not read (OK); G of 0 or 1 (ARGUMENT). */
#define DESIGN_COMPARE(f, fn)                                                                 \
    NUL(f, fn, V_NULL_X), NUL(f, fn, V_NULL_Y), NUL(f, fn, V_NULL_Z), NUL(f, fn, V_NULL_OUT), \
    AT(f, K_EMPTY, fn, V_DESIGN_PSUS, ARG, NOI, NOI), ROW(f, K_NAN, fn, V_ALLNAN, OK),        \
    ROW(f, K_NAN, fn, V_NAN, OK), ROW(f, K_NAN, fn, V_FLAGGED, OK),                           \
    AT(f, K_INF, fn, V_POSINF, RANGE, I_INF, NOI),                                           \
    AT(f, K_INF, fn, V_NEGINF, RANGE, I_INF, NOI),                                           \
    AT(f, K_SCALE, fn, V_GCODE_NEG, RANGE, I_GCODE, NOI),                                    \
    AT(f, K_SCALE, fn, V_GCODE_G, RANGE, I_GCODE, NOI),                                      \
    ROW(f, K_ZEROW, fn, V_ZEROW, OK), ROW(f, K_HUGEW, fn, V_BIGW, OK),                        \
    ROW(f, K_TINYW, fn, V_SMALLW, OK), ROW(f, K_CONST, fn, V_CONST, OK),                      \
    ROW(f, K_FEW, fn, V_ONE, OK), LONELY_RULES(f, fn),                                        \
    ROW(f, K_OVERFLOW, fn, V_GROUPS_BIG, ARG), ROW(f, K_OVERFLOW, fn, V_GROUPS_PSUS, ARG),    \
    DOC(f, K_NOMEM, NOMEM), ROW(f, K_OPTION, fn, V_REF, OK),                                  \
    ROW(f, K_OPTION, fn, V_LEVEL, ARG), ROW(f, K_OPTION, fn, V_OPT4, ARG),                    \
    ROW(f, K_OPTION, fn, V_OPT1, ARG), ROW(f, K_OPTION, fn, V_GROUPS0, ARG),                  \
    ROW(f, K_OPTION, fn, V_GROUPS1, ARG), ROW(f, K_OPTION, fn, V_CAP, ARG),                   \
    ROW(f, K_OPTION, fn, V_GOPT, OK), ROW(f, K_OPTION, fn, V_COMPLEMENT, OK),                 \
    AT(f, K_SIZE, fn, V_GOSIZE0, ARG, NOI, NOI), AT(f, K_SIZE, fn, V_GOSIZE_BIG, ARG, NOI, NOI), \
    RESULT_SIZES(f, fn), OPTION_SIZES(f, fn)

static const row rows[] = {
#define FAMILY "Scores"
    ARRAY_SCORE(csat_score_nps, s_nps),
    ROW(csat_score_nps, K_OPTION, s_nps, V_LEVEL, ARG),
    ROW(csat_score_nps, K_OPTION, s_nps, V_OPT2, ARG),
    ARRAY_SCORE(csat_score_box_share, s_box_share),
    ROW(csat_score_box_share, K_OPTION, s_box_share, V_LEVEL, ARG),
    ARRAY_SCORE(csat_score_csat, s_csat),
    ROW(csat_score_csat, K_OPTION, s_csat, V_LEVEL, ARG),
    ARRAY_SCORE(csat_score_top_box, s_top_box),
    ROW(csat_score_top_box, K_OPTION, s_top_box, V_LEVEL, ARG),
    ROW(csat_score_top_box, K_OVERFLOW, s_top_box, V_EDGE, OK),
    ARRAY_SCORE(csat_score_bottom_box, s_bottom_box),
    ROW(csat_score_bottom_box, K_OPTION, s_bottom_box, V_LEVEL, ARG),
    ROW(csat_score_bottom_box, K_OVERFLOW, s_bottom_box, V_EDGE, OK),
    ARRAY_SCORE(csat_score_ces, s_ces),
    NUL(csat_score_ces, s_ces, V_NULL_OUT2),
    ROW(csat_score_ces, K_OPTION, s_ces, V_LEVEL, ARG),
    ARRAY_SCORE(csat_score_distribution, s_distribution),

    NUL(csat_score_mean, s_mean_score, V_NULL_X), NUL(csat_score_mean, s_mean_score, V_NULL_OUT),
    AT(csat_score_mean, K_EMPTY, s_mean_score, V_EMPTY, EMPTY, NOI, NOI),
    AT(csat_score_mean, K_NAN, s_mean_score, V_ALLNAN, EMPTY, NOI, NOI),
    AT(csat_score_mean, K_INF, s_mean_score, V_POSINF, RANGE, I_INF, NOI),
    AT(csat_score_mean, K_INF, s_mean_score, V_NEGINF, RANGE, I_INF, NOI),
    AT(csat_score_mean, K_SCALE, s_mean_score, V_EXTREME, RANGE, I_SCALE, NOI),
    AT(csat_score_mean, K_NEGW, s_mean_score, V_NEGW, WEIGHT, I_NEGW, NOI),
    AT(csat_score_mean, K_NEGW, s_mean_score, V_NANW, WEIGHT, I_NANW, NOI),
    AT(csat_score_mean, K_NEGW, s_mean_score, V_INFW, WEIGHT, I_INFW, NOI),
    AT(csat_score_mean, K_ZEROW, s_mean_score, V_ZEROW, EMPTY, NOI, NOI),
    AT(csat_score_mean, K_HUGEW, s_mean_score, V_HUGEW, WEIGHT, 0, NOI),
    AT(csat_score_mean, K_HUGEW, s_mean_score, V_W1E308, WEIGHT, 0, NOI),
    ROW(csat_score_mean, K_HUGEW, s_mean_score, V_BIGW, OK),
    AT(csat_score_mean, K_TINYW, s_mean_score, V_TINYW, WEIGHT, 0, NOI),
    ROW(csat_score_mean, K_TINYW, s_mean_score, V_SMALLW, OK),
    ROW(csat_score_mean, K_CONST, s_mean_score, V_CONST, OK),
    ROW(csat_score_mean, K_FEW, s_mean_score, V_ONE, OK),
    ROW(csat_score_mean, K_OPTION, s_mean_score, V_LEVEL, ARG),
    RESULT_SIZES(csat_score_mean, s_mean_score), OPTION_SIZES(csat_score_mean, s_mean_score),

    NUL(csat_score_index, s_index, V_NULL_X), NUL(csat_score_index, s_index, V_NULL_Y),
    NUL(csat_score_index, s_index, V_NULL_Z), NUL(csat_score_index, s_index, V_NULL_OUT),
    AT(csat_score_index, K_EMPTY, s_index, V_EMPTY, EMPTY, NOI, NOI),
    AT(csat_score_index, K_NAN, s_index, V_ALLNAN, EMPTY, NOI, NOI),
    AT(csat_score_index, K_INF, s_index, V_POSINF, RANGE, 2, 1),
    AT(csat_score_index, K_INF, s_index, V_NEGINF, RANGE, 2, 1),
    AT(csat_score_index, K_SCALE, s_index, V_SCALE_HI, RANGE, 3, 0),
    AT(csat_score_index, K_NEGW, s_index, V_NEGW, WEIGHT, I_NEGW, NOI),
    AT(csat_score_index, K_NEGW, s_index, V_NANW, WEIGHT, I_NANW % IN, NOI),
    AT(csat_score_index, K_ZEROW, s_index, V_ZEROW, EMPTY, NOI, NOI),
    AT(csat_score_index, K_HUGEW, s_index, V_HUGEW, WEIGHT, 0, NOI),
    ROW(csat_score_index, K_HUGEW, s_index, V_BIGW, OK),
    OR(csat_score_index, K_HUGEW, s_index, V_W1E308, ARG, BIT(OK)),
    AT(csat_score_index, K_TINYW, s_index, V_TINYW, WEIGHT, 0, NOI),
    ROW(csat_score_index, K_TINYW, s_index, V_SMALLW, OK),
    ROW(csat_score_index, K_CONST, s_index, V_CONST, OK),
    ROW(csat_score_index, K_FEW, s_index, V_ONE, OK),
    ROW(csat_score_index, K_OPTION, s_index, V_LEVEL, ARG),
    AT(csat_score_index, K_OPTION, s_index, V_NAN, ARG, NOI, 0),
    AT(csat_score_index, K_OPTION, s_index, V_OPT1, ARG, NOI, 1),
    ROW(csat_score_index, K_OPTION, s_index, V_OPT2, ARG),
    ROW(csat_score_index, K_OPTION, s_index, V_OPT3, ARG),
    ROW(csat_score_index, K_OPTION, s_index, V_OPT4, ARG),
    RESULT_SIZES(csat_score_index, s_index), OPTION_SIZES(csat_score_index, s_index),

    NUL(csat_moments_mean, t_moments_mean, V_NULL_X),
    NUL(csat_moments_mean, t_moments_mean, V_NULL_OUT),
    AT(csat_moments_mean, K_EMPTY, t_moments_mean, V_EMPTY, EMPTY, NOI, NOI),
    AT(csat_moments_mean, K_NAN, t_moments_mean, V_ALLNAN, EMPTY, NOI, NOI),
    AT(csat_moments_mean, K_ZEROW, t_moments_mean, V_ZEROW, EMPTY, NOI, NOI),
    ROW(csat_moments_mean, K_CONST, t_moments_mean, V_CONST, OK),
    ROW(csat_moments_mean, K_FEW, t_moments_mean, V_ONE, OK),
    ROW(csat_moments_mean, K_OPTION, t_moments_mean, V_LEVEL, ARG),
    RESULT_SIZES(csat_moments_mean, t_moments_mean),
    OPTION_SIZES(csat_moments_mean, t_moments_mean),

    TALLY_SCORE(csat_tally_nps, t_nps),
    ROW(csat_tally_nps, K_OPTION, t_nps, V_OPT1, ARG),
    ROW(csat_tally_nps, K_OPTION, t_nps, V_OPT2, ARG),
    TALLY_SCORE(csat_tally_box_share, t_box),
    ROW(csat_tally_box_share, K_OPTION, t_box, V_OPT1, ARG),
    ROW(csat_tally_box_share, K_OPTION, t_box, V_OPT2, ARG),
    TALLY_SCORE(csat_tally_csat, t_csat),
    ROW(csat_tally_csat, K_OPTION, t_csat, V_OPT1, ARG),
    ROW(csat_tally_csat, K_OPTION, t_csat, V_OPT2, ARG),
    TALLY_SCORE(csat_tally_top_box, t_top),
    ROW(csat_tally_top_box, K_OVERFLOW, t_top, V_EDGE, OK),
    ROW(csat_tally_top_box, K_OPTION, t_top, V_OPT1, ARG),
    ROW(csat_tally_top_box, K_OPTION, t_top, V_OPT2, ARG),
    TALLY_SCORE(csat_tally_bottom_box, t_bottom),
    ROW(csat_tally_bottom_box, K_OVERFLOW, t_bottom, V_EDGE, OK),
    ROW(csat_tally_bottom_box, K_OPTION, t_bottom, V_OPT1, ARG),
    ROW(csat_tally_bottom_box, K_OPTION, t_bottom, V_OPT2, ARG),
    TALLY_SCORE(csat_tally_mean, t_mean),
    TALLY_SCORE(csat_tally_ces, t_ces),
    NUL(csat_tally_ces, t_ces, V_NULL_OUT2),
    ROW(csat_tally_ces, K_OPTION, t_ces, V_OPT1, ARG),
    ROW(csat_tally_ces, K_OPTION, t_ces, V_OPT2, ARG),
#undef FAMILY

#define FAMILY "Accumulators"
    NUL(csat_moments_create, a_moments_create, V_NULL_OUT),
    DOC(csat_moments_create, K_NOMEM, NOMEM),

    NUL(csat_moments_copy, a_moments_copy, V_NULL_X),
    NUL(csat_moments_copy, a_moments_copy, V_NULL_OUT),
    DOC(csat_moments_copy, K_NOMEM, NOMEM),

    NUL(csat_moments_add, a_moments_add, V_NULL_OUT),
    NUL(csat_moments_add, a_moments_add, V_NULL_X),
    ROW(csat_moments_add, K_EMPTY, a_moments_add, V_EMPTY, OK),
    ROW(csat_moments_add, K_NAN, a_moments_add, V_ALLNAN, OK),
    AT(csat_moments_add, K_INF, a_moments_add, V_POSINF, RANGE, I_INF, NOI),
    AT(csat_moments_add, K_INF, a_moments_add, V_NEGINF, RANGE, I_INF, NOI),
    AT(csat_moments_add, K_NEGW, a_moments_add, V_NEGW, WEIGHT, I_NEGW, NOI),
    AT(csat_moments_add, K_NEGW, a_moments_add, V_NANW, WEIGHT, I_NANW, NOI),
    AT(csat_moments_add, K_NEGW, a_moments_add, V_INFW, WEIGHT, I_INFW, NOI),
    ROW(csat_moments_add, K_ZEROW, a_moments_add, V_ZEROW, OK),
    AT(csat_moments_add, K_SCALE, a_moments_add, V_EXTREME, RANGE, I_SCALE, NOI),
    AT(csat_moments_add, K_HUGEW, a_moments_add, V_HUGEW, WEIGHT, 0, NOI),
    AT(csat_moments_add, K_HUGEW, a_moments_add, V_W1E308, WEIGHT, 0, NOI),
    ROW(csat_moments_add, K_HUGEW, a_moments_add, V_BIGW, OK),
    AT(csat_moments_add, K_TINYW, a_moments_add, V_TINYW, WEIGHT, 0, NOI),
    ROW(csat_moments_add, K_TINYW, a_moments_add, V_SMALLW, OK),

    NUL(csat_moments_merge, a_moments_merge, V_NULL_OUT),
    NUL(csat_moments_merge, a_moments_merge, V_NULL_X),
    ROW(csat_moments_merge, K_OVERFLOW, a_moments_merge, V_OVERFLOW, OVERFLOW),
    ROW(csat_moments_merge, K_OVERFLOW, a_moments_merge, V_OVERFLOW2, OVERFLOW),

    NUL(csat_moments_sample, a_moments_sample, V_NULL_X),
    NUL(csat_moments_sample, a_moments_sample, V_NULL_OUT),
    RESULT_SIZES(csat_moments_sample, a_moments_sample),

    NUL(csat_moments_serialize, a_moments_serialize, V_NULL_X),
    NUL(csat_moments_serialize, a_moments_serialize, V_NULL_OUT),
    ROW(csat_moments_serialize, K_OPTION, a_moments_serialize, V_CAP, ARG),

    NUL(csat_moments_deserialize, a_moments_deserialize, V_NULL_X),
    NUL(csat_moments_deserialize, a_moments_deserialize, V_NULL_OUT),
    ROW(csat_moments_deserialize, K_EMPTY, a_moments_deserialize, F_LEN0, FORMAT),
    ROW(csat_moments_deserialize, K_NAN, a_moments_deserialize, F_NAN, FORMAT),
    ROW(csat_moments_deserialize, K_NEGW, a_moments_deserialize, F_NEG, FORMAT),
    ROW(csat_moments_deserialize, K_FORMAT, a_moments_deserialize, F_TRUNC, FORMAT),
    ROW(csat_moments_deserialize, K_FORMAT, a_moments_deserialize, F_MAGIC, FORMAT),
    ROW(csat_moments_deserialize, K_FORMAT, a_moments_deserialize, F_VERSION, FORMAT),
    ROW(csat_moments_deserialize, K_FORMAT, a_moments_deserialize, F_MINMAX, FORMAT),
    ROW(csat_moments_deserialize, K_FORMAT, a_moments_deserialize, F_RESERVED, FORMAT),
    ROW(csat_moments_deserialize, K_FORMAT, a_moments_deserialize, F_N0, FORMAT),
    ROW(csat_moments_deserialize, K_FORMAT, a_moments_deserialize, F_W2BIG, FORMAT),
    ROW(csat_moments_deserialize, K_FORMAT, a_moments_deserialize, F_W2SMALL, FORMAT),
    ROW(csat_moments_deserialize, K_FORMAT, a_moments_deserialize, F_MEAN, FORMAT),
    ROW(csat_moments_deserialize, K_FORMAT, a_moments_deserialize, F_ROUNDTRIP, OK),

    NUL(csat_tally_create, a_tally_create, V_NULL_OUT),
    ROW(csat_tally_create, K_OVERFLOW, a_tally_create, V_BIGSCALE, ARG),
    ROW(csat_tally_create, K_OVERFLOW, a_tally_create, V_TOOBIG, ARG),
    DOC(csat_tally_create, K_NOMEM, NOMEM),
    ROW(csat_tally_create, K_OPTION, a_tally_create, V_OPT1, ARG),

    NUL(csat_tally_copy, a_tally_copy, V_NULL_X), NUL(csat_tally_copy, a_tally_copy, V_NULL_OUT),
    DOC(csat_tally_copy, K_NOMEM, NOMEM),

    NUL(csat_tally_add, a_tally_add, V_NULL_OUT), NUL(csat_tally_add, a_tally_add, V_NULL_X),
    ROW(csat_tally_add, K_EMPTY, a_tally_add, V_EMPTY, OK),
    ROW(csat_tally_add, K_NAN, a_tally_add, V_ALLNAN, OK),
    AT(csat_tally_add, K_INF, a_tally_add, V_POSINF, RANGE, I_INF, NOI),
    AT(csat_tally_add, K_INF, a_tally_add, V_NEGINF, RANGE, I_INF, NOI),
    AT(csat_tally_add, K_SCALE, a_tally_add, V_SCALE_HI, RANGE, I_SCALE, NOI),
    AT(csat_tally_add, K_SCALE, a_tally_add, V_SCALE_LO, RANGE, I_SCALE, NOI),
    AT(csat_tally_add, K_NONINT, a_tally_add, V_NONINT, RANGE, I_NONINT, NOI),
    AT(csat_tally_add, K_NEGW, a_tally_add, V_NEGW, WEIGHT, I_NEGW, NOI),
    AT(csat_tally_add, K_NEGW, a_tally_add, V_NANW, WEIGHT, I_NANW, NOI),
    AT(csat_tally_add, K_NEGW, a_tally_add, V_INFW, WEIGHT, I_INFW, NOI),
    ROW(csat_tally_add, K_ZEROW, a_tally_add, V_ZEROW, OK),
    AT(csat_tally_add, K_HUGEW, a_tally_add, V_HUGEW, WEIGHT, 0, NOI),
    ROW(csat_tally_add, K_HUGEW, a_tally_add, V_BIGW, OK),
    AT(csat_tally_add, K_TINYW, a_tally_add, V_TINYW, WEIGHT, 0, NOI),
    ROW(csat_tally_add, K_TINYW, a_tally_add, V_SMALLW, OK),
    ROW(csat_tally_add, K_OVERFLOW, a_tally_add, V_OVERFLOW, OVERFLOW),
    DOC(csat_tally_add, K_NOMEM, NOMEM),

    NUL(csat_tally_merge, a_tally_merge, V_NULL_OUT),
    NUL(csat_tally_merge, a_tally_merge, V_NULL_X),
    ROW(csat_tally_merge, K_OVERFLOW, a_tally_merge, V_OVERFLOW, OVERFLOW),
    ROW(csat_tally_merge, K_OVERFLOW, a_tally_merge, V_OVERFLOW2, OVERFLOW),
    ROW(csat_tally_merge, K_OPTION, a_tally_merge, V_OPT1, ARG),

    NUL(csat_tally_scale, a_tally_scale, V_NULL_X), NUL(csat_tally_scale, a_tally_scale, V_NULL_Y),
    NUL(csat_tally_scale, a_tally_scale, V_NULL_Z),
    NUL(csat_tally_sample, a_tally_sample, V_NULL_X),
    NUL(csat_tally_sample, a_tally_sample, V_NULL_OUT),
    RESULT_SIZES(csat_tally_sample, a_tally_sample),
    NUL(csat_tally_point, a_tally_point, V_NULL_X),
    NUL(csat_tally_point, a_tally_point, V_NULL_OUT),
    ROW(csat_tally_point, K_SCALE, a_tally_point, V_SCALE_HI, RANGE),
    ROW(csat_tally_point, K_SCALE, a_tally_point, V_SCALE_LO, RANGE),
    ROW(csat_tally_point, K_SCALE, a_tally_point, V_BIGSCALE, RANGE),
    BAD_RESULT_SIZES(csat_tally_point, a_tally_point),

    NUL(csat_tally_serialize, a_tally_serialize, V_NULL_X),
    NUL(csat_tally_serialize, a_tally_serialize, V_NULL_OUT),
    ROW(csat_tally_serialize, K_OPTION, a_tally_serialize, V_CAP, ARG),

    NUL(csat_tally_deserialize, a_tally_deserialize, V_NULL_X),
    NUL(csat_tally_deserialize, a_tally_deserialize, V_NULL_OUT),
    ROW(csat_tally_deserialize, K_EMPTY, a_tally_deserialize, F_LEN0, FORMAT),
    ROW(csat_tally_deserialize, K_NAN, a_tally_deserialize, F_NAN, FORMAT),
    ROW(csat_tally_deserialize, K_NEGW, a_tally_deserialize, F_NEG, FORMAT),
    ROW(csat_tally_deserialize, K_ZEROW, a_tally_deserialize, F_W2ZERO, FORMAT),
    ROW(csat_tally_deserialize, K_OVERFLOW, a_tally_deserialize, F_WRAP, FORMAT),
    DOC(csat_tally_deserialize, K_NOMEM, NOMEM),
    ROW(csat_tally_deserialize, K_FORMAT, a_tally_deserialize, F_TRUNC, FORMAT),
    ROW(csat_tally_deserialize, K_FORMAT, a_tally_deserialize, F_MAGIC, FORMAT),
    ROW(csat_tally_deserialize, K_FORMAT, a_tally_deserialize, F_VERSION, FORMAT),
    ROW(csat_tally_deserialize, K_FORMAT, a_tally_deserialize, F_SCALE, FORMAT),
    ROW(csat_tally_deserialize, K_FORMAT, a_tally_deserialize, F_W2BIG, FORMAT),
    ROW(csat_tally_deserialize, K_FORMAT, a_tally_deserialize, F_W2SMALL, FORMAT),
    ROW(csat_tally_deserialize, K_FORMAT, a_tally_deserialize, F_COUNT0, FORMAT),
    ROW(csat_tally_deserialize, K_FORMAT, a_tally_deserialize, F_ROUNDTRIP, OK),
#undef FAMILY

#define FAMILY "Drivers"
    NUL(csat_xprod_create, a_xprod_create, V_NULL_OUT),
    ROW(csat_xprod_create, K_OVERFLOW, a_xprod_create, V_BIGSCALE, ARG),
    DOC(csat_xprod_create, K_NOMEM, NOMEM),
    ROW(csat_xprod_create, K_OPTION, a_xprod_create, V_OPT1, ARG),
    ROW(csat_xprod_create, K_OPTION, a_xprod_create, V_OPT2, ARG),

    NUL(csat_xprod_add, a_xprod_add, V_NULL_OUT), NUL(csat_xprod_add, a_xprod_add, V_NULL_X),
    NUL(csat_xprod_add, a_xprod_add, V_NULL_Y),
    ROW(csat_xprod_add, K_EMPTY, a_xprod_add, V_EMPTY, OK),
    ROW(csat_xprod_add, K_NAN, a_xprod_add, V_ALLNAN, OK),
    AT(csat_xprod_add, K_INF, a_xprod_add, V_POSINF, RANGE, D_INF_ROW, 1),
    AT(csat_xprod_add, K_INF, a_xprod_add, V_NEGINF, RANGE, D_NEGINF_ROW, 2),
    AT(csat_xprod_add, K_NEGW, a_xprod_add, V_NEGW, WEIGHT, D_BADW_ROW, NOI),
    AT(csat_xprod_add, K_NEGW, a_xprod_add, V_NANW, WEIGHT, D_BADW_ROW, NOI),
    AT(csat_xprod_add, K_NEGW, a_xprod_add, V_INFW, WEIGHT, D_BADW_ROW, NOI),
    ROW(csat_xprod_add, K_ZEROW, a_xprod_add, V_ZEROW, OK),
    AT(csat_xprod_add, K_SCALE, a_xprod_add, V_EXTREME, RANGE, D_INF_ROW, 1),
    AT(csat_xprod_add, K_HUGEW, a_xprod_add, V_HUGEW, WEIGHT, 0, NOI),
    ROW(csat_xprod_add, K_HUGEW, a_xprod_add, V_BIGW, OK),
    AT(csat_xprod_add, K_TINYW, a_xprod_add, V_TINYW, WEIGHT, 0, NOI),
    ROW(csat_xprod_add, K_TINYW, a_xprod_add, V_SMALLW, OK),
    ROW(csat_xprod_add, K_OVERFLOW, a_xprod_add, V_OVERFLOW, OVERFLOW),
    DOC(csat_xprod_add, K_NOMEM, NOMEM),
    ROW(csat_xprod_add, K_OPTION, a_xprod_add, V_OPT3, ARG),

    NUL(csat_xprod_merge, a_xprod_merge, V_NULL_OUT),
    NUL(csat_xprod_merge, a_xprod_merge, V_NULL_X),
    ROW(csat_xprod_merge, K_OVERFLOW, a_xprod_merge, V_OVERFLOW, OVERFLOW),
    ROW(csat_xprod_merge, K_OVERFLOW, a_xprod_merge, V_OVERFLOW2, OVERFLOW),
    DOC(csat_xprod_merge, K_NOMEM, NOMEM),
    ROW(csat_xprod_merge, K_OPTION, a_xprod_merge, V_OPT1, ARG),

    NUL(csat_xprod_copy, a_xprod_copy, V_NULL_X),
    NUL(csat_xprod_copy, a_xprod_copy, V_NULL_OUT),
    DOC(csat_xprod_copy, K_NOMEM, NOMEM),

    NUL(csat_xprod_drivers, a_xprod_drivers, V_NULL_X),
    NUL(csat_xprod_drivers, a_xprod_drivers, V_NULL_OUT),
    NUL(csat_xprod_sample, a_xprod_sample, V_NULL_X),
    NUL(csat_xprod_sample, a_xprod_sample, V_NULL_OUT),
    RESULT_SIZES(csat_xprod_sample, a_xprod_sample),
    NUL(csat_xprod_serialize, a_xprod_serialize, V_NULL_X),
    NUL(csat_xprod_serialize, a_xprod_serialize, V_NULL_OUT),
    ROW(csat_xprod_serialize, K_OPTION, a_xprod_serialize, V_CAP, ARG),

    NUL(csat_xprod_deserialize, a_xprod_deserialize, V_NULL_X),
    NUL(csat_xprod_deserialize, a_xprod_deserialize, V_NULL_OUT),
    ROW(csat_xprod_deserialize, K_EMPTY, a_xprod_deserialize, F_LEN0, FORMAT),
    ROW(csat_xprod_deserialize, K_NAN, a_xprod_deserialize, F_NAN, FORMAT),
    ROW(csat_xprod_deserialize, K_NEGW, a_xprod_deserialize, F_NEG, FORMAT),
    DOC(csat_xprod_deserialize, K_NOMEM, NOMEM),
    ROW(csat_xprod_deserialize, K_FORMAT, a_xprod_deserialize, F_TRUNC, FORMAT),
    ROW(csat_xprod_deserialize, K_FORMAT, a_xprod_deserialize, F_MAGIC, FORMAT),
    ROW(csat_xprod_deserialize, K_FORMAT, a_xprod_deserialize, F_VERSION, FORMAT),
    ROW(csat_xprod_deserialize, K_FORMAT, a_xprod_deserialize, F_SCALE, FORMAT),
    ROW(csat_xprod_deserialize, K_FORMAT, a_xprod_deserialize, F_MINMAX, FORMAT),
    ROW(csat_xprod_deserialize, K_FORMAT, a_xprod_deserialize, F_N0, FORMAT),
    ROW(csat_xprod_deserialize, K_FORMAT, a_xprod_deserialize, F_NPOS, FORMAT),
    ROW(csat_xprod_deserialize, K_FORMAT, a_xprod_deserialize, F_W2BIG, FORMAT),
    ROW(csat_xprod_deserialize, K_FORMAT, a_xprod_deserialize, F_W2SMALL, FORMAT),
    ROW(csat_xprod_deserialize, K_FORMAT, a_xprod_deserialize, F_ROUNDTRIP, OK),

    NUL(csat_drivers_fit, m_fit, V_NULL_X), NUL(csat_drivers_fit, m_fit, V_NULL_Y),
    NUL(csat_drivers_fit, m_fit, V_NULL_OUT),
    ROW(csat_drivers_fit, K_EMPTY, m_fit, V_EMPTY, TOO_FEW),
    ROW(csat_drivers_fit, K_NAN, m_fit, V_ALLNAN, TOO_FEW),
    AT(csat_drivers_fit, K_INF, m_fit, V_POSINF, RANGE, D_INF_ROW, 1),
    AT(csat_drivers_fit, K_INF, m_fit, V_NEGINF, RANGE, D_NEGINF_ROW, 2),
    AT(csat_drivers_fit, K_NEGW, m_fit, V_NEGW, WEIGHT, D_BADW_ROW, NOI),
    AT(csat_drivers_fit, K_NEGW, m_fit, V_NANW, WEIGHT, D_BADW_ROW, NOI),
    AT(csat_drivers_fit, K_NEGW, m_fit, V_INFW, WEIGHT, D_BADW_ROW, NOI),
    ROW(csat_drivers_fit, K_ZEROW, m_fit, V_ZEROW, TOO_FEW),
    AT(csat_drivers_fit, K_SCALE, m_fit, V_EXTREME, RANGE, D_INF_ROW, 1),
    AT(csat_drivers_fit, K_HUGEW, m_fit, V_HUGEW, WEIGHT, 0, NOI),
    ROW(csat_drivers_fit, K_HUGEW, m_fit, V_BIGW, OK),
    AT(csat_drivers_fit, K_TINYW, m_fit, V_TINYW, WEIGHT, 0, NOI),
    ROW(csat_drivers_fit, K_TINYW, m_fit, V_SMALLW, OK),
    AT(csat_drivers_fit, K_CONST, m_fit, V_CONST_X, SINGULAR, NOI, 1),
    AT(csat_drivers_fit, K_CONST, m_fit, V_CONST_Y, SINGULAR, NOI, 2),
    AT(csat_drivers_fit, K_CONST, m_fit, V_CONST_Y07, SINGULAR, NOI, 2),
    AT(csat_drivers_fit, K_COLLIN, m_fit, V_COLLINEAR, SINGULAR, NOI, 1),
    ROW(csat_drivers_fit, K_FEW, m_fit, V_FEW, TOO_FEW),
    ROW(csat_drivers_fit, K_OVERFLOW, m_fit, V_BIGSCALE, ARG),
    DOC(csat_drivers_fit, K_NOMEM, NOMEM),
    ROW(csat_drivers_fit, K_OPTION, m_fit, V_LEVEL, ARG),
    ROW(csat_drivers_fit, K_OPTION, m_fit, V_OPT1, ARG),
    ROW(csat_drivers_fit, K_OPTION, m_fit, V_OPT2, ARG),
    ROW(csat_drivers_fit, K_OPTION, m_fit, V_OPT3, ARG),
    OPTION_SIZES(csat_drivers_fit, m_fit),

    NUL(csat_drivers_fit_xprod, m_fit_xprod, V_NULL_X),
    NUL(csat_drivers_fit_xprod, m_fit_xprod, V_NULL_OUT),
    ROW(csat_drivers_fit_xprod, K_EMPTY, m_fit_xprod, V_EMPTY, TOO_FEW),
    ROW(csat_drivers_fit_xprod, K_NAN, m_fit_xprod, V_ALLNAN, TOO_FEW),
    ROW(csat_drivers_fit_xprod, K_ZEROW, m_fit_xprod, V_ZEROW, TOO_FEW),
    AT(csat_drivers_fit_xprod, K_CONST, m_fit_xprod, V_CONST_X, SINGULAR, NOI, 1),
    AT(csat_drivers_fit_xprod, K_CONST, m_fit_xprod, V_CONST_Y, SINGULAR, NOI, 2),
    AT(csat_drivers_fit_xprod, K_CONST, m_fit_xprod, V_CONST_Y07, SINGULAR, NOI, 2),
    AT(csat_drivers_fit_xprod, K_COLLIN, m_fit_xprod, V_COLLINEAR, SINGULAR, NOI, 1),
    ROW(csat_drivers_fit_xprod, K_FEW, m_fit_xprod, V_FEW, TOO_FEW),
    DOC(csat_drivers_fit_xprod, K_NOMEM, NOMEM),
    ROW(csat_drivers_fit_xprod, K_OPTION, m_fit_xprod, V_LEVEL, ARG),
    ROW(csat_drivers_fit_xprod, K_OPTION, m_fit_xprod, V_OPT1, ARG),
    OPTION_SIZES(csat_drivers_fit_xprod, m_fit_xprod),

    NUL(csat_drivers_summary, m_summary, V_NULL_X),
    NUL(csat_drivers_summary, m_summary, V_NULL_OUT),
    RESULT_SIZES(csat_drivers_summary, m_summary),
    NUL(csat_drivers_coefficient, m_coefficient, V_NULL_X),
    NUL(csat_drivers_coefficient, m_coefficient, V_NULL_OUT),
    ROW(csat_drivers_coefficient, K_OPTION, m_coefficient, V_OPT1, ARG),
    RESULT_SIZES(csat_drivers_coefficient, m_coefficient),
    NUL(csat_drivers_driver, m_driver, V_NULL_X), NUL(csat_drivers_driver, m_driver, V_NULL_OUT),
    ROW(csat_drivers_driver, K_OPTION, m_driver, V_OPT1, ARG),
    RESULT_SIZES(csat_drivers_driver, m_driver),

    NUL(csat_drivers_importance, m_importance, V_NULL_X),
    NUL(csat_drivers_importance, m_importance, V_NULL_OUT),
    DOC(csat_drivers_importance, K_NOMEM, NOMEM),
    ROW(csat_drivers_importance, K_OPTION, m_importance, V_OPT1, ARG),
    ROW(csat_drivers_importance, K_OPTION, m_importance, V_OPT2, ARG),
    ROW(csat_drivers_importance, K_OPTION, m_importance, V_OPT3, ARG),
    ROW(csat_drivers_importance, K_OPTION, m_importance, V_OPT4, ARG),
    ROW(csat_drivers_importance, K_OPTION, m_importance, V_TOOBIG, ARG),
    OPTION_SIZES(csat_drivers_importance, m_importance),

    NUL(csat_drivers_dominance, m_dominance, V_NULL_X),
    ROW(csat_drivers_dominance, K_OVERFLOW, m_dominance, V_TOOBIG, ARG),
    DOC(csat_drivers_dominance, K_NOMEM, NOMEM),
    ROW(csat_drivers_dominance, K_OPTION, m_dominance, V_OPT1, ARG),
    OPTION_SIZES(csat_drivers_dominance, m_dominance),

    NUL(csat_drivers_bootstrap, m_bootstrap, V_NULL_X),
    NUL(csat_drivers_bootstrap, m_bootstrap, V_NULL_Y),
    NUL(csat_drivers_bootstrap, m_bootstrap, V_NULL_Z),
    ROW(csat_drivers_bootstrap, K_OVERFLOW, m_bootstrap, V_OVERFLOW, OVERFLOW),
    OR(csat_drivers_bootstrap, K_NOMEM, m_bootstrap, V_NOMEM, ARG, BIT(NOMEM)),
    DOC(csat_drivers_bootstrap, K_NOMEM, NOMEM),
    ROW(csat_drivers_bootstrap, K_OPTION, m_bootstrap, V_TOOBIG, ARG),
    ROW(csat_drivers_bootstrap, K_OPTION, m_bootstrap, V_LEVEL, ARG),
    ROW(csat_drivers_bootstrap, K_OPTION, m_bootstrap, V_OPT1, ARG),
    ROW(csat_drivers_bootstrap, K_OPTION, m_bootstrap, V_OPT2, ARG),
    ROW(csat_drivers_bootstrap, K_OPTION, m_bootstrap, V_OPT3, ARG),
    ROW(csat_drivers_bootstrap, K_OPTION, m_bootstrap, V_OPT4, ARG),
    OPTION_SIZES(csat_drivers_bootstrap, m_bootstrap),

    NUL(csat_drivers_ipa, m_ipa, V_NULL_X),
    NUL(csat_drivers_ipa, m_ipa, V_NULL_Y),
    NUL(csat_drivers_ipa, m_ipa, V_NULL_OUT),
    ROW(csat_drivers_ipa, K_EMPTY, m_ipa, V_EMPTY, ARG),
    AT(csat_drivers_ipa, K_NAN, m_ipa, V_ALLNAN, ARG, 0, NOI),
    AT(csat_drivers_ipa, K_INF, m_ipa, V_POSINF, ARG, 1, NOI),
    ROW(csat_drivers_ipa, K_OPTION, m_ipa, V_REF, OK),
    ROW(csat_drivers_ipa, K_OPTION, m_ipa, V_OPT1, ARG),
    ROW(csat_drivers_ipa, K_OPTION, m_ipa, V_OPT2, ARG),
    ROW(csat_drivers_ipa, K_OPTION, m_ipa, V_OPT3, OK),
    OPTION_SIZES(csat_drivers_ipa, m_ipa),
#undef FAMILY

#define FAMILY "Comparisons"
    NUL(csat_compare_nps_benchmark, c_nps_benchmark, V_NULL_X),
    NUL(csat_compare_nps_benchmark, c_nps_benchmark, V_NULL_OUT),
    ROW(csat_compare_nps_benchmark, K_NAN, c_nps_benchmark, V_ALLNAN, ARG),
    ROW(csat_compare_nps_benchmark, K_NAN, c_nps_benchmark, V_NAN, ARG),
    ROW(csat_compare_nps_benchmark, K_INF, c_nps_benchmark, V_POSINF, ARG),
    ROW(csat_compare_nps_benchmark, K_INF, c_nps_benchmark, V_NEGINF, ARG),
    ROW(csat_compare_nps_benchmark, K_SCALE, c_nps_benchmark, V_SCALE_HI, ARG),
    ROW(csat_compare_nps_benchmark, K_HUGEW, c_nps_benchmark, V_HUGEW, OK),
    ROW(csat_compare_nps_benchmark, K_TINYW, c_nps_benchmark, V_TINYW, OK),
    ROW(csat_compare_nps_benchmark, K_CONST, c_nps_benchmark, V_CONST, OK),
    ROW(csat_compare_nps_benchmark, K_OPTION, c_nps_benchmark, V_LEVEL, ARG),
    RESULT_SIZES(csat_compare_nps_benchmark, c_nps_benchmark),
    OPTION_SIZES(csat_compare_nps_benchmark, c_nps_benchmark),
    AT(csat_compare_nps_benchmark, K_SIZE, c_nps_benchmark, V_ISIZE0, ARG, NOI, NOI),

    NUL(csat_compare_share_benchmark, c_share_benchmark, V_NULL_X),
    NUL(csat_compare_share_benchmark, c_share_benchmark, V_NULL_OUT),
    ROW(csat_compare_share_benchmark, K_NAN, c_share_benchmark, V_ALLNAN, ARG),
    ROW(csat_compare_share_benchmark, K_INF, c_share_benchmark, V_POSINF, ARG),
    ROW(csat_compare_share_benchmark, K_SCALE, c_share_benchmark, V_SCALE_HI, ARG),
    ROW(csat_compare_share_benchmark, K_SCALE, c_share_benchmark, V_SCALE_LO, ARG),
    ROW(csat_compare_share_benchmark, K_CONST, c_share_benchmark, V_CONST, OK),
    ROW(csat_compare_share_benchmark, K_FEW, c_share_benchmark, V_FEW, ARG),
    ROW(csat_compare_share_benchmark, K_OPTION, c_share_benchmark, V_LEVEL, ARG),
    RESULT_SIZES(csat_compare_share_benchmark, c_share_benchmark),
    OPTION_SIZES(csat_compare_share_benchmark, c_share_benchmark),
    AT(csat_compare_share_benchmark, K_SIZE, c_share_benchmark, V_ISIZE0, ARG, NOI, NOI),

    NUL(csat_compare_mean_benchmark, c_mean_benchmark, V_NULL_X),
    NUL(csat_compare_mean_benchmark, c_mean_benchmark, V_NULL_OUT),
    ROW(csat_compare_mean_benchmark, K_NAN, c_mean_benchmark, V_ALLNAN, ARG),
    ROW(csat_compare_mean_benchmark, K_NAN, c_mean_benchmark, V_NAN, ARG),
    ROW(csat_compare_mean_benchmark, K_INF, c_mean_benchmark, V_POSINF, ARG),
    ROW(csat_compare_mean_benchmark, K_SCALE, c_mean_benchmark, V_SCALE_HI, ARG),
    ROW(csat_compare_mean_benchmark, K_HUGEW, c_mean_benchmark, V_HUGEW, OK),
    ROW(csat_compare_mean_benchmark, K_TINYW, c_mean_benchmark, V_TINYW, OK),
    ROW(csat_compare_mean_benchmark, K_CONST, c_mean_benchmark, V_CONST, OK),
    ROW(csat_compare_mean_benchmark, K_FEW, c_mean_benchmark, V_FEW, ARG),
    ROW(csat_compare_mean_benchmark, K_OPTION, c_mean_benchmark, V_LEVEL, ARG),
    RESULT_SIZES(csat_compare_mean_benchmark, c_mean_benchmark),
    OPTION_SIZES(csat_compare_mean_benchmark, c_mean_benchmark),
    AT(csat_compare_mean_benchmark, K_SIZE, c_mean_benchmark, V_ISIZE0, ARG, NOI, NOI),

    NUL(csat_compare_nps, c_nps, V_NULL_X), NUL(csat_compare_nps, c_nps, V_NULL_Y),
    NUL(csat_compare_nps, c_nps, V_NULL_OUT),
    ROW(csat_compare_nps, K_NAN, c_nps, V_ALLNAN, ARG),
    ROW(csat_compare_nps, K_NAN, c_nps, V_NAN, ARG),
    ROW(csat_compare_nps, K_INF, c_nps, V_POSINF, ARG),
    ROW(csat_compare_nps, K_SCALE, c_nps, V_SCALE_HI, ARG),
    ROW(csat_compare_nps, K_HUGEW, c_nps, V_HUGEW, OK),
    ROW(csat_compare_nps, K_TINYW, c_nps, V_TINYW, OK),
    ROW(csat_compare_nps, K_CONST, c_nps, V_CONST, OK),
    ROW(csat_compare_nps, K_OPTION, c_nps, V_LEVEL, ARG),
    RESULT_SIZES(csat_compare_nps, c_nps), OPTION_SIZES(csat_compare_nps, c_nps),
    AT(csat_compare_nps, K_SIZE, c_nps, V_ISIZE0, ARG, NOI, NOI),

    NUL(csat_compare_shares, c_shares, V_NULL_X), NUL(csat_compare_shares, c_shares, V_NULL_Y),
    NUL(csat_compare_shares, c_shares, V_NULL_OUT),
    ROW(csat_compare_shares, K_NAN, c_shares, V_ALLNAN, ARG),
    ROW(csat_compare_shares, K_INF, c_shares, V_POSINF, ARG),
    ROW(csat_compare_shares, K_SCALE, c_shares, V_SCALE_LO, ARG),
    ROW(csat_compare_shares, K_CONST, c_shares, V_CONST, OK),
    ROW(csat_compare_shares, K_FEW, c_shares, V_FEW, ARG),
    ROW(csat_compare_shares, K_OPTION, c_shares, V_LEVEL, ARG),
    RESULT_SIZES(csat_compare_shares, c_shares), OPTION_SIZES(csat_compare_shares, c_shares),
    AT(csat_compare_shares, K_SIZE, c_shares, V_ISIZE0, ARG, NOI, NOI),

    NUL(csat_compare_means, c_means, V_NULL_X), NUL(csat_compare_means, c_means, V_NULL_Y),
    NUL(csat_compare_means, c_means, V_NULL_OUT),
    ROW(csat_compare_means, K_NAN, c_means, V_ALLNAN, ARG),
    ROW(csat_compare_means, K_NAN, c_means, V_NAN, ARG),
    ROW(csat_compare_means, K_INF, c_means, V_POSINF, ARG),
    ROW(csat_compare_means, K_HUGEW, c_means, V_HUGEW, OK),
    ROW(csat_compare_means, K_TINYW, c_means, V_TINYW, OK),
    ROW(csat_compare_means, K_CONST, c_means, V_CONST, OK),
    ROW(csat_compare_means, K_FEW, c_means, V_FEW, ARG),
    ROW(csat_compare_means, K_OPTION, c_means, V_LEVEL, ARG),
    RESULT_SIZES(csat_compare_means, c_means), OPTION_SIZES(csat_compare_means, c_means),
    AT(csat_compare_means, K_SIZE, c_means, V_ISIZE0, ARG, NOI, NOI),

    NUL(csat_compare_adjust, c_adjust, V_NULL_X), NUL(csat_compare_adjust, c_adjust, V_NULL_OUT),
    ROW(csat_compare_adjust, K_EMPTY, c_adjust, V_EMPTY, OK),
    AT(csat_compare_adjust, K_NAN, c_adjust, V_ALLNAN, RANGE, 0, NOI),
    AT(csat_compare_adjust, K_INF, c_adjust, V_POSINF, RANGE, 1, NOI),
    AT(csat_compare_adjust, K_SCALE, c_adjust, V_SCALE_HI, RANGE, 2, NOI),
    AT(csat_compare_adjust, K_SCALE, c_adjust, V_SCALE_LO, RANGE, 2, NOI),
    DOC(csat_compare_adjust, K_NOMEM, NOMEM),
    ROW(csat_compare_adjust, K_OPTION, c_adjust, V_OPT1, ARG),
    ROW(csat_compare_adjust, K_OPTION, c_adjust, V_OPT2, ARG),
    OPTION_SIZES(csat_compare_adjust, c_adjust),

    NUL(csat_compare_trend, c_trend, V_NULL_X), NUL(csat_compare_trend, c_trend, V_NULL_Y),
    NUL(csat_compare_trend, c_trend, V_NULL_OUT),
    ROW(csat_compare_trend, K_EMPTY, c_trend, V_EMPTY, TOO_FEW),
    AT(csat_compare_trend, K_NAN, c_trend, V_ALLNAN, ARG, 0, NOI),
    AT(csat_compare_trend, K_INF, c_trend, V_POSINF, ARG, 2, NOI),
    ROW(csat_compare_trend, K_HUGEW, c_trend, V_HUGEW, OK),
    ROW(csat_compare_trend, K_TINYW, c_trend, V_TINYW, OK),
    AT(csat_compare_trend, K_CONST, c_trend, V_CONST, ARG, 1, NOI),
    ROW(csat_compare_trend, K_FEW, c_trend, V_FEW, TOO_FEW),
    ROW(csat_compare_trend, K_OPTION, c_trend, V_LEVEL, ARG),
    AT(csat_compare_trend, K_OPTION, c_trend, V_OPT1, ARG, 2, NOI),
    RESULT_SIZES(csat_compare_trend, c_trend), OPTION_SIZES(csat_compare_trend, c_trend),
    AT(csat_compare_trend, K_SIZE, c_trend, V_OPT2, ARG, NOI, NOI),

    NUL(csat_compare_rank, c_percentile, V_NULL_X),
    NUL(csat_compare_rank, c_percentile, V_NULL_OUT),
    ROW(csat_compare_rank, K_EMPTY, c_percentile, V_EMPTY, EMPTY),
    AT(csat_compare_rank, K_NAN, c_percentile, V_ALLNAN, RANGE, 0, NOI),
    AT(csat_compare_rank, K_NAN, c_percentile, V_NAN, RANGE, NOI, NOI),
    AT(csat_compare_rank, K_INF, c_percentile, V_POSINF, RANGE, 3, NOI),
    RESULT_SIZES(csat_compare_rank, c_percentile), OPTION_SIZES(csat_compare_rank, c_percentile),

    NUL(csat_compare_gap, c_gap, V_NULL_X),
    NUL(csat_compare_gap, c_gap, V_NULL_Y),
    NUL(csat_compare_gap, c_gap, V_NULL_OUT),
    AT(csat_compare_gap, K_EMPTY, c_gap, V_EMPTY, TOO_FEW, NOI, 0),
    AT(csat_compare_gap, K_NAN, c_gap, V_ALLNAN, TOO_FEW, NOI, 0),
    AT(csat_compare_gap, K_INF, c_gap, V_POSINF, RANGE, G_ROW, 1),
    AT(csat_compare_gap, K_SCALE, c_gap, V_EXTREME, RANGE, G_ROW, 1),
    ROW(csat_compare_gap, K_CONST, c_gap, V_CONST, OK),
    AT(csat_compare_gap, K_FEW, c_gap, V_FEW, TOO_FEW, NOI, 0),
    ROW(csat_compare_gap, K_OVERFLOW, c_gap, V_OVERFLOW, OVERFLOW),
    DOC(csat_compare_gap, K_NOMEM, NOMEM),
    ROW(csat_compare_gap, K_OPTION, c_gap, V_LEVEL, ARG),
    ROW(csat_compare_gap, K_OPTION, c_gap, V_OPT1, ARG),
    ROW(csat_compare_gap, K_OPTION, c_gap, V_OPT2, ARG),
    RESULT_SIZES(csat_compare_gap, c_gap), OPTION_SIZES(csat_compare_gap, c_gap),
#undef FAMILY

#define FAMILY "Business"
    NUL(csat_business_retention, b_retention, V_NULL_OUT),
    ROW(csat_business_retention, K_EMPTY, b_retention, V_EMPTY, ARG),
    ROW(csat_business_retention, K_NAN, b_retention, V_NAN, ARG),
    ROW(csat_business_retention, K_INF, b_retention, V_POSINF, ARG),
    ROW(csat_business_retention, K_SCALE, b_retention, V_SCALE_LO, ARG),
    ROW(csat_business_retention, K_OPTION, b_retention, V_OPT1, ARG),
    ROW(csat_business_retention, K_OPTION, b_retention, V_OPT2, ARG),
    RESULT_SIZES(csat_business_retention, b_retention),
    OPTION_SIZES(csat_business_retention, b_retention),

    NUL(csat_business_churn, b_churn_period, V_NULL_X),
    NUL(csat_business_churn, b_churn_period, V_NULL_Y),
    NUL(csat_business_churn, b_churn_period, V_NULL_OUT),
    ROW(csat_business_churn, K_EMPTY, b_churn_period, V_EMPTY, EMPTY),
    AT(csat_business_churn, K_NAN, b_churn_period, V_ALLNAN, RANGE, 0, NOI),
    ROW(csat_business_churn, K_NAN, b_churn_period, V_NAN, OK),
    AT(csat_business_churn, K_INF, b_churn_period, V_POSINF, RANGE, 2, NOI),
    AT(csat_business_churn, K_SCALE, b_churn_period, V_SCALE_LO, RANGE, 2, NOI),
    ROW(csat_business_churn, K_OPTION, b_churn_period, V_OPT1, ARG),
    ROW(csat_business_churn, K_OPTION, b_churn_period, V_OPT2, ARG),
    BAD_RESULT_SIZES(csat_business_churn, b_churn_period),
    OPTION_SIZES(csat_business_churn, b_churn_period),

    NUL(csat_business_churn_convert, b_churn_convert, V_NULL_OUT),
    ROW(csat_business_churn_convert, K_NAN, b_churn_convert, V_NAN, ARG),
    ROW(csat_business_churn_convert, K_INF, b_churn_convert, V_POSINF, ARG),
    ROW(csat_business_churn_convert, K_SCALE, b_churn_convert, V_SCALE_HI, ARG),
    ROW(csat_business_churn_convert, K_OPTION, b_churn_convert, V_OPT1, ARG),
    OPTION_SIZES(csat_business_churn_convert, b_churn_convert),

    NUL(csat_survival_fit, b_survival_fit, V_NULL_X),
    NUL(csat_survival_fit, b_survival_fit, V_NULL_OUT),
    AT(csat_survival_fit, K_EMPTY, b_survival_fit, V_EMPTY, EMPTY, NOI, NOI),
    AT(csat_survival_fit, K_NAN, b_survival_fit, V_ALLNAN, EMPTY, NOI, NOI),
    AT(csat_survival_fit, K_INF, b_survival_fit, V_POSINF, RANGE, I_INF, NOI),
    AT(csat_survival_fit, K_SCALE, b_survival_fit, V_SCALE_LO, RANGE, I_SCALE, NOI),
    AT(csat_survival_fit, K_NONINT, b_survival_fit, V_NONINT, RANGE, I_NONINT, NOI),
    ROW(csat_survival_fit, K_CONST, b_survival_fit, V_CONST, OK),
    ROW(csat_survival_fit, K_OVERFLOW, b_survival_fit, V_OVERFLOW, OVERFLOW),
    DOC(csat_survival_fit, K_NOMEM, NOMEM),
    ROW(csat_survival_fit, K_OPTION, b_survival_fit, V_LEVEL, ARG),
    ROW(csat_survival_fit, K_OPTION, b_survival_fit, V_OPT1, ARG),
    OPTION_SIZES(csat_survival_fit, b_survival_fit),

    NUL(csat_survival_summary, b_survival_summary, V_NULL_X),
    NUL(csat_survival_summary, b_survival_summary, V_NULL_OUT),
    RESULT_SIZES(csat_survival_summary, b_survival_summary),
    NUL(csat_survival_step, b_survival_step, V_NULL_X),
    NUL(csat_survival_step, b_survival_step, V_NULL_OUT),
    ROW(csat_survival_step, K_OPTION, b_survival_step, V_OPT1, ARG),
    RESULT_SIZES(csat_survival_step, b_survival_step),
    NUL(csat_survival_at, b_survival_at, V_NULL_X),
    NUL(csat_survival_at, b_survival_at, V_NULL_OUT),
    ROW(csat_survival_at, K_NAN, b_survival_at, V_NAN, ARG),
    ROW(csat_survival_at, K_INF, b_survival_at, V_POSINF, ARG),
    BAD_RESULT_SIZES(csat_survival_at, b_survival_at),

    NUL(csat_business_clv, b_clv, V_NULL_OUT),
    ROW(csat_business_clv, K_NAN, b_clv, V_NAN, ARG),
    ROW(csat_business_clv, K_INF, b_clv, V_POSINF, ARG),
    ROW(csat_business_clv, K_SCALE, b_clv, V_SCALE_HI, ARG),
    ROW(csat_business_clv, K_SCALE, b_clv, V_SCALE_LO, ARG),
    ROW(csat_business_clv, K_NONINT, b_clv, V_NONINT, ARG),
    ROW(csat_business_clv, K_OPTION, b_clv, V_OPT1, ARG),
    ROW(csat_business_clv, K_OPTION, b_clv, V_OPT2, ARG),
    ROW(csat_business_clv, K_OPTION, b_clv, V_OPT3, ARG),
    ROW(csat_business_clv, K_OPTION, b_clv, V_OPT4, ARG),
    OPTION_SIZES(csat_business_clv, b_clv),

    NUL(csat_business_rate, b_rate, V_NULL_OUT),
    ROW(csat_business_rate, K_EMPTY, b_rate, V_EMPTY, ARG),
    ROW(csat_business_rate, K_NAN, b_rate, V_NAN, ARG),
    ROW(csat_business_rate, K_INF, b_rate, V_POSINF, ARG),
    ROW(csat_business_rate, K_SCALE, b_rate, V_SCALE_LO, ARG),
    ROW(csat_business_rate, K_NONINT, b_rate, V_NONINT, ARG),
    ROW(csat_business_rate, K_OPTION, b_rate, V_LEVEL, ARG),
    ROW(csat_business_rate, K_OPTION, b_rate, V_OPT1, ARG),
    ROW(csat_business_rate, K_OPTION, b_rate, V_OPT2, ARG),
    ROW(csat_business_rate, K_OPTION, b_rate, V_OPT3, ARG),
    RESULT_SIZES(csat_business_rate, b_rate), OPTION_SIZES(csat_business_rate, b_rate),

    NUL(csat_business_complaints, b_complaints, V_NULL_X),
    NUL(csat_business_complaints, b_complaints, V_NULL_Y),
    NUL(csat_business_complaints, b_complaints, V_NULL_OUT),
    AT(csat_business_complaints, K_EMPTY, b_complaints, V_EMPTY, EMPTY, NOI, NOI),
    AT(csat_business_complaints, K_NAN, b_complaints, V_ALLNAN, EMPTY, NOI, NOI),
    AT(csat_business_complaints, K_INF, b_complaints, V_POSINF, RANGE, I_INF, NOI),
    AT(csat_business_complaints, K_SCALE, b_complaints, V_SCALE_HI, RANGE, I_SCALE, NOI),
    AT(csat_business_complaints, K_NONINT, b_complaints, V_NONINT, RANGE, I_NONINT, NOI),
    ROW(csat_business_complaints, K_OVERFLOW, b_complaints, V_OVERFLOW, OVERFLOW),
    DOC(csat_business_complaints, K_NOMEM, NOMEM),
    ROW(csat_business_complaints, K_OPTION, b_complaints, V_CAP, ARG),
    BAD_RESULT_SIZES(csat_business_complaints, b_complaints),
    OPTION_SIZES(csat_business_complaints, b_complaints),

    NUL(csat_business_resolution, b_resolution, V_NULL_X),
    NUL(csat_business_resolution, b_resolution, V_NULL_Y),
    NUL(csat_business_resolution, b_resolution, V_NULL_Z),
    NUL(csat_business_resolution, b_resolution, V_NULL_OUT),
    AT(csat_business_resolution, K_EMPTY, b_resolution, V_EMPTY, EMPTY, NOI, NOI),
    AT(csat_business_resolution, K_NAN, b_resolution, V_ALLNAN, EMPTY, NOI, NOI),
    AT(csat_business_resolution, K_INF, b_resolution, V_POSINF, RANGE, I_INF, NOI),
    AT(csat_business_resolution, K_SCALE, b_resolution, V_SCALE_LO, RANGE, I_SCALE, NOI),
    AT(csat_business_resolution, K_NONINT, b_resolution, V_NONINT, RANGE, I_NONINT, NOI),
    AT(csat_business_resolution, K_FEW, b_resolution, V_FEW, EMPTY, NOI, NOI),
    ROW(csat_business_resolution, K_OVERFLOW, b_resolution, V_OVERFLOW, OVERFLOW),
    DOC(csat_business_resolution, K_NOMEM, NOMEM),
    ROW(csat_business_resolution, K_OPTION, b_resolution, V_NAN, ARG),
    ROW(csat_business_resolution, K_OPTION, b_resolution, V_OPT1, ARG),
    AT(csat_business_resolution, K_OPTION, b_resolution, V_SCALE_HI, ARG, 1, NOI),
    BAD_RESULT_SIZES(csat_business_resolution, b_resolution),
    OPTION_SIZES(csat_business_resolution, b_resolution),

    NUL(csat_score_reviews, b_reviews, V_NULL_X), NUL(csat_score_reviews, b_reviews, V_NULL_OUT),
    NUL(csat_score_reviews, b_reviews, V_NULL_OUT2),
    NUL(csat_score_reviews, b_reviews, V_NULL_OUT3),
    AT(csat_score_reviews, K_EMPTY, b_reviews, V_EMPTY, EMPTY, NOI, NOI),
    AT(csat_score_reviews, K_NAN, b_reviews, V_ALLNAN, EMPTY, NOI, NOI),
    AT(csat_score_reviews, K_INF, b_reviews, V_POSINF, RANGE, I_INF, NOI),
    AT(csat_score_reviews, K_SCALE, b_reviews, V_SCALE_HI, RANGE, I_SCALE, NOI),
    AT(csat_score_reviews, K_NONINT, b_reviews, V_NONINT, RANGE, I_NONINT, NOI),
    ROW(csat_score_reviews, K_CONST, b_reviews, V_CONST, OK),
    ROW(csat_score_reviews, K_FEW, b_reviews, V_ONE, OK),
    ROW(csat_score_reviews, K_OVERFLOW, b_reviews, V_BIGSCALE, ARG),
    DOC(csat_score_reviews, K_NOMEM, NOMEM),
    ROW(csat_score_reviews, K_OPTION, b_reviews, V_LEVEL, ARG),
    ROW(csat_score_reviews, K_OPTION, b_reviews, V_OPT1, ARG),
    ROW(csat_score_reviews, K_OPTION, b_reviews, V_OPT2, ARG),
    ROW(csat_score_reviews, K_OPTION, b_reviews, V_OPT3, ARG),
    RESULT_SIZES(csat_score_reviews, b_reviews), OPTION_SIZES(csat_score_reviews, b_reviews),
#undef FAMILY

#define FAMILY "Groups"
    NUL(csat_grouped_create, a_grouped_create, V_NULL_OUT),
    ROW(csat_grouped_create, K_OVERFLOW, a_grouped_create, V_BIGSCALE, ARG),
    ROW(csat_grouped_create, K_OVERFLOW, a_grouped_create, V_TOOBIG, ARG),
    ROW(csat_grouped_create, K_OVERFLOW, a_grouped_create, V_GROUPS_BIG, ARG),
    DOC(csat_grouped_create, K_OVERFLOW, OVERFLOW),
    DOC(csat_grouped_create, K_NOMEM, NOMEM),
    ROW(csat_grouped_create, K_OPTION, a_grouped_create, V_OPT1, ARG),
    ROW(csat_grouped_create, K_OPTION, a_grouped_create, V_GROUPS0, ARG),

    NUL(csat_grouped_create_moments, a_grouped_create_moments, V_NULL_OUT),
    ROW(csat_grouped_create_moments, K_OVERFLOW, a_grouped_create_moments, V_GROUPS_BIG, ARG),
    DOC(csat_grouped_create_moments, K_NOMEM, NOMEM),
    ROW(csat_grouped_create_moments, K_OPTION, a_grouped_create_moments, V_GROUPS0, ARG),

    NUL(csat_grouped_copy, a_grouped_copy, V_NULL_X),
    NUL(csat_grouped_copy, a_grouped_copy, V_NULL_OUT),
    DOC(csat_grouped_copy, K_NOMEM, NOMEM),

    NUL(csat_grouped_add, a_grouped_add, V_NULL_OUT),
    NUL(csat_grouped_add, a_grouped_add, V_NULL_X),
    NUL(csat_grouped_add, a_grouped_add, V_NULL_Y),
    ROW(csat_grouped_add, K_EMPTY, a_grouped_add, V_EMPTY, OK),
    ROW(csat_grouped_add, K_NAN, a_grouped_add, V_ALLNAN, OK),
    AT(csat_grouped_add, K_INF, a_grouped_add, V_POSINF, RANGE, I_INF, NOI),
    AT(csat_grouped_add, K_INF, a_grouped_add, V_NEGINF, RANGE, I_INF, NOI),
    AT(csat_grouped_add, K_SCALE, a_grouped_add, V_SCALE_HI, RANGE, I_SCALE, NOI),
    AT(csat_grouped_add, K_SCALE, a_grouped_add, V_SCALE_LO, RANGE, I_SCALE, NOI),
    AT(csat_grouped_add, K_SCALE, a_grouped_add, V_EXTREME, RANGE, I_SCALE, NOI),
    AT(csat_grouped_add, K_SCALE, a_grouped_add, V_GCODE_NEG, RANGE, I_GCODE, NOI),
    AT(csat_grouped_add, K_SCALE, a_grouped_add, V_GCODE_G, RANGE, I_GCODE, NOI),
    AT(csat_grouped_add, K_SCALE, a_grouped_add, V_GCODE_BIG, RANGE, I_GCODE, NOI),
    AT(csat_grouped_add, K_NONINT, a_grouped_add, V_NONINT, RANGE, I_NONINT, NOI),
    AT(csat_grouped_add, K_NEGW, a_grouped_add, V_NEGW, WEIGHT, I_NEGW, NOI),
    AT(csat_grouped_add, K_NEGW, a_grouped_add, V_NANW, WEIGHT, I_NANW, NOI),
    AT(csat_grouped_add, K_NEGW, a_grouped_add, V_INFW, WEIGHT, I_INFW, NOI),
    ROW(csat_grouped_add, K_ZEROW, a_grouped_add, V_ZEROW, OK),
    AT(csat_grouped_add, K_HUGEW, a_grouped_add, V_HUGEW, WEIGHT, 0, NOI),
    ROW(csat_grouped_add, K_HUGEW, a_grouped_add, V_BIGW, OK),
    AT(csat_grouped_add, K_TINYW, a_grouped_add, V_TINYW, WEIGHT, 0, NOI),
    ROW(csat_grouped_add, K_TINYW, a_grouped_add, V_SMALLW, OK),
    ROW(csat_grouped_add, K_OVERFLOW, a_grouped_add, V_OVERFLOW, OVERFLOW),
    DOC(csat_grouped_add, K_NOMEM, NOMEM),

    NUL(csat_grouped_merge, a_grouped_merge, V_NULL_OUT),
    NUL(csat_grouped_merge, a_grouped_merge, V_NULL_X),
    ROW(csat_grouped_merge, K_EMPTY, a_grouped_merge, V_EMPTY, OK),
    ROW(csat_grouped_merge, K_OVERFLOW, a_grouped_merge, V_OVERFLOW, OVERFLOW),
    ROW(csat_grouped_merge, K_OVERFLOW, a_grouped_merge, V_OVERFLOW2, OVERFLOW),
    DOC(csat_grouped_merge, K_NOMEM, NOMEM),
    ROW(csat_grouped_merge, K_OPTION, a_grouped_merge, V_KIND, ARG),
    ROW(csat_grouped_merge, K_OPTION, a_grouped_merge, V_OTHER_G, ARG),
    ROW(csat_grouped_merge, K_OPTION, a_grouped_merge, V_OTHER_SCALE, ARG),

    NUL(csat_grouped_shape, a_grouped_shape, V_NULL_X),
    NUL(csat_grouped_shape, a_grouped_shape, V_NULL_Y),
    NUL(csat_grouped_shape, a_grouped_shape, V_NULL_Z),
    NUL(csat_grouped_shape, a_grouped_shape, V_NULL_OUT),

    NUL(csat_grouped_sample, a_grouped_sample, V_NULL_X),
    NUL(csat_grouped_sample, a_grouped_sample, V_NULL_OUT),
    ROW(csat_grouped_sample, K_OPTION, a_grouped_sample, V_OPT1, ARG),
    ROW(csat_grouped_sample, K_OPTION, a_grouped_sample, V_OPT2, OK),
    RESULT_SIZES(csat_grouped_sample, a_grouped_sample),

    NUL(csat_grouped_tally, a_grouped_tally, V_NULL_X),
    NUL(csat_grouped_tally, a_grouped_tally, V_NULL_OUT),
    DOC(csat_grouped_tally, K_NOMEM, NOMEM),
    ROW(csat_grouped_tally, K_OPTION, a_grouped_tally, V_OPT1, ARG),
    ROW(csat_grouped_tally, K_OPTION, a_grouped_tally, V_KIND, ARG),

    NUL(csat_grouped_serialize, a_grouped_serialize, V_NULL_X),
    NUL(csat_grouped_serialize, a_grouped_serialize, V_NULL_OUT),
    ROW(csat_grouped_serialize, K_NULL, a_grouped_serialize, V_NULL_OPT, OK),
    ROW(csat_grouped_serialize, K_OPTION, a_grouped_serialize, V_CAP, ARG),

    NUL(csat_grouped_deserialize, a_grouped_deserialize, V_NULL_X),
    NUL(csat_grouped_deserialize, a_grouped_deserialize, V_NULL_OUT),
    ROW(csat_grouped_deserialize, K_EMPTY, a_grouped_deserialize, F_LEN0, FORMAT),
    ROW(csat_grouped_deserialize, K_NAN, a_grouped_deserialize, F_NAN, FORMAT),
    ROW(csat_grouped_deserialize, K_NEGW, a_grouped_deserialize, F_NEG, FORMAT),
    ROW(csat_grouped_deserialize, K_ZEROW, a_grouped_deserialize, F_W2ZERO, FORMAT),
    ROW(csat_grouped_deserialize, K_OVERFLOW, a_grouped_deserialize, F_WRAP, FORMAT),
    ROW(csat_grouped_deserialize, K_OVERFLOW, a_grouped_deserialize, F_NONE_WRAP, FORMAT),
    ROW(csat_grouped_deserialize, K_OVERFLOW, a_grouped_deserialize, F_GROUPS_BIG, FORMAT),
    DOC(csat_grouped_deserialize, K_NOMEM, NOMEM),
    ROW(csat_grouped_deserialize, K_FORMAT, a_grouped_deserialize, F_TRUNC, FORMAT),
    ROW(csat_grouped_deserialize, K_FORMAT, a_grouped_deserialize, F_LONG, FORMAT),
    ROW(csat_grouped_deserialize, K_FORMAT, a_grouped_deserialize, F_MAGIC, FORMAT),
    ROW(csat_grouped_deserialize, K_FORMAT, a_grouped_deserialize, F_VERSION, FORMAT),
    ROW(csat_grouped_deserialize, K_FORMAT, a_grouped_deserialize, F_KIND, FORMAT),
    ROW(csat_grouped_deserialize, K_FORMAT, a_grouped_deserialize, F_SCALE, FORMAT),
    ROW(csat_grouped_deserialize, K_FORMAT, a_grouped_deserialize, F_RESERVED, FORMAT),
    ROW(csat_grouped_deserialize, K_FORMAT, a_grouped_deserialize, F_GROUPS0, FORMAT),
    ROW(csat_grouped_deserialize, K_FORMAT, a_grouped_deserialize, F_W2BIG, FORMAT),
    ROW(csat_grouped_deserialize, K_FORMAT, a_grouped_deserialize, F_W2SMALL, FORMAT),
    ROW(csat_grouped_deserialize, K_FORMAT, a_grouped_deserialize, F_COUNT0, FORMAT),
    ROW(csat_grouped_deserialize, K_FORMAT, a_grouped_deserialize, F_MEAN, FORMAT),
    ROW(csat_grouped_deserialize, K_FORMAT, a_grouped_deserialize, F_N0, FORMAT),
    ROW(csat_grouped_deserialize, K_FORMAT, a_grouped_deserialize, F_MINMAX, FORMAT),
    ROW(csat_grouped_deserialize, K_FORMAT, a_grouped_deserialize, F_GARBAGE, FORMAT),
    ROW(csat_grouped_deserialize, K_FORMAT, a_grouped_deserialize, F_GARBAGE_BODY, FORMAT),
    ROW(csat_grouped_deserialize, K_FORMAT, a_grouped_deserialize, F_ROUNDTRIP, OK),
    ROW(csat_grouped_deserialize, K_FORMAT, a_grouped_deserialize, F_ROUNDTRIP_M, OK),

    GROUPED_SCORE(csat_grouped_nps, g_nps),
    ROW(csat_grouped_nps, K_OPTION, g_nps, V_OPT1, ARG),
    ROW(csat_grouped_nps, K_OPTION, g_nps, V_OPT2, ARG),
    ROW(csat_grouped_nps, K_OPTION, g_nps, V_OPT3, ARG),
    ROW(csat_grouped_nps, K_OPTION, g_nps, V_KIND, ARG),
    GROUPED_SCORE(csat_grouped_box_share, g_box),
    ROW(csat_grouped_box_share, K_OPTION, g_box, V_OPT1, ARG),
    ROW(csat_grouped_box_share, K_OPTION, g_box, V_OPT3, ARG),
    ROW(csat_grouped_box_share, K_OPTION, g_box, V_KIND, ARG),
    GROUPED_SCORE(csat_grouped_csat, g_csat),
    ROW(csat_grouped_csat, K_OPTION, g_csat, V_OPT1, ARG),
    ROW(csat_grouped_csat, K_OPTION, g_csat, V_OPT3, ARG),
    ROW(csat_grouped_csat, K_OPTION, g_csat, V_KIND, ARG),
    GROUPED_SCORE(csat_grouped_top_box, g_top),
    ROW(csat_grouped_top_box, K_OPTION, g_top, V_OPT1, ARG),
    ROW(csat_grouped_top_box, K_OPTION, g_top, V_OPT2, ARG),
    ROW(csat_grouped_top_box, K_OPTION, g_top, V_OPT3, ARG),
    ROW(csat_grouped_top_box, K_OPTION, g_top, V_KIND, ARG),
    GROUPED_SCORE(csat_grouped_bottom_box, g_bottom),
    ROW(csat_grouped_bottom_box, K_OPTION, g_bottom, V_OPT1, ARG),
    ROW(csat_grouped_bottom_box, K_OPTION, g_bottom, V_OPT2, ARG),
    ROW(csat_grouped_bottom_box, K_OPTION, g_bottom, V_OPT3, ARG),
    ROW(csat_grouped_bottom_box, K_OPTION, g_bottom, V_KIND, ARG),
    GROUPED_SCORE(csat_grouped_mean, g_mean),
    ROW(csat_grouped_mean, K_OPTION, g_mean, V_KIND, OK),
    GROUPED_SCORE(csat_grouped_ces, g_ces),
    NUL(csat_grouped_ces, g_ces, V_NULL_OUT2),
    ROW(csat_grouped_ces, K_OPTION, g_ces, V_OPT1, ARG),
    ROW(csat_grouped_ces, K_OPTION, g_ces, V_OPT3, ARG),
    ROW(csat_grouped_ces, K_OPTION, g_ces, V_KIND, ARG),

    ARRAY_GROUPED_SCALE(csat_score_nps_grouped, sg_nps),
    ROW(csat_score_nps_grouped, K_OPTION, sg_nps, V_OPT1, ARG),
    ROW(csat_score_nps_grouped, K_OPTION, sg_nps, V_OPT2, ARG),
    ARRAY_GROUPED_SCALE(csat_score_box_share_grouped, sg_box),
    ROW(csat_score_box_share_grouped, K_OPTION, sg_box, V_OPT1, ARG),
    ARRAY_GROUPED_SCALE(csat_score_csat_grouped, sg_csat),
    ROW(csat_score_csat_grouped, K_OPTION, sg_csat, V_OPT1, ARG),
    ARRAY_GROUPED_SCALE(csat_score_top_box_grouped, sg_top),
    ROW(csat_score_top_box_grouped, K_OPTION, sg_top, V_OPT1, ARG),
    ROW(csat_score_top_box_grouped, K_OPTION, sg_top, V_OPT2, ARG),
    ARRAY_GROUPED_SCALE(csat_score_bottom_box_grouped, sg_bottom),
    ROW(csat_score_bottom_box_grouped, K_OPTION, sg_bottom, V_OPT1, ARG),
    ROW(csat_score_bottom_box_grouped, K_OPTION, sg_bottom, V_OPT2, ARG),
    ARRAY_GROUPED(csat_score_mean_grouped, sg_mean),
    AT(csat_score_mean_grouped, K_SCALE, sg_mean, V_EXTREME, RANGE, I_SCALE, NOI),
    ARRAY_GROUPED_SCALE(csat_score_ces_grouped, sg_ces),
    NUL(csat_score_ces_grouped, sg_ces, V_NULL_OUT2),
    ROW(csat_score_ces_grouped, K_OPTION, sg_ces, V_OPT1, ARG),

    NUL(csat_score_distribution_grouped, s_distribution_grouped, V_NULL_X),
    NUL(csat_score_distribution_grouped, s_distribution_grouped, V_NULL_Y),
    ROW(csat_score_distribution_grouped, K_NULL, s_distribution_grouped, V_NULL_OPT, OK),
    ROW(csat_score_distribution_grouped, K_EMPTY, s_distribution_grouped, V_EMPTY, OK),
    ROW(csat_score_distribution_grouped, K_NAN, s_distribution_grouped, V_ALLNAN, OK),
    AT(csat_score_distribution_grouped, K_INF, s_distribution_grouped, V_POSINF, RANGE, I_INF,
       NOI),
    AT(csat_score_distribution_grouped, K_SCALE, s_distribution_grouped, V_SCALE_HI, RANGE,
       I_SCALE, NOI),
    AT(csat_score_distribution_grouped, K_SCALE, s_distribution_grouped, V_SCALE_LO, RANGE,
       I_SCALE, NOI),
    AT(csat_score_distribution_grouped, K_SCALE, s_distribution_grouped, V_GCODE_NEG, RANGE,
       I_GCODE, NOI),
    AT(csat_score_distribution_grouped, K_SCALE, s_distribution_grouped, V_GCODE_G, RANGE,
       I_GCODE, NOI),
    AT(csat_score_distribution_grouped, K_NONINT, s_distribution_grouped, V_NONINT, RANGE,
       I_NONINT, NOI),
    AT(csat_score_distribution_grouped, K_NEGW, s_distribution_grouped, V_NEGW, WEIGHT, I_NEGW,
       NOI),
    AT(csat_score_distribution_grouped, K_NEGW, s_distribution_grouped, V_NANW, WEIGHT, I_NANW,
       NOI),
    ROW(csat_score_distribution_grouped, K_ZEROW, s_distribution_grouped, V_ZEROW, OK),
    AT(csat_score_distribution_grouped, K_HUGEW, s_distribution_grouped, V_HUGEW, WEIGHT, 0, NOI),
    ROW(csat_score_distribution_grouped, K_HUGEW, s_distribution_grouped, V_BIGW, OK),
    AT(csat_score_distribution_grouped, K_TINYW, s_distribution_grouped, V_TINYW, WEIGHT, 0, NOI),
    ROW(csat_score_distribution_grouped, K_TINYW, s_distribution_grouped, V_SMALLW, OK),
    ROW(csat_score_distribution_grouped, K_CONST, s_distribution_grouped, V_CONST, OK),
    ROW(csat_score_distribution_grouped, K_FEW, s_distribution_grouped, V_ONE, OK),
    ROW(csat_score_distribution_grouped, K_OVERFLOW, s_distribution_grouped, V_BIGSCALE, ARG),
    ROW(csat_score_distribution_grouped, K_OVERFLOW, s_distribution_grouped, V_GROUPS_BIG, ARG),
    DOC(csat_score_distribution_grouped, K_NOMEM, NOMEM),
    ROW(csat_score_distribution_grouped, K_OPTION, s_distribution_grouped, V_OPT1, ARG),
    ROW(csat_score_distribution_grouped, K_OPTION, s_distribution_grouped, V_GROUPS0, ARG),
    ROW(csat_score_distribution_grouped, K_OPTION, s_distribution_grouped, V_CAP, ARG),
    RESULT_SIZES(csat_score_distribution_grouped, s_distribution_grouped),
    OPTION_SIZES(csat_score_distribution_grouped, s_distribution_grouped),

    NUL(csat_score_index_grouped, s_index_grouped, V_NULL_X),
    NUL(csat_score_index_grouped, s_index_grouped, V_NULL_Y),
    NUL(csat_score_index_grouped, s_index_grouped, V_NULL_Z),
    NUL(csat_score_index_grouped, s_index_grouped, V_NULL_OUT2),
    NUL(csat_score_index_grouped, s_index_grouped, V_NULL_OUT),
    ROW(csat_score_index_grouped, K_EMPTY, s_index_grouped, V_EMPTY, OK),
    ROW(csat_score_index_grouped, K_NAN, s_index_grouped, V_ALLNAN, OK),
    AT(csat_score_index_grouped, K_INF, s_index_grouped, V_POSINF, RANGE, 2, 1),
    AT(csat_score_index_grouped, K_INF, s_index_grouped, V_NEGINF, RANGE, 2, 1),
    AT(csat_score_index_grouped, K_SCALE, s_index_grouped, V_SCALE_HI, RANGE, 3, 0),
    AT(csat_score_index_grouped, K_SCALE, s_index_grouped, V_GCODE_NEG, RANGE, I_GCODE_IX, NOI),
    AT(csat_score_index_grouped, K_SCALE, s_index_grouped, V_GCODE_G, RANGE, I_GCODE_IX, NOI),
    /* The first offending row is 5 (its group code), before row 30's bad
     * value in the same block of 512 rows: the error names row 5. */
    AT(csat_score_index_grouped, K_SCALE, s_index_grouped, V_GCODE_FIRST, RANGE, 5, NOI),
    AT(csat_score_index_grouped, K_NEGW, s_index_grouped, V_NEGW, WEIGHT, I_NEGW, NOI),
    AT(csat_score_index_grouped, K_NEGW, s_index_grouped, V_NANW, WEIGHT, I_NANW, NOI),
    ROW(csat_score_index_grouped, K_ZEROW, s_index_grouped, V_ZEROW, OK),
    AT(csat_score_index_grouped, K_HUGEW, s_index_grouped, V_HUGEW, WEIGHT, 0, NOI),
    ROW(csat_score_index_grouped, K_HUGEW, s_index_grouped, V_BIGW, OK),
    AT(csat_score_index_grouped, K_TINYW, s_index_grouped, V_TINYW, WEIGHT, 0, NOI),
    ROW(csat_score_index_grouped, K_TINYW, s_index_grouped, V_SMALLW, OK),
    ROW(csat_score_index_grouped, K_CONST, s_index_grouped, V_CONST, OK),
    ROW(csat_score_index_grouped, K_FEW, s_index_grouped, V_ONE, OK),
    ROW(csat_score_index_grouped, K_OVERFLOW, s_index_grouped, V_GROUPS_BIG, ARG),
    DOC(csat_score_index_grouped, K_NOMEM, NOMEM),
    ROW(csat_score_index_grouped, K_OPTION, s_index_grouped, V_LEVEL, ARG),
    AT(csat_score_index_grouped, K_OPTION, s_index_grouped, V_NAN, ARG, NOI, 0),
    AT(csat_score_index_grouped, K_OPTION, s_index_grouped, V_OPT1, ARG, NOI, 1),
    ROW(csat_score_index_grouped, K_OPTION, s_index_grouped, V_OPT2, ARG),
    ROW(csat_score_index_grouped, K_OPTION, s_index_grouped, V_OPT3, ARG),
    ROW(csat_score_index_grouped, K_OPTION, s_index_grouped, V_GROUPS0, ARG),
    ROW(csat_score_index_grouped, K_OPTION, s_index_grouped, V_CAP, ARG),
    GROUP_OPTIONS(csat_score_index_grouped, s_index_grouped),
    RESULT_SIZES(csat_score_index_grouped, s_index_grouped),
    OPTION_SIZES(csat_score_index_grouped, s_index_grouped),

    COMPARE_GROUPS(csat_compare_groups_nps, c_groups_nps),
    AT(csat_compare_groups_nps, K_SCALE, c_groups_nps, V_SCALE_HI, ARG, I_CBAD, NOI),
    ROW(csat_compare_groups_nps, K_HUGEW, c_groups_nps, V_HUGEW, OK),
    ROW(csat_compare_groups_nps, K_TINYW, c_groups_nps, V_TINYW, OK),
    COMPARE_GROUPS(csat_compare_groups_shares, c_groups_shares),
    AT(csat_compare_groups_shares, K_SCALE, c_groups_shares, V_SCALE_HI, ARG, I_CBAD, NOI),
    AT(csat_compare_groups_shares, K_FEW, c_groups_shares, V_FEW, ARG, I_CBAD, NOI),
    COMPARE_GROUPS(csat_compare_groups_means, c_groups_means),
    ROW(csat_compare_groups_means, K_HUGEW, c_groups_means, V_HUGEW, OK),
    ROW(csat_compare_groups_means, K_TINYW, c_groups_means, V_TINYW, OK),
    AT(csat_compare_groups_means, K_FEW, c_groups_means, V_FEW, ARG, I_CBAD, NOI),

    TRACK(csat_compare_track_nps, c_track_nps),
    AT(csat_compare_track_nps, K_SCALE, c_track_nps, V_SCALE_HI, ARG, I_CBAD, NOI),
    ROW(csat_compare_track_nps, K_HUGEW, c_track_nps, V_HUGEW, OK),
    ROW(csat_compare_track_nps, K_TINYW, c_track_nps, V_TINYW, OK),
    TRACK(csat_compare_track_shares, c_track_shares),
    AT(csat_compare_track_shares, K_SCALE, c_track_shares, V_SCALE_HI, ARG, I_CBAD, NOI),
    TRACK(csat_compare_track_means, c_track_means),
    ROW(csat_compare_track_means, K_HUGEW, c_track_means, V_HUGEW, OK),
    ROW(csat_compare_track_means, K_TINYW, c_track_means, V_TINYW, OK),
#undef FAMILY

#define FAMILY "Designs"
    NUL(csat_design_create, d_create, V_NULL_OUT),
    ROW(csat_design_create, K_NULL, d_create, V_NULL_OPT, OK),
    AT(csat_design_create, K_EMPTY, d_create, V_EMPTY, EMPTY, NOI, NOI),
    AT(csat_design_create, K_NAN, d_create, V_NAN, ARG, I_FPC, NOI),
    AT(csat_design_create, K_INF, d_create, V_POSINF, ARG, I_FPC, NOI),
    AT(csat_design_create, K_SCALE, d_create, V_CODE_NEG, RANGE, I_DCODE, NOI),
    AT(csat_design_create, K_SCALE, d_create, V_CODE_BIG, RANGE, I_DCODE, NOI),
    AT(csat_design_create, K_SCALE, d_create, V_SCALE_LO, ARG, I_FPC, NOI),
    AT(csat_design_create, K_NEGW, d_create, V_NEGW, WEIGHT, I_NEGW, NOI),
    AT(csat_design_create, K_NEGW, d_create, V_NANW, WEIGHT, I_NANW, NOI),
    AT(csat_design_create, K_NEGW, d_create, V_INFW, WEIGHT, I_INFW, NOI),
    ROW(csat_design_create, K_ZEROW, d_create, V_ZEROW, OK),
    AT(csat_design_create, K_HUGEW, d_create, V_HUGEW, WEIGHT, 0, NOI),
    ROW(csat_design_create, K_HUGEW, d_create, V_BIGW, OK),
    AT(csat_design_create, K_TINYW, d_create, V_TINYW, WEIGHT, 0, NOI),
    ROW(csat_design_create, K_TINYW, d_create, V_SMALLW, OK),
    AT(csat_design_create, K_FEW, d_create, V_LONELY, ARG, 5, NOI),
    AT(csat_design_create, K_FEW, d_create, V_ONE, ARG, 0, NOI),
    LONELY_RULES(csat_design_create, d_create),
    ROW(csat_design_create, K_OVERFLOW, d_create, V_OVERFLOW, OVERFLOW),
    DOC(csat_design_create, K_NOMEM, NOMEM),
    ROW(csat_design_create, K_OPTION, d_create, V_REF, OK),
    AT(csat_design_create, K_OPTION, d_create, V_STRATA2, ARG, 5, NOI),
    ROW(csat_design_create, K_OPTION, d_create, V_NESTED, OK),
    ROW(csat_design_create, K_OPTION, d_create, V_NO_CLUSTERS, OK),
    AT(csat_design_create, K_OPTION, d_create, V_FPC_VARY, ARG, I_FPC, NOI),
    AT(csat_design_create, K_OPTION, d_create, V_FPC_MIX, ARG, 5, NOI),
    AT(csat_design_create, K_OPTION, d_create, V_FPC_SMALL, ARG, 5, NOI),
    ROW(csat_design_create, K_OPTION, d_create, V_FPC_FRACTION, OK),
    AT(csat_design_create, K_OPTION, d_create, V_OPT1, ARG, NOI, NOI),
    AT(csat_design_create, K_OPTION, d_create, V_OPT2, ARG, NOI, NOI),
    OPTION_SIZES(csat_design_create, d_create),

    NUL(csat_design_create_psus, d_create_psus, V_NULL_OUT),
    ROW(csat_design_create_psus, K_NULL, d_create_psus, V_NULL_OPT, OK),
    /* 0 PSUs: ARGUMENT (n = 0 rows is EMPTY for csat_design_create) */
    AT(csat_design_create_psus, K_EMPTY, d_create_psus, V_EMPTY, ARG, NOI, NOI),
    AT(csat_design_create_psus, K_NAN, d_create_psus, V_NAN, ARG, 3, NOI),
    AT(csat_design_create_psus, K_INF, d_create_psus, V_POSINF, ARG, 3, NOI),
    AT(csat_design_create_psus, K_SCALE, d_create_psus, V_CODE_NEG, RANGE, 3, NOI),
    AT(csat_design_create_psus, K_SCALE, d_create_psus, V_CODE_BIG, RANGE, 3, NOI),
    AT(csat_design_create_psus, K_SCALE, d_create_psus, V_SCALE_LO, ARG, 3, NOI),
    AT(csat_design_create_psus, K_FEW, d_create_psus, V_LONELY, ARG, 2, NOI),
    LONELY_RULES(csat_design_create_psus, d_create_psus),
    ROW(csat_design_create_psus, K_OVERFLOW, d_create_psus, V_GROUPS_BIG, ARG),
    DOC(csat_design_create_psus, K_NOMEM, NOMEM),
    ROW(csat_design_create_psus, K_OPTION, d_create_psus, V_REF, OK),
    AT(csat_design_create_psus, K_OPTION, d_create_psus, V_FPC_VARY, ARG, 3, NOI),
    AT(csat_design_create_psus, K_OPTION, d_create_psus, V_FPC_MIX, ARG, 2, NOI),
    AT(csat_design_create_psus, K_OPTION, d_create_psus, V_FPC_SMALL, ARG, 2, NOI),
    ROW(csat_design_create_psus, K_OPTION, d_create_psus, V_FPC_FRACTION, OK),
    AT(csat_design_create_psus, K_OPTION, d_create_psus, V_OPT1, ARG, NOI, NOI),
    /* nest = 2: ARGUMENT (not used for PSUs, but must be 0 or 1) */
    AT(csat_design_create_psus, K_OPTION, d_create_psus, V_OPT2, ARG, NOI, NOI),
    OPTION_SIZES(csat_design_create_psus, d_create_psus),

    NUL(csat_design_describe, d_describe, V_NULL_X),
    NUL(csat_design_describe, d_describe, V_NULL_OUT),
    ROW(csat_design_describe, K_EMPTY, d_describe, V_DESIGN_PSUS, OK),
    RESULT_SIZES(csat_design_describe, d_describe),

    NUL(csat_design_psu_codes, d_psu_codes, V_NULL_X),
    NUL(csat_design_psu_codes, d_psu_codes, V_NULL_OUT),
    AT(csat_design_psu_codes, K_EMPTY, d_psu_codes, V_DESIGN_PSUS, ARG, NOI, NOI),
    ROW(csat_design_psu_codes, K_OPTION, d_psu_codes, V_REF, OK),
    ROW(csat_design_psu_codes, K_OPTION, d_psu_codes, V_NO_CLUSTERS, OK),
    AT(csat_design_psu_codes, K_OPTION, d_psu_codes, V_CAP, ARG, NOI, NOI),
    AT(csat_design_psu_codes, K_OPTION, d_psu_codes, V_OPT1, ARG, NOI, NOI),

    NUL(csat_design_weights, d_weights, V_NULL_X),
    NUL(csat_design_weights, d_weights, V_NULL_OUT),
    AT(csat_design_weights, K_EMPTY, d_weights, V_DESIGN_PSUS, ARG, NOI, NOI),
    ROW(csat_design_weights, K_OPTION, d_weights, V_REF, OK),
    ROW(csat_design_weights, K_OPTION, d_weights, V_NULL_OPT, OK),
    AT(csat_design_weights, K_OPTION, d_weights, V_CAP, ARG, NOI, NOI),
    AT(csat_design_weights, K_OPTION, d_weights, V_OPT1, ARG, NOI, NOI),

    DESIGN_SCORE_SCALE(csat_design_nps, d_nps),
    ROW(csat_design_nps, K_OPTION, d_nps, V_OPT2, ARG),
    DESIGN_SCORE_SCALE(csat_design_box_share, d_box),
    DESIGN_SCORE_SCALE(csat_design_csat, d_csat),
    DESIGN_SCORE_SCALE(csat_design_top_box, d_top),
    ROW(csat_design_top_box, K_OVERFLOW, d_top, V_EDGE, OK),
    ROW(csat_design_top_box, K_OPTION, d_top, V_OPT2, ARG),
    DESIGN_SCORE_SCALE(csat_design_bottom_box, d_bottom),
    ROW(csat_design_bottom_box, K_OVERFLOW, d_bottom, V_EDGE, OK),
    ROW(csat_design_bottom_box, K_OPTION, d_bottom, V_OPT2, ARG),
    DESIGN_SCORE(csat_design_mean, d_mean),
    AT(csat_design_mean, K_SCALE, d_mean, V_EXTREME, RANGE, I_SCALE, NOI),
    DESIGN_SCORE_SCALE(csat_design_ces, d_ces),
    NUL(csat_design_ces, d_ces, V_NULL_OUT2),

    NUL(csat_design_index, d_index, V_NULL_X), NUL(csat_design_index, d_index, V_NULL_Y),
    NUL(csat_design_index, d_index, V_NULL_Z), NUL(csat_design_index, d_index, V_NULL_OUT2),
    NUL(csat_design_index, d_index, V_NULL_OUT),
    AT(csat_design_index, K_EMPTY, d_index, V_DESIGN_PSUS, ARG, NOI, NOI),
    AT(csat_design_index, K_NAN, d_index, V_ALLNAN, EMPTY, NOI, NOI),
    AT(csat_design_index, K_INF, d_index, V_POSINF, RANGE, 2, 1),
    AT(csat_design_index, K_INF, d_index, V_NEGINF, RANGE, 2, 1),
    AT(csat_design_index, K_SCALE, d_index, V_SCALE_HI, RANGE, 3, 0),
    AT(csat_design_index, K_ZEROW, d_index, V_ZEROW, EMPTY, NOI, NOI),
    ROW(csat_design_index, K_HUGEW, d_index, V_BIGW, OK),
    ROW(csat_design_index, K_TINYW, d_index, V_SMALLW, OK),
    ROW(csat_design_index, K_CONST, d_index, V_CONST, OK),
    ROW(csat_design_index, K_FEW, d_index, V_ONE, OK),
    LONELY_RULES(csat_design_index, d_index),
    DOC(csat_design_index, K_NOMEM, NOMEM),
    ROW(csat_design_index, K_OPTION, d_index, V_REF, OK),
    ROW(csat_design_index, K_OPTION, d_index, V_LEVEL, ARG),
    AT(csat_design_index, K_OPTION, d_index, V_NAN, ARG, NOI, 0),
    AT(csat_design_index, K_OPTION, d_index, V_OPT1, ARG, NOI, 1),
    ROW(csat_design_index, K_OPTION, d_index, V_OPT2, ARG),
    ROW(csat_design_index, K_OPTION, d_index, V_OPT3, ARG),
    ROW(csat_design_index, K_OPTION, d_index, V_OPT4, ARG),
    RESULT_SIZES(csat_design_index, d_index), OPTION_SIZES(csat_design_index, d_index),

    DESIGN_PSU_SCORE(csat_design_psu_nps, p_nps),
    ROW(csat_design_psu_nps, K_OPTION, p_nps, V_KIND, ARG),
    ROW(csat_design_psu_nps, K_OPTION, p_nps, V_OPT3, ARG),
    ROW(csat_design_psu_nps, K_OPTION, p_nps, V_OPT1, ARG),
    ROW(csat_design_psu_nps, K_OPTION, p_nps, V_OPT2, ARG),
    DESIGN_PSU_SCORE(csat_design_psu_box_share, p_box),
    ROW(csat_design_psu_box_share, K_OPTION, p_box, V_KIND, ARG),
    ROW(csat_design_psu_box_share, K_OPTION, p_box, V_OPT3, ARG),
    ROW(csat_design_psu_box_share, K_OPTION, p_box, V_OPT1, ARG),
    DESIGN_PSU_SCORE(csat_design_psu_mean, p_mean),
    ROW(csat_design_psu_mean, K_OPTION, p_mean, V_KIND, OK),

    DESIGN_GROUPED(csat_design_nps_grouped, dg_nps),
    AT(csat_design_nps_grouped, K_SCALE, dg_nps, V_SCALE_HI, RANGE, I_SCALE, NOI),
    AT(csat_design_nps_grouped, K_SCALE, dg_nps, V_SCALE_LO, RANGE, I_SCALE, NOI),
    AT(csat_design_nps_grouped, K_NONINT, dg_nps, V_NONINT, RANGE, I_NONINT, NOI),
    ROW(csat_design_nps_grouped, K_OVERFLOW, dg_nps, V_BIGSCALE, ARG),
    ROW(csat_design_nps_grouped, K_OPTION, dg_nps, V_OPT1, ARG),
    ROW(csat_design_nps_grouped, K_OPTION, dg_nps, V_OPT2, ARG),
    DESIGN_GROUPED(csat_design_box_share_grouped, dg_box),
    AT(csat_design_box_share_grouped, K_SCALE, dg_box, V_SCALE_HI, RANGE, I_SCALE, NOI),
    AT(csat_design_box_share_grouped, K_SCALE, dg_box, V_SCALE_LO, RANGE, I_SCALE, NOI),
    AT(csat_design_box_share_grouped, K_NONINT, dg_box, V_NONINT, RANGE, I_NONINT, NOI),
    ROW(csat_design_box_share_grouped, K_OVERFLOW, dg_box, V_BIGSCALE, ARG),
    ROW(csat_design_box_share_grouped, K_OPTION, dg_box, V_OPT1, ARG),
    DESIGN_GROUPED(csat_design_mean_grouped, dg_mean),
    AT(csat_design_mean_grouped, K_SCALE, dg_mean, V_EXTREME, RANGE, I_SCALE, NOI),

    DESIGN_COMPARE(csat_design_compare_nps, dc_nps),
    AT(csat_design_compare_nps, K_SCALE, dc_nps, V_SCALE_HI, RANGE, I_SCALE, NOI),
    AT(csat_design_compare_nps, K_SCALE, dc_nps, V_SCALE_LO, RANGE, I_SCALE, NOI),
    AT(csat_design_compare_nps, K_NONINT, dc_nps, V_NONINT, RANGE, I_NONINT, NOI),
    ROW(csat_design_compare_nps, K_OVERFLOW, dc_nps, V_BIGSCALE, ARG),
    ROW(csat_design_compare_nps, K_OPTION, dc_nps, V_OPT2, ARG),
    DESIGN_COMPARE(csat_design_compare_shares, dc_shares),
    AT(csat_design_compare_shares, K_SCALE, dc_shares, V_SCALE_HI, RANGE, I_SCALE, NOI),
    AT(csat_design_compare_shares, K_SCALE, dc_shares, V_SCALE_LO, RANGE, I_SCALE, NOI),
    AT(csat_design_compare_shares, K_NONINT, dc_shares, V_NONINT, RANGE, I_NONINT, NOI),
    ROW(csat_design_compare_shares, K_OVERFLOW, dc_shares, V_BIGSCALE, ARG),
    ROW(csat_design_compare_shares, K_OPTION, dc_shares, V_OPT2, ARG),
    DESIGN_COMPARE(csat_design_compare_means, dc_means),
    AT(csat_design_compare_means, K_SCALE, dc_means, V_EXTREME, RANGE, I_SCALE, NOI),

    NUL(csat_drivers_fit_design, f_fit_design, V_NULL_X),
    NUL(csat_drivers_fit_design, f_fit_design, V_NULL_Y),
    NUL(csat_drivers_fit_design, f_fit_design, V_NULL_Z),
    NUL(csat_drivers_fit_design, f_fit_design, V_NULL_OUT),
    AT(csat_drivers_fit_design, K_EMPTY, f_fit_design, V_DESIGN_PSUS, ARG, NOI, NOI),
    ROW(csat_drivers_fit_design, K_NAN, f_fit_design, V_ALLNAN, TOO_FEW),
    ROW(csat_drivers_fit_design, K_NAN, f_fit_design, V_NAN, OK),
    AT(csat_drivers_fit_design, K_INF, f_fit_design, V_POSINF, RANGE, D_INF_ROW, 1),
    AT(csat_drivers_fit_design, K_INF, f_fit_design, V_NEGINF, RANGE, D_NEGINF_ROW, 2),
    AT(csat_drivers_fit_design, K_SCALE, f_fit_design, V_EXTREME, RANGE, D_INF_ROW, 1),
    ROW(csat_drivers_fit_design, K_ZEROW, f_fit_design, V_ZEROW, TOO_FEW),
    ROW(csat_drivers_fit_design, K_HUGEW, f_fit_design, V_BIGW, OK),
    ROW(csat_drivers_fit_design, K_TINYW, f_fit_design, V_SMALLW, OK),
    AT(csat_drivers_fit_design, K_CONST, f_fit_design, V_CONST_X, SINGULAR, NOI, 1),
    AT(csat_drivers_fit_design, K_CONST, f_fit_design, V_CONST_Y, SINGULAR, NOI, 2),
    AT(csat_drivers_fit_design, K_CONST, f_fit_design, V_CONST_Y07, SINGULAR, NOI, 2),
    AT(csat_drivers_fit_design, K_COLLIN, f_fit_design, V_COLLINEAR, SINGULAR, NOI, 1),
    AT(csat_drivers_fit_design, K_FEW, f_fit_design, V_FEW, TOO_FEW, NOI, NOI),
    ROW(csat_drivers_fit_design, K_FEW, f_fit_design, V_LONELY_REMOVE, OK),
    ROW(csat_drivers_fit_design, K_FEW, f_fit_design, V_LONELY_CERTAINTY, OK),
    ROW(csat_drivers_fit_design, K_FEW, f_fit_design, V_LONELY_ADJUST, OK),
    ROW(csat_drivers_fit_design, K_FEW, f_fit_design, V_LONELY_AVERAGE, OK),
    ROW(csat_drivers_fit_design, K_OVERFLOW, f_fit_design, V_BIGSCALE, ARG),
    DOC(csat_drivers_fit_design, K_NOMEM, NOMEM),
    ROW(csat_drivers_fit_design, K_OPTION, f_fit_design, V_REF, OK),
    ROW(csat_drivers_fit_design, K_OPTION, f_fit_design, V_LEVEL, ARG),
    ROW(csat_drivers_fit_design, K_OPTION, f_fit_design, V_OPT1, ARG),
    ROW(csat_drivers_fit_design, K_OPTION, f_fit_design, V_OPT2, ARG),
    ROW(csat_drivers_fit_design, K_OPTION, f_fit_design, V_OPT3, ARG),
    OPTION_SIZES(csat_drivers_fit_design, f_fit_design),

    NUL(csat_design_rake, r_rake, V_NULL_X), NUL(csat_design_rake, r_rake, V_NULL_Y),
    NUL(csat_design_rake, r_rake, V_NULL_Z), NUL(csat_design_rake, r_rake, V_NULL_OUT),
    NUL(csat_design_rake, r_rake, V_NULL_OUT2), NUL(csat_design_rake, r_rake, V_NULL_OUT3),
    ROW(csat_design_rake, K_NULL, r_rake, V_NULL_OPT, OK),
    AT(csat_design_rake, K_EMPTY, r_rake, V_EMPTY, EMPTY, NOI, NOI),
    AT(csat_design_rake, K_EMPTY, r_rake, V_RAKE_VARS0, ARG, NOI, NOI),
    AT(csat_design_rake, K_EMPTY, r_rake, V_RAKE_CATS0, ARG, NOI, 1),
    AT(csat_design_rake, K_EMPTY, r_rake, V_RAKE_EMPTY_CELL, EMPTY, 3, 1),
    AT(csat_design_rake, K_NAN, r_rake, V_NAN, ARG, 1, 1),
    AT(csat_design_rake, K_INF, r_rake, V_POSINF, ARG, 2, 1),
    AT(csat_design_rake, K_SCALE, r_rake, V_GCODE_NEG, RANGE, I_RCODE, 1),
    AT(csat_design_rake, K_SCALE, r_rake, V_GCODE_G, RANGE, I_RCODE, 0),
    AT(csat_design_rake, K_SCALE, r_rake, V_SCALE_LO, ARG, 0, 0),
    AT(csat_design_rake, K_SCALE, r_rake, V_SCALE_HI, ARG, 0, 0),
    AT(csat_design_rake, K_NEGW, r_rake, V_NEGW, WEIGHT, I_NEGW, NOI),
    AT(csat_design_rake, K_NEGW, r_rake, V_NANW, WEIGHT, I_NANW, NOI),
    AT(csat_design_rake, K_NEGW, r_rake, V_INFW, WEIGHT, I_INFW, NOI),
    AT(csat_design_rake, K_ZEROW, r_rake, V_ZEROW, EMPTY, NOI, NOI),
    AT(csat_design_rake, K_ZEROW, r_rake, V_RAKE_ZERO_CELL, EMPTY, 2, 1),
    AT(csat_design_rake, K_HUGEW, r_rake, V_HUGEW, WEIGHT, 0, NOI),
    ROW(csat_design_rake, K_HUGEW, r_rake, V_BIGW, OK),
    AT(csat_design_rake, K_TINYW, r_rake, V_TINYW, WEIGHT, 0, NOI),
    ROW(csat_design_rake, K_TINYW, r_rake, V_SMALLW, OK),
    /* The largest miss is that of margin 0, its two categories missing by
     * the same amount up to rounding: the category is not checked. */
    AT(csat_design_rake, K_FEW, r_rake, V_RAKE_BOUNDARY, CONVERGENCE, ANY, 0),
    ROW(csat_design_rake, K_OVERFLOW, r_rake, V_OVERFLOW, OVERFLOW),
    ROW(csat_design_rake, K_OVERFLOW, r_rake, V_OVERFLOW2, OVERFLOW),
    DOC(csat_design_rake, K_NOMEM, NOMEM),
    ROW(csat_design_rake, K_OPTION, r_rake, V_REF, OK),
    ROW(csat_design_rake, K_OPTION, r_rake, V_IN_PLACE, OK),
    AT(csat_design_rake, K_OPTION, r_rake, V_RAKE_POP0, ARG, 2, 1),
    AT(csat_design_rake, K_OPTION, r_rake, V_RAKE_DISAGREE, ARG, NOI, 1),
    AT(csat_design_rake, K_OPTION, r_rake, V_NO_CONVERGE, CONVERGENCE, ANY, 0),
    AT(csat_design_rake, K_OPTION, r_rake, V_OPT1, ARG, NOI, NOI),
    AT(csat_design_rake, K_OPTION, r_rake, V_OPT2, ARG, NOI, NOI),
    AT(csat_design_rake, K_OPTION, r_rake, V_OPT3, ARG, NOI, NOI),
    AT(csat_design_rake, K_OPTION, r_rake, V_OPT4, ARG, NOI, NOI),
    RESULT_SIZES(csat_design_rake, r_rake), OPTION_SIZES(csat_design_rake, r_rake),
#undef FAMILY
};

#define N_ROWS (sizeof rows / sizeof rows[0])

/* ------------------------------------------------------------------------ */
/* The driver                                                                */

static const char *status_name(csat_status s)
{
    static const char *const names[] = { "OK",       "NULL",     "EMPTY",   "RANGE",
                                         "WEIGHT",   "ARGUMENT", "NOMEM",   "SINGULAR",
                                         "TOO_FEW",  "FORMAT",   "OVERFLOW", "CONVERGENCE", "CANCELLED" };
    return (unsigned)s < ARRAY_LEN(names) ? names[s] : "?";
}

static void run_row(void **state)
{
    const row *r = *state;
    char what[160];
    snprintf(what, sizeof what, "%s [%s, %s]", r->func, cells[r->cell], variant_name[r->v]);
    for (int pass = 0; pass < 2; pass++) {
        csat_error err;
        memset(&err, 0, sizeof err);
        err.index = 777;
        err.column = 777;
        memset(out_buf, SENTINEL, sizeof out_buf);
        n_sized = 0;
        csat_status got = r->run(r->v, pass == 0 ? &err : NULL, out_buf);
        check_sizes_kept(what);
        int accepted = got == r->want || ((unsigned)got < 32 && (r->also & BIT(got)));
        if (!accepted)
            fail_msg("%s%s: returned %s (%s), expected %s%s", what,
                     pass ? " with err = NULL" : "", status_name(got),
                     pass == 0 && got != CSAT_OK ? err.message : csat_strerror(got),
                     status_name(r->want), r->also ? " or a refusal" : "");
        if (got == CSAT_OK) {
            if (pass == 0 && (err.code != CSAT_OK || err.index != 777 || err.column != 777
                              || err.message[0] != '\0'))
                fail_msg("%s: a call that succeeded wrote to its csat_error", what);
            continue;
        }
        if (pass == 0) {
            check_failure(got, got, got == r->want ? r->index : ANY,
                          got == r->want ? r->column : ANY, &err, what, __FILE__, __LINE__);
            if (r->cell == K_SIZE && strstr(err.message, "size") == NULL)
                fail_msg("%s: the message does not name the size: %s", what, err.message);
        }
        check_untouched(out_buf, sizeof out_buf, what, __FILE__, __LINE__);
    }
}

/* Functions without a status: they accept NULL and never fail. */
static void functions_without_status(void **state)
{
    (void)state;
    csat_tally_free(NULL);
    csat_moments_free(NULL);
    csat_xprod_free(NULL);
    csat_drivers_free(NULL);
    csat_survival_free(NULL);
    csat_grouped_free(NULL);
    csat_design_free(NULL);
    assert_string_equal(csat_strerror((csat_status)99), "unknown status");
    assert_string_equal(csat_strerror((csat_status)-1), "unknown status");
    for (int s = CSAT_OK; s <= CSAT_ERR_CANCELLED; s++) {
        const char *m = csat_strerror((csat_status)s);
        assert_non_null(m);
        assert_true(m[0] != '\0' && strcmp(m, "unknown status") != 0);
        for (int t = CSAT_OK; t < s; t++)
            assert_string_not_equal(m, csat_strerror((csat_status)t));
    }
    assert_non_null(csat_version());
    assert_int_equal(csat_version_number(), CSAT_VERSION_NUMBER);
}

/* ------------------------------------------------------------------------ */
/* The matrix as Markdown (doc/errors.md)                                    */

/* A cell's entries: the statuses of its rows, in order, each once; † marks
 * a documented status that is not tested here, ‡ a row that also accepts a
 * refusal. */
static void print_cell(const char *func, enum cell c)
{
    char buf[128] = "";
    csat_status seen[8];
    size_t n_seen = 0;
    for (size_t i = 0; i < N_ROWS; i++) {
        const row *r = &rows[i];
        if (strcmp(r->func, func) != 0 || r->cell != c)
            continue;
        size_t j = 0;
        while (j < n_seen && seen[j] != r->want)
            j++;
        if (j < n_seen || n_seen == ARRAY_LEN(seen))
            continue;
        seen[n_seen++] = r->want;
        size_t len = strlen(buf);
        snprintf(buf + len, sizeof buf - len, "%s%s%s%s", len ? ", " : "", status_name(r->want),
                 r->run == NULL ? "†" : "", r->also ? "‡" : "");
    }
    printf(" %s |", buf[0] ? buf : "—");
}

static void print_matrix(void)
{
    const char *family = NULL;
    for (size_t i = 0; i < N_ROWS; i++) {
        const row *r = &rows[i];
        if (family == NULL || strcmp(family, r->family) != 0) {
            family = r->family;
            printf("\n### %s\n\n| function |", family);
            for (int c = 0; c < K_COUNT; c++)
                printf(" %s |", cells[c]);
            printf("\n|---|");
            for (int c = 0; c < K_COUNT; c++)
                printf("---|");
            printf("\n");
        }
        int first = 1;
        for (size_t j = 0; j < i; j++)
            if (strcmp(rows[j].func, r->func) == 0)
                first = 0;
        if (!first)
            continue;
        printf("| `%s` |", r->func);
        for (int c = 0; c < K_COUNT; c++)
            print_cell(r->func, (enum cell)c);
        printf("\n");
    }
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "--matrix") == 0) {
        print_matrix();
        return 0;
    }
    static struct CMUnitTest tests[N_ROWS + 1];
    static char names[N_ROWS][160];
    size_t n = 0;
    for (size_t i = 0; i < N_ROWS; i++) {
        if (rows[i].run == NULL)
            continue;
        snprintf(names[i], sizeof names[i], "%s: %s (%s)", rows[i].func, cells[rows[i].cell],
                 variant_name[rows[i].v]);
        tests[n].name = names[i];
        tests[n].test_func = run_row;
        tests[n].initial_state = (void *)(uintptr_t)&rows[i];
        n++;
    }
    tests[n].name = "functions without a status";
    tests[n].test_func = functions_without_status;
    n++;
    return _cmocka_run_group_tests("errors", tests, n, NULL, NULL);
}
