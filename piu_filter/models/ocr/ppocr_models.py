"""PP-OCR's three ONNX models (text detector, 0/180 line classifier, CTC recogniser) on onnxruntime.

The recogniser's CTC output gives each character the column it was read at, so every character
comes with its position along the line; words and word boxes are rebuilt from those positions.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
import onnxruntime
import pyclipper

from piu_filter.models.ocr.providers import onnx_providers

REC_HEIGHT = 48
REC_MIN_WIDTH = 320
CLS_SHAPE = (48, 192)
WIDTH_SPREAD = 1.25  # a recognition batch's widest crop, at most this many times its narrowest


@dataclass(frozen=True)
class PpOcrFiles:
    """Where a PP-OCR release keeps its models; `dictionary` None reads the charset from the recogniser's metadata."""

    detector: Path
    classifier: Path
    recogniser: Path
    dictionary: Path | None
    det_mean: tuple[float, float, float]
    det_std: tuple[float, float, float]


@dataclass
class LineReading:
    """One text line: its characters, the fraction (0..1) of the way along the crop each was read at, their
    scores, and the highest probability of a space between each character and the one before it."""

    chars: list[str]
    positions: list[float]
    scores: list[float]
    space_before: list[float]


class PpOcrModels:
    """Detects text lines (quadrilaterals), classifies line crops as upright or upside down, reads them."""

    def __init__(self, files: PpOcrFiles, device: str = "cpu", box_threshold: float = 0.5, pixel_threshold: float = 0.3,
                 unclip_ratio: float = 1.6) -> None:
        providers = onnx_providers(device, onnxruntime.get_available_providers())
        options = onnxruntime.SessionOptions()
        options.log_severity_level = 3
        self.detector, self.classifier, self.recogniser = (
            onnxruntime.InferenceSession(str(path), sess_options=options, providers=providers)
            for path in (files.detector, files.classifier, files.recogniser))
        self.charset = ["", *_charset(files, self.recogniser), " "]  # CTC blank first, space last
        self.mean = np.array(files.det_mean, dtype=np.float32) * 255
        self.std = np.array(files.det_std, dtype=np.float32) * 255
        self.box_threshold = box_threshold
        self.pixel_threshold = pixel_threshold
        self.unclip_ratio = unclip_ratio

    def detect(self, bgr: np.ndarray) -> list[np.ndarray]:
        """Text quadrilaterals (4, 2) of the image as top-left, top-right, bottom-right, bottom-left."""
        h, w = bgr.shape[:2]
        size_h, size_w = max(32, round(h / 32) * 32), max(32, round(w / 32) * 32)
        blob = (cv2.resize(bgr, (size_w, size_h)).astype(np.float32) - self.mean) / self.std
        prob = self.detector.run(None, {self.detector.get_inputs()[0].name: blob.transpose(2, 0, 1)[None]})[0][0, 0]
        mask = cv2.dilate((prob > self.pixel_threshold).astype(np.uint8), np.ones((2, 2), np.uint8))
        contours, _ = cv2.findContours(mask, cv2.RETR_LIST, cv2.CHAIN_APPROX_SIMPLE)
        quads = []
        for contour in contours[:1000]:
            box = _min_area_box(contour.reshape(-1, 2))
            if box is None or _box_score(prob, box) < self.box_threshold:
                continue
            box = _min_area_box(_unclip(box, self.unclip_ratio))
            if box is None or min(np.linalg.norm(box[0] - box[1]), np.linalg.norm(box[0] - box[3])) < 5:
                continue
            box[:, 0] = np.clip(box[:, 0] * w / size_w, 0, w)
            box[:, 1] = np.clip(box[:, 1] * h / size_h, 0, h)
            quads.append(box)
        return quads

    def upside_down(self, crops: list[np.ndarray], threshold: float = 0.9) -> list[bool]:
        """Whether each line crop (read left to right) is upside down, by the angle classifier. A long
        line is judged on its middle part, as wide as the classifier's input in proportion, so that
        its glyphs are not squeezed."""
        flags: list[bool] = []
        for start in range(0, len(crops), 16):
            batch = np.stack([_normalise(_middle(crop, CLS_SHAPE[1] / CLS_SHAPE[0]), CLS_SHAPE[0], CLS_SHAPE[1], CLS_SHAPE[1])[0]
                              for crop in crops[start:start + 16]])
            probs = self.classifier.run(None, {self.classifier.get_inputs()[0].name: batch})[0]
            flags += [bool(p[1] > threshold) for p in probs]
        return flags

    def read(self, crops: list[np.ndarray], batch_size: int = 8) -> list[LineReading]:
        """Read upright line crops; characters keep the position along the crop where CTC emitted them. Crops
        are batched with others of similar width, so that little of a batch is padding."""
        widths = [max(REC_MIN_WIDTH, math.ceil(REC_HEIGHT * c.shape[1] / c.shape[0])) for c in crops]
        readings: list[LineReading | None] = [None] * len(crops)
        for indices in _similar_width_batches(widths, batch_size):
            width = max(widths[i] for i in indices)
            normalised = [_normalise(crops[i], REC_HEIGHT, width, width) for i in indices]
            probs = self.recogniser.run(None, {self.recogniser.get_inputs()[0].name: np.stack([n for n, _ in normalised])})[0]
            for i, (_, used), columns in zip(indices, normalised, probs):
                readings[i] = self._decode(columns, width / len(columns) / used)
        return readings

    def _decode(self, columns: np.ndarray, column_fraction: float) -> LineReading:
        """Greedy CTC decoding: a character wherever the best class changes to a non-blank one."""
        best = columns.argmax(axis=1)
        keep = (best != 0) & np.concatenate([[True], best[1:] != best[:-1]])
        index = np.flatnonzero(keep)
        chars = [self.charset[c] for c in best[index]]
        positions = [min(1.0, (t + 0.5) * column_fraction) for t in index]
        space = columns[:, len(self.charset) - 1]
        space_before = [float(space[a + 1:b].max(initial=0.0)) for a, b in zip([-1, *index[:-1]], index)]
        return LineReading(chars, positions, columns[index, best[index]].tolist(), space_before)


