"""The pipeline: stages annotate a micro-batch, then the policy decides each sample, then the output
stages write the decision into the members. Integrations (`piu_filter.hf_map`, `wds_stage`,
`ray_map_batches`) sit above it and take a pipeline or its RunConfig."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import secrets
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from piu_filter.config import RunConfig
from piu_filter.errors import ModelUnavailableError, PiuFilterError
from piu_filter.extras import extra_needed
from piu_filter.io.labelled import image_files
from piu_filter.io.paths import expand_paths
from piu_filter.policy import Policy
from piu_filter.profile import Profile
from piu_filter.sample import Sample
from piu_filter.stages.base import Stage
from piu_filter.stages.decode import DecodeStage
from piu_filter.stages.detect import DetectStage
from piu_filter.stages.dicom import DicomDeidentifier
from piu_filter.stages.faces import FaceStage
from piu_filter.stages.members import MemberCheck, MemberRemover, dicom_readable
from piu_filter.stages.redact import Redactor
from piu_filter.stages.strip import MetadataStripper

log = logging.getLogger(__name__)
T = TypeVar("T")


class Pipeline:
    """Stages in order, then the policy, then the output stages (redaction, metadata stripping).
    Stages never drop; every sample leaves with an action.

    Build one with `Pipeline.from_config(RunConfig(...))` or `Pipeline.from_profile(...)`;
    models load lazily on the first batch, once per process.
    """

    def __init__(self, stages: list[Stage], policy: Policy, profile: Profile, config: RunConfig,
                 skipped: dict[str, str] | None = None, outputs: list[Stage] | None = None) -> None:
        self.stages = stages
        self.policy = policy
        self.outputs = outputs or []
        self.profile = profile
        self.config = config
        self.skipped = skipped or {}
        self.stage_seconds: dict[str, float] = defaultdict(float)
        self.prepare_seconds: dict[str, float] = defaultdict(float)

    @classmethod
    def from_profile(cls, profile: str | None = None, **options: Any) -> "Pipeline":
        """A pipeline from a profile (file or built-in name) and CLI-named options (`action=`, `device=`...)."""
        try:
            config = RunConfig(profile=profile, **options)
        except TypeError as exc:
            raise PiuFilterError(f"unknown option: {exc}") from None
        return cls.from_config(config)

    @classmethod
    def from_config(cls, config: RunConfig) -> "Pipeline":
        """Resolve every model now, so that a missing one fails before the first sample."""
        config.validate()
        profile = Profile.load(config.profile)
        skipped: dict[str, str] = {}
        stages: list[Stage] = []
        clip_stages = _available(lambda: _clip_stages(config, profile), "clip", config, skipped) or []
        if not clip_stages and (config.classifier or profile.classifier):
            skipped["classifier"] = "needs CLIP embeddings, and the CLIP stage is skipped"
        clip = next((stage for stage in clip_stages if stage.name == "clip"), None)
        head = next((stage.head for stage in clip_stages if stage.name == "classifier"), None)
        dicom = dicom_readable()
        stages.append(MemberCheck(profile.keep_members, read_dicom=dicom))
        stages.append(DecodeStage(profile.decode.max_pixels, draft_size=clip.resolved.image_size if clip else 256,
                                  every_member=profile.clip.score_from == "max", max_frames=profile.decode.max_frames))
        stages += clip_stages
        stages.append(DetectStage(profile.detection, classifier_threshold=head.threshold if head else None))

        scope = config.ocr_scope
        text_stages = _available(lambda: _text_stages(config, profile), "ocr", config, skipped) if scope != "none" else None
        if scope != "none" and text_stages is None:
            skipped["pii"] = skipped["ocr"]
            scope = "none"
        if text_stages:
            stages += text_stages
        elif config.action == "redact":
            log.warning("--action redact with no OCR/PII stage: no private text is redacted (image metadata is still stripped)")
        face_stage = _available(lambda: FaceStage.of_profile(profile, config.face_scope), "faces", config, skipped) \
            if config.face_scope != "none" else None
        stages += [face_stage] if face_stage else []
        policy = Policy(config.action, profile.policy.drop_detected, drop_pii=scope == "all",
                        faces_action=profile.faces.action)
        outputs: list[Stage] = []
        if config.action == "redact" and (scope != "none" or face_stage is not None):
            outputs.append(Redactor(profile.redact, profile.decode.max_pixels, profile.decode.max_frames, profile.faces))
        if config.action != "tag" and dicom:
            outputs.append(DicomDeidentifier(config.dicom_salt or secrets.token_hex(16), profile.dicom.options))
        if config.action != "tag" and profile.redact.metadata == "strip":
            outputs.append(MetadataStripper())
        if config.action != "tag":
            outputs.append(MemberRemover())
        return cls(stages, policy, profile, replace(config), skipped, outputs)

    def setup(self) -> None:
        """Load every stage's models now rather than on the first batch."""
        for stage in self.stages + self.outputs:
            stage.ensure_ready()

    def prepare(self, batch: list[Sample]) -> list[Sample]:
        """The stages' CPU-only work (decode, resize). May run in a background thread after `setup()`."""
        for stage in self.stages:
            started = time.perf_counter()
            stage.prepare_batch(batch)
            self.prepare_seconds[stage.name] += time.perf_counter() - started
        return batch

    def process(self, batch: list[Sample], prepared: bool = False) -> list[Sample]:
        """Annotate and decide every sample of `batch` (preparing it first unless `prepared`)."""
        if not prepared:
            self.prepare(batch)
        for stage in self.stages:
            started = time.perf_counter()
            stage.process(batch)
            self.stage_seconds[stage.name] += time.perf_counter() - started
        started = time.perf_counter()
        for sample in batch:
            self.policy.decide(sample)
            sample.image, sample.other_images = None, []  # decoded pixels are not needed past the policy
        self.stage_seconds["policy"] += time.perf_counter() - started
        for stage in self.outputs:
            started = time.perf_counter()
            stage.process(batch)
            self.stage_seconds[stage.name] += time.perf_counter() - started
        for sample in batch:
            if not sample.ok and sample.reasons != ["error"]:  # an output stage failed it
                self.policy.decide(sample)
        return batch

    @property
    def stage_names(self) -> list[str]:
        """The stages this pipeline runs, in order, output stages included."""
        return [stage.name for stage in self.stages + self.outputs]

    def describe(self) -> dict[str, Any]:
        """What this pipeline runs and skips, for stats and logs."""
        return {
            "profile": self.profile.name,
            "profile_digest": self.profile.digest(),
            "action": self.policy.action,
            "stages": self.stage_names,
            "skipped_stages": dict(self.skipped),
            "clip": next((s.resolved.description for s in self.stages if s.name == "clip"), None),
            "models": self.model_identities(),
        }

    def model_identities(self) -> dict[str, Any]:
        """What identifies each model this pipeline runs: CLIP weights, the classifier head, the OCR engine and the
        upscaler its small lines are read through, the spaCy model, the vocabulary, the face detector."""
        clip = next((s.resolved.identity_or_name() for s in self.stages if s.name == "clip"), None)
        head = next((s.head.meta for s in self.stages if s.name == "classifier"), None)
        pii = next((s for s in self.stages if s.name == "pii"), None)
        faces = next((s for s in self.stages if s.name == "faces"), None)
        return {
            "clip": clip,
            "classifier": hashlib.sha256(json.dumps(head, sort_keys=True, default=str).encode()).hexdigest() if head else None,
            "ocr": self.profile.ocr.engine if pii else None,
            "ocr_upscaler": _ocr_upscaler(self.profile) if pii else None,
            "spacy": _spacy_model(self.profile) if pii else None,
            "vocabulary": _vocabulary_digest(self.profile) if pii else None,
            "faces": faces.identity if faces else None,
        }


