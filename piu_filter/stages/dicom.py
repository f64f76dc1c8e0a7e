"""DICOM headers de-identified in every DICOM member that leaves the run (see `piu_filter.io.dicom_deid`)."""

from __future__ import annotations

from piu_filter.stages.base import Stage
from piu_filter.sample import Sample


class DicomDeidentifier(Stage):
    """De-identifies the header of every DICOM member of a kept or redacted sample along PS3.15's basic
    profile with the profile's `options`, UIDs replaced with the run's `salt`. Burned In Annotation
    becomes NO where OCR read every frame and no finding on it is left uncovered. Runs after redaction."""

    name = "dicom"
    failure = "while de-identifying a DICOM header"

    def __init__(self, salt: str, options: list[str]) -> None:
        super().__init__()
        self.salt = salt
        self.options = options

    def applies_to(self, sample: Sample) -> bool:
        return sample.action != "drop" and bool(sample.dicom_members)

    def annotate(self, batch: list[Sample]) -> None:
        from piu_filter.io.dicom import dicom_bytes, read_dicom
        from piu_filter.io.dicom_deid import deidentify

        for sample in batch:
            for member in sample.dicom_members:
                dataset = read_dicom(sample.members[member])
                deidentify(dataset, self.salt, self.options)
                found = any(entity.member == member and entity.source == "image" for entity in sample.entities)
                if sample.ocr_ran and sample.unreadable is None and (sample.action == "redact" or not found):
                    dataset.BurnedInAnnotation = "NO"
                sample.members[member] = dicom_bytes(dataset)