def _similar_width_batches(widths: list[int], batch_size: int, spread: float = WIDTH_SPREAD) -> list[list[int]]:
    """Indices of the widths, narrowest first, in batches of at most `batch_size` whose widest member is at most
    `spread` times as wide as the narrowest."""
    batches: list[list[int]] = []
    for i in sorted(range(len(widths)), key=widths.__getitem__):
        if batches and len(batches[-1]) < batch_size and widths[i] <= spread * widths[batches[-1][0]]:
            batches[-1].append(i)
        else:
            batches.append([i])
    return batches


def _charset(files: PpOcrFiles, recogniser: onnxruntime.InferenceSession) -> list[str]:
    if files.dictionary is not None:
        return files.dictionary.read_text(encoding="utf-8").splitlines()
    return recogniser.get_modelmeta().custom_metadata_map["character"].splitlines()


def _middle(crop: np.ndarray, max_ratio: float) -> np.ndarray:
    """The middle part of the crop, at most `max_ratio` times as wide as high."""
    width = min(crop.shape[1], round(max_ratio * crop.shape[0]))
    left = (crop.shape[1] - width) // 2
    return np.ascontiguousarray(crop[:, left:left + width])


def _normalise(crop: np.ndarray, height: int, max_width: int, padded_width: int) -> tuple[np.ndarray, int]:
    """The crop resized to `height` (width by aspect, at most `max_width`), scaled to [-1, 1], right-padded
    with zeros to `padded_width`; and the width the crop takes."""
    used = min(max_width, math.ceil(height * crop.shape[1] / crop.shape[0]))
    resized = cv2.resize(crop, (used, height)).astype(np.float32) / 127.5 - 1.0
    padded = np.zeros((3, height, padded_width), dtype=np.float32)
    padded[:, :, :used] = resized.transpose(2, 0, 1)
    return padded, used


def _min_area_box(points: np.ndarray) -> np.ndarray | None:
    """The minimum-area rectangle around the points, as TL, TR, BR, BL; None when thinner than 3 pixels."""
    if len(points) < 3:
        return None
    rect = cv2.minAreaRect(points.astype(np.float32))
    if min(rect[1]) < 3:
        return None
    corners = sorted(cv2.boxPoints(rect).tolist(), key=lambda p: p[0])
    left = sorted(corners[:2], key=lambda p: p[1])
    right = sorted(corners[2:], key=lambda p: p[1])
    return np.array([left[0], right[0], right[1], left[1]], dtype=np.float32)


def _box_score(prob: np.ndarray, box: np.ndarray) -> float:
    """Mean text probability inside the box."""
    h, w = prob.shape
    x0, y0 = np.clip(np.floor(box.min(axis=0)).astype(int), 0, [w - 1, h - 1])
    x1, y1 = np.clip(np.ceil(box.max(axis=0)).astype(int), 0, [w - 1, h - 1])
    mask = np.zeros((y1 - y0 + 1, x1 - x0 + 1), dtype=np.uint8)
    cv2.fillPoly(mask, [(box - [x0, y0]).astype(np.int32)], 1)
    return float(cv2.mean(prob[y0:y1 + 1, x0:x1 + 1], mask)[0])


def _unclip(box: np.ndarray, ratio: float) -> np.ndarray:
    """The box grown by DB's offset: area x ratio / perimeter."""
    area = cv2.contourArea(box)
    distance = area * ratio / cv2.arcLength(box, True)
    offset = pyclipper.PyclipperOffset()
    offset.AddPath(box.astype(np.int64).tolist(), pyclipper.JT_ROUND, pyclipper.ET_CLOSEDPOLYGON)
    expanded = offset.Execute(distance)
    return np.array(expanded[0] if expanded else box, dtype=np.float32).reshape(-1, 2)
