"""PDF: characters with positions → lines → paragraphs, by geometry.

A PDF knows glyphs and where they sit, not paragraphs. The rules, in the
order they matter for Chinese plans:
- a line that runs to the right margin continues into the next one, also
  across a page break; an indented line, a clearly larger vertical gap, a
  change of font size or a centred line starts a paragraph;
- running headers, footers and page numbers are dropped: lines that repeat
  at the same place on many pages, and page-number patterns near the top
  or bottom edge;
- ruled tables become table blocks and their text is not repeated;
- CJK text is joined without spaces: the gap a PDF leaves between a Chinese
  character and a digit ("2026 年") is layout, not a space.
"""

from __future__ import annotations

import functools
import io
import logging
import math
import re
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from types import SimpleNamespace

from extractor.errors import JihuaError, ReadError
from extractor.readers import Reading
from models import Block, Cell
from models.messages import msg

# pdfminer logs every damaged operator of a broken content stream as a
# warning on stderr; what a user needs is the reader's own page warning.
logging.getLogger("pdfminer").setLevel(logging.ERROR)
log = logging.getLogger(__name__)

# Bands at the top and bottom of a page where headers and footers live.
EDGE_BAND = 0.15
# How many lines from either edge of a page may be a header/footer.
EDGE_LINES = 3
# A page with fewer real characters than this and an image is a scan.
MIN_TEXT_CHARS = 10
# Above this share of unmapped glyphs a page's text layer is unusable.
UNMAPPED_SHARE = 0.3


