"""Where a scan's outputs live: `OUT/records/PART.parquet`, `OUT/done/PART.json`, `OUT/candidates.parquet`,
`OUT/stats.json`. Files appear only when complete (written as `*.tmp`, then renamed)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from piu_filter.io.filesystem import read_json_files, remove_file, remove_files


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

    def done_markers(self) -> dict[str, dict[str, Any]]:
        """Every finished part in this output folder, by name."""
        return read_json_files(str(self.root / "done"))

    def clear(self) -> None:
        """Remove what earlier scans left here (and nothing else): for `--overwrite`."""
        for sub in ("records", "done"):
            remove_files(str(self.root / sub))
        remove_file(str(self.candidates))
        remove_file(str(self.stats))
