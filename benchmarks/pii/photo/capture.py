"""A phone photo of a screen or a printout, with the label mask carried through the same geometry.

The sheet is first given the look of what was photographed: a thermal or laser print (grey or warm
paper, low contrast, banding, toner speckle) or a monitor (a pixel grid, a slight gamma shift). The
photo then sees it on a surround (desk, hand, dark room) through a perspective warp and an in-plane
rotation, at a resolution that puts the picture's long side between 320 and 700 px, with defocus,
uneven light, a glare spot, sensor noise, and JPEG at quality 55-85. The mask takes the warp, the
rotation and the resize with nearest-neighbour sampling; light, blur and noise leave it.

Text stays legible to a person: the final size is raised (up to 700 px) until the shortest private
word is at least `MIN_TEXT_PX` tall, and the defocus blur's sigma stays below a sixth of that height;
`Capture.text_px` says how tall it came out, so that a caller can refuse a sheet whose print is too
small to read at 700 px (a whole A4 page).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import cv2
import numpy as np
from PIL import Image

LONG_SIDE = (320, 700)
MIN_TEXT_PX = 6.0
QUALITY = (55, 85)
TECH_LABEL = 255
SURROUNDS = {"desk": ((120, 95, 70), (175, 150, 120)), "hand": ((150, 105, 85), (215, 170, 145)),
             "dark": ((15, 15, 15), (55, 50, 45)), "table": ((190, 190, 185), (235, 235, 230))}


@dataclass
class Capture:
    """A photographed sheet: the picture, its warped mask, the JPEG quality to save it at, what was
    photographed (`print` or `monitor`) and the height in pixels of the shortest private word."""

    image: Image.Image
    mask: Image.Image
    quality: int
    medium: str
    text_px: float


def photograph(image: Image.Image, mask: Image.Image, rng: random.Random, medium: str | None = None) -> Capture:
    medium = medium or rng.choice(("print", "print", "monitor"))
    pixels = np.asarray(image.convert("RGB"), np.float32)
    pixels = printed(pixels, rng) if medium == "print" else on_monitor(pixels, rng)
    labels = np.asarray(mask, np.uint8)
    warp, size = _geometry(pixels.shape[1], pixels.shape[0], rng)
    surround = _surround(size, rng)
    photo = cv2.warpPerspective(pixels, warp, size, flags=cv2.INTER_AREA, borderMode=cv2.BORDER_TRANSPARENT,
                                dst=surround)
    warped_labels = cv2.warpPerspective(labels, warp, size, flags=cv2.INTER_NEAREST, borderValue=0)
    target = _long_side(warped_labels, rng)
    scale = target / max(size)
    final = (max(1, round(size[0] * scale)), max(1, round(size[1] * scale)))
    photo = cv2.resize(photo, final, interpolation=cv2.INTER_AREA)
    small_labels = cv2.resize(warped_labels, final, interpolation=cv2.INTER_NEAREST)
    text_px = _shortest_word(small_labels)
    photo = _light(photo, rng)
    sigma = rng.uniform(0.3, max(0.35, min(1.3, text_px / 6)))
    photo = cv2.GaussianBlur(photo, (0, 0), sigma)
    photo = photo + np.random.default_rng(rng.randrange(2**32)).normal(0, rng.uniform(2, 7), photo.shape)
    picture = Image.fromarray(np.clip(photo, 0, 255).astype(np.uint8))
    return Capture(picture, Image.fromarray(small_labels), rng.randint(*QUALITY), medium, round(text_px, 1))


def printed(pixels: np.ndarray, rng: random.Random) -> np.ndarray:
    """A print of the sheet: thermal (grey, faded, banded) or colour on warm paper, with speckle."""
    grey = pixels.mean(axis=2, keepdims=True)
    if rng.random() < 0.6:  # thermal: black and white, contrast squeezed, horizontal banding
        low, high = rng.uniform(25, 70), rng.uniform(200, 240)
        out = low + grey / 255 * (high - low)
        rows = np.arange(out.shape[0], dtype=np.float32)[:, None, None]
        out = out * (1 + rng.uniform(0.02, 0.07) * np.sin(rows / rng.uniform(2.5, 8)))
        out = np.repeat(out, 3, axis=2) * np.array([1.0, 0.98, rng.uniform(0.88, 0.96)], np.float32)
    else:
        paper = np.array([rng.uniform(235, 250), rng.uniform(228, 245), rng.uniform(210, 235)], np.float32)
        out = pixels * rng.uniform(0.75, 0.88) + paper * 0.12
    speckle = np.random.default_rng(rng.randrange(2**32)).random(out.shape[:2]) < rng.uniform(0.0005, 0.003)
    out[speckle] = rng.uniform(40, 120)
    return np.clip(out, 0, 255)


def on_monitor(pixels: np.ndarray, rng: random.Random) -> np.ndarray:
    """The sheet on a monitor: a faint dark pixel grid and a gamma and colour shift."""
    out = 255 * (pixels / 255) ** rng.uniform(0.8, 1.25)
    pitch = rng.choice((2, 3))
    grid = np.ones(out.shape[:2], np.float32)
    grid[::pitch, :] *= rng.uniform(0.82, 0.93)
    grid[:, ::pitch] *= rng.uniform(0.85, 0.95)
    out = out * grid[..., None] * np.array([rng.uniform(0.92, 1.0), 1.0, rng.uniform(0.95, 1.08)], np.float32)
    return np.clip(out, 0, 255)


def _geometry(width: int, height: int, rng: random.Random) -> tuple[np.ndarray, tuple[int, int]]:
    """The homography from the sheet into the photo (perspective from corner jitter, then rotation) and the
    photo's size, with a margin of surround around the sheet."""
    margin = rng.uniform(0.04, 0.14)
    out_w, out_h = round(width * (1 + 2 * margin)), round(height * (1 + 2 * margin))
    keystone = rng.uniform(0.02, 0.10)
    jitter = lambda: rng.uniform(-keystone, keystone)  # noqa: E731
    corners = np.float32([[0, 0], [width, 0], [width, height], [0, height]])
    placed = np.float32([[margin * width + jitter() * width, margin * height + jitter() * height],
                         [(1 + margin) * width + jitter() * width, margin * height + jitter() * height],
                         [(1 + margin) * width + jitter() * width, (1 + margin) * height + jitter() * height],
                         [margin * width + jitter() * width, (1 + margin) * height + jitter() * height]])
    angle = rng.choice((-1, 1)) * rng.uniform(0, 12)
    rotation = np.vstack([cv2.getRotationMatrix2D((out_w / 2, out_h / 2), angle, 1.0), [0, 0, 1]])
    return rotation @ cv2.getPerspectiveTransform(corners, placed), (out_w, out_h)


