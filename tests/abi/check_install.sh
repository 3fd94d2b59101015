#!/usr/bin/env bash
# Installs the build into a temporary root, then compiles and runs a small C
# program against it with the flags `pkg-config --cflags --libs csat` gives.
set -euo pipefail
build=$1 prefix=$2 libdir=$3 src=$4 python=${5:-} lua=${6:-}
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

# The bindings, where they were built: importable from where they were put,
# and that place is one the interpreter searches by default.
init=$(find "$root" -path '*/csat/__init__.py' | head -n 1)
if [ -n "$python" ] && [ -n "$init" ]; then
    site=$(dirname "$(dirname "$init")")
    PYTHONPATH="$site" "$python" -c 'import csat; assert abs(csat.nps([9, 10, 0]).score - 100 / 3) < 1e-12'
    "$python" -c 'import sys; sys.exit(0 if sys.argv[1] in sys.path else 1)' "${site#"$root"}" \
        || { echo "${site#"$root"} is not on $python's sys.path"; exit 1; }
    echo "Python package installed in ${site#"$root"}"
fi
lmod=$(find "$root" -name csat.lua | head -n 1)
cmod=$(find "$root" -name 'csat_core.so' | head -n 1)
if [ -n "$lua" ] && [ -n "$lmod" ] && [ -n "$cmod" ]; then
    LUA_PATH="$(dirname "$lmod")/?.lua" LUA_CPATH="$(dirname "$cmod")/?.so" \
        "$lua" -e 'assert(math.abs(require("csat").nps({9, 10, 0}).score - 100 / 3) < 1e-12)'
    for f in "${lmod#"$root"}" "${cmod#"$root"}"; do
        CSAT_INSTALLED="$f" "$lua" -e 'local f = os.getenv("CSAT_INSTALLED")
            local p = f:match("%.lua$") and package.path or package.cpath
            local found = false
            for t in p:gmatch("[^;]+") do
                if t:gsub("%?", f:match("([^/]+)%.%w+$")) == f then found = true end
            end
            os.exit(found and 0 or 1)' || { echo "$f is not on Lua's default module paths"; exit 1; }
    done
    echo "Lua module installed in ${lmod#"$root"} and ${cmod#"$root"}"
fi
echo "1 passed, 0 failed"
