"""OCR words, the corrections applied to them, and the lines they are rebuilt into.

Correction rules (each applies to one word, or joins neighbours on one line):

1. Digit confusions inside numeric tokens: in a word made only of digits, separators and
   confusable letters, with at least two digits and no more such letters than digits (dates,
   times, phone numbers, identifiers), O/o/Q/D -> 0, l/I/|/i/! -> 1, S/s -> 5, B -> 8,
   Z/z -> 2, G -> 6. Other words are left alone.
2. Split numbers are joined: a word ending in `/`, `-`, `.` or `:` followed on the same line by a
   word starting with a digit becomes one word ("08/ 13/2024" -> "08/13/2024"), and so does a
   word followed by one starting with a separator ("(555) 234 -5678").
3. Times read with a dot: `HH.MM` right after a date becomes `HH:MM`.
4. Labels: the first word of a line, a word ending in a colon, or a word after a label ("Pt Namet"),
   that lies within a small
   edit distance of a screen label (Name, Patient, DOB, MRN, Birth, Study, Hospital, Tel, Dr., ...; `rn` read
   for `m`, digits read for letters and swapped letters included) is replaced by the label, and
   its semicolon becomes a colon ("Narne:" -> "Name:", "Mane" -> "Name", "D0B:" -> "DOB:"); before a
   colon, or starting a line before another label, one letter in four may be wrong ("Nanc:" -> "Name:",
   "Exan Date" -> "Exam Date"); a name before a label inside a line is left alone ("Kate ID:").
5. Stray spaces before punctuation are dropped ("Love ," -> "Love,"), and words made only of
   symbols (`$`, `~`, `_`, quotes) are dropped: they are specks and frame lines read as text.
6. A word ending in an underscore ends in a comma read too low ("QUIST_" -> "QUIST,").
7. Month names read with digits for letters (0/O, 1/l/I, 5/S, 8/B, 6/G, 9/g) are restored when
   that gives a month of the year ("0ct" -> "Oct", "N0V" -> "NOV", "Ju1" -> "Jul"), so that the
   date around them is read as one; between a day and a 4-digit year, a 3-letter word one letter
   off a single month's abbreviation becomes it ("4 Fob 2025" -> "4 Feb 2025").

8. Letters read as digits inside upper-case words: in a word of four or more capitals and digits with at
   least three letters and at most two digits, 0 -> O, 1 -> I, 5 -> S, 8 -> B ("J0HNSON" -> "JOHNSON").
9. Wide and CJK punctuation becomes ASCII ("[F】" -> "[F]", "，" -> ","); a date run into a time is split
   ("03/31/202410:25" -> "03/31/2024 10:25"); a month in mixed case is capitalised ("JuL" -> "Jul").
10. Facility words read with l for I, or in lower case after a capitalised word, are restored
   ("lmaging" -> "Imaging", "Christopher clinic" -> "Christopher Clinic"), and so is "st." before a
   capitalised word ("st. Kenneth" -> "St. Kenneth").
11. Before lines are built, specks are dropped: words made only of dashes and marks (`。`, `-`, `.-`;
   a lone comma or dot stays, for rule 5 to attach),
   and words of three characters or fewer whose box is over three times the usual word height (the
   scan itself read as a mark), so that they neither break a line nor stretch a redaction box.

Lines: going left to right, a word joins the line whose last word ends just before it at about
the same height, so that a label and its value reach the analyzer together, slightly tilted
lines stay whole, and another column of the screen becomes a line of its own.
"""

from __future__ import annotations

import calendar
import difflib
import re
import unicodedata
from dataclasses import dataclass, field

LABELS = ("Name", "Patient", "Pt", "DOB", "D.O.B.", "MRN", "ID", "Hospital", "Clinic", "Tel", "Phone", "Dr.",
          "Exam", "Date", "Age", "Sex", "Ref", "Referring", "Physician", "Address", "Acc", "Birth", "Study", "Time",
          "Operator", "Sonographer", "Accession", "Gender")
