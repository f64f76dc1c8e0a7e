"""The PII stage: presidio on the corrected OCR text and on the captions, as entities."""

from __future__ import annotations

from piu_filter.filters.base import Stage
from piu_filter.filters.ocr import in_scope
from piu_filter.models.pii import PiiAnalyzer
from piu_filter.ocr_text import group_lines
from piu_filter.profile import PiiConfig
from piu_filter.recognizers import is_technical_term
from piu_filter.sample import Entity, Sample


class PiiStage(Stage):
    """Finds PERSON, LOCATION, DATE_TIME, PHONE_NUMBER, ... in one batched analyzer call per batch.

    An image entity becomes one record entity per line it spans, boxed around its words
    (technical words beside it excluded); a caption entity keeps its character span.
    """

    name = "pii"

    def __init__(self, scope: str, config: PiiConfig) -> None:
        super().__init__()
        self.scope = scope
        self.config = config
        self.analyzer: PiiAnalyzer | None = None

    def setup(self) -> None:
        self.analyzer = PiiAnalyzer(self.config.spacy_model, self.config.entities, self.config.score_threshold,
                                    self.config.technical_terms, self.config.phone_regions)

    def applies_to(self, sample: Sample) -> bool:
        return in_scope(sample, self.scope)

    def annotate(self, batch: list[Sample]) -> None:
        texts: list[str] = []
        places: list[tuple[Sample, str]] = []
        captions: dict[int, tuple[str | None, str | None]] = {}
        for sample in batch:
            caption, metadata_caption = sample.caption, sample.metadata_caption
            captions[id(sample)] = (caption, metadata_caption)
            repeated = metadata_caption == caption  # img2dataset writes the caption twice: analyse it once
            for source, text in (("image", sample.ocr_text.text if sample.ocr_text else None),
                                 ("txt", caption), ("json", None if repeated else metadata_caption)):
                if text:
                    texts.append(text)
                    places.append((sample, source))
        for (sample, source), results in zip(places, self.analyzer.analyze(texts)):
            if source == "image":
                sample.entities.extend(self._image_entities(sample, results))
            else:
                sample.caption_findings[source] = results
        for sample in batch:
            caption, metadata_caption = captions[id(sample)]
            findings = sample.caption_findings
            if metadata_caption is not None and metadata_caption == caption and "txt" in findings:
                findings["json"] = findings["txt"]
            source, text = ("txt", caption) if "txt" in findings else ("json", metadata_caption)
            for result in findings.get(source, []):
                sample.entities.append(Entity(result.entity_type, "caption", round(float(result.score), 4),
                                              start=result.start, end=result.end, text=text[result.start:result.end]))

    def _image_entities(self, sample: Sample, results: list) -> list[Entity]:
        entities = []
        ocr = sample.ocr_text
        for result in results:
            words = [w for w in ocr.words_in(result.start, result.end) if not is_technical_term(w.text)]
            for line in group_lines(words):
                box = (min(w.box[0] for w in line), min(w.box[1] for w in line),
                       max(w.box[2] for w in line), max(w.box[3] for w in line))
                entities.append(Entity(result.entity_type, "image", round(float(result.score), 4), box=box,
                                       text=" ".join(w.text for w in line)))
        return entities
