"""Patient and exam identifiers without their label.

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

from presidio_analyzer import Pattern, PatternRecognizer

from piu_filter.models.pii.recognizers.contact import is_phone_shaped
from piu_filter.models.pii.recognizers.dates import is_calendar_date
from piu_filter.models.pii.recognizers.patterns import CASE_SENSITIVE

ID_CONTEXT = ["mrn", "id", "patient", "record", "acc", "accession", "exam", "study"]
_LONE_NUMBER = r"^\d{6,12}(?=[ \t]*$)"
_LONG_NUMBER = r"(?<![\d/.:-])\d{6,12}(?![\d/.:-])"
_ID_PART = r"[A-Z]*\d[A-Z0-9]*"  # every part holds a digit: no label (`DOB`, `MRN`) is taken with the value
_ID_LINE = rf"^(?=[A-Z \t-]*\d(?:[A-Z \t-]*\d){{5}}){_ID_PART}(?:[ \t-]{_ID_PART}){{0,3}}(?=[ \t]*$)"
_PREFIXED_ID = r"(?<![\w.@/-])[A-Z][A-Za-z]{0,3}[-_#]?\d{6,}(?:[-_]\d{1,8}|[ \t]\d{3,})*(?![\w.@/-])"


class IdentifierLineRecognizer(PatternRecognizer):
    """A line holding only an identifier (capitals, digits, dashes, spaces; 6 digits or more), not a date or phone."""

    def __init__(self) -> None:
        super().__init__("PATIENT_ID", name="IdentifierLineRecognizer", global_regex_flags=CASE_SENSITIVE,
                         patterns=[Pattern("identifier alone on its line", _ID_LINE, 0.5)], context=ID_CONTEXT)

    def validate_result(self, pattern_text: str) -> bool | None:
        """False (dropped) for a date or a phone number; None keeps the pattern's score."""
        text = pattern_text.strip()
        return False if is_calendar_date(re.sub(r"[ \t]", "-", text)) or is_phone_shaped(text) else None


def identifier_recognizers() -> list[PatternRecognizer]:
    return [
        IdentifierLineRecognizer(),
        PatternRecognizer("PATIENT_ID", name="LongNumberRecognizer", global_regex_flags=CASE_SENSITIVE, context=ID_CONTEXT,
                          patterns=[Pattern("number on its own line", _LONE_NUMBER, 0.5),
                                    Pattern("number in text", _LONG_NUMBER, 0.3)]),
        PatternRecognizer("PATIENT_ID", name="PrefixedIdRecognizer", global_regex_flags=CASE_SENSITIVE, context=ID_CONTEXT,
                          patterns=[Pattern("letters and digits", _PREFIXED_ID, 0.5)]),
    ]
