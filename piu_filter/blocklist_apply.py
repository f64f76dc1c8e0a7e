"""Applying blocklists: to URL tables before download, to shards after.

URL tables (parquet, CSV, JSONL, or folders of them) are streamed in Arrow record batches, so
memory does not grow with the table; URLs are normalised and hashed in worker processes, a
bounded number of batches ahead. Shards lose the samples whose URL hash or image SHA-256 is
blocked, or whose perceptual hash lies within a Hamming distance of a blocked one (a re-hosted
or re-encoded copy).
"""

from __future__ import annotations

import json
import multiprocessing
from collections import Counter, deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from piu_filter.blocklist import read_blocklist
from piu_filter.errors import PiuFilterError
from piu_filter.io.images import ImageDecodeError, decode_image, image_phash, image_sha256
from piu_filter.io.paths import expand_paths
from piu_filter.io.shards import ShardReadReport, expand_inputs, read_samples
from piu_filter.urls import url_sha256

TABLE_FORMATS = {".parquet": "parquet", ".csv": "csv", ".jsonl": "json", ".json": "json"}


@dataclass
class BlocklistIndex:
    """Blocked URL hashes, image hashes and perceptual hashes, each with its reasons."""

    url_reasons: dict[str, list[str]] = field(default_factory=dict)
    image_reasons: dict[str, list[str]] = field(default_factory=dict)
    phashes: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.uint64))
    phash_reasons: list[list[str]] = field(default_factory=list)

    @classmethod
    def load(cls, folders: list[Path]) -> "BlocklistIndex":
        index = cls()
        phashes: list[int] = []
        for folder in folders:
            for row in read_blocklist(folder).to_pylist():
                if row["url_sha256"]:
                    index.url_reasons.setdefault(row["url_sha256"], row["reasons"])
                if row["image_sha256"]:
                    index.image_reasons.setdefault(row["image_sha256"], row["reasons"])
                if row["image_phash"]:
                    phashes.append(int(row["image_phash"], 16))
                    index.phash_reasons.append(row["reasons"])
        index.phashes = np.array(phashes, dtype=np.uint64)
        return index

    def near_phash(self, phash: str, max_distance: int) -> list[str] | None:
        """Reasons of the closest blocked perceptual hash within `max_distance` bits, if any."""
        if not len(self.phashes) or max_distance < 0:
            return None
        distances = np.bitwise_count(self.phashes ^ np.uint64(int(phash, 16)))
        best = int(np.argmin(distances))
        return self.phash_reasons[best] if distances[best] <= max_distance else None


@dataclass
class ApplyReport:
    rows_in: int = 0
    removed: int = 0
    by_reason: Counter = field(default_factory=Counter)
    by_match: Counter = field(default_factory=Counter)

    def remove(self, reasons: list[str], match: str) -> None:
        self.removed += 1
        self.by_reason.update(reasons)
        self.by_match[match] += 1

    def to_dict(self) -> dict[str, Any]:
        return {"rows_in": self.rows_in, "removed": self.removed, "kept": self.rows_in - self.removed,
                "removed_by_reason": dict(sorted(self.by_reason.items())), "removed_by_match": dict(sorted(self.by_match.items()))}


# URL tables ------------------------------------------------------------------------------------

def table_files(inputs: list[str]) -> list[Path]:
    def in_folder(folder: Path) -> list[Path]:
        return sorted(p for p in folder.rglob("*") if p.suffix.lower() in TABLE_FORMATS)

    files = expand_paths(inputs, in_folder, "URL tables (.parquet, .csv, .jsonl)")
    for path in files:
        if path.suffix.lower() not in TABLE_FORMATS:
            raise PiuFilterError(f"{path}: URL tables must be .parquet, .csv or .jsonl")
    return files


_worker_blocked: frozenset[str] = frozenset()


def _init_hasher(blocked: frozenset[str]) -> None:
    global _worker_blocked
    _worker_blocked = blocked


def _blocked_positions(urls: list[str | None]) -> list[int]:
    """Positions of the URLs whose normalised hash is blocked."""
    blocked = _worker_blocked
    return [i for i, url in enumerate(urls) if url and url_sha256(url) in blocked]


