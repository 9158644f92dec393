"""GET /facets: the counts a filter sidebar shows."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import DbDep, TaskFilterDep
from api.schemas import Facets
from store import facets

router = APIRouter(prefix="/facets", tags=["tasks"])


@router.get("", response_model=Facets)
def read_facets(db: DbDep, f: TaskFilterDep) -> Facets:
    """Task counts by unit, year, month, theme and body, under the same
    filters as /tasks (so each count says what choosing it would give)."""
    return Facets(**facets(db, f))
