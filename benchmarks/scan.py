"""`piu-filter scan` and the autofaiss index on LAION-sized embedding parts.

    python benchmarks/scan.py [--rows 2000000] [--dim 512] [--parts 4] [--index-rows N] [--index-memory 2G] [--work DIR]

Writes `--rows` float16 rows in `--parts` parts (clustered like CLIP embeddings: rows around 2000
centres) with their metadata, a query cache (12 prompts, 8 exemplars: random unit vectors, since the
cost of a scan does not depend on what the queries mean) and a logistic head. Then, each in its own
process:

- the bound: a bare numpy `emb @ queries.T` (float16 rows cast to float32 in blocks, the same 21
  query columns) over the same memory-mapped files;
- `scan` with all three paths (text, image, classifier), records and candidates written;
- `scan` of one part alone: its peak memory against the scan of every part (flat in the number of parts).

Seconds leave out the process's imports; peak memory is its peak resident set (VmHWM), imports
(torch, for the classifier head) and memory-mapped pages included. The files
are read once before the timed runs, so every run reads from the page cache. Then `index build` on
the first `--index-rows` rows (all by default; fewer must fit in the first part) within `--index-memory`
(2G), and 200 queries (rows of
the data moved a little) searched there and exactly (faiss IndexFlatIP over the same rows):
recall@100 against the exact neighbours, and queries per second of both.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

CHUNK = 100_000

_MEASURE = """
import json, time
{setup}
started = time.perf_counter()
{body}
seconds = time.perf_counter() - started
peak = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM"))
print(json.dumps({{"seconds": seconds, "peak_rss_mib": round(peak / 1024, 1)}}))
"""

BARE = """
import numpy as np
from pathlib import Path
q = np.load({queries!r})
for path in sorted(Path({root!r}, "img_emb").glob("*.npy")):
    emb = np.load(path, mmap_mode="r")
    for start in range(0, len(emb), 65536):
        emb[start:start + 65536].astype(np.float32) @ q.T
"""

SCAN_IMPORTS = """
import pyarrow.dataset, torch
from piu_filter.models.head import ClassifierHead
from piu_filter.scan.config import ScanConfig
from piu_filter.scan.runner import scan
"""

SCAN = """
scan({root!r}, {out!r}, ScanConfig(classifier={head!r}, query_cache={cache!r}), quiet=True)
"""


def measure(body: str, setup: str = "") -> dict:
    """Seconds of `body` (after `setup`, untimed: imports) and the peak resident set of the whole process."""
    done = subprocess.run([sys.executable, "-c", _MEASURE.format(setup=setup, body=body)], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(done.stderr)
    return json.loads(done.stdout.strip().splitlines()[-1])


def unit(rows: np.ndarray) -> np.ndarray:
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def write_folder(root: Path, rows: int, dim: int, parts: int, rng: np.random.Generator) -> np.ndarray:
    """Clustered unit rows around 2000 centres, split into parts with metadata; returns the centres."""
    centres = unit(rng.normal(size=(2000, dim))).astype(np.float32)
    (root / "img_emb").mkdir(parents=True)
    (root / "metadata").mkdir()
    for part, count in enumerate(np.diff(np.linspace(0, rows, parts + 1).astype(int)).tolist()):
        array = np.lib.format.open_memmap(root / "img_emb" / f"img_emb_{part}.npy", "w+", np.float16, (count, dim))
        for start in range(0, count, CHUNK):
            n = min(CHUNK, count - start)
            block = centres[rng.integers(0, len(centres), n)] + rng.normal(scale=0.9 / np.sqrt(dim), size=(n, dim))
            array[start:start + n] = unit(block)
        array.flush()
        del array
        urls = pa.array([f"https://img.example.com/{part}/{i}.jpg" for i in range(count)])
        pq.write_table(pa.table({"url": urls, "caption": pa.repeat("a picture", count)}), root / "metadata" / f"metadata_{part}.parquet")
    return centres


def write_queries(work: Path, dim: int, rng: np.random.Generator) -> tuple[Path, Path, Path]:
    """A query cache, a logistic head (trained on random rows) and the bound's query matrix."""
    from piu_filter.classifier.train import TrainOptions, train_head
    from piu_filter.profile import Profile
    from piu_filter.scan.queries import ScanQueries, query_source

    profile = Profile.load()  # its 12 prompts; the cache adds 8 exemplar vectors
    prompts = unit(rng.normal(size=(len(profile.clip.positive_prompts) + len(profile.clip.negative_prompts), dim)))
    exemplars = unit(rng.normal(size=(8, dim))).astype(np.float32)
    queries = ScanQueries(prompts.astype(np.float32), len(profile.clip.positive_prompts), 100.0, exemplars,
                          query_source(profile, [], {"model": "benchmark"}))
    cache = work / "queries.npz"
    queries.save(cache)
    identity = {"model": "benchmark", "weights_sha256": "0" * 64, "preprocess": {}, "image_size": 224}
    head = train_head(rng.normal(0.1, 1, (200, dim)).astype(np.float32), rng.normal(-0.1, 1, (200, dim)).astype(np.float32),
                      identity, TrainOptions(epochs=50))
    head.save(work / "head")
    bound = work / "bound_queries.npy"
    np.save(bound, np.concatenate([prompts, exemplars, rng.normal(size=(1, dim))]).astype(np.float32))
    return cache, work / "head", bound


