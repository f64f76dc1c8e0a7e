"""The photo-capture split of the PII benchmark: screens, cards and prints of the other generators, printed or
shown on a monitor and photographed with a phone (`capture.py`), the truth masks carried through the same warp.

    python benchmarks/pii/photo ROOT --part tuning|tuning_b|tuning_c|heldout|heldout_b [--count 60] [--clean 100]

`--part tuning` photographs the tuning generator's sheets (seed 11): tune on it. `--part tuning_b` photographs
the second tuning generator's (`../tuning_b/`, seed 29173): other machines, cards and people, to tune on
as well, so that a rule is seen to hold beyond the sheets it was written from; `--part tuning_c` the third's
(`../tuning_c/`, seed 61403: report pages, banner screens, keepsake frames, appointment cards, social posts).
`--part heldout` photographs the sheets of the held-out generators (`heldout.py` and `heldout_b/`, alternating, seed
52361) with capture draws of their own: nobody tunes on it, its misses are not read to change rules. `--part
heldout_b` does the same with other draws (seed 80147): a second held-out part, read in aggregate only.
Writes ROOT/bench and ROOT/clean (PII-free screens, photographed the same way) in the layout of `../shard.py`;
each truth file also says what was photographed (`medium`) and how tall its shortest private word is (`text_px`).
A photo whose shortest private word comes out under 5 px (a whole A4 page at 700 px) is not kept: a person could
not read it either.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np
from PIL import Image

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent), str(HERE.parent / "heldout_b"), str(HERE.parent / "tuning_b"),
                str(HERE.parent / "tuning_c")]

from capture import MIN_TEXT_PX, TECH_LABEL, photograph  # noqa: E402
from shard import BenchWriter, Sample  # noqa: E402

SEEDS = {"tuning": 11, "tuning_b": 29173, "tuning_c": 61403, "heldout": 52361, "heldout_b": 80147}
CAPTION = "our scan photo"
LEGIBLE_PX = MIN_TEXT_PX - 1  # the shortest private word a photo may keep, in pixels
Sheet = tuple[Image.Image, Image.Image, list[dict], str, str]  # image, mask, entities, scenario, layout
Source = Callable[[random.Random, int, bool], Sheet]


def canvas_source(module) -> Source:
    """Sheets from a generator of WordCanvas layouts (tuning.py, heldout.py)."""
    from people import People

    people = People(SEEDS["heldout"] if module.__name__ == "heldout" else SEEDS["tuning"])
    names = list(module.LAYOUTS)

    def draw(rng: random.Random, index: int, private: bool) -> Sheet:
        layout = names[index % len(names)] if private else module.CLEAN_LAYOUTS[index % len(module.CLEAN_LAYOUTS)]
        canvas, scenario = module.LAYOUTS[layout](rng, people.draw(rng), 9_000_011 + index * 7 + (0 if private else 1), private)
        mask, labels = canvas.label_mask()
        return canvas.image, mask, canvas.truth_entities(labels), scenario if private else "clean-screen", layout

    return draw


def sheet_source() -> Source:
    """Sheets of the second held-out generator (heldout_b/)."""
    from folks import Folks
    from paper import CARDS, PRINTS
    from screens import SCREENS

    layouts = {**{n: ("screen", d) for n, d in SCREENS.items()}, **{n: ("card", d) for n, d in CARDS.items()},
               **{n: ("print", d) for n, d in PRINTS.items()}}
    names, screens = list(layouts), list(SCREENS)
    folks: list = []

    def draw(rng: random.Random, index: int, private: bool) -> Sheet:
        if not folks:
            folks.append(Folks(rng))
        if not private:
            name = screens[index % len(screens)]
            sheet = SCREENS[name](None, rng)
            return sheet.image, sheet.mask, [], "clean-screen", name
        name = names[index % len(names)]
        scenario, layout = layouts[name]
        sheet = layout(folks[0].visit(), rng)
        return sheet.image, sheet.mask, sheet.entities, scenario, name

    return draw


def second_tuning_source() -> Source:
    """Sheets of the second tuning generator (tuning_b/)."""
    from sheets import SHEETS
    from visits import Visits

    names, screens = list(SHEETS), ["caret-console", "two-column", "thermal-strip", "chart-sticker"]
    visits = Visits(SEEDS["tuning_b"])

    def draw(rng: random.Random, index: int, private: bool) -> Sheet:
        name = names[index % len(names)] if private else screens[index % len(screens)]
        sheet = SHEETS[name](visits.visit() if private else None, rng)
        return sheet.image, sheet.mask, sheet.entities, "tuning-b" if private else "clean-screen", name

    return draw


def third_tuning_source() -> Source:
    """Sheets of the third tuning generator (tuning_c/)."""
    from patients import Patients
    from prints import CLEAN_SHEETS, SHEETS

    names, patients = list(SHEETS), Patients(SEEDS["tuning_c"])

    def draw(rng: random.Random, index: int, private: bool) -> Sheet:
        name = names[index % len(names)] if private else CLEAN_SHEETS[index % len(CLEAN_SHEETS)]
        sheet = SHEETS[name](patients.patient() if private else None, rng)
        return sheet.image, sheet.mask, sheet.entities, "tuning-c" if private else "clean-screen", name

    return draw


def sources(part: str) -> list[Source]:
    if part == "tuning":
        import tuning

        return [canvas_source(tuning)]
    if part == "tuning_b":
        return [second_tuning_source()]
    if part == "tuning_c":
        return [third_tuning_source()]
    import heldout

    return [canvas_source(heldout), sheet_source()]


def still_seen(entities: list[dict], mask: np.ndarray) -> list[dict]:
    """Entities with the labels the photo kept in frame; those left with none are dropped."""
    present = set(np.unique(mask).tolist()) - {0, TECH_LABEL}
    kept = []
    for entity in entities:
        labels = [label for label in entity.get("labels", []) if label in present]
        if labels:
            kept.append({**entity, "labels": labels})
    return kept


def generate(root: Path, part: str, count: int, clean: int) -> None:
    rng = random.Random(SEEDS[part])
    drawers = sources(part)
    for folder, total, private in ((root / "bench", count, True), (root / "clean", clean, False)):
        writer = BenchWriter(folder, f"photo_{part}", f"photos.{part}.example.net")
        index = 0
        while writer.count < total:
            image, mask, entities, scenario, layout = drawers[index % len(drawers)](rng, index // len(drawers), private)
            index += 1
            shot = photograph(image, mask, rng)
            if private and shot.text_px < LEGIBLE_PX:
                continue  # print too small for a person to read at this size
            writer.add(Sample(shot.image, shot.mask, CAPTION, scenario, layout, f"photo-{shot.medium}", shot.quality,
                              still_seen(entities, np.asarray(shot.mask)), {"medium": shot.medium, "text_px": shot.text_px}))
        writer.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("root", type=Path)
    parser.add_argument("--part", choices=tuple(SEEDS), required=True)
    parser.add_argument("--count", type=int, default=60, help="photos with private text")
    parser.add_argument("--clean", type=int, default=100, help="photos of PII-free screens")
    args = parser.parse_args()
    generate(args.root, args.part, args.count, args.clean)


if __name__ == "__main__":
    main()
