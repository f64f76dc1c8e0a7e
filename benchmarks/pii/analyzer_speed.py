"""Texts per second through the PII analyzer as the default profile builds it: tuning-split captions and the
PII-free precision captions, best of `--repeats` passes after a warm-up.

    python benchmarks/pii/analyzer_speed.py [--captions 1000] [--repeats 3]
"""

from __future__ import annotations

import argparse
import random
import time

import precision
import tuning_captions
from people import People

from piu_filter.models.pii.analyzer import PiiAnalyzer
from piu_filter.profile import Profile


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--captions", type=int, default=1000, help="captions of each kind")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    config = Profile.load().pii
    analyzer = PiiAnalyzer(config)
    rng, people = random.Random(11), People(7)
    texts = [tuning_captions.caption(rng, people.draw(rng))[0] for _ in range(args.captions)]
    texts += precision.captions(args.captions, 3)
    analyzer.analyze(texts[:50])
    seconds = []
    for _ in range(args.repeats):
        started = time.perf_counter()
        analyzer.analyze(texts)
        seconds.append(time.perf_counter() - started)
    print(f"{len(texts) / min(seconds):.0f} texts/s ({len(texts)} texts, best of {args.repeats})")


if __name__ == "__main__":
    main()
