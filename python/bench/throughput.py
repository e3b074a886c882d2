"""Pages/s through ``Pipeline.clean_batch`` in one process vs the CLI, single thread both.

    python bench/throughput.py [DATASETS_DIR] [--repeat 3] [--cli PATH] [--format html|text]

Reads every ``*/html/*.html.gz`` under DATASETS_DIR (default ``../shared/datasets`` next to
the repo), decompresses them once to a temp folder (the CLI's input) and into one Arrow
binary column (the package's input), then times the best of ``--repeat`` runs of:

- ``copydesk clean --threads 1 -o /dev/null --rejects /dev/null DIR`` (wall time, includes
  process start and reading the files);
- ``pipeline.clean_batch(table, format=...)`` (wall time of the call; the pipeline is
  compiled before).

It prints the ratio of wall-time rates and of CPU-time rates (user + sys of all threads).
"""

from __future__ import annotations

import argparse
import gzip
import pathlib
import resource
import subprocess
import tempfile
import time

import pyarrow as pa

import copydesk

REPO = pathlib.Path(__file__).resolve().parents[2]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("datasets", nargs="?", type=pathlib.Path, default=REPO.parent / "shared" / "datasets")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--cli", type=pathlib.Path, default=REPO / "target" / "release" / "copydesk")
    parser.add_argument("--format", default="html", choices=["html", "text"],
                        help="how both sides read the pages (text: skip extraction)")
    args = parser.parse_args()

    files = sorted(args.datasets.glob("*/html/*.html.gz"))
    assert files, f"no pages under {args.datasets}"
    with tempfile.TemporaryDirectory() as tmp:
        pages = []
        for i, gz in enumerate(files):
            data = gzip.decompress(gz.read_bytes())
            (pathlib.Path(tmp) / f"{i:05}.html").write_bytes(data)
            pages.append(data)
        total_mb = sum(map(len, pages)) / 1e6
        print(f"{len(pages)} pages, {total_mb:.1f} MB of HTML")

        cli_times, cli_cpu = [], []
        for _ in range(args.repeat):
            start = time.perf_counter()
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            subprocess.run(
                [str(args.cli), "clean", "--threads", "1", "--format", args.format,
                 "-o", "/dev/null", "--rejects", "/dev/null", tmp],
                check=True, capture_output=True,
            )
            cli_times.append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cli_cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)

    pipeline = copydesk.Pipeline()
    table = pa.table({"html": pa.array(pages, pa.binary())})
    py_times, py_cpu = [], []
    for _ in range(args.repeat):
        start, cpu = time.perf_counter(), time.process_time()
        out = pipeline.clean_batch(table, format=args.format)
        py_times.append(time.perf_counter() - start)
        py_cpu.append(time.process_time() - cpu)
    assert out.num_rows == len(pages)
    records = out.column("reject_reason").null_count
    rejects = out.num_rows - records

    cli_rate = len(pages) / min(cli_times)
    py_rate = len(pages) / min(py_times)
    print(f"records {records}, rejects {rejects}")
    print(f"CLI (--threads 1):       {cli_rate:8.1f} pages/s  (best of {args.repeat}: {min(cli_times):.2f}s)")
    print(f"Python clean_batch:      {py_rate:8.1f} pages/s  (best of {args.repeat}: {min(py_times):.2f}s)")
    print(f"ratio Python/CLI:        {py_rate / cli_rate:8.1%}  (wall time)")
    # CPU time (user + sys, all threads) is steadier on a shared machine, and counts the CLI's
    # reader and writer threads that wall time hides.
    cli_cpu_rate = len(pages) / min(cli_cpu)
    py_cpu_rate = len(pages) / min(py_cpu)
    print(f"per CPU-second: CLI {cli_cpu_rate:.1f}, Python {py_cpu_rate:.1f} pages; "
          f"ratio {py_cpu_rate / cli_cpu_rate:.1%}")


if __name__ == "__main__":
    main()
