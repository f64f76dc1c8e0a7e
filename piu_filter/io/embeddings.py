"""An on-disk cache of CLIP image embeddings, keyed by the model's identity and the image's SHA-256.

Layout: `CACHE/<identity digest>/identity.json` and `chunk-NNNNN.npz` files, each holding
`sha256` (N strings) and `embeddings` (N x D float32). New embeddings are appended as a new
chunk; nothing is rewritten.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

import numpy as np

from piu_filter.io.cache import CACHE_ROOT

DEFAULT_CACHE = CACHE_ROOT / "embeddings"


def identity_digest(identity: dict[str, Any]) -> str:
    keys = ("weights_sha256", "preprocess", "image_size")
    return hashlib.sha256(json.dumps({k: identity.get(k) for k in keys}, sort_keys=True).encode()).hexdigest()[:24]


class EmbeddingCache:
    """Embeddings of one CLIP model, looked up by image SHA-256."""

    def __init__(self, root: Path, identity: dict[str, Any]) -> None:
        self.folder = Path(root) / identity_digest(identity)
        self.folder.mkdir(parents=True, exist_ok=True)
        (self.folder / "identity.json").write_text(json.dumps(identity, indent=2, sort_keys=True))
        self._known: dict[str, np.ndarray] = {}
        for chunk in sorted(self.folder.glob("chunk-*.npz")):
            with np.load(chunk) as data:
                self._known.update(zip(data["sha256"].tolist(), data["embeddings"]))

    def __len__(self) -> int:
        return len(self._known)

    def get(self, sha256: str) -> np.ndarray | None:
        return self._known.get(sha256)

    def add(self, hashes: list[str], embeddings: np.ndarray) -> None:
        """Store new embeddings as one more chunk."""
        new = [(h, e) for h, e in zip(hashes, embeddings) if h not in self._known]
        if not new:
            return
        index = len(list(self.folder.glob("chunk-*.npz")))
        path = self.folder / f"chunk-{index:05d}.npz"
        tmp = path.with_name(path.name + ".tmp.npz")
        np.savez(tmp, sha256=np.array([h for h, _ in new]), embeddings=np.stack([e for _, e in new]).astype(np.float32))
        os.replace(tmp, path)
        self._known.update(new)
