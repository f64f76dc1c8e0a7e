"""`piu-filter blocklist build|merge|apply`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from piu_filter.errors import PiuFilterError
from piu_filter.profile import DETECTION_RULES


def add_blocklist_parser(commands: argparse._SubParsersAction) -> None:
    blocklist = commands.add_parser("blocklist", help="build, merge and apply blocklists")
    verbs = blocklist.add_subparsers(dest="verb", required=True)

    build = verbs.add_parser("build", help="a blocklist from run records, optionally re-decided with new thresholds",
                             description="Without thresholds, lists what the run dropped or redacted. With any of "
                                         "them, decides again from the scores stored in the records.")
    build.add_argument("records", nargs="+", metavar="RECORDS", help="record files or folders (a run's DIR/records)")
    build.add_argument("--out", required=True, metavar="DIR")
    build.add_argument("--rule", choices=DETECTION_RULES, help="detection rule for re-deciding (default: text)")
    build.add_argument("--detected-threshold", type=float, metavar="T",
                       help="threshold of the rule's own component (text, image or classifier)")
    build.add_argument("--text-threshold", type=float)
    build.add_argument("--image-threshold", type=float)
    build.add_argument("--classifier-threshold", type=float)
    build.add_argument("--pii", action="store_true", help="also block samples in which private information was found")
    build.add_argument("--include-urls", action="store_true", help="also store raw URLs (the list then names them)")
    build.set_defaults(handler=cmd_build)

    merge = verbs.add_parser("merge", help="union of blocklists; the strictest reasons win")
    merge.add_argument("blocklists", nargs="+", metavar="DIR")
    merge.add_argument("--out", required=True, metavar="DIR")
    merge.set_defaults(handler=cmd_merge)

    apply = verbs.add_parser("apply", help="remove blocked rows from URL tables, or blocked samples from shards")
    apply.add_argument("blocklists", nargs="+", metavar="BLOCKLIST")
    target = apply.add_mutually_exclusive_group(required=True)
    target.add_argument("--urls", nargs="+", metavar="TABLE", help="parquet, CSV or JSONL files or folders")
    target.add_argument("--shards", nargs="+", metavar="INPUT", help="tar paths, brace patterns, folders, URLs")
    apply.add_argument("--url-col", default="url", help="URL column of the tables (default: url)")
    apply.add_argument("--out", required=True, metavar="DIR")
    apply.add_argument("--phash-distance", type=int, default=4,
                       help="shards: block images within this Hamming distance of a blocked pHash (-1: off)")
    apply.add_argument("--workers", type=int, default=2, help="URL tables: processes that hash URLs")
    apply.set_defaults(handler=cmd_apply)


def cmd_build(args: argparse.Namespace) -> int:
    from piu_filter.blocklist.build import Redecision, blocked_rows, record_files, write_blocklist

    redecision = None
    thresholds = (args.detected_threshold, args.text_threshold, args.image_threshold, args.classifier_threshold)
    if args.rule or args.pii or any(t is not None for t in thresholds):
        rule = args.rule or "text"
        redecision = Redecision(rule, args.text_threshold, args.image_threshold, args.classifier_threshold, args.pii)
        if args.detected_threshold is not None:
            if rule not in ("text", "image", "classifier"):
                raise PiuFilterError("--detected-threshold needs --rule text, image or classifier")
            setattr(redecision, f"{rule}_threshold", args.detected_threshold)
    rows = blocked_rows(record_files(args.records), args.include_urls, redecision)
    manifest = write_blocklist(rows, Path(args.out), None, args.include_urls)
    print(json.dumps({"out": args.out, "rows": manifest["rows"], "by_reason": manifest["counts_by_reason"]}))
    return 0


def cmd_merge(args: argparse.Namespace) -> int:
    from piu_filter.blocklist.build import merge_blocklists

    manifest = merge_blocklists([Path(p) for p in args.blocklists], Path(args.out))
    print(json.dumps({"out": args.out, "rows": manifest["rows"], "by_reason": manifest["counts_by_reason"]}))
    return 0


def cmd_apply(args: argparse.Namespace) -> int:
    from piu_filter.blocklist.apply import BlocklistIndex, apply_to_shards, apply_to_tables

    index = BlocklistIndex.load([Path(p) for p in args.blocklists])
    if args.urls:
        report = apply_to_tables(index, args.urls, args.url_col, Path(args.out), workers=max(1, args.workers))
    else:
        report = apply_to_shards(index, args.shards, Path(args.out), args.phash_distance)
    print(json.dumps({"out": args.out, **report.to_dict()}))
    if report.unreadable:
        print(f"piu-filter: {len(report.unreadable)} shard(s) could not be read to their end and were not written: "
              f"{', '.join(report.unreadable)}", file=sys.stderr)
        return 1
    return 0
