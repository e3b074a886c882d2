#!/usr/bin/env bash
# Peak RSS and throughput of `copydesk clean` on generated inputs of growing size (issue 6):
# memory must stay flat (< 300 MB) however large the input.
#
# Usage: bench/rss.sh [SIZE_MB ...]          (default: 500 5000)
# Env:   KIND=warc.gz|warc|jsonl|jsonl.gz    (default warc.gz)
#        FORMAT=auto|text                    (text: every page becomes a record without
#                                             extraction, so records flow through the writer)
#        THREADS=0                           (0 = all cores)
#        OUT=out.jsonl.zst                   (records output name; extension picks the format)
#        WORK=/tmp/copydesk-rss              (generated files; deleted afterwards)
#        COPYDESK_DATASETS=../shared/datasets, NO_BUILD=1 (use the existing release binary)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
datasets="${COPYDESK_DATASETS:-$root/../shared/datasets}"
work="${WORK:-/tmp/copydesk-rss}"
kind="${KIND:-warc.gz}"
format="${FORMAT:-auto}"
threads="${THREADS:-0}"
out="${OUT:-out.jsonl.zst}"
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(500 5000)

[ -n "${NO_BUILD:-}" ] || (cd "$root" && cargo build --release --quiet)
bin="$root/target/release/copydesk"
mkdir -p "$work"
trap 'rm -rf "$work"' EXIT

printf 'size_mb\tkind\tformat\tthreads\tinput_bytes\tpages\twall_s\tpeak_rss_mb\tmb_per_s\n'
for size in "${sizes[@]}"; do
  input="$work/input.$kind"
  python3 "$here/gen_archive.py" "$datasets" "$input" "$size" "$kind" 2>"$work/gen.log"
  pages=$(grep -o '^[0-9]*' "$work/gen.log")
  bytes=$(stat -c %s "$input")
  /usr/bin/time -v "$bin" clean "$input" --format "$format" --threads "$threads" \
    -o "$work/$out" 2>"$work/time.log" >/dev/null || { cat "$work/time.log"; exit 1; }
  rss_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.log")
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/time.log" \
    | awk -F: '{ if (NF == 3) print $1*3600 + $2*60 + $3; else print $1*60 + $2 }')
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%.1f\t%.0f\t%.1f\n' "$size" "$kind" "$format" "$threads" \
    "$bytes" "$pages" "$wall" "$(echo "$rss_kb / 1024" | bc -l)" \
    "$(echo "$size / $wall" | bc -l)"
  grep -E 'inputs:|rejected at' "$work/time.log" | sed 's/^/# /' >&2 || true
  rm -f "$input" "$work"/out*
done
