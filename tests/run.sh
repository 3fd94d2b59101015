#!/usr/bin/env bash
# Installs what is missing, builds (release), then runs every test suite:
# cmocka, pytest, Lua, examples (the Dask cluster and the Lua stream
# included), the example notebook (run headless, rendered in Chromium:
# suite notebook), the install and ABI checks, and the Doxygen documentation
# build (a warning fails it); then installs libcsat as users do
# (tests/install/run.sh: meson install with CMake and pkg-config, a meson
# subproject, pip, LuaRocks, and meson dist from a git checkout).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/setup/setup.sh"

ninja -C "$CSAT_BUILD" docs
meson test -C "$CSAT_BUILD" --print-errorlogs --num-processes 2
bash "$CSAT_ROOT/tests/install/run.sh" "$CSAT_BUILD"
