"""The autofaiss index, search, near-duplicate expansion and dedup on a synthetic embedding folder, and the
README's LAION workflow end to end (tiny RANDOM-weight CLIP: planted copies sit closer to their scan than
any look-alike, which is what the assertions rely on)."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from piu_filter.cli.main import main

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "examples"))
import laion_scan


@pytest.fixture(scope="module")
def index(embedding_folder, tmp_path_factory):
    out = tmp_path_factory.mktemp("index") / "index"
    assert main(["index", "build", str(embedding_folder.root), "--out", str(out), "--max-memory", "256M"]) == 0
    return out


def hits_of(path) -> list[dict]:
    return pq.read_table(path).to_pylist()


def key_of(index, url: str) -> str:
    ids = pq.read_table(index / "ids.parquet").to_pylist()
    return next(row["key"] for row in ids if row["url"] == url)


def test_the_index_maps_every_id_back_to_its_part_row_and_url(index, embedding_folder):
    ids = pq.read_table(index / "ids.parquet").to_pylist()
    assert [row["id"] for row in ids] == list(range(embedding_folder.rows))
    infos = json.loads((index / "index_infos.json").read_text())
    assert infos["index_key"] and json.loads((index / "index.json").read_text())["dim"] == 64
    for row in ids[::50]:
        metadata = pq.read_table(embedding_folder.root / "metadata" / f"metadata_{row['part']}.parquet")
        assert metadata["url"][row["row"]].as_py() == row["url"] and row["key"] == f"{row['part']}:{row['row']}"


def test_an_image_query_returns_the_planted_near_duplicates_first(index, embedding_folder, tiny_clip, tmp_path):
    folder, out = embedding_folder, tmp_path / "hits.parquet"
    assert main(["search", str(index), "--image", str(folder.exemplar), "--text", "a pregnancy ultrasound", "--k", "4",
                 "--out", str(out), "--clip-model", tiny_clip]) == 0
    image = [hit for hit in hits_of(out) if hit["query_kind"] == "image"]
    assert image[0]["url"] == folder.seed_url and {hit["url"] for hit in image[1:]} == set(folder.copy_urls)
    assert [hit["similarity"] for hit in image] == sorted((hit["similarity"] for hit in image), reverse=True)
    assert {hit["query"] for hit in image} == {folder.exemplar.name}
    assert [hit["query"] for hit in hits_of(out) if hit["query_kind"] == "text"] == ["a pregnancy ultrasound"] * 4


def test_expansion_from_one_positive_recovers_its_planted_copies(index, embedding_folder, tmp_path):
    folder = embedding_folder
    seed, other = key_of(index, folder.seed_url), key_of(index, folder.negative_urls[0])
    records = tmp_path / "records.parquet"
    pq.write_table(pa.table({"key": [seed, other], "detected": [True, False]}), records)
    out = tmp_path / "expanded.parquet"
    assert main(["search", str(index), "--expand", str(records), "--k", "10", "--min-similarity", "0.9995",
                 "--out", str(out)]) == 0
    hits = hits_of(out)
    assert {hit["url"] for hit in hits} == set(folder.copy_urls)
    assert {hit["query"] for hit in hits} == {seed} and {hit["query_kind"] for hit in hits} == {"expand"}


def test_dedup_groups_the_planted_copies_and_matching_phashes(index, embedding_folder, tmp_path, capsys):
    folder = embedding_folder
    planted = [folder.seed_url, *folder.copy_urls]
    scans = [key_of(index, url) for url in planted + folder.positive_urls[1:]]
    twins = [key_of(index, url) for url in folder.negative_urls[:2]]
    records = tmp_path / "records"
    records.mkdir()
    pq.write_table(pa.table({"key": scans + twins, "detected": [True] * (len(scans) + 2),
                             "image_phash": [None] * len(scans) + ["f0f0f0f0f0f0f0f0", "f0f0f0f0f0f0f0f1"]}),
                   records / "0.parquet")
    strict = tmp_path / "profile.yaml"
    strict.write_text("dedup:\n  similarity_threshold: 0.9995\n")
    assert main(["dedup", str(records), "--embeddings", str(folder.root), "--out", str(tmp_path / "out"),
                 "--profile", str(strict)]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary == {**summary, "rows": len(scans) + 2, "unique_images": len(scans) + 2 - 3 - 1}
    groups = {row["key"]: row for row in pq.read_table(tmp_path / "out" / "dup_groups.parquet").to_pylist()}
    assert len({groups[key]["dup_group"] for key in scans[:4]}) == 1 and groups[scans[0]]["group_size"] == 4
    assert groups[twins[0]]["dup_group"] == groups[twins[1]]["dup_group"]
    assert main(["dedup", str(folder.root), "--out", str(tmp_path / "all"), "--profile", str(strict)]) == 0
    everything = json.loads(capsys.readouterr().out)
    assert everything["rows"] == folder.rows and everything["unique_images"] <= folder.rows - 3


def test_index_build_refuses_a_part_without_metadata_and_search_a_missing_index(embedding_folder, tmp_path, capsys):
    root = tmp_path / "emb"
    shutil.copytree(embedding_folder.root, root)
    (root / "metadata" / "metadata_1.parquet").unlink()
    assert main(["index", "build", str(root), "--out", str(tmp_path / "index")]) == 2
    assert "no metadata table" in capsys.readouterr().err
    assert main(["search", str(tmp_path / "none"), "--text", "x", "--out", str(tmp_path / "h.parquet")]) == 2
    assert "not a piu-filter index" in capsys.readouterr().err


def test_the_readme_laion_workflow_runs_end_to_end(tiny_clip, scan_head, tmp_path):
    summary = laion_scan.main([str(tmp_path), "--clip-model", tiny_clip, "--classifier", str(scan_head)])
    planted = summary["planted"]
    download = set(pq.read_table(tmp_path / "download.parquet")["url"].to_pylist())
    assert set(planted["positives"]) | set(planted["copies"]) <= download
    detected = json.loads((tmp_path / "scan" / "stats.json").read_text())["detected"]
    assert summary["unique_images"] == detected - len(planted["copies"])  # each copy joins its scan's group


def test_dedup_on_a_run_without_embeddings_groups_by_phash_and_says_so(tiny_clip, tmp_path, capsys):
    from conftest import EXAMPLE_SHARDS, good_jpeg, write_tar

    twice = write_tar(tmp_path / "twice.tar", [("a.jpg", good_jpeg(3)), ("b.jpg", good_jpeg(3)), ("c.jpg", good_jpeg(4))])
    out = tmp_path / "out"
    assert main(["run", str(EXAMPLE_SHARDS / "00000.tar"), str(twice), "--output", str(out), "--clip-model", tiny_clip,
                 "--ocr-scope", "none", "--action", "tag", "--quiet"]) == 0
    capsys.readouterr()
    assert main(["dedup", str(out / "records"), "--out", str(tmp_path / "dedup"), "--all"]) == 0
    captured = capsys.readouterr()
    summary = json.loads(captured.out)
    assert summary["rows"] == 15 and summary["grouped_by"] == ["phash"] and "grouping by pHash alone" in captured.err
    groups = {row["key"]: row for row in pq.read_table(tmp_path / "dedup" / "dup_groups.parquet").to_pylist()}
    assert groups["a"]["dup_group"] == groups["b"]["dup_group"] != groups["c"]["dup_group"]
    assert main(["dedup", str(out / "records"), "--out", str(tmp_path / "d2"), "--embeddings", str(tmp_path / "none")]) == 2
    assert "--save-embeddings" in capsys.readouterr().err
