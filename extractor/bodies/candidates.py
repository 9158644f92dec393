"""Candidate bodies by rule: spans that end in a kind of organisation
(…工会, …委员会, …局, 党支部 …) and reach left over the words a name is
made of, by the patterns kept in data/bodies/patterns.json.

Each character gets one class letter (`classes`): where a kind word ends
(strong or weak), whether it belongs to a word a name may hold (jieba's word
classes, the lexicon's stop words and modifiers). Working per character, a
name's edge may fall anywhere: jieba alone would glue a verb to the name it
governs (助力医院) or cut a name it does not know. The patterns are regexes
over the class string — what a spaCy Matcher pattern over the characters'
attributes would say, at a fraction of its cost (the Matcher took 45 ms a
plan on a {0,12} pattern; the regex takes well under one)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from extractor.bodies import lexicon

_NAME_CHAR = re.compile(r"[\u3400-\u9fffA-Za-z0-9（）()“”]")
_NOT_NAME_CHARS = re.compile(r"[^\u3400-\u9fffA-Za-z0-9（）()“”]+")
# jieba's word classes a name's words may have (nouns, place and proper names,
# unknown words, distinguishing words); verbs, adverbs, numbers, times,
# pronouns and function words end a name where they stand
_NAME_TAGS = frozenset({"n", "nr", "nrt", "nrfg", "ns", "nt", "nz", "ng", "g", "j", "b", "eng", "x", "an", "vn", "a"})
_TIME_CHARS = re.compile(r"[年月日号]|学期|季度|上旬|中旬|下旬")


@dataclass(frozen=True)
class Candidate:
    start: int  # offsets in the text the pipeline read
    end: int
    strength: str  # "strong", "weak" or "model"

    def text(self, s: str) -> str:
        return s[self.start : self.end]


@lru_cache(maxsize=1)
def char_pipeline():
    """spaCy's blank Chinese pipeline, one token per character: the model's
    tokenizer, and the training data's."""
    import spacy

    return spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "char"}}})


@lru_cache(maxsize=1)
def _patterns() -> list[re.Pattern[str]]:
    """The candidate patterns (data/bodies/patterns.json): regexes over a
    string of one class letter per character — `k` a strong kind ends there,
    `w` a weak one, `n` a character a name may hold, `g` 各, `.` anything else.
    A regex over that string is what a spaCy Matcher pattern over the
    characters' attributes would be, run at C speed."""
    text = resources.files("extractor.data").joinpath("bodies/patterns.json").read_text(encoding="utf-8")
    return [re.compile(p) for p in json.loads(text)["patterns"]]


def classes(s: str) -> str:
    """One class letter per character of `s` (see `_patterns`), from the
    lexicon's words and jieba's: a character of a word a name may hold is
    `n`; a kind of organisation ends a name where it ends (`k`/`w`), a
    one-character kind (局 科 院) only where it ends a word of three
    characters or stands alone after a noun (教育局, 卫生监督|所, not 住院)."""
    out = ["."] * len(s)
    words = _words(s)
    for a, b, w, tag in words:
        out[a:b] = _word_classes(w, tag)
    _verbs_inside_names(words, out)
    _joint_departments(s, words, out)
    ends = {b: (a, w, tag) for a, b, w, tag in words}
    weak = lexicon.weak_kinds()
    for m in _kind_last_chars().finditer(s):  # only where a kind can end
        e = m.end()
        kind = _kind_ending(s, e)
        if not kind or not _name_ends(s, e, kind, ends, words, out):
            continue
        if kind in weak and e < len(s) and out[e] == "n" and _NAME_CHAR.match(s[e]) and e not in _kind_starts(s, e):
            continue  # 行政|管理, 学校|卫生: a weak kind before a noun is part of a compound noun
        out[e - len(kind) : e - 1] = ["n"] * (len(kind) - 1)
        out[e - 1] = "w" if kind in weak or kind in lexicon.word_set("rooms") else "k"
    for m in _NOT_NAME_CHARS.finditer(s):  # what no name holds is "." whatever its word
        out[m.start() : m.end()] = ["."] * (m.end() - m.start())
    for m in _PLACE_LIST.finditer(s):  # 各县（市、区）团委: places listed in a bracket
        out[m.start() : m.end()] = ["n"] * (m.end() - m.start())
    for m in _QUOTED_WORDS.finditer(s):  # “两新组织”妇联: a quoted name's words are the name's, whatever their class
        if _kind_follows(s, out, m.end()):
            out[m.start() : m.end()] = ["n"] * (m.end() - m.start())
    return "".join(out)


