"""Scans and photos: render, OCR with rapidocr, rebuild paragraphs.

rapidocr (PP-OCR models run by onnxruntime) ships its models inside the
wheel, so OCR works offline; nothing is downloaded at run time. Text-line
orientation classification is off (`use_cls=False`): on upright scans it
flips short lines such as "一、" more often than it fixes anything.

OCR gives boxes of text lines. They are rebuilt into paragraphs from the
geometry a typeset page has (first-line indent, a short last line, a wider
gap, a label at the line start); ruled tables are found from their strokes
(OpenCV, which rapidocr brings) and the boxes inside go to their cells, so
a scanned schedule table stays a table; running headers and page numbers
are dropped; then typical OCR confusions in outline labels and numbers are
undone where the context leaves one reading only.

Workers: `JIHUA_OCR_JOBS` pages are OCRed at once (default 1). onnxruntime
already spreads one page over every core, so with N jobs each engine gets
cpu_count // N threads; raise it only where pages are small or cores many.
Resolution: `JIHUA_OCR_DPI` (default 150), which keeps an A4 page under the
2000-pixel side that rapidocr scales larger images down to.
"""

from __future__ import annotations

import io
import logging
import os
import queue
import re
import statistics
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from extractor.errors import MissingTool, ReadError
from extractor.readers import Reading
from models import Block, Cell
from models.messages import msg

if TYPE_CHECKING:  # pragma: no cover
    from PIL import Image

LOW_CONFIDENCE = 0.9  # mean line score below which a page is flagged: clean scans score ≥ 0.97, and a page of garbage can still score 0.85


def _env_int(name: str, default: int) -> int:
    try:
        return max(1, int(os.environ.get(name, "") or default))
    except ValueError:
        return default


def ocr_jobs() -> int:
    return _env_int("JIHUA_OCR_JOBS", 1)


