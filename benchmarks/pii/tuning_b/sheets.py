"""Screens, prints and cards of the second tuning generator. Each draws a visit's private text, or with no
visit the same labels and read-outs alone (a PII-free sheet). Drawing uses the sheet, fonts and fan of
`../heldout_b/` (ink.py, sector.py); layouts, labels, names and formats are this generator's own."""

from __future__ import annotations

import random
from collections.abc import Callable

from ink import Part, Sheet, faces
from sector import sector
from visits import Visit

MODES = ("2D", "THI", "CFM", "PW", "M-Mode", "3D/4D", "HD-Flow")
TRANSDUCERS = ("AB2-7-D", "RM6C", "C4-8", "SC1-6", "L3-12", "C1-7", "RIC5-9-D", "SP10-16")


def measurements(rng: random.Random) -> list[str]:
    """Biometry and settings: none of them private."""
    values = [f"CRL {rng.uniform(1.0, 8.4):.2f} cm", f"BPD {rng.uniform(2.0, 9.5):.1f}mm",
              f"HC {rng.randint(80, 340)}mm", f"AC {rng.uniform(5.0, 36.0):.1f} cm", f"FL {rng.uniform(1.0, 8.0):.2f}cm",
              f"EFW {rng.randint(120, 3900)}g",
              f"HR {rng.randint(120, 175)}bpm", f"Frq {rng.choice(['H', 'M', 'L', 'R'])} {rng.uniform(2, 9):.1f}MHz",
              f"Pwr {rng.randint(50, 100)}%", f"Dep {rng.uniform(6, 22):.1f}cm", f"Gn {rng.randint(-5, 15)}",
              f"MI {rng.uniform(0.3, 1.3):.2f}", f"TIb {rng.uniform(0.1, 1.0):.1f}", rng.choice(MODES),
              rng.choice(TRANSDUCERS), f"DR {rng.randint(60, 90)}dB", f"FPS {rng.randint(12, 60)}"]
    rng.shuffle(values)
    return values[: rng.randint(5, 9)]


def weeks(rng: random.Random) -> str:
    return rng.choice([f"{rng.randint(6, 40)}w {rng.randint(0, 6)}d", f"{rng.randint(6, 40)}+{rng.randint(0, 6)}"])


def private(visit: Visit | None, text: Callable[[Visit], str], kind: str) -> list[Part]:
    return [] if visit is None else [(text(visit), kind)]


def full_name(visit: Visit) -> str:
    person = visit.patient
    return f"{person.given} {person.middle}. {person.surname}"


