/* Internal: structs that grow (doc/conventions.md, "Growth without
 * breakage"). Every options and result struct starts with `size_t size`, the
 * sizeof of the struct in the header the caller compiled against. A caller
 * built against an older, shorter struct gives a smaller size: the library
 * then reads only the options it knew (the rest keep their defaults) and
 * writes only the result fields it has room for. Never installed. */
#ifndef CSAT_LIB_CORE_SIZED_H
#define CSAT_LIB_CORE_SIZED_H

#include <stddef.h>

#include "core/error.h"
#include "csat/common.h"

/* The size field of a caller's struct (read bytewise: a struct from an
 * older header may be shorter than ours). */
size_t csat_sized_get(const void *s);

/* CSAT_ERR_ARGUMENT unless s's size lies in [sizeof(size_t), full] and is a
 * multiple of sizeof(size_t); `what` names the argument in the message. */
csat_status csat_sized_check(const void *s, size_t full, const char *what, csat_error *err);

/* Copy `value` (a struct of `full` bytes) into the caller's `out`, only the
 * bytes out's size covers; out's size is kept. out was checked. */
void csat_sized_store(void *out, const void *value, size_t full);

/* The same into element i of a caller's array whose first element's size
 * is the stride of all elements. */
void csat_sized_store_at(void *base, size_t i, const void *value, size_t full);

/* dst (a struct of `full` bytes) := the defaults, then the bytes of the
 * caller's opt that its size covers (opt may be NULL: the defaults alone);
 * dst's size becomes full. CSAT_ERR_ARGUMENT for a bad size. */
csat_status csat_sized_load(void *dst, size_t full, const void *opt, const void *defaults,
                            const char *what, csat_error *err);

/* dst (a struct of `full` bytes) := the bytes of the caller's result src
 * that its size covers, zeros after them (fields a shorter struct lacks
 * are absent, and the checks of the reader refuse what it needs). */
csat_status csat_sized_read(void *dst, size_t full, const void *src, const char *what,
                            csat_error *err);

/* Replace the pointer `ptr` to a caller's result by a pointer to a full
 * local copy `local` of it. */
#define CSAT_READ_RESULT(local, ptr, err)                                               \
    do {                                                                                \
        csat_status csat_st_ = csat_sized_read(&(local), sizeof(local), (ptr), #ptr, (err)); \
        if (csat_st_ != CSAT_OK)                                                        \
            return csat_st_;                                                            \
        (ptr) = &(local);                                                               \
    } while (0)

/* NULL check and size check of a result pointer. */
#define CSAT_REQUIRE_OUT(out, err)                                                      \
    do {                                                                                \
        CSAT_REQUIRE(out, err);                                                         \
        csat_status csat_st_ = csat_sized_check((out), sizeof *(out), #out, (err));     \
        if (csat_st_ != CSAT_OK)                                                        \
            return csat_st_;                                                            \
    } while (0)

/* Store a computed result (a full struct) through a checked `out`. */
#define CSAT_STORE(out, value) csat_sized_store((out), &(value), sizeof(value))

/* Load options of the type of `dst` from `opt` (NULL: defaults). */
#define CSAT_LOAD_OPTIONS(dst, opt, defaults, err)                                      \
    csat_sized_load(&(dst), sizeof(dst), (opt), &(defaults), "opt", (err))

#endif
