"""Building the report: read every record once, compute the figures, cluster, draw, write report.json and index.html."""

from __future__ import annotations

import json
import logging
import os
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
from tqdm import tqdm

from piu_filter import __version__
from piu_filter.io.shards import output_key
from piu_filter.profile import Profile
from piu_filter.report.clusters import Themes, detected_embeddings, themes
from piu_filter.report.detection import Detection
from piu_filter.report.duplicates import Duplicates
from piu_filter.report.faces import Faces
from piu_filter.report.inputs import (
    DUP_GROUPS,
    OutputFolder,
    dup_groups,
    missing_columns,
    record_batches,
)
from piu_filter.report.private_info import PrivateInfo
from piu_filter.report.runs import (
    profile_figures,
    run_figures,
    stage_figures,
    thresholds_of,
)
from piu_filter.report.totals import Totals

log = logging.getLogger("piu_filter")
REPORT_FORMAT = 1
T = TypeVar("T")


@dataclass
class Audit:
    """Every figure of the report (`figures`, as report.json holds them), the t-SNE map, and thumbnails."""

    figures: dict[str, Any]
    themes: Themes
    thumbnails: list[str]


@dataclass
class _Collected:
    """Keys of detected samples (for the clusters) and, per output folder and shard, of redacted ones (for thumbnails)."""

    detected_keys: set[str]
    redacted: dict[Path, dict[str, set[str]]]


def audit(outputs: list[OutputFolder], profile: Profile, thumbnails: int = 0,
          name_by_prompt: Callable[[np.ndarray], list[str]] | None = None, why_numbers: str | None = None,
          dedup: Sequence[Path] = (), progress: bool = False) -> Audit:
    """Compute the report of `outputs` with `profile`'s thresholds; `thumbnails` redacted images at most;
    duplicate groups from `dedup` outputs and those in the output folders."""
    thresholds = thresholds_of(profile)
    groups = dup_groups([*dedup, *(output.root for output in outputs if (output.root / DUP_GROUPS).is_file())])
    tallies = {"totals": Totals(), "detection": Detection(thresholds), "private": PrivateInfo(),
               "faces": Faces(), "unique": Duplicates(groups)}
    collected = _Collected(set(), defaultdict(lambda: defaultdict(set)))
    files = [(output, path) for output in outputs for path in output.record_files]
    missing: set[str] = set.intersection(*(missing_columns(path) for _, path in files))
    for output, path in _progress(files, progress):
        for columns in record_batches(path):
            for tally in tallies.values():
                tally.add(columns)
            _collect(columns, collected, output.root if thumbnails > 0 else None)
    runs = run_figures(outputs)
    totals = tallies["totals"].figures()
    private = tallies["private"].figures()
    figures: dict[str, Any] = {
        "format": REPORT_FORMAT,
        "tool_version": __version__,
        "inputs": runs,
        "columns_missing": sorted(missing),
        **totals,
        "stages": stage_figures(runs),
        "profile": {**profile_figures(profile, runs), "thresholds": thresholds},
        "detection": tallies["detection"].figures(),
        **private,
        "faces": tallies["faces"].figures(),
        "unique_images": tallies["unique"].figures(),
    }
    pairs = [pair for output in outputs for pair in output.embeddings]
    if progress and pairs:
        log.info("report: clustering the saved embeddings of %d detected samples", len(collected.detected_keys))
    found = detected_embeddings(pairs, collected.detected_keys) if pairs else np.zeros((0, 0), dtype=np.float32)
    theme_map = themes(found, len(collected.detected_keys), name_by_prompt, why_numbers)
    figures["clusters"] = theme_map.figures
    images: list[str] = []
    if thumbnails > 0:
        from piu_filter.report.thumbnails import redacted_thumbnails

        images = [uri for output in outputs if output.shards.is_dir()
                  for uri in redacted_thumbnails(output.shards, collected.redacted[output.root], thumbnails)][:thumbnails]
    figures["thumbnails"] = len(images)
    return Audit(figures, theme_map, images)


def _progress(files: list[T], enabled: bool) -> Iterable[T]:
    """A progress bar on a terminal, otherwise a log line at every tenth of the record files."""
    if not enabled:
        return files
    if sys.stderr.isatty():
        return tqdm(files, desc="report: records", unit="file", leave=False)
    return _logged(files)


def _logged(files: list[T]) -> Iterator[T]:
    step = max(1, len(files) // 10)
    for done, item in enumerate(files, 1):
        yield item
        if done % step == 0 or done == len(files):
            log.info("report: %d of %d record files read", done, len(files))


def _collect(columns: dict[str, list[Any]], collected: _Collected, thumbnails_of: Path | None) -> None:
    """Detected keys; redacted keys (as output shards name them) of the folder `thumbnails_of`, where given."""
    for key, shard, detected, action, error in zip(columns["key"], columns["shard"], columns["detected"],
                                                   columns["action"], columns["error"]):
        if key is None or error is not None:
            continue
        if detected:
            collected.detected_keys.add(key)
        if thumbnails_of is not None and action == "redact":
            collected.redacted[thumbnails_of][shard].add(output_key(key))


def write_report(report: Audit, out: Path, html: bool) -> list[Path]:
    """`out/report.json`, and `out/index.html` unless `html` is False; returns the files written."""
    out.mkdir(parents=True, exist_ok=True)
    written = [_write_whole(out / "report.json", json.dumps(report.figures, indent=2, sort_keys=True))]
    if html:
        from piu_filter.report.page import render_page

        page = render_page(report.figures, report.themes, report.thumbnails)
        written.append(_write_whole(out / "index.html", page))
    return written


def _write_whole(path: Path, text: str) -> Path:
    """Write `path` under a temporary name, then rename it: it appears only when complete."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
    return path
