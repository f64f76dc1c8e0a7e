"""OCR words with their boxes, and the corrected text of an image with each word's span in it."""

from __future__ import annotations

from dataclasses import dataclass, field


def _union(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> tuple[int, int, int, int]:
    return min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3])


Quad = tuple[tuple[float, float], tuple[float, float], tuple[float, float], tuple[float, float]]


@dataclass
class OcrWord:
    """One word read from an image: text, box (x0, y0, x1, y1) in original pixels, confidence.

    `layout` is the word's box as read (in the upright view the OCR read it in): lines are
    rebuilt from it, since a turned image's text runs along the original image's columns. `quad`, where the
    engine gives one, is the word's outline in original pixels (start top, end top, end bottom, start bottom,
    along its text): tilted text is covered by it rather than by its box, which also holds the lines around it.
    """

    text: str
    box: tuple[int, int, int, int]
    confidence: float
    raw: str = field(default="", repr=False)
    layout: tuple[int, int, int, int] | None = None
    quad: Quad | None = None

    def __post_init__(self) -> None:
        if self.layout is None:
            self.layout = self.box

    def joined(self, other: "OcrWord", text: str | None = None) -> "OcrWord":
        """This word and the next read as one (`text`, or the two texts run together), boxes and outlines united."""
        return OcrWord(self.text + other.text if text is None else text, _union(self.box, other.box),
                       min(self.confidence, other.confidence), f"{self.raw or self.text} {other.raw or other.text}",
                       _union(self.layout, other.layout), joined_quad(self.quad, other.quad))

    def split_as(self, text: str) -> list["OcrWord"]:
        """This word read as the space-separated words of `text`, its box, layout and outline shared by character
        count."""
        boxes, layouts = split_into_words(text, self.box), split_into_words(text, self.layout)
        quads = split_quad(text, self.quad) if self.quad else [None] * len(boxes)
        return [OcrWord(part, box, self.confidence, self.raw or self.text, layout, quad)
                for (part, box), (_, layout), quad in zip(boxes, layouts, quads)]

    @property
    def centre_y(self) -> float:
        return (self.layout[1] + self.layout[3]) / 2

    @property
    def left(self) -> int:
        return self.layout[0]

    @property
    def right(self) -> int:
        return self.layout[2]

    @property
    def height(self) -> int:
        return self.layout[3] - self.layout[1]


@dataclass
class OcrText:
    """The corrected text of an image, one line per visual line, and each word's span in it; `unsure` the
    words read below the confidence the text trusts (kept out of it), `size` the image's (width, height)."""

    text: str
    words: list[OcrWord]
    spans: list[tuple[int, int]]
    unsure: list[OcrWord] = field(default_factory=list)
    size: tuple[int, int] = (0, 0)

    def words_in(self, start: int, end: int) -> list[OcrWord]:
        """The words overlapping the character span [start, end)."""
        return [word for word, (s, e) in zip(self.words, self.spans) if s < end and start < e]


def covered_fraction(box: tuple[int, int, int, int], others: list[tuple[int, int, int, int]]) -> float:
    """The fraction of `box` that `others` cover (their overlaps with one another counted twice)."""
    area = max(1, (box[2] - box[0]) * (box[3] - box[1]))
    shared = sum(max(0, min(box[2], o[2]) - max(box[0], o[0])) * max(0, min(box[3], o[3]) - max(box[1], o[1]))
                 for o in others)
    return shared / area


def split_into_words(text: str, box: tuple[int, int, int, int]) -> list[tuple[str, tuple[int, int, int, int]]]:
    """Split a box (as read) holding several space-separated words, sharing its width by character count."""
    tokens = text.split()
    if len(tokens) <= 1:
        return [(text.strip(), box)]
    x0, y0, x1, y1 = box
    per_char = (x1 - x0) / max(len(" ".join(tokens)), 1)
    words, offset = [], 0
    for token in tokens:
        start = x0 + offset * per_char
        words.append((token, (int(start), y0, int(round(start + len(token) * per_char)), y1)))
        offset += len(token) + 1
    return words


def joined_quad(first: Quad | None, last: Quad | None) -> Quad | None:
    """The outline from the start of `first` to the end of `last`, words of one line; None unless both have one."""
    if first is None or last is None:
        return None
    return first[0], last[1], last[2], first[3]


def split_quad(text: str, quad: Quad) -> list[Quad]:
    """The outline of each space-separated word of `text` within `quad`, its length shared by character count."""
    tokens = text.split()
    (ax, ay), (bx, by), (cx, cy), (dx, dy) = quad
    total = max(len(" ".join(tokens)), 1)

    def along(fraction: float) -> tuple[tuple[float, float], tuple[float, float]]:
        top = (ax + (bx - ax) * fraction, ay + (by - ay) * fraction)
        return top, (dx + (cx - dx) * fraction, dy + (cy - dy) * fraction)

    quads, offset = [], 0
    for token in tokens:
        (top_start, bottom_start), (top_end, bottom_end) = along(offset / total), along((offset + len(token)) / total)
        quads.append((top_start, top_end, bottom_end, bottom_start))
        offset += len(token) + 1
    return quads or [quad]
