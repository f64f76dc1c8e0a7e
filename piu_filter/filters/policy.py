"""The policy: keep, redact or drop each sample, with the reasons."""

from __future__ import annotations

from typing import Literal

from piu_filter.sample import Sample

RunAction = Literal["drop", "redact", "tag"]
RUN_ACTIONS: tuple[str, ...] = ("drop", "redact", "tag")


class Policy:
    """Decides from the annotations; never computes anything itself.

    - drop: detected samples go; kept samples keep their reasons empty.
    - redact: samples with private information are redacted, every other one is kept.
    - tag: every sample is kept; the reasons still say what was found.
    A failed sample is always dropped with the reason `error`.
    """

    def __init__(self, action: RunAction) -> None:
        if action not in RUN_ACTIONS:
            raise ValueError(f"action must be one of {RUN_ACTIONS}, not {action!r}")
        self.action = action

    def decide(self, sample: Sample) -> None:
        if not sample.ok:
            sample.action, sample.reasons = "drop", ["error"]
            return
        reasons = []
        if sample.detected:
            reasons.append("detected")
        if any(entity.source == "image" for entity in sample.entities):
            reasons.append("pii_in_image")
        if any(entity.source == "caption" for entity in sample.entities):
            reasons.append("pii_in_caption")
        sample.reasons = reasons
        if self.action == "drop" and sample.detected:
            sample.action = "drop"
        elif self.action == "redact" and sample.entities:
            sample.action = "redact"
        else:
            sample.action = "keep"
