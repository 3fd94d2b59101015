/* The one SWIG interface of libcsat, for Python (package `csat`, low-level
 * module `csat._core` with its proxy `csat.core`) and Lua (module
 * `csat_core`). The Python package and csat.lua sit on top of it.
 *
 * Layout
 *
 * 1. Results, described once. Every result struct the bindings hand out is
 *    described by one X-macro field list (CSAT_NPS_FIELDS...) and registered
 *    in CSAT_RESULTS under its "kind", the struct's name without `csat_`.
 *    A list names each field with its type: D double, Z size_t, I int or
 *    long, E(field, enum type) an enumeration; its order is the order in
 *    which the Python results show the fields. Everything about a result is
 *    generated from its list: the converters struct -> dict / table
 *    (csat_out_<kind>), dict / table -> struct (csat_in_<kind>), arrays of
 *    structs as a list (csat_out_list_<kind>) or as columns keyed by field
 *    name (csat_out_columns_<kind>), and core.result_fields(kind), from
 *    which csat/results.py and csat.lua build their result classes and
 *    tables by generic rules (<p>_lower/<p>_upper -> <p>_ci and
 *    ci_lower/ci_upper -> ci; <p>_min/<p>_max -> <p>; an enum decoded by a
 *    table keyed by its C type). Python and Lua list no result's fields
 *    again; they name a field only to present it otherwise (the columns
 *    of the key-driver model and of the gap table, the category codes
 *    given as labels).
 * 2. A primitive layer per language (%{ %} under #if SWIGPYTHON / SWIGLUA):
 *    C functions with the same names and meaning in both, each taking
 *    CSAT_CTX_ARG (Lua's `lua_State *L`; a dummy int in Python) and called
 *    with CSAT_CTX. Arrays in: csat_in_doubles, csat_in_matrix,
 *    csat_in_bytes, csat_in_dist into a csat_arr, given back by
 *    csat_release (Python uses the caller's buffer in place, and -threads
 *    releases the GIL around the C call after the buffers are held; Lua
 *    copies a table into userdata on its stack, so that an error, which
 *    longjmps, never leaks). Values out (a csat_val: a new reference in
 *    Python, the number of values pushed in Lua, CSAT_NONE on an error):
 *    csat_num, csat_size, csat_long, csat_bytes, csat_handle (owned by the
 *    garbage collector), csat_map_new / csat_map_put, csat_list_new /
 *    csat_list_put, csat_pair, csat_drop, csat_out_dist. Dict / table fields
 *    in: csat_in_map, csat_in_real, csat_in_count, csat_in_int. Errors:
 *    csat_raise (raise the library's error) and csat_failure (Lua returns
 *    it as values). Scores by group add: csat_in_int32s (group codes and
 *    flags: Python's int32 buffer in place, a Lua table of integers
 *    copied), csat_scratch (memory held by a csat_arr until csat_release),
 *    csat_in_column with csat_col_real / _count / _int / csat_col_done (one
 *    column of a dict / table of columns), csat_absent (None / nil) and
 *    csat_nil. Designs and raking add csat_in_fill / csat_out_fill (an
 *    array the library fills: Python's writable float64 or int32 buffer,
 *    filled in place; in Lua the number of elements, and a table out).
 *    Two SWIG macros complete the layer: CSAT_APPEND(value),
 *    the one step that appends an output ($result =
 *    SWIG_Python_AppendOutput($result, value); SWIG_arg += the values
 *    pushed; a failure on CSAT_NONE), and CSAT_NO_VALUE, what a status
 *    return leaves. Lua alone also checks its scalar arguments (numbers,
 *    never strings that convert; integers never truncated).
 * 3. Shared code, written once over the primitives: the generated result
 *    converters, the arrays and composite results out, and then every
 *    typemap, outside the language #ifs.
 * 4. What is wrapped: the public headers (results ignored as types: they
 *    travel as dicts / tables), handles with a destructor, option structs
 *    whose constructor fills the C defaults (CSAT_X_OPTIONS_DEFAULT, the
 *    size included), and csat_bind_* functions (%inline) that check the
 *    length of every array and allocate what the library fills.
 *
 * Adding a result
 *
 * 1. Declare the struct in the public header (`size_t size` first) and
 *    fill it in the library's C code.
 * 2. Here: its field list, `#define CSAT_X_FIELDS(D, Z, I, E) D(a) Z(n)
 *    ...`, and its line `X(x, csat_x, CSAT_X_FIELDS)` in CSAT_RESULTS.
 * 3. If it is a new struct returned through `csat_x *out`: one typemap
 *    line, CSAT_RESULT_OUT(x) (and CSAT_RESULT_IN(x, "a ...") if the
 *    bindings give it back to the library); an array of them, one per
 *    group, CSAT_COLUMNS(x, "what"): out as columns through
 *    `(csat_x **rows, size_t *nrows)`, back in through
 *    `(const csat_x *COLUMNS, size_t NCOLUMNS)` (%apply'd to the names).
 * The Python class is then `@c_result("x") class X(_Result): """..."""`
 * (csat/results.py) and the Lua table from_c("x", d) (csat.lua).
 *
 * Conventions of the wrapped functions (C names without `csat_`):
 * - `(const double *x, size_t n)`: Python, any C-contiguous buffer of
 *   float64 (format 'd'), used in place; Lua, a table of numbers (copied).
 *   Weights and other optional arrays: the same, or None / nil for NULL.
 *   An array whose length differs from the data's is an error.
 * - `(const double *x, size_t n, size_t p, size_t ld)`: a matrix; Python, a
 *   2-D C-contiguous float64 buffer (ld = its number of columns); Lua, a
 *   table of rows (copied).
 * - `csat_error *err` is hidden; a non-OK status raises ValueError
 *   (MemoryError for CSAT_ERR_NOMEM, csat.SingularError, a subclass of
 *   ArithmeticError, for CSAT_ERR_SINGULAR, OverflowError for
 *   CSAT_ERR_OVERFLOW) with the library's message and `code`, `index` and
 *   `column`, or calls Lua's error() with a table {code, message, index,
 *   column} (0-based as in C; csat.lua makes it its 1-based error object).
 *   `csat_error *perr` is the same in Python; in Lua the function returns
 *   nil, message, code, index, column instead (so that csat.lua can name
 *   the driver).
 * - Scores by group: `(const int32_t *g, size_t ng)` are the group codes
 *   (0..G-1, CSAT_GROUP_NONE = -1 for none): Python, a C-contiguous int32
 *   buffer used in place; Lua, a table of integers (copied); their number
 *   must equal the answers'. The G results of a grouped estimator come out
 *   as columns (a dict / table keyed by field name, one tuple / table of G
 *   values each; CES: {effort, low_effort} of columns) with a tuple / table
 *   of G flags; comparisons and tracking take the columns back as they
 *   came out (the rest's: None / nil when not needed) with the flags as
 *   int32 codes travel, and give comparisons / points as columns (a
 *   tracking table also its trend, None / nil with fewer than 2 usable
 *   periods). The grouped accumulator is a handle; csat/groups.py and
 *   csat.lua turn labels into codes.
 * - Survey designs: a design is a handle (csat_design, freed with its
 *   owner); strata and cluster codes travel as group codes do (int32, None
 *   / nil for none), and the arrays scored with a design must have its
 *   rows. Its scores by group come out as columns with G flags, its
 *   comparisons of each group with the rest as columns of G comparisons.
 *   box_range_csat / _top / _bottom give the boxes (lo, hi) a CSAT, top-k
 *   or bottom-k share counts, as the library resolves them, for the
 *   designed shares by group. Raking takes the category codes of every
 *   margin one margin after the other, the number of categories of each
 *   and their totals likewise, and fills the raked weights (csat_in_fill)
 *   with how raking ended as a dict / table.
 * - Results out are dicts / tables keyed by the C field names (without
 *   `size`, which is set here); arrays the wrapper allocates are tuples /
 *   tables; a Kaplan-Meier curve's steps are columns keyed by the point's
 *   field names; CES (effort, low_effort) and reviews (rating, positive
 *   and the reviews fields) come back as one dict / table; handles are
 *   owned by the garbage collector; serialized accumulators are bytes /
 *   strings. Results compared go back in as the dicts / tables they came
 *   out as. */

#if defined(SWIGPYTHON)
%module(package="csat") core
#elif defined(SWIGLUA)
%module csat_core
#else
#error "the libcsat interface supports Python and Lua only"
#endif

%{
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csat.h"
%}

/* csat_score_nps -> nps, csat_bind_score_nps -> nps, csat_nps_options -> nps_options. */
%rename("%(regex:/^csat_(bind_)?(.*)$/\\2/)s") "";

/* ------------------------------------------------------------------------ */
/* 1. Results: one field list per struct, in the order shown.               */

