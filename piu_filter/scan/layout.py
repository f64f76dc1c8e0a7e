"""Where a scan's outputs live: `OUT/records/PART.parquet`, `OUT/done/PART.json`, `OUT/candidates.parquet`,
`OUT/stats.json`. Files appear only when complete (written as `*.tmp`, then renamed)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class ScanLayout:
    root: Path

    def make_dirs(self) -> None:
        for sub in ("records", "done"):
            (self.root / sub).mkdir(parents=True, exist_ok=True)

    def records(self, part: str) -> Path:
        return self.root / "records" / f"{part}.parquet"

    def done_marker(self, part: str) -> Path:
        return self.root / "done" / f"{part}.json"

    @property
    def candidates(self) -> Path:
        return self.root / "candidates.parquet"

    @property
    def stats(self) -> Path:
        return self.root / "stats.json"

    def read_done(self, part: str) -> dict[str, Any] | None:
        path = self.done_marker(part)
        return json.loads(path.read_text()) if path.is_file() else None

    def done_markers(self) -> dict[str, dict[str, Any]]:
        """Every finished part in this output folder, by name."""
        folder = self.root / "done"
        return {path.stem: json.loads(path.read_text()) for path in sorted(folder.glob("*.json"))} if folder.is_dir() else {}

    def clear(self) -> None:
        """Remove what earlier scans left here (and nothing else): for `--overwrite`."""
        for sub in ("records", "done"):
            for path in (self.root / sub).glob("*") if (self.root / sub).is_dir() else ():
                if path.is_file():
                    path.unlink()
        self.candidates.unlink(missing_ok=True)
        self.stats.unlink(missing_ok=True)
