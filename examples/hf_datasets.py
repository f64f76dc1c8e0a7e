"""Filter a Hugging Face `datasets` dataset with piu-filter: annotate, redact, drop.

    python examples/hf_datasets.py [--clip-model NAME|local-dir:PATH] [--action drop|redact|tag]

Builds a small dataset from the bundled example shards (image, text, url columns), maps the
piu-filter function over it in batches, and drops what the policy drops.
"""

from __future__ import annotations

import argparse
import io
import tarfile
from pathlib import Path

import datasets
from PIL import Image

import piu_filter

SHARDS = Path(__file__).parent / "shards"


def example_dataset() -> datasets.Dataset:
    rows: dict[str, dict[str, bytes]] = {}
    for shard in sorted(SHARDS.glob("*.tar")):
        with tarfile.open(shard) as tar:
            for member in tar.getmembers():
                key, ext = member.name.split(".", 1)
                rows.setdefault(key, {})[ext] = tar.extractfile(member).read()
    return datasets.Dataset.from_dict({
        "image": [Image.open(io.BytesIO(row["jpg"])) for row in rows.values()],
        "text": [row["txt"].decode() for row in rows.values()],
        "url": [f"https://images.example.com/{key}.jpg" for key in rows],
    }).cast_column("image", datasets.Image())


def main(argv: list[str] | None = None) -> datasets.Dataset:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clip-model", default=None)
    parser.add_argument("--action", default="redact")
    parser.add_argument("--ocr-scope", default="candidates")
    args = parser.parse_args(argv)

    pipe = piu_filter.Pipeline.from_profile("pregnancy-ultrasound", action=args.action, ocr_scope=args.ocr_scope,
                                            clip_model=args.clip_model, missing_models="skip")
    ds = example_dataset()
    ds = ds.map(piu_filter.hf_map(pipe, image_column="image", caption_column="text", url_column="url"), batched=True, batch_size=32)
    kept = ds.filter(lambda actions: [a != "drop" for a in actions], input_columns="piu_action", batched=True)
    print(f"{len(ds)} rows, {len(kept)} kept; actions: "
          f"{ {a: ds['piu_action'].count(a) for a in ('keep', 'redact', 'drop')} }")
    return kept


if __name__ == "__main__":
    main()
