"""Closed by default: members of types without a parser leave kept samples, text members are read and
written back in their own encoding, an invalid json is recorded. Real PP-OCR and spaCy on plain synthetic
scenes; no CLIP (skipped: `--ocr-scope all` needs no detection). Every name here is made up."""

from __future__ import annotations

import contextlib
import io
import json
import tarfile
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from conftest import good_jpeg, write_tar

from piu_filter.cli.main import main
from piu_filter.io.text_encoding import UndecodableText, decode_text

NAME = "Zorbla Quaxon"  # planted in every member below
CLEAN_ACCENTED = "Première échographie à 12 semaines, très émouvant — café crème"
XML = f'<?xml version="1.0"?>\n<study><patient name="x">Patient: {NAME}</patient><ga>12w3d</ga></study>\n'
HTML = f"<html><body><p class='who'>Name: {NAME}</p><p>12 weeks</p></body></html>"
SAMPLES = {
    "latin1": {"txt": "Ultrasound of Name: Jürgen Müller, born 3 May 2021".encode("latin-1")},
    "clean_cp1252": {"txt": CLEAN_ACCENTED.encode("cp1252")},
    "clean_utf16": {"txt": CLEAN_ACCENTED.encode("utf-16")},
    "binary": {"txt": b"a scan", "bin": f"\x00\x01{NAME}\x00".encode()},
    "numpy": {"txt": b"a scan", "npy": b"\x93NUMPY\x01\x00" + NAME.encode()},
    "xml": {"txt": b"a scan", "xml": XML.encode()},
    "html": {"txt": b"a scan", "html": HTML.encode("cp1252")},
    "bad_json": {"txt": b"a scan", "json": f'{{"caption": "Name: {NAME}", "url": "http://example.com/a.jpg"'.encode()},
    "list_json": {"txt": b"a scan", "json": json.dumps([f"Name: {NAME}"]).encode()},
    "undecodable": {"txt": b"a scan", "alt.txt": b"\xff\xfe\x00\xd8\x00\xdc" + bytes(range(128, 250))},
}


def run(shard: Path, out: Path, *extra: str) -> None:
    with contextlib.redirect_stderr(io.StringIO()):
        assert main(["run", str(shard), "--output", str(out), "--missing-models", "skip", "--ocr-scope", "all", *extra]) == 0


def output_samples(out: Path) -> dict[str, dict[str, bytes]]:
    samples: dict[str, dict[str, bytes]] = {}
    with tarfile.open(next((out / "shards").glob("*.tar"))) as tar:
        for member in tar.getmembers():
            key, ext = member.name.split(".", 1)
            samples.setdefault(key, {})[ext] = tar.extractfile(member).read()
    return samples


def records(out: Path) -> dict[str, dict]:
    return {row["key"]: row for row in pq.read_table(out / "records").to_pylist()}


@pytest.fixture(scope="module")
def shard(tmp_path_factory) -> Path:
    members = [(f"{key}.{ext}", data) for index, (key, extra) in enumerate(SAMPLES.items())
               for ext, data in [("jpg", good_jpeg(index)), *extra.items()]]
    return write_tar(tmp_path_factory.mktemp("members") / "members.tar", members)


