"""Failing closed on text that cannot be read: words in the bands where a screen or printout prints patient
data that recognition read without confidence, and that are neither technical words nor labels, are
covered as UNREADABLE_TEXT. A name OCR half-read (`Chauarys`, `DAUTES`) is hidden even when no recognizer
can name it; a read-out read with confidence (`GA 23w4d`, `TIs 0.7`) stays.
"""

from __future__ import annotations

import re

from piu_filter.models.ocr.bands import BAND
from piu_filter.models.ocr.words import OcrText, OcrWord, covered_fraction
from piu_filter.models.vocabulary import CALENDAR_WORDS, Vocabulary

UNREADABLE = "UNREADABLE_TEXT"
UNSURE_BELOW = 0.8  # word confidence under which a reading is not trusted to be harmless
MIN_CHARACTERS = 3  # letters and digits; fewer name nobody
_READ_OUT = re.compile(r"^\d[\w.,%]{0,6}$")  # a number with its unit as OCR half-reads it: 121bpon, 9wOd, 23406
_SETTING = re.compile(r"[=%~<>]")  # a setting or a ratio as OCR half-reads it: A0=100%, AO-10O%, 4>100%
_LABELLED_NUMBER = re.compile(r"^([A-Za-z]{1,3})[.:-]?(\d[\d.,:-]*)[A-Za-z%]{0,3}$")  # MI0.0, T1s, C9.2, TT30.5
MAX_READ_OUT_DIGITS = 4  # more digits after a short label make an identifier (MRN12345), not a read-out


def unreadable_words(ocr: OcrText, covered: list[tuple[int, int, int, int]], vocabulary: Vocabulary) -> list[OcrWord]:
    """The words of `ocr` to cover as unreadable: read below UNSURE_BELOW (or kept out of the text as unsure),
    centred in the top or bottom BAND of the image, of MIN_CHARACTERS letters and digits or more, neither a
    technical word, a label nor one misread (`Galn`), nor a read-out (a number, a setting, a short label glued to a
    short number), and not already inside a `covered` box."""
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
        if sum(c.isalnum() for c in text) < MIN_CHARACTERS or _is_read_out(text.strip("$!,.:;")):
            continue
        if vocabulary.is_technical(text) or vocabulary.is_near_technical(text) or text.rstrip(":.").lower() in labels:
            continue
        if any(covered_fraction(word.box, [box]) >= 0.5 for box in covered):
            continue
        found.append(word)
    return found


def _is_read_out(text: str) -> bool:
    """A measurement or setting as OCR half-reads it: a number first (`121bpon`), a setting's sign (`A0=100%`), or
    a label of up to three letters, not a month, glued to a number of up to MAX_READ_OUT_DIGITS digits (`MI0.0`,
    `T1s`; not `Jan12`)."""
    if _READ_OUT.match(text) or _SETTING.search(text):
        return True
    labelled = _LABELLED_NUMBER.match(text)
    return (bool(labelled) and labelled.group(1).lower() not in CALENDAR_WORDS
            and sum(c.isdigit() for c in labelled.group(2)) <= MAX_READ_OUT_DIGITS)
