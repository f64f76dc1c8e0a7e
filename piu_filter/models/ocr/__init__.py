"""OCR engines behind one interface, `read(image) -> list[OcrWord]` with boxes in original pixels,
chosen by the profile's `ocr.engine`: `easyocr`, `rapidocr` (PP-OCRv4) or `ppocrv5`.

Each engine's module offers `check()` (raises ModelUnavailableError naming the pip command when
its package or weights are missing) and `make(config, device)`; it is imported only when chosen.
"""

from __future__ import annotations

import importlib
from typing import Protocol

from PIL import Image

from piu_filter.models.ocr.easyocr_engine import OcrEngine, offline_model_dir
from piu_filter.models.ocr.rectify import RectifyingReader
from piu_filter.models.ocr.views import make_view
from piu_filter.models.ocr.words import OcrWord
from piu_filter.profile_sections import OcrConfig

__all__ = ["ENGINE_MODULES", "OcrEngine", "OcrReader", "check_ocr_engine", "make_ocr_engine", "make_view", "offline_model_dir"]

ENGINE_MODULES = {"easyocr": "easyocr_engine", "rapidocr": "rapidocr_engine", "ppocrv5": "ppocrv5_engine"}


class OcrReader(Protocol):
    def read(self, image: Image.Image) -> list[OcrWord]: ...


def check_ocr_engine(name: str) -> None:
    """Raise ModelUnavailableError, naming the pip command, when the engine's package or weights are missing."""
    _module(name).check()


def make_ocr_engine(config: OcrConfig, device: str = "cpu") -> OcrReader:
    """The profile's OCR engine with its weights loaded, on `device` (`cpu` or `cuda`); under `perspective:
    rectify` it reads photographed sheets upright."""
    engine = _module(config.engine).make(config, device)
    return RectifyingReader(engine) if config.perspective == "rectify" else engine


def _module(name: str):
    return importlib.import_module(f"{__name__}.{ENGINE_MODULES[name]}")
