"""Closed by default: every member of a sample is read, or left out of the output.

Images are read by the image stages, text and markup by the text channels (in their own encoding),
json by its fields, DICOM by its pixels and header (where pydicom and dicom-anonymizer are installed).
A member of any other type (`bin`, `npy`, `pdf`, ...) is never written out unread: it is removed from
kept and redacted samples, unless the profile's `keep_members` names its type, and the record says
which. A text member no encoding reads is removed as well; a json member that is not an object is read
as text, and the record says so.
"""

from __future__ import annotations

import importlib.util
import json
import logging

from piu_filter.stages.base import Stage
from piu_filter.io.text_encoding import UndecodableText, decode_text
from piu_filter.sample import (DICOM_EXTENSIONS, IMAGE_EXTENSIONS, JSON_EXTENSIONS, MARKUP_EXTENSIONS, TEXT_EXTENSIONS,
                               Sample, last_part)

log = logging.getLogger(__name__)
READ_TYPES = frozenset(IMAGE_EXTENSIONS + TEXT_EXTENSIONS + MARKUP_EXTENSIONS + JSON_EXTENSIONS)
JSON_INVALID = "json_invalid"
TEXT_UNDECODABLE = "text_undecodable"


class MemberCheck(Stage):
    """Says of each sample which members the output leaves out, which it keeps unread, and what is wrong
    with a member that is still read (`member_problems`)."""

    name = "members"

    def __init__(self, keep_members: list[str], read_dicom: bool = True) -> None:
        super().__init__()
        self.keep_members = frozenset(ext.lower().lstrip(".") for ext in keep_members)
        self.read_types = READ_TYPES | frozenset(DICOM_EXTENSIONS if read_dicom else ())
        self._dicom_warned = read_dicom

    def annotate(self, batch: list[Sample]) -> None:
        """Nothing left to do: members are checked in `prepare`."""

    def prepare(self, batch: list[Sample]) -> None:
        for sample in batch:
            sample.members_removed, sample.members_unread, sample.member_problems = [], [], {}
            for member, data in sample.members.items():
                kind = last_part(member)
                if kind not in self.read_types:
                    (sample.members_unread if kind in self.keep_members else sample.members_removed).append(member)
                    self._warn_unread_dicom(kind)
                elif kind in TEXT_EXTENSIONS + MARKUP_EXTENSIONS + JSON_EXTENSIONS:
                    self._check_text(sample, member, data, kind in JSON_EXTENSIONS)

    def _warn_unread_dicom(self, kind: str) -> None:
        if kind in DICOM_EXTENSIONS and not self._dicom_warned:
            log.warning("DICOM members are removed unread: pydicom or dicom-anonymizer is not installed: "
                        "pip install 'piu-filter[dicom]'")
            self._dicom_warned = True

    @staticmethod
    def _check_text(sample: Sample, member: str, data: bytes, is_json: bool) -> None:
        try:
            text = decode_text(data).text
        except UndecodableText:
            sample.member_problems[member] = TEXT_UNDECODABLE
            sample.members_removed.append(member)
            return
        if is_json and not isinstance(_parsed(text), dict):
            sample.member_problems[member] = JSON_INVALID


class MemberRemover(Stage):
    """Removes `members_removed` from every kept or redacted sample: the last output stage."""

    name = "remove_members"
    failure = "while writing the output"

    def applies_to(self, sample: Sample) -> bool:
        return sample.action != "drop" and bool(sample.members_removed)

    def annotate(self, batch: list[Sample]) -> None:
        for sample in batch:
            for member in sample.members_removed:
                sample.members.pop(member, None)


def dicom_readable() -> bool:
    """Whether this machine reads DICOM members (pydicom and dicom-anonymizer installed)."""
    return all(importlib.util.find_spec(name) is not None for name in ("pydicom", "dicomanonymizer"))


def _parsed(text: str) -> object:
    try:
        return json.loads(text)
    except ValueError:
        return None
