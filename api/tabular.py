"""Tasks as table rows with Chinese headers: for CSV/XLSX exports and the
CLI's table, so every tabular view shows the same columns."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from typing import Any

ROLE_ZH = {"issuer": "发文", "lead": "牵头", "support": "配合", "leader": "领导", "mention": "提及"}

COLUMNS = ["单位", "年份", "计划", "章节", "任务", "月份", "时间", "责任主体", "主题", "目标", "任务ID", "计划ID", "文档ID"]


def task_cells(r: dict[str, Any]) -> list[Any]:
    return [
        r.get("unit") or "",
        r.get("year") or "",
        r.get("plan_title") or "",
        " ".join(r.get("section_path") or []),
        r["text"],
        ",".join(str(m) for m in r.get("months") or []),
        r.get("time_text") or "",
        "；".join(f"{b['name']}（{ROLE_ZH.get(b['role'], b['role'])}）" for b in r.get("bodies") or []),
        "、".join(r.get("themes") or []),
        "；".join(t["text"] for t in r.get("targets") or []),
        r["id"],
        r["plan_id"],
        r["document_id"],
    ]


def csv_lines(rows: Iterable[dict[str, Any]], *, bom: bool = True) -> Iterator[str]:
    """CSV text in chunks. The BOM makes Excel read the file as UTF-8; without
    it Excel on a Chinese Windows guesses GBK and shows mojibake."""
    buf = io.StringIO()
    w = csv.writer(buf)
    if bom:
        buf.write("\ufeff")
    w.writerow(COLUMNS)
    for i, r in enumerate(rows, 1):
        w.writerow(task_cells(r))
        if i % 500 == 0:
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue()


def xlsx_bytes(rows: Iterable[dict[str, Any]]) -> bytes:
    from openpyxl import Workbook

    # write_only streams rows to the file instead of building every cell in memory.
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("任务")
    ws.freeze_panes = "A2"
    ws.append(COLUMNS)
    for r in rows:
        ws.append(task_cells(r))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
