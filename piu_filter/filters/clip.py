"""Zero-shot CLIP scoring against the profile's positive and negative text prompts."""

from __future__ import annotations

import numpy as np
import torch

from piu_filter.filters.base import Stage
from piu_filter.models.clip import ClipModel, ResolvedClip, resolve_device
from piu_filter.sample import Sample


class ClipStage(Stage):
    """Embeds images and scores them against the prompts.

    `clip_score` is the softmax probability mass of the positive prompts among all prompts
    (CLIP's logit scale); `clip_similarity` is the highest cosine similarity to a positive
    prompt. The image embedding stays on the sample for later stages (classifier, queries).
    """

    name = "clip"

    def __init__(self, resolved: ResolvedClip, device: str, positive: list[str], negative: list[str]) -> None:
        super().__init__()
        self.resolved = resolved
        self.device = device
        self.positive = positive
        self.negative = negative
        self.model: ClipModel | None = None
        self.text_embeddings: np.ndarray | None = None

    def setup(self) -> None:
        self.model = ClipModel(self.resolved, resolve_device(self.device))
        self.text_embeddings = self.model.encode_texts(self.positive + self.negative)

    def prepare(self, batch: list[Sample]) -> None:
        """Resize, crop and normalise with the model's own transform (no model needed)."""
        for sample in batch:
            sample.prepared[self.name] = self.model.preprocess(sample.image)

    def annotate(self, batch: list[Sample]) -> None:
        pixels = torch.stack([sample.prepared.pop(self.name) for sample in batch])
        embeddings = self.model.encode_pixels(pixels)
        for sample, embedding, (score, similarity) in zip(batch, embeddings, self.score(embeddings)):
            sample.embedding = embedding
            sample.clip_score = score
            sample.clip_similarity = similarity

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
