"""The pattern recognizers declared in patterns.yaml, their `{{KEY}}` placeholders filled in from the
vocabulary, built as presidio's registry builds recognizers from YAML (`PatternRecognizer.from_dict`)."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml
from presidio_analyzer import PatternRecognizer

from piu_filter.models.pii.recognizers.dates import NumericDateRecognizer
from piu_filter.models.pii.recognizers.identifiers import IdentifierLineRecognizer
from piu_filter.models.pii.recognizers.known_names import SurnameCommaGivenRecognizer
from piu_filter.models.pii.recognizers.labelled import LabelledValueRecognizer, ScanCreditRecognizer
from piu_filter.models.pii.recognizers.patterns import VocabularyPatternRecognizer
from piu_filter.models.pii.recognizers.places import StreetAddressRecognizer, region_alternation
from piu_filter.models.vocabulary import Vocabulary, month_alternation, weekday_alternation

PATTERNS_FILE = Path(__file__).with_name("patterns.yaml")
_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")
# Declared recognizers that check each match in code; those taking the vocabulary are given it.
VALIDATED: dict[str, type[PatternRecognizer]] = {
    "NumericDateRecognizer": NumericDateRecognizer,
    "IdentifierLineRecognizer": IdentifierLineRecognizer,
    "StreetAddressRecognizer": StreetAddressRecognizer,
    "LabelledPatientIdRecognizer": LabelledValueRecognizer,
    "LabelledPhoneNumberRecognizer": LabelledValueRecognizer,
    "LabelledMedicalFacilityRecognizer": LabelledValueRecognizer,
    "LabelledLocationRecognizer": LabelledValueRecognizer,
    "LabelledDateRecognizer": LabelledValueRecognizer,
    "ScanCreditRecognizer": ScanCreditRecognizer,
    "SurnameCommaGivenRecognizer": SurnameCommaGivenRecognizer,
}


@lru_cache(maxsize=1)
def _declarations() -> tuple[dict, ...]:
    return tuple(yaml.safe_load(PATTERNS_FILE.read_text(encoding="utf-8"))["recognizers"])


def declared_recognizers(vocabulary: Vocabulary, countries: list[str]) -> list[PatternRecognizer]:
    """Every recognizer of patterns.yaml; `{{regions}}` are the regions of `countries`."""
    fixed = {"month": month_alternation(), "month_any_case": month_alternation(("title", "upper", "lower")),
             "weekday": weekday_alternation(), "regions": region_alternation(countries)}

    def fill(regex: str) -> str:
        return _PLACEHOLDER.sub(lambda m: fixed.get(m.group(1)) or vocabulary.alternation(m.group(1)), regex)

    recognizers = []
    for declaration in _declarations():
        entry = {**declaration, "patterns": [{**p, "regex": fill(p["regex"])} for p in declaration["patterns"]]}
        if isinstance(entry.get("context"), str):
            entry["context"] = list(getattr(vocabulary, entry["context"]))
        kind = VALIDATED.get(entry["name"], PatternRecognizer)
        if issubclass(kind, VocabularyPatternRecognizer):
            entry["vocabulary"] = vocabulary
        recognizers.append(kind.from_dict(entry))
    return recognizers
