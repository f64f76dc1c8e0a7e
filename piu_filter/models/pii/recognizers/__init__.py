"""Presidio recognizers for what ultrasound screens, cards and web captions print, and the checks that
drop spaCy's false alarms. The pure pattern recognizers are declared in patterns.yaml; one module per
kind holds those that need code: labelled names, name shapes, known names, facilities, places, towns,
contacts (phones, web addresses), the checks of dates and identifiers, and the forms of the other languages. Their words come from the
vocabulary (piu_filter/models/vocabulary.yaml)."""

from __future__ import annotations

from presidio_analyzer import EntityRecognizer

from piu_filter.models.pii.languages import ENGLISH_COUNTRIES
from piu_filter.models.pii.recognizers.contact import contact_recognizers
from piu_filter.models.pii.recognizers.declared import declared_recognizers
from piu_filter.models.pii.recognizers.facilities import FacilityNameRecognizer
from piu_filter.models.pii.recognizers.false_alarms import FalseAlarms
from piu_filter.models.pii.recognizers.filtered_spacy import FilteredSpacyRecognizer
from piu_filter.models.pii.recognizers.known_names import KnownNameRecognizer
from piu_filter.models.pii.recognizers.labelled import LabelledNameRecognizer
from piu_filter.models.pii.recognizers.local_forms import local_recognizers
from piu_filter.models.pii.recognizers.local_people import people_recognizers
from piu_filter.models.pii.recognizers.local_town_endings import LocalTownEndingRecognizer
from piu_filter.models.pii.recognizers.local_town_regions import LocalTownBeforeRegionRecognizer
from piu_filter.models.pii.recognizers.local_towns import LocalTownRecognizer
from piu_filter.models.pii.recognizers.names import NameShapeRecognizer
from piu_filter.models.pii.recognizers.places import place_recognizers
from piu_filter.models.pii.recognizers.town_regions import TownRegionRecognizer
from piu_filter.models.pii.recognizers.towns import TownRecognizer
from piu_filter.models.vocabulary import Vocabulary

DEFAULT_PHONE_REGIONS = ENGLISH_COUNTRIES
REPLACED = ("PhoneRecognizer", "UrlRecognizer")  # presidio's own, replaced by ValidPhone-, WebAddressRecognizer

__all__ = ["DEFAULT_PHONE_REGIONS", "REPLACED", "FalseAlarms", "FilteredSpacyRecognizer", "ultrasound_recognizers"]


def ultrasound_recognizers(vocabulary: Vocabulary,
                           phone_regions: list[str] | tuple[str, ...] = DEFAULT_PHONE_REGIONS) -> list[EntityRecognizer]:
    """Every recognizer added to presidio's own (whose phone, URL and spaCy recognizers are to be replaced)."""
    regions = list(phone_regions)
    return [
        LabelledNameRecognizer(vocabulary),
        *declared_recognizers(vocabulary, regions),
        FacilityNameRecognizer(vocabulary),
        NameShapeRecognizer(vocabulary),
        KnownNameRecognizer(vocabulary),
        *place_recognizers(vocabulary),
        TownRecognizer(vocabulary),
        TownRegionRecognizer(vocabulary, regions),
        *contact_recognizers(regions, vocabulary),
        *local_recognizers(vocabulary),
        *people_recognizers(vocabulary),
        LocalTownRecognizer(vocabulary),
        LocalTownBeforeRegionRecognizer(vocabulary),
        LocalTownEndingRecognizer(vocabulary),
    ]
