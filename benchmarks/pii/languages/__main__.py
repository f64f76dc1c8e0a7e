"""Pictures with private text in French, German, Spanish, Portuguese and Italian: ultrasound screens, keepsake
cards and printed reports whose labels and phrasing are the language's (layouts.py), with values from Faker's
locales (../multilingual/captions.py), damaged the ways web copies are (../heldout_b/wear.py).

    python benchmarks/pii/languages ROOT --part tuning|tuning_b|tuning_c|heldout [--count 60] [--clean 100]

`--part tuning` (seed 23), `--part tuning_b` (seed 4099, labels, greetings and titles of its own, captions of
the second tuning templates) and `--part tuning_c` (seed 8311, a third wording: short labels, machine presets)
may be tuned on. `--part heldout` (seed 61027) words its labels, sign-offs and sayings
its own way (layouts.WORDING) and takes its captions from the held-out caption templates: nobody tunes on it,
its misses are not read to change rules. Writes ROOT/bench and ROOT/clean (PII-free screens in each language) in
the layout of `../shard.py`; each truth file also names the `language`.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent), str(HERE.parent / "multilingual"), str(HERE.parent / "heldout_b")]

import templates_heldout  # noqa: E402
import templates_tuning  # noqa: E402
import templates_tuning_b  # noqa: E402
from captions import LOCALES, Values, fill  # noqa: E402
from layouts import LAYOUTS, WORDING, screen  # noqa: E402
from shard import BenchWriter, Sample, still_drawn  # noqa: E402
from wear import DAMAGES, damage  # noqa: E402

SEEDS = {"tuning": 23, "tuning_b": 4099, "tuning_c": 8311, "heldout": 61027}
CAPTIONS = {"tuning": templates_tuning, "tuning_b": templates_tuning_b, "tuning_c": templates_tuning,
            "heldout": templates_heldout}
SPLIT = {"tuning": "languages", "tuning_b": "languages_b", "tuning_c": "languages_c", "heldout": "languages_heldout"}
HOST = "photos.example.org"
FREE_CAPTION_SHARE = 0.2


def caption(part: str, language: str, values: Values, rng: random.Random) -> tuple[str, list[dict]]:
    """A caption of the part's templates in `language`, and its entities; one in five without private values."""
    templates = CAPTIONS[part]
    if rng.random() < FREE_CAPTION_SHARE:
        return rng.choice(templates.CLEAN[language]).format(w=rng.randint(6, 40), d=rng.randint(0, 6), n=rng.randint(100, 9999)), []
    filled = fill(rng.choice(templates.TEMPLATES[language]), values, language)
    return filled.text, [{"type": e["type"], "text": e["text"], "source": "caption"} for e in filled.entities]


def sample(sheet, language: str, scenario: str, layout: str, kind: str, text: str, entities: list[dict],
           rng: random.Random) -> Sample:
    import numpy as np

    image, mask, quality = damage(kind, sheet.image, sheet.mask, rng)
    return Sample(image=image, mask=mask, caption=text, scenario=scenario, layout=layout, damage=kind,
                  jpeg_quality=quality, entities=still_drawn(sheet.entities, np.asarray(mask)) + entities,
                  extra={"language": language})


def generate(root: Path, part: str, count: int, clean: int) -> None:
    rng = random.Random(SEEDS[part])
    languages = list(LOCALES)
    values = {language: Values(language, rng, CAPTIONS[part].FACILITIES) for language in languages}
    wording = WORDING[part]
    names = list(LAYOUTS)
    bench = BenchWriter(root / "bench", SPLIT[part], HOST)
    for index in range(count):  # five languages, three layouts, eight damages: every pairing comes round in 120
        language, name, kind = languages[index % 5], names[index // 5 % len(names)], DAMAGES[index % len(DAMAGES)]
        scenario, draw = LAYOUTS[name]
        sheet = draw(values[language], wording[language], rng)
        text, entities = caption(part, language, values[language], rng)
        bench.add(sample(sheet, language, scenario, name, kind, text, entities, rng))
    bench.close()
    free = BenchWriter(root / "clean", SPLIT[part], HOST)
    for index in range(clean):
        language = languages[index % 5]
        text = rng.choice(CAPTIONS[part].CLEAN[language]).format(w=rng.randint(6, 40), d=rng.randint(0, 6), n=rng.randint(100, 9999))
        free.add(sample(screen(None, wording[language], rng), language, "clean-screen", "screen", DAMAGES[index % len(DAMAGES)],
                        text, [], rng))
    free.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("root", type=Path)
    parser.add_argument("--part", choices=tuple(SEEDS), required=True)
    parser.add_argument("--count", type=int, default=60)
    parser.add_argument("--clean", type=int, default=100)
    args = parser.parse_args()
    generate(args.root, args.part, args.count, args.clean)


if __name__ == "__main__":
    main()
