"""A plan's lines → its outline tree.

Labels are recognised by kind (第一部分, 一、, （一）, month headings, 1.,
第一，, （1）, ①, bullets); Word's automatic labels take part exactly like
typed ones. Nesting follows the customary order of the kinds, compressed to
the kinds a plan uses, so a plan whose top level is （一） or 1. still gets
level 1 there. A heading that runs into its paragraph ("一、A。一是…") has
the title A and the rest is body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from extractor import timex
from extractor.clean import Line
from extractor.hanzi import to_simplified, words_of
from extractor.lexicon import ADDRESSEE, ITEM_RANK, KIND_RANK, Label, cn_number, word_regex
from extractor.lexicon import parse_label as parse_structural_label
from extractor.orgs import org_at_end
from models import Section

_MONTH_WORD = r"(?:[一二三四五六七八九十元正]{1,3}|\d{1,2})"
_MONTH_HEAD = re.compile(
    # "七、八月", "七月、八月", "9月至10月份"
    rf"^((?:{_MONTH_WORD}(?:\s*月份?)?\s*[、,，至\-—–~－]\s*)*{_MONTH_WORD}\s*月份?(?:上旬|中旬|下旬)?)\s*(?:[:：]\s*(.*))?$"
)
# a line that is only a part of the year ("第一季度", "下半年：") heads the months
# in it; "全年常规工作" heads work of no one month, and closes the one above
_PERIOD_HEAD = re.compile(
    r"^((?:第?[一二三四1-4]季度|[上下]半年|年初|年中|年底|年末|[春夏秋冬]季|寒假|暑假|暑期|(?:全年|常年|日常)(?:常规|重点)?(?:工作|活动)?)"
    r"(?:[（(][^)）]{1,12}[)）])?)\s*(?:[:：]\s*(.*))?$"
)
# a school plan's weeks: "第五至六周（3.13—3.26）：…" — like a month entry
_WEEK_HEAD = re.compile(
    r"^(第[一二三四五六七八九十\d]{1,3}(?:\s*[至到\-—~、]\s*[一二三四五六七八九十\d]{1,3})?\s*周"
    r"(?:\s*[（(][^)）]{1,20}[)）]|\s+[\d/.\-月日号]{3,12}\s*[~～至到—–\-]{1,2}\s*[\d/.\-月日号]{2,12})?)\s*(?:[:：]\s*(.*))?$"
)
MONTH_RANK = 2.5
PERIOD_RANK = 2.4
WEEK_RANK = 2.6  # weeks nest in months
TIME_KINDS = ("month", "period", "week")


def parse_label(text: str) -> Label | None:
    """The label a line opens with. Traditional writing (第3週) is read on a
    simplified copy of the same length; the label keeps the line's own text."""
    folded = to_simplified(text)
    lab = _parse_simplified(folded)
    if lab is None or folded == text:
        return lab
    start = folded.find(lab.text)
    rest_at = folded.rfind(lab.rest) if lab.rest else len(text)
    return Label(text[start : start + len(lab.text)], lab.kind, lab.rank, lab.value, text[rest_at : rest_at + len(lab.rest)])


# a short year before a month heading, as a calendar crossing into the next
# year writes it ("一一年一月", "11年元月"); a full year and month alone on a
# line is a date, the value of a field above it ("活动时间 / 2020年12月")
_YEAR_BEFORE_MONTH = re.compile(r"^(?:\d{2}|[〇零○一二三四五六七八九]{2})\s*年\s*(?=\S)")


def _parse_simplified(text: str) -> Label | None:
    y = _YEAR_BEFORE_MONTH.match(text)
    at = y.end() if y else 0
    m = _MONTH_HEAD.match(text[at:])
    if m and _plain_month(m.group(1)):
        return Label(text[: at + m.end(1)], "month", MONTH_RANK, None, (m.group(2) or "").strip())
    dated = _dated_entry(text)
    if dated:
        return dated
    m = _WEEK_HEAD.match(text)
    if m:
        return Label(m.group(1), "week", WEEK_RANK, None, (m.group(2) or "").strip())
    m = _PERIOD_HEAD.match(text)
    if m:
        return Label(m.group(1), "period", PERIOD_RANK, None, (m.group(2) or "").strip())
    return parse_structural_label(text)


_DAYTIME = re.compile(r"\s*(?:上午|下午|晚上|中午|全天|晚|早)?\s*[:：]")


