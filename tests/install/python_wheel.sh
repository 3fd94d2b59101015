#!/usr/bin/env bash
# pip: `pip install .` and `pip wheel .` through meson-python
# (pyproject.toml), in a fresh virtual environment that sees Debian's
# packages (numpy, meson-python) and uses no network. Checks that the wheel
# holds the package `csat` alone, its extension with libcsat linked in, that
# `import csat` works from any folder and that `pip uninstall csat` removes
# every file.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
python=${CSAT_PYTHON:-/usr/bin/python3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$python" -m venv --system-site-packages "$tmp/venv"
venv=$tmp/venv
site=$("$venv/bin/python" -c 'import sysconfig; print(sysconfig.get_path("platlib"))')

# The commands of README.md, "Install", Python.
cd "$root"
"$venv/bin/pip" install --no-index --no-build-isolation .
"$venv/bin/pip" wheel --no-index --no-build-isolation --no-deps -w "$tmp/wheels" .

cd "$tmp"
"$venv/bin/python" - "$site" <<'PY'
import os, sys
import csat
site = sys.argv[1]
assert csat.__file__.startswith(site + os.sep), f"csat imported from {csat.__file__}, not {site}"
assert abs(csat.nps([10, 9, 9, 10, 8, 7, 6, 3, 9, 5]).score - 20) < 1e-12
import pickle
t = csat.Tally().add([9, 10, 0])
assert pickle.loads(pickle.dumps(t)) == t
print(f"import csat {csat.__version__} from {os.path.dirname(csat.__file__)}")
PY

# The extension carries libcsat: no libcsat.so among its dependencies.
ext=$(find "$site/csat" -name '_core*.so')
if ldd "$ext" | grep -q libcsat; then
    echo "the extension needs libcsat.so:"; ldd "$ext"; exit 1
fi

# The wheel holds the package and its metadata, nothing else.
wheel=$(ls "$tmp"/wheels/csat-*.whl)
"$venv/bin/python" - "$wheel" <<'PY'
import sys, zipfile
names = zipfile.ZipFile(sys.argv[1]).namelist()
extra = [n for n in names if not (n.startswith("csat/") or ".dist-info/" in n)]
assert not extra, f"the wheel holds more than the package: {extra}"
assert any(n.startswith("csat/_core") and n.endswith(".so") for n in names), names
assert "csat/__init__.py" in names and "csat/core.py" in names, names
print(f"{sys.argv[1].rsplit('/', 1)[1]}: {len(names)} files, the package csat alone")
PY

"$venv/bin/pip" uninstall -y csat
if [ -e "$site/csat" ]; then
    echo "pip uninstall csat left $site/csat:"; find "$site/csat"; exit 1
fi
"$venv/bin/python" -c '
import sys
try:
    import csat
except ImportError:
    sys.exit(0)
sys.exit(0 if not csat.__file__.startswith(sys.argv[1]) else 1)' "$site" \
    || { echo "csat still imports from the virtual environment"; exit 1; }
echo "PASS python wheel: pip install, pip wheel, import from $tmp, pip uninstall"
