"""Schedule tables → tasks: one task per item of a row's content cell, with
the months of its time cell and the bodies of its lead and support columns.

Columns are found by their headings, whatever they are called (时间 /
完成时限 / 时间节点, 工作内容 / 主要任务 / 工作事项, 牵头单位 / 责任单位 /
责任主体, 配合单位 / 协办); a table without such headings whose first
column reads as times is taken as time | content.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from extractor import timex
from extractor.bodies import split_body_list
from extractor.lexicon import LabelSequence, strip_label
from extractor.tables import column_role, column_roles
from models import Cell

if TYPE_CHECKING:
    from extractor.tasks import TaskDraft


def _header(rows: list[list[Cell]], r: int = 0) -> list[str]:
    """The header's text over every column: a cell spanning columns heads
    each of them (起止日期 over a week and a date column)."""
    out: list[str] = []
    for c in rows[r]:
        out += [c.text] * max(1, c.col_span) if not c.continued else []
    width = max(len(row) for row in rows)
    return (out + [""] * width)[:width]


def _preamble(rows: list[list[Cell]], year: int | None) -> tuple[int, list[int], str | None, list[tuple[str, str]]]:
    """Rows above a table's header: a caption naming the table's time
    ("第十三周（5月8日—5月12日）") and key–value rows ("工作要求 | 1.…").
    Returns the header's row, the caption's months and words, the pairs."""
    months: list[int] = []
    words: str | None = None
    pairs: list[tuple[str, str]] = []
    for r, row in enumerate(rows[:6]):
        cells = [c.text for c in row if not c.continued and c.text.strip()]
        if sum(1 for c in cells if column_role(c)) >= 2:
            return r, months, words, pairs
        if len(cells) == 1:
            got, tt = timex.months_of(cells[0], year_context=year)
            months, words = (got, tt) if got else (months, words)
        elif len(cells) == 2 and len(cells[0]) <= 8:
            pairs.append((cells[0], cells[1]))
        else:
            break
    return 0, [], None, []


def _origin(rows: list[list[Cell]], r: int, c: int) -> tuple[int, Cell]:
    """The cell a merged position continues, with its row."""
    while r > 0 and c < len(rows[r]) and rows[r][c].continued:
        r -= 1
    return r, rows[r][c] if c < len(rows[r]) else Cell()


def items(cell_text: str) -> list[str]:
    """A content cell's items: its paragraphs, and the numbered items within
    them, found by the same label grammar as a page's lines
    (lexicon.LabelSequence: "1.…。 2.…", "3.…。 4教学部门…")."""
    out = []
    for para in cell_text.split("\n"):
        seq = LabelSequence()
        cuts = [0, *seq.split_points(para), len(para)]
        parts = [para[a:b] for a, b in zip(cuts, cuts[1:])]
        for part in parts:
            out += [_BARE_LEAD.sub("", strip_label(p)).strip(" ；;，,") for p in _dated_clauses(part) if p.strip(" ；;，,")]
    return out


# "9月2日其他教职工报到,3日老生报到,4日老生正式上课": a calendar's note lists one
# event a day, each clause opened by its date
_DAY = r"(?:\d{1,2}\s*月\s*)?\d{1,2}\s*(?:[—\-~～至]+\s*\d{1,2}\s*)?[日号]"
_DAY_CLAUSE = re.compile(rf"(?<=[，,；;。])\s*(?={_DAY})")


def _dated_clauses(text: str) -> list[str]:
    """A note's clauses, one per event, where at least two open with a day."""
    if not re.match(rf"\s*{_DAY}", text):
        return [text]
    parts = [p for p in _DAY_CLAUSE.split(text) if p.strip(" ；;，,")]
    return parts if len(parts) >= 2 else [text]


# the number of an item whose mark was lost, once the item stands alone ("4教学部门…")
_BARE_LEAD = re.compile(r"^\d{1,2}(?=[\u4e00-\u9fff])(?![\d]*[个月日号年名次人项天周届岁])")


def table_tasks(rows: list[list[Cell]], year: int | None):
    # tasks.py calls this module for tables and owns TaskDraft: importing it
    # here rather than at the top keeps the import graph acyclic
    from extractor.tasks import TaskDraft

    if len(rows) < 2:
        return []
    head, table_months, table_time, pairs = _preamble(rows, year)
    out: list[TaskDraft] = [
        TaskDraft(text=item, section_path=[], months=list(table_months), time_text=table_time)
        for _, value in pairs
        for item in items(value)
    ]
    found = _layout(rows, head, year)
    if found is None:
        return out
    cols, start = found
    columns = _task_columns(rows, start, cols["content"])
    for r in range(start, len(rows)):
        for ci in columns:
            if ci < len(rows[r]) and not rows[r][ci].continued and rows[r][ci].text.strip():
                out += _cell_tasks(rows, r, ci, cols, year, (table_months, table_time))
    return out


