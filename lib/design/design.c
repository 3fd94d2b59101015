/* The survey design object: rows, weights, strata and PSUs made dense,
 * checked once so that every estimate can trust them (doc/methods.md,
 * "Survey designs"). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/big.h"
#include "core/error.h"
#include "core/hash.h"
#include "core/size.h"
#include "core/sized.h"
#include "design/design.h"

/* Dense ids for codes 0..CSAT_GROUPS_MAX−1 in the order of first appearance
 * (written per row into `dense` when it is not NULL). */
typedef struct code_map {
    int32_t *id; /* max code + 1 entries, −1 where unseen */
    size_t used;
} code_map;

static csat_status code_check(const int32_t *codes, size_t n, const char *what, int32_t *max,
                              csat_error *err)
{
    int32_t m = 0;
    for (size_t i = 0; i < n; i++) {
        if (codes[i] < 0 || codes[i] >= CSAT_GROUPS_MAX)
            return csat_fail(err, CSAT_ERR_RANGE, i, CSAT_NO_INDEX,
                             "%s code %ld at index %zu is outside 0..%d", what, (long)codes[i], i,
                             CSAT_GROUPS_MAX - 1);
        if (codes[i] > m)
            m = codes[i];
    }
    *max = m;
    return CSAT_OK;
}

static csat_status code_map_build(const int32_t *codes, size_t n, const char *what, code_map *m,
                                  int32_t *dense, csat_error *err)
{
    int32_t max = 0;
    csat_status s = code_check(codes, n, what, &max, err);
    if (s != CSAT_OK)
        return s;
    m->id = malloc(((size_t)max + 1) * sizeof *m->id);
    if (m->id == NULL)
        return csat_fail(err, CSAT_ERR_NOMEM, CSAT_NO_INDEX, CSAT_NO_INDEX, NULL);
    memset(m->id, 0xff, ((size_t)max + 1) * sizeof *m->id);
    m->used = 0;
    for (size_t i = 0; i < n; i++) {
        int32_t *slot = &m->id[codes[i]];
        if (*slot < 0)
            *slot = (int32_t)m->used++;
        if (dense)
            dense[i] = *slot;
    }
    return CSAT_OK;
}

/* (stratum, cluster) pairs → PSU ids, for nested clusters: open addressing
 * over 64-bit keys, grown at half load, so memory follows the PSUs, not
 * the codes' range. */
typedef struct pair_map {
    uint64_t *key;
    int32_t *val;
    size_t cap, used;
} pair_map;


static int pair_map_grow(pair_map *m)
{
    size_t cap = m->cap ? m->cap * 2 : 1024;
    uint64_t *key = malloc(cap * sizeof *key);
    int32_t *val = malloc(cap * sizeof *val);
    if (key == NULL || val == NULL) {
        free(key);
        free(val);
        return 0;
    }
    memset(val, 0xff, cap * sizeof *val);
    for (size_t i = 0; i < m->cap; i++) {
        if (m->val[i] < 0)
            continue;
        size_t j = csat_hash64(m->key[i]) & (cap - 1);
        while (val[j] >= 0)
            j = (j + 1) & (cap - 1);
        key[j] = m->key[i];
        val[j] = m->val[i];
    }
    free(m->key);
    free(m->val);
    m->key = key;
    m->val = val;
    m->cap = cap;
    return 1;
}

/* The id of k, a new one (m->used) when unseen; −1 when out of memory. */
static int32_t pair_map_id(pair_map *m, uint64_t k)
{
    if (2 * (m->used + 1) > m->cap && !pair_map_grow(m))
        return -1;
    size_t j = csat_hash64(k) & (m->cap - 1);
    while (m->val[j] >= 0) {
        if (m->key[j] == k)
            return m->val[j];
        j = (j + 1) & (m->cap - 1);
    }
    m->key[j] = k;
    m->val[j] = (int32_t)m->used++;
    return m->val[j];
}

void csat_design_free(csat_design *d)
{
    if (d == NULL)
        return;
    csat_big_free(d->w);
    csat_big_free(d->key);
    if (!d->rowpsu)
        free(d->unit_stratum);
    free(d->units_in);
    free(d->fpc);
    free(d);
}

