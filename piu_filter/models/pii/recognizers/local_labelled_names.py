"""Names after the labels, honorifics, sign-offs and words of company of French, German, Spanish, Portuguese and
Italian texts (`local_forms.InOtherLanguages`: found only in texts likely in one of those languages):

- names after the language's labels and honorifics (the vocabulary's `local_name_labels`: `Nom :`, `Frau`,
  `Dra.`, `Dott.ssa`, `Familie`, `Madame`);
- given names after its sign-offs, introductions, greetings, family words and possessives (`local_sign_offs`: `Pour
  Léa`, `Je m'appelle Léa`, `mamá Ana`, `Nuestra Rosa`), after a bare word of dedication opening a card's line
  (`local_dedications`: `À Nath`) and after a word of company ending its line or clause (`local_companions`: `con
  María Pilar`).
"""

from __future__ import annotations

import regex
from presidio_analyzer import RecognizerResult

from piu_filter.models.pii.recognizers.false_alarms import is_german_word
from piu_filter.models.pii.recognizers.labelled import LabelledNameRecognizer
from piu_filter.models.pii.recognizers.local_forms import InOtherLanguages, particles
from piu_filter.models.pii.recognizers.local_names import knows_given_name
from piu_filter.models.pii.recognizers.name_lexicon import name_lexicon
from piu_filter.models.vocabulary import Vocabulary

_ENDS_THE_LINE = regex.compile(r"[^\n\p{L}\p{N}]*(?:\n|$)")  # nothing but punctuation to the line's end
_ENDS_A_CLAUSE = regex.compile(r"[ \t]*[,;]")
_WORD_RUN = regex.compile(r"\S+")


class LocalLabelledNameRecognizer(InOtherLanguages, LabelledNameRecognizer):
    """Names after the labels and honorifics of the other languages, in texts of those languages, a particle
    first or not (`Dr. da Mata`), a doctor's title after the label left out (`Ecografista: Dott.ssa Giulietta`), up
    to a facility (`Dra. Barco, Clínica Lleida`, `doctora Olmedilla del Centro Médico Barceló`) or a street after a
    comma."""

    labels_key = "local_name_labels"

    def __init__(self, vocabulary: Vocabulary) -> None:
        super().__init__(vocabulary)
        kinds = vocabulary.alternation("local_facility_kinds")
        self.title = regex.compile(rf"{vocabulary.alternation('local_doctor_titles')}[ \t]+(?=\p{{Lu}})")
        self.place_after = regex.compile(rf"(?:,[ \t]*(?:{kinds}|(?i:{vocabulary.alternation('local_street_words')}))"
                                         rf"|[ \t]+(?:{particles(vocabulary)}[ \t]+)?{kinds})(?![\p{{L}}])")

    def leading_particle(self, vocabulary: Vocabulary) -> str:
        return rf"(?:(?:{vocabulary.alternation('name_particles')}|{vocabulary.alternation('local_doctor_titles')})[ \t]+)?"

    def analyze_in(self, text: str, language: str, entities: list[str], nlp_artifacts) -> list[RecognizerResult]:
        results = []
        for result in LabelledNameRecognizer.analyze(self, text, entities, nlp_artifacts):
            title = self.title.match(text, result.start, result.end)  # `Ecografista: Dott.ssa Giulietta`
            if title:
                result.start = title.end()
            place = self.place_after.search(text, result.start, result.end)
            if place:
                result.end = place.start()
            results.append(result)
        return results


