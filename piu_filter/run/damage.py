"""Telling a damaged shard from a failed read: what is read again, and how often, before a cut is taken as final.

A local shard whose tar ends early or is not a tar at all reads the same on every try: its
samples before the damage are worth keeping, and retrying it on every rerun would fail for ever.
A read that fails once and not again (a flaky disk, a file still being copied in) is not damage,
and neither is anything read through a `pipe:` command or from a remote store: those are retried
and then reported failed.
"""

from __future__ import annotations

import os
import time

from piu_filter.io.shards import ShardReadReport, ShardSource, read_samples

READ_TRIES = 3
RETRY_SECONDS = 0.5  # before the second try; doubled before each further one


def retry_pause(attempt: int) -> None:
    """Wait before try `attempt + 1` (attempts count from 1)."""
    time.sleep(RETRY_SECONDS * 2 ** (attempt - 1))


def local_file(source: ShardSource) -> str | None:
    """The path of a shard that is a plain file on this machine, else None."""
    path = source.url.removeprefix("file://")
    return path if not source.url.startswith("pipe:") and "://" not in path and os.path.isfile(path) else None


def file_state(path: str) -> tuple[int, int]:
    stat = os.stat(path)
    return stat.st_size, stat.st_mtime_ns


def damage_is_final(source: ShardSource, error: str, state: tuple[int, int] | None) -> bool:
    """Whether `source`, a local file in `state` (size, mtime) when its read failed with `error`, reads to the
    same fault `READ_TRIES - 1` more times, unchanged in between (the samples are read again, not processed)."""
    path = local_file(source)
    if path is None or state is None:
        return False
    for attempt in range(1, READ_TRIES):
        retry_pause(attempt)
        report = ShardReadReport()
        for _ in read_samples(source, report):
            pass
        try:
            unchanged = file_state(path) == state
        except OSError:
            return False
        if report.error != error or not unchanged:
            return False
    return True
