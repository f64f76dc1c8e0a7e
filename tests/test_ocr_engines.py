"""The PP-OCR engines (rapidocr, ppocrv5) with their real bundled models on synthetic screens (names
made up), the word splitting of run-together lines, the provider choice and the profile field."""

from __future__ import annotations

import random

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont
from synthetic import PrivateText, keepsake_card
from test_ocr import box_of, overlap, screen, turn_box

from piu_filter.errors import PiuFilterError
from piu_filter.models.ocr import ENGINE_MODULES, check_ocr_engine, make_view
from piu_filter.models.ocr.line_words import line_words
from piu_filter.models.ocr.ppocr_engine import _Line
from piu_filter.models.ocr.ppocr_models import _similar_width_batches
from piu_filter.models.ocr.providers import CPU, CUDA, onnx_providers
from piu_filter.models.ocr.views import turn_points
from piu_filter.models.ocr.lines import build_text
from piu_filter.profile import OCR_ENGINES, Profile

PP_ENGINES = ["rapidocr_engine", "ppocrv5_engine"]


@pytest.mark.parametrize("engine", PP_ENGINES)
def test_upright_screen_words_and_boxes(engine, request):
    canvas, person = screen(1)
    words = {w.text: w for w in request.getfixturevalue(engine).read(canvas.image)}
    for word in ("Name:", f"{person.last.upper()},", person.first.upper(), person.dob, "GA", "12w3d"):
        assert word in words
        assert overlap(words[word].box, box_of(canvas, word)) > 0.7, word


@pytest.mark.parametrize("engine", PP_ENGINES)
@pytest.mark.parametrize("turns", [1, 3])
def test_quarter_turned_screen_is_read_upright_with_boxes_in_original_pixels(engine, turns, request):
    canvas, person = screen(2)
    text = build_text(request.getfixturevalue(engine).read(canvas.image.rotate(90 * turns, expand=True)))
    name_line = next(line for line in text.text.splitlines() if "Name" in line)
    assert name_line.index("Name") < name_line.index(person.last.upper()) < name_line.index(person.first.upper())
    surname = next(w for w in text.words if w.text == f"{person.last.upper()},")
    expected = turn_box(box_of(canvas, surname.text), canvas.image.size, turns)
    assert overlap(surname.box, expected) > 0.7


def test_upside_down_card_is_read_in_order(rapidocr_engine):
    card = keepsake_card(PrivateText.random(random.Random(7)), seed=7)
    text = build_text(rapidocr_engine.read(card.image.rotate(180)))
    lines = text.text.splitlines()
    assert any(line == card.lines[0] for line in lines)
    assert lines.index(card.lines[0]) < next(i for i, line in enumerate(lines) if card.lines[2] in line)


def test_run_together_words_are_split_where_a_space_was_likely_and_after_labels():
    chars = list("Name:FOLEY，IAIN")
    positions = [i / 15 for i in range(15)]
    words = line_words(chars, positions, [0.9] * 15, [0.0] * 15)
    assert [w.text for w in words] == ["Name:", "FOLEY,", "IAIN"]
    assert words[0].start < words[0].end <= words[1].start < words[1].end <= words[2].start
    space = [0.0, 0.0, 0.0, 0.3, 0.0, 0.2, 0.0, 0.0, 0.4, 0.0, 0.0, 0.0]
    assert [w.text for w in line_words(list("D0B28Jun2022"), positions[:12], [0.9] * 12, space)] == ["D0B", "28", "Jun", "2022"]
    decimal = line_words(list("MI 0.8"), positions[:6], [0.9] * 6, [0.0, 0.0, 0.9, 0.0, 0.3, 0.3])
    assert [w.text for w in decimal] == ["MI", "0.8"]
    assert [w.text for w in line_words(list("12:30 1,000"), positions[:11], [0.9] * 11, [0.0] * 11)] == ["12:30", "1,000"]


def test_recognition_batches_hold_lines_of_similar_width():
    assert _similar_width_batches([320, 900, 330, 400, 1000, 320], batch_size=2) == [[0, 5], [2, 3], [1, 4]]
    assert _similar_width_batches([], batch_size=8) == []


def test_a_line_reads_the_same_alone_and_beside_a_much_longer_one(ppocrv5_engine):
    def crop(text: str) -> np.ndarray:
        image = Image.new("RGB", (14 * len(text) + 16, 40), "white")
        ImageDraw.Draw(image).text((8, 6), text, fill="black", font=ImageFont.load_default(size=24))
        return np.asarray(image)[:, :, ::-1].copy()

    short, long = crop("ID 10229-3"), crop("Patient: MOREAU, ELAINE  DOB 04/03/1988  Exam 12/11/2024 09:14")
    [alone] = ppocrv5_engine.models.read([short])
    beside, _ = ppocrv5_engine.models.read([short, long])
    assert "".join(beside.chars) == "".join(alone.chars) and "10229" in "".join(alone.chars)


def test_a_line_turned_against_the_others_is_read_the_better_way_up(ppocrv5_engine):
    def line(text: str, flipped: bool) -> _Line:
        image = Image.new("RGB", (14 * len(text) + 16, 40), "white")
        ImageDraw.Draw(image).text((8, 6), text, fill="black", font=ImageFont.load_default(size=24))
        crop = np.asarray(image)[:, :, ::-1].copy()
        return _Line(np.zeros((4, 2)), False, crop, flipped)

    lines = [line("Exam Date 05/04/2023", False), line("GA 21w3d", False), line("PATIENT ID 20230405-4176", True)]
    readings = ppocrv5_engine._read_lines(lines)
    assert "".join(readings[2].chars).replace(" ", "") == "PATIENTID20230405-4176" and not lines[2].flipped
    upside_down = [line("Exam Date 05/04/2023", False)]
    upside_down[0].crop = np.ascontiguousarray(upside_down[0].crop[::-1, ::-1])
    upside_down[0].flipped = True
    assert "05/04/2023" in "".join(ppocrv5_engine._read_lines(upside_down)[0].chars)  # a lone line keeps its turn


@pytest.mark.parametrize("turns", [1, 2, 3])
def test_turned_points_follow_the_turned_image(turns):
    image = Image.new("RGB", (300, 200))
    image.putpixel((70, 40), (255, 255, 255))
    view = make_view(image, 1.0, turns)
    y, x = np.argwhere(np.asarray(view.image.convert("L")) > 60)[0]
    assert np.allclose(turn_points(np.array([[70.5, 40.5]]), image.size, turns)[0], (x + 0.5, y + 0.5))


def test_onnx_provider_choice(caplog):
    assert onnx_providers("cpu", [CUDA, CPU]) == [CPU]
    assert onnx_providers("cuda", [CUDA, CPU]) == [CUDA, CPU]
    assert not caplog.records
    assert onnx_providers("cuda:1", ["AzureExecutionProvider", CPU]) == [CPU]
    assert "OCR runs on the CPU" in caplog.text and CUDA in caplog.text


def test_profile_engine_field_is_validated():
    assert set(OCR_ENGINES) == set(ENGINE_MODULES)
    for name in OCR_ENGINES:
        check_ocr_engine(name)
    assert Profile.from_dict({**Profile.load().to_dict(), "ocr": {"engine": "ppocrv5"}}).ocr.engine == "ppocrv5"
    with pytest.raises(PiuFilterError, match="ocr.engine must be one of easyocr, rapidocr, ppocrv5"):
        Profile.from_dict({**Profile.load().to_dict(), "ocr": {"engine": "tesseract"}})
