"""Outline → objectives and tasks, each task with the months it admits.

A task is one actionable item: a leaf of the outline, one clause of an
inline enumeration (一是…；二是…), one entry of a month list ("三月：…",
split at ；), one record of "活动名称/时间" fields, or one row of a schedule
table. A leaf whose sentences name different times is split at them, so
that "上半年试点，下半年推广" gives two tasks with their own months.

Months come from the task's own time expression and from the nearest
heading above it that names a time (a month heading, "（时间：二月）", a
quarter); where both exist their overlap is kept, since the heading bounds
the task and the task's words can only narrow it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from extractor import timex
from extractor.clean import Line
from extractor.hanzi import posseg, to_simplified, words_of
from extractor.lexicon import ENUM, ITEM_RANK, word_regex, words
from extractor.orgs import org_at_end
from extractor.plans import ANNEX, is_title
from extractor.outline import TIME_KINDS, Node, heading_title
from extractor.schedule import table_tasks
from models import Objective

_OBJECTIVE_HEAD = word_regex("objective_heads")
_COLUMN_WORDS = words()["columns"]
_FRAME_HEAD = re.compile(rf"(?:{word_regex('frame_heads').pattern})\s*[:：]?\s*$")
# "时间：3月5日" as a field of an item; glued to the words before it only when
# a date follows ("…庆祝大会时间:2010年3月3日地点:…", a page without line breaks)
_FIELD_TIME = re.compile(
    r"(?:(?:^|(?<=[（(；;。\s]))\s*(?:时间|完成时限|完成时间|时间安排|活动时间)|时间(?=[:：]\s*(?:\d|[一二三四五六七八九十元正]{1,2}月)))"
    r"\s*[:：]\s*([^）)；;。，,]*)[）)]?"
)
_RECORD_START = re.compile(r"^(?:活动名称|活动主题|活动项目|项目名称|名称|主题)\s*[:：]")
# a field of a record: "时间：…", "演练地点：…", "实施单位：…", "参加对象：…"
_RECORD_FIELD = re.compile(
    r"^[\u4e00-\u9fff]{0,4}(?:时间|时限|日期|地点|对象|单位|部门|人员|内容|形式|科目|要求|主题|名称|负责人?|责任人|备注|预算|方式|承办|主办|协办|指导|牵头|配合)\s*[:：]"
)
_FRAME = re.compile(r"^\s*(?:以|借|值|趁|结合|围绕|在|利用).{0,30}(?:契机|为主题|为载体|之际|为抓手|为重点|为核心|为主线)\s*[，,]\s*$")
_SENTENCE = re.compile(r"[^。！？；;!?]*[。！？；;!?]?")


@dataclass
class TaskDraft:
    text: str
    section_path: list[str]
    months: list[int] = field(default_factory=list)
    time_text: str | None = None
    bodies: list[tuple[str, str]] = field(default_factory=list)  # (name, role) from table columns


@dataclass
class _Ctx:
    months: list[int]
    text: str
    # a plan's own time (its title) bounds its work less firmly than a
    # heading: a task naming another month (the preparation the month
    # before) keeps it
    soft: bool = False


def _own_time(text: str, year: int | None) -> tuple[list[int], str | None]:
    """A task's own months: an explicit "时间：…" field wins over words in the text."""
    # sentences telling of last year say nothing of this plan's months
    text = "".join(x for x in _SENTENCE.findall(text) if not timex.looks_back(x, year) and not timex.tells_done(x))
    if not text.strip():
        return [], None
    m = _FIELD_TIME.search(text)
    if m and m.group(1).strip():
        months, tt = timex.months_of(m.group(1), year_context=year)
        if months or tt:
            return months, tt
    return timex.months_of(text, year_context=year)


def _resolve(own: tuple[list[int], str | None], ctx: _Ctx | None) -> tuple[list[int], str | None]:
    months, tt = own
    if ctx is None or not ctx.months:
        return months, tt
    if months:
        both = sorted(set(months) & set(ctx.months))
        if both:
            return both, tt
        if ctx.soft and not _SEASON.fullmatch(tt or ""):
            return months, tt  # a May plan's "6月5日召开…" is June's; its "秋季招生摸底" is May's work
    return list(ctx.months), tt if tt and not months else ctx.text


_SEASON = re.compile(r"[春夏秋冬][季天]")


