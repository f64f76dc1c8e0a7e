"""Keepsake cards and paper prints: a baby card, a couple's announcement, a studio print with a sticker,
a scanned report page (1700 to 2500 px) and a thermal printer roll."""

from __future__ import annotations

import random

from PIL import ImageDraw

from folks import Visit
from ink import Sheet, faces
from screens import gestation, readouts
from sector import sector

PASTELS = ((252, 228, 236), (225, 240, 252), (236, 248, 230), (255, 244, 214), (240, 232, 252))
SAYINGS = ("Our little miracle", "Coming soon", "Hello world!", "Baby on board", "Little one on the way",
           "Made with love", "Our rainbow baby", "Can't wait to meet you")
MEASURES = ("BPD", "HC", "AC", "FL", "CRL", "NT", "HL")


def keepsake_pastel(visit: Visit, rng: random.Random) -> Sheet:
    """Pastel card: `Baby Surname`, a saying, the scan in a rounded frame, `due Jan 17, 2027`, and at times
    `with love from Julia in New Denise`."""
    width = rng.choice([600, 800, 1000, 1200])
    height = int(width * rng.choice([1.25, 1.4]))
    sheet = Sheet.blank((width, height), rng.choice(PASTELS))
    scan = sector((int(width * 0.7), int(width * 0.55)), rng)
    left, top = int(width * 0.15), int(height * 0.3)
    ImageDraw.Draw(sheet.image).rounded_rectangle((left - 8, top - 8, left + scan.width + 8, top + scan.height + 8), 18,
                                                  fill=(255, 255, 255))
    sheet.paste(scan, (left, top))
    face = rng.choice(faces("serif-bold", "sans-bold", "serif"))
    ink = rng.choice([(120, 60, 90), (40, 70, 120), (60, 60, 60)])
    big = width // 11
    name = [("Baby", None), (visit.patient.surname, "PERSON")]
    sheet.write((width / 2, height * 0.06), name, face, sheet.fit(name, face, big, width * 0.9), ink, align="centre")
    sheet.write((width / 2, height * 0.06 + big * 1.5), [(rng.choice(SAYINGS), None)], face, big // 2, ink, align="centre")
    due = visit.date(visit.edd, rng.choice(["mon d, yyyy", "month d, yyyy", "dth month", "d mon yyyy", "dd/mm/yyyy"]))
    sheet.write((width / 2, top + scan.height + big * 0.8), [("due", None), (due, "DATE_TIME")], face, int(big * 0.7), ink,
                align="centre")
    if rng.random() < 0.5:
        sender = [("with love from", None), (visit.partner.given, "PERSON"), ("in", None), (visit.city, "LOCATION")]
        sheet.write((width / 2, top + scan.height + big * 2), sender, face, sheet.fit(sender, face, big // 2, width * 0.9), ink,
                    align="centre")
    return sheet


def couple_card(visit: Visit, rng: random.Random) -> Sheet:
    """Wide announcement: `Anna & Mark` are expecting, the town with its full region, a date like `19th June`."""
    width = rng.choice([900, 1200, 1600])
    height = int(width * rng.choice([0.6, 0.7]))
    sheet = Sheet.blank((width, height), rng.choice(PASTELS))
    scan = sector((int(width * 0.4), int(height * 0.75)), rng)
    sheet.paste(scan, (int(width * 0.05), int(height * 0.12)))
    face = rng.choice(faces("serif", "serif-bold", "sans", "serif-condensed"))
    ink = rng.choice([(70, 40, 60), (30, 50, 80), (20, 20, 20)])
    x, big = width * 0.72, height // 10
    couple = [(visit.patient.given, "PERSON"), ("&", None), (visit.partner.given, "PERSON")]
    sheet.write((x, height * 0.12), couple, face, sheet.fit(couple, face, big, width * 0.48), ink, align="centre")
    sheet.write((x, height * 0.12 + big * 1.5), [("are expecting!", None)], face, big // 2, ink, align="centre")
    day = visit.date(visit.edd, rng.choice(["dth month", "month d, yyyy", "mon d yyyy", "dd.mm.yyyy"]))
    sheet.write((x, height * 0.55), [(day, "DATE_TIME")], face, int(big * 0.6), ink, align="centre")
    town = [(f"{visit.city}, {visit.region}", "LOCATION")]
    sheet.write((x, height * 0.55 + big * 1.1), town, face, sheet.fit(town, face, int(big * 0.45), width * 0.48), ink,
                align="centre")
    return sheet


def studio_print(visit: Visit, rng: random.Random) -> Sheet:
    """A scan print with a white sticker: facility, phone and `Scan date`, and GA written on the scan."""
    width, height = rng.choice([(900, 700), (1200, 900), (700, 560)])
    sheet = Sheet.blank((width, height), (10, 10, 10))
    sheet.paste(sector((width, height), rng, (1.0, 0.92, 0.8)), (0, 0))
    face = rng.choice(faces("sans-bold", "sans-condensed-bold", "serif-bold"))
    size = max(13, height // 30)
    label_height = int(size * 5.2)
    top = height - label_height - 12
    ImageDraw.Draw(sheet.image).rectangle((12, top, int(width * 0.62), height - 12), fill=(250, 250, 246))
    ink = (25, 25, 60)
    facility = [(visit.facility, "MEDICAL_FACILITY")]
    sheet.write((22, top + size * 0.4), facility, face, sheet.fit(facility, face, size, width * 0.62 - 30), ink)
    sheet.write((22, top + size * 1.9), [(visit.phone, "PHONE_NUMBER")], face, size, ink)
    sheet.write((22, top + size * 3.4), [("Scan date", None), (visit.date(visit.exam), "DATE_TIME")], face, size, ink)
    sheet.write((width - 14, 12), [("GA", "tech"), (gestation(rng), "tech")], face, size, (255, 255, 255), align="right")
    return sheet


def report_scan(visit: Visit, rng: random.Random) -> Sheet:
    """A scanned report page, 1700 to 2500 px tall: letterhead with town and phone, a patient table, measurements."""
    height = rng.randint(1700, 2500)
    width = int(height / 1.414)
    sheet = Sheet.blank((width, height), (250, 250, 247))
    face = rng.choice(faces("serif", "sans", "serif-condensed"))
    bold = face + "-bold" if face + "-bold" in faces("serif-bold", "sans-bold", "serif-condensed-bold") else face
    size = height // 70
    ink = (20, 20, 20)
    margin = width // 12
    letterhead = [(visit.facility, "MEDICAL_FACILITY")]
    sheet.write((margin, margin), letterhead, bold, sheet.fit(letterhead, bold, int(size * 1.6), width - 2 * margin), ink)
    sheet.write((margin, margin + size * 2.6), [(f"{visit.city}, {visit.region}", "LOCATION"), ("|", None), ("Tel", None),
                                                (visit.phone, "PHONE_NUMBER")], face, size, ink)
    sheet.write((margin, margin + size * 5), [("Obstetric Ultrasound Report", None)], bold, int(size * 1.3), ink)
    rows = [("Patient Name", f"{visit.patient.surname}, {visit.patient.given}", "PERSON"),
            ("Date of Birth", visit.date(visit.dob), "DATE_TIME"), ("MRN", visit.mrn, "PATIENT_ID"),
            ("Referring Physician", f"{visit.doctor.given} {visit.doctor.surname}", "PERSON"),
            ("Exam Date", visit.date(visit.exam), "DATE_TIME"), ("LMP", visit.date(visit.lmp), "DATE_TIME")]
    y = margin + size * 8
    for label, value, kind in rows:
        sheet.write((margin, y), [(label, None)], bold, size, ink)
        sheet.write((margin + size * 14, y), [(value, kind)], face, size, ink)
        y += size * 1.9
    y += size * 2
    for name in rng.sample(MEASURES, 5):
        sheet.write((margin, y), [(name, "tech"), (f"{rng.uniform(10, 320):.1f} mm", "tech")], face, size, ink)
        y += size * 1.7
    sheet.write((margin, y + size), [("GA", "tech"), (gestation(rng), "tech"), ("FHR", "tech"), (f"{rng.randint(120, 170)} bpm",
                                                                                              "tech")], face, size, ink)
    sheet.paste(sector((width // 2, width // 2), rng), (width - margin - width // 2, int(height * 0.62)))
    return sheet


def thermal_roll(visit: Visit, rng: random.Random) -> Sheet:
    """A narrow thermal printer roll in a monospaced face: facility, name, ID and date above the image, read-outs below."""
    width = rng.choice([384, 512, 640])
    height = int(width * rng.uniform(1.5, 1.9))
    sheet = Sheet.blank((width, height), (236, 234, 226))
    face = rng.choice(faces("mono", "mono-bold", "sans-condensed"))
    size = max(11, width // 28)
    ink = (30, 30, 34)
    y = 8.0
    facility = [(visit.facility, "MEDICAL_FACILITY")]
    sheet.write((6, y), facility, face, sheet.fit(facility, face, size, width - 12), ink)
    y += size * 1.4
    for parts in ([("NAME", None), (f"{visit.patient.surname.upper()}^{visit.patient.given.upper()}", "PERSON")],
                  [("ID", None), (visit.mrn, "PATIENT_ID")], [(visit.date(visit.exam), "DATE_TIME")]):
        sheet.write((6, y), parts, face, size, ink)
        y += size * 1.4
    scan = sector((width - 12, int(height * 0.55)), rng)
    sheet.paste(scan, (6, int(y + 4)))
    y += scan.height + 10
    values = readouts(rng)
    for row in range(min(4, int((height - y) // (size * 1.4)))):
        sheet.write((6, y + row * size * 1.4), [(values[row], "tech")], face, size, ink)
    return sheet


CARDS = {"keepsake-pastel": keepsake_pastel, "couple-card": couple_card}
PRINTS = {"studio-print": studio_print, "report-scan": report_scan, "thermal-roll": thermal_roll}
