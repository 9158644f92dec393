"""Bodies in a schedule table's lead and support columns: a cell lists them
("市教育局、各区(县)教育局"), and the column's heading gives their role."""

from __future__ import annotations

import re

from extractor.bodies.merge import norm

_LEAD = re.compile(r"(牵头|责任|负责|承办|主办|实施)(单位|部门|主体|科室|处室)?$|牵头单位|责任单位|责任部门|负责部门|主办单位")
_SUPPORT = re.compile(r"配合|协办|协助|参与|协作|参加单位")
_SPLIT = re.compile(r"[、，,；;／/\n\r\t]+|\s{2,}")
_NONE = frozenset({"无", "暂无", "待定", "另定", "另行通知", "略", "全体", "所有"})
_BRACKETED = re.compile(r"[（(][^（()）]{0,12}[)）]")


def table_role(header: str) -> str | None:
    """Role of the bodies listed under a schedule-table column heading."""
    h = norm(header)
    if _SUPPORT.search(h):
        return "support"
    if _LEAD.search(h):
        return "lead"
    return None


def split_body_list(cell: str) -> list[str]:
    """Names in a table cell: "市教育局、各区(县)教育局" → two names. A bracket
    listing the places a name covers (各县(市、区)妇联) stays whole."""
    held: list[str] = []

    def hold(m: re.Match) -> str:
        held.append(m.group(0))
        return f"\x00{len(held) - 1}\x00"

    out = []
    for part in _SPLIT.split(_BRACKETED.sub(hold, cell or "")):
        part = re.sub(r"\x00(\d+)\x00", lambda m: held[int(m.group(1))], part).strip().strip("。.")
        part = re.sub(r"(等|等单位|等部门)$", "", part).strip()
        if part and re.search(r"[\u4e00-\u9fff]", part) and part not in _NONE:
            out.append(part)  # "无", "待定", a bare "6": the cell names no body
    return out