def heading_time(node: Node, year: int | None) -> _Ctx | None:
    lab = node.label
    if lab is None:
        return None
    if lab.kind in TIME_KINDS:
        months = timex.parse_heading_time(lab.text, year_context=year) or []
        if not months:  # the dates in a week's brackets, "5月15日上午"
            months = timex.months_of(lab.text, year_context=year)[0]
        return _Ctx(months, lab.text) if months else None
    months, tt = _own_time(lab.rest if _FIELD_TIME.search(lab.rest) else heading_title(lab.rest), year)
    return _Ctx(months, tt or "") if months else None


def split_clauses(text: str, year: int | None, within: list[int] | None = None) -> list[str]:
    """One unit of text → the pieces that are tasks of their own. Times that
    all fall inside the heading's months (`within`) split nothing: every
    piece would get the same months."""
    if _FIELD_TIME.search(text):
        return [text]  # an item with its own time field is one task
    pieces = _split_enumeration(text)
    out: list[str] = []
    for p in pieces:
        out.extend(_split_by_time(p, year, within))
    return [p for p in (x.strip() for x in out) if p]


def _lead_time(text: str, year: int | None) -> _Ctx | None:
    """The month a paragraph of several sentences opens with ("9月聚焦…。…。")."""
    if len(_full_sentences(text)) < 2:
        return None
    first = timex.find_times(text[:16], year_context=year)
    if not first or first[0].start != 0 or first[0].kind not in ("month", "range") or not first[0].months:
        return None
    return _Ctx(list(first[0].months), first[0].text)


def _full_sentences(text: str) -> list[str]:
    """Sentences ended by 。！？; one that gives examples (例如…) belongs to the one before."""
    out: list[str] = []
    for sent in re.findall(r"[^。！？!?]*[。！？!?]?", text):
        if not sent.strip():
            continue
        if out and re.match(r"\s*(?:例如|比如|如[:：]|譬如)", to_simplified(sent)):
            out[-1] += sent
        else:
            out.append(sent)
    return out


def _split_enumeration(text: str) -> list[str]:
    """"…。一是A；二是B。" → ["…。", "一是A；", "二是B。"] when the ordinals run in order."""
    marks = [m for m in ENUM.finditer(text)]
    seq, want = [], 1
    for m in marks:
        if "一二三四五六七八九十".index(m.group(1)) + 1 == want:
            seq.append(m.start())
            want += 1
    if len(seq) < 2:
        return [text]
    cuts = [0, *seq, len(text)]
    return [text[a:b] for a, b in zip(cuts, cuts[1:]) if text[a:b].strip()]


def _narrow(months: list[int] | tuple[int, ...], within: list[int] | None) -> tuple[int, ...]:
    if not within:
        return tuple(months)
    both = tuple(sorted(set(months) & set(within)))
    return both or tuple(within)


def _split_by_time(text: str, year: int | None, within: list[int] | None = None) -> list[str]:
    sentences = [s for s in _SENTENCE.findall(text) if s.strip()]
    timed = [timex.months_of(s, year_context=year)[0] for s in sentences]
    distinct = {_narrow(m, within) for m in timed if m}
    # sentences that each name their own time are tasks of their own; under
    # a heading that names the time already, only where the times differ
    if len(distinct) >= 2 or (within is None and sum(1 for m in timed if m) >= 2):
        pieces: list[str] = []
        for s, m in zip(sentences, timed):
            if m or not pieces:
                pieces.append(s)
            else:
                pieces[-1] += s
        return [q for p in pieces for q in _split_sentence_by_time(p, year, within)]
    return _split_sentence_by_time(text, year, within)


def _split_sentence_by_time(sentence: str, year: int | None, within: list[int] | None = None) -> list[str]:
    """"上半年在A中试点，下半年推广至B" → two clauses, each with its time."""
    exprs = [e for e in timex.find_times(sentence, year_context=year) if e.months]
    if len({_narrow(e.months, within) for e in exprs}) < 2:
        return [sentence]
    respective = _split_respectively(sentence, exprs)
    if respective:
        return respective
    cuts = [0]
    for prev, e in zip(exprs, exprs[1:]):
        if e.months == prev.months:
            continue
        k = max(sentence.rfind(c, prev.end, e.start) for c in "，,；;")
        # words of work between the two times, not just 前夕和 / 期间、
        between = re.sub(r"[前后夕期间和及与节日至到]", "", sentence[prev.end : e.start])
        if k < 0 and len(re.findall(r"[\u4e00-\u9fff]", between)) >= 3:
            # "“三八”健步走、“迎国庆”红歌比赛": items of a list, each with its time
            # (but "元旦、春节" is one list of times)
            k = sentence.rfind("、", prev.end, e.start)
        if k > cuts[-1]:
            cuts.append(k + 1)
    cuts.append(len(sentence))
    pieces = [sentence[a:b] for a, b in zip(cuts, cuts[1:]) if sentence[a:b].strip()]
    # "以纪念五四运动为契机，4月下旬开展…": a frame is no task, it leads the next clause
    out: list[str] = []
    for p in pieces:
        if out and _FRAME.match(out[-1]):
            out[-1] += p
        else:
            out.append(p)
    return out


