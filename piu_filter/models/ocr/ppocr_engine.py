"""PP-OCR engines: orientation from one detection's boxes and the line classifier, words and word
boxes from the recogniser's character positions.

Text is detected on the image upscaled until its longer side reaches `target_long_side`. Lines
come as quadrilaterals, so tilted lines are cropped straight without a deskew pass. Lines taller
than wide are turned a quarter, and the angle classifier says which way up each crop reads
(upside-down crops are read turned half way). When most lines run vertically, their classified
direction says which quarter turn makes the image upright, and the lines are detected again in
that upright view, where the detector finds them best; that is the only second detection. When
most lines read upside down, word layouts are given in the image turned half way, so that lines
are rebuilt in reading order. Word boxes are in the original image's pixels; a line's first and
last words are boxed to the detected line's ends, since character centres fall short of the glyphs'
edges there (their layouts, from which lines are rebuilt, are not). Layouts are turned level along the
text's dominant slope, so that lines of a tilted or photographed sheet are rebuilt whole. Optionally, lines
shorter than `upscale_below` original pixels are cropped again from the original pixels through an upscaler
(`upscale.py`), and the view is contrast-equalised (CLAHE) before detection.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import cv2
import numpy as np
from PIL import Image

from piu_filter.models.ocr.line_words import line_words
from piu_filter.models.ocr.ppocr_models import LineReading, PpOcrModels
from piu_filter.models.ocr.upscale import Upscaler
from piu_filter.models.ocr.views import View, detection_scale, make_view, turn_points
from piu_filter.models.ocr.words import OcrWord

MAX_DETECTION_SIDE = 2000  # longer side of the detection view for large images
TALL = 1.5  # a crop this many times taller than wide holds a vertical line


class PpOcrEngine:
    """Reads words with their boxes through PP-OCR's detector, line classifier and recogniser; every word
    comes with its confidence, however low (`build_text` decides which it trusts)."""

    def __init__(self, models: PpOcrModels, target_long_side: int = 960, max_scale: float = 3.0,
                 upscaler: Upscaler | None = None, upscale_below: float = 0.0, equalise: bool = False) -> None:
        self.models = models
        self.equalise = equalise
        self.target_long_side = target_long_side
        self.max_scale = max_scale
        self.upscaler = upscaler
        self.upscale_below = upscale_below

    def scale_for(self, image: Image.Image) -> float:
        """Upscale small images so text reaches a readable size; bring very large ones down to MAX_DETECTION_SIDE."""
        return detection_scale(max(image.size), self.target_long_side, self.max_scale, MAX_DETECTION_SIDE)

    def read(self, image: Image.Image) -> list[OcrWord]:
        rgb = image.convert("RGB")
        view = make_view(rgb, self.scale_for(image))
        if self.equalise:
            view = replace(view, image=equalised(view.image))
        lines = self._lines(view)
        turns = _quarter_turns(lines)
        if turns % 2:  # vertical text: detect again in the upright view, where the detector finds lines best
            view = view.turned(turns)
            lines = self._lines(view)
            turns = 0
        if self.upscaler is not None:
            self._upscale_small_lines(lines, view, np.asarray(rgb)[:, :, ::-1])
        level = _leveller(lines, turns)
        words: list[OcrWord] = []
        for line, reading in zip(lines, self._read_lines(lines)):
            found = line_words(reading.chars, reading.positions, reading.scores, reading.space_before)
            for index, word in enumerate(found):
                layout = _bounds(level(turn_points(line.span(word.start, word.end), view.image.size, turns)))
                box = line.span(0.0 if index == 0 else word.start, 1.0 if index == len(found) - 1 else word.end)
                quad = tuple(map(tuple, view.to_original(line.in_reading_order(box)).round(1).tolist()))
                words.append(OcrWord(word.text, view.box_to_original(_bounds(box)), word.confidence, word.text, layout,
                                     quad))
        return words

    def _read_lines(self, lines: list[_Line]) -> list[LineReading]:
        """Each line's reading. A line the classifier turned against most of the image's lines is also read the
        other way up, and the reading with the higher mean character score is kept (with its direction): the
        lines of one photographed sheet share a direction, and the classifier errs on faint, tilted lines."""
        readings = self.models.read([line.upright_crop for line in lines])
        most_flipped = sum(line.flipped for line in lines) > len(lines) / 2
        doubtful = [i for i, line in enumerate(lines) if line.flipped != most_flipped]
        other_way = self.models.read([lines[i].turned_crop for i in doubtful])
        for i, reading in zip(doubtful, other_way):
            if _mean_score(reading) > _mean_score(readings[i]):
                lines[i].flipped, readings[i] = not lines[i].flipped, reading
        return readings

    def _upscale_small_lines(self, lines: list[_Line], view: View, bgr: np.ndarray) -> None:
        """Crop again, from the original pixels through the upscaler, each line shorter than `upscale_below`
        original pixels: small text is read from super-resolved pixels rather than the view's resampling."""
        for line in lines:
            quad = view.to_original(line.quad)
            if min(_sides(quad)) >= self.upscale_below:
                continue
            (x0, y0), (x1, y1) = np.floor(quad.min(axis=0)) - 2, np.ceil(quad.max(axis=0)) + 2
            x0, y0 = max(0, int(x0)), max(0, int(y0))
            x1, y1 = min(bgr.shape[1], int(x1)), min(bgr.shape[0], int(y1))
            if x1 - x0 < 2 or y1 - y0 < 2:
                continue
            upscaled = self.upscaler.upscale(np.ascontiguousarray(bgr[y0:y1, x0:x1]))
            line.crop = _crop(upscaled, (quad - [x0, y0]) * self.upscaler.factor, line.tall)

    def _lines(self, view: View) -> list[_Line]:
        bgr = np.ascontiguousarray(np.asarray(view.image)[:, :, ::-1])
        quads = self.models.detect(bgr)
        tall = [_is_tall(quad) for quad in quads]
        crops = [_crop(bgr, quad, is_tall) for quad, is_tall in zip(quads, tall)]
        return [_Line(*line) for line in zip(quads, tall, crops, self.models.upside_down(crops))]


