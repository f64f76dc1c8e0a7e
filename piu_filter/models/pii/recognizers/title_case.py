"""Titles with every word capitalised, as shops list their goods, in texts likely in another language than English
(`Taza Personalizada Con Ecografía Para El Abuelo`, `Bilderrahmen Ultraschallbild Baby Geschenk Für Oma`; English
captions capitalise names and places as often as titles' words). There a capital marks no name: recognizers read the
title's words that are never a name in lower case (`in_sentence_case`: `caneca para vovó Rebeca com ultrassom`); a
PERSON or LOCATION loses such words at either end, and one made only of words of a language that are no popular given
name (`Porta Retrato`, `Geschenk Für Oma`) is the title's words. A name in such a title stays one (`Taza Para Lucía
García`)."""

from __future__ import annotations

import regex

from piu_filter.models.dictionary import dictionary_count
from piu_filter.models.pii.languages import ENGLISH, LOCALES, likely_language
from piu_filter.models.pii.recognizers.name_lexicon import LOCAL_WORD_COUNT, POPULAR_NAME_WORD_COUNT, name_lexicon
from piu_filter.models.vocabulary import Vocabulary

_WORD = regex.compile(r"\p{L}[\p{L}'’]*")
_SHORTEST_TITLE = 4  # words in the line: shorter lines are names and labels as often as titles
_TITLE_CANDIDATE = regex.compile(r"(?:\p{Lu}\p{Ll}*[ \t]+){3}\p{Lu}")  # four capitalised words in a row


def in_a_title(text: str, start: int, vocabulary: Vocabulary) -> bool:
    """Whether the line around `start` is a title: four words or more, each capitalised, not all in capitals (a
    screen's `PT NAME JOHN SMITH`), one of them a word a sentence writes in lower case (`Vocabulary.local_link_words`:
    `Para`, `Con`, `Für`, `Et`; not a letterhead's `Dra. Olmedo, Hospital Ruiz, Pasaje Eladio Rosselló 75`, a place's
    `Las Palmas`, nor `ET 04.02.2022`)."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    words = _WORD.findall(text, line_start, len(text) if line_end < 0 else line_end)
    return (len(words) >= _SHORTEST_TITLE and all(word[0].isupper() for word in words)
            and any(not word.isupper() for word in words)
            and any(word[1:].islower() and word.lower() in vocabulary.local_link_words for word in words))


def in_sentence_case(text: str, vocabulary: Vocabulary) -> str:
    """The text with the words of its titles that are never a name in lower case, as a sentence writes them, letters
    and offsets unchanged (`Caneca Para Vovó Rebeca Com Ultrassom` read as `caneca para vovó Rebeca com ultrassom`),
    so that recognizers read a title's words as words."""
    language = likely_language(text) if _TITLE_CANDIDATE.search(text) else ENGLISH
    if language == ENGLISH:
        return text
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if in_a_title(line, 0, vocabulary):
            lines[index] = _WORD.sub(lambda word: _lowered(word.group(), language, vocabulary), line)
    return "\n".join(lines)


def _lowered(word: str, language: str, vocabulary: Vocabulary) -> str:
    """The word in lower case when it is never a name (`_never_a_name`: `Para`, `Com`, `Vovó`; not `Torres`)."""
    lower = word.lower()
    return lower if len(lower) == len(word) and _never_a_name(word, language, vocabulary) else word


def without_title_words(text: str, start: int, end: int, vocabulary: Vocabulary) -> tuple[int, int]:
    """The span, in a title, without the words at either end that are never a name (`_never_a_name`); empty when it
    holds only words of a language that are no popular given name (`Porta Retrato Triplo`). Outside a title, the span
    as it is."""
    language = likely_language(text)
    if language == ENGLISH or not in_a_title(text, start, vocabulary):
        return start, end
    words = list(_WORD.finditer(text, start, end))
    if all(_never_a_name(w.group(), language, vocabulary) or _title_word(w.group()) for w in words):
        return start, start
    kept = [w for w in words if not _never_a_name(w.group(), language, vocabulary)]
    return kept[0].start(), kept[-1].end()


def _never_a_name(word: str, language: str, vocabulary: Vocabulary) -> bool:
    """A word that is never a name (`local_not_names`, also in the plural: `Titios`), a common caption word or an
    exam's name, or one the text's language or English writes too often for a name: LOCAL_WORD_COUNT, or
    POPULAR_NAME_WORD_COUNT for a popular given name or a common surname (`Com`, `Und`, `For`, `Petit`; not
    `Torres`, `Rosa`)."""
    lexicon = name_lexicon()
    named = lexicon.is_popular_given_name(word) or lexicon.is_common_surname(word)
    count = max(dictionary_count(word, known) for known in {language, ENGLISH})
    return (word in vocabulary.local_not_names or word.removesuffix("s") in vocabulary.local_not_names
            or vocabulary.is_common_word(word) or vocabulary.is_exam_word(word)
            or count >= (POPULAR_NAME_WORD_COUNT if named else LOCAL_WORD_COUNT))


def _title_word(word: str) -> bool:
    """A word some language's dictionary knows that is no popular given name (`Retrato`, German's `Geschenk`; not
    `Lucía`, `Anna`)."""
    return (any(dictionary_count(word, language) > 0 for language in (ENGLISH, *LOCALES))
            and not name_lexicon().is_popular_given_name(word))
