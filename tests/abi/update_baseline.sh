#!/usr/bin/env bash
# Writes the ABI baseline tests/abi/libcsat.abi that tests/abi/abidiff.sh
# (meson test abidiff) compares every build against.
#
# Usage: update_baseline.sh [<built libcsat.so.N>]
#        default: the libcsat.so.N of $CSAT_BUILD (build/ at the top of the
#        source tree), as built by tests/run.sh.
#
# Run it only
#   - when releasing a new major version (the old ABI is given up on purpose),
#   - or when releasing a version that deliberately adds functions or types,
#     so that the additions are protected from then on,
# then commit tests/abi/libcsat.abi with the release. Never run it to make an
# ABI check pass: a failing check means a program built against the last
# release would break (doc/VERSIONING.md).
#
# The library must carry DWARF debug info (meson -Ddebug=true; tests/setup/
# setup.sh configures --buildtype=release -Ddebug=true), otherwise the
# baseline would hold symbols only and no type could be checked. Types
# declared under include/ are the public ones; abidiff.sh compares only those.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=${CSAT_BUILD:-$root/build}
out=$root/tests/abi/libcsat.abi
incdir=$root/include

if [ $# -gt 1 ]; then
    echo "usage: $0 [<built libcsat.so.N>]" >&2
    exit 2
fi
if [ $# -eq 1 ]; then
    lib=$1
else
    lib=$(find "$build/lib" -maxdepth 1 -name 'libcsat.so.*' | grep -E '/libcsat\.so\.[0-9]+$' | sort -V | tail -n 1 || true)
    if [ -z "$lib" ]; then
        echo "no libcsat.so.N in $build/lib: build first (tests/run.sh), or name the library" >&2
        exit 1
    fi
fi
command -v abidw >/dev/null ||
    { echo "abidw not found: install abigail-tools (tests/setup/debian-packages.txt)" >&2; exit 1; }
if ! LC_ALL=C readelf -S --wide "$lib" | grep -q '[[:space:]]\.debug_info[[:space:]]'; then
    echo "$lib has no debug info: configure the build with -Ddebug=true" >&2
    exit 1
fi

# No build paths in the committed file: --no-corpus-path and
# --no-comp-dir-path leave out where the library was built, --short-locs
# keeps file names only (the header filter of abidiff goes by file name).
abidw --headers-dir "$incdir" --no-corpus-path --no-comp-dir-path --short-locs \
    --out-file "$out" "$lib"
echo "wrote ${out#"$root"/} from $lib ($(grep -c '<elf-symbol ' "$out") ELF symbols)"
