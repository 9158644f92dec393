"""Errors a user can act on. Anything else that escapes is a bug and shows."""

from __future__ import annotations


class JihuaError(Exception):
    """Base of every error jihua reports as bad input rather than a defect.
    `code` is stable English for programs; the message is for people, in
    the current language (models.messages)."""

    code = "bad_input"


class ReadError(JihuaError):
    """A file that cannot be read: the message names the file and the reason."""

    def __init__(self, file: str, reason: str):
        self.file = file
        self.reason = reason
        # reason is a models.messages.Message where it comes from the catalogue
        self.code = getattr(reason, "code", "read_error")
        super().__init__(f"{file}: {reason}")


class UnsupportedFormat(ReadError):
    pass


class MissingTool(ReadError):
    """A conversion needs a program or model that is not installed."""


class TooLarge(ReadError):
    """A file, archive or text over a configured limit (HTTP 413)."""


class UnsafeArchive(ReadError):
    """An archive with entries escaping its root, or one that would inflate
    beyond the limits (a zip bomb)."""
