"""Samples from other tools' rows, and the annotation columns given back to them."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

from piu_filter.io.records import entity_row
from piu_filter.sample import Sample

def image_bytes(value: Any) -> tuple[bytes, str]:
    """Encoded bytes and WebDataset extension of an image as `datasets` or Ray Data give it (PIL, dict,
    bytes, path or a decoded array, which is encoded as PNG).

    A PIL image is encoded with the metadata it carries (EXIF, XMP, comment, PNG text), so that
    the metadata is analysed and stripped like a file's.
    """
    if isinstance(value, np.ndarray):
        value = Image.fromarray(value)
    if isinstance(value, Image.Image):
        fmt = value.format or "PNG"
        buffer = io.BytesIO()
        value.save(buffer, format=fmt, **_metadata_options(value, fmt))
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


def _metadata_options(image: Image.Image, fmt: str) -> dict[str, Any]:
    """Save options that carry `image`'s metadata into its encoded bytes."""
    options: dict[str, Any] = {key: image.info[key] for key in ("exif", "xmp", "comment", "icc_profile") if image.info.get(key)}
    if fmt == "PNG":
        from PIL import PngImagePlugin

        text = PngImagePlugin.PngInfo()
        for key, value in getattr(image, "text", {}).items():
            text.add_itxt(key, value)
        options["pnginfo"] = text
    return options


def _sniff(data: bytes) -> str:
    try:
        return _extension(Image.open(io.BytesIO(data)).format or "PNG")
    except Exception:  # noqa: BLE001 - undecodable bytes still get a record
        return "jpg"


def _extension(fmt: str) -> str:
    return {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif", "BMP": "bmp", "TIFF": "tiff"}.get(fmt.upper(), "png")


def make_sample(key: str, images: list[tuple[str, Any]], caption: str | None, url: str | None,
                texts: dict[str, str] | None = None, shard: str = "hf") -> tuple[Sample, list[str]]:
    """A sample from one row: `images` as (column, value) pairs, the first one the sample's first
    image; `texts` other string columns, as text members. Returns the image member names in order."""
    members: dict[str, bytes] = {}
    names: list[str] = []
    for index, (column, value) in enumerate(images):
        data, ext = image_bytes(value)
        name = ext if index == 0 else f"{column}.{index}.{ext}"
        members[name] = data
        names.append(name)
    if caption is not None:
        members["txt"] = caption.encode("utf-8")
    for column, text in (texts or {}).items():
        if text is not None:
            members[f"{column}.txt"] = text.encode("utf-8")
    meta = {k: v for k, v in (("url", url), ("caption", caption)) if v is not None}
    if meta:
        members["json"] = json.dumps(meta).encode("utf-8")
    return Sample(key=key, shard=shard, members=members), names


def annotations(sample: Sample, keep_pii_text: bool, stages: list[str]) -> dict[str, Any]:
    """What the pipeline found, as plain values (entity text only with `keep_pii_text`), and the `stages` that ran."""
    return {
        "action": sample.action,
        "reasons": list(sample.reasons),
        "detected": sample.detected,
        "clip_score": sample.clip_score,
        "image_query_score": sample.image_query_score,
        "classifier_prob": sample.classifier_prob,
        "entities": [entity_row(e, keep_pii_text) for e in sample.entities],
        "error": sample.error,
        "faces_found": len(sample.faces) if sample.faces is not None else None,
        "stages": list(stages),
    }
