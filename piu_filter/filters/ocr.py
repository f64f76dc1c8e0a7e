"""The OCR stage: words and boxes of the text printed on candidate images."""

from __future__ import annotations

from piu_filter.filters.base import Stage
from piu_filter.io.images import decode_image
from piu_filter.models.clip import resolve_device
from piu_filter.models.ocr import OcrReader, make_ocr_engine
from piu_filter.ocr_text import build_text
from piu_filter.profile import OcrConfig
from piu_filter.sample import Sample


def in_scope(sample: Sample, scope: str) -> bool:
    """The cascade: `all` samples, or only `candidates` (detected or near the threshold)."""
    return scope == "all" or (scope == "candidates" and sample.candidate)


class OcrStage(Stage):
    """Reads each in-scope image at full resolution and keeps the corrected text with word boxes."""

    name = "ocr"

    def __init__(self, scope: str, config: OcrConfig, max_pixels: int, device: str = "cpu") -> None:
        super().__init__()
        self.scope = scope
        self.config = config
        self.max_pixels = max_pixels
        self.device = device
        self.engine: OcrReader | None = None

    def setup(self) -> None:
        self.engine = make_ocr_engine(self.config, resolve_device(self.device).type)

    def applies_to(self, sample: Sample) -> bool:
        return in_scope(sample, self.scope)

    def annotate(self, batch: list[Sample]) -> None:
        for sample in batch:
            image, _ = decode_image(sample.image_bytes, self.max_pixels)
            sample.ocr_text = build_text(self.engine.read(image))
            sample.ocr_ran = True
