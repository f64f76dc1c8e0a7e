"""Street addresses in running text: piu-filter's declared street-address patterns against usaddress
(a CRF address parser), on Faker's street addresses (en_US, en_GB, en_AU, en_CA) inside caption and
report phrasing, and on the 1,000 PII-free captions of the precision set.

    python benchmarks/pii/street_addresses.py [--count 500]

usaddress parses a string that is an address; in running text it labels every token, so it is read
here as finding an address where it tags an AddressNumber, a StreetName and a StreetNamePostType in a row.
Recall counts a planted address as found when a finding covers its house number and street name.
"""

from __future__ import annotations

import argparse
import json
import random

import precision
from faker import Faker

TEMPLATES = ("Our clinic moved to {a}.", "Scan at {a}, open Monday to Friday", "{a}\nTel 555 0100",
             "Baby shower at {a} on Saturday!", "Sonography Suite, {a}", "Referred from {a}, {c}")


def planted(count: int, seed: int) -> list[tuple[str, str]]:
    fake, rng = Faker(["en_US", "en_GB", "en_AU", "en_CA"]), random.Random(seed)
    Faker.seed(seed)
    texts = []
    for _ in range(count):
        address = fake.street_address()
        texts.append((rng.choice(TEMPLATES).format(a=address, c=fake.city()), address))
    return texts


def usaddress_spans(text: str) -> list[tuple[int, int]]:
    """Spans where usaddress tags a house number, a street name and a street type in a row."""
    import usaddress

    spans, position, run = [], 0, []
    for token, label in usaddress.parse(text):
        start = text.find(token, position)
        position = start + len(token)
        if label in ("AddressNumber", "StreetNamePreDirectional", "StreetName", "StreetNamePostType", "OccupancyType",
                     "OccupancyIdentifier"):
            run.append((start, position, label))
            continue
        _close(run, spans)
        run = []
    _close(run, spans)
    return spans


def _close(run: list, spans: list) -> None:
    labels = {label for _, _, label in run}
    if {"AddressNumber", "StreetName", "StreetNamePostType"} <= labels:
        spans.append((run[0][0], run[-1][1]))


def piu_spans(recognizers, text: str) -> list[tuple[int, int]]:
    return [(r.start, r.end) for recognizer in recognizers for r in recognizer.analyze(text, ["LOCATION"])]


def main() -> None:
    from piu_filter.models.pii.recognizers.declared import declared_recognizers
    from piu_filter.models.vocabulary import load_vocabulary

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=500)
    args = parser.parse_args()
    street = [r for r in declared_recognizers(load_vocabulary(), ["US"]) if r.name == "StreetAddressRecognizer"]
    detectors = {"piu-filter": lambda text: piu_spans(street, text), "usaddress": usaddress_spans}
    cases, clean = planted(args.count, 7), precision.captions(1000, 3)
    figures = {}
    for name, detect in detectors.items():
        found = 0
        for text, address in cases:
            start = text.index(address)
            number_and_name = (start, start + len(" ".join(address.split()[:2])))
            found += any(s <= number_and_name[0] and number_and_name[1] <= e for s, e in detect(text))
        flagged = sum(bool(detect(text)) for text in clean)
        figures[name] = {"recall": round(found / len(cases), 3), "pii_free_captions_flagged": round(flagged / len(clean), 3)}
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
