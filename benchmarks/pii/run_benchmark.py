"""PII redaction benchmark: piu-filter against presidio-image-redactor + Tesseract, measured in the same run,
judged by shared/bench/eval_redaction.py from the output images and captions alone.

    python benchmarks/pii/run_benchmark.py
        [--split tuning|heldout|heldout_b|photo|photo_b|photo_c|photo_heldout|photo_heldout_b|both|photos|all|languages]
        [--count 60] [--clean 100]
        [--captions 1000] [--ocr-engine NAME | --profile YAML] [--no-peer] [--no-piu-filter] [--work DIR] [--json OUT]

Each split (tuning.py, heldout.py, heldout_b/: different generators; photo/: phone photos of their
sheets, a tuning and two held-out parts, and two more tuning parts, `photo_b` and `photo_c`, of a fourth and a
fifth generator's (tuning_b/, tuning_c/);
languages/: French, German, Spanish, Portuguese and Italian pictures, a
tuning and a held-out part; `both` is tuning and heldout, `photos` the five photo parts, `all` every English
split, `languages` the two parts of languages/) gives images with private text and PII-free screens; precision.py gives PII-free
captions. piu-filter runs as `piu-filter run --action redact --ocr-scope all --missing-models skip
--quiet` (with `--ocr-engine NAME`, through a profile `ocr: {engine: NAME}`), once per size bucket
so its time is known per bucket. The peer
redacts each image with presidio-image-redactor (TesseractOCR) and anonymises each caption with
presidio. Seconds per image count the work after models are loaded. PII-free captions are put to
each tool's analyzer; a caption with any finding counts as flagged.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import precision
import tools
from views import bucket_shards, changed_fraction, evaluate, make_views, size_bucket, truths

HERE = Path(__file__).resolve().parent
DEFAULT_EVALUATOR = HERE.parents[2] / "shared" / "bench" / "eval_redaction.py"
SPLITS = ("tuning", "heldout", "heldout_b", "photo", "photo_b", "photo_c", "photo_heldout", "photo_heldout_b")
LANGUAGES = ("languages", "languages_b", "languages_c", "languages_heldout")  # French, German, Spanish, Portuguese and Italian pictures
PARTS = {"photo": ("photo", "tuning"), "photo_b": ("photo", "tuning_b"), "photo_c": ("photo", "tuning_c"),
         "photo_heldout": ("photo", "heldout"),
         "photo_heldout_b": ("photo", "heldout_b"),
         "languages": ("languages", "tuning"), "languages_b": ("languages", "tuning_b"), "languages_c": ("languages", "tuning_c"),
         "languages_heldout": ("languages", "heldout")}
CHOICES = {**{split: (split,) for split in (*SPLITS, *LANGUAGES)}, "both": ("tuning", "heldout"), "all": SPLITS,
           "photos": ("photo", "photo_b", "photo_c", "photo_heldout", "photo_heldout_b"), "languages": LANGUAGES}
PIU, PEER = "piu-filter", "peer"


def generator(split: str) -> list[str]:
    """The arguments that run a split's generator: SPLIT.py, the folder SPLIT/ with a __main__.py, or a part of
    the photo-capture or languages generator."""
    if split in PARTS:
        folder, part = PARTS[split]
        return [str(HERE / folder), "--part", part]
    script = HERE / f"{split}.py"
    return [str(script if script.exists() else HERE / split)]


def ratio(fraction: str) -> float | None:
    done, total = (int(v) for v in fraction.split("/"))
    return round(done / total, 3) if total else None


def summarise(evaluator: Path, root: Path, outputs: list[Path], clean_outputs: list[Path],
              seconds: dict[str, list[float]]) -> dict:
    """All figures of one tool on one split; `seconds` lists per-image work seconds by size bucket."""
    bench, clean = root / "bench", root / "clean"
    overall = evaluate(evaluator, bench, outputs)
    clean_eval = evaluate(evaluator, clean, clean_outputs)
    views = make_views(bench, root / "views")
    by_view = {name: evaluate(evaluator, folder, outputs)["image_recall"] for name, folder in views.items()}
    tech = [sum(int(e["tech_words_destroyed"].split("/")[i]) for e in (overall, clean_eval)) for i in (0, 1)]
    per_type = {kind: ratio(value) for kind, value in overall["per_type"].items()}
    all_seconds = [s for values in seconds.values() for s in values]
    return {
        "image_recall": overall["image_recall"], "per_type": per_type, "per_type_counts": overall["per_type"],
        "lowest_type_recall": min(per_type.values(), default=None),
        "caption_recall": overall["caption_recall"] if overall["caption_entities"] else None, "caption_per_type": overall["caption_per_type"],
        "tech_destroyed": round(tech[0] / max(tech[1], 1), 3), "tech_destroyed_counts": f"{tech[0]}/{tech[1]}",
        "collateral": overall["collateral_mean"], "clean_collateral": clean_eval["collateral_mean"],
        "dropped": overall["dropped"], "resized": overall["resized"],
        "per_damage": {k.split(":")[1]: v for k, v in by_view.items() if k.startswith("damage:")},
        "per_size": {k.split(":")[1]: v for k, v in by_view.items() if k.startswith("size:")},
        "per_text": {k.split(":")[1]: v for k, v in by_view.items() if k.startswith("text:")},
        "per_language": {k.split(":")[1]: v for k, v in by_view.items() if k.startswith("language:")},
        "clean_changed": round(changed_fraction(clean, clean_outputs), 3),
        "seconds_per_image": round(sum(all_seconds) / max(len(all_seconds), 1), 3),
        "seconds_by_size": {b: round(sum(v) / len(v), 3) for b, v in sorted(seconds.items()) if v},
    }


def run_piu_filter(root: Path, evaluator: Path, profile: Path | None) -> dict:
    out = root / "out" / PIU
    seconds, outputs = {}, []
    for bucket, shard in bucket_shards(root / "bench", root / "buckets").items():
        print(f"{root.name}: piu-filter on the {bucket} images", file=sys.stderr, flush=True)
        run = tools.piu_filter(shard, out / bucket, profile)
        seconds[bucket] = [run["work_seconds"] / run["samples"]] * run["samples"]
        outputs += [Path(p) for p in run["outputs"]]
    print(f"{root.name}: piu-filter on the PII-free screens", file=sys.stderr, flush=True)
    clean = tools.piu_filter(root / "clean" / "shard-000000.tar", out / "clean", profile)
    return summarise(evaluator, root, outputs, [Path(p) for p in clean["outputs"]], seconds)


def run_peer(root: Path, evaluator: Path, peer: tools.Peer) -> dict:
    out = root / "out" / PEER
    print(f"{root.name}: the peer", file=sys.stderr, flush=True)
    per_key = peer.run(root / "bench" / "shard-000000.tar", out / "bench")
    peer.run(root / "clean" / "shard-000000.tar", out / "clean")
    seconds: dict[str, list[float]] = defaultdict(list)
    for key, truth in truths(root / "bench").items():
        seconds[size_bucket(truth)].append(per_key[key])
    return summarise(evaluator, root, [out / "bench"], [out / "clean"], seconds)


def table(results: dict[str, dict[str, dict]], captions: dict[str, float]) -> str:
    """Markdown: one column per split and tool; piu-filter's cells say whether the target is met."""
    columns = [(split, tool) for split in results for tool in (PIU, PEER) if tool in results[split]]

    def cell(split: str, tool: str, value, check=None) -> str:
        if value is None:
            return "-"
        text = f"{value:.3f}" if isinstance(value, float) else str(value)
        return text if tool != PIU or check is None else f"{text} ({'met' if check(value) else 'not met'})"

    def peer_seconds(split: str) -> float | None:
        return results[split].get(PEER, {}).get("seconds_per_image")

    def speed_check(split: str):
        peer = peer_seconds(split)
        return None if peer is None else (lambda v: v <= peer)

    rows = [
        ("image recall", ">= 0.95", lambda s, t: results[s][t]["image_recall"], lambda s: lambda v: v >= 0.95),
        ("lowest per-type image recall", ">= 0.90", lambda s, t: results[s][t]["lowest_type_recall"],
         lambda s: lambda v: v >= 0.90),
        ("caption recall", ">= 0.99", lambda s, t: results[s][t]["caption_recall"], lambda s: lambda v: v >= 0.99),
        ("technical words destroyed", "<= 0.03", lambda s, t: results[s][t]["tech_destroyed"],
         lambda s: lambda v: v <= 0.03),
        ("collateral", "<= 0.005", lambda s, t: results[s][t]["collateral"], lambda s: lambda v: v <= 0.005),
        ("PII-free captions flagged (one shared set)", "<= 0.01", lambda s, t: captions.get(t),
         lambda s: lambda v: v <= 0.01),
        ("PII-free screens changed", "<= 0.02", lambda s, t: results[s][t]["clean_changed"],
         lambda s: lambda v: v <= 0.02),
        ("seconds per image", "<= 1.0x the peer's", lambda s, t: results[s][t]["seconds_per_image"], speed_check),
        ("time ratio to the peer", "<= 1.0", lambda s, t: (round(results[s][t]["seconds_per_image"] / peer_seconds(s), 2)
                                                          if t == PIU and peer_seconds(s) else None), None),
    ]
    for bucket in ("small", "large"):
        rows.append((f"seconds per image, {bucket} images", "", lambda s, t, b=bucket: results[s][t]["seconds_by_size"].get(b),
                     None))
    keys = {group: sorted({k for split in results.values() for r in split.values() for k in r[group]})
            for group in ("per_type", "per_damage", "per_size", "per_text", "per_language")}
    for kind in keys["per_type"]:
        rows.append((f"image recall, {kind}", ">= 0.90", lambda s, t, k=kind: results[s][t]["per_type"].get(k),
                     lambda s: lambda v: v >= 0.90))
    for group, label in (("per_damage", "damage"), ("per_size", "size"), ("per_text", "shortest private word"),
                         ("per_language", "language")):
        for name in keys[group]:
            rows.append((f"image recall, {label} {name}", "", lambda s, t, g=group, n=name: results[s][t][g].get(n), None))
    header = "| metric | target | " + " | ".join(f"{split}: {tool}" for split, tool in columns) + " |"
    lines = [header, "| --- " * (len(columns) + 2) + "|"]
    for name, target, get, check in rows:
        cells = [cell(s, t, get(s, t), check(s) if check else None) for s, t in columns]
        lines.append(f"| {name} | {target} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", choices=tuple(CHOICES), default="both",
                        help="both: tuning and heldout; photos: photo, photo_b, photo_c, photo_heldout and "
                             "photo_heldout_b; languages: every part of languages/; all: every English split")
    parser.add_argument("--count", type=int, default=60, help="images with private text per split")
    parser.add_argument("--clean", type=int, default=100, help="PII-free screens per split (1%% steps)")
    parser.add_argument("--captions", type=int, default=1000, help="PII-free captions")
    parser.add_argument("--ocr-engine", help="piu-filter's OCR engine, through a profile `ocr: {engine: NAME}`")
    parser.add_argument("--profile", type=Path, help="piu-filter's profile (YAML), e.g. to compare OCR settings")
    parser.add_argument("--no-peer", action="store_true", help="skip presidio-image-redactor + Tesseract")
    parser.add_argument("--no-piu-filter", action="store_true", help="skip piu-filter")
    parser.add_argument("--work", type=Path, default=Path("/tmp/piu-pii-bench"))
    parser.add_argument("--evaluator", type=Path, default=DEFAULT_EVALUATOR)
    parser.add_argument("--json", type=Path, help="write every figure here")
    args = parser.parse_args()
    if not args.evaluator.is_file():
        sys.exit(f"evaluator not found: {args.evaluator} (pass --evaluator PATH)")
    args.work.mkdir(parents=True, exist_ok=True)
    profile = args.profile
    if args.ocr_engine and profile:
        sys.exit("--ocr-engine and --profile: give the engine in the profile (ocr: {engine: NAME})")
    if args.ocr_engine:
        profile = args.work / "profile.yaml"
        profile.write_text(f"ocr:\n  engine: {args.ocr_engine}\n")
    peer = None if args.no_peer else tools.Peer()
    results: dict[str, dict[str, dict]] = {}
    for split in CHOICES[args.split]:
        root = args.work / split
        shutil.rmtree(root, ignore_errors=True)  # piu-filter skips shards it finished in an earlier run
        subprocess.run([sys.executable, *generator(split), str(root), "--count", str(args.count),
                        "--clean", str(args.clean)], check=True)
        results[split] = {}
        if not args.no_piu_filter:
            results[split][PIU] = run_piu_filter(root, args.evaluator, profile)
        if peer is not None:
            results[split][PEER] = run_peer(root, args.evaluator, peer)
    texts = precision.captions(args.captions, seed=3)
    captions = {}
    if not args.no_piu_filter:
        captions[PIU] = round(sum(tools.piu_filter_flags(texts)) / len(texts), 4)
    if peer is not None:
        captions[PEER] = round(sum(peer.flags(texts)) / len(texts), 4)
    print(table(results, captions))
    if args.json:
        settings = {"count": args.count, "clean": args.clean, "captions": args.captions, "ocr_engine": args.ocr_engine,
                    "profile": args.profile.read_text() if args.profile else None}
        args.json.write_text(json.dumps({"settings": settings, "splits": results, "captions_flagged": captions}, indent=2))


if __name__ == "__main__":
    main()
