"""Issue 16: the Python API dedups as the CLI does, per batch and per Pipeline object."""

from __future__ import annotations

import pyarrow as pa

import copydesk

# Two different stories, long enough for the default quality filters.
STORY_A = "<html><body><article><h1>Harbour plan</h1>" + "".join(
    f"<p>The harbour board met on day {i} and argued about the new pier, the tides and the "
    f"fishing fleet that has moored here for a century, said member number {i}.</p>"
    for i in range(12)
) + "</article></body></html>"
STORY_B = "<html><body><article><h1>Orchard year</h1>" + "".join(
    f"<p>Apple growers counted row {i} of the orchard twice after the frost, and the cider "
    f"press in the valley waited for a harvest that came late in week {i}.</p>"
    for i in range(12)
) + "</article></body></html>"


def test_issue_16_clean_html_twice_gives_one_record():
    pipeline = copydesk.Pipeline()
    first = pipeline.clean_html(STORY_A, "https://example.com/a")
    assert first, first
    again = pipeline.clean_html(STORY_A, "https://example.com/a-copy")
    assert not again
    assert again.stage == "filter"
    assert again.reason.startswith("dedup.") and "https://example.com/a" in again.reason
    assert pipeline.clean_html(STORY_B, "https://example.com/b")
    # a new scope: the same text is new again
    pipeline.reset_dedup()
    assert pipeline.clean_html(STORY_A, "https://example.com/a")
    # another Pipeline object has its own scope
    assert copydesk.Pipeline().clean_html(STORY_A, "https://example.com/a")


def test_issue_16_clean_batch_rejects_later_copies_in_row_order():
    pipeline = copydesk.Pipeline()
    table = pa.table({
        "html": [STORY_A, STORY_B, STORY_A, STORY_B],
        "url": ["https://x.test/1", "https://x.test/2", "https://x.test/3", "https://x.test/4"],
    })
    out = pipeline.clean_batch(table).to_pylist()
    kept = [row["reject_reason"] is None for row in out]
    assert kept == [True, True, False, False], [r["reject_reason"] for r in out]
    assert "https://x.test/1" in out[2]["reject_reason"]
    # across calls on the same object: the next batch's copies are duplicates too
    later = pipeline.clean_batch(pa.table({"html": [STORY_B]})).to_pylist()
    assert (later[0]["reject_reason"] or "").startswith("dedup.")


def test_issue_16_dedup_off_in_config_keeps_copies():
    pipeline = copydesk.Pipeline("[filter.dedup]\nexact = false\nnear = false\n")
    assert pipeline.clean_html(STORY_A)
    assert pipeline.clean_html(STORY_A)
