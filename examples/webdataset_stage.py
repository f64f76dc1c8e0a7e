"""Filter samples inside a WebDataset pipeline with piu-filter.

    python examples/webdataset_stage.py [--clip-model NAME|local-dir:PATH] [--action drop|redact|tag]

Reads the bundled example shards with `wds.WebDataset`, composes the piu-filter stage before
decoding (it works on the raw bytes), then decodes what survives.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import webdataset as wds

import piu_filter

SHARDS = sorted(str(p) for p in (Path(__file__).parent / "shards").glob("*.tar"))


def main(argv: list[str] | None = None) -> list[dict]:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clip-model", default=None)
    parser.add_argument("--action", default="drop")
    parser.add_argument("--ocr-scope", default="candidates")
    parser.add_argument("--profile", default=None)
    args = parser.parse_args(argv)

    pipe = piu_filter.Pipeline.from_profile(args.profile, action=args.action, ocr_scope=args.ocr_scope,
                                            clip_model=args.clip_model, missing_models="skip")
    dataset = wds.WebDataset(SHARDS, shardshuffle=False).compose(piu_filter.wds_stage(pipe)).decode("pil")
    samples = list(dataset)
    print(f"{len(samples)} samples passed the filter; first: "
          f"{ {k: samples[0]['piu.json'][k] for k in ('action', 'clip_score')} if samples else None }")
    return samples


if __name__ == "__main__":
    main()
