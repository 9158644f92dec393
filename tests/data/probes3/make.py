#!/usr/bin/env python3
"""Generate the probes3 blind test documents.

Eight office files of Chinese work plans, written without looking at the
parser, each paired with a hand-made NAME.gold.json. They carry the traps of
real office files: Word automatic numbering defined in numbering.xml (direct
and linked to heading styles, with restarts), page headers and footers with
PAGE/NUMPAGES fields, schedule tables with vMerge/gridSpan merged cells, PDFs
with running headers, page numbers and paragraphs wrapped across pages, and
hard-wrapped GBK / UTF-8-BOM text with CRLF and page numbers mid-sentence.

Run: python make.py  (writes the files next to this script; deterministic)
"""
from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

HERE = Path(__file__).resolve().parent
FIXED_TIME = dt.datetime(2025, 1, 20, 9, 0, 0)

# ---------------------------------------------------------------- docx helpers


def _east_asia(style_or_run_font_el, name: str) -> None:
    rpr = style_or_run_font_el.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), name)


def new_docx(header_text: str | None) -> Document:
    doc = Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Cm(21.0), Cm(29.7)
    sec.top_margin, sec.bottom_margin = Cm(3.7), Cm(3.5)
    sec.left_margin, sec.right_margin = Cm(2.8), Cm(2.6)
    normal = doc.styles["Normal"]
    normal.font.size = Pt(16)
    normal.font.name = "Times New Roman"
    _east_asia(normal.element, "仿宋_GB2312")
    for name, size in (("Heading 1", 16), ("Heading 2", 16), ("Title", 22)):
        st = doc.styles[name]
        st.font.size = Pt(size)
        st.font.color.rgb = RGBColor(0, 0, 0)
        st.font.name = "Times New Roman"
        _east_asia(st.element, "黑体" if name != "Title" else "方正小标宋简体")
    if header_text:
        hp = sec.header.paragraphs[0]
        hp.text = header_text
        hp.alignment = WD_ALIGN_PARAGRAPH.CENTER
    props = doc.core_properties
    props.author = "办公室"
    props.last_modified_by = "办公室"
    props.created = FIXED_TIME
    props.modified = FIXED_TIME
    props.revision = 3
    return doc


def save_docx(doc: Document, path: Path) -> None:
    """Save with fixed zip timestamps so that reruns give identical bytes."""
    buf = io.BytesIO()
    doc.save(buf)
    buf.seek(0)
    with zipfile.ZipFile(buf) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2025, 1, 20, 9, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info.filename))


def _field(paragraph, instr: str, cached: str) -> None:
    """A complex field (PAGE, NUMPAGES) as Word writes it, with a cached value."""
    def fld(kind: str):
        r = paragraph.add_run()
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), kind)
        r._r.append(el)

    fld("begin")
    r = paragraph.add_run()
    it = OxmlElement("w:instrText")
    it.set(qn("xml:space"), "preserve")
    it.text = f" {instr} "
    r._r.append(it)
    fld("separate")
    paragraph.add_run(cached)
    fld("end")


def footer_page(doc: Document, before: str, after: str, total: bool = False) -> None:
    fp = doc.sections[0].footer.paragraphs[0]
    fp.alignment = WD_ALIGN_PARAGRAPH.CENTER
    fp.add_run(before)
    _field(fp, "PAGE", "1")
    if total:
        fp.add_run(" 页 共 ")
        _field(fp, "NUMPAGES", "4")
        fp.add_run(" 页")
    else:
        fp.add_run(after)


def _lvl(ilvl: int, fmt: str, text: str, pstyle: str | None = None):
    lvl = OxmlElement("w:lvl")
    lvl.set(qn("w:ilvl"), str(ilvl))
    start = OxmlElement("w:start")
    start.set(qn("w:val"), "1")
    lvl.append(start)
    nf = OxmlElement("w:numFmt")
    nf.set(qn("w:val"), fmt)
    lvl.append(nf)
    if pstyle:
        ps = OxmlElement("w:pStyle")
        ps.set(qn("w:val"), pstyle)
        lvl.append(ps)
    suff = OxmlElement("w:suff")
    suff.set(qn("w:val"), "nothing")
    lvl.append(suff)
    lt = OxmlElement("w:lvlText")
    lt.set(qn("w:val"), text)
    lvl.append(lt)
    jc = OxmlElement("w:lvlJc")
    jc.set(qn("w:val"), "left")
    lvl.append(jc)
    ppr = OxmlElement("w:pPr")
    ind = OxmlElement("w:ind")
    ind.set(qn("w:left"), "0")
    ind.set(qn("w:firstLine"), "640")
    ppr.append(ind)
    lvl.append(ppr)
    return lvl


def abstract_num(doc: Document, aid: int, levels: list[tuple]) -> None:
    """levels: (numFmt, lvlText[, pStyle]) per level; abstractNums go before nums."""
    numbering = doc.part.numbering_part.element
    an = OxmlElement("w:abstractNum")
    an.set(qn("w:abstractNumId"), str(aid))
    mlt = OxmlElement("w:multiLevelType")
    mlt.set(qn("w:val"), "multilevel" if len(levels) > 1 else "singleLevel")
    an.append(mlt)
    for i, spec in enumerate(levels):
        an.append(_lvl(i, *spec))
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(an)
    else:
        numbering.append(an)


def num(doc: Document, nid: int, aid: int, restart: bool = False) -> int:
    """A w:num instance; restart=True is how Word restarts a list at 1."""
    numbering = doc.part.numbering_part.element
    n = OxmlElement("w:num")
    n.set(qn("w:numId"), str(nid))
    a = OxmlElement("w:abstractNumId")
    a.set(qn("w:val"), str(aid))
    n.append(a)
    if restart:
        lo = OxmlElement("w:lvlOverride")
        lo.set(qn("w:ilvl"), "0")
        so = OxmlElement("w:startOverride")
        so.set(qn("w:val"), "1")
        lo.append(so)
        n.append(lo)
    numbering.append(n)
    return nid


def set_num(paragraph, nid: int, ilvl: int = 0) -> None:
    numpr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    numpr.get_or_add_ilvl().val = ilvl
    numpr.get_or_add_numId().val = nid


def style_num(doc: Document, style_name: str, nid: int, ilvl: int) -> None:
    """Numbering linked to a heading style: the paragraphs carry no numPr."""
    ppr = doc.styles[style_name].element.get_or_add_pPr()
    numpr = ppr.get_or_add_numPr()
    numpr.get_or_add_ilvl().val = ilvl
    numpr.get_or_add_numId().val = nid


def para(doc: Document, *runs: str, style: str | None = None, indent: bool = True,
         align=None, bold_first: bool = False):
    """A paragraph built from several runs (Word splits text into runs freely)."""
    p = doc.add_paragraph(style=style)
    for i, text in enumerate(runs):
        r = p.add_run(text)
        if bold_first and i == 0:
            r.bold = True
    if indent and style is None:
        p.paragraph_format.first_line_indent = Pt(32)
    if align is not None:
        p.alignment = align
    p.paragraph_format.space_after = Pt(0)
    return p