def _split_respectively(sentence: str, exprs: list) -> list[str] | None:
    """"五一和国庆期间分别举办A和B" → "五一…A", "国庆…B": 分别 pairs times and items."""
    k = sentence.find("分别")
    before = [e for e in exprs if e.end <= k]
    if k < 0 or len(before) < 2:
        return None
    parts = re.split(r"[和及与]", sentence[k + 2 :])
    if len(parts) != len(before):
        return None
    return [f"{e.text}{p}" for e, p in zip(before, parts)]


class TaskBuilder:
    def __init__(self, year: int | None, looked_back: str | None = None):
        self.year = year
        self.looked_back = looked_back  # the period a "总结和计划" title reviews
        self.tasks: list[TaskDraft] = []
        self.objectives: list[Objective] = []

    # -- entry -------------------------------------------------------------
    def run(self, root: Node, header: list[str]) -> None:
        ctx = plan_time(header, self.year) or notice_time(root.content, self.year)
        framed = ctx  # what dates the sections on how the work is run
        said = _time_section(root.children, self.year)
        if said is not None:  # "三、活动时间：2021年4月1日至4月30日" dates the plan's activity
            months, text = _resolve((said[1].months, said[1].text), ctx)
            ctx = _Ctx(months, text or said[1].text)
            if not _says_more(*said):
                root = Node(label=None, content=root.content, children=[c for c in root.children if c is not said[0]])
        outlined = any(c.label for c in root.children)
        for line in root.content:
            if line.is_table:
                self._table(line, [], ctx)
            elif outlined and not _announces(line.text, self.year, dated=said is not None):
                self.objectives.append(Objective(text=line.text, section_path=[]))
            else:
                self._unit(line.text, [], ctx)
        self._children(root, [], ctx, False, framed=framed if said is not None else ctx)

    def _children(self, node: Node, path: list[str], ctx: _Ctx | None, objective: bool, framed: _Ctx | None = None) -> None:
        for group in _records(node.children):
            if len(group) > 1:
                text = "；".join(g.own_text for g in group)
                self._unit(text, path + [group[0].label.text], ctx)
                continue
            # "活动时间：5月10日" dates the activity, not "六、注意事项" or "组织领导"
            # (how it is run); they keep only the plan's own time
            frame = not group[0].is_entry and _FRAME_HEAD.match(words_of(group[0].title))
            self._visit(group[0], path, framed if frame else ctx, objective)

    def _visit(self, node: Node, path: list[str], ctx: _Ctx | None, objective: bool) -> None:
        path = path + [node.label.text]
        objective = objective or _names_objectives(node)
        if self._reviews(node):
            return  # work done, told in a review: no task of this plan
        inner = _within(heading_time(node, self.year), ctx)
        said = _time_section(node.children, self.year)
        if said is not None:
            # "（一）活动时间 / 7月2日—9月2日" dates the section's other parts
            field, when = said
            inner = _within(when, inner)
            if not _says_more(field, when):
                node = _without_children(node, [c for c in node.children if c is not field])
        if objective:
            self._objectives(node, path, inner)
            return
        node = self._own_line(node, path, ctx, inner)
        named = _named_work(node) if node.rank < ITEM_RANK or self._titles_paragraph(node) else None
        for line in node.content:
            # (a paragraph a month opens keeps its opening: it dates each sentence)
            if named and self._tells_work(line):
                # "(二)做好报到注册统计工作 / 各二级学院应…": the heading names the
                # work its paragraph tells; the task reads both
                line, named = replace(line, text=f"{named}：{line.text}"), None
            self._content(node, line, path, inner)
        self._children(node, path, inner, objective)

    def _titles_paragraph(self, node: Node) -> bool:
        """An item's short title over the paragraph that tells it ("1、踏春赏花 /
        公园的春兰…"): one task reading both, not the title alone and again its
        paragraph."""
        if _named_work(node) is None or node.own_text.rstrip().endswith(("。", ".", "；", ";")):
            return False  # "1、植树活动。" is a sentence, a task of its own
        return any(self._tells_work(ln) for ln in node.content)

    def _tells_work(self, line: Line) -> bool:
        """A paragraph that can read after the heading naming its work: not a
        table, a list of names, the plan's closing words, a note, nor a
        paragraph a month opens (it dates each of its sentences)."""
        text = line.text
        return not (line.is_table or _names_only(text) or _CLOSING.match(text) or _NOTE.match(text) or _lead_time(text, self.year))

    def _reviews(self, node: Node) -> bool:
        """A heading that tells of work done (回顾, 开展情况, or the period a
        "总结和计划" title looks back on)."""
        title = words_of(node.title)
        heading = not node.is_entry and len(node.title) <= 20 and node.rank < 3
        return heading and bool(_REVIEW_HEAD.search(title) or (self.looked_back and self.looked_back in title))

    def _objectives(self, node: Node, path: list[str], inner: _Ctx | None) -> None:
        for t in [node.own_text] + [ln.text for ln in node.content if not ln.is_table]:
            # a heading's title is no goal, its body is; an item is a goal whole
            heading = t == node.own_text and node.rank < 3
            body = t[len(node.title) :].lstrip("。：:；; ") if heading else t
            if body:
                self.objectives.append(Objective(text=body, section_path=path))
        for c in node.children:
            self._visit(c, path, inner, True)

    def _own_line(self, node: Node, path: list[str], ctx: _Ctx | None, inner: _Ctx | None) -> Node:
        """The tasks a node's own line holds; returns the node left to read
        (without the parts its own task already told)."""
        if node.is_entry:
            # "一月：A；B。" — each item of the entry is a task of that month
            for piece in re.split(r"(?<=[；;。])", node.own_text):
                if _THEME_MONTH.match(piece) and (node.content or node.children):
                    continue  # "三月：文明礼仪月" over the month's work: its name
                if piece.strip(" ：:"):
                    self._unit(piece, path, inner, split=False)
        elif not node.children and _fields_only(node.content):
            # "(1)花园踏青 / 参加对象：业主 / 时间：5月 / 地点：…": one activity and its fields
            fields = [ln.text for ln in node.content if not ln.is_table]
            self._unit("；".join([node.own_text.rstrip("；;。"), *fields]), path, ctx)
            return Node(label=node.label, line=node.line, content=[ln for ln in node.content if ln.is_table])
        elif not node.children:
            rest = node.own_text
            substance = re.sub(r"[（(][^（）()]*[）)]|[。：:；;，,\s]", "", rest[len(node.title) :])
            if not node.content or len(substance) >= 8 or (node.rank >= 3 and not self._titles_paragraph(node)):
                # a heading's own line carries its time for the whole item; an
                # item line is the task itself
                self._unit(rest, path, ctx)
        elif _dated_activity(node, self.year):
            # "一、举办“园丁杯”教职工篮球比赛。(9月11日—25日)" over its stages:
            # the heading is the activity, dated by its own words
            self._unit(node.own_text, path, ctx, split=False)
        elif _runs_into_paragraph(node):
            # "(二)制定方案阶段(三月下旬)结合班级自身特点,…,酝酿活动方案。" over
            # what to hand in: the heading ran into a paragraph of work
            self._unit(node.own_text, path, ctx)
        elif _FIELD_TIME.search(node.own_text) and all(not c.children for c in node.children):
            # "（一）举行庆祝大会 时间：3月3日 地点：… 主要内容：1、…2、…": an
            # activity with its fields, its items the parts of it
            parts = [node.own_text] + [c.own_text for c in node.children]
            self._unit("；".join(p.rstrip("；;") for p in parts), path, ctx)
            return _without_children(node, [])
        return node

    def _content(self, node: Node, line: Line, path: list[str], inner: _Ctx | None) -> None:
        """An unlabelled paragraph or table under a heading."""
        if line.is_table:
            self._table(line, path, inner)
            return
        text = _without_intro(line.text) if node.children else line.text
        if node.children and not _worth_alone(text, self.year):
            return
        if _THEME_MONTH.match(text):
            return  # "三月 / 文明礼仪月 / 1.…": the month's name over its work ("12月份：感恩教育月" is the work)
        if node.label.kind in TIME_KINDS and not node.is_entry and _comma_list(line.text):
            # "九月份 / 做好新生入园接待工作，召开家长会，开展…活动": each a task
            for part in _comma_list(line.text):
                self._unit(part, path, inner, split=False)
        else:
            self._unit(text, path, inner)

    # -- units -------------------------------------------------------------
    def _unit(self, text: str, path: list[str], ctx: _Ctx | None, split: bool = True) -> None:
        if (
            _too_short(text, self.year)
            or _column_words_only(text)
            or _names_only(text)
            or _CLOSING.match(text)
            or _NOTE.match(text)
            or ANNEX.match(text.strip())
            or _ANNEX_TITLE.match(text)
            or _signed(text)
            or _ASSIGNMENT.match(words_of(text))
            or _FIELD_HEAD.match(words_of(text))
        ):
            return  # a 负责人 cell of a flattened table; the plan's closing words
        lead = _lead_time(text, self.year) if split and not ctx else None
        if lead:
            # "9月聚焦爱国启蒙，开展…。组织…微视频录制活动。联合…开发…": a
            # paragraph a month opens lists that month's work, a task a sentence
            # (a sentence naming its own time is that time's: 年底评选…)
            # (its ；-separated activities are tasks of their own, issue 9 family 5)
            pieces = [
                q for sent in _full_sentences(text) for part in re.split(r"(?<=[；;])", sent) if part.strip()
                for q in split_clauses(part, self.year)
            ]
        else:
            pieces = split_clauses(text, self.year, ctx.months if ctx else None) if split else [text.strip()]
        for p in pieces:
            if not re.search(r"[\u4e00-\u9fffA-Za-z]", p) or _only_time(p, self.year):
                continue  # "5/": an item the page cut off, a lone number, a date alone
            months, tt = _resolve(_own_time(p, self.year), ctx)
            if lead and not months:
                months, tt = list(lead.months), lead.text
            self.tasks.append(TaskDraft(text=p, section_path=list(path), months=months, time_text=tt))

    def _table(self, line: Line, path: list[str], ctx: _Ctx | None) -> None:
        for d in table_tasks(line.rows, self.year):
            if ctx and not d.months:
                d.months, d.time_text = list(ctx.months), ctx.text
            d.section_path = list(path)
            self.tasks.append(d)


