"""Drawing for the PII benchmark: fonts, an ultrasound sector, and a canvas that remembers every word.

The canvas draws text word by word; `label_mask` turns the words into the evaluator's label
image (1..254 the glyph pixels of one private word, 255 technical words, 0 anything else).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONT_DIR = "/usr/share/fonts/truetype/dejavu"
Font = ImageFont.FreeTypeFont | ImageFont.ImageFont


def load_font(name: str, size: int) -> Font:
    """A DejaVu face by file stem (`DejaVuSansMono-Bold`), or `default` for Pillow's own scalable font."""
    if name != "default":
        try:
            return ImageFont.truetype(f"{FONT_DIR}/{name}.ttf", size)
        except OSError:
            pass
    return ImageFont.load_default(size=size)


def fit_font(name: str, size: int, texts: list[str], width: float) -> Font:
    """The face at `size`, or smaller until every text fits in `width` pixels (never below 10 px)."""
    font = load_font(name, size)
    while size > 10 and max(font.getlength(text) for text in texts) > width:
        size -= 1
        font = load_font(name, size)
    return font


def sector_scan(size: tuple[int, int], seed: int, gain: float = 1.6) -> Image.Image:
    """A grey-scale fan-shaped sector: speckle fading with depth, a dark sac and a bright fetal blob."""
    w, h = size
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    apex_x, apex_y = w / 2, h * rng.uniform(0.02, 0.1)
    radius = np.hypot(xx - apex_x, yy - apex_y)
    angle = np.degrees(np.arctan2(xx - apex_x, yy - apex_y))
    inside = (np.abs(angle) < rng.uniform(30, 44)) & (radius < h * 0.9) & (radius > h * 0.04)
    noise = Image.fromarray((np.clip(rng.rayleigh(0.35, (max(h // 2, 1), max(w // 2, 1))), 0, 1) * 255).astype(np.uint8))
    speckle = np.asarray(noise.resize((w, h), Image.BILINEAR).filter(ImageFilter.GaussianBlur(1.2)), np.float32) / 255
    tissue = speckle * (1.0 - radius / (h * 1.4))
    cx, cy = apex_x + rng.uniform(-0.1, 0.1) * w, h * rng.uniform(0.42, 0.58)
    a, b = w * rng.uniform(0.14, 0.22), h * rng.uniform(0.11, 0.17)
    sac = ((xx - cx) / a) ** 2 + ((yy - cy) / b) ** 2 < 1
    tissue[sac] *= 0.15
    fetus = ((xx - cx - a * 0.2) / (a * 0.45)) ** 2 + ((yy - cy) / (b * 0.4)) ** 2 < 1
    tissue[fetus] = 0.5 + 0.35 * speckle[fetus]
    image = np.where(inside, np.clip(tissue * gain, 0, 1), 0.0)
    return Image.fromarray((image * 255).astype(np.uint8)).convert("RGB")


@dataclass
class Word:
    text: str
    xy: tuple[float, float]
    font: Font
    entity: int | None  # index into WordCanvas.entities; None for plain or technical text
    technical: bool


@dataclass
class Entity:
    type: str
    text: str
    words: list[int] = field(default_factory=list)


Part = tuple[str, str | None]  # (text, entity type or None for plain text)


class WordCanvas:
    """Draws text word by word on an image and keeps each word for the ground truth."""

    def __init__(self, image: Image.Image) -> None:
        self.image = image
        self.draw = ImageDraw.Draw(image)
        self.words: list[Word] = []
        self.entities: list[Entity] = []

    def width(self, text: str, font: Font) -> float:
        return self.draw.textlength(text, font=font)

    def write(self, xy: tuple[float, float], parts: list[Part], font: Font, fill: tuple[int, int, int],
              technical: bool = False, gap: float = 1.0) -> float:
        """Draw `parts` left to right on one line (`gap` spaces between parts); returns the x after the last word."""
        x, y = xy
        space = self.width(" ", font)
        for text, entity_type in parts:
            index = None
            if entity_type is not None:
                self.entities.append(Entity(entity_type, text))
                index = len(self.entities) - 1
            for word in text.split():
                self.draw.text((x, y), word, font=font, fill=fill)
                self.words.append(Word(word, (x, y), font, index, technical and index is None))
                if index is not None:
                    self.entities[index].words.append(len(self.words) - 1)
                x += self.width(word, font) + space
            x += space * (gap - 1)
        return x - space

    def label_mask(self) -> tuple[Image.Image, dict[int, int]]:
        """The label image and the label of each private word (by word index)."""
        mask = np.zeros((self.image.height, self.image.width), dtype=np.uint8)
        labels: dict[int, int] = {}
        for index, word in enumerate(self.words):
            if word.entity is None and not word.technical:
                continue
            x0, y0, x1, y1 = (int(v) for v in self.draw.textbbox(word.xy, word.text, font=word.font))
            x0, y0 = max(x0 - 1, 0), max(y0 - 1, 0)
            x1, y1 = min(x1 + 1, self.image.width), min(y1 + 1, self.image.height)
            if x1 <= x0 or y1 <= y0:
                continue
            glyph = Image.new("L", (x1 - x0, y1 - y0), 0)
            ImageDraw.Draw(glyph).text((word.xy[0] - x0, word.xy[1] - y0), word.text, font=word.font, fill=255)
            ink = np.asarray(glyph) > 96
            if word.technical:
                mask[y0:y1, x0:x1][ink] = 255
            else:
                labels[index] = len(labels) + 1
                mask[y0:y1, x0:x1][ink] = labels[index]
        if len(labels) > 254:
            raise ValueError("more than 254 private words on one image")
        return Image.fromarray(mask), labels

    def truth_entities(self, labels: dict[int, int]) -> list[dict]:
        """The image entities as the evaluator reads them."""
        return [{"type": e.type, "text": e.text, "source": "image", "labels": [labels[w] for w in e.words if w in labels]}
                for e in self.entities]
