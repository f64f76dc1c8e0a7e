"""Names that people are given, wherever a caption or a screen prints them (names-dataset's lexicon):

- a full name: a given name, then a surname or given name, a middle name or initial between
  (`Kelsey Brandt`, `Harper Lynn Castellano`, `Kelsey R. Brandt`, `GABRIELLA RUSSO`, `Thompson-Blake`); after a
  given name and an initial, a word no dictionary knows (`AMELIA G. KOLDUFF`); a word no dictionary knows before a
  surname no dictionary knows (`Irya Bhasin`); with an initial that ends its line after it (`TAYLOR Jemma B`);
- a given name alone after a word that introduces a person in a caption (`courtesy of Kayleigh`,
  `baby Aarav`, `love, Chloe`), or a baby introducing itself (`Hello world, I'm Sorawut!`: a given name or a word
  no dictionary knows, ending its sentence), before a possessive (`Kayleigh's scan`) or joined to another
  (`Mateo & Sofia`);
- a surname after a title or "Baby" (`Mrs. Huang`, `Baby Reyes`);
- a surname, a comma and a given name, as a chart sticker prints them (`SMITH, Carol G.`).

A name must be ranked in several countries and be no common English word (pyspellchecker's counts),
caption word, month or weekday: `Hope`, `Summer`, `Rainbow`, `June` and `Canon` are never names here.
A lone given name must be rarer still as a word (`Chloe`, `Zara`, not `Max`).
"""

from __future__ import annotations

import re

from presidio_analyzer import RecognizerResult

from piu_filter.models.dictionary import dictionary_count
from piu_filter.models.pii.languages import ENGLISH, calendar_words, likely_language
from piu_filter.models.pii.recognizers.false_alarms import is_german_word
from piu_filter.models.pii.recognizers.lexicon import lexicon_spans
from piu_filter.models.pii.recognizers.name_lexicon import name_lexicon
from piu_filter.models.pii.recognizers.patterns import RuleRecognizer, VocabularyPatternRecognizer, finding
from piu_filter.models.vocabulary import CALENDAR_WORDS, Vocabulary

_WORD = r"(?:Mc|Mac|O['’]|D['’])?[A-Z][a-z]+(?:-[A-Z][a-z]+)?|[A-Z]{2}[A-Z'\-]*"
_INITIAL = r"[A-Z]\.?"
_LINE_ENDING_INITIAL = re.compile(r"[ \t]+(?P<initial>[A-Z]\.?)[ \t]*(?:$|\n)", re.MULTILINE)
_TOKEN = re.compile(rf"{_WORD}|{_INITIAL}")
_RUN = re.compile(rf"\b(?:{_WORD}|{_INITIAL})(?:[ \t]+(?:{_WORD}|{_INITIAL}))+(?![\w-])")
_SELF_INTRODUCED = re.compile(r"\b(?:I['’]m|I[ \t]+am|[Mm]y[ \t]+name[ \t]+is|[Cc]all[ \t]+me)[ \t]+"
                              r"(?P<value>[A-Z][a-z]{2,})(?=[ \t]*(?:[!.,]|$))", re.MULTILINE)
