#!/usr/bin/env bash
# Installs what is missing, builds (release), then runs every test suite:
# cmocka, pytest, Lua, examples, the install and ABI checks, and the
# Doxygen documentation build (a warning fails it).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/setup/setup.sh"

ninja -C "$CSAT_BUILD" docs
meson test -C "$CSAT_BUILD" --print-errorlogs --num-processes 2
