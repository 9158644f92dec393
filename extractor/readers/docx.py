"""Word .docx: the body's paragraphs and tables in order, with Word's
automatic numbering rendered the way Word shows it.

Chinese plans number their headings with Word lists ("一、", "（一）", "1.")
far more often than by typing the label, and python-docx gives only the
typed text, so the labels are rebuilt here from numbering.xml. Only the
document body is read: page headers and footers live in other parts.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field

from extractor.errors import ReadError
from extractor.readers import Reading
from models import Block, Cell
from models.messages import msg

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


P, TBL, SDT, SDT_CONTENT, CUSTOM_XML = _w("p"), _w("tbl"), _w("sdt"), _w("sdtContent"), _w("customXml")
TR, TC, VAL = _w("tr"), _w("tc"), _w("val")
TXBX = _w("txbxContent")


# --- number formats -------------------------------------------------------

_CN_DIGITS = "零一二三四五六七八九"  # counting: 一百零五
_CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_TW_DIGITS = "〇一二三四五六七八九"  # digit by digit: 一〇五
_HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"
_EARTHLY_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"


def _chinese_counting(n: int, digits: str = _CN_DIGITS, units: str = "十百千", wan: str = "万") -> str:
    """1 → 一, 10 → 十, 11 → 十一, 20 → 二十, 105 → 一百零五 (Word's
    chineseCounting/chineseCountingThousand for the sizes a plan uses)."""
    if n <= 0:
        return str(n)
    if n >= 10000:
        high, low = divmod(n, 10000)
        rest = _chinese_counting(low, digits, units, wan) if low else ""
        zero = digits[0] if 0 < low < 1000 else ""
        return _chinese_counting(high, digits, units, wan) + wan + zero + rest
    parts: list[str] = []
    pending_zero = False
    for power, unit in ((1000, units[2]), (100, units[1]), (10, units[0]), (1, "")):
        d = (n // power) % 10
        if d == 0:
            if parts:
                pending_zero = True
            continue
        if pending_zero:
            parts.append(digits[0])
            pending_zero = False
        parts.append(digits[d] + unit)
    text = "".join(parts)
    # 十一, not 一十一, below twenty.
    if 10 <= n < 20 and text.startswith(digits[1] + units[0]):
        text = text[1:]
    return text


def _letters(n: int, upper: bool) -> str:
    # Word repeats the letter past Z: 27 → AA, 28 → BB.
    if n <= 0:
        return str(n)
    letter = chr(ord("A" if upper else "a") + (n - 1) % 26)
    return letter * ((n - 1) // 26 + 1)


def _roman(n: int) -> str:
    if not 0 < n < 4000:
        return str(n)
    out = []
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                       (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def _enclosed(n: int, ranges: tuple[tuple[int, int, int], ...]) -> str:
    for lo, hi, base in ranges:
        if lo <= n <= hi:
            return chr(base + n - lo)
    return str(n)


_CIRCLED = ((1, 20, 0x2460), (21, 35, 0x3251), (36, 50, 0x32B1))


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


# ST_NumberFormat → how a counter value is shown; formats not listed here
# (decimal and every one we do not render specially) show as decimals.
_FORMATS: dict[str, Callable[[int], str]] = {
    **dict.fromkeys(
        ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "koreanCounting",
         "taiwaneseCounting", "taiwaneseCountingThousand"),
        _chinese_counting,
    ),
    "chineseLegalSimplified": lambda n: _chinese_counting(n, _CN_LEGAL, "拾佰仟", "萬"),
    **dict.fromkeys(
        ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"),
        lambda n: "".join(_TW_DIGITS[int(d)] for d in str(n)),
    ),
    **dict.fromkeys(("ideographTraditional", "ideographLegalTraditional"), lambda n: _HEAVENLY_STEMS[(n - 1) % 10]),
    "ideographZodiac": lambda n: _EARTHLY_BRANCHES[(n - 1) % 12],
    **dict.fromkeys(
        ("decimalEnclosedCircle", "decimalEnclosedCircleChinese", "ideographEnclosedCircle"), lambda n: _enclosed(n, _CIRCLED)
    ),
    "decimalEnclosedFullstop": lambda n: _enclosed(n, ((1, 20, 0x2488),)),
    "decimalEnclosedParen": lambda n: _enclosed(n, ((1, 20, 0x2474),)),
    **dict.fromkeys(("decimalFullWidth", "decimalFullWidth2"), lambda n: "".join(chr(0xFF10 + int(d)) for d in str(n))),
    "decimalZero": lambda n: f"{n:02d}",
    "upperLetter": lambda n: _letters(n, True),
    "lowerLetter": lambda n: _letters(n, False),
    "upperRoman": _roman,
    "lowerRoman": lambda n: _roman(n).lower(),
    "ordinal": _ordinal,
    "none": lambda n: "",
}


def format_number(n: int, fmt: str) -> str:
    """Render counter value `n` in the ST_NumberFormat `fmt`."""
    render = _FORMATS.get(fmt)
    return render(n) if render else str(n)


# --- numbering definitions ------------------------------------------------


@dataclass
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    restart: int | None = None  # w:lvlRestart; None = restart after any shallower level
    legal: bool = False  # w:isLgl: every placeholder shown as decimal
    style: str | None = None  # w:pStyle: the paragraph style bound to this level


@dataclass
class AbstractNum:
    levels: dict[int, Level] = field(default_factory=dict)
    num_style_link: str | None = None  # the definition lives with that numbering style
    style_link: str | None = None


@dataclass
class Num:
    abstract_id: str
    start_overrides: dict[int, int] = field(default_factory=dict)
    level_overrides: dict[int, Level] = field(default_factory=dict)


def _int(el, default: int | None = None) -> int | None:
    if el is None:
        return default
    try:
        return int(el.get(VAL))
    except (TypeError, ValueError):
        return default


def _val(el) -> str | None:
    return None if el is None else el.get(VAL)


def _parse_level(lvl) -> Level:
    fmt = _val(lvl.find(_w("numFmt"))) or "decimal"
    text_el = lvl.find(_w("lvlText"))
    return Level(
        # ECMA-376 says a missing w:start means 0, but files that omit it
        # (generators, not Word) mean a list that starts at 1.
        start=_int(lvl.find(_w("start")), 1),
        fmt=fmt,
        text="" if text_el is None else (text_el.get(VAL) or ""),
        restart=_int(lvl.find(_w("lvlRestart"))),
        legal=lvl.find(_w("isLgl")) is not None and _val(lvl.find(_w("isLgl"))) not in ("0", "false"),
        style=_val(lvl.find(_w("pStyle"))),
    )


def _ilvl(el) -> int:
    try:
        return int(el.get(_w("ilvl")) or 0)
    except ValueError:
        return 0


@dataclass
class StyleInfo:
    num_id: str | None = None
    ilvl: int | None = None
    outline: int | None = None  # 0-based outline level; 9 means body text
    name: str = ""
    based_on: str | None = None


_HEADING_NAME = re.compile(r"^(?:heading|标题)\s*(\d)$", re.IGNORECASE)


class Styles:
    """Paragraph styles with what they contribute: numbering and outline
    level, inherited through w:basedOn."""

    def __init__(self, root) -> None:
        self._raw: dict[str, StyleInfo] = {}
        self.default: str | None = None
        if root is None:
            return
        for st in root.iter(_w("style")):
            sid = st.get(_w("styleId"))
            if sid is None:
                continue
            info = StyleInfo(name=_val(st.find(_w("name"))) or "", based_on=_val(st.find(_w("basedOn"))))
            ppr = st.find(_w("pPr"))
            if ppr is not None:
                numpr = ppr.find(_w("numPr"))
                if numpr is not None:
                    info.num_id = _val(numpr.find(_w("numId")))
                    info.ilvl = _int(numpr.find(_w("ilvl")))
                info.outline = _int(ppr.find(_w("outlineLvl")))
            self._raw[sid] = info
            if st.get(_w("type")) == "paragraph" and st.get(_w("default")) in ("1", "true", "on"):
                self.default = sid
        self._resolved: dict[str, StyleInfo] = {}

    def get(self, sid: str | None) -> StyleInfo:
        sid = sid or self.default
        if sid is None or sid not in self._raw:
            return StyleInfo()
        if sid in self._resolved:
            return self._resolved[sid]
        # Walk basedOn towards the root; the nearest style that sets a
        # property wins. A cycle (seen in the wild) simply ends the walk.
        chain, seen, cur = [], set(), sid
        while cur in self._raw and cur not in seen:
            seen.add(cur)
            chain.append(self._raw[cur])
            cur = self._raw[cur].based_on
        own = chain[0]
        out = StyleInfo(name=own.name, based_on=own.based_on)
        for info in chain:
            if out.num_id is None and info.num_id is not None:
                out.num_id, out.ilvl = info.num_id, info.ilvl
            if out.outline is None and info.outline is not None:
                out.outline = info.outline
        self._resolved[sid] = out
        return out

    def heading_level(self, sid: str | None) -> int | None:
        info = self.get(sid)
        m = _HEADING_NAME.match(info.name.strip())
        if m and int(m.group(1)) > 0:
            return int(m.group(1))
        if info.outline is not None and 0 <= info.outline < 9:
            return info.outline + 1
        return None


class Numbering:
    """numbering.xml plus the running counters, advanced paragraph by
    paragraph in document order.

    Counters belong to the abstract definition, not to the w:num: Word
    continues a list across w:num instances that share an abstractNum, and
    an instance with a w:startOverride restarts the shared sequence at the
    override the first time it is used (ECMA-376 §17.9; the behaviour other
    renderers converged on, e.g. python-docx PR 582 discussion and
    office-open-xml-viewer PR 590)."""

    def __init__(self, root, styles: Styles) -> None:
        self.styles = styles
        self.abstracts: dict[str, AbstractNum] = {}
        self.nums: dict[str, Num] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self._used: set[tuple[str, int]] = set()
        if root is None:
            return
        for an in root.iter(_w("abstractNum")):
            a = AbstractNum(
                num_style_link=_val(an.find(_w("numStyleLink"))),
                style_link=_val(an.find(_w("styleLink"))),
            )
            for lvl in an.findall(_w("lvl")):
                a.levels[_ilvl(lvl)] = _parse_level(lvl)
            self.abstracts[an.get(_w("abstractNumId"))] = a
        for num in root.iter(_w("num")):
            abstract_id = _val(num.find(_w("abstractNumId")))
            if abstract_id is None:
                continue
            n = Num(abstract_id)
            for ov in num.findall(_w("lvlOverride")):
                il = _ilvl(ov)
                so = _int(ov.find(_w("startOverride")))
                if so is not None:
                    n.start_overrides[il] = so
                lvl = ov.find(_w("lvl"))
                if lvl is not None:
                    n.level_overrides[il] = _parse_level(lvl)
            self.nums[num.get(_w("numId"))] = n

    def _abstract_id(self, num_id: str) -> str | None:
        """The abstractNum that holds the levels, following numStyleLink
        to the numbering style's own w:num (a few hops at most)."""
        num = self.nums.get(num_id)
        if num is None:
            return None
        aid = num.abstract_id
        for _ in range(5):
            a = self.abstracts.get(aid)
            if a is None or not a.num_style_link or a.levels:
                break
            linked = self.styles.get(a.num_style_link).num_id
            if linked is None or linked not in self.nums:
                break
            aid = self.nums[linked].abstract_id
        return aid if aid in self.abstracts else None

    def _level(self, num: Num, aid: str, ilvl: int) -> Level | None:
        if ilvl in num.level_overrides:
            return num.level_overrides[ilvl]
        return self.abstracts[aid].levels.get(ilvl)

    def resolve(self, ppr, style_id: str | None) -> tuple[str, int] | None:
        """(numId, ilvl) of a paragraph: direct w:numPr first, else its
        style's; numId 0 switches inherited numbering off."""
        num_id: str | None = None
        ilvl: int | None = None
        if ppr is not None:
            numpr = ppr.find(_w("numPr"))
            if numpr is not None:
                num_id = _val(numpr.find(_w("numId")))
                ilvl = _int(numpr.find(_w("ilvl")))
        style = self.styles.get(style_id)
        if num_id is None:
            num_id = style.num_id
            if ilvl is None:
                ilvl = style.ilvl
        if num_id is None or num_id == "0" or num_id not in self.nums:
            return None
        if ilvl is None:
            # A style bound to a list level (w:lvl/w:pStyle) picks that level.
            ilvl = 0
            aid = self._abstract_id(num_id)
            sid = style_id or self.styles.default
            if aid is not None and sid:
                for il, lvl in self.abstracts[aid].levels.items():
                    if lvl.style == sid:
                        ilvl = il
                        break
        return num_id, max(0, min(ilvl, 8))

    def advance(self, num_id: str, ilvl: int) -> str:
        """Count one paragraph at (numId, ilvl) and return its label."""
        num = self.nums[num_id]
        aid = self._abstract_id(num_id)
        if aid is None:
            return ""
        lvl = self._level(num, aid, ilvl)
        if lvl is None:
            return ""
        counters = self.counters.setdefault(aid, {})
        first_use = (num_id, ilvl) not in self._used
        self._used.add((num_id, ilvl))
        if first_use and ilvl in num.start_overrides:
            counters[ilvl] = num.start_overrides[ilvl]
        elif ilvl in counters:
            counters[ilvl] += 1
        else:
            counters[ilvl] = self._start(num, aid, ilvl)
        # Deeper levels start again, unless their w:lvlRestart says that
        # only a shallower level (or none, 0) restarts them.
        for deeper in [d for d in counters if d > ilvl]:
            dl = self._level(num, aid, deeper)
            restart = dl.restart if dl is not None and dl.restart is not None else deeper
            if restart != 0 and ilvl < restart:
                del counters[deeper]
        return self._render(num, aid, lvl, counters)

    def _start(self, num: Num, aid: str, ilvl: int) -> int:
        if ilvl in num.start_overrides:
            return num.start_overrides[ilvl]
        lvl = self._level(num, aid, ilvl)
        return lvl.start if lvl is not None else 1

    def _render(self, num: Num, aid: str, lvl: Level, counters: dict[int, int]) -> str:
        if lvl.fmt == "bullet":
            return _bullet(lvl.text)

        def placeholder(m: re.Match) -> str:
            k = int(m.group(1)) - 1
            ref = self._level(num, aid, k)
            value = counters.get(k, self._start(num, aid, k))
            fmt = ref.fmt if ref is not None else "decimal"
            if lvl.legal and fmt != "none":
                fmt = "decimal"
            return format_number(value, fmt)

        return re.sub(r"%([1-9])", placeholder, lvl.text)