class LocalSignOffRecognizer(LocalLabelledNameRecognizer):
    """A given name after a sign-off, a dedication, an introduction, a greeting, a family word or a possessive (`Pour
    Océane`, `für Anna`, `Parabéns Maria`, `Je m'appelle Léa`, `Ciao Valentina`, `mamá Ana`, `Nuestra Rosa`: a popular
    given name only), when the name lexicon knows the name (accents folded) or it is a given name of the language's
    countries (`local_names`: `Ecografia di Dionigi`, `für Siegward`), after an article no common word of the language
    (`Per la Festa`); German writes every noun capitalised (`für Ultraschallbilder`, `Das kleine Herz`: none of its
    words is a name there); not a feast named like a person, a family word, a sacred name nor a greeting
    (`local_not_names`: `pour Noël`, `Ich bin Mama`, `Gracias a Dios`)."""

    labels_key = "local_sign_offs"

    def __init__(self, vocabulary: Vocabulary) -> None:
        super().__init__(vocabulary)
        self.not_names = vocabulary.local_not_names
        self.lead = regex.compile(f"(?i:{self.label_alternation(vocabulary)})")
        possessives = vocabulary.alternation("local_possessives")
        self.after_possessive = regex.compile(rf"(?<![\p{{L}}])(?i:{possessives})[ \t]+$")

    def label_alternation(self, vocabulary: Vocabulary) -> str:
        return (f"(?:{vocabulary.alternation(self.labels_key)}|{vocabulary.alternation('local_family_words')}"
                f"|{vocabulary.alternation('local_greetings')}|{vocabulary.alternation('local_possessives')})")

    def analyze_in(self, text: str, language: str, entities: list[str], nlp_artifacts) -> list[RecognizerResult]:
        results = super().analyze_in(text, language, entities, nlp_artifacts)
        for result in results:  # a comma ends the name (`Taufe von Sibilla, Sohn von ...`)
            comma = text.find(",", result.start, result.end)
            result.end = comma if comma > result.start else result.end
            result.start = self._past_not_names(text, result.start, result.end)  # `Para Bebê Matheus`
        return [result for result in results if result.start < result.end
                and self._given_name(text[result.start:result.end], language)
                and self._popular_after_possessive(text, result.start, result.end)]

    def _popular_after_possessive(self, text: str, start: int, end: int) -> bool:
        """After a possessive only a popular given name is one (`Nuestra Rosa`, not `Mon Bidou`)."""
        return (not self.after_possessive.search(text, 0, start)
                or name_lexicon().is_popular_given_name(first_capitalised(text[start:end])))

    def _misread_label(self, label: str, text: str, end: int) -> bool:
        """A colon after the name ends no label's misreading unless it ends the line too (`Fijado por María: nos
        vemos`, `Para Lucía: te queremos`)."""
        rest = text[end:].split("\n", 1)[0]
        return rest.startswith(":") and not rest[1:].strip()

    def _past_not_names(self, text: str, start: int, end: int) -> int:
        """Where the value starts past its leading family words and such (`local_not_names`: `Bebê Matheus`, `Mamie
        Josiane`) and further leads (`Mi Pequeño Tesoro`); its end when no other word follows them."""
        for word in _WORD_RUN.finditer(text, start, end):
            if word.group() not in self.not_names and not self.lead.fullmatch(word.group()):
                return word.start()
        return end

    def _given_name(self, value: str, language: str) -> bool:
        """Whether the value's first capitalised word (each part of `Hans-Hinrich`) is a given name."""
        lexicon, first = name_lexicon(), first_capitalised(value)
        return (all(knows_given_name(part, language) for part in first.split("-"))
                and not (value[0].islower() and lexicon.is_local_word(first, language))
                and not (language == "de" and is_german_word(first)) and first not in self.not_names)


class LocalDedicationRecognizer(LocalSignOffRecognizer):
    """A given name after a bare word of dedication opening its line, the name ending it (a card's `À Nath`, `An
    Egon`, `A Soledad`; the vocabulary's `local_dedications`): elsewhere those words are prepositions (`a Madrid`)."""

    labels_key = "local_dedications"

    def __init__(self, vocabulary: Vocabulary) -> None:
        super().__init__(vocabulary)
        self.opening_a_line = regex.compile(rf"(?:^|\n)[ \t]*(?i:{self.label_alternation(vocabulary)})[ \t]+$")

    def label_alternation(self, vocabulary: Vocabulary) -> str:
        return vocabulary.alternation(self.labels_key)

    def analyze_in(self, text: str, language: str, entities: list[str], nlp_artifacts) -> list[RecognizerResult]:
        return [result for result in super().analyze_in(text, language, entities, nlp_artifacts)
                if self.opening_a_line.search(text, 0, result.start) and _ENDS_THE_LINE.match(text, result.end)]


class LocalCompanionRecognizer(LocalSignOffRecognizer):
    """A given name after a word of company, the name ending its line or its clause (`Sortie de la maternité avec
    Léa`, `Alta del hospital con María Pilar`, `ma deuxième écho avec Aimé, chez le Dr Lebon`; the vocabulary's
    `local_companions`): elsewhere those words lead anything (`mit Doppler gemessen`)."""

    labels_key = "local_companions"

    def label_alternation(self, vocabulary: Vocabulary) -> str:
        return vocabulary.alternation(self.labels_key)

    def analyze_in(self, text: str, language: str, entities: list[str], nlp_artifacts) -> list[RecognizerResult]:
        return [result for result in super().analyze_in(text, language, entities, nlp_artifacts)
                if _ENDS_THE_LINE.match(text, result.end) or _ENDS_A_CLAUSE.match(text, result.end)]


def first_capitalised(value: str) -> str:
    """The first capitalised word of a name's value (`Festa` in `la Festa della Mamma`)."""
    return next((word for word in value.split() if word[:1].isupper()), value)
