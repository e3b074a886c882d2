#!/usr/bin/env bash
# Speed of copydesk against peer extractors on the same pages, one core (issue 6).
#
# Installs the peers from the package registries: trafilatura (and resiliparse, when a wheel
# installs) into a venv from PyPI; dom_smoothie and readability from crates.io as the separate
# bench crate bench/peers (own workspace, own Cargo.lock). Every extractor reads the same
# corpus: all pages of ../shared/datasets, decompressed and decoded once into a JSONL file and
# loaded into memory before timing; process start-up is excluded. Each run is pinned to CPU 0.
#
# Usage: bench/peers.sh            Env: COPYDESK_DATASETS, PEERS_WORK (default /tmp/copydesk-peers)
# Output: a table of pages/s, MB/s, median ms/page and speed relative to trafilatura.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
datasets="${COPYDESK_DATASETS:-$root/../shared/datasets}"
work="${PEERS_WORK:-/tmp/copydesk-peers}"
mkdir -p "$work"

# Python peers, pinned versions (the issue's reference figures are for trafilatura 2.3.1).
if [ ! -x "$work/venv/bin/python" ]; then
  python3 -m venv "$work/venv"
fi
"$work/venv/bin/pip" install --quiet --disable-pip-version-check \
  "trafilatura==${TRAFILATURA_VERSION:-2.3.1}" lxml_html_clean >&2
"$work/venv/bin/pip" install --quiet --disable-pip-version-check \
  "resiliparse==${RESILIPARSE_VERSION:-2.0.1}" >&2 \
  || echo "resiliparse did not install; skipping it" >&2

# Rust peers and copydesk, built once in release mode.
cargo build --release --quiet --manifest-path "$here/peers/Cargo.toml"
peers="$here/peers/target/release/copydesk-peers"

corpus="$work/corpus.jsonl"
"$peers" prepare "$datasets" "$corpus"

pin=(taskset -c 0)
command -v taskset >/dev/null || pin=()
results="$work/results.tsv"
: >"$results"
for name in copydesk copydesk_extract dom_smoothie readability floor_scraper_parse_text; do
  "${pin[@]}" "$peers" "$corpus" "$name" >>"$results"
done
"${pin[@]}" "$work/venv/bin/python" "$here/peers/peers.py" "$corpus" >>"$results"

versions=$("$work/venv/bin/pip" list --format=freeze 2>/dev/null \
  | grep -iE '^(trafilatura|resiliparse)==' | tr '\n' ' ')
echo "corpus: $(wc -l <"$corpus") pages, $(du -m "$corpus" | cut -f1) MB; python peers: $versions"
awk -F'\t' '
  { name[NR]=$1; pages[NR]=$2; ok[NR]=$3; med[NR]=$5; pps[NR]=$6; mbs[NR]=$7
    if ($1 == "trafilatura") base=$6 }
  END {
    printf "%-18s %7s %8s %10s %9s %8s %14s\n", "extractor", "pages", "output", "median ms", "pages/s", "MB/s", "x trafilatura"
    for (i = 1; i <= NR; i++)
      printf "%-18s %7d %8d %10.2f %9.1f %8.2f %14s\n", name[i], pages[i], ok[i], med[i], pps[i], mbs[i],
        (base > 0 ? sprintf("%.1f", pps[i] / base) : "n/a")
  }' "$results"
