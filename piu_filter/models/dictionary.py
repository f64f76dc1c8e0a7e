"""Words as pyspellchecker's bundled dictionaries know them: how often a word occurs (a name or town no
dictionary knows is rarer than one that is also a word), and which known word a misread one is one letter off.
In the other languages a form pyspellchecker lacks counts as its lemma where spaCy's lookup tables
(spacy-lookups-data) know one: pyspellchecker's Spanish list lacks a third of the language's 3,000 most common words
(`gracias`, `está`, `semanas`), and the tables hold word forms, not names or places (`Cádiz`, `Lola`)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache

DICTIONARY_LANGUAGES = ("en", "fr", "de", "es", "pt", "it")
LISTED_ONLY = 50  # the count pyspellchecker's lists give most of their words (64-95%; names and places among them)


@lru_cache(maxsize=8)
def _spellchecker(language: str = "en"):
    from spellchecker import SpellChecker

    return SpellChecker(language=language, distance=1)


def dictionary_count(word: str, language: str = "en") -> int:
    """How often a word occurs in the corpus behind pyspellchecker's bundled dictionary of `language` (`en`, `fr`,
    `de`, `es`, `pt`, `it`; 0: unknown); in a language other than English, a form that dictionary lacks counts as
    often as its lemma (`semanas` as `semana`), when spacy-lookups-data is installed; `œ` counts as the `oe` those
    lists write (`cœur` as `coeur`)."""
    counts = _spellchecker(language).word_frequency
    folded = word.lower().replace("œ", "oe")
    count = counts[folded]
    if count or language == "en":
        return count
    lemma = _lemma(folded, language)
    return counts[lemma] if lemma is not None and lemma != folded else 0


def _lemma(form: str, language: str) -> str | None:
    """The lemma spaCy's lookup table of `language` gives a lower-case form (the first, where it lists several)."""
    lemma = _lemmas(language).get(form)
    lemma = lemma[0] if isinstance(lemma, list) and lemma else lemma
    return lemma if isinstance(lemma, str) else None


@lru_cache(maxsize=8)
def _lemmas(language: str) -> Mapping[str, str]:
    """spaCy's lemma lookup table of `language` (form -> lemma); empty when spaCy or spacy-lookups-data is not
    installed."""
    try:
        from spacy.lookups import load_lookups

        return load_lookups(language, ["lemma_lookup"]).get_table("lemma_lookup")
    except (ImportError, ValueError):  # ValueError: spacy-lookups-data missing, or no table for the language
        return {}


_INFINITIVE_ENDINGS = {"fr": ("er", "ir", "re", "oir"), "es": ("ar", "er", "ir"), "pt": ("ar", "er", "ir", "or"),
                       "it": ("are", "ere", "ire", "rre")}


def is_verb_form(word: str, language: str) -> bool:
    """Whether spaCy's lemma table of `language` (French, Spanish, Portuguese, Italian) gives the lower-case word an
    infinitive for its lemma (`tiene` as `tener`, `è` as `essere`); a noun the table reads as a verb's form counts as
    one too (`noticia` as `noticiar`)."""
    lemma = _lemma(word.lower(), language)
    return lemma is not None and lemma.endswith(_INFINITIVE_ENDINGS.get(language, ()))


def is_counted(word: str, language: str) -> bool:
    """Whether `language`'s dictionary counts the word more often than it counts the words it only lists
    (`LISTED_ONLY`: Portuguese lists `Seia` and `Inês` as it lists its rarest words)."""
    return dictionary_count(word, language) > LISTED_ONLY


def in_any_dictionary(word: str) -> bool:
    """Whether a dictionary of any language piu-filter reads knows the word as written (`clinica` is Italian)."""
    return any(_spellchecker(language).word_frequency[word.lower()] for language in DICTIONARY_LANGUAGES)


def one_edit_from(word: str, candidates: Iterable[str]) -> str | None:
    """The one candidate a single edit (a letter missing, extra, wrong, or two swapped) from `word`, case
    ignored; None when none or several are."""
    edits = _spellchecker().edit_distance_1(word.lower())
    near = [candidate for candidate in candidates if candidate.lower() in edits]
    return near[0] if len(near) == 1 else None
