"""`index build`: an autofaiss index over an embedding folder, with the map from index ids back to rows.

The index folder holds `knn.index` (faiss), `index_infos.json` (autofaiss's choice of index and search
parameters, with its own recall and speed estimates), `ids.parquet` (id -> part, row, key, url; sorted
by id, so a lookup reads only the row groups it needs) and `index.json` (the embedding folder, its parts
with their first id, the dimension and the CLIP model that made the embeddings, where known).
Ids follow autofaiss's reading order, which is `list_parts`'s.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from piu_filter.errors import PiuFilterError
from piu_filter.extras import extra_needed
from piu_filter.io.embedding_parts import (
    IMG_EMB,
    EmbeddingPart,
    MalformedPartError,
    list_parts,
    read_model,
)
from piu_filter.io.filesystem import write_json_whole, written_whole

INDEX_FORMAT = "piu-filter-index"
IDS_SCHEMA = pa.schema([("id", pa.int64()), ("part", pa.string()), ("row", pa.int64()), ("key", pa.string()),
                        ("url", pa.string())])


@dataclass(frozen=True)
class IndexFiles:
    folder: Path

    @property
    def index(self) -> Path:
        return self.folder / "knn.index"

    @property
    def infos(self) -> Path:
        return self.folder / "index_infos.json"

    @property
    def ids(self) -> Path:
        return self.folder / "ids.parquet"

    @property
    def description(self) -> Path:
        return self.folder / "index.json"


def checked_parts(root: str | Path) -> tuple[list[EmbeddingPart], list[int], int]:
    """Every part with its row count and the common dimension; a malformed part or another dimension is refused by name."""
    parts = list_parts(root)
    rows, dims = [], set()
    for part in parts:
        try:
            count, dim = part.check(), part.shape()[1]
        except MalformedPartError as exc:
            raise PiuFilterError(str(exc)) from None
        if dims and dim not in dims:
            raise PiuFilterError(f"embedding part {part.embeddings} has dimension {dim}, the parts before it {dims.pop()}")
        rows.append(count)
        dims.add(dim)
    if not sum(rows):
        raise PiuFilterError(f"{root}: the embedding parts hold no rows")
    return parts, rows, dims.pop()


def write_ids(parts: list[EmbeddingPart], rows: list[int], path: Path) -> None:
    """id -> part, row, key (`PART:ROW`), url, one part at a time."""
    with written_whole(str(path)) as tmp, pq.ParquetWriter(tmp, IDS_SCHEMA, compression="zstd") as writer:
        first = 0
        for part, count in zip(parts, rows):
            numbers = pa.array(np.arange(count, dtype=np.int64))
            meta = part.read_metadata(["url"])
            url = meta["url"].combine_chunks() if "url" in meta.column_names else pa.nulls(count, pa.string())
            writer.write_table(pa.Table.from_arrays([
                pa.array(np.arange(first, first + count, dtype=np.int64)), pa.repeat(part.name, count), numbers,
                pc.binary_join_element_wise(part.name, pc.cast(numbers, pa.string()), ":"), url.cast(pa.string()),
            ], schema=IDS_SCHEMA))
            first += count


def build(root: str | Path, out: str | Path, max_memory: str, available_memory: str, embeddings_model: str | None,
          min_neighbours: int = 100, cores: int | None = None) -> dict[str, Any]:
    """Build the index of every part of `root` into `out` with autofaiss; return its description."""
    with extra_needed():
        import faiss
        from autofaiss import build_index

    parts, rows, dim = checked_parts(root)
    files = IndexFiles(Path(out))
    files.folder.mkdir(parents=True, exist_ok=True)
    write_ids(parts, rows, files.ids)
    index, infos = build_index(
        embeddings=str(Path(root).resolve() / IMG_EMB), save_on_disk=False, index_path=str(files.index),
        index_infos_path=str(files.infos), max_index_memory_usage=max_memory, current_memory_available=available_memory,
        min_nearest_neighbors_to_retrieve=min_neighbours, metric_type="ip", nb_cores=cores or os.cpu_count(),
        verbose=logging.WARNING,
    )
    if index is None or index.ntotal != sum(rows):
        raise PiuFilterError(f"autofaiss indexed {getattr(index, 'ntotal', 0)} rows of {sum(rows)}")
    with written_whole(str(files.index)) as tmp:
        faiss.write_index(index, tmp)
    write_json_whole(str(files.infos), json.loads(json.dumps(infos, default=float)))
    starts = np.cumsum([0, *rows[:-1]])
    description = {
        "format": INDEX_FORMAT, "embeddings": str(Path(root).resolve()), "rows": int(sum(rows)), "dim": dim,
        "model": read_model(root) or ({"model": embeddings_model} if embeddings_model else None),
        "parts": [{"part": p.name, "embeddings": str(p.embeddings), "metadata": str(p.metadata), "first_id": int(s), "rows": n}
                  for p, s, n in zip(parts, starts, rows)],
    }
    write_json_whole(str(files.description), description)
    return {**description, "index_key": infos.get("index_key"), "index_param": infos.get("index_param")}
