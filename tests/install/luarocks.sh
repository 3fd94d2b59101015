#!/usr/bin/env bash
# LuaRocks: `luarocks make` of the rockspec at the top of the source tree
# into a local tree (--tree), `require "csat"` through `luarocks path`, and
# `luarocks remove`. Checks that the rockspec's version is meson.build's.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
lua=${CSAT_LUA:-lua5.4}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

version=$(sed -n "s/^ *version *: *'\([^']*\)'.*/\1/p" "$root/meson.build" | head -n 1)
rockspec=$root/csat-$version-1.rockspec
[ -f "$rockspec" ] || { echo "no rockspec for version $version: $rockspec"; exit 1; }
grep -q "^version = \"$version-1\"" "$rockspec" \
    || { echo "$rockspec does not give version $version-1"; exit 1; }

# The commands of README.md, "Install", Lua.
cd "$root"
luarocks --lua-version=5.4 make --tree="$tmp/rocks"
eval "$(luarocks --lua-version=5.4 path --tree="$tmp/rocks")"

cd "$tmp"
CSAT_TREE=$tmp/rocks "$lua" -e '
local csat = require "csat"
local tree = os.getenv("CSAT_TREE")
local where = package.searchpath("csat_core", package.cpath)
assert(where and where:sub(1, #tree) == tree, "csat_core from " .. tostring(where))
assert(math.abs(csat.nps({10, 9, 9, 10, 8, 7, 6, 3, 9, 5}).score - 20) < 1e-12)
local t = csat.Tally.deserialize(csat.Tally(0, 10):add({9, 10, 0}):serialize())
assert(t.n == 3)
print("require \"csat\" from " .. where)'

luarocks --lua-version=5.4 remove --tree="$tmp/rocks" csat
left=$(find "$tmp/rocks" -type f ! -name manifest)
[ -z "$left" ] || { echo "luarocks remove left: $left"; exit 1; }
echo "PASS luarocks: make --tree, require, remove"
