"""OCR of scans and photos: a scanned PDF made here by rasterising the d2.pdf
fixture at 150 dpi reads like its text layer, with paragraphs rebuilt and
outline labels at the line starts; images read the same way; OCR confusions
in labels and numbers are undone; a missing engine is a clear error.

OCR takes about two seconds a page here, so the scanned document is OCRed
once per module.
"""

from __future__ import annotations

import difflib
import io
import re
import sys
import unicodedata
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pytest
from PIL import Image

from extractor.errors import MissingTool
from extractor.readers import ocr, read_bytes
from extractor.readers.ocr import Line, lines_to_blocks, normalise

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
D2 = SHARED / "fixtures" / "d2.pdf"


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _page_images(pdf_path: Path, dpi: int = 150) -> list[Image.Image]:
    pdf = pdfium.PdfDocument(pdf_path.read_bytes())
    try:
        return [page.render(scale=dpi / 72).to_pil().convert("L") for page in pdf]
    finally:
        pdf.close()


def _scanned_pdf(images: list[Image.Image]) -> bytes:
    """A PDF of page images only: no text layer, as a scanner makes it."""
    buf = io.BytesIO()
    images[0].save(buf, format="PDF", save_all=True, append_images=images[1:], resolution=150)
    return buf.getvalue()


@pytest.fixture(scope="module")
def d2_images() -> list[Image.Image]:
    return _page_images(D2)


@pytest.fixture(scope="module")
def d2_scan(d2_images) -> bytes:
    return _scanned_pdf(d2_images)


@pytest.fixture(scope="module")
def d2_ocr(d2_scan):
    """All five scanned pages OCRed once: (blocks per page, warnings)."""
    return ocr.ocr_pdf_pages(d2_scan, [1, 2, 3, 4, 5], "d2-scan.pdf")


def test_the_scan_really_has_no_text_layer(d2_scan):
    with pdfplumber.open(io.BytesIO(d2_scan)) as pdf:
        assert len(pdf.pages) == 5
        assert all(not page.chars for page in pdf.pages)


def test_ocr_of_the_scan_matches_the_text_layer(d2_ocr):
    blocks, _ = d2_ocr
    with pdfplumber.open(D2) as pdf:
        layer = _norm("".join(page.extract_text() for page in pdf.pages))
    read = _norm("".join(b.text for n in sorted(blocks) for b in blocks[n]))
    assert difflib.SequenceMatcher(None, layer, read, autojunk=False).ratio() >= 0.95


def test_section_labels_start_paragraphs(d2_ocr):
    blocks, _ = d2_ocr
    starts = [b.text[:2] for n in sorted(blocks) for b in blocks[n]]
    for label in ("一、", "二、", "三、", "四、", "五、"):
        assert label in starts, label
    heads = [b.text for n in sorted(blocks) for b in blocks[n] if b.text.startswith("（")]
    assert [h[:3] for h in heads] == ["（一）", "（二）", "（三）", "（四）", "（五）"]


def test_paragraphs_are_rebuilt_from_wrapped_lines(d2_ocr):
    blocks, _ = d2_ocr
    page1 = [b.text for b in blocks[1]]
    # The opening paragraph wraps over six lines in the PDF.
    opening = next(t for t in page1 if t.startswith("2026年是公司实施"))
    assert opening.endswith("制定本年度工作计划如下。")
    assert "一、指导思想" in page1
    # Month lines, one paragraph each, though each is indented alike.
    page5 = [b.text for b in blocks[5]]
    assert any(t.startswith("八月：") and t.endswith("活动。") for t in page5)
    assert any(t.startswith("九月：") for t in page5)
    assert all(b.page == n for n in blocks for b in blocks[n])


def test_running_header_and_page_numbers_are_dropped(d2_ocr):
    blocks, _ = d2_ocr
    texts = [b.text for n in sorted(blocks) for b in blocks[n]]
    # The header repeats at the top of every page; the title page's own
    # heading and the signature, lower down, stay.
    assert texts.count("江岳重工机械股份有限公司女职工委员会") == 2
    assert not any(re.fullmatch(r"\W*\d+\W*", t) for t in texts)


