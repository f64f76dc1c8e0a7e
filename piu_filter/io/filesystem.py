"""Outputs on any fsspec filesystem: a local folder or a URL (`s3://bucket/out`, `gs://...`).

A location is a plain string, so whatever holds one pickles cheaply; each process opens the
filesystem itself (fsspec keeps one instance per process and settings). Files appear whole:
on a local disk they are written under a temporary name beside the final one and renamed;
elsewhere a finished local temporary file goes up in one upload, so an object store shows the
object complete or not at all. Credentials and endpoints come from the filesystem's own
settings: for s3fs the AWS environment variables (`AWS_ENDPOINT_URL`, ...) and config files,
for any filesystem fsspec's `FSSPEC_<PROTOCOL>_<OPTION>` variables.
"""

from __future__ import annotations

import json
import os
import posixpath
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePath, PurePosixPath
from typing import Any

import fsspec
from fsspec.registry import known_implementations
from fsspec.utils import get_protocol

from piu_filter.errors import PiuFilterError

TMP_SUFFIX = ".tmp"
_WRITE_CHECK = ".piu-filter-write-check"
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*)://(.*)$")


def is_local(url: str | os.PathLike) -> bool:
    return get_protocol(os.fspath(url)) in ("file", "local")


def folder_location(url: str | os.PathLike) -> str:
    """A folder as one string: an absolute local path, or the URL without a trailing slash."""
    text = os.fspath(url)
    if is_local(text):
        return os.path.abspath(re.sub(r"^(file|local)://", "", text))
    return text.rstrip("/")


def join(folder: str, *parts: str) -> str:
    return "/".join((folder.rstrip("/"), *parts))


def remote_parts(url: str) -> tuple[str, PurePosixPath] | None:
    """A URL's filesystem (aliases such as s3/s3a as one) and path, to compare locations; None for local paths."""
    match = _SCHEME.match(url)
    if match is None or is_local(url):
        return None
    protocol = match.group(1).lower()
    return known_implementations.get(protocol, {}).get("class", protocol), PurePosixPath("/" + match.group(2).strip("/"))


def filesystem(url: str | os.PathLike) -> tuple[fsspec.AbstractFileSystem, str]:
    """The filesystem and path of `url`; an unknown protocol or a missing package is a clear error."""
    text = os.fspath(url)
    try:
        return fsspec.core.url_to_fs(text)
    except ImportError:
        module = known_implementations.get(get_protocol(text), {}).get("class", "").split(".")[0]
        raise PiuFilterError(f"{text}: the {get_protocol(text)}:// filesystem needs the {module} package: "
                             f"pip install {module}") from None
    except ValueError as exc:
        raise PiuFilterError(f"{text}: {exc} (no fsspec filesystem has this protocol)") from None


def check_writable(folder: str) -> None:
    """Write and remove a small object in a remote `folder`, so that a missing bucket, missing
    credentials or an unreachable endpoint fail now, with their cause, not at the first shard."""
    if is_local(folder):
        return
    fs, path = filesystem(folder)
    probe = posixpath.join(path, _WRITE_CHECK)
    try:
        fs.pipe_file(probe, b"")
        fs.rm_file(probe)
    except Exception as exc:  # noqa: BLE001 - every filesystem raises its own errors
        cause = "the bucket or folder does not exist" if isinstance(exc, FileNotFoundError) else f"{type(exc).__name__}: {exc}"
        raise PiuFilterError(f"cannot write to {folder}: {cause}; check the location, the credentials and the "
                             "endpoint of its filesystem (see the README, outputs on object stores)") from None


def make_folder(url: str) -> None:
    """Make a local folder; elsewhere nothing (object stores have no folders, and an upload makes its
    parents where a filesystem has them), so that a mistyped bucket is never created."""
    if is_local(url):
        os.makedirs(folder_location(url), exist_ok=True)


@contextmanager
def written_whole(url: str) -> Iterator[str]:
    """A local file path to write `url`'s content to; when the block ends without error the file
    is put in place in one step (a rename on a local disk, one upload elsewhere), otherwise removed."""
    fs, path = filesystem(url)
    if is_local(url):
        tmp = path + TMP_SUFFIX
        try:
            yield tmp
            os.replace(tmp, path)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise
        return
    handle, tmp = tempfile.mkstemp(prefix="piu-filter-", suffix=posixpath.basename(path))
    os.close(handle)
    try:
        yield tmp
        fs.put_file(tmp, path)
    finally:
        os.unlink(tmp)


def write_bytes_whole(url: str, data: bytes) -> None:
    """Write `data` to `url` so that it appears complete or not at all (one upload on object stores)."""
    if is_local(url):
        with written_whole(url) as tmp, open(tmp, "wb") as file:
            file.write(data)
        return
    fs, path = filesystem(url)
    fs.pipe_file(path, data)


def write_json_whole(url: str, data: Any) -> None:
    write_bytes_whole(url, json.dumps(data, indent=2, sort_keys=True).encode())


def read_json_files(folder: str) -> dict[str, Any]:
    """Every `*.json` file directly in `folder`, by stem, read as they are now (other processes may have written them)."""
    fs, path = filesystem(folder)
    fs.invalidate_cache(path)
    names = sorted(name for name in fs.find(path, maxdepth=1) if name.endswith(".json"))
    contents = fs.cat_ranges(names, None, None, on_error="raise") if names else []  # concurrent where the filesystem is
    return {posixpath.basename(name)[: -len(".json")]: json.loads(data) for name, data in zip(names, contents)}


def remove_files(folder: str) -> None:
    """Remove the files directly in `folder` (not its subfolders); a missing folder holds none."""
    fs, path = filesystem(folder)
    fs.invalidate_cache(path)
    files = fs.find(path, maxdepth=1)
    if files:
        fs.rm(files)


def remove_file(url: str) -> None:
    fs, path = filesystem(url)
    if fs.exists(path):
        fs.rm_file(path)


def check_output_apart(inputs: list[str], output: str | Path, what: str = "the input") -> None:
    """Refuse an output folder equal to, inside, or holding an input (a local path, or a URL on the
    same filesystem): it would overwrite or re-read it. `what` names the inputs in the message."""
    out = _location(str(output))
    for item in inputs:
        if item.startswith("pipe:"):
            continue
        path = _location(re.split(r"[*?\[{]", item, maxsplit=1)[0] or ".")
        if out[0] == path[0] and (out[1] == path[1] or out[1] in path[1].parents or path[1] in out[1].parents):
            raise PiuFilterError(f"--output {output} overlaps {what} {shown(item)}: choose a folder apart from it")


def _location(text: str) -> tuple[str, PurePath]:
    """A location's filesystem ("" for this machine) and its absolute path on it, to compare locations."""
    remote = remote_parts(text)
    if remote is not None:
        return remote
    return "", Path(re.sub(r"^(file|local)://", "", text) or ".").resolve()


def shown(url: str) -> str:
    """A location fit for logs and stats: a `pipe:` command keeps only its program name (its arguments may hold tokens)."""
    if url.startswith("pipe:"):
        program = url[len("pipe:"):].split()
        return f"pipe:{program[0]} ***" if program else "pipe:"
    return url