_WHO = re.compile(r"(?:辅导员|老师|教师|主任|书记|校长|院长|局长|主席|组长|队长|负责人|委员|干事|组)$")
# "组织团员参观校史馆" ends like a body (馆) but is work: it starts with a verb
_DOING = re.compile(r"^(?:组织|开展|举办|举行|召开|参观|参加|完成|做好|加强|推进|落实|建立|制定|实施|深化|邀请|配合|协助|走访|慰问|评选|创建|选举|投票|推选|表彰|培训)")
_NOTE = re.compile(r"^\s*(?:注|备注|说明)\s*[:：]")
# "附1：绍兴一中2021年寒假职业体验活动操作指导": the title of an annexed
# paper, no work of its own
_ANNEX_TITLE = re.compile(
    r"^\s*附(?:件|页|录|表)?\s*[\d一二三四五六七八九十]{0,2}\s*[:：、.．]?\s*[《“]?[^，,。；;：:]{4,40}"
    r"(?:指导|指南|方案|计划|安排|细则|办法|要点|说明|一览表|记录表|登记表|统计表|汇总表|申报表|报名表|清单|表)[》”]?\s*$"
)
# "校团委2021年1月26日": who signs and when, in the middle of a page
_SIGNED = re.compile(r"^\s*(\S{2,20}?)\s*(?:(?:19|20)\d{2}|[xX×]{2,4})\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*$")
# "地点：二楼会议厅", "活动经费：由校工会承担": where, who may join, what it costs — no work
_FIELD_HEAD = re.compile(rf"^\s*(?:{word_regex('field_heads').pattern})\s*[:：]")
# "活动总负责：xx", "负责人：", "组长：王某": who answers for it, no work
_ASSIGNMENT = re.compile(
    r"^(?:[^，,。；;:：]{0,12}名单\s*[:：]\s*)?[^，,。；;:：]{0,14}(?:总?负责人?|总?协调人?|联系人|责任人|经办人|组长|副组长|组员|成员|主持人?"
    r"|[正副]?(?:大|中|小)?队长|[正副]?主任|[正副]?书记|委员|辅导员|联络员|联系员|信息员)\s*[:：]"
)
# "第一部分 2023年工作回顾": last year's work, no task of this plan
_REVIEW_HEAD = re.compile(
    rf"{word_regex('review_heads').pattern}|(?:上年|去年|上一年|过去一年|\d{{4}}年)度?(?:工作)?总结|(?:开展|完成|落实|工作)情况"
)
# "…上半年工作总结和下半年工作计划": the title names the period it looks back on
_TITLE_REVIEW = re.compile(
    r"(上半年|前三季度|[一二三]季度|第[一二三]季度|\d{4}年度?|去年|上年)(?:度)?(?:工作)?总结(?:和|及|暨|与|、|并)"
)


