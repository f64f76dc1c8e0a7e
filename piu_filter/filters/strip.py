"""Metadata stripping: every image written out leaves without its text-bearing metadata."""

from __future__ import annotations

from piu_filter.io.metadata_strip import strip_metadata
from piu_filter.sample import Sample


class MetadataStripper:
    """Removes EXIF (but Orientation), GPS, XMP, IPTC, comments and PNG/WebP/TIFF text from every
    image member of a kept or redacted sample, without touching its pixels."""

    def apply(self, sample: Sample) -> None:
        for member in sample.image_members:
            sample.members[member] = strip_metadata(sample.members[member])
