"""`piu-filter report`: the audit of run and scan outputs as one self-contained HTML page and report.json."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

NUMBER_NAMES = "pass --clip-model (the model that made the embeddings) to name clusters by the nearest profile prompt"


def add_report_parser(commands: argparse._SubParsersAction) -> None:
    report = commands.add_parser(
        "report", help="the audit of run/scan outputs: one offline HTML page and report.json",
        description="Counts, score histograms, private information by type, channel and combination, unique images "
                    "and themes, from the records of piu-filter run and scan. No private text and, unless "
                    "--thumbnails, no image of a sample enters the report.")
    report.add_argument("outputs", nargs="+", metavar="OUT", help="output folders of piu-filter run or scan")
    report.add_argument("--out", required=True, metavar="REPORT", help="folder for index.html and report.json")
    report.add_argument("--profile", metavar="FILE", help="profile whose thresholds are drawn (default: the built-in one)")
    report.add_argument("--format", choices=("html", "json"), default="html",
                        help="html: index.html and report.json; json: report.json only, also printed, no progress")
    report.add_argument("--dedup", nargs="+", default=[], metavar="DIR",
                        help="piu-filter dedup output folders: unique images by their groups (OUT/dup_groups.parquet "
                             "is read without asking)")
    report.add_argument("--thumbnails", type=int, nargs="?", const=48, default=0, metavar="N",
                        help="add up to N (48) small thumbnails of redacted output images; none by default")
    report.add_argument("--clip-model", metavar="NAME|local-dir:PATH|hf-hub:REPO",
                        help="the CLIP model of the saved embeddings, to name clusters by the nearest profile prompt")
    report.add_argument("--clip-pretrained", metavar="TAG|PATH")
    report.add_argument("--device", default="auto")
    report.add_argument("--quiet", action="store_true", help="no progress output")
    report.set_defaults(handler=cmd_report)


def cmd_report(args: argparse.Namespace) -> int:
    from piu_filter.errors import PiuFilterError
    from piu_filter.profile import Profile
    from piu_filter.report.build import audit, write_report
    from piu_filter.report.clusters import clip_prompt_namer
    from piu_filter.report.inputs import open_output

    if args.thumbnails < 0:
        raise PiuFilterError(f"--thumbnails must be 0 or more, not {args.thumbnails}")
    outputs = [open_output(path) for path in args.outputs]
    profile = Profile.load(args.profile)
    namer = None
    if args.clip_model and any(output.embeddings for output in outputs):
        prompts = profile.clip.positive_prompts + profile.clip.negative_prompts
        namer = clip_prompt_namer(prompts, args.clip_model, args.clip_pretrained, args.device)
    machine = args.format == "json"
    report = audit(outputs, profile, args.thumbnails, namer, NUMBER_NAMES, [Path(p) for p in args.dedup],
                   progress=not (args.quiet or machine))
    written = write_report(report, Path(args.out), html=not machine)
    if machine:
        print(json.dumps(report.figures, indent=2, sort_keys=True))
    else:
        totals = report.figures["totals"]
        print(f"report: {written[-1]} ({totals['samples_in']} samples, "
              f"{report.figures['samples_with_entities']} with private information)")
    return 0
