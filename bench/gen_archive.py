"""Generates a large input for copydesk's scale runs by replicating the dataset pages.

Usage: python3 gen_archive.py <datasets dir> <out> <size MB> <kind>
kind: warc.gz (one gzip member per record, as Common Crawl writes), warc, jsonl, jsonl.gz,
or dir (one .html file per page under <out>/). Pages keep their original bytes (and so their
encodings); each copy gets its own URL and record id. Stdlib only.
"""

import gzip
import json
import os
import sys
import uuid
import zlib


def pages(datasets):
    out = []
    for set_name in sorted(os.listdir(datasets)):
        html_dir = os.path.join(datasets, set_name, "html")
        if not os.path.isdir(html_dir):
            continue
        for name in sorted(os.listdir(html_dir)):
            if name.endswith(".html.gz"):
                with gzip.open(os.path.join(html_dir, name)) as f:
                    out.append((f"{set_name}/{name[:-8]}", f.read()))
    return out


def warc_record(url, body, n):
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + body
    head = (
        "WARC/1.1\r\nWARC-Type: response\r\n"
        f"WARC-Record-ID: <urn:uuid:{uuid.UUID(int=n)}>\r\n"
        "WARC-Date: 2026-11-28T10:00:00Z\r\n"
        f"WARC-Target-URI: {url}\r\n"
        "Content-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(http)}\r\n\r\n"
    ).encode()
    return head + http + b"\r\n\r\n"


def main():
    datasets, out, size_mb, kind = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    src = pages(datasets)
    target = size_mb * 1_000_000
    written = 0
    n = 0
    if kind == "dir":
        os.makedirs(out, exist_ok=True)
        while written < target:
            name, body = src[n % len(src)]
            path = os.path.join(out, f"{n // 1000:04}", f"{n:07}.html")
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as f:
                f.write(body)
            written += len(body)
            n += 1
    else:
        with open(out, "wb") as f:
            gz = kind.endswith(".gz")
            jsonl = kind.startswith("jsonl")
            stream = gzip.GzipFile(fileobj=f, mode="wb", compresslevel=1) if gz and jsonl else f
            while written < target:
                name, body = src[n % len(src)]
                url = f"https://example.com/{n}/{name}"
                if jsonl:
                    line = json.dumps(
                        {"id": str(n), "url": url, "html": body.decode("utf-8", "replace")},
                        ensure_ascii=False,
                    ).encode() + b"\n"
                    stream.write(line)
                else:
                    rec = warc_record(url, body, n)
                    if gz:
                        c = zlib.compressobj(1, zlib.DEFLATED, 31)
                        rec = c.compress(rec) + c.flush()
                    stream.write(rec)
                written += len(body)
                n += 1
            if stream is not f:
                stream.close()
    print(f"{n} pages, {written / 1e6:.0f} MB of HTML -> {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