def test_a_paragraph_cut_by_a_page_break_is_marked_for_joining(d2_ocr):
    blocks, _ = d2_ocr
    # Page 2 ends mid-sentence ("…积极推荐优秀女职工参"), page 3 goes on.
    assert blocks[2][-1].text.endswith("积极推荐优秀女职工参") and blocks[2][-1].wrapped
    assert blocks[3][0].text.startswith("评省、市") and blocks[3][0].wrapped
    # A heading ending a page is not: page 3 ends with "（五）…".
    assert not blocks[3][-1].wrapped and not blocks[4][0].wrapped
    assert sum(b.wrapped for n in blocks for b in blocks[n]) == 2


def test_every_ocred_page_is_named_with_its_confidence(d2_ocr):
    _, warnings = d2_ocr
    assert len(warnings) == 5
    for n, w in enumerate(warnings, start=1):
        m = re.fullmatch(rf"第 {n} 页：使用了 OCR（平均置信度 (\d\.\d\d)）", w)
        assert m, w
        assert float(m.group(1)) >= 0.9


def test_the_pdf_reader_ocrs_a_scanned_page(d2_images):
    scan = _scanned_pdf([d2_images[1]])
    reading = read_bytes(scan, "scan.pdf")
    assert reading.format == "pdf"
    assert any(w.startswith("第 1 页：使用了 OCR") for w in reading.warnings)
    texts = [b.text for b in reading.blocks]
    assert "三、主要工作" in texts
    assert any(t.startswith("（一）加强思想引领") for t in texts)