_LABEL_SET = {label.rstrip(".") for label in LABELS}
_DIGIT_FIXES = str.maketrans({"O": "0", "o": "0", "Q": "0", "D": "0", "l": "1", "I": "1", "|": "1", "i": "1",
                              "!": "1", "S": "5", "s": "5", "B": "8", "Z": "2", "z": "2", "G": "6"})
_NUMERIC_CHARS = set("0123456789/-.:()+# ")
_CONFUSABLE = set("OoQDlI|i!SsBZzG")
_MONTHS = {name.lower() for name in [*calendar.month_name[1:], *calendar.month_abbr[1:], "Sept"]}
_ABBREVIATIONS = list(calendar.month_abbr[1:])
_LETTERS_FOR_DIGITS = {"0": "o", "1": "l", "5": "s", "8": "b", "6": "g", "9": "g"}
_LETTER_FIXES = str.maketrans({"0": "O", "1": "I", "5": "S", "8": "B"})
_DATE = re.compile(r"^\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}$")
_DATE_THEN_TIME = re.compile(r"^(\d{1,2}[/.-]\d{1,2}[/.-]\d{4}|\d{4}[/.-]\d{1,2}[/.-]\d{1,2})"
                             r"((?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?)$")
_UPPER_WITH_DIGITS = re.compile(r"^[A-Z0-9]{4,}$")
_LETTERS_IN_NAMES = str.maketrans({"0": "O", "1": "I", "5": "S", "8": "B"})
_WIDE_PUNCTUATION = str.maketrans({"【": "[", "】": "]", "〔": "[", "〕": "]", "「": "[", "」": "]", "、": ","})
FACILITY_WORDS = ("Imaging", "Clinic", "Hospital", "Medical", "Center", "Centre", "Radiology", "Ultrasound",
                  "Maternity",
                  "Health", "Associates", "Infirmary", "Diagnostics", "Sonography")
_FACILITY_KEYS = {word.lower().replace("i", "l"): word for word in FACILITY_WORDS}
_MARKS_ONLY = re.compile("^(?:[·•。．\\-–—~_\"`^*|$]+|[.,:;'·•。．\\-–—~_\"`^*|$]{2,})$")
_SPECK_HEIGHT = 3.0  # a short word this many times the median word height is the scan read as a mark
_DOTTED_TIME = re.compile(r"^([01]?\d|2[0-3])\.([0-5]\d)$")


@dataclass
class OcrWord:
    """One word read from an image: text, box (x0, y0, x1, y1) in original pixels, confidence.

    `layout` is the word's box as read (in the upright view the OCR read it in): lines are
    rebuilt from it, since a turned image's text runs along the original image's columns.
    """

    text: str
    box: tuple[int, int, int, int]
    confidence: float
    raw: str = field(default="", repr=False)
    layout: tuple[int, int, int, int] | None = None

    def __post_init__(self) -> None:
        if self.layout is None:
            self.layout = self.box

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


def fix_digits(text: str) -> str:
    """Rule 1: letters OCR confuses with digits, replaced inside mostly-numeric words."""
    digits = sum(ch.isdigit() for ch in text)
    confusable = sum(ch in _CONFUSABLE for ch in text)
    numeric = sum(ch in _NUMERIC_CHARS for ch in text)
    if digits >= 2 and numeric + confusable == len(text) and confusable <= digits:
        return text.translate(_DIGIT_FIXES)
    return text


def fix_comma(text: str) -> str:
    """Rule 6: an underscore ending a word is a comma read low ("QUIST_" -> "QUIST,")."""
    return text[:-1] + "," if len(text) > 1 and text.endswith("_") and text[-2].isalpha() else text


def fix_month(text: str) -> str:
    """Rule 7: a month name with digits read for some of its letters ("0ct" -> "Oct", "N0V" -> "NOV")."""
    stem = text.rstrip(".,")
    if not any(ch.isdigit() for ch in stem) or not any(ch.isalpha() for ch in stem):
        return text
    for fixes in ({**_LETTERS_FOR_DIGITS, "1": "l"}, {**_LETTERS_FOR_DIGITS, "1": "i"}):
        letters = "".join(fixes.get(ch, ch) for ch in stem)
        if letters.lower() in _MONTHS:
            upper = sum(ch.isupper() for ch in stem) > sum(ch.islower() for ch in stem)
            return (letters.upper() if upper else letters.capitalize()) + text[len(stem):]
    return text


