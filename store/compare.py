"""Comparing units: where (theme × month) each plans work, which tasks several
units share, which are one unit's own, and which bodies each relies on.

"Shared" means near-identical text after normalising (NFKC, no spaces,
punctuation or list labels): difflib's ratio ≥ 0.8. Comparing every pair is
quadratic, so candidates come from an inverted index of character bigrams
(very common bigrams such as 工会 are left out of it) and only pairs that share
enough bigrams are scored. A comparison is bounded by the limits (units,
plans, tasks: CompareTooLarge) and by a deadline (BudgetExceeded).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter, defaultdict
from difflib import SequenceMatcher
from typing import Any

import sqlite_utils

from models.limits import DEFAULT, Limits
from models.messages import msg
from store.budget import Deadline
from store.query import unit_spellings

_LABEL = re.compile(r"^\s*(?:[（(]?[一二三四五六七八九十\d]+[)）、.．]|[①-⑳])\s*")
_NOISE = re.compile(r"[\s\W_]+", re.UNICODE)


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text or "")
    return _NOISE.sub("", _LABEL.sub("", text))


def _bigrams(s: str) -> set[str]:
    return {s[i : i + 2] for i in range(len(s) - 1)} or {s}


class CompareTooLarge(ValueError):
    """A comparison over the limits (units, plans or tasks): the message says
    which and how to narrow it."""


def compare(
    db: sqlite_utils.Database,
    *,
    units: list[str] | None = None,
    plan_ids: list[int] | None = None,
    years: list[int] | None = None,
    threshold: float = 0.8,
    limits: Limits = DEFAULT,
    deadline: Deadline | None = None,
) -> dict[str, Any]:
    """Raises CompareTooLarge before any costly work when the comparison
    exceeds the limits, and BudgetExceeded past the deadline."""
    deadline = deadline or Deadline(None)
    # a spelling merged into another unit is that unit (store.corrections)
    units = unit_spellings(db, units or [])
    if len(units) > limits.max_compare_units:
        raise CompareTooLarge(msg("compare_units", n=len(units), limit=limits.max_compare_units))
    plans = _select_plans(db, units, plan_ids or [], years or [])
    if len(plans) > limits.max_compare_plans:
        raise CompareTooLarge(msg("compare_plans", n=len(plans), limit=limits.max_compare_plans))
    labels = _labels(plans, units)
    by_plan = {p["id"]: labels[p["id"]] for p in plans}
    order = list(dict.fromkeys(labels[p["id"]] for p in plans))
    if units:  # keep the order the user asked for, units without plans included
        order = list(dict.fromkeys([*[u for u in units], *order]))

    tasks: list[dict[str, Any]] = []
    per_unit: Counter[str] = Counter()
    if by_plan:
        marks = ", ".join("?" for _ in by_plan)
        n = db.execute(f"SELECT count(*) FROM tasks WHERE plan_id IN ({marks})", list(by_plan)).fetchone()[0]
        if n > limits.max_compare_tasks:
            raise CompareTooLarge(msg("compare_tasks", n=n, limit=limits.max_compare_tasks))
        for tid, plan_id, text, months, themes in db.execute(
            f"SELECT id, plan_id, text, months, themes FROM tasks WHERE plan_id IN ({marks}) ORDER BY plan_id, seq",
            list(by_plan),
        ):
            unit = by_plan[plan_id]
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
        "theme_counts": _theme_counts(tasks),
        **_shared_and_unique(tasks, order, threshold, deadline),
        "bodies": _bodies(db, plans, labels, order),
    }


def _select_plans(db: sqlite_utils.Database, units: list[str], plan_ids: list[int], years: list[int]) -> list[dict[str, Any]]:
    conds, params = [], []
    if units:
        conds.append(f"unit IN ({', '.join('?' for _ in units)})")
        params += units
    if plan_ids:
        conds.append(f"id IN ({', '.join('?' for _ in plan_ids)})")
        params += plan_ids
    if not conds:
        return []
    where = f"({' OR '.join(conds)})"
    if years:
        where += f" AND year IN ({', '.join('?' for _ in years)})"
        params += years
    cur = db.execute(f"SELECT id, unit, year, title FROM plans WHERE {where} ORDER BY id", params)
    return [dict(zip(("id", "unit", "year", "title"), r)) for r in cur.fetchall()]


def _labels(plans: list[dict[str, Any]], units: list[str]) -> dict[int, str]:
    """Plans are grouped by unit: every plan of a unit asked for by name is
    that unit's. Plans picked by id from one unit (comparing a unit's plans
    with each other), or with no unit, are told apart by their id."""
    asked = set(units)
    by_id = Counter(p["unit"] for p in plans if p["unit"] not in asked)
    out = {}
    for p in plans:
        unit = p["unit"]
        if unit is not None and (unit in asked or by_id[unit] == 1):
            out[p["id"]] = unit
        else:
            out[p["id"]] = f"{unit or '未知单位'} #{p['id']}"
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


def _theme_counts(tasks: list[dict[str, Any]]) -> dict[str, dict[str, int]]:
    """theme → unit → how many of the unit's tasks have the theme (each task
    once, whatever its months): the heatmap of a comparison."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for t in tasks:
        for theme in t["themes"]:
            counts[theme][t["unit"]] += 1
    return {theme: dict(c) for theme, c in sorted(counts.items(), key=lambda kv: (-sum(kv[1].values()), kv[0]))}


