"""Dates and times as screens, cards and captions print them, beyond presidio's DateRecognizer (the
patterns are declared in patterns.yaml):

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

import datetime
import re

from presidio_analyzer import PatternRecognizer


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

    def invalidate_result(self, pattern_text: str) -> bool:
        """Numbers that are no calendar date are dropped; a date keeps its pattern's score (and context's lift)."""
        return not is_calendar_date(re.sub(r"[ \t]", re.search(r"[/.-]", pattern_text).group(), pattern_text))
