/* Shared by the driver harnesses: a key-driver design decoded from fuzz
 * input, with columns that are easy to make constant or collinear, and
 * what the data say the fit must refuse.
 *
 * Layout: p − 1, ld − p, n, flags (bit 0 weighted, bit 1 no intercept,
 * bit 2 an invalid intercept), level, then for each of the p + 1 columns
 * (drivers, then the outcome) a mode byte and its values, then n weights
 * when weighted. Modes: 0 one fuzz_value per row; 1 one value for every
 * row (constant); 2 a copy of an earlier column (byte: which); 3 ratings
 * 1..10 (byte per row; 0xFF is NaN); 4 the sum of two earlier columns. */
#ifndef CSAT_FUZZ_DESIGN_H
#define CSAT_FUZZ_DESIGN_H

#include "csat.h"
#include "fuzz_input.h"

#define DESIGN_P_MAX 6
#define DESIGN_N_MAX 64

typedef struct fuzz_design {
    size_t p, ld, n;
    double x[DESIGN_N_MAX * (DESIGN_P_MAX + 2)];
    double y[DESIGN_N_MAX];
    double wbuf[DESIGN_N_MAX];
    const double *w; /* wbuf or NULL */
    csat_drivers_options opt;
} fuzz_design;

/* Column j of the design (j = p is the outcome), row i. */
static inline double *design_at(fuzz_design *d, size_t i, size_t j)
{
    return j < d->p ? &d->x[i * d->ld + j] : &d->y[i];
}

static inline double design_get(const fuzz_design *d, size_t i, size_t j)
{
    return j < d->p ? d->x[i * d->ld + j] : d->y[i];
}

static inline void fuzz_read_design(fuzz_input *in, fuzz_design *d)
{
    d->p = 1 + fuzz_size(in, DESIGN_P_MAX - 1);
    d->ld = d->p + fuzz_size(in, 2);
    d->n = fuzz_size(in, DESIGN_N_MAX);
    uint8_t flags = fuzz_u8(in);
    d->opt.size = sizeof d->opt;
    d->opt.intercept = (flags & 4) ? 2 : !(flags & 2);
    d->opt.level = fuzz_level(in);
    /* Padding between rows: never read by the library. */
    for (size_t i = 0; i < d->n; i++)
        for (size_t j = d->p; j < d->ld; j++)
            d->x[i * d->ld + j] = (i + j) % 2 ? INFINITY : NAN;
    for (size_t j = 0; j <= d->p; j++) {
        uint8_t mode = fuzz_u8(in) % 5;
        if (j == 0 && (mode == 2 || mode == 4))
            mode = 0;
        size_t a = 0, b = 0;
        double c = 0;
        if (mode == 1)
            c = fuzz_value(in);
        if (mode == 2 || mode == 4) {
            a = fuzz_u8(in) % j;
            b = fuzz_u8(in) % j;
        }
        for (size_t i = 0; i < d->n; i++) {
            double v;
            switch (mode) {
            case 0: v = fuzz_value(in); break;
            case 1: v = c; break;
            case 2: v = design_get(d, i, a); break;
            case 3: {
                uint8_t r = fuzz_u8(in);
                v = r == 0xFF ? NAN : 1 + r % 10;
                break;
            }
            default: v = design_get(d, i, a) + design_get(d, i, b); break;
            }
            *design_at(d, i, j) = v;
        }
    }
    d->w = (flags & 1) ? d->wbuf : NULL;
    for (size_t i = 0; i < d->n; i++)
        d->wbuf[i] = (flags & 1) ? fuzz_weight(in) : 1.0;
}

/* Row i has no NaN (and so is used). */
static inline int design_complete(const fuzz_design *d, size_t i)
{
    for (size_t j = 0; j <= d->p; j++)
        if (isnan(design_get(d, i, j)))
            return 0;
    return 1;
}

static inline size_t design_complete_rows(const fuzz_design *d)
{
    size_t c = 0;
    for (size_t i = 0; i < d->n; i++)
        c += design_complete(d, i);
    return c;
}

/* Over the complete rows with positive weight: column j takes one value
 * only. */
static inline int design_constant(const fuzz_design *d, size_t j)
{
    int seen = 0;
    double v = 0;
    for (size_t i = 0; i < d->n; i++) {
        if (!design_complete(d, i) || !(d->w == NULL || d->wbuf[i] > 0))
            continue;
        double u = design_get(d, i, j);
        if (seen && u != v)
            return 0;
        seen = 1;
        v = u;
    }
    return 1;
}

/* Over the same rows: drivers j and k are equal, or driver j is all 0. */
static inline int design_same(const fuzz_design *d, size_t j, size_t k)
{
    for (size_t i = 0; i < d->n; i++) {
        if (!design_complete(d, i) || !(d->w == NULL || d->wbuf[i] > 0))
            continue;
        if (design_get(d, i, j) != (k == SIZE_MAX ? 0.0 : design_get(d, i, k)))
            return 0;
    }
    return 1;
}

/* drivers.h: a constant driver or outcome (with an intercept), a driver
 * equal to another or all zero is singular: the fit may not succeed. */
static inline int design_must_fail(const fuzz_design *d)
{
    if (d->opt.intercept == 1)
        for (size_t j = 0; j <= d->p; j++)
            if (design_constant(d, j))
                return 1;
    for (size_t j = 0; j < d->p; j++) {
        if (design_same(d, j, SIZE_MAX))
            return 1;
        for (size_t k = j + 1; k < d->p; k++)
            if (design_same(d, j, k))
                return 1;
    }
    return 0;
}

#endif /* CSAT_FUZZ_DESIGN_H */
