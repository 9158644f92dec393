"""GET /tasks.csv and /tasks.xlsx: the tasks of /tasks, every page, as files."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import chain

from fastapi import APIRouter
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response, StreamingResponse

from api.deps import SettingsDep, TaskFilterDep
from api.tabular import csv_lines, xlsx_bytes
from store import iter_tasks, open_db
from store.budget import Deadline, guard
from store.query import TaskFilter

router = APIRouter(tags=["exports"])

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _rows(db_path: str, f: TaskFilter, max_rows: int, budget: float) -> Iterator[dict]:
    """Rows in pages of 2,000, each page's query within the read budget: an
    export is bounded by its row limit and no single query runs on."""
    # Its own connection: a streamed response outlives the request's.
    db = open_db(db_path, create=False)
    try:
        deadline = Deadline(budget)
        guard(db, deadline)
        for i, row in enumerate(iter_tasks(db, f, max_rows=max_rows)):
            if i % 2000 == 1999:
                deadline.at = Deadline(budget).at
            yield row
    finally:
        db.close()


def _started(rows: Iterator[dict]) -> Iterator[dict]:
    """The first page is read before the answer starts, so that a filter
    too slow for the budget answers 503 rather than a cut file."""
    try:
        first = next(rows)
    except StopIteration:
        return iter(())
    return chain([first], rows)


@router.get(
    "/tasks.csv",
    response_class=StreamingResponse,
    responses={200: {"content": {"text/csv": {}}, "description": "UTF-8 CSV with BOM, Chinese headers"}},
)
def export_csv(f: TaskFilterDep, settings: SettingsDep) -> StreamingResponse:
    """The tasks /tasks would list (same filters, all pages) as CSV that
    Excel opens with the Chinese intact."""
    rows = _started(_rows(settings.db, f, settings.export_max_rows, settings.read_budget_s))
    return StreamingResponse(
        csv_lines(rows),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="tasks.csv"'},
    )


@router.get("/tasks.xlsx", response_class=Response, responses={200: {"content": {XLSX: {}}}})
async def export_xlsx(f: TaskFilterDep, settings: SettingsDep) -> Response:
    """The same tasks as an Excel workbook (one sheet, 任务)."""
    data = await run_in_threadpool(
        lambda: xlsx_bytes(_rows(settings.db, f, settings.export_max_rows, settings.read_budget_s))
    )
    return Response(data, media_type=XLSX, headers={"Content-Disposition": 'attachment; filename="tasks.xlsx"'})
