/* Small dense linear algebra (doc/methods.md, "Least squares", "Relative
 * importance"): triangular solves and inverses, the sweep operator, Jacobi
 * eigenvalues. Everything here is O(p³) at most for p ≤ 200 drivers; the
 * QR that reads the n rows belongs to the fit, which solves with its
 * triangle here. */
#include <math.h>
#include <string.h>

#include "core/linalg.h"

#define COL(a, m, j) ((a) + (j) * (m))

void csat_qr_solve_r(const double *a, size_t m, size_t n, double *b)
{
    for (size_t jj = n; jj-- > 0;) {
        double s = b[jj];
        for (size_t c = jj + 1; c < n; c++)
            s -= COL(a, m, c)[jj] * b[c];
        b[jj] = s / COL(a, m, jj)[jj];
    }
}

void csat_qr_inverse_r(const double *a, size_t m, size_t n, double *g)
{
    memset(g, 0, n * n * sizeof *g);
    for (size_t k = 0; k < n; k++) {
        /* Column k of R⁻¹ solves R g_k = e_k. */
        double *gk = g + k * n;
        gk[k] = 1.0;
        csat_qr_solve_r(a, m, n, gk);
    }
}

/* Both directions share one update: with g the pivot column (row) without
 * its diagonal, a_ij += c · g_i g_j for i, j ≠ k, g ← f · g, a_kk ← new_kk. */
static void pivot_update(double *a, size_t n, size_t k, double c, double f, double new_kk)
{
    double *rk = a + k * n;
    for (size_t i = 0; i < n; i++) {
        if (i == k)
            continue;
        double *ri = a + i * n;
        double ci = c * rk[i];
        for (size_t j = 0; j < n; j++)
            ri[j] += ci * rk[j];
    }
    /* The loop above also changed a_ik by c·g_i·a_kk; set row and column k
     * afresh from the untouched row k. */
    for (size_t i = 0; i < n; i++)
        if (i != k) {
            rk[i] *= f;
            a[i * n + k] = rk[i];
        }
    rk[k] = new_kk;
}

int csat_sweep(double *a, size_t n, size_t k)
{
    double d = a[k * n + k];
    if (!(d > 0))
        return 0;
    pivot_update(a, n, k, -1.0 / d, 1.0 / d, -1.0 / d);
    return 1;
}

void csat_unsweep(double *a, size_t n, size_t k)
{
    double d = -1.0 / a[k * n + k];
    pivot_update(a, n, k, d, d, d);
}

int csat_eigen_symmetric(double *a, size_t n, double *values, double *vectors)
{
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++)
            vectors[i * n + j] = i == j ? 1.0 : 0.0;
    int converged = 0;
    for (int sweep = 0; sweep < 100 && !converged; sweep++) {
        double off = 0, diag = 0;
        for (size_t i = 0; i < n; i++) {
            diag += a[i * n + i] * a[i * n + i];
            for (size_t j = i + 1; j < n; j++)
                off += a[i * n + j] * a[i * n + j];
        }
        if (off <= 1e-32 * diag) {
            converged = 1;
            break;
        }
        for (size_t p = 0; p < n; p++)
            for (size_t q = p + 1; q < n; q++) {
                double apq = a[p * n + q];
                if (apq == 0)
                    continue;
                /* Rotation that zeroes a[p][q] (Rutishauser's stable form). */
                double theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
                double t = copysign(1.0, theta) / (fabs(theta) + sqrt(theta * theta + 1));
                double c = 1 / sqrt(t * t + 1), s = t * c;
                for (size_t k = 0; k < n; k++) {
                    double akp = a[k * n + p], akq = a[k * n + q];
                    a[k * n + p] = c * akp - s * akq;
                    a[k * n + q] = s * akp + c * akq;
                }
                for (size_t k = 0; k < n; k++) {
                    double apk = a[p * n + k], aqk = a[q * n + k];
                    a[p * n + k] = c * apk - s * aqk;
                    a[q * n + k] = s * apk + c * aqk;
                }
                for (size_t k = 0; k < n; k++) {
                    double vkp = vectors[k * n + p], vkq = vectors[k * n + q];
                    vectors[k * n + p] = c * vkp - s * vkq;
                    vectors[k * n + q] = s * vkp + c * vkq;
                }
            }
    }
    for (size_t i = 0; i < n; i++)
        values[i] = a[i * n + i];
    /* Ascending order (selection sort: n is small). */
    for (size_t i = 0; i < n; i++) {
        size_t m = i;
        for (size_t j = i + 1; j < n; j++)
            if (values[j] < values[m])
                m = j;
        if (m != i) {
            double t = values[i];
            values[i] = values[m];
            values[m] = t;
            for (size_t k = 0; k < n; k++) {
                t = vectors[k * n + i];
                vectors[k * n + i] = vectors[k * n + m];
                vectors[k * n + m] = t;
            }
        }
    }
    return converged;
}
