"""The tuning split of the PII benchmark: the images and captions recognizers may be tuned on.

    python benchmarks/pii/tuning.py OUT [--count 60] [--clean 20] [--seed 1]

Writes OUT/bench (private text on screens, cards and prints; captions) and OUT/clean
(screens with labels, presets and read-outs only, no private values), in the layout of
`shard.py`. Layouts: a console screen with a top-left patient block, a grey banner screen,
a DICOM-style burn-in, a due-date card, a hello card, a thermal print, a scanned A4 report
(1700 to 2500 px, an unlabelled identifier in its top corner) and a portable scanner's 320x240
to 480x360 screen. Identifiers of many shapes follow vendors' labels (`PATIENT ID`, `MRN`, `Acc#`,
`Exam ID`, ...); couples are written `Anna & Mark`, `Anna and Mark`, `A & M Smith`, `Mr & Mrs
Smith`, `the Smiths`; facilities end in any facility word, abbreviated or upper-case, some followed
by their town. Captions: `tuning_captions.py`. Damage is drawn evenly from `damage.DAMAGES`. Every name, date and place is made up (Faker).
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Callable
from pathlib import Path

from PIL import Image, ImageDraw

from canvas import Font, Part, WordCanvas, fit_font, load_font, sector_scan
from damage import DAMAGES, blur, downscale, glare, photo, thermal, tilt, turn
from people import People, Person, format_date, format_phone
from shard import BenchWriter, Sample
from tuning_captions import caption, plural
from tuning_captions import phone as region_phone

FONTS = ("DejaVuSansMono", "DejaVuSans-Bold", "DejaVuSerif", "default")
DATES = ("DD/MM/YYYY", "MM-DD-YY", "YYYY.MM.DD", "DD Mon YYYY", "Mon DD YYYY", "MM/DD/YYYY")
PHONES = ("+1 ### ### ####", "(###) ###-####", "###-###-####")
FACILITY_SUFFIXES = ("Hospital", "Clinic", "Medical Center", "Imaging", "Radiology", "Maternity Clinic", "MED CTR",
                     "Ultrasound", "Maternity", "OB/GYN Associates", "Women's Health", "Fetal Medicine", "HOSP.",
                     "WOMENS HOSP.", "RADIOLOGY ASSOC.")
ID_LABELS = ("PATIENT ID", "Pt ID:", "MRN", "MRN:", "Acc#", "Accession:", "Exam ID", "Study ID:", "ID:")
PRESETS = ("OB 2/3", "MSCSKEL", "OBGEN", "OB1TRI", "ABDGEN")
PROBES = ("C5-1", "C9-2", "V7-3", "EC9-4")
LIGHT, AMBER, WHITE, INK = (232, 232, 232), (215, 205, 120), (250, 250, 250), (25, 25, 25)
Layout = Callable[[random.Random, Person, int, bool], tuple[WordCanvas, str]]


def date(rng: random.Random, person: Person, which: str = "exam") -> str:
    return format_date(getattr(person, which), rng.choice(DATES))


def phone(rng: random.Random, person: Person) -> str:
    """A NANP-style number in one of this split's formats, or one in the person's region's formats."""
    return format_phone(person.digits, rng.choice(PHONES)) if rng.random() < 0.3 else region_phone(rng, person)


def facility(rng: random.Random, person: Person) -> str:
    """A surname or place and a facility word, abbreviated ones and one in four all upper-case."""
    prefix = rng.choice([person.city, person.doctor, f"St. {person.partner}"])
    suffix = rng.choice(FACILITY_SUFFIXES)
    name = f"{prefix} {suffix}"
    return name.upper() if suffix.isupper() or rng.random() < 0.25 else name


def identifier(rng: random.Random, person: Person) -> str:
    """A patient or exam identifier: digits plain, dashed or spaced, letter prefixes, embedded dates, alphanumerics."""
    shapes = [
        lambda: f"{rng.randrange(10**6, 10**10)}",
        lambda: f"{rng.randrange(100, 999)}-{rng.randrange(100, 999)}-{rng.randrange(100, 999)}",
        lambda: f"{rng.randrange(1000, 9999)} {rng.randrange(1000, 9999)}",
        lambda: f"{rng.randrange(10**5, 10**6)}-{rng.randrange(10, 99)}",
        lambda: f"{rng.choice(['MRN', 'PT', 'US', 'RAD'])}-{rng.randrange(10**5, 10**8)}",
        lambda: f"OB-{person.exam:%y%m%d}-{rng.randrange(10, 99)}",
        lambda: f"{person.exam:%Y%m%d}-{rng.randrange(1000, 9999)}",
        lambda: "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ" if i % 3 == 0 else "0123456789") for i in range(9)),
    ]
    return rng.choice(shapes)()


