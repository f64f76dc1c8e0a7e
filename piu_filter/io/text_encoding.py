"""Text members decoded by their real encoding and written back in it.

A byte-order mark says UTF-8, UTF-16 or UTF-32; bytes that are valid UTF-8 are UTF-8; anything else is
read with the encoding charset-normalizer finds most likely (Shift JIS, cp1251, ...), except that
windows-1252, the web's legacy default (WHATWG), wins when it reads the bytes with no more mess than that
encoding: on a short caption many single-byte encodings read equally well (`Jürgen Müller`). Text
written back goes out in the encoding it came in, so that every character outside a replaced span
keeps its bytes; where that encoding cannot hold the new text, it goes out as UTF-8.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


_WEB_DEFAULT = "cp1252"


class UndecodableText(ValueError):
    """Bytes that no text encoding reads."""


@dataclass(frozen=True)
class DecodedText:
    """A member's text and the encoding (a Python codec name) it was written in."""

    text: str
    encoding: str

    def encode(self, text: str) -> bytes:
        """`text` in this member's encoding, or UTF-8 where that encoding cannot hold it."""
        try:
            return text.encode(self.encoding)
        except UnicodeEncodeError:
            return text.encode("utf-8")


def decode_text(data: bytes) -> DecodedText:
    """The text of `data` and its encoding; UndecodableText when no encoding reads it as text."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return DecodedText(data.decode(encoding), encoding)
            except UnicodeDecodeError:
                raise UndecodableText(f"starts with a {encoding} byte-order mark but is not {encoding}") from None
    try:
        return DecodedText(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes
    from charset_normalizer.md import mess_ratio

    best = from_bytes(data).best()
    if best is None or "\x00" in str(best):
        raise UndecodableText("not text in any encoding charset-normalizer knows")
    try:
        western = data.decode(_WEB_DEFAULT)
    except UnicodeDecodeError:
        western = None
    if western is not None and mess_ratio(western, 1.0) <= best.chaos:
        return DecodedText(western, _WEB_DEFAULT)
    return DecodedText(str(best), codecs.lookup(best.encoding).name)
