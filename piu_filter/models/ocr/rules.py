"""Corrections of OCR words. Rules (each applies to one word, or joins neighbours on one line):

1. Digit confusions inside numeric tokens: in a word made only of digits, separators and
   confusable letters, with at least two digits and no more such letters than digits (dates,
   times, phone numbers, identifiers), O/o/Q/D -> 0, l/I/|/i/! -> 1, S/s -> 5, B -> 8,
   Z/z -> 2, G -> 6. Other words are left alone.
2. Split numbers are joined: a word ending in `/`, `-`, `.` or `:` followed on the same line by a
   word starting with a digit becomes one word ("08/ 13/2024" -> "08/13/2024"), and so does a
   word followed by one starting with a separator ("(555) 234 -5678").
3. Times read with a dot: `HH.MM` right after a date becomes `HH:MM`.
4. Labels: the first word of a line, a word ending in a colon, or a word after a label ("Pt Namet"),
   that lies within a small edit distance of a screen label of the vocabulary (Name, Patient, DOB, MRN,
   Birth, Study, Hospital, Tel, Dr., ...; `rn` or `in` read
   for `m`, digits read for letters and swapped letters included) is replaced by the label, and
   its semicolon becomes a colon ("Narne:" -> "Name:", "Mane" -> "Name", "D0B:" -> "DOB:", "1D:" -> "ID:", "Patient 1D"
   -> "Patient ID"); before a
   colon, or starting a line before another label, one letter in four may be wrong ("Nanc:" -> "Name:",
   "Exan Date" -> "Exam Date"); a name before a label inside a line is left alone ("Kate ID:").
5. Stray spaces before punctuation are dropped ("Love ," -> "Love,"), and words made only of
   symbols (`$`, `~`, `_`, quotes) are dropped: they are specks and frame lines read as text.
6. A word ending in an underscore ends in a comma read too low ("QUIST_" -> "QUIST,").
7. Month names read with digits for letters (0/O, 1/l/I, 5/S, 8/B, 6/G, 9/g) are restored when
   that gives a month of the year ("0ct" -> "Oct", "N0V" -> "NOV", "Ju1" -> "Jul"), so that the
   date around them is read as one; between a day and a 4-digit year, a 3-letter word one letter
   off a month's abbreviation becomes it ("4 Fob 2025" -> "4 Feb 2025"; the first of two: "31 Jut 2021" -> "31 Jun
   2021", a date either way), and so does one before a day and a year ("Hay 09 2024" -> "May 09 2024"), and a
   capitalised 2-letter word that is a single one with its second or third letter lost ("23 Fb 2025", "Ap 24 2020";
   not "Ma", nor "an").

8. Letters read as digits inside upper-case words: in a word of four or more capitals and digits with at
   least three letters and at most two digits, 0 -> O, 1 -> I, 5 -> S, 8 -> B ("J0HNSON" -> "JOHNSON"); and in a
   capitalised word, where a letter follows each such digit: 0 -> O/o, 1 -> I/l, 5 -> S/s, 8 -> B (as its first
   letter) ("5ara" -> "Sara", "Hanyis0n" -> "Hanyison"; not "Jan5" nor "Term1": a day or a number after a word).
9. Wide and CJK punctuation becomes ASCII ("[F】" -> "[F]", "，" -> ","); a date run into a time is split
   ("03/31/202410:25" -> "03/31/2024 10:25"); a month in mixed case is capitalised ("JuL" -> "Jul").
10. Facility words of the vocabulary read with l for I, or in lower case after a capitalised word, are restored
   ("lmaging" -> "Imaging", "Christopher clinic" -> "Christopher Clinic"), and so are words of five letters or more
   one letter off a facility word of six letters or more that no dictionary of the languages read knows
   ("Raiology", "Cinic", "Certer"; "Matemity", m read for rn; not "Imagine", nor Italian "clinica"), "st." before
   a capitalised word ("st. Kenneth" -> "St. Kenneth") and a lower-case word after "St." ("St. jose" -> "St. Jose").
11. Before lines are built, specks are dropped: words made only of dashes and marks (`。`, `-`, `.-`;
   a lone comma or dot stays, for rule 5 to attach),
   and words of three characters or fewer whose box is over three times the usual word height (the
   scan itself read as a mark), so that they neither break a line nor stretch a redaction box.
12. A label glued to its value by a colon, letters read as digits included, becomes the label and the value
   ("008:03-15-86" -> "DOB: 03-15-86", "0ote:04-11-21" -> "Date: 04-11-21").
13. A facility word read as two words becomes one ("Women's Heal th" -> "Women's Health").
14. A lower-case word no dictionary of the languages read knows, after a capitalised word and before a comma, is
   capitalised: the rest of a place's name ("Lake willianstad, Western Australia").
15. In upper case, a word one letter off a facility abbreviation (HOSP, MED, CTR), after an upper-case word and no
   English word, or before an abbreviation, becomes it ("VALENZUELA HOSR." -> "HOSP.", "ED CTR" -> "MED CTR").
16. A dotted date read with a comma for a dot takes its dots back ("07.11,2002", "2021.07,06", "12.11, 1991" ->
   "12.11.1991").
17. After a month name, a day and a year run together, and a time after them, are split ("Dec 19202008:40" ->
   "Dec 19 2020 08:40").
18. Before a month name, a day of two characters read with a letter for one digit becomes digits ("o7 Sep" ->
   "07 Sep", "0g Apr" -> "09 Apr", "l5 May" -> "15 May"), when that gives a day of a month.
19. A numeric date read with two different separators takes its first for both ("04-18.23" -> "04-18-23"), and one
   with its second separator lost before a 4-digit year gets it back ("18/122022" -> "18/12/2022"), when its first
   two numbers can be a day and a month.

The rules of dates and times (3, 7, 9's split, 16, 17, 18, 19) are in `date_rules.py`, those of facility words
(10, 13, 15) in `facility_rules.py`.
"""

