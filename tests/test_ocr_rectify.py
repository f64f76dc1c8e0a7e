"""Perspective correction of a photographed sheet before OCR: the sheet's corners found, the picture warped
upright, and words boxed back in the original pixels. Names are made up."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw
from synthetic import font

from piu_filter.models.ocr import make_ocr_engine
from piu_filter.models.ocr.rectify import RectifyingReader, rectify, sheet_corners
from piu_filter.profile_sections import OcrConfig

NAME = "Pt Name: OKAFOR, LIESEL"
SHEET = (480, 360)
CORNERS = np.float32([[70, 40], [560, 70], [540, 430], [90, 400]])  # keystone and a slight turn


def sheet() -> Image.Image:
    """A dark ultrasound screen with a header line and a fan."""
    image = Image.new("RGB", SHEET, (15, 15, 18))
    draw = ImageDraw.Draw(image)
    draw.text((14, 12), NAME, font=font(20), fill=(235, 235, 235))
    draw.pieslice((90, 60, 390, 420), 240, 300, fill=(140, 140, 140))
    return image


def photographed(image: Image.Image, corners: np.ndarray = CORNERS, size=(640, 480)) -> tuple[Image.Image, np.ndarray]:
    """The sheet on a warm desk through the homography that puts its corners at `corners`."""
    w, h = image.size
    homography = cv2.getPerspectiveTransform(np.float32([[0, 0], [w, 0], [w, h], [0, h]]), corners)
    photo = cv2.warpPerspective(np.asarray(image), homography, size, borderValue=(170, 120, 95))
    return Image.fromarray(photo), homography


def test_the_corners_of_a_photographed_sheet_are_found():
    photo, _ = photographed(sheet())
    found = sheet_corners(np.asarray(photo))
    assert found is not None
    assert np.abs(found - CORNERS).max() < 6


def test_the_warped_picture_holds_the_sheet_upright_and_boxes_map_back():
    photo, homography = photographed(sheet())
    rectified = rectify(photo)
    assert rectified is not None
    # the sheet's header line, found in the warped picture, is level there and maps back onto the photo's header
    header = cv2.perspectiveTransform(np.float64([[[14, 12], [300, 12], [300, 34], [14, 34]]]), homography)[0]
    upright = cv2.perspectiveTransform(header[None], rectified.homography)[0]
    assert abs(upright[0, 1] - upright[1, 1]) < 2 and abs(upright[2, 1] - upright[3, 1]) < 2
    box = (int(upright[:, 0].min()), int(upright[:, 1].min()), int(upright[:, 0].max()), int(upright[:, 1].max()))
    x0, y0, x1, y1 = rectified.box_to_original(box, photo.size)
    assert x0 <= header[:, 0].min() + 2 and y0 <= header[:, 1].min() + 2
    assert x1 >= header[:, 0].max() - 2 and y1 >= header[:, 1].max() - 2


@pytest.mark.parametrize("case", ["screenshot", "square sheet", "small panel", "triangle"])
def test_pictures_without_a_tilted_sheet_are_read_as_they_are(case):
    if case == "screenshot":  # the screen itself, edge to edge
        picture = sheet()
    elif case == "square sheet":  # a sheet photographed square on: nothing to undo
        picture, _ = photographed(sheet(), np.float32([[80, 60], [560, 60], [560, 420], [80, 420]]))
    elif case == "small panel":  # a tilted box far smaller than the picture is not the sheet
        picture = Image.new("RGB", (640, 480), (230, 230, 230))
        ImageDraw.Draw(picture).polygon([(250, 200), (380, 210), (375, 300), (255, 290)], fill=(20, 20, 20))
    else:  # a fan-like shape with four corners but far from square
        picture = Image.new("RGB", (640, 480), (10, 10, 10))
        ImageDraw.Draw(picture).polygon([(300, 30), (340, 30), (620, 450), (20, 450)], fill=(150, 150, 150))
    assert rectify(picture) is None


def test_a_photographed_name_is_read_and_boxed_in_the_photo(ppocrv5_engine):
    photo, homography = photographed(sheet())
    reader = RectifyingReader(ppocrv5_engine)
    words = reader.read(photo)
    name = [word for word in words if "OKAFOR" in word.text.upper()]
    assert name, [word.text for word in words]
    header = cv2.perspectiveTransform(np.float64([[[14, 12], [300, 34]]]), homography)[0]
    x0, y0, x1, y1 = name[0].box
    centre = ((x0 + x1) / 2, (y0 + y1) / 2)
    assert header[0, 0] - 5 <= centre[0] <= header[1, 0] + 5 and header[0, 1] - 10 <= centre[1] <= header[1, 1] + 10
    quad = np.float64(name[0].quad)  # its outline mapped back through the same homography, inside its box
    assert np.all(quad >= np.float64([x0, y0]) - 1) and np.all(quad <= np.float64([x1, y1]) + 1)
    assert abs(quad.mean(axis=0)[0] - centre[0]) < 4 and abs(quad.mean(axis=0)[1] - centre[1]) < 4


def test_the_profile_switch_wraps_the_engine():
    assert isinstance(make_ocr_engine(OcrConfig(perspective="rectify")), RectifyingReader)
    assert not isinstance(make_ocr_engine(OcrConfig(perspective="none")), RectifyingReader)