def title(doc: Document, *lines: str) -> None:
    """A centred title; several lines are one paragraph split by w:br."""
    p = doc.add_paragraph(style="Title")
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for i, line in enumerate(lines):
        r = p.add_run(line)
        if i < len(lines) - 1:
            r.add_break()


def signature(doc: Document, unit: str, date: str) -> None:
    doc.add_paragraph()
    para(doc, unit, indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT)
    para(doc, date, indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT)


def set_cell(cell, text: str) -> None:
    lines = text.split("\n")
    cell.paragraphs[0].text = lines[0]
    for line in lines[1:]:
        cell.add_paragraph(line)
    for p in cell.paragraphs:
        for r in p.runs:
            r.font.size = Pt(12)


def table(doc: Document, header: list[str], rows: list[list[str | None]], widths_cm: list[float],
          vmerge: list[tuple[int, int, int]] = (), span_rows: dict[int, str] | None = None):
    """rows: cell texts, None under a vertical merge; vmerge: (col, first_row, last_row)
    over data rows; span_rows: data row index -> text spanning every column."""
    t = doc.add_table(rows=1 + len(rows), cols=len(header))
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    trpr = t.rows[0]._tr.get_or_add_trPr()
    trpr.append(OxmlElement("w:tblHeader"))
    for c, h in enumerate(header):
        set_cell(t.cell(0, c), h)
        for r in t.cell(0, c).paragraphs[0].runs:
            r.bold = True
    span_rows = span_rows or {}
    for i, text in span_rows.items():
        m = t.cell(1 + i, 0).merge(t.cell(1 + i, len(header) - 1))
        set_cell(m, text)
    merged: dict[tuple[int, int], object] = {}
    for col, a, b in vmerge:
        merged[(a, col)] = t.cell(1 + a, col).merge(t.cell(1 + b, col))
    for i, row in enumerate(rows):
        if i in span_rows:
            continue
        for c, text in enumerate(row):
            if text is None:
                continue
            set_cell(merged.get((i, c), t.cell(1 + i, c)), text)
    for row in t.rows:
        for c, w in enumerate(widths_cm):
            if c < len(row.cells):
                row.cells[c].width = Cm(w)
    return t


# ---------------------------------------------------------------- pdf helpers

pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
FONT = "STSong-Light"
BODY = ParagraphStyle("body", fontName=FONT, fontSize=15, leading=27, firstLineIndent=30,
                      wordWrap="CJK", alignment=TA_JUSTIFY)
HEAD = ParagraphStyle("head", parent=BODY)
TITLE = ParagraphStyle("title", fontName=FONT, fontSize=21, leading=34, alignment=TA_CENTER,
                       wordWrap="CJK", spaceAfter=6)
RIGHT = ParagraphStyle("right", parent=BODY, firstLineIndent=0, alignment=TA_RIGHT)
CELL = ParagraphStyle("cell", fontName=FONT, fontSize=11.5, leading=17, wordWrap="CJK")
CELLC = ParagraphStyle("cellc", parent=CELL, alignment=TA_CENTER)


def build_pdf(path: Path, story_fn, header: str, footer: str, header_on_first: bool = False) -> None:
    """footer: 'dash' gives '— N —'; 'total' gives '第N页 共M页' (two passes)."""
    total = [0]

    def deco(canvas, doc):
        canvas.saveState()
        w, h = A4
        if header_on_first or doc.page > 1:
            canvas.setFont(FONT, 10.5)
            canvas.drawCentredString(w / 2, h - 22 * mm, header)
            canvas.setLineWidth(0.5)
            canvas.line(28 * mm, h - 24 * mm, w - 26 * mm, h - 24 * mm)
        canvas.setFont(FONT, 12)
        if footer == "dash":
            canvas.drawCentredString(w / 2, 18 * mm, f"— {doc.page} —")
        else:
            canvas.drawCentredString(w / 2, 18 * mm, f"第{doc.page}页 共{total[0]}页")
        canvas.restoreState()

    for _ in range(2):
        doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=28 * mm, rightMargin=26 * mm,
                                topMargin=34 * mm, bottomMargin=30 * mm, invariant=1,
                                author="办公室", title="", creator="Microsoft Word")
        doc.build(story_fn(), onFirstPage=deco, onLaterPages=deco)
        total[0] = doc.page


def P(text: str, style=BODY):
    return Paragraph(text, style)


# ---------------------------------------------------------------- txt helpers

NO_LINE_START = "，。、；：？！）”’》」】"
NO_LINE_END = "“‘（《「【"


def _w(ch: str) -> int:
    return 1 if ord(ch) < 128 else 2


def hard_wrap(text: str, width: int = 76) -> list[str]:
    lines, cur, w = [], "", 0
    for ch in text:
        if w + _w(ch) > width and ch not in NO_LINE_START:
            carry = ""
            while cur and cur[-1] in NO_LINE_END:  # an opening quote moves down
                carry, cur = cur[-1] + carry, cur[:-1]
            lines.append(cur)
            cur, w = carry, sum(_w(c) for c in carry)
        cur += ch
        w += _w(ch)
    if cur:
        lines.append(cur)
    return lines


