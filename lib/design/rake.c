/* Raking: weights fitted to population margins by iterative proportional
 * fitting (Deming & Stephan 1940), sweep for sweep as R survey's rake(),
 * then trimmed as its trimWeights(strict = FALSE) (doc/methods.md,
 * "Raking"). Everything is computed in scratch memory and the caller's
 * weights are written only on success, so `out` may be `w` itself. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/hash.h"
#include "core/size.h"
#include "core/sized.h"
#include "csat/design.h"

/* Margins of one population disagree when their sums differ by more than
 * this, relative: raking could then never satisfy them all, and would stop
 * only at max_iter. */
#define MARGIN_TOL 1e-9

/* The joint cell of a row of weight 0: it is counted in no cell. */
#define NO_CELL SIZE_MAX

/* A joint table indexed directly by the mixed-radix code of the tuple is
 * used while it holds at most this many cells per row (or DIRECT_MIN);
 * beyond, the cells present are numbered through a hash table, so memory
 * follows the rows, not the product of the categories. */
#define DIRECT_PER_ROW 2
#define DIRECT_MIN 4096

typedef struct rake_in {
    size_t n, vars;
    const int32_t *const *codes;
    const size_t *categories;
    const double *const *totals;
} rake_in;

typedef struct rake_work {
    double *w;      /* n working weights */
    size_t *cell;   /* n joint cells, NO_CELL for rows of weight 0 */
    double *sums;   /* the categories of every variable, one after another */
    size_t *first;  /* vars: where variable v's categories start in sums */
    double *table;  /* 2 × cells: the joint table before and after a sweep */
    size_t cells;
} rake_work;

static void work_free(rake_work *k)
{
    free(k->w);
    free(k->cell);
    free(k->sums);
    free(k->first);
    free(k->table);
}

static csat_status nomem(csat_error *err)
{
    return csat_fail(err, CSAT_ERR_NOMEM, CSAT_NO_INDEX, CSAT_NO_INDEX, NULL);
}

static csat_status load_options(const csat_rake_options *opt, csat_rake_options *o,
                                csat_error *err)
{
    static const csat_rake_options dflt = CSAT_RAKE_OPTIONS_DEFAULT;
    csat_status s = CSAT_LOAD_OPTIONS(*o, opt, dflt, err);
    if (s != CSAT_OK)
        return s;
    if (o->max_iter < 1)
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "max_iter must be at least 1, got %d", o->max_iter);
    if (!(o->epsilon > 0) || !isfinite(o->epsilon))
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "epsilon must be positive and finite, got %.17g", o->epsilon);
    if (!(o->lower >= 0) || !isfinite(o->lower))
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "the lower trimming bound must be finite and >= 0, got %.17g", o->lower);
    if (!(o->upper > 0))
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "the upper trimming bound must be positive (+inf: none), got %.17g",
                         o->upper);
    if (o->lower > o->upper)
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "the lower trimming bound %.17g exceeds the upper %.17g", o->lower,
                         o->upper);
    return CSAT_OK;
}

/* Pointers and counts, before any element is read. */
static csat_status check_shape(const rake_in *in, size_t *all_categories, csat_error *err)
{
    if (in->n == 0)
        return csat_fail(err, CSAT_ERR_EMPTY, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "raking needs at least one row");
    if (in->vars == 0)
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "raking needs at least one margin variable");
    size_t sum = 0;
    for (size_t v = 0; v < in->vars; v++) {
        if (in->codes[v] == NULL)
            return csat_fail(err, CSAT_ERR_NULL, CSAT_NO_INDEX, CSAT_NO_INDEX,
                             "argument 'codes[%zu]' is NULL", v);
        if (in->totals[v] == NULL)
            return csat_fail(err, CSAT_ERR_NULL, CSAT_NO_INDEX, CSAT_NO_INDEX,
                             "argument 'totals[%zu]' is NULL", v);
        if (in->categories[v] == 0)
            return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, v,
                             "margin %zu has no categories", v);
        if (in->categories[v] > SIZE_MAX - sum)
            return csat_fail_overflow(err, "raking categories", sum, in->categories[v]);
        sum += in->categories[v];
    }
    if (!csat_array_fits(sum, 1, sizeof(double)) || !csat_array_fits(in->n, 1, sizeof(double)) ||
        !csat_array_fits(in->n, 1, sizeof(size_t)))
        return csat_fail_overflow(err, "raking scratch", in->n, sum);
    *all_categories = sum;
    return CSAT_OK;
}

