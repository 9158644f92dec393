"""Themes of a text from a keyword taxonomy.

The default taxonomy is extractor/data/taxonomy.json: the eleven themes of
gold/FORMAT.md, each with the words that signal it. A user may pass a file
of the same shape (a JSON list of {"theme", "covers", "keywords"}); it
replaces the default entirely, so the result speaks only of the user's themes.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from extractor.hanzi import to_simplified
from extractor.errors import ReadError

DEFAULT_TAXONOMY = Path(__file__).resolve().parent / "data" / "taxonomy.json"


class TaxonomyError(ReadError):
    """A taxonomy file that is missing or malformed; names the file and the fault."""


@dataclass(frozen=True)
class Theme:
    name: str
    covers: str = ""
    keywords: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Taxonomy:
    themes: tuple[Theme, ...]
    source: str = ""

    @property
    def names(self) -> list[str]:
        return [t.name for t in self.themes]


def _norm(text: str) -> str:
    return to_simplified(unicodedata.normalize("NFKC", text))


def load_taxonomy(path: str | Path | None = None) -> Taxonomy:
    """Read and check a taxonomy file; the default one when path is None."""
    if path is None:
        return _default()
    return _load(Path(path))


@lru_cache(maxsize=1)
def _default() -> Taxonomy:
    return _load(DEFAULT_TAXONOMY)


def _load(p: Path) -> Taxonomy:
    name = str(p)
    try:
        raw = p.read_text(encoding="utf-8-sig")
    except FileNotFoundError as e:
        raise TaxonomyError(name, "no such taxonomy file") from e
    except IsADirectoryError as e:
        raise TaxonomyError(name, "is a directory, not a taxonomy file") from e
    except UnicodeDecodeError as e:
        raise TaxonomyError(name, "taxonomy file is not UTF-8 text") from e
    except OSError as e:
        raise TaxonomyError(name, f"cannot read taxonomy file ({e.strerror})") from e
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as e:
        raise TaxonomyError(name, f"not valid JSON (line {e.lineno}, column {e.colno}: {e.msg})") from e
    if not isinstance(data, list) or not data:
        raise TaxonomyError(name, 'a taxonomy must be a non-empty JSON list of {"theme", "covers", "keywords"} objects')
    themes: list[Theme] = []
    seen: set[str] = set()
    for n, item in enumerate(data, 1):
        where = f"entry {n}"
        if not isinstance(item, dict):
            raise TaxonomyError(name, f"{where} is not an object")
        theme = item.get("theme")
        if not isinstance(theme, str) or not theme.strip():
            raise TaxonomyError(name, f'{where} has no "theme" name')
        where = f"{where} ({theme})"
        if theme in seen:
            raise TaxonomyError(name, f"{where} repeats a theme name")
        seen.add(theme)
        covers = item.get("covers", "")
        if not isinstance(covers, str):
            raise TaxonomyError(name, f'{where}: "covers" must be a string')
        keywords = item.get("keywords")
        if not isinstance(keywords, list) or not keywords:
            raise TaxonomyError(name, f'{where}: "keywords" must be a non-empty list of strings')
        if not all(isinstance(k, str) and k.strip() for k in keywords):
            raise TaxonomyError(name, f'{where}: every keyword must be a non-empty string')
        themes.append(Theme(theme.strip(), covers, tuple(_norm(k.strip()) for k in keywords)))
    return Taxonomy(tuple(themes), name)


# A whole plan mentions many things in passing (one 安全 in a women's-work
# plan); there a theme needs a second keyword hit. A task or a short text
# is about what it names once.
LONG_TEXT = 400


def classify(text: str, taxonomy: Taxonomy | None = None) -> list[str]:
    """Themes whose keywords occur in the text, in taxonomy order."""
    tax = taxonomy or _default()
    t = _norm(text or "")
    if not t:
        return []
    if len(t) < LONG_TEXT:  # one hit is enough: one regex search per theme
        return [th.name for th in tax.themes if _any_keyword(th.keywords).search(t)]
    return [th.name for th in tax.themes if sum(t.count(k) for k in th.keywords) >= 2]


@lru_cache(maxsize=256)
def _any_keyword(keywords: tuple[str, ...]) -> re.Pattern[str]:
    """Does any keyword occur: what sum(count) >= 1 asks, in one C pass."""
    return re.compile("|".join(re.escape(k) for k in keywords))
