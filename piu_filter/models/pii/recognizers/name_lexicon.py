"""How common a word is as a given name or a surname, from names-dataset (the first and last names
of 105 countries' Facebook users, with each name's popularity rank per country).

names-dataset loads 1.7M names into about 2 GB in 8 s; the lexicon keeps what the recognizers ask
(best rank and number of countries ranking it, for ASCII one-word names ranked in two countries or
more) and is built once per machine into the cache folder, then read in a fraction of a second.
"""

from __future__ import annotations

import gzip
import pickle
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from piu_filter.io.cache import cached_json
from piu_filter.models.dictionary import dictionary_count
from piu_filter.models.pii.recognizers.lexicon import ascii_spelling

_KINDS = ("first_names", "last_names")
POPULAR_RANK, POPULAR_COUNTRIES = 1000, 3
COMMON_SURNAME_RANK = 5000
LOCAL_WORD_COUNT = 10_000  # a word this common in a text's other language is no name unless a popular given name
POPULAR_NAME_WORD_COUNT = 100_000  # a popular given name may be a word this common in the text's language (`Rosa`)
_MIN_COUNTRIES = 2  # a name ranked in one country only is as often a word or a typo as a name
_MAX_RANK = 20_000


@dataclass(frozen=True)
class Popularity:
    """A name's best rank in any country (1: the most common there) and how many countries rank it."""

    best_rank: int
    countries: int


@dataclass(frozen=True)
class NameLexicon:
    given: dict[str, Popularity]
    surnames: dict[str, Popularity]

    def given_name(self, word: str) -> Popularity | None:
        return self.given.get(word.title())

    def surname(self, word: str) -> Popularity | None:
        return self.surnames.get(_title(word))

    def knows_given_name(self, word: str) -> bool:
        """A given name, accents folded (`Océane`, `Lucía`), or given names joined by hyphens (`Rolf-Peter`)."""
        return all(self.given_name(ascii_spelling(part)) is not None for part in word.split("-"))

    def is_popular_given_name(self, word: str) -> bool:
        """A given name, accents folded, within the POPULAR_RANK most common of POPULAR_COUNTRIES countries or more
        (`Océane`, `Marco`; not `Nosso`, a word that two countries also rank as a name)."""
        popularity = self.given_name(ascii_spelling(word))
        return popularity is not None and popularity.best_rank <= POPULAR_RANK and popularity.countries >= POPULAR_COUNTRIES

    def is_common_surname(self, word: str) -> bool:
        """A surname, accents folded, within the COMMON_SURNAME_RANK most common of POPULAR_COUNTRIES countries or
        more (`Schneider`, not `Mamas`)."""
        popularity = self.surname(ascii_spelling(word))
        return popularity is not None and popularity.best_rank <= COMMON_SURNAME_RANK and popularity.countries >= POPULAR_COUNTRIES

    def is_local_word(self, word: str, language: str) -> bool:
        """A word `language` writes too often for a name: LOCAL_WORD_COUNT, or POPULAR_NAME_WORD_COUNT for a popular
        given name (`Rosa` is a name, `Mañana` a word though a name of Georgia)."""
        limit = POPULAR_NAME_WORD_COUNT if self.is_popular_given_name(word) else LOCAL_WORD_COUNT
        return dictionary_count(word, language) >= limit

    def knows(self, word: str) -> bool:
        """A given name or a surname, accents folded."""
        return self.knows_given_name(word) or self.surname(ascii_spelling(word)) is not None


def _title(word: str) -> str:
    """`MCALLISTER` and `mcallister` as the dataset spells them (`Mcallister`), apostrophes kept (`O'connell`)."""
    return word[:1].upper() + word[1:].lower()


def check_name_lexicon() -> None:
    """Raise ModuleNotFoundError now, before any work, when names-dataset (of the `[ocr]` extra) is missing."""
    import names_dataset  # noqa: F401


@lru_cache(maxsize=1)
def name_lexicon() -> NameLexicon:
    """The lexicon, built into the cache folder on first use."""
    data = cached_json(f"names-dataset-{metadata.version('names-dataset')}.json.gz", _build, "name lexicon")
    given, surnames = ({name: Popularity(*values) for name, values in data[kind].items()} for kind in _KINDS)
    return NameLexicon(given=given, surnames=surnames)


def read_names_dataset(kind: str) -> dict[str, dict]:
    """names-dataset's `first_names` or `last_names`: each name's info, with its rank per country (about 1 GB)."""
    import names_dataset

    with gzip.open(Path(names_dataset.__file__).parent / "v3" / f"{kind}.pkl.gz") as f:
        return pickle.load(f)


def _build() -> dict[str, dict[str, list[int]]]:
    lexicon: dict[str, dict[str, list[int]]] = {}
    for kind in _KINDS:
        names = read_names_dataset(kind)
        lexicon[kind] = {}
        for name, info in names.items():
            ranks = [rank for rank in info["rank"].values() if rank]
            if len(ranks) >= _MIN_COUNTRIES and min(ranks) <= _MAX_RANK and name.isascii() and name.replace("'", "").isalpha():
                lexicon[kind][name] = [min(ranks), len(ranks)]
        del names
    return lexicon

