/* The grouped accumulator (doc/methods.md, "Grouped accumulator"): a tally
 * of the scale or a moments state for each of G groups, filled in one pass
 * over answers and their group codes.
 *
 * A group's tally is kept in the tally's own per-point layout (accum/
 * tally.h) in one contiguous table of cells, a row per group (the layout
 * of tally_kernel.h), so that counting an answer is one increment and a
 * group is handed to the tally code as a slice of the table. Moments are
 * the moments' own state per group, fed by csat_moments_state_add on the
 * rows of one group gathered together. */
#include <assert.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "accum/grouped.h"
#include "accum/moments.h"
#include "accum/tally.h"
#include "accum/tally_kernel.h"
#include "core/checks.h"
#include "core/error.h"
#include "core/serial.h"
#include "core/size.h"
#include "core/sized.h"

struct csat_grouped {
    csat_grouped_kind kind;
    size_t groups;         /* G */
    int min, max;          /* tally: the scale; moments: 1 and 0 */
    size_t k;              /* tally: points of the scale; moments: 0 */
    uint64_t rows;         /* every row added: valid, missing and without a group (≤ SIZE_MAX) */
    uint64_t none;         /* rows without a group */
    /* Tally: tables of (G + 1) rows of k + 1 cells (tally_kernel.h). Row
     * d + 1 is group d: cells 0..k − 1 its points, cell k of `unit` its
     * missing answers. Row 0 is where the kernel counts the rows without a
     * group; it is emptied into `none` after each add. */
    uint64_t *unit;        /* answers added without weights (and the missing ones) */
    uint64_t *wcount;      /* answers added with weights; NULL (with sw, sw2) until the first */
    double *sw, *sw2;      /* their Σw and Σw² */
    /* Moments: G states. */
    csat_moments_state *m;
};

/* Serialised layout (doc/methods.md, "Grouped accumulator"). */
#define GROUPED_HEADER 40
#define MOMENTS_RECORD 80
#define GROUPED_KINDS 2

/* Rows gathered by group at a time for the moments: up to this many rows, a
 * group's moments are those csat_moments_add gives its rows (bit for bit);
 * longer inputs are summarised a chunk at a time and the chunks merged, as
 * shards are. 16 MB of scratch at most (values and weights). */
#define MOMENTS_CHUNK ((size_t)1 << 20)

static size_t record_size(const csat_grouped *a)
{
    return a->kind == CSAT_GROUPED_TALLY ? 8 + 32 * a->k : MOMENTS_RECORD;
}

/* Cells of a tally accumulator's tables, and where group d's row starts. */
static size_t table_cells(const csat_grouped *a)
{
    return (a->groups + 1) * (a->k + 1); /* fits: checked at creation */
}

static size_t row_of(const csat_grouped *a, size_t d)
{
    return (d + 1) * (a->k + 1);
}

void csat_grouped_free(csat_grouped *a)
{
    if (a == NULL)
        return;
    free(a->unit);
    free(a->wcount);
    free(a->sw);
    free(a->sw2);
    free(a->m);
    free(a);
}

static void drop_weighted(csat_grouped *a)
{
    free(a->wcount);
    free(a->sw);
    free(a->sw2);
    a->wcount = NULL;
    a->sw = a->sw2 = NULL;
}

/* The weighted arrays of a tally accumulator, zero; 0 when out of memory
 * (the accumulator is as it was: absent arrays and zero ones mean the
 * same). */
static int ensure_weighted(csat_grouped *a)
{
    if (a->wcount != NULL)
        return 1;
    size_t cells = table_cells(a);
    a->wcount = calloc(cells, sizeof *a->wcount);
    a->sw = calloc(cells, sizeof *a->sw);
    a->sw2 = calloc(cells, sizeof *a->sw2);
    if (a->wcount == NULL || a->sw == NULL || a->sw2 == NULL) {
        drop_weighted(a);
        return 0;
    }
    return 1;
}

static csat_status check_groups(size_t groups, csat_error *err)
{
    if (groups < 1 || groups > CSAT_GROUPS_MAX)
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "%zu groups: need between 1 and %d", groups, CSAT_GROUPS_MAX);
    return CSAT_OK;
}

/* An empty accumulator of the given shape (already checked); OVERFLOW when
 * its arrays or its serialised form would not fit in a size_t, NOMEM. */
