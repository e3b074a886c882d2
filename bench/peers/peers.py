"""Times Python peer extractors on the corpus prepared by `copydesk-peers prepare`.

Usage: python peers.py <corpus.jsonl>
Prints one TSV line per extractor, in the same columns as copydesk-peers:
name, pages, pages with output, total seconds, median ms/page, pages/s, MB/s.
Corpus loading and imports are outside the timings; each extractor gets one untimed
warm-up pass over the first 20 pages. Run it pinned to one core (peers.sh uses taskset).
"""

import json
import statistics
import sys
import time


def load(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def time_all(docs, fn):
    for d in docs[:20]:
        fn(d)
    ok = 0
    times = []
    start = time.perf_counter()
    for d in docs:
        t = time.perf_counter()
        try:
            if fn(d):
                ok += 1
        except Exception:  # a peer failing on a page counts as no output
            pass
        times.append(time.perf_counter() - t)
    return ok, time.perf_counter() - start, times


def report(name, docs, result):
    ok, total, times = result
    size = sum(len(d["html"].encode("utf-8")) for d in docs)
    median = statistics.median(times) * 1e3
    print(
        f"{name}\t{len(docs)}\t{ok}\t{total:.3f}\t{median:.3f}\t"
        f"{len(docs) / total:.1f}\t{size / 1e6 / total:.2f}",
        flush=True,
    )


def main():
    docs = load(sys.argv[1])
    only = sys.argv[2] if len(sys.argv) > 2 else None

    try:
        import trafilatura
    except ImportError:
        trafilatura = None
    if trafilatura and only in (None, "trafilatura"):
        report(
            "trafilatura",
            docs,
            time_all(docs, lambda d: bool(trafilatura.extract(d["html"], url=d.get("url")))),
        )
    if trafilatura and only in (None, "trafilatura_fast"):
        report(
            "trafilatura_fast",
            docs,
            time_all(
                docs,
                lambda d: bool(trafilatura.extract(d["html"], url=d.get("url"), fast=True)),
            ),
        )

    try:
        from resiliparse.extract.html2text import extract_plain_text
        from resiliparse.parse.html import HTMLTree
    except ImportError:
        extract_plain_text = None
    if extract_plain_text and only in (None, "resiliparse"):
        report(
            "resiliparse",
            docs,
            time_all(
                docs,
                lambda d: bool(
                    extract_plain_text(HTMLTree.parse(d["html"]), main_content=True)
                ),
            ),
        )


if __name__ == "__main__":
    main()
