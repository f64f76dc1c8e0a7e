"""RapidOCR's PP-OCRv4 models, shipped inside the `rapidocr_onnxruntime` wheel (nothing is downloaded)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from piu_filter.errors import ModelUnavailableError

if TYPE_CHECKING:
    from piu_filter.models.ocr.ppocr_engine import PpOcrEngine
    from piu_filter.models.ocr.ppocr_models import PpOcrFiles
    from piu_filter.profile_sections import OcrConfig

PIP = "pip install rapidocr_onnxruntime"


def check() -> PpOcrFiles:
    """The PP-OCRv4 detector and recogniser and the mobile v2 line classifier, checked to exist."""
    try:
        import rapidocr_onnxruntime
    except ImportError:
        raise ModelUnavailableError(f"the rapidocr OCR engine is not installed: `{PIP}` (its wheel carries the PP-OCRv4 models)") from None
    from piu_filter.models.ocr.ppocr_models import PpOcrFiles

    folder = Path(rapidocr_onnxruntime.__file__).parent / "models"
    files = PpOcrFiles(folder / "ch_PP-OCRv4_det_infer.onnx", folder / "ch_ppocr_mobile_v2.0_cls_infer.onnx",
                       folder / "ch_PP-OCRv4_rec_infer.onnx", None, (0.5, 0.5, 0.5), (0.5, 0.5, 0.5))
    missing = [p.name for p in (files.detector, files.classifier, files.recogniser) if not p.is_file()]
    if missing:
        raise ModelUnavailableError(f"rapidocr models missing from {folder}: {', '.join(missing)}; reinstall: `{PIP}`")
    return files


def make(config: OcrConfig, device: str = "cpu") -> PpOcrEngine:
    from piu_filter.models.ocr.ppocr_engine import PpOcrEngine
    from piu_filter.models.ocr.ppocr_models import PpOcrModels
    from piu_filter.models.ocr.upscale import make_upscaler

    return PpOcrEngine(PpOcrModels(check(), device), config.target_long_side, config.max_scale,
                       make_upscaler(config.super_resolution), config.upscale_below, config.contrast == "clahe")
