"""One writer per output folder: a second run into a held folder exits 2 at once naming the holder, the
lock of a run that is gone is taken over, leases on object stores expire (tiny RANDOM-weight CLIP)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from conftest import EXAMPLE_SHARDS

from piu_filter.cli.main import main
from piu_filter.io.output_lock import LEASE_NAME, LOCK_NAME, OutputBusyError, output_lock

SLOW_SHARD = f"pipe:sleep 4 && cat {EXAMPLE_SHARDS / '00000.tar'}"  # holds the lock for seconds


def run_command(out: Path, tiny_clip: str, action: str, *inputs: str) -> list[str]:
    return [sys.executable, "-m", "piu_filter.cli.main", "run", *(inputs or (str(EXAMPLE_SHARDS),)), "--output", str(out),
            "--clip-model", tiny_clip, "--ocr-scope", "none", "--action", action, "--quiet"]


def wait_for(path: Path, seconds: float = 60.0) -> None:
    deadline = time.monotonic() + seconds
    while not path.exists():
        assert time.monotonic() < deadline, f"{path} never appeared"
        time.sleep(0.05)


def assert_consistent(out: Path) -> None:
    """Every done marker has its records and (unless tag) its shard, and stats.json sums exactly them."""
    stats = json.loads((out / "stats.json").read_text())
    markers = sorted(p.stem for p in (out / "done").glob("*.json"))
    assert stats["shards"]["done"] == len(markers)
    rows = sum(pq.read_table(out / "records" / f"{stem}.parquet").num_rows for stem in markers)
    assert stats["samples_in"] == rows
    assert not list(out.rglob("*.tmp")) and not (out / LOCK_NAME).exists()


@pytest.mark.parametrize("second_action", ["tag", "drop"])
def test_a_second_run_into_a_held_folder_exits_2_at_once_and_the_first_finishes(tmp_path, tiny_clip, second_action):
    out = tmp_path / "out"
    first = subprocess.Popen(run_command(out, tiny_clip, "tag", SLOW_SHARD, str(EXAMPLE_SHARDS / "00001.tar")),
                             stderr=subprocess.PIPE, text=True)
    wait_for(out / LOCK_NAME)
    started = time.monotonic()
    second = subprocess.run(run_command(out, tiny_clip, second_action), capture_output=True, text=True)
    assert second.returncode == 2 and time.monotonic() - started < 30
    (line,) = second.stderr.strip().splitlines()
    assert f"process {first.pid} on {socket.gethostname()}" in line and "another --output" in line
    assert first.wait(timeout=120) == 0, first.stderr.read()
    assert_consistent(out)
    assert json.loads((out / "stats.json").read_text())["samples_in"] == 24


def test_the_lock_of_a_run_that_is_gone_is_taken_over(tmp_path, tiny_clip, capsys):
    out = tmp_path / "out"
    out.mkdir()
    (out / LOCK_NAME).write_text(json.dumps({"pid": 999999, "host": socket.gethostname(), "started": "earlier"}))
    assert main(["run", str(EXAMPLE_SHARDS / "00000.tar"), "--output", str(out), "--clip-model", tiny_clip,
                 "--ocr-scope", "none", "--action", "tag"]) == 0
    assert "taking over the lock of a run that ended without letting go of it (process 999999" in capsys.readouterr().err
    assert_consistent(out)


def test_a_held_folder_is_refused_in_process_with_the_holder_named(tmp_path):
    folder = str(tmp_path / "out")
    holder = subprocess.Popen([sys.executable, "-c", "import sys\nfrom piu_filter.io.output_lock import output_lock\n"
                               f"with output_lock({folder!r}):\n    print('held', flush=True)\n    sys.stdin.read()\n"],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(OutputBusyError, match=f"process {holder.pid}"):
            with output_lock(folder):
                pass
    finally:
        holder.communicate("", timeout=30)
    with output_lock(folder):  # let go when its holder ended
        assert os.path.exists(os.path.join(folder, LOCK_NAME))


def test_a_lease_on_an_object_store_is_exclusive_until_it_expires():
    import fsspec

    folder = "memory://lease-test/out"
    with output_lock(folder):
        with pytest.raises(OutputBusyError, match=f"process {os.getpid()}"):
            with output_lock(folder):
                pass
    fs = fsspec.filesystem("memory")
    assert not fs.exists(f"/lease-test/out/{LEASE_NAME}")
    fs.pipe_file(f"/lease-test/out/{LEASE_NAME}", json.dumps({"pid": 1, "host": "elsewhere", "expires": time.time() - 1}).encode())
    with output_lock(folder):
        assert json.loads(fs.cat_file(f"/lease-test/out/{LEASE_NAME}"))["pid"] == os.getpid()
