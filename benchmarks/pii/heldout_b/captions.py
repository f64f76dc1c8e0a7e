"""Captions for the pictures: private ones (names, couples, @handles, due dates, towns, facilities, phones)
and PII-free ones (file names, scan words, measurements), with the caption entities the evaluator checks."""

from __future__ import annotations

import random
import re

from folks import Visit

PRIVATE = (
    "from {given} in {city}",
    "Baby {surname} due {due} 💙",
    "{given} & {partner} are expecting! Due {due}",
    "Our little miracle 🤍 {week} scan at {facility}",
    "@{handle} shared: {week} ultrasound, {city}, {region}",
    "Book your gender scan with {facility}: call {phone}",
    "{given} {surname}'s first photo ({file})",
    "Sneak peek of baby {surname}! Scanned {exam} at {facility}",
    "{city} mums group: who else is due {due}?",
    "congrats {given}!! x @{handle}",
    "Reveal party {exam} in {city}, {region} — RSVP {phone}",
    "{surname} family, baby #2, {week} ({file})",
    "Thank you Dr. {doctor} and the team at {facility}",
    "Grandma {given} can't wait! {due}",
)
FREE = ("{file}", "{week} scan", "3D ultrasound keepsake, {measure}", "{file} - sonogram", "first trimester scan",
        "Ultrasound frame, {measure}", "gender reveal ultrasound", "{week} bump update", "anatomy scan {measure}",
        "baby's first picture", "nuchal scan result: low risk", "{measure} at {week}")
FILES = ("IMG_{n}.JPG", "PXL_2026{n}.jpg", "scan{n}.png", "photo.jpg", "test.png", "IMG-{n}-WA0003.jpeg", "ultrasound.jpg")
KINDS = {"given": "PERSON", "partner": "PERSON", "surname": "PERSON", "doctor": "PERSON", "city": "LOCATION",
         "region": "LOCATION", "due": "DATE_TIME", "exam": "DATE_TIME", "facility": "MEDICAL_FACILITY",
         "phone": "PHONE_NUMBER", "handle": "USERNAME"}
CAPTION_DATES = ("mon d", "month d, yyyy", "dth month", "dd/mm/yyyy", "mm/dd/yyyy", "mon d yyyy", "d mon yyyy")


def plain_slots(rng: random.Random) -> dict[str, str]:
    return {"file": rng.choice(FILES).format(n=rng.randint(1000, 9999)), "week": f"{rng.randint(6, 40)} week",
            "measure": rng.choice([f"{rng.randint(2, 9)}.{rng.randint(0, 9)} cm", f"{rng.randint(8, 39)}w{rng.randint(0, 6)}d",
                                   f"{rng.randint(110, 170)} bpm", "5x7", "4x6 inch"])}


def private_caption(visit: Visit, rng: random.Random) -> tuple[str, list[dict]]:
    """A caption built on `visit`, and its entities ({"type", "text", "source": "caption"})."""
    date = lambda day: visit.date(day, rng.choice(CAPTION_DATES))
    values = {"given": visit.patient.given, "partner": visit.partner.given, "surname": visit.patient.surname,
              "doctor": visit.doctor.surname, "city": visit.city, "region": visit.region, "due": date(visit.edd),
              "exam": date(visit.exam), "facility": visit.facility, "phone": visit.phone, "handle": visit.handle,
              **plain_slots(rng)}
    template = rng.choice(PRIVATE)
    used = re.findall(r"\{(\w+)\}", template)
    entities = [{"type": KINDS[slot], "text": values[slot], "source": "caption"} for slot in dict.fromkeys(used)
                if slot in KINDS]
    return template.format(**values), entities


def free_caption(rng: random.Random) -> str:
    return rng.choice(FREE).format(**plain_slots(rng))
