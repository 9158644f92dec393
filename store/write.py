"""Writing parsed documents: one transaction per file, one writer at a time.

A file's plans, sections, tasks, bodies and themes go in inside one
`BEGIN IMMEDIATE … COMMIT`, so a crash, a kill or a bad row never leaves half
a plan. Writes are serialised twice: a process-wide lock for the threads of
one server, and SQLite's own write lock (with a busy timeout) for a second
process such as `jihua ingest` running beside `jihua serve`.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlite_utils

from extractor.version import parser_version
from models import Document, Plan, Section
from store.corrections import apply_corrections
from store.schema import bigrams

_WRITE_LOCK = threading.RLock()


@dataclass(frozen=True)
class Stored:
    document_id: int
    created: bool  # False: the same bytes were stored before (a duplicate)


@contextmanager
def write_transaction(db: sqlite_utils.Database) -> Iterator[sqlite3.Connection]:
    """One write transaction. IMMEDIATE takes SQLite's write lock up front, so
    two writers queue on busy_timeout instead of deadlocking on an upgrade
    from a read lock."""
    with _WRITE_LOCK:
        conn = db.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        else:
            conn.execute("COMMIT")


def sha256_of(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()


def find_document(db: sqlite_utils.Database, sha256: str) -> int | None:
    row = db.execute("SELECT id FROM documents WHERE sha256 = ?", [sha256]).fetchone()
    return row[0] if row else None


def store_document(
    db: sqlite_utils.Database,
    doc: Document,
    *,
    content: bytes | None = None,
    source: str | None = None,
    version: str | None = None,
) -> Stored:
    """Store `doc` unless a document with its sha256 is there already;
    either way answer with the document's id (insert or return existing)."""
    with write_transaction(db) as conn:
        return _store(conn, doc, content, source, version)


def store_documents(
    db: sqlite_utils.Database,
    docs: list[tuple[Document, bytes | None, str | None]],
    *,
    version: str | None = None,
) -> list[Stored]:
    """Store several documents (doc, content, source) in one transaction:
    all of them or, on any failure, none (an upload of several files)."""
    with write_transaction(db) as conn:
        return [_store(conn, doc, content, source, version) for doc, content, source in docs]


def _store(
    conn: sqlite3.Connection, doc: Document, content: bytes | None, source: str | None, version: str | None
) -> Stored:
    existing = conn.execute("SELECT id FROM documents WHERE sha256 = ?", [doc.sha256]).fetchone()
    if existing:
        return Stored(existing[0], created=False)
    cur = conn.execute(
        "INSERT INTO documents (sha256, name, format, size, source, ingested_at, warnings, parser_version)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            doc.sha256,
            doc.file,
            doc.format,
            len(content) if content is not None else None,
            source,
            datetime.now(UTC).isoformat(timespec="seconds"),
            _json(doc.warnings),
            version or parser_version(),
        ],
    )
    document_id = int(cur.lastrowid)
    if content is not None:
        conn.execute("INSERT INTO sources (document_id, content) VALUES (?, ?)", [document_id, content])
    _insert_plans(conn, document_id, doc.plans)
    apply_corrections(conn, document_id)  # none for a new document, but its units may have aliases
    return Stored(document_id, created=True)


def replace_document(db: sqlite_utils.Database, document_id: int, doc: Document, *, version: str | None = None) -> None:
    """Swap a stored document's plans for a new parse, keeping its id: the
    old rows go and the new ones come in one transaction, and the users'
    corrections of the document are applied to the new ones."""
    with write_transaction(db) as conn:
        if not conn.execute("SELECT 1 FROM documents WHERE id = ?", [document_id]).fetchone():
            raise KeyError(document_id)
        _delete_plans(conn, document_id)
        conn.execute(
            "UPDATE documents SET format = ?, warnings = ?, parser_version = ? WHERE id = ?",
            [doc.format, _json(doc.warnings), version or parser_version(), document_id],
        )
        _insert_plans(conn, document_id, doc.plans)
        apply_corrections(conn, document_id)


def delete_document(db: sqlite_utils.Database, document_id: int) -> bool:
    """Remove a document and everything parsed from it. False when absent."""
    with write_transaction(db) as conn:
        if not conn.execute("SELECT 1 FROM documents WHERE id = ?", [document_id]).fetchone():
            return False
        _delete_plans(conn, document_id)
        conn.execute("DELETE FROM corrections WHERE document_id = ?", [document_id])
        conn.execute("DELETE FROM sources WHERE document_id = ?", [document_id])
        conn.execute("DELETE FROM documents WHERE id = ?", [document_id])
        return True


