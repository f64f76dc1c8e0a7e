"""Where a run's outputs live, and how each file is made to appear only when complete."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

TMP_SUFFIX = ".tmp"


@dataclass(frozen=True)
class OutputLayout:
    """`DIR/shards/NAME.tar`, `DIR/records/NAME.parquet`, `DIR/blocklist/`, `DIR/stats.json`,
    and `DIR/done/NAME.json`, the marker (with the shard's stats) that a shard is finished."""

    root: Path

    def make_dirs(self, write_shards: bool) -> None:
        for sub in ("records", "done", "blocklist") + (("shards",) if write_shards else ()):
            (self.root / sub).mkdir(parents=True, exist_ok=True)

    def shard(self, name: str) -> Path:
        return self.root / "shards" / name

    def records(self, stem: str) -> Path:
        return self.root / "records" / f"{stem}.parquet"

    def done_marker(self, stem: str) -> Path:
        return self.root / "done" / f"{stem}.json"

    @property
    def blocklist(self) -> Path:
        return self.root / "blocklist"

    @property
    def stats(self) -> Path:
        return self.root / "stats.json"

    def is_done(self, stem: str) -> bool:
        return self.done_marker(stem).is_file()

    def read_done(self, stem: str) -> dict[str, Any]:
        return json.loads(self.done_marker(stem).read_text())

    def done_markers(self) -> dict[str, dict[str, Any]]:
        """Every finished shard in this output folder (of this run's inputs or an earlier one's), by stem."""
        folder = self.root / "done"
        return {path.stem: json.loads(path.read_text()) for path in sorted(folder.glob("*.json"))} if folder.is_dir() else {}

    def clear(self) -> None:
        """Remove what earlier runs left in this folder (and nothing else): for `--overwrite`."""
        for sub in ("shards", "records", "done", "blocklist"):
            for path in (self.root / sub).glob("*") if (self.root / sub).is_dir() else ():
                if path.is_file():
                    path.unlink()
        self.stats.unlink(missing_ok=True)


def tmp_path(path: Path) -> Path:
    """The name a file is written under until it is complete."""
    return path.with_name(path.name + TMP_SUFFIX)


def commit(path: Path) -> None:
    """Move the finished temporary file into place (atomic on one filesystem)."""
    os.replace(tmp_path(path), path)


def write_json_atomic(path: Path, data: Any) -> None:
    tmp = tmp_path(path)
    tmp.write_text(json.dumps(data, indent=2, sort_keys=True))
    os.replace(tmp, path)
