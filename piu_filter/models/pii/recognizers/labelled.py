"""The value printed after a screen or card label, on the same line: "Name: SMITH, JANE",
"MRN 12345678", "Tel (555) 234-5678", "Dr. Okafor", "Hospital: St. Aldric", "Baby Okafor",
"Love, Maren", "Congratulations to Anna", "Grandma Maren", "Mum-to-be Maren Quist", "Welcome to the world,
Anna", "Postcode 2480", "PIN 518217"; only the value is reported. A name value stops at a
technical or common caption word ("Baby Shower Invitation" is no name)."""

from __future__ import annotations

import re

from presidio_analyzer import EntityRecognizer, RecognizerResult

from piu_filter.models.pii.recognizers.patterns import finding
from piu_filter.models.pii.recognizers.technical import is_common_word, is_technical

_NOT_A_NAME = (r"(?!(?:St|Saint|Hospital|Clinic|Medical|Imaging|Center|Centre|Tel|Phone|DOB|MRN|ID|Date|Age|Sex|"
               r"GA|EDD|LMP|due|Due|at|and|&)\b)")
_NAME_WORD = rf"{_NOT_A_NAME}(?:[A-Z][A-Za-z'\-]+\.?|[A-Z]\.)"  # a word or an initial
NAME_VALUE = rf"{_NAME_WORD}(?:(?:,?[ \t]+|,){_NAME_WORD}){{0,2}}"
_OPTIONAL_SEPARATOR = r"[ \t]*[:#.;,]?[ \t]*"
LABELLED = [
    # (entity, label, separator between label and value, value, score)
    ("PERSON", r"(?:Patient(?:[ \t]+Name)?|Pt\.?(?:[ \t]+Name)?|Name|Mother|Father|Parents?|"
               r"(?:Mom|Mum|Mama|Mommy|Mummy|Dad|Daddy|Papa)(?:-to-be|[ \t]+to[ \t]+be)?|"
               r"Grand(?:ma|pa|mother|father)|Granny|Gran|Nana|Nanny|Aunt(?:ie|y)?|Uncle|"
               r"Ref(?:erring)?\.?(?:[ \t]+(?:Dr|Physician))?|Physician|Sonographer|Tech|Operator|Dr|"
               r"Baby|Love|From|Dear|Congratulations(?:[ \t]+to)?|Welcome[ \t]+to[ \t]+the[ \t]+world|"
               r"Mr|Mrs|Ms|Miss)\.?",
     _OPTIONAL_SEPARATOR, NAME_VALUE, 0.9),  # above spaCy's 0.85: a name after "from" is a person, not a place
    ("PATIENT_ID", r"(?:MRN|Pt\.?[ \t]*ID|Patient[ \t]+ID|ID|Acc(?:ession)?\.?[ \t]*(?:#|No\.?)?|"
                   r"Med(?:ical)?[ \t]+Rec(?:ord)?\.?(?:[ \t]+No\.?)?|Exam[ \t]+(?:ID|#|No\.?))",
     _OPTIONAL_SEPARATOR, r"(?=[A-Z0-9\-]*\d)[A-Z0-9][A-Z0-9\-]{3,}(?:[ \t]\d{3,}(?![\w.:/]))*", 0.85),  # spaced groups
    ("PHONE_NUMBER", r"(?:Tel|Phone|Ph|Mobile|Cell|Fax|Call(?:[ \t]+us(?:[ \t]+at)?)?)\.?", _OPTIONAL_SEPARATOR,
     r"\+?[\d(][\d()\-. \t]{6,}\d(?:[ \t]*(?:x|ext\.?)[ \t]*\d{1,6})?", 0.85),
    ("MEDICAL_FACILITY", r"(?:Hospital|Clinic|Facility|Institution|Center|Centre)", r"[ \t]*:[ \t]*",
     r"[A-Z][A-Za-z'.\- \t]{2,60}", 0.6),
    ("LOCATION", r"(?:Post[ \t]?code|Postal[ \t]+code|Zip(?:[ \t]+code)?|PIN(?:[ \t]?code)?)", _OPTIONAL_SEPARATOR,
     r"(?:\d{4,6}(?:-\d{4})?|[A-Z]{1,2}\d[A-Z\d]?[ \t]?\d[A-Z]{2}|[A-Z]\d[A-Z][ \t]?\d[A-Z]\d)(?![\w-])", 0.6),
]


def _name_words(value: str) -> str:
    """The value up to its first technical or common word."""
    kept = []
    for word in value.split():
        if is_technical(word) or is_common_word(word):
            break
        kept.append(word)
    return " ".join(kept)


class LabelledValueRecognizer(EntityRecognizer):
    """Finds the value printed after a label, on the same line, and reports only the value."""

    def __init__(self, entity: str, label: str, separator: str, value: str, score: float) -> None:
        self.pattern = re.compile(rf"\b(?i:{label})(?![A-Za-z]){separator}(?P<value>{value})")
        self.score = score
        super().__init__(supported_entities=[entity], name=f"Labelled{entity.title().replace('_', '')}Recognizer")

    def load(self) -> None:
        """Nothing to load."""

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        results, position = [], 0
        while match := self.pattern.search(text, position):
            start, end = match.span("value")
            value = text[start:end].rstrip(" \t.,")
            if self.supported_entities[0] == "PERSON":
                value = _name_words(value).rstrip(" \t.,")
            if value and not all(is_technical(w) for w in value.split()):
                results.append(finding(self.name, self.supported_entities[0], start, start + len(value), self.score))
            position = end if value else start  # "from Grandma Ada": the value may hold the next label
        return results
