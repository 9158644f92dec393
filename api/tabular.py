"""Tasks as table rows with Chinese headers: for CSV/XLSX exports and the
CLI's table, so every tabular view shows the same columns."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from typing import Any

# Plans come from third parties, and their text lands in the office that
# opens an export: a cell starting with = + - @ (or a tab or CR before one)
# is a formula to Excel and LibreOffice (=HYPERLINK(…), DDE). CSV cells that
# start so get a leading apostrophe, which spreadsheets show as text; every
# XLSX cell holding text is written as a text cell (numbers stay numbers).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# C0 controls but tab, line feed and carriage return, and DEL: XML 1.0
# forbids most of them (openpyxl refuses the workbook) and a terminal obeys
# escape sequences.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(value: str) -> str:
    """The text without control characters."""
    return _CONTROL.sub("", value)


def csv_safe(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    value = clean_text(value)
    return "'" + value if value.startswith(FORMULA_START) else value

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
        w.writerow([csv_safe(c) for c in task_cells(r)])
        if i % 500 == 0:
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue()


def xlsx_bytes(rows: Iterable[dict[str, Any]]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    # write_only streams rows to the file instead of building every cell in memory.
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("任务")
    ws.freeze_panes = "A2"

    def text_cell(value: Any) -> Any:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return value  # our own numbers (year, ids), never a user's text
        cell = WriteOnlyCell(ws, value=clean_text(str(value)))
        cell.data_type = "s"  # openpyxl would make "=…" a formula
        return cell

    ws.append([text_cell(c) for c in COLUMNS])
    for r in rows:
        ws.append([text_cell(c) for c in task_cells(r)])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
