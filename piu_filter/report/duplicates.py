"""Unique images: samples grouped by `dedup`'s `dup_group` (a records column, or its dup_groups.parquet by key),
else by pHash, else by image SHA-256."""

from __future__ import annotations

from collections import Counter
from typing import Any

LARGEST_GROUPS = 10


class Duplicates:
    """Counts samples per group, over every sample with an image and over the detected ones."""

    def __init__(self, dup_groups: dict[str, tuple[int, int]] | None = None) -> None:
        self.dup_groups = dup_groups or {}
        self.groups: Counter = Counter()
        self.detected_groups: Counter = Counter()
        self.grouped_by: Counter = Counter()

    def add(self, columns: dict[str, list[Any]]) -> None:
        for sample, dup_group, phash, sha256, detected in zip(columns["key"], columns["dup_group"], columns["image_phash"],
                                                              columns["image_sha256"], columns["detected"]):
            if dup_group is None:
                dup_group = self.dup_groups.get(sample)
            key = next(((by, value) for by, value in (("dup_group", dup_group), ("image_phash", phash),
                                                       ("image_sha256", sha256)) if value is not None), None)
            if key is None:  # no image read (a failed sample)
                continue
            self.grouped_by[key[0]] += 1
            self.groups[key] += 1
            if detected:
                self.detected_groups[key] += 1

    def figures(self) -> dict[str, Any]:
        return {**summary(self.groups), "grouped_by": dict(self.grouped_by), "detected": summary(self.detected_groups)}


def summary(groups: Counter) -> dict[str, Any]:
    sizes = sorted(groups.values(), reverse=True)
    return {
        "samples": sum(sizes),
        "unique": len(sizes),
        "duplicate_groups": sum(1 for size in sizes if size > 1),
        "largest_groups": [size for size in sizes[:LARGEST_GROUPS] if size > 1],
    }
