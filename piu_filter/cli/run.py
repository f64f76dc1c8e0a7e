"""`piu-filter run`: filter shards."""

from __future__ import annotations

import argparse
import json
import sys

from piu_filter.cli.options import add_model_options
from piu_filter.config import ENGINES, MISSING_MODEL_MODES, OCR_SCOPES, RUN_ACTIONS, RunConfig


def add_run_parser(commands: argparse._SubParsersAction) -> None:
    run = commands.add_parser(
        "run", help="filter WebDataset shards",
        description="Score every sample, decide keep/redact/drop, and write DIR/shards, DIR/records, "
                    "DIR/blocklist and DIR/stats.json. Finished shards are skipped on a rerun.",
    )
    run.add_argument("inputs", nargs="+", metavar="INPUT",
                     help="tar paths, brace patterns (shards/{00000..00099}.tar), folders, fsspec or pipe: URLs")
    run.add_argument("--output", "-o", required=True, metavar="DIR",
                     help="a local folder or an fsspec URL (s3://bucket/out/); credentials and endpoint from the environment")
    run.add_argument("--action", choices=RUN_ACTIONS, default="drop",
                     help="drop detected samples, redact private information, or tag (records only)")
    run.add_argument("--ocr-scope", choices=OCR_SCOPES, default="candidates", help="which samples get OCR")
    run.add_argument("--face-scope", choices=OCR_SCOPES, default="candidates",
                     help="which samples are looked at for faces (the profile's faces section says what they decide)")
    add_model_options(run)
    run.add_argument("--workers", type=int, default=1, help="local worker processes, each loading its models once")
    run.add_argument("--engine", choices=ENGINES, default="local",
                     help="local: this machine (--workers processes); ray: one Ray task per shard (pip install 'piu-filter[ray]')")
    run.add_argument("--ray-address", metavar="ADDRESS",
                     help="with --engine ray: auto, or ray://HOST:PORT (default: start Ray on this machine)")
    run.add_argument("--keep-pii-text", action="store_true",
                     help="keep the raw text of found entities in the records (off: never stored)")
    run.add_argument("--save-embeddings", action="store_true",
                     help="also write the image embeddings as DIR/embeddings/img_emb/NAME.npy + metadata/NAME.parquet "
                          "(the LAION layout: scan, index, dedup and train read it)")
    run.add_argument("--missing-models", choices=MISSING_MODEL_MODES, default="error",
                     help="error (default): stop before the first sample; skip: run without that stage and say so")
    run.add_argument("--overwrite", action="store_true",
                     help="clear what earlier runs left in DIR first (needed to change the action of a folder with finished shards)")
    run.add_argument("--quiet", "-q", action="store_true", help="no progress output")
    run.set_defaults(handler=cmd_run)


def cmd_run(args: argparse.Namespace) -> int:
    from piu_filter.run.runner import run

    config = RunConfig(
        profile=args.profile, action=args.action, ocr_scope=args.ocr_scope, face_scope=args.face_scope, clip_model=args.clip_model,
        clip_pretrained=args.clip_pretrained, classifier=args.classifier, device=args.device,
        batch_size=args.batch_size, keep_pii_text=args.keep_pii_text, missing_models=args.missing_models,
        save_embeddings=args.save_embeddings,
        engine=args.engine, workers=args.workers, ray_address=args.ray_address,
    )
    result = run(args.inputs, args.output, config, quiet=args.quiet, overwrite=args.overwrite)
    stats = result.stats
    summary = {k: stats[k] for k in ("samples_in", "kept", "redacted", "dropped", "errors")}
    if not args.quiet:
        print(json.dumps(summary), file=sys.stderr)
        for stage, why in stats["skipped_stages"].items():
            print(f"skipped stage {stage}: {why}", file=sys.stderr)
    damaged = stats["shards"]["damaged"]
    if damaged:
        print(f"piu-filter: warning: {len(damaged)} shard(s) damaged, kept up to the damage: "
              + "; ".join(f"{name} ({why})" for name, why in damaged.items()), file=sys.stderr)
    if not result.completed:
        print(f"piu-filter: {len(result.failed)} shard(s) failed: {', '.join(result.failed)}; "
              "rerun the same command to redo them", file=sys.stderr)
        return 1
    return 0
