"""The options of a scan, as the CLI and the Python API both take them."""

from __future__ import annotations

from dataclasses import dataclass

from piu_filter.config import ENGINES
from piu_filter.errors import PiuFilterError

DEFAULT_BATCH_ROWS = 65536


@dataclass
class ScanConfig:
    """Options named as on the command line. `query_cache` is a file of query embeddings (read when it
    holds this profile's queries, else written); `embeddings_model` declares the CLIP model that made
    the embeddings (`ViT-B-32/laion400m_e32`), checked against the queries' and the head's.
    `engine`, `workers` and `ray_address` say where parts run; they change no output."""

    profile: str | None = None
    clip_model: str | None = None
    clip_pretrained: str | None = None
    classifier: str | None = None
    device: str = "auto"
    query_cache: str | None = None
    embeddings_model: str | None = None
    keep_captions: bool = False
    batch_rows: int = DEFAULT_BATCH_ROWS
    engine: str = "local"
    workers: int = 1
    ray_address: str | None = None

    def validate(self) -> None:
        if self.engine not in ENGINES:
            raise PiuFilterError(f"--engine must be one of {', '.join(ENGINES)}, not {self.engine!r}")
        if self.workers < 1:
            raise PiuFilterError(f"--workers must be at least 1, not {self.workers}")
        if self.batch_rows < 1:
            raise PiuFilterError(f"--batch-rows must be at least 1, not {self.batch_rows}")