def apply_to_tables(index: BlocklistIndex, inputs: list[str], url_col: str, out: Path, workers: int = 2,
                    batch_rows: int = 65_536) -> ApplyReport:
    """Write each table to `out` (same name and format) without its blocked rows."""
    files = table_files(inputs)
    out.mkdir(parents=True, exist_ok=True)
    report = ApplyReport()
    blocked = frozenset(index.url_reasons)
    context = multiprocessing.get_context("spawn")
    with context.Pool(workers, initializer=_init_hasher, initargs=(blocked,)) as pool:
        for path in files:
            fmt = TABLE_FORMATS[path.suffix.lower()]
            dataset = ds.dataset(path, format=fmt)
            if url_col not in dataset.schema.names:
                raise PiuFilterError(f"{path}: no column {url_col!r} (columns: {', '.join(dataset.schema.names)})")
            with _TableWriter(out / path.name, fmt, dataset.schema) as writer:
                batches = dataset.to_batches(batch_size=batch_rows, batch_readahead=2, fragment_readahead=1)
                for batch, positions in _hashed_batches(pool, batches, url_col, workers * 2):
                    report.rows_in += batch.num_rows
                    if positions:
                        urls = batch.column(url_col)
                        for i in positions:
                            report.remove(index.url_reasons[url_sha256(urls[i].as_py())], "url")
                        keep = np.ones(batch.num_rows, dtype=bool)
                        keep[positions] = False
                        batch = batch.filter(pa.array(keep))
                    writer.write(batch)
    return report


def _hashed_batches(pool, batches: Iterator[pa.RecordBatch], url_col: str, ahead: int):
    """(batch, blocked positions), in order, with at most `ahead` batches in flight."""
    pending: deque = deque()
    for batch in batches:
        pending.append((batch, pool.apply_async(_blocked_positions, (batch.column(url_col).to_pylist(),))))
        if len(pending) >= ahead:
            done, result = pending.popleft()
            yield done, result.get()
    while pending:
        done, result = pending.popleft()
        yield done, result.get()


class _TableWriter:
    """Writes record batches to a parquet, CSV or JSONL file, renamed into place when complete."""

    def __init__(self, path: Path, fmt: str, schema: pa.Schema) -> None:
        self.path, self.fmt, self.schema = path, fmt, schema
        self.tmp = path.with_name(path.name + ".tmp")

    def __enter__(self) -> "_TableWriter":
        if self.fmt == "parquet":
            self.writer = pq.ParquetWriter(self.tmp, self.schema, compression="zstd")
        elif self.fmt == "csv":
            self.writer = pa_csv.CSVWriter(self.tmp, self.schema)
        else:
            self.writer = open(self.tmp, "w", encoding="utf-8")
        return self

    def write(self, batch: pa.RecordBatch) -> None:
        if self.fmt == "json":
            self.writer.writelines(json.dumps(row, ensure_ascii=False, default=str) + "\n" for row in batch.to_pylist())
        elif self.fmt == "parquet":
            self.writer.write_batch(batch)
        else:
            self.writer.write(batch)

    def __exit__(self, exc_type, exc, tb) -> None:
        self.writer.close()
        if exc_type is None:
            self.tmp.replace(self.path)
        else:
            self.tmp.unlink(missing_ok=True)


# Shards ----------------------------------------------------------------------------------------

def apply_to_shards(index: BlocklistIndex, inputs: list[str], out: Path, phash_distance: int = 4,
                    max_pixels: int = 100_000_000) -> ApplyReport:
    """Write each shard to `out` (same name) without the samples the blocklist names."""
    import webdataset as wds  # here, not at the top: it loads torch, which URL tables do not need

    out.mkdir(parents=True, exist_ok=True)
    report = ApplyReport()
    for source in expand_inputs(inputs):
        tmp = out / (source.name + ".tmp")
        with wds.TarWriter(str(tmp), encoder=False) as writer:
            for sample in read_samples(source, ShardReadReport()):
                report.rows_in += 1
                match = _match(index, sample.url, sample.image_bytes, phash_distance, max_pixels)
                if match is None:
                    writer.write({"__key__": sample.key, **sample.members})
                else:
                    report.remove(*match)
        tmp.replace(out / source.name)
    return report


def _match(index: BlocklistIndex, url: str | None, image: bytes | None, phash_distance: int,
           max_pixels: int) -> tuple[list[str], str] | None:
    if url and (reasons := index.url_reasons.get(url_sha256(url))) is not None:
        return reasons, "url"
    if not image:
        return None
    if (reasons := index.image_reasons.get(image_sha256(image))) is not None:
        return reasons, "image_sha256"
    if len(index.phashes) and phash_distance >= 0:
        try:
            decoded, _ = decode_image(image, max_pixels, draft_size=256)
        except ImageDecodeError:
            return None
        if (reasons := index.near_phash(image_phash(decoded), phash_distance)) is not None:
            return reasons, "image_phash"
    return None