# a quoted name is short and unpunctuated; a slogan (“送岗位、乐业在江淮”) is not
_QUOTED_WORDS = re.compile(r"“[\u3400-\u9fffA-Za-z0-9]{1,8}”")


def _kind_follows(s: str, out: list[str], e: int) -> bool:
    """Does a kind of organisation end within a few name characters after e
    (not after another quote: “三好学生”“优秀班干部” are titles)?"""
    for ch, c in zip(s[e : e + 6], out[e : e + 6]):
        if c in "kw":
            return True
        if c != "n" or ch in "“”":
            return False
    return False


@lru_cache(maxsize=1)
def _kind_last_chars() -> re.Pattern[str]:
    return re.compile("[" + "".join(re.escape(c) for c in sorted(lexicon.kind_lengths_by_last())) + "]")


def _kind_starts(s: str, e: int) -> set[int]:
    """{e} where a name goes on after e with a kind of its own (学校|团委)."""
    return {e} if any(_kind_ending(s, f) for f in range(e + 1, min(len(s), e + 8) + 1)) else set()


@lru_cache(maxsize=65536)  # a word's classes depend on the word alone: a vocabulary's worth
def _word_classes(w: str, tag: str) -> tuple[str, ...]:
    if w.startswith("各") and len(w) <= 4 and w not in lexicon.word_set("stop_words"):
        return ("g",) + ("n",) * (len(w) - 1)  # 各街道, 各部门: jieba's words for every one of a kind
    if len(w) in (2, 3) and w[-1] in _ADMIN and w[:-1] in lexicon.word_set("stop_words"):
        return (".",) * (len(w) - 1) + ("n",)  # 会同县|卫生局, 和县: a verb glued to a place jieba knows
    if len(w) >= 3 and w[0] in lexicon.word_set("destination_before") and _kind_ending(w, len(w)) == w[1:]:
        return (".",) + ("n",) * (len(w) - 1)  # 宣传|进社区: where the work goes, glued to its verb
    return ("n" if _name_word(w, tag) else ".",) * len(w)


_ADMIN = frozenset("省市区县镇乡")
_PLACE_LIST = re.compile(r"[（(][省市区县镇乡街道、]{1,8}[）)]")


def _verbs_inside_names(words: list[tuple[int, int, str, str]], out: list[str]) -> None:
    """Words jieba calls verbs (or measure words) that belong to a name: between a place and a
    kind (江城|分行|工会); before an office named by what it does (扶贫|办,
    权益保护|科); a place's one-character kind (光明|里|小学)."""
    offices = lexicon.word_set("office_chars")
    for k in range(1, len(words) - 1):
        a, b, w, tag = words[k]
        nxt = words[k + 1][2]
        if out[a] != "." or _holds_stop(w):
            continue
        verb = tag.startswith("v") and len(w) == 2
        if verb and words[k - 1][3] in {"ns", "nt", "nz", "nr"} and _kind_ending(nxt, len(nxt)):
            out[a:b] = ["n"] * (b - a)
        elif verb and out[words[k - 1][0]] == "n" and _kind_within(words, k + 1, 2) and out[words[k + 1][0]] == "n":
            out[a:b] = ["n"] * (b - a)  # 教代会|提案|工作|委员会: what a committee is for
        elif verb and nxt in offices:
            out[a:b] = ["n"] * (b - a)
        elif w in lexicon.word_set("place_chars") and len(words[k - 1][2]) == 2 and out[words[k - 1][0]] == "n":
            out[a:b] = ["n"]
        elif len(w) == 1 and tag == "q" and words[k - 1][3].startswith("nr") and _kind_ending(nxt, len(nxt)):
            out[a:b] = ["n"]  # 潘|家|社区: a family's name (潘家) read as surname and measure word