/* Starting weights, codes and totals, in that order, each in the order of
 * its elements; the working weights and their sum are filled. */
static csat_status check_values(const rake_in *in, const double *w, double *wk, double *sum_w,
                                csat_error *err)
{
    double sum = 0;
    for (size_t i = 0; i < in->n; i++) {
        double x = w ? w[i] : 1.0;
        if (!csat_weight_ok(x))
            return csat_fail(err, CSAT_ERR_WEIGHT, i, CSAT_NO_INDEX, CSAT_WEIGHT_MESSAGE, x, i);
        wk[i] = x;
        sum += x;
    }
    if (!isfinite(sum))
        return csat_fail(err, CSAT_ERR_OVERFLOW, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "the weights sum beyond the range of a double");
    if (sum == 0)
        return csat_fail(err, CSAT_ERR_EMPTY, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "every starting weight is 0");
    for (size_t v = 0; v < in->vars; v++) {
        const int32_t *code = in->codes[v];
        size_t cats = in->categories[v];
        for (size_t i = 0; i < in->n; i++)
            if (code[i] < 0 || (uint64_t)code[i] >= (uint64_t)cats)
                return csat_fail(err, CSAT_ERR_RANGE, i, v,
                                 "code %ld of margin %zu at row %zu is outside 0..%zu",
                                 (long)code[i], v, i, cats - 1);
    }
    double first = 0;
    for (size_t v = 0; v < in->vars; v++) {
        double s = 0;
        for (size_t c = 0; c < in->categories[v]; c++) {
            double t = in->totals[v][c];
            if (!(t == 0 || (t >= CSAT_WEIGHT_MIN && t <= CSAT_WEIGHT_MAX)))
                return csat_fail(err, CSAT_ERR_ARGUMENT, c, v,
                                 "total %.17g (category %zu of margin %zu) is negative, NaN, "
                                 "infinite or outside [1e-50, 1e50]",
                                 t, c, v);
            s += t;
        }
        if (v == 0)
            first = s;
        else if (fabs(s - first) > MARGIN_TOL * fmax(s, first))
            return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, v,
                             "totals of margin %zu sum to %.17g, of margin 0 to %.17g: the "
                             "margins of one population must agree",
                             v, s, first);
    }
    *sum_w = sum;
    return CSAT_OK;
}

/* The weight of each category of variable v, into s. */
static void category_sums(const rake_in *in, size_t v, const double *wk, double *s)
{
    const int32_t *code = in->codes[v];
    memset(s, 0, in->categories[v] * sizeof *s);
    for (size_t i = 0; i < in->n; i++)
        s[code[i]] += wk[i];
}

/* Every category must be in the sample and the population or in neither:
 * post-stratification cannot move weight into an empty cell nor out of a
 * cell the population lacks (R's postStratify stops in both cases). */
static csat_status check_cells(const rake_in *in, const rake_work *k, csat_error *err)
{
    for (size_t v = 0; v < in->vars; v++) {
        double *s = k->sums + k->first[v];
        category_sums(in, v, k->w, s);
        for (size_t c = 0; c < in->categories[v]; c++) {
            double t = in->totals[v][c];
            if (s[c] > 0 && t == 0)
                return csat_fail(err, CSAT_ERR_ARGUMENT, c, v,
                                 "category %zu of margin %zu weighs %.17g in the sample but 0 in "
                                 "the population",
                                 c, v, s[c]);
            if (s[c] == 0 && t > 0)
                return csat_fail(err, CSAT_ERR_EMPTY, c, v,
                                 "category %zu of margin %zu has total %.17g but no positive "
                                 "weight in the sample: an empty cell",
                                 c, v, t);
        }
    }
    return CSAT_OK;
}