def _dated_entry(text: str) -> Label | None:
    """"2023年5月15日上午：开展…", "3月8日：…": a date and a colon open an entry."""
    if not re.match(r"(?:19|20)?\d", text):
        return None
    found = timex.find_times(text[:24])
    first = found[0] if found else None
    if first is None or first.start != 0 or first.kind not in ("date", "month", "range", "deadline") or not first.months:
        return None
    m = _DAYTIME.match(text, first.end)
    if not m:
        return None
    return Label(text[: m.end()].rstrip(":： "), "month", MONTH_RANK, None, text[m.end() :].strip())


def _plain_month(s: str) -> bool:
    nums = re.findall(_MONTH_WORD, s)
    for n in nums:
        v = int(n) if n.isdigit() else ({"元": 1, "正": 1}.get(n) or cn_number(n))
        if not v or not 1 <= v <= 12:
            return False
    return True


@dataclass
class Node:
    label: Label | None  # None for the root
    line: Line | None = None
    content: list[Line] = field(default_factory=list)  # unlabeled paragraphs and tables
    children: list[Node] = field(default_factory=list)
    is_entry: bool = False  # a month line that is itself a task ("三月：组织…。")

    @property
    def rank(self) -> float:
        return self.label.rank if self.label else -1

    @property
    def title(self) -> str:
        lab = self.label
        if lab is None:
            return ""
        if lab.kind in TIME_KINDS:
            return heading_title(lab.rest) if lab.rest else lab.text
        return heading_title(lab.rest)

    @property
    def own_text(self) -> str:
        """The heading line without its label."""
        return self.label.rest if self.label else ""

    def walk(self):
        yield self
        for c in self.children:
            yield from c.walk()


def heading_title(rest: str) -> str:
    """The title of a heading that may run into its paragraph: the text
    before the first 。：；！？ (when something stands before it)."""
    m = re.search(r"[。：:；;！!？?]", rest)
    if m and m.start() > 0:
        return rest[: m.start()].strip()
    return rest.strip()


def line_label(line: Line) -> Label | None:
    if line.is_table:
        return None
    if line.label:  # Word's automatic numbering
        lab = parse_label(line.label + line.text)
        if lab:
            return lab
        return Label(line.label, "auto", 3 + (line.list_level or 0), None, line.text)
    return parse_label(line.text)


def build_tree(lines: list[Line]) -> Node:
    root = Node(label=None)
    stack = [root]
    labels = _times_above_restarts(_ordinal_paragraphs(lines, [line_label(ln) for ln in lines]))
    for i, (line, lab) in enumerate(zip(lines, labels)):
        nxt = labels[i + 1] if i + 1 < len(labels) else None
        colon = colon_heading(line, nxt, opening=not root.children) if lab is None else None
        if lab is None and colon is None and (_form_opened(root, stack) or _form_opening(root, stack, lines, i)):
            colon = _form_field(line)
            if colon and any(c.title == colon[0] for c in root.children):
                colon = None  # a form names each field once: "负责人：" thrice is a list
        if lab is None and colon is None:
            if _ends_time_scope(line, stack[-1]):
                # a time heading bounds the items under it, not a later table
                # or a new part that an introduction opens ("…安排如下：")
                while len(stack) > 1 and stack[-1].label.kind in TIME_KINDS:
                    stack.pop()
            stack[-1].content.append(line)
            continue
        if colon is not None:
            # an unnumbered heading ("具体工作：") sits just inside the heading
            # that holds it, so it closes any item list above it and holds the
            # items below it, whatever kinds the plan numbers them with; in a
            # plan whose top level is items it belongs to its item
            holder = next(
                n for n in reversed(stack) if n.label is None or (n.rank < ITEM_RANK and n.label.kind != "colon")
            )
            if holder is root and len(stack) > 1 and stack[1].rank >= ITEM_RANK:
                holder = stack[1]  # items are the plan's top level: the heading is part of one
            title, rest = colon
            lab = Label("", "colon", holder.rank + 0.1, None, rest)
        node = Node(label=lab, line=line)
        if lab.kind in TIME_KINDS:
            node.is_entry = not _month_heading(lab, labels[i + 1] if i + 1 < len(labels) else None)
        while len(stack) > 1 and stack[-1].rank >= lab.rank:
            stack.pop()
        stack[-1].children.append(node)
        if not (lab.kind == "colon" and heading_title(lab.rest) != lab.rest.rstrip(":：")):
            stack.append(node)  # a run-in heading ("指导思想：以…") holds its own line only
    return root


