"""The language of a text, among English and the five other languages the recognizers know, by py3langid
(measured against lingua in benchmarks/README.md: more accurate on captions and sixty times faster).

A text counts as another language (`text_language`) only when py3langid is sure of it (probability 0.7 or
more); anything else, and every text where py3langid is not installed, is English, so that English results
never change on a guess. Short texts made mostly of names (`Dra. Barco, Clínica Lleida`) rarely reach that:
`likely_language` is also the other language py3langid ranks above English, whatever its probability, when
the text holds a word of that language that English does not know, words of the other languages' vocabulary
(`Nome`, `Contato`, `Guteweg`) or a phone number of its countries (`+33`), for the recognizers whose words no
English text holds. Each language has its CLDR locale (month names through babel) and the countries that write it
(their phone numbers, their people's names).
"""

from __future__ import annotations

from functools import lru_cache
from itertools import takewhile

import regex

from piu_filter.models.dictionary import dictionary_count

ENGLISH = "en"
LOCALES = {"fr": "fr_FR", "de": "de_DE", "es": "es_ES", "pt": "pt_BR", "it": "it_IT"}
ENGLISH_COUNTRIES = ("US", "GB", "CA", "AU", "IN")  # where English captions' phone numbers are mostly from
COUNTRIES = {"fr": ("FR", "BE", "CH"), "de": ("DE", "AT", "CH"), "es": ("ES", "MX", "AR", "CO", "CL"),
             "pt": ("BR", "PT"), "it": ("IT", "CH")}
SURE = 0.7  # the probability above which a text is taken to be in another language (no English caption of the
# benchmarks' 2,000 reaches it)
SHORTEST = 12  # characters; shorter texts are English
_COUNTRY_CODE = regex.compile(r"(?<![\w+])\+(\d{1,3})(?=[ \t(]*\d)")  # `+33 1 60 31 47 69`, `+49(0) 170...`
RARE_IN_ENGLISH = 1_000  # a vocabulary word of the other languages rarer than this in English is theirs (`Nome`,
# `Praxis`, `boulevard`; not `Patient`, `Avenue`, `Contact`)


@lru_cache(maxsize=1)
def _identifier():
    try:
        from py3langid import langid
    except ImportError:
        return None
    identifier = langid.LanguageIdentifier.from_modelpath(langid.MODEL_DIR / langid.MODEL_FILE, norm_probs=True)
    identifier.set_languages([ENGLISH, *LOCALES])
    return identifier


@lru_cache(maxsize=4096)
def _ranking(text: str) -> tuple[tuple[str, float], ...]:
    """py3langid's languages for `text`'s words of a language (`_words`) with their probabilities, most likely
    first; English alone, at no probability, when py3langid is not installed or those words are too short to tell."""
    identifier = _identifier()
    words = _words(text)
    if identifier is None or len(words) < SHORTEST:
        return ((ENGLISH, 0.0),)
    return tuple(identifier.rank(words))


def _words(text: str) -> str:
    """The text without its lines of read-outs, which hold no word of three letters or more but technical terms of the
    built-in vocabulary (`FHR 148 bpm`, `MI 0.6`, `D 12cm`, `Gain 2d8`): they are of no language, and would make any
    screen English. Lines in capitals are read in lower case, as py3langid knows words (`ÉCHOGRAPHIE OBSTÉTRICALE`)."""
    from piu_filter.models.vocabulary import load_vocabulary

    vocabulary = load_vocabulary()
    return "\n".join(line.lower() if line.isupper() else line for line in text.splitlines()
                     if any(regex.fullmatch(r"\p{L}{3,}", word) and not vocabulary.is_technical_term(word)
                            for word in regex.findall(r"[\p{L}\p{N}]+", line)))


def text_language(text: str) -> str:
    """`en`, `fr`, `de`, `es`, `pt` or `it`: English unless py3langid is sure of another language."""
    language, probability = _ranking(text)[0]
    return language if language != ENGLISH and probability >= SURE else ENGLISH


