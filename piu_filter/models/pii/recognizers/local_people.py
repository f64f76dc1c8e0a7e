"""People's names in French, German, Spanish, Portuguese and Italian texts (`local_forms.InOtherLanguages`: found
only in texts likely in one of those languages):

- names after the language's labels, honorifics, sign-offs and words of company: `local_labelled_names`;
- full names whose given name and surname the name lexicon or the names of the language's countries know, accents
  folded (`Océane Caron`, `Jan-Peter Pergande`);
- couples of given names (`Anna und Tim`) and popular given names standing alone (`Lukas kommt im Mai`);
- names known by where they stand: `local_placed_names`.
"""

from __future__ import annotations

import regex
from presidio_analyzer import EntityRecognizer, RecognizerResult

from piu_filter.models.dictionary import dictionary_count, is_counted
from piu_filter.models.pii.languages import calendar_words
from piu_filter.models.pii.recognizers.false_alarms import is_german_word
from piu_filter.models.pii.recognizers.known_names import WORD_COUNT
from piu_filter.models.pii.recognizers.lexicon import ascii_spelling
from piu_filter.models.pii.recognizers.local_forms import InOtherLanguages, particles
from piu_filter.models.pii.recognizers.local_labelled_names import (LocalCompanionRecognizer, LocalDedicationRecognizer,
                                                                   LocalLabelledNameRecognizer, LocalSignOffRecognizer)
from piu_filter.models.pii.recognizers.local_names import is_local_name, knows_given_name
from piu_filter.models.pii.recognizers.local_placed_names import NAME_WORD, placed_name_recognizers
from piu_filter.models.pii.recognizers.name_lexicon import name_lexicon
from piu_filter.models.pii.recognizers.patterns import RuleRecognizer, finding, opens_sentence
from piu_filter.models.vocabulary import Vocabulary

_LONENAME_WORD_COUNT = 2_000  # a given name standing alone is a rarer word of the language (`Rosa` is pink)
_COUPLE_WORD_COUNT = 5_000  # a couple's given names are rarer words of the language (`Rosa e Azul`: pink and blue)
_HARDLY_A_WORD_COUNT = 1_000  # or one of them is hardly a word, the other a popular given name (`Pascuala y Alma`)


class LocalFullNameRecognizer(InOtherLanguages, RuleRecognizer):
    """A given name and a surname the name lexicon or the names of the language's countries know, accents folded,
    with particles between (`Océane Caron`, `Thales da Cruz`, `Inès Le Gall`); not two words of the language
    (`_two_words`: `Hallo Welt`, `SMS der Praxis`; not `Rafael Fogaça`), nor a word of the vocabulary's common or
    technical words, nor a common English or local word, a sign-off or a saint first (`North Donald`, `Mon Bidou`,
    `Bruder Jannik`, `Saint Valentin`)."""

    entity = "PERSON"
    score = 0.7

    def __init__(self, vocabulary: Vocabulary) -> None:
        super().__init__(vocabulary)
        word = rf"(?:{NAME_WORD}|\p{{Lu}}{{3,}}(?:-\p{{Lu}}{{3,}})?)"  # a screen's `STÉPHANE BERTIN` too; not `IW ZT`
        self.lead = regex.compile(rf"(?i:{vocabulary.alternation('local_sign_offs')})")  # `Bruder Jannik`
        self.saint = regex.compile(vocabulary.alternation("local_saints"))  # `Saint Valentin`, `Sainte Raymond`
        self.pattern = regex.compile(rf"(?<![\p{{L}}\-])(?P<given>{word})(?:[ \t]+{word})?"
                                     rf"(?:[ \t]+{particles(vocabulary)})?[ \t]+(?P<surname>{word})(?![\p{{L}}\-])")

    def analyze_in(self, text: str, language: str, entities: list[str], nlp_artifacts) -> list[RecognizerResult]:
        lexicon, results = name_lexicon(), []
        for match in self.pattern.finditer(text, overlapped=True):
            given, surname = match.group("given"), match.group("surname")
            words = match.group().split()
            if (knows_given_name(given, language)
                    and self._surname(given, surname, language)
                    and not self.lead.fullmatch(given) and not self.saint.fullmatch(given)
                    and dictionary_count(given) < WORD_COUNT
                    and not lexicon.is_local_word(given, language)
                    and not any(self.vocabulary.is_common_word(w) or self.vocabulary.is_technical(w) for w in words)
                    and not _two_words(given, surname, language)):
                results.append(finding(self.name, self.entity, *match.span(), self.score))
        return results

    @staticmethod
    def _surname(given: str, surname: str, language: str) -> bool:
        """A name the lexicon knows or a surname of the language's countries, or, after a popular given name, a word
        no dictionary of English or the language knows (`Jan-Peter Pergande`)."""
        lexicon = name_lexicon()
        if lexicon.knows(surname) or is_local_name(surname, "surname", language):
            return True
        popular = all(lexicon.is_popular_given_name(part) for part in given.split("-"))
        return popular and not dictionary_count(surname) and not dictionary_count(surname, language)


