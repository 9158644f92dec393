"""jieba's words, without its HMM, at a fraction of the cost.

The same words and word classes as `jieba.cut(text, HMM=False)` and
`jieba.posseg.cut(text, HMM=False)` (tests/test_segment.py holds them equal
on every gold and probe text), for two reasons:

- Start-up: `import jieba.posseg` reads the 349,046 lines of jieba's
  dict.txt for the word classes, with no cache (0.4–1 s), on top of
  `import jieba` (its HMM tables) and the marshal load of its prefix
  dictionary (0.4–0.9 s), in every process that parses. Here one cache file
  holds what the cut without HMM reads: each word's log probability and
  its class. It is written once per dictionary from jieba's own tables, so
  the numbers are jieba's, and loads in about 0.3 s; jieba itself is
  imported only to write it.
- Speed: jieba builds a dict of lists (the DAG) and then a dict of tuples
  (the route) per text, calling log() for every candidate word; the route
  is computed here in one pass from the right, over plain lists, with the
  log probabilities read from the table. The arithmetic is the same in the
  same order (log(f) - log(total), then + the rest of the route), and a
  tie goes to the longer word as jieba's max() over (score, end) gives it.
"""

from __future__ import annotations

import bisect
import importlib.util
import logging
import marshal
import os
import re
import tempfile
from functools import lru_cache
from math import log
from pathlib import Path

log_ = logging.getLogger(__name__)

# jieba's own block patterns (jieba/__init__.py, jieba/posseg/__init__.py)
_HAN_CUT = re.compile("([\u4E00-\u9FD5a-zA-Z0-9+#&\\._%\\-]+)")
_SKIP_CUT = re.compile("(\r\n|\\s)")
_HAN_POS = re.compile("([\u4E00-\u9FD5a-zA-Z0-9+#&\\._]+)")
_SKIP_POS = re.compile("(\r\n|\\s)")
_ENG_CHAR = re.compile("[a-zA-Z0-9]")
_NUM = re.compile("[\\.0-9]+")
_ENG = re.compile("[a-zA-Z0-9]+")

# Bump when the cache's layout changes.
CACHE_VERSION = 1
# The table's value for a prefix that is no word itself (jieba's frequency
# 0); a word's log probability is always below 0.
PREFIX = 1.0


class _Tables:
    """What the cut reads: for every word and word prefix of jieba's
    dictionary, the word's log probability (or PREFIX); the log probability
    of a character that starts no word; the words, sorted, with their classes."""

    def __init__(self, logp: dict[str, float], unknown: float, words: list[str], tags: list[str]):
        self.logp = logp
        self.unknown = unknown
        self.words = words
        self.tags = tags
        # the classes looked up so far: a route's words are dictionary words
        # or single characters, so this stays within the dictionary's size
        self.seen: dict[str, str] = {}

    def tag(self, w: str) -> str:
        tag = self.seen.get(w)
        if tag is None:
            i = bisect.bisect_left(self.words, w)
            tag = self.seen[w] = self.tags[i] if i < len(self.words) and self.words[i] == w else "x"
        return tag


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    cache = _cache_path()
    try:
        version, logp, unknown, words, tags = marshal.loads(cache.read_bytes())
        if version == CACHE_VERSION:
            return _Tables(logp, unknown, words.split("\n"), tags.split("\n"))
    except (OSError, ValueError, EOFError, TypeError):
        pass  # no cache yet, or a damaged one: write it again
    tables = _build()
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)  # JIHUA_CACHE_DIR may name a folder not made yet
        tmp = cache.with_name(f"{cache.name}.{os.getpid()}.tmp")
        tmp.write_bytes(marshal.dumps((CACHE_VERSION, tables.logp, tables.unknown, "\n".join(tables.words), "\n".join(tables.tags))))
        os.replace(tmp, cache)  # whole or not at all: another process may be reading it
    except OSError as e:
        log_.warning("cannot write the word table cache %s: %s", cache, e)
    return tables


def _dict_path() -> Path:
    spec = importlib.util.find_spec("jieba")  # where jieba is, without importing it
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("jieba")
    return Path(spec.origin).resolve().parent / "dict.txt"


