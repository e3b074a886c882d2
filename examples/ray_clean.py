"""Clean a folder of HTML pages with copydesk on Ray Data.

    python examples/ray_clean.py PAGES_DIR OUT_DIR [--config pipeline.toml] [--address auto]

Each Ray actor compiles the pipeline once (``CleanBatch.__init__``) and then cleans Arrow
batches in Rust (``Pipeline.clean_batch``): no per-page Python objects, the GIL released.
Every input row comes back exactly once: records have ``reject_reason`` null, rejects have
``text`` null and say why. The output is Parquet; filter on ``reject_reason`` to split.
"""

from __future__ import annotations

import argparse
import pathlib
from typing import Optional

import pyarrow as pa

import copydesk


class CleanBatch:
    """Ray Data callable class: one compiled Pipeline per actor."""

    def __init__(self, config_toml: Optional[str] = None, format: str = "html"):
        self.pipeline = copydesk.Pipeline(config_toml)
        self.format = format

    def __call__(self, batch: pa.Table) -> pa.Table:
        return self.pipeline.clean_batch(batch, format=self.format)


def clean_dataset(ds, config_toml: Optional[str] = None, format: str = "html", concurrency: int = 2,
                  batch_size: int = 256):
    """``ds`` has an ``html`` column (str or bytes) and optionally ``url``, ``source``, ``id``.

    ``format``: "html", "text" or "auto" (by content), as ``Pipeline.clean_batch``.
    """
    return ds.map_batches(
        CleanBatch,
        fn_constructor_kwargs={"config_toml": config_toml, "format": format},
        batch_format="pyarrow",
        batch_size=batch_size,
        concurrency=concurrency,
    )


def main() -> None:
    import ray

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", type=pathlib.Path, help="folder of .html/.txt files (recursive)")
    parser.add_argument("out", help="output folder (Parquet)")
    parser.add_argument("--config", type=pathlib.Path, help="pipeline.toml for [extract]/[filter]")
    parser.add_argument("--address", help="Ray cluster address (default: start a local Ray)")
    parser.add_argument("--concurrency", type=int, default=2, help="number of actors")
    args = parser.parse_args()

    ray.init(address=args.address, include_dashboard=False)
    config = args.config.read_text() if args.config else None
    paths = sorted(p for p in args.pages.rglob("*") if p.is_file())
    # Small inputs: ship the bytes. For large ones read Parquet/WARC-derived tables instead
    # (ray.data.read_parquet) so workers load the pages themselves.
    items = [{"id": i, "source": str(p), "html": p.read_bytes()} for i, p in enumerate(paths)]
    cleaned = clean_dataset(ray.data.from_items(items), config, "auto", concurrency=args.concurrency)
    cleaned.write_parquet(args.out)
    print(f"{len(items)} pages cleaned into {args.out}")


if __name__ == "__main__":
    main()
