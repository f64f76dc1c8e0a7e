"""Given names and surnames in French, German, Spanish, Portuguese and Italian texts known by where they stand:

- a newborn's given names before a word of birth (`Zoé, née le`, `Ottomar kommt im Juli`);
- a card's given name alone on a line beside a date, a post's subject before an emoji (`Gala 👶 FPP 25/03/2022`) or
  a bullet and a figure (`Isabelle · 3,250 kg`);
- a given name inside a hashtag, after a word in lower case or capitalised (`#bébéAntoine`, `#TeamLéa`);
- a sender's name on the line after a letter's closing (`Cordiali saluti,` then `Bianca Malpighi`);
- a forum member quoted and a chat line's sender (`> Léa a écrit :`, `[21/09/2023 21:14] Léa Martin:`);
- a surname before a given name opening a header's line (`Wähner, Emilia – 2. Screening`, `Le Goff Hortense –`);
- a contact's given name beside a phone number (`Contact : Élise (+33 2 54 44 88 30)`, `Suzanne : 03 55 20 76 39`,
  `mobil 02841 821164 – Helge`).

Each given name is one the name lexicon or the language's countries know, no family word, feast, month or common word
of the vocabulary, and in German no noun.
"""

from __future__ import annotations

import phonenumbers
import regex
from presidio_analyzer import EntityRecognizer, RecognizerResult

from piu_filter.models.dictionary import dictionary_count
from piu_filter.models.pii.languages import COUNTRIES, calendar_words
from piu_filter.models.pii.recognizers.false_alarms import is_german_word
from piu_filter.models.pii.recognizers.local_forms import (CAPITALISED, NUMERIC_DATE, InOtherLanguages,
                                                           LocalDateRecognizer, LocalPhoneRecognizer, particles)
from piu_filter.models.pii.recognizers.local_names import knows_given_name, knows_surname
from piu_filter.models.pii.recognizers.name_lexicon import name_lexicon
from piu_filter.models.pii.recognizers.patterns import RuleRecognizer, finding
from piu_filter.models.vocabulary import Vocabulary

NAME_WORD = r"\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?"  # `Léa`, `Karl-Heinz`
_HASHTAG_WORD_COUNT = 2_000  # a given name inside a hashtag is a rarer word of the language (`#TeamRosa`: pink)


class PlacedNameRecognizer(InOtherLanguages, RuleRecognizer):
    """Base of the recognizers of names known by where they stand: what counts as a given name there."""

    entity = "PERSON"
    score = 0.6

    def __init__(self, vocabulary: Vocabulary) -> None:
        super().__init__(vocabulary)
        self.not_names = vocabulary.local_not_names

    def _given_name(self, word: str, language: str) -> bool:
        """A given name the name lexicon or the language's countries know, even a word of the language (`Marine`);
        none of `local_not_names` (family words, feasts, `Dios`), no month, common word of the vocabulary, nor a
        German noun."""
        return (knows_given_name(word, language)
                and word not in self.not_names and word.lower() not in calendar_words(language)
                and not self.vocabulary.is_common_word(word) and not (language == "de" and is_german_word(word)))


