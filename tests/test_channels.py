"""Every channel of a sample is read and closed: image members, frames, file metadata, json
fields, text members and URLs. Real EasyOCR and spaCy on a handful of synthetic images with a
made-up name; no CLIP (skipped: `--ocr-scope all` needs no detection)."""

from __future__ import annotations

import contextlib
import io
import json
import tarfile
from pathlib import Path

import numpy as np
import pyarrow.parquet as pq
import pytest
from conftest import write_tar
from leaky_samples import DROP_REASONS, NAME, SECRETS, encode, exif_with_name, name_card, plain, write_leaky_shard
from PIL import Image

from piu_filter.cli.main import main
from piu_filter.io.image_metadata import metadata_text


def run(shard: Path, out: Path, *extra: str) -> str:
    log = io.StringIO()
    with contextlib.redirect_stderr(log):
        assert main(["run", str(shard), "--output", str(out), "--missing-models", "skip", *extra]) == 0
    return log.getvalue()


def read_shard(shard: Path) -> dict[str, dict[str, bytes]]:
    samples: dict[str, dict[str, bytes]] = {}
    with tarfile.open(shard) as tar:
        for member in tar.getmembers():
            key, ext = member.name.split(".", 1)
            samples.setdefault(key, {})[ext] = tar.extractfile(member).read()
    return samples


def output_samples(out: Path) -> dict[str, dict[str, bytes]]:
    return read_shard(next((out / "shards").glob("*.tar")))


def records(out: Path) -> dict[str, dict]:
    return {row["key"]: row for row in pq.read_table(out / "records").to_pylist()}


