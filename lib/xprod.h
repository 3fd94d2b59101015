/* Internal: the cross-product accumulator's layout, shared with the model
 * fit. Never installed. Columns are the p drivers, then the outcome. */
#ifndef CSAT_LIB_XPROD_H
#define CSAT_LIB_XPROD_H

#include <stdint.h>

#include "csat/drivers.h"

struct csat_xprod {
    size_t p, k;        /* drivers; k = p + 1 columns */
    uint64_t n;         /* complete rows */
    uint64_t n_missing; /* rows with a NaN */
    uint64_t n_pos;     /* complete rows with a positive weight */
    double sum_w, sum_w2;
    double *mean;       /* k weighted means */
    double *c;          /* k × k co-moments Σ w (a − ā)(b − b̄), row-major */
    /* Whether a column is constant is decided exactly, not from its
     * co-moment: a constant column whose mean is not a double has a
     * co-moment of rounding noise (~1e-30), not 0. ref holds the column's
     * value in the first row of positive weight (0 while n_pos is 0);
     * varies[j] is 1 once a row of positive weight differs from it. */
    double *ref;            /* k */
    unsigned char *varies;  /* k */
};

/* The k × k correlation matrix of the columns, none of them constant. */
void csat_xprod_corr(const struct csat_xprod *a, double *corr);

/* Index of the first column (drivers, then the outcome) that is constant
 * over the rows of positive weight, or k when every column varies. */
size_t csat_xprod_constant(const struct csat_xprod *a);

/* Add m complete rows held contiguously (m × k, row-major) with weights w
 * (NULL: 1) to a; the rows hold no NaN or infinity (checked by callers).
 * scratch holds k × k doubles. */
void csat_xprod_add_rows(struct csat_xprod *a, const double *rows, size_t m, const double *w,
                         double *scratch);

/* Reset to empty (keeps the allocation). */
void csat_xprod_clear(struct csat_xprod *a);

#endif
