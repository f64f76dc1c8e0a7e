"""A town before its region, as photographed text reads it: the comma read as a dot or lost, the region's name one
letter off or split (`Lisaport, Queenstand`, `Bhatpara Karnataka`, `South Ruthstad, New South Wa les`).

The region is a state, province, territory, county or nation of the profile's regions (`places.region_names`, also
without `Isle of`), a word ending in `shire` (`Radnorshire`: English and Welsh counties are named so), or a region
code that is rarely an English word (`VT`, `NSW`; not `IN`); read one letter off, it must be seven letters or more
and no English word. The town is one to three capitalised words, none common, technical or a facility word, and
no person's full name (in a text likely in another language, no word that is never a town there: `Nuestra
Victoria`); before a dot or a space, and before a misread region, it must also be a known town or its
words town prefixes (`New`, `Lake`) or rare words, so that `Visiting Victoria` or `Queen Victoria` are no place.
"""

from __future__ import annotations

import re
from functools import lru_cache

from presidio_analyzer import RecognizerResult

from piu_filter.models.dictionary import dictionary_count, one_edit_from
from piu_filter.models.pii.languages import ENGLISH, likely_language
from piu_filter.models.pii.recognizers.patterns import RuleRecognizer, finding
from piu_filter.models.pii.recognizers.known_names import is_given_name, is_surname
from piu_filter.models.pii.recognizers.places import region_codes, region_names
from piu_filter.models.pii.recognizers.towns import is_known_town
from piu_filter.models.vocabulary import Vocabulary

_TOWN_WORD = re.compile(r"(?:St|ST|Mt|MT|Ft|FT)\.|[A-Z][A-Za-z'\-]+")
_SAINT = {"St.", "ST.", "Mt.", "MT.", "Ft.", "FT."}
_REGION_WORDS = re.compile(r"[A-Z][^\W\d_]+(?:[ \t]+[^\W\d_]+){0,3}")  # whole words: `pr` of `prénom` is no region
_SEPARATOR = re.compile(r"(?:[ \t]*[,.][ \t]*|[ \t]+)$")
_COUNTY = re.compile(r"[A-Z][a-z]+shire")
_FUZZY_REGION_LENGTH = 7  # letters of the shortest region name matched one letter off
_RARE_WORD_COUNT = 2000  # read loosely, each word of a town is rarer than this in the dictionary's corpus
_RARE_CODE_COUNT = 100  # a region code this rare as a word may follow a town loosely (`VT`, `NSW`; not `IN`, `GA`)


@lru_cache(maxsize=8)
def _region_keys(countries: tuple[str, ...]) -> dict[str, str]:
    """Region names without spaces, lower case, to the name (`newsouthwales` -> `New South Wales`)."""
    names = region_names(list(countries))
    names += [name.removeprefix("Isle of ") for name in names if name.startswith("Isle of ")]
    return {re.sub(r"\s+", "", name).lower(): name for name in names}


@lru_cache(maxsize=8)
def _one_deletion_index(countries: tuple[str, ...]) -> dict[str, frozenset[str]]:
    """Each long region key, and each form of it with one letter deleted, to the keys: a word one edit from a key
    shares one of these forms with it (symmetric deletion), found in a few lookups."""
    index: dict[str, set[str]] = {}
    for key in _region_keys(countries):
        if len(key) >= _FUZZY_REGION_LENGTH - 1:
            for variant in _with_one_deletion(key):
                index.setdefault(variant, set()).add(key)
    return {variant: frozenset(keys) for variant, keys in index.items()}


def _with_one_deletion(word: str) -> set[str]:
    return {word} | {word[:i] + word[i + 1:] for i in range(len(word))}


