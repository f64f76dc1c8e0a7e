"""The PII vocabulary: the words OCR correction and the recognizers know (screen labels, facility words,
caption words, technical words, eponym heads, formula authors, file extensions, ...), read from
`vocabulary.yaml` beside this file. A profile adds words to any list (`pii.vocabulary`) or replaces the
file (`pii.vocabulary_file`). Month and weekday names come from the `calendar` module.
"""

from __future__ import annotations

import calendar
import difflib
import re
from dataclasses import dataclass, fields, replace
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Mapping

import regex
import yaml

from piu_filter.errors import PiuFilterError

if TYPE_CHECKING:
    from piu_filter.profile_sections import PiiConfig

BUILTIN_FILE = Path(__file__).with_name("vocabulary.yaml")
MONTH_NAMES = (*calendar.month_name[1:], *calendar.month_abbr[1:], "Sept")
CALENDAR_WORDS = frozenset(w.lower() for names in (calendar.month_name, calendar.month_abbr, calendar.day_name,
                                                   calendar.day_abbr) for w in names if w)  # never a name or a place
_SHORT_NUMBER = re.compile(r"^\d{1,3}(?:[.,]\d+)?$")  # read-outs such as 0.6, 150, 12.5
_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")
_FRAGMENTS = {"center": r"(?:Cent(?:er|re)|Ctr\.?)"}  # placeholders inside the vocabulary's own fragments
_EDGE_MARKS = " ,;:()[]"


