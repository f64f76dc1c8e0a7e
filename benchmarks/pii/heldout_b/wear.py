"""Damage a picture the way web copies are damaged. Geometric damage (downscale, tilt, turn, photo of a
screen) moves the label mask with the picture, nearest-neighbour; blur, glare, fading and JPEG leave it."""

from __future__ import annotations

import random

import numpy as np
from PIL import Image, ImageFilter

DAMAGES = ("none", "jpeg", "downscale", "blur", "tilt", "turn", "photo", "thermal")
SMALLEST_SIDE = 320  # a downscaled picture keeps a long side of at least this, a phone photo's 320x240
Pair = tuple[Image.Image, Image.Image]


def damage(kind: str, image: Image.Image, mask: Image.Image, rng: random.Random) -> tuple[Image.Image, Image.Image, int]:
    """The damaged picture, its mask and the JPEG quality to save it at (30-50 for `jpeg`, 60-90 otherwise)."""
    quality = rng.randint(30, 50) if kind == "jpeg" else rng.randint(60, 90)
    if kind in ("none", "jpeg"):
        return image, mask, quality
    image, mask = {"downscale": downscale, "blur": blur, "tilt": tilt, "turn": turn, "photo": photo,
                   "thermal": thermal}[kind](image, mask, rng)
    return image, mask, quality


def downscale(image: Image.Image, mask: Image.Image, rng: random.Random) -> Pair:
    factor = max(rng.uniform(0.4, 0.7), SMALLEST_SIDE / max(image.size))
    size = (int(image.width * factor), int(image.height * factor))
    return image.resize(size, Image.Resampling.BILINEAR), mask.resize(size, Image.Resampling.NEAREST)


def blur(image: Image.Image, mask: Image.Image, rng: random.Random) -> Pair:
    radius = rng.uniform(0.9, 1.8) * max(1.0, max(image.size) / 1200)
    return image.filter(ImageFilter.GaussianBlur(radius)), mask


def tilt(image: Image.Image, mask: Image.Image, rng: random.Random) -> Pair:
    angle = rng.choice([-1, 1]) * rng.uniform(2, 10)
    corner = image.getpixel((0, 0))
    return (image.rotate(angle, Image.Resampling.BICUBIC, expand=True, fillcolor=corner),
            mask.rotate(angle, Image.Resampling.NEAREST, expand=True, fillcolor=0))


def turn(image: Image.Image, mask: Image.Image, rng: random.Random) -> Pair:
    way = rng.choice([Image.Transpose.ROTATE_90, Image.Transpose.ROTATE_180, Image.Transpose.ROTATE_270])
    return image.transpose(way), mask.transpose(way)


def perspective_coefficients(target: list[tuple[float, float]], source: list[tuple[float, float]]) -> list[float]:
    """The eight coefficients PIL's PERSPECTIVE transform needs to map `target` corners back onto `source` corners."""
    rows = []
    for (x, y), (u, v) in zip(target, source):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
    solution = np.linalg.solve(np.asarray(rows, np.float64), np.asarray([c for point in source for c in point], np.float64))
    return solution.tolist()


def photo(image: Image.Image, mask: Image.Image, rng: random.Random) -> Pair:
    """A phone photo of the screen: the screen seen at an angle on a dark desk, a glare spot, softness and sensor noise."""
    width, height = image.size
    wobble = lambda: rng.uniform(0.02, 0.1)
    corners = [(width * wobble(), height * wobble()), (width * (1 - wobble()), height * wobble()),
               (width * (1 - wobble()), height * (1 - wobble())), (width * wobble(), height * (1 - wobble()))]
    source = [(0, 0), (width, 0), (width, height), (0, height)]
    coefficients = perspective_coefficients(corners, source)
    seen = image.transform(image.size, Image.Transform.PERSPECTIVE, coefficients, Image.Resampling.BICUBIC,
                           fillcolor=(48, 44, 40))
    mask = mask.transform(mask.size, Image.Transform.PERSPECTIVE, coefficients, Image.Resampling.NEAREST, fillcolor=0)
    ys, xs = np.mgrid[0:height, 0:width].astype(np.float32)
    spot_x, spot_y = rng.uniform(0.2, 0.8) * width, rng.uniform(0.2, 0.8) * height
    spread = rng.uniform(0.12, 0.25) * max(width, height)
    glare = rng.uniform(50, 100) * np.exp(-((xs - spot_x) ** 2 + (ys - spot_y) ** 2) / (2 * spread**2))
    noise = np.random.default_rng(rng.randrange(2**32)).normal(0, 5, (height, width, 1))
    pixels = np.asarray(seen.filter(ImageFilter.GaussianBlur(0.8)), np.float32) + glare[..., None] + noise
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), "RGB"), mask


def thermal(image: Image.Image, mask: Image.Image, rng: random.Random) -> Pair:
    """A faded thermal print: grey levels pulled towards warm paper, more on one side than the other."""
    grey = np.asarray(image.convert("L"), np.float32)
    width = grey.shape[1]
    keep = np.linspace(rng.uniform(0.65, 0.9), rng.uniform(0.35, 0.5), width, dtype=np.float32)
    if rng.random() < 0.5:
        keep = keep[::-1]
    paper = np.asarray(rng.choice([(238, 232, 214), (226, 226, 220), (240, 236, 226)]), np.float32)
    darkness = (255 - grey) * keep[None, :]
    pixels = paper[None, None, :] * (1 - darkness[..., None] / 255)
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), "RGB"), mask
