"""Names that spaCy misses on screens and cards.

- upper-case "SURNAME, GIVEN", scored higher with name context (declared in patterns.yaml);
- DICOM-style burn-in: two to four upper-case words at the start of a line, followed by a sex
  marker (`M`, `[F]`, `(F)`, or as OCR reads a bracket: `[FJ`, `1F]` run into the date), an age
  (`32Y`) or a date, or joined by `^`:
  `DAVIDSON DOUGLAS [M] 01.09.2012`, `DAVIDSON^DOUGLAS`;
- two to four capitalised (or upper-case) words on a line that holds a patient label (Patient,
  Pt, MRN, Acc, ID) and an identifier (5 digits or more, dashes or spaces between them), a second capital
  inside one allowed (`McDonald`, or a letter misread: `SherTy Oconnor`):
  `PATIENT ID 433998-21 Acc# A7139664 Jessica Tate`;
- an upper-case name before a gestational age: `CHRISTINE COLLINS 20 WEEKS`;
- possessive full names in captions: `Chelsea Jones's 20 week scan` (spaCy reads them as
  organisations), and a possessive given name before a scan word: `Helen's first ultrasound`;
- caption phrasing: `Sergio and I`, `Chloe and Toby are expecting`, a name before its handle
  `Upma Balan (@qvala)`, a surname no dictionary counts as a common word before "baby" or "family"
  (`Fisher baby #2`; `Rainbow baby` is no name);
- families: `A & M Smith` (not `Q & A`, `R & D`), `the Smiths` before a verb or a quote, or signing a line
  (`Love from the Smiths`), or alone on a card's line when a surname or no word (`the Dunns`, `the Taytors`);
- couples: `Anna & Mark`, `Anna + Mark`, `Anna and Mark` ending a line (a speck may follow), alone in
  their sentence or after a card word ("Congratulations", "Love,", "for"); before "are expecting"
  whatever joins them, also as a photo reads it, the joiner lost or misread (`Nsba 6 Metesh are epecting`,
  `Kaulyn Chrstophet ae espectang`); elsewhere `&` or `+` pairs only when spaCy does not read them as an
  organisation (`Barnes & Noble`); never with a common caption word (`Mom and Dad`) nor two common English
  words (`Hope and Joy`). spaCy is asked about
  couples only: it reads upper-case lines and possessives as organisations.
"""

from __future__ import annotations

import re

from presidio_analyzer import RecognizerResult

from piu_filter.models.dictionary import dictionary_count
from piu_filter.models.pii.languages import ENGLISH, likely_language
from piu_filter.models.pii.recognizers.known_names import is_surname
from piu_filter.models.pii.recognizers.patterns import RuleRecognizer, finding

_UPPER_WORD = r"[A-Z][A-Z'\-]+"
_BURN_IN = re.compile(
    rf"^[ \t]*(?P<value>{_UPPER_WORD}(?:\^[A-Z][A-Z'\-]*){{1,4}}(?![\w^])|{_UPPER_WORD}(?:[ \t]+{_UPPER_WORD}){{1,3}}"
    r"(?=[ \t]+(?:(?:[\[(|]?[MFO][\])|JI1l]?|\d{1,3}[ \t]?[YMD]|\d{1,4}[/.\-]\d|\d{1,2}[ \t]?(?i:weeks?|wks?))"
    r"(?:[ \t]|$)"
    r"|[\[(|1lI][MFO][\])|JI1l]\d)))",
    re.MULTILINE)
_GIVEN = r"[A-Z][a-z]{1,14}"
_AND = r"(?:and|amd|ad)"  # "and" as OCR reads it on a small card, a letter lost or misread
_SPOKEN_JOINER = re.compile(rf"[ \t]{_AND}[ \t]")
_MISREAD_JOINER = re.compile(r"[ \t](?:amd|ad)[ \t]|&e[ \t]")  # English only: Italian "ad" is a word
_COUPLE = re.compile(rf"\b(?P<value>{_GIVEN}(?:[ \t]*[&+]e?[ \t]*|[ \t]+{_AND}[ \t]+){_GIVEN})\b")
_CARD_LEAD = re.compile(r"(?:^|[!.?:\-][ \t]+|\b(?:Congratulations|Congrats|Love|Dear|Welcome|From|To|For|and|by)"
                        r"[ \t,!]*)$", re.IGNORECASE)
