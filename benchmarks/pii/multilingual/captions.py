"""Captions in French, German, Spanish, Portuguese and Italian, with the private values they hold marked.

Values come from Faker's locales (fr_FR, de_DE, es_ES, pt_BR, it_IT): given and family names, towns, phone
numbers, street addresses; dates are written as each language writes them (CLDR's long and medium forms
through babel, and the numeric forms of each country). `tuning`, `tuning_b` and `heldout` use different
templates (templates_tuning.py, templates_tuning_b.py, templates_heldout.py) and different seeds; a templates module
may name other locales of each language (`LOCALES`: Swiss, Austrian, Canadian, Argentine ... values). PII-free
captions per language hold medical and pregnancy words, weeks (`12 semaines`, `SSW 20`), brands and hashtags.
"""

from __future__ import annotations

import datetime
import random
import re
from dataclasses import dataclass, field

LOCALES = {"fr": "fr_FR", "de": "de_DE", "es": "es_ES", "pt": "pt_BR", "it": "it_IT"}
NUMERIC_DATES = {"fr": "{d:02d}/{m:02d}/{y}", "de": "{d:02d}.{m:02d}.{y}", "es": "{d:02d}/{m:02d}/{y}",
                 "pt": "{d:02d}/{m:02d}/{y}", "it": "{d:02d}/{m:02d}/{y}"}
_SLOT = re.compile(r"\{(\w+)\}")
ENTITY_OF_SLOT = {"given": "PERSON", "person": "PERSON", "doctor": "PERSON", "date": "DATE_TIME",
                  "numeric_date": "DATE_TIME", "other_date": "DATE_TIME", "city": "LOCATION", "street": "LOCATION", "phone": "PHONE_NUMBER",
                  "facility": "MEDICAL_FACILITY"}


@dataclass
class Caption:
    language: str
    text: str
    entities: list[dict] = field(default_factory=list)  # {"type", "start", "end", "text"}


class Values:
    """Private values of one language, drawn from its Faker locale."""

    def __init__(self, language: str, rng: random.Random, facilities: dict[str, tuple[str, ...]],
                 locale: str | None = None) -> None:
        from faker import Faker

        self.language, self.rng, self.facilities = language, rng, facilities
        self.locale = locale or LOCALES[language]
        self.faker = Faker(self.locale)
        borrowed = [f for f in ("first_name", "last_name", "city", "street_address")
                    if not getattr(self.faker, f).__self__.__module__.rsplit(".", 1)[-1].startswith(language)]
        if borrowed:  # fr_BE and it_CH draw towns and streets from en_US: `West Didiermouth`
            raise ValueError(f"Faker's {self.locale} borrows {', '.join(borrowed)} from another language")
        self.faker.seed_instance(rng.randrange(1 << 30))
        for provider in self.faker.get_providers():  # it_IT builds its town list from a set: its order follows the
            if isinstance(getattr(provider, "cities", None), list):  # hash seed, so draws would too
                provider.cities = sorted(provider.cities)

    def draw(self, slot: str) -> str:
        faker = self.faker
        if slot == "given":
            return faker.first_name_female() if self.rng.random() < 0.6 else faker.first_name_male()
        if slot == "person":
            return f"{faker.first_name()} {faker.last_name()}"
        if slot == "doctor":
            return faker.last_name()
        if slot == "city":
            return faker.city()
        if slot == "street":
            return faker.street_address()
        if slot == "phone":
            return faker.phone_number()
        if slot in ("date", "numeric_date", "other_date"):
            day = datetime.date(2018, 1, 1) + datetime.timedelta(days=self.rng.randrange(3000))
            if slot == "numeric_date":
                return NUMERIC_DATES[self.language].format(d=day.day, m=day.month, y=day.year)
            from babel.dates import format_date

            if slot == "other_date":  # CLDR's short form, a day and month alone, with the weekday, ISO
                form = self.rng.choice(("short", "d MMMM", "EEEE d MMMM", "EEEE d MMMM y", "yyyy-MM-dd"))
                return format_date(day, form, locale=self.locale)
            return format_date(day, self.rng.choice(("long", "long", "medium")), locale=self.locale)
        if slot == "facility":
            shape = self.rng.choice(self.facilities[self.language])
            return shape.format(family=faker.last_name(), city=faker.city(), given=faker.first_name())
        raise KeyError(slot)


def fill(template: str, values: Values, language: str) -> Caption:
    """The template with every slot drawn, each private slot's span marked."""
    text, entities, position = "", [], 0
    for match in _SLOT.finditer(template):
        text += template[position:match.start()]
        slot = match.group(1).removesuffix("_upper")  # `{person_upper}`: as a screen prints it, in capitals
        value = values.draw(slot)
        value = value.upper() if slot != match.group(1) else value
        entities.append({"type": ENTITY_OF_SLOT[slot], "start": len(text), "end": len(text) + len(value),
                         "text": value})
        text += value
        position = match.end()
    return Caption(language, text + template[position:], entities)


def captions(templates: dict[str, tuple[str, ...]], facilities: dict[str, tuple[str, ...]], clean: dict[str, tuple[str, ...]],
             seed: int, per_language: int, clean_per_language: int,
             locales: dict[str, tuple[str, ...]] | None = None) -> tuple[list[Caption], list[Caption]]:
    """`per_language` captions with private values and `clean_per_language` PII-free ones for each language; with
    `locales`, a language's captions draw their values from its locales in turn."""
    rng = random.Random(seed)
    private, free = [], []
    for language in LOCALES:
        draws = [Values(language, rng, facilities, locale) for locale in (locales or {}).get(language, (None,))]
        for index in range(per_language):
            values = draws[index % len(draws)]
            private.append(fill(templates[language][index % len(templates[language])], values, language))
        for index in range(clean_per_language):
            template = clean[language][index % len(clean[language])]
            free.append(Caption(language, template.format(w=rng.randint(6, 40), d=rng.randint(0, 6),
                                                          n=rng.randint(100, 9999))))
    return private, free
