/*
 * Checks shared by the cmocka suites (score, drivers, compare, business).
 *
 * The suites report every mismatch with the name of the quantity and the
 * line of the test that asked for it, so a failure in a loop over reference
 * cases says which case and which field; the macros below therefore pass
 * __FILE__ and __LINE__ on instead of failing inside this file.
 */
#ifndef CSAT_TESTS_CHECK_H
#define CSAT_TESTS_CHECK_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "csat.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* ------------------------------------------------------------------------ */
/* Comparison helpers                                                        */

/* Where a comparison was asked for, and how strictly: rel == 0 means
 * bit-identical (==, or both NaN). */
typedef struct cmp_ctx {
    double rel;
    const char *name;
    const char *file;
    int line;
} cmp_ctx;

#define CTX(name, rel) (&(const cmp_ctx){(rel), (name), __FILE__, __LINE__})
/* The same place, compared exactly (fields that are echoed or counted). */
#define EXACT_OF(c) (&(const cmp_ctx){0.0, (c)->name, (c)->file, (c)->line})

/* |got - want| <= rel * max(|want|, floor): relative, except that values
 * much smaller than `floor` (the scale of the quantity they come from, e.g.
 * R² for an importance or the SE for a coefficient) are compared absolutely
 * at that scale. Equal values (infinities included) and two NaNs agree; an
 * infinite or NaN `want` is only met by itself, since no tolerance is
 * meaningful there. */
void cmp_scaled(const cmp_ctx *c, const char *field, double got, double want, double floor);
/* Purely relative (a tiny floor keeps an exact zero exact). */
void cmp_rel(const cmp_ctx *c, const char *field, double got, double want);
/* Relative, absolute below magnitude 1 (shares, rates and scores near 0). */
void cmp_unit(const cmp_ctx *c, const char *field, double got, double want);
/* A proportion (0..1) against a reference given in percent: got against
 * want_percent / 100, with the tolerance cmp_unit gives the percent value
 * (relative, absolute below 1 %). The reference headers keep shares in
 * percent, as the tools that made them (R, statsmodels) were asked. */
void cmp_percent(const cmp_ctx *c, const char *field, double got, double want_percent);
/* Two proportions (0..1), with the tolerance cmp_unit gives them in percent. */
void cmp_share(const cmp_ctx *c, const char *field, double got, double want);
void cmp_size(const cmp_ctx *c, const char *field, size_t got, size_t want);
void cmp_int(const cmp_ctx *c, const char *field, long got, long want);

/* Report a failed call with the library's own message before failing. */
void ok(csat_status s, const csat_error *err, const char *call, const char *file, int line);