def _bullet(text: str) -> str:
    # Symbol/Wingdings bullets sit in the private use area; show them as •.
    if not text or all("\uf000" <= ch <= "\uf0ff" for ch in text):
        return "•"
    return text


# --- text -----------------------------------------------------------------

_SKIP = {_w("pPr"), _w("rPr"), _w("del"), _w("moveFrom"), _w("instrText"), _w("delText"),
         f"{{{MC}}}Fallback", _w("footnoteReference"), _w("endnoteReference"), _w("commentReference")}
_CHARS = {_w("tab"): "\t", _w("ptab"): "\t", _w("br"): "\n", _w("cr"): "\n", _w("noBreakHyphen"): "-"}
T = _w("t")


def _paragraph_text(p, boxes: list) -> str:
    """The visible text of a w:p: runs, hyperlinks, fields, insertions and
    content controls, without deleted text. Text boxes met on the way are
    collected into `boxes` to be read as paragraphs of their own."""
    out: list[str] = []
    stack = list(reversed(p))
    while stack:
        el = stack.pop()
        tag = el.tag
        if tag == T:
            out.append(el.text or "")
        elif tag in _CHARS:
            out.append(_CHARS[tag])
        elif tag == TXBX:
            boxes.append(el)
        elif tag not in _SKIP and isinstance(tag, str):
            stack.extend(reversed(el))
    return "".join(out)


