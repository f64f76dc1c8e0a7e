"""Input shards: expanding INPUT arguments, and reading samples robustly from tar streams and from
folders of DICOM files (one shard per folder, named after it: `scans/` is written as `scans.tar`)."""

from __future__ import annotations

import glob
import io
import re
import tarfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import braceexpand
import fsspec

from piu_filter.errors import PiuFilterError
from piu_filter.sample import Sample

_MEMBER_NAME = re.compile(r"^((?:.*/|)[^./]+)\.([^/]+)$")  # webdataset: key up to the first dot of the basename
_URL_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")
SHARD_SUFFIXES = (".tar", ".tar.gz", ".tgz")
DICOM_SUFFIXES = (".dcm", ".dicom")


@dataclass(frozen=True)
class ShardSource:
    """One input shard: `name` (the output shard's file name) and where to read it."""

    name: str
    url: str

    @property
    def stem(self) -> str:
        suffix = next((suffix for suffix in SHARD_SUFFIXES if self.name.endswith(suffix)), "")
        return self.name[: len(self.name) - len(suffix)]

    @property
    def compressed(self) -> bool:
        """Whether the shard is gzip-compressed (`.tar.gz`, `.tgz`): its output is written the same way."""
        return self.name.endswith((".tar.gz", ".tgz"))


def is_shard(name: str) -> bool:
    return name.endswith(SHARD_SUFFIXES)


@dataclass
class ShardReadReport:
    """What went wrong reading a shard as a whole (a truncated or unreadable tar)."""

    error: str | None = None


def expand_inputs(inputs: list[str]) -> list[ShardSource]:
    """Shards named by tar paths, brace patterns, globs, folders of tars and fsspec or pipe: URLs."""
    sources: list[ShardSource] = []
    for item in inputs:
        for expanded in braceexpand.braceexpand(item):
            sources.extend(_expand_one(expanded))
    names: dict[str, str] = {}
    for source in sources:
        if source.name in names and names[source.name] != source.url:
            raise PiuFilterError(
                f"two input shards share the name {source.name!r} ({names[source.name]} and {source.url}); "
                "output shards are named after input shards, so rename one or run them separately"
            )
        names[source.name] = source.url
    unique = list({source.url: source for source in sources}.values())
    if not unique:
        raise PiuFilterError(f"no input shards found in: {' '.join(inputs)}")
    return unique


def _expand_one(item: str) -> list[ShardSource]:
    if item.startswith("pipe:"):
        tars = [tok for tok in item.split() if is_shard(tok)]
        if not tars:
            raise PiuFilterError(f"cannot name the output shard for {item!r}: no token ending in .tar, .tar.gz or .tgz in the command")
        return [ShardSource(Path(tars[-1]).name, item)]
    if _URL_SCHEME.match(item) and not item.startswith("file://"):
        return _expand_remote(item)
    path_text = item.removeprefix("file://")
    if glob.has_magic(path_text):
        matches = sorted(glob.glob(path_text))
        if not matches:
            raise PiuFilterError(f"no files match {item!r}")
        return [ShardSource(Path(m).name, m) for m in matches if is_shard(m)]
    path = Path(path_text)
    if path.is_dir():
        tars = sorted(p for p in path.rglob("*") if is_shard(p.name) and p.is_file())
        if not tars and dicom_files(path):
            return [ShardSource(f"{path.resolve().name}.tar", str(path))]
        if not tars:
            raise PiuFilterError(f"folder {item!r} holds no .tar, .tar.gz or .tgz shards and no .dcm files")
        return [ShardSource(p.name, str(p)) for p in tars]
    if not path.exists():
        raise PiuFilterError(f"input not found: {item!r}")
    return [ShardSource(path.name, str(path))]


def _expand_remote(url: str) -> list[ShardSource]:
    try:
        fs, path = fsspec.core.url_to_fs(url)
        if fs.isdir(path):
            return [ShardSource(Path(p).name, fs.unstrip_protocol(p)) for p in sorted(fs.find(path)) if is_shard(p)]
    except ImportError as exc:
        raise PiuFilterError(f"cannot read {url!r}: {exc}") from None
    except (OSError, ValueError):
        pass  # not listable (e.g. plain http): read it as one shard
    return [ShardSource(Path(url.split("?")[0]).name, url)]


def output_key(key: str) -> str:
    """A key safe to write as tar member names: no `..`, `.` or empty parts, no leading `/` (records keep the original)."""
    return "/".join(part for part in key.split("/") if part not in ("", ".", "..")) or "_"


