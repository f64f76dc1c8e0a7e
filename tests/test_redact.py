"""`--action redact` and `--action drop` with OCR and PII end to end: real EasyOCR, real spaCy,
a handful of synthetic images with made-up names. Raw PII must not leak anywhere."""

from __future__ import annotations

import io
import json
import tarfile
from pathlib import Path

import numpy as np
import pyarrow.parquet as pq
import pytest
from conftest import write_tar
from PIL import Image, ImageDraw
from synthetic import PrivateText, WordCanvas, colour_scene, font, sector_scan

from piu_filter.cli.main import main

PERSON = PrivateText("Maren", "Okafor", "03/14/1992", "07/02/2024", "St. Aldric Hospital", "Ashford", "(555) 201-3344")


def screen_image() -> WordCanvas:
    canvas = WordCanvas(sector_scan((640, 480), 11))
    text, white = font(16), (235, 235, 235)
    canvas.write((24, 16), [("Name:", None), ("OKAFOR, MAREN", "PERSON")], text, white)
    canvas.write((24, 40), [("DOB:", None), (PERSON.dob, "DATE_TIME")], text, white)
    canvas.write((24, 64), [(PERSON.place, "MEDICAL_FACILITY")], text, white)
    canvas.write((470, 16), [("GA 12w3d", None)], text, (210, 210, 120), technical=True)
    canvas.write((470, 40), [("C5-1 OB", None)], text, (210, 210, 120), technical=True)
    return canvas


def encode(image: Image.Image, fmt: str) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format=fmt, **({"quality": 95} if fmt == "JPEG" else {}))
    return buffer.getvalue()


