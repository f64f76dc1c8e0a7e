"""CLIP retrieval scoring: zero-shot text prompts and exemplar image queries."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from piu_filter.stages.base import Stage
from piu_filter.io.images import decode_image
from piu_filter.models.clip import ClipModel, ResolvedClip, resolve_device
from piu_filter.sample import Sample


class ClipStage(Stage):
    """Embeds images and scores them against text and image queries.

    `clip_score` is the softmax probability mass of the positive prompts among all prompts
    (CLIP's logit scale); `clip_similarity` is the highest cosine similarity to a positive
    prompt; `image_query_score` the highest cosine similarity to an exemplar image. With several
    images decoded for a sample (`clip.score_from: max`), each score is the highest over them.
    The first image's embedding stays on the sample for later stages, all of them in
    `member_embeddings` when there are several.
    """

    name = "clip"

    def __init__(self, resolved: ResolvedClip, device: str, positive: list[str], negative: list[str],
                 exemplars: list[Path] | None = None, max_pixels: int = 50_000_000) -> None:
        super().__init__()
        self.resolved = resolved
        self.device = device
        self.positive = positive
        self.negative = negative
        self.exemplars = exemplars or []
        self.max_pixels = max_pixels
        self.model: ClipModel | None = None
        self.text_embeddings: np.ndarray | None = None
        self.exemplar_embeddings: np.ndarray | None = None

    def setup(self) -> None:
        self.model = ClipModel(self.resolved, resolve_device(self.device))
        self.text_embeddings = self.model.encode_texts(self.positive + self.negative)
        if self.exemplars:
            images = [decode_image(path.read_bytes(), self.max_pixels)[0] for path in self.exemplars]
            self.exemplar_embeddings = self.model.encode_images(images)

    def prepare(self, batch: list[Sample]) -> None:
        """Resize, crop and normalise with the model's own transform (no model needed)."""
        for sample in batch:
            sample.prepared[self.name] = [self.model.batch_preprocess.prepare(image) for image in [sample.image, *sample.other_images]]

    def annotate(self, batch: list[Sample]) -> None:
        prepared = [sample.prepared[self.name] for sample in batch]  # kept until done: a failed batch is retried per sample
        embeddings = self.model.encode_pixels(self.model.batch_preprocess.stack([p for each in prepared for p in each]))
        scores = self.score(embeddings)
        image_scores = (embeddings @ self.exemplar_embeddings.T).max(axis=1) if self.exemplar_embeddings is not None else None
        start = 0
        for sample, each in zip(batch, prepared):
            rows = slice(start, start + len(each))
            start += len(each)
            sample.embedding = embeddings[rows.start]
            sample.member_embeddings = embeddings[rows] if len(each) > 1 else None
            sample.clip_score = max(score for score, _ in scores[rows])
            sample.clip_similarity = max(similarity for _, similarity in scores[rows])
            if image_scores is not None:
                sample.image_query_score = float(image_scores[rows].max())
            del sample.prepared[self.name]

    def score(self, embeddings: np.ndarray) -> list[tuple[float, float]]:
        """(clip_score, clip_similarity) for each row of L2-normalised `embeddings`."""
        similarities = embeddings @ self.text_embeddings.T
        logits = self.model.logit_scale * similarities
        logits -= logits.max(axis=1, keepdims=True)
        probs = np.exp(logits)
        probs /= probs.sum(axis=1, keepdims=True)
        positives = len(self.positive)
        scores = probs[:, :positives].sum(axis=1)
        best = similarities[:, :positives].max(axis=1)
        return [(float(s), float(b)) for s, b in zip(scores, best)]
