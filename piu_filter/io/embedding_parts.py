"""Embedding folders in the layout LAION and clip-retrieval publish: `img_emb/img_emb_N.npy`
(rows x dim, float16 or float32) beside `metadata/metadata_N.parquet` (url, caption, ...), row-aligned.

`run --save-embeddings` writes the same layout (`img_emb/NAME.npy`, `metadata/NAME.parquet` with
key, url and image_sha256) plus `model.json`, the identity of the CLIP model that made them.
Parts are listed in the order autofaiss reads them (sorted paths), so row `i` of the listing is
id `i` of an index built on the folder.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from piu_filter.errors import PiuFilterError
from piu_filter.io.filesystem import join, make_folder, write_json_whole, written_whole

IMG_EMB = "img_emb"
METADATA = "metadata"
MODEL_FILE = "model.json"
PART_PREFIX = "img_emb_"
METADATA_SCHEMA = pa.schema([("key", pa.string()), ("url", pa.string()), ("image_sha256", pa.string())])


class MalformedPartError(Exception):
    """A part that cannot be scanned as it is (not an array, no metadata, rows that do not line up)."""


@dataclass(frozen=True)
class EmbeddingPart:
    """One `.npy` file of a folder and its metadata table (which may be missing)."""

    name: str
    embeddings: Path
    metadata: Path

    def shape(self) -> tuple[int, int]:
        """(rows, dim) from the file's header, without reading the array."""
        try:
            with open(self.embeddings, "rb") as handle:
                version = np.lib.format.read_magic(handle)
                read_header = np.lib.format.read_array_header_1_0 if version == (1, 0) else np.lib.format.read_array_header_2_0
                shape, _, dtype = read_header(handle)
        except (OSError, ValueError, EOFError) as exc:
            raise MalformedPartError(f"part {self.embeddings}: not a readable .npy array ({exc})") from None
        if len(shape) != 2 or dtype.kind != "f":
            raise MalformedPartError(f"part {self.embeddings}: expected a 2-D float array, found shape {shape} of {dtype}")
        return int(shape[0]), int(shape[1])

    def check(self, dim: int | None = None) -> int:
        """The part's row count, after checking its shape, its metadata and (if given) its dimension."""
        rows, found = self.shape()
        if dim is not None and found != dim:
            raise PiuFilterError(f"embedding part {self.embeddings} has dimension {found}, expected {dim} "
                                 "(embeddings of another CLIP model?)")
        if not self.metadata.is_file():
            raise MalformedPartError(f"part {self.embeddings}: no metadata table {self.metadata}")
        try:
            meta_rows = pq.ParquetFile(self.metadata).metadata.num_rows
        except (OSError, pa.ArrowException) as exc:
            raise MalformedPartError(f"part {self.embeddings}: metadata {self.metadata} is not parquet ({exc})") from None
        if meta_rows != rows:
            raise MalformedPartError(f"part {self.embeddings}: {rows} embeddings but {meta_rows} metadata rows")
        return rows

    def open(self) -> np.ndarray:
        """The embeddings, memory-mapped (nothing is read until rows are used)."""
        try:
            return np.load(self.embeddings, mmap_mode="r", allow_pickle=False)
        except (OSError, ValueError) as exc:
            raise MalformedPartError(f"part {self.embeddings}: not a readable .npy array ({exc})") from None

    def read_metadata(self, columns: list[str]) -> pa.Table:
        """The named metadata columns that exist (others are left out)."""
        present = set(pq.ParquetFile(self.metadata).schema_arrow.names)
        return pq.read_table(self.metadata, columns=[c for c in columns if c in present])


def list_parts(root: str | Path) -> list[EmbeddingPart]:
    """Every part of the folder `root`, in autofaiss's order; one clear line when there are none."""
    root = Path(root)
    folder = root / IMG_EMB
    if not folder.is_dir():
        raise PiuFilterError(f"{root}: no {IMG_EMB}/ folder; expected {IMG_EMB}/img_emb_N.npy beside "
                             f"{METADATA}/metadata_N.parquet (the LAION / clip-retrieval layout)")
    files = sorted((p.resolve() for p in folder.rglob("*.npy")), key=str)
    if not files:
        raise PiuFilterError(f"{folder}: no .npy embedding parts")
    parts = []
    for path in files:
        name = path.stem.removeprefix(PART_PREFIX)
        laion = root / METADATA / f"metadata_{name}.parquet"
        parts.append(EmbeddingPart(name, path, laion if laion.is_file() else root / METADATA / f"{name}.parquet"))
    names = [part.name for part in parts]
    if len(set(names)) != len(names):
        raise PiuFilterError(f"{folder}: two parts share a name; part names must be unique")
    return parts


def read_model(root: str | Path) -> dict[str, Any] | None:
    """The identity of the CLIP model that made the folder's embeddings, where the folder records it."""
    path = Path(root) / MODEL_FILE
    return json.loads(path.read_text()) if path.is_file() else None


class EmbeddingPartWriter:
    """Collects one shard's image embeddings and writes them as one part under `root` (a local folder
    or an fsspec URL), metadata first, array last, each file appearing whole."""

    def __init__(self, root: str, name: str) -> None:
        self.root = root
        self.name = name
        self.rows: list[dict[str, Any]] = []
        self.vectors: list[np.ndarray] = []

    def add(self, key: str, url: str | None, image_sha256: str | None, embedding: np.ndarray | None) -> None:
        """One sample; a sample without an embedding (a failed one) has no row."""
        if embedding is not None:
            self.rows.append({"key": key, "url": url, "image_sha256": image_sha256})
            self.vectors.append(np.asarray(embedding, dtype=np.float16))

    def close(self, model: dict[str, Any] | None) -> None:
        """Write the part (as float16, the published layout's type) and the model's identity.
        A shard without a single embedding leaves no part."""
        if self.vectors:
            for folder in (IMG_EMB, METADATA):
                make_folder(join(self.root, folder))
            with written_whole(join(self.root, METADATA, f"{self.name}.parquet")) as metadata:
                pq.write_table(pa.Table.from_pylist(self.rows, schema=METADATA_SCHEMA), metadata)
            with written_whole(join(self.root, IMG_EMB, f"{self.name}.npy")) as array, open(array, "wb") as handle:
                np.save(handle, np.stack(self.vectors))
        if model is not None:
            write_json_whole(join(self.root, MODEL_FILE), model)
