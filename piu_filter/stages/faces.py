"""The face stage: the faces on the image members of in-scope samples (keepsake cards, announcements)."""

from __future__ import annotations

from piu_filter.io.images import ImageDecodeError, decode_frames
from piu_filter.models.faces import FaceDetector, detector_identity, face_detector, resolve_face_detector
from piu_filter.profile import Profile
from piu_filter.profile_sections import FacesConfig
from piu_filter.sample import Face, Sample
from piu_filter.stages.base import Stage
from piu_filter.stages.scope import in_scope


class FaceStage(Stage):
    """Looks for faces on every frame of every image member of each in-scope sample, at full resolution (boxes
    in the member's own pixels). DICOM members are not looked at: an ultrasound's pixels hold no face photo.
    A frame that cannot be decoded marks the sample `unreadable`, as the OCR stage does."""

    name = "faces"

    def __init__(self, scope: str, config: FacesConfig, detector: str, max_pixels: int, max_frames: int = 16) -> None:
        super().__init__()
        self.scope = scope
        self.config = config
        self.detector_name = detector
        self.max_pixels = max_pixels
        self.max_frames = max_frames
        self.detector: FaceDetector | None = None

    @classmethod
    def of_profile(cls, profile: Profile, scope: str) -> "FaceStage":
        """The stage `profile` asks for, once its detector is known to be installed (ModelUnavailableError if not)."""
        detector = resolve_face_detector(profile.faces.detector)
        return cls(scope, profile.faces, detector, profile.decode.max_pixels, profile.decode.max_frames)

    @property
    def identity(self) -> str:
        """The detector and the version of the package its weights come from."""
        return detector_identity(self.detector_name)

    def setup(self) -> None:
        self.detector = face_detector(self.detector_name)

    def applies_to(self, sample: Sample) -> bool:
        return in_scope(sample, self.scope) and bool(sample.image_members)

    def annotate(self, batch: list[Sample]) -> None:
        import numpy as np

        for sample in batch:
            faces: list[Face] = []
            for member in sample.image_members:
                try:
                    frames = decode_frames(sample.members[member], self.max_pixels, self.max_frames)
                except ImageDecodeError as exc:
                    sample.unreadable = sample.unreadable or f"{member}: {exc}"
                    continue
                for index, frame in enumerate(frames):
                    for found in self.detector.detect(np.asarray(frame.convert("RGB")), self.config.min_score):
                        faces.append(Face(member, index, found.box, round(found.score, 4)))
            sample.faces = faces
