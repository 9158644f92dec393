"""Corrections applied to the parse: what a user fixed (a plan's unit or
year, a task's months or bodies) and which spellings of a unit are one unit.

The parse stays as the parser wrote it: each correction keeps the parser's
value beside the user's (`parsed`), and a plan keeps the unit it was parsed
with (`plans.parsed_unit`). Every write of a document's plans (a new
document, `jihua reparse`) ends with `apply_corrections`, so a correction
outlives the rows it was made on. A correction whose task a new parse no
longer has is kept, marked `orphaned`, and applies again if the task comes
back.

These functions run inside the caller's write transaction (store.write,
store.edits); none of them commits.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from store.compare import normalise

PLAN_FIELDS = ("unit", "year")
TASK_FIELDS = ("months", "bodies")


def task_key(text: str) -> str:
    """A task's identity across parses: its text without spaces, punctuation
    and list labels (a reparse that renumbers items keeps the key)."""
    return normalise(text) or text


def task_keys(conn: sqlite3.Connection, plan_id: int) -> dict[int, tuple[str, int]]:
    """task id → (key, nth): the nth task of the plan with that key."""
    seen: dict[str, int] = defaultdict(int)
    out: dict[int, tuple[str, int]] = {}
    for tid, text in conn.execute("SELECT id, text FROM tasks WHERE plan_id = ? ORDER BY seq", [plan_id]):
        key = task_key(text or "")
        out[tid] = (key, seen[key])
        seen[key] += 1
    return out


def apply_corrections(conn: sqlite3.Connection, document_id: int) -> None:
    """Apply every stored correction of a document to its freshly written
    plans, record the parser's values beside them, then settle the units."""
    rows = conn.execute(
        "SELECT id, plan_seq, task_key, task_nth, field, value FROM corrections WHERE document_id = ? ORDER BY id",
        [document_id],
    ).fetchall()
    plans = dict(conn.execute("SELECT seq, id FROM plans WHERE document_id = ?", [document_id]).fetchall())
    keys: dict[int, dict[tuple[str, int], int]] = {}
    for cid, plan_seq, key, nth, field, value in rows:
        plan_id = plans.get(plan_seq)
        if plan_id is not None and field in TASK_FIELDS:
            if plan_id not in keys:
                keys[plan_id] = {kn: tid for tid, kn in task_keys(conn, plan_id).items()}
            task_id = keys[plan_id].get((key, nth))
            target = task_id
        else:
            target = plan_id
        if target is None:
            conn.execute("UPDATE corrections SET status = 'orphaned' WHERE id = ?", [cid])
            continue
        parsed = current_value(conn, field, target)
        set_value(conn, field, target, json.loads(value))
        conn.execute("UPDATE corrections SET status = 'applied', parsed = ? WHERE id = ?", [_json(parsed), cid])
    resolve_units(conn, plan_ids=list(plans.values()))


def current_value(conn: sqlite3.Connection, field: str, target: int) -> Any:
    """The stored value of `field` of a plan (unit, year) or a task (months,
    bodies); for a plan's unit, the parser's (what a correction overrides)."""
    if field == "unit":
        return conn.execute("SELECT parsed_unit FROM plans WHERE id = ?", [target]).fetchone()[0]
    if field == "year":
        return conn.execute("SELECT year FROM plans WHERE id = ?", [target]).fetchone()[0]
    if field == "months":
        return json.loads(conn.execute("SELECT months FROM tasks WHERE id = ?", [target]).fetchone()[0] or "[]")
    if field == "bodies":
        return [
            {"name": name, "role": role}
            for name, role in conn.execute(
                "SELECT b.name, tb.role FROM task_bodies tb JOIN bodies b ON b.id = tb.body_id WHERE tb.task_id = ? ORDER BY tb.rowid",
                [target],
            )
        ]
    raise ValueError(field)


def set_value(conn: sqlite3.Connection, field: str, target: int, value: Any) -> None:
    """Write `value` into the rows queries read. A unit is settled by
    resolve_units (corrections and aliases together), not here."""
    if field == "year":
        conn.execute("UPDATE plans SET year = ? WHERE id = ?", [value, target])
    elif field == "months":
        months = sorted({int(m) for m in value if 1 <= int(m) <= 12})
        conn.execute(
            "UPDATE tasks SET months = ?, first_month = ? WHERE id = ?", [_json(months), months[0] if months else None, target]
        )
        conn.execute("DELETE FROM task_months WHERE task_id = ?", [target])
        conn.executemany("INSERT INTO task_months (task_id, month) VALUES (?, ?)", [(target, m) for m in months])
    elif field == "bodies":
        conn.execute("DELETE FROM task_bodies WHERE task_id = ?", [target])
        for b in value:
            conn.execute("INSERT OR IGNORE INTO bodies (name) VALUES (?)", [b["name"]])
            body_id = conn.execute("SELECT id FROM bodies WHERE name = ?", [b["name"]]).fetchone()[0]
            conn.execute(
                "INSERT OR IGNORE INTO task_bodies (task_id, body_id, role) VALUES (?, ?, ?)", [target, body_id, b["role"]]
            )
    elif field != "unit":
        raise ValueError(field)


def aliases(conn: sqlite3.Connection) -> dict[str, str]:
    return dict(conn.execute("SELECT alias, canonical FROM unit_aliases").fetchall())


def resolve_units(conn: sqlite3.Connection, plan_ids: Iterable[int] | None = None) -> list[int]:
    """Set each plan's unit (and its tasks' copy) to its parsed unit, or the
    user's correction of it, mapped to its canonical name; the plans whose
    unit changed. All plans when `plan_ids` is None (after a merge)."""
    where, params = "1", []
    if plan_ids is not None:
        ids = list(plan_ids)
        if not ids:
            return []
        where = f"p.id IN ({', '.join('?' for _ in ids)})"
        params = ids
    canonical = aliases(conn)
    changed = []
    for plan_id, unit, parsed, corrected in conn.execute(
        "SELECT p.id, p.unit, p.parsed_unit, (SELECT c.value FROM corrections c WHERE c.document_id = p.document_id"
        " AND c.plan_seq = p.seq AND c.task_key = '' AND c.field = 'unit') FROM plans p WHERE " + where,
        params,
    ).fetchall():
        name = json.loads(corrected) if corrected is not None else parsed
        name = canonical.get(name, name) if name is not None else None
        if name != unit:
            changed.append(plan_id)
            conn.execute("UPDATE plans SET unit = ? WHERE id = ?", [name, plan_id])
            conn.execute("UPDATE tasks SET unit = ? WHERE plan_id = ?", [name, plan_id])
    return changed


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)
