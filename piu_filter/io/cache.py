"""Where piu-filter keeps what it computes once per machine: `$PIU_FILTER_CACHE`, else `~/.cache/piu-filter`."""

from __future__ import annotations

import os
from pathlib import Path

CACHE_ROOT = Path(os.environ.get("PIU_FILTER_CACHE", Path.home() / ".cache" / "piu-filter"))
