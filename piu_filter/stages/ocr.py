"""The OCR stage: words and boxes of the text printed on candidate images."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from PIL import Image, ImageDraw, ImageFont

from piu_filter.stages.base import Stage
from piu_filter.stages.scope import in_scope
from piu_filter.io.dicom import DicomError
from piu_filter.io.images import ImageDecodeError, decode_frames
from piu_filter.models.clip import resolve_device
from piu_filter.models.ocr import OcrReader, make_ocr_engine
from piu_filter.models.ocr.bands import band_scale, band_words
from piu_filter.models.ocr.lines import build_text
from piu_filter.models.ocr.words import OcrText
from piu_filter.models.vocabulary import Vocabulary
from piu_filter.profile_sections import OcrConfig
from piu_filter.sample import DICOM_EXTENSIONS, Sample, last_part


class OcrStage(Stage):
    """Reads every frame of every image and DICOM member of each in-scope sample at full resolution and keeps
    the text corrected with the vocabulary's labels and facility words, with word boxes. Identical frames
    are read once. A frame that cannot be read, or more frames than `max_frames`, marks the sample
    `unreadable`: it is never passed on unread. On samples for which `reads_bands` holds (those that fail closed on
    unreadable text), the top and bottom bands of each frame are read again larger (`models/ocr/bands.py`).
    """

    name = "ocr"

    def __init__(self, scope: str, config: OcrConfig, vocabulary: Vocabulary, max_pixels: int, device: str = "cpu",
                 max_frames: int = 16, reads_bands: Callable[[Sample], bool] | None = None) -> None:
        super().__init__()
        self.reads_bands = reads_bands or _never
        self.scope = scope
        self.config = config
        self.vocabulary = vocabulary
        self.max_pixels = max_pixels
        self.max_frames = max_frames
        self.device = device
        self.engine: OcrReader | None = None

    def setup(self) -> None:
        self.engine = make_ocr_engine(self.config, resolve_device(self.device).type)
        build_text(self.engine.read(_warm_up_image()), self.vocabulary, self.config.min_confidence)

    def applies_to(self, sample: Sample) -> bool:
        return in_scope(sample, self.scope)

    def annotate(self, batch: list[Sample]) -> None:
        for sample in batch:
            readings, sample.ocr_texts, sample.band_texts, sample.unreadable = {}, {}, {}, None  # afresh on a retry too
            for member in sample.pixel_members:
                try:
                    frames = self._frames(sample, member)
                except (ImageDecodeError, DicomError) as exc:  # an image member past the first, or a DICOM member
                    sample.unreadable = f"{member}: {exc}"
                    continue
                for index, frame in enumerate(frames):
                    digest = hashlib.sha256(frame.tobytes()).digest()
                    if digest not in readings:
                        readings[digest] = self._read(frame, self.reads_bands(sample))
                    sample.ocr_texts[(member, index)], band_text = readings[digest]
                    if band_text is not None:
                        sample.band_texts[(member, index)] = band_text
            sample.ocr_ran = True

    def _read(self, frame: Image.Image, bands: bool) -> tuple[OcrText, OcrText | None]:
        """The frame's text, and with `bands`, that of the words only its bands read again larger found."""
        words = self.engine.read(frame)
        text = build_text(words, self.vocabulary, self.config.min_confidence, frame.size)
        found = band_words(self.engine, frame, words, band_scale(self.config, frame.size)) if bands else []
        return text, build_text(found, self.vocabulary, self.config.min_confidence, frame.size) if found else None

    def _frames(self, sample: Sample, member: str) -> list:
        """Every frame of an image member, or of a DICOM member as a viewer shows it (its header's private
        values kept in `dicom_header_values`, to be looked for in the text read)."""
        if last_part(member) in DICOM_EXTENSIONS:
            from piu_filter.io.dicom import header_values, read_dicom, rendered_frames

            dataset = read_dicom(sample.members[member])
            sample.dicom_header_values[member] = header_values(dataset)
            return rendered_frames(dataset, self.max_frames)
        return decode_frames(sample.members[member], self.max_pixels, self.max_frames)


def _never(sample: Sample) -> bool:
    return False


def _warm_up_image() -> Image.Image:
    """Made-up lines of a screen's header, read once in `setup` so that the engine's first inferences and the
    correction's word lists are done before the first sample."""
    image = Image.new("RGB", (480, 64), "black")
    draw = ImageDraw.Draw(image)
    draw.text((8, 6), "Name: MOREAU, ELAINE  ID 10229-3", fill="white", font=ImageFont.load_default(size=20))
    draw.text((8, 34), "Wilson Ultrasound Center  GA 12w3d", fill="white", font=ImageFont.load_default(size=20))
    return image
