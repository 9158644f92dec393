"""Chinese text helpers: traditional → simplified characters one for one,
and where jieba's words end.

The rules (organisation suffixes, byline keys, time words) are written in
simplified Chinese; plans from Hong Kong, Macao and Taiwan, and some web
copies, are in traditional writing. Mapping character for character keeps
the length, so an offset into the mapped text is an offset into the input
and what is reported stays verbatim.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def trad_to_simp() -> dict[int, str]:
    """The table (data/trad2simp.txt, from hanziconv's charmap, Apache-2.0)."""
    table: dict[int, str] = {}
    text = resources.files("extractor.data").joinpath("trad2simp.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line and not line.startswith("#"):
            trad, simp = line.split("\t")
            if len(trad) == len(simp) == 1:
                table[ord(trad)] = simp
    return table


def to_simplified(text: str) -> str:
    # str.translate looks every character up in the dict (5 us a line);
    # one regex pass finds the few traditional ones (most text has none)
    table = trad_to_simp()
    return _traditional().sub(lambda m: table[ord(m.group())], text)


@lru_cache(maxsize=1)
def _traditional() -> re.Pattern[str]:
    return re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(trad_to_simp())) + "]")


def posseg(text: str) -> list[tuple[str, str]]:
    """jieba's words of `text` with their word classes (extractor/segment.py:
    the same words as jieba.posseg without HMM, read from a cached table)."""
    from extractor.segment import tagged

    return tagged(text)


@lru_cache(maxsize=4096)
def word_ends(text: str) -> frozenset[int]:
    """Offsets in `text` at which a jieba word ends."""
    from extractor.segment import cut

    out, pos = set(), 0
    for tok in cut(text):
        pos += len(tok)
        out.add(pos)
    return frozenset(out)


# Some converted pages gloss characters with their pinyin: "國(guó)慶", "社區(qū)".
# The text keeps them (it stays verbatim); word tests read the plain view.
GLOSS = re.compile(r"(?<=[\u3400-\u9fff])[(（](?=[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}[)）]")


def plain(text: str) -> str:
    """`text` without pinyin glosses."""
    return GLOSS.sub("", text) if ("(" in text or "（" in text) else text


def without_glosses(s: str) -> tuple[str, list[int]]:
    """`s` without pinyin glosses, and for each kept character its offset in
    `s`, so that what is found in the plain text points into the verbatim one."""
    keep = list(range(len(s)))
    if "(" in s or "（" in s:
        drop = {i for m in GLOSS.finditer(s) for i in range(*m.span())}
        if drop:
            keep = [i for i in keep if i not in drop]
            return "".join(s[i] for i in keep), keep
    return s, keep


def reading_view(text: str) -> tuple[str, list[int]]:
    """What the word-level stages read: simplified characters, no glosses;
    with the offset in `text` of every character of the view."""
    return without_glosses(to_simplified(text))


def words_of(text: str) -> str:
    """The view word tests read: no glosses, simplified characters."""
    return to_simplified(plain(text))
