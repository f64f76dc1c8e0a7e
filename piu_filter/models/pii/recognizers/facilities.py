"""Facility names: capitalised (or upper-case) words ending in a capitalised facility word.

Strong endings (the vocabulary's `facility_endings`: Hospital, Clinic, Medical Center, MED CTR, Infirmary,
...) need one distinctive word before them; weak endings that also name a kind of scan or speciality
(`weak_facility_endings`: Imaging, Radiology, Ultrasound, Women's Health, Fetal Medicine, Practice, ...) need one that is not a
common caption word nor an English adjective (`Lakeshore Imaging` and `Sehgal Imaging` are facilities, `Abdominal Ultrasound`,
`Maternal Fetal Medicine` and `4D Baby Ultrasound` are not), and are no facility when a common
word that is no screen label follows (`Lakeshore Ultrasound Frame` is a product; `Lakeshore Ultrasound NAME` a
facility before the next field). Leading common words are dropped. A town
printed after the facility on its line is a LOCATION (`BAPTIST MED CTR SPRINGFIELD`), and so are capitals that
end the facility's line, however misread (`St. Kyle Hospital KEVINOUTH`), or capitalised words there that no
dictionary knows (`Kakinada Maternity Chinke`).
"""

from __future__ import annotations

import re

from presidio_analyzer import RecognizerResult

from piu_filter.models.dictionary import dictionary_count
from piu_filter.models.pii.recognizers.name_lexicon import name_lexicon
from piu_filter.models.pii.recognizers.patterns import RuleRecognizer, finding
from piu_filter.models.pii.recognizers.towns import Towns
from piu_filter.models.vocabulary import Vocabulary

_WORD = r"(?:St\.|ST\.|Saint|SAINT|[A-Z][A-Za-z'\-]*[A-Za-z]|OB/GYN|[A-Z]&[A-Z])"
_NEXT_WORD = re.compile(r"[ \t]+([A-Z][\w'\-]*)")
_TOWN_AFTER = re.compile(r"[ \t]*,?[ \t]+([A-Z][A-Za-z'\-]+(?:[ \t]+[A-Z][A-Za-z'\-]+){0,2})")
_CAPITALS_ENDING_LINE = re.compile(r"[ \t]*,?[ \t]+(?P<town>[A-Z][A-Za-z]*(?:[ \t]+[A-Z][A-Za-z]*){0,2})[ \t]*$", re.MULTILINE)
_SHORTEST_TOWN = 4  # letters
_WORD_COUNT = 1000  # a capitalised word the dictionary's corpus holds this often is a word, not a misread town
_JOINERS = {"of", "the", "and", "&"}
_LEADING = _JOINERS | {"at", "in", "from", "to", "by", "for", "with", "a"}


class FacilityNameRecognizer(RuleRecognizer):
    """Facility names ending in a facility word, with one distinctive word before it."""

    entity = "MEDICAL_FACILITY"
    score = 0.7

    def __init__(self, vocabulary: Vocabulary) -> None:
        super().__init__(vocabulary)
        self.towns = Towns(vocabulary)
        self.town_prefixes = {prefix.lower() for prefix in vocabulary.town_prefixes}
        self.adjective_ending = re.compile(rf"{vocabulary.alternation('adjective_endings')}$", re.I)
        strong, self.weak = vocabulary.alternation("facility_endings"), vocabulary.alternation("weak_facility_endings")
        self.facility = re.compile(
            rf"\b(?P<words>{_WORD}(?:[ \t]+(?:{_WORD}|of|the|and|&|[^\sA-Za-z]{{1,2}})){{0,5}})[ \t]+"  # OCR specks tolerated
            rf"(?P<ending>(?=[A-Z])(?i:{strong}|{self.weak}))(?![A-Za-z])")

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        is_common_word = self.vocabulary.is_common_word
        results = []
        for match in self.facility.finditer(text):
            weak = re.fullmatch(self.weak, match.group("ending"), re.IGNORECASE) is not None
            following = _NEXT_WORD.match(text, match.end())
            if weak and following and is_common_word(following.group(1)) \
                    and not self.vocabulary.is_screen_label(following.group(1)):  # "Baby Ultrasound Frame": a product
                continue
            start = match.start("words")
            words = match.group("words").split()
            while words and (is_common_word(words[0]) or words[0].lower() in _LEADING) \
                    and not (not weak and len(words) <= 2 and _common_surname(words[0])):  # "Scan At Lakeshore Clinic"
                start = text.index(words[0], start) + len(words[0])
                words = words[1:]
            while start < len(text) and text[start] in " \t":
                start += 1
            distinctive = [w for w in words if w not in _JOINERS and not is_common_word(w) and any(c.isalpha() for c in w)
                           and not (weak and self.is_adjective(w.rstrip("'s")))]
            if not distinctive and not weak and words and _common_surname(words[0]):  # "Day Clinic": a surname
                distinctive = words[:1]
            if distinctive:
                results.append(finding(self.name, "MEDICAL_FACILITY", start, match.end(), self.score))
                results += self._town_after(text, match.end())
        return results

    def is_adjective(self, word: str) -> bool:
        """Ends like an adjective and is an English word (`Abdominal`, `Maternal`; not the surname `Sehgal`)."""
        return bool(self.adjective_ending.search(word)) and dictionary_count(word) > 0

    def _town_after(self, text: str, end: int) -> list[RecognizerResult]:
        """The town printed after a facility on its line (`BAPTIST MED CTR SPRINGFIELD`, `Kochi Hosp., Kochi`)."""
        following = _TOWN_AFTER.match(text, end)
        words = list(re.finditer(r"\S+", following.group(1))) if following else []
        for count in range(len(words), 0, -1):
            if self.towns.is_place_name([word.group() for word in words[:count]]):
                start = following.start(1)
                return [finding(self.name, "LOCATION", start, start + words[count - 1].end(), self.score)]
        return self._capitals_ending_line(text, end)

    def _capitals_ending_line(self, text: str, end: int) -> list[RecognizerResult]:
        """Capitals that end the facility's line are its town, however misread (`St. Kyle Hospital KEVINOUTH`,
        `Maternity Clinic S TACYMOUTH`, `NEW CODYMoUTH`), unless a word is technical or an English word (`TODAY`);
        so are capitalised words no dictionary knows (`Kakinada Maternity Chinke`: a town or a misread word)."""
        following = _CAPITALS_ENDING_LINE.match(text, end)
        if not following:
            return []
        words = following.group("town").split()
        letters = [c for c in "".join(words) if c.isalpha()]
        mixed_case = sum(c.islower() for c in letters) > len(words)
        if len(letters) < _SHORTEST_TOWN or (mixed_case and any(dictionary_count(w) for w in words)):
            return []
        if any(self.vocabulary.is_technical(w) or (len(w) > 2 and w.lower() not in self.town_prefixes and (
                self.vocabulary.is_common_word(w.title()) or dictionary_count(w) >= _WORD_COUNT)) for w in words):
            return []
        return [finding(self.name, "LOCATION", *following.span("town"), self.score)]


def _common_surname(word: str) -> bool:
    """A capitalised surname ranked within 2,000 in three countries or more, though also a common word
    (`Day`, `Young`): before a strong ending it names the facility (`Day Maternity Clinic`)."""
    popularity = name_lexicon().surname(word) if word[:1].isupper() and word.isalpha() else None
    return popularity is not None and popularity.best_rank <= 2000 and popularity.countries >= 3
