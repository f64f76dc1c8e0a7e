"""The query side of a scan: the profile's prompts and exemplar images as CLIP embeddings.

Only these need the CLIP model. `--query-cache FILE` stores them (an `.npz` of plain arrays,
never pickled), so that a machine without CLIP weights can scan with queries computed elsewhere;
a cache made from other prompts or exemplars is refused.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from piu_filter.errors import PiuFilterError
from piu_filter.profile import Profile

QUERY_CACHE_FORMAT = "piu-filter-scan-queries"


@dataclass(frozen=True)
class ScanQueries:
    """Text prompt embeddings (positives first), exemplar embeddings (or None), CLIP's logit scale,
    and what they were made from: the prompts, the exemplar files' SHA-256 and the CLIP model."""

    prompts: np.ndarray
    positives: int
    logit_scale: float
    exemplars: np.ndarray | None
    source: dict[str, Any]

    @property
    def dim(self) -> int:
        return int(self.prompts.shape[1])

    def digest(self) -> str:
        digest = hashlib.sha256(json.dumps(self.source, sort_keys=True).encode())
        for array in (self.prompts, self.exemplars):
            if array is not None:
                digest.update(np.ascontiguousarray(array, dtype=np.float32).tobytes())
        digest.update(repr(self.logit_scale).encode())
        return digest.hexdigest()

    def save(self, path: Path) -> None:
        meta = {"format": QUERY_CACHE_FORMAT, "positives": self.positives, "logit_scale": self.logit_scale,
                "source": self.source}
        arrays = {"prompts": self.prompts, "meta": np.array(json.dumps(meta))}
        if self.exemplars is not None:
            arrays["exemplars"] = self.exemplars
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        with open(path, "wb") as handle:
            np.savez(handle, **arrays)

    @classmethod
    def load(cls, path: Path) -> ScanQueries:
        try:
            with np.load(path, allow_pickle=False) as data:
                meta = json.loads(str(data["meta"]))
                prompts = data["prompts"].astype(np.float32)
                exemplars = data["exemplars"].astype(np.float32) if "exemplars" in data.files else None
        except (OSError, ValueError, KeyError) as exc:
            raise PiuFilterError(f"query cache {path}: not a piu-filter query cache ({exc})") from None
        if meta.get("format") != QUERY_CACHE_FORMAT:
            raise PiuFilterError(f"query cache {path}: not a piu-filter query cache")
        return cls(prompts, int(meta["positives"]), float(meta["logit_scale"]), exemplars, meta["source"])


def query_source(profile: Profile, exemplars: list[Path], model: dict[str, Any] | None) -> dict[str, Any]:
    """What the queries are made from; a cache is used only when its prompts and exemplars are these."""
    return {
        "positive_prompts": list(profile.clip.positive_prompts),
        "negative_prompts": list(profile.clip.negative_prompts),
        "exemplar_sha256": [hashlib.sha256(path.read_bytes()).hexdigest() for path in exemplars],
        "model": model,
    }


def compute_queries(profile: Profile, exemplars: list[Path], clip_model: str | None, clip_pretrained: str | None,
                    device: str) -> ScanQueries:
    """Embed the profile's prompts and exemplar images with its CLIP model (or the one named)."""
    from piu_filter.io.images import decode_image
    from piu_filter.models.clip import ClipModel

    model = ClipModel.load(*profile.clip.weights(clip_model, clip_pretrained), device=device)
    clip = model_description(model)
    prompts = model.encode_texts(profile.clip.positive_prompts + profile.clip.negative_prompts)
    images = [decode_image(path.read_bytes(), profile.decode.max_pixels)[0] for path in exemplars]
    embedded = model.encode_images(images) if images else None
    return ScanQueries(prompts, len(profile.clip.positive_prompts), model.logit_scale, embedded,
                       query_source(profile, exemplars, clip))


def model_description(model: Any) -> dict[str, Any]:
    """The CLIP identity of a loaded model (its name only, for random weights, which have no identity)."""
    if model.resolved.weights_file is None:
        return {"model": model.resolved.description}
    return model.identity()


def scan_queries(profile: Profile, exemplars: list[Path], clip_model: str | None, clip_pretrained: str | None,
                 device: str, cache: Path | None) -> ScanQueries:
    """The queries from `cache` when it holds this profile's, else computed (and written to `cache`, if named)."""
    if cache is not None and Path(cache).is_file():
        queries = ScanQueries.load(Path(cache))
        wanted = query_source(profile, exemplars, queries.source.get("model"))
        if queries.source != wanted:
            raise PiuFilterError(f"query cache {cache} was made from other prompts or exemplars than this profile's; "
                                 "delete it to compute the queries again (needs the CLIP model), or use another file")
        return queries
    queries = compute_queries(profile, exemplars, clip_model, clip_pretrained, device)
    if cache is not None:
        queries.save(Path(cache))
    return queries
