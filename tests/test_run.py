"""End-to-end `piu-filter run` with the tiny RANDOM-weight CLIP model on shards with planted faults."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tarfile
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from conftest import EXAMPLE_SHARDS

from piu_filter.cli.main import main
from piu_filter.blocklist.urls import url_sha256


def run_cli(*args: str) -> int:
    return main(["run", *args, "--quiet", "--ocr-scope", "none", "--device", "cpu"])


def records(out: Path) -> list[dict]:
    rows = []
    for path in sorted((out / "records").glob("*.parquet")):
        rows += pq.read_table(path).to_pylist()
    return rows


def shard_keys(path: Path) -> list[str]:
    with tarfile.open(path) as tar:
        return sorted({m.name.split(".", 1)[0] for m in tar.getmembers()})


def leftovers(out: Path) -> list[Path]:
    return [p for p in out.rglob("*") if p.name.endswith(".tmp")]


def threshold_profile(tmp_path: Path, threshold: float) -> str:
    path = tmp_path / f"profile-{threshold}.yaml"
    path.write_text(f"detection:\n  text_threshold: {threshold}\n")
    return str(path)


@pytest.fixture(scope="module")
def inputs(faulty_shards):
    return [str(faulty_shards["faults"]), str(EXAMPLE_SHARDS)]


@pytest.fixture(scope="module")
def tagged(tmp_path_factory, tiny_clip, inputs, faulty_shards):
    """A tag run over the planted faults, the examples and a cut tar: the cut tar finishes damaged, the run exits 0."""
    out = tmp_path_factory.mktemp("tagged")
    assert run_cli(*inputs, str(faulty_shards["cut"]), "--output", str(out), "--clip-model", tiny_clip, "--action", "tag") == 0
    return out


def test_every_input_sample_has_exactly_one_record(tagged, faulty_shards):
    rows = records(tagged)
    stats = json.loads((tagged / "stats.json").read_text())
    assert stats["samples_in"] == len(rows)
    assert stats["samples_in"] == stats["kept"] + stats["redacted"] + stats["dropped"] + stats["errors"]
    faults = [r for r in rows if r["shard"] == "faults.tar"]
    assert len(faults) == faulty_shards["fault_samples"]
    assert sum(r["shard"] == "00000.tar" for r in rows) == 12


def test_planted_faults_become_error_records_and_the_rest_is_scored(tagged):
    rows = {(r["key"], r["url"]): r for r in records(tagged) if r["shard"] == "faults.tar"}
    failed = {key for (key, _), r in rows.items() if r["error"]}
    assert failed == {"garbage", "empty", "bomb", "truncated", "dup"}
    assert "decompression bomb" in rows[("bomb", "https://a.example.com/b.png")]["error"]
    assert "duplicate key" in rows[("dup", "https://a.example.com/d2.jpg")]["error"]
    assert rows[("dup", "https://a.example.com/d1.jpg")]["error"] is None
    for key in ("cmyk", "rgba", "anim", "good0", "scan1", "good7"):
        row = next(r for (k, _), r in rows.items() if k == key)
        assert row["error"] is None and 0 <= row["clip_score"] <= 1
        assert len(row["image_sha256"]) == 64
        assert row["image_phash"] is None if key in ("rgba", "anim") else len(row["image_phash"]) == 16  # blank: no pHash
    assert rows[("nojson", None)]["error"] is None
    for row in rows.values():
        if row["error"]:
            assert row["action"] == "drop" and row["reasons"] == ["error"]


def test_a_cut_tar_finishes_damaged_with_its_samples_before_the_cut_recorded(tagged, faulty_shards):
    stats = json.loads((tagged / "stats.json").read_text())
    assert stats["shards"]["failed"] == {} and stats["shards"]["done"] == 5
    assert list(stats["shards"]["damaged"]) == ["cut.tar"]
    assert stats["shards"]["damaged"]["cut.tar"].startswith("unreadable tar after ")
    assert json.loads((tagged / "done" / "cut.json").read_text())["damaged"] == stats["shards"]["damaged"]["cut.tar"]
    keys = [r["key"] for r in records(tagged) if r["shard"] == "cut.tar"]
    assert 0 < len(keys) < 6 and keys == [f"c{i}" for i in range(len(keys))]  # of the 6 samples written, those before the cut


def test_the_report_lists_damaged_shards(tagged, tmp_path, capsys):
    capsys.readouterr()
    assert main(["report", str(tagged), "--out", str(tmp_path / "report"), "--format", "json"]) == 0
    (run,) = json.loads(capsys.readouterr().out)["inputs"]
    assert list(run["shards_damaged"]) == ["cut.tar"] and run["shards_failed"] == {}


def test_a_rerun_leaves_a_damaged_shard_alone_until_its_bytes_change(tmp_path, tiny_clip, faulty_shards, capsys):
    cut = tmp_path / "cut.tar"
    shutil.copy(faulty_shards["cut"], cut)
    out = tmp_path / "out"
    assert run_cli(str(cut), "--output", str(out), "--clip-model", tiny_clip, "--action", "tag") == 0
    (warning,) = capsys.readouterr().err.strip().splitlines()
    assert warning.startswith("piu-filter: warning: 1 shard(s) damaged, kept up to the damage: cut.tar (unreadable tar")
    first = json.loads((out / "stats.json").read_text())
    assert run_cli(str(cut), "--output", str(out), "--clip-model", tiny_clip, "--action", "tag") == 0
    again = json.loads((out / "stats.json").read_text())
    assert again["this_run"]["samples"] == 0 and again["samples_in"] == first["samples_in"]
    cut.write_bytes(cut.read_bytes() + bytes(1024))  # other bytes: read again
    assert run_cli(str(cut), "--output", str(out), "--clip-model", tiny_clip, "--action", "tag") == 0
    assert json.loads((out / "stats.json").read_text())["this_run"]["samples"] > 0


def test_tag_writes_records_only(tagged):
    assert not (tagged / "shards").exists()
    assert all(r["action"] == "keep" for r in records(tagged) if r["error"] is None)
    assert pq.read_table(tagged / "blocklist" / "blocklist.parquet").num_rows == 0
    assert leftovers(tagged) == []


def test_drop_removes_exactly_the_detected_samples(tmp_path, tagged, tiny_clip, inputs):
    scores = sorted(r["clip_score"] for r in records(tagged) if r["error"] is None)
    threshold = scores[len(scores) // 2]
    out = tmp_path / "out"
    assert run_cli(*inputs, "--output", str(out), "--clip-model", tiny_clip,
                   "--profile", threshold_profile(tmp_path, threshold)) == 0
    rows = records(out)
    for row in rows:
        if row["error"] is None:
            assert row["detected"] == (row["clip_score"] >= threshold)
            assert row["action"] == ("drop" if row["detected"] else "keep")
    stats = json.loads((out / "stats.json").read_text())
    assert stats["dropped"] == sum(r["detected"] for r in rows if r["error"] is None) > 0
    assert stats["reasons"]["detected"] == stats["dropped"]
    for shard in ("faults.tar", "00000.tar", "00001.tar"):
        kept = sorted({r["key"] for r in rows if r["shard"] == shard and r["action"] == "keep"})
        assert shard_keys(out / "shards" / shard) == kept
    assert leftovers(out) == []


def test_kept_samples_are_written_unchanged(tmp_path, tiny_clip):
    out = tmp_path / "out"
    assert run_cli(str(EXAMPLE_SHARDS / "00000.tar"), "--output", str(out), "--clip-model", tiny_clip,
                   "--profile", threshold_profile(tmp_path, 1.0)) == 0
    with tarfile.open(EXAMPLE_SHARDS / "00000.tar") as original, tarfile.open(out / "shards" / "00000.tar") as written:
        before = {m.name: original.extractfile(m).read() for m in original.getmembers()}
        after = {m.name: written.extractfile(m).read() for m in written.getmembers()}
    assert before == after


def test_blocklist_holds_hashes_of_dropped_samples_not_urls(tmp_path, tiny_clip):
    out = tmp_path / "out"
    assert run_cli(str(EXAMPLE_SHARDS), "--output", str(out), "--clip-model", tiny_clip,
                   "--profile", threshold_profile(tmp_path, 0.0)) == 0
    rows = records(out)
    table = pq.read_table(out / "blocklist" / "blocklist.parquet")
    assert "url" not in table.column_names
    assert table.num_rows == len(rows) == 36
    assert set(table["url_sha256"].to_pylist()) == {url_sha256(r["url"]) for r in rows}
    assert set(table["image_sha256"].to_pylist()) == {r["image_sha256"] for r in rows}
    manifest = json.loads((out / "blocklist" / "manifest.json").read_text())
    assert manifest["rows"] == 36 and manifest["counts_by_reason"] == {"detected": 36}
    hashes = (out / "blocklist" / "url_sha256.txt").read_text().split()
    assert sorted(hashes) == sorted(set(table["url_sha256"].to_pylist()))
    assert b"images.example.com" not in (out / "blocklist" / "blocklist.parquet").read_bytes()


def test_rerun_skips_finished_shards_and_redoes_unfinished(tmp_path, tiny_clip):
    out = tmp_path / "out"
    args = [str(EXAMPLE_SHARDS), "--output", str(out), "--clip-model", tiny_clip]
    assert run_cli(*args) == 0
    before = {p.name: p.stat().st_mtime_ns for p in (out / "records").iterdir()}
    (out / "done" / "00001.json").unlink()
    assert run_cli(*args) == 0
    after = {p.name: p.stat().st_mtime_ns for p in (out / "records").iterdir()}
    assert after["00000.parquet"] == before["00000.parquet"]
    assert after["00001.parquet"] != before["00001.parquet"]
    stats = json.loads((out / "stats.json").read_text())
    assert stats["samples_in"] == 36 and stats["this_run"]["samples"] == 12


def test_workers_give_the_same_records_as_one_process(tmp_path, tiny_clip):
    one, two = tmp_path / "one", tmp_path / "two"
    assert run_cli(str(EXAMPLE_SHARDS), "--output", str(one), "--clip-model", tiny_clip) == 0
    assert run_cli(str(EXAMPLE_SHARDS), "--output", str(two), "--clip-model", tiny_clip, "--workers", "2") == 0
    key = lambda r: (r["shard"], r["key"])  # noqa: E731
    first, second = sorted(records(one), key=key), sorted(records(two), key=key)
    assert [(r["key"], r["action"]) for r in first] == [(r["key"], r["action"]) for r in second]
    for a, b in zip(first, second):
        assert a["clip_score"] == pytest.approx(b["clip_score"], abs=1e-4)


def test_sigkill_then_rerun_yields_every_key_exactly_once(tmp_path, tiny_clip):
    shards = tmp_path / "in"
    shards.mkdir()
    for i in range(8):
        shutil.copy(EXAMPLE_SHARDS / f"{i % 3:05d}.tar", shards / f"{i:05d}.tar")
    out = tmp_path / "out"
    command = [sys.executable, "-m", "piu_filter.cli.main", "run", str(shards), "--output", str(out),
               "--clip-model", tiny_clip, "--profile", threshold_profile(tmp_path, 1.0), "--quiet",
               "--ocr-scope", "none", "--batch-size", "4"]
    process = subprocess.Popen(command)
    deadline = time.monotonic() + 120
    while not list((out / "done").glob("*.json")) if (out / "done").exists() else True:
        assert time.monotonic() < deadline and process.poll() is None
        time.sleep(0.01)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    finished = len(list((out / "done").glob("*.json")))
    assert finished < 8, "the run finished before it could be killed"
    assert subprocess.run(command).returncode == 0
    rows = records(out)
    assert len(rows) == 8 * 12
    assert len({(r["shard"], r["key"]) for r in rows}) == 8 * 12
    for i in range(8):
        assert len(shard_keys(out / "shards" / f"{i:05d}.tar")) == 12
    assert leftovers(out) == []


def test_missing_model_fails_before_the_first_sample(tmp_path, capsys):
    out = tmp_path / "out"
    code = run_cli(str(EXAMPLE_SHARDS), "--output", str(out), "--clip-model", f"local-dir:{tmp_path}/none")
    assert code == 2
    assert "no open_clip_config.json" in capsys.readouterr().err
    assert not (out / "records").exists()


def test_missing_model_can_be_skipped_and_is_reported(tmp_path):
    out = tmp_path / "out"
    assert run_cli(str(EXAMPLE_SHARDS), "--output", str(out), "--clip-model", f"local-dir:{tmp_path}/none",
                   "--missing-models", "skip") == 0
    stats = json.loads((out / "stats.json").read_text())
    assert "clip" in stats["skipped_stages"] and stats["samples_in"] == 36
    assert all(r["clip_score"] is None and r["action"] == "keep" for r in records(out))


@pytest.mark.parametrize("args, message", [
    (["--batch-size", "0"], "--batch-size must be at least 1"),
    (["--workers", "0"], "--workers must be at least 1"),
])
def test_unusable_arguments_exit_2_with_a_message(tmp_path, capsys, tiny_clip, args, message):
    argv = ["run", str(EXAMPLE_SHARDS), "--output", str(tmp_path / "o"), "--clip-model", tiny_clip, "--quiet", *args]
    assert main(argv) == 2
    assert message in capsys.readouterr().err


def test_redact_without_ocr_says_it_redacts_no_text(tmp_path, tiny_clip, capsys):
    out = tmp_path / "out"
    assert main(["run", str(EXAMPLE_SHARDS / "00000.tar"), "--output", str(out), "--clip-model", tiny_clip,
                 "--action", "redact", "--ocr-scope", "none"]) == 0
    assert "no private text is redacted" in capsys.readouterr().err
    assert shard_keys(out / "shards" / "00000.tar") == sorted(r["key"] for r in records(out))


def test_unwritable_output_is_a_clear_error(tmp_path, capsys, tiny_clip):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    assert main(["run", str(EXAMPLE_SHARDS), "--output", str(blocker / "out"), "--clip-model", tiny_clip, "--quiet"]) == 2
    assert "piu-filter:" in capsys.readouterr().err


def test_identical_runs_write_identical_records_whose_errors_hold_no_addresses(tagged, tmp_path, tiny_clip, inputs):
    again = tmp_path / "again"
    assert run_cli(*inputs, "--output", str(again), "--clip-model", tiny_clip, "--action", "tag") == 0
    for path in sorted((again / "records").glob("*.parquet")):
        assert path.read_bytes() == (tagged / "records" / path.name).read_bytes(), path.name
    errors = {r["key"]: r["error"] for r in records(again) if r["error"]}
    assert errors["garbage"] == "decode: undecodable image: UnidentifiedImageError: cannot identify image file <_io.BytesIO>"
    assert not any(" at 0x" in error for error in errors.values())
