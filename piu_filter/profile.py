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
from piu_filter.profile_sections import (
    PII_ENTITIES,
    ClipConfig,
    DecodeConfig,
    DedupConfig,
    DetectionConfig,
    DicomConfig,
    FacesConfig,
    ImageQueryConfig,
    OcrConfig,
    PiiConfig,
    PolicyConfig,
    RedactConfig,
    ResourcesConfig,
)

__all__ = ["DETECTION_RULES", "HEAD_KINDS", "OCR_ENGINES", "PII_ENTITIES", "Profile"]

BUILTIN_PROFILE = "pregnancy-ultrasound"
HEAD_KINDS = ("logistic", "mlp")  # classifier heads `piu-filter train` makes
DICOM_OPTIONS = ("retain_uids", "retain_device_identity")  # PS3.15 E.3 options piu-filter applies


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
    faces: FacesConfig = field(default_factory=FacesConfig)
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
    (Profile, "faces"): FacesConfig,
}
