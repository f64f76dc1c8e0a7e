"""Ultrasound DICOM files with one made-up person's details in the header (top level, a nested sequence,
a private tag, free text) and burned into the pixels, as a machine would write them."""

from __future__ import annotations

import io

import numpy as np
from PIL import ImageDraw
from synthetic import PrivateText, clinical_screen, font

PERSON = PrivateText(first="Zorbla", last="Quaxon", dob="03/14/1987", exam_date="06/11/2024",
                     place="St. Aldric Hospital", city="Millbrook", phone="(555) 201-7733")
PATIENT_ID, ACCESSION = "PIU48213", "A7139664"
# every string planted in the header, as DICOM writes it
PLANTED = (PERSON.last.upper(), PERSON.first.upper(), PERSON.last, PERSON.first, PATIENT_ID, ACCESSION, "19870314",
           "555) 201-7733", "St. Aldric Hospital", "Brennick")
STUDY_UID = "1.2.826.0.1.3680043.8.498.11111"
SIZE = (480, 360)


def name_box() -> tuple[int, int, int, int]:
    """Where the screen prints the patient's name (`QUAXON, ZORBLA` after `Name: `), in pixels."""
    text_font = font(max(12, SIZE[1] // 32))
    draw = ImageDraw.Draw(clinical_screen(PERSON, 0, SIZE).image)
    left = draw.textlength("Name: ", font=text_font)
    return draw.textbbox((8 + left, 6), f"{PERSON.last.upper()}, {PERSON.first.upper()}", font=text_font)


def ultrasound_dicom(instance: int, frames: int = 1, monochrome: bool = False, rle: bool = False) -> bytes:
    """An Ultrasound (Multi-frame) Image Storage file of one study, with header PII and burned-in text."""
    from pydicom import Dataset
    from pydicom.dataset import FileMetaDataset
    from pydicom.uid import ExplicitVRLittleEndian, RLELossless

    screens = [np.asarray(clinical_screen(PERSON, seed=instance * 10 + i, size=SIZE).image) for i in range(frames)]
    pixels = np.stack(screens)
    if monochrome:
        pixels = pixels.mean(axis=3).astype(np.uint8)
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = "1.2.840.10008.5.1.4.1.1.3.1" if frames > 1 else "1.2.840.10008.5.1.4.1.1.6.1"
    meta.MediaStorageSOPInstanceUID = f"{STUDY_UID}.2.{instance}"
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds = Dataset()
    ds.file_meta = meta
    ds.SOPClassUID, ds.SOPInstanceUID = meta.MediaStorageSOPClassUID, meta.MediaStorageSOPInstanceUID
    ds.StudyInstanceUID, ds.SeriesInstanceUID = STUDY_UID, f"{STUDY_UID}.1"
    ds.Modality, ds.StudyDate, ds.StudyTime = "US", "20240611", "101500"
    ds.PatientName, ds.PatientID, ds.PatientBirthDate = f"{PERSON.last}^{PERSON.first}", PATIENT_ID, "19870314"
    ds.PatientTelephoneNumbers, ds.AccessionNumber = PERSON.phone, ACCESSION
    ds.InstitutionName, ds.ReferringPhysicianName = PERSON.place, "Brennick^Tobin"
    ds.StudyDescription, ds.ImageComments = f"OB scan {PERSON.last}", f"for {PERSON.first} {PERSON.last}"
    request = Dataset()
    request.AccessionNumber, request.RequestedProcedureID = ACCESSION, PATIENT_ID
    ds.RequestAttributesSequence = [request]
    block = ds.private_block(0x0011, "ACME US 1.0", create=True)
    block.add_new(0x01, "LO", f"{PERSON.last}^{PERSON.first}")
    ds.BurnedInAnnotation = "YES"
    ds.set_pixel_data(pixels if frames > 1 else pixels[0], "MONOCHROME2" if monochrome else "RGB", 8,
                      generate_instance_uid=False)
    if rle:
        ds.compress(RLELossless, generate_instance_uid=False)
    out = io.BytesIO()
    ds.save_as(out, enforce_file_format=True)
    return out.getvalue()
