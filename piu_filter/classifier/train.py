"""Training a PIU classifier head on embeddings: stratified split or k-fold, balanced loss,
threshold chosen on held-out predictions, final head fitted on all the data."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import torch

from piu_filter.errors import PiuFilterError
from piu_filter.classifier.metrics import auroc, binary_metrics, choose_threshold
from piu_filter.models.head import HEAD_FORMAT, HEAD_VERSION, ClassifierHead, build_module

HOLDOUT_MIN_PER_CLASS = 25  # below this, k-fold cross-validation replaces the single held-out split


@dataclass
class TrainOptions:
    kind: str = "logistic"
    hidden: int = 256
    epochs: int = 300
    learning_rate: float = 0.01
    weight_decay: float = 1e-4
    holdout: float = 0.2
    folds: int = 5
    target_precision: float | None = None
    seed: int = 0


def fit_module(x: np.ndarray, y: np.ndarray, options: TrainOptions) -> torch.nn.Module:
    """Standardize on `x`, then full-batch AdamW on a class-balanced logistic loss."""
    torch.manual_seed(options.seed)
    module = build_module(options.kind, x.shape[1], options.hidden)
    features = torch.from_numpy(x.astype(np.float32))
    targets = torch.from_numpy(y.astype(np.float32))
    module[0].fit(features)
    positives = max(float(targets.sum()), 1.0)
    loss_fn = torch.nn.BCEWithLogitsLoss(pos_weight=torch.tensor((len(targets) - positives) / positives))
    optimiser = torch.optim.AdamW(module.parameters(), lr=options.learning_rate, weight_decay=options.weight_decay)
    module.train()
    for _ in range(options.epochs):
        optimiser.zero_grad()
        loss = loss_fn(module(features)[:, 0], targets)
        loss.backward()
        optimiser.step()
    return module.eval()


def stratified_folds(y: np.ndarray, folds: int, seed: int) -> np.ndarray:
    """A fold number per row, each class spread evenly over the folds."""
    rng = np.random.default_rng(seed)
    assignment = np.empty(len(y), dtype=int)
    for label in (0, 1):
        rows = rng.permutation(np.flatnonzero(y == label))
        assignment[rows] = np.arange(len(rows)) % folds
    return assignment


def held_out_predictions(x: np.ndarray, y: np.ndarray, options: TrainOptions) -> tuple[np.ndarray, np.ndarray, str]:
    """(labels, probabilities, method) for rows never seen by the model that predicted them."""
    smallest = int(min((y == 0).sum(), (y == 1).sum()))
    if smallest >= HOLDOUT_MIN_PER_CLASS:
        folds = stratified_folds(y, round(1 / options.holdout), options.seed)
        test = folds == 0
        module = fit_module(x[~test], y[~test], options)
        return y[test], _predict(module, x[test]), f"stratified held-out split ({test.sum()} rows)"
    k = min(options.folds, smallest)
    folds = stratified_folds(y, k, options.seed)
    probabilities = np.empty(len(y), dtype=np.float32)
    for fold in range(k):
        test = folds == fold
        probabilities[test] = _predict(fit_module(x[~test], y[~test], options), x[test])
    return y, probabilities, f"stratified {k}-fold cross-validation"


def _predict(module: torch.nn.Module, x: np.ndarray) -> np.ndarray:
    with torch.inference_mode():
        return torch.sigmoid(module(torch.from_numpy(x.astype(np.float32)))[:, 0]).numpy()


def train_head(positives: np.ndarray, negatives: np.ndarray, clip_identity: dict[str, Any],
               options: TrainOptions) -> ClassifierHead:
    """Evaluate on held-out data, choose the threshold there, then fit the final head on everything."""
    if len(positives) < 2 or len(negatives) < 2:
        raise PiuFilterError(f"need at least 2 positives and 2 negatives, got {len(positives)} and {len(negatives)}")
    if positives.shape[1] != negatives.shape[1]:
        raise PiuFilterError(f"positive and negative embeddings differ in size ({positives.shape[1]} vs {negatives.shape[1]})")
    x = np.concatenate([positives, negatives]).astype(np.float32)
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    y = np.r_[np.ones(len(positives)), np.zeros(len(negatives))].astype(np.int64)
    labels, probabilities, method = held_out_predictions(x, y, options)
    threshold = choose_threshold(labels, probabilities, options.target_precision)
    metrics = {**binary_metrics(labels, probabilities >= threshold), "auroc": round(auroc(labels, probabilities), 4),
               "evaluated_on": method}
    meta = {
        "format": HEAD_FORMAT, "version": HEAD_VERSION, "kind": options.kind,
        "hidden": options.hidden if options.kind == "mlp" else None,
        "clip": clip_identity, "embed_dim": int(x.shape[1]), "threshold": threshold,
        "threshold_rule": f"precision >= {options.target_precision}" if options.target_precision else "best F1",
        "metrics": metrics, "counts": {"positives": len(positives), "negatives": len(negatives)},
    }
    return ClassifierHead(fit_module(x, y, options), meta)
