"""The .docx reader: body order, Word's automatic numbering as Word shows
it, tables with merged cells, and bad input."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml

from extractor.errors import ReadError
from extractor.readers import read_bytes
from extractor.readers.docx import format_number, read

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = f'xmlns:w="{W_NS}"'


# --- building test documents ------------------------------------------------


def lvl(ilvl: int, fmt: str, text: str, start: int = 1, extra: str = "") -> str:
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>{extra}'
            f'<w:lvlText w:val="{text}"/></w:lvl>')


def abstract(aid: int, *levels: str, head: str = "") -> str:
    return f'<w:abstractNum {NS} w:abstractNumId="{aid}">{head}{"".join(levels)}</w:abstractNum>'


def num(num_id: int, aid: int, overrides: str = "") -> str:
    return f'<w:num {NS} w:numId="{num_id}"><w:abstractNumId w:val="{aid}"/>{overrides}</w:num>'


def start_override(ilvl: int, value: int) -> str:
    return f'<w:lvlOverride w:ilvl="{ilvl}"><w:startOverride w:val="{value}"/></w:lvlOverride>'


def add_numbering(document, abstracts: list[str], nums: list[str]) -> None:
    """Add definitions to the document's numbering part, abstractNums
    before the first w:num as the schema orders them."""
    root = document.part.numbering_part.element
    first_num = root.find(f"{{{W_NS}}}num")
    for a in abstracts:
        el = parse_xml(a)
        if first_num is not None:
            first_num.addprevious(el)
        else:
            root.append(el)
    for n in nums:
        root.append(parse_xml(n))


def numbered(document, text: str, num_id: int | None, ilvl: int | None = 0, style: str | None = None):
    p = document.add_paragraph(text, style=style)
    if num_id is not None:
        ppr = p._p.get_or_add_pPr()
        ilvl_xml = f'<w:ilvl w:val="{ilvl}"/>' if ilvl is not None else ""
        ppr.append(parse_xml(f'<w:numPr {NS}>{ilvl_xml}<w:numId w:val="{num_id}"/></w:numPr>'))
    return p


def to_bytes(document) -> bytes:
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def labels(data: bytes) -> list[tuple[str, str]]:
    return [(b.label, b.text) for b in read(data, "t.docx").blocks if b.kind == "paragraph"]


# --- the shared fixture -----------------------------------------------------


@pytest.fixture(scope="module")
def d1():
    return read((SHARED / "fixtures" / "d1.docx").read_bytes(), "d1.docx")


def test_d1_section_labels_render_as_word_shows_them(d1):
    numbered_blocks = [b for b in d1.blocks if b.label]
    assert numbered_blocks[0].label == "一、"
    assert numbered_blocks[0].text.startswith("坚持政治引领")
    assert numbered_blocks[0].list_level == 0
    assert [b.label for b in numbered_blocks if b.list_level == 0] == ["一、", "二、", "三、", "四、", "五、"]


def test_d1_sub_levels_restart_when_the_parent_advances(d1):
    seq = [b.label for b in d1.blocks if b.label]
    # 一、（一）（二） 二、（一） 1. 2. 3. （二） 三、（一）…
    assert seq[:9] == ["一、", "（一）", "（二）", "二、", "（一）", "1.", "2.", "3.", "（二）"]
    assert seq[9:11] == ["三、", "（一）"]
    three = next(b for b in d1.blocks if b.label == "1.")
    assert three.text.startswith("3月启动竞赛")


def test_d1_heading_style_gives_a_level_hint(d1):
    first = next(b for b in d1.blocks if b.label == "一、")
    assert first.heading_level == 1
    assert next(b for b in d1.blocks if b.label == "（一）").heading_level is None


def test_d1_keeps_body_order_and_leaves_out_header_and_footer(d1):
    texts = [b.text for b in d1.blocks if b.kind == "paragraph"]
    assert texts[0] == "青川区总工会2025年工作计划"
    assert "青川区总工会" not in texts  # the page header
    assert "1" not in texts  # the footer's page number
    kinds = [b.kind for b in d1.blocks]
    table_at = kinds.index("table")
    assert d1.blocks[table_at - 1].text == "青川区总工会2025年重点工作月度安排表"
    assert d1.blocks[table_at + 1].text.startswith("各部室要按照月度安排")


def test_d1_vertically_merged_cell_is_read_once(d1):
    table = next(b for b in d1.blocks if b.kind == "table")
    assert [c.text for c in table.rows[0]] == ["时间", "工作内容", "责任单位", "配合单位"]
    assert len(table.rows) == 13
    assert all(len(r) == 4 for r in table.rows)
    merged = [(i, j) for i, r in enumerate(table.rows) for j, c in enumerate(r) if c.row_span > 1]
    assert len(merged) == 1
    i, j = merged[0]
    origin = table.rows[i][j]
    assert origin.text and origin.row_span == 2
    below = table.rows[i + 1][j]
    assert below.continued and below.text == ""
    # A cell's paragraphs and line breaks stay apart.
    assert table.rows[1][2].text == "权益保障部\n办公室"


# --- numbering variants -------------------------------------------------------


def test_chinese_counting_with_dun_comma_goes_past_ten():
    d = docx.Document()
    add_numbering(d, [abstract(100, lvl(0, "chineseCounting", "%1、"))], [num(100, 100)])
    for i in range(12):
        numbered(d, f"第{i + 1}项", 100)
    got = [label for label, _ in labels(to_bytes(d))]
    assert got[:3] == ["一、", "二、", "三、"]
    assert got[9:] == ["十、", "十一、", "十二、"]


def test_chinese_counting_in_full_width_parentheses():
    d = docx.Document()
    add_numbering(d, [abstract(100, lvl(0, "chineseCounting", "（%1）"))], [num(100, 100)])
    numbered(d, "甲", 100)
    numbered(d, "乙", 100)
    assert labels(to_bytes(d)) == [("（一）", "甲"), ("（二）", "乙")]


def test_enclosed_circle_traditional_letters_roman_and_full_width_formats():
    d = docx.Document()
    formats = [("decimalEnclosedCircle", "%1", ["①", "②"]), ("ideographTraditional", "%1、", ["甲、", "乙、"]),
               ("upperLetter", "%1.", ["A.", "B."]), ("lowerLetter", "%1)", ["a)", "b)"]),
               ("upperRoman", "%1.", ["I.", "II."]), ("decimalFullWidth", "%1．", ["１．", "２．"]),
               ("chineseCountingThousand", "第%1条", ["第一条", "第二条"])]
    for k, (fmt, text, _) in enumerate(formats):
        add_numbering(d, [abstract(200 + k, lvl(0, fmt, text))], [num(200 + k, 200 + k)])
        numbered(d, "x", 200 + k)
        numbered(d, "y", 200 + k)
    got = [label for label, _ in labels(to_bytes(d))]
    assert got == [lab for _, _, pair in formats for lab in pair]


def test_bullet_in_symbol_font_reads_as_a_dot():
    d = docx.Document()
    add_numbering(d, [abstract(100, lvl(0, "bullet", "\uf0b7"))], [num(100, 100)])
    numbered(d, "要点", 100)
    assert labels(to_bytes(d)) == [("•", "要点")]


def test_start_value_other_than_one():
    d = docx.Document()
    add_numbering(d, [abstract(100, lvl(0, "decimal", "%1.", start=3))], [num(100, 100)])
    numbered(d, "a", 100)
    numbered(d, "b", 100)
    assert labels(to_bytes(d)) == [("3.", "a"), ("4.", "b")]


def test_sub_level_restarts_after_parent_and_multi_level_placeholders():
    d = docx.Document()
    add_numbering(d, [abstract(100, lvl(0, "chineseCounting", "%1、"), lvl(1, "decimal", "%1.%2"))],
                  [num(100, 100)])
    for text, ilvl in [("A", 0), ("a1", 1), ("a2", 1), ("B", 0), ("b1", 1)]:
        numbered(d, text, 100, ilvl)
    assert labels(to_bytes(d)) == [("一、", "A"), ("一.1", "a1"), ("一.2", "a2"), ("二、", "B"), ("二.1", "b1")]


def test_lvl_restart_zero_keeps_counting_across_parents():
    d = docx.Document()
    add_numbering(d, [abstract(100, lvl(0, "chineseCounting", "%1、"),
                               lvl(1, "decimal", "%2.", extra='<w:lvlRestart w:val="0"/>'))],
                  [num(100, 100)])
    for text, ilvl in [("A", 0), ("a1", 1), ("B", 0), ("b1", 1)]:
        numbered(d, text, 100, ilvl)
    assert [label for label, _ in labels(to_bytes(d))] == ["一、", "1.", "二、", "2."]


def test_start_override_restarts_and_plain_instance_continues():
    d = docx.Document()
    add_numbering(d, [abstract(100, lvl(0, "decimal", "%1."))],
                  [num(100, 100), num(101, 100, start_override(0, 1)), num(102, 100, start_override(0, 5)),
                   num(103, 100)])
    for text, nid in [("a", 100), ("b", 100), ("c", 101), ("d", 101), ("e", 102), ("f", 103)]:
        numbered(d, text, nid)
    # 101 restarts the shared list at 1; 102 jumps to 5; 103 (no override,
    # same abstractNum) continues it as Word does.
    assert [label for label, _ in labels(to_bytes(d))] == ["1.", "2.", "1.", "2.", "5.", "6."]


def test_separate_abstract_definitions_count_separately():
    d = docx.Document()
    add_numbering(d, [abstract(100, lvl(0, "decimal", "%1.")), abstract(101, lvl(0, "decimal", "%1."))],
                  [num(100, 100), num(101, 101)])
    for text, nid in [("a", 100), ("b", 100), ("c", 101), ("d", 100)]:
        numbered(d, text, nid)
    assert [label for label, _ in labels(to_bytes(d))] == ["1.", "2.", "1.", "3."]


def test_numbering_set_through_the_paragraph_style():
    d = docx.Document()
    add_numbering(d, [abstract(100, lvl(0, "chineseCounting", "%1、"), lvl(1, "chineseCounting", "（%2）"))],
                  [num(100, 100)])
    for name, ilvl in (("计划一级", 0), ("计划二级", 1)):
        style = d.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.element.get_or_add_pPr().append(
            parse_xml(f'<w:numPr {NS}><w:ilvl w:val="{ilvl}"/><w:numId w:val="100"/></w:numPr>'))
    d.add_paragraph("总体要求", style="计划一级")
    d.add_paragraph("具体任务", style="计划二级")
    d.add_paragraph("主要措施", style="计划一级")
    # Direct numId 0 switches the style's numbering off.
    numbered(d, "不编号", 0, None, style="计划一级")
    assert labels(to_bytes(d)) == [("一、", "总体要求"), ("（一）", "具体任务"), ("二、", "主要措施"), ("", "不编号")]


def test_style_bound_to_a_level_through_lvl_pstyle():
    d = docx.Document()
    style = d.styles.add_style("条款", WD_STYLE_TYPE.PARAGRAPH)
    sid = style.style_id
    add_numbering(d, [abstract(100, lvl(0, "chineseCounting", "%1、"),
                               lvl(1, "decimal", "%2.", extra=f'<w:pStyle w:val="{sid}"/>'))],
                  [num(100, 100)])
    style.element.get_or_add_pPr().append(parse_xml(f'<w:numPr {NS}><w:numId w:val="100"/></w:numPr>'))
    numbered(d, "总则", 100, 0)
    d.add_paragraph("第一款", style="条款")
    assert labels(to_bytes(d)) == [("一、", "总则"), ("1.", "第一款")]


def test_num_style_link_follows_the_numbering_style():
    d = docx.Document()
    # A numbering style "计划列表" owns abstractNum 101 (styleLink); list
    # instance 100 points at abstractNum 100, which only links to the style.
    style = d.styles.add_style("计划列表", WD_STYLE_TYPE.LIST)
    sid = style.style_id
    style.element.get_or_add_pPr().append(parse_xml(f'<w:numPr {NS}><w:numId w:val="101"/></w:numPr>'))
    add_numbering(d, [abstract(100, head=f'<w:numStyleLink w:val="{sid}"/>'),
                      abstract(101, lvl(0, "chineseCounting", "%1、"), head=f'<w:styleLink w:val="{sid}"/>')],
                  [num(100, 100), num(101, 101)])
    numbered(d, "甲项", 100)
    numbered(d, "乙项", 100)
    assert labels(to_bytes(d)) == [("一、", "甲项"), ("二、", "乙项")]


def test_format_number_chinese_counting_edges():
    assert [format_number(n, "chineseCounting") for n in (1, 10, 11, 20, 21, 99, 100, 105, 110)] == [
        "一", "十", "十一", "二十", "二十一", "九十九", "一百", "一百零五", "一百一十"]
    assert format_number(21, "decimalEnclosedCircle") == "㉑"
    assert format_number(4, "lowerRoman") == "iv"


# --- body structure -------------------------------------------------------------


def test_content_controls_and_tables_keep_body_order():
    d = docx.Document()
    d.add_paragraph("前言")
    sdt = parse_xml(f'<w:sdt {NS}><w:sdtContent><w:p><w:r><w:t>控件内段落</w:t></w:r></w:p>'
                    f'</w:sdtContent></w:sdt>')
    d.element.body.sectPr.addprevious(sdt)
    table = d.add_table(rows=2, cols=3)
    table.cell(0, 0).merge(table.cell(0, 1))
    table.cell(0, 0).text = "合并标题"
    table.cell(0, 2).text = "备注"
    table.cell(1, 0).text = "一"
    d.add_paragraph("结尾")
    blocks = read(to_bytes(d), "t.docx").blocks
    assert [b.kind for b in blocks] == ["paragraph", "paragraph", "table", "paragraph"]
    assert blocks[1].text == "控件内段落"
    head = blocks[2].rows[0]
    assert (head[0].text, head[0].col_span) == ("合并标题", 2)
    assert head[1].continued and head[2].text == "备注"
    assert [c.text for c in blocks[2].rows[1]] == ["一", "", ""]


def test_deleted_revisions_are_not_read_and_insertions_are():
    d = docx.Document()
    p = d.add_paragraph("保留")
    p._p.append(parse_xml(f'<w:del {NS} w:id="1" w:author="a"><w:r><w:delText>删除的</w:delText></w:r></w:del>'))
    p._p.append(parse_xml(f'<w:ins {NS} w:id="2" w:author="a"><w:r><w:t>插入的</w:t></w:r></w:ins>'))
    assert labels(to_bytes(d)) == [("", "保留插入的")]


# --- bad input ------------------------------------------------------------------


def test_docx_renamed_pdf_is_still_read_as_docx():
    d = docx.Document()
    d.add_paragraph("工作计划")
    reading = read_bytes(to_bytes(d), "plan.pdf")
    assert reading.format == "docx"
    assert reading.blocks[0].text == "工作计划"


def test_zip_with_garbage_document_is_a_read_error():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "not xml at all")
        z.writestr("word/document.xml", "<<<garbage")
    with pytest.raises(ReadError) as err:
        read_bytes(buf.getvalue(), "bad.docx")
    assert err.value.file == "bad.docx"
    assert err.value.code == "docx_unreadable" and "Word 文档" in err.value.reason


def test_truncated_docx_is_a_read_error():
    d = docx.Document()
    d.add_paragraph("工作计划")
    data = to_bytes(d)
    with pytest.raises(ReadError) as err:
        read_bytes(data[: len(data) // 2], "cut.docx")
    assert str(err.value).startswith("cut.docx: ")


def test_macro_enabled_document_reads_like_a_docx():
    d = docx.Document()
    d.add_paragraph("宏文档中的计划")
    src = zipfile.ZipFile(io.BytesIO(to_bytes(d)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "[Content_Types].xml":
                content = content.replace(b"wordprocessingml.document.main+xml", b"DUMMY").replace(
                    b"application/vnd.openxmlformats-officedocument.DUMMY",
                    b"application/vnd.ms-word.document.macroEnabled.main+xml")
            z.writestr(info, content)
    assert b"macroEnabled" in zipfile.ZipFile(io.BytesIO(out.getvalue())).read("[Content_Types].xml")
    assert labels(out.getvalue()) == [("", "宏文档中的计划")]
