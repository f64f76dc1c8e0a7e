"""Failing closed on text that cannot be read: words in the bands where a screen or printout prints patient
data that recognition read without confidence, and that are neither technical words nor labels, are
covered as UNREADABLE_TEXT. A name OCR half-read (`Chauarys`, `DAUTES`) is hidden even when no recognizer
can name it; a read-out read with confidence (`GA 23w4d`, `TIs 0.7`) stays.
"""

from __future__ import annotations

import re

from piu_filter.models.ocr.bands import BAND
from piu_filter.models.ocr.words import OcrText, OcrWord, covered_fraction
from piu_filter.models.vocabulary import Vocabulary

UNREADABLE = "UNREADABLE_TEXT"
UNSURE_BELOW = 0.8  # word confidence under which a reading is not trusted to be harmless
MIN_CHARACTERS = 3  # letters and digits; fewer name nobody
_READ_OUT = re.compile(r"^\d[\w.,%]{0,6}$")  # a number with its unit as OCR half-reads it: 121bpon, 9wOd, 23406


def unreadable_words(ocr: OcrText, covered: list[tuple[int, int, int, int]], vocabulary: Vocabulary) -> list[OcrWord]:
    """The words of `ocr` to cover as unreadable: read below UNSURE_BELOW (or kept out of the text as unsure),
    centred in the top or bottom BAND of the image, of MIN_CHARACTERS letters and digits or more, neither a
    technical word, a label nor one misread (`Galn`), nor a read-out's number, and not already inside a
    `covered` box."""
    height = ocr.size[1]
    if not height:
        return []
    labels = {label.rstrip(":.").lower() for label in vocabulary.ocr_labels}
    found = []
    for word in [*ocr.unsure, *(w for w in ocr.words if w.confidence < UNSURE_BELOW)]:
        text = word.text.strip()
        centre = (word.box[1] + word.box[3]) / 2
        if not (centre < BAND * height or centre > (1 - BAND) * height):
            continue
        if sum(c.isalnum() for c in text) < MIN_CHARACTERS or _READ_OUT.match(text):
            continue
        if vocabulary.is_technical(text) or vocabulary.is_near_technical(text) or text.rstrip(":.").lower() in labels:
            continue
        if any(covered_fraction(word.box, [box]) >= 0.5 for box in covered):
            continue
        found.append(word)
    return found

