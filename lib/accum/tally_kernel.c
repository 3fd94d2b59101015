/* The tally's hot loops: one read of the data, a histogram increment per
 * answer, validation folded into the same pass.
 *
 * The unweighted loop spreads consecutive answers over several copies of the
 * histogram so that runs of equal answers (the common case on a short
 * scale) do not serialise on one counter's store-to-load dependency. The
 * loops are compiled for AVX2 and for the baseline ISA, picked at load time
 * (function multiversioning), so the library stays portable. */
#include <math.h>
#include <string.h>

#include "accum/tally_kernel.h"
#include "core/error.h"
#include "core/simd.h"

#if defined(CSAT_HAVE_AVX2_KERNELS) && defined(__GNUC__)
#include <immintrin.h>
#endif

static inline int on_scale(double v, double lo, double hi)
{
    /* The comparisons reject NaN and values off the scale before the cast,
     * which would otherwise be undefined. */
    return v >= lo && v <= hi && (double)(long long)v == v;
}

/* One answer on the slow path: count it, count it missing, or reject it. */
static inline int count_one(double v, double lo, double hi, long long base, uint64_t *counts,
                            uint64_t *missing)
{
    if (on_scale(v, lo, hi)) {
        counts[(long long)v - base]++;
        return 1;
    }
    if (isnan(v)) {
        (*missing)++;
        return 1;
    }
    return 0;
}

size_t csat_count_unit(const double *x, size_t n, int min, int max, uint64_t *counts,
                       size_t copies, uint64_t *missing)
{
    const double lo = min, hi = max;
    const long long base = min;
    size_t i = 0;
    if (copies >= 4) {
        size_t k = (size_t)((long long)max - base + 1);
        uint64_t *c0 = counts, *c1 = counts + k, *c2 = counts + 2 * k, *c3 = counts + 3 * k;
        for (; i + 4 <= n; i += 4) {
            double a = x[i], b = x[i + 1], c = x[i + 2], d = x[i + 3];
            if (on_scale(a, lo, hi) & on_scale(b, lo, hi) & on_scale(c, lo, hi)
                & on_scale(d, lo, hi)) {
                c0[(long long)a - base]++;
                c1[(long long)b - base]++;
                c2[(long long)c - base]++;
                c3[(long long)d - base]++;
                continue;
            }
            /* A block with a missing or invalid answer: one by one. */
            for (size_t j = i; j < i + 4; j++)
                if (!count_one(x[j], lo, hi, base, counts, missing))
                    return j;
        }
    }
    for (; i < n; i++)
        if (!count_one(x[i], lo, hi, base, counts, missing))
            return i;
    return n;
}

size_t csat_count_weighted_portable(const double *x, const double *w, size_t n, int min, int max,
                                    uint64_t *counts, double *sw, double *sw2, uint64_t *missing,
                                    int *bad_weight)
{
    const double lo = min, hi = max;
    const long long base = min;
    for (size_t i = 0; i < n; i++) {
        double v = x[i], wi = w[i];
        if (!csat_weight_ok(wi)) {
            *bad_weight = 1;
            return i;
        }
        if (on_scale(v, lo, hi)) {
            size_t j = (size_t)((long long)v - base);
            counts[j]++;
            sw[j] += wi;
            sw2[j] += wi * wi;
        } else if (isnan(v)) {
            (*missing)++;
        } else {
            *bad_weight = 0;
            return i;
        }
    }
    return n;
}

#if defined(CSAT_HAVE_AVX2_KERNELS) && defined(__GNUC__)
/* The weighted tally with AVX2, in one read of memory: a block of
 * TALLY_BLOCK answers and weights is checked four at a time without a
 * branch (the checks of on_scale and csat_weight_ok, as in
 * weighted_block_avx2 below) and turned into record numbers, then added
 * while in L1. On scales of more than 7 points (the shorter ones: below)
 * a point's count, Σw and Σw² are one 32-byte record, so an
 * answer is one vector load, add and store, (1, w, w², 0) with w² rounded
 * on its own: each point's sums are added in row order, as by the
 * portable loop, and are the same bits. Missing answers go to record k
 * (only its count is kept). A block with an invalid answer or weight, and
 * the last rows, go to the portable loop, which names the first invalid
 * one. Counts held as doubles are exact: an array has fewer than 2^53
 * elements. */
#define TALLY_BLOCK 512
#define TALLY_AHEAD 512 /* rows prefetched ahead, a line at a time */

/* The checks of four answers and their weights without a branch (those
 * of on_scale and csat_weight_ok): the lanes that are invalid, and in
 * *clamped the answers clamped to [min, max + 1], NaN to max + 1, the
 * record of missing answers (min and max return their second operand for
 * NaN). Shared by the tally's and the grouped tally's weighted blocks. */
