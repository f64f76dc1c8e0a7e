"""Finding and reading what `run` and `scan` left in an output folder, whatever columns its records have."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from piu_filter.errors import PiuFilterError

# Record columns the report reads; records of `scan` hold those that apply, plus `dup_group` from `dedup`.
COLUMNS = ("key", "shard", "image_sha256", "image_phash", "dup_group", "clip_score", "image_query_score",
           "classifier_prob", "detected", "candidate", "ocr_ran", "entities", "action", "reasons", "error",
           "members_removed", "faces_found")
# dup_group only where `dedup` ran (unique images fall back to pHash groups); members_removed and faces_found in
# newer runs only
OPTIONAL_COLUMNS = {"dup_group", "members_removed", "faces_found"}
DUP_GROUPS = "dup_groups.parquet"  # what `dedup --out DIR` writes: key, url, dup_group, group_size
BATCH_ROWS = 65_536


@dataclass
class OutputFolder:
    """One output folder of `run` or `scan`: its record files, stats, done markers and embeddings."""

    root: Path
    record_files: list[Path]
    stats: dict[str, Any] | None
    done: dict[str, dict[str, Any]] = field(default_factory=dict)
    embeddings: list[tuple[Path, Path]] = field(default_factory=list)

    @property
    def shards(self) -> Path:
        return self.root / "shards"


def open_output(path: str | Path) -> OutputFolder:
    """The output folder at `path`, or one message saying why it is not one."""
    root = Path(path)
    if not root.is_dir():
        raise PiuFilterError(f"{root}: no such folder (give the --output folder of piu-filter run or scan)")
    records = root / "records"
    files = sorted(records.glob("*.parquet")) if records.is_dir() else []
    if not files:
        raise PiuFilterError(f"{root}: no records/*.parquet in it; is it the output folder of piu-filter run or scan?")
    return OutputFolder(root, files, _read_json(root / "stats.json"), _done_markers(root / "done"), _embedding_files(root))


def _read_json(path: Path) -> dict[str, Any] | None:
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text())
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise PiuFilterError(f"{path} is not JSON; rerun the command that wrote it") from None
    if not isinstance(data, dict):
        raise PiuFilterError(f"{path} holds no JSON object")
    return data


def _done_markers(folder: Path) -> dict[str, dict[str, Any]]:
    return {path.stem: _read_json(path) or {} for path in sorted(folder.glob("*.json"))} if folder.is_dir() else {}


def _embedding_files(root: Path) -> list[tuple[Path, Path]]:
    """(`embeddings/img_emb/NAME.npy`, `embeddings/metadata/NAME.parquet`) pairs, the layout of saved embeddings."""
    arrays = sorted((root / "embeddings" / "img_emb").glob("*.npy"))
    pairs = [(array, root / "embeddings" / "metadata" / f"{array.stem}.parquet") for array in arrays]
    missing = [str(meta) for _, meta in pairs if not meta.is_file()]
    if missing:
        raise PiuFilterError(f"embeddings without their metadata (key, url, image_sha256): {', '.join(missing)}")
    return pairs


def record_batches(path: Path) -> Iterator[dict[str, list[Any]]]:
    """The report's columns of one record file, batch by batch; a column the file lacks is all None
    (`shard`: the file's name). Entities come as two lists per row, `entity_types` and `entity_sources`:
    their text is never read."""
    parquet = _open(path)
    present = [name for name in COLUMNS if name in parquet.schema_arrow.names]
    try:
        for batch in parquet.iter_batches(batch_size=BATCH_ROWS, columns=present):
            rows = batch.num_rows
            columns: dict[str, list[Any]] = {name: [None] * rows for name in COLUMNS if name != "entities"}
            columns["entity_types"] = columns["entity_sources"] = [[] for _ in range(rows)]
            if "shard" not in present:
                columns["shard"] = [path.stem] * rows
            for name in present:
                if name == "entities":
                    columns["entity_types"], columns["entity_sources"] = _entity_fields(batch.column(name))
                else:
                    columns[name] = batch.column(name).to_pylist()
            yield columns
    except (pa.ArrowInvalid, OSError) as exc:
        raise PiuFilterError(f"{path} cannot be read to its end: {exc}") from None


def missing_columns(path: Path) -> set[str]:
    """The report's columns, but the optional ones, that the record file at `path` lacks."""
    return set(COLUMNS) - OPTIONAL_COLUMNS - set(_open(path).schema_arrow.names)


def dup_groups(paths: list[Path]) -> dict[str, tuple[int, int]]:
    """Key -> (which file, its `dup_group`) from `dedup` outputs (folders holding dup_groups.parquet, or the files)."""
    groups: dict[str, tuple[int, int]] = {}
    for index, path in enumerate(paths):
        table_path = path / DUP_GROUPS if path.is_dir() else path
        if not table_path.is_file():
            raise PiuFilterError(f"{path}: no {DUP_GROUPS} (give the --out folder of piu-filter dedup)")
        names = _open(table_path).schema_arrow.names
        if not {"key", "dup_group"} <= set(names):
            raise PiuFilterError(f"{table_path} has no key and dup_group columns; is it piu-filter dedup's output?")
        table = pq.read_table(table_path, columns=["key", "dup_group"])
        groups.update((key, (index, group)) for key, group in zip(table.column("key").to_pylist(),
                                                                   table.column("dup_group").to_pylist()))
    return groups


def _open(path: Path) -> pq.ParquetFile:
    try:
        return pq.ParquetFile(path)
    except (pa.ArrowInvalid, OSError) as exc:
        raise PiuFilterError(f"{path} is not a readable parquet file: {exc}") from None


def _entity_fields(entities: pa.Array) -> tuple[list[list[str]], list[list[str]]]:
    """Per row, the types and sources of its entities, read from the struct without its text field."""
    entities = entities.fill_null(pa.scalar([], entities.type))
    flat = pc.list_flatten(entities)
    types = pc.struct_field(flat, "type").to_pylist()
    sources = pc.struct_field(flat, "source").to_pylist()
    offsets = pc.list_value_length(entities).to_numpy(zero_copy_only=False).cumsum()
    starts = [0, *offsets[:-1].tolist()]
    return ([types[a:b] for a, b in zip(starts, offsets.tolist())],
            [sources[a:b] for a, b in zip(starts, offsets.tolist())])
