"""Synthetic images for examples, tests and benchmarks: no real person, no real scan.

Positives look like pregnancy ultrasounds (a speckled fan-shaped sector with a dark sac and a
bright fetal blob), as clinical screens with header text or as keepsake cards. Negatives are
grey-scale x-ray-like scans, text documents and colour scenes. Every name, date, place and
number drawn here is made up.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

FIRST_NAMES = ["Maren", "Lysa", "Tobin", "Odile", "Kasia", "Renske", "Idris", "Wynne", "Sabela", "Anouk"]
LAST_NAMES = ["Okafor", "Brennick", "Valdane", "Morrow", "Kettering", "Halvorsen", "Quist", "Ferrand"]
PLACES = ["Riverside Imaging Center", "St. Aldric Hospital", "Northgate Women's Clinic", "Lakeview Medical"]
CITIES = ["Springfield", "Ashford", "Millbrook", "Fairhaven"]


def font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """DejaVu Sans Mono when installed, else Pillow's scalable default font."""
    try:
        return ImageFont.truetype("DejaVuSansMono.ttf", size)
    except OSError:
        return ImageFont.load_default(size=size)


@dataclass
class PrivateText:
    """One made-up person's details, as printed on a scan or a card."""

    first: str
    last: str
    dob: str
    exam_date: str
    place: str
    city: str
    phone: str

    @classmethod
    def random(cls, rng: random.Random) -> "PrivateText":
        return cls(
            first=rng.choice(FIRST_NAMES),
            last=rng.choice(LAST_NAMES),
            dob=f"{rng.randint(1, 12):02d}/{rng.randint(1, 28):02d}/{rng.randint(1980, 2002)}",
            exam_date=f"{rng.randint(1, 12):02d}/{rng.randint(1, 28):02d}/2024",
            place=rng.choice(PLACES),
            city=rng.choice(CITIES),
            phone=f"(555) {rng.randint(200, 999)}-{rng.randint(1000, 9999)}",
        )


@dataclass
class Drawn:
    """An image and the lines of text drawn on it (empty for images without text)."""

    image: Image.Image
    lines: list[str] = field(default_factory=list)


