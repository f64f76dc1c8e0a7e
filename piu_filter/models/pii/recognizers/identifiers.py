"""Patient and exam identifiers without their label (the patterns are declared in patterns.yaml).

- numbers of 6 to 12 digits standing alone on a line (an identifier whose label was lost to OCR;
  read-outs are shorter), weaker inside running text unless an ID word is near;
- identifiers with a letter prefix (capitalised, `Us` as OCR may read `US`) and 6 or more digits, date-embedding ones included
  (`US20210203-0042`, `A1234567`, `US2021020 30042` as OCR may split it): the whole identifier,
  so that no date is left visible in it;
- a line made only of parts of capitals and digits (each with a digit) split by dashes or spaces, 6
  digits or more in all, where a report prints its identifier without a label (`20230329-5609`,
  `8267 3427`, `B84G81T55`), unless it is a date or written like a phone number.
"""

from __future__ import annotations

import re

from presidio_analyzer import PatternRecognizer

from piu_filter.models.pii.recognizers.contact import is_phone_shaped
from piu_filter.models.pii.recognizers.dates import is_calendar_date


class IdentifierLineRecognizer(PatternRecognizer):
    """A line holding only an identifier (capitals, digits, dashes, spaces; 6 digits or more), not a date or phone."""

    def validate_result(self, pattern_text: str) -> bool | None:
        """False (dropped) for a date or a phone number; None keeps the pattern's score."""
        text = pattern_text.strip()
        return False if is_calendar_date(re.sub(r"[ \t]", "-", text)) or is_phone_shaped(text) else None
