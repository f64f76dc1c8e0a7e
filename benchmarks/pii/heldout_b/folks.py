"""Made-up people, places, facilities, phones, IDs and dates across five English-speaking locales (Faker),
and every common way of printing a date."""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from faker import Faker

LOCALES = ("en_US", "en_GB", "en_CA", "en_AU", "en_IN")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
DAY_FIRST = ("dd/mm/yyyy", "dd.mm.yyyy", "d mon yyyy", "dd-mon-yyyy", "dd/mm/yy", "d month yyyy")
MONTH_FIRST = ("mm/dd/yyyy", "mm-dd-yy", "mon d yyyy", "month d, yyyy", "mon d, yyyy", "m/d/yy")
EITHER = ("yyyy.mm.dd", "yyyy-mm-dd", "yyyymmdd", "yyyy/mm/dd")
FACILITIES = ("{city} Women's Hospital", "{surname} Maternity Clinic", "{city} OB/GYN Associates", "{CITY} MED CTR",
              "St. {given} Women's Hosp.", "{region} Fetal Medicine", "{city} Imaging Centre", "{surname} Radiology",
              "{city} Ultrasound", "{city} Medical Center", "{city} Women's Health", "{surname} Diagnostic Imaging",
              "{CITY} GEN HOSP", "{surname} Memorial Hospital", "{city} Sonography Clinic", "{SURNAME} MEM MED CTR",
              "Women's Hosp. {city}", "{city} Prenatal Imaging")


def ordinal(day: int) -> str:
    suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def print_date(day: datetime.date, form: str) -> str:
    """`day` printed in `form` (one of DAY_FIRST, MONTH_FIRST, EITHER, or `dth month` and `mon d` without the year)."""
    month, mon = MONTHS[day.month - 1], MONTHS[day.month - 1][:3]
    forms = {
        "dd/mm/yyyy": f"{day:%d/%m/%Y}", "dd.mm.yyyy": f"{day:%d.%m.%Y}", "d mon yyyy": f"{day.day} {mon} {day.year}",
        "dd-mon-yyyy": f"{day.day:02d}-{mon.upper()}-{day.year}", "dth month": f"{ordinal(day.day)} {month}",
        "dd/mm/yy": f"{day:%d/%m/%y}", "d month yyyy": f"{day.day} {month} {day.year}",
        "mm/dd/yyyy": f"{day:%m/%d/%Y}", "mm-dd-yy": f"{day:%m-%d-%y}", "mon d yyyy": f"{mon} {day.day:02d} {day.year}",
        "mon d": f"{mon} {day.day}", "month d, yyyy": f"{month} {day.day}, {day.year}", "mon d, yyyy": f"{mon} {day.day}, {day.year}",
        "m/d/yy": f"{day.month}/{day.day}/{day:%y}", "yyyy.mm.dd": f"{day:%Y.%m.%d}", "yyyy-mm-dd": f"{day:%Y-%m-%d}",
        "yyyymmdd": f"{day:%Y%m%d}", "yyyy/mm/dd": f"{day:%Y/%m/%d}",
    }
    return forms[form]


@dataclass
class Person:
    given: str
    surname: str
    sex: str  # F or M


@dataclass
class Visit:
    """Everything private one screen, card or print may show."""

    locale: str
    patient: Person
    partner: Person
    doctor: Person
    city: str
    region: str
    facility: str
    phone: str
    dob: datetime.date
    lmp: datetime.date
    exam: datetime.date
    edd: datetime.date
    mrn: str
    accession: str
    exam_id: str
    handle: str
    date_form: str  # the form this visit's screen prints dates in

    def date(self, day: datetime.date, form: str | None = None) -> str:
        return print_date(day, form or self.date_form)


class Folks:
    """Seeded source of visits: one Faker per locale."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.fakers = {}
        for locale in LOCALES:
            self.fakers[locale] = Faker(locale)
            self.fakers[locale].seed_instance(rng.randrange(2**31))

    def person(self, fake: Faker, sex: str) -> Person:
        given = fake.first_name_female() if sex == "F" else fake.first_name_male()
        return Person(given, fake.last_name(), sex)

    def phone(self, locale: str, fake: Faker) -> str:
        digits = lambda n: "".join(str(self.rng.randrange(10)) for _ in range(n))
        own = {"en_US": [f"+1 {digits(3)} {digits(3)} {digits(4)}", f"{digits(3)}.{digits(3)}.{digits(4)}",
                         f"({digits(3)}) {digits(3)}-{digits(4)}", f"1-{digits(3)}-{digits(3)}-{digits(4)}"],
               "en_CA": [f"{digits(3)}-{digits(3)}-{digits(4)}", f"+1 {digits(3)}.{digits(3)}.{digits(4)}"],
               "en_GB": [f"0{digits(4)} {digits(6)}", f"+44 20 {digits(4)} {digits(4)}", f"07{digits(3)} {digits(6)}"],
               "en_AU": [f"(0{self.rng.choice('2378')}) {digits(4)} {digits(4)}", f"+61 4{digits(2)} {digits(3)} {digits(3)}"],
               "en_IN": [f"+91 9{digits(4)} {digits(5)}", f"0{digits(2)}-{digits(8)}", f"9{digits(9)}"]}[locale]
        return self.rng.choice(own + [fake.phone_number().split(" x")[0]])

    def visit(self) -> Visit:
        rng = self.rng
        locale = rng.choice(LOCALES)
        fake = self.fakers[locale]
        patient, partner = self.person(fake, "F"), self.person(fake, rng.choice("MF"))
        doctor = self.person(fake, rng.choice("MF"))
        city, region = fake.city(), fake.administrative_unit()
        exam = fake.date_between(datetime.date(2019, 1, 1), datetime.date(2027, 6, 30))
        lmp = exam - datetime.timedelta(days=rng.randint(60, 250))
        facility = rng.choice(FACILITIES).format(city=city, CITY=city.upper(), region=region, given=fake.first_name(),
                                                 surname=fake.last_name(), SURNAME=fake.last_name().upper())
        stamp = f"{exam:%Y%m%d}"
        exam_id = rng.choice([f"US{stamp}-{rng.randint(1, 9999):04d}", f"{stamp}.{rng.randint(100, 999)}",
                              f"E{exam:%y%m%d}{rng.randint(10, 99)}", f"OB-{exam:%y%m%d}-{rng.randint(1, 99):02d}"])
        forms = (DAY_FIRST if locale != "en_US" else MONTH_FIRST) + EITHER
        return Visit(
            locale=locale, patient=patient, partner=partner, doctor=doctor, city=city, region=region,
            facility=facility, phone=self.phone(locale, fake),
            dob=fake.date_between(datetime.date(1976, 1, 1), datetime.date(2006, 12, 31)),
            lmp=lmp, exam=exam, edd=lmp + datetime.timedelta(days=280),
            mrn=rng.choice([f"{rng.randint(10**7, 10**8 - 1)}", f"MRN{rng.randint(10**5, 10**6 - 1)}",
                            f"{fake.bothify('??#####').upper()}", f"{rng.randint(100, 999)}-{rng.randint(10**4, 10**5 - 1)}"]),
            accession=rng.choice([f"A{rng.randint(10**6, 10**7 - 1)}", f"{rng.randint(10**8, 10**9 - 1)}",
                                  f"ACC{exam:%y%m}{rng.randint(100, 999)}"]),
            exam_id=exam_id, handle=fake.user_name(), date_form=rng.choice(forms),
        )
