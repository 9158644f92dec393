"""Scans and photos: render, OCR with rapidocr, rebuild paragraphs.

rapidocr (PP-OCR models run by onnxruntime) ships its models inside the
wheel, so OCR works offline; nothing is downloaded at run time. Text-line
orientation classification is off (`use_cls=False`): on upright scans it
flips short lines such as "一、" more often than it fixes anything.

OCR gives boxes of text lines. They are rebuilt into paragraphs from the
geometry a typeset page has (first-line indent, a short last line, a wider
gap, a label at the line start), then typical OCR confusions in outline
labels and numbers are undone where the context leaves one reading only.

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
from models import Block

if TYPE_CHECKING:  # pragma: no cover
    from PIL import Image

INSTALL_HINT = "install the OCR packages: pip install rapidocr onnxruntime pypdfium2"
LOW_CONFIDENCE = 0.9  # mean line score below which a page is flagged: clean scans score ≥ 0.97, and a page of garbage can still score 0.85


def _env_int(name: str, default: int) -> int:
    try:
        return max(1, int(os.environ.get(name, "") or default))
    except ValueError:
        return default


def ocr_jobs() -> int:
    return _env_int("JIHUA_OCR_JOBS", 1)


def ocr_dpi() -> int:
    return _env_int("JIHUA_OCR_DPI", 150)


# --- the engine ------------------------------------------------------------


_POOLS: dict[int, queue.SimpleQueue[Any]] = {}
_POOLS_LOCK = threading.Lock()


def _new_engine(threads: int, name: str) -> Any:
    try:
        from rapidocr import RapidOCR
    except ImportError as e:
        raise MissingTool(name, f"OCR needs rapidocr and onnxruntime: {INSTALL_HINT}") from e
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
            name, f"the OCR models could not be loaded ({type(e).__name__}: {e}); {INSTALL_HINT}"
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
        raise MissingTool(name, f"OCR needs rapidocr and onnxruntime: {INSTALL_HINT}") from e


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


def ocr_image(image: "Image.Image", name: str, threads: int | None = None) -> list[Line]:
    """Text boxes of one page image, as Lines in no particular order."""
    import numpy as np

    rgb = np.asarray(image.convert("RGB"))
    threads = threads or max(1, (os.cpu_count() or 1) // ocr_jobs())
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
_ASCII_WORD = re.compile(r"[A-Za-z0-9]")


def rows(lines: list[Line]) -> list[Line]:
    """Merge boxes that share a baseline (a detector splits a line at wide
    gaps and at table cells) into rows, top to bottom."""
    out: list[list[Line]] = []
    for ln in sorted(lines, key=lambda l: (l.y0 + l.y1) / 2):
        if out:
            row = out[-1]
            top = min(l.y0 for l in row)
            bottom = max(l.y1 for l in row)
            overlap = min(bottom, ln.y1) - max(top, ln.y0)
            if overlap >= 0.5 * min(ln.height, bottom - top):
                row.append(ln)
                continue
        out.append([ln])
    merged = []
    for row in out:
        row.sort(key=lambda l: l.x0)
        height = statistics.median(l.height for l in row)
        text = row[0].text
        gapped = False
        for prev, cur in zip(row, row[1:]):
            # A gap of more than a character is a column or cell boundary.
            wide = cur.x0 - prev.x1 > 1.2 * height
            gapped = gapped or wide
            text += (" " if wide else "") + cur.text
        merged.append(
            Line(
                min(l.x0 for l in row),
                min(l.y0 for l in row),
                max(l.x1 for l in row),
                max(l.y1 for l in row),
                text,
                sum(l.score * len(l.text) for l in row) / max(1, sum(len(l.text) for l in row)),
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
    def of(cls, page_rows: list[Line]) -> "Layout":
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
        starts_new = (
            cur.y0 - prev.y1 > usual_gap + 0.8 * char  # a blank line or more
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

_DASHES = "—–\\-－―一"
_CN_DIGIT = "一二三四五六七八九十"
# "一、" / "一月" / "一是" read with a dash for 一 at a line start; "十一、"
# read as "十—、". A dash followed by these has no other reading.
_DASH_ONE = re.compile(rf"^(十?)[—–\-－―](?=[、.．月是])")
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


def lines_to_blocks(lines: list[Line], page: int) -> list[Block]:
    """A page's OCR lines → paragraph blocks (reading order: top to bottom;
    multi-column scans are not split into columns)."""
    return _blocks(rows(lines), page)


def _blocks(page_rows: list[Line], page: int) -> list[Block]:
    return [
        Block(text=join_lines([normalise(r.text) for r in group]), page=page, wrapped=False)
        for group in paragraphs(page_rows)
    ]


# --- across pages ----------------------------------------------------------------

EDGE_BAND = 0.12  # share of the page height at top and bottom where furniture lives
_PAGE_LABEL = re.compile(r"^(?:— \d+ —|\d{1,4}|第\s*\d+\s*页(?:\s*[，,/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+)$")


@dataclass
class ScannedPage:
    number: int
    rows: list[Line]
    height: float


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
        last, first = page.rows[-1], nxt.rows[0]
        ends_open = Layout.of(page.rows).runs_full(last) and last.text[-1:] not in _SENTENCE_END
        starts_plain = not Layout.of(nxt.rows).indented(first) and not _starts_with_label(first.text)
        if ends_open and starts_plain:
            blocks[page.number][-1].wrapped = True
            blocks[nxt.number][0].wrapped = True


def _page_warning(page: int, lines: list[Line]) -> str:
    if not lines:
        return f"page {page}: OCR used, no text found"
    total = sum(len(l.text) for l in lines)
    mean = sum(l.score * len(l.text) for l in lines) / max(1, total)
    warning = f"page {page}: OCR used (mean confidence {mean:.2f})"
    if mean < LOW_CONFIDENCE:
        warning += " — low confidence, check the text"
    return warning


# --- entry points ------------------------------------------------------------


def _ocr_pages(images: dict[int, Any], name: str) -> tuple[dict[int, list[Block]], list[str]]:
    """OCR prepared page images (callables returning PIL images) in parallel."""
    check_available(name)
    jobs = min(ocr_jobs(), max(1, len(images)))
    threads = max(1, (os.cpu_count() or 1) // jobs)

    def work(page: int) -> tuple[int, list[Line], float]:
        image = images[page]()
        return page, ocr_image(image, name, threads), float(image.height)

    with ThreadPoolExecutor(max_workers=jobs) as pool:
        results = list(pool.map(work, sorted(images)))
    warnings = [_page_warning(page, lines) for page, lines, _ in results]
    pages = [ScannedPage(page, rows(lines), height) for page, lines, height in results]
    drop_furniture(pages)
    blocks = {p.number: _blocks(p.rows, p.number) for p in pages}
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
        raise MissingTool(name, f"rendering PDF pages for OCR needs pypdfium2: {INSTALL_HINT}") from e
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        raise ReadError(name, f"cannot open the PDF to render it for OCR ({e})") from e
    scale = ocr_dpi() / 72
    count = len(pdf)

    def render(page: int) -> Any:
        # Rendered when a worker is ready for it: a long scan need not sit
        # in memory as images all at once.
        def go() -> "Image.Image":
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
        raise ReadError(name, "the file is empty")
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
        raise ReadError(name, f"cannot decode the image ({e})") from e
    blocks_by_page, warnings = _ocr_pages({i + 1: (lambda f=f: f) for i, f in enumerate(frames)}, name)
    blocks = [b for page in sorted(blocks_by_page) for b in blocks_by_page[page]]
    if not blocks:
        raise ReadError(name, "no text found in the image")
    return Reading(format="image", blocks=blocks, warnings=warnings)
