"""`run`: plan the shards still to do, hand them to an engine, finish with totals from every done marker.

Shards are the unit of work and of resume: a shard whose done marker matches its input and the
run's settings is never redone; any other is redone from scratch (see `plan`). Stages know
nothing of engines, and engines nothing of stages.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from piu_filter.config import RunConfig
from piu_filter.io.layout import OutputLayout
from piu_filter.io.shards import expand_inputs
from piu_filter.pipeline import worker_pipeline
from piu_filter.engines.base import Executed, JobResult, execute
from piu_filter.run.finish import finish
from piu_filter.io.filesystem import check_output_apart
from piu_filter.run.plan import run_settings, shard_tasks


def run(inputs: list[str], output: str | Path, config: RunConfig, quiet: bool = False,
        overwrite: bool = False) -> JobResult:
    """Process every input shard not finished yet on `config.engine`, then write stats.json and the blocklist.

    `overwrite` clears what earlier runs left in the output folder first (needed to change the
    action of a folder that holds finished shards).
    """
    config.validate()
    config = replace(config, dicom_salt=config.dicom_salt or secrets.token_hex(16))  # one salt for every worker
    return execute(RunJob(inputs, OutputLayout(output), config, overwrite), quiet)


@dataclass
class RunJob:
    """`run`'s steps around its shard tasks (see `piu_filter.engines.base.execute`)."""

    inputs: list[str]
    layout: OutputLayout
    config: RunConfig
    overwrite: bool = False
    unit: str = "shards"
    description: dict[str, Any] = field(default_factory=dict)

    def check(self) -> None:
        check_output_apart(self.inputs, self.layout.root)
        self.layout.check_writable()

    def tasks(self) -> tuple[list, int]:
        sources = expand_inputs(self.inputs)
        pipeline = worker_pipeline(self.config)
        self.description = pipeline.describe()
        settings = run_settings(self.config, self.description)
        if self.overwrite:
            self.layout.clear()
        tasks = shard_tasks(sources, self.layout, settings, self.overwrite)
        self.layout.make_dirs(write_shards=self.config.action != "tag")
        return tasks, len(sources)

    def finish(self, executed: Executed) -> dict[str, Any]:
        return finish(self.layout, self.description, executed.seconds, executed.samples, executed.failed)
