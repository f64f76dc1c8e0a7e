"""Fuse the detection scores into `detected` and the wider `candidate` set."""

from __future__ import annotations

from piu_filter.filters.base import Stage
from piu_filter.profile import DetectionConfig
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
        self.classifier_threshold = config.classifier_threshold if config.classifier_threshold is not None else classifier_threshold

    def components(self, sample: Sample) -> dict[str, tuple[float, float]]:
        """Component name -> (score, threshold), for the scores this sample has."""
        found = {
            "text": (sample.clip_score, self.config.text_threshold),
            "image": (sample.image_query_score, self.config.image_threshold),
            "classifier": (sample.classifier_prob, self.classifier_threshold),
        }
        return {name: (score, threshold) for name, (score, threshold) in found.items() if score is not None and threshold is not None}

    def annotate(self, batch: list[Sample]) -> None:
        for sample in batch:
            sample.detected, sample.candidate = fuse(self.components(sample), self.config.rule, self.config.candidate_margin)


def fuse(components: dict[str, tuple[float, float]], rule: str, margin: float = 0.0) -> tuple[bool, bool]:
    """(detected, candidate) from component name -> (score, threshold), under `rule`."""
    if rule in ("any", "all"):
        chosen = list(components.values())
    else:
        chosen = [components[rule]] if rule in components else []
    passed = [score >= threshold for score, threshold in chosen]
    detected = bool(passed) and (all(passed) if rule == "all" else any(passed))
    return detected, detected or any(score >= threshold - margin for score, threshold in chosen)
