#!/usr/bin/env bash
# ThreadSanitizer: builds libcsat and the cmocka suites with -fsanitize=thread
# in build-tsan/ (at the top of the source tree, or $CSAT_TSAN_BUILD) and runs
# tests/test_threads.c, which calls every family of the API from several
# threads at once on shared input, and tests/test_long_work.c, whose long
# computations run on threads of the library's own (with progress functions
# and cancellation). Any report fails the run.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=${CSAT_TSAN_BUILD:-$root/build-tsan}
cd "$root"

# halt_on_error: the first race ends the process with exitcode (66), so the
# test fails even if cmocka would otherwise report success.
export TSAN_OPTIONS="halt_on_error=1:exitcode=66:second_deadlock_stack=1${TSAN_OPTIONS:+:$TSAN_OPTIONS}"

if [ ! -f "$build/build.ninja" ]; then
    meson setup "$build" --buildtype=debugoptimized -Db_sanitize=thread -Db_lundef=false \
        -Dpython=disabled -Dlua=disabled -Ddocs=disabled -Dexamples=disabled
fi
ninja -C "$build"
meson test -C "$build" --print-errorlogs threads long_work
