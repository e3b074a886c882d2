#!/usr/bin/env bash
# Warns (exit 0) when the wheel's build would resolve other features than the test build for a
# crate both use: maturin would then compile that crate and everything above it a second time.
# The fix is in python/Cargo.toml (the block of features the root's dev-dependencies turn on).
set -euo pipefail
cd "$(dirname "$0")/.."
# "crate vX|[features] [features]...": every feature set a crate is built with (a crate can be
# built twice: for the target and for build scripts).
features() {
  cargo tree -q "$@" --prefix none -f '{p}|[{f}]' | sed 's/ (\*)//; s/ (proc-macro)//; s# (/[^)]*)##' \
    | sort -u | awk -F '|' '{ sets[$1] = sets[$1] " " $2 } END { for (k in sets) print k "|" sets[k] }' \
    | sort -t '|' -k1,1
}
drift=$(join -t '|' \
  <(features --workspace -e normal,build,dev) \
  <(features -p copydesk-python -e normal,build) \
  | awk -F '|' '$2 != $3 { print "  " $1 ": test build " $2 ", wheel " $3 }')
if [ -n "$drift" ]; then
  echo "warning: the wheel's build resolves other features than the test build; it will recompile:"
  echo "$drift"
else
  echo "   the wheel's build shares the test build's crates"
fi
