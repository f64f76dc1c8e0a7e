"""Captions of the tuning split: names in every position (credits, middle initials, titles), couples (`A & M
Smith`, `Mr & Mrs Smith`, `the Smiths`), handles, due dates (months with a year too), towns of every
profile locale (with a state code, or with no comma before them), facilities, and phone numbers written
the ways the profile's regions write them.

    python benchmarks/pii/tuning_captions.py [--count 20] [--seed 1]     # print a few, with their entities

Phone digits stay in the ranges set aside for fiction where a region has one (NANP 555-01xx, Ofcom's
drama numbers, ACMA's 0491 570 and 02 5550 ranges).
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Callable

from people import People, Person, format_date, format_phone

# Each region's ways of writing a number: the pattern (`#` one digit) and the digits it starts with; the rest
# are drawn at random.
PHONE_FORMATS: dict[str, tuple[tuple[str, str], ...]] = {
    "US": (("+1 ### ### ####", "21255501"), ("###.###.####", "41555501"), ("(###) ###-####", "31255501"),
           ("###-###-####", "61755501"), ("+1-###-###-####", "20655501"), ("1 (###) ###-####", "30555501"),
           ("### ### ####", "71355501"), ("##########", "21255501"), ("+1 (###) ###-####", "41555501")),
    "CA": (("(###) ###-####", "41655501"), ("###-###-####", "60455501"), ("+1 ### ### ####", "51455501"),
           ("1-###-###-####", "40355501")),
    "GB": (("### #### ####", "02079460"), ("+44 ## #### ####", "2079460"), ("+44 (0)## #### ####", "2079460"),
           ("#### ### ####", "01614960"), ("(#####) ######", "01632960"), ("##### ######", "07700900"),
           ("+44 #### ######", "7700900"), ("+44#### ######", "7700900")),
    "AU": (("#### ### ###", "0491570"), ("+61 ### ### ###", "491570"), ("(##) #### ####", "025550"),
           ("## #### ####", "025550"), ("+61 # #### ####", "25550"), ("+61-#-####-####", "25550")),
    "IN": (("+91 ##### #####", "98765"), ("##### #####", "98765"), ("+91-##########", "98765"),
           ("0## ########", "022"), ("0##-########", "022"), ("+91 ## #### ####", "22")),
}
REGION_OF = {"en_US": "US", "en_CA": "CA", "en_GB": "GB", "en_AU": "AU", "en_IN": "IN"}
DATE_FORMATS = ("Mon D", "Month D", "Month D, YYYY", "D Month", "Do Month", "Do of Month", "DD/MM/YYYY", "MM/DD/YYYY",
                "D Mon YYYY", "Mon Do")
SUFFIXES = ("Hospital", "Clinic", "Medical Center", "Imaging", "Radiology", "Ultrasound", "Maternity Clinic",
            "OB/GYN Associates", "Women's Health", "Fetal Medicine", "Health Centre", "Maternity", "Med Ctr",
            "Radiology Assoc.", "Hosp.")
Entity = dict
Template = Callable[[random.Random, Person], tuple[str, list[Entity]]]


def ent(kind: str, text: str) -> Entity:
    return {"type": kind, "text": text, "source": "caption"}


def phone(rng: random.Random, person: Person) -> str:
    """A number in one of the person's region's formats, or as Faker prints it for the locale."""
    if rng.random() < 0.2:
        return person.phone
    pattern, start = rng.choice(PHONE_FORMATS[REGION_OF[person.locale]])
    digits = start + "".join(rng.choice("0123456789") for _ in range(pattern.count("#") - len(start)))
    return format_phone(digits, pattern)


def plural(surname: str) -> str:
    return surname + ("es" if surname.endswith(("s", "x", "z", "ch", "sh")) else "s")


def day(rng: random.Random, person: Person) -> str:
    return format_date(person.due, rng.choice(DATE_FORMATS))


def facility(rng: random.Random, person: Person) -> str:
    return f"{rng.choice([person.city, person.doctor, 'St. ' + person.partner])} {rng.choice(SUFFIXES)}"


def region_code(person: Person) -> str:
    """The person's state or province as addresses abbreviate it (`TX`, `BC`, `QLD`), else its full name."""
    import pycountry

    country = REGION_OF[person.locale]
    for subdivision in pycountry.subdivisions.get(country_code=country) or []:
        if subdivision.name == person.region and country in ("US", "CA", "AU"):
            return subdivision.code.split("-")[1]
    return person.region


