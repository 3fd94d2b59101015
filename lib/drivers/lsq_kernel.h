/* Internal: the kernels of the least-squares fit on rows (drivers.c), each
 * working on one chunk of CSAT_LSQ_CHUNK rows held column by column, in a
 * portable version (lsq_kernel.c) and an AVX2 + FMA one (lsq_kernel_avx2.c),
 * picked at run time. Never installed.
 *
 * The two versions of a kernel give the same results up to the rounding of
 * their floating-point operations: the portable QR update multiplies and
 * adds where the AVX2 one fuses them. The double-double sums are the same
 * in both (an exact product has one error term however it is found). */
#ifndef CSAT_LIB_DRIVERS_LSQ_KERNEL_H
#define CSAT_LIB_DRIVERS_LSQ_KERNEL_H

#include <stddef.h>

#include "csat/drivers.h"

/* Rows per chunk: a chunk of the scaled design (at most 202 columns of
 * 96 rows) and the triangle above it stay in the level-1 and level-2
 * caches; a multiple of 4, the lanes of an AVX2 register. */
#define CSAT_LSQ_CHUNK 96
/* Lanes of the per-lane sums. */
#define CSAT_LSQ_LANES 4

/* A double-double sum kept lane by lane: the value is Σ (hi[l] + lo[l]). */
typedef struct csat_lsq_dd {
    double hi[CSAT_LSQ_LANES], lo[CSAT_LSQ_LANES];
} csat_lsq_dd;

/* The sums of one pass over the rows at given coefficients b, with the
 * residual e = y − b₀ − Σ b_j x_j and the fitted value less the outcome's
 * mean f = b₀ + Σ b_j x_j − ȳ (ȳ = 0 without an intercept), e and f in
 * double-double: Σ w e x_j (the gradient Aᵀr of the weighted problem), Σ w e,
 * Σ w e², Σ w f, Σ w f² and Σ w. */
typedef struct csat_lsq_sums {
    csat_lsq_dd wex[CSAT_DRIVERS_MAX];
    csat_lsq_dd we, wee, wf, wff, w;
} csat_lsq_sums;

typedef struct csat_lsq_kernels {
    /* One step of a tall-skinny QR: the kk × kk upper triangle r
     * (column-major, leading dimension kk) and the chunk c below it
     * (CSAT_LSQ_CHUNK × kk, column-major, leading dimension CSAT_LSQ_CHUNK)
     * are factored by Householder reflections of columns 0..kk−2, which
     * leave in r the triangle of [r; c]. The last column is a right-hand
     * side: it receives Qᵀ but no reflection of its own. c is destroyed.
     * A reflection depends only on its column and those before it, so a
     * right-hand side does not change the triangle. */
    void (*tsqr)(double *r, size_t kk, double *c);
    /* The residuals of a chunk (x: CSAT_LSQ_CHUNK × p column-major; y, w:
     * CSAT_LSQ_CHUNK; rows of weight 0 add nothing) at the coefficients b
     * (b0 the intercept or 0; b[p] the drivers'), rounded to double into
     * e, and the sums of the pass added to s. */
    void (*residuals)(const double *x, size_t p, const double *y, const double *w, double b0,
                      const double *b, double ybar, double *e, csat_lsq_sums *s);
} csat_lsq_kernels;

/* The AVX2 + FMA kernels where this CPU runs them and the library was built
 * with them, else the portable ones. Reads the CPU, keeps no state. */
const csat_lsq_kernels *csat_lsq_kernels_pick(void);

/* The value of a per-lane sum. */
long double csat_lsq_dd_value(const csat_lsq_dd *d);

#endif