%{
#define CSAT_SAMPLE_FIELDS(D, Z, I, E) Z(n) Z(n_missing) D(n_weighted) D(n_effective)
/* What NPS, share and mean results share, first. */
#define CSAT_ESTIMATE_FIELDS(D, Z, I, E)                                              \
    D(score) D(ci_lower) D(ci_upper) D(se) D(level) Z(n) D(n_weighted) D(n_effective) \
    Z(n_missing)
#define CSAT_NPS_FIELDS(D, Z, I, E)                                                   \
    CSAT_ESTIMATE_FIELDS(D, Z, I, E) D(promoters) D(passives) D(detractors)           \
    E(method, csat_nps_method)
#define CSAT_SHARE_FIELDS(D, Z, I, E)                                                 \
    CSAT_ESTIMATE_FIELDS(D, Z, I, E) D(share) I(box_min) I(box_max)
#define CSAT_MEAN_FIELDS(D, Z, I, E) CSAT_ESTIMATE_FIELDS(D, Z, I, E) D(sd) D(df) D(min) D(max)
#define CSAT_POINT_FIELDS(D, Z, I, E) I(value) Z(count) D(weight) D(share) D(cum_share)
#define CSAT_MODEL_FIELDS(D, Z, I, E)                                                 \
    Z(p) I(intercept) D(r2) D(adj_r2) D(sigma) D(f) D(f_p) D(df_model) D(df_resid)    \
    D(condition) D(level) CSAT_SAMPLE_FIELDS(D, Z, I, E)
#define CSAT_COEFFICIENT_FIELDS(D, Z, I, E) D(estimate) D(se) D(t) D(p) D(ci_lower) D(ci_upper)
#define CSAT_DRIVER_FIELDS(D, Z, I, E) D(beta) D(vif) D(r) D(mean) D(sd)
#define CSAT_COMPARISON_FIELDS(D, Z, I, E)                                            \
    D(diff) D(se) D(ci_lower) D(ci_upper) D(statistic) D(df) D(p) D(level)
#define CSAT_TREND_FIELDS(D, Z, I, E)                                                 \
    D(slope) D(se) D(ci_lower) D(ci_upper) D(z) D(p) D(intercept) D(level) Z(waves)
#define CSAT_RANK_FIELDS(D, Z, I, E) D(percentile) Z(rank) Z(of) Z(below) Z(equal)
#define CSAT_RETENTION_FIELDS(D, Z, I, E)                                             \
    D(retention) D(churn) D(at_start) D(at_end) D(acquired) D(lost)
#define CSAT_SURVIVAL_POINT_FIELDS(D, Z, I, E)                                        \
    D(time) D(n_risk) D(n_event) D(n_censor) D(survival) D(se) D(ci_lower) D(ci_upper)
#define CSAT_CURVE_FIELDS(D, Z, I, E)                                                 \
    Z(n) Z(events) Z(steps) D(median) D(median_lower) D(median_upper) D(level) Z(n_missing)
#define CSAT_RATE_FIELDS(D, Z, I, E)                                                  \
    D(rate) D(ci_lower) D(ci_upper) D(count) D(exposure) D(per) D(level)
#define CSAT_CATEGORY_FIELDS(D, Z, I, E) I(code) Z(count) D(share) D(cum_share)
#define CSAT_RESOLUTION_FIELDS(D, Z, I, E)                                            \
    Z(n) Z(n_open) Z(n_missing) D(mean) D(sd) D(median) D(within_sla) D(km_median)    \
    D(km_within_sla) D(sla)
#define CSAT_REVIEWS_FIELDS(D, Z, I, E) D(bayesian_average) D(wilson_lower)
#define CSAT_GROUP_COMPARISON_FIELDS(D, Z, I, E)                                      \
    Z(group) Z(other) I(skipped) D(diff) D(se) D(ci_lower) D(ci_upper) D(statistic)   \
    D(df) D(p) D(p_adjusted) D(level)
#define CSAT_TRACK_POINT_FIELDS(D, Z, I, E)                                           \
    Z(period) I(flags) D(score) D(ci_lower) D(ci_upper) D(change) D(change_se)        \
    D(change_p) D(center) D(lcl) D(ucl) I(signal)
#define CSAT_DESIGN_INFO_FIELDS(D, Z, I, E)                                           \
    Z(n) Z(psus) Z(strata) Z(lonely) D(df) D(sum_w) E(lonely_psu, csat_lonely_psu)
#define CSAT_RAKE_FIELDS(D, Z, I, E)                                                  \
    I(iterations) I(converged) D(max_change) D(max_miss) Z(trimmed)
#define CSAT_WORK_FIELDS(D, Z, I, E) D(units) D(unit_flops) D(flops) I(exact)

/* Every result: X(kind, C type, field list). */
#define CSAT_RESULTS(X)                                                               \
    X(sample, csat_sample, CSAT_SAMPLE_FIELDS)                                        \
    X(nps_result, csat_nps_result, CSAT_NPS_FIELDS)                                   \
    X(share_result, csat_share_result, CSAT_SHARE_FIELDS)                             \
    X(mean_result, csat_mean_result, CSAT_MEAN_FIELDS)                                \
    X(point, csat_point, CSAT_POINT_FIELDS)                                           \
    X(model_summary, csat_model_summary, CSAT_MODEL_FIELDS)                           \
    X(coefficient, csat_coefficient, CSAT_COEFFICIENT_FIELDS)                         \
    X(driver_info, csat_driver_info, CSAT_DRIVER_FIELDS)                              \
    X(comparison, csat_comparison, CSAT_COMPARISON_FIELDS)                            \
    X(trend_result, csat_trend_result, CSAT_TREND_FIELDS)                             \
    X(rank_result, csat_rank_result, CSAT_RANK_FIELDS)                                \
    X(retention_result, csat_retention_result, CSAT_RETENTION_FIELDS)                 \
    X(survival_point, csat_survival_point, CSAT_SURVIVAL_POINT_FIELDS)                \
    X(curve_summary, csat_curve_summary, CSAT_CURVE_FIELDS)                           \
    X(rate_result, csat_rate_result, CSAT_RATE_FIELDS)                                \
    X(category_count, csat_category_count, CSAT_CATEGORY_FIELDS)                      \
    X(resolution_result, csat_resolution_result, CSAT_RESOLUTION_FIELDS)              \
    X(reviews_result, csat_reviews_result, CSAT_REVIEWS_FIELDS)                       \
    X(group_comparison, csat_group_comparison, CSAT_GROUP_COMPARISON_FIELDS)          \
    X(track_point, csat_track_point, CSAT_TRACK_POINT_FIELDS)                         \
    X(design_info, csat_design_info, CSAT_DESIGN_INFO_FIELDS)                         \
    X(rake_result, csat_rake_result, CSAT_RAKE_FIELDS)                                \
    X(work, csat_work, CSAT_WORK_FIELDS)

/* core.result_fields(kind): "name:type ..." (type d, z, i or the enum's C
 * type), in the list's order; None / nil for an unknown kind. */
#define CSAT_NAME_D(f) #f ":d "
#define CSAT_NAME_Z(f) #f ":z "
#define CSAT_NAME_I(f) #f ":i "
#define CSAT_NAME_E(f, T) #f ":" #T " "
#define CSAT_NAMES_(kind, type, FIELDS)                                               \
    { #kind, FIELDS(CSAT_NAME_D, CSAT_NAME_Z, CSAT_NAME_I, CSAT_NAME_E) },
#define CSAT_KIND_(kind, type, FIELDS) #kind " "

static const struct {
    const char *kind, *fields;
} csat_bind_results[] = { CSAT_RESULTS(CSAT_NAMES_) };

static const char *csat_bind_result_fields(const char *kind)
{
    size_t i;
    for (i = 0; kind != NULL && i < sizeof csat_bind_results / sizeof csat_bind_results[0]; i++)
        if (strcmp(kind, csat_bind_results[i].kind) == 0)
            return csat_bind_results[i].fields;
    return NULL;
}

/* core.result_kinds(): every kind, space-separated. */
static const char *csat_bind_result_kinds(void)
{
    return CSAT_RESULTS(CSAT_KIND_);
}
%}

const char *csat_bind_result_fields(const char *kind);
const char *csat_bind_result_kinds(void);

/* ------------------------------------------------------------------------ */
/* 2. Primitive layer: Python                                                */

#if defined(SWIGPYTHON)
/* The one output step: append VALUE (a new reference) to the result; NULL
 * (the exception set) fails. A status alone returns None. */
%define CSAT_APPEND(VALUE)
  {
    PyObject *o_ = (VALUE);
    if (o_ == NULL) {
      Py_XDECREF($result);
      $result = NULL;
      SWIG_fail;
    }
    $result = SWIG_Python_AppendOutput($result, o_);
  }
%enddef
%define CSAT_NO_VALUE
  $result = SWIG_Py_Void();
%enddef

%{
#define CSAT_CTX 0
#define CSAT_CTX_ARG int csat_ctx_
#define CSAT_NONE NULL
#define CSAT_LANG(python, lua) python
typedef PyObject *csat_obj;     /* an argument, $input */
typedef PyObject *csat_val;     /* a new reference; NULL with an exception set */
typedef PyObject *csat_key;     /* a key interned once (each use's static; set under the GIL) */

/* An array argument: the buffer held until csat_release. */
typedef struct csat_arr {
    int got;
    size_t n, k;
    double *data;
    const void *bytes;
    Py_buffer view;
    void *mem;                  /* scratch memory (csat_scratch), freed by csat_release */
} csat_arr;
#define CSAT_ARR_INIT { 0 }

static int csat_py_is_double(const Py_buffer *v)
{
    const union { unsigned short u; unsigned char c[2]; } e = { 1 };
    const char *f = v->format ? v->format : "B";
    if (v->itemsize != (Py_ssize_t)sizeof(double))
        return 0;
    if (f[0] == '@' || f[0] == '=' || (f[0] == '<' && e.c[0] == 1) ||
        ((f[0] == '>' || f[0] == '!') && e.c[0] == 0))
        f++;
    return f[0] == 'd' && f[1] == '\0';
}

/* An empty buffer may have a NULL pointer; the library wants one only when
 * there is no array at all. */
static double csat_py_empty[1];

/* Acquire a C-contiguous float64 buffer of ndim dimensions (0: any). */
static int csat_py_buffer(PyObject *obj, csat_arr *a, int ndim, int writable, const char *what)
{
    int flags = PyBUF_C_CONTIGUOUS | PyBUF_FORMAT | (writable ? PyBUF_WRITABLE : 0);
    if (PyObject_GetBuffer(obj, &a->view, flags) < 0) {
        if (PyErr_ExceptionMatches(PyExc_TypeError)) {
            PyErr_Clear();
            PyErr_Format(PyExc_TypeError,
                         "%s must be a%s C-contiguous buffer of float64, not %.80s", what,
                         writable ? " writable" : "", Py_TYPE(obj)->tp_name);
        }
        return -1;
    }
    a->got = 1;
    if (!csat_py_is_double(&a->view)) {
        PyErr_Format(PyExc_TypeError, "%s must hold float64 (buffer format 'd'), not '%.20s'",
                     what, a->view.format ? a->view.format : "B");
        return -1;
    }
    if (ndim != 0 && a->view.ndim != ndim) {
        PyErr_Format(PyExc_ValueError, "%s must have %d dimension%s, not %d", what, ndim,
                     ndim == 1 ? "" : "s", a->view.ndim);
        return -1;
    }
    a->data = a->view.buf ? (double *)a->view.buf : csat_py_empty;
    a->n = (size_t)(a->view.len / (Py_ssize_t)sizeof(double));
    return 0;
}

static int csat_in_doubles(CSAT_CTX_ARG, csat_obj o, const char *what, int optional, csat_arr *a)
{
    if (optional && o == Py_None)
        return 0;
    return csat_py_buffer(o, a, 1, 0, what);
}

/* `unit` and `row` word Lua's messages about a row's elements. */
static int csat_in_matrix(CSAT_CTX_ARG, csat_obj o, const char *what, const char *unit,
                          const char *row, csat_arr *a)
{
    if (csat_py_buffer(o, a, 2, 0, what) < 0)
        return -1;
    a->n = (size_t)a->view.shape[0];
    a->k = (size_t)a->view.shape[1];
    return 0;
}

/* Any contiguous bytes-like object. */
static int csat_in_bytes(CSAT_CTX_ARG, csat_obj o, csat_arr *a)
{
    if (PyObject_GetBuffer(o, &a->view, PyBUF_SIMPLE) < 0)
        return -1;
    a->got = 1;
    a->bytes = a->view.buf;
    a->n = (size_t)a->view.len;
    return 0;
}

/* Distribution outputs: one writable float64 buffer of 3 × n (counts,
 * weights, shares), filled in place. */
static int csat_in_dist(CSAT_CTX_ARG, csat_obj o, csat_arr *a)
{
    if (csat_py_buffer(o, a, 0, 1, "out") < 0)
        return -1;
    if (a->n == 0 || a->n % 3 != 0) {
        PyErr_SetString(PyExc_ValueError, "out must hold 3 × (number of scale points) float64");
        return -1;
    }
    a->n /= 3;
    return 0;
}

/* Group codes in: a C-contiguous 1-D buffer of int32 (numpy int32: format
 * 'i', or 'l' of 4 bytes), used in place; `bytes` points at it. */
static int csat_py_is_int32(const Py_buffer *v)
{
    const union { unsigned short u; unsigned char c[2]; } e = { 1 };
    const char *f = v->format ? v->format : "B";
    if (v->itemsize != 4)
        return 0;
    if (f[0] == '@' || f[0] == '=' || (f[0] == '<' && e.c[0] == 1) ||
        ((f[0] == '>' || f[0] == '!') && e.c[0] == 0))
        f++;
    return (f[0] == 'i' || f[0] == 'l') && f[1] == '\0';
}

static int32_t csat_py_no_codes[1];

static int csat_in_int32s(CSAT_CTX_ARG, csat_obj o, const char *what, int optional, csat_arr *a)
{
    if (optional && o == Py_None)
        return 0;
    if (PyObject_GetBuffer(o, &a->view, PyBUF_C_CONTIGUOUS | PyBUF_FORMAT) < 0) {
        if (PyErr_ExceptionMatches(PyExc_TypeError)) {
            PyErr_Clear();
            PyErr_Format(PyExc_TypeError, "%s must be a C-contiguous buffer of int32, not %.80s",
                         what, Py_TYPE(o)->tp_name);
        }
        return -1;
    }
    a->got = 1;
    if (!csat_py_is_int32(&a->view)) {
        PyErr_Format(PyExc_TypeError, "%s must hold int32 (buffer format 'i'), not '%.20s'",
                     what, a->view.format ? a->view.format : "B");
        return -1;
    }
    if (a->view.ndim != 1) {
        PyErr_Format(PyExc_ValueError, "%s must have 1 dimension, not %d", what, a->view.ndim);
        return -1;
    }
    a->bytes = a->view.buf ? a->view.buf : (const void *)csat_py_no_codes;
    a->n = (size_t)(a->view.len / 4);
    return 0;
}

/* Arrays the library fills (n elements: float64, or int32 with `int32`: a
 * design's weights and PSU codes, raked weights): a writable C-contiguous
 * 1-D buffer of that type, filled in place; `data` (float64) or `bytes`
 * (int32) points at it. */
static int csat_in_fill(CSAT_CTX_ARG, csat_obj o, const char *what, int int32, csat_arr *a)
{
    const char *type = int32 ? "int32" : "float64";
    int flags = PyBUF_C_CONTIGUOUS | PyBUF_FORMAT | PyBUF_WRITABLE;
    if (PyObject_GetBuffer(o, &a->view, flags) < 0) {
        if (PyErr_ExceptionMatches(PyExc_TypeError) || PyErr_ExceptionMatches(PyExc_BufferError)) {
            PyErr_Clear();
            PyErr_Format(PyExc_TypeError,
                         "%s must be a writable C-contiguous buffer of %s, not %.80s", what, type,
                         Py_TYPE(o)->tp_name);
        }
        return -1;
    }
    a->got = 1;
    if (int32 ? !csat_py_is_int32(&a->view) : !csat_py_is_double(&a->view)) {
        PyErr_Format(PyExc_TypeError, "%s must hold %s, not '%.20s'", what, type,
                     a->view.format ? a->view.format : "B");
        return -1;
    }
    if (a->view.ndim != 1) {
        PyErr_Format(PyExc_ValueError, "%s must have 1 dimension, not %d", what, a->view.ndim);
        return -1;
    }
    if (int32)
        a->bytes = a->view.buf ? a->view.buf : (void *)csat_py_no_codes;
    else
        a->data = a->view.buf ? (double *)a->view.buf : csat_py_empty;
    a->n = (size_t)(a->view.len / a->view.itemsize);
    return 0;
}

/* The filled array: already in the caller's buffer (None, which
 * SWIG_Python_AppendOutput drops as the first output). */
static csat_val csat_out_fill(CSAT_CTX_ARG, const csat_arr *a, int int32)
{
    Py_RETURN_NONE;
}

/* Scratch memory for count elements of size bytes (zeroed, at least one),
 * held by a until csat_release; NULL with the exception set. */
static void *csat_scratch(CSAT_CTX_ARG, size_t count, size_t size, csat_arr *a)
{
    void *p = count <= SIZE_MAX / size ? calloc(count ? count : 1, size) : NULL;
    if (p == NULL) {
        PyErr_NoMemory();
        return NULL;
    }
    a->mem = p;
    return p;
}

static void csat_release(CSAT_CTX_ARG, csat_arr *a)
{
    if (a->got) {
        a->got = 0;
        PyBuffer_Release(&a->view);
    }
    free(a->mem);
    a->mem = NULL;
}

/* None: an optional argument left out. */
static int csat_absent(CSAT_CTX_ARG, csat_obj o) { return o == Py_None; }

/* None out (a trend that cannot be computed). */
static csat_val csat_nil(CSAT_CTX_ARG) { Py_RETURN_NONE; }

/* Columns in (results of many groups, as csat_out_columns_<kind> gave
 * them): a dict of sequences keyed by field name. csat_in_column holds the
 * column `key` (n values; *n == SIZE_MAX: any number, set here) until
 * csat_col_done; csat_col_real / _count / _int read its element i. */
typedef struct csat_col {
    PyObject *seq;
} csat_col;
#define CSAT_COL_INIT { NULL }

static int csat_in_column(CSAT_CTX_ARG, csat_obj o, const char *what, const char *key,
                          size_t *n, csat_col *c)
{
    PyObject *v = PyDict_GetItemString(o, key); /* borrowed */
    size_t m;
    if (v == NULL) {
        PyErr_Format(PyExc_TypeError, "%s has no column '%s'", what, key);
        return -1;
    }
    c->seq = PySequence_Fast(v, "");
    if (c->seq == NULL) {
        PyErr_Format(PyExc_TypeError, "%s column '%s' must be a sequence, not %.80s", what, key,
                     Py_TYPE(v)->tp_name);
        return -1;
    }
    m = (size_t)PySequence_Fast_GET_SIZE(c->seq);
    if (*n != (size_t)-1 && m != *n) {
        PyErr_Format(PyExc_ValueError, "%s column '%s' has %zu values, the others %zu", what,
                     key, m, *n);
        return -1;
    }
    *n = m;
    return 0;
}

static int csat_col_real(CSAT_CTX_ARG, csat_col *c, size_t i, const char *what, const char *key,
                         double *out)
{
    double x = PyFloat_AsDouble(PySequence_Fast_GET_ITEM(c->seq, (Py_ssize_t)i));
    if (x == -1.0 && PyErr_Occurred())
        return -1;
    *out = x;
    return 0;
}

/* An integer element (a Python or numpy integer), as a long. */
static int csat_py_col_long(csat_col *c, size_t i, const char *what, const char *key, long *out)
{
    PyObject *v = PyNumber_Index(PySequence_Fast_GET_ITEM(c->seq, (Py_ssize_t)i));
    long x;
    if (v == NULL)
        return -1;
    x = PyLong_AsLong(v);
    Py_DECREF(v);
    if (x == -1 && PyErr_Occurred())
        return -1;
    *out = x;
    return 0;
}

static int csat_col_count(CSAT_CTX_ARG, csat_col *c, size_t i, const char *what, const char *key,
                          size_t *out)
{
    PyObject *v = PyNumber_Index(PySequence_Fast_GET_ITEM(c->seq, (Py_ssize_t)i));
    size_t x;
    if (v == NULL)
        return -1;
    x = PyLong_AsSize_t(v);
    Py_DECREF(v);
    if (x == (size_t)-1 && PyErr_Occurred())
        return -1;
    *out = x;
    return 0;
}

static int csat_col_int(CSAT_CTX_ARG, csat_col *c, size_t i, const char *what, const char *key,
                        int *out)
{
    long x = 0;
    if (csat_py_col_long(c, i, what, key, &x) < 0)
        return -1;
    if (x < INT_MIN || x > INT_MAX) {
        PyErr_Format(PyExc_OverflowError, "%s column '%s' is out of range", what, key);
        return -1;
    }
    *out = (int)x;
    return 0;
}

static void csat_col_done(CSAT_CTX_ARG, csat_col *c) { Py_CLEAR(c->seq); }

static csat_val csat_num(CSAT_CTX_ARG, double v) { return PyFloat_FromDouble(v); }
static csat_val csat_size(CSAT_CTX_ARG, size_t v) { return PyLong_FromSize_t(v); }
static csat_val csat_long(CSAT_CTX_ARG, long v) { return PyLong_FromLong(v); }

static csat_val csat_bytes(CSAT_CTX_ARG, const void *p, size_t n)
{
    return PyBytes_FromStringAndSize((const char *)p, (Py_ssize_t)n);
}

static csat_val csat_handle(CSAT_CTX_ARG, void *p, swig_type_info *type)
{
    return SWIG_NewPointerObj(p, type, SWIG_POINTER_OWN);
}

static csat_val csat_map_new(CSAT_CTX_ARG, int fields) { return PyDict_New(); }

/* m[name] = v, taking v over; -1 (v released) on an error or if v is NULL. */
static int csat_map_put(CSAT_CTX_ARG, csat_val m, csat_key *key, const char *name, csat_val v)
{
    int r;
    if (v == NULL)
        return -1;
    if (*key == NULL && (*key = PyUnicode_InternFromString(name)) == NULL) {
        Py_DECREF(v);
        return -1;
    }
    r = PyDict_SetItem(m, *key, v);
    Py_DECREF(v);
    return r;
}

/* A tuple (a tuple, unlike a list, is not merged with the next output by
 * SWIG_Python_AppendOutput). */
static csat_val csat_list_new(CSAT_CTX_ARG, size_t n) { return PyTuple_New((Py_ssize_t)n); }

static int csat_list_put(CSAT_CTX_ARG, csat_val t, size_t i, csat_val v)
{
    if (v == NULL)
        return -1;
    PyTuple_SET_ITEM(t, (Py_ssize_t)i, v);
    return 0;
}

static void csat_drop(CSAT_CTX_ARG, csat_val v) { Py_XDECREF(v); }

/* Two values as one output: a tuple. */
static csat_val csat_pair(CSAT_CTX_ARG, csat_val a, csat_val b)
{
    PyObject *t = a && b ? PyTuple_New(2) : NULL;
    if (t == NULL) {
        Py_XDECREF(a);
        Py_XDECREF(b);
        return NULL;
    }
    PyTuple_SET_ITEM(t, 0, a);
    PyTuple_SET_ITEM(t, 1, b);
    return t;
}

/* The distribution's arrays were filled in place: nothing to return (None,
 * which SWIG_Python_AppendOutput drops as the first output). */
static csat_val csat_out_dist(CSAT_CTX_ARG, const double *counts, const double *weights,
                              const double *shares, size_t n)
{
    Py_RETURN_NONE;
}

/* Results in: a dict keyed by the C field names. */
static int csat_in_map(CSAT_CTX_ARG, csat_obj o, const char *what)
{
    if (PyDict_Check(o))
        return 0;
    PyErr_Format(PyExc_TypeError, "%s must be a dict of its fields, not %.80s", what,
                 Py_TYPE(o)->tp_name);
    return -1;
}

static PyObject *csat_py_field(PyObject *d, const char *what, const char *key)
{
    PyObject *v = PyDict_GetItemString(d, key); /* borrowed */
    if (v == NULL)
        PyErr_Format(PyExc_TypeError, "%s has no field '%s'", what, key);
    return v;
}

static int csat_in_real(CSAT_CTX_ARG, csat_obj o, const char *what, const char *key, double *out)
{
    PyObject *v = csat_py_field(o, what, key);
    double x;
    if (v == NULL || ((x = PyFloat_AsDouble(v)) == -1.0 && PyErr_Occurred()))
        return -1;
    *out = x;
    return 0;
}

static int csat_in_count(CSAT_CTX_ARG, csat_obj o, const char *what, const char *key, size_t *out)
{
    PyObject *v = csat_py_field(o, what, key);
    size_t x;
    if (v == NULL || ((x = PyLong_AsSize_t(v)) == (size_t)-1 && PyErr_Occurred()))
        return -1;
    *out = x;
    return 0;
}

static int csat_in_int(CSAT_CTX_ARG, csat_obj o, const char *what, const char *key, int *out)
{
    PyObject *v = csat_py_field(o, what, key);
    long x;
    if (v == NULL || ((x = PyLong_AsLong(v)) == -1 && PyErr_Occurred()))
        return -1;
    if (x < INT_MIN || x > INT_MAX) {
        PyErr_Format(PyExc_OverflowError, "%s field '%s' is out of range", what, key);
        return -1;
    }
    *out = (int)x;
    return 0;
}

static PyObject *csat_py_index(size_t i)
{
    if (i != CSAT_NO_INDEX)
        return PyLong_FromSize_t(i);
    Py_RETURN_NONE;
}

/* csat.SingularError and csat.ConvergenceError (subclasses of
 * ArithmeticError), created when the module is initialised; the type
 * objects live as long as the module. */
static PyObject *csat_py_singular_error = NULL;
static PyObject *csat_py_convergence_error = NULL;

/* Raise the library's error; returns NULL. */
static csat_val csat_raise(CSAT_CTX_ARG, csat_status status, const csat_error *e)
{
    PyObject *singular = csat_py_singular_error ? csat_py_singular_error : PyExc_ArithmeticError;
    PyObject *convergence =
        csat_py_convergence_error ? csat_py_convergence_error : PyExc_ArithmeticError;
    PyObject *type = status == CSAT_ERR_NOMEM         ? PyExc_MemoryError
                     : status == CSAT_ERR_SINGULAR    ? singular
                     : status == CSAT_ERR_CONVERGENCE ? convergence
                     : status == CSAT_ERR_OVERFLOW    ? PyExc_OverflowError
                                                      : PyExc_ValueError;
    const char *msg = e->message[0] ? e->message : csat_strerror(status);
    PyObject *exc = PyObject_CallFunction(type, "s", msg);
    PyObject *code, *index, *column;
    if (exc == NULL)
        return NULL;
    code = PyLong_FromLong((long)status);
    index = csat_py_index(e->index);
    column = csat_py_index(e->column);
    if (code && index && column) {
        PyObject_SetAttrString(exc, "code", code);
        PyObject_SetAttrString(exc, "index", index);
        PyObject_SetAttrString(exc, "column", column);
        /* The pandas label and column name, which the csat package adds when
         * the input had them. */
        PyObject_SetAttrString(exc, "label", Py_None);
        PyObject_SetAttrString(exc, "column_name", Py_None);
    }
    Py_XDECREF(code);
    Py_XDECREF(index);
    Py_XDECREF(column);
    if (PyErr_Occurred()) /* the attributes failed: still raise the error itself */
        PyErr_Clear();
    PyErr_SetObject(type, exc);
    Py_DECREF(exc);
    return NULL;
}

/* An error returned rather than raised (csat_error *perr): Python raises. */
static csat_val csat_failure(CSAT_CTX_ARG, csat_status status, const csat_error *e)
{
    return csat_raise(CSAT_CTX, status, e);
}

/* The watch of a long computation: its progress function (csat_progress_fn)
 * runs Python's signal handlers, so that Ctrl-C stops the computation
 * (KeyboardInterrupt), and then the caller's callable, if any, with (done,
 * total). Whatever either raises cancels the computation and is raised
 * again when the library has returned (csat_bind_watch_end). The library
 * calls it on the calling thread only, and -threads released the GIL
 * around the call: it takes the GIL back for its work. */
typedef struct csat_bind_watch {
    PyObject *fn;               /* borrowed: the argument, alive during the call; NULL for None */
    PyObject *type, *value, *traceback; /* what was raised, until raised again */
} csat_bind_watch;
#define CSAT_WATCH_INIT { NULL, NULL, NULL, NULL }

static int csat_bind_progress(void *data, uint64_t done, uint64_t total)
{
    csat_bind_watch *w = (csat_bind_watch *)data;
    int stop = 0;
    PyGILState_STATE gil = PyGILState_Ensure();
    if (PyErr_CheckSignals() < 0) {
        stop = 1;
    } else if (w->fn != NULL) {
        PyObject *r = PyObject_CallFunction(w->fn, "KK", (unsigned long long)done,
                                            (unsigned long long)total);
        stop = r == NULL;
        Py_XDECREF(r);
    }
    if (stop && w->type == NULL)
        PyErr_Fetch(&w->type, &w->value, &w->traceback);
    else if (stop)
        PyErr_Clear();
    PyGILState_Release(gil);
    return stop;
}

static int csat_bind_watch_start(PyObject *fn, csat_bind_watch *w)
{
    memset(w, 0, sizeof *w);
    if (fn != Py_None && !PyCallable_Check(fn)) {
        PyErr_Format(PyExc_TypeError, "progress must be callable (done, total) or None, not %.80s",
                     Py_TYPE(fn)->tp_name);
        return -1;
    }
    w->fn = fn == Py_None ? NULL : fn;
    return 0;
}

/* After the call: 0, or -1 with what the watch caught raised again. */
static int csat_bind_watch_end(csat_bind_watch *w)
{
    if (w->type == NULL)
        return 0;
    PyErr_Restore(w->type, w->value, w->traceback);
    w->type = w->value = w->traceback = NULL;
    return -1;
}

/* What was caught and not raised (an argument failed after the call). */
static void csat_bind_watch_free(csat_bind_watch *w)
{
    Py_XDECREF(w->type);
    Py_XDECREF(w->value);
    Py_XDECREF(w->traceback);
}
%}

%init %{
  csat_py_singular_error = PyErr_NewExceptionWithDoc(
      "csat.SingularError",
      "A singular or rank-deficient design: a constant driver or outcome, or a driver\n"
      "that is a linear combination of others (`column` is its 0-based index).",
      PyExc_ArithmeticError, NULL);
  if (csat_py_singular_error == NULL)
    return NULL;
  Py_INCREF(csat_py_singular_error);
  if (PyModule_AddObject(m, "SingularError", csat_py_singular_error) < 0) {
    Py_DECREF(csat_py_singular_error);
    return NULL;
  }
  csat_py_convergence_error = PyErr_NewExceptionWithDoc(
      "csat.ConvergenceError",
      "An iterative computation did not converge within its iterations: raking\n"
      "(csat.rake) that reached max_iter sweeps; the message gives the sweeps and the\n"
      "largest margin miss (`index` its category, `column` its margin variable).",
      PyExc_ArithmeticError, NULL);
  if (csat_py_convergence_error == NULL)
    return NULL;
  Py_INCREF(csat_py_convergence_error);
  if (PyModule_AddObject(m, "ConvergenceError", csat_py_convergence_error) < 0) {
    Py_DECREF(csat_py_convergence_error);
    return NULL;
  }
%}
#endif /* SWIGPYTHON */

/* ------------------------------------------------------------------------ */
/* 2. Primitive layer: Lua                                                   */

#if defined(SWIGLUA)
/* The one output step: VALUE values were pushed, returned with the others;
 * CSAT_NONE (the error value on the top of the stack) fails. A status alone
 * returns nothing. */
%define CSAT_APPEND(VALUE)
  {
    int n_ = (VALUE);
    if (n_ < 0)
      SWIG_fail;
    SWIG_arg += n_;
  }
%enddef
%define CSAT_NO_VALUE
%enddef

%{
#define CSAT_CTX L
#define CSAT_CTX_ARG lua_State *L
#define CSAT_NONE (-1)
#define CSAT_LANG(python, lua) lua
typedef int csat_obj;   /* an argument: its stack index, $input */
typedef int csat_val;   /* the number of values pushed; CSAT_NONE: the error value is on top */
typedef char csat_key;  /* unused: Lua interns every string itself */

/* An array argument, copied into userdata on the stack (freed by Lua). */
typedef struct csat_arr {
    int got;
    size_t n, k;
    double *data;
    const void *bytes;
} csat_arr;
#define CSAT_ARR_INIT { 0 }

static void csat_lua_index(lua_State *L, size_t i)
{
    if (i == CSAT_NO_INDEX)
        lua_pushnil(L);
    else
        lua_pushinteger(L, (lua_Integer)i);
}

/* The error value the module raises: a table {code, message, index,
 * column} (index and column 0-based as in C, nil when not applicable;
 * `binding` true for a Lua argument the binding refused before calling
 * the library). csat.lua turns it into its error object. */
static void csat_lua_push_error(lua_State *L, csat_status code, const char *message,
                                size_t index, size_t column, int binding)
{
    luaL_checkstack(L, 3, NULL);
    lua_createtable(L, 0, 5);
    lua_pushinteger(L, (lua_Integer)code);
    lua_setfield(L, -2, "code");
    lua_pushstring(L, message);
    lua_setfield(L, -2, "message");
    csat_lua_index(L, index);
    lua_setfield(L, -2, "index");
    csat_lua_index(L, column);
    lua_setfield(L, -2, "column");
    if (binding) {
        lua_pushboolean(L, 1);
        lua_setfield(L, -2, "binding");
    }
}

/* Replaces the message on the top of the stack by the error table of a
 * refused element (row index, column; 0-based, CSAT_NO_INDEX: none). */
static void csat_lua_bad_element(lua_State *L, size_t index, size_t column)
{
    csat_lua_push_error(L, CSAT_ERR_ARGUMENT, lua_tostring(L, -1), index, column, 1);
    lua_remove(L, -2);
}

/* Copy the numbers t[1..#t] of the table at idx into userdata left on the stack. */
static int csat_in_doubles(lua_State *L, csat_obj idx, const char *what, int optional, csat_arr *a)
{
    lua_Unsigned m, i;
    double *buf;
    if (optional && lua_isnil(L, idx))
        return 0;
    if (!lua_istable(L, idx)) {
        lua_pushfstring(L, "%s must be a table of numbers, not %s", what, luaL_typename(L, idx));
        return -1;
    }
    m = lua_rawlen(L, idx);
    if (m > (lua_Unsigned)(SIZE_MAX / sizeof(double))) {
        lua_pushfstring(L, "%s is too long", what);
        return -1;
    }
    luaL_checkstack(L, 3, NULL);
    buf = (double *)lua_newuserdatauv(L, m ? (size_t)m * sizeof(double) : 1, 0);
    for (i = 1; i <= m; i++) {
        int t = lua_rawgeti(L, idx, (lua_Integer)i);
        if (t != LUA_TNUMBER) {
            lua_pushfstring(L, "%s[%I] is not a number (%s)", what, (LUA_INTEGER)i,
                            lua_typename(L, t));
            csat_lua_bad_element(L, (size_t)(i - 1), CSAT_NO_INDEX);
            return -1;
        }
        buf[i - 1] = lua_tonumber(L, -1);
        lua_pop(L, 1);
    }
    a->data = buf;
    a->n = (size_t)m;
    return 0;
}

/* Copy a table of rows (each a table of k numbers) into a row-major matrix.
 * `what` names the argument ("items"), `unit` the numbers of a row
 * ("items") and `row` what a row holds ("item answers"). */
static int csat_in_matrix(lua_State *L, csat_obj idx, const char *what, const char *unit,
                          const char *row, csat_arr *a)
{
    lua_Unsigned n, k = 0, i, j;
    double *buf;
    if (!lua_istable(L, idx)) {
        lua_pushfstring(L, "%s must be a table of rows, not %s", what, luaL_typename(L, idx));
        return -1;
    }
    n = lua_rawlen(L, idx);
    luaL_checkstack(L, 4, NULL);
    if (n > 0) {
        if (lua_rawgeti(L, idx, 1) != LUA_TTABLE) {
            lua_pushfstring(L, "%s[1] is not a table (a row of %s)", what, row);
            csat_lua_bad_element(L, 0, CSAT_NO_INDEX);
            return -1;
        }
        k = lua_rawlen(L, -1);
        lua_pop(L, 1);
    }
    if (k > 0 && n > (lua_Unsigned)(SIZE_MAX / sizeof(double)) / k) {
        lua_pushfstring(L, "%s is too large", what);
        return -1;
    }
    buf = (double *)lua_newuserdatauv(L, n * k != 0 ? (size_t)(n * k) * sizeof(double) : 1, 0);
    for (i = 1; i <= n; i++) {
        if (lua_rawgeti(L, idx, (lua_Integer)i) != LUA_TTABLE) {
            lua_pushfstring(L, "%s[%I] is not a table", what, (LUA_INTEGER)i);
            csat_lua_bad_element(L, (size_t)(i - 1), CSAT_NO_INDEX);
            return -1;
        }
        if (lua_rawlen(L, -1) != k) {
            lua_pushfstring(L, "%s[%I] has %I %s, %s[1] has %I", what, (LUA_INTEGER)i,
                            (LUA_INTEGER)lua_rawlen(L, -1), unit, what, (LUA_INTEGER)k);
            csat_lua_bad_element(L, (size_t)(i - 1), CSAT_NO_INDEX);
            return -1;
        }
        for (j = 1; j <= k; j++) {
            int t = lua_rawgeti(L, -1, (lua_Integer)j);
            if (t != LUA_TNUMBER) {
                lua_pushfstring(L, "%s[%I][%I] is not a number (%s)", what, (LUA_INTEGER)i,
                                (LUA_INTEGER)j, lua_typename(L, t));
                csat_lua_bad_element(L, (size_t)(i - 1), (size_t)(j - 1));
                return -1;
            }
            buf[(i - 1) * k + (j - 1)] = lua_tonumber(L, -1);
            lua_pop(L, 1);
        }
        lua_pop(L, 1);
    }
    a->data = buf;
    a->n = (size_t)n;
    a->k = (size_t)k;
    return 0;
}

static int csat_in_bytes(lua_State *L, csat_obj idx, csat_arr *a)
{
    if (lua_type(L, idx) != LUA_TSTRING) {
        lua_pushfstring(L, "serialized data must be a string, not %s", luaL_typename(L, idx));
        return -1;
    }
    a->bytes = lua_tolstring(L, idx, &a->n);
    return 0;
}

/* Distribution outputs: the argument is the number of scale points; the
 * three arrays are userdata on the stack, returned as tables. */
static int csat_in_dist(lua_State *L, csat_obj idx, csat_arr *a)
{
    int ok = 0;
    lua_Integer m = lua_tointegerx(L, idx, &ok);
    if (!ok || m < 1 || (lua_Unsigned)m > (lua_Unsigned)(SIZE_MAX / (3 * sizeof(double)))) {
        lua_pushliteral(L, "the number of scale points must be a positive integer");
        return -1;
    }
    a->n = (size_t)m;
    a->data = (double *)lua_newuserdatauv(L, 3 * a->n * sizeof(double), 0);
    return 0;
}

static void csat_release(lua_State *L, csat_arr *a) { (void)a; }

/* Group codes in: a table of integers (each within int32) copied into
 * userdata on the stack; `bytes` points at it. */
static int csat_in_int32s(lua_State *L, csat_obj idx, const char *what, int optional, csat_arr *a)
{
    lua_Unsigned m, i;
    int32_t *buf;
    if (optional && lua_isnil(L, idx))
        return 0;
    if (!lua_istable(L, idx)) {
        lua_pushfstring(L, "%s must be a table of integers, not %s", what, luaL_typename(L, idx));
        return -1;
    }
    m = lua_rawlen(L, idx);
    if (m > (lua_Unsigned)(SIZE_MAX / sizeof(int32_t))) {
        lua_pushfstring(L, "%s is too long", what);
        return -1;
    }
    luaL_checkstack(L, 3, NULL);
    buf = (int32_t *)lua_newuserdatauv(L, m ? (size_t)m * sizeof(int32_t) : 1, 0);
    for (i = 1; i <= m; i++) {
        int ok = 0;
        int t = lua_rawgeti(L, idx, (lua_Integer)i);
        lua_Integer v = t == LUA_TNUMBER ? lua_tointegerx(L, -1, &ok) : 0;
        if (!ok || v < INT32_MIN || v > INT32_MAX) {
            lua_pushfstring(L, "%s[%I] is not a 32-bit integer (%s)", what, (LUA_INTEGER)i,
                            t == LUA_TNUMBER ? lua_tostring(L, -1) : lua_typename(L, t));
            csat_lua_bad_element(L, (size_t)(i - 1), CSAT_NO_INDEX);
            return -1;
        }
        buf[i - 1] = (int32_t)v;
        lua_pop(L, 1);
    }
    a->bytes = buf;
    a->n = (size_t)m;
    return 0;
}

/* Arrays the library fills (float64, or int32 with `int32`): the argument
 * is their number of elements; the array is userdata on the stack,
 * returned as a table by csat_out_fill. */
static int csat_in_fill(lua_State *L, csat_obj idx, const char *what, int int32, csat_arr *a)
{
    int ok = 0;
    size_t size = int32 ? sizeof(int32_t) : sizeof(double);
    lua_Integer m = lua_type(L, idx) == LUA_TNUMBER ? lua_tointegerx(L, idx, &ok) : 0;
    void *p;
    if (!ok || m < 0 || (lua_Unsigned)m > (lua_Unsigned)(SIZE_MAX / size)) {
        lua_pushfstring(L, "the length of %s must be a non-negative integer", what);
        return -1;
    }
    luaL_checkstack(L, 2, NULL);
    p = lua_newuserdatauv(L, m ? (size_t)m * size : 1, 0);
    if (int32)
        a->bytes = p;
    else
        a->data = (double *)p;
    a->n = (size_t)m;
    return 0;
}

static csat_val csat_out_doubles(lua_State *L, const double *a, size_t n);

static csat_val csat_out_fill(lua_State *L, const csat_arr *a, int int32)
{
    size_t i;
    if (!int32)
        return csat_out_doubles(L, a->data, a->n);
    luaL_checkstack(L, 3, NULL);
    lua_createtable(L, a->n > INT_MAX ? INT_MAX : (int)a->n, 0);
    for (i = 0; i < a->n; i++) {
        lua_pushinteger(L, (lua_Integer)((const int32_t *)a->bytes)[i]);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    return 1;
}

/* Scratch memory for count elements of size bytes: userdata left on the
 * stack (freed by Lua); NULL with the message on the top. */
static void *csat_scratch(lua_State *L, size_t count, size_t size, csat_arr *a)
{
    void *p;
    (void)a;
    if (count > SIZE_MAX / size) {
        lua_pushliteral(L, "too many results");
        return NULL;
    }
    luaL_checkstack(L, 2, NULL);
    p = lua_newuserdatauv(L, count ? count * size : 1, 0);
    memset(p, 0, count ? count * size : 1);
    return p;
}

static int csat_absent(lua_State *L, csat_obj idx) { return lua_isnil(L, idx); }

static csat_val csat_nil(lua_State *L)
{
    lua_pushnil(L);
    return 1;
}

/* Columns in: a table of tables keyed by field name. The column `key` is
 * pushed (its stack index kept) until csat_col_done removes it, wherever
 * it is then. */
typedef struct csat_col {
    int idx;
} csat_col;
#define CSAT_COL_INIT { 0 }

static int csat_in_column(lua_State *L, csat_obj o, const char *what, const char *key,
                          size_t *n, csat_col *c)
{
    size_t m;
    luaL_checkstack(L, 4, NULL);
    lua_getfield(L, o, key);
    c->idx = lua_gettop(L);
    if (!lua_istable(L, -1)) {
        lua_pushfstring(L, "%s has no column '%s' (a table of values)", what, key);
        return -1;
    }
    m = (size_t)lua_rawlen(L, -1);
    if (*n != (size_t)-1 && m != *n) {
        lua_pushfstring(L, "%s column '%s' has %I values, the others %I", what, key,
                        (LUA_INTEGER)m, (LUA_INTEGER)*n);
        return -1;
    }
    *n = m;
    return 0;
}

/* Element i of the column as a number (an integer: an integral one). */
static int csat_lua_col_number(lua_State *L, csat_col *c, size_t i, const char *what,
                               const char *key, lua_Number *num, lua_Integer *integer)
{
    int ok = 0;
    if (lua_rawgeti(L, c->idx, (lua_Integer)i + 1) != LUA_TNUMBER) {
        lua_pushfstring(L, "%s column '%s'[%I] is not a number", what, key, (LUA_INTEGER)i + 1);
        return -1;
    }
    if (num != NULL) {
        *num = lua_tonumber(L, -1);
        ok = 1;
    } else {
        *integer = lua_tointegerx(L, -1, &ok);
    }
    lua_pop(L, 1);
    if (!ok) {
        lua_pushfstring(L, "%s column '%s'[%I] must be an integer", what, key, (LUA_INTEGER)i + 1);
        return -1;
    }
    return 0;
}

static int csat_col_real(lua_State *L, csat_col *c, size_t i, const char *what, const char *key,
                         double *out)
{
    lua_Number v = 0;
    if (csat_lua_col_number(L, c, i, what, key, &v, NULL) < 0)
        return -1;
    *out = (double)v;
    return 0;
}

static int csat_col_count(lua_State *L, csat_col *c, size_t i, const char *what, const char *key,
                          size_t *out)
{
    lua_Integer v = 0;
    if (csat_lua_col_number(L, c, i, what, key, NULL, &v) < 0)
        return -1;
    *out = (size_t)v;   /* as csat_size pushed it: CSAT_NO_INDEX is -1 */
    return 0;
}

static int csat_col_int(lua_State *L, csat_col *c, size_t i, const char *what, const char *key,
                        int *out)
{
    lua_Integer v = 0;
    if (csat_lua_col_number(L, c, i, what, key, NULL, &v) < 0)
        return -1;
    if (v < INT_MIN || v > INT_MAX) {
        lua_pushfstring(L, "%s column '%s' is out of range", what, key);
        return -1;
    }
    *out = (int)v;
    return 0;
}

static void csat_col_done(lua_State *L, csat_col *c)
{
    if (c->idx != 0) {
        lua_remove(L, c->idx);
        c->idx = 0;
    }
}

static csat_val csat_num(lua_State *L, double v) { lua_pushnumber(L, (lua_Number)v); return 1; }
static csat_val csat_size(lua_State *L, size_t v) { lua_pushinteger(L, (lua_Integer)v); return 1; }
static csat_val csat_long(lua_State *L, long v) { lua_pushinteger(L, (lua_Integer)v); return 1; }

static csat_val csat_bytes(lua_State *L, const void *p, size_t n)
{
    lua_pushlstring(L, (const char *)p, n);
    return 1;
}

static csat_val csat_handle(lua_State *L, void *p, swig_type_info *type)
{
    SWIG_NewPointerObj(L, p, type, 1);
    return 1;
}

static csat_val csat_map_new(lua_State *L, int fields)
{
    luaL_checkstack(L, 4, NULL);
    lua_createtable(L, 0, fields);
    return 1;
}

/* The value on the top into the table under it. */
static int csat_map_put(lua_State *L, csat_val m, csat_key *key, const char *name, csat_val v)
{
    lua_setfield(L, -2, name);
    return 0;
}

static csat_val csat_list_new(lua_State *L, size_t n)
{
    luaL_checkstack(L, 4, NULL);
    lua_createtable(L, n > INT_MAX ? INT_MAX : (int)n, 0);
    return 1;
}

static int csat_list_put(lua_State *L, csat_val t, size_t i, csat_val v)
{
    lua_rawseti(L, -2, (lua_Integer)i + 1);
    return 0;
}

static void csat_drop(lua_State *L, csat_val v)
{
    if (v > 0)
        lua_pop(L, v);
}

/* Two values as two return values. */
static csat_val csat_pair(lua_State *L, csat_val a, csat_val b) { return a + b; }

static csat_val csat_out_doubles(lua_State *L, const double *a, size_t n);

/* The distribution's arrays: three tables. */
static csat_val csat_out_dist(lua_State *L, const double *counts, const double *weights,
                              const double *shares, size_t n)
{
    csat_out_doubles(L, counts, n);
    csat_out_doubles(L, weights, n);
    csat_out_doubles(L, shares, n);
    return 3;
}

/* Results in: a table keyed by the C field names. */
static int csat_in_map(lua_State *L, csat_obj idx, const char *what)
{
    if (!lua_istable(L, idx)) {
        lua_pushfstring(L, "%s must be a table, not %s", what, luaL_typename(L, idx));
        return -1;
    }
    luaL_checkstack(L, 3, NULL);
    return 0;
}

/* t[key] as a number (integer: an integral one, in *integer). */
static int csat_lua_field(lua_State *L, int idx, const char *what, const char *key,
                          lua_Number *num, lua_Integer *integer)
{
    int ok = 0;
    if (lua_getfield(L, idx, key) != LUA_TNUMBER) {
        lua_pushfstring(L, "%s has no number '%s'", what, key);
        return -1;
    }
    if (num != NULL) {
        *num = lua_tonumber(L, -1);
        ok = 1;
    } else {
        *integer = lua_tointegerx(L, -1, &ok);
    }
    lua_pop(L, 1);
    if (!ok) {
        lua_pushfstring(L, "%s field '%s' must be an integer", what, key);
        return -1;
    }
    return 0;
}

static int csat_in_real(lua_State *L, csat_obj idx, const char *what, const char *key, double *out)
{
    lua_Number v = 0;
    if (csat_lua_field(L, idx, what, key, &v, NULL) < 0)
        return -1;
    *out = (double)v;
    return 0;
}

static int csat_in_count(lua_State *L, csat_obj idx, const char *what, const char *key, size_t *out)
{
    lua_Integer v = 0;
    if (csat_lua_field(L, idx, what, key, NULL, &v) < 0)
        return -1;
    if (v < 0) {
        lua_pushfstring(L, "%s field '%s' must not be negative", what, key);
        return -1;
    }
    *out = (size_t)v;
    return 0;
}

static int csat_in_int(lua_State *L, csat_obj idx, const char *what, const char *key, int *out)
{
    lua_Integer v = 0;
    if (csat_lua_field(L, idx, what, key, NULL, &v) < 0)
        return -1;
    if (v < INT_MIN || v > INT_MAX) {
        lua_pushfstring(L, "%s field '%s' is out of range", what, key);
        return -1;
    }
    *out = (int)v;
    return 0;
}

/* Raise the library's error: its table on the top, for SWIG_fail. */
static csat_val csat_raise(lua_State *L, csat_status status, const csat_error *e)
{
    csat_lua_push_error(L, status, e->message[0] ? e->message : csat_strerror(status),
                        e->index, e->column, 0);
    return CSAT_NONE;
}

/* An error returned, not raised (csat_error *perr): nil, message, code,
 * index, column. */
static csat_val csat_failure(lua_State *L, csat_status status, const csat_error *e)
{
    luaL_checkstack(L, 5, NULL);
    lua_pushnil(L);
    lua_pushstring(L, e->message[0] ? e->message : csat_strerror(status));
    lua_pushinteger(L, (lua_Integer)status);
    csat_lua_index(L, e->index);
    csat_lua_index(L, e->column);
    return 5;
}

/* The watch of a long computation: its progress function (csat_progress_fn)
 * calls the caller's Lua function, if any, with (done, total) in protected
 * mode; an error from it (the interpreter's "interrupted!" on Ctrl-C
 * included) cancels the computation, and is raised again, as it was, when
 * the library has returned (csat_bind_watch_end). The error waits in the
 * registry under the watch's address: the library calls the function on
 * the calling thread only, inside this wrapper's call, so L's stack is the
 * wrapper's own. */
typedef struct csat_bind_watch {
    lua_State *L;
    int fn;                     /* stack index of the function, 0 for none */
    int failed;
} csat_bind_watch;

static int csat_bind_progress(void *data, uint64_t done, uint64_t total)
{
    csat_bind_watch *w = (csat_bind_watch *)data;
    lua_State *L = w->L;
    if (w->fn == 0)
        return 0;
    if (!lua_checkstack(L, 3)) {  /* never luaL_checkstack: no longjmp through the library */
        w->failed = -1;
        return 1;
    }
    lua_pushvalue(L, w->fn);
    lua_pushinteger(L, (lua_Integer)done);
    lua_pushinteger(L, (lua_Integer)total);
    if (lua_pcall(L, 2, 0, 0) != LUA_OK) {
        lua_rawsetp(L, LUA_REGISTRYINDEX, w);
        w->failed = 1;
        return 1;
    }
    return 0;
}

static int csat_lua_isprogress(lua_State *L, int idx)
{
    if (lua_isnoneornil(L, idx) || lua_isfunction(L, idx))
        return 1;
    if (luaL_getmetafield(L, idx, "__call") == LUA_TNIL)
        return 0;
    lua_pop(L, 1);
    return 1;
}

static void csat_bind_watch_start(lua_State *L, int idx, csat_bind_watch *w)
{
    w->L = L;
    w->fn = lua_isnoneornil(L, idx) ? 0 : lua_absindex(L, idx);
    w->failed = 0;
}

/* After the call: 0, or -1 with the function's error on the top. */
static int csat_bind_watch_end(lua_State *L, csat_bind_watch *w)
{
    if (w->failed == 0)
        return 0;
    if (w->failed < 0) {
        lua_pushstring(L, "progress: no room on the Lua stack to call the progress function");
    } else {
        lua_rawgetp(L, LUA_REGISTRYINDEX, w);
        lua_pushnil(L);
        lua_rawsetp(L, LUA_REGISTRYINDEX, w);
    }
    w->failed = 0;
    return -1;
}

static void csat_bind_watch_free(csat_bind_watch *w) { (void)w; }

/* Scalar arguments. An integer: a number with an integral value within
 * int's range (never truncated: Lua's default would cut 9.5 to 9). */
static int csat_lua_int(lua_State *L, int idx, int *out)
{
    int ok = 0;
    lua_Integer v = lua_type(L, idx) == LUA_TNUMBER ? lua_tointegerx(L, idx, &ok) : 0;
    if (!ok || v < INT_MIN || v > INT_MAX) {
        lua_pushfstring(L, "expected an integer, got %s", luaL_tolstring(L, idx, NULL));
        return -1;
    }
    *out = (int)v;
    return 0;
}

/* A count or index, or a seed (Lua integers reach 2^63 - 1): an integral
 * number >= 0 up to `max`. */
static int csat_lua_unsigned(lua_State *L, int idx, lua_Unsigned max, lua_Unsigned *out)
{
    int ok = 0;
    lua_Integer v = lua_type(L, idx) == LUA_TNUMBER ? lua_tointegerx(L, idx, &ok) : 0;
    if (!ok || v < 0 || (lua_Unsigned)v > max) {
        lua_pushfstring(L, "expected a non-negative integer, got %s", luaL_tolstring(L, idx, NULL));
        return -1;
    }
    *out = (lua_Unsigned)v;
    return 0;
}

/* A real argument or option field: a Lua number only (lua_isnumber would
 * also take a string that converts, "0.9"). An enumeration value: a number
 * with an integral value. */
static int csat_lua_isreal(lua_State *L, int idx)
{
    return lua_type(L, idx) == LUA_TNUMBER;
}

static int csat_lua_isenum(lua_State *L, int idx)
{
    int ok = 0;
    if (lua_type(L, idx) == LUA_TNUMBER)
        (void)lua_tointegerx(L, idx, &ok);
    return ok;
}
%}

/* Lua's scalars: integers stay Lua integers (SWIG's default returns
 * floats) and are checked, never truncated; reals and enumerations are
 * numbers, never strings that convert. */
%typemap(out) int, unsigned, size_t, uint64_t "lua_pushinteger(L, (lua_Integer)$1); SWIG_arg++;"
%typemap(in) int {
  if (csat_lua_int(L, $input, &$1) < 0)
    SWIG_fail;
}
%typemap(in) size_t (lua_Unsigned v = 0), uint64_t (lua_Unsigned v = 0) {
  if (csat_lua_unsigned(L, $input, (lua_Unsigned)($1_ltype)-1, &v) < 0)
    SWIG_fail;
  $1 = ($1_ltype)v;
}
%typemap(in, checkfn="csat_lua_isreal") double "$1 = (double)lua_tonumber(L, $input);"
%typemap(in, checkfn="csat_lua_isenum") enum SWIGTYPE "$1 = ($type)lua_tointeger(L, $input);"
#endif /* SWIGLUA */

/* ------------------------------------------------------------------------ */
/* 3. Shared: the converters, written once over the primitives.             */

%{
/* struct -> dict / table: csat_out_<kind>(CSAT_CTX, &r). */
#define CSAT_PUT_(f, v)                                                               \
    {                                                                                 \
        static csat_key key_;                                                         \
        if (csat_map_put(CSAT_CTX, m, &key_, #f, v) < 0)                              \
            goto fail;                                                                \
    }
#define CSAT_OUT_D(f) CSAT_PUT_(f, csat_num(CSAT_CTX, r->f))
#define CSAT_OUT_Z(f) CSAT_PUT_(f, csat_size(CSAT_CTX, r->f))
#define CSAT_OUT_I(f) CSAT_PUT_(f, csat_long(CSAT_CTX, (long)r->f))
#define CSAT_OUT_E(f, T) CSAT_OUT_I(f)
#define CSAT_OUT_(kind, type, FIELDS)                                                 \
    static csat_val csat_out_##kind(CSAT_CTX_ARG, const type *r)                      \
    {                                                                                 \
        csat_val m = csat_map_new(CSAT_CTX, 16);                                      \
        if (m == CSAT_NONE)                                                           \
            return CSAT_NONE;                                                         \
        FIELDS(CSAT_OUT_D, CSAT_OUT_Z, CSAT_OUT_I, CSAT_OUT_E)                        \
        return m;                                                                     \
    fail:                                                                             \
        csat_drop(CSAT_CTX, m);                                                       \
        return CSAT_NONE;                                                             \
    }
CSAT_RESULTS(CSAT_OUT_)

/* An array as a tuple / table: csat_out_doubles, _ints, _sizes, and
 * csat_out_list_<kind> (one dict / table per struct). */
#define CSAT_OUT_ARRAY_(name, type, value)                                            \
    static csat_val name(CSAT_CTX_ARG, const type *a, size_t n)                       \
    {                                                                                 \
        size_t i;                                                                     \
        csat_val t = csat_list_new(CSAT_CTX, n);                                      \
        for (i = 0; t != CSAT_NONE && i < n; i++)                                     \
            if (csat_list_put(CSAT_CTX, t, i, value) < 0) {                           \
                csat_drop(CSAT_CTX, t);                                               \
                return CSAT_NONE;                                                     \
            }                                                                         \
        return t;                                                                     \
    }
CSAT_OUT_ARRAY_(csat_out_doubles, double, csat_num(CSAT_CTX, a[i]))
CSAT_OUT_ARRAY_(csat_out_ints, int, csat_long(CSAT_CTX, a[i]))
CSAT_OUT_ARRAY_(csat_out_sizes, size_t, csat_size(CSAT_CTX, a[i]))
#define CSAT_OUT_LIST_(kind, type, FIELDS)                                            \
    CSAT_OUT_ARRAY_(csat_out_list_##kind, type, csat_out_##kind(CSAT_CTX, &a[i]))
CSAT_RESULTS(CSAT_OUT_LIST_)

/* An array of structs as columns, one tuple / table per field keyed by its
 * name: csat_out_columns_<kind>. */
#define CSAT_COL_(f, value)                                                           \
    {                                                                                 \
        static csat_key key_;                                                         \
        size_t i;                                                                     \
        csat_val c = csat_list_new(CSAT_CTX, n);                                      \
        for (i = 0; c != CSAT_NONE && i < n; i++)                                     \
            if (csat_list_put(CSAT_CTX, c, i, value) < 0) {                           \
                csat_drop(CSAT_CTX, c);                                               \
                c = CSAT_NONE;                                                        \
            }                                                                         \
        if (csat_map_put(CSAT_CTX, m, &key_, #f, c) < 0)                              \
            goto fail;                                                                \
    }
#define CSAT_COL_D(f) CSAT_COL_(f, csat_num(CSAT_CTX, a[i].f))
#define CSAT_COL_Z(f) CSAT_COL_(f, csat_size(CSAT_CTX, a[i].f))
#define CSAT_COL_I(f) CSAT_COL_(f, csat_long(CSAT_CTX, (long)a[i].f))
#define CSAT_COL_E(f, T) CSAT_COL_I(f)
#define CSAT_OUT_COLUMNS_(kind, type, FIELDS)                                         \
    static csat_val csat_out_columns_##kind(CSAT_CTX_ARG, const type *a, size_t n)    \
    {                                                                                 \
        csat_val m = csat_map_new(CSAT_CTX, 16);                                      \
        if (m == CSAT_NONE)                                                           \
            return CSAT_NONE;                                                         \
        FIELDS(CSAT_COL_D, CSAT_COL_Z, CSAT_COL_I, CSAT_COL_E)                        \
        return m;                                                                     \
    fail:                                                                             \
        csat_drop(CSAT_CTX, m);                                                       \
        return CSAT_NONE;                                                             \
    }
CSAT_RESULTS(CSAT_OUT_COLUMNS_)

/* dict / table -> struct: csat_in_<kind>(CSAT_CTX, $input, what, &r). */
#define CSAT_IN_D(f)                                                                  \
    if (csat_in_real(CSAT_CTX, o, what, #f, &r->f) < 0)                               \
        return -1;
#define CSAT_IN_Z(f)                                                                  \
    if (csat_in_count(CSAT_CTX, o, what, #f, &r->f) < 0)                              \
        return -1;
#define CSAT_IN_E(f, T)                                                               \
    {                                                                                 \
        int v_ = 0;                                                                   \
        if (csat_in_int(CSAT_CTX, o, what, #f, &v_) < 0)                              \
            return -1;                                                                \
        r->f = (T)v_;                                                                 \
    }
#define CSAT_IN_I(f) CSAT_IN_E(f, long)
#define CSAT_IN_(kind, type, FIELDS)                                                  \
    static int csat_in_##kind(CSAT_CTX_ARG, csat_obj o, const char *what, type *r)    \
    {                                                                                 \
        if (csat_in_map(CSAT_CTX, o, what) < 0)                                       \
            return -1;                                                                \
        FIELDS(CSAT_IN_D, CSAT_IN_Z, CSAT_IN_I, CSAT_IN_E)                            \
        return 0;                                                                     \
    }
CSAT_RESULTS(CSAT_IN_)

/* columns -> array of structs (the results of many groups, given back as
 * csat_out_columns_<kind> gave them): csat_in_columns_<kind>(CSAT_CTX,
 * $input, what, &arr, &r, &n) reads every field's column, all of one
 * length n, into n structs (each with its size) in scratch memory held by
 * arr. */
#define CSAT_INCOL_FIELD_(f, READ)                                                    \
    if (csat_in_column(CSAT_CTX, o, what, #f, n, &c_) < 0)                            \
        goto fail_;                                                                   \
    if (*r == NULL) {                                                                 \
        *r = csat_scratch(CSAT_CTX, *n, sizeof **r, a);                               \
        if (*r == NULL)                                                               \
            goto fail_;                                                               \
        for (i_ = 0; i_ < *n; i_++)                                                   \
            (*r)[i_].size = sizeof **r;                                               \
    }                                                                                 \
    for (i_ = 0; i_ < *n; i_++) {                                                     \
        READ                                                                          \
    }                                                                                 \
    csat_col_done(CSAT_CTX, &c_);
#define CSAT_INCOL_D(f)                                                               \
    CSAT_INCOL_FIELD_(f, if (csat_col_real(CSAT_CTX, &c_, i_, what, #f, &(*r)[i_].f) < 0) \
                             goto fail_;)
#define CSAT_INCOL_Z(f)                                                               \
    CSAT_INCOL_FIELD_(f, if (csat_col_count(CSAT_CTX, &c_, i_, what, #f, &(*r)[i_].f) < 0) \
                             goto fail_;)
#define CSAT_INCOL_E(f, T)                                                            \
    CSAT_INCOL_FIELD_(f, int v_ = 0;                                                  \
                      if (csat_col_int(CSAT_CTX, &c_, i_, what, #f, &v_) < 0)         \
                          goto fail_;                                                 \
                      (*r)[i_].f = (T)v_;)
#define CSAT_INCOL_I(f) CSAT_INCOL_E(f, long)
#define CSAT_INCOLUMNS_(kind, type, FIELDS)                                           \
    static int csat_in_columns_##kind(CSAT_CTX_ARG, csat_obj o, const char *what,     \
                                      csat_arr *a, type **r, size_t *n)               \
    {                                                                                 \
        csat_col c_ = CSAT_COL_INIT;                                                  \
        size_t i_;                                                                    \
        *r = NULL;                                                                    \
        *n = (size_t)-1;                                                              \
        if (csat_in_map(CSAT_CTX, o, what) < 0)                                       \
            return -1;                                                                \
        FIELDS(CSAT_INCOL_D, CSAT_INCOL_Z, CSAT_INCOL_I, CSAT_INCOL_E)                \
        return 0;                                                                     \
    fail_:                                                                            \
        csat_col_done(CSAT_CTX, &c_);                                                 \
        return -1;                                                                    \
    }
CSAT_RESULTS(CSAT_INCOLUMNS_)

/* A pair of ints: a tuple in Python, two values in Lua. */
static csat_val csat_out_range(CSAT_CTX_ARG, int lo, int hi)
{
    csat_val a = csat_long(CSAT_CTX, lo);
    csat_val b = csat_long(CSAT_CTX, hi);
    return csat_pair(CSAT_CTX, a, b);
}

/* Results of several structs, one dict / table: CES {effort, low_effort};
 * reviews, the reviews fields with {rating, positive}. */
static csat_val csat_out_ces(CSAT_CTX_ARG, const csat_mean_result *effort,
                             const csat_share_result *low_effort)
{
    static csat_key k_effort, k_low_effort;
    csat_val m = csat_map_new(CSAT_CTX, 2);
    if (m != CSAT_NONE &&
        (csat_map_put(CSAT_CTX, m, &k_effort, "effort",
                      csat_out_mean_result(CSAT_CTX, effort)) < 0 ||
         csat_map_put(CSAT_CTX, m, &k_low_effort, "low_effort",
                      csat_out_share_result(CSAT_CTX, low_effort)) < 0)) {
        csat_drop(CSAT_CTX, m);
        return CSAT_NONE;
    }
    return m;
}

/* CES of many groups: {effort = columns, low_effort = columns}. */
static csat_val csat_out_ces_columns(CSAT_CTX_ARG, const csat_mean_result *effort,
                                     const csat_share_result *low_effort, size_t n)
{
    static csat_key k_effort, k_low_effort;
    csat_val m = csat_map_new(CSAT_CTX, 2);
    if (m != CSAT_NONE &&
        (csat_map_put(CSAT_CTX, m, &k_effort, "effort",
                      csat_out_columns_mean_result(CSAT_CTX, effort, n)) < 0 ||
         csat_map_put(CSAT_CTX, m, &k_low_effort, "low_effort",
                      csat_out_columns_share_result(CSAT_CTX, low_effort, n)) < 0)) {
        csat_drop(CSAT_CTX, m);
        return CSAT_NONE;
    }
    return m;
}

static csat_val csat_out_reviews(CSAT_CTX_ARG, const csat_reviews_result *r,
                                 const csat_mean_result *rating,
                                 const csat_share_result *positive)
{
    static csat_key k_rating, k_positive;
    csat_val m = csat_out_reviews_result(CSAT_CTX, r);
    if (m != CSAT_NONE &&
        (csat_map_put(CSAT_CTX, m, &k_rating, "rating",
                      csat_out_mean_result(CSAT_CTX, rating)) < 0 ||
         csat_map_put(CSAT_CTX, m, &k_positive, "positive",
                      csat_out_share_result(CSAT_CTX, positive)) < 0)) {
        csat_drop(CSAT_CTX, m);
        return CSAT_NONE;
    }
    return m;
}
%}

/* ------------------------------------------------------------------------ */
/* 3. Shared: every typemap, once.                                           */

%typemap(out) csat_status { CSAT_NO_VALUE }

/* Errors: raised (err), or in Lua returned as values (perr). */
%typemap(in, numinputs=0) csat_error *err (csat_error temp), csat_error *perr (csat_error temp) {
  memset(&temp, 0, sizeof temp);
  $1 = &temp;
}
%typemap(argout) csat_error *err {
  if (result != CSAT_OK)
    CSAT_APPEND(csat_raise(CSAT_CTX, result, $1));
}
%typemap(argout) csat_error *perr {
  if (result != CSAT_OK)
    CSAT_APPEND(csat_failure(CSAT_CTX, result, $1));
}

/* The watch of a long computation (csat_bind_watch): the caller's progress
 * callable / function, or None / nil; it must come before `err`, so that
 * what it caught is raised rather than the library's "cancelled". */
#if defined(SWIGPYTHON)
%typemap(in) csat_bind_watch *watch (csat_bind_watch temp = CSAT_WATCH_INIT) {
  if (csat_bind_watch_start($input, &temp) < 0)
    SWIG_fail;
  $1 = &temp;
}
%typemap(argout) csat_bind_watch *watch {
  if (csat_bind_watch_end($1) < 0) {
    Py_XDECREF($result);
    $result = NULL;
    SWIG_fail;
  }
}
%typemap(freearg) csat_bind_watch *watch "csat_bind_watch_free(&temp$argnum);"
#else
%typemap(in, checkfn="csat_lua_isprogress") csat_bind_watch *watch (csat_bind_watch temp) {
  csat_bind_watch_start(L, $input, &temp);
  $1 = &temp;
}
%typemap(argout) csat_bind_watch *watch {
  if (csat_bind_watch_end(L, $1) < 0)
    SWIG_fail;
}
#endif

/* Arrays in: required or optional (None / nil is NULL), named in messages. */
%define CSAT_ARRAY_IN(PARMS, WHAT, OPTIONAL)
%typemap(in) PARMS (csat_arr arr = CSAT_ARR_INIT) {
  if (csat_in_doubles(CSAT_CTX, $input, WHAT, OPTIONAL, &arr) < 0)
    SWIG_fail;
  $1 = ($1_ltype)arr.data;
  $2 = arr.n;
}
%typemap(freearg) PARMS "csat_release(CSAT_CTX, &arr$argnum);"
%enddef
CSAT_ARRAY_IN((const double *x, size_t n), "values", 0)
CSAT_ARRAY_IN((const double *w, size_t nw), "weights", 1)
CSAT_ARRAY_IN((const double *ARRAY, size_t NARRAY), "$1_name", 0)
CSAT_ARRAY_IN((const double *OPTARRAY, size_t NOPTARRAY), "$1_name", 1)

/* Matrices in: rows × columns, ld = columns. */
%define CSAT_MATRIX_IN(PARMS, WHAT, UNIT, ROW)
%typemap(in) PARMS (csat_arr arr = CSAT_ARR_INIT) {
  if (csat_in_matrix(CSAT_CTX, $input, WHAT, UNIT, ROW, &arr) < 0)
    SWIG_fail;
  $1 = ($1_ltype)arr.data;
  $2 = arr.n;
  $3 = arr.k;
  $4 = arr.k;
}
%typemap(freearg) PARMS "csat_release(CSAT_CTX, &arr$argnum);"
%enddef
CSAT_MATRIX_IN((const double *x, size_t n, size_t k, size_t ld), "items", "items", "item answers")
CSAT_MATRIX_IN((const double *x, size_t n, size_t p, size_t ld), CSAT_LANG("X", "rows"), "values",
               "driver values")
CSAT_MATRIX_IN((const double *MATRIX, size_t MROWS, size_t MCOLS, size_t MLD), "$1_name", "values",
               "values")

/* Serialized bytes in. */
%typemap(in) (const void *buf, size_t len) (csat_arr arr = CSAT_ARR_INIT) {
  if (csat_in_bytes(CSAT_CTX, $input, &arr) < 0)
    SWIG_fail;
  $1 = ($1_ltype)arr.bytes;
  $2 = arr.n;
}
%typemap(freearg) (const void *buf, size_t len) "csat_release(CSAT_CTX, &arr$argnum);"

/* Distribution outputs: counts, weights and shares of len points each. */
%typemap(in) (double *counts, double *weights, double *shares, size_t len) (csat_arr arr = CSAT_ARR_INIT) {
  if (csat_in_dist(CSAT_CTX, $input, &arr) < 0)
    SWIG_fail;
  $4 = arr.n;
  $1 = arr.data;
  $2 = $1 + $4;
  $3 = $2 + $4;
}
%typemap(argout) (double *counts, double *weights, double *shares, size_t len) {
  if (result == CSAT_OK)
    CSAT_APPEND(csat_out_dist(CSAT_CTX, $1, $2, $3, $4));
}
%typemap(freearg) (double *counts, double *weights, double *shares, size_t len)
  "csat_release(CSAT_CTX, &arr$argnum);"

/* Arrays a wrapper allocates with malloc: returned, then freed. */
%define CSAT_ALLOCATED_OUT(ELEM, PARMS, CONVERT)
%typemap(in, numinputs=0) PARMS (ELEM *buf = NULL, size_t len = 0) {
  $1 = &buf;
  $2 = &len;
}
%typemap(argout) PARMS {
  if (result == CSAT_OK)
    CSAT_APPEND(CONVERT(CSAT_CTX, *$1, *$2));
}
%typemap(freearg) PARMS "if ($1) free(*$1);"
%enddef
CSAT_ALLOCATED_OUT(double, (double **vals, size_t *nvals), csat_out_doubles)
CSAT_ALLOCATED_OUT(int, (int **ivals, size_t *nivals), csat_out_ints)
CSAT_ALLOCATED_OUT(size_t, (size_t **zvals, size_t *nzvals), csat_out_sizes)
CSAT_ALLOCATED_OUT(void, (void **bytes, size_t *nbytes), csat_bytes)
CSAT_ALLOCATED_OUT(csat_comparison, (csat_comparison **cmps, size_t *ncmps),
                   csat_out_list_comparison)
CSAT_ALLOCATED_OUT(csat_category_count, (csat_category_count **cats, size_t *ncats),
                   csat_out_list_category_count)
CSAT_ALLOCATED_OUT(csat_survival_point, (csat_survival_point **steps, size_t *nsteps),
                   csat_out_columns_survival_point)

/* Scores by group. Group codes in: Python, a C-contiguous int32 buffer used
 * in place; Lua, a table of integers (copied). Their number must equal the
 * answers' (checked by the csat_bind_* function). Flags given back to a
 * comparison travel the same way (None / nil: none flagged). */
%define CSAT_CODES_IN(PARMS, WHAT, OPTIONAL)
%typemap(in) PARMS (csat_arr arr = CSAT_ARR_INIT) {
  if (csat_in_int32s(CSAT_CTX, $input, WHAT, OPTIONAL, &arr) < 0)
    SWIG_fail;
  $1 = ($1_ltype)arr.bytes;
  $2 = arr.n;
}
%typemap(freearg) PARMS "csat_release(CSAT_CTX, &arr$argnum);"
%enddef
CSAT_CODES_IN((const int32_t *g, size_t ng), "group codes", 0)
CSAT_CODES_IN((const int32_t *flags, size_t nflags), "flags", 1)
/* Designs: stratum and cluster codes (None / nil: none); raking: the codes
 * of every margin variable, one array after the other, and the number of
 * categories of each. */
CSAT_CODES_IN((const int32_t *strata, size_t nstrata), "strata", 1)
CSAT_CODES_IN((const int32_t *clusters, size_t nclusters), "clusters", 1)
CSAT_CODES_IN((const int32_t *codes, size_t ncodes), "category codes", 0)
CSAT_CODES_IN((const int32_t *categories, size_t ncategories), "categories", 0)

/* Arrays the library fills, n elements: Python, a writable buffer of
 * float64 (int32 for codes) filled in place (nothing returned for it);
 * Lua, the number n, and a table returned. */
%define CSAT_FILL(PARMS, WHAT, INT32)
%typemap(in) PARMS (csat_arr arr = CSAT_ARR_INIT) {
  if (csat_in_fill(CSAT_CTX, $input, WHAT, INT32, &arr) < 0)
    SWIG_fail;
  $1 = ($1_ltype)(INT32 ? (void *)arr.bytes : (void *)arr.data);
  $2 = arr.n;
}
%typemap(argout) PARMS {
  if (result == CSAT_OK)
    CSAT_APPEND(csat_out_fill(CSAT_CTX, &arr$argnum, INT32));
}
%typemap(freearg) PARMS "csat_release(CSAT_CTX, &arr$argnum);"
%enddef
CSAT_FILL((double *FILL, size_t NFILL), "out", 0)
CSAT_FILL((int32_t *FILL32, size_t NFILL32), "out", 1)
%apply (int32_t *FILL32, size_t NFILL32) { (int32_t *codes, size_t n) };
%apply (double *FILL, size_t NFILL) { (double *w, size_t n), (double *raked, size_t nraked),
                                      (double *columns, size_t ncolumns) };

/* The results of G groups out, as columns keyed by field name (one tuple /
 * table per field; csat_out_columns_<kind>), and back in as they came out
 * (csat_in_columns_<kind>; None / nil for an optional one). */
%define CSAT_COLUMNS(KIND, WHAT)
CSAT_ALLOCATED_OUT(csat_##KIND, (csat_##KIND **rows, size_t *nrows), csat_out_columns_##KIND)
%typemap(in) (const csat_##KIND *COLUMNS, size_t NCOLUMNS)
    (csat_arr arr = CSAT_ARR_INIT, csat_##KIND *cols = NULL, size_t ncols = 0) {
  if (!csat_absent(CSAT_CTX, $input) &&
      csat_in_columns_##KIND(CSAT_CTX, $input, WHAT, &arr, &cols, &ncols) < 0)
    SWIG_fail;
  $1 = cols;
  $2 = ncols;
}
%typemap(freearg) (const csat_##KIND *COLUMNS, size_t NCOLUMNS)
  "csat_release(CSAT_CTX, &arr$argnum);"
%enddef
CSAT_COLUMNS(nps_result, "NPS results")
CSAT_COLUMNS(share_result, "share results")
CSAT_COLUMNS(mean_result, "mean results")
CSAT_COLUMNS(sample, "samples")
CSAT_COLUMNS(group_comparison, "comparisons")
CSAT_COLUMNS(track_point, "tracking points")

/* CES of G groups: {effort = columns, low_effort = columns}. */
%typemap(in, numinputs=0)
    (csat_mean_result **effort_rows, csat_share_result **low_rows, size_t *nrows)
    (csat_mean_result *e = NULL, csat_share_result *s = NULL, size_t len = 0) {
  $1 = &e;
  $2 = &s;
  $3 = &len;
}
%typemap(argout) (csat_mean_result **effort_rows, csat_share_result **low_rows, size_t *nrows) {
  if (result == CSAT_OK)
    CSAT_APPEND(csat_out_ces_columns(CSAT_CTX, *$1, *$2, *$3));
}
%typemap(freearg) (csat_mean_result **effort_rows, csat_share_result **low_rows, size_t *nrows) {
  if ($1) free(*$1);
  if ($2) free(*$2);
}

/* The trend of a tracking table: a dict / table, or None / nil when fewer
 * than 2 periods can give one (the wrapper leaves its size 0). */
%typemap(in, numinputs=0) csat_trend_result *trend (csat_trend_result temp) {
  memset(&temp, 0, sizeof temp);
  temp.size = sizeof temp;
  $1 = &temp;
}
%typemap(argout) csat_trend_result *trend {
  if (result == CSAT_OK)
    CSAT_APPEND($1->size != 0 ? csat_out_trend_result(CSAT_CTX, $1) : csat_nil(CSAT_CTX));
}

/* Scalars out: a count, a number, a pair of ints. */
%define CSAT_SCALAR_OUT(TYPE, NAME, CONVERT)
%typemap(in, numinputs=0) TYPE *NAME (TYPE temp = 0) "$1 = &temp;"
%typemap(argout) TYPE *NAME {
  if (result == CSAT_OK)
    CSAT_APPEND(CONVERT(CSAT_CTX, *$1));
}
%enddef
CSAT_SCALAR_OUT(size_t, count, csat_size)
CSAT_SCALAR_OUT(double, out, csat_num)

%typemap(in, numinputs=0) (int *min, int *max) (int lo = 0, int hi = 0) {
  $1 = &lo;
  $2 = &hi;
}
%typemap(argout) (int *min, int *max) {
  if (result == CSAT_OK)
    CSAT_APPEND(csat_out_range(CSAT_CTX, *$1, *$2));
}

/* Result structs out (given to the library with their size) and in. */
%define CSAT_RESULT_OUT(KIND)
%typemap(in, numinputs=0) csat_##KIND *out (csat_##KIND temp) {
  memset(&temp, 0, sizeof temp);
  temp.size = sizeof temp;
  $1 = &temp;
}
%typemap(argout) csat_##KIND *out {
  if (result == CSAT_OK)
    CSAT_APPEND(csat_out_##KIND(CSAT_CTX, $1));
}
%enddef
%define CSAT_RESULT_IN(KIND, WHAT)
%typemap(in) const csat_##KIND * (csat_##KIND temp) {
  memset(&temp, 0, sizeof temp);
  if (csat_in_##KIND(CSAT_CTX, $input, WHAT, &temp) < 0)
    SWIG_fail;
  temp.size = sizeof temp;
  $1 = &temp;
}
%enddef
CSAT_RESULT_OUT(sample)
CSAT_RESULT_OUT(nps_result)
CSAT_RESULT_OUT(share_result)
CSAT_RESULT_OUT(mean_result)
CSAT_RESULT_OUT(point)
CSAT_RESULT_OUT(model_summary)
CSAT_RESULT_OUT(coefficient)
CSAT_RESULT_OUT(driver_info)
CSAT_RESULT_OUT(comparison)
CSAT_RESULT_OUT(trend_result)
CSAT_RESULT_OUT(rank_result)
CSAT_RESULT_OUT(retention_result)
CSAT_RESULT_OUT(survival_point)
CSAT_RESULT_OUT(curve_summary)
CSAT_RESULT_OUT(rate_result)
CSAT_RESULT_OUT(resolution_result)
CSAT_RESULT_OUT(design_info)
CSAT_RESULT_OUT(rake_result)
CSAT_RESULT_OUT(work)
/* How raking ended, out with the raked weights. */
%apply csat_rake_result *out { csat_rake_result *info };
CSAT_RESULT_IN(nps_result, "an NPS result")
CSAT_RESULT_IN(share_result, "a share result")
CSAT_RESULT_IN(mean_result, "a mean result")
/* A sample described by the name `sample` (complaints). */
%apply csat_sample *out { csat_sample *sample };

/* CES: the mean effort and the low-effort share, one dict / table. */
%typemap(in, numinputs=0) (csat_mean_result *effort, csat_share_result *low_effort)
    (csat_mean_result e, csat_share_result s) {
  memset(&e, 0, sizeof e);
  e.size = sizeof e;
  memset(&s, 0, sizeof s);
  s.size = sizeof s;
  $1 = &e;
  $2 = &s;
}
%typemap(argout) (csat_mean_result *effort, csat_share_result *low_effort) {
  if (result == CSAT_OK)
    CSAT_APPEND(csat_out_ces(CSAT_CTX, $1, $2));
}

/* Reviews: the summary, the mean rating and the positive share, one dict /
 * table. */
%typemap(in, numinputs=0) (csat_reviews_result *out, csat_mean_result *rating, csat_share_result *positive)
    (csat_reviews_result r, csat_mean_result m, csat_share_result s) {
  memset(&r, 0, sizeof r);
  r.size = sizeof r;
  memset(&m, 0, sizeof m);
  m.size = sizeof m;
  memset(&s, 0, sizeof s);
  s.size = sizeof s;
  $1 = &r;
  $2 = &m;
  $3 = &s;
}
%typemap(argout) (csat_reviews_result *out, csat_mean_result *rating, csat_share_result *positive) {
  if (result == CSAT_OK)
    CSAT_APPEND(csat_out_reviews(CSAT_CTX, $1, $2, $3));
}

/* Handles: a class with the library's free as destructor, returned owned
 * by the garbage collector (and freed here if that fails). Freed by their
 * owner objects only. */
%define CSAT_HANDLE(TYPE, FREE)
%typemap(in, numinputs=0) TYPE **out (TYPE *temp = NULL) "$1 = &temp;"
%typemap(argout) TYPE **out {
  if (result == CSAT_OK) {
    csat_val h_ = csat_handle(CSAT_CTX, *$1, $descriptor(TYPE *));
    if (h_ == CSAT_NONE)
      FREE(*$1);
    CSAT_APPEND(h_);
  }
}
%ignore FREE;
%nodefaultctor TYPE;
struct TYPE {};
%extend TYPE {
  ~TYPE() { FREE($self); }
}
%enddef
CSAT_HANDLE(csat_tally, csat_tally_free)
CSAT_HANDLE(csat_moments, csat_moments_free)
CSAT_HANDLE(csat_xprod, csat_xprod_free)
CSAT_HANDLE(csat_drivers, csat_drivers_free)
CSAT_HANDLE(csat_survival, csat_survival_free)
CSAT_HANDLE(csat_grouped, csat_grouped_free)
CSAT_HANDLE(csat_design, csat_design_free)

#if defined(SWIGLUA)
%{
/* Lua: add the numbers of the table at 2 (and the weights of the table at
 * 3, or nil) to the tally at 1, read from the tables a chunk at a time into
 * buffers on the C stack instead of being copied whole: csat.nps of a
 * table of 10^6 answers then costs the reading of the table, where a fresh
 * 8 MB copy cost that and as much again in page faults. The array
 * functions count their array into a tally and read it as the csat_tally_*
 * functions do (score/input.c), and counts do not depend on how the rows
 * are cut into calls, so a score of a tally streamed without weights is
 * the array call's, bit for bit (weights are summed per call, so csat.lua
 * streams answers alone). Returns true, or false when anything is amiss
 * (not a table, a value that is not a number, lengths that differ, a value
 * the tally refuses; the tally may then hold part of the rows), for the
 * caller to make the array call, which reports the error as it always has. */
#define CSAT_LUA_CHUNK 2048
static int csat_lua_read_chunk(lua_State *L, int idx, lua_Integer first, lua_Integer m,
                               double *out)
{
    lua_Integer j;
    for (j = 0; j < m; j++) {
        if (lua_rawgeti(L, idx, first + j + 1) != LUA_TNUMBER) {
            lua_pop(L, 1);
            return -1;
        }
        out[j] = (double)lua_tonumber(L, -1);
        lua_pop(L, 1);
    }
    return 0;
}

static int csat_lua_tally_add_tables(lua_State *L)
{
    csat_tally *t = NULL;
    double x[CSAT_LUA_CHUNK], w[CSAT_LUA_CHUNK];
    lua_Integer n, i;
    csat_error e;
    int weighted = !lua_isnoneornil(L, 3), ok = 1;
    if (!SWIG_IsOK(SWIG_ConvertPtr(L, 1, (void **)&t, SWIGTYPE_p_csat_tally, 0)) || t == NULL ||
        !lua_istable(L, 2) || (weighted && !lua_istable(L, 3))) {
        ok = 0;
    } else {
        n = (lua_Integer)lua_rawlen(L, 2);
        if (weighted && (lua_Integer)lua_rawlen(L, 3) != n)
            ok = 0;
        for (i = 0; ok && i < n; i += CSAT_LUA_CHUNK) {
            lua_Integer m = n - i < CSAT_LUA_CHUNK ? n - i : CSAT_LUA_CHUNK;
            ok = csat_lua_read_chunk(L, 2, i, m, x) == 0 &&
                 (!weighted || csat_lua_read_chunk(L, 3, i, m, w) == 0) &&
                 csat_tally_add(t, x, (size_t)m, weighted ? w : NULL, &e) == CSAT_OK;
        }
    }
    lua_pushboolean(L, ok);
    return 1;
}
%}
%native(tally_add_tables) int csat_lua_tally_add_tables(lua_State *L);
#endif

/* Named arrays and matrices of the wrapped functions. */
%apply (const double *x, size_t n) { (const double *item_min, size_t nmin),
                                     (const double *item_max, size_t nmax),
                                     (const double *y, size_t ny),
                                     (const double *importance, size_t np),
                                     (const double *performance, size_t npf) };
%apply (const double *w, size_t nw) { (const double *item_weights, size_t nv) };
%apply (double **vals, size_t *nvals) { (double **se, size_t *nse),
                                        (double **lower, size_t *nlower),
                                        (double **upper, size_t *nupper),
                                        (double **general, size_t *ngeneral),
                                        (double **conditional, size_t *nconditional),
                                        (double **complete, size_t *ncomplete),
                                        (double **quantiles, size_t *nquantiles) };
%apply size_t *count { size_t *failed, size_t *dim, size_t *groups };
%apply (const double *ARRAY, size_t NARRAY) { (const double *peers, size_t n),
                                              (const double *ratings, size_t n),
                                              (const double *pvalues, size_t n),
                                              (const double *score, size_t k),
                                              (const double *se, size_t nse),
                                              (const double *start_time, size_t n),
                                              (const double *end_time, size_t nend),
                                              (const double *time, size_t n),
                                              (const double *codes, size_t n),
                                              (const double *probs, size_t m),
                                              (const double *totals, size_t ntotals) };
%apply (const double *OPTARRAY, size_t NOPTARRAY) { (const double *fpc, size_t nfpc),
                                                    (const double *times, size_t ntimes),
                                                    (const double *observed, size_t nobs),
                                                    (const double *resolved, size_t nres) };
%apply (const csat_nps_result *COLUMNS, size_t NCOLUMNS) {
    (const csat_nps_result *groups, size_t ngroups), (const csat_nps_result *rest, size_t nrest) };
%apply (const csat_share_result *COLUMNS, size_t NCOLUMNS) {
    (const csat_share_result *groups, size_t ngroups),
    (const csat_share_result *rest, size_t nrest) };
%apply (const csat_mean_result *COLUMNS, size_t NCOLUMNS) {
    (const csat_mean_result *groups, size_t ngroups), (const csat_mean_result *rest, size_t nrest) };
%apply (csat_sample **rows, size_t *nrows) { (csat_sample **samples, size_t *nsamples) };
%apply (const double *MATRIX, size_t MROWS, size_t MCOLS, size_t MLD) {
    (const double *expected, size_t n, size_t k, size_t ld),
    (const double *perceived, size_t n2, size_t k2, size_t ld2) };

/* uint64_t seeds. */
%include <stdint.i>

/* ------------------------------------------------------------------------ */
/* 4. What is wrapped.                                                       */

/* Every struct but the option structs and the handles is a result (a dict /
 * table) or csat_error (used by the typemaps only). */
%rename("$ignore", %$isclass,
        notregexmatch$name="_options$|^csat_(tally|moments|xprod|drivers|survival|grouped|design)$")
        "";

/* Replaced by the csat_bind_* functions below (length checks, bytes). */
%ignore csat_score_nps;
%ignore csat_score_csat;
%ignore csat_score_box_share;
%ignore csat_score_top_box;
%ignore csat_score_bottom_box;
%ignore csat_score_mean;
%ignore csat_score_ces;
%ignore csat_score_distribution;
%ignore csat_score_index;
%ignore csat_tally_add;
%ignore csat_moments_add;
%ignore csat_tally_serialize;
%ignore csat_moments_serialize;
%ignore csat_xprod_add;
%ignore csat_xprod_serialize;
%ignore csat_drivers_fit;
%ignore csat_drivers_fit_xprod;
%ignore csat_drivers_importance;
%ignore csat_drivers_dominance;
%ignore csat_drivers_bootstrap;
%ignore csat_drivers_ipa;
%ignore csat_compare_adjust;
%ignore csat_compare_trend;
%ignore csat_compare_gap;
%ignore csat_business_churn;
%ignore csat_survival_fit;
%ignore csat_business_complaints;
%ignore csat_business_resolution;
%ignore csat_grouped_add;
%ignore csat_grouped_serialize;
%ignore csat_grouped_nps;
%ignore csat_grouped_box_share;
%ignore csat_grouped_csat;
%ignore csat_grouped_top_box;
%ignore csat_grouped_bottom_box;
%ignore csat_grouped_mean;
%ignore csat_grouped_ces;
/* The array functions by group: the bindings add to a grouped accumulator
 * (kept for the comparisons with the rest) and score it. */
%ignore csat_score_nps_grouped;
%ignore csat_score_box_share_grouped;
%ignore csat_score_csat_grouped;
%ignore csat_score_top_box_grouped;
%ignore csat_score_bottom_box_grouped;
%ignore csat_score_mean_grouped;
%ignore csat_score_ces_grouped;
%ignore csat_score_distribution_grouped;
%ignore csat_score_index_grouped;
%ignore csat_compare_groups_nps;
%ignore csat_compare_groups_shares;
%ignore csat_compare_groups_means;
%ignore csat_compare_track_nps;
%ignore csat_compare_track_shares;
%ignore csat_compare_track_means;
/* Designs: replaced by csat_bind_* functions that check the length of
 * every array against the design's rows. */
%ignore csat_design_create;
%ignore csat_design_create_psus;
%ignore csat_design_nps;
%ignore csat_design_box_share;
%ignore csat_design_csat;
%ignore csat_design_top_box;
%ignore csat_design_bottom_box;
%ignore csat_design_mean;
%ignore csat_design_ces;
%ignore csat_design_index;
%ignore csat_design_nps_grouped;
%ignore csat_design_box_share_grouped;
%ignore csat_design_mean_grouped;
%ignore csat_design_compare_nps;
%ignore csat_design_compare_shares;
%ignore csat_design_compare_means;
%ignore csat_drivers_fit_design;
%ignore csat_design_rake;

/* Option structs start from the library's documented defaults. */
%define CSAT_OPTIONS(TYPE, DEFAULT)
%extend TYPE {
  TYPE() {
    TYPE *o = (TYPE *)malloc(sizeof *o);
    if (o != NULL) {
      const TYPE d = DEFAULT;
      *o = d;
    }
    return o;
  }
  ~TYPE() { free($self); }
}
%enddef
CSAT_OPTIONS(csat_nps_options, CSAT_NPS_OPTIONS_DEFAULT)
CSAT_OPTIONS(csat_scale_options, CSAT_SCALE_OPTIONS_DEFAULT)
CSAT_OPTIONS(csat_csat_options, CSAT_CSAT_OPTIONS_DEFAULT)
CSAT_OPTIONS(csat_mean_options, CSAT_MEAN_OPTIONS_DEFAULT)
CSAT_OPTIONS(csat_ces_options, CSAT_CES_OPTIONS_DEFAULT)
CSAT_OPTIONS(csat_drivers_options, CSAT_DRIVERS_OPTIONS_DEFAULT)
CSAT_OPTIONS(csat_importance_options, CSAT_IMPORTANCE_OPTIONS_DEFAULT)
CSAT_OPTIONS(csat_bootstrap_options, CSAT_BOOTSTRAP_OPTIONS_DEFAULT)
CSAT_OPTIONS(csat_reviews_options, CSAT_REVIEWS_OPTIONS_DEFAULT)
CSAT_OPTIONS(csat_compare_options, CSAT_COMPARE_OPTIONS_DEFAULT)
CSAT_OPTIONS(csat_business_options, CSAT_BUSINESS_OPTIONS_DEFAULT)
CSAT_OPTIONS(csat_ipa_options, CSAT_IPA_OPTIONS_DEFAULT)
CSAT_OPTIONS(csat_group_options, CSAT_GROUP_OPTIONS_DEFAULT)
CSAT_OPTIONS(csat_design_options, CSAT_DESIGN_OPTIONS_DEFAULT)
CSAT_OPTIONS(csat_rake_options, CSAT_RAKE_OPTIONS_DEFAULT)

%include "csat/common.h"
%include "csat/accum.h"
%include "csat/score.h"
%include "csat/drivers.h"
%include "csat/compare.h"
%include "csat/business.h"
%include "csat/groups.h"
%include "csat/design.h"

/* ------------------------------------------------------------------------ */
/* Array functions with the length of every array checked, the arrays the   */
/* library fills allocated here (sized from the input or the model) and     */
/* returned, serializers that allocate.                                     */

%{
#include <stdarg.h>

/* A binding's own error (no row or column). */
static csat_status csat_bind_error(csat_error *err, csat_status code, const char *format, ...)
{
    va_list ap;
    err->code = code;
    err->index = CSAT_NO_INDEX;
    err->column = CSAT_NO_INDEX;
    va_start(ap, format);
    vsnprintf(err->message, sizeof err->message, format, ap);
    va_end(ap);
    return code;
}

/* Length checks of the arrays that go with the data (weights, item scales). */
static csat_status csat_bind_length(size_t got, size_t want, const char *what, const char *of,
                                    csat_error *err)
{
    if (got == want)
        return CSAT_OK;
    return csat_bind_error(err, CSAT_ERR_ARGUMENT,
                           "the length of %s (%zu) differs from the number of %s (%zu)", what,
                           got, of, want);
}

#define CSAT_BIND_WEIGHTS(n, w, nw, err)                                              \
    do {                                                                              \
        if ((w) != NULL && csat_bind_length((nw), (n), "weights", "answers", (err)))  \
            return CSAT_ERR_ARGUMENT;                                                 \
    } while (0)

static csat_status csat_bind_nomem(csat_error *err)
{
    return csat_bind_error(err, CSAT_ERR_NOMEM, "%s", csat_strerror(CSAT_ERR_NOMEM));
}

/* count elements of size bytes, zeroed (at least one). */
static void *csat_bind_alloc(size_t count, size_t size, csat_error *err)
{
    void *a = count <= SIZE_MAX / size ? calloc(count ? count : 1, size) : NULL;
    if (a == NULL)
        (void)csat_bind_nomem(err);
    return a;
}

static double *csat_bind_doubles(size_t count, csat_error *err)
{
    return (double *)csat_bind_alloc(count, sizeof(double), err);
}

/* Number of drivers of a model. */
static csat_status csat_bind_drivers_p(const csat_drivers *m, size_t *p, csat_error *err)
{
    csat_model_summary s = CSAT_RESULT_INIT(csat_model_summary);
    csat_status st = csat_drivers_summary(m, &s, err);
    if (st == CSAT_OK)
        *p = s.p;
    return st;
}
%}

/* A score of an array and its optional weights, the weights' length
 * checked: csat_bind_score_<NAME>(x, n, w, nw, PARAMS..., err) calls
 * csat_score_<NAME>(x, n, w, ARGS..., err). */
#define CSAT_ARGS(LIST...) LIST   /* a list with commas as one macro argument */
%define CSAT_WEIGHTED_SCORE(NAME, PARAMS, ARGS)
%inline %{
static csat_status csat_bind_score_##NAME(const double *x, size_t n, const double *w, size_t nw,
                                          PARAMS, csat_error *err)
{
    CSAT_BIND_WEIGHTS(n, w, nw, err);
    return csat_score_##NAME(x, n, w, ARGS, err);
}
%}
%enddef
CSAT_WEIGHTED_SCORE(nps, CSAT_ARGS(const csat_nps_options *opt, csat_nps_result *out),
                    CSAT_ARGS(opt, out))
CSAT_WEIGHTED_SCORE(csat, CSAT_ARGS(const csat_csat_options *opt, csat_share_result *out),
                    CSAT_ARGS(opt, out))
CSAT_WEIGHTED_SCORE(box_share, CSAT_ARGS(int lo, int hi, const csat_scale_options *opt,
                                         csat_share_result *out),
                    CSAT_ARGS(lo, hi, opt, out))
CSAT_WEIGHTED_SCORE(top_box, CSAT_ARGS(int k, const csat_scale_options *opt,
                                       csat_share_result *out),
                    CSAT_ARGS(k, opt, out))
CSAT_WEIGHTED_SCORE(bottom_box, CSAT_ARGS(int k, const csat_scale_options *opt,
                                          csat_share_result *out),
                    CSAT_ARGS(k, opt, out))
CSAT_WEIGHTED_SCORE(mean, CSAT_ARGS(const csat_mean_options *opt, csat_mean_result *out),
                    CSAT_ARGS(opt, out))
CSAT_WEIGHTED_SCORE(ces, CSAT_ARGS(const csat_ces_options *opt, csat_mean_result *effort,
                                   csat_share_result *low_effort),
                    CSAT_ARGS(opt, effort, low_effort))
CSAT_WEIGHTED_SCORE(distribution, CSAT_ARGS(const csat_scale_options *opt, double *counts,
                                            double *weights, double *shares, size_t len,
                                            csat_sample *out),
                    CSAT_ARGS(opt, counts, weights, shares, len, out))

/* An accumulator's bytes, in a buffer of the size the library asks for. */
%define CSAT_SERIALIZE(NAME)
%inline %{
static csat_status csat_bind_##NAME##_serialize(const csat_##NAME *a, void **bytes,
                                               size_t *nbytes, csat_error *err)
{
    size_t cap = 0;
    void *buf;
    csat_status st = csat_##NAME##_serialize(a, NULL, 0, &cap, err);
    if (st != CSAT_OK)
        return st;
    buf = calloc(cap ? cap : 1, 1);
    if (buf == NULL)
        return csat_bind_nomem(err);
    st = csat_##NAME##_serialize(a, buf, cap, nbytes, err);
    if (st != CSAT_OK) {
        free(buf);
        return st;
    }
    *bytes = buf;
    return CSAT_OK;
}
%}
%enddef
CSAT_SERIALIZE(tally)
CSAT_SERIALIZE(moments)
CSAT_SERIALIZE(xprod)

%inline %{
static csat_status csat_bind_score_index(const double *x, size_t n, size_t k, size_t ld,
                                   const double *w, size_t nw, const double *item_min,
                                   size_t nmin, const double *item_max, size_t nmax,
                                   const double *item_weights, size_t nv,
                                   const csat_mean_options *opt, csat_mean_result *out,
                                   csat_error *err)
{
    if (w != NULL && csat_bind_length(nw, n, "weights", "rows", err))
        return CSAT_ERR_ARGUMENT;
    if (csat_bind_length(nmin, k, "item_min", "items", err) ||
        csat_bind_length(nmax, k, "item_max", "items", err))
        return CSAT_ERR_ARGUMENT;
    if (item_weights != NULL && csat_bind_length(nv, k, "item_weights", "items", err))
        return CSAT_ERR_ARGUMENT;
    return csat_score_index(x, n, k, ld, w, item_min, item_max, item_weights, opt, out, err);
}

static csat_status csat_bind_tally_add(csat_tally *t, const double *x, size_t n,
                                       const double *w, size_t nw, csat_error *err)
{
    CSAT_BIND_WEIGHTS(n, w, nw, err);
    return csat_tally_add(t, x, n, w, err);
}

static csat_status csat_bind_moments_add(csat_moments *m, const double *x, size_t n,
                                         const double *w, size_t nw, csat_error *err)
{
    CSAT_BIND_WEIGHTS(n, w, nw, err);
    return csat_moments_add(m, x, n, w, err);
}

static csat_status csat_bind_drivers_fit(const double *x, size_t n, size_t p, size_t ld,
                                         const double *y, size_t ny, const double *w, size_t nw,
                                         const csat_drivers_options *opt, csat_drivers **out,
                                         csat_error *perr)
{
    if (csat_bind_length(ny, n, "y", "rows", perr))
        return CSAT_ERR_ARGUMENT;
    if (w != NULL && csat_bind_length(nw, n, "weights", "rows", perr))
        return CSAT_ERR_ARGUMENT;
    return csat_drivers_fit(x, n, p, ld, y, w, opt, out, perr);
}

static csat_status csat_bind_drivers_fit_xprod(const csat_xprod *a,
                                               const csat_drivers_options *opt,
                                               csat_drivers **out, csat_error *perr)
{
    return csat_drivers_fit_xprod(a, opt, out, perr);
}

/* The number of drivers of an accumulator (for one read from bytes): the
 * p of the empty accumulator it merges into (merge refuses another p). */
static csat_status csat_bind_xprod_dim(const csat_xprod *a, size_t *dim, csat_error *err)
{
    return csat_xprod_drivers(a, dim, err);
}

/* `dim` is the accumulator's number of drivers, which the matrix must match
 * (the library reads the first p columns of any wider matrix). */
static csat_status csat_bind_xprod_add(csat_xprod *a, size_t dim, const double *x, size_t n,
                                       size_t p, size_t ld, const double *y, size_t ny,
                                       const double *w, size_t nw, csat_error *perr)
{
    if (n > 0 && p != dim) {
        return csat_bind_error(perr, CSAT_ERR_ARGUMENT,
                               "the data have %zu drivers (columns), the accumulator %zu", p, dim);
    }
    if (csat_bind_length(ny, n, "y", "rows", perr))
        return CSAT_ERR_ARGUMENT;
    if (w != NULL && csat_bind_length(nw, n, "weights", "rows", perr))
        return CSAT_ERR_ARGUMENT;
    return csat_xprod_add(a, x, n, n > 0 ? ld : dim, y, w, perr);
}

/* The caller's options (NULL: the defaults) with the watch as their
 * progress function, for every long computation. */
static csat_importance_options csat_bind_watched_importance(const csat_importance_options *opt,
                                                            csat_bind_watch *watch)
{
    csat_importance_options o = CSAT_IMPORTANCE_OPTIONS_DEFAULT;
    if (opt != NULL)
        o = *opt;
    o.progress = csat_bind_progress;
    o.progress_data = watch;
    return o;
}

static csat_status csat_bind_drivers_importance(const csat_drivers *m,
                                                csat_importance_method method,
                                                const csat_importance_options *opt,
                                                csat_bind_watch *watch,
                                                double **vals, size_t *nvals, double **se,
                                                size_t *nse, csat_error *err)
{
    size_t p = 0;
    double *a, *b;
    const csat_importance_options o = csat_bind_watched_importance(opt, watch);
    csat_status st = csat_bind_drivers_p(m, &p, err);
    if (st != CSAT_OK)
        return st;
    a = csat_bind_doubles(p, err);
    b = a ? csat_bind_doubles(p, err) : NULL;
    if (b == NULL) {
        free(a);
        return CSAT_ERR_NOMEM;
    }
    st = csat_drivers_importance(m, method, &o, a, b, err);
    if (st != CSAT_OK) {
        free(a);
        free(b);
        return st;
    }
    *vals = a;
    *nvals = p;
    *se = b;
    *nse = p;
    return CSAT_OK;
}

static csat_status csat_bind_drivers_dominance(const csat_drivers *m,
                                               const csat_importance_options *opt,
                                               csat_bind_watch *watch, double **general, size_t *ngeneral,
                                               double **conditional, size_t *nconditional,
                                               double **complete, size_t *ncomplete,
                                               csat_error *err)
{
    size_t p = 0;
    double *g, *c = NULL, *d = NULL;
    const csat_importance_options o = csat_bind_watched_importance(opt, watch);
    csat_status st = csat_bind_drivers_p(m, &p, err);
    if (st != CSAT_OK)
        return st;
    if (p > CSAT_DOMINANCE_MAX)  /* the library refuses it; do not allocate p² first */
        return csat_drivers_dominance(m, &o, NULL, NULL, NULL, err);
    g = csat_bind_doubles(p, err);
    c = g ? csat_bind_doubles(p * p, err) : NULL;
    d = c ? csat_bind_doubles(p * p, err) : NULL;
    if (d == NULL) {
        free(g);
        free(c);
        return CSAT_ERR_NOMEM;
    }
    st = csat_drivers_dominance(m, &o, g, c, d, err);
    if (st != CSAT_OK) {
        free(g);
        free(c);
        free(d);
        return st;
    }
    *general = g;
    *ngeneral = p;
    *conditional = c;
    *nconditional = p * p;
    *complete = d;
    *ncomplete = p * p;
    return CSAT_OK;
}

static csat_status csat_bind_drivers_bootstrap(const csat_drivers *m,
                                               csat_importance_method method,
                                               const csat_bootstrap_options *opt,
                                               csat_bind_watch *watch, double **lower, size_t *nlower, double **upper,
                                               size_t *nupper, size_t *failed, csat_error *err)
{
    size_t p = 0;
    double *lo, *hi;
    csat_bootstrap_options o = CSAT_BOOTSTRAP_OPTIONS_DEFAULT;
    csat_status st = csat_bind_drivers_p(m, &p, err);
    if (st != CSAT_OK)
        return st;
    lo = csat_bind_doubles(p, err);
    hi = lo ? csat_bind_doubles(p, err) : NULL;
    if (hi == NULL) {
        free(lo);
        return CSAT_ERR_NOMEM;
    }
    if (opt != NULL)
        o = *opt;
    o.progress = csat_bind_progress;
    o.progress_data = watch;
    st = csat_drivers_bootstrap(m, method, &o, lo, hi, failed, err);
    if (st != CSAT_OK) {
        free(lo);
        free(hi);
        return st;
    }
    *lower = lo;
    *nlower = p;
    *upper = hi;
    *nupper = p;
    return CSAT_OK;
}

static csat_status csat_bind_drivers_ipa(const double *importance, size_t np, const double *performance,
                                 size_t npf, const csat_ipa_options *opt,
                                 int **ivals, size_t *nivals, csat_error *err)
{
    csat_ipa_quadrant *q;
    int *out;
    size_t i;
    csat_status st;
    if (csat_bind_length(npf, np, "performance", "importance values", err))
        return CSAT_ERR_ARGUMENT;
    if (np > SIZE_MAX / sizeof(csat_ipa_quadrant))
        return csat_bind_nomem(err);
    q = (csat_ipa_quadrant *)calloc(np ? np : 1, sizeof *q);
    out = (int *)calloc(np ? np : 1, sizeof *out);
    if (q == NULL || out == NULL) {
        free(q);
        free(out);
        return csat_bind_nomem(err);
    }
    st = csat_drivers_ipa(importance, performance, np, opt, q, err);
    if (st != CSAT_OK) {
        free(q);
        free(out);
        return st;
    }
    for (i = 0; i < np; i++)
        out[i] = (int)q[i];
    free(q);
    *ivals = out;
    *nivals = np;
    return CSAT_OK;
}

static csat_status csat_bind_compare_adjust(const double *pvalues, size_t n,
                                            const csat_compare_options *opt, double **vals,
                                            size_t *nvals, csat_error *err)
{
    double *a = csat_bind_doubles(n, err);
    csat_status st;
    if (a == NULL)
        return CSAT_ERR_NOMEM;
    st = csat_compare_adjust(pvalues, n, opt, a, err);
    if (st != CSAT_OK) {
        free(a);
        return st;
    }
    *vals = a;
    *nvals = n;
    return CSAT_OK;
}

static csat_status csat_bind_compare_trend(const double *score, size_t k, const double *se, size_t nse,
                                   const double *times, size_t ntimes,
                                   const csat_compare_options *opt, csat_trend_result *out,
                                   csat_comparison **cmps, size_t *ncmps, csat_error *err)
{
    csat_comparison *c = NULL;
    csat_status st;
    if (csat_bind_length(nse, k, "se", "scores", err))
        return CSAT_ERR_ARGUMENT;
    if (times != NULL && csat_bind_length(ntimes, k, "times", "scores", err))
        return CSAT_ERR_ARGUMENT;
    if (k >= 2) {
        c = (csat_comparison *)csat_bind_alloc(k - 1, sizeof *c, err);
        if (c == NULL)
            return CSAT_ERR_NOMEM;
        c[0].size = sizeof *c;
    }
    st = csat_compare_trend(score, se, times, k, opt, out, c, err);
    if (st != CSAT_OK) {
        free(c);
        return st;
    }
    *cmps = c;
    *ncmps = k >= 2 ? k - 1 : 0;
    return CSAT_OK;
}

static csat_status csat_bind_compare_gap(const double *expected, size_t n, size_t k, size_t ld,
                                 const double *perceived, size_t n2, size_t k2, size_t ld2,
                                 const csat_compare_options *opt, csat_comparison **cmps,
                                 size_t *ncmps, size_t **zvals, size_t *nzvals, csat_error *err)
{
    csat_comparison *c;
    size_t *pairs;
    csat_status st;
    if (n2 != n || k2 != k || ld2 != ld) {
        return csat_bind_error(err, CSAT_ERR_ARGUMENT,
                               "perceived is %zu × %zu (rows × attributes) but expected is %zu × %zu",
                               n2, k2, n, k);
    }
    c = (csat_comparison *)csat_bind_alloc(k, sizeof *c, err);
    pairs = c ? (size_t *)csat_bind_alloc(k, sizeof *pairs, err) : NULL;
    if (pairs == NULL) {
        free(c);
        return CSAT_ERR_NOMEM;
    }
    c[0].size = sizeof *c;
    st = csat_compare_gap(expected, perceived, n, k, ld, opt, c, pairs, err);
    if (st != CSAT_OK) {
        free(c);
        free(pairs);
        return st;
    }
    *cmps = c;
    *ncmps = k;
    *zvals = pairs;
    *nzvals = k;
    return CSAT_OK;
}

static csat_status csat_bind_business_churn(const double *start_time, size_t n,
                                          const double *end_time, size_t nend, double t0,
                                          double t1, const csat_business_options *opt,
                                          csat_retention_result *out, csat_error *err)
{
    if (csat_bind_length(nend, n, "end_time", "start times", err))
        return CSAT_ERR_ARGUMENT;
    return csat_business_churn(start_time, end_time, n, t0, t1, opt, out, err);
}

static csat_status csat_bind_survival_fit(const double *time, size_t n, const double *observed,
                                          size_t nobs, const csat_business_options *opt,
                                          csat_survival **out, csat_error *err)
{
    if (observed != NULL && csat_bind_length(nobs, n, "observed", "times", err))
        return CSAT_ERR_ARGUMENT;
    return csat_survival_fit(time, observed, n, opt, out, err);
}

/* The steps of a curve, all of them: returned as columns keyed by the
 * point's field names. */
static csat_status csat_bind_survival_steps(const csat_survival *s, csat_survival_point **steps,
                                            size_t *nsteps, csat_error *err)
{
    csat_curve_summary sum = CSAT_RESULT_INIT(csat_curve_summary);
    csat_survival_point *a;
    size_t i;
    csat_status st = csat_survival_summary(s, &sum, err);
    if (st != CSAT_OK)
        return st;
    a = (csat_survival_point *)csat_bind_alloc(sum.steps, sizeof *a, err);
    if (a == NULL)
        return CSAT_ERR_NOMEM;
    for (i = 0; i < sum.steps; i++) {
        a[i].size = sizeof *a;
        st = csat_survival_step(s, i, &a[i], err);
        if (st != CSAT_OK) {
            free(a);
            return st;
        }
    }
    *steps = a;
    *nsteps = sum.steps;
    return CSAT_OK;
}

/* The steps of a curve into `out`, field after field in the point's order
 * (time for every step, then n_risk, ...): Python hands a float64 array of
 * fields × steps that becomes the curve's columns as they are, with no
 * Python number per value (a curve of 10^6 continuous times has 10^6
 * steps). Lua gets the same numbers as one table; csat.lua keeps
 * survival_steps' columns. */
#define CSAT_STEP_FIELD_D(f) columns[field++ * k + i] = p.f;
#define CSAT_STEP_FIELD_NONE(f)
#define CSAT_STEP_FIELD_E(f, T)
#define CSAT_STEP_COUNT_D(f) +1
static csat_status csat_bind_survival_fill(const csat_survival *s, double *columns,
                                           size_t ncolumns, csat_error *err)
{
    enum { fields = 0 CSAT_SURVIVAL_POINT_FIELDS(CSAT_STEP_COUNT_D, CSAT_STEP_FIELD_NONE,
                                                 CSAT_STEP_FIELD_NONE, CSAT_STEP_FIELD_E) };
    csat_curve_summary sum = CSAT_RESULT_INIT(csat_curve_summary);
    csat_survival_point p = CSAT_RESULT_INIT(csat_survival_point);
    size_t i, k;
    csat_status st = csat_survival_summary(s, &sum, err);
    if (st != CSAT_OK)
        return st;
    k = sum.steps;
    if (ncolumns / fields != k || ncolumns % fields != 0)
        return csat_bind_error(err, CSAT_ERR_ARGUMENT,
                               "columns has %zu elements for %zu steps of %d fields", ncolumns, k,
                               (int)fields);
    for (i = 0; i < k; i++) {
        size_t field = 0;
        st = csat_survival_step(s, i, &p, err);
        if (st != CSAT_OK)
            return st;
        CSAT_SURVIVAL_POINT_FIELDS(CSAT_STEP_FIELD_D, CSAT_STEP_FIELD_NONE, CSAT_STEP_FIELD_NONE,
                                   CSAT_STEP_FIELD_E)
    }
    return CSAT_OK;
}

static csat_status csat_bind_business_complaints(const double *codes, size_t n,
                                               const csat_business_options *opt,
                                               csat_category_count **cats, size_t *ncats,
                                               csat_sample *sample, csat_error *err)
{
    size_t k = 0, k2 = 0;
    csat_category_count *c;
    csat_status st = csat_business_complaints(codes, n, opt, NULL, 0, &k, sample, err);
    if (st != CSAT_OK)
        return st;
    c = (csat_category_count *)csat_bind_alloc(k, sizeof *c, err);
    if (c == NULL)
        return CSAT_ERR_NOMEM;
    c[0].size = sizeof *c;
    st = csat_business_complaints(codes, n, opt, c, k, &k2, sample, err);
    if (st != CSAT_OK) {
        free(c);
        return st;
    }
    if (k2 != k) {
        free(c);
        return csat_bind_error(err, CSAT_ERR_ARGUMENT,
                               "the number of categories changed between two calls");
    }
    *cats = c;
    *ncats = k;
    return CSAT_OK;
}

static csat_status csat_bind_business_resolution(const double *time, size_t n,
                                              const double *resolved, size_t nres, double sla,
                                              const double *probs, size_t m,
                                              const csat_business_options *opt,
                                              double **quantiles, size_t *nquantiles,
                                              csat_resolution_result *out, csat_error *err)
{
    double *q = NULL;
    csat_status st;
    if (resolved != NULL && csat_bind_length(nres, n, "resolved", "times", err))
        return CSAT_ERR_ARGUMENT;
    if (m > 0) {
        q = csat_bind_doubles(m, err);
        if (q == NULL)
            return CSAT_ERR_NOMEM;
    }
    st = csat_business_resolution(time, resolved, n, sla, m > 0 ? probs : NULL, m, opt, q, out,
                                  err);
    if (st != CSAT_OK) {
        free(q);
        return st;
    }
    *quantiles = q;
    *nquantiles = m;
    return CSAT_OK;
}
%}

/* ------------------------------------------------------------------------ */
/* Scores by group: the grouped accumulator's scores (G results as columns */
/* and G flags), arrays with their group codes, comparisons and tracking.  */

%{
/* The number of groups of an accumulator, and room for its G results (of
 * size bytes each, the first's size set) and G flags. */
static csat_status csat_bind_grouped_alloc(const csat_grouped *a, size_t size, void **rows,
                                           int **flags, size_t *groups, csat_error *err)
{
    size_t g = 0;
    int lo = 0, hi = 0;
    csat_status st = csat_grouped_shape(a, &g, &lo, &hi, err);
    if (st != CSAT_OK)
        return st;
    *rows = csat_bind_alloc(g, size, err);
    *flags = *rows ? (int *)csat_bind_alloc(g, sizeof(int), err) : NULL;
    if (*flags == NULL) {
        free(*rows);
        *rows = NULL;
        return CSAT_ERR_NOMEM;
    }
    *(size_t *)*rows = size;    /* the first result's `size`, its first member */
    *groups = g;
    return CSAT_OK;
}

/* Flags given back (int32, as the codes travel) as the library's ints. */
static csat_status csat_bind_flags(const int32_t *flags, size_t nflags, size_t groups, int **out,
                                   const char *of, csat_error *err)
{
    size_t i;
    *out = NULL;
    if (flags == NULL)
        return CSAT_OK;
    if (csat_bind_length(nflags, groups, "flags", of, err))
        return CSAT_ERR_ARGUMENT;
    *out = (int *)csat_bind_alloc(groups, sizeof(int), err);
    if (*out == NULL)
        return CSAT_ERR_NOMEM;
    for (i = 0; i < groups; i++)
        (*out)[i] = (int)flags[i];
    return CSAT_OK;
}
%}

%inline %{
/* Add answers with their group codes (and weights): lengths checked. */
static csat_status csat_bind_grouped_add(csat_grouped *a, const double *x, size_t n,
                                         const double *w, size_t nw, const int32_t *g,
                                         size_t ng, csat_error *err)
{
    CSAT_BIND_WEIGHTS(n, w, nw, err);
    if (csat_bind_length(ng, n, "group codes", "answers", err))
        return CSAT_ERR_ARGUMENT;
    return csat_grouped_add(a, x, n, w, g, err);
}
%}
CSAT_SERIALIZE(grouped)

/* csat_bind_grouped_<NAME>(a, PARAMS..., gopt) -> (G results as columns,
 * G flags): csat_grouped_<NAME>(a, ARGS..., gopt, out, flags, G, err). */
%define CSAT_GROUPED_SCORE(NAME, RESULT, PARAMS, ARGS)
%inline %{
static csat_status csat_bind_grouped_##NAME(const csat_grouped *a, PARAMS,
                                            const csat_group_options *gopt, RESULT **rows,
                                            size_t *nrows, int **ivals, size_t *nivals,
                                            csat_error *err)
{
    void *r = NULL;
    int *f = NULL;
    size_t g = 0;
    csat_status st = csat_bind_grouped_alloc(a, sizeof(RESULT), &r, &f, &g, err);
    if (st != CSAT_OK)
        return st;
    st = csat_grouped_##NAME(a, ARGS, gopt, (RESULT *)r, f, g, err);
    if (st != CSAT_OK) {
        free(r);
        free(f);
        return st;
    }
    *rows = (RESULT *)r;
    *nrows = g;
    *ivals = f;
    *nivals = g;
    return CSAT_OK;
}
%}
%enddef
CSAT_GROUPED_SCORE(nps, csat_nps_result, const csat_nps_options *opt, opt)
CSAT_GROUPED_SCORE(csat, csat_share_result, const csat_csat_options *opt, opt)
CSAT_GROUPED_SCORE(box_share, csat_share_result,
                   CSAT_ARGS(int lo, int hi, const csat_scale_options *opt), CSAT_ARGS(lo, hi, opt))
CSAT_GROUPED_SCORE(top_box, csat_share_result, CSAT_ARGS(int k, const csat_scale_options *opt),
                   CSAT_ARGS(k, opt))
CSAT_GROUPED_SCORE(bottom_box, csat_share_result,
                   CSAT_ARGS(int k, const csat_scale_options *opt), CSAT_ARGS(k, opt))
CSAT_GROUPED_SCORE(mean, csat_mean_result, const csat_mean_options *opt, opt)

%inline %{
/* CES of every group: ({effort, low_effort} columns, G flags). */
static csat_status csat_bind_grouped_ces(const csat_grouped *a, const csat_ces_options *opt,
                                         const csat_group_options *gopt,
                                         csat_mean_result **effort_rows,
                                         csat_share_result **low_rows, size_t *nrows,
                                         int **ivals, size_t *nivals, csat_error *err)
{
    void *e = NULL;
    csat_share_result *s;
    int *f = NULL;
    size_t g = 0;
    csat_status st = csat_bind_grouped_alloc(a, sizeof(csat_mean_result), &e, &f, &g, err);
    if (st != CSAT_OK)
        return st;
    s = (csat_share_result *)csat_bind_alloc(g, sizeof *s, err);
    if (s == NULL) {
        free(e);
        free(f);
        return CSAT_ERR_NOMEM;
    }
    s[0].size = sizeof *s;
    st = csat_grouped_ces(a, opt, gopt, (csat_mean_result *)e, s, f, g, err);
    if (st != CSAT_OK) {
        free(e);
        free(s);
        free(f);
        return st;
    }
    *effort_rows = (csat_mean_result *)e;
    *low_rows = s;
    *nrows = g;
    *ivals = f;
    *nivals = g;
    return CSAT_OK;
}

/* Distribution of every group: counts, weights and shares (G × K each,
 * row-major) in the output buffer, and G samples as columns. */
static csat_status csat_bind_score_distribution_grouped(
    const double *x, size_t n, const double *w, size_t nw, const int32_t *g, size_t ng,
    size_t groups, const csat_scale_options *opt, double *counts, double *weights,
    double *shares, size_t len, csat_sample **samples, size_t *nsamples, csat_error *err)
{
    csat_sample *s;
    csat_status st;
    CSAT_BIND_WEIGHTS(n, w, nw, err);
    if (csat_bind_length(ng, n, "group codes", "answers", err))
        return CSAT_ERR_ARGUMENT;
    s = (csat_sample *)csat_bind_alloc(groups, sizeof *s, err);
    if (s == NULL)
        return CSAT_ERR_NOMEM;
    s[0].size = sizeof *s;
    st = csat_score_distribution_grouped(x, n, w, g, groups, opt, counts, weights, shares, len,
                                         s, groups, err);
    if (st != CSAT_OK) {
        free(s);
        return st;
    }
    *samples = s;
    *nsamples = groups;
    return CSAT_OK;
}

/* Composite index of every group: (G mean results as columns, G flags). */
static csat_status csat_bind_score_index_grouped(
    const double *x, size_t n, size_t k, size_t ld, const double *w, size_t nw,
    const int32_t *g, size_t ng, size_t groups, const double *item_min, size_t nmin,
    const double *item_max, size_t nmax, const double *item_weights, size_t nv,
    const csat_mean_options *opt, const csat_group_options *gopt, csat_mean_result **rows,
    size_t *nrows, int **ivals, size_t *nivals, csat_error *err)
{
    csat_mean_result *r;
    int *f;
    csat_status st;
    if (w != NULL && csat_bind_length(nw, n, "weights", "rows", err))
        return CSAT_ERR_ARGUMENT;
    if (csat_bind_length(ng, n, "group codes", "rows", err))
        return CSAT_ERR_ARGUMENT;
    if (csat_bind_length(nmin, k, "item_min", "items", err) ||
        csat_bind_length(nmax, k, "item_max", "items", err))
        return CSAT_ERR_ARGUMENT;
    if (item_weights != NULL && csat_bind_length(nv, k, "item_weights", "items", err))
        return CSAT_ERR_ARGUMENT;
    r = (csat_mean_result *)csat_bind_alloc(groups, sizeof *r, err);
    f = r ? (int *)csat_bind_alloc(groups, sizeof *f, err) : NULL;
    if (f == NULL) {
        free(r);
        return CSAT_ERR_NOMEM;
    }
    r[0].size = sizeof *r;
    st = csat_score_index_grouped(x, n, k, ld, w, g, groups, item_min, item_max, item_weights,
                                  opt, gopt, r, f, groups, err);
    if (st != CSAT_OK) {
        free(r);
        free(f);
        return st;
    }
    *rows = r;
    *nrows = groups;
    *ivals = f;
    *nivals = groups;
    return CSAT_OK;
}
%}

/* Comparisons of the groups' results (columns in, as they came out; rest:
 * the complement's results or None / nil) -> comparisons as columns. */
%define CSAT_COMPARE_GROUPS(NAME, RESULT)
%inline %{
static csat_status csat_bind_compare_groups_##NAME(
    const RESULT *groups, size_t ngroups, const RESULT *rest, size_t nrest,
    const int32_t *flags, size_t nflags, csat_group_contrast contrast, size_t reference,
    double benchmark, const csat_compare_options *opt, csat_group_comparison **rows,
    size_t *nrows, csat_error *err)
{
    csat_group_comparison *c;
    size_t count = 0;
    int *f = NULL;
    csat_status st;
    if (rest != NULL && csat_bind_length(nrest, ngroups, "the rest's results", "groups", err))
        return CSAT_ERR_ARGUMENT;
    st = csat_bind_flags(flags, nflags, ngroups, &f, "groups", err);
    if (st != CSAT_OK)
        return st;
    st = csat_compare_groups_##NAME(groups, rest, f, ngroups, contrast, reference, benchmark,
                                    opt, NULL, 0, &count, err);
    c = st == CSAT_OK ? (csat_group_comparison *)csat_bind_alloc(count, sizeof *c, err) : NULL;
    if (c == NULL) {
        free(f);
        return st != CSAT_OK ? st : CSAT_ERR_NOMEM;
    }
    c[0].size = sizeof *c;
    st = csat_compare_groups_##NAME(groups, rest, f, ngroups, contrast, reference, benchmark,
                                    opt, c, count, &count, err);
    free(f);
    if (st != CSAT_OK) {
        free(c);
        return st;
    }
    *rows = c;
    *nrows = count;
    return CSAT_OK;
}

/* Tracking table of the periods' results -> (points as columns, the trend
 * or None / nil when fewer than 2 periods can give one). */
static csat_status csat_bind_compare_track_##NAME(
    const RESULT *groups, size_t ngroups, const int32_t *flags, size_t nflags,
    const csat_compare_options *opt, csat_track_point **rows, size_t *nrows,
    csat_trend_result *trend, csat_error *err)
{
    csat_track_point *t;
    int *f = NULL;
    csat_status st = csat_bind_flags(flags, nflags, ngroups, &f, "periods", err);
    if (st != CSAT_OK)
        return st;
    t = (csat_track_point *)csat_bind_alloc(ngroups, sizeof *t, err);
    if (t == NULL) {
        free(f);
        return CSAT_ERR_NOMEM;
    }
    t[0].size = sizeof *t;
    st = csat_compare_track_##NAME(groups, f, ngroups, opt, trend, t, ngroups, err);
    if (st == CSAT_ERR_TOO_FEW) {
        trend->size = 0;        /* no trend: None / nil */
        st = csat_compare_track_##NAME(groups, f, ngroups, opt, NULL, t, ngroups, err);
    }
    free(f);
    if (st != CSAT_OK) {
        free(t);
        return st;
    }
    *rows = t;
    *nrows = ngroups;
    return CSAT_OK;
}
%}
%enddef
CSAT_COMPARE_GROUPS(nps, csat_nps_result)
CSAT_COMPARE_GROUPS(shares, csat_share_result)
CSAT_COMPARE_GROUPS(means, csat_mean_result)

/* ------------------------------------------------------------------------ */
/* Survey designs: the design (a handle), its scores, scores by group and   */
/* each group against the rest, key drivers, raking. Every array given with */
/* a design has the design's number of rows.                                */

%{
/* The arrays given with design d must have its rows (a design of PSUs has
 * none: the library refuses it with its own message). */
static csat_status csat_bind_design_rows(const csat_design *d, size_t n, const char *what,
                                         csat_error *err)
{
    csat_design_info info = CSAT_RESULT_INIT(csat_design_info);
    csat_status st = csat_design_describe(d, &info, err);
    if (st != CSAT_OK || info.n == 0 || n == info.n)
        return st;
    return csat_bind_error(err, CSAT_ERR_ARGUMENT,
                           "the length of %s (%zu) differs from the number of the design's rows "
                           "(%zu)",
                           what, n, info.n);
}

/* The boxes [lo, hi] that a CSAT (which 0, csat options), top-k (1) or
 * bottom-k (2) share counts on the scale of its options, as the library
 * resolves them: from the share of one answer on that scale, which reports
 * its boxes. The designed shares by group and their comparisons take boxes. */
static csat_status csat_bind_box_range(int which, int k, const csat_csat_options *copt,
                                       const csat_scale_options *sopt, int *min, int *max,
                                       csat_error *err)
{
    const csat_csat_options cd = CSAT_CSAT_OPTIONS_DEFAULT;
    const csat_scale_options sd = CSAT_SCALE_OPTIONS_DEFAULT;
    int lo = which == 0 ? (copt ? copt->scale_min : cd.scale_min)
                        : (sopt ? sopt->scale_min : sd.scale_min);
    int hi = which == 0 ? (copt ? copt->scale_max : cd.scale_max)
                        : (sopt ? sopt->scale_max : sd.scale_max);
    csat_share_result r = CSAT_RESULT_INIT(csat_share_result);
    csat_tally *t = NULL;
    double one = (double)lo;
    csat_status st = csat_tally_create(lo, hi, &t, err);
    if (st == CSAT_OK)
        st = csat_tally_add(t, &one, 1, NULL, err);
    if (st == CSAT_OK)
        st = which == 0   ? csat_tally_csat(t, copt, &r, err)
             : which == 1 ? csat_tally_top_box(t, k, sopt, &r, err)
                          : csat_tally_bottom_box(t, k, sopt, &r, err);
    csat_tally_free(t);
    if (st == CSAT_OK) {
        *min = r.box_min;
        *max = r.box_max;
    }
    return st;
}
%}

%inline %{
static csat_status csat_bind_design_create(size_t n, const double *w, size_t nw,
                                           const int32_t *strata, size_t nstrata,
                                           const int32_t *clusters, size_t nclusters,
                                           const double *fpc, size_t nfpc,
                                           const csat_design_options *opt, csat_design **out,
                                           csat_error *err)
{
    if ((w != NULL && csat_bind_length(nw, n, "weights", "rows", err)) ||
        (strata != NULL && csat_bind_length(nstrata, n, "strata", "rows", err)) ||
        (clusters != NULL && csat_bind_length(nclusters, n, "clusters", "rows", err)) ||
        (fpc != NULL && csat_bind_length(nfpc, n, "fpc", "rows", err)))
        return CSAT_ERR_ARGUMENT;
    return csat_design_create(n, w, strata, clusters, fpc, opt, out, err);
}

static csat_status csat_bind_design_create_psus(size_t psus, const int32_t *strata,
                                                size_t nstrata, const double *fpc, size_t nfpc,
                                                const csat_design_options *opt,
                                                csat_design **out, csat_error *err)
{
    if ((strata != NULL && csat_bind_length(nstrata, psus, "strata", "PSUs", err)) ||
        (fpc != NULL && csat_bind_length(nfpc, psus, "fpc", "PSUs", err)))
        return CSAT_ERR_ARGUMENT;
    return csat_design_create_psus(psus, strata, fpc, opt, out, err);
}

/* The boxes of a CSAT, top-k and bottom-k share: a pair (lo, hi). */
static csat_status csat_bind_box_range_csat(const csat_csat_options *opt, int *min, int *max,
                                            csat_error *err)
{
    return csat_bind_box_range(0, 0, opt, NULL, min, max, err);
}

static csat_status csat_bind_box_range_top(int k, const csat_scale_options *opt, int *min,
                                           int *max, csat_error *err)
{
    return csat_bind_box_range(1, k, NULL, opt, min, max, err);
}

static csat_status csat_bind_box_range_bottom(int k, const csat_scale_options *opt, int *min,
                                              int *max, csat_error *err)
{
    return csat_bind_box_range(2, k, NULL, opt, min, max, err);
}
%}

/* csat_bind_design_<NAME>(d, x, n, PARAMS..., err): the answers' length
 * checked against the design, then csat_design_<NAME>(d, x, ARGS..., err). */
%define CSAT_DESIGN_SCORE(NAME, PARAMS, ARGS)
%inline %{
static csat_status csat_bind_design_##NAME(const csat_design *d, const double *x, size_t n,
                                           PARAMS, csat_error *err)
{
    csat_status st = csat_bind_design_rows(d, n, "answers", err);
    return st != CSAT_OK ? st : csat_design_##NAME(d, x, ARGS, err);
}
%}
%enddef
CSAT_DESIGN_SCORE(nps, CSAT_ARGS(const csat_nps_options *opt, csat_nps_result *out),
                  CSAT_ARGS(opt, out))
CSAT_DESIGN_SCORE(csat, CSAT_ARGS(const csat_csat_options *opt, csat_share_result *out),
                  CSAT_ARGS(opt, out))
CSAT_DESIGN_SCORE(box_share, CSAT_ARGS(int lo, int hi, const csat_scale_options *opt,
                                       csat_share_result *out),
                  CSAT_ARGS(lo, hi, opt, out))
CSAT_DESIGN_SCORE(top_box, CSAT_ARGS(int k, const csat_scale_options *opt,
                                     csat_share_result *out),
                  CSAT_ARGS(k, opt, out))
CSAT_DESIGN_SCORE(bottom_box, CSAT_ARGS(int k, const csat_scale_options *opt,
                                        csat_share_result *out),
                  CSAT_ARGS(k, opt, out))
CSAT_DESIGN_SCORE(mean, CSAT_ARGS(const csat_mean_options *opt, csat_mean_result *out),
                  CSAT_ARGS(opt, out))
CSAT_DESIGN_SCORE(ces, CSAT_ARGS(const csat_ces_options *opt, csat_mean_result *effort,
                                 csat_share_result *low_effort),
                  CSAT_ARGS(opt, effort, low_effort))

%inline %{
static csat_status csat_bind_design_index(const csat_design *d, const double *x, size_t n,
                                          size_t k, size_t ld, const double *item_min,
                                          size_t nmin, const double *item_max, size_t nmax,
                                          const double *item_weights, size_t nv,
                                          const csat_mean_options *opt, csat_mean_result *out,
                                          csat_error *err)
{
    csat_status st = csat_bind_design_rows(d, n, "rows", err);
    if (st != CSAT_OK)
        return st;
    if (csat_bind_length(nmin, k, "item_min", "items", err) ||
        csat_bind_length(nmax, k, "item_max", "items", err))
        return CSAT_ERR_ARGUMENT;
    if (item_weights != NULL && csat_bind_length(nv, k, "item_weights", "items", err))
        return CSAT_ERR_ARGUMENT;
    return csat_design_index(d, x, k, ld, item_min, item_max, item_weights, opt, out, err);
}
%}

/* csat_bind_design_<NAME>_grouped(d, x, n, g, ng, G, PARAMS..., gopt) -> (G
 * results as columns, G flags). */
%define CSAT_DESIGN_GROUPED(NAME, RESULT, PARAMS, ARGS)
%inline %{
static csat_status csat_bind_design_##NAME##_grouped(
    const csat_design *d, const double *x, size_t n, const int32_t *g, size_t ng, size_t groups,
    PARAMS, const csat_group_options *gopt, RESULT **rows, size_t *nrows, int **ivals,
    size_t *nivals, csat_error *err)
{
    RESULT *r;
    int *f;
    csat_status st = csat_bind_design_rows(d, n, "answers", err);
    if (st != CSAT_OK)
        return st;
    if (csat_bind_length(ng, n, "group codes", "answers", err))
        return CSAT_ERR_ARGUMENT;
    r = (RESULT *)csat_bind_alloc(groups, sizeof *r, err);
    f = r ? (int *)csat_bind_alloc(groups, sizeof *f, err) : NULL;
    if (f == NULL) {
        free(r);
        return CSAT_ERR_NOMEM;
    }
    r[0].size = sizeof *r;
    st = csat_design_##NAME##_grouped(d, x, g, groups, ARGS, gopt, r, f, groups, err);
    if (st != CSAT_OK) {
        free(r);
        free(f);
        return st;
    }
    *rows = r;
    *nrows = groups;
    *ivals = f;
    *nivals = groups;
    return CSAT_OK;
}
%}
%enddef
CSAT_DESIGN_GROUPED(nps, csat_nps_result, const csat_nps_options *opt, opt)
CSAT_DESIGN_GROUPED(box_share, csat_share_result,
                    CSAT_ARGS(int lo, int hi, const csat_scale_options *opt),
                    CSAT_ARGS(lo, hi, opt))
CSAT_DESIGN_GROUPED(mean, csat_mean_result, const csat_mean_options *opt, opt)

/* csat_bind_design_compare_<NAME>(d, x, n, g, ng, G, PARAMS..., gopt, copt)
 * -> G comparisons of each group with the rest, as columns. */
%define CSAT_DESIGN_COMPARE(NAME, PARAMS, ARGS)
%inline %{
static csat_status csat_bind_design_compare_##NAME(
    const csat_design *d, const double *x, size_t n, const int32_t *g, size_t ng, size_t groups,
    PARAMS, const csat_group_options *gopt, const csat_compare_options *copt,
    csat_group_comparison **rows, size_t *nrows, csat_error *err)
{
    csat_group_comparison *c;
    csat_status st = csat_bind_design_rows(d, n, "answers", err);
    if (st != CSAT_OK)
        return st;
    if (csat_bind_length(ng, n, "group codes", "answers", err))
        return CSAT_ERR_ARGUMENT;
    c = (csat_group_comparison *)csat_bind_alloc(groups, sizeof *c, err);
    if (c == NULL)
        return CSAT_ERR_NOMEM;
    c[0].size = sizeof *c;
    st = csat_design_compare_##NAME(d, x, g, groups, ARGS, gopt, copt, c, groups, err);
    if (st != CSAT_OK) {
        free(c);
        return st;
    }
    *rows = c;
    *nrows = groups;
    return CSAT_OK;
}
%}
%enddef
CSAT_DESIGN_COMPARE(nps, const csat_nps_options *opt, opt)
CSAT_DESIGN_COMPARE(shares, CSAT_ARGS(int lo, int hi, const csat_scale_options *opt),
                    CSAT_ARGS(lo, hi, opt))
CSAT_DESIGN_COMPARE(means, const csat_mean_options *opt, opt)

%inline %{
/* Key drivers of a design's rows: y and the design of the rows' number. */
static csat_status csat_bind_drivers_fit_design(const double *x, size_t n, size_t p, size_t ld,
                                                const double *y, size_t ny,
                                                const csat_design *d,
                                                const csat_drivers_options *opt,
                                                csat_drivers **out, csat_error *perr)
{
    csat_status st;
    if (csat_bind_length(ny, n, "y", "rows", perr))
        return CSAT_ERR_ARGUMENT;
    st = csat_bind_design_rows(d, n, "the rows of X", perr);
    if (st != CSAT_OK)
        return st;
    return csat_drivers_fit_design(x, p, ld, y, d, opt, out, perr);
}

/* Raking: the n raked weights fill `raked` (n = its length, or in Lua the
 * number given); `codes` holds the n category codes of every margin
 * variable, one variable after the other, `categories` the number of
 * categories of each and `totals` their population totals, one variable
 * after the other. */
static csat_status csat_bind_design_rake(const double *w, size_t nw, const int32_t *codes,
                                         size_t ncodes, const int32_t *categories,
                                         size_t ncategories, const double *totals,
                                         size_t ntotals, const csat_rake_options *opt,
                                         double *raked, size_t nraked,
                                         csat_rake_result *info, csat_error *err)
{
    const size_t n = nraked, vars = ncategories;
    const int32_t **cv;
    const double **tv;
    size_t *cats, v, sum = 0;
    csat_status st;
    if (w != NULL && csat_bind_length(nw, n, "weights", "rows", err))
        return CSAT_ERR_ARGUMENT;
    if (vars > 0 && (ncodes / vars != n || ncodes % vars != 0))
        return csat_bind_error(err, CSAT_ERR_ARGUMENT,
                               "the category codes (%zu) are not %zu rows of each of the %zu "
                               "margin variables",
                               ncodes, n, vars);
    for (v = 0; v < vars; v++) {
        if (categories[v] < 0)
            return csat_bind_error(err, CSAT_ERR_ARGUMENT,
                                   "margin variable %zu has a negative number of categories",
                                   v);
        sum += (size_t)categories[v];
    }
    if (sum != ntotals)
        return csat_bind_error(err, CSAT_ERR_ARGUMENT,
                               "%zu population totals for %zu categories", ntotals, sum);
    cv = (const int32_t **)csat_bind_alloc(vars, sizeof *cv, err);
    tv = cv ? (const double **)csat_bind_alloc(vars, sizeof *tv, err) : NULL;
    cats = tv ? (size_t *)csat_bind_alloc(vars, sizeof *cats, err) : NULL;
    if (cats == NULL) {
        free((void *)cv);
        free((void *)tv);
        return CSAT_ERR_NOMEM;
    }
    for (v = 0, sum = 0; v < vars; v++) {
        cv[v] = codes + v * n;
        tv[v] = totals + sum;
        cats[v] = (size_t)categories[v];
        sum += cats[v];
    }
    st = csat_design_rake(n, w, vars, cv, cats, tv, opt, raked, info, err);
    free((void *)cv);
    free((void *)tv);
    free(cats);
    return st;
}
%}
