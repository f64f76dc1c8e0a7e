"""The bands where a screen or printout prints patient data, read again at a larger scale: a faint or small header
or footer line that detection on the whole image missed (a dark monitor photographed at an angle, a thermal
print's last line) is found there, so that it is analysed or, unread, covered."""

from __future__ import annotations

import numpy as np
from PIL import Image

from piu_filter.models.ocr import OcrReader
from piu_filter.models.ocr.views import detection_scale
from piu_filter.models.ocr.words import OcrWord, covered_fraction
from piu_filter.profile_sections import OcrConfig

BAND = 0.3  # the top and bottom fractions of an image where patient data is printed
MAX_SIDE = 2000  # the longest band copy read; a larger image's text is not small
_RING = 2  # pixels around a word whose median colour paints it over
_LAYOUT_GAP = 1 << 16  # the bottom band's layouts lie this far below the top band's, so that no line joins both


def band_scale(config: OcrConfig, size: tuple[int, int]) -> float:
    """How much larger than the image the bands are read: `config.band_scale` times the scale at which a PP-OCR
    engine reads the whole image (`target_long_side`, at most `max_scale`)."""
    return config.band_scale * detection_scale(max(size), config.target_long_side, config.max_scale, MAX_SIDE)


def band_words(reader: OcrReader, image: Image.Image, found: list[OcrWord], scale: float) -> list[OcrWord]:
    """The words of the top and bottom BAND of `image`, each read from a copy `scale` times larger, that the
    words of `found` do not mostly cover; boxes in the image's pixels. The words of `found` that lie inside a band are
    painted over in its copy first, so that only what the whole reading missed is recognised again. Nothing when the
    copy would be longer than MAX_SIDE."""
    width, height = image.size
    if scale <= 1.0 or max(width, height) * scale > MAX_SIDE:
        return []
    found_boxes = [word.box for word in found]
    words: list[OcrWord] = []
    for index, (top, bottom) in enumerate(((0, round(BAND * height)), (round((1 - BAND) * height), height))):
        if bottom - top < 2:
            continue
        inside = [box for box in found_boxes if box[1] >= top and box[3] <= bottom]
        band = _painted_over(image.crop((0, top, width, bottom)), inside, top)
        larger = band.resize((round(width * scale), round((bottom - top) * scale)), Image.Resampling.LANCZOS)
        for word in reader.read(larger):
            box = (int(word.box[0] / scale), int(word.box[1] / scale) + top,
                   int(word.box[2] / scale + 0.999), int(word.box[3] / scale + 0.999) + top)
            if covered_fraction(box, found_boxes) >= 0.5:
                continue
            x0, y0, x1, y1 = word.layout
            shift = index * _LAYOUT_GAP
            quad = tuple((x / scale, y / scale + top) for x, y in word.quad) if word.quad else None
            words.append(OcrWord(word.text, box, word.confidence, word.raw, (x0, y0 + shift, x1, y1 + shift), quad))
    return words


def _painted_over(band: Image.Image, boxes: list[tuple[int, int, int, int]], top: int) -> Image.Image:
    """`band` (its top at row `top` of the image) with each box, in the image's pixels, filled with the median colour
    of a ring of _RING pixels around it."""
    pixels = np.array(band.convert("RGB"))
    height, width = pixels.shape[:2]
    for x0, y0, x1, y1 in boxes:
        iy0, iy1, ix0, ix1 = max(0, y0 - top), min(height, y1 - top), max(0, x0), min(width, x1)
        if iy1 <= iy0 or ix1 <= ix0:
            continue
        oy0, oy1, ox0, ox1 = max(0, iy0 - _RING), min(height, iy1 + _RING), max(0, ix0 - _RING), min(width, ix1 + _RING)
        ring = np.ones((oy1 - oy0, ox1 - ox0), dtype=bool)
        ring[iy0 - oy0:iy1 - oy0, ix0 - ox0:ix1 - ox0] = False
        if ring.any():
            pixels[iy0:iy1, ix0:ix1] = np.median(pixels[oy0:oy1, ox0:ox1][ring], axis=0)
    return Image.fromarray(pixels)
