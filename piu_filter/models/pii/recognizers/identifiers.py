"""Patient and exam identifiers without their label.

- numbers of 6 to 12 digits standing alone on a line (an identifier whose label was lost to OCR;
  read-outs are shorter), weaker inside running text unless an ID word is near;
- identifiers with a letter prefix (capitalised, `Us` as OCR may read `US`) and 6 or more digits, date-embedding ones included
  (`US20210203-0042`, `A1234567`, `US2021020 30042` as OCR may split it): the whole identifier,
  so that no date is left visible in it.
"""

from __future__ import annotations

from presidio_analyzer import Pattern, PatternRecognizer

from piu_filter.models.pii.recognizers.patterns import CASE_SENSITIVE

ID_CONTEXT = ["mrn", "id", "patient", "record", "acc", "accession", "exam", "study"]
_LONE_NUMBER = r"^\d{6,12}(?=[ \t]*$)"
_LONG_NUMBER = r"(?<![\d/.:-])\d{6,12}(?![\d/.:-])"
_PREFIXED_ID = r"(?<![\w.@/-])[A-Z][A-Za-z]{0,3}[-_#]?\d{6,}(?:[-_]\d{1,8}|[ \t]\d{3,})*(?![\w.@/-])"


def identifier_recognizers() -> list[PatternRecognizer]:
    return [
        PatternRecognizer("PATIENT_ID", name="LongNumberRecognizer", global_regex_flags=CASE_SENSITIVE, context=ID_CONTEXT,
                          patterns=[Pattern("number on its own line", _LONE_NUMBER, 0.5),
                                    Pattern("number in text", _LONG_NUMBER, 0.3)]),
        PatternRecognizer("PATIENT_ID", name="PrefixedIdRecognizer", global_regex_flags=CASE_SENSITIVE, context=ID_CONTEXT,
                          patterns=[Pattern("letters and digits", _PREFIXED_ID, 0.5)]),
    ]
