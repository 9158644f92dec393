"""What an organisation's name ends with, and which names say no one unit.

Shared by plan splitting (the unit in a title or a signature) and by body
extraction, so that both agree on what an organisation is.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources

from extractor.hanzi import to_simplified, word_ends


@lru_cache(maxsize=1)
def _lexicon() -> dict:
    return json.loads(resources.files("extractor.data").joinpath("orgs.json").read_text(encoding="utf-8"))


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


ORG_SUFFIX = _alternation(_lexicon()["suffixes"])
_SUFFIX_AT_END = re.compile(rf"(?:{ORG_SUFFIX})$")
_GENERIC_PREFIX = re.compile(rf"^(?:{_alternation(_lexicon()['generic_modifiers'])})")


def _simplified(text: str) -> str:
    # same length as the input (公司工會 → 公司工会), so offsets carry over
    return to_simplified(text)


def org_at_end(text: str, longest_prefix: bool = False) -> str | None:
    """The organisation `text` names: `text` itself when it ends with an
    organisation suffix; with longest_prefix, the longest prefix that does
    ("淳化小学卫生" → 淳化小学). Traditional writing is matched too and
    returned as written."""
    simple = _simplified(text)
    if not longest_prefix:
        return text if text and _SUFFIX_AT_END.search(simple) else None
    # a name ends where a word ends: "工会部门" holds no "工会部"
    ends = word_ends(simple)
    for end in range(len(text), 1, -1):
        if end in ends and _SUFFIX_AT_END.search(simple[:end]) and not _only_ends_like_one(simple[:end]):
            return text[:end]
    return None


def _only_ends_like_one(name: str) -> bool:
    """来源学科, 少先队建队: a word that only ends like a kind (the bodies
    lexicon's not_org words), or a one-character kind after a one-character
    verb (建|队, 办|所)."""
    from extractor.bodies import lexicon
    from extractor.hanzi import posseg

    if lexicon.ends_in(name, "not_org"):
        return True
    words = posseg(name[-6:])
    return len(words) >= 2 and len(words[-1][0]) == 1 and len(words[-2][0]) == 1 and words[-2][1].startswith("v")


def is_generic_org(name: str) -> bool:
    """A bare kind ("工会") or a kind with a generic modifier ("基层工会",
    "上级工会"): it names no one unit, so it cannot be a plan's unit."""
    name = _simplified(name)
    if name in _lexicon()["bare"]:
        return True
    rest = name
    while True:  # "新建企业工会": strip 新建, then 企业
        shorter = _GENERIC_PREFIX.sub("", rest)
        if shorter == rest:
            break
        rest = shorter
    return rest != name and (rest in _lexicon()["bare"] or not rest or _SUFFIX_AT_END.fullmatch(rest) is not None)


def is_institution(name: str) -> bool:
    """A kind that, named alone in a title, is the issuer ("幼儿园工作计划"),
    where a union's kind alone names a field of work ("工会工作计划")."""
    return _simplified(name) in _lexicon()["institutions"]
