"""`piu-filter train`: a PIU classifier head from labelled images."""

from __future__ import annotations

import argparse
import json
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from piu_filter.cli.options import add_model_options
from piu_filter.errors import PiuFilterError
from piu_filter.io.embeddings import DEFAULT_CACHE
from piu_filter.profile import HEAD_KINDS, Profile

if TYPE_CHECKING:
    from piu_filter.classifier.embed import EmbeddedSet
    from piu_filter.stages.clip import ClipStage
    from piu_filter.stages.decode import DecodeStage
    from piu_filter.io.embeddings import EmbeddingCache

log = logging.getLogger("piu_filter")


def add_train_parser(commands: argparse._SubParsersAction) -> None:
    train = commands.add_parser(
        "train", help="train a PIU classifier head on CLIP embeddings",
        description="Embed labelled images (folders, shards or .npy embeddings), train a head with a "
                    "held-out split or k-fold, choose its threshold on held-out data and save it.",
    )
    train.add_argument("--positive", nargs="+", required=True, metavar="PATH", help="PIU images: folders, shards or .npy")
    train.add_argument("--negative", nargs="+", required=True, metavar="PATH", help="other images: folders, shards or .npy")
    train.add_argument("--out", required=True, metavar="DIR", help="where head.safetensors and head.json go")
    train.add_argument("--kind", choices=HEAD_KINDS, default="logistic")
    train.add_argument("--target-precision", type=float, metavar="P",
                       help="choose the threshold with the best recall at precision >= P (default: best F1)")
    train.add_argument("--epochs", type=int, default=300)
    train.add_argument("--seed", type=int, default=0)
    train.add_argument("--cache-dir", default=str(DEFAULT_CACHE), help="embedding cache (default: %(default)s)")
    train.add_argument("--no-cache", action="store_true", help="neither read nor write the embedding cache")
    add_model_options(train)
    train.set_defaults(handler=cmd_train)


def cmd_train(args: argparse.Namespace) -> int:
    from piu_filter.stages.clip import ClipStage
    from piu_filter.stages.decode import DecodeStage
    from piu_filter.io.embeddings import EmbeddingCache
    from piu_filter.models.clip import resolve_clip
    from piu_filter.classifier.train import TrainOptions, train_head

    if args.target_precision is not None and not 0 < args.target_precision <= 1:
        raise PiuFilterError("--target-precision must lie in (0, 1]")
    profile = Profile.load(args.profile)
    resolved = resolve_clip(*profile.clip.weights(args.clip_model, args.clip_pretrained))
    resolved.identity()  # refuses random weights before the model is built
    clip = ClipStage(resolved, args.device, profile.clip.positive_prompts, profile.clip.negative_prompts)
    decode = DecodeStage(profile.decode.max_pixels, draft_size=resolved.image_size)
    clip.ensure_ready()
    identity = clip.model.identity()
    cache = None if args.no_cache else EmbeddingCache(Path(args.cache_dir), identity)
    sets = {label: _embed(paths, clip, decode, cache, args.batch_size) for label, paths in
            (("positive", args.positive), ("negative", args.negative))}
    for label, embedded in sets.items():
        log.info("%s: %d embeddings (%d computed, %d from cache, %d undecodable)", label, len(embedded.embeddings),
                 embedded.computed, embedded.cached, embedded.failed)
        if len(embedded.embeddings) and embedded.embeddings.shape[1] != identity["embed_dim"]:
            raise PiuFilterError(f"{label} embeddings have size {embedded.embeddings.shape[1]}, "
                                 f"but the CLIP model gives {identity['embed_dim']}")
    options = TrainOptions(kind=args.kind, epochs=args.epochs, target_precision=args.target_precision, seed=args.seed)
    head = train_head(sets["positive"].embeddings, sets["negative"].embeddings, identity, options)
    head.meta["counts"].update({f"{label}_{k}": getattr(e, k) for label, e in sets.items() for k in ("computed", "cached", "failed")})
    head.save(Path(args.out))
    print(json.dumps({"out": args.out, "threshold": round(head.threshold, 4), **head.meta["metrics"]}, indent=2))
    return 0


def _embed(paths: list[str], clip: ClipStage, decode: DecodeStage, cache: EmbeddingCache | None,
           batch_size: int) -> EmbeddedSet:
    import numpy as np

    from piu_filter.classifier.embed import EmbeddedSet, embed_samples
    from piu_filter.io.labelled import labelled_samples

    arrays = [np.load(path).astype(np.float32) for path in paths if path.endswith(".npy")]
    for array in arrays:
        if array.ndim != 2:
            raise PiuFilterError(f".npy embeddings must be a 2-D array (rows x dimensions), got shape {array.shape}")
    others = [path for path in paths if not path.endswith(".npy")]
    embedded = embed_samples(labelled_samples(others), clip, decode, cache, batch_size) if others else None
    parts = arrays + ([embedded.embeddings] if embedded is not None and len(embedded.embeddings) else [])
    if not parts:
        raise PiuFilterError(f"no usable images or embeddings in {' '.join(paths)}")
    matrix = np.concatenate(parts)
    if embedded is None:
        return EmbeddedSet(matrix, 0, 0, 0)
    return EmbeddedSet(matrix, embedded.computed, embedded.cached, embedded.failed)
