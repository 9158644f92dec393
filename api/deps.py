"""Dependencies shared by the routes, as Annotated aliases: the settings, a
database connection per request, the write token, the task filters."""

from __future__ import annotations

import hmac
import os
import re
import sqlite3
import threading
from collections.abc import AsyncIterator
from typing import Annotated

import sqlite_utils
from fastapi import Depends, HTTPException, Query, Request, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from api.settings import Settings
from models.messages import msg, parse_role
from service.archive import Limits
from store import open_db
from store.budget import Deadline, guard
from store.query import TaskFilter, parse_months, split_list
from store.search import QueryTooLarge, check_query

# SQLite stores integers in 64 bits; a larger id, year or offset is no row.
SQLITE_INT = 2**63 - 1
# No filter value has a reason to hold a control character, and a NUL
# ends a LIKE pattern early in SQLite (q=%00 matched every task).
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


# Dependencies that only read the request are `async def`: FastAPI runs a
# plain `def` dependency on its thread pool, and those hops cost more than
# the whole of a cached read did (six a request before).
async def get_settings(request: Request) -> Settings:
    return request.app.state.settings


SettingsDep = Annotated[Settings, Depends(get_settings)]


async def get_limits(settings: SettingsDep) -> Limits:
    return Limits.from_settings(settings)


LimitsDep = Annotated[Limits, Depends(get_limits)]


async def get_deadline(request: Request, settings: SettingsDep) -> Deadline:
    """Reads get the read budget from the moment the request arrived; writes
    (an upload parses for seconds) are bounded by the file limits instead."""
    if request.method not in ("GET", "HEAD"):
        return Deadline(None)
    if not hasattr(request.state, "deadline"):
        request.state.deadline = Deadline(settings.limits().read_budget_s)
    return request.state.deadline


DeadlineDep = Annotated[Deadline, Depends(get_deadline)]


class _Connections:
    """Open connections kept between requests, per database file. Opening
    one (and checking its schema) cost half a millisecond and two hops to
    the thread pool on every read; a kept connection is handed out again
    unless the file at the path was replaced since (`jihua reset`)."""

    KEEP = 16

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._idle: dict[str, list[tuple[int, sqlite_utils.Database]]] = {}

    def take(self, path: str) -> sqlite_utils.Database:
        try:
            inode = os.stat(path).st_ino
        except FileNotFoundError:
            return open_db(path, create=False)  # says which file is missing
        stale = []
        with self._lock:
            idle = self._idle.setdefault(path, [])
            while idle:
                kept_inode, db = idle.pop()
                if kept_inode == inode:
                    break
                stale.append(db)
            else:
                db = None
        for old in stale:
            old.close()
        if db is None:
            db = open_db(path, create=False)
        db._jihua_inode = inode  # type: ignore[attr-defined]
        return db

    def give(self, path: str, db: sqlite_utils.Database) -> None:
        try:
            if db.conn.in_transaction:
                db.conn.rollback()  # a request that failed mid-write leaves nothing open
            db.conn.set_progress_handler(None, 0)
        except sqlite3.Error:
            db.close()
            return
        with self._lock:
            idle = self._idle.setdefault(path, [])
            if len(idle) < self.KEEP:
                idle.append((db._jihua_inode, db))  # type: ignore[attr-defined]
                return
        db.close()


_connections = _Connections()


async def get_db(settings: SettingsDep, deadline: DeadlineDep) -> AsyncIterator[sqlite_utils.Database]:
    # A connection per request, taken from those kept open (no thread-pool
    # hop: taking one is quick; opening a new one blocks for ~0.5 ms once).
    path = str(settings.db)
    db = _connections.take(path)
    guard(db, deadline)  # a read past its budget is interrupted by SQLite
    try:
        yield db
    finally:
        _connections.give(path, db)


DbDep = Annotated[sqlite_utils.Database, Depends(get_db)]


class JSONBytes(Response):
    """An answer's JSON kept from an earlier request (store.cache), sent as
    it is: no model built, nothing encoded again. The route's response_model
    still documents its shape."""

    media_type = "application/json"