from __future__ import annotations

import difflib
import itertools
import re
import unicodedata
from functools import lru_cache

from piu_filter.models.dictionary import in_any_dictionary
from piu_filter.models.ocr.date_rules import DIGITS_FOR_LETTERS, is_month_name
from piu_filter.models.ocr.words import OcrWord

_DIGIT_FIXES = str.maketrans(DIGITS_FOR_LETTERS)
_NUMERIC_CHARS = set("0123456789/-.:()+# ")
_CONFUSABLE = set("OoQDlI|i!SsBZzG")
_LETTER_FIXES = str.maketrans({"0": "O", "1": "I", "5": "S", "8": "B"})
_UPPER_WITH_DIGITS = re.compile(r"^[A-Z0-9]{4,}$")
_GLUED_VALUE = re.compile(r"^(?P<label>[A-Za-z0-9]{2,12})[:;](?P<value>\d\S*)$")
_LABEL_LETTERS = {"0": "OD", "8": "B", "1": "I", "5": "S"}
_MOST_DIGITS_IN_LABEL = 3
_LOOSE_LABEL_CUTOFF = 0.75  # one letter in four may be wrong
_LETTERS_IN_NAMES = str.maketrans({"0": "O", "1": "I", "5": "S", "8": "B"})
_LOWER_LETTERS_IN_NAMES = str.maketrans({"0": "o", "1": "l", "5": "s"})
_CAPITALISED_WITH_DIGITS = re.compile(r"^[A-Z0158](?:[a-z]|[015](?=[a-z]))*[a-z]$")
_WIDE_PUNCTUATION = str.maketrans({"【": "[", "】": "]", "〔": "[", "〕": "]", "「": "[", "」": "]", "、": ","})
_MARKS_ONLY = re.compile("^(?:[·•。．\\-–—~_\"`^*|$]+|[.,:;'·•。．\\-–—~_\"`^*|$]{2,})$")
_SHORTEST_LOWER_PLACE = 5  # letters of a lower-case word rule 14 capitalises
_SPECK_HEIGHT = 3.0  # a short word this many times the median word height is the scan read as a mark


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


def fix_name_letters(text: str) -> str:
    """Rule 8: digits read for letters in an upper-case word ("J0HNSON" -> "JOHNSON", "D0BS0N" -> "DOBSON") or a
    capitalised one ("5ara" -> "Sara", "Hanyis0n" -> "Hanyison")."""
    upper, capitalised = _UPPER_WITH_DIGITS.match(text), len(text) >= 4 and _CAPITALISED_WITH_DIGITS.match(text)
    digits = sum(ch.isdigit() for ch in text)
    if not (upper or capitalised) or not 1 <= digits <= 2 or len(text) - digits < 3:
        return text
    if upper:
        return text.translate(_LETTERS_IN_NAMES) if all(ch in "0158" for ch in text if ch.isdigit()) else text
    return text[0].translate(_LETTERS_IN_NAMES) + text[1:].translate(_LOWER_LETTERS_IN_NAMES)


