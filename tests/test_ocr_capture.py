"""Reading photographed captures: super-resolution of small lines (and its fallbacks), lines rebuilt along a
tilted sheet's slope, and covering text that cannot be read. Names are made up."""

from __future__ import annotations

import logging

import numpy as np
import pytest
from PIL import Image, ImageDraw
from synthetic import font

from piu_filter.errors import ModelUnavailableError
from piu_filter.models.ocr import upscale
from piu_filter.models.ocr.lines import build_text
from piu_filter.models.ocr.ppocr_engine import PpOcrEngine, _Line, _leveller
from piu_filter.models.ocr.upscale import ClassicalUpscaler, RealEsrganUpscaler, make_upscaler, resolve_upscaler

NAME = "KOWALCZYK, MAREN"


def small_line(text: str = NAME, size: int = 9) -> Image.Image:
    """A dark screen strip with one line of small light text, a little soft, as a phone photo shows it."""
    image = Image.new("RGB", (24 + 7 * len(text), 22), (18, 18, 22))
    ImageDraw.Draw(image).text((6, 5), text, font=font(size), fill=(225, 225, 225))
    return image.resize((image.width // 2 * 2, image.height), Image.BILINEAR)


@pytest.fixture(scope="module")
def real_esrgan() -> RealEsrganUpscaler:
    if upscale.model_folder() is None:
        pytest.fail(f"the super-resolution model is part of the dev install: {upscale.PIP}")
    return RealEsrganUpscaler(upscale.model_folder())


def test_the_model_upscales_four_times_and_the_small_line_is_read_from_it(real_esrgan, ppocrv5_engine, monkeypatch):
    bgr = np.ascontiguousarray(np.asarray(small_line())[:, :, ::-1])
    big = real_esrgan.upscale(bgr)
    assert big.shape == (bgr.shape[0] * 4, bgr.shape[1] * 4, 3) and big.dtype == np.uint8
    crops = []
    monkeypatch.setattr(real_esrgan, "upscale", lambda crop: crops.append(crop.shape) or RealEsrganUpscaler.upscale(real_esrgan, crop))
    engine = PpOcrEngine(ppocrv5_engine.models, upscaler=real_esrgan, upscale_below=24)
    assert NAME in build_text(engine.read(small_line(size=10))).text
    assert len(crops) == 1 and crops[0][0] < 24  # the one small line, cropped from the original pixels
    engine = PpOcrEngine(ppocrv5_engine.models, upscaler=real_esrgan, upscale_below=4)
    crops.clear()
    engine.read(small_line(size=10))
    assert not crops  # lines taller than `upscale_below` are read from the view as before


def test_a_failing_model_falls_back_to_the_classical_upscale_and_says_so_once(real_esrgan, monkeypatch, caplog):
    def broken(bgr):
        raise RuntimeError("native failure")

    monkeypatch.setattr(real_esrgan, "_run", broken)
    monkeypatch.setattr(upscale, "_warned", set())
    bgr = np.zeros((10, 30, 3), np.uint8)
    with caplog.at_level(logging.WARNING):
        outputs = [real_esrgan.upscale(bgr) for _ in range(3)]
    assert all(out.shape == (40, 120, 3) for out in outputs)
    assert [r.getMessage() for r in caplog.records].count(
        "super-resolution failed (RuntimeError); small text is upscaled classically") == 1


def test_without_the_model_auto_runs_the_classical_upscale_and_realesrgan_is_refused(monkeypatch, caplog):
    monkeypatch.setattr(upscale, "model_folder", lambda: None)
    monkeypatch.setattr(upscale, "_warned", set())
    with caplog.at_level(logging.WARNING):
        assert isinstance(make_upscaler("auto"), ClassicalUpscaler)
        assert resolve_upscaler("auto") == "classical"
    assert len([r for r in caplog.records if "not installed" in r.getMessage()]) == 1
    with pytest.raises(ModelUnavailableError, match=r"piu-filter\[sr\]"):
        resolve_upscaler("realesrgan")
    assert make_upscaler("none") is None


def test_with_the_model_auto_runs_it(real_esrgan):
    assert resolve_upscaler("auto") == upscale.MODEL and isinstance(make_upscaler("auto"), RealEsrganUpscaler)
    assert isinstance(make_upscaler("classical"), ClassicalUpscaler)


def tilted_sheet(angle: float) -> Image.Image:
    """A screen header turned by `angle` degrees: labels with their values set apart in a column, as consoles
    print them, and a second column of read-outs."""
    image = Image.new("RGB", (760, 260), (16, 16, 16))
    draw = ImageDraw.Draw(image)
    text = font(18)
    for y, label, value in ((60, "Pt Name:", NAME), (110, "DOB:", "03/04/1991")):
        draw.text((40, y), label, font=text, fill=(230, 230, 230))
        draw.text((135 if label == "DOB:" else 150, y), value, font=text, fill=(230, 230, 230))
    draw.text((520, 60), "Depth 14cm", font=text, fill=(230, 230, 230))
    draw.text((520, 110), "Gain 52", font=text, fill=(230, 230, 230))
    return image.rotate(angle, Image.BICUBIC, expand=True, fillcolor=(90, 70, 60))


def has_line(lines: list[str], text: str) -> bool:
    return any(line.endswith(text) for line in lines)


@pytest.mark.parametrize("angle", [0.0, 9.0, -11.0])
def test_a_tilted_sheet_keeps_each_label_with_its_value_and_columns_apart(ppocrv5_engine, angle):
    lines = build_text(ppocrv5_engine.read(tilted_sheet(angle))).text.splitlines()
    assert has_line(lines, f"Name: {NAME}") and has_line(lines, "DOB: 03/04/1991")
    assert "Depth 14cm" in lines and "Gain 52" in lines


def sloped_line(degrees: float, x: float, y: float, length: float = 200, height: float = 20) -> _Line:
    """A detected line running at `degrees` below level (image y grows downwards)."""
    along = np.array([np.cos(np.radians(degrees)), np.sin(np.radians(degrees))]) * length
    across = np.array([-np.sin(np.radians(degrees)), np.cos(np.radians(degrees))]) * height
    start = np.array([x, y])
    quad = np.array([start, start + along, start + along + across, start + across])
    return _Line(quad, False, np.zeros((int(height), int(length), 3), np.uint8), False)


@pytest.mark.parametrize("degrees", [6.0, -12.0])
def test_the_leveller_turns_the_dominant_slope_level(degrees):
    onward = 260 * np.array([np.cos(np.radians(degrees)), np.sin(np.radians(degrees))])  # the value after a gap
    lines = [sloped_line(degrees, 10, 40), sloped_line(degrees + 1, 10 + onward[0], 40 + onward[1]),
             sloped_line(degrees - 1, 20, 120)]
    level = _leveller(lines, 0)
    first = level(lines[0].span(0.0, 1.0))
    assert abs(first[0][1] - first[1][1]) < 0.05 * 200  # the median slope is its own: level within 3 degrees
    value_start, label_end = level(lines[1].span(0.0, 0.1)), level(lines[0].span(0.9, 1.0))
    assert abs(value_start[:, 1].mean() - label_end[:, 1].mean()) < 20  # the next part of the line, at its height


def test_the_leveller_leaves_nearly_level_and_steep_text_alone():
    points = np.array([[0.0, 0.0], [100.0, 3.0]])
    assert np.array_equal(_leveller([sloped_line(0.5, 0, 0)], 0)(points), points)
    assert np.array_equal(_leveller([sloped_line(45, 0, 0)], 0)(points), points)


def test_stats_name_the_upscaler_that_runs(real_esrgan, monkeypatch):
    from piu_filter.pipeline import _ocr_upscaler
    from piu_filter.profile import Profile

    profile = Profile.load()
    assert _ocr_upscaler(profile) == "none"  # the measured default
    profile.ocr.super_resolution = "auto"
    assert _ocr_upscaler(profile) == upscale.MODEL
    profile.ocr.engine = "easyocr"
    assert _ocr_upscaler(profile) is None
    profile.ocr.engine = "rapidocr"
    monkeypatch.setattr(upscale, "model_folder", lambda: None)
    assert _ocr_upscaler(profile) == "classical"


@pytest.mark.parametrize("size", [(1, 1), (3, 2), (2, 400), (400, 2)])
def test_an_image_too_small_to_read_reads_as_nothing_with_super_resolution_on(real_esrgan, ppocrv5_engine, size):
    engine = PpOcrEngine(ppocrv5_engine.models, upscaler=real_esrgan, upscale_below=24)
    assert engine.read(Image.new("RGB", size, (255, 255, 255))) == []


def test_contrast_clahe_spreads_a_faded_print_and_it_still_reads(ppocrv5_engine):
    from piu_filter.models.ocr.ppocr_engine import equalised

    faded = Image.new("RGB", (420, 120), (150, 150, 142))
    ImageDraw.Draw(faded).text((20, 40), f"Pt Name: {NAME}", font=font(16), fill=(128, 128, 120))
    spread = np.asarray(equalised(faded).convert("L"), np.float32)
    assert equalised(faded).size == faded.size and np.ptp(spread) > 2 * np.ptp(np.asarray(faded.convert("L")))
    engine = PpOcrEngine(ppocrv5_engine.models, equalise=True)
    assert f"Name: {NAME}" in build_text(engine.read(faded)).text
