"""Labelled images for training and evaluation: folders of image files, or shards."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from piu_filter.errors import PiuFilterError
from piu_filter.io.shards import ShardReadReport, expand_inputs, is_shard, read_samples
from piu_filter.sample import IMAGE_EXTENSIONS, Sample


def is_image_folder(path: Path) -> bool:
    return path.is_dir() and any(image_files(path))


def image_files(folder: Path) -> Iterator[Path]:
    """Image files under `folder`, recursively, in sorted order."""
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.suffix.lower().lstrip(".") in IMAGE_EXTENSIONS:
            yield path


def labelled_samples(inputs: list[str]) -> Iterator[Sample]:
    """Samples from image folders (searched recursively) and shard inputs (tars, patterns, URLs)."""
    for item in inputs:
        path = Path(item)
        if is_image_folder(path):
            for file in image_files(path):
                ext = file.suffix.lower().lstrip(".")
                yield Sample(key=str(file.relative_to(path)), shard=str(path), members={ext: file.read_bytes()})
            continue
        if path.is_dir() and not any(is_shard(p.name) for p in path.rglob("*")):
            raise PiuFilterError(f"{item!r} holds neither images nor .tar, .tar.gz or .tgz shards")
        for source in expand_inputs([item]):
            report = ShardReadReport()
            yield from read_samples(source, report)
            if report.error:
                raise PiuFilterError(f"labelled shard {source.name} is unreadable: {report.error}")
