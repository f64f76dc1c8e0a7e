"""Records, and the rows of an embedding folder they name: `PART:ROW` keys (from `scan`), or a run's
own keys (`shard` + `key`) looked up in the metadata `run --save-embeddings` writes."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from piu_filter.errors import PiuFilterError
from piu_filter.io.embedding_parts import EmbeddingPart, MalformedPartError, list_parts
from piu_filter.io.shards import SHARD_SUFFIXES

T = TypeVar("T")


@dataclass
class PartRows:
    """The parts of one folder, each with its first index id and row count."""

    parts: dict[str, EmbeddingPart]
    first: dict[str, int]
    counts: dict[str, int]
    _run_keys: dict[str, dict[str, int]] = field(default_factory=dict)

    @classmethod
    def from_description(cls, description: dict[str, Any]) -> PartRows:
        entries = description["parts"]
        return cls({e["part"]: EmbeddingPart(e["part"], Path(e["embeddings"]), Path(e["metadata"])) for e in entries},
                   {e["part"]: e["first_id"] for e in entries}, {e["part"]: e["rows"] for e in entries})

    @classmethod
    def from_root(cls, root: str | Path) -> PartRows:
        parts = list_parts(root)
        counts = [_readable(part.shape)[0] for part in parts]
        starts = np.cumsum([0, *counts[:-1]])
        return cls({p.name: p for p in parts}, {p.name: int(s) for p, s in zip(parts, starts)},
                   {p.name: n for p, n in zip(parts, counts)})

    def first_id(self, part: str) -> int:
        return self.first[part]

    def locate(self, keys: list[str], shards: list[str | None] | None = None) -> list[tuple[str, int]]:
        """(part, row) of each record; a key that names no row is refused with the key."""
        return [self._locate(key, shard) for key, shard in zip(keys, shards or [None] * len(keys))]

    def _locate(self, key: str, shard: str | None) -> tuple[str, int]:
        if shard is not None:
            stem = next((shard[: -len(s)] for s in SHARD_SUFFIXES if shard.endswith(s)), shard)
            row = self._run_rows(stem).get(key)
            if row is not None:
                return stem, row
        part, _, number = key.rpartition(":")
        if part in self.parts and number.isdigit() and int(number) < self.counts[part]:
            return part, int(number)
        raise PiuFilterError(f"record {key!r} names no row of the embedding folder: records must come from "
                             "`piu-filter scan` of it (keys PART:ROW) or from the run that saved it (--save-embeddings)")

    def _run_rows(self, part: str) -> dict[str, int]:
        """A saved run part's sample key -> row (empty for parts without keys)."""
        if part not in self._run_keys:
            found = self.parts.get(part)
            table = found.read_metadata(["key"]) if found is not None else None
            keys = table["key"].to_pylist() if table is not None and "key" in table.column_names else []
            self._run_keys[part] = {key: row for row, key in enumerate(keys)}
        return self._run_keys[part]

    def vectors(self, located: list[tuple[str, int]]) -> np.ndarray:
        """The float32 embeddings of the located rows, in order, read from the memory-mapped parts."""
        if not located:
            return np.zeros((0, 0), np.float32)
        by_part: dict[str, list[int]] = defaultdict(list)
        for position, (part, _) in enumerate(located):
            by_part[part].append(position)
        out: np.ndarray | None = None
        for part, positions in by_part.items():
            array = _readable(self.parts[part].open)
            if out is None:
                out = np.empty((len(located), array.shape[1]), np.float32)
            out[positions] = array[[located[p][1] for p in positions]]
        return out


def _readable(read: Callable[[], T]) -> T:
    """`read()`, with a part that cannot be read reported as one line (these commands need every part they name)."""
    try:
        return read()
    except MalformedPartError as exc:
        raise PiuFilterError(str(exc)) from None


def read_records(source: Path) -> pa.Table:
    """Records from a parquet file or every `*.parquet` of a folder (unfinished `*.tmp` files are left out)."""
    files = sorted(source.glob("*.parquet")) if source.is_dir() else [source]
    if not files or not all(f.is_file() for f in files):
        raise PiuFilterError(f"{source}: no records (*.parquet) there")
    tables = []
    for path in files:
        try:
            names = pq.ParquetFile(path).schema_arrow.names
        except (OSError, pa.ArrowException) as exc:
            raise PiuFilterError(f"records {path}: not parquet ({exc})") from None
        if "key" not in names:
            raise PiuFilterError(f"records {path}: no `key` column; expected records of `piu-filter scan` or `run`")
        wanted = [c for c in ("key", "shard", "url", "detected", "image_phash") if c in names]
        tables.append(pq.read_table(path, columns=wanted))
    return pa.concat_tables(tables, promote_options="default")
