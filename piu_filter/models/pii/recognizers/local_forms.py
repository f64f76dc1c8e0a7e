"""Private information as French, German, Spanish, Portuguese and Italian write it, found only in texts that
py3langid ranks in one of those languages (`languages.likely_language`), so that English results never change:

- dates with the language's month names from CLDR (babel): `3 mai 2024`, `12. März 2024`,
  `3 de mayo de 2024`, `maio de 2024`;
- phone numbers possible in the language's regions (python-phonenumbers) and written like one: `02 14 78 38 63`;
- names after the language's labels and honorifics (the vocabulary's `local_name_labels`: `Nom :`, `Frau`,
  `Dra.`, `Dott.ssa`), and given names the name lexicon knows after its sign-offs (`local_sign_offs`: `Pour Léa`);
- street addresses as each language writes them (`60, chemin Éric Noël`, `Nergerstraße 3-7`, `Calle Mayor 12`);
- full names whose given name and surname the name lexicon knows, accents folded (`Océane Caron`);
- facilities named after their kind (`local_facility_kinds`: `Clinique Bruneau`, `Maternité de Lyon`,
  `Praxis Dr. Schneider`, `Hospital La Paz`, `Ospedale di Monza`).
"""

from __future__ import annotations

from functools import cached_property

import phonenumbers
import regex
from presidio_analyzer import EntityRecognizer, RecognizerResult

from piu_filter.models.dictionary import dictionary_count
from piu_filter.models.pii.languages import (COUNTRIES, ENGLISH, LOCALES, RARE_IN_ENGLISH, calendar_words,
                                             likely_language, month_names, text_language)
from piu_filter.models.pii.recognizers.contact import is_phone_shaped
from piu_filter.models.pii.recognizers.labelled import LabelledNameRecognizer
from piu_filter.models.pii.recognizers.known_names import WORD_COUNT
from piu_filter.models.pii.recognizers.local_names import is_local_name
from piu_filter.models.pii.recognizers.name_lexicon import name_lexicon
from piu_filter.models.pii.recognizers.patterns import RuleRecognizer, finding, opens_sentence
from piu_filter.models.vocabulary import Vocabulary

_DAY = r"(?:0?[1-9]|[12]\d|3[01])(?:\.|er|º|°)?"
_YEAR = r"(?:19|20)\d{2}"
_OF = r"(?:[ \t]+(?:de|del)[ \t]+|[ \t]*[ \t,.][ \t]*)"  # `3 de mayo de 2024`, `12. März 2024`, `3 mai, 2024`
CAPITALISED = r"\p{Lu}[\p{L}'’\-]+"
_PHONE_WORD_REACH = 12  # characters, no digit, between a phone word and a bare number (`Tél. : `, `al `)
_PHONE_WORD_LOOKBACK = 30  # characters before a bare number searched for a phone word
_LONE_NAME_WORD_COUNT = 2_000  # a given name standing alone is a rarer word of the language (`Rosa` is pink)
_COUPLE_WORD_COUNT = 5_000  # a couple's given names are rarer words of the language (`Rosa e Azul`: pink and blue)


class InOtherLanguages:
    """Base of the recognizers of other languages: `analyze` finds nothing in English texts and passes the language
    of any other text to `analyze_in`. Their words are mostly of the other languages only (`Clínica`, `Dott.ssa`,
    `Rua`), so any language py3langid ranks above English will do (`languages.likely_language`); those whose words
    English also writes (`sure_only`: `mai`, `Mar`) wait until py3langid is sure (`languages.text_language`)."""

    sure_only = False

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        language = text_language(text) if self.sure_only else likely_language(text)
        return [] if language == ENGLISH else self.analyze_in(text, language, entities, nlp_artifacts)

    def analyze_in(self, text: str, language: str, entities: list[str], nlp_artifacts) -> list[RecognizerResult]:
        raise NotImplementedError


