"""Offline-first loading of open_clip models, and batched, normalised embeddings.

Weights are resolved before anything is built: a built-in name with a pretrained tag (found
in the Hugging Face or open_clip cache) or a weights file, `local-dir:PATH` or `hf-hub:REPO`
(found in the Hugging Face cache). Nothing is ever downloaded here, and a model is never
initialised randomly unless the user names `random` as the pretrained weights.
"""

from __future__ import annotations

import hashlib
import logging
import os
from contextlib import nullcontext
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import torch
from PIL import Image

from piu_filter.errors import ModelUnavailableError, PiuFilterError
from piu_filter.models.preprocess import BatchPreprocess

log = logging.getLogger(__name__)

LOCAL_DIR = "local-dir:"
HF_HUB = "hf-hub:"
RANDOM_WEIGHTS = "random"
_HF_WEIGHT_NAMES = ("open_clip_model.safetensors", "open_clip_pytorch_model.bin")


@dataclass(frozen=True)
class ResolvedClip:
    """What open_clip is asked to build, with every file already on this machine."""

    model_name: str
    pretrained: str | None
    quick_gelu: bool = False
    preprocess: dict[str, Any] = field(default_factory=dict)
    weights_file: str | None = None
    description: str = ""

    def identity(self) -> dict[str, Any]:
        """What makes two models' embeddings comparable: a hash of the weights and the preprocessing.

        Random weights differ on every load, so they have no identity.
        """
        if self.weights_file is None:
            raise PiuFilterError(
                f"{self.description} has random weights, which differ on every load: classifier heads and "
                "embedding caches need a model with a weights file"
            )
        stat = os.stat(self.weights_file)
        return {
            "model": self.description,
            "weights_sha256": _file_sha256(self.weights_file, stat.st_size, stat.st_mtime_ns),
            "preprocess": {k: list(v) if isinstance(v, tuple) else v for k, v in sorted(self.preprocess.items())},
            "image_size": self.image_size,
        }

    def identity_or_name(self) -> dict[str, Any]:
        """`identity()`, or the model's description alone for random weights: what a run's stats and done markers
        record (classifier heads and embedding caches take `identity()`, which refuses random weights)."""
        if self.weights_file is None:
            return {"model": self.description, "weights_sha256": None}
        return self.identity()

    @property
    def image_size(self) -> int:
        """The longest side of the model's input, from its open_clip config."""
        import open_clip

        size = (open_clip.get_model_config(self.model_name) or {}).get("vision_cfg", {}).get("image_size", 224)
        return max(size) if isinstance(size, (list, tuple)) else int(size)


def resolve_clip(model: str, pretrained: str | None) -> ResolvedClip:
    """Find the files for `model` + `pretrained` locally, or raise one message saying how to get them."""
    if model.startswith(LOCAL_DIR):
        return _resolve_local_dir(Path(model[len(LOCAL_DIR):]).expanduser(), model)
    if model.startswith(HF_HUB):
        return _resolve_hf_hub(model[len(HF_HUB):])
    return _resolve_builtin(model, pretrained)


def _resolve_local_dir(folder: Path, spec: str) -> ResolvedClip:
    import open_clip.factory as factory

    if not (folder / "open_clip_config.json").is_file():
        raise ModelUnavailableError(f"CLIP model {spec}: no open_clip_config.json in {folder}")
    weights = factory._find_checkpoint_in_dir(folder)
    if weights is None:
        raise ModelUnavailableError(
            f"CLIP model {spec}: {folder} has a config but no weights file "
            "(open_clip_model.safetensors or open_clip_pytorch_model.bin); refusing to initialise randomly"
        )
    return ResolvedClip(f"{LOCAL_DIR}{folder}", None, weights_file=weights, description=spec)


def _resolve_hf_hub(repo: str) -> ResolvedClip:
    from huggingface_hub import try_to_load_from_cache

    config = try_to_load_from_cache(repo, "open_clip_config.json")
    weights = [w for w in (try_to_load_from_cache(repo, name) for name in _HF_WEIGHT_NAMES) if isinstance(w, str)]
    if not isinstance(config, str) or not weights:
        raise ModelUnavailableError(
            f"CLIP model hf-hub:{repo} is not in the Hugging Face cache on this machine. "
            f"Fetch it where a hub is reachable with `hf download {repo}` (then copy the cache), "
            f"or download the folder and pass --clip-model local-dir:PATH"
        )
    return _resolve_local_dir(Path(config).parent, f"{HF_HUB}{repo}")


