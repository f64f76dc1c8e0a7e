"""One shard, start to finish: read, process in micro-batches, write outputs, mark done."""

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
from piu_filter.pipeline import Pipeline, worker_pipeline
from piu_filter.run.stats import RunStats


class UnreadableShardError(Exception):
    """A shard could not be read to its end (missing, cut short, not a tar): nothing of it is kept."""


@dataclass(frozen=True)
class ShardTask:
    """One input shard to filter, with the done marker's content (what the output is made from)."""

    source: ShardSource
    marker: dict[str, Any]

    @property
    def name(self) -> str:
        return self.source.name

    def run(self, config: RunConfig, layout: OutputLayout, on_samples: Callable[[int], None]) -> None:
        process_shard(self.source, layout, worker_pipeline(config), self.marker, on_samples)

    def failure(self, exc: BaseException) -> str:
        """Why the shard failed as a whole (a pipe: command's arguments masked)."""
        if isinstance(exc, UnreadableShardError):
            url = self.source.url
            detail = "the command failed or gave no complete tar" if url.startswith("pipe:") else str(exc)
            return f"unreadable ({shown(url)}): {detail}"
        return type(exc).__name__


def process_shard(source: ShardSource, layout: OutputLayout, pipeline: Pipeline, marker: dict[str, Any],
                  on_samples: Callable[[int], None] = lambda n: None) -> RunStats:
    """Process `source` into its output shard and records; nothing appears until both are complete.

    Kept and redacted samples go to the output shard (unless the action is `tag`), every
    sample to the records. Both are written to temporary files and put in place whole (see
    `io.filesystem`); the done marker, written last, holds the shard's stats and `marker`
    (what the shard was made from). A shard that cannot be read to its end leaves no output and
    no marker, and raises UnreadableShardError, so that a rerun tries it again.
    """
    stats = RunStats()
    report = ShardReadReport()
    config = pipeline.config
    seconds_before, prepare_before = dict(pipeline.stage_seconds), dict(pipeline.prepare_seconds)
    pipeline.setup()
    write_shard = config.action != "tag"
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
            if report.error is not None:
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
    write_json_whole(layout.done_marker(source.stem), {**stats.to_dict(), **marker})
    return stats


def _close_quietly(records: RecordWriter, shard: ShardWriter | None) -> None:
    """Close the writers of a shard that did not finish (its temporary files are then removed)."""
    for closer in (records.close, shard.close if shard is not None else None):
        if closer is not None:
            try:
                closer()
            except Exception:  # noqa: BLE001 - cleaning up after the real error
                pass
