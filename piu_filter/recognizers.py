"""Presidio recognizers for what ultrasound screens and cards print, and the technical terms
that are never private.

- labelled values: the value after a screen or card label ("Name: SMITH, JANE", "MRN 12345678",
  "Tel (555) 234-5678", "Dr. Okafor", "Hospital: St. Aldric", "Baby Okafor", "Love, Maren");
- facility names: capitalised words ending in Hospital, Clinic, Medical, Imaging, Health
  (Center or Centre may follow), Maternity, Radiology, Infirmary;
- "City, ST" with a US state abbreviation, as LOCATION;
- upper-case "SURNAME, GIVEN" names, scored higher with name context;
- clock times (HH:MM, HH:MM:SS, with am/pm);
- numbers of 6 to 12 digits standing alone, as PATIENT_ID (read-outs are shorter; an
  identifier whose label was lost to OCR is still one), scored higher beside ID labels.
"""

from __future__ import annotations

import re

from presidio_analyzer import EntityRecognizer, Pattern, PatternRecognizer, RecognizerResult

_NOT_A_NAME = (r"(?!(?:St|Saint|Hospital|Clinic|Medical|Imaging|Center|Centre|Tel|Phone|DOB|MRN|ID|Date|Age|Sex|"
               r"GA|EDD|LMP|due|Due|at|and|&)\b)")
_NAME_VALUE = rf"{_NOT_A_NAME}[A-Z][A-Za-z'\-]+\.?(?:,?[ \t]+{_NOT_A_NAME}[A-Z][A-Za-z'\-]+\.?){{0,2}}"
_OPTIONAL_SEPARATOR = r"[ \t]*[:#.;,]?[ \t]*"
_LABELLED = [
    # (entity, label, separator between label and value, value, score)
    ("PERSON", r"(?:Patient(?:[ \t]+Name)?|Pt\.?(?:[ \t]+Name)?|Name|Mother|Mom|Father|Dad|Parents?|"
               r"Ref(?:erring)?\.?(?:[ \t]+(?:Dr|Physician))?|Physician|Sonographer|Tech|Operator|Dr|"
               r"Baby|Love|From|Dear|Congratulations|Mr|Mrs|Ms|Miss)\.?",
     _OPTIONAL_SEPARATOR, _NAME_VALUE, 0.85),
    ("PATIENT_ID", r"(?:MRN|Pt\.?[ \t]*ID|Patient[ \t]+ID|ID|Acc(?:ession)?\.?[ \t]*(?:#|No\.?)?|"
                   r"Med(?:ical)?[ \t]+Rec(?:ord)?\.?(?:[ \t]+No\.?)?|Exam[ \t]+(?:#|No\.?))",
     _OPTIONAL_SEPARATOR, r"(?=[A-Z0-9\-]*\d)[A-Z0-9][A-Z0-9\-]{3,}", 0.85),
    ("PHONE_NUMBER", r"(?:Tel|Phone|Ph|Call(?:[ \t]+us(?:[ \t]+at)?)?)\.?", _OPTIONAL_SEPARATOR,
     r"\+?[\d(][\d()\-. \t]{6,}\d", 0.85),
    ("MEDICAL_FACILITY", r"(?:Hospital|Clinic|Facility|Institution|Center|Centre)", r"[ \t]*:[ \t]*",
     r"[A-Z][A-Za-z'.\- \t]{2,60}", 0.6),
]
_FACILITY_WORD = r"(?:St\.|Saint|[A-Z][A-Za-z'\-]+)"
_FACILITY = (rf"\b{_FACILITY_WORD}(?:[ \t]+(?:{_FACILITY_WORD}|[^\sA-Za-z]{{1,2}})){{0,4}}?[ \t]+"  # OCR specks tolerated
             r"(?:Hospital|Clinic|Medical(?:[ \t]+(?:Cent(?:er|re)|Group))?|Imaging(?:[ \t]+Cent(?:er|re))?|"
             r"Health(?:[ \t]+Cent(?:er|re))?|Maternity(?:[ \t]+Unit)?|Radiology|Infirmary|Diagnostics|"
             r"Ultrasound[ \t]+Cent(?:er|re))\b")
_US_STATES = ("AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND "
              "OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC").split()
_CITY_STATE = rf"\b[A-Z][a-z]+(?:[ \t][A-Z][a-z]+)?,[ \t]?(?:{'|'.join(_US_STATES)})\b"
_UPPER_NAME = r"\b[A-Z][A-Z'\-]{1,},[ \t]?[A-Z][A-Z'\-]{1,}(?:[ \t][A-Z]\.?)?\b"
_LONG_NUMBER = r"(?<![\d/.:-])\d{6,12}(?![\d/.:-])"
_TIME = r"\b(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?(?:[ \t]?[AaPp]\.?[Mm]\.?)?\b"

