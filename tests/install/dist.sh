#!/usr/bin/env bash
# meson dist: the release tarballs (libcsat-VERSION.tar.xz and .tar.gz, the
# committed files of the git checkout) are made from the build folder ($1,
# default build/); meson dist unpacks one, configures it with that build's
# options, builds it, runs the whole test suite and installs it. Then
# LuaRocks builds the rock from the .tar.gz, as the rockspec's source says.
# Skipped, with a message, where the source is not a git checkout; a
# checkout with uncommitted changes is packed as committed (HEAD).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

if ! command -v git >/dev/null || ! git -C "$root" rev-parse --git-dir >/dev/null 2>&1; then
    echo "SKIP meson dist: $root is not a git checkout (meson dist packs the committed files" \
         "of a repository; run it from a clone)"
    exit 0
fi
if [ "$(git -C "$root" rev-parse --show-toplevel)" != "$root" ]; then
    echo "SKIP meson dist: $root is not the top of its git checkout"
    exit 0
fi
build=$(cd "${1:-$root/build}" && pwd)
if [ -n "$(git -C "$root" status --porcelain --untracked-files=no)" ]; then
    echo "note: uncommitted changes are not in the tarball; it holds HEAD" \
         "($(git -C "$root" rev-parse --short HEAD))"
fi

# The commands of README.md, "Install", release tarball.
meson dist -C "$build" --allow-dirty --formats xztar,gztar
version=$(sed -n "s/^ *version *: *'\([^']*\)'.*/\1/p" "$root/meson.build" | head -n 1)
dist=$build/meson-dist
for f in "libcsat-$version.tar.xz" "libcsat-$version.tar.gz"; do
    [ -f "$dist/$f" ] && [ -f "$dist/$f.sha256sum" ] || { echo "no $dist/$f"; exit 1; }
done
echo "meson dist: $(du -h "$dist/libcsat-$version.tar.xz" | cut -f1) libcsat-$version.tar.xz" \
     "built, tested and installed from itself"

# The rock from the tarball, as its rockspec's source says.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp "$dist/libcsat-$version.tar.gz" "$root/csat-$version-1.rockspec" "$tmp/"
(cd "$tmp" && luarocks --lua-version=5.4 build --tree="$tmp/rocks" "csat-$version-1.rockspec") \
    >"$tmp/luarocks.log" 2>&1 || { cat "$tmp/luarocks.log"; exit 1; }
eval "$(luarocks --lua-version=5.4 path --tree="$tmp/rocks")"
(cd "$tmp" && "${CSAT_LUA:-lua5.4}" -e 'assert(require("csat").nps({9, 10, 0}).n == 3)')
echo "luarocks build csat-$version-1.rockspec from libcsat-$version.tar.gz"
echo "PASS meson dist: the release tarball builds, passes its tests and installs; the rock builds from it"