def _name_ends(s: str, e: int, kind: str, ends: dict, words: list, out: list[str]) -> bool:
    """Does a name end with `kind` at offset e? Where a word of jieba's ends
    there (not 党组|织, 工会|工作 read as one word); or where jieba glued the
    next word to the kind (大队部将: 部|将) and a stop word follows. A
    one-character kind only at the end of a longer word or alone after a noun."""
    if len(kind) == 1:
        return e in ends and _one_char_kind(ends[e], words, out) and not _split_compound(e, words, out)
    if e in ends:
        return True
    rest = s[e : e + 4]
    return not rest or not _NAME_CHAR.match(rest[0]) or bool(_stop_start().match(rest))


@lru_cache(maxsize=1)
def _stop_start() -> re.Pattern[str]:
    return re.compile(lexicon.alternation(lexicon.words()["stop_words"]))


_JOINT = frozenset("和与及")
_DEPARTMENT = re.compile(r"(?:局|部|厅|委|办|委员会)$")


def _joint_departments(s: str, words: list[tuple[int, int, str, str]], out: list[str]) -> None:
    """人力资源和社会保障局, 发展和改革委员会, 文化广电和旅游局: government
    departments are named A和B局, two plain nouns sharing the kind; between
    a noun and one or two nouns that end in a department's kind, 和 is part
    of the name (not so between two bodies: 教育局和卫健委)."""
    for k in range(1, len(words) - 1):
        a, b, w, tag = words[k]
        if w not in _JOINT or out[words[k - 1][0]] != "n" or _kind_ending(s, a):
            continue
        for j in (k + 1, k + 2):
            if j < len(words) and _DEPARTMENT.search(words[j][2]) and all(out[words[i][0]] == "n" for i in range(k + 1, j + 1)):
                out[a:b] = ["n"]
                break


def _kind_within(words: list[tuple[int, int, str, str]], k: int, n: int) -> bool:
    """Does a committee-like kind (委员会, 领导小组, 基金), named by what it is
    for, end one of the n words from k?"""
    return any(_kind_ending(w[2], len(w[2])) in lexicon.word_set("open_kinds") for w in words[k : k + n])


def _kind_ending(s: str, e: int) -> str:
    """The longest kind of organisation that ends at offset e of `s`."""
    lengths = lexicon.kind_lengths_by_last().get(s[e - 1]) if e > 0 else None
    if not lengths:
        return ""
    kinds = lexicon.kind_set()
    for length in lengths:
        if length <= e and s[e - length : e] in kinds:
            return s[e - length : e]
    return ""


def _name_word(w: str, tag: str) -> bool:
    if w in lexicon.word_set("modifiers") or w in lexicon.word_set("places") or w in lexicon.word_set("name_words"):
        return True  # name_words: words of names jieba reads as times (青年/t)
    if _TIME_CHARS.search(_without_name_words(w)) or w.isdigit() or (len(w) >= 2 and w.endswith("于")):
        return False  # 致力于, 有助于: a verb and its preposition, whatever class jieba gives
    if w in lexicon.word_set("stop_words") or (_holds_stop(w) and not _kind_ending(w, len(w))):
        return False  # but 保障局, 服务中心: a word ending in a kind is a name's
    # 活动中心/l: a word ending in a kind is a name's, whatever class jieba
    # gives it (not a verb ending in a one-character kind: 举办, 承办)
    return tag in _NAME_TAGS or (len(_kind_ending(w, len(w))) >= 2 and not lexicon.ends_in(w, "not_org"))