def _delete_plans(conn: sqlite3.Connection, document_id: int) -> None:
    plans = "SELECT id FROM plans WHERE document_id = ?"
    tasks = f"SELECT id FROM tasks WHERE plan_id IN ({plans})"
    for table in ("targets", "task_months", "task_bodies", "task_themes"):
        conn.execute(f"DELETE FROM {table} WHERE task_id IN ({tasks})", [document_id])
    conn.executemany(
        "INSERT INTO tasks_bigrams (tasks_bigrams, rowid, grams) VALUES ('delete', ?, ?)",
        [
            (tid, bigrams(text))
            for tid, text in conn.execute(f"SELECT id, text FROM tasks WHERE plan_id IN ({plans})", [document_id])
        ],
    )
    for table in ("tasks", "objectives", "sections", "plan_bodies", "plan_themes"):
        conn.execute(f"DELETE FROM {table} WHERE plan_id IN ({plans})", [document_id])
    conn.execute("DELETE FROM plans WHERE document_id = ?", [document_id])


def _insert_plans(conn: sqlite3.Connection, document_id: int, plans: list[Plan]) -> None:
    names = _NameIds(conn)
    for seq, plan in enumerate(plans):
        cur = conn.execute(
            "INSERT INTO plans (document_id, seq, unit, parsed_unit, year, title, text, themes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [document_id, seq, plan.unit, plan.unit, plan.year, plan.title, plan.text, _json(plan.themes)],
        )
        plan_id = int(cur.lastrowid)
        _insert_sections(conn, plan_id, plan.sections, parent_id=None, path=[], counter=[0])
        conn.executemany(
            "INSERT INTO objectives (plan_id, seq, text, section_path) VALUES (?, ?, ?, ?)",
            [(plan_id, i, o.text, _json(o.section_path)) for i, o in enumerate(plan.objectives)],
        )
        conn.executemany(
            "INSERT OR IGNORE INTO plan_themes (plan_id, theme_id) VALUES (?, ?)",
            [(plan_id, names.theme(t)) for t in plan.themes],
        )
        bodies: dict[int, tuple[list[str], int]] = {}
        for b in plan.bodies:
            roles, mentions = bodies.setdefault(names.body(b.name), ([], 0))
            roles.extend(r for r in b.roles if r not in roles)
            bodies[names.body(b.name)] = (roles, mentions + b.mentions)
        conn.executemany(
            "INSERT INTO plan_bodies (plan_id, body_id, roles, mentions) VALUES (?, ?, ?, ?)",
            [(plan_id, bid, _json(roles), m) for bid, (roles, m) in bodies.items()],
        )
        for tseq, task in enumerate(plan.tasks):
            months = sorted({m for m in task.months if 1 <= m <= 12})
            cur = conn.execute(
                "INSERT INTO tasks (plan_id, seq, text, section_path, time_text, months, first_month, themes, unit)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    plan_id,
                    tseq,
                    task.text,
                    _json(task.section_path),
                    task.time_text,
                    _json(months),
                    months[0] if months else None,
                    _json(task.themes),
                    plan.unit,
                ],
            )
            task_id = int(cur.lastrowid)
            conn.execute("INSERT INTO tasks_bigrams (rowid, grams) VALUES (?, ?)", [task_id, bigrams(task.text)])
            conn.executemany("INSERT INTO task_months (task_id, month) VALUES (?, ?)", [(task_id, m) for m in months])
            conn.executemany(
                "INSERT OR IGNORE INTO task_bodies (task_id, body_id, role) VALUES (?, ?, ?)",
                [(task_id, names.body(b.name), b.role) for b in task.bodies],
            )
            conn.executemany(
                "INSERT OR IGNORE INTO task_themes (task_id, theme_id) VALUES (?, ?)",
                [(task_id, names.theme(t)) for t in task.themes],
            )
            conn.executemany(
                "INSERT INTO targets (task_id, quantity, unit, text) VALUES (?, ?, ?, ?)",
                [(task_id, float(t.quantity), t.unit, t.text) for t in task.targets],
            )


def _insert_sections(
    conn: sqlite3.Connection,
    plan_id: int,
    sections: list[Section],
    *,
    parent_id: int | None,
    path: list[str],
    counter: list[int],
) -> None:
    # `counter` numbers sections in reading order across the whole tree, so
    # ORDER BY seq rebuilds the outline as it was read.
    for s in sections:
        here = [*path, s.label]
        cur = conn.execute(
            "INSERT INTO sections (plan_id, parent_id, seq, level, label, title, path) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [plan_id, parent_id, counter[0], s.level, s.label, s.title, _json(here)],
        )
        counter[0] += 1
        _insert_sections(conn, plan_id, s.children, parent_id=int(cur.lastrowid), path=here, counter=counter)


class _NameIds:
    """Ids of bodies and themes by name, created on first use."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self.cache: dict[tuple[str, str], int] = {}

    def body(self, name: str) -> int:
        return self._id("bodies", name)

    def theme(self, name: str) -> int:
        return self._id("themes", name)

    def _id(self, table: str, name: str) -> int:
        key = (table, name)
        if key not in self.cache:
            self.conn.execute(f"INSERT OR IGNORE INTO {table} (name) VALUES (?)", [name])
            self.cache[key] = self.conn.execute(f"SELECT id FROM {table} WHERE name = ?", [name]).fetchone()[0]
        return self.cache[key]


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)
