"""Writing a benchmark folder in the layout shared/bench/eval_redaction.py reads.

    DIR/shard-000000.tar    KEY.jpg, KEY.txt (caption), KEY.json ({"url", "caption"})
    DIR/truth/KEY.json      {"key", "split", "scenario", "layout", "damage", "size", "jpeg_quality", "entities"}
    DIR/truth/KEY.mask.png  the label mask (1..254 one private word, 255 technical words)

Tar members carry no timestamps, so the same samples give the same bytes.
"""

from __future__ import annotations

import io
import json
import tarfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from PIL import Image

TECH = 255  # the mask's label of technical words


@dataclass
class Sample:
    """One generated sample and its ground truth."""

    image: Image.Image
    mask: Image.Image
    caption: str
    scenario: str  # screen, card, print or clean-screen
    layout: str
    damage: str
    jpeg_quality: int
    entities: list[dict] = field(default_factory=list)  # image entities with labels, then caption entities
    extra: dict = field(default_factory=dict)  # more truth fields of a split's own


class BenchWriter:
    """Appends samples to DIR/shard-000000.tar and DIR/truth/."""

    def __init__(self, folder: Path, split: str, host: str) -> None:
        self.folder, self.split, self.host = folder, split, host
        (folder / "truth").mkdir(parents=True, exist_ok=True)
        for stale in (folder / "truth").iterdir():  # truth left from a larger run would count as dropped
            stale.unlink()
        self.tar = tarfile.open(folder / "shard-000000.tar", "w", format=tarfile.USTAR_FORMAT)
        self.count = 0

    def add(self, sample: Sample) -> None:
        if sample.mask.size != sample.image.size:
            raise ValueError(f"mask {sample.mask.size} and image {sample.image.size} differ")
        key = f"{self.count:06d}"
        self.count += 1
        buffer = io.BytesIO()
        sample.image.convert("RGB").save(buffer, format="JPEG", quality=sample.jpeg_quality)
        meta = json.dumps({"url": f"https://{self.host}/{key}.jpg", "caption": sample.caption}).encode()
        for ext, data in (("jpg", buffer.getvalue()), ("txt", sample.caption.encode()), ("json", meta)):
            info = tarfile.TarInfo(f"{key}.{ext}")
            info.size = len(data)
            self.tar.addfile(info, io.BytesIO(data))
        truth = {"key": key, "split": self.split, "scenario": sample.scenario, "layout": sample.layout,
                 "damage": sample.damage, "size": list(sample.image.size), "jpeg_quality": sample.jpeg_quality,
                 "entities": sample.entities, **sample.extra}
        (self.folder / "truth" / f"{key}.json").write_text(json.dumps(truth, ensure_ascii=False))
        sample.mask.save(self.folder / "truth" / f"{key}.mask.png", optimize=False)

    def close(self) -> None:
        self.tar.close()


def still_drawn(entities: list[dict], mask: np.ndarray) -> list[dict]:
    """Image entities with the labels that damage left on the mask; entities left with none are dropped."""
    present = set(np.unique(mask).tolist()) - {0, TECH}
    kept = []
    for entity in entities:
        labels = [label for label in entity["labels"] if label in present]
        if labels:
            kept.append({**entity, "labels": labels})
    return kept
