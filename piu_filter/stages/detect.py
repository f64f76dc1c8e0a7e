"""Fuse the detection scores into `detected` and the wider `candidate` set."""

from __future__ import annotations

from piu_filter.detection import fuse, scored_components, thresholds
from piu_filter.stages.base import Stage
from piu_filter.profile_sections import DetectionConfig
from piu_filter.sample import Sample


class DetectStage(Stage):
    """Applies the profile's rule (`text`, `image`, `classifier`, `any`, `all`) to the scores.

    A component takes part only when its score exists. `candidate` marks samples that are
    detected or within `candidate_margin` below a threshold: the expensive stages run on them.
    """

    name = "detect"

    def __init__(self, config: DetectionConfig, classifier_threshold: float | None = None) -> None:
        super().__init__()
        self.config = config
        self.thresholds = thresholds(config.text_threshold, config.image_threshold, config.classifier_threshold,
                                     classifier_threshold)

    def components(self, sample: Sample) -> dict[str, tuple[float, float]]:
        """Component name -> (score, threshold), for the scores this sample has."""
        return scored_components(lambda field: getattr(sample, field), self.thresholds)

    def annotate(self, batch: list[Sample]) -> None:
        for sample in batch:
            sample.detected, sample.candidate = fuse(self.components(sample), self.config.rule, self.config.candidate_margin)
