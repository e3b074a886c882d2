"""The package's API on its own: clean_html, clean_batch, errors, schema, the GIL."""

from __future__ import annotations

import threading
import time

import pyarrow as pa
import pytest

import copydesk
from conftest import assert_row_matches_cli, comparable


def test_clean_html_bytes_matches_cli(pages, cli_output):
    pipeline = copydesk.Pipeline()
    for page in pages:
        got = pipeline.clean_html(page.data, format=page.format)
        expected = cli_output[page.name]
        if expected.record is not None:
            assert isinstance(got, dict), f"{page.name}: {got!r}"
            assert comparable(got) == comparable(expected.record), page.name
            assert set(got) == set(expected.record), page.name
        else:
            assert isinstance(got, copydesk.Rejected), page.name
            assert not got
            assert (got.stage, got.reason) == (expected.reject["stage"], expected.reject["reason"])


def test_clean_html_str_matches_cli_for_utf8_pages(pages, cli_output):
    pipeline = copydesk.Pipeline()
    checked = 0
    for page in pages:
        try:
            text = page.data.decode("utf-8")
        except UnicodeDecodeError:
            continue
        if "charset" in text[:2048].lower() and "utf-8" not in text[:2048].lower():
            continue  # declares another charset: only the bytes path decodes it the CLI's way
        expected = cli_output[page.name]
        got = pipeline.clean_html(text, format=page.format)
        if expected.record is not None:
            assert comparable(got) == comparable(expected.record), page.name
        else:
            assert not got and got.reason == expected.reject["reason"], page.name
        checked += 1
    assert checked > 0


def test_url_and_source_are_used(pages, cli_output):
    pipeline = copydesk.Pipeline()
    kept = [p for p in pages if cli_output[p.name].record is not None]
    if not kept:
        pytest.skip("the current extractor rejects every test page")
    page = kept[0]
    rec = pipeline.clean_html(page.data, "https://example.com/a/story", source="warc:42", format=page.format)
    assert rec["source"] == "warc:42"
    assert rec["url"] is not None  # the canonical URL when the page declares one, else ours
    assert rec["schema_version"] == copydesk.SCHEMA_VERSION
    with pytest.raises(ValueError, match="invalid url"):
        pipeline.clean_html(page.data, "not a url")
    with pytest.raises(ValueError, match="invalid format"):
        pipeline.clean_html(page.data, format="pdf")


def test_rejected_is_falsy_and_explains():
    got = copydesk.Pipeline().clean_html(b"   \n")
    assert isinstance(got, copydesk.Rejected)
    assert not got
    assert got.stage == "decode" and got.kind == "empty input" and got.reason == "empty input"
    assert "empty input" in repr(got)
    binary = copydesk.Pipeline().clean_html(b"%PDF-1.4 binary")
    assert binary.stage == "decode" and "pdf" in binary.reason


def test_bad_config_names_the_line():
    with pytest.raises(copydesk.ConfigError) as err:
        copydesk.Pipeline('[extract]\nfavor = "balanced"\nfavour = "recall"\n')
    message = str(err.value)
    assert "line 3" in message and "favour" in message, message
    assert isinstance(err.value, ValueError)


def test_invalid_value_names_the_key():
    with pytest.raises(copydesk.ConfigError, match=r"limits\.max_input_bytes: must be greater than 0"):
        copydesk.Pipeline("[limits]\nmax_input_bytes = 0\n")


def test_repo_pipeline_toml_builds():
    from conftest import REPO

    pipeline = copydesk.Pipeline.from_file(REPO / "pipeline.toml")
    assert "Pipeline(" in repr(pipeline)
    with pytest.raises(copydesk.ConfigError, match="cannot read config"):
        copydesk.Pipeline.from_file(REPO / "no-such.toml")


