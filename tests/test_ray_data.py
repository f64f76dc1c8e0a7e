"""The Ray Data integration on the session's local Ray: the HF map's columns from `map_batches`
actors (tiny RANDOM-weight CLIP), and redaction written back into decoded image arrays (real OCR)."""

from __future__ import annotations

import json
import random

import numpy as np
import pytest
import ray_data
from synthetic import PrivateText, clinical_screen

import piu_filter
from piu_filter.integrations.ray_data import RayMapBatches

COMPARED = ("piu_action", "piu_reasons", "piu_detected", "piu_entities", "piu_error", "piu_stages")


def test_the_example_gives_the_columns_of_the_hf_map(local_ray, tiny_clip, capsys):
    kept = ray_data.main(["--clip-model", tiny_clip, "--ocr-scope", "none", "--action", "drop", "--concurrency", "1"])
    assert "12 rows" in capsys.readouterr().out
    rows = ray_data.example_rows()
    pipe = piu_filter.Pipeline.from_profile(clip_model=tiny_clip, ocr_scope="none", action="drop", missing_models="skip")
    mapped = piu_filter.hf_map(pipe, image_column="image", caption_column="text", url_column="url")(
        {column: [row[column] for row in rows] for column in rows[0]})
    expected = {url: i for i, url in enumerate(mapped["url"]) if mapped["piu_action"][i] != "drop"}
    got = {row["url"]: row for row in kept}
    assert set(got) == set(expected) and 0 < len(got) < len(rows)
    for url, i in expected.items():
        assert {c: got[url][c] for c in COMPARED} == {c: mapped[c][i] for c in COMPARED}
        assert got[url]["piu_clip_score"] == pytest.approx(mapped["piu_clip_score"][i], abs=1e-4)
        assert got[url]["image"] == mapped["image"][i] and got[url]["text"] == rows[i]["text"]


def test_redacted_image_arrays_and_captions_are_written_back(local_ray):
    people = [PrivateText.random(random.Random(seed)) for seed in (3, 4)]
    screens = [np.asarray(clinical_screen(person, seed=seed).image) for seed, person in zip((3, 4), people)]
    dataset = local_ray.data.from_items([{"id": i, "image": screen, "text": f"First scan! call us at {person.phone}"}
                                         for i, (screen, person) in enumerate(zip(screens, people))])
    pipe = piu_filter.Pipeline.from_profile(action="redact", ocr_scope="all", missing_models="skip")
    options = piu_filter.ray_map_batches(pipe, image_column="image", caption_column="text")

    def written_back(rows: list[dict]) -> None:
        assert [row["piu_action"] for row in rows] == ["redact", "redact"]
        assert all("<PHONE_NUMBER>" in row["text"] and p.phone not in row["text"] for row, p in zip(rows, people))
        for row, screen in zip(rows, screens):
            assert row["image"].shape == screen.shape and not np.array_equal(row["image"], screen)
            entities = json.loads(row["piu_entities"])
            assert any(e["source"] == "image" for e in entities) and all(e["text"] is None for e in entities)

    written_back(sorted(dataset.map_batches(**options, concurrency=1, batch_size=2).take_all(), key=lambda row: row["id"]))
    # a pandas batch as map_batches(batch_format="pandas") hands it over, mapped in this process
    frame = RayMapBatches(**options["fn_constructor_kwargs"])(dataset.take_batch(2, batch_format="pandas"))
    written_back(frame.sort_values("id").to_dict("records"))
