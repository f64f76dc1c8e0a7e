"""Values printed after a screen or card label, on the same line: "Name: SMITH, JANE", "Dr. Okafor", "Baby Okafor",
"Love, Maren", "Congratulations to Anna", "Mum-to-be Maren Quist", "Welcome to the world, Anna"; only the value is
reported. A name value stops at a technical or common caption word ("Baby Shower Invitation" is no name); a single
word before a colon is a label, misread (`Pt Hase:`), not a name, and so is one after a screen's label before a mark
read for a colon ending the line (`Pt Sao!`). Identifier, phone, facility and postcode values
are declared in patterns.yaml; each kind's labels are lists of the vocabulary."""

from __future__ import annotations

import re

import regex
from presidio_analyzer import RecognizerResult

from piu_filter.models.dictionary import dictionary_count
from piu_filter.models.pii.recognizers.patterns import RuleRecognizer, VocabularyPatternRecognizer, finding
from piu_filter.models.vocabulary import Vocabulary

_OPTIONAL_SEPARATOR = r"[ \t]*[:#.;,]?[ \t]*"
_MARK_ENDING_LINE = re.compile(r"[;!][ \t]*")
CREDIT_WORD_COUNT = 1000  # a credited word the dictionary's corpus holds this often is a word, not a clinic's name


class LabelledNameRecognizer(RuleRecognizer):
    """The name after a name label (`name_labels`), up to its first technical or common word: capitalised
    words in any script's letters (`Édouard`, `Müller`), with a particle between them (`Lagarde du Sable`),
    initials (`J.`, or a lone capital before a name) and couples (`Love, Anna & Mark`)."""

    entity = "PERSON"
    score = 0.9  # above spaCy's 0.85: a name after "from" is a person, not a place
    labels_key = "name_labels"  # the vocabulary's list of labels

    def __init__(self, vocabulary: Vocabulary) -> None:
        super().__init__(vocabulary)
        initial = r"\p{Lu}\.|\p{Lu}(?=,?[ \t]+\p{Lu})"  # `J.`, a capital before a name: `Anna S Jonas`, `ANNA S, JONAS`
        word = rf"(?!{vocabulary.alternation('never_name_start')}\b)(?:\p{{Lu}}[\p{{L}}'\-]+\.?|{initial})"
        particle = rf"(?:{vocabulary.alternation('name_particles')}[ \t]+){{0,2}}"
        separator = r"(?:,?[ \t]+(?:(?:&|\+|and)[ \t]+)?|,|\^)"  # couples: `Anna & Mark`; DICOM's `SMITH^JANE`
        value = rf"{self.leading_particle(vocabulary)}{word}(?:{separator}{particle}{word}){{0,4}}"  # up to five words
        labels = rf"{self.label_alternation(vocabulary)}\.?"
        self.pattern = regex.compile(rf"\b(?i:{labels})(?![A-Za-z]){_OPTIONAL_SEPARATOR}(?P<value>{value})")

    def label_alternation(self, vocabulary: Vocabulary) -> str:
        """The labels before a name, as one regex alternation."""
        return vocabulary.alternation(self.labels_key)

    def leading_particle(self, vocabulary: Vocabulary) -> str:
        """What may come before the name's first capitalised word: nothing here."""
        return ""

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        results, position = [], 0
        while match := self.pattern.search(text, position):
            start, end = match.span("value")
            value = self._name_words(text[start:end].rstrip(" \t.,")).rstrip(" \t.,")
            one_word = len([word for word in value.split() if not word.islower()]) == 1  # a particle aside: `da Paciente:`
            a_label = one_word and self._misread_label(match.group(0)[:start - match.start()], text, start + len(value))
            if value and not a_label and not all(self.vocabulary.is_technical(w) for w in value.split()):
                results.append(finding(self.name, self.entity, start, start + len(value), self.score))
            # the value may hold the next label: "from Grandma Ada", `Nachname, Vorname:`
            position = end if value and not a_label else start
        return results

    def _misread_label(self, label: str, text: str, end: int) -> bool:
        """Whether a one-word value ending at `end` is the next label, misread: before a colon (`Pt Hase:`), or after a
        screen's label before a mark read for a colon that ends the line (`Pt Sao!`, `Pt Wre;`)."""
        rest = text[end:].split("\n", 1)[0]
        if rest.startswith(":"):
            return True
        if not all(self.vocabulary.is_screen_label(word) for word in label.rstrip(" \t:#.;,").split()):
            return False  # a card's or a letter's label, or a title: `Love, Maren!`, `Dr. Okafor!`
        return bool(_MARK_ENDING_LINE.fullmatch(rest))

    def _name_words(self, value: str) -> str:
        """The value up to its first technical or common word or exam's name (`geb. Steuer, Ultraschall`)."""
        kept = []
        for word in value.split():
            if self.vocabulary.is_technical(word) or self.vocabulary.is_common_word(word) or self.vocabulary.is_exam_word(word):
                break
            kept.append(word)
        while kept and (kept[-1].islower() or kept[-1] in ("&", "+")):  # a particle or a joiner ends no name
            kept.pop()
        return " ".join(kept)


class LabelledValueRecognizer(VocabularyPatternRecognizer):
    """A labelled value declared in patterns.yaml, dropped when it is made only of technical words."""

    def invalidate_result(self, pattern_text: str) -> bool:
        return all(self.vocabulary.is_technical(w) for w in pattern_text.split())


class ScanCreditRecognizer(LabelledValueRecognizer):
    """Who made a scan, after a credit (`Scan by Peree Radiolop`), dropped when every word is technical, a caption word
    or an English word (`Scan by Appointment Only`), and left to the facility recognizer when it holds a facility word
    read right (`Scan by Kakinada Maternity Chinke`)."""

    def invalidate_result(self, pattern_text: str) -> bool:
        vocabulary, words = self.vocabulary, pattern_text.split()
        facility_words = {w.lower() for w in vocabulary.facility_words}
        return any(w.lower() in facility_words for w in words) or all(
            vocabulary.is_technical(w) or vocabulary.is_common_word(w) or dictionary_count(w) >= CREDIT_WORD_COUNT
            for w in words)