_SHI = re.compile(r"^([一二三四五六七八九十]{1,2})是(?![的否])\s*")


def _ordinal_paragraphs(lines: list[Line], labels: list[Label | None]) -> list[Label | None]:
    """A plan with no other outline whose paragraphs open with 一是, 二是,
    三是… in order: those are its sections. (Under numbered headings they
    are the body's enumeration, read by the tasks stage.)"""
    if any(lab is not None for lab in labels):
        return labels
    found = [(i, m) for i, (ln, lab) in enumerate(zip(lines, labels))
             if lab is None and not ln.is_table and (m := _SHI.match(ln.text))]
    values = [cn_number(m.group(1)) for _, m in found]
    if len(found) < 2 or values[:2] != [1, 2]:
        return labels
    out = list(labels)
    expected = 1
    for (i, m), v in zip(found, values):
        if v != expected:
            break
        out[i] = Label(m.group(0).strip(), "ordinal", KIND_RANK["ordinal"], v, lines[i].text[m.end() :])
        expected += 1
    return out


def _times_above_restarts(labels: list[Label | None]) -> list[Label | None]:
    """A calendar whose items are numbered afresh under each month ("5月 /
    一、… 二、… / 6月 / 一、…"): the months hold the items, whatever rank
    their kinds have elsewhere. Told by the numbering starting over right
    after a time heading, at least twice."""
    restarts: dict[str, int] = {}
    seen: set[str] = set()
    for a, b in zip(labels, labels[1:]):
        if b is not None and b.kind not in TIME_KINDS and b.value == 1 and b.kind in seen and a is not None and a.kind in TIME_KINDS:
            restarts[b.kind] = restarts.get(b.kind, 0) + 1
        if a is not None:
            seen.add(a.kind)
    kinds = [k for k, n in restarts.items() if n >= 2]
    if not kinds:
        return labels
    top = min(lab.rank for lab in labels if lab is not None and lab.kind in kinds)
    return [
        replace(lab, rank=top - 0.5) if lab is not None and lab.kind in TIME_KINDS and lab.rank >= top else lab
        for lab in labels
    ]


def _form_opened(root: Node, stack: list[Node]) -> bool:
    """The plan opens as a form: its top so far is unnumbered headings
    ("活动目的：…" then "活动时间：…", "活动对象：…", "活动内容：")."""
    return bool(root.children) and all(c.label.kind == "colon" for c in root.children) and (
        len(stack) == 1 or (len(stack) == 2 and stack[1].label.kind == "colon")
    )


def _form_opening(root: Node, stack: list[Node], lines: list[Line], i: int) -> bool:
    """Nothing heads the plan yet: two different fields in a row open it as
    a form, right under its opening words (an excerpt's stray fields further
    down open nothing)."""
    if root.children or len(stack) != 1 or i + 1 >= len(lines) or i > 3:
        return False
    this, nxt = _form_field(lines[i]), _form_field(lines[i + 1])
    return bool(this and nxt and this[0] != nxt[0])


_FORM_FIELD = re.compile(r"^([\u4e00-\u9fff]{2,8})\s*[:：]")


def _form_field(line: Line) -> tuple[str, str] | None:
    """A further field of a form-like plan's top (活动时间：4月21日至27日,
    活动负责人：…): a heading there, though the same words inside an item are
    that item's fields."""
    if line.is_table or line.label:
        return None
    t = line.text.strip()
    m = _FORM_FIELD.match(words_of(t))
    if not m or len(t) > 80 or not (_FIELD.match(m.group(1)) or re.search(r"(?:人员|负责人|对象|单位|目的|意义)$", m.group(1))):
        return None
    return m.group(1), t


def _ends_time_scope(line: Line, open_node: Node) -> bool:
    if open_node.label is None or open_node.label.kind not in TIME_KINDS:
        return False
    if line.is_table:  # a table right under "三月份：" is March's
        return bool(open_node.content or open_node.children or open_node.is_entry)
    t = line.text.strip()
    return len(t) > 15 and bool(_INTRO.search(t))


# field names of a record ("时间：3月5日", "地点：…"): a record's parts, no headings
# ("演练时间：", "比赛地点：" name the same fields of another kind of event)
_FIELD = re.compile(
    r"^(?:活动)?(?:时间|地点|对象|名称|主题|形式|内容|负责人?|责任人|联系人|主办|承办|协办|参加对象|参加人员|参加人|要求|备注|预算)$"
    r"|^[\u4e00-\u9fff]{1,4}(?:时间|地点|地址|对象|人员)$"
)
_INTRO = re.compile(r"如下|以下|下列|如次|具体是")


