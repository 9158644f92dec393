"""Corrections: PATCH /plans/{id} (unit, year), PATCH /tasks/{id} (months,
bodies), GET /corrections and DELETE /corrections/{id} (take one back).

A correction is kept beside the parse and applied again whenever the
document is parsed again (`jihua reparse`), so a fix is made once."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Query, Response

from api.deps import SQLITE_INT, DbDep, WriteAuth, check_text
from api.routes.errors import responses
from api.routes.plans import plan_detail
from api.schemas import Correction, PlanDetail, PlanPatch, TaskPatch, TaskRow
from models.messages import msg, parse_role
from store import correct_plan, correct_task, delete_correction, get_task, list_corrections
from store.query import parse_months

router = APIRouter(tags=["corrections"])

YEARS = (1900, 2100)
IdPath = Annotated[int, Path(ge=-SQLITE_INT, le=SQLITE_INT)]


@router.patch("/plans/{plan_id}", response_model=PlanDetail, dependencies=[WriteAuth], responses=responses(401, 404, 422))
def patch_plan(plan_id: IdPath, patch: PlanPatch, db: DbDep) -> PlanDetail:
    """Correct a plan's unit or year (null: back to what the parser read).

    ```sh
    curl -X PATCH -H 'Content-Type: application/json' -d '{"unit": "青川区总工会"}' http://127.0.0.1:8000/plans/1
    ```"""
    given = patch.model_fields_set
    if not given:
        raise HTTPException(422, msg("patch_empty", fields="unit, year"))
    kwargs = {}
    if "unit" in given:
        kwargs["unit"] = _unit(patch.unit)
    if "year" in given:
        if patch.year is not None and not YEARS[0] <= patch.year <= YEARS[1]:
            raise HTTPException(422, msg("bad_year", value=patch.year, lo=YEARS[0], hi=YEARS[1]))
        kwargs["year"] = patch.year
    try:
        correct_plan(db, plan_id, **kwargs)
    except KeyError:
        raise HTTPException(404, msg("not_found", what=msg("what_plan"), id=plan_id)) from None
    return plan_detail(db, plan_id)


def _unit(value: str | None) -> str | None:
    if value is None:
        return None
    check_text("unit", value)
    if not value.strip():
        raise HTTPException(422, msg("unit_empty"))
    return value.strip()


@router.patch("/tasks/{task_id}", response_model=TaskRow, dependencies=[WriteAuth], responses=responses(401, 404, 422))
def patch_task(task_id: IdPath, patch: TaskPatch, db: DbDep) -> TaskRow:
    """Correct a task's months or its bodies (names and roles, the whole
    list); null takes the correction back.

    ```sh
    curl -X PATCH -H 'Content-Type: application/json' \\
      -d '{"months": "3-4", "bodies": [{"name": "区总工会女职工委员会", "role": "牵头"}]}' http://127.0.0.1:8000/tasks/7
    ```"""
    given = patch.model_fields_set
    if not given:
        raise HTTPException(422, msg("patch_empty", fields="months, bodies"))
    kwargs = {}
    try:
        if "months" in given:
            m = patch.months
            if isinstance(m, str):
                check_text("months", m)
                m = parse_months(m)
            elif m is not None and any(not 1 <= x <= 12 for x in m):
                raise ValueError(msg("month_range", value=m))
            kwargs["months"] = m
        if "bodies" in given:
            kwargs["bodies"] = None if patch.bodies is None else [_body(b.name, b.role) for b in patch.bodies]
    except ValueError as e:
        raise HTTPException(422, e.args[0]) from None
    try:
        correct_task(db, task_id, **kwargs)
    except KeyError:
        raise HTTPException(404, msg("not_found", what=msg("what_task"), id=task_id)) from None
    return TaskRow(**get_task(db, task_id))


def _body(name: str, role: str) -> dict[str, str]:
    check_text("bodies", [name, role])
    if not name.strip():
        raise ValueError(msg("body_name_empty"))
    return {"name": name.strip(), "role": parse_role(role)}


@router.get("/corrections", response_model=list[Correction], responses=responses(422, 503))
def read_corrections(
    db: DbDep,
    plan_id: Annotated[int | None, Query(ge=-SQLITE_INT, le=SQLITE_INT)] = None,
    document_id: Annotated[int | None, Query(ge=-SQLITE_INT, le=SQLITE_INT)] = None,
) -> list[Correction]:
    """Every correction (newest first), or a plan's or a document's: the
    user's value beside the parser's, and whether it still applies
    (`orphaned`: the last parse has no such task)."""
    return [Correction(**c) for c in list_corrections(db, plan_id=plan_id, document_id=document_id)]


@router.delete("/corrections/{correction_id}", status_code=204, dependencies=[WriteAuth], responses=responses(401, 404))
def remove_correction(correction_id: IdPath, db: DbDep) -> Response:
    """Take a correction back: the parser's value returns."""
    try:
        delete_correction(db, correction_id)
    except KeyError:
        raise HTTPException(404, msg("not_found", what=msg("what_correction"), id=correction_id)) from None
    return Response(status_code=204)