def review_period(title: str | None) -> str | None:
    m = _TITLE_REVIEW.search(words_of(title or ""))
    return m.group(1) if m else None
# "以上为本学期工作安排…", "总之，…": the plan speaking of itself, no work in it
_CLOSING = re.compile(r"^\s*(?:以上|总之|综上|上述)")


def _names_only(text: str) -> bool:
    """"大队辅导员、各中队辅导员", "大队部、体育组": a list of who is in
    charge, with nothing to do in it."""
    t = text.strip(" 。，,；;（）()")
    if not t or len(t) > 30 or re.search(r"[，。；：,;:！？!?“”\d]", t):
        return False
    return all(
        (_WHO.search(part) or (org_at_end(part) and len(part) <= 10)) and not _DOING.match(part) and not _opens_with_verb(part)
        for part in re.split(r"[、/和及]", t)
        if part
    )


def _runs_into_paragraph(node: Node) -> bool:
    """A heading over parts whose own line goes on as a paragraph: long, and
    more than one clause."""
    t = node.own_text
    return not node.is_entry and len(t) >= 30 and len(re.findall(r"[，,；;。]", t)) >= 2


def _column_words_only(text: str) -> bool:
    """"星期 工作安排 记载", "序号 工作任务 责任单位 完成时限": a table's header
    read as a line, every word of it a column's word (lexicon columns)."""
    rest = re.sub(r"[\s|｜]+", "", text)
    if not rest or len(rest) > 30:
        return False
    # (with the words that join them in a header: 责任|单位, 完成|时限)
    words = sorted({w for ws in _COLUMN_WORDS.values() for w in ws} | {"单位", "完成", "具体", "主要"}, key=len, reverse=True)
    n = 0
    while rest:
        w = next((w for w in words if rest.startswith(w)), None)
        if w is None:
            return False
        rest, n = rest[len(w) :], n + 1
    return n >= 3


