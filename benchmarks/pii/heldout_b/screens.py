"""Ultrasound machine screens in six vendor styles. Each draws a visit's private text, or with no visit the
same labels, presets and read-outs alone (a PII-free screen)."""

from __future__ import annotations

import random
from collections.abc import Callable

from folks import Visit
from ink import Part, Sheet, faces
from sector import sector

PRESETS = ("OB 2/3", "OB 1", "OB/Early", "Abd General", "MSCSKEL", "Fetal Echo", "GYN", "OB 3rd Tri", "Pelvis")
PROBES = ("C1-5", "C5-1", "C2-9", "RAB6-D", "IC5-9", "4C1", "C1-6-D", "EC9-4", "C3-7")


def readouts(rng: random.Random) -> list[str]:
    """Probe, preset and acoustic read-outs, shuffled: none of them private."""
    values = [f"MI {rng.uniform(0.4, 1.4):.1f}", f"TIS {rng.uniform(0.1, 0.9):.1f}", f"TIb {rng.uniform(0.1, 1.2):.1f}",
              f"AO={rng.choice([60, 80, 100])}%", f"FR {rng.randint(9, 45)}Hz", f"Gn {rng.randint(30, 70)}",
              f"DR {rng.randint(50, 80)}", f"D {rng.randint(8, 20)}cm", f"Gain {rng.randint(-6, 12)}dB",
              f"FHR {rng.randint(120, 170)} bpm", rng.choice(PRESETS), rng.choice(PROBES), f"PRF {rng.uniform(1, 4):.1f}kHz"]
    rng.shuffle(values)
    return values[: rng.randint(6, 10)]


def gestation(rng: random.Random) -> str:
    return f"{rng.randint(6, 39)}w{rng.randint(0, 6)}d"


def private(visit: Visit | None, text: Callable[[Visit], str], kind: str) -> list[Part]:
    """The part `text(visit)` of type `kind`, or nothing on a PII-free screen."""
    return [] if visit is None else [(text(visit), kind)]


