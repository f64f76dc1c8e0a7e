"""Dates and times as OCR reads them (rules 3, 7, 9's split, 16, 17, 18 and 19 of `rules.py`)."""

from __future__ import annotations

import calendar
import re

from piu_filter.models.ocr.words import OcrWord
from piu_filter.models.vocabulary import MONTH_NAMES

_MONTHS = {name.lower() for name in MONTH_NAMES}
_ABBREVIATIONS = list(calendar.month_abbr[1:])
_LETTERS_FOR_DIGITS = {"0": "o", "1": "l", "5": "s", "8": "b", "6": "g", "9": "g", "7": "t"}
_MONTH_BETWEEN = re.compile(r"(\d{1,2}[-./ ])([A-Za-z0-9]{3})([-./ ](?:19|20)?\d{2})")  # 25-0C7-2024
_DATE_THEN_TIME = re.compile(r"^(\d{1,2}[/.-]\d{1,2}[/.-]\d{4}|\d{4}[/.-]\d{1,2}[/.-]\d{1,2})"
                             r"((?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?)$")
_COMMA_DATE = re.compile(r"(?=.*,)(?:\d{1,2}[.,]\d{1,2}[.,](?:19|20)\d{2}|(?:19|20)\d{2}[.,]\d{1,2}[.,]\d{1,2})")
_DAY_MONTH_COMMA = re.compile(r"\d{1,2}\.\d{1,2},")
_YEAR = re.compile(r"(?:19|20)\d{2}")
DIGITS_FOR_LETTERS = {"O": "0", "o": "0", "Q": "0", "D": "0", "l": "1", "I": "1", "|": "1", "i": "1", "!": "1",
                      "S": "5", "s": "5", "B": "8", "Z": "2", "z": "2", "G": "6"}  # letters OCR reads for digits
_DAY_DIGITS = str.maketrans({**DIGITS_FOR_LETTERS, "g": "9", "q": "9"})
_DAY_WITH_A_LETTER = re.compile(r"(?=.?\d)[0-9oODlIigqSsBZz]{2}")
_MIXED_SEPARATORS = re.compile(r"(\d{2})([/.-])(\d{2})(?!\2)[/.-](\d{2}|(?:19|20)\d{2})")
_LOST_SEPARATOR = re.compile(r"(\d{1,2})([/.-])(\d{2})((?:19|20)\d{2})")
_LOST_FIRST_SEPARATOR = re.compile(r"(\d{2})(\d{2})([/.-])((?:19|20)\d{2})")
_LOST_SEPARATOR_YEAR_FIRST = re.compile(r"((?:19|20)\d{2})([/.-])(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])")
_DAY_YEAR_TIME = re.compile(r"(0?[1-9]|[12]\d|3[01])((?:19|20)\d{2})((?:[01]\d|2[0-3]):[0-5]\d)?")


def is_month_name(word: str) -> bool:
    """A month's name or abbreviation, in any case."""
    return word.lower() in _MONTHS


def fix_month(text: str) -> str:
    """Rule 7: a month name with digits read for some of its letters ("0ct" -> "Oct", "N0V" -> "NOV"), also inside
    a date read as one word ("25-0C7-2024" -> "25-OCT-2024")."""
    between = _MONTH_BETWEEN.fullmatch(text)
    if between:
        return between.group(1) + _fix_month_word(between.group(2)) + between.group(3)
    return _fix_month_word(text)


def _fix_month_word(text: str) -> str:
    stem = text.rstrip(".,")
    if not any(ch.isdigit() for ch in stem) or not any(ch.isalpha() for ch in stem):
        return text
    for fixes in ({**_LETTERS_FOR_DIGITS, "1": "l"}, {**_LETTERS_FOR_DIGITS, "1": "i"}):
        letters = "".join(fixes.get(ch, ch) for ch in stem)
        if letters.lower() in _MONTHS:
            upper = sum(ch.isupper() for ch in stem) > sum(ch.islower() for ch in stem)
            return (letters.upper() if upper else letters.capitalize()) + text[len(stem):]
    return text


def split_date_time(word: OcrWord) -> list[OcrWord]:
    """Rule 9: a date run into a time becomes two words, the box shared by character count."""
    match = _DATE_THEN_TIME.match(word.text)
    if not match:
        return [word]
    return word.split_as(f"{match.group(1)} {match.group(2)}")