static inline __attribute__((always_inline, target("avx2,fma"))) __m256d
rows4_bad_avx2(__m256d v, __m256d wv, __m256d lo, __m256d hi1, __m256d *clamped)
{
    const __m256d zero = _mm256_setzero_pd();
    const __m256d wmin = _mm256_set1_pd(CSAT_WEIGHT_MIN), wmax = _mm256_set1_pd(CSAT_WEIGHT_MAX);
    const __m256d c = _mm256_max_pd(_mm256_min_pd(v, hi1), lo);
    const __m256d whole = _mm256_round_pd(c, _MM_FROUND_TO_ZERO | _MM_FROUND_NO_EXC);
    const __m256d badx = _mm256_or_pd(_mm256_cmp_pd(whole, v, _CMP_NEQ_OQ),
                                      _mm256_cmp_pd(v, hi1, _CMP_EQ_OQ));
    const __m256d offw = _mm256_or_pd(_mm256_cmp_pd(wv, wmin, _CMP_NGE_UQ),
                                      _mm256_cmp_pd(wv, wmax, _CMP_NLE_UQ));
    const __m256d badw = _mm256_andnot_pd(_mm256_cmp_pd(wv, zero, _CMP_EQ_OQ), offw);
    *clamped = c;
    return _mm256_or_pd(badx, badw);
}

static inline __attribute__((always_inline, target("avx2,fma"))) int
tally_block_avx2(const double *restrict x, const double *restrict w, size_t len, double lo_,
                 double hi1_, int32_t *restrict cell)
{
    const __m256d lo = _mm256_set1_pd(lo_), hi1 = _mm256_set1_pd(hi1_);
    __m256d bad = _mm256_setzero_pd();
    for (size_t i = 0; i < len; i += 4) {
        __m256d c;
        bad = _mm256_or_pd(bad, rows4_bad_avx2(_mm256_loadu_pd(x + i), _mm256_loadu_pd(w + i),
                                               lo, hi1, &c));
        _mm_storeu_si128((__m128i *)(cell + i), _mm256_cvttpd_epi32(_mm256_sub_pd(c, lo)));
    }
    return _mm256_movemask_pd(bad) != 0;
}

/* Short scales (k + 1 ≤ 8 records, missing answers included): the records
 * above would put each frequent point's additions on a chain through
 * memory, a vector load, add and store per answer. Instead a block of
 * SORT_BLOCK rows is sorted by counting: the weight of a row is written to
 * row r, column j of a table, j its record and r how many earlier rows of
 * the block have that record; then the table is added one row at a time,
 * four records a vector, Σw and Σw² in registers. Each record's weights
 * are still added in row order, so the sums are those of the portable
 * loop, bit for bit. The table is 15.5 KiB and stays in L1; the data of
 * the blocks ahead are prefetched a line at a time during the sort, so
 * that the reads go on while it runs.
 *
 * Unused cells of the table hold −0.0, the exact identity of addition (x +
 * −0 = x for every x, ±0 included), so they change no Σw. Squared they
 * give +0, which changes a Σw² only when it is −0, that is before its
 * first row (a square is never −0): such a sum is restored at the end if
 * its point had no row. The rows of the table that were used are set back
 * to −0.0 as they are read. */
#define SORT_BLOCK 248  /* rows: a rank fits a byte; a multiple of 8 */
#define SORT_AHEAD 1024 /* rows prefetched ahead, a line at a time */

#if defined(__GNUC__) && !defined(__clang__)
#define SORT_UNROLL_8 _Pragma("GCC unroll 8")
#else
#define SORT_UNROLL_8
#endif

/* The sort of a block: the rank counters of the eight records are the
 * bytes of one 64-bit integer (a block has fewer than 256 rows), on the
 * scalar units, which leaves the vector units to the checks and the sums;
 * their chain is one integer addition a row. Returns the block's counts,
 * byte j that of record j. */
static inline __attribute__((always_inline, target("avx2,fma,bmi2"))) uint64_t
sort_block(const double *restrict wb, const int32_t *restrict cell, double *restrict table,
           size_t cols, const double *ahead_x, const double *ahead_w)
{
    static const uint64_t inc[8] = { 1ull << 0,  1ull << 8,  1ull << 16, 1ull << 24,
                                     1ull << 32, 1ull << 40, 1ull << 48, 1ull << 56 };
    uint64_t r = 0;
    for (size_t o = 0; o < SORT_BLOCK; o += 8) {
        if (ahead_x != NULL) {
            __builtin_prefetch(ahead_x + o);
            __builtin_prefetch(ahead_w + o);
        }
        SORT_UNROLL_8
        for (size_t u = 0; u < 8; u++) {
            const size_t c = (size_t)(uint32_t)cell[o + u];
            const size_t rank = (size_t)(uint8_t)(r >> (8 * c));
            table[rank * cols + c] = wb[o + u];
            r += inc[c];
        }
    }
    return r;
}

static inline __attribute__((always_inline, target("avx2,fma"))) void
add_table_avx2(double *restrict table, size_t rows, size_t cols, __m256d *restrict sw,
               __m256d *restrict sw2)
{
    const __m256d nz = _mm256_set1_pd(-0.0);
    for (size_t r = 0; r < rows; r++) {
        double *t = table + r * cols;
        for (size_t h = 0; h < cols / 4; h++) {
            const __m256d v = _mm256_load_pd(t + 4 * h);
            _mm256_store_pd(t + 4 * h, nz);
            sw[h] = _mm256_add_pd(sw[h], v);
            /* v·v rounded once, as by the portable loop; + −0 adds nothing
             * and leaves no product and sum for a compiler to fuse. */
            sw2[h] = _mm256_add_pd(sw2[h], _mm256_fmadd_pd(v, v, nz));
        }
    }
}

