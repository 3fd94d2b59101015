/* The one SWIG interface of libcsat, for Python (package `csat`, low-level
 * module `csat._core` with its proxy `csat.core`) and Lua (module
 * `csat_core`). The pythonic package and csat.lua sit on top of it.
 *
 * Conventions of the wrapped functions (C names without the `csat_` prefix):
 * - `(const double *x, size_t n)`: Python, any C-contiguous buffer of
 *   float64 (format 'd'), used in place; Lua, a table of numbers (copied).
 * - weights and other optional arrays: the same, or None / nil for NULL.
 *   An array whose length differs from the data's is an error.
 * - `(const double *x, size_t n, size_t p, size_t ld)`: a matrix; Python, a
 *   2-D C-contiguous float64 buffer (ld = its number of columns); Lua, a
 *   table of rows (copied).
 * - `csat_error *err` is hidden; a non-OK status raises ValueError
 *   (MemoryError for CSAT_ERR_NOMEM, csat.SingularError, a subclass of
 *   ArithmeticError, for CSAT_ERR_SINGULAR, OverflowError for
 *   CSAT_ERR_OVERFLOW) with the library's message, or
 *   calls Lua's error() with a table {code, message, index, column} (0-based
 *   as in C; csat.lua turns it into its 1-based error object). Python
 *   exceptions carry `code`, `index` and `column`. `csat_error *perr` is the
 *   same in Python; in Lua the function returns nil, message, code, index,
 *   column instead of raising (index and column 0-based or nil), so that
 *   csat.lua can name the driver.
 * - result out-parameters are returned as a dict / table keyed by the C
 *   field names; arrays the wrapper allocates (importance, dominance...) as
 *   tuples / tables; a tally, a moments or xprod accumulator or a fitted
 *   driver model is returned as an owned handle freed by the garbage
 *   collector; serialized accumulators are bytes / strings.
 *   Every result struct is given to the library with its `size` set; the
 *   dicts / tables leave `size` out. CES (effort, low_effort) and reviews
 *   (out, rating, positive), separate results in C, come back as one dict /
 *   table: {effort, low_effort} and {rating, bayesian_average, positive,
 *   wilson_lower}.
 * - option structs are proxies whose constructor fills the C defaults
 *   (CSAT_X_OPTIONS_DEFAULT, the size included).
 * - results compared (`const csat_nps_result *` etc.) go in as a dict / table
 *   keyed by the C field names, as they came out (their size set here);
 *   arrays of structs the wrapper allocates (trend changes, gap comparisons,
 *   Pareto categories) have element [0]'s size set and come back as tuples
 *   of dicts / tables of tables; a Kaplan-Meier curve is an owned handle,
 *   its steps one flat array (steps x 8, by point field).
 * Python is built with -threads: the GIL is released around each C call,
 * after the buffers have been acquired. */

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
/* Result fields, one list per struct; each language expands them.          */

%{
#define CSAT_SAMPLE_FIELDS(D, Z, I) Z(n) Z(n_missing) D(n_weighted) D(n_effective)
#define CSAT_NPS_FIELDS(D, Z, I)                                                      \
    D(score) D(promoters) D(passives) D(detractors) D(se) D(ci_lower) D(ci_upper)     \
    D(level) I(method) CSAT_SAMPLE_FIELDS(D, Z, I)
#define CSAT_SHARE_FIELDS(D, Z, I)                                                    \
    D(share) D(score) D(se) D(ci_lower) D(ci_upper) D(level) I(box_min) I(box_max)    \
    CSAT_SAMPLE_FIELDS(D, Z, I)
#define CSAT_MEAN_FIELDS(D, Z, I)                                                     \
    D(score) D(sd) D(se) D(ci_lower) D(ci_upper) D(level) D(df) D(min) D(max)         \
    CSAT_SAMPLE_FIELDS(D, Z, I)
#define CSAT_POINT_FIELDS(D, Z, I) I(value) Z(count) D(weight) D(share) D(cum_share)
#define CSAT_MODEL_FIELDS(D, Z, I)                                                    \
    Z(p) I(intercept) D(r2) D(adj_r2) D(sigma) D(f) D(f_p) D(df_model) D(df_resid)    \
    D(condition) D(level) Z(n) Z(n_missing) D(n_weighted) D(n_effective)
#define CSAT_COEFFICIENT_FIELDS(D, Z, I) D(estimate) D(se) D(t) D(p) D(ci_lower) D(ci_upper)
#define CSAT_DRIVER_FIELDS(D, Z, I) D(beta) D(vif) D(r) D(mean) D(sd)
#define CSAT_COMPARISON_FIELDS(D, Z, I)                                               \
    D(diff) D(se) D(ci_lower) D(ci_upper) D(statistic) D(df) D(p) D(level)
#define CSAT_TREND_FIELDS(D, Z, I)                                                    \
    D(slope) D(se) D(ci_lower) D(ci_upper) D(z) D(p) D(intercept) D(level) Z(waves)
#define CSAT_RANK_FIELDS(D, Z, I) D(percentile) Z(rank) Z(of) Z(below) Z(equal)
#define CSAT_RETENTION_FIELDS(D, Z, I)                                                \
    D(retention) D(churn) D(at_start) D(at_end) D(acquired) D(lost)
#define CSAT_SURVIVAL_POINT_FIELDS(D, Z, I)                                           \
    D(time) D(n_risk) D(n_event) D(n_censor) D(survival) D(se) D(ci_lower) D(ci_upper)
#define CSAT_CURVE_FIELDS(D, Z, I)                                                    \
    Z(n) Z(n_missing) Z(events) Z(steps) D(median) D(median_lower) D(median_upper) D(level)
#define CSAT_RATE_FIELDS(D, Z, I)                                                     \
    D(rate) D(ci_lower) D(ci_upper) D(count) D(exposure) D(per) D(level)
#define CSAT_CATEGORY_FIELDS(D, Z, I) I(code) Z(count) D(share) D(cum_share)
#define CSAT_RESOLUTION_FIELDS(D, Z, I)                                               \
    Z(n) Z(n_open) Z(n_missing) D(mean) D(sd) D(median) D(within_sla) D(km_median)    \
    D(km_within_sla) D(sla)
/* Number of doubles per step in csat_bind_survival_steps (the point fields). */
#define CSAT_BIND_POINT_WIDTH 8

/* Length checks of the arrays that go with the data (weights, item scales). */
static csat_status csat_bind_length(size_t got, size_t want, const char *what,
                                    const char *of, csat_error *err)
{
    if (got == want)
        return CSAT_OK;
    err->code = CSAT_ERR_ARGUMENT;
    err->index = CSAT_NO_INDEX;
    err->column = CSAT_NO_INDEX;
    snprintf(err->message, sizeof err->message,
             "the length of %s (%zu) differs from the number of %s (%zu)", what, got, of, want);
    return CSAT_ERR_ARGUMENT;
}

#define CSAT_BIND_WEIGHTS(n, w, nw, err)                                              \
    do {                                                                              \
        if ((w) != NULL && csat_bind_length((nw), (n), "weights", "answers", (err)))  \
            return CSAT_ERR_ARGUMENT;                                                 \
    } while (0)
%}

/* ------------------------------------------------------------------------ */
/* Python typemaps                                                           */

