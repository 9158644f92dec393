"""Blocks → clean lines.

Repairs what the file format and the web did to the text: line breaks
inside sentences, page numbers, site banners, bylines, teasers and tails,
labels run into the previous sentence, text tables written with pipes.
One `Line` is one paragraph (or one table) of the document.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field

from extractor.hanzi import plain, to_simplified, word_ends
from extractor.lexicon import LabelSequence, parse_label, starts_label
from extractor.tables import (
    bar_rows,
    barred_table,
    calendar_table,
    cell_of,
    closed_by_bar,
    column_role,
    grid,
    grid_tokens,
    mark_items,
    split_row,
    vertical_table,
)
from models import Block, Cell

# Characters that cannot start a line of Chinese prose: a line starting with
# one of them continues the previous line.
CLOSERS = "，。、；：？！）》」』】〕”’,.;:?!)…%％"
# A line ending with one of these ends its paragraph.
TERMINALS = "。！？；：!?;:….．"
_PAGE_NUMBER = re.compile(
    r"^(?:[-—–－_\s]*\d{1,4}[-—–－_\s]*|第\s*\d+\s*页(?:\s*[，,/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+|page\s*\d+(?:\s*of\s*\d+)?)$",
    re.I,
)
_URL = re.compile(r"(?:https?://|www\.)[\w./-]+|\b[\w-]+\.(?:com|cn|net|org)(?:\.cn)?\b", re.I)
_BYLINE_KEY = re.compile(r"(来源|作者|更新时间|发布时间|发表日期|发布日期|发布于|浏览次数|阅读次数|点击数|点击|人气|栏目|分类|标签|推荐人|出处|责任编辑|编辑|字体|浏览|阅读)\s*[:：]")
_DATE = re.compile(r"\d{4}\s*[-/.年]\s*\d{1,2}(?:\s*[-/.月]\s*\d{1,2})?")
_TIMESTAMP = re.compile(r"^[\d\s:/.\-年月日]+(?:浏览\s*[:：]?\s*\d+)?$")
# "2024年1月12日" ends a plan as its signature date; web timestamps are "2024-01-12 08:30"
_SIGNATURE_DATE = re.compile(r"^(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$")
_YEAR_MONTH = re.compile(r"(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月份?")
_TAIL = re.compile(
    r"^(?:本文来源|文章来源|责任编辑|相关推荐|相关文章|相关阅读|扫一扫|上一篇|下一篇|分享到|打印本页|关闭窗口|版权所有|免责声明|返回顶部|【打印】|推荐阅读|热门文章|猜你喜欢)"
)
# what document-sharing and essay sites wrap around a text: "《…》由会员分享，
# 可在线阅读", "(全文共1203字)", "字号：", "用手机扫描二维码", "设为首页"
_SITE = re.compile(
    r"由会员分享|可在线阅读|请在.{0,40}上搜索|文档下载|下载后的文档|仅供预览|内容可能不全|珍藏版|资源得分"
    r"|全文共\s*\d+\s*字|打开翻译|手机版|手机查看|手机扫描|二维码|^字号\s*[:：]?|设为首页|加入收藏|无障碍阅读|长者版"
    r"|全文预览已结束|下载本文档|本文档由用户提供|收益归属内容提供方|^文档简介$|^约\s*[\d.]+\s*千?字|^约\s*\d+\s*页|发布于\S{0,6}$|^举报$|阅读量\s*[:：]|我要投稿|在线客服|此处隐藏\d+个字"
    r"|下载文档前|自行甄别|部分预览|不可在线预览|如文档侵犯|侵犯您的权益|联系客服|人工客服|^合集下载$|^立即下载$|^文档下载$"
)
# "《…》由会员分享，可在线阅读，更多相关《…(3页珍藏版)》请在金锄头文库上搜索。",
# "上传人:… 文档编号:… 上传时间:…", "【文档说明】….docx(共4页),文档为.docx格式"
_SHARED_DOC = re.compile(
    r"由会员分享.{0,6}可在线阅读|^上传人\s*[:：].{0,40}(?:文档编号|上传时间)|^【文档说明】|文档为\.?(?:docx?|pdf|wps)格式"
    r"|本站不保证|^申明敬告|^文档介绍$|全部预览完了|^第\s*\d+\s*页\s*/\s*共\s*\d+\s*页$|_第\d+页$|^资源描述$|^返回\s*下载\s*相关\s*举报$"
)
# markers after which a web page lists other articles' titles, not the plan's text
_TAIL_LIST = re.compile(r"^【?(?:相关推荐|相关文章|相关阅读|相关链接|推荐阅读|热门文章|猜你喜欢|延伸阅读|更多(?:相关)?(?:文章|范文)|上一篇|下一篇)")
_CREDIT = re.compile(r"^[（(]\s*(?:供稿|来稿|稿件来源|通讯员|作者|来源|编辑)\s*[:：][^）)]*[）)]$")
_QA = re.compile(r"^(?:问题描述|最佳答案|推荐答案|其他答案|满意答案|提问者|回答者|网友回答)\s*[:：]?$")
# a compiler's word to the reader: "下面小编整理了…，希望对大家有所帮助"
_EDITOR = re.compile(
    r"小编(?:整理|收集|精心|为大家|给大家|带来|推荐|分享|为您)|希望(?:对|能)(?:大家|你|您)有所帮助|欢迎(?:大家)?(?:借鉴|阅读|参考|收藏)|仅供(?:大家)?参考"
    r"|(?:特|本站|精心)?为(?:大家|您|你)(?:整理|收集|精选|推荐|带来)|本站整理|以下是.{0,16}(?:整理|收集|精选)|(?:赶紧|欢迎)收藏|一起来看看吧"
    r"|(?:例文|范文)怎么写|供大家(?:参考|借鉴|阅读)|下面是.{0,12}(?:整理|带来|收集|分享)"
)
# the plan a compiler's note names when the page gives it no heading of its
# own: "小编精心整理2021年幼儿园5月工作重点及计划，老师们可以参考"
_NOTE_TITLE = re.compile(
    r"(?:整理|收集|精选|推荐|带来|分享)(?:了|的)?[“《]?"
    r"([^，,。；;！!“”《》<>\s]{2,30}?(?:工作计划|工作要点|计划|方案|要点|安排|规划))(?:[”》]|[，,。；;]|$)"
)
_PLAN_WORD = re.compile(r"计划|計劃|方案|要点|要點|安排|规划|規劃")


def _title_in_note(text: str) -> str | None:
    m = _NOTE_TITLE.search(text) if _EDITOR.search(to_simplified(text)) else None
    return m.group(1) if m else None


# a share bar: "阅读┊ 收藏 ┊转载 ┊喜欢▼ ┊打印┊举报"
_SHARE_WORDS = ("分享", "收藏", "转载", "喜欢", "打印", "举报", "点赞", "评论", "阅读", "关注")
_PLEA = re.compile(r"(?:求解答|求回复|求此刻回复|急求|求大神|谢谢大家)")
_BREADCRUMB = re.compile(r"(?:您的位置|当前位置|首页)\s*[:：>]|(?:\S\s*>\s*){2,}")
_BOOKMARK = re.compile(r"\[bookmark:[^\]]*\]")
_ELLIPSIS = re.compile(r"(?:\.{3,}|…+)$")


@dataclass
class Line:
    """One paragraph (or table) of clean text."""

    text: str = ""
    label: str = ""  # Word's automatic label, when the format had one
    list_level: int | None = None
    heading_level: int | None = None
    rows: list[list[Cell]] = field(default_factory=list)
    page: int | None = None
    # a table rebuilt from flattened text reads as that text did
    source: str = ""

    @property
    def is_table(self) -> bool:
        return bool(self.rows)

    @property
    def full_text(self) -> str:
        if self.rows:
            return self.source or table_text(self.rows)
        return f"{self.label}{self.text}"


def table_text(rows: list[list[Cell]]) -> str:
    # a cell's paragraphs are separate items ("权益保障部 / 办公室"): keep them apart
    return "\n".join(" | ".join(c.text.replace("\n", "；") for c in row if not c.continued) for row in rows)


def display_width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WFA" else 1 for c in s)


_CJK = r"\u3400-\u9fff\uf900-\ufaff"
_SPACE_BETWEEN_CJK = re.compile(rf"(?<=[{_CJK}，。、；：“”（）])[ \t\u3000\xa0]+(?=[{_CJK}，。、；：“”（）])")


# "一 指导思想": a numeral set off by a space is a label, the one space
# between CJK characters that is no typesetting accident (a line spaced out
# character by character, "一 年 来", spaces its rest too)
_SPACED_LABEL = re.compile(rf"^\s*([一二三四五六七八九十]{{1,3}})[ \t\u3000]+(?=[{_CJK}“《])(?![{_CJK}][ \t\u3000]+[{_CJK}])")


# a site's stamp dropped inside the plan's text: "时间：2010年3本文来源:月3日",
# "班会(教育欢迎您投稿)"
_INLINE_DEBRIS = re.compile(
    r"(?<=\S)(?:本文|文章)[来來]源[:：](?:\s*(?:网络|網絡|互联网|互聯網|[\w.-]+\.(?:com|cn|net|org)))?"
    r"|[（(][^（）()]{0,12}(?:欢迎|歡迎)(?:您|你)?投稿[)）]"
)


def normalize_text(text: str) -> str:
    text = _BOOKMARK.sub("", text)
    text = _INLINE_DEBRIS.sub("", text)
    text = text.replace("\u3000", " ").replace("\xa0", " ").replace("\ufeff", "").replace("\u200b", "")
    if len(text) < 120:  # a file's name shown as a title: "…工作计划.docx"
        text = re.sub(r"\.(?:docx?|pdf|wps|txt|pptx?|xlsx?)\s*$", "", text, flags=re.I)
    m = _SPACED_LABEL.match(text)
    head = m.group(1) + " " if m else ""
    text = _SPACE_BETWEEN_CJK.sub("", text[m.end() :] if m else text)
    return head + re.sub(r"[ \t]{2,}", " ", text).strip()


def is_boilerplate(text: str) -> bool:
    """A line that belongs to the page around a plan, never to the plan."""
    # 發佈時間/來源 are bylines too, "• 相關(guān)推薦" a tail marker
    t = to_simplified(plain(text.strip())).lstrip("•·●▪■◆-* ")
    if not t:
        return True
    if _PAGE_NUMBER.match(t):
        return True
    if _URL.search(t) and len(t) < 80:
        return True
    if len(t) < 160 and _SITE.search(t):
        return True
    if _SHARED_DOC.search(t):
        return True  # a document-sharing site's blurb, however many of its links follow
    keys = {m.group(1) for m in _BYLINE_KEY.finditer(t)}
    if len(t) < 160 and (len(keys) >= 2 or (keys and (_DATE.search(t) or t.endswith((":", "："))))):
        return True
    # a page's dateline ("日期:2022-03-29", "发布时间：2022年3月29日"); a bare 时间：
    # with a date in words ("时间:2022年4月") is a field of the plan's item
    if re.match(r"^(?:发布|更新|发表)(?:时间|日期)\s*[:：]\s*(?:\d{4}[-/.年]\d|$)", t) or re.match(
        r"^(?:时间|日期)\s*[:：]\s*(?:\d{4}[-/.]\d{1,2}[-/.]\d|$)", t
    ):
        return True
    # a page's timestamp ("2024-01-12 08:30"); a year and month alone ("2020年12月")
    # is the answer to a heading above it (活动时间) or a signing date
    if _TIMESTAMP.match(t) and _DATE.search(t) and not _SIGNATURE_DATE.match(t) and not _YEAR_MONTH.fullmatch(t):
        return True
    if _TAIL.match(t) or _CREDIT.match(t) or _QA.match(t):
        return True
    if len(t) < 60 and _PLEA.search(t):
        return True
    if len(t) < 300 and _EDITOR.search(t):
        return True
    if len(t) < 50 and sum(w in t for w in _SHARE_WORDS) >= 3:
        return True
    if len(t) < 80 and _BREADCRUMB.search(t):
        return True
    if re.search(r"有\d+位读者读过|阅读\s*\d+\s*次", t) and len(t) < 80:
        return True
    if re.fullmatch(r"(?:\s*【[^】]{1,6}】\s*)+", t):
        return True  # 【关闭】 【打印】
    return False


def splits_word(a: str, b: str) -> bool:
    """True when the line end a|b falls inside a word (职|工, 公|司)."""
    left, right = a[-6:], b[:6]
    if not (re.match(rf"[{_CJK}]", left[-1:]) and re.match(rf"[{_CJK}]", right[:1])):
        return False
    # a word ending at the line end leaves it whole; otherwise a word runs across it
    return len(left) not in word_ends(left + right)


def _should_join(a: str, b: str, full_width: int | None, after_page_break: bool = False, a_width: int = 0) -> bool:
    """Does line b continue line a? `a_width` is the printed width of a's last
    physical line, indentation included, to compare with the wrap width."""
    if not a or not b:
        return False
    if b[0] in CLOSERS or re.match(r"^[（(]\s*(?:时间|完成时限|责任)", b):
        return True
    if re.search(r"[（(“][^）)”]{0,15}$", a):
        return True  # a bracket or quote opened near the end: the sentence goes on
    if a[-1] in TERMINALS or (a.endswith(("）", ")")) and _closes_note(a)):
        return False
    if starts_label(b) or _ANNEX_MARK.match(b) or _ANNEX_MARK.match(a):
        return False  # "附件2" stands alone: it opens an annex, it continues nothing
    if after_page_break:
        return True  # a page number fell between two halves of one paragraph
    if full_width and a_width >= full_width:
        return True
    if splits_word(a, b):
        return True
    # a line without a label, with a comma inside and no end mark, is a
    # sentence cut in two (headings seldom carry commas without a label)
    return not starts_label(a) and bool(re.search(r"[，,]", a)) and len(a) > 20


_ANNEX_MARK = re.compile(r"^\s*附\s*件\s*[\d一二三四五六七八九十]*\s*[:：]?\s*$")


def _opens_nothing(a: str, b: str) -> bool:
    """"…并统计所有加入 / (blank) / 的青年志愿者。": 的 opens no sentence, so a
    line it starts goes on the unfinished one before it, blank line or not."""
    return bool(a) and a[-1] not in TERMINALS and b.startswith("的") and not b.startswith("的确")


def _closes_note(a: str) -> bool:
    """`…。（时间：3月）` or a whole-line parenthesis ends a paragraph."""
    return bool(re.search(r"[。；！？.;!?][（(][^（()）]*[）)]$", a)) or a.startswith(("（", "(")) or "时间" in a[-12:]


def _hard_wrap_width(lines: list[str]) -> int | None:
    """The width at which a hard-wrapped .txt breaks its lines, if it does."""
    widths = [display_width(s) for s in lines if s.strip()]
    if len(widths) < 8:
        return None
    top = max(widths)
    if top > 200:  # paragraphs on one line each: not hard-wrapped
        return None
    if top < 40:  # no line reaches 20 CJK characters: a list of short lines, not a wrap width
        return None
    near = sum(1 for w in widths if w >= top - 6)
    return top - 6 if near >= max(5, len(widths) // 4) else None


# Some pages reach us as text with their markup: "…母爱<br></br><h3>小编…</h3>"
_HTML_BREAK = re.compile(r"</?(?:br|p|div|h[1-6]|li|ul|ol|tr|table|section|article|blockquote)\b[^>]*>", re.I)
_HTML_DROP = re.compile(r"<(image|img|script|style)\b[^>]*>.*?</\1>|<(?:img|image)\b[^>]*>", re.I | re.S)
_HTML_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*\b[^<>]*>")


def _unmarked(blocks: list[Block]) -> list[Block]:
    """Text blocks that carry HTML markup: tags that break lines break the
    block, other tags and images go, entities are decoded."""
    out: list[Block] = []
    for b in blocks:
        if b.kind != "paragraph" or "<" not in b.text or not _HTML_TAG.search(b.text):
            out.append(b)
            continue
        text = _HTML_DROP.sub("", b.text)
        for part in _HTML_BREAK.split(text):
            part = html.unescape(_HTML_TAG.sub("", part))
            out.append(b.model_copy(update={"text": part, "wrapped": True}))
    return out


def _bar_tables(blocks: list[Block]) -> list[Block]:
    """Tables flattened a cell a line behind bars (see tables.bar_rows) → table blocks."""
    texts = [b.text.strip() if b.wrapped and b.kind == "paragraph" else "\x00" for b in blocks]
    if sum(1 for t in texts if t == "|") < 3:
        return blocks
    out: list[Block] = []
    i = 0
    while i < len(blocks):
        found = bar_rows(texts, i) if i + 1 < len(texts) and texts[i + 1].startswith("| ") and texts[i] else None
        if found is None:
            out.append(blocks[i])
            i += 1
            continue
        rows, i_end = found
        out.append(Block(kind="table", rows=grid(rows), page=blocks[i].page))
        i = i_end
    return out


def _vertical_blocks(blocks: list[Block]) -> list[Block]:
    """Tables flattened one cell per line in a text file → table blocks, read
    before lines are joined: a cell that reads like half a sentence
    (…习惯养成) must not swallow the cells after it, nor a column written
    top to bottom (春/启/新) become words."""
    norm = {k: normalize_text(b.text).strip() for k, b in enumerate(blocks) if b.wrapped and b.kind == "paragraph"}
    # a site's stamp inside a table is no cell; a bare number is a row's number there, no page's
    at = [k for k, t in norm.items() if t and (t.isdigit() or not is_boilerplate(t))]
    # cells as written, so that the gaps between a cell's activities
    # (春节送温暖工程 春节联欢会) still part them; a bar closing each cell ("一月 |") is no text
    raws = [blocks[k].text for k in at]
    texts = [cell_of(r) for r in raws]
    out: list[Block] = []
    i, done = 0, 0  # i over `at`; blocks before `done` are placed
    while i < len(at):
        found = barred_table(raws, i) if closed_by_bar(raws[i]) else None
        if found is None and column_role(texts[i]):
            found = vertical_table(texts, i)
        if found is None:
            i += 1
            continue
        first, last = at[found.start], at[found.end - 1]
        out.extend(blocks[done:first])
        # the table keeps the text it was read from: the plan's text reads as its source did
        source = "\n".join(norm[at[n]] for n in range(found.start, found.end))
        out.append(Block(kind="table", rows=grid(found.rows), text=source, page=blocks[first].page))
        done, i = last + 1, found.end
    return out + blocks[done:] if out else blocks


def clean(blocks: list[Block]) -> list[Line]:
    """Blocks of any format → clean lines, boilerplate and page furniture gone."""
    blocks = _vertical_blocks(_bar_tables(_unmarked(blocks)))
    wrapped = [b.text for b in blocks if b.wrapped and b.kind == "paragraph"]
    full_width = _hard_wrap_width(wrapped) if wrapped else None
    lines: list[Line] = []
    pending: Line | None = None  # the paragraph a wrapped line may continue
    table_rows: list[list[str]] = []
    table_source: list[str] = []
    gap = False  # a blank line since the last text line
    page_break = False  # a page number was just dropped: blank lines around it mean nothing
    after_break = False
    last_width = 0  # printed width of the last physical line of `pending`
    last_aligned = False
    counting = 0  # the next row number of a flattened table under 序号, or 0

    def flush_table() -> None:
        nonlocal table_rows, table_source
        if table_rows:
            days = calendar_table([c for row in table_rows for c in row])
            lines.append(Line(rows=grid(days or table_rows), source="\n".join(table_source)))
            table_rows, table_source = [], []

    in_tail = _drop_tail_lists([b.text if b.kind == "paragraph" else "。" for b in blocks])
    for b, tail in zip(blocks, in_tail):
        if tail and not b.label:
            continue
        if b.kind == "table":
            flush_table()
            pending = None
            if any(c.text.strip() for row in b.rows for c in row):
                # a school calendar's day grid: its notes by month, not its day numbers
                rows = [[c.model_copy(update={"text": cell_text(c.text)}) for c in row] for row in b.rows]
                days = calendar_table([c.text for row in rows for c in row if not c.continued])
                # (the plan's text still reads as the grid did)
                source = b.text or (table_text(rows) if days else "")
                lines.append(Line(rows=grid(days) if days else rows, page=b.page, source=source))
            continue
        text = normalize_text(b.text)
        # (read as written: joining the words of "十 月" would glue it to the note before it)
        days = calendar_table(grid_tokens(b.text.replace("\u3000", " "))) if len(text) > 200 and not b.label else None
        if days:  # a day grid flattened onto one line ("九 月 1 2 3 … 8日赏月活动 …")
            flush_table()
            pending = None
            lines.append(Line(rows=grid(days), page=b.page, source=text))
            continue
        # web-table exports wrap each cell in commas (",一月,"): such a line is
        # a whole cell, never half a sentence
        cell = b.wrapped and (text.startswith(",") or text.endswith(",")) and len(text) > 1
        if b.wrapped:
            text = text.strip(" ,")
        if not text and not b.label:
            gap = gap or not page_break
            continue
        if text in ("序号", "编号", "序 号"):
            counting = 1  # a table flattened one cell per line numbers its rows: 1, 2, 3 are cells
        if counting and text == str(counting):
            counting += 1
        elif not b.label and is_boilerplate(text):
            # a page number between two halves of a sentence is no paragraph break
            if _PAGE_NUMBER.match(text):
                gap, page_break = False, True
            named = _title_in_note(text) if not any(_PLAN_WORD.search(ln.text) for ln in lines) else None
            if named:
                lines.append(Line(text=named, page=b.page))
                pending = None
            continue
        after_break, page_break = page_break, False
        if b.wrapped:
            cells = _row_cells(b.text, table_rows)
            if cells is not None:
                pending = None
                if cells:
                    table_rows.append(cells)
                    table_source.append(normalize_text(b.text))
                continue
            flush_table()
            raw_width = display_width(b.text.rstrip())
            # a line set far in (a centred title, a right-aligned signature)
            # stands alone, and so does the line after it
            aligned = display_width(b.text) - display_width(b.text.lstrip()) >= 8
            if pending is not None and not cell and not aligned and not last_aligned and (
                (not gap and _should_join(pending.text, text, full_width, after_break, last_width))
                or _opens_nothing(pending.text, text)
            ):
                pending.text += text
                gap = False
                last_width = raw_width
                continue
            last_width, last_aligned = raw_width, aligned
        else:
            flush_table()
        line = Line(text=text, label=b.label, list_level=b.list_level, heading_level=b.heading_level, page=b.page)
        lines.append(line)
        pending = line if b.wrapped and not cell else None
        gap = False
    flush_table()
    lines = _split_inline_labels(lines)
    return _drop_teasers(_vertical_tables(lines))


def cell_text(text: str) -> str:
    return "\n".join(normalize_text(p) for p in mark_items(text).split("\n"))


def _row_cells(raw: str, open_rows: list[list[str]]) -> list[str] | None:
    """The cells of a text table's row (pipes or tabs), or None for text.
    A line with one tab between a label and its text ("一、\t指导思想") is no
    row."""
    cells = split_row(raw, table_open=bool(open_rows))
    if cells and "|" not in raw and len(cells) == 2 and not open_rows and (starts_label(cells[0]) or len(cells[1]) > 60):
        return None
    return [cell_text(c) for c in cells] if cells else cells


def _vertical_tables(lines: list[Line]) -> list[Line]:
    """Tables flattened one cell per line, rebuilt (see extractor.tables)."""
    texts = [ln.text if not ln.is_table and not ln.label else "" for ln in lines]
    out: list[Line] = []
    i = 0
    while i < len(lines):
        found = vertical_table(texts, i) if texts[i] else None
        if found is None:
            out.append(lines[i])
            i += 1
            continue
        source = "\n".join(texts[i : found.end])
        out.append(Line(rows=grid(found.rows), page=lines[i].page, source=source))
        i = found.end
    return out


def _drop_tail_lists(blocks_text: list[str]) -> list[bool]:
    """Which lines are titles listed under 相关推荐 and the like: the short
    lines after such a marker, up to the first line of prose."""
    out, listing = [], False
    for t in blocks_text:
        t = to_simplified(plain(t.strip())).lstrip("•·●▪■◆-* ")
        if _TAIL_LIST.match(t):
            listing = True
        elif listing and t and (len(t) > 40 or re.search(r"[，。；]", t)):
            listing = False
        out.append(listing and bool(t))
    # a file's name closing the page ("…工作计划(表).doc") is a download link
    # for the plan above it, not a new plan
    for k in range(len(blocks_text) - 1, -1, -1):
        t = blocks_text[k].strip()
        if t and not _FILE_NAME.search(t):
            break
        out[k] = bool(t) or out[k]
    return out


_FILE_NAME = re.compile(r"\.(?:docx?|pdf|wps|pptx?|xlsx?|zip|rar)\s*$", re.I)


def _split_inline_labels(lines: list[Line]) -> list[Line]:
    """Labels inside a line start paragraphs of their own (see
    lexicon.LabelSequence for which do)."""
    seq = LabelSequence()
    out: list[Line] = []
    for line in lines:
        if line.is_table:
            out.append(line)
            continue
        if line.label:
            lab = parse_label(line.label + line.text)
            if lab:
                seq.see(lab)
            out.append(line)
            continue
        cuts = [0, *seq.split_points(line.text), len(line.text)]
        if len(cuts) == 2:
            out.append(line)
            continue
        parts = [line.text[a:b].strip(" ,，") for a, b in zip(cuts, cuts[1:])]
        out += [Line(text=p, page=line.page) for p in parts if p]
    return out


def _drop_teasers(lines: list[Line]) -> list[Line]:
    """A web page's teaser repeats the start of a plan and ends with '...'."""
    out = []
    for i, line in enumerate(lines):
        t = line.text
        if not line.is_table and _ELLIPSIS.search(t):
            core = _ELLIPSIS.sub("", t)[-20:]
            ahead = "".join(x.text for x in lines[i + 1 : i + 6])
            if len(core) >= 8 and core in ahead:
                continue
        out.append(line)
    return out
