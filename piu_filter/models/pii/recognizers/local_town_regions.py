"""A town and its region in French, German, Spanish, Portuguese and Italian texts, as each country writes it:
the region's code or name in brackets or after a dash or a slash (`Monza (MB)`, `Lyon (69)`, `Campinas - SP`,
`Niterói/RJ`, `Getafe (Madrid)`, `Wil (SG)`), found whole: a region smaller than a country narrows the town
down. Regions are pycountry's ISO 3166-2 subdivisions of the countries that write the
text's language (`languages.COUNTRIES`): Italy's provinces, France's departments, Brazil's states, Spain's provinces.

The town is one to four capitalised words, particles between; family words, particles and common words opening it
are left out (`Mamma di Perno (MI)`: `Perno`), and nothing is found when only those remain (`Ultrassom - ES`).
"""

from __future__ import annotations

from functools import lru_cache

import regex
from presidio_analyzer import RecognizerResult

from piu_filter.models.dictionary import dictionary_count
from piu_filter.models.pii.languages import COUNTRIES
from piu_filter.models.pii.recognizers.lexicon import ascii_spelling
from piu_filter.models.pii.recognizers.local_forms import CAPITALISED, InOtherLanguages, particles
from piu_filter.models.pii.recognizers.patterns import RuleRecognizer, finding
from piu_filter.models.pii.recognizers.places import region_names
from piu_filter.models.vocabulary import Vocabulary

_COMMON_WORD_COUNT = 500  # a word the language's dictionary counts this often opens no town before a region


@lru_cache(maxsize=None)
def regions_of(language: str) -> tuple[frozenset[str], frozenset[str]]:
    """The subdivision codes (`MI`, `69`, `SP`) and folded names (`madrid`, `rio de janeiro`) of the language's
    countries."""
    import pycountry

    countries = COUNTRIES[language]
    codes = {subdivision.code.split("-", 1)[1] for country in countries
             for subdivision in pycountry.subdivisions.get(country_code=country) or []}
    return frozenset(codes), frozenset(ascii_spelling(name).lower() for name in region_names(list(countries)))


class LocalTownBeforeRegionRecognizer(InOtherLanguages, RuleRecognizer):
    """Capitalised words and a region of the text's language's countries after them, in brackets or after a dash or a
    slash."""

    entity = "LOCATION"
    score = 0.6

    def __init__(self, vocabulary: Vocabulary) -> None:
        super().__init__(vocabulary)
        between = particles(vocabulary)
        town = rf"{CAPITALISED}(?:[ \t]+(?:{between}[ \t]+)*{CAPITALISED}){{0,3}}"
        region = r"\p{L}[\p{L} \-'’.]{0,38}\p{L}|\d{2,3}|\d[AB]"
        self.pattern = regex.compile(
            rf"(?<![\p{{L}}\-])(?P<town>{town})(?:[ \t]*\((?P<region>{region})\)|[ \t]*(?:[ \t][-–]|/)[ \t]*"
            rf"(?P<code>\p{{Lu}}{{2}})(?![\p{{L}}]))")
        self.not_opening = {*vocabulary.local_not_names, *vocabulary.name_particles}

    def analyze_in(self, text: str, language: str, entities: list[str], nlp_artifacts) -> list[RecognizerResult]:
        codes, names = regions_of(language)
        results = []
        for match in self.pattern.finditer(text):
            region = match.group("region") or match.group("code")
            if region not in codes and ascii_spelling(region).lower() not in names:
                continue
            start = self._town_start(text, *match.span("town"), language)
            if start is not None:
                results.append(finding(self.name, self.entity, start, match.end(), self.score))
        return results

    def _town_start(self, text: str, start: int, end: int, language: str) -> int | None:
        """Where the words `start`-`end` open the town: their first word that is no family word, particle, common word
        of the vocabulary or exam's name, nor, but for the last, a common word of the language; None if none is."""
        words = list(regex.finditer(r"\S+", text[start:end]))
        for index, word in enumerate(words):
            value = word.group()
            if (value in self.not_opening or value.islower() or self.vocabulary.is_common_word(value)
                    or self.vocabulary.is_exam_word(value)
                    or index < len(words) - 1 and dictionary_count(value, language) >= _COMMON_WORD_COUNT):
                continue
            return start + word.start()
        return None
