"""The PIU classifier, image queries and fusion end to end, with the tiny RANDOM-weight CLIP model.

Random CLIP features still separate sector scans from x-rays, documents and colour scenes;
the accuracy asserted here is what such features allow, not what real weights reach.
"""

from __future__ import annotations

import json

import numpy as np
import pyarrow.parquet as pq
import pytest
from conftest import EXAMPLE_SHARDS
from synthetic import labelled_set
from tiny_clip import write_tiny_clip

from piu_filter.cli.main import main
from piu_filter.classifier.metrics import auroc, binary_metrics, choose_threshold
from piu_filter.models.head import ClassifierHead
from piu_filter.classifier.train import TrainOptions, train_head


@pytest.fixture(scope="module")
def labelled(tmp_path_factory):
    root = tmp_path_factory.mktemp("labelled")
    labelled_set(root / "train", 36, 36, seed=1)
    labelled_set(root / "heldout", 20, 20, seed=2)
    return root


@pytest.fixture(scope="module")
def trained(tmp_path_factory, labelled, tiny_clip):
    work = tmp_path_factory.mktemp("head")
    args = ["train", "--positive", str(labelled / "train" / "piu"), "--negative", str(labelled / "train" / "other"),
            "--out", str(work / "head"), "--clip-model", tiny_clip, "--cache-dir", str(work / "cache"), "--device", "cpu"]
    assert main(args) == 0
    return {"head": work / "head", "args": args, "work": work}


def test_trained_head_is_saved_without_pickle_with_its_identity(trained):
    folder = trained["head"]
    assert sorted(p.name for p in folder.iterdir()) == ["head.json", "head.safetensors"]
    meta = json.loads((folder / "head.json").read_text())
    assert meta["clip"]["weights_sha256"] and meta["embed_dim"] == 64
    assert meta["counts"]["positives"] == meta["counts"]["negatives"] == 36
    assert 0 < meta["threshold"] < 1
    assert meta["metrics"]["evaluated_on"].startswith("stratified held-out split")
    assert {"precision", "recall", "f1", "auroc"} <= set(meta["metrics"])


def test_head_separates_heldout_scans_from_other_images(trained, labelled, tiny_clip, capsys):
    args = ["evaluate", "--classifier", str(trained["head"]), "--positive", str(labelled / "heldout" / "piu"),
            "--negative", str(labelled / "heldout" / "other"), "--clip-model", tiny_clip, "--json", "--device", "cpu"]
    assert main(args) == 0
    report = json.loads(capsys.readouterr().out)
    rows = {row["path"]: row for row in report["paths"]}
    assert report["positives"] == report["negatives"] == 20
    assert set(rows) == {"text queries", "classifier", "fused (text)"}
    assert rows["classifier"]["accuracy"] >= 0.85


def test_second_training_run_computes_no_embedding_again(trained, caplog):
    out = trained["work"] / "again"
    args = [a if a != str(trained["head"]) else str(out) for a in trained["args"]]
    assert main(args) == 0
    counts = json.loads((out / "head.json").read_text())["counts"]
    assert counts["positive_computed"] == counts["negative_computed"] == 0
    assert counts["positive_cached"] == counts["negative_cached"] == 36


def test_head_of_another_clip_model_is_refused(trained, tmp_path, capsys):
    other = write_tiny_clip(tmp_path / "other-clip", seed=7)
    code = main(["run", str(EXAMPLE_SHARDS), "--output", str(tmp_path / "out"), "--clip-model", f"local-dir:{other}",
                 "--classifier", str(trained["head"]), "--ocr-scope", "none", "--quiet"])
    assert code == 2
    err = capsys.readouterr().err
    assert "was trained on CLIP local-dir:" in err and "but this run uses local-dir:" in err
    assert not (tmp_path / "out" / "records").exists()


def test_run_with_classifier_records_every_component_and_applies_the_rule(trained, tmp_path, tiny_clip, labelled):
    profile = tmp_path / "profile.yaml"
    profile.write_text(f"detection:\n  rule: classifier\nimage_queries:\n  exemplars: [{labelled / 'train' / 'piu' / '0002.jpg'}]\n")
    out = tmp_path / "out"
    assert main(["run", str(EXAMPLE_SHARDS), "--output", str(out), "--clip-model", tiny_clip, "--classifier",
                 str(trained["head"]), "--profile", str(profile), "--ocr-scope", "none", "--quiet", "--action", "tag"]) == 0
    rows = pq.read_table(out / "records").to_pylist()
    threshold = json.loads((trained["head"] / "head.json").read_text())["threshold"]
    assert len(rows) == 36
    for row in rows:
        assert None not in (row["clip_score"], row["image_query_score"], row["classifier_prob"])
        assert row["detected"] == (row["classifier_prob"] >= threshold)
    # keys 0,1,2 of every six are scans, screens and cards in the example shards
    scans = [row["detected"] for row in rows if int(row["key"][-2:]) % 6 in (0, 1, 2)]
    others = [row["detected"] for row in rows if int(row["key"][-2:]) % 6 in (3, 4, 5)]
    assert np.mean(scans) >= 0.75 and np.mean(others) <= 0.25


