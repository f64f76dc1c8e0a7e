"""Places.

- "City, ST" or "City, State": the code of a US state, Canadian province or Australian state, or
  the full name of a state, province or territory of the US, Canada, Australia or India, or a UK
  nation; a postcode after it is part of the place;
- UK postcodes (presidio's UkPostcodeRecognizer patterns, `LS1 4AP`) and Canadian postal codes
  written with their space (presidio's pattern, `K1A 0B1`), as LOCATION;
- street addresses: a house number (`12`, `12B`, `6/2`), one to three capitalised words ending in a
  street word (Street, Rd, Avenue, Lane, Close, Crescent, Plaza, Trail, Chowk, Nagar, ...), and
  an apartment, suite, unit or flat number after it; or, starting a line, a house number and two or
  three capitalised words ending it or a comma (`3910 Faulkner Landing`);
- the capitalised words after a lower-case "in" or "near" ("from Julia in New Denise"), unless a
  word is common, a month or a weekday ("in Stock", "in June").
"""

from __future__ import annotations

import calendar
import re

from presidio_analyzer import EntityRecognizer, Pattern, PatternRecognizer, RecognizerResult
from presidio_analyzer.predefined_recognizers import CaPostalCodeRecognizer, UkPostcodeRecognizer

from piu_filter.recognizers.patterns import CASE_SENSITIVE, finding
from piu_filter.recognizers.technical import is_common_word

REGION_CODES = ("AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND "
                "OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC "          # US states
                "AB BC MB NB NL NS NT NU ON PE QC SK YT "                        # Canadian provinces
                "NSW VIC QLD TAS ACT").split()                                  # Australian states
REGION_NAMES = [
    "Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado", "Connecticut", "Delaware", "Florida", "Georgia",
    "Hawaii", "Idaho", "Illinois", "Indiana", "Iowa", "Kansas", "Kentucky", "Louisiana", "Maine", "Maryland",
    "Massachusetts", "Michigan", "Minnesota", "Mississippi", "Missouri", "Montana", "Nebraska", "Nevada", "New Hampshire",
    "New Jersey", "New Mexico", "New York", "North Carolina", "North Dakota", "Ohio", "Oklahoma", "Oregon", "Pennsylvania",
    "Rhode Island", "South Carolina", "South Dakota", "Tennessee", "Texas", "Utah", "Vermont", "Virginia", "Washington",
    "West Virginia", "Wisconsin", "Wyoming", "District of Columbia",
    "Alberta", "British Columbia", "Manitoba", "New Brunswick", "Newfoundland and Labrador", "Nova Scotia", "Ontario",
    "Prince Edward Island", "Quebec", "Saskatchewan", "Northwest Territories", "Nunavut", "Yukon",
    "New South Wales", "Victoria", "Queensland", "South Australia", "Western Australia", "Tasmania",
    "Northern Territory", "Australian Capital Territory",
    "Andhra Pradesh", "Assam", "Bihar", "Chhattisgarh", "Goa", "Gujarat", "Haryana", "Himachal Pradesh", "Jharkhand",
    "Karnataka", "Kerala", "Madhya Pradesh", "Maharashtra", "Manipur", "Meghalaya", "Mizoram", "Nagaland", "Odisha",
    "Punjab", "Rajasthan", "Sikkim", "Tamil Nadu", "Telangana", "Tripura", "Uttar Pradesh", "Uttarakhand", "West Bengal",
    "Delhi", "England", "Scotland", "Wales", "Northern Ireland",
]
_CITY = r"[A-Z][a-z]+(?:[ \t\-][A-Z][a-z]+){0,2}"
_REGION = "|".join(sorted(REGION_CODES + REGION_NAMES + [n.upper() for n in REGION_NAMES], key=len, reverse=True))
_POSTCODE = r"(?:[ \t]+(?:\d{5}(?:-\d{4})?|\d{4}|[A-Z]\d[A-Z][ \t]?\d[A-Z]\d))?"  # US ZIP, AU postcode, Canadian
_CITY_REGION = rf"\b(?:{_CITY}|[A-Z]+(?:[ \t][A-Z]+){{0,2}}),[ \t]?(?:{_REGION})\b{_POSTCODE}"
_STREET_WORDS = """Street St Avenue Ave Road Rd Boulevard Blvd Lane Ln Drive Dr Court Ct Way Place Pl Terrace Ter Parkway
    Pkwy Highway Hwy Circle Cir Close Crescent Cres Square Sq Trail Plaza Grove Gardens Gdns Hill Row Walk Mews Rise Vale
    Quay Wharf Ridge Heights Alley Path Loop Crossing Junction Expressway Freeway Pike Run Chowk Ganj Nagar Marg Bagh
    Colony Layout Esplanade Parade Promenade""".split()
