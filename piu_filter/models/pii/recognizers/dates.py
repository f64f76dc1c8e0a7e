"""Dates and times as screens, cards and captions print them, beyond presidio's DateRecognizer.

- month names, full or abbreviated, in any order with the day and an optional year:
  `03 Feb 2021`, `Feb 03 2021`, `June 19, 2026`, `19th June`, `Jan 17`, `03-FEB-2021`;
- numeric day, month and year with one separator (`/`, `-`, `.`) and a year of 2 or 4 digits,
  validated as a calendar date in some order: `14/03/2021`, `03-14-21`, `2021.03.14`, `01.09.2012`,
  also with a 4-digit year when OCR read one separator as a space (`2023 06.10`);
- a month and a year (`May 2022`, `jan 2021`);
- compact `YYYYMMDD` standing alone (DICOM study dates);
- clock times: HH:MM, HH:MM:SS, with am/pm.
Durations and ages (`12 week`, `3 days old`) are not dates: none of these patterns takes them.
"""

from __future__ import annotations

import calendar
import datetime
import re

from presidio_analyzer import Pattern, PatternRecognizer

from piu_filter.models.pii.recognizers.patterns import CASE_SENSITIVE

CALENDAR_WORDS = {w.lower() for names in (calendar.month_name, calendar.month_abbr, calendar.day_name, calendar.day_abbr)
                  for w in names if w}  # month and weekday names, never a name or a place
_MONTH_NAMES = [calendar.month_name[i] for i in range(1, 13)] + [calendar.month_abbr[i] for i in range(1, 13)] + ["Sept"]
_MONTH_FORMS = sorted({form for name in _MONTH_NAMES for form in (name, name.upper())}, key=len, reverse=True)
MONTH = "(?:" + "|".join(_MONTH_FORMS) + r")\.?"
_DAY = r"(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d{2}"
_SEP = r"[ \t]*[-/., \t][ \t]*"
_NAMED_DATES = [
    rf"\b{_DAY}{_SEP}(?:of[ \t]+)?{MONTH}(?:{_SEP}{_YEAR}|-\d{{2}})?\b",   # 03 Feb 2021, 19th June, 03-FEB-21
    rf"\b{MONTH}{_SEP}{_DAY}(?:{_SEP}{_YEAR})?\b(?![.:/]\d)",             # Feb 03 2021, June 19, 2026, Jan 17
]
_MONTH_ANY_CASE = "(?:" + "|".join(sorted({f for n in _MONTH_NAMES for f in (n, n.upper(), n.lower())}, key=len,
                                                reverse=True)) + r")\.?"
_MONTH_YEAR = rf"\b{_MONTH_ANY_CASE}[ \t,]+{_YEAR}\b"
_NUMERIC_DATE = r"(?<![\w./:-])(?:\d{1,2}([/.-])\d{1,2}\1(?:\d{4}|\d{2})|\d{4}([/.-])\d{1,2}\2\d{1,2})(?![\w/-]|\.\d)"
_SPACED_DATE = r"(?<![\w./:-])(?:(?:19|20)\d{2}[ \t]\d{1,2}[/.-]\d{1,2}|\d{1,2}[/.-]\d{1,2}[ \t](?:19|20)\d{2})(?![\w/-]|\.\d)"
_COMPACT_DATE = r"(?<![\w-])(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?![\w-])"
_TIME = r"\b(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?(?:[ \t]?[AaPp]\.?[Mm]\.?)?\b"


def is_calendar_date(text: str) -> bool:
    """Whether numbers split by one separator read as a real date as YMD, DMY or MDY (years of 2 or 4 digits)."""
    parts = re.split(r"[/.-]", text)
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        return False
    first, second, third = parts
    orders = [(first, second, third)] if len(first) == 4 else [(third, second, first), (third, first, second)]
    for year, month, day in orders:
        if len(year) not in (2, 4):
            continue
        try:
            datetime.date(int(year) + (2000 if len(year) == 2 else 0), int(month), int(day))
            return 1900 <= int(year) + (2000 if len(year) == 2 else 0) <= 2099
        except ValueError:
            continue
    return False


class NumericDateRecognizer(PatternRecognizer):
    """Numeric dates with any one separator, kept only when they are a calendar date."""

    def __init__(self) -> None:
        super().__init__("DATE_TIME", name="NumericDateRecognizer", global_regex_flags=CASE_SENSITIVE,
                         patterns=[Pattern("d/m/y, m-d-y, y.m.d", _NUMERIC_DATE, 0.6),
                                   Pattern("one separator read as a space", _SPACED_DATE, 0.5)],
                         context=["date", "dob", "birth", "due"])

    def invalidate_result(self, pattern_text: str) -> bool:
        """Numbers that are no calendar date are dropped; a date keeps its pattern's score (and context's lift)."""
        return not is_calendar_date(re.sub(r"[ \t]", re.search(r"[/.-]", pattern_text).group(), pattern_text))


def date_recognizers() -> list[PatternRecognizer]:
    named = [Pattern(f"named month {i}", p, 0.65) for i, p in enumerate(_NAMED_DATES)] + [Pattern("month year", _MONTH_YEAR, 0.5)]
    return [
        PatternRecognizer("DATE_TIME", name="NamedMonthDateRecognizer", global_regex_flags=CASE_SENSITIVE, patterns=named),
        NumericDateRecognizer(),
        PatternRecognizer("DATE_TIME", name="CompactDateRecognizer", global_regex_flags=CASE_SENSITIVE,
                          patterns=[Pattern("yyyymmdd", _COMPACT_DATE, 0.5)], context=["date", "study", "exam"]),
        PatternRecognizer("DATE_TIME", name="ClockTimeRecognizer", global_regex_flags=CASE_SENSITIVE,
                          patterns=[Pattern("time", _TIME, 0.6)]),
    ]
