"""Progress on stderr: a bar on a terminal, plain log lines otherwise, nothing with --quiet."""

from __future__ import annotations

import logging
import sys
import time

from tqdm import tqdm

log = logging.getLogger("piu_filter")


class Progress:
    """Counts samples and shards; the bar's ETA comes from shards, the rate from samples."""

    def __init__(self, total_shards: int, already_done: int, quiet: bool, log_every: float = 30.0) -> None:
        self.samples = 0
        self.started = time.monotonic()
        self.quiet = quiet
        self.log_every = log_every
        self._last_log = self.started
        self._bar = None
        self.total_shards = total_shards
        self.shards_done = already_done
        if not quiet and sys.stderr.isatty():
            self._bar = tqdm(total=total_shards, initial=already_done, unit="shard", file=sys.stderr, dynamic_ncols=True)

    @property
    def rate(self) -> float:
        return self.samples / max(time.monotonic() - self.started, 1e-9)

    def add_samples(self, count: int) -> None:
        self.samples += count
        if self._bar is not None:
            self._bar.set_postfix_str(f"{self.samples} samples, {self.rate:.1f} samples/s", refresh=True)
        elif not self.quiet and time.monotonic() - self._last_log >= self.log_every:
            self._log_line()

    def shard_done(self, name: str) -> None:
        self.shards_done += 1
        if self._bar is not None:
            self._bar.update(1)
        elif not self.quiet:
            log.info("shard %s done", name)
            self._log_line()

    def _log_line(self) -> None:
        self._last_log = time.monotonic()
        log.info("%d/%d shards, %d samples, %.1f samples/s", self.shards_done, self.total_shards, self.samples, self.rate)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
