"""The detection rule over whole columns of scores: `detection.fuse`, one row at a time, vectorised."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np


def fuse_columns(components: Mapping[str, tuple[np.ndarray, float]], rule: str, margin: float,
                 rows: int) -> tuple[np.ndarray, np.ndarray]:
    """(detected, candidate) boolean columns from component name -> (scores, threshold), as `fuse` decides each row."""
    chosen = list(components.values()) if rule in ("any", "all") else [components[rule]] if rule in components else []
    chosen = [(np.asarray(scores, dtype=np.float64), threshold) for scores, threshold in chosen]  # as `fuse` compares
    if not chosen:
        return np.zeros(rows, bool), np.zeros(rows, bool)
    passed = np.stack([scores >= threshold for scores, threshold in chosen])
    near = np.stack([scores >= threshold - margin for scores, threshold in chosen]).any(axis=0)
    detected = passed.all(axis=0) if rule == "all" else passed.any(axis=0)
    return detected, detected | near
