"""The pages: upload, plans, a plan (with its corrections), a document,
the month calendar, compare, search and units. Each reads the store
directly (the same functions as the API) and renders a Jinja2 template;
writes go through the API's PATCH/POST endpoints from the page's script."""

from __future__ import annotations

import math
import re
from collections import defaultdict
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from markupsafe import Markup, escape

from api.deps import SQLITE_INT, DbDep, DeadlineDep, SettingsDep, check_ints, check_q, check_text
from api.pages import charts
from api.pages.templating import render
from api.routes.plans import plan_detail
from models.messages import months_text, msg, parse_role
from store import (
    PLAN_SORTS,
    TaskFilter,
    compare,
    facets,
    get_document,
    iter_tasks,
    list_documents,
    list_plans,
    list_units,
    split_list,
    stats,
    task_page,
)
from store.compare import CompareTooLarge
from store.query import count_tasks
from store.search import terms

router = APIRouter(include_in_schema=False)

PAGE_SIZE = 50
# A calendar lists every task of the year in its cells; past this many it
# says so and asks for a narrower filter instead of a page nobody can read.
CALENDAR_MAX_TASKS = 3000
ROLES = [("lead", "牵头"), ("support", "配合"), ("leader", "领导"), ("issuer", "发文"), ("mention", "提及")]
ACCEPT = ".docx,.doc,.wps,.rtf,.odt,.pdf,.txt,.zip,.png,.jpg,.jpeg,.tif,.tiff"


def _query(**params: Any) -> str:
    """A query string of the non-empty parameters (lists repeat the key)."""
    pairs = []
    for key, value in params.items():
        for v in value if isinstance(value, list) else [value]:
            if v not in (None, ""):
                pairs.append((key, v))
    return urlencode(pairs)


def _pages(total: int, offset: int, base: dict[str, Any]) -> dict[str, Any]:
    page = offset // PAGE_SIZE + 1
    pages = max(1, math.ceil(total / PAGE_SIZE))
    link = lambda p: "?" + _query(**base, page=p)  # noqa: E731
    return {
        "page": page,
        "pages": pages,
        "total": total,
        "prev": link(page - 1) if page > 1 else None,
        "next": link(page + 1) if page < pages else None,
    }


def _offset(page: int) -> int:
    return (max(1, page) - 1) * PAGE_SIZE


def _role(role: str | None) -> str | None:
    if not role:
        return None
    try:
        return parse_role(role)
    except ValueError as e:
        raise HTTPException(422, e.args[0]) from None


def highlight(text: str, q: str | None) -> Markup:
    """`text` with every occurrence of a query term in <mark>, escaped."""
    words = sorted({t for t in terms(q)}, key=len, reverse=True)
    if not words:
        return escape(text)
    pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
    out, last = [], 0
    for m in pattern.finditer(text):
        out.append(escape(text[last : m.start()]))
        out.append(Markup("<mark>") + escape(m.group()) + Markup("</mark>"))
        last = m.end()
    out.append(escape(text[last:]))
    return Markup("").join(out)


# --- home / upload -----------------------------------------------------------


@router.get("/", response_class=HTMLResponse)
def home(request: Request, db: DbDep, settings: SettingsDep) -> HTMLResponse:
    total, docs = list_documents(db, limit=20)
    limits = settings.limits()
    return render(
        request,
        "home.html",
        docs=docs,
        total_docs=total,
        counts=stats(db),
        accept=ACCEPT,
        max_file_mb=limits.max_file_bytes / 1048576,
        max_zip_mb=limits.max_zip_bytes / 1048576,
        needs_token=bool(settings.token),
    )


@router.get("/ui", include_in_schema=False)
@router.get("/ui/", include_in_schema=False)
def ui_root() -> RedirectResponse:
    return RedirectResponse("/", status_code=307)


# --- plans -------------------------------------------------------------------


