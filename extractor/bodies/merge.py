"""One entry per body of a plan: its name, its roles and how often it is
named.

The unit itself is the issuer (under the name of its governing body where
the unit is a place: 桃源社区 → 桃源社区居委会), and a short form that ends
the unit's name (团支部 in a 社区团支部 plan, 区总工会 in a 青川区总工会 plan)
is the unit speaking of itself. Other spellings are kept apart: a short form
that ends a longer one may name another body (女职工委员会 ends both
公司女职工委员会 and 市总工会女职工委员会)."""

from __future__ import annotations

import re
import unicodedata

from extractor.bodies import lexicon
from models import Body

ROLE_ORDER = ("issuer", "leader", "lead", "support", "mention")
_UNIT_KINDS = ("工会", "委员会", "团委", "团支部", "妇联")


def norm(name: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", name))


def merge_bodies(mentions: list, unit: str | None = None) -> list[Body]:  # list[find.Mention]
    unit_key = norm(unit) if unit else ""
    keys = [norm(m.name) for m in mentions]
    seat = seat_of(unit_key, keys) if unit_key else ""
    order: list[str] = []
    names: dict[str, str] = {}
    roles: dict[str, set[str]] = {}
    counts: dict[str, int] = {}
    if unit:
        order.append(unit_key)
        names[unit_key] = next((m.name.strip() for m in mentions if norm(m.name) == seat), unit.strip()) if seat else unit.strip()
        roles[unit_key], counts[unit_key] = {"issuer"}, 0
    for m, key in zip(mentions, keys):
        if not key:
            continue
        if unit_key and _is_unit(key, unit_key, seat):
            key = unit_key
        if key not in names:
            order.append(key)
            names[key], roles[key], counts[key] = m.name.strip(), set(), 0
        roles[key].add(m.role)
        counts[key] += 1
    return [_body(names[k], roles[k], counts[k]) for k in order]


def _body(name: str, roles: set[str], count: int) -> Body:
    if len(roles) > 1:
        roles.discard("mention")
    return Body(name=name, roles=sorted(roles, key=ROLE_ORDER.index), mentions=count)


def _is_unit(key: str, unit_key: str, seat: str) -> bool:
    return unit_key.endswith(key) or short_form_of(key, unit_key) or bool(seat and seat.endswith(key))


def seat_of(unit: str, keys: list[str]) -> str:
    """A plan signed by a place (桃源社区, 红星村) is issued by the place's
    governing body, which the text names in full (桃源社区居委会): that name,
    or "" where the text names none."""
    for place, seats in lexicon.words()["territory_bodies"].items():
        if unit.endswith(place):
            return next((k for k in keys for seat in seats if k == unit + seat), "")
    return ""


def short_form_of(name: str, unit: str) -> bool:
    """"青川工会" for 青川区总工会, "葵涌工会" for 葵涌街道工会: the unit's
    leading place name and its kind, with the words between left out."""
    if len(name) < 4 or len(name) >= len(unit):
        return False
    kind = next((k for k in _UNIT_KINDS if name.endswith(k) and unit.endswith(k)), None)
    return kind is not None and name[:2] == unit[:2] and len(name) - len(kind) == 2
