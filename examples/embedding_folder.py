"""A synthetic embedding folder in the LAION / clip-retrieval layout, for the scan and index examples and tests.

`img_emb/img_emb_N.npy` (float16) beside `metadata/metadata_N.parquet` (url, caption): CLIP embeddings
of synthetic pregnancy ultrasounds and look-alikes, planted near-duplicates of one scan (its embedding
moved as little as a re-encode or a slight crop moves it: a random-weight model, as the tests use, cannot
tell real crops from look-alikes), and random rows spread like the look-alikes, standing in for the rest
of the web. Every URL is made up.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
from PIL import Image
from synthetic import labelled_set


@dataclass
class EmbeddingFolder:
    """Where the folder is and what was planted in it."""

    root: Path
    exemplar: Path
    positive_urls: list[str] = field(default_factory=list)
    negative_urls: list[str] = field(default_factory=list)
    seed_url: str = ""
    copy_urls: list[str] = field(default_factory=list)
    rows: int = 0


def write_embedding_folder(root: Path, clip_model: str, clip_pretrained: str | None = None, parts: int = 3, positives: int = 12, negatives: int = 12,
                           copies: int = 3, random_rows: int = 300, seed: int = 7) -> EmbeddingFolder:
    """Embed a labelled synthetic set with `clip_model`, plant copies of the first scan, mix in random rows,
    split into parts."""
    from piu_filter.models.clip import ClipModel

    root = Path(root)
    labelled_set(root.parent / f"{root.name}-images", positives, negatives, seed=seed)
    images_dir = root.parent / f"{root.name}-images"
    model = ClipModel.load(clip_model, clip_pretrained, device="cpu")
    pos_files, neg_files = sorted((images_dir / "piu").glob("*.jpg")), sorted((images_dir / "other").glob("*.jpg"))
    embedded = model.encode_images([Image.open(p).convert("RGB") for p in pos_files + neg_files])
    rng = np.random.default_rng(seed)
    shifts = rng.normal(size=(copies, embedded.shape[1]))
    moved = embedded[0] + 0.02 * shifts / np.linalg.norm(shifts, axis=1, keepdims=True)
    embedded = np.concatenate([embedded, moved / np.linalg.norm(moved, axis=1, keepdims=True)]).astype(np.float32)
    others = embedded[len(pos_files):len(pos_files) + len(neg_files)]
    noise = (others.mean(axis=0) + rng.normal(size=(random_rows, embedded.shape[1])) * others.std(axis=0) * 0.5).astype(np.float32)
    noise /= np.linalg.norm(noise, axis=1, keepdims=True)
    urls = ([f"https://img.example.org/scans/{i}.jpg" for i in range(len(pos_files))]
            + [f"https://img.example.org/other/{i}.jpg" for i in range(len(neg_files))]
            + [f"https://mirror{i}.example.net/repost-{i}.jpg" for i in range(copies)]
            + [f"https://web.example.com/{i}.jpg" for i in range(random_rows)])
    vectors = np.concatenate([embedded, noise])
    order = rng.permutation(len(vectors))
    folder = EmbeddingFolder(root, exemplar=pos_files[0], positive_urls=urls[:len(pos_files)],
                             negative_urls=urls[len(pos_files):len(pos_files) + len(neg_files)],
                             seed_url=urls[0], copy_urls=urls[len(pos_files) + len(neg_files):][:copies], rows=len(vectors))
    (root / "img_emb").mkdir(parents=True, exist_ok=True)
    (root / "metadata").mkdir(parents=True, exist_ok=True)
    for number, rows in enumerate(np.array_split(order, parts)):
        np.save(root / "img_emb" / f"img_emb_{number}.npy", vectors[rows].astype(np.float16))
        table = pa.table({"url": [urls[i] for i in rows], "caption": [f"picture {i}" for i in rows]})
        pq.write_table(table, root / "metadata" / f"metadata_{number}.parquet")
    return folder