@pytest.mark.parametrize("fmt", ["html", "text"])
def test_clean_batch_one_row_per_input_in_order(pages, cli_output, fmt):
    pipeline = copydesk.Pipeline()
    pages = [p for p in pages if p.format == fmt]
    ids = list(range(100, 100 + len(pages)))
    # Add rows that must be rejects: empty, null, bad URL.
    html = [p.data for p in pages] + [b"", None, pages[0].data]
    urls = [None] * len(pages) + [None, None, "::not a url::"]
    table = pa.table({
        "id": pa.array(ids + [1, 2, 3], pa.int64()),
        "html": pa.array(html, pa.binary()),
        "url": pa.array(urls, pa.string()),
    })
    out = pipeline.clean_batch(table, format=fmt)
    assert out.num_rows == table.num_rows
    assert out.schema == pipeline.output_schema(table.schema)
    assert out.column("input_id").to_pylist() == table.column("id").to_pylist()
    assert out.column("seq").to_pylist() == list(range(table.num_rows))
    rows = out.to_pylist()
    for page, row in zip(pages, rows):
        assert_row_matches_cli(row, cli_output[page.name], page.name)
    empty, null, bad_url = rows[-3:]
    assert empty["reject_reason"] == "empty input" and null["reject_reason"] == "empty input"
    assert bad_url["reject_stage"] == "source" and "invalid url" in bad_url["reject_reason"]
    assert bad_url["url"] == "::not a url::"
    assert all(r["text"] is None and r["id"] is None for r in (empty, null, bad_url))


def test_clean_batch_columns_are_the_cli_record_plus_reject_columns(pages, cli_output):
    """Nothing is lost across the boundary: every key of the CLI's JSONL record is a column, in
    the record's order, then `fetch` (omitted from the JSONL when null), the reject columns and
    `input_id`."""
    pipeline = copydesk.Pipeline()
    table = pa.table({"id": pa.array(range(len(pages)), pa.int64()),
                      "html": pa.array([p.data for p in pages], pa.binary())})
    out = pipeline.clean_batch(table, format="auto")
    kept = [cli_output[p.name].record for p in pages if cli_output[p.name].record is not None]
    assert kept
    for record in kept:
        assert list(record) == [c for c in out.column_names if c in record]
    assert set(out.column_names) - set(kept[0]) == {"fetch", "reject_stage", "reject_reason", "input_id"}
    assert out.schema.field("language_confidence").type == pa.float64()
    assert out.schema.field("fetch").type == pa.string()
    assert out.column("fetch").null_count == out.num_rows  # nothing was fetched
    # Detected languages carry their confidence, declared ones none: both kinds cross.
    confidences = {r["language_confidence"] is None for r in kept if r["language"] is not None}
    assert confidences == {True, False}, confidences
    # One row per input: records and rejects together account for every input, once.
    assert out.num_rows == len(pages)
    assert out.column("input_id").to_pylist() == list(range(len(pages)))
    rejected = out.filter(out["reject_reason"].is_valid())
    assert rejected.num_rows == sum(cli_output[p.name].reject is not None for p in pages)
    assert rejected.column("reject_stage").null_count == 0


def test_clean_batch_auto_format_sniffs_each_row(pages, cli_output):
    agreeing = [p for p in pages if p.auto_agrees]
    assert {p.format for p in agreeing} == {"html", "text"}
    out = copydesk.Pipeline().clean_batch(
        pa.table({"html": pa.array([p.data for p in agreeing], pa.binary())}), format="auto"
    )
    for page, row in zip(agreeing, out.to_pylist()):
        assert_row_matches_cli(row, cli_output[page.name], page.name)


def test_some_pages_give_records(pages, cli_output):
    """So the record path (not only rejects) crosses the boundary in these tests."""
    assert sum(cli_output[p.name].record is not None for p in pages) >= 1


@pytest.mark.parametrize("html_type", [pa.string(), pa.large_string(), pa.large_binary(), pa.string_view()])
def test_clean_batch_accepts_string_and_binary_types(pages, cli_output, html_type):
    utf8 = [p for p in pages if _is_plain_utf8(p.data) and p.auto_agrees and p.format == "text"][:3]
    utf8 += [p for p in pages if _is_plain_utf8(p.data) and p.auto_agrees and p.format == "html"][:3]
    values = [p.data.decode() if pa.types.is_string(html_type) or pa.types.is_large_string(html_type)
              or html_type == pa.string_view() else p.data for p in utf8]
    batch = pa.record_batch({"html": pa.array(values, html_type)})
    out = copydesk.Pipeline().clean_batch(batch, format="auto")
    assert out.num_rows == len(utf8)
    assert "input_id" not in out.column_names
    for page, row in zip(utf8, out.to_pylist()):
        assert_row_matches_cli(row, cli_output[page.name], page.name)