def caret_console(visit: Visit | None, rng: random.Random) -> Sheet:
    """Grey console, one header row: facility, `NAME` as SURNAME^GIVEN, `ID`, date and time; biometry down the left."""
    width, height = rng.choice([(1024, 768), (1280, 1024), (1366, 768), (1600, 900)])
    sheet = Sheet.blank((width, height), (28, 28, 30))
    row = max(12, height // 38)
    sheet.image.paste((58, 60, 66), (0, 0, width, int(row * 2.6)))
    sheet.paste(sector((int(width * 0.62), int(height * 0.74)), rng), (int(width * 0.3), int(height * 0.16)))
    face = rng.choice(faces("sans", "sans-condensed", "mono"))
    white = (230, 232, 236)
    parts = [*private(visit, lambda v: v.facility, "MEDICAL_FACILITY"), ("NAME", None),
             *private(visit, lambda v: f"{v.patient.surname.upper()}^{v.patient.given.upper()}", "PERSON"),
             ("ID", None), *private(visit, lambda v: v.patient_id, "PATIENT_ID")]
    size = sheet.fit(parts, face, row, width * 0.7)
    sheet.write((10, row * 0.6), parts, face, size, white)
    clock = f"{rng.randint(7, 18):02d}:{rng.randint(0, 59):02d}"  # a time alone names nobody; with the date, private
    stamp = [] if visit is None else [(visit.date(visit.exam), "DATE_TIME")]
    sheet.write((width - 10, row * 0.6), [*stamp, (clock, "DATE_TIME" if visit else None)], face, size, white,
                align="right")
    for index, value in enumerate(measurements(rng)):
        sheet.write((12, row * 4 + index * row * 1.5), [(value, "tech")], face, size, (255, 240, 150))
    sheet.write((12, height - row * 2), [("GA", "tech"), (weeks(rng), "tech")], face, size, white)
    return sheet


def two_column(visit: Visit | None, rng: random.Random) -> Sheet:
    """Black screen, two label columns on top (`Pat. Name`, `Pat. ID`, `Birth Date`; `Institution`, `Sonographer`)."""
    width, height = rng.choice([(1136, 852), (1024, 768), (1280, 960)])
    sheet = Sheet.blank((width, height), (0, 0, 0))
    sheet.paste(sector((int(width * 0.7), int(height * 0.7)), rng, (1.0, 0.95, 0.85)),
                (int(width * 0.15), int(height * 0.24)))
    face = rng.choice(faces("sans", "sans-bold", "serif"))
    size = max(11, height // 44)
    gap = size * 1.45
    white, cyan = (240, 240, 240), (140, 220, 240)
    left = (("Pat. Name:", lambda v: f"{v.patient.surname}, {v.patient.given} {v.patient.middle}.", "PERSON"),
            ("Pat. ID:", lambda v: v.patient_id, "PATIENT_ID"), ("Birth Date:", lambda v: v.date(v.dob), "DATE_TIME"))
    right = (("Institution:", lambda v: v.facility, "MEDICAL_FACILITY"),
             ("Sonographer:", lambda v: f"{v.doctor.given} {v.doctor.surname}", "PERSON"),
             ("Exam No.:", lambda v: v.exam_number, "PATIENT_ID"))
    for column, x in ((left, 10), (right, width // 2)):
        for index, (label, text, kind) in enumerate(column):
            parts = [(label, None), *private(visit, text, kind)]
            sheet.write((x, 8 + index * gap), parts, face, sheet.fit(parts, face, size, width / 2 - 20), white)
    for index, value in enumerate(measurements(rng)[:4]):
        sheet.write((width - 10, height - 10 - (index + 1) * gap), [(value, "tech")], face, size, cyan, align="right")
    sheet.write((10, height - 10 - gap), [("GA(LMP)", "tech"), (weeks(rng), "tech")], face, size, white)
    return sheet


def thermal_strip(visit: Visit | None, rng: random.Random) -> Sheet:
    """A printer strip: the picture above, a printed block below (name, DOB, exam date, facility, phone)."""
    width, height = rng.choice([(640, 820), (720, 900), (600, 760)])
    sheet = Sheet.blank((width, height), (8, 8, 8))
    sheet.paste(sector((width - 40, int(height * 0.62)), rng), (20, 20))
    face = rng.choice(faces("mono", "sans-condensed", "sans"))
    size = max(12, width // 40)
    white = (225, 225, 225)
    y = height * 0.68
    for parts in ([("Patient", None), *private(visit, lambda v: full_name(v).upper(), "PERSON")],
                  [("DOB", None), *private(visit, lambda v: v.date(v.dob), "DATE_TIME"), ("Exam", None),
                   *private(visit, lambda v: v.date(v.exam), "DATE_TIME")],
                  private(visit, lambda v: v.facility, "MEDICAL_FACILITY"),
                  [("Ph", None), *private(visit, lambda v: v.phone, "PHONE_NUMBER")],
                  [(value, "tech") for value in measurements(rng)[:3]]):
        if parts:
            sheet.write((20, y), parts, face, sheet.fit(parts, face, size, width - 40), white)
        y += size * 1.6
    return sheet


def baby_announcement(visit: Visit | None, rng: random.Random) -> Sheet:
    """A pastel card: `Hello world, I'm <baby>!`, due date, parents, the clinic and town; the scan in a frame."""
    width, height = rng.choice([(900, 1200), (1080, 1350), (800, 1000)])
    background = rng.choice([(250, 236, 240), (232, 244, 250), (246, 244, 232), (236, 248, 238)])
    sheet = Sheet.blank((width, height), background)
    sheet.paste(sector((int(width * 0.7), int(height * 0.45)), rng), (int(width * 0.15), int(height * 0.2)))
    face = rng.choice(faces("serif", "serif-bold", "sans", "sans-bold"))
    ink = rng.choice([(90, 60, 80), (40, 70, 110), (70, 70, 70)])
    size = max(18, width // 22)
    centre = width // 2
    headline = [("Hello world, I'm", None), *private(visit, lambda v: f"{v.baby}!", "PERSON")] if visit else [
        ("Hello world!", None)]
    sheet.write((centre, height * 0.06), headline, face, sheet.fit(headline, face, size, width * 0.9), ink,
                align="centre")
    due = [("Arriving", None), *private(visit, lambda v: v.date(v.due, "Month dth, yyyy"), "DATE_TIME")]
    sheet.write((centre, height * 0.13), due, face, sheet.fit(due, face, size - 6, width * 0.9), ink, align="centre")
    small = size - 8
    parents = [("with love,", None), *private(visit, lambda v: f"{v.patient.given} & {v.partner.given}", "PERSON")]
    sheet.write((centre, height * 0.7), parents, face, sheet.fit(parents, face, small, width * 0.9), ink, align="centre")
    sheet.write((centre, height * 0.76), [("Scan at", None), ("12", "tech"), ("weeks", "tech")], face, small, ink,
                align="centre")
    place = [*private(visit, lambda v: f"{v.facility},", "MEDICAL_FACILITY"),
             *private(visit, lambda v: v.city, "LOCATION")]
    if place:
        sheet.write((centre, height * 0.82), place, face, sheet.fit(place, face, small - 4, width * 0.9), ink,
                    align="centre")
    return sheet


def chart_sticker(visit: Visit | None, rng: random.Random) -> Sheet:
    """A white chart sticker on a printout: `SURNAME, Given M.`, `MRN`, `DOB`, `Dr`, the clinic's phone."""
    width, height = rng.choice([(1000, 760), (1200, 900), (900, 700)])
    sheet = Sheet.blank((width, height), (245, 245, 240))
    sheet.paste(sector((int(width * 0.55), int(height * 0.7)), rng), (int(width * 0.4), int(height * 0.2)))
    sheet.image.paste((255, 255, 255), (20, 20, int(width * 0.36), int(height * 0.4)))
    face = rng.choice(faces("sans", "sans-condensed", "mono-bold"))
    size = max(12, height // 40)
    black = (25, 25, 25)
    y = 30.0
    for parts in (private(visit, lambda v: f"{v.patient.surname.upper()}, {v.patient.given} {v.patient.middle}.",
                          "PERSON"),
                  [("MRN", None), *private(visit, lambda v: v.patient_id, "PATIENT_ID")],
                  [("DOB", None), *private(visit, lambda v: v.date(v.dob), "DATE_TIME")],
                  [("Dr", None), *private(visit, lambda v: f"{v.doctor.given[0]}. {v.doctor.surname}", "PERSON")],
                  private(visit, lambda v: v.phone, "PHONE_NUMBER")):
        if parts:
            sheet.write((30, y), parts, face, sheet.fit(parts, face, size, width * 0.33), black)
        y += size * 1.5
    for index, value in enumerate(measurements(rng)[:5]):
        sheet.write((int(width * 0.4), height * 0.05 + index * size * 1.3), [(value, "tech")], face, size - 2, black)
    return sheet


def shared_screenshot(visit: Visit | None, rng: random.Random) -> Sheet:
    """A phone app's screenshot of a shared scan: who shared it and when, the clinic, `Call us` and its number."""
    width, height = rng.choice([(750, 1334), (828, 1792), (1080, 1920)])
    sheet = Sheet.blank((width, height), (250, 250, 252))
    sheet.paste(sector((width - 60, int(width * 0.8)), rng), (30, int(height * 0.18)))
    face = rng.choice(faces("sans", "sans-bold", "sans-condensed"))
    size = max(20, width // 26)
    dark, grey = (20, 20, 24), (110, 110, 120)
    shared = [("Shared by", None), *private(visit, lambda v: f"{v.patient.given} {v.patient.surname}", "PERSON")]
    sheet.write((30, height * 0.06), shared, face, sheet.fit(shared, face, size, width - 60), dark)
    sheet.write((30, height * 0.06 + size * 1.5), private(visit, lambda v: v.date(v.exam), "DATE_TIME"), face,
                size - 6, grey)
    below = int(height * 0.18 + width * 0.8 + size)
    sheet.write((30, below), [("Gestational age", None), (weeks(rng), "tech")], face, size - 4, dark)
    clinic = private(visit, lambda v: v.facility, "MEDICAL_FACILITY")
    if clinic:
        sheet.write((30, below + size * 1.6), clinic, face, sheet.fit(clinic, face, size - 4, width - 60), grey)
    sheet.write((30, below + size * 3.2), [("Call us", None), *private(visit, lambda v: v.phone, "PHONE_NUMBER")], face,
                size - 4, grey)
    return sheet


SHEETS = {"caret-console": caret_console, "two-column": two_column, "thermal-strip": thermal_strip,
          "baby-announcement": baby_announcement, "chart-sticker": chart_sticker, "shared-screenshot": shared_screenshot}
