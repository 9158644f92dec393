"""GET /plans (sortable, and as CSV or XLSX) and GET /plans/{id}."""

from __future__ import annotations

from typing import Annotated, Any

import sqlite_utils
from fastapi import APIRouter, Depends, HTTPException, Path, Query
from fastapi.responses import Response, StreamingResponse

from api.deps import SQLITE_INT, DbDep, SettingsDep, check_ints, check_q, check_text
from api.routes.errors import responses
from api.schemas import Page, PlanDetail, PlanSummary
from api.tabular import PLAN_COLUMNS, Sheet, plan_cells, rows_csv, xlsx_workbook
from models.messages import msg
from service.sourcelines import locate_tasks
from store import PLAN_SORTS, get_plan, list_corrections, list_plans, split_list

router = APIRouter(tags=["plans"])

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SORT_HELP = "sort by unit, year, title, tasks (their number) or id; a leading - sorts descending: -year"


class PlanQuery:
    """The filters and order of a list of plans (the API's and the page's)."""

    def __init__(
        self,
        settings: SettingsDep,
        unit: Annotated[list[str], Query(description="the plan's unit: its name exactly (or a spelling merged into it)", examples=["青川区总工会"])] = [],  # noqa: B006
        unit_like: Annotated[list[str], Query(description="part of the plan's unit name", examples=["总工会"])] = [],  # noqa: B006
        year: Annotated[list[int], Query(examples=[2025])] = [],  # noqa: B006
        theme: Annotated[list[str], Query(examples=["女职工"])] = [],  # noqa: B006
        q: Annotated[str | None, Query(description="text search in title and body", examples=["职代会"])] = None,
        sort: Annotated[str, Query(description=SORT_HELP, examples=["-year"])] = "unit",
    ):
        check_text("unit", unit)
        check_text("unit_like", unit_like)
        check_text("theme", theme)
        check_q(q, settings)
        check_ints("year", year, 1, 9999)
        key = sort.removeprefix("-")
        if key not in PLAN_SORTS:
            raise HTTPException(422, msg("invalid_request", reason=f"sort: {sort!r} ({', '.join(PLAN_SORTS)})"))
        self.filters: dict[str, Any] = dict(
            units=split_list(unit), unit_like=split_list(unit_like), years=year, themes=split_list(theme), q=q
        )
        self.sort = key
        self.descending = sort.startswith("-")

    def page(self, db: sqlite_utils.Database, limit: int, offset: int) -> tuple[int, list[dict[str, Any]]]:
        return list_plans(db, **self.filters, limit=limit, offset=offset, sort=self.sort, descending=self.descending)

    def all(self, db: sqlite_utils.Database, max_rows: int) -> list[dict[str, Any]]:
        return self.page(db, max_rows, 0)[1]


PlanQueryDep = Annotated[PlanQuery, Depends()]


@router.get("/plans", response_model=Page[PlanSummary], responses=responses(422, 503))
def read_plans(
    db: DbDep,
    pq: PlanQueryDep,
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
    offset: Annotated[int, Query(ge=0, le=SQLITE_INT)] = 0,
) -> Page[PlanSummary]:
    """Plans, sorted by unit and year (or `sort`); filters combine."""
    total, items = pq.page(db, limit, offset)
    return Page[PlanSummary](total=total, limit=limit, offset=offset, items=[PlanSummary(**p) for p in items])


@router.get(
    "/plans.csv",
    response_class=StreamingResponse,
    responses={200: {"content": {"text/csv": {}}, "description": "UTF-8 CSV with BOM, Chinese headers"}, **responses(422, 503)},
)
def export_plans_csv(db: DbDep, pq: PlanQueryDep, settings: SettingsDep) -> StreamingResponse:
    """The plans /plans would list (same filters and order, every page) as CSV."""
    rows = [plan_cells(p) for p in pq.all(db, settings.export_max_rows)]
    return StreamingResponse(
        rows_csv(PLAN_COLUMNS, rows),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="plans.csv"'},
    )


@router.get("/plans.xlsx", response_class=Response, responses={200: {"content": {XLSX: {}}}, **responses(422, 503)})
def export_plans_xlsx(db: DbDep, pq: PlanQueryDep, settings: SettingsDep) -> Response:
    """The same plans as an Excel workbook (one sheet, 计划)."""
    rows = [plan_cells(p) for p in pq.all(db, settings.export_max_rows)]
    data = xlsx_workbook([Sheet("计划", PLAN_COLUMNS, rows, {"标题": 40, "主题": 30, "解析出的单位": 24, "任务数": 8})])
    return Response(data, media_type=XLSX, headers={"Content-Disposition": 'attachment; filename="plans.xlsx"'})


def plan_detail(db: sqlite_utils.Database, plan_id: int) -> PlanDetail:
    """A plan with each task's source lines and the users' corrections; 404."""
    plan = get_plan(db, plan_id)
    if plan is None:
        raise HTTPException(404, msg("not_found", what=msg("what_plan"), id=plan_id))
    for t, lines in zip(plan["tasks"], locate_tasks(plan["text"], [t["text"] for t in plan["tasks"]])):
        t["lines"] = list(lines) if lines else None
    plan["corrections"] = list_corrections(db, plan_id=plan_id)
    return PlanDetail(**plan)


@router.get("/plans/{plan_id}", response_model=PlanDetail, responses=responses(404))
def read_plan(plan_id: Annotated[int, Path(ge=-SQLITE_INT, le=SQLITE_INT)], db: DbDep) -> PlanDetail:
    """One plan: its outline (a tree of sections), objectives, tasks in
    reading order (each with the lines of the text it was read from), bodies,
    and the corrections users made to it."""
    return plan_detail(db, plan_id)
