"""`run`: plan the shards still to do, hand them to an engine, finish with totals from every done marker.

Shards are the unit of work and of resume: a shard whose done marker matches its input and the
run's settings is never redone; any other is redone from scratch (see `plan`). Stages know
nothing of engines, and engines nothing of stages.
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import replace
from pathlib import Path

from piu_filter.config import RunConfig
from piu_filter.io.layout import OutputLayout
from piu_filter.io.shards import expand_inputs
from piu_filter.pipeline import worker_pipeline
from piu_filter.run.engines import JobResult, engine, run_tasks
from piu_filter.run.finish import finish
from piu_filter.run.plan import check_output_apart, run_settings, shard_tasks

log = logging.getLogger("piu_filter")


def run(inputs: list[str], output: str | Path, config: RunConfig, quiet: bool = False,
        overwrite: bool = False) -> JobResult:
    """Process every input shard not finished yet on `config.engine`, then write stats.json and the blocklist.

    `overwrite` clears what earlier runs left in the output folder first (needed to change the
    action of a folder that holds finished shards).
    """
    config.validate()
    config = replace(config, dicom_salt=config.dicom_salt or secrets.token_hex(16))  # one salt for every worker
    run_shards = engine(config.engine)
    check_output_apart(inputs, output)
    layout = OutputLayout(output)
    layout.check_writable()
    sources = expand_inputs(inputs)
    pipeline = worker_pipeline(config)
    for stage, why in pipeline.skipped.items():
        log.warning("stage %s skipped: %s", stage, why)
    description = pipeline.describe()
    settings = run_settings(config, description)
    if overwrite:
        layout.clear()
    tasks = shard_tasks(sources, layout, settings, overwrite)
    layout.make_dirs(write_shards=config.action != "tag")
    if len(tasks) < len(sources):
        log.info("resuming: %d of %d shards already done", len(sources) - len(tasks), len(sources))
    executed = run_tasks(run_shards, tasks, len(sources), config, layout, quiet)
    stats = finish(layout, description, executed.seconds, executed.samples, executed.failed)
    return JobResult(stats, executed.failed)
