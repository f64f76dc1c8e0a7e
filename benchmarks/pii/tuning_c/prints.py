"""Reports, screens, cards and posts of the third tuning generator. Each draws a patient's private text, or with
no patient the same labels and read-outs alone (a PII-free sheet). Drawing uses the sheet, fonts and fan of
`../heldout_b/` (ink.py, sector.py); layouts, labels, names and formats are this generator's own."""

from __future__ import annotations

import random
from collections.abc import Callable

from ink import Part, Sheet, faces
from patients import Patient
from sector import sector

PROBES = ("C1-6", "IC5-9", "4C-RS", "C5-1", "eL18-4", "RAB6-D", "V7-2")


def readouts(rng: random.Random) -> list[str]:
    """Biometry and settings: none of them private."""
    values = [f"GS {rng.uniform(0.8, 4.5):.2f}cm", f"YS {rng.uniform(2.0, 6.0):.1f}mm",
              f"NT {rng.uniform(0.8, 3.2):.1f}mm", f"BPD {rng.uniform(1.5, 9.6):.2f}cm",
              f"HC {rng.uniform(6, 34):.2f}cm", f"FL {rng.uniform(0.8, 7.9):.2f}cm", f"AFI {rng.uniform(5, 24):.1f}cm",
              f"FHR {rng.randint(118, 172)} bpm", f"MI {rng.uniform(0.2, 1.4):.1f}", f"TIS {rng.uniform(0.1, 0.9):.1f}",
              f"G{rng.randint(30, 80)}", f"{rng.randint(2, 8)}.{rng.randint(0, 9)}MHz", f"FR {rng.randint(10, 45)}Hz",
              rng.choice(PROBES), f"D{rng.uniform(8, 20):.1f}cm", "OB/Early",
              rng.choice(("Harmonic", "SRI II 3", "CRI 2", "Speckle Red."))]
    rng.shuffle(values)
    return values[: rng.randint(5, 9)]


def gestation(rng: random.Random) -> str:
    return rng.choice([f"{rng.randint(6, 40)}w{rng.randint(0, 6)}d",
                       f"{rng.randint(6, 40)} wks {rng.randint(0, 6)} days"])


def private(patient: Patient | None, text: Callable[[Patient], str], kind: str) -> list[Part]:
    return [] if patient is None else [(text(patient), kind)]