_CARD_TAIL = re.compile(r"^[ \t!.,]*(?:[ \t]\S{1,2}[ \t]*)?(?:$|\n)")  # a speck of the scan may follow
_POSSESSIVE = re.compile(rf"\b(?P<value>(?!St\b|Saint\b){_GIVEN}[ \t]+{_GIVEN})(?='s\b|’s\b)")
_SCAN_WORDS = r"(?:scan|ultrasound|sonogram|baby|bump|pregnancy|twins|gender|anatomy|heartbeat)"
_ONE_POSSESSIVE = re.compile(rf"\b(?P<value>(?!St\b|Saint\b){_GIVEN})['’]s[ \t]+(?:\S+[ \t]+){{0,2}}"
                             rf"(?i:{_SCAN_WORDS})")
_AND_I = re.compile(rf"\b(?P<value>{_GIVEN})[ \t]+and[ \t]+(?:I|me)\b(?![\w-])")
_EXPECTING = re.compile(rf"\b(?P<value>{_GIVEN}(?:[ \t]*[&+][ \t]*|[ \t]+and[ \t]+){_GIVEN})"
                        r"(?=[ \t]+(?:are|were|have|had|just|welcome|announce|can't|cannot|will)\b|['’](?:re|ve)\b)")
_EXPECTING_AS_READ = re.compile(rf"^[ \t]*(?P<value>{_GIVEN}[ \t]+(?:\S{{1,2}}[ \t]+)?{_GIVEN})"
                                r"(?=[ \t]+a[rn]?[ec]?[ \t]+[a-z]{0,3}pec[a-z]*\b)", re.MULTILINE)
