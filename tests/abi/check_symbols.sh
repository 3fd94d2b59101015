#!/usr/bin/env bash
# The shared library exports exactly the functions listed in the version
# script, each with its version node, and nothing else.
set -euo pipefail
lib=$1 map=$2
expected=$(sed -n 's/^[[:space:]]*\(csat_[a-z0-9_]*\);.*/\1/p' "$map" | sort)
actual=$(nm -D --defined-only "$lib" | awk '$2 ~ /^[TtDdBbRr]$/ {print $3}' \
         | grep -v '^CSAT_' | sed 's/@.*//' | sort)
if [ "$expected" != "$actual" ]; then
    echo "exported symbols differ from $map:"
    diff <(echo "$expected") <(echo "$actual") || true
    echo "0 passed, 1 failed"
    exit 1
fi
unversioned=$(nm -D --defined-only "$lib" | awk '$3 ~ /^csat_/ && $3 !~ /@/ {print $3}')
if [ -n "$unversioned" ]; then
    echo "symbols without a version node: $unversioned"
    exit 1
fi
echo "$(echo "$expected" | wc -l) symbols exported as listed"
echo "1 passed, 0 failed"
