"""Detection metrics: precision, recall, F1, AUROC, and threshold choice."""

from __future__ import annotations

import numpy as np


def binary_metrics(labels: np.ndarray, predicted: np.ndarray) -> dict[str, float | int]:
    labels, predicted = labels.astype(bool), predicted.astype(bool)
    tp = int(np.sum(labels & predicted))
    fp = int(np.sum(~labels & predicted))
    fn = int(np.sum(labels & ~predicted))
    tn = int(np.sum(~labels & ~predicted))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    accuracy = (tp + tn) / max(len(labels), 1)
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
            "accuracy": round(accuracy, 4), "tp": tp, "fp": fp, "fn": fn, "tn": tn}


def auroc(labels: np.ndarray, scores: np.ndarray) -> float:
    """Area under the ROC curve (Mann-Whitney U, ties counted half)."""
    labels = labels.astype(bool)
    positives, negatives = scores[labels], scores[~labels]
    if len(positives) == 0 or len(negatives) == 0:
        return float("nan")
    greater = (positives[:, None] > negatives[None, :]).sum()
    ties = (positives[:, None] == negatives[None, :]).sum()
    return float((greater + 0.5 * ties) / (len(positives) * len(negatives)))


def choose_threshold(labels: np.ndarray, scores: np.ndarray, target_precision: float | None = None) -> float:
    """The threshold with the best F1 or, with `target_precision`, the highest recall at that precision.

    The threshold lies halfway between the chosen score and the next lower one, so that it
    generalises rather than sitting on a training score. Falls back to best F1 when no
    threshold reaches the target precision.
    """
    order = np.argsort(-scores)
    sorted_scores, sorted_labels = scores[order], labels[order].astype(bool)
    tp = np.cumsum(sorted_labels)
    fp = np.cumsum(~sorted_labels)
    precision = tp / (tp + fp)
    recall = tp / max(sorted_labels.sum(), 1)
    f1 = np.where(precision + recall > 0, 2 * precision * recall / np.maximum(precision + recall, 1e-12), 0)
    # only cut where the score changes, so tied scores fall on the same side
    last_of_tie = np.r_[sorted_scores[1:] != sorted_scores[:-1], True]
    candidates = np.flatnonzero(last_of_tie)
    if target_precision is not None:
        meeting = candidates[precision[candidates] >= target_precision]
        if len(meeting):
            best = meeting[np.argmax(recall[meeting])]
            return _between(sorted_scores, best)
    best = candidates[np.argmax(f1[candidates])]
    return _between(sorted_scores, best)


def _between(sorted_scores: np.ndarray, index: int) -> float:
    if index + 1 < len(sorted_scores):
        return float((sorted_scores[index] + sorted_scores[index + 1]) / 2)
    return float(sorted_scores[index])