static uint64_t tuple_hash(const rake_in *in, size_t i)
{
    uint64_t h = 0x9e3779b97f4a7c15ULL;
    for (size_t v = 0; v < in->vars; v++)
        h = csat_hash64(h ^ (uint32_t)in->codes[v][i]);
    return h;
}

static int tuple_equal(const rake_in *in, size_t i, size_t j)
{
    for (size_t v = 0; v < in->vars; v++)
        if (in->codes[v][i] != in->codes[v][j])
            return 0;
    return 1;
}

/* The joint cell of every row of positive weight: the cross-classification
 * of all margin variables (R's svytable(~v1 + v2 + ...)). Cells without
 * such a row are 0 before and after every sweep, so leaving them out
 * changes no difference between two tables. */
static csat_status joint_cells(const rake_in *in, rake_work *k, csat_error *err)
{
    size_t product = 1, limit = in->n <= (SIZE_MAX - DIRECT_MIN) / DIRECT_PER_ROW
                                    ? DIRECT_PER_ROW * in->n + DIRECT_MIN
                                    : SIZE_MAX;
    int direct = 1;
    for (size_t v = 0; v < in->vars && direct; v++)
        direct = csat_size_mul(product, in->categories[v], &product) && product <= limit;
    if (direct) {
        for (size_t i = 0; i < in->n; i++) {
            size_t id = 0;
            for (size_t v = 0; v < in->vars; v++)
                id = id * in->categories[v] + (size_t)in->codes[v][i];
            k->cell[i] = k->w[i] > 0 ? id : NO_CELL;
        }
        k->cells = product;
        return CSAT_OK;
    }
    /* Open addressing at most half full; a slot holds 1 + the first row of
     * its cell, whose cell id is already in k->cell. */
    size_t cap = 16;
    while (cap / 2 < in->n) {
        if (cap > SIZE_MAX / 2 / sizeof(size_t))
            return csat_fail_overflow(err, "raking joint cells", in->n, 2);
        cap *= 2;
    }
    size_t *slot = calloc(cap, sizeof *slot);
    if (slot == NULL)
        return nomem(err);
    size_t used = 0;
    for (size_t i = 0; i < in->n; i++) {
        if (!(k->w[i] > 0)) {
            k->cell[i] = NO_CELL;
            continue;
        }
        size_t j = (size_t)tuple_hash(in, i) & (cap - 1);
        while (slot[j] != 0 && !tuple_equal(in, slot[j] - 1, i))
            j = (j + 1) & (cap - 1);
        if (slot[j] == 0) {
            slot[j] = i + 1;
            k->cell[i] = used++;
        } else {
            k->cell[i] = k->cell[slot[j] - 1];
        }
    }
    free(slot);
    k->cells = used;
    return CSAT_OK;
}

static void joint_table(const rake_in *in, const rake_work *k, double *table)
{
    memset(table, 0, k->cells * sizeof *table);
    for (size_t i = 0; i < in->n; i++)
        if (k->cell[i] != NO_CELL)
            table[k->cell[i]] += k->w[i];
}

/* One post-stratification to the margin of variable v: w ← w · T_c / S_c,
 * the factor taken once per category, as R's reweight = Pop.Freq / Freq.
 * Categories without weight (and so, checked, without population) keep
 * factor 1 so that their rows of weight 0 stay 0. */
