"""copydesk: scraped web pages in, clean article records out.

The cleaning runs in Rust (the same core as the ``copydesk`` command line); this package
exposes it to Python one page at a time or over Arrow batches, for Ray Data, PySpark and
plain scripts::

    import copydesk
    pipeline = copydesk.Pipeline()                # or Pipeline(toml_text), Pipeline.from_file(path)
    record = pipeline.clean_html(html, url="https://example.com/story")
    if record:                                    # a dict, the CLI's JSONL record
        print(record["title"], record["text"])
    else:                                         # a falsy Rejected value
        print("rejected at", record.stage, ":", record.reason)

    table = pipeline.clean_batch(pa_table)        # columns html (+ url, source, id)
    # one row per input row: record columns + reject_stage/reject_reason (+ input_id)

``format="text"`` or ``"auto"`` (keyword of both methods) reads plain text like the CLI's
``--format``. See ``help(copydesk.Pipeline)`` and the type stubs for the full API.
"""

from ._copydesk import SCHEMA_VERSION, ConfigError, Pipeline, Rejected

__all__ = ["Pipeline", "Rejected", "ConfigError", "SCHEMA_VERSION"]
