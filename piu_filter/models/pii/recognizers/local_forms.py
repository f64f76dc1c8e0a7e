"""Private information as French, German, Spanish, Portuguese and Italian write it, found only in texts that
py3langid ranks in one of those languages (`languages.likely_language`), so that English results never change:

- dates with the language's month names from CLDR (babel): `3 mai 2024`, `12. März 2024`,
  `3 de mayo de 2024`, `maio de 2024`;
- phone numbers possible in the language's regions (python-phonenumbers) and written like one: `02 14 78 38 63`;
- street addresses as each language writes them (`60, chemin Éric Noël`, `Nergerstraße 3-7`, `Calle Mayor 12`);
- facilities named after their kind (`local_facility_kinds`: `Clinique Bruneau`, `Maternité de Lyon`,
  `Praxis Dr. Schneider`, `Hospital La Paz`, `Ospedale di Monza`), with their partners (`& Associés`) or named after
  their square (`Frauenarztpraxis am Reuterplatz`).

People's names in those texts: `local_people`; their towns: `local_towns`.
"""

from __future__ import annotations

from functools import cached_property, lru_cache

import phonenumbers
import regex
from presidio_analyzer import EntityRecognizer, RecognizerResult

from piu_filter.models.dictionary import dictionary_count, in_any_dictionary
from piu_filter.models.pii.languages import (COUNTRIES, ENGLISH, LOCALES, RARE_IN_ENGLISH, likely_language,
                                             month_names, text_language, weekday_names)
from piu_filter.models.pii.recognizers.contact import is_phone_shaped, starts_with_date
from piu_filter.models.pii.recognizers.name_lexicon import name_lexicon
from piu_filter.models.pii.recognizers.patterns import RuleRecognizer, finding
from piu_filter.models.vocabulary import Vocabulary

_DAY = r"(?:0?[1-9]|[12]\d|3[01])(?:\.|er|º|°)?"
_YEAR = r"(?:19|20)\d{2}"
_MISREAD_MONTH = 5  # letters of the shortest month name matched one letter off
_TWICE_MISREAD_KIND = 10  # letters of the shortest facility kind matched two letters off (`Matemidade`)
_OF = r"(?:[ \t]+(?:de|del)[ \t]+|[ \t]*[ \t,.][ \t]*)"  # `3 de mayo de 2024`, `12. März 2024`, `3 mai, 2024`
CAPITALISED = r"\p{Lu}[\p{L}'’\-]+"
_PHONE_WORD_REACH = 12  # characters, no digit, between a phone word and a bare number (`Tél. : `, `al `)
_PHONE_WORD_LOOKBACK = 30  # characters before a bare number searched for a phone word
_AREA_CODE_SLASH = regex.compile(r"^(0\d{1,5})/(\d+)$")  # German, Austrian, Swiss: `05669/95388065`
_WITH_CALLING_CODE = regex.compile(  # `+54 9 3690 0821`, `(351) 231757238`, `+41 (0)23 005 93 53`
    r"(?<![\w+(])(?:\+(?P<code>\d{1,3})|(?P<bracket>\()\+?(?P<code>\d{1,3})\))[ \t.\-]*"
    r"(?P<rest>(?:\(0\)[ \t]*)?\d(?:[ \t.\-]?\d){5,13})(?![\w])")
