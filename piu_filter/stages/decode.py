"""Decode each sample's image and fingerprint it (SHA-256 of the bytes, perceptual hash)."""

from __future__ import annotations

import logging

from piu_filter.stages.base import Stage
from piu_filter.io.images import ImageDecodeError, decode_image, image_phash, image_sha256
from piu_filter.sample import Sample

log = logging.getLogger(__name__)


class DecodeStage(Stage):
    """Decodes the first image member to RGB (with `every_member`, the other image members' first
    frames too, for scoring); `draft_size` decodes JPEGs at reduced size when no later stage needs
    full size. Hashes are of the first image member. A sample without an image member is scored on
    the first frame of its DICOM member as a viewer shows it (windowing applied), with `max_frames`."""

    name = "decode"

    def __init__(self, max_pixels: int, draft_size: int | None, every_member: bool = False, max_frames: int = 16) -> None:
        super().__init__()
        self.max_pixels = max_pixels
        self.draft_size = draft_size
        self.every_member = every_member
        self.max_frames = max_frames

    def annotate(self, batch: list[Sample]) -> None:
        """Nothing left to do: decoding happens in `prepare`."""

    def prepare(self, batch: list[Sample]) -> None:
        for sample in batch:
            data = sample.image_bytes
            if data is None and sample.dicom_members:
                self._decode_dicom(sample)
                continue
            if data is None:
                sample.fail(self.name, f"no image member (found: {', '.join(sorted(sample.members)) or 'nothing'})")
                continue
            sample.image_sha256 = image_sha256(data)
            try:
                sample.image, sample.original_size = decode_image(data, self.max_pixels, self.draft_size)
            except ImageDecodeError as exc:
                sample.fail(self.name, str(exc))
                continue
            sample.image_phash = image_phash(sample.image)
            if self.every_member:
                sample.other_images = [image for image in map(self._decode_quietly, [sample.members[m] for m in sample.image_members[1:]])
                                       if image is not None]

    def _decode_dicom(self, sample: Sample) -> None:
        from piu_filter.io.dicom import DicomError, read_dicom, rendered_frames

        member = sample.dicom_members[0]
        sample.image_sha256 = image_sha256(sample.members[member])
        try:
            dataset = read_dicom(sample.members[member])
            frames = rendered_frames(dataset, self.max_frames, first_only=True)
        except DicomError as exc:
            log.warning("%s/%s.%s: %s", sample.shard, sample.key, member, exc)
            sample.fail(self.name, f"{member}: {exc}")
            return
        sample.dicom_uid = str(dataset.get("SOPInstanceUID") or "") or None
        if not frames:
            sample.fail(self.name, f"{member}: no pixel data, and no image member")
            return
        sample.image, sample.original_size = frames[0], frames[0].size
        sample.image_phash = image_phash(sample.image)

    def _decode_quietly(self, data: bytes):
        """A member decoded for scoring, or None when it cannot be (the OCR stage reports unreadable members)."""
        try:
            return decode_image(data, self.max_pixels, self.draft_size)[0]
        except ImageDecodeError:
            return None
