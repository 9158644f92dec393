"""The role a body plays where it is named, from one ordered table of cues
(data/bodies/roles.json): the first cue that holds decides.

A cue looks at the words right before the name (or before the list the name
stands in: "会同区教育局、县卫健局" makes both partners), right after it (or
after its list), or at a pattern around it ("在{X}的领导下"). `opening`
cues hold only for a name that opens its clause (its subject).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

_CLAUSE_END = "。；;！!？?\n"
_LIST_GAP = re.compile(r"^(?:、|和|及|以及|与|或|，|,)$")
_NUMBERING = re.compile(r"^[\s\-—]*(?:[（(]?[一二三四五六七八九十\d]+[)）、.．]|[①-⑳])?\s*")


@dataclass(frozen=True)
class Cue:
    role: str
    before: tuple[str, ...] = ()
    after: tuple[str, ...] = ()
    around: re.Pattern[str] | None = None
    opening: bool = False


@lru_cache(maxsize=1)
def cues() -> tuple[Cue, ...]:
    rows = json.loads(resources.files("extractor.data").joinpath("bodies/roles.json").read_text(encoding="utf-8"))
    out = []
    for r in rows:
        around = re.compile(r["around"].replace("{X}", r"(?P<who>[^。；;！？\n]{1,60}?)")) if "around" in r else None
        out.append(Cue(r["role"], tuple(r.get("before", ())), tuple(r.get("after", ())), around, r.get("opening", False)))
    return tuple(out)


def clause(text: str, s: int, e: int) -> tuple[int, int]:
    """The clause (between sentence marks) around text[s:e]."""
    a = s
    while a > 0 and text[a - 1] not in _CLAUSE_END:
        a -= 1
    b = e
    while b < len(text) and text[b] not in _CLAUSE_END:
        b += 1
    return a, b


def list_bounds(text: str, spans: list[tuple[int, int]], k: int) -> tuple[int, int]:
    """First and last span of the list (X、Y和Z) span k stands in."""
    first = k
    while first > 0 and _LIST_GAP.match(text[spans[first - 1][1] : spans[first][0]] or "x"):
        first -= 1
    last = k
    while last + 1 < len(spans) and _LIST_GAP.match(text[spans[last][1] : spans[last + 1][0]] or "x"):
        last += 1
    return first, last


def role_of(text: str, spans: list[tuple[int, int]], k: int) -> str:
    """The role the words around span k give it; "mention" where none does."""
    s, e = spans[k]
    a, b = clause(text, s, e)
    first, last = list_bounds(text, spans, k)
    before = text[max(a, spans[first][0] - 8) : spans[first][0]]
    after = text[spans[last][1] : min(b, spans[last][1] + 8)]
    opens = not _NUMBERING.sub("", re.split(r"[，,:：]", text[a : spans[first][0]])[-1].strip()).strip()
    for cue in cues():
        if _holds(cue, text, (a, b), (s, e), before, after, opens):
            return cue.role
    return "mention"


def _holds(cue: Cue, text: str, bounds: tuple[int, int], span: tuple[int, int], before: str, after: str, opens: bool) -> bool:
    if cue.opening and not opens:
        return False
    if cue.around is not None:
        return any(m.start("who") <= span[0] and span[1] <= m.end("who") for m in cue.around.finditer(text, *bounds))
    if cue.before and not any(before.endswith(w) for w in cue.before):
        return False
    if cue.after and not any(after.startswith(w) for w in cue.after):
        return False
    return bool(cue.before or cue.after)