def report_page(patient: Patient | None, rng: random.Random) -> Sheet:
    """A printed report page: the clinic's letterhead (name, street, town, `Tel`), a details block
    (`Patient Name`, `Date of Birth`, `Hospital No.`, `Referring Doctor`, `Exam Date`), then the biometry."""
    width, height = rng.choice([(1240, 1754), (1100, 1500), (1000, 1400)])
    sheet = Sheet.blank((width, height), (252, 252, 250))
    face = rng.choice(faces("serif", "sans", "sans-condensed"))
    size = max(16, width // 42)
    ink, blue = (20, 20, 20), (20, 50, 120)
    letterhead = private(patient, lambda p: p.facility, "MEDICAL_FACILITY") or [("Obstetric Ultrasound Report", None)]
    sheet.write((width // 2, 50), letterhead, face, sheet.fit(letterhead, face, size + 10, width * 0.9), blue,
                align="centre")
    address = [*private(patient, lambda p: p.street + ",", "LOCATION"), *private(patient, lambda p: p.city, "LOCATION"),
               ("Tel", None), *private(patient, lambda p: p.phone, "PHONE_NUMBER")]
    sheet.write((width // 2, 50 + size * 2), address, face, sheet.fit(address, face, size - 2, width * 0.9), ink,
                align="centre")
    y = 60 + size * 5
    for label, value in (("Patient Name:", private(patient, lambda p: p.mother.name, "PERSON")),
                         ("Date of Birth:", private(patient, lambda p: p.date(p.dob), "DATE_TIME")),
                         ("Hospital No.:", private(patient, lambda p: p.hospital_number, "PATIENT_ID")),
                         ("Referring Doctor:", [("Dr", None), *private(patient, lambda p: p.doctor.name, "PERSON")]),
                         ("Exam Date:", private(patient, lambda p: p.date(p.exam), "DATE_TIME"))):
        sheet.write((60, y), [(label, None)], face, size, ink)
        if value:
            sheet.write((60 + width * 0.3, y), value, face, sheet.fit(value, face, size, width * 0.6), ink)
        y += size * 1.6
    sheet.paste(sector((int(width * 0.6), int(height * 0.3)), rng), (int(width * 0.2), int(y + size)))
    y += height * 0.3 + size * 2
    for value in readouts(rng)[:6]:
        sheet.write((60, y), [(value, "tech")], face, size, ink)
        y += size * 1.4
    return sheet


def banner_screen(patient: Patient | None, rng: random.Random) -> Sheet:
    """A dark-blue banner over the picture: the clinic at the left, the patient's name unlabelled (`Given SURNAME`),
    `ID`, and the date and time with seconds at the right; read-outs in a box at the right."""
    width, height = rng.choice([(1024, 768), (1280, 1024), (1440, 900)])
    sheet = Sheet.blank((width, height), (6, 6, 10))
    bar = max(14, height // 30)
    sheet.image.paste((18, 34, 82), (0, 0, width, int(bar * 1.6)))
    sheet.paste(sector((int(width * 0.6), int(height * 0.78)), rng, (1.0, 0.97, 0.9)), (int(width * 0.12), bar * 3))
    face = rng.choice(faces("sans", "sans-bold", "mono"))
    yellow, white = (250, 230, 120), (235, 235, 235)
    left = [*private(patient, lambda p: p.facility, "MEDICAL_FACILITY"),
            *private(patient, lambda p: f"{p.mother.given} {p.mother.surname.upper()}", "PERSON"),
            ("ID:", None), *private(patient, lambda p: p.hospital_number, "PATIENT_ID")]
    size = sheet.fit(left, face, bar, width * 0.68)
    sheet.write((8, bar * 0.3), left, face, size, yellow)
    clock = f"{rng.randint(7, 18):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}"
    stamp = [] if patient is None else [(patient.date(patient.exam, "dd.mm.yyyy"), "DATE_TIME"), (clock, "DATE_TIME")]
    sheet.write((width - 8, bar * 0.3), stamp or [(clock, None)], face, size, yellow, align="right")
    for index, value in enumerate(readouts(rng)):
        sheet.write((width - 12, bar * 3 + index * size * 1.5), [(value, "tech")], face, size, white, align="right")
    sheet.write((12, height - bar * 2), [("GA", "tech"), (gestation(rng), "tech")], face, size, white)
    return sheet


def keepsake_frame(patient: Patient | None, rng: random.Random) -> Sheet:
    """A keepsake frame: `Baby <Surname>` over the scan, the due date, a sign-off (`xoxo`, `Love always,`) with the
    parents' given names, the clinic and town at the foot."""
    width, height = rng.choice([(1000, 1250), (1200, 1500), (900, 1200)])
    sheet = Sheet.blank((width, height), rng.choice([(255, 250, 240), (240, 248, 255), (250, 240, 245)]))
    sheet.paste(sector((int(width * 0.72), int(height * 0.48)), rng), (int(width * 0.14), int(height * 0.16)))
    face = rng.choice(faces("serif", "serif-bold", "sans-bold"))
    ink = rng.choice([(80, 50, 30), (30, 60, 100), (110, 40, 80)])
    size = max(24, width // 16)
    centre = width // 2
    title = [("Baby", None), *private(patient, lambda p: p.mother.surname, "PERSON")]
    sheet.write((centre, height * 0.04), title, face, sheet.fit(title, face, size, width * 0.9), ink, align="centre")
    small = max(16, size // 2)
    due = [("Due", None), *private(patient, lambda p: p.date(p.appointment.date(), "Mon d, yyyy"), "DATE_TIME")]
    sheet.write((centre, height * 0.68), due, face, sheet.fit(due, face, small, width * 0.9), ink, align="centre")
    sign_off = rng.choice(("xoxo", "Love always,", "With love from"))
    parents = [(sign_off, None), *private(patient, lambda p: f"{p.mother.given} and {p.partner.given}", "PERSON")]
    sheet.write((centre, height * 0.75), parents, face, sheet.fit(parents, face, small, width * 0.9), ink,
                align="centre")
    foot = [*private(patient, lambda p: p.facility, "MEDICAL_FACILITY"),
            *private(patient, lambda p: p.city, "LOCATION")]
    if foot:
        sheet.write((centre, height * 0.84), foot, face, sheet.fit(foot, face, small - 4, width * 0.9), ink,
                    align="centre")
    return sheet


def print_header(patient: Patient | None, rng: random.Random) -> Sheet:
    """A printer's strip with its text above the picture, grey on black: `Given SURNAME`, `Acc#`, `LMP`, the exam's
    date; the GA below the picture."""
    width, height = rng.choice([(700, 900), (640, 860), (760, 980)])
    sheet = Sheet.blank((width, height), (12, 12, 12))
    face = rng.choice(faces("mono", "sans-condensed", "sans"))
    size = max(12, width // 44)
    grey = (190, 190, 190)
    y = 14.0
    for parts in ([*private(patient, lambda p: f"{p.mother.given} {p.mother.surname.upper()}", "PERSON"),
                   ("Acc#", None), *private(patient, lambda p: p.accession, "PATIENT_ID")],
                  [("LMP", None), *private(patient, lambda p: p.date(p.lmp), "DATE_TIME"),
                   ("Exam", None), *private(patient, lambda p: p.date(p.exam), "DATE_TIME")],
                  [(value, "tech") for value in readouts(rng)[:4]]):
        sheet.write((16, y), parts, face, sheet.fit(parts, face, size, width - 32), grey)
        y += size * 1.5
    sheet.paste(sector((width - 40, int(height * 0.66)), rng), (20, int(y + 8)))
    sheet.write((16, height - size * 2), [("GA", "tech"), (gestation(rng), "tech")], face, size, grey)
    return sheet


def appointment_card(patient: Patient | None, rng: random.Random) -> Sheet:
    """An appointment card beside the scan: the next visit's weekday, date and time, `with Dr`, the clinic, its street
    and town, a phone to call."""
    width, height = rng.choice([(1200, 800), (1100, 760), (1300, 860)])
    sheet = Sheet.blank((width, height), (235, 232, 226))
    sheet.paste(sector((int(width * 0.45), int(height * 0.8)), rng), (20, int(height * 0.1)))
    sheet.image.paste((255, 255, 255), (int(width * 0.5), int(height * 0.12), width - 30, int(height * 0.88)))
    face = rng.choice(faces("sans", "serif", "sans-condensed"))
    size = max(16, width // 34)
    ink = (30, 30, 40)
    x, y, room = int(width * 0.52), height * 0.15, width * 0.45
    lines = [[("Your next appointment", None)],
             private(patient, lambda p: p.date(p.appointment.date(), "Weekday d Month yyyy"), "DATE_TIME"),
             [("at", None), *private(patient, lambda p: f"{p.appointment:%I:%M%p}".lower().lstrip("0"), "DATE_TIME")],
             [("with Dr", None), *private(patient, lambda p: p.doctor.surname, "PERSON")],
             private(patient, lambda p: p.facility, "MEDICAL_FACILITY"),
             private(patient, lambda p: p.street, "LOCATION"),
             [("Enquiries", None), *private(patient, lambda p: p.phone, "PHONE_NUMBER")]]
    for parts in lines:
        if parts:
            sheet.write((x, y), parts, face, sheet.fit(parts, face, size, room), ink)
        y += size * 1.7
    return sheet


def social_post(patient: Patient | None, rng: random.Random) -> Sheet:
    """A social post's screenshot: the poster's name and `2h`, a sentence thanking the clinic in its town, the scan,
    hashtags."""
    width, height = rng.choice([(1080, 1500), (900, 1300), (1170, 1600)])
    sheet = Sheet.blank((width, height), (255, 255, 255))
    face = rng.choice(faces("sans", "sans-bold"))
    size = max(20, width // 30)
    dark, grey, blue = (15, 15, 20), (120, 120, 130), (30, 90, 200)
    poster = private(patient, lambda p: p.mother.name, "PERSON") or [("Expecting", None)]
    sheet.write((40, 40), poster, face, sheet.fit(poster, face, size, width - 80), dark)
    sheet.write((40, 40 + size * 1.4), [("2h", None)], face, size - 6, grey)
    thanks = [(f"{rng.randint(12, 22)} weeks today! Thank you", None),
              *private(patient, lambda p: p.facility, "MEDICAL_FACILITY"),
              *([("in", None), (patient.city + "!", "LOCATION")] if patient else [])]
    sheet.write((40, 40 + size * 3), thanks, face, sheet.fit(thanks, face, size - 4, width - 80), dark)
    sheet.paste(sector((width - 80, int(height * 0.55)), rng), (40, int(40 + size * 5)))
    tags = [("#pregnant #babybump #ultrasound", None)]
    sheet.write((40, int(height * 0.55 + 80 + size * 5)), tags, face, sheet.fit(tags, face, size - 6, width - 80), blue)
    return sheet


SHEETS = {"report-page": report_page, "banner-screen": banner_screen, "keepsake-frame": keepsake_frame,
          "print-header": print_header, "appointment-card": appointment_card, "social-post": social_post}
CLEAN_SHEETS = ("report-page", "banner-screen", "print-header", "appointment-card")
