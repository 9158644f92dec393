"""Chinese full-text search over task and plan text.

Chinese has no spaces, so word indexes need a segmenter, and a segmenter
misses terms it splits differently (女工 inside 女工委员会 is one word to
jieba). Character n-gram indexes never do:

- three or more characters: FTS5's trigram tokenizer indexes every run of
  three characters, so any such substring is found through the index;
- two characters (女工, 春节): a trigram index cannot match them, so tasks
  also have `tasks_bigrams`, an FTS5 table of their character pairs;
- one character: a prefix of those pairs ("安*"), the task's last character
  being indexed alone too;
- two-character terms on plans (a few thousand rows, not a hundred
  thousand): LIKE '%…%', a scan, affordable at that size.

A query is split on white space; every term must match (AND).
"""

from __future__ import annotations

import sqlite_utils

from models.messages import msg
from store.schema import has_fts

TRIGRAM = 3


def terms(q: str | None) -> list[str]:
    return [t for t in (q or "").split() if t]


class QueryTooLarge(ValueError):
    """A text query over the limits: too many terms or characters."""


def check_query(q: str | None, max_terms: int, max_chars: int) -> None:
    """Every term costs an index lookup or a scan of all tasks: a query is
    held to `max_terms` terms and `max_chars` characters (QueryTooLarge)."""
    if q is None:
        return
    if len(q) > max_chars:
        raise QueryTooLarge(msg("query_too_long", n=len(q), limit=max_chars))
    n = len(terms(q))
    if n > max_terms:
        raise QueryTooLarge(msg("query_too_many_terms", n=n, limit=max_terms))


def like_pattern(t: str) -> str:
    """`%t%` for LIKE … ESCAPE '\\': % and _ in user input are text."""
    return "%" + t.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _fts_string(t: str) -> str:
    # Quoted as an FTS5 string, so operators in user input (AND, *, ") are text.
    return '"' + t.replace('"', '""') + '"'


def text_clause(db: sqlite_utils.Database, table: str, alias: str, q: str | None) -> tuple[str, list[object]]:
    """SQL (ANDed into a WHERE) that keeps rows of `table` (aliased `alias`)
    whose text matches every term of `q`, and its parameters."""
    parts: list[str] = []
    params: list[object] = []
    scan: list[str] = []
    tri = [t for t in terms(q) if len(t) >= TRIGRAM]
    if tri and has_fts(db, table):
        parts.append(f"{alias}.rowid IN (SELECT rowid FROM {table}_fts WHERE {table}_fts MATCH ?)")
        params.append(" AND ".join(map(_fts_string, tri)))
    else:
        scan += tri
    bi = [t for t in terms(q) if len(t) == 2]
    if bi and table == "tasks" and "tasks_bigrams" in db.table_names():
        parts.append(f"{alias}.rowid IN (SELECT rowid FROM tasks_bigrams WHERE tasks_bigrams MATCH ?)")
        params.append(" AND ".join(map(_fts_string, bi)))
    else:
        scan += bi
    # (a mark the index does not keep, "，" or "%", is looked for by a scan)
    one = [t for t in terms(q) if len(t) == 1 and t.isalnum()]
    scan += [t for t in terms(q) if len(t) == 1 and not t.isalnum()]
    if one and table == "tasks" and "tasks_bigrams" in db.table_names():
        # a character is the first of a pair, or a task's last (store.schema.bigrams)
        parts.append(f"{alias}.rowid IN (SELECT rowid FROM tasks_bigrams WHERE tasks_bigrams MATCH ?)")
        params.append(" AND ".join(_fts_string(t) + "*" for t in one))
    else:
        scan += one
    columns = ["text", "title"] if table == "plans" else ["text"]
    for t in scan:
        like = like_pattern(t)
        parts.append("(" + " OR ".join(f"{alias}.{c} LIKE ? ESCAPE '\\'" for c in columns) + ")")
        params.extend([like] * len(columns))
    return " AND ".join(parts), params


def text_count(db: sqlite_utils.Database, q: str | None) -> int | None:
    """How many tasks match `q`, read from one index alone when every term
    is answered by the same one (all of three or more characters, or all of
    two): each task is one row of either index, so its count is the
    answer, without joining every match back to its task. None otherwise."""
    ts = terms(q)
    if not ts:
        return None
    if all(len(t) >= TRIGRAM for t in ts) and has_fts(db, "tasks"):
        table = "tasks_fts"
    elif all(len(t) == 2 or (len(t) == 1 and t.isalnum()) for t in ts) and "tasks_bigrams" in db.table_names():
        table = "tasks_bigrams"
    else:
        return None
    match = " AND ".join(_fts_string(t) + ("*" if len(t) == 1 else "") for t in ts)
    return db.execute(f"SELECT count(*) FROM {table} WHERE {table} MATCH ?", [match]).fetchone()[0]
