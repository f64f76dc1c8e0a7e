"""A sheet to draw on: the picture, its label mask (one label per private word, 255 for technical
words) and the private entities, written word by word so every word's glyph pixels are known."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

TECH = 255
INK_LEVEL = 110  # a pixel of a word drawn alone at or above this level is one of its glyph pixels
PILLOW = "pillow"  # Pillow's own default font
FAMILIES = {"Sans": "sans", "SansCondensed": "sans-condensed", "SansMono": "mono", "Serif": "serif",
            "SerifCondensed": "serif-condensed"}

Part = tuple[str, str | None]  # text, and None (plain), "tech", or the entity type of private text
Colour = tuple[int, int, int]


@lru_cache
def installed_faces() -> dict[str, str]:
    """DejaVu faces found by fc-list, by name (`sans`, `serif-bold`, `mono`, `sans-condensed-bold`, ...)."""
    try:
        listing = subprocess.run(["fc-list", ":", "file"], capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return {}
    faces = {}
    for line in listing.splitlines():
        stem = Path(line.strip().rstrip(":")).stem
        family, _, style = stem.removeprefix("DejaVu").partition("-")
        if stem.startswith("DejaVu") and family in FAMILIES and style in ("", "Bold"):
            faces[FAMILIES[family] + ("-bold" if style else "")] = line.strip().rstrip(":")
    return faces


@lru_cache(maxsize=512)
def font(face: str, size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """A face from `installed_faces()` at `size` pixels; Pillow's default font for `pillow` or a face not installed."""
    path = installed_faces().get(face)
    return ImageFont.truetype(path, size) if path else ImageFont.load_default(size)


def faces(*wanted: str) -> list[str]:
    """The wanted faces that are installed, and Pillow's default font."""
    return [face for face in wanted if face in installed_faces()] + [PILLOW]


@dataclass
class Sheet:
    image: Image.Image
    mask: Image.Image
    entities: list[dict] = field(default_factory=list)
    next_label: int = 1

    @classmethod
    def blank(cls, size: tuple[int, int], colour: Colour) -> Sheet:
        return cls(Image.new("RGB", size, colour), Image.new("L", size, 0))

    @property
    def size(self) -> tuple[int, int]:
        return self.image.size

    def width(self, parts: list[Part], face: str, size: int) -> int:
        return int(font(face, size).getlength(" ".join(text for text, _ in parts if text)))

    def fit(self, parts: list[Part], face: str, size: int, room: float) -> int:
        """`size`, or the largest smaller size at which the line is at most `room` pixels wide."""
        while size > 8 and self.width(parts, face, size) > room:
            size -= 1
        return size

    def write(self, xy: tuple[float, float], parts: list[Part], face: str, size: int, fill: Colour,
              align: str = "left") -> int:
        """Draw the parts as one line, one space apart, from `xy` (its right end for align=right, its centre for
        align=centre); returns the x where the line ends."""
        type_face = font(face, size)
        x, y = xy
        if align != "left":
            x -= self.width(parts, face, size) / (1 if align == "right" else 2)
        draw = ImageDraw.Draw(self.image)
        space = type_face.getlength(" ")
        for text, kind in parts:
            labels = []
            for word in text.split():
                label = self._label(kind)
                draw.text((x, y), word, font=type_face, fill=fill)
                if label:
                    self._mark((x, y), word, type_face, label)
                    if label != TECH:
                        labels.append(label)
                x += type_face.getlength(word) + space
            if labels:
                self.entities.append({"type": kind, "text": text, "source": "image", "labels": labels})
        return int(x - space)

    def _label(self, kind: str | None) -> int:
        if kind is None:
            return 0
        if kind == "tech":
            return TECH
        if self.next_label >= TECH:
            raise ValueError("more than 254 private words on one sheet")
        self.next_label += 1
        return self.next_label - 1

    def _mark(self, xy: tuple[float, float], word: str, type_face, label: int) -> None:
        left, top, right, bottom = (int(v) for v in ImageDraw.Draw(self.mask).textbbox(xy, word, font=type_face))
        left, top = max(left - 1, 0), max(top - 1, 0)
        right, bottom = min(right + 2, self.size[0]), min(bottom + 2, self.size[1])
        if right <= left or bottom <= top:
            return
        alone = Image.new("L", (right - left, bottom - top), 0)
        ImageDraw.Draw(alone).text((xy[0] - left, xy[1] - top), word, font=type_face, fill=255)
        glyphs = alone.point(lambda v: 255 if v >= INK_LEVEL else 0)
        self.mask.paste(label, (left, top, right, bottom), glyphs)

    def paste(self, picture: Image.Image, xy: tuple[int, int]) -> None:
        """A picture without text (an ultrasound sector, a frame) onto the sheet."""
        self.image.paste(picture, xy)
