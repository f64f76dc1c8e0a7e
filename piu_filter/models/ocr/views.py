"""Views: transformed copies of an image (scaled, turned, deskewed) that map points back to the original.

Every OCR pass reads a view; each word box is mapped back through the inverse transform, so
boxes are always in the original image's pixel coordinates.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageFilter

_TRANSPOSE = (None, Image.ROTATE_90, Image.ROTATE_180, Image.ROTATE_270)


def detection_scale(long_side: int, target_long_side: float, max_scale: float, max_side: int) -> float:
    """The scale an image is read at: small ones upscaled until their longer side reaches `target_long_side` (at most
    `max_scale` times), very large ones brought down to `max_side`, where detection cost would explode."""
    if long_side > max_side:
        return max_side / long_side
    return float(min(max_scale, max(1.0, target_long_side / long_side)))


@dataclass(frozen=True)
class View:
    """A transformed copy of the original image: `scale`, then a turn by `quarter_turns` x 90 degrees
    counter-clockwise, then a rotation by `skew` degrees about the centre."""

    image: Image.Image
    scale: float
    quarter_turns: int
    skew: float
    original_size: tuple[int, int]

    def to_original(self, points: np.ndarray) -> np.ndarray:
        """Map (N, 2) points of this view back to original pixel coordinates."""
        points = np.asarray(points, dtype=np.float64)
        if self.skew:
            w, h = self.image.size
            cx, cy = w / 2, h / 2
            angle = math.radians(self.skew)  # the view was rotated by +skew (counter-clockwise): undo it
            x, y = points[:, 0] - cx, points[:, 1] - cy
            points = np.stack([cx + x * math.cos(angle) - y * math.sin(angle),
                               cy + x * math.sin(angle) + y * math.cos(angle)], axis=1)
        turned_w, turned_h = self._turned_size()
        for _ in range(self.quarter_turns % 4):  # undo one 90-degree counter-clockwise turn at a time
            x, y = points[:, 0], points[:, 1]
            points = np.stack([turned_h - y, x], axis=1)
            turned_w, turned_h = turned_h, turned_w
        return points / self.scale

    def box_to_original(self, box: tuple[int, int, int, int]) -> tuple[int, int, int, int]:
        """An axis-aligned box of this view as the box around its corners in the original image, clipped to it."""
        x0, y0, x1, y1 = box
        corners = self.to_original(np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], dtype=np.float64))
        (left, top), (right, bottom) = np.floor(corners.min(axis=0)), np.ceil(corners.max(axis=0))
        w, h = self.original_size
        return max(0, int(left)), max(0, int(top)), min(w, int(right)), min(h, int(bottom))

    def turned(self, quarter_turns: int) -> "View":
        """This (unturned, unskewed) view turned a further `quarter_turns` counter-clockwise, without resampling."""
        turns = quarter_turns % 4
        image = self.image.transpose(_TRANSPOSE[turns]) if turns else self.image
        return View(image, self.scale, (self.quarter_turns + turns) % 4, self.skew, self.original_size)

    def _turned_size(self) -> tuple[int, int]:
        w, h = round(self.original_size[0] * self.scale), round(self.original_size[1] * self.scale)
        return (h, w) if self.quarter_turns % 2 else (w, h)


def make_view(image: Image.Image, scale: float, quarter_turns: int = 0, skew: float = 0.0) -> View:
    view = image
    if scale != 1.0:
        size = (round(image.width * scale), round(image.height * scale))
        view = view.resize(size, Image.LANCZOS).filter(ImageFilter.UnsharpMask(radius=1.5, percent=60, threshold=2))
    if quarter_turns % 4:
        view = view.transpose(_TRANSPOSE[quarter_turns % 4])
    if skew:
        view = view.rotate(skew, resample=Image.BICUBIC, expand=False, fillcolor=_edge_colour(view))
    return View(view, scale, quarter_turns % 4, skew, image.size)


def turn_points(points: np.ndarray, size: tuple[int, int], quarter_turns: int) -> np.ndarray:
    """(N, 2) points of an image of `size` (w, h), as placed after turning the image counter-clockwise."""
    points = np.asarray(points, dtype=np.float64)
    w, h = size
    for _ in range(quarter_turns % 4):
        points = np.stack([points[:, 1], w - points[:, 0]], axis=1)
        w, h = h, w
    return points


def _edge_colour(image: Image.Image) -> tuple[int, ...]:
    pixels = np.asarray(image)
    edges = np.concatenate([pixels[0], pixels[-1], pixels[:, 0], pixels[:, -1]])
    return tuple(int(v) for v in np.median(edges, axis=0))
