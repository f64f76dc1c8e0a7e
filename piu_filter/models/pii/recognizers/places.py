"""Places.

- "City, ST" or "City, Region": the code of a US state, Canadian province or Australian state, or
  the name of a state, province, territory, county or nation of the profile's regions (pycountry's
  ISO 3166-2 list: `Springfield, Illinois`, `Leeberg, Midlothian`, `Whitehorse, Yukon Territory`); `St.`,
  `Mt.`, `Ft.` may open the city; a postcode after it (US, Australian, Canadian, Indian) is part of the place;
- UK postcodes (presidio's UkPostcodeRecognizer patterns, `LS1 4AP`) and Canadian postal codes
  written with their space (presidio's pattern, `K1A 0B1`), as LOCATION;
- street addresses: a house number (`12`, `12B`, `6/2`), one to three capitalised words ending in a
  street word (Street, Rd, Avenue, Lane, Close, Crescent, Plaza, Trail, Chowk, Nagar, and the USPS
  street suffixes: Coves, Landing, Trailer, Quadrangle, ...), and
  an apartment, suite, unit or flat number after it; or, starting a line, a house number and two or
  three capitalised words ending it or a comma (`3910 Faulkner Landing`);
- the capitalised words after a lower-case "in" or "near" ("from Julia in New Denise"), unless a
  word is common, a month or a weekday ("in Stock", "in June").
"""

from __future__ import annotations

import re
import unicodedata

from presidio_analyzer import EntityRecognizer, Pattern, PatternRecognizer, RecognizerResult
from presidio_analyzer.predefined_recognizers import CaPostalCodeRecognizer, UkPostcodeRecognizer

from piu_filter.models.pii.recognizers.dates import CALENDAR_WORDS
from piu_filter.models.pii.recognizers.patterns import CASE_SENSITIVE, RuleRecognizer, finding
from piu_filter.models.pii.recognizers.technical import is_common_word

CODED_COUNTRIES = ("US", "CA", "AU")  # countries whose addresses write the region's code (`Springfield, IL`)
_CITY = r"(?:(?:St|Mt|Ft)\.[ \t]?|Saint[ \t])?[A-Z][a-z]+(?:[ \t\-][A-Z][a-z]+){0,2}"


def region_names(countries: list[str]) -> list[str]:
    """Names of the states, provinces, territories, counties and nations of `countries` (pycountry's
    ISO 3166-2 list), with ASCII spellings beside accented ones and `Durham, County` also as `County Durham`."""
    import pycountry

    names: set[str] = set()
    for country in countries:
        for subdivision in pycountry.subdivisions.get(country_code=country) or []:
            name = subdivision.name.split(" [")[0]
            if ", " in name:
                base, kind = name.split(", ", 1)
                names.update({base, f"{kind} {base}"} if kind == "County" else {base})
            else:
                names.add(name)
    return sorted(names | {_ascii(name) for name in names})


def region_codes(countries: list[str]) -> list[str]:
    """Region codes written in addresses (`IL`, `ON`, `NSW`), for the countries that write them."""
    import pycountry

    return sorted({s.code.split("-")[1] for c in countries if c in CODED_COUNTRIES for s in pycountry.subdivisions.get(country_code=c) or []})


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def _city_region(countries: list[str]) -> str:
    names = region_names(countries)
    region = "|".join(re.escape(n) for n in sorted(region_codes(countries) + names + [n.upper() for n in names], key=len, reverse=True))
    return rf"\b(?:{_CITY}|[A-Z]+(?:[ \t][A-Z]+){{0,2}}),[ \t]?(?:{region})(?:[ \t]+(?i:Territory))?\b{_POSTCODE}"


