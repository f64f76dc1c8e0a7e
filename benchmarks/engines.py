"""The local engine against the Ray engine: the same shards, the same CPUs, whole `piu-filter run` commands.

Local: `--workers 2`. Ray: a 2-CPU Ray started by this script (as `ray start --head` would on a
cluster's head), each command joining it with `--ray-address`, so that every run is a new Ray
job with new workers that load their models, as the local engine's do. ViT-B-32 with random
weights saved to a file (speed does not depend on them), no OCR: the measure is the engines, not
the stages.
Runs alternate between engines; the best of `--repeats` is kept. Also measured once: a Ray run
that starts its own Ray (no `--ray-address`).

    python benchmarks/engines.py [--shards 16] [--images-per-shard 32] [--repeats 2]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import ray

sys.path.insert(0, str(Path(__file__).resolve().parent))
from clip_throughput import make_shard  # noqa: E402

CPUS = 2


def random_weights(path: Path) -> Path:
    """A ViT-B-32 weights file with random weights: a run needs weights that are the same on every load."""
    import open_clip
    import torch

    torch.save(open_clip.create_model("ViT-B-32", pretrained=None).state_dict(), path)
    return path


def timed_run(shards: Path, out: Path, weights: Path, engine_options: list[str]) -> dict[str, float]:
    """Wall seconds of one whole command, and the samples per second it reports for its run."""
    command = [sys.executable, "-m", "piu_filter.cli.main", "run", str(shards), "--output", str(out), "--quiet",
               "--clip-model", "ViT-B-32", "--clip-pretrained", str(weights), "--ocr-scope", "none", "--device", "cpu",
               *engine_options]
    started = time.perf_counter()
    subprocess.run(command, check=True)
    wall = time.perf_counter() - started
    stats = json.loads((out / "stats.json").read_text())
    return {"wall_seconds": round(wall, 2), "samples": stats["samples_in"],
            "samples_per_second": round(stats["samples_in"] / wall, 2),
            "run_samples_per_second": stats["this_run"]["samples_per_second"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shards", type=int, default=16)
    parser.add_argument("--images-per-shard", type=int, default=32)
    parser.add_argument("--repeats", type=int, default=2)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="piu-engines-") as folder:
        print(json.dumps(measure(Path(folder), args), indent=2))


def measure(work: Path, args: argparse.Namespace) -> dict:
    shards = work / "in"
    shards.mkdir()
    make_shard(shards / "00000.tar", args.images_per_shard)
    for i in range(1, args.shards):
        (shards / f"{i:05d}.tar").write_bytes((shards / "00000.tar").read_bytes())

    weights = random_weights(work / "vit-b-32-random.pt")
    own_ray = timed_run(shards, work / "ray-own", weights, ["--engine", "ray"])
    started = time.perf_counter()
    ray.init(num_cpus=CPUS, logging_level="WARNING")
    ray_start_seconds = round(time.perf_counter() - started, 2)
    address = ray.get_runtime_context().gcs_address
    runs: dict[str, list[dict[str, float]]] = {"local": [], "ray": []}
    try:
        for repeat in range(args.repeats):
            runs["local"].append(timed_run(shards, work / f"local-{repeat}", weights, ["--workers", str(CPUS)]))
            runs["ray"].append(timed_run(shards, work / f"ray-{repeat}", weights, ["--engine", "ray", "--ray-address", address]))
    finally:
        ray.shutdown()
    best = {engine: min(timings, key=lambda t: t["wall_seconds"]) for engine, timings in runs.items()}
    return {
        "shards": args.shards, "images_per_shard": args.images_per_shard, "cpus": CPUS,
        "local_workers_2": best["local"], "ray_2_cpus": best["ray"],
        "ratio_ray_to_local": round(best["ray"]["samples_per_second"] / best["local"]["samples_per_second"], 3),
        "ray_starting_its_own": own_ray, "ray_start_seconds": ray_start_seconds,
        "all_runs": runs,
    }


if __name__ == "__main__":
    main()