def _too_short(text: str, year: int | None) -> bool:
    """"五", "做", "第2", "1-2月": a shred left by a cut line or a split cell,
    not two characters of words beside its times."""
    rest = text
    for e in timex.find_times(text, year_context=year):
        rest = rest.replace(e.text, "")
    return len(re.findall(r"[\u3400-\u9fff]", rest)) < 2


def _opens_with_verb(text: str) -> bool:
    """"投票选举各中队长": work done to a post, not the post's holder."""
    words = posseg(text[:8])
    return bool(words) and words[0][1] == "v" and len(words[0][0]) >= 2


def _comma_list(text: str) -> list[str]:
    """The items of a line that is a run of short items separated by commas
    (no sentence inside it), or [] for prose."""
    body = text.strip().rstrip("。；;")
    if "。" in body or re.match(r"^[^，,：:]{1,8}[:：]", body):
        return []  # a sentence, or an item with its own head ("大寒：…，宜…")
    parts = [p.strip() for p in re.split(r"[，,；;](?![^（(]*[）)])", body) if p.strip()]
    if len(parts) >= 3 and all(2 <= len(re.sub(r"[（(][^）)]*[）)]", "", p)) <= 24 for p in parts):
        return parts
    return []


_TIME_SECTION = re.compile(r"^(?:活动|实施|工作|具体)?(?:时间|时间安排|日期|时限)$")


def _time_section(children: list[Node], year: int | None) -> tuple[Node, _Ctx] | None:
    """A part of a section that only says when ("（一）活动时间" over
    "20__年7月2日—9月2日。", or "（一）活动时间：7月2日至9月2日"); not a
    field of one record among several (活动名称：… / 时间：…)."""
    timed = [c for c in children if not c.children and _TIME_SECTION.match(words_of(c.title))]
    if len(timed) != 1 or any(_RECORD_START.match(words_of(c.own_text)) for c in children):
        return None
    for c in timed:
        said = words_of(c.own_text)[len(words_of(c.title)) :] + "".join(ln.text for ln in c.content if not ln.is_table)
        if len(said) > 60:
            continue
        months, tt = timex.months_of(said, year_context=year)
        if months:
            return c, _Ctx(months, tt or "")
    return None


# "文明礼仪月", "安全教育月": the name a calendar gives a month, no work in it
_THEME_MONTH = re.compile(r"^\s*[\u4e00-\u9fff]{2,8}(?<![一二三四五六七八九十正元腊冬\d])月\s*[。；;]?\s*$")


# what may stand around a time that says nothing else: a field's label, a
# year written with O for 〇, a time of day
_TIME_ONLY_REST = re.compile(
    r"^(?:(?:活动|实施|工作|举办|具体)?(?:时间|日期)(?:安排)?\s*[:：]?)?[\s、，,。.;；:：\-—~至到（）()OoxX〇零一二三四五六七八九十年上下午晚点分半\d]*$"
)
# festivals and days are work in a calendar's list ("五一劳动节"); dates are not
_DATE_KINDS = frozenset({"date", "month", "range", "deadline"})


