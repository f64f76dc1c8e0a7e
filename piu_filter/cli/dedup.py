"""`piu-filter dedup`: near-duplicate groups and unique-image counts."""

from __future__ import annotations

import argparse
import json


def add_dedup_parser(commands: argparse._SubParsersAction) -> None:
    dedup = commands.add_parser(
        "dedup", help="group near-duplicates and count unique images",
        description="Group the detected rows of RECORDS (or every row of an embedding folder) into near-duplicate "
                    "groups by embedding similarity and pHash distance (the profile's dedup section); write "
                    "DIR/dup_groups.parquet (key, url, dup_group, group_size) and DIR/dedup.json, and print the counts.",
    )
    dedup.add_argument("source", metavar="RECORDS_OR_EMB_ROOT")
    dedup.add_argument("--out", required=True, metavar="DIR")
    dedup.add_argument("--embeddings", metavar="EMB_ROOT",
                       help="where the records' embeddings are (default: OUT/embeddings beside a run's records)")
    dedup.add_argument("--all", action="store_true", help="every record, not only the detected ones")
    dedup.add_argument("--profile", metavar="FILE", help="YAML profile laid over the built-in one (dedup thresholds)")
    dedup.set_defaults(handler=cmd_dedup)


def cmd_dedup(args: argparse.Namespace) -> int:
    from piu_filter.index.dedup import dedup
    from piu_filter.profile import Profile

    summary = dedup(args.source, args.out, Profile.load(args.profile).dedup, args.embeddings, args.all)
    print(json.dumps(summary))
    return 0
