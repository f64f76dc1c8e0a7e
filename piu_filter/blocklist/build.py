"""Blocklists: hashes of what was dropped or redacted, safe to publish.

A blocklist folder holds `blocklist.parquet` (one row per removed image: `url_sha256`,
`image_sha256` (of the image bytes in the shard), `source_sha256` (img2dataset's hash of the
image as downloaded, where the shard's json had one), `image_phash`, `reasons`,
`entity_types`, and `url` only when asked), `url_sha256.txt` (one hash per line) and
`manifest.json`. Blocklists written before `source_sha256` existed are read as they are.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from piu_filter import __version__
from piu_filter.errors import PiuFilterError
from piu_filter.detection import fuse, scored_components, thresholds
from piu_filter.policy import PII_REASONS, reason_for
from piu_filter.io.filesystem import filesystem, join, make_folder, write_bytes_whole, write_json_whole, written_whole
from piu_filter.io.paths import expand_paths
from piu_filter.blocklist.urls import NORMALIZATION_SCHEME, url_sha256

FORMAT_VERSION = 1
BLOCKED_ACTIONS = ("drop", "redact")
_RECORD_COLUMNS = ["url", "image_sha256", "source_sha256", "image_phash", "clip_score", "image_query_score", "classifier_prob",
                   "detected", "action", "reasons", "entities", "error"]


@dataclass
class Redecision:
    """New thresholds to decide from the scores in the records, without computing anything again.

    A sample is blocked when the rule detects it, or (with `pii`) when private information was
    found in it. Components without a threshold here keep none and take no part.
    """

    rule: str = "text"
    text_threshold: float | None = None
    image_threshold: float | None = None
    classifier_threshold: float | None = None
    pii: bool = False

    def reasons(self, record: dict[str, Any]) -> list[str]:
        components = scored_components(record.get, thresholds(self.text_threshold, self.image_threshold,
                                                              self.classifier_threshold))
        reasons = ["detected"] if fuse(components, self.rule)[0] else []
        if self.pii:
            found = {reason_for(entity["source"]) for entity in record["entities"] or []}
            reasons += [reason for reason in PII_REASONS if reason in found]
        return reasons


_REQUIRED_FIELDS = [
    ("url_sha256", pa.string()),
    ("image_sha256", pa.string()),
    ("image_phash", pa.string()),
    ("reasons", pa.list_(pa.string())),
    ("entity_types", pa.list_(pa.string())),
]
_MANIFEST_KEYS = ("format_version", "url_normalization", "includes_urls", "rows")


def blocklist_schema(include_urls: bool) -> pa.Schema:
    return pa.schema(_REQUIRED_FIELDS + [("source_sha256", pa.string())] + ([("url", pa.string())] if include_urls else []))


def record_files(paths: Iterable[str | Path]) -> list[Path]:
    """Parquet record files named directly or inside folders (a run's DIR or DIR/records)."""
    def in_folder(folder: Path) -> list[Path]:
        return sorted(p for p in folder.rglob("*.parquet") if "blocklist" not in p.relative_to(folder).parts)

    return expand_paths(paths, in_folder, "record files (*.parquet)")


def blocked_rows(files: Iterable[str | Path], include_urls: bool = False, redecision: Redecision | None = None) -> list[dict[str, Any]]:
    """One row per distinct blocked (non-failed) sample of record files (local paths or fsspec URLs):
    as the run decided, or re-decided."""
    rows: dict[tuple[str | None, str | None], dict[str, Any]] = {}
    for file in files:
        fs, path = filesystem(file)
        fs.invalidate_cache(path)
        for record in pq.read_table(path, columns=_RECORD_COLUMNS, filesystem=fs).to_pylist():
            if record["error"] is not None:
                continue
            if redecision is None:
                if record["action"] not in BLOCKED_ACTIONS:
                    continue
                reasons = record["reasons"]
            else:
                reasons = redecision.reasons(record)
                if not reasons:
                    continue
            row = {
                "url_sha256": url_sha256(record["url"]) if record["url"] else None,
                "image_sha256": record["image_sha256"],
                "source_sha256": record["source_sha256"],
                "image_phash": record["image_phash"],
                "reasons": sorted(set(reasons)),
                "entity_types": sorted({entity["type"] for entity in record["entities"] or []}),
            }
            if include_urls:
                row["url"] = record["url"]
            _add(rows, row)
    return list(rows.values())


def _add(rows: dict[tuple[str | None, str | None], dict[str, Any]], row: dict[str, Any]) -> None:
    """Insert `row`, or fold it into the row of the same image: reasons and entity types are united."""
    key = (row["url_sha256"], row["image_sha256"])
    if key not in rows:
        rows[key] = dict(row)
        return
    kept = rows[key]
    kept["reasons"] = sorted(set(kept["reasons"]) | set(row["reasons"]))
    kept["entity_types"] = sorted(set(kept["entity_types"]) | set(row["entity_types"]))
    kept["image_phash"] = kept["image_phash"] or row["image_phash"]
    kept["source_sha256"] = kept.get("source_sha256") or row.get("source_sha256")
    if "url" in kept:
        kept["url"] = kept["url"] or row.get("url")


def write_blocklist(rows: list[dict[str, Any]], out_dir: str | Path, profile_digest: str | None,
                    include_urls: bool = False, sources: list[str] | None = None) -> dict[str, Any]:
    """Write the three blocklist files to a local folder or an fsspec URL, each whole; returns the manifest."""
    folder = str(out_dir)
    make_folder(folder)
    table = pa.Table.from_pylist(rows, schema=blocklist_schema(include_urls))
    with written_whole(join(folder, "blocklist.parquet")) as tmp:
        pq.write_table(table, tmp, compression="zstd")
    hashes = sorted({row["url_sha256"] for row in rows if row["url_sha256"]})
    write_bytes_whole(join(folder, "url_sha256.txt"), "".join(h + "\n" for h in hashes).encode())
    manifest = {
        "format_version": FORMAT_VERSION,
        "url_hash": "sha256",
        "url_normalization": NORMALIZATION_SCHEME,
        "image_hash": "image_sha256: sha256 of the first image member's bytes as they are in the shard",
        "source_hash": "source_sha256: img2dataset's sha256 of the image as downloaded, where the shard's json had one",
        "perceptual_hash": "imagehash.phash, 64 bits, 16 hex digits; null for near-uniform images, whose hash would match every such image",
        "rows": len(rows),
        "includes_urls": include_urls,
        "counts_by_reason": count_reasons(rows),
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "tool": "piu-filter",
        "tool_version": __version__,
        "profile_digest": profile_digest,
    }
    if sources:
        manifest["merged_from"] = sources
    write_json_whole(join(folder, "manifest.json"), manifest)
    return manifest


def count_reasons(rows: Iterable[dict[str, Any]]) -> dict[str, int]:
    return dict(sorted(Counter(reason for row in rows for reason in row["reasons"]).items()))


def read_manifest(folder: Path) -> dict[str, Any]:
    path = Path(folder) / "manifest.json"
    if not path.is_file():
        raise PiuFilterError(f"{folder} is not a blocklist folder (no manifest.json)")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise PiuFilterError(f"{path} is not JSON: {exc}") from None
    missing = [key for key in _MANIFEST_KEYS if not isinstance(manifest, dict) or key not in manifest]
    if missing:
        raise PiuFilterError(f"{path} lacks {', '.join(missing)}: not a piu-filter blocklist manifest")
    if manifest.get("format_version") != FORMAT_VERSION or manifest.get("url_normalization") != NORMALIZATION_SCHEME:
        raise PiuFilterError(f"blocklist {folder} uses format {manifest.get('format_version')} / "
                             f"{manifest.get('url_normalization')}; this tool reads {FORMAT_VERSION} / {NORMALIZATION_SCHEME}")
    return manifest


def read_blocklist(folder: Path) -> pa.Table:
    """The blocklist table of `folder`, checked: a missing, unreadable or foreign file is one clear error."""
    read_manifest(folder)
    path = Path(folder) / "blocklist.parquet"
    if not path.is_file():
        raise PiuFilterError(f"{path} is missing")
    try:
        table = pq.read_table(path)
    except (pa.ArrowException, OSError) as exc:
        raise PiuFilterError(f"{path} is not a readable parquet file: {exc}") from None
    for name, kind in _REQUIRED_FIELDS:
        if name not in table.schema.names or not table.schema.field(name).type.equals(kind):
            found = table.schema.field(name).type if name in table.schema.names else "missing"
            raise PiuFilterError(f"{path}: column {name} must be {kind}, found {found}: not a piu-filter blocklist")
    return table


def merge_blocklists(folders: list[Path], out_dir: Path) -> dict[str, Any]:
    """Union of blocklists: one row per image, reasons and entity types united (the strictest wins)."""
    rows: dict[tuple[str | None, str | None], dict[str, Any]] = {}
    include_urls = False
    digests = set()
    for folder in folders:
        manifest = read_manifest(folder)
        include_urls = include_urls or bool(manifest["includes_urls"])
        digests.add(manifest.get("profile_digest"))
        for row in read_blocklist(folder).to_pylist():
            _add(rows, row)
    merged = [{**row, "url": row.get("url")} if include_urls else {k: v for k, v in row.items() if k != "url"}
              for row in rows.values()]
    digest = digests.pop() if len(digests) == 1 else None
    return write_blocklist(merged, out_dir, digest, include_urls, sources=[str(f) for f in folders])