def fix_punctuation(text: str) -> str:
    """Rule 9: wide and CJK brackets and commas as ASCII; a month in mixed case capitalised ("JuL" -> "Jul")."""
    text = unicodedata.normalize("NFKC", text).translate(_WIDE_PUNCTUATION)
    stem = text.rstrip(".,")
    if is_month_name(stem) and stem not in (stem.lower(), stem.upper(), stem.capitalize()):
        return stem.capitalize() + text[len(stem):]
    return text


def fix_place_case(previous: str, text: str) -> str:
    """Rule 14: a lower-case word no dictionary knows, after a capitalised word and before a comma, is the rest of
    a place's name read in lower case ("Lake willianstad, Western Australia")."""
    stem = text.rstrip(",")
    if (text.endswith(",") and len(stem) >= _SHORTEST_LOWER_PLACE and stem.isalpha() and stem.islower()
            and previous[:1].isupper() and previous.isalpha() and not in_any_dictionary(stem)):
        return stem.capitalize() + ","
    return text


def split_glued_label(word: OcrWord, labels: tuple[str, ...]) -> list[OcrWord]:
    """Rule 12: a label glued to its value by a colon ("008:03-15-86", "0ote:04-11-21") becomes the label and
    the value, the box shared by character count."""
    match = _GLUED_VALUE.match(word.text)
    label = _label_read_with_digits(match.group("label"), labels) if match else None
    if label is None:
        return [word]
    return word.split_as(f"{label}: {match.group('value')}")


def _label_read_with_digits(stem: str, labels: tuple[str, ...]) -> str | None:
    """The label `stem` is, letters read as digits included (0 for O or D, 8 for B, 1 for I, 5 for S)."""
    names = {label.rstrip(".").lower(): label for label in labels}
    if sum(ch in _LABEL_LETTERS for ch in stem) > _MOST_DIGITS_IN_LABEL or (stem.isdigit() and len(stem) < 3):
        return None
    for letters in itertools.product(*(_LABEL_LETTERS.get(ch, ch) for ch in stem)):
        candidate = "".join(letters)
        if stem.isdigit():  # only digits ("008"): exactly a label's letters, or it is a number ("10:25")
            fixed = names.get(candidate.lower(), "")
        else:
            fixed = fix_label(candidate + ":", labels, _LOOSE_LABEL_CUTOFF).rstrip(":")
        if fixed.rstrip(".").lower() in names:
            return fixed
    return None


def drop_specks(words: list[OcrWord]) -> list[OcrWord]:
    """Rule 11: words of marks only, and short words far taller than the usual word."""
    if not words:
        return words
    heights = sorted(max(w.height, 1) for w in words)
    usual = heights[len(heights) // 2]
    return [w for w in words if not _MARKS_ONLY.match(w.text.strip())
            and not (len(w.text.strip()) <= 3 and w.height > _SPECK_HEIGHT * usual)]


@lru_cache(maxsize=8)
def _label_keys(labels: tuple[str, ...]) -> dict[str, str]:
    return {label.lower(): label for label in labels}


def fix_label(text: str, labels: tuple[str, ...], cutoff: float = 0.8, after_label: bool = False) -> str:
    """Rule 4: near-misses of screen labels (also read with rn or in for m, or digits for letters) become the label;
    ';' after one becomes ':'. A lower `cutoff` lets one letter in four be wrong."""
    stem = text.rstrip(":;.,")
    suffix = text[len(stem):]
    keys = _label_keys(labels)
    if len(stem) == 2 and (suffix[:1] in (":", ";") or after_label) and stem.isalnum() and not stem.isdigit():
        label = keys.get(stem.translate(_LETTER_FIXES).lower())  # "1D:" -> "ID:", "Patient 1D" -> "Patient ID"
        return label + suffix.replace(";", ":") if label else text
    if len(stem) < 3:
        return text
    if any(ch.isalpha() for ch in stem):  # digits read for letters inside a label ("D0B:", "1D:")
        stem = stem.translate(_LETTER_FIXES)
    anagram = next((label for key, label in keys.items() if sorted(key) == sorted(stem.lower())), None)
    if anagram is not None:
        return anagram + (":" if suffix[:1] in (":", ";") else suffix)
    for candidate in (stem.lower(), stem.lower().replace("rn", "m"), stem.lower().replace("in", "m")):
        match = difflib.get_close_matches(candidate, keys, n=1, cutoff=cutoff)
        if match:
            return keys[match[0]] + (":" if suffix[:1] in (":", ";") else suffix)
    return text
