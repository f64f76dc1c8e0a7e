"""Damage applied to a drawn image and its label mask.

Geometric damage (turn, tilt, downscale, photo) moves the mask with the image, resampled
NEAREST so labels stay exact; photometric damage (blur, glare, thermal fading) leaves the mask.
JPEG quality is chosen when the image is written.
"""

from __future__ import annotations

import random

import numpy as np
from PIL import Image, ImageEnhance, ImageFilter

Pair = tuple[Image.Image, Image.Image]  # (RGB image, 8-bit label mask)
DAMAGES = ("clean", "jpeg", "downscale", "blur", "tilt", "turn", "photo", "thermal")


def turn(image: Image.Image, mask: Image.Image, quarters: int) -> Pair:
    """A quarter, half or three-quarter turn."""
    return image.rotate(90 * quarters, expand=True), mask.rotate(90 * quarters, expand=True)


def tilt(image: Image.Image, mask: Image.Image, degrees: float, fill: tuple[int, int, int]) -> Pair:
    """A small rotation; the canvas grows so that no text leaves it."""
    return (image.rotate(degrees, resample=Image.BICUBIC, expand=True, fillcolor=fill),
            mask.rotate(degrees, resample=Image.NEAREST, expand=True, fillcolor=0))


def downscale(image: Image.Image, mask: Image.Image, factor: float) -> Pair:
    size = (max(int(image.width * factor), 1), max(int(image.height * factor), 1))
    return image.resize(size, Image.BILINEAR, reducing_gap=2.0), mask.resize(size, Image.NEAREST)


def blur(image: Image.Image, radius: float) -> Image.Image:
    return image.filter(ImageFilter.GaussianBlur(radius))


def glare(image: Image.Image, rng: random.Random, strength: float) -> Image.Image:
    """A soft bright reflection somewhere on the image."""
    w, h = image.size
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    cx, cy, r = rng.uniform(0.2, 0.8) * w, rng.uniform(0.2, 0.8) * h, rng.uniform(0.15, 0.35) * max(w, h)
    light = strength * np.exp(-((xx - cx) ** 2 + (yy - cy) ** 2) / (2 * r * r))[..., None]
    arr = np.asarray(image, np.float32)
    return Image.fromarray(np.clip(arr + (255 - arr) * light, 0, 255).astype(np.uint8))


def _perspective_coeffs(out_points: list[tuple[float, float]], in_points: list[tuple[float, float]]) -> list[float]:
    rows, rhs = [], []
    for (x, y), (u, v) in zip(out_points, in_points):
        rows += [[x, y, 1, 0, 0, 0, -u * x, -u * y], [0, 0, 0, x, y, 1, -v * x, -v * y]]
        rhs += [u, v]
    return list(np.linalg.solve(np.array(rows, float), np.array(rhs, float)))


def photo(image: Image.Image, mask: Image.Image, rng: random.Random, surround: tuple[int, int, int]) -> Pair:
    """A phone photo of the screen or print: a keystoned quad on a larger surround, glare, softness."""
    w, h = image.size
    margin = 0.08
    out_size = (int(w * (1 + 2 * margin)), int(h * (1 + 2 * margin)))
    jitter = lambda: rng.uniform(0.0, 0.07)  # noqa: E731
    ow, oh = out_size
    quad = [(ow * (margin - jitter() + 0.04), oh * (margin - jitter() + 0.04)),
            (ow * (1 - margin + jitter() - 0.04), oh * (margin - jitter() + 0.04)),
            (ow * (1 - margin + jitter() - 0.04), oh * (1 - margin + jitter() - 0.04)),
            (ow * (margin - jitter() + 0.04), oh * (1 - margin + jitter() - 0.04))]
    coeffs = _perspective_coeffs(quad, [(0, 0), (w, 0), (w, h), (0, h)])
    warped = image.transform(out_size, Image.PERSPECTIVE, coeffs, resample=Image.BICUBIC, fillcolor=surround)
    warped_mask = mask.transform(out_size, Image.PERSPECTIVE, coeffs, resample=Image.NEAREST, fillcolor=0)
    warped = glare(warped, rng, rng.uniform(0.25, 0.55))
    return blur(warped, rng.uniform(0.4, 1.0)), warped_mask


def thermal(image: Image.Image, rng: random.Random) -> Image.Image:
    """A faded thermal print: grey, low contrast, a warm paper tint and light banding."""
    grey = ImageEnhance.Contrast(image.convert("L")).enhance(rng.uniform(0.45, 0.7))
    arr = np.asarray(grey, np.float32)
    bands = 1 + 0.06 * np.sin(np.arange(arr.shape[0], dtype=np.float32) / rng.uniform(3, 9))[:, None]
    arr = np.clip(arr * bands + rng.uniform(25, 50), 0, 255)
    tint = np.array([1.0, 0.97, rng.uniform(0.82, 0.92)], np.float32)
    return Image.fromarray(np.clip(arr[..., None] * tint, 0, 255).astype(np.uint8))
