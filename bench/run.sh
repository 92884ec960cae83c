#!/usr/bin/env sh
# Runs the engine bench (release profile) and saves its record as bench/records/<date>-engine.json.
# Usage: bench/run.sh            (from anywhere; RAQIM_SHARED overrides ../shared, RAQIM_BENCH_REPEATS the repeats)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
date=$(date -u +%F)
out="$root/bench/records/$date-engine.json"
mkdir -p "$root/bench/records"
cd "$root"
RAQIM_BENCH_DATE="$date" RAQIM_BENCH_OUT="$out" cargo bench -p raqim-engine --bench engine
echo "saved $out"
