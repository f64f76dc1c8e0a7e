"""Slices of a benchmark folder for reporting, and the judgements made on them.

A view is a folder the shared evaluator reads like the benchmark itself: the shard linked,
and only the truth files of one damage or one size bucket. Size buckets are also written as
shards of their own, so that piu-filter's time can be measured per bucket.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import tarfile
from collections import defaultdict
from pathlib import Path

import numpy as np
from PIL import Image

from tools import read_shard

SMALL_SIDE = 800  # long side, pixels: small images are at most this
SMALL_TEXT_PX = 7.5  # a photo whose shortest private word is shorter than this holds small text


def truths(bench: Path) -> dict[str, dict]:
    return {t.name.removesuffix(".json"): json.loads(t.read_text()) for t in sorted((bench / "truth").glob("*.json"))}


def size_bucket(truth: dict) -> str:
    return "small" if max(truth["size"]) <= SMALL_SIDE else "large"


def make_views(bench: Path, views: Path) -> dict[str, Path]:
    """One view per damage (`damage:tilt`), per size bucket (`size:small`), for photos per text height
    (`text:under-7.5px`, `text:7.5px-up`) and for the languages split per language (`language:fr`)."""
    groups: dict[str, list[str]] = defaultdict(list)
    for key, truth in truths(bench).items():
        groups[f"damage:{truth['damage']}"].append(key)
        groups[f"size:{size_bucket(truth)}"].append(key)
        if "text_px" in truth:
            groups["text:" + ("under-7.5px" if truth["text_px"] < SMALL_TEXT_PX else "7.5px-up")].append(key)
        if "language" in truth:
            groups[f"language:{truth['language']}"].append(key)
    folders = {}
    for name, keys in sorted(groups.items()):
        folder = views / name.replace(":", "-")
        (folder / "truth").mkdir(parents=True, exist_ok=True)
        link = folder / "shard-000000.tar"
        if not link.exists():
            link.symlink_to((bench / "shard-000000.tar").resolve())
        for key in keys:
            for suffix in (".json", ".mask.png"):
                target = folder / "truth" / f"{key}{suffix}"
                if not target.exists():
                    target.symlink_to((bench / "truth" / f"{key}{suffix}").resolve())
        folders[name] = folder
    return folders


def bucket_shards(bench: Path, folder: Path) -> dict[str, Path]:
    """The benchmark's samples split by size bucket into folder/BUCKET.tar."""
    keys = {key: size_bucket(truth) for key, truth in truths(bench).items()}
    folder.mkdir(parents=True, exist_ok=True)
    tars = {bucket: tarfile.open(folder / f"{bucket}.tar", "w") for bucket in sorted(set(keys.values()))}
    for key, members in read_shard(bench / "shard-000000.tar").items():
        for ext, data in sorted(members.items()):
            info = tarfile.TarInfo(f"{key}.{ext}")
            info.size = len(data)
            tars[keys[key]].addfile(info, io.BytesIO(data))
    for tar in tars.values():
        tar.close()
    return {bucket: folder / f"{bucket}.tar" for bucket in tars}


def evaluate(evaluator: Path, bench: Path, outputs: list[Path]) -> dict:
    result = subprocess.run([sys.executable, str(evaluator), str(bench), *map(str, outputs), "--json"],
                            check=True, capture_output=True, text=True)
    return json.loads(result.stdout)


def output_images(outputs: list[Path]) -> dict[str, np.ndarray]:
    """Grey-scale output images by key, from .tar shards or folders of KEY.jpg."""
    images = {}
    for output in outputs:
        files = ({p.name: p.read_bytes() for p in output.iterdir()} if output.is_dir() else
                 {f"{k}.{e}": d for k, m in read_shard(output).items() for e, d in m.items()})
        for name, data in files.items():
            key, _, ext = name.partition(".")
            if ext.lower() in ("jpg", "jpeg", "png", "webp"):
                images[key] = np.asarray(Image.open(io.BytesIO(data)).convert("L"), np.int16)
    return images


def changed_fraction(bench: Path, outputs: list[Path], min_pixels: int = 50) -> float:
    """Fraction of images changed: missing, resized, or with at least `min_pixels` pixels moved by more than 60 levels
    (re-encoding alone moves none that far)."""
    before = {key: np.asarray(Image.open(io.BytesIO(m["jpg"])).convert("L"), np.int16)
              for key, m in read_shard(bench / "shard-000000.tar").items()}
    after = output_images(outputs)
    changed = 0
    for key, image in before.items():
        out = after.get(key)
        changed += out is None or out.shape != image.shape or int((np.abs(out - image) > 60).sum()) >= min_pixels
    return changed / max(len(before), 1)
