"""Applying blocklists: to URL tables before download, to shards after.

URL tables (parquet, CSV, JSONL, `.txt` lists, or folders of them) are streamed in chunks, so
memory does not grow with the table, and kept rows are written as they were (see
`io.url_tables`); URLs are normalised and hashed in worker processes, a bounded number of
chunks ahead. Shards lose the samples whose URL hash or image SHA-256 is
blocked, or whose perceptual hash lies within a Hamming distance of a blocked one (a re-hosted
or re-encoded copy).
"""

from __future__ import annotations

import multiprocessing
import re
from collections import Counter, deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from piu_filter.blocklist.build import read_blocklist
from piu_filter.errors import PiuFilterError
from piu_filter.io.images import ImageDecodeError, decode_image, image_phash, image_sha256
from piu_filter.io.shards import ShardReadReport, expand_inputs, output_key, read_samples
from piu_filter.io.url_tables import Chunk, TableWriter, read_chunks, url_tables
from piu_filter.blocklist.urls import url_sha256

_PHASH = re.compile(r"^[0-9a-fA-F]{16}$")


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
                for digest in (row["image_sha256"], row.get("source_sha256")):
                    if digest:
                        index.image_reasons.setdefault(digest, row["reasons"])
                if row["image_phash"]:
                    if not _PHASH.match(row["image_phash"]):
                        raise PiuFilterError(f"{folder}/blocklist.parquet: image_phash {row['image_phash']!r} is not 16 hex digits")
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
    unreadable: dict[str, str] = field(default_factory=dict)

    def remove(self, reasons: list[str], match: str) -> None:
        self.removed += 1
        self.by_reason.update(reasons)
        self.by_match[match] += 1

    def to_dict(self) -> dict[str, Any]:
        return {"rows_in": self.rows_in, "removed": self.removed, "kept": self.rows_in - self.removed,
                "removed_by_reason": dict(sorted(self.by_reason.items())), "removed_by_match": dict(sorted(self.by_match.items())),
                **({"unreadable_shards": dict(sorted(self.unreadable.items()))} if self.unreadable else {})}


# URL tables ------------------------------------------------------------------------------------

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
    """Write each table to `out` (same relative path and format) without its blocked rows; kept rows
    are written as they were."""
    tables = url_tables(inputs)
    report = ApplyReport()
    blocked = frozenset(index.url_reasons)
    context = multiprocessing.get_context("spawn")
    with context.Pool(workers, initializer=_init_hasher, initargs=(blocked,)) as pool:
        for table in tables:
            head, chunks = read_chunks(table, url_col, batch_rows)
            with TableWriter(out / table.relative, head) as writer:
                for chunk, positions in _hashed_chunks(pool, chunks, workers * 2):
                    report.rows_in += len(chunk.urls)
                    for i in positions:
                        report.remove(index.url_reasons[url_sha256(chunk.urls[i])], "url")
                    writer.write(chunk.without(positions))
    return report


def _hashed_chunks(pool, chunks: Iterator[Chunk], ahead: int) -> Iterator[tuple[Chunk, list[int]]]:
    """(chunk, blocked positions), in order, with at most `ahead` chunks in flight."""
    pending: deque = deque()
    for chunk in chunks:
        pending.append((chunk, pool.apply_async(_blocked_positions, (chunk.urls,))))
        if len(pending) >= ahead:
            done, result = pending.popleft()
            yield done, result.get()
    while pending:
        done, result = pending.popleft()
        yield done, result.get()


# Shards ----------------------------------------------------------------------------------------

def apply_to_shards(index: BlocklistIndex, inputs: list[str], out: Path, phash_distance: int = 4,
                    max_pixels: int = 50_000_000) -> ApplyReport:
    """Write each shard to `out` (same name) without the samples the blocklist names. A shard that
    cannot be read to its end is not written (no short output); it is listed in `unreadable`."""
    import webdataset as wds  # here, not at the top: it loads torch, which URL tables do not need

    out.mkdir(parents=True, exist_ok=True)
    report = ApplyReport()
    for source in expand_inputs(inputs):
        tmp = out / (source.name + ".tmp")
        read = ShardReadReport()
        with wds.TarWriter(str(tmp), encoder=False, compress=source.compressed) as writer:
            for sample in read_samples(source, read):
                if not sample.members:
                    continue  # a member that is no sample's file: nothing to write or match
                report.rows_in += 1
                match = _match(index, sample.url, sample.image_bytes, sample.source_sha256, phash_distance, max_pixels)
                if match is None:
                    writer.write({"__key__": output_key(sample.key), **sample.members})
                else:
                    report.remove(*match)
        if read.error is not None:
            tmp.unlink()
            report.unreadable[source.name] = read.error
            continue
        tmp.replace(out / source.name)
    return report


def _match(index: BlocklistIndex, url: str | None, image: bytes | None, source_sha256: str | None,
           phash_distance: int, max_pixels: int) -> tuple[list[str], str] | None:
    """What blocks a sample, by URL hash, image hash (the shard's bytes or img2dataset's download hash),
    or pHash distance; None when nothing does."""
    if url and (reasons := index.url_reasons.get(url_sha256(url))) is not None:
        return reasons, "url"
    if source_sha256 and (reasons := index.image_reasons.get(source_sha256)) is not None:
        return reasons, "image_sha256"
    if not image:
        return None
    if (reasons := index.image_reasons.get(image_sha256(image))) is not None:
        return reasons, "image_sha256"
    if len(index.phashes) and phash_distance >= 0:
        try:
            decoded, _ = decode_image(image, max_pixels, draft_size=256)
        except ImageDecodeError:
            return None
        phash = image_phash(decoded)
        if phash is not None and (reasons := index.near_phash(phash, phash_distance)) is not None:
            return reasons, "image_phash"
    return None
