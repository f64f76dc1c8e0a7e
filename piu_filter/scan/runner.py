"""`scan`: score every row of an embedding folder on the text queries, image queries and the classifier head,
one task per part on the run's engines, then the candidate list and stats from every done marker."""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from piu_filter import __version__
from piu_filter.io.embedding_parts import list_parts, read_model
from piu_filter.io.labelled import image_files
from piu_filter.io.paths import expand_paths
from piu_filter.profile import Profile
from piu_filter.run.engines import JobResult, engine, run_tasks
from piu_filter.run.plan import check_output_apart
from piu_filter.scan.config import ScanConfig
from piu_filter.scan.finish import finish_scan
from piu_filter.scan.layout import ScanLayout
from piu_filter.scan.plan import check_models, scan_tasks
from piu_filter.scan.queries import scan_queries
from piu_filter.scan.task import ScanSettings

log = logging.getLogger("piu_filter")


def scan(root: str | Path, output: str | Path, config: ScanConfig, quiet: bool = False,
         overwrite: bool = False) -> JobResult:
    """Scan every part of `root` not finished yet in `output`; `overwrite` clears earlier outputs first."""
    config.validate()
    run_shards = engine(config.engine)
    check_output_apart([str(root)], output, "the embedding folder")
    parts = list_parts(root)
    profile = Profile.load(config.profile)
    head_path = config.classifier or profile.classifier
    head = _load_head(head_path) if head_path else None
    exemplars = expand_paths(profile.image_queries.exemplars, image_files, "profile image_queries.exemplars (images)")
    queries = scan_queries(profile, exemplars, config.clip_model,
                           config.clip_pretrained, config.device, Path(config.query_cache) if config.query_cache else None)
    check_models(parts, queries, head, config.embeddings_model, read_model(root))
    detection = profile.detection
    thresholds = {"text": detection.text_threshold, "image": detection.image_threshold,
                  "classifier": detection.classifier_threshold if detection.classifier_threshold is not None
                  else head.threshold if head is not None else None}
    settings = ScanSettings(queries, str(head_path) if head_path else None, thresholds, detection.rule,
                            detection.candidate_margin, config.keep_captions, config.batch_rows)
    description = {
        "version": __version__,
        "profile": profile.name,
        "profile_digest": profile.digest(),
        "queries_digest": queries.digest(),
        "classifier": _head_digest(Path(head_path)) if head_path else None,
        "keep_captions": config.keep_captions,
    }
    layout = ScanLayout(Path(output))
    if overwrite:
        layout.clear()
    tasks = scan_tasks(parts, layout, settings, description)
    layout.make_dirs()
    if len(tasks) < len(parts):
        log.info("resuming: %d of %d parts already done", len(parts) - len(tasks), len(parts))
    executed = run_tasks(run_shards, tasks, len(parts), config, layout, quiet)
    stats = finish_scan(layout, description, executed.seconds, executed.samples, executed.failed)
    return JobResult(stats, executed.failed)


def _load_head(folder: str):
    """The classifier head (torch is imported only when a scan has one)."""
    from piu_filter.models.head import ClassifierHead

    return ClassifierHead.load(folder)


def _head_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for name in ("head.json", "head.safetensors"):
        digest.update((folder / name).read_bytes())
    return digest.hexdigest()
