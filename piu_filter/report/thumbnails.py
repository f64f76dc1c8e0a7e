"""Small thumbnails of redacted output images (only those: never an input image, never a kept or dropped one)."""

from __future__ import annotations

import base64
import io
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from piu_filter.io.shards import ShardReadReport, ShardSource, read_samples

THUMBNAIL_SIDE = 128


def redacted_thumbnails(shards: Path, redacted: dict[str, set[str]], limit: int) -> list[str]:
    """Data URIs of up to `limit` JPEG thumbnails of the first image of redacted samples, read from the
    output shards (`redacted`: shard name -> keys). Re-encoding leaves every metadata block behind."""
    found: list[str] = []
    for shard in sorted(redacted):
        path = shards / shard
        if len(found) >= limit or not path.is_file():
            continue
        for sample in read_samples(ShardSource(shard, str(path)), ShardReadReport()):
            if sample.key in redacted[shard] and sample.image_bytes is not None:
                uri = thumbnail(sample.image_bytes)
                if uri is not None:
                    found.append(uri)
                if len(found) >= limit:
                    break
    return found


def thumbnail(data: bytes) -> str | None:
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.draft("RGB", (THUMBNAIL_SIDE, THUMBNAIL_SIDE))
            small = image.convert("RGB")
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        return None
    small.thumbnail((THUMBNAIL_SIDE, THUMBNAIL_SIDE))
    buffer = io.BytesIO()
    small.save(buffer, format="JPEG", quality=70)
    return "data:image/jpeg;base64," + base64.b64encode(buffer.getvalue()).decode()
