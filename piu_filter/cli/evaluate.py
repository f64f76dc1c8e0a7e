"""`piu-filter evaluate`: the detection paths side by side on a labelled set."""

from __future__ import annotations

import argparse
import json

from piu_filter.cli.options import add_model_options
from piu_filter.config import RunConfig


def add_evaluate_parser(commands: argparse._SubParsersAction) -> None:
    evaluate = commands.add_parser(
        "evaluate", help="precision/recall/F1 of each detection path on labelled images",
        description="Score labelled images exactly as `run` does and compare the text-query path, the "
                    "image-query path, the classifier and the fused rule.",
    )
    evaluate.add_argument("--positive", nargs="+", required=True, metavar="PATH", help="PIU images: folders or shards")
    evaluate.add_argument("--negative", nargs="+", required=True, metavar="PATH", help="other images: folders or shards")
    evaluate.add_argument("--json", action="store_true", help="print the table as JSON")
    add_model_options(evaluate)
    evaluate.set_defaults(handler=cmd_evaluate)


def cmd_evaluate(args: argparse.Namespace) -> int:
    from piu_filter.classifier.evaluate import compare_paths, format_table, score_samples
    from piu_filter.io.labelled import labelled_samples
    from piu_filter.pipeline import Pipeline

    pipeline = Pipeline.from_config(RunConfig(
        profile=args.profile, action="tag", ocr_scope="none", clip_model=args.clip_model,
        clip_pretrained=args.clip_pretrained, classifier=args.classifier, device=args.device, batch_size=args.batch_size,
    ))
    positives = score_samples(pipeline, labelled_samples(args.positive))
    negatives = score_samples(pipeline, labelled_samples(args.negative))
    rows = compare_paths(pipeline, positives, negatives)
    if args.json:
        print(json.dumps({"positives": len(positives), "negatives": len(negatives), "paths": rows}, indent=2))
    else:
        print(f"{len(positives)} positives, {len(negatives)} negatives")
        print(format_table(rows))
    return 0
