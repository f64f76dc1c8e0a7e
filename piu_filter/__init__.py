"""piu-filter: find pregnancy ultrasound images and the private text on them; drop or redact them.

The names below are imported on first use, so that light tools (blocklists, URL hashing) do
not load torch and the models' libraries.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "Entity": "piu_filter.sample",
    "Pipeline": "piu_filter.pipeline",
    "Profile": "piu_filter.profile",
    "RunConfig": "piu_filter.config",
    "Sample": "piu_filter.sample",
    "hf_map": "piu_filter.integrations.hf",
    "ray_map_batches": "piu_filter.integrations.ray_data",
    "wds_stage": "piu_filter.integrations.wds",
}
__all__ = [*_EXPORTS, "__version__"]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'piu_filter' has no attribute {name!r}")