class LocalNewbornRecognizer(PlacedNameRecognizer):
    """One or two given names just before a word of birth or arrival (the vocabulary's `local_birth_words`: `Zoé, née
    le`, `Ottomar kommt im Juli`, `Ana Belén llega`), when the name lexicon or the language's countries know each as a
    given name, even a word of the language (`Marine arrive`); no family word, feast, month or common word
    (`Mama kommt`, `Noël arrive`), and in German no noun (`Post kommt`)."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        super().__init__(vocabulary)
        births = vocabulary.alternation("local_birth_words")
        self.pattern = regex.compile(rf"(?<![\p{{L}}\-])(?P<name>{NAME_WORD}(?:[ \t]+{NAME_WORD})?),?[ \t]+"
                                     rf"{births}(?![\p{{L}}])")
        self.birth_word = regex.compile(rf"(?i:{births})(?![\p{{L}}])")  # `Ha nacido`: no name before `nacido`

    def analyze_in(self, text: str, language: str, entities: list[str], nlp_artifacts) -> list[RecognizerResult]:
        results = []
        for match in self.pattern.finditer(text):
            if self.birth_word.match(text, match.start("name")):
                continue
            start, end = match.span("name")
            words = match.group("name").split()
            if len(words) == 2 and not self._given_name(words[0], language):
                start = end - len(words[1])
                words = words[1:]
            if all(self._given_name(word, language) for word in words):
                results.append(finding(self.name, self.entity, start, end, self.score))
        return results


class LocalCardNameRecognizer(PlacedNameRecognizer):
    """A card's or a post's subject: one or two given names alone on a line beside a line with a date (`Christine`
    above `12 avril 2023`), or a given name opening a line right before an emoji or before a bullet or a bar and a
    figure (`Gala 👶 FPP 25/03/2022`, a birth card's `Isabelle · 3,250 kg · 50 cm`); there no common word of the
    language either (`Amor 💕`)."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        super().__init__(vocabulary)
        self.alone = regex.compile(rf"(?m:^)[ \t]*\K(?P<name>{NAME_WORD}(?:[ \t]+{NAME_WORD})?)[ \t]*(?m:$)")
        self.before_a_mark = regex.compile(rf"(?m:^)[ \t]*\K(?P<name>{NAME_WORD})[ \t]*"
                                          rf"(?=\p{{Extended_Pictographic}}|[·•|][ \t]*\d)")
        self.dates = LocalDateRecognizer(vocabulary)

    def analyze_in(self, text: str, language: str, entities: list[str], nlp_artifacts) -> list[RecognizerResult]:
        results = [finding(self.name, self.entity, *m.span("name"), self.score) for m in self.alone.finditer(text)
                   if self._beside_a_date(text, m.start(), m.end(), language)
                   and all(self._given_name(word, language) for word in m.group("name").split())]
        results += [finding(self.name, self.entity, *m.span("name"), self.score)
                    for m in self.before_a_mark.finditer(text)
                    if self._given_name(m.group("name"), language)
                    and not name_lexicon().is_local_word(m.group("name"), language)]
        return results

    def _beside_a_date(self, text: str, start: int, end: int, language: str) -> bool:
        """Whether the line above `start` or below `end` holds a date."""
        before, after = text[:start].rstrip(" \t"), text[end:]
        above = before[:-1].rsplit("\n", 1)[-1] if before.endswith("\n") else ""
        below = after[1:].split("\n", 1)[0] if after.startswith("\n") else ""
        return any(self.dates.patterns[language].search(line) or NUMERIC_DATE.search(line) for line in (above, below))


class LocalSurnameFirstRecognizer(PlacedNameRecognizer):
    """A surname, then a comma and one or two given names, opening a line and ending it or a part of it (a header's
    `Wähner, Emilia – 2. Screening`, `Novaes da Mata, Maria Julia`); without the comma, a surname the name lexicon or
    the language's countries know and no common word of the language (`Le Goff Hortense –`). No word of the surname is
    a common or technical word, a title or a facility's kind."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        super().__init__(vocabulary)
        between = particles(vocabulary)
        surname = rf"(?:{between}[ \t]+)?{CAPITALISED}(?:[ \t]+(?:{between}[ \t]+)?{CAPITALISED}){{0,2}}"
        ends = r"(?=[ \t]*(?:[–\-|,;:(]|(?m:$)))"
        self.pattern = regex.compile(rf"(?m:^)[ \t]*\K(?P<surname>{surname})(?P<comma>,)?[ \t]+"
                                     rf"(?P<given>{NAME_WORD}(?:[ \t]+{NAME_WORD})?){ends}")
        self.particles = {particle.lower() for particle in vocabulary.name_particles}
        self.not_surname = regex.compile(rf"(?i:{vocabulary.alternation('local_name_labels')}|"
                                         rf"{vocabulary.alternation('local_facility_kinds')})")

    def analyze_in(self, text: str, language: str, entities: list[str], nlp_artifacts) -> list[RecognizerResult]:
        results = []
        for match in self.pattern.finditer(text):
            surname, given = match.group("surname"), match.group("given").split()
            if (not all(self._given_name(word, language) for word in given)
                    or not self._surname(surname, language, bool(match.group("comma")))):
                continue
            if match.group("comma") or knows_surname(surname.split()[-1], language):
                results.append(finding(self.name, self.entity, match.start("surname"), match.end("given"), self.score))
        return results

    def _surname(self, surname: str, language: str, comma: bool) -> bool:
        """No word a common or technical word, an exam's name, a title, a facility's kind or never a name there
        (`local_not_names`: `Bébé Arc-en-ciel`); without a comma, no common word of the language either (`Le Goff`:
        particles aside)."""
        words = [word for word in surname.split() if word.lower() not in self.particles]
        return not any(self.vocabulary.is_common_word(word) or self.vocabulary.is_technical(word)
                       or word in self.vocabulary.local_not_names
                       or self.vocabulary.is_exam_word(word) or self.not_surname.fullmatch(word.rstrip("."))
                       or not comma and name_lexicon().is_local_word(word, language) for word in words)


class LocalContactNameRecognizer(PlacedNameRecognizer):
    """A given name just before a phone number, in brackets, after a colon or a preposition (`Contact : Élise (+33 2 54
    44 88 30)`, `Suzanne : 03 55 20 76 39`, `Appelle Aimé au 0320797495`), or after one and a dash ending the line
    (`port. 02 29 70 79 32 – Diane`), the number one `LocalPhoneRecognizer` finds or valid in
    the language's countries (`+33 (0)2 54 44 88 30`)."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        super().__init__(vocabulary)
        self.phones = LocalPhoneRecognizer(vocabulary)
        self.before = regex.compile(rf"(?<![\p{{L}}\-])(?P<name>{NAME_WORD})(?:[ \t]*[(:]|[ \t]+(?:au|al|no|unter|auf))[ \t]*$")
        self.after = regex.compile(rf"[ \t]*[–\-|,][ \t]*(?P<name>{NAME_WORD})[ \t]*(?m:$)")

    def analyze_in(self, text: str, language: str, entities: list[str], nlp_artifacts) -> list[RecognizerResult]:
        phones = [(r.start, r.end) for r in self.phones.analyze_in(text, language, entities, nlp_artifacts)]
        phones += [(m.start, m.end) for region in COUNTRIES[language]
                   for m in phonenumbers.PhoneNumberMatcher(text, region, leniency=phonenumbers.Leniency.VALID)]
        results = []
        for start, end in phones:
            matches = (self.before.search(text, 0, start + (text[start] == "(")),
                       self.after.match(text, end + (text[end:end + 1] == ")")))
            results += [finding(self.name, self.entity, *m.span("name"), self.score) for m in matches
                        if m and self._given_name(m.group("name"), language)]
        return EntityRecognizer.remove_duplicates(results)


class LocalHashtagNameRecognizer(PlacedNameRecognizer):
    """A given name inside a hashtag, its capital after a lower-case letter (`#bébéAntoine`, `#TeamLéa`,
    `#babyHeinz-Walter`); no word the language writes often (`#TeamRosa`: pink) nor a word of the vocabulary."""

    _part = regex.compile(rf"(?<=#[\p{{L}}\d_]*\p{{Ll}}){NAME_WORD}(?![\p{{Ll}}])")

    def analyze_in(self, text: str, language: str, entities: list[str], nlp_artifacts) -> list[RecognizerResult]:
        return [finding(self.name, self.entity, *m.span(), self.score) for m in self._part.finditer(text)
                if all(self._given_name(part, language) for part in m.group().split("-"))
                and dictionary_count(m.group(), language) < _HASHTAG_WORD_COUNT]


class LocalSenderRecognizer(PlacedNameRecognizer):
    """The sender's name alone on the line after a letter's closing (the vocabulary's `local_closings`: `Cordiali
    saluti,` then `Bianca Malpighi`), or after the closing and a comma ending the line (`tutto bene. Baci, Gelsomina`):
    up to four capitalised words, particles between, a given name first (not `Da Roma`: greetings from Rome)."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        super().__init__(vocabulary)
        name = rf"{NAME_WORD}(?:[ \t]+(?:{particles(vocabulary)}[ \t]+)?{NAME_WORD}){{0,3}}"
        self.pattern = regex.compile(rf"(?:(?m:^)|[.!][ \t]+)[ \t]*(?i:{vocabulary.alternation('local_closings')})"
                                     rf"(?:[ \t]*[,.!]?[ \t]*\n[ \t]*|[ \t]*,[ \t]*)(?P<name>{name})[ \t]*[.!]?(?m:$)")

    def analyze_in(self, text: str, language: str, entities: list[str], nlp_artifacts) -> list[RecognizerResult]:
        return [finding(self.name, self.entity, *m.span("name"), self.score) for m in self.pattern.finditer(text)
                if self._sender(m.group("name").split()[0].split("-")[0], language)]

    def _sender(self, first: str, language: str) -> bool:
        """A given name, no particle (`Saluti` / `Da Roma`)."""
        return first.lower() not in self.vocabulary.name_particles and self._given_name(first, language)


class LocalPosterRecognizer(PlacedNameRecognizer):
    """A forum member quoted, before the language's word for wrote and a colon (the vocabulary's `local_wrote_words`:
    `> Léa a écrit :`, `María escribió:`), and a chat line's sender, after its bracketed or dashed date and time and
    before a colon (`[21/09/2023 21:14] Léa Martin:`, `21/09/2023, 21:14 - Léa Martin:`): one to three capitalised
    words, a given name first (not `Ich:` nor `Yo:`)."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        super().__init__(vocabulary)
        name = rf"(?P<name>{NAME_WORD}(?:[ \t]+{NAME_WORD}){{0,2}})"
        wrote = vocabulary.alternation("local_wrote_words")
        self.quoted = regex.compile(rf"(?m:^)[ \t]*>?[ \t]*{name}[ \t]+{wrote}[ \t]*:")
        self.chat_line = regex.compile(rf"(?m:^)[ \t]*(?:\[[^\]\n]*\d[^\]\n]*\][ \t]*|"
                                       rf"\d{{1,2}}[./]\d{{1,2}}[./]\d{{2,4}},?[ \t]+\d{{1,2}}:\d{{2}}[ \t]+-[ \t]+)"
                                       rf"{name}[ \t]*:")

    def analyze_in(self, text: str, language: str, entities: list[str], nlp_artifacts) -> list[RecognizerResult]:
        return [finding(self.name, self.entity, *m.span("name"), self.score)
                for pattern in (self.quoted, self.chat_line) for m in pattern.finditer(text)
                if self._poster(m.group("name").split()[0].split("-")[0], language)]

    def _poster(self, first: str, language: str) -> bool:
        """A given name, no word the language writes too often for one (`Moi :`, `Yo:`, `Io:`)."""
        return self._given_name(first, language) and not name_lexicon().is_local_word(first, language)


def placed_name_recognizers(vocabulary: Vocabulary) -> list[EntityRecognizer]:
    """The recognizers of names known by where they stand."""
    return [LocalNewbornRecognizer(vocabulary), LocalCardNameRecognizer(vocabulary), LocalSurnameFirstRecognizer(vocabulary),
            LocalContactNameRecognizer(vocabulary), LocalHashtagNameRecognizer(vocabulary),
            LocalSenderRecognizer(vocabulary), LocalPosterRecognizer(vocabulary)]
