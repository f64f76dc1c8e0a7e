"""Second held-out split of the PII benchmark, written from the specification alone: its own eleven screen,
card and print layouts, phrasing, fonts and damage, and a fixed seed nobody tunes on.

    python benchmarks/pii/heldout_b ROOT [--count 60] [--clean 20] [--seed 40417]

Writes ROOT/bench (pictures with private text, captions with and without it) and ROOT/clean (PII-free
screens: labels, presets and read-outs only) in the evaluator's layout (see ../shard.py).
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

import numpy as np

sys.path.append(str(Path(__file__).resolve().parents[1]))  # the benchmark's shared tar writer

from captions import free_caption, private_caption
from folks import Folks
from ink import Sheet
from paper import CARDS, PRINTS
from screens import SCREENS
from shard import BenchWriter, Sample, still_drawn
from wear import DAMAGES, damage

SPLIT = "heldout_b"
SEED = 40417
HOST = "pics.example.net"
LAYOUTS = {**{name: ("screen", draw) for name, draw in SCREENS.items()},
           **{name: ("card", draw) for name, draw in CARDS.items()},
           **{name: ("print", draw) for name, draw in PRINTS.items()}}
FREE_CAPTION_SHARE = 0.2


def sample(sheet: Sheet, scenario: str, layout: str, kind: str, caption: str, caption_entities: list[dict],
           rng: random.Random) -> Sample:
    image, mask, quality = damage(kind, sheet.image, sheet.mask, rng)
    entities = still_drawn(sheet.entities, np.asarray(mask)) + caption_entities
    return Sample(image=image, mask=mask, caption=caption, scenario=scenario, layout=layout, damage=kind,
                  jpeg_quality=quality, entities=entities)


def generate(root: Path, count: int, clean: int, seed: int) -> None:
    rng = random.Random(seed)
    folks = Folks(rng)
    names = list(LAYOUTS)
    bench = BenchWriter(root / "bench", SPLIT, HOST)
    for index in range(count):  # 11 layouts against 8 damages: every pairing comes round within 88 pictures
        name, kind = names[index % len(names)], DAMAGES[index % len(DAMAGES)]
        scenario, draw = LAYOUTS[name]
        visit = folks.visit()
        if rng.random() < FREE_CAPTION_SHARE:
            caption, caption_entities = free_caption(rng), []
        else:
            caption, caption_entities = private_caption(visit, rng)
        bench.add(sample(draw(visit, rng), scenario, name, kind, caption, caption_entities, rng))
    bench.close()
    screens = list(SCREENS)
    free = BenchWriter(root / "clean", SPLIT, HOST)
    for index in range(clean):
        name = screens[index % len(screens)]
        free.add(sample(SCREENS[name](None, rng), "clean-screen", name, DAMAGES[index % len(DAMAGES)], free_caption(rng), [],
                        rng))
    free.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("root", type=Path)
    parser.add_argument("--count", type=int, default=60, help="pictures with private text")
    parser.add_argument("--clean", type=int, default=20, help="PII-free screens")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()
    generate(args.root, args.count, args.clean, args.seed)


if __name__ == "__main__":
    main()
