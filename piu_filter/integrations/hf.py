"""A Hugging Face `datasets` map function: `ds.map(piu_filter.hf_map(pipe, ...), batched=True)`."""

from __future__ import annotations

import io
import json
from typing import Any

import numpy as np
from PIL import Image

from piu_filter.config import RunConfig
from piu_filter.pipeline import Pipeline, worker_pipeline
from piu_filter.integrations.convert import annotations, make_sample
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
        "piu_faces_found": -1 if found["faces_found"] is None else found["faces_found"],
        "piu_stages": ",".join(found["stages"]),
    }


def hf_map(pipeline: Pipeline | RunConfig, image_column: str | list[str] = "image", caption_column: str | None = "text",
           url_column: str | None = None, text_columns: list[str] | None = None) -> HfMap:
    """A function for `datasets.Dataset.map(..., batched=True)` that runs `pipeline` (or a pipeline of that
    RunConfig, built once per process; see `HfMap`)."""
    config = pipeline if isinstance(pipeline, RunConfig) else pipeline.config
    return HfMap(config, image_column, caption_column, url_column, text_columns)


class HfMap:
    """Adds `piu_*` columns to each batch and writes back what the pipeline changed: under
    `action="redact"` the redacted images, captions, text columns and URLs, and under `redact` and
    `drop` every image without its text-bearing metadata. Dropping is left to the user: filter on
    `piu_action`.

    `image_column` is one column or a list of them; a column may hold one image or a list of
    images per row: every image is read, the first one is scored. `text_columns` are other string
    columns to analyse (and anonymise under redact) beside the caption.

    Columns: `piu_action` (keep|redact|drop), `piu_reasons` (comma-separated), `piu_detected`,
    `piu_clip_score`, `piu_image_query_score`, `piu_classifier_prob` (NaN where not computed),
    `piu_entities` (JSON list of type, source, score, box, start, end, member, frame; text only
    with `keep_pii_text`), `piu_error` (empty when none), `piu_faces_found` (-1 where no one looked), `piu_stages` (the stages that ran, comma-separated:
    a model skipped under `missing_models="skip"` is missing from it, and a warning said so once per process).

    It holds only its configuration, so `datasets` fingerprints it stably (same configuration,
    same fingerprint, cache reused); models load lazily, once per process.
    """

    def __init__(self, config: RunConfig, image_column: str | list[str], caption_column: str | None = None,
                 url_column: str | None = None, text_columns: list[str] | None = None) -> None:
        self.config = config
        self.image_columns = [image_column] if isinstance(image_column, str) else list(image_column)
        self.caption_column = caption_column
        self.url_column = url_column
        self.text_columns = list(text_columns or [])

    def __call__(self, batch: dict[str, list[Any]]) -> dict[str, list[Any]]:
        pipeline = worker_pipeline(self.config)
        rows = len(batch[self.image_columns[0]])
        samples, placed, given = [], [], []
        for i in range(rows):
            images = [(column, value) for column in self.image_columns for value in _as_list(batch[column][i])]
            texts = {column: batch[column][i] for column in self.text_columns}
            sample, members = make_sample(str(i), images, self._value(batch, self.caption_column, i),
                                          self._value(batch, self.url_column, i), texts)
            samples.append(sample)
            placed.append([(column, member) for (column, _), member in zip(images, members)])
            given.append(dict(sample.members))
        pipeline.process(samples)
        out = dict(batch)
        found = [_columns(annotations(sample, self.config.keep_pii_text, pipeline.stage_names)) for sample in samples]
        for column in found[0] if found else ():
            out[column] = [row[column] for row in found]
        if self.config.action == "tag":
            return out
        for column in self.image_columns:
            out[column] = [_images_back(batch[column][i], [m for c, m in placed[i] if c == column], samples[i], given[i])
                           for i in range(rows)]
        redacted = [sample.action == "redact" for sample in samples]
        for column, member in [(self.caption_column, "txt")] + [(c, f"{c}.txt") for c in self.text_columns]:
            if column:
                out[column] = [_text(samples[i], member) if redacted[i] else batch[column][i] for i in range(rows)]
        if self.url_column:
            out[self.url_column] = [samples[i].metadata.get("url") if redacted[i] else batch[self.url_column][i] for i in range(rows)]
        return out

    @staticmethod
    def _value(batch: dict[str, list[Any]], column: str | None, row: int) -> Any:
        return batch[column][row] if column else None


def _images_back(original: Any, members: list[str], sample: Sample, given: dict[str, bytes]) -> Any:
    """A cell with every image the pipeline changed replaced, in the form the column holds it."""
    changed = [_image_back(value, sample.members.get(member), given[member]) for value, member in zip(_as_list(original), members)]
    return changed if isinstance(original, (list, tuple)) else changed[0]


def _as_list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, (list, tuple)) else [value]


def _text(sample: Sample, member: str) -> str | None:
    data = sample.members.get(member)
    return data.decode("utf-8") if data is not None else None


def _image_back(original: Any, data: bytes | None, before: bytes) -> Any:
    """The changed image in the form the column holds it; the original when it was not changed."""
    if data is None or data is before:
        return original
    if isinstance(original, Image.Image):
        return Image.open(io.BytesIO(data))
    if isinstance(original, np.ndarray):
        return np.asarray(Image.open(io.BytesIO(data)))
    if isinstance(original, dict):
        return {**original, "bytes": data}
    return data