class LocalDateRecognizer(InOtherLanguages, RuleRecognizer):
    """A day and a month name, with or without the year, or a month name and a year, in the text's language; a month
    name English also writes (`mai`, `Mar`) only in texts py3langid is sure of, or between a day and a year
    (`23 jul 2024`)."""

    entity = "DATE_TIME"
    score = 0.6

    def analyze_in(self, text: str, language: str, entities: list[str], nlp_artifacts) -> list[RecognizerResult]:
        sure = text_language(text) != ENGLISH
        return [finding(self.name, self.entity, *m.span(), self.score) for m in self.patterns[language].finditer(text)
                if sure or dictionary_count(m.group("month")) == 0 or m.group("day") and m.group("year")]

    @cached_property
    def patterns(self) -> dict[str, regex.Pattern]:
        patterns = {}
        for language in LOCALES:
            month = "(?P<month>" + "|".join(regex.escape(name) for name in month_names(language)) + r")(?![\p{L}])"
            patterns[language] = regex.compile(
                rf"\b(?:(?P<day>{_DAY}){_OF}{month}(?:{_OF}(?P<year>{_YEAR})\b)?|{month}{_OF}{_YEAR}\b)",
                regex.IGNORECASE)
        return patterns


class LocalPhoneRecognizer(InOtherLanguages, EntityRecognizer):
    """Numbers possible in a region of the text's language and written like a phone number (`contact.is_phone_shaped`),
    or written as bare digits (8 to 13) shortly after one of the language's phone words (the vocabulary's
    `local_phone_words`: `Tél.`, `Handy`, `Llámanos al`, `Cellulare`)."""

    score = 0.7

    def __init__(self, vocabulary: Vocabulary) -> None:
        super().__init__(supported_entities=["PHONE_NUMBER"], name="LocalPhoneRecognizer")
        self.phone_word = regex.compile(
            rf"(?i:{vocabulary.alternation('local_phone_words')})\W[^\d]{{0,{_PHONE_WORD_REACH}}}$")

    def load(self) -> None:
        """Nothing to load."""

    def analyze_in(self, text: str, language: str, entities: list[str], nlp_artifacts) -> list[RecognizerResult]:
        results = [finding(self.name, "PHONE_NUMBER", match.start, match.end, self.score)
                   for region in COUNTRIES[language]
                   for match in phonenumbers.PhoneNumberMatcher(text, region, leniency=phonenumbers.Leniency.POSSIBLE)
                   if is_phone_shaped(match.raw_string) or self._after_phone_word(text, match.start, match.raw_string)]
        return EntityRecognizer.remove_duplicates(results)

    def _after_phone_word(self, text: str, start: int, number: str) -> bool:
        return (number.isdigit() and 8 <= len(number) <= 13
                and bool(self.phone_word.search(text, max(0, start - _PHONE_WORD_LOOKBACK), start)))


class LocalLabelledNameRecognizer(InOtherLanguages, LabelledNameRecognizer):
    """Names after the labels and honorifics of the other languages, in texts of those languages, a particle
    first or not (`Dr. da Mata`), up to a facility (`Dra. Barco, Clínica Lleida`, `doctora Olmedilla del Centro
    Médico Barceló`) or a street after a comma."""

    labels_key = "local_name_labels"

    def __init__(self, vocabulary: Vocabulary) -> None:
        super().__init__(vocabulary)
        kinds = vocabulary.alternation("local_facility_kinds")
        self.place_after = regex.compile(rf"(?:,[ \t]*(?:{kinds}|(?i:{vocabulary.alternation('local_street_words')}))"
                                         rf"|[ \t]+(?:{particles(vocabulary)}[ \t]+)?{kinds})(?![\p{{L}}])")

    def leading_particle(self, vocabulary: Vocabulary) -> str:
        return rf"(?:{vocabulary.alternation('name_particles')}[ \t]+)?"

    def analyze_in(self, text: str, language: str, entities: list[str], nlp_artifacts) -> list[RecognizerResult]:
        results = []
        for result in LabelledNameRecognizer.analyze(self, text, entities, nlp_artifacts):
            place = self.place_after.search(text, result.start, result.end)
            if place:
                result.end = place.start()
            results.append(result)
        return results


