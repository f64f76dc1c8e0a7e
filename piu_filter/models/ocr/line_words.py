"""Words of a line read character by character: where they break and how far along the line each spans.

PP-OCR's recognisers often run English words together ("Name:FOLEY，IAIN", "D0B28Jun2022"): the
space is not the most likely class at the break, but its probability there stands out (0.1 and
more at real breaks; under 0.07 inside words, decimal points aside, on synthetic screens). A word ends at a read
space, where a space was that likely (never inside a decimal number such as 0.3), after a colon
ending a label ("Name:", "DOB:") and after a comma or colon that a letter follows. Full-width
forms are normalised (`，` -> `,`, `：` -> `:`). A word spans from half a character before its first
character's centre to half a character after its last.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import numpy as np

SPACE_PROBABILITY = 0.1  # a space this likely between two characters separates words
LABEL_END = ":;"


@dataclass(frozen=True)
class LineWord:
    """A word, the span (fractions 0..1 of the line's length) it covers, and its mean character score."""

    text: str
    start: float
    end: float
    confidence: float


def line_words(chars: list[str], positions: list[float], scores: list[float], space_before: list[float]) -> list[LineWord]:
    """Split a line into words; `positions` are the characters' centres as fractions of the line,
    `space_before` the probability of a space between each character and the one before it."""
    chars = [unicodedata.normalize("NFKC", c) for c in chars]
    groups: list[list[int]] = [[]]
    for i, char in enumerate(chars):
        if char.isspace():
            groups.append([])
            continue
        if groups[-1] and _breaks(chars, groups[-1], i, space_before[i]):
            groups.append([])
        groups[-1].append(i)
    spacing = _median_spacing([p for c, p in zip(chars, positions) if not c.isspace()])
    words = []
    for group in filter(None, groups):
        start, end = (positions[group[0]] - spacing / 2, positions[group[-1]] + spacing / 2) if spacing else (0.0, 1.0)
        words.append(LineWord("".join(chars[i] for i in group), max(0.0, start), min(1.0, end),
                              float(np.mean([scores[i] for i in group]))))
    return words


def _breaks(chars: list[str], word: list[int], i: int, space: float) -> bool:
    """Whether a new word starts at character i, after the characters of `word`."""
    last, char = chars[word[-1]], chars[i]
    decimal = (last.isdigit() and char == ".") or (last == "." and char.isdigit())
    after_label = last in LABEL_END and char.isalnum() and any(chars[j].isalpha() for j in word)
    after_comma = last in LABEL_END + "," and char.isalpha()
    return (space >= SPACE_PROBABILITY and not decimal) or after_label or after_comma


def _median_spacing(positions: list[float]) -> float:
    """The median distance between neighbouring characters (0 with fewer than two)."""
    return float(np.median(np.diff(positions))) if len(positions) >= 2 else 0.0
