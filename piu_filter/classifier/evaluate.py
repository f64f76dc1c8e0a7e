"""Comparing detection paths on a labelled set: text queries, image queries, classifier, fused rule."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np

from piu_filter.detection import COMPONENTS
from piu_filter.classifier.metrics import auroc, binary_metrics
from piu_filter.pipeline import Pipeline
from piu_filter.batches import batched
from piu_filter.sample import Sample


def score_samples(pipeline: Pipeline, samples: Iterable[Sample]) -> list[Sample]:
    """Run the pipeline over `samples`, keeping their annotations (failed ones dropped)."""
    scored: list[Sample] = []
    for batch in batched(samples, pipeline.config.batch_size):
        scored.extend(sample for sample in pipeline.process(batch) if sample.ok)
        for sample in batch:
            sample.embedding = None
    return scored


def compare_paths(pipeline: Pipeline, positives: list[Sample], negatives: list[Sample]) -> list[dict[str, Any]]:
    """One row per detection path present: its threshold, precision, recall, F1 and AUROC."""
    detect = next(stage for stage in pipeline.stages if stage.name == "detect")
    samples = positives + negatives
    labels = np.r_[np.ones(len(positives)), np.zeros(len(negatives))].astype(bool)
    rows = []
    thresholds = detect.thresholds
    for component in COMPONENTS:
        values = [getattr(sample, component.score_field) for sample in samples]
        threshold = thresholds[component.name]
        if not samples or any(v is None for v in values) or threshold is None:
            continue
        scores = np.array(values, dtype=np.float64)
        rows.append({"path": component.label, "threshold": round(float(threshold), 4),
                     **binary_metrics(labels, scores >= threshold), "auroc": round(auroc(labels, scores), 4)})
    rows.append({"path": f"fused ({detect.config.rule})", "threshold": None,
                 **binary_metrics(labels, np.array([sample.detected for sample in samples])), "auroc": None})
    return rows


def format_table(rows: list[dict[str, Any]]) -> str:
    columns = ("path", "threshold", "precision", "recall", "f1", "auroc", "tp", "fp", "fn", "tn")
    cells = [[("-" if row[c] is None else str(row[c])) for c in columns] for row in rows]
    widths = [max(len(c), *(len(r[i]) for r in cells)) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths))]
    lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths)) for r in cells]
    return "\n".join(lines)
