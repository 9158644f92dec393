"""Users' fixes: correct a plan's unit or year and a task's months or
bodies, merge spellings of a unit into one, and take any of it back.

Each function is one write transaction. A correction is stored in
`corrections` (store.corrections) and applied at once; taking it back
restores the parser's value. Values reach here checked (the API and the
pages validate them); the functions raise KeyError for a plan, task or
correction that does not exist and ValueError (a message) for a merge that
cannot be made.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import sqlite_utils

from models.messages import msg
from store.corrections import (
    PLAN_FIELDS,
    TASK_FIELDS,
    current_value,
    resolve_units,
    set_value,
    task_keys,
)
from store.write import write_transaction

# A field left out of a correction (None means "back to the parse").
UNSET: Any = object()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def correct_plan(db: sqlite_utils.Database, plan_id: int, *, unit: Any = UNSET, year: Any = UNSET) -> None:
    """Set (a value) or take back (None) the correction of a plan's unit
    and year. KeyError when the plan does not exist."""
    with write_transaction(db) as conn:
        row = conn.execute("SELECT document_id, seq FROM plans WHERE id = ?", [plan_id]).fetchone()
        if row is None:
            raise KeyError(plan_id)
        for field, value in (("unit", unit), ("year", year)):
            if value is not UNSET:
                _correct(conn, row[0], row[1], "", 0, None, field, plan_id, value)
        resolve_units(conn, plan_ids=[plan_id])


def correct_task(db: sqlite_utils.Database, task_id: int, *, months: Any = UNSET, bodies: Any = UNSET) -> None:
    """Set or take back (None) the correction of a task's months (a list of
    1-12) and bodies (a list of {name, role}). KeyError when it does not exist."""
    with write_transaction(db) as conn:
        row = conn.execute(
            "SELECT p.document_id, p.seq, t.plan_id, t.text FROM tasks t JOIN plans p ON p.id = t.plan_id WHERE t.id = ?",
            [task_id],
        ).fetchone()
        if row is None:
            raise KeyError(task_id)
        document_id, plan_seq, plan_id, text = row
        key, nth = task_keys(conn, plan_id)[task_id]
        for field, value in (("months", months), ("bodies", bodies)):
            if value is not UNSET:
                _correct(conn, document_id, plan_seq, key, nth, text, field, task_id, value)


def _correct(conn, document_id: int, plan_seq: int, key: str, nth: int, text: str | None, field: str, target: int, value: Any) -> None:  # noqa: ANN001
    """Store, replace or drop one correction and apply it to `target`."""
    assert field in PLAN_FIELDS + TASK_FIELDS
    if field == "months" and value is not None:
        value = sorted({int(m) for m in value})
    where = "document_id = ? AND plan_seq = ? AND task_key = ? AND task_nth = ? AND field = ?"
    params = [document_id, plan_seq, key, nth, field]
    old = conn.execute(f"SELECT id, parsed FROM corrections WHERE {where}", params).fetchone()
    # The parser's value: kept from the first correction; else what the
    # rows hold now, which is the parse since nothing corrected them.
    parsed = json.loads(old[1]) if old is not None and old[1] is not None else current_value(conn, field, target)
    if value is None or value == parsed:
        # back to the parse: the correction goes, the parser's value returns
        conn.execute(f"DELETE FROM corrections WHERE {where}", params)
        set_value(conn, field, target, parsed)
        return
    now = _now()
    conn.execute(
        "INSERT INTO corrections (document_id, plan_seq, task_key, task_nth, task_text, field, value, parsed, status, created_at, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'applied', ?, ?)"
        " ON CONFLICT (document_id, plan_seq, task_key, task_nth, field) DO UPDATE SET"
        " value = excluded.value, task_text = excluded.task_text, status = 'applied', updated_at = excluded.updated_at",
        [document_id, plan_seq, key, nth, text, field, _json(value), _json(parsed), now, now],
    )
    set_value(conn, field, target, value)


def delete_correction(db: sqlite_utils.Database, correction_id: int) -> None:
    """Take a correction back: the parser's value returns. KeyError if absent."""
    with write_transaction(db) as conn:
        row = conn.execute(
            "SELECT document_id, plan_seq, task_key, task_nth, field, parsed, status FROM corrections WHERE id = ?",
            [correction_id],
        ).fetchone()
        if row is None:
            raise KeyError(correction_id)
        document_id, plan_seq, key, nth, field, parsed, status = row
        conn.execute("DELETE FROM corrections WHERE id = ?", [correction_id])
        target = _target(conn, document_id, plan_seq, key, nth, field)
        if target is None or status == "orphaned":
            return
        if field == "unit":
            resolve_units(conn, plan_ids=[target])
        else:
            set_value(conn, field, target, json.loads(parsed) if parsed is not None else None)


def _target(conn, document_id: int, plan_seq: int, key: str, nth: int, field: str) -> int | None:  # noqa: ANN001
    row = conn.execute("SELECT id FROM plans WHERE document_id = ? AND seq = ?", [document_id, plan_seq]).fetchone()
    if row is None or field in PLAN_FIELDS:
        return row[0] if row else None
    return next((tid for tid, kn in task_keys(conn, row[0]).items() if kn == (key, nth)), None)


