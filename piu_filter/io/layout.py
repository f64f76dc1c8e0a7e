"""Where a run's outputs live: a local folder or any fsspec URL (see `filesystem`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from piu_filter.io.filesystem import (check_writable, folder_location, join, make_folder, read_json_files, remove_file,
                                      remove_files)

OUTPUT_FOLDERS = ("shards", "records", "done", "blocklist", "embeddings/img_emb", "embeddings/metadata", "embeddings")


@dataclass(frozen=True)
class OutputLayout:
    """`DIR/shards/NAME.tar`, `DIR/records/NAME.parquet`, `DIR/blocklist/`, `DIR/stats.json`,
    and `DIR/done/NAME.json`, the marker (with the shard's stats) that a shard is finished.

    `root` is kept as one string (an absolute local path or a URL), so the layout pickles cheaply
    to worker processes and machines; every path it gives is a string of the same kind.
    """

    root: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "root", folder_location(self.root))

    def check_writable(self) -> None:
        """Fail now, with the cause, when a remote output cannot be written (local folders are made later)."""
        check_writable(self.root)

    def make_dirs(self, write_shards: bool) -> None:
        for sub in ("records", "done", "blocklist") + (("shards",) if write_shards else ()):
            make_folder(join(self.root, sub))

    def shard(self, name: str) -> str:
        return join(self.root, "shards", name)

    def records(self, stem: str) -> str:
        return join(self.root, "records", f"{stem}.parquet")

    def done_marker(self, stem: str) -> str:
        return join(self.root, "done", f"{stem}.json")

    @property
    def blocklist(self) -> str:
        return join(self.root, "blocklist")

    @property
    def stats(self) -> str:
        return join(self.root, "stats.json")

    def done_markers(self) -> dict[str, dict[str, Any]]:
        """Every finished shard in this output folder (of this run's inputs or an earlier one's), by stem."""
        return read_json_files(join(self.root, "done"))

    def clear(self) -> None:
        """Remove what earlier runs left in this folder (and nothing else): for `--overwrite`."""
        for sub in OUTPUT_FOLDERS:
            remove_files(join(self.root, sub))
        remove_file(self.stats)
