#!/usr/bin/env bash
# Python package CI (called by .ci/run; works on a fresh machine): makes a venv, installs the
# build and test tools from PyPI, builds the abi3 wheel with maturin, installs it, and runs the
# pytest suite: the API, Ray Data (local) and PySpark (local[2], needs Java 17).
#
# Env: PYTHON (default python3), COPYDESK_VENV (default python/.venv), CARGO_TARGET_DIR
# (default python/target), COPYDESK_TEST_DATASET_PAGES (pages sampled from ../shared/datasets).
# Cost on 2 cores: the Rust release build from scratch is ~750 CPU-s (6-7 min idle); pip
# installs ~2 min from a warm cache; pytest ~2 min idle (Ray and Spark start-up dominate).
set -euo pipefail
cd "$(dirname "$0")"
start=$SECONDS

PYTHON=${PYTHON:-python3}
VENV=${COPYDESK_VENV:-$PWD/.venv}
echo "== python venv ($VENV)"
[ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
"$VENV/bin/python" -m pip install -q --disable-pip-version-check --upgrade pip
# pandas<3: pyspark 4.x does not support pandas 3 yet (it warns on import).
"$VENV/bin/python" -m pip install -q --disable-pip-version-check \
  "maturin>=1.16,<2" pytest "pyarrow>=14" "ray[data]" pyspark "pandas<3"
echo "   deps ready after $((SECONDS - start))s"

echo "== CLI (reference for the tests)"
(cd .. && cargo build --release --quiet --bin copydesk)

echo "== wheel"
rm -rf dist
"$VENV/bin/maturin" build --release --quiet --out dist --interpreter "$VENV/bin/python"
ls -l dist/*.whl
"$VENV/bin/python" -m pip install -q --disable-pip-version-check --force-reinstall --no-deps dist/*.whl
echo "   wheel installed after $((SECONDS - start))s"

echo "== pytest"
# Run from tests/ so the source folder ./copydesk (no native module) does not shadow the wheel.
cd tests
"$VENV/bin/python" -m pytest -q -p no:cacheprovider
echo "== python ok in $((SECONDS - start))s"
