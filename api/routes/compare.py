"""GET /compare: units side by side."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query

from api.deps import SQLITE_INT, DbDep, DeadlineDep, SettingsDep, check_text
from api.routes.errors import responses
from api.schemas import Comparison
from models.messages import msg
from store import compare, split_list
from store.compare import CompareTooLarge

router = APIRouter(prefix="/compare", tags=["compare"])


@router.get("", response_model=Comparison, responses=responses(422, 503))
def compare_units(
    db: DbDep,
    settings: SettingsDep,
    deadline: DeadlineDep,
    units: Annotated[list[str], Query(description="units to compare, comma-separated or repeated", examples=["甲公司工会,乙学校工会"])] = [],  # noqa: B006
    plan_ids: Annotated[list[str], Query(description="or plans to compare, by id: 1,2")] = [],  # noqa: B006
    threshold: Annotated[float, Query(ge=0.5, le=1.0, description="text similarity for 'the same task'")] = 0.8,
) -> Comparison:
    """For each theme × month, the units that plan tasks there; tasks that
    several units share (near-identical text), tasks unique to one unit, and
    the bodies each unit relies on."""
    check_text("units", units)
    unit_list = split_list(units)
    try:
        ids = [int(x) for x in split_list(plan_ids)]
    except ValueError:
        raise HTTPException(422, msg("bad_plan_ids")) from None
    if any(abs(i) > SQLITE_INT for i in ids):
        raise HTTPException(422, msg("plan_id_range"))
    if not unit_list and not ids:
        raise HTTPException(422, msg("compare_what"))
    try:
        result = compare(
            db, units=unit_list, plan_ids=ids, threshold=threshold, limits=settings.limits(), deadline=deadline
        )
    except CompareTooLarge as e:
        raise HTTPException(422, e.args[0]) from None
    return Comparison(**result)
