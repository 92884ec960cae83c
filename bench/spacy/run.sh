#!/usr/bin/env bash
# Raqim vs spaCy on the same patterns and >= 10 MB of Arabic news (issue 8): makes the
# virtualenv and the release `raqim` (scripts/spacy/venv.sh), runs bench/spacy/spacy_vs_raqim.py
# and saves its record as bench/records/<UTC date>-spacy.json. The method is in that script's
# docstring.
#
#   bench/spacy/run.sh          # from anywhere; prints a table, exit status 1 if spans disagree
#   RAQIM_SHARED=/path/to/shared RAQIM_BENCH_REPEATS=9 bench/spacy/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
shared=${RAQIM_SHARED:-$PWD/../shared}
out="bench/records/$(date -u +%F)-spacy.json"
. scripts/spacy/venv.sh

say "spaCy vs raqim annotate ($shared/fixtures/articles)"
mkdir -p bench/records
exec "$VENV/bin/python" bench/spacy/spacy_vs_raqim.py \
  target/release/raqim "$shared/fixtures/articles" "$out"
