"""How often a word occurs in English (pyspellchecker's bundled dictionary): a name or town no dictionary
knows is rarer than one that is also a word."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _word_frequency():
    from spellchecker import SpellChecker

    return SpellChecker(distance=1).word_frequency


def dictionary_count(word: str) -> int:
    """How often a word occurs in the corpus behind pyspellchecker's bundled English dictionary (0: unknown)."""
    return _word_frequency()[word.lower()]
