"""`dedup`: near-duplicate groups, to count unique images.

Two rows share a group when their CLIP embeddings' cosine similarity reaches the profile's
`dedup.similarity_threshold` (an exact range search with faiss), or when both have a pHash and
the two differ in at most `dedup.phash_distance` bits; groups are the connected components.
A run's records without embeddings beside them (a run without `--save-embeddings`) are grouped
by pHash alone, and the summary says so.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from piu_filter.errors import PiuFilterError
from piu_filter.extras import extra_needed
from piu_filter.index.rows import PartRows, read_records
from piu_filter.io.embedding_parts import IMG_EMB
from piu_filter.io.filesystem import write_json_whole, written_whole
from piu_filter.profile_sections import DedupConfig

log = logging.getLogger("piu_filter")
GROUPS_SCHEMA = pa.schema([("key", pa.string()), ("url", pa.string()), ("dup_group", pa.int64()), ("group_size", pa.int64())])


@dataclass
class Rows:
    """What is grouped: keys, urls, embeddings (None when there are none) and pHashes (None where unknown)."""

    keys: list[str]
    urls: list[str | None]
    vectors: np.ndarray | None
    phashes: list[str | None]

    @property
    def grouped_by(self) -> list[str]:
        return (["embeddings"] if self.vectors is not None else []) + ["phash"]


def load_rows(source: str | Path, embeddings: str | Path | None, all_rows: bool) -> Rows:
    """Every row of an embedding folder, or the detected rows (every row with `all_rows`) of records,
    their embeddings read from `embeddings` (by default the `embeddings/` folder beside a run's records)."""
    source = Path(source)
    if (source / IMG_EMB).is_dir():
        rows = PartRows.from_root(source)
        located = [(part, row) for part, count in rows.counts.items() for row in range(count)]
        urls = [url for part in rows.parts.values() for url in _urls(part)]
        return Rows([f"{p}:{r}" for p, r in located], urls, rows.vectors(located), [None] * len(located))
    records = read_records(source)
    if not all_rows and "detected" in records.column_names:
        records = records.filter(pc.fill_null(records["detected"], False))
    root = Path(embeddings) if embeddings else (source if source.is_dir() else source.parent).parent / "embeddings"
    keys = records["key"].to_pylist()
    if not (root / IMG_EMB).is_dir():
        if embeddings or "image_phash" not in records.column_names:
            raise PiuFilterError(f"no embeddings for {source} in {root}: pass --embeddings EMB_ROOT (the folder that was "
                                 "scanned, or a run's OUT/embeddings written with --save-embeddings)")
        log.warning("no embeddings beside %s: grouping by pHash alone (a run with --save-embeddings writes them, "
                    "to group by CLIP similarity too)", source)
        return Rows(keys, _column(records, "url"), None, _column(records, "image_phash"))
    shards = records["shard"].to_pylist() if "shard" in records.column_names else None
    rows = PartRows.from_root(root)
    vectors = rows.vectors(rows.locate(keys, shards))
    return Rows(keys, _column(records, "url"), vectors, _column(records, "image_phash"))


def _column(records: pa.Table, name: str) -> list:
    return records[name].to_pylist() if name in records.column_names else [None] * records.num_rows


def _urls(part) -> list[str | None]:
    table = part.read_metadata(["url"])
    return table["url"].to_pylist() if "url" in table.column_names else [None] * table.num_rows


def group(rows: Rows, config: DedupConfig) -> np.ndarray:
    """A group number per row (numbered by first appearance)."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    count = len(rows.keys)
    if count == 0:
        return np.zeros(0, np.int64)
    sources, targets = [np.arange(count)], [np.arange(count)]  # every row is its own group at least
    if rows.vectors is not None:
        with extra_needed():
            import faiss
        vectors = np.ascontiguousarray(rows.vectors, dtype=np.float32)
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True).clip(min=1e-12)
        flat = faiss.IndexFlatIP(vectors.shape[1])
        flat.add(vectors)
        limits, _, neighbours = flat.range_search(vectors, config.similarity_threshold)
        sources.append(np.repeat(np.arange(count), np.diff(limits).astype(np.int64)))
        targets.append(neighbours.astype(np.int64))
    hashed = np.array([i for i, h in enumerate(rows.phashes) if h])
    if len(hashed):
        values = np.array([int(rows.phashes[i], 16) for i in hashed], dtype=np.uint64)
        for position, value in enumerate(values):
            close = np.flatnonzero(np.bitwise_count(values ^ value) <= config.phash_distance)
            sources.append(np.full(len(close), hashed[position]))
            targets.append(hashed[close])
    edges_from, edges_to = np.concatenate(sources), np.concatenate(targets)
    graph = coo_matrix((np.ones(len(edges_from), np.int8), (edges_from, edges_to)), shape=(count, count))
    _, labels = connected_components(graph, directed=False)
    _, first, inverse = np.unique(labels, return_index=True, return_inverse=True)
    order = np.argsort(np.argsort(first))
    return order[inverse].astype(np.int64)


def dedup(source: str | Path, out: str | Path, config: DedupConfig, embeddings: str | Path | None = None,
          all_rows: bool = False) -> dict[str, Any]:
    """Write `OUT/dup_groups.parquet` (key, url, dup_group, group_size) and `OUT/dedup.json`; return the counts."""
    rows = load_rows(source, embeddings, all_rows)
    groups = group(rows, config)
    sizes = np.bincount(groups)[groups] if len(groups) else np.zeros(0, np.int64)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    table = pa.Table.from_arrays([pa.array(rows.keys, pa.string()), pa.array(rows.urls, pa.string()), pa.array(groups),
                                  pa.array(sizes, pa.int64())], schema=GROUPS_SCHEMA)
    with written_whole(str(out / "dup_groups.parquet")) as tmp:
        pq.write_table(table, tmp)
    summary = {"rows": len(rows.keys), "unique_images": int(groups.max() + 1) if len(groups) else 0,
               "grouped_by": rows.grouped_by, "similarity_threshold": config.similarity_threshold,
               "phash_distance": config.phash_distance}
    summary["near_duplicates"] = summary["rows"] - summary["unique_images"]
    write_json_whole(str(out / "dedup.json"), summary)
    return summary
