"""A text-free ultrasound picture: a speckled fan with a dark sac in it, drawn with numpy."""

from __future__ import annotations

import math
import random

import numpy as np
from PIL import Image, ImageFilter


def sector(size: tuple[int, int], rng: random.Random, tint: tuple[float, float, float] = (1.0, 1.0, 1.0)) -> Image.Image:
    """A fan of speckle opening downwards from the top centre, on black, `size` (width, height)."""
    width, height = size
    noise = np.random.default_rng(rng.randrange(2**32))
    ys, xs = np.mgrid[0:height, 0:width].astype(np.float32)
    apex_x, apex_y = width / 2, -height * 0.08
    radius = np.hypot(xs - apex_x, ys - apex_y)
    angle = np.degrees(np.arctan2(xs - apex_x, ys - apex_y))
    half_angle = rng.uniform(30, 42)
    fan = (np.abs(angle) < half_angle) & (radius > height * 0.12) & (radius < height * 1.02)
    speckle = noise.rayleigh(0.42, (height, width)).astype(np.float32)
    depth_gain = np.clip(1.15 - radius / (height * 1.3), 0.25, 1.0)
    sac_x, sac_y = width / 2 + rng.uniform(-0.1, 0.1) * width, height * rng.uniform(0.45, 0.6)
    sac = ((xs - sac_x) / (width * 0.16)) ** 2 + ((ys - sac_y) / (height * 0.13)) ** 2 < 1
    baby = ((xs - sac_x) / (width * 0.07)) ** 2 + ((ys - sac_y - height * 0.02) / (height * 0.05)) ** 2 < 1
    level = speckle * depth_gain * 150
    level[sac & ~baby] *= 0.15
    level[baby] *= 1.4
    level[~fan] = 0
    grey = Image.fromarray(np.clip(level, 0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(
        max(1.0, math.sqrt(width * height) / 500)))
    array = np.asarray(grey, np.float32)[..., None] * np.asarray(tint, np.float32)
    return Image.fromarray(np.clip(array, 0, 255).astype(np.uint8), "RGB")
