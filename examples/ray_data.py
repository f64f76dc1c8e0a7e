"""Filter a Ray Data dataset with piu-filter, on a pool of actors that each load the models once.

    python examples/ray_data.py [--clip-model NAME|local-dir:PATH] [--action drop|redact|tag] [--concurrency N]

Builds a small synthetic dataset (made-up ultrasound screens with made-up names, and colour
scenes: JPEG bytes, caption and url columns) on a Ray started here, adds the `piu_*` columns with
`map_batches`, and leaves out what the policy drops.
"""

from __future__ import annotations

import argparse
import io
import random

import ray
from synthetic import PrivateText, clinical_screen, colour_scene

import piu_filter


def example_rows(count: int = 12) -> list[dict[str, object]]:
    rows = []
    for i in range(count):
        if i % 2:
            person = PrivateText.random(random.Random(i))
            image, caption = clinical_screen(person, seed=i).image, f"{person.first} {person.last}'s 20 week scan, call {person.phone}"
        else:
            image, caption = colour_scene(i).image, "a sunny day in the hills"
        jpeg = io.BytesIO()
        image.save(jpeg, format="JPEG", quality=90)
        rows.append({"image": jpeg.getvalue(), "text": caption, "url": f"https://images.example.com/{i}.jpg"})
    return rows


def main(argv: list[str] | None = None) -> list[dict[str, object]]:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clip-model", default=None)
    parser.add_argument("--action", default="redact")
    parser.add_argument("--ocr-scope", default="candidates")
    parser.add_argument("--concurrency", type=int, default=2, help="actors, each with its own models")
    args = parser.parse_args(argv)

    pipe = piu_filter.Pipeline.from_profile("pregnancy-ultrasound", action=args.action, ocr_scope=args.ocr_scope,
                                            clip_model=args.clip_model, missing_models="skip")
    ray.init(ignore_reinit_error=True)
    ds = ray.data.from_items(example_rows())
    ds = ds.map_batches(**piu_filter.ray_map_batches(pipe, image_column="image", caption_column="text", url_column="url"),
                        concurrency=args.concurrency, batch_size=4)
    rows = ds.take_all()
    kept = [row for row in rows if row["piu_action"] != "drop"]
    print(f"{len(rows)} rows, {len(kept)} kept; actions: "
          f"{ {a: sum(row['piu_action'] == a for row in rows) for a in ('keep', 'redact', 'drop')} }")
    return kept


if __name__ == "__main__":
    main()