static csat_status grouped_alloc(csat_grouped_kind kind, size_t groups, int min, int max,
                                 csat_grouped **out, csat_error *err)
{
    size_t k = kind == CSAT_GROUPED_TALLY ? (size_t)((long long)max - min + 1) : 0;
    size_t record = kind == CSAT_GROUPED_TALLY ? 8 + 32 * k : MOMENTS_RECORD, bytes;
    int fits = csat_size_mul(groups, record, &bytes) && bytes <= SIZE_MAX - GROUPED_HEADER
               && (kind != CSAT_GROUPED_TALLY
                   || csat_array_fits(groups + 1, k + 1, sizeof(uint64_t)))
               && csat_array_fits(groups, 1, sizeof(csat_moments_state));
    if (!fits)
        return csat_fail_overflow(err, "grouped accumulator", groups,
                                  kind == CSAT_GROUPED_TALLY ? k : 1);
    csat_grouped *a = calloc(1, sizeof *a);
    if (a == NULL)
        return csat_fail(err, CSAT_ERR_NOMEM, CSAT_NO_INDEX, CSAT_NO_INDEX, NULL);
    a->kind = kind;
    a->groups = groups;
    a->min = min;
    a->max = max;
    a->k = k;
    int ok;
    if (kind == CSAT_GROUPED_TALLY) {
        a->unit = calloc(table_cells(a), sizeof *a->unit);
        ok = a->unit != NULL;
    } else {
        /* calloc's zero bytes are CSAT_MOMENTS_STATE_INIT (IEEE 754 0.0). */
        a->m = calloc(groups, sizeof *a->m);
        ok = a->m != NULL;
    }
    if (!ok) {
        csat_grouped_free(a);
        return csat_fail(err, CSAT_ERR_NOMEM, CSAT_NO_INDEX, CSAT_NO_INDEX, NULL);
    }
    *out = a;
    return CSAT_OK;
}

csat_status csat_grouped_create(size_t groups, int min, int max, csat_grouped **out,
                                csat_error *err)
{
    CSAT_REQUIRE(out, err);
    csat_status s = check_groups(groups, err);
    if (s == CSAT_OK)
        s = csat_check_scale(min, max, err);
    if (s != CSAT_OK)
        return s;
    return grouped_alloc(CSAT_GROUPED_TALLY, groups, min, max, out, err);
}

csat_status csat_grouped_create_moments(size_t groups, csat_grouped **out, csat_error *err)
{
    CSAT_REQUIRE(out, err);
    csat_status s = check_groups(groups, err);
    if (s != CSAT_OK)
        return s;
    return grouped_alloc(CSAT_GROUPED_MOMENTS, groups, 1, 0, out, err);
}

csat_status csat_grouped_copy(const csat_grouped *a, csat_grouped **out, csat_error *err)
{
    CSAT_REQUIRE(a, err);
    CSAT_REQUIRE(out, err);
    csat_grouped *c = NULL;
    csat_status s = grouped_alloc(a->kind, a->groups, a->min, a->max, &c, err);
    if (s != CSAT_OK)
        return s;
    if (a->wcount != NULL && !ensure_weighted(c)) {
        csat_grouped_free(c);
        return csat_fail(err, CSAT_ERR_NOMEM, CSAT_NO_INDEX, CSAT_NO_INDEX, NULL);
    }
    c->rows = a->rows;
    c->none = a->none;
    if (a->kind == CSAT_GROUPED_TALLY) {
        size_t cells = table_cells(a);
        memcpy(c->unit, a->unit, cells * sizeof *a->unit);
        if (a->wcount != NULL) {
            memcpy(c->wcount, a->wcount, cells * sizeof *a->wcount);
            memcpy(c->sw, a->sw, cells * sizeof *a->sw);
            memcpy(c->sw2, a->sw2, cells * sizeof *a->sw2);
        }
    } else {
        memcpy(c->m, a->m, a->groups * sizeof *a->m);
    }
    *out = c;
    return CSAT_OK;
}

/* ------------------------------------------------------------------------ */
/* Adding */

/* The error of row i, which the checks refused: its group code first, then
 * its weight, then its answer, with the tally's and the moments' messages. */
static csat_status bad_row(const csat_grouped *a, const double *x, const double *w,
                           const int32_t *g, size_t i, csat_error *err)
{
    if ((uint32_t)g[i] + 1u > (uint32_t)a->groups)
        return csat_fail(err, CSAT_ERR_RANGE, i, CSAT_NO_INDEX,
                         "group code %" PRId32 " at index %zu is neither in 0..%zu nor "
                         "CSAT_GROUP_NONE (-1)",
                         g[i], i, a->groups - 1);
    if (w != NULL && !csat_weight_ok(w[i]))
        return csat_fail(err, CSAT_ERR_WEIGHT, i, CSAT_NO_INDEX, CSAT_WEIGHT_MESSAGE, w[i], i);
    if (a->kind == CSAT_GROUPED_TALLY)
        return csat_tally_bad_answer(a->min, a->max, x, i, err);
    return csat_fail(err, CSAT_ERR_RANGE, i, CSAT_NO_INDEX,
                     "value %g at index %zu is infinite or beyond +-1e50", x[i], i);
}

/* Row 0 of the table, where the kernel counted the rows without a group,
 * into `none`. */
static void take_none(csat_grouped *a)
{
    for (size_t j = 0; j <= a->k; j++) {
        a->none += a->unit[j];
        a->unit[j] = 0;
    }
}

/* The hot path: every row is checked and counted in one read, straight
 * into the accumulator; the kernel takes its counts out again if a row
 * turns out invalid (integers: exactly). */
