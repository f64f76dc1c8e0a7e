"""`piu-filter report`: every figure recounted from the records, the page opened in headless Chromium, and
nothing private in the report. Two inputs: synthetic records with known counts (a run-style and a scan-style
output folder, embeddings in three blobs), and a real run over a few OCR'd synthetic images with the tiny
RANDOM-weight CLIP model."""

from __future__ import annotations

import base64
import contextlib
import io
import json
import random
import re
import subprocess
import sys
from itertools import combinations
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from conftest import encode, write_tar
from headless_chromium import chromium_binary, render
from leaky_samples import SECRETS, leaky_members
from PIL import Image
from synthetic import PrivateText, clinical_screen

from piu_filter.cli.main import main
from piu_filter.io.records import RECORD_SCHEMA
from piu_filter.profile import Profile
from piu_filter.report.page import SECTIONS

TYPES = ("PERSON", "DATE_TIME", "LOCATION", "MEDICAL_FACILITY", "PHONE_NUMBER", "PATIENT_ID", "EMAIL_ADDRESS")
SOURCES = ("image", "caption", "metadata", "url", "json:title", "json:meta.alt[0]", "text")
SYNTHETIC_SECRET = "Ysolde Brannigar"  # made up; stored as entity text in the synthetic records
BLOB_PROMPTS = (0, 4, 6)  # the profile prompts (positive then negative) the three blobs of embeddings sit around


# --- independent counts, with pandas, from the record files ---------------------------------------------

def read_all(outputs: list[Path]) -> pd.DataFrame:
    frames = []
    for out in outputs:
        for path in sorted((out / "records").glob("*.parquet")):
            frame = pq.read_table(path).to_pandas()
            frame["file_stem"] = path.stem
            frames.append(frame)
    frame = pd.concat(frames, ignore_index=True)
    for column in ("shard", "action", "error", "detected", "candidate", "ocr_ran", "dup_group", "image_phash",
                   "image_sha256", "clip_score", "image_query_score", "classifier_prob"):
        if column not in frame:
            frame[column] = None
    frame["shard"] = frame["shard"].where(frame["shard"].notna(), frame["file_stem"])
    frame["entities"] = [list(e) if isinstance(e, (list, np.ndarray)) else [] for e in frame.get("entities", [None] * len(frame))]
    frame["reasons"] = [list(r) if isinstance(r, (list, np.ndarray)) else [] for r in frame.get("reasons", [None] * len(frame))]
    return frame


def group_of(source: str) -> str:
    return "json" if source.startswith("json") else source if source in ("image", "caption", "metadata", "url") else "text"


