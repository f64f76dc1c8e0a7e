"""Made-up patients for the third tuning generator: people of India, the Philippines, Australia and Canada (Faker),
with the street addresses, hospital numbers, accession numbers and date forms of other clinics than the other
generators'."""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from faker import Faker

LOCALES = ("en_IN", "en_PH", "en_AU", "en_CA")
DATE_FORMS = ("dd.mm.yyyy", "Weekday d Month yyyy", "d Mon yyyy", "m/d/yy", "yyyy.mm.dd", "Mon d, yyyy", "dd-mm-yyyy")
FACILITIES = ("{city} Women's Hospital", "{surname} Diagnostic Centre", "Sunrise Prenatal Care {city}",
              "{city} Medical Center", "{surname} Fetal Medicine", "{given} {surname} OB-GYN Clinic",
              "{city} Imaging Associates", "St. {given} Hospital", "{surname} Maternity Home", "{city} Health Campus")


def print_date(day: datetime.date, form: str) -> str:
    return {"dd.mm.yyyy": f"{day:%d.%m.%Y}", "Weekday d Month yyyy": f"{day:%A} {day.day} {day:%B %Y}",
            "d Mon yyyy": f"{day.day} {day:%b %Y}", "m/d/yy": f"{day.month}/{day.day}/{day:%y}",
            "yyyy.mm.dd": f"{day:%Y.%m.%d}", "Mon d, yyyy": f"{day:%b} {day.day}, {day.year}",
            "dd-mm-yyyy": f"{day:%d-%m-%Y}"}[form]


@dataclass
class Person:
    given: str
    surname: str

    @property
    def name(self) -> str:
        return f"{self.given} {self.surname}"


@dataclass
class Patient:
    mother: Person
    partner: Person
    doctor: Person
    baby: str
    city: str
    street: str
    facility: str
    phone: str
    dob: datetime.date
    exam: datetime.date
    lmp: datetime.date
    appointment: datetime.datetime
    hospital_number: str
    accession: str
    date_form: str

    def date(self, day: datetime.date, form: str | None = None) -> str:
        return print_date(day, form or self.date_form)


class Patients:
    """Seeded source of patients, one Faker per locale."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.fakers = {locale: Faker(locale) for locale in LOCALES}
        for fake in self.fakers.values():
            fake.seed_instance(self.rng.randrange(2**31))

    def person(self, fake: Faker, female: bool) -> Person:
        return Person(fake.first_name_female() if female else fake.first_name_male(), fake.last_name())

    def phone(self) -> str:
        digits = lambda n: "".join(str(self.rng.randrange(10)) for _ in range(n))
        return self.rng.choice([f"+91 {digits(5)} {digits(5)}", f"(02) {digits(4)} {digits(4)}",
                                f"0{digits(3)} {digits(3)} {digits(3)}", f"+63 2 {digits(4)} {digits(4)}",
                                f"{digits(3)}.{digits(3)}.{digits(4)}", f"1300 {digits(3)} {digits(3)}"])

    def patient(self) -> Patient:
        rng = self.rng
        fake = self.fakers[rng.choice(LOCALES)]
        exam = fake.date_between(datetime.date(2014, 1, 1), datetime.date(2026, 11, 30))
        city = fake.city()
        facility = rng.choice(FACILITIES).format(city=city, surname=fake.last_name(), given=fake.first_name())
        appointment = datetime.datetime.combine(exam + datetime.timedelta(days=rng.randint(7, 42)),
                                                datetime.time(rng.randint(8, 17), rng.choice((0, 15, 30, 45))))
        return Patient(
            mother=self.person(fake, True), partner=self.person(fake, rng.random() < 0.85),
            doctor=self.person(fake, rng.random() < 0.5), baby=fake.first_name(), city=city,
            street=fake.street_address().replace("\n", " "), facility=facility, phone=self.phone(),
            dob=fake.date_between(datetime.date(1980, 1, 1), datetime.date(2006, 12, 31)), exam=exam,
            lmp=exam - datetime.timedelta(days=rng.randint(60, 260)),            appointment=appointment,
            hospital_number=rng.choice([f"H{rng.randint(10**5, 10**6 - 1)}", f"{rng.randint(10**7, 10**8 - 1)}",
                                        f"UR{rng.randint(10**5, 10**6 - 1)}",
                                        "-".join(str(rng.randint(100, 999)) for _ in range(3))]),
            accession=rng.choice([f"{exam:%Y%m%d}{rng.randint(100, 999)}", f"ACC{rng.randint(10**6, 10**7 - 1)}",
                                  f"US-{rng.randint(10**4, 10**5 - 1)}"]),
            date_form=rng.choice(DATE_FORMS),
        )
