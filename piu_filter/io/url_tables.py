"""URL tables as blocklists meet them: parquet, CSV, JSONL and plain URL lists, read in chunks and
written back with every kept row exactly as it was.

Parquet is streamed in Arrow record batches and written with its own schema. CSV, JSONL and
`.txt` lists (img2dataset's input formats) are streamed record by record as raw bytes: only the
URL is parsed out, and a kept record is written byte for byte, so no value is retyped
(`000000012` stays `000000012`, big integers stay integers). Folders are searched recursively
for these formats; other files (img2dataset's `_stats.json` sidecars, tars) are left out.
"""

from __future__ import annotations

import csv
import itertools
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from piu_filter.errors import PiuFilterError

FOLDER_FORMATS = {".parquet": "parquet", ".csv": "csv", ".jsonl": "jsonl", ".txt": "txt"}
FILE_FORMATS = {**FOLDER_FORMATS, ".json": "jsonl"}


@dataclass(frozen=True)
class UrlTable:
    """A table file, its format, and its path relative to the folder it was found in (its output name)."""

    path: Path
    relative: Path
    fmt: str


def url_tables(inputs: list[str]) -> list[UrlTable]:
    """The tables named directly or found in named folders; output names keep the sub-folders."""
    tables: list[UrlTable] = []
    for item in map(Path, inputs):
        if item.is_dir():
            found = sorted(p for p in item.rglob("*") if p.is_file() and p.suffix.lower() in FOLDER_FORMATS)
            if not found:
                raise PiuFilterError(f"URL tables: folder {item} holds no .parquet, .csv, .jsonl or .txt files")
            tables += [UrlTable(p, p.relative_to(item), FOLDER_FORMATS[p.suffix.lower()]) for p in found]
        elif item.is_file():
            if item.suffix.lower() not in FILE_FORMATS:
                raise PiuFilterError(f"{item}: URL tables must be .parquet, .csv, .jsonl or .txt")
            tables.append(UrlTable(item, Path(item.name), FILE_FORMATS[item.suffix.lower()]))
        else:
            raise PiuFilterError(f"URL tables: {item} not found")
    names = [table.relative for table in tables]
    if len(set(names)) < len(names):
        raise PiuFilterError("two URL tables would be written to the same output name; pass their common folder instead")
    return tables


@dataclass
class Chunk:
    """Rows of a table (an Arrow batch, or raw records) with the URL of each (None where there is none)."""

    rows: pa.RecordBatch | list[bytes]
    urls: list[str | None]

    def without(self, positions: list[int]) -> pa.RecordBatch | list[bytes]:
        if not positions:
            return self.rows
        drop = set(positions)
        if isinstance(self.rows, list):
            return [row for i, row in enumerate(self.rows) if i not in drop]
        return self.rows.filter(pa.array([i not in drop for i in range(self.rows.num_rows)]))


def read_chunks(table: UrlTable, url_col: str, rows: int) -> tuple[bytes | pa.Schema, Iterator[Chunk]]:
    """(what the output starts with: the parquet schema or the raw header bytes, the chunks)."""
    if table.fmt == "parquet":
        return _parquet(table.path, url_col, rows)
    stream = table.path.open("rb")
    if table.fmt == "csv":
        header = _csv_record(stream)
        names = next(csv.reader([_text(header, table.path, 1)])) if header else []
        if url_col not in names:
            raise PiuFilterError(f"{table.path}: no column {url_col!r} (columns: {', '.join(names)})")
        index = names.index(url_col)
        return header, _raw_chunks(table.path, stream, rows, lambda text: _csv_url(text, index), _csv_record, first=2)
    if table.fmt == "jsonl":
        return b"", _raw_chunks(table.path, stream, rows, lambda text: _json_url(text, url_col), _line)
    return b"", _raw_chunks(table.path, stream, rows, lambda text: text.strip() or None, _line)


