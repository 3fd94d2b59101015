/* Internal: small dense linear algebra for the key-driver models. Never
 * installed. Triangles are column-major (those of the fit's QR); the
 * sweep operator and the eigen solver take row-major n × n symmetric
 * matrices (symmetric, so the order does not matter there). */
#ifndef CSAT_LIB_CORE_LINALG_H
#define CSAT_LIB_CORE_LINALG_H

#include <stddef.h>

/* Solve R x = b in place (b has length n, R is the n × n upper triangle of
 * the column-major a with leading dimension m ≥ n). */
void csat_qr_solve_r(const double *a, size_t m, size_t n, double *b);

/* g (n × n column-major) ← R⁻¹ (upper triangular). */
void csat_qr_inverse_r(const double *a, size_t m, size_t n, double *g);

/* Sweep the symmetric n × n row-major matrix a on pivot k (Goodnight 1979,
 * in Dempster's symmetric form): after sweeping a set S of pivots, a[S,S]
 * holds −A_SS⁻¹, a[S,T] the regression coefficients A_SS⁻¹A_ST and a[T,T]
 * the residual (co)variances. Returns 0 (a unchanged) if the pivot is not
 * positive. csat_unsweep undoes a sweep of k. */
int csat_sweep(double *a, size_t n, size_t k);
void csat_unsweep(double *a, size_t n, size_t k);

/* Eigen decomposition of the symmetric n × n matrix a by cyclic Jacobi
 * rotations: a is destroyed, values[n] ascending, vectors[n × n] row-major
 * with eigenvector j in column j. Returns 0 if it did not converge. */
int csat_eigen_symmetric(double *a, size_t n, double *values, double *vectors);

#endif