def list_corrections(
    db: sqlite_utils.Database, *, plan_id: int | None = None, document_id: int | None = None
) -> list[dict[str, Any]]:
    """Corrections (newest first) with the plan and task they apply to now
    (None for an orphaned one): field, the user's value, the parser's."""
    conds, params = ["1"], []
    if plan_id is not None:
        conds.append("p.id = ?")
        params.append(plan_id)
    if document_id is not None:
        conds.append("c.document_id = ?")
        params.append(document_id)
    cur = db.execute(
        "SELECT c.id, c.document_id, c.plan_seq, p.id AS plan_id, c.task_key, c.task_nth, c.task_text, c.field, c.value,"
        " c.parsed, c.status, c.created_at, c.updated_at FROM corrections c"
        " LEFT JOIN plans p ON p.document_id = c.document_id AND p.seq = c.plan_seq"
        f" WHERE {' AND '.join(conds)} ORDER BY c.updated_at DESC, c.id DESC",
        params,
    )
    cols = [d[0] for d in cur.description]
    out = []
    keys: dict[int, dict[tuple[str, int], int]] = {}
    for r in cur.fetchall():
        c = dict(zip(cols, r))
        c["value"] = json.loads(c["value"])
        c["parsed"] = json.loads(c["parsed"]) if c["parsed"] is not None else None
        c["task_id"] = None
        if c["field"] in TASK_FIELDS and c["plan_id"] is not None and c["status"] == "applied":
            if c["plan_id"] not in keys:
                keys[c["plan_id"]] = {kn: tid for tid, kn in task_keys(db.conn, c["plan_id"]).items()}
            c["task_id"] = keys[c["plan_id"]].get((c["task_key"], c["task_nth"]))
        del c["task_key"], c["task_nth"]
        out.append(c)
    return out


# --- units ------------------------------------------------------------------


def merge_units(db: sqlite_utils.Database, canonical: str, spellings: list[str]) -> list[int]:
    """Make every name of `spellings` an alias of `canonical`: plans with
    those units (parsed or corrected) count as `canonical`'s from now on, in
    every query. The aliases of a merged name follow it; `canonical`, if it
    is itself an alias, is replaced by its own canonical name. The plans
    whose unit changed. ValueError when nothing is left to merge."""
    canonical = canonical.strip()
    with write_transaction(db) as conn:
        row = conn.execute("SELECT canonical FROM unit_aliases WHERE alias = ?", [canonical]).fetchone()
        canonical = row[0] if row else canonical
        names = [s.strip() for s in spellings if s.strip() and s.strip() != canonical]
        if not canonical or not names:
            raise ValueError(msg("merge_nothing"))
        now = _now()
        for name in dict.fromkeys(names):
            # chains never form: what pointed at `name` now points at canonical
            conn.execute("UPDATE unit_aliases SET canonical = ? WHERE canonical = ?", [canonical, name])
            conn.execute(
                "INSERT INTO unit_aliases (alias, canonical, created_at) VALUES (?, ?, ?)"
                " ON CONFLICT (alias) DO UPDATE SET canonical = excluded.canonical",
                [name, canonical, now],
            )
        conn.execute("DELETE FROM unit_aliases WHERE alias = canonical")
        return resolve_units(conn)


def unmerge_unit(db: sqlite_utils.Database, alias: str) -> list[int]:
    """Make `alias` a unit of its own again; the plans whose unit changed.
    KeyError when it is no alias."""
    with write_transaction(db) as conn:
        if conn.execute("DELETE FROM unit_aliases WHERE alias = ?", [alias]).rowcount == 0:
            raise KeyError(alias)
        return resolve_units(conn)


def canonical_unit(db: sqlite_utils.Database, name: str) -> str:
    row = db.execute("SELECT canonical FROM unit_aliases WHERE alias = ?", [name]).fetchone()
    return row[0] if row else name


def list_units(db: sqlite_utils.Database, *, q: str | None = None) -> list[dict[str, Any]]:
    """Every unit as queries see it (canonical names), with its number of
    plans and tasks, the spellings merged into it and the spellings its
    plans were parsed with."""
    from store.search import like_pattern

    params: list[Any] = []
    where = "p.unit IS NOT NULL"
    if q:
        where += " AND (p.unit LIKE ? ESCAPE '\\' OR p.parsed_unit LIKE ? ESCAPE '\\')"
        params += [like_pattern(q)] * 2
    units: dict[str, dict[str, Any]] = {}
    for unit, plans, tasks in db.execute(
        f"SELECT p.unit, count(*), sum((SELECT count(*) FROM tasks t WHERE t.plan_id = p.id)) FROM plans p WHERE {where}"
        " GROUP BY p.unit ORDER BY p.unit",
        params,
    ):
        units[unit] = {"name": unit, "plans": plans, "tasks": tasks or 0, "aliases": [], "parsed_as": []}
    for alias, canonical in db.execute("SELECT alias, canonical FROM unit_aliases ORDER BY alias"):
        if canonical in units:
            units[canonical]["aliases"].append(alias)
    for unit, parsed in db.execute(
        f"SELECT DISTINCT p.unit, p.parsed_unit FROM plans p WHERE {where} AND p.parsed_unit IS NOT NULL ORDER BY p.parsed_unit",
        params,
    ):
        if unit in units and parsed != unit:
            units[unit]["parsed_as"].append(parsed)
    return list(units.values())


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)