def colon_heading(line: Line, nxt: Label | None = None, opening: bool = False) -> tuple[str, str] | None:
    """An unnumbered heading: a short line ending in a colon ("具体工作：",
    "全年主要工作安排:"), a known section word running into its paragraph
    ("指导思想：以…为指导"), or a short bare line over a list of items
    ("第二季度重点工作" / "1、…"). Returns (title, the line's text)."""
    if line.is_table or line.label:
        return None
    t = line.text.strip()
    if ADDRESSEE.match(t):
        return None
    words = words_of(t)
    bare = re.sub(r"[（(][^（()）]*[)）]", "", words)  # "…文化节(3月——5月)": a bracket adds no length
    if nxt is not None and nxt.rank >= ITEM_RANK and 2 <= len(bare) <= 24 and not re.search(r"[，,。；;：:！!？?、]", words):
        return words, t
    m = re.match(r"^([^：:]{2,25})[:：]", words)
    if not m:
        return None
    head = m.group(1).strip()
    if re.search(r"[，,。；;！!？?、“”《》（）()]", head) or _INTRO.search(head) or _FIELD.match(head):
        return None
    standalone = not words[m.end() :].strip()
    if opening and standalone and nxt is None and org_at_end(head) == head:
        return None  # "机关所属党支部：" opening the text over prose: whom a notice addresses
    if standalone or word_regex("section_heads").fullmatch(head):
        return head, t
    return None


def _month_heading(lab: Label, nxt: Label | None) -> bool:
    """"十月：深深爱国情" over a list is a heading; "三月：召开…。" is an entry."""
    rest = lab.rest
    if not rest:
        return True
    has_children = nxt is not None and nxt.rank > lab.rank
    return has_children and len(rest) <= 15 and not re.search(r"[。；;]", rest)


def top_nodes(root: Node) -> list[Node]:
    """The plan's top-level sections: the unnumbered headings at the top, and
    the root children of the highest-ranked numbered kind, provided their
    numbering runs on (a kind that restarts at 1 with no higher label between
    lost its parents: no sections then)."""
    kids = [c for c in root.children if c.label]
    numbered = _top_numbered([c for c in kids if c.label.kind != "colon"])
    return [c for c in kids if c.label.kind == "colon" or c in numbered]


def _top_numbered(kids: list[Node]) -> list[Node]:
    if not kids:
        return []
    top_rank = min(c.rank for c in kids)
    top = [c for c in kids if c.rank == top_rank]
    if top[0].label.kind in ("month", "week") and not any(c.label.rest and not c.is_entry for c in top):
        # bare months or weeks ("一月", "第3周 03-01 ~ 03-07") make a calendar,
        # not an outline: they are its tasks' times; a month with a theme
        # ("十月：深深爱国情") heads a section
        return []
    if top[0].label.kind == "bullet":
        return []
    values = [c.label.value for c in top if c.label.value is not None]
    if any(b < a for a, b in zip(values, values[1:])):  # a repeated number (五、五、) is a typo, a restart lost its parents
        restart = next(k for k, (a, b) in enumerate(zip(top, top[1:])) if b.label.value is not None and a.label.value is not None and b.label.value < a.label.value)
        first, later = top[: restart + 1], top[restart + 1 :]
        # "一 活动目的: … 四 活动要求:" then "一、成立…领导小组": another plan's
        # numbering, in another style, after a whole run from 1
        if first[0].label.value == 1 and later and later[0].label.value == 1 and later[0].label.text != first[0].label.text and len(first) >= 3:
            return [c for c in first if not c.is_entry]
        return []
    # before the first top section, lower-kind items are a preamble (an
    # excerpt's leftovers); after it they cannot stand at the top
    return [c for c in top if not c.is_entry]


def _is_heading(node: Node) -> bool:
    return bool(node.children) or bool(node.content)


def to_sections(root: Node) -> list[Section]:
    def conv(node: Node, level: int) -> Section:
        return Section(
            label=node.label.text if node.label else "",
            title=node.title,
            level=level,
            children=[conv(c, level + 1) for c in node.children if _is_heading(c) and not c.is_entry],
        )

    return [conv(n, 1) for n in top_nodes(root)]
