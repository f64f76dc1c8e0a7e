"""Embedding labelled images with CLIP in batches, reusing cached embeddings."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from piu_filter.stages.clip import ClipStage
from piu_filter.stages.decode import DecodeStage
from piu_filter.io.embeddings import EmbeddingCache
from piu_filter.io.images import image_sha256
from piu_filter.batches import batched
from piu_filter.sample import Sample


@dataclass
class EmbeddedSet:
    embeddings: np.ndarray
    computed: int
    cached: int
    failed: int


def embed_samples(samples: Iterable[Sample], clip: ClipStage, decode: DecodeStage, cache: EmbeddingCache | None,
                  batch_size: int = 32) -> EmbeddedSet:
    """One L2-normalised embedding per decodable sample; undecodable ones are counted as failed."""
    rows: list[np.ndarray] = []
    computed = cached = failed = 0
    for batch in batched(samples, batch_size):
        todo = []
        for sample in batch:
            data = sample.image_bytes
            found = cache.get(image_sha256(data)) if cache is not None and data else None
            if found is not None:
                rows.append(found)
                cached += 1
            else:
                todo.append(sample)
        decode.prepare_batch(todo)
        clip.prepare_batch(todo)
        clip.process(todo)
        done = [sample for sample in todo if sample.ok]
        failed += len(todo) - len(done)
        if done:
            embeddings = np.stack([sample.embedding for sample in done])
            rows.extend(embeddings)
            computed += len(done)
            if cache is not None:
                cache.add([sample.image_sha256 for sample in done], embeddings)
    matrix = np.stack(rows).astype(np.float32) if rows else np.zeros((0, 0), np.float32)
    return EmbeddedSet(matrix, computed, cached, failed)
