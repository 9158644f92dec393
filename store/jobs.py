"""Background jobs, kept in the store so that a restart does not forget
them: a job that was queued or running when the server stopped (a crash, a
kill -9) is marked interrupted at the next start, with what it had stored;
sending the archive again skips every file stored before."""

from __future__ import annotations

import json
from typing import Any

import sqlite_utils

from models.messages import msg
from store.write import write_transaction

_CREATE = """CREATE TABLE IF NOT EXISTS jobs (
    id TEXT PRIMARY KEY,
    status TEXT NOT NULL,
    state TEXT NOT NULL  -- the job as JSON (counts, per-file results)
)"""



def _ensure(db: sqlite_utils.Database) -> None:
    db.execute(_CREATE)


def save_job(db: sqlite_utils.Database, job: dict[str, Any]) -> None:
    _ensure(db)
    with write_transaction(db) as conn:
        conn.execute(
            "INSERT INTO jobs (id, status, state) VALUES (?, ?, ?)"
            " ON CONFLICT(id) DO UPDATE SET status = excluded.status, state = excluded.state",
            [job["id"], job["status"], json.dumps(job, ensure_ascii=False)],
        )


def load_job(db: sqlite_utils.Database, job_id: str) -> dict[str, Any] | None:
    _ensure(db)
    row = db.execute("SELECT state FROM jobs WHERE id = ?", [job_id]).fetchone()
    return json.loads(row[0]) if row else None


def interrupt_unfinished(db: sqlite_utils.Database, now: str) -> int:
    """Mark the jobs a stopped server left queued or running; their number."""
    _ensure(db)
    rows = db.execute("SELECT state FROM jobs WHERE status IN ('queued', 'running')").fetchall()
    for (state,) in rows:
        job = json.loads(state)
        job.update(status="interrupted", error=msg("job_interrupted"), finished_at=now)
        save_job(db, job)
    return len(rows)