static inline __attribute__((always_inline, target("avx2,fma,bmi2"))) size_t
count_sorted_avx2(const double *x, const double *w, size_t n, int min, int max, size_t k,
                  size_t cols, uint64_t *counts, double *sw, double *sw2, uint64_t *missing)
{
    _Alignas(32) double table[SORT_BLOCK * 8];
    _Alignas(32) double acc[2][8];
    _Alignas(32) int32_t cell[SORT_BLOCK];
    uint64_t total[8] = { 0 };
    for (size_t i = 0; i < SORT_BLOCK * cols; i++)
        table[i] = -0.0;
    for (size_t j = 0; j < 8; j++)
        acc[0][j] = acc[1][j] = -0.0;
    for (size_t j = 0; j < k; j++) {
        acc[0][j] = sw[j];
        acc[1][j] = sw2[j];
    }
    __m256d s1[2], s2[2];
    for (size_t h = 0; h < cols / 4; h++) {
        s1[h] = _mm256_load_pd(acc[0] + 4 * h);
        s2[h] = _mm256_load_pd(acc[1] + 4 * h);
    }
    size_t s = 0;
    for (; n - s >= SORT_BLOCK; s += SORT_BLOCK) {
        if (tally_block_avx2(x + s, w + s, SORT_BLOCK, min, (double)max + 1, cell))
            break;
        const int ahead = s + SORT_BLOCK + SORT_AHEAD <= n;
        const uint64_t counted = sort_block(w + s, cell, table, cols,
                                            ahead ? x + s + SORT_AHEAD : NULL,
                                            ahead ? w + s + SORT_AHEAD : NULL);
        size_t rows = 0;
        for (size_t j = 0; j < cols; j++) {
            const size_t c = (uint8_t)(counted >> (8 * j));
            total[j] += c;
            rows = c > rows ? c : rows;
        }
        add_table_avx2(table, rows, cols, s1, s2);
    }
    for (size_t h = 0; h < cols / 4; h++) {
        _mm256_store_pd(acc[0] + 4 * h, s1[h]);
        _mm256_store_pd(acc[1] + 4 * h, s2[h]);
    }
    for (size_t j = 0; j < k; j++) {
        counts[j] += total[j];
        sw[j] = acc[0][j];
        if (total[j] != 0) /* else it is as it was, −0 included */
            sw2[j] = acc[1][j];
    }
    *missing += total[k];
    return s;
}

/* One copy for each width of the table, the loops of each specialised. */
static __attribute__((noinline, target("avx2,fma,bmi2"))) size_t
count_sorted4(const double *x, const double *w, size_t n, int min, int max, size_t k,
              uint64_t *counts, double *sw, double *sw2, uint64_t *missing)
{
    return count_sorted_avx2(x, w, n, min, max, k, 4, counts, sw, sw2, missing);
}

static __attribute__((noinline, target("avx2,fma,bmi2"))) size_t
count_sorted8(const double *x, const double *w, size_t n, int min, int max, size_t k,
              uint64_t *counts, double *sw, double *sw2, uint64_t *missing)
{
    return count_sorted_avx2(x, w, n, min, max, k, 8, counts, sw, sw2, missing);
}

__attribute__((target("avx2,fma"))) size_t
csat_count_weighted_avx2(const double *x, const double *w, size_t n, int min, int max,
                         uint64_t *counts, double *sw, double *sw2, uint64_t *missing,
                         int *bad_weight)
{
    const size_t k = (size_t)((long long)max - min + 1);
    if (k > CSAT_WEIGHTED_MAX_POINTS)
        return csat_count_weighted_portable(x, w, n, min, max, counts, sw, sw2, missing,
                                            bad_weight);
    __builtin_cpu_init();
    if (k + 1 <= 8 && __builtin_cpu_supports("bmi2")) { /* shifts by a register */
        size_t s = k + 1 <= 4 ? count_sorted4(x, w, n, min, max, k, counts, sw, sw2, missing)
                              : count_sorted8(x, w, n, min, max, k, counts, sw, sw2, missing);
        return s + csat_count_weighted_portable(x + s, w + s, n - s, min, max, counts, sw, sw2,
                                                missing, bad_weight);
    }
    /* The records start from the caller's sums, so that the additions are
     * those of the portable loop whatever they hold. */
    _Alignas(32) csat_grouped_cell rec[CSAT_WEIGHTED_MAX_POINTS + 1];
    for (size_t j = 0; j < k; j++) {
        csat_grouped_cell r = { 0.0, sw[j], sw2[j], 0.0 };
        rec[j] = r;
    }
    rec[k].n = rec[k].sw = rec[k].sw2 = rec[k].zero = 0;
    int32_t cell[TALLY_BLOCK];
    const __m256d lane0 = _mm256_setr_pd(1.0, 0.0, 0.0, 0.0);
    const __m256d mask = _mm256_setr_pd(0.0, 1.0, 0.0, 0.0);
    size_t s = 0;
    for (; n - s >= TALLY_BLOCK; s += TALLY_BLOCK) {
        /* The data TALLY_AHEAD rows on are prefetched a line at a time
         * while this block's records are added, not in a burst. */
        const double *ahead_x = x + s + TALLY_AHEAD, *ahead_w = w + s + TALLY_AHEAD;
        const int prefetch = s + TALLY_BLOCK + TALLY_AHEAD <= n;
        if (tally_block_avx2(x + s, w + s, TALLY_BLOCK, min, (double)max + 1, cell))
            break;
        const double *wb = w + s;
        for (size_t i = 0; i < TALLY_BLOCK; i++) {
            if (prefetch && i % 8 == 0) {
                __builtin_prefetch(ahead_x + i);
                __builtin_prefetch(ahead_w + i);
            }
            /* (1, w, w², 0) = w·(0, 1, w, 0) + (1, 0, 0, 0): w² is the
             * product rounded once, w and 1 exact. */
            const __m256d wi = _mm256_broadcast_sd(wb + i);
            double *r = (double *)(rec + cell[i]);
            const __m256d a = _mm256_fmadd_pd(wi, _mm256_blend_pd(mask, wi, 4), lane0);
            _mm256_storeu_pd(r, _mm256_add_pd(_mm256_loadu_pd(r), a));
        }
    }
    for (size_t j = 0; j < k; j++) {
        counts[j] += (uint64_t)rec[j].n;
        sw[j] = rec[j].sw;
        sw2[j] = rec[j].sw2;
    }
    *missing += (uint64_t)rec[k].n;
    size_t r = csat_count_weighted_portable(x + s, w + s, n - s, min, max, counts, sw, sw2,
                                            missing, bad_weight);
    return s + r;
}
#endif