def _clip_stages(config: RunConfig, profile: Profile) -> list[Stage]:
    """The CLIP stage, and the classifier head's when one is given, with their weights resolved."""
    with extra_needed():
        from piu_filter.models.clip import resolve_clip
        from piu_filter.models.head import ClassifierHead
        from piu_filter.stages.classifier import ClassifierStage
        from piu_filter.stages.clip import ClipStage

    resolved = resolve_clip(*profile.clip.weights(config.clip_model, config.clip_pretrained))
    stages: list[Stage] = [ClipStage(resolved, config.device, profile.clip.positive_prompts, profile.clip.negative_prompts,
                                     exemplar_files(profile.image_queries.exemplars), profile.decode.max_pixels)]
    classifier_path = config.classifier or profile.classifier
    if classifier_path:
        head = ClassifierHead.load(classifier_path)
        head.check_clip(resolved.identity(), classifier_path)
        stages.append(ClassifierStage(head))
    return stages


def _text_stages(config: RunConfig, profile: Profile) -> list[Stage]:
    """The OCR and PII stages, once the OCR engine, the spaCy model and names-dataset are known to be installed."""
    with extra_needed():
        from piu_filter.models.ocr import check_ocr_engine
        from piu_filter.models.pii.analyzer import check_entity_types
        from piu_filter.models.pii.spacy_models import resolve_language_models, resolve_spacy_model
        from piu_filter.models.pii.recognizers.name_lexicon import check_name_lexicon
        from piu_filter.models.vocabulary import vocabulary_of
        from piu_filter.stages.fail_closed import fails_closed
        from piu_filter.stages.ocr import OcrStage
        from piu_filter.stages.pii import PiiStage

        check_name_lexicon()
    check_ocr_engine(profile.ocr.engine)
    resolve_spacy_model(profile.pii.spacy_model)
    resolve_language_models(profile.pii.language_models)
    check_entity_types(profile.pii.entities)
    vocabulary = vocabulary_of(profile.pii)  # a bad vocabulary is refused before the first sample
    return [OcrStage(config.ocr_scope, profile.ocr, vocabulary, profile.decode.max_pixels, config.device,
                     profile.decode.max_frames, partial(fails_closed, config=profile.pii)),
            PiiStage(config.ocr_scope, profile.pii)]