_INITIALS_COUPLE = re.compile(r"\b(?P<value>(?P<initials>[A-Z])\.?[ \t]*[&+][ \t]*(?P<second>[A-Z])\.?[ \t]+"
                              r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b")
_THE_FAMILY = re.compile(r"(?:\b[Tt]he[ \t]+(?P<value>[A-Z][a-z]{2,}s)(?=[ \t]+(?:are|were|have|had|welcome|announce|"
                         r"expecting|just)\b|['’])|\b(?i:love|from|congratulations|congrats|meet)[ \t,!]+[Tt]he[ \t]+"
                         r"(?P<signed>[A-Z][a-z]{2,}s)(?=[ \t]*[!.,]?[ \t]*$))", re.MULTILINE)
_THE_FAMILY_LINE = re.compile(r"^[ \t]*[Tt]he[ \t]+(?P<value>[A-Z][a-z]{2,}s)[ \t]*[!.]?[ \t]*$", re.MULTILINE)
_FAMILY_OF = re.compile(rf"\b(?P<value>{_GIVEN})(?=[ \t]+(?:baby|family|bump|twins)\b)")
_WORD_COUNT = 20_000  # a couple of words this common is a phrase (`Hope and Joy`), not two people
_RARE_WORD_COUNT = 2000  # a surname before "baby" is rarer than this in the dictionary's corpus ("Rainbow baby" is not)
_BEFORE_HANDLE = re.compile(rf"\b(?P<value>{_GIVEN}(?:[ \t]+{_GIVEN}){{0,2}})(?=[ \t]*[(\[]?@\w)")
_PATIENT_LINE = re.compile(r"^(?=.*\b(?:Patient|PATIENT|Pt|PT|MRN|Acc|ACC|Accession|ID)\b)(?=.*\d(?:[ -]?\d){4}).*$",
                           re.MULTILINE)
_NAME_WORD = re.compile(r"^(?:[A-Z][a-z]+(?:[A-Z][a-z]*)?|[A-Z]{2,}),?$")  # `McDonald`; `SherTy`, a letter misread
_NOT_PEOPLE = {"ORGANIZATION"}  # spaCy's ORG as the NLP engine maps it


class NameShapeRecognizer(RuleRecognizer):
    """Burn-in name lines, couples and possessives: names by how they are printed, not by a label."""

    entity = "PERSON"
    score = 0.6

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        is_common_word = self.vocabulary.is_common_word
        results = [finding(self.name, "PERSON", start, end, self.score) for start, end in self._names_on_patient_lines(text)]
        for pattern, score in ((_BURN_IN, 0.7), (_COUPLE, 0.65), (_POSSESSIVE, 0.6), (_ONE_POSSESSIVE, 0.6),
                               (_AND_I, 0.6), (_EXPECTING, 0.65), (_BEFORE_HANDLE, 0.6),
                               (_FAMILY_OF, 0.5), (_INITIALS_COUPLE, 0.6), (_THE_FAMILY, 0.6),
                               (_EXPECTING_AS_READ, 0.6), (_THE_FAMILY_LINE, 0.5)):
            for match in pattern.finditer(text):
                start, end = match.span("value" if match.group("value") else "signed")
                words = re.split(rf"[ \t^&+]+(?:e[ \t]+)?|\b{_AND}\b", text[start:end])
                if any(is_common_word(w) for w in words if w):
                    continue
                if pattern is _FAMILY_OF and dictionary_count(words[0]) >= _RARE_WORD_COUNT:
                    continue
                if pattern is _INITIALS_COUPLE and match.group("initials") + match.group("second") in self.vocabulary.not_initials:
                    continue
                if pattern is _THE_FAMILY and is_common_word(re.sub(r"e?s$", "", words[0])):
                    continue
                if pattern is _THE_FAMILY_LINE and not _family_name(words[0], self.vocabulary):
                    continue
                if pattern is _COUPLE and not _alone_on_card_line(text, start, end) and \
                        (_SPOKEN_JOINER.search(match.group())
                         or _spacy_says_not_people(nlp_artifacts, start, end)):
                    continue
                if pattern is _COUPLE and all(dictionary_count(w) >= _WORD_COUNT for w in words if w):
                    continue
                if pattern is _COUPLE and _MISREAD_JOINER.search(match.group()) and likely_language(text) != ENGLISH:
                    continue
                results.append(finding(self.name, "PERSON", start, end, score))
        return results

    def _names_on_patient_lines(self, text: str) -> list[tuple[int, int]]:
        """Runs of two to four capitalised words, none a label, technical or common word, on a line holding a
        patient label and an identifier (5 digits or more, dashes or spaces between them)."""
        spans = []
        for line in _PATIENT_LINE.finditer(text):
            run: list[re.Match] = []
            for word in [*re.finditer(r"\S+", line.group()), None]:
                if word and _NAME_WORD.match(word.group()) and not self.vocabulary.is_common_word(word.group()):
                    run.append(word)
                    continue
                if 2 <= len(run) <= 4:
                    spans.append((line.start() + run[0].start(), line.start() + run[-1].end()))
                run = []
        return spans


def _family_name(plural: str, vocabulary) -> bool:
    """`Dunns`, `Taytors`: the plural of a surname, or of a word no dictionary knows."""
    return is_surname(plural[:-1], vocabulary) or dictionary_count(plural) + dictionary_count(plural[:-1]) == 0


def _alone_on_card_line(text: str, start: int, end: int) -> bool:
    """Whether the pair ends its line and follows the line's start, a sentence's end or a card word ("Love,")."""
    line_start = text.rfind("\n", 0, start) + 1
    return bool(_CARD_LEAD.search(text[line_start:start])) and bool(_CARD_TAIL.match(text[end:]))


def _spacy_says_not_people(nlp_artifacts, start: int, end: int) -> bool:
    entities = getattr(nlp_artifacts, "entities", None) or []
    return any(e.label_ in _NOT_PEOPLE and e.start_char < end and start < e.end_char for e in entities)
