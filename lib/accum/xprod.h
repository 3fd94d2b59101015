/* Internal: what the key-driver models read from a cross-product
 * accumulator. Never installed. Columns are the p drivers, then the outcome.
 *
 * The layout stays in xprod.c. A fit reads the sums once through
 * csat_xprod_get_sums (a copy of a few scalars and two pointers) and then
 * works on the arrays directly, so the fit's loops pay nothing for it. */
#ifndef CSAT_LIB_ACCUM_XPROD_H
#define CSAT_LIB_ACCUM_XPROD_H

#include <stddef.h>
#include <stdint.h>

#include "csat/drivers.h"

/* The accumulator's sums, read-only. The arrays belong to the accumulator:
 * valid until it is changed or freed. */
typedef struct csat_xprod_sums {
    size_t p;             /* drivers; p + 1 columns */
    uint64_t n;           /* complete rows */
    uint64_t n_missing;   /* rows with a NaN */
    uint64_t n_pos;       /* complete rows with a positive weight */
    double sum_w, sum_w2;
    const double *mean;   /* p + 1 weighted means */
    const double *c;      /* (p + 1)² co-moments Σ w (a − ā)(b − b̄), row-major */
} csat_xprod_sums;

csat_xprod_sums csat_xprod_get_sums(const csat_xprod *a);

/* The (p + 1)² correlation matrix of the columns, none of them constant. */
void csat_xprod_corr(const csat_xprod *a, double *corr);

/* Index of the first column (drivers, then the outcome) that is constant
 * over the rows of positive weight, or p + 1 when every column varies. */
size_t csat_xprod_constant(const csat_xprod *a);

/* Rows are summarised this many at a time and the parts merged: so rows
 * added in several calls of a multiple of it each give the same sums, bit
 * for bit, as the same rows added in one call (a bootstrap replicate is
 * accumulated a block of rows at a time). */
#define CSAT_XPROD_BLOCK_ROWS 256

/* Add m complete rows held contiguously (m × (p + 1), row-major) with
 * weights w (NULL: 1) to a; the rows hold no NaN or infinity (checked by
 * callers). scratch holds (p + 1)² doubles. */
void csat_xprod_add_rows(csat_xprod *a, const double *rows, size_t m, const double *w,
                         double *scratch);

/* Reset to empty (keeps the allocation). */
void csat_xprod_clear(csat_xprod *a);

#endif
