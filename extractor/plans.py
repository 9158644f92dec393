"""Clean lines → plans: a compilation is split at each plan's title; each
plan gets its title, the unit whose plan it is and its year.

A plan title is a short line naming a plan (…工作计划, …要点, …规划) that is
not a sentence. The lines right after it that are not prose (subtitles, a
"文章标题：" line, a dated note) belong to the title, not the body. What
stands before the first title is the page around the plans.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from extractor.clean import Line
from extractor.hanzi import plain, to_simplified, words_of
from extractor.lexicon import ADDRESSEE, starts_label, word_regex, years_to_ascii
from extractor.outline import parse_label
from extractor.tables import column_role
from extractor.orgs import ORG_SUFFIX, is_generic_org, is_institution, org_at_end

_STRONG = word_regex("plan_words.strong")
_WEAK = word_regex("plan_words.weak")
_SENTENCE_MARK = re.compile(r"[，。；,;！!？?]")
_COMPILATION = re.compile(r"[(（][^()（）]{0,6}?\d+\s*篇\s*[)）]|[精通]选\d*篇|\d+篇$|合集|大全|汇编|汇总")
# what a compiler puts before a plan's name: "最新…工作计划", "精选…"
_ADJECTIVE = re.compile(r"^(?:最新|精选|优秀|经典|热门|实用|通用|优质|标准|新版|范文|参考)+")
_TITLE_PREFIX = re.compile(
    r"^(?:文章标题|标题|题目)\s*[:：]\s*|^——+\s*"
    # compilations number their plans: "篇一：", "【篇二】", "第三篇：", "范文四："
    r"|^【\s*(?:篇|第)?[一二三四五六七八九十\d]+篇?\s*】\s*"
    r"|^(?:篇[一二三四五六七八九十\d]+|第[一二三四五六七八九十\d]+篇|范文[一二三四五六七八九十\d]+)\s*[:：]?\s*"
    # a site's category before the plan: "少先队工作范文之小学少先队工作计划二"
    r"|^[^，。：:\s]{2,12}范文之"
)
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")


@dataclass
class PlanDraft:
    title: str | None
    header: list[str] = field(default_factory=list)  # title and subtitle lines
    lines: list[Line] = field(default_factory=list)  # the body
    unit: str | None = None
    year: int | None = None
    signature: list[Line] = field(default_factory=list)  # the unit and date that sign the plan


# Whether a line is a plan's title is weighed from cues, its words together
# with its form; each cue is named here with its weight. A line is a title at
# TITLE_WEIGHT or more, and only when it is a short standalone line at all.
_SECTION_SCOPE = re.compile(r"^(?:全年|本年|今年|本学期|本月|本周|下阶段|下一步|近期|主要|具体|重点|日常|常规|其他|各项|月度|每月)")
_YEAR_LIKE = re.compile(r"(?:19|20)\d{2}|20[xX×*_＿]{2}|[xX×]{2}年|[一二][〇零○一二三四五六七八九]{3}年|学年|學年|年度|学期|學期")
_PIECE = re.compile(r"篇\s*[一二三四五六七八九十\d]+|第[一二三四五六七八九十\d]+篇|范文[一二三四五六七八九十\d]+|[（(]\d+[)）]$")
TITLE_CUES: tuple[tuple[str, int, re.Pattern[str] | None], ...] = (
    ("names a kind of plan (计划, 要点, 方案, 校历 …)", 2, _STRONG),
    ("names a weaker plan word (安排, 打算, 思路)", 1, _WEAK),
    ("carries a year or a school term", 1, _YEAR_LIKE),
    ("is a compilation's numbered piece (篇二, 范文五)", 1, _PIECE),
    ("ends in a colon, like a heading", -1, re.compile(r"[:：]$")),
    ("opens with a section's scope (全年, 主要, 具体 …)", -1, _SECTION_SCOPE),
)
TITLE_WEIGHT = 2
_BARE_PIECE = re.compile(r"篇\s*[一二三四五六七八九十\d]{1,3}|第[一二三四五六七八九十\d]{1,3}篇")


def title_weight(text: str) -> int:
    text = words_of(text)
    strong = bool(_STRONG.search(text))
    weight = 0
    for name, w, pat in TITLE_CUES:
        if pat is _WEAK and strong:
            continue  # one plan word counts once
        if pat is not None and pat.search(text):
            weight += w
    return weight


def is_title(line: Line) -> bool:
    if line.is_table or line.label:
        return False
    if _BARE_PIECE.fullmatch(words_of(line.text).strip("【】[] ")):
        return True  # "篇二" alone: a compilation's next plan, its title lost
    t = words_of(_TITLE_PREFIX.sub("", line.text)).strip()
    if not 4 <= len(t) <= 50 or starts_label(t) or "如下" in t:
        return False
    if _SENTENCE_MARK.search(t) or re.search(r"[:：].", t):
        return False
    return title_weight(t) >= TITLE_WEIGHT


def _header_ish(line: Line, nxt: Line | None = None) -> bool:
    """A subtitle-like line that may follow a title before the body starts;
    not a line over a list of items ("第二季度重点工作" / "1、…")."""
    if line.is_table or line.label:
        return False
    after = parse_label(nxt.text) if nxt is not None and not nxt.is_table else None
    if after is not None and after.kind not in ("cn", "part", "roman") and not is_title(line):
        return False
    t = line.text
    if is_title(line):
        return True
    if re.fullmatch(r"[（(][^（()）]*(?:[（(][^（()）]*[）)][^（()）]*)*[）)]", t):
        return True  # "（2025年1月16日…会议通过）"
    if t.startswith("——"):
        return True  # "——以青春之我建功新时代": a subtitle
    if parse_label(t) or word_regex("section_heads").match(t):
        return False  # "4月份", "第一季度", "指导思想" open the body
    if len(t) <= 6 and nxt is not None and not nxt.is_table and column_role(t) and column_role(nxt.text):
        return False  # "考评项目 / 具体内容 / …": a table's header, one cell a line
    # "为了活跃…的文化" (a page cut mid-sentence) opens the body, it names nothing
    return len(t) <= 30 and not re.search(r"[，。；：:,;！!？?]", t) and not re.match(r"(?:为了|根据|按照)", t)


def _is_caption(lines: list[Line], i: int) -> bool:
    """A title-like line over a table inside a plan names the table; the
    same line before any prose ("附件1" may stand above it) names the plan."""
    if not (i + 1 < len(lines) and lines[i + 1].is_table) or _PIECE.search(lines[i].text):
        return False  # "…计划 篇5" is a compilation's next plan, whatever follows it
    prev = next((ln for ln in reversed(lines[:i]) if ln.is_table or ln.text.strip()), None)
    if prev is not None and not prev.is_table and ANNEX.match(prev.text.strip()):
        return False  # "附件 / …任务分解表" over its table: an annex, a plan of its own
    return any(ln.is_table or _SENTENCE_MARK.search(ln.text) or len(ln.text) > 30 for ln in lines[:i])


# "关于印发《…计划》的通知": the letter that sends a plan, not a plan
_NOTICE = re.compile(r"^[^，。；]{0,40}关于(?:印发|下发|转发|发布|公布|报送|分解|下达|做好)[^，。]*的(?:通知|函)$")
# what a covering letter says: "现将…印发给你们", "请认真贯彻执行", and
# whom it addresses ("各乡镇人民政府，区政府各部门：")
_LETTER_WORDS = re.compile(r"现将.{0,80}(?:印发|下发|下达|转发|发)给你们|请(?:认真|遵照|结合实际)?(?:贯彻|组织)?(?:执行|落实)。?$")


def _covering_letter(lines: list[Line]) -> bool:
    return any(not ln.is_table and (_LETTER_WORDS.search(ln.text) or ADDRESSEE.match(ln.text)) for ln in lines)
ANNEX = re.compile(r"^附\s*件\s*\d*\s*[:：]?\s*$")


def _plan_starts(lines: list[Line]) -> tuple[list[int], bool]:
    """Title lines that start a plan, and whether a covering letter stands
    before the first: a letter's title starts no plan when a plan follows it.
    An annexed table with its own title ("附件" / "…工作清单" / the table) is a
    plan of its own; an annex of prose belongs to the plan it is attached to."""
    starts = [i for i, line in enumerate(lines) if is_title(line) and not _is_caption(lines, i)]
    letter = False
    while len(starts) > 1 and _NOTICE.match(_TITLE_PREFIX.sub("", lines[starts[0]].text).strip()):
        starts.pop(0)
        letter = True
    kept: list[int] = []
    for i in starts:
        prev = next((ln for ln in reversed(lines[:i]) if ln.text.strip() or ln.is_table), None)
        annexed = prev is not None and not prev.is_table and ANNEX.match(prev.text.strip())
        if prev is not None and not prev.is_table and not annexed and re.search(r"[:：]\s*$", prev.text):
            continue  # "参考文献：/《…工作要点》": what a heading introduces, no plan's title
        if kept and annexed and all(ln.text.strip() == "" or ANNEX.match(ln.text.strip()) for ln in lines[kept[-1] + 1 : i]):
            # "清廉机关责任分工 / 附件2 / 清廉机关建设任务分工": a running head over
            # nothing but the annex; the annex's own title names the plan
            kept[-1] = i
            continue
        if kept and annexed and not (i + 1 < len(lines) and lines[i + 1].is_table):
            continue  # an annex of prose continues its plan; an annexed table is a plan of its own
        kept.append(i)
    return kept, letter


def _run_in_title(lines: list[Line]) -> list[Line]:
    """A page that lost its line breaks runs its title into its first
    sentence ("2010年…活动方案“三八”国际劳动妇女节是…"): the opening words up
    to a plan word, weighty enough to be a title by themselves, are split off
    when no line stands as a title."""
    if any(is_title(line) for line in lines[:8]):
        return lines
    for i, line in enumerate(lines[:3]):
        if line.is_table or line.label or len(line.text) <= 20 or is_title(line):
            continue
        # a document viewer numbers its first page: "1、乡镇…实施方案 为全面贯彻…"
        page = re.match(r"\d{1,2}\s*[、.．]\s*", line.text) if i == 0 else None
        text = line.text[page.end() :] if page else line.text
        for m in _STRONG.finditer(text[:50]):
            head, rest = text[: m.end()], text[m.end() :]
            # (the viewer's page number is evidence enough of a title)
            if (
                not _SENTENCE_MARK.search(head)
                and title_weight(head) >= TITLE_WEIGHT + (0 if page else 1)
                and not re.match(r"[，。；：、,.;:）)]", rest)
            ):
                return lines[:i] + [Line(text=head, page=line.page), Line(text=rest, page=line.page)] + lines[i + 1 :]
    return lines


def split_plans(lines: list[Line]) -> list[PlanDraft]:
    lines = _run_in_title(lines)
    starts, letter = _plan_starts(lines)
    # a title repeated or followed by more titles before any prose is one header
    groups: list[tuple[int, int]] = []  # (first header line, first body line)
    for i in starts:
        if groups and i < groups[-1][1]:
            continue
        j = i + 1
        while j < len(lines) and _header_ish(lines[j], lines[j + 1] if j + 1 < len(lines) else None) and not _SIGNING_DATE.match(
            lines[j].text
        ):
            j += 1
        groups.append((i, j))
    if not groups:
        return [_finish(PlanDraft(title=None, lines=lines))]
    plans: list[PlanDraft] = []
    # prose before the first title is a plan without a title only when there is real content
    lead = [ln for ln in lines[: groups[0][0]] if ln.is_table or len(ln.text) > 40 or ln.label or starts_label(ln.text)]
    if len(lead) >= 2 and not letter and not _covering_letter(lines[: groups[0][0]]):
        plans.append(_finish(PlanDraft(title=None, lines=lines[: groups[0][0]])))
    for n, (h, b) in enumerate(groups):
        end = groups[n + 1][0] if n + 1 < len(groups) else len(lines)
        header = [ln.text for ln in lines[h:b]]
        # "单位名 / 2026年工作计划" set as two lines: the line above a title
        # naming an organisation is part of the title
        # (only above the first title: above a later one stands the previous plan's signature)
        if h > 0 and (n == 0 and _org_line(lines[h - 1]) or _title_head(lines[h - 1], lines[h])):
            header.insert(0, lines[h - 1].text)
        draft = PlanDraft(title=_pick_title(header), header=header, lines=list(lines[b:end]))
        plans.append(_finish(draft))
    return [p for n, p in enumerate(plans) if n + 1 == len(plans) or not _banner_only(p)]


def is_compilation(text: str) -> bool:
    return bool(_COMPILATION.search(to_simplified(plain(text))))


def _banner_only(draft: PlanDraft) -> bool:
    """A compilation's banner ("…工作计划(汇总18篇)") over the compiler's few
    words, before the first plan of the compilation: no plan of its own."""
    if not any(is_compilation(h) for h in draft.header):
        return False
    body = [ln for ln in draft.lines if ln.is_table or ln.text.strip()]
    structured = any(ln.is_table or ln.label or starts_label(ln.text) or parse_label(ln.text) for ln in body)
    return not structured and sum(len(ln.text) for ln in body) < 400


def _org_line(line: Line) -> bool:
    t = line.text
    return not line.is_table and len(t) <= 40 and not _SENTENCE_MARK.search(t) and org_at_end(t) is not None


def _title_head(prev: Line, title: Line) -> bool:
    """A title set over two lines ("立山区政府2023年重点工作 / 任务分解和责任
    分工方案"): the line above completes it when it adds weight to it."""
    t = prev.text.strip()
    if prev.is_table or prev.label or not 2 <= len(t) <= 30 or _SENTENCE_MARK.search(t) or re.search(r"[:：]", t):
        return False
    if _SIGNING_DATE.match(t) or parse_label(t) or is_title(prev):
        return False
    return title_weight(t + title.text.strip()) > title_weight(title.text.strip())


def _pick_title(header: list[str]) -> str | None:
    pieces = [h.strip() for h in header if _BARE_PIECE.fullmatch(words_of(h).strip("【】[] "))]
    titles = [_TITLE_PREFIX.sub("", h).strip() for h in header if is_title(Line(text=h)) and h.strip() not in pieces]
    own = [t for t in titles if not is_compilation(t)]
    chosen = (own or titles or pieces or [None])[0]
    if chosen and pieces and chosen not in pieces and not _PIECE.search(chosen):
        chosen += pieces[0]  # "开展机关工会活动方案 / 篇一": the compilation's title and the piece
    if chosen and header and header[0] not in chosen and not is_title(Line(text=header[0])) and (
        _org_line(Line(text=header[0])) or _title_head(Line(text=header[0]), Line(text=chosen))
    ):
        chosen = header[0] + chosen
    return chosen


def _strip_title_echo(draft: PlanDraft) -> None:
    """Web pages start the body with the title again: "标题】正文", "标题,正文",
    a document viewer with its page number and a slip ("1、标题′正文")."""
    if not draft.lines or draft.lines[0].is_table:
        return
    first = draft.lines[0]
    text = re.sub(r"^\d{1,2}\s*[、.．]\s*", "", first.text)  # a viewer's page number
    titles = {_TITLE_PREFIX.sub("", x).strip() for x in draft.header}
    # the viewer's copy may drop the year: "202X年区妇联…计划" / "1、区妇联…计划XX年,…"
    titles |= {core for t in titles if len(core := _LEADING_YEAR.sub("", plain(t)).strip()) >= 6}
    for h in sorted(titles, key=len, reverse=True):
        n = _echo_length(text, h)
        if n and len(text) > n + 4:
            first.text = text[n:].lstrip("】]」》,，:：、 ")
            return


def _echo_length(text: str, title: str) -> int:
    """How many characters at the start of `text` repeat `title`: exactly,
    then followed by a mark or (for a long title) by anything; or with one
    character slipped (a viewer's copy) when the title is long."""
    if not title:
        return 0
    if text.startswith(title):
        rest = text[len(title) :]
        return len(title) if rest[:1] in "】]」》,，:：、 " or len(title) >= 8 else 0
    if len(title) < 12:
        return 0
    for n in (len(title) - 1, len(title) + 1):
        if SequenceMatcher(None, text[:n], title).ratio() >= 0.95:
            return n
    return 0


_CN_YEAR = "二[〇零○][一二三四五六七八九〇零○]{2}"
# a signing date: "2025年1月8日", "二〇二四年一月", "20XX年X月X日", and the
# unit with it in brackets: "（青石岭村村民委员会 2024年1月）"
_SIGNING_DATE = re.compile(
    rf"^[（(]?\s*(?:[^\s（）()，。]{{2,30}}\s+)?(?:(?:19|20)\d{{2}}|{_CN_YEAR}|20[xX×*_]{{2}})\s*年\s*"
    r"(?:\d{1,2}|[一二三四五六七八九十]{1,3}|[xX×*_]{1,2})\s*月"
    r"(?:\s*(?:\d{1,2}|[一二三]?十?[一二三四五六七八九十]|[xX×*_]{1,2})\s*日)?\s*[）)]?$"
)


def _peel_signature(draft: PlanDraft) -> None:
    """The unit and date that close a plan sign it: they are no task of the
    last section, but they name the plan's unit and year."""
    while draft.lines and len(draft.signature) < 3:
        ln = draft.lines[-1]
        t = ln.text
        if ln.is_table or ln.label:
            break
        if not (_SIGNING_DATE.match(t) or _org_line(ln) and org_at_end(t) == t):
            break
        draft.signature.insert(0, draft.lines.pop())


def _finish(draft: PlanDraft) -> PlanDraft:
    _strip_title_echo(draft)
    draft.lines = [ln for ln in draft.lines if ln.is_table or ln.text or ln.label]
    _peel_signature(draft)
    draft.unit = find_unit(draft)
    draft.year = find_year(draft)
    return draft


# --- unit ------------------------------------------------------------------

_UNIT_VERB = r"(?:今年|本年度?|新学期|本学期|将|要|拟|在|以|坚持|继续|始终|认真|计划|准备|预备|特制定|制定|决定|现将|现就|就|根据|结合|按照|精心|筹备|特举办|举办|特组织|围绕|紧扣|立足|积极)"
_SUBJECT = re.compile(
    rf"(?:^|[，,。；;！!\s]|(?:\d{{4}}|[xX×]{{2}}|\*\*|20[xX]{{2}}|__)年(?:度)?[，,]?|新的一年[，,]?)"
    rf"([\u4e00-\u9fff（）()]{{0,24}}?(?:{ORG_SUFFIX})){_UNIT_VERB}"
)


_MASKED = r"20[xX×*_＿]{2}|20\d[xX×*]|[xX×*]{2}|20__"


_LEADING_YEAR = re.compile(
    # a masked year needs its 年: "XX县人民医院" keeps its XX
    rf"^(?:(?:19|20)\d{{2}}(?:\s*[-—–~至]\s*(?:19|20)?\d{{2}})?\s*(?:年度|学年|學年|年)?|(?:{_MASKED})\s*(?:年度|学年|學年|年))"
)
_TITLE_CUT = re.compile(
    rf"(?:(?:19|20)\d{{2}}|{_MASKED})\s*(?:年|学年|學年)|年度|(?:工作)?(?:{_STRONG.pattern}|{_WEAK.pattern})"
)


def unit_from_title(text: str, institution: bool = False) -> str | None:
    """The issuer a title names; with `institution`, also an institution's
    kind named alone ("2020年幼儿园工作计划" → 幼儿园)."""
    t = plain(_TITLE_PREFIX.sub("", text))
    t = re.sub(r"[(（][^)）]*[)）]\s*$", "", t)  # trailing note: "(4)", "(9篇)"
    for strip in (_LEADING_YEAR, _ADJECTIVE, _LEADING_YEAR):  # "2024最新…", "最新2024年…"
        t = strip.sub("", t).strip()
    t = re.sub(r"^(?:[春秋]季学期|第[一二]学期|[上下]学期|[春秋]季)", "", t)  # "秋季学期城南小学…"
    cut = _TITLE_CUT.search(t)
    head = t[: cut.start()] if cut else t
    # "开展机关工会活动方案": a verb before the organisation is the plan's action, not its name
    head = re.sub(r"^(?:关于)?(?:开展|举办|举行|组织|做好|加强|推进)(?=[\u4e00-\u9fff]{2})", "", head).lstrip("—-–― ")
    org = org_at_end(head, longest_prefix=True)
    if org is None and (school := _ORDINAL_SCHOOL.match(head)):
        rest = head[school.end() :]  # "绍兴一中校团委": the school's office
        if not rest or org_at_end(rest) == rest:
            return head
    if org and (len(org) > 30 or re.search(r"[〔〕《》〈〉\[\]【】“”\d]", org)):
        return None  # a document number or a quoted title, no organisation
    if org and not is_generic_org(org):
        return org + _department_after_term(t[cut.end() :] if cut else "")
    if institution and org and head.strip().startswith(org) and is_institution(org):
        return org  # "2020年幼儿园工作计划", "社区文化活动计划": the institution's own plan
    return None


# a school named by its place and number, the way its own people write it
# ("绍兴一中", "县二中", "北京十一中"); only a title's whole head, since in running
# text the same letters open "三中全会"
_ORDINAL_SCHOOL = re.compile(r"[\u4e00-\u9fff]{1,6}?[一二三四五六七八九十]{1,3}中(?![\u4e00-\u9fff]*全会)")


_TERM = re.compile(
    r"^(?:[—\-–~至]\s*(?:(?:19|20)\d{2}|\d{2})\s*(?:学年|學年|年)?)?\s*(?:度|第[一二]学期|[上下]学期|[春秋]季学期|[春秋]季|学期)*"
)
_PLAN_WORD = re.compile(r"工作计划|工作計畫|工作要点|工作规划|计划|計畫|要点|规划|方案|安排")


def _department_after_term(rest: str) -> str:
    """"阳光中学2023—2024学年第一学期教务处工作计划": the office named between
    the term and the plan word belongs to the unit (阳光中学教务处)."""
    rest = _TERM.sub("", rest)
    m = _PLAN_WORD.search(rest)
    dept = org_at_end(rest[: m.start()]) if m else None
    # a bare kind is fine here: the unit before it says whose (青山中学 + 团委)
    return dept if dept and len(dept) <= 12 else ""


def find_unit(draft: PlanDraft) -> str | None:
    """The issuer: named in the title (the sender of a covering letter's
    title), else the subject of the opening sentence, else the signature,
    else an institution's kind that the title names alone, else the plan's
    word for itself (我镇, 我园); a place stands for its government where the
    text names it (六盘水市 → 六盘水市人民政府)."""
    intro = plain("".join(ln.text for ln in draft.lines[:3] if not ln.is_table)[:400])
    unit = _named_unit(draft, intro)
    return _seat(unit, draft) if unit else _self_reference(intro)


_NOT_A_NAME = re.compile(r"如下|通知|现将|请|根据|按照|为了|计划(?!生育)|方案|要点|学期|学年|[，,。；;：:\s]")


# a signing date run into the name after it: "20xx年XX月18日校工会"
_DATE_BEFORE = re.compile(r"^(?:(?:19|20)[\dxX×]{2}|[xX×]{2,4})\s*年.{0,8}?日\s*")


def _named_unit(draft: PlanDraft, intro: str) -> str | None:
    unit = _named_unit_candidate(draft, intro)
    unit = _DATE_BEFORE.sub("", unit.strip()) if unit else unit
    return None if unit and (len(unit) > 24 or _NOT_A_NAME.search(unit)) else unit


def _named_unit_candidate(draft: PlanDraft, intro: str) -> str | None:
    subjects = [(m, _trim_org(intro[m.start(1) : m.end(1)])) for m in _SUBJECT.finditer(to_simplified(intro))]
    for h in draft.header:
        u = _sender(h) or unit_from_title(h)
        if u:
            # "社区妇联工作计划" whose text names 桃李社区妇联 as the one that acts: the fuller name
            body = plain("".join(ln.text for ln in draft.lines[:12] if not ln.is_table)[:1200])
            acting = subjects + [(m, _trim_org(body[m.start(1) : m.end(1)])) for m in _SUBJECT.finditer(to_simplified(body))]
            return next((f for _m, f in acting if f and f.endswith(u) and f[: -len(u)] not in _DEICTIC), u)
    for _m, org in subjects:
        # "鼓励各个团支部在…", "各直属工会女职工委员会：": 各 addresses many units, names none
        if org and not is_generic_org(org) and "各" not in org:
            return org
    tail = [ln.text for ln in (draft.lines[-3:] + draft.signature) if not ln.is_table]
    for t in reversed(tail):
        if _SIGNING_DATE.match(t) or len(t) > 40 or re.search(r"[:：]", t):
            continue  # "牵头单位：区发改局" is a field of the last item, no signature
        org = org_at_end(t)
        if org and org == t and not is_generic_org(org):
            return org
    return next((u for h in draft.header if (u := unit_from_title(h, institution=True))), None)


_SENDER = re.compile(r"(?:^|[〕号]\s*《?)([^〔〕《》〈〉，。\d]{2,24}?)关于(?:印发|下发|转发|发布)")


def _sender(header: str) -> str | None:
    """"北京市人民政府办公厅关于印发〈北京市2016年政务公开工作要点〉的通知":
    the plan a covering letter sends is the sender's."""
    m = _SENDER.search(plain(header))
    org = org_at_end(m.group(1)) if m else None
    return org if org and not is_generic_org(org) else None


def _seat(unit: str, draft: PlanDraft) -> str:
    """A place named as the unit (六盘水市, 徐庄镇) stands for its government
    where the text names it so."""
    if unit[-1:] not in "省市区县镇乡":
        return unit
    text = "".join(ln.text for ln in draft.lines[:30] if not ln.is_table)
    return next((unit + g for g in ("人民政府", "政府") if unit[-1] + g in text), unit)


_SELF = re.compile(r"(?:^|[，,。；;\s])(我(?:镇|乡|街道|社区|村|局|院|校|园|所|站|委|部|处|科|中心|公司|厂|会))(?:将|要|拟|在|以|根据|结合|按照|特|于|今年|本年|新的一年)")


def _self_reference(intro: str) -> str | None:
    """"我镇根据近期情况，特制定以下方案": the plan names its issuer only as
    itself; that word is the unit the text gives."""
    m = _SELF.search(to_simplified(intro))
    return intro[m.start(1) : m.end(1)] if m else None


_DEICTIC = {"", "我", "我们", "本", "该", "全", "我校", "我园"}


def _trim_org(span: str) -> str | None:
    """The organisation at the end of a subject span ("…，学校工会" → 学校工会)."""
    span = span.lstrip("（）()")
    span = re.split(r"[，,。；;、（(]", span)[-1] if not span.endswith(("）", ")")) else span
    return org_at_end(span, longest_prefix=True)


# --- year ------------------------------------------------------------------


_SCHOOL_YEAR = re.compile(r"((?:19|20)\d{2})\s*(?:[—\-–~至]\s*((?:19|20)\d{2})\s*)?学年(?:度)?(.{0,6})")


def find_year(draft: PlanDraft) -> int | None:
    for h in draft.header:
        h = years_to_ascii(to_simplified(h))
        m = _SCHOOL_YEAR.search(h)
        if m:  # the second term of 2023—2024学年 (or of 2023学年), and its winter holiday, run in 2024
            second = re.match(r"第[二2]学期|下学期|春季|寒假", m.group(3))
            return int(m.group(2) or int(m.group(1)) + 1) if second else int(m.group(1))
        m = _YEAR.search(h)
        if m:
            return int(m.group(1))
    for ln in draft.lines[:2]:
        m = re.match(r"^((?:19|20)\d{2})\s*年", ln.text)
        if m:
            return int(m.group(1))
    for ln in reversed(draft.lines[-3:] + draft.signature):
        m = _SIGNING_DATE.match(ln.text) and _YEAR.search(years_to_ascii(ln.text))
        if m:
            return int(m.group(1))
    if any(re.search(rf"(?:{_MASKED})\s*(?:年|学年)", h) for h in draft.header):
        return None  # "20xx年…计划": the year is masked, not to be guessed
    # the year its text names most ("2017年11月下旬至2018年3月底", "[2017]8号"), the earlier on a tie
    # (a table's words count too: a plan laid out as one table names its year in a cell)
    # and a year of two digits before a month counts as this century's ("10年2月26日—2月28日")
    said = [
        int(full) if full else 2000 + int(short)
        for ln in draft.lines[:40]
        for full, short in _YEAR_SAID.findall(years_to_ascii(ln.full_text))
    ]
    return min(set(said), key=lambda y: (-said.count(y), y)) if said else None


_YEAR_SAID = re.compile(r"(?<![\d.])(?:((?:19|20)\d{2})\s*(?:年|[〕\]】）)])|(\d{2})\s*年\s*\d{1,2}\s*月)")


_UNION_LIKE = re.compile(r"(?:工会|女职工委员会|女工委员会|女教职工委员会|女职委|女工委|团支部|团委|团总支)$")
# a federation of unions above the plan's unit: it sends directives, it does not plan here
_SUPERIOR = re.compile(r"^(?:中华全国|全国|省|市|县|区|州|盟)总(?:工会)?$|^上级")


def unit_from_mentions(mentions) -> str | None:  # noqa: ANN001 - bodies.Mention
    """Last resort when title, opening subject and signature are silent: the
    union-type body the plan names most often that is neither a leader above
    it ("在市局工会领导下") nor a generic kind ("基层工会", "上级工会")."""
    counts: dict[str, int] = {}
    leaders = {m.name for m in mentions if m.role == "leader"}
    for m in mentions:
        if (
            _UNION_LIKE.search(m.name)
            and m.name not in leaders
            and not is_generic_org(m.name)
            and not _SUPERIOR.search(m.name)
            and not m.name.startswith(("各", "全"))  # 各直属工会女职工委员会: the many it addresses
        ):
            counts[m.name] = counts.get(m.name, 0) + 1
    if not counts:
        return None
    return max(counts, key=lambda n: (counts[n], len(n)))
