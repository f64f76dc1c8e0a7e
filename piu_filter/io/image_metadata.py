"""What an image file says besides its pixels: EXIF and TIFF text tags, GPS, XMP, IPTC, comments, PNG text.

`metadata_fields` lists every text-bearing field of an image file as (name, value), for the PII
analyzer; `metadata_text` joins them as `Name: value` lines; `has_gps` says whether the file
carries a GPS position. They read the header only, never the pixels.
"""

from __future__ import annotations

import io
import warnings
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator

from PIL import ExifTags, Image, IptcImagePlugin, TiffTags

EXIF_IFD = 0x8769
GPS_IFD = 0x8825
ORIENTATION = 0x0112
_XP_TAGS = {0x9C9B, 0x9C9C, 0x9C9D, 0x9C9E, 0x9C9F}  # XPTitle, XPComment, XPAuthor, XPKeywords, XPSubject (UTF-16)
_USER_COMMENT = 0x9286
_INFO_TEXT_KEYS = ("comment", "xmp", "XML:com.adobe.xmp")  # info keys that are not PNG text chunks but hold text
_INFO_BINARY_KEYS = {"exif", "icc_profile", "dpi", "jfif", "jfif_version", "jfif_unit", "jfif_density", "adobe",
                     "adobe_transform", "progression", "progressive", "duration", "loop", "background", "transparency",
                     "version", "extension", "compression", "gamma", "srgb", "chromaticity", "aspect", "interlace",
                     "bbox", "timestamp", "blend", "disposal", "default_image", "mp", "mpoffset", "resolution",
                     "photoshop", "exif_offset"}


def open_header(data: bytes) -> Image.Image:
    """The image opened lazily (pixels not decoded)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return Image.open(io.BytesIO(data))


def metadata_fields(data: bytes) -> list[tuple[str, str]]:
    """Every text-bearing metadata field of the image file as (name, value), each once."""
    try:
        found = [(name, value) for name, value in _fields(open_header(data)) if value.strip()]
    except (OSError, SyntaxError, ValueError, EOFError):
        return []
    return list(dict.fromkeys(found))


def metadata_text(data: bytes) -> str:
    """Every text-bearing metadata field of the image file, one `Name: value` line each ("" when none)."""
    return "\n".join(f"{name}: {value}" for name, value in metadata_fields(data))


def has_gps(data: bytes) -> bool:
    """Whether the file's EXIF carries a GPS position."""
    try:
        gps = open_header(data).getexif().get_ifd(GPS_IFD)
    except (OSError, SyntaxError, ValueError, EOFError):
        return False
    return bool(gps.get(2) or gps.get(4))  # GPSLatitude, GPSLongitude


def _fields(image: Image.Image) -> Iterator[tuple[str, str]]:
    exif = image.getexif()
    for ifd in (exif, exif.get_ifd(EXIF_IFD)):
        for tag, value in ifd.items():
            text = _exif_text(tag, value)
            if text is not None:
                yield _tag_name(tag), text
    if image.format == "TIFF":
        for tag, value in getattr(image, "tag_v2", {}).items():
            text = _exif_text(tag, value)
            if text is not None:
                yield _tag_name(tag), text
    for key, value in image.info.items():
        if key in _INFO_BINARY_KEYS:
            continue
        if key in _INFO_TEXT_KEYS or isinstance(value, (str, bytes)):
            text = _decode(value)
            yield ("XMP", _xmp_text(text)) if "xmp" in key.lower() or text.lstrip().startswith("<?xpacket") else (key, text)
    iptc = IptcImagePlugin.getiptcinfo(image) if image.format in ("JPEG", "TIFF") else None
    for (record, dataset), value in (iptc or {}).items():
        for item in value if isinstance(value, list) else [value]:
            yield f"IPTC {record}:{dataset}", _decode(item)


def _tag_name(tag: int) -> str:
    return ExifTags.TAGS.get(tag) or TiffTags.lookup(tag).name


def _exif_text(tag: int, value: object) -> str | None:
    """The text of a string-valued EXIF tag; None for numbers, offsets and binary blobs."""
    if tag in _XP_TAGS and isinstance(value, (bytes, tuple)):
        raw = bytes(value)
        return raw.decode("utf-16-le", errors="ignore").rstrip("\x00")
    if tag == _USER_COMMENT and isinstance(value, bytes):
        charset, body = value[:8], value[8:]
        return body.decode("utf-16" if charset.startswith(b"UNICODE") else "latin-1", errors="ignore").rstrip("\x00 ")
    if isinstance(value, str):
        return value.rstrip("\x00")
    return None


def _decode(value: object) -> str:
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    return str(value)


def _xmp_text(xmp: str) -> str:
    """Text nodes and attribute values of an XMP packet (its XML structure left out)."""
    try:
        root = ElementTree.fromstring(xmp[xmp.find("<x:") if "<x:" in xmp else 0:].split("<?xpacket end")[0].strip())
    except ElementTree.ParseError:
        return xmp
    parts = []
    for element in root.iter():
        parts.extend(v for k, v in element.attrib.items() if not k.startswith("{http://www.w3.org/1999/02/22-rdf"))
        if element.text and element.text.strip():
            parts.append(element.text.strip())
    return " | ".join(parts)
