"""Word outlines: tilted text is covered within its quadrilateral, not the axis-aligned box around it, which on a
tilted photo also holds the lines above and below. Names are made up."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image, ImageDraw
from synthetic import font

from piu_filter.models.ocr.words import joined_quad, split_quad
from piu_filter.profile_sections import RedactConfig
from piu_filter.stages.redact import Redactor


def tilted_lines(angle: float) -> Image.Image:
    """Two lines of a header close together, turned by `angle` degrees."""
    image = Image.new("RGB", (520, 200), (14, 14, 14))
    draw = ImageDraw.Draw(image)
    draw.text((40, 70), "KOWALCZYK MAREN", font=font(20), fill=(235, 235, 235))
    draw.text((40, 98), "Depth 14cm Gain 52", font=font(20), fill=(235, 235, 235))
    return image.rotate(angle, Image.BICUBIC, expand=True, fillcolor=(14, 14, 14))


def outline_mask(size: tuple[int, int], polygon) -> Image.Image:
    mask = Image.new("1", size, 0)
    ImageDraw.Draw(mask).polygon(list(polygon), fill=1)
    return mask


def inside(point: tuple[float, float], polygon) -> bool:
    return bool(outline_mask((800, 600), polygon).getpixel((round(point[0]), round(point[1]))))


def test_a_quad_splits_by_character_count_and_joins_from_first_to_last():
    quad = ((0.0, 0.0), (100.0, 10.0), (98.0, 30.0), (-2.0, 20.0))
    first, second = split_quad("ANNA SMITH", quad)
    assert first[0] == quad[0] and first[1] == pytest.approx((40.0, 4.0)) and second[1] == quad[1]
    assert second[0] == pytest.approx((50.0, 5.0))  # after the space
    assert joined_quad(first, second) == (quad[0], quad[1], quad[2], quad[3])
    assert joined_quad(first, None) is None


@pytest.mark.parametrize("angle", [9.0, 189.0])  # tilted, and tilted upside down
def test_engine_words_carry_their_tilted_outline_in_reading_order(ppocrv5_engine, angle):
    words = {word.text: word for word in ppocrv5_engine.read(tilted_lines(angle))}
    surname, given = words["KOWALCZYK"], words["MAREN"]
    start_top, end_top, _, start_bottom = surname.quad
    slope = np.degrees(np.arctan2(end_top[1] - start_top[1], end_top[0] - start_top[0]))
    assert abs(((slope + angle + 180) % 360) - 180) < 4  # along the text, which runs at -angle in image y
    x0, y0, x1, y1 = surname.box
    assert all(x0 - 2 <= x <= x1 + 2 and y0 - 2 <= y <= y1 + 2 for x, y in surname.quad)
    both = joined_quad(surname.quad, given.quad)
    for word in (surname, given):
        centre = ((word.box[0] + word.box[2]) / 2, (word.box[1] + word.box[3]) / 2)
        assert inside(centre, both)


@pytest.mark.parametrize("with_outline", [True, False])
def test_outline_shape_fills_a_tilted_name_within_its_outline_and_keeps_the_next_line(ppocrv5_engine, with_outline):
    image = tilted_lines(9.0)
    words = {word.text: word for word in ppocrv5_engine.read(image)}
    surname, given, depth = words["KOWALCZYK"], words["MAREN"], words["Depth"]
    quad = joined_quad(surname.quad, given.quad)
    box = (min(surname.box[0], given.box[0]), min(surname.box[1], given.box[1]),
           max(surname.box[2], given.box[2]), max(surname.box[3], given.box[3]))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    out = Redactor(RedactConfig(shape="outline" if with_outline else "box"), 10_000_000).redact_image(
        buffer.getvalue(), {0: [box]}, None, {0: [quad]})
    before, after = np.asarray(image).astype(int), np.asarray(Image.open(io.BytesIO(out))).astype(int)
    name = np.asarray(outline_mask(image.size, joined_quad(surname.quad, given.quad)))
    assert before[name].max() > 200 and after[name].max() < 60  # the name is gone either way
    dx0, dy0, dx1, dy1 = depth.box
    kept = np.abs(after[dy0:dy1, dx0:dx1] - before[dy0:dy1, dx0:dx1]).max(axis=2) < 8
    assert kept.mean() > 0.9 if with_outline else kept.mean() < 0.9
