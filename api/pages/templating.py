"""Jinja2 for the pages: templates in api/templates, words people read."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from models.messages import ROLE_ZH, months_text

HERE = Path(__file__).resolve().parent.parent
templates = Jinja2Templates(directory=str(HERE / "templates"))
templates.env.filters["role"] = lambda code: ROLE_ZH.get(code, code)
templates.env.filters["months"] = lambda months: months_text(months) if months else ""
templates.env.filters["short"] = lambda text, n=28: text if len(text or "") <= n else text[: n - 1] + "…"
templates.env.filters["month_list"] = lambda months: months_text(months).removesuffix("月") if months else ""
templates.env.globals["ROLE_ZH"] = ROLE_ZH


def local_time(iso: str | None) -> str:
    """A stored UTC time as the server's local time, to the minute: people
    read the hour their own clock showed when the file came in."""
    if not iso:
        return ""
    try:
        return datetime.fromisoformat(iso).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return iso


templates.env.filters["local_time"] = local_time

NAV = [
    ("/", "上传"),
    ("/ui/plans", "计划"),
    ("/ui/calendar", "月历"),
    ("/ui/compare", "比较"),
    ("/ui/search", "搜索"),
    ("/ui/units", "单位"),
]


def render(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    path = request.url.path
    current = next((href for href, _ in NAV[1:] if path.startswith(href)), "/" if path == "/" else None)
    return templates.TemplateResponse(
        request, name, {"nav": NAV, "current": current, **context}, status_code=status_code
    )
