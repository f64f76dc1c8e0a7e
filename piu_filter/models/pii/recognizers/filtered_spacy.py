"""presidio's spaCy recognizer without the findings `false_alarms.FalseAlarms` drops, nor, on a text likely in another
language, English NER's words of that language.

On a text likely in another language (`languages.likely_language`: a screen's few words are enough), English NER's
PERSON and LOCATION are that language's words when they hold a lower-case word (not a name particle: `Marco de
fotos`), start with a kind of facility (`Ospedale di Monza`, found as a facility), hold a common word of the
language that is no popular given name (`Mein Mutterpass`), are a single word the name lexicon does not know (in
German, which capitalises every noun, hold no word it knows, `Ultraschallbild Tasche`, or a single word that is no
popular given name or common surname, `Mamas`), or open a sentence with a word the lexicon does not know as a name
(a popular given name, when it stands alone: `Notre bébé`, `Nosso bebê`; and a popular given name the language
writes often, before a lower-case word that is no verb: `Gioia immensa`).
"""

from __future__ import annotations

import regex
from presidio_analyzer import RecognizerResult
from presidio_analyzer.predefined_recognizers import SpacyRecognizer

from piu_filter.models.dictionary import dictionary_count, is_verb_form
from piu_filter.models.pii.languages import ENGLISH, likely_language
from piu_filter.models.pii.recognizers.false_alarms import FalseAlarms, is_german_word
from piu_filter.models.pii.recognizers.name_lexicon import name_lexicon
from piu_filter.models.pii.recognizers.patterns import opens_sentence

_LOWER_CASE_WORD_NEXT = regex.compile(r"[ \t]+\p{Ll}")
_OPENING_MARKS = "¡¿«»\"“”"  # marks NER keeps on a span's word (`¡Ha nacido`)
_AFTER_AN_ORDINAL = regex.compile(r"\d(?:st|nd|rd|th)[ \t]+$")  # a preset's `3rd Tri`
_OPENING_WORD_COUNT = 10_000  # a popular given name this common in the language opening a sentence is its word
_ENGLISH_WORD_COUNT = 20_000  # an English word this common opening a name in another language is a loanword (`Body`)