static csat_status post_stratify(const rake_in *in, rake_work *k, size_t v, csat_error *err)
{
    double *f = k->sums + k->first[v];
    const double *t = in->totals[v];
    const int32_t *code = in->codes[v];
    category_sums(in, v, k->w, f);
    for (size_t c = 0; c < in->categories[v]; c++) {
        if (f[c] == 0) {
            f[c] = 1;
            continue;
        }
        double r = t[c] / f[c];
        if (!(r > 0) || !isfinite(r))
            return csat_fail(err, CSAT_ERR_ARGUMENT, c, v,
                             "category %zu of margin %zu: factor %.17g / %.17g out of the "
                             "range of a double",
                             c, v, t[c], f[c]);
        f[c] = r;
    }
    for (size_t i = 0; i < in->n; i++)
        k->w[i] *= f[code[i]];
    return CSAT_OK;
}

/* The largest |Σ_c w − T_c| over every category of every variable, and
 * where it is. */
static double max_miss(const rake_in *in, rake_work *k, size_t *at_v, size_t *at_c)
{
    double worst = 0;
    *at_v = 0;
    *at_c = 0;
    for (size_t v = 0; v < in->vars; v++) {
        double *s = k->sums + k->first[v];
        category_sums(in, v, k->w, s);
        for (size_t c = 0; c < in->categories[v]; c++) {
            double miss = fabs(s[c] - in->totals[v][c]);
            if (miss > worst) {
                worst = miss;
                *at_v = v;
                *at_c = c;
            }
        }
    }
    return worst;
}

/* R's trimWeights(strict = FALSE) over the rows of positive starting
 * weight: those outside [lower, upper] go to the bound, and the amount
 * trimmed (negative when weights were raised) is added in equal parts to
 * the others, once. Rows of weight 0 keep it (R would raise them to
 * `lower` or give them a part). Two passes, so that a weight that was not
 * trimmed but equals a bound is told from one trimmed to it. */
static csat_status trim(const rake_in *in, rake_work *k, double lower, double upper,
                        size_t *trimmed, csat_error *err)
{
    size_t outside = 0, inside = 0;
    double amount = 0;
    for (size_t i = 0; i < in->n; i++) {
        double x = k->w[i];
        if (k->cell[i] == NO_CELL)
            continue;
        if (x < lower)
            amount += x - lower;
        else if (x > upper)
            amount += x - upper;
        else {
            inside++;
            continue;
        }
        outside++;
    }
    *trimmed = outside;
    if (outside == 0)
        return CSAT_OK;
    if (inside == 0)
        return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                         "every raked weight lies outside [%.17g, %.17g]: none is left to "
                         "take the %.17g trimmed",
                         lower, upper, amount);
    double share = amount / (double)inside;
    for (size_t i = 0; i < in->n; i++) {
        double x = k->w[i];
        if (k->cell[i] == NO_CELL)
            continue;
        k->w[i] = x < lower ? lower : x > upper ? upper : x + share;
    }
    return CSAT_OK;
}

/* Every row of positive starting weight must end with an accepted positive
 * weight: extreme totals can push a raked weight out of the range, and
 * raising weights to `lower` can push the others below 0. */
static csat_status check_result(const rake_in *in, const rake_work *k, csat_error *err)
{
    for (size_t i = 0; i < in->n; i++) {
        double x = k->w[i];
        if (k->cell[i] != NO_CELL && !(x >= CSAT_WEIGHT_MIN && x <= CSAT_WEIGHT_MAX))
            return csat_fail(err, CSAT_ERR_ARGUMENT, i, CSAT_NO_INDEX,
                             "raked weight %.17g of row %zu is outside [1e-50, 1e50]: totals "
                             "out of scale, or trimming bounds too tight",
                             x, i);
    }
    return CSAT_OK;
}

