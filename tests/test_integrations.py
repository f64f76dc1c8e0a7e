"""Hugging Face datasets and WebDataset integrations, and the example scripts, with the tiny
RANDOM-weight CLIP model (and real OCR where a script asks for it)."""

from __future__ import annotations

import json
import sys

import datasets
import pytest
import webdataset as wds
from conftest import EXAMPLE_SHARDS, ROOT
from datasets.fingerprint import Hasher

import piu_filter

sys.path.insert(0, str(ROOT / "examples"))
import hf_datasets  # noqa: E402
import img2dataset_workflow  # noqa: E402
import webdataset_stage  # noqa: E402


def pipe(tiny_clip, **options):
    return piu_filter.Pipeline.from_profile("pregnancy-ultrasound", clip_model=tiny_clip, ocr_scope="none", **options)


@pytest.fixture(scope="module")
def dataset(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hf")
    hf_datasets.example_dataset().save_to_disk(str(folder))
    return datasets.load_from_disk(str(folder))


def test_hf_map_adds_columns_and_drops_what_the_policy_drops(dataset, tiny_clip):
    mapped = dataset.map(piu_filter.hf_map(pipe(tiny_clip, action="drop"), image_column="image", caption_column="text", url_column="url"),
                         batched=True, batch_size=8)
    assert {"piu_action", "piu_detected", "piu_clip_score", "piu_entities", "piu_reasons", "piu_error"} <= set(mapped.column_names)
    actions = mapped["piu_action"]
    assert set(actions) <= {"keep", "drop"} and len(actions) == 36
    assert all((a == "drop") == d for a, d in zip(actions, mapped["piu_detected"]))
    kept = mapped.filter(lambda a: [x != "drop" for x in a], input_columns="piu_action", batched=True)
    assert len(kept) == actions.count("keep")
    assert all(0 <= s <= 1 for s in mapped["piu_clip_score"])


def test_hf_map_fingerprints_stably_and_reuses_the_cache(dataset, tiny_clip):
    first = piu_filter.hf_map(pipe(tiny_clip, action="tag"), image_column="image", caption_column="text")
    second = piu_filter.hf_map(pipe(tiny_clip, action="tag"), image_column="image", caption_column="text")
    other = piu_filter.hf_map(pipe(tiny_clip, action="drop"), image_column="image", caption_column="text")
    assert Hasher.hash(first) == Hasher.hash(second) != Hasher.hash(other)
    a = dataset.map(first, batched=True, batch_size=12)
    b = dataset.map(second, batched=True, batch_size=12)
    assert a._fingerprint == b._fingerprint and a.cache_files == b.cache_files


def test_hf_map_works_with_num_proc_and_streaming(dataset, tiny_clip):
    function = piu_filter.hf_map(pipe(tiny_clip, action="tag"), image_column="image", caption_column="text")
    parallel = dataset.map(function, batched=True, batch_size=6, num_proc=2)
    single = dataset.map(function, batched=True, batch_size=6)
    assert parallel["piu_clip_score"] == pytest.approx(single["piu_clip_score"], abs=1e-4)
    streamed = list(dataset.to_iterable_dataset().map(function, batched=True, batch_size=6))
    assert [row["piu_clip_score"] for row in streamed] == pytest.approx(single["piu_clip_score"], abs=1e-4)


def test_hf_map_redacts_image_and_caption_columns(dataset):
    mapped = dataset.select(range(2)).map(
        piu_filter.hf_map(piu_filter.Pipeline.from_profile(action="redact", ocr_scope="all", missing_models="skip"),
                          image_column="image", caption_column="text"), batched=True, batch_size=2)
    assert mapped["piu_action"] == ["redact", "redact"]
    assert "<PERSON>" in mapped["text"][0] and "<PHONE_NUMBER>" in mapped["text"][1]
    assert mapped["image"][0].size == dataset["image"][0].size
    import numpy as np

    assert not np.array_equal(np.asarray(mapped["image"][0]), np.asarray(dataset["image"][0]))
    entities = json.loads(mapped["piu_entities"][0])
    assert entities and all(e["text"] is None for e in entities)


def test_from_profile_refuses_unknown_options():
    from piu_filter.errors import PiuFilterError

    with pytest.raises(PiuFilterError, match="unknown option"):
        piu_filter.Pipeline.from_profile(acton="drop")


def test_wds_stage_filters_and_annotates_inside_a_webdataset_chain(tiny_clip, tmp_path):
    profile = tmp_path / "all.yaml"
    profile.write_text("detection:\n  text_threshold: 0.0\n")
    shards = sorted(str(p) for p in EXAMPLE_SHARDS.glob("*.tar"))
    none_left = list(wds.WebDataset(shards, shardshuffle=False).compose(
        piu_filter.wds_stage(piu_filter.Pipeline.from_profile(str(profile), clip_model=tiny_clip, ocr_scope="none"))))
    assert none_left == []
    kept = list(wds.WebDataset(shards, shardshuffle=False).compose(piu_filter.wds_stage(pipe(tiny_clip, action="tag"))).decode("pil"))
    assert len(kept) == 36
    first = kept[0]
    assert first["__key__"] == "000000000" and first["jpg"].size == (512, 384) and first["txt"]
    assert first["piu.json"]["action"] == "keep" and 0 <= first["piu.json"]["clip_score"] <= 1
    chained = wds.DataPipeline(wds.SimpleShardList(shards), wds.tarfile_to_samples(),
                               piu_filter.wds_stage(pipe(tiny_clip, action="tag")))
    assert len(list(chained)) == 36


def test_example_scripts_run(tiny_clip, capsys):
    kept = hf_datasets.main(["--clip-model", tiny_clip, "--ocr-scope", "none", "--action", "drop"])
    assert "36 rows" in capsys.readouterr().out and 0 < len(kept) < 36
    samples = webdataset_stage.main(["--clip-model", tiny_clip, "--ocr-scope", "none"])
    assert 0 < len(samples) < 36 and all(s["piu.json"]["action"] == "keep" for s in samples)


def test_img2dataset_download_filter_blocklist_and_apply(tiny_clip, tmp_path):
    summary = img2dataset_workflow.main([str(tmp_path), "--clip-model", tiny_clip, "--count", "6"])
    import pyarrow.parquet as pq

    records = pq.read_table(tmp_path / "filtered" / "records").to_pylist()
    assert len(records) == 6 and all(r["error"] is None for r in records)
    removed = {r["url"] for r in records if r["action"] == "drop"}
    assert removed and len(removed) < 6
    assert set(summary["kept_urls"]) == set(summary["urls"]) - removed
    # the same URLs spelled differently are removed too
    from piu_filter.cli.main import main

    base = summary["base_url"]
    variants = []
    for url in summary["urls"]:
        path = url[len(base):]
        host = base.split("://")[1]
        variants += [f"HTTP://{host.upper()}{path}", f"{url}?utm_source=feed", f"{url}#top"]
        if ":" not in host:
            variants.append(f"http://{host}:80{path}")
    import pyarrow as pa

    pq.write_table(pa.table({"url": variants}), tmp_path / "variants.parquet")
    assert main(["blocklist", "apply", str(tmp_path / "blocklist"), "--urls", str(tmp_path / "variants.parquet"),
                 "--out", str(tmp_path / "variants-clean")]) == 0
    left = pq.read_table(tmp_path / "variants-clean" / "variants.parquet")["url"].to_pylist()
    per_url = len(variants) // len(summary["urls"])
    expected = [v for i, v in enumerate(variants) if summary["urls"][i // per_url] not in removed]
    assert left == expected
    assert len(list((tmp_path / "shards-clean").glob("*.tar"))) == 1


@pytest.mark.parametrize("example", ["hf_datasets.py", "webdataset_stage.py"])
def test_a_skipped_model_is_said_once_and_the_annotations_name_the_stages_that_ran(example):
    """Without CLIP weights on the machine (the profile's default model) the examples skip CLIP: stderr says so
    once in the process, and each row's stages leave it out."""
    import subprocess

    code = (f"import sys, json; sys.path.insert(0, {str(ROOT / 'examples')!r}); import {example[:-3]} as example\n"
            "out = example.main(['--ocr-scope', 'none', '--action', 'tag'])\n"
            "first = out[0]\n"
            "print(json.dumps(first['piu_stages'] if 'piu_stages' in first else first['piu.json']['stages']))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("stage clip skipped: weights for CLIP ViT-B-32") == 1
    stages = json.loads(result.stdout.strip().splitlines()[-1])
    stages = stages.split(",") if isinstance(stages, str) else stages
    assert "clip" not in stages and {"decode", "detect"} <= set(stages)
