"""Records: one parquet row per input sample, kept, redacted, dropped or failed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from piu_filter.sample import Entity, Sample

ENTITY_TYPE = pa.struct([
    ("type", pa.string()),
    ("source", pa.string()),
    ("score", pa.float32()),
    ("box", pa.list_(pa.int32(), 4)),
    ("start", pa.int32()),
    ("end", pa.int32()),
    ("text", pa.string()),
    ("member", pa.string()),
    ("frame", pa.int32()),
])

FACE_TYPE = pa.struct([
    ("member", pa.string()),
    ("frame", pa.int32()),
    ("box", pa.list_(pa.int32(), 4)),
    ("score", pa.float32()),
])

RECORD_SCHEMA = pa.schema([
    ("key", pa.string()),
    ("shard", pa.string()),
    ("url", pa.string()),
    ("image_sha256", pa.string()),
    ("source_sha256", pa.string()),
    ("image_phash", pa.string()),
    ("clip_score", pa.float32()),
    ("clip_similarity", pa.float32()),
    ("image_query_score", pa.float32()),
    ("classifier_prob", pa.float32()),
    ("detected", pa.bool_()),
    ("candidate", pa.bool_()),
    ("ocr_ran", pa.bool_()),
    ("entities", pa.list_(ENTITY_TYPE)),
    ("action", pa.string()),
    ("reasons", pa.list_(pa.string())),
    ("error", pa.string()),
    ("members_removed", pa.list_(pa.string())),
    ("members_unread", pa.list_(pa.string())),
    ("faces_found", pa.int32()),
    ("faces", pa.list_(FACE_TYPE)),
])


def record_of(sample: Sample, keep_pii_text: bool) -> dict[str, Any]:
    """The record row of a decided sample. Entity text is left out unless `keep_pii_text`."""
    return {
        "key": sample.key,
        "shard": sample.shard,
        "url": sample.locator,
        "image_sha256": sample.image_sha256,
        "source_sha256": sample.source_sha256,
        "image_phash": sample.image_phash,
        "clip_score": sample.clip_score,
        "clip_similarity": sample.clip_similarity,
        "image_query_score": sample.image_query_score,
        "classifier_prob": sample.classifier_prob,
        "detected": sample.detected,
        "candidate": sample.candidate,
        "ocr_ran": sample.ocr_ran,
        "entities": [entity_row(e, keep_pii_text) for e in sample.entities],
        "action": sample.action,
        "reasons": list(sample.reasons),
        "error": sample.error,
        "members_removed": list(sample.members_removed),
        "members_unread": list(sample.members_unread),
        "faces_found": len(sample.faces) if sample.faces is not None else None,
        "faces": [{"member": f.member, "frame": f.frame, "box": list(f.box), "score": f.score} for f in sample.faces or []],
    }


def entity_row(entity: Entity, keep_pii_text: bool) -> dict[str, Any]:
    """An entity as plain values; its text only with `keep_pii_text`."""
    return {
        "type": entity.type, "source": entity.source, "score": entity.score,
        "box": list(entity.box) if entity.box is not None else None,
        "start": entity.start, "end": entity.end,
        "text": entity.text if keep_pii_text else None,
        "member": entity.member, "frame": entity.frame,
    }


class RecordWriter:
    """Streams records to one parquet file in row groups, so memory stays flat."""

    def __init__(self, path: str | Path, keep_pii_text: bool, rows_per_group: int = 4096) -> None:
        self.path = path
        self.keep_pii_text = keep_pii_text
        self.rows_per_group = rows_per_group
        self._rows: list[dict[str, Any]] = []
        self._writer = pq.ParquetWriter(path, RECORD_SCHEMA, compression="zstd")

    def add(self, sample: Sample) -> None:
        self._rows.append(record_of(sample, self.keep_pii_text))
        if len(self._rows) >= self.rows_per_group:
            self._flush()

    def _flush(self) -> None:
        if self._rows:
            self._writer.write_table(pa.Table.from_pylist(self._rows, schema=RECORD_SCHEMA))
            self._rows = []

    def close(self) -> None:
        self._flush()
        self._writer.close()