def _cache_path() -> Path:
    """Beside jieba's own cache (the temporary directory, or
    JIHUA_CACHE_DIR), named after the dictionary it was built from."""
    source = _dict_path()
    st = source.stat()
    import hashlib

    key = hashlib.sha1(f"{CACHE_VERSION}|{source}|{st.st_size}|{st.st_mtime_ns}".encode()).hexdigest()[:16]
    return Path(os.environ.get("JIHUA_CACHE_DIR") or tempfile.gettempdir()) / f"jihua-words-{key}.cache"


def _build() -> _Tables:
    """The tables from jieba's: its prefix dictionary and total (what
    jieba.cut reads) and dict.txt's word classes (what jieba.posseg reads)."""
    import jieba

    jieba.setLogLevel(60)
    jieba.dt.check_initialized()
    logtotal = log(jieba.dt.total)
    logp = {w: (log(f) - logtotal if f else PREFIX) for w, f in jieba.dt.FREQ.items()}
    classes: dict[str, str] = {}
    with open(_dict_path(), "rb") as fh:  # as jieba.posseg's load_word_tag reads it
        for line in fh:
            line = line.strip().decode("utf-8")
            if line:
                word, _, tag = line.split(" ")
                classes[word] = tag
    words = sorted(classes)
    return _Tables(logp, log(1) - logtotal, words, [classes[w] for w in words])


def warm_up() -> None:
    """Load the tables now: a parent process does before it forks its
    workers, so that they share the tables instead of each loading them."""
    _tables()


def _route(sentence: str) -> list[int]:
    """For each offset, where the best word starting there ends (exclusive):
    jieba's get_DAG and calc in one pass from the right."""
    t = _tables()
    get, unknown = t.logp.get, t.unknown
    n = len(sentence)
    score = [0.0] * (n + 1)
    end = [0] * (n + 1)
    best = 0.0
    for k in range(n - 1, -1, -1):
        best_end = -1
        i = k + 1  # the end of frag
        v = get(sentence[k])
        while v is not None:  # frag is a word or a word's prefix: read on
            if v != PREFIX:
                s = v + score[i]
                # jieba takes max() of (score, end) tuples: a tie goes to the later end
                if best_end < 0 or s >= best:
                    best, best_end = s, i
            if i >= n:
                break
            i += 1
            v = get(sentence[k:i])
        if best_end < 0:  # no word starts here: the character alone
            best, best_end = unknown + score[k + 1], k + 1
        score[k] = best
        end[k] = best_end
    return end


def _dag_words(block: str) -> list[tuple[str, bool]]:
    """jieba's __cut_DAG_NO_HMM: the route's words, runs of single Latin
    letters and digits joined into one word (True beside such a run)."""
    end = _route(block)
    out: list[tuple[str, bool]] = []
    buf = ""
    x, n = 0, len(block)
    while x < n:
        y = end[x]
        w = block[x:y]
        if y - x == 1 and _ENG_CHAR.match(w):
            buf += w
        else:
            if buf:
                out.append((buf, True))
                buf = ""
            out.append((w, False))
        x = y
    if buf:
        out.append((buf, True))
    return out


def cut(text: str) -> list[str]:
    """The words of `jieba.cut(text, HMM=False)`."""
    out: list[str] = []
    for blk in _HAN_CUT.split(text):
        if not blk:
            continue
        if _HAN_CUT.match(blk):
            out += [w for w, _ in _dag_words(blk)]
        else:
            for x in _SKIP_CUT.split(blk):
                if _SKIP_CUT.match(x):
                    out.append(x)
                else:
                    out += x
    return out


def tagged(text: str) -> list[tuple[str, str]]:
    """The (word, class) pairs of `jieba.posseg.cut(text, HMM=False)`."""
    tag = _tables().tag
    out: list[tuple[str, str]] = []
    for blk in _HAN_POS.split(text):
        if _HAN_POS.match(blk):
            for w, run in _dag_words(blk):
                if run:
                    out.append((w, "eng"))
                    continue
                out.append((w, tag(w)))
            continue
        for x in _SKIP_POS.split(blk):
            if _SKIP_POS.match(x):
                out.append((x, "x"))
                continue
            for xx in x:
                if _NUM.match(xx):
                    out.append((xx, "m"))
                elif _ENG.match(x):  # jieba tests the whole run here, not the character
                    out.append((xx, "eng"))
                else:
                    out.append((xx, "x"))
    return out
