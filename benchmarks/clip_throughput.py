"""CLIP path throughput: the whole `run` path against the bare model forward, same process.

The whole path reads a shard, decodes (draft mode), preprocesses, embeds, scores, decides
and writes the output shard and records. The bare forward runs `encode_image` on the same
images, already decoded and preprocessed, in batches of the same size. Weights are random
(`--clip-pretrained random`): speed does not depend on them.

    python benchmarks/clip_throughput.py [--images 512] [--batch-size 32] [--model ViT-B-32]
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import tarfile
import tempfile
import time
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "examples"))
from synthetic import PrivateText, clinical_screen, colour_scene, document  # noqa: E402

from piu_filter.config import RunConfig  # noqa: E402
from piu_filter.io.layout import OutputLayout  # noqa: E402
from piu_filter.io.shards import ShardSource  # noqa: E402
from piu_filter.pipeline import Pipeline  # noqa: E402
from piu_filter.run.shard_job import process_shard  # noqa: E402


def make_shard(path: Path, count: int) -> list[bytes]:
    """A shard of `count` web-sized JPEGs (640x480 and similar), captions and json."""
    import random

    rng = random.Random(0)
    images = []
    with tarfile.open(path, "w") as tar:
        for i in range(count):
            kind = i % 3
            if kind == 0:
                image = clinical_screen(PrivateText.random(rng), i, size=(640, 480)).image
            elif kind == 1:
                image = colour_scene(i, size=(640, 427)).image
            else:
                image = document(i, size=(480, 640)).image
            buffer = io.BytesIO()
            image.save(buffer, format="JPEG", quality=85)
            data = buffer.getvalue()
            images.append(data)
            for ext, payload in (("jpg", data), ("txt", b"caption"), ("json", json.dumps({"url": f"https://x.example/{i}.jpg"}).encode())):
                info = tarfile.TarInfo(f"{i:09d}.{ext}")
                info.size = len(payload)
                tar.addfile(info, io.BytesIO(payload))
    return images


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--images", type=int, default=512)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--model", default="ViT-B-32")
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--repeats", type=int, default=2, help="timed repetitions of each side; the best is kept")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="piu-bench-"))
    shard = work / "bench.tar"
    make_shard(shard, args.images)
    config = RunConfig(action="drop", ocr_scope="none", clip_model=args.model, clip_pretrained="random",
                       device=args.device, batch_size=args.batch_size)
    pipeline = Pipeline.from_config(config)
    pipeline.setup()
    clip = next(stage for stage in pipeline.stages if stage.name == "clip")
    model = clip.model

    def whole_path(run: int) -> float:
        layout = OutputLayout(work / f"out-{run}")
        layout.make_dirs(write_shards=True)
        started = time.perf_counter()
        process_shard(ShardSource("bench.tar", str(shard)), layout, pipeline, marker={})
        return time.perf_counter() - started

    from piu_filter.io.images import decode_image

    decoded = [decode_image(data, 10**9, draft_size=model.resolved.image_size)[0] for data in _read_images(shard)]
    batches = [model.preprocess_images(decoded[i:i + args.batch_size]) for i in range(0, len(decoded), args.batch_size)]

    def bare_forward() -> float:
        started = time.perf_counter()
        for pixels in batches:
            model.encode_pixels(pixels)
        return time.perf_counter() - started

    whole_path(-1)  # warm-up
    bare_forward()
    timings = [(whole_path(run), bare_forward()) for run in range(args.repeats)]  # interleaved: same machine state
    whole, bare = min(t[0] for t in timings), min(t[1] for t in timings)
    whole_rate, bare_rate = args.images / whole, args.images / bare
    result = {
        "model": args.model, "device": args.device, "images": args.images, "batch_size": args.batch_size,
        "torch_threads": torch.get_num_threads(),
        "whole_path_images_per_s": round(whole_rate, 2), "bare_forward_images_per_s": round(bare_rate, 2),
        "ratio": round(whole_rate / bare_rate, 3),
        "model_stage_seconds": {k: round(v, 2) for k, v in pipeline.stage_seconds.items()},
        "prepare_seconds_in_background": {k: round(v, 2) for k, v in pipeline.prepare_seconds.items()},
    }
    print(json.dumps(result, indent=2))


def _read_images(shard: Path) -> list[bytes]:
    with tarfile.open(shard) as tar:
        return [tar.extractfile(m).read() for m in tar.getmembers() if m.name.endswith(".jpg")]


if __name__ == "__main__":
    main()