_SHORTEST_NATIONAL, _LONGEST_NATIONAL = 7, 13  # digits after a calling code
_CALLING_CODES = frozenset(phonenumbers.COUNTRY_CODE_TO_REGION_CODE)
NUMERIC_DATE = regex.compile(r"(?<![\d./])\d{1,2}([./-])\d{1,2}\1(?:19|20)?\d{2}(?![\d./])")  # `18.05.2022`
_WORD_BEFORE = regex.compile(r"(?<![\p{L}\-])(\p{Lu}\p{Ll}{2,})[ \t]+$")


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
    """A day and a month name, with or without the year and the weekday before (`vendredi 7 octobre`), or a month
    name and a year, in the text's language; a month
    name English also writes (`mai`, `Mar`) only in texts py3langid is sure of, or between a day and a year
    (`23 jul 2024`); between a day and a year, a month name of five letters or more read one letter off
    (`27 de margo de 2025`: OCR's `março`); a day and a month in digits without the year after one of the language's
    words before a date (the vocabulary's `local_date_words`: `Écho du 12/03`, `am 3.5.`, `dia 12/03`), the month
    in two digits or, in German, ended by a dot (not a blood pressure's `12/8` nor a fraction's `3/4`)."""

    entity = "DATE_TIME"
    score = 0.6

    def __init__(self, vocabulary: Vocabulary) -> None:
        super().__init__(vocabulary)
        self.day_and_month = regex.compile(
            rf"(?<![\p{{L}}])(?i:{vocabulary.alternation('local_date_words')})[ \t]+\K"
            rf"(?:0?[1-9]|[12]\d|3[01])(?:[./](?:0[1-9]|1[0-2])|\.[1-9]\.)(?![\d/]|\.\d)")  # not `12/8`, `3/4`

    def analyze_in(self, text: str, language: str, entities: list[str], nlp_artifacts) -> list[RecognizerResult]:
        sure = text_language(text) != ENGLISH
        dates = [m for m in self.patterns[language].finditer(text)
                 if sure or dictionary_count(m.group("month")) == 0 or m.group("day") and m.group("year")]
        dates += list(self.misread[language].finditer(text)) + list(self.day_and_month.finditer(text))
        return [finding(self.name, self.entity, *m.span(), self.score) for m in dates]

    @cached_property
    def patterns(self) -> dict[str, regex.Pattern]:
        patterns = {}
        for language in LOCALES:
            month = "(?P<month>" + "|".join(regex.escape(name) for name in month_names(language)) + r")(?![\p{L}])"
            weekday = "(?:" + "|".join(regex.escape(name) for name in weekday_names(language)) + r")[ \t,]+"
            patterns[language] = regex.compile(
                rf"\b(?:(?:{weekday})?(?P<day>{_DAY}){_OF}{month}(?:{_OF}(?P<year>{_YEAR})\b)?|{month}{_OF}{_YEAR}\b)",
                regex.IGNORECASE)
        return patterns

    @cached_property
    def misread(self) -> dict[str, regex.Pattern]:
        """Per language: a day, a long month name one letter off, a year."""
        patterns = {}
        for language in LOCALES:
            long_names = "|".join(regex.escape(name) for name in month_names(language) if len(name) >= _MISREAD_MONTH)
            patterns[language] = regex.compile(rf"\b{_DAY}{_OF}(?:{long_names}){{e<=1}}(?![\p{{L}}]){_OF}{_YEAR}\b",
                                               regex.IGNORECASE | regex.BESTMATCH)
        return patterns


class LocalPhoneRecognizer(InOtherLanguages, EntityRecognizer):
    """Numbers possible in a region of the text's language and written like a phone number (`contact.is_phone_shaped`),
    or written as bare digits (7 to 13, a slash after the area code or not: `05669/95388065`) shortly after one of the
    language's phone words (the vocabulary's `local_phone_words`: `Tél.`, `Handy`, `Llámanos al`, `Cellulare`), or as
    nine to eleven bare digits anywhere when valid there (`Per info 375687789`); and a number after a country's calling
    code, whether or not that country's plan holds it: after its `+` (`+54 9 3690 0821`), or in brackets, a code of the
    language's countries (`(351) 231757238`)."""

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
                   if is_phone_shaped(match.raw_string) or self._after_phone_word(text, match.start, match.raw_string)
                   or self._valid_bare_digits(match)]
        results += [finding(self.name, "PHONE_NUMBER", *match.span(), self.score)
                    for match in _WITH_CALLING_CODE.finditer(text) if self._after_calling_code(match, language)]
        return EntityRecognizer.remove_duplicates(results)

    def _after_phone_word(self, text: str, start: int, number: str) -> bool:
        number = _AREA_CODE_SLASH.sub(r"\1\2", number.strip("()"))  # `Kontakt: Iwan (05998753666)`
        return (number.isdigit() and 7 <= len(number) <= 13
                and bool(self.phone_word.search(text, max(0, start - _PHONE_WORD_LOOKBACK), start)))

    @staticmethod
    def _after_calling_code(match: regex.Match, language: str) -> bool:
        """Any calling code after a `+`, one of the language's countries in brackets; a national number's digits."""
        codes = _calling_codes(language) if match.group("bracket") else _CALLING_CODES
        digits = sum(ch.isdigit() for ch in match.group("rest"))
        return int(match.group("code")) in codes and _SHORTEST_NATIONAL <= digits <= _LONGEST_NATIONAL

    @staticmethod
    def _valid_bare_digits(match: phonenumbers.PhoneNumberMatch) -> bool:
        """Nine to eleven bare digits of a number valid in the region as written nationally (`0590938347`,
        `375687789`)."""
        number = match.raw_string
        return (number.isdigit() and 9 <= len(number) <= 11 and not starts_with_date(number)
                and phonenumbers.is_valid_number(match.number))


@lru_cache(maxsize=None)
def _calling_codes(language: str) -> frozenset[int]:
    """The calling codes of the countries that write `language` (`33`, `41`, `351`)."""
    return frozenset(phonenumbers.country_code_for_region(region) for region in COUNTRIES[language])


