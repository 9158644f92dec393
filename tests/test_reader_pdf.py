"""The .pdf reader: paragraphs rebuilt from geometry, page furniture gone,
tables as tables, and bad input. Besides d2.pdf the tests lay out their own
PDFs with reportlab, using its built-in Chinese CID font (no font files)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from extractor.errors import ReadError
from extractor.readers import read_bytes
from extractor.readers.pdf import read

reportlab = pytest.importorskip("reportlab")
from reportlab.lib.pdfencrypt import StandardEncryption  # noqa: E402
from reportlab.pdfbase import pdfmetrics  # noqa: E402
from reportlab.pdfbase.cidfonts import UnicodeCIDFont  # noqa: E402
from reportlab.pdfgen import canvas  # noqa: E402

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))

PAGE_W, PAGE_H = 595, 842
LEFT, RIGHT, TOP, BOTTOM = 80, 520, 100, 740  # text area, top-down coordinates
SIZE, PITCH = 16, 28


# --- d2.pdf -------------------------------------------------------------------


@pytest.fixture(scope="module")
def d2():
    return read_bytes((SHARED / "fixtures" / "d2.pdf").read_bytes(), "d2.pdf")


def test_d2_header_appears_only_as_title_and_signature(d2):
    texts = [b.text for b in d2.blocks]
    unit = "江岳重工机械股份有限公司女职工委员会"
    where = [i for i, t in enumerate(texts) if unit in t]
    assert where == [0, len(texts) - 2]
    assert texts[0] in (unit, unit + "2026年工作计划")
    assert texts[-1] == "2026年1月5日"
    assert d2.blocks[-2].page == 5


def test_d2_has_no_page_numbers(d2):
    for b in d2.blocks:
        assert "—" not in b.text.replace("——", ""), b.text
        assert b.text.strip("—- 0123456789") != ""


def test_d2_paragraphs_are_whole(d2):
    texts = [b.text for b in d2.blocks]
    opening = next(t for t in texts if t.startswith("2026年是公司实施“十五五”发展规划的开局之年。公司女职工委员会将在"))
    assert opening.endswith("制定本年度工作计划如下。")
    assert "一、指导思想" in texts
    assert any(t.startswith("坚持以习近平") and t.endswith("贡献巾帼力量。") for t in texts)


def test_d2_paragraph_continues_across_the_page_break(d2):
    joined = next(b for b in d2.blocks if "积极推荐优秀女职工参" in b.text)
    assert "积极推荐优秀女职工参评省、市“三八红旗手”" in joined.text
    assert joined.text.startswith("围绕公司重点产品攻关")
    assert joined.text.endswith("比作风。")
    assert joined.page == 2


def test_d2_spaces_around_numbers_are_layout_not_text(d2):
    text = "\n".join(b.text for b in d2.blocks)
    assert "不少于6期" in text and "800人次" in text and "2026年" in text
    assert " " not in text


def test_d2_short_lines_stay_apart(d2):
    texts = [b.text for b in d2.blocks]
    i = texts.index("三月：开展庆“三八”国际劳动妇女节系列活动：")
    assert texts[i + 1] == "1.召开纪念“三八”国际劳动妇女节暨表彰大会，表彰2025年度“巾帼建功标兵”；"
    assert texts[i + 2] == "2.组织女职工开展“春日踏青”健步走活动；"


# --- PDFs laid out here -----------------------------------------------------------


def _wrap(text: str, first_indent: float, size: float = SIZE) -> list[tuple[float, str]]:
    """Break `text` into lines that fill the text width, the first indented."""
    lines, cur, x0 = [], "", LEFT + first_indent
    for ch in text:
        if pdfmetrics.stringWidth(cur + ch, FONT, size) > RIGHT - x0:
            lines.append((x0, cur))
            cur, x0 = "", LEFT
        cur += ch
    if cur:
        lines.append((x0, cur))
    return lines


class Layout:
    """Draws paragraphs top-down with page headers/footers and page breaks."""

    def __init__(self, header: str | None = None, footer=lambda n, total: f"— {n} —", even_shift: float = 0):
        self.buf = io.BytesIO()
        self.c = canvas.Canvas(self.buf, pagesize=(PAGE_W, PAGE_H))
        self.header, self.footer = header, footer
        self.even_shift = even_shift  # mirrored margins: even pages sit elsewhere
        self.pages: list[list[tuple]] = [[]]
        self.y = TOP

    def _put(self, x: float, text: str, size: float = SIZE, gap: float = 0) -> None:
        self.y += gap
        if self.y + size > BOTTOM:
            self.pages.append([])
            self.y = TOP
        self.pages[-1].append((x, self.y, text, size))
        self.y += PITCH if size == SIZE else size * 1.6

    def title(self, text: str, size: float = 22) -> None:
        width = pdfmetrics.stringWidth(text, FONT, size)
        self._put((LEFT + RIGHT - width) / 2, text, size)

    def para(self, text: str, indent: bool = True, gap: float = 0) -> None:
        for k, (x, line) in enumerate(_wrap(text, 2 * SIZE if indent else 0)):
            self._put(x, line, gap=gap if k == 0 else 0)

    def pdf(self) -> bytes:
        total = len(self.pages)
        for n, lines in enumerate(self.pages, 1):
            if self.header:
                self.c.setFont(FONT, 10.5)
                self.c.drawCentredString(PAGE_W / 2, PAGE_H - 50, self.header)
            if self.footer:
                self.c.setFont(FONT, 14)
                self.c.drawCentredString(PAGE_W / 2, 60, self.footer(n, total))
            for x, y, text, size in lines:
                self.c.setFont(FONT, size)
                self.c.drawString(x + (self.even_shift if n % 2 == 0 else 0), PAGE_H - y - size, text)
            self.c.showPage()
        self.c.save()
        return self.buf.getvalue()


LONG = ("坚持以人民为中心的发展思想，围绕中心服务大局，团结动员广大职工在推动高质量发展中建功立业，"
        "深入开展劳动和技能竞赛，全面提升职工技能素质，切实维护职工合法权益，不断增强职工群众的获得感、"
        "幸福感和安全感，为完成全年目标任务贡献力量。")


def _filler(k: int) -> str:
    return f"第{k}项工作要认真组织实施，明确责任分工，加强督促检查，确保各项任务按时保质完成到位。"


@pytest.mark.parametrize(
    "footer",
    [
        lambda n, total: f"— {n} —",
        lambda n, total: f"-{n}-",
        lambda n, total: f"第{n}页 共{total}页",
        lambda n, total: f"{n}/{total}",
        lambda n, total: f"Page {n}",
        lambda n, total: f"第 {n} 页",
    ],
    ids=["dash", "hyphen", "di-ye-gong-ye", "slash", "page", "di-ye"],
)
def test_page_numbers_and_running_header_are_removed(footer):
    doc = Layout(header="某某市总工会办公室", footer=footer)
    doc.title("某某市总工会2025年工作计划")
    for k in range(1, 30):
        doc.para(_filler(k))
    reading = read(doc.pdf(), "t.pdf")
    texts = [b.text for b in reading.blocks]
    assert len({b.page for b in reading.blocks}) >= 3
    assert texts[0] == "某某市总工会2025年工作计划"
    assert not any("办公室" in t for t in texts)
    assert texts[1:] == [_filler(k) for k in range(1, 30)]


def test_page_number_alone_is_removed_on_a_single_page():
    doc = Layout(footer=lambda n, total: f"- {n} -")
    doc.para(LONG)
    assert [b.text for b in read(doc.pdf(), "t.pdf").blocks] == [LONG]


def test_paragraph_running_to_the_margin_continues_on_the_next_page():
    doc = Layout(header="某某公司工会")
    for k in range(1, 21):
        doc.para(_filler(k))
    # Fill the page so LONG breaks across it: the page holds 23 lines.
    doc.para(LONG)
    data = doc.pdf()
    assert len(doc.pages) == 2 and doc.pages[1][0][0] == LEFT  # the break falls mid-paragraph
    texts = [b.text for b in read(data, "t.pdf").blocks]
    assert texts[-1] == LONG


def test_mirrored_margins_do_not_break_paragraphs_on_even_pages():
    doc = Layout(even_shift=24)
    paras = [LONG + _filler(k) for k in range(1, 12)]
    for text in paras:
        doc.para(text)
    data = doc.pdf()
    assert len(doc.pages) >= 3
    assert [b.text for b in read(data, "t.pdf").blocks] == paras


def test_indent_and_vertical_gap_start_paragraphs():
    doc = Layout(footer=None)
    doc.para("一、总体要求", indent=True)
    doc.para(LONG, indent=True)
    doc.para(LONG, indent=False, gap=20)  # block style: no indent, a blank line before
    doc.para("二、主要任务", indent=True)
    texts = [b.text for b in read(doc.pdf(), "t.pdf").blocks]
    assert texts == ["一、总体要求", LONG, LONG, "二、主要任务"]


def test_centred_title_lines_are_not_joined_to_the_body():
    doc = Layout(footer=None)
    doc.title("某某区总工会")
    doc.title("2025年工作计划")
    doc.para(LONG)
    texts = [b.text for b in read(doc.pdf(), "t.pdf").blocks]
    assert texts[-1] == LONG
    assert "".join(texts[:-1]) == "某某区总工会2025年工作计划"


def test_latin_words_keep_their_spaces_and_cjk_digits_lose_layout_gaps():
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(PAGE_W, PAGE_H))
    c.setFont("Helvetica", 12)
    c.drawString(LEFT, 700, "Annual plan for 2025 of the union")
    c.setFont(FONT, 16)
    # A digit run set apart from the CJK text by a small gap, as Word's
    # CJK/Latin spacing does.
    c.drawString(LEFT, 650, "全年开展培训")
    x = LEFT + pdfmetrics.stringWidth("全年开展培训", FONT, 16) + 3
    c.drawString(x, 650, "12")
    c.drawString(x + pdfmetrics.stringWidth("12", FONT, 16) + 3, 650, "期")
    c.showPage()
    c.save()
    texts = [b.text for b in read(buf.getvalue(), "t.pdf").blocks]
    assert texts == ["Annual plan for 2025 of the union", "全年开展培训12期"]


def test_glyphs_overprinted_for_bold_are_read_once():
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(PAGE_W, PAGE_H))
    c.setFont(FONT, 16)
    for dx in (0, 0.4, 0.8):  # how some producers fake a bold weight
        c.drawString(LEFT + dx, 700, "一、总体要求")
    c.showPage()
    c.save()
    assert [b.text for b in read(buf.getvalue(), "t.pdf").blocks] == ["一、总体要求"]


def _draw_ruled_table(c) -> None:
    """A paragraph, a ruled 3×3 table whose first row merges two cells, a paragraph."""
    c.setFont(FONT, 16)
    c.drawString(LEFT, 760, "月度安排如下：")
    xs, ys = [80, 180, 360, 520], [740, 710, 680, 650]  # PDF coordinates, bottom-up
    for y in ys:
        c.line(xs[0], y, xs[-1], y)
    for x in xs:
        top = ys[0]
        if x == 180:
            c.line(x, ys[1], x, ys[-1])  # the first row's first two cells are merged
        else:
            c.line(x, top, x, ys[-1])
    c.setFont(FONT, 12)
    rows = [["时间与内容", None, "责任单位"], ["1月", "走访慰问困难职工", "权益保障部"], ["2月", "春风行动", "办公室"]]
    for r, row in enumerate(rows):
        for k, text in enumerate(row):
            if text:
                c.drawString(xs[k] + 4, ys[r] - 20, text)
    c.setFont(FONT, 16)
    c.drawString(LEFT, 620, "各部门要抓好落实。")


TABLE_TEXTS = [["时间与内容", "", "责任单位"], ["1月", "走访慰问困难职工", "权益保障部"], ["2月", "春风行动", "办公室"]]


def test_ruled_table_becomes_a_table_block_with_merged_cells():
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(PAGE_W, PAGE_H))
    _draw_ruled_table(c)
    c.showPage()
    c.save()
    blocks = read(buf.getvalue(), "t.pdf").blocks
    assert [b.kind for b in blocks] == ["paragraph", "table", "paragraph"]
    table = blocks[1]
    assert [[cell.text for cell in row] for row in table.rows] == TABLE_TEXTS
    assert table.rows[0][0].col_span == 2 and table.rows[0][1].continued
    assert "权益保障部" not in blocks[0].text + blocks[2].text


def test_table_page_between_text_pages_keeps_the_flow():
    # pdfium reads pages 1 and 3, pdfplumber the ruled page 2; the layout
    # and the running header are judged over all three together.
    doc = Layout(header="某某公司工会")
    for k in range(1, 12):
        doc.para(_filler(k))
    doc.pages.append([])  # a page break
    doc.y = TOP
    for k in range(12, 21):
        doc.para(_filler(k))
    text_pages = doc.pdf()
    table = io.BytesIO()
    c = canvas.Canvas(table, pagesize=(PAGE_W, PAGE_H))
    c.setFont(FONT, 10.5)
    c.drawCentredString(PAGE_W / 2, PAGE_H - 50, "某某公司工会")
    _draw_ruled_table(c)
    c.showPage()
    c.save()
    import pypdfium2 as pdfium

    merged = pdfium.PdfDocument(text_pages)
    merged.import_pages(pdfium.PdfDocument(table.getvalue()), index=1)
    out = io.BytesIO()
    merged.save(out)
    blocks = read(out.getvalue(), "t.pdf").blocks
    assert [(b.kind, b.page) for b in blocks if b.kind == "table"] == [("table", 2)]
    got = [b.text if b.kind == "paragraph" else [[c.text for c in row] for row in b.rows] for b in blocks]
    assert got[:10] == [_filler(k) for k in range(1, 11)]
    # (page 1's last line reaches the margin: the table page's first line continues it)
    assert got[10:] == [_filler(11) + "月度安排如下：", TABLE_TEXTS, "各部门要抓好落实。"] + [_filler(k) for k in range(12, 21)]


def _read_in_subprocess(pdf: bytes, tmp_path: Path) -> dict:
    """The reading of a PDF by a fresh interpreter, with the modules it
    needed: whether pdfplumber (or pdfminer under it) was imported at all."""
    import json
    import subprocess
    import sys

    path = tmp_path / "plan.pdf"
    path.write_bytes(pdf)
    code = (
        "import json, sys\n"
        "from extractor.readers import read_bytes\n"
        f"r = read_bytes(open({str(path)!r}, 'rb').read(), 'plan.pdf')\n"
        "print(json.dumps({'blocks': [[b.kind, b.text] for b in r.blocks], 'warnings': r.warnings,\n"
        "  'pdfplumber': 'pdfplumber' in sys.modules, 'pdfminer': 'pdfminer' in sys.modules}))\n"
    )
    root = Path(__file__).resolve().parents[1]
    proc = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.splitlines()[-1])


def test_text_pdf_is_read_without_pdfplumber(tmp_path):
    doc = Layout(header="某某市总工会办公室")
    doc.title("某某市总工会2025年工作计划")
    for k in range(1, 30):
        doc.para(_filler(k))
    got = _read_in_subprocess(doc.pdf(), tmp_path)
    assert [t for _, t in got["blocks"]] == ["某某市总工会2025年工作计划"] + [_filler(k) for k in range(1, 30)]
    assert not got["pdfplumber"] and not got["pdfminer"]


def test_ruled_table_page_is_read_by_pdfplumber(tmp_path):
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(PAGE_W, PAGE_H))
    _draw_ruled_table(c)
    c.showPage()
    c.save()
    got = _read_in_subprocess(buf.getvalue(), tmp_path)
    assert [k for k, _ in got["blocks"]] == ["paragraph", "table", "paragraph"]
    assert got["pdfplumber"]


def test_underlined_heading_is_no_table_candidate(tmp_path):
    # A rule under the header (a red-head document's line) is horizontal
    # only: no table can hang on it, so pdfplumber is not needed.
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(PAGE_W, PAGE_H))
    c.setFont(FONT, 16)
    c.drawString(LEFT, 760, "某某区妇女联合会文件")
    c.setLineWidth(1.5)
    c.line(LEFT, 750, RIGHT, 750)
    c.drawString(LEFT, 700, "一、总体要求")
    c.showPage()
    c.save()
    got = _read_in_subprocess(buf.getvalue(), tmp_path)
    assert "".join(t for _, t in got["blocks"]) == "某某区妇女联合会文件一、总体要求"
    assert not got["pdfplumber"]


def test_watermark_turned_a_quarter_is_left_out():
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(PAGE_W, PAGE_H))
    c.setFont(FONT, 16)
    c.drawString(LEFT, 700, "一、总体要求和工作目标")
    c.saveState()
    c.translate(40, 400)
    c.rotate(90)
    c.drawString(0, 0, "内部资料注意保存")
    c.restoreState()
    c.showPage()
    c.save()
    assert [b.text for b in read(buf.getvalue(), "t.pdf").blocks] == ["一、总体要求和工作目标"]


def _scan_and_text_pdf() -> bytes:
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    img = io.BytesIO()
    Image.new("RGB", (200, 100), "white").save(img, format="PNG")
    img.seek(0)
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(PAGE_W, PAGE_H))
    c.drawImage(ImageReader(img), 50, 300, width=500, height=250)
    c.showPage()
    c.setFont(FONT, 16)
    c.drawString(LEFT, 700, "第二页有文字。")
    c.showPage()
    c.save()
    return buf.getvalue()


def test_page_without_text_layer_is_reported_not_fatal(tmp_path):
    reading = _read_in_subprocess(_scan_and_text_pdf(), tmp_path)
    assert reading["blocks"][-1] == ["paragraph", "第二页有文字。"]
    # Either OCR ran (and says so for page 1) or the page is reported as
    # unreadable without a text layer; the text page is read either way,
    # and neither needed pdfplumber.
    page_one = [w for w in reading["warnings"] if w.startswith("第 1 页")]
    assert page_one
    assert "使用了 OCR" in page_one[0] or page_one[0].startswith("第 1 页：没有文字层（无法 OCR：")
    assert not reading["pdfplumber"]


# --- bad input ----------------------------------------------------------------------


def _encrypted(user: str, owner: str, font: str = FONT, text: str = "机密工作计划") -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, encrypt=StandardEncryption(user, ownerPassword=owner))
    c.setFont(font, 16)
    c.drawString(LEFT, 700, text)
    c.showPage()
    c.save()
    return buf.getvalue()


def test_password_protected_pdf_is_a_read_error_naming_the_reason():
    with pytest.raises(ReadError) as err:
        read_bytes(_encrypted("secret", "owner"), "locked.pdf")
    assert err.value.file == "locked.pdf"
    assert err.value.code == "pdf_encrypted" and "密码" in err.value.reason


def test_pdf_with_only_an_owner_password_still_reads():
    reading = read_bytes(_encrypted("", "owner", "Helvetica", "Work plan 2025"), "restricted.pdf")
    assert [b.text for b in reading.blocks] == ["Work plan 2025"]


def test_cid_font_without_unicode_table_is_read_by_pdfium():
    # pdfminer cannot map this encrypted CID font's glyphs (it yields
    # "(cid:N)" placeholders); pdfium, the first reader, maps them.
    reading = read_bytes(_encrypted("", "owner"), "restricted.pdf")
    assert [b.text for b in reading.blocks] == ["机密工作计划"]
    assert reading.warnings == []


def test_glyphs_without_unicode_mapping_are_not_passed_on_as_text():
    # A wrong startxref: pdfium rebuilds the cross-reference table, so the
    # file goes to pdfplumber as a damaged one; pdfminer's "(cid:N)"
    # placeholders must never reach the text, and the page says why.
    data = re.sub(rb"startxref\s+(\d+)", lambda m: b"startxref\n%d" % (int(m.group(1)) + 7), _encrypted("", "owner"))
    reading = read_bytes(data, "restricted.pdf")
    assert not any("(cid:" in b.text for b in reading.blocks)
    assert any(w.startswith("第 1 页：文字层的字符没有 Unicode 映射") for w in reading.warnings)


def test_pdf_with_a_broken_cross_reference_table_reads_as_the_intact_one():
    # pdfium would rebuild the table silently; such a file goes to
    # pdfplumber, which reads (or refuses) damaged files as it always did.
    data = (SHARED / "fixtures" / "d2.pdf").read_bytes()
    broken = re.sub(rb"startxref\s+(\d+)", lambda m: b"startxref\n%d" % (int(m.group(1)) - 13), data)
    assert broken != data
    intact = read_bytes(data, "d2.pdf")
    reading = read_bytes(broken, "d2.pdf")
    assert [b.text for b in reading.blocks] == [b.text for b in intact.blocks]


@pytest.mark.parametrize("fraction", [0.2, 0.6, 0.95])
def test_truncated_pdf_is_a_read_error(fraction):
    data = (SHARED / "fixtures" / "d2.pdf").read_bytes()
    with pytest.raises(ReadError) as err:
        read_bytes(data[: int(len(data) * fraction)], "cut.pdf")
    assert str(err.value).startswith("cut.pdf: ")
    assert err.value.code in ("pdf_damaged", "pdf_damaged_or_locked") and "损坏" in err.value.reason


def test_pdf_header_with_garbage_is_a_read_error():
    with pytest.raises(ReadError) as err:
        read_bytes(b"%PDF-1.4\n" + b"\x00\x01garbage" * 50, "junk.pdf")
    assert err.value.file == "junk.pdf"


# --- pdfium's reading is pdfplumber's --------------------------------------------


def _pdf_laid_out() -> bytes:
    doc = Layout(header="某某市总工会办公室", footer=lambda n, total: f"第{n}页 共{total}页", even_shift=24)
    doc.title("某某市总工会2025年工作计划")
    for k in range(1, 40):
        doc.para(_filler(k) if k % 3 else LONG)
    return doc.pdf()


def _pdf_of_edge_cases() -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(PAGE_W, PAGE_H))
    # a line-end hyphen (pdfium reports it as a control code marked IsHyphen)
    c.setFont(FONT, 10)
    c.drawString(56.8, 700, "幼儿园卫生保健计划")
    c.setFont("Courier", 10)
    c.drawString(146.8, 700, "-")
    c.setFont(FONT, 10)
    c.drawString(56.8, 685, "为了加强幼儿园卫生保健工作")
    # a gap of exactly two characters between decimal positions: a space
    # in pdfminer's doubles (20.000000000000014 > 20)
    c.drawString(102.8, 650, "组")
    c.drawString(132.8, 650, "阅读")
    # Latin beside CJK, digits set apart by a small gap, text scaled by the CTM
    c.setFont("Helvetica", 12)
    c.drawString(LEFT, 600, "Annual plan 2025, part 3-5")
    c.saveState()
    c.scale(1.5, 1.5)
    c.setFont(FONT, 10)
    c.drawString(LEFT / 1.5, 560 / 1.5, "二、主要任务")
    c.restoreState()
    # a watermark turned 45°: that page goes to pdfplumber
    c.showPage()
    c.setFont(FONT, 16)
    c.drawString(LEFT, 700, "一、总体要求和工作目标")
    c.saveState()
    c.translate(200, 400)
    c.rotate(45)
    c.drawString(0, 0, "内部资料注意保存")
    c.restoreState()
    c.showPage()
    c.save()
    return buf.getvalue()


@pytest.fixture(scope="module")
def libreoffice_pdfs(tmp_path_factory) -> dict[str, bytes]:
    """PDFs as LibreOffice writes them (embedded subset fonts, positioned
    glyph runs): d1.docx, and two real plans whose text holds a two-em dash
    set as one glyph (ra36) and runs of spaces (rc02)."""
    import os
    import subprocess

    from extractor.readers import legacy

    soffice = legacy.soffice_path()
    if soffice is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice is not installed: run scripts/setup-system.sh")
        pytest.skip("LibreOffice is not installed: run scripts/setup-system.sh")
    work = tmp_path_factory.mktemp("lo-pdf")
    sources = [SHARED / "fixtures" / "d1.docx", Path(__file__).parent / "data" / "real" / "ra36.txt",
               Path(__file__).parent / "data" / "real" / "rc02.txt"]
    for src in sources:
        (work / src.name).write_bytes(src.read_bytes())
    for group, options in (([sources[0]], []), (sources[1:], ["--infilter=Text (encoded):UTF8,,,"])):
        subprocess.run(
            [soffice, "--headless", "--norestore", f"-env:UserInstallation={(work / 'profile').as_uri()}",
             *options, "--convert-to", "pdf", "--outdir", str(work / "pdf"), *(str(work / src.name) for src in group)],
            check=True, capture_output=True, timeout=180,
        )
    return {f"lo/{src.stem}": (work / "pdf" / f"{src.stem}.pdf").read_bytes() for src in sources}


@pytest.mark.parametrize("source", [
    "fixtures/d2.pdf", "probes3/p3_02_hospital_nursing.pdf", "probes3/p3_05_school_moral.pdf",
    "probes3/p3_08_enterprise_women.pdf", "probes5/w8_dangjian.pdf", "laid out", "edge cases",
    "lo/d1", "lo/ra36", "lo/rc02",
])
def test_pdfium_reads_what_pdfplumber_reads(source, monkeypatch, request):
    import extractor.readers.pdf as pdf_module

    if source.startswith("lo/"):
        data = request.getfixturevalue("libreoffice_pdfs")[source]
    elif source in ("laid out", "edge cases"):
        data = {"laid out": _pdf_laid_out, "edge cases": _pdf_of_edge_cases}[source]()
    else:
        folder, name = source.split("/")
        base = SHARED if folder == "fixtures" else Path(__file__).parent / "data"
        data = (base / folder / name).read_bytes()

    def seen(reading):
        return [(b.kind, b.text, b.page, [[c.text for c in row] for row in b.rows or []]) for b in reading.blocks], reading.warnings

    by_pdfium = seen(read(data, "t.pdf"))
    monkeypatch.setattr(pdf_module, "_read_by_pdfium", lambda data: None)  # every page through pdfplumber
    assert by_pdfium == seen(read(data, "t.pdf"))
