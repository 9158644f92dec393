"""Quantified commitments: 至少组织一次, 培训200人次, 入会率达到95%以上.

A target is a count with a unit (次, 人次, 期, 个, 家, 份, 名, %, …) that the
plan commits to: a bound (至少, 不少于, 以上), a goal verb (达到, 突破,
确保) or an action verb (组织, 举办, 培训, 新建, 命名 …) in the same clause
before it. Not targets: years, dates and ordinals (第二期, 第六届, 五届四次),
numbers inside quotes or titles (“十四五”, “三个代表”, 《…》), and summary
counts of a list (“…等四个保障计划”, "三个能力：…").
Chinese numerals are converted with cn2an, applied only to the number span.
"""

from __future__ import annotations

import re
from functools import lru_cache

from models import Target

_CN = "零〇一二两三四五六七八九十百千万"
_NUM = rf"(?:\d+(?:\.\d+)?|[{_CN}]+)"
# longest first: 人次 before 人, 场次 before 场, 万元 before 元
_UNITS = [
    "人次", "场次", "万元", "课时", "学时", "小时", "元", "人", "次", "期", "场", "个", "家", "份", "名", "项",
    "篇", "件", "户", "所", "支", "天", "组", "队", "班", "门", "间", "座", "台", "套", "本", "册", "张", "幅",
    "首", "堂", "轮", "%", "％",
]
_QTY = re.compile(
    rf"(?P<num>{_NUM}(?:\s*[—\-~～至到]\s*{_NUM})?)\s*(?P<wan>万)?\s*(?P<unit>{'|'.join(map(re.escape, _UNITS))})(?P<bound>\s*(?:以上|左右|余|多)?)"
)
_PERCENT = re.compile(rf"百分之(?P<num>{_NUM})")
_BOUND_BEFORE = ("至少", "不少于", "不低于", "不少於", "最少", "不少于", "超过", "多于", "不超过", "控制在")
_GOAL = ("达到", "达", "保持", "突破", "力争", "确保", "争取", "提高到", "提升到", "增长", "覆盖")
_ACTION = (
    "组织", "举办", "开展", "召开", "举行", "安排", "培训", "签订", "续签", "新签", "新增", "新建", "新发展", "发展",
    "新创建", "创建", "再创", "命名", "评选", "表彰", "选树", "推荐", "设置", "开设", "成立", "建立", "资助",
    "慰问", "走访", "参训", "参赛", "培养", "发放", "征集", "吸收", "帮扶", "救助", "宣讲", "完成", "覆盖",
    "集中学习", "学习", "开展了", "建成", "打造", "组建", "招募", "献血", "捐",
)
_CLAUSE = "，,。；;：:！!？?\n（）()"
_QUOTED = re.compile(r"“[^”\n]{0,40}”|《[^》\n]{0,60}》|「[^」\n]{0,40}」|‘[^’\n]{0,40}’")
_ORDINAL_BEFORE = re.compile(rf"(第|届|每|星期|周|礼拜){_NUM}?$")
_VAGUE = {"一批", "一些", "几个", "一个", "一支"}
_WINDOW = 18


@lru_cache(maxsize=4096)
def _cn2an(span: str) -> float | int:
    """cn2an's reading of a numeral (0.7 ms a call, and 0.1 s to import:
    imported when a plan first names a Chinese number, each numeral read once)."""
    import cn2an

    return cn2an.cn2an(span, "smart")


def _number(span: str) -> float | int | None:
    span = span.strip()
    if re.fullmatch(r"[一二两三四五六七八九]{2}", span):
        span = span[0]  # 一两场, 三五次: a run-together estimate; its floor is the commitment
    try:
        value = float(span) if re.fullmatch(r"\d+(?:\.\d+)?", span) else _cn2an(span)
    except (ValueError, KeyError, TypeError):
        # run-together estimates such as 一两 or 三五: take the first, the commitment's floor
        first = span[:1]
        try:
            value = _cn2an(first) if first in _CN else None
        except (ValueError, KeyError, TypeError):
            return None
    if value is None:
        return None
    return int(value) if float(value).is_integer() else float(value)


def find_targets(text: str) -> list[Target]:
    """The quantified commitments in a text, in reading order."""
    if not text:
        return []
    quoted = [(m.start(), m.end()) for m in _QUOTED.finditer(text)]
    out: list[Target] = []
    last_end = -1
    for m in _QTY.finditer(text):
        s, e = m.start(), m.end()
        if any(a <= s < b for a, b in quoted):
            continue
        num, unit = m.group("num"), m.group("unit")
        unit = "%" if unit == "％" else unit
        before = _clause_before(text, s)
        if _ORDINAL_BEFORE.search(text[max(0, s - 3) : s]) or _is_inside_number(text, s, e):
            continue
        low = re.split(r"\s*[—\-~～至到]\s*", num)[0]
        qty = _number(low)
        if qty is None:
            continue
        if m.group("wan"):
            qty = int(qty * 10000) if float(qty * 10000).is_integer() else qty * 10000
        bound = m.group("bound").strip()
        cue = _cue(before, unit)
        if not cue and out and last_end >= 0 and re.fullmatch(r"[^，,。；;：:！!？?\n]*、[^，,。；;：:！!？?\n]*", text[last_end:s]):
            # the next item of a list of targets under one verb: 创建…1个、…10名
            cue = text[text.rindex("、", last_end, s) + 1 : s]
        if not cue and not bound:
            continue
        if not bound and (num + unit) in _VAGUE | {v + unit for v in _VAGUE}:
            continue
        if _summary_count(text, s, e, before, cue, bound):
            continue
        start = s - len(cue) if cue else s
        phrase = text[start:e].strip()
        out.append(Target(quantity=qty, unit=unit, text=phrase))
        last_end = e
    for m in _PERCENT.finditer(text):
        before = _clause_before(text, m.start())
        qty = _number(m.group("num"))
        cue = _cue(before, "%")
        if qty is not None and cue:
            out.append(Target(quantity=qty, unit="%", text=text[m.start() - len(cue) : m.end()]))
    return out


def _clause_before(text: str, s: int) -> str:
    a = s
    while a > 0 and s - a < _WINDOW and text[a - 1] not in _CLAUSE:
        a -= 1
    return text[a:s]


def _cue(before: str, unit: str) -> str:
    """The words from the commitment cue to the number ("" if none).

    The earliest cue in the clause gives the whole phrase (力争参赛职工突破2万人次);
    for a percentage the rate's own name belongs to it (入会率达到95%).
    """
    if unit == "%":
        rate = re.search(r"[\u4e00-\u9fff]{2}率", before)
        if rate:
            return before[rate.start() :]
    found = [before.find(w) for w in (*_BOUND_BEFORE, *_GOAL, *_ACTION)]
    found = [k for k in found if k >= 0]
    return before[min(found) :] if found else ""


def _is_inside_number(text: str, s: int, e: int) -> bool:
    """A digit or numeral glued on the left (2025年的 “25” is not a count)."""
    return s > 0 and (text[s - 1].isdigit() or text[s - 1] == ".")


def _summary_count(text: str, s: int, e: int, before: str, cue: str, bound: str) -> bool:
    """…等四个保障计划, 三个能力：即… — a count that sums up a list."""
    if before.endswith("等") and not bound:
        return True
    ahead = text[e : e + 8]
    if "：" in ahead or ":" in ahead:
        return not cue
    return False
