"""Where a scan's outputs live: `OUT/records/PART.parquet`, `OUT/done/PART.json`, `OUT/candidates.parquet`,
`OUT/stats.json`, in a local folder or at any fsspec URL, as a run's outputs (see `io/filesystem`).
Files appear only when complete."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from piu_filter.io.filesystem import (check_writable, folder_location, join, make_folder, read_json_files, remove_file,
                                      remove_files)


@dataclass(frozen=True)
class ScanLayout:
    """`root` is one string (an absolute local path or a URL); every path it gives is a string of the same kind."""

    root: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "root", folder_location(self.root))

    def check_writable(self) -> None:
        """Fail now, with the cause, when a remote output cannot be written (local folders are made later)."""
        check_writable(self.root)

    def make_dirs(self) -> None:
        for sub in ("records", "done"):
            make_folder(join(self.root, sub))

    def records(self, part: str) -> str:
        return join(self.root, "records", f"{part}.parquet")

    def done_marker(self, part: str) -> str:
        return join(self.root, "done", f"{part}.json")

    @property
    def candidates(self) -> str:
        return join(self.root, "candidates.parquet")

    @property
    def stats(self) -> str:
        return join(self.root, "stats.json")

    def done_markers(self) -> dict[str, dict[str, Any]]:
        """Every finished part in this output folder, by name."""
        return read_json_files(join(self.root, "done"))

    def clear(self) -> None:
        """Remove what earlier scans left here (and nothing else): for `--overwrite`."""
        for sub in ("records", "done"):
            remove_files(join(self.root, sub))
        remove_file(self.candidates)
        remove_file(self.stats)
