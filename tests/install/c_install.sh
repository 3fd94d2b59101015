#!/usr/bin/env bash
# C: `meson install --destdir` of the build folder ($1, default build/), then
# what the installed tree must hold (headers, libcsat.so.1, csat.pc, the
# CMake package files, the Doxygen HTML, the example sources), a CMake
# project that finds it with find_package(csat) (tests/install/cmake), and
# an installed example program built with pkg-config.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

option() {
    meson introspect --buildoptions "$build" | "${CSAT_PYTHON:-/usr/bin/python3}" -c '
import json, sys
print(next(o["value"] for o in json.load(sys.stdin) if o["name"] == sys.argv[1]))' "$1"
}
prefix=$(option prefix)
libdir=$(option libdir)
datadir=$(option datadir)
includedir=$(option includedir)
case $libdir in /*) ;; *) libdir=$prefix/$libdir ;; esac
case $datadir in /*) ;; *) datadir=$prefix/$datadir ;; esac
case $includedir in /*) ;; *) includedir=$prefix/$includedir ;; esac

# The commands of README.md, "Install", C.
dest=$tmp/stage
meson install -C "$build" --destdir "$dest" >"$tmp/install.log" || { cat "$tmp/install.log"; exit 1; }
version=$(sed -n "s/^ *version *: *'\([^']*\)'.*/\1/p" "$root/meson.build" | head -n 1)
major=${version%%.*}

need() {
    for f in "$@"; do
        [ -e "$dest$f" ] || { echo "missing from the installed tree: $f"; exit 1; }
    done
}
need "$includedir/csat.h" "$includedir/csat/version.h" "$libdir/libcsat.so.$major" \
     "$libdir/libcsat.so.$version" "$libdir/pkgconfig/csat.pc" \
     "$libdir/cmake/csat/csatConfig.cmake" "$libdir/cmake/csat/csatConfigVersion.cmake" \
     "$datadir/doc/libcsat/examples/README.md" "$datadir/doc/libcsat/examples/report.c" \
     "$datadir/doc/libcsat/examples/data/airlinesat.csv" \
     "$datadir/doc/libcsat/examples/python/dask_scores.py" \
     "$datadir/doc/libcsat/examples/lua/stream_scores.lua"
if [ -f "$build/doc/html/index.html" ]; then
    need "$datadir/doc/libcsat/html/index.html" "$datadir/doc/libcsat/html/format.html"
fi
echo "installed tree: headers, libcsat.so.$major, csat.pc, CMake package, documentation, examples"

# CMake: find_package(csat) with the installed prefix on CMAKE_PREFIX_PATH.
cmake -S "$root/tests/install/cmake" -B "$tmp/cmake" -DCMAKE_PREFIX_PATH="$dest$prefix" \
    >"$tmp/cmake.log" || { cat "$tmp/cmake.log"; exit 1; }
grep "libcsat $version from $dest$libdir/cmake/csat" "$tmp/cmake.log" \
    || { cat "$tmp/cmake.log"; echo "CMake did not find libcsat $version in $dest"; exit 1; }
cmake --build "$tmp/cmake" >"$tmp/cmake-build.log" || { cat "$tmp/cmake-build.log"; exit 1; }
out=$("$tmp/cmake/nps")
echo "CMake program: $out"
[ "$out" = "NPS 20.0, 95% CI [-37.0, 77.0], n = 10" ] || { echo "unexpected output"; exit 1; }

# An installed example, built as its README says, with pkg-config.
export PKG_CONFIG_PATH="$dest$libdir/pkgconfig" PKG_CONFIG_SYSROOT_DIR="$dest"
examples=$dest$datadir/doc/libcsat/examples
# shellcheck disable=SC2046
${CC:-cc} -std=c11 -O2 -o "$tmp/csat-report" "$examples/report.c" "$examples/csv.c" \
    $(pkg-config --cflags --libs csat) -lm
LD_LIBRARY_PATH="$dest$libdir" "$tmp/csat-report" "$examples/data/airlinesat.csv" >"$tmp/report.txt" \
    && grep -q "Net Promoter Score" "$tmp/report.txt" \
    || { cat "$tmp/report.txt"; echo "the installed report example failed"; exit 1; }
echo "installed example report.c built with pkg-config and run"
echo "PASS C install: meson install, find_package(csat), pkg-config"
