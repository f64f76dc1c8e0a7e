"""One shard, start to finish: read, process in micro-batches, write outputs, mark done."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from itertools import islice
from typing import Any

import webdataset as wds

from piu_filter.io.layout import OutputLayout, commit, tmp_path, write_json_atomic
from piu_filter.io.records import RecordWriter
from piu_filter.io.shards import ShardReadReport, ShardSource, output_key, read_samples
from piu_filter.pipeline import Pipeline
from piu_filter.run.stats import RunStats
from piu_filter.sample import Sample


def batched(samples: Iterable[Sample], size: int) -> Iterator[list[Sample]]:
    iterator = iter(samples)
    while batch := list(islice(iterator, size)):
        yield batch


def prefetched(batches: Iterable[list[Sample]], prepare: Callable[[list[Sample]], object]) -> Iterator[list[Sample]]:
    """Read and prepare the next batch in a background thread while the caller works on this one."""
    iterator = iter(batches)

    def load_next() -> list[Sample] | None:
        batch = next(iterator, None)
        if batch is not None:
            prepare(batch)
        return batch

    with ThreadPoolExecutor(1, thread_name_prefix="piu-prefetch") as pool:
        upcoming = pool.submit(load_next)
        while (batch := upcoming.result()) is not None:
            upcoming = pool.submit(load_next)
            yield batch


class UnreadableShardError(Exception):
    """A shard could not be read to its end (missing, cut short, not a tar): nothing of it is kept."""


def process_shard(source: ShardSource, layout: OutputLayout, pipeline: Pipeline, marker: dict[str, Any],
                  on_samples: Callable[[int], None] = lambda n: None) -> RunStats:
    """Process `source` into its output shard and records; nothing appears until both are complete.

    Kept and redacted samples go to the output shard (unless the action is `tag`), every
    sample to the records. The done marker, written last, holds the shard's stats and `marker`
    (what the shard was made from). A shard that cannot be read to its end leaves no output and
    no marker, and raises UnreadableShardError, so that a rerun tries it again.
    """
    stats = RunStats()
    report = ShardReadReport()
    config = pipeline.config
    records_path, shard_path = layout.records(source.stem), layout.shard(source.name)
    seconds_before, prepare_before = dict(pipeline.stage_seconds), dict(pipeline.prepare_seconds)
    records = RecordWriter(tmp_path(records_path), keep_pii_text=config.keep_pii_text)
    shard = (wds.TarWriter(str(tmp_path(shard_path)), encoder=False, compress=source.compressed)
             if config.action != "tag" else None)
    pipeline.setup()
    try:
        for batch in prefetched(batched(read_samples(source, report), config.batch_size), pipeline.prepare):
            pipeline.process(batch, prepared=True)
            for sample in batch:
                records.add(sample)
                stats.count(sample)
                if shard is not None and sample.ok and sample.action != "drop":
                    shard.write({"__key__": output_key(sample.key), **sample.members})
            on_samples(len(batch))
    except BaseException:
        _discard(records, shard, records_path, shard_path)
        raise
    if report.error is not None:
        _discard(records, shard, records_path, shard_path)
        raise UnreadableShardError(report.error)
    records.close()
    if shard is not None:
        shard.close()
        commit(shard_path)
    commit(records_path)
    stats.stage_seconds.update({k: v - seconds_before.get(k, 0.0) for k, v in pipeline.stage_seconds.items()})
    stats.prepare_seconds.update({k: v - prepare_before.get(k, 0.0) for k, v in pipeline.prepare_seconds.items()})
    write_json_atomic(layout.done_marker(source.stem), {**stats.to_dict(), **marker})
    return stats


def _discard(records: RecordWriter, shard: wds.TarWriter | None, records_path, shard_path) -> None:
    """Close and remove the temporary files of a shard that did not finish."""
    for closer in (records.close, shard.close if shard is not None else None):
        if closer is not None:
            try:
                closer()
            except Exception:  # noqa: BLE001 - cleaning up after the real error
                pass
    for path in (tmp_path(records_path), tmp_path(shard_path)):
        path.unlink(missing_ok=True)