_STREET = (rf"(?<![\w/.-])\d{{1,5}}[A-Za-z]?(?:/\d{{1,5}})?,?[ \t]+(?:[A-Z][a-z]+[ \t]+){{1,3}}"
           rf"(?:{'|'.join(_STREET_WORDS)})s?\b\.?(?:,?[ \t]+(?:Apt|Suite|Ste|Unit|Flat|Fl)\.?[ \t]*#?\d{{1,5}}[A-Za-z]?)?")
_NUMBERED_LINE = r"^\d{1,5}[A-Za-z]?(?:/\d{1,5})?,?[ \t]+[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+){1,2}(?=[ \t]*(?:,|$))"


class StreetAddressRecognizer(PatternRecognizer):
    """House number, street name and street word; no common caption word in the name."""

    def __init__(self) -> None:
        super().__init__("LOCATION", name="StreetAddressRecognizer", global_regex_flags=CASE_SENSITIVE,
                         patterns=[Pattern("street address", _STREET, 0.6), Pattern("numbered line", _NUMBERED_LINE, 0.5)],
                         context=["address", "addr"])

    def validate_result(self, pattern_text: str) -> bool:
        return not any(is_common_word(w) for w in re.findall(r"[A-Z][a-z]+", pattern_text))


_AFTER_IN = re.compile(r"\b(?:in|near)[ \t]+(?P<value>[A-Z][a-z]+(?:[ \t][A-Z][a-z]+){0,2})\b")
_CALENDAR_WORDS = {w.lower() for names in (calendar.month_name, calendar.month_abbr, calendar.day_name, calendar.day_abbr)
                   for w in names if w}


class PlaceAfterInRecognizer(EntityRecognizer):
    """Capitalised words after "in" or "near", when none is a common, month or weekday word."""

    def __init__(self, score: float = 0.5) -> None:
        self.score = score
        super().__init__(supported_entities=["LOCATION"], name="PlaceAfterInRecognizer")

    def load(self) -> None:
        """Nothing to load."""

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        results = []
        for match in _AFTER_IN.finditer(text):
            words = match.group("value").split()
            if not any(is_common_word(w) or w.lower() in _CALENDAR_WORDS for w in words):
                results.append(finding(self.name, "LOCATION", *match.span("value"), self.score))
        return results


def _postcodes() -> list[PatternRecognizer]:
    """presidio's UK and Canadian (with its space) postcode patterns, scored to pass, reported as LOCATION."""
    uk = [Pattern(p.name, p.regex, 0.5) for p in UkPostcodeRecognizer.PATTERNS]
    canada = [Pattern(p.name, p.regex, 0.5) for p in CaPostalCodeRecognizer.PATTERNS if "with space" in p.name]
    return [PatternRecognizer("LOCATION", name=name, patterns=patterns, global_regex_flags=CASE_SENSITIVE)
            for name, patterns in (("UkPostcodeLocationRecognizer", uk), ("CaPostalCodeLocationRecognizer", canada))]


def place_recognizers() -> list[EntityRecognizer]:
    return [PatternRecognizer("LOCATION", name="CityStateRecognizer", global_regex_flags=CASE_SENSITIVE,
                              patterns=[Pattern("city, state", _CITY_REGION, 0.7)]),
            StreetAddressRecognizer(), PlaceAfterInRecognizer(), *_postcodes()]
