"""Chinese full-text search over task and plan text.

FTS5's trigram tokenizer indexes every run of three characters, so any
substring of three or more characters is found through the index, with no
word segmentation to get wrong (Chinese has no spaces). It cannot match a
shorter string: a trigram index has no entry for 女工 or 春节. Those one- and
two-character terms fall back to LIKE '%…%', a scan of the text column —
affordable because such terms are rare in queries and the scan is bounded by
the other filters SQLite applies first. A segmented (jieba) column was the
alternative; it misses terms the segmenter splits differently (女工 inside
女工委员会 is one word to jieba), which LIKE never does.

A query is split on white space; every term must match (AND).
"""

from __future__ import annotations

import sqlite_utils

from store.schema import has_fts

TRIGRAM = 3


def terms(q: str | None) -> list[str]:
    return [t for t in (q or "").split() if t]


def text_clause(db: sqlite_utils.Database, table: str, alias: str, q: str | None) -> tuple[str, list[object]]:
    """SQL (ANDed into a WHERE) that keeps rows of `table` (aliased `alias`)
    whose text matches every term of `q`, and its parameters."""
    parts: list[str] = []
    params: list[object] = []
    long_terms = [t for t in terms(q) if len(t) >= TRIGRAM]
    short_terms = [t for t in terms(q) if len(t) < TRIGRAM]
    if long_terms and has_fts(db, table):
        # Each term quoted as an FTS5 string, so punctuation and operators in
        # user input (AND, *, ") are matched literally.
        match = " AND ".join('"' + t.replace('"', '""') + '"' for t in long_terms)
        parts.append(f"{alias}.rowid IN (SELECT rowid FROM {table}_fts WHERE {table}_fts MATCH ?)")
        params.append(match)
    else:
        short_terms = long_terms + short_terms
    columns = ["text", "title"] if table == "plans" else ["text"]
    for t in short_terms:
        like = "%" + t.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        parts.append("(" + " OR ".join(f"{alias}.{c} LIKE ? ESCAPE '\\'" for c in columns) + ")")
        params.extend([like] * len(columns))
    return " AND ".join(parts), params
