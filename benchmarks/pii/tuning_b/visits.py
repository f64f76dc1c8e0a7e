"""Made-up visits for the second tuning generator: people of five locales (Faker) with middle initials,
hyphenated and prefixed surnames, and the identifiers, phones and date forms of other machines than the
other generators'."""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from faker import Faker

LOCALES = ("en_NZ", "en_IE", "en_US", "en_GB", "en_TH")
MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
DATE_FORMS = ("yyyy/mm/dd", "dd-MON-yyyy", "mm/dd/yyyy", "d.m.yyyy", "Month dth, yyyy", "dd MON yy", "yyyy-mm-dd",
              "dd/mm/yyyy")
FACILITIES = ("{city} Birth Centre", "{surname} Obstetric Imaging", "{city} Regional Hospital",
              "{surname} & {surname2} Ultrasound", "{CITY} WOMENS & CHILDRENS", "Mercy {city}",
              "{city} Fetal Assessment Unit", "{surname} Scan Clinic", "{city} Community Health Centre",
              "St {given}'s Maternity", "{city} Radiology Group", "Little {given} Baby Scans")


def print_date(day: datetime.date, form: str) -> str:
    month = day.strftime("%B")
    ordinal = {1: "st", 2: "nd", 3: "rd"}.get(day.day % 10 if day.day not in (11, 12, 13) else 0, "th")
    return {"yyyy/mm/dd": f"{day:%Y/%m/%d}", "dd-MON-yyyy": f"{day:%d}-{MONTHS[day.month - 1]}-{day.year}",
            "mm/dd/yyyy": f"{day:%m/%d/%Y}", "d.m.yyyy": f"{day.day}.{day.month}.{day.year}",
            "Month dth, yyyy": f"{month} {day.day}{ordinal}, {day.year}",
            "dd MON yy": f"{day:%d} {MONTHS[day.month - 1]} {day:%y}", "yyyy-mm-dd": f"{day:%Y-%m-%d}",
            "dd/mm/yyyy": f"{day:%d/%m/%Y}"}[form]


@dataclass
class Person:
    given: str
    middle: str
    surname: str


@dataclass
class Visit:
    patient: Person
    partner: Person
    doctor: Person
    baby: str
    city: str
    facility: str
    phone: str
    dob: datetime.date
    exam: datetime.date
    due: datetime.date
    patient_id: str
    exam_number: str
    date_form: str

    def date(self, day: datetime.date, form: str | None = None) -> str:
        return print_date(day, form or self.date_form)


class Visits:
    """Seeded source of visits, one Faker per locale."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.fakers = {locale: Faker(locale) for locale in LOCALES}
        for fake in self.fakers.values():
            fake.seed_instance(self.rng.randrange(2**31))

    def person(self, fake: Faker, female: bool) -> Person:
        given = fake.first_name_female() if female else fake.first_name_male()
        surname = fake.last_name()
        roll = self.rng.random()
        if roll < 0.12:
            surname = f"{surname}-{fake.last_name()}"
        elif roll < 0.2:
            surname = self.rng.choice(("O'", "Mc", "Mac", "De ")) + surname
        return Person(given, fake.first_name()[0], surname)

    def phone(self) -> str:
        digits = lambda n: "".join(str(self.rng.randrange(10)) for _ in range(n))
        return self.rng.choice([f"({digits(3)}) {digits(3)} {digits(4)}", f"{digits(3)}-{digits(3)}-{digits(4)}",
                                f"020 {digits(4)} {digits(4)}", f"+44 1{digits(3)} {digits(6)}",
                                f"1-800-{digits(3)}-{digits(4)}", f"+1 ({digits(3)}) {digits(3)}-{digits(4)}"])

    def visit(self) -> Visit:
        rng = self.rng
        fake = self.fakers[rng.choice(LOCALES)]
        exam = fake.date_between(datetime.date(2015, 1, 1), datetime.date(2026, 11, 30))
        city = fake.city()
        facility = rng.choice(FACILITIES).format(city=city, CITY=city.upper(), surname=fake.last_name(),
                                                 surname2=fake.last_name(), given=fake.first_name())
        return Visit(
            patient=self.person(fake, True), partner=self.person(fake, rng.random() < 0.8),
            doctor=self.person(fake, rng.random() < 0.6), baby=fake.first_name(), city=city, facility=facility,
            phone=self.phone(), dob=fake.date_between(datetime.date(1978, 1, 1), datetime.date(2005, 12, 31)),
            exam=exam, due=exam + datetime.timedelta(days=rng.randint(40, 250)),
            patient_id=rng.choice([f"{rng.randint(10**5, 10**6 - 1)}", f"P{rng.randint(10**6, 10**7 - 1)}",
                                   f"{rng.randint(10, 99)}-{rng.randint(10**4, 10**5 - 1)}-{rng.randint(0, 9)}",
                                   f"{fake.bothify('???####').upper()}"]),
            exam_number=rng.choice([f"{exam:%y%m%d}{rng.randint(1000, 9999)}", f"EX{rng.randint(10**5, 10**6 - 1)}",
                                    f"{exam:%Y}-{rng.randint(1, 99999):05d}"]),
            date_form=rng.choice(DATE_FORMS),
        )
