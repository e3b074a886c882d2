"""The package on real engines, through the examples' code: Ray Data and PySpark (local).

Every input row must come back exactly once, with the record (or reject) the CLI gives for
the same page.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys

import pytest

from conftest import REPO, assert_row_matches_cli


def require(module: str):
    """The engine's module; CI (COPYDESK_REQUIRE_ENGINES=1) fails instead of skipping."""
    if os.environ.get("COPYDESK_REQUIRE_ENGINES"):
        return importlib.import_module(module)
    return pytest.importorskip(module)


def load_example(name: str):
    path = REPO / "examples" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def engine_pages(pages):
    """Pages whose kind content sniffing gets right: the engines run with format="auto"."""
    chosen = [p for p in pages if p.auto_agrees]
    assert {p.format for p in chosen} == {"html", "text"}
    return chosen


def check_rows(rows, pages, cli_output):
    by_id = {}
    for row in rows:
        assert row["input_id"] not in by_id, f"row {row['input_id']} came back twice"
        by_id[row["input_id"]] = row
    assert sorted(by_id) == list(range(len(pages))), "rows lost or invented"
    for i, page in enumerate(pages):
        assert by_id[i]["source"] == page.name
        assert_row_matches_cli(by_id[i], cli_output[page.name], page.name)


def test_ray_data_map_batches(pages, cli_output):
    ray = require("ray")
    pages = engine_pages(pages)
    example = load_example("ray_clean")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        items = [{"id": i, "source": p.name, "html": p.data} for i, p in enumerate(pages)]
        ds = ray.data.from_items(items)
        cleaned = example.clean_dataset(ds, format="auto", concurrency=2, batch_size=8)
        rows = cleaned.take_all()
    finally:
        ray.shutdown()
    assert len(rows) == len(pages)
    check_rows(rows, pages, cli_output)


def test_pyspark_map_in_arrow(pages, cli_output):
    require("pyspark")
    pages = engine_pages(pages)
    from pyspark.sql import SparkSession
    from pyspark.sql.types import BinaryType, LongType, StringType, StructField, StructType

    example = load_example("spark_clean")
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    spark = (
        SparkSession.builder.master("local[2]")
        .appName("copydesk-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    try:
        schema = StructType([
            StructField("id", LongType()),
            StructField("source", StringType()),
            StructField("html", BinaryType()),
        ])
        df = spark.createDataFrame([(i, p.name, p.data) for i, p in enumerate(pages)], schema)
        df = df.repartition(2)
        rows = [r.asDict(recursive=True) for r in example.clean_dataframe(df, format="auto").collect()]
    finally:
        spark.stop()
    assert len(rows) == len(pages)
    check_rows(rows, pages, cli_output)
