"""The executor seam: a task is one unit of work (a shard, an embedding part), an engine runs tasks,
a job (`run`, `scan`) says which tasks are left and what to write once they are done.

An engine is a function `run_shards(tasks, config, layout, progress) -> {task name: why it failed}`,
chosen by name from `ENGINES`. It knows nothing of stages or outputs: each task does its own
work through `task.run(config, layout, on_samples)` in whatever process the engine puts it,
and says why it failed through `task.failure(exc)`. `execute(job)` is the skeleton every job
shares: its checks, the output folder's lock, its tasks, an engine, a progress line, its totals.
"""

from __future__ import annotations

import importlib
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from piu_filter.config import ENGINES
from piu_filter.errors import PiuFilterError
from piu_filter.engines.progress import Progress
from piu_filter.io.output_lock import output_lock

log = logging.getLogger("piu_filter")


class Task(Protocol):
    """One unit of work, picklable so that it can travel to another process or machine."""

    name: str

    def run(self, config: Any, layout: Any, on_samples: Callable[[int], None]) -> None:
        """Do the work and write its outputs, the done marker last; raise on failure (nothing is kept)."""

    def failure(self, exc: BaseException) -> str:
        """Why this task failed, fit for logs and stats (no private text)."""


RunShards = Callable[[Sequence[Task], Any, Any, Progress], dict[str, str]]

ENGINE_MODULES: dict[str, str] = {name: f"piu_filter.engines.{name}" for name in ENGINES}


def engine(name: str) -> RunShards:
    """The `run_shards` function of the engine called `name` (its module imported only now)."""
    if name not in ENGINE_MODULES:
        raise PiuFilterError(f"--engine must be one of {', '.join(ENGINE_MODULES)}, not {name!r}")
    return importlib.import_module(ENGINE_MODULES[name]).run_shards


@dataclass
class JobResult:
    """What a job (a run, a scan) leaves behind: the summed stats (as in stats.json) and the tasks that failed, with why."""

    stats: dict[str, Any]
    failed: dict[str, str] = field(default_factory=dict)

    @property
    def completed(self) -> bool:
        return not self.failed


@dataclass
class Executed:
    """How running a job's remaining tasks went: failures with why, wall seconds, samples counted."""

    failed: dict[str, str]
    seconds: float
    samples: int


class Job(Protocol):
    """A job's own steps around its tasks; `config` names the engine, `layout` the output folder."""

    config: Any
    layout: Any
    unit: str  # what a task is, in log lines ("shards", "parts")

    def check(self) -> None:
        """Refuse, before anything is written, an output that overlaps an input or cannot be written."""

    def tasks(self) -> tuple[list[Task], int]:
        """The tasks still to do, once the job's planning and folders are done, and how many it has in all."""

    def finish(self, executed: Executed) -> dict[str, Any]:
        """Write the job's totals from every done marker (and its other files); return the stats."""


def execute(job: Job, quiet: bool = False) -> JobResult:
    """Run what is left of `job` on its engine, then finish it, holding its output folder throughout."""
    run_shards = engine(job.config.engine)
    job.check()
    with output_lock(job.layout.root):
        tasks, total = job.tasks()
        if len(tasks) < total:
            log.info("resuming: %d of %d %s already done", total - len(tasks), total, job.unit)
        executed = run_tasks(run_shards, tasks, total, job.config, job.layout, quiet)
        return JobResult(job.finish(executed), executed.failed)


def run_tasks(run_shards: RunShards, tasks: Sequence[Task], total: int, config: Any, layout: Any,
              quiet: bool) -> Executed:
    """Run the `tasks` left of a job of `total` tasks on an engine, with a progress line."""
    started = time.monotonic()
    progress = Progress(total, total - len(tasks), quiet)
    try:
        failed = run_shards(tasks, config, layout, progress) if tasks else {}
    finally:
        progress.close()
    return Executed(failed, time.monotonic() - started, progress.samples)
