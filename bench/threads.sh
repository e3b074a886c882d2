#!/usr/bin/env bash
# Thread scaling of `copydesk clean` on a large folder of HTML files (issue 6): wall time
# with --threads 1 and --threads 2 (or THREADS_LIST), best of RUNS runs each.
#
# Usage: bench/threads.sh [SIZE_MB]   (default 500)
# Env:   FORMAT=auto|text (default auto), RUNS=3, THREADS_LIST="1 2", WORK=/tmp/copydesk-threads
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
datasets="${COPYDESK_DATASETS:-$root/../shared/datasets}"
work="${WORK:-/tmp/copydesk-threads}"
size="${1:-500}"
format="${FORMAT:-auto}"
runs="${RUNS:-3}"
read -r -a threads_list <<<"${THREADS_LIST:-1 2}"

[ -n "${NO_BUILD:-}" ] || (cd "$root" && cargo build --release --quiet)
bin="$root/target/release/copydesk"
mkdir -p "$work"
trap 'rm -rf "$work"' EXIT
python3 "$here/gen_archive.py" "$datasets" "$work/pages" "$size" dir 2>"$work/gen.log"
cat "$work/gen.log" >&2
# Warm the page cache so the first run does not pay for the disk.
cat "$work"/pages/*/* >/dev/null

# cpu_s is user + system time: equal CPU time at 1 and 2 threads means the work splits
# without overhead, whatever else runs on the machine (wall time is only meaningful on an
# otherwise idle machine).
printf 'threads\tbest_wall_s\tcpu_s\tpages_per_s\tspeedup\n'
base=""
for t in "${threads_list[@]}"; do
  best=""
  cpu=""
  for _ in $(seq "$runs"); do
    /usr/bin/time -f '%e %U %S' -o "$work/time.txt" "$bin" clean "$work/pages" \
      --format "$format" --threads "$t" --fresh -o "$work/out.jsonl" \
      --rejects "$work/rejects.jsonl" 2>/dev/null
    read -r wall user sys <"$work/time.txt"
    if [ -z "$best" ] || [ "$(echo "$wall < $best" | bc -l)" = 1 ]; then
      best=$wall
      cpu=$(echo "$user + $sys" | bc -l)
    fi
  done
  pages=$(grep -o '^[0-9]*' "$work/gen.log")
  [ -z "$base" ] && base=$best
  printf '%s\t%.2f\t%.2f\t%.0f\t%.2f\n' "$t" "$best" "$cpu" "$(echo "$pages / $best" | bc -l)" \
    "$(echo "$base / $best" | bc -l)"
done
echo "# load average during the run: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