def test_a_png_photo_of_a_page_is_read(d2_images):
    page4 = d2_images[3]
    top = page4.crop((0, 0, page4.width, page4.height // 2))  # half a page: keeps the test quick
    buf = io.BytesIO()
    top.save(buf, format="PNG")
    reading = read_bytes(buf.getvalue(), "plan.png")
    assert reading.format == "image"
    texts = [b.text for b in reading.blocks]
    assert "四、月度工作安排" in texts
    assert any(t.startswith("一月：召开女职工委员会全体委员会议") for t in texts)
    assert reading.warnings[0].startswith("第 1 页：使用了 OCR（平均置信度")


def test_each_frame_of_a_tiff_is_a_page(d2_images):
    strips = [img.crop((0, int(img.height * 0.42), img.width, int(img.height * 0.5))) for img in d2_images[:2]]
    buf = io.BytesIO()
    strips[0].save(buf, format="TIFF", save_all=True, append_images=strips[1:])
    reading = read_bytes(buf.getvalue(), "scan.tif")
    assert {b.page for b in reading.blocks} == {1, 2}
    assert [w[:13] for w in reading.warnings] == ["第 1 页：使用了 OCR", "第 2 页：使用了 OCR"]


def test_an_image_without_text_is_an_error_not_an_empty_plan():
    buf = io.BytesIO()
    Image.new("RGB", (400, 300), "white").save(buf, format="PNG")
    with pytest.raises(Exception, match="blank.png: 图片中没有识别出文字"):
        read_bytes(buf.getvalue(), "blank.png")


def test_missing_ocr_engine_names_what_to_install(monkeypatch, d2_scan):
    monkeypatch.setitem(sys.modules, "rapidocr", None)  # what an uninstalled package looks like
    with pytest.raises(MissingTool) as err:
        ocr.ocr_pdf_pages(d2_scan, [1], "scan.pdf")
    assert str(err.value).startswith("scan.pdf: 识别扫描件需要 rapidocr 和 onnxruntime") and err.value.code == "ocr_missing"
    assert "pip install rapidocr onnxruntime" in str(err.value)


# --- OCR confusions ------------------------------------------------------------


@pytest.mark.parametrize(
    ("ocr_text", "document"),
    [
        ("—、指导思想", "一、指导思想"),
        ("-、指导思想", "一、指导思想"),
        ("十—、其他", "十一、其他"),
        ("—月：召开会议", "一月：召开会议"),
        ("(一)加强思想引领", "（一）加强思想引领"),
        ("(三）维护合法权益", "（三）维护合法权益"),
        ("(—)加强思想引领", "（一）加强思想引领"),
        ("(2)组织培训", "（2）组织培训"),
        ("l.召开纪念大会", "1.召开纪念大会"),
        ("1O月底前完成", "10月底前完成"),
        ("2O25年度", "2025年度"),
        ("计划于l0日召开", "计划于10日召开"),
        ("二月:举行启动仪式", "二月：举行启动仪式"),
        ("以赛促学;鼓励参与", "以赛促学；鼓励参与"),
        ("-2一", "— 2 —"),
        ("— 3 —", "— 3 —"),
    ],
)
def test_ocr_confusions_are_undone(ocr_text, document):
    assert normalise(ocr_text) == document


@pytest.mark.parametrize(
    "text",
    [
        "会议于10:30开始",  # a time keeps its colon
        "使用Office软件",  # letters that are not inside a number
        "参训女职工达到800人次以上",
        "统一部署(见附件)",  # brackets not at a line start
        "—— 引自讲话",  # a dash with no label after it
    ],
)
def test_text_without_confusions_is_left_alone(text):
    assert normalise(text) == text


def _line(x0: float, row: int, x1: float, text: str) -> Line:
    """A line on a page with 34-pixel type and a 58-pixel line pitch."""
    return Line(x0, 100 + 58 * row, x1, 134 + 58 * row, text, 0.99)


def test_paragraph_breaks_follow_indent_short_lines_and_labels():
    left, right = 160, 1090
    lines = [
        _line(left + 68, 0, right, "第一段首行缩进两个字符，一直写到右边"),
        _line(left, 1, right, "的页边才换行，这一行仍然是第一段的"),
        _line(left, 2, 700, "末行，没有写满。"),
        _line(left, 3, right, "没有缩进却紧跟短行的一行是新段落开头"),
        _line(left, 4, right, "并且延续到这一行为止没有标点的结尾"),
        _line(left, 5, 500, "1.编号开头的一行"),
        _line(left + 68, 6, 420, "二、标题"),
    ]
    texts = [b.text for b in lines_to_blocks(lines, page=3)]
    assert texts == [
        "第一段首行缩进两个字符，一直写到右边的页边才换行，这一行仍然是第一段的末行，没有写满。",
        "没有缩进却紧跟短行的一行是新段落开头并且延续到这一行为止没有标点的结尾",
        "1.编号开头的一行",
        "二、标题",
    ]


def test_boxes_on_one_baseline_form_one_line():
    # A detector splits a line at a wide gap (a table row, a date at the right).
    lines = [
        Line(160, 100, 400, 134, "部门", 0.99),
        Line(700, 102, 900, 133, "完成时间", 0.98),
        Line(160, 158, 400, 192, "工会", 0.99),
    ]
    texts = [b.text for b in lines_to_blocks(lines, page=1)]
    assert texts[0] == "部门 完成时间"


# --- through the pipeline, scored like the original ---------------------------


def test_scanned_pdf_parses_to_the_plans_of_the_original(d2_scan):
    from extractor.evaluate import load_gold, score_document
    from extractor.pipeline import parse_bytes

    gold = load_gold(SHARED / "fixtures" / "d2.pdf.gold.json")
    original = parse_bytes(D2.read_bytes(), "d2.pdf")
    if not original.plans:
        pytest.skip("the pipeline does not build plans yet")
    derived = parse_bytes(d2_scan, "d2-scan.pdf")  # OCRs all five pages
    want, got = score_document(gold, original).values(), score_document(gold, derived).values()
    assert len(derived.plans) == len(original.plans)
    # As good as the original, and at least the bar where the original reaches it.
    assert got["sections_f1"] >= min(0.9, want["sections_f1"])
    assert got["month_tasks_f1"] >= min(0.85, want["month_tasks_f1"])
    assert sum("使用了 OCR" in w for w in derived.warnings) == 5


# --- ruled tables ---------------------------------------------------------------


def _ruled_page(merge_down: bool = True) -> Image.Image:
    """A page with a 4×4 ruled table whose cell (row 2, col 1) is merged with
    the one below it, a rule under a page header, and text-like strokes."""
    from PIL import ImageDraw

    img = Image.new("L", (1240, 1750), 255)
    d = ImageDraw.Draw(img)
    d.line((160, 120, 1080, 120), fill=0, width=2)  # header rule: not a table
    xs, ys = [150, 260, 740, 920, 1100], [400, 440, 520, 600, 680]
    for x in xs:
        d.line((x, ys[0], x, ys[-1]), fill=0, width=2)
    for i, y in enumerate(ys):
        if merge_down and i == 3:
            d.line((xs[0], y, xs[1], y), fill=0, width=2)
            d.line((xs[2], y, xs[-1], y), fill=0, width=2)
        else:
            d.line((xs[0], y, xs[-1], y), fill=0, width=2)
    for k in range(12):  # glyph-sized marks inside cells
        d.rectangle((300 + 30 * k, 460, 320 + 30 * k, 490), fill=0)
    return img


def test_a_ruled_table_is_found_with_its_merged_cell():
    grids = ocr.find_tables(_ruled_page())
    assert len(grids) == 1
    g = grids[0]
    assert [round(x) for x in g.xs] == [150, 260, 740, 920, 1100]
    assert [round(y) for y in g.ys] == [400, 440, 520, 600, 680]
    merged = {cell: home for cell, home in g.owner.items() if cell != home}
    assert merged == {(3, 1): (2, 1)}


def test_table_cells_get_their_lines_and_spans():
    g = ocr.find_tables(_ruled_page())[0]

    def at(x0, y0, x1, text):
        return Line(x0, y0, x1, y0 + 30, text, 0.99)

    lines = [
        at(170, 405, 230, "时间"), at(400, 405, 520, "工作内容"),
        at(170, 450, 230, "1月"),
        at(270, 445, 720, "开展元旦春节“送温暖”走访慰问活动并"),  # runs to the column's text edge
        at(270, 482, 500, "召开全委会议"),
        at(170, 530, 230, "7月"),
        at(270, 525, 620, "开展“送清凉”慰问活动"),  # stops short: an item ends
        at(270, 562, 560, "举办暑期托管班"),
        at(170, 610, 230, "8月"),
        at(100, 1000, 600, "表格下面的正文"),
    ]
    blocks = ocr.lines_to_blocks(lines, page=4, tables=[g])
    table = next(b for b in blocks if b.kind == "table")
    cells = [[("^" if c.continued else c.text, c.row_span) for c in row[:2]] for row in table.rows]
    assert cells == [
        [("时间", 1), ("工作内容", 1)],
        [("1月", 1), ("开展元旦春节“送温暖”走访慰问活动并召开全委会议", 1)],
        [("7月", 1), ("开展“送清凉”慰问活动\n举办暑期托管班", 2)],
        [("8月", 1), ("^", 1)],
    ]
    assert [b.text for b in blocks if b.kind == "paragraph"] == ["表格下面的正文"]


def test_boxes_and_rules_that_make_no_grid_are_not_tables():
    from PIL import ImageDraw

    img = Image.new("L", (1240, 1750), 255)
    d = ImageDraw.Draw(img)
    d.line((160, 120, 1080, 120), fill=0, width=2)
    d.rectangle((300, 600, 900, 700), outline=0, width=2)  # a framed note: one cell
    assert ocr.find_tables(img) == []
