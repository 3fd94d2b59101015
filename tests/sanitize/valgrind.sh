#!/usr/bin/env bash
# valgrind memcheck on the cmocka suites: builds them (debugoptimized, no
# sanitizers) in build-valgrind/ at the top of the source tree (or
# $CSAT_VALGRIND_BUILD) and runs the 'c' suite under memcheck. Any invalid
# access, use of an uninitialised value or definite leak fails the run.
#
# valgrind does not emulate 80-bit long double arithmetic, so the two checks
# that rest on it skip under valgrind (CSAT_UNDER_VALGRIND, see
# tests/under_valgrind.h): the NIST StRD digits of the key-driver fit
# (test_drivers.c, run_nist) and the long double two-pass reference of
# moments_keep_digits_on_offset_and_sorted_data (test_accum.c).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=${CSAT_VALGRIND_BUILD:-$root/build-valgrind}
cd "$root"

command -v valgrind >/dev/null ||
    { echo "error: valgrind not found (tests/setup/debian-packages.txt lists it)" >&2; exit 1; }

export CSAT_UNDER_VALGRIND=1

if [ ! -f "$build/build.ninja" ]; then
    meson setup "$build" --buildtype=debugoptimized -Db_sanitize=none \
        -Dpython=disabled -Dlua=disabled -Ddocs=disabled -Dexamples=disabled
fi
ninja -C "$build"
# About 10x slower than natively: the per-suite timeout of tests/meson.build
# is scaled to match.
meson test -C "$build" --suite c --print-errorlogs --num-processes 2 --timeout-multiplier 10 \
    --wrapper 'valgrind --error-exitcode=1 --leak-check=full --show-leak-kinds=definite --errors-for-leak-kinds=definite --track-origins=no -q'
