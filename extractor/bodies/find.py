"""Bodies named in a text, with the role each plays: the candidates of the
rules and of the trained model, less what names no body, each with the role
its words give it."""

from __future__ import annotations

import os
from dataclasses import dataclass

from extractor.bodies import filters, model, roles
from extractor.bodies.candidates import Candidate, classes, rule_candidates, windows
from extractor.hanzi import reading_view

# Which proposer runs: "rules", "model" or "both" (JIHUA_BODIES overrides;
# the README gives the figures behind the default).
DEFAULT_MODE = "rules"


@dataclass
class Mention:
    """One naming of a body in a text; start/end are offsets into that text."""

    name: str
    role: str
    start: int
    end: int


def mode() -> str:
    chosen = os.environ.get("JIHUA_BODIES", DEFAULT_MODE)
    return chosen if chosen in ("rules", "model", "both") and (chosen == "rules" or model.available()) else "rules"


def proposed(s: str, how: str) -> list[Candidate]:
    """Candidate spans in the reading view `s`: the model's, the rules', or
    the model's with the rules' strong names where the model saw nothing."""
    marks = classes(s)
    learned = [Candidate(a, b, "model") for a, b in model.model_spans(s, windows(marks))] if how != "rules" else []
    if how == "model":
        return learned
    ruled = rule_candidates(s, marks)
    if how == "rules":
        return ruled
    taken = [(c.start, c.end) for c in learned]
    extra = [c for c in ruled if c.strength == "strong" and not any(a < c.end and c.start < b for a, b in taken)]
    return sorted(learned + extra, key=lambda c: c.start)


def find_mentions(text: str, how: str | None = None) -> list[Mention]:
    """Organisations named in `text`, with the role the sentence gives each.

    Names that stand only in a look back at a past year or in an award are
    left out: the plan's bodies are those of its work (the leaders named in
    a look back still lead)."""
    if not text:
        return []
    s, where = reading_view(text)
    candidates = proposed(s, how or mode())
    every = [(c.start, c.end) for c in candidates]
    found = [c for k, c in enumerate(candidates) if not filters.names_no_body(s, every, k)]
    spans = [(c.start, c.end) for c in found]
    past = filters.past_spans(s) if found else []
    out = []
    for k, c in enumerate(found):
        role = roles.role_of(s, spans, k)
        if role != "leader" and any(a <= c.start < b for a, b in past):
            continue
        if c.strength == "weak" and role == "mention" and not _beside_strong(s, found, k):
            continue  # 学校, 公司, 单位: a body only where the text makes it act
        start, end = where[c.start], where[c.end - 1] + 1
        # the name as written, less any pinyin gloss inside it (義工服務(wù)隊 → 義工服務隊)
        name = "".join(text[where[i]] for i in range(c.start, c.end))
        out.append(Mention(name=name, role=role, start=start, end=end))
    return out


def _beside_strong(s: str, found: list[Candidate], k: int) -> bool:
    """居委会、业主委员会和物业公司: a weak name listed with a named body is one."""
    spans = [(c.start, c.end) for c in found]
    first, last = roles.list_bounds(s, spans, k)
    return any(j != k and found[j].strength != "weak" for j in range(first, last + 1))
