"""Candidate bodies by rule: spans that end in a kind of organisation
(…工会, …委员会, …局, 党支部 …) and reach left over the words a name is
made of, found by spaCy `Matcher` patterns kept in data/bodies/patterns.jsonl.

The text is one token per character (spaCy's blank Chinese pipeline with its
character segmenter), so a name's edge may fall anywhere: jieba would glue a
verb to the name it governs (助力医院) or cut a name it does not know. Each
character carries attributes from the lexicon, set by `mark_words`: where a
kind word ends (strong or weak) and whether it belongs to a stop word (a verb
or a function word that never stands inside a name)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from extractor.bodies import lexicon

_NAME_CHAR = re.compile(r"[\u3400-\u9fffA-Za-z0-9（）()“”]")


@dataclass(frozen=True)
class Candidate:
    start: int  # offsets in the text the pipeline read
    end: int
    strength: str  # "strong", "weak" or "model"

    def text(self, s: str) -> str:
        return s[self.start : self.end]


@lru_cache(maxsize=1)
def char_pipeline():
    """spaCy's blank Chinese pipeline, one token per character."""
    import spacy
    from spacy.tokens import Token

    for attr, default in (("kind_end", ""), ("name_part", False)):
        if not Token.has_extension(attr):
            Token.set_extension(attr, default=default)
    return spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "char"}}})


@lru_cache(maxsize=1)
def _matcher():
    from spacy.matcher import Matcher

    m = Matcher(char_pipeline().vocab)
    text = resources.files("extractor.data").joinpath("bodies/patterns.jsonl").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip():
            entry = json.loads(line)
            m.add(entry["label"], [entry["pattern"]], greedy="LONGEST")
    return m


# jieba's word classes a name's words may have (nouns, place and proper names,
# unknown words, distinguishing words); verbs, adverbs, numbers, times,
# pronouns and function words end a name where they stand
_NAME_TAGS = frozenset({"n", "nr", "nrt", "nrfg", "ns", "nt", "nz", "ng", "j", "b", "eng", "x", "an", "vn"})
_TIME_CHARS = re.compile(r"[年月日号]")


def mark_words(doc) -> None:  # noqa: ANN001 - spaCy's Doc
    """Set each character's attributes from the lexicon's words and jieba's
    words: `name_part` for a character of a word a name may hold, `kind_end`
    where a kind of organisation ends a word (a one-character kind, 局 科 院,
    only where it ends a word of three characters or stands alone after a
    noun: 教育局, 卫生监督|所, not 住院 or 开办)."""
    s = doc.text
    token_at = {tok.idx: tok for tok in doc}  # white space is no token: offsets are not indices
    words = _words(s)
    name_part: set[int] = set()
    for a, b, w, tag in words:
        if _name_word(w, tag):
            name_part.update(range(a, b))
    ends = {b: (a, w, tag) for a, b, w, tag in words}
    weak = lexicon.weak_kinds()
    for m in lexicon.kinds().finditer(s):
        word = ends.get(m.end())
        if word is None or (len(m.group()) == 1 and not _one_char_kind(word, words)):
            continue
        name_part.update(range(m.start(), m.end()))
        if m.end() - 1 in token_at:
            token_at[m.end() - 1]._.kind_end = "weak" if m.group() in weak else "strong"
    for tok in doc:
        tok._.name_part = tok.idx in name_part and bool(_NAME_CHAR.match(tok.text))


def _name_word(w: str, tag: str) -> bool:
    if w in lexicon.word_set("modifiers") or w in lexicon.word_set("places"):
        return True
    if _TIME_CHARS.search(w) or w.isdigit() or _holds_stop(w):
        return False
    return tag in _NAME_TAGS


def _holds_stop(w: str) -> bool:
    """A stop word, or a word jieba glued to one (定期检查, 充分发挥: jieba's
    word classes call them nouns)."""
    stops = lexicon.word_set("stop_words")
    return w in stops or any(w.startswith(x) or w.endswith(x) for x in stops if len(x) >= 2 and len(w) > len(x))


def _one_char_kind(word: tuple[int, str, str], words: list[tuple[int, int, str, str]]) -> bool:
    a, w, tag = word
    if len(w) >= 3:
        return True
    if len(w) != 1:
        return False
    before = next((x for x in words if x[1] == a), None)
    return before is not None and len(before[2]) >= 2 and before[3] in {"n", "nt", "nz", "vn", "j", "ns"}


def _words(s: str) -> list[tuple[int, int, str, str]]:
    """jieba's words of `s` with their classes: (start, end, word, tag)."""
    from extractor.hanzi import posseg

    out, at = [], 0
    for w, tag in posseg(s):
        out.append((at, at + len(w), w, tag))
        at += len(w)
    return out


def rule_candidates(s: str) -> list[Candidate]:
    """Every span the patterns find in `s` (the reading view of a text)."""
    doc = char_pipeline().make_doc(s)
    mark_words(doc)
    out = []
    for label, start, end in _matcher()(doc):
        b = doc[end - 1].idx + 1
        a = _balanced_start(s, doc[start].idx, b)
        strength = _strength(s[a:b]) if doc[end - 1]._.kind_end == "weak" else "strong"
        out.append(Candidate(a, b, strength))
    return sorted(out, key=lambda c: c.start)


def _strength(name: str) -> str:
    """A weak kind (学校, 单位, 部门, 班) names a body where its name says which:
    every one of a collective (各单位, 区直各部门, 各年龄班) or one named in
    full (苏州幼儿师范高等专科学校); alone (学校, 单位) only where it acts."""
    kind = next((k for k in lexicon.weak_kinds() if name.endswith(k)), "")
    own = name[: len(name) - len(kind)]
    if "各" in own:
        return "strong"
    if kind in lexicon.word_set("teams"):
        return "weak"  # 施工队, 摄影组: a team acts only where the plan hands it work
    specific = own.lstrip("".join(lexicon.word_set("modifiers")) + "".join(lexicon.word_set("places")))
    return "strong" if len(specific) >= 3 else "weak"


def _balanced_start(s: str, a: int, b: int) -> int:
    """A name holds its brackets whole (各县（市、区）妇联): an opening one
    left unclosed, or a closing one left unopened, starts it after that mark."""
    depth, start = 0, a
    for i in range(a, b):
        if s[i] in "（(":
            depth += 1
        elif s[i] in "）)":
            depth -= 1
            if depth < 0:
                depth, start = 0, i + 1
    if depth > 0:
        start = max(i for i in range(a, b) if s[i] in "（(") + 1
    return start