def _surround(size: tuple[int, int], rng: random.Random) -> np.ndarray:
    low, high = SURROUNDS[rng.choice(tuple(SURROUNDS))]
    colour = np.array([rng.uniform(a, b) for a, b in zip(low, high)], np.float32)
    return np.ascontiguousarray(np.broadcast_to(colour, (size[1], size[0], 3)).copy())


def _long_side(labels: np.ndarray, rng: random.Random) -> int:
    """A long side in LONG_SIDE, raised until the shortest private word is MIN_TEXT_PX tall (or 700 px)."""
    wanted = rng.randint(*LONG_SIDE)
    shortest = _shortest_word(labels)
    if shortest:
        wanted = max(wanted, round(max(labels.shape) * MIN_TEXT_PX * 1.2 / shortest))  # nearest resizing thins labels
    return min(wanted, LONG_SIDE[1]) if max(labels.shape) > LONG_SIDE[0] else max(labels.shape)


def _shortest_word(labels: np.ndarray) -> float:
    """The height of the shortest private word (the thinner side of its labelled area's rotated box)."""
    heights = []
    for label in np.unique(labels):
        if label in (0, TECH_LABEL):
            continue
        points = cv2.findNonZero((labels == label).astype(np.uint8))
        if points is not None and len(points) >= 3:
            heights.append(min(cv2.minAreaRect(points)[1]))
    return float(min(heights)) if heights else 0.0


def _light(photo: np.ndarray, rng: random.Random) -> np.ndarray:
    """Uneven light (a brightness ramp and a vignette) and, on most photos, a glare spot."""
    h, w = photo.shape[:2]
    ys, xs = np.mgrid[0:h, 0:w].astype(np.float32)
    angle = rng.uniform(0, 2 * np.pi)
    ramp = ((xs / w - 0.5) * np.cos(angle) + (ys / h - 0.5) * np.sin(angle)) * rng.uniform(0.15, 0.45)
    vignette = ((xs / w - 0.5) ** 2 + (ys / h - 0.5) ** 2) * rng.uniform(0.2, 0.6)
    out = photo * (1 + ramp - vignette)[..., None]
    if rng.random() < 0.7:
        cx, cy, radius = rng.uniform(0.1, 0.9) * w, rng.uniform(0.1, 0.9) * h, rng.uniform(0.08, 0.25) * max(w, h)
        spot = np.exp(-((xs - cx) ** 2 + (ys - cy) ** 2) / (2 * radius ** 2)) * rng.uniform(50, 110)
        out = out + spot[..., None]
    return out
