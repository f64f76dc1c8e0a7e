"""DICOM in and out: folders of .dcm files and .dcm members, headers de-identified along PS3.15's basic
profile, burned-in names covered in the pixel data, damaged files recorded. Real PP-OCR and spaCy; CLIP
skipped, or the tiny open_clip model with RANDOM weights where scoring is checked. Every name is made up."""

from __future__ import annotations

import contextlib
import io
import shutil
import subprocess
import tarfile
from pathlib import Path

import numpy as np
import pyarrow.parquet as pq
import pytest
from conftest import good_jpeg, write_tar
from dicom_samples import ACCESSION, PATIENT_ID, PLANTED, STUDY_UID, name_box, ultrasound_dicom

from piu_filter.cli.main import main
from piu_filter.stages.members import MemberCheck
from piu_filter.stages.pii import _header_findings
from piu_filter.sample import Sample

pydicom = pytest.importorskip("pydicom")
DAMAGED = ("cut_short", "not_dicom", "jpeg_12bit")


def run(inputs: Path, out: Path, *extra: str) -> None:
    with contextlib.redirect_stderr(io.StringIO()):
        assert main(["run", str(inputs), "--output", str(out), "--missing-models", "skip", *extra]) == 0


def members(shard: Path) -> dict[str, bytes]:
    with tarfile.open(shard) as tar:
        return {member.name: tar.extractfile(member).read() for member in tar.getmembers()}


def records(out: Path) -> dict[str, dict]:
    return {row["key"]: row for row in pq.read_table(out / "records").to_pylist()}


@pytest.fixture(scope="module")
def scans(tmp_path_factory) -> Path:
    """A study of three files (RGB, two RLE-compressed frames, MONOCHROME2) and three damaged ones."""
    folder = tmp_path_factory.mktemp("dicom") / "study"
    (folder / "series").mkdir(parents=True)
    originals = {"series/rgb": ultrasound_dicom(1), "series/frames": ultrasound_dicom(2, frames=2, rle=True),
                 "series/grey": ultrasound_dicom(3, monochrome=True)}
    for key, data in originals.items():
        (folder / f"{key}.dcm").write_bytes(data)
    (folder / "cut_short.dcm").write_bytes(ultrasound_dicom(4)[:5000])
    (folder / "not_dicom.dcm").write_bytes(b"this is not a DICOM file")
    shutil.copy(pydicom.data.get_testdata_file("JPEG-lossy.dcm"), folder / "jpeg_12bit.dcm")  # 12-bit JPEG
    return folder


