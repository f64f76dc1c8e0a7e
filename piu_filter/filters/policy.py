"""The policy: keep, redact or drop each sample, with the reasons."""

from __future__ import annotations

from typing import Literal

from piu_filter.sample import Sample

RunAction = Literal["drop", "redact", "tag"]
RUN_ACTIONS: tuple[str, ...] = ("drop", "redact", "tag")


class Policy:
    """Decides from the annotations; never computes anything itself.

    - drop: detected samples go (with `drop_detected: with_pii`, only those with private
      information found); with `drop_pii_images`, so does any image with private text on it.
    - redact: samples with private information are redacted, every other one is kept.
    - tag: every sample is kept; the reasons still say what was found.
    A failed sample is always dropped with the reason `error`.
    """

    def __init__(self, action: RunAction, drop_detected: str = "always", drop_pii_images: bool = False) -> None:
        if action not in RUN_ACTIONS:
            raise ValueError(f"action must be one of {RUN_ACTIONS}, not {action!r}")
        self.action = action
        self.drop_detected = drop_detected
        self.drop_pii_images = drop_pii_images

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
        image_pii = "pii_in_image" in reasons
        if self.action == "drop" and self._drops(sample.detected, bool(sample.entities), image_pii):
            sample.action = "drop"
        elif self.action == "redact" and sample.entities:
            sample.action = "redact"
        else:
            sample.action = "keep"

    def _drops(self, detected: bool, has_pii: bool, image_pii: bool) -> bool:
        if detected and (self.drop_detected == "always" or has_pii):
            return True
        return self.drop_pii_images and image_pii