def write_txt(path: Path, blocks: list[tuple[str, str]], encoding: str, indent: str,
              page_lines: int, page_fmt: str = "- {} -", width: int = 76) -> None:
    """blocks: (kind, text), kind 'center' | 'p' (indented, wrapped) | 'h' | 'raw' | 'blank'.
    A page number lands every page_lines lines, wherever the sentence is."""
    out: list[str] = []
    for kind, text in blocks:
        if kind == "center":
            out.append(" " * max(0, (width - sum(_w(c) for c in text)) // 2) + text)
        elif kind == "p":
            out.extend(hard_wrap(indent + text, width))
        elif kind == "h":
            out.extend(hard_wrap(text, width))
        elif kind == "blank":
            out.append("")
        else:
            out.append(text)
    paged: list[str] = []
    page = 1
    for i, line in enumerate(out, 1):
        paged.append(line)
        if i % page_lines == 0 and i < len(out) - 3:
            paged.extend(["", page_fmt.format(page), ""])
            page += 1
    data = "\r\n".join(paged) + "\r\n"
    raw = data.encode(encoding)
    path.write_bytes(raw)


# ================================================================ 1. county union (docx)


def doc_county_union() -> None:
    doc = new_docx("梅岭县总工会")
    footer_page(doc, "— ", " —")
    abstract_num(doc, 101, [("chineseCounting", "%1、")])
    abstract_num(doc, 102, [("chineseCounting", "（%1）")])
    abstract_num(doc, 103, [("decimal", "%1.")])
    h1 = num(doc, 101, 101)
    subs = iter(num(doc, 111 + i, 102, restart=True) for i in range(5))
    dec = num(doc, 121, 103, restart=True)

    title(doc, "梅岭县总工会2025年工作计划")
    para(doc, "2025年是“十四五”规划收官之年，也是全面深化工会改革的关键之年。县总工会将在县委和市总工会的坚强领导下，"
         "坚持以习近平新时代中国特色社会主义思想为指导，深入贯彻党的二十大和二十届三中全会精神，认真落实市总工会十五届六次全委会议部署，"
         "紧扣县委“工业强县、生态立县”发展战略，团结动员全县广大职工为奋力谱写梅岭高质量发展新篇章建功立业。"
         "2024年12月，县总工会荣获“全省工会系统先进集体”称号。现将2025年主要工作安排如下：")

    def h(text):
        set_num(para(doc, text, style="Heading 1"), h1)

    def sub(nid, lead, rest):
        set_num(para(doc, lead, rest, bold_first=True), nid)

    h("坚持政治引领，筑牢职工思想根基")
    s = next(subs)
    sub(s, "深化理论武装。", "完善理论学习制度，每季度开展一次集中学习。上半年举办全县基层工会主席学习贯彻党的二十届三中全会精神"
        "专题培训班，实现基层工会主席全员轮训。")
    sub(s, "加强职工思想政治工作。", "深入开展“中国梦·劳动美”主题宣传教育，“五一”前后组织劳模工匠宣讲团深入企业、园区开展巡回宣讲20场以上。"
        "依托县融媒体中心开设“最美梅岭职工”专栏，全年推出职工典型30个以上。")

    h("聚焦中心大局，团结动员职工建功立业")
    s = next(subs)
    sub(s, "深化劳动和技能竞赛。", "围绕全县重点项目建设和特色产业发展，广泛开展劳动和技能竞赛。")
    for text in ("3—5月，围绕全县重点工程项目开展“当好主力军、建功新时代”劳动竞赛，组织参赛职工1.5万人次以上。",
                 "4月至10月，会同县人力资源和社会保障局分批举办全县职工职业技能大赛，设置电工、焊工、茶艺师、电商直播等12个赛项。",
                 "年底对竞赛中表现突出的班组和个人予以通报表彰。"):
        set_num(para(doc, text[:2], text[2:]), dec)  # split runs, as Word often does
    sub(s, "大力弘扬劳模精神。", "做好省、市五一劳动奖章和工人先锋号推荐申报工作，落实劳模政治待遇和生活待遇。"
        "组织全国五一劳动奖章获得者、省市劳动模范开展“劳模进校园”活动。新创建县级劳模和工匠人才创新工作室3家。")

    h("强化维权服务，增强职工获得感幸福感")
    s = next(subs)
    sub(s, "推进集体协商。", "第二季度集中开展工资集体协商要约行动，新签、续签集体合同150份以上。会同县人社局、县工商联健全劳动关系三方协调机制，"
        "深化劳动争议调解和职工法律援助工作。")
    sub(s, "做实帮扶救助。", "元旦春节期间开展“送温暖”活动，对困难职工、困难劳模应访尽访；7月至8月开展“夏送清凉”活动，走访慰问高温一线职工；"
        "8月下旬至9月开展“金秋助学”活动，资助困难职工家庭大学新生。")
    sub(s, "关心关爱女职工。", "以“三八”国际妇女节为契机，3月举办全县女职工权益保护知识竞赛；年中联合县妇联、县卫生健康局开展女职工“两癌”免费筛查，"
        "全年筛查2000人以上。")
    sub(s, "丰富职工文化生活。", "中秋国庆期间组织开展“职工文化进企业”文艺巡演；重阳节期间走访慰问退休劳模。")

    h("深化改革创新，夯实工会基层基础")
    s = next(subs)
    sub(s, "扩大工会组织覆盖。", "聚焦快递员、网约配送员、货车司机等新就业形态劳动者，第三季度开展“暖心入会”集中行动，力争新发展会员3000人以上。")
    sub(s, "加强基层工会规范化建设。", "年初召开县总工会十届三次全委（扩大）会议，部署全年工作。下半年开展基层工会规范化建设“回头看”，"
        "推动乡镇（街道）工会、县直产业工会提质增效。")
    sub(s, "加强工会经费和资产管理。", "严格执行工会经费收支管理规定，每季度开展一次经费审查，11月开展全县工会经费财务检查。")
    sub(s, "加强工会干部队伍建设。", "年底对乡镇（街道）工会和县直产业工会进行年度工作考核，考核结果作为评先评优的重要依据。")

    h("全年重点工作月度安排")
    para(doc, "全年重点工作按月推进，具体安排见下表。")
    para(doc, "梅岭县总工会2025年重点工作月度安排表", indent=False, align=WD_ALIGN_PARAGRAPH.CENTER, bold_first=True)
    rows = [
        ["1月", "开展元旦春节“送温暖”走访慰问活动", "权益保障部", "各乡镇（街道）工会"],
        [None, "召开县总工会全委（扩大）会议", "办公室", "组织宣传部"],
        ["2月", "开展“春风行动”，为农民工和困难职工提供就业服务", "权益保障部", "县人力资源和社会保障局"],
        ["3月", "举办庆“三八”女职工权益保护知识竞赛", "女职工部", "县妇联"],
        ["3—5月", "开展重点工程劳动竞赛", "经济工作部", "县住房和城乡建设局"],
        ["4—10月", "举办全县职工职业技能大赛", "经济工作部", "县人力资源和社会保障局"],
        ["5月", "开展“五一”劳模工匠宣讲活动", "组织宣传部", "县直产业工会"],
        ["6月", "开展“安康杯”竞赛和“安全生产月”活动", "权益保障部", "县应急管理局"],
        ["7月", "开展“夏送清凉”慰问活动", "权益保障部", "各乡镇（街道）工会"],
        ["8月", None, None, None],
        ["7—9月", "开展新就业形态劳动者“暖心入会”集中行动", "组织宣传部", "各乡镇（街道）工会"],
        ["8—9月", "开展“金秋助学”活动", "权益保障部", "县教育局"],
        ["9—10月", "开展中秋国庆“职工文化进企业”文艺巡演", "组织宣传部", "县文化广电和旅游局"],
        ["10月", "组织基层工会规范化建设督导检查", "组织宣传部", "各乡镇（街道）工会"],
        ["11月", "开展工会经费审查和财务检查", "经费审查委员会办公室", "办公室"],
        ["12月", "总结全年工作，开展工会工作目标考核", "办公室", "县直产业工会"],
        [None, None, None, None],
    ]
    table(doc, ["时间", "工作内容", "牵头部门", "配合单位"], rows, [1.8, 7.4, 3.0, 3.4],
          vmerge=[(0, 0, 1), (1, 8, 9), (2, 8, 9), (3, 8, 9)],
          span_rows={16: "注：各乡镇（街道）工会、县直产业工会可结合实际参照制定本单位月度工作安排。"})
    para(doc, "各部室、各乡镇（街道）工会要对照月度安排，细化工作措施，明确完成时限，每月25日前向县总工会办公室报送工作进展情况。")
    signature(doc, "梅岭县总工会", "2025年1月10日")
    save_docx(doc, HERE / "p3_01_county_union.docx")


# ================================================================ 2. hospital nursing (pdf)


def doc_hospital_nursing() -> None:
    def story():
        s = [P("南江市第一人民医院护理部", TITLE), P("2025年工作计划", TITLE), Spacer(1, 8)]
        s.append(P("2025年，护理部将在医院党委的领导下，在市护理质量控制中心的业务指导下，以“十四五”护理事业发展规划为引领，"
                   "坚持以患者为中心，以提升护理质量、保障患者安全为主线，深化优质护理服务，加强护理人才队伍建设，推动全院护理工作高质量发展。"
                   "2024年11月，医院顺利通过三级甲等医院复审，急诊科护理组被评为市级“三八红旗集体”。结合医院2025年工作要点，制定本计划。"))
        s.append(P("一、工作目标", HEAD))
        for t in ("1.优质护理服务病房覆盖率保持100%，患者满意度达到95%以上。",
                  "2.护理不良事件主动上报率同比提高10%，压力性损伤、跌倒等护理敏感质量指标持续改善。",
                  "3.全院护士规范化培训合格率达到100%，新增省级专科护士15名。"):
            s.append(P(t))
        s.append(P("二、主要工作措施", HEAD))
        s.append(P("（一）强化护理质量与安全管理", HEAD))
        s.append(P("护理质量与安全管理委员会每季度召开一次例会，分析护理质量问题，制定整改措施。第一季度完成《护理质量评价标准》和护理核心制度的修订，"
                   "并组织全院护士培训。护理部每月开展护理质量检查，对检查中发现的问题实行“清单式”管理，跟踪整改落实。"
                   "第三季度开展护理病历书写质量专项检查，会同医务部、质量管理办公室对运行病历和终末病历进行抽查。"))
        s.append(P("（二）加强护理人才队伍建设", HEAD))
        s.append(P("坚持分层级培训，上半年完成N0—N4级护士分层级理论和技能考核。7—8月对新入职护士开展为期一个月的岗前集中培训，考核合格后方可上岗。"
                   "4月至6月选派骨干护士参加省级重症、伤口造口、静脉治疗等专科护士培训。暑期做好护理专业实习生的入科带教工作，"
                   "各临床科室明确带教老师，落实带教计划。下半年举办护理管理培训班，提升护士长管理能力。"))
        s.append(P("（三）深化优质护理服务", HEAD))
        s.append(P("持续推进责任制整体护理，落实床旁交接班和出院患者随访制度。下半年启动“互联网+护理服务”试点，由信息中心完成护理信息系统升级，"
                   "10月底前实现移动护理终端在全院病区全覆盖。重阳节期间组织护理志愿者走进社区，为老年人开展健康义诊和慢病管理指导。"))
        s.append(P("（四）做好重点时段护理保障", HEAD))
        s.append(P("春节期间加强节假日护理人力调配和应急值守，确保护理安全。5月12日国际护士节期间，联合医院工会举办“弘扬南丁格尔精神”主题活动"
                   "和护理技能竞赛，表彰优秀护士和优秀护士长。"))
        s.append(P("（五）规范护理绩效考核", HEAD))
        s.append(P("完善以护理工作量、质量和患者满意度为核心的护理绩效考核方案，配合人力资源部做好护理岗位聘任工作。"
                   "11—12月开展年度护理人员绩效考核和“十佳护士”评选，年底召开护理工作总结表彰会。"))
        s.append(P("三、重点工作时间安排", HEAD))
        for t in ("1月：召开全院护理工作会议，部署年度重点工作；做好春节期间护理人力调配。",
                  "2月：组织全院护士学习新修订的护理核心制度。",
                  "3月：开展护理不良事件根因分析培训；启动N0—N4级护士分层级考核。",
                  "4月：组织护理应急预案演练。",
                  "5月：举办国际护士节系列活动和护理技能竞赛。",
                  "6月：开展护理安全隐患排查和“安全生产月”消防应急培训。",
                  "7—8月：新入职护士岗前培训；实习生入科带教。",
                  "9月：开展护理文书质量督查。",
                  "10月：重阳节社区健康义诊；完成移动护理终端全覆盖。",
                  "11月：护理人员年度绩效考核。",
                  "12月：召开年度护理工作总结暨“十佳护士”表彰会。"):
            s.append(P(t))
        s.append(P("四、保障措施", HEAD))
        s.append(P("（一）加强组织领导。护理部主任为第一责任人，各科护士长负责本科室计划的落实，护理部每季度对计划执行情况进行督查。"))
        s.append(P("（二）强化协作配合。加强与医务部、院感管理科、后勤保障部等部门的沟通协调，形成工作合力。"))
        s.append(Spacer(1, 20))
        s.append(P("南江市第一人民医院护理部", RIGHT))
        s.append(P("2025年1月6日", RIGHT))
        return s

    build_pdf(HERE / "p3_02_hospital_nursing.pdf", story, "南江市第一人民医院护理部2025年工作计划", "total")


# ================================================================ 3. company youth league (txt, GBK)


def doc_company_league() -> None:
    b: list[tuple[str, str]] = [
        ("center", "华岳新材料股份有限公司团委2025年工作计划"),
        ("blank", ""),
        ("p", "2025年，公司团委将在公司党委和团市委的坚强领导下，以习近平新时代中国特色社会主义思想为指导，深入学习贯彻党的二十大和"
              "二十届三中全会精神，紧紧围绕公司“十四五”发展规划目标，聚焦青年思想引领、岗位建功和成长成才，团结带领全公司团员青年为"
              "建设一流新材料企业贡献青春力量。2024年12月，公司团委荣获团市委授予的“五四红旗团委”称号，两名青年职工获评市级“青年岗位能手”。"
              "新的一年，公司团委将重点做好以下工作。"),
        ("p", "一、坚持思想引领，筑牢青年理想信念"),
        ("p", "（一）深化青年理论学习。依托“青年大学习”网上主题团课，组织各团支部每月开展一次集中学习，全年开展青年理论学习活动不少于12次。"
              "上半年举办团干部和青年骨干学习贯彻党的二十届三中全会精神专题读书班。"),
        ("p", "（二）开展主题教育实践活动。以纪念五四运动106周年为契机，4月下旬至5月上旬开展“青春心向党·建功新时代”系列活动，"
              "五四前夕召开表彰大会，表彰一批“优秀共青团员”“优秀共青团干部”和“五四红旗团支部”。“七一”前夕，组织团员青年参观市党史馆，"
              "推荐优秀团员作为入党积极分子人选。国庆节前后开展“青春告白祖国”主题团日活动。"),
        ("p", "二、立足岗位建功，助力企业高质量发展"),
        ("p", "（一）深化青年安全生产示范岗创建。年初制定“青年安全生产示范岗”创建计划，会同安全环保部开展青工安全知识培训；"
              "6月结合“安全生产月”开展青年安全隐患排查活动。"),
        ("p", "（二）开展青年技能比武。第三季度联合人力资源部、公司工会举办青年职工技能比武，设置数控车工、化学检验、电工3个项目，"
              "对获奖选手优先推荐参加市级“青年岗位能手”评选。"),
        ("p", "（三）发挥青年突击队作用。围绕年产5万吨新材料项目建设，组建3支青年突击队，在项目攻坚、设备调试等急难险重任务中发挥生力军作用。"),
        ("p", "三、服务青年成长，增强团组织吸引力"),
        ("p", "（一）开展青年志愿服务。3月开展“学雷锋”志愿服务月活动，组织公司青年志愿者协会深入社区开展环境整治、关爱空巢老人等志愿服务。"
              "“六一”国际儿童节前夕，组织青年志愿者到结对帮扶的青山小学开展“微心愿”圆梦活动。"),
        ("p", "（二）关心青年职工生活。暑期组织开展青年职工子女“快乐假期”托管服务；11月联合公司工会举办“青春杯”篮球赛；"
              "元旦前后举办青年职工迎新年联欢会。积极搭建青年交友平台，下半年与团区委联合举办青年交友联谊活动。"),
        ("p", "四、加强团的自身建设，提升组织力"),
        ("p", "（一）规范团组织建设。上半年完成到期团支部换届选举工作，各团支部每季度召开一次组织生活会。严格落实“三会两制一课”制度，"
              "全年发展新团员20名。"),
        ("p", "（二）加强团干部队伍建设。选派团干部参加团市委举办的团干部培训班，年中召开团干部工作交流会。"),
        ("p", "（三）做好团员教育评议和团费管理。年底开展团员教育评议，完成团费收缴核查和团员信息更新，做好“推优入党”工作。"),
        ("p", "五、工作要求"),
        ("p", "各团支部要对照本计划，结合实际制定本支部年度工作安排，于2月底前报公司团委。公司团委将把各项工作完成情况纳入团支部年度考核。"),
        ("blank", ""),
        ("raw", " " * 40 + "共青团华岳新材料股份有限公司委员会"),
        ("raw", " " * 52 + "2025年1月15日"),
    ]
    write_txt(HERE / "p3_03_company_league.txt", b, "gbk", "　　", page_lines=20)


# ================================================================ 4. city women's federation (docx)


def doc_city_women() -> None:
    doc = new_docx("清源市妇女联合会")
    footer_page(doc, "- ", " -")
    abstract_num(doc, 201, [("chineseCounting", "%1、")])
    abstract_num(doc, 202, [("chineseCounting", "（%1）")])
    abstract_num(doc, 203, [("decimal", "%1.")])
    h1 = num(doc, 201, 201)
    subs = iter(num(doc, 211 + i, 202, restart=True) for i in range(5))
    dec = num(doc, 221, 203, restart=True)

    title(doc, "清源市妇联2025年工作要点")
    para(doc, "2025年全市妇联工作的总体思路是：坚持以习近平新时代中国特色社会主义思想为指导，深入贯彻党的二十大和二十届三中全会精神，"
         "全面落实中国妇女十三大和省妇女十三大部署，在市委和省妇联的坚强领导下，聚焦“引领、服务、联系”职能，"
         "团结动员全市广大妇女在推进中国式现代化清源实践中建功立业。全年重点抓好以下工作：")

    def h(text):
        set_num(para(doc, text, style="Heading 1"), h1)

    def h2(nid, text):
        set_num(para(doc, text, style="Heading 2"), nid)

    h("坚持思想政治引领，凝聚巾帼奋进力量")
    s = next(subs)
    h2(s, "深化“巾帼心向党”主题宣传教育")
    para(doc, "组建“巾帼宣讲团”，深入机关、企业、村（社区）开展党的创新理论宣讲，全年宣讲200场以上。围绕“三八”国际妇女节115周年，"
         "3月上旬召开全市纪念大会，表彰市级三八红旗手（集体），集中宣传优秀女性典型事迹。")
    h2(s, "加强网上妇联建设")
    para(doc, "办好“清源女性”微信公众号和视频号，每月策划一期网络主题宣传活动。上半年开展“最美巾帼奋斗者”网络评选。")

    h("推动妇女建功立业，助力经济社会高质量发展")
    s = next(subs)
    h2(s, "开展巾帼创业创新行动")
    para(doc, "第二季度联合市人力资源和社会保障局举办第五届巾帼创业创新大赛，评选优秀项目20个。4月至10月实施“巾帼家政”技能培训提升工程，"
         "培训家政服务人员1000人次，推荐优秀学员参加全国巾帼家政服务技能大赛。")
    h2(s, "深化巾帼建功岗位创建")
    for text in ("年初制定全市“巾帼文明岗”创建规划，命名市级巾帼文明岗30个。",
                 "下半年举办“巾帼乡村振兴带头人”培训班，培育农村女性致富带头人100名。",
                 "发挥全国三八红旗手、全国五一劳动奖章获得者等先进女性的示范带动作用，组织她们走进基层分享经验。"):
        set_num(para(doc, text), dec)

    h("维护妇女儿童合法权益，促进家庭文明建设")
    s = next(subs)
    h2(s, "加强妇女儿童权益保障")
    para(doc, "会同市公安局、市人民法院、市人民检察院健全反家庭暴力多部门合作机制，年中开展《反家庭暴力法》实施情况专项调研。"
         "6月底前完成全市村（社区）妇女儿童维权服务站规范化建设。")
    h2(s, "关爱困境妇女儿童")
    para(doc, "春节前夕开展“春风送暖”走访慰问困难妇女活动；“六一”国际儿童节期间，联合市教育局、团市委开展“童心向党”主题活动；"
         "暑期开展“护苗成长”儿童安全教育和留守儿童关爱服务；寒假期间组织巾帼志愿者开展“温暖寒冬”关爱困境儿童行动。"
         "中秋节前后开展“情满中秋”走访慰问单亲困难母亲活动。")
    h2(s, "推进家庭家教家风建设")
    para(doc, "5月15日国际家庭日前后，发布年度清源市“最美家庭”名单。重阳节期间组织开展“孝老爱亲”家风故事分享会。"
         "下半年举办全市家庭教育指导师培训班。联合市民政局推进婚姻家庭辅导服务进社区，全年建成服务点20个。")

    h("加强妇联自身建设，激发基层组织活力")
    s = next(subs)
    h2(s, "深化妇联组织改革")
    para(doc, "推进“妇女之家”提档升级，7月召开市妇联十五届四次执委（扩大）会议。第四季度开展执委履职情况评议，"
         "各县（市、区）妇联要指导村（社区）妇联常态化联系妇女群众。")
    h2(s, "加强妇联干部队伍建设")
    para(doc, "分层分类开展妇联干部培训，9月举办全市基层妇联主席培训班。各县（市、区）妇联于每季度末报送工作进展情况。")

    h("重点工作任务分解")
    para(doc, "为确保各项工作落到实处，现将重点工作任务分解如下：")
    para(doc, "2025年市妇联重点工作任务分解表", indent=False, align=WD_ALIGN_PARAGRAPH.CENTER, bold_first=True)
    rows = [
        [None] * 5,
        ["1", "召开纪念“三八”国际妇女节115周年大会", "宣传部", "各县（市、区）妇联", "3月"],
        ["2", "开展“最美巾帼奋斗者”网络评选", "宣传部", "各县（市、区）妇联", "6月底前"],
        [None] * 5,
        ["3", "举办第五届巾帼创业创新大赛", "发展部", "市人力资源和社会保障局", "第二季度"],
        ["4", "实施“巾帼家政”技能培训提升工程", None, "市人力资源和社会保障局", "4—10月"],
        [None] * 5,
        ["5", "开展反家庭暴力法实施情况专项调研", "权益部", "市公安局、市人民法院、市人民检察院", "6—7月"],
        ["6", "完成村（社区）妇女儿童维权服务站规范化建设", None, "各县（市、区）妇联", "6月底前"],
        ["7", "开展“护苗成长”儿童安全教育", "家庭和儿童工作部", "市教育局", "7—8月"],
        ["8", "开展农村留守儿童“七彩假期”关爱活动", "家庭和儿童工作部", "团市委", None],
        ["9", "开展“情满中秋”走访慰问活动", "家庭和儿童工作部", "各县（市、区）妇联", "9—10月"],
        [None] * 5,
        ["10", "召开市妇联十五届四次执委（扩大）会议", "办公室", "组织联络部", "7月"],
        ["11", "举办全市基层妇联主席培训班", "组织联络部", "各县（市、区）妇联", "9月"],
        ["12", "开展执委履职情况评议", None, None, "第四季度"],
        ["13", "推进“妇女之家”提档升级", None, None, "全年"],
    ]
    table(doc, ["序号", "工作任务", "牵头单位", "配合单位", "完成时限"], rows, [1.2, 6.4, 2.6, 3.6, 2.0],
          vmerge=[(2, 4, 5), (2, 7, 8), (4, 9, 10), (2, 14, 16), (3, 14, 16)],
          span_rows={0: "一、思想引领", 3: "二、建功立业", 6: "三、维权关爱", 12: "四、自身建设"})
    para(doc, "各县（市、区）妇联要参照本要点，结合实际制定年度工作计划，于3月10日前报市妇联办公室。")
    signature(doc, "清源市妇女联合会", "2025年2月12日")
    save_docx(doc, HERE / "p3_04_city_women.docx")


# ================================================================ 5. primary school moral education (pdf)


def doc_school_moral() -> None:
    def story():
        s = [P("清河市实验小学德育处2025年春季学期工作计划",
               ParagraphStyle("t5", parent=TITLE, fontSize=18, leading=28)), Spacer(1, 8)]
        s.append(P("本学期，德育处将在学校党支部的领导下，以习近平新时代中国特色社会主义思想为指导，全面贯彻党的教育方针，落实立德树人根本任务，"
                   "以“养成教育”为主线，以主题活动为载体，深化家校社协同育人，促进学生全面健康成长。2024年12月，我校被评为“清河市文明校园”。"
                   "现结合学校工作实际，制定本学期德育工作计划。"))
        s.append(P("一、工作目标", HEAD))
        s.append(P("1.学生行为规范达标率达到98%以上，文明班级覆盖率达到60%。"))
        s.append(P("2.心理健康教育覆盖全体学生，建立完善学生心理健康档案。"))
        s.append(P("二、主要工作", HEAD))
        s.append(P("（一）加强德育队伍建设", HEAD))
        s.append(P("充分发挥班主任在德育工作中的骨干作用，每月召开一次班主任例会。3月举办班主任基本功展示活动，"
                   "4月邀请市教育科学研究院专家开展班主任专业能力培训。"))
        s.append(P("（二）抓好养成教育", HEAD))
        s.append(P("以《中小学生守则》为准则，开学第一周开展“收心”教育和常规训练，每周一举行升旗仪式，每月评选“文明班级”。"
                   "3月开展“学雷锋 做美德少年”主题实践月活动，三八妇女节前夕组织学生开展“我为妈妈做件事”感恩活动。"))
        s.append(P("（三）深化主题教育活动", HEAD))
        s.append(P("清明节前后，组织四年级学生到烈士陵园开展“缅怀革命先烈”祭扫活动。4月15日全民国家安全教育日，开展国家安全知识进课堂活动。"
                   "“五一”劳动节前，开展“劳动最光荣”家务劳动技能展示评比。“六一”儿童节由少先队大队部举行一年级新队员入队仪式和"
                   "“红领巾心向党”文艺汇演。“七一”前夕，组织高年级学生开展“童心向党”红歌传唱活动。"))
        s.append(P("（四）加强心理健康教育和安全教育", HEAD))
        s.append(P("学校心理辅导室每周定期开放，5月开展“5.25”心理健康教育周活动。会同城南派出所、城南消防救援站开展防溺水、防欺凌、"
                   "消防安全教育，每学期组织两次应急疏散演练。放暑假前召开家长会和安全教育主题班会，引导学生参加暑期社会实践。"))
        s.append(P("（五）推进家校社协同育人", HEAD))
        s.append(P("发挥学校家长委员会作用，5月中旬召开期中家长会，开展“家长开放日”活动。联合新华社区居委会开设“四点半课堂”，"
                   "组织志愿者为学生提供课后看护服务。"))
        s.append(P("三、各月重点工作安排", HEAD))
        s.append(P("春季学期德育活动安排表", ParagraphStyle("cap", parent=CELLC, fontSize=13, leading=22)))
        data = [
            ["月份", "活动内容", "负责部门"],
            ["二月", "开学“收心”教育和行为常规训练", "德育处"],
            ["", "制定本学期班主任工作计划", ""],
            ["三月", "学雷锋主题实践月", "大队部"],
            ["", "“三八”感恩妈妈活动", ""],
            ["", "班主任基本功展示活动", "德育处"],
            ["四月", "清明祭扫活动", "大队部"],
            ["", "国家安全教育日主题教育", "德育处"],
            ["", "班主任专业能力培训", ""],
            ["", "家务劳动技能大比拼", ""],
            ["五月", "心理健康教育周", "德育处"],
            ["", "期中家长会", "德育处、教导处"],
            ["六月", "“六一”新队员入队仪式和文艺汇演", "大队部"],
            ["", "红歌传唱比赛", ""],
            ["七月", "期末安全教育主题班会", "各年级组"],
            ["", "布置暑期社会实践作业", ""],
        ]
        cells = [[P(c, CELLC if j != 1 else CELL) for j, c in enumerate(r)] for r in data]
        spans = [(0, 1, 2), (2, 1, 2), (0, 3, 5), (2, 3, 4), (0, 6, 9), (2, 7, 9), (0, 10, 11),
                 (0, 12, 13), (2, 12, 13), (0, 14, 15), (2, 14, 15)]
        style = [("GRID", (0, 0), (-1, -1), 0.6, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
        style += [("SPAN", (c, a), (c, b)) for c, a, b in spans]
        t = Table(cells, colWidths=[22 * mm, 88 * mm, 40 * mm], repeatRows=1)
        t.setStyle(TableStyle(style))
        s.append(t)
        s.append(P("四、工作要求", HEAD))
        s.append(P("各年级组要根据本计划制定年级德育活动方案，德育处每月对各班德育工作进行检查考核，学期末评选“优秀班集体”和“优秀班主任”。"))
        s.append(Spacer(1, 20))
        s.append(P("清河市实验小学德育处", RIGHT))
        s.append(P("2025年2月14日", RIGHT))
        return s

    build_pdf(HERE / "p3_05_school_moral.pdf", story, "清河市实验小学德育处", "dash")


# ================================================================ 6. street party committee (txt, UTF-8 BOM)


def doc_street_party() -> None:
    b: list[tuple[str, str]] = [
        ("center", "中共东湖街道工作委员会"),
        ("blank", ""),
        ("raw", " " * 54 + "东党发〔2025〕3号"),
        ("blank", ""),
        ("center", "关于印发《东湖街道党工委2025年党建工作计划》的通知"),
        ("blank", ""),
        ("h", "各社区党委，辖区非公企业、社会组织党组织，街道机关各党支部："),
        ("p", "现将《东湖街道党工委2025年党建工作计划》印发给你们，请结合实际，认真抓好贯彻落实。"),
        ("blank", ""),
        ("raw", " " * 44 + "中共东湖街道工作委员会"),
        ("raw", " " * 48 + "2025年2月18日"),
        ("blank", ""),
        ("blank", ""),
        ("center", "东湖街道党工委2025年党建工作计划"),
        ("blank", ""),
        ("p", "为深入贯彻落实新时代党的建设总要求，推动全面从严治党向基层延伸，2025年，街道党工委将在区委的坚强领导和区委组织部的"
              "具体指导下，坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大和二十届三中全会精神，以提升组织力为重点，"
              "推动基层党建全面进步、全面过硬。2024年，街道党工委获评全区基层党建工作考核优秀等次；2024年12月，街道获评全市"
              "“红色领航”示范街道。今年是“十四五”规划收官之年，具体工作计划如下："),
        ("h", "一、坚持政治引领，强化理论武装"),
        ("p", "（一）抓好理论学习。严格落实理论学习中心组学习制度，全年开展集体学习不少于12次。年初制定街道党员教育培训计划，"
              "3—4月分批次开展社区党组织书记和党员骨干轮训。"),
        ("p", "（二）严肃党内政治生活。坚持“三会一课”制度，各基层党组织每月25日开展“主题党日”活动。“七一”前后，开展“党员政治生日”活动，"
              "表彰一批优秀共产党员、优秀党务工作者和先进基层党组织。12月至次年2月组织开展党员冬训。"),
        ("h", "二、夯实基层基础，提升组织力"),
        ("p", "（一）加强社区党组织建设。第一季度完成社区“两委”班子运行情况分析研判，3月至4月集中开展软弱涣散基层党组织排查整顿，"
              "确保6月底前整顿转化到位。"),
        ("p", "（二）推进“两新”组织党建扩面提质。上半年实现辖区规模以上非公企业党组织应建尽建；下半年开展社会组织党建“双覆盖”质量提升行动。"),
        ("p", "（三）加强党员发展和管理。严把党员入口关，全年发展党员8名。第四季度开展流动党员排查和党费收缴情况专项检查。"),
        ("h", "三、深化党建引领，推进基层治理"),
        ("p", "（一）深化“红色物业”建设。第三季度开展党建引领物业服务质量提升专项行动，推动社区居委会、业主委员会和物业服务企业“三方联动”。"),
        ("p", "（二）推行“党员进网格”。在职党员到居住地社区报到，每季度参加志愿服务不少于1次。重阳节组织在职党员走访慰问辖区高龄老人；"
              "暑期开设“红色假日课堂”，对辖区青少年开展党史教育。"),
        ("p", "（三）做好关怀帮扶。春节前夕和中秋、国庆期间，街道党工委班子成员分片走访慰问老党员、困难党员和退役军人。"),
        ("h", "四、从严管理监督，加强作风建设"),
        ("p", "支持街道纪工委履行监督责任，4月联合区纪委监委开展党纪学习教育专题警示教育。年中对各社区党委落实党建工作责任制情况开展督查。"),
        ("h", "五、加强组织保障，压实工作责任"),
        ("p", "街道党建工作办公室要加强统筹协调，细化工作任务，建立工作台账，每季度通报工作进展。年底前完成基层党组织书记抓党建述职评议，"
              "并将考核结果作为评先评优的重要依据。"),
        ("blank", ""),
        ("h", "附件"),
        ("center", "2025年党建重点工作季度安排"),
        ("h", "第一季度：召开街道党建工作会议，签订党建工作目标责任书；完成社区“两委”运行分析研判。"),
        ("h", "第二季度：开展“七一”系列活动；完成软弱涣散基层党组织整顿转化。"),
        ("h", "第三季度：开展物业服务质量提升专项行动；举办“红色假日课堂”青少年党史教育。"),
        ("h", "第四季度：开展流动党员排查；组织基层党组织书记抓党建述职评议。"),
    ]
    write_txt(HERE / "p3_06_street_party.txt", b, "utf-8-sig", "    ", page_lines=28, page_fmt="- {} -")


# ================================================================ 7. county market regulation bureau (docx)


def doc_bureau() -> None:
    doc = new_docx("河阳县市场监督管理局")
    footer_page(doc, "第 ", "", total=True)
    abstract_num(doc, 301, [("chineseCounting", "%1、", "Heading1"), ("chineseCounting", "（%2）", "Heading2")])
    nid = num(doc, 301, 301)
    style_num(doc, "Heading 1", nid, 0)
    style_num(doc, "Heading 2", nid, 1)

    title(doc, "河阳县市场监督管理局", "2025年工作要点")
    para(doc, "2025年，县市场监督管理局将在县委、县政府和市市场监督管理局的领导下，坚持以习近平新时代中国特色社会主义思想为指导，"
         "全面贯彻党的二十大和二十届三中全会精神，紧扣“十四五”规划收官目标，统筹发展和安全，守牢食品、药品、特种设备、工业产品质量安全底线，"
         "持续优化营商环境，为全县经济社会高质量发展提供有力保障。2024年，全县新增经营主体6800余户；2024年12月，我县顺利通过省级食品安全示范县复审。"
         "现将2025年工作要点安排如下：")

    def h(text):
        para(doc, text, style="Heading 1")

    def h2(text):
        para(doc, text, style="Heading 2")

    h("持续优化营商环境")
    h2("深化登记注册便利化改革")
    para(doc, "行政审批科牵头推进经营主体登记“一网通办”，上半年实现个体工商户登记全程电子化。6月30日前完成2024年度经营主体年报公示工作，"
         "年报率达到90%以上。信用监管科牵头，第三季度组织“双随机、一公开”跨部门联合抽查。")
    h2("强化公平竞争监管")
    para(doc, "价格监督检查和反不正当竞争科牵头，3月至6月开展民生领域价格专项检查；会同县发展和改革局做好公平竞争审查，每季度开展一次抽查评估。")
    h("守牢安全底线")
    h2("食品安全")
    para(doc, "食品生产科、食品经营科分别牵头，春节前开展年货市场和节令食品专项检查；“五一”、国庆节前组织开展旅游景区餐饮食品安全检查。"
         "5月至6月会同县教育局开展春季学校食堂食品安全专项检查，9月开学季开展校园及周边食品安全整治。中秋节前开展月饼质量专项抽检。")
    h2("药品和特种设备安全")
    para(doc, "药品医疗器械化妆品监管科牵头，第二季度开展药品网络销售专项整治。特种设备安全监察科牵头，6月结合“安全生产月”开展电梯、"
         "燃气气瓶安全专项检查，11月至12月开展冬季锅炉安全隐患排查。会同县应急管理局、县消防救援大队做好重要节假日特种设备安全保障。")
    h("推进质量强县建设")
    h2("提升质量基础设施效能")
    para(doc, "质量发展科牵头，5月20日“世界计量日”期间开展计量惠民服务进企业活动；9月“质量月”期间举办质量知识竞赛和首席质量官培训；"
         "10月14日“世界标准日”前后组织企业参与标准化宣传。")
    h2("加强消费者权益保护")
    para(doc, "消费者权益保护科牵头，联合县消费者协会开展“3·15”国际消费者权益日系列宣传活动；暑期开展校外培训、旅游消费等领域预付式消费专项整治。"
         "全年12315投诉举报按时办结率保持在98%以上。")
    h("加强队伍建设")
    h2("强化党建引领")
    para(doc, "机关党支部每月开展主题党日活动，七一前后组织党员赴红色教育基地开展现场教学。年初召开全局工作会议，签订党风廉政建设责任书。")
    h2("提升执法能力")
    para(doc, "法规科、人事科牵头，上半年举办全局行政执法人员业务培训班，下半年开展行政执法案卷评查；综合执法大队和各市场监督管理所要规范执法行为，"
         "11月底前完成全县市场监管执法人员轮训。")
    h("重点工作任务清单")
    rows = [
        [None] * 4,
        ["1", "完成2024年度经营主体年报公示", "行政审批科", "6月30日前"],
        ["2", "组织“双随机、一公开”跨部门联合抽查", "信用监管科", "第三季度"],
        ["3", "民生领域价格专项检查", "价格监督检查和反不正当竞争科", "3—6月"],
        [None] * 4,
        ["4", "春节年货市场食品安全专项检查", "食品经营科", "1—2月"],
        ["5", "学校食堂食品安全专项检查", None, "5—6月"],
        ["6", "月饼等节令食品抽检", "食品生产科", "9月"],
        ["7", "电梯、燃气气瓶安全专项检查", "特种设备安全监察科", "6月"],
        ["8", "开展网络销售药品专项整治", "药品医疗器械化妆品监管科", None],
        ["9", "冬季锅炉安全隐患排查", "特种设备安全监察科", "11—12月"],
        [None] * 4,
        ["10", "“3·15”消费维权宣传", "消费者权益保护科", "3月"],
        ["11", "“质量月”系列活动", "质量发展科", "9月"],
        ["12", "预付式消费专项整治", "消费者权益保护科", "7—8月"],
        [None] * 4,
    ]
    table(doc, ["序号", "重点工作", "责任科室", "完成时限"], rows, [1.2, 7.6, 4.6, 2.4],
          vmerge=[(2, 5, 6), (3, 8, 9)],
          span_rows={0: "（一）营商环境", 4: "（二）安全监管", 11: "（三）质量提升和消费维权",
                     15: "备注：各市场监督管理所参照上述时限做好属地落实。"})
    signature(doc, "河阳县市场监督管理局", "2025年1月20日")
    save_docx(doc, HERE / "p3_07_bureau.docx")


# ================================================================ 8. enterprise women workers' committee (pdf)


def doc_enterprise_women() -> None:
    def story():
        s = [P("瑞丰电力建设集团有限公司女职工委员会", TITLE), P("2026年工作计划", TITLE), Spacer(1, 8)]
        s.append(P("2026年，集团女职工委员会将在集团党委和集团工会的领导下，在省电力工会女职工委员会的指导下，围绕集团“稳增长、强管理、促转型”"
                   "年度目标，以“巾帼建新功”为主线，团结引领广大女职工在企业改革发展中展现巾帼风采。2025年，集团新增省级“巾帼文明岗”2个，"
                   "1名女职工荣获全国五一劳动奖章。现将2026年工作计划安排如下。"))
        s.append(P("一、加强思想引领，凝聚巾帼力量", HEAD))
        s.append(P("深入开展“巾帼心向党”主题教育，依托“瑞丰女工”微信公众号开设“最美电建女职工”专栏，全年推送先进典型故事24期。"
                   "上半年举办“巾帼大讲堂”2期，邀请省电力工会女职工委员会专家授课；下半年组织女职工代表赴项目一线开展“家属开放日”活动。"))
        s.append(P("二、组织建功立业，展现巾帼担当", HEAD))
        s.append(P("在设计、财务、物资、质量检验等女职工集中的岗位开展“巾帼建功”劳动竞赛，第二季度举办女职工岗位技能比武，设置工程造价、"
                   "质量检验、档案管理3个项目。推荐优秀女职工参评全国三八红旗手、省五一巾帼标兵，年内培育集团级“巾帼创新工作室”2个。"))
        s.append(P("三、维护合法权益，落实特殊保护", HEAD))
        s.append(P("会同集团人力资源部推进女职工权益保护专项集体合同续签，10月底前完成协商签订。联合安全质量部开展女职工劳动保护专项检查，"
                   "重点检查施工现场女职工禁忌劳动范围落实情况。各项目部工会要规范建设“爱心妈咪小屋”，年中集团女职委对建设情况进行检查验收。"))
        s.append(P("四、关爱身心健康，提升幸福指数", HEAD))
        s.append(P("持续开展女职工“两癌”筛查，三八节期间组织女职工健康体检；“母亲节”前后开展“妈妈的味道”亲子手工活动；"
                   "暑期为一线女职工子女开设“爱心暑托班”。做好女职工安康互助保险续保工作，元旦春节期间走访慰问困难女职工和单亲女职工。"))
        s.append(P("五、季度工作安排", HEAD))
        quarters = [
            ("第一季度", ["召开集团女职工委员会全体委员会议，部署全年工作。", "开展庆“三八”国际劳动妇女节系列活动。",
                       "春节前走访慰问困难女职工。"]),
            ("第二季度", ["举办女职工岗位技能比武。", "开展“母亲节”亲子手工活动。", "举办第一期“巾帼大讲堂”。"]),
            ("第三季度", ["举办一线女职工子女“爱心暑托班”。", "检查验收“爱心妈咪小屋”建设情况。",
                       "组织女职工代表参加“家属开放日”活动。"]),
            ("第四季度", ["10月完成女职工专项集体合同续签。", "重阳节走访慰问退休女职工。",
                       "年底开展“巾帼建功标兵”评选和女职工工作考核。"]),
        ]
        for q, items in quarters:
            s.append(P(q, HEAD))
            for i, it in enumerate(items, 1):
                s.append(P(f"{i}.{it}"))
        s.append(P("六、工作要求", HEAD))
        s.append(P("各二级单位女职工委员会要结合实际制定年度工作计划，明确责任人和完成时限。集团女职工委员会将于每季度末对各单位工作进展情况进行通报。"))
        s.append(Spacer(1, 20))
        s.append(P("瑞丰电力建设集团有限公司女职工委员会", RIGHT))
        s.append(P("2026年1月9日", RIGHT))
        return s

    build_pdf(HERE / "p3_08_enterprise_women.pdf", story, "瑞丰电建集团工会女职工委员会", "dash")


def main() -> None:
    doc_county_union()
    doc_hospital_nursing()
    doc_company_league()
    doc_city_women()
    doc_school_moral()
    doc_street_party()
    doc_bureau()
    doc_enterprise_women()


if __name__ == "__main__":
    main()
