"""What the runs say about themselves (stats.json, done markers): stage seconds, models, profile, shards."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from piu_filter.detection import thresholds
from piu_filter.profile import Profile
from piu_filter.report.inputs import OutputFolder


def run_figures(outputs: list[OutputFolder]) -> list[dict[str, Any]]:
    """One entry per output folder: its action, profile, models, skipped stages, shards and stage seconds."""
    runs = []
    for output in outputs:
        stats = output.stats or {}
        shards = _mapping(stats.get("shards") or stats.get("parts"))  # a scan's unit is a part
        this_run = _mapping(stats.get("this_run"))
        runs.append({
            "path": str(output.root),
            "has_stats": output.stats is not None,
            "action": stats.get("action"),
            "profile": stats.get("profile"),
            "profile_digest": stats.get("profile_digest"),
            "models": _mapping(stats.get("models")),
            "skipped_stages": _mapping(stats.get("skipped_stages")),
            "shards_done": len(output.done) if output.done else shards.get("done"),
            "shards_damaged": _mapping(shards.get("damaged")),
            "shards_failed": _mapping(shards.get("failed")),
            "stage_seconds": _mapping(stats.get("stage_seconds")),
            "samples_in": stats.get("samples_in", stats.get("rows")),
            "samples_per_second": this_run.get("samples_per_second", this_run.get("rows_per_second")),
        })
    return runs


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def stage_figures(runs: list[dict[str, Any]]) -> dict[str, dict[str, float | None]]:
    """Seconds per stage summed over the runs, and samples per second of each stage."""
    seconds: Counter = Counter()
    for run in runs:
        seconds.update(run["stage_seconds"])
    samples = sum(run["samples_in"] or 0 for run in runs)
    return {stage: {"seconds": round(total, 3), "samples_per_second": round(samples / total, 2) if total > 0 else None}
            for stage, total in sorted(seconds.items())}


def profile_figures(profile: Profile, runs: list[dict[str, Any]]) -> dict[str, Any]:
    """The profile whose thresholds the report draws, and whether the runs were made with it."""
    digest = profile.digest()
    made_with = sorted({run["profile_digest"] for run in runs if run["profile_digest"]})
    return {
        "name": profile.name,
        "digest": digest,
        "rule": profile.detection.rule,
        "runs_made_with": made_with,
        "matches_runs": made_with == [digest] if made_with else None,
    }


def thresholds_of(profile: Profile) -> dict[str, float | None]:
    """Each path's threshold; the classifier's from the profile, else the one stored with its head."""
    detection = profile.detection
    head = Path(profile.classifier) / "head.json" if profile.classifier else None
    stored = json.loads(head.read_text()).get("threshold") if head is not None and head.is_file() else None
    return thresholds(detection.text_threshold, detection.image_threshold, detection.classifier_threshold, stored)
