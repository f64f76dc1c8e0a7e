"""One embedding part, start to finish: memory-map it, score it in large blocks, write its records, mark it done."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from piu_filter.detection import COMPONENTS
from piu_filter.errors import error_text
from piu_filter.io.embedding_parts import EmbeddingPart, MalformedPartError
from piu_filter.io.filesystem import write_json_whole, written_whole
from piu_filter.io.records import RECORD_SCHEMA
from piu_filter.scan.decide import fuse_columns
from piu_filter.scan.layout import ScanLayout
from piu_filter.scan.queries import ScanQueries
from piu_filter.scan.score import Scorer

SCORE_FIELDS = ("clip_score", "clip_similarity", "image_query_score", "classifier_prob")
SCORING_THREADS = 2  # blocks scored at once: casting float16 rows is single-threaded in numpy


def scan_schema(keep_captions: bool) -> pa.Schema:
    """The run's record columns that apply to an embedding row, with `caption` only when it is kept."""
    names = ["key", "shard", "url", "image_sha256", *SCORE_FIELDS, "detected", "candidate"]
    fields = [RECORD_SCHEMA.field(name) for name in names]
    if keep_captions:
        fields.insert(3, pa.field("caption", pa.string()))
    return pa.schema(fields)


@dataclass(frozen=True)
class ScanSettings:
    """What every part is scored with: the queries, the head (a folder, loaded in the worker), the rule."""

    queries: ScanQueries
    head: str | None
    thresholds: dict[str, float | None]
    rule: str
    margin: float
    keep_captions: bool
    batch_rows: int


@dataclass(frozen=True)
class ScanTask:
    """One part to scan, with its done marker's content (what the records are made from)."""

    part: EmbeddingPart
    settings: ScanSettings
    marker: dict[str, Any] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.part.name

    def run(self, config: Any, layout: ScanLayout, on_samples: Callable[[int], None]) -> None:
        scan_part(self.part, self.settings, layout, self.marker, on_samples)

    def failure(self, exc: BaseException) -> str:
        if isinstance(exc, MalformedPartError):
            return str(exc)
        return f"{self.part.embeddings}: {error_text(exc)}"


def scan_part(part: EmbeddingPart, settings: ScanSettings, layout: ScanLayout, marker: dict[str, Any],
              on_samples: Callable[[int], None] = lambda n: None) -> dict[str, Any]:
    """Write `records/PART.parquet`, then the done marker with the part's counts; nothing appears unfinished."""
    started = time.monotonic()
    rows = part.check(settings.queries.dim)
    embeddings = part.open()
    wanted = ["url", "image_sha256"] + (["caption"] if settings.keep_captions else [])
    metadata = part.read_metadata(wanted)
    head = None
    if settings.head:
        from piu_filter.models.head import ClassifierHead

        head = ClassifierHead.load(settings.head)
    scorer = Scorer(settings.queries, head)
    schema = scan_schema(settings.keep_captions)
    path = layout.records(part.name)
    counts = {"rows": 0, "detected": 0, "candidates": 0}

    def block(start: int) -> pa.Table:
        end = min(start + settings.batch_rows, rows)
        return _records(part.name, start, end, scorer.score(embeddings[start:end]), metadata, settings, schema)

    # dictionary pages only for the one repeated column: keys, urls and scores are nearly all distinct
    with written_whole(path) as records, \
            pq.ParquetWriter(records, schema, compression="zstd", use_dictionary=["shard"]) as writer:
        for table in _ahead(block, range(0, rows, settings.batch_rows)):
            writer.write_table(table)
            counts["rows"] += table.num_rows
            counts["detected"] += pc.sum(table["detected"]).as_py() or 0
            counts["candidates"] += pc.sum(table["candidate"]).as_py() or 0
            on_samples(table.num_rows)
    done = {**counts, "seconds": round(time.monotonic() - started, 3), **marker}
    write_json_whole(layout.done_marker(part.name), done)
    return done


def _ahead(make: Callable[[int], pa.Table], starts: range, threads: int = SCORING_THREADS) -> Iterator[pa.Table]:
    """Each block in order, the next `threads` made in background threads while the caller writes this one
    (numpy and Arrow release the GIL, so reading, casting, scoring and compressing overlap)."""
    with ThreadPoolExecutor(threads, thread_name_prefix="piu-scan") as pool:
        pending = deque(pool.submit(make, start) for start in starts[:threads])
        for following in starts[threads:]:
            yield pending.popleft().result()
            pending.append(pool.submit(make, following))
        while pending:
            yield pending.popleft().result()


def _records(part: str, start: int, end: int, scores: dict[str, np.ndarray | None], metadata: pa.Table,
             settings: ScanSettings, schema: pa.Schema) -> pa.Table:
    rows = end - start
    components = {c.name: (scores[c.score_field], settings.thresholds[c.name]) for c in COMPONENTS
                  if scores[c.score_field] is not None and settings.thresholds.get(c.name) is not None}
    detected, candidate = fuse_columns(components, settings.rule, settings.margin, rows)
    columns: dict[str, Any] = {
        "key": pc.binary_join_element_wise(part, pc.cast(pa.array(np.arange(start, end)), pa.string()), ":"),
        "shard": pa.repeat(part, rows),
        **{name: _slice(metadata, name, start, rows) for name in ("url", "image_sha256", "caption")},
        **{name: pa.array(values, pa.float32()) if values is not None else pa.nulls(rows, pa.float32())
           for name, values in scores.items()},
        "detected": pa.array(detected),
        "candidate": pa.array(candidate),
    }
    return pa.Table.from_arrays([columns[f.name].cast(f.type) for f in schema], schema=schema)


def _slice(metadata: pa.Table, column: str, start: int, rows: int) -> pa.Array:
    if column not in metadata.column_names:
        return pa.nulls(rows, pa.string())
    return metadata[column].slice(start, rows).combine_chunks()