def fix_name_letters(text: str) -> str:
    """Rule 8: digits read for letters in an upper-case word ("J0HNSON" -> "JOHNSON", "D0BS0N" -> "DOBSON")."""
    if not _UPPER_WITH_DIGITS.match(text):
        return text
    digits = sum(ch.isdigit() for ch in text)
    if 1 <= digits <= 2 and len(text) - digits >= 3 and all(ch in "0158" for ch in text if ch.isdigit()):
        return text.translate(_LETTERS_IN_NAMES)
    return text


def fix_punctuation(text: str) -> str:
    """Rule 9: wide and CJK brackets and commas as ASCII; a month in mixed case capitalised ("JuL" -> "Jul")."""
    text = unicodedata.normalize("NFKC", text).translate(_WIDE_PUNCTUATION)
    stem = text.rstrip(".,")
    if stem.lower() in _MONTHS and stem not in (stem.lower(), stem.upper(), stem.capitalize()):
        return stem.capitalize() + text[len(stem):]
    return text


def fix_facility_word(previous: str, text: str) -> str:
    """Rule 10: a facility word read with l for I, or in lower case after a capitalised word, restored."""
    word = _FACILITY_KEYS.get(text.lower().replace("i", "l"))
    if word is None or text in (word, word.upper()) or not previous[:1].isupper():
        return text
    return word.upper() if previous.isupper() and len(previous) > 1 else word


def split_date_time(word: OcrWord) -> list[OcrWord]:
    """Rule 9: a date run into a time becomes two words, the box shared by character count."""
    match = _DATE_THEN_TIME.match(word.text)
    if not match:
        return [word]
    parts = split_into_words(f"{match.group(1)} {match.group(2)}", word.box)
    layouts = split_into_words(f"{match.group(1)} {match.group(2)}", word.layout)
    return [OcrWord(text, box, word.confidence, word.raw or word.text, layout)
            for (text, box), (_, layout) in zip(parts, layouts)]


def drop_specks(words: list[OcrWord]) -> list[OcrWord]:
    """Rule 11: words of marks only, and short words far taller than the usual word."""
    if not words:
        return words
    heights = sorted(max(w.height, 1) for w in words)
    usual = heights[len(heights) // 2]
    return [w for w in words if not _MARKS_ONLY.match(w.text.strip())
            and not (len(w.text.strip()) <= 3 and w.height > _SPECK_HEIGHT * usual)]


def fix_month_between(day: str, word: str, year: str) -> str:
    """Rule 7: between a day and a year, a 3-letter word one letter off exactly one month abbreviation becomes it."""
    if not (re.fullmatch(r"\d{1,2}", day) and re.fullmatch(r"(?:19|20)\d{2}", year) and re.fullmatch(r"[A-Za-z]{3}", word)):
        return word
    near = [m for m in _ABBREVIATIONS if sum(a != b for a, b in zip(m.lower(), word.lower())) == 1]
    if len(near) != 1 or word.lower() in _MONTHS:
        return word
    return near[0].upper() if word.isupper() else near[0]


def fix_label(text: str, cutoff: float = 0.8) -> str:
    """Rule 4: near-misses of screen labels (also read with rn for m, or digits for letters) become the label;
    ';' after one becomes ':'. A lower `cutoff` lets one letter in four be wrong."""
    stem = text.rstrip(":;.,")
    suffix = text[len(stem):]
    if len(stem) < 3:
        return text
    labels = {label.lower(): label for label in LABELS}
    if any(ch.isalpha() for ch in stem):  # digits read for letters inside a label ("D0B:", "1D:")
        stem = stem.translate(_LETTER_FIXES)
    anagram = next((label for key, label in labels.items() if sorted(key) == sorted(stem.lower())), None)
    if anagram is not None:
        return anagram + (":" if suffix[:1] in (":", ";") else suffix)
    for candidate in (stem.lower(), stem.lower().replace("rn", "m")):
        match = difflib.get_close_matches(candidate, labels, n=1, cutoff=cutoff)
        if match:
            return labels[match[0]] + (":" if suffix[:1] in (":", ";") else suffix)
    return text


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


def _union(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> tuple[int, int, int, int]:
    return min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3])