def test_profile_classifier_path_is_relative_to_the_profile(trained, tmp_path, tiny_clip):
    profile = trained["head"].parent / "uses-head.yaml"
    profile.write_text("classifier: head\ndetection:\n  rule: any\n")
    out = tmp_path / "out"
    assert main(["run", str(EXAMPLE_SHARDS / "00000.tar"), "--output", str(out), "--clip-model", tiny_clip,
                 "--profile", str(profile), "--ocr-scope", "none", "--quiet"]) == 0
    assert all(row["classifier_prob"] is not None for row in pq.read_table(out / "records").to_pylist())


def test_image_query_score_is_the_best_cosine_to_an_exemplar(tmp_path, tiny_clip, labelled):
    from piu_filter.io.images import decode_image
    from piu_filter.models.clip import ClipModel

    exemplars = sorted((labelled / "train" / "piu").glob("*.jpg"))[:3]
    profile = tmp_path / "p.yaml"
    profile.write_text("image_queries:\n  exemplars: [" + ", ".join(str(p) for p in exemplars) + "]\n")
    out = tmp_path / "out"
    assert main(["run", str(EXAMPLE_SHARDS / "00000.tar"), "--output", str(out), "--clip-model", tiny_clip,
                 "--profile", str(profile), "--ocr-scope", "none", "--quiet", "--action", "tag"]) == 0
    model = ClipModel.load(tiny_clip, None, "cpu")
    reference = model.encode_images([decode_image(p.read_bytes(), 10**8)[0] for p in exemplars])
    import tarfile

    with tarfile.open(EXAMPLE_SHARDS / "00000.tar") as tar:
        first = tar.extractfile("000000000.jpg").read()
    embedding = model.encode_images([decode_image(first, 10**8, draft_size=224)[0]])[0]
    row = next(r for r in pq.read_table(out / "records").to_pylist() if r["key"] == "000000000")
    assert row["image_query_score"] == pytest.approx(float((reference @ embedding).max()), abs=1e-4)


def test_missing_exemplars_and_heads_fail_early(tmp_path, tiny_clip, capsys):
    profile = tmp_path / "p.yaml"
    profile.write_text("image_queries:\n  exemplars: [nowhere/]\n")
    assert main(["run", str(EXAMPLE_SHARDS), "--output", str(tmp_path / "o"), "--clip-model", tiny_clip,
                 "--profile", str(profile), "--quiet"]) == 2
    assert "exemplars" in capsys.readouterr().err
    assert main(["run", str(EXAMPLE_SHARDS), "--output", str(tmp_path / "o"), "--clip-model", tiny_clip,
                 "--classifier", str(tmp_path), "--quiet"]) == 2
    assert "expected head.json and head.safetensors" in capsys.readouterr().err


def test_training_on_random_weights_is_refused(tmp_path, labelled, capsys):
    assert main(["train", "--positive", str(labelled / "train" / "piu"), "--negative", str(labelled / "train" / "other"),
                 "--out", str(tmp_path / "h"), "--clip-model", "ViT-B-32", "--clip-pretrained", "random"]) == 2
    assert "random weights" in capsys.readouterr().err


def test_small_sets_use_kfold_and_npy_embeddings_train_too(tmp_path):
    rng = np.random.default_rng(0)
    positives = rng.normal(1.0, 1.0, (8, 16)).astype(np.float32)
    negatives = rng.normal(-1.0, 1.0, (8, 16)).astype(np.float32)
    identity = {"model": "m", "weights_sha256": "abc", "preprocess": {}, "image_size": 224}
    head = train_head(positives, negatives, identity, TrainOptions(kind="mlp", hidden=8, epochs=100))
    assert head.meta["metrics"]["evaluated_on"] == "stratified 5-fold cross-validation"
    head.save(tmp_path / "h")
    loaded = ClassifierHead.load(tmp_path / "h")
    np.testing.assert_allclose(loaded.predict(positives), head.predict(positives), rtol=1e-5)
    assert loaded.predict(positives).mean() > 0.5 > loaded.predict(negatives).mean()


def test_threshold_choice_best_f1_and_target_precision():
    labels = np.array([1, 1, 1, 0, 1, 0, 0, 0])
    scores = np.array([0.9, 0.8, 0.7, 0.65, 0.6, 0.3, 0.2, 0.1])
    best_f1 = choose_threshold(labels, scores)
    assert 0.3 < best_f1 <= 0.6  # all four positives in, one negative
    precise = choose_threshold(labels, scores, target_precision=1.0)
    assert 0.65 < precise <= 0.7
    assert binary_metrics(labels, scores >= precise)["precision"] == 1.0
    assert auroc(labels, scores) == pytest.approx(15 / 16)
