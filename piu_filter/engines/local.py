"""The local engine: tasks in this process, or in `config.workers` worker processes.

Each worker process takes its models from `worker_pipeline`, so they load once per process,
on its first task.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import queue
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from typing import Any

from piu_filter.errors import PiuFilterError
from piu_filter.engines.base import Task
from piu_filter.engines.progress import Progress

log = logging.getLogger("piu_filter")


def run_shards(tasks: Sequence[Task], config: Any, layout: Any, progress: Progress) -> dict[str, str]:
    """Run every task; return task name -> why it failed. One task's failure never stops the others."""
    if config.workers == 1 or len(tasks) <= 1:
        return _in_process(tasks, config, layout, progress)
    return _in_workers(tasks, config, layout, progress)


def _in_process(tasks: Sequence[Task], config: Any, layout: Any, progress: Progress) -> dict[str, str]:
    failed: dict[str, str] = {}
    for task in tasks:
        try:
            task.run(config, layout, progress.add_samples)
        except (KeyboardInterrupt, PiuFilterError):
            raise
        except Exception as exc:  # noqa: BLE001 - one task's failure must not stop the others
            failed[task.name] = task.failure(exc)
            log.error("shard %s failed: %s", task.name, failed[task.name], exc_info=log.isEnabledFor(logging.DEBUG))
            continue
        progress.shard_done(task.name)
    return failed


_counts: Any = None


def _init_worker(counts: Any, threads: int) -> None:
    """Share the cores among the workers; torch reads these when a task first loads a model (a worker
    whose tasks load none never imports it)."""
    global _counts
    for variable in ("OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[variable] = str(threads)
    _counts = counts


def _run_task(task: Task, config: Any, layout: Any) -> None:
    task.run(config, layout, _counts.put)


def _in_workers(tasks: Sequence[Task], config: Any, layout: Any, progress: Progress) -> dict[str, str]:
    context = multiprocessing.get_context("spawn")
    counts = context.Queue()
    threads = max(1, (os.cpu_count() or 1) // config.workers)
    failed: dict[str, str] = {}
    with ProcessPoolExecutor(config.workers, mp_context=context, initializer=_init_worker, initargs=(counts, threads)) as pool:
        pending: dict[Future, Task] = {pool.submit(_run_task, task, config, layout): task for task in tasks}
        while pending:
            finished, _ = wait(pending, timeout=0.5, return_when=FIRST_COMPLETED)
            _drain(counts, progress.add_samples)
            for future in finished:
                task = pending.pop(future)
                exc = future.exception()
                if exc is None:
                    progress.shard_done(task.name)
                else:
                    failed[task.name] = task.failure(exc)
                    log.error("shard %s failed: %s", task.name, failed[task.name])
    _drain(counts, progress.add_samples)
    return failed


def _drain(counts: Any, add: Callable[[int], None]) -> None:
    while True:
        try:
            add(counts.get_nowait())
        except queue.Empty:
            return
