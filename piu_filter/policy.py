"""The policy: keep, redact or drop each sample, with the reasons."""

from __future__ import annotations

from typing import Literal

from piu_filter.config import RUN_ACTIONS
from piu_filter.sample import Sample

RunAction = Literal["drop", "redact", "tag"]


PII_REASONS = ("pii_in_image", "pii_in_caption", "pii_in_json", "pii_in_metadata", "pii_in_url")


def reason_for(source: str) -> str:
    """The decision reason for an entity found in `source`."""
    if source in ("caption", "text", "json:caption"):
        return "pii_in_caption"
    if source.startswith("json") or ":" in source:
        return "pii_in_json"
    return f"pii_in_{source}"


class Policy:
    """Decides from the annotations; never computes anything itself.

    - drop: detected samples go (with `drop_detected: with_pii`, only those with private
      information found); with `drop_pii`, so does any sample with private information in
      any channel (image, caption, json, metadata, URL).
    - redact: samples with private information are redacted, every other one is kept.
    - tag: every sample is kept; the reasons still say what was found.
    A failed sample is always dropped with the reason `error`. A sample with a frame or image
    member that could not be read is dropped with `unreadable_frames` (kept under `tag`).
    `members_removed`, `members_unread` and each member problem (`json_invalid`, `text_undecodable`)
    are reasons too: they say what the output leaves out or kept unread, and decide nothing.
    A sample with faces has the reason `faces`; `faces_action` says what they decide: `redact` (under
    redact), `drop` (under drop and redact) or `ignore`.
    """

    def __init__(self, action: RunAction, drop_detected: str = "always", drop_pii: bool = False,
                 faces_action: str = "redact") -> None:
        if action not in RUN_ACTIONS:
            raise ValueError(f"action must be one of {RUN_ACTIONS}, not {action!r}")
        self.action = action
        self.drop_detected = drop_detected
        self.drop_pii = drop_pii
        self.faces_action = faces_action

    def decide(self, sample: Sample) -> None:
        if not sample.ok:
            sample.action, sample.reasons = "drop", ["error"]
            return
        found = {reason_for(entity.source) for entity in sample.entities}
        reasons = ["detected"] if sample.detected else []
        reasons += [reason for reason in PII_REASONS if reason in found]
        if sample.unreadable is not None:
            reasons.append("unreadable_frames")
        reasons += [name for name, members in (("members_removed", sample.members_removed),
                                               ("members_unread", sample.members_unread)) if members]
        reasons += sorted(set(sample.member_problems.values()))
        faces = bool(sample.faces)
        if faces:
            reasons.append("faces")
        sample.reasons = reasons
        has_pii = bool(sample.entities)
        if self.action != "tag" and sample.unreadable is not None:
            sample.action = "drop"
        elif self.action == "drop" and self._drops(sample.detected, has_pii):
            sample.action = "drop"
        elif self.action != "tag" and faces and self.faces_action == "drop":
            sample.action = "drop"
        elif self.action == "redact" and (has_pii or faces and self.faces_action == "redact"):
            sample.action = "redact"
        else:
            sample.action = "keep"

    def _drops(self, detected: bool, has_pii: bool) -> bool:
        if detected and (self.drop_detected == "always" or has_pii):
            return True
        return self.drop_pii and has_pii
