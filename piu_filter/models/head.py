"""The PIU classifier head: a logistic regression or small MLP on CLIP embeddings.

Saved as `head.safetensors` (weights) and `head.json` (the CLIP identity it was trained on,
embedding size, threshold, metrics, training counts). Never pickled.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import torch
from safetensors.torch import load_file, save_file

from piu_filter.errors import PiuFilterError
from piu_filter.models.clip import same_clip
from piu_filter.profile import HEAD_KINDS

HEAD_FORMAT = "piu-filter-head"
HEAD_VERSION = 1


class Standardize(torch.nn.Module):
    """Per-dimension standardisation with the training set's mean and spread, stored with the head.

    CLIP embeddings share a large common component; centring them lets a small head see the
    differences that matter.
    """

    def __init__(self, embed_dim: int) -> None:
        super().__init__()
        self.register_buffer("mean", torch.zeros(embed_dim))
        self.register_buffer("scale", torch.ones(embed_dim))

    def fit(self, features: torch.Tensor) -> None:
        self.mean.copy_(features.mean(dim=0))
        self.scale.copy_(features.std(dim=0).clamp_min(1e-6))

    def forward(self, features: torch.Tensor) -> torch.Tensor:
        return (features - self.mean) / self.scale


def build_module(kind: str, embed_dim: int, hidden: int) -> torch.nn.Sequential:
    """Standardize, then a linear layer (logistic) or one hidden layer (mlp); one logit out."""
    if kind == "logistic":
        return torch.nn.Sequential(Standardize(embed_dim), torch.nn.Linear(embed_dim, 1))
    if kind == "mlp":
        return torch.nn.Sequential(Standardize(embed_dim), torch.nn.Linear(embed_dim, hidden), torch.nn.GELU(),
                                   torch.nn.Dropout(0.1), torch.nn.Linear(hidden, 1))
    raise PiuFilterError(f"head kind must be one of {', '.join(HEAD_KINDS)}, not {kind!r}")


class ClassifierHead:
    """A trained head with its metadata; `predict` gives the probability of a PIU image."""

    def __init__(self, module: torch.nn.Module, meta: dict[str, Any]) -> None:
        self.module = module.eval()
        self.meta = meta

    @property
    def threshold(self) -> float:
        return float(self.meta["threshold"])

    @property
    def clip_identity(self) -> dict[str, Any]:
        return self.meta["clip"]

    @torch.inference_mode()
    def predict(self, embeddings: np.ndarray) -> np.ndarray:
        logits = self.module(torch.from_numpy(np.asarray(embeddings, dtype=np.float32)))
        return torch.sigmoid(logits[:, 0]).numpy()

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        state = {name: tensor.contiguous() for name, tensor in self.module.state_dict().items()}
        save_file(state, str(folder / "head.safetensors"))
        (folder / "head.json").write_text(json.dumps(self.meta, indent=2, sort_keys=True))

    @classmethod
    def load(cls, folder: str | Path) -> "ClassifierHead":
        folder = Path(folder)
        meta_path, weights_path = folder / "head.json", folder / "head.safetensors"
        if not meta_path.is_file() or not weights_path.is_file():
            raise PiuFilterError(f"classifier {folder}: expected head.json and head.safetensors in that folder")
        meta = json.loads(meta_path.read_text())
        if meta.get("format") != HEAD_FORMAT or meta.get("version") != HEAD_VERSION:
            raise PiuFilterError(f"classifier {folder}: not a {HEAD_FORMAT} v{HEAD_VERSION} head")
        module = build_module(meta["kind"], meta["embed_dim"], meta.get("hidden") or 0)
        module.load_state_dict(load_file(str(weights_path)))
        return cls(module, meta)

    def check_clip(self, identity: dict[str, Any], folder: str | Path) -> None:
        """Refuse to score embeddings of a CLIP model other than the one this head was trained on."""
        if not same_clip(self.clip_identity, identity):
            trained, running = self.clip_identity, identity
            raise PiuFilterError(
                f"classifier {folder} was trained on CLIP {trained.get('model')} "
                f"(weights {str(trained.get('weights_sha256'))[:12]}, image size {trained.get('image_size')}), "
                f"but this run uses {running.get('model')} (weights {str(running.get('weights_sha256'))[:12]}, "
                f"image size {running.get('image_size')}); use the same CLIP model or train a head for this one"
            )