def ocr_threads() -> int:
    """onnxruntime threads per page: JIHUA_OCR_THREADS when a caller shares
    the cores out (a bulk ingest runs one parser per core), else the cores
    divided among the pages OCRed at once."""
    if os.environ.get("JIHUA_OCR_THREADS"):
        return _env_int("JIHUA_OCR_THREADS", 1)
    return max(1, (os.cpu_count() or 1) // ocr_jobs())


def ocr_dpi() -> int:
    return _env_int("JIHUA_OCR_DPI", 150)


# --- the engine ------------------------------------------------------------


_POOLS: dict[int, queue.SimpleQueue[Any]] = {}
_POOLS_LOCK = threading.Lock()


def _new_engine(threads: int, name: str) -> Any:
    try:
        from rapidocr import RapidOCR
    except ImportError as e:
        raise MissingTool(name, msg("ocr_missing", hint=msg("hint_ocr"))) from e
    logging.getLogger("RapidOCR").setLevel(logging.WARNING)
    params = {
        "Global.log_level": "warning",
        "Global.use_cls": False,
        "EngineConfig.onnxruntime.intra_op_num_threads": threads,
    }
    try:
        engine = RapidOCR(params=params)
        # Load the models now so a missing model fails here, named.
        engine._load_det_model()
        engine._load_rec_model()
    except Exception as e:  # noqa: BLE001 - any failure here means a broken install
        raise MissingTool(
            name, msg("ocr_models_missing", reason=f"{type(e).__name__}: {e}", hint=msg("hint_ocr"))
        ) from e
    return engine


class _Borrowed:
    """Borrow an engine for one page. An engine changes its own settings on
    every call, so threads must not share one; engines are kept for the
    process's life because loading the models takes about a second."""

    def __init__(self, threads: int, name: str):
        self.threads = threads
        self.name = name

    def __enter__(self) -> Any:
        with _POOLS_LOCK:
            pool = _POOLS.setdefault(self.threads, queue.SimpleQueue())
        try:
            self.engine = pool.get_nowait()
        except queue.Empty:
            self.engine = _new_engine(self.threads, self.name)
        return self.engine

    def __exit__(self, *exc: object) -> None:
        _POOLS[self.threads].put(self.engine)


def check_available(name: str = "") -> None:
    """Raise MissingTool unless OCR can run (a cheap import check)."""
    try:
        import onnxruntime  # noqa: F401
        import rapidocr  # noqa: F401
    except ImportError as e:
        raise MissingTool(name, msg("ocr_missing", hint=msg("hint_ocr"))) from e


# --- OCR of one image --------------------------------------------------------


@dataclass
class Line:
    """A row of text on the page, in image pixels."""

    x0: float
    y0: float
    x1: float
    y1: float
    text: str
    score: float
    # Boxes side by side with wide gaps: a table row or a form line, never
    # part of a running paragraph.
    gapped: bool = False

    @property
    def height(self) -> float:
        return self.y1 - self.y0


def ocr_image(image: Image.Image, name: str, threads: int | None = None) -> list[Line]:
    """Text boxes of one page image, as Lines in no particular order."""
    import numpy as np

    rgb = np.asarray(image.convert("RGB"))
    threads = threads or ocr_threads()
    with _Borrowed(threads, name) as engine:
        result = engine(rgb, use_cls=False)
    boxes = getattr(result, "boxes", None)
    if boxes is None or result.txts is None:
        return []
    lines = []
    for box, text, score in zip(boxes, result.txts, result.scores):
        xs = [float(p[0]) for p in box]
        ys = [float(p[1]) for p in box]
        if text.strip():
            lines.append(Line(min(xs), min(ys), max(xs), max(ys), text.strip(), float(score)))
    return lines


# --- ruled tables ------------------------------------------------------------------


@dataclass
class Grid:
    """A ruled table found in a page image: its separators and merged cells."""

    xs: list[float]  # column separators, left to right (outer borders included)
    ys: list[float]  # row separators, top to bottom
    # (row, col) of every grid cell → (row, col) of the cell it is merged into
    owner: dict[tuple[int, int], tuple[int, int]]

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return self.xs[0], self.ys[0], self.xs[-1], self.ys[-1]

    def holds(self, line: Line) -> bool:
        cx, cy = (line.x0 + line.x1) / 2, (line.y0 + line.y1) / 2
        x0, y0, x1, y1 = self.bbox
        return x0 <= cx <= x1 and y0 <= cy <= y1

    def cell_of(self, line: Line) -> tuple[int, int]:
        cx, cy = (line.x0 + line.x1) / 2, (line.y0 + line.y1) / 2
        col = max(0, min(len(self.xs) - 2, sum(1 for x in self.xs[1:-1] if x < cx)))
        row = max(0, min(len(self.ys) - 2, sum(1 for y in self.ys[1:-1] if y < cy)))
        return self.owner[(row, col)]


def _runs(profile: Any, min_value: float) -> list[float]:
    """Centres of the runs of consecutive positions whose value reaches min_value."""
    out, start = [], None
    for i, v in enumerate(list(profile) + [0]):
        if v >= min_value and start is None:
            start = i
        elif v < min_value and start is not None:
            out.append((start + i - 1) / 2)
            start = None
    return out


def find_tables(image: Image.Image) -> list[Grid]:
    """Ruled tables: long horizontal and vertical strokes (kept by a
    morphological opening, which erases text) that cross to form a grid of
    at least 2×2 cells. A missing border between two cells merges them."""
    import cv2
    import numpy as np

    gray = np.asarray(image.convert("L"))
    h, w = gray.shape
    ink = cv2.adaptiveThreshold(255 - gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY, 15, -10)
    horiz = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (max(20, w // 30), 1)))
    # Vertical strokes longer than a glyph (a line of text is about h/50 at
    # any dpi for a page-sized image), so text does not pass for borders.
    vert = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(20, h // 40))))
    joined = cv2.dilate(cv2.bitwise_or(horiz, vert), np.ones((5, 5), np.uint8))
    contours, _ = cv2.findContours(joined, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    grids = []
    for c in contours:
        x, y, cw, ch = cv2.boundingRect(c)
        if cw < w * 0.2 or ch < h * 0.03:
            continue  # a rule under a header, a box around one word
        hz = horiz[y : y + ch, x : x + cw] > 0
        vt = vert[y : y + ch, x : x + cw] > 0
        # A separator spans at least one cell: a tenth of the table will do.
        ys = [y + v for v in _runs(hz.sum(axis=1), cw * 0.1)]
        xs = [x + v for v in _runs(vt.sum(axis=0), ch * 0.1)]
        if len(ys) < 3 or len(xs) < 3:
            continue

        def coverage(mask: Any, fixed: float, a: float, b: float, horizontal: bool) -> float:
            """How much of the segment a..b a stroke at `fixed` covers."""
            f = int(round(fixed))
            lo, hi = int(a) + 3, int(b) - 3
            if hi <= lo:
                return 1.0
            band = mask[max(0, f - 3) : f + 4, lo:hi] if horizontal else mask[lo:hi, max(0, f - 3) : f + 4]
            return float(band.any(axis=0 if horizontal else 1).mean())

        # A separator borders at least one cell end to end, as a stray
        # stroke of text does not.
        xs = [x_ for x_ in xs if any(coverage(vert, x_, a, b, False) >= 0.9 for a, b in zip(ys, ys[1:]))]
        ys = [y_ for y_ in ys if any(coverage(horiz, y_, a, b, True) >= 0.9 for a, b in zip(xs, xs[1:]))]
        if len(ys) < 3 or len(xs) < 3:
            continue

        def border(mask: Any, fixed: float, a: float, b: float, horizontal: bool) -> bool:
            # Only a clearly absent border merges cells: a scanned rule may
            # be faint or broken in places.
            return coverage(mask, fixed, a, b, horizontal) >= 0.5

        owner: dict[tuple[int, int], tuple[int, int]] = {}
        for r in range(len(ys) - 1):
            for col in range(len(xs) - 1):
                if (r, col) in owner:
                    continue
                # Grow right, then down, while the inner borders are missing.
                c2 = col
                while c2 + 1 < len(xs) - 1 and not border(vert, xs[c2 + 1], ys[r], ys[r + 1], False):
                    c2 += 1
                r2 = r
                while r2 + 1 < len(ys) - 1 and not any(
                    border(horiz, ys[r2 + 1], xs[k], xs[k + 1], True) for k in range(col, c2 + 1)
                ):
                    r2 += 1
                for rr in range(r, r2 + 1):
                    for cc in range(col, c2 + 1):
                        owner.setdefault((rr, cc), (r, col))
        grids.append(Grid([float(v) for v in xs], [float(v) for v in ys], owner))
    return sorted(grids, key=lambda g: g.ys[0])


def table_block(grid: Grid, lines: list[Line], page: int) -> Block:
    """The OCR lines inside a grid → a table block, merged cells spanned."""
    texts: dict[tuple[int, int], list[Line]] = {}
    for ln in lines:
        texts.setdefault(grid.cell_of(ln), []).append(ln)
    spans: dict[tuple[int, int], list[int]] = {}
    for (r, c), (orow, ocol) in grid.owner.items():
        span = spans.setdefault((orow, ocol), [1, 1])
        span[0] = max(span[0], r - orow + 1)
        span[1] = max(span[1], c - ocol + 1)
    # Where text stops in each column: wrapped lines run to it, so a line
    # that stops short of it ended an item (cells hold lists of tasks).
    text_right: dict[int, float] = {}
    for (r, c), cell_lines in texts.items():
        if spans[(r, c)][1] == 1:
            text_right[c] = max([text_right.get(c, 0.0)] + [ln.x1 for ln in cell_lines])
    out_rows = []
    for r in range(len(grid.ys) - 1):
        row = []
        for c in range(len(grid.xs) - 1):
            if grid.owner[(r, c)] != (r, c):
                row.append(Cell(continued=True))
                continue
            rs, cs = spans[(r, c)]
            cell_lines = rows(texts.get((r, c), []))
            right = text_right.get(c, 0.0) if cs == 1 else 0.0
            right = right or max((ln.x1 for ln in cell_lines), default=0.0)
            text = ""
            for prev, cur in zip([None, *cell_lines], cell_lines):
                if prev is not None:
                    text += "\n" if prev.x1 < right - 0.6 * prev.height else ""
                text += normalise(cur.text)
            row.append(Cell(text=text, row_span=rs, col_span=cs))
        out_rows.append(row)
    return Block(kind="table", rows=out_rows, page=page)


# --- lines → paragraphs ------------------------------------------------------

# An outline label at a line start: a new paragraph, whatever the geometry.
_LABEL_START = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]"
    r"|[（(][一二三四五六七八九十\d]+[)）]"
    r"|\d{1,2}[、.．](?!\d)"
    r"|[（(]?\d{1,2}[)）]"
    r"|第[一二三四五六七八九十\d]+[章节部分条项]"
    r"|[①-⑳])"
)
_SENTENCE_END = "。；：！？;:!?"
_CLOSERS = "，。、；：？！）》」』】〕”’,.;:?!)%％"
_ASCII_WORD = re.compile(r"[A-Za-z0-9]")


def rows(lines: list[Line]) -> list[Line]:
    """Merge boxes that share a baseline (a detector splits a line at wide
    gaps and at table cells) into rows, top to bottom."""
    out: list[list[Line]] = []
    for ln in sorted(lines, key=lambda w: (w.y0 + w.y1) / 2):
        if out:
            row = out[-1]
            top = min(w.y0 for w in row)
            bottom = max(w.y1 for w in row)
            overlap = min(bottom, ln.y1) - max(top, ln.y0)
            if overlap >= 0.5 * min(ln.height, bottom - top):
                row.append(ln)
                continue
        out.append([ln])
    merged = []
    for row in out:
        row.sort(key=lambda w: w.x0)
        height = statistics.median(w.height for w in row)
        text = row[0].text
        gapped = False
        for prev, cur in zip(row, row[1:]):
            # A gap of more than a character is a column or cell boundary.
            wide = cur.x0 - prev.x1 > 1.2 * height
            gapped = gapped or wide
            text += (" " if wide else "") + cur.text
        merged.append(
            Line(
                min(w.x0 for w in row),
                min(w.y0 for w in row),
                max(w.x1 for w in row),
                max(w.y1 for w in row),
                text,
                sum(w.score * len(w.text) for w in row) / max(1, sum(len(w.text) for w in row)),
                gapped,
            )
        )
    return merged


def _margins(page_rows: list[Line], char: float) -> tuple[float, float]:
    """The body's left and right edges: the leftmost x0 that at least two
    rows share (a lone outlier such as a stamp is not the margin), and a
    high percentile of the right ends (most lines of prose run full)."""
    lefts = sorted(r.x0 for r in page_rows)
    left = lefts[0]
    for x in lefts:
        if sum(1 for y in lefts if abs(y - x) <= char / 2) >= 2:
            left = x
            break
    rights = sorted(r.x1 for r in page_rows)
    right = rights[min(len(rights) - 1, int(len(rights) * 0.9))]
    return left, right


@dataclass
class Layout:
    """A page's type size and body edges, in pixels."""

    char: float
    left: float
    right: float

    @classmethod
    def of(cls, page_rows: list[Line]) -> Layout:
        char = statistics.median(r.height for r in page_rows)  # CJK glyphs are square
        return cls(char, *_margins(page_rows, char))

    def indented(self, row: Line) -> bool:
        return row.x0 > self.left + 1.2 * self.char

    def runs_full(self, row: Line) -> bool:
        return row.x1 >= self.right - 1.5 * self.char


def paragraphs(page_rows: list[Line]) -> list[list[Line]]:
    """Group a page's rows (see `rows`) into paragraphs, top to bottom."""
    if not page_rows:
        return []
    lay = Layout.of(page_rows)
    char = lay.char
    gaps = [b.y0 - a.y1 for a, b in zip(page_rows, page_rows[1:])]
    usual_gap = statistics.median(gaps) if gaps else 0.0
    groups: list[list[Line]] = [[page_rows[0]]]
    for prev, cur in zip(page_rows, page_rows[1:]):
        blank = cur.y0 - prev.y1 > usual_gap + 0.8 * char  # a blank line or more
        if not blank and cur.text[:1] in _CLOSERS and not (prev.gapped or cur.gapped):
            groups[-1].append(cur)  # "）" or "，" never opens a paragraph, centred or not
            continue
        starts_new = (
            blank
            # First-line indent (two characters in Chinese documents). A
            # line indented like the one before is a new paragraph too: a
            # whole paragraph indented as a block is rare there.
            or lay.indented(cur)
            or not lay.runs_full(prev)  # the previous line stopped short
            or (prev.x1 < lay.right - 0.5 * char and prev.text[-1:] in _SENTENCE_END)
            or _starts_with_label(cur.text)
            or abs(cur.height - prev.height) > 0.35 * char  # a change of type size
            or prev.gapped
            or cur.gapped
        )
        if starts_new:
            groups.append([cur])
        else:
            groups[-1].append(cur)
    return groups


def _starts_with_label(text: str) -> bool:
    return _LABEL_START.match(normalise_line_start(text)) is not None


def join_lines(texts: list[str]) -> str:
    out = texts[0] if texts else ""
    for t in texts[1:]:
        # Chinese wraps anywhere without a space; Latin words and numbers
        # split across lines keep one.
        sep = " " if _ASCII_WORD.match(out[-1:]) and _ASCII_WORD.match(t[:1]) else ""
        out += sep + t
    return out


# --- OCR confusions ----------------------------------------------------------

_CN_DIGIT = "一二三四五六七八九十"
# "一、" / "一月" / "一是" read with a dash for 一 at a line start; "十一、"
# read as "十—、". A dash followed by these has no other reading.
_DASH_ONE = re.compile(r"^(十?)[—–\-－―](?=[、.．月是])")
_BRACKET_LABEL = re.compile(rf"^[（(]\s*([{_CN_DIGIT}—–\-－―]+|\d{{1,2}})\s*[)）]")
# Page numbers as "-3-", "—3—", "- 3 -": written as the text layer has them.
# ("一" too: a trailing dash is often read as 一, which no page number has.)
_PAGE_NUMBER = re.compile(r"^[—–\-－―~_一]+\s*(\d{1,4})\s*[—–\-－―~_一]+$")
# ASCII punctuation right after a Chinese character is the full-width mark
# the document has (OCR mixes both); "10:30" and "1." keep theirs.
_HALF_PUNCT = re.compile(r"(?<=[\u4e00-\u9fff”’》）」])([:;,!?])")
_FULL_PUNCT = str.maketrans({":": "：", ";": "；", ",": "，", "!": "！", "?": "？"})
# Digits with a letter O/o or l/I/| inside, then a unit: "1O月", "2O25年", "l0日".
_NUMBER_TOKEN = re.compile(r"(?<![A-Za-z])([0-9OolI|]{2,4})(?=[年月日号时期次个项名人%％])")
_LABEL_L_FOR_1 = re.compile(r"^([lI|])([、.．])(?=[\u4e00-\u9fff])")


def _fix_bracket(m: re.Match[str]) -> str:
    inner = m.group(1)
    if inner[0] in "—–-－―":  # "(—)": a dash alone in brackets is 一
        inner = "一" if len(inner) == 1 else inner
    return f"（{inner}）"


def _fix_number(m: re.Match[str]) -> str:
    token = m.group(1)
    if not any(c.isdigit() for c in token) or token.isdigit():
        return token
    return token.translate(str.maketrans({"O": "0", "o": "0", "l": "1", "I": "1", "|": "1"}))


def normalise_line_start(text: str) -> str:
    """Undo OCR confusions in an outline label at the start of a line."""
    text = _DASH_ONE.sub(lambda m: m.group(1) + "一", text)
    text = _BRACKET_LABEL.sub(_fix_bracket, text)
    text = _LABEL_L_FOR_1.sub(r"1\2", text)
    return text


def normalise(text: str) -> str:
    """Label fixes at the start, number fixes anywhere in a line."""
    m = _PAGE_NUMBER.match(text.strip())
    if m:
        return f"— {m.group(1)} —"
    text = normalise_line_start(text)
    text = _HALF_PUNCT.sub(lambda m: m.group(1).translate(_FULL_PUNCT), text)
    return _NUMBER_TOKEN.sub(_fix_number, text)


def lines_to_blocks(lines: list[Line], page: int, tables: list[Grid] | None = None) -> list[Block]:
    """A page's OCR lines → paragraph and table blocks (reading order: top to
    bottom; multi-column scans are not split into columns)."""
    scanned = ScannedPage.build(page, lines, 0.0, tables or [])
    return _blocks(scanned)


def _blocks(page: ScannedPage) -> list[Block]:
    placed: list[tuple[float, Block]] = [
        (group[0].y0, Block(text=join_lines([normalise(r.text) for r in group]), page=page.number, wrapped=False))
        for group in paragraphs(page.rows)
    ]
    for grid, inside in page.tables:
        placed.append((grid.ys[0], table_block(grid, inside, page.number)))
    placed.sort(key=lambda item: item[0])
    return [b for _, b in placed]


# --- across pages ----------------------------------------------------------------

EDGE_BAND = 0.12  # share of the page height at top and bottom where furniture lives
_PAGE_LABEL = re.compile(r"^(?:— \d+ —|\d{1,4}|第\s*\d+\s*页(?:\s*[，,/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+)$")


@dataclass
class ScannedPage:
    number: int
    rows: list[Line]  # running text, outside tables
    height: float
    tables: list[tuple[Grid, list[Line]]]  # each grid with the OCR lines inside it

    @classmethod
    def build(cls, number: int, lines: list[Line], height: float, grids: list[Grid]) -> ScannedPage:
        tables: list[tuple[Grid, list[Line]]] = [(g, []) for g in grids]
        free = []
        for ln in lines:
            home = next((inside for g, inside in tables if g.holds(ln)), None)
            (free if home is None else home).append(ln)
        return cls(number, rows(free), height, tables)


def _furniture_key(row: Line) -> str:
    return re.sub(r"[\d\s]+", "", normalise(row.text))


def _edge_rows(page: ScannedPage) -> list[Line]:
    """The first and last two rows, where they lie in the page's edge bands."""
    top = [r for r in page.rows[:2] if r.y1 <= page.height * EDGE_BAND]
    bottom = [r for r in page.rows[-2:] if r.y0 >= page.height * (1 - EDGE_BAND)]
    return top + [r for r in bottom if r not in top]


def drop_furniture(pages: list[ScannedPage]) -> None:
    """Remove page numbers and running headers/footers, as the text-layer PDF
    reader does: a row at a page's edge that is a page number, or whose text
    (digits aside) recurs at the edge of at least half the pages (two at
    least)."""
    seen: dict[str, set[int]] = {}
    for page in pages:
        for r in _edge_rows(page):
            key = _furniture_key(r)
            if key:
                seen.setdefault(key, set()).add(page.number)
    running = {k for k, on in seen.items() if len(on) >= max(2, (len(pages) + 1) // 2)}
    for page in pages:
        edge = _edge_rows(page)
        page.rows = [
            r for r in page.rows
            if not (r in edge and (_PAGE_LABEL.match(normalise(r.text)) or _furniture_key(r) in running))
        ]


def _mark_continuations(pages: list[ScannedPage], blocks: dict[int, list[Block]]) -> None:
    """A paragraph cut by a page break: its last line on one page runs to the
    margin without an end mark, and the next page starts unindented without a
    label. Both halves are marked `wrapped`, so the cleaner, which sees the
    text, decides whether to join them."""
    by_number = {p.number: p for p in pages}
    for page in pages:
        nxt = by_number.get(page.number + 1)
        if not (page.rows and nxt and nxt.rows and blocks.get(page.number) and blocks.get(nxt.number)):
            continue
        if blocks[page.number][-1].kind != "paragraph" or blocks[nxt.number][0].kind != "paragraph":
            continue  # a table at the page break
        last, first = page.rows[-1], nxt.rows[0]
        ends_open = Layout.of(page.rows).runs_full(last) and last.text[-1:] not in _SENTENCE_END
        starts_plain = not Layout.of(nxt.rows).indented(first) and not _starts_with_label(first.text)
        if ends_open and starts_plain:
            blocks[page.number][-1].wrapped = True
            blocks[nxt.number][0].wrapped = True


def _page_warning(page: int, lines: list[Line]) -> str:
    if not lines:
        return msg("warn_ocr_no_text", page=page)
    total = sum(len(w.text) for w in lines)
    mean = sum(w.score * len(w.text) for w in lines) / max(1, total)
    warning = msg("warn_ocr_used", page=page, confidence=f"{mean:.2f}")
    return warning + msg("warn_ocr_low") if mean < LOW_CONFIDENCE else warning


# --- entry points ------------------------------------------------------------


def _ocr_pages(images: dict[int, Any], name: str) -> tuple[dict[int, list[Block]], list[str]]:
    """OCR prepared page images (callables returning PIL images) in parallel."""
    check_available(name)
    jobs = min(ocr_jobs(), max(1, len(images)))
    # the cores go to the pages OCRed at once, unless the caller shared them out already
    threads = ocr_threads() if os.environ.get("JIHUA_OCR_THREADS") else max(1, (os.cpu_count() or 1) // jobs)

    def work(page: int) -> tuple[list[Line], ScannedPage]:
        image = images[page]()
        lines = ocr_image(image, name, threads)
        return lines, ScannedPage.build(page, lines, float(image.height), find_tables(image))

    with ThreadPoolExecutor(max_workers=jobs) as pool:
        results = list(pool.map(work, sorted(images)))
    warnings = [_page_warning(page.number, lines) for lines, page in results]
    pages = [page for _, page in results]
    drop_furniture(pages)
    blocks = {p.number: _blocks(p) for p in pages}
    _mark_continuations(pages, blocks)
    return blocks, warnings


_PDFIUM_LOCK = threading.Lock()  # pdfium is not thread-safe


def ocr_pdf_pages(data: bytes, page_numbers: list[int], name: str) -> tuple[dict[int, list[Block]], list[str]]:
    """OCR the given 1-based pages of a PDF: blocks per page, and one warning
    per page naming its mean confidence."""
    if not page_numbers:
        return {}, []
    check_available(name)
    try:
        import pypdfium2 as pdfium
    except ImportError as e:
        raise MissingTool(name, msg("ocr_pdfium_missing", hint=msg("hint_ocr"))) from e
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        raise ReadError(name, msg("ocr_pdf_unopenable", reason=e)) from e
    scale = ocr_dpi() / 72
    count = len(pdf)

    def render(page: int) -> Any:
        # Rendered when a worker is ready for it: a long scan need not sit
        # in memory as images all at once.
        def go() -> Image.Image:
            with _PDFIUM_LOCK:
                return pdf[page - 1].render(scale=scale, grayscale=True).to_pil()

        return go

    try:
        return _ocr_pages({p: render(p) for p in page_numbers if 1 <= p <= count}, name)
    finally:
        with _PDFIUM_LOCK:
            pdf.close()


def read_image(data: bytes, name: str) -> Reading:
    """A .png/.jpg/.tif scan or photo; every frame of a multi-page TIFF is a page."""
    if not data:
        raise ReadError(name, msg("file_empty"))
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        img = Image.open(io.BytesIO(data))
        frames = []
        for i in range(getattr(img, "n_frames", 1)):
            img.seek(i)
            # Phones store the camera's rotation in EXIF rather than the pixels.
            frame = ImageOps.exif_transpose(img) if i == 0 else img
            frames.append(frame.convert("RGB"))
    except (UnidentifiedImageError, OSError, EOFError) as e:
        raise ReadError(name, msg("image_undecodable", reason=e)) from e
    blocks_by_page, warnings = _ocr_pages({i + 1: (lambda f=f: f) for i, f in enumerate(frames)}, name)
    blocks = [b for page in sorted(blocks_by_page) for b in blocks_by_page[page]]
    if not blocks:
        raise ReadError(name, msg("no_text_in_image"))
    return Reading(format="image", blocks=blocks, warnings=warnings)
