"""Counting what a run did: per shard, then summed into stats.json."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from piu_filter.sample import Sample, last_part


@dataclass
class RunStats:
    """Totals that always satisfy `samples_in == kept + redacted + dropped + errors`."""

    samples_in: int = 0
    kept: int = 0
    redacted: int = 0
    dropped: int = 0
    errors: int = 0
    reasons: Counter = field(default_factory=Counter)
    members_removed: Counter = field(default_factory=Counter)  # by member type, for kept and redacted samples
    errors_by_stage: Counter = field(default_factory=Counter)
    stage_seconds: Counter = field(default_factory=Counter)
    prepare_seconds: Counter = field(default_factory=Counter)

    def count(self, sample: Sample) -> None:
        self.samples_in += 1
        if sample.error is not None:
            self.errors += 1
            self.errors_by_stage[sample.error.split(":", 1)[0]] += 1
            return
        self.reasons.update(sample.reasons)
        if sample.action != "drop":
            self.members_removed.update(last_part(member) for member in sample.members_removed)
        if sample.action == "drop":
            self.dropped += 1
        elif sample.action == "redact":
            self.redacted += 1
        else:
            self.kept += 1

    def add(self, other: "RunStats") -> None:
        for name in ("samples_in", "kept", "redacted", "dropped", "errors"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.reasons.update(other.reasons)
        self.members_removed.update(other.members_removed)
        self.errors_by_stage.update(other.errors_by_stage)
        self.stage_seconds.update(other.stage_seconds)
        self.prepare_seconds.update(other.prepare_seconds)

    def to_dict(self) -> dict[str, Any]:
        return {
            "samples_in": self.samples_in,
            "kept": self.kept,
            "redacted": self.redacted,
            "dropped": self.dropped,
            "errors": self.errors,
            "reasons": dict(sorted(self.reasons.items())),
            "members_removed": dict(sorted(self.members_removed.items())),
            "errors_by_stage": dict(sorted(self.errors_by_stage.items())),
            "stage_seconds": {k: round(v, 3) for k, v in sorted(self.stage_seconds.items())},
            "prepare_seconds": {k: round(v, 3) for k, v in sorted(self.prepare_seconds.items())},
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "RunStats":
        return cls(
            samples_in=data["samples_in"], kept=data["kept"], redacted=data["redacted"],
            dropped=data["dropped"], errors=data["errors"],
            reasons=Counter(data["reasons"]), members_removed=Counter(data.get("members_removed", {})),
            errors_by_stage=Counter(data["errors_by_stage"]),
            stage_seconds=Counter(data["stage_seconds"]), prepare_seconds=Counter(data["prepare_seconds"]),
        )
