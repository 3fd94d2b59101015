#!/usr/bin/env bash
# Installs the build into a temporary root, then compiles and runs a small C
# program against it with the flags `pkg-config --cflags --libs csat` gives.
set -euo pipefail
build=$1 prefix=$2 libdir=$3 src=$4
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
DESTDIR="$root" meson install -C "$build" --no-rebuild --quiet >/dev/null
case $libdir in /*) ;; *) libdir=$prefix/$libdir ;; esac
export PKG_CONFIG_PATH="$root$libdir/pkgconfig" PKG_CONFIG_SYSROOT_DIR="$root"
flags=$(pkg-config --cflags --libs csat)
echo "pkg-config --cflags --libs csat: $flags"
# shellcheck disable=SC2086
${CC:-cc} -std=c11 -Wall -Werror -o "$root/smoke" "$src" $flags
LD_LIBRARY_PATH="$root$libdir" "$root/smoke"
for f in include/csat.h include/csat/common.h include/csat/version.h; do
    test -f "$root$prefix/$f" || { echo "missing $prefix/$f"; exit 1; }
done
echo "1 passed, 0 failed"
