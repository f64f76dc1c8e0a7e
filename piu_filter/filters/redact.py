"""Redaction: fill the word boxes of image entities, anonymise the captions, keep format and size."""

from __future__ import annotations

import io
import json

import numpy as np
from PIL import Image, ImageDraw

from piu_filter.io.images import decode_image
from piu_filter.profile import RedactConfig
from piu_filter.sample import Sample

_SAVE_OPTIONS = {"JPEG": {"subsampling": 0}, "WEBP": {"method": 4}, "PNG": {"optimize": False}}


class Redactor:
    """Applies the policy's `redact` decision to a sample's members."""

    def __init__(self, config: RedactConfig, max_pixels: int) -> None:
        from presidio_anonymizer import AnonymizerEngine

        self.config = config
        self.max_pixels = max_pixels
        self.anonymizer = AnonymizerEngine()

    def apply(self, sample: Sample) -> None:
        boxes = [entity.box for entity in sample.entities if entity.source == "image" and entity.box is not None]
        if boxes:
            ext = sample.image_extension
            sample.members[ext] = self.redact_image(sample.members[ext], boxes)
        if sample.caption_findings.get("txt") and sample.caption is not None:
            sample.members["txt"] = self.anonymise(sample.caption, sample.caption_findings["txt"]).encode("utf-8")
        if sample.caption_findings.get("json") and sample.metadata_caption is not None:
            metadata = sample.metadata
            metadata["caption"] = self.anonymise(metadata["caption"], sample.caption_findings["json"])
            sample.members["json"] = json.dumps(metadata, ensure_ascii=False).encode("utf-8")

    def anonymise(self, text: str, findings: list) -> str:
        """Each entity replaced by `<TYPE>`."""
        return self.anonymizer.anonymize(text=text, analyzer_results=findings).text

    def redact_image(self, data: bytes, boxes: list[tuple[int, int, int, int]]) -> bytes:
        """Fill each box (padded) with a solid colour; re-encode in the original format at the original size."""
        image, _ = decode_image(data, self.max_pixels)
        fmt = Image.open(io.BytesIO(data)).format or "PNG"
        pixels = np.asarray(image)
        draw = ImageDraw.Draw(image)
        for box in boxes:
            padded = self._pad(box, image.size)
            draw.rectangle(padded, fill=self._fill(pixels, padded))
        out = io.BytesIO()
        options = dict(_SAVE_OPTIONS.get(fmt, {}))
        if fmt in ("JPEG", "WEBP"):
            options["quality"] = self.config.jpeg_quality
        image.save(out, format=fmt, **options)
        return out.getvalue()

    def _pad(self, box: tuple[int, int, int, int], size: tuple[int, int]) -> tuple[int, int, int, int]:
        x0, y0, x1, y1 = box
        pad = max(2, round((y1 - y0) * self.config.padding))
        return max(0, x0 - pad), max(0, y0 - pad), min(size[0] - 1, x1 + pad), min(size[1] - 1, y1 + pad)

    def _fill(self, pixels: np.ndarray, box: tuple[int, int, int, int]) -> tuple[int, int, int]:
        if self.config.fill != "background":
            return tuple(self.config.fill)
        x0, y0, x1, y1 = box
        ring = np.concatenate([pixels[y0, x0:x1 + 1], pixels[y1, x0:x1 + 1], pixels[y0:y1 + 1, x0], pixels[y0:y1 + 1, x1]])
        return tuple(int(v) for v in np.median(ring, axis=0))