@pytest.fixture(scope="module")
def leaky_shard(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("leaky") / "leaky.tar"
    write_leaky_shard(path)
    return path


@pytest.fixture(scope="module")
def redacted(leaky_shard, tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("redacted")
    log = run(leaky_shard, out, "--action", "redact", "--ocr-scope", "all")
    return {"out": out, "log": log, "samples": output_samples(out), "records": records(out)}


def test_redact_leaves_no_private_string_in_any_output_byte(redacted):
    tar_bytes = next((redacted["out"] / "shards").glob("*.tar")).read_bytes()
    secrets = [*SECRETS, "greta-vanterpool"]
    for secret in secrets:
        assert secret.encode() not in tar_bytes, secret
    for key, members in redacted["samples"].items():
        for ext, data in members.items():
            readable = metadata_text(data) if ext.rsplit(".", 1)[-1] in ("jpg", "png", "tiff", "gif") else data.decode()
            for secret in secrets:
                assert secret.lower() not in readable.lower(), (key, ext, secret)
    others = [p for p in redacted["out"].rglob("*") if p.is_file() and "shards" not in p.parts]
    for secret in secrets:
        assert secret not in redacted["log"]
        # records keep the input URL (the operator's private file); nothing else may hold even that
        holders = [path for path in others if secret.encode() in path.read_bytes()]
        assert holders == [] or (secret == "greta-vanterpool" and all("records" in p.parts for p in holders)), secret


def test_pixels_of_images_without_private_text_stay_bit_identical(leaky_shard, redacted):
    before, after = read_shard(leaky_shard), redacted["samples"]
    assert after["clean"]["jpg"] == before["clean"]["jpg"]
    for key, ext in (("exif_comment", "jpg"), ("png_text", "png"), ("second_member", "jpg")):
        assert after[key][ext] != before[key][ext] or key == "second_member"
        original = np.asarray(Image.open(io.BytesIO(before[key][ext])))
        assert np.array_equal(np.asarray(Image.open(io.BytesIO(after[key][ext]))), original), key


def test_redacted_jpeg_keeps_no_comment_and_loses_the_printed_name(leaky_shard, redacted):
    image = Image.open(io.BytesIO(redacted["samples"]["scan_comment"]["jpg"]))
    assert "comment" not in image.info and not image.getexif()
    row = redacted["records"]["scan_comment"]
    assert row["action"] == "redact" and {"pii_in_image", "pii_in_metadata"} <= set(row["reasons"])


def test_every_frame_and_member_is_redacted(leaky_shard, redacted):
    before, after = read_shard(leaky_shard), redacted["samples"]
    pages = Image.open(io.BytesIO(after["second_page"]["tiff"]))
    assert pages.format == "TIFF" and pages.n_frames == 2
    pages.seek(1)
    original = Image.open(io.BytesIO(before["second_page"]["tiff"]))
    original.seek(1)
    assert not np.array_equal(np.asarray(pages.convert("RGB")), np.asarray(original.convert("RGB")))
    assert after["second_member"]["label.png"] != before["second_member"]["label.png"]
    entities = redacted["records"]["second_page"]["entities"]
    assert {(e["member"], e["frame"]) for e in entities if e["source"] == "image"} == {("tiff", 1)}
    assert {e["member"] for e in redacted["records"]["second_member"]["entities"]} == {"label.png"}


def test_json_text_members_and_url_are_anonymised_in_place(redacted):
    samples, rows = redacted["samples"], redacted["records"]
    meta = json.loads(samples["json_fields"]["json"])
    assert "<PERSON>" in meta["title"] and "<PERSON>" in meta["meta"]["alt"][0] and meta["width"] == 320
    assert {e["source"] for e in rows["json_fields"]["entities"]} >= {"json:title", "json:meta.alt[0]"}
    assert "<PERSON>" in json.loads(samples["json_list"]["json"])[0]
    assert samples["text_member"]["caption"].decode().startswith("<PERSON>")
    assert "url" not in json.loads(samples["url_slug"]["json"])
    assert rows["url_slug"]["url"].endswith("greta-vanterpool-20-week-scan.jpg")  # records are the operator's own file
    assert "url" in json.loads(samples["clean"]["json"])
    assert rows["many_frames"]["action"] == "drop" and rows["many_frames"]["reasons"] == ["unreadable_frames"]


@pytest.mark.parametrize("key", sorted(DROP_REASONS))
def test_drop_removes_samples_whose_only_pii_hides_elsewhere(leaky_shard, tmp_path_factory, key, dropped={}):
    if not dropped:
        out = tmp_path_factory.mktemp("dropped")
        run(leaky_shard, out, "--action", "drop", "--ocr-scope", "all")
        dropped.update(records=records(out), kept=set(output_samples(out)))
    row = dropped["records"][key]
    assert row["action"] == "drop" and DROP_REASONS[key] in row["reasons"], row["reasons"]
    assert key not in dropped["kept"] and "clean" in dropped["kept"]


def test_metadata_is_stripped_from_kept_images_without_ocr_and_kept_on_request(leaky_shard, tmp_path):
    run(leaky_shard, tmp_path / "strip", "--action", "drop", "--ocr-scope", "none")
    kept = output_samples(tmp_path / "strip")
    assert all(not metadata_text(data) for members in kept.values() for ext, data in members.items() if ext in ("jpg", "png"))
    profile = tmp_path / "keep.yaml"
    profile.write_text("redact:\n  metadata: keep\n")
    run(leaky_shard, tmp_path / "keep", "--action", "drop", "--ocr-scope", "none", "--profile", str(profile))
    assert "Vanterpool" in metadata_text(output_samples(tmp_path / "keep")["exif_comment"]["jpg"])


def assert_no_secret(members: dict[str, bytes]) -> None:
    for name, data in members.items():
        readable = metadata_text(data) if name.rsplit(".", 1)[-1] in ("jpg", "png", "tiff") else data.decode("utf-8", "replace")
        for secret in (*SECRETS, "greta-vanterpool"):
            assert secret.lower() not in readable.lower(), (name, secret)


def test_webdataset_stage_closes_the_same_channels(leaky_shard, tmp_path):
    import webdataset as wds

    import piu_filter

    keys = ("second_member", "exif_comment", "json_fields", "url_slug")
    subset = tmp_path / "subset.tar"
    write_tar(subset, [(f"{key}.{ext}", data) for key, members in read_shard(leaky_shard).items() if key in keys
                       for ext, data in members.items()])
    stage = piu_filter.wds_stage(piu_filter.Pipeline.from_profile(action="redact", ocr_scope="all", missing_models="skip"))
    out = list(wds.WebDataset(str(subset), shardshuffle=False).compose(stage))
    assert sorted(sample["__key__"] for sample in out) == sorted(keys)
    for sample in out:
        assert_no_secret({k: v for k, v in sample.items() if not k.startswith("__") and k != "piu.json"})


def test_hf_map_closes_image_lists_pil_metadata_text_columns_and_urls():
    import datasets

    import piu_filter

    photo = encode(plain(11), "JPEG", quality=90, exif=exif_with_name())  # decoded, it carries its EXIF in `info`
    row = {"image": [{"bytes": photo, "path": None}], "extra": [[plain(12), name_card()]], "title": [f"{NAME} at the beach"],
           "text": ["a sunny hill"], "url": ["https://images.example.com/greta-vanterpool-20-week-scan.jpg"]}
    features = datasets.Features({"image": datasets.Image(), "extra": datasets.Sequence(datasets.Image()),
                                  "title": datasets.Value("string"), "text": datasets.Value("string"), "url": datasets.Value("string")})
    dataset = datasets.Dataset.from_dict(row, features=features)
    assert "exif" in dataset[0]["image"].info
    pipe = piu_filter.Pipeline.from_profile(action="redact", ocr_scope="all", missing_models="skip")
    mapped = dataset.map(piu_filter.hf_map(pipe, image_column=["image", "extra"], caption_column="text", url_column="url",
                                           text_columns=["title"]), batched=True)
    found = {(e["source"], e["member"]) for e in json.loads(mapped["piu_entities"][0])}
    assert ("metadata", "jpg") in found
    assert any(source == "image" and member.startswith("extra.") for source, member in found)
    assert "<PERSON>" in mapped["title"][0] and mapped["url"][0] is None
    out = mapped[0]
    assert "exif" not in out["image"].info and not metadata_text(encode(out["image"], "JPEG", exif=out["image"].getexif()))
    before = np.asarray(name_card().convert("L"), dtype=np.float32)
    after = np.asarray(out["extra"][1].convert("L"), dtype=np.float32)
    assert np.abs(after - before).max() > 100  # the printed name is filled
    assert np.array_equal(np.asarray(out["extra"][0]), np.asarray(plain(12)))


def test_scores_come_from_the_first_image_or_the_max_over_members(tiny_clip, tmp_path):
    """Tiny CLIP with RANDOM weights: the scores mean nothing, but which image they come from is checked."""
    import piu_filter
    from piu_filter.sample import Sample

    first, second = encode(plain(21), "JPEG"), encode(name_card(), "PNG")
    profile = tmp_path / "max.yaml"
    profile.write_text("clip:\n  score_from: max\n")

    def scores(members: dict[str, bytes], profile_path=None) -> tuple[float, float]:
        pipe = piu_filter.Pipeline.from_profile(str(profile_path) if profile_path else None, action="tag",
                                                ocr_scope="none", clip_model=tiny_clip)
        sample = pipe.process([Sample(key="k", shard="s", members=members)])[0]
        return sample.clip_score, sample.clip_similarity

    alone = [scores({"jpg": first}), scores({"png": second})]
    assert scores({"jpg": first, "b.png": second}) == pytest.approx(alone[0], abs=1e-5)
    best = scores({"jpg": first, "b.png": second}, profile)
    assert best == pytest.approx((max(a[0] for a in alone), max(a[1] for a in alone)), abs=1e-5)


@pytest.mark.parametrize("mode", ["L", "RGBA"])
def test_a_redacted_png_keeps_its_mode(mode, tmp_path):
    from piu_filter.stages.redact import Redactor
    from piu_filter.profile_sections import RedactConfig

    card = name_card().convert(mode)
    data = encode(card, "PNG")
    redacted = Image.open(io.BytesIO(Redactor(RedactConfig(), 50_000_000).redact_image(data, {0: [(16, 30, 200, 56)]})))
    assert redacted.mode == mode and redacted.size == card.size
    assert not np.array_equal(np.asarray(redacted), np.asarray(card))
    if mode == "RGBA":
        assert np.array_equal(np.asarray(redacted.getchannel("A")), np.asarray(card.getchannel("A")))