static csat_status add_tally_unit(csat_grouped *a, const double *x, size_t n, const int32_t *g,
                                  csat_error *err)
{
    size_t bad = csat_count_grouped_unit(x, g, n, a->min, a->max, a->groups, a->unit);
    if (bad < n)
        return bad_row(a, x, NULL, g, bad, err);
    take_none(a);
    a->rows += n;
    return CSAT_OK;
}

/* Tables of at most this many cells are counted into a scratch in one pass
 * (32 MB at most: a record of 32 bytes per cell). */
#define SCRATCH_CELLS ((size_t)1 << 20)

/* Weight sums cannot be taken out exactly, so an invalid row must be found
 * before anything is added to the accumulator. When the tables are small
 * next to the input, the rows are counted in one pass over memory into a
 * zeroed scratch (checked and added a block at a time,
 * csat_count_grouped_weighted_once), which is added to the accumulator
 * only when every row is valid: cell by cell, each the sum of this call's
 * rows, as the ungrouped tally adds its own call's scratch (add_weighted
 * in tally.c), so that the sums are those of the tally bit for bit.
 * Otherwise (or short of memory for the scratch), the kernel checks every
 * row (one read) before it adds the first (a second read), straight into
 * the accumulator. The weighted tables are made (zero) first; zero and
 * absent tables are the same state. */
static csat_status add_tally_weighted(csat_grouped *a, const double *x, size_t n,
                                      const double *w, const int32_t *g, csat_error *err)
{
    if (!ensure_weighted(a))
        return csat_fail(err, CSAT_ERR_NOMEM, CSAT_NO_INDEX, CSAT_NO_INDEX, NULL);
    const size_t cells = table_cells(a);
    csat_grouped_cell *rec = NULL;
    if (cells <= SCRATCH_CELLS && cells <= n && n < ((uint64_t)1 << 53))
        rec = calloc(cells, sizeof *rec);
    size_t bad;
    if (rec != NULL) {
        bad = csat_count_grouped_weighted_once(x, w, g, n, a->min, a->max, a->groups, a->unit,
                                               rec);
        if (bad == n)
            for (size_t c = 0; c < cells; c++) {
                a->wcount[c] += (uint64_t)rec[c].n;
                a->sw[c] += rec[c].sw;
                a->sw2[c] += rec[c].sw2;
            }
        free(rec);
    } else {
        bad = csat_count_grouped_weighted(x, w, g, n, a->min, a->max, a->groups, a->unit,
                                          a->wcount, a->sw, a->sw2);
    }
    if (bad < n)
        return bad_row(a, x, w, g, bad, err);
    take_none(a);
    a->rows += n;
    return CSAT_OK;
}

/* Every row is checked first; then each chunk's rows are gathered by group
 * (stable: a group's rows keep their order) and each group's rows go to
 * csat_moments_state_add, the moments' own one-pass summary. */
static csat_status add_moments(csat_grouped *a, const double *x, size_t n, const double *w,
                               const int32_t *g, csat_error *err)
{
    const uint32_t ng = (uint32_t)a->groups;
    for (size_t i = 0; i < n; i++) {
        if ((uint32_t)g[i] + 1u > ng || (w != NULL && !csat_weight_ok(w[i]))
            || !(isnan(x[i]) || csat_value_ok(x[i])))
            return bad_row(a, x, w, g, i, err);
    }
    size_t chunk = n < MOMENTS_CHUNK ? n : MOMENTS_CHUNK;
    size_t distinct = chunk < a->groups ? chunk : a->groups;
    double *xs = malloc(chunk * sizeof *xs);
    double *ws = w != NULL ? malloc(chunk * sizeof *ws) : NULL;
    uint32_t *cnt = calloc(a->groups, sizeof *cnt); /* rows of each group in the chunk */
    uint32_t *seen = malloc(distinct * sizeof *seen); /* the groups of the chunk */
    if (xs == NULL || cnt == NULL || seen == NULL || (w != NULL && ws == NULL)) {
        free(xs);
        free(ws);
        free(cnt);
        free(seen);
        return csat_fail(err, CSAT_ERR_NOMEM, CSAT_NO_INDEX, CSAT_NO_INDEX, NULL);
    }
    uint64_t none = 0;
    csat_status st = CSAT_OK;
    for (size_t s = 0; s < n && st == CSAT_OK; s += chunk) {
        size_t e = n - s < chunk ? n : s + chunk, nseen = 0;
        for (size_t i = s; i < e; i++) {
            if (g[i] < 0)
                none++;
            else if (cnt[g[i]]++ == 0)
                seen[nseen++] = (uint32_t)g[i];
        }
        /* cnt becomes each group's start in xs, then (after the scatter)
         * its end, which is the next group's start. */
        uint32_t at = 0;
        for (size_t t = 0; t < nseen; t++) {
            uint32_t c = cnt[seen[t]];
            cnt[seen[t]] = at;
            at += c;
        }
        for (size_t i = s; i < e; i++) {
            if (g[i] < 0)
                continue;
            uint32_t p = cnt[g[i]]++;
            xs[p] = x[i];
            if (ws != NULL)
                ws[p] = w[i];
        }
        uint32_t begin = 0;
        for (size_t t = 0; t < nseen; t++) {
            uint32_t end = cnt[seen[t]];
            cnt[seen[t]] = 0;
            /* Cannot fail: the rows are valid, the counts fit (checked by
             * the caller), and sums of values and weights in range stay
             * finite (doc/methods.md, "Serialisation format"). */
            if (st == CSAT_OK)
                st = csat_moments_state_add(&a->m[seen[t]], xs + begin, end - begin,
                                            ws != NULL ? ws + begin : NULL, err);
            begin = end;
        }
    }
    free(xs);
    free(ws);
    free(cnt);
    free(seen);
    if (st != CSAT_OK)
        return st;
    a->none += none;
    a->rows += n;
    return CSAT_OK;
}

