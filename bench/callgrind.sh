#!/usr/bin/env bash
# Instructions per page of `copydesk clean` (one worker thread), and the hottest functions,
# with valgrind's callgrind on the release binary (line tables only; issue 6).
# Instruction counts are stable where wall time is noisy: use them to verify hot-path wins.
#
# Usage: bench/callgrind.sh [PAGES]   (default 200 dataset pages)
# Env:   FORMAT=auto|text, WORK=/tmp/copydesk-callgrind, STRIDE=k (every k-th dataset page,
#        default 1: the first PAGES), BIN=path (another copydesk binary, e.g. a baseline build)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
datasets="${COPYDESK_DATASETS:-$root/../shared/datasets}"
work="${WORK:-/tmp/copydesk-callgrind}"
pages="${1:-200}"
format="${FORMAT:-auto}"
stride="${STRIDE:-1}"

[ -n "${NO_BUILD:-}${BIN:-}" ] || (cd "$root" && cargo build --release --quiet)
bin="${BIN:-$root/target/release/copydesk}"
rm -rf "$work" && mkdir -p "$work/pages"
# PAGES dataset pages in name order (every STRIDE-th), as stored (gzip'd: inflating is part
# of a run).
mapfile -t files < <(find "$datasets" -path '*/html/*.html.gz' | sort | awk -v k="$stride" '(NR - 1) % k == 0')
for f in "${files[@]:0:$pages}"; do
  cp "$f" "$work/pages/$(basename "$(dirname "$(dirname "$f")")")-$(basename "$f")"
done
n=$(find "$work/pages" -type f | wc -l)

run() { # $1 = output file for callgrind, rest = copydesk args
  local out="$1"; shift
  valgrind --tool=callgrind --callgrind-out-file="$out" "$bin" "$@" >/dev/null 2>"$out.log"
  grep -o 'Collected : [0-9]*' "$out.log" | grep -o '[0-9]*$'
}
# Baseline: the same process with no input pages, to subtract start-up and teardown.
mkdir -p "$work/empty"
base=$(run "$work/cg.empty" clean "$work/empty" --threads 1 -o "$work/o0.jsonl" --rejects "$work/r0.jsonl")
total=$(run "$work/cg.out" clean "$work/pages" --format "$format" --threads 1 \
  -o "$work/o.jsonl" --rejects "$work/r.jsonl")
echo "pages: $n  total Ir: $total  start-up Ir: $base  Ir/page: $(( (total - base) / n ))"
callgrind_annotate --inclusive=no "$work/cg.out" 2>/dev/null | sed -n '1,/^-- Auto/p' \
  | grep -E '^ *[0-9,]+ ' | head -n 25
