"""OCR words rebuilt into lines, corrected (rules.py) and joined into the text the analyzer reads.

Going left to right, a word joins the line whose last word ends just before it at about the same
height, so that a label and its value reach the analyzer together, slightly tilted lines stay
whole, and another column of the screen becomes a line of its own.
"""

from __future__ import annotations

import re

from piu_filter.models.ocr.date_rules import (fix_date_commas, fix_date_separators, fix_day_before_month, fix_month,
                                              fix_month_between, joins_comma_date, split_date_time, split_day_year)
from piu_filter.models.ocr.facility_rules import fix_facility_abbreviations, fix_facility_word, join_split_facility_word
from piu_filter.models.ocr.rules import (drop_specks, fix_comma, fix_digits, fix_label, fix_name_letters, fix_place_case,
                                         fix_punctuation, split_glued_label)
from piu_filter.models.ocr.words import OcrText, OcrWord
from piu_filter.models.vocabulary import Vocabulary, load_vocabulary

_DATE = re.compile(r"^\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}$")
_DOTTED_TIME = re.compile(r"^([01]?\d|2[0-3])\.([0-5]\d)$")
_SPECK = re.compile(r"^[$~_'\"`^*|]+$")
_LOOSE_CUTOFF = 0.75  # before a colon, or starting a line before a label, one letter in four may be wrong


def group_lines(words: list[OcrWord]) -> list[list[OcrWord]]:
    """Words on one visual line, top to bottom, each line left to right.

    Going left to right, a word joins the line whose last word ends shortly before it (within
    three word heights) at nearly the same height (centres within 0.6 of a word height), so
    that slightly tilted lines stay whole; another column of the screen starts a new line.
    """
    lines: list[list[OcrWord]] = []
    for word in sorted(words, key=lambda w: (w.left, w.centre_y)):
        height = max(word.height, 1)
        best, best_offset = None, None
        for line in lines:
            last = line[-1]
            gap = word.left - last.right
            offset = abs(word.centre_y - last.centre_y)
            if -height <= gap <= 3 * max(height, last.height) and offset <= 0.6 * max(height, last.height):
                if best_offset is None or offset < best_offset:
                    best, best_offset = line, offset
        if best is None:
            lines.append([word])
        else:
            best.append(word)
    return sorted(lines, key=lambda line: (min(w.centre_y for w in line), line[0].left))


def correct_line(line: list[OcrWord], vocabulary: Vocabulary) -> list[OcrWord]:
    """Rules 1-10 and 12-19 on one line of words, with the vocabulary's labels and facility words."""
    labels = vocabulary.ocr_labels
    line = [part for w in line if not _SPECK.match(w.text)
            for unglued in split_glued_label(w, labels) for part in split_date_time(unglued)]
    if not line:
        return []
    label_set = {label.rstrip(".") for label in labels}
    words: list[OcrWord] = []
    for i, w in enumerate(line):
        text = fix_punctuation(w.text)
        after_label = bool(words) and words[-1].text.rstrip(":.") in label_set
        first_before_label = i == 0 and len(line) > 1 and fix_label(line[1].text, labels).rstrip(":.;") in label_set
        if text[-1:] in ":;" or first_before_label:
            text = fix_label(fix_month(fix_digits(text)), labels, _LOOSE_CUTOFF)
        elif i == 0 or after_label:
            text = fix_label(fix_month(fix_digits(text)), labels, after_label=after_label)
        else:
            text = fix_month(fix_comma(fix_digits(text)))
        words.append(OcrWord(fix_name_letters(text), w.box, w.confidence, w.raw or w.text, w.layout, w.quad))
    words = join_split_facility_word(words, vocabulary.facility_words)
    fix_facility_abbreviations(words, vocabulary.facility_abbreviations)
    for previous, word in zip(words, words[1:]):
        word.text = fix_facility_word(previous.text, word.text, vocabulary.facility_words)
        word.text = fix_place_case(previous.text, word.text)
        if previous.text == "st." and word.text[:1].isupper():
            previous.text = "St."
        if previous.text in ("St.", "ST.") and word.text.isalpha() and word.text.islower():
            word.text = word.text.capitalize()
    joined: list[OcrWord] = []
    for word in words:
        if joined and joins_comma_date(joined[-1].text, word.text):
            joined[-1] = joined[-1].joined(word, joined[-1].text[:-1] + "." + word.text)
        elif joined and (
            (joined[-1].text[-1:] in "/-.:" and word.text[:1].isdigit() and any(c.isdigit() for c in joined[-1].text))
            or (word.text[:1] in "-/" and joined[-1].text[-1:].isdigit())
            or (word.text in {",", ".", ":", ";", "'"})
        ):
            joined[-1] = joined[-1].joined(word)
            joined[-1].text = fix_digits(joined[-1].text)
        else:
            joined.append(word)
    joined = [part for word in joined for part in split_glued_label(word, labels)]  # "008:" joined to its date
    joined = [part for previous, word in zip([None, *joined], joined)
              for part in (split_day_year(previous.text, word) if previous else [word])]
    for word in joined:
        word.text = fix_date_separators(fix_date_commas(word.text))
    for previous, word in zip(joined, joined[1:]):
        if _DATE.match(previous.text) and _DOTTED_TIME.match(word.text):
            word.text = word.text.replace(".", ":")
    for day, word, year in zip(joined, joined[1:], joined[2:]):
        word.text = fix_month_between(day.text, word.text, year.text)
    for word, day, year in zip(joined, joined[1:], joined[2:]):
        word.text = fix_month_between(day.text, word.text, year.text)
    for day, month in zip(joined, joined[1:]):
        day.text = fix_day_before_month(day.text, month.text)
    return joined


def build_text(words: list[OcrWord], vocabulary: Vocabulary | None = None, min_confidence: float = 0.2,
               size: tuple[int, int] = (0, 0)) -> OcrText:
    """The corrected text of an image's words read with at least `min_confidence`, one line per visual line
    (the built-in vocabulary when None); the others are kept apart as `unsure`."""
    vocabulary = vocabulary or load_vocabulary()
    unsure = [word for word in words if word.confidence < min_confidence]
    words = [word for word in words if word.confidence >= min_confidence]
    parts: list[str] = []
    ordered: list[OcrWord] = []
    spans: list[tuple[int, int]] = []
    position = 0
    for line_index, line in enumerate(group_lines(drop_specks(words))):
        if line_index:
            parts.append("\n")
            position += 1
        for word_index, word in enumerate(correct_line(line, vocabulary)):
            if word_index:
                parts.append(" ")
                position += 1
            parts.append(word.text)
            spans.append((position, position + len(word.text)))
            ordered.append(word)
            position += len(word.text)
    return OcrText("".join(parts), ordered, spans, unsure, size)