size_t csat_count_weighted(const double *x, const double *w, size_t n, int min, int max,
                           uint64_t *counts, double *sw, double *sw2, uint64_t *missing,
                           int *bad_weight)
{
#if defined(CSAT_HAVE_AVX2_KERNELS) && defined(__GNUC__)
    if (csat_simd_available())
        return csat_count_weighted_avx2(x, w, n, min, max, counts, sw, sw2, missing,
                                        bad_weight);
#endif
    return csat_count_weighted_portable(x, w, n, min, max, counts, sw, sw2, missing,
                                        bad_weight);
}

/* ------------------------------------------------------------------------ */
/* Grouped counting (tally_kernel.h says where each row goes). Every row,
 * NaN and no group included, is one increment of one cell, so the hot loop
 * has no branch per row: a block of rows is checked and turned into cell
 * numbers by a loop the compiler vectorises, then counted. Blocks are short
 * so that the out-of-order core overlaps one block's arithmetic with the
 * previous block's increments, and the data a little ahead are prefetched:
 * without that the increments, not the reads, set the pace. */

#define GROUP_BLOCK 32
#define GROUP_AHEAD 512 /* rows prefetched ahead */

/* The row of code g and the cell of answer v within it: row 0 for no
 * group, column k for NaN. For a valid row only. */
static inline size_t cell_of(double v, int32_t g, long long base, size_t k)
{
    size_t row = (size_t)((long long)g + 1) * (k + 1);
    return row + (isnan(v) ? k : (size_t)((long long)v - base));
}

static inline int row_valid(double v, int32_t g, const double *w, size_t i, double lo, double hi,
                            uint32_t groups)
{
    if ((uint32_t)g + 1u > groups) /* −1 wraps to 0 */
        return 0;
    if (w != NULL && !csat_weight_ok(w[i]))
        return 0;
    return isnan(v) || on_scale(v, lo, hi);
}

typedef struct block_params {
    double lo, hi, hi1;  /* the scale, and max + 1: the column of NaN */
    double off, k1;      /* cell = (g + 1)(k + 1) + (x − min) = g·k1 + (x − off) */
    double gmax;         /* G − 1, as a double */
    uint32_t groups;
} block_params;

/* Cell numbers of a block of GROUP_BLOCK rows; nonzero when a row is
 * invalid (its cell is then meaningless). The answer is clamped to [min,
 * max + 1], NaN going to max + 1, so that every step is defined whatever
 * the input; a valid answer is NaN or equal to its clamp, whole and not
 * max + 1. Two formulations of the same arithmetic, each the one its
 * instruction set runs best:
 * - with AVX2, integer flags, and the cell computed as a double (exact:
 *   below 2^52) whose low bits after adding 2^52 are the cell number, so
 *   that no lane changes width;
 * - for the baseline (SSE2 has neither 64-bit flags nor a rounding
 *   instruction), invalid rows marked by a cell of −1, the code clamped to
 *   [−1, G − 1] before its cell is converted to int32, and whole tested as
 *   x + 1.5·2^52 − 1.5·2^52 = x, exact for |x| < 2^51. */
static inline uint64_t block_cells_flagged(const double *restrict x, const int32_t *restrict g,
                                           const block_params *restrict p,
                                           uint64_t *restrict cell)
{
    const double lo = p->lo, hi1 = p->hi1, off = p->off, k1 = p->k1;
    const double two52 = 4503599627370496.0;
    uint64_t bad = 0;
    for (size_t i = 0; i < GROUP_BLOCK; i++) {
        double v = x[i];
        double c = v < hi1 ? v : hi1;
        c = c > lo ? c : lo;
        double whole = trunc(c);
        bad |= (uint64_t)((whole < v) | (whole > v) | (v == hi1)); /* false for NaN */
        double t = ((double)g[i] * k1 + (c - off)) + two52;
        uint64_t bits;
        memcpy(&bits, &t, sizeof bits);
        cell[i] = bits & 0xFFFFFFFFFFFFFu; /* the mantissa: the cell of a valid row */
    }
    uint32_t badg = 0;
    for (size_t i = 0; i < GROUP_BLOCK; i++)
        badg |= (uint32_t)g[i] + 1u > p->groups;
    return bad | badg;
}

