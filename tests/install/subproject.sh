#!/usr/bin/env bash
# libcsat as a meson subproject: the project in tests/install/subproject is
# copied to a temporary folder with subprojects/csat linked to this source
# tree, configured with --force-fallback-for=csat (so that an installed
# csat.pc is not used instead), built, and its test run.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

mkdir -p "$tmp/project/subprojects"
cp "$root/tests/install/subproject/meson.build" "$root/tests/install/nps.c" "$tmp/project/"
ln -s "$root" "$tmp/project/subprojects/csat"

meson setup "$tmp/build" "$tmp/project" --force-fallback-for=csat >"$tmp/setup.log" \
    || { cat "$tmp/setup.log"; exit 1; }
grep -q "^Executing subproject csat" "$tmp/setup.log" \
    && grep -q "^Dependency csat found: YES .* (overridden)" "$tmp/setup.log" \
    || { cat "$tmp/setup.log"; echo "csat did not come from the subproject"; exit 1; }
ninja -C "$tmp/build" >"$tmp/build.log" || { cat "$tmp/build.log"; exit 1; }
out=$("$tmp/build/nps")
echo "subproject program: $out"
[ "$out" = "NPS 20.0, 95% CI [-37.0, 77.0], n = 10" ] || { echo "unexpected output"; exit 1; }
meson test -C "$tmp/build" --no-rebuild >/dev/null || { cat "$tmp/build/meson-logs/testlog.txt"; exit 1; }
echo "PASS meson subproject: dependency('csat', fallback : 'csat')"