class LocalSignOffRecognizer(LocalLabelledNameRecognizer):
    """A given name after a sign-off, a dedication, an introduction or a family word (`Pour Océane`, `für Anna`,
    `Parabéns Maria`, `Je m'appelle Léa`, `mamá Ana`), when the name lexicon knows the name (accents folded) or
    it is a given name of the language's countries (`local_names`: `Ecografia di Dionigi`, `für Siegward`): German
    writes every noun capitalised (`für Ultraschallbilder`); not a feast named like a person (`local_feasts`: `pour Noël`) nor a family word (`Ich bin Mama`)."""

    labels_key = "local_sign_offs"

    def label_alternation(self, vocabulary: Vocabulary) -> str:
        return f"(?:{vocabulary.alternation(self.labels_key)}|{vocabulary.alternation('local_family_words')})"

    def analyze_in(self, text: str, language: str, entities: list[str], nlp_artifacts) -> list[RecognizerResult]:
        lexicon, not_names = name_lexicon(), {*self.vocabulary.local_feasts, *self.vocabulary.local_family_words}
        return [result for result in super().analyze_in(text, language, entities, nlp_artifacts)
                if (lexicon.knows_given_name(first := text[result.start:result.end].split()[0])
                    or is_local_name(first, "given", language))
                and first not in not_names]


class LocalStreetRecognizer(InOtherLanguages, RuleRecognizer):
    """Street addresses of the other languages: a house number, then a street word and a name (`60, chemin Éric
    Noël`, `12 rue des Lilas`); a street word, a name and a house number (`Calle Mayor 12`, `Piazza Padovano, 763`,
    with `Piso 3` or `Appartamento 56` after it); a street word and a name opening a part of the text after a comma
    or a dash, the word in lower case or rare in English (`, boulevard Franck Roussel`, `- Largo de Nogueira`); a name ending in a street word, then a house number
    (`Nergerstraße 3-7`, `Lutz-Schuster-Weg 44`). Street words: the vocabulary's `local_street_words` and
    `local_street_endings`."""

    entity = "LOCATION"
    score = 0.6

    def __init__(self, vocabulary: Vocabulary) -> None:
        super().__init__(vocabulary)
        word, ending = vocabulary.alternation("local_street_words"), vocabulary.alternation("local_street_endings")
        between = particles(vocabulary)
        name = rf"(?:{between}[ \t]+)*{CAPITALISED}(?:[ \t\-]+(?:{between}[ \t]+)*{CAPITALISED}){{0,3}}"
        number = r"\d{1,4}(?:[a-z]|bis|ter|[-/]\d{1,4})?"
        unit = rf"(?:[ \t]+{vocabulary.alternation('local_address_units')}[ \t]+\d{{1,4}})*"
        self.pattern = regex.compile(
            rf"\b(?:{number},?[ \t]+(?i:{word})[ \t]+{name}"
            rf"|(?i:{word})[ \t]+{name},?[ \t]+{number}{unit}"
            rf"|(?<=(?:^|[,;\-–])[ \t]*)(?P<leading>(?i:{word}))[ \t]+{name}"
            rf"|{CAPITALISED}(?:-{CAPITALISED})*(?i:{ending})[ \t]+{number})(?![\p{{L}}\d])")

    def analyze_in(self, text: str, language: str, entities: list[str], nlp_artifacts) -> list[RecognizerResult]:
        return [finding(self.name, self.entity, *m.span(), self.score) for m in self.streets(text)]

    def streets(self, text: str) -> list[regex.Match]:
        """The street addresses of `text`."""
        return [m for m in self.pattern.finditer(text) if not m.group("leading") or _leads_a_street(m.group("leading"))]


def _leads_a_street(word: str) -> bool:
    """A street word opening a part of a text without a house number: written in lower case (`boulevard`), or
    capitalised and rare in English (`Rua`, `Largo`, `Condomínio`; not `Place`, `Via`, `Plaza`)."""
    return word[0].islower() or dictionary_count(word) < RARE_IN_ENGLISH