@dataclass
class _Line:
    """A detected line: its quad (TL, TR, BR, BL) in the view, whether it runs vertically, its crop
    (turned to run across), and whether the classifier found the crop upside down."""

    quad: np.ndarray
    tall: bool
    crop: np.ndarray
    flipped: bool

    @property
    def upright_crop(self) -> np.ndarray:
        return np.ascontiguousarray(self.crop[::-1, ::-1]) if self.flipped else self.crop

    @property
    def turned_crop(self) -> np.ndarray:
        """The crop the other way up from `upright_crop`."""
        return self.crop if self.flipped else np.ascontiguousarray(self.crop[::-1, ::-1])

    def in_reading_order(self, polygon: np.ndarray) -> np.ndarray:
        """A polygon of `span` from the start of its text, along its top: an upside-down line's starts at its
        bottom right."""
        return polygon[[2, 3, 0, 1]] if self.flipped else polygon

    def span(self, start: float, end: float) -> np.ndarray:
        """The part of the quad between fractions `start` and `end` of the way along its text, as a polygon."""
        if self.flipped:
            start, end = 1 - end, 1 - start
        tl, tr, br, bl = self.quad.astype(np.float64)
        # a turned crop's text runs from the quad's top edge (tl, tr) to its bottom edge (bl, br)
        first, second = ((tl, bl), (tr, br)) if self.tall else ((tl, tr), (bl, br))
        return np.array([first[0] + start * (first[1] - first[0]), first[0] + end * (first[1] - first[0]),
                         second[0] + end * (second[1] - second[0]), second[0] + start * (second[1] - second[0])])


