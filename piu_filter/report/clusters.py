"""Themes: HDBSCAN clusters of the detected samples' embeddings, on a t-SNE map, named by the nearest prompt."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow.parquet as pq

from piu_filter.errors import PiuFilterError

MIN_SAMPLES = 5          # fewer detected samples with embeddings than this: no clusters
MAX_SAMPLES = 5_000      # t-SNE is quadratic: at most this many samples, drawn with a fixed seed
SEED = 0


@dataclass
class Themes:
    """The clusters for report.json, and the t-SNE map (points and their cluster, -1 for noise) for the plot."""

    figures: dict[str, Any]
    points: np.ndarray = field(default_factory=lambda: np.zeros((0, 2)))
    labels: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=int))


def detected_embeddings(pairs: list[tuple[Path, Path]], detected_keys: set[str]) -> np.ndarray:
    """Rows of the saved embeddings whose key is a detected sample's (each key once)."""
    rows: list[np.ndarray] = []
    seen: set[str] = set()
    for array_path, meta_path in pairs:
        keys = pq.read_table(meta_path, columns=["key"]).column("key").to_pylist()
        array = np.load(array_path, mmap_mode="r")
        if array.ndim != 2 or len(array) != len(keys):
            raise PiuFilterError(f"{array_path} holds {array.shape} embeddings but {meta_path} has {len(keys)} rows")
        wanted = [i for i, key in enumerate(keys) if key in detected_keys and key not in seen]
        seen.update(keys[i] for i in wanted)
        rows.append(np.asarray(array[wanted], dtype=np.float32))
    return np.concatenate(rows) if rows else np.zeros((0, 0), dtype=np.float32)


def themes(embeddings: np.ndarray, detected: int,
           name_by_prompt: Callable[[np.ndarray], list[str]] | None, why_numbers: str | None) -> Themes:
    """Cluster and map `embeddings`; name clusters with `name_by_prompt(centroids)` when given, else by number."""
    found = len(embeddings)
    base = {"detected": detected, "with_embeddings": found, "clustered": 0, "clusters": [], "noise": 0,
            "labelled_by": None, "note": None}
    if found < MIN_SAMPLES:
        base["note"] = (f"{found} detected samples have saved embeddings; clusters need at least {MIN_SAMPLES} "
                        "(run with --save-embeddings, or scan the dataset's embeddings)")
        return Themes(base)
    if found > MAX_SAMPLES:
        chosen = np.sort(np.random.default_rng(SEED).choice(found, MAX_SAMPLES, replace=False))
        embeddings = embeddings[chosen]
        base["note"] = f"{MAX_SAMPLES} of {found} samples, drawn at random (seed {SEED})"
    from sklearn.cluster import HDBSCAN
    from sklearn.manifold import TSNE

    unit = embeddings / np.maximum(np.linalg.norm(embeddings, axis=1, keepdims=True), 1e-12)
    size = len(unit)
    labels = HDBSCAN(min_cluster_size=max(3, min(25, size // 20)), copy=True).fit_predict(unit)
    points = TSNE(n_components=2, perplexity=min(30.0, (size - 1) / 3), init="pca", random_state=SEED).fit_transform(unit)
    ids = sorted(set(labels.tolist()) - {-1})
    centroids = np.stack([unit[labels == i].mean(axis=0) for i in ids]) if ids else np.zeros((0, unit.shape[1]))
    names = name_by_prompt(centroids) if name_by_prompt is not None and ids else [f"cluster {i}" for i in ids]
    clusters = sorted(({"id": i, "size": int((labels == i).sum()), "label": name} for i, name in zip(ids, names)),
                      key=lambda c: -c["size"])
    base.update(clustered=size, clusters=clusters, noise=int((labels == -1).sum()),
                labelled_by="nearest prompt" if name_by_prompt is not None else "number")
    if name_by_prompt is None and why_numbers:
        base["note"] = "; ".join(filter(None, (base["note"], why_numbers)))
    return Themes(base, points, labels)


def prompt_namer(prompts: list[str], prompt_embeddings: np.ndarray) -> Callable[[np.ndarray], list[str]]:
    """Names each centroid by the prompt whose embedding lies nearest (cosine)."""
    unit = prompt_embeddings / np.linalg.norm(prompt_embeddings, axis=1, keepdims=True)

    def name(centroids: np.ndarray) -> list[str]:
        if centroids.shape[1] != unit.shape[1]:
            raise PiuFilterError(f"the saved embeddings have {centroids.shape[1]} dimensions but the CLIP model's "
                                 f"text embeddings {unit.shape[1]}: pass the --clip-model that made the embeddings")
        return [prompts[i] for i in (centroids @ unit.T).argmax(axis=1)]

    return name


def clip_prompt_namer(prompts: list[str], model: str, pretrained: str | None,
                      device: str) -> Callable[[np.ndarray], list[str]]:
    """`prompt_namer` with the prompts embedded by a CLIP model found on this machine (never downloaded)."""
    from piu_filter.models.clip import ClipModel

    return prompt_namer(prompts, ClipModel.load(model, pretrained, device).encode_texts(prompts))
