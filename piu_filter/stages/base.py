"""The stage contract: load models once, annotate micro-batches, never drop."""

from __future__ import annotations

import logging
from abc import ABC, abstractmethod
from collections.abc import Callable

from piu_filter.sample import Sample

log = logging.getLogger(__name__)


class Stage(ABC):
    """A step that annotates samples.

    `setup()` loads models, lazily and once per process; `annotate(batch)` annotates the
    samples this stage applies to (`applies_to`, the cascade predicate). `prepare(batch)` is
    optional CPU work that needs no model and nothing a model stage computes (decoding,
    resizing): a runner may call it in a background thread, one batch ahead of `annotate`.
    Both run after `setup()`. `prepare_batch` and `process` are what a pipeline calls: they skip failed samples and
    pass the rest through untouched. If a whole batch fails, each sample is retried alone, so
    one bad sample fails alone.
    """

    name: str = "stage"
    failure: str = "while annotating"

    def __init__(self) -> None:
        self._ready = False

    def setup(self) -> None:
        """Load models and other heavy state. Called once, before the first batch."""

    def applies_to(self, sample: Sample) -> bool:
        """Whether this stage should annotate `sample` (all samples by default)."""
        return True

    def prepare(self, batch: list[Sample]) -> None:
        """CPU-only work ahead of `annotate`, safe to run in another thread (none by default)."""

    @abstractmethod
    def annotate(self, batch: list[Sample]) -> None:
        """Annotate every sample of `batch` in place."""

    def ensure_ready(self) -> None:
        """Run `setup()` unless it has run in this process."""
        if not self._ready:
            self.setup()
            self._ready = True

    def prepare_batch(self, batch: list[Sample]) -> list[Sample]:
        self.ensure_ready()
        self._run_isolated(self.prepare, batch)
        return batch

    def process(self, batch: list[Sample]) -> list[Sample]:
        self.ensure_ready()
        self._run_isolated(self.annotate, batch)
        return batch

    def _run_isolated(self, step: Callable[[list[Sample]], None], batch: list[Sample]) -> None:
        todo = [sample for sample in batch if sample.ok and self.applies_to(sample)]
        if not todo:
            return
        try:
            step(todo)
        except Exception as exc:  # noqa: BLE001 - isolate the failing sample(s) below
            if len(todo) == 1:
                self._fail(todo[0], exc)
                return
            for sample in todo:
                try:
                    step([sample])
                except Exception as single_exc:  # noqa: BLE001
                    self._fail(sample, single_exc)

    def _fail(self, sample: Sample, exc: Exception) -> None:
        """Fail one sample; the message names the exception type only, never its text (it may hold PII)."""
        log.debug("stage %s failed on %s/%s", self.name, sample.shard, sample.key, exc_info=exc)
        sample.fail(self.name, f"{type(exc).__name__} {self.failure}")