def expected(frame: pd.DataFrame, thresholds: dict[str, float | None], dedup: dict[str, int] | None = None) -> dict:
    failed = frame["error"].notna()
    good = frame[~failed]
    has_action = frame["action"].isin(["keep", "redact", "drop"]).any()

    def outcome_counts(rows: pd.DataFrame) -> dict:
        ok = rows[rows["error"].isna()]
        return {"samples_in": len(rows),
                **{name: int((ok["action"] == action).sum()) if has_action else None
                   for action, name in (("keep", "kept"), ("redact", "redacted"), ("drop", "dropped"))},
                "errors": int(rows["error"].notna().sum())}

    entities = pd.DataFrame([{"row": i, "type": e["type"], "group": group_of(e["source"])}
                             for i, row in frame.iterrows() for e in row["entities"]], columns=["row", "type", "group"])
    type_sets = {i: set(rows["type"]) for i, rows in entities.groupby("row")}
    kinds = {"name": {"PERSON"}, "date": {"DATE_TIME"}, "place": {"LOCATION", "MEDICAL_FACILITY"},
             "phone_or_id": {"PHONE_NUMBER", "PATIENT_ID"}}
    types = sorted(entities["type"].unique())
    analysed = frame[frame["error"].isna() & (frame["ocr_ran"].map(lambda v: v is not False))]
    image_entities = entities[entities["group"] == "image"].groupby("row").size()
    per_image = pd.Series([int(image_entities.get(i, 0)) for i in analysed.index]).value_counts()

    fields = {"text": "clip_score", "image": "image_query_score", "classifier": "classifier_prob"}
    scores = {name: pd.to_numeric(good[column], errors="coerce") for name, column in fields.items()}
    scored = {name: values for name, values in scores.items() if values.notna().any()}
    judged = {name: scored[name] >= thresholds[name] for name in scored if thresholds[name] is not None}
    together = {}
    for size in range(1, len(judged) + 1):
        for chosen in combinations(judged, size):
            mask = pd.Series(True, index=good.index)
            for name, passed in judged.items():
                mask &= passed if name in chosen else ~passed
            together["+".join(chosen)] = int(mask.sum())

    def group_key(row) -> tuple | None:
        if row["key"] in (dedup or {}) and (row["dup_group"] is None or np.isnan(row["dup_group"])):
            return "dedup", dedup[row["key"]]
        for column in ("dup_group", "image_phash", "image_sha256"):
            if row[column] is not None and not (isinstance(row[column], float) and np.isnan(row[column])):
                return column, row[column]
        return None

    keys = frame.apply(group_key, axis=1)
    with_image = frame[keys.notna()]

    def unique(rows: pd.DataFrame) -> dict:
        sizes = keys[rows.index].value_counts()
        return {"samples": len(rows), "unique": len(sizes), "duplicate_groups": int((sizes > 1).sum())}

    looked = frame["faces_found"].dropna().astype(int) if "faces_found" in frame else pd.Series(dtype=int)
    return {
        "faces": {"samples_looked_at": len(looked), "samples_with_faces": int((looked > 0).sum()),
                  "faces": int(looked.sum()), "faces_per_sample": {str(n): int(c) for n, c in sorted(looked.value_counts().items())}},
        "totals": outcome_counts(frame),
        "per_shard": {shard: outcome_counts(rows) for shard, rows in frame.groupby("shard")},
        "reasons": good["reasons"].explode().dropna().value_counts().to_dict(),
        "errors_by_stage": frame.loc[failed, "error"].str.split(":").str[0].value_counts().to_dict(),
        "entities_by_type": entities["type"].value_counts().to_dict(),
        "entities_by_source": {g: int((entities["group"] == g).sum())
                               for g in ("image", "caption", "metadata", "json", "url", "text")},
        "samples_with_entities": len(type_sets),
        "co_occurrence": {"types": types, "samples": [[sum(a in s and b in s for s in type_sets.values()) for b in types]
                                                      for a in types]},
        "samples_with": {combo: sum(all(kinds[k] & s for k in combo.split("+")) for s in type_sets.values())
                         for combo in ("name", "name+date", "name+place", "name+date+place", "name+phone_or_id",
                                       "name+date+place+phone_or_id")},
        "entities_per_image": {str(n): int(c) for n, c in sorted(per_image.items())},
        "detection": {
            **{name: int(frame[column].eq(True).sum())  # None and NaN are not True
               for name, column in (("detected", "detected"), ("candidates", "candidate"), ("ocr_ran", "ocr_ran"))},
            "scored": {name: int(values.notna().sum()) for name, values in scores.items()},
            "paths_alone_and_together": together,
            "what_if_blocked": {name: [int((values >= t).sum()) for t in steps(thresholds[name], values)]
                                for name, values in scored.items()},
        },
        "unique_images": unique(with_image),
        "unique_detected": unique(with_image[with_image["detected"].eq(True)]),
    }


def steps(threshold: float | None, values: pd.Series) -> list[float]:
    low = -1.0 if values.min() < 0 else 0.0
    centre = 0.5 if threshold is None else threshold
    return sorted({round(min(max(centre + d, low), 1.0), 3) for d in (-0.2, -0.1, 0.0, 0.1, 0.2)})


def assert_figures_match(report: dict, want: dict) -> None:
    for name in ("totals", "per_shard", "reasons", "errors_by_stage", "entities_by_type", "entities_by_source",
                 "samples_with_entities", "co_occurrence", "samples_with", "entities_per_image", "faces"):
        assert report[name] == want[name], name
    detection = report["detection"]
    for name in ("detected", "candidates", "ocr_ran", "scored", "paths_alone_and_together"):
        assert detection[name] == want["detection"][name], name
    assert {name: [row["blocked"] for row in rows] for name, rows in detection["what_if"].items()} \
        == want["detection"]["what_if_blocked"]
    assert {name: sum(h["counts"]) for name, h in detection["histograms"].items()} \
        == {name: n for name, n in want["detection"]["scored"].items() if n}
    unique = report["unique_images"]
    assert {k: unique[k] for k in ("samples", "unique", "duplicate_groups")} == want["unique_images"]
    assert {k: unique["detected"][k] for k in ("samples", "unique", "duplicate_groups")} == want["unique_detected"]


