# Shared set-up of tests/run.sh and examples/demo.sh (sourced, not run):
# installs the Debian packages that are missing, then configures and builds
# a release build in $CSAT_BUILD (default build/). Idempotent: with
# everything in place it only lets ninja check that the build is current.
#
# The release build carries DWARF debug info (-Ddebug=true: -O3 -g, NDEBUG
# still defined) because the ABI check (tests/abi/abidiff.sh) compares the
# types of libcsat.so with the baseline and needs it; a build folder
# configured without it is switched over once.
set -euo pipefail

CSAT_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
CSAT_BUILD=${CSAT_BUILD:-$CSAT_ROOT/build}

csat_missing_packages() {
    local pkg missing=()
    while read -r pkg; do
        pkg=${pkg%%#*}
        pkg=${pkg//[[:space:]]/}
        [ -n "$pkg" ] || continue
        if [ "$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null)" != "install ok installed" ]; then
            missing+=("$pkg")
        fi
    done < "$CSAT_ROOT/tests/setup/debian-packages.txt"
    echo "${missing[@]:-}"
}

csat_install_packages() {
    local missing
    missing=$(csat_missing_packages)
    [ -n "$missing" ] || return 0
    echo "Installing Debian packages: $missing"
    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null || { echo "error: run as root to install: $missing" >&2; return 1; }
        sudo=(sudo)
    fi
    export DEBIAN_FRONTEND=noninteractive
    "${sudo[@]}" apt-get update -q
    # shellcheck disable=SC2086
    "${sudo[@]}" apt-get install -y -q --no-install-recommends $missing
}

csat_build_option() {
    meson introspect --buildoptions "$CSAT_BUILD" | python3 -c '
import json, sys
print(str(next(o["value"] for o in json.load(sys.stdin) if o["name"] == sys.argv[1])).lower())' "$1"
}

csat_build() {
    if [ ! -f "$CSAT_BUILD/build.ninja" ]; then
        meson setup "$CSAT_BUILD" "$CSAT_ROOT" --buildtype=release -Ddebug=true "$@"
    elif [ "$(csat_build_option debug)" != true ]; then
        meson configure "$CSAT_BUILD" -Ddebug=true
    fi
    ninja -C "$CSAT_BUILD"
}

csat_install_packages
csat_build
