"""The second held-out split of the PII benchmark: its ground truth agrees with the shared evaluator.

Untouched pictures hide nothing; pictures with every labelled private word painted over, and captions
with every private string cut out, hide everything while every technical word survives.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import tarfile
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
GENERATOR = ROOT / "benchmarks" / "pii" / "heldout_b"
EVALUATOR = ROOT.parent / "shared" / "bench" / "eval_redaction.py"
LAYOUTS = 11


def judge(bench: Path, output: Path) -> dict:
    result = subprocess.run([sys.executable, str(EVALUATOR), str(bench), str(output), "--json"], check=True,
                            capture_output=True, text=True)
    return json.loads(result.stdout)


def tech_words(result: dict) -> tuple[int, int]:
    """Technical words destroyed, and judged."""
    destroyed, total = (int(v) for v in result["tech_words_destroyed"].split("/"))
    return destroyed, total


def paint_over(bench: Path, out: Path) -> None:
    """A perfect redactor: each private word's box filled with its own background, each private caption string cut."""
    out.mkdir()
    with tarfile.open(bench / "shard-000000.tar") as tar:
        members = {m.name: tar.extractfile(m).read() for m in tar.getmembers()}
    for truth_file in sorted((bench / "truth").glob("*.json")):
        truth = json.loads(truth_file.read_text())
        key = truth["key"]
        pixels = np.asarray(Image.open(io.BytesIO(members[f"{key}.jpg"])).convert("RGB")).copy()
        mask = np.asarray(Image.open(bench / "truth" / f"{key}.mask.png"))
        caption = members[f"{key}.txt"].decode()
        for entity in truth["entities"]:
            if entity["source"] == "caption":
                caption = caption.replace(entity["text"], "<PII>")
                continue
            for label in entity["labels"]:
                ys, xs = np.nonzero(mask == label)
                top, left = max(ys.min() - 2, 0), max(xs.min() - 2, 0)  # a word at the edge: no slice from the end
                box = (slice(top, ys.max() + 3), slice(left, xs.max() + 3))
                pixels[box] = np.median(pixels[box][mask[box] == 0], axis=0)
        Image.fromarray(pixels).save(out / f"{key}.png")
        (out / f"{key}.txt").write_text(caption)


@pytest.mark.skipif(not EVALUATOR.is_file(), reason="the shared evaluator is not on this machine")
def test_truth_agrees_with_the_evaluator(tmp_path):
    subprocess.run([sys.executable, str(GENERATOR), str(tmp_path), "--count", str(LAYOUTS), "--clean", "6"], check=True)
    bench = tmp_path / "bench"
    truths = [json.loads(p.read_text()) for p in sorted((bench / "truth").glob("*.json"))]
    assert len({t["layout"] for t in truths}) == LAYOUTS
    untouched = judge(bench, bench / "shard-000000.tar")
    assert untouched["image_entities"] >= 4 * LAYOUTS and untouched["image_entities_hidden"] == 0
    assert untouched["caption_entities_hidden"] == 0
    paint_over(bench, tmp_path / "redacted")
    redacted = judge(bench, tmp_path / "redacted")
    assert redacted["image_recall"] == 1.0 and redacted["caption_recall"] == 1.0
    destroyed, judged = tech_words(redacted)
    assert destroyed == 0 and judged > 5 * LAYOUTS
    clean = judge(tmp_path / "clean", tmp_path / "clean" / "shard-000000.tar")
    assert clean["image_entities"] == 0 and tech_words(clean)[1] > 0