@lru_cache(maxsize=4096)
def likely_language(text: str) -> str:
    """`text_language`, or else the language py3langid ranks first, if it is not English and the text holds a word
    of it (`_own_words`: `Dra. Barco, Clínica Lleida`), words of the other languages' vocabulary (`_holds_local_word`:
    `Nome: ... Data de nasc.`), a phone number of its countries (`Contact : +33 1 60 31 47 69 - 44, rue Lecoq`, `Pour
    infos 06 37 78 93 28`) or a date with a month name of it that English does not write (`_dates_of`: a card's
    `Christine / 12 avril 2023 / Lyon`); or else the next language it ranks above English of which the text holds a
    word (`¡Sorpresa para Navidad!`, ranked Portuguese, then Spanish); else, unless py3langid is sure of English, the
    one other language spoken where the text's phone numbers' country codes are from (`_phone_language`: `Eva: +39 345
    987 8300`); else `en`."""
    ranking = _ranking(text)
    language, probability = ranking[0]
    if probability >= SURE or _identifier() is None:
        return language
    if language != ENGLISH and (any(_own_words(text, language)) or _holds_local_word(text)
                                or _holds_phone_of(text, language) or _dates_of(language).search(text)):
        return language
    above_english = [language for language, _ in takewhile(lambda ranked: ranked[0] != ENGLISH, ranking)]
    for language in above_english[1:]:
        if any(_own_words(text, language)):
            return language
    return _phone_language(text)


def _phone_language(text: str) -> str:
    """The one other language spoken where all the text's phone numbers' country codes are from (`Eva: +39 345 987
    8300`); else `en`."""
    languages = _country_code_languages(text)
    return languages.pop() if len(languages) == 1 else ENGLISH


def _country_code_languages(text: str) -> set[str]:
    """The languages, English among them, spoken where the text's phone numbers' country codes are from (`+33`)."""
    import phonenumbers

    return {language for code in _COUNTRY_CODE.findall(text)
            for region in phonenumbers.region_codes_for_country_code(int(code))
            for language, countries in (*COUNTRIES.items(), (ENGLISH, ENGLISH_COUNTRIES)) if region in countries}


def _own_words(text: str, language: str):
    """Words of three letters or more, not all capitals, that the language's dictionary knows and the English one
    does not, and that are written in lower case or are no common name (`Clínica`, `com`, `chemin`, `felices`; not
    `Tapia`, `NT`, `mm`)."""
    from piu_filter.models.pii.recognizers.name_lexicon import name_lexicon  # that package imports this module

    for word in regex.findall(r"\p{L}{3,}", text):
        if (not word.isupper() and dictionary_count(word, language) > 0 and dictionary_count(word) == 0
                and (word.islower() or not name_lexicon().is_popular_given_name(word)
                     and not name_lexicon().is_common_surname(word))):
            yield word


def _holds_phone_of(text: str, language: str) -> bool:
    """Whether the text holds a phone number's country code of a country that writes the language (`+33`, `+49`),
    or a number written the national way that phonenumbers finds valid there (`06 37 78 93 28` in France)."""
    import phonenumbers

    countries = COUNTRIES[language]
    return (language in _country_code_languages(text)
            or any(phonenumbers.PhoneNumberMatcher(text, region, leniency=phonenumbers.Leniency.VALID).has_next()
                   for region in countries))


def _holds_local_word(text: str) -> bool:
    """Whether the text holds words that the built-in vocabulary lists among the other languages' labels, phone
    words, facility kinds, street words or exams' names, or that end like their streets, one of them of four letters
    or more and rare in English (`Nome`, `Gracias Dr`, `Contato`, `Ecografia`, `Guteweg`; not `Contact`, `Tel`); a
    name label, street word or address's unit of three letters or more rare in English (`Sra.`, `Mme`, `Rua`,
    `Piso`); or a street word in lower case before a capitalised name, as English never writes it (`avenue
    Humbert`)."""
    words, streets, lower_case_streets = _local_words()
    return (_holds_rare_in_english(words, text, 4) or _holds_rare_in_english(streets, text, 3)
            or bool(lower_case_streets.search(text)))