static inline uint64_t block_cells_marked(const double *restrict x, const int32_t *restrict g,
                                          const block_params *restrict p,
                                          int32_t *restrict cell)
{
    const double lo = p->lo, hi = p->hi, hi1 = p->hi1, off = p->off, k1 = p->k1, gmax = p->gmax;
    const double round = 6755399441055744.0;
    for (size_t i = 0; i < GROUP_BLOCK; i++) {
        double v = x[i];
        double c = v < hi1 ? v : hi1;
        c = c > lo ? c : lo;
        double gd = (double)g[i];
        double gc = gd < gmax ? gd : gmax;
        gc = gc > -1.0 ? gc : -1.0;
        int ok = (v <= hi || v != v) & (c == v || v != v) & ((c + round) - round == c)
                 & (gc == gd);
        cell[i] = (int32_t)(ok ? gc * k1 + (c - off) : -1.0);
    }
    int32_t any = 0;
    for (size_t i = 0; i < GROUP_BLOCK; i++)
        any |= cell[i];
    return any < 0;
}

/* Take rows [0, n), all valid and counted, out of the cells again. */
static void uncount(const double *x, const int32_t *g, size_t n, int min, size_t k,
                    uint64_t *cells)
{
    for (size_t i = 0; i < n; i++)
        cells[cell_of(x[i], g[i], min, k)]--;
}

/* Nonzero when a weight of the block is refused. */
static inline uint64_t block_weights_bad(const double *restrict w)
{
    uint64_t bad = 0;
    for (size_t i = 0; i < GROUP_BLOCK; i++)
        bad |= (uint64_t)!((w[i] == 0) | ((w[i] >= CSAT_WEIGHT_MIN) & (w[i] <= CSAT_WEIGHT_MAX)));
    return bad;
}

#if defined(__GNUC__)
#define GROUP_INLINE inline __attribute__((always_inline))
#else
#define GROUP_INLINE inline
#endif
/* GCC at -O3 unrolls the increments of a block into a sequence heavy with
 * spills, 40 % slower; two at a time was the fastest measured. */
#if defined(__GNUC__) && !defined(__clang__)
#define GROUP_UNROLL_2 _Pragma("GCC unroll 2")
#else
#define GROUP_UNROLL_2
#endif

/* What the loops share: the block's cells in the formulation of the
 * instruction set (flagged: AVX2). */
typedef struct block_cells {
    uint64_t c64[GROUP_BLOCK];
    int32_t c32[GROUP_BLOCK];
} block_cells;

static GROUP_INLINE uint64_t cells_of_block(const double *x, const int32_t *g,
                                            const block_params *p, block_cells *b, int flagged)
{
    return flagged ? block_cells_flagged(x, g, p, b->c64) : block_cells_marked(x, g, p, b->c32);
}

static GROUP_INLINE size_t cell_at(const block_cells *b, size_t i, int flagged)
{
    return flagged ? (size_t)b->c64[i] : (size_t)b->c32[i];
}

static GROUP_INLINE void prefetch_ahead(const double *x, const double *w, const int32_t *g,
                                        size_t s, size_t n)
{
    if (s + GROUP_AHEAD + GROUP_BLOCK > n)
        return;
    for (size_t o = 0; o < GROUP_BLOCK; o += 8) { /* 64-byte lines */
        __builtin_prefetch(x + s + GROUP_AHEAD + o);
        if (w != NULL)
            __builtin_prefetch(w + s + GROUP_AHEAD + o);
    }
    for (size_t o = 0; o < GROUP_BLOCK; o += 16)
        __builtin_prefetch(g + s + GROUP_AHEAD + o);
}

static GROUP_INLINE block_params params_of(int min, int max, size_t groups)
{
    const size_t k = (size_t)((long long)max - min + 1);
    const block_params p = { min,
                             max,
                             (double)max + 1,
                             (double)min - (double)(k + 1),
                             (double)(k + 1),
                             (double)groups - 1,
                             (uint32_t)groups };
    return p;
}

/* Cell numbers are int32 in the vector loops: tables beyond (rare: more
 * than 2^31 cells, 16 GB of counts) take the row-by-row loops. */
static int vector_cells(size_t groups, size_t k)
{
    return (groups + 2) * (k + 1) <= INT32_MAX;
}

/* The unweighted loop, compiled once for the baseline ISA (flagged = 0)
 * and once for AVX2 (flagged = 1). */
static GROUP_INLINE size_t count_grouped(const double *x, const int32_t *g, size_t n, int min,
                                         int max, size_t groups, uint64_t *cells, int flagged)
{
    const size_t k = (size_t)((long long)max - min + 1);
    const block_params p = params_of(min, max, groups);
    size_t s = 0;
    if (vector_cells(groups, k)) {
        block_cells b;
        for (; s + GROUP_BLOCK <= n; s += GROUP_BLOCK) {
            if (cells_of_block(x + s, g + s, &p, &b, flagged))
                break; /* the rows below name the invalid one */
            prefetch_ahead(x, NULL, g, s, n);
            GROUP_UNROLL_2
            for (size_t i = 0; i < GROUP_BLOCK; i++)
                cells[cell_at(&b, i, flagged)]++;
        }
    }
    const double lo = min, hi = max;
    for (; s < n; s++) {
        if (!row_valid(x[s], g[s], NULL, s, lo, hi, (uint32_t)groups)) {
            /* Counts are integers: taking the counted rows out again
             * restores them exactly. */
            uncount(x, g, s, min, k, cells);
            return s;
        }
        cells[cell_of(x[s], g[s], min, k)]++;
    }
    return n;
}