def _without_name_words(w: str) -> str:
    """青年志愿者协会 holds 年 as a name's, not a date's."""
    for nw in lexicon.word_set("name_words"):
        if nw in w:
            w = w.replace(nw, "")
    return w


@lru_cache(maxsize=8192)
def _holds_stop(w: str) -> bool:
    """A stop word, or a word jieba glued to one (定期检查, 充分发挥: jieba's
    word classes call them nouns)."""
    return w in lexicon.word_set("stop_words") or bool(_glued_stop().search(w))


@lru_cache(maxsize=1)
def _glued_stop() -> re.Pattern[str]:
    long_stops = lexicon.alternation([x for x in lexicon.words()["stop_words"] if len(x) >= 2])
    return re.compile(rf"^(?:{long_stops}).|.(?:{long_stops})$")


def _one_char_kind(word: tuple[int, str, str], words: list[tuple[int, int, str, str]], out: list[str]) -> bool:
    """A one-character kind ends a name at the end of a word of three
    characters (教育局), or standing alone after two characters a name may
    hold (卫生健康|局) or after a verb that names an office's work (扶贫|办)."""
    a, w, tag = word
    if len(w) >= 3:
        return True
    if len(w) != 1 or a < 2:
        return False
    if all(c in "ng" for c in out[a - 2 : a]):
        return True
    before = next((x for x in words if x[1] == a), None)
    return before is not None and len(before[2]) >= 2 and before[3].startswith("v") and w in lexicon.word_set("office_chars")


def _split_compound(e: int, words: list[tuple[int, int, str, str]], out: list[str]) -> bool:
    """A one-character kind that jieba cut from a compound it does not know
    (抓住|科|创|城): a one-character noun follows it without a break."""
    nxt = next((x for x in words if x[0] == e), None)
    return nxt is not None and len(nxt[2]) == 1 and out[e] == "n" and nxt[3].startswith("n")


def _words(s: str) -> list[tuple[int, int, str, str]]:
    """jieba's words of `s` with their classes: (start, end, word, tag)."""
    from extractor.hanzi import posseg

    out, at = [], 0
    for w, tag in posseg(s):
        out.append((at, at + len(w), w, tag))
        at += len(w)
    return out


def rule_candidates(s: str, marks: str | None = None) -> list[Candidate]:
    """Every span the patterns find in `s` (the reading view of a text;
    `marks` its class string, when already read)."""
    marks = marks if marks is not None else classes(s)
    found: dict[int, int] = {}  # end → the leftmost start: the longest reading wins
    for pattern in _patterns():
        for m in pattern.finditer(marks):
            a, b = _balanced_start(s, m.start(), m.end()), m.end()
            found[b] = min(found.get(b, b), a)
    out = []
    for b, a in sorted(found.items()):
        if out and a < out[-1].end:  # a name inside a longer one
            continue
        if b < len(s) and s[b] == "”" and "“" in s[a:b]:
            b += 1  # 村“两委”: the quote closes on the name
        out.append(Candidate(a, b, _strength(s[a:b]) if marks[b - 1] == "w" else "strong"))
    return out


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
    close = s.rfind("”", start, b)
    if close >= 0 and "“" not in s[start:close]:
        start = close + 1  # …乐业在江淮”工会: the end of a slogan, not of a name
    if s[start] == "“" and "”" not in s[start:b]:
        start += 1  # “葵涌工会”: the quote is around the name, not in it
    return start


def windows(marks: str, before: int = 24, after: int = 4) -> list[tuple[int, int]]:
    """Stretches of text around every place a kind of organisation ends,
    merged where they touch: where the model looks for names."""
    out: list[tuple[int, int]] = []
    for e, c in enumerate(marks):
        if c not in "kw":
            continue
        a, b = max(0, e - before), min(len(marks), e + 1 + after)
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out
