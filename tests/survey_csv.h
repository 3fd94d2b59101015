/*
 * The airline survey (examples/data/airlinesat.csv) as the suites read it.
 *
 * Each suite takes different columns in a different layout (a driver matrix
 * of leading dimension 23, an e/s block of 46, groups by class or purpose),
 * so the file is kept as text cells and converted column by column into
 * arrays the suite owns. The functions print what is wrong to stderr and
 * return -1, so a group setup can fail with them as well as a test.
 */
#ifndef CSAT_TESTS_SURVEY_CSV_H
#define CSAT_TESTS_SURVEY_CSV_H

#include <stddef.h>

typedef struct survey_csv {
    size_t n;      /* data rows, the header not counted */
    size_t ncol;
    char **cells;  /* (n + 1) x ncol, row-major, row 0 the header */
    char *text;    /* the file, cut into the cells */
    const char *path;
} survey_csv;

int survey_csv_load(survey_csv *t, const char *path);
void survey_csv_free(survey_csv *t);

/* Column `name` into out[i * stride] for every row; "NA" and empty cells
 * are NaN, as the survey codes a missing answer. */
int survey_csv_numbers(const survey_csv *t, const char *name, double *out, size_t stride);

/* Columns <prefix>1 .. <prefix>k into out[i * ld + j - 1]. */
int survey_csv_items(const survey_csv *t, char prefix, size_t k, double *out, size_t ld);

/* Column `name` as the position of each cell in levels[0 .. nlevels - 1],
 * -1 for a value not listed. */
int survey_csv_codes(const survey_csv *t, const char *name, const char *const *levels,
                     size_t nlevels, int *out);

#endif
