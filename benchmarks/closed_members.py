"""Closed by default, measured: samples whose private text hides in members beside the image (`.dcm`,
`.xml`, `.html`, `.bin`, `.npy`), in latin-1, cp1252 and UTF-16 captions and in invalid json, with
PII-free accented captions beside them, through `piu-filter run --action redact --ocr-scope all`.

    python benchmarks/closed_members.py [--samples 120] [--seed 5] [--work DIR]

Names, dates and places are Faker's (de_DE, fr_FR, es_ES, en_US), so that they carry accents. Figures:
samples in and records out; planted strings found in any output byte (in UTF-8, latin-1 and UTF-16,
and in each DICOM as pydicom parses it); PII-free accented captions whose bytes changed; members removed.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pyarrow.parquet as pq

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent / "examples"), str(HERE.parent / "tests")]

KINDS = ("dcm", "xml", "html", "bin", "npy", "latin1", "cp1252", "utf16", "bad_json", "clean")
CLEAN = ("Première échographie à 12 semaines, très émouvant", "Ecografía de 20 semanas, ¡qué emoción!",
         "Ultraschallbild 12. SSW – süß", "Ultrassom de 20 semanas, coração a bater")


def jpeg(seed: int) -> bytes:
    from synthetic import colour_scene

    out = io.BytesIO()
    colour_scene(seed, size=(320, 240)).image.save(out, format="JPEG", quality=85)
    return out.getvalue()


def sample(kind: str, index: int, fake, rng: random.Random) -> tuple[dict[str, bytes], list[str]]:
    """The members of one sample and the strings planted in it."""
    name = fake.name()
    planted = [part for part in name.split() if len(part) > 3 and part.istitle() and part.isalpha()]  # not MBA, B.Eng.
    members = {"jpg": jpeg(index), "txt": b"a scan"}
    if kind == "dcm":
        from dicom_samples import PLANTED, ultrasound_dicom

        members["dcm"] = ultrasound_dicom(index)
        return members, list(PLANTED)
    if kind == "xml":
        members["xml"] = f'<?xml version="1.0"?><study><patient>Name: {name}</patient></study>'.encode()
    elif kind == "html":
        members["html"] = f"<html><body><p>Patient: {name}</p></body></html>".encode("cp1252", "replace")
    elif kind in ("bin", "npy"):
        members[kind] = b"\x00\x01" + name.encode() + b"\x00"
    elif kind in ("latin1", "cp1252", "utf16"):
        encoding = {"latin1": "latin-1", "cp1252": "cp1252", "utf16": "utf-16"}[kind]
        members["txt"] = f"Ultrasound of Name: {name}, born {fake.date_of_birth().strftime('%d/%m/%Y')}".encode(
            encoding, "replace")
    elif kind == "bad_json":
        members["json"] = f'{{"caption": "Name: {name}", "url": "http://example.com/{index}.jpg"'.encode()
    else:
        members["txt"] = rng.choice(CLEAN).encode(rng.choice(["cp1252", "utf-8", "utf-16"]))
        planted = []
    return members, planted


def main() -> None:
    from faker import Faker

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--samples", type=int, default=120)
    parser.add_argument("--seed", type=int, default=5, help="5 was looked at while fixing misses; report others too")
    parser.add_argument("--work", type=Path, default=Path("/tmp/piu-closed-bench"))
    args = parser.parse_args()
    shutil.rmtree(args.work, ignore_errors=True)
    args.work.mkdir(parents=True)
    fake, rng = Faker(["de_DE", "fr_FR", "es_ES", "en_US"]), random.Random(args.seed)
    Faker.seed(args.seed)
    samples, planted = {}, {}
    for index in range(args.samples):
        kind = KINDS[index % len(KINDS)]
        key = f"{index:05d}_{kind}"
        samples[key], planted[key] = sample(kind, index, fake, rng)
    shard = args.work / "closed.tar"
    with tarfile.open(shard, "w") as tar:
        for key, members in samples.items():
            for ext, data in members.items():
                info = tarfile.TarInfo(f"{key}.{ext}")
                info.size = len(data)
                tar.addfile(info, io.BytesIO(data))
    out = args.work / "out"
    subprocess.run([sys.executable, "-m", "piu_filter.cli.main", "run", str(shard), "--output", str(out), "--action",
                    "redact", "--ocr-scope", "all", "--missing-models", "skip", "--quiet"], check=True)
    written: dict[str, dict[str, bytes]] = {}
    with tarfile.open(out / "shards" / "closed.tar") as tar:
        for member in tar.getmembers():
            key, ext = member.name.split(".", 1)
            written.setdefault(key, {})[ext] = tar.extractfile(member).read()
    leaks, clean_changed = 0, 0
    for key, members in written.items():
        every_byte = b"".join(members.values())
        texts = [every_byte.decode("latin-1")] + [_parsed_dicom(data) for ext, data in members.items() if ext == "dcm"]
        for text in planted[key]:
            forms = {text.encode("utf-8"), text.encode("latin-1", "replace"), text.encode("utf-16-le", "replace")}
            leaks += any(form in every_byte for form in forms) or any(text in parsed for parsed in texts[1:])
        if key.endswith("clean"):
            clean_changed += members["txt"] != samples[key]["txt"]
    rows = pq.read_table(out / "records").to_pylist()
    removed: dict[str, int] = {}
    for row in rows:
        for member in row["members_removed"] or []:
            removed[member.rsplit(".", 1)[-1]] = removed.get(member.rsplit(".", 1)[-1], 0) + 1
    figures = {"samples_in": len(samples), "records": len(rows), "samples_written": len(written),
               "planted_strings_found_in_outputs": leaks, "planted_strings": sum(map(len, planted.values())),
               "clean_accented_captions_changed": clean_changed,
               "clean_accented_captions": sum(key.endswith("clean") for key in samples),
               "members_removed": removed, "json_invalid": sum("json_invalid" in row["reasons"] for row in rows)}
    print(json.dumps(figures, indent=2))


def _parsed_dicom(data: bytes) -> str:
    import pydicom

    return str(pydicom.dcmread(io.BytesIO(data)))


if __name__ == "__main__":
    main()