def _task_columns(rows: list[list[Cell]], start: int, content: list[int]) -> list[int]:
    """The content columns whose cells are tasks: the first, and any other cut
    finer or coarser somewhere (a month's activities over rows of week themes:
    月活动 | 周次 | 周主题), not a second text of the same work cut the same
    way (工作内容 | 具体措施)."""
    first = content[0]

    def merged(r: int, c: int) -> bool:
        return c < len(rows[r]) and rows[r][c].continued

    return [first] + [
        c for c in content[1:] if any(merged(r, first) != merged(r, c) for r in range(start, len(rows)))
    ]


def _cell_tasks(
    rows: list[list[Cell]], r: int, ci: int, cols: dict[str, list[int]], year: int | None,
    caption: tuple[list[int], str | None],
) -> list[TaskDraft]:
    from extractor.tasks import TaskDraft

    table_months, table_time = caption
    months, time_texts = _row_time(rows, r, ci, cols, year)
    if not months and table_months:  # "星期一" under a caption naming the week's dates
        months, time_texts = set(table_months), [table_time or ""]
    its = items(rows[r][ci].text)
    roles = [(role, _origin(rows, r, cols[role][0])[1].text) for role in ("lead", "support") if role in cols]
    out = []
    for k, item in enumerate(its):
        own, own_tt = timex.months_of(item, year_context=year)
        # the time column bounds the item; its own words narrow it, or
        # say when where the column does not ("节前" beside “五一”“国庆”)
        m = sorted(months & set(own)) if own and months & set(own) else sorted(months or own)
        out.append(
            TaskDraft(
                text=item, section_path=[], months=m, time_text="、".join(time_texts) or own_tt,
                bodies=_row_bodies(roles, k, len(its)),
            )
        )
    return out


def _layout(rows: list[list[Cell]], head: int, year: int | None) -> tuple[dict[str, list[int]], int] | None:
    """Column roles and the first row of content; a table without a content
    heading whose first column reads as times is time | content; None for a
    table with no content column."""
    cols = column_roles(_header(rows, head))
    if "content" in cols and "time" in cols:
        return cols, head + 1
    firsts = [r[0].text for r in rows if r and not r[0].continued and r[0].text]
    timed = sum(1 for t in firsts if timex.parse_heading_time(t, year_context=year))
    if firsts and timed >= max(2, len(firsts) // 2):
        start = 0 if timex.parse_heading_time(rows[0][0].text, year_context=year) else 1
        # the content is the first column no header word claims (日期 | 星期 | 学校行事纪要)
        width = max(len(r) for r in rows)
        claimed = {c for cs in cols.values() for c in cs} | {0}
        content = next((c for c in range(1, width) if c not in claimed), 1) if start else 1
        times = sorted({0, *cols.get("time", [])} - {content}) if start else [0]
        return {"time": times, "content": [content], **{k: v for k, v in cols.items() if k in ("lead", "support")}}, start
    if "content" in cols:
        return cols, head + 1
    # a calendar of weeks and dates whose words stand in its notes (周次 | 起止日期 | 备注)
    spare = next((cols[r] for r in ("note", "form", "place") if r in cols and "time" in cols), None)
    return ({**cols, "content": spare}, head + 1) if spare else None


def _row_time(rows: list[list[Cell]], r: int, ci: int, cols: dict[str, list[int]], year: int | None) -> tuple[set[int], list[str]]:
    """The months of the time cells beside a content cell, and their words.
    Where some time column has one cell over all the rows the content cell
    spans (a month beside a month's activities), those columns say when;
    else every time cell over those rows does (weeks beside one long cell)."""
    span = range(r, min(len(rows), r + rows[r][ci].row_span))
    per_column = []
    for tc in cols.get("time", []):
        cells = {id(c): c for c in (_origin(rows, rr, tc)[1] for rr in span)}
        per_column.append(list(cells.values()))
    aligned = [cells for cells in per_column if len(cells) == 1]
    months: set[int] = set()
    texts: list[str] = []
    for cells in (aligned if any(_cell_months(c, year) for cs in aligned for c in cs) else per_column):
        for cell in cells:
            months.update(_cell_months(cell, year))
            if cell.text and cell.text not in texts:
                texts.append(cell.text)
    return months, texts


def _cell_months(cell: Cell, year: int | None) -> list[int]:
    """A time cell's months: the cell as a time, or its first line ("三月份"
    over the month's theme and days), or the times its words name."""
    first = cell.text.strip().split("\n")[0]
    got = timex.parse_heading_time(cell.text, year_context=year) or timex.parse_heading_time(first, year_context=year)
    if got is None:
        got, _tt = timex.months_of(cell.text, year_context=year)
    return list(got or [])


def _row_bodies(roles: list[tuple[str, str]], k: int, n: int) -> list[tuple[str, str]]:
    """The bodies of the row's lead and support cells for its k-th item of n:
    one paragraph per item when the counts agree, else all of them."""
    bodies: list[tuple[str, str]] = []
    for role, text in roles:
        paras = [p for p in text.split("\n") if p.strip()]
        chosen = [paras[k]] if len(paras) == n > 1 else paras
        bodies += [(name, role) for p in chosen for name in split_body_list(p)]
    return bodies
