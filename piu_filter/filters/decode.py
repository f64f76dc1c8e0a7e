"""Decode each sample's image and fingerprint it (SHA-256 of the bytes, perceptual hash)."""

from __future__ import annotations

from piu_filter.filters.base import Stage
from piu_filter.io.images import ImageDecodeError, decode_image, image_phash, image_sha256
from piu_filter.sample import Sample


class DecodeStage(Stage):
    """Decodes the first image member to RGB (with `every_member`, the other image members' first
    frames too, for scoring); `draft_size` decodes JPEGs at reduced size when no later stage needs
    full size. Hashes are of the first image member."""

    name = "decode"

    def __init__(self, max_pixels: int, draft_size: int | None, every_member: bool = False) -> None:
        super().__init__()
        self.max_pixels = max_pixels
        self.draft_size = draft_size
        self.every_member = every_member

    def annotate(self, batch: list[Sample]) -> None:
        """Nothing left to do: decoding happens in `prepare`."""

    def prepare(self, batch: list[Sample]) -> None:
        for sample in batch:
            data = sample.image_bytes
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

    def _decode_quietly(self, data: bytes):
        """A member decoded for scoring, or None when it cannot be (the OCR stage reports unreadable members)."""
        try:
            return decode_image(data, self.max_pixels, self.draft_size)[0]
        except ImageDecodeError:
            return None
