"""spaCy NER with cheap, general checks that drop its findings which are not private information (dropped before
presidio merges overlapping results, so that a rule's finding inside one survives).  - anything inside a file name
(`IMG_2034.JPG`, `Ultrasound_of_fetus.png`); - a span that starts or ends inside a word (`MSCSKEL` read as `CSKEL`); -
PERSON, LOCATION: with a digit or `=`/`%`, made only of lower-case words (`lymph node`), a single word of one or two
letters (`Ma`, a misread label), a whole line of a text of several lines ended by a colon or a mark read for one (`Exan
Dato!`: a screen's label, misread), or on such a line with only screen labels and lower-case words beside it (`Pt
Hase:`, `Dole of Birth:`), holding a common caption word (`Baby Shower Invitation`, `Getty Images`), an exam's name in
another language or a misreading of one (`Uitrassom`), or a roman numeral (`Mark IV`); - DATE_TIME: without a day of a
month (a month name beside a day number, or a numeric date) or a month beside a year (`May 2022`): durations, ages and
measurements (`12 week`, `20 weeks 3 days`, `3 days old`), seasons, holidays and years alone are not dates of a person.
Any recognizer's PERSON or LOCATION is also dropped when it is a medical eponym (`Murphy's sign`, `Braxton Hicks
contractions`, `Hashimoto thyroiditis`, `Circle of Willis`), the authors of the fetal biometry formulas a screen prints,
in a list, in brackets or beside a measurement (`Hadlock Shepard`, `EFW (Hadlock)`, `BPD Hadlock`), only month and
weekday names (`Fourth of July`, `Black Friday`; in a text likely in another language, also its own: `im Mai`), a
saint's feast (`Saint-Valentin`, `San Valentino`) or a feast of the Magi (`Noche de Reyes`), a word of the language
py3langid ranks first, not English, joined to a lower-case word (`Porta-retrato`: a compound word), or a whole line
ended by a colon (`Registro:`, a label with no value beside it, though also a town).

English NER's words of another language, on a text likely in it: `filtered_spacy`.
"""

from __future__ import annotations

import re

import regex

from piu_filter.models.dictionary import dictionary_count, is_counted
from piu_filter.models.pii.languages import ENGLISH, calendar_words, likely_language
from piu_filter.models.pii.recognizers.dates import is_calendar_date
from piu_filter.models.pii.recognizers.name_lexicon import name_lexicon
from piu_filter.models.pii.recognizers.products import ProductMentions
from piu_filter.models.vocabulary import CALENDAR_WORDS, Vocabulary, month_alternation

_MONTH = month_alternation()
_ROMAN = re.compile(r"^(?:I{2,3}|I?V|VI{1,3}|IX|XI{0,2})$")  # II to XII
_DAY_OF_MONTH = re.compile(rf"(?:\b{_MONTH}[ \t,.\-/]*(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?\b|"
                           rf"\b(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?[ \t,.\-/]*(?:of[ \t]+)?{_MONTH}|"
                           r"\d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4})")
_GERMAN_NAME_WORD_COUNT = 1_000  # a popular given name German's dictionary counts less often is a name (`Anna`)
_LABEL_END = re.compile(r"[ \t]*[:;!.][ \t]*")
_ABBREVIATED_LABEL_END = re.compile(r"\.[ \t]*:")  # `Cel.:`, `Tfno.:`
_MARKED_LABEL_END = re.compile(r"[^\s:;!][ \t]*[:;!]$")  # a word, then a colon or a mark read for one
_MONTH_AND_YEAR = re.compile(rf"\b{_MONTH}[ \t,]+(?:19|20)\d{{2}}\b", re.IGNORECASE)