def console_black(visit: Visit | None, rng: random.Random) -> Sheet:
    """Black console: facility on top, `Pt Name` / `PATIENT ID` block, presets down the right, LMP / GA / EDD below."""
    width, height = rng.choice([(800, 600), (1024, 768), (1280, 1024), (1152, 864)])
    sheet = Sheet.blank((width, height), (0, 0, 0))
    sheet.paste(sector((int(width * 0.66), int(height * 0.72)), rng), (int(width * 0.12), int(height * 0.17)))
    face, size = rng.choice(faces("sans", "sans-bold", "sans-condensed")), max(11, height // 40)
    white, amber = (235, 235, 235), (240, 200, 90)
    gap = size * 1.5
    sheet.write((10, 8), private(visit, lambda v: v.facility.upper(), "MEDICAL_FACILITY"), face, size, amber)
    sheet.write((10, 8 + gap), [("Pt Name:", None), *private(visit, lambda v: f"{v.patient.surname.upper()}, "
                                                                     f"{v.patient.given}", "PERSON")], face, size, white)
    sheet.write((10, 8 + 2 * gap), [("PATIENT ID:", None), *private(visit, lambda v: v.mrn, "PATIENT_ID")], face, size, white)
    sheet.write((width - 10, 8), [("Exam Date", None), *private(visit, lambda v: v.date(v.exam), "DATE_TIME")],
                face, size, white, align="right")
    for row, value in enumerate(readouts(rng)):
        sheet.write((width - 10, 8 + (row + 2) * gap), [(value, "tech")], face, size, white, align="right")
    bottom = height - 10 - size
    sheet.write((10, bottom - gap), [("LMP", None), *private(visit, lambda v: v.date(v.lmp), "DATE_TIME")], face, size, white)
    sheet.write((10, bottom), [("GA", "tech"), (gestation(rng), "tech")], face, size, white)
    sheet.write((width // 2, bottom), [("EDD", None), *private(visit, lambda v: v.date(v.edd), "DATE_TIME")], face, size, white)
    return sheet


def banner_grey(visit: Visit | None, rng: random.Random) -> Sheet:
    """Two grey banners across the top (`Patient`, `Acc#`, `Exam Date`; `Referring`, facility), read-outs on the left."""
    width, height = rng.choice([(1024, 768), (1280, 800), (1600, 1000), (960, 720)])
    sheet = Sheet.blank((width, height), (12, 14, 20))
    banner = max(14, height // 36)
    sheet.image.paste((70, 74, 82), (0, 0, width, int(banner * 3.6)))
    sheet.paste(sector((int(width * 0.6), int(height * 0.7)), rng, (1.0, 0.97, 0.9)), (int(width * 0.25), int(height * 0.22)))
    face = rng.choice(faces("sans-condensed", "sans-condensed-bold", "sans"))
    white = (245, 245, 240)
    row = ([("Patient", None), *private(visit, lambda v: f"{v.patient.given} {v.patient.surname}", "PERSON")],
           [("Acc#", None), *private(visit, lambda v: v.accession, "PATIENT_ID")],
           [("Exam Date", None), *private(visit, lambda v: v.date(v.exam), "DATE_TIME")])
    banner = sheet.fit([part for parts in row for part in parts], face, banner, width - 24 - banner * 4)
    x = 12
    for parts in row:
        x = sheet.write((x, 6), parts, face, banner, white) + banner * 2
    sheet.write((12, 6 + banner * 1.7), [("Referring", None), ("Dr.", None), *private(
        visit, lambda v: f"{v.doctor.given[0]}. {v.doctor.surname}", "PERSON")], face, banner, white)
    sheet.write((width - 12, 6 + banner * 1.7), private(visit, lambda v: v.facility, "MEDICAL_FACILITY"), face, banner, white,
                align="right")
    small = max(11, banner - 3)
    for row, value in enumerate(readouts(rng)):
        sheet.write((12, banner * 5 + row * small * 1.6), [(value, "tech")], face, small, (200, 220, 255))
    sheet.write((12, height - small * 2), [("GA", "tech"), (gestation(rng), "tech")], face, small, white)
    return sheet


def sidebar_blue(visit: Visit | None, rng: random.Random) -> Sheet:
    """Dark blue sidebar with stacked labels and values (`PATIENT`, `DOB`, `ID`, `LMP`, `EDD`), facility and phone at its foot."""
    width, height = rng.choice([(1024, 768), (1280, 960), (800, 600)])
    sheet = Sheet.blank((width, height), (4, 4, 8))
    bar = int(width * 0.27)
    sheet.image.paste((18, 36, 84), (0, 0, bar, height))
    sheet.paste(sector((width - bar - 30, int(height * 0.85)), rng), (bar + 15, int(height * 0.06)))
    face = rng.choice(faces("sans", "serif", "sans-bold"))
    size = max(11, height // 42)
    label_colour, value_colour = (150, 180, 230), (255, 255, 255)
    y = 12.0
    for label, text, kind in (("PATIENT", lambda v: f"{v.patient.given} {v.patient.surname}", "PERSON"),
                              ("DOB", lambda v: v.date(v.dob), "DATE_TIME"), ("ID", lambda v: v.mrn, "PATIENT_ID"),
                              ("LMP", lambda v: v.date(v.lmp), "DATE_TIME"), ("EDD", lambda v: v.date(v.edd), "DATE_TIME")):
        sheet.write((10, y), [(label, None)], face, size - 2, label_colour)
        sheet.write((10, y + size * 1.1), private(visit, text, kind), face, size, value_colour)
        y += size * 2.9
    sheet.write((10, y), [("GA", "tech"), (gestation(rng), "tech")], face, size, value_colour)
    for row, value in enumerate(readouts(rng)[:5]):
        sheet.write((width - 10, 10 + row * size * 1.5), [(value, "tech")], face, size - 1, (220, 220, 220), align="right")
    sheet.write((10, height - size * 4), private(visit, lambda v: v.facility, "MEDICAL_FACILITY"), face, size - 2, value_colour)
    sheet.write((10, height - size * 2.4), [("Tel", None), *private(visit, lambda v: v.phone, "PHONE_NUMBER")], face, size - 2,
                value_colour)
    return sheet


def dicom_corners(visit: Visit | None, rng: random.Random) -> Sheet:
    """DICOM-style burn-in in the corners: `SURNAME GIVEN [F] DD.MM.YYYY`, an exam ID embedding the date, a short facility."""
    width, height = rng.choice([(1024, 768), (2140, 1760), (1600, 1200), (1280, 1024)])
    sheet = Sheet.blank((width, height), (0, 0, 0))
    sheet.paste(sector((int(width * 0.7), int(height * 0.78)), rng), (int(width * 0.15), int(height * 0.12)))
    face, size = rng.choice(faces("mono", "mono-bold", "sans-condensed")), max(12, height // 45)
    white = (255, 255, 255)
    gap = size * 1.4
    if visit is None:
        sheet.write((8, 8), [("ANONYMOUS", None)], face, size, white)
    else:
        sheet.write((8, 8), [(f"{visit.patient.surname.upper()} {visit.patient.given.upper()}", "PERSON"),
                             (f"[{visit.patient.sex}]", None), (visit.date(visit.dob, "dd.mm.yyyy"), "DATE_TIME")],
                    face, size, white)
    sheet.write((8, 8 + gap), private(visit, lambda v: v.exam_id, "PATIENT_ID"), face, size, white)
    sheet.write((8, 8 + 2 * gap), private(visit, lambda v: short_facility(v.facility), "MEDICAL_FACILITY"), face, size, white)
    sheet.write((width - 8, 8), [("US", "tech"), (f"Se:{rng.randint(1, 9)}", "tech"), (f"Im:{rng.randint(1, 60)}", "tech")],
                face, size, white, align="right")
    values = readouts(rng)
    for row in range(3):
        sheet.write((8, height - 8 - (3 - row) * gap), [(values[row], "tech")], face, size, white)
    sheet.write((width - 8, height - 8 - gap), [(f"W:{rng.randint(200, 260)}", "tech"), (f"L:{rng.randint(100, 140)}", "tech")],
                face, size, white, align="right")
    return sheet


def short_facility(facility: str) -> str:
    for long, short in (("Medical Center", "MED CTR"), ("Hospital", "HOSP"), ("Women's", "WOMENS"), ("Centre", "CTR")):
        facility = facility.replace(long, short)
    return facility.upper()


def portable_lcd(visit: Visit | None, rng: random.Random) -> Sheet:
    """Small portable-scanner screen (320x240 to 480x360) in Pillow's default font: `Pt:` name, date, a few read-outs."""
    width, height = rng.choice([(320, 240), (400, 300), (480, 360)])
    sheet = Sheet.blank((width, height), (8, 16, 10))
    sheet.paste(sector((int(width * 0.8), int(height * 0.7)), rng, (0.85, 1.0, 0.85)), (int(width * 0.1), int(height * 0.2)))
    size = rng.choice([11, 12, 13, 14]) * width // 320
    face = rng.choice(faces("sans-condensed", "mono"))
    green = (190, 255, 190)
    name = [("Pt:", None), *private(visit, lambda v: f"{v.patient.given} {v.patient.surname}", "PERSON")]
    sheet.write((4, 3), name, face, sheet.fit(name, face, size, width * 0.58), green)
    day = private(visit, lambda v: v.date(v.exam), "DATE_TIME")
    sheet.write((width - 4, 3), day, face, sheet.fit(day, face, size, width * 0.38), green, align="right")
    values = readouts(rng)
    sheet.write((4, height - size - 4), [(values[0], "tech"), (values[1], "tech")], face, size, green)
    sheet.write((width - 4, height - size - 4), [(values[2], "tech")], face, size, green, align="right")
    return sheet


def tablet_app(visit: Visit | None, rng: random.Random) -> Sheet:
    """Light tablet app: a white header card (`Patient:`, `Exam Date:`, facility and town), the image, a preset bar."""
    width, height = rng.choice([(1280, 800), (1600, 1000), (1024, 640), (1920, 1200)])
    sheet = Sheet.blank((width, height), (236, 239, 244))
    header = int(height * 0.2)
    sheet.image.paste((255, 255, 255), (0, 0, width, header))
    sheet.paste(sector((int(width * 0.6), int(height * 0.62)), rng), (int(width * 0.2), header + 10))
    face = rng.choice(faces("sans", "serif", "sans-bold"))
    size = max(12, height // 34)
    dark, grey = (30, 34, 40), (90, 96, 110)
    sheet.write((20, header * 0.15), [("Patient:", None), *private(visit, lambda v: f"{v.patient.given} {v.patient.surname}",
                                                                    "PERSON")], face, size, dark)
    sheet.write((20, header * 0.55), [("Exam Date:", None), *private(visit, lambda v: v.date(v.exam, rng.choice(
        ["month d, yyyy", "d mon yyyy", "mon d yyyy"])), "DATE_TIME")], face, size, dark)
    sheet.write((width - 20, header * 0.15), private(visit, lambda v: v.facility, "MEDICAL_FACILITY"), face, size, grey,
                align="right")
    sheet.write((width - 20, header * 0.55), private(visit, lambda v: f"{v.city}, {v.region}", "LOCATION"), face, size, grey,
                align="right")
    bar_y = height - size * 2.2
    x = 20
    for value in readouts(rng)[:6]:
        x = sheet.write((x, bar_y), [(value, "tech")], face, size - 2, dark) + size * 2
    return sheet


SCREENS = {"console-black": console_black, "banner-grey": banner_grey, "sidebar-blue": sidebar_blue,
           "dicom-corners": dicom_corners, "portable-lcd": portable_lcd, "tablet-app": tablet_app}