def index_figures(root: Path, work: Path, index_rows: int, memory: str, rng: np.random.Generator) -> dict:
    import faiss

    from piu_filter.index.build import build
    from piu_filter.index.search import SearchIndex

    folder = root
    if index_rows < sum(np.load(p, mmap_mode="r").shape[0] for p in (root / "img_emb").glob("*.npy")):
        folder = work / "index-emb"
        (folder / "img_emb").mkdir(parents=True)
        (folder / "metadata").mkdir()
        first = np.load(min((root / "img_emb").glob("*.npy")), mmap_mode="r")
        np.save(folder / "img_emb" / "img_emb_0.npy", np.asarray(first[:index_rows]))
        meta = pq.read_table(root / "metadata" / "metadata_0.parquet").slice(0, index_rows)
        pq.write_table(meta, folder / "metadata" / "metadata_0.parquet")
    started = time.perf_counter()
    built = build(folder, work / "index", max_memory=memory, available_memory="8G", embeddings_model=None)
    build_seconds = time.perf_counter() - started
    vectors = np.concatenate([np.load(p, mmap_mode="r").astype(np.float32)
                              for p in sorted((folder / "img_emb").glob("*.npy"), key=str)])
    picks = vectors[rng.integers(0, len(vectors), 200)]
    queries = unit(picks + rng.normal(scale=0.3 / np.sqrt(vectors.shape[1]), size=picks.shape)).astype(np.float32)
    exact = faiss.IndexFlatIP(vectors.shape[1])
    exact.add(vectors)
    started = time.perf_counter()
    _, truth = exact.search(queries, 100)
    exact_seconds = time.perf_counter() - started
    index = SearchIndex(work / "index")
    index.set_depth(100)
    started = time.perf_counter()
    _, found = index.index.search(queries, 100)
    ann_seconds = time.perf_counter() - started
    recall = np.mean([len(set(a) & set(b)) / 100 for a, b in zip(found, truth)])
    return {"rows": len(vectors), "index_key": built["index_key"], "index_param": built["index_param"],
            "build_seconds": round(build_seconds, 1), "recall_at_100": round(float(recall), 4),
            "queries_per_second": round(len(queries) / ann_seconds, 1),
            "exact_queries_per_second": round(len(queries) / exact_seconds, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=2_000_000)
    parser.add_argument("--dim", type=int, default=512)
    parser.add_argument("--parts", type=int, default=4)
    parser.add_argument("--index-rows", type=int, help="rows to index (default: every row)")
    parser.add_argument("--index-memory", default="2G", help="the index's memory budget (autofaiss max_index_memory_usage)")
    parser.add_argument("--work", type=Path)
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="piu-scan-bench-"))
    rng = np.random.default_rng(0)
    root = work / "emb"
    started = time.perf_counter()
    write_folder(root, args.rows, args.dim, args.parts, rng)
    cache, head, bound = write_queries(work, args.dim, rng)
    print(f"wrote {args.rows} x {args.dim} float16 rows in {args.parts} parts in {time.perf_counter() - started:.0f} s",
          file=sys.stderr)
    one = work / "one-part"
    (one / "img_emb").mkdir(parents=True)
    (one / "metadata").mkdir()
    (one / "img_emb" / "img_emb_0.npy").symlink_to(root / "img_emb" / "img_emb_0.npy")
    (one / "metadata" / "metadata_0.parquet").symlink_to(root / "metadata" / "metadata_0.parquet")

    measure(BARE.format(queries=str(bound), root=str(root)), "import numpy")  # reads every file: the page cache is warm
    bare = measure(BARE.format(queries=str(bound), root=str(root)), "import numpy")
    scanned = measure(SCAN.format(root=str(root), out=str(work / "out"), head=str(head), cache=str(cache)), SCAN_IMPORTS)
    single = measure(SCAN.format(root=str(one), out=str(work / "out-one"), head=str(head), cache=str(cache)), SCAN_IMPORTS)
    figures = {
        "rows": args.rows, "dim": args.dim, "parts": args.parts,
        "bare_matmul": {**bare, "rows_per_second": round(args.rows / bare["seconds"])},
        "scan": {**scanned, "rows_per_second": round(args.rows / scanned["seconds"])},
        "scan_vs_bound": round(bare["seconds"] / scanned["seconds"], 3),
        "scan_one_part_peak_rss_mib": single["peak_rss_mib"],
    }
    print(json.dumps(figures, indent=2))
    index_rows = args.index_rows or args.rows
    print(json.dumps({"index": index_figures(root, work, index_rows, args.index_memory, rng)}, indent=2))


if __name__ == "__main__":
    main()
