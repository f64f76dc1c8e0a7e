"""The PII stage: presidio on every channel of a sample, as entities.

Channels: the corrected OCR text of every image member and frame, and the text channels of
`piu_filter.channels` (captions, text members, json strings, file metadata, URL words). All
texts of a batch go to the analyzer in two batched calls, images' text and the written channels (where a time of
day alone names nobody); a text repeated within a sample (the caption img2dataset writes twice) is analysed once and
its entities recorded once.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from piu_filter.channels import TextChannel, counts_in_url, text_channels
from piu_filter.stages.base import Stage
from piu_filter.stages.fail_closed import fails_closed
from piu_filter.stages.scope import in_scope
from piu_filter.io.image_metadata import has_gps
from piu_filter.models.pii.analyzer import PiiAnalyzer
from piu_filter.models.pii.unreadable import UNREADABLE, unreadable_words
from piu_filter.models.ocr.lines import group_lines
from piu_filter.models.ocr.words import OcrText, OcrWord, joined_quad
from piu_filter.models.vocabulary import Vocabulary
from piu_filter.profile_sections import PiiConfig
from piu_filter.sample import Entity, Sample


def entity_words(words: list[OcrWord], vocabulary: Vocabulary) -> list[OcrWord]:
    """The words an entity covers: technical terms at either end left visible (a label or read-out beside the
    value), those inside it covered with it (`Hughes OB/GYN Associates`, `ST. CALLUM FETAL MEDICINE`)."""
    start, end = 0, len(words)
    while start < end and vocabulary.is_technical_term(words[start].text):
        start += 1
    while end > start and vocabulary.is_technical_term(words[end - 1].text):
        end -= 1
    return words[start:end]


@dataclass(frozen=True)
class ImageReading:
    """The OCR text of one frame of one image member."""

    member: str
    frame: int
    ocr: OcrText

    @property
    def text(self) -> str:
        return self.ocr.text

    analysed_text = text


def _within_text(results: list, offset: int) -> list:
    """Results on `label: text` moved onto `text`; those on the label dropped."""
    from presidio_analyzer import RecognizerResult

    if not offset:
        return results
    return [RecognizerResult(r.entity_type, r.start - offset, r.end - offset, r.score, r.analysis_explanation,
                             r.recognition_metadata) for r in results if r.start >= offset]


_FUZZY_LENGTH, _FUZZY_RATIO, _FUZZY_SCORE = 5, 0.8, 0.8


def _header_findings(text: str, header: dict[str, list[str]]) -> list:
    """A DICOM header's own private values where the text read from its pixels prints them: presidio deny
    lists, and words of five letters or more that OCR misread by about one letter in six (`OUAXON`), also
    inside a longer word where OCR ran words together (`OUAXON2ZORBlA`)."""
    from presidio_analyzer import PatternRecognizer, RecognizerResult

    results = [result for entity, values in header.items()
               for result in PatternRecognizer(supported_entity=entity, deny_list=values, name="DicomHeaderRecognizer")
               .analyze(text, [entity])]
    words = [(entity, value.upper()) for entity, values in header.items() for value in values
             if len(value) >= _FUZZY_LENGTH and " " not in value]
    for token in re.finditer(r"[^\s,;:()\[\]]+", text):
        read = token.group().upper()
        if any(r.start < token.end() and token.start() < r.end for r in results):
            continue
        for entity, value in words:
            if len(read) >= _FUZZY_LENGTH and _near(read, value):
                results.append(RecognizerResult(entity, token.start(), token.end(), _FUZZY_SCORE))
                break
    return results


def _near(read: str, value: str) -> bool:
    """Whether `read`, or a stretch of it as long as `value`, is within about one letter in six of `value`."""
    stretches = [read[i:i + len(value)] for i in range(max(1, len(read) - len(value) + 1))]
    return any(difflib.SequenceMatcher(None, stretch, value).ratio() >= _FUZZY_RATIO for stretch in stretches)


class PiiStage(Stage):
    """Finds PERSON, LOCATION, DATE_TIME, PHONE_NUMBER, ... in one batched analyzer call per batch.

    An image entity becomes one record entity per line it spans, boxed around its words
    (technical words beside it excluded), with its member and frame; a text entity keeps its
    character span in its channel. A GPS position in an image's EXIF is a LOCATION in `metadata`. The text
    read from a DICOM member's pixels is also searched for its header's own private values. Words that could
    not be read with confidence where patient data is printed are UNREADABLE_TEXT entities (see
    `models/pii/unreadable.py` and the profile's `pii.unreadable_text`).
    """

    name = "pii"

    def __init__(self, scope: str, config: PiiConfig) -> None:
        super().__init__()
        self.scope = scope
        self.config = config
        self.analyzer: PiiAnalyzer | None = None

    def setup(self) -> None:
        self.analyzer = PiiAnalyzer(self.config)
        self.analyzer.warm_up()

    def applies_to(self, sample: Sample) -> bool:
        return in_scope(sample, self.scope)

    def annotate(self, batch: list[Sample]) -> None:
        for sample in batch:  # a batch that failed is retried per sample: start each one afresh
            sample.entities, sample.text_findings = [], {}
        for captions in (False, True):  # images' text, then captions and the other text channels
            texts, owners = self._texts(batch, captions)
            for places, results in zip(owners, self.analyzer.analyze(texts, captions=captions)):
                for sample, place, add_entities in places:
                    self._record(sample, place, results, add_entities)
        for sample in batch:
            for member in sample.image_members:
                if has_gps(sample.members[member]):
                    sample.entities.append(Entity("LOCATION", "metadata", 1.0, member=member))

    def _texts(self, batch: list[Sample], captions: bool) -> tuple[list[str], list[list[tuple]]]:
        """The distinct texts of the batch's images, or of its text channels (`captions`), each with its owners:
        (sample, place, whether its entities are recorded: not for a channel repeating one of its sample)."""
        texts: list[str] = []
        owners: list[list[tuple[Sample, ImageReading | TextChannel, bool]]] = []
        for sample in batch:
            first_of: dict[str, int] = {}
            channel_texts: set[str] = set()
            for place in self._places(sample):
                if isinstance(place, TextChannel) != captions:
                    continue
                repeated_channel = captions and place.text in channel_texts
                channel_texts.add(place.text)
                if place.analysed_text not in first_of:
                    first_of[place.analysed_text] = len(texts)
                    texts.append(place.analysed_text)
                    owners.append([])
                owners[first_of[place.analysed_text]].append((sample, place, not repeated_channel))
        return texts, owners

    @staticmethod
    def _places(sample: Sample) -> list[ImageReading | TextChannel]:
        readings: list[ImageReading | TextChannel] = [
            ImageReading(member, frame, ocr) for texts in (sample.ocr_texts, sample.band_texts)
            for (member, frame), ocr in texts.items() if ocr.text.strip() or ocr.unsure]
        return readings + text_channels(sample)

    def _record(self, sample: Sample, place: ImageReading | TextChannel, results: list, add_entities: bool) -> None:
        if isinstance(place, ImageReading):
            header = sample.dicom_header_values.get(place.member, {})
            entities = self._image_entities(place, results + _header_findings(place.text, header))
            if fails_closed(sample, self.config):
                entities += self._unreadable_entities(place, [e.box for e in entities])
            sample.entities.extend(entities)
            return
        results = _within_text(results, place.offset)
        if place.source == "url":
            results = [r for r in results if counts_in_url(r.entity_type, place.text[r.start:r.end], place.text)]
        sample.text_findings[place.name] = results
        if add_entities:
            sample.entities.extend(Entity(r.entity_type, place.source, round(float(r.score), 4), start=r.start, end=r.end,
                                          text=place.text[r.start:r.end], member=place.member) for r in results)

    def _unreadable_entities(self, reading: ImageReading, covered: list) -> list[Entity]:
        return [Entity(UNREADABLE, "image", round(1.0 - word.confidence, 4), box=word.box, member=reading.member,
                       frame=reading.frame, outline=word.quad)
                for word in unreadable_words(reading.ocr, covered, self.analyzer.vocabulary)]

    def _image_entities(self, reading: ImageReading, results: list) -> list[Entity]:
        entities = []
        for result in results:
            for line in group_lines(entity_words(reading.ocr.words_in(result.start, result.end), self.analyzer.vocabulary)):
                box = (min(w.box[0] for w in line), min(w.box[1] for w in line),
                       max(w.box[2] for w in line), max(w.box[3] for w in line))
                entities.append(Entity(result.entity_type, "image", round(float(result.score), 4), box=box,
                                       text=" ".join(w.text for w in line), member=reading.member, frame=reading.frame,
                                       outline=joined_quad(line[0].quad, line[-1].quad)))
        return entities


