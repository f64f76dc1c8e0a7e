"""`piu-filter index build`: an autofaiss index over an embedding folder."""

from __future__ import annotations

import argparse
import json


def add_index_parser(commands: argparse._SubParsersAction) -> None:
    index = commands.add_parser("index", help="build a nearest-neighbour index of an embedding folder (autofaiss)")
    actions = index.add_subparsers(dest="index_command", required=True)
    build = actions.add_parser(
        "build", help="index EMB_ROOT (img_emb/ + metadata/) with autofaiss",
        description="Build INDEX/knn.index with autofaiss (it picks the index kind and search parameters within the "
                    "memory budget), INDEX/index_infos.json, INDEX/ids.parquet (id -> part, row, key, url) and "
                    "INDEX/index.json. Embeddings are expected L2-normalised, as clip-retrieval and --save-embeddings "
                    "write them; similarity is the inner product.",
    )
    build.add_argument("root", metavar="EMB_ROOT")
    build.add_argument("--out", required=True, metavar="INDEX")
    build.add_argument("--max-memory", default="4G", help="memory the index may take when searched (autofaiss syntax: 4G, 512M)")
    build.add_argument("--available-memory", default="16G", help="memory available while building")
    build.add_argument("--embeddings-model", metavar="NAME", help="the CLIP model that made the embeddings (recorded; "
                                                                   "model.json of the folder wins)")
    build.add_argument("--min-neighbours", type=int, default=100,
                       help="the k that search parameters are tuned for (autofaiss's min_nearest_neighbors_to_retrieve)")
    build.set_defaults(handler=cmd_index_build)


def cmd_index_build(args: argparse.Namespace) -> int:
    from piu_filter.index.build import build

    built = build(args.root, args.out, args.max_memory, args.available_memory, args.embeddings_model, args.min_neighbours)
    print(json.dumps({k: built[k] for k in ("rows", "dim", "index_key", "index_param")}))
    return 0