_POSTCODE = r"(?:[ \t]+(?:\d{6}|\d{5}(?:-\d{4})?|\d{4}|[A-Z]\d[A-Z][ \t]?\d[A-Z]\d)(?![\w-]))?"  # IN PIN, US ZIP, AU, CA
_STREET_WORDS = """Street St Avenue Ave Road Rd Boulevard Blvd Lane Ln Drive Dr Court Ct Way Place Pl Terrace Ter Parkway
    Pkwy Highway Hwy Circle Cir Close Crescent Cres Square Sq Trail Plaza Grove Gardens Gdns Hill Row Walk Mews Rise Vale
    Quay Wharf Ridge Heights Alley Path Loop Crossing Junction Expressway Freeway Pike Run Chowk Ganj Nagar Marg Bagh
    Colony Layout Esplanade Parade Promenade""".split() + """Annex Arcade Bayou Beach Bend Bluff Bottom Branch Bridge
    Brook Burg Bypass Camp Canyon Cape Causeway Center Cliff Club Common Corner Course Cove Creek Crest Crossroad Curve
    Dale Dam Divide Estate Extension Falls Ferry Field Flat Ford Forest Forge Fork Fort Garden Gateway Glen Green Harbor
    Haven Hollow Inlet Island Isle Key Knoll Lake Land Landing Light Lock Lodge Mall Manor Meadow Mill Mission Motorway
    Mount Mountain Neck Orchard Oval Overpass Park Pass Passage Pine Plain Point Port Prairie Ramp Ranch Rapid Rest River
    Route Rue Shoal Shore Skyway Spring Spur Station Stravenue Stream Summit Throughway Track Trafficway Trailer Tunnel
    Turnpike Underpass Union Valley Viaduct View Village Ville Vista Wall Well Quadrangle""".split()  # USPS street suffixes
_STREET = (rf"(?<![\w/.-])\d{{1,5}}[A-Za-z]?(?:/\d{{1,5}})?,?[ \t]+(?:[A-Z][a-z]+[ \t]+){{1,3}}"
           rf"(?:{'|'.join(_STREET_WORDS)})s?\b\.?(?:,?[ \t]+(?:Apt|Suite|Ste|Unit|Flat|Fl)\.?[ \t]*#?\d{{1,5}}[A-Za-z]?)?")
_NUMBERED_LINE = r"^\d{1,5}[A-Za-z]?(?:/\d{1,5})?,?[ \t]+[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+){1,2}(?=[ \t]*(?:,|$))"


class StreetAddressRecognizer(PatternRecognizer):
    """House number, street name and street word; no common caption word in the name."""

    def __init__(self) -> None:
        super().__init__("LOCATION", name="StreetAddressRecognizer", global_regex_flags=CASE_SENSITIVE,
                         patterns=[Pattern("street address", _STREET, 0.6), Pattern("numbered line", _NUMBERED_LINE, 0.5)],
                         context=["address", "addr"])

    def invalidate_result(self, pattern_text: str) -> bool:
        """A common caption word in the street name drops it; an address keeps its pattern's score."""
        return any(is_common_word(w) for w in re.findall(r"[A-Z][a-z]+", pattern_text))


_AFTER_IN = re.compile(r"\b(?:in|near)[ \t]+(?P<value>[A-Z][a-z]+(?:[ \t][A-Z][a-z]+){0,2})\b")


class PlaceAfterInRecognizer(RuleRecognizer):
    """Capitalised words after "in" or "near", when none is a common, month or weekday word."""

    entity = "LOCATION"
    score = 0.5

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        results = []
        for match in _AFTER_IN.finditer(text):
            words = match.group("value").split()
            if not any(is_common_word(w) or w.lower() in CALENDAR_WORDS for w in words):
                results.append(finding(self.name, "LOCATION", *match.span("value"), self.score))
        return results


def _postcodes() -> list[PatternRecognizer]:
    """presidio's UK and Canadian (with its space) postcode patterns, scored to pass, reported as LOCATION."""
    uk = [Pattern(p.name, p.regex, 0.5) for p in UkPostcodeRecognizer.PATTERNS]
    canada = [Pattern(p.name, p.regex, 0.5) for p in CaPostalCodeRecognizer.PATTERNS if "with space" in p.name]
    return [PatternRecognizer("LOCATION", name=name, patterns=patterns, global_regex_flags=CASE_SENSITIVE)
            for name, patterns in (("UkPostcodeLocationRecognizer", uk), ("CaPostalCodeLocationRecognizer", canada))]


def place_recognizers(countries: list[str]) -> list[EntityRecognizer]:
    """Place recognizers; "City, Region" knows the regions of `countries`."""
    return [PatternRecognizer("LOCATION", name="CityStateRecognizer", global_regex_flags=CASE_SENSITIVE,
                              patterns=[Pattern("city, state", _city_region(countries), 0.7)]),
            StreetAddressRecognizer(), PlaceAfterInRecognizer(), *_postcodes()]
