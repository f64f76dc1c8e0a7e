"""One image-text pair in WebDataset convention, with the annotations stages add to it."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
from PIL import Image

IMAGE_EXTENSIONS = ("jpg", "jpeg", "png", "webp", "gif", "bmp", "tif", "tiff")

Action = Literal["keep", "redact", "drop"]


@dataclass
class Entity:
    """A piece of private information found in a sample.

    `text` holds the raw string only while the sample is processed; records drop it unless the
    user asks to keep PII text.
    """

    type: str
    source: Literal["image", "caption"]
    score: float
    box: tuple[int, int, int, int] | None = None
    start: int | None = None
    end: int | None = None
    text: str | None = None


@dataclass
class Sample:
    """A sample's raw files (`members`, extension -> bytes) plus typed annotations.

    `prepared` holds model inputs a stage made ahead of time (by stage name), until it uses them.
    `ocr_text` is the corrected OCR text with its word boxes; `caption_findings` the analyzer's
    results on the caption (`txt`) and on the caption inside the metadata (`json`).
    """

    key: str
    shard: str
    members: dict[str, bytes]
    image: Image.Image | None = None
    original_size: tuple[int, int] | None = None
    image_sha256: str | None = None
    image_phash: str | None = None
    embedding: np.ndarray | None = None
    prepared: dict[str, Any] = field(default_factory=dict)
    ocr_text: Any = None
    caption_findings: dict[str, list] = field(default_factory=dict)
    clip_score: float | None = None
    clip_similarity: float | None = None
    image_query_score: float | None = None
    classifier_prob: float | None = None
    detected: bool = False
    candidate: bool = False
    ocr_ran: bool = False
    entities: list[Entity] = field(default_factory=list)
    action: Action = "keep"
    reasons: list[str] = field(default_factory=list)
    error: str | None = None

    @property
    def image_extension(self) -> str | None:
        """The member holding the image, by WebDataset extension."""
        return next((ext for ext in IMAGE_EXTENSIONS if ext in self.members), None)

    @property
    def image_bytes(self) -> bytes | None:
        ext = self.image_extension
        return self.members[ext] if ext else None

    @property
    def caption(self) -> str | None:
        data = self.members.get("txt")
        return data.decode("utf-8", errors="replace") if data is not None else None

    @property
    def metadata(self) -> dict[str, Any]:
        """The parsed `json` member; empty when missing or not a JSON object."""
        data = self.members.get("json")
        if data is None:
            return {}
        try:
            parsed = json.loads(data)
        except ValueError:
            return {}
        return parsed if isinstance(parsed, dict) else {}

    @property
    def metadata_caption(self) -> str | None:
        caption = self.metadata.get("caption")
        return caption if isinstance(caption, str) else None

    @property
    def url(self) -> str | None:
        url = self.metadata.get("url")
        return url if isinstance(url, str) else None

    @property
    def ok(self) -> bool:
        return self.error is None

    def fail(self, stage: str, message: str) -> None:
        """Mark the sample as failed; it gets a record and is not written to output shards."""
        self.error = f"{stage}: {message}"
        self.action = "drop"
        self.image = None
        self.embedding = None
        self.prepared.clear()
        self.ocr_text = None