class FilteredSpacyRecognizer(SpacyRecognizer):
    """presidio's spaCy recognizer without its false alarms."""

    def __init__(self, false_alarms: FalseAlarms, **kwargs) -> None:
        self.false_alarms = false_alarms
        self.kind_of_facility = regex.compile(false_alarms.vocabulary.alternation("local_facility_kinds") + r"\b")
        articles = false_alarms.vocabulary.alternation("local_indefinite_articles")
        self.after_article = regex.compile(rf"(?<![\p{{L}}])(?i:{articles})[ \t]+$")
        self.feasts = frozenset(false_alarms.vocabulary.local_feasts)
        self.never_names = false_alarms.vocabulary.local_not_names - self.feasts  # `Mamie`, `Dios`, `Hola`
        conjunctions = false_alarms.vocabulary.alternation("local_conjunctions")
        self.next_word = regex.compile(rf"[ \t]+(?!(?:{conjunctions})[ \t]+\p{{Lu}})(?P<word>\p{{Ll}}\p{{L}}*)")
        super().__init__(**kwargs)

    def analyze(self, text: str, entities, nlp_artifacts=None) -> list[RecognizerResult]:
        likely = likely_language(text)
        language = likely if self.supported_language == ENGLISH else self.supported_language
        english = ENGLISH in (self.supported_language, likely)
        return [r for r in super().analyze(text, entities, nlp_artifacts)
                if not self.false_alarms.is_ner_false_alarm(text, r.entity_type, r.start, r.end, english)
                and not (language != ENGLISH and self._is_foreign_word(text, language, r.entity_type, r.start, r.end))]

    def _opens_a_phrase(self, text: str, end: int, language: str) -> bool:
        """Whether a lower-case word follows that is no verb (`Gioia immensa`, not `Victoria tiene`) nor a conjunction
        before a capital (`Custodia y Flor`)."""
        after = self.next_word.match(text, end)
        return after is not None and not is_verb_form(after.group("word"), language)

    def _is_foreign_word(self, text: str, language: str, entity: str, start: int, end: int) -> bool:
        """NER on another language's text: a PERSON or LOCATION with a lower-case word other than a name particle
        (`Marco de fotos`) or ending in a particle before one (`Port du masque`), after an indefinite article (`eine
        Mango`), in German after a definite one (`nach dem Sturm`), or after an English ordinal (a preset's `3rd
        Tri`), a feast (`Noël`, `Joyeux Noël`), a family word, sacred name or greeting (`Mamie`, `Dieu`), a common
        English word first that is no given name (`Body de Zara`: a loanword before a brand), or opening the text or
        a sentence without being a name the lexicon knows (`Notre bébé`, `Primera eco`, `Erstes Ultraschallbild`) or,
        a popular given name alone, one the language writes often before a lower-case word that is no verb (`Gioia
        immensa`, `Gloria a Dios`; not `Gioia è nata`), is that language's word."""
        if entity not in ("PERSON", "LOCATION"):
            return False
        words = [word for word in (w.strip(_OPENING_MARKS) for w in text[start:end].split()) if word]  # `¡Ha`
        if not words:
            return False
        particles = set(self.false_alarms.vocabulary.name_particles)
        if any(word[:1].islower() and word not in particles for word in words):
            return True  # `Marco de fotos`
        if words[-1] in particles and _LOWER_CASE_WORD_NEXT.match(text, end):
            return True  # `Port du masque`: a particle before a common noun (not `Klaus Dussen van` ending a line)
        if self.kind_of_facility.match(text, start):  # `Ospedale di Monza`: a facility, found as one
            return True
        if self.after_article.search(text, 0, start) or len(words) == 1 and words[0] in self.feasts:
            return True  # `so groß wie eine Mango`, `pour Noël`
        if language == "de" and self.false_alarms.vocabulary.after_german_article.search(text, 0, start):
            return True  # `nach dem Sturm`: German capitalises its nouns
        if _AFTER_AN_ORDINAL.search(text, 0, start):
            return True  # a preset's `0B 3rd Tri`
        if any(word in self.never_names or word.removesuffix("s") in self.never_names for word in words):
            return True  # `Papi et Mamie`, `Papás felices`
        lexicon = name_lexicon()
        if dictionary_count(words[0]) >= _ENGLISH_WORD_COUNT and not lexicon.is_popular_given_name(words[0]):
            return True  # `Body von Sterntaler`, `Body Carter's`
        if words[-1] in self.feasts and not any(lexicon.is_popular_given_name(word) for word in words[:-1]):
            return True  # `Joyeux Noël`, not `Jean Noël`
        if any(lexicon.is_local_word(word, language) for word in words if word not in particles):
            return True  # `Mein Mutterpass`, `Zwei Fruchtblasen`
        if language == "de" and not any(lexicon.knows(word) for word in words):
            return True  # German capitalises every noun (`Ultraschallbild Tasche`)
        if language == "de" and all(is_german_word(word) for word in words):
            return True  # `Kuchen Rezept`, `Rosa oder Blau`
        if language == "de" and len(words) == 1:
            return not (lexicon.is_popular_given_name(words[0]) or lexicon.is_common_surname(words[0]))  # `Mamas`
        if not opens_sentence(text, start):
            return len(words) == 1 and not lexicon.knows(words[0])
        if len(words) == 1:  # `Gioia immensa`, `Gloria a Dios`: a word the language writes often before its phrase
            common = dictionary_count(words[0], language) >= _OPENING_WORD_COUNT
            return not lexicon.is_popular_given_name(words[0]) or common and self._opens_a_phrase(text, end, language)
        return not lexicon.knows(words[0])
