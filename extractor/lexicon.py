"""One owner for what every stage must agree on: numbers written in Chinese,
the grammar of outline labels, and the words that name plans, sections and
table columns (those words live in data/lexicon.json).

Cleaning decides where a paragraph starts from the same label grammar the
outline nests by, the schedule strips from table cells, and the tasks split
enumerations with; a label form added here reaches all of them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

# --- numbers ------------------------------------------------------------------

CN_DIGITS = "一二三四五六七八九"
_CN_ZERO = "〇零○"
_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")


def cn_number(s: str) -> int | None:
    """一..九十九 in canonical writing; None for strings like 五一 that are
    festivals or codes, not ordinals."""
    m = re.fullmatch(rf"([{CN_DIGITS}]?)(十?)([{CN_DIGITS}]?)", s)
    if not m or not s:
        return None
    tens, ten, ones = m.groups()
    if tens and not ten:
        return None if ones else CN_DIGITS.index(tens) + 1
    value = (CN_DIGITS.index(tens) + 1 if tens else 1) * 10 if ten else 0
    return value + (CN_DIGITS.index(ones) + 1 if ones else 0)


def to_int(tok: str) -> int | None:
    """A number in Arabic (also full-width) or Chinese numerals: 12, １２,
    十二, 廿三, 两; digit strings (二〇二四) read digit by digit."""
    tok = re.sub(r"\s", "", tok).translate(_FULLWIDTH)
    if not tok:
        return None
    if tok.isdigit():
        return int(tok)
    if tok.startswith("廿"):
        rest = to_int(tok[1:]) if len(tok) > 1 else 0
        return None if rest is None else 20 + rest
    tok = tok.replace("两", "二")
    value = cn_number(tok)
    if value is not None:
        return value
    digits = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0}
    if all(c in digits for c in tok):
        return int("".join(str(digits[c]) for c in tok))
    return None


_CN_YEAR = re.compile(rf"[一二][{_CN_ZERO}一二三四五六七八九]{{3}}")


# Taiwan counts years from 1912 (民國114年, 114學年度 = 2025)
_ROC_YEAR = re.compile(r"(?:(?<=民国)|(?<=民國))\s*(\d{2,3})(?=\s*年)|(?<!\d)(1[01]\d)(?=\s*(?:学年|學年))")


def years_to_ascii(text: str) -> str:
    """二〇二四年 → 2024年 for years in Chinese numerals; 民國114年 and
    114學年度 → 2025 (Taiwan's era), so every year reads as four digits."""
    text = _CN_YEAR.sub(lambda m: str(to_int(m.group(0))), text)
    return _ROC_YEAR.sub(lambda m: str(1911 + int(m.group(1) or m.group(2))), text)


# whom a letter or notice addresses ("各乡镇人民政府，区政府各部门："): no heading
ADDRESSEE = re.compile(r"^各[^，。；]{1,60}[:：]$")


# --- outline labels -----------------------------------------------------------

_CN = r"[一二三四五六七八九十]{1,3}"
_NUM = r"[0-9０-９]{1,2}"
# what may follow the number of an item: "1、", "1.", "1．", "1，" — but not a
# decimal ("1.5") nor a list of numbers ("1，2月"); "1.3月份…" and "2.5·12…"
# are item 1 and 2 followed by a date
NUM_MARK = (
    r"(?:、|[，,](?![0-9０-９])|[．.](?![0-9０-９])"
    r"|[．.](?=\d{1,2}\s*(?:(?:[—\-~至、]\s*\d{1,2}\s*)?月|[·•・]\d)))"
)
_CN_MARK = r"(?:\s*[、，,．.：:]|[ \t\u3000]+(?=[\u4e00-\u9fff“《]))"
# ⑴..⒇ and ⒈..⒛ are single code points that some editors write for (1) and 1.
_PAREN_DIGITS = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
_DOT_DIGITS = "⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑⒒⒓⒔⒕⒖⒗⒘⒙⒚⒛"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
BULLETS = "-•·●▪■◆◇□◎★☆→►"  # not ○: it is a zero in 二○二四

# (kind, rank, pattern with the number in the first non-empty group). A lower
# rank nests outside a higher one: the customary order of Chinese documents.
LABEL_KINDS: tuple[tuple[str, float, re.Pattern[str]], ...] = (
    ("part", 0, re.compile(rf"^第({_CN}|{_NUM}|百)\s*(?:部分|章|篇|节)\s*[、，,．.：:]?\s*")),
    ("article", 1, re.compile(rf"^第({_CN}|{_NUM})\s*条\s*[、，,．.：:]?\s*")),
    # "主题一·…", "专题二：…", "活动三、…": a part named by a word and its number
    ("theme", 0.5, re.compile(rf"^(?:主题|专题|板块|模块|活动|任务|项目)({_CN})\s*[·•・.．:：、 \t\u3000]\s*")),
    ("cn", 1, re.compile(rf"^({_CN}){_CN_MARK}\s*")),
    ("roman", 1, re.compile(r"^([ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ])\s*[、，,．.：:]?\s*")),
    ("pcn", 2, re.compile(rf"^[（(]\s*({_CN})\s*[）)]\s*[、，,．.]?\s*")),
    ("num", 3, re.compile(rf"^({_NUM})\s*{NUM_MARK}\s*|^([{_DOT_DIGITS}])\s*")),
    ("ordinal", 3.5, re.compile(rf"^(第{_CN})\s*[，,、：:]\s*")),
    ("alpha", 3.5, re.compile(r"^([A-Z])\s*[、．.](?![A-Za-z0-9])\s*")),
    ("pnum", 4, re.compile(rf"^(?:[（(]\s*({_NUM})\s*[）)]|({_NUM})[)）]|([{_PAREN_DIGITS}]))\s*")),
    ("circ", 5, re.compile(rf"^([{_CIRCLED}])\s*")),
    ("bullet", 6, re.compile(rf"^([{re.escape(BULLETS)}])\s*")),
)
KIND_RANK = {kind: rank for kind, rank, _ in LABEL_KINDS}
ITEM_RANK = 3  # 1. and deeper: list items rather than headings


@dataclass(frozen=True)
class Label:
    text: str  # the label as written ("一、", "（二）", "三月")
    kind: str
    rank: float
    value: int | None
    rest: str  # the line's text after the label


def _value(kind: str, raw: str) -> int | None:
    if raw in _CIRCLED:
        return _CIRCLED.index(raw) + 1
    if raw in _PAREN_DIGITS:
        return _PAREN_DIGITS.index(raw) + 1
    if raw in _DOT_DIGITS:
        return _DOT_DIGITS.index(raw) + 1
    if kind == "bullet":
        return None
    if kind == "alpha":
        return ord(raw) - ord("A") + 1
    if kind == "roman":
        return ord(raw) - ord("Ⅰ") + 1
    raw = raw.removeprefix("第").translate(_FULLWIDTH)
    return int(raw) if raw.isdigit() else cn_number(raw)


def parse_label(text: str) -> Label | None:
    """The structural label a line starts with (一、 （二） 3. ④ 第一， …), or None.
    Time headings (三月份：, 第一季度) are the outline's business: it reads
    them with the time grammar."""
    for kind, rank, pat in LABEL_KINDS:
        m = pat.match(text)
        if not m:
            continue
        raw = next((g for g in m.groups() if g), "")
        value = _value(kind, raw)
        if kind not in ("bullet",) and value is None:
            continue  # 五一、 is a festival, not a label
        if kind == "bullet" and raw in "-·" and not text[m.end() - 1 : m.end()].isspace():
            continue  # "-3" or "·" glued to a word is no bullet
        rest = text[m.end() :].strip()
        return Label(m.group(0).strip(), kind, rank, value, rest)
    return None


def starts_label(text: str) -> bool:
    """A line that starts a new paragraph whatever its geometry: a label, or
    a dash that opens a subtitle."""
    return parse_label(text.lstrip()) is not None or text.lstrip().startswith("——")


# --- labels inside a line ------------------------------------------------------
#
# Pages that lost their line breaks ("…新作贡献。二、活动主题感恩图自强三、活动
# 内容(一)举行…") and cells that hold a list keep their labels inside a line.
# A label there starts a new paragraph when it follows a finished sentence, when
# it opens a list after a colon (1. after "主要内容："), or when it continues the
# numbering of its kind (三、 after 二、): the sequence is what tells a label from
# a number in a sentence ("组织一、二年级", "共1、2期").

_INLINE_CANDIDATE = re.compile(
    rf"{_CN}[、.．]|[（(]\s*{_CN}\s*[）)]|{_NUM}\s*{NUM_MARK}|[（(]\s*{_NUM}\s*[）)]|(?<![\d（(]){_NUM}[)）]|[{_CIRCLED}]"
)
_AFTER_SENTENCE = re.compile(r"[。；;!！?？][,，]?\s*$")
# a number run into the words after it, not a count of something (4个, 5月, 3名)
_BARE_NUMBER = re.compile(r"(?<![\d.．])(\d{1,2})(?=[\u4e00-\u9fff])(?![\d]*[个月日号年名次人项天周届岁分元万米点条所家期批场篇份张本节课位组班级])")
_MONTH_LABEL = re.compile(
    rf"(?:(?:19|20)\d{{2}}\s*年\s*)?(?:{_NUM}|[一二三四五六七八九十]{{1,2}})\s*月份?"
    r"(?:\s*\d{1,2}\s*[日号](?:\s*(?:上午|下午|晚上))?)?\s*[:：]"
)
_LIST_WORDS = "、，,和及与或至到-—~"


class LabelSequence:
    """The last number seen of each label kind, read line by line, so that a
    label inside a line is accepted when it continues its kind's numbering."""

    def __init__(self) -> None:
        self.last: dict[str, int] = {}

    def see(self, label: Label) -> None:
        if label.value is None:
            return
        self.last[label.kind] = label.value
        for kind, rank, _ in LABEL_KINDS:  # a new heading restarts the kinds below it
            if rank > label.rank:
                self.last[kind] = 0

    def split_points(self, text: str) -> list[int]:
        """Offsets in `text` where a label inside it starts a new paragraph
        (the line's own leading label is seen, not returned)."""
        lead = parse_label(text)
        if lead:
            self.see(lead)
        points: list[int] = []
        # a number with no mark after a finished sentence that goes on from
        # the last item ("3.…见习活动。 4教学部门组织…"): a label whose dot was
        # lost; read in order with the marked ones, since each moves the count
        bare = {m.start(): int(m.group(1)) for m in _BARE_NUMBER.finditer(text)}
        marked = {m.start(): m for m in _INLINE_CANDIDATE.finditer(text)}
        for at in sorted(bare.keys() | marked.keys()):
            if at == 0 or (points and at - points[-1] < 4):
                continue
            if at not in marked:
                if self.last.get("num") == bare[at] - 1 and _AFTER_SENTENCE.search(text[:at]):
                    points.append(at)
                    self.last["num"] = bare[at]
                continue
            lab = parse_label(text[at:])
            if lab is None or lab.value is None:
                continue
            before = text[:at].rstrip()
            after_sentence = bool(_AFTER_SENTENCE.search(text[:at]))
            # away from a sentence end a label must be followed by words, not a number
            worded = re.match(r"[\u4e00-\u9fff“《「（(]", lab.rest or "x") is not None
            if lab.kind == "cn" and lab.text.rstrip()[-1:] in ".．" and re.match(r"[一二三四五六七八九十]", lab.rest):
                continue  # 三.八, 五.一: a festival's date, no label
            opens_list = worded and lab.value == 1 and before.endswith((":", "："))
            follows = (
                worded
                and self.last.get(lab.kind) is not None
                and lab.value == self.last[lab.kind] + 1
                and before[-1:] not in _LIST_WORDS
                and not before[-1:].isdigit()
            )
            if after_sentence or opens_list or follows:
                points.append(at)
                self.see(lab)
        # a month heading after a sentence: "9月份：A。 10月份：B。"; a dated
        # entry after another: "…上午：开展咨询活动2023年5月15日下午：开展讲座"
        dated = {m.start() for m in _MONTH_LABEL.finditer(text) if "日" in m.group() or "号" in m.group()}
        for m in _MONTH_LABEL.finditer(text):
            at = m.start()
            if at and (
                _AFTER_SENTENCE.search(text[:at])
                or re.search(r"[，,]\s+$|\s{2,}$", text[:at])
                or re.search(r"[^\d\s]\s*[:：]\s+$", text[:at])  # "每月主要工作: 二月份:(1—2周) 1、…"
                or (len(dated) >= 2 and at in dated and not text[at - 1].isdigit())
            ):
                points.append(at)
        return sorted(set(points))


# "一是…二是…": an enumeration inside a paragraph
ENUM = re.compile(r"(?:(?<=[。；;，,：:\s])|^)([一二三四五六七八九十])是")


def strip_label(text: str) -> str:
    """The text of an item without its label ("1、组织…" → "组织…")."""
    lab = parse_label(text.strip())
    return lab.rest if lab else text.strip()


# --- words ----------------------------------------------------------------------


@lru_cache(maxsize=1)
def words() -> dict:
    return json.loads(resources.files("extractor.data").joinpath("lexicon.json").read_text(encoding="utf-8"))


def alternation(items: list[str]) -> str:
    """A regex alternation of literal words, longest first."""
    return "|".join(re.escape(w) for w in sorted(set(items), key=len, reverse=True))


@cache
def word_regex(key: str) -> re.Pattern[str]:
    """The words listed under `key` in lexicon.json (a dotted path), as one regex."""
    node = words()
    for part in key.split("."):
        node = node[part]
    return re.compile(alternation(node))