csat_status csat_grouped_add(csat_grouped *a, const double *x, size_t n, const double *w,
                             const int32_t *g, csat_error *err)
{
    CSAT_REQUIRE(a, err);
    if (n == 0)
        return CSAT_OK;
    CSAT_REQUIRE(x, err);
    CSAT_REQUIRE(g, err);
    if (n > (uint64_t)SIZE_MAX - a->rows)
        return csat_fail(err, CSAT_ERR_OVERFLOW, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "the grouped accumulator's answer count would overflow");
    if (a->kind == CSAT_GROUPED_MOMENTS)
        return add_moments(a, x, n, w, g, err);
    return w == NULL ? add_tally_unit(a, x, n, g, err) : add_tally_weighted(a, x, n, w, g, err);
}

/* ------------------------------------------------------------------------ */
/* Merging */

static int moments_finite(const csat_moments_state *t)
{
    return isfinite(t->sum_w) && isfinite(t->sum_w2) && isfinite(t->m2) && isfinite(t->m2_w2)
           && isfinite(t->mean) && isfinite(t->mean_w2);
}

/* "tallies of the scale 1..5" or "moments", for messages. */
static const char *kind_text(const csat_grouped *a, char *buf, size_t cap)
{
    if (a->kind == CSAT_GROUPED_MOMENTS)
        return "moments";
    snprintf(buf, cap, "tallies of the scale %d..%d", a->min, a->max);
    return buf;
}

csat_status csat_grouped_merge(csat_grouped *dst, const csat_grouped *src, csat_error *err)
{
    CSAT_REQUIRE(dst, err);
    CSAT_REQUIRE(src, err);
    if (dst->kind != src->kind || dst->groups != src->groups || dst->min != src->min
        || dst->max != src->max) {
        char a[64], b[64];
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "cannot merge %zu groups of %s into %zu groups of %s", src->groups,
                         kind_text(src, a, sizeof a), dst->groups, kind_text(dst, b, sizeof b));
    }
    /* Check every addition before the first write, so that on OVERFLOW dst
     * is unchanged (src may be dst: it is only read here). */
    int ok = src->rows <= (uint64_t)SIZE_MAX - dst->rows;
    const size_t G = dst->groups, cells = dst->kind == CSAT_GROUPED_TALLY ? table_cells(dst) : 0;
    if (dst->kind == CSAT_GROUPED_TALLY) {
        if (src->wcount != NULL)
            for (size_t j = 0; j < cells && ok; j++)
                ok = isfinite((dst->sw ? dst->sw[j] : 0) + src->sw[j])
                     && isfinite((dst->sw2 ? dst->sw2[j] : 0) + src->sw2[j]);
    } else {
        for (size_t d = 0; d < G && ok; d++) {
            csat_moments_state t = dst->m[d];
            csat_moments_state_merge(&t, &src->m[d]);
            ok = moments_finite(&t);
        }
    }
    if (!ok)
        return csat_fail(err, CSAT_ERR_OVERFLOW, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "the merged accumulator's answer count or sums would overflow");
    if (src->wcount != NULL && !ensure_weighted(dst))
        return csat_fail(err, CSAT_ERR_NOMEM, CSAT_NO_INDEX, CSAT_NO_INDEX, NULL);
    if (dst->kind == CSAT_GROUPED_TALLY) {
        /* Element by element, each read before it is written: right when
         * src is dst too (every count doubles). */
        for (size_t j = 0; j < cells; j++)
            dst->unit[j] += src->unit[j];
        if (src->wcount != NULL)
            for (size_t j = 0; j < cells; j++) {
                dst->wcount[j] += src->wcount[j];
                dst->sw[j] += src->sw[j];
                dst->sw2[j] += src->sw2[j];
            }
    } else {
        for (size_t d = 0; d < G; d++) {
            csat_moments_state b = src->m[d];
            csat_moments_state_merge(&dst->m[d], &b);
        }
    }
    dst->none += src->none;
    dst->rows += src->rows;
    return CSAT_OK;
}

/* ------------------------------------------------------------------------ */
/* Reading */

csat_status csat_grouped_shape(const csat_grouped *a, size_t *groups, int *min, int *max,
                               csat_error *err)
{
    CSAT_REQUIRE(a, err);
    CSAT_REQUIRE(groups, err);
    CSAT_REQUIRE(min, err);
    CSAT_REQUIRE(max, err);
    *groups = a->groups;
    *min = a->min;
    *max = a->max;
    return CSAT_OK;
}