@pytest.fixture(scope="module")
def redacted(shard, tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("redacted")
    run(shard, out, "--action", "redact")
    return {"samples": output_samples(out), "records": records(out), "stats": json.loads((out / "stats.json").read_text())}


def test_no_planted_name_reaches_any_output_byte(redacted):
    every_byte = b"".join(data for members in redacted["samples"].values() for data in members.values())
    for encoding in ("utf-8", "latin-1", "utf-16-le"):
        assert NAME.encode(encoding) not in every_byte
    assert "Müller".encode("latin-1") not in every_byte and "Müller".encode() not in every_byte


def test_members_without_a_parser_are_removed_and_recorded(redacted):
    assert set(redacted["samples"]["binary"]) == {"jpg", "txt"} and set(redacted["samples"]["numpy"]) == {"jpg", "txt"}
    assert redacted["records"]["binary"]["members_removed"] == ["bin"]
    assert "members_removed" in redacted["records"]["binary"]["reasons"]
    assert redacted["records"]["binary"]["action"] == "keep"  # the sample goes on without the member
    assert redacted["stats"]["members_removed"] == {"bin": 1, "npy": 1, "txt": 1}  # alt.txt: undecodable


def test_text_is_written_back_in_its_own_encoding_and_only_entities_change(redacted):
    latin1 = redacted["samples"]["latin1"]["txt"]
    assert latin1.startswith("Ultrasound of Name: <PERSON>".encode("cp1252"))
    assert latin1.decode("cp1252").count("<") >= 2  # the name and the birth date
    assert redacted["samples"]["clean_cp1252"]["txt"] == CLEAN_ACCENTED.encode("cp1252")
    assert redacted["samples"]["clean_utf16"]["txt"] == CLEAN_ACCENTED.encode("utf-16")


def test_markup_members_are_scrubbed_with_their_markup_kept(redacted):
    xml = redacted["samples"]["xml"]["xml"].decode()
    assert xml == XML.replace(NAME, "<PERSON>")
    html = redacted["samples"]["html"]["html"].decode("cp1252")
    assert html == HTML.replace(NAME, "<PERSON>")


def test_invalid_or_unexpected_json_is_recorded_and_scrubbed_as_text(redacted):
    assert "json_invalid" in redacted["records"]["bad_json"]["reasons"]
    assert redacted["samples"]["bad_json"]["json"].decode().startswith('{"caption": "Name: <PERSON>"')
    assert "json_invalid" in redacted["records"]["list_json"]["reasons"]
    assert json.loads(redacted["samples"]["list_json"]["json"]) == ["Name: <PERSON>"]


def test_an_undecodable_text_member_is_removed_not_mangled(redacted):
    record = redacted["records"]["undecodable"]
    assert record["members_removed"] == ["alt.txt"] and "text_undecodable" in record["reasons"]
    assert "alt.txt" not in redacted["samples"]["undecodable"]


def test_keep_members_keeps_named_types_unread_and_says_so(shard, tmp_path):
    profile = tmp_path / "keep.yaml"
    profile.write_text("keep_members: [bin]\n", encoding="utf-8")
    out = tmp_path / "out"
    run(shard, out, "--action", "redact", "--profile", str(profile))
    samples, rows = output_samples(out), records(out)
    assert samples["binary"]["bin"] == SAMPLES["binary"]["bin"]
    assert rows["binary"]["members_unread"] == ["bin"] and rows["binary"]["members_removed"] == []
    assert "members_unread" in rows["binary"]["reasons"] and "npy" not in samples["numpy"]


def test_tag_changes_nothing_but_records_what_would_be_removed(shard, tmp_path):
    run(shard, tmp_path / "out", "--action", "tag")
    rows = records(tmp_path / "out")
    assert rows["binary"]["members_removed"] == ["bin"] and rows["binary"]["action"] == "keep"


@pytest.mark.parametrize("text, encoding", [
    ("Jürgen Müller", "latin-1"), (CLEAN_ACCENTED, "cp1252"), ("Ecografía de Lucía, Clínica São Lucas", "latin-1"),
    (CLEAN_ACCENTED, "utf-8-sig"), (CLEAN_ACCENTED, "utf-16"), ("日本語のキャプション、東京", "shift_jis"),
    ("Первое УЗИ нашей малышки", "cp1251"),
])
def test_text_is_decoded_by_its_real_encoding_and_round_trips(text, encoding):
    decoded = decode_text(text.encode(encoding))
    assert decoded.text == text
    assert decoded.encode(decoded.text) == text.encode(encoding)


def test_text_the_original_encoding_cannot_hold_goes_out_as_utf8():
    decoded = decode_text("Jürgen".encode("latin-1"))
    assert decoded.encode("Jürgen → 日本") == "Jürgen → 日本".encode("utf-8")


def test_bytes_that_are_no_text_are_undecodable():
    with pytest.raises(UndecodableText):
        decode_text(b"\xff\xfe\x00\xd8\x00\xdc" + bytes(range(128, 250)))
