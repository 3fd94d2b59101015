#!/usr/bin/env bash
# Builds the libFuzzer harnesses (clang, ASan + UBSan) and runs each for a
# bounded time on a copy of its seed corpus; exits non-zero on any finding.
#
#   bash tests/fuzz/run.sh [SECONDS-PER-HARNESS [HARNESS...]]
#   CSAT_FUZZ_RUNS=200000 bash tests/fuzz/run.sh 40     (repeatable: seed 1)
#
# SECONDS defaults to 20; HARNESS defaults to all of them. The build
# directory is build-fuzz (CSAT_FUZZ_BUILD overrides it); it is configured
# when missing. The reproducers under tests/fuzz/regressions/<harness>/
# are replayed first. A finding's input is printed in hex and kept in the
# work directory named at the end. The seed corpora are written by
# gen_corpus.c: build-fuzz/tests/fuzz/fuzz_gen_corpus tests/fuzz/corpus
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
build="${CSAT_FUZZ_BUILD:-$root/build-fuzz}"
seconds="${1:-20}"
shift || true
all=(tally_deserialize moments_deserialize xprod_deserialize scores score_weights accum
     drivers_fit drivers_importance drivers_bootstrap compare business grouped survey)
if [ $# -gt 0 ]; then harnesses=("$@"); else harnesses=("${all[@]}"); fi

# The library itself carries libFuzzer's coverage instrumentation (c_args);
# a sanitizer report ends the run (-fno-sanitize-recover).
cov_args='-fsanitize=fuzzer-no-link -fno-sanitize-recover=all'
if [ ! -f "$build/build.ninja" ]; then
    CC="${CC:-clang}" meson setup "$build" "$root" -Dfuzzing=true -Dc_args="$cov_args" \
        -Db_sanitize=address,undefined -Db_lundef=false -Dtests=enabled \
        -Dpython=disabled -Dlua=disabled -Ddocs=disabled -Dexamples=disabled
elif ! grep -q -- '-fsanitize=fuzzer-no-link' "$build/meson-info/intro-buildoptions.json"; then
    meson configure "$build" -Dfuzzing=true -Dc_args="$cov_args" \
        -Db_sanitize=address,undefined -Db_lundef=false
fi
# CSAT_FUZZ_RUNS=N makes a run repeatable: a fixed seed and at most N
# inputs per harness (the time bound may still end it earlier, on a prefix
# of the same sequence), as CI uses it. Without it, the seed is random.
repeat=()
if [ -n "${CSAT_FUZZ_RUNS:-}" ]; then
    repeat=(-seed="${CSAT_FUZZ_SEED:-1}" -runs="$CSAT_FUZZ_RUNS")
fi
targets=()
for h in "${harnesses[@]}"; do targets+=("tests/fuzz/fuzz_$h"); done
ninja -C "$build" "${targets[@]}"

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
work="$(mktemp -d "${TMPDIR:-/tmp}/csat-fuzz.XXXXXX")"
failed=0
summary=()

for h in "${harnesses[@]}"; do
    exe="$build/tests/fuzz/fuzz_$h"
    mkdir -p "$work/$h/corpus"
    log="$work/$h/log"
    status=ok
    # Known findings first: each must pass now.
    if [ -d "$here/regressions/$h" ] && [ -n "$(ls -A "$here/regressions/$h")" ]; then
        if ! "$exe" "$here/regressions/$h"/* >"$work/$h/regressions.log" 2>&1; then
            status="REGRESSION"
            tail -n 40 "$work/$h/regressions.log"
        fi
    fi
    if [ -d "$here/corpus/$h" ]; then
        cp "$here/corpus/$h"/* "$work/$h/corpus/"
    fi
    if ! "$exe" -max_total_time="$seconds" "${repeat[@]}" -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$work/$h/" \
        "$work/$h/corpus" >"$log" 2>&1; then
        status="FINDING"
        grep -E -m 1 -A 30 "ERROR: |invariant failed|runtime error" "$log" || tail -n 40 "$log"
        for a in "$work/$h"/crash-* "$work/$h"/leak-* "$work/$h"/timeout-* "$work/$h"/oom-* \
                 "$work/$h"/slow-unit-*; do
            [ -f "$a" ] || continue
            echo "reproducer $a:"
            od -An -tx1 -v "$a" | head -n 64
        done
    fi
    runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)"
    [ "$status" = ok ] || failed=1
    summary+=("$(printf '%-22s %12s executions  %s' "$h" "${runs:-?}" "$status")")
done

printf '%s\n' "${summary[@]}"
if [ "$failed" -ne 0 ]; then
    echo "fuzzing found problems; inputs and logs are in $work" >&2
    exit 1
fi
rm -rf "$work"
