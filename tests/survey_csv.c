#include "survey_csv.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Split one CSV line in place. Fields may be quoted with "" for a quote;
 * quoted newlines do not occur in the file. Returns the number of fields,
 * or -1 on a malformed line or more than max fields. */
static int split_csv(char *s, char **fields, size_t max)
{
    int nf = 0;
    for (;;) {
        char *start = s, *out = s;
        if ((size_t)nf == max)
            return -1;
        if (*s == '"') {
            for (s++;; s++) {
                if (*s == '\0')
                    return -1;
                if (*s == '"') {
                    if (s[1] != '"') {
                        s++;
                        break;
                    }
                    s++;
                }
                *out++ = *s;
            }
            if (*s != ',' && *s != '\0')
                return -1;
        } else {
            while (*s != ',' && *s != '\0')
                out++, s++;
        }
        char end = *s;
        *out = '\0';
        fields[nf++] = start;
        if (end == '\0')
            return nf;
        s++;
    }
}

static char *read_file(const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (fp == NULL) {
        fprintf(stderr, "cannot open %s\n", path);
        return NULL;
    }
    size_t cap = 1 << 16, len = 0;
    char *buf = malloc(cap);
    for (size_t got; buf != NULL && (got = fread(buf + len, 1, cap - len - 1, fp)) > 0;) {
        len += got;
        if (cap - len - 1 == 0) {
            cap *= 2;
            char *bigger = realloc(buf, cap);
            if (bigger == NULL)
                free(buf);
            buf = bigger;
        }
    }
    int failed = ferror(fp);
    fclose(fp);
    if (buf == NULL || failed) {
        fprintf(stderr, "cannot read %s\n", path);
        free(buf);
        return NULL;
    }
    buf[len] = '\0';
    return buf;
}

/* The next line, cut off with its "\n" or "\r\n"; NULL after the last. */
static char *next_line(char **rest)
{
    char *line = *rest;
    if (line == NULL || *line == '\0')
        return NULL;
    char *nl = strchr(line, '\n');
    *rest = nl ? nl + 1 : NULL;
    if (nl)
        *nl = '\0';
    size_t l = strlen(line);
    if (l > 0 && line[l - 1] == '\r')
        line[l - 1] = '\0';
    return line;
}

int survey_csv_load(survey_csv *t, const char *path)
{
    memset(t, 0, sizeof *t);
    t->path = path;
    t->text = read_file(path);
    if (t->text == NULL)
        return -1;

    /* Quoted commas only lower the count, so the header's commas bound the
     * number of columns and the lines bound the rows. */
    size_t lines = 1, max = 1;
    for (const char *s = t->text; *s != '\0'; s++) {
        lines += *s == '\n';
        max += lines == 1 && *s == ',';
    }
    t->cells = malloc(lines * max * sizeof *t->cells);
    if (t->cells == NULL)
        goto bad;

    char *rest = t->text, *line;
    for (size_t row = 0; (line = next_line(&rest)) != NULL; row++) {
        int nf = split_csv(line, t->cells + row * t->ncol, row == 0 ? max : t->ncol);
        if (nf <= 0 || (row > 0 && (size_t)nf != t->ncol))
            goto bad;
        if (row == 0)
            t->ncol = (size_t)nf;
        else
            t->n++;
    }
    if (t->ncol == 0)
        goto bad;
    return 0;
bad:
    fprintf(stderr, "%s: unexpected content\n", path);
    survey_csv_free(t);
    return -1;
}

void survey_csv_free(survey_csv *t)
{
    free(t->cells);
    free(t->text);
    t->cells = NULL;
    t->text = NULL;
    t->n = t->ncol = 0;
}

static int column(const survey_csv *t, const char *name)
{
    for (size_t j = 0; j < t->ncol; j++)
        if (strcmp(t->cells[j], name) == 0)
            return (int)j;
    fprintf(stderr, "%s: no column %s\n", t->path, name);
    return -1;
}

int survey_csv_numbers(const survey_csv *t, const char *name, double *out, size_t stride)
{
    int j = column(t, name);
    if (j < 0)
        return -1;
    for (size_t i = 0; i < t->n; i++) {
        const char *f = t->cells[(i + 1) * t->ncol + (size_t)j];
        if (strcmp(f, "NA") == 0 || *f == '\0') {
            out[i * stride] = NAN;
            continue;
        }
        char *end;
        out[i * stride] = strtod(f, &end);
        if (*end != '\0') {
            fprintf(stderr, "%s: %s of row %zu, '%s', is not a number\n", t->path, name, i + 1,
                    f);
            return -1;
        }
    }
    return 0;
}

int survey_csv_items(const survey_csv *t, char prefix, size_t k, double *out, size_t ld)
{
    for (size_t j = 0; j < k; j++) {
        char name[32];
        snprintf(name, sizeof name, "%c%zu", prefix, j + 1);
        if (survey_csv_numbers(t, name, out + j, ld) != 0)
            return -1;
    }
    return 0;
}

int survey_csv_codes(const survey_csv *t, const char *name, const char *const *levels,
                     size_t nlevels, int *out)
{
    int j = column(t, name);
    if (j < 0)
        return -1;
    for (size_t i = 0; i < t->n; i++) {
        const char *f = t->cells[(i + 1) * t->ncol + (size_t)j];
        out[i] = -1;
        for (size_t l = 0; l < nlevels && out[i] < 0; l++)
            if (strcmp(f, levels[l]) == 0)
                out[i] = (int)l;
    }
    return 0;
}