/* The weighted loops. w² is rounded on its own (a statement of its own:
 * Clang would otherwise contract w·w + Σ into a fused multiply-add in the
 * AVX2 build) so that the sums are those of the tally's loop, bit for bit.
 * Weight sums cannot be taken out again exactly, so
 * every row is checked (one read) before any is added (a second read).
 * Adding, every row goes to its cell of the weighted tables, without a
 * branch; the cells of NaN answers and of rows without a group are then
 * moved to `cells` (their weights are not kept). That last step costs
 * O(G): fewer rows than groups take the row-by-row loop instead. */
static GROUP_INLINE size_t count_grouped_weighted(const double *x, const double *w,
                                                  const int32_t *g, size_t n, int min, int max,
                                                  size_t groups, uint64_t *cells,
                                                  uint64_t *wcount, double *sw, double *sw2,
                                                  int flagged)
{
    const size_t k = (size_t)((long long)max - min + 1);
    const block_params p = params_of(min, max, groups);
    const int vec = vector_cells(groups, k) && n >= groups;
    const double lo = min, hi = max;
    block_cells b;
    size_t s = 0;
    if (vec)
        for (; s + GROUP_BLOCK <= n; s += GROUP_BLOCK)
            if (cells_of_block(x + s, g + s, &p, &b, flagged) | block_weights_bad(w + s))
                break;
    for (; s < n; s++)
        if (!row_valid(x[s], g[s], w, s, lo, hi, (uint32_t)groups))
            return s;
    if (!vec) {
        for (size_t i = 0; i < n; i++) {
            size_t c = cell_of(x[i], g[i], min, k);
            if (g[i] < 0 || isnan(x[i])) {
                cells[c]++;
            } else {
                double w2 = w[i] * w[i];
                wcount[c]++;
                sw[c] += w[i];
                sw2[c] += w2;
            }
        }
        return n;
    }
    for (s = 0; s + GROUP_BLOCK <= n; s += GROUP_BLOCK) {
        (void)cells_of_block(x + s, g + s, &p, &b, flagged);
        prefetch_ahead(x, w, g, s, n);
        GROUP_UNROLL_2
        for (size_t i = 0; i < GROUP_BLOCK; i++) {
            size_t c = cell_at(&b, i, flagged);
            double wi = w[s + i], w2 = wi * wi;
            wcount[c]++;
            sw[c] += wi;
            sw2[c] += w2;
        }
    }
    for (; s < n; s++) {
        size_t c = cell_of(x[s], g[s], min, k);
        double w2 = w[s] * w[s];
        wcount[c]++;
        sw[c] += w[s];
        sw2[c] += w2;
    }
    /* Row 0 (no group), then column k (missing) of every group. */
    for (size_t c = 0; c < (groups + 1) * (k + 1); c += c < k ? 1 : k + 1) {
        cells[c] += wcount[c];
        wcount[c] = 0;
        sw[c] = sw2[c] = 0;
    }
    return n;
}

/* The weighted loop in one pass over memory, into a scratch the caller
 * throws away on error (grouped.c adds it to the accumulator afterwards).
 * Blocks of WEIGHTED_BLOCK rows (10 KB of answers, weights and codes, in
 * L1; 256 to 1024 rows measured the same) are checked, their cells kept,
 * then added while still in cache: the second read costs no memory
 * traffic. The check prefetches ahead, as the other loops do (without it,
 * it waits on memory: twice the time). A cell's count, Σw and Σw² are one
 * 32-byte record (tally_kernel.h): one vector load, add and store per
 * answer rather than three of each. A cell's sums are added in row order,
 * as by the two-pass loop: the same bits. The AVX2 build has a loop of its
 * own (csat_count_grouped_weighted_once_avx2), with the check written in
 * intrinsics; the loop below serves the baseline ISA. */
#define WEIGHTED_BLOCK 512

#if defined(__GNUC__)
typedef double record_v __attribute__((vector_size(32)));
#endif

/* (1, w, w², 0) into a record. w² is rounded on its own, as in the loops
 * above (a product of its own: no fused multiply-add). */
static GROUP_INLINE void add_record(csat_grouped_cell *r, double wi)
{
#if defined(__GNUC__)
    record_v v, a = { 1.0, wi, wi, 0.0 }, b = { 1.0, 1.0, wi, 0.0 };
    memcpy(&v, r, sizeof v);
    a *= b;
    v += a;
    memcpy(r, &v, sizeof v);
#else
    const double w2 = wi * wi;
    r->n += 1.0;
    r->sw += wi;
    r->sw2 += w2;
#endif
}

