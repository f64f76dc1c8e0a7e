"""Which samples fail closed on text that cannot be read."""

from __future__ import annotations

from piu_filter.profile_sections import PiiConfig
from piu_filter.sample import Sample


def fails_closed(sample: Sample, config: PiiConfig) -> bool:
    """Whether this sample's unreadable text is covered: the profile covers it (`unreadable_text: cover`), and the
    sample is detected as an ultrasound or holds DICOM members, or the profile says so for every image read."""
    return config.unreadable_text == "cover" and (
        config.unreadable_text_in == "read" or sample.detected or bool(sample.dicom_members))