def _speckle(rng: np.random.Generator, h: int, w: int) -> np.ndarray:
    noise = rng.rayleigh(scale=0.35, size=(h // 2, w // 2))
    img = Image.fromarray(np.clip(noise * 255, 0, 255).astype(np.uint8)).resize((w, h), Image.BILINEAR)
    return np.asarray(img.filter(ImageFilter.GaussianBlur(1.2)), dtype=np.float32) / 255.0


def sector_scan(size: tuple[int, int], seed: int) -> Image.Image:
    """A grey-scale fan-shaped ultrasound sector with a dark gestational sac and a fetal blob."""
    w, h = size
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    apex_x, apex_y = w / 2, h * 0.08
    radius = np.hypot(xx - apex_x, yy - apex_y)
    angle = np.degrees(np.arctan2(xx - apex_x, yy - apex_y))
    half_angle = rng.uniform(32, 42)
    inside = (np.abs(angle) < half_angle) & (radius < h * 0.88) & (radius > h * 0.05)
    tissue = _speckle(rng, h, w) * (1.0 - radius / (h * 1.4))
    sac_cx, sac_cy = apex_x + rng.uniform(-0.1, 0.1) * w, h * rng.uniform(0.45, 0.55)
    sac_a, sac_b = w * rng.uniform(0.16, 0.22), h * rng.uniform(0.12, 0.17)
    sac = ((xx - sac_cx) / sac_a) ** 2 + ((yy - sac_cy) / sac_b) ** 2 < 1
    tissue[sac] *= 0.15
    fetus = ((xx - sac_cx - sac_a * 0.2) / (sac_a * 0.45)) ** 2 + ((yy - sac_cy) / (sac_b * 0.4)) ** 2 < 1
    tissue[fetus] = 0.55 + 0.3 * _speckle(rng, h, w)[fetus]
    rim = (((xx - sac_cx) / (sac_a * 1.08)) ** 2 + ((yy - sac_cy) / (sac_b * 1.1)) ** 2 < 1) & ~sac
    tissue[rim] = np.maximum(tissue[rim], 0.75)
    img = np.where(inside, np.clip(tissue * 1.6, 0, 1), 0.0)
    return Image.fromarray((img * 255).astype(np.uint8)).convert("RGB")


def clinical_screen(person: PrivateText, seed: int, size: tuple[int, int] = (640, 480)) -> Drawn:
    """An ultrasound machine screen: header with patient fields, technical read-outs at the side."""
    rng = random.Random(seed)
    img = sector_scan(size, seed)
    draw = ImageDraw.Draw(img)
    text_size = max(12, size[1] // 32)
    small = font(text_size)
    lines = [
        f"Name: {person.last.upper()}, {person.first.upper()}",
        f"DOB {person.dob}",
        f"{person.place}",
        f"{person.exam_date} {rng.randint(8, 17):02d}:{rng.randint(0, 59):02d}",
    ]
    x, y = 8, 6
    for line in lines:
        draw.text((x, y), line, fill=(235, 235, 235), font=small)
        y += text_size + 4
    tech = [f"GA {rng.randint(8, 38)}w{rng.randint(0, 6)}d", "C5-1 OB", f"MI {rng.uniform(0.6, 1.3):.1f}", "TIs 0.3"]
    y = 6
    for line in tech:
        draw.text((size[0] - 110, y), line, fill=(200, 200, 120), font=small)
        y += text_size + 4
    return Drawn(img, lines + tech)


def keepsake_card(person: PrivateText, seed: int, size: tuple[int, int] = (600, 400)) -> Drawn:
    """A pastel announcement card with an ultrasound inset and a family message."""
    rng = random.Random(seed)
    pastel = rng.choice([(250, 225, 235), (225, 238, 250), (240, 250, 225)])
    card = Image.new("RGB", size, pastel)
    scan = sector_scan((size[0] // 2, int(size[1] * 0.7)), seed)
    card.paste(scan, (size[0] // 2 - 10, 20))
    draw = ImageDraw.Draw(card)
    big, small = font(28), font(18)
    lines = [f"Baby {person.last}", f"due {person.exam_date}", f"Love, {person.first}", person.city]
    draw.text((20, 40), lines[0], fill=(90, 60, 90), font=big)
    for i, line in enumerate(lines[1:]):
        draw.text((20, 100 + 34 * i), line, fill=(60, 60, 60), font=small)
    return Drawn(card, lines)


def card_with_portrait(person: PrivateText, seed: int, portrait: Image.Image, face: tuple[int, int, int, int],
                       face_width: int, degrees: float = 0.0) -> tuple[Image.Image, tuple[int, int, int, int]]:
    """A keepsake card with `portrait` (whose face lies in box `face`) scaled so that the face is `face_width` px wide,
    turned by `degrees` and pasted beside the scan; and where the face is on the card (x0, y0, x1, y1)."""
    scale = face_width / (face[2] - face[0])
    photo = portrait.convert("RGB").resize((round(portrait.width * scale), round(portrait.height * scale)), Image.LANCZOS)
    centre = np.array([(face[0] + face[2]) / 2 * scale - photo.width / 2, (face[1] + face[3]) / 2 * scale - photo.height / 2])
    if degrees:
        photo = photo.rotate(degrees, resample=Image.BICUBIC, expand=True, fillcolor=(240, 236, 228))
        turn = math.radians(degrees)  # PIL turns anticlockwise; y grows downwards
        centre = np.array([[math.cos(turn), math.sin(turn)], [-math.sin(turn), math.cos(turn)]]) @ centre
    size = (max(700, photo.width + 420), max(460, photo.height + 40))
    card = keepsake_card(person, seed, size).image
    left, top = card.width - photo.width - 10, 20
    card.paste(photo, (left, top))
    cx, cy = left + photo.width / 2 + centre[0], top + photo.height / 2 + centre[1]
    half_w, half_h = face_width / 2, (face[3] - face[1]) * scale / 2
    return card, (round(cx - half_w), round(cy - half_h), round(cx + half_w), round(cy + half_h))


def xray_scan(seed: int, size: tuple[int, int] = (480, 480)) -> Drawn:
    """A grey-scale x-ray-like image: bright bone shapes on a dark, noisy background."""
    rng = random.Random(seed)
    img = Image.new("L", size, 20)
    draw = ImageDraw.Draw(img)
    for _ in range(rng.randint(3, 6)):
        x0, y0 = rng.randint(0, size[0] - 60), rng.randint(0, size[1] - 200)
        draw.rounded_rectangle((x0, y0, x0 + rng.randint(30, 60), y0 + rng.randint(120, 200)), 20, fill=rng.randint(170, 230))
    noise = np.random.default_rng(seed).normal(0, 12, (size[1], size[0]))
    arr = np.clip(np.asarray(img, dtype=np.float32) + noise, 0, 255).astype(np.uint8)
    return Drawn(Image.fromarray(arr).filter(ImageFilter.GaussianBlur(2)).convert("RGB"))


def document(seed: int, size: tuple[int, int] = (480, 620)) -> Drawn:
    """A white page of black text lines (made-up words, no personal details)."""
    rng = random.Random(seed)
    img = Image.new("RGB", size, (250, 250, 248))
    draw = ImageDraw.Draw(img)
    words = ["report", "annual", "budget", "review", "meeting", "notes", "project", "summary", "figure", "table"]
    lines = []
    for i in range(rng.randint(10, 18)):
        line = " ".join(rng.choice(words) for _ in range(rng.randint(3, 6)))
        draw.text((30, 30 + 30 * i), line, fill=(20, 20, 20), font=font(18))
        lines.append(line)
    return Drawn(img, lines)


def colour_scene(seed: int, size: tuple[int, int] = (640, 427)) -> Drawn:
    """A colour landscape: sky gradient, sun, hills and a few shapes."""
    rng = random.Random(seed)
    w, h = size
    sky_top, sky_bottom = np.array([rng.randint(40, 120), rng.randint(120, 190), 240]), np.array([200, 230, 250])
    t = np.linspace(0, 1, h)[:, None, None]
    arr = (sky_top * (1 - t) + sky_bottom * t).repeat(w, axis=1).astype(np.uint8)
    img = Image.fromarray(arr)
    draw = ImageDraw.Draw(img)
    sx, sy = rng.randint(50, w - 50), rng.randint(30, h // 3)
    draw.ellipse((sx - 30, sy - 30, sx + 30, sy + 30), fill=(255, 220, 80))
    for _ in range(3):
        cx = rng.randint(0, w)
        draw.ellipse((cx - w // 2, h * 0.6, cx + w // 2, h * 1.6), fill=(rng.randint(30, 90), rng.randint(110, 170), 50))
    for _ in range(rng.randint(2, 5)):
        x, y = rng.randint(0, w - 40), rng.randint(h // 2, h - 40)
        colour = tuple(rng.randint(0, 255) for _ in range(3))
        draw.rectangle((x, y, x + rng.randint(15, 60), y + rng.randint(15, 60)), fill=colour)
    return Drawn(img)


def rotated(drawn: Drawn, degrees: float) -> Drawn:
    """The same image turned by `degrees` (multiples of 90 are exact; others keep the size)."""
    if degrees % 90 == 0:
        return Drawn(drawn.image.rotate(degrees, expand=True), drawn.lines)
    return Drawn(drawn.image.rotate(degrees, resample=Image.BICUBIC, fillcolor=(0, 0, 0)), drawn.lines)


def tilt_angles(count: int, seed: int, max_degrees: float = 5.0) -> list[float]:
    """Small tilts, both ways, never exactly zero."""
    rng = random.Random(seed)
    return [math.copysign(rng.uniform(1.0, max_degrees), rng.choice([-1, 1])) for _ in range(count)]


def labelled_set(folder, positives: int, negatives: int, seed: int) -> None:
    """Write a labelled PIU set: folder/piu/*.jpg (scans, screens, cards), folder/other/*.jpg
    (x-ray-like scans, documents, colour scenes)."""
    import io
    from pathlib import Path

    rng = random.Random(seed)
    folder = Path(folder)
    for label, count in (("piu", positives), ("other", negatives)):
        (folder / label).mkdir(parents=True, exist_ok=True)
        for i in range(count):
            s = seed * 10_000 + i
            if label == "piu":
                kind = i % 3
                image = (clinical_screen(PrivateText.random(rng), s, size=(384, 288)).image if kind == 0 else
                         keepsake_card(PrivateText.random(rng), s, size=(360, 240)).image if kind == 1 else
                         sector_scan((320, 240), s))
            else:
                kind = i % 3
                image = (xray_scan(s, size=(288, 288)).image if kind == 0 else
                         document(s, size=(240, 320)).image if kind == 1 else colour_scene(s, size=(320, 213)).image)
            buffer = io.BytesIO()
            image.save(buffer, format="JPEG", quality=85)
            (folder / label / f"{i:04d}.jpg").write_bytes(buffer.getvalue())


@dataclass
class PlacedWord:
    """A word drawn on an image: its box, and the entity it belongs to (None: technical or plain text)."""

    text: str
    box: tuple[int, int, int, int]
    entity: int | None
    technical: bool


@dataclass
class Entity:
    type: str
    text: str
    words: list[int] = field(default_factory=list)  # indices into WordCanvas.words


class WordCanvas:
    """Draws text word by word and remembers every word's box and glyph pixels, for ground truth."""

    def __init__(self, image: Image.Image) -> None:
        self.image = image
        self.draw = ImageDraw.Draw(image)
        self.words: list[PlacedWord] = []
        self.entities: list[Entity] = []
        self._glyphs: list[tuple[tuple[int, int], str, object]] = []

    def write(self, xy: tuple[int, int], parts: list[tuple[str, str | None]], text_font, fill,
              technical: bool = False) -> None:
        """Draw `parts` left to right on one line; each part is (text, entity type or None)."""
        x, y = xy
        space = self.draw.textlength(" ", font=text_font)
        for text, entity_type in parts:
            entity_index = None
            if entity_type is not None:
                self.entities.append(Entity(entity_type, text))
                entity_index = len(self.entities) - 1
            for word in text.split():
                self.draw.text((x, y), word, font=text_font, fill=fill)
                box = tuple(int(v) for v in self.draw.textbbox((x, y), word, font=text_font))
                self.words.append(PlacedWord(word, box, entity_index, technical))
                self._glyphs.append(((x, y), word, text_font))
                if entity_index is not None:
                    self.entities[entity_index].words.append(len(self.words) - 1)
                x += self.draw.textlength(word, font=text_font) + space

    def label_mask(self) -> tuple[Image.Image, dict[int, int]]:
        """8-bit mask: private word i -> its label (1..254), technical words 255, else 0.

        Returns the mask and a map from word index to label.
        """
        mask = np.zeros((self.image.height, self.image.width), dtype=np.uint8)
        labels: dict[int, int] = {}
        for index, (word, (xy, text, text_font)) in enumerate(zip(self.words, self._glyphs)):
            if word.entity is None and not word.technical:
                continue
            glyph = Image.new("L", self.image.size, 0)
            ImageDraw.Draw(glyph).text(xy, text, font=text_font, fill=255)
            ink = np.asarray(glyph) > 96
            if word.technical:
                mask[ink] = 255
            else:
                labels[index] = len(labels) + 1
                mask[ink] = labels[index]
        return Image.fromarray(mask), labels