class FalseAlarms:
    """The checks, with the vocabulary's file extensions, eponym heads and formula authors."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        extensions = "|".join(sorted(vocabulary.file_extensions))
        self._file_name = re.compile(rf"[^\s\"'()<>]+\.(?:{extensions})\b", re.IGNORECASE)
        heads = vocabulary.alternation("eponym_heads")
        self._ends_in_eponym_head = re.compile(rf"[ \t](?i:{heads})$")
        self._before_eponym_head = re.compile(rf"^(?:['’]s)?(?:[ \t]+[A-Z][a-z]+(?:['’]s)?)?[ \t]+(?i:{heads})\b")
        self._after_anatomy_of = re.compile(rf"(?i:{vocabulary.alternation('anatomy_of')})[ \t]+of[ \t]+(?:the[ \t]+)?$")
        particles = vocabulary.alternation("name_particles")
        local_head = rf"\b(?i:{vocabulary.alternation('local_eponym_heads')})[ \t]+(?:(?:{particles})[ \t]+|d['’])"
        self._after_local_eponym_head = re.compile(rf"{local_head}?$")  # `prueba de O'Sullivan`, also with its particle
        self._local_eponym = re.compile(local_head)  # `Signe de Murphy`, the head found with the name
        self._authors = frozenset(w.lower() for w in vocabulary.formula_authors)
        self._biometry = re.compile(rf"\b{vocabulary.alternation('biometry_terms')}\b")
        saints, saint_feasts = (vocabulary.alternation(key) for key in ("local_saints", "local_saint_feasts"))
        self._saint_feast = regex.compile(rf"(?<![\p{{L}}]){saints}[ \t\-]+{saint_feasts}$")
        self._saint = regex.compile(saints)
        self._feast_after_saint = regex.compile(rf"[ \t\-]+{saint_feasts}(?![\p{{L}}])")
        feast_phrases = vocabulary.alternation("local_feast_phrases")
        self._feast_phrase = regex.compile(rf"(?<![\p{{L}}]){feast_phrases}(?![\p{{L}}])")
        self.products = ProductMentions(vocabulary)

    def in_file_name(self, text: str, start: int, end: int) -> bool:
        """Whether the span lies inside a file name."""
        return any(m.start() <= start and end <= m.end() for m in self._file_name.finditer(text))

    def is_eponym_or_calendar(self, text: str, start: int, end: int) -> bool:
        """Whether a name or place is a medical eponym (also of the other languages: `prueba de O'Sullivan`), biometry
        formula authors or only month and weekday names."""
        words = re.findall(r"[A-Za-z]+", text[start:end])
        return (bool(words) and all(w.lower() in CALENDAR_WORDS for w in words)
                or self._formula_authors(text, start, end, words)
                or bool(self._before_eponym_head.match(text[end:]) or self._ends_in_eponym_head.search(text[start:end]))
                or bool(self._after_anatomy_of.search(text[:start]))
                or bool(self._after_local_eponym_head.search(text[:start + _leading_particles(text[start:end])]))
                or bool(self._local_eponym.match(text, start)))

    def is_not_a_name(self, text: str, start: int, end: int) -> bool:
        """Whether a PERSON or LOCATION is an eponym, formula authors, calendar words (also of the text's likely
        language: `Mai`, `Marzo`), a saint's feast (`Saint-Valentin`), the start of a compound, a blank label or an
        abbreviated one (`Cel.: 18 8134`), or a product or its maker (`Poussette Yoyo`, `products.py`)."""
        return (self.is_eponym_or_calendar(text, start, end) or _local_calendar(text, start, end)
                or self.is_saint_feast(text, start, end) or self.products.is_product_mention(text, start, end)
                or self.opens_a_compound(text, start, end) or _blank_label(text, start, end)
                or bool(_ABBREVIATED_LABEL_END.match(text, end)))

    def is_saint_feast(self, text: str, start: int, end: int) -> bool:
        """Whether the span is a saint's feast, its saint's name after the saint or the saint before it
        (`Saint-Valentin`, `San Valentín`, `la Saint Valentin`, `Día de San` before `Valentín`; not the town `San
        Valentino Torio`), or lies in a feast of the Magi (`Noche de Reyes`, `local_feast_phrases`)."""
        feast = self._saint_feast.search(text, 0, end)
        return (feast is not None and feast.start() <= start
                or bool(self._saint.fullmatch(text, start, end) and self._feast_after_saint.match(text, end))
                or any(m.start() <= start and end <= m.end() for m in self._feast_phrase.finditer(text)))

    @staticmethod
    def opens_a_compound(text: str, start: int, end: int) -> bool:
        """A word of the text's likely language joined to a lower-case word (`Porta-retrato`): a compound word."""
        word = text[start:end]
        if text[end:end + 1] != "-" or not text[end + 1:end + 2].islower() or " " in word:
            return False
        language = likely_language(text)
        return language != ENGLISH and dictionary_count(word, language) > 0

    def is_ner_false_alarm(self, text: str, entity_type: str, start: int, end: int, english: bool = True) -> bool:
        """Whether a spaCy finding is a file name, a cut word, a common phrase or a duration; a popular given name
        is a common caption word only where the text is taken as `english` (a French text's `Valentine` is a name)."""
        span = text[start:end]
        if self.in_file_name(text, start, end) or _cuts_a_word(text, start, end):
            return True
        if entity_type in ("PERSON", "LOCATION"):
            return self._not_a_name(span, english) or self.is_label_line(text, start, end)
        if entity_type == "DATE_TIME":
            return not _has_day_of_month(span)
        return False

    def is_label_line(self, text: str, start: int, end: int) -> bool:
        """Whether the span's line, in a text of several lines, is a screen's label, misread: the span alone before a
        colon or a mark OCR reads for one (`Exan Dato!`), or beside screen labels and lower-case words only on a line
        ended by a colon or such a mark (`Pt Hase:`, `Dole of Birth:`)."""
        if "\n" not in text:
            return False
        line_start, line_end = _line_bounds(text, start, end)
        before, after = text[line_start:start], text[end:line_end]
        if not before.strip() and _LABEL_END.fullmatch(after):
            return True
        others = [w for w in (w.rstrip(":;!") for w in f"{before} {after}".split()) if w]
        return (bool(others) and bool(_MARKED_LABEL_END.search(text[line_start:line_end].rstrip()))
                and all(w.islower() or self.vocabulary.is_screen_label(w) for w in others))

    def _formula_authors(self, text: str, start: int, end: int, words: list[str]) -> bool:
        """Formula authors only, in brackets, or on a line with another author or a biometry term."""
        if not words or any(w.lower() not in self._authors for w in words):
            return False
        line_start, line_end = _line_bounds(text, start, end)
        line = text[line_start:line_end]
        authors_on_line = sum(w.lower() in self._authors for w in re.findall(r"[A-Za-z]+", line))
        return authors_on_line > 1 or text[start - 1:start] == "(" or bool(self._biometry.search(line))

    def _not_a_name(self, span: str, english: bool) -> bool:
        words = re.findall(r"[^\s,;:]+", span)
        return (any(ch.isdigit() or ch in "=%" for ch in span) or all(w.islower() for w in words)
                or (len(words) == 1 and len(words[0]) <= 2)
                or any(self._common_word(w, english) or _ROMAN.match(w) or self.vocabulary.is_exam_word(w) for w in words))

    def _common_word(self, word: str, english: bool) -> bool:
        """A technical term (`Abd`, a preset's), or a common caption word unless a popular given name in a text of
        another language (`Valentine`)."""
        return self.vocabulary.is_technical_term(word.strip(".,;:!?")) or (
            self.vocabulary.is_common_word(word) and (english or not name_lexicon().is_popular_given_name(word)))


