"""The words of the bodies stage, read once from data/bodies/lexicon.json and
compiled into the scanners the other modules use."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources

from extractor.lexicon import alternation

__all__ = ["alternation", "kinds", "listed", "weak_kinds", "word_set", "words"]


@lru_cache(maxsize=1)
def words() -> dict:
    text = resources.files("extractor.data").joinpath("bodies/lexicon.json").read_text(encoding="utf-8")
    return json.loads(text)


@lru_cache(maxsize=1)
def kinds() -> re.Pattern[str]:
    """Words that end an organisation's name, longest first."""
    k = words()["kinds"]
    return re.compile(alternation(k["strong"] + k["weak"]))


@lru_cache(maxsize=1)
def weak_kinds() -> frozenset[str]:
    return frozenset(words()["kinds"]["weak"])


@lru_cache(maxsize=None)
def listed(key: str) -> re.Pattern[str]:
    """The words listed under `key`, as one regex."""
    return re.compile(alternation(words()[key]))


@lru_cache(maxsize=None)
def word_set(key: str) -> frozenset[str]:
    return frozenset(words()[key])


def ends_in(name: str, key: str) -> bool:
    return name.endswith(_tuple(key))


def starts_with(text: str, key: str) -> bool:
    return text.startswith(_tuple(key))


@lru_cache(maxsize=None)
def _tuple(key: str) -> tuple[str, ...]:
    """The words under `key` as str.endswith/startswith take them: one C call
    instead of a Python loop over the list."""
    return tuple(words()[key])


@lru_cache(maxsize=1)
def kind_set() -> frozenset[str]:
    k = words()["kinds"]
    return frozenset(k["strong"] + k["weak"])


@lru_cache(maxsize=1)
def longest_kind() -> int:
    return max(len(w) for w in kind_set())


@lru_cache(maxsize=1)
def kind_lengths_by_last() -> dict[str, tuple[int, ...]]:
    """For each character a kind ends in, the lengths of those kinds, longest
    first: most characters end none, and need no further look."""
    out: dict[str, set[int]] = {}
    for w in kind_set():
        out.setdefault(w[-1], set()).add(len(w))
    return {c: tuple(sorted(n, reverse=True)) for c, n in out.items()}
