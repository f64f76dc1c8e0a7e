"""A WebDataset pipeline stage: `wds.WebDataset(urls).compose(piu_filter.wds_stage(pipe))`."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import PurePosixPath
from typing import Any

from piu_filter.config import RunConfig
from piu_filter.pipeline import Pipeline, worker_pipeline
from piu_filter.integrations.convert import annotations
from piu_filter.sample import Sample

ANNOTATION_KEY = "piu.json"


def wds_stage(pipeline: Pipeline | RunConfig, keep_dropped: bool = False) -> WdsStage:
    """A stage for `wds.WebDataset(urls).compose(...)` that runs `pipeline` (or a pipeline of that RunConfig,
    built once per process; see `WdsStage`)."""
    return WdsStage(pipeline if isinstance(pipeline, RunConfig) else pipeline.config, keep_dropped)


class WdsStage:
    """Filters and annotates raw WebDataset samples (dicts of bytes, before `.decode()`).

    Each sample that survives gets a `piu.json` member with the annotations (a dict after
    `.decode()`, bytes before; it is written to tars like any member), and its members
    redacted under `action="redact"`; samples the policy drops (and failed ones) are left out
    unless `keep_dropped`. Works in `.compose()` of `WebDataset` and in `DataPipeline`.
    """

    def __init__(self, config: RunConfig, keep_dropped: bool = False) -> None:
        self.config = config
        self.keep_dropped = keep_dropped

    def __call__(self, source: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        pipeline = worker_pipeline(self.config)
        iterator = iter(source)
        while batch := list(islice(iterator, self.config.batch_size)):
            samples = [_to_sample(raw) for raw in batch]
            pipeline.process(samples)
            for raw, sample in zip(batch, samples):
                if sample.action == "drop" and not self.keep_dropped:
                    continue
                passthrough = {k: v for k, v in raw.items() if k.startswith("__")}
                found = json.dumps(annotations(sample, self.config.keep_pii_text, pipeline.stage_names)).encode("utf-8")
                yield {**passthrough, **sample.members, ANNOTATION_KEY: found}


def _to_sample(raw: dict[str, Any]) -> Sample:
    members = {k: v for k, v in raw.items() if not k.startswith("__") and isinstance(v, (bytes, bytearray))}
    shard = PurePosixPath(str(raw.get("__url__", "stream"))).name
    return Sample(key=str(raw.get("__key__")), shard=shard, members=members)
