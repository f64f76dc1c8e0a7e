"""Remove an image file's text-bearing metadata without touching its pixels.

JPEG, PNG and WebP files are edited at the level of their segments and chunks (the compressed
pixel data is copied byte for byte): EXIF, XMP, IPTC, comments, PNG text chunks and WebP
EXIF/XMP chunks go; the ICC profile (colour, not identity) and everything needed to decode
stay. EXIF Orientation is kept as the only tag, so images still display upright. Other formats
(GIF, TIFF, ...) that carry metadata are saved again, all frames, with none. A file without
metadata comes back as the same bytes.
"""

from __future__ import annotations

import io
import struct
import zlib

from PIL import Image

from piu_filter.io.image_metadata import ORIENTATION, has_gps, metadata_text, open_header

_SOI, _EOI, _SOS, _COM = 0xD8, 0xD9, 0xDA, 0xFE
_APP0, _APP1, _APP2, _APP14, _APP15 = 0xE0, 0xE1, 0xE2, 0xEE, 0xEF
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_PNG_TEXT_CHUNKS = {b"tEXt", b"iTXt", b"zTXt", b"eXIf"}
_WEBP_METADATA_CHUNKS = {b"EXIF", b"XMP "}
_VP8X_EXIF, _VP8X_XMP = 0x08, 0x04


def strip_metadata(data: bytes) -> bytes:
    """`data` with its text-bearing metadata removed (the same object when there was none)."""
    if data[:2] == b"\xff\xd8":
        stripped = _strip_jpeg(data)
    elif data[:8] == _PNG_SIGNATURE:
        stripped = _strip_png(data)
    elif data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        stripped = _strip_webp(data)
    else:
        stripped = _resave(data) if metadata_text(data) or has_gps(data) else data
    return data if stripped == data else stripped


def _orientation(data: bytes) -> int:
    try:
        return int(open_header(data).getexif().get(ORIENTATION, 1))
    except (OSError, SyntaxError, ValueError, EOFError, TypeError):
        return 1


def _orientation_exif(orientation: int) -> bytes:
    """A TIFF-structured EXIF block holding only the orientation tag."""
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    return exif.tobytes()[len(b"Exif\x00\x00"):]


def _strip_jpeg(data: bytes) -> bytes:
    out = [data[:2]]
    orientation = _orientation(data)
    position = 2
    while position + 1 < len(data):
        if data[position] != 0xFF:
            raise ValueError("JPEG segment does not start with a marker")
        marker = data[position + 1]
        if marker == 0xFF:  # fill byte
            position += 1
            continue
        if marker == _EOI:
            out.append(data[position:position + 2])
            break  # anything after the end of the image (appended data, MPF pictures) is left out
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:
            out.append(data[position:position + 2])
            position += 2
            continue
        length = int.from_bytes(data[position + 2:position + 4], "big")
        end = position + 2 + length
        if marker == _SOS:
            end = _entropy_end(data, end)
            out.append(data[position:end])
        elif marker == _APP1 and orientation != 1 and data[position + 4:position + 10] == b"Exif\x00\x00":
            payload = b"Exif\x00\x00" + _orientation_exif(orientation)
            out.append(b"\xff\xe1" + (len(payload) + 2).to_bytes(2, "big") + payload)
            orientation = 1  # written once
        elif _jpeg_keeps(marker, data[position + 4:end]):
            out.append(data[position:end])
        position = end
    return b"".join(out)


def _jpeg_keeps(marker: int, payload: bytes) -> bool:
    """Decoding segments, JFIF, the ICC profile and Adobe's colour transform stay; other APPn and COM go."""
    if marker == _COM:
        return False
    if _APP0 <= marker <= _APP15:
        return ((marker == _APP0 and payload.startswith(b"JFIF\x00")) or (marker == _APP2 and payload.startswith(b"ICC_PROFILE\x00"))
                or (marker == _APP14 and payload.startswith(b"Adobe")))
    return True


def _entropy_end(data: bytes, position: int) -> int:
    """Where the entropy-coded data after a scan header ends: the next marker other than a restart."""
    while True:
        found = data.find(b"\xff", position)
        if found < 0 or found + 1 >= len(data):
            return len(data)
        following = data[found + 1]
        if following == 0x00 or 0xD0 <= following <= 0xD7:
            position = found + 2
        elif following == 0xFF:
            position = found + 1
        else:
            return found


def _png_chunk(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))


def _strip_png(data: bytes) -> bytes:
    out = [_PNG_SIGNATURE]
    orientation = _orientation(data)
    position = len(_PNG_SIGNATURE)
    while position + 8 <= len(data):
        length = int.from_bytes(data[position:position + 4], "big")
        kind = data[position + 4:position + 8]
        end = position + 12 + length
        if kind == b"eXIf" and orientation != 1:
            out.append(_png_chunk(b"eXIf", _orientation_exif(orientation)))
        elif kind not in _PNG_TEXT_CHUNKS:
            out.append(data[position:end])
        position = end
        if kind == b"IEND":
            break
    return b"".join(out)


def _strip_webp(data: bytes) -> bytes:
    orientation = _orientation(data)
    chunks: list[bytes] = []
    position = 12
    while position + 8 <= len(data):
        kind = data[position:position + 4]
        size = int.from_bytes(data[position + 4:position + 8], "little")
        end = position + 8 + size + (size & 1)
        if kind == b"EXIF" and orientation != 1:
            payload = _orientation_exif(orientation)
            chunks.append(kind + len(payload).to_bytes(4, "little") + payload + b"\x00" * (len(payload) & 1))
        elif kind not in _WEBP_METADATA_CHUNKS:
            chunks.append(data[position:end])
        position = end
    kept_exif = any(chunk[:4] == b"EXIF" for chunk in chunks)
    for index, chunk in enumerate(chunks):
        if chunk[:4] == b"VP8X":
            flags = chunk[8] & ~_VP8X_XMP & (0xFF if kept_exif else ~_VP8X_EXIF)
            chunks[index] = chunk[:8] + bytes([flags & 0xFF]) + chunk[9:]
    body = b"WEBP" + b"".join(chunks)
    return b"RIFF" + len(body).to_bytes(4, "little") + body


def _resave(data: bytes) -> bytes:
    """Other formats: every frame saved again in the same format, with no metadata (lossless formats only)."""
    image = open_header(data)
    fmt = image.format
    frames = []
    for index in range(getattr(image, "n_frames", 1)):
        image.seek(index)
        frame = image.copy()
        frame.info = {k: v for k, v in image.info.items() if k in ("duration", "loop", "transparency", "background", "disposal", "compression")}
        frames.append(frame)
    out = io.BytesIO()
    options = dict(frames[0].info)
    if fmt == "TIFF" and options.get("compression") not in (None, "raw", "tiff_lzw", "tiff_adobe_deflate", "packbits"):
        options.pop("compression")  # a lossy TIFF compression is not re-applied: saved without loss instead
    frames[0].save(out, format=fmt, save_all=len(frames) > 1, append_images=frames[1:], **options)
    return out.getvalue()
