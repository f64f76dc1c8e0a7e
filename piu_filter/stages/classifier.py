"""The PIU classifier stage: a trained head's probability on each CLIP embedding."""

from __future__ import annotations

import numpy as np

from piu_filter.stages.base import Stage
from piu_filter.models.head import ClassifierHead
from piu_filter.sample import Sample


class ClassifierStage(Stage):
    """Sets `classifier_prob` from the embedding the CLIP stage left on each sample (the highest over
    its images when it scored several)."""

    name = "classifier"

    def __init__(self, head: ClassifierHead) -> None:
        super().__init__()
        self.head = head

    def applies_to(self, sample: Sample) -> bool:
        return sample.embedding is not None

    def annotate(self, batch: list[Sample]) -> None:
        rows = [sample.member_embeddings if sample.member_embeddings is not None else sample.embedding[None] for sample in batch]
        probabilities = self.head.predict(np.concatenate(rows))
        start = 0
        for sample, each in zip(batch, rows):
            sample.classifier_prob = float(probabilities[start:start + len(each)].max())
            start += len(each)
