#include "check.h"

#include <math.h>
#include <stdio.h>

void cmp_scaled(const cmp_ctx *c, const char *field, double got, double want, double floor)
{
    if ((isnan(got) && isnan(want)) || got == want)
        return;
    if (c->rel == 0.0 || isinf(want) || isnan(want)) {
        print_error("%s.%s: got %.17g, expected exactly %.17g\n", c->name, field, got, want);
        _fail(c->file, c->line);
        return;
    }
    double scale = fabs(want) > floor ? fabs(want) : floor;
    if (fabs(got - want) <= c->rel * scale)
        return;
    print_error("%s.%s: got %.17g, expected %.17g (difference %.3g, allowed %.3g)\n", c->name,
                field, got, want, fabs(got - want), c->rel * scale);
    _fail(c->file, c->line);
}

void cmp_rel(const cmp_ctx *c, const char *field, double got, double want)
{
    cmp_scaled(c, field, got, want, 1e-300);
}

void cmp_unit(const cmp_ctx *c, const char *field, double got, double want)
{
    cmp_scaled(c, field, got, want, 1.0);
}

void cmp_percent(const cmp_ctx *c, const char *field, double got, double want_percent)
{
    cmp_scaled(c, field, got, want_percent / 100, 0.01);
}

void cmp_share(const cmp_ctx *c, const char *field, double got, double want)
{
    cmp_scaled(c, field, got, want, 0.01);
}

void cmp_size(const cmp_ctx *c, const char *field, size_t got, size_t want)
{
    if (got == want)
        return;
    print_error("%s.%s: got %zu, expected %zu\n", c->name, field, got, want);
    _fail(c->file, c->line);
}

void cmp_int(const cmp_ctx *c, const char *field, long got, long want)
{
    if (got == want)
        return;
    print_error("%s.%s: got %ld, expected %ld\n", c->name, field, got, want);
    _fail(c->file, c->line);
}

void ok(csat_status s, const csat_error *err, const char *call, const char *file, int line)
{
    if (s == CSAT_OK)
        return;
    print_error("%s returned %d (%s): %s\n", call, (int)s, csat_strerror(s), err->message);
    _fail(file, line);
}

void check_failure(csat_status got, csat_status want, size_t index, size_t column,
                   const csat_error *err, const char *call, const char *file, int line)
{
    if (got != want) {
        print_error("%s: returned %d (%s), expected %d (%s)\n", call, (int)got,
                    csat_strerror(got), (int)want, csat_strerror(want));
        _fail(file, line);
    }
    if (err->code != want) {
        print_error("%s: err.code %d, expected %d\n", call, (int)err->code, (int)want);
        _fail(file, line);
    }
    if ((index != ANY_INDEX && err->index != index) ||
        (column != ANY_INDEX && err->column != column)) {
        print_error("%s: err.index %zu err.column %zu, expected %zu and %zu\n", call, err->index,
                    err->column, index, column);
        _fail(file, line);
    }
    if (memchr(err->message, '\0', sizeof err->message) == NULL || err->message[0] == '\0') {
        print_error("%s: err.message is empty or not terminated\n", call);
        _fail(file, line);
    }
}

void check_untouched(const void *p, size_t size, const char *call, const char *file, int line)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < size; i++) {
        if (b[i] != 0xA5) {
            print_error("%s: output changed at byte %zu although the call failed\n", call, i);
            _fail(file, line);
            return;
        }
    }
}

void check_sized_first(void *p, size_t total, size_t size)
{
    if (size != 0 && total >= size)
        memcpy(p, &size, sizeof size);
}

void check_unchanged(const void *p, const void *before, size_t size, const char *call,
                     const char *file, int line)
{
    const unsigned char *b = p, *a = before;
    for (size_t i = 0; i < size; i++) {
        if (b[i] != a[i]) {
            print_error("%s: output changed at byte %zu although the call failed\n", call, i);
            _fail(file, line);
            return;
        }
    }
}
