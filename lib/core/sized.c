/* Structs that grow: reading and writing only what the caller's size covers. */
#include <string.h>

#include "core/error.h"
#include "core/sized.h"

size_t csat_sized_get(const void *s)
{
    size_t size;
    memcpy(&size, s, sizeof size);
    return size;
}

csat_status csat_sized_check(const void *s, size_t full, const char *what, csat_error *err)
{
    size_t size = csat_sized_get(s);
    if (size >= sizeof(size_t) && size <= full && size % sizeof(size_t) == 0)
        return CSAT_OK;
    return csat_fail(err, CSAT_ERR_ARGUMENT, CSAT_NO_INDEX, CSAT_NO_INDEX,
                     "%s->size is %zu: set it by CSAT_RESULT_INIT or the options' _DEFAULT "
                     "(this library knows at most %zu)",
                     what, size, full);
}

void csat_sized_store(void *out, const void *value, size_t full)
{
    size_t size = csat_sized_get(out);
    if (size > full)
        size = full;
    memcpy((char *)out + sizeof size, (const char *)value + sizeof size, size - sizeof size);
}

void csat_sized_store_at(void *base, size_t i, const void *value, size_t full)
{
    size_t stride = csat_sized_get(base);
    char *elem = (char *)base + i * stride;
    if (i > 0)
        memcpy(elem, &stride, sizeof stride);
    csat_sized_store(elem, value, full);
}

csat_status csat_sized_load(void *dst, size_t full, const void *opt, const void *defaults,
                            const char *what, csat_error *err)
{
    memcpy(dst, defaults, full);
    if (opt != NULL) {
        csat_status st = csat_sized_check(opt, full, what, err);
        if (st != CSAT_OK)
            return st;
        size_t size = csat_sized_get(opt);
        memcpy((char *)dst + sizeof size, (const char *)opt + sizeof size, size - sizeof size);
    }
    memcpy(dst, &full, sizeof full);
    return CSAT_OK;
}

csat_status csat_sized_read(void *dst, size_t full, const void *src, const char *what,
                            csat_error *err)
{
    csat_status st = csat_sized_check(src, full, what, err);
    if (st != CSAT_OK)
        return st;
    size_t size = csat_sized_get(src);
    memset(dst, 0, full);
    memcpy(dst, src, size);
    memcpy(dst, &full, sizeof full);
    return CSAT_OK;
}
