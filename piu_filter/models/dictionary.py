"""Words as pyspellchecker's bundled dictionaries know them: how often a word occurs (a name or town no
dictionary knows is rarer than one that is also a word), and which known word a misread one is one letter off."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

DICTIONARY_LANGUAGES = ("en", "fr", "de", "es", "pt", "it")


@lru_cache(maxsize=8)
def _spellchecker(language: str = "en"):
    from spellchecker import SpellChecker

    return SpellChecker(language=language, distance=1)


def dictionary_count(word: str, language: str = "en") -> int:
    """How often a word occurs in the corpus behind pyspellchecker's bundled dictionary of `language` (`en`, `fr`,
    `de`, `es`, `pt`, `it`; 0: unknown)."""
    return _spellchecker(language).word_frequency[word.lower()]


def in_any_dictionary(word: str) -> bool:
    """Whether a dictionary of any language piu-filter reads knows the word (`clinica` is Italian)."""
    return any(dictionary_count(word, language) for language in DICTIONARY_LANGUAGES)


def one_edit_from(word: str, candidates: Iterable[str]) -> str | None:
    """The one candidate a single edit (a letter missing, extra, wrong, or two swapped) from `word`, case
    ignored; None when none or several are."""
    edits = _spellchecker().edit_distance_1(word.lower())
    near = [candidate for candidate in candidates if candidate.lower() in edits]
    return near[0] if len(near) == 1 else None
