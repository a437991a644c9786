#!/usr/bin/env bash
# The full robustness runs (issue 8), in one command, from the repo root with the
# project installed: 200 SIGKILLs during adds, 100 during migrations, 2,000
# examples per fuzz test, then 8 writers x 200 adds with a reader.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python}"
SALELOG_STRESS_KILLS=200 SALELOG_FUZZ_EXAMPLES=2000 "$PYTHON" -m pytest -q -s -o addopts="" tests/test_robustness.py
"$PYTHON" bench/concurrency.py "$@"
