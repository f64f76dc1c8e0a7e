"""Facility words as OCR reads them (rules 10, 13 and 15 of `rules.py`)."""

from __future__ import annotations

from functools import lru_cache

from piu_filter.models.dictionary import dictionary_count, in_any_dictionary, one_edit_from
from piu_filter.models.ocr.words import OcrWord

_FUZZY_FACILITY_LENGTH = 5  # a misread this long, of a facility word one longer or more, is restored
_TRAILING_MARKS = ",.;:"


@lru_cache(maxsize=8)
def _facility_keys(facility_words: tuple[str, ...]) -> dict[str, str]:
    return {word.lower().replace("i", "l"): word for word in facility_words}


def fix_facility_word(previous: str, text: str, facility_words: tuple[str, ...]) -> str:
    """Rule 10: a facility word read with l for I, in lower case, or one letter off (besides l for i: `Hespltal`),
    after a capitalised word; a comma or full stop after it stays (`Hospltal,` -> `Hospital,`)."""
    stem = text.rstrip(_TRAILING_MARKS)
    return _fixed_facility_word(previous, stem, facility_words) + text[len(stem):] if stem else text


def _fixed_facility_word(previous: str, text: str, facility_words: tuple[str, ...]) -> str:
    word = _facility_keys(facility_words).get(text.lower().replace("i", "l"))
    if word is None and len(text) >= _FUZZY_FACILITY_LENGTH and text.isalpha() and not in_any_dictionary(text):
        longer = [w for w in facility_words if len(w) >= _FUZZY_FACILITY_LENGTH + 1]
        word = one_edit_from(text, longer) or one_edit_from(text.replace("m", "rn"), longer)  # "Matemity"
        if word is None:  # one letter off besides l for i: "Hespltal", "Asoclates"
            keys = {key: w for key, w in _facility_keys(facility_words).items() if w in longer}
            word = keys.get(one_edit_from(text.lower().replace("i", "l"), keys) or "")
    if word is None or text in (word, word.upper()) or not previous[:1].isupper():
        return text
    return word.upper() if previous.isupper() and len(previous) > 1 else word


def join_split_facility_word(words: list[OcrWord], facility_words: tuple[str, ...]) -> list[OcrWord]:
    """Rule 13: a facility word read as two words becomes one ("Heal th" -> "Health")."""
    keys = {word.lower(): word for word in facility_words}
    joined: list[OcrWord] = []
    for word in words:
        whole = keys.get((joined[-1].text + word.text).lower()) if joined and word.text.isalpha() else None
        if whole and joined[-1].text.isalpha() and joined[-1].text[:1].isupper():
            previous = joined.pop()
            word = previous.joined(word, whole.upper() if previous.text.isupper() and word.text.isupper() else whole)
        joined.append(word)
    return joined


def fix_facility_abbreviations(words: list[OcrWord], abbreviations: tuple[str, ...]) -> None:
    """Rule 15: in upper case, a word one letter off a facility abbreviation, after an upper-case word and in no
    English dictionary ("VALENZUELA HOSR." -> "HOSP."), or before an abbreviation ("HED CTR" -> "MED CTR")."""
    def near(text: str) -> str | None:
        stem = text.rstrip(".")
        if not (stem.isalpha() and stem.isupper()) or stem in abbreviations:
            return None
        found = one_edit_from(stem, abbreviations)
        return found + text[len(stem):] if found else None

    for previous, word in zip(words, words[1:]):
        fixed = near(word.text)
        after_capitals = previous.text.isupper() and previous.text.isalpha()
        if fixed and after_capitals and dictionary_count(word.text.rstrip(".")) == 0:
            word.text = fixed
    for word, following in zip(words, words[1:]):
        fixed = near(word.text)
        if fixed and following.text.rstrip(".") in abbreviations:
            word.text = fixed
