"""`piu-filter scan` of precomputed embeddings: the classifier and image-query paths find planted scans,
resume is exactly-once after SIGKILL, bad parts are refused by name, and a run's saved embeddings
scan to the run's own scores (synthetic folder, tiny RANDOM-weight CLIP)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from conftest import EXAMPLE_SHARDS
from tiny_clip import write_tiny_clip

from piu_filter.cli.main import main
from piu_filter.detection import fuse
from piu_filter.scan.decide import fuse_columns


def scan(*args: str) -> int:
    return main(["scan", *map(str, args), "--quiet"])


def records(out) -> list[dict]:
    return pq.read_table(out / "records").to_pylist()


def profile(tmp_path, text: str):
    path = tmp_path / "profile.yaml"
    path.write_text(text)
    return path


def test_the_classifier_path_finds_the_planted_scans_and_lists_candidates(embedding_folder, scan_head, tiny_clip, tmp_path):
    folder, out, head = embedding_folder, tmp_path / "out", scan_head
    rule = profile(tmp_path, "detection:\n  rule: classifier\n")
    assert scan(folder.root, "--output", out, "--clip-model", tiny_clip, "--classifier", head, "--profile", rule,
                "--embeddings-model", tiny_clip) == 0
    rows = records(out)
    assert len(rows) == folder.rows == len({row["key"] for row in rows})
    detected = {row["url"] for row in rows if row["detected"]}
    planted = set(folder.positive_urls) | set(folder.copy_urls)
    assert planted <= detected and not detected & set(folder.negative_urls)
    assert len(detected - planted) <= 0.02 * folder.rows  # random rows the head takes for scans
    candidates = pq.read_table(out / "candidates.parquet").to_pylist()
    assert detected <= {row["url"] for row in candidates} and all(row["classifier_prob"] is not None for row in candidates)
    stats = json.loads((out / "stats.json").read_text())
    assert (stats["rows"], stats["detected"], stats["parts"]["done"]) == (folder.rows, len(detected), 3)
    assert "caption" not in pq.read_schema(out / "records" / "0.parquet").names
    assert all(row["key"] == f"{row['shard']}:{int(row['key'].split(':')[1])}" for row in rows)


def test_the_image_query_path_and_a_query_cache_that_needs_no_clip(embedding_folder, tiny_clip, tmp_path, capsys):
    folder = embedding_folder
    rule = profile(tmp_path, f"detection:\n  rule: image\n  image_threshold: 0.9995\n"
                             f"image_queries:\n  exemplars: [{folder.exemplar}]\n")
    cache = tmp_path / "queries.npz"
    assert scan(folder.root, "--output", tmp_path / "a", "--clip-model", tiny_clip, "--profile", rule,
                "--query-cache", cache, "--keep-captions") == 0
    first = records(tmp_path / "a")
    assert {row["url"] for row in first if row["detected"]} == {folder.seed_url, *folder.copy_urls}
    assert all(row["caption"] for row in first)
    assert scan(folder.root, "--output", tmp_path / "b", "--clip-model", "local-dir:/nowhere", "--profile", rule,
                "--query-cache", cache) == 0
    assert [row["image_query_score"] for row in records(tmp_path / "b")] == [row["image_query_score"] for row in first]
    other = profile(tmp_path, "clip:\n  positive_prompts: [a sonogram]\n")
    assert scan(folder.root, "--output", tmp_path / "c", "--profile", other, "--query-cache", cache) == 2
    assert "other prompts or exemplars" in capsys.readouterr().err


def test_a_part_of_another_dimension_or_a_declared_model_that_differs_is_refused(embedding_folder, scan_head, tiny_clip,
                                                                                tmp_path, capsys):
    head = scan_head
    root = tmp_path / "emb"
    shutil.copytree(embedding_folder.root, root)
    np.save(root / "img_emb" / "img_emb_9.npy", np.zeros((5, 32), np.float16))
    pq.write_table(pa.table({"url": [f"https://x.example/{i}" for i in range(5)]}), root / "metadata" / "metadata_9.parquet")
    assert scan(root, "--output", tmp_path / "out", "--clip-model", tiny_clip) == 2
    assert "img_emb_9.npy has dimension 32, expected 64" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
    assert scan(embedding_folder.root, "--output", tmp_path / "out", "--clip-model", tiny_clip, "--classifier", head,
                "--embeddings-model", "ViT-B-32/laion400m_e32") == 2
    assert "--embeddings-model ViT-B-32/laion400m_e32 does not match" in capsys.readouterr().err


def test_missing_and_malformed_parts_fail_alone_with_one_line_each(embedding_folder, tiny_clip, tmp_path, capsys):
    assert scan(tmp_path / "nothing", "--output", tmp_path / "x", "--clip-model", tiny_clip) == 2
    assert "no img_emb/ folder" in capsys.readouterr().err
    root = tmp_path / "emb"
    shutil.copytree(embedding_folder.root, root)
    (root / "img_emb" / "img_emb_7.npy").write_bytes(b"not an array")
    pq.write_table(pa.table({"url": ["https://x.example/7"]}), root / "metadata" / "metadata_7.parquet")
    np.save(root / "img_emb" / "img_emb_8.npy", np.zeros((4, 64), np.float16))
    out = tmp_path / "out"
    assert scan(root, "--output", out, "--clip-model", tiny_clip) == 1
    err = capsys.readouterr().err.splitlines()
    assert next(line for line in err if "part 7 failed" in line).endswith("not a readable .npy array (the magic string is not correct; expected b'\\x93NUMPY', got b'not an')")
    assert any("part 8 failed" in line and "no metadata table" in line for line in err)
    assert sorted(p.name for p in (out / "records").iterdir()) == ["0.parquet", "1.parquet", "2.parquet"]
    assert sorted(json.loads((out / "stats.json").read_text())["parts"]["failed"]) == ["7", "8"]


def test_a_scan_killed_mid_run_resumes_exactly_once(tiny_clip, tmp_path):
    from piu_filter.profile import Profile
    from piu_filter.scan.queries import scan_queries

    root, parts, rows = tmp_path / "emb", 4, 20_000
    (root / "img_emb").mkdir(parents=True)
    (root / "metadata").mkdir()
    rng = np.random.default_rng(0)
    for part in range(parts):
        np.save(root / "img_emb" / f"img_emb_{part}.npy", rng.normal(size=(rows, 64)).astype(np.float16))
        pq.write_table(pa.table({"url": [f"https://web.example.com/{part}/{i}.jpg" for i in range(rows)]}),
                       root / "metadata" / f"metadata_{part}.parquet")
    cache = tmp_path / "queries.npz"
    scan_queries(Profile.load(), [], tiny_clip, None, "cpu", cache)
    out, done = tmp_path / "out", tmp_path / "out" / "done"
    args = [str(root), "--output", str(out), "--query-cache", str(cache), "--batch-rows", "500", "--quiet"]
    child = subprocess.Popen([sys.executable, "-m", "piu_filter.cli.main", "scan", *args])
    while not (done.is_dir() and any(done.glob("*.json"))):
        assert child.poll() is None, "the scan ended before it could be killed"
        time.sleep(0.005)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    finished = {path.name: path.stat().st_mtime_ns for path in done.glob("*.json")}
    assert 1 <= len(finished) < parts
    assert main(["scan", *args]) == 0
    stats = json.loads((out / "stats.json").read_text())
    assert stats["rows"] == parts * rows and stats["this_run"]["rows"] == (parts - len(finished)) * rows
    assert {name: (done / name).stat().st_mtime_ns for name in finished} == finished
    keys = pq.read_table(out / "records", columns=["key"])["key"].to_pylist()
    assert len(keys) == len(set(keys)) == parts * rows
    assert not list(out.rglob("*.tmp"))


def test_a_runs_saved_embeddings_scan_to_the_runs_own_scores(scan_head, tiny_clip, tmp_path, capsys):
    head = scan_head
    exemplar = next((head.parent / "labelled" / "piu").glob("*.jpg"))
    rule = profile(tmp_path, f"detection:\n  rule: any\nimage_queries:\n  exemplars: [{exemplar}]\n")
    out = tmp_path / "run"
    assert main(["run", str(EXAMPLE_SHARDS), "--output", str(out), "--action", "tag", "--ocr-scope", "none",
                 "--clip-model", tiny_clip, "--classifier", str(head), "--profile", str(rule), "--save-embeddings",
                 "--quiet"]) == 0
    saved = out / "embeddings"
    assert json.loads((saved / "model.json").read_text())["weights_sha256"]
    assert scan(saved, "--output", tmp_path / "scan", "--clip-model", tiny_clip, "--classifier", head, "--profile", rule) == 0
    ran = {(row["shard"].removesuffix(".tar"), row["image_sha256"]): row for row in records(out) if row["error"] is None}
    scanned = {(row["shard"], row["image_sha256"]): row for row in records(tmp_path / "scan")}
    assert set(scanned) == set(ran) and len(scanned) >= 30
    for key, row in scanned.items():
        for field in ("clip_score", "clip_similarity", "image_query_score", "classifier_prob"):
            assert row[field] == pytest.approx(ran[key][field], abs=3e-3), field  # float16 storage
    assert sum(row["detected"] == ran[key]["detected"] for key, row in scanned.items()) >= len(scanned) - 1
    assert main(["dedup", str(out / "records"), "--out", str(tmp_path / "dedup"), "--all"]) == 0  # embeddings/ beside
    assert json.loads(capsys.readouterr().out)["rows"] == len(ran)
    grouped = pq.read_table(tmp_path / "dedup" / "dup_groups.parquet")["key"].to_pylist()
    assert sorted(grouped) == sorted(row["key"] for row in records(out) if row["error"] is None)
    other = "local-dir:" + str(write_tiny_clip(tmp_path / "other-clip", seed=1))
    assert scan(saved, "--output", tmp_path / "scan2", "--clip-model", other) == 2
    assert "(model.json)" in capsys.readouterr().err


def test_fuse_columns_decides_every_row_as_fuse_does():
    rng = np.random.default_rng(3)
    scores = {name: rng.random(200).astype(np.float32) for name in ("text", "image", "classifier")}
    thresholds = {"text": 0.5, "image": 0.7, "classifier": 0.3}
    for rule in ("text", "image", "classifier", "any", "all"):
        for present in (("text",), ("text", "classifier"), ("text", "image", "classifier")):
            columns = {name: (scores[name], thresholds[name]) for name in present}
            detected, candidate = fuse_columns(columns, rule, 0.15, 200)
            expected = [fuse({name: (float(scores[name][i]), thresholds[name]) for name in present}, rule, 0.15)
                        for i in range(200)]
            assert list(zip(detected.tolist(), candidate.tolist())) == expected


def test_parts_scan_alike_on_the_ray_engine(embedding_folder, scan_head, tiny_clip, local_ray, tmp_path):
    args = [embedding_folder.root, "--clip-model", tiny_clip, "--classifier", scan_head]
    assert scan(*args, "--output", tmp_path / "local") == 0
    assert scan(*args, "--output", tmp_path / "ray", "--engine", "ray") == 0
    local = pq.read_table(tmp_path / "local" / "records").sort_by("key")
    assert pq.read_table(tmp_path / "ray" / "records").sort_by("key").equals(local)


def test_an_output_inside_the_embedding_folder_is_refused_before_writing(embedding_folder, capsys):
    root = embedding_folder.root
    assert main(["scan", str(root), "--output", str(root / "out")]) == 2
    assert "overlaps the embedding folder" in capsys.readouterr().err
    assert not (root / "out").exists()


def test_a_scan_writes_to_an_fsspec_output_as_a_run_does(embedding_folder, scan_head, tiny_clip, tmp_path):
    """memory:// stands for an object store: the same layout, files written whole, a rerun redoes nothing."""
    import fsspec

    folder, rule = embedding_folder, profile(tmp_path, "detection:\n  rule: classifier\n")
    arguments = (folder.root, "--output", "memory://scan-out", "--clip-model", tiny_clip, "--classifier", scan_head,
                 "--profile", rule, "--embeddings-model", tiny_clip)
    assert scan(*arguments) == 0
    fs = fsspec.filesystem("memory")
    stats = json.loads(fs.cat("/scan-out/stats.json"))
    assert stats["rows"] == folder.rows and stats["parts"]["done"] == 3
    assert len(fs.ls("/scan-out/records")) == 3 and fs.isfile("/scan-out/candidates.parquet")
    assert scan(*arguments) == 0
    assert json.loads(fs.cat("/scan-out/stats.json"))["this_run"]["rows"] == 0
