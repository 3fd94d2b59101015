#!/usr/bin/env bash
# Installation as users do it, each check in a temporary folder of its own
# (run by tests/run.sh after the test suites; $1 is the build folder):
#
#   c_install.sh      meson install: files, find_package(csat) from CMake, pkg-config
#   subproject.sh     libcsat as a meson subproject (dependency('csat'))
#   python_wheel.sh   pip install . / pip wheel . (meson-python) in a fresh venv
#   luarocks.sh       luarocks make into a local tree
#   dist.sh           meson dist: the release tarball builds and passes its tests
#
# CSAT_INSTALL_CHECKS picks some of them (e.g. "c_install subproject").
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
build=${1:-$here/../../build}
checks=${CSAT_INSTALL_CHECKS:-c_install subproject python_wheel luarocks dist}
for check in $checks; do
    echo "=== tests/install/$check.sh"
    case $check in
        c_install|dist) bash "$here/$check.sh" "$build" ;;
        *) bash "$here/$check.sh" ;;
    esac
done
