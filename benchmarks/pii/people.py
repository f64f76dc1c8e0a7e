"""Made-up people for the PII benchmark: Faker across five English locales, and the ways their
dates and phone numbers are printed. Each generator picks its own formats from these."""

from __future__ import annotations

import datetime as dt
import random
import re
from dataclasses import dataclass

from faker import Faker

LOCALES = ("en_US", "en_GB", "en_CA", "en_AU", "en_IN")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
_DATE_TOKEN = re.compile(r"YYYY|YY|Month|Mon|MM|DD|Do|D")


def ordinal(day: int) -> str:
    suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def format_date(day: dt.date, pattern: str) -> str:
    """`pattern` with YYYY, YY, Month, Mon, MM, DD, Do (19th) and D replaced: `DD/MM/YYYY`, `Mon DD YYYY`, ..."""
    values = {"YYYY": f"{day.year}", "YY": f"{day.year % 100:02d}", "Month": MONTHS[day.month - 1],
              "Mon": MONTHS[day.month - 1][:3], "MM": f"{day.month:02d}", "DD": f"{day.day:02d}",
              "Do": ordinal(day.day), "D": f"{day.day}"}
    return _DATE_TOKEN.sub(lambda m: values[m.group(0)], pattern)


def format_phone(digits: str, pattern: str) -> str:
    """`pattern` with each `#` replaced by the next digit: `+1 ### ### ####`, `###.###.####`, ..."""
    it = iter(digits)
    return re.sub("#", lambda _: next(it), pattern)


@dataclass
class Person:
    """One made-up patient (and partner), with the places and dates printed around a scan."""

    locale: str
    first: str
    last: str
    partner: str
    doctor: str  # a referring physician's last name
    city: str
    region: str  # full state, province or county name
    phone: str  # as Faker prints it for the locale
    digits: str  # ten digits for NANP-style formats (555 exchange)
    handle: str
    birth: dt.date
    exam: dt.date
    due: dt.date


class People:
    """Deterministic people: one seeded Faker per locale, drawn through the caller's rng."""

    def __init__(self, seed: int) -> None:
        self.fakers: dict[str, Faker] = {}
        for i, locale in enumerate(LOCALES):
            faker = Faker(locale)
            faker.seed_instance(seed * 10 + i)
            self.fakers[locale] = faker

    def draw(self, rng: random.Random) -> Person:
        locale = rng.choice(LOCALES)
        fk = self.fakers[locale]
        region = fk.county() if locale == "en_GB" else fk.province() if locale == "en_CA" else fk.state()
        phone = fk.phone_number().split("x")[0].strip()
        exam = dt.date(2019, 1, 1) + dt.timedelta(days=rng.randrange(8 * 365))
        return Person(
            locale=locale, first=fk.first_name_female(), last=fk.last_name(), partner=fk.first_name_male(), doctor=fk.last_name(),
            city=fk.city(), region=region, phone=phone,
            digits=f"5550{rng.randrange(100):02d}{rng.randrange(10_000):04d}",
            handle=fk.user_name(), birth=dt.date(1978, 1, 1) + dt.timedelta(days=rng.randrange(26 * 365)),
            exam=exam, due=exam + dt.timedelta(days=rng.randrange(60, 240)),
        )
