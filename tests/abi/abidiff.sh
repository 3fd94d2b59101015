#!/usr/bin/env bash
# ABI check of libcsat.so against the committed baseline (tests/abi/libcsat.abi,
# written by tests/abi/update_baseline.sh): from 1.0.0 on a program linked
# against one release must keep working with every later release of the same
# major version (doc/VERSIONING.md), and this test fails when it would not.
#
# Usage: abidiff.sh <built libcsat.so.N> <baseline.abi> <public include dir>
#
# abidiff (abigail-tools) compares the DWARF debug info of the library with
# the baseline. --headers-dir1/--headers-dir2 restrict the comparison to the
# types declared in the public headers, so the inside of opaque handles
# (csat_tally, ...) and internal structs may change freely.
#
# What fails: any non-zero abidiff status once added functions and variables
# are left out of the comparison (--no-added-syms). abidiff's status is a bit
# mask: 1 error, 2 usage error, 4 ABI change, 8 incompatible ABI change. A
# removed function or variable gives 12 (4|8); a changed parameter or return
# type, or a changed public struct or enum reachable from an exported
# function (field added, removed, moved or retyped, size change, enumerator
# value changed) gives 4 alone, so the check fails on 4 as well as on 8.
#
# What passes as well: members appended at the end of a sized options or
# result struct (growth.abignore says why; csat_error excepted).
#
# What passes: no change, or only added functions or variables (a MINOR
# release; without --no-added-syms abidiff would return 4 for them, so they
# are listed afterwards for information only). Changes abidiff rates
# harmless are filtered out by abidiff itself and pass too: enumerators
# appended at the end of an enum, a parameter switched between an enum and
# an integer type of the same size, changes inside opaque structs defined
# outside the public headers.
#
# Exit status: 0 pass, 1 fail (report printed), 77 skip (abidiff is not
# installed; tests/setup/debian-packages.txt lists abigail-tools).
set -euo pipefail

if [ $# -ne 3 ]; then
    echo "usage: $0 <built libcsat.so.N> <baseline.abi> <public include dir>" >&2
    exit 2
fi
lib=$1 baseline=$2 incdir=$3

if ! command -v abidiff >/dev/null; then
    echo "abidiff not found: install abigail-tools (tests/setup/debian-packages.txt)"
    exit 77
fi
if [ ! -f "$baseline" ]; then
    echo "no ABI baseline: run tests/abi/update_baseline.sh ($baseline is missing)"
    exit 1
fi
if [ ! -f "$lib" ]; then
    echo "library not found: $lib"
    exit 1
fi
# Without DWARF abidiff compares ELF symbols only and returns 0 for a changed
# struct, even with --fail-no-debug-info: refuse instead of passing.
if ! LC_ALL=C readelf -S --wide "$lib" | grep -q '[[:space:]]\.debug_info[[:space:]]'; then
    echo "$lib has no debug info: configure the build with -Ddebug=true" \
         "(tests/setup/setup.sh does: --buildtype=release -Ddebug=true)"
    exit 1
fi

report=$(mktemp)
trap 'rm -f "$report"' EXIT

status=0
abidiff --no-added-syms --fail-no-debug-info \
    --suppressions "$(dirname "${BASH_SOURCE[0]}")/growth.abignore" \
    --headers-dir1 "$incdir" --headers-dir2 "$incdir" \
    "$baseline" "$lib" >"$report" 2>&1 || status=$?

if [ "$status" -ne 0 ]; then
    cat "$report"
    echo
    reasons=
    [ $((status & 1)) -eq 0 ] || reasons+=", error"
    [ $((status & 2)) -eq 0 ] || reasons+=", usage error"
    [ $((status & 4)) -eq 0 ] || reasons+=", ABI change"
    [ $((status & 8)) -eq 0 ] || reasons+=", incompatible ABI change"
    echo "abidiff exit status $status (${reasons#, }) against $baseline"
    echo "An ABI break needs a new major version (doc/VERSIONING.md); only then is"
    echo "the baseline rewritten, with tests/abi/update_baseline.sh."
    echo "0 passed, 1 failed"
    exit 1
fi

# Passed. Without --no-added-syms abidiff reports additions (status 4):
# shown for information, they never fail.
added_status=0
abidiff --headers-dir1 "$incdir" --headers-dir2 "$incdir" \
    "$baseline" "$lib" >"$report" 2>&1 || added_status=$?
if [ "$added_status" -ne 0 ]; then
    cat "$report"
    echo
    echo "Only additions since $baseline: compatible."
else
    echo "No incompatible ABI change against $baseline."
fi
echo "1 passed, 0 failed"
