"""Trafilatura's predictions on the dataset pages, for eval comparisons with copydesk.

For every record of <set>/ground-truth.jsonl, reads <set>/html/<id>.html.gz, decodes it as
the datasets README says (BOM, then <meta charset> / http-equiv, then UTF-8, then cp1252),
runs trafilatura.extract(html, url=url, output_format="json", with_metadata=True) with
otherwise default settings, and writes one JSON line per page to OUT_DIR/<set>.jsonl:
{"id", "body", "title", "author", "published", "lang", "site_name", "comments"}, null or
empty fields omitted. "body" is trafilatura's JSON "text" (main text without user comments;
"" when trafilatura rejects the page or fails on it); "comments" holds the user comments it
kept separately. trafilatura's default plain-text output, which the datasets README's
reference figures score, is body + "\n" + comments, stripped. Prints pages and seconds per set.

Setup:  python3 -m venv VENV && VENV/bin/pip install -r bench/peers/requirements-trafilatura.txt
Usage:  VENV/bin/python bench/peers/trafilatura_predict.py DATASETS_DIR OUT_DIR [SET ...] [--jobs N]
        (all sets of DATASETS_DIR with a ground-truth.jsonl when no SET is named; --jobs 1 default)
Score:  python3 DATASETS_DIR/score.py DATASETS_DIR/<set> OUT_DIR/<set>.jsonl
"""

import argparse
import codecs
import gzip
import json
import logging
import multiprocessing
import os
import re
import sys
import time

META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
# WHATWG Encoding Standard labels whose Python codec of the same name is narrower.
SUPERSETS = {
    "iso-8859-1": "cp1252", "iso8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252",
    "us-ascii": "cp1252", "ascii": "cp1252",
    "gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030",
    "shift_jis": "cp932", "shift-jis": "cp932", "sjis": "cp932", "x-sjis": "cp932",
    "euc-kr": "cp949", "big5": "big5hkscs",
    # a byte-oriented page cannot really be UTF-16; browsers read such a label as UTF-8
    "utf-16": "utf-8", "utf-16le": "utf-8", "utf-16be": "utf-8",
}
# field in the output <- key in trafilatura's JSON (with_metadata renames "sitename")
FIELDS = [("title", "title"), ("author", "author"), ("published", "date"),
          ("lang", "language"), ("site_name", "source-hostname"), ("comments", "comments")]


def declared_charset(raw):
    m = META_CHARSET.search(raw[:65536])
    if not m:
        return None
    label = m.group(1).decode("ascii").lower()
    label = SUPERSETS.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def decode(raw):
    for bom, enc in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                     (codecs.BOM_UTF16_BE, "utf-16-be")):
        if raw.startswith(bom):
            return raw[len(bom):].decode(enc, errors="replace")
    declared = declared_charset(raw)
    for enc in (declared, "utf-8"):
        if enc:
            try:
                return raw.decode(enc)
            except UnicodeDecodeError:
                pass
    return raw.decode(declared or "cp1252", errors="replace")


def init_worker():
    # trafilatura logs every rejected page; the output file records those as body ""
    logging.disable(logging.CRITICAL)


def predict(task):
    set_dir, record = task
    out = {"id": record["id"], "body": ""}
    try:
        import trafilatura

        with gzip.open(os.path.join(set_dir, "html", record["id"] + ".html.gz"), "rb") as f:
            html = decode(f.read())
        result = trafilatura.extract(html, url=record.get("url"), output_format="json",
                                     with_metadata=True)
        if result is not None:
            doc = json.loads(result)
            out["body"] = doc.get("text") or ""
            for field, key in FIELDS:
                if doc.get(key) not in (None, ""):
                    out[field] = doc[key]
    except Exception as e:  # one page failing must not stop the run
        out = {"id": record["id"], "body": "", "error": f"{type(e).__name__}: {e}"}
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("datasets")
    ap.add_argument("out_dir")
    ap.add_argument("sets", nargs="*")
    ap.add_argument("--jobs", type=int, default=1)
    args = ap.parse_args()

    sets = args.sets or sorted(
        s for s in os.listdir(args.datasets)
        if os.path.isfile(os.path.join(args.datasets, s, "ground-truth.jsonl")))
    os.makedirs(args.out_dir, exist_ok=True)
    with multiprocessing.Pool(args.jobs, initializer=init_worker) as pool:
        for name in sets:
            set_dir = os.path.join(args.datasets, name)
            with open(os.path.join(set_dir, "ground-truth.jsonl"), encoding="utf-8") as f:
                records = [json.loads(line) for line in f if line.strip()]
            start = time.perf_counter()
            tmp = os.path.join(args.out_dir, name + ".jsonl.tmp")
            empty = failed = 0
            with open(tmp, "w", encoding="utf-8") as w:
                for out in pool.imap(predict, [(set_dir, r) for r in records], chunksize=4):
                    empty += not out["body"]
                    failed += "error" in out
                    w.write(json.dumps(out, ensure_ascii=False) + "\n")
            os.replace(tmp, os.path.join(args.out_dir, name + ".jsonl"))
            print(f"{name}\t{len(records)} pages\t{time.perf_counter() - start:.1f} s"
                  f"\t{empty} empty\t{failed} errors", flush=True)


if __name__ == "__main__":
    sys.exit(main())
