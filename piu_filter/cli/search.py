"""`piu-filter search`: text and image queries over an index, and expansion from confirmed positives."""

from __future__ import annotations

import argparse
import json
import sys

from piu_filter.cli.options import add_model_options


def add_search_parser(commands: argparse._SubParsersAction) -> None:
    search = commands.add_parser(
        "search", help="query an index with text, images, or the detected records (near-duplicate expansion)",
        description="Write the k nearest rows of each query to --out (query, similarity, url, part, row, key). "
                    "--text and --image need the CLIP model that made the indexed embeddings; --expand RECORDS takes "
                    "the records with `detected` (from `piu-filter scan` of the indexed folder) as queries, to find "
                    "the re-hosted copies, crops and near-duplicates that the queries missed.",
    )
    search.add_argument("index", metavar="INDEX")
    search.add_argument("--text", action="append", default=[], metavar="TEXT", help="a text query (repeatable)")
    search.add_argument("--image", action="append", default=[], metavar="FILE", help="an image query (repeatable)")
    search.add_argument("--expand", metavar="RECORDS", help="records file or folder: its detected rows are the queries")
    search.add_argument("--k", type=int, default=100, help="neighbours per query")
    search.add_argument("--min-similarity", type=float, metavar="S", help="leave out hits below this cosine similarity")
    search.add_argument("--out", required=True, metavar="HITS.parquet")
    add_model_options(search)
    search.set_defaults(handler=cmd_search)


def cmd_search(args: argparse.Namespace) -> int:
    from piu_filter.index.queries import clip_queries
    from piu_filter.index.search import SearchIndex, search_to_file
    from piu_filter.profile import Profile

    index = SearchIndex(args.index)
    queries = clip_queries(args.text, args.image, index.description.get("model"), Profile.load(args.profile),
                           args.clip_model, args.clip_pretrained, args.device)
    hits = search_to_file(index, args.out, args.k, args.min_similarity, queries, args.expand)
    print(json.dumps({"queries": len(set(hits.column("query").to_pylist())), "hits": hits.num_rows}), file=sys.stderr)
    return 0