# --- body -----------------------------------------------------------------


class _BodyReader:
    def __init__(self, numbering: Numbering, styles: Styles) -> None:
        self.numbering = numbering
        self.styles = styles
        self.blocks: list[Block] = []

    def body(self, container) -> None:
        for el in container:
            tag = el.tag
            if tag == P:
                self.paragraph(el)
            elif tag == TBL:
                self.blocks.append(self.table(el))
            elif tag in (SDT, SDT_CONTENT, CUSTOM_XML, _w("ins"), _w("moveTo")):
                inner = el.find(SDT_CONTENT) if tag == SDT else el
                if inner is not None:  # an empty content control has none
                    self.body(inner)

    def _numbered(self, p) -> tuple[Block, list]:
        ppr = p.find(_w("pPr"))
        style_id = _val(ppr.find(_w("pStyle"))) if ppr is not None else None
        boxes: list = []
        text = _paragraph_text(p, boxes)
        block = Block(text=text)
        resolved = self.numbering.resolve(ppr, style_id)
        if resolved is not None:
            block.label = self.numbering.advance(*resolved)
            block.list_level = resolved[1]
        level = self.styles.heading_level(style_id)
        if ppr is not None:
            own = _int(ppr.find(_w("outlineLvl")))
            if own is not None:
                level = own + 1 if own < 9 else None
        block.heading_level = level
        return block, boxes

    def paragraph(self, p) -> None:
        block, boxes = self._numbered(p)
        if block.text.strip():
            # A tab after a typed label or between fields is layout, not text.
            block.text = block.text.strip()
            self.blocks.append(block)
        for box in boxes:
            self.body(box)

    def _cell_text(self, tc) -> str:
        lines: list[str] = []
        for el in _flatten(tc):
            if el.tag == P:
                block, boxes = self._numbered(el)
                text = block.full_text.strip()
                if text:
                    lines.append(text)
                for box in boxes:
                    lines.extend(b.full_text for b in self._sub(box))
            elif el.tag == TBL:
                # A table nested in a cell: one line per row.
                for row in self.table(el).rows:
                    line = " ".join(c.text.replace("\n", " ") for c in row if c.text and not c.continued)
                    if line:
                        lines.append(line)
        return "\n".join(lines)

    def _sub(self, container) -> list[Block]:
        saved, self.blocks = self.blocks, []
        self.body(container)
        out, self.blocks = self.blocks, saved
        return out

    def table(self, tbl) -> Block:
        rows: list[list[Cell]] = []
        # Grid column → (row index, column index) of the cell a vertical
        # merge started from, so continuing cells can extend its row_span.
        origin: dict[int, tuple[int, int]] = {}
        for tr in _children(tbl, TR):
            row: list[Cell] = []
            trpr = tr.find(_w("trPr"))
            before = _int(trpr.find(_w("gridBefore")), 0) if trpr is not None else 0
            for _ in range(before or 0):
                row.append(Cell())
            for tc in _children(tr, TC):
                tcpr = tc.find(_w("tcPr"))
                span = max(1, _int(tcpr.find(_w("gridSpan")), 1) or 1) if tcpr is not None else 1
                vmerge = tcpr.find(_w("vMerge")) if tcpr is not None else None
                col = len(row)
                if vmerge is not None and vmerge.get(VAL) != "restart" and col in origin:
                    r, c = origin[col]
                    rows[r][c].row_span += 1
                    row.extend(Cell(continued=True) for _ in range(span))
                    continue
                if vmerge is not None and vmerge.get(VAL) == "restart":
                    origin[col] = (len(rows), col)
                else:
                    origin.pop(col, None)
                row.append(Cell(text=self._cell_text(tc), col_span=span))
                row.extend(Cell(continued=True) for _ in range(span - 1))
            rows.append(row)
        width = max((len(r) for r in rows), default=0)
        for r in rows:
            r.extend(Cell() for _ in range(width - len(r)))
        return Block(kind="table", rows=rows)


