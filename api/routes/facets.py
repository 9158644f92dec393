"""GET /facets: the counts a filter sidebar shows."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import DbDep, JSONBytes, TaskFilterDep
from api.schemas import Facets
from store import facets
from store.cache import cached, warmer
from store.query import TaskFilter, filter_key

router = APIRouter(prefix="/facets", tags=["tasks"])


@router.get("", response_model=Facets)
def read_facets(db: DbDep, f: TaskFilterDep) -> Facets:
    """Task counts by unit, year, month, theme and body, under the same
    filters as /tasks (so each count says what choosing it would give)."""
    return JSONBytes(facets_json(db, f))


def facets_json(db: DbDep, f: TaskFilter) -> bytes:
    # Kept until the store changes (store.cache): every count reads every matching task.
    return cached(db, ("GET /facets", filter_key(f)), lambda: Facets(**facets(db, f)).model_dump_json().encode())


@warmer
def _sidebar(db: DbDep) -> None:
    """What every sidebar opens with: the counts with no filter and under each month."""
    for f in [TaskFilter(), *(TaskFilter(months=[m]) for m in range(1, 13))]:
        facets_json(db, f)
