"""Where piu-filter keeps what it computes once per machine: `$PIU_FILTER_CACHE`, else `~/.cache/piu-filter`."""

from __future__ import annotations

import gzip
import json
import logging
import os
import tempfile
from pathlib import Path
from typing import Callable

log = logging.getLogger(__name__)
CACHE_ROOT = Path(os.environ.get("PIU_FILTER_CACHE", Path.home() / ".cache" / "piu-filter"))


def cached_json(name: str, build: Callable[[], dict], what: str) -> dict:
    """The data in the cache folder's gzipped JSON file `name`, built by `build()` and written there on first use
    (kept in memory only, with a warning naming `what`, where that folder cannot be written)."""
    path = CACHE_ROOT / name
    if path.exists():
        with gzip.open(path, "rt", encoding="utf-8") as f:
            return json.load(f)
    data = build()
    try:
        _write_atomically(path, data)
    except OSError as exc:
        log.warning("%s kept in memory only: cannot write %s (%s); set PIU_FILTER_CACHE to a writable folder to "
                    "build it once", what, path.parent, type(exc).__name__)
    return data


def _write_atomically(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as raw, gzip.open(raw, "wt", encoding="utf-8") as f:
            json.dump(data, f)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
