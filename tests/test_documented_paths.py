"""Every `piu-filter` command the README shows runs, in order, on the bundled example data; so do the
documented model choices (`--clip-pretrained random`, a built-in model name with a weights file)."""

from __future__ import annotations

import json
import re
import shlex
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from conftest import EXAMPLE_SHARDS, ROOT
from synthetic import labelled_set

from piu_filter.cli.main import main

README = ROOT / "README.md"
SMALL_BUILTIN = "ViT-S-32-alt"  # the smallest built-in open_clip model: a real name, weights made here
# Commands that need what a test machine has not got, and where each is exercised instead.
ELSEWHERE = {
    "s3://": "tests/test_remote_output.py (a local S3 server)",
    "--engine ray": "tests/test_ray_engine.py (a local Ray cluster)",
    "scan-out/": "tests/test_report.py (run and scan outputs)",
}
LAION_WORKFLOW = "img2dataset --url_list"  # that block is examples/laion_scan.py, run in tests/test_index.py
NEEDS_CLIP = ("run", "train", "evaluate")


def readme_commands() -> list[str]:
    """The `piu-filter` lines of the README's code blocks, in order, continuation lines joined, comments cut."""
    commands = []
    for block in README.read_text().split("```")[1::2]:
        if LAION_WORKFLOW in block:
            continue
        for line in block.replace("\\\n", " ").splitlines():
            line = line.split("  #")[0].strip()
            if line.startswith("piu-filter ") and not any(marker in line for marker in ELSEWHERE):
                commands.append(line)
    return commands


def offline(command: str, tiny_clip: str) -> list[str]:
    """The command's arguments as run here: three example shards for a hundred, the tiny local CLIP model
    for a downloaded one, a `pipe:cat` of a local shard for a `pipe:curl` of a remote one."""
    command = re.sub(r"\{00000\.\.0+9+\}", "{00000..00002}", command)
    command = re.sub(r"--clip-model \S+ --clip-pretrained \S+", f"--clip-model {tiny_clip}", command)
    command = command.replace("pipe:curl -s https://host/00000.tar", "pipe:cat laion/00000.tar")
    args = shlex.split(command)[1:]
    if args[0] in NEEDS_CLIP and "--clip-model" not in args:
        args += ["--clip-model", tiny_clip]
    return args + (["--quiet"] if args[0] in ("run", "report") else [])


@pytest.fixture()
def workspace(tmp_path, monkeypatch) -> Path:
    """The folders the README's commands name, made from the bundled examples and synthetic images."""
    for name in ("laion", "shards", "scans"):
        shutil.copytree(EXAMPLE_SHARDS, tmp_path / name)
    (tmp_path / "laion400m-meta").mkdir()
    pq.write_table(pa.table({"URL": [f"https://img.example.org/{i}.jpg" for i in range(20)]}),
                   tmp_path / "laion400m-meta" / "part-0.parquet")
    labelled_set(tmp_path / "labelled", 8, 8, seed=3)
    labelled_set(tmp_path / "heldout", 6, 6, seed=4)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_every_readme_command_runs_in_order_on_the_example_data(workspace, tiny_clip):
    commands = readme_commands()
    assert len(commands) >= 18 and {shlex.split(c)[1] for c in commands} >= {"run", "blocklist", "report", "dedup",
                                                                                "train", "evaluate"}
    for command in commands:
        assert main(offline(command, tiny_clip)) == 0, command
    assert (workspace / "report" / "index.html").is_file() and (workspace / "merged" / "blocklist.parquet").is_file()


@pytest.fixture(scope="session")
def small_builtin_weights(tmp_path_factory) -> str:
    """A weights file for a built-in open_clip model (random values, saved in half precision)."""
    import open_clip
    import torch

    path = tmp_path_factory.mktemp("builtin") / f"{SMALL_BUILTIN}.pt"
    model = open_clip.create_model(SMALL_BUILTIN)
    torch.save({k: v.half() for k, v in model.state_dict().items()}, path)
    return str(path)


def test_random_weights_run_for_a_built_in_model(tmp_path):
    out = tmp_path / "out"
    assert main(["run", str(EXAMPLE_SHARDS / "00000.tar"), "--output", str(out), "--clip-model", SMALL_BUILTIN,
                 "--clip-pretrained", "random", "--ocr-scope", "none", "--action", "tag", "--quiet"]) == 0
    stats = json.loads((out / "stats.json").read_text())
    assert stats["samples_in"] == 12 and stats["models"]["clip"] == {"model": f"{SMALL_BUILTIN} (random weights)",
                                                                     "weights_sha256": None}


def test_the_laion_example_runs_with_a_built_in_model_name_and_weights_file(tmp_path, small_builtin_weights):
    import laion_scan

    summary = laion_scan.main([str(tmp_path), "--clip-model", SMALL_BUILTIN, "--clip-pretrained", small_builtin_weights])
    assert summary["rows"] > 300 and summary["download_list"] >= 1 and summary["unique_images"] >= 1


def test_make_examples_writes_the_bundled_shards_again(tmp_path):
    import subprocess
    import sys
    import tarfile

    subprocess.run([sys.executable, str(ROOT / "examples" / "make_examples.py"), str(tmp_path)], check=True,
                   capture_output=True, timeout=300)

    def members(path: Path) -> dict[str, bytes]:
        with tarfile.open(path) as tar:
            return {member.name: tar.extractfile(member).read() for member in tar.getmembers()}

    bundled = sorted(EXAMPLE_SHARDS.glob("*.tar"))
    assert len(bundled) == 3
    for shard in bundled:
        assert members(tmp_path / shard.name) == members(shard), shard.name
