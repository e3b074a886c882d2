"""Type stubs for the native module (re-exported by ``copydesk``)."""

from os import PathLike
from typing import Any, Dict, Literal, Optional, Union

import pyarrow as pa

Format = Literal["html", "text", "auto"]

SCHEMA_VERSION: int
"""Version of the record schema written in every record (``schema_version``)."""

class ConfigError(ValueError):
    """The pipeline configuration is invalid; the message names the line or key path."""

class Rejected:
    """Why a page gave no record. Falsy, so ``if record:`` tells records from rejections."""

    stage: str
    """The stage that rejected the page: ``source``, ``read``, ``decode``, ``extract`` or ``filter``."""
    kind: str
    """A short stable label (``no article content``, ``empty input``, ...)."""
    reason: str
    """The full reason, as in the CLI's rejects file."""
    def __bool__(self) -> bool: ...

class Pipeline:
    """A compiled cleaning pipeline (extraction rules, filters, normalization).

    Build it once and reuse it: compiling the rules is the expensive part. It is immutable and
    safe to share between threads; the GIL is released while pages are cleaned.
    """

    def __init__(
        self,
        config_toml: Optional[str] = None,
        *,
        base_dir: Optional[Union[str, "PathLike[str]"]] = None,
    ) -> None:
        """Compile a pipeline from pipeline.toml text.

        The ``[extract]``, ``[filter]``, ``[output]`` (``markdown`` only) and ``[limits]``
        tables are used; ``[source]`` and output paths are ignored. ``None`` uses the
        defaults. ``base_dir`` resolves files the config refers to (default: ``.``).

        Raises:
            ConfigError: the text is not valid TOML, has an unknown key or an invalid value;
                the message names the line (and column) or the key path.
        """

    @staticmethod
    def from_file(path: Union[str, "PathLike[str]"]) -> "Pipeline":
        """Compile the pipeline.toml at ``path`` (relative paths resolved against its folder).

        Raises:
            ConfigError: unreadable or invalid config.
        """

    def clean_html(
        self,
        html: Union[str, bytes],
        url: Optional[str] = None,
        *,
        source: Optional[str] = None,
        format: Format = "html",
    ) -> Union[Dict[str, Any], Rejected]:
        """Clean one page.

        ``html`` is ``str`` (already decoded) or ``bytes`` (the charset is detected as the CLI
        does: BOM, ``<meta charset>``, then statistical detection). ``url`` is the page's URL
        (metadata, link resolution); ``source`` names the input in the record (default: the
        URL, else ``""``). ``format`` is ``"html"`` (default), ``"text"`` (plain text:
        extraction is skipped, the first line may become the title) or ``"auto"`` (HTML when
        the content starts with ``<``), as the CLI's ``--format``.

        Returns:
            The record as a ``dict`` with exactly the keys of the CLI's JSONL records, or a
            falsy :class:`Rejected` saying why the page gave none.

        Raises:
            ValueError: ``url`` is not a valid absolute URL, or ``format`` is unknown.
        """

    def clean_batch(
        self, batch: Union[pa.RecordBatch, pa.Table, Any], *, format: Format = "html"
    ) -> pa.Table:
        """Clean every row of a ``pyarrow.RecordBatch`` or ``pyarrow.Table``.

        Anything exporting the Arrow PyCapsule interface is accepted (``__arrow_c_array__`` or
        ``__arrow_c_stream__``). Input columns:

        - ``html`` (required): string, large_string, string_view, or binary types; binary
          values go through charset detection, null values are rejected as empty input;
        - ``url`` (optional, string): the page's URL; an invalid one rejects the row;
        - ``source`` (optional, string): names the input in the record (default: the URL);
        - ``id`` (optional, any type): copied unchanged to the ``input_id`` output column.

        ``format`` applies to every row, as in :meth:`clean_html`.

        Returns:
            A ``pyarrow.Table`` with exactly one row per input row, in input order: the
            record's columns (``id``, ``url``, ``source``, ``title``, ``author``,
            ``published``, ``modified``, ``language``, ``language_confidence``,
            ``site_name``, ``description``, ``image``, ``tags``, ``text``, [``markdown``],
            ``word_count``, ``page_type``, ``confidence``, [``removed``], ``fetch``, ``seq``,
            ``schema_version``; ``fetch``
            is the CLI's JSON object as a string, null here since nothing was fetched), then
            ``reject_stage`` and ``reject_reason`` (null for
            records; for rejects the record columns are null except ``url``, ``source``,
            ``seq`` and ``schema_version``), then ``input_id`` when the input has ``id``.
            ``seq`` numbers the rows of this call from 0. Rust does the work without the GIL
            and without per-row Python objects.

        Raises:
            ValueError: no ``html`` column, a column of an unsupported type, or an unknown
                ``format``.
        """

    def reset_dedup(self) -> None:
        """Forget the texts this pipeline has kept: the next page starts a new dedup scope.

        A ``Pipeline`` dedups like one CLI run (``[filter.dedup]``): a later copy of a kept
        text, in a batch (row order) or in a later call, is rejected as a duplicate.
        """

    def output_schema(self, input_schema: Optional[pa.Schema] = None) -> pa.Schema:
        """The schema :meth:`clean_batch` returns for inputs of ``input_schema``.

        ``input_schema`` decides whether ``input_id`` is present and its type (default: an
        input with only ``html``). Useful for Spark's ``mapInArrow(fn, schema)``.
        """