_TITLED = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Baby)\.?[ \t]+(?P<value>(?:Mc|Mac|O['’])?[A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b")
WORD_COUNT = 20_000  # more often than this in the dictionary's corpus: a word (Hope, Summer, Angel)
_LONE_WORD_COUNT = 3_000  # a given name standing alone must be rarer as a word (not Max, Holly, Autumn)
_VERY_COMMON_RANK = 20  # John, Michael, Sarah: names before words in a full name, however often the corpus says them
_TWO_LETTER_RANK = 200  # a two-letter name must be this popular (`Jo`, `Li`; not `Ca`, `Fa`, `DF`: misread labels)
_UNKNOWN_WORD_RANK = 10_000  # a word no dictionary knows needs only to be ranked this well, in two countries


def _plain_word(word: str, vocabulary: Vocabulary) -> bool:
    return vocabulary.is_common_word(word) or word.lower() in CALENDAR_WORDS


def _rare_two_letters(word: str, best_rank: int) -> bool:
    return len(word) == 2 and best_rank > _TWO_LETTER_RANK


def is_given_name(word: str, vocabulary: Vocabulary, word_count: int = WORD_COUNT, max_rank: int = 2000,
                  countries: int = 4) -> bool:
    """A given name ranked within `max_rank` in `countries` or more, and rarer than `word_count` as a word;
    a word no English dictionary knows needs less (`Mohini`, `Aashi`), a two-letter one more (`Jo`, not `Ca`)."""
    popularity = name_lexicon().given_name(word)
    if popularity is None or _plain_word(word, vocabulary) or _rare_two_letters(word, popularity.best_rank):
        return False
    count = dictionary_count(word)
    if count == 0:
        return popularity.best_rank <= _UNKNOWN_WORD_RANK
    return (popularity.best_rank <= max_rank and popularity.countries >= countries
            and (count < word_count or word_count == WORD_COUNT and popularity.best_rank <= _VERY_COMMON_RANK))


def is_surname(word: str, vocabulary: Vocabulary, word_count: int = WORD_COUNT) -> bool:
    """A surname (each part of a double-barrelled one) ranked within 5,000 in three countries or more,
    or ranked at all when no English dictionary knows the word (`Bhasin`, `Venkataraman`); a two-letter one
    within 200 (`Li`, `Wu`; not `DF`)."""
    lexicon = name_lexicon()
    for part in word.split("-"):
        popularity = lexicon.surname(part)
        if popularity is None or _plain_word(part, vocabulary) or _rare_two_letters(part, popularity.best_rank):
            return False
        count = dictionary_count(part)
        if count == 0:
            continue
        if (popularity.best_rank > 5000 or popularity.countries < 3
                or count >= word_count and popularity.best_rank > _VERY_COMMON_RANK * 2):
            return False
    return True


def _unknown_word(word: str, vocabulary: Vocabulary, language: str) -> bool:
    """A capitalised word of three letters or more that no dictionary of English or of the text's language knows
    (`Irya`; not `Bilderrahmen` in German), in a text that is not German: German's compound nouns are words no
    dictionary knows (`Babyschale Maxi-Cosi`)."""
    return (language != "de" and len(word) >= 3 and word[1:].islower() and not _plain_word(word, vocabulary)
            and _unknown_to_dictionaries(word, language))


def _unknown_to_dictionaries(word: str, language: str) -> bool:
    """No dictionary of English or of the text's language knows the word (`Bhasin`; not `Ende` in German)."""
    return dictionary_count(word) == 0 and (language == ENGLISH or dictionary_count(word, language) == 0)


def _unknown_surname(word: str, vocabulary: Vocabulary, language: str) -> bool:
    """A word of three letters or more, in capitals or capitalised, that no dictionary knows."""
    return (len(word) >= 3 and (word.isupper() or word[1:].islower()) and not _plain_word(word, vocabulary)
            and _unknown_to_dictionaries(word, language))


def _full_name_spans(text: str, vocabulary: Vocabulary) -> list[tuple[int, int]]:
    """Longest runs of two to four words, apart by spaces only: a given name, middle names or initials, a last name;
    none holds a month or weekday of the text's likely language (`Geburtstermin Ende Juli`) or, in another language
    than English, a word that is never a name there (`Abuela Feliz`: `local_not_names`), nor, in German, are they
    all its words (`Kleines Herz`)."""
    language = likely_language(text)
    calendar = calendar_words(language) if language != ENGLISH else frozenset()
    not_names = vocabulary.local_not_names if language != ENGLISH else frozenset()
    return lexicon_spans(text, _RUN, _TOKEN, (2, 4), lambda start, end, words: _ending_initial(text, end) if (
        _is_full_name(words, vocabulary, language) and not any(w.lower() in calendar or w in not_names for w in words)
        and not (language == "de" and all(is_german_word(w) for w in words))) else None)


def _ending_initial(text: str, end: int) -> int:
    """The end of a full name, over an initial that ends its line after it (`TAYLOR Jemma B`, a sticker's comma
    lost)."""
    initial = _LINE_ENDING_INITIAL.match(text, end)
    return initial.end("initial") if initial else end


def _is_full_name(words: list[str], vocabulary: Vocabulary, language: str) -> bool:
    given, *middle, last = words
    initialled = len(middle) == 1 and re.fullmatch(_INITIAL, middle[0])  # `AMELIA G. KOLDUFF`: misread or rare
    return ((is_given_name(given, vocabulary) and (is_surname(last, vocabulary) or is_given_name(last, vocabulary)
                                                   or initialled and _unknown_surname(last, vocabulary, language))
             or _unknown_word(given, vocabulary, language) and is_surname(last, vocabulary)
             and _unknown_to_dictionaries(last, language))
            and all(re.fullmatch(_INITIAL, w) or is_given_name(w, vocabulary) or is_surname(w, vocabulary)
                    for w in middle))


class KnownNameRecognizer(RuleRecognizer):
    """Full names, lone given names in a caption's phrasing, and titled surnames, from the name lexicon."""

    entity = "PERSON"
    score = 0.6

    def __init__(self, vocabulary: Vocabulary) -> None:
        super().__init__(vocabulary)
        leads = rf"(?i:{vocabulary.alternation('name_leads')})"
        self.lone_given = re.compile(rf"(?:\b{leads}[ \t,:]+)(?P<value>[A-Z][a-z]{{2,}})\b(?!['’]s\b)|"
                                     rf"\b(?P<possessive>[A-Z][a-z]{{2,}})(?=['’]s\b)|"
                                     rf"\b(?P<joined>[A-Z][a-z]{{2,}})(?=[ \t]*(?:&|\+|and)[ \t]+[A-Z][a-z])")

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        vocabulary = self.vocabulary
        full_names = _full_name_spans(text, vocabulary)
        results = [finding(self.name, "PERSON", start, end, self.score) for start, end in full_names]
        for match in self.lone_given.finditer(text):
            group = next(g for g in ("value", "possessive", "joined") if match.group(g))
            if any(start <= match.start(group) < end for start, end in full_names):
                continue
            if is_given_name(match.group(group), vocabulary, _LONE_WORD_COUNT, max_rank=1000, countries=5):
                results.append(finding(self.name, "PERSON", *match.span(group), self.score - 0.1))
        for match in _SELF_INTRODUCED.finditer(text):
            value = match.group("value")
            if is_given_name(value, vocabulary) or _unknown_word(value, vocabulary, likely_language(text)):
                results.append(finding(self.name, "PERSON", *match.span("value"), self.score))
        for match in _TITLED.finditer(text):
            value = match.group("value")
            if is_surname(value, vocabulary, _LONE_WORD_COUNT) or is_given_name(value, vocabulary, _LONE_WORD_COUNT):
                results.append(finding(self.name, "PERSON", *match.span("value"), self.score - 0.1))
        return results


class SurnameCommaGivenRecognizer(VocabularyPatternRecognizer):
    """`SURNAME, Given M.` and `Surname, Given` as a chart sticker or a screen prints them (declared in patterns.yaml),
    starting a line or after a label; kept when the given name is one (or a word no dictionary knows) and the surname
    is one (or a word no dictionary knows: `TUNGKASETHAKUL`); neither may be a caption word (`WOW, Amazing`). In
    another language than English only the upper-case surname's form counts: a comma there often stands before a
    town or a word (`Clinique Masson, Perrot`, `geb. Steuer, Ultraschall`)."""

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None, regex_flags=None) -> list[RecognizerResult]:
        language = likely_language(text)
        return [result for result in super().analyze(text, entities, nlp_artifacts, regex_flags)
                if self._starts_its_field(text, result.start)
                and self._is_name(text[result.start:result.end], language)]

    def _starts_its_field(self, text: str, start: int) -> bool:
        """Whether the name starts its line, or follows a colon or screen labels there (`Pat. Name: Olson, Loretta`);
        after other words the comma ends a name and a town follows (`Julia Peters, Stacymouth`)."""
        before = text[text.rfind("\n", 0, start) + 1:start].strip()
        return not before or before.endswith(":") or all(self.vocabulary.is_screen_label(w) for w in before.split())

    def _is_name(self, value: str, language: str) -> bool:
        """Whether the surname and the given name of `value`, in a text of `language`, are the lexicon's or unknown."""
        vocabulary = self.vocabulary
        surname, _, rest = value.partition(",")
        given = rest.split()[0]
        if not surname.isupper() and language != ENGLISH:  # `Clinique Masson, Perrot`: a town after a comma
            return False
        if any(_plain_word(word, vocabulary) or vocabulary.is_technical(word) for word in (surname, given)):
            return False
        spelt = "-".join(part.title() for part in surname.split("-")) if surname.isupper() else surname
        return ((is_given_name(given, vocabulary) or _unknown_word(given, vocabulary, language))
                and (is_surname(spelt, vocabulary) or _unknown_to_dictionaries(spelt, language)))