def equalised(image: Image.Image) -> Image.Image:
    """Contrast-limited adaptive histogram equalisation (CLAHE) of the lightness, for faded thermal prints
    and unevenly lit photos."""
    lab = cv2.cvtColor(np.asarray(image), cv2.COLOR_RGB2LAB)
    lab[:, :, 0] = cv2.createCLAHE(clipLimit=2.0, tileGridSize=(8, 8)).apply(np.ascontiguousarray(lab[:, :, 0]))
    return Image.fromarray(cv2.cvtColor(lab, cv2.COLOR_LAB2RGB))


def _mean_score(reading: LineReading) -> float:
    """The mean score of a reading's characters other than spaces; 0 for a reading of none."""
    scores = [score for char, score in zip(reading.chars, reading.scores) if not char.isspace()]
    return sum(scores) / len(scores) if scores else 0.0


def _sides(quad: np.ndarray) -> tuple[int, int]:
    """Width (along TL-TR) and height (along TL-BL) of a quad, the longer of each pair of sides."""
    width = max(np.linalg.norm(quad[0] - quad[1]), np.linalg.norm(quad[2] - quad[3]))
    height = max(np.linalg.norm(quad[0] - quad[3]), np.linalg.norm(quad[1] - quad[2]))
    return max(1, round(width)), max(1, round(height))


def _is_tall(quad: np.ndarray) -> bool:
    width, height = _sides(quad)
    return height >= TALL * width


def _crop(bgr: np.ndarray, quad: np.ndarray, tall: bool) -> np.ndarray:
    """The quad warped straight; a tall one turned a quarter counter-clockwise so that its text runs across."""
    width, height = _sides(quad)
    target = np.array([[0, 0], [width, 0], [width, height], [0, height]], dtype=np.float32)
    crop = cv2.warpPerspective(bgr, cv2.getPerspectiveTransform(quad.astype(np.float32), target), (width, height),
                               borderMode=cv2.BORDER_REPLICATE, flags=cv2.INTER_CUBIC)
    return np.ascontiguousarray(np.rot90(crop)) if tall else crop


def _quarter_turns(lines: list[_Line]) -> int:
    """Counter-clockwise quarter turns that make the image upright, voted by lines at least twice as long as high."""
    voters = [line for line in lines if line.crop.shape[1] >= 2 * line.crop.shape[0]]
    vertical = [line.flipped for line in voters if line.tall]
    if len(vertical) > len(voters) / 2:  # crops turned counter-clockwise read upright when the text runs downwards
        return 3 if sum(vertical) > len(vertical) / 2 else 1
    return 2 if sum(line.flipped for line in voters) > len(voters) / 2 else 0


def _leveller(lines: list[_Line], turns: int):
    """A function that rotates layout points (in the upright view) so that the text's dominant direction runs
    level: lines of a tilted or photographed sheet are then rebuilt along their own slope. The direction is
    the median slope of lines at least twice as long as high, when it is more than a degree off level."""
    slopes = []
    for line in lines:
        if line.crop.shape[1] < 2 * line.crop.shape[0]:
            continue
        start, end = turn_points(line.span(0.0, 1.0)[:2], (1 << 20, 1 << 20), turns)  # a turn keeps directions
        slopes.append(np.arctan2(end[1] - start[1], end[0] - start[0]))
    angle = float(np.median(slopes)) if slopes else 0.0
    if abs(angle) < np.radians(1.0) or abs(angle) > np.radians(30.0):
        return lambda points: points
    cos, sin = np.cos(-angle), np.sin(-angle)
    rotation = np.array([[cos, -sin], [sin, cos]])
    return lambda points: points @ rotation.T


def _bounds(polygon: np.ndarray) -> tuple[int, int, int, int]:
    (x0, y0), (x1, y1) = np.floor(polygon.min(axis=0)), np.ceil(polygon.max(axis=0))
    return int(x0), int(y0), int(x1), int(y1)
