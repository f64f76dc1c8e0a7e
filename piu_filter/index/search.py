"""Searching an index: text and image queries through CLIP, and expansion from confirmed positives.

Expansion takes the embeddings of records with `detected` (their `PART:ROW` keys, read back from the
indexed folder) as queries: their nearest neighbours are the re-hosted copies, crops and
near-duplicates that the text and image queries missed. Each hit carries the query, its
similarity, the url and where the row lives (part, row, `PART:ROW` key).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from piu_filter.errors import PiuFilterError
from piu_filter.extras import extra_needed
from piu_filter.index.build import INDEX_FORMAT, IndexFiles
from piu_filter.index.rows import PartRows

HITS_SCHEMA = pa.schema([("query_kind", pa.string()), ("query", pa.string()), ("rank", pa.int32()),
                         ("similarity", pa.float32()), ("id", pa.int64()), ("part", pa.string()), ("row", pa.int64()),
                         ("key", pa.string()), ("url", pa.string())])


@dataclass(frozen=True)
class Query:
    """One query vector and what it came from: `text`, `image` (a file name) or `expand` (a record's key)."""

    kind: str
    label: str
    vector: np.ndarray
    exclude: int | None = None  # the query row's own id, left out of its hits


class SearchIndex:
    """A built index with its description, its id map and its search parameters set."""

    def __init__(self, folder: str | Path) -> None:
        with extra_needed():
            import faiss

        self.files = IndexFiles(Path(folder))
        if not self.files.description.is_file() or not self.files.index.is_file():
            raise PiuFilterError(f"{folder}: not a piu-filter index (no index.json / knn.index); build one with "
                                 "`piu-filter index build EMB_ROOT --out INDEX`")
        self.description: dict[str, Any] = json.loads(self.files.description.read_text())
        if self.description.get("format") != INDEX_FORMAT:
            raise PiuFilterError(f"{folder}: index.json is not a {INDEX_FORMAT} description")
        self.index = faiss.read_index(str(self.files.index))
        self.param = json.loads(self.files.infos.read_text()).get("index_param") if self.files.infos.is_file() else None
        self.rows = PartRows.from_description(self.description)

    @property
    def dim(self) -> int:
        return int(self.description["dim"])

    def set_depth(self, k: int) -> None:
        """autofaiss's search parameters, with an HNSW search list no shorter than `k`."""
        import faiss

        space = faiss.ParameterSpace()
        if self.param:
            space.set_index_parameters(self.index, self.param)
        if "efSearch" in (self.param or ""):
            current = int(dict(p.split("=") for p in self.param.split(","))["efSearch"])
            space.set_index_parameters(self.index, f"efSearch={max(current, k)}")

    def search(self, queries: Sequence[Query], k: int, min_similarity: float | None = None) -> pa.Table:
        """The k nearest rows of each query (its own row left out), as a hits table."""
        if not queries:
            return HITS_SCHEMA.empty_table()
        vectors = np.stack([q.vector for q in queries]).astype(np.float32)
        if vectors.shape[1] != self.dim:
            raise PiuFilterError(f"the queries have dimension {vectors.shape[1]}, the index {self.dim}: "
                                 "use the CLIP model that made the indexed embeddings")
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True).clip(min=1e-12)
        self.set_depth(k + 1)
        similarities, ids = self.index.search(vectors, k + 1)
        rows = []
        for query, sims, found in zip(queries, similarities, ids):
            kept = [(s, i) for s, i in zip(sims, found) if i >= 0 and i != query.exclude][:k]
            rows += [{"query_kind": query.kind, "query": query.label, "rank": rank, "similarity": float(s), "id": int(i)}
                     for rank, (s, i) in enumerate(kept) if min_similarity is None or s >= min_similarity]
        return self.locate(rows)

    def locate(self, hits: list[dict[str, Any]]) -> pa.Table:
        """The hits with part, row, key and url from the id map (only the row groups holding them are read)."""
        if not hits:
            return HITS_SCHEMA.empty_table()
        wanted = sorted({hit["id"] for hit in hits})
        found = pq.read_table(self.files.ids, filters=[("id", "in", wanted)]).to_pylist()
        where = {row["id"]: row for row in found}
        rows = [{**hit, **{k: where[hit["id"]][k] for k in ("part", "row", "key", "url")}} for hit in hits]
        return pa.Table.from_pylist(rows, schema=HITS_SCHEMA)


def expansion_queries(index: SearchIndex, records: pa.Table) -> list[Query]:
    """A query for each record with `detected`, from its row's embedding in the indexed folder (records of a
    scan of that folder, or of the run that saved it)."""
    detected = records.filter(records["detected"]) if "detected" in records.column_names else records
    keys = detected["key"].to_pylist()
    located = index.rows.locate(keys, detected["shard"].to_pylist() if "shard" in detected.column_names else None)
    vectors = index.rows.vectors(located)
    return [Query("expand", key, vector, exclude=index.rows.first_id(part) + row)
            for key, (part, row), vector in zip(keys, located, vectors)]


def search_to_file(index: SearchIndex, out: str | Path, k: int, min_similarity: float | None,
                   queries: list[Query], expand: str | Path | None = None) -> pa.Table:
    """Search `queries` (and the detected records of `expand`) and write the hits to `out`."""
    from piu_filter.index.rows import read_records
    from piu_filter.io.filesystem import written_whole

    if k < 1:
        raise PiuFilterError(f"--k must be at least 1, not {k}")
    every = list(queries)
    if expand is not None:
        every += expansion_queries(index, read_records(Path(expand)))
    if not every:
        raise PiuFilterError("nothing to search: give --text, --image or --expand RECORDS (with detected rows)")
    hits = index.search(every, k, min_similarity)
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    with written_whole(str(Path(out).resolve())) as tmp:
        pq.write_table(hits, tmp)
    return hits