class LocalFacilityRecognizer(InOtherLanguages, RuleRecognizer):
    """A facility's kind first, then its name (`Clinique Bruneau`, `Centre Hospitalier de Lyon`,
    `Centro de Diagnóstico Barros de Goiás`, `Pränatalpraxis Erfurt`), in texts of the other languages."""

    entity = "MEDICAL_FACILITY"
    score = 0.7

    def __init__(self, vocabulary: Vocabulary) -> None:
        super().__init__(vocabulary)
        kinds = vocabulary.alternation("local_facility_kinds")
        self.pattern = regex.compile(
            rf"\b{kinds}(?:[ \t]+{particles(vocabulary)})*[ \t]+{CAPITALISED}"
            rf"(?:[ \t\-]+(?:{particles(vocabulary)}[ \t]+)?{CAPITALISED}){{0,2}}")

    def analyze_in(self, text: str, language: str, entities: list[str], nlp_artifacts) -> list[RecognizerResult]:
        return [finding(self.name, self.entity, *m.span(), self.score) for m in self.pattern.finditer(text)]


class LocalFullNameRecognizer(InOtherLanguages, RuleRecognizer):
    """A given name and a surname the name lexicon or the names of the language's countries know, accents folded,
    with particles between (`Océane Caron`, `Thales da Cruz`, `Inès Le Gall`); not two words the language's dictionary both knows (`Hallo Welt`), nor a word
    of the vocabulary's common or technical words, nor a common English or local word, a sign-off or a saint first
    (`North Donald`, `Mon Bidou`, `Bruder Jannik`, `Saint Valentin`)."""

    entity = "PERSON"
    score = 0.7

    def __init__(self, vocabulary: Vocabulary) -> None:
        super().__init__(vocabulary)
        word = r"\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?"
        self.lead = regex.compile(rf"(?i:{vocabulary.alternation('local_sign_offs')})")  # `Bruder Jannik`
        self.saint = regex.compile(vocabulary.alternation("local_saints"))  # `Saint Valentin`, `Sainte Raymond`
        self.pattern = regex.compile(rf"(?<![\p{{L}}\-])(?P<given>{word})(?:[ \t]+{word})?"
                                     rf"(?:[ \t]+{particles(vocabulary)})?[ \t]+(?P<surname>{word})(?![\p{{L}}\-])")

    def analyze_in(self, text: str, language: str, entities: list[str], nlp_artifacts) -> list[RecognizerResult]:
        lexicon, results = name_lexicon(), []
        for match in self.pattern.finditer(text, overlapped=True):
            given, surname = match.group("given"), match.group("surname")
            words = match.group().split()
            if ((lexicon.knows_given_name(given) or is_local_name(given, "given", language))
                    and self._surname(given, surname, language)
                    and not self.lead.fullmatch(given) and not self.saint.fullmatch(given)
                    and dictionary_count(given) < WORD_COUNT
                    and not lexicon.is_local_word(given, language)
                    and not any(self.vocabulary.is_common_word(w) or self.vocabulary.is_technical(w) for w in words)
                    and not all(dictionary_count(w, language) > 0 for w in (given, surname))):
                results.append(finding(self.name, self.entity, *match.span(), self.score))
        return results

    @staticmethod
    def _surname(given: str, surname: str, language: str) -> bool:
        """A name the lexicon knows or a surname of the language's countries, or, after a popular given name, a word
        no dictionary of English or the language knows (`Jan-Peter Pergande`)."""
        lexicon = name_lexicon()
        return lexicon.knows(surname) or is_local_name(surname, "surname", language) or (all(lexicon.is_popular_given_name(part) for part in given.split("-"))
                                          and not dictionary_count(surname) and not dictionary_count(surname, language))