@router.get("/ui/plans", response_class=HTMLResponse)
def plans_page(
    request: Request,
    db: DbDep,
    settings: SettingsDep,
    q: str | None = None,
    unit: Annotated[list[str], Query()] = [],  # noqa: B006
    year: Annotated[list[str], Query()] = [],  # noqa: B006
    theme: Annotated[list[str], Query()] = [],  # noqa: B006
    sort: str = "unit",
    page: Annotated[int, Query(ge=1, le=10**9)] = 1,
) -> HTMLResponse:
    check_text("unit", unit)
    check_text("theme", theme)
    check_q(q, settings)
    years = _years(year)
    units, themes = split_list(unit), split_list(theme)
    key = sort.removeprefix("-")
    if key not in PLAN_SORTS:
        key, sort = "unit", "unit"
    total, plans = list_plans(
        db, units=units, years=years, themes=themes, q=q or None, limit=PAGE_SIZE, offset=_offset(page),
        sort=key, descending=sort.startswith("-"),
    )
    base = {"q": q, "unit": units, "year": years, "theme": themes}
    columns = [("unit", "单位"), ("year", "年份"), ("title", "标题"), ("tasks", "任务数")]
    headers = []
    for col, label in columns:
        current = key == col
        descending = current and sort.startswith("-")
        headers.append(
            {
                "label": label,
                "href": "?" + _query(**base, sort=("" if descending or not current else "-") + col),
                "aria": ("descending" if descending else "ascending") if current else None,
                "arrow": ("▼" if descending else "▲") if current else "",
            }
        )
    return render(
        request,
        "plans.html",
        plans=plans,
        headers=headers,
        facets=facets(db, top=500),
        q=q or "",
        units=units,
        years=years,
        themes=themes,
        sort=sort,
        paging=_pages(total, _offset(page), {**base, "sort": sort}),
        export=_query(**base, sort=sort),
    )


def _years(values: list[str]) -> list[int]:
    """Years from a form: '' (any year) is no filter."""
    out = []
    for v in split_list(values):
        if not v.isdigit():
            raise HTTPException(422, msg("out_of_range", name="year", value=v, lo=1, hi=9999))
        out.append(int(v))
    check_ints("year", out, 1, 9999)
    return out


@router.get("/ui/plans/{plan_id}", response_class=HTMLResponse)
def plan_page(request: Request, db: DbDep, plan_id: Annotated[int, Path(ge=-SQLITE_INT, le=SQLITE_INT)]) -> HTMLResponse:
    plan = plan_detail(db, plan_id).model_dump()
    lines = plan["text"].split("\n")
    corrected: dict[tuple[int | None, str], dict] = {}
    for c in plan["corrections"]:
        corrected[(c["task_id"], c["field"])] = c
    groups: list[dict[str, Any]] = []
    titles = _section_titles(plan["sections"])
    for t in plan["tasks"]:
        top = t["section_path"][0] if t["section_path"] else None
        if not groups or groups[-1]["label"] != top:
            groups.append({"label": top, "title": titles.get((top,), ""), "tasks": []})
        first, last = t["lines"] or (None, None)
        t["source"] = (
            [(n, lines[n - 1]) for n in range(max(1, first - 1), min(len(lines), last + 1) + 1)] if first else []
        )
        t["source_span"] = (first, last)
        t["months_text"] = months_text(t["months"]) if t["months"] else ""
        t["corrected"] = {f: corrected.get((t["id"], f)) for f in ("months", "bodies")}
        t["section_text"] = " › ".join(
            f"{label}{titles.get(tuple(t['section_path'][: i + 1]), '')}" for i, label in enumerate(t["section_path"])
        )
        groups[-1]["tasks"].append(t)
    document = get_document(db, plan["document_id"])
    return render(
        request,
        "plan.html",
        plan=plan,
        groups=groups,
        document=document,
        plan_corrections={f: corrected.get((None, f)) for f in ("unit", "year")},
        orphaned=[c for c in plan["corrections"] if c["status"] == "orphaned"],
        units=[u["name"] for u in list_units(db)],
        roles=ROLES,
    )


def _section_titles(sections: list[dict], path: tuple[str, ...] = ()) -> dict[tuple[str, ...], str]:
    """(label, label, …) path → the section's title, for every section."""
    out: dict[tuple[str, ...], str] = {}
    for s in sections:
        here = (*path, s["label"])
        out.setdefault(here, s["title"])
        out.update({k: v for k, v in _section_titles(s["children"], here).items() if k not in out})
    return out


@router.get("/ui/documents/{document_id}", response_class=HTMLResponse)
def document_page(request: Request, db: DbDep, document_id: Annotated[int, Path(ge=-SQLITE_INT, le=SQLITE_INT)]) -> HTMLResponse:
    doc = get_document(db, document_id)
    if doc is None:
        raise HTTPException(404, msg("not_found", what=msg("what_document"), id=document_id))
    return render(request, "document.html", doc=doc)


# --- calendar ----------------------------------------------------------------