csat_status csat_design_require_rows(const csat_design *d, csat_error *err)
{
    CSAT_REQUIRE(d, err);
    if (d->n == 0)
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "the design has PSUs but no rows: score an accumulator keyed by PSU "
                         "(csat_design_psu_*)");
    return CSAT_OK;
}

static csat_status load_options(const csat_design_options *opt, csat_design_options *o,
                                csat_error *err)
{
    static const csat_design_options dflt = CSAT_DESIGN_OPTIONS_DEFAULT;
    csat_status s = CSAT_LOAD_OPTIONS(*o, opt, dflt, err);
    if (s != CSAT_OK)
        return s;
    if (o->lonely_psu < CSAT_LONELY_FAIL || o->lonely_psu > CSAT_LONELY_AVERAGE)
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "unknown lonely-PSU rule %d", o->lonely_psu);
    if (o->nest != 0 && o->nest != 1)
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "nest must be 0 or 1, got %d", o->nest);
    return CSAT_OK;
}

/* Units per stratum, the lonely strata (refused under CSAT_LONELY_FAIL),
 * and the finite-population factors from the units' fpc values (fpc[u]
 * for unit u; `where` maps a unit to the row or PSU an error names). */
static csat_status strata_finish(csat_design *d, const double *fpc, const size_t *where,
                                 csat_error *err)
{
    d->units_in = calloc(d->H, sizeof *d->units_in);
    d->fpc = malloc(d->H * sizeof *d->fpc);
    if (d->units_in == NULL || d->fpc == NULL)
        return csat_fail(err, CSAT_ERR_NOMEM, CSAT_NO_INDEX, CSAT_NO_INDEX, NULL);
    for (size_t u = 0; u < d->U; u++)
        d->units_in[d->unit_stratum[u]]++;
    d->lonely_strata = 0;
    for (size_t h = 0; h < d->H; h++) {
        if (d->units_in[h] == 1)
            d->lonely_strata++;
        d->fpc[h] = 1;
    }
    if (d->lonely_strata > 0 && d->lonely == CSAT_LONELY_FAIL) {
        for (size_t u = 0; u < d->U; u++)
            if (d->units_in[d->unit_stratum[u]] == 1)
                return csat_fail(err, CSAT_ERR_ARGUMENT, where ? where[u] : u, CSAT_NO_INDEX,
                                 "the stratum of %s %zu has a single PSU (%zu such strata); choose "
                                 "a lonely-PSU rule (remove, certainty, adjust, average) or "
                                 "merge strata",
                                 where ? "row" : "PSU", where ? where[u] : u, d->lonely_strata);
    }
    if (fpc == NULL)
        return CSAT_OK;
    /* One value per stratum, all fractions or all sizes, as R's fpc. */
    double *seen = malloc(d->H * sizeof *seen);
    if (seen == NULL)
        return csat_fail(err, CSAT_ERR_NOMEM, CSAT_NO_INDEX, CSAT_NO_INDEX, NULL);
    for (size_t h = 0; h < d->H; h++)
        seen[h] = NAN;
    int fractions = -1;
    csat_status s = CSAT_OK;
    for (size_t u = 0; u < d->U && s == CSAT_OK; u++) {
        size_t at = where ? where[u] : u, h = (size_t)d->unit_stratum[u];
        double f = fpc[u];
        int frac = f <= 1;
        if (!(f > 0) || !isfinite(f))
            s = csat_fail(err, CSAT_ERR_ARGUMENT, at, CSAT_NO_INDEX,
                          "fpc %.17g at index %zu is not a positive finite number", f, at);
        else if (fractions >= 0 && frac != fractions)
            s = csat_fail(err, CSAT_ERR_ARGUMENT, at, CSAT_NO_INDEX,
                          "fpc %.17g at index %zu mixes sampling fractions (<= 1) and "
                          "population sizes (> 1)",
                          f, at);
        else if (!isnan(seen[h]) && seen[h] != f)
            s = csat_fail(err, CSAT_ERR_ARGUMENT, at, CSAT_NO_INDEX,
                          "fpc %.17g at index %zu differs from %.17g earlier in its stratum: it "
                          "must be constant within a stratum",
                          f, at, seen[h]);
        else if (!frac && f < (double)d->units_in[h])
            s = csat_fail(err, CSAT_ERR_ARGUMENT, at, CSAT_NO_INDEX,
                          "fpc %.17g at index %zu is smaller than the %zu PSUs sampled in its "
                          "stratum",
                          f, at, d->units_in[h]);
        fractions = frac;
        seen[h] = f;
    }
    if (s == CSAT_OK)
        for (size_t h = 0; h < d->H; h++) {
            double N = fractions ? (double)d->units_in[h] / seen[h] : seen[h];
            d->fpc[h] = (N - (double)d->units_in[h]) / N;
        }
    free(seen);
    return s;
}

