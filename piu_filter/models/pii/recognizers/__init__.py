"""Presidio recognizers for what ultrasound screens, cards and web captions print, the technical
terms that are never private, and the checks that drop spaCy's false alarms. One module per kind:
labelled values, names, dates, facilities, places, towns, contacts (phones, web addresses, handles),
identifiers."""

from __future__ import annotations

from presidio_analyzer import EntityRecognizer

from piu_filter.models.pii.recognizers.contact import contact_recognizers
from piu_filter.models.pii.recognizers.dates import date_recognizers
from piu_filter.models.pii.recognizers.facilities import FacilityNameRecognizer
from piu_filter.models.pii.recognizers.false_alarms import (FilteredSpacyRecognizer, in_file_name, is_eponym_or_calendar,
                                                           is_ner_false_alarm)
from piu_filter.models.pii.recognizers.identifiers import identifier_recognizers
from piu_filter.models.pii.recognizers.known_names import KnownNameRecognizer
from piu_filter.models.pii.recognizers.labelled import LABELLED, LabelledValueRecognizer
from piu_filter.models.pii.recognizers.names import name_recognizers
from piu_filter.models.pii.recognizers.places import place_recognizers
from piu_filter.models.pii.recognizers.towns import TownRecognizer
from piu_filter.models.pii.recognizers.technical import TECHNICAL_WORDS, is_common_word, is_technical, is_technical_term

DEFAULT_PHONE_REGIONS = ("US", "GB", "CA", "AU", "IN")
REPLACED = ("PhoneRecognizer", "UrlRecognizer")  # presidio's own, replaced by ValidPhone-, WebAddressRecognizer

__all__ = ["DEFAULT_PHONE_REGIONS", "REPLACED", "FilteredSpacyRecognizer", "TECHNICAL_WORDS", "in_file_name",
           "is_common_word", "is_eponym_or_calendar", "is_ner_false_alarm", "is_technical", "is_technical_term", "ultrasound_recognizers"]


def ultrasound_recognizers(phone_regions: list[str] | tuple[str, ...] = DEFAULT_PHONE_REGIONS) -> list[EntityRecognizer]:
    """Every recognizer added to presidio's own (whose phone, URL and spaCy recognizers are to be replaced)."""
    return [
        *(LabelledValueRecognizer(*spec) for spec in LABELLED),
        FacilityNameRecognizer(),
        *name_recognizers(),
        KnownNameRecognizer(),
        *date_recognizers(),
        *identifier_recognizers(),
        *place_recognizers(list(phone_regions)),
        TownRecognizer(),
        *contact_recognizers(list(phone_regions)),
    ]