@router.get("/ui/calendar", response_class=HTMLResponse)
def calendar_page(
    request: Request,
    db: DbDep,
    year: str | None = None,
    theme: Annotated[list[str], Query()] = [],  # noqa: B006
    body: str | None = None,
    role: str | None = None,
    unit: Annotated[list[str], Query()] = [],  # noqa: B006
) -> HTMLResponse:
    check_text("theme", theme)
    check_text("body", body)
    check_text("unit", unit)
    all_facets = facets(db, top=500)
    if year is None:  # the year most tasks are planned for
        year = str(max(all_facets["year"], key=lambda f: (f["count"], f["value"]))["value"]) if all_facets["year"] else ""
    years = _years([year]) if year else []
    f = TaskFilter(
        years=years, themes=split_list(theme), bodies=split_list(body or ""), role=_role(role), units=split_list(unit)
    )
    total = count_tasks(db, f)
    cells: dict[str, dict[int, list[dict]]] = defaultdict(lambda: defaultdict(list))
    undated: dict[str, int] = defaultdict(int)
    shown = 0
    if total <= CALENDAR_MAX_TASKS:
        for t in iter_tasks(db, f):
            unit_name = t["unit"] or "（未识别单位）"
            if not t["months"]:
                undated[unit_name] += 1
                cells[unit_name]  # the unit has a row even with no dated task
                continue
            shown += 1
            for m in t["months"]:
                cells[unit_name][m].append(t)
    rows = [{"unit": u, "months": cells[u], "undated": undated.get(u, 0)} for u in sorted(cells)]
    params = {"year": year, "theme": split_list(theme), "body": body, "role": role, "unit": split_list(unit)}
    return render(
        request,
        "calendar.html",
        rows=rows,
        total=total,
        shown=shown,
        too_many=total > CALENDAR_MAX_TASKS,
        limit=CALENDAR_MAX_TASKS,
        facets=all_facets,
        year=year,
        themes=split_list(theme),
        body=body or "",
        role=role or "",
        units=split_list(unit),
        roles=ROLES,
        export=_query(**{k: v for k, v in params.items() if k != "year"}, **({"year": year} if year else {})),
    )


# --- compare -----------------------------------------------------------------


@router.get("/ui/compare", response_class=HTMLResponse)
def compare_page(
    request: Request,
    db: DbDep,
    settings: SettingsDep,
    deadline: DeadlineDep,
    units: Annotated[list[str], Query()] = [],  # noqa: B006
    year: str | None = None,
) -> HTMLResponse:
    check_text("units", units)
    chosen = split_list(units)
    years = _years([year]) if year else []
    result, error = None, None
    heat = timeline = None
    if len(chosen) == 1:
        error = "请至少选择两个单位进行比较。"
    elif chosen:
        try:
            result = compare(db, units=chosen, years=years, limits=settings.limits(), deadline=deadline)
        except CompareTooLarge as e:
            error = str(e)
    if result:
        heat = charts.heatmap(
            result["units"], list(result["theme_counts"]), result["theme_counts"], caption="各单位每个主题的任务数"
        )
        months = {cell["month"]: cell["units"] for cell in result["grid"] if cell["theme"] is None}
        timeline = charts.timeline(result["units"], months, caption="各单位每个月的任务数")
    return render(
        request,
        "compare.html",
        all_units=list_units(db),
        years=facets(db)["year"],
        chosen=chosen,
        year=year or "",
        result=result,
        error=error,
        heatmap=heat,
        timeline=timeline,
        export=_query(units=",".join(result["units"]) if result else "", year=year),
    )


# --- search ------------------------------------------------------------------


@router.get("/ui/search", response_class=HTMLResponse)
def search_page(
    request: Request,
    db: DbDep,
    settings: SettingsDep,
    q: str | None = None,
    page: Annotated[int, Query(ge=1, le=10**9)] = 1,
) -> HTMLResponse:
    q = (q or "").strip()
    total, tasks, plans = 0, [], []
    if q:
        check_q(q, settings)
        total, tasks = task_page(db, TaskFilter(q=q), limit=PAGE_SIZE, offset=_offset(page))
        for t in tasks:
            t["marked"] = highlight(t["text"], q)
            t["months_text"] = months_text(t["months"]) if t["months"] else ""
        if page == 1:
            _, plans = list_plans(db, q=q, limit=10)
            for p in plans:
                p["marked"] = highlight(p["title"] or "（无标题）", q)
    return render(
        request,
        "search.html",
        q=q,
        tasks=tasks,
        plans=plans,
        paging=_pages(total, _offset(page), {"q": q}),
        export=_query(q=q),
    )


# --- units -------------------------------------------------------------------


@router.get("/ui/units", response_class=HTMLResponse)
def units_page(request: Request, db: DbDep, q: str | None = None) -> HTMLResponse:
    check_text("q", q)
    return render(request, "units.html", units=list_units(db, q=q or None), q=q or "")