# --- inputs ---------------------------------------------------------------------------------------------

def synthetic_rows(rng: random.Random, count: int, shard: str, offset: int, classifier: bool) -> list[dict]:
    phashes = [f"{rng.getrandbits(64):016x}" for _ in range(40)]
    rows = []
    for i in range(offset, offset + count):
        row = {name: None for name in RECORD_SCHEMA.names}
        row.update(key=f"s{i:05d}", shard=shard, url=f"https://img.example.com/{SYNTHETIC_SECRET.replace(' ', '-')}/{i}.jpg",
                   entities=[], reasons=[], action="drop", detected=False, candidate=False, ocr_ran=False)
        if rng.random() < 0.06:
            errors = ["decode: cannot identify image file", "read: duplicate key", "decode: decompression bomb"]
            row.update(error=rng.choice(errors), reasons=["error"])
            rows.append(row)
            continue
        clip = rng.randint(0, 20) / 20  # on a grid, so that scores equal to thresholds occur
        row.update(
            image_sha256=f"{rng.getrandbits(256):064x}",
            image_phash=rng.choice(phashes) if rng.random() < 0.8 else None,
            clip_score=clip, image_query_score=round(rng.uniform(-0.3, 1.0), 2) if rng.random() < 0.7 else None,
            classifier_prob=rng.random() if classifier else None,
            detected=clip >= 0.5, candidate=clip >= 0.35, ocr_ran=rng.random() < 0.7,
            faces_found=rng.choice([0, 0, 0, 1, 2]) if clip >= 0.35 else None,
            action=rng.choice(["keep", "redact", "drop"]),
            reasons=rng.sample(["detected", "pii_in_image", "pii_in_caption", "pii_in_json"], rng.randint(0, 2)),
            entities=[{"type": rng.choice(TYPES), "source": rng.choice(SOURCES), "score": 0.9, "box": None,
                       "start": None, "end": None, "text": SYNTHETIC_SECRET, "member": None, "frame": 0}
                      for _ in range(rng.choice([0, 0, 1, 2, 3, 5]))],
        )
        rows.append(row)
    return rows


def write_records(path: Path, rows: list[dict], schema: pa.Schema = RECORD_SCHEMA) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), path)


def write_embeddings(out: Path, name: str, keys: list[str], vectors: np.ndarray) -> None:
    (out / "embeddings" / "img_emb").mkdir(parents=True, exist_ok=True)
    (out / "embeddings" / "metadata").mkdir(parents=True, exist_ok=True)
    np.save(out / "embeddings" / "img_emb" / f"{name}.npy", vectors.astype(np.float32))
    pq.write_table(pa.table({"key": keys, "url": [None] * len(keys), "image_sha256": [None] * len(keys)}),
                   out / "embeddings" / "metadata" / f"{name}.parquet")


