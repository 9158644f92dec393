"""Jinja2 for the pages: templates in api/templates, words people read."""

from __future__ import annotations

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
templates.env.globals["ROLE_ZH"] = ROLE_ZH

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
