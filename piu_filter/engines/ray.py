"""The Ray engine: one Ray task per shard, on a Ray started here or on a cluster (`--ray-address`).

Each task runs `task.run` in a Ray worker process, which takes its models from `worker_pipeline`,
so they load once per worker process: workers are kept for later tasks, GPU workers included.
A task asks for the profile's `resources:` (CPUs, GPUs, memory). A task whose worker dies (killed,
out of memory, its node lost) is retried up to MAX_RETRIES times from scratch; a task that raises
is not: its shard failed, as with the local engine, and a rerun redoes it. Shards write their
outputs themselves, done marker last, so the driver only counts.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from piu_filter.errors import PiuFilterError
from piu_filter.extras import extra_needed
from piu_filter.profile import Profile
from piu_filter.profile_sections import ResourcesConfig
from piu_filter.engines.base import Task
from piu_filter.engines.progress import Progress

with extra_needed():
    import ray
    from ray.exceptions import RayError, RayTaskError

log = logging.getLogger("piu_filter")

MAX_RETRIES = 3
POLL_SECONDS = 0.5


def run_shards(tasks: Sequence[Task], config: Any, layout: Any, progress: Progress) -> dict[str, str]:
    """Run every task as a Ray task; return task name -> why it failed. One failure never stops the others."""
    connect(config.ray_address)
    remote = ray.remote(**task_options(Profile.load(config.profile).resources))(_run_task)
    shared = ray.put(config), ray.put(layout)
    pending = {remote.remote(task, *shared): task for task in tasks}
    failed: dict[str, str] = {}
    try:
        while pending:
            ready, _ = ray.wait(list(pending), num_returns=len(pending), timeout=POLL_SECONDS)
            for ref in ready:
                task = pending.pop(ref)
                why = _outcome(ref, task, progress)
                if why is not None:
                    failed[task.name] = why
                    log.error("shard %s failed: %s", task.name, why)
    except BaseException:
        for ref in pending:
            ray.cancel(ref, force=True)
        raise
    return failed


def connect(address: str | None) -> None:
    """Join the Ray cluster at `address` (`auto`, `ray://HOST:PORT`), or start Ray on this machine;
    a Ray this process already joined is used as it is."""
    if ray.is_initialized():
        return
    try:
        ray.init(address=address, logging_level=logging.WARNING)
    except ConnectionError as exc:
        raise PiuFilterError(f"--ray-address {address}: no Ray cluster answered ({exc}); "
                             "start one with `ray start --head`, or leave --ray-address out to start Ray here") from None


def task_options(resources: ResourcesConfig) -> dict[str, Any]:
    """Ray options of a shard task: the profile's resources, retries of a lost worker, workers kept
    between tasks (`max_calls=0`: a GPU task's worker is otherwise replaced after each task)."""
    options: dict[str, Any] = {"num_cpus": resources.cpus, "num_gpus": resources.gpus,
                               "max_retries": MAX_RETRIES, "max_calls": 0}
    if resources.memory_gib > 0:
        options["memory"] = int(resources.memory_gib * 2**30)
    return options


def _run_task(task: Task, config: Any, layout: Any) -> int:
    """In a Ray worker: run `task`, return how many samples it processed."""
    samples = 0

    def count(n: int) -> None:
        nonlocal samples
        samples += n

    task.run(config, layout, count)
    return samples


def _outcome(ref: Any, task: Task, progress: Progress) -> str | None:
    """Why the task behind `ref` failed, or None when it finished (counted in `progress`).

    A user's error (a model missing on a worker) stops the run with its message, as it would here."""
    try:
        samples = ray.get(ref)
    except RayTaskError as exc:
        if isinstance(exc.cause, PiuFilterError):
            raise exc.cause from None
        return task.failure(exc.cause)
    except RayError as exc:  # the worker died more often than MAX_RETRIES, or its node was lost
        return task.failure(exc)
    progress.add_samples(samples)
    progress.shard_done(task.name)
    return None