/* R's degf: units and strata that hold a row of positive weight. */
static void design_df(csat_design *d)
{
    unsigned char *unit = calloc(d->U, 1), *stratum = calloc(d->H, 1);
    size_t nu = 0, nh = 0;
    if (unit == NULL || stratum == NULL) {
        /* Counting every unit is then the answer for positive weights. */
        nu = d->U;
        nh = d->H;
    } else {
        for (size_t i = 0; i < d->n; i++) {
            if (!(csat_design_w(d, i) > 0))
                continue;
            size_t u = d->rowpsu ? i : (size_t)d->key[i];
            size_t h = (size_t)d->unit_stratum[u];
            nu += !unit[u];
            unit[u] = 1;
            nh += !stratum[h];
            stratum[h] = 1;
        }
    }
    free(unit);
    free(stratum);
    d->df = (double)nu - (double)nh;
}

static csat_status build_rows(csat_design *d, const int32_t *strata, const int32_t *clusters,
                              const double *fpc, int nest, csat_error *err)
{
    size_t n = d->n;
    csat_status s = CSAT_OK;
    /* The dense stratum of row i is sm.id[strata[i]] (0 without strata):
     * no per-row copy unless the strata are the accumulator keys. */
    code_map sm = { 0 };
    if (clusters == NULL) {
        /* One PSU per row: units are rows, accumulators keyed by stratum. */
        int32_t *st = csat_big_alloc(n * sizeof *st);
        if (st == NULL)
            return csat_fail(err, CSAT_ERR_NOMEM, CSAT_NO_INDEX, CSAT_NO_INDEX, NULL);
        if (strata) {
            s = code_map_build(strata, n, "stratum", &sm, st, err);
            free(sm.id);
            d->H = sm.used;
        } else {
            memset(st, 0, n * sizeof *st);
            d->H = 1;
        }
        if (s != CSAT_OK) {
            csat_big_free(st);
            return s;
        }
        d->rowpsu = 1;
        d->U = n;
        d->K = d->H;
        d->key = st;
        d->unit_stratum = st;
        return strata_finish(d, fpc, NULL, err);
    }
    if (strata) {
        s = code_map_build(strata, n, "stratum", &sm, NULL, err);
        d->H = sm.used;
    } else {
        d->H = 1;
    }
#define STRATUM(i) (strata ? sm.id[strata[i]] : 0)
    d->key = s == CSAT_OK ? csat_big_alloc(n * sizeof *d->key) : NULL;
    if (s == CSAT_OK && d->key == NULL)
        s = csat_fail(err, CSAT_ERR_NOMEM, CSAT_NO_INDEX, CSAT_NO_INDEX, NULL);
    /* Each fpc a number first, so that a bad value is named at its row
     * before any comparison with its PSU's. */
    for (size_t i = 0; fpc && s == CSAT_OK && i < n; i++)
        if (!(fpc[i] > 0) || !isfinite(fpc[i]))
            s = s == CSAT_OK ? csat_fail(err, CSAT_ERR_ARGUMENT, i, CSAT_NO_INDEX,
                                         "fpc %.17g at index %zu is not a positive finite number",
                                         fpc[i], i)
                             : s;
    /* Constant within each stratum, named at the first row that differs. */
    double *seen = s == CSAT_OK && fpc ? malloc(d->H * sizeof *seen) : NULL;
    if (s == CSAT_OK && fpc && seen == NULL)
        s = csat_fail(err, CSAT_ERR_NOMEM, CSAT_NO_INDEX, CSAT_NO_INDEX, NULL);
    for (size_t h = 0; seen && h < d->H; h++)
        seen[h] = NAN;
    for (size_t i = 0; seen && s == CSAT_OK && i < n; i++) {
        double *v = &seen[STRATUM(i)];
        if (isnan(*v))
            *v = fpc[i];
        else if (*v != fpc[i])
            s = csat_fail(err, CSAT_ERR_ARGUMENT, i, CSAT_NO_INDEX,
                          "fpc %.17g at index %zu differs from %.17g earlier in its stratum: it "
                          "must be constant within a stratum",
                          fpc[i], i, *v);
    }
    free(seen);
    int32_t max = 0;
    if (s == CSAT_OK)
        s = code_check(clusters, n, "cluster", &max, err);
    pair_map pm = { 0 };
    code_map cm = { 0 };
    if (s == CSAT_OK && nest) {
        for (size_t i = 0; i < n && s == CSAT_OK; i++) {
            int32_t id = pair_map_id(&pm, (uint64_t)STRATUM(i) << 32 | (uint32_t)clusters[i]);
            if (id < 0)
                s = csat_fail(err, CSAT_ERR_NOMEM, CSAT_NO_INDEX, CSAT_NO_INDEX, NULL);
            d->key[i] = id;
        }
        d->U = pm.used;
    } else if (s == CSAT_OK) {
        s = code_map_build(clusters, n, "cluster", &cm, d->key, err);
        d->U = cm.used;
    }
    if (s == CSAT_OK && d->U > CSAT_GROUPS_MAX)
        s = csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                      "%zu PSUs: at most %d", d->U, CSAT_GROUPS_MAX);
    /* Each PSU's stratum, its first row (for errors) and its fpc value. */
    size_t *first = NULL;
    double *ufpc = NULL;
    if (s == CSAT_OK) {
        d->K = d->U;
        d->unit_stratum = malloc(d->U * sizeof *d->unit_stratum);
        first = malloc(d->U * sizeof *first);
        ufpc = fpc ? malloc(d->U * sizeof *ufpc) : NULL;
        if (d->unit_stratum == NULL || first == NULL || (fpc && ufpc == NULL))
            s = csat_fail(err, CSAT_ERR_NOMEM, CSAT_NO_INDEX, CSAT_NO_INDEX, NULL);
    }
    if (s == CSAT_OK) {
        for (size_t u = 0; u < d->U; u++)
            d->unit_stratum[u] = -1;
        for (size_t i = 0; i < n && s == CSAT_OK; i++) {
            int32_t u = d->key[i], h = STRATUM(i);
            if (d->unit_stratum[u] < 0) {
                d->unit_stratum[u] = h;
                first[u] = i;
                if (ufpc)
                    ufpc[u] = fpc[i];
            } else if (d->unit_stratum[u] != h) {
                s = csat_fail(err, CSAT_ERR_ARGUMENT, i, CSAT_NO_INDEX,
                              "cluster %ld at index %zu is in stratum %ld, but at index %zu in "
                              "stratum %ld: clusters must be nested in strata (or relabel them "
                              "within strata with the option nest)",
                              (long)clusters[i], i, (long)strata[i], first[u],
                              (long)strata[first[u]]);
            }
        }
    }
    if (s == CSAT_OK)
        s = strata_finish(d, ufpc, first, err);
    free(pm.key);
    free(pm.val);
    free(cm.id);
    free(first);
    free(ufpc);
    free(sm.id);
    return s;