def _join(a: OcrWord, b: OcrWord) -> OcrWord:
    return OcrWord(a.text + b.text, _union(a.box, b.box), min(a.confidence, b.confidence), f"{a.raw} {b.raw}",
                   _union(a.layout, b.layout))


_SPECK = re.compile(r"^[$~_'\"`^*|]+$")
_LOOSE_CUTOFF = 0.75  # before a colon, or starting a line before a label, one letter in four may be wrong


def correct_line(line: list[OcrWord]) -> list[OcrWord]:
    """Rules 1-10 on one line of words."""
    line = [part for w in line if not _SPECK.match(w.text) for part in split_date_time(w)]
    if not line:
        return []
    words: list[OcrWord] = []
    for i, w in enumerate(line):
        text = fix_punctuation(w.text)
        after_label = bool(words) and words[-1].text.rstrip(":.") in _LABEL_SET
        first_before_label = i == 0 and len(line) > 1 and fix_label(line[1].text).rstrip(":.;") in _LABEL_SET
        if text[-1:] in ":;" or first_before_label:
            text = fix_label(fix_month(fix_digits(text)), _LOOSE_CUTOFF)
        elif i == 0 or after_label:
            text = fix_label(fix_month(fix_digits(text)))
        else:
            text = fix_month(fix_comma(fix_digits(text)))
        words.append(OcrWord(fix_name_letters(text), w.box, w.confidence, w.raw or w.text, w.layout))
    for previous, word in zip(words, words[1:]):
        word.text = fix_facility_word(previous.text, word.text)
        if previous.text == "st." and word.text[:1].isupper():
            previous.text = "St."
    joined: list[OcrWord] = []
    for word in words:
        if joined and (
            (joined[-1].text[-1:] in "/-.:" and word.text[:1].isdigit() and any(c.isdigit() for c in joined[-1].text))
            or (word.text[:1] in "-/" and joined[-1].text[-1:].isdigit())
            or (word.text in {",", ".", ":", ";", "'"})
        ):
            joined[-1] = _join(joined[-1], word)
            joined[-1].text = fix_digits(joined[-1].text)
        else:
            joined.append(word)
    for previous, word in zip(joined, joined[1:]):
        if _DATE.match(previous.text) and _DOTTED_TIME.match(word.text):
            word.text = word.text.replace(".", ":")
    for day, word, year in zip(joined, joined[1:], joined[2:]):
        word.text = fix_month_between(day.text, word.text, year.text)
    return joined


@dataclass
class OcrText:
    """The corrected text of an image, one line per visual line, and each word's span in it."""

    text: str
    words: list[OcrWord]
    spans: list[tuple[int, int]]

    def words_in(self, start: int, end: int) -> list[OcrWord]:
        """The words overlapping the character span [start, end)."""
        return [word for word, (s, e) in zip(self.words, self.spans) if s < end and start < e]


def build_text(words: list[OcrWord]) -> OcrText:
    parts: list[str] = []
    ordered: list[OcrWord] = []
    spans: list[tuple[int, int]] = []
    position = 0
    for line_index, line in enumerate(group_lines(drop_specks(words))):
        if line_index:
            parts.append("\n")
            position += 1
        for word_index, word in enumerate(correct_line(line)):
            if word_index:
                parts.append(" ")
                position += 1
            parts.append(word.text)
            spans.append((position, position + len(word.text)))
            ordered.append(word)
            position += len(word.text)
    return OcrText("".join(parts), ordered, spans)
