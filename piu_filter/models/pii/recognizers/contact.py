"""Phone numbers, web addresses and social handles.

- phones: presidio's PhoneRecognizer (python-phonenumbers, valid numbers) for every region of the
  profile, and a second phonenumbers pass that also takes numbers that are merely possible when
  they are written like a phone (`+1 555 010 2030`, `555.010.2030`, `(01632) 960434`): 9 to 13
  digits in 2 to 5 groups, or after a `+`; the extension is part of the number; neither takes a
  date followed by an hour (`2021.02.03 14:22`). Possible numbers of 8 to 13 digits written
  otherwise (`5550102030`, `38669113`) score below the threshold, so that only presidio's
  context words (`our number is`, `call`, `text me on`) lift them over it;
- web addresses: presidio's URL patterns, grown to the whole token and kept only when the host
  ends in a public suffix (tldextract's bundled snapshot of the list, never fetched) and its last
  label is not a file extension (`photo.jpg` and `IMG_2034.JPG` are files);
- social handles `@name` (not inside an e-mail address), as PERSON: declared in patterns.yaml.
"""

from __future__ import annotations

import re

import phonenumbers
import tldextract
from presidio_analyzer import EntityRecognizer, LocalRecognizer, RecognizerResult
from presidio_analyzer.predefined_recognizers import PhoneRecognizer, UrlRecognizer

from piu_filter.models.pii.recognizers.dates import is_calendar_date
from piu_filter.models.pii.recognizers.patterns import finding
from piu_filter.models.vocabulary import Vocabulary

_PHONE_SHAPE = re.compile(r"^(?:\(\d{1,5}\)[ .\-]?|\d{2,5}[ .\-])(?:\d{2,5}[ .\-]){0,3}\d{2,8}$")
_DATE_START = re.compile(r"^(?:\d{4}([./-])\d{1,2}\1\d{1,2}|\d{1,2}([./-])\d{1,2}\2(?:\d{4}|\d{2}))(?!\d)")
_SPACED_YEAR = re.compile(r"^((?:19|20)\d{2})[ \t](\d{1,2})([./-])")  # one separator read as a space
_PAIRS = re.compile(r"^\d{2}([ .\-])\d{2}(?:\1\d{2}){3}$")  # France's ten digits in pairs: `06.12.34.56.78`
_EXTENSION = re.compile(r"[ \t]*(?:x|ext\.?|#)[ \t]*\d{1,6}", re.I)
_SUFFIXES = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)  # the bundled public suffix list only
_TOKEN_END = re.compile(r"[^\s()<>\"']*")


def starts_with_date(text: str) -> bool:
    """A date followed by an hour or more digits (`2021.02.03 14`, `2021 02.03 14`) is no phone number."""
    match = _DATE_START.match(_SPACED_YEAR.sub(r"\1\3\2\3", text.strip()))
    return bool(match) and is_calendar_date(match.group(0))


def is_phone_shaped(text: str) -> bool:
    """Written like a phone number: a leading `+`, or 9 to 13 digits in 2 to 5 groups split by separators, not
    opening with a date (`06.12.34.56.78`, ten digits in pairs, opens with none)."""
    number = _EXTENSION.sub("", text).strip()
    if _PAIRS.match(number):
        return True
    if starts_with_date(number):
        return False
    digits = sum(ch.isdigit() for ch in number)
    if number.startswith("+"):
        return 7 <= digits <= 15
    return 9 <= digits <= 13 and bool(_PHONE_SHAPE.match(number))


class PossiblePhoneRecognizer(LocalRecognizer):
    """Numbers python-phonenumbers finds possible (not necessarily valid) in the profile's regions: written like
    phones at `score`, otherwise (8 to 13 digits, no date) at `bare_score`, below the threshold without context."""

    def __init__(self, regions: list[str], context: list[str], score: float = 0.5, bare_score: float = 0.3) -> None:
        self.regions = regions
        self.score = score
        self.bare_score = bare_score
        super().__init__(supported_entities=["PHONE_NUMBER"], name="PossiblePhoneRecognizer", context=context)

    def load(self) -> None:
        """Nothing to load."""

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        results = []
        for region in self.regions:
            for match in phonenumbers.PhoneNumberMatcher(text, region, leniency=phonenumbers.Leniency.POSSIBLE):
                end = match.end
                extension = _EXTENSION.match(text, end)
                if extension:
                    end = extension.end()
                number = text[match.start:end]
                if is_phone_shaped(number):
                    results.append(finding(self.name, "PHONE_NUMBER", match.start, end, self.score))
                elif 8 <= sum(ch.isdigit() for ch in number) <= 13 and not starts_with_date(number) \
                        and not is_calendar_date(number.strip()):
                    results.append(finding(self.name, "PHONE_NUMBER", match.start, end, self.bare_score))
        return EntityRecognizer.remove_duplicates(results)


class ValidPhoneRecognizer(PhoneRecognizer):
    """presidio's PhoneRecognizer (numbers valid in one of `regions`), dates with an hour excepted."""

    def __init__(self, regions: list[str], context: list[str]) -> None:
        super().__init__(supported_regions=regions, context=context)

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        return [r for r in super().analyze(text, entities, nlp_artifacts) if not starts_with_date(text[r.start:r.end])]


def is_web_host(url: str, file_extensions: frozenset[str], units: frozenset[str]) -> bool:
    """Whether the host of a URL ends in a public suffix, its last label not one of `file_extensions`, nor one of
    `units` after a domain of digits (`29.6.cm`, a measurement read with a dot too many)."""
    host = re.sub(r"^[a-z]+://", "", url, flags=re.I).split("/")[0].split(":")[0].rstrip(".")
    last = host.rsplit(".", 1)[-1].lower()
    parts = _SUFFIXES(host)
    if parts.domain.isdigit() and last in units:
        return False
    return bool(parts.suffix and parts.domain) and last not in file_extensions


class WebAddressRecognizer(UrlRecognizer):
    """presidio's URL patterns, grown to the whole token and kept only for real web hosts."""

    def __init__(self, file_extensions: tuple[str, ...], units: tuple[str, ...]) -> None:
        self.file_extensions = frozenset(file_extensions)
        self.units = frozenset(unit.lower() for unit in units)
        super().__init__(name="WebAddressRecognizer")

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None, regex_flags=None) -> list[RecognizerResult]:
        results = []
        for result in super().analyze(text, entities, nlp_artifacts, regex_flags):
            start, end = result.start, _TOKEN_END.match(text, result.end).end()
            while start > 0 and not text[start - 1].isspace() and text[start - 1] not in "(<\"'":
                start -= 1
            token = text[start:end].rstrip(".,;:!?")
            leading = len(token) - len(token.lstrip("([{\"'"))
            token = token[leading:]
            if "@" in token or not is_web_host(token, self.file_extensions, self.units):
                continue
            result.start, result.end = start + leading, start + leading + len(token)
            results.append(result)
        return EntityRecognizer.remove_duplicates(results)


def contact_recognizers(phone_regions: list[str], vocabulary: Vocabulary) -> list[EntityRecognizer]:
    context = list(vocabulary.phone_context)
    return [ValidPhoneRecognizer(phone_regions, context), PossiblePhoneRecognizer(phone_regions, context),
            WebAddressRecognizer(vocabulary.file_extensions, vocabulary.units)]
