"""The executor seam: a task is one unit of work (a shard, an embedding part), an engine runs tasks.

An engine is a function `run_shards(tasks, config, layout, progress) -> {task name: why it failed}`,
chosen by name from `ENGINES`. It knows nothing of stages or outputs: each task does its own
work through `task.run(config, layout, on_samples)` in whatever process the engine puts it,
and says why it failed through `task.failure(exc)`. Planning (which tasks) and finishing
(totals from done markers) are the same for every engine: `plan.py`, `finish.py`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from typing import Any, Protocol

from piu_filter.config import ENGINES
from piu_filter.errors import PiuFilterError
from piu_filter.run.progress import Progress


class Task(Protocol):
    """One unit of work, picklable so that it can travel to another process or machine."""

    name: str

    def run(self, config: Any, layout: Any, on_samples: Callable[[int], None]) -> None:
        """Do the work and write its outputs, the done marker last; raise on failure (nothing is kept)."""

    def failure(self, exc: BaseException) -> str:
        """Why this task failed, fit for logs and stats (no private text)."""


RunShards = Callable[[Sequence[Task], Any, Any, Progress], dict[str, str]]

ENGINE_MODULES: dict[str, str] = {name: f"piu_filter.run.{name}" for name in ENGINES}


def engine(name: str) -> RunShards:
    """The `run_shards` function of the engine called `name` (its module imported only now)."""
    if name not in ENGINE_MODULES:
        raise PiuFilterError(f"--engine must be one of {', '.join(ENGINE_MODULES)}, not {name!r}")
    return importlib.import_module(ENGINE_MODULES[name]).run_shards
