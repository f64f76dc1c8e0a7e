"""The text channels of a sample that can carry private information, besides the pixels.

- `caption`: the `txt` member; `text`: every other text member (`caption`, `alt.txt`, markup and
  tables such as `xml`, `html`, `csv`, `vtt`, read with their markup), each in its own encoding
  (`piu_filter.io.text_encoding`); a member no encoding reads has no channel (it is removed);
- `json:PATH`: every string value of the json metadata, nested ones too (`json:title`,
  `json:meta.alt[0]`, and inside strings that hold json themselves, such as img2dataset's
  `exif`), except fields known not to be text (hashes, sizes, status) and the URL; a json that
  is a list is walked the same way, one that does not parse is a text member;
- `metadata`: each text field of the file metadata of each image member (EXIF, XMP, IPTC,
  comments, PNG text);
- `url`: the words of the URL's path and query (`/jane-doe-20-week-scan.jpg` reads
  `Jane Doe 20 Week Scan`). Only dates precise to the day count there, and names of two words
  or more in a URL that speaks of a scan or a pregnancy: slugs of shop and news pages are full
  of capitalised words that are nobody's name.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from piu_filter.io.image_metadata import metadata_fields
from piu_filter.io.text_encoding import UndecodableText, decode_text
from piu_filter.sample import Sample

NON_TEXT_FIELDS = frozenset({"url", "key", "status", "sha256", "md5", "phash", "hash", "width", "height",
                             "original_width", "original_height", "size", "mimetype", "format"})
URL_CONTEXT = frozenset({"scan", "scans", "ultrasound", "sonogram", "sono", "baby", "pregnancy", "pregnant", "week",
                         "weeks", "wk", "due", "gender", "reveal", "announcement", "bump", "fetus", "fetal", "obgyn",
                         "patient", "birth", "newborn", "trimester", "maternity"})
_HEX_DIGEST = re.compile(r"^[0-9a-fA-F]{32,}$")
_URL_TOKEN = re.compile(r"\d{1,4}(?:[-.]\d{1,2}[-.]\d{2,4})|[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")
_FILE_EXTENSIONS = frozenset({"jpg", "jpeg", "png", "webp", "gif", "bmp", "tif", "tiff", "htm", "html", "php", "aspx"})
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*"
_DAY_PRECISE_DATE = re.compile(
    rf"\d{{1,4}}[-./ ]\d{{1,2}}[-./ ]\d{{2,4}}|\b(?:19|20)\d{{2}}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\b"
    rf"|\b{_MONTH}\s+\d{{1,2}}\b|\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}\b", re.IGNORECASE)


@dataclass(frozen=True)
class TextChannel:
    """One piece of text: `name` is unique in the sample and keys its findings; `source` goes into entities.

    `label` is the field name the text stands under (a json key, an EXIF tag): it is analysed as
    `label: text`, which gives the analyzer the context a printed label gives, and no finding
    falls on the label itself.
    """

    name: str
    source: str
    text: str
    member: str | None = None
    path: tuple[str | int, ...] | None = None
    label: str = ""

    @property
    def analysed_text(self) -> str:
        return f"{self.label}: {self.text}" if self.label else self.text

    @property
    def offset(self) -> int:
        """Where `text` starts in `analysed_text`."""
        return len(self.label) + 2 if self.label else 0


def text_channels(sample: Sample, metadata: bool = True) -> list[TextChannel]:
    """Every text channel of `sample` that holds text (without the image files' metadata when not `metadata`)."""
    channels: list[TextChannel] = []
    for member in sample.text_members:
        text = _decoded(sample.members[member])
        if text is not None:
            source = "caption" if member == "txt" else "text"
            channels.append(TextChannel("caption" if member == "txt" else f"text:{member}", source, text, member))
    for member in sample.json_members:
        channels.extend(_json_channels(member, sample.members[member]))
    for member in sample.image_members if metadata else ():
        channels.extend(TextChannel(f"metadata:{member}:{name}", "metadata", value, member, label=name)
                        for name, value in metadata_fields(sample.members[member]))
    if sample.url:
        channels.append(TextChannel("url", "url", url_words(sample.url)))
    return [channel for channel in channels if channel.text.strip()]


def _json_channels(member: str, data: bytes) -> list[TextChannel]:
    text = _decoded(data)
    if text is None:
        return []
    try:
        parsed = json.loads(text)
    except ValueError:
        return [TextChannel(f"text:{member}", "text", text, member)]
    prefix = "json" if member == "json" else member
    return [TextChannel(f"{prefix}:{_dotted(path)}", f"{prefix}:{_dotted(path)}", value, member, path,
                        label=next((str(step) for step in reversed(path) if isinstance(step, str) and step != NESTED_JSON), ""))
            for path, value in json_strings(parsed)]


NESTED_JSON = "<json>"  # a path step into a string that holds json itself


def json_strings(value: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """(path, string) for every string inside `value`, skipping NON_TEXT_FIELDS and hex digests; a string
    holding a json object or list is walked into (its step in the path is NESTED_JSON)."""
    if isinstance(value, dict):
        for key, item in value.items():
            if str(key).lower() not in NON_TEXT_FIELDS:
                yield from json_strings(item, (*path, str(key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from json_strings(item, (*path, index))
    elif isinstance(value, str) and not _HEX_DIGEST.match(value):
        nested = _parsed_container(value)
        if nested is None:
            yield path, value
        else:
            yield from json_strings(nested, (*path, NESTED_JSON))


def set_json_string(value: Any, path: tuple[str | int, ...], text: str) -> Any:
    """`value` with the string at `path` replaced by `text` (the root itself when `path` is empty)."""
    if not path:
        return text
    step, rest = path[0], path[1:]
    if step == NESTED_JSON:
        return json.dumps(set_json_string(json.loads(value), rest, text), ensure_ascii=False)
    value[step] = set_json_string(value[step], rest, text)
    return value


def _parsed_container(text: str) -> dict | list | None:
    if not text.lstrip().startswith(("{", "[")):
        return None
    try:
        parsed = json.loads(text)
    except ValueError:
        return None
    return parsed if isinstance(parsed, (dict, list)) else None


def _dotted(path: tuple[str | int, ...]) -> str:
    dotted = ""
    for step in path:
        if step == NESTED_JSON:
            continue
        dotted += f"[{step}]" if isinstance(step, int) else (f".{step}" if dotted else step)
    return dotted or "$"


def url_words(url: str) -> str:
    """The words of a URL's path and query values, split at separators and case changes, capitalised;
    file extensions and the host left out."""
    parts = urlsplit(url)
    pieces = [unquote(segment) for segment in parts.path.split("/")] + [value for _, value in parse_qsl(parts.query)]
    words = [token for piece in pieces for token in _URL_TOKEN.findall(piece) if token.lower() not in _FILE_EXTENSIONS]
    return " ".join(word.capitalize() if word.isalpha() else word for word in words)


def counts_in_url(entity_type: str, found: str, words: str) -> bool:
    """Whether a finding `found` in the URL words `words` counts: a date precise to the day (upload
    folders such as 2021/02 do not), or a name of two words or more, none of them a stop word,
    beside a pregnancy word."""
    from spacy.lang.en.stop_words import STOP_WORDS

    if entity_type == "DATE_TIME":
        return bool(_DAY_PRECISE_DATE.search(found))
    if entity_type == "PERSON":
        name = [word for word in found.split() if word.lower() not in URL_CONTEXT]
        return (len(name) >= 2 and all(word.isalpha() and word.lower() not in STOP_WORDS for word in name)
                and any(word.lower() in URL_CONTEXT for word in words.split()))
    return False


def _decoded(data: bytes) -> str | None:
    try:
        return decode_text(data).text
    except UndecodableText:
        return None
