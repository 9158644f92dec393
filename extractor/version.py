"""The parser's version: a hash of the extractor's code and data files.

Every stored document records the version that parsed it, and `jihua
reparse --outdated` parses again exactly the documents another version
parsed. A package version number changes only when someone remembers to
bump it; this hash changes with any edit to a rule, a word list, a reader
or a model file under extractor/.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent
# Files that say nothing about how a plan is parsed.
_SKIP_DIRS = {"__pycache__"}
_SKIP_SUFFIXES = {".pyc", ".pyo"}


def files(root: Path = ROOT) -> list[Path]:
    """The extractor's files that the hash covers, in a stable order."""
    return sorted(
        p
        for p in root.rglob("*")
        if p.is_file() and p.suffix not in _SKIP_SUFFIXES and not _SKIP_DIRS.intersection(p.relative_to(root).parts)
    )


def compute(root: Path = ROOT) -> str:
    """The hash of `root`'s files: each one's path (relative, with '/') and
    bytes, so a renamed, added or removed file changes it too."""
    h = hashlib.sha256()
    for p in files(root):
        h.update(p.relative_to(root).as_posix().encode() + b"\0")
        h.update(hashlib.sha256(p.read_bytes()).digest())
    return h.hexdigest()[:16]


@cache
def parser_version() -> str:
    """This process's parser version (computed once: the code it runs was
    loaded once too)."""
    return compute()
