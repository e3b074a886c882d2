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
"""

from ._copydesk import SCHEMA_VERSION, ConfigError, Pipeline, Rejected

__all__ = ["Pipeline", "Rejected", "ConfigError", "SCHEMA_VERSION"]
