"""`scan`: score every row of an embedding folder on the text queries, image queries and the classifier head,
one task per part on the run's engines, then the candidate list and stats from every done marker."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from piu_filter import __version__
from piu_filter.detection import thresholds
from piu_filter.engines.base import Executed, JobResult, execute
from piu_filter.io.embedding_parts import list_parts, read_model
from piu_filter.io.filesystem import check_output_apart
from piu_filter.io.labelled import image_files
from piu_filter.io.paths import expand_paths
from piu_filter.profile import Profile
from piu_filter.scan.config import ScanConfig
from piu_filter.scan.finish import finish_scan
from piu_filter.scan.layout import ScanLayout
from piu_filter.scan.plan import check_models, scan_tasks
from piu_filter.scan.queries import scan_queries
from piu_filter.scan.task import ScanSettings


def scan(root: str | Path, output: str | Path, config: ScanConfig, quiet: bool = False,
         overwrite: bool = False) -> JobResult:
    """Scan every part of `root` not finished yet in `output`; `overwrite` clears earlier outputs first."""
    config.validate()
    return execute(ScanJob(str(root), ScanLayout(str(output)), config, overwrite), quiet)


@dataclass
class ScanJob:
    """`scan`'s steps around its part tasks (see `piu_filter.engines.base.execute`)."""

    root: str
    layout: ScanLayout
    config: ScanConfig
    overwrite: bool = False
    unit: str = "parts"
    description: dict[str, Any] = field(default_factory=dict)

    def check(self) -> None:
        check_output_apart([self.root], self.layout.root, "the embedding folder")
        self.layout.check_writable()

    def tasks(self) -> tuple[list, int]:
        config = self.config
        parts = list_parts(self.root)
        profile = Profile.load(config.profile)
        head_path = config.classifier or profile.classifier
        head = _load_head(head_path) if head_path else None
        exemplars = expand_paths(profile.image_queries.exemplars, image_files, "profile image_queries.exemplars (images)")
        queries = scan_queries(profile, exemplars, config.clip_model, config.clip_pretrained, config.device,
                               Path(config.query_cache) if config.query_cache else None)
        check_models(parts, queries, head, config.embeddings_model, read_model(self.root))
        detection = profile.detection
        limits = thresholds(detection.text_threshold, detection.image_threshold, detection.classifier_threshold,
                            head.threshold if head is not None else None)
        settings = ScanSettings(queries, str(head_path) if head_path else None, limits, detection.rule,
                                detection.candidate_margin, config.keep_captions, config.batch_rows)
        self.description = {
            "version": __version__,
            "profile": profile.name,
            "profile_digest": profile.digest(),
            "queries_digest": queries.digest(),
            "classifier": _head_digest(Path(head_path)) if head_path else None,
            "keep_captions": config.keep_captions,
        }
        if self.overwrite:
            self.layout.clear()
        tasks = scan_tasks(parts, self.layout, settings, self.description)
        self.layout.make_dirs()
        return tasks, len(parts)

    def finish(self, executed: Executed) -> dict[str, Any]:
        return finish_scan(self.layout, self.description, executed.seconds, executed.samples, executed.failed)


def _load_head(folder: str):
    """The classifier head (torch is imported only when a scan has one)."""
    from piu_filter.models.head import ClassifierHead

    return ClassifierHead.load(folder)


def _head_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for name in ("head.json", "head.safetensors"):
        digest.update((folder / name).read_bytes())
    return digest.hexdigest()
