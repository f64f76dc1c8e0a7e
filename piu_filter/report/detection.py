"""Detection figures from the stored scores: histograms, what each path finds alone and together, a what-if table."""

from __future__ import annotations

from collections.abc import Mapping
from itertools import combinations
from typing import Any

import numpy as np

from piu_filter.detection import COMPONENTS

HISTOGRAM_BINS = 20
WHAT_IF_STEPS = (-0.2, -0.1, 0.0, 0.1, 0.2)


class Detection:
    """Collects each path's scores (NaN where a record has none) and the detected, candidate and OCR flags.

    Scores stay float32, as the records hold them, and thresholds are compared at that precision: a
    score stored as 0.7 passes a threshold of 0.7."""

    def __init__(self, thresholds: Mapping[str, float | None]) -> None:
        self.thresholds = dict(thresholds)
        self.scores: dict[str, list[np.ndarray]] = {c.name: [] for c in COMPONENTS}
        self.flags = {"detected": 0, "candidates": 0, "ocr_ran": 0}

    def add(self, columns: dict[str, list[Any]]) -> None:
        ok = [error is None for error in columns["error"]]
        for component in COMPONENTS:
            values = [v if v is not None and good else np.nan for v, good in zip(columns[component.score_field], ok)]
            self.scores[component.name].append(np.asarray(values, dtype=np.float32))  # as records store them
        for flag, column in (("detected", "detected"), ("candidates", "candidate"), ("ocr_ran", "ocr_ran")):
            self.flags[flag] += sum(1 for value in columns[column] if value)

    def figures(self) -> dict[str, Any]:
        scores = {name: np.concatenate(parts) if parts else np.zeros(0, dtype=np.float32)
                  for name, parts in self.scores.items()}
        scored = {name: values for name, values in scores.items() if np.isfinite(values).any()}
        judged = {name: values for name, values in scored.items() if self.thresholds.get(name) is not None}
        return {
            **self.flags,
            "scored": {name: int(np.isfinite(values).sum()) for name, values in scores.items()},
            "thresholds": self.thresholds,
            "histograms": {name: histogram(values) for name, values in scored.items()},
            "paths_alone_and_together": alone_and_together(judged, self.thresholds),
            "what_if": {name: what_if(values, self.thresholds.get(name)) for name, values in scored.items()},
        }


def score_range(values: np.ndarray) -> tuple[float, float]:
    """[0, 1] for probabilities; [-1, 1] where a score (a cosine similarity) is negative."""
    return (-1.0 if np.nanmin(values) < 0 else 0.0), 1.0


def histogram(values: np.ndarray) -> dict[str, list]:
    finite = values[np.isfinite(values)]
    counts, edges = np.histogram(np.clip(finite, *score_range(finite)), bins=HISTOGRAM_BINS, range=score_range(finite))
    return {"edges": [round(float(e), 4) for e in edges], "counts": counts.tolist()}


def alone_and_together(scores: Mapping[str, np.ndarray], thresholds: Mapping[str, float | None]) -> dict[str, int]:
    """Samples found by exactly each combination of paths (`text`, `text+image`, ...), each at its threshold."""
    names = list(scores)
    passed = {name: scores[name] >= thresholds[name] for name in names}  # NaN compares False
    counts: dict[str, int] = {}
    for size in range(1, len(names) + 1):
        for chosen in combinations(names, size):
            exact = np.ones_like(next(iter(passed.values())), dtype=bool) if passed else np.zeros(0, dtype=bool)
            for name in names:
                exact &= passed[name] if name in chosen else ~passed[name]
            counts["+".join(chosen)] = int(exact.sum())
    return counts


def what_if(values: np.ndarray, threshold: float | None) -> list[dict[str, float | int]]:
    """Samples this path alone would block at five thresholds around its own (0.5 where it has none)."""
    low, high = score_range(values[np.isfinite(values)])
    centre = 0.5 if threshold is None else threshold
    steps = sorted({round(min(max(centre + step, low), high), 3) for step in WHAT_IF_STEPS})
    return [{"threshold": t, "blocked": int((values >= t).sum())} for t in steps]
