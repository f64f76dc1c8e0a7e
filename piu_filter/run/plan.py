"""Planning a run: refuse an output that overlaps an input, and pick the shards still to do.

A finished shard's done marker holds a digest of everything that determines its output: the
input's identity (path, size and modification time, or the URL), the tool version, the
profile digest, the action, the OCR and face scopes, the models and whether PII text is kept. A rerun
skips a shard only when that digest is unchanged, and redoes it (saying so) otherwise.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from pathlib import Path
from typing import Any

from piu_filter import __version__
from piu_filter.config import RunConfig
from piu_filter.errors import PiuFilterError
from piu_filter.io.layout import OutputLayout
from piu_filter.io.shards import ShardSource, dicom_files
from piu_filter.run.shard_job import ShardTask

log = logging.getLogger("piu_filter")
_URL_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")


def run_settings(config: RunConfig, description: dict[str, Any]) -> dict[str, Any]:
    """Everything besides the input that determines a shard's output."""
    return {
        "version": __version__,
        "profile_digest": description["profile_digest"],
        "action": config.action,
        "ocr_scope": config.ocr_scope,
        "face_scope": config.face_scope,
        "stages": description["stages"],
        "models": description["models"],
        "keep_pii_text": config.keep_pii_text,
        "save_embeddings": config.save_embeddings,
    }


def input_identity(source: ShardSource) -> str:
    """A local shard's resolved path, size and modification time (of each file, for a folder of DICOM files);
    any other location as given."""
    path = Path(source.url.removeprefix("file://"))
    if source.url.startswith("pipe:") or _URL_SCHEME.match(source.url) and not source.url.startswith("file://"):
        return source.url
    if path.is_dir():
        files = [(str(p.relative_to(path)), p.stat().st_size, p.stat().st_mtime_ns) for p in dicom_files(path)]
        return f"{path.resolve()}:" + hashlib.sha256(json.dumps(files).encode()).hexdigest()
    stat = path.stat()
    return f"{path.resolve()}:{stat.st_size}:{stat.st_mtime_ns}"


def shard_digest(source: ShardSource, settings: dict[str, Any]) -> str:
    payload = json.dumps({"input": input_identity(source), "settings": settings}, sort_keys=True)
    return hashlib.sha256(payload.encode()).hexdigest()


def shards_to_do(sources: list[ShardSource], layout: OutputLayout, settings: dict[str, Any],
                 overwrite: bool = False) -> list[ShardSource]:
    """The sources whose done marker is missing or was made from another input or other settings.

    A different action than the output's finished shards were made with is refused unless
    `overwrite`: the folder would otherwise mix, say, redacted and untouched shards.
    """
    done = layout.done_markers()
    if not overwrite:
        actions = {marker.get("settings", {}).get("action") for marker in done.values()}
        changed = sorted(str(action) for action in actions - {settings["action"]})
        if changed:
            raise PiuFilterError(f"{layout.root} holds shards made with --action {', '.join(changed)}; "
                                 f"use another --output, or --overwrite to redo them with --action {settings['action']}")
    todo = []
    for source in sources:
        if source.stem not in done:
            todo.append(source)
        elif done[source.stem].get("digest") != shard_digest(source, settings):
            log.info("redoing shard %s: its input or the run's settings changed", source.name)
            todo.append(source)
    return todo


def shard_tasks(sources: list[ShardSource], layout: OutputLayout, settings: dict[str, Any],
                overwrite: bool = False) -> list[ShardTask]:
    """A task for every shard still to do, carrying its done marker's content."""
    return [ShardTask(source, {"digest": shard_digest(source, settings), "settings": settings})
            for source in shards_to_do(sources, layout, settings, overwrite)]
