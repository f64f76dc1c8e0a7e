"""How many private words OCR reads exactly on a benchmark split, and what reading harder would buy: the share of
the truth's private words (lower case, letters and digits only) found among the words read, and OCR seconds per
image, for the default PP-OCRv5 engine and ways of reading that the engine does not take.

    python benchmarks/pii/reading_rate.py ROOT [--variants plain int8 second-recogniser bands rapidocr easyocr]

ROOT is a split as the generators write it (`ROOT/bench/shard-*.tar`, `ROOT/bench/truth/KEY.json`), e.g. a photo
part written by `python benchmarks/pii/photo ROOT --part tuning`.

- `plain`: the engine as the default profile builds it.
- `int8`: its recogniser quantised to int8 (onnxruntime's pre-processing, then static QDQ with per-channel
  weights, moving-average min-max ranges), calibrated on the line crops of the split's first 30 images.
- `second-recogniser`: each line read again by PP-OCRv4's recogniser (`rapidocr_onnxruntime`), the reading with
  the higher lowest character score kept.
- `bands`: the top and bottom quarter of each image read again at 1.6 times the engine's scale; a private word
  counts when either reading holds it, so the figure is the ceiling of any merge of the two readings.
- `rapidocr`, `easyocr`: the other engines piu-filter runs (`ocr.engine`), whole, in place of PP-OCRv5.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import logging
import re
import tarfile
import tempfile
import time
from collections.abc import Callable
from io import BytesIO
from pathlib import Path

import numpy as np
import onnxruntime
from PIL import Image

from piu_filter.models.ocr import OcrReader, make_ocr_engine, ppocrv5_engine, rapidocr_engine
from piu_filter.models.ocr.ppocr_engine import PpOcrEngine
from piu_filter.models.ocr.ppocr_models import PpOcrModels
from piu_filter.profile import Profile

BAND = 0.25  # the share of the image's height in each band
BAND_SCALE = 1.6  # a band's scale, in times the engine's scale for the whole image
CALIBRATION_IMAGES = 30
Sample = tuple[Image.Image, list[str]]  # an image and its private words
Reader = Callable[[Image.Image], set[str]]


def normalised(word: str) -> str:
    return re.sub(r"[^0-9a-z]", "", word.lower())


def samples(root: Path) -> list[Sample]:
    found = []
    for shard in sorted((root / "bench").glob("shard-*.tar")):
        with tarfile.open(shard) as tar:
            for member in tar.getmembers():
                if member.name.endswith(".jpg"):
                    truth = json.loads((root / "bench" / "truth" / f"{member.name[:-4]}.json").read_text())
                    words = [normalised(w) for e in truth["entities"] if e["source"] == "image"
                             for w in e["text"].split()]
                    image = Image.open(BytesIO(tar.extractfile(member).read())).convert("RGB")
                    found.append((image, [w for w in words if w]))
    return found


def words_of(engine: OcrReader) -> Reader:
    return lambda image: {normalised(word.text) for word in engine.read(image)}


def plain(engine: PpOcrEngine, data: list[Sample]) -> Reader:
    return words_of(engine)


def int8(engine: PpOcrEngine, data: list[Sample]) -> Reader:
    from onnxruntime.quantization import CalibrationDataReader, QuantFormat, QuantType, quantize_static
    from onnxruntime.quantization.shape_inference import quant_pre_process

    batches: list[np.ndarray] = []
    recogniser = engine.models.recogniser
    name = recogniser.get_inputs()[0].name

    class Recording:
        def run(self, outputs, feeds):
            batches.append(feeds[name])
            return recogniser.run(outputs, feeds)

        def get_inputs(self):
            return recogniser.get_inputs()

    class Calibration(CalibrationDataReader):
        def __init__(self) -> None:
            self.batches = iter(batches)

        def get_next(self):
            batch = next(self.batches, None)
            return None if batch is None else {name: batch}

    engine.models.recogniser = Recording()
    for image, _ in data[:CALIBRATION_IMAGES]:
        engine.read(image)
    folder = Path(tempfile.mkdtemp())
    prepared, quantised = folder / "rec-prepared.onnx", folder / "rec-int8.onnx"
    quant_pre_process(str(ppocrv5_engine.check().recogniser), str(prepared), skip_symbolic_shape=True)
    quantize_static(str(prepared), str(quantised), Calibration(), quant_format=QuantFormat.QDQ,
                    per_channel=True, activation_type=QuantType.QUInt8, weight_type=QuantType.QInt8,
                    extra_options={"CalibMovingAverage": True})
    engine.models.recogniser = onnxruntime.InferenceSession(str(quantised), providers=["CPUExecutionProvider"])
    return words_of(engine)


def second_recogniser(engine: PpOcrEngine, data: list[Sample]) -> Reader:
    other = PpOcrModels(rapidocr_engine.check())
    first = engine.models.read

    def read(crops, batch_size=8):
        return [max(a, b, key=lambda r: min(r.scores, default=0.0))
                for a, b in zip(first(crops, batch_size), other.read(crops, batch_size))]

    engine.models.read = read
    return words_of(engine)


def bands(engine: PpOcrEngine, data: list[Sample]) -> Reader:
    band_engine = PpOcrEngine(engine.models, target_long_side=1 << 30)

    def read(image: Image.Image) -> set[str]:
        band_engine.max_scale = BAND_SCALE * engine.scale_for(image)
        w, h = image.size
        found = words_of(engine)(image)
        for box in ((0, 0, w, round(h * BAND)), (0, round(h * (1 - BAND)), w, h)):
            found |= words_of(band_engine)(image.crop(box))
        return found

    return read


def other_engine(name: str) -> Callable[[PpOcrEngine, list[Sample]], Reader]:
    """The engine `name` as the default profile builds it, instead of PP-OCRv5."""
    return lambda engine, data: words_of(make_ocr_engine(dataclasses.replace(Profile.load().ocr, engine=name)))


VARIANTS = {"plain": plain, "int8": int8, "second-recogniser": second_recogniser, "bands": bands,
            "rapidocr": other_engine("rapidocr"), "easyocr": other_engine("easyocr")}


def measure(reader: Reader, data: list[Sample]) -> tuple[float, float]:
    """Share of private words read exactly, and seconds per image."""
    reader(data[0][0])
    read = total = 0
    started = time.perf_counter()
    for image, words in data:
        found = reader(image)
        read += sum(word in found for word in words)
        total += len(words)
    return read / max(1, total), (time.perf_counter() - started) / len(data)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("root", type=Path)
    parser.add_argument("--variants", nargs="+", choices=tuple(VARIANTS), default=list(VARIANTS))
    args = parser.parse_args()
    logging.getLogger().setLevel(logging.ERROR)  # the quantiser's notes on every layer
    data = samples(args.root)
    for variant in args.variants:
        engine = make_ocr_engine(Profile.load().ocr)
        rate, seconds = measure(VARIANTS[variant](engine, data), data)
        print(f"{variant:18} private words read exactly {rate:.3f}   OCR {seconds:.3f} s/image   ({len(data)} images)")


if __name__ == "__main__":
    main()
