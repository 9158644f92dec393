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


# The workbook's task sheet: the readable months (3-5月) and beside them one
# column per month with ✓, so a spreadsheet filters "every task in March".
MONTH_COLUMNS = [f"{m}月" for m in range(1, 13)]
XLSX_COLUMNS = [*COLUMNS[:6], *MONTH_COLUMNS, *COLUMNS[6:]]
TICK = "✓"
# characters, as Excel counts them (a CJK character is about two)
_WIDTHS = {
    "单位": 24, "年份": 7, "计划": 34, "章节": 10, "任务": 60, "月份": 11, "时间": 14, "责任主体": 34, "主题": 18,
    "目标": 22, "任务ID": 8, "计划ID": 8, "文档ID": 8, **dict.fromkeys(MONTH_COLUMNS, 5),
}


def task_xlsx_cells(r: dict[str, Any]) -> list[Any]:
    from models.messages import months_text

    cells = task_cells(r)
    months = set(r.get("months") or [])
    cells[5] = months_text(sorted(months)) if months else ""
    return [*cells[:6], *(TICK if m in months else "" for m in range(1, 13)), *cells[6:]]


class Sheet:
    """One sheet of a workbook: its title, headers, rows (streamed) and
    column widths (by header; others get a default)."""

    def __init__(self, title: str, columns: list[str], rows: Iterable[list[Any]], widths: dict[str, float] | None = None):
        self.title = title
        self.columns = columns
        self.rows = rows
        self.widths = {**_WIDTHS, **(widths or {})}


def xlsx_workbook(sheets: Iterable[Sheet]) -> bytes:
    """A workbook people can work with: bold headers frozen above the rows,
    an autofilter on every column, widths that fit the content's kind; text
    cells are text, never formulas (FORMULA_START)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    # write_only streams rows to the file instead of building every cell in memory.
    wb = Workbook(write_only=True)
    bold = Font(bold=True)
    for sheet in sheets:
        ws = wb.create_sheet(sheet.title[:31])  # Excel's limit on a sheet's name
        ws.freeze_panes = "A2"
        for i, name in enumerate(sheet.columns, 1):  # widths go before the first row
            ws.column_dimensions[get_column_letter(i)].width = sheet.widths.get(name, 14)

        def text_cell(value: Any, ws: Any = ws) -> Any:
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                return value  # our own numbers (year, ids, counts), never a user's text
            cell = WriteOnlyCell(ws, value=clean_text(str(value)))
            cell.data_type = "s"  # openpyxl would make "=…" a formula
            return cell

        header = []
        for name in sheet.columns:
            cell = text_cell(name)
            cell.font = bold
            header.append(cell)
        ws.append(header)
        n = 1
        for row in sheet.rows:
            ws.append([text_cell(c) for c in row])
            n += 1
        ws.auto_filter.ref = f"A1:{get_column_letter(max(1, len(sheet.columns)))}{n}"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def xlsx_bytes(rows: Iterable[dict[str, Any]]) -> bytes:
    """Tasks as a workbook (one sheet, 任务)."""
    return xlsx_workbook([Sheet("任务", XLSX_COLUMNS, (task_xlsx_cells(r) for r in rows))])


PLAN_COLUMNS = ["单位", "年份", "标题", "任务数", "主题", "解析出的单位", "计划ID", "文档ID"]


def plan_cells(p: dict[str, Any]) -> list[Any]:
    return [
        p.get("unit") or "",
        p.get("year") or "",
        p.get("title") or "",
        p.get("task_count") or 0,
        "、".join(p.get("themes") or []),
        p.get("parsed_unit") or "",
        p["id"],
        p["document_id"],
    ]


def rows_csv(columns: list[str], rows: Iterable[list[Any]]) -> Iterator[str]:
    """Any table as CSV with a BOM, cells neutralised as the tasks' are."""
    buf = io.StringIO()
    buf.write("\ufeff")
    w = csv.writer(buf)
    w.writerow(columns)
    for i, row in enumerate(rows, 1):
        w.writerow([csv_safe(c) for c in row])
        if i % 500 == 0:
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue()
