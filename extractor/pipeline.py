"""The one place that knows the order of the stages.

bytes → blocks (readers) → clean lines (clean) → plans (plans) → outline
(outline) → objectives and tasks (tasks) with months (timex), bodies
(bodies), themes (themes) and targets (targets).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from extractor.errors import ReadError
from extractor.readers import read_bytes
from models import Document


def parse_bytes(data: bytes, name: str) -> Document:
    reading = read_bytes(data, name)
    doc = Document(
        file=name,
        format=reading.format,
        sha256=hashlib.sha256(data).hexdigest(),
        warnings=list(reading.warnings),
    )
    # Later stages are filled in step by step (see module docstring).
    return doc


def parse_file(path: str | Path) -> Document:
    p = Path(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError as e:
        raise ReadError(str(path), "no such file") from e
    except IsADirectoryError as e:
        raise ReadError(str(path), "is a directory, not a file") from e
    except PermissionError as e:
        raise ReadError(str(path), "permission denied") from e
    return parse_bytes(data, p.name)