#undef STRATUM
}

csat_status csat_design_create(size_t n, const double *w, const int32_t *strata,
                               const int32_t *clusters, const double *fpc,
                               const csat_design_options *opt, csat_design **out, csat_error *err)
{
    CSAT_REQUIRE(out, err);
    csat_design_options o;
    csat_status s = load_options(opt, &o, err);
    if (s != CSAT_OK)
        return s;
    if (n == 0)
        return csat_fail(err, CSAT_ERR_EMPTY, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "a design needs at least one row");
    if (!csat_array_fits(n, 1, sizeof(double)))
        return csat_fail_overflow(err, "design rows", n, sizeof(double));
    csat_design *d = calloc(1, sizeof *d);
    if (d == NULL)
        return csat_fail(err, CSAT_ERR_NOMEM, CSAT_NO_INDEX, CSAT_NO_INDEX, NULL);
    d->n = n;
    d->lonely = o.lonely_psu;
    d->sum_w = (double)n;
    if (w) {
        /* Checked, copied and summed in one pass. */
        d->w = csat_big_alloc(n * sizeof *d->w);
        if (d->w == NULL) {
            csat_design_free(d);
            return csat_fail(err, CSAT_ERR_NOMEM, CSAT_NO_INDEX, CSAT_NO_INDEX, NULL);
        }
        double sum_w = 0;
        for (size_t i = 0; i < n; i++) {
            if (!csat_weight_ok(w[i])) {
                csat_design_free(d);
                return csat_fail(err, CSAT_ERR_WEIGHT, i, CSAT_NO_INDEX, CSAT_WEIGHT_MESSAGE,
                                 w[i], i);
            }
            d->w[i] = w[i];
            sum_w += w[i];
        }
        if (!isfinite(sum_w)) {
            csat_design_free(d);
            return csat_fail(err, CSAT_ERR_OVERFLOW, CSAT_NO_INDEX, CSAT_NO_INDEX,
                             "the weights sum beyond the range of a double");
        }
        d->sum_w = sum_w;
    }
    s = build_rows(d, strata, clusters, fpc, o.nest, err);
    if (s != CSAT_OK) {
        csat_design_free(d);
        return s;
    }
    design_df(d);
    *out = d;
    return CSAT_OK;
}

