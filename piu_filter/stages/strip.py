"""Metadata stripping: every image written out leaves without its text-bearing metadata."""

from __future__ import annotations

from piu_filter.stages.base import Stage
from piu_filter.io.metadata_strip import strip_metadata
from piu_filter.sample import Sample


class MetadataStripper(Stage):
    """Removes EXIF (but Orientation), GPS, XMP, IPTC, comments and PNG/WebP/TIFF text from every
    image member of a kept or redacted sample, without touching its pixels. Runs after the policy."""

    name = "strip"
    failure = "while writing the output"

    def applies_to(self, sample: Sample) -> bool:
        return sample.action != "drop"

    def annotate(self, batch: list[Sample]) -> None:
        for sample in batch:
            for member in sample.image_members:
                sample.members[member] = strip_metadata(sample.members[member])
