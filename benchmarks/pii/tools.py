"""The two tools under test: piu-filter's CLI, and presidio-image-redactor with Tesseract.

Both report seconds of redaction work per image after their models are loaded; both are asked,
for the precision set, which PII-free captions they would flag.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import tarfile
import time
from pathlib import Path

from PIL import Image


def piu_filter(shard: Path, out: Path, profile: Path | None) -> dict:
    """`piu-filter run --action redact --ocr-scope all`; work seconds from stats.json, wall seconds around the call."""
    command = [sys.executable, "-m", "piu_filter.cli.main", "run", str(shard), "--output", str(out), "--action", "redact",
               "--ocr-scope", "all", "--missing-models", "skip", "--quiet"]
    if profile is not None:
        command += ["--profile", str(profile)]
    started = time.perf_counter()
    subprocess.run(command, check=True)
    wall = time.perf_counter() - started
    stats = json.loads((out / "stats.json").read_text())
    work = sum(stats.get("stage_seconds", {}).values()) + sum(stats.get("prepare_seconds", {}).values())
    return {"samples": stats["samples_in"], "work_seconds": work or stats["this_run"]["seconds"], "wall_seconds": wall,
            "outputs": sorted(str(p) for p in (out / "shards").glob("*.tar"))}


def piu_filter_flags(captions: list[str]) -> list[bool]:
    """Whether piu-filter's PII analyzer, as the profile builds it, finds any entity in each caption."""
    from piu_filter.models.pii.analyzer import PiiAnalyzer
    from piu_filter.profile import Profile

    config = Profile.load().pii
    analyzer = PiiAnalyzer(config)
    return [bool(results) for results in analyzer.analyze(captions, captions=True)]


def read_shard(shard: Path) -> dict[str, dict[str, bytes]]:
    samples: dict[str, dict[str, bytes]] = {}
    with tarfile.open(shard) as tar:
        for member in tar.getmembers():
            key, ext = member.name.split(".", 1)
            samples.setdefault(key, {})[ext] = tar.extractfile(member).read()
    return samples


class Peer:
    """presidio-image-redactor with TesseractOCR on each image, presidio analyzer + anonymizer on each caption,
    with the spaCy model piu-filter would use."""

    def __init__(self) -> None:
        from presidio_analyzer import AnalyzerEngine
        from presidio_analyzer.nlp_engine import NlpEngineProvider
        from presidio_anonymizer import AnonymizerEngine
        from presidio_image_redactor import ImageAnalyzerEngine, ImageRedactorEngine, TesseractOCR

        from piu_filter.models.pii.spacy_models import resolve_spacy_model

        model = resolve_spacy_model("auto")
        nlp = NlpEngineProvider(nlp_configuration={"nlp_engine_name": "spacy",
                                                   "models": [{"lang_code": "en", "model_name": model}]}).create_engine()
        self.analyzer = AnalyzerEngine(nlp_engine=nlp, supported_languages=["en"])
        self.redactor = ImageRedactorEngine(ImageAnalyzerEngine(analyzer_engine=self.analyzer, ocr=TesseractOCR()))
        self.anonymizer = AnonymizerEngine()

    def run(self, shard: Path, out: Path) -> dict[str, float]:
        """Redact every sample of `shard` into `out` (KEY.jpg, KEY.txt); seconds per sample by key."""
        out.mkdir(parents=True, exist_ok=True)
        seconds: dict[str, float] = {}
        for key, members in read_shard(shard).items():
            image = Image.open(io.BytesIO(members["jpg"])).convert("RGB")
            caption = members["txt"].decode()
            started = time.perf_counter()
            redacted = self.redactor.redact(image, fill=(0, 0, 0))
            findings = self.analyzer.analyze(caption, language="en")
            text = self.anonymizer.anonymize(text=caption, analyzer_results=findings).text
            seconds[key] = time.perf_counter() - started
            redacted.save(out / f"{key}.jpg", quality=95)
            (out / f"{key}.txt").write_text(text)
        return seconds

    def flags(self, captions: list[str]) -> list[bool]:
        return [bool(self.analyzer.analyze(caption, language="en")) for caption in captions]