def _holds_rare_in_english(words: regex.Pattern, text: str, shortest: int) -> bool:
    """Whether a match of `words` in the text holds a word of `shortest` letters or more rare in English."""
    return any(dictionary_count(word) < RARE_IN_ENGLISH
               for match in words.finditer(text) for word in regex.findall(rf"\p{{L}}{{{shortest},}}", match.group()))


@lru_cache(maxsize=1)
def _local_words() -> tuple[regex.Pattern, regex.Pattern, regex.Pattern]:
    """The other languages' words of the vocabulary, their name labels, street words and address units, and their
    street words written in lower case before a capitalised word."""
    from piu_filter.models.vocabulary import load_vocabulary

    vocabulary = load_vocabulary()
    words = "|".join(vocabulary.alternation(key) for key in
                     ("local_name_labels", "local_sign_offs", "local_phone_words", "local_facility_kinds",
                      "local_street_words", "local_exam_words"))
    streets = "|".join(vocabulary.alternation(key) for key in ("local_name_labels", "local_street_words", "local_address_units"))
    lower_case = "|".join(word for word in vocabulary.local_street_words if word.islower() and word.isalpha())
    return (regex.compile(rf"(?<!\p{{L}})(?i:{words}|\p{{L}}+-?{vocabulary.alternation('local_street_endings')})(?!\p{{L}})"),
            regex.compile(rf"(?<!\p{{L}})(?i:{streets})(?!\p{{L}})"),
            regex.compile(rf"(?<![\p{{L}}])(?:{lower_case})[ \t]+\p{{Lu}}"))


@lru_cache(maxsize=None)
def _dates_of(language: str) -> regex.Pattern:
    """A day, a month name of `language` that English does not write (`avril`, `März`, `marzo`; not `nov.`, `mai`),
    and a year."""
    english = {name.lower().rstrip(".") for name in _calendar_names("en", "months")}
    months = "|".join(regex.escape(name) for name in month_names(language)
                      if name.lower().rstrip(".") not in english and not dictionary_count(name.rstrip(".")))
    return regex.compile(rf"(?<![\p{{L}}\d])\d{{1,2}}\.?[ \t]+(?:de[ \t]+)?(?i:{months})(?![\p{{L}}])[ \t,.]*"
                         rf"(?:de[ \t]+)?(?:19|20)\d{{2}}\b")


def month_names(language: str) -> tuple[str, ...]:
    """The month names of `language` (CLDR through babel) in its countries: wide and abbreviated, in dates and standing
    alone; an abbreviation also without its dot (`ago`, `janv`)."""
    names = _calendar_names(language, "months")
    undotted = {name[:-1] for name in names if name.endswith(".")} - set(names)
    return tuple(sorted({*names, *undotted}, key=len, reverse=True))


def weekday_names(language: str) -> tuple[str, ...]:
    """The weekday names of `language` (CLDR through babel), written out (`vendredi`, `sexta-feira`)."""
    return _calendar_names(language, "days", ("wide",))


@lru_cache(maxsize=None)
def calendar_words(language: str) -> frozenset[str]:
    """The month and weekday names of `language` written out (CLDR through babel), in lower case: never a name
    (`Mai`, `Marzo`; abbreviations may be: `Jan`, `Dom`)."""
    return frozenset(name.lower() for kind in ("months", "days") for name in _calendar_names(language, kind, ("wide",)))


def _calendar_names(language: str, kind: str, widths: tuple[str, ...] = ("wide", "abbreviated")) -> tuple[str, ...]:
    """The names of `kind` (`months`, `days`) in the CLDR locales of `language`'s countries (`de_AT`'s `Jänner`)."""
    from babel import Locale, localedata

    codes = (LOCALES.get(language, language), *(f"{language}_{country}" for country in COUNTRIES.get(language, ())))
    names = set()
    for locale in (Locale.parse(code) for code in dict.fromkeys(codes) if localedata.exists(code)):
        for context in ("format", "stand-alone"):
            for width in widths:
                names.update(getattr(locale, kind)[context][width].values())
    return tuple(sorted(names, key=len, reverse=True))