@pytest.fixture(scope="module")
def synthetic_outputs(tmp_path_factory, tiny_clip) -> dict:
    """A run-style folder (two record files, stats.json, embeddings of three blobs) and a scan-style one
    (fewer columns, `dup_group` from dedup, no stats)."""
    rng = random.Random(7)
    run_out, scan_out = tmp_path_factory.mktemp("run-out"), tmp_path_factory.mktemp("scan-out")
    rows = synthetic_rows(rng, 170, "a.tar", 0, classifier=True) + synthetic_rows(rng, 130, "b.tar", 170, classifier=False)
    write_records(run_out / "records" / "a.parquet", rows[:170])
    write_records(run_out / "records" / "b.parquet", rows[170:])
    (run_out / "stats.json").write_text(json.dumps({
        "samples_in": 300, "action": "redact", "profile": "pregnancy-ultrasound", "profile_digest": Profile.load().digest(),
        "stage_seconds": {"clip": 3.0, "ocr": 12.0}, "skipped_stages": {}, "models": {"ocr": "ppocrv5"},
        "shards": {"done": 2, "failed": {}}, "this_run": {"samples_per_second": 20.0}}))
    detected = [r["key"] for r in rows if r["detected"] and r["error"] is None]
    prompts = prompts_of(Profile.load())
    from piu_filter.models.clip import ClipModel

    centres = ClipModel.load(tiny_clip, None, "cpu").encode_texts([prompts[i] for i in BLOB_PROMPTS])
    blobs = np.arange(len(detected)) % 3
    vectors = centres[blobs] + np.random.default_rng(1).normal(scale=0.02, size=(len(detected), centres.shape[1]))
    kept = [r["key"] for r in rows if not r["detected"]][:20]  # not detected: must stay out of the clusters
    noise = np.random.default_rng(2).normal(size=(20, centres.shape[1]))
    write_embeddings(run_out, "part-0", detected + kept, np.vstack([vectors, noise]))

    dedup_out = tmp_path_factory.mktemp("dedup-out")
    dedup = {key: index // 3 for index, key in enumerate(detected[:60])}
    pq.write_table(pa.table({"key": list(dedup), "url": [None] * 60, "dup_group": list(dedup.values()),
                             "group_size": [3] * 60}), dedup_out / "dup_groups.parquet")

    scan_fields = ["key", "url", "clip_score", "image_query_score", "classifier_prob", "detected", "candidate"]
    scan_schema = pa.schema([RECORD_SCHEMA.field(name) for name in scan_fields] + [("dup_group", pa.int64())])
    scan_rows = []
    for i in range(80):
        clip = rng.random()
        scan_rows.append({"key": f"row{i}", "url": None, "clip_score": clip, "image_query_score": rng.uniform(0, 1),
                          "classifier_prob": None, "detected": clip >= 0.5, "candidate": clip >= 0.35,
                          "dup_group": i % 50})
    write_records(scan_out / "records" / "part-0.parquet", scan_rows, scan_schema)
    return {"outputs": [run_out, scan_out], "dedup_out": dedup_out, "dedup": dedup, "blob_sizes": sorted(np.bincount(blobs).tolist()), "detected": detected,
            "blob_prompts": {prompts[i] for i in BLOB_PROMPTS}}


def prompts_of(profile: Profile) -> list[str]:
    return profile.clip.positive_prompts + profile.clip.negative_prompts


def cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def synthetic_report(synthetic_outputs, tmp_path_factory, tiny_clip) -> Path:
    report = tmp_path_factory.mktemp("report")
    code, _, err = cli("report", *map(str, synthetic_outputs["outputs"]), "--out", str(report), "--quiet",
                         "--dedup", str(synthetic_outputs["dedup_out"]),
                         "--clip-model", tiny_clip, "--device", "cpu")
    assert code == 0, err
    return report


@pytest.fixture(scope="module")
def real_run(tmp_path_factory, tiny_clip) -> dict:
    """`run --action redact --ocr-scope all --keep-pii-text` over leaky samples (a name in each channel) and two
    clinical screens, with the tiny RANDOM-weight CLIP at threshold 0 (every image detected), saving embeddings."""
    folder = tmp_path_factory.mktemp("real")
    keys = ("clean", "second_member", "exif_comment", "json_fields", "text_member", "url_slug")
    members = [(name, data) for name, data in leaky_members() if name.split(".", 1)[0] in keys]
    people = [PrivateText.random(random.Random(seed)) for seed in (3, 4)]
    for index, person in enumerate(people):
        members.append((f"screen{index}.jpg", encode(clinical_screen(person, seed=index, size=(480, 360)).image, "JPEG")))
        members.append((f"screen{index}.txt", b"an ultrasound screen"))
    shard = write_tar(folder / "mixed.tar", members)
    profile = folder / "profile.yaml"
    profile.write_text("detection:\n  text_threshold: 0.0\n")
    out = folder / "out"
    code, _, err = cli("run", str(shard), "--output", str(out), "--action", "redact", "--ocr-scope", "all",
                       "--keep-pii-text", "--save-embeddings", "--clip-model", tiny_clip, "--profile", str(profile),
                       "--device", "cpu", "--quiet")
    assert code == 0, err

    report = folder / "report"
    code, _, err = cli("report", str(out), "--out", str(report), "--profile", str(profile), "--thumbnails", "4",
                       "--clip-model", tiny_clip, "--device", "cpu", "--quiet")
    assert code == 0, err
    plain = folder / "plain-report"
    code, _, err = cli("report", str(out), "--out", str(plain), "--profile", str(profile), "--quiet")
    assert code == 0, err
    secrets = {*SECRETS, "greta-vanterpool", "Greta Vanterpool"}
    for person in people:
        secrets |= {person.first, person.last, person.first.upper(), person.last.upper(), person.dob, person.exam_date,
                    person.place, person.phone}
    return {"out": out, "report": report, "plain_report": plain, "profile": Profile.load(profile), "secrets": secrets}


# --- tests ----------------------------------------------------------------------------------------------

def report_json(folder: Path) -> dict:
    return json.loads((folder / "report.json").read_text())


def test_every_figure_of_synthetic_records_equals_its_recount(synthetic_outputs, synthetic_report):
    report = report_json(synthetic_report)
    profile = Profile.load()
    want = expected(read_all(synthetic_outputs["outputs"]), report["profile"]["thresholds"], synthetic_outputs["dedup"])
    assert report["profile"]["thresholds"]["text"] == profile.detection.text_threshold
    assert_figures_match(report, want)
    assert report["totals"]["kept"] is not None  # the run-style folder says the action; scan rows count as samples
    assert report["unique_images"]["grouped_by"]["dup_group"] == 80 + 60  # the scan's column, the dedup folder's keys
    assert report["stages"]["ocr"] == {"seconds": 12.0, "samples_per_second": 25.0}


def test_clusters_are_the_three_blobs_of_detected_samples_named_by_their_prompts(synthetic_outputs, synthetic_report):
    """Blobs around three prompts' embeddings (tiny RANDOM-weight CLIP): three clusters, each named by its prompt."""
    clusters = report_json(synthetic_report)["clusters"]
    assert clusters["with_embeddings"] == len(synthetic_outputs["detected"])  # the 20 undetected rows stay out
    assert sorted(c["size"] for c in clusters["clusters"]) == synthetic_outputs["blob_sizes"]
    assert clusters["noise"] == 0
    assert clusters["labelled_by"] == "nearest prompt"
    assert {c["label"] for c in clusters["clusters"]} == synthetic_outputs["blob_prompts"]


def test_clusters_are_numbered_without_a_clip_model():
    from piu_filter.report.clusters import themes

    rng = np.random.default_rng(0)
    blobs = np.vstack([centre + rng.normal(scale=0.05, size=(12, 16)) for centre in rng.normal(size=(2, 16)) * 5])
    found = themes(blobs, 30, None, "pass --clip-model").figures
    assert found["labelled_by"] == "number" and found["note"] == "pass --clip-model"
    assert sorted((c["label"], c["size"]) for c in found["clusters"]) == [("cluster 0", 12), ("cluster 1", 12)]


def test_a_real_run_report_equals_its_recount(real_run):
    report = report_json(real_run["report"])
    want = expected(read_all([real_run["out"]]), report["profile"]["thresholds"])
    assert_figures_match(report, want)
    groups = {group for group, count in report["entities_by_source"].items() if count}
    assert {"image", "metadata", "json", "url", "text"} <= groups
    assert report["samples_with"]["name+date"] >= 2  # the two screens carry a name and dates
    assert report["thumbnails"] == min(4, report["totals"]["redacted"])
    clusters = report["clusters"]
    assert clusters["with_embeddings"] == clusters["clustered"] == 8
    assert sum(c["size"] for c in clusters["clusters"]) + clusters["noise"] == 8
    assert {c["label"] for c in clusters["clusters"]} <= set(prompts_of(real_run["profile"]))


def test_no_private_string_of_the_input_reaches_the_report(real_run, synthetic_report):
    """Every planted secret, every URL and every entity text the records kept (--keep-pii-text), in every
    file of the report and inside its inline SVG plots."""
    rows = read_all([real_run["out"]])
    found_texts = {e["text"] for entities in rows["entities"] for e in entities if e["text"] and len(e["text"]) >= 4}
    assert found_texts, "the run found no entity text to look for"
    cases = [(real_run["report"], real_run["secrets"] | found_texts | set(rows["url"].dropna())),
             (synthetic_report, {SYNTHETIC_SECRET, SYNTHETIC_SECRET.replace(" ", "-"), "img.example.com"})]
    for folder, secrets in cases:
        texts = [path.read_text(encoding="utf-8") for path in folder.iterdir()]
        texts += [base64.b64decode(svg).decode() for text in texts
                  for svg in re.findall(r"data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)", text)]
        for secret in secrets:
            assert not any(secret in text or secret.lower() in text.lower() for text in texts), secret


@pytest.mark.skipif(chromium_binary() is None, reason="headless Chromium is not installed (Debian: apt-get install chromium)")
@pytest.mark.parametrize("which", ["synthetic", "real"])
def test_the_page_renders_offline_without_console_errors_and_shows_every_section(which, synthetic_report, real_run):
    pytest.importorskip("websocket", reason="the DevTools client needs websocket-client")
    folder = synthetic_report if which == "synthetic" else real_run["report"]
    html = (folder / "index.html").read_text(encoding="utf-8")
    assert "<script" not in html and not re.search(r"""(src|href)=["'](?!data:)""", html)  # nothing from outside
    page = render(folder / "index.html", list(SECTIONS))
    assert page.console_errors == []
    assert page.broken_images == 0
    assert set(page.boxes) == set(SECTIONS)
    screenshot = Image.open(io.BytesIO(page.screenshot)).convert("L")
    for section, box in page.boxes.items():
        assert box["height"] > 40, section
        top, bottom = int(box["top"]), int(box["top"] + box["height"])
        assert bottom <= screenshot.height, section
        assert np.asarray(screenshot.crop((0, top, screenshot.width, bottom))).std() > 10, f"{section} is blank"


def test_no_image_of_a_sample_without_thumbnails_and_only_redacted_ones_with_them(real_run):
    plain = (real_run["plain_report"] / "index.html").read_text(encoding="utf-8")
    assert set(re.findall(r'src="data:([^;]+);', plain)) == {"image/svg+xml"}
    with_thumbnails = (real_run["report"] / "index.html").read_text(encoding="utf-8")
    assert len(re.findall(r'src="data:image/jpeg;', with_thumbnails)) == report_json(real_run["report"])["thumbnails"] > 0


def test_the_browser_check_sees_console_errors(tmp_path):
    """Guards the test above: a page with a failing script and a missing image is caught."""
    if chromium_binary() is None:
        pytest.skip("headless Chromium is not installed (Debian: apt-get install chromium)")
    pytest.importorskip("websocket", reason="the DevTools client needs websocket-client")
    page = tmp_path / "bad.html"
    page.write_text('<!DOCTYPE html><section id="a">x</section><img src="missing.png"><script>console.error("e")</script>')
    rendered = render(page, ["a", "b"])
    assert len(rendered.console_errors) == 2 and rendered.broken_images == 1 and set(rendered.boxes) == {"a"}


def test_format_json_prints_report_json_and_writes_no_page(synthetic_outputs, tmp_path):
    code, out, err = cli("report", str(synthetic_outputs["outputs"][1]), "--out", str(tmp_path), "--format", "json")
    assert code == 0 and err == ""
    assert json.loads(out) == report_json(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]


def test_a_folder_without_records_or_with_a_broken_record_file_is_refused_with_one_line(tmp_path):
    code, _, err = cli("report", str(tmp_path), "--out", str(tmp_path / "report"))
    assert code == 2 and "no records/*.parquet" in err and "Traceback" not in err
    (tmp_path / "records").mkdir()
    (tmp_path / "records" / "cut.parquet").write_bytes(b"PAR1 not really")
    code, _, err = cli("report", str(tmp_path), "--out", str(tmp_path / "report"))
    assert code == 2 and "cut.parquet is not a readable parquet file" in err
    assert not (tmp_path / "report").exists()


def test_help_imports_no_model_or_plotting_library():
    code = ("import sys; from piu_filter.cli.main import main\ntry:\n    main(['report', '--help'])\n"
            "except SystemExit:\n    pass\nprint(sorted(m for m in ('torch', 'sklearn', 'matplotlib') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip().endswith("[]")


@pytest.mark.skipif(chromium_binary() is None, reason="headless Chromium is not installed (Debian: apt-get install chromium)")
def test_the_report_picture_is_taken_as_make_report_png_takes_it(real_run, tmp_path):
    pytest.importorskip("websocket", reason="the DevTools client needs websocket-client")
    png = tmp_path / "report.png"
    subprocess.run([sys.executable, str(Path(__file__).parent / "headless_chromium.py"),
                    str(real_run["report"] / "index.html"), str(png)], check=True, timeout=120)
    picture = Image.open(png)
    assert picture.width == 1100 and picture.height > 900