@pytest.fixture(scope="module")
def redacted(scans, tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("out")
    run(scans, out, "--action", "redact")  # default --ocr-scope: DICOM is read without CLIP's say
    written = members(out / "shards" / "study.tar")
    return {"out": out, "files": {name.removesuffix(".dcm"): data for name, data in written.items()},
            "records": records(out), "originals": {p.relative_to(scans).with_suffix("").as_posix(): p.read_bytes()
                                                   for p in scans.rglob("*.dcm")}}


def test_a_folder_of_dicom_files_is_one_shard_of_dicom_files(redacted):
    assert set(redacted["files"]) == {"series/rgb", "series/frames", "series/grey"}
    for data in redacted["files"].values():
        dataset = pydicom.dcmread(io.BytesIO(data))
        assert dataset.PatientIdentityRemoved == "YES" and dataset.pixel_array.size


def test_no_planted_string_reaches_any_output_byte(redacted):
    for data in redacted["files"].values():
        parsed = str(pydicom.dcmread(io.BytesIO(data)))
        for planted in PLANTED:
            assert planted.encode() not in data and planted not in parsed


def test_the_basic_profile_empties_or_replaces_every_identifying_attribute(redacted):
    dataset = pydicom.dcmread(io.BytesIO(redacted["files"]["series/rgb"]))
    assert str(dataset.PatientName) == "" and dataset.AccessionNumber == ""
    assert dataset.PatientID not in ("", PATIENT_ID) and dataset.PatientBirthDate != "19870314"
    assert dataset.InstitutionName != "St. Aldric Hospital" and str(dataset.ReferringPhysicianName) == ""
    for removed in ("PatientTelephoneNumbers", "StudyDescription", "ImageComments"):
        assert removed not in dataset
    assert not any(element.tag.is_private for element in dataset.iterall())
    assert ACCESSION not in str(dataset.get("RequestAttributesSequence", ""))
    assert dataset.DeidentificationMethodCodeSequence[0].CodeValue == "113100"


def test_uids_are_replaced_consistently_within_a_run(redacted):
    datasets = [pydicom.dcmread(io.BytesIO(data)) for data in redacted["files"].values()]
    assert len({ds.StudyInstanceUID for ds in datasets}) == 1 and datasets[0].StudyInstanceUID != STUDY_UID
    assert len({ds.SOPInstanceUID for ds in datasets}) == 3
    assert all(ds.file_meta.MediaStorageSOPInstanceUID == ds.SOPInstanceUID for ds in datasets)
    assert redacted["records"]["series/rgb"]["url"] == f"urn:oid:{STUDY_UID}.2.1"  # records keep the original


def test_burned_in_names_are_covered_in_every_frame(redacted):
    x0, y0, x1, y1 = (round(v) for v in name_box())
    for key in ("series/rgb", "series/frames", "series/grey"):
        before = pydicom.dcmread(io.BytesIO(redacted["originals"][key])).pixel_array
        after = pydicom.dcmread(io.BytesIO(redacted["files"][key])).pixel_array
        frames = zip(before, after) if before.ndim == 4 else [(before, after)]
        for original, output in frames:
            contrast = float(np.ptp(output[y0:y1, x0:x1])) / float(np.ptp(original[y0:y1, x0:x1]))
            assert contrast <= 0.25, key
        assert pydicom.dcmread(io.BytesIO(redacted["files"][key])).BurnedInAnnotation == "NO"


@pytest.mark.skipif(shutil.which("dcmdump") is None, reason="dcmtk's dcmdump is not installed (apt-get install dcmtk)")
def test_outputs_open_in_a_second_reader(redacted, tmp_path):
    for key, data in redacted["files"].items():
        path = tmp_path / f"{key.replace('/', '_')}.dcm"
        path.write_bytes(data)
        result = subprocess.run(["dcmdump", "-q", str(path)], capture_output=True, text=True)
        assert result.returncode == 0 and "PatientIdentityRemoved" in result.stdout, result.stderr


@pytest.mark.parametrize("key, cause", [("cut_short", "pixel data cannot be read"), ("not_dicom", "not a DICOM file"),
                                        ("jpeg_12bit", "install a decoder")])
def test_a_damaged_dicom_is_recorded_with_its_cause_and_never_written(redacted, key, cause):
    record = redacted["records"][key]
    assert record["action"] == "drop" and record["reasons"] == ["error"] and cause in record["error"]
    assert key not in redacted["files"]


def test_a_dicom_member_beside_other_members_and_alone_in_a_tar_shard(tmp_path):
    shard = write_tar(tmp_path / "mixed.tar", [("both.jpg", good_jpeg(1)), ("both.dcm", ultrasound_dicom(5)),
                                               ("alone.dcm", ultrasound_dicom(6))])
    run(shard, tmp_path / "out", "--action", "redact")
    written = members(tmp_path / "out" / "shards" / "mixed.tar")
    assert set(written) == {"both.jpg", "both.dcm", "alone.dcm"}
    for name in ("both.dcm", "alone.dcm"):
        assert not any(planted.encode() in written[name] for planted in PLANTED)


def test_tag_writes_nothing_and_records_every_dicom_sample(scans, tmp_path):
    run(scans, tmp_path / "out", "--action", "tag")
    rows = records(tmp_path / "out")
    assert len(rows) == 6 and not (tmp_path / "out" / "shards" / "study.tar").exists()
    assert {"PERSON", "DATE_TIME"} <= {e["type"] for e in rows["series/rgb"]["entities"]}


def test_dicom_samples_are_scored_on_a_rendered_frame(scans, tiny_clip, tmp_path):
    """The tiny CLIP model has RANDOM weights: only that a score exists is checked."""
    run(scans, tmp_path / "out", "--action", "tag", "--ocr-scope", "none", "--clip-model", tiny_clip)
    rows = records(tmp_path / "out")
    assert all(rows[key]["clip_score"] is not None for key in ("series/rgb", "series/frames", "series/grey"))


def test_profile_options_retain_what_they_name(scans, tmp_path):
    profile = tmp_path / "retain.yaml"
    profile.write_text("dicom:\n  options: [retain_uids]\n", encoding="utf-8")
    run(scans, tmp_path / "out", "--action", "drop", "--ocr-scope", "none", "--profile", str(profile))
    dataset = pydicom.dcmread(io.BytesIO(members(tmp_path / "out" / "shards" / "study.tar")["series/rgb.dcm"]))
    assert dataset.StudyInstanceUID == STUDY_UID and str(dataset.PatientName) == ""
    assert [code.CodeValue for code in dataset.DeidentificationMethodCodeSequence] == ["113100", "113110"]


def test_an_unknown_option_is_refused_by_name(scans, tmp_path):
    profile = tmp_path / "bad.yaml"
    profile.write_text("dicom:\n  options: [retain_everything]\n", encoding="utf-8")
    with contextlib.redirect_stderr(io.StringIO()) as err:
        assert main(["run", str(scans), "--output", str(tmp_path / "o"), "--profile", str(profile)]) == 2
    assert "retain_everything" in err.getvalue()


@pytest.mark.parametrize("read, found", [("Name: OUAXON, ZORBLA", ["OUAXON", "ZORBLA"]), ("OUAXON2ZORBlAar MI 1", ["OUAXON2ZORBlAar"]),
                                         ("PIU48213 19870314", ["PIU48213", "19870314"]), ("QUICK ZEBRA 1987", [])])
def test_a_dicom_headers_own_values_are_found_in_its_pixels_also_as_misread(read, found):
    header = {"PERSON": ["QUAXON", "ZORBLA"], "PATIENT_ID": [PATIENT_ID], "DATE_TIME": ["19870314", "14/03/1987"]}
    assert sorted(read[r.start:r.end] for r in _header_findings(read, header)) == sorted(found)


def test_without_a_dicom_reader_dicom_members_are_removed_unread():
    sample = Sample(key="k", shard="s", members={"jpg": good_jpeg(2), "dcm": ultrasound_dicom(7)})
    MemberCheck([], read_dicom=False).prepare([sample])
    assert sample.members_removed == ["dcm"]
