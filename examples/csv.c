/* The CSV reader of the example programs; see csv.h. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"

void csv_free(csv_table *t)
{
    free(t->buf);
    free(t->header);
    free(t->cell);
    free(t->line);
    memset(t, 0, sizeof *t);
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap + 1);
    while (buf != NULL) {
        n += fread(buf + n, 1, cap - n, f);
        if (n < cap)
            break;
        char *bigger = realloc(buf, 2 * cap + 1);
        if (bigger == NULL) {
            free(buf);
            buf = NULL;
            break;
        }
        buf = bigger;
        cap *= 2;
    }
    int failed = ferror(f);
    fclose(f);
    if (buf == NULL) {
        errno = ENOMEM;
        return NULL;
    }
    if (failed) {
        free(buf);
        errno = EIO;
        return NULL;
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}

/* Parses one record starting at *pos; stores up to `max` field pointers in
 * `fields` and the count in *nfields. Returns 0, or -1 on a syntax error. */
static int csv_record(char *buf, size_t len, size_t *pos, size_t *lineno, char **fields,
                      size_t max, size_t *nfields)
{
    size_t i = *pos, nf = 0;
    for (;;) {
        char *out = buf + i, *start = out;
        if (i < len && buf[i] == '"') {
            i++;
            for (;;) {
                if (i >= len)
                    return -1; /* unterminated quote */
                if (buf[i] == '"') {
                    if (i + 1 < len && buf[i + 1] == '"') {
                        *out++ = '"';
                        i += 2;
                        continue;
                    }
                    i++;
                    break;
                }
                if (buf[i] == '\n')
                    (*lineno)++;
                *out++ = buf[i++];
            }
            if (i < len && buf[i] != ',' && buf[i] != '\n' && buf[i] != '\r')
                return -1; /* text after the closing quote */
        } else {
            while (i < len && buf[i] != ',' && buf[i] != '\n' && buf[i] != '\r') {
                if (buf[i] == '"')
                    return -1; /* quote inside an unquoted field */
                out++;
                i++;
            }
        }
        char end = i < len ? buf[i] : '\n';
        *out = '\0';
        if (nf < max)
            fields[nf] = start;
        nf++;
        if (end == ',') {
            i++;
            continue;
        }
        if (end == '\r' && i + 1 < len && buf[i + 1] == '\n')
            i++;
        if (i < len)
            i++;
        (*lineno)++;
        break;
    }
    *pos = i;
    *nfields = nf;
    return 0;
}

int csv_read(const char *prog, const char *path, csv_table *t)
{
    size_t len = 0;
    memset(t, 0, sizeof *t);
    t->buf = read_file(path, &len);
    if (t->buf == NULL) {
        fprintf(stderr, "%s: cannot read %s: %s\n", prog, path, strerror(errno));
        return -1;
    }

    /* Header: count the fields first with a generous bound. */
    size_t pos = 0, lineno = 1, nf = 0, maxcol = 1;
    for (size_t i = 0; i < len && t->buf[i] != '\n'; i++)
        maxcol += t->buf[i] == ',';
    t->header = malloc(maxcol * sizeof *t->header);
    if (t->header == NULL)
        goto nomem;
    size_t line_of_record = lineno;
    if (len == 0 || csv_record(t->buf, len, &pos, &lineno, t->header, maxcol, &nf) != 0) {
        fprintf(stderr, "%s: %s:%zu: malformed header row\n", prog, path, line_of_record);
        goto bad;
    }
    if (nf > maxcol) {
        fprintf(stderr, "%s: %s:1: header row too complex\n", prog, path);
        goto bad;
    }
    t->ncol = nf;

    size_t cap = 1024;
    t->cell = malloc(cap * t->ncol * sizeof *t->cell);
    t->line = malloc(cap * sizeof *t->line);
    if (t->cell == NULL || t->line == NULL)
        goto nomem;
    while (pos < len) {
        if (t->buf[pos] == '\n' || t->buf[pos] == '\r') { /* skip blank lines */
            if (t->buf[pos] == '\n')
                lineno++;
            pos++;
            continue;
        }
        if (t->nrow == cap) {
            char **cell = realloc(t->cell, 2 * cap * t->ncol * sizeof *t->cell);
            if (cell == NULL)
                goto nomem;
            t->cell = cell;
            size_t *line = realloc(t->line, 2 * cap * sizeof *t->line);
            if (line == NULL)
                goto nomem;
            t->line = line;
            cap *= 2;
        }
        line_of_record = lineno;
        if (csv_record(t->buf, len, &pos, &lineno, t->cell + t->nrow * t->ncol, t->ncol, &nf)
            != 0) {
            fprintf(stderr, "%s: %s:%zu: malformed quoting\n", prog, path,
                    line_of_record);
            goto bad;
        }
        if (nf != t->ncol) {
            fprintf(stderr, "%s: %s:%zu: %zu fields, the header has %zu\n", prog, path,
                    line_of_record, nf, t->ncol);
            goto bad;
        }
        t->line[t->nrow++] = line_of_record;
    }
    t->prog = prog;
    t->path = path;
    return 0;

nomem:
    fprintf(stderr, "%s: out of memory reading %s\n", prog, path);
bad:
    csv_free(t);
    return -1;
}

long csv_column(const csv_table *t, const char *name)
{
    for (size_t j = 0; j < t->ncol; j++)
        if (strcmp(t->header[j], name) == 0)
            return (long)j;
    fprintf(stderr, "%s: %s has no column \"%s\"\n", t->prog, t->path, name);
    return -1;
}

/* Column j as numbers; NA or an empty field is NaN (missing). */
double *csv_numeric(const csv_table *t, size_t j)
{
    double *x = malloc((t->nrow ? t->nrow : 1) * sizeof *x);
    if (x == NULL) {
        fprintf(stderr, "%s: out of memory\n", t->prog);
        return NULL;
    }
    for (size_t i = 0; i < t->nrow; i++) {
        const char *s = t->cell[i * t->ncol + j];
        if (*s == '\0' || strcmp(s, "NA") == 0) {
            x[i] = (double)NAN;
            continue;
        }
        char *end;
        errno = 0;
        x[i] = strtod(s, &end);
        if (end == s || *end != '\0' || errno == ERANGE) {
            fprintf(stderr, "%s: %s:%zu: column %s: \"%s\" is not a number\n", t->prog,
                    t->path, t->line[i], t->header[j], s);
            free(x);
            return NULL;
        }
    }
    return x;
}