def _flatten(container):
    """Block-level children, looking through content controls and custom XML."""
    for el in container:
        if el.tag in (P, TBL):
            yield el
        elif el.tag == SDT:
            content = el.find(SDT_CONTENT)
            if content is not None:
                yield from _flatten(content)
        elif el.tag in (CUSTOM_XML, _w("ins"), _w("moveTo")):
            yield from _flatten(el)


def _children(parent, tag: str):
    """Rows of a table / cells of a row, also when wrapped in a content control."""
    for el in parent:
        if el.tag == tag:
            yield el
        elif el.tag == SDT:
            content = el.find(SDT_CONTENT)
            if content is not None:
                yield from _children(content, tag)
        elif el.tag in (CUSTOM_XML, _w("ins")):
            yield from _children(el, tag)


def read(data: bytes, name: str) -> Reading:
    if not data:
        raise ReadError(name, msg("file_empty"))
    import docx  # python-docx; imported here so .txt runs do not pay for it

    try:
        document = docx.Document(io.BytesIO(_as_plain_document(data)))
        body = document.element.body
        part = document.part
        styles_root = _part_root(part, "_styles_part")
        numbering_root = _part_root(part, "numbering_part")
    except Exception as e:  # python-docx raises zip, XML and package errors alike
        raise ReadError(name, msg("docx_unreadable", reason=f"{type(e).__name__}: {e}")) from e
    styles = Styles(styles_root)
    reader = _BodyReader(Numbering(numbering_root, styles), styles)
    body = body if body is not None else []
    reader.body(body)
    warnings: list[str] = []
    if not reader.blocks:
        warnings.append(msg("warn_docx_empty"))
    return Reading(format="docx", blocks=reader.blocks, warnings=warnings)