_bearer = HTTPBearer(auto_error=False, description="the value of JIHUA_TOKEN, when the server sets one")


async def require_token(
    settings: SettingsDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> None:
    """Writes need `Authorization: Bearer <JIHUA_TOKEN>` when a token is set;
    reads stay open."""
    if not settings.token:
        return
    given = credentials.credentials if credentials and credentials.scheme.lower() == "bearer" else ""
    if not hmac.compare_digest(given.encode(), settings.token.encode()):
        raise HTTPException(401, msg("auth_required"), headers={"WWW-Authenticate": "Bearer"})


WriteAuth = Depends(require_token)


def check_text(name: str, values: list[str] | str | None) -> None:
    """422 for a control character in a text filter."""
    for v in [values] if isinstance(values, str) else values or []:
        if _CONTROL.search(v):
            raise HTTPException(422, msg("control_characters", name=name))


def check_ints(name: str, values: list[int], lo: int, hi: int) -> None:
    for v in values:
        if not lo <= v <= hi:
            raise HTTPException(422, msg("out_of_range", name=name, value=v, lo=lo, hi=hi))


def check_q(q: str | None, settings: Settings) -> None:
    check_text("q", q)
    limits = settings.limits()
    try:
        check_query(q, limits.max_query_terms, limits.max_query_chars)
    except QueryTooLarge as e:
        raise HTTPException(422, e.args[0]) from None


async def task_filter(
    settings: SettingsDep,
    month: Annotated[
        str | None,
        Query(
            description="one month, a list or a range: 3, 3,4, 3-5 (11-2 wraps the year end); 三月, 3月, 三月至五月 too",
            examples=["3", "3-5", "三月"],
        ),
    ] = None,
    theme: Annotated[list[str], Query(description="theme name; repeat or comma-separate for any of several", examples=["女职工"])] = [],  # noqa: B006
    unit: Annotated[list[str], Query(description="the plan's unit: its name exactly, as /facets lists it", examples=["青川区总工会"])] = [],  # noqa: B006
    unit_like: Annotated[list[str], Query(description="part of the plan's unit name", examples=["总工会"])] = [],  # noqa: B006
    body: Annotated[list[str], Query(description="part of a body's name", examples=["女工委员会"])] = [],  # noqa: B006
    role: Annotated[
        str | None,
        Query(
            description="the role the body plays (with body: that body in that role): "
            "issuer, lead, support, leader, mention, or as people read them 发文, 牵头, 配合, 领导, 提及",
            examples=["lead", "牵头"],
        ),
    ] = None,
    year: Annotated[list[int], Query(description="the plan's year", examples=[2025])] = [],  # noqa: B006
    q: Annotated[
        str | None,
        Query(description="text search, every term must match; 3+ characters use a trigram index, 1-2 a character-pair index", examples=["女工", "健康体检"]),
    ] = None,
    plan_id: Annotated[list[int], Query(description="only these plans")] = [],  # noqa: B006
    document_id: Annotated[list[int], Query(description="only these documents")] = [],  # noqa: B006
) -> TaskFilter:
    try:
        months = parse_months(month)
        role_code = parse_role(role) if role is not None else None
    except ValueError as e:
        raise HTTPException(422, e.args[0]) from None
    for name, values in (("month", month), ("theme", theme), ("unit", unit), ("unit_like", unit_like), ("body", body)):
        check_text(name, values)
    check_q(q, settings)
    check_ints("year", year, 1, 9999)
    check_ints("plan_id", plan_id, -SQLITE_INT, SQLITE_INT)
    check_ints("document_id", document_id, -SQLITE_INT, SQLITE_INT)
    return TaskFilter(
        months=months,
        themes=split_list(theme),
        units=split_list(unit),
        unit_like=split_list(unit_like),
        bodies=split_list(body),
        role=role_code,
        years=year,
        q=q,
        plan_ids=plan_id,
        document_ids=document_id,
    )


TaskFilterDep = Annotated[TaskFilter, Depends(task_filter)]
