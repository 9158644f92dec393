"""The SQLite schema: plain tables, foreign keys and indexes, so that the file
opens in Datasette as it is and every query of store.query has an index.

One database file holds everything; `open_db` creates what is missing.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import sqlite_utils

from models.messages import msg

# 2: corrections, unit_aliases and plans.parsed_unit (store.corrections);
# a version-1 file gets them when it is opened (migrate).
SCHEMA_VERSION = 3

# FTS5's trigram tokenizer arrived in SQLite 3.34 (2020-12). Older builds get
# no FTS tables and every text query uses LIKE (store.search).
TRIGRAM_MIN_VERSION = (3, 34, 0)


def trigram_supported() -> bool:
    return sqlite3.sqlite_version_info >= TRIGRAM_MIN_VERSION


def open_db(path: str | Path, *, create: bool = True) -> sqlite_utils.Database:
    """Open (and, unless `create` is False, create) the store at `path`.

    Every connection gets the same pragmas: foreign keys enforced, a busy
    timeout so a second writer waits instead of failing, WAL so readers never
    block the writer.
    """
    path = Path(path)
    if not create and not path.exists():
        raise FileNotFoundError(f"{path}: {msg('no_database')}")
    # check_same_thread=False: the API opens one connection per request, and
    # FastAPI may finish a request on another thread than the one it began on.
    conn = sqlite3.connect(str(path), timeout=30, check_same_thread=False)
    db = sqlite_utils.Database(conn)
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("PRAGMA busy_timeout = 30000")
    if create:
        ensure_schema(db)
    else:
        migrate(db)
    return db


def ensure_schema(db: sqlite_utils.Database) -> None:
    if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
        db.enable_wal()
    # WAL with synchronous=NORMAL is durable against application crashes
    # (a killed ingest) and only loses the last commits on power loss.
    db.execute("PRAGMA synchronous = NORMAL")
    if "tasks" not in db.table_names():
        with db.atomic():
            _create_tables(db)
        _create_fts(db)
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    if "tasks_bigrams" not in db.table_names():
        _create_bigrams(db)
    migrate(db)


def migrate(db: sqlite_utils.Database) -> None:
    """Bring a store written by an older jihua up to this schema; a few
    catalogue reads when it is current (every request opens a connection)."""
    tables = set(db.table_names())
    if "plans" not in tables:
        return  # not created yet (open_db with create=False on a new file)
    if "corrections" not in tables or "unit_aliases" not in tables:
        with db.atomic():
            _create_corrections(db)
    if "store_state" not in tables:
        _create_state(db)  # the change counter that the answer cache reads
    elif "unit_aliases_generation_delete" not in {
        r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall()
    }:
        _generation_triggers(db)  # a store whose counter predates corrections
    if "parsed_unit" not in db["plans"].columns_dict:
        with db.atomic():
            # Before corrections existed a plan's unit was its parse.
            db.execute("ALTER TABLE plans ADD COLUMN parsed_unit TEXT")
            db.execute("UPDATE plans SET parsed_unit = unit")
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    if db.execute("PRAGMA user_version").fetchone()[0] < 3 and "tasks_bigrams" in tables:
        # version 3 indexes each task's last character too (see bigrams):
        # the pairs of an older store are written again, once
        with db.atomic():
            db.execute("DROP TABLE tasks_bigrams")
        _create_bigrams(db)
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def _create_tables(db: sqlite_utils.Database) -> None:
    db["documents"].create(
        {
            "id": int,
            "sha256": str,
            "name": str,
            "format": str,
            "size": int,
            "source": str,  # where the file came from: upload, a path, zip!entry
            "ingested_at": str,
            "warnings": str,  # JSON list
            "parser_version": str,
        },
        pk="id",
        not_null={"sha256", "name"},
    )
    # UNIQUE is what makes concurrent uploads of one file store it once.
    db["documents"].create_index(["sha256"], unique=True)
    # The original bytes, so that `jihua reparse` can parse again after a
    # parser upgrade even when the source file has gone.
    db["sources"].create(
        {"document_id": int, "content": bytes},
        pk="document_id",
        foreign_keys=[("document_id", "documents", "id")],
    )
    db["plans"].create(
        {
            "id": int,
            "document_id": int,
            "seq": int,
            "unit": str,
            "year": int,
            "title": str,
            "text": str,
            "themes": str,  # JSON list, also normalised in plan_themes
            # the unit as the parser read it; `unit` is what queries use: the
            # parse, or a user's correction, mapped to its canonical name
            "parsed_unit": str,
        },
        pk="id",
        foreign_keys=[("document_id", "documents", "id")],
    )
    db["plans"].create_index(["document_id"])
    db["plans"].create_index(["unit", "year"])
    db["plans"].create_index(["year"])
    db["sections"].create(
        {
            "id": int,
            "plan_id": int,
            "parent_id": int,
            "seq": int,
            "level": int,
            "label": str,
            "title": str,
            "path": str,  # JSON list of labels from the top
        },
        pk="id",
        foreign_keys=[("plan_id", "plans", "id"), ("parent_id", "sections", "id")],
    )
    db["sections"].create_index(["plan_id"])
    db["sections"].create_index(["parent_id"])
    db["objectives"].create(
        {"id": int, "plan_id": int, "seq": int, "text": str, "section_path": str},
        pk="id",
        foreign_keys=[("plan_id", "plans", "id")],
    )
    db["objectives"].create_index(["plan_id"])
    db["tasks"].create(
        {
            "id": int,
            "plan_id": int,
            "seq": int,
            "text": str,
            "section_path": str,  # JSON list of labels
            "time_text": str,
            "months": str,  # JSON list, also normalised in task_months
            "first_month": int,  # sort key: "sorted by unit, then month"
            "themes": str,  # JSON list, also normalised in task_themes
            "unit": str,  # the plan's unit, copied: filtering and sorting without a join
        },
        pk="id",
        foreign_keys=[("plan_id", "plans", "id")],
    )
    db["tasks"].create_index(["plan_id", "seq"])
    db["tasks"].create_index(["unit"])
    # The default order of every task list (unit, then month; no unit and
    # no month last) as an index, so an unfiltered first page reads 50 index
    # entries instead of sorting every task. store.query.ORDER repeats these
    # expressions exactly, which is what lets SQLite use the index.
    db.execute(
        "CREATE INDEX idx_tasks_order ON tasks (ifnull(unit, char(1114111)), ifnull(first_month, 13), plan_id, seq)"
    )
    db["task_months"].create(
        {"task_id": int, "month": int},
        pk=("task_id", "month"),
        foreign_keys=[("task_id", "tasks", "id")],
    )
    db["task_months"].create_index(["month", "task_id"])
    db["bodies"].create({"id": int, "name": str}, pk="id", not_null={"name"})
    db["bodies"].create_index(["name"], unique=True)
    db["task_bodies"].create(
        {"task_id": int, "body_id": int, "role": str},
        pk=("task_id", "body_id", "role"),
        foreign_keys=[("task_id", "tasks", "id"), ("body_id", "bodies", "id")],
    )
    db["task_bodies"].create_index(["body_id", "role"])
    db["plan_bodies"].create(
        {"plan_id": int, "body_id": int, "roles": str, "mentions": int},
        pk=("plan_id", "body_id"),
        foreign_keys=[("plan_id", "plans", "id"), ("body_id", "bodies", "id")],
    )
    db["plan_bodies"].create_index(["body_id"])
    db["themes"].create({"id": int, "name": str}, pk="id", not_null={"name"})
    db["themes"].create_index(["name"], unique=True)
    db["task_themes"].create(
        {"task_id": int, "theme_id": int},
        pk=("task_id", "theme_id"),
        foreign_keys=[("task_id", "tasks", "id"), ("theme_id", "themes", "id")],
    )
    db["task_themes"].create_index(["theme_id", "task_id"])
    db["plan_themes"].create(
        {"plan_id": int, "theme_id": int},
        pk=("plan_id", "theme_id"),
        foreign_keys=[("plan_id", "plans", "id"), ("theme_id", "themes", "id")],
    )
    db["plan_themes"].create_index(["theme_id", "plan_id"])
    db["targets"].create(
        {"id": int, "task_id": int, "quantity": float, "unit": str, "text": str},
        pk="id",
        foreign_keys=[("task_id", "tasks", "id")],
    )
    db["targets"].create_index(["task_id"])


def _create_corrections(db: sqlite_utils.Database) -> None:
    """What users fixed, kept apart from the parse so that `jihua reparse`
    (which replaces every plan row) can apply it again (store.corrections)."""
    # A plan is its document and its position there; a task also its text
    # (normalised) and which occurrence of that text in the plan it is: ids
    # change with every parse, these do not.
    db.execute(
        """CREATE TABLE IF NOT EXISTS corrections (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id),
            plan_seq INTEGER NOT NULL,
            task_key TEXT NOT NULL DEFAULT '',  -- '' for the plan's own fields
            task_nth INTEGER NOT NULL DEFAULT 0,
            task_text TEXT,                     -- the task as the user saw it
            field TEXT NOT NULL,                -- unit, year, months, bodies
            value TEXT NOT NULL,                -- JSON: the user's value
            parsed TEXT,                        -- JSON: the parser's, at the last apply
            status TEXT NOT NULL DEFAULT 'applied',  -- or 'orphaned': its task is gone
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            UNIQUE (document_id, plan_seq, task_key, task_nth, field)
        )"""
    )
    # One spelling of a unit → the canonical name every query uses.
    db.execute(
        """CREATE TABLE IF NOT EXISTS unit_aliases (
            alias TEXT PRIMARY KEY,
            canonical TEXT NOT NULL,
            created_at TEXT NOT NULL
        )"""
    )
    db.execute("CREATE INDEX IF NOT EXISTS idx_unit_aliases_canonical ON unit_aliases (canonical)")


def _create_fts(db: sqlite_utils.Database) -> None:
    if not trigram_supported():
        return
    # sqlite-utils' own FTS layout (external content + triggers) is what
    # Datasette recognises, so its search box works on these tables as is.
    db["tasks"].enable_fts(["text"], tokenize="trigram", create_triggers=True)
    db["plans"].enable_fts(["title", "text"], tokenize="trigram", create_triggers=True)


def bigrams(text: str) -> str:
    """Every pair of adjacent characters, space-separated, and the last
    character alone: what the tasks_bigrams index stores, so a
    two-character query is one token, and a one-character one the prefix
    of a token ("安*" finds 安 at any place, the last included)."""
    return " ".join([text[i : i + 2] for i in range(len(text) - 1)] + ([text[-1]] if text else []))


def _create_bigrams(db: sqlite_utils.Database) -> None:
    # Two-character queries (女工, 春节) are the most common Chinese search
    # terms and the trigram index cannot answer them; a LIKE scan costs
    # ~30 ms per 100,000 tasks. This FTS5 table of character bigrams answers
    # them from an index. Written by store.write next to each task (rowid =
    # task id); a plain FTS5 table, so Datasette shows it as it is.
    with db.atomic():
        # Contentless (content=''): the pairs are derived from tasks.text, so
        # storing them again would only grow the file; store.write removes a
        # task's entry by recomputing its pairs ('delete' command).
        db.execute("CREATE VIRTUAL TABLE tasks_bigrams USING fts5(grams, content = '', tokenize = 'unicode61')")
        db.conn.executemany(
            "INSERT INTO tasks_bigrams (rowid, grams) VALUES (?, ?)",
            ((tid, bigrams(text or "")) for tid, text in db.execute("SELECT id, text FROM tasks").fetchall()),
        )


def _create_state(db: sqlite_utils.Database) -> None:
    """The store's generation, bumped by every stored, re-parsed or deleted
    document in that write's own transaction (store.cache keeps read answers
    per generation). The epoch tells a store from a new one made at the
    same path (`jihua reset`)."""
    import secrets

    with db.atomic():
        db.execute(
            "CREATE TABLE IF NOT EXISTS store_state"
            " (id INTEGER PRIMARY KEY CHECK (id = 1), epoch TEXT NOT NULL, generation INTEGER NOT NULL)"
        )
        db.execute("INSERT OR IGNORE INTO store_state (id, epoch, generation) VALUES (1, ?, 0)", [secrets.token_hex(8)])
    _generation_triggers(db)


# What changes the answers: a document stored, re-parsed or deleted, and a
# user's correction or unit merge (which rewrite plans and tasks in place)
_GENERATION_TABLES = ("documents", "corrections", "unit_aliases")


def _generation_triggers(db: sqlite_utils.Database) -> None:
    tables = set(db.table_names())
    with db.atomic():
        for table in _GENERATION_TABLES:
            for event in ("INSERT", "UPDATE", "DELETE"):
                name = f"{table}_generation_{event.lower()}"
                if table in tables:
                    db.execute(
                        f"CREATE TRIGGER IF NOT EXISTS {name} AFTER {event} ON {table}"
                        " BEGIN UPDATE store_state SET generation = generation + 1 WHERE id = 1; END"
                    )


def has_fts(db: sqlite_utils.Database, table: str) -> bool:
    return f"{table}_fts" in db.table_names()
