"""PII-free captions of the kinds web datasets hold, for measuring false alarms.

    python benchmarks/pii/precision.py OUT.txt [--count 1000] [--seed 3]

File names, product titles (baby brands too), camera names, medical and pregnancy words (eponyms such as
`Braxton Hicks contractions` too), holidays, measurements: built from
templates and vocabulary, seeded, no two alike. None holds a name, place, date, phone or ID.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

FILES = ("IMG_{n4}.JPG", "IMG_{n4}.jpg", "DSC_{n4}.JPG", "DSC{n5}.jpg", "photo.jpg", "photo ({n1}).jpg", "test.png",
         "image.png", "image ({n1}).png", "scan_{n2}.jpeg", "Screenshot.png", "untitled-{n1}.jpg", "download.jpeg",
         "ultrasound_{n2}.jpg", "us_{n3}.png", "file_{n4}.webp", "thumb_{n3}.jpg", "{n2}w_scan.jpg", "final_final.png")
CAMERAS = ("Canon EOS 5D Mark IV", "Nikon D750", "Sony A7 III", "iPhone 12 Pro", "Samsung Galaxy S21", "Fujifilm X-T4",
           "Pixel 7", "GoPro HERO9", "Olympus OM-D E-M10", "Panasonic Lumix GH5", "Canon PowerShot G7 X")
MEDICAL = ("lymph node", "thyroid nodule", "gallbladder", "kidney", "liver", "gestational sac", "yolk sac", "placenta",
           "cervix", "amniotic fluid", "nuchal translucency", "fetal heartbeat", "ovarian cyst", "fibroid", "twins",
           "breech position", "anatomy scan", "3D ultrasound", "4D sonogram", "transvaginal ultrasound", "doppler",
           "echocardiogram", "fetal profile", "spine", "femur length", "baby bump", "first trimester", "second trimester",
           "third trimester", "ectopic pregnancy", "abdominal ultrasound", "pelvic scan", "breast ultrasound",
           "Braxton Hicks contractions", "Down syndrome screening", "Murphy's sign", "Baker's cyst", "circle of Willis",
           "pouch of Douglas", "Hashimoto thyroiditis", "Crohn's disease", "Apgar score", "Naegele's rule")
MEASURES = ("{w} week", "{w} weeks", "{w}w{d}d", "{w} weeks {d} days", "{c}.{d} cm", "{c} mm", "CRL {c} mm",
            "{b} bpm", "EFW {n1}.{d} kg", "{w}wk", "week {w}", "{d}.{d} mm", "{c}.{d} x {d}.{d} cm")
PRODUCTS = ("Personalised Baby Ultrasound Frame, {s}", "Pregnancy Announcement Card Template", "Baby Shower Invitation Printable",
            "Maternity Pillow Full Body", "Fetal Doppler Heartbeat Monitor", "Stainless Steel Water Bottle {v} ml",
            "Wooden Baby Milestone Blocks", "Ultrasound Photo Keychain", "Sonogram Picture Ornament", "Nursery Wall Art {s}",
            "Prenatal Vitamins {v} Count", "Baby Memory Book", "Silicone Teether Set", "Portable Ultrasound Gel {v} ml",
            "Graco Pack 'n Play Playard", "Chicco KeyFit 30 Infant Car Seat", "Philips Avent Natural Bottle {v} ml",
            "Pampers Swaddlers Size 1", "Medela Breast Pump", "Hallmark Baby's First Christmas Ornament",
            "Clearblue Digital Pregnancy Test", "Tommee Tippee Closer to Nature Bottle")
HOLIDAYS = ("Christmas", "Halloween", "Fourth of July", "Black Friday", "Mother's Day", "Valentine's Day", "Easter",
            "Thanksgiving", "New Year's Eve", "Cyber Monday")
ADJECTIVES = ("clear", "blurry", "early", "routine", "detailed", "normal", "first", "latest", "sample", "annotated")
DEVICES = ("white background", "monitor", "tablet", "printout", "x-ray film", "lightbox")
TEMPLATES = (
    "{file}", "{medical} {measure}", "{measure} {medical}", "{product}", "Shot on {camera}", "{camera} sample image {file}",
    "{medical} ultrasound image, {measure}", "stock photo: {medical} on {device}", "{adj} {medical} at {measure}",
    "Free {product} download", "{file} - {medical}", "Pregnancy week by week: {measure}", "How to read an ultrasound: {medical}",
    "{measure} scan", "{adj} {medical}", "{product} | {camera}", "{medical} diagram, labelled", "{measure} ultrasound pic",
    "Buy {product}", "{adj} scan {file}", "{holiday} pregnancy announcement with {medical}", "{holiday} sale: {product}",
)


def _fill(pattern: str, rng: random.Random) -> str:
    numbers = {"n1": rng.randint(1, 9), "n2": f"{rng.randint(1, 99):02d}", "n3": rng.randint(100, 999),
               "n4": rng.randint(1000, 9999), "n5": rng.randint(10000, 99999), "w": rng.randint(5, 40),
               "d": rng.randint(0, 6), "c": rng.randint(10, 99), "b": rng.randint(110, 180),
               "s": rng.choice(["4x6 inch", "5x7", "A4", "8x10 in"]), "v": rng.choice([30, 60, 90, 250, 500, 750])}
    return pattern.format(**numbers)


def captions(count: int, seed: int) -> list[str]:
    """`count` distinct PII-free captions, the same for the same seed."""
    rng = random.Random(seed)
    seen: dict[str, None] = {}
    while len(seen) < count:
        parts = {"file": _fill(rng.choice(FILES), rng), "camera": rng.choice(CAMERAS), "medical": rng.choice(MEDICAL),
                 "measure": _fill(rng.choice(MEASURES), rng), "product": _fill(rng.choice(PRODUCTS), rng),
                 "adj": rng.choice(ADJECTIVES), "device": rng.choice(DEVICES), "holiday": rng.choice(HOLIDAYS)}
        seen.setdefault(rng.choice(TEMPLATES).format(**parts), None)
    return list(seen)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args()
    args.out.write_text("\n".join(captions(args.count, args.seed)) + "\n")


if __name__ == "__main__":
    main()
