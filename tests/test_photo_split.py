"""The photo-capture split of the PII benchmark: its warped truth masks still fall on the photographed text."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from test_heldout_b_split import EVALUATOR, ROOT, judge, paint_over, tech_words

GENERATOR = ROOT / "benchmarks" / "pii" / "photo"


@pytest.mark.skipif(not EVALUATOR.is_file(), reason="the shared evaluator is not on this machine")
@pytest.mark.parametrize("part, generators", [("tuning", 1), ("tuning_b", 1), ("tuning_c", 1), ("heldout", 2),
                                                    ("heldout_b", 2)])
def test_photos_keep_their_truth_on_the_text_and_stay_legible(tmp_path, part, generators):
    subprocess.run([sys.executable, str(GENERATOR), str(tmp_path), "--part", part, "--count", "8", "--clean", "2"],
                   check=True)
    bench = tmp_path / "bench"
    truths = [json.loads(p.read_text()) for p in sorted((bench / "truth").glob("*.json"))]
    assert len(truths) == 8 and all(320 <= max(t["size"]) <= 700 for t in truths)
    assert all(t["text_px"] >= 5 and t["medium"] in ("print", "monitor") for t in truths)
    assert len({t["layout"] for t in truths}) >= 4 * generators
    untouched = judge(bench, bench / "shard-000000.tar")  # a mask off its word would count as already hidden
    assert untouched["image_entities"] >= 24 and untouched["image_entities_hidden"] == 0
    paint_over(bench, tmp_path / "redacted")
    redacted = judge(bench, tmp_path / "redacted")
    assert redacted["image_recall"] == 1.0 and tech_words(redacted)[0] == 0
