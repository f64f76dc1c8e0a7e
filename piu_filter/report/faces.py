"""Faces: how many samples were looked at for faces, how many hold any, and faces per sample."""

from __future__ import annotations

from collections import Counter
from typing import Any


class Faces:
    """Tallies the `faces_found` column (null where the face stage did not look; absent in older records)."""

    def __init__(self) -> None:
        self.per_sample: Counter = Counter()

    def add(self, columns: dict[str, list[Any]]) -> None:
        self.per_sample.update(found for found in columns["faces_found"] if found is not None)

    def figures(self) -> dict[str, Any]:
        return {"samples_looked_at": sum(self.per_sample.values()),
                "samples_with_faces": sum(n for found, n in self.per_sample.items() if found > 0),
                "faces": sum(found * n for found, n in self.per_sample.items()),
                "faces_per_sample": {str(found): self.per_sample[found] for found in sorted(self.per_sample)}}