class LocalCoupleRecognizer(InOtherLanguages, RuleRecognizer):
    """Two given names joined as a couple (`Anna und Tim`, `Ana y Luis`, `Giulia e Marco`; the vocabulary's
    `local_conjunctions`), each one the name lexicon or the language's countries know, no common word of the
    vocabulary, family word, sacred name or greeting (a feast may be one: `Noël et Léa`), both rarer words of the
    language, or one hardly a word and the other a popular given name (`Pascuala y Alma`; not `Rosa e Azul`)."""

    entity = "PERSON"
    score = 0.6

    def __init__(self, vocabulary: Vocabulary) -> None:
        super().__init__(vocabulary)
        word = NAME_WORD
        self.not_names = vocabulary.local_not_names - set(vocabulary.local_feasts)  # `Noël et Léa`: a given name too
        self.pattern = regex.compile(rf"(?<![\p{{L}}\-])(?P<first>{word})[ \t]+{vocabulary.alternation('local_conjunctions')}"
                                     rf"[ \t]+(?P<second>{word})(?![\p{{L}}\-])")

    def analyze_in(self, text: str, language: str, entities: list[str], nlp_artifacts) -> list[RecognizerResult]:
        results = []
        for match in self.pattern.finditer(text, overlapped=True):
            names = [match.group(part) for part in ("first", "second")]
            counts = [dictionary_count(name, language) for name in names]
            if all(self._given_name(name, language) for name in names) and (
                    all(count < _COUPLE_WORD_COUNT for count in counts)
                    or min(counts) < _HARDLY_A_WORD_COUNT and name_lexicon().is_popular_given_name(names[counts.index(max(counts))])):
                results += [finding(self.name, self.entity, *match.span(part), self.score) for part in ("first", "second")]
        return results

    def _given_name(self, word: str, language: str) -> bool:
        return (knows_given_name(word, language)
                and not self.vocabulary.is_common_word(word) and word not in self.not_names)


class LocalGivenNameRecognizer(InOtherLanguages, RuleRecognizer):
    """A popular given name standing alone (`Lukas`, `Aurora`), when the language does not write it as a word
    (`_LONENAME_WORD_COUNT`, in German `is_german_word`: not `Rosa`, `Mar`, `Felice`) and it is no common word of
    the vocabulary, no exam's name (`Écho à 12 SA`), none of `local_not_names` (`Oi`) and no month or weekday
    (`Mai`), not after an indefinite article, a saint or a number (`eine Mango`, `Saint Valentin`, a preset's `3rd
    Tri`), nor in German after a definite one (`auf die Neo`: a ward); opening a sentence, only before a lower-case
    word that is no particle (`Lukas kommt im Mai`; not `Marco de fotos`); on a line that reads like a sentence
    only."""

    entity = "PERSON"
    score = 0.6

    def __init__(self, vocabulary: Vocabulary) -> None:
        super().__init__(vocabulary)
        self.pattern = regex.compile(rf"(?<![\p{{L}}\-]){NAME_WORD}(?![\p{{L}}\-])")
        self.before_verb = regex.compile(rf"[ \t]+(?!{vocabulary.alternation('name_particles')}\b)\p{{Ll}}")
        self.not_names = vocabulary.local_not_names
        articles, saints = vocabulary.alternation("local_indefinite_articles"), vocabulary.alternation("local_saints")
        self.not_after = regex.compile(rf"(?:(?i:\b{articles})[ \t]+|{saints}[ \t\-]+|\d\S*[ \t]+)$")

    def analyze_in(self, text: str, language: str, entities: list[str], nlp_artifacts) -> list[RecognizerResult]:
        lexicon = name_lexicon()
        return [finding(self.name, self.entity, *m.span(), self.score) for m in self.pattern.finditer(text)
                if _in_a_sentence(text, m.start()) and not self.not_after.search(text, 0, m.start())
                and not (language == "de" and self.vocabulary.after_german_article.search(text, 0, m.start()))
                and all(lexicon.is_popular_given_name(part) for part in m.group().split("-"))
                and dictionary_count(m.group(), language) < _LONENAME_WORD_COUNT
                and not (language == "de" and is_german_word(m.group()))
                and not self.vocabulary.is_common_word(m.group()) and not self.vocabulary.is_exam_word(m.group())
                and m.group() not in self.not_names
                and m.group().lower() not in calendar_words(language)
                and (not opens_sentence(text, m.start()) or self.before_verb.match(text, m.end()))]


def _two_words(given: str, surname: str, language: str) -> bool:
    """Two words the language's dictionary holds (`Hallo Welt`, `SMS der Praxis`: German lists its nouns with one
    count), unless, outside German, it only lists one of them, as it lists names (`Fogaça`), and the first is a
    popular given name, ranked better as one than as a surname (`Rafael Fogaça`; not `Mendes do Norte`, a town)."""
    if not all(dictionary_count(word, language) > 0 for word in (given, surname)):
        return False
    if language == "de" or all(is_counted(word, language) for word in (given, surname)):
        return True
    lexicon, first = name_lexicon(), ascii_spelling(given.split("-")[0])
    as_given, as_surname = lexicon.given_name(first), lexicon.surname(first)
    return not (lexicon.is_popular_given_name(first)
                and (as_surname is None or as_given.best_rank < as_surname.best_rank))


def _in_a_sentence(text: str, position: int) -> bool:
    """Whether the line holding `position` reads like a sentence: three words or more, one of them in lower case
    (a caption's phrasing; not a screen's label, preset or read-out: `O B 3rd Tri`)."""
    line = text[text.rfind("\n", 0, position) + 1:(text.find("\n", position) + 1 or len(text) + 1) - 1]
    words = line.split()
    return len(words) >= 3 and any(word[:1].islower() for word in words)


def people_recognizers(vocabulary: Vocabulary) -> list[EntityRecognizer]:
    """The recognizers of people's names in the other languages' texts."""
    return [LocalLabelledNameRecognizer(vocabulary), LocalSignOffRecognizer(vocabulary),
            LocalDedicationRecognizer(vocabulary), LocalCompanionRecognizer(vocabulary), *placed_name_recognizers(vocabulary),
            LocalFullNameRecognizer(vocabulary), LocalCoupleRecognizer(vocabulary), LocalGivenNameRecognizer(vocabulary)]