@pytest.fixture(scope="module")
def pii_shard(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pii")
    canvas = screen_image()
    caption = "First scan! Maren Okafor at St. Aldric Hospital"
    plain = colour_scene(5, size=(320, 240)).image
    members = [
        ("scan.png", encode(canvas.image, "PNG")), ("scan.txt", caption.encode()),
        ("scan.json", json.dumps({"url": "https://x.example.com/scan.png", "caption": caption}).encode()),
        ("plain.jpg", encode(plain, "JPEG")), ("plain.txt", b"a sunny hill"),
        ("plain.json", json.dumps({"url": "https://x.example.com/plain.jpg", "caption": "a sunny hill"}).encode()),
    ]
    return {"shard": write_tar(folder / "pii.tar", members), "canvas": canvas}


def run(shard: Path, out: Path, *extra: str) -> int:
    return main(["run", str(shard), "--output", str(out), "--missing-models", "skip", "--ocr-scope", "all", *extra])


def members(path: Path) -> dict[str, bytes]:
    with tarfile.open(path) as tar:
        return {m.name: tar.extractfile(m).read() for m in tar.getmembers()}


def ink_contrast(image: np.ndarray, box) -> float:
    """Spread of grey levels inside a word box: high while text is there, low once it is filled."""
    x0, y0, x1, y1 = box
    return float(image[y0:y1, x0:x1].std())


@pytest.fixture(scope="module")
def redacted(pii_shard, tmp_path_factory):
    out = tmp_path_factory.mktemp("redacted")
    import contextlib

    log = io.StringIO()
    with contextlib.redirect_stderr(log):
        assert run(pii_shard["shard"], out, "--action", "redact") == 0
    return {"out": out, "log": log.getvalue()}


def test_private_words_are_filled_and_technical_words_untouched(pii_shard, redacted):
    canvas = pii_shard["canvas"]
    output = members(redacted["out"] / "shards" / "pii.tar")
    after_image = Image.open(io.BytesIO(output["scan.png"]))
    assert after_image.format == "PNG" and after_image.size == canvas.image.size
    before = np.asarray(canvas.image.convert("L"), dtype=np.float32)
    after = np.asarray(after_image.convert("L"), dtype=np.float32)
    for word in canvas.words:
        if word.entity is not None:
            assert ink_contrast(after, word.box) < 0.25 * ink_contrast(before, word.box), word.text
        else:
            x0, y0, x1, y1 = word.box
            assert np.abs(after[y0:y1, x0:x1] - before[y0:y1, x0:x1]).max() == 0, word.text


def test_captions_are_anonymised_in_txt_and_json(redacted):
    output = members(redacted["out"] / "shards" / "pii.tar")
    caption = output["scan.txt"].decode()
    assert "Maren" not in caption and "Okafor" not in caption and "<PERSON>" in caption
    meta = json.loads(output["scan.json"])
    assert "Okafor" not in meta["caption"] and meta["url"] == "https://x.example.com/scan.png"
    assert output["plain.txt"] == b"a sunny hill"


def test_records_list_entities_without_their_text(redacted):
    rows = {r["key"]: r for r in pq.read_table(redacted["out"] / "records").to_pylist()}
    scan = rows["scan"]
    assert scan["action"] == "redact" and scan["ocr_ran"]
    assert {"pii_in_image", "pii_in_caption"} <= set(scan["reasons"])
    image_entities = [e for e in scan["entities"] if e["source"] == "image"]
    assert {"PERSON", "DATE_TIME"} <= {e["type"] for e in image_entities}
    assert all(e["box"] is not None and e["text"] is None for e in image_entities)
    caption_entities = [e for e in scan["entities"] if e["source"] == "caption"]
    assert all(e["start"] is not None and e["end"] > e["start"] and e["text"] is None for e in caption_entities)
    assert rows["plain"]["action"] == "keep"


def test_no_raw_pii_reaches_records_stats_blocklist_or_logs(redacted):
    out = redacted["out"]
    files = [p for p in out.rglob("*") if p.is_file() and "shards" not in p.parts]
    for secret in ("Okafor", "OKAFOR", "Maren", "MAREN", PERSON.dob, "Aldric"):
        assert secret not in redacted["log"]
        for path in files:
            assert secret.encode() not in path.read_bytes(), (secret, path)


def test_keep_pii_text_keeps_it_in_records_only(pii_shard, tmp_path):
    assert run(pii_shard["shard"], tmp_path / "out", "--action", "tag", "--keep-pii-text", "--quiet") == 0
    texts = {e["text"] for r in pq.read_table(tmp_path / "out" / "records").to_pylist() for e in r["entities"]}
    assert any("OKAFOR" in (t or "") for t in texts)
    assert not (tmp_path / "out" / "shards").exists()


def test_drop_with_ocr_scope_all_drops_images_with_pii(pii_shard, tmp_path):
    assert run(pii_shard["shard"], tmp_path / "out", "--action", "drop", "--quiet") == 0
    rows = {r["key"]: r for r in pq.read_table(tmp_path / "out" / "records").to_pylist()}
    assert rows["scan"]["action"] == "drop" and "pii_in_image" in rows["scan"]["reasons"]
    assert rows["plain"]["action"] == "keep"
    assert sorted(members(tmp_path / "out" / "shards" / "pii.tar")) == ["plain.jpg", "plain.json", "plain.txt"]
    blocklist = pq.read_table(tmp_path / "out" / "blocklist" / "blocklist.parquet").to_pylist()
    assert len(blocklist) == 1 and "PERSON" in blocklist[0]["entity_types"]


def test_overlapping_boxes_are_filled_with_one_colour_so_no_outline_of_a_word_remains():
    from piu_filter.profile_sections import RedactConfig
    from piu_filter.stages.redact import Redactor, overlapping

    image = Image.new("RGB", (200, 80), (20, 20, 20))
    ImageDraw.Draw(image).rectangle((0, 40, 200, 80), fill=(230, 230, 230))  # the lower box's edges are light
    ImageDraw.Draw(image).text((30, 30), "OKAFOR", fill=(128, 128, 128))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    boxes = [(25, 25, 90, 45), (60, 38, 150, 70), (170, 5, 190, 15)]
    assert overlapping(boxes) == [[0, 1], [2]]
    out = Image.open(io.BytesIO(Redactor(RedactConfig(padding=0.0), 10_000_000).redact_image(buffer.getvalue(), {0: boxes})))
    covered = np.asarray(out)
    first, second = covered[30, 40], covered[60, 120]
    assert tuple(first) == tuple(second)  # one colour across both boxes
    assert len({tuple(p) for p in covered[27:44, 27:89].reshape(-1, 3)}) == 1
