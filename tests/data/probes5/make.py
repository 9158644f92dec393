"""Build the two office probes (w7_anquan.docx, w8_dangjian.pdf) from the text below.

Run: /work/main/.venv/bin/python make.py  (python-docx, reportlab).
The docx carries Word automatic numbering (一、/（一）/1.) defined in numbering.xml,
so the labels are not in the paragraph text; the pdf uses the CID font STSong-Light.
"""
from pathlib import Path

from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt

HERE = Path(__file__).resolve().parent

# ---------------------------------------------------------------- docx

ABSTRACT = (
    f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
    '<w:multiLevelType w:val="multilevel"/>'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
    '<w:lvlText w:val="%1、"/><w:lvlJc w:val="left"/>'
    '<w:pPr><w:ind w:left="0" w:firstLine="640"/></w:pPr></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
    '<w:lvlText w:val="（%2）"/><w:lvlJc w:val="left"/>'
    '<w:pPr><w:ind w:left="0" w:firstLine="640"/></w:pPr></w:lvl>'
    '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
    '<w:lvlText w:val="%3."/><w:lvlJc w:val="left"/>'
    '<w:pPr><w:ind w:left="0" w:firstLine="640"/></w:pPr></w:lvl>'
    '</w:abstractNum>'
)
NUM = f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'


def add_numbering(doc: Document) -> None:
    numbering = doc.part.numbering_part.element
    abstract = parse_xml(ABSTRACT)
    # abstractNum elements must precede every num element
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(parse_xml(NUM))


