"""Perspective correction of a photographed screen or printout before OCR.

The sheet is the largest four-cornered outline whose opposite sides differ by at most a third and whose
corners are within 20 degrees of square, covering 30-97% of the picture. The whole picture (not only the
sheet, so that no text beside a mistaken outline is lost) is warped so that the sheet becomes an upright
rectangle at its own resolution; words read there are boxed back in the original pixels.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import cv2
import numpy as np
from PIL import Image

from piu_filter.models.ocr.words import OcrWord, Quad

SHEET_AREA = (0.30, 0.97)  # fraction of the picture a sheet covers
MAX_SIDE_RATIO = 1.33  # longer over shorter of two opposite sides
MAX_CORNER_SKEW = 20.0  # degrees from square
MIN_CORNER_SHIFT = 0.01  # of the picture's longer side: a sheet already this square is read as it is
MAX_GROWTH = 2.0  # the warped picture's area over the original's
CANNY_THRESHOLDS = ((20, 60), (8, 24))  # strong edges first, then the faint edge of a dark sheet on a dark desk


@dataclass(frozen=True)
class Rectified:
    """The picture warped so that its sheet is upright, and the homography from original to warped pixels."""

    image: Image.Image
    homography: np.ndarray

    def box_to_original(self, box: tuple[int, int, int, int], size: tuple[int, int]) -> tuple[int, int, int, int]:
        """An axis-aligned box of the warped picture as the box around its corners in the original, clipped."""
        x0, y0, x1, y1 = box
        corners = np.float64([[[x0, y0], [x1, y0], [x1, y1], [x0, y1]]])
        back = cv2.perspectiveTransform(corners, np.linalg.inv(self.homography))[0]
        (left, top), (right, bottom) = np.floor(back.min(axis=0)), np.ceil(back.max(axis=0))
        return max(0, int(left)), max(0, int(top)), min(size[0], int(right)), min(size[1], int(bottom))

    def quad_to_original(self, quad: Quad) -> Quad:
        """A word's outline in the warped picture as its outline in the original."""
        back = cv2.perspectiveTransform(np.float64([quad]), np.linalg.inv(self.homography))[0]
        return tuple(map(tuple, back.round(1).tolist()))


def sheet_corners(rgb: np.ndarray) -> np.ndarray | None:
    """The corners of the photographed sheet (top-left, top-right, bottom-right, bottom-left), or None."""
    grey = cv2.GaussianBlur(cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY), (5, 5), 0)
    height, width = grey.shape
    for low, high in CANNY_THRESHOLDS:
        edges = cv2.dilate(cv2.Canny(grey, low, high), np.ones((3, 3), np.uint8))
        contours, _ = cv2.findContours(edges, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
        for contour in sorted(contours, key=cv2.contourArea, reverse=True)[:3]:
            hull = cv2.convexHull(contour)
            outline = cv2.approxPolyDP(hull, 0.02 * cv2.arcLength(hull, True), True)
            if len(outline) == 4:
                corners = _ordered(outline)
                if _is_sheet(corners, width * height):
                    return corners
    return None


def rectify(image: Image.Image) -> Rectified | None:
    """The picture with its sheet made upright, or None when no sheet is found or it is already square."""
    rgb = np.asarray(image.convert("RGB"))
    corners = sheet_corners(rgb)
    if corners is None:
        return None
    top, bottom = _length(corners[0], corners[1]), _length(corners[3], corners[2])
    left, right = _length(corners[0], corners[3]), _length(corners[1], corners[2])
    width, height = max(top, bottom), max(left, right)
    square = np.float32([[0, 0], [width, 0], [width, height], [0, height]])
    offset = corners - square - (corners - square).mean(axis=0)
    if np.abs(offset).max() < MIN_CORNER_SHIFT * max(image.size):
        return None
    homography = cv2.getPerspectiveTransform(corners, square)
    w, h = image.size
    placed = cv2.perspectiveTransform(np.float64([[[0, 0], [w, 0], [w, h], [0, h]]]), homography)[0]
    (x0, y0), (x1, y1) = placed.min(axis=0), placed.max(axis=0)
    if (x1 - x0) * (y1 - y0) > MAX_GROWTH * w * h:
        return None
    homography = np.float64([[1, 0, -x0], [0, 1, -y0], [0, 0, 1]]) @ homography
    warped = cv2.warpPerspective(rgb, homography, (math.ceil(x1 - x0), math.ceil(y1 - y0)), flags=cv2.INTER_CUBIC,
                                 borderMode=cv2.BORDER_REPLICATE)
    return Rectified(Image.fromarray(warped), homography)


class RectifyingReader:
    """An OCR reader that reads a photographed sheet rectified (see `rectify`), and any other picture as it is."""

    def __init__(self, reader) -> None:
        self.reader = reader

    def read(self, image: Image.Image) -> list[OcrWord]:
        rectified = rectify(image)
        if rectified is None:
            return self.reader.read(image)
        return [replace(word, box=rectified.box_to_original(word.box, image.size),
                        quad=rectified.quad_to_original(word.quad) if word.quad else None)
                for word in self.reader.read(rectified.image)]


def _ordered(outline: np.ndarray) -> np.ndarray:
    points = outline.reshape(4, 2).astype(np.float32)
    sums, differences = points.sum(axis=1), np.diff(points, axis=1).ravel()
    return np.float32([points[sums.argmin()], points[differences.argmin()], points[sums.argmax()],
                       points[differences.argmax()]])


def _is_sheet(corners: np.ndarray, picture_area: float) -> bool:
    area = cv2.contourArea(corners)
    if not SHEET_AREA[0] * picture_area < area < SHEET_AREA[1] * picture_area:
        return False
    sides = [_length(corners[i], corners[(i + 1) % 4]) for i in range(4)]
    if min(sides) < 1 or max(sides[0], sides[2]) > MAX_SIDE_RATIO * min(sides[0], sides[2]) \
            or max(sides[1], sides[3]) > MAX_SIDE_RATIO * min(sides[1], sides[3]):
        return False
    for i in range(4):
        before, after = corners[i - 1] - corners[i], corners[(i + 1) % 4] - corners[i]
        cosine = float(np.dot(before, after) / (np.linalg.norm(before) * np.linalg.norm(after)))
        if abs(90 - math.degrees(math.acos(max(-1.0, min(1.0, cosine))))) > MAX_CORNER_SKEW:
            return False
    return True


def _length(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.linalg.norm(a - b))
