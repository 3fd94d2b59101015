#!/usr/bin/env bash
# Installs what is missing, builds (release) and prints the satisfaction
# report of the airline survey in examples/data with the C example.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../tests/setup/setup.sh"

"$CSAT_BUILD/examples/csat-report" "$CSAT_ROOT/examples/data/airlinesat.csv"