@dataclass
class Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    page: int

    @property
    def center(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass
class TableItem:
    block: Block
    top: float
    page: int


@dataclass
class Layout:
    left: float
    right: float
    body_size: float
    line_gap: float

    @property
    def middle(self) -> float:
        return (self.left + self.right) / 2


@dataclass
class Para:
    lines: list[Line] = field(default_factory=list)
    title: bool = False  # made of centred lines


# --- characters → lines ---------------------------------------------------

_LATIN = re.compile(r"[0-9A-Za-z\u00c0-\u024f%.,:;!?'\"()\[\]/\\&+\-=_#@*<>$]")


def _is_latin(ch: str) -> bool:
    return bool(_LATIN.match(ch))


def _join_chars(chars: list[dict]) -> str:
    """Text of one line from its characters sorted by x. A space is kept
    only between two Latin/digit characters with a real gap (or a space
    glyph) between them, or where a gap is wider than two characters."""
    out: list[str] = []
    prev = None
    had_space = False
    for c in chars:
        ch = c["text"]
        if not ch.strip():
            had_space = prev is not None
            continue
        if prev is not None:
            p_x1 = prev["x1"]
            if ch == prev["text"] and c["x0"] < (prev["x0"] + p_x1) / 2:
                continue  # the same glyph printed twice a hair apart: simulated bold
            gap = c["x0"] - p_x1
            size, c_size = prev["size"], c["size"]
            if c_size > size:
                size = c_size
            if size < 1.0:
                size = 1.0
            if gap > 2.0 * size:
                out.append(" ")
            # the gap first: between CJK glyphs it is nil, and the regex is the cost
            elif (had_space or gap > 0.2 * size) and _is_latin(prev["text"][-1]) and _is_latin(ch[0]):
                out.append(" ")
        out.append(ch)
        prev = c
        had_space = False
    return "".join(out)


def _median(values: list[float]) -> float:
    """statistics.median, without its generality (a line's sizes are floats)."""
    vs = sorted(values)
    k = len(vs) // 2
    return vs[k] if len(vs) % 2 else (vs[k - 1] + vs[k]) / 2


def _lines_from_chars(chars: list[dict], page: int) -> list[Line]:
    """Group characters into lines by vertical overlap; characters of one
    line may differ in size and top (a Latin font beside a CJK one). Written
    with plain comparisons rather than min()/max(): it runs per character."""
    chars = sorted((c for c in chars if c.get("upright", True)), key=lambda c: (c["top"], c["x0"]))
    groups: list[list[dict]] = []
    g_top = g_bottom = 0.0
    for c in chars:
        top, bottom = c["top"], c["bottom"]
        if groups:
            overlap = (g_bottom if g_bottom < bottom else bottom) - (g_top if g_top > top else top)
            g_height, c_height = g_bottom - g_top, bottom - top
            if overlap >= 0.5 * (g_height if g_height < c_height else c_height):
                groups[-1].append(c)
                if top < g_top:
                    g_top = top
                if bottom > g_bottom:
                    g_bottom = bottom
                continue
        groups.append([c])
        g_top, g_bottom = top, bottom
    lines: list[Line] = []
    for g in groups:
        g.sort(key=lambda c: c["x0"])
        visible = [c for c in g if c["text"].strip()]
        if not visible:
            continue
        text = _join_chars(g).strip()
        if not text:
            continue
        lines.append(Line(
            text=text,
            x0=visible[0]["x0"],
            x1=max(c["x1"] for c in visible),
            top=min(c["top"] for c in visible),
            bottom=max(c["bottom"] for c in visible),
            size=_median([c["size"] for c in visible]),
            page=page,
        ))
    return lines


# --- tables ---------------------------------------------------------------


def _has_rulings(page) -> bool:
    """Table finding is the costly part of a page; only pages with both
    horizontal and vertical rulings can hold a ruled table."""
    horizontal = vertical = False
    for obj in page.lines:
        if abs(obj["top"] - obj["bottom"]) < 1:
            horizontal = True
        elif abs(obj["x0"] - obj["x1"]) < 1:
            vertical = True
    for r in page.rects:
        if r["width"] > 2 and r["height"] > 2:
            return True
        if r["height"] <= 2:
            horizontal = True
        if r["width"] <= 2:
            vertical = True
    return horizontal and vertical


def _table_block(table, chars: list[dict], page: int) -> Block | None:
    """A pdfplumber table → a table block with spans from the cell boxes."""
    cells = table.cells
    xs = sorted({round(c[0], 1) for c in cells})
    ys = sorted({round(c[1], 1) for c in cells})
    if len(xs) < 2 or len(ys) < 2:
        return None  # a single box around text is a frame, not a table
    grid: list[list[Cell | None]] = [[None] * len(xs) for _ in ys]
    for x0, top, x1, bottom in cells:
        col, row = xs.index(round(x0, 1)), ys.index(round(top, 1))
        col_span = max(1, sum(1 for x in xs if x0 - 0.5 <= x < x1 - 0.5))
        row_span = max(1, sum(1 for y in ys if top - 0.5 <= y < bottom - 0.5))
        inside = [c for c in chars
                  if x0 <= (c["x0"] + c["x1"]) / 2 <= x1 and top <= (c["top"] + c["bottom"]) / 2 <= bottom]
        text = "\n".join(ln.text for ln in _lines_from_chars(inside, page))
        grid[row][col] = Cell(text=text, row_span=row_span, col_span=col_span)
        for r in range(row, min(row + row_span, len(ys))):
            for k in range(col, min(col + col_span, len(xs))):
                if (r, k) != (row, col) and grid[r][k] is None:
                    grid[r][k] = Cell(continued=True)
    rows = [[c if c is not None else Cell() for c in row] for row in grid]
    return Block(kind="table", rows=rows, page=page)


# --- headers, footers, page numbers ---------------------------------------

_PAGE_NUMBER = re.compile(
    r"""^(?:
        [-—–－_·•~～(（\[]*\d+[-—–－_·•~～)）\]]*           # 3, — 3 —, -3-, (3)
      | 第\d+页(?:[,，/]?共\d+页)?                          # 第3页 共5页
      | 共\d+页[,，/]?第\d+页
      | \d+/\d+                                            # 3/5
      | page\d+(?:of\d+)?                                  # Page 3 of 5
      | \d+of\d+
    )$""",
    re.IGNORECASE | re.VERBOSE,
)


def _key(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def _edge_lines(lines: list[Line], height: float) -> list[Line]:
    """Lines that may be a header or footer: among the first/last few of a
    page and inside the top/bottom band."""
    ordered = sorted(lines, key=lambda ln: ln.top)
    n = len(ordered)
    near_edge = sorted(set(range(min(EDGE_LINES, n))) | set(range(max(0, n - EDGE_LINES), n)))
    return [ordered[i] for i in near_edge
            if ordered[i].bottom <= EDGE_BAND * height or ordered[i].top >= (1 - EDGE_BAND) * height]


def _furniture(pages: dict[int, list[Line]], heights: dict[int, float]) -> set[int]:
    """ids of the lines that are page furniture rather than text."""
    drop: set[int] = set()
    by_key: dict[str, list[Line]] = defaultdict(list)
    for page, lines in pages.items():
        for line in _edge_lines(lines, heights[page]):
            if _PAGE_NUMBER.match(re.sub(r"\s+", "", line.text)):
                drop.add(id(line))
            else:
                by_key[_key(line.text)].append(line)
    # A running header repeats at the same height on many pages; the same
    # words elsewhere on a page (the document's real title) stay.
    needed = max(2, math.ceil(0.4 * len(pages)))
    for group in by_key.values():
        if len({ln.page for ln in group}) < needed:
            continue
        for anchor in group:
            same_place = [ln for ln in group if abs(ln.top - anchor.top) <= 4]
            if len({ln.page for ln in same_place}) >= needed:
                drop.update(id(ln) for ln in same_place)
    return drop


# --- layout ---------------------------------------------------------------


def _densest(values: list[float], width: float, min_share: float = 0.0, lowest: bool = False) -> float | None:
    """Start of the `width`-wide window holding the most values (or, with
    `lowest`, the lowest window holding at least `min_share` of them)."""
    if not values:
        return None
    vs = sorted(values)
    best, best_n = vs[0], 0
    j = 0
    for i, v in enumerate(vs):
        while vs[j] < v - width:
            j += 1
        n = i - j + 1
        if lowest and n >= max(2, min_share * len(vs)):
            return vs[j]
        if n > best_n:
            best, best_n = vs[j], n
    if lowest:
        return vs[0]
    return best


def _layout(lines: list[Line]) -> Layout:
    sizes = [ln.size for ln in lines]
    body = statistics.median(sizes) if sizes else 12.0
    body_lines = [ln for ln in lines if abs(ln.size - body) <= 1.0] or lines
    left = _densest([ln.x0 for ln in body_lines], 0.5 * body, min_share=0.15, lowest=True) or 0.0
    # The right margin: the densest cluster of line ends, taking its far
    # side (full lines end a little unevenly with CJK punctuation).
    start = _densest([ln.x1 for ln in body_lines], 0.5 * body) or 0.0
    right = max((ln.x1 for ln in body_lines if start <= ln.x1 <= start + 0.5 * body), default=start)
    gaps = []
    for a, b in zip(body_lines, body_lines[1:]):
        if a.page == b.page and 0 <= b.top - a.bottom < 3 * body:
            gaps.append(b.top - a.bottom)
    gap = statistics.median(gaps) if gaps else 0.5 * body
    return Layout(left=left, right=right, body_size=body, line_gap=gap)


def _page_layouts(lines: list[Line], doc: Layout) -> dict[int, Layout]:
    """The document layout, moved sideways on pages whose text block sits
    elsewhere (mirrored margins of a printed document): both margins must
    have moved by the same amount, else the page keeps the document's."""
    by_page: dict[int, list[Line]] = defaultdict(list)
    for ln in lines:
        if abs(ln.size - doc.body_size) <= 1.0:
            by_page[ln.page].append(ln)
    out: dict[int, Layout] = {}
    for page, pl in by_page.items():
        if len(pl) < 6:
            continue
        own = _layout(pl)
        shift = own.left - doc.left
        if abs(shift) > 0.3 * doc.body_size and abs((own.right - doc.right) - shift) <= 0.25 * doc.body_size:
            out[page] = Layout(doc.left + shift, doc.right + shift, doc.body_size, doc.line_gap)
    return out


def _is_centered(line: Line, lay: Layout) -> bool:
    margin = 0.8 * line.size
    return (abs(line.center - lay.middle) <= max(3.0, 0.5 * line.size)
            and line.x0 - lay.left >= margin and lay.right - line.x1 >= margin)


def _indented(line: Line, lay: Layout) -> bool:
    return line.x0 > lay.left + 0.6 * line.size


def _full(line: Line, lay: Layout) -> bool:
    # Chinese line breaking may leave up to about a character free before
    # the margin (a closing mark cannot start the next line).
    return line.x1 >= lay.right - 1.2 * line.size


def _starts_paragraph(a: Line, b: Line, para: Para, a_lay: Layout, b_lay: Layout) -> bool:
    """Whether line b begins a new paragraph after line a of `para` (each
    judged against the layout of its own page)."""
    if abs(a.size - b.size) > 1.0:
        return True
    if a.page == b.page and b.top - a.bottom > b_lay.line_gap + 0.5 * b_lay.body_size:
        return True
    if not _full(a, a_lay):
        return True
    if _indented(b, b_lay):
        # A hanging indent: b lines up with the paragraph's earlier lines.
        hanging = a.page == b.page and len(para.lines) > 1 and abs(b.x0 - a.x0) <= 0.3 * b.size
        return not hanging
    return False


def _paragraphs(items: list[Line | TableItem], doc_lay: Layout, pages: dict[int, Layout]) -> list[Block]:
    blocks: list[Block] = []
    para: Para | None = None

    def flush() -> None:
        nonlocal para
        if para and para.lines:
            blocks.append(Block(text=_join_lines(para.lines), page=para.lines[0].page))
        para = None

    for item in items:
        if isinstance(item, TableItem):
            flush()
            blocks.append(item.block)
            continue
        lay = pages.get(item.page, doc_lay)
        centered = _is_centered(item, lay)
        if para is not None:
            last = para.lines[-1]
            if centered and para.title:
                # A title set in several centred lines of one larger size.
                if (abs(last.size - item.size) <= 0.5 and item.size > lay.body_size + 0.5
                        and item.page == last.page and item.top - last.top <= 1.8 * item.size):
                    para.lines.append(item)
                    continue
            elif not centered and not para.title and not _starts_paragraph(
                    last, item, para, pages.get(last.page, doc_lay), lay):
                para.lines.append(item)
                continue
        flush()
        para = Para(lines=[item], title=centered)
    flush()
    return blocks


def _join_lines(lines: list[Line]) -> str:
    text = lines[0].text
    for line in lines[1:]:
        nxt = line.text
        if text and nxt and _is_latin(text[-1]) and _is_latin(nxt[0]):
            text += " " + nxt  # an English word wrap
        else:
            text += nxt
    return text


# --- reading --------------------------------------------------------------


def _open(data: bytes, name: str):
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        _ = pdf.pages  # parses the page tree: broken files fail here
    except Exception as e:  # pdfplumber wraps pdfminer errors; find the cause
        cause = e.args[0] if e.args and isinstance(e.args[0], Exception) else e
        if isinstance(cause, PDFPasswordIncorrect):
            raise ReadError(name, msg("pdf_encrypted")) from e
        if isinstance(cause, PDFEncryptionError):
            raise ReadError(name, msg("pdf_bad_encryption", reason=cause)) from e
        raise ReadError(name, msg("pdf_damaged", reason=f"{type(cause).__name__}: {cause}")) from e
    if not pdf.pages:
        pdf.close()
        raise ReadError(name, msg("pdf_no_pages"))
    return pdf


def _ocr(data: bytes, pages: list[int], name: str) -> tuple[dict[int, list[Block]], list[str]]:
    from extractor.readers.ocr import ocr_pdf_pages

    try:
        return ocr_pdf_pages(data, pages, name)
    except JihuaError as e:  # MissingTool and kin: no engine installed
        reason = getattr(e, "reason", str(e))
    except Exception as e:  # an OCR failure must not lose the text pages
        log.exception("OCR failed on %s", name)
        reason = f"{type(e).__name__}: {e}"
    return {}, [msg("warn_page_no_ocr", page=n, reason=reason) for n in pages]


@functools.cache
def _text_calls() -> SimpleNamespace:
    """pdfium's per-character text calls as bare C prototypes on addresses:
    a quarter cheaper a call than pypdfium2's typed ones, and a text page
    makes several a character."""
    import ctypes

    import pypdfium2.raw as raw

    vp, i = ctypes.c_void_p, ctypes.c_int

    def bare(fn, restype, *argtypes):
        return ctypes.CFUNCTYPE(restype, *argtypes)(ctypes.cast(fn, vp).value)

    return SimpleNamespace(
        count=bare(raw.FPDFText_CountChars, i, vp),
        text=bare(raw.FPDFText_GetText, i, vp, i, i, vp),
        unicode=bare(raw.FPDFText_GetUnicode, ctypes.c_uint, vp, i),
        map_error=bare(raw.FPDFText_HasUnicodeMapError, i, vp, i),
        generated=bare(raw.FPDFText_IsGenerated, i, vp, i),
        hyphen=bare(raw.FPDFText_IsHyphen, i, vp, i),
        box=bare(raw.FPDFText_GetLooseCharBox, ctypes.c_int, vp, i, vp),
        text_object=bare(raw.FPDFText_GetTextObject, vp, vp, i),
        size=bare(raw.FPDFText_GetFontSize, ctypes.c_double, vp, i),
        angle=bare(raw.FPDFText_GetCharAngle, ctypes.c_float, vp, i),
    )


def _page_codes(calls: SimpleNamespace, tp: int, n: int) -> list[int]:
    """The code points of a text page's characters: one FPDFText_GetText
    for the page when its UTF-16 lines up with the character indices (no
    character left out of pdfium's text buffer, none outside the BMP),
    else a call per character."""
    import ctypes

    buf = (ctypes.c_uint16 * (n + 1))()
    units = calls.text(tp, 0, n, ctypes.addressof(buf)) - 1 if n else 0
    if units == n:
        codes = list(buf)[:n]
        if not any(0xD800 <= c <= 0xDFFF for c in codes):
            return codes
    return [calls.unicode(tp, i) for i in range(n)]


@dataclass
class _PageText:
    chars: list[dict]  # in pdfplumber's shape
    visible: int  # characters other than whitespace, mapped or not
    unmapped: int  # characters without a Unicode mapping
    askew: bool  # text turned by other than a multiple of 90°


def _pdfium_page_chars(textpage, height: float) -> _PageText:
    """A pdfium text page's characters in pdfplumber's shape, with the
    number of visible characters and of those without a Unicode mapping.

    pdfminer's box of a glyph runs from the font's descent to one font size
    above it; pdfium's loose box has the same left and bottom, and the same
    right unless the glyph's ink passes its advance (a "3" by a few tenths
    of a point: below every threshold the geometry uses), so the top is the
    bottom less the size, and the geometry that follows sees the boxes it
    was tuned on. The cost is the per-character ctypes calls: the
    text comes in one call, then three a character (box, Unicode map error,
    text object: size and turn are the object's, asked once per object),
    one more for the rare whitespace (pdfium adds spaces and line ends of
    its own, which pdfminer never saw). pdfium's box of a glyph turned
    askew is not pdfminer's: such a page is `askew`, for pdfplumber."""
    import ctypes

    import pypdfium2.raw as raw

    calls = _text_calls()
    tp = ctypes.cast(textpage.raw, ctypes.c_void_p).value
    rect = raw.FS_RECTF()
    rect_at = ctypes.addressof(rect)
    box, map_error, text_object = calls.box, calls.map_error, calls.text_object
    objects: dict[int | None, tuple[float, bool]] = {}
    chars: list[dict] = []
    visible = unmapped = 0
    askew = False
    last_obj = None
    for i, code in enumerate(_page_codes(calls, tp, calls.count(tp))):
        if code in (2, 0xFFFE) and calls.hyphen(tp, i) == 1:
            code = 0x2D  # pdfium's mark for a hyphen ending a line: pdfminer keeps the "-"
        elif code < 32 and code not in (0, 9):
            continue  # line ends and control codes
        if code in (0, 0xFFFD, 0xFFFE) or map_error(tp, i) == 1:
            visible += 1
            unmapped += 1
            continue
        ch = chr(code)
        blank = not ch.strip()
        if blank and calls.generated(tp, i) == 1:
            continue
        if not box(tp, i, rect_at) or rect.right <= rect.left or rect.top <= rect.bottom:
            continue
        obj = text_object(tp, i)
        known = objects.get(obj) if obj else None
        if known is None:
            # pdfminer calls a glyph upright unless it is turned a quarter
            # (or three quarters) round: 45° text is upright, 90° is not.
            angle = calls.angle(tp, i)
            askew = askew or (angle > 0 and min(abs(math.sin(angle)), abs(math.cos(angle))) > 1e-3)
            known = objects[obj] = (calls.size(tp, i), angle <= 0 or abs(math.cos(angle)) > 1e-3)
        size = known[0] or rect.top - rect.bottom
        # pdfium's coordinates are single floats, pdfminer's doubles of the
        # decimals written in the file: rounded to a thousandth, the gaps
        # compared with thresholds come out as pdfminer's (132.8 - 112.8 is
        # 20.000000000000014 > 20 in doubles, not in floats).
        bottom = height - round(rect.bottom * 1000) / 1000  # round(v, 3), twice as fast
        left, right = round(rect.left * 1000) / 1000, round(rect.right * 1000) / 1000
        if obj == last_obj and chars and chars[-1]["bottom"] == bottom and chars[-1]["x0"] == left \
                and chars[-1]["x1"] == right:
            # One glyph mapped to several characters (a two-em dash to "——",
            # a ligature): pdfium gives each the glyph's box, pdfminer one
            # character holding them all, as here.
            chars[-1]["text"] += ch
            visible += not blank
            continue
        chars.append({"text": ch, "x0": left, "x1": right, "top": bottom - size, "bottom": bottom,
                      "size": size, "upright": known[1]})
        last_obj = obj
        visible += not blank
    return _PageText(chars, visible, unmapped, askew)


def _pdfium_chars(data: bytes, pages: list[int]) -> dict[int, list[dict]]:
    """Characters of some pages as pdfium maps them, in pdfplumber's shape.

    pdfminer cannot map the glyphs of some CID fonts without a ToUnicode
    table (reportlab's STSong-Light, common in generated Chinese PDFs, above
    all encrypted ones) where pdfium can; a page whose text pdfium reads is
    laid out by the same geometry as any other, and needs no OCR. Used for
    the pages pdfplumber read (the file pdfium had to repair)."""
    import pypdfium2 as pdfium

    from extractor.readers.ocr import _PDFIUM_LOCK

    out: dict[int, list[dict]] = {}
    with _PDFIUM_LOCK:  # pdfium is not thread-safe
        try:
            pdf = pdfium.PdfDocument(data)
        except Exception:  # noqa: BLE001 - pdfplumber opened it; pdfium's refusal only loses the fallback
            return {}
        try:
            for n in pages:
                if not 0 < n <= len(pdf):
                    continue
                try:
                    page = pdf[n - 1]
                    height = round(page.get_height(), 3)
                    tp = page.get_textpage()
                except pdfium.PdfiumError:
                    continue  # a page pdfium cannot load keeps pdfminer's verdict
                out[n] = _pdfium_page_chars(tp, height).chars
                tp.close()
                page.close()
        finally:
            pdf.close()
    return out


@dataclass
class _Pages:
    """What the page-by-page pass found, for the steps after it."""

    lines: dict[int, list[Line]] = field(default_factory=dict)
    tables: dict[int, list[TableItem]] = field(default_factory=dict)
    heights: dict[int, float] = field(default_factory=dict)
    scanned: list[int] = field(default_factory=list)  # pages for OCR
    unmapped: list[int] = field(default_factory=list)  # pages of glyphs without Unicode
    warnings: list[str] = field(default_factory=list)


def _read_page(page, pages: _Pages) -> None:  # noqa: ANN001 - a pdfplumber Page
    n = page.page_number
    chars = page.chars
    text_chars = sum(1 for c in chars if c["text"].strip())
    # Glyphs without a Unicode mapping come out as "(cid:123)":
    # a page made of them has no usable text layer either.
    unmapped = sum(1 for c in chars if c["text"].startswith("(cid:"))
    if unmapped > UNMAPPED_SHARE * max(1, text_chars):
        pages.unmapped.append(n)
        return
    if unmapped:
        chars = [c for c in chars if not c["text"].startswith("(cid:")]
    if text_chars < MIN_TEXT_CHARS and page.images:
        pages.scanned.append(n)
        return
    tables: list[TableItem] = []
    if text_chars and _has_rulings(page):
        for t in page.find_tables():
            block = _table_block(t, chars, n)
            if block is None:
                continue
            x0, top, x1, bottom = t.bbox
            tables.append(TableItem(block, top, n))
            chars = [c for c in chars if not (x0 <= (c["x0"] + c["x1"]) / 2 <= x1
                                              and top <= (c["top"] + c["bottom"]) / 2 <= bottom)]
    pages.lines[n] = _lines_from_chars(chars, n)
    pages.tables[n] = tables


def _read_unmapped(data: bytes, pages: _Pages) -> None:
    """Pages pdfminer reads as (cid:…) glyphs: pdfium's text, else OCR."""
    by_pdfium = _pdfium_chars(data, pages.unmapped)
    for n in pages.unmapped:
        chars = by_pdfium.get(n, [])
        if sum(1 for c in chars if c["text"].strip()) >= MIN_TEXT_CHARS:
            pages.warnings.append(msg("warn_page_unmapped_pdfium", page=n))
            pages.lines[n] = _lines_from_chars(chars, n)
            pages.tables[n] = []
        else:
            pages.warnings.append(msg("warn_page_unmapped", page=n))
            pages.scanned.append(n)
    pages.scanned.sort()


@dataclass
class _Drawn:
    """What a page draws besides text, as far as the reader cares."""

    image: bool = False  # an image (a scan, when there is hardly any text)
    rulings: bool = False  # lines or boxes pdfplumber's _has_rulings could count


def _drawn(page) -> _Drawn:  # noqa: ANN001 - a pypdfium2 PdfPage
    """One pass over the page objects (and those inside forms) with pdfium's
    raw calls. `rulings` errs on the side of yes, since a yes only costs the
    page a pdfplumber reading: pdfium's bounds include half the stroke on
    either side (taken off again here), one path object may hold what
    pdfminer splits into several lines, and a path inside a form has the
    form's coordinates."""
    import ctypes

    import pypdfium2.raw as raw

    out = _Drawn()
    horizontal = vertical = False
    left, bottom, right, top, stroke = (ctypes.c_float() for _ in range(5))
    stack = [(raw.FPDFPage_GetObject(page.raw, i), 0) for i in reversed(range(raw.FPDFPage_CountObjects(page.raw)))]
    while stack:
        obj, level = stack.pop()
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == raw.FPDF_PAGEOBJ_IMAGE:
            out.image = True
        elif kind == raw.FPDF_PAGEOBJ_FORM:
            stack.extend((raw.FPDFFormObj_GetObject(obj, i), level + 1)
                         for i in reversed(range(raw.FPDFFormObj_CountObjects(obj))))
        elif kind == raw.FPDF_PAGEOBJ_PATH and not out.rulings:
            if level or not raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
                out.rulings = True
                continue
            if not raw.FPDFPageObj_GetStrokeWidth(obj, stroke):
                stroke.value = 0.0
            width, height = right.value - left.value - stroke.value, top.value - bottom.value - stroke.value
            horizontal = horizontal or height <= 2.5
            vertical = vertical or width <= 2.5
            # a box, or lines pdfminer may read as several; or both kinds
            out.rulings = (width > 1.5 and height > 1.5) or (horizontal and vertical)
    return out


def _plain_page(page) -> bool:  # noqa: ANN001 - a pypdfium2 PdfPage
    """A page whose text coordinates pdfplumber and pdfium give alike: not
    turned, and its media box at the origin with no crop box inside it."""
    box = page.get_mediabox()
    return not page.get_rotation() and box[:2] == (0.0, 0.0) and page.get_cropbox() == box


def _read_pdfium_page(page, n: int, pages: _Pages) -> bool:  # noqa: ANN001 - a pypdfium2 PdfPage
    """One page through pdfium's text page; False leaves it to pdfplumber:
    a page that may hold a ruled table, one whose glyphs pdfium cannot map,
    one turned or cropped, one with text askew."""
    if not _plain_page(page):
        return False
    height = round(page.get_height(), 3)
    tp = page.get_textpage()
    try:
        text = _pdfium_page_chars(tp, height)
    finally:
        tp.close()
    if text.unmapped > UNMAPPED_SHARE * max(1, text.visible):
        return False  # pdfminer may map them; else the unmapped-page path as before
    if text.askew:
        return False
    drawn = _drawn(page)
    if text.visible < MIN_TEXT_CHARS and drawn.image:
        pages.heights[n] = height
        pages.scanned.append(n)
        return True
    if text.visible and drawn.rulings:
        return False
    pages.heights[n] = height
    pages.lines[n] = _lines_from_chars(text.chars, n)
    pages.tables[n] = []
    return True


def _read_by_pdfium(data: bytes) -> tuple[_Pages, list[int]] | None:
    """Every page pdfium reads alone, and the numbers of those it leaves to
    pdfplumber; None when pdfium cannot open the file or had to rebuild its
    cross-reference table (a damaged file: pdfplumber reads it, or says
    why not, exactly as it always did)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    from extractor.readers.ocr import _PDFIUM_LOCK

    pages = _Pages()
    others: list[int] = []
    with _PDFIUM_LOCK:  # pdfium is not thread-safe
        try:
            pdf = pdfium.PdfDocument(data)
        except pdfium.PdfiumError:
            return None
        try:
            if not len(pdf) or not raw.FPDF_DocumentHasValidCrossReferenceTable(pdf.raw):
                return None
            for n in range(1, len(pdf) + 1):
                try:
                    page = pdf[n - 1]
                    try:
                        done = _read_pdfium_page(page, n, pages)
                    finally:
                        page.close()
                except Exception:  # noqa: BLE001 - pdfplumber reads the page, or reports it
                    log.debug("pdfium could not read page %d", n, exc_info=True)
                    done = False
                if not done:
                    others.append(n)
        finally:
            pdf.close()
    return pages, others


def _read_by_plumber(data: bytes, name: str, pages: _Pages, numbers: list[int] | None = None) -> None:
    """The given pages (all when None) through pdfplumber: ruled tables by
    page.find_tables, glyphs pdfium cannot map, damaged files."""
    pdf = _open(data, name)
    try:
        if numbers is not None:
            # pdfminer may find fewer pages in the page tree than pdfium did
            for n in numbers:
                if n > len(pdf.pages):
                    pages.warnings.append(msg("warn_page_unreadable", page=n, reason="pdfplumber: no such page"))
        chosen = pdf.pages if numbers is None else [pdf.pages[n - 1] for n in numbers if n <= len(pdf.pages)]
        for page in chosen:
            pages.heights[page.page_number] = float(page.height)
            try:
                _read_page(page, pages)
            except Exception as e:  # one broken content stream loses one page, not the file
                pages.warnings.append(msg("warn_page_unreadable", page=page.page_number, reason=f"{type(e).__name__}: {e}"))
            finally:
                page.flush_cache()
    finally:
        pdf.close()


def read(data: bytes, name: str) -> Reading:
    if not data:
        raise ReadError(name, msg("file_empty"))
    # pdfium reads a text page's characters some thirty times faster than
    # pdfminer; pdfplumber is opened only for the pages pdfium leaves to it.
    by_pdfium = _read_by_pdfium(data)
    if by_pdfium is None:
        pages = _Pages()
        _read_by_plumber(data, name, pages)
    else:
        pages, others = by_pdfium
        if others:
            _read_by_plumber(data, name, pages, others)
    pages.scanned.sort()
    if pages.unmapped:
        _read_unmapped(data, pages)
    lines_by_page, tables_by_page, heights = pages.lines, pages.tables, pages.heights
    scanned, warnings = pages.scanned, pages.warnings

    drop = _furniture(lines_by_page, heights)
    ocr_blocks: dict[int, list[Block]] = {}
    if scanned:
        ocr_blocks, ocr_warnings = _ocr(data, scanned, name)
        warnings.extend(ocr_warnings)

    body = [ln for n in sorted(lines_by_page) for ln in lines_by_page[n] if id(ln) not in drop]
    lay = _layout(body)
    page_lays = _page_layouts(body, lay)
    blocks: list[Block] = []
    run: list[Line | TableItem] = []
    for n in sorted(set(lines_by_page) | set(ocr_blocks)):
        if n in ocr_blocks:
            # An OCR page interrupts the geometric flow: close what runs.
            blocks.extend(_paragraphs(run, lay, page_lays))
            run = []
            blocks.extend(b.model_copy(update={"page": b.page or n}) for b in ocr_blocks[n])
            continue
        page_items: list[Line | TableItem] = [ln for ln in lines_by_page[n] if id(ln) not in drop]
        page_items += tables_by_page.get(n, [])
        page_items.sort(key=lambda it: it.top)
        run.extend(page_items)
    blocks.extend(_paragraphs(run, lay, page_lays))
    if not blocks and not warnings:
        warnings.append(msg("warn_pdf_empty"))
    return Reading(format="pdf", blocks=blocks, warnings=warnings)
