"""GET /tasks.csv and /tasks.xlsx: the tasks of /tasks, every page, as files."""

from __future__ import annotations

from collections.abc import Iterator

from fastapi import APIRouter
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response, StreamingResponse

from api.deps import SettingsDep, TaskFilterDep
from api.tabular import csv_lines, xlsx_bytes
from store import iter_tasks, open_db
from store.query import TaskFilter

router = APIRouter(tags=["exports"])

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _rows(db_path: str, f: TaskFilter, max_rows: int) -> Iterator[dict]:
    # Its own connection: a streamed response outlives the request's.
    db = open_db(db_path, create=False)
    try:
        yield from iter_tasks(db, f, max_rows=max_rows)
    finally:
        db.close()


@router.get(
    "/tasks.csv",
    response_class=StreamingResponse,
    responses={200: {"content": {"text/csv": {}}, "description": "UTF-8 CSV with BOM, Chinese headers"}},
)
def export_csv(f: TaskFilterDep, settings: SettingsDep) -> StreamingResponse:
    """The tasks /tasks would list (same filters, all pages) as CSV that
    Excel opens with the Chinese intact."""
    return StreamingResponse(
        csv_lines(_rows(settings.db, f, settings.export_max_rows)),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="tasks.csv"'},
    )


@router.get("/tasks.xlsx", response_class=Response, responses={200: {"content": {XLSX: {}}}})
async def export_xlsx(f: TaskFilterDep, settings: SettingsDep) -> Response:
    """The same tasks as an Excel workbook (one sheet, 任务)."""
    data = await run_in_threadpool(lambda: xlsx_bytes(_rows(settings.db, f, settings.export_max_rows)))
    return Response(data, media_type=XLSX, headers={"Content-Disposition": 'attachment; filename="tasks.xlsx"'})