def numbered(doc: Document, text: str, level: int, bold: bool = False) -> None:
    p = doc.add_paragraph()
    ppr = p._p.get_or_add_pPr()
    ppr.append(parse_xml(
        f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'))
    run = p.add_run(text)
    run.bold = bold


def plain(doc: Document, text: str, bold: bool = False, center: bool = False, size: int = 0) -> None:
    p = doc.add_paragraph()
    run = p.add_run(text)
    run.bold = bold
    if size:
        run.font.size = Pt(size)
    if center:
        p.alignment = 1


def make_docx() -> None:
    doc = Document()
    add_numbering(doc)
    doc.sections[0].header.paragraphs[0].text = "南溪县教育局"
    plain(doc, "南溪县教育局2025年校园安全工作计划", bold=True, center=True, size=18)
    plain(doc, "为切实加强全县校园安全管理，保障广大师生生命财产安全，根据市教育局2025年教育安全工作要点，"
               "结合我县实际，制定本计划。2024年，全县各级各类学校未发生重大安全责任事故，"
               "县教育局在9月被市教育局评为平安校园建设先进单位。")
    numbered(doc, "指导思想", 0, bold=True)
    plain(doc, "坚持安全第一、预防为主、综合治理的方针，牢固树立“生命至上、安全第一”的理念，"
               "以创建平安校园为载体，全面落实学校安全主体责任，着力提升学校安全治理水平，"
               "为“十四五”教育事业发展营造安全稳定的校园环境。")
    numbered(doc, "工作目标", 0, bold=True)
    plain(doc, "全县学校安全责任事故零发生，学生溺水事故零发生，校园食品安全事故零发生；"
               "平安校园达标率保持100%，省级平安校园新增3所。")
    numbered(doc, "重点任务", 0, bold=True)
    numbered(doc, "强化安全教育", 1, bold=True)
    numbered(doc, "各中小学校每学期开学第一周开展“安全教育周”活动，上好开学安全第一课。", 2)
    numbered(doc, "3月最后一周的星期一为全国中小学生安全教育日，各校组织开展应急疏散演练，"
                  "县教育局会同县消防救援大队进行抽查。", 2)
    numbered(doc, "放暑假前，各校通过家长会、致家长的一封信等形式，向家长宣传防溺水、交通安全等知识，"
                  "签订安全责任书。", 2)
    numbered(doc, "加强校园安全隐患排查整治。县教育局安全管理股牵头，每学期开展不少于两次全面排查，"
                  "建立隐患台账，实行销号管理。", 1)
    numbered(doc, "汛期（5月至9月）加强对校舍、围墙、挡土墙等重点部位的巡查，发现险情立即撤离师生。", 2)
    numbered(doc, "冬季重点排查用电、用火和取暖设施安全隐患，严防火灾和一氧化碳中毒事故。", 2)
    numbered(doc, "扎实做好防溺水工作", 1, bold=True)
    numbered(doc, "4月至10月为防溺水重点时段，各校每周至少开展一次防溺水提醒教育，"
                  "配合各乡镇人民政府在危险水域设立警示标志。", 2)
    numbered(doc, "端午节、暑假等重点时段，组织教师开展家访，落实“一对一”监护责任。", 2)
    numbered(doc, "加强校园食品安全管理", 1, bold=True)
    numbered(doc, "严格落实校领导陪餐制度，每月开展一次食堂食品安全自查。", 2)
    numbered(doc, "第二季度联合县市场监管局对全县学校食堂进行专项检查，检查结果纳入年度考核。", 2)
    numbered(doc, "重点工作安排", 0, bold=True)
    plain(doc, "全年重点工作安排如下表：")

    rows = [
        ("序号", "工作任务", "完成时限", "牵头单位", "配合单位"),
        ("1", "开展寒假安全教育和春季开学安全检查", "2月底前", "安全管理股", "各中小学校"),
        ("2", "组织全国中小学生安全教育日系列活动", "3月", "", "县消防救援大队"),
        ("3", "开展校园食品安全专项检查", "第二季度", "县市场监管局", "县卫生健康局"),
        ("4", "开展防溺水专项督查", "5月至8月", "基础教育股", "各乡镇人民政府"),
        ("5", "开展秋季开学安全大检查和校园周边环境整治", "9月上旬", "安全管理股", "县公安局"),
        ("6", "组织全县学校消防安全培训和疏散演练", "11月", "安全管理股", "县消防救援大队"),
        ("7", "完成学校安全工作年度考核", "12月底前", "办公室", "各中小学校"),
    ]
    table = doc.add_table(rows=len(rows), cols=5)
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text:
                table.cell(r, c).text = text
    # 安全管理股 leads rows 1 and 2: one vertically merged cell, as typed in Word
    merged = table.cell(1, 3).merge(table.cell(2, 3))
    merged.text = "安全管理股"

    numbered(doc, "工作要求", 0, bold=True)
    plain(doc, "各中小学校要高度重视校园安全工作，主要负责人是第一责任人，要结合本校实际制定年度安全工作方案，"
               "于3月10日前报县教育局安全管理股。县教育局将把学校安全工作纳入年度目标考核，"
               "对发生安全责任事故的学校实行“一票否决”。")
    plain(doc, "南溪县教育局")
    plain(doc, "2025年2月18日")
    doc.save(HERE / "w7_anquan.docx")


# ---------------------------------------------------------------- pdf

PDF_TITLE = ("江北市交通运输局机关党委", "2025年党建工作计划")
PDF_HEADER = "江北市交通运输局机关党委文件"
PDF_BODY = [
    "2025年，局机关党委将坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大和二十届三中全会精神，"
    "在局党组和市直机关工委的领导下，以党的政治建设为统领，推动机关党建与交通运输业务深度融合。"
    "2024年，局机关党委所属12个党支部全部完成换届，3个党支部被市直机关工委评为“四强”党支部，"
    "为今年工作打下了良好基础。现就2025年工作安排如下。",
    "一、加强政治建设，筑牢思想根基",
    "1.坚持理论武装。认真落实局党组理论学习中心组学习制度，每月开展一次集体学习。"
    "上半年举办党员干部读书班，组织全体党员围绕党的创新理论开展专题学习研讨，"
    "每名党员撰写一篇心得体会，由各党支部择优推荐在局机关内网刊发。",
    "2.严格政治生活。年初制定党支部“三会一课”计划，各党支部书记每年至少讲一次专题党课，"
    "11月至12月召开年度组织生活会，认真开展批评和自我批评。",
    "二、加强支部建设，提升组织力",
    "1.3月底前完成党支部书记抓党建工作述职评议，评议结果作为年度考核的重要依据。",
    "2.第二季度开展“四强”党支部创建活动，推动公路、港航、运管等业务处室支部创建达标。",
    "3.“七一”前后召开庆祝建党104周年大会，表彰一批优秀共产党员、优秀党务工作者和先进党支部，"
    "组织党员到市革命烈士纪念馆开展主题党日活动，重温入党誓词，"
    "并深入结对共建的社区开展“我为群众办实事”志愿服务，帮助解决群众急难愁盼问题。",
    "4.严格党员发展程序，全年发展党员3名，9月对入党积极分子进行集中培训。",
    "三、加强党风廉政建设，营造风清气正环境",
    "1.元旦、春节期间开展廉洁过节提醒，由局纪检组对公车使用、公务接待等情况开展监督检查。",
    "2.8月开展“警示教育月”活动，组织党员干部旁听职务犯罪庭审，观看警示教育片，"
    "增强拒腐防变的思想自觉和行动自觉。",
    "3.聚焦工程招投标、资金拨付等重点领域，每季度开展一次廉政风险排查，及时完善防控措施。",
    "四、加强群团工作，凝聚干事合力",
    "1.指导局工会在中秋、国庆期间开展职工趣味运动会和“我和我的祖国”歌咏比赛，"
    "推荐评选三八红旗手和五一劳动奖章候选人。",
    "2.五四青年节期间，由局团委组织青年干部开展“青春交通”主题演讲比赛。",
    "3.寒暑假期间，协调局妇委会开办职工子女托管班，解决职工后顾之忧。",
    "五、工作要求",
    "各党支部要对照本计划，制定本支部年度工作计划，于2月底前报局机关党委。"
    "局机关党委将加强督促指导，年底对各支部党建工作进行考核，考核结果与评先评优挂钩。",
]


def make_pdf() -> None:
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    body = ParagraphStyle("body", fontName="STSong-Light", fontSize=14, leading=26,
                          firstLineIndent=28, wordWrap="CJK")
    head = ParagraphStyle("head", parent=body, fontSize=15)
    title = ParagraphStyle("title", fontName="STSong-Light", fontSize=20, leading=32,
                           alignment=TA_CENTER)

    def decorate(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont("STSong-Light", 10)
        width, height = A4
        canvas.drawCentredString(width / 2, height - 15 * mm, PDF_HEADER)
        canvas.line(25 * mm, height - 17 * mm, width - 25 * mm, height - 17 * mm)
        canvas.setFont("STSong-Light", 12)
        canvas.drawCentredString(width / 2, 12 * mm, f"— {doc.page} —")
        canvas.restoreState()

    story = [Paragraph(line, title) for line in PDF_TITLE]
    story.append(Spacer(1, 18))
    for text in PDF_BODY:
        is_head = text[:2] in {"一、", "二、", "三、", "四、", "五、"}
        story.append(Paragraph(text, head if is_head else body))
    pdf = SimpleDocTemplate(str(HERE / "w8_dangjian.pdf"), pagesize=A4,
                            leftMargin=28 * mm, rightMargin=26 * mm,
                            topMargin=30 * mm, bottomMargin=25 * mm,
                            title="2025年党建工作计划")
    pdf.build(story, onFirstPage=decorate, onLaterPages=decorate)


if __name__ == "__main__":
    make_docx()
    make_pdf()
