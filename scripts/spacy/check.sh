#!/usr/bin/env bash
# Checks Raqim's exports with the tools that read them (spaCy, and the doccano, Label Studio and
# CoNLL shapes): makes the virtualenv and the release `raqim` (scripts/spacy/venv.sh) and runs
# scripts/spacy/test_exports.py.
#
#   scripts/spacy/check.sh            # prints pytest's summary line last; exit code is pytest's
#   RAQIM_SHARED=/path/to/shared scripts/spacy/check.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
. scripts/spacy/venv.sh

say "export checks (pytest scripts/spacy)"
export RAQIM_BIN="$PWD/target/release/raqim"
exec "$VENV/bin/python" -m pytest scripts/spacy -q -p no:cacheprovider
