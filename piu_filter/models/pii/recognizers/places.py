"""Places (the patterns of city and region, street addresses and labelled postcodes are declared in patterns.yaml).

- "City, ST" or "City, Region": the code of a US state, Canadian province or Australian state, or
  the name of a state, province, territory, county or nation of the profile's regions (pycountry's
  ISO 3166-2 list: `Springfield, Illinois`, `Leeberg, Midlothian`, `Whitehorse, Yukon Territory`); `St.`,
  `Mt.`, `Ft.` may open the city; a postcode after it (US, Australian, Canadian, Indian) is part of the place;
- UK postcodes (presidio's UkPostcodeRecognizer patterns, `LS1 4AP`) and Canadian postal codes
  written with their space (presidio's pattern, `K1A 0B1`), as LOCATION;
- street addresses: a house number (`12`, `12B`, `6/2`), one to three capitalised words ending in a
  street word of the vocabulary (Street, Rd, Close, Chowk, Nagar, the USPS street suffixes, ...), and
  an apartment, suite, unit or flat number after it; or, starting a line, a house number and two or
  three capitalised words ending it or a comma (`3910 Faulkner Landing`);
- the capitalised words after a lower-case "in" or "near" ("from Julia in New Denise"), unless a
  word is common, a month or a weekday ("in Stock", "in June").
"""

from __future__ import annotations

import re

from presidio_analyzer import EntityRecognizer, Pattern, PatternRecognizer, RecognizerResult
from presidio_analyzer.predefined_recognizers import CaPostalCodeRecognizer, UkPostcodeRecognizer

from piu_filter.models.pii.languages import ENGLISH, text_language
from piu_filter.models.pii.recognizers.lexicon import ascii_spelling
from piu_filter.models.pii.recognizers.patterns import (CASE_SENSITIVE, RuleRecognizer, VocabularyPatternRecognizer,
                                                        finding)
from piu_filter.models.vocabulary import CALENDAR_WORDS, Vocabulary

CODED_COUNTRIES = ("US", "CA", "AU")  # countries whose addresses write the region's code (`Springfield, IL`)


def region_names(countries: list[str]) -> list[str]:
    """Names of the states, provinces, territories, counties and nations of `countries` (pycountry's
    ISO 3166-2 list), with ASCII spellings beside accented ones and `Durham, County` also as `County Durham`."""
    import pycountry

    names: set[str] = set()
    for country in countries:
        for subdivision in pycountry.subdivisions.get(country_code=country) or []:
            name = subdivision.name.split(" [")[0]
            if ", " in name:
                base, kind = name.split(", ", 1)
                names.update({base, f"{kind} {base}"} if kind == "County" else {base})
            else:
                names.add(name)
    return sorted(names | {ascii_spelling(name) for name in names})


def region_codes(countries: list[str]) -> list[str]:
    """Region codes written in addresses (`IL`, `ON`, `NSW`), for the countries that write them."""
    import pycountry

    return sorted({s.code.split("-")[1] for c in countries if c in CODED_COUNTRIES for s in pycountry.subdivisions.get(country_code=c) or []})


def region_alternation(countries: list[str]) -> str:
    """Region codes and names (also upper-case) of `countries` as one alternation, longest first."""
    names = region_names(countries)
    return "(?:" + "|".join(re.escape(n) for n in sorted(region_codes(countries) + names + [n.upper() for n in names],
                                                         key=len, reverse=True)) + ")"


class StreetAddressRecognizer(VocabularyPatternRecognizer):
    """House number, street name and street word (declared in patterns.yaml); no common caption word in the name
    (a street word that is one, `Wall`, `Park`, is not the name). The capitalised words after it and a comma, up to
    a common or technical word, are its town (`7184 Diamond Avenue, Lauren Ville Tel ...`)."""

    def __init__(self, vocabulary: Vocabulary, **declared) -> None:
        super().__init__(vocabulary, **declared)
        self.street_word = re.compile(rf"(?:{vocabulary.alternation('street_words')})s?")

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None, regex_flags=None) -> list[RecognizerResult]:
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        return results + [town for result in results if (town := self._town_after(text, result))]

    def _town_after(self, text: str, street: RecognizerResult) -> RecognizerResult | None:
        following = _TOWN_AFTER_STREET.match(text, street.end)
        end = None
        for word in re.finditer(r"\S+", following.group("words")) if following else ():
            if self.vocabulary.is_common_word(word.group()) or self.vocabulary.is_technical(word.group()):
                break
            end = following.start("words") + word.end()
        if end is None:
            return None
        return RecognizerResult("LOCATION", following.start("words"), end, street.score, street.analysis_explanation,
                                street.recognition_metadata)

    def invalidate_result(self, pattern_text: str) -> bool:
        """A common caption word in the street name drops it; an address keeps its pattern's score."""
        return any(self.vocabulary.is_common_word(w) and not self.street_word.fullmatch(w)
                   for w in re.findall(r"[A-Z][a-z]+", pattern_text))


_TOWN_AFTER_STREET = re.compile(r"[ \t]*,[ \t]*(?P<words>[A-Z][A-Za-z'\-]+(?:[ \t]+[A-Z][A-Za-z'\-]+){0,2})")
_AFTER_IN = re.compile(r"\b(?:in|near)[ \t]+(?P<value>[A-Z][a-z]+(?:[ \t][A-Z][a-z]+){0,2})\b")


class PlaceAfterInRecognizer(RuleRecognizer):
    """Capitalised words after "in" or "near", when none is a common, month or weekday word, in English texts
    (German's "in" comes before any noun: `alles in Ordnung`)."""

    entity = "LOCATION"
    score = 0.5

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        results = []
        if text_language(text) != ENGLISH:
            return results
        for match in _AFTER_IN.finditer(text):
            words = match.group("value").split()
            if not any(self.vocabulary.is_common_word(w) or w.lower() in CALENDAR_WORDS for w in words):
                results.append(finding(self.name, "LOCATION", *match.span("value"), self.score))
        return results


def _postcodes() -> list[PatternRecognizer]:
    """presidio's UK and Canadian (with its space) postcode patterns, scored to pass, reported as LOCATION."""
    uk = [Pattern(p.name, p.regex, 0.5) for p in UkPostcodeRecognizer.PATTERNS]
    canada = [Pattern(p.name, p.regex, 0.5) for p in CaPostalCodeRecognizer.PATTERNS if "with space" in p.name]
    return [PatternRecognizer("LOCATION", name=name, patterns=patterns, global_regex_flags=CASE_SENSITIVE)
            for name, patterns in (("UkPostcodeLocationRecognizer", uk), ("CaPostalCodeLocationRecognizer", canada))]


def place_recognizers(vocabulary: Vocabulary) -> list[EntityRecognizer]:
    """The place recognizers written in code (the others are declared in patterns.yaml)."""
    return [PlaceAfterInRecognizer(vocabulary), *_postcodes()]
