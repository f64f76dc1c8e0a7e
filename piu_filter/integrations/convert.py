"""Samples from other tools' rows, and the annotation columns given back to them."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path
from typing import Any

import torch
from PIL import Image

from piu_filter.config import RunConfig
from piu_filter.pipeline import Pipeline
from piu_filter.sample import Sample

_PIPELINES: dict[tuple[int, str], Pipeline] = {}
_forked = False


def _after_fork_in_child() -> None:
    global _forked
    _forked = True


os.register_at_fork(after_in_child=_after_fork_in_child)


def pipeline_for(config: RunConfig) -> Pipeline:
    """One pipeline per configuration per process: models load once, also under `num_proc`.

    A forked process (as `datasets` forks for `num_proc`) builds its own pipeline and keeps
    torch to one thread: a thread pool the parent used does not survive a fork, and entering
    it would hang.
    """
    key = (os.getpid(), json.dumps(config.__dict__, sort_keys=True, default=str))
    if key not in _PIPELINES:
        if _forked:
            torch.set_num_threads(1)
        _PIPELINES[key] = Pipeline.from_config(config)
    return _PIPELINES[key]


def image_bytes(value: Any) -> tuple[bytes, str]:
    """Encoded bytes and WebDataset extension of an image as `datasets` gives it (PIL, dict, bytes or path)."""
    if isinstance(value, Image.Image):
        fmt = value.format or "PNG"
        buffer = io.BytesIO()
        value.save(buffer, format=fmt)
        return buffer.getvalue(), _extension(fmt)
    if isinstance(value, dict):
        if value.get("bytes") is not None:
            return value["bytes"], _sniff(value["bytes"])
        value = value.get("path")
    if isinstance(value, (bytes, bytearray)):
        return bytes(value), _sniff(bytes(value))
    if isinstance(value, str) and Path(value).is_file():
        return Path(value).read_bytes(), Path(value).suffix.lstrip(".").lower() or "jpg"
    return b"", "jpg"


def _sniff(data: bytes) -> str:
    try:
        return _extension(Image.open(io.BytesIO(data)).format or "PNG")
    except Exception:  # noqa: BLE001 - undecodable bytes still get a record
        return "jpg"


def _extension(fmt: str) -> str:
    return {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif", "BMP": "bmp", "TIFF": "tiff"}.get(fmt.upper(), "png")


def make_sample(key: str, image: Any, caption: str | None, url: str | None, shard: str = "hf") -> Sample:
    data, ext = image_bytes(image)
    members: dict[str, bytes] = {ext: data}
    if caption is not None:
        members["txt"] = caption.encode("utf-8")
    meta = {k: v for k, v in (("url", url), ("caption", caption)) if v is not None}
    if meta:
        members["json"] = json.dumps(meta).encode("utf-8")
    return Sample(key=key, shard=shard, members=members)


def annotations(sample: Sample, keep_pii_text: bool) -> dict[str, Any]:
    """What the pipeline found, as plain values (entity text only with `keep_pii_text`)."""
    return {
        "action": sample.action,
        "reasons": list(sample.reasons),
        "detected": sample.detected,
        "clip_score": sample.clip_score,
        "image_query_score": sample.image_query_score,
        "classifier_prob": sample.classifier_prob,
        "entities": [
            {"type": e.type, "source": e.source, "score": e.score, "box": list(e.box) if e.box else None,
             "start": e.start, "end": e.end, "text": e.text if keep_pii_text else None}
            for e in sample.entities
        ],
        "error": sample.error,
    }