csat_status csat_design_create_psus(size_t psus, const int32_t *strata, const double *fpc,
                                    const csat_design_options *opt, csat_design **out,
                                    csat_error *err)
{
    CSAT_REQUIRE(out, err);
    csat_design_options o;
    csat_status s = load_options(opt, &o, err);
    if (s != CSAT_OK)
        return s;
    if (psus == 0 || psus > CSAT_GROUPS_MAX)
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "%zu PSUs: need 1..%d", psus, CSAT_GROUPS_MAX);
    csat_design *d = calloc(1, sizeof *d);
    if (d == NULL)
        return csat_fail(err, CSAT_ERR_NOMEM, CSAT_NO_INDEX, CSAT_NO_INDEX, NULL);
    d->lonely = o.lonely_psu;
    d->U = d->K = psus;
    d->unit_stratum = malloc(psus * sizeof *d->unit_stratum);
    if (d->unit_stratum == NULL)
        s = csat_fail(err, CSAT_ERR_NOMEM, CSAT_NO_INDEX, CSAT_NO_INDEX, NULL);
    else if (strata) {
        code_map m = { 0 };
        s = code_map_build(strata, psus, "stratum", &m, d->unit_stratum, err);
        free(m.id);
        d->H = m.used;
    } else {
        memset(d->unit_stratum, 0, psus * sizeof *d->unit_stratum);
        d->H = 1;
    }
    if (s == CSAT_OK)
        s = strata_finish(d, fpc, NULL, err);
    if (s != CSAT_OK) {
        csat_design_free(d);
        return s;
    }
    d->df = (double)d->U - (double)d->H;
    *out = d;
    return CSAT_OK;
}

csat_status csat_design_describe(const csat_design *d, csat_design_info *out, csat_error *err)
{
    CSAT_REQUIRE(d, err);
    CSAT_REQUIRE_OUT(out, err);
    csat_design_info r = { .size = sizeof r, .n = d->n, .psus = d->U, .strata = d->H,
                           .lonely = d->lonely_strata, .df = d->df, .sum_w = d->sum_w,
                           .lonely_psu = d->lonely };
    CSAT_STORE(out, r);
    return CSAT_OK;
}

static csat_status rows_out(const csat_design *d, const void *dst, const char *name, size_t n,
                            csat_error *err)
{
    csat_status s = csat_design_require_rows(d, err);
    if (s != CSAT_OK)
        return s;
    if (dst == NULL)
        return csat_fail(err, CSAT_ERR_NULL, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "argument '%s' is NULL", name);
    if (n != d->n)
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "room for %zu values, the design has %zu rows", n, d->n);
    return CSAT_OK;
}

csat_status csat_design_psu_codes(const csat_design *d, int32_t *codes, size_t n, csat_error *err)
{
    csat_status s = rows_out(d, codes, "codes", n, err);
    if (s == CSAT_OK)
        memcpy(codes, d->key, n * sizeof *codes);
    return s;
}

csat_status csat_design_weights(const csat_design *d, double *w, size_t n, csat_error *err)
{
    csat_status s = rows_out(d, w, "w", n, err);
    if (s != CSAT_OK)
        return s;
    if (d->w)
        memcpy(w, d->w, n * sizeof *w);
    else
        for (size_t i = 0; i < n; i++)
            w[i] = 1;
    return CSAT_OK;
}
