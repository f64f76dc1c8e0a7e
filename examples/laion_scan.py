"""Finding pregnancy ultrasounds in a dataset's published CLIP embeddings, without downloading an image,
on a synthetic embedding folder in the LAION / clip-retrieval layout:

1. train a PIU classifier head on labelled images (or take one with --classifier);
2. `piu-filter scan` the embeddings on text queries, image queries and the head: candidates.parquet;
3. `piu-filter index build` an autofaiss index of the embeddings;
4. `piu-filter search --expand` from the detected rows: the re-hosted copies and near-duplicates;
5. `piu-filter dedup`: near-duplicate groups, the count of unique images;
6. write the private download list (candidates and expansion hits) for img2dataset.

    python examples/laion_scan.py WORK_DIR --clip-model NAME|local-dir:PATH [--clip-pretrained TAG] [--classifier DIR]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from embedding_folder import write_embedding_folder
from synthetic import labelled_set

from piu_filter.cli.main import main as piu_filter


def run(*args: str) -> None:
    code = piu_filter(list(args))
    if code != 0:
        raise SystemExit(f"piu-filter {args[0]} exited with {code}")


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("work", type=Path)
    parser.add_argument("--clip-model", required=True)
    parser.add_argument("--clip-pretrained")
    parser.add_argument("--classifier", type=Path, help="a head trained for this CLIP model (default: train one)")
    args = parser.parse_args(argv)
    work: Path = args.work
    model = ["--clip-model", args.clip_model] + (["--clip-pretrained", args.clip_pretrained] if args.clip_pretrained else [])

    folder = write_embedding_folder(work / "laion-emb", args.clip_model, args.clip_pretrained)
    head = args.classifier or work / "head"
    if args.classifier is None:
        labelled_set(work / "labelled", 20, 20, seed=1)
        run("train", "--positive", str(work / "labelled" / "piu"), "--negative", str(work / "labelled" / "other"),
            "--out", str(head), "--no-cache", *model)

    profile = work / "profile.yaml"  # thresholds for this folder's random-weight model, which puts every scan close together
    profile.write_text(f"detection:\n  rule: any\n  text_threshold: 0.99\n  image_threshold: 0.9995\n"
                       f"image_queries:\n  exemplars: [{folder.exemplar}]\ndedup:\n  similarity_threshold: 0.9995\n")
    run("scan", str(folder.root), "--output", str(work / "scan"), "--classifier", str(head),
        "--profile", str(profile), "--query-cache", str(work / "queries.npz"), "--quiet", *model)
    run("index", "build", str(folder.root), "--out", str(work / "index"), "--max-memory", "256M")
    run("search", str(work / "index"), "--expand", str(work / "scan" / "records"), "--k", "10",
        "--min-similarity", "0.9995", "--out", str(work / "expanded.parquet"))
    run("dedup", str(work / "scan" / "records"), "--embeddings", str(folder.root), "--out", str(work / "dedup"),
        "--profile", str(profile))

    candidates = pq.read_table(work / "scan" / "candidates.parquet", columns=["url"])["url"].to_pylist()
    expanded = pq.read_table(work / "expanded.parquet", columns=["url"])["url"].to_pylist()
    download = sorted(set(candidates) | set(expanded))
    pq.write_table(pa.table({"url": download}), work / "download.parquet")
    summary = {
        "rows": folder.rows,
        "candidates": len(candidates),
        "found_by_expansion": sorted(set(expanded) - set(candidates)),
        "download_list": len(download),
        "unique_images": json.loads((work / "dedup" / "dedup.json").read_text())["unique_images"],
        "planted": {"positives": folder.positive_urls, "copies": folder.copy_urls},
    }
    print(json.dumps({k: v for k, v in summary.items() if k != "planted"}, indent=2))
    return summary


if __name__ == "__main__":
    main()
