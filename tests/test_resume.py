"""Reruns never lie and inputs are never overwritten: digest-aware resume, totals from every done
marker, unreadable shards retried, outputs kept apart from inputs (tiny RANDOM-weight CLIP)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from conftest import EXAMPLE_SHARDS

from piu_filter.cli.main import main


def run_cli(*args: str) -> int:
    return main(["run", *args, "--quiet", "--ocr-scope", "none"])


@pytest.fixture()
def shards(tmp_path) -> Path:
    folder = tmp_path / "in"
    shutil.copytree(EXAMPLE_SHARDS, folder)
    return folder


def stats_of(out: Path) -> dict:
    return json.loads((out / "stats.json").read_text())


def test_a_changed_action_is_refused_unless_overwrite(shards, tmp_path, tiny_clip, capsys):
    out = tmp_path / "out"
    assert run_cli(str(shards), "--output", str(out), "--clip-model", tiny_clip, "--action", "tag") == 0
    assert run_cli(str(shards), "--output", str(out), "--clip-model", tiny_clip, "--action", "drop") == 2
    assert "--action tag" in capsys.readouterr().err
    assert run_cli(str(shards), "--output", str(out), "--clip-model", tiny_clip, "--action", "drop", "--overwrite") == 0
    stats = stats_of(out)
    assert stats["action"] == "drop" and stats["samples_in"] == 36 and len(list((out / "shards").glob("*.tar"))) == 3


def test_a_changed_input_or_profile_redoes_the_shard(shards, tmp_path, tiny_clip):
    out = tmp_path / "out"
    assert run_cli(str(shards), "--output", str(out), "--clip-model", tiny_clip) == 0
    before = {p.name: p.stat().st_mtime_ns for p in (out / "records").iterdir()}
    other = tmp_path / "batch2"
    other.mkdir()
    shutil.copy(shards / "00001.tar", other / "00000.tar")  # same name, other content
    assert run_cli(str(other / "00000.tar"), "--output", str(out), "--clip-model", tiny_clip) == 0
    keys = pq.read_table(out / "records" / "00000.parquet")["key"].to_pylist()
    assert keys == pq.read_table(out / "records" / "00001.parquet")["key"].to_pylist()
    profile = tmp_path / "strict.yaml"
    profile.write_text("detection:\n  text_threshold: 0.9\n")
    assert run_cli(str(shards), "--output", str(out), "--clip-model", tiny_clip, "--profile", str(profile)) == 0
    after = {p.name: p.stat().st_mtime_ns for p in (out / "records").iterdir()}
    assert all(after[name] != before[name] for name in before)


def test_a_rerun_of_a_subset_keeps_the_totals_of_the_whole(shards, tmp_path, tiny_clip):
    out = tmp_path / "out"
    assert run_cli(str(shards), "--output", str(out), "--clip-model", tiny_clip, "--action", "tag") == 0
    whole = stats_of(out)
    (out / "done" / "00001.json").unlink()
    assert run_cli(str(shards / "00001.tar"), "--output", str(out), "--clip-model", tiny_clip, "--action", "tag") == 0
    again = stats_of(out)
    assert again["samples_in"] == whole["samples_in"] == 36 and again["this_run"]["samples"] == 12
    assert again["blocklist_rows"] == whole["blocklist_rows"]


@pytest.mark.parametrize("relation", ["equal", "inside", "holding"])
def test_an_output_overlapping_an_input_is_refused_before_writing(shards, tiny_clip, relation, capsys):
    output = {"equal": shards, "inside": shards / "out", "holding": shards.parent}[relation]
    before = sorted(p.name for p in output.rglob("*")) if output.exists() else []
    assert run_cli(str(shards), "--output", str(output), "--clip-model", tiny_clip) == 2
    assert "overlaps the input" in capsys.readouterr().err
    assert (sorted(p.name for p in output.rglob("*")) if output.exists() else []) == before


def test_a_failing_pipe_exits_1_without_a_marker_and_masks_its_arguments(tmp_path, tiny_clip, capsys):
    """A pipe: command is tried again, then reported failed; a local file that is no tar is final damage."""
    out = tmp_path / "out"
    not_a_tar = tmp_path / "notatar.tar"
    not_a_tar.write_bytes(b"this is not a tar file at all" * 40)
    command = "pipe:cat /missing/secret-token/00042.tar"
    assert run_cli(command, str(not_a_tar), "--output", str(out), "--clip-model", tiny_clip) == 1
    err = capsys.readouterr().err
    assert [p.name for p in (out / "done").glob("*.json")] == ["notatar.json"]
    stats = stats_of(out)
    assert set(stats["shards"]["failed"]) == {"00042.tar"} and set(stats["shards"]["damaged"]) == {"notatar.tar"}
    assert stats["samples_in"] == 0
    for text in (err, (out / "stats.json").read_text()):
        assert "secret-token" not in text and "pipe:cat ***" in text


def test_a_read_that_fails_once_is_tried_again_and_not_taken_for_damage(tmp_path, tiny_clip, monkeypatch):
    from piu_filter.io import shards as shards_module

    source = tmp_path / "00000.tar"
    shutil.copy(EXAMPLE_SHARDS / "00000.tar", source)
    real_open, opened = shards_module.open_shard, []

    def flaky_open(url: str):
        opened.append(url)
        if len(opened) == 1:
            raise OSError(5, "Input/output error", url)
        return real_open(url)

    monkeypatch.setattr(shards_module, "open_shard", flaky_open)
    out = tmp_path / "out"
    assert run_cli(str(source), "--output", str(out), "--clip-model", tiny_clip, "--action", "tag") == 0
    stats = stats_of(out)
    assert stats["shards"]["damaged"] == {} and stats["samples_in"] == 12 and stats["this_run"]["samples"] == 12


def test_stages_are_retry_safe_when_a_whole_batch_fails(tiny_clip):
    """A planted fault (one sample's prepared pixels of the wrong shape) fails the batch's forward pass;
    each sample is then retried alone and every other one still gets its scores (RANDOM-weight CLIP)."""
    import numpy as np
    from conftest import good_jpeg

    import piu_filter
    from piu_filter.sample import Sample

    pipe = piu_filter.Pipeline.from_profile(action="tag", ocr_scope="none", clip_model=tiny_clip)
    samples = [Sample(key=str(i), shard="s", members={"jpg": good_jpeg(i)}) for i in range(4)]
    pipe.setup()
    pipe.prepare(samples)
    samples[2].prepared["clip"] = [np.zeros((7, 7, 3), dtype=np.uint8)]
    pipe.process(samples, prepared=True)
    assert [s.error is None for s in samples] == [True, True, False, True]
    assert all(s.clip_score is not None and s.prepared == {} for s in samples if s.error is None)


def test_members_the_reader_cannot_use_become_error_records(tmp_path, tiny_clip):
    import io
    import tarfile

    from conftest import good_jpeg

    shard = tmp_path / "odd.tar"
    with tarfile.open(shard, "w") as tar:
        for name, data in (("good.jpg", good_jpeg(1)), (".hidden.jpg", good_jpeg(2)), ("a\nb/key.jpg", good_jpeg(3))):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
        fifo = tarfile.TarInfo("pipe.jpg")
        fifo.type = tarfile.FIFOTYPE
        tar.addfile(fifo)
    out = tmp_path / "out"
    assert run_cli(str(shard), "--output", str(out), "--clip-model", tiny_clip, "--action", "tag") == 0
    rows = {r["key"]: r for r in pq.read_table(out / "records").to_pylist()}
    assert set(rows) == {"good", ".hidden.jpg", "a\nb/key.jpg", "pipe.jpg"}
    assert all(rows[key]["error"].startswith("read: skipped member") for key in rows if key != "good")
    assert stats_of(out)["errors"] == 3 and stats_of(out)["samples_in"] == 4


def test_the_command_line_and_blocklist_tools_import_no_torch():
    import subprocess
    import sys

    code = ("import sys, contextlib, io\n"
            "from piu_filter.cli.main import main\n"
            "import piu_filter.blocklist.apply\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            "    try:\n        main(['--help'])\n    except SystemExit:\n        pass\n"
            "heavy = [m for m in ('torch', 'open_clip', 'easyocr', 'presidio_analyzer', 'spacy') if m in sys.modules]\n"
            "assert not heavy, heavy\n")
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


def test_output_member_names_are_safe_and_blank_images_have_no_phash(tmp_path, tiny_clip):
    import tarfile

    from conftest import encode, good_jpeg, write_tar
    from PIL import Image

    blank = encode(Image.new("RGB", (64, 64), (200, 200, 200)), "PNG")
    shard = write_tar(tmp_path / "odd.tar", [("../../up.jpg", good_jpeg(1)), ("/abs/key.jpg", good_jpeg(2)), ("blank.png", blank)])
    out = tmp_path / "out"
    assert run_cli(str(shard), "--output", str(out), "--clip-model", tiny_clip, "--profile", _never_detect(tmp_path)) == 0
    with tarfile.open(out / "shards" / "odd.tar") as tar:
        names = sorted(tar.getnames())
    assert names == ["abs/key.jpg", "blank.png", "up.jpg"]
    rows = {r["key"]: r for r in pq.read_table(out / "records").to_pylist()}
    assert set(rows) == {"../../up", "/abs/key", "blank"} and rows["blank"]["image_phash"] is None
    assert rows["../../up"]["image_phash"] is not None


def _never_detect(tmp_path: Path) -> str:
    path = tmp_path / "never.yaml"
    path.write_text("detection:\n  text_threshold: 1.0\n")
    return str(path)


def test_gzipped_shards_are_found_in_folders_and_written_back_gzipped(tmp_path, tiny_clip):
    import gzip
    import tarfile

    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("00000.tgz", "00001.tar.gz"):
        (folder / name).write_bytes(gzip.compress((EXAMPLE_SHARDS / "00000.tar").read_bytes()))
    out = tmp_path / "out"
    assert run_cli(str(folder), "--output", str(out), "--clip-model", tiny_clip, "--profile", _never_detect(tmp_path)) == 0
    for name in ("00000.tgz", "00001.tar.gz"):
        data = (out / "shards" / name).read_bytes()
        assert data[:2] == b"\x1f\x8b"
        with tarfile.open(out / "shards" / name) as tar:
            assert len(tar.getnames()) == 36
    assert sorted(p.name for p in (out / "records").iterdir()) == ["00000.parquet", "00001.parquet"]


def test_images_over_the_default_pixel_budget_are_refused_before_decoding(tmp_path, tiny_clip):
    from conftest import encode, write_tar
    from PIL import Image

    shard = write_tar(tmp_path / "big.tar", [("big.png", encode(Image.new("1", (8000, 7000)), "PNG"))])
    out = tmp_path / "out"
    assert run_cli(str(shard), "--output", str(out), "--clip-model", tiny_clip, "--action", "tag") == 0
    (row,) = pq.read_table(out / "records").to_pylist()
    assert row["error"] == "decode: decompression bomb: 8000x7000 exceeds 50000000 pixels"


def test_overwrite_also_clears_saved_embeddings(shards, tmp_path, tiny_clip):
    out = tmp_path / "out"
    assert run_cli(str(shards), "--output", str(out), "--clip-model", tiny_clip, "--action", "tag", "--save-embeddings") == 0
    assert any((out / "embeddings" / "img_emb").iterdir())
    assert run_cli(str(shards), "--output", str(out), "--clip-model", tiny_clip, "--action", "tag", "--overwrite") == 0
    assert not any((out / "embeddings" / "img_emb").iterdir()) and not any((out / "embeddings" / "metadata").iterdir())
    assert not (out / "embeddings" / "model.json").exists()