#if defined(SWIGPYTHON)
%{
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

/* Acquire a C-contiguous float64 buffer of ndim dimensions (0: any). */
static int csat_py_buffer(PyObject *obj, Py_buffer *view, int ndim, int writable,
                          const char *what)
{
    int flags = PyBUF_C_CONTIGUOUS | PyBUF_FORMAT | (writable ? PyBUF_WRITABLE : 0);
    if (PyObject_GetBuffer(obj, view, flags) < 0) {
        if (PyErr_ExceptionMatches(PyExc_TypeError)) {
            PyErr_Clear();
            PyErr_Format(PyExc_TypeError,
                         "%s must be a%s C-contiguous buffer of float64, not %.80s", what,
                         writable ? " writable" : "", Py_TYPE(obj)->tp_name);
        }
        return -1;
    }
    if (!csat_py_is_double(view)) {
        PyErr_Format(PyExc_TypeError, "%s must hold float64 (buffer format 'd'), not '%.20s'",
                     what, view->format ? view->format : "B");
        PyBuffer_Release(view);
        return -1;
    }
    if (ndim != 0 && view->ndim != ndim) {
        PyErr_Format(PyExc_ValueError, "%s must have %d dimension%s, not %d", what, ndim,
                     ndim == 1 ? "" : "s", view->ndim);
        PyBuffer_Release(view);
        return -1;
    }
    return 0;
}

/* An empty buffer may have a NULL pointer; the library wants one only when
 * there is no array at all. */
static const double csat_py_empty[1] = { 0.0 };
#define CSAT_PY_DATA(view) ((view).buf ? (const double *)(view).buf : csat_py_empty)

static PyObject *csat_py_index(size_t i)
{
    if (i != CSAT_NO_INDEX)
        return PyLong_FromSize_t(i);
    Py_INCREF(Py_None);
    return Py_None;
}

/* csat.SingularError (a subclass of ArithmeticError), created when the
 * module is initialised; the type object lives as long as the module. */
static PyObject *csat_py_singular_error = NULL;

static void csat_py_raise(csat_status status, const csat_error *e)
{
    PyObject *singular = csat_py_singular_error ? csat_py_singular_error : PyExc_ArithmeticError;
    PyObject *type = status == CSAT_ERR_NOMEM      ? PyExc_MemoryError
                     : status == CSAT_ERR_SINGULAR ? singular
                     : status == CSAT_ERR_OVERFLOW ? PyExc_OverflowError
                                                   : PyExc_ValueError;
    const char *msg = e->message[0] ? e->message : csat_strerror(status);
    PyObject *exc = PyObject_CallFunction(type, "s", msg);
    if (exc == NULL)
        return;
    PyObject *code = PyLong_FromLong((long)status);
    PyObject *index = csat_py_index(e->index);
    PyObject *column = csat_py_index(e->column);
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
    if (PyErr_Occurred()) { /* the attributes failed: still raise the error itself */
        PyErr_Clear();
    }
    PyErr_SetObject(type, exc);
    Py_DECREF(exc);
}

static int csat_py_put(PyObject *d, const char *key, PyObject *v)
{
    int r = v ? PyDict_SetItemString(d, key, v) : -1;
    Py_XDECREF(v);
    return r;
}

/* The same with the key made once: an interned str kept in *key (a static of
 * each field's expansion; set under the GIL), which saves building, hashing
 * and interning every key of every result dict again. */
static int csat_py_put_key(PyObject *d, PyObject **key, const char *name, PyObject *v)
{
    int r;
    if (v == NULL)
        return -1;
    if (*key == NULL && (*key = PyUnicode_InternFromString(name)) == NULL) {
        Py_DECREF(v);
        return -1;
    }
    r = PyDict_SetItem(d, *key, v);
    Py_DECREF(v);
    return r;
}

#define CSAT_PY_PUT(f, v)                                                             \
    {                                                                                 \
        static PyObject *key_ = NULL;                                                 \
        if (csat_py_put_key(d, &key_, #f, v) < 0)                                     \
            goto fail;                                                                \
    }
#define CSAT_PY_D(f) CSAT_PY_PUT(f, PyFloat_FromDouble(r->f))
#define CSAT_PY_Z(f) CSAT_PY_PUT(f, PyLong_FromSize_t(r->f))
#define CSAT_PY_I(f) CSAT_PY_PUT(f, PyLong_FromLong((long)r->f))
#define CSAT_PY_DICT(name, type, FIELDS)                                              \
    static PyObject *name(const type *r)                                              \
    {                                                                                 \
        PyObject *d = PyDict_New();                                                   \
        if (d == NULL)                                                                \
            return NULL;                                                              \
        FIELDS(CSAT_PY_D, CSAT_PY_Z, CSAT_PY_I)                                       \
        return d;                                                                     \
    fail:                                                                             \
        Py_DECREF(d);                                                                 \
        return NULL;                                                                  \
    }

CSAT_PY_DICT(csat_py_sample, csat_sample, CSAT_SAMPLE_FIELDS)
CSAT_PY_DICT(csat_py_nps, csat_nps_result, CSAT_NPS_FIELDS)
CSAT_PY_DICT(csat_py_share, csat_share_result, CSAT_SHARE_FIELDS)
CSAT_PY_DICT(csat_py_mean, csat_mean_result, CSAT_MEAN_FIELDS)
CSAT_PY_DICT(csat_py_point, csat_point, CSAT_POINT_FIELDS)
CSAT_PY_DICT(csat_py_model, csat_model_summary, CSAT_MODEL_FIELDS)
CSAT_PY_DICT(csat_py_coefficient, csat_coefficient, CSAT_COEFFICIENT_FIELDS)
CSAT_PY_DICT(csat_py_driver, csat_driver_info, CSAT_DRIVER_FIELDS)

/* Arrays allocated by a wrapper, returned as tuples (a tuple, unlike a list,
 * is not merged with the next output by SWIG_Python_AppendOutput). */
static PyObject *csat_py_doubles(const double *a, size_t len)
{
    size_t i;
    PyObject *t = PyTuple_New((Py_ssize_t)len);
    for (i = 0; t != NULL && i < len; i++) {
        PyObject *v = PyFloat_FromDouble(a[i]);
        if (v == NULL) {
            Py_DECREF(t);
            return NULL;
        }
        PyTuple_SET_ITEM(t, (Py_ssize_t)i, v);
    }
    return t;
}

static PyObject *csat_py_ints(const int *a, size_t len)
{
    size_t i;
    PyObject *t = PyTuple_New((Py_ssize_t)len);
    for (i = 0; t != NULL && i < len; i++) {
        PyObject *v = PyLong_FromLong((long)a[i]);
        if (v == NULL) {
            Py_DECREF(t);
            return NULL;
        }
        PyTuple_SET_ITEM(t, (Py_ssize_t)i, v);
    }
    return t;
}

static PyObject *csat_py_ces(const csat_mean_result *effort, const csat_share_result *low_effort)
{
    PyObject *d = PyDict_New();
    if (d == NULL)
        return NULL;
    if (csat_py_put(d, "effort", csat_py_mean(effort)) < 0 ||
        csat_py_put(d, "low_effort", csat_py_share(low_effort)) < 0) {
        Py_DECREF(d);
        return NULL;
    }
    return d;
}
%}

%typemap(out) csat_status "$result = SWIG_Py_Void();"

%typemap(in, numinputs=0) csat_error *err (csat_error temp) {
  memset(&temp, 0, sizeof temp);
  $1 = &temp;
}
%typemap(argout) csat_error *err {
  if (result != CSAT_OK) {
    Py_XDECREF($result);
    $result = NULL;
    csat_py_raise(result, $1);
    SWIG_fail;
  }
}

/* Data: a 1-D float64 buffer, used in place. */
%typemap(in) (const double *x, size_t n) (Py_buffer view, int got = 0) {
  if (csat_py_buffer($input, &view, 1, 0, "values") < 0)
    SWIG_fail;
  got = 1;
  $1 = ($1_ltype)CSAT_PY_DATA(view);
  $2 = (size_t)(view.len / (Py_ssize_t)sizeof(double));
}
%typemap(freearg) (const double *x, size_t n) {
  if (got$argnum)
    PyBuffer_Release(&view$argnum);
}

/* Optional array (weights...): None is NULL. */
%typemap(in) (const double *w, size_t nw) (Py_buffer view, int got = 0) {
  if ($input == Py_None) {
    $1 = NULL;
    $2 = 0;
  } else {
    if (csat_py_buffer($input, &view, 1, 0, "weights") < 0)
      SWIG_fail;
    got = 1;
    $1 = ($1_ltype)CSAT_PY_DATA(view);
    $2 = (size_t)(view.len / (Py_ssize_t)sizeof(double));
  }
}
%typemap(freearg) (const double *w, size_t nw) {
  if (got$argnum)
    PyBuffer_Release(&view$argnum);
}

/* Matrix: a 2-D C-contiguous float64 buffer (rows × items), in place. */
%typemap(in) (const double *x, size_t n, size_t k, size_t ld) (Py_buffer view, int got = 0) {
  if (csat_py_buffer($input, &view, 2, 0, "items") < 0)
    SWIG_fail;
  got = 1;
  $1 = ($1_ltype)CSAT_PY_DATA(view);
  $2 = (size_t)view.shape[0];
  $3 = (size_t)view.shape[1];
  $4 = $3;
}
%typemap(freearg) (const double *x, size_t n, size_t k, size_t ld) {
  if (got$argnum)
    PyBuffer_Release(&view$argnum);
}

/* Drivers: a 2-D C-contiguous float64 buffer (rows × drivers), in place. */
%typemap(in) (const double *x, size_t n, size_t p, size_t ld) (Py_buffer view, int got = 0) {
  if (csat_py_buffer($input, &view, 2, 0, "X") < 0)
    SWIG_fail;
  got = 1;
  $1 = ($1_ltype)CSAT_PY_DATA(view);
  $2 = (size_t)view.shape[0];
  $3 = (size_t)view.shape[1];
  $4 = $3;
}
%typemap(freearg) (const double *x, size_t n, size_t p, size_t ld) {
  if (got$argnum)
    PyBuffer_Release(&view$argnum);
}

/* Arrays a wrapper allocates with malloc: returned as a tuple, then freed. */
%typemap(in, numinputs=0) (double **vals, size_t *nvals) (double *buf = NULL, size_t len = 0) {
  $1 = &buf;
  $2 = &len;
}
%typemap(argout) (double **vals, size_t *nvals) {
  if (result == CSAT_OK) {
    PyObject *o = csat_py_doubles(*$1, *$2);
    if (o == NULL) {
      Py_XDECREF($result);
      $result = NULL;
      SWIG_fail;
    }
    $result = SWIG_Python_AppendOutput($result, o);
  }
}
%typemap(freearg) (double **vals, size_t *nvals) {
  if ($1)
    free(*$1);
}

%typemap(in, numinputs=0) (int **ivals, size_t *nivals) (int *buf = NULL, size_t len = 0) {
  $1 = &buf;
  $2 = &len;
}
%typemap(argout) (int **ivals, size_t *nivals) {
  if (result == CSAT_OK) {
    PyObject *o = csat_py_ints(*$1, *$2);
    if (o == NULL) {
      Py_XDECREF($result);
      $result = NULL;
      SWIG_fail;
    }
    $result = SWIG_Python_AppendOutput($result, o);
  }
}
%typemap(freearg) (int **ivals, size_t *nivals) {
  if ($1)
    free(*$1);
}

/* A count returned as an int. */
%typemap(in, numinputs=0) size_t *count (size_t temp = 0) {
  $1 = &temp;
}
%typemap(argout) size_t *count {
  if (result == CSAT_OK) {
    PyObject *o = PyLong_FromSize_t(*$1);
    if (o == NULL) {
      Py_XDECREF($result);
      $result = NULL;
      SWIG_fail;
    }
    $result = SWIG_Python_AppendOutput($result, o);
  }
}

/* Distribution outputs: one writable float64 buffer of 3 × len, filled in
 * place (counts, weights, shares). */
%typemap(in) (double *counts, double *weights, double *shares, size_t len) (Py_buffer view, int got = 0) {
  size_t total;
  if (csat_py_buffer($input, &view, 0, 1, "out") < 0)
    SWIG_fail;
  got = 1;
  total = (size_t)(view.len / (Py_ssize_t)sizeof(double));
  if (total == 0 || total % 3 != 0) {
    PyErr_SetString(PyExc_ValueError, "out must hold 3 × (number of scale points) float64");
    SWIG_fail;
  }
  $4 = total / 3;
  $1 = (double *)view.buf;
  $2 = $1 + $4;
  $3 = $2 + $4;
}
%typemap(freearg) (double *counts, double *weights, double *shares, size_t len) {
  if (got$argnum)
    PyBuffer_Release(&view$argnum);
}

/* Serialized bytes in: any contiguous bytes-like object. */
%typemap(in) (const void *buf, size_t len) (Py_buffer view, int got = 0) {
  if (PyObject_GetBuffer($input, &view, PyBUF_SIMPLE) < 0)
    SWIG_fail;
  got = 1;
  $1 = view.buf;
  $2 = (size_t)view.len;
}
%typemap(freearg) (const void *buf, size_t len) {
  if (got$argnum)
    PyBuffer_Release(&view$argnum);
}

/* Serialized bytes out. */
%typemap(in, numinputs=0) (void **bytes, size_t *nbytes) (void *buf = NULL, size_t len = 0) {
  $1 = &buf;
  $2 = &len;
}
%typemap(argout) (void **bytes, size_t *nbytes) {
  if (result == CSAT_OK) {
    PyObject *o = PyBytes_FromStringAndSize((const char *)*$1, (Py_ssize_t)*$2);
    if (o == NULL) {
      Py_XDECREF($result);
      $result = NULL;
      SWIG_fail;
    }
    $result = SWIG_Python_AppendOutput($result, o);
  }
}
%typemap(freearg) (void **bytes, size_t *nbytes) {
  if ($1)
    free(*$1);
}

/* A new tally, owned by the Python object. */
%typemap(in, numinputs=0) csat_tally **out (csat_tally *temp = NULL) {
  $1 = &temp;
}
%typemap(argout) csat_tally **out {
  if (result == CSAT_OK) {
    PyObject *o = SWIG_NewPointerObj(SWIG_as_voidptr(*$1), $descriptor(csat_tally *), SWIG_POINTER_OWN);
    if (o == NULL) {
      csat_tally_free(*$1);
      Py_XDECREF($result);
      $result = NULL;
      SWIG_fail;
    }
    $result = SWIG_Python_AppendOutput($result, o);
  }
}

%typemap(in, numinputs=0) (int *min, int *max) (int lo = 0, int hi = 0) {
  $1 = &lo;
  $2 = &hi;
}
%typemap(argout) (int *min, int *max) {
  if (result == CSAT_OK) {
    PyObject *o = Py_BuildValue("(ii)", *$1, *$2);
    if (o == NULL) {
      Py_XDECREF($result);
      $result = NULL;
      SWIG_fail;
    }
    $result = SWIG_Python_AppendOutput($result, o);
  }
}

%define CSAT_RESULT_OUT(TYPE, CONVERT)
%typemap(in, numinputs=0) TYPE *out (TYPE temp) {
  memset(&temp, 0, sizeof temp);
  temp.size = sizeof temp;
  $1 = &temp;
}
%typemap(argout) TYPE *out {
  if (result == CSAT_OK) {
    PyObject *o = CONVERT($1);
    if (o == NULL) {
      Py_XDECREF($result);
      $result = NULL;
      SWIG_fail;
    }
    $result = SWIG_Python_AppendOutput($result, o);
  }
}
%enddef

CSAT_RESULT_OUT(csat_sample, csat_py_sample)
CSAT_RESULT_OUT(csat_nps_result, csat_py_nps)
CSAT_RESULT_OUT(csat_share_result, csat_py_share)
CSAT_RESULT_OUT(csat_mean_result, csat_py_mean)
CSAT_RESULT_OUT(csat_point, csat_py_point)
CSAT_RESULT_OUT(csat_model_summary, csat_py_model)
CSAT_RESULT_OUT(csat_coefficient, csat_py_coefficient)
CSAT_RESULT_OUT(csat_driver_info, csat_py_driver)

/* CES: the mean effort and the low-effort share, one dict {effort, low_effort}. */
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
  if (result == CSAT_OK) {
    PyObject *o = csat_py_ces($1, $2);
    if (o == NULL) {
      Py_XDECREF($result);
      $result = NULL;
      SWIG_fail;
    }
    $result = SWIG_Python_AppendOutput($result, o);
  }
}

/* A new handle, owned by the Python object (freed by its destructor). */
%define CSAT_HANDLE_OUT(TYPE, FREE)
%typemap(in, numinputs=0) TYPE **out (TYPE *temp = NULL) {
  $1 = &temp;
}
%typemap(argout) TYPE **out {
  if (result == CSAT_OK) {
    PyObject *o = SWIG_NewPointerObj(SWIG_as_voidptr(*$1), $descriptor(TYPE *), SWIG_POINTER_OWN);
    if (o == NULL) {
      FREE(*$1);
      Py_XDECREF($result);
      $result = NULL;
      SWIG_fail;
    }
    $result = SWIG_Python_AppendOutput($result, o);
  }
}
%enddef

CSAT_HANDLE_OUT(csat_moments, csat_moments_free)
CSAT_HANDLE_OUT(csat_xprod, csat_xprod_free)
CSAT_HANDLE_OUT(csat_drivers, csat_drivers_free)

/* Python raises for every error. */
%apply csat_error *err { csat_error *perr };

/* ------------------------------------------------------------------------ */
/* Python: comparisons and business measures.                               */

%{
CSAT_PY_DICT(csat_py_comparison, csat_comparison, CSAT_COMPARISON_FIELDS)
CSAT_PY_DICT(csat_py_trend, csat_trend_result, CSAT_TREND_FIELDS)
CSAT_PY_DICT(csat_py_rank, csat_rank_result, CSAT_RANK_FIELDS)
CSAT_PY_DICT(csat_py_retention, csat_retention_result, CSAT_RETENTION_FIELDS)
CSAT_PY_DICT(csat_py_survival_point, csat_survival_point, CSAT_SURVIVAL_POINT_FIELDS)
CSAT_PY_DICT(csat_py_curve, csat_curve_summary, CSAT_CURVE_FIELDS)
CSAT_PY_DICT(csat_py_rate, csat_rate_result, CSAT_RATE_FIELDS)
CSAT_PY_DICT(csat_py_category, csat_category_count, CSAT_CATEGORY_FIELDS)
CSAT_PY_DICT(csat_py_resolution, csat_resolution_result, CSAT_RESOLUTION_FIELDS)

static PyObject *csat_py_reviews(const csat_reviews_result *r, const csat_mean_result *rating,
                                 const csat_share_result *positive)
{
    PyObject *d = PyDict_New();
    if (d == NULL)
        return NULL;
    if (csat_py_put(d, "rating", csat_py_mean(rating)) < 0 ||
        csat_py_put(d, "bayesian_average", PyFloat_FromDouble(r->bayesian_average)) < 0 ||
        csat_py_put(d, "positive", csat_py_share(positive)) < 0 ||
        csat_py_put(d, "wilson_lower", PyFloat_FromDouble(r->wilson_lower)) < 0) {
        Py_DECREF(d);
        return NULL;
    }
    return d;
}

/* A tuple of dicts, one per element of an array of structs. */
#define CSAT_PY_TUPLE(name, type, convert)                                            \
    static PyObject *name(const type *a, size_t len)                                  \
    {                                                                                 \
        size_t i;                                                                     \
        PyObject *t = PyTuple_New((Py_ssize_t)len);                                   \
        for (i = 0; t != NULL && i < len; i++) {                                      \
            PyObject *v = convert(&a[i]);                                             \
            if (v == NULL) {                                                          \
                Py_DECREF(t);                                                         \
                return NULL;                                                          \
            }                                                                         \
            PyTuple_SET_ITEM(t, (Py_ssize_t)i, v);                                    \
        }                                                                             \
        return t;                                                                     \
    }

CSAT_PY_TUPLE(csat_py_comparisons, csat_comparison, csat_py_comparison)
CSAT_PY_TUPLE(csat_py_categories, csat_category_count, csat_py_category)

static PyObject *csat_py_sizes(const size_t *a, size_t len)
{
    size_t i;
    PyObject *t = PyTuple_New((Py_ssize_t)len);
    for (i = 0; t != NULL && i < len; i++) {
        PyObject *v = PyLong_FromSize_t(a[i]);
        if (v == NULL) {
            Py_DECREF(t);
            return NULL;
        }
        PyTuple_SET_ITEM(t, (Py_ssize_t)i, v);
    }
    return t;
}

/* Results in: a dict keyed by the C field names (as the result dicts out,
 * and as csat's result objects give them with _to_c()). */
static PyObject *csat_py_field(PyObject *d, const char *what, const char *key)
{
    PyObject *v = PyDict_GetItemString(d, key); /* borrowed */
    if (v == NULL)
        PyErr_Format(PyExc_TypeError, "%s has no field '%s'", what, key);
    return v;
}

static int csat_py_read_d(PyObject *d, const char *what, const char *key, double *out)
{
    PyObject *v = csat_py_field(d, what, key);
    double x;
    if (v == NULL)
        return -1;
    x = PyFloat_AsDouble(v);
    if (x == -1.0 && PyErr_Occurred())
        return -1;
    *out = x;
    return 0;
}

static int csat_py_read_z(PyObject *d, const char *what, const char *key, size_t *out)
{
    PyObject *v = csat_py_field(d, what, key);
    size_t x;
    if (v == NULL)
        return -1;
    x = PyLong_AsSize_t(v);
    if (x == (size_t)-1 && PyErr_Occurred())
        return -1;
    *out = x;
    return 0;
}

static int csat_py_read_l(PyObject *d, const char *what, const char *key, long *out)
{
    PyObject *v = csat_py_field(d, what, key);
    long x;
    if (v == NULL)
        return -1;
    x = PyLong_AsLong(v);
    if (x == -1 && PyErr_Occurred())
        return -1;
    if (x < INT_MIN || x > INT_MAX) {
        PyErr_Format(PyExc_OverflowError, "%s field '%s' is out of range", what, key);
        return -1;
    }
    *out = x;
    return 0;
}

#define CSAT_PYR_D(f) if (csat_py_read_d(o, what, #f, &r->f) < 0) return -1;
#define CSAT_PYR_Z(f) if (csat_py_read_z(o, what, #f, &r->f) < 0) return -1;
#define CSAT_PYR_I(f)                                                                 \
    {                                                                                 \
        long v_ = 0;                                                                  \
        if (csat_py_read_l(o, what, #f, &v_) < 0)                                     \
            return -1;                                                                \
        r->f = (int)v_;                                                               \
    }
#define CSAT_PY_READER(name, type, FIELDS, label)                                     \
    static int name(PyObject *o, type *r)                                             \
    {                                                                                 \
        const char *what = label;                                                     \
        if (!PyDict_Check(o)) {                                                       \
            PyErr_Format(PyExc_TypeError, "%s must be a dict of its fields, not %.80s", \
                         what, Py_TYPE(o)->tp_name);                                  \
            return -1;                                                                \
        }                                                                             \
        FIELDS(CSAT_PYR_D, CSAT_PYR_Z, CSAT_PYR_I)                                    \
        return 0;                                                                     \
    }

CSAT_PY_READER(csat_py_read_nps, csat_nps_result, CSAT_NPS_FIELDS, "an NPS result")
CSAT_PY_READER(csat_py_read_share, csat_share_result, CSAT_SHARE_FIELDS, "a share result")
CSAT_PY_READER(csat_py_read_mean, csat_mean_result, CSAT_MEAN_FIELDS, "a mean result")
%}

%define CSAT_RESULT_IN(TYPE, READ)
%typemap(in) const TYPE * (TYPE temp) {
  memset(&temp, 0, sizeof temp);
  if (READ($input, &temp) < 0)
    SWIG_fail;
  temp.size = sizeof temp;
  $1 = &temp;
}
%enddef
CSAT_RESULT_IN(csat_nps_result, csat_py_read_nps)
CSAT_RESULT_IN(csat_share_result, csat_py_read_share)
CSAT_RESULT_IN(csat_mean_result, csat_py_read_mean)

CSAT_RESULT_OUT(csat_comparison, csat_py_comparison)
CSAT_RESULT_OUT(csat_trend_result, csat_py_trend)
CSAT_RESULT_OUT(csat_rank_result, csat_py_rank)
CSAT_RESULT_OUT(csat_retention_result, csat_py_retention)
CSAT_RESULT_OUT(csat_survival_point, csat_py_survival_point)
CSAT_RESULT_OUT(csat_curve_summary, csat_py_curve)
CSAT_RESULT_OUT(csat_rate_result, csat_py_rate)
CSAT_RESULT_OUT(csat_resolution_result, csat_py_resolution)
CSAT_HANDLE_OUT(csat_survival, csat_survival_free)

/* Reviews: the summary, the mean rating and the positive share, one dict
 * {rating, bayesian_average, positive, wilson_lower}. */
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
  if (result == CSAT_OK) {
    PyObject *o = csat_py_reviews($1, $2, $3);
    if (o == NULL) {
      Py_XDECREF($result);
      $result = NULL;
      SWIG_fail;
    }
    $result = SWIG_Python_AppendOutput($result, o);
  }
}

/* A sample described by the name `sample` (complaints). */
%apply csat_sample *out { csat_sample *sample };

/* A scalar result. */
%typemap(in, numinputs=0) double *out (double temp = 0.0) {
  $1 = &temp;
}
%typemap(argout) double *out {
  if (result == CSAT_OK) {
    PyObject *o = PyFloat_FromDouble(*$1);
    if (o == NULL) {
      Py_XDECREF($result);
      $result = NULL;
      SWIG_fail;
    }
    $result = SWIG_Python_AppendOutput($result, o);
  }
}

/* Named 1-D arrays (the name appears in conversion errors): required, and
 * optional (None is NULL). */
%typemap(in) (const double *ARRAY, size_t NARRAY) (Py_buffer view, int got = 0) {
  if (csat_py_buffer($input, &view, 1, 0, "$1_name") < 0)
    SWIG_fail;
  got = 1;
  $1 = ($1_ltype)CSAT_PY_DATA(view);
  $2 = (size_t)(view.len / (Py_ssize_t)sizeof(double));
}
%typemap(freearg) (const double *ARRAY, size_t NARRAY) {
  if (got$argnum)
    PyBuffer_Release(&view$argnum);
}
%typemap(in) (const double *OPTARRAY, size_t NOPTARRAY) (Py_buffer view, int got = 0) {
  if ($input == Py_None) {
    $1 = NULL;
    $2 = 0;
  } else {
    if (csat_py_buffer($input, &view, 1, 0, "$1_name") < 0)
      SWIG_fail;
    got = 1;
    $1 = ($1_ltype)CSAT_PY_DATA(view);
    $2 = (size_t)(view.len / (Py_ssize_t)sizeof(double));
  }
}
%typemap(freearg) (const double *OPTARRAY, size_t NOPTARRAY) {
  if (got$argnum)
    PyBuffer_Release(&view$argnum);
}

/* A named matrix: a 2-D C-contiguous float64 buffer, in place. */
%typemap(in) (const double *MATRIX, size_t MROWS, size_t MCOLS, size_t MLD) (Py_buffer view, int got = 0) {
  if (csat_py_buffer($input, &view, 2, 0, "$1_name") < 0)
    SWIG_fail;
  got = 1;
  $1 = ($1_ltype)CSAT_PY_DATA(view);
  $2 = (size_t)view.shape[0];
  $3 = (size_t)view.shape[1];
  $4 = $3;
}
%typemap(freearg) (const double *MATRIX, size_t MROWS, size_t MCOLS, size_t MLD) {
  if (got$argnum)
    PyBuffer_Release(&view$argnum);
}

/* Arrays of structs or counts a wrapper allocates: tuples, then freed. */
%typemap(in, numinputs=0) (csat_comparison **cmps, size_t *ncmps) (csat_comparison *buf = NULL, size_t len = 0) {
  $1 = &buf;
  $2 = &len;
}
%typemap(argout) (csat_comparison **cmps, size_t *ncmps) {
  if (result == CSAT_OK) {
    PyObject *o = csat_py_comparisons(*$1, *$2);
    if (o == NULL) {
      Py_XDECREF($result);
      $result = NULL;
      SWIG_fail;
    }
    $result = SWIG_Python_AppendOutput($result, o);
  }
}
%typemap(freearg) (csat_comparison **cmps, size_t *ncmps) {
  if ($1)
    free(*$1);
}

%typemap(in, numinputs=0) (csat_category_count **cats, size_t *ncats) (csat_category_count *buf = NULL, size_t len = 0) {
  $1 = &buf;
  $2 = &len;
}
%typemap(argout) (csat_category_count **cats, size_t *ncats) {
  if (result == CSAT_OK) {
    PyObject *o = csat_py_categories(*$1, *$2);
    if (o == NULL) {
      Py_XDECREF($result);
      $result = NULL;
      SWIG_fail;
    }
    $result = SWIG_Python_AppendOutput($result, o);
  }
}
%typemap(freearg) (csat_category_count **cats, size_t *ncats) {
  if ($1)
    free(*$1);
}

%typemap(in, numinputs=0) (size_t **zvals, size_t *nzvals) (size_t *buf = NULL, size_t len = 0) {
  $1 = &buf;
  $2 = &len;
}
%typemap(argout) (size_t **zvals, size_t *nzvals) {
  if (result == CSAT_OK) {
    PyObject *o = csat_py_sizes(*$1, *$2);
    if (o == NULL) {
      Py_XDECREF($result);
      $result = NULL;
      SWIG_fail;
    }
    $result = SWIG_Python_AppendOutput($result, o);
  }
}
%typemap(freearg) (size_t **zvals, size_t *nzvals) {
  if ($1)
    free(*$1);
}

%init %{
  csat_py_singular_error = PyErr_NewExceptionWithDoc(
      "csat.SingularError",
      "A singular or rank-deficient design: a constant driver or outcome, or a driver\n"
      "that is a linear combination of others (`column` is its 0-based index).",
      PyExc_ArithmeticError, NULL);
  if (csat_py_singular_error == NULL) {
#if PY_VERSION_HEX >= 0x03000000
    return NULL;
#else
    return;
#endif
  }
  Py_INCREF(csat_py_singular_error);
  if (PyModule_AddObject(m, "SingularError", csat_py_singular_error) < 0) {
    Py_DECREF(csat_py_singular_error);
#if PY_VERSION_HEX >= 0x03000000
    return NULL;
#else
    return;
#endif
  }
%}

#endif /* SWIGPYTHON */

/* ------------------------------------------------------------------------ */
/* Lua typemaps. Arrays are copied into userdata on the Lua stack, so an     */
/* error (which longjmps) never leaks them.                                 */

#if defined(SWIGLUA)
%{
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

/* Copy the numbers t[1..#t] of the table at idx; pushes the copy. */
static int csat_lua_doubles(lua_State *L, int idx, const char *what, double **out, size_t *len)
{
    lua_Unsigned m, i;
    double *buf;
    idx = lua_absindex(L, idx);
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
    *out = buf;
    *len = (size_t)m;
    return 0;
}

/* Copy a table of rows (each a table of k numbers) into a row-major matrix.
 * `what` names the argument ("items"), `unit` the numbers of a row
 * ("items") and `row` what a row holds ("item answers"). */
static int csat_lua_matrix(lua_State *L, int idx, const char *what, const char *unit,
                           const char *row, double **out, size_t *rows, size_t *cols)
{
    lua_Unsigned n, k = 0, i, j;
    double *buf;
    idx = lua_absindex(L, idx);
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
    *out = buf;
    *rows = (size_t)n;
    *cols = (size_t)k;
    return 0;
}

/* An integer argument: a number with an integral value within int's range. */
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

/* A count or index argument: a number with an integral value >= 0. */
static int csat_lua_size(lua_State *L, int idx, size_t *out)
{
    int ok = 0;
    lua_Integer v = lua_type(L, idx) == LUA_TNUMBER ? lua_tointegerx(L, idx, &ok) : 0;
    if (!ok || v < 0 || (lua_Unsigned)v > (lua_Unsigned)SIZE_MAX) {
        lua_pushfstring(L, "expected a non-negative integer, got %s", luaL_tolstring(L, idx, NULL));
        return -1;
    }
    *out = (size_t)v;
    return 0;
}

/* A real argument or option field: a Lua number only. Lua's own test,
 * lua_isnumber, also accepts a string that converts ("0.9"), which would be
 * read as a number without a word. */
static int csat_lua_isreal(lua_State *L, int idx)
{
    return lua_type(L, idx) == LUA_TNUMBER;
}

/* An enumeration value: a number with an integral value. */
static int csat_lua_isenum(lua_State *L, int idx)
{
    int ok = 0;
    if (lua_type(L, idx) == LUA_TNUMBER)
        (void)lua_tointegerx(L, idx, &ok);
    return ok;
}

/* A seed: an integer >= 0 (Lua integers reach 2^63 - 1). */
static int csat_lua_uint64(lua_State *L, int idx, uint64_t *out)
{
    int ok = 0;
    lua_Integer v = lua_type(L, idx) == LUA_TNUMBER ? lua_tointegerx(L, idx, &ok) : 0;
    if (!ok || v < 0) {
        lua_pushfstring(L, "expected a non-negative integer, got %s", luaL_tolstring(L, idx, NULL));
        return -1;
    }
    *out = (uint64_t)v;
    return 0;
}

static void csat_lua_error(lua_State *L, csat_status status, const csat_error *e)
{
    lua_pushstring(L, e->message[0] ? e->message : csat_strerror(status));
}

#define CSAT_LUA_D(f) lua_pushnumber(L, (lua_Number)r->f); lua_setfield(L, -2, #f);
#define CSAT_LUA_Z(f) lua_pushinteger(L, (lua_Integer)r->f); lua_setfield(L, -2, #f);
#define CSAT_LUA_I(f) lua_pushinteger(L, (lua_Integer)r->f); lua_setfield(L, -2, #f);
#define CSAT_LUA_TABLE(name, type, FIELDS)                                            \
    static void name(lua_State *L, const type *r)                                     \
    {                                                                                 \
        lua_createtable(L, 0, 16);                                                    \
        FIELDS(CSAT_LUA_D, CSAT_LUA_Z, CSAT_LUA_I)                                    \
    }

CSAT_LUA_TABLE(csat_lua_sample, csat_sample, CSAT_SAMPLE_FIELDS)
CSAT_LUA_TABLE(csat_lua_nps, csat_nps_result, CSAT_NPS_FIELDS)
CSAT_LUA_TABLE(csat_lua_share, csat_share_result, CSAT_SHARE_FIELDS)
CSAT_LUA_TABLE(csat_lua_mean, csat_mean_result, CSAT_MEAN_FIELDS)
CSAT_LUA_TABLE(csat_lua_point, csat_point, CSAT_POINT_FIELDS)
CSAT_LUA_TABLE(csat_lua_model, csat_model_summary, CSAT_MODEL_FIELDS)
CSAT_LUA_TABLE(csat_lua_coefficient, csat_coefficient, CSAT_COEFFICIENT_FIELDS)
CSAT_LUA_TABLE(csat_lua_driver, csat_driver_info, CSAT_DRIVER_FIELDS)

static void csat_lua_ces(lua_State *L, const csat_mean_result *effort,
                         const csat_share_result *low_effort)
{
    lua_createtable(L, 0, 2);
    csat_lua_mean(L, effort);
    lua_setfield(L, -2, "effort");
    csat_lua_share(L, low_effort);
    lua_setfield(L, -2, "low_effort");
}

static void csat_lua_array(lua_State *L, const double *a, size_t len)
{
    size_t i;
    lua_createtable(L, len > INT_MAX ? INT_MAX : (int)len, 0);
    for (i = 0; i < len; i++) {
        lua_pushnumber(L, a[i]);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
}

static void csat_lua_int_array(lua_State *L, const int *a, size_t len)
{
    size_t i;
    lua_createtable(L, len > INT_MAX ? INT_MAX : (int)len, 0);
    for (i = 0; i < len; i++) {
        lua_pushinteger(L, (lua_Integer)a[i]);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
}
%}

/* Integers stay Lua integers (SWIG's default returns floats)... */
%typemap(out) int, unsigned, size_t "lua_pushinteger(L, (lua_Integer)$1); SWIG_arg++;"

/* ...and are checked, never truncated (Lua's default would cut 9.5 to 9). */
%typemap(in) int {
  if (csat_lua_int(L, $input, &$1) < 0)
    SWIG_fail;
}
%typemap(in) size_t {
  if (csat_lua_size(L, $input, &$1) < 0)
    SWIG_fail;
}
%typemap(in) uint64_t {
  if (csat_lua_uint64(L, $input, &$1) < 0)
    SWIG_fail;
}
%typemap(out) uint64_t "lua_pushinteger(L, (lua_Integer)$1); SWIG_arg++;"

/* Reals and enumerations are numbers, never strings that convert. */
%typemap(in, checkfn="csat_lua_isreal") double "$1 = (double)lua_tonumber(L, $input);"
%typemap(in, checkfn="csat_lua_isenum") enum SWIGTYPE
  "$1 = ($type)lua_tointeger(L, $input);"

%typemap(out) csat_status ""

%typemap(in, numinputs=0) csat_error *err (csat_error temp) {
  memset(&temp, 0, sizeof temp);
  $1 = &temp;
}
%typemap(argout) csat_error *err {
  if (result != CSAT_OK) {
    csat_lua_push_error(L, result, $1->message[0] ? $1->message : csat_strerror(result),
                        $1->index, $1->column, 0);
    SWIG_fail;
  }
}

/* Errors returned, not raised: nil, message, code, index, column. */
%typemap(in, numinputs=0) csat_error *perr (csat_error temp) {
  memset(&temp, 0, sizeof temp);
  $1 = &temp;
}
%typemap(argout) csat_error *perr {
  if (result != CSAT_OK) {
    luaL_checkstack(L, 5, NULL);
    lua_pushnil(L);
    csat_lua_error(L, result, $1);
    lua_pushinteger(L, (lua_Integer)result);
    csat_lua_index(L, $1->index);
    csat_lua_index(L, $1->column);
    SWIG_arg += 5;
  }
}

%typemap(in) (const double *x, size_t n) {
  double *data = NULL;
  size_t len = 0;
  if (csat_lua_doubles(L, $input, "values", &data, &len) < 0)
    SWIG_fail;
  $1 = data;
  $2 = len;
}

%typemap(in) (const double *w, size_t nw) {
  double *data = NULL;
  size_t len = 0;
  if (!lua_isnil(L, $input)) {
    if (csat_lua_doubles(L, $input, "weights", &data, &len) < 0)
      SWIG_fail;
  }
  $1 = data;
  $2 = len;
}

%typemap(in) (const double *x, size_t n, size_t k, size_t ld) {
  double *data = NULL;
  size_t rows = 0, cols = 0;
  if (csat_lua_matrix(L, $input, "items", "items", "item answers", &data, &rows, &cols) < 0)
    SWIG_fail;
  $1 = data;
  $2 = rows;
  $3 = cols;
  $4 = cols;
}

%typemap(in) (const double *x, size_t n, size_t p, size_t ld) {
  double *data = NULL;
  size_t rows = 0, cols = 0;
  if (csat_lua_matrix(L, $input, "rows", "values", "driver values", &data, &rows, &cols) < 0)
    SWIG_fail;
  $1 = data;
  $2 = rows;
  $3 = cols;
  $4 = cols;
}

/* Arrays a wrapper allocates with malloc: returned as tables, then freed. */
%typemap(in, numinputs=0) (double **vals, size_t *nvals) (double *buf = NULL, size_t len = 0) {
  $1 = &buf;
  $2 = &len;
}
%typemap(argout) (double **vals, size_t *nvals) {
  if (result == CSAT_OK) {
    csat_lua_array(L, *$1, *$2);
    SWIG_arg++;
  }
}
%typemap(freearg) (double **vals, size_t *nvals) {
  if ($1)
    free(*$1);
}

%typemap(in, numinputs=0) (int **ivals, size_t *nivals) (int *buf = NULL, size_t len = 0) {
  $1 = &buf;
  $2 = &len;
}
%typemap(argout) (int **ivals, size_t *nivals) {
  if (result == CSAT_OK) {
    csat_lua_int_array(L, *$1, *$2);
    SWIG_arg++;
  }
}
%typemap(freearg) (int **ivals, size_t *nivals) {
  if ($1)
    free(*$1);
}

%typemap(in, numinputs=0) size_t *count (size_t temp = 0) {
  $1 = &temp;
}
%typemap(argout) size_t *count {
  if (result == CSAT_OK) {
    lua_pushinteger(L, (lua_Integer)*$1);
    SWIG_arg++;
  }
}

/* Distribution outputs: the input is the number of scale points; the three
 * arrays are returned as tables. */
%typemap(in) (double *counts, double *weights, double *shares, size_t len) {
  int ok = 0;
  lua_Integer m = lua_tointegerx(L, $input, &ok);
  if (!ok || m < 1 || (lua_Unsigned)m > (lua_Unsigned)(SIZE_MAX / (3 * sizeof(double)))) {
    lua_pushliteral(L, "the number of scale points must be a positive integer");
    SWIG_fail;
  }
  $4 = (size_t)m;
  $1 = (double *)lua_newuserdatauv(L, 3 * $4 * sizeof(double), 0);
  $2 = $1 + $4;
  $3 = $2 + $4;
}
%typemap(argout) (double *counts, double *weights, double *shares, size_t len) {
  if (result == CSAT_OK) {
    csat_lua_array(L, $1, $4);
    csat_lua_array(L, $2, $4);
    csat_lua_array(L, $3, $4);
    SWIG_arg += 3;
  }
}

%typemap(in) (const void *buf, size_t len) {
  size_t len = 0;
  if (lua_type(L, $input) != LUA_TSTRING) {
    lua_pushfstring(L, "serialized data must be a string, not %s", luaL_typename(L, $input));
    SWIG_fail;
  }
  $1 = (void *)lua_tolstring(L, $input, &len);
  $2 = len;
}

%typemap(in, numinputs=0) (void **bytes, size_t *nbytes) (void *buf = NULL, size_t len = 0) {
  $1 = &buf;
  $2 = &len;
}
%typemap(argout) (void **bytes, size_t *nbytes) {
  if (result == CSAT_OK) {
    lua_pushlstring(L, (const char *)*$1, *$2);
    SWIG_arg++;
  }
}
%typemap(freearg) (void **bytes, size_t *nbytes) {
  if ($1)
    free(*$1);
}

%typemap(in, numinputs=0) csat_tally **out (csat_tally *temp = NULL) {
  $1 = &temp;
}
%typemap(argout) csat_tally **out {
  if (result == CSAT_OK) {
    SWIG_NewPointerObj(L, *$1, $descriptor(csat_tally *), 1);
    SWIG_arg++;
  }
}

%typemap(in, numinputs=0) (int *min, int *max) (int lo = 0, int hi = 0) {
  $1 = &lo;
  $2 = &hi;
}
%typemap(argout) (int *min, int *max) {
  if (result == CSAT_OK) {
    lua_pushinteger(L, *$1);
    lua_pushinteger(L, *$2);
    SWIG_arg += 2;
  }
}

%define CSAT_RESULT_OUT(TYPE, CONVERT)
%typemap(in, numinputs=0) TYPE *out (TYPE temp) {
  memset(&temp, 0, sizeof temp);
  temp.size = sizeof temp;
  $1 = &temp;
}
%typemap(argout) TYPE *out {
  if (result == CSAT_OK) {
    CONVERT(L, $1);
    SWIG_arg++;
  }
}
%enddef

CSAT_RESULT_OUT(csat_sample, csat_lua_sample)
CSAT_RESULT_OUT(csat_nps_result, csat_lua_nps)
CSAT_RESULT_OUT(csat_share_result, csat_lua_share)
CSAT_RESULT_OUT(csat_mean_result, csat_lua_mean)
CSAT_RESULT_OUT(csat_point, csat_lua_point)
CSAT_RESULT_OUT(csat_model_summary, csat_lua_model)
CSAT_RESULT_OUT(csat_coefficient, csat_lua_coefficient)
CSAT_RESULT_OUT(csat_driver_info, csat_lua_driver)

/* CES: the mean effort and the low-effort share, one table {effort, low_effort}. */
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
  if (result == CSAT_OK) {
    csat_lua_ces(L, $1, $2);
    SWIG_arg++;
  }
}

%define CSAT_HANDLE_OUT(TYPE, FREE)
%typemap(in, numinputs=0) TYPE **out (TYPE *temp = NULL) {
  $1 = &temp;
}
%typemap(argout) TYPE **out {
  if (result == CSAT_OK) {
    SWIG_NewPointerObj(L, *$1, $descriptor(TYPE *), 1);
    SWIG_arg++;
  }
}
%enddef

CSAT_HANDLE_OUT(csat_moments, csat_moments_free)
CSAT_HANDLE_OUT(csat_xprod, csat_xprod_free)
CSAT_HANDLE_OUT(csat_drivers, csat_drivers_free)

/* ------------------------------------------------------------------------ */
/* Lua: comparisons and business measures.                                  */

%{
CSAT_LUA_TABLE(csat_lua_comparison, csat_comparison, CSAT_COMPARISON_FIELDS)
CSAT_LUA_TABLE(csat_lua_trend, csat_trend_result, CSAT_TREND_FIELDS)
CSAT_LUA_TABLE(csat_lua_rank, csat_rank_result, CSAT_RANK_FIELDS)
CSAT_LUA_TABLE(csat_lua_retention, csat_retention_result, CSAT_RETENTION_FIELDS)
CSAT_LUA_TABLE(csat_lua_survival_point, csat_survival_point, CSAT_SURVIVAL_POINT_FIELDS)
CSAT_LUA_TABLE(csat_lua_curve, csat_curve_summary, CSAT_CURVE_FIELDS)
CSAT_LUA_TABLE(csat_lua_rate, csat_rate_result, CSAT_RATE_FIELDS)
CSAT_LUA_TABLE(csat_lua_category, csat_category_count, CSAT_CATEGORY_FIELDS)
CSAT_LUA_TABLE(csat_lua_resolution, csat_resolution_result, CSAT_RESOLUTION_FIELDS)

static void csat_lua_reviews(lua_State *L, const csat_reviews_result *r,
                             const csat_mean_result *rating, const csat_share_result *positive)
{
    lua_createtable(L, 0, 4);
    csat_lua_mean(L, rating);
    lua_setfield(L, -2, "rating");
    lua_pushnumber(L, r->bayesian_average);
    lua_setfield(L, -2, "bayesian_average");
    csat_lua_share(L, positive);
    lua_setfield(L, -2, "positive");
    lua_pushnumber(L, r->wilson_lower);
    lua_setfield(L, -2, "wilson_lower");
}

static void csat_lua_size_array(lua_State *L, const size_t *a, size_t len)
{
    size_t i;
    lua_createtable(L, len > INT_MAX ? INT_MAX : (int)len, 0);
    for (i = 0; i < len; i++) {
        lua_pushinteger(L, (lua_Integer)a[i]);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
}

#define CSAT_LUA_LIST(name, type, convert)                                            \
    static void name(lua_State *L, const type *a, size_t len)                         \
    {                                                                                 \
        size_t i;                                                                     \
        lua_createtable(L, len > INT_MAX ? INT_MAX : (int)len, 0);                    \
        for (i = 0; i < len; i++) {                                                   \
            convert(L, &a[i]);                                                        \
            lua_rawseti(L, -2, (lua_Integer)i + 1);                                   \
        }                                                                             \
    }

CSAT_LUA_LIST(csat_lua_comparisons, csat_comparison, csat_lua_comparison)
CSAT_LUA_LIST(csat_lua_categories, csat_category_count, csat_lua_category)

/* Results in: a table keyed by the C field names (csat.lua builds it from
 * its result tables). */
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

#define CSAT_LUAR_D(f)                                                                \
    {                                                                                 \
        lua_Number v_ = 0;                                                            \
        if (csat_lua_field(L, idx, what, #f, &v_, NULL) < 0)                          \
            return -1;                                                                \
        r->f = (double)v_;                                                            \
    }
#define CSAT_LUAR_Z(f)                                                                \
    {                                                                                 \
        lua_Integer v_ = 0;                                                           \
        if (csat_lua_field(L, idx, what, #f, NULL, &v_) < 0)                          \
            return -1;                                                                \
        if (v_ < 0) {                                                                 \
            lua_pushfstring(L, "%s field '%s' must not be negative", what, #f);       \
            return -1;                                                                \
        }                                                                             \
        r->f = (size_t)v_;                                                            \
    }
#define CSAT_LUAR_I(f)                                                                \
    {                                                                                 \
        lua_Integer v_ = 0;                                                           \
        if (csat_lua_field(L, idx, what, #f, NULL, &v_) < 0)                          \
            return -1;                                                                \
        if (v_ < INT_MIN || v_ > INT_MAX) {                                           \
            lua_pushfstring(L, "%s field '%s' is out of range", what, #f);            \
            return -1;                                                                \
        }                                                                             \
        r->f = (int)v_;                                                               \
    }
#define CSAT_LUA_READER(name, type, FIELDS, label)                                    \
    static int name(lua_State *L, int idx, type *r)                                   \
    {                                                                                 \
        const char *what = label;                                                     \
        idx = lua_absindex(L, idx);                                                   \
        if (!lua_istable(L, idx)) {                                                   \
            lua_pushfstring(L, "%s must be a table, not %s", what, luaL_typename(L, idx)); \
            return -1;                                                                \
        }                                                                             \
        luaL_checkstack(L, 3, NULL);                                                  \
        FIELDS(CSAT_LUAR_D, CSAT_LUAR_Z, CSAT_LUAR_I)                                 \
        return 0;                                                                     \
    }

CSAT_LUA_READER(csat_lua_read_nps, csat_nps_result, CSAT_NPS_FIELDS, "an NPS result")
CSAT_LUA_READER(csat_lua_read_share, csat_share_result, CSAT_SHARE_FIELDS, "a share result")
CSAT_LUA_READER(csat_lua_read_mean, csat_mean_result, CSAT_MEAN_FIELDS, "a mean result")
%}

%define CSAT_RESULT_IN(TYPE, READ)
%typemap(in) const TYPE * (TYPE temp) {
  memset(&temp, 0, sizeof temp);
  if (READ(L, $input, &temp) < 0)
    SWIG_fail;
  temp.size = sizeof temp;
  $1 = &temp;
}
%enddef
CSAT_RESULT_IN(csat_nps_result, csat_lua_read_nps)
CSAT_RESULT_IN(csat_share_result, csat_lua_read_share)
CSAT_RESULT_IN(csat_mean_result, csat_lua_read_mean)

CSAT_RESULT_OUT(csat_comparison, csat_lua_comparison)
CSAT_RESULT_OUT(csat_trend_result, csat_lua_trend)
CSAT_RESULT_OUT(csat_rank_result, csat_lua_rank)
CSAT_RESULT_OUT(csat_retention_result, csat_lua_retention)
CSAT_RESULT_OUT(csat_survival_point, csat_lua_survival_point)
CSAT_RESULT_OUT(csat_curve_summary, csat_lua_curve)
CSAT_RESULT_OUT(csat_rate_result, csat_lua_rate)
CSAT_RESULT_OUT(csat_resolution_result, csat_lua_resolution)
CSAT_HANDLE_OUT(csat_survival, csat_survival_free)

/* Reviews: the summary, the mean rating and the positive share, one table
 * {rating, bayesian_average, positive, wilson_lower}. */
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
  if (result == CSAT_OK) {
    csat_lua_reviews(L, $1, $2, $3);
    SWIG_arg++;
  }
}

%apply csat_sample *out { csat_sample *sample };

%typemap(in, numinputs=0) double *out (double temp = 0.0) {
  $1 = &temp;
}
%typemap(argout) double *out {
  if (result == CSAT_OK) {
    lua_pushnumber(L, (lua_Number)*$1);
    SWIG_arg++;
  }
}

%typemap(in) (const double *ARRAY, size_t NARRAY) {
  double *data = NULL;
  size_t len = 0;
  if (csat_lua_doubles(L, $input, "$1_name", &data, &len) < 0)
    SWIG_fail;
  $1 = data;
  $2 = len;
}

%typemap(in) (const double *OPTARRAY, size_t NOPTARRAY) {
  double *data = NULL;
  size_t len = 0;
  if (!lua_isnil(L, $input)) {
    if (csat_lua_doubles(L, $input, "$1_name", &data, &len) < 0)
      SWIG_fail;
  }
  $1 = data;
  $2 = len;
}

%typemap(in) (const double *MATRIX, size_t MROWS, size_t MCOLS, size_t MLD) {
  double *data = NULL;
  size_t rows = 0, cols = 0;
  if (csat_lua_matrix(L, $input, "$1_name", "values", "values", &data, &rows, &cols) < 0)
    SWIG_fail;
  $1 = data;
  $2 = rows;
  $3 = cols;
  $4 = cols;
}

%typemap(in, numinputs=0) (csat_comparison **cmps, size_t *ncmps) (csat_comparison *buf = NULL, size_t len = 0) {
  $1 = &buf;
  $2 = &len;
}
%typemap(argout) (csat_comparison **cmps, size_t *ncmps) {
  if (result == CSAT_OK) {
    csat_lua_comparisons(L, *$1, *$2);
    SWIG_arg++;
  }
}
%typemap(freearg) (csat_comparison **cmps, size_t *ncmps) {
  if ($1)
    free(*$1);
}

%typemap(in, numinputs=0) (csat_category_count **cats, size_t *ncats) (csat_category_count *buf = NULL, size_t len = 0) {
  $1 = &buf;
  $2 = &len;
}
%typemap(argout) (csat_category_count **cats, size_t *ncats) {
  if (result == CSAT_OK) {
    csat_lua_categories(L, *$1, *$2);
    SWIG_arg++;
  }
}
%typemap(freearg) (csat_category_count **cats, size_t *ncats) {
  if ($1)
    free(*$1);
}

%typemap(in, numinputs=0) (size_t **zvals, size_t *nzvals) (size_t *buf = NULL, size_t len = 0) {
  $1 = &buf;
  $2 = &len;
}
%typemap(argout) (size_t **zvals, size_t *nzvals) {
  if (result == CSAT_OK) {
    csat_lua_size_array(L, *$1, *$2);
    SWIG_arg++;
  }
}
%typemap(freearg) (size_t **zvals, size_t *nzvals) {
  if ($1)
    free(*$1);
}

#endif /* SWIGLUA */

/* ------------------------------------------------------------------------ */
/* Shared between the languages                                              */

%apply (const double *x, size_t n) { (const double *item_min, size_t nmin),
                                     (const double *item_max, size_t nmax) };
%apply (const double *w, size_t nw) { (const double *item_weights, size_t nv) };
%apply (const double *x, size_t n) { (const double *y, size_t ny),
                                     (const double *importance, size_t np),
                                     (const double *performance, size_t npf) };
%apply (double **vals, size_t *nvals) { (double **se, size_t *nse),
                                        (double **lower, size_t *nlower),
                                        (double **upper, size_t *nupper),
                                        (double **general, size_t *ngeneral),
                                        (double **conditional, size_t *nconditional),
                                        (double **complete, size_t *ncomplete) };
%apply size_t *count { size_t *failed, size_t *dim };

/* Comparisons and business measures: named arrays and matrices. */
%apply (const double *ARRAY, size_t NARRAY) { (const double *peers, size_t n),
                                              (const double *ratings, size_t n),
                                              (const double *pvalues, size_t n),
                                              (const double *score, size_t k),
                                              (const double *se, size_t nse),
                                              (const double *start_time, size_t n),
                                              (const double *end_time, size_t nend),
                                              (const double *time, size_t n),
                                              (const double *codes, size_t n),
                                              (const double *probs, size_t m) };
%apply (const double *OPTARRAY, size_t NOPTARRAY) { (const double *times, size_t ntimes),
                                                    (const double *observed, size_t nobs),
                                                    (const double *resolved, size_t nres) };
%apply (const double *MATRIX, size_t MROWS, size_t MCOLS, size_t MLD) {
    (const double *expected, size_t n, size_t k, size_t ld),
    (const double *perceived, size_t n2, size_t k2, size_t ld2) };
%apply (double **vals, size_t *nvals) { (double **quantiles, size_t *nquantiles) };

/* uint64_t seeds. */
%include <stdint.i>

/* Returned as dicts / tables, or used only by the typemaps. */
%ignore csat_error;
%ignore csat_sample;
%ignore csat_point;
%ignore csat_nps_result;
%ignore csat_share_result;
%ignore csat_mean_result;
%ignore csat_model_summary;
%ignore csat_coefficient;
%ignore csat_driver_info;
%ignore csat_comparison;
%ignore csat_trend_result;
%ignore csat_rank_result;
%ignore csat_retention_result;
%ignore csat_survival_point;
%ignore csat_curve_summary;
%ignore csat_rate_result;
%ignore csat_category_count;
%ignore csat_resolution_result;
%ignore csat_reviews_result;

/* Handles are freed by their owner objects only. */
%ignore csat_tally_free;
%ignore csat_moments_free;
%ignore csat_xprod_free;
%ignore csat_drivers_free;
%ignore csat_survival_free;

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

/* An opaque handle for C; a class with a destructor for SWIG. */
%nodefaultctor csat_tally;
struct csat_tally {};
%extend csat_tally {
  ~csat_tally() { csat_tally_free($self); }
}
%nodefaultctor csat_moments;
struct csat_moments {};
%extend csat_moments {
  ~csat_moments() { csat_moments_free($self); }
}
%nodefaultctor csat_xprod;
struct csat_xprod {};
%extend csat_xprod {
  ~csat_xprod() { csat_xprod_free($self); }
}
%nodefaultctor csat_drivers;
struct csat_drivers {};
%extend csat_drivers {
  ~csat_drivers() { csat_drivers_free($self); }
}
%nodefaultctor csat_survival;
struct csat_survival {};
%extend csat_survival {
  ~csat_survival() { csat_survival_free($self); }
}

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

%include "csat/common.h"
%include "csat/accum.h"
%include "csat/score.h"
%include "csat/drivers.h"
%include "csat/compare.h"
%include "csat/business.h"

/* ------------------------------------------------------------------------ */
/* Array functions with the length of every array checked, and serializers */
/* that allocate.                                                           */

%{
static csat_status csat_bind_score_nps(const double *x, size_t n, const double *w, size_t nw,
                                 const csat_nps_options *opt, csat_nps_result *out,
                                 csat_error *err)
{
    CSAT_BIND_WEIGHTS(n, w, nw, err);
    return csat_score_nps(x, n, w, opt, out, err);
}

static csat_status csat_bind_score_csat(const double *x, size_t n, const double *w, size_t nw,
                                  const csat_csat_options *opt, csat_share_result *out,
                                  csat_error *err)
{
    CSAT_BIND_WEIGHTS(n, w, nw, err);
    return csat_score_csat(x, n, w, opt, out, err);
}

static csat_status csat_bind_score_box_share(const double *x, size_t n, const double *w, size_t nw,
                                       int lo, int hi, const csat_scale_options *opt,
                                       csat_share_result *out, csat_error *err)
{
    CSAT_BIND_WEIGHTS(n, w, nw, err);
    return csat_score_box_share(x, n, w, lo, hi, opt, out, err);
}

static csat_status csat_bind_score_top_box(const double *x, size_t n, const double *w, size_t nw,
                                     int k, const csat_scale_options *opt,
                                     csat_share_result *out, csat_error *err)
{
    CSAT_BIND_WEIGHTS(n, w, nw, err);
    return csat_score_top_box(x, n, w, k, opt, out, err);
}

static csat_status csat_bind_score_bottom_box(const double *x, size_t n, const double *w, size_t nw,
                                        int k, const csat_scale_options *opt,
                                        csat_share_result *out, csat_error *err)
{
    CSAT_BIND_WEIGHTS(n, w, nw, err);
    return csat_score_bottom_box(x, n, w, k, opt, out, err);
}

static csat_status csat_bind_score_mean(const double *x, size_t n, const double *w, size_t nw,
                                        const csat_mean_options *opt, csat_mean_result *out,
                                        csat_error *err)
{
    CSAT_BIND_WEIGHTS(n, w, nw, err);
    return csat_score_mean(x, n, w, opt, out, err);
}

static csat_status csat_bind_score_ces(const double *x, size_t n, const double *w, size_t nw,
                                 const csat_ces_options *opt, csat_mean_result *effort,
                                 csat_share_result *low_effort, csat_error *err)
{
    CSAT_BIND_WEIGHTS(n, w, nw, err);
    return csat_score_ces(x, n, w, opt, effort, low_effort, err);
}

static csat_status csat_bind_score_distribution(const double *x, size_t n, const double *w,
                                          size_t nw, const csat_scale_options *opt,
                                          double *counts, double *weights, double *shares,
                                          size_t len, csat_sample *out, csat_error *err)
{
    CSAT_BIND_WEIGHTS(n, w, nw, err);
    return csat_score_distribution(x, n, w, opt, counts, weights, shares, len, out, err);
}

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

static csat_status csat_bind_nomem(csat_error *err)
{
    err->code = CSAT_ERR_NOMEM;
    err->index = CSAT_NO_INDEX;
    err->column = CSAT_NO_INDEX;
    snprintf(err->message, sizeof err->message, "%s", csat_strerror(CSAT_ERR_NOMEM));
    return CSAT_ERR_NOMEM;
}

static csat_status csat_bind_tally_serialize(const csat_tally *t, void **bytes, size_t *nbytes,
                                             csat_error *err)
{
    size_t cap = 0;
    void *buf;
    csat_status s = csat_tally_serialize(t, NULL, 0, &cap, err);
    if (s != CSAT_OK)
        return s;
    buf = calloc(cap ? cap : 1, 1);
    if (buf == NULL)
        return csat_bind_nomem(err);
    s = csat_tally_serialize(t, buf, cap, nbytes, err);
    if (s != CSAT_OK) {
        free(buf);
        return s;
    }
    *bytes = buf;
    return CSAT_OK;
}

static csat_status csat_bind_moments_serialize(const csat_moments *m, void **bytes,
                                               size_t *nbytes, csat_error *err)
{
    void *buf = calloc(CSAT_MOMENTS_SERIALIZED_SIZE, 1);
    csat_status s;
    if (buf == NULL)
        return csat_bind_nomem(err);
    s = csat_moments_serialize(m, buf, CSAT_MOMENTS_SERIALIZED_SIZE, nbytes, err);
    if (s != CSAT_OK) {
        free(buf);
        return s;
    }
    *bytes = buf;
    return CSAT_OK;
}
%}

csat_status csat_bind_score_nps(const double *x, size_t n, const double *w, size_t nw,
                          const csat_nps_options *opt, csat_nps_result *out, csat_error *err);
csat_status csat_bind_score_csat(const double *x, size_t n, const double *w, size_t nw,
                           const csat_csat_options *opt, csat_share_result *out, csat_error *err);
csat_status csat_bind_score_box_share(const double *x, size_t n, const double *w, size_t nw, int lo,
                                int hi, const csat_scale_options *opt, csat_share_result *out,
                                csat_error *err);
csat_status csat_bind_score_top_box(const double *x, size_t n, const double *w, size_t nw, int k,
                              const csat_scale_options *opt, csat_share_result *out,
                              csat_error *err);
csat_status csat_bind_score_bottom_box(const double *x, size_t n, const double *w, size_t nw, int k,
                                 const csat_scale_options *opt, csat_share_result *out,
                                 csat_error *err);
csat_status csat_bind_score_mean(const double *x, size_t n, const double *w, size_t nw,
                                 const csat_mean_options *opt, csat_mean_result *out,
                                 csat_error *err);
csat_status csat_bind_score_ces(const double *x, size_t n, const double *w, size_t nw,
                          const csat_ces_options *opt, csat_mean_result *effort,
                          csat_share_result *low_effort, csat_error *err);
csat_status csat_bind_score_distribution(const double *x, size_t n, const double *w, size_t nw,
                                   const csat_scale_options *opt, double *counts,
                                   double *weights, double *shares, size_t len,
                                   csat_sample *out, csat_error *err);
csat_status csat_bind_score_index(const double *x, size_t n, size_t k, size_t ld, const double *w,
                            size_t nw, const double *item_min, size_t nmin,
                            const double *item_max, size_t nmax, const double *item_weights,
                            size_t nv, const csat_mean_options *opt, csat_mean_result *out,
                            csat_error *err);
csat_status csat_bind_tally_add(csat_tally *t, const double *x, size_t n, const double *w,
                                size_t nw, csat_error *err);
csat_status csat_bind_moments_add(csat_moments *m, const double *x, size_t n, const double *w,
                                  size_t nw, csat_error *err);
csat_status csat_bind_tally_serialize(const csat_tally *t, void **bytes, size_t *nbytes,
                                      csat_error *err);
csat_status csat_bind_moments_serialize(const csat_moments *m, void **bytes, size_t *nbytes,
                                        csat_error *err);

/* ------------------------------------------------------------------------ */
/* Key drivers: fits with the lengths checked, the accumulator's width      */
/* checked, and the arrays of importance, dominance, bootstrap and IPA      */
/* allocated here (sized by the model's number of drivers) and returned.   */

%{
static double *csat_bind_doubles(size_t count, csat_error *err)
{
    double *a = count <= SIZE_MAX / sizeof(double) ? (double *)calloc(count ? count : 1,
                                                                      sizeof(double))
                                                   : NULL;
    if (a == NULL)
        (void)csat_bind_nomem(err);
    return a;
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
        perr->code = CSAT_ERR_ARGUMENT;
        perr->index = CSAT_NO_INDEX;
        perr->column = CSAT_NO_INDEX;
        snprintf(perr->message, sizeof perr->message,
                 "the data have %zu drivers (columns), the accumulator %zu", p, dim);
        return CSAT_ERR_ARGUMENT;
    }
    if (csat_bind_length(ny, n, "y", "rows", perr))
        return CSAT_ERR_ARGUMENT;
    if (w != NULL && csat_bind_length(nw, n, "weights", "rows", perr))
        return CSAT_ERR_ARGUMENT;
    return csat_xprod_add(a, x, n, n > 0 ? ld : dim, y, w, perr);
}

static csat_status csat_bind_xprod_serialize(const csat_xprod *a, void **bytes, size_t *nbytes,
                                             csat_error *err)
{
    size_t cap = 0;
    void *buf;
    csat_status st = csat_xprod_serialize(a, NULL, 0, &cap, err);
    if (st != CSAT_OK)
        return st;
    buf = calloc(cap ? cap : 1, 1);
    if (buf == NULL)
        return csat_bind_nomem(err);
    st = csat_xprod_serialize(a, buf, cap, nbytes, err);
    if (st != CSAT_OK) {
        free(buf);
        return st;
    }
    *bytes = buf;
    return CSAT_OK;
}

static csat_status csat_bind_drivers_importance(const csat_drivers *m,
                                                csat_importance_method method,
                                                const csat_importance_options *opt,
                                                double **vals, size_t *nvals, double **se,
                                                size_t *nse, csat_error *err)
{
    size_t p = 0;
    double *a, *b;
    csat_status st = csat_bind_drivers_p(m, &p, err);
    if (st != CSAT_OK)
        return st;
    a = csat_bind_doubles(p, err);
    b = a ? csat_bind_doubles(p, err) : NULL;
    if (b == NULL) {
        free(a);
        return CSAT_ERR_NOMEM;
    }
    st = csat_drivers_importance(m, method, opt, a, b, err);
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
                                               double **general, size_t *ngeneral,
                                               double **conditional, size_t *nconditional,
                                               double **complete, size_t *ncomplete,
                                               csat_error *err)
{
    size_t p = 0;
    double *g, *c = NULL, *d = NULL;
    csat_status st = csat_bind_drivers_p(m, &p, err);
    if (st != CSAT_OK)
        return st;
    if (p > CSAT_DOMINANCE_MAX)  /* the library refuses it; do not allocate p² first */
        return csat_drivers_dominance(m, opt, NULL, NULL, NULL, err);
    g = csat_bind_doubles(p, err);
    c = g ? csat_bind_doubles(p * p, err) : NULL;
    d = c ? csat_bind_doubles(p * p, err) : NULL;
    if (d == NULL) {
        free(g);
        free(c);
        return CSAT_ERR_NOMEM;
    }
    st = csat_drivers_dominance(m, opt, g, c, d, err);
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
                                               double **lower, size_t *nlower, double **upper,
                                               size_t *nupper, size_t *failed, csat_error *err)
{
    size_t p = 0;
    double *lo, *hi;
    csat_status st = csat_bind_drivers_p(m, &p, err);
    if (st != CSAT_OK)
        return st;
    lo = csat_bind_doubles(p, err);
    hi = lo ? csat_bind_doubles(p, err) : NULL;
    if (hi == NULL) {
        free(lo);
        return CSAT_ERR_NOMEM;
    }
    st = csat_drivers_bootstrap(m, method, opt, lo, hi, failed, err);
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
%}

csat_status csat_bind_drivers_fit(const double *x, size_t n, size_t p, size_t ld,
                                  const double *y, size_t ny, const double *w, size_t nw,
                                  const csat_drivers_options *opt, csat_drivers **out,
                                  csat_error *perr);
csat_status csat_bind_drivers_fit_xprod(const csat_xprod *a, const csat_drivers_options *opt,
                                        csat_drivers **out, csat_error *perr);
csat_status csat_bind_xprod_dim(const csat_xprod *a, size_t *dim, csat_error *err);
csat_status csat_bind_xprod_add(csat_xprod *a, size_t dim, const double *x, size_t n, size_t p,
                                size_t ld, const double *y, size_t ny, const double *w,
                                size_t nw, csat_error *perr);
csat_status csat_bind_xprod_serialize(const csat_xprod *a, void **bytes, size_t *nbytes,
                                      csat_error *err);
csat_status csat_bind_drivers_importance(const csat_drivers *m, csat_importance_method method,
                                         const csat_importance_options *opt, double **vals,
                                         size_t *nvals, double **se, size_t *nse,
                                         csat_error *err);
csat_status csat_bind_drivers_dominance(const csat_drivers *m,
                                        const csat_importance_options *opt, double **general,
                                        size_t *ngeneral, double **conditional,
                                        size_t *nconditional, double **complete,
                                        size_t *ncomplete, csat_error *err);
csat_status csat_bind_drivers_bootstrap(const csat_drivers *m, csat_importance_method method,
                                        const csat_bootstrap_options *opt, double **lower,
                                        size_t *nlower, double **upper, size_t *nupper,
                                        size_t *failed, csat_error *err);
csat_status csat_bind_drivers_ipa(const double *importance, size_t np, const double *performance,
                          size_t npf, const csat_ipa_options *opt,
                          int **ivals, size_t *nivals, csat_error *err);

/* ------------------------------------------------------------------------ */
/* Comparisons and business measures: the lengths of every array checked,  */
/* the output arrays allocated here (sized from the input) and returned.    */

%{
static csat_status csat_bind_argument(csat_error *err, const char *message)
{
    err->code = CSAT_ERR_ARGUMENT;
    err->index = CSAT_NO_INDEX;
    err->column = CSAT_NO_INDEX;
    snprintf(err->message, sizeof err->message, "%s", message);
    return CSAT_ERR_ARGUMENT;
}

static void *csat_bind_alloc(size_t count, size_t size, csat_error *err)
{
    void *a = count <= SIZE_MAX / size ? calloc(count ? count : 1, size) : NULL;
    if (a == NULL)
        (void)csat_bind_nomem(err);
    return a;
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
        err->code = CSAT_ERR_ARGUMENT;
        err->index = CSAT_NO_INDEX;
        err->column = CSAT_NO_INDEX;
        snprintf(err->message, sizeof err->message,
                 "perceived is %zu × %zu (rows × attributes) but expected is %zu × %zu", n2,
                 k2, n, k);
        return CSAT_ERR_ARGUMENT;
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

/* All the steps of a curve, row-major: steps × CSAT_BIND_POINT_WIDTH
 * (time, n_risk, n_event, n_censor, survival, se, ci_lower, ci_upper). */
static csat_status csat_bind_survival_steps(const csat_survival *s, double **vals,
                                            size_t *nvals, csat_error *err)
{
    csat_curve_summary sum = CSAT_RESULT_INIT(csat_curve_summary);
    csat_survival_point p = CSAT_RESULT_INIT(csat_survival_point);
    double *a, *r;
    size_t i;
    csat_status st = csat_survival_summary(s, &sum, err);
    if (st != CSAT_OK)
        return st;
    if (sum.steps > SIZE_MAX / CSAT_BIND_POINT_WIDTH)
        return csat_bind_nomem(err);
    a = csat_bind_doubles(sum.steps * CSAT_BIND_POINT_WIDTH, err);
    if (a == NULL)
        return CSAT_ERR_NOMEM;
    for (i = 0; i < sum.steps; i++) {
        st = csat_survival_step(s, i, &p, err);
        if (st != CSAT_OK) {
            free(a);
            return st;
        }
        r = a + i * CSAT_BIND_POINT_WIDTH;
        r[0] = p.time, r[1] = p.n_risk, r[2] = p.n_event, r[3] = p.n_censor;
        r[4] = p.survival, r[5] = p.se, r[6] = p.ci_lower, r[7] = p.ci_upper;
    }
    *vals = a;
    *nvals = sum.steps * CSAT_BIND_POINT_WIDTH;
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
        return csat_bind_argument(err, "the number of categories changed between two calls");
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

csat_status csat_bind_compare_adjust(const double *pvalues, size_t n,
                                     const csat_compare_options *opt, double **vals,
                                     size_t *nvals, csat_error *err);
csat_status csat_bind_compare_trend(const double *score, size_t k, const double *se, size_t nse,
                            const double *times, size_t ntimes,
                            const csat_compare_options *opt, csat_trend_result *out,
                            csat_comparison **cmps, size_t *ncmps, csat_error *err);
csat_status csat_bind_compare_gap(const double *expected, size_t n, size_t k, size_t ld,
                          const double *perceived, size_t n2, size_t k2, size_t ld2,
                          const csat_compare_options *opt, csat_comparison **cmps,
                          size_t *ncmps, size_t **zvals, size_t *nzvals, csat_error *err);
csat_status csat_bind_business_churn(const double *start_time, size_t n, const double *end_time,
                                   size_t nend, double t0, double t1,
                                   const csat_business_options *opt, csat_retention_result *out,
                                   csat_error *err);
csat_status csat_bind_survival_fit(const double *time, size_t n, const double *observed,
                                   size_t nobs, const csat_business_options *opt,
                                   csat_survival **out, csat_error *err);
csat_status csat_bind_survival_steps(const csat_survival *s, double **vals, size_t *nvals,
                                     csat_error *err);
csat_status csat_bind_business_complaints(const double *codes, size_t n,
                                        const csat_business_options *opt,
                                        csat_category_count **cats, size_t *ncats,
                                        csat_sample *sample, csat_error *err);
csat_status csat_bind_business_resolution(const double *time, size_t n, const double *resolved,
                                       size_t nres, double sla, const double *probs, size_t m,
                                       const csat_business_options *opt, double **quantiles,
                                       size_t *nquantiles, csat_resolution_result *out,
                                       csat_error *err);