class LocalCoupleRecognizer(InOtherLanguages, RuleRecognizer):
    """Two given names joined as a couple (`Anna und Tim`, `Ana y Luis`, `Giulia e Marco`; the vocabulary's
    `local_conjunctions`), each one the name lexicon or the language's countries know and no common word of the
    language or the vocabulary."""

    entity = "PERSON"
    score = 0.6

    def __init__(self, vocabulary: Vocabulary) -> None:
        super().__init__(vocabulary)
        word = r"\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?"
        self.pattern = regex.compile(rf"(?<![\p{{L}}\-])(?P<first>{word})[ \t]+{vocabulary.alternation('local_conjunctions')}"
                                     rf"[ \t]+(?P<second>{word})(?![\p{{L}}\-])")

    def analyze_in(self, text: str, language: str, entities: list[str], nlp_artifacts) -> list[RecognizerResult]:
        results = []
        for match in self.pattern.finditer(text, overlapped=True):
            if all(self._given_name(match.group(part), language) for part in ("first", "second")):
                results += [finding(self.name, self.entity, *match.span(part), self.score) for part in ("first", "second")]
        return results

    def _given_name(self, word: str, language: str) -> bool:
        lexicon = name_lexicon()
        return ((lexicon.knows_given_name(word) or is_local_name(word, "given", language))
                and dictionary_count(word, language) < _COUPLE_WORD_COUNT and not self.vocabulary.is_common_word(word)
                and word not in self.vocabulary.local_family_words)


class LocalGivenNameRecognizer(InOtherLanguages, RuleRecognizer):
    """A popular given name standing alone (`Lukas`, `Aurora`), when the language does not write it as a word
    (`_LONE_NAME_WORD_COUNT`: not `Rosa`, `Mar`, `Felice`) and it is no common word of the vocabulary, no family
    word, no feast and no month or weekday (`Mai`), not after an indefinite article or a saint (`eine Mango`,
    `Saint Valentin`); opening a sentence, only before a lower-case word that is no particle (`Lukas kommt im Mai`;
    not `Marco de fotos`)."""

    entity = "PERSON"
    score = 0.6

    def __init__(self, vocabulary: Vocabulary) -> None:
        super().__init__(vocabulary)
        self.pattern = regex.compile(r"(?<![\p{L}\-])\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?(?![\p{L}\-])")
        self.before_verb = regex.compile(rf"[ \t]+(?!{vocabulary.alternation('name_particles')}\b)\p{{Ll}}")
        self.not_names = {*vocabulary.local_family_words, *vocabulary.local_feasts}
        self.after_article_or_saint = regex.compile(
            rf"(?:(?i:\b{vocabulary.alternation('local_indefinite_articles')})[ \t]+|{vocabulary.alternation('local_saints')}[ \t\-]+)$")

    def analyze_in(self, text: str, language: str, entities: list[str], nlp_artifacts) -> list[RecognizerResult]:
        lexicon = name_lexicon()
        return [finding(self.name, self.entity, *m.span(), self.score) for m in self.pattern.finditer(text)
                if not self.after_article_or_saint.search(text, 0, m.start())
                and all(lexicon.is_popular_given_name(part) for part in m.group().split("-"))
                and dictionary_count(m.group(), language) < _LONE_NAME_WORD_COUNT
                and not self.vocabulary.is_common_word(m.group()) and m.group() not in self.not_names
                and m.group().lower() not in calendar_words(language)
                and (not opens_sentence(text, m.start()) or self.before_verb.match(text, m.end()))]


def local_recognizers(vocabulary: Vocabulary) -> list[EntityRecognizer]:
    return [LocalDateRecognizer(vocabulary), LocalPhoneRecognizer(vocabulary), LocalLabelledNameRecognizer(vocabulary),
            LocalSignOffRecognizer(vocabulary), LocalFacilityRecognizer(vocabulary), LocalStreetRecognizer(vocabulary),
            LocalFullNameRecognizer(vocabulary), LocalCoupleRecognizer(vocabulary), LocalGivenNameRecognizer(vocabulary)]


def particles(vocabulary: Vocabulary) -> str:
    """Name particles (`de`, `della`) and the words before a saint's or a doctor's name (`São`, `Dr.`)."""
    return f"(?:{vocabulary.alternation('name_particles')}|{vocabulary.alternation('local_name_prefixes')})"
