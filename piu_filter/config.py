"""The options of a run, as the CLI and the Python API both take them."""

from __future__ import annotations

from dataclasses import dataclass

from piu_filter.errors import PiuFilterError

RUN_ACTIONS = ("drop", "redact", "tag")
OCR_SCOPES = ("candidates", "all", "none")
ENGINES = ("local", "ray")
MISSING_MODEL_MODES = ("error", "skip")


@dataclass
class RunConfig:
    """Options named as on the command line (`--clip-model` is `clip_model`).

    `clip_model`/`clip_pretrained` left as None take the profile's. `missing_models="skip"`
    runs without a stage whose model is missing (and says so) instead of failing. `engine`,
    `workers` and `ray_address` say where shards run; they do not change any output.
    `dicom_salt` derives the UIDs that replace DICOM UIDs: `run` draws one per run; a pipeline built
    without one draws its own.
    """

    profile: str | None = None
    action: str = "drop"
    ocr_scope: str = "candidates"
    face_scope: str = "candidates"
    clip_model: str | None = None
    clip_pretrained: str | None = None
    classifier: str | None = None
    device: str = "auto"
    batch_size: int = 32
    keep_pii_text: bool = False
    save_embeddings: bool = False
    missing_models: str = "error"
    engine: str = "local"
    workers: int = 1
    ray_address: str | None = None
    dicom_salt: str | None = None

    def validate(self) -> None:
        _one_of("action", self.action, RUN_ACTIONS)
        _one_of("ocr-scope", self.ocr_scope, OCR_SCOPES)
        _one_of("face-scope", self.face_scope, OCR_SCOPES)
        _one_of("missing-models", self.missing_models, MISSING_MODEL_MODES)
        _one_of("engine", self.engine, ENGINES)
        if self.workers < 1:
            raise PiuFilterError(f"--workers must be at least 1, not {self.workers}")
        if self.batch_size < 1:
            raise PiuFilterError(f"--batch-size must be at least 1, not {self.batch_size}")


def _one_of(option: str, value: str, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        raise PiuFilterError(f"--{option} must be one of {', '.join(allowed)}, not {value!r}")
