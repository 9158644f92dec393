"""Tables flattened into text → the table model the .docx and .pdf readers
produce (rows of `Cell`s), so that one schedule stage reads every table.

Web pages and copies from a browser flatten a table in three ways:

- a row per line, cells split by `|` or by tabs;
- one cell per line, under a header of column words (主题 / 时间 / 活动形式);
- in both, the cells that a merged cell covered are missing from the rows
  after the first of a group (the month or week stands only in the first).

A row with fewer cells than the table lost its leading cells to a merge with
the row above, so it is right-aligned and the missing cells continue upwards;
a header row with fewer cells than the table has a first cell spanning the
difference (起止日期 over a week and a date column).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractor import timex
from extractor.hanzi import plain, to_simplified
from extractor.lexicon import starts_label, words
from models import Cell

_CJK = r"\u3400-\u9fff\uf900-\ufaff"
# a gap between two runs of words inside a cell separates two activities
# ("升旗仪式  主题班会"); a gap inside one word ("教 育 处") is typesetting
_ITEM_GAP = re.compile(rf"(?<=[{_CJK}）)”》]{{2}})[ \t\u3000\xa0]+(?=[{_CJK}“《（(]{{2}})")


def split_row(raw: str, table_open: bool = False) -> list[str] | None:
    """The cells of a row written with pipes or tabs, or None for a line that
    is no such row; [] for a markdown rule row (|---|---|). In an open table
    one pipe makes a row; a caption row keeps its one cell ("第十三周 | | |")."""
    if "\t" in raw.strip():
        parts = [p.strip() for p in raw.strip().split("\t")]
    elif raw.count("|") >= 2 or (raw.count("|") == 1 and (raw.rstrip().endswith("|") or table_open)):
        parts = [p.strip() for p in raw.strip().split("|")]
        if parts and parts[0] == "":
            parts = parts[1:]
        if raw.rstrip().endswith("|") and parts and parts[-1] == "":
            parts = parts[:-1]  # the row's closing bar
    else:
        return None
    filled = len(parts)
    while filled and parts[filled - 1] == "":
        filled -= 1  # trailing empties: padding or empty cells, as the header tells (grid)
    if filled and all(re.fullmatch(r":?-{3,}:?", p) for p in parts if p):
        return []
    return parts if filled >= 2 or (filled and raw.count("|") >= 3) else None


# --- one cell a line, each after a bar ---------------------------------------------
#
# Some pages flatten a table with every cell on its own line: a row's first
# cell stands bare, each further cell opens with "| ", a cell's further lines
# follow bare, and a lone "|" is an empty cell when more cells follow, or the
# row's closing bar when a bare line (the next row's first cell) follows:
#
#   月份 / | 周次 / | 起止日期 / |            (header)
#   三月份 / 安全教育月 / | 第一周 / | 3月1日—3月7日 / |


def _is_bar(line: str) -> bool:
    return line == "|" or line.startswith("| ")


def bar_rows(lines: list[str], start: int) -> tuple[list[list[str]], int] | None:
    """The rows of a bar-per-cell table whose header's first cell is
    lines[start], and the index after its last row; None when fewer than
    three rows follow the pattern."""
    rows: list[list[str]] = []
    i, n = start, len(lines)
    while i < n:
        # the row's bare first cell: one line in the header, up to a dozen after
        j = i + 1
        while rows and j < n and not _is_bar(lines[j]) and j - i < 12:
            j += 1
        if j >= n or not _is_bar(lines[j]):
            break
        row = ["\n".join(lines[i:j])]
        i = j
        closed = False
        while i < n and _is_bar(lines[i]):
            if lines[i] == "|" and (i + 1 >= n or not _is_bar(lines[i + 1])):
                i += 1  # the closing bar: a bare line (the next row) follows
                closed = True
                break
            cell = [lines[i][2:].strip()]
            i += 1
            while i < n and not _is_bar(lines[i]) and cell[0]:
                cell.append(lines[i])  # a cell's further lines
                i += 1
            row.append("\n".join(cell))
        rows.append(row)
        if not closed:
            break
    return (rows, i) if len(rows) >= 3 else None


def mark_items(text: str) -> str:
    """Inside a cell, a wide gap between activities becomes a paragraph break
    (the schedule reads a cell's paragraphs as its items)."""
    return _ITEM_GAP.sub("\n", text.strip())


def _trimmed(rows_text: list[list[str]]) -> list[list[str]]:
    """Trailing empty cells are empty columns up to the header's width
    ("一 | 升旗仪式 | |" under 星期 | 工作安排 | 备注) and padding beyond it,
    or wherever a row holds more cells than the header has words (the header's
    first word spans two columns, and shorter rows lost leading cells)."""
    def filled(r: list[str]) -> int:
        n = len(r)
        while n and r[n - 1] == "":
            n -= 1
        return n

    header = next((r for r in rows_text if sum(1 for c in r if c) >= 2), rows_text[0])
    keep = filled(header)
    if keep < max(filled(r) for r in rows_text):
        keep = 0  # the header spans more columns than its words: rows lack leading cells
    timed = column_role(header[0]) == "time"

    def cut(r: list[str]) -> list[str]:
        # under a time column, a short row whose first cell is no time lost
        # its leading cells to a merge: its trailing empties are padding
        # (a bare number there is the row's week or number: the row starts with it)
        n = keep if not (timed and filled(r) < keep and r and not (is_time_cell(r[0]) or r[0].isdigit())) else 0
        return r[: max(filled(r), min(len(r), n))]

    return [cut(r) for r in rows_text]


def grid(rows_text: list[list[str]]) -> list[list[Cell]]:
    """Rows of cell texts → a grid with merges made explicit (see the module
    docstring for how flattened merges are undone)."""
    rows_text = _trimmed(rows_text)
    width = max(len(r) for r in rows_text)
    out: list[list[Cell]] = []
    for n, r in enumerate(rows_text):
        missing = width - len(r)
        if n == 0 and missing:
            first = Cell(text=r[0], col_span=missing + 1)
            out.append([first] + [Cell(continued=True)] * missing + [Cell(text=t) for t in r[1:]])
            continue
        row: list[Cell] = []
        for col in range(missing):
            row.append(Cell(continued=True))
            for above in reversed(out):  # extend the span of the cell this one continues
                if not above[col].continued:
                    above[col].row_span += 1
                    break
        row += [Cell(text=t) for t in r]
        out.append(row)
    return out


# --- column roles -----------------------------------------------------------------

# Header words are read in this order: "负责人" names people before "负责"
# names a lead body; "参与单位" helps before "单位" leads.
_ROLE_ORDER = ("index", "person", "support", "lead", "time", "place", "participants", "form", "note", "content")


def column_role(header: str) -> str | None:
    h = to_simplified(plain(re.sub(r"\s", "", header)))
    if not h or len(h) > 12:
        return None
    cols = words()["columns"]
    for role in _ROLE_ORDER:
        if any(w in h for w in cols[role]):
            return role
    return None


def column_roles(header: list[str]) -> dict[str, list[int]]:
    """Which columns hold times, content, lead and support bodies …, by their
    header words. Every column of a role is kept (a week and a date column
    are both times); a header cell spanning two columns covers both."""
    roles: dict[str, list[int]] = {}
    for i, h in enumerate(header):
        role = column_role(h)
        if role:
            roles.setdefault(role, []).append(i)
    if "content" in roles:
        # a theme column (月主题, 活动主题) names what the work is about; the
        # work itself is in a column of activities where there is one
        themed = [i for i in roles["content"] if to_simplified(plain(re.sub(r"\s", "", header[i]))).endswith("主题")]
        roles["content"] = [i for i in roles["content"] if i not in themed] + themed
    return roles


def is_time_cell(text: str, year: int | None = None) -> bool:
    """A cell that is only a time: 三月份, 3月1日-3月7日, 第3周, 第一季度."""
    t = text.strip()
    return bool(t) and (_WEEK.fullmatch(t) is not None or timex.parse_heading_time(t, year_context=year) is not None)


_WEEK = re.compile(
    r"第?[一二三四五六七八九十\d]{1,3}(?:\s*[至到\-—~、]\s*[一二三四五六七八九十\d]{1,3})?\s*周(?:次)?"
    r"|(?:星期|周)?[一二三四五六日天]"  # a weekday under 星期
)


# --- a cell a line, each closed by a bar ------------------------------------------
#
# A Markdown-like table copied a cell a line keeps the bar that closed each
# cell: "日 期 |" / "星 期 |" / "---|---|" / "8月30日 |" / "五 |" / "|". An empty
# cell is a bare bar, so rows are exactly `width` lines; the width is the
# separator's count of cells or the header's run of column words.

_SEPARATOR = re.compile(r"^(?:\s*:?-{2,}:?\s*[|｜])+\s*:?-*:?\s*$")
_CLOSING_BAR = re.compile(r"\s*[|｜]\s*$")


def closed_by_bar(line: str) -> bool:
    return bool(_CLOSING_BAR.search(line)) and not line.lstrip().startswith(("|", "｜"))


def cell_of(line: str) -> str:
    """A cell line's text without the bar that closes it ("一月 |" → 一月)."""
    return _CLOSING_BAR.sub("", line).strip()


def barred_table(lines: list[str], i: int, year: int | None = None) -> VerticalTable | None:
    """The table whose first header cell is lines[i], every line of it closed
    by a bar; None when lines[i] opens no such table."""
    end = i
    while end < len(lines) and (closed_by_bar(lines[end]) or lines[end].strip() in ("|", "｜")):
        end += 1
    texts = [cell_of(ln) for ln in lines[i:end]]
    sep = next((k for k, ln in enumerate(lines[i:end]) if _SEPARATOR.match(ln.strip())), None)
    if sep is not None:
        width = len(re.findall(r"[|｜]", lines[i + sep]))
        header, body = texts[:sep], texts[sep + 1 :]
        if len(header) != width:
            return None
    else:
        width = _header_run(texts, 0, year)
        header, body = texts[:width], texts[width:]
    if width < 2 or len(body) < width:
        return None
    rows = [body[k : k + width] for k in range(0, len(body), width)]
    rows = [r + [""] * (width - len(r)) for r in rows if any(r)]
    return VerticalTable(start=i, end=end, rows=[header] + rows)


# --- one cell per line ------------------------------------------------------------


@dataclass
class VerticalTable:
    start: int  # index of the first header line
    end: int  # one past the last cell line
    rows: list[list[str]]


def _header_run(texts: list[str], i: int, year: int | None) -> int:
    """How many lines from i are column words of one header: at least 3, or
    2 with a time column followed by a time cell (月份 / 主要工作 / 二月份)."""
    n = 0
    seen: set[str] = set()
    roles: list[str | None] = []
    while i + n < len(texts):
        t = texts[i + n].strip()
        # a numbered heading ("一、常规工作") heads a part, never a column
        role = column_role(t) if len(t) <= 6 and not re.search(r"[，。；：,;:！？]", t) and not starts_label(t) else None
        if role is None or t in seen or is_time_cell(t, year):
            break
        seen.add(t)
        roles.append(role)
        n += 1
    if n == 2 and "time" in roles and i + n < len(texts) and is_time_cell(texts[i + n], year):
        return n
    return n if n >= 3 else 0


def _cell_like(text: str) -> bool:
    # a numbered line ("1、结合…") starts a list: the table has ended
    # a note may hold two sentences (说明: "…祝福。中队活动由辅导员自行组织"); a
    # longer paragraph of several is prose again
    # (a dash opens no list here: "——教师节系列活动" is a subtitle, see _join_subtitles)
    numbered = starts_label(text) and not text.startswith(("—", "-"))
    return 0 < len(text) <= 120 and len(re.findall(r"[。！？]\S{20,}", text)) <= 1 and not numbered


def vertical_table(texts: list[str], i: int, year: int | None = None) -> VerticalTable | None:
    """A table flattened one cell per line, starting with its header at line i.
    Rows are anchored on the time column where there is one, since a missing
    (empty) cell makes a fixed count of lines per row drift."""
    width = _header_run(texts, i, year)
    if not width:
        return None
    header = _two_level_header([t.strip() for t in texts[i : i + width]])
    width = len(header)
    roles = column_roles(header)
    numbered = "index" in roles
    j = i + width
    cells: list[str] = []
    # under a 序号 column a numbered line ("一、主要指标") groups the rows below it
    while j < len(texts) and (_cell_like(texts[j].strip()) or (numbered and 0 < len(texts[j].strip()) <= 120)):
        cells.append(texts[j].strip())
        j += 1
    cells = _join_subtitles(_join_vertical_writing(cells))
    if len(cells) < (2 if numbered else width):
        return None
    tc = roles.get("time", [None])[0]
    anchors = [k for k, c in enumerate(cells) if is_time_cell(c, year)] if tc is not None else []
    starts = None
    times = roles.get("time", [])
    if len(times) >= 2 and times == list(range(times[0], times[-1] + 1)):
        tc, anchors, starts = _time_runs(cells, anchors, times)
    if anchors and anchors[-1] == len(cells) - 1 and tc == 0:
        # a time with nothing after it heads what follows the table
        cells, anchors, j = cells[:-1], anchors[:-1], j - 1
    if len(anchors) < 2 and numbered:
        tc, anchors = roles["index"][0], _counting(cells)
    # one time over the whole run (二月份 / 开学准备。/ 期初环境布置。/ …): one row,
    # its lines the paragraphs of its content, not pairs of cells
    lone = len(anchors) == 1 and anchors[0] == tc == 0 and width == 2
    if len(anchors) >= 2 or (numbered and anchors) or lone:
        if starts is None:
            starts = [max(0, a - tc) for a in anchors]
            starts[0] = max(0, anchors[0] - tc) if tc else anchors[0]
        rows = _rows_by_anchor(cells, anchors, starts, tc, width, roles.get("content", [width - 1])[0])
    else:
        rows = [cells[k : k + width] for k in range(0, len(cells), width)]
    return VerticalTable(start=i, end=j, rows=[header] + rows)


_NOTE_COLUMN = re.compile(r"^(?:备\s*注|说\s*明|備\s*註)$")


def _two_level_header(header: list[str]) -> list[str]:
    """A header of two rows flattened into one run (周次 / 时间 / 活动及内容 /
    备注 / 月主题 / 周主题 / 内容): the sub-headers after the top row take the
    place of the group that holds them (活动及内容 ends with their last, 内容)."""
    n = len(header)
    for g in range(n - 2):
        group = header[g]
        notes = [k for k in range(g + 1, n - 2) if _NOTE_COLUMN.match(header[k])]
        first = notes[-1] + 1 if notes else g + 1
        sub = header[first:]
        if len(sub) >= 2 and len(group) > len(sub[-1]) and group.endswith(sub[-1]) and len(sub) < n - 1:
            return header[:g] + sub + header[g + 1 : first]
    return header


def _join_vertical_writing(cells: list[str]) -> list[str]:
    """A narrow merged cell written top to bottom (春/启/新/程) reaches us one
    character per line: three or more such lines are one cell."""
    out: list[str] = []
    k = 0
    while k < len(cells):
        n = k
        while n < len(cells) and len(cells[n]) == 1 and not cells[n].isdigit():
            n += 1
        if n - k >= 3:
            out.append("".join(cells[k:n]))
            k = n
        else:
            out.append(cells[k])
            k += 1
    return out


def _join_subtitles(cells: list[str]) -> list[str]:
    """A line opened by a dash ("——教师节系列活动") is the subtitle of the cell
    above it, not a cell of its own."""
    out: list[str] = []
    for c in cells:
        if out and c.startswith(("——", "--", "—")) and len(c) > 2:
            out[-1] += c
        else:
            out.append(c)
    return out


def _counting(cells: list[str]) -> list[int]:
    """Cells of a 序号 column: 1, 2, 3 … in order."""
    out, want = [], 1
    for k, c in enumerate(cells):
        if c.isdigit() and int(c) == want:
            out.append(k)
            want += 1
    return out


def _time_runs(cells: list[str], times_at: list[int], columns: list[int]) -> tuple[int, list[int], list[int]]:
    """Several time columns side by side (周次 | 时间, 月份 | 周次 | 日期):
    a row's times are a run of time cells, the last one its anchor; a bare
    number just before the run is the week or row number (1, 2, 3), and a
    run shorter than the columns lost its first cells to a merge above."""
    anchors, starts = [], []
    at = set(times_at)
    k = 0
    while k < len(cells):
        if k not in at:
            k += 1
            continue
        first = k
        while k + 1 in at and k + 1 - first < len(columns):
            k += 1
        if k - first + 1 < len(columns) and first > 0 and cells[first - 1].isdigit() and first - 1 not in starts:
            first -= 1
        anchors.append(k)
        starts.append(first)
        k += 1
    return columns[-1], anchors, starts


def _rows_by_anchor(cells: list[str], anchors: list[int], starts: list[int], tc: int, width: int, content: int) -> list[list[str]]:
    """Each time cell anchors a row: the cells from the row's start to it are
    the row's first cells, lines after it its later cells, up to the next
    row's start. Where a row has more lines than cells, the extra lines are
    paragraphs of its content column (column `content`), the one that holds
    prose."""
    rows = []
    for n, a in enumerate(anchors):
        before = cells[starts[n] : a]
        nxt = starts[n + 1] if n + 1 < len(anchors) else len(cells)
        after = cells[a + 1 : max(a + 1, nxt)]
        group = next((k for k, c in enumerate(after) if starts_label(c)), None)
        if group is not None:  # a group's heading row between two rows
            rows.append(before + [cells[a]] + after[:group])
            rows.append(["\n".join(after[group:])])
            continue
        slots = width - tc - 1
        if slots >= 2 and len(after) > slots and len(after) % slots == 0:
            # whole rows under one time cell (a month over its activities and
            # their notes): the later rows lost the time to the merge
            rows.append(before + [cells[a]] + after[:slots])
            rows += [after[k : k + slots] for k in range(slots, len(after), slots)]
            continue
        if len(after) > slots > 0:
            at = min(max(content - tc - 1, 0), slots - 1)  # the content cell's place in `after`
            tail = slots - at - 1  # cells right of the content column
            spill = len(after) - tail
            after = after[:at] + ["\n".join(after[at:spill])] + after[spill:]
        # the anchor fixes the row's place: cells missing after it are empty
        # (the last columns, often 备注), those missing before it were merged above
        rows.append(before + [cells[a]] + after + [""] * (slots - len(after)))
    return rows


# --- school calendars laid out as day grids --------------------------------
#
# A 校历 prints each week as a row of day numbers with the week's events in a
# last column; flattened, it is a stream of numbers (1 2 3 … 30 | 1 2 …),
# month markers ("九 月", or a year and a month, "2013 / 9"), week ordinals
# (一 二 三) and notes. The days themselves tell where a month ends (30 or 31,
# then 1), so a note takes the month its week is in.

_GRID_MONTH = re.compile(r"^(十[一二]?|[一二三四五六七八九]|1[0-2]|0?[1-9])月份?$")
_GRID_YEAR = re.compile(r"^(?:19|20)\d{2}(?:年)?$")
_GRID_WEEK = re.compile(r"^(?:第)?[一二三四五六七八九十]{1,3}(?:周)?$")
# the grid's own header, repeated for each term: no note
_GRID_HEADER = re.compile(r"^(?:星期[一二三四五六日天]|周\s*[次别]|备\s*注|年\s*月|月\s*份|日\s*期|第[一二]学期|[上下]学期)$")
_GRID_OPEN_RANGE = re.compile(r"^\d{1,2}\s*[∼~～\-—–]+$")
_SPACED_MONTH = re.compile(r"(?<!\S)((?:[一二三四五六七八九十] ){1,2})月(?!\S)")
# days in a row, at least, before a stream is taken for a calendar
MIN_GRID_DAYS = 20


def grid_tokens(text: str) -> list[str]:
    """The cells of a calendar flattened onto one line: words split at
    spaces, "九 月" and "十 一 月" made whole, "4∼ 6日…" kept together."""
    text = _SPACED_MONTH.sub(lambda m: m.group(1).replace(" ", "") + "月", text)
    out: list[str] = []
    for tok in text.split():
        if out and _GRID_OPEN_RANGE.match(out[-1]) and tok[:1].isdigit():
            out[-1] += tok
        else:
            out.append(tok)
    return out


@dataclass
class _Grid:
    """Where a reading of a day grid stands."""

    month: int | None = None
    last_day: int | None = None
    after_year: bool = False
    marked: bool = False  # a month marker since the days last ran over a month's end
    in_sequence: int = 0  # days that followed their day before

    def set_month(self, value: int) -> None:
        self.month, self.last_day, self.after_year, self.marked = value, None, False, True

    def day(self, n: int) -> None:
        if self.last_day is not None and n == self.last_day + 1:
            self.in_sequence += 1
        elif self.month is not None and self.last_day is not None and n == 1 and self.last_day >= 28:
            # the days ran over into the next month, unless its marker stood
            # at the head of this week's row (2014 / 1 / 30 31 1 2)
            self.month = self.month if self.marked else self.month % 12 + 1
            self.marked = False
        elif self.month is not None and self.last_day is not None and n == self.month % 12 + 1 and n != 1:
            self.set_month(n)  # "10" between weeks: the next month's marker
            return
        self.last_day = n


def calendar_rows(tokens: list[str]) -> tuple[list[list[str]], int] | None:
    """[[month, note], …] and how many tokens the calendar spans, when the
    tokens from the first are a day grid; else None."""
    g = _Grid()
    rows: list[tuple[int, list[str]]] = []  # (token index, [month, note])
    end = 0  # one past the last day or month token
    for k, tok in enumerate(tokens):
        t = tok.strip()
        if not t or _GRID_WEEK.match(t) or _GRID_HEADER.match(to_simplified(t)):
            continue
        m = _GRID_MONTH.match(t)
        if m or (g.after_year and t.isdigit() and 1 <= int(t) <= 12):
            g.set_month(_month_value(m.group(1) if m else t))
            end = k + 1
        elif _GRID_YEAR.match(t):
            g.after_year = True
        elif t.isdigit() and 1 <= int(t) <= 31:
            g.day(int(t))
            end = k + 1
        elif g.month is None:
            if len(t) > 12:
                return None  # prose before any month: no calendar here (a header's words are short)
        elif re.search(f"[{_CJK}]", t):
            rows.append((k, [f"{g.month}月", t]))
    if g.in_sequence < MIN_GRID_DAYS:
        return None
    return _with_last_weeks_notes(rows, end)


def _with_last_weeks_notes(rows: list[tuple[int, list[str]]], end: int) -> tuple[list[list[str]], int] | None:
    """After the last week, a note of that week opens with its day; the
    page's words after the calendar ("学期共计18周") do not."""
    kept = [r for k, r in rows if k < end]
    for k, r in rows:
        if k >= end and r[1][:1].isdigit() and k <= end + 1:
            kept.append(r)
            end = k + 1
    return (kept, end) if kept else None


def _month_value(word: str) -> int:
    from extractor.lexicon import cn_number

    return int(word) if word.isdigit() else cn_number(word)


def calendar_table(cells: list[str]) -> list[list[str]] | None:
    """A day grid, its cells read row by row → a table of months and notes
    (月份 / 内容), which the schedule stage reads as any other; else None."""
    tokens = [part.strip() for c in cells for part in c.split("\n")]
    found = calendar_rows(tokens)
    return [["月份", "内容"], *found[0]] if found else None
