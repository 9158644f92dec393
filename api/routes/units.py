"""Units and their spellings: GET /units, PATCH /units/{name} (merge
spellings into it), DELETE /units/aliases/{alias} (make one its own again)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Query, Response

from api.deps import DbDep, WriteAuth, check_text
from api.routes.errors import responses
from api.schemas import Unit, UnitMerge
from models.messages import msg
from store import list_units, merge_units, unmerge_unit

router = APIRouter(prefix="/units", tags=["units"])

NamePath = Annotated[str, Path(max_length=200, description="a unit's name", examples=["青川区总工会"])]


@router.get("", response_model=list[Unit], responses=responses(422, 503))
def read_units(db: DbDep, q: Annotated[str | None, Query(max_length=200, description="part of a name or spelling")] = None) -> list[Unit]:
    """Every unit as queries count it, with its plans and tasks, the
    spellings merged into it and the names its plans were parsed with."""
    check_text("q", q)
    return [Unit(**u) for u in list_units(db, q=q)]


@router.patch("/{name}", response_model=Unit, dependencies=[WriteAuth], responses=responses(401, 422))
def merge(name: NamePath, body: UnitMerge, db: DbDep) -> Unit:
    """Merge spellings into the unit `name`: from now on their plans are
    this unit's in every list, filter, count and comparison (also plans
    stored later). The parsed names are kept (`parsed_unit`).

    ```sh
    curl -X PATCH -H 'Content-Type: application/json' -d '{"aliases": ["青川总工会"]}' http://127.0.0.1:8000/units/青川区总工会
    ```"""
    check_text("name", name)
    check_text("aliases", body.aliases)
    try:
        merge_units(db, name, body.aliases)
    except ValueError as e:
        raise HTTPException(422, e.args[0]) from None
    canonical = next((u for u in list_units(db) if name in (u["name"], *u["aliases"])), None)
    return Unit(**(canonical or {"name": name, "plans": 0, "tasks": 0, "aliases": body.aliases, "parsed_as": []}))


@router.delete("/aliases/{alias}", status_code=204, dependencies=[WriteAuth], responses=responses(401, 404))
def unmerge(alias: NamePath, db: DbDep) -> Response:
    """Make a merged spelling a unit of its own again."""
    try:
        unmerge_unit(db, alias)
    except KeyError:
        raise HTTPException(404, msg("not_found", what=msg("what_alias"), id=alias)) from None
    return Response(status_code=204)