/* Group d's sums, as csat_tally_range(min, max) of its tally reads them,
 * and its missing answers. */
static csat_tally_sums group_sums(const csat_grouped *a, size_t d)
{
    size_t o = row_of(a, d);
    return csat_tally_sums_of(a->unit + o, a->wcount ? a->wcount + o : NULL,
                              a->sw ? a->sw + o : NULL, a->sw2 ? a->sw2 + o : NULL, 0, a->k);
}

static uint64_t group_missing(const csat_grouped *a, size_t d)
{
    return a->unit[row_of(a, d) + a->k];
}

csat_status csat_grouped_sample(const csat_grouped *a, size_t group, csat_sample *out,
                                csat_error *err)
{
    CSAT_REQUIRE(a, err);
    CSAT_REQUIRE_OUT(out, err);
    if (group > a->groups)
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "group %zu is not in 0..%zu (or %zu for the whole sample)", group,
                         a->groups - 1, a->groups);
    size_t first = group < a->groups ? group : 0, last = group < a->groups ? group + 1 : a->groups;
    uint64_t n = 0, missing = group < a->groups ? 0 : a->none;
    double w = 0, w2 = 0;
    for (size_t d = first; d < last; d++) {
        if (a->kind == CSAT_GROUPED_TALLY) {
            csat_tally_sums s = group_sums(a, d);
            n += s.n;
            missing += group_missing(a, d);
            w += s.w;
            w2 += s.w2;
        } else {
            n += a->m[d].n;
            missing += a->m[d].n_missing;
            w += a->m[d].sum_w;
            w2 += a->m[d].sum_w2;
        }
    }
    csat_sample r;
    r.size = sizeof r;
    r.n = (size_t)n; /* at most rows ≤ SIZE_MAX */
    r.n_missing = (size_t)missing;
    r.n_weighted = w;
    r.n_effective = w2 > 0 ? w * w / w2 : 0.0;
    CSAT_STORE(out, r);
    return CSAT_OK;
}

csat_status csat_grouped_tally(const csat_grouped *a, size_t group, csat_tally **out,
                               csat_error *err)
{
    CSAT_REQUIRE(a, err);
    CSAT_REQUIRE(out, err);
    if (a->kind != CSAT_GROUPED_TALLY)
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "a grouped accumulator of moments has no tally");
    if (group >= a->groups)
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "group %zu is not in 0..%zu", group, a->groups - 1);
    csat_tally *t = NULL;
    csat_status s = csat_tally_create(a->min, a->max, &t, err);
    if (s != CSAT_OK)
        return s;
    csat_grouped_fill_tally(a, group, 0, t);
    *out = t;
    return CSAT_OK;
}

/* ------------------------------------------------------------------------ */
/* The internal API (accum/grouped.h) */

csat_grouped_kind csat_grouped_kind_of(const csat_grouped *a)
{
    return a->kind;
}

size_t csat_grouped_count(const csat_grouped *a)
{
    return a->groups;
}

int csat_grouped_min(const csat_grouped *a)
{
    return a->min;
}

int csat_grouped_max(const csat_grouped *a)
{
    return a->max;
}

static void add_group(const csat_grouped *a, size_t d, csat_tally *t)
{
    size_t o = row_of(a, d);
    csat_tally_add_sums(t, group_missing(a, d), a->unit + o, a->wcount ? a->wcount + o : NULL,
                        a->sw ? a->sw + o : NULL, a->sw2 ? a->sw2 + o : NULL);
}

/* The complement is summed group by group in group order: the tally that
 * merging the other groups' tallies in that order gives, at O(G·k). */
void csat_grouped_fill_tally(const csat_grouped *a, size_t d, int complement, csat_tally *t)
{
    assert(a->kind == CSAT_GROUPED_TALLY && csat_tally_min(t) == a->min
           && csat_tally_max(t) == a->max && d < a->groups);
    csat_tally_clear(t);
    if (!complement) {
        add_group(a, d, t);
        return;
    }
    for (size_t e = 0; e < a->groups; e++)
        if (e != d)
            add_group(a, e, t);
}

void csat_grouped_get_moments(const csat_grouped *a, size_t d, int complement,
                              csat_moments_state *out)
{
    assert(a->kind == CSAT_GROUPED_MOMENTS && d < a->groups);
    if (!complement) {
        *out = a->m[d];
        return;
    }
    const csat_moments_state zero = CSAT_MOMENTS_STATE_INIT;
    *out = zero;
    for (size_t e = 0; e < a->groups; e++)
        if (e != d)
            csat_moments_state_merge(out, &a->m[e]);
}

