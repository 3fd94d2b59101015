-- LuaRocks package of the Lua module `csat` (require "csat"). libcsat's own
-- meson build makes it: SWIG's csat_core with libcsat linked in statically
-- (no libcsat.so needed at run time) and csat.lua on top. Needs a C
-- compiler, meson, ninja, SWIG and Lua 5.4's headers (pkg-config lua5.4).
--
--   luarocks --lua-version=5.4 make                      from the top of the source tree
--   luarocks --lua-version=5.4 make --tree=DIR           into a tree of its own
--   luarocks --lua-version=5.4 build csat-1.2.0-1.rockspec   beside libcsat-1.2.0.tar.gz (meson dist)
--
-- The version is meson.build's; tests/install/luarocks.sh checks that they
-- agree, and tests/install/dist.sh builds the rock from the release tarball.
rockspec_format = "3.0"
package = "csat"
version = "1.2.0-1"
source = {
   url = "libcsat-1.2.0.tar.gz",     -- meson dist --formats gztar (LuaRocks cannot unpack xz)
   dir = "libcsat-1.2.0",
}
description = {
   summary = "Customer-satisfaction statistics with their uncertainty",
   detailed = [[
NPS, CSAT, top- and bottom-box shares, mean satisfaction, CES and a
composite index, each with its standard error and confidence interval;
key-driver analysis (regression, LMG/Shapley, relative weights, dominance);
comparisons, survey designs and business measures. Mergeable, serialisable
accumulators for data seen in chunks. Bindings of the C library libcsat.
]],
   license = "MIT",
}
dependencies = {
   "lua >= 5.4, < 5.5",
}
build = {
   type = "command",
   build_command = [[
      if [ ! -f build-luarocks/build.ninja ]; then
         meson setup build-luarocks --buildtype=release -Dlua=enabled -Dpython=disabled \
            -Ddocs=disabled -Dtests=disabled -Dexamples=disabled || exit 1
      fi
      ninja -C build-luarocks bindings/lua/csat_core.so
   ]],
   install = {
      lua = { csat = "bindings/lua/csat.lua" },
      lib = { csat_core = "build-luarocks/bindings/lua/csat_core.so" },
   },
   copy_directories = {},
}
