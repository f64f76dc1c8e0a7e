"""One shard, start to finish: read, process in micro-batches, write outputs, mark done (or damaged)."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass
from typing import Any

from piu_filter.batches import batched, prefetched
from piu_filter.io.embedding_parts import EmbeddingPartWriter
from piu_filter.io.filesystem import join, shown, write_json_whole, written_whole
from piu_filter.io.layout import OutputLayout
from piu_filter.io.records import RecordWriter
from piu_filter.io.shards import ShardReadReport, ShardSource, ShardWriter, output_key, read_samples
from piu_filter.config import RunConfig
from piu_filter.errors import error_text
from piu_filter.pipeline import Pipeline, worker_pipeline
from piu_filter.run.damage import READ_TRIES, damage_is_final, file_state, local_file, retry_pause
from piu_filter.run.stats import RunStats


class UnreadableShardError(Exception):
    """A shard could not be read to its end and the fault may pass (see `run.damage`): nothing of it is kept."""


@dataclass(frozen=True)
class ShardTask:
    """One input shard to filter, with the done marker's content (what the output is made from)."""

    source: ShardSource
    marker: dict[str, Any]

    @property
    def name(self) -> str:
        return self.source.name

    def run(self, config: RunConfig, layout: OutputLayout, on_samples: Callable[[int], None]) -> None:
        """Process the shard, trying again (after a pause) when its read fails in a way that may pass."""
        pipeline = worker_pipeline(config)
        for attempt in range(1, READ_TRIES + 1):
            counted = 0

            def count(samples: int) -> None:
                nonlocal counted
                counted += samples
                on_samples(samples)

            try:
                process_shard(self.source, layout, pipeline, self.marker, count)
                return
            except UnreadableShardError:
                on_samples(-counted)  # the progress line counts each sample once
                if attempt == READ_TRIES:
                    raise
                retry_pause(attempt)

    def failure(self, exc: BaseException) -> str:
        """Why the shard failed as a whole, naming it and the cause (a pipe: command's arguments masked)."""
        if isinstance(exc, UnreadableShardError):
            url = self.source.url
            detail = "the command failed or gave no complete tar" if url.startswith("pipe:") else str(exc)
            return f"unreadable ({shown(url)}): {detail}"
        return f"{shown(self.source.url)}: {error_text(exc)}"


def process_shard(source: ShardSource, layout: OutputLayout, pipeline: Pipeline, marker: dict[str, Any],
                  on_samples: Callable[[int], None] = lambda n: None) -> RunStats:
    """Process `source` into its output shard and records; nothing appears until both are complete.

    Kept and redacted samples go to the output shard (unless the action is `tag`), every
    sample to the records. Both are written to temporary files and put in place whole (see
    `io.filesystem`); the done marker, written last, holds the shard's stats and `marker`
    (what the shard was made from). A local shard whose damage is final (`run.damage`) keeps
    what was read before it, and its marker says `damaged` with the reason; any other shard
    that cannot be read to its end leaves no output and no marker, and raises
    UnreadableShardError, so that it is tried again.
    """
    stats = RunStats()
    report = ShardReadReport()
    config = pipeline.config
    seconds_before, prepare_before = dict(pipeline.stage_seconds), dict(pipeline.prepare_seconds)
    pipeline.setup()
    write_shard = config.action != "tag"
    path = local_file(source)
    state = file_state(path) if path is not None else None
    embeddings = EmbeddingPartWriter(join(layout.root, "embeddings"), source.stem) if config.save_embeddings else None
    with written_whole(layout.records(source.stem)) as records_file, \
            (written_whole(layout.shard(source.name)) if write_shard else nullcontext()) as shard_file:
        records = RecordWriter(records_file, keep_pii_text=config.keep_pii_text)
        shard = ShardWriter(shard_file, compress=source.compressed) if write_shard else None
        try:
            for batch in prefetched(batched(read_samples(source, report), config.batch_size), pipeline.prepare):
                pipeline.process(batch, prepared=True)
                for sample in batch:
                    records.add(sample)
                    stats.count(sample)
                    if embeddings is not None:
                        embeddings.add(sample.key, sample.url, sample.image_sha256, sample.embedding)
                    if shard is not None and sample.ok and sample.action != "drop":
                        shard.write(output_key(sample.key), sample.members)
                on_samples(len(batch))
            if report.error is not None and not damage_is_final(source, report.error, state):
                raise UnreadableShardError(report.error)
        except BaseException:
            _close_quietly(records, shard)
            raise
        records.close()
        if shard is not None:
            shard.close()
    if embeddings is not None:
        embeddings.close(pipeline.model_identities()["clip"])
    stats.stage_seconds.update({k: v - seconds_before.get(k, 0.0) for k, v in pipeline.stage_seconds.items()})
    stats.prepare_seconds.update({k: v - prepare_before.get(k, 0.0) for k, v in pipeline.prepare_seconds.items()})
    write_json_whole(layout.done_marker(source.stem),
                     {**stats.to_dict(), **marker, "shard": source.name, "damaged": report.error})
    return stats


def _close_quietly(records: RecordWriter, shard: ShardWriter | None) -> None:
    """Close the writers of a shard that did not finish (its temporary files are then removed)."""
    for closer in (records.close, shard.close if shard is not None else None):
        if closer is not None:
            try:
                closer()
            except Exception:  # noqa: BLE001 - cleaning up after the real error
                pass