def _ocr_upscaler(profile: Profile) -> str | None:
    """The super-resolution a PP-OCR engine runs small lines through (`classical` where the model is missing,
    said once), or None for an engine without it."""
    if profile.ocr.engine == "easyocr":
        return None
    from piu_filter.models.ocr.upscale import resolve_upscaler

    return resolve_upscaler(profile.ocr.super_resolution)


def _spacy_model(profile: Profile) -> str:
    """The English spaCy pipeline, then each other language's (`en_core_web_sm, fr: fr_core_news_md`)."""
    from piu_filter.models.pii.spacy_models import resolve_language_models, resolve_spacy_model

    others = resolve_language_models(profile.pii.language_models)
    return ", ".join([resolve_spacy_model(profile.pii.spacy_model), *(f"{k}: {v}" for k, v in others.items())])


def _vocabulary_digest(profile: Profile) -> str:
    """What identifies the words OCR correction and the recognizers know (a vocabulary file's content included)."""
    from piu_filter.models.vocabulary import vocabulary_of

    return hashlib.sha256(repr(vocabulary_of(profile.pii)).encode()).hexdigest()


_WORKER_PIPELINES: dict[tuple[int, str], Pipeline] = {}
_forked = False


def _after_fork_in_child() -> None:
    global _forked
    _forked = True


os.register_at_fork(after_in_child=_after_fork_in_child)


def worker_pipeline(config: RunConfig) -> Pipeline:
    """This process's pipeline for `config`, built once: the engines' workers, the integrations'
    map functions and an in-process run all take theirs from here, so models load once per process.

    A forked process (as `datasets` forks for `num_proc`) builds its own pipeline and keeps
    torch to one thread: a thread pool the parent used does not survive a fork, and entering
    it would hang.
    """
    key = (os.getpid(), json.dumps(config.__dict__, sort_keys=True, default=str))
    if key not in _WORKER_PIPELINES:
        if _forked:
            import torch

            torch.set_num_threads(1)
        _WORKER_PIPELINES[key] = Pipeline.from_config(config)
    return _WORKER_PIPELINES[key]


_SKIPS_SAID: set[tuple[str, str]] = set()


def _available(resolve: Callable[[], T], stage: str, config: RunConfig, skipped: dict[str, str]) -> T | None:
    """What `resolve` finds, or None with the reason in `skipped` when the model is missing and may be skipped."""
    try:
        return resolve()
    except ModelUnavailableError as exc:
        if config.missing_models != "skip":
            raise
        skipped[stage] = str(exc)
        if (stage, str(exc)) not in _SKIPS_SAID:  # once per process, whichever entry point built the pipeline
            _SKIPS_SAID.add((stage, str(exc)))
            log.warning("stage %s skipped: %s", stage, exc)
        return None


def exemplar_files(paths: list[str]) -> list[Path]:
    """The exemplar images named by the profile (files, or folders of images)."""
    return expand_paths(paths, image_files, "profile image_queries.exemplars (images)")