def _templates() -> list[Template]:
    p, L, D, F, U = "PERSON", "LOCATION", "DATE_TIME", "MEDICAL_FACILITY", "USERNAME"
    T = "PHONE_NUMBER"
    return [
        lambda r, x: (f"First scan of baby {x.last}! {x.first} & {x.partner}",
                      [ent(p, x.last), ent(p, x.first), ent(p, x.partner)]),
        lambda r, x: (f"from {x.first} in {x.city}", [ent(p, x.first), ent(L, x.city)]),
        lambda r, x: (f"Baby {x.last} due {(d := day(r, x))}", [ent(p, x.last), ent(D, d)]),
        lambda r, x: (f"12 week scan at {(f := facility(r, x))}", [ent(F, f)]),
        lambda r, x: (f"@{x.handle} shared our 20 week scan", [ent(U, f"@{x.handle}")]),
        lambda r, x: (f"{x.city}, {x.region} - our little bean", [ent(L, f"{x.city}, {x.region}")]),
        lambda r, x: (f"{x.first} {x.last}'s 20 week ultrasound", [ent(p, f"{x.first} {x.last}")]),
        lambda r, x: (f"{x.first} and {x.partner} are expecting! Due {(d := day(r, x))}",
                      [ent(p, x.first), ent(p, x.partner), ent(D, d)]),
        lambda r, x: (f"Congratulations {x.first} & {x.partner}!", [ent(p, x.first), ent(p, x.partner)]),
        lambda r, x: (f"sonogram photo, {x.first} {x.last}, {x.city}", [ent(p, f"{x.first} {x.last}"), ent(L, x.city)]),
        lambda r, x: (f"Our number is {(n := phone(r, x))}", [ent(T, n)]),
        lambda r, x: (f"Book your 4D scan: call {(n := phone(r, x))}", [ent(T, n)]),
        lambda r, x: (f"{(f := facility(r, x))} - {(n := phone(r, x))}", [ent(F, f), ent(T, n)]),
        lambda r, x: (f"text me on {(n := phone(r, x))} for prints", [ent(T, n)]),
        lambda r, x: (f"Gender reveal scan, {(n := phone(r, x))}", [ent(T, n)]),
        lambda r, x: (f"3D scan in {x.city} today", [ent(L, x.city)]),
        lambda r, x: (f"we live in {x.city}, {x.region}", [ent(L, f"{x.city}, {x.region}")]),
        lambda r, x: (f"Scan by Dr. {x.doctor} at {(f := facility(r, x))}", [ent(p, x.doctor), ent(F, f)]),
        lambda r, x: (f"{x.first} {x.last} (@{x.handle})", [ent(p, f"{x.first} {x.last}"), ent(U, f"@{x.handle}")]),
        lambda r, x: (f"Welcome to the world, {x.first}!", [ent(p, x.first)]),
        lambda r, x: (f"{x.first}'s first ultrasound", [ent(p, x.first)]),
        lambda r, x: (f"lots of love from Grandma {x.first}", [ent(p, x.first)]),
        lambda r, x: (f"Baby {x.last} arriving {(d := day(r, x))} in {x.city}",
                      [ent(p, x.last), ent(D, d), ent(L, x.city)]),
        lambda r, x: (f"{x.last} baby #2 - {x.city}", [ent(p, x.last), ent(L, x.city)]),
        lambda r, x: (f"Ultrasound from {(f := facility(r, x))}, {x.city}", [ent(F, f), ent(L, x.city)]),
        lambda r, x: (f"Mum-to-be {x.first} {x.last} from {x.city}", [ent(p, f"{x.first} {x.last}"), ent(L, x.city)]),
        lambda r, x: (f"Born {format_date(x.birth, 'D Month YYYY')}, {x.city}",
                      [ent(D, format_date(x.birth, "D Month YYYY")), ent(L, x.city)]),
        lambda r, x: (f"due date {(d := day(r, x))}! follow @{x.handle}", [ent(D, d), ent(U, f"@{x.handle}")]),
        lambda r, x: (f"{x.first.upper()} {x.last.upper()} 20 WEEKS", [ent(p, f"{x.first.upper()} {x.last.upper()}")]),
        lambda r, x: (f"{x.partner} and I saw our baby on {(d := day(r, x))}", [ent(p, x.partner), ent(D, d)]),
        lambda r, x: (f"{x.first} & {x.partner} are expecting!", [ent(p, x.first), ent(p, x.partner)]),
        lambda r, x: (f"Congrats to {x.first[0]} & {x.partner[0]} {x.last}", [ent(p, x.last)]),
        lambda r, x: (f"Mr & Mrs {x.last} - baby on the way", [ent(p, x.last)]),
        lambda r, x: (f"the {(n := plural(x.last))} are growing! 20 week scan", [ent(p, n)]),
        lambda r, x: (f"Scan day for {x.first} and {x.partner}", [ent(p, x.first), ent(p, x.partner)]),
        lambda r, x: (f"Sonogram, {x.city}, {x.region}", [ent(L, f"{x.city}, {x.region}")]),
        lambda r, x: (f"Our rainbow baby ({x.city}, {x.region}) due {(d := day(r, x))}",
                      [ent(L, f"{x.city}, {x.region}"), ent(D, d)]),
        lambda r, x: (f"{(f := facility(r, x).upper())}, {x.city.upper()}", [ent(F, f), ent(L, x.city.upper())]),
        lambda r, x: (f"Photo courtesy of {x.first} {x.last}", [ent(p, f"{x.first} {x.last}")]),
        lambda r, x: (f"Credit: {x.partner} {x.last} / Flickr", [ent(p, f"{x.partner} {x.last}")]),
        lambda r, x: (f"{x.first} {x.partner[0]}. {x.last} shares her first sonogram", [ent(p, f"{x.first} {x.partner[0]}. {x.last}")]),
        lambda r, x: (f"{x.partner} & {x.first} {x.last}, {x.city} {region_code(x)}",
                      [ent(p, x.partner), ent(p, f"{x.first} {x.last}"), ent(L, f"{x.city} {region_code(x)}")]),
        lambda r, x: (f"babyshower for {x.first} {format_date(x.due, 'Do Month')}",
                      [ent(p, x.first), ent(D, format_date(x.due, "Do Month"))]),
        lambda r, x: (f"{x.first}'s baby due in {(d := format_date(x.due, r.choice(['Month YYYY', 'Mon YYYY'])))}",
                      [ent(p, x.first), ent(D, d)]),
        lambda r, x: (f"Mrs. {x.last}'s 12 week scan", [ent(p, x.last)]),
        lambda r, x: (f"Picture by {x.partner} {x.last}, {x.city}", [ent(p, f"{x.partner} {x.last}"), ent(L, x.city)]),
        lambda r, x: (f"Nana {x.first}'s first grandbaby", [ent(p, x.first)]),
        lambda r, x: (f"surprise twins for {x.first} and {x.partner} {x.last}!",
                      [ent(p, x.first), ent(p, f"{x.partner} {x.last}")]),
        lambda r, x: (f"{x.first} {x.last} 16 weeks pregnant {x.city}", [ent(p, f"{x.first} {x.last}"), ent(L, x.city)]),
        lambda r, x: (f"posted by {x.first} on {(d := format_date(x.exam, r.choice(['MM/DD/YYYY', 'DD.MM.YYYY', 'YYYY-MM-DD'])))}",
                      [ent(p, x.first), ent(D, d)]),
    ]


TEMPLATES = _templates()
NO_PII = ("ultrasound at 20 weeks", "our little bean", "scan day!", "it's a boy", "sonogram 3d 4d",
          "12 week scan photo",
          "first trimester ultrasound", "IMG_4471.JPG", "baby bump progress")


def caption(rng: random.Random, person: Person) -> tuple[str, list[Entity]]:
    """A caption in this split's phrasing and its entities; one in seven without private information."""
    if rng.random() < 1 / 7:
        return rng.choice(NO_PII), []
    return rng.choice(TEMPLATES)(rng, person)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng, people = random.Random(args.seed), People(args.seed)
    for _ in range(args.count):
        text, entities = caption(rng, people.draw(rng))
        print(text, [e["text"] for e in entities])


if __name__ == "__main__":
    main()
