"""OCR with the real EasyOCR weights on a handful of synthetic screens (names made up)."""

from __future__ import annotations

import random

import numpy as np
import pytest
from PIL import Image
from synthetic import PrivateText, WordCanvas, font, sector_scan

from piu_filter.models.ocr import make_view
from piu_filter.models.ocr.lines import build_text


def screen(seed: int) -> tuple[WordCanvas, PrivateText]:
    person = PrivateText.random(random.Random(seed))
    canvas = WordCanvas(sector_scan((640, 480), seed))
    text = font(16)
    canvas.write((24, 16), [("Name:", None), (f"{person.last.upper()}, {person.first.upper()}", "PERSON")], text, (235, 235, 235))
    canvas.write((24, 40), [("DOB:", None), (person.dob, "DATE_TIME")], text, (235, 235, 235))
    canvas.write((480, 16), [("GA 12w3d", None)], text, (210, 210, 120), technical=True)
    return canvas, person


def box_of(canvas: WordCanvas, word: str) -> tuple[int, int, int, int]:
    return next(w.box for w in canvas.words if w.text == word)


def overlap(a, b) -> float:
    """Intersection over the smaller box."""
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    if w <= 0 or h <= 0:
        return 0.0
    return w * h / min((a[2] - a[0]) * (a[3] - a[1]), (b[2] - b[0]) * (b[3] - b[1]))


def turn_box(box, size, quarter_turns):
    """A box of an image of `size` after turning the image counter-clockwise."""
    x0, y0, x1, y1 = box
    w, h = size
    for _ in range(quarter_turns):
        x0, y0, x1, y1 = y0, w - x1, y1, w - x0
        w, h = h, w
    return x0, y0, x1, y1


@pytest.mark.parametrize("turns, skew, scale", [(0, 0, 1.0), (1, 0, 1.0), (3, 0, 2.0), (2, 4.0, 1.5), (1, -3.0, 1.0)])
def test_view_maps_points_back_to_the_original(turns, skew, scale):
    image = Image.new("RGB", (300, 200))
    image.putpixel((70, 40), (255, 255, 255))
    view = make_view(image, scale, turns, skew)
    bright = np.argwhere(np.asarray(view.image.convert("L")) > 60)
    y, x = bright.mean(axis=0)
    back = view.to_original(np.array([[x + 0.5, y + 0.5]]))[0]
    assert np.allclose(back, (70.5, 40.5), atol=2.0)


def read(engine, image):
    return build_text(engine.read(image))


def test_upright_screen_words_and_boxes(ocr_engine):
    canvas, person = screen(1)
    text = read(ocr_engine, canvas.image)
    assert f"{person.last.upper()}," in text.text and person.dob in text.text
    assert "Name:" in text.text.splitlines()[0]
    surname = next(w for w in text.words if w.text.startswith(person.last.upper()))
    assert overlap(surname.box, box_of(canvas, f"{person.last.upper()},")) > 0.7


def test_screen_turned_a_quarter_is_read_and_boxed_in_original_pixels(ocr_engine):
    canvas, person = screen(2)
    turned = canvas.image.rotate(90, expand=True)
    text = read(ocr_engine, turned)
    first_line = text.text.splitlines()[0]
    assert "Name" in first_line and person.last.upper() in first_line
    surname = next(w for w in text.words if w.text.startswith(person.last.upper()))
    expected = turn_box(box_of(canvas, f"{person.last.upper()},"), canvas.image.size, 1)
    assert overlap(surname.box, expected) > 0.6


def test_tilted_and_small_screens_are_read(ocr_engine):
    canvas, person = screen(3)
    tilted = canvas.image.rotate(4, resample=Image.BICUBIC)
    assert person.dob in read(ocr_engine, tilted).text
    small = canvas.image.resize((448, 336), Image.BILINEAR)
    assert person.last.upper() in read(ocr_engine, small).text


def test_detection_scale_upscales_small_and_bounds_large_images(ocr_engine):
    assert ocr_engine.scale_for(Image.new("RGB", (320, 240))) == 2.0
    assert ocr_engine.scale_for(Image.new("RGB", (800, 600))) == 1.0
    assert ocr_engine.scale_for(Image.new("RGB", (4000, 3000))) == pytest.approx(0.4)
