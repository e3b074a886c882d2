#!/usr/bin/env python3
"""Whole-process speed: `copydesk clean --threads 1 -o /dev/null` against trafilatura 2.3.1 on
the same plain .html files, as a user times them (issue 19).

Both tools run as fresh processes pinned to one core (`taskset -c CORE`), start-up included:
copydesk reads the folder; trafilatura is a Python loop over the same files
(`trafilatura.extract(html)` with its defaults, interpreter start-up and import included).
Runs alternate (copydesk, trafilatura, copydesk, ...) so that load changes hit both; the table
has the median of RUNS wall times, their ratio and the peak RSS (getrusage of the child).
Then: a one-page start-up timing (hyperfine when installed) and `--threads 2` against
`--threads 1` (no pinning) on every page.

Usage: bench/whole_process.py [--runs 3] [--core 1] [--sets a,b] [--max-pages N] [--bin PATH]
                              [--out FILE]
Env:   COPYDESK_DATASETS (default ../shared/datasets), WORK (default /tmp/copydesk-whole),
       PEER_PYTHON (default /work/venv-peers/bin/python).
The pages are decompressed once into WORK/pages/<set>/<id>.html (kept for later runs).
"""

import argparse
import gzip
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# ../shared/datasets from the main checkout, ../../shared/datasets from a worktree in wt/<name>
DATASETS = Path(os.environ.get("COPYDESK_DATASETS") or next(
    (p for p in (ROOT.parent / "shared" / "datasets", ROOT.parent.parent / "shared" / "datasets")
     if p.is_dir()), ROOT.parent / "shared" / "datasets"))
WORK = Path(os.environ.get("WORK", "/tmp/copydesk-whole"))
PEER_PYTHON = os.environ.get("PEER_PYTHON", "/work/venv-peers/bin/python")
# The sets the project started with; the others in DATASETS were added later.
ORIGINAL = ["readability", "trafilatura-snippets", "newspaper4k-silver", "goose3-prefix"]

TRAFILATURA_LOOP = """
import sys, os, trafilatura
d = sys.argv[1]
for name in sorted(os.listdir(d)):
    with open(os.path.join(d, name), "rb") as f:
        trafilatura.extract(f.read())
"""


