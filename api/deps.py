"""Dependencies shared by the routes, as Annotated aliases: the settings, a
database connection per request, the write token, the task filters."""

from __future__ import annotations

import hmac
from collections.abc import Iterator
from typing import Annotated

import sqlite_utils
from fastapi import Depends, HTTPException, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from api.archive import Limits
from api.settings import Settings
from models.contract import Role
from store import open_db
from store.query import TaskFilter, parse_months, split_list


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


SettingsDep = Annotated[Settings, Depends(get_settings)]


def get_limits(settings: SettingsDep) -> Limits:
    return Limits.from_settings(settings)


LimitsDep = Annotated[Limits, Depends(get_limits)]


def get_db(settings: SettingsDep) -> Iterator[sqlite_utils.Database]:
    # One connection per request: sqlite3 connections are cheap to open and
    # this keeps requests on different threads from sharing one.
    db = open_db(settings.db, create=False)
    try:
        yield db
    finally:
        db.close()


DbDep = Annotated[sqlite_utils.Database, Depends(get_db)]

_bearer = HTTPBearer(auto_error=False, description="the value of JIHUA_TOKEN, when the server sets one")


def require_token(
    settings: SettingsDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> None:
    """Writes need `Authorization: Bearer <JIHUA_TOKEN>` when a token is set;
    reads stay open."""
    if not settings.token:
        return
    given = credentials.credentials if credentials and credentials.scheme.lower() == "bearer" else ""
    if not hmac.compare_digest(given.encode(), settings.token.encode()):
        raise HTTPException(
            401,
            "this endpoint needs the header 'Authorization: Bearer <token>' with the server's JIHUA_TOKEN",
            headers={"WWW-Authenticate": "Bearer"},
        )


WriteAuth = Depends(require_token)


def task_filter(
    month: Annotated[
        str | None,
        Query(description="one month, a list or a range: 3, 3,4, 3-5 (11-2 wraps the year end)", examples=["3", "3-5"]),
    ] = None,
    theme: Annotated[list[str], Query(description="theme name; repeat or comma-separate for any of several", examples=["女职工"])] = [],  # noqa: B006
    unit: Annotated[list[str], Query(description="the plan's unit, exactly as /facets lists it", examples=["青川区总工会"])] = [],  # noqa: B006
    body: Annotated[list[str], Query(description="part of a body's name", examples=["女工委员会"])] = [],  # noqa: B006
    role: Annotated[Role | None, Query(description="the role the body plays (with body: that body in that role)")] = None,
    year: Annotated[list[int], Query(description="the plan's year", examples=[2025])] = [],  # noqa: B006
    q: Annotated[
        str | None,
        Query(description="text search, every term must match; 3+ characters use the index, 1-2 scan", examples=["女工", "健康体检"]),
    ] = None,
    plan_id: Annotated[list[int], Query(description="only these plans")] = [],  # noqa: B006
    document_id: Annotated[list[int], Query(description="only these documents")] = [],  # noqa: B006
) -> TaskFilter:
    try:
        months = parse_months(month)
    except ValueError as e:
        raise HTTPException(422, str(e)) from None
    return TaskFilter(
        months=months,
        themes=split_list(theme),
        units=split_list(unit),
        bodies=split_list(body),
        role=role,
        years=year,
        q=q,
        plan_ids=plan_id,
        document_ids=document_id,
    )


TaskFilterDep = Annotated[TaskFilter, Depends(task_filter)]