class TownRegionRecognizer(RuleRecognizer):
    """A town and its region, read loosely (see the module)."""

    entity = "LOCATION"
    score = 0.6

    def __init__(self, vocabulary: Vocabulary, countries: list[str]) -> None:
        super().__init__(vocabulary)
        self.regions = _region_keys(tuple(countries))
        self.near_regions = _one_deletion_index(tuple(countries))
        self.codes = {code for code in region_codes(countries) if dictionary_count(code) < _RARE_CODE_COUNT}
        self.facility_words = {w.title() for w in (*vocabulary.facility_words, *vocabulary.facility_abbreviations)}
        self.prefixes = {w.lower() for w in vocabulary.town_prefixes}

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        results = []
        for line_match in re.finditer(r"[^\n]+", text):
            line, offset = line_match.group(), line_match.start()
            for start, end, exact in self._regions(line):
                town_start = self._town_before(line[:start], exact, line[start:end] in self.codes)
                if town_start is not None and not self._holds_a_never_name(text, line[town_start:start]):
                    results.append(finding(self.name, self.entity, offset + town_start, offset + end, self.score))
        return results

    def _holds_a_never_name(self, text: str, town: str) -> bool:
        """Whether the town holds a word that is never a town in a text likely in another language (`Nuestra`)."""
        return not self.vocabulary.local_not_names.isdisjoint(town.split()) and likely_language(text) != ENGLISH

    def _regions(self, line: str) -> list[tuple[int, int, bool]]:
        """Spans of region names in a line (the first of each run of words, at its longest), and whether each was
        read exactly."""
        spans = []
        for match in _REGION_WORDS.finditer(line):
            words = list(re.finditer(r"[^\W\d_]+", match.group()))
            found = next(filter(None, (self._region_from(words, first) for first in range(len(words)))), None)
            if found:
                first, last, exact = found
                spans.append((match.start() + words[first].start(), match.start() + words[last].end(), exact))
        return spans

    def _region_from(self, words: list[re.Match], first: int) -> tuple[int, int, bool] | None:
        """The longest region starting at `words[first]`: its first and last word and whether it was read exactly."""
        for last in range(len(words) - 1, first - 1, -1):
            exact = self._is_region("".join(w.group() for w in words[first:last + 1]), last - first + 1)
            if exact is not None:
                return first, last, exact
        return None

    def _is_region(self, written: str, word_count: int) -> bool | None:
        """True for a region read exactly, False for one read one letter off, None for no region; a code counts in
        upper case only (`Ostetricia Il` is no town in Illinois)."""
        key = written.lower()
        if key in self.regions or word_count == 1 and (
                _COUNTY.fullmatch(written.capitalize()) or written in self.codes):
            return True
        if len(key) >= _FUZZY_REGION_LENGTH:
            candidates = {region for form in _with_one_deletion(key) for region in self.near_regions.get(form, ())}
            if candidates and one_edit_from(key, candidates) and dictionary_count(key) == 0:
                return False
        return None

    def _town_before(self, before: str, exact: bool, code: bool) -> int | None:
        """Where the town before a region starts (its longest form of one to three words), or None; before a code,
        a town in upper case is no town (`ATIE NT` is `PATIENT` misread)."""
        separator = _SEPARATOR.search(before)
        if separator is None or separator.start() == 0:
            return None
        loose = not exact or "," not in separator.group()
        words = list(_TOWN_WORD.finditer(before[:separator.start()]))
        last = len(words)
        if not words or words[-1].end() != separator.start():
            return None
        for count in range(min(3, last), 0, -1):
            run = words[last - count:]
            if any(run[i].start() - run[i - 1].end() > 1 for i in range(1, count)):
                continue
            names = [w.group().rstrip(".") for w in run if w.group() not in _SAINT]
            if names and not (code and any(w.isupper() for w in names)) and self._is_town(names, loose):
                return run[0].start()
        return None

    def _is_town(self, words: list[str], loose: bool) -> bool:
        """No common, technical or facility word, no person's full name; read loosely, a known town or rare words."""
        vocabulary = self.vocabulary
        if any(vocabulary.is_common_word(w) or vocabulary.is_technical(w) or w.title() in self.facility_words
               for w in words):
            return False
        if len(words) >= 2 and is_given_name(words[0], vocabulary) and is_surname(words[-1], vocabulary):
            return False
        return not loose or is_known_town(" ".join(words)) or all(
            w.lower() in self.prefixes or dictionary_count(w) < _RARE_WORD_COUNT for w in words)
