"""Types and ranges of profile fields: a value of the wrong type or out of range is refused by name.

A profile that fails open (a score threshold of 7 finds nothing; a negative size reads nothing)
is worse than one that fails loudly, so every numeric field has its range here.
"""

from __future__ import annotations

import types
import typing
from typing import Any

from piu_filter.errors import PiuFilterError

DETECTION_RULES = ("text", "image", "classifier", "any", "all")
OCR_ENGINES = ("easyocr", "rapidocr", "ppocrv5")
CHOICES: dict[str, tuple[str, ...]] = {  # fields that take one of a few words
    "detection.rule": DETECTION_RULES,
    "ocr.engine": OCR_ENGINES,
    "ocr.super_resolution": ("auto", "realesrgan", "classical", "none"),
    "ocr.contrast": ("clahe", "none"),
    "ocr.perspective": ("rectify", "none"),
    "pii.unreadable_text": ("cover", "keep"),
    "pii.unreadable_text_in": ("detected", "read"),
    "pii.lone_times": ("cover", "keep"),
    "policy.drop_detected": ("always", "with_pii"),
    "clip.score_from": ("first", "max"),
    "redact.metadata": ("strip", "keep"),
    "redact.shape": ("box", "outline"),
    "redact.url": ("keep", "drop_path", "remove"),
    "faces.detector": ("auto", "centerface", "haar"),
    "faces.action": ("redact", "drop", "ignore"),
    "faces.redact": ("blur", "fill"),
}
UNIT = (0.0, 1.0)
POSITIVE = (0.0, None)  # strictly above the lower bound
RANGES: dict[str, tuple[float | None, float | None]] = {
    "detection.text_threshold": UNIT,
    "detection.image_threshold": (-1.0, 1.0),
    "detection.classifier_threshold": UNIT,
    "detection.candidate_margin": UNIT,
    "ocr.target_long_side": POSITIVE,
    "ocr.max_scale": POSITIVE,
    "ocr.recognition_scale": POSITIVE,
    "ocr.text_threshold": UNIT,
    "ocr.low_text": UNIT,
    "ocr.min_confidence": UNIT,
    "ocr.upscale_below": (0.0, 1000.0),
    "ocr.band_scale": (0.0, 4.0),
    "pii.score_threshold": UNIT,
    "redact.padding": (0.0, 5.0),
    "redact.jpeg_quality": (1.0, 100.0),
    "faces.min_score": UNIT,
    "faces.blur_cells": (1.0, 64.0),
    "faces.margin": (0.0, 2.0),
    "decode.max_pixels": POSITIVE,
    "decode.max_frames": POSITIVE,
    "resources.cpus": POSITIVE,
    "resources.gpus": (0.0, 64.0),
    "resources.memory_gib": (0.0, 65536.0),
}
_TYPE_NAMES = {int: "a whole number", float: "a number", str: "text", bool: "true or false", list: "a list",
               type(None): "null"}


def check_field(where: str, value: Any, hint: Any) -> None:
    """Refuse `value` for the field at `where` unless it has type `hint` and lies in the field's range or
    among its choices."""
    if not _has_type(value, hint):
        raise PiuFilterError(f"{where} must be {_describe(hint)}, not {value!r}")
    allowed = CHOICES.get(where.removeprefix("profile."))
    if allowed is not None and value not in allowed:
        raise PiuFilterError(f"{where} must be one of {', '.join(allowed)}, not {value!r}")
    bounds = RANGES.get(where.removeprefix("profile."))
    if bounds is None or value is None:
        return
    low, high = bounds
    if bounds == POSITIVE and not value > low:
        raise PiuFilterError(f"{where} must be above {low:g}, not {value!r}")
    if low is not None and high is not None and not low <= value <= high:
        raise PiuFilterError(f"{where} must lie in [{low:g}, {high:g}], not {value!r}")


def _has_type(value: Any, hint: Any) -> bool:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        return any(_has_type(value, option) for option in typing.get_args(hint))
    if origin is list:
        (item,) = typing.get_args(hint)
        return isinstance(value, list) and all(_has_type(v, item) for v in value)
    if origin is dict:
        key, item = typing.get_args(hint)
        return isinstance(value, dict) and all(_has_type(k, key) and _has_type(v, item) for k, v in value.items())
    if hint is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if hint is Any:
        return True
    return isinstance(value, hint)


def _describe(hint: Any) -> str:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        return " or ".join(_describe(option) for option in typing.get_args(hint))
    if origin is list:
        return f"a list of {_describe(typing.get_args(hint)[0]).removeprefix('a ')}s"
    if origin is dict:
        key, item = (_describe(arg).removeprefix("a ") for arg in typing.get_args(hint))
        return f"a mapping of {key} to {item}"
    return _TYPE_NAMES.get(hint, getattr(hint, "__name__", str(hint)))