/* The rest of the sample in O(k) per group (accum/grouped.h). */
struct csat_grouped_rest {
    const csat_grouped *a;
    int built;              /* the totals and suffixes are read (first call) */
    size_t next;            /* the prefix holds groups 0..next − 1 */
    /* Tally: totals over every group of the integer cells (k + 1 of unit,
     * the last the missing answers; k of wcount), the prefix's Σw and Σw²
     * (k each), the suffixes' (G + 1 rows of k: row d holds groups d..G −
     * 1, row G is zero), and the rest of the current group (k + 1 of unit,
     * k of wcount, sw, sw2) handed to the tally. The weighted parts are
     * read only when the accumulator has weighted tables. */
    uint64_t *tot_unit, *tot_wcount, *rest_unit, *rest_wcount;
    double *pre_sw, *pre_sw2, *suf_sw, *suf_sw2, *rest_sw, *rest_sw2;
    /* Moments: the prefix's state and the suffixes' (G + 1). */
    csat_moments_state pre;
    csat_moments_state *suf;
};

void csat_grouped_rest_free(csat_grouped_rest *r)
{
    if (r == NULL)
        return;
    free(r->tot_unit);
    free(r->tot_wcount);
    free(r->rest_unit);
    free(r->rest_wcount);
    free(r->pre_sw);
    free(r->pre_sw2);
    free(r->suf_sw);
    free(r->suf_sw2);
    free(r->rest_sw);
    free(r->rest_sw2);
    free(r->suf);
    free(r);
}

/* The weighted parts are allocated whether or not the accumulator has
 * weights yet: it may get them between csat_grouped_rest_new and the first
 * read (the estimators of arrays add the data in between). */
csat_grouped_rest *csat_grouped_rest_new(const csat_grouped *a)
{
    csat_grouped_rest *r = calloc(1, sizeof *r);
    if (r == NULL)
        return NULL;
    r->a = a;
    const size_t G = a->groups, k = a->k;
    int ok;
    if (a->kind == CSAT_GROUPED_TALLY) {
        /* (G + 1)·k < (G + 1)(k + 1) cells: fits, as the accumulator's tables. */
        r->tot_unit = calloc(k + 1, sizeof *r->tot_unit);
        r->rest_unit = calloc(k + 1, sizeof *r->rest_unit);
        r->tot_wcount = calloc(k, sizeof *r->tot_wcount);
        r->rest_wcount = calloc(k, sizeof *r->rest_wcount);
        r->pre_sw = calloc(k, sizeof *r->pre_sw);
        r->pre_sw2 = calloc(k, sizeof *r->pre_sw2);
        r->rest_sw = calloc(k, sizeof *r->rest_sw);
        r->rest_sw2 = calloc(k, sizeof *r->rest_sw2);
        r->suf_sw = calloc((G + 1) * k, sizeof *r->suf_sw);
        r->suf_sw2 = calloc((G + 1) * k, sizeof *r->suf_sw2);
        ok = r->tot_unit && r->rest_unit && r->tot_wcount && r->rest_wcount && r->pre_sw
             && r->pre_sw2 && r->rest_sw && r->rest_sw2 && r->suf_sw && r->suf_sw2;
    } else {
        r->suf = calloc(G + 1, sizeof *r->suf); /* zero bytes: CSAT_MOMENTS_STATE_INIT */
        ok = r->suf != NULL;
    }
    if (!ok) {
        csat_grouped_rest_free(r);
        return NULL;
    }
    return r;
}

/* Totals and suffixes, read once. The prefix starts empty (calloc). */
static void rest_build(csat_grouped_rest *r)
{
    const csat_grouped *a = r->a;
    const size_t G = a->groups, k = a->k;
    r->built = 1;
    if (a->kind != CSAT_GROUPED_TALLY) {
        for (size_t d = G; d-- > 0;) {
            r->suf[d] = a->m[d];
            csat_moments_state_merge(&r->suf[d], &r->suf[d + 1]);
        }
        return;
    }
    for (size_t d = 0; d < G; d++) {
        const size_t o = row_of(a, d);
        for (size_t j = 0; j <= k; j++)
            r->tot_unit[j] += a->unit[o + j];
        if (a->wcount != NULL)
            for (size_t j = 0; j < k; j++)
                r->tot_wcount[j] += a->wcount[o + j];
    }
    if (a->wcount == NULL)
        return;
    for (size_t d = G; d-- > 0;) {
        const size_t o = row_of(a, d);
        for (size_t j = 0; j < k; j++) {
            r->suf_sw[d * k + j] = a->sw[o + j] + r->suf_sw[(d + 1) * k + j];
            r->suf_sw2[d * k + j] = a->sw2[o + j] + r->suf_sw2[(d + 1) * k + j];
        }
    }
}