/* Run a call that must succeed; the call must use the local `err`. */
#define OK(call)                                                                               \
    do {                                                                                       \
        memset(&err, 0, sizeof err);                                                           \
        ok((call), &err, #call, __FILE__, __LINE__);                                           \
    } while (0)

/* ------------------------------------------------------------------------ */
/* Failure helpers                                                           */

/* Distinct from CSAT_NO_INDEX, which is itself a value to check. */
#define ANY_INDEX ((size_t)-2) /* "do not check this field" */

void check_failure(csat_status got, csat_status want, size_t index, size_t column,
                   const csat_error *err, const char *call, const char *file, int line);
/* `p` must still hold the 0xA5 sentinel it was filled with by hand (an array
 * of numbers; the EXPECT_* macros compare with a copy instead). */
void check_untouched(const void *p, size_t size, const char *call, const char *file, int line);

/* ------------------------------------------------------------------------ */
/* Sized outputs                                                             */

/* Every result struct starts with `size_t size` (doc/conventions.md, "Growth
 * without breakage"), and a function checks that size before its input: the
 * 0xA5 sentinel the EXPECT_* macros fill an output with would be a bad size
 * and fail the call for that reason instead of the one under test. So after
 * the fill a result, or the first element of an array of results, gets its
 * size back as CSAT_RESULT_INIT sets it, and the call must then leave every
 * byte as it was, the size included.
 *
 * A suite whose output is a struct of its own holding several outputs (a
 * result and an array, say) lists it in CHECK_SIZED_OUTPUTS with a function
 * that sets the sizes inside it, defined before the first EXPECT_* use:
 *     #define CHECK_SIZED_OUTPUTS trend_out : trend_out_sized,
 *     static void trend_out_sized(void *p, size_t total, size_t size);
 * (total is sizeof the output; size is 0 for such a struct). */
#define CHECK_SIZED_RESULT(T) T : sizeof(T), T * : sizeof(T)
#define CHECK_SIZED_SIZE(out)                                                                  \
    _Generic((out),                                                                            \
        CHECK_SIZED_RESULT(csat_sample),                                                       \
        CHECK_SIZED_RESULT(csat_point),                                                        \
        CHECK_SIZED_RESULT(csat_nps_result),                                                   \
        CHECK_SIZED_RESULT(csat_share_result),                                                 \
        CHECK_SIZED_RESULT(csat_mean_result),                                                  \
        CHECK_SIZED_RESULT(csat_reviews_result),                                               \
        CHECK_SIZED_RESULT(csat_comparison),                                                   \
        CHECK_SIZED_RESULT(csat_trend_result),                                                 \
        CHECK_SIZED_RESULT(csat_rank_result),                                                  \
        CHECK_SIZED_RESULT(csat_retention_result),                                             \
        CHECK_SIZED_RESULT(csat_survival_point),                                               \
        CHECK_SIZED_RESULT(csat_curve_summary),                                                \
        CHECK_SIZED_RESULT(csat_rate_result),                                                  \
        CHECK_SIZED_RESULT(csat_category_count),                                               \
        CHECK_SIZED_RESULT(csat_resolution_result),                                            \
        CHECK_SIZED_RESULT(csat_model_summary),                                                \
        CHECK_SIZED_RESULT(csat_coefficient),                                                  \
        CHECK_SIZED_RESULT(csat_driver_info),                                                  \
        CHECK_SIZED_RESULT(csat_design_info),                                                  \
        CHECK_SIZED_RESULT(csat_rake_result),                                                  \
        default: (size_t)0)

#ifndef CHECK_SIZED_OUTPUTS
#define CHECK_SIZED_OUTPUTS
#endif

/* Writes `size` into the first size_t of p when size is not 0 and the
 * output holds a whole result of that size (an object or an array of
 * results, not a pointer to one). */
void check_sized_first(void *p, size_t total, size_t size);

#define CHECK_SIZED_PREPARE(out)                                                               \
    _Generic((out), CHECK_SIZED_OUTPUTS default: check_sized_first)(                           \
        &(out), sizeof(out), CHECK_SIZED_SIZE(out))

/* Report a failed call that changed its output (`p` against the copy
 * `before` taken just before the call). */
void check_unchanged(const void *p, const void *before, size_t size, const char *call,
                     const char *file, int line);

/* Fill `out` (an object, array or handle pointer) with a sentinel (sizes of
 * results kept valid, see above), make the call (which must use the local
 * `err`), check the status, err.index and err.column (ANY_INDEX: not
 * documented, not checked) and that `out` is intact. err.index and
 * err.column start at 777 so that a call which leaves them alone cannot
 * pass for one that set them. */
#define EXPECT_FAIL_AT(status_, row_, column_, out, call)                                       \
    do {                                                                                       \
        unsigned char before_[sizeof(out)];                                                    \
        memset(&(out), 0xA5, sizeof(out));                                                     \
        CHECK_SIZED_PREPARE(out);                                                              \
        memcpy(before_, &(out), sizeof(out));                                                  \
        memset(&err, 0, sizeof err);                                                           \
        err.index = 777;                                                                       \
        err.column = 777;                                                                      \
        csat_status got_ = (call);                                                             \
        check_failure(got_, (status_), (row_), (column_), &err, #call, __FILE__, __LINE__);    \
        check_unchanged(&(out), before_, sizeof(out), #call, __FILE__, __LINE__);              \
    } while (0)

/* Vector input: the offending element is named and there is no column. */
#define EXPECT_FAIL_ROW(status_, row_, out, call)                                              \
    EXPECT_FAIL_AT((status_), (row_), CSAT_NO_INDEX, out, call)

#define EXPECT_FAIL(status_, out, call) EXPECT_FAIL_AT((status_), ANY_INDEX, ANY_INDEX, out, call)

/* For calls whose output pointer is the NULL under test: a NULL argument is
 * no element of the input, so neither index nor column may name one. */
#define EXPECT_NULL_ERROR(call)                                                                \
    do {                                                                                       \
        memset(&err, 0, sizeof err);                                                           \
        csat_status got_ = (call);                                                             \
        check_failure(got_, CSAT_ERR_NULL, CSAT_NO_INDEX, CSAT_NO_INDEX, &err, #call,          \
                      __FILE__, __LINE__);                                                     \
    } while (0)

#endif
