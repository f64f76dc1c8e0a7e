"""Run a pipeline over shards on this machine: in-process, or in N worker processes.

Shards are the unit of work and of resume: a shard whose done marker matches its input and the
run's settings is never redone; any other is redone from scratch (see `plan`). stats.json and
the blocklist are built from every done marker in the output folder, so partial reruns end with
the totals of one full run. Stages know nothing of this module.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import queue
import time
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import torch

from piu_filter.blocklist import blocked_rows, write_blocklist
from piu_filter.config import RunConfig
from piu_filter.errors import PiuFilterError
from piu_filter.io.layout import OutputLayout, write_json_atomic
from piu_filter.io.shards import ShardSource, expand_inputs
from piu_filter.pipeline import Pipeline
from piu_filter.run.plan import check_output_apart, run_settings, shard_digest, shards_to_do, shown
from piu_filter.run.progress import Progress
from piu_filter.run.shard_job import UnreadableShardError, process_shard
from piu_filter.run.stats import RunStats

log = logging.getLogger("piu_filter")


@dataclass
class RunResult:
    """What a run leaves behind: the summed stats (as in stats.json) and the shards that failed."""

    stats: dict[str, Any]
    failed_shards: dict[str, str] = field(default_factory=dict)

    @property
    def completed(self) -> bool:
        return not self.failed_shards


def run(inputs: list[str], output: str | Path, config: RunConfig, workers: int = 1, quiet: bool = False,
        overwrite: bool = False) -> RunResult:
    """Process every input shard not finished yet, then write stats.json and the blocklist.

    `overwrite` clears what earlier runs left in the output folder first (needed to change the
    action of a folder that holds finished shards).
    """
    if workers < 1:
        raise PiuFilterError(f"--workers must be at least 1, not {workers}")
    check_output_apart(inputs, output)
    sources = expand_inputs(inputs)
    pipeline = Pipeline.from_config(config)
    for stage, why in pipeline.skipped.items():
        log.warning("stage %s skipped: %s", stage, why)
    layout = OutputLayout(Path(output))
    settings = run_settings(config, pipeline.describe())
    if overwrite:
        layout.clear()
    todo = shards_to_do(sources, layout, settings, overwrite)
    layout.make_dirs(write_shards=config.action != "tag")
    if len(todo) < len(sources):
        log.info("resuming: %d of %d shards already done", len(sources) - len(todo), len(sources))
    markers = {source.name: {"digest": shard_digest(source, settings), "settings": settings} for source in todo}
    started = time.monotonic()
    progress = Progress(len(sources), len(sources) - len(todo), quiet)
    try:
        if workers == 1 or len(todo) <= 1:
            failed = _run_in_process(todo, layout, pipeline, markers, progress)
        else:
            failed = _run_in_workers(todo, layout, config, markers, workers, progress)
    finally:
        progress.close()
    stats = _summarise(layout, pipeline, time.monotonic() - started, progress.samples, failed)
    return RunResult(stats, failed)


def _failure(source: ShardSource, exc: BaseException) -> str:
    """Why a shard failed as a whole, fit for logs and stats (a pipe: command's arguments masked)."""
    if isinstance(exc, UnreadableShardError):
        detail = "the command failed or gave no complete tar" if source.url.startswith("pipe:") else str(exc)
        return f"unreadable ({shown(source.url)}): {detail}"
    return type(exc).__name__


def _run_in_process(todo: list[ShardSource], layout: OutputLayout, pipeline: Pipeline, markers: dict[str, dict],
                    progress: Progress) -> dict[str, str]:
    failed: dict[str, str] = {}
    for source in todo:
        try:
            process_shard(source, layout, pipeline, markers[source.name], progress.add_samples)
        except (KeyboardInterrupt, PiuFilterError):
            raise
        except Exception as exc:  # noqa: BLE001 - one shard's failure must not stop the others
            failed[source.name] = _failure(source, exc)
            log.error("shard %s failed: %s", source.name, failed[source.name], exc_info=log.isEnabledFor(logging.DEBUG))
            continue
        progress.shard_done(source.name)
    return failed


_worker_pipeline: Pipeline | None = None
_worker_layout: OutputLayout | None = None
_worker_queue: Any = None


def _init_worker(config: RunConfig, root: str, counts: Any, threads: int) -> None:
    global _worker_pipeline, _worker_layout, _worker_queue
    torch.set_num_threads(threads)
    _worker_pipeline = Pipeline.from_config(config)
    _worker_layout = OutputLayout(Path(root))
    _worker_queue = counts


def _worker_shard(source: ShardSource, marker: dict[str, Any]) -> str:
    process_shard(source, _worker_layout, _worker_pipeline, marker, _worker_queue.put)
    return source.name


def _run_in_workers(todo: list[ShardSource], layout: OutputLayout, config: RunConfig, markers: dict[str, dict],
                    workers: int, progress: Progress) -> dict[str, str]:
    """Each worker builds its pipeline once and loads its models on its first shard."""
    context = multiprocessing.get_context("spawn")
    counts = context.Queue()
    threads = max(1, (os.cpu_count() or 1) // workers)
    failed: dict[str, str] = {}
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker,
                             initargs=(config, str(layout.root), counts, threads)) as pool:
        pending: dict[Future, ShardSource] = {pool.submit(_worker_shard, source, markers[source.name]): source for source in todo}
        while pending:
            finished, _ = wait(pending, timeout=0.5, return_when=FIRST_COMPLETED)
            _drain(counts, progress)
            for future in finished:
                source = pending.pop(future)
                exc = future.exception()
                if exc is None:
                    progress.shard_done(source.name)
                else:
                    failed[source.name] = _failure(source, exc)
                    log.error("shard %s failed: %s", source.name, failed[source.name])
    _drain(counts, progress)
    return failed


def _drain(counts: Any, progress: Progress) -> None:
    while True:
        try:
            progress.add_samples(counts.get_nowait())
        except queue.Empty:
            return


def _summarise(layout: OutputLayout, pipeline: Pipeline, seconds: float, samples_this_run: int,
               failed: dict[str, str]) -> dict[str, Any]:
    """Sum every done marker of the output folder into stats.json; build the blocklist from their records."""
    total = RunStats()
    done = layout.done_markers()
    for marker in done.values():
        total.add(RunStats.from_dict(marker))
    manifest = write_blocklist(blocked_rows(layout.records(stem) for stem in done), layout.blocklist, pipeline.profile.digest())
    stats = {
        **total.to_dict(),
        **pipeline.describe(),
        "shards": {"done": len(done), "failed": dict(sorted(failed.items()))},
        "blocklist_rows": manifest["rows"],
        "this_run": {"samples": samples_this_run, "seconds": round(seconds, 3),
                     "samples_per_second": round(samples_this_run / seconds, 2) if seconds > 0 else None},
    }
    write_json_atomic(layout.stats, stats)
    return stats
