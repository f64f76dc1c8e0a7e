"""DICOM members: read, render each frame for the models (windowing applied), cover boxes in the pixel
data itself, write back. pydicom decodes uncompressed and RLE data itself, JPEG and JPEG 2000 through
Pillow; other compressed data needs a decoder plugin (pylibjpeg, gdcm), and without one the member is
refused with the transfer syntax named."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

import numpy as np
from PIL import Image

if TYPE_CHECKING:
    from pydicom import Dataset

Box = tuple[int, int, int, int]
# Header attributes whose values a machine may also burn into the pixels, with the entity type of each
HEADER_PHI = (("PatientName", "PERSON"), ("OtherPatientNames", "PERSON"), ("PatientBirthName", "PERSON"),
              ("ReferringPhysicianName", "PERSON"), ("PerformingPhysicianName", "PERSON"), ("OperatorsName", "PERSON"),
              ("PatientID", "PATIENT_ID"), ("OtherPatientIDs", "PATIENT_ID"), ("AccessionNumber", "PATIENT_ID"),
              ("PatientBirthDate", "DATE_TIME"), ("StudyDate", "DATE_TIME"), ("InstitutionName", "MEDICAL_FACILITY"),
              ("InstitutionAddress", "LOCATION"), ("PatientAddress", "LOCATION"), ("PatientTelephoneNumbers", "PHONE_NUMBER"))
_DATE_FORMATS = ("%Y%m%d", "%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%d/%m/%Y", "%m/%d/%Y", "%d.%m.%Y", "%d-%m-%Y", "%m-%d-%Y",
                 "%d-%b-%Y", "%d %b %Y", "%b %d %Y", "%d/%m/%y", "%m/%d/%y")


class DicomError(ValueError):
    """A DICOM member that cannot be read or written back; the message names the cause."""


def read_dicom(data: bytes) -> "Dataset":
    """The dataset of a DICOM file's bytes (the whole file read, pixel data included)."""
    import pydicom
    from pydicom.errors import InvalidDicomError

    try:
        dataset = pydicom.dcmread(io.BytesIO(data))
    except InvalidDicomError:
        raise DicomError("not a DICOM file (no DICM prefix and no file meta information)") from None
    except (EOFError, OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise DicomError(f"cannot be read ({type(exc).__name__})") from None  # its text may quote header values
    if "TransferSyntaxUID" not in dataset.file_meta:
        raise DicomError("its file meta information names no transfer syntax")
    return dataset


def header_values(dataset: "Dataset") -> dict[str, list[str]]:
    """The header's private values by entity type, as a screen may print them: each part of a person's name,
    identifiers, dates in the common written forms, facility, address and phone (as presidio's DICOM
    redactor looks for them in the pixels)."""
    found: dict[str, set[str]] = {}
    for keyword, entity in HEADER_PHI:
        element = dataset.data_element(keyword) if keyword in dataset else None
        if element is None or element.value in (None, "", b""):
            continue
        for value in (element.value if element.VM > 1 else [element.value]):
            found.setdefault(entity, set()).update(_written_forms(str(value), element.VR))
    return {entity: sorted(values) for entity, values in found.items() if values}


def _written_forms(value: str, vr: str) -> set[str]:
    import datetime

    if vr == "PN":
        return {part for part in value.replace("^", " ").split() if len(part) >= 2}
    if vr == "DA":
        try:
            date = datetime.datetime.strptime(value.strip(), "%Y%m%d")
        except ValueError:
            return {value.strip()}
        return {date.strftime(form) for form in _DATE_FORMATS}
    return {value.strip()} if len(value.strip()) >= 3 else set()


def frame_count(dataset: "Dataset") -> int:
    """How many frames the pixel data holds (0 without pixel data)."""
    if "PixelData" not in dataset:
        return 0
    return int(dataset.get("NumberOfFrames") or 1)


def native_frames(dataset: "Dataset", first_only: bool = False) -> np.ndarray:
    """Every frame's stored values (only the first one's with `first_only`), as (frames, rows, columns[, samples]);
    colour as RGB."""
    from pydicom.pixels import pixel_array

    try:
        if first_only:
            return pixel_array(dataset, index=0)[np.newaxis]
        pixels = dataset.pixel_array
    except (RuntimeError, NotImplementedError) as exc:
        syntax = dataset.file_meta.TransferSyntaxUID
        raise DicomError(f"pixel data in {syntax.name} ({syntax}) cannot be decoded here ({_first_line(exc)}); "
                         "install a decoder: pip install pylibjpeg pylibjpeg-libjpeg pylibjpeg-openjpeg") from None
    except (ValueError, AttributeError, KeyError, TypeError) as exc:
        raise DicomError(f"pixel data cannot be read: {_first_line(exc)}") from None
    return pixels if frame_count(dataset) > 1 else pixels[np.newaxis]


def rendered_frames(dataset: "Dataset", max_frames: int, first_only: bool = False) -> list[Image.Image]:
    """Each frame (only the first with `first_only`) as an 8-bit image as a viewer shows it: modality and VOI
    LUT (window) applied, MONOCHROME1 inverted; more than `max_frames` frames is an error."""
    from pydicom.pixels import apply_modality_lut, apply_voi_lut

    count = frame_count(dataset)
    if count > max_frames:
        raise DicomError(f"{count} frames, more than decode.max_frames ({max_frames})")
    if count == 0:
        return []
    images = []
    for frame in native_frames(dataset, first_only):
        if frame.ndim == 3:
            images.append(Image.fromarray(_to_uint8(frame.astype(np.float64), dataset)).convert("RGB"))
            continue
        values = apply_voi_lut(apply_modality_lut(frame, dataset), dataset).astype(np.float64)
        grey = _to_uint8(values, dataset)
        if dataset.get("PhotometricInterpretation") == "MONOCHROME1":
            grey = 255 - grey
        images.append(Image.fromarray(grey).convert("RGB"))
    return images


def cover_boxes(dataset: "Dataset", boxes: dict[int, list[Box]], fill: str | list[int]) -> None:
    """Fill each box of each frame in the stored pixel values (the median around the box, or `fill` as a
    grey level or RGB colour), and store the pixel data uncompressed."""
    frames = native_frames(dataset).copy()
    for index, frame_boxes in boxes.items():
        frame = frames[index]
        for x0, y0, x1, y1 in frame_boxes:
            frame[y0:y1 + 1, x0:x1 + 1] = _fill_value(frame, (x0, y0, x1, y1), fill, dataset)
    photometric = "RGB" if frames.ndim == 4 else dataset.PhotometricInterpretation
    dataset.set_pixel_data(frames if frame_count(dataset) > 1 else frames[0], photometric, int(dataset.BitsStored),
                           generate_instance_uid=False)  # the instance keeps its identity until de-identification


def dicom_bytes(dataset: "Dataset") -> bytes:
    """The dataset as a DICOM file (preamble, file meta information, data set)."""
    out = io.BytesIO()
    try:
        dataset.save_as(out, enforce_file_format=True)
    except (ValueError, TypeError, AttributeError, OverflowError) as exc:
        raise DicomError(f"cannot be written back ({type(exc).__name__})") from None  # its text may quote values
    return out.getvalue()


def _to_uint8(values: np.ndarray, dataset: "Dataset") -> np.ndarray:
    """Values stretched over 0-255: data of 8 bits or fewer by its bit depth (a 1-bit mask becomes 0 and 255),
    deeper data by its range."""
    top = 2 ** int(dataset.get("BitsStored", 8)) - 1
    if values.size and top <= 255 and values.min() >= 0 and values.max() <= top:
        return (values * (255 / top)).astype(np.uint8)
    low, high = (float(values.min()), float(values.max())) if values.size else (0.0, 1.0)
    return np.clip((values - low) / max(high - low, 1e-9) * 255.0, 0, 255).astype(np.uint8)


def _fill_value(frame: np.ndarray, box: Box, fill: str | list[int], dataset: "Dataset"):
    x0, y0, x1, y1 = box
    if fill == "background":
        ring = np.concatenate([frame[y0, x0:x1 + 1], frame[y1, x0:x1 + 1], frame[y0:y1 + 1, x0], frame[y0:y1 + 1, x1]])
        return np.median(ring, axis=0).astype(frame.dtype)
    if frame.ndim == 3:
        return np.array(fill, dtype=frame.dtype)
    level = sum(fill) / (3 * 255) * (2 ** int(dataset.BitsStored) - 1)
    return frame.dtype.type(round(level))


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
