#!/usr/bin/env bash
# Installs what is missing, builds (release) and prints the satisfaction
# report and the key drivers of the airline survey in examples/data with the
# C examples.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../tests/setup/setup.sh"

"$CSAT_BUILD/examples/csat-report" "$CSAT_ROOT/examples/data/airlinesat.csv"
"$CSAT_BUILD/examples/csat-drivers" "$CSAT_ROOT/examples/data/airlinesat.csv"