def test_clean_batch_multi_chunk_table_and_empty_input(pages):
    pipeline = copydesk.Pipeline()
    chunk = pa.record_batch({"html": pa.array([p.data for p in pages[:2]], pa.binary())})
    table = pa.Table.from_batches([chunk, chunk, chunk])
    out = pipeline.clean_batch(table)
    assert out.num_rows == 6
    assert out.column("seq").to_pylist() == list(range(6))
    # Zero-copy slices (what Ray and Spark hand out) clean like their copies.
    texts = [p.data for p in pages if p.format == "text"][:4]
    whole = pa.table({"html": pa.array(texts, pa.binary())})
    pipeline.reset_dedup()  # the same texts again: not duplicates of the chunks above
    sliced = pipeline.clean_batch(whole.slice(1, 2), format="text").drop_columns(["seq"])
    pipeline.reset_dedup()
    copied = pipeline.clean_batch(pa.table({"html": texts[1:3]}), format="text").drop_columns(["seq"])
    assert sliced.to_pylist() == copied.to_pylist()
    empty = pipeline.clean_batch(pa.table({"html": pa.array([], pa.string())}))
    assert empty.num_rows == 0 and empty.schema == pipeline.output_schema()


def test_clean_batch_errors_name_the_column():
    pipeline = copydesk.Pipeline()
    with pytest.raises(ValueError, match=r"no `html` column \(columns: body\)"):
        pipeline.clean_batch(pa.table({"body": ["x"]}))
    with pytest.raises(ValueError, match="column `html` has type Int64"):
        pipeline.clean_batch(pa.table({"html": [1]}))


def test_optional_columns_follow_the_config(pages):
    toml = "[output]\nmarkdown = true\n[filter]\nkeep_removed = true\n"
    pipeline = copydesk.Pipeline(toml)
    some = [p for p in pages if p.format == "text"][:3] + pages[:2]
    out = pipeline.clean_batch(pa.table({"html": pa.array([p.data for p in some], pa.binary())}), format="auto")
    assert "markdown" in out.column_names and "removed" in out.column_names
    for page, row in zip(some, out.to_pylist()):
        # a fresh pipeline: the batch's pipeline has seen these texts (dedup)
        one = copydesk.Pipeline(toml).clean_html(page.data, format="auto")
        assert bool(one) == (row["reject_reason"] is None)
        if one:
            assert row["markdown"] == one["markdown"]
            assert row["removed"] == one["removed"]
            assert [c for c in out.column_names if c in one] == list(one)
            assert {c for c in out.column_names if c not in one} == {"fetch", "reject_stage", "reject_reason"}


def test_clean_batch_releases_the_gil(pages):
    """Another Python thread keeps running while Rust cleans a batch."""
    pipeline = copydesk.Pipeline()
    table = pa.table({"html": pa.array([p.data for p in pages] * 20, pa.binary())})
    ticks = 0
    stop = False

    def count():
        nonlocal ticks
        while not stop:
            ticks += 1
            time.sleep(0.001)

    worker = threading.Thread(target=count)
    worker.start()
    time.sleep(0.05)
    before = ticks
    start = time.perf_counter()
    pipeline.clean_batch(table, format="text")  # text: real work even with today's extractor
    elapsed = time.perf_counter() - start
    during = ticks - before
    stop = True
    worker.join()
    if elapsed < 0.1:
        pytest.skip("batch too fast to tell")
    assert during > 10, f"only {during} ticks in {elapsed:.2f}s"


def _is_plain_utf8(data: bytes) -> bool:
    try:
        head = data.decode("utf-8")[:2048].lower()
    except UnicodeDecodeError:
        return False
    return "charset" not in head or "utf-8" in head
