"""The PIU classifier stage: a trained head's probability on each CLIP embedding."""

from __future__ import annotations

import numpy as np

from piu_filter.filters.base import Stage
from piu_filter.models.head import ClassifierHead
from piu_filter.sample import Sample


class ClassifierStage(Stage):
    """Sets `classifier_prob` from the embedding the CLIP stage left on each sample."""

    name = "classifier"

    def __init__(self, head: ClassifierHead) -> None:
        super().__init__()
        self.head = head

    def applies_to(self, sample: Sample) -> bool:
        return sample.embedding is not None

    def annotate(self, batch: list[Sample]) -> None:
        probabilities = self.head.predict(np.stack([sample.embedding for sample in batch]))
        for sample, probability in zip(batch, probabilities):
            sample.classifier_prob = float(probability)
