/*
 * Whether a suite runs under valgrind, for the few checks that cannot pass
 * there.
 *
 * valgrind does not emulate the x87 80-bit format: it computes long double
 * arithmetic in 64-bit double precision. A check whose accuracy rests on
 * long double (the extended-precision refinement of the key-driver fit, or
 * a long double reference computed by the test itself) therefore fails
 * under valgrind although nothing is wrong with the memory it checks; such
 * checks skip there. tests/sanitize/valgrind.sh sets CSAT_UNDER_VALGRIND=1;
 * where valgrind's client header is installed, RUNNING_ON_VALGRIND also
 * covers a plain `meson test --wrapper valgrind` (the header is optional:
 * nothing in the build depends on it).
 */
#ifndef CSAT_TESTS_UNDER_VALGRIND_H
#define CSAT_TESTS_UNDER_VALGRIND_H

#include <stdlib.h>
#include <string.h>

#if defined(__has_include)
#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#define CSAT_TESTS_HAVE_VALGRIND_H 1
#endif
#endif

static inline int under_valgrind(void)
{
    const char *v = getenv("CSAT_UNDER_VALGRIND");
    if (v != NULL && *v != '\0' && strcmp(v, "0") != 0)
        return 1;
#ifdef CSAT_TESTS_HAVE_VALGRIND_H
    return RUNNING_ON_VALGRIND != 0;
#else
    return 0;
#endif
}

#endif