def fix_month_between(day: str, word: str, year: str) -> str:
    """Rule 7: between a day and a year, or before a day and a year (`word` first: "Hay 09 2024"), a 3-letter word
    one letter off a month abbreviation becomes it (the first of two: "31 Jut 2021" is a date either way), and so
    does a capitalised 2-letter word that is one with its second or third letter lost ("23 Fb 2025", "Ap 24 2020";
    not "Ma", March or May, nor "an")."""
    if not (re.fullmatch(r"\d{1,2},?", day) and _YEAR.fullmatch(year) and re.fullmatch(r"[A-Za-z]{2,3}", word)):
        return word
    lower = word.lower()
    if len(word) == 3:
        near = [m for m in _ABBREVIATIONS if sum(a != b for a, b in zip(m.lower(), lower)) == 1]
    else:
        near = [m for m in _ABBREVIATIONS if word[0].isupper() and lower in (m.lower()[::2], m.lower()[:2])]
    if not near or len(word) == 2 and len(near) > 1 or lower in _MONTHS:
        return word
    return near[0].upper() if word.isupper() else near[0]


def fix_date_commas(text: str) -> str:
    """Rule 16: a dotted date read with a comma for a dot ("07.11,2002", "31,10.1997", "2021.07,06") takes its dots
    back."""
    return text.replace(",", ".") if _COMMA_DATE.fullmatch(text) else text


def fix_date_separators(text: str) -> str:
    """Rule 19: a numeric date read with two different separators takes its first for both ("04-18.23" ->
    "04-18-23"), and one read with its second separator lost before a 4-digit year gets it back ("18/122022" ->
    "18/12/2022") or its first lost between a day and a month of two digits each ("1207.2018" -> "12.07.2018"), when
    its first two numbers can be a day and a month, or after a year, before a month and a day ("2016/0131" ->
    "2016/01/31")."""
    mixed = _MIXED_SEPARATORS.fullmatch(text)
    if mixed and _day_and_month(mixed.group(1), mixed.group(3)):
        return mixed.expand(r"\1\2\3\2\4")
    lost = _LOST_SEPARATOR.fullmatch(text)
    if lost and _day_and_month(lost.group(1), lost.group(3)):
        return lost.expand(r"\1\2\3\2\4")
    lost_first = _LOST_FIRST_SEPARATOR.fullmatch(text)
    if lost_first and _day_and_month(lost_first.group(1), lost_first.group(2)):
        return lost_first.expand(r"\1\3\2\3\4")
    year_first = _LOST_SEPARATOR_YEAR_FIRST.fullmatch(text)
    return year_first.expand(r"\1\2\3\2\4") if year_first else text


def _day_and_month(first: str, second: str) -> bool:
    """Whether two numbers are a day and a month, in either order."""
    a, b = int(first), int(second)
    return 1 <= a <= 31 and 1 <= b <= 12 or 1 <= a <= 12 and 1 <= b <= 31


def joins_comma_date(previous: str, text: str) -> bool:
    """Rule 16: whether a day and month ending in a comma ("12.11,") and a year ("1991") are one date."""
    return bool(_DAY_MONTH_COMMA.fullmatch(previous) and _YEAR.fullmatch(text))


def split_day_year(previous: str, word: OcrWord) -> list[OcrWord]:
    """Rule 17: after a month name, a day and a year run together, a time after them included, become words of their
    own ("Dec 19202008:40" -> "Dec 19 2020 08:40"), the box shared by character count."""
    match = _DAY_YEAR_TIME.fullmatch(word.text)
    if not is_month_name(previous.rstrip(".,")) or not match:
        return [word]
    return word.split_as(" ".join(part for part in match.groups() if part))


def fix_day_before_month(day: str, month: str) -> str:
    """Rule 18: a day of two characters, one a letter OCR reads for a digit, before a month name becomes digits
    ("o7 Sep" -> "07 Sep", "0g Apr" -> "09 Apr"), when that gives a day of a month."""
    if not (_DAY_WITH_A_LETTER.fullmatch(day) and is_month_name(month.rstrip(".,"))):
        return day
    digits = day.translate(_DAY_DIGITS)
    return digits if 1 <= int(digits) <= 31 else day
