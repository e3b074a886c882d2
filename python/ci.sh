#!/usr/bin/env bash
# Python package CI (called by .ci/run; works alone on a fresh machine): makes a venv, installs
# the build and test tools from PyPI, builds the abi3 wheel with maturin, installs it, and runs
# the pytest suite: the API, Ray Data (local) and PySpark (local[2], needs Java 17).
#
#   bash python/ci.sh [deps|test|all]     (default: all)
#
# `deps` only fills the venv (download-bound: .ci/run starts it in the background while Rust
# compiles); `test` builds the wheel and the CLI (the tests' reference) and runs pytest.
#
# Env: PYTHON (default python3), COPYDESK_VENV (default python/.venv),
# COPYDESK_TEST_DATASET_PAGES (pages sampled from ../shared/datasets).
#
# python/ is a member of the root workspace: maturin builds into the root's target/. The wheel
# links the pure core only (copydesk with default-features = false: no tokio, reqwest, hyper,
# writers or eval), so crates whose features differ from the CLI's build are compiled again. The deps step takes ~100 s with a warm pip cache; pytest ~2 minutes on 2 idle
# cores (Ray and Spark start-up dominate).
set -euo pipefail
cd "$(dirname "$0")"
start=$SECONDS
step=${1:-all}

PYTHON=${PYTHON:-python3}
VENV=${COPYDESK_VENV:-$PWD/.venv}
PIP=("$VENV/bin/python" -m pip install -q --disable-pip-version-check --prefer-binary)

if [ "$step" = deps ] || [ "$step" = all ]; then
  echo "== python venv ($VENV)"
  [ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
  "${PIP[@]}" --upgrade pip
  # ray[data] adds only fsspec to what ray and the rest pull in (numpy, pandas, pyarrow).
  # pandas<3: pyspark 4.x does not support pandas 3 yet (it warns on import).
  "${PIP[@]}" "maturin>=1.16,<2" pytest "pyarrow>=14" "ray[data]" pyspark "pandas<3"
  echo "   deps ready after $((SECONDS - start))s"
fi

if [ "$step" = test ] || [ "$step" = all ]; then
  echo "== CLI (reference for the tests)"
  (cd .. && cargo build --release --workspace --bin copydesk)

  echo "== wheel"
  rm -rf dist
  "$VENV/bin/maturin" build --release --quiet --out dist --interpreter "$VENV/bin/python"
  ls -l dist/*.whl
  "${PIP[@]}" --force-reinstall --no-deps dist/*.whl
  echo "   wheel installed after $((SECONDS - start))s"

  echo "== pytest"
  # Run from tests/ so the source folder ./copydesk (no native module) does not shadow the
  # wheel. The engine tests must run here, not skip for a missing ray or pyspark.
  cd tests
  COPYDESK_REQUIRE_ENGINES=1 "$VENV/bin/python" -m pytest -q -p no:cacheprovider
  echo "== python ok in $((SECONDS - start))s"
fi
