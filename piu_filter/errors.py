"""Errors a user can cause, reported as one clear message without a traceback."""


class PiuFilterError(Exception):
    """A problem with the user's input, options or environment, explained in the message."""


class ModelUnavailableError(PiuFilterError):
    """A model's weights or files are not on this machine; the message says how to get them."""