static GROUP_INLINE size_t count_grouped_weighted_once(const double *x, const double *w,
                                                       const int32_t *g, size_t n, int min,
                                                       int max, size_t groups, uint64_t *cells,
                                                       csat_grouped_cell *rec, int flagged)
{
    const size_t k = (size_t)((long long)max - min + 1);
    const block_params p = params_of(min, max, groups);
    const double lo = min, hi = max;
    /* The block's cells, kept from the check to the adding, in the
     * formulation of the instruction set (cells_of_block). */
    uint64_t c64[WEIGHTED_BLOCK];
    int32_t c32[WEIGHTED_BLOCK];
    size_t s = 0;
    if (vector_cells(groups, k)) {
        while (n - s >= WEIGHTED_BLOCK) {
            size_t t = 0;
            for (; t < WEIGHTED_BLOCK; t += GROUP_BLOCK) {
                uint64_t bad = flagged ? block_cells_flagged(x + s + t, g + s + t, &p, c64 + t)
                                       : block_cells_marked(x + s + t, g + s + t, &p, c32 + t);
                if (bad | block_weights_bad(w + s + t))
                    break;
                prefetch_ahead(x, w, g, s + t, n);
            }
            if (t < WEIGHTED_BLOCK)
                break; /* the rows below name the invalid one */
            const double *wb = w + s;
            GROUP_UNROLL_2
            for (size_t i = 0; i < WEIGHTED_BLOCK; i++)
                add_record(rec + (flagged ? (size_t)c64[i] : (size_t)c32[i]), wb[i]);
            s += WEIGHTED_BLOCK;
        }
    }
    for (size_t i = s; i < n; i++)
        if (!row_valid(x[i], g[i], w, i, lo, hi, (uint32_t)groups))
            return i;
    for (; s < n; s++)
        add_record(rec + cell_of(x[s], g[s], min, k), w[s]);
    /* Row 0 (no group), then column k (missing) of every group. */
    for (size_t c = 0; c < (groups + 1) * (k + 1); c += c < k ? 1 : k + 1) {
        cells[c] += (uint64_t)rec[c].n;
        rec[c].n = 0;
        rec[c].sw = rec[c].sw2 = 0;
    }
    return n;
}

size_t csat_count_grouped_unit_portable(const double *x, const int32_t *g, size_t n, int min,
                                        int max, size_t groups, uint64_t *cells)
{
    return count_grouped(x, g, n, min, max, groups, cells, 0);
}

size_t csat_count_grouped_weighted_portable(const double *x, const double *w, const int32_t *g,
                                            size_t n, int min, int max, size_t groups,
                                            uint64_t *cells, uint64_t *wcount, double *sw,
                                            double *sw2)
{
    return count_grouped_weighted(x, w, g, n, min, max, groups, cells, wcount, sw, sw2, 0);
}

size_t csat_count_grouped_weighted_once_portable(const double *x, const double *w,
                                                 const int32_t *g, size_t n, int min, int max,
                                                 size_t groups, uint64_t *cells,
                                                 csat_grouped_cell *rec)
{
    return count_grouped_weighted_once(x, w, g, n, min, max, groups, cells, rec, 0);
}

#if defined(CSAT_HAVE_AVX2_KERNELS) && defined(__GNUC__)
#define GROUP_AVX2 __attribute__((target("avx2,fma")))

/* The check of a block of WEIGHTED_BLOCK rows with AVX2, four rows a
 * vector and no branch: the block's flags are or-ed together and tested
 * once (the row-by-row loop then names the invalid row). The same tests as
 * block_cells_flagged and block_weights_bad:
 * - the answer clamped to [min, max + 1] (NaN to max + 1: min and max
 *   return their second operand for NaN) is invalid unless whole and equal
 *   to the answer, or the answer is NaN (unordered compares are false);
 * - the code: (g + 1) as unsigned at most G, tested on the running
 *   unsigned maximum of the block;
 * - the weight: 0 or within [CSAT_WEIGHT_MIN, CSAT_WEIGHT_MAX];
 * and the cells, g·(k + 1) + (c − off), exact integers below 2^31 for a
 * valid row, converted to int32 four at a time. */
static inline __attribute__((always_inline)) GROUP_AVX2 int
weighted_block_avx2(const double *restrict x, const double *restrict w,
                    const int32_t *restrict g, const block_params *restrict p,
                    int32_t *restrict cell, int prefetch)
{
    const __m256d lo = _mm256_set1_pd(p->lo), hi1 = _mm256_set1_pd(p->hi1);
    const __m256d off = _mm256_set1_pd(p->off), k1 = _mm256_set1_pd(p->k1);
    const __m256i one = _mm256_set1_epi32(1);
    __m256d bad = _mm256_setzero_pd();
    __m256i gtop = _mm256_setzero_si256();
    for (size_t i = 0; i < WEIGHTED_BLOCK; i += 8) {
        if (prefetch) {
            __builtin_prefetch(x + i + GROUP_AHEAD);
            __builtin_prefetch(w + i + GROUP_AHEAD);
            if ((i & 15) == 0)
                __builtin_prefetch(g + i + GROUP_AHEAD);
        }
        const __m256i gi = _mm256_loadu_si256((const __m256i *)(g + i));
        gtop = _mm256_max_epu32(gtop, _mm256_add_epi32(gi, one));
        for (size_t h = 0; h < 8; h += 4) {
            __m256d c;
            bad = _mm256_or_pd(bad, rows4_bad_avx2(_mm256_loadu_pd(x + i + h),
                                                   _mm256_loadu_pd(w + i + h), lo, hi1, &c));
            const __m128i g4 = h == 0 ? _mm256_castsi256_si128(gi)
                                      : _mm256_extracti128_si256(gi, 1);
            const __m256d gd = _mm256_cvtepi32_pd(g4);
            const __m256d cd = _mm256_add_pd(_mm256_mul_pd(gd, k1), _mm256_sub_pd(c, off));
            _mm_storeu_si128((__m128i *)(cell + i + h), _mm256_cvttpd_epi32(cd));
        }
    }
    const __m256i groups = _mm256_set1_epi32((int32_t)p->groups);
    const __m256i gbad = _mm256_cmpeq_epi32(_mm256_max_epu32(gtop, groups), groups);
    return _mm256_movemask_pd(bad) != 0 || _mm256_movemask_epi8(gbad) != -1;
}