def _signed(text: str) -> bool:
    m = _SIGNED.match(text) or _MADE_BY.match(to_simplified(text))
    return bool(m and org_at_end(m.group(1)))


# "教务处制", "校团委编": who drew the table up, under it
_MADE_BY = re.compile(r"^\s*(\S{2,12}?)\s*(?:制|制表|编|编制|印)\s*[。.]?\s*$")


def _only_time(text: str, year: int | None) -> bool:
    """"活动时间：2014年9月至10月", "二OO九年二月二十三日": a time and nothing
    to do (it dates the work around it, or signs the plan)."""
    exprs = timex.find_times(text, year_context=year)
    if not exprs or any(e.kind not in _DATE_KINDS for e in exprs):
        return False
    rest = "".join(text[a:b] for a, b in zip([0] + [e.end for e in exprs], [e.start for e in exprs] + [len(text)]))
    return bool(_TIME_ONLY_REST.match(to_simplified(rest).strip()))


# a date closing a line in brackets: "…篮球比赛。(9月11日—25日)"
_TRAILING_DATE = re.compile(r"[（(]([^（）()]{2,24})[）)]\s*[。；;]?$")


def _dated_activity(node: Node, year: int | None) -> bool:
    """A heading that is one activity with its own dates at its end: a task,
    not only a heading."""
    m = _TRAILING_DATE.search(node.own_text)
    if not m or not timex.months_of(m.group(1), year_context=year)[0]:
        return False
    # eight characters or more: an activity, not a stage (活动实施阶段(四月—六月))
    return len(re.findall(r"[\u4e00-\u9fff]", node.own_text[: m.start()])) >= 8


def _named_work(node: Node) -> str | None:
    """The title of a heading that names one piece of work over its
    paragraphs (a bare heading line, no items under it, no time heading; an
    item's own line is a task already)."""
    if node.children or not node.content or node.label.kind in TIME_KINDS or node.is_entry:
        return None
    if node.rank >= ITEM_RANK and (len(node.title) > 12 or any(ln.is_table for ln in node.content)):
        return None
    title = node.title
    if node.own_text.strip(" 。.：:；;") != title or len(title) < 4 or timex.parse_heading_time(title) is not None:
        return None
    return None if _RECORD_FIELD.match(title + "：") else title  # 活动主体 / 各党支部: a field


def _says_more(field: Node, when: _Ctx) -> bool:
    """A time section that also names work ("6月1日至30日。其中6月13日为全国
    安全生产宣传咨询日。") is a task too."""
    said = "".join([field.own_text] + [ln.text for ln in field.content if not ln.is_table])
    rest = said.replace(field.title, "", 1)
    for piece in re.findall(r"[^，。；;,]+", rest):
        if not timex.parse_heading_time(piece) and len(re.findall(r"[\u4e00-\u9fff]", piece)) >= 8:
            return True
    return False


def _names_objectives(node: Node) -> bool:
    """A goal section is named by a short heading ("二、工作目标"), not by a
    task that mentions goals ("签订党建工作目标责任书"); the heading word
    may be glued to its paragraph ("一、指导思想以…为契机"); an item's title
    must open with the word ("研讨保教目标" is work)."""
    if node.is_entry:
        return False
    title = words_of(node.title)
    named = _OBJECTIVE_HEAD.search(title) if node.rank < 3 else _OBJECTIVE_HEAD.match(title)
    return (len(node.title) <= 20 and bool(named)) or bool(_OBJECTIVE_HEAD.match(words_of(node.own_text)))


def _within(here: _Ctx | None, ctx: _Ctx | None) -> _Ctx | None:
    """The time a heading (or a section's time part) gives, within the one around it."""
    if not here:
        return ctx
    months, text = _resolve((here.months, here.text), ctx)
    return _Ctx(months, text or here.text)


def _without_children(node: Node, children: list[Node]) -> Node:
    return Node(label=node.label, line=node.line, content=node.content, is_entry=node.is_entry, children=children)


# "…街道机关工会准备在中秋节前夕举办“双节同庆趣味比赛”": the opening that
# announces the plan's activity and when it is held
_ANNOUNCE = re.compile(
    r"(?:(?:特|决定|准备|拟|将|就)[，,]?(?:在[^，。,]{0,20})?|(?:期间|之际|前夕|来临之际)[，,]?\s*)(?:举办|举行|开展|组织|组织开展)[^。；;]{0,40}?"
    r"(?:活动|比赛|大赛|竞赛|晚会|仪式|运动会|文化节|艺术节|联欢会)"
)


