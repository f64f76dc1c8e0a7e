"""Expanding path arguments: files named directly, and the files found in named folders."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from piu_filter.errors import PiuFilterError


def expand_paths(items: Iterable[str | Path], in_folder: Callable[[Path], Iterable[Path]], what: str) -> list[Path]:
    """Each item as a file, or the files `in_folder` finds in it; a missing path or a folder with
    none is an error that names `what`."""
    files: list[Path] = []
    for item in map(Path, items):
        if item.is_dir():
            found = list(in_folder(item))
            if not found:
                raise PiuFilterError(f"{what}: folder {item} holds none")
            files.extend(found)
        elif item.is_file():
            files.append(item)
        else:
            raise PiuFilterError(f"{what}: {item} not found")
    return files