@dataclass(frozen=True)
class Vocabulary:
    """Every list of `vocabulary.yaml`, as tuples; see that file for what each one holds."""

    labels: tuple[str, ...]
    value_labels: tuple[str, ...]
    name_labels: tuple[str, ...]
    id_labels: tuple[str, ...]
    phone_labels: tuple[str, ...]
    facility_labels: tuple[str, ...]
    scan_credits: tuple[str, ...]
    postcode_labels: tuple[str, ...]
    date_labels: tuple[str, ...]
    local_name_labels: tuple[str, ...]
    local_sign_offs: tuple[str, ...]
    local_closings: tuple[str, ...]
    local_wrote_words: tuple[str, ...]
    local_exam_words: tuple[str, ...]
    local_feasts: tuple[str, ...]
    local_saints: tuple[str, ...]
    local_saint_feasts: tuple[str, ...]
    local_town_prefixes: tuple[str, ...]
    local_family_words: tuple[str, ...]
    local_sacred_names: tuple[str, ...]
    local_greetings: tuple[str, ...]
    local_pet_names: tuple[str, ...]
    local_possessives: tuple[str, ...]
    local_feast_phrases: tuple[str, ...]
    local_name_prefixes: tuple[str, ...]
    local_place_words: tuple[str, ...]
    local_conjunctions: tuple[str, ...]
    local_indefinite_articles: tuple[str, ...]
    local_definite_articles: tuple[str, ...]
    local_eponym_heads: tuple[str, ...]
    local_dedications: tuple[str, ...]
    german_definite_articles: tuple[str, ...]
    local_phone_words: tuple[str, ...]
    local_town_links: tuple[str, ...]
    local_street_words: tuple[str, ...]
    local_street_endings: tuple[str, ...]
    local_address_units: tuple[str, ...]
    local_house_number_marks: tuple[str, ...]
    local_cardinal_points: tuple[str, ...]
    local_crossing_street_words: tuple[str, ...]
    local_facility_kinds: tuple[str, ...]
    local_facility_partners: tuple[str, ...]
    local_facility_places: tuple[str, ...]
    local_facility_heads: tuple[str, ...]
    local_specialty_links: tuple[str, ...]
    local_doctor_titles: tuple[str, ...]
    local_birth_words: tuple[str, ...]
    local_companions: tuple[str, ...]
    local_date_words: tuple[str, ...]
    local_specialties: tuple[str, ...]
    local_facility_adjectives: tuple[str, ...]
    local_facility_adjectives_before: tuple[str, ...]
    never_name_start: tuple[str, ...]
    name_particles: tuple[str, ...]
    technical_words: tuple[str, ...]
    units: tuple[str, ...]
    preset_prefixes: tuple[str, ...]
    caption_words: tuple[str, ...]
    product_words: tuple[str, ...]
    product_links: tuple[str, ...]
    brands: tuple[str, ...]
    brand_lines: tuple[str, ...]
    name_leads: tuple[str, ...]
    not_initials: tuple[str, ...]
    facility_endings: tuple[str, ...]
    weak_facility_endings: tuple[str, ...]
    adjective_endings: tuple[str, ...]
    facility_words: tuple[str, ...]
    facility_abbreviations: tuple[str, ...]
    street_words: tuple[str, ...]
    town_endings: tuple[str, ...]
    town_prefixes: tuple[str, ...]
    phone_context: tuple[str, ...]
    id_context: tuple[str, ...]
    file_extensions: tuple[str, ...]
    eponym_heads: tuple[str, ...]
    anatomy_of: tuple[str, ...]
    formula_authors: tuple[str, ...]
    biometry_terms: tuple[str, ...]

    def extended(self, additions: Mapping[str, list[str]]) -> "Vocabulary":
        """This vocabulary with words added to its lists; words added to `facility_words` also end facility names."""
        _check_keys(additions, "pii.vocabulary")
        changes = {key: (*getattr(self, key), *_strings(words, f"pii.vocabulary.{key}")) for key, words in additions.items()}
        if "facility_words" in additions:
            added = changes["facility_words"][len(self.facility_words):]
            changes["facility_endings"] = (*changes.get("facility_endings", self.facility_endings), *map(re.escape, added))
        return replace(self, **changes)

    def alternation(self, key: str) -> str:
        """The list `key` as one regex alternation, in the list's order, with `{{center}}` and such filled in; an empty
        list matches nothing (not the empty string)."""
        return "(?:" + "|".join(_fill(p) for p in getattr(self, key)) + ")" if getattr(self, key) else "(?!)"

    @cached_property
    def local_not_names(self) -> frozenset[str]:
        """Capitalised words of the other languages that are never a person nor a town there: family words, feasts,
        sacred names, greetings, pet names and possessives (`Mamie`, `Noël`, `Dios`, `Hola`, `Trésor`, `Nuestra`)."""
        return frozenset((*self.local_family_words, *self.local_feasts, *self.local_sacred_names,
                          *self.local_greetings, *self.local_pet_names, *self.local_possessives))

    @cached_property
    def after_german_article(self) -> regex.Pattern:
        """A German definite article ending the text searched, before a word: a noun after it, no name nor town
        (`nach dem Sturm`, `für die Tür`)."""
        return regex.compile(rf"(?<![\p{{L}}])(?i:{self.alternation('german_definite_articles')})[ \t]+$")

    @cached_property
    def local_link_words(self) -> frozenset[str]:
        """The other languages' sign-offs of two to four letters, words of company and conjunctions of two letters or
        more, in lower case, no name particle nor family word (`pour`, `para`, `mit`, `con`, `und`, `et`): a sentence
        writes them in lower case."""
        words = (*(w for w in self.local_sign_offs if len(w) <= 4), *self.local_companions, *self.local_conjunctions)
        return (frozenset(w.lower() for w in words if w.isalpha() and len(w) >= 2)
                - {w.lower() for w in (*self.name_particles, *self.local_not_names)})

    @cached_property
    def ocr_labels(self) -> tuple[str, ...]:
        """The labels OCR restores from near-misses."""
        return (*self.labels, *self.value_labels)

    @cached_property
    def _technical_upper(self) -> frozenset[str]:
        return frozenset(w.upper() for w in (*self.technical_words, *(label.rstrip(".") for label in self.labels)))

    def is_near_technical(self, word: str, cutoff: float = 0.75) -> bool:
        """A technical word or label of three letters or more, or one misread by about a letter in four
        (`Galn`, `Dopth`, `Exas`)."""
        stripped = word.strip(_EDGE_MARKS).upper()
        return len(stripped) >= 3 and bool(difflib.get_close_matches(stripped, self._technical_sorted, 1, cutoff))

    @cached_property
    def _technical_sorted(self) -> tuple[str, ...]:
        return tuple(sorted(w for w in self._technical_upper if len(w) >= 3))

    @cached_property
    def _technical_patterns(self) -> tuple[re.Pattern, ...]:
        return (
            re.compile(r"^\d{1,2}w\d{1,2}d$", re.I),                         # gestational age 12w3d
            re.compile(r"^[CLPEV]{1,2}\d{1,2}-\d{1,2}[A-Za-z]{0,3}$"),        # probe names C5-1, L12-5, EC9-4
            re.compile(rf"^\d+(?:[.,]\d+)?{self.alternation('units')}$", re.I),  # values with units
            re.compile(r"^[A-Z]{1,4}=\d+(?:\.\d+)?%?$"),                     # settings AO=100%
            re.compile(rf"^{self.alternation('preset_prefixes')}[A-Z0-9]{{1,6}}$"),  # presets OB1TRI, ABDGEN
        )

    def is_exam_word(self, word: str) -> bool:
        """An exam's name in another language (`local_exam_words`), or a word of five letters or more misread from
        one by about a letter in four (`Uitrassom`, `Ecogrofio`, `Ultras`); case is ignored."""
        stripped = word.strip(_EDGE_MARKS).upper()
        return stripped in self._exam_words or len(stripped) >= 5 and _near(stripped, self._exam_words)

    @cached_property
    def _exam_words(self) -> tuple[str, ...]:
        return tuple(sorted({w.upper() for w in self.local_exam_words}))

    @cached_property
    def _caption_words(self) -> frozenset[str]:
        return frozenset(w.lower() for w in self.caption_words)

    def is_technical_term(self, word: str) -> bool:
        """An ultrasound term, screen label, probe name or value with a unit (never private, never covered
        when it stands beside a private word). Case is ignored."""
        stripped = word.strip(_EDGE_MARKS)
        return (not stripped or stripped.upper() in self._technical_upper
                or any(p.match(stripped) for p in self._technical_patterns))

    def is_screen_label(self, word: str) -> bool:
        """A technical word or screen label that stands in a name's place, not before one (`Pt`, `Birth:`; not a
        doctor's title, `Dr.`). Case is ignored."""
        return self.is_technical_term(word) and not self._doctor_title.fullmatch(word.strip(_EDGE_MARKS))

    @cached_property
    def _doctor_title(self) -> re.Pattern:
        return re.compile(self.alternation("local_doctor_titles"), re.IGNORECASE)

    def is_technical(self, word: str) -> bool:
        """A technical term, or a short number read out on its own (0.6, 150): an entity made only of such
        words is not private."""
        return self.is_technical_term(word) or bool(_SHORT_NUMBER.match(word.strip(_EDGE_MARKS)))

    def is_common_word(self, word: str) -> bool:
        """A technical term or a common caption word (Baby, Ultrasound, Template, Canon): never part of a name."""
        stripped = word.strip(_EDGE_MARKS + "!?.'\"").removesuffix("'s").removesuffix("’s")
        return self.is_technical_term(stripped) or stripped.lower() in self._caption_words


