"""Facility names: capitalised (or upper-case) words ending in a capitalised facility word.

Strong endings (Hospital, Clinic, Medical Center, MED CTR, Infirmary, ...) need one distinctive
word before them; weak endings that also name a kind of scan or speciality (Imaging, Radiology,
Ultrasound, Women's Health, Fetal Medicine, Practice, ...) need one that is not a
common caption word nor an English adjective (`Lakeshore Imaging` and `Sehgal Imaging` are facilities, `Abdominal Ultrasound`,
`Maternal Fetal Medicine` and `4D Baby Ultrasound` are not), and are no facility when a common
word follows (`Lakeshore Ultrasound Frame` is a product). Leading common words are dropped. A town
printed after the facility on its line is a LOCATION (`BAPTIST MED CTR SPRINGFIELD`).
"""

from __future__ import annotations

import re

from presidio_analyzer import RecognizerResult

from piu_filter.models.pii.recognizers.patterns import RuleRecognizer, finding
from piu_filter.models.pii.recognizers.technical import dictionary_count, is_common_word
from piu_filter.models.pii.recognizers.towns import is_place_name

_CENTER = r"(?:Cent(?:er|re)|Ctr\.?)"
_STRONG = (rf"Hospital|Hosp\.?|Clinic|Medical(?:[ \t]+(?:{_CENTER}|Group))?|Med\.?[ \t]+{_CENTER}|Infirmary|"
           rf"Health[ \t]+{_CENTER}|Birth(?:ing)?[ \t]+{_CENTER}|Maternity[ \t]+(?:Unit|Clinic|Hospital|{_CENTER})|"
           rf"Perinatal[ \t]+{_CENTER}|Diagnostics|Assoc(?:iates|\.)")
_WEAK = (rf"(?:Imaging|Radiology|Ultrasound|Sonography|Obstetrics)(?:[ \t]+{_CENTER})?|Practice|Maternity|"
         r"Women'?s[ \t]+(?:Health|Care|Clinic)|Fetal[ \t]+Medicine|Health")
_WORD = r"(?:St\.|ST\.|Saint|SAINT|[A-Z][A-Za-z'\-]*[A-Za-z]|OB/GYN|[A-Z]&[A-Z])"
_FACILITY = re.compile(
    rf"\b(?P<words>{_WORD}(?:[ \t]+(?:{_WORD}|of|the|and|&|[^\sA-Za-z]{{1,2}})){{0,5}})[ \t]+"  # OCR specks tolerated
    rf"(?P<ending>(?=[A-Z])(?i:{_STRONG}|{_WEAK}))(?![A-Za-z])")
_ADJECTIVE = re.compile(r"(?:al|ic|ive|ous|ary|able|ible|ised|ized|ful|less)$", re.I)
_NEXT_WORD = re.compile(r"[ \t]+([A-Z][\w'\-]*)")
_TOWN_AFTER = re.compile(r"[ \t]*,?[ \t]+([A-Z][A-Za-z'\-]+(?:[ \t]+[A-Z][A-Za-z'\-]+){0,2})")
_JOINERS = {"of", "the", "and", "&"}
_LEADING = _JOINERS | {"at", "in", "from", "to", "by", "for", "with", "a"}


def is_adjective(word: str) -> bool:
    """Ends like an adjective and is an English word (`Abdominal`, `Maternal`; not the surname `Sehgal`)."""
    return bool(_ADJECTIVE.search(word)) and dictionary_count(word) > 0


class FacilityNameRecognizer(RuleRecognizer):
    """Facility names ending in a facility word, with one distinctive word before it."""

    entity = "MEDICAL_FACILITY"
    score = 0.7

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        results = []
        for match in _FACILITY.finditer(text):
            weak = re.fullmatch(_WEAK, match.group("ending"), re.IGNORECASE) is not None
            following = _NEXT_WORD.match(text, match.end())
            if weak and following and is_common_word(following.group(1)):  # "Baby Ultrasound Frame": a product
                continue
            start = match.start("words")
            words = match.group("words").split()
            while words and (is_common_word(words[0]) or words[0].lower() in _LEADING):  # "Scan At Lakeshore Clinic"
                start = text.index(words[0], start) + len(words[0])
                words = words[1:]
            while start < len(text) and text[start] in " \t":
                start += 1
            distinctive = [w for w in words if w not in _JOINERS and not is_common_word(w) and any(c.isalpha() for c in w)
                           and not (weak and is_adjective(w.rstrip("'s")))]
            if distinctive:
                results.append(finding(self.name, "MEDICAL_FACILITY", start, match.end(), self.score))
                results += _town_after(text, match.end(), self.name, self.score)
        return results


def _town_after(text: str, end: int, recognizer: str, score: float) -> list[RecognizerResult]:
    """The town printed after a facility on its line (`BAPTIST MED CTR SPRINGFIELD`, `Kochi Hosp., Kochi`)."""
    following = _TOWN_AFTER.match(text, end)
    if not following:
        return []
    words = list(re.finditer(r"\S+", following.group(1)))
    for count in range(len(words), 0, -1):
        if is_place_name([word.group() for word in words[:count]]):
            start = following.start(1)
            return [finding(recognizer, "LOCATION", start, start + words[count - 1].end(), score)]
    return []
