"""Blocklists: hashes of what was dropped or redacted, safe to publish.

A blocklist folder holds `blocklist.parquet` (one row per removed image), `url_sha256.txt`
(one hash per line) and `manifest.json`. URLs appear only as SHA-256 of the normalised URL,
unless the builder asks for them.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from piu_filter import __version__
from piu_filter.io.layout import write_json_atomic
from piu_filter.urls import NORMALIZATION_SCHEME, url_sha256

FORMAT_VERSION = 1
BLOCKED_ACTIONS = ("drop", "redact")
_RECORD_COLUMNS = ["url", "image_sha256", "image_phash", "action", "reasons", "entities", "error"]


def blocklist_schema(include_urls: bool) -> pa.Schema:
    fields = [
        ("url_sha256", pa.string()),
        ("image_sha256", pa.string()),
        ("image_phash", pa.string()),
        ("reasons", pa.list_(pa.string())),
        ("entity_types", pa.list_(pa.string())),
    ]
    return pa.schema(fields + ([("url", pa.string())] if include_urls else []))


def blocked_rows(record_files: Iterable[Path], include_urls: bool = False) -> list[dict[str, Any]]:
    """One row per distinct dropped or redacted (non-failed) sample in the records."""
    rows: dict[tuple[str | None, str | None], dict[str, Any]] = {}
    for path in record_files:
        table = pq.read_table(path, columns=_RECORD_COLUMNS)
        for record in table.filter(pc.is_in(table["action"], pa.array(BLOCKED_ACTIONS))).to_pylist():
            if record["error"] is not None:
                continue
            row = {
                "url_sha256": url_sha256(record["url"]) if record["url"] else None,
                "image_sha256": record["image_sha256"],
                "image_phash": record["image_phash"],
                "reasons": sorted(set(record["reasons"])),
                "entity_types": sorted({entity["type"] for entity in record["entities"] or []}),
            }
            if include_urls:
                row["url"] = record["url"]
            rows.setdefault((row["url_sha256"], row["image_sha256"]), row)
    return list(rows.values())


def write_blocklist(rows: list[dict[str, Any]], out_dir: Path, profile_digest: str | None,
                    include_urls: bool = False) -> dict[str, Any]:
    """Write the three blocklist files; returns the manifest."""
    out_dir.mkdir(parents=True, exist_ok=True)
    table = pa.Table.from_pylist(rows, schema=blocklist_schema(include_urls))
    pq.write_table(table, out_dir / "blocklist.parquet.tmp", compression="zstd")
    (out_dir / "blocklist.parquet.tmp").replace(out_dir / "blocklist.parquet")
    hashes = sorted({row["url_sha256"] for row in rows if row["url_sha256"]})
    (out_dir / "url_sha256.txt").write_text("".join(h + "\n" for h in hashes))
    manifest = {
        "format_version": FORMAT_VERSION,
        "url_hash": "sha256",
        "url_normalization": NORMALIZATION_SCHEME,
        "image_hash": "sha256 of the image bytes as downloaded",
        "perceptual_hash": "imagehash.phash, 64 bits, 16 hex digits",
        "rows": len(rows),
        "includes_urls": include_urls,
        "counts_by_reason": dict(sorted(Counter(r for row in rows for r in row["reasons"]).items())),
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "tool": "piu-filter",
        "tool_version": __version__,
        "profile_digest": profile_digest,
    }
    write_json_atomic(out_dir / "manifest.json", manifest)
    return manifest


def read_manifest(folder: Path) -> dict[str, Any]:
    return json.loads((folder / "manifest.json").read_text())