csat_status csat_design_rake(size_t n, const double *w, size_t vars, const int32_t *const *codes,
                             const size_t *categories, const double *const *totals,
                             const csat_rake_options *opt, double *out, csat_rake_result *info,
                             csat_error *err)
{
    CSAT_REQUIRE(codes, err);
    CSAT_REQUIRE(categories, err);
    CSAT_REQUIRE(totals, err);
    CSAT_REQUIRE(out, err);
    csat_rake_options o;
    csat_status s = load_options(opt, &o, err);
    if (s != CSAT_OK)
        return s;
    if (info != NULL && (s = csat_sized_check(info, sizeof *info, "info", err)) != CSAT_OK)
        return s;
    rake_in in = {n, vars, codes, categories, totals};
    size_t all_categories = 0;
    if ((s = check_shape(&in, &all_categories, err)) != CSAT_OK)
        return s;

    rake_work k = {0};
    k.w = malloc(n * sizeof *k.w);
    k.cell = malloc(n * sizeof *k.cell);
    k.sums = malloc(all_categories * sizeof *k.sums);
    k.first = malloc(vars * sizeof *k.first);
    if (k.w == NULL || k.cell == NULL || k.sums == NULL || k.first == NULL) {
        work_free(&k);
        return nomem(err);
    }
    for (size_t v = 0, at = 0; v < vars; at += categories[v], v++)
        k.first[v] = at;
    double sum_w = 0;
    if ((s = check_values(&in, w, k.w, &sum_w, err)) != CSAT_OK ||
        (s = check_cells(&in, &k, err)) != CSAT_OK || (s = joint_cells(&in, &k, err)) != CSAT_OK) {
        work_free(&k);
        return s;
    }
    if (!csat_array_fits(k.cells, 2, sizeof *k.table)) {
        work_free(&k);
        return csat_fail_overflow(err, "raking joint table", k.cells, 2);
    }
    k.table = malloc(2 * k.cells * sizeof *k.table);
    if (k.table == NULL) {
        work_free(&k);
        return nomem(err);
    }

    /* R: epsilon × the sum of the starting weights below 1, else absolute. */
    double threshold = o.epsilon < 1 ? o.epsilon * sum_w : o.epsilon;
    double *old_t = k.table, *new_t = k.table + k.cells;
    joint_table(&in, &k, old_t);
    csat_rake_result r = {0};
    r.size = sizeof r;
    while (r.iterations < o.max_iter && !r.converged) {
        for (size_t v = 0; v < vars; v++)
            if ((s = post_stratify(&in, &k, v, err)) != CSAT_OK) {
                work_free(&k);
                return s;
            }
        r.iterations++;
        joint_table(&in, &k, new_t);
        double delta = 0;
        for (size_t c = 0; c < k.cells; c++) {
            double d = fabs(old_t[c] - new_t[c]);
            if (d > delta)
                delta = d;
        }
        r.max_change = delta;
        r.converged = delta < threshold;
        double *swap = old_t;
        old_t = new_t;
        new_t = swap;
    }
    size_t miss_v, miss_c;
    r.max_miss = max_miss(&in, &k, &miss_v, &miss_c);
    if (!r.converged) {
        work_free(&k);
        if (info != NULL)
            CSAT_STORE(info, r);
        return csat_fail(err, CSAT_ERR_CONVERGENCE, miss_c, miss_v,
                         "raking did not converge in %d sweep%s: cell change %.6g >= %.6g; "
                         "largest margin miss %.6g (margin %zu, category %zu)",
                         r.iterations, r.iterations == 1 ? "" : "s", r.max_change, threshold,
                         r.max_miss, miss_v, miss_c);
    }
    if ((s = trim(&in, &k, o.lower, o.upper, &r.trimmed, err)) != CSAT_OK ||
        (s = check_result(&in, &k, err)) != CSAT_OK) {
        work_free(&k);
        return s;
    }
    memcpy(out, k.w, n * sizeof *out);
    work_free(&k);
    if (info != NULL)
        CSAT_STORE(info, r);
    return CSAT_OK;
}
