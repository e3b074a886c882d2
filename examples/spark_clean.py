"""Clean a folder of HTML pages with copydesk on PySpark (``mapInArrow``).

    python examples/spark_clean.py PAGES_DIR OUT_DIR [--config pipeline.toml] [--master local[2]]

Each Spark task compiles the pipeline once per partition and cleans Arrow batches in Rust
(``Pipeline.clean_batch``). Every input row comes back exactly once: records have
``reject_reason`` null, rejects have ``text`` null and say why. The output is Parquet.
"""

from __future__ import annotations

import argparse
import pathlib
from typing import Iterator, Optional

import pyarrow as pa

import copydesk


def output_struct(config_toml: Optional[str], input_schema: pa.Schema):
    """Spark schema of ``clean_batch``'s output for this input (for ``mapInArrow``)."""
    from pyspark.sql.pandas.types import from_arrow_schema

    return from_arrow_schema(copydesk.Pipeline(config_toml).output_schema(input_schema))


def clean_dataframe(df, config_toml: Optional[str] = None, format: str = "html"):
    """``df`` has an ``html`` column (string or binary) and optionally ``url``, ``source``, ``id``.

    ``format``: "html", "text" or "auto" (by content), as ``Pipeline.clean_batch``.
    """
    from pyspark.sql.pandas.types import to_arrow_schema

    schema = output_struct(config_toml, to_arrow_schema(df.schema))

    def clean(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        pipeline = copydesk.Pipeline(config_toml)  # once per partition, on the executor
        for batch in batches:
            yield from pipeline.clean_batch(batch, format=format).to_batches()

    return df.mapInArrow(clean, schema)


def main() -> None:
    from pyspark.sql import SparkSession
    from pyspark.sql.types import BinaryType, LongType, StringType, StructField, StructType

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", type=pathlib.Path, help="folder of .html/.txt files (recursive)")
    parser.add_argument("out", help="output folder (Parquet)")
    parser.add_argument("--config", type=pathlib.Path, help="pipeline.toml for [extract]/[filter]")
    parser.add_argument("--master", default="local[2]", help="Spark master (default: local[2])")
    args = parser.parse_args()

    spark = SparkSession.builder.master(args.master).appName("copydesk").getOrCreate()
    config = args.config.read_text() if args.config else None
    paths = sorted(p for p in args.pages.rglob("*") if p.is_file())
    schema = StructType([
        StructField("id", LongType()),
        StructField("source", StringType()),
        StructField("html", BinaryType()),
    ])
    # Small inputs: ship the bytes. For large ones read Parquet (spark.read.parquet) or use
    # spark.read.format("binaryFile") and rename `content` to `html`.
    rows = [(i, str(p), p.read_bytes()) for i, p in enumerate(paths)]
    df = spark.createDataFrame(rows, schema)
    clean_dataframe(df, config, "auto").write.mode("overwrite").parquet(args.out)
    print(f"{len(rows)} pages cleaned into {args.out}")
    spark.stop()


if __name__ == "__main__":
    main()