GROUP_AVX2 size_t csat_count_grouped_weighted_once_avx2(const double *x, const double *w,
                                                         const int32_t *g, size_t n, int min,
                                                         int max, size_t groups,
                                                         uint64_t *cells, csat_grouped_cell *rec)
{
    const size_t k = (size_t)((long long)max - min + 1);
    const block_params p = params_of(min, max, groups);
    const double lo = min, hi = max;
    int32_t c32[WEIGHTED_BLOCK];
    size_t s = 0;
    if (vector_cells(groups, k)) {
        while (n - s >= WEIGHTED_BLOCK) {
            const int ahead = s + WEIGHTED_BLOCK + GROUP_AHEAD <= n;
            if (weighted_block_avx2(x + s, w + s, g + s, &p, c32, ahead))
                break; /* the rows below name the invalid one */
            /* (1, w, w², 0) as w·(0, 1, w, 0) + (1, 0, 0, 0): w² is the
             * product rounded once (plus 0: the same bits as add_record), w
             * and 1 exact. */
            const double *wb = w + s;
            const __m256d lane0 = _mm256_setr_pd(1.0, 0.0, 0.0, 0.0);
            const __m256d mask = _mm256_setr_pd(0.0, 1.0, 0.0, 0.0);
            GROUP_UNROLL_2
            for (size_t i = 0; i < WEIGHTED_BLOCK; i++) {
                const __m256d wi = _mm256_broadcast_sd(wb + i);
                double *r = (double *)(rec + c32[i]);
                const __m256d a = _mm256_fmadd_pd(wi, _mm256_blend_pd(mask, wi, 4), lane0);
                _mm256_storeu_pd(r, _mm256_add_pd(_mm256_loadu_pd(r), a));
            }
            s += WEIGHTED_BLOCK;
        }
    }
    for (size_t i = s; i < n; i++)
        if (!row_valid(x[i], g[i], w, i, lo, hi, (uint32_t)groups))
            return i;
    for (; s < n; s++)
        add_record(rec + cell_of(x[s], g[s], min, k), w[s]);
    /* Row 0 (no group), then column k (missing) of every group. */
    for (size_t c = 0; c < (groups + 1) * (k + 1); c += c < k ? 1 : k + 1) {
        cells[c] += (uint64_t)rec[c].n;
        rec[c].n = 0;
        rec[c].sw = rec[c].sw2 = 0;
    }
    return n;
}

__attribute__((target("avx2,fma"))) size_t
csat_count_grouped_unit_avx2(const double *x, const int32_t *g, size_t n, int min, int max,
                             size_t groups, uint64_t *cells)
{
    return count_grouped(x, g, n, min, max, groups, cells, 1);
}

__attribute__((target("avx2,fma"))) size_t
csat_count_grouped_weighted_avx2(const double *x, const double *w, const int32_t *g, size_t n,
                                 int min, int max, size_t groups, uint64_t *cells,
                                 uint64_t *wcount, double *sw, double *sw2)
{
    return count_grouped_weighted(x, w, g, n, min, max, groups, cells, wcount, sw, sw2, 1);
}
#endif

size_t csat_count_grouped_unit(const double *x, const int32_t *g, size_t n, int min, int max,
                               size_t groups, uint64_t *cells)
{
#if defined(CSAT_HAVE_AVX2_KERNELS) && defined(__GNUC__)
    if (csat_simd_available())
        return csat_count_grouped_unit_avx2(x, g, n, min, max, groups, cells);
#endif
    return csat_count_grouped_unit_portable(x, g, n, min, max, groups, cells);
}

size_t csat_count_grouped_weighted(const double *x, const double *w, const int32_t *g, size_t n,
                                   int min, int max, size_t groups, uint64_t *cells,
                                   uint64_t *wcount, double *sw, double *sw2)
{
#if defined(CSAT_HAVE_AVX2_KERNELS) && defined(__GNUC__)
    if (csat_simd_available())
        return csat_count_grouped_weighted_avx2(x, w, g, n, min, max, groups, cells, wcount, sw,
                                                sw2);
#endif
    return csat_count_grouped_weighted_portable(x, w, g, n, min, max, groups, cells, wcount, sw,
                                                sw2);
}

size_t csat_count_grouped_weighted_once(const double *x, const double *w, const int32_t *g,
                                        size_t n, int min, int max, size_t groups,
                                        uint64_t *cells, csat_grouped_cell *rec)
{
#if defined(CSAT_HAVE_AVX2_KERNELS) && defined(__GNUC__)
    if (csat_simd_available())
        return csat_count_grouped_weighted_once_avx2(x, w, g, n, min, max, groups, cells, rec);
#endif
    return csat_count_grouped_weighted_once_portable(x, w, g, n, min, max, groups, cells, rec);
}