void csat_grouped_rest_tally(csat_grouped_rest *r, size_t d, csat_tally *t)
{
    const csat_grouped *a = r->a;
    assert(a->kind == CSAT_GROUPED_TALLY && csat_tally_min(t) == a->min
           && csat_tally_max(t) == a->max && d < a->groups && (!r->built || d + 1 > r->next));
    if (!r->built)
        rest_build(r);
    const size_t k = a->k, o = row_of(a, d);
    for (size_t j = 0; j <= k; j++)
        r->rest_unit[j] = r->tot_unit[j] - a->unit[o + j];
    csat_tally_clear(t);
    if (a->wcount == NULL) {
        csat_tally_add_sums(t, r->rest_unit[k], r->rest_unit, NULL, NULL, NULL);
        return;
    }
    for (; r->next < d; r->next++) {
        const size_t p = row_of(a, r->next);
        for (size_t j = 0; j < k; j++) {
            r->pre_sw[j] += a->sw[p + j];
            r->pre_sw2[j] += a->sw2[p + j];
        }
    }
    const double *ssw = r->suf_sw + (d + 1) * k, *ssw2 = r->suf_sw2 + (d + 1) * k;
    for (size_t j = 0; j < k; j++) {
        r->rest_wcount[j] = r->tot_wcount[j] - a->wcount[o + j];
        r->rest_sw[j] = r->pre_sw[j] + ssw[j];
        r->rest_sw2[j] = r->pre_sw2[j] + ssw2[j];
    }
    csat_tally_add_sums(t, r->rest_unit[k], r->rest_unit, r->rest_wcount, r->rest_sw,
                        r->rest_sw2);
}

void csat_grouped_rest_moments(csat_grouped_rest *r, size_t d, csat_moments_state *out)
{
    const csat_grouped *a = r->a;
    assert(a->kind == CSAT_GROUPED_MOMENTS && d < a->groups && (!r->built || d + 1 > r->next));
    if (!r->built)
        rest_build(r);
    for (; r->next < d; r->next++)
        csat_moments_state_merge(&r->pre, &a->m[r->next]);
    *out = r->pre;
    csat_moments_state_merge(out, &r->suf[d + 1]);
}

uint64_t csat_grouped_design_n(const csat_grouped *a)
{
    uint64_t n = 0;
    for (size_t d = 0; d < a->groups; d++)
        n += a->kind == CSAT_GROUPED_TALLY ? group_sums(a, d).n : a->m[d].n;
    return n;
}

/* ------------------------------------------------------------------------ */
/* Serialisation: "CSTG", u32 version, u32 kind, i32 min, i32 max, u32
 * reserved (0), u64 G, u64 rows without a group, then G records: for a
 * tally u64 missing and per point u64 unit, u64 wcount, f64 Σw, f64 Σw²
 * (the tally's point layout); for moments u64 n, u64 n_missing and the
 * eight doubles of the moments' format. Little-endian. */

csat_status csat_grouped_serialize(const csat_grouped *a, void *buf, size_t cap, size_t *len,
                                   csat_error *err)
{
    CSAT_REQUIRE(a, err);
    CSAT_REQUIRE(len, err);
    size_t record = record_size(a);
    size_t need = GROUPED_HEADER + a->groups * record; /* fits: checked at creation */
    if (buf == NULL) {
        *len = need;
        return CSAT_OK;
    }
    if (cap < need)
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "buffer of %zu bytes is too small, %zu needed", cap, need);
    unsigned char *p = buf;
    memcpy(p, "CSTG", 4);
    csat_put_u32(p + 4, CSAT_SERIAL_VERSION);
    csat_put_u32(p + 8, (uint32_t)a->kind);
    csat_put_u32(p + 12, (uint32_t)a->min);
    csat_put_u32(p + 16, (uint32_t)a->max);
    csat_put_u32(p + 20, 0);
    csat_put_u64(p + 24, (uint64_t)a->groups);
    csat_put_u64(p + 32, a->none);
    p += GROUPED_HEADER;
    for (size_t d = 0; d < a->groups; d++, p += record) {
        if (a->kind == CSAT_GROUPED_TALLY) {
            csat_put_u64(p, group_missing(a, d));
            for (size_t j = 0; j < a->k; j++) {
                size_t c = row_of(a, d) + j;
                unsigned char *q = p + 8 + 32 * j;
                csat_put_u64(q, a->unit[c]);
                csat_put_u64(q + 8, a->wcount ? a->wcount[c] : 0);
                csat_put_f64(q + 16, a->sw ? a->sw[c] : 0.0);
                csat_put_f64(q + 24, a->sw2 ? a->sw2[c] : 0.0);
            }
        } else {
            const csat_moments_state *m = &a->m[d];
            const double f[8] = { m->sum_w, m->mean, m->m2, m->sum_w2,
                                  m->mean_w2, m->m2_w2, m->min, m->max };
            csat_put_u64(p, (uint64_t)m->n);
            csat_put_u64(p + 8, (uint64_t)m->n_missing);
            for (int i = 0; i < 8; i++)
                csat_put_f64(p + 16 + 8 * i, f[i]);
        }
    }
    *len = need;
    return CSAT_OK;
}

static csat_status bad_blob(csat_error *err, const char *what)
{
    return csat_fail(err, CSAT_ERR_FORMAT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                     "serialized grouped accumulator %s", what);
}

/* 1 when every byte of the n doubles (or integers) is zero: all-zero
 * weighted arrays are dropped, and -0.0 is not zero here, so that an
 * accepted blob writes back to the same bytes. */
static int all_zero(const void *p, size_t bytes)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < bytes; i++)
        if (b[i] != 0)
            return 0;
    return 1;
}

