"""The Ray engine on a real local Ray (2 CPUs, shared by the session) against the local engine, with
the tiny RANDOM-weight CLIP model and no OCR."""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from conftest import EXAMPLE_SHARDS

from piu_filter.config import RunConfig
from piu_filter.errors import PiuFilterError
from piu_filter.run.runner import run

TOTALS = ("samples_in", "kept", "redacted", "dropped", "errors", "reasons", "errors_by_stage", "blocklist_rows")


def config(tiny_clip: str, engine: str, **options) -> RunConfig:
    return RunConfig(clip_model=tiny_clip, ocr_scope="none", device="cpu", engine=engine, batch_size=4, **options)


def records(out: Path) -> pa.Table:
    table = pa.concat_tables(pq.read_table(path) for path in sorted((out / "records").glob("*.parquet")))
    return table.sort_by([("shard", "ascending"), ("key", "ascending")])


def totals(stats: dict) -> dict:
    return {name: stats[name] for name in TOTALS}


@pytest.fixture(scope="module")
def local_run(tmp_path_factory, tiny_clip):
    out = tmp_path_factory.mktemp("local")
    result = run([str(EXAMPLE_SHARDS)], out, config(tiny_clip, "local"), quiet=True)
    assert result.completed
    return out, result.stats


@pytest.fixture(scope="module")
def ray_run(tmp_path_factory, tiny_clip, local_ray):
    out = tmp_path_factory.mktemp("ray")
    result = run([str(EXAMPLE_SHARDS)], out, config(tiny_clip, "ray"), quiet=True)
    assert result.completed
    return out, result.stats


def test_ray_engine_writes_the_records_and_totals_of_the_local_engine(local_run, ray_run):
    (local_out, local_stats), (ray_out, ray_stats) = local_run, ray_run
    assert records(ray_out).equals(records(local_out))
    assert totals(ray_stats) == totals(local_stats)
    assert ray_stats["samples_in"] == 36 and ray_stats["shards"] == {"done": 3, "damaged": {}, "failed": {}}
    assert ray_stats["this_run"]["samples"] == 36
    assert sorted(p.name for p in (ray_out / "shards").iterdir()) == sorted(p.name for p in (local_out / "shards").iterdir())


def test_a_ray_rerun_redoes_nothing_and_then_only_an_unfinished_shard(ray_run, tiny_clip):
    out, first = ray_run
    written = {p.name: p.stat().st_mtime_ns for p in (out / "records").iterdir()}
    again = run([str(EXAMPLE_SHARDS)], out, config(tiny_clip, "ray"), quiet=True)
    assert again.stats["this_run"]["samples"] == 0 and totals(again.stats) == totals(first)
    assert {p.name: p.stat().st_mtime_ns for p in (out / "records").iterdir()} == written
    (out / "done" / "00001.json").unlink()
    redo = run([str(EXAMPLE_SHARDS)], out, config(tiny_clip, "ray"), quiet=True)
    assert redo.stats["this_run"]["samples"] == 12 and totals(redo.stats) == totals(first)
    rewritten = {p.name: p.stat().st_mtime_ns for p in (out / "records").iterdir()}
    assert [name for name in written if rewritten[name] != written[name]] == ["00001.parquet"]


def held_back_shard(folder: Path) -> str:
    """A `pipe:` input that sends the first half of a shard, then waits for a `go` file before the
    rest; each start appends the shell's pid to `starts`."""
    tar = EXAMPLE_SHARDS / "00002.tar"
    half = tar.stat().st_size // 2
    script = (f'echo $$ >> {folder}/starts; head -c {half} "$0"; '
              f'while [ ! -e {folder}/go ]; do sleep 0.05; done; tail -c +{half + 1} "$0"')
    return f"pipe:sh -c '{script}' {tar}"


def ray_worker_running(shell_pid: int) -> int:
    """The pid of the Ray worker process (titled `ray::...`) that started the shell `shell_pid` (from /proc)."""
    pid = shell_pid
    while pid > 1:
        pid = int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
        if Path(f"/proc/{pid}/cmdline").read_bytes().startswith(b"ray::"):
            return pid
    raise AssertionError("the shard's shell was not started by a Ray worker")


def test_a_sigkilled_ray_worker_is_retried_and_every_shard_is_written_once(tmp_path, tiny_clip, local_ray):
    inputs = [str(EXAMPLE_SHARDS / "00000.tar"), str(EXAMPLE_SHARDS / "00001.tar"), held_back_shard(tmp_path)]
    out = tmp_path / "out"
    outcome: dict = {}
    runner = threading.Thread(target=lambda: outcome.update(result=run(inputs, out, config(tiny_clip, "ray"), quiet=True)))
    runner.start()
    starts = tmp_path / "starts"
    deadline = time.monotonic() + 120
    while not (starts.exists() and starts.read_text().strip()):
        assert time.monotonic() < deadline and runner.is_alive()
        time.sleep(0.05)
    worker = ray_worker_running(int(starts.read_text().split()[0]))
    os.kill(worker, signal.SIGKILL)
    (tmp_path / "go").touch()
    runner.join(timeout=120)
    assert not runner.is_alive()
    result = outcome["result"]
    assert result.completed and len(starts.read_text().split()) == 2, "the killed shard ran again, once"
    rows = records(out).to_pylist()
    assert len(rows) == 36 and len({(row["shard"], row["key"]) for row in rows}) == 36
    assert result.stats["samples_in"] == 36 and result.stats["shards"]["done"] == 3
    assert [p for p in out.rglob("*") if p.name.endswith(".tmp")] == []


def test_the_ray_engine_without_ray_says_which_extra_before_any_work(tmp_path, tiny_clip, monkeypatch):
    monkeypatch.setitem(sys.modules, "ray", None)
    monkeypatch.delitem(sys.modules, "piu_filter.engines.ray", raising=False)
    with pytest.raises(PiuFilterError, match=r"pip install 'piu-filter\[ray\]'"):
        run([str(EXAMPLE_SHARDS)], tmp_path / "out", config(tiny_clip, "ray"), quiet=True)
    assert not (tmp_path / "out").exists()


def test_profile_resources_become_the_ray_task_options(tmp_path):
    from piu_filter.profile import Profile
    from piu_filter.engines.ray import task_options

    profile = tmp_path / "gpu.yaml"
    profile.write_text("resources:\n  cpus: 2\n  gpus: 0.5\n  memory_gib: 3\n")
    loaded = Profile.load(profile)
    assert task_options(loaded.resources) == {"num_cpus": 2, "num_gpus": 0.5, "memory": 3 * 2**30,
                                              "max_retries": 3, "max_calls": 0}
    assert loaded.digest() == Profile.load().digest(), "where shards run changes no output"
    profile.write_text("resources:\n  gpus: -1\n")
    with pytest.raises(PiuFilterError, match="resources.gpus"):
        Profile.load(profile)
