"""Planning a scan: check that the embeddings, the queries and the head belong together, and pick the parts
still to do.

A finished part's done marker holds a digest of its input (both files' path, size and modification
time) and of the settings (tool version, profile, queries, head, `--keep-captions`). A rerun skips a
part only when that digest is unchanged, and redoes it (saying so) otherwise.
"""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from piu_filter.errors import PiuFilterError
from piu_filter.io.embedding_parts import EmbeddingPart, MalformedPartError
from piu_filter.scan.layout import ScanLayout
from piu_filter.scan.queries import ScanQueries
from piu_filter.scan.task import ScanSettings, ScanTask

if TYPE_CHECKING:
    from piu_filter.models.head import ClassifierHead

log = logging.getLogger("piu_filter")


def model_name(name: str) -> str:
    """A CLIP model's name as compared: `ViT-B-32 / laion400m_e32` and `vit-b-32/laion400m_e32` are one."""
    return "".join(name.split()).lower()


def check_models(parts: list[EmbeddingPart], queries: ScanQueries, head: ClassifierHead | None,
                 declared: str | None, folder_model: dict[str, Any] | None) -> None:
    """Refuse a part of another dimension, and embeddings declared to come from a model other than the
    queries' or the head's (by `--embeddings-model`, or the folder's model.json)."""
    if head is not None and head.meta.get("embed_dim") != queries.dim:
        raise PiuFilterError(f"the classifier head takes {head.meta.get('embed_dim')}-dimensional embeddings, "
                             f"the queries' CLIP model makes {queries.dim}-dimensional ones")
    for part in parts:
        try:
            part.check(queries.dim)
        except MalformedPartError:
            continue  # its task fails with the reason, the other parts are scanned
    users = {"the classifier head": head.clip_identity if head is not None else None,
             "the queries": queries.source.get("model")}
    for who, identity in users.items():
        if identity is None:
            continue
        if folder_model is not None and folder_model.get("weights_sha256") and identity.get("weights_sha256") \
                and not _same_clip(folder_model, identity):
            raise PiuFilterError(f"the embeddings were made by CLIP {folder_model.get('model')} (model.json), "
                                 f"but {who} by {identity.get('model')}")
        if declared is not None and model_name(declared) != model_name(str(identity.get("model"))):
            raise PiuFilterError(f"--embeddings-model {declared} does not match {who}, made with CLIP {identity.get('model')}")
    if declared is None and folder_model is None:
        log.warning("the embeddings' CLIP model is not declared (no model.json): pass --embeddings-model NAME "
                    "to have it checked against the queries' and the head's")


def _same_clip(a: dict[str, Any], b: dict[str, Any]) -> bool:
    from piu_filter.models.clip import same_clip

    return same_clip(a, b)


def part_identity(part: EmbeddingPart) -> list[str]:
    """Each file's resolved path, size and modification time."""
    found = []
    for path in (part.embeddings, part.metadata):
        stat = Path(path).stat() if Path(path).exists() else None
        found.append(f"{Path(path).resolve()}:{stat.st_size}:{stat.st_mtime_ns}" if stat else f"{path}:missing")
    return found


def part_digest(part: EmbeddingPart, settings: dict[str, Any]) -> str:
    payload = json.dumps({"input": part_identity(part), "settings": settings}, sort_keys=True)
    return hashlib.sha256(payload.encode()).hexdigest()


def scan_tasks(parts: list[EmbeddingPart], layout: ScanLayout, settings: ScanSettings,
               described: dict[str, Any]) -> list[ScanTask]:
    """A task for every part whose done marker is missing or was made from another input or other settings."""
    tasks = []
    markers = layout.done_markers()
    for part in parts:
        digest = part_digest(part, described)
        marker = markers.get(part.name)
        if marker is not None and marker.get("digest") == digest:
            continue
        if marker is not None:
            log.info("redoing part %s: its input or the scan's settings changed", part.name)
        tasks.append(ScanTask(part, settings, {"digest": digest, "settings": described}))
    return tasks