def technical(rng: random.Random) -> list[str]:
    return [rng.choice(PROBES), rng.choice(PRESETS), f"MI {rng.uniform(0.5, 1.3):.1f}", f"TIs {rng.uniform(0.1, 0.9):.1f}",
            f"GA {rng.randint(8, 38)}w{rng.randint(0, 6)}d", f"FHR {rng.randint(120, 170)}bpm",
            f"Depth {rng.randint(10, 18)}cm", "AO=100%", f"Gain {rng.randint(30, 70)}"]


def column(canvas: WordCanvas, x: float, y: float, lines: list[list[Part]], font: Font, fill, step: float,
           technical_text: bool = False) -> None:
    for i, parts in enumerate(lines):
        canvas.write((x, y + i * step), parts, font, fill, technical=technical_text)


def tech_right(canvas: WordCanvas, rng: random.Random, font: Font, y: float, step: float, count: int) -> None:
    lines = rng.sample(technical(rng), count)
    x = canvas.image.width - max(canvas.width(line, font) for line in lines) - step * 0.6
    column(canvas, x, y, [[(line, None)] for line in lines], font, AMBER, step, technical_text=True)


def screen_base(rng: random.Random, seed: int, sizes: list[tuple[int, int]]) -> tuple[WordCanvas, int]:
    w, h = rng.choice(sizes)
    image = Image.new("RGB", (w, h), (0, 0, 0))
    image.paste(sector_scan((int(w * 0.7), int(h * 0.78)), seed), (int(w * 0.15), int(h * 0.2)))
    return WordCanvas(image), h


