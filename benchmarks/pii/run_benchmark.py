"""PII redaction benchmark: piu-filter against presidio-image-redactor + Tesseract, same images,
same spaCy model, judged by shared/bench/eval_redaction.py from the output images and captions.

    python benchmarks/pii/run_benchmark.py [--count 36] [--work DIR] [--evaluator PATH]

Needs the `bench` extra (presidio-image-redactor, pytesseract) and Debian's `tesseract-ocr`.
piu-filter runs as `piu-filter run --action redact --ocr-scope all` (CLIP is not needed when
every image is scrubbed: it is skipped if its weights are missing). The peer redacts each image
with presidio-image-redactor (TesseractOCR) and anonymises each caption with presidio's analyzer
and anonymizer. Seconds per image count the redaction work after the models are loaded.
"""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
import tarfile
import time
from pathlib import Path

from PIL import Image

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
DEFAULT_EVALUATOR = ROOT.parent / "shared" / "bench" / "eval_redaction.py"


def run_piu_filter(bench: Path, out: Path) -> float:
    """Seconds per image of the OCR, PII and redaction work, from stats.json."""
    command = [sys.executable, "-m", "piu_filter.cli.main", "run", str(bench / "shard-000000.tar"), "--output", str(out),
               "--action", "redact", "--ocr-scope", "all", "--missing-models", "skip", "--quiet"]
    subprocess.run(command, check=True)
    stats = json.loads((out / "stats.json").read_text())
    work = sum(v for k, v in stats["stage_seconds"].items() if k in ("ocr", "pii", "policy+redact"))
    work += stats["prepare_seconds"].get("decode", 0.0)
    return work / stats["samples_in"]


def run_peer(bench: Path, out: Path) -> float:
    """presidio-image-redactor with Tesseract on each image, presidio on each caption; seconds per image."""
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider
    from presidio_anonymizer import AnonymizerEngine
    from presidio_image_redactor import (
        ImageAnalyzerEngine,
        ImageRedactorEngine,
        TesseractOCR,
    )

    from piu_filter.models.pii import resolve_spacy_model

    model = resolve_spacy_model("auto")
    nlp = NlpEngineProvider(nlp_configuration={"nlp_engine_name": "spacy",
                                               "models": [{"lang_code": "en", "model_name": model}]}).create_engine()
    analyzer = AnalyzerEngine(nlp_engine=nlp, supported_languages=["en"])
    redactor = ImageRedactorEngine(image_analyzer_engine=ImageAnalyzerEngine(analyzer_engine=analyzer, ocr=TesseractOCR()))
    anonymizer = AnonymizerEngine()
    out.mkdir(parents=True, exist_ok=True)
    samples: dict[str, dict[str, bytes]] = {}
    with tarfile.open(bench / "shard-000000.tar") as tar:
        for member in tar.getmembers():
            key, ext = member.name.split(".", 1)
            samples.setdefault(key, {})[ext] = tar.extractfile(member).read()
    started = time.perf_counter()
    for key, members in samples.items():
        image = Image.open(io.BytesIO(members["jpg"])).convert("RGB")
        redacted = redactor.redact(image, fill=(0, 0, 0))
        redacted.save(out / f"{key}.jpg", quality=95)
        caption = members["txt"].decode()
        anonymised = anonymizer.anonymize(text=caption, analyzer_results=analyzer.analyze(caption, language="en")).text
        (out / f"{key}.txt").write_text(anonymised)
    return (time.perf_counter() - started) / len(samples)


def evaluate(evaluator: Path, bench: Path, output: Path) -> dict:
    result = subprocess.run([sys.executable, str(evaluator), str(bench), str(output), "--json"],
                            check=True, capture_output=True, text=True)
    return json.loads(result.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=36)
    parser.add_argument("--work", type=Path, default=Path("/tmp/piu-pii-bench"))
    parser.add_argument("--evaluator", type=Path, default=DEFAULT_EVALUATOR)
    args = parser.parse_args()
    if not args.evaluator.is_file():
        sys.exit(f"evaluator not found: {args.evaluator} (pass --evaluator PATH)")
    bench = args.work / "bench"
    subprocess.run([sys.executable, str(HERE / "generate.py"), str(bench), "--count", str(args.count)], check=True)
    rows = {}
    seconds = run_piu_filter(bench, args.work / "piu-filter")
    rows["piu-filter"] = {**evaluate(args.evaluator, bench, args.work / "piu-filter" / "shards" / "shard-000000.tar"), "seconds_per_image": round(seconds, 3)}
    seconds = run_peer(bench, args.work / "peer")
    rows["presidio-image-redactor + tesseract"] = {**evaluate(args.evaluator, bench, args.work / "peer"),
                                                   "seconds_per_image": round(seconds, 3)}
    print(json.dumps(rows, indent=2))
    fields = ["image_recall", "per_type", "caption_recall", "over_redaction", "collateral_mean", "dropped", "seconds_per_image"]
    print(f"\n| metric | {' | '.join(rows)} |\n| --- |" + " --- |" * len(rows))
    for field in fields:
        print(f"| {field} | " + " | ".join(str(row[field]) for row in rows.values()) + " |")


if __name__ == "__main__":
    main()
