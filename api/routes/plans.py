"""GET /plans and GET /plans/{id}."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Query

from api.deps import SQLITE_INT, DbDep, SettingsDep, check_ints, check_q, check_text
from api.routes.errors import responses
from api.schemas import Page, PlanDetail, PlanSummary
from models.messages import msg
from store import get_plan, list_plans, split_list

router = APIRouter(prefix="/plans", tags=["plans"])


@router.get("", response_model=Page[PlanSummary], responses=responses(422, 503))
def read_plans(
    db: DbDep,
    settings: SettingsDep,
    unit: Annotated[list[str], Query(description="the plan's unit: its name exactly", examples=["青川区总工会"])] = [],  # noqa: B006
    unit_like: Annotated[list[str], Query(description="part of the plan's unit name", examples=["总工会"])] = [],  # noqa: B006
    year: Annotated[list[int], Query(examples=[2025])] = [],  # noqa: B006
    theme: Annotated[list[str], Query(examples=["女职工"])] = [],  # noqa: B006
    q: Annotated[str | None, Query(description="text search in title and body", examples=["职代会"])] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
    offset: Annotated[int, Query(ge=0, le=SQLITE_INT)] = 0,
) -> Page[PlanSummary]:
    """Plans, sorted by unit and year; filters combine."""
    check_text("unit", unit)
    check_text("unit_like", unit_like)
    check_text("theme", theme)
    check_q(q, settings)
    check_ints("year", year, 1, 9999)
    total, items = list_plans(
        db,
        units=split_list(unit),
        unit_like=split_list(unit_like),
        years=year,
        themes=split_list(theme),
        q=q,
        limit=limit,
        offset=offset,
    )
    return Page[PlanSummary](total=total, limit=limit, offset=offset, items=[PlanSummary(**p) for p in items])


@router.get("/{plan_id}", response_model=PlanDetail, responses=responses(404))
def read_plan(plan_id: Annotated[int, Path(ge=-SQLITE_INT, le=SQLITE_INT)], db: DbDep) -> PlanDetail:
    """One plan: its outline (a tree of sections), objectives, tasks in
    reading order, and bodies."""
    plan = get_plan(db, plan_id)
    if plan is None:
        raise HTTPException(404, msg("not_found", what=msg("what_plan"), id=plan_id))
    return PlanDetail(**plan)
