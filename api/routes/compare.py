"""GET /compare: units side by side; /compare.xlsx and /compare.csv the same
as files."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query
from fastapi.responses import Response, StreamingResponse

from api.deps import SQLITE_INT, DbDep, DeadlineDep, SettingsDep, check_ints, check_text
from api.routes.errors import responses
from api.schemas import Comparison
from api.tabular import Sheet, rows_csv, xlsx_workbook
from models.messages import months_text, msg
from store import compare, split_list
from store.compare import CompareTooLarge

router = APIRouter(tags=["compare"])

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def run_compare(
    db: DbDep,
    settings: SettingsDep,
    deadline: DeadlineDep,
    units: Annotated[list[str], Query(description="units to compare, comma-separated or repeated", examples=["甲公司工会,乙学校工会"])] = [],  # noqa: B006
    plan_ids: Annotated[list[str], Query(description="or plans to compare, by id: 1,2")] = [],  # noqa: B006
    year: Annotated[list[int], Query(description="only the plans of these years", examples=[2025])] = [],  # noqa: B006
    threshold: Annotated[float, Query(ge=0.5, le=1.0, description="text similarity for 'the same task'")] = 0.8,
) -> dict[str, Any]:
    check_text("units", units)
    check_ints("year", year, 1, 9999)
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
        return compare(
            db, units=unit_list, plan_ids=ids, years=year, threshold=threshold, limits=settings.limits(), deadline=deadline
        )
    except CompareTooLarge as e:
        raise HTTPException(422, e.args[0]) from None


ComparisonDep = Annotated[dict[str, Any], Depends(run_compare)]


@router.get("/compare", response_model=Comparison, responses=responses(422, 503))
def compare_units(result: ComparisonDep) -> Comparison:
    """For each theme × month, the units that plan tasks there; per theme and
    unit, how many tasks (a heatmap); tasks that several units share
    (near-identical text), tasks unique to one unit, and the bodies each
    unit relies on. A spelling merged into a unit (PATCH /units) is that unit."""
    return Comparison(**result)


COMPARE_COLUMNS = ["类别", "单位", "任务", "月份", "共同的单位", "任务ID", "计划ID"]


def _task_rows(c: dict[str, Any]) -> Iterator[list[Any]]:
    """Shared tasks (one row per unit's wording), then each unit's own."""
    for s in c["shared"]:
        for t in s["tasks"]:
            yield ["共同", t["unit"], t["text"], months_text(t["months"]), "、".join(s["units"]), t["id"], t["plan_id"]]
    for unit, tasks in c["unique"].items():
        for t in tasks:
            yield ["独有", unit, t["text"], months_text(t["months"]), "", t["id"], t["plan_id"]]


def comparison_sheets(c: dict[str, Any]) -> list[Sheet]:
    units = c["units"]
    heat = [[theme, *(counts.get(u, 0) for u in units)] for theme, counts in c["theme_counts"].items()]
    months = {cell["month"]: cell["units"] for cell in c["grid"] if cell["theme"] is None}
    timeline = [[f"{m}月", *(months.get(m, {}).get(u, 0) for u in units)] for m in range(1, 13)]
    unit_widths = dict.fromkeys(units, 16)
    return [
        Sheet("主题×单位", ["主题", *units], heat, {"主题": 16, **unit_widths}),
        Sheet("月份×单位", ["月份", *units], timeline, {"月份": 8, **unit_widths}),
        Sheet("任务", COMPARE_COLUMNS, _task_rows(c), {"类别": 8, "共同的单位": 34}),
    ]


@router.get("/compare.xlsx", response_class=Response, responses={200: {"content": {XLSX: {}}}, **responses(422, 503)})
def export_compare_xlsx(result: ComparisonDep) -> Response:
    """The comparison as a workbook: theme × unit counts, month × unit
    counts, and the shared and unique tasks."""
    data = xlsx_workbook(comparison_sheets(result))
    return Response(data, media_type=XLSX, headers={"Content-Disposition": 'attachment; filename="compare.xlsx"'})


@router.get(
    "/compare.csv",
    response_class=StreamingResponse,
    responses={200: {"content": {"text/csv": {}}, "description": "UTF-8 CSV with BOM"}, **responses(422, 503)},
)
def export_compare_csv(result: ComparisonDep) -> StreamingResponse:
    """The shared and unique tasks of the comparison, a row each, as CSV."""
    return StreamingResponse(
        rows_csv(COMPARE_COLUMNS, _task_rows(result)),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="compare.csv"'},
    )
