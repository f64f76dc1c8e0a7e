"""Totals of the records: samples in, kept, redacted, dropped, errors; per reason, per error stage, per shard;
members left out of kept and redacted samples, per type."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from piu_filter.sample import last_part

ACTIONS = {"keep": "kept", "redact": "redacted", "drop": "dropped"}


class Totals:
    """Counts as `run` writes them to stats.json, but from the records: an error counts under `errors` only."""

    def __init__(self) -> None:
        self.overall: Counter = Counter()
        self.per_shard: dict[str, Counter] = defaultdict(Counter)
        self.reasons: Counter = Counter()
        self.members_removed: Counter = Counter()
        self.errors_by_stage: Counter = Counter()
        self.actions_known = False

    def add(self, columns: dict[str, list[Any]]) -> None:
        for shard, action, reasons, error, removed in zip(columns["shard"], columns["action"], columns["reasons"],
                                                          columns["error"], columns["members_removed"]):
            counts = self.per_shard[shard]
            if error is None and action in ("keep", "redact"):
                self.members_removed.update(last_part(member) for member in removed or ())
            if error is not None:
                outcome = "errors"
                self.errors_by_stage[error.split(":", 1)[0]] += 1
            else:
                outcome = ACTIONS.get(action)
                self.reasons.update(reasons or ())
                self.actions_known |= outcome is not None
            for counter in (self.overall, counts):
                counter["samples_in"] += 1
                if outcome is not None:
                    counter[outcome] += 1

    def figures(self) -> dict[str, Any]:
        return {
            "totals": self._row(self.overall),
            "reasons": dict(sorted(self.reasons.items())),
            "members_removed": dict(sorted(self.members_removed.items())),
            "errors_by_stage": dict(sorted(self.errors_by_stage.items())),
            "per_shard": {shard: self._row(counts) for shard, counts in sorted(self.per_shard.items())},
        }

    def _row(self, counts: Counter) -> dict[str, int | None]:
        """samples_in and errors always; kept, redacted, dropped only where the records say the action (not `scan`'s)."""
        row: dict[str, int | None] = {"samples_in": counts["samples_in"]}
        for name in ACTIONS.values():
            row[name] = counts[name] if self.actions_known else None
        row["errors"] = counts["errors"]
        return row