class LocalStreetRecognizer(InOtherLanguages, RuleRecognizer):
    """Street addresses of the other languages: a house number (before a comma, three digits at most: not a date's year,
    `9 giugno 2022, Via Eugenia, 6`), then a street word and a name (`60, chemin Éric Noël`, `12 rue des Lilas`); a
    street word, a name and a house number (`Calle Mayor 12`, `Piazza Padovano, 763`, `Avenida Ushuaia N° 601`, `Avenida
    Aguilar # 90-1 Sur`, Brazil's `Rua Mia Mota, S/N`: no number), or two for a crossing (Colombia's `Calle 151 # 17-1`,
    `Cl. 7S Bis K # 4-1 Este`: its abbreviated kinds, `local_crossing_street_words`, only there), with `Piso 3` or `Apt.
    874` after either; a street word and a name opening a line or a part of the text after a comma or a dash, or after a
    place word (`local_place_words`), the word in lower case or rare in English (`, boulevard Franck Roussel`, `- Largo
    de Nogueira`, a letterhead's `rue Diane Gilbert`, `au chemin Benard`, `na Largo Almeida`); a name ending in a street
    word, then a house number (`Nergerstraße 3-7`, `Lutz-Schuster-Weg 44`, `van der Dussenstraße 73`). Street words: the
    vocabulary's `local_street_words` and `local_street_endings`."""

    entity = "LOCATION"
    score = 0.6

    def __init__(self, vocabulary: Vocabulary) -> None:
        super().__init__(vocabulary)
        word, ending = vocabulary.alternation("local_street_words"), vocabulary.alternation("local_street_endings")
        between, articles = particles(vocabulary), vocabulary.alternation("german_definite_articles")
        units = vocabulary.alternation("local_address_units")
        not_unit = rf"(?!{units}[ \t]+\d)"  # `rue Tessier Apt. 874`: the unit is no word of the street's name
        name = rf"(?:{between}[ \t]+)*{CAPITALISED}(?:[ \t\-]+(?:{between}[ \t]+)*{not_unit}{CAPITALISED}){{0,3}}"
        number = r"\d{1,4}(?:[a-z]|bis|ter|[-/]\d{1,4})?"
        unit = rf"(?:,?[ \t]+{units}[ \t]+\d{{1,4}})*"
        marks = vocabulary.alternation("local_house_number_marks")
        marked = rf"(?:(?:(?:{marks})[ \t]*)?{number}|[Ss]/[Nn])"  # `Diagonal Catamarca N° 54`, `Rua Mota, S/N`
        points = vocabulary.alternation("local_cardinal_points")
        # `Calle 96 # 2-5 Este`, `Av. 3 N° 237`, `Calle 197 Este # 3-5 Sur`, `Cl. 7S Bis K # 4-1`, `Av. calle 4ª # 1J-3`
        crossing = (rf"\d{{1,3}}(?:[A-Z]{{1,2}}|[ªº])?(?:[ \t]+Bis)?(?:[ \t]+[A-Z])?(?:[ \t]+{points})?[ \t]*"
                    rf"(?:{marks})[ \t]*(?:\d{{1,3}}[A-Z]?-\d{{1,3}}|\d{{1,4}}[A-Z]?)(?:[ \t]+{points})?")
        crossing_word = rf"(?:(?i:{word})|{vocabulary.alternation('local_crossing_street_words')})"
        place_words = vocabulary.alternation("local_place_words")
        self.pattern = regex.compile(
            rf"\b(?:(?:{number}|\d{{1,3}}(?:[a-z]|bis|ter)?,)[ \t]+(?i:{word})[ \t]+{name}{unit}"
            rf"|(?i:{word})[ \t]+{name},?[ \t]+{marked}(?:[ \t]+{points})?{unit}"
            rf"|{crossing_word}[ \t]+{crossing}{unit}"
            rf"|(?<=(?:^|\n|[,;\-–]|(?<![\p{{L}}]){place_words}[ \t])[ \t]*)(?P<leading>(?i:{word}))[ \t]+{name}"
            rf"|(?:(?!{articles}[ \t]){between}[ \t]+(?:{between}[ \t]+)*)?"  # `van der Dussenstraße`, not `in der`
            rf"{CAPITALISED}(?:-{CAPITALISED})*(?i:{ending})[ \t]+{number})(?![\p{{L}}\d])")

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
    `Centro de Diagnóstico Barros de Goiás`, `Pränatalpraxis Erfurt`), in texts of the other languages; the kind may
    be a generic head and a specialty (`local_facility_heads`, `local_specialties`: `Centre d'échographie Brunet`,
    `Praxis für Pränataldiagnostik Finke`) or a head and a doctor (`Consulta Dra. Seguí`), an adjective of status
    after it, also after a head (`Clinique privée Benard`, `Institut Mutualiste Meunier`) or, in German, before it
    (`Evangelisches Krankenhaus Passau`); two kinds joined (`Hospital e Maternidade Pinto`), all in capitals (`CASA DI
    CURA SCHIAVO`), a chain's brand before it (`Agaplesion Diakonieklinikum Guben`); a kind of one word opening a line
    (a screen's header) also as OCR misreads it, a letter off, two for ten letters or more (`Matenidade`, `Matemidade
    Novais de Sampaio`)."""

    entity = "MEDICAL_FACILITY"
    score = 0.7

    def __init__(self, vocabulary: Vocabulary) -> None:
        super().__init__(vocabulary)
        kinds, heads = vocabulary.alternation("local_facility_kinds"), vocabulary.alternation("local_facility_heads")
        specialties = vocabulary.alternation("local_specialties")
        adjectives = vocabulary.alternation("local_facility_adjectives")
        before = vocabulary.alternation("local_facility_adjectives_before")
        link = rf"(?:{vocabulary.alternation('local_specialty_links')}[ \t]*)?"
        one_kind = (rf"(?:{before}[ \t]*)?"
                    rf"(?:{heads}[ \t]+{link}(?i:{specialties})|{kinds}|{heads}(?=[ \t]+(?i:{adjectives})))"
                    rf"(?:[ \t]+(?i:{adjectives}))?(?![\p{{L}}])")
        and_ = vocabulary.alternation("local_conjunctions")
        kind = (rf"(?:{one_kind}(?:[ \t]+{and_}[ \t]+{one_kind})?"  # `Hospital e Maternidade Pinto`
                rf"|{heads}(?=[ \t]+{vocabulary.alternation('local_doctor_titles')}[ \t]))")  # `Consulta Dra. Seguí`
        inside = rf"(?:{particles(vocabulary)}|{vocabulary.alternation('local_town_links')})"  # `Osterode am Harz`
        street = rf"{CAPITALISED}{vocabulary.alternation('local_street_endings')}"
        partners = vocabulary.alternation("local_facility_partners")
        name = (rf"(?:(?:[ \t]+{particles(vocabulary)})*[ \t]+{CAPITALISED}"  # up to four words (`Femme Mère Enfant`)
                rf"(?:[ \t\-]+(?:{inside}[ \t]+){{0,2}}{CAPITALISED}){{0,3}}"
                rf"|[ \t]+{vocabulary.alternation('local_facility_places')}[ \t]+{street})"  # `am Reuterplatz`
                rf"(?:[ \t]+{partners})?(?![\p{{L}}])")  # `& Associés`
        self.pattern = regex.compile(rf"\b{kind}{name}")
        self.in_capitals = regex.compile(rf"(?i:\b{kind}{name})")  # a header's `CASA DI CURA SCHIAVO`, kept in capitals
        misread = "|".join(rf"(?:{word}){{e<={1 if len(word) < _TWICE_MISREAD_KIND else 2}}}"
                           for word in vocabulary.local_facility_kinds if regex.fullmatch(r"[^\W\d_]{8,}", word))
        self.misread = regex.compile(rf"(?m:^)[ \t]*\K(?:{misread})[ \t]+{CAPITALISED}"
                                     rf"(?:[ \t\-]+(?:{inside}[ \t]+)?{CAPITALISED}){{0,2}}", regex.BESTMATCH)

    def analyze_in(self, text: str, language: str, entities: list[str], nlp_artifacts) -> list[RecognizerResult]:
        matches = [*self.pattern.finditer(text), *self.misread.finditer(text)]
        matches += [m for m in self.in_capitals.finditer(text) if m.group().isupper()]
        return [finding(self.name, self.entity, self._chain_start(text, m.start()), m.end(), self.score) for m in matches]

    @staticmethod
    def _chain_start(text: str, start: int) -> int:
        """Where the name starts: at a chain's brand just before the kind, a capitalised word no dictionary and no
        name lexicon knows (`Agaplesion Diakonieklinikum Guben`), else at the kind."""
        brand = _WORD_BEFORE.search(text, 0, start)
        if brand and not in_any_dictionary(brand.group(1)) and not name_lexicon().knows(brand.group(1)):
            return brand.start(1)
        return start


def local_recognizers(vocabulary: Vocabulary) -> list[EntityRecognizer]:
    """Dates, phone numbers, facilities and streets of the other languages (their names: `local_people`)."""
    return [LocalDateRecognizer(vocabulary), LocalPhoneRecognizer(vocabulary), LocalFacilityRecognizer(vocabulary),
            LocalStreetRecognizer(vocabulary)]


def particles(vocabulary: Vocabulary) -> str:
    """Name particles (`de`, `della`) and the words before a saint's or a doctor's name (`São`, `Dr.`)."""
    return f"(?:{vocabulary.alternation('name_particles')}|{vocabulary.alternation('local_name_prefixes')})"