TECHNICAL_WORDS = {
    "GA", "EDD", "EDC", "LMP", "MI", "TIs", "TIb", "TIc", "BPD", "FL", "HC", "AC", "CRL", "FHR", "HR", "AFI", "EFW",
    "GS", "YS", "NT", "OFD", "HL", "TCD", "bpm", "BPM", "cm", "mm", "Hz", "MHz", "kHz", "dB", "Gn", "Gain", "Depth",
    "Freq", "FR", "DR", "PRF", "WF", "OB", "GYN", "OB/GYN", "TV", "TA", "2D", "3D", "4D", "CW", "PW", "CFM", "CF",
    "PD", "THI", "Res", "Pwr", "AO", "Zoom", "Focus", "Frq", "Gen", "Pen", "Harm", "Obstetric", "Fetal", "Fetus",
}
_TECHNICAL_PATTERNS = [
    re.compile(r"^\d{1,2}w\d{1,2}d$", re.I),                        # gestational age 12w3d
    re.compile(r"^[CLPEV]\d{1,2}-\d{1,2}[A-Za-z]{0,3}$"),            # probe names C5-1, L12-5, EC9-4
    re.compile(r"^\d+(?:[.,]\d+)?(?:cm|mm|Hz|MHz|kHz|dB|%|bpm|fps|g|kg|wk|wks|w|d)$", re.I),  # values with units
]
_TECHNICAL_UPPER = {word.upper() for word in TECHNICAL_WORDS} | {
    "NAME", "DOB", "D.O.B", "MRN", "ID", "PATIENT", "PT", "DATE", "TEL", "PHONE", "EXAM", "AGE", "SEX", "DR",
}
_SHORT_NUMBER = re.compile(r"^\d{1,3}(?:[.,]\d+)?$")  # read-outs such as 0.6, 150, 12.5


def is_technical_term(word: str) -> bool:
    """Whether a word is an ultrasound term, screen label, probe name or value with a unit (never
    private, never covered when it stands beside a private word). Case is ignored."""
    stripped = word.strip(" ,;:()[]")
    return (not stripped or stripped.upper() in _TECHNICAL_UPPER
            or any(p.match(stripped) for p in _TECHNICAL_PATTERNS))


def is_technical(word: str) -> bool:
    """A technical term, or a short number read out on its own (0.6, 150): an entity made only
    of such words is not private."""
    return is_technical_term(word) or bool(_SHORT_NUMBER.match(word.strip(" ,;:()[]")))


class LabelledValueRecognizer(EntityRecognizer):
    """Finds the value printed after a label, on the same line, and reports only the value."""

    def __init__(self, entity: str, label: str, separator: str, value: str, score: float) -> None:
        self.pattern = re.compile(rf"\b(?i:{label}){separator}(?P<value>{value})")
        self.score = score
        super().__init__(supported_entities=[entity], name=f"Labelled{entity.title().replace('_', '')}Recognizer")

    def load(self) -> None:
        """Nothing to load."""

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        results = []
        for match in self.pattern.finditer(text):
            start, end = match.span("value")
            value = text[start:end].rstrip(" \t.,")
            if value and not all(is_technical(w) for w in value.split()):
                results.append(RecognizerResult(self.supported_entities[0], start, start + len(value), self.score))
        return results


_CASE_SENSITIVE = re.DOTALL | re.MULTILINE  # presidio's default adds IGNORECASE, which would undo the capitals


def ultrasound_recognizers() -> list[EntityRecognizer]:
    recognizers: list[EntityRecognizer] = [LabelledValueRecognizer(*spec) for spec in _LABELLED]
    recognizers.append(PatternRecognizer("MEDICAL_FACILITY", name="FacilityNameRecognizer", global_regex_flags=_CASE_SENSITIVE,
                                         patterns=[Pattern("facility", _FACILITY, 0.7)]))
    recognizers.append(PatternRecognizer("PERSON", name="UpperCaseNameRecognizer", global_regex_flags=_CASE_SENSITIVE,
                                         patterns=[Pattern("surname, given", _UPPER_NAME, 0.5)],
                                         context=["name", "patient", "pt", "mother"]))
    recognizers.append(PatternRecognizer("DATE_TIME", name="ClockTimeRecognizer", global_regex_flags=_CASE_SENSITIVE,
                                         patterns=[Pattern("time", _TIME, 0.6)]))
    recognizers.append(PatternRecognizer("PATIENT_ID", name="LongNumberRecognizer", global_regex_flags=_CASE_SENSITIVE,
                                         patterns=[Pattern("identifier", _LONG_NUMBER, 0.4)],
                                         context=["mrn", "id", "patient", "record", "acc", "exam"]))
    recognizers.append(PatternRecognizer("LOCATION", name="CityStateRecognizer", global_regex_flags=_CASE_SENSITIVE,
                                         patterns=[Pattern("city, state", _CITY_STATE, 0.7)]))
    return recognizers
