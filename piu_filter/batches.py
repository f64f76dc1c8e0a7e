"""Micro-batches: cut a stream of samples into lists, and prepare the next one in the background."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from itertools import islice
from typing import TypeVar

T = TypeVar("T")


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Consecutive lists of `size` items (the last one shorter)."""
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def prefetched(batches: Iterable[list[T]], prepare: Callable[[list[T]], object]) -> Iterator[list[T]]:
    """Read and prepare the next batch in a background thread while the caller works on this one."""
    iterator = iter(batches)

    def load_next() -> list[T] | None:
        batch = next(iterator, None)
        if batch is not None:
            prepare(batch)
        return batch

    with ThreadPoolExecutor(1, thread_name_prefix="piu-prefetch") as pool:
        upcoming = pool.submit(load_next)
        while (batch := upcoming.result()) is not None:
            upcoming = pool.submit(load_next)
            yield batch
