"""CLIP retrieval scoring: zero-shot text prompts and exemplar image queries."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from piu_filter.filters.base import Stage
from piu_filter.io.images import decode_image
from piu_filter.models.clip import ClipModel, ResolvedClip, resolve_device
from piu_filter.sample import Sample


class ClipStage(Stage):
    """Embeds images and scores them against text and image queries.

    `clip_score` is the softmax probability mass of the positive prompts among all prompts
    (CLIP's logit scale); `clip_similarity` is the highest cosine similarity to a positive
    prompt; `image_query_score` the highest cosine similarity to an exemplar image. The image
    embedding stays on the sample for later stages (the classifier).
    """

    name = "clip"

    def __init__(self, resolved: ResolvedClip, device: str, positive: list[str], negative: list[str],
                 exemplars: list[Path] | None = None, max_pixels: int = 100_000_000) -> None:
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
            sample.prepared[self.name] = self.model.batch_preprocess.prepare(sample.image)

    def annotate(self, batch: list[Sample]) -> None:
        pixels = self.model.batch_preprocess.stack([sample.prepared.pop(self.name) for sample in batch])
        embeddings = self.model.encode_pixels(pixels)
        for sample, embedding, (score, similarity) in zip(batch, embeddings, self.score(embeddings)):
            sample.embedding = embedding
            sample.clip_score = score
            sample.clip_similarity = similarity
        if self.exemplar_embeddings is not None:
            for sample, best in zip(batch, (embeddings @ self.exemplar_embeddings.T).max(axis=1)):
                sample.image_query_score = float(best)

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
