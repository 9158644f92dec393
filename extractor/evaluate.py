"""Score parses against hand-written gold files, as ../shared/gold/FORMAT.md says.

A gold file `NAME.gold.json` sits beside the document `NAME`. Scores are kept
as counts so that files add up into a micro-averaged total. Precision and
recall may be taken over different populations (sections: recall over gold
snippets, precision over parsed headings), so each metric keeps both sides.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from models import Document, Plan

_WS = re.compile(r"\s+")


def norm(text: str | None) -> str:
    """NFKC, all white space removed: how the scorer compares text."""
    return _WS.sub("", unicodedata.normalize("NFKC", text or ""))


@dataclass
class Counts:
    """Hits over the gold side (recall) and over the parsed side (precision)."""

    gold_hit: int = 0
    gold_total: int = 0
    parsed_hit: int = 0
    parsed_total: int = 0

    def __iadd__(self, other: Counts) -> Counts:
        self.gold_hit += other.gold_hit
        self.gold_total += other.gold_total
        self.parsed_hit += other.parsed_hit
        self.parsed_total += other.parsed_total
        return self

    @property
    def precision(self) -> float:
        return self.parsed_hit / self.parsed_total if self.parsed_total else 1.0

    @property
    def recall(self) -> float:
        return self.gold_hit / self.gold_total if self.gold_total else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Accuracy:
    right: int = 0
    total: int = 0

    def __iadd__(self, other: Accuracy) -> Accuracy:
        self.right += other.right
        self.total += other.total
        return self

    @property
    def value(self) -> float:
        return self.right / self.total if self.total else 1.0


METRICS = ("plans", "sections", "month_tasks", "bodies")


@dataclass
class Score:
    plans: Counts = field(default_factory=Counts)
    sections: Counts = field(default_factory=Counts)
    month_tasks: Counts = field(default_factory=Counts)
    bodies: Counts = field(default_factory=Counts)
    unit: Accuracy = field(default_factory=Accuracy)
    year: Accuracy = field(default_factory=Accuracy)
    misses: list[str] = field(default_factory=list)  # what went wrong, for a person to read

    def __iadd__(self, other: Score) -> Score:
        for m in METRICS:
            getattr(self, m).__iadd__(getattr(other, m))
        self.unit += other.unit
        self.year += other.year
        self.misses += other.misses
        return self

    def values(self) -> dict[str, float]:
        out: dict[str, float] = {}
        for m in METRICS:
            c: Counts = getattr(self, m)
            out[f"{m}_p"], out[f"{m}_r"], out[f"{m}_f1"] = c.precision, c.recall, c.f1
        out["unit_acc"] = self.unit.value
        out["year_acc"] = self.year.value
        return out


def _spellings(value) -> list[str]:
    if value is None:
        return []
    return [norm(v) for v in (value if isinstance(value, list) else [value])]


def match_plans(gold_plans: list[dict], plans: list[Plan]) -> list[int | None]:
    """For each gold plan, the parsed plan it matches: in order, the next one
    whose body text has `starts_with` in its first 100 characters."""
    out: list[int | None] = []
    nxt = 0
    for g in gold_plans:
        want = norm(g.get("starts_with"))
        found = next((i for i in range(nxt, len(plans)) if want in norm(plans[i].text)[:100]), None)
        out.append(found)
        if found is not None:
            nxt = found + 1
    return out


def score_sections(gold: dict, plan: Plan | None) -> Counts:
    snippets = [norm(s) for s in gold.get("sections", [])]
    heads = [norm(s.title) for s in plan.sections] if plan else []
    return Counts(
        gold_hit=sum(1 for s in snippets if any(s in h for h in heads)),
        gold_total=len(snippets),
        parsed_hit=sum(1 for h in heads if any(s in h for s in snippets)),
        parsed_total=len(heads),
    )


def score_month_tasks(gold: dict, plan: Plan | None, misses: list[str]) -> Counts:
    entries = gold.get("month_tasks", [])
    required = [e for e in entries if not e.get("optional")]
    tasks = [t for t in (plan.tasks if plan else []) if t.months]
    used: set[int] = set()
    c = Counts(gold_total=len(required))
    for t in tasks:
        text = norm(t.text)

        def fits(e: dict) -> bool:
            return norm(e["snippet"]) in text and set(t.months) <= set(e["months"])

        hit = next((i for i, e in enumerate(entries) if i not in used and not e.get("optional") and fits(e)), None)
        if hit is not None:
            used.add(hit)
            c.parsed_hit += 1
            c.parsed_total += 1
            c.gold_hit += 1
        elif any(e.get("optional") and fits(e) for e in entries):
            continue  # a vague expression found: earns nothing, costs nothing
        else:
            c.parsed_total += 1
            misses.append(f"  extra month task {t.months} {t.time_text!r}: {t.text[:50]}")
    for i, e in enumerate(entries):
        if not e.get("optional") and i not in used:
            misses.append(f"  missed month task {e['months']}: {e['snippet']}")
    return c


def score_bodies(gold: dict, plan: Plan | None, misses: list[str]) -> Counts:
    entries = [set(_spellings(e)) for e in gold.get("bodies", [])]
    names = {norm(b.name) for b in plan.bodies} if plan else set()
    right = {n for n in names if any(n in e for e in entries)}
    found = [e for e in entries if e & names]
    for n in sorted(names - right):
        misses.append(f"  extra body {n}")
    for e in entries:
        if not e & names:
            misses.append(f"  missed body {sorted(e)}")
    return Counts(gold_hit=len(found), gold_total=len(entries), parsed_hit=len(right), parsed_total=len(names))


def score_document(gold: dict, doc: Document) -> Score:
    s = Score()
    gold_plans = gold.get("plans", [])
    matches = match_plans(gold_plans, doc.plans)
    hits = sum(1 for m in matches if m is not None)
    s.plans = Counts(gold_hit=hits, gold_total=len(gold_plans), parsed_hit=hits, parsed_total=len(doc.plans))
    for g, m in zip(gold_plans, matches):
        plan = doc.plans[m] if m is not None else None
        label = g.get("title") or g.get("starts_with")
        if plan is None:
            s.misses.append(f"  plan not found: {label}")
        s.sections += score_sections(g, plan)
        s.month_tasks += score_month_tasks(g, plan, s.misses)
        s.bodies += score_bodies(g, plan, s.misses)
        want_unit = _spellings(g.get("unit"))
        got_unit = norm(plan.unit) if plan and plan.unit else None
        unit_ok = (got_unit in want_unit) if want_unit else (plan is not None and got_unit is None)
        s.unit += Accuracy(int(unit_ok), 1)
        if not unit_ok:
            s.misses.append(f"  unit {got_unit!r}, gold {g.get('unit')!r}")
        year_ok = plan is not None and plan.year == g.get("year")
        s.year += Accuracy(int(year_ok), 1)
        if not year_ok:
            s.misses.append(f"  year {plan.year if plan else None!r}, gold {g.get('year')!r}")
    # parsed plans that match no gold plan: their headings and bodies are errors
    matched = {m for m in matches if m is not None}
    for i, p in enumerate(doc.plans):
        if i not in matched:
            s.sections += Counts(parsed_total=len(p.sections))
            s.bodies += Counts(parsed_total=len(p.bodies))
            s.month_tasks += Counts(parsed_total=sum(1 for t in p.tasks if t.months))
    return s


def find_gold_pairs(dirs: list[Path]) -> list[tuple[Path, Path]]:
    """(document, gold) pairs: every NAME.gold.json whose NAME sits beside it."""
    pairs = []
    for d in dirs:
        for g in sorted(Path(d).glob("*.gold.json")):
            doc = g.with_name(g.name[: -len(".gold.json")])
            if doc.is_file():
                pairs.append((doc, g))
    return pairs


def load_gold(path: Path) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


# A corpus folder holding this file is split into a development two thirds
# and a frozen third by a hash of each file's name. The frozen third measures
# the parser on documents whose misses nobody reads: `jihua eval` prints only
# its total, never its files or their misses.
SPLIT_MARKER = "SPLIT.md"


def is_frozen(name: str) -> bool:
    return int(hashlib.sha256(name.encode("utf-8")).hexdigest(), 16) % 3 == 0


def split_of(doc: Path) -> str:
    """'frozen', 'dev', or '' for a folder that is not split."""
    if not (doc.parent / SPLIT_MARKER).is_file():
        return ""
    return "frozen" if is_frozen(doc.name) else "dev"
