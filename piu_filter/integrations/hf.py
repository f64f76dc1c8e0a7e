"""A Hugging Face `datasets` map function: `ds.map(pipeline.hf_map(...), batched=True)`."""

from __future__ import annotations

import io
import json
from typing import Any

from PIL import Image

from piu_filter.config import RunConfig
from piu_filter.integrations.convert import annotations, make_sample, pipeline_for
from piu_filter.sample import Sample


def _columns(found: dict[str, Any]) -> dict[str, Any]:
    """The `piu_*` values of one row, each of one Arrow type whatever the row holds: `datasets`
    types a column from its first batch, so no value may be None or an empty list there."""
    nan = float("nan")
    return {
        "piu_action": found["action"],
        "piu_reasons": ",".join(found["reasons"]),
        "piu_detected": bool(found["detected"]),
        "piu_clip_score": nan if found["clip_score"] is None else found["clip_score"],
        "piu_image_query_score": nan if found["image_query_score"] is None else found["image_query_score"],
        "piu_classifier_prob": nan if found["classifier_prob"] is None else found["classifier_prob"],
        "piu_entities": json.dumps(found["entities"]),
        "piu_error": found["error"] or "",
    }


class HfMap:
    """Adds `piu_*` columns to each batch and, under `action="redact"`, redacts the image and caption
    columns in place. Dropping is left to the user: filter on `piu_action`.

    Columns: `piu_action` (keep|redact|drop), `piu_reasons` (comma-separated), `piu_detected`,
    `piu_clip_score`, `piu_image_query_score`, `piu_classifier_prob` (NaN where not computed),
    `piu_entities` (JSON list of type, source, score, box, start, end; text only with
    `keep_pii_text`), `piu_error` (empty when none).

    It holds only its configuration, so `datasets` fingerprints it stably (same configuration,
    same fingerprint, cache reused); models load lazily, once per process.
    """

    def __init__(self, config: RunConfig, image_column: str, caption_column: str | None = None,
                 url_column: str | None = None) -> None:
        self.config = config
        self.image_column = image_column
        self.caption_column = caption_column
        self.url_column = url_column

    def __call__(self, batch: dict[str, list[Any]]) -> dict[str, list[Any]]:
        pipeline = pipeline_for(self.config)
        images = batch[self.image_column]
        captions = batch[self.caption_column] if self.caption_column else [None] * len(images)
        urls = batch[self.url_column] if self.url_column else [None] * len(images)
        samples = [make_sample(str(i), image, caption, url) for i, (image, caption, url) in enumerate(zip(images, captions, urls))]
        given = [sample.image_bytes for sample in samples]
        pipeline.process(samples)
        out = dict(batch)
        rows = [_columns(annotations(sample, self.config.keep_pii_text)) for sample in samples]
        for column in rows[0] if rows else ():
            out[column] = [row[column] for row in rows]
        if self.config.action == "redact":
            out[self.image_column] = [_redacted_image(image, before, sample) for image, before, sample in zip(images, given, samples)]
            if self.caption_column:
                out[self.caption_column] = [sample.caption if sample.action == "redact" else caption
                                            for caption, sample in zip(captions, samples)]
        return out


def _redacted_image(original: Any, before: bytes | None, sample: Sample) -> Any:
    """The redacted image in the form the column holds it; the original when the image was not changed."""
    if sample.action != "redact" or sample.image_bytes is before:
        return original
    data = sample.image_bytes
    if isinstance(original, Image.Image):
        return Image.open(io.BytesIO(data))
    if isinstance(original, dict):
        return {**original, "bytes": data}
    return data