def _announces(text: str, year: int | None, dated: bool = False) -> bool:
    """An opening paragraph that announces the plan's activity ("经学校研究决定，
    在全校开展少先队中队建队活动，具体方案如下"): a task, dated by its own time
    or, when the plan has a time section (`dated`), by that."""
    m = _ANNOUNCE.search(to_simplified(text))
    return bool(m) and (dated or bool(timex.months_of(text, year_context=year)[0]))


def _fields_only(content: list[Line]) -> bool:
    texts = [ln.text for ln in content if not ln.is_table]
    return bool(texts) and all(_RECORD_FIELD.match(t) for t in texts)


def _without_intro(text: str) -> str:
    """A paragraph over a list without the clause that introduces the list
    ("…完成培训，内容如下：" → "…完成培训")."""
    t = text.rstrip()
    cut = max(t.rfind(c) for c in "，,。；;！？")
    if not t.endswith(("：", ":")) or cut <= 0 or not re.search(r"如下|以下|下列", t[cut:]):
        return text
    return t[: cut + 1].rstrip("，,")


def _worth_alone(text: str, year: int | None) -> bool:
    """A paragraph between a heading and its items: a task when it names a
    time or says enough to be work in itself, not when it introduces a list."""
    if text.endswith(("：", ":")):
        return False
    return bool(timex.months_of(text, year_context=year)[0]) or len(text) > 30


def _records(children: list[Node]) -> list[list[Node]]:
    """Group "活动名称：… / 时间：… / description" siblings into records."""
    groups: list[list[Node]] = []
    open_record = False
    for c in children:
        text = c.own_text
        if not c.children and _RECORD_START.match(text):
            groups.append([c])
            open_record = True
        elif open_record and not c.children and c.label and c.label.kind in ("bullet", groups[-1][0].label.kind):
            groups[-1].append(c)
        else:
            groups.append([c])
            open_record = False
    return groups


def plan_time(header: list[str], year: int | None) -> _Ctx | None:
    """The time a plan's title gives all its work ("2021年幼儿园5月工作重点",
    "第4周园务计划（3月6日——3月10日）", "…下半年工作计划"): it bounds every
    task as a heading's does. A year alone says nothing more."""
    for h in header:
        if not is_title(Line(text=h)):
            continue  # a byline's date, a subtitle
        looked_back = _TITLE_REVIEW.search(h)
        words = h[looked_back.end() :] if looked_back else h  # "…总结和下半年工作计划"
        found = _bounding_time(words, year)
        if found:
            return found
    return None


def _bounding_time(words: str, year: int | None) -> _Ctx | None:
    """A soft bound from a month, a stretch of dates, a quarter or a half in
    a title or a notice's subject, or a campaign month: not a season of a
    school term (春季学期) nor a festival, whose plans prepare months ahead."""
    # a campaign month or week (爱国卫生月, 安全生产月, 宪法宣传周) is a stretch of
    # time its plan's work fills, unlike a festival's day
    exprs = [
        e
        for e in timex.find_times(words, year_context=year)
        if e.months and (e.kind in _PLAN_TIME_KINDS or (e.kind == "festival" and e.text.endswith(("月", "周", "週"))))
    ]
    months = sorted({m for e in exprs for m in e.months})
    if months and len(months) < 12:
        return _Ctx(months, "、".join(e.text for e in exprs), soft=True)
    return None


_PLAN_TIME_KINDS = ("month", "range", "date", "deadline", "quarter", "half")
# "现将6月份统一活动日有关工作通知如下": the subject a notice announces
_NOTICE_SUBJECT = re.compile(r"现(?:将|就)([^。；;]{2,80}?)(?:通知|安排|明确|部署|要求)如下")


def notice_time(intro: list[Line], year: int | None) -> _Ctx | None:
    """The time of the work a plan written as a notice announces in its
    opening ("现将6月份…工作通知如下"): it bounds every task as a title's does."""
    for line in intro[:3]:
        m = None if line.is_table else _NOTICE_SUBJECT.search(line.text)
        found = _bounding_time(m.group(1), year) if m else None
        if found:
            return found
    return None


def extract(root: Node, year: int | None, header: list[str] | None = None) -> tuple[list[Objective], list[TaskDraft]]:
    header = header or []
    b = TaskBuilder(year, next((p for h in header if (p := review_period(h))), None))
    b.run(root, header)
    return b.objectives, b.tasks