def prepare(sets, max_pages):
    """Decompresses each set's html/*.html.gz into WORK/pages/<set>/ (once); with max_pages,
    an evenly spaced sample of at most that many pages of each set."""
    out = {}
    for s in sets:
        src = sorted((DATASETS / s / "html").glob("*.html.gz"))
        if max_pages and len(src) > max_pages:
            src = [src[i * len(src) // max_pages] for i in range(max_pages)]
        dst = WORK / ("pages" if not max_pages else f"pages-{max_pages}") / s
        if not dst.is_dir() or len(list(dst.iterdir())) != len(src):
            shutil.rmtree(dst, ignore_errors=True)
            dst.mkdir(parents=True)
            for f in src:
                (dst / f.name[: -len(".gz")]).write_bytes(gzip.decompress(f.read_bytes()))
        out[s] = dst
    return out


def timed(cmd):
    """Runs cmd; returns (wall seconds, peak RSS in MB). Fails loudly on a non-zero exit."""
    start = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = p.stderr.read()
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    # copydesk exits 1 when some inputs were rejected; that is a normal run.
    if code not in (0, 1):
        sys.exit(f"{cmd} failed with {code}: {err.decode(errors='replace')[-2000:]}")
    return wall, ru.ru_maxrss / 1024


def copydesk_cmd(binary, path, threads, core):
    pin = ["taskset", "-c", str(core)] if core is not None else []
    return pin + [binary, "clean", str(path), "--threads", str(threads), "-o", "/dev/null",
                  "--rejects", "/dev/null", "--fresh"]


def peer_cmd(path, core):
    return ["taskset", "-c", str(core), PEER_PYTHON, "-c", TRAFILATURA_LOOP, str(path)]


def fmt_runs(xs):
    return ", ".join(f"{x:.2f}" for x in xs)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--core", type=int, default=1)
    ap.add_argument("--sets", default="")
    ap.add_argument("--bin", default=str(ROOT / "target" / "release" / "copydesk"))
    ap.add_argument("--out", default="")
    ap.add_argument("--max-pages", type=int, default=0,
                    help="at most N evenly spaced pages per set (trafilatura takes ~30 min a run)")
    ap.add_argument("--skip-peer", action="store_true", help="copydesk only (quick checks)")
    a = ap.parse_args()

    all_sets = sorted(p.name for p in DATASETS.iterdir() if (p / "html").is_dir())
    sets = a.sets.split(",") if a.sets else ORIGINAL + [s for s in all_sets if s not in ORIGINAL]
    dirs = prepare(sets, a.max_pages)
    lines = []
    say = lambda s="": (print(s, flush=True), lines.append(s))

    say(f"`bench/whole_process.py --runs {a.runs} --core {a.core} --max-pages {a.max_pages}` at "
        f"{time.strftime('%Y-%m-%d %H:%M %Z')}; load before: {os.getloadavg()[0]:.1f}")
    say()
    say("| set | pages | MB | copydesk `clean` s (runs) | trafilatura s (runs) | ratio | "
        "copydesk peak RSS | trafilatura peak RSS |")
    say("|---|---|---|---|---|---|---|---|")
    totals = {"orig": [0, 0.0, 0.0, 0.0], "added": [0, 0.0, 0.0, 0.0]}
    rss_max = 0.0
    for s in sets:
        d = dirs[s]
        files = list(d.iterdir())
        mb = sum(f.stat().st_size for f in files) / 1e6
        ours, theirs, our_rss, their_rss = [], [], [], []
        for _ in range(a.runs):
            w, r = timed(copydesk_cmd(a.bin, d, 1, a.core))
            ours.append(w)
            our_rss.append(r)
            if not a.skip_peer:
                w, r = timed(peer_cmd(d, a.core))
                theirs.append(w)
                their_rss.append(r)
        mo = statistics.median(ours)
        mt = statistics.median(theirs) if theirs else float("nan")
        rss_max = max(rss_max, max(our_rss))
        t = totals["orig" if s in ORIGINAL else "added"]
        t[0] += len(files)
        t[1] += mb
        t[2] += mo
        t[3] += mt
        say(f"| {s} | {len(files)} | {mb:.1f} | {mo:.2f} ({fmt_runs(ours)}) | "
            f"{mt:.2f} ({fmt_runs(theirs)}) | **{mt / mo:.1f}x** | {max(our_rss):.0f} MB | "
            f"{max(their_rss) if their_rss else float('nan'):.0f} MB |")
    for key, label in (("orig", "four original sets"), ("added", "added sets")):
        n, mb, mo, mt = totals[key]
        if n:
            say(f"| sum: {label} | {n} | {mb:.1f} | {mo:.2f} | {mt:.2f} | **{mt / mo:.1f}x** | | |")
    say()
    say(f"Peak RSS of `clean --threads 1`, largest over all sets: {rss_max:.0f} MB.")

    # Start-up: one small page, one thread.
    first = sorted(dirs[sets[0]].iterdir())[0]
    say()
    if shutil.which("hyperfine"):
        cmd = " ".join(copydesk_cmd(a.bin, first, 1, a.core))
        res = subprocess.run(["hyperfine", "-N", "--warmup", "3", "--runs", "30",
                              "--export-markdown", str(WORK / "startup.md"), cmd],
                             capture_output=True, text=True)
        if res.returncode != 0:
            sys.exit(res.stderr)
        say(f"Start-up, one page ({first.name}, {first.stat().st_size / 1e3:.0f} KB), hyperfine:")
        say()
        say((WORK / "startup.md").read_text().strip())
        say()
    else:
        ws = sorted(timed(copydesk_cmd(a.bin, first, 1, a.core))[0] for _ in range(15))
        say(f"Start-up, one page ({first.name}), median of 15: {statistics.median(ws) * 1e3:.1f} ms")
    w, r = timed(copydesk_cmd(a.bin, first, 1, a.core))
    say(f"One-page run peak RSS: {r:.0f} MB.")

    # Threads: every page of the chosen sets in one run, no pinning.
    everything = WORK / f"all-{a.max_pages}"
    if not everything.is_dir():
        everything.mkdir()
        for s in sets:
            (everything / s).symlink_to(dirs[s])
    one, two, rss1, rss2 = [], [], [], []
    for _ in range(a.runs):
        w, r = timed(copydesk_cmd(a.bin, everything, 1, None))
        one.append(w)
        rss1.append(r)
        w, r = timed(copydesk_cmd(a.bin, everything, 2, None))
        two.append(w)
        rss2.append(r)
    m1, m2 = statistics.median(one), statistics.median(two)
    say()
    say(f"Threads, all {sum(len(list(dirs[s].iterdir())) for s in sets)} pages, no pinning: "
        f"`--threads 1` {m1:.2f} s ({fmt_runs(one)}, peak {max(rss1):.0f} MB), "
        f"`--threads 2` {m2:.2f} s ({fmt_runs(two)}, peak {max(rss2):.0f} MB): **{m1 / m2:.2f}x**.")
    say(f"Load after: {os.getloadavg()[0]:.1f} (`uptime`: "
        f"{subprocess.run(['uptime'], capture_output=True, text=True).stdout.strip()})")
    if a.out:
        Path(a.out).write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
