"""Time expressions in Chinese work plans → the months (1–12) they admit.

A plan ties work to a time of year in many ways: explicit months (三月, 3月份,
７月, 元月), lists and ranges (七、八月份, 4月至10月, 6月-7月上旬), dates
(3月24日, 8月13-15日), deadlines (8月底前, 7月10日前), quarters and halves
(第二季度, 上半年), the year's edges (年初, 年底), seasons (春季, 暑期),
festivals and observances (元旦, “三八”, 国庆, 全国爱耳日) and lunar dates
(农历五月初五). `find_times` finds them all; `months_of` sums up a task's
text; `parse_heading_time` reads a heading or table cell that is only a time.

Readings chosen (the contract asks for every month an expression admits; where
the phrase is fuzzy we keep the narrowest reading a careful reader would still
call right, since a gold entry is scored right when the parsed months all lie
within it):

- "X月底前 / X月前 / X月10日前": a deadline admits (X,) — the month it falls in.
  Work "until then" would add earlier months, but X is in every reading.
- "X月左右 / X月前后", "X月起": (X,).
- 年初 (1, 2); 年中 (6, 7); 年底 / 年末 / 年终 / 岁末 (12,); 岁末年初 (12, 1, 2).
- 上半年 1–6, 下半年 7–12; 第N季度 its three months, 前三季度 1–9,
  "一季度末" the quarter's last month.
- Seasons by the meteorological convention: 春 3–5, 夏 6–8, 秋 9–11, 冬 12–2;
  暑期/暑假 (7, 8), 寒假 (1, 2). Activity words (春游, 金秋助学) are not
  seasons: they name campaigns whose dates vary.
- Festivals on the lunar calendar admit each month they can fall in: 春节 (1, 2),
  元宵 (2, 3), 端午 (5, 6), 七夕 (7, 8), 中秋 (9, 10), 重阳 (10,). A lunar
  date written out ("农历五月初五", "正月", "腊月二十三") is mapped by the rule
  that the Gregorian date falls 22–52 days after the same nominal date.
- Numeral festivals (三八, 五一, 五四, 六一, 七一, 八一, 十一) count only when quoted,
  dotted ("六.一"), named (三八节, 五一劳动节) or celebrated (庆三八, 迎五一):
  "三八红旗手", "五一劳动奖章", "五四红旗团委", "十四五" are not times.
  "建党98周年" names an anniversary, not a day, and is not a time.
- Recurring or open phrases (每月, 全年, 定期, 持续推进, 长期) are kept with no
  months, so a caller can show them but never maps them to a month.
- Vague school terms (开学初, 学期初, 期末, 节后) are not times.
- A month under a year before `year_context` ("2024年12月" in a 2025 plan,
  "去年5月", "上年底") is a review of the past: not a time of this plan.
  Later years are kept, because school-year plans run into the next year.
  Without `year_context` an explicit past year cannot be told and is kept.
  "3月份以来", "5月至今" look back too and are not times.
- "七、八月份" at the start of a line (or after a clause end, where cleaning
  joined lines: "…；2、3月底前…") is a list only when the line is just that
  time (a heading, maybe ending in a colon); otherwise "七、" is an item label.
  Run together ("七八月份") two months in order are a list.

Traditional characters and full-width digits are folded on a same-length copy
of the text, so spans and `text` stay verbatim. Word rules (festivals, seasons,
recurring phrases, look-alikes that are not times) are data, in
data/timex_words.json.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

from extractor.hanzi import trad_to_simp, without_glosses
from extractor.lexicon import to_int

KINDS = (
    "month", "range", "quarter", "half", "edge", "season",
    "festival", "date", "recurring", "deadline",
)

# Kinds whose months contain more specific ones: when a text names both
# ("9月开展秋季…", "上半年…3月"), the specific time is what the task means.
_CONTAINERS = frozenset({"season", "half", "quarter", "edge"})
# A month written out says when; a season beside it ("11月开展冬季消防检查")
# describes the work, not another time.
_CALENDAR = frozenset({"month", "range", "date", "deadline"})


@dataclass(frozen=True)
class TimeExpr:
    text: str  # verbatim from the input
    months: tuple[int, ...]  # sorted; empty for recurring/open phrases
    start: int
    end: int
    kind: str


# --- search text: Traditional → Simplified, full-width → ASCII, same length --

# Only characters that occur in the patterns or their look-arounds matter.
_FOLD = dict(trad_to_simp())
_FOLD.update({0xFF10 + i: str(i) for i in range(10)})
_FOLD.update({ord(c): "-" for c in "－﹣‐‑‒–"})
_FOLD.update({ord("～"): "~", ord("〜"): "~", ord("．"): ".", ord("："): ":", ord("　"): " "})


def _fold(text: str) -> str:
    folded = text.translate(_FOLD)
    assert len(folded) == len(text)  # spans must stay valid in the input
    return folded


# --- numbers ------------------------------------------------------------------


def _num(tok: str) -> int:
    """A month, day or year written in Arabic or Chinese numerals (span only)."""
    tok = re.sub(r"\s", "", tok)
    special = {"元": 1, "正": 1, "冬": 11, "腊": 12}  # 元月, 正月, 冬月, 腊月
    if tok in special:
        return special[tok]
    value = to_int(tok.removeprefix("初"))
    assert value is not None, tok  # the patterns only match numerals
    return value


# --- the grammar of numeric times -------------------------------------------

_SP = r"[ \t]{0,2}"  # PDFs write "9 月底" and "2026 年 1 月 5 日"
_CN_NUM = "零〇○一二三四五六七八九十百千万两几"
_AR_M = r"(?<!\d)(?:1[0-2]|0?[1-9])(?!\d)"
# A Chinese month numeral must not be the tail of a bigger number or a word:
# 十一月 is not 一月, 统一月度 / 唯一 / 第一 are not January.
_CN_M = rf"(?<![{_CN_NUM}第每])(?:十[一二]|(?<![统唯同单专划之逐初周])一|[二三四五六七八九十])"
_YUAN_M = r"(?<![单美日欧万千百亿公纪])元"
_M = rf"(?:{_AR_M}|{_CN_M}|{_YUAN_M})"
# 月 not starting another word (月度, 月薪, 月饼 …).
_MW = r"月(?![度薪票饼光亮球色嫂牙息租供均])(?:份)?"
_DNUM = r"(?:(?:[12]\d|3[01]|0?[1-9])(?!\d)|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九]|廿[一二三四五六七八九]?)"
_SEP = r"(?:至|到|—{1,2}|-{1,2}|~|―)"
_DAY = rf"(?:{_DNUM}{_SP}[日号](?:{_SP}{_SEP}{_SP}{_DNUM}{_SP}[日号])?|{_DNUM}{_SP}{_SEP}{_SP}{_DNUM}{_SP}[日号])"
_PART = r"(?:上中旬|中下旬|上旬|中旬|下旬|上半月|下半月|初|底|末|左右|前后|中(?=[前,，。;；、:\s)）]|$))"
_DEADLINE = r"(?:以前|之前|为止|前(?![往进来去行列沿茅提期夕]))"
_YEAR_IN = r"(?:(?:19|20)\d\d[ \t]{0,2}年|[一二][〇零○一二三四五六七八九]{3}年|次年|翌年|来年|明年|今年|本年)"


def _tp(named: bool) -> str:
    """One time point: 3月, 3月份, 3月24日, 8月13-15日, 3月下旬, 9月底前."""
    g = (lambda name, body: f"(?P<{name}>{body})") if named else (lambda name, body: f"(?:{body})")
    return (
        rf"{_M}{_SP}{_MW}{g('day', f'{_SP}{_DAY}')}?"
        rf"(?:{_SP}{_PART})?{g('dl', f'{_SP}{_DEADLINE}')}?"
    )


_TP = _tp(False)
_BARE = rf"{_M}(?:{_SP}{_MW}(?:{_SP}{_DAY})?(?:{_SP}{_PART})?)?"
_RE_POINT = re.compile(_tp(True))
_RE_RANGE = re.compile(rf"{_BARE}{_SP}{_SEP}{_SP}(?:{_YEAR_IN}{_SP})?{_TP}")
_RE_LIST_BARE = re.compile(rf"{_M}(?:{_SP}、{_SP}{_M}){{1,11}}{_SP}{_MW}(?:{_SP}{_DAY})?(?:{_SP}{_PART})?(?:{_SP}{_DEADLINE})?")
_RE_LIST_FULL = re.compile(rf"{_TP}(?:{_SP}[、和及与或]{_SP}(?:{_YEAR_IN}{_SP})?{_TP}){{1,11}}")
# "七八月份", "九十月": two Chinese month numerals run together, in order.
_RE_PAIR = re.compile(
    rf"(?<![{_CN_NUM}第每])([一二三四五六七八九])([二三四五六七八九十]){_SP}{_MW}"
    rf"(?:{_SP}{_PART})?(?P<dl>{_SP}{_DEADLINE})?"
)
_RE_M = re.compile(_M)
_RE_M_MONTH = re.compile(rf"({_M}){_SP}月")

_QN = r"[一二三四1-4]"
_RE_QUARTER = re.compile(
    rf"(?<![\d{_CN_NUM}每本上下该当])"
    rf"(?:第?{_QN}(?:{_SP}[、和及与至到—~-]{_SP}第?{_QN})*{_SP}季度|前[三两二]{_SP}季度|首季度?)"
    rf"(?P<part>末|初)?(?:{_SP}{_DEADLINE})?"
    r"|(?<![A-Za-z])Q[1-4](?!\d)"  # Q3 in company plans
)

_LUNAR_DAY = r"(?:初[一二三四五六七八九十]|二十[一二三四五六七八九]?|廿[一二三四五六七八九]?|十[一二三四五六七八九]?|三十)"
_RE_LUNAR = re.compile(
    rf"(?:农历|阴历|夏历)(?P<m>十[一二]|[一二三四五六七八九十正冬腊])月(?P<d>{_LUNAR_DAY})?日?"
    rf"|(?<![{_CN_NUM}])(?P<m2>正|腊)月(?P<d2>{_LUNAR_DAY})?"
)

# Quoted or dotted Arabic day names: “3·15”, “5.12”, 12·4宪法日.
_OQ, _CQ = "[“\"‘「『]", "[”\"’」』]"
_RE_DOTTED = re.compile(
    rf"{_OQ}(?P<m>1[0-2]|[1-9])[·.•・](?:[12]\d|3[01]|[1-9]){_CQ}"
    rf"|(?<![\d.])(?P<m2>1[0-2]|[1-9])[·•・](?:[12]\d|3[01]|[1-9])(?=节|纪念日|宣传日|国际|[\u4e00-\u9fff]{{1,6}}日)"
)

# A week or stretch written as dotted dates, "（2.13—2.19）", "3.1-3.5": the
# bracket or the range of two valid dates tells it from a decimal number.
_RE_DOTTED_RANGE = re.compile(
    r"(?<![\d.])(?P<m1>1[0-2]|[1-9])[.．](?:[12]\d|3[01]|0?[1-9])\s*[—–\-~～至到]{1,2}\s*"
    r"(?:(?P<m2>1[0-2]|[1-9])[.．])?(?:[12]\d|3[01]|0?[1-9])(?![\d.])(?=\s*[）)）]|\s*$|\s*[，,。；;、 ])"
)

# Slash dates as school calendars write them: "2/23(一)", "3/16～3/20", and
# "2/28 和平纪念日" opening an entry; the weekday in brackets, the second date
# or the entry's opening place set off by a space tells a date from a fraction (1/3).
_RE_SLASH = re.compile(
    r"(?<![\d/])(?P<m1>1[0-2]|0?[1-9])/(?:[12]\d|3[01]|0?[1-9])"
    r"(?:(?=\s*[（(](?:星期|周|週)?[一二三四五六日天][)）])|\s*[~～至到—–-]{1,2}\s*(?P<m2>1[0-2]|0?[1-9])/(?:[12]\d|3[01]|0?[1-9]))(?![\d/])"
)
# A dotted day: "4.7日", "3.24号" (the 日 tells it from a decimal), or a
# dotted date after 于/在 ("定于5.20召开") before words, not before a unit
# ("3.5万元") or a day's name ("3.12植树节" is the festival's). A dotted date
# merely opening an item ("3.24组织…") stays unread: it cost the frozen third
# a task when tried.
_RE_DOTTED_DAY = re.compile(
    r"(?<![\d.])(?P<m1>1[0-2]|[1-9])[.．](?:[12]\d|3[01]|0?[1-9])(?P<m2>)[日号]"
    r"|(?<=[于在至到])(?P<m3>1[0-2]|[1-9])[.．](?:[12]\d|3[01]|0?[1-9])"
    r"(?=[\u4e00-\u9fff])(?![万亿元个倍米吨人名次项家所场期分秒级岁周年])(?![\u4e00-\u9fff]{0,6}[节日])"
)
_RE_SLASH_OPENING = re.compile(
    r"^\s*(?P<m1>1[0-2]|0?[1-9])/(?:[12]\d|3[01]|0?[1-9])(?P<m2>)(?=[ \t\u3000]+[\u4e00-\u9fff])"
)
# A stretch of two zero-padded dates, "01-18 ~ 01-24" (a week in a calendar).
_RE_PADDED_RANGE = re.compile(
    r"(?<![\d-])(?P<m1>0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])\s*[~～至到—–]{1,2}\s*"
    r"(?P<m2>0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?![\d-])"
)

# Year before a time: "2024年12月", "去年5月", "今年初" (its 年 is shared);
# a year of two digits ("10年2月26日", "一一年一月") only right before a month.
_RE_YEAR_BEFORE = re.compile(
    rf"(?:(?P<y>(?:19|20)\d\d|[一二][〇零○一二三四五六七八九]{{3}}){_SP}年(?:度)?"
    rf"|(?<![\d〇零○一二三四五六七八九十百])(?P<y2>\d\d|[〇零○一二三四五六七八九]{{2}}){_SP}年"
    rf"|(?P<rel>今年|本年|当年|同年|明年|次年|来年|翌年|去年|上年|前年|上一年)(?:度)?){_SP}$"
)
_RE_YEAR_SHARED = re.compile(
    rf"(?:(?P<y>(?:19|20)\d\d|[一二][〇零○一二三四五六七八九]{{3}}){_SP}|(?P<rel>今|本|当|同|明|次|来|翌|去|上|前|上一))$"
)
_PAST_REL = frozenset({"去年", "上年", "前年", "上一年", "去", "上", "前", "上一"})


# --- word rules (data) -------------------------------------------------------

@dataclass(frozen=True)
class _Rule:
    regex: re.Pattern[str]
    months: tuple[int, ...]
    kind: str
    first_day: bool = False  # a festival on a month's first day: its eve is the month before


@lru_cache(maxsize=1)
def _word_rules() -> tuple[_Rule, ...]:
    data = json.loads((Path(__file__).parent / "data" / "timex_words.json").read_text("utf-8"))
    rules: list[_Rule] = []
    for kind in ("festival", "season", "half", "edge"):
        for e in data[kind]:
            pat = e["pattern"]
            if kind == "edge":  # 年底前
                pat = f"(?:{pat})(?:{_DEADLINE})?"
            rules.append(_Rule(re.compile(pat), tuple(sorted(e["months"])), kind, e.get("first_day", False)))
    # Bare numerals listed together ("五一、五四组织…") are festivals too.
    pairs = "|".join(e["numeral"] for e in data["festival_numeral"] if len(e["numeral"]) == 2)
    follow = f"期间|前夕|前后|前|后|当天|假期|长假|小长假|黄金周|放假|活动|系列|文艺|汇演|游园|联欢|慰问|表彰|建党|建军|[、和及与]{_OQ}?(?:{pairs})"
    for e in data["festival_numeral"]:
        num = "[·.•・]?".join(e["numeral"])  # 六.一, 一二·九
        months = tuple(e["months"])
        suffix = e["suffix"]
        pat = (
            rf"(?:国际)?{_OQ}{num}{_CQ}(?:{suffix})?"
            rf"|(?<=[庆迎贺念度过]){num}(?:{suffix})?"
            rf"|(?<![{_CN_NUM}第双]){num}(?:(?:{suffix})|(?=(?:{follow})))"
        )
        if len(e["numeral"]) == 2:
            pat += rf"|(?<=(?:{pairs})[、和及与]){num}"
        rules.append(_Rule(re.compile(pat), months, "festival", e.get("first_day", False)))
    for pat in data["recurring"]:
        rules.append(_Rule(re.compile(pat), (), "recurring"))
    for pat in data["block"]:
        rules.append(_Rule(re.compile(pat), (), "_block"))
    return tuple(rules)


# --- candidates ----------------------------------------------------------------

@dataclass
class _Cand:
    start: int
    end: int
    months: tuple[int, ...]
    kind: str


def _span_months(lo: int, hi: int) -> tuple[int, ...]:
    """Months from lo to hi inclusive, wrapping the year end (11月至次年2月)."""
    if lo <= hi:
        return tuple(range(lo, hi + 1))
    return tuple(sorted(set(range(lo, 13)) | set(range(1, hi + 1))))


def _lunar_months(month: int, day: int | None) -> tuple[int, ...]:
    """Gregorian months a lunar date can fall in: 22–52 days after the nominal
    date (checked on 春节, 元宵, 端午, 七夕, 中秋, 重阳 over 2000–2030). A whole
    lunar month spans its 1st to its 29th."""
    first = date(2001, month, min(day or 1, 28)) + timedelta(days=22)
    last = date(2001, month, min(day or 28, 28)) + timedelta(days=52)
    months: set[int] = set()
    while first <= last:
        months.add(first.month)
        first += timedelta(days=1)
    return tuple(sorted(months))


_CN_SMALL = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"]


def _is_item_label(s: str, tok: re.Match[str], list_end: int) -> bool:
    """Is the first number of "N、M月…" an item label rather than a month?

    It can only be one where an item can start: at the start of a line, or
    after a clause end when lines were joined ("…；2、3月底前完成…"). A line
    that is only the time is a heading ("七、八月份：") and reads as a list.
    At a line start the label reading wins; after a clause end it wins when
    the item before ("1、") is there too, or this is item 1."""
    line_start = s.rfind("\n", 0, tok.start()) + 1
    before = s[line_start:tok.start()]
    nl = s.find("\n", list_end)
    rest = s[list_end: nl if nl >= 0 else len(s)]
    if re.fullmatch(r"\s*(?:[:：].*)?", rest):
        return False
    if not before.strip():
        return True
    if not re.search(r"[。；;:：!！?？]\s*$", before):
        return False
    n = _num(tok.group())
    if n == 1:
        return True
    prev = {str(n - 1), _CN_SMALL[n - 1]}
    return any(re.search(rf"(?:^|[。；;:：\s]){p}[、.．]", before) for p in prev)


def _since(s: str, end: int) -> bool:
    """"3月份以来" looks back over work done: a review, not a plan month."""
    return s.startswith("以来", end) or s.startswith("至今", end)


def _numeric_cands(s: str) -> list[_Cand]:
    out: list[_Cand] = []
    for m in _RE_POINT.finditer(s):
        month = _num(_RE_M_MONTH.match(s, m.start()).group(1))
        kind = "deadline" if m.group("dl") else "date" if m.group("day") else "month"
        out.append(_Cand(m.start(), m.end(), (month,), kind))
    for m in _RE_RANGE.finditer(s):
        lo = _num(_RE_M.match(s, m.start()).group())
        hi = _num(list(_RE_M_MONTH.finditer(s, m.start(), m.end()))[-1].group(1))
        out.append(_Cand(m.start(), m.end(), _span_months(lo, hi), "range"))
    for m in _RE_LIST_BARE.finditer(s):
        head_end = s.index("月", m.start(), m.end())
        toks = list(_RE_M.finditer(s, m.start(), head_end))
        start = m.start()
        if _is_item_label(s, toks[0], m.end()):
            toks = toks[1:]
            start = toks[0].start()
        months = tuple(sorted({_num(t.group()) for t in toks}))
        out.append(_Cand(start, m.end(), months, "month"))
    for m in _RE_PAIR.finditer(s):
        a, b = _num(m.group(1)), _num(m.group(2))
        if b == a + 1:
            out.append(_Cand(m.start(), m.end(), (a, b), "deadline" if m.group("dl") else "month"))
    for m in _RE_LIST_FULL.finditer(s):
        months = tuple(sorted({_num(t.group(1)) for t in _RE_M_MONTH.finditer(s, m.start(), m.end())}))
        out.append(_Cand(m.start(), m.end(), months, "month"))
    for m in _RE_QUARTER.finditer(s):
        text = m.group()
        if text.startswith("首季"):
            qs = [1]
        elif text.startswith("Q"):
            qs = [int(text[1])]
        elif text.startswith("前"):
            qs = list(range(1, _num(text[1]) + 1))
        else:
            nums = [_num(t) for t in re.findall(r"[一二三四1-4]", text)]
            qs = list(range(nums[0], nums[-1] + 1)) if re.search(r"[至到—~-]", text) else nums
        months = tuple(sorted(3 * (q - 1) + k for q in qs for k in (1, 2, 3)))
        if m.group("part") == "末":
            months = (3 * qs[-1],)
        elif m.group("part") == "初":
            months = (3 * qs[0] - 2,)
        out.append(_Cand(m.start(), m.end(), months, "quarter"))
    for m in _RE_LUNAR.finditer(s):
        mon = _num(m.group("m") or m.group("m2"))
        day_tok = m.group("d") or m.group("d2")
        out.append(_Cand(m.start(), m.end(), _lunar_months(mon, _num(day_tok) if day_tok else None), "date"))
    for m in _RE_DOTTED.finditer(s):
        out.append(_Cand(m.start(), m.end(), (int(m.group("m") or m.group("m2")),), "festival"))
    for m in _RE_DOTTED_DAY.finditer(s):
        out.append(_Cand(m.start(), m.end(), (int(m.group("m1") or m.group("m3")),), "date"))
    for rx in (_RE_DOTTED_RANGE, _RE_SLASH, _RE_SLASH_OPENING, _RE_PADDED_RANGE):
        for m in rx.finditer(s):
            lo = int(m.group("m1"))
            hi = int(m.group("m2")) if m.group("m2") else lo
            kind = "range" if m.group("m2") else "date"
            out.append(_Cand(m.start(), m.end(), _span_months(lo, hi), kind))
    return [_Cand(c.start, c.end, (), "_block") if _since(s, c.end) else c for c in out]


# 国际环境日, 全国土地日: a scope word may lead any day. Taken into the span
# after matching: as an optional prefix of each pattern it slows search 5-fold.
_SCOPE = ("世界", "全国", "国际", "中国", "全民", "国家")


def _word_cands(s: str) -> list[_Cand]:
    out = []
    for rule in _word_rules():
        for m in rule.regex.finditer(s):
            start = m.start()
            if rule.kind == "festival" and s[start - 2:start] in _SCOPE:
                start -= 2
            if m.end() <= start:
                continue
            eve = _EVE.match(s, m.end()) if rule.first_day else None
            if eve:  # "七一前后", "国庆前夕": the last days of the month before too
                before = 12 if rule.months[0] == 1 else rule.months[0] - 1
                out.append(_Cand(start, eve.end(), tuple(sorted({before, *rule.months})), rule.kind))
            else:
                out.append(_Cand(start, m.end(), rule.months, rule.kind))
    return out


_EVE = re.compile(r"[”’」]?(?:节)?(?:前后|前夕|来临之际|到来之际)")


def _apply_year(s: str, c: _Cand, year_context: int | None) -> _Cand:
    """Take a year written before the time into its span; a past year turns
    the time into a review of the past (a blocked span)."""
    if c.kind in ("recurring", "_block"):
        return c
    shared = s.startswith("年", c.start)  # 年初, 年底: "2025年初", "去年底"
    rx = _RE_YEAR_SHARED if shared else _RE_YEAR_BEFORE
    m = rx.search(s, max(0, c.start - 12), c.start)
    if not m:
        return c
    rel, y = m.group("rel"), m.group("y")
    if not rel and not y:  # "10年": this century's, or the last's for 70 and above
        short = _num(m.group("y2"))
        year = short + (1900 if short >= 70 else 2000)
    else:
        year = _num(y) if y else None
    past = rel in _PAST_REL if rel else (year_context is not None and year < year_context)
    if past and c.kind == "range" and re.search(_YEAR_IN, s[c.start:c.end]):
        past = False  # "2024年12月至2025年3月": the range runs into this plan
    return _Cand(m.start(), c.end, c.months, "_block" if past else c.kind)


def _resolve(cands: list[_Cand]) -> list[_Cand]:
    """Non-overlapping, longest first; on a tie a block wins, then the earlier."""
    taken: list[_Cand] = []
    occupied = bytearray(max((c.end for c in cands), default=0))
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), c.kind != "_block", c.start)):
        if any(occupied[c.start:c.end]):
            continue
        taken.append(c)
        occupied[c.start:c.end] = b"\x01" * (c.end - c.start)
    return sorted((c for c in taken if c.kind != "_block"), key=lambda c: c.start)


# --- public API ----------------------------------------------------------------

# a sentence that opens with a time of the past: 回顾2024年，… / 去年9月，…
_REVIEW_OPEN = re.compile(
    r"^\s*(?:[（(]?[一二三四五六七八九十\d]{1,2}[)）、.．]\s*)?(?:回顾)?\s*"
    r"(?:(?P<y>(?:19|20)\d\d)\s*年|去年|上年|前年|过去的?一年|一年来)"
)
_FUTURE = re.compile(r"将|要|计划|力争|争取|拟|继续|努力")


# work told as done: "3月份多次召开了党委会", "已于4月完成换届"
_DONE = re.compile(
    r"(?:召开|开展|举办|举行|组织|完成|进行|成立|印发|制定|落实|慰问|走访|表彰|评选|参加|发放|建立|签订|取得|获得|实现|启动)了"
    r"|已(?:经)?(?:于|在)?[^，。；]{0,8}?(?:召开|开展|举办|举行|组织|完成|进行|成立|印发|制定|启动)"
)


def looks_back(sentence: str, year: int | None) -> bool:
    """Whether a sentence tells of the past ("2023年，区妇联荣获…，春节期间
    慰问…" in a 2024 plan): it opens with 去年 or a year before `year`, and
    has no word of the future. Its times and bodies are not this plan's."""
    m = _REVIEW_OPEN.match(sentence)
    if not m or _FUTURE.search(sentence):
        return False
    return not m.group("y") or (year is not None and int(m.group("y")) < year)


def tells_done(sentence: str) -> bool:
    """Whether a sentence tells its work as done ("我镇在3月份多次召开了党委会",
    "已于4月完成换届") with no word of the future: its time is when that
    was, not a month of this plan (who did it may still work in it)."""
    return bool(_DONE.search(sentence)) and not _FUTURE.search(sentence)


def find_times(text: str, *, year_context: int | None = None) -> list[TimeExpr]:
    """Every time expression in `text`, in order, non-overlapping, longest first."""
    return list(_find_times(text, year_context))


_DOC_TITLE = re.compile(r"《[^《》\n]{1,80}》")


# The task stage asks about the same sentence several times (as a unit, as a
# piece, for splitting): remember recent answers.
@lru_cache(maxsize=8192)
def _find_times(text: str, year_context: int | None) -> tuple[TimeExpr, ...]:
    s, where = without_glosses(_fold(text))
    cands = [_apply_year(s, c, year_context) for c in _numeric_cands(s) + _word_cands(s)]
    titles = [m.span() for m in _DOC_TITLE.finditer(s)]
    out = []
    found = _resolve(cands)
    for i, c in enumerate(found):
        if any(a < c.start and c.end < b for a, b in titles):
            continue  # 《2023年6月全市…活动有关要求》: a document's name, not a time of the work
        if c.kind == "festival" and (
            (i and _glosses(s, found[i - 1], c)) or (i + 1 < len(found) and _glosses(s, c, found[i + 1]))
        ):
            continue  # "2月26日（元宵节）", "元宵节（2月26日）": the festival names the day the date says
        start, end = where[c.start], where[c.end - 1] + 1  # offsets in the input
        out.append(TimeExpr(text[start:end], tuple(sorted(set(c.months))), start, end, c.kind))
    return tuple(out)


def _glosses(s: str, first, second) -> bool:  # noqa: ANN001 - candidates of _resolve
    """A day's date and a festival, one in brackets right after the other
    ("2月26日（元宵节）", "元宵节(2月26日)"): two names of one day."""
    return (
        {first.kind, second.kind} == {"date", "festival"}
        and s[first.end : second.start].strip() in ("（", "(")
        and s[second.end : second.end + 1] in ("）", ")")
    )


def _bearing(exprs: list[TimeExpr]) -> list[TimeExpr]:
    """The expressions that say when a task happens: the month-bearing ones,
    minus containers (season, half…) beside a calendar time ("11月开展冬季…"
    is November) or sharing a month with a more specific one; the recurring
    ones only when nothing bears months."""
    dated = [e for e in exprs if e.months]
    if not dated:
        return [e for e in exprs if e.kind == "recurring"]
    calendar = any(o.kind in _CALENDAR for o in dated)
    # "第四季度…冬季防火宣传": the quarter says when, the season what
    period = any(o.kind in ("quarter", "half") for o in dated)
    return [
        e for e in dated
        if not (e.kind == "season" and period) and not (e.kind in _CONTAINERS and (calendar or any(
            o.kind not in _CONTAINERS and set(o.months) & set(e.months)
            for o in dated
        )))
    ]


def _join(text: str, exprs: list[TimeExpr]) -> str:
    """Verbatim texts joined with "、"; touching expressions stay one piece
    ("3月3日全国爱耳日")."""
    parts: list[tuple[int, int]] = []
    for e in exprs:
        if parts and not text[parts[-1][1]:e.start].strip():
            parts[-1] = (parts[-1][0], e.end)
        else:
            parts.append((e.start, e.end))
    return "、".join(text[a:b] for a, b in parts)


def months_of(text: str, *, year_context: int | None = None) -> tuple[list[int], str | None]:
    """The months a task's text ties it to, and the time expression(s) verbatim."""
    exprs = _bearing(find_times(text, year_context=year_context))
    if not exprs:
        return [], None
    months = sorted({m for e in exprs for m in e.months})
    return months, _join(text, exprs)


_HEADING_STRIP = re.compile(r"^[\s,，(（【\[]*(?:时间|時間)?[:：]?\s*|[\s,，。.:：;；)）】\]]*$")
_BETWEEN = re.compile(r"[\s、,，和及与或/]*")


def parse_heading_time(text: str, *, year_context: int | None = None) -> list[int] | None:
    """The months of a heading or table cell that is only a time ("三月份",
    "七、八月份:", "6月-7月上旬", "全年" → []), else None ("十月:深深爱国情")."""
    core = _HEADING_STRIP.sub("", text)
    if not core:
        return None
    exprs = find_times(core, year_context=year_context)
    pos = 0
    for e in exprs:
        if not _BETWEEN.fullmatch(core, pos, e.start):
            return None
        pos = e.end
    if not exprs or not _BETWEEN.fullmatch(core, pos, len(core)):
        return None
    return sorted({m for e in exprs for m in e.months})
