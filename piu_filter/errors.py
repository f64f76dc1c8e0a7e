"""Errors a user can cause, reported as one clear message without a traceback, and error text fit for records."""

import re


class PiuFilterError(Exception):
    """A problem with the user's input, options or environment, explained in the message."""


class ModelUnavailableError(PiuFilterError):
    """A model's weights or files are not on this machine; the message says how to get them."""


_OBJECT_REPR = re.compile(r"<([\w.]+) object at 0x[0-9a-fA-F]+>")
_ADDRESS = re.compile(r"\s+at 0x[0-9a-fA-F]+")


def error_text(exc: BaseException) -> str:
    """`Type: message` fit for records and logs: the same on every run, so no object reprs or memory addresses
    (`<_io.BytesIO object at 0x7f...>` becomes `<_io.BytesIO>`); an OSError says its cause and its file."""
    if isinstance(exc, OSError) and exc.strerror:
        message = exc.strerror + (f" ({exc.filename})" if exc.filename else "")
    else:
        message = _ADDRESS.sub("", _OBJECT_REPR.sub(r"<\1>", str(exc)))
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__
