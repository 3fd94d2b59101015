/* Internal: small dense linear algebra for the key-driver models. Never
 * installed. Matrices are column-major for QR (columns of the design are
 * contiguous) and row-major n × n symmetric for the sweep operator and the
 * eigen solver (symmetric, so the order does not matter there). */
#ifndef CSAT_LIB_CORE_LINALG_H
#define CSAT_LIB_CORE_LINALG_H

#include <stddef.h>

/* Householder QR of the m × n column-major matrix a (lda = m), m ≥ n, in
 * place: R in the upper triangle, the vectors below it, scalars in tau[n]
 * (LAPACK dgeqr2 convention). */
void csat_qr_factor(double *a, size_t m, size_t n, double *tau);

/* b (length m) ← Qᵀ b with the factorisation of csat_qr_factor. */
void csat_qr_apply_qt(const double *a, size_t m, size_t n, const double *tau, double *b);

/* Solve R x = b in place (b has length n, R is the n × n upper triangle of
 * the m × n factored a). */
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