def _resolve_builtin(model: str, pretrained: str | None) -> ResolvedClip:
    import open_clip

    name = model.replace("/", "-")
    if name not in open_clip.list_models():
        raise PiuFilterError(
            f"unknown CLIP model {model!r}: use a built-in open_clip name (e.g. ViT-B-32), "
            "local-dir:PATH or hf-hub:REPO"
        )
    tags = open_clip.list_pretrained_tags_by_model(name)
    if not pretrained:
        raise PiuFilterError(
            f"CLIP model {model} needs --clip-pretrained: a tag ({', '.join(tags) or 'none known'}), "
            f"a weights file, or '{RANDOM_WEIGHTS}' for random weights (for speed tests only)"
        )
    if pretrained == RANDOM_WEIGHTS:
        log.warning("CLIP model %s built with random weights on request: scores carry no meaning", name)
        return ResolvedClip(name, None, description=f"{name} (random weights)")
    if Path(pretrained).expanduser().is_file():
        path = str(Path(pretrained).expanduser())
        return ResolvedClip(name, path, weights_file=path, description=f"{name} with {path}")
    cfg = open_clip.get_pretrained_cfg(name, pretrained)
    if not cfg:
        raise PiuFilterError(
            f"--clip-pretrained {pretrained!r} is neither a file nor a tag of {name}; tags: {', '.join(tags)}"
        )
    weights = _cached_tag_weights(cfg)
    if weights is None:
        hub = cfg.get("hf_hub", "").rstrip("/")
        how = f"`hf download {hub}`" if hub else f"downloading {cfg.get('url')} into ~/.cache/clip/"
        raise ModelUnavailableError(
            f"weights for CLIP {name} / {pretrained} are not on this machine. Fetch them where a hub is "
            f"reachable with {how} (then copy the cache here), or pass a weights file with --clip-pretrained PATH"
        )
    preprocess = {k: cfg[k] for k in ("mean", "std", "interpolation", "resize_mode") if k in cfg}
    return ResolvedClip(
        name, weights, quick_gelu=bool(cfg.get("quick_gelu", False)), preprocess=preprocess,
        weights_file=weights, description=f"{name} / {pretrained}",
    )


def _cached_tag_weights(cfg: dict[str, Any]) -> str | None:
    """The cached weights file of a pretrained tag, from the Hugging Face or open_clip URL cache."""
    from huggingface_hub import try_to_load_from_cache

    hub = cfg.get("hf_hub", "")
    if hub:
        repo, filename = os.path.split(hub)
        for name in (*_HF_WEIGHT_NAMES, filename):
            if name and isinstance(found := try_to_load_from_cache(repo, name), str):
                return found
    url = cfg.get("url", "")
    if url:
        candidate = Path("~/.cache/clip").expanduser() / os.path.basename(url)
        if candidate.is_file():
            return str(candidate)
    return cfg.get("file")


def resolve_device(device: str) -> torch.device:
    if device == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    if device.startswith("cuda") and not torch.cuda.is_available():
        raise PiuFilterError(f"--device {device}: no CUDA device is available on this machine")
    try:
        return torch.device(device)
    except RuntimeError:
        raise PiuFilterError(f"--device {device!r} is not a device torch knows (auto, cpu, cuda, cuda:N)") from None


class ClipModel:
    """An open_clip model in eval mode with its preprocessing and tokenizer."""

    def __init__(self, resolved: ResolvedClip, device: torch.device) -> None:
        import open_clip

        pre = resolved.preprocess
        model, _, preprocess = open_clip.create_model_and_transforms(
            resolved.model_name,
            pretrained=resolved.pretrained,
            device=device,
            force_quick_gelu=resolved.quick_gelu,
            image_mean=pre.get("mean"),
            image_std=pre.get("std"),
            image_interpolation=pre.get("interpolation"),
            image_resize_mode=pre.get("resize_mode"),
            pretrained_text=False,
        )
        self.model = model.eval()
        self.preprocess = preprocess
        self.batch_preprocess = BatchPreprocess(preprocess)
        self.tokenizer = open_clip.get_tokenizer(resolved.model_name)
        self.device = device
        self.resolved = resolved
        self.logit_scale = float(model.logit_scale.exp().item())

    @classmethod
    def load(cls, model: str, pretrained: str | None, device: str = "auto") -> "ClipModel":
        return cls(resolve_clip(model, pretrained), resolve_device(device))

    def _autocast(self):
        if self.device.type == "cuda":
            return torch.autocast("cuda", dtype=torch.float16)
        return nullcontext()

    def preprocess_images(self, images: list[Image.Image]) -> torch.Tensor:
        return self.batch_preprocess.stack([self.batch_preprocess.prepare(image) for image in images])

    @torch.inference_mode()
    def encode_pixels(self, pixels: torch.Tensor) -> np.ndarray:
        """L2-normalised image embeddings for a preprocessed batch, as float32 (N, D)."""
        with self._autocast():
            features = self.model.encode_image(pixels.to(self.device, non_blocking=True))
        return torch.nn.functional.normalize(features.float(), dim=-1).cpu().numpy()

    def encode_images(self, images: list[Image.Image]) -> np.ndarray:
        return self.encode_pixels(self.preprocess_images(images))

    @torch.inference_mode()
    def encode_texts(self, texts: list[str]) -> np.ndarray:
        """L2-normalised text embeddings, as float32 (N, D)."""
        tokens = self.tokenizer(texts).to(self.device)
        with self._autocast():
            features = self.model.encode_text(tokens)
        return torch.nn.functional.normalize(features.float(), dim=-1).cpu().numpy()

    def identity(self) -> dict[str, Any]:
        """`ResolvedClip.identity()` plus the embedding size."""
        return {**self.resolved.identity(), "embed_dim": self.embed_dim}

    @property
    def embed_dim(self) -> int:
        return int(self.encode_texts(["x"]).shape[1])


@lru_cache(maxsize=8)
def _file_sha256(path: str, size: int, mtime_ns: int) -> str:
    """SHA-256 of a file, remembered per (path, size, mtime) within the process."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def same_clip(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether two identities give comparable embeddings (same weights, same preprocessing)."""
    keys = ("weights_sha256", "preprocess", "image_size")
    return all(a.get(k) == b.get(k) for k in keys)
