"""Names of the countries that write French, German, Spanish, Portuguese and Italian: the given names and
surnames names-dataset ranks in one of them (`Siegward` and `Annedore` in Germany only, `Dionigi` in Italy only),
which the name lexicon leaves out as ranked in one country. Built once per machine into the cache folder.

A name counts only where neither English nor the text's language writes it as a word (`Speri`, an Italian verb,
is no name here).
"""

from __future__ import annotations

from functools import lru_cache
from importlib import metadata

from piu_filter.io.cache import cached_json
from piu_filter.models.dictionary import dictionary_count
from piu_filter.models.pii.languages import COUNTRIES
from piu_filter.models.pii.recognizers.lexicon import ascii_spelling
from piu_filter.models.pii.recognizers.name_lexicon import name_lexicon, read_names_dataset

_MAX_RANK = 20_000
_KINDS = {"given": "first_names", "surname": "last_names"}


def is_local_name(word: str, kind: str, language: str) -> bool:
    """Whether names-dataset ranks `word` (accents folded, case ignored) as a `kind` (`given` or `surname`) name in
    a country of `language`, and no dictionary of English or the language knows it as a word."""
    return (ascii_spelling(word).lower() in _local_names()[kind][language]
            and not dictionary_count(word) and not dictionary_count(word, language))


def knows_given_name(word: str, language: str) -> bool:
    """A given name the name lexicon knows, or one of the language's countries (`is_local_name`)."""
    return name_lexicon().knows_given_name(word) or is_local_name(word, "given", language)


def knows_surname(word: str, language: str) -> bool:
    """A surname the name lexicon knows (accents folded), or one of the language's countries."""
    return name_lexicon().surname(ascii_spelling(word)) is not None or is_local_name(word, "surname", language)


@lru_cache(maxsize=1)
def _local_names() -> dict[str, dict[str, frozenset[str]]]:
    countries = "-".join("".join(countries) for countries in COUNTRIES.values())  # `FRBECH-DEATCH-...`
    data = cached_json(f"local-names-{metadata.version('names-dataset')}-{_MAX_RANK}-{countries}.json.gz", _build,
                       "local names")
    return {kind: {language: frozenset(names) for language, names in per_language.items()}
            for kind, per_language in data.items()}


def _build() -> dict[str, dict[str, list[str]]]:
    data: dict[str, dict[str, list[str]]] = {}
    for kind, file in _KINDS.items():
        names = read_names_dataset(file)
        data[kind] = {language: sorted({ascii_spelling(name).lower() for name, info in names.items()
                                        if any(0 < (info["rank"].get(country) or 0) <= _MAX_RANK for country in countries)})
                      for language, countries in COUNTRIES.items()}
        del names
    return data
