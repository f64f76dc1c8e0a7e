"""The detection components (text queries, image queries, classifier head) and the rule that fuses them.

One table names each component's score field (on a Sample and in the records) and its
threshold, so that the pipeline, re-decisions from records and evaluations read scores alike.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Component:
    """One detection path: its rule name, the score field that holds its score, and its label in tables."""

    name: str
    score_field: str
    label: str


COMPONENTS: tuple[Component, ...] = (
    Component("text", "clip_score", "text queries"),
    Component("image", "image_query_score", "image queries"),
    Component("classifier", "classifier_prob", "classifier"),
)


def thresholds(text: float | None, image: float | None, classifier: float | None,
               head: float | None = None) -> dict[str, float | None]:
    """Component name -> threshold (None: the component takes no part); the classifier's is `classifier`,
    else `head`, the threshold stored with the classifier head."""
    return {"text": text, "image": image, "classifier": classifier if classifier is not None else head}


def scored_components(score: Callable[[str], float | None],
                      thresholds: Mapping[str, float | None]) -> dict[str, tuple[float, float]]:
    """Component name -> (score, threshold) for each component with both a score (`score(field)`) and a threshold."""
    found = {c.name: (score(c.score_field), thresholds.get(c.name)) for c in COMPONENTS}
    return {name: (s, t) for name, (s, t) in found.items() if s is not None and t is not None}


def fuse(components: Mapping[str, tuple[float, float]], rule: str, margin: float = 0.0) -> tuple[bool, bool]:
    """(detected, candidate) from component name -> (score, threshold), under `rule` (a component name, `any` or `all`)."""
    if rule in ("any", "all"):
        chosen = list(components.values())
    else:
        chosen = [components[rule]] if rule in components else []
    passed = [score >= threshold for score, threshold in chosen]
    detected = bool(passed) and (all(passed) if rule == "all" else any(passed))
    return detected, detected or any(score >= threshold - margin for score, threshold in chosen)