_MAIN_DOCUMENT = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_OTHER_MAINS = (
    b"application/vnd.ms-word.document.macroEnabled.main+xml",  # .docm
    b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",  # .dotx
    b"application/vnd.ms-word.template.macroEnabledTemplate.main+xml",  # .dotm
)


def _as_plain_document(data: bytes) -> bytes:
    """python-docx refuses macro-enabled documents and templates by their
    content type alone, though the body is the same WordprocessingML; give
    it the plain document content type."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            types = z.read("[Content_Types].xml")
            if not any(t in types for t in _OTHER_MAINS):
                return data
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as w:
                for info in z.infolist():
                    content = z.read(info.filename)
                    if info.filename == "[Content_Types].xml":
                        for t in _OTHER_MAINS:
                            content = content.replace(t, _MAIN_DOCUMENT)
                    w.writestr(info.filename, content)
            return out.getvalue()
    except (zipfile.BadZipFile, KeyError):
        return data  # python-docx reports the damage in its own words


def _part_root(doc_part, attr: str):
    """The XML root of the styles or numbering part, or None when the
    package has none (python-docx would otherwise invent a default)."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    rel = RT.STYLES if attr == "_styles_part" else RT.NUMBERING
    try:
        related = doc_part.part_related_by(rel)
    except KeyError:
        return None
    return getattr(related, "element", None)