def _shared_and_unique(
    tasks: list[dict[str, Any]], order: list[str], threshold: float, deadline: Deadline
) -> dict[str, Any]:
    return _report_groups(tasks, _similar_groups(tasks, threshold, deadline), order)


def _similar_groups(tasks: list[dict[str, Any]], threshold: float, deadline: Deadline) -> list[list[int]]:
    """The tasks (by index) grouped by near-identical text.

    Identical texts (after normalising) are one group from the start, and
    only one text of each is compared: plans written from one template
    repeat every task, and comparing each copy made 400 plans take 100 s."""
    norm_of = [normalise(t["text"]) for t in tasks]
    first: dict[str, int] = {}
    members: dict[int, list[int]] = defaultdict(list)
    for i, n in enumerate(norm_of):
        members[first.setdefault(n, len(first))].append(i)
    norm = list(first)
    unit_sets = [frozenset(tasks[i]["unit"] for i in members[k]) for k in range(len(norm))]
    grams = [_bigrams(n) for n in norm]
    index: dict[str, list[int]] = defaultdict(list)
    for i, g in enumerate(grams):
        for b in g:
            index[b].append(i)
    # A bigram in a large share of all texts says nothing about a match and
    # would make the candidate search quadratic again.
    common = max(50, len(norm) // 20)
    parent = list(range(len(norm)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, g in enumerate(grams):
        if i % 64 == 0:
            deadline.check()
        for j, shared in _overlaps(i, g, index, common, unit_sets).items():
            # Jaccard ≥ 0.5 on bigrams is necessary for ratio ≥ 0.8 in
            # practice and cheap to check before difflib.
            if shared / (len(g) + len(grams[j]) - shared) < 0.5:
                continue
            if SequenceMatcher(None, norm[i], norm[j], autojunk=False).ratio() >= threshold:
                parent[find(i)] = find(j)

    groups: dict[int, list[int]] = defaultdict(list)
    for k in range(len(norm)):
        groups[find(k)].extend(members[k])
    return list(groups.values())


def _overlaps(
    i: int, grams: set[str], index: dict[str, list[int]], common: int, unit_sets: list[frozenset[str]]
) -> Counter[int]:
    """Later texts sharing bigrams with text `i`, and how many they share."""
    overlap: Counter[int] = Counter()
    for b in grams:
        posting = index[b]
        if len(posting) > common:
            continue
        for j in posting:
            # one unit's own texts are never "shared" with each other
            if j > i and not (len(unit_sets[i]) == 1 and unit_sets[i] == unit_sets[j]):
                overlap[j] += 1
    return overlap


def _report_groups(tasks: list[dict[str, Any]], groups: list[list[int]], order: list[str]) -> dict[str, Any]:
    """Groups of several units are shared tasks; the rest are unique to their unit."""
    shared: list[dict[str, Any]] = []
    unique: dict[str, list[dict[str, Any]]] = {u: [] for u in order}
    for group in groups:
        group.sort()
        units = list(dict.fromkeys(tasks[i]["unit"] for i in group))
        if len(units) > 1:
            shared.append(
                {
                    "text": min((tasks[i]["text"] for i in group), key=len),
                    "units": sorted(units, key=order.index),
                    "tasks": [_brief(tasks[i]) for i in group],
                }
            )
        else:
            unique.setdefault(units[0], []).extend(_brief(tasks[i]) for i in group)
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
