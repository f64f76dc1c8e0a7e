"""Generate the PII redaction benchmark: synthetic ultrasound screens and cards with private text,
in the layout that shared/bench/eval_redaction.py reads.

    python benchmarks/pii/generate.py BENCH_DIR [--count 40] [--seed 0]

BENCH_DIR/shard-000000.tar holds KEY.jpg, KEY.txt and KEY.json ({"url", "caption"});
BENCH_DIR/truth/KEY.json lists the private entities (image words by mask label, caption
entities by text) and BENCH_DIR/truth/KEY.mask.png marks the glyph pixels of every private
word (its label) and of technical words (255). Every name, date and place is made up.

Scenarios, in turn: clinical screens, keepsake cards, screens turned 90 degrees, screens
tilted 2-5 degrees, low-resolution blurred screens, and negatives with technical text only.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import sys
import tarfile
from pathlib import Path

from PIL import Image, ImageFilter

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "examples"))
from synthetic import PrivateText, WordCanvas, font, sector_scan  # noqa: E402

SCENARIOS = ("screen", "card", "turned", "tilted", "lowres", "negative")
STATES = ["OH", "VT", "OR", "NM", "ME"]


def screen(rng: random.Random, seed: int, person: PrivateText, private: bool = True) -> WordCanvas:
    size = (640, 480)
    canvas = WordCanvas(sector_scan(size, seed))
    text = font(15)
    white, yellow = (235, 235, 235), (210, 210, 120)
    if private:
        canvas.write((24, 16), [("Name:", None), (f"{person.last.upper()}, {person.first.upper()}", "PERSON")], text, white)
        canvas.write((24, 36), [("DOB:", None), (person.dob, "DATE_TIME")], text, white)
        canvas.write((24, 56), [("MRN:", None), (f"{rng.randint(10**6, 10**7 - 1)}", "PATIENT_ID")], text, white)
        canvas.write((24, 76), [(person.place, "MEDICAL_FACILITY")], text, white)
        canvas.write((24, 96), [(person.exam_date, "DATE_TIME"), (f"{rng.randint(8, 17):02d}:{rng.randint(10, 59)}", "DATE_TIME")],
                     text, white)
    tech = [f"GA {rng.randint(8, 38)}w{rng.randint(0, 6)}d", "C5-1 OB", f"MI {rng.uniform(0.6, 1.3):.1f}", "TIs 0.3",
            f"FHR {rng.randint(120, 170)}bpm", f"Depth {rng.randint(10, 18)}cm"]
    for i, line in enumerate(tech):
        canvas.write((size[0] - 150, 16 + 20 * i), [(line, None)], text, yellow, technical=True)
    return canvas


def card(rng: random.Random, seed: int, person: PrivateText) -> WordCanvas:
    size = (600, 400)
    pastel = rng.choice([(250, 225, 235), (225, 238, 250), (240, 250, 225)])
    image = Image.new("RGB", size, pastel)
    image.paste(sector_scan((300, 280), seed), (290, 20))
    canvas = WordCanvas(image)
    big, small = font(30), font(20)
    ink = (70, 50, 80)
    canvas.write((20, 40), [("Baby", None), (person.last, "PERSON")], big, ink)
    canvas.write((20, 110), [("due", None), (person.exam_date, "DATE_TIME")], small, ink)
    canvas.write((20, 150), [("Love,", None), (person.first, "PERSON")], small, ink)
    canvas.write((20, 190), [(f"{person.city}, {rng.choice(STATES)}", "LOCATION")], small, ink)
    canvas.write((20, 230), [("Call", None), (person.phone, "PHONE_NUMBER")], small, ink)
    return canvas


def caption_for(rng: random.Random, person: PrivateText, scenario: str) -> tuple[str, list[dict]]:
    if scenario == "negative" or rng.random() < 0.25:
        return rng.choice(["ultrasound at 20 weeks", "our little bean", "scan day"]), []
    full = f"{person.first} {person.last}"
    caption = f"First scan of baby {person.last}! Love, {full} at {person.place}"
    return caption, [{"type": "PERSON", "text": full, "source": "caption"},
                     {"type": "MEDICAL_FACILITY", "text": person.place, "source": "caption"}]


def transform(canvas: WordCanvas, scenario: str, rng: random.Random) -> tuple[Image.Image, Image.Image, dict[int, int]]:
    """The final image and mask for the scenario (turned, tilted or degraded copies)."""
    mask, labels = canvas.label_mask()
    image = canvas.image
    if scenario == "turned":
        image, mask = image.rotate(90, expand=True), mask.rotate(90, expand=True)
    elif scenario == "tilted":
        angle = rng.choice([-1, 1]) * rng.uniform(2, 5)
        image = image.rotate(angle, resample=Image.BICUBIC, fillcolor=(0, 0, 0))
        mask = mask.rotate(angle, resample=Image.NEAREST, fillcolor=0)
    elif scenario == "lowres":
        small = (image.width * 3 // 5, image.height * 3 // 5)
        image = image.resize(small, Image.BILINEAR).filter(ImageFilter.GaussianBlur(0.6))
        mask = mask.resize(small, Image.NEAREST)
    return image, mask, labels


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("bench", type=Path)
    parser.add_argument("--count", type=int, default=40)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    (args.bench / "truth").mkdir(parents=True, exist_ok=True)
    rng = random.Random(args.seed)
    with tarfile.open(args.bench / "shard-000000.tar", "w") as tar:
        for i in range(args.count):
            scenario = SCENARIOS[i % len(SCENARIOS)]
            person = PrivateText.random(rng)
            seed = args.seed * 100_000 + i
            canvas = card(rng, seed, person) if scenario == "card" else screen(rng, seed, person, scenario != "negative")
            image, mask, labels = transform(canvas, scenario, rng)
            key = f"{i:06d}"
            caption, caption_entities = caption_for(rng, person, scenario)
            entities = [
                {"type": e.type, "text": e.text, "source": "image", "labels": [labels[w] for w in e.words]}
                for e in canvas.entities
            ] + caption_entities
            buffer = io.BytesIO()
            image.save(buffer, format="JPEG", quality=92)
            meta = json.dumps({"url": f"https://scans.example.com/{key}.jpg", "caption": caption}).encode()
            for ext, data in (("jpg", buffer.getvalue()), ("txt", caption.encode()), ("json", meta)):
                info = tarfile.TarInfo(f"{key}.{ext}")
                info.size = len(data)
                tar.addfile(info, io.BytesIO(data))
            (args.bench / "truth" / f"{key}.json").write_text(json.dumps({"key": key, "scenario": scenario, "entities": entities}))
            mask.save(args.bench / "truth" / f"{key}.mask.png")
    print(f"wrote {args.count} samples to {args.bench}")


if __name__ == "__main__":
    main()