/* Read group records and check that each is a state the tally's (or the
 * moments') own deserialiser accepts and that the total fits; 1 if so. */
static int read_groups(csat_grouped *a, const unsigned char *p)
{
    uint64_t rows = a->none;
    size_t record = record_size(a), k = a->k;
    for (size_t d = 0; d < a->groups; d++, p += record) {
        uint64_t total;
        if (a->kind == CSAT_GROUPED_TALLY) {
            size_t o = row_of(a, d);
            uint64_t missing = csat_get_u64(p);
            a->unit[o + k] = missing;
            for (size_t j = 0; j < k; j++) {
                const unsigned char *q = p + 8 + 32 * j;
                a->unit[o + j] = csat_get_u64(q);
                a->wcount[o + j] = csat_get_u64(q + 8);
                a->sw[o + j] = csat_get_f64(q + 16);
                a->sw2[o + j] = csat_get_f64(q + 24);
            }
            if (!csat_tally_sums_valid(k, missing, a->unit + o, a->wcount + o, a->sw + o,
                                       a->sw2 + o, &total))
                return 0;
        } else {
            uint64_t n = csat_get_u64(p), n_missing = csat_get_u64(p + 8);
            if (n > SIZE_MAX || n_missing > SIZE_MAX)
                return 0;
            double f[8];
            for (int i = 0; i < 8; i++)
                f[i] = csat_get_f64(p + 16 + 8 * i);
            csat_moments_state m = { (size_t)n, (size_t)n_missing, f[0], f[1], f[2],
                                     f[3], f[4], f[5], f[6], f[7] };
            if (csat_moments_state_check(&m, NULL) != CSAT_OK)
                return 0;
            a->m[d] = m;
            total = n + n_missing; /* fits: the check bounds it by SIZE_MAX */
        }
        if (total > UINT64_MAX - rows)
            return 0;
        rows += total;
    }
    if (rows > SIZE_MAX)
        return 0;
    a->rows = rows;
    return 1;
}

csat_status csat_grouped_deserialize(const void *buf, size_t len, csat_grouped **out,
                                     csat_error *err)
{
    CSAT_REQUIRE(buf, err);
    CSAT_REQUIRE(out, err);
    const unsigned char *p = buf;
    if (len < GROUPED_HEADER || memcmp(p, "CSTG", 4) != 0)
        return csat_fail(err, CSAT_ERR_FORMAT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "not a serialized grouped accumulator");
    if (csat_get_u32(p + 4) != CSAT_SERIAL_VERSION)
        return csat_fail(err, CSAT_ERR_FORMAT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "serialized grouped accumulator of unsupported version %u",
                         csat_get_u32(p + 4));
    uint32_t kind = csat_get_u32(p + 8);
    int min = (int)(int32_t)csat_get_u32(p + 12), max = (int)(int32_t)csat_get_u32(p + 16);
    uint64_t groups = csat_get_u64(p + 24);
    if (kind >= GROUPED_KINDS || csat_get_u32(p + 20) != 0)
        return bad_blob(err, "has an unknown kind or non-zero reserved bytes");
    if (groups < 1 || groups > CSAT_GROUPS_MAX)
        return bad_blob(err, "has an invalid number of groups");
    if (kind == CSAT_GROUPED_TALLY ? csat_check_scale(min, max, NULL) != CSAT_OK
                                   : (min != 1 || max != 0))
        return bad_blob(err, "has an invalid scale");
    size_t k = kind == CSAT_GROUPED_TALLY ? (size_t)((long long)max - min + 1) : 0;
    size_t record = kind == CSAT_GROUPED_TALLY ? 8 + 32 * k : MOMENTS_RECORD, body;
    if (!csat_size_mul((size_t)groups, record, &body) || body > SIZE_MAX - GROUPED_HEADER
        || len != GROUPED_HEADER + body)
        return bad_blob(err, "has the wrong length");
    csat_grouped *a = NULL;
    csat_status s = grouped_alloc((csat_grouped_kind)kind, (size_t)groups, min, max, &a, err);
    if (s != CSAT_OK)
        return s;
    if (kind == CSAT_GROUPED_TALLY && !ensure_weighted(a)) {
        csat_grouped_free(a);
        return csat_fail(err, CSAT_ERR_NOMEM, CSAT_NO_INDEX, CSAT_NO_INDEX, NULL);
    }
    a->none = csat_get_u64(p + 32);
    if (!read_groups(a, p + GROUPED_HEADER)) {
        csat_grouped_free(a);
        return bad_blob(err, "is inconsistent (counts and sums disagree, or the total "
                             "overflows)");
    }
    if (kind == CSAT_GROUPED_TALLY) {
        size_t cells = table_cells(a);
        if (all_zero(a->wcount, cells * sizeof *a->wcount)
            && all_zero(a->sw, cells * sizeof *a->sw) && all_zero(a->sw2, cells * sizeof *a->sw2))
            drop_weighted(a);
    }
    *out = a;
    return CSAT_OK;
}
