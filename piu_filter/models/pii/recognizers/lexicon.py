"""Spans of a text found by looking its runs of capitalised words up in a lexicon (names, towns), and the ASCII
spelling that lexicons are looked up by."""

from __future__ import annotations

import re
import unicodedata
from typing import Callable

Lookup = Callable[[int, int, list[str]], "int | None"]


def ascii_spelling(text: str) -> str:
    """`text` with its accents dropped (`Océane` -> `Oceane`, `São Paulo` -> `Sao Paulo`)."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def lexicon_spans(text: str, run: re.Pattern, word: re.Pattern, sizes: tuple[int, int],
                  lookup: Lookup) -> list[tuple[int, int]]:
    """In each match of `run`, windows of `word` matches, longest first (`sizes`: fewest and most words),
    are given to `lookup(start, end, words)`, which returns the span's end when the lexicon knows the window
    (or None); after a found window the search goes on with the word after it."""
    fewest, most = sizes
    spans = []
    for match in run.finditer(text):
        words = list(word.finditer(match.group()))
        i = 0
        while i < len(words):
            for size in range(min(most, len(words) - i), fewest - 1, -1):
                window = words[i:i + size]
                start, end = match.start() + window[0].start(), match.start() + window[-1].end()
                found = lookup(start, end, [w.group() for w in window])
                if found is not None:
                    spans.append((start, found))
                    i += size - 1
                    break
            i += 1
    return spans
