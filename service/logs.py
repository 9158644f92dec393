"""Logging for the CLI and the server: module loggers (`logging.getLogger(
__name__)`) under one handler on stderr, at the level JIHUA_LOG_LEVEL names
(default WARNING: internal errors with their tracebacks, nothing chatty)."""

from __future__ import annotations

import logging
import sys

FORMAT = "%(asctime)s %(levelname)s %(name)s [%(processName)s]: %(message)s"
_PACKAGES = ("api", "service", "store", "extractor", "models")


class _Stderr(logging.StreamHandler):
    """Writes to whatever sys.stderr is at the time (a test runner swaps it)."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)

    @property
    def stream(self):  # noqa: ANN201
        return sys.stderr

    @stream.setter
    def stream(self, value) -> None:  # noqa: ANN001
        pass


def log_level() -> int:
    from api.settings import Settings

    level = logging.getLevelName(Settings().log_level.strip().upper())
    return level if isinstance(level, int) else logging.WARNING


def setup_logging(level: int | None = None) -> None:
    """Once per process (the CLI, the server, each parser process): our
    packages' loggers write to stderr at `level` (JIHUA_LOG_LEVEL)."""
    level = log_level() if level is None else level
    handler = next((h for h in logging.getLogger("jihua").handlers), None)
    if handler is None:
        handler = _Stderr()
        handler.setFormatter(logging.Formatter(FORMAT))
        logging.getLogger("jihua").addHandler(handler)  # a marker that setup ran
    for name in _PACKAGES:
        logger = logging.getLogger(name)
        logger.setLevel(level)
        if handler not in logger.handlers:
            logger.addHandler(handler)
        logger.propagate = False