def _skipped(member: tarfile.TarInfo, shard: str) -> Sample:
    """A failed sample standing for a member that is not a sample's regular file."""
    why = "not a regular file" if not member.isfile() else "its name has no key and extension"
    sample = Sample(key=member.name, shard=shard, members={})
    sample.fail("read", f"skipped member: {why}")
    return sample


class _EndCheckingTarInfo(tarfile.TarInfo):
    """Turns a tar that stops without its end-of-archive blocks (cut off) into an error.

    tarfile itself ends such a stream quietly when the cut falls between members.
    """

    @classmethod
    def fromtarfile(cls, tar: tarfile.TarFile) -> tarfile.TarInfo:
        try:
            return super().fromtarfile(tar)
        except (tarfile.EmptyHeaderError, tarfile.TruncatedHeaderError):
            raise tarfile.ReadError("the tar ends without its end-of-archive marker (cut off)") from None


def open_shard(url: str) -> IO[bytes]:
    """A readable binary stream for a shard location."""
    if url.startswith("pipe:"):
        import webdataset as wds  # loads torch: imported only when a pipe: URL needs it

        return wds.gopen(url, "rb")
    if _URL_SCHEME.match(url):
        return fsspec.open(url, "rb").open()
    return open(url, "rb")


def dicom_files(folder: Path) -> list[Path]:
    """The DICOM files below a folder (by their suffix), in a stable order."""
    return sorted(p for p in folder.rglob("*") if p.suffix.lower() in DICOM_SUFFIXES and p.is_file())


def _read_dicom_folder(source: ShardSource) -> Iterator[Sample]:
    """One sample per DICOM file, keyed by its path in the folder without the suffix (`study1/img0001`)."""
    folder = Path(source.url)
    for path in dicom_files(folder):
        key = path.relative_to(folder).with_suffix("").as_posix()
        yield Sample(key=key, shard=source.name, members={path.suffix.lower().lstrip("."): path.read_bytes()})


def read_samples(source: ShardSource, report: ShardReadReport) -> Iterator[Sample]:
    """Samples of a shard in order, each member grouped by key as in WebDataset (or of a folder of DICOM files).

    A truncated or corrupt tar ends the stream; what was read before is still yielded and the
    fault goes to `report`. A key seen twice yields the later sample with an error, so every
    sample still gets exactly one record; so does a member that cannot be a sample's file (a
    link, a FIFO, a hidden or unparseable name), as a failed sample named after it.
    """
    if Path(source.url).is_dir():
        yield from _read_dicom_folder(source)
        return
    seen: set[str] = set()
    current: Sample | None = None
    try:
        with open_shard(source.url) as stream, tarfile.open(fileobj=stream, mode="r|*", tarinfo=_EndCheckingTarInfo) as tar:
            for member in tar:
                if member.isdir():
                    continue
                match = _MEMBER_NAME.match(member.name)
                if not member.isfile() or match is None or Path(member.name).name.startswith("."):
                    yield _skipped(member, source.name)
                    continue
                key, ext = match.group(1), match.group(2).lower()
                data = tar.extractfile(member).read()
                if len(data) != member.size:
                    raise tarfile.ReadError(f"member {len(seen)} cut short ({len(data)} of {member.size} bytes)")
                if current is not None and current.key == key:
                    if ext in current.members:
                        current.fail("read", f"duplicate key: member .{ext} appears twice")
                    current.members[ext] = data
                    continue
                if current is not None:
                    yield current
                current = Sample(key=key, shard=source.name, members={ext: data})
                if key in seen:
                    current.fail("read", "duplicate key: an earlier sample in this shard has the same key")
                seen.add(key)
    except (tarfile.TarError, EOFError, OSError, ValueError) as exc:
        report.error = f"unreadable tar after {len(seen)} samples: {type(exc).__name__}: {exc}"
    if current is not None:
        yield current


class ShardWriter:
    """Writes samples to a WebDataset tar (`KEY.EXT` members, a sample's members together), gzip-compressed
    when asked; torch-free, unlike webdataset's writer."""

    def __init__(self, path: str, compress: bool = False) -> None:
        self._tar = tarfile.open(path, "w:gz" if compress else "w")

    def write(self, key: str, members: dict[str, bytes]) -> None:
        for ext, data in members.items():
            info = tarfile.TarInfo(f"{key}.{ext}")
            info.size, info.mtime, info.mode = len(data), int(time.time()), 0o444
            self._tar.addfile(info, io.BytesIO(data))

    def close(self) -> None:
        self._tar.close()