@lru_cache(maxsize=4096)
def _near(word: str, candidates: tuple[str, ...], cutoff: float = 0.75) -> bool:
    """Whether `word` is within difflib's `cutoff` of one of `candidates`."""
    return bool(difflib.get_close_matches(word, candidates, 1, cutoff))


def month_alternation(cases: tuple[str, ...] = ("title", "upper")) -> str:
    """Month names and abbreviations in the given cases, as a regex alternation with an optional dot."""
    return _name_alternation(MONTH_NAMES, cases)


def weekday_alternation() -> str:
    """Weekday names and abbreviations in title and upper case, as a regex alternation with an optional dot."""
    return _name_alternation((*calendar.day_name, *calendar.day_abbr), ("title", "upper"))


def _name_alternation(names: tuple[str, ...], cases: tuple[str, ...]) -> str:
    forms = {getattr(name, case)() if case != "title" else name for name in names for case in cases}
    return "(?:" + "|".join(sorted(forms, key=len, reverse=True)) + r")\.?"


def load_vocabulary(path: str | Path | None = None, additions: Mapping[str, list[str]] | None = None) -> Vocabulary:
    """The vocabulary of `path` (the built-in file when None), with `additions` to its lists."""
    vocabulary = _read(Path(path) if path else BUILTIN_FILE)
    return vocabulary.extended(additions) if additions else vocabulary


def vocabulary_of(config: "PiiConfig") -> Vocabulary:
    """A profile's vocabulary: its `vocabulary_file` (or the built-in one) with its `vocabulary` additions and
    its `technical_terms` among the technical words."""
    additions = {key: list(words) for key, words in config.vocabulary.items()}
    if config.technical_terms:
        additions["technical_words"] = [*additions.get("technical_words", []), *config.technical_terms]
    return load_vocabulary(config.vocabulary_file, additions)


@lru_cache(maxsize=8)
def _read(path: Path) -> Vocabulary:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise PiuFilterError(f"vocabulary {path} cannot be read: {type(exc).__name__}: {exc}") from None
    if not isinstance(data, dict):
        raise PiuFilterError(f"vocabulary {path} must be a YAML mapping of lists")
    _check_keys(data, f"vocabulary {path}")
    missing = sorted(set(_KEYS) - set(data))
    if missing:
        raise PiuFilterError(f"vocabulary {path} lacks the list(s) {', '.join(missing)}")
    return Vocabulary(**{key: _strings(data[key], f"vocabulary {path}: {key}") for key in _KEYS})


_KEYS = tuple(f.name for f in fields(Vocabulary))


def _check_keys(data: Mapping, where: str) -> None:
    unknown = sorted(set(data) - set(_KEYS))
    if unknown:
        raise PiuFilterError(f"{where}: unknown list(s) {', '.join(map(str, unknown))}; known: {', '.join(_KEYS)}")


def _strings(words, where: str) -> tuple[str, ...]:
    if not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
        raise PiuFilterError(f"{where} must be a list of words (text), not {words!r}")
    for word in words:
        try:
            re.compile(_fill(word))
        except re.error as exc:
            raise PiuFilterError(f"{where}: {word!r} is not a valid regular expression ({exc})") from None
    return tuple(words)


def _fill(fragment: str) -> str:
    return _PLACEHOLDER.sub(lambda m: _FRAGMENTS.get(m.group(1), m.group(0)), fragment)