def _parquet(path: Path, url_col: str, rows: int) -> tuple[pa.Schema, Iterator[Chunk]]:
    import pyarrow.dataset as ds  # here: it loads pandas, which text tables do not need

    try:
        dataset = ds.dataset(path, format="parquet")
    except (pa.ArrowException, OSError) as exc:
        raise PiuFilterError(f"{path} is not a readable parquet file: {exc}") from None
    schema = dataset.schema
    if url_col not in schema.names:
        raise PiuFilterError(f"{path}: no column {url_col!r} (columns: {', '.join(schema.names)})")
    if not (pa.types.is_string(schema.field(url_col).type) or pa.types.is_large_string(schema.field(url_col).type)):
        raise PiuFilterError(f"{path}: column {url_col!r} holds {schema.field(url_col).type}, not text URLs")
    batches = dataset.to_batches(batch_size=rows, batch_readahead=2, fragment_readahead=1)
    return schema, (Chunk(batch, batch.column(url_col).to_pylist()) for batch in batches)


def _raw_chunks(path: Path, stream, rows: int, url_of, next_record, first: int = 1) -> Iterator[Chunk]:
    """Records (numbered from `first`) in chunks of `rows`, each with the URL `url_of` finds in its text."""
    with stream:
        records, urls = [], []
        for number in itertools.count(first):
            record = next_record(stream)
            if not record:
                break
            records.append(record)
            try:
                urls.append(url_of(_text(record, path, number)) if record.strip() else None)
            except ValueError as exc:
                raise PiuFilterError(f"{path}: record {number} {exc}") from None
            if len(records) >= rows:
                yield Chunk(records, urls)
                records, urls = [], []
        if records:
            yield Chunk(records, urls)


def _line(stream) -> bytes:
    return stream.readline()


def _csv_record(stream) -> bytes:
    """One CSV record as raw bytes: lines joined while a quoted field is open."""
    record = stream.readline()
    while record and record.count(b'"') % 2:
        line = stream.readline()
        if not line:
            break
        record += line
    return record


def _csv_url(text: str, index: int) -> str | None:
    fields = next(csv.reader([text]), [])
    return fields[index] if index < len(fields) and fields[index] else None


def _json_url(text: str, url_col: str) -> str | None:
    try:
        row = json.loads(text)
    except ValueError:
        raise ValueError("is not JSON") from None
    if not isinstance(row, dict):
        raise ValueError("is not a JSON object")
    url = row.get(url_col)
    if url is not None and not isinstance(url, str):
        raise ValueError(f"holds {type(url).__name__} {json.dumps(url)[:40]} in {url_col!r}, not a text URL "
                         "(a column of mixed types is refused: fix the table or name another --url-col)")
    return url


def _text(record: bytes, path: Path, number: int) -> str:
    try:
        return record.decode("utf-8-sig" if number == 1 else "utf-8")
    except UnicodeDecodeError:
        raise PiuFilterError(f"{path}: record {number} is not UTF-8 text") from None


class TableWriter:
    """Writes a table's kept rows to `path`, renamed into place when complete."""

    def __init__(self, path: Path, head: bytes | pa.Schema) -> None:
        self.path, self.head = path, head
        self.tmp = path.with_name(path.name + ".tmp")

    def __enter__(self) -> "TableWriter":
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(self.head, pa.Schema):
            self.writer = pq.ParquetWriter(self.tmp, self.head, compression="zstd")
        else:
            self.writer = self.tmp.open("wb")
            self.writer.write(self.head)
        return self

    def write(self, rows: pa.RecordBatch | list[bytes]) -> None:
        if isinstance(rows, list):
            self.writer.writelines(rows)
        else:
            self.writer.write_batch(rows)

    def __exit__(self, exc_type, exc, tb) -> None:
        self.writer.close()
        if exc_type is None:
            self.tmp.replace(self.path)
        else:
            self.tmp.unlink(missing_ok=True)
