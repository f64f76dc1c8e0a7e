"""The cascade's scopes: which samples the expensive stages (OCR, faces) look at."""

from __future__ import annotations

from piu_filter.sample import Sample


def in_scope(sample: Sample, scope: str) -> bool:
    """`all` samples, or only `candidates` (detected or near the threshold); a DICOM sample (medical by
    definition) is always in, unless the scope is `none`."""
    return scope == "all" or (scope == "candidates" and (sample.candidate or bool(sample.dicom_members)))
