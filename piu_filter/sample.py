"""One image-text pair in WebDataset convention, with the annotations stages add to it."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Literal

import numpy as np
from PIL import Image

from piu_filter.io.text_encoding import UndecodableText, decode_text

IMAGE_EXTENSIONS = ("jpg", "jpeg", "png", "webp", "gif", "bmp", "tif", "tiff")
TEXT_EXTENSIONS = ("txt", "text", "caption")
MARKUP_EXTENSIONS = ("xml", "html", "htm", "xhtml", "svg", "csv", "tsv", "md", "vtt", "srt", "cls")  # read as text
JSON_EXTENSIONS = ("json",)
DICOM_EXTENSIONS = ("dcm", "dicom")

Action = Literal["keep", "redact", "drop"]


@dataclass
class Entity:
    """A piece of private information found in a sample.

    `source` says where it was found: `image` (the pixels of image `member`, frame `frame`, within
    `box`; on tilted text `outline` is the quadrilateral inside the box that holds it), `caption` (the `txt` member), `text` (another text member), `json:PATH` (a string
    field of the json metadata), `metadata` (the file metadata of image `member`) or `url`;
    `start`/`end` are its span in that text. `text` holds the raw string only while the sample
    is processed; records drop it unless the user asks to keep PII text.
    """

    type: str
    source: str
    score: float
    box: tuple[int, int, int, int] | None = None
    start: int | None = None
    end: int | None = None
    text: str | None = None
    member: str | None = None
    frame: int | None = None
    outline: tuple[tuple[float, float], ...] | None = None


@dataclass
class Face:
    """A face in image `member`, frame `frame`, within `box` (x0, y0, x1, y1), with the detector's `score`."""

    member: str
    frame: int
    box: tuple[int, int, int, int]
    score: float


@dataclass
class Sample:
    """A sample's raw files (`members`, extension -> bytes) plus typed annotations.

    `image` is the first image member decoded for scoring, `other_images` the other image
    members' first frames when the profile scores every member. `prepared` holds model inputs a
    stage made ahead of time (by stage name), until it uses them. `ocr_texts` is the corrected
    OCR text of each (image member, frame), `band_texts` that of the words only its bands read again
    larger found (`models/ocr/bands.py`); `text_findings` the analyzer's results on each text
    channel (see `piu_filter.channels`). `unreadable` says why a frame could not be read.
    `members_removed` are the members an output leaves out (no parser reads them, or their text
    cannot be decoded), `members_unread` those the profile keeps unread (`keep_members`), and
    `member_problems` what was wrong with a member that is still read (`json_invalid`) or removed
    (`text_undecodable`). `dicom_uid` is the SOP Instance UID of a DICOM sample's first DICOM member;
    `dicom_header_values` the private values of each DICOM member's header by entity type, looked for
    in its pixels. `faces` are the faces found on its image members (None where no one looked).
    """

    key: str
    shard: str
    members: dict[str, bytes]
    image: Image.Image | None = None
    other_images: list[Image.Image] = field(default_factory=list)
    original_size: tuple[int, int] | None = None
    image_sha256: str | None = None
    image_phash: str | None = None
    embedding: np.ndarray | None = None
    member_embeddings: np.ndarray | None = None
    prepared: dict[str, Any] = field(default_factory=dict)
    ocr_texts: dict[tuple[str, int], Any] = field(default_factory=dict)
    band_texts: dict[tuple[str, int], Any] = field(default_factory=dict)
    text_findings: dict[str, list] = field(default_factory=dict)
    unreadable: str | None = None
    members_removed: list[str] = field(default_factory=list)
    members_unread: list[str] = field(default_factory=list)
    member_problems: dict[str, str] = field(default_factory=dict)
    dicom_uid: str | None = None
    dicom_header_values: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    clip_score: float | None = None
    clip_similarity: float | None = None
    image_query_score: float | None = None
    classifier_prob: float | None = None
    detected: bool = False
    candidate: bool = False
    ocr_ran: bool = False
    entities: list[Entity] = field(default_factory=list)
    faces: list[Face] | None = None  # None: the face stage did not look at this sample
    action: Action = "keep"
    reasons: list[str] = field(default_factory=list)
    error: str | None = None

    @property
    def image_members(self) -> list[str]:
        """Every member holding an image: the first by WebDataset extension (`jpg` before `png`, ...),
        then the others (`left.jpg`, `mask.png`, ...) in the order the sample holds them."""
        plain = [ext for ext in IMAGE_EXTENSIONS if ext in self.members]
        return plain + [name for name in self.members if name not in plain and last_part(name) in IMAGE_EXTENSIONS]

    @property
    def text_members(self) -> list[str]:
        """Members read as text: plain text (`txt`, `caption`, `text`, `alt.txt`, ...) and markup or tables
        (`xml`, `html`, `csv`, `vtt`, ...), markup kept."""
        return [name for name in self.members if last_part(name) in TEXT_EXTENSIONS + MARKUP_EXTENSIONS]

    @property
    def dicom_members(self) -> list[str]:
        return [name for name in self.members if last_part(name) in DICOM_EXTENSIONS]

    @property
    def pixel_members(self) -> list[str]:
        """Every member with pixels: the image members, then the DICOM members."""
        return self.image_members + self.dicom_members

    @property
    def json_members(self) -> list[str]:
        return [name for name in self.members if last_part(name) in JSON_EXTENSIONS]

    @property
    def image_extension(self) -> str | None:
        """The first image member."""
        members = self.image_members
        return members[0] if members else None

    @property
    def image_bytes(self) -> bytes | None:
        ext = self.image_extension
        return self.members[ext] if ext else None

    @property
    def caption(self) -> str | None:
        """The `txt` member's text, read in its own encoding (None when missing or undecodable)."""
        data = self.members.get("txt")
        try:
            return decode_text(data).text if data is not None else None
        except UndecodableText:
            return None

    @property
    def metadata(self) -> dict[str, Any]:
        """The parsed `json` member; empty when missing or not a JSON object."""
        data = self.members.get("json")
        if data is None:
            return {}
        try:
            parsed = json.loads(data)
        except ValueError:
            return {}
        return parsed if isinstance(parsed, dict) else {}

    @cached_property
    def url(self) -> str | None:
        """The json's `url` as the sample came: kept for its record when redaction removes it from the output."""
        url = self.metadata.get("url")
        return url if isinstance(url, str) else None

    @property
    def locator(self) -> str | None:
        """What records and blocklists name the sample by: its URL, or for a DICOM sample without one
        `urn:oid:` and its SOP Instance UID."""
        return self.url or (f"urn:oid:{self.dicom_uid}" if self.dicom_uid else None)

    @property
    def source_sha256(self) -> str | None:
        """img2dataset's SHA-256 of the image as downloaded (the json's `sha256`), where there is one."""
        digest = self.metadata.get("sha256")
        return digest.lower() if isinstance(digest, str) and len(digest) == 64 else None

    @property
    def ok(self) -> bool:
        return self.error is None

    def fail(self, stage: str, message: str) -> None:
        """Mark the sample as failed; it gets a record and is not written to output shards."""
        self.error = f"{stage}: {message}"
        self.action = "drop"
        self.image = None
        self.other_images = []
        self.embedding = None
        self.member_embeddings = None
        self.prepared.clear()
        self.ocr_texts = {}
        self.band_texts = {}


def last_part(member: str) -> str:
    """The member's type: the last part of its name (`jpg` of `left.jpg`), lower-case."""
    return member.rsplit(".", 1)[-1].lower()
