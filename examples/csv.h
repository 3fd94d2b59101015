/*
 * A small CSV reader shared by the example programs (RFC 4180: comma
 * separated, optional double quotes, "" inside quotes, LF or CRLF line
 * ends). The whole file is read into one buffer and unquoted in place; every
 * field is a pointer into it. Messages go to stderr, prefixed with the
 * program's name.
 */
#ifndef CSAT_EXAMPLE_CSV_H
#define CSAT_EXAMPLE_CSV_H

#include <stddef.h>

typedef struct csv_table {
    const char *prog;    /* program name, for messages */
    const char *path;    /* file name, for messages */
    char *buf;           /* file contents, fields NUL-terminated in place */
    size_t ncol;         /* columns, from the header */
    size_t nrow;         /* data rows */
    char **header;       /* ncol names */
    char **cell;         /* nrow × ncol fields, row-major */
    size_t *line;        /* nrow: line number where each row starts */
} csv_table;

/* Reads `path` into `t`. Returns 0, or -1 after printing why (the table is
 * then empty and needs no csv_free). */
int csv_read(const char *prog, const char *path, csv_table *t);

/* Frees what csv_read allocated; the table becomes empty. */
void csv_free(csv_table *t);

/* Index of the column `name`, or -1 after printing that it is missing. */
long csv_column(const csv_table *t, const char *name);

/* Column j as numbers, NA or an empty field as NaN (missing). Returns a new
 * array of nrow values (the caller frees it), or NULL after printing the
 * offending line. */
double *csv_numeric(const csv_table *t, size_t j);

#endif
