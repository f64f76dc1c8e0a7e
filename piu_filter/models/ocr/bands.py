"""The bands where a screen or printout prints patient data, read again at a larger scale: a faint or small header
or footer line that detection on the whole image missed (a dark monitor photographed at an angle, a thermal
print's last line) is found there, so that it is analysed or, unread, covered."""

from __future__ import annotations

from PIL import Image

from piu_filter.models.ocr import OcrReader
from piu_filter.models.ocr.views import detection_scale
from piu_filter.models.ocr.words import OcrWord, covered_fraction
from piu_filter.profile_sections import OcrConfig

BAND = 0.3  # the top and bottom fractions of an image where patient data is printed
MAX_SIDE = 2000  # the longest band copy read; a larger image's text is not small
_LAYOUT_GAP = 1 << 16  # the bottom band's layouts lie this far below the top band's, so that no line joins both


def band_scale(config: OcrConfig, size: tuple[int, int]) -> float:
    """How much larger than the image the bands are read: `config.band_scale` times the scale at which a PP-OCR
    engine reads the whole image (`target_long_side`, at most `max_scale`)."""
    return config.band_scale * detection_scale(max(size), config.target_long_side, config.max_scale, MAX_SIDE)


def band_words(reader: OcrReader, image: Image.Image, found: list[OcrWord], scale: float) -> list[OcrWord]:
    """The words of the top and bottom BAND of `image`, each read from a copy `scale` times larger, that the
    words of `found` do not mostly cover; boxes in the image's pixels. Nothing when the copy would be longer than
    MAX_SIDE."""
    width, height = image.size
    if scale <= 1.0 or max(width, height) * scale > MAX_SIDE:
        return []
    words: list[OcrWord] = []
    for index, (top, bottom) in enumerate(((0, round(BAND * height)), (round((1 - BAND) * height), height))):
        if bottom - top < 2:
            continue
        band = image.crop((0, top, width, bottom))
        larger = band.resize((round(width * scale), round((bottom - top) * scale)), Image.Resampling.LANCZOS)
        for word in reader.read(larger):
            box = (int(word.box[0] / scale), int(word.box[1] / scale) + top,
                   int(word.box[2] / scale + 0.999), int(word.box[3] / scale + 0.999) + top)
            if covered_fraction(box, [other.box for other in found]) >= 0.5:
                continue
            x0, y0, x1, y1 = word.layout
            shift = index * _LAYOUT_GAP
            words.append(OcrWord(word.text, box, word.confidence, word.raw, (x0, y0 + shift, x1, y1 + shift)))
    return words

