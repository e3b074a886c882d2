"""Shared fixtures: test pages and what the copydesk CLI makes of them.

The reference is the CLI binary of this repo (``target/release/copydesk``, or
``$COPYDESK_CLI``), run once per session over every page with ``--threads 1``. Tests compare
the Python package's records to it field by field (except ``source`` and ``seq``, which name
the input and its position and differ by construction), so they hold whatever the extractor
does today.
"""

from __future__ import annotations

import gzip
import json
import os
import pathlib
import subprocess
from dataclasses import dataclass
from typing import Dict, List, Optional

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]
# How many pages of the shared datasets to add to the repo's fixtures (0 = none).
DATASET_PAGES = int(os.environ.get("COPYDESK_TEST_DATASET_PAGES", "40"))
# How many plain-text pages to make from the datasets' gold bodies (records, whatever the
# HTML extractor does today).
TEXT_PAGES = int(os.environ.get("COPYDESK_TEST_TEXT_PAGES", "20"))
IGNORED = {"source", "seq"}


@dataclass
class Page:
    name: str
    path: pathlib.Path  # the file the CLI reads (decompressed)
    data: bytes
    format: str  # "html" or "text": what the CLI decides from the file extension

    @property
    def auto_agrees(self) -> bool:
        """Whether content sniffing (format="auto", no file name) gives the same kind."""
        body = self.data[3:] if self.data.startswith(b"\xef\xbb\xbf") else self.data
        return body.lstrip().startswith(b"<") == (self.format == "html")


@dataclass
class Expected:
    record: Optional[dict]
    reject: Optional[dict]


def comparable(record: dict) -> dict:
    return {k: v for k, v in record.items() if k not in IGNORED}


def cli_binary() -> pathlib.Path:
    path = pathlib.Path(os.environ.get("COPYDESK_CLI", REPO / "target" / "release" / "copydesk"))
    if not path.exists():
        subprocess.run(["cargo", "build", "--release", "--bin", "copydesk"], cwd=REPO, check=True)
    return path


def datasets_root() -> Optional[pathlib.Path]:
    for root in [REPO.parent / "shared" / "datasets", pathlib.Path("/work/shared/datasets")]:
        if root.is_dir():
            return root
    return None


def dataset_files() -> List[pathlib.Path]:
    for root in filter(None, [datasets_root()]):
        files = sorted(root.glob("*/html/*.html.gz"))
        if files:
            # Spread the sample over all datasets.
            step = max(1, len(files) // max(1, DATASET_PAGES))
            return files[::step][:DATASET_PAGES]
    return []


@pytest.fixture(scope="session")
def pages(tmp_path_factory) -> List[Page]:
    out = tmp_path_factory.mktemp("pages")
    result = []
    for path in sorted((REPO / "fixtures" / "pages").iterdir()):
        fmt = "text" if path.suffix == ".txt" else "html"
        result.append(Page(path.stem, path, path.read_bytes(), fmt))
    for gz in dataset_files() if DATASET_PAGES else []:
        name = f"{gz.parent.parent.name}-{gz.name[: -len('.html.gz')]}"
        data = gzip.decompress(gz.read_bytes())
        path = out / f"{name}.html"
        path.write_bytes(data)
        result.append(Page(name, path, data, "html"))
    root = datasets_root()
    bodies = []
    for truth in sorted(root.glob("*/ground-truth.jsonl")) if root and TEXT_PAGES else []:
        for line in truth.read_text(encoding="utf-8").splitlines()[:TEXT_PAGES]:
            item = json.loads(line)
            if item.get("body"):
                bodies.append((f"{truth.parent.name}-{item['id']}-text", item))
    step = max(1, len(bodies) // max(1, TEXT_PAGES))
    for name, item in bodies[::step][:TEXT_PAGES]:
        text = (item["title"] + "\n\n" if item.get("title") else "") + item["body"]
        path = out / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        result.append(Page(name, path, path.read_bytes(), "text"))
    return result


@pytest.fixture(scope="session")
def cli_output(pages, tmp_path_factory) -> Dict[str, Expected]:
    """name -> the CLI's record or reject for that page."""
    out = tmp_path_factory.mktemp("cli")
    records, rejects = out / "records.jsonl", out / "rejects.jsonl"
    subprocess.run(
        [str(cli_binary()), "clean", "--threads", "1", "-o", str(records), "--rejects", str(rejects)]
        + [str(p.path) for p in pages],
        check=True,
        capture_output=True,
    )
    by_source: Dict[str, Expected] = {}
    for line in records.read_text().splitlines():
        rec = json.loads(line)
        by_source[rec["source"]] = Expected(rec, None)
    for line in rejects.read_text().splitlines():
        rej = json.loads(line)
        by_source[rej["source"]] = Expected(None, rej)
    expected = {p.name: by_source[str(p.path)] for p in pages}
    assert len(expected) == len(pages)
    return expected


def assert_row_matches_cli(row: dict, expected: Expected, name: str) -> None:
    """``row`` is one output row of clean_batch (as a Python dict)."""
    if expected.record is not None:
        assert row["reject_reason"] is None, f"{name}: rejected ({row['reject_reason']}) but the CLI kept it"
        got = {k: row[k] for k in expected.record if k not in IGNORED}
        assert got == comparable(expected.record), name
    else:
        assert row["text"] is None, f"{name}: kept but the CLI rejected it ({expected.reject['reason']})"
        assert row["reject_stage"] == expected.reject["stage"], name
        assert row["reject_reason"] == expected.reject["reason"], name
