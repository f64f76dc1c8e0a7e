"""`piu-filter scan`: score precomputed CLIP embeddings (the LAION / clip-retrieval layout) without downloading."""

from __future__ import annotations

import argparse
import json
import sys

from piu_filter.cli.options import add_model_options
from piu_filter.config import ENGINES
from piu_filter.scan.config import DEFAULT_BATCH_ROWS, ScanConfig


def add_scan_parser(commands: argparse._SubParsersAction) -> None:
    scan = commands.add_parser(
        "scan", help="score precomputed CLIP embeddings (img_emb/ + metadata/)",
        description="Score every row of EMB_ROOT (img_emb/img_emb_N.npy beside metadata/metadata_N.parquet) on the "
                    "profile's text queries, image queries and the classifier head; write OUT/records/PART.parquet, "
                    "OUT/candidates.parquet (url + scores of candidates: a private download list), OUT/stats.json. "
                    "Finished parts are skipped on a rerun.",
    )
    scan.add_argument("root", metavar="EMB_ROOT", help="folder with img_emb/ and metadata/")
    scan.add_argument("--output", "-o", required=True, metavar="OUT")
    add_model_options(scan)
    scan.add_argument("--query-cache", metavar="FILE",
                      help="query embeddings: read when the file holds this profile's, else computed with CLIP and written")
    scan.add_argument("--embeddings-model", metavar="NAME",
                      help="the CLIP model that made the embeddings (e.g. ViT-B-32/laion400m_e32), checked against the "
                           "queries' and the head's")
    scan.add_argument("--keep-captions", action="store_true", help="copy the metadata's caption into the records")
    scan.add_argument("--batch-rows", type=int, default=DEFAULT_BATCH_ROWS, help="rows scored at once")
    scan.add_argument("--workers", type=int, default=1, help="local worker processes (one part each at a time)")
    scan.add_argument("--engine", choices=ENGINES, default="local", help="local: this machine; ray: one Ray task per part")
    scan.add_argument("--ray-address", metavar="ADDRESS", help="with --engine ray: auto, or ray://HOST:PORT")
    scan.add_argument("--overwrite", action="store_true", help="clear what earlier scans left in OUT first")
    scan.add_argument("--quiet", "-q", action="store_true", help="no progress output")
    scan.set_defaults(handler=cmd_scan)


def cmd_scan(args: argparse.Namespace) -> int:
    from piu_filter.scan.runner import scan

    config = ScanConfig(
        profile=args.profile, clip_model=args.clip_model, clip_pretrained=args.clip_pretrained,
        classifier=args.classifier, device=args.device, query_cache=args.query_cache,
        embeddings_model=args.embeddings_model, keep_captions=args.keep_captions, batch_rows=args.batch_rows,
        engine=args.engine, workers=args.workers, ray_address=args.ray_address,
    )
    result = scan(args.root, args.output, config, quiet=args.quiet, overwrite=args.overwrite)
    if not args.quiet:
        print(json.dumps({k: result.stats[k] for k in ("rows", "detected", "candidates")}), file=sys.stderr)
    if not result.completed:
        for part, why in result.failed.items():
            print(f"piu-filter: part {part} failed: {why}", file=sys.stderr)
        print("piu-filter: rerun the same command to redo the failed parts", file=sys.stderr)
        return 1
    return 0