def console(rng: random.Random, person: Person, seed: int, private: bool) -> tuple[WordCanvas, str]:
    """Patient block top left, facility and exam time top centre, read-outs down the right."""
    canvas, h = screen_base(rng, seed, [(640, 480), (800, 600), (1024, 768)])
    font = load_font(rng.choice(FONTS[:3]), max(h // 34, 12))
    step = font.size * 1.35
    block = [[("Pt Name:", None), (f"{person.last.upper()}, {person.first.upper()}", "PERSON")],
             [(rng.choice(ID_LABELS), None), (identifier(rng, person), "PATIENT_ID")],
             [("DOB:", None), (date(rng, person, "birth"), "DATE_TIME")]]
    top = [[(facility(rng, person), "MEDICAL_FACILITY"), (person.city.upper(), "LOCATION")],
           [(date(rng, person), "DATE_TIME"), (f"{rng.randint(7, 18):02d}:{rng.randint(0, 59):02d}", "DATE_TIME")]]
    if not private:
        block, top = [[line[0]] for line in block], [[("Exam", None)]]
    right = max(canvas.write((step * 0.5, step * (0.4 + i)), parts, font, LIGHT)
                for i, parts in enumerate(block))
    column(canvas, max(right + 2 * step, canvas.image.width * 0.36), step * 0.4, top, font, LIGHT, step)
    tech_right(canvas, rng, font, step * 3.5, step, 6)
    return canvas, "screen"


def banner(rng: random.Random, person: Person, seed: int, private: bool) -> tuple[WordCanvas, str]:
    """A grey title bar with PATIENT ID, Acc#, name, exam date and facility; presets bottom left."""
    canvas, h = screen_base(rng, seed, [(800, 600), (1280, 960), (960, 720)])
    font = load_font("DejaVuSans-Bold", max(h // 40, 12))
    step = font.size * 1.4
    ImageDraw.Draw(canvas.image).rectangle((0, 0, canvas.image.width, int(step * 2.4)), fill=(58, 62, 74))
    first = [("PATIENT ID", None), (identifier(rng, person), "PATIENT_ID"),
             (rng.choice(("Acc#", "Exam ID", "Study ID:")), None), (identifier(rng, person), "PATIENT_ID"),
             (f"{person.first} {person.last}", "PERSON")]
    second = [("Exam Date", None), (date(rng, person), "DATE_TIME"), (facility(rng, person), "MEDICAL_FACILITY")]
    if not private:
        first, second = [first[0], first[2]], [second[0]]
    canvas.write((step * 0.4, step * 0.2), first, font, WHITE, gap=2.5)
    canvas.write((step * 0.4, step * 1.2), second, font, WHITE, gap=2.5)
    lines = rng.sample(technical(rng), 4)
    column(canvas, step * 0.4, h - step * 4.6, [[(line, None)] for line in lines], font, AMBER, step, True)
    return canvas, "screen"


def burn_in(rng: random.Random, person: Person, seed: int, private: bool) -> tuple[WordCanvas, str]:
    """DICOM-style burn-in: SURNAME GIVEN [F] DD.MM.YYYY, an exam ID embedding the date, MED CTR."""
    canvas, h = screen_base(rng, seed, [(640, 480), (800, 600), (512, 512)])
    font = load_font("DejaVuSansMono", max(h // 36, 11))
    step = font.size * 1.3
    exam_id = f"US{person.exam:%Y%m%d}{rng.randrange(1000, 9999)}"
    lines = [[(f"{person.last.upper()} {person.first.upper()}", "PERSON"), ("[F]", None),
              (format_date(person.birth, "DD.MM.YYYY"), "DATE_TIME")],
             [(exam_id, "PATIENT_ID")], [(f"{person.city.upper()} MED CTR", "MEDICAL_FACILITY")]]
    if not private:
        lines = [[("[F]", None)], [("US", None)]]
    column(canvas, step * 0.3, step * 0.3, lines, font, LIGHT, step)
    stamp = [(format_date(person.exam, "YYYY.MM.DD"), "DATE_TIME"),
             (f"{rng.randint(7, 18):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}", "DATE_TIME")]
    if private:
        canvas.write((step * 0.3, h - step * 1.3), stamp, font, LIGHT)
    tech_right(canvas, rng, font, step * 0.3, step, 5)
    return canvas, "screen"


def card_base(rng: random.Random, seed: int, sizes: list[tuple[int, int]], colour) -> tuple[WordCanvas, int, int]:
    w, h = rng.choice(sizes)
    image = Image.new("RGB", (w, h), colour)
    image.paste(sector_scan((int(w * 0.45), int(h * 0.7)), seed), (int(w * 0.52), int(h * 0.15)))
    return WordCanvas(image), w, h


def due_card(rng: random.Random, person: Person, seed: int, private: bool) -> tuple[WordCanvas, str]:
    """Pastel card: Baby SURNAME, due date, the couple, their town and state."""
    pastel = rng.choice([(250, 225, 235), (225, 238, 250), (240, 250, 225), (252, 240, 215)])
    canvas, w, h = card_base(rng, seed, [(600, 400), (900, 600), (1500, 1000)], pastel)
    due, town = format_date(person.due, "Mon DD YYYY"), f"{person.city}, {person.region}"
    couple_parts = rng.choice([
        [(person.first, "PERSON"), ("&", None), (person.partner, "PERSON")],
        [(person.first, "PERSON"), ("and", None), (person.partner, "PERSON")],
        [(f"{person.first[0]} & {person.partner[0]} {person.last}", "PERSON")],
        [("Mr & Mrs", None), (person.last, "PERSON")],
        [("the", None), (plural(person.last), "PERSON")],
    ])
    couple = " ".join(text for text, _ in couple_parts)
    big = fit_font("DejaVuSerif-Bold", h // 13, [f"Baby {person.last}"], w * 0.46)
    small = fit_font(rng.choice(FONTS[:3]), h // 20, [f"due {due}", couple, town], w * 0.46)
    ink = (70, 50, 80)
    x, step = w * 0.04, small.size * 1.7
    canvas.write((x, h * 0.1), [("Baby", None), (person.last, "PERSON")], big, ink)
    canvas.write((x, h * 0.3), [("due", None), (due, "DATE_TIME")], small, ink)
    canvas.write((x, h * 0.3 + step), couple_parts, small, ink)
    canvas.write((x, h * 0.3 + 2 * step), [(town, "LOCATION")], small, ink)
    canvas.write((w * 0.55, h * 0.88), [(f"GA {rng.randint(8, 30)}w{rng.randint(0, 6)}d", None)], small, ink,
                 technical=True)
    return canvas, "card"


def hello_card(rng: random.Random, person: Person, seed: int, private: bool) -> tuple[WordCanvas, str]:
    """Dark card in serif: coming date, love from the couple, a phone, who took the scan."""
    canvas, w, h = card_base(rng, seed, [(800, 500), (1200, 750), (640, 400)], (28, 36, 64))
    due, number, place = format_date(person.due, "DD Mon YYYY"), phone(rng, person), facility(rng, person)
    big = load_font("DejaVuSerif", h // 12)
    small = fit_font("DejaVuSerif", h // 22, [f"Love, {person.first} & {person.partner}", f"Scan by {place}"], w * 0.46)
    ink, x, step = (240, 232, 210), w * 0.04, small.size * 1.8
    canvas.write((x, h * 0.08), [("Hello, world!", None)], big, ink)
    canvas.write((x, h * 0.32), [("Coming", None), (due, "DATE_TIME")], small, ink)
    love = rng.choice([[("Love,", None), (person.first, "PERSON"), ("&", None), (person.partner, "PERSON")],
                       [(person.first, "PERSON"), ("&", None), (person.partner, "PERSON"), ("are expecting!", None)],
                       [(f"{person.first} and {person.partner}", "PERSON")]])
    canvas.write((x, h * 0.32 + step), love, small, ink)
    lead = rng.choice(["Call", "Tel:", "our number is", "Text", "Ph"])
    canvas.write((x, h * 0.32 + 2 * step), [(lead, None), (number, "PHONE_NUMBER")], small, ink)
    canvas.write((x, h * 0.32 + 3 * step), [("Scan by", None), (place, "MEDICAL_FACILITY")], small, ink)
    return canvas, "card"


def thermal_print(rng: random.Random, person: Person, seed: int, private: bool) -> tuple[WordCanvas, str]:
    """A printer strip: the scan with read-outs, and below it a white margin with facility, patient, date."""
    w, h = rng.choice([(640, 560), (960, 840), (480, 420)])
    image = Image.new("RGB", (w, h), WHITE)
    image.paste(sector_scan((w, int(h * 0.74)), seed), (0, 0))
    canvas = WordCanvas(image)
    face = rng.choice(["DejaVuSansMono", "default"])
    font = load_font(face, max(h // 30, 11))
    step = font.size * 1.35
    tech_right(canvas, rng, font, step * 0.4, step, 4)
    y = h * 0.76
    lines = [[(facility(rng, person), "MEDICAL_FACILITY"), (f"{person.city}, {person.region}", "LOCATION")],
             [("Pt Name:", None), (f"{person.first} {person.last}", "PERSON")],
             [("Exam Date:", None), (date(rng, person), "DATE_TIME")]]
    if not private:
        lines = [[("Pt Name:", None)], [("Exam Date:", None)]]
    font = fit_font(face, font.size, [" ".join(text for text, _ in line) for line in lines], w - step)  # no line runs off
    column(canvas, step * 0.5, y, lines, font, INK, step)
    return canvas, "print"


def report_scan(rng: random.Random, person: Person, seed: int, private: bool) -> tuple[WordCanvas, str]:
    """A scanned A4 report, 1700 to 2500 px wide: letterhead with address and phone, a label table, the scan."""
    w = rng.choice([1700, 2100, 2500])
    h = int(w * 1.414)
    image = Image.new("RGB", (w, h), (247, 246, 240))
    image.paste(sector_scan((int(w * 0.6), int(h * 0.3)), seed), (int(w * 0.2), int(h * 0.42)))
    canvas = WordCanvas(image)
    big = load_font("DejaVuSerif-Bold", w // 38)
    font = load_font(rng.choice(["DejaVuSans", "DejaVuSerif", "DejaVuSansMono"]), w // 60)
    step, x = font.size * 1.6, w * 0.08
    address = f"{rng.randint(2, 980)} {person.doctor} {rng.choice(['Road', 'Street', 'Avenue', 'Lane'])}"
    rows = [[("Referring:", None), ("Dr.", None), (person.doctor, "PERSON")],
            [("Patient:", None), (f"{person.last}, {person.first}", "PERSON")],
            [("Date of Birth:", None), (date(rng, person, "birth"), "DATE_TIME")],
            [("Exam Date:", None), (date(rng, person), "DATE_TIME")],
            [(rng.choice(ID_LABELS), None), (identifier(rng, person), "PATIENT_ID")]]
    if private:
        canvas.write((x, h * 0.04), [(facility(rng, person), "MEDICAL_FACILITY")], big, INK)
        corner = identifier(rng, person)
        canvas.write((w * 0.92 - canvas.width(corner, font), h * 0.015), [(corner, "PATIENT_ID")], font, INK)
        top = h * 0.04 + big.size * 1.5
        canvas.write((x, top), [(address, "LOCATION"), (f"{person.city}, {person.region}", "LOCATION")], font, INK)
        canvas.write((x, top + step), [("Tel", None), (phone(rng, person), "PHONE_NUMBER")], font, INK)
    else:
        rows = [[row[0]] for row in rows]
    column(canvas, x, h * 0.16, rows, font, INK, step)
    column(canvas, x, h * 0.74, [[(line, None)] for line in rng.sample(technical(rng), 3)], font, INK, step, True)
    return canvas, "print"


def pocket_screen(rng: random.Random, person: Person, seed: int, private: bool) -> tuple[WordCanvas, str]:
    """A portable scanner's small screen, 320x240 to 480x360: one line of patient and date above the scan."""
    canvas, h = screen_base(rng, seed, [(320, 240), (400, 300), (480, 360)])
    font = load_font(rng.choice(["DejaVuSans", "DejaVuSansMono", "default"]), max(h // 22, 11))
    step = font.size * 1.3
    first = [("Patient", None), (f"{person.first} {person.last}", "PERSON")]
    second = [(date(rng, person), "DATE_TIME"), (f"{rng.randint(7, 18):02d}:{rng.randint(0, 59):02d}", "DATE_TIME")]
    if not private:
        first, second = [("Patient:", None), ("Birth Date:", None)], [("Study", None), ("OB", None)]
    canvas.write((step * 0.3, step * 0.2), first, font, LIGHT)
    canvas.write((step * 0.3, step * 1.2), second, font, LIGHT)
    tech_right(canvas, rng, font, step * 2.4, step, 3)
    return canvas, "screen"


LAYOUTS: dict[str, Layout] = {"console": console, "banner": banner, "burn_in": burn_in, "due_card": due_card,
                              "hello_card": hello_card, "thermal_print": thermal_print, "report_scan": report_scan,
                              "pocket_screen": pocket_screen}
CLEAN_LAYOUTS = ("console", "banner", "burn_in", "thermal_print", "report_scan", "pocket_screen")


def damaged(image: Image.Image, mask: Image.Image, damage: str, rng: random.Random) -> tuple[Image.Image, Image.Image, int]:
    """The image, its mask and the JPEG quality after `damage`."""
    quality = rng.randint(80, 92)
    if damage == "jpeg":
        quality = rng.randint(30, 55)
    elif damage == "downscale":
        image, mask = downscale(image, mask, rng.uniform(0.4, 0.7))
    elif damage == "blur":
        image = blur(image, rng.uniform(0.8, 1.6))
    elif damage == "tilt":
        image, mask = tilt(image, mask, rng.choice([-1, 1]) * rng.uniform(1.5, 10), image.getpixel((0, 0)))
    elif damage == "turn":
        image, mask = turn(image, mask, rng.choice([1, 1, 3, 2]))
    elif damage == "photo":
        image, mask = photo(image, mask, rng, (rng.randint(40, 120), rng.randint(35, 100), rng.randint(30, 90)))
        quality = rng.randint(60, 85)
    elif damage == "thermal":
        image = glare(thermal(image, rng), rng, 0.15)
    return image, mask, quality


def generate(out: Path, count: int, clean: int, seed: int) -> None:
    rng, people = random.Random(seed), People(seed)
    names = list(LAYOUTS)
    for folder, total, private in ((out / "bench", count, True), (out / "clean", clean, False)):
        damages = [DAMAGES[i % len(DAMAGES)] for i in range(total)]
        rng.shuffle(damages)
        writer = BenchWriter(folder, "tuning", "tuning.scans.example.com")
        for i, damage in enumerate(damages):
            layout = names[i % len(names)] if private else CLEAN_LAYOUTS[i % len(CLEAN_LAYOUTS)]
            person = people.draw(rng)
            canvas, scenario = LAYOUTS[layout](rng, person, seed * 1_000_003 + i + (0 if private else 500_000), private)
            mask, labels = canvas.label_mask()
            image, mask, quality = damaged(canvas.image, mask, damage, rng)
            text, caption_entities = caption(rng, person) if private else ("ultrasound screen", [])
            writer.add(Sample(image, mask, text, scenario if private else "clean-screen", layout, damage, quality,
                              canvas.truth_entities(labels) + caption_entities))
        writer.close()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=60, help="images with private text")
    parser.add_argument("--clean", type=int, default=20, help="screens without private values")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    generate(args.out, args.count, args.clean, args.seed)
    print(f"tuning: {args.count} + {args.clean} clean samples in {args.out}")


if __name__ == "__main__":
    main()
