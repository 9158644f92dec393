"""Comparing units: where (theme × month) each plans work, which tasks several
units share, which are one unit's own, and which bodies each relies on.

"Shared" means near-identical text after normalising (NFKC, no spaces,
punctuation or list labels): difflib's ratio ≥ 0.8. Comparing every pair is
quadratic, so candidates come from an inverted index of character bigrams
(very common bigrams such as 工会 are left out of it) and only pairs that share
enough bigrams are scored; each unit contributes at most `max_tasks` tasks.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter, defaultdict
from difflib import SequenceMatcher
from typing import Any

import sqlite_utils

_LABEL = re.compile(r"^\s*(?:[（(]?[一二三四五六七八九十\d]+[)）、.．]|[①-⑳])\s*")
_NOISE = re.compile(r"[\s\W_]+", re.UNICODE)


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text or "")
    return _NOISE.sub("", _LABEL.sub("", text))


def _bigrams(s: str) -> set[str]:
    return {s[i : i + 2] for i in range(len(s) - 1)} or {s}


def compare(
    db: sqlite_utils.Database,
    *,
    units: list[str] | None = None,
    plan_ids: list[int] | None = None,
    threshold: float = 0.8,
    max_tasks: int = 5000,
) -> dict[str, Any]:
    plans = _select_plans(db, units or [], plan_ids or [])
    labels = _labels(plans)
    by_plan = {p["id"]: labels[p["id"]] for p in plans}
    order = list(dict.fromkeys(labels[p["id"]] for p in plans))
    if units:  # keep the order the user asked for, units without plans included
        order = list(dict.fromkeys([*[u for u in units], *order]))

    tasks: list[dict[str, Any]] = []
    per_unit: Counter[str] = Counter()
    if by_plan:
        marks = ", ".join("?" for _ in by_plan)
        for tid, plan_id, text, months, themes in db.execute(
            f"SELECT id, plan_id, text, months, themes FROM tasks WHERE plan_id IN ({marks}) ORDER BY plan_id, seq",
            list(by_plan),
        ):
            unit = by_plan[plan_id]
            if per_unit[unit] >= max_tasks:
                continue
            per_unit[unit] += 1
            tasks.append(
                {
                    "id": tid,
                    "plan_id": plan_id,
                    "unit": unit,
                    "text": text,
                    "months": json.loads(months or "[]"),
                    "themes": json.loads(themes or "[]"),
                }
            )

    return {
        "units": order,
        "task_counts": {u: per_unit.get(u, 0) for u in order},
        "grid": _grid(tasks),
        **_shared_and_unique(tasks, order, threshold),
        "bodies": _bodies(db, plans, labels, order),
    }


def _select_plans(db: sqlite_utils.Database, units: list[str], plan_ids: list[int]) -> list[dict[str, Any]]:
    conds, params = [], []
    if units:
        conds.append(f"unit IN ({', '.join('?' for _ in units)})")
        params += units
    if plan_ids:
        conds.append(f"id IN ({', '.join('?' for _ in plan_ids)})")
        params += plan_ids
    if not conds:
        return []
    cur = db.execute(f"SELECT id, unit, year, title FROM plans WHERE {' OR '.join(conds)} ORDER BY id", params)
    return [dict(zip(("id", "unit", "year", "title"), r)) for r in cur.fetchall()]


def _labels(plans: list[dict[str, Any]]) -> dict[int, str]:
    """Plans are grouped by unit; plans picked by id from one unit, or with
    no unit, are told apart by their id."""
    count = Counter(p["unit"] for p in plans)
    picked_by_id = len(count) < len(plans)
    out = {}
    for p in plans:
        unit = p["unit"] or "未知单位"
        out[p["id"]] = f"{unit} #{p['id']}" if (p["unit"] is None or (picked_by_id and count[p["unit"]] > 1)) else unit
    return out


def _grid(tasks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One cell per (theme, month) that any unit plans: the units there and
    how many tasks each has. theme None is every task whatever its theme."""
    cells: dict[tuple[str | None, int], Counter[str]] = defaultdict(Counter)
    for t in tasks:
        for m in t["months"]:
            cells[(None, m)][t["unit"]] += 1
            for theme in t["themes"]:
                cells[(theme, m)][t["unit"]] += 1
    return [
        {"theme": theme, "month": month, "units": dict(c)}
        for (theme, month), c in sorted(cells.items(), key=lambda kv: (kv[0][0] is not None, kv[0][0] or "", kv[0][1]))
    ]


def _shared_and_unique(tasks: list[dict[str, Any]], order: list[str], threshold: float) -> dict[str, Any]:
    norm = [normalise(t["text"]) for t in tasks]
    grams = [_bigrams(n) for n in norm]
    index: dict[str, list[int]] = defaultdict(list)
    for i, g in enumerate(grams):
        for b in g:
            index[b].append(i)
    # A bigram in a large share of all tasks says nothing about a match and
    # would make the candidate search quadratic again.
    common = max(50, len(tasks) // 20)
    parent = list(range(len(tasks)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, g in enumerate(grams):
        overlap: Counter[int] = Counter()
        for b in g:
            posting = index[b]
            if len(posting) > common:
                continue
            for j in posting:
                if j > i and tasks[j]["unit"] != tasks[i]["unit"]:
                    overlap[j] += 1
        for j, shared in overlap.items():
            # Jaccard ≥ 0.5 on bigrams is necessary for ratio ≥ 0.8 in
            # practice and cheap to check before difflib.
            if shared / (len(g) + len(grams[j]) - shared) < 0.5:
                continue
            if SequenceMatcher(None, norm[i], norm[j], autojunk=False).ratio() >= threshold:
                parent[find(i)] = find(j)

    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(tasks)):
        groups[find(i)].append(i)
    shared, unique = [], {u: [] for u in order}
    for members in groups.values():
        units = list(dict.fromkeys(tasks[i]["unit"] for i in members))
        if len(units) > 1:
            shared.append(
                {
                    "text": min((tasks[i]["text"] for i in members), key=len),
                    "units": sorted(units, key=order.index),
                    "tasks": [_brief(tasks[i]) for i in members],
                }
            )
        else:
            unique.setdefault(units[0], []).extend(_brief(tasks[i]) for i in members)
    shared.sort(key=lambda s: (-len(s["units"]), s["text"]))
    for u in unique:
        unique[u].sort(key=lambda t: t["id"])
    return {"shared": shared, "unique": unique}


def _brief(t: dict[str, Any]) -> dict[str, Any]:
    return {"id": t["id"], "plan_id": t["plan_id"], "unit": t["unit"], "text": t["text"], "months": t["months"]}


def _bodies(
    db: sqlite_utils.Database, plans: list[dict[str, Any]], labels: dict[int, str], order: list[str]
) -> dict[str, list[dict[str, Any]]]:
    merged: dict[str, dict[str, dict[str, Any]]] = {u: {} for u in order}
    for p in plans:
        unit = labels[p["id"]]
        for name, roles, mentions in db.execute(
            "SELECT b.name, pb.roles, pb.mentions FROM plan_bodies pb JOIN bodies b ON b.id = pb.body_id"
            " WHERE pb.plan_id = ? ORDER BY pb.rowid",
            [p["id"]],
        ):
            entry = merged.setdefault(unit, {}).setdefault(name, {"name": name, "roles": [], "mentions": 0})
            entry["roles"] += [r for r in json.loads(roles or "[]") if r not in entry["roles"]]
            entry["mentions"] += mentions or 0
    return {u: sorted(b.values(), key=lambda e: -e["mentions"]) for u, b in merged.items()}