def _leading_particles(span: str) -> int:
    """The length of the lower-case words opening a span (`de O'Sullivan`: 3)."""
    return re.match(r"(?:[a-zà-ÿ]+[ \t]+)*", span).end()


def _local_calendar(text: str, start: int, end: int) -> bool:
    """Only month and weekday names of the text's likely language, when it is not English (`im Mai`, `a Marzo`)."""
    language = likely_language(text)
    words = regex.findall(r"\p{L}+", text[start:end])
    return language != ENGLISH and bool(words) and all(w.lower() in calendar_words(language) for w in words)


def is_german_word(word: str) -> bool:
    """A word German's dictionary knows that is no popular given name it rarely writes (`Kuchen`, `Kleiner`, `Rosa`;
    not `Anna`, `Juli`) nor a given name it only lists (`Rüdiger`): German capitalises every noun, and its dictionary
    counts few."""
    count = dictionary_count(word, "de")
    lexicon = name_lexicon()
    return count > 0 and not (count < _GERMAN_NAME_WORD_COUNT and lexicon.is_popular_given_name(word)
                              or not is_counted(word, "de") and lexicon.knows_given_name(word))


def _blank_label(text: str, start: int, end: int) -> bool:
    """A whole line of a text of several lines, ended by a colon (`Registro:`, also a town): a label with no
    value beside it."""
    rest = _rest_of_line_it_opens(text, start, end)
    return rest is not None and rest.strip() == ":"


def _rest_of_line_it_opens(text: str, start: int, end: int) -> str | None:
    """What follows the span on its line, when the span opens a line of a text of several lines; else None."""
    line_start, line_end = _line_bounds(text, start, end)
    return text[end:line_end] if "\n" in text and not text[line_start:start].strip() else None


def _line_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Where the line holding the span [start, end) starts and ends."""
    return text.rfind("\n", 0, start) + 1, (text.find("\n", end) + 1 or len(text) + 1) - 1


def _cuts_a_word(text: str, start: int, end: int) -> bool:
    return (start > 0 and text[start - 1].isalnum() and text[start].isalnum()) or \
           (end < len(text) and text[end - 1].isalnum() and text[end].isalnum())


def _has_day_of_month(span: str) -> bool:
    if _MONTH_AND_YEAR.search(span):
        return True
    match = _DAY_OF_MONTH.search(span)
    return bool(match) and (not match.group(0)[:1].isdigit() or not re.fullmatch(r"[\d/.\-]+", match.group(0))
                            or is_calendar_date(match.group(0)))
