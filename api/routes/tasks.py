"""GET /tasks: every filter combinable, paged, sorted by unit then month."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import SQLITE_INT, DbDep, JSONBytes, TaskFilterDep
from api.routes.errors import responses
from api.schemas import Page, TaskRow
from store import task_page
from store.cache import cached, warmer
from store.query import TaskFilter, filter_key

router = APIRouter(prefix="/tasks", tags=["tasks"])


@router.get("", response_model=Page[TaskRow], responses=responses(422, 503))
def read_tasks(
    db: DbDep,
    f: TaskFilterDep,
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
    offset: Annotated[int, Query(ge=0, le=SQLITE_INT)] = 0,
) -> Page[TaskRow]:
    """Tasks across all stored plans, e.g. `?month=3&theme=女职工` or
    `?month=3-5&unit=青川区总工会&body=女工委&role=lead&q=健康`.
    Sorted by unit, then first month (undated last), then plan order."""
    # The answer's JSON is kept until the store changes (store.cache): a
    # count reads every matching task, and a kept answer costs no model either.
    return JSONBytes(cached(db, ("GET /tasks", filter_key(f), limit, offset), lambda: _page(db, f, limit, offset)))


@warmer
def _first_pages(db: DbDep) -> None:
    """The first page of each month, the list people open most."""
    for m in range(1, 13):
        f = TaskFilter(months=[m])
        cached(db, ("GET /tasks", filter_key(f), 50, 0), lambda f=f: _page(db, f, 50, 0))


def _page(db: DbDep, f: TaskFilter, limit: int, offset: int) -> bytes:
    total, rows = task_page(db, f, limit=limit, offset=offset)
    return Page[TaskRow](total=total, limit=limit, offset=offset, items=[TaskRow(**r) for r in rows]).model_dump_json().encode()
